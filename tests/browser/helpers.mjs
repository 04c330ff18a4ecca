// Shared pieces of the browser tests: Debian's Chromium through playwright-core, a static server
// per test on a free port, a guard that fails the test if any request leaves the page's origin,
// and the CLI and the WebAssembly module for comparisons.

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { jsonFiles } from '../../benches/budgets/common.mjs';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'www', 'dist');
export const PKG = path.join(ROOT, 'www', 'pkg');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function requireBuilt() {
  if (!existsSync(path.join(DIST, 'index.html')) || !existsSync(path.join(DIST, 'iam_playground_bg.wasm'))) {
    throw new Error('www/dist is not built: run ./scripts/build.sh first');
  }
}

/** Launches Chromium (headless). */
export async function launch() {
  requireBuilt();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens the page at `fragment` (without `#`) in a fresh context with its own server. Returns
 * { page, url, errors, requests, offlineCopyRequests, cspViolations, close }: `errors` collects
 * uncaught exceptions (pageerror) and console errors, `requests` every URL the page, its
 * workers and its service worker asked for, `offlineCopyRequests` those of the service worker
 * (which caches every file of the release for offline use once the page has started).
 * `close()` asserts nothing left the origin, then shuts everything down. `beforeGoto({context,
 * page, origin})` runs before the page opens (to add routes); `serveOptions` go to the server
 * (scripts/serve.mjs: `{cors: false}` for a site that other origins may not fetch from);
 * `locale` is the browser's language (the page follows it; English by default).
 */
export async function openPage(browser, { fragment = '', viewport = { width: 1400, height: 1000 }, colorScheme = 'light', locale = 'en-US', beforeGoto, serveOptions = {} } = {}) {
  const { server, url } = await serve(DIST, serveOptions);
  server.unref(); // a test that fails before close() must not keep the process alive
  const origin = new URL(url).origin;
  // The page follows the browser's language: English unless a test asks for another `locale`.
  const context = await browser.newContext({ viewport, colorScheme, locale });
  const requests = [];
  const offlineCopyRequests = [];
  const offOrigin = [];
  // Every request of the context (page and workers): record it, and refuse any other origin.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    requests.push(u);
    if (route.request().serviceWorker()) offlineCopyRequests.push(u);
    if (new URL(u).origin !== origin) {
      offOrigin.push(u);
      return route.abort();
    }
    return route.continue();
  });
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin && !offOrigin.includes(u)) offOrigin.push(u);
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  // Waits fail after 15 s instead of Playwright's 5 s: a busy test machine (two cores shared
  // with builds) can take longer than 5 s to open a completion list, and a wait that fails
  // there tells nothing about the page.
  page.setDefaultTimeout(15000);
  // A test's own routes (a delayed response), registered before the page loads.
  if (beforeGoto) await beforeGoto({ context, page, origin });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(fragment ? `${url}#${fragment}` : url);
  return {
    page,
    url,
    origin,
    errors,
    requests,
    offlineCopyRequests,
    offOrigin,
    async cspViolations() {
      return page.evaluate(() => window.__cspViolations);
    },
    async close() {
      await context.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (offOrigin.length) throw new Error(`requests left the page's origin: ${offOrigin.join(', ')}`);
    },
  };
}

/**
 * Holds the responses to `pattern` until `release()`: pass `beforeGoto` to `openPage`;
 * `asked()` counts the requests held.
 */
export function heldRoute(pattern) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let asked = 0;
  return {
    beforeGoto: ({ context }) =>
      context.route(pattern, async (route) => {
        asked += 1;
        await held;
        await route.fallback();
      }),
    release: () => release(),
    asked: () => asked,
  };
}

/** Waits until the page shows a decision and returns it (Allow, ExplicitDeny, ImplicitDeny). */
export async function decisionOf(page) {
  const el = await page.waitForSelector('#decision[data-decision]', { timeout: 15000 });
  return el.getAttribute('data-decision');
}

