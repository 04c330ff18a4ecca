// The tools module (www/pkg-tools, built from the same crate with the `tools` feature:
// scripts/build.sh): fetched and compiled once, the first time the worker needs it, so the
// first decision needs only the deciding module (www/pkg).

import { WORKER_BASE, loadFailure } from './worker-base.js';

let loading = null;
let loaded = false;

/**
 * True once the tools module is loaded (its glue, worker-tools.js, is read in before: until
 * `initTools` is done none of its functions may be called).
 */
export function toolsLoaded() {
  return loaded;
}

/** The tools half once read in (worker-tools.js: `{initTools, tools, aws}`), else undefined. */
export function toolsPart() {
  return self.iamPlaygroundTools;
}

/**
 * Reads in worker-tools.js and loads the tools module, once; later calls return the same
 * promise (a failed load is retried).
 */
export function loadTools() {
  if (!loading) {
    loading = (async () => {
      if (!toolsPart()) self.importScripts(new URL('worker-tools.js', WORKER_BASE).href);
      await toolsPart().initTools({ module_or_path: new URL('iam_playground_tools_bg.wasm', WORKER_BASE) });
      loaded = true;
    })().catch((e) => {
      loading = null; // a failed load is retried on the next use
      throw loadFailure(e);
    });
  }
  return loading;
}
