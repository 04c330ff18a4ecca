// The worker's side of the AWS data: the catalog and the managed policies, fetched and parsed
// in the worker only when the page asks (after the first decision), so the first decision
// never waits for megabytes of JSON. Until they are loaded, evaluation runs without them.

import { AwsData } from '../pkg-tools/iam_playground_tools.js'; // the tools module (tools-loader.js)
import { WORKER_BASE } from './worker-base.js';

let data = null; // the AwsData handle, once the wasm module is ready
let loading = null;

function handle() {
  if (!data) data = new AwsData();
  return data;
}

/** The handle once either data file is loaded (evaluate with it), else null. */
export function awsData() {
  return data && (data.hasCatalog || data.hasManagedPolicies) ? data : null;
}

async function fetchText(name) {
  const url = new URL(`data/${name}`, WORKER_BASE);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`\`${name}\` could not be loaded (HTTP ${response.status})`);
  return response.text();
}

/**
 * Fetches and parses both data files once: `{catalog, managed, bytes, fetchMs, parseMs}`
 * (`catalog`/`managed` are the sources with their dates, or `{error}`).
 */
export function loadData() {
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

/** The handle with both data files loaded (as far as they could be): for the account tools. */
export async function loadedData() {
  await loadData();
  return handle();
}

/**
 * Runs a tool that reads policies with the loaded data once it is there (`method` of the
 * handle), else without (`plain`); a scenario that names a managed policy waits for the data.
 */
export async function withData(text, plain, method, ...rest) {
  if (!awsData() && String(text).includes('"managed"')) await loadData();
  const d = awsData();
  return d ? d[method](text, ...rest) : plain(text, ...rest);
}

/**
 * Checks a scenario against a lesson (learn.js): `{lesson, status, finished, goals, errors}`,
 * its sentences in `lang`. Managed policies resolve once the data is loaded (a scenario that
 * names one waits for it).
 */
export async function checkLesson(lesson, scenario, lang) {
  if (!awsData() && String(scenario).includes('"managed"')) await loadData();
  return handle().checkLesson(lesson, scenario, lang);
}

// What the page may ask the handle (completion, hover, managed policies).
const QUERIES = new Set(['expand', 'expandNot', 'servicePrefixes', 'actions', 'conditionKeys', 'arnTemplates', 'managedPolicy', 'managedPolicyNames', 'lint']);

/** One call on the handle; throws until the data is loaded. */
export async function queryData(method, args) {
  if (!QUERIES.has(method)) throw new Error(`unknown query \`${method}\``);
  // A worker restarted after a time limit starts empty: load again before answering.
  await loadData();
  return handle()[method](...args);
}
