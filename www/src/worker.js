// The Web Worker that runs the engine, so a long evaluation (a 1 MB paste) never freezes the
// page. Messages: {id, op, arg} with op `evaluate` (scenario text), `encode` (scenario text),
// `decode` (fragment), `version`, `import`, `importInto`, `bundles`, `expandInto`, `fixes`,
// `redact`, `simulateCommand` and the AWS data queries; replies {id, ok, value} or {id, ok: false, error}.

import init, { version, shareEncode, shareDecode, importArtifact, listBundles, expandBundleInto } from '../pkg/iam_playground.js';

// The .wasm sits next to this script in the built site.
const ready = init({ module_or_path: new URL('iam_playground_bg.wasm', self.location.href) });

// The AWS catalog and managed policies, loaded on request (aws-worker.js).
import { awsOps, dataTools, evaluateWithData } from './aws-worker.js';

const ops = {
  evaluate: (text) => evaluateWithData(text),
  encode: (text) => shareEncode(text),
  decode: (fragment) => shareDecode(fragment),
  version: () => version(),
  // From "not authorized" to a fix (diagnose.js): import, call bundles, fix suggestions.
  import: (text) => importArtifact(text),
  bundles: () => listBundles(),
  expandInto: ({ text, name, params }) => expandBundleInto(text, name, JSON.stringify(params || {})),
  ...dataTools,
  ...awsOps,
};

self.onmessage = async (event) => {
  const { id, op, arg } = event.data || {};
  try {
    await ready;
    const run = ops[op];
    if (!run) throw new Error(`unknown operation \`${op}\``);
    const value = await run(arg);
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: e && e.message ? e.message : String(e) });
  }
};

// Sharing extras (issue 6): redaction before sharing and the AWS simulator command are in
// `dataTools` (aws-worker.js), with the AWS data once it is loaded.
