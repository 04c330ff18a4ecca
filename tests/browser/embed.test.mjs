// Embeds: a host page with three <iam-playground> elements (read-only, editable, from
// `src`) under the strict Content-Security-Policy that docs.html documents; the .wasm fetched
// once; editing one element re-evaluates only it; the iframe reports its height; docs.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, openHost, DIST } from './helpers.mjs';

/** The host-page policy docs.html documents (sent as a header here, as a real site would). */
export const HOST_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

const SCENARIO = (action) => JSON.stringify({
  policies: { identity: [{ Version: '2012-10-17', Statement: [{ Sid: 'RunInstances', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }] }] },
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action, resource: '*' },
});

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="icon.svg">
<script src="iam-playground.js" defer></script>
<script src="iam-playground-frames.js" defer></script>
</head><body>
<iam-playground id="ro" readonly panes="policies decision"><script type="application/json">${SCENARIO('ec2:RunInstances')}</script></iam-playground>
<iam-playground id="ed" theme="dark"><script type="application/json">${SCENARIO('ec2:RunInstances')}</script></iam-playground>
<iam-playground id="file" compact src="examples/5-explicit-deny-wins.json"></iam-playground>
</body></html>`;

/** Serves www/dist plus /host.html and /frame-host.html, every HTML answer with HOST_CSP. */
async function hostServer(frameFragment = '') {
  const pages = {
    '/host.html': HOST,
    '/frame-host.html': `<!doctype html><html><head><meta charset="utf-8"><title>frame host</title><link rel="icon" href="icon.svg"><script src="iam-playground-frames.js" defer></script></head><body><iframe id="f" title="example" src="embed.html${frameFragment}"></iframe></body></html>`,
  };
  const server = createServer(async (req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    try {
      const body = pages[p] ?? (await readFile(path.join(DIST, path.normalize(p).replace(/^(\.\.[/\\])+/, ''))));
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(p)] || 'application/octet-stream', 'Content-Security-Policy': HOST_CSP, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(pagePath, frameFragment) {
  return openHost(browser, await hostServer(frameFragment), pagePath);
}

/**
 * CSP reports that matter. Chromium's own editing code (a select-all then type in a
 * contenteditable) may try a `style` attribute, which `style-src 'self'` blocks with no source
 * file; the main page shows the same, and nothing depends on it.
 */
const violations = async (page) => (await page.evaluate(() => window.__cspViolations)).filter((v) => !/^style-src-attr inline :0:0/.test(v));

const decisions = (page) => page.evaluate(() => [...document.querySelectorAll('iam-playground')].map((e) => e.dataset.decision || null));
const evaluations = (page) => page.evaluate(() => [...document.querySelectorAll('iam-playground')].map((e) => Number(e.dataset.evaluations || 0)));

test('a host page with three embeds under a strict CSP shows three decisions, loads the wasm once, and editing one re-evaluates only it', async () => {
  const s = await open('host.html');
  const { page } = s;
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('iam-playground')].every((e) => e.dataset.decision), null, { timeout: 20000 });
    assert.deepEqual(await decisions(page), ['Allow', 'Allow', 'ExplicitDeny']);
    const wasmFetches = s.requests.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasmFetches.length, 1, `the .wasm is fetched once for three embeds: ${wasmFetches}`);
    assert.equal(s.requests.filter((u) => u.endsWith('/worker.js')).length, 1, 'one worker for the page');

    // The read-only embed shows only the policy and the decision, and cannot be edited.
    assert.equal(await page.locator('#ro .part-label').count(), 1);
    assert.equal(await page.locator('#ro .cm-content').getAttribute('contenteditable'), 'false');

    // Edit the editable embed's request: only it is evaluated again.
    const before = await evaluations(page);
    const request = page.locator('#ed .cm-content').nth(1);
    await request.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify({ principal: 'arn:aws:iam::111122223333:user/alice', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/R' }));
    await page.waitForFunction(() => document.getElementById('ed').dataset.decision === 'ImplicitDeny', null, { timeout: 15000 });
    const afterEdit = await evaluations(page);
    assert.equal(afterEdit[0], before[0], 'the read-only embed was not evaluated again');
    assert.equal(afterEdit[2], before[2], 'the src embed was not evaluated again');
    assert.ok(afterEdit[1] > before[1]);
    assert.deepEqual(await decisions(page), ['Allow', 'ImplicitDeny', 'ExplicitDeny']);

    // "Open in playground" carries the edited state.
    const href = await page.locator('#ed a').last().getAttribute('href');
    assert.match(href, /index\.html#v1\./);

    assert.deepEqual(await violations(page), [], 'no CSP violation');
    assert.deepEqual(s.errors.filter((e) => !e.includes('Applying inline style')), []);
    assert.equal(s.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'still one .wasm fetch');
  } finally {
    await s.close();
  }
});

test('the iframe (embed.html#fragment) shows the decision and reports its height to the host', async () => {
  // The same fragment docs.html embeds (made by `iam-playground share`).
  const docs = await readFile(path.join(DIST, 'docs.html'), 'utf8');
  const fragment = docs.match(/embed\.html(#v1\.[A-Za-z0-9_-]+)/)[1];
  const s = await open('frame-host.html', fragment);
  const { page } = s;
  try {
    const frame = page.frameLocator('#f');
    await frame.locator('iam-playground[data-decision]').waitFor({ timeout: 20000 });
    await page.waitForFunction(() => Number(document.getElementById('f').dataset.reportedHeight) > 100, null, { timeout: 10000 });
    const { reported, styled } = await page.evaluate(() => {
      const f = document.getElementById('f');
      return { reported: Number(f.dataset.reportedHeight), styled: f.clientHeight };
    });
    assert.ok(Math.abs(reported - styled) <= 2, `the frame is sized to its reported height (${reported} vs ${styled})`);
    const href = await frame.locator('iam-playground a').last().getAttribute('href');
    assert.match(href, /\/index\.html#v1\./, 'Open in playground carries the state');
    assert.deepEqual(s.errors, []);
    assert.deepEqual(await violations(page), []);
  } finally {
    await s.close();
  }
});

test('docs.html shows both embed forms live under its own CSP', async () => {
  const s = await open('docs.html');
  const { page } = s;
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('iam-playground')].every((e) => e.dataset.decision), null, { timeout: 20000 });
    assert.equal((await decisions(page)).length, 3);
    await page.frameLocator('#frame-example').locator('iam-playground[data-decision]').waitFor({ timeout: 20000 });
    assert.deepEqual(s.errors, []);
    assert.deepEqual(await violations(page), []);
  } finally {
    await s.close();
  }
});
