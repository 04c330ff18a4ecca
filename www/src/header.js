// The header: the Examples menu, Import and Call bundle (diagnose.js opens their dialogs),
// Share link (with its extras, share-extras.js), the Scenario JSON dialog, the colour theme;
// on narrow screens the actions fold into a Menu. And the one-line verdict bar under the
// header (shown where the result is not beside the editors).

import { EXAMPLES, IMPORT_EXAMPLES, exampleText, importExampleText } from './examples.js';
import { downloadScenario } from './download.js';
import { baseUrl } from './persistence.js';
import { h, replace, rich } from './dom.js';
import { decisionText, formatSize } from './words.js';
import { t, tp, tx, pageLang, setLang, applyStatic } from './i18n/index.js';

/** Share links longer than this are refused (browsers and chat tools cut them). */
const MAX_SHARE_LINK_CHARS = 1024 * 1024;
/** Scenario files larger than this (in bytes) are refused. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const THEME_KEY = 'iam-playground:theme';

const $ = (id) => document.getElementById(id);

/**
 * `ctx` gives:
 *   engine                       the engine (encode)
 *   scenarioText()               the current scenario as text
 *   scenarioName()               its name
 *   open(text, source, fresh)    loads scenario text; resolves true when loaded (`fresh`: a new
 *                                scenario, forget what was about the old one)
 *   diagnose                     the Import and Call bundle dialogs (diagnose.js)
 *   setLink(payload)             puts a share link in the address bar (persistence.js)
 *   redactByDefault()            true when sharing should offer the redacted scenario first
 *   announce(text), notice(title, text), clearNotice()
 */
