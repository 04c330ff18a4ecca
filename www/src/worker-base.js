// Where the engine worker's files are (the .wasm, data/): next to the worker script. A worker
// started by an <iam-playground> element on another site runs from a blob (www/embed/host.js),
// whose own address says nothing; that blob names the script's address first.

/** The worker script's address, the base of the files it fetches. */
export const WORKER_BASE = self.iamPlaygroundBase || self.location.href;

/** The error to report when the .wasm could not be fetched or compiled. */
export function loadFailure(error) {
  const crossOrigin = new URL(WORKER_BASE).origin !== self.location.origin;
  const message = error && error.message ? error.message : String(error);
  if (crossOrigin && error instanceof TypeError) {
    return new Error(
      `the engine could not be loaded from ${new URL('.', WORKER_BASE).href} (${message}). Its site must let other sites fetch its files (the header Access-Control-Allow-Origin: *), and this page's Content-Security-Policy must allow it (connect-src); or embed the iframe instead.`,
    );
  }
  return new Error(`the engine could not be loaded (${message})`);
}
