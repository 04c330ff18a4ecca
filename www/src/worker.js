// The Web Worker that runs the engine, so a long evaluation (a 1 MB paste) never freezes the
// page. Messages: {id, op, arg}; replies {id, ok, value} (a long answer after its parts
// {id, part}: splitParts) or {id, ok: false, error: {message, code?, help?, location?, path?}}.
// Every operation the page may ask for is in the one table below (the page calls them with
// `engine.call(op, arg)`).
//
// Two WebAssembly modules of one engine (scripts/build.sh): the deciding module (`wasm`,
// www/pkg: evaluate, share links, version), fetched and compiled at once, and the tools module
// (`tools`, www/pkg-tools: the AWS data, lint, fixes, import, bundles, redaction, the simulator
// command, account files), fetched the first time an operation outside DECIDING needs it
// (tools-loader.js): after the first decision, when the page asks for the AWS data, or when a
// tool is used. The first decision never waits for it.

import init, * as wasm from '../pkg/iam_playground.js';
import { loadTools, toolsLoaded, toolsPart } from './tools-loader.js';
import { WORKER_BASE, loadFailure } from './worker-base.js';
import { japaneseCatalog } from './japanese-catalog.js';

// The tools module's functions and the AWS data (aws-worker.js) live in worker-tools.js, which
// loadTools() reads in the first time an operation outside DECIDING needs it.
const tools = new Proxy({}, { get: (_, name) => toolsPart().tools[name] });
const awsData = () => toolsPart()?.aws.awsData() ?? null;
const { checkLesson, loadData, loadedData, queryData, withData } = Object.fromEntries(
  ['checkLesson', 'loadData', 'loadedData', 'queryData', 'withData'].map((name) => [name, (...args) => toolsPart().aws[name](...args)]),
);

/**
 * The name of a worker whose page fetches and compiles the deciding module itself, beside the
 * worker's start, and sends it (`{wasmModule}`, the first message; null when it could not):
 * the .wasm is then asked for at once, not after this script has loaded (main.js).
 */
const MODULE_FROM_PAGE = 'deciding-module-from-page';
let moduleFromPage = null;
const given = self.name === MODULE_FROM_PAGE ? new Promise((resolve) => (moduleFromPage = resolve)) : Promise.resolve(null);

// Else (or when the page could not compile it) the .wasm sits next to this script in the built site.
const ready = given
  .then((module) => init({ module_or_path: module || new URL('iam_playground_bg.wasm', WORKER_BASE) }))
  .catch((e) => {
    throw loadFailure(e);
  });

/**
 * A small scenario evaluated once the module is in, before any operation: the engine's first
 * evaluation also compiles, function by function, the WebAssembly it runs (20-60 ms), and this
 * one does it while the page is still loading, so the page's first evaluation takes a few ms.
 */
const WARM_UP = JSON.stringify({
  policies: {
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
          { Effect: 'Deny', NotAction: 's3:*', Resource: 'arn:aws:s3:::b/*' },
        ],
      },
    ],
  },
  request: { principal: 'arn:aws:iam::111122223333:user/u', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/r', context: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
});
ready.then(
  () => {
    try {
      wasm.evaluate(WARM_UP);
    } catch {
      // only a warm-up: the page's own evaluations say what is wrong
    }
  },
  () => {},
);

/**
 * The engine's Japanese sentences (i18n/ja.json next to this script), fetched the first time an
 * answer in Japanese is asked for and installed in each module before it answers in Japanese (in
 * the tools module only once it is loaded: an operation in Japanese that the deciding module
 * answers may come while the tools are loading for another).
 */
const japanese = japaneseCatalog(new URL('i18n/ja.json', WORKER_BASE));
const languageFor = (lang) => japanese.install(lang, [wasm, toolsLoaded() ? toolsPart().tools : null]);

/**
 * The operations the deciding module answers alone. (Once the AWS data is loaded, which needs
 * the tools module, `evaluate` runs in the tools module with it.)
 */
const DECIDING = new Set(['evaluate', 'version', 'encode', 'decode']);