export function createHeader(ctx) {
  function exampleEntry(ex, attrs) {
    return h(
      attrs.href ? 'a' : 'button',
      { class: 'example', ...attrs, type: attrs.href ? null : 'button' },
      h('span', { class: 'ex-n' }, ex.id),
      h('span', { class: 'ex-text' }, h('span', { class: 'ex-title' }, t(`example.${ex.id}.title`)), h('span', { class: 'ex-blurb' }, t(`example.${ex.id}.blurb`))),
    );
  }

  function buildExamples() {
    const menu = $('examples-menu');
    const scenarios = EXAMPLES.map((ex) => {
      const link = exampleEntry(ex, { href: '#', dataset: { example: ex.id } });
      link.addEventListener('click', async (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        menu.open = false;
        const href = link.getAttribute('href');
        if (href && href !== '#') history.pushState(null, '', href);
        if (await ctx.open(exampleText(ex), 'example', true)) {
          ctx.announce(t('header.openedExample', { title: t(`example.${ex.id}.title`) }));
          $('result').focus({ preventScroll: true });
        }
      });
      ctx.engine
        .encode(exampleText(ex))
        .then((payload) => link.setAttribute('href', `#${payload}`))
        .catch(() => {});
      return h('li', null, link);
    });
    // Artefacts: they open the Import dialog with the text pasted in.
    const artefacts = IMPORT_EXAMPLES.map((ex) => {
      const button = exampleEntry(ex, { dataset: { importExample: ex.id } });
      button.addEventListener('click', () => {
        menu.open = false;
        importExampleText(ex.id).then(
          (text) => ctx.diagnose.openImport(text),
          (e) => ctx.notice(t('part.failedTitle'), t('part.failed', { message: e.message })),
        );
      });
      return h('li', null, button);
    });
    replace($('examples'), scenarios, artefacts);
  }

  // The menu's entries are built after the first decision (their share links are encoded by
  // the worker, which has the first evaluation to do first), or when the menu is first opened.
  let examplesBuilt = false;
  function ensureExamples() {
    if (examplesBuilt) return;
    examplesBuilt = true;
    buildExamples();
  }

  function setupExamplesMenu() {
    const menu = $('examples-menu');
    menu.querySelector('summary').addEventListener('click', ensureExamples);
    // Close the menu with Escape or a click elsewhere.
    menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && menu.open) {
        menu.open = false;
        menu.querySelector('summary').focus();
      }
    });
    document.addEventListener('click', (e) => {
      if (menu.open && !menu.contains(e.target) && !e.target.closest?.('[data-opens-examples]')) menu.open = false;
    });
  }

  /** Opens the Examples menu with the focus on its first entry (the start line's Examples). */
  function openExamples() {
    const menu = $('examples-menu');
    ensureExamples();
    menu.open = true;
    menu.querySelector('.example')?.focus();
  }

  /**
   * On narrow screens (style.css shows the toggle) the actions are a menu: the toggle opens it,
   * Escape, a click elsewhere or a chosen action closes it.
   */
  function setupActionsMenu() {
    const toggle = $('actions-toggle');
    const list = $('actions-list');
    const setOpen = (open) => {
      toggle.setAttribute('aria-expanded', String(open));
      list.classList.toggle('open', open);
    };
    toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
    list.addEventListener('click', (e) => {
      if (e.target.closest('button') && getComputedStyle(toggle).display !== 'none') setOpen(false);
    });
    list.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && list.classList.contains('open')) {
        setOpen(false);
        toggle.focus();
      }
    });
    document.addEventListener('click', (e) => {
      if (list.classList.contains('open') && !list.contains(e.target) && !toggle.contains(e.target)) setOpen(false);
    });
  }

  /** Shares `text()` (the scenario, redacted when the share panel says so). */
  async function share(text) {
    let payload;
    try {
      payload = await ctx.engine.encode(await text());
    } catch (e) {
      ctx.notice(t('share.failed'), e.message);
      return false;
    }
    const url = `${baseUrl()}#${payload}`;
    if (url.length > MAX_SHARE_LINK_CHARS) {
      ctx.notice(t('share.tooLargeTitle'), t('share.tooLarge', { size: formatSize(url.length) }));
      return false;
    }
    ctx.setLink(payload);
    const input = $('share-link');
    input.value = url;
    $('share-panel').hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      ctx.announce(t('share.copied'));
    } catch {
      ctx.announce(t('share.copyYourself'));
    }
    input.focus();
    input.select();
    return true;
  }

  function setupShare() {
    // The share panel's extras (share-extras.js: Markdown, embed snippet, AWS CLI command,
    // redaction) are a chunk of their own, fetched on the first click of Share link.
    let extras = null;
    let loading = null;
    const makeExtras = (setupShareExtras) => setupShareExtras({
      engine: ctx.engine,
      panel: $('share-panel'),
      linkInput: $('share-link'),
      getText: ctx.scenarioText,
      getName: ctx.scenarioName,
      redactByDefault: ctx.redactByDefault,
      announce: ctx.announce,
    });
    const loadExtras = () => {
      loading ||= import('./share-extras.js').then(
        ({ setupShareExtras }) => {
          extras = makeExtras(setupShareExtras);
          // After a language switch: the extras in the new language, the redaction choice kept.
          relabelShare = () => {
            const redact = $('share-redact')?.checked;
            extras = makeExtras(setupShareExtras);
            $('share-redact').checked = Boolean(redact);
          };
          return extras;
        },
        (e) => {
          loading = null;
          throw e;
        },
      );
      return loading;
    };
    $('share-button').addEventListener('click', async () => {
      try {
        await loadExtras();
      } catch (e) {
        ctx.notice(t('part.failedTitle'), t('part.failed', { message: e.message }));
        return;
      }
      extras.prepare();
      if (await share(extras.sharedText)) extras.refresh();
    });
    $('share-close').addEventListener('click', () => {
      $('share-panel').hidden = true;
      $('share-button').focus();
    });
  }

  /** Opens the Scenario JSON dialog on `text` (default: the scenario), selecting `location`. */
  function openScenario(location, text) {
    const dialog = $('scenario-dialog');
    const area = $('scenario-text');
    area.value = text ?? ctx.scenarioText();
    replace($('scenario-error'));
    if (!dialog.open) dialog.showModal();
    if (location && location.utf16Start !== undefined) {
      area.focus();
      area.setSelectionRange(location.utf16Start, location.utf16End);
    }
  }

  function setupScenarioDialog() {
    const dialog = $('scenario-dialog');
    const area = $('scenario-text');
    const error = $('scenario-error');
    $('scenario-button').addEventListener('click', () => openScenario(null));
    $('scenario-load').addEventListener('click', async () => {
      replace(error);
      try {
        JSON.parse(area.value);
      } catch (e) {
        error.textContent = t('scenario.notJson', { message: e.message });
        area.focus();
        return;
      }
      if (await ctx.open(area.value, 'scenario')) {
        dialog.close();
        ctx.clearNotice();
        ctx.announce(t('scenario.loaded'));
      }
    });
    $('scenario-copy').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(area.value);
        ctx.announce(t('scenario.copied'));
      } catch {
        area.select();
        ctx.announce(t('scenario.copyYourself'));
      }
    });
    // The dialog's text as a file, with `$schema` (download.js).
    $('scenario-download').addEventListener('click', () => downloadScenario(area.value, ctx.scenarioName()));
    $('scenario-file').addEventListener('change', async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) {
        error.textContent = t('scenario.fileTooLarge', { size: formatSize(file.size) });
        return;
      }
      area.value = await file.text();
      e.target.value = '';
    });
  }

  function setupTheme() {
    const button = $('theme-button');
    const order = ['auto', 'light', 'dark'];
    const current = () => document.documentElement.dataset.theme || 'auto';
    const show = () => {
      const theme = current();
      const system = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
      const next = order[(order.indexOf(theme) + 1) % order.length];
      // The visible text is the accessible name (WCAG 2.5.3, label in name); the rest is its
      // description.
      button.textContent = theme === 'auto' ? t(`theme.auto.${system}`) : t(`theme.${theme}`);
      button.title = theme === 'auto' ? t(`theme.titleAuto.${system}`, { next: t(`theme.name.${next}`) }) : t('theme.title', { now: t(`theme.name.${theme}`), next: t(`theme.name.${next}`) });
    };
    showTheme = show;
    button.addEventListener('click', () => {
      const next = order[(order.indexOf(current()) + 1) % order.length];
      if (next === 'auto') delete document.documentElement.dataset.theme;
      else document.documentElement.dataset.theme = next;
      try {
        if (next === 'auto') localStorage.removeItem(THEME_KEY);
        else localStorage.setItem(THEME_KEY, next);
      } catch {
        // not saved; still applied
      }
      show();
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', show);
    show();
  }

  /**
   * The verdict bar: the decision, its one-line reason, a link to the result. Its box is the
   * same before and after the first decision (style.css), so nothing moves when it comes.
   */
  function showVerdict({ answer, selected }) {
    const bar = $('verdict-bar');
    const parts = (symbol, word, reason, cls, status) => {
      replace(bar.querySelector('.verdict-symbol'), symbol);
      replace(bar.querySelector('.verdict-word'), word);
      replace(bar.querySelector('.verdict-reason'), ...reason);
      bar.className = `verdict-bar ${cls}`;
      bar.dataset.status = status;
      delete bar.dataset.decision;
    };
    if (!answer) {
      parts('ℹ', t('decision.none'), [t('verdict.seeResult')], 'invalid', 'message');
      return;
    }
    const d = answer.status === 'evaluated' ? decisionText(answer.decision) : null;
    if (!d) {
      const errors = answer.diagnostics.filter((x) => x.severity === 'error').length;
      parts('✖', t('decision.none'), [tp('verdict.errors', errors)], 'invalid', 'invalid');
      return;
    }
    const result = answer.requests[Math.min(selected, answer.requests.length - 1)];
    const many = answer.requests.length > 1;
    const denied = answer.requests.filter((r) => r.decision !== 'Allow').length;
    const reason = many ? [t('verdict.denied', { denied: String(denied), total: String(answer.requests.length) })] : rich(result?.summary);
    parts(d.symbol, d.word, reason, d.cls, 'evaluated');
    bar.dataset.decision = answer.decision;
  }

  /** The language switch: it shows the other language's name, in that language. */
  function setupLang() {
    const button = $('lang-button');
    const show = () => {
      const other = pageLang() === 'ja' ? 'en' : 'ja';
      button.textContent = t(`lang.name.${other}`);
      button.setAttribute('lang', other);
      button.title = t('lang.switchTitle');
    };
    button.addEventListener('click', () => setLang(pageLang() === 'ja' ? 'en' : 'ja'));
    show();
    return show;
  }

  /** The header's words in the page's language (after a switch). */
  function relabel() {
    applyStatic(document);
    replace($('scenario-hint'), tx('scenario.hint', { command: h('code', null, 'iam-playground eval') }));
    showTheme();
    showLang();
    if (examplesBuilt) buildExamples();
    relabelShare();
  }

  let showTheme = () => {};
  let relabelShare = () => {};
  setupTheme();
  const showLang = setupLang();
  setupScenarioDialog();
  setupExamplesMenu();
  replace($('scenario-hint'), tx('scenario.hint', { command: h('code', null, 'iam-playground eval') }));
  setupShare();
  setupActionsMenu();
  $('import-button').addEventListener('click', () => ctx.diagnose.openImport());
  $('bundle-button').addEventListener('click', () => ctx.diagnose.openBundles());

  return {
    show(view) {
      showVerdict(view);
      if (!examplesBuilt) setTimeout(ensureExamples, 0);
    },
    openScenario,
    openExamples,
    relabel,
  };
}
