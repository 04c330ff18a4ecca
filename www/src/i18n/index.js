// The page's words in English and Japanese: one catalog per language (en.js, ja.js), whole
// sentences with named placeholders (`{name}`), never assembled from fragments. A count picks
// a whole sentence (`KEY.one` or `KEY.other`). tests/docs/i18n.test.mjs checks that both
// catalogs have the same keys and placeholders, and that every key the sources use exists.
//
//   t('header.share')                          a sentence as text
//   tp('result.errors', 3)                     a sentence for a count ({n} is the count)
//   tx('result.inPolicy', {policy: element})   a sentence as nodes: placeholders may be elements
//
// The page's language is `<html lang>`, chosen before the first paint by theme.js (a stored
// choice, else the browser's languages, else English); setLang() switches it.

import EN from './en.js';

/**
 * The catalogs. Japanese is a chunk of its own, fetched by loadLang('ja') (the page awaits it
 * before its first words when it opens in Japanese; a switch awaits it too), so an English
 * page never downloads it; until then its words fall back to English.
 */
export const CATALOGS = { en: EN, ja: {} };
let jaLoading = null;

/** Makes `lang`'s catalog ready (at once for English); a failed load is tried again next time. */
export function loadLang(lang) {
  if (normalLang(lang) !== 'ja') return Promise.resolve();
  jaLoading ||= import('./ja.js').then(
    (m) => {
      Object.assign(CATALOGS.ja, m.default);
    },
    (e) => {
      jaLoading = null;
      throw e;
    },
  );
  return jaLoading;
}

/** Adds a catalog loaded another way (the embed element bundles Japanese in). */
export function addCatalog(lang, catalog) {
  Object.assign(CATALOGS[normalLang(lang)], catalog);
}
export const LANGS = ['en', 'ja'];
/** Where the user's choice is kept (theme.js reads it too). */
export const LANG_KEY = 'iam-playground:lang';

/** The language for a stored choice and the browser's languages: en or ja, English otherwise. */
export function pickLang(stored, languages) {
  if (stored === 'en' || stored === 'ja') return stored;
  for (const tag of languages || []) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (primary === 'en' || primary === 'ja') return primary;
  }
  return 'en';
}

/** `lang` when the playground speaks it, else English. */
export function normalLang(lang) {
  const primary = String(lang || '').toLowerCase().split('-')[0];
  return primary === 'ja' ? 'ja' : 'en';
}

/** The page's language: 'en' or 'ja'. */
export function pageLang() {
  return typeof document === 'undefined' ? 'en' : normalLang(document.documentElement.lang);
}

/** Sentence `key` of language `lang` with its placeholders filled from `values`, as parts. */
function parts(lang, key, values = {}) {
  const catalog = CATALOGS[normalLang(lang)];
  const template = Object.hasOwn(catalog, key) ? catalog[key] : Object.hasOwn(EN, key) ? EN[key] : key;
  const out = [];
  const re = /\{([a-zA-Z0-9_]+)\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(template))) {
    out.push(template.slice(last, m.index));
    out.push(Object.hasOwn(values, m[1]) ? values[m[1]] : m[0]);
    last = re.lastIndex;
  }
  out.push(template.slice(last));
  return out.filter((p) => p !== '' && p !== null && p !== undefined);
}

/** Functions for one language (`lang()` is asked at each call): {t, tp, tx}. */
export function translator(lang) {
  const t = (key, values) => parts(lang(), key, values).map((p) => (typeof p === 'object' ? p.textContent : String(p))).join('');
  const tp = (key, n, values) => t(`${key}.${n === 1 ? 'one' : 'other'}`, { n: String(n), ...values });
  const tx = (key, values) => parts(lang(), key, values);
  return { t, tp, tx };
}

export const { t, tp, tx } = translator(pageLang);

/**
 * Fills the page's fixed text in the current language: `data-i18n="KEY"` sets the text,
 * `data-i18n-attr="ATTR:KEY ATTR:KEY"` sets attributes (aria-label, title, placeholder).
 */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.trim().split(/\s+/)) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}

/**
 * Switches the page to `lang` once its catalog is loaded, keeps the choice and tells the page
 * (a `langchange` event). Resolves false when the catalog could not be loaded (the page stays
 * in its language).
 */
export async function setLang(lang) {
  const next = normalLang(lang);
  try {
    await loadLang(next);
  } catch {
    return false;
  }
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // not kept; still applied
  }
  if (document.documentElement.lang === next) return true;
  document.documentElement.lang = next;
  document.dispatchEvent(new CustomEvent('langchange', { detail: next }));
  return true;
}

/**
 * Fills `el` with `make()` (text, nodes or arrays of them) now and again after each language
 * switch: for the parts of the page built once (dialogs).
 */
export function live(el, make) {
  const fill = () => {
    el.replaceChildren();
    for (const child of [make()].flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child);
  };
  fill();
  if (typeof document !== 'undefined') document.addEventListener('langchange', fill);
  return el;
}

/** Sets attribute `attr` of `el` to `make()` now and after each language switch. */
export function liveAttr(el, attr, make) {
  const fill = () => el.setAttribute(attr, make());
  fill();
  if (typeof document !== 'undefined') document.addEventListener('langchange', fill);
  return el;
}
