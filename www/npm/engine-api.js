// The engine's API over the wasm-bindgen module, shared by the browser entry (engine.js, after
// `await init()`) and the Node entry (engine-node.js, ready on import). A scenario is given as
// its JSON text or as an object.

import * as wasm from './wasm/iam_playground.js';

let ready = false;

/** Called once the WebAssembly module is instantiated. */
export function markReady() {
  ready = true;
}

function engine() {
  if (!ready) {
    throw new Error('iam-playground/engine is not initialised: `await init()` first (in Node 18 or later the engine is ready on import)');
  }
  return wasm;
}

function scenarioText(scenario) {
  if (typeof scenario === 'string') return scenario;
  if (scenario && typeof scenario === 'object') return JSON.stringify(scenario, null, 2);
  throw new TypeError(`expected a scenario (its JSON text or an object), got ${scenario === null ? 'null' : typeof scenario}`);
}

/**
 * Decides and explains a scenario: the whole answer (decision, the statements that decided,
 * every statement and condition explained, diagnostics with their places). `lang` (`'en'`,
 * `'ja'`) is the language of its sentences; English when absent.
 */
export function evaluate(scenario, lang) {
  return engine().evaluate(scenarioText(scenario), lang === undefined ? undefined : String(lang));
}

/**
 * Decides a scenario without explaining it (the brief answer): the decision, each request's
 * decision, the layer and the statements that decided, and the diagnostics, the same as
 * `evaluate` gives them.
 */
export function decide(scenario, lang) {
  return engine().decide(scenarioText(scenario), lang === undefined ? undefined : String(lang));
}

/** The engine's version (the crate's). */
export function version() {
  return engine().version();
}

/** Share links: the whole scenario in the URL fragment (format `v1.`, docs/scenario-format.md). */
export const share = Object.freeze({
  /** The fragment payload (without `#`) for a scenario. */
  encode(scenario) {
    return engine().shareEncode(scenarioText(scenario));
  },
  /** The scenario text a payload, a `#fragment` or a whole link carries; throws an Error that says what is wrong. */
  decode(link) {
    return engine().shareDecode(String(link));
  },
  /** A whole link: `base` (the playground's address) + `#` + the payload. */
  link(base, scenario) {
    return `${String(base).split('#')[0]}#${share.encode(scenario)}`;
  },
});
