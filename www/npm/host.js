// Where the <iam-playground> element of the npm package finds its engine worker: the module
// worker next to this module (bundlers that understand `new Worker(new URL(..., import.meta.url))`
// bundle it and its .wasm). The package has no playground page: "Open in playground" shows only
// when the element names one with its `playground` attribute.

/**
 * The engine worker (a module worker), started when the first embed needs it. Served from
 * another origin (a CDN), the worker starts from a same-origin blob that imports the worker
 * module (the CDN must allow CORS, as npm CDNs do; the host's CSP needs `worker-src blob:`).
 */
export function createWorker() {
  const url = new URL('./worker.js', import.meta.url);
  if (typeof location === 'undefined' || url.origin === location.origin) {
    return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  }
  const blob = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
  try {
    return new Worker(blob, { type: 'module' });
  } finally {
    URL.revokeObjectURL(blob);
  }
}

/** No playground page ships with the package. */
export function playgroundAddress() {
  return null;
}

/** No lessons ship with the package: an element with `lesson` says so. */
export function lessonAddress() {
  return null;
}
