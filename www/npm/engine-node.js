// iam-playground/engine in Node 18 or later (the `node` export condition): the WebAssembly
// module is read from this package and instantiated on import, so no init call is needed.
//
//   import { evaluate } from 'iam-playground/engine';
//   console.log(evaluate(scenario).decision);

import { readFileSync } from 'node:fs';
import { initSync } from './wasm/iam_playground.js';
import { markReady } from './engine-api.js';

initSync({ module: readFileSync(new URL('./wasm/iam_playground_bg.wasm', import.meta.url)) });
markReady();

export { decide, evaluate, share, version } from './engine-api.js';

/** Already done on import; kept so that code shared with browsers can call `await init()`. */
export function init() {
  return Promise.resolve();
}

export default init;
