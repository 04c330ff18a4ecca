// The worker's side of the AWS data (issue 5): the catalog and the managed policies, fetched
// and parsed in the worker only when the page asks (after the first decision), so the first
// decision never waits for megabytes of JSON. Until they are loaded, evaluation runs as before.

import {
  AwsData,
  conditionOperators,
  evaluate as evaluatePlain,
  suggestFixes as suggestFixesPlain,
  redact as redactPlain,
  simulateCommand as simulateCommandPlain,
  importInto as importIntoPlain,
} from '../pkg/iam_playground.js';

let data = null; // the AwsData handle, once the wasm module is ready
let loading = null;

function handle() {
  if (!data) data = new AwsData();
  return data;
}

/** True once either data file is loaded. */
function loaded() {
  return Boolean(data && (data.hasCatalog || data.hasManagedPolicies));
}

async function fetchText(name) {
  const url = new URL(`data/${name}`, self.location.href);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`\`${name}\` could not be loaded (HTTP ${response.status})`);
  return response.text();
}

/**
 * Fetches and parses both data files once: `{catalog, managed, bytes, fetchMs, parseMs}`
 * (`catalog`/`managed` are the sources with their dates, or `{error}`).
 */
function load() {
  if (!loading) {
    loading = (async () => {
      const t0 = performance.now();
      const [catalogText, managedText] = await Promise.allSettled([fetchText('catalog.json'), fetchText('managed-policies.json')]);
      const t1 = performance.now();
      const d = handle();
      const out = { bytes: 0, fetchMs: t1 - t0 };
      const take = (settled, loader, key) => {
        if (settled.status !== 'fulfilled') {
          out[key] = { error: settled.reason?.message || String(settled.reason) };
          return;
        }
        out.bytes += settled.value.length;
        try {
          out[key] = loader.call(d, settled.value);
        } catch (e) {
          out[key] = { error: e?.message || String(e) };
        }
      };
      take(catalogText, d.loadCatalog, 'catalog');
      take(managedText, d.loadManagedPolicies, 'managed');
      out.parseMs = performance.now() - t1;
      return out;
    })();
  }
  return loading;
}

/**
 * Scenarios longer than this are evaluated without the catalog's lint: its statement-pair
 * checks (redundant, shadowed) grow with the square of the statements (measured: 46 KB, 265
 * statements: 148 ms; 184 KB: 1.6 s), and every keystroke and a 1 MB paste must
 * still get its decision quickly. The CLI's `lint` has no such limit.
 */
const MAX_LINT_CHARS = 64 * 1024;

/** Adds the catalog's lint findings as `answer.lint`; one finding with the engine's `{code, utf16Start}` is reported once. */
function mergeLint(answer, text) {
  if (!data?.hasCatalog || !answer || text.length > MAX_LINT_CHARS) return answer;
  let report;
  try {
    report = data.lint(text);
  } catch {
    return answer;
  }
  const seen = new Set((answer.diagnostics || []).map((d) => `${d.code}@${d.location?.utf16Start}`));
  answer.lint = (report.diagnostics || []).filter((d) => !seen.has(`${d.code}@${d.location?.utf16Start}`));
  return answer;
}

/** Evaluates with the loaded data (`{"managed": ...}` resolves), plus the catalog's lint findings. */
export function evaluateWithData(text) {
  if (!loaded()) return evaluatePlain(text);
  return mergeLint(data.evaluate(text), text);
}

/**
 * The tools that evaluate or read policies, with the loaded data once it is there, so that
 * `{"managed": "Name"}` works in every one of them (fixes, redaction, the AWS CLI command,
 * import into the open scenario). A scenario that names a managed policy waits for the data.
 */
async function withData(text, plain, method, ...rest) {
  if (!loaded() && String(text).includes('"managed"')) await load();
  return loaded() ? handle()[method](text, ...rest) : plain(text, ...rest);
}

export const dataTools = {
  fixes: (text) => withData(text, suggestFixesPlain, 'suggestFixes'),
  redact: (text) => withData(text, redactPlain, 'redact'),
  simulateCommand: (text) => withData(text, simulateCommandPlain, 'simulateCommand'),
  // {scenario, artifact}: the artefact's request into the open scenario, its policies kept.
  importInto: ({ scenario, artifact }) => withData(scenario, importIntoPlain, 'importInto', artifact),
};

// What the page may ask the handle (completion, hover, managed policies).
const QUERIES = new Set(['expand', 'expandNot', 'servicePrefixes', 'actions', 'conditionKeys', 'arnTemplates', 'managedPolicy', 'managedPolicyNames', 'lint']);

/** The worker operations this module adds. */
export const awsOps = {
  loadData: () => load(),
  // {method, args}: one call on the handle; throws until the data is loaded.
  aws: async ({ method, args = [] }) => {
    if (method === 'conditionOperators') return conditionOperators();
    if (!QUERIES.has(method)) throw new Error(`unknown query \`${method}\``);
    // A worker restarted after a time limit starts empty: load again before answering.
    await load();
    return handle()[method](...args);
  },
};
