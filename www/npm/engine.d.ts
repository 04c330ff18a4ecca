// iam-playground/engine: the AWS IAM policy evaluation engine (WebAssembly).

import type { Answer, Brief } from './answer.js';
import type { Scenario } from './scenario.js';

export type * from './answer.js';
export type * from './scenario.js';

/** Where to load the .wasm from: an address, a fetch Response, bytes or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the engine once (later calls return the same promise), with its Japanese sentences
 * (`i18n/ja.json` of the package, fetched beside the .wasm; should that fail, Japanese answers
 * are in English). In browsers call it before anything else; in Node 18 or later the engine is
 * ready on import and this resolves at once.
 */
export function init(source?: WasmSource): Promise<void>;
export default init;

/**
 * Decides and explains a scenario, given as an object or as its JSON text. `lang` is the
 * language of the answer's sentences (verdict, reasons, diagnostics): English when absent.
 */
export function evaluate(scenario: Scenario | string, lang?: 'en' | 'ja'): Answer;

/**
 * Decides a scenario without explaining it: each request's decision, the layer and the
 * statements that decided, and the diagnostics, as `evaluate` gives them, several times faster
 * (for verdict badges, batch checks and docs CI). `lang` is the language of the diagnostics.
 */
export function decide(scenario: Scenario | string, lang?: 'en' | 'ja'): Brief;

/** The engine's version. */
export function version(): string;

/** Share links: the whole scenario in the URL fragment. */
export const share: {
  /** The fragment payload (`v1.…`, without `#`) for a scenario. */
  encode(scenario: Scenario | string): string;
  /** The scenario text a payload, `#fragment` or whole link carries; throws an Error saying what is wrong. */
  decode(link: string): string;
  /** `base` (the playground's address) + `#` + the payload. */
  link(base: string, scenario: Scenario | string): string;
};
