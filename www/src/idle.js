// The page's requestIdleCallback: esbuild puts it in place of the global one in the page's
// bundle (scripts/build-web.mjs, `inject`). It hands on the browser's idle periods, cut to
// IDLE_MS: CodeMirror parses a long document in the background one slice per idle period,
// as long as the period less 5 ms (at least 25 ms), and the browser gives periods of up to
// 50 ms: slices of 45 ms, which on a busy machine ran past 50. Cut, they stay near 25 ms.
const IDLE_MS = 30;

const native = typeof globalThis.requestIdleCallback === 'function' ? globalThis.requestIdleCallback.bind(globalThis) : undefined;

/** Where the browser has no idle callbacks, neither does the page (`typeof` tells). */
export const requestIdleCallback = native
  ? (callback, options) =>
    native(
      (deadline) =>
        callback({
          didTimeout: deadline.didTimeout,
          timeRemaining: () => Math.min(IDLE_MS, deadline.timeRemaining()),
        }),
      options,
    )
  : undefined;