const ops = {
  // The evaluation loop (main.js): with the AWS data once loaded, so `{"managed": ...}`
  // resolves and the catalog's lint findings come beside the answer (`answer.lint`).
  // `{text, lang}` or the text alone (English).
  // A scenario over the interactive lint limit (1 MB pasted) is answered without its lint, and
  // the answer's `lintLater` is a ticket for it (`lintLater` below).
  evaluate: (arg) => {
    const { text, lang } = typeof arg === 'string' ? { text: arg, lang: undefined } : arg;
    if (!awsData()) return wasm.evaluate(text, lang);
    const answer = awsData().evaluate(text, lang);
    if (answer.lintLater) answer.lintLater = ++lintTicket;
    return answer;
  },
  // `{ticket, lang}`: the lint findings of the evaluation whose answer carried `ticket` (the
  // list its `lint` would have held), or null when another evaluation came since (the module
  // keeps only the last one's). The page asks once the edits pause (main.js).
  lintLater: ({ ticket, lang }) => (ticket === lintTicket ? awsData()?.lintLater(lang) ?? null : null),
  version: () => wasm.version(),
  // Share links (persistence.js, header.js).
  encode: (text) => wasm.shareEncode(text),
  decode: (fragment) => wasm.shareDecode(fragment),
  // From "not authorized" to a fix (diagnose.js, fixes.js): import, call bundles, fix suggestions.
  // The tools that read policies go through the AWS data once it is loaded (`withData`), so
  // `{"managed": "Name"}` works in each of them.
  // `{text, lang}` or the text alone (English): the hint's summary in `lang`.
  import: (arg) => (typeof arg === 'string' ? tools.importArtifact(arg) : tools.importArtifact(arg.text, arg.lang)),
  // {scenario, artifact}: the artefact's request into the open scenario, its policies kept.
  importInto: ({ scenario, artifact, lang }) => withData(scenario, tools.importInto, 'importInto', artifact, lang),
  // `{lang}` (English when absent): the titles, descriptions and labels in `lang`.
  bundles: (arg) => tools.listBundles(arg?.lang),
  expandInto: ({ text, name, params, lang }) => tools.expandBundleInto(text, name, JSON.stringify(params || {}), lang),
  // `{text, lang}` or the text alone (English): the report's sentences in `lang`.
  fixes: (arg) => {
    const { text, lang } = typeof arg === 'string' ? { text: arg, lang: undefined } : arg;
    return withData(text, tools.suggestFixes, 'suggestFixes', lang);
  },
  // Learn mode (learn.js): a scenario against a lesson's goals.
  checkLesson: ({ lesson, scenario, lang }) => checkLesson(lesson, scenario, lang),
  // Sharing extras (share-extras.js): redaction before sharing, the AWS simulator command.
  redact: (text) => withData(text, tools.redact, 'redact'),
  simulateCommand: (text) => withData(text, tools.simulateCommand, 'simulateCommand'),
  // The AWS catalog and managed policies (catalog.js): loaded on request, then queried.
  loadData: () => loadData(),
  aws: ({ method, args = [] }) => (method === 'conditionOperators' ? tools.conditionOperators() : queryData(method, args)),
  // Your account, offline (account.js, in a worker of its own): the text of
  // `aws iam get-account-authorization-details` is read once and kept in this worker's memory
  // only (never stored); AWS managed policies it names by ARN come from the loaded snapshot.
  // `{text, lang}` or the text alone (English): notes and scenarios in `lang`.
  accountOpen: async (arg, progress) => {
    const { text, lang } = typeof arg === 'string' ? { text: arg, lang: undefined } : arg;
    // Each report starts the page's time limit again: loading the AWS data, then reading.
    progress({ stage: 'data', done: 0, total: 0 });
    const data = await loadedData();
    progress({ stage: 'read', done: 0, total: 0 });
    closeAccount();
    account = data.openAccount(text);
    return account.summary(lang);
  },
  accountSummary: (lang) => openAccount().summary(lang),
  accountScenario: ({ principal, request, lang }) => openAccount().scenario(principal, request || null, lang),
  accountPassRole: async (arg, progress) => (await loadedData()).passRoleMap(openAccount(), progress, arg?.lang),
  accountClose: () => closeAccount(),
};

// A thrown error as data (a message carries no Error's own properties): the engine's errors
// keep their `code`, `help`, `location` and `path` (src/wasm/error.rs).
const errorData = (e) => ({
  message: e && e.message ? e.message : String(e),
  code: e?.code,
  help: e?.help,
  location: e?.location,
  path: e?.path,
});

/** The ticket of the last answer that left its lint for later (`evaluate`, `lintLater`). */
let lintTicket = 0;

/** The open account file (`accountOpen`), or null. */
let account = null;

function openAccount() {
  if (!account) throw new Error('no account file is open');
  return account;
}

function closeAccount() {
  if (account) account.free();
  account = null;
}

/** Lists longer than this cross to the page in parts of this many items (splitParts). */
const PART_ITEMS = 200;

/**
 * A long answer (thousands of statements: megabytes) crosses to the page in parts: each list
 * longer than PART_ITEMS is taken out of `value` (left empty) and returned as parts
 * `{path, items}` of PART_ITEMS items, which the page reads each in a task of its own and
 * puts back (engine.js joinParts), instead of one long task reading the whole answer.
 */
function splitParts(value) {
  const parts = [];
  // The path to the node walked (copied only for a part: most answers have none).
  const path = [];
  const walk = (node) => {
    if (Array.isArray(node)) {
      if (node.length > PART_ITEMS) {
        for (let i = 0; i < node.length; i += PART_ITEMS) parts.push({ path: [...path], items: node.slice(i, i + PART_ITEMS) });
        node.length = 0;
        return;
      }
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
    } else if (node && typeof node === 'object') {
      for (const key in node) {
        path.push(key);
        walk(node[key]);
        path.pop();
      }
    }
  };
  walk(value);
  return parts;
}

/** Progress reports of job `id`, at most one every 100 ms (and the last one). */
function reporter(id) {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < 100 && progress.done < progress.total) return;
    last = now;
    self.postMessage({ id, progress });
  };
}

self.onmessage = async (event) => {
  if (event.data && 'wasmModule' in event.data) {
    moduleFromPage?.(event.data.wasmModule instanceof WebAssembly.Module ? event.data.wasmModule : null);
    return;
  }
  const { id, op, arg } = event.data || {};
  // The language: `{lang}` in the argument (`accountSummary` takes it alone). Japanese
  // sentences are fetched while the module loads, not after.
  const lang = op === 'accountSummary' ? arg : arg?.lang;
  japanese.prefetch(lang);
  try {
    await ready;
    const run = Object.hasOwn(ops, op) ? ops[op] : null;
    if (!run) throw new Error(`unknown operation \`${op}\``);
    if (!DECIDING.has(op)) await loadTools();
    await languageFor(lang);
    const value = await run(arg, reporter(id));
    if (op === 'evaluate' || op === 'lintLater') for (const part of splitParts(value)) self.postMessage({ id, part });
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: errorData(e) });
  }
};
