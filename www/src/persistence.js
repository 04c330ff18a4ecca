// Where the scenario lives between visits and on the way to a colleague: localStorage (the
// last scenario, restored on the next visit) and the URL fragment (`#v1.…`, a share link that
// never reaches a server). The address bar follows the scenario while its link stays short;
// a link pasted into an open tab, Back and Forward open the scenario they carry.

import { modelToJson, modelFromJson } from './scenario.js';
import { t } from './i18n/index.js';
import { lessonIdOf } from './lesson-link.js';

const STORAGE_KEY = 'iam-playground:scenario';
/** The address bar follows the scenario while its link stays this short. */
const MAX_LIVE_LINK_CHARS = 100 * 1024;

/** The model saved last in localStorage, or null. */
export function restoreSaved() {
  try {
    const json = localStorage.getItem(STORAGE_KEY);
    return json ? modelFromJson(json) : null;
  } catch {
    return null;
  }
}

/** The page's address without its fragment. */
export function baseUrl() {
  return location.href.split('#')[0];
}

/**
 * `ctx` gives:
 *   engine                          encode/decode share links
 *   currentText()                   the scenario text evaluated last (the address bar follows it)
 *   open(text, source)              loads scenario text as a new scenario; resolves true when loaded
 *   fallBack()                      nothing could be opened and nothing is shown yet
 *   openLesson(id)                  opens learn mode on lesson `id` (a `#learn/ID` link)
 *   notice(title, text)             a message that stays until dismissed
 */
export function createPersistence(ctx) {
  // The fragment the page wrote or opened last (to tell our own changes from the user's).
  let hash = null;

  // The model is written after the evaluation is sent, the latest one when several come in
  // between: turned into JSON in a task of its own, stored in the next (a 1 MB scenario takes
  // 10-25 ms for each).
  let saving = null;
  function write() {
    const model = saving;
    saving = null;
    const json = modelToJson(model);
    setTimeout(() => {
      try {
        localStorage.setItem(STORAGE_KEY, json);
      } catch {
        // storage full or disabled: the URL still carries small scenarios
      }
    }, 0);
  }
  function save(model) {
    if (!saving) setTimeout(write, 0);
    saving = model;
  }

  /** Keeps the address bar's fragment on `text` (when the link stays short). */
  async function follow(text) {
    // In learn mode the address stays the lesson's link (`#learn/ID`).
    if (lessonIdOf(location.hash)) return;
    try {
      const payload = await ctx.engine.encode(text);
      if (text !== ctx.currentText()) return;
      if (payload.length <= MAX_LIVE_LINK_CHARS) {
        if (location.hash.slice(1) !== payload) history.replaceState(null, '', `#${payload}`);
        hash = payload;
      } else if (location.hash) {
        history.replaceState(null, '', baseUrl());
        hash = '';
      }
    } catch {
      // encoding failed: leave the address bar as it is
    }
  }

  /** Puts `payload` in the address bar as the page's own (a share link was made). */
  function setLink(payload) {
    history.replaceState(null, '', `${baseUrl()}#${payload}`);
    hash = payload;
  }

  /** Opens the scenario a fragment carries (or the lesson a `#learn/ID` link names). */
  async function openFragment(fragment) {
    hash = fragment;
    const lesson = lessonIdOf(fragment);
    if (lesson) {
      if (!(await ctx.openLesson(lesson))) ctx.fallBack();
      return;
    }
    let text;
    try {
      text = await ctx.engine.decode(fragment);
    } catch (e) {
      ctx.notice(t('link.failedTitle'), t('link.failed', { message: e.message }));
      ctx.fallBack();
      return;
    }
    if (!(await ctx.open(text, 'shared scenario'))) ctx.fallBack();
  }

  /**
   * Opens the fragment the page was opened with, and follows later ones (a link pasted into
   * the tab, Back, Forward). Returns false when the address has no fragment.
   */
  function start() {
    const onFragment = () => {
      const fragment = location.hash.slice(1);
      if (fragment && fragment !== hash) openFragment(fragment);
    };
    window.addEventListener('hashchange', onFragment);
    window.addEventListener('popstate', onFragment);
    const fragment = location.hash.slice(1);
    if (!fragment) return false;
    openFragment(fragment);
    return true;
  }

  return { save, restore: restoreSaved, follow, setLink, start };
}
