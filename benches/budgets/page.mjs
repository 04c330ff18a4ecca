// Page budgets, measured in headless Chromium on the built site (www/dist):
//
//   node benches/budgets/page.mjs [--json] [--loads N] [--only first|keystroke|paste|editors] [--dist DIR]
//
// - first visit: bytes transferred before the first decision is shown (gzip -9 of each response
//   body, as a compressing static host would send them; every request of the page and its
//   workers that started before the decision appeared, as the browser recorded it, the most of
//   the N loads), and the time from navigation to the first decision, the median of N fresh
//   browser contexts (empty cache, English), with the medians of the page's own User Timing
//   marks on the way (main.js: `iam:main-start`, `iam:opening-sent`, ...);
// - keystroke: the worker round trip of re-evaluating the PassRole story after a keystroke
//   (the page's own `data-last-eval-ms`), the median of 30 keystrokes;
// - paste: the longest main-thread block (the longest task seen by a PerformanceObserver, and
//   the largest gap of a 5 ms heartbeat) from a 1 MB paste into a policy editor until its
//   decision is shown and rendered, and its lint findings after it (over the interactive lint
//   limit they come once the edits pause), the median of N pastes (each in a fresh context);
// - editors (only with `--only editors`): the longest main-thread task from the first decision
//   until every editor is made, in a page opened on a share link of ten policies, the median of
//   N fresh contexts (the editors replace their placeholders one a task: all at once, it was
//   the longest task of such a page).
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, median, loadEngine } from './common.mjs';

const args = process.argv.slice(2);
const DIST = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : path.join(ROOT, 'www', 'dist');
const asJson = args.includes('--json');
const loads = Number(args[args.indexOf('--loads') + 1]) || 5;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error('www/dist is not built: run ./scripts/build.sh first');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const { server, url } = await serve(DIST);
const origin = new URL(url).origin;

/** Records in the page the moment the first decision is shown, and the main thread's long tasks. */
function instrument() {
  window.__budget = { decisionAt: null, editorsAt: null, longTasks: [] };
  // The editors live in shadow roots: remember every shadow root the page makes.
  const roots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...a) {
    const r = attach.apply(this, a);
    roots.push(r);
    return r;
  };
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    const b = window.__budget;
    if (b.decisionAt === null && document.querySelector('#decision[data-decision]')) b.decisionAt = now();
    if (b.editorsAt === null && (document.querySelector('.cm-editor') || roots.some((r) => r.querySelector('.cm-editor')))) b.editorsAt = now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-decision'] });
  const poll = () => {
    check();
    if (window.__budget.editorsAt === null || window.__budget.decisionAt === null) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__budget.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: the heartbeat still measures
  }
}

/** The bytes a compressing host sends for a URL of the site: gzip -9 of the file. */
function gzipBytes(u) {
  const p = decodeURIComponent(new URL(u).pathname);
  let file = path.join(DIST, p);
  if (p.endsWith('/')) file = path.join(file, 'index.html');
  if (!existsSync(file)) return 0;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

async function firstVisit() {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    // Every request of the page and its workers, as the browser made them.
    const requests = [];
    context.on('request', (r) => requests.push(r));
    await context.addInitScript(instrument);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__budget.decisionAt !== null, null, { timeout: 30000 });
    // Then the editors (a chunk loaded after the decision), so that their time is known too.
    await page.waitForFunction(() => window.__budget.editorsAt !== null, null, { timeout: 30000 }).catch(() => {});
    const b = await page.evaluate(() => ({
      ...window.__budget,
      navStart: performance.timeOrigin,
      // The page's own marks of the first decision's way (main.js: iam:main-start, ...).
      marks: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('iam:')).map((m) => [m.name.slice(4), m.startTime])),
    }));
    // What was asked for before the decision was shown: each request's start on the wall
    // clock, as the page's own clock (known once its response is in).
    const before = [];
    for (const r of requests.filter((q) => q.url().startsWith(origin))) {
      await r.response().catch(() => null);
      if (r.timing().startTime <= b.decisionAt) before.push(r);
    }
    const files = [...new Set(before.map((r) => r.url()))].map((u) => ({ path: new URL(u).pathname, gzip: gzipBytes(u) }));
    runs.push({
      decisionMs: b.decisionAt - b.navStart,
      editorsMs: b.editorsAt === null ? null : b.editorsAt - b.navStart,
      bytes: files.reduce((n, f) => n + f.gzip, 0),
      files,
      marks: b.marks,
    });
    await context.close();
  }
  const bytes = Math.max(...runs.map((r) => r.bytes));
  const files = runs.find((r) => r.bytes === bytes).files;
  const markNames = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
  const firstDecisionMarksMs = Object.fromEntries(
    markNames.filter((n) => runs.every((r) => n in r.marks)).map((n) => [n, Math.round(median(runs.map((r) => r.marks[n])))]),
  );
  return {
    firstDecisionMedianMs: median(runs.map((r) => r.decisionMs)),
    firstDecisionMarksMs,
    firstDecisionMs: runs.map((r) => Math.round(r.decisionMs)),
    editorsMedianMs: runs.every((r) => r.editorsMs !== null) ? median(runs.map((r) => r.editorsMs)) : null,
    transferGzipBytes: bytes,
    transferFiles: files,
  };
}

