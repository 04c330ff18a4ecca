// Where the <iam-playground> element finds its engine worker and the playground in the built
// site: next to the element's script (a classic script: currentScript is set while it runs).
// The npm package swaps in www/npm/host.js.

const SCRIPT_URL = (document.currentScript && document.currentScript.src) || document.baseURI;

/** The engine worker (a classic script), started when the first embed needs it. */
export function createWorker() {
  return new Worker(new URL('worker.js', SCRIPT_URL));
}

/** The playground page, for "Open in playground". */
export function playgroundAddress() {
  return new URL('index.html', SCRIPT_URL).href;
}
