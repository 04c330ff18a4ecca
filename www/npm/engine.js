// iam-playground/engine for browsers and bundlers: `await init()` once, then evaluate.
//
//   import init, { evaluate } from 'iam-playground/engine';
//   await init();
//   const answer = evaluate({ policies: { ... }, request: { ... } });
//
// `init()` fetches `wasm/iam_playground_bg.wasm` next to this module (bundlers that understand
// `new URL(..., import.meta.url)` copy it); pass another address, a Response, bytes or a
// compiled WebAssembly.Module to load it from elsewhere. Under a Content-Security-Policy the
// page needs `script-src 'wasm-unsafe-eval'` and `connect-src` for the .wasm address.

import initWasm from './wasm/iam_playground.js';
import { markReady } from './engine-api.js';

export { decide, evaluate, share, version } from './engine-api.js';

let loading = null;

/** Loads and instantiates the engine once; later calls return the same promise. */
export function init(source) {
  if (!loading) {
    loading = initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
      markReady();
    });
    loading.catch(() => {
      loading = null; // a failed load may be retried
    });
  }
  return loading;
}

export default init;