/** Waits for the next evaluation to finish after `action()` ran. */
export async function afterEvaluation(page, action) {
  const before = Number(await page.evaluate(() => document.documentElement.dataset.evaluations || 0));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.evaluations || 0) > n, before, { timeout: 60000 });
}

/** The CLI binary, built when missing (test.sh builds it before the browser tests). */
export function cliPath() {
  if (process.env.IAM_PLAYGROUND_BIN) return process.env.IAM_PLAYGROUND_BIN;
  const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'release', 'iam-playground');
  if (!existsSync(bin)) {
    const r = spawnSync('cargo', ['build', '--release', '--bin', 'iam-playground'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('cargo build --release failed');
  }
  return bin;
}

/** Runs the CLI; returns { status, stdout, stderr }. */
export function cli(args, input) {
  const r = spawnSync(cliPath(), args, { cwd: ROOT, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** The CLI's answer for a scenario file (`eval --format json`). */
export function cliAnswer(file) {
  const r = cli(['eval', '--format', 'json', file]);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`iam-playground eval --format json ${file} printed no JSON (exit ${r.status}): ${r.stderr}`);
  }
}

/** The share-link fragment (without `#`) the CLI makes for a file. */
export function cliFragment(file) {
  const r = cli(['share', file]);
  if (r.status !== 0) throw new Error(`iam-playground share ${file} failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').filter(Boolean).pop() || '';
  return line.includes('#') ? line.slice(line.lastIndexOf('#') + 1) : line;
}

const loaded = new Map();
/**
 * A wasm-bindgen module of www/ (`dir`, `name`), loaded once in Node, given the engine's
 * Japanese sentences as the page's worker gives them (www/dist/i18n/ja.json: neither module
 * compiles them in). `{fresh: true}`: a new instance of its own, without them.
 */
export async function loadModule(dir, name, { fresh = false } = {}) {
  if (!fresh && loaded.has(dir)) return loaded.get(dir);
  const glue = path.join(ROOT, 'www', dir, `${name}.js`);
  if (!existsSync(glue)) throw new Error(`www/${dir} is not built: run ./scripts/build.sh first`);
  const mod = await import(`${pathToFileURL(glue).href}${fresh ? `?fresh=${Math.random()}` : ''}`);
  mod.initSync({ module: readFileSync(path.join(ROOT, 'www', dir, `${name}_bg.wasm`)) });
  if (fresh) return mod;
  mod.installLanguage('ja', readFileSync(path.join(DIST, 'i18n', 'ja.json'), 'utf8'));
  loaded.set(dir, mod);
  return mod;
}

/** The engine's deciding WebAssembly module, loaded in Node from www/pkg (the page's first module). */
export function loadWasm() {
  return loadModule('pkg', 'iam_playground');
}

/** The engine's tools module (lint, AWS data, fixes, import, bundles...), from www/pkg-tools. */
export function loadToolsWasm() {
  return loadModule('pkg-tools', 'iam_playground_tools');
}

/** Waits until the decision is `want`; fails with the decision shown otherwise. */
export async function expectDecision(page, want) {
  try {
    await page.waitForSelector(`#decision[data-decision="${want}"]`, { timeout: 15000 });
  } catch {
    const shown = await page.evaluate(() => document.querySelector('#decision')?.textContent);
    assert.fail(`expected the decision ${want}, the page shows: ${shown}`);
  }
}

/** No uncaught exception, console error or Content-Security-Policy violation in the session. */
export async function assertClean(session) {
  assert.deepEqual(session.errors, [], 'no uncaught exception or console error');
  assert.deepEqual(await session.cspViolations(), [], 'no Content-Security-Policy violation');
}

/** Removes every policy card. */
export async function removeAllPolicies(page) {
  while ((await page.locator('.policy-card').count()) > 0) {
    await page.locator('.policy-card button.remove').first().click();
  }
}

/**
 * Replaces the text of the last policy's editor with a paste: select all, then the paste event
 * a browser fires for Ctrl+V, carrying the text (CodeMirror handles it as a real paste).
 */
export async function pasteIntoLastEditor(page, text) {
  const editor = page.locator('.policy-card').last().locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await editor.evaluate((el, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * Opens `pagePath` on a host page server (`{ server, url }`) in a fresh context that records
 * every request, page and console errors, and CSP reports (`window.__cspViolations`, as
 * `directive blockedURI sourceFile:line:column sample`). `close()` shuts the context and the
 * server.
 */
export async function openHost(browser, { server, url }, pagePath, { viewport = { width: 1200, height: 900 }, locale = 'en-US', ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, locale, ...contextOptions });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url + pagePath);
  return {
    page,
    url,
    origin: new URL(url).origin,
    errors,
    requests,
    async close() {
      await context.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Every corpus file and example as `{ file, text }`. Files that are not UTF-8 are left out
 * (`skipped` counts them): they test the CLI's byte reader, and a page only ever holds text.
 */
export function scenarioTexts() {
  const files = [...jsonFiles(path.join(ROOT, 'tests', 'corpus')), ...jsonFiles(path.join(ROOT, 'www', 'examples'))];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const texts = [];
  let skipped = 0;
  for (const file of files) {
    try {
      texts.push({ file, text: decoder.decode(readFileSync(file)) });
    } catch {
      skipped += 1;
    }
  }
  return { texts, skipped };
}

/** Opens a gallery example and waits for its evaluation (the page may show the same decision before). */
export async function openExample(page, id) {
  await page.locator('#examples-menu summary').click();
  await afterEvaluation(page, () => page.locator(`[data-example="${id}"]`).click());
}

/**
 * Waits until the page has loaded the AWS data and the evaluation that follows its arrival is
 * over, so that the next evaluation is the test's own.
 */
export async function catalogSettled(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.catalog === 'loaded' && document.getElementById('result').getAttribute('aria-busy') !== 'true',
    null,
    { timeout: 30000 },
  );
}

/** Waits until the page has loaded the AWS catalog and managed policies. */
export async function catalogLoaded(page) {
  await page.waitForFunction(() => document.documentElement.dataset.catalog === 'loaded', null, { timeout: 30000 });
}

/**
 * The text of every policy card's editor. The editors arrive after the first decision
 * (lazy-editor.js shows read-only text until then), so this waits until every card has its
 * editor; reading them at once could find none (`allTextContents` does not wait).
 */
export async function policyTexts(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.editors === 'ready'
      && [...document.querySelectorAll('.policy-card .editor-host')].every((el) => el.shadowRoot?.querySelector('.cm-content')),
    null,
    { timeout: 30000 },
  );
  return page.locator('.policy-card .cm-content').allTextContents();
}

/** Opens scenario `text` in the open tab as a pasted share link does, and waits for its evaluation. */
export async function openInTab(page, text) {
  const fragment = (await loadWasm()).shareEncode(text);
  await afterEvaluation(page, () => page.evaluate((f) => { location.hash = f; }, fragment));
}

/** Clicks the share panel's button `id` and returns the text it put in the output box. */
export async function copiedShare(page, id) {
  const before = await page.locator('#share-output').inputValue().catch(() => '');
  await page.click(`#${id}`);
  await page.waitForFunction((b) => {
    const el = document.getElementById('share-output');
    return el && !el.hidden && el.value && el.value !== b;
  }, before, { timeout: 15000 });
  return page.locator('#share-output').inputValue();
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now, or on the element `selector` picks (WCAG 2.x A and
 * AA rules and best practices), and
 * returns the violations as `impact rule: n nodes (first targets)` lines, with counts by impact.
 * The script is evaluated through the DevTools protocol, so the page's CSP does not stop it.
 */
export async function axe(page, selector = null) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(sel ? document.querySelector(sel) : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => [n.target.join(' >>> '), n.failureSummary.split('\n').slice(1, 2).join('').trim()]) }));
  }, selector);
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[v.impact] += v.nodes.length;
  const lines = violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length} (${v.nodes.slice(0, 3).map(([t, why]) => `${t}: ${why}`).join('; ')})`);
  return { counts, lines, severe: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}
