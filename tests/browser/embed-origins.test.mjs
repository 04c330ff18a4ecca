// Embeds on other sites: the page's "Copy embed snippet" pasted into a documentation
// page served from a second local origin (another port). Both forms show the decision there
// (the element's worker starts from a same-origin blob and fetches the .wasm with CORS); the
// iframe carries its height and `border:0`, so on a host that runs no script it shows the
// verdict first at a sensible size; a playground site that does not allow CORS gets a snippet
// with only the iframe, and its element, used anyway, says why it cannot start.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, openPage, openHost, decisionOf, loadWasm, ROOT } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser;
let wasm;
let emptyDir;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
  emptyDir = mkdtempSync(path.join(tmpdir(), 'iam-host-'));
  writeFileSync(path.join(emptyDir, 'favicon.ico'), '');
});
after(async () => {
  await browser?.close();
  rmSync(emptyDir, { recursive: true, force: true });
});

const STORY = readFileSync(path.join(ROOT, 'www', 'examples', '4-passrole-privilege-escalation.json'), 'utf8');

/**
 * The host page's policy for embeds from `playground` (an origin): what docs.html documents,
 * with the hash that allows the snippet's `style="border:0"` and nothing else inline.
 */
const hostCsp = (playground) =>
  `default-src 'none'; script-src ${playground} 'wasm-unsafe-eval'; worker-src blob:; connect-src ${playground}; frame-src ${playground}; style-src 'self' 'unsafe-hashes' 'sha256-ZDjCdTstFUpLDovBdF6MXbSPB35alPr6sy4CYtyHSA4='; img-src 'self'; base-uri 'none'; form-action 'none'`;

