// Where the <iam-playground> element of the npm package finds its engine worker: the module
// worker next to this module (bundlers that understand `new Worker(new URL(..., import.meta.url))`
// bundle it and its .wasm). The package has no playground page: "Open in playground" shows only
// when the element names one with its `playground` attribute.

/** The engine worker (a module worker), started when the first embed needs it. */
export function createWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** No playground page ships with the package. */
export function playgroundAddress() {
  return null;
}
