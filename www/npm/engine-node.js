// iam-playground/engine in Node 18 or later (the `node` export condition): the WebAssembly
// module is read from this package and instantiated on import (with its Japanese sentences,
// i18n/ja.json), so no init call is needed.
//
//   import { evaluate } from 'iam-playground/engine';
//   console.log(evaluate(scenario).decision);

import { readFileSync } from 'node:fs';
import { initSync, installLanguage } from './wasm/iam_playground.js';
import { markReady } from './engine-api.js';

initSync({ module: readFileSync(new URL('./wasm/iam_playground_bg.wasm', import.meta.url)) });
// The engine's Japanese sentences are a file of the package, not compiled into the module.
installLanguage('ja', readFileSync(new URL('./i18n/ja.json', import.meta.url), 'utf8'));
markReady();

export { decide, evaluate, share, version } from './engine-api.js';

/** Already done on import; kept so that code shared with browsers can call `await init()`. */
export function init() {
  return Promise.resolve();
}

export default init;