async function openStory(context) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#decision[data-decision]', { timeout: 30000 });
  // The default scenario is the PassRole story.
  return page;
}

async function afterEvaluation(page, action) {
  const before = Number(await page.evaluate(() => document.documentElement.dataset.evaluations || 0));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.evaluations || 0) > n, before, { timeout: 120000 });
}

async function keystroke() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  const page = await openStory(context);
  // Wait until the AWS data is loaded (lint runs on every keystroke from then on).
  await page.waitForTimeout(1500);
  const editor = page.locator('.cm-content').last();
  await editor.click();
  await page.keyboard.press('Control+End');
  const roundTrips = [];
  for (let i = 0; i < 30; i++) {
    await afterEvaluation(page, () => page.keyboard.press(i % 2 ? 'Backspace' : 'Space'));
    roundTrips.push(Number(await page.evaluate(() => document.documentElement.dataset.lastEvalMs)));
  }
  await context.close();
  return { keystrokeMedianMs: median(roundTrips) };
}

/** A policy document of about `bytes` bytes: many realistic statements. */
function bigPolicy(bytes) {
  const statements = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = JSON.stringify({
      Sid: `Statement${i}`,
      Effect: i % 13 === 12 ? 'Deny' : 'Allow',
      Action: [`s3:GetObject`, `s3:PutObject`, `ec2:Describe${i % 7}*`, `iam:PassRole`],
      Resource: [`arn:aws:s3:::bucket-${i}/*`, `arn:aws:iam::111122223333:role/team-${i}/*`],
      Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${i % 50}` }, IpAddress: { 'aws:SourceIp': `10.${i % 250}.0.0/16` } },
    }, null, 2);
    statements.push(s);
    size += s.length + 2;
  }
  return `{\n"Version": "2012-10-17",\n"Statement": [\n${statements.join(',\n')}\n]\n}`;
}

async function pasteOnce() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  await context.addInitScript(instrument);
  const page = await openStory(context);
  await page.waitForTimeout(1500);
  // The evaluation that follows the AWS data's arrival is over (the paste's is the one measured).
  await page.waitForFunction(() => document.documentElement.dataset.catalog === 'loaded' && document.getElementById('result').getAttribute('aria-busy') !== 'true', null, { timeout: 30000 });
  const text = bigPolicy(1024 * 1024);
  const editor = page.locator('.cm-content').last();
  await editor.click();
  await page.keyboard.press('Control+A');
  // The text goes into the page before the clock starts: DevTools decoding a 1 MB argument of
  // page.evaluate takes a 40-65 ms task of its own on the page's main thread, which no paste
  // has (the clipboard's text comes with the paste event, as it does below).
  await page.evaluate((pasted) => {
    window.__pasteText = pasted;
  }, text);
  const t0 = await page.evaluate(() => {
    window.__budget.longTasks = [];
    window.__gaps = [];
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
      window.__beat = setTimeout(tick, 5);
    };
    window.__beat = setTimeout(tick, 5);
    return performance.now();
  });
  await afterEvaluation(page, () =>
    editor.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', window.__pasteText);
      window.__pasteText = null;
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }),
  );
  await page.waitForTimeout(300); // the rendering that follows the result
  // A scenario over the interactive lint limit gets its lint after the decision, once the
  // edits pause (main.js lintWhenPaused): its arrival and rendering count too.
  const lintLater = await page.evaluate(() => document.documentElement.dataset.lint === 'later');
  if (lintLater) {
    await page.waitForFunction(() => document.documentElement.dataset.lint !== 'later', null, { timeout: 120000 });
    await page.waitForTimeout(300);
  }
  const r = await page.evaluate((start) => {
    clearTimeout(window.__beat);
    const tasks = window.__budget.longTasks.filter((t) => t.start + t.duration >= start);
    return { longest: Math.max(0, ...tasks.map((t) => t.duration)), gap: Math.max(0, ...window.__gaps), count: tasks.length, decision: document.querySelector('#decision')?.dataset.decision, lint: document.documentElement.dataset.lint };
  }, t0);
  if (lintLater && r.lint !== 'done') throw new Error(`the pasted scenario's lint did not come (${r.lint})`);
  await context.close();
  return { bytes: text.length, ...r };
}

/** A scenario of ten identity policies of eight statements each (an account's user may have as many). */
function tenPolicies() {
  const policy = (i) => ({
    name: `Policy ${i}`,
    document: {
      Version: '2012-10-17',
      Statement: Array.from({ length: 8 }, (_, j) => ({
        Sid: `Team${i}Bucket${j}`,
        Effect: 'Allow',
        Action: ['s3:GetObject', 'ec2:Describe*'],
        Resource: `arn:aws:s3:::bucket-${i}-${j}/*`,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      })),
    },
  });
  return JSON.stringify({
    policies: { identity: Array.from({ length: 10 }, (_, i) => policy(i)) },
    request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-3-2/k', context: { 'aws:RequestedRegion': 'us-east-1' } },
  }, null, 2);
}

/**
 * The editors' arrival in a page opened on a share link of ten policies: the longest main-thread
 * task from the first decision until every editor is made (`data-editors="ready"`), the median
 * of N fresh contexts.
 */
async function editors() {
  const fragment = (await loadEngine()).shareEncode(tenPolicies());
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    await page.goto(`${url}#${fragment}`);
    await page.waitForFunction(() => window.__budget.decisionAt !== null, null, { timeout: 30000 });
    await page.waitForFunction(() => document.documentElement.dataset.editors === 'ready', null, { timeout: 30000 });
    await page.waitForTimeout(200); // the long task that made the last editor is reported after it
    runs.push(await page.evaluate(() => {
      const b = window.__budget;
      const from = b.decisionAt - performance.timeOrigin;
      const tasks = b.longTasks.filter((t) => t.start + t.duration > from);
      return { longest: Math.max(0, ...tasks.map((t) => t.duration)), decision: document.querySelector('#decision')?.dataset.decision };
    }));
    await context.close();
  }
  return {
    editorsLongestTaskMs: median(runs.map((r) => r.longest)),
    editorsLongestTaskMsRuns: runs.map((r) => Math.round(r.longest)),
    editorsDecision: [...new Set(runs.map((r) => r.decision))].join(', '),
  };
}

async function paste() {
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push(await pasteOnce());
  return {
    pasteBytes: runs[0].bytes,
    pasteLongestTaskMs: median(runs.map((r) => r.longest)),
    pasteLongestGapMs: median(runs.map((r) => r.gap)),
    pasteLongTasks: median(runs.map((r) => r.count)),
    pasteLongestTaskMsRuns: runs.map((r) => Math.round(r.longest)),
    pasteLongestGapMsRuns: runs.map((r) => Math.round(r.gap)),
    pasteDecision: [...new Set(runs.map((r) => r.decision))].join(', '),
  };
}

const result = {};
try {
  if (!only || only === 'first') Object.assign(result, await firstVisit());
  if (!only || only === 'keystroke') Object.assign(result, await keystroke());
  if (!only || only === 'paste') Object.assign(result, await paste());
  if (only === 'editors') Object.assign(result, await editors());
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}

if (asJson) console.log(JSON.stringify(result));
else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  if ('transferGzipBytes' in result) {
    console.log(`first visit: ${kb(result.transferGzipBytes)} (gzip -9) before the first decision:`);
    for (const f of result.transferFiles) console.log(`  ${f.path.padEnd(40)} ${kb(f.gzip).padStart(9)}`);
    console.log(`first decision: median ${result.firstDecisionMedianMs.toFixed(0)} ms after navigation (${loads} fresh contexts: ${result.firstDecisionMs.join(', ')} ms); editors at median ${result.editorsMedianMs === null ? '(not every load)' : `${result.editorsMedianMs.toFixed(0)} ms`}`);
    const marks = Object.entries(result.firstDecisionMarksMs).sort((a, b) => a[1] - b[1]);
    if (marks.length) console.log(`  its way (medians, ms after navigation): ${marks.map(([n, ms]) => `${n} ${ms}`).join(', ')}`);
  }
  if ('keystrokeMedianMs' in result) console.log(`re-evaluation after a keystroke (PassRole story, with the catalog loaded): median ${result.keystrokeMedianMs.toFixed(2)} ms worker round trip`);
  if ('editorsLongestTaskMs' in result) {
    console.log(`ten policies from a share link, medians of ${loads}: longest main-thread task from the first decision until every editor is made ${result.editorsLongestTaskMs.toFixed(0)} ms (${result.editorsLongestTaskMsRuns.join(', ')}); decision ${result.editorsDecision}`);
  }
  if ('pasteBytes' in result) {
    console.log(
      `1 MB paste (${kb(result.pasteBytes)}), medians of ${loads}: longest main-thread task ${result.pasteLongestTaskMs.toFixed(0)} ms (${result.pasteLongestTaskMsRuns.join(', ')}; ` +
        `${result.pasteLongTasks} tasks over 50 ms), largest heartbeat gap ${result.pasteLongestGapMs.toFixed(0)} ms (${result.pasteLongestGapMsRuns.join(', ')}); decision ${result.pasteDecision}`,
    );
  }
}
