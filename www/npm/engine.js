// iam-playground/engine for browsers and bundlers: `await init()` once, then evaluate.
//
//   import init, { evaluate } from 'iam-playground/engine';
//   await init();
//   const answer = evaluate({ policies: { ... }, request: { ... } });
//
// `init()` fetches `wasm/iam_playground_bg.wasm` next to this module (bundlers that understand
// `new URL(..., import.meta.url)` copy it); pass another address, a Response, bytes or a
// compiled WebAssembly.Module to load it from elsewhere. Beside it, it fetches the engine's
// Japanese sentences, `i18n/ja.json` (not compiled into the module); should that fail,
// answers asked for in Japanese are in English. Under a Content-Security-Policy the
// page needs `script-src 'wasm-unsafe-eval'` and `connect-src` for the .wasm address.

import initWasm, { installLanguage } from './wasm/iam_playground.js';
import { markReady } from './engine-api.js';

export { decide, evaluate, share, version } from './engine-api.js';

let loading = null;

/** Loads and instantiates the engine once; later calls return the same promise. */
export function init(source) {
  if (!loading) {
    const japanese = fetch(new URL('./i18n/ja.json', import.meta.url))
      .then((response) => (response.ok ? response.text() : null))
      .catch(() => null);
    loading = initWasm(source === undefined ? undefined : { module_or_path: source }).then(async () => {
      const text = await japanese;
      if (text !== null) installLanguage('ja', text);
      markReady();
    });
    loading.catch(() => {
      loading = null; // a failed load may be retried
    });
  }
  return loading;
}

export default init;
