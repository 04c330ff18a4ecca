// The engine's Japanese sentences (i18n/ja.json) are compiled into neither WebAssembly module, so
// an English visit never fetches them. One loader for both workers that install them: the
// site's (www/src/worker.js) and the npm element's (www/npm/worker.js); both builds bundle it in
// (scripts/build-web.mjs, scripts/npm-package.mjs).

/** Whether `lang` (a tag: `ja`, `ja-JP`; English when absent) is Japanese. */
export const isJapanese = (lang) => String(lang ?? 'en').toLowerCase().split(/[-_.@]/)[0] === 'ja';

/**
 * The catalog at `url`, fetched once (again after a failed fetch: the next answer tries again).
 * `prefetch(lang)` starts the fetch for an operation in Japanese (while the module still loads);
 * `install(lang, modules)` makes sure each module can write `lang` before it answers (at once for
 * English), so an answer is never half in one language; should the fetch fail, the answer is
 * English (the engine's fallback) and a warning says why.
 */
export function japaneseCatalog(url) {
  let pending = null;
  const text = () => {
    if (!pending) {
      pending = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
      });
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
  return {
    prefetch(lang) {
      if (isJapanese(lang) && !pending) text().catch(() => {});
    },
    async install(lang, modules) {
      if (!isJapanese(lang)) return;
      const missing = modules.filter((m) => m && !m.hasLanguage('ja'));
      if (!missing.length) return;
      try {
        const catalog = await text();
        for (const m of missing) if (!m.hasLanguage('ja')) m.installLanguage('ja', catalog);
      } catch (e) {
        console.warn(`the engine's Japanese sentences could not be loaded (${e && e.message ? e.message : e}): answers are in English`);
      }
    },
  };
}