/** "Copy embed snippet" on the playground served with `serveOptions`; the session stays open. */
async function snippetFrom(serveOptions, scenario = STORY) {
  const session = await openPage(browser, { fragment: wasm.shareEncode(scenario), serveOptions });
  const { page } = session;
  await decisionOf(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
  await page.click('#share-button');
  await page.click('#share-embed');
  await page.waitForFunction(() => document.getElementById('share-output')?.dataset.kind === 'embed' && document.getElementById('share-output').value, null, { timeout: 15000 });
  return { session, snippet: await page.locator('#share-output').inputValue() };
}

/** A host page on its own origin (an empty folder: nothing of the playground is same-origin). */
async function host(html, headers = {}) {
  return serve(emptyDir, { cors: false, headers, pages: { '/host.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body><main><h1>Docs</h1>\n${html}\n</main></body></html>` } });
}

test('the embed snippet works on a page of another origin: the element and the iframe show the decision', async () => {
  const { session, snippet } = await snippetFrom({});
  let s;
  try {
    const playground = session.origin;
    assert.match(snippet, /<iam-playground src="#v1\./);
    const height = Number(snippet.match(/<iframe [^>]*height="(\d+)"/)[1]);
    assert.match(snippet, /<iframe [^>]*style="border:0"/);

    const started = await host(snippet, { 'Content-Security-Policy': hostCsp(playground) });
    assert.notEqual(new URL(started.url).origin, playground, 'the host is another origin');
    s = await openHost(browser, started, 'host.html');
    const { page } = s;
    const want = wasm.evaluate(STORY).decision;
    await page.waitForSelector('iam-playground[data-decision]', { timeout: 20000 });
    assert.equal(await page.getAttribute('iam-playground', 'data-decision'), want);
    const frame = page.frameLocator('iframe');
    await frame.locator('iam-playground[data-decision]').waitFor({ timeout: 20000 });
    assert.equal(await frame.locator('iam-playground').getAttribute('data-decision'), want);

    // The engine came from the playground's site, through a blob worker on the host.
    assert.ok(s.requests.some((u) => u === `${playground}/iam_playground_bg.wasm`), s.requests.join('\n'));
    assert.ok(s.requests.some((u) => u === `${playground}/worker.js`));
    assert.equal(await page.locator('iam-playground').evaluate((el) => el.shadowRoot.querySelector('.foot a').href.split('#')[0]), `${playground}/index.html`);

    // The frame sizer (in the snippet) fits the frame to what it shows; no border either way.
    await page.waitForFunction(() => Number(document.querySelector('iframe').dataset.reportedHeight) > 0, null, { timeout: 10000 });
    const box = await page.locator('iframe').evaluate((f) => ({ h: f.clientHeight, reported: Number(f.dataset.reportedHeight), border: getComputedStyle(f).borderTopWidth }));
    assert.ok(Math.abs(box.h - box.reported) <= 2, JSON.stringify(box));
    assert.ok(height >= 240 && height <= 640, `the snippet's height ${height}`);
    assert.deepEqual(s.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the documented CSP is enough');
  } finally {
    await s?.close();
    await session.close();
  }
});

test('on a host that runs no script the iframe keeps the snippet height, has no border and shows the verdict first', async () => {
  for (const file of ['1-passrole-ec2-full-access-only.json', '4-passrole-privilege-escalation.json', '8-cross-account-bucket.json']) {
    const scenario = readFileSync(path.join(ROOT, 'www', 'examples', file), 'utf8');
    const { session, snippet } = await snippetFrom({}, scenario);
    let s;
    try {
      const iframe = snippet.match(/<iframe [^>]*><\/iframe>/)[0];
      const height = Number(iframe.match(/height="(\d+)"/)[1]);
      s = await openHost(browser, await host(iframe), 'host.html', { viewport: { width: 760, height: 900 } });
      const { page } = s;
      const frame = page.frameLocator('iframe');
      await frame.locator('iam-playground[data-decision]').waitFor({ timeout: 20000 });
      const outer = await page.locator('iframe').evaluate((f) => ({ h: f.getBoundingClientRect().height, border: getComputedStyle(f).borderTopWidth }));
      assert.equal(outer.h, height, `${file}: the frame keeps the snippet's height`);
      assert.equal(outer.border, '0px', `${file}: no border`);
      const inside = await frame.locator('iam-playground').evaluate((el) => {
        const verdict = el.shadowRoot.querySelector('.verdict').getBoundingClientRect();
        const first = el.shadowRoot.querySelector('.parts').firstElementChild;
        return { verdictBottom: verdict.bottom, verdictFirst: first.classList.contains('verdict'), content: Math.ceil(document.documentElement.getBoundingClientRect().height) };
      });
      assert.ok(inside.verdictFirst, `${file}: the compact view starts with the verdict`);
      assert.ok(inside.verdictBottom <= height, `${file}: the verdict (to ${inside.verdictBottom}px) is inside the ${height}px frame`);
      // Sensible: no more than a little empty space under a short example; a tall one is capped
      // and scrolls inside.
      if (inside.content < 640) assert.ok(height >= inside.content - 40 && height <= inside.content + 80, `${file}: height ${height} for ${inside.content}px of content`);
      else assert.equal(height, 640, `${file}: a tall example is capped (${inside.content}px of content)`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s?.close();
      await session.close();
    }
  }
});

test('a playground site that does not allow CORS: the snippet offers only the iframe; its element says why it cannot start', async () => {
  const { session, snippet } = await snippetFrom({ cors: false });
  let s;
  try {
    assert.doesNotMatch(snippet, /<iam-playground\s+src=/, snippet);
    assert.doesNotMatch(snippet, /iam-playground\.js"/);
    assert.match(snippet, /<iframe src="[^"]+embed\.html#v1\./);
    assert.match(snippet, /Access-Control-Allow-Origin/, 'the snippet says why the element form is missing');

    // The element used anyway from another origin: a clear error, no endless "Loading".
    const playground = session.origin;
    const html = `<script src="${playground}/iam-playground.js" defer></script>\n<iam-playground src="#${wasm.shareEncode(STORY)}"></iam-playground>`;
    s = await openHost(browser, await host(html, { 'Content-Security-Policy': hostCsp(playground) }), 'host.html');
    const text = await s.page.locator('iam-playground').evaluate(
      (el) =>
        new Promise((resolve, reject) => {
          const deadline = Date.now() + 20000;
          (function poll() {
            const error = el.shadowRoot?.querySelector('[data-status="error"], [data-status="invalid"]');
            if (error) resolve(error.textContent);
            else if (Date.now() > deadline) reject(new Error(`no error shown: ${el.shadowRoot?.textContent}`));
            else setTimeout(poll, 100);
          })();
        }),
    );
    assert.match(text, /could not be loaded from http:\/\/127\.0\.0\.1:\d+\/.*Access-Control-Allow-Origin/s, text);
  } finally {
    await s?.close();
    await session.close();
  }
});
