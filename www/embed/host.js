// Where the <iam-playground> element finds its engine worker and the playground in the built
// site: next to the element's script (a classic script: currentScript is set while it runs).
// The npm package swaps in www/npm/host.js.

const SCRIPT_URL = (document.currentScript && document.currentScript.src) || document.baseURI;

/**
 * The engine worker (a classic script), started when the first embed needs it. A page may only
 * start workers from its own origin: when the script comes from another site (a documentation
 * page using the playground's site), the worker starts from a same-origin blob that loads the
 * worker script with importScripts and tells it where its .wasm is (`self.iamPlaygroundBase`).
 * The playground's site must then let other sites fetch the .wasm (Access-Control-Allow-Origin,
 * which GitHub Pages sends), and the host's CSP must allow `worker-src blob:` (docs.html).
 */
export function createWorker() {
  const url = new URL('worker.js', SCRIPT_URL);
  if (url.origin === location.origin) return new Worker(url);
  const source = `self.iamPlaygroundBase = ${JSON.stringify(url.href)};\nimportScripts(${JSON.stringify(url.href)});\n`;
  const blob = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(blob);
  } finally {
    // The worker holds what it needs: the address is resolved when the worker is created.
    URL.revokeObjectURL(blob);
  }
}

/** The playground page, for "Open in playground". */
export function playgroundAddress() {
  return new URL('index.html', SCRIPT_URL).href;
}

/** A lesson's file (`lessons/ID.json` next to the script in the built site). */
export function lessonAddress(id) {
  return new URL(`lessons/${id}.json`, SCRIPT_URL).href;
}
