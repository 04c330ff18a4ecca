// The engine worker of the <iam-playground> element (a module worker): every embed of a page
// shares one, so the WebAssembly module is fetched and compiled once. Messages {id, op, arg};
// replies {id, ok, value} or {id, ok: false, error}.

import init, * as wasm from './wasm/iam_playground.js';
import { japaneseCatalog } from '../src/japanese-catalog.js'; // bundled in by scripts/npm-package.mjs

const ready = init({ module_or_path: new URL('./wasm/iam_playground_bg.wasm', import.meta.url) });

// The engine's Japanese sentences are not compiled into the module: i18n/ja.json of this
// package, fetched (while the module loads) and installed before the first answer in Japanese
// (an English page never fetches it); should the fetch fail, that answer is English and the
// next one tries again.
const japanese = japaneseCatalog(new URL('./i18n/ja.json', import.meta.url));

const ops = {
  // `{text, lang}` from the element (its sentences in its language); a bare text still works.
  evaluate: (arg) => (typeof arg === 'string' ? wasm.evaluate(arg) : wasm.evaluate(arg.text, arg.lang)),
  encode: (text) => wasm.shareEncode(text),
  decode: (fragment) => wasm.shareDecode(fragment),
  version: () => wasm.version(),
};

self.onmessage = async (event) => {
  const { id, op, arg } = event.data || {};
  japanese.prefetch(arg?.lang);
  try {
    await ready;
    const run = Object.hasOwn(ops, op) ? ops[op] : null;
    if (!run) throw new Error(`unknown operation \`${op}\``);
    await japanese.install(arg?.lang, [wasm]);
    self.postMessage({ id, ok: true, value: await run(arg) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: e && e.message ? e.message : String(e) });
  }
};
