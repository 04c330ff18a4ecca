// Starts the engine as early as the page can: the worker and the download and compilation of
// the deciding module begin while the page's own scripts are still loading; main.js takes both
// over (window.iamPlaygroundBoot), and starts them itself where this did not run. A classic
// script in <head> (the Content-Security-Policy forbids inline scripts).
(function () {
  try {
    var wasm = typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch('iam_playground_bg.wasm'))
      : Promise.reject(new Error('no streaming compilation'));
    wasm.catch(function () {});
    // The worker waits for the module from the page (worker.js, MODULE_FROM_PAGE), or for null
    // when it could not be compiled here, and then fetches it itself.
    var worker = new Worker('worker.js', { name: 'deciding-module-from-page' });
    var boot = { wasm: wasm, worker: worker, failed: false };
    worker.addEventListener('error', function () {
      boot.failed = true;
    });
    wasm.then(
      function (wasmModule) {
        worker.postMessage({ wasmModule: wasmModule });
      },
      function () {
        worker.postMessage({ wasmModule: null });
      },
    );
    window.iamPlaygroundBoot = boot;
  } catch (e) {
    // main.js starts the engine itself
  }
})();
