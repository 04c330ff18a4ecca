// Offline and installable: after the first visit the service worker has cached the whole site,
// so with the network off a reload still decides, a lesson, an embed and the AWS data still
// load; the site works from a sub-path of a static host; a new release replaces the cache
// cleanly and the page says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, DIST, ROOT, cliFragment } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of the built site under /play/sub/ of a fresh server (a static host's sub-path). */
async function hostedCopy() {
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-playground-offline-'));
  const site = path.join(dir, 'play', 'sub');
  cpSync(DIST, site, { recursive: true });
  const { server, url } = await serve(dir);
  server.unref();
  return {
    site,
    url: `${url}play/sub/`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function open(host, fragment = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url + (fragment ? `#${fragment}` : ''));
  return { context, page, errors };
}

async function decision(page) {
  const el = await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
  return el.getAttribute('data-decision');
}

/** Waits until the service worker controls the page and has its release's cache complete. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller && document.documentElement.dataset.release, null, { timeout: 30000 });
  return page.evaluate(() => document.documentElement.dataset.release);
}

function cachedFiles() {
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const match = sw.match(/const FILES = (\[.*?\]);/);
  assert.ok(match, 'the built sw.js lists its files');
  return JSON.parse(match[1]);
}

test('the cache list is the build output: pages, both engines and their Japanese sentences, lessons, AWS data, manifest and icons', () => {
  const files = cachedFiles();
  for (const f of ['./', 'index.html', 'embed.html', 'docs.html', 'app.js', 'worker.js', 'iam-playground.js', 'data/catalog.json',
    'data/managed-policies.json', 'i18n/ja.json', 'lessons/index.json', 'lessons/passrole-3.json', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png']) {
    assert.ok(files.includes(f), `${f} is cached`);
  }
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'the WebAssembly is cached');
  assert.ok(!files.includes('sw.js'), 'the service worker does not cache itself');
  assert.ok(files.every((f) => !f.startsWith('/') && !f.includes('://')), 'relative addresses only');
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
  for (const icon of manifest.icons) assert.ok(files.includes(icon.src), `${icon.src} exists and is cached`);
});

test('after the first visit the page, an embed, a lesson and the AWS data work offline, from a sub-path', async () => {
  const host = await hostedCopy();
  const fragment = cliFragment(path.join(ROOT, 'tests', 'corpus', 'passrole', 'passrole-4-narrowed-lambda-denied.json'));
  const { context, page, errors } = await open(host, fragment);
  try {
    const online = await decision(page);
    await controlled(page);
    await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('offline'), null, { timeout: 10000 });

    await context.setOffline(true);
    assert.equal(await page.evaluate(() => fetch('index.html').then(() => 'online', () => 'offline').catch(() => 'offline')), 'online',
      'the service worker answers from its cache');
    await page.reload();
    assert.equal(await decision(page), online, 'offline, the reloaded page decides as before');
    // A lesson file and the AWS data, offline.
    assert.equal(await page.evaluate(() => fetch('lessons/passrole-3.json').then((r) => r.json()).then((l) => l.id)), 'passrole-3');
    const managed = await page.evaluate(() => fetch('data/managed-policies.json').then((r) => r.ok));
    assert.ok(managed, 'the AWS managed policies are cached');
    // An embed (the iframe page) decides offline too.
    const embed = await context.newPage();
    await embed.goto(`${host.url}embed.html#${fragment}`);
    await embed.locator('iam-playground[data-decision]').waitFor({ timeout: 20000 });
    assert.equal(await embed.locator('iam-playground').getAttribute('data-decision'), online);
    // A lesson link opens learn mode offline, and its goals are checked.
    const lesson = await context.newPage();
    await lesson.goto(`${host.url}#learn/passrole-3`);
    await lesson.waitForFunction(() => /goals hold/.test(document.getElementById('learn-summary')?.textContent || ''), null, { timeout: 20000 });
    assert.ok((await lesson.locator('#learn-goal-list .goal').count()) > 0, 'the goals of the lesson are listed offline');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('a new release replaces the cache cleanly and the page says so', async () => {
  const host = await hostedCopy();
  const { context, page } = await open(host);
  try {
    await decision(page);
    const first = await controlled(page);
    // Release 2: one file changes, and the build writes a new sw.js.
    appendFileSync(path.join(host.site, 'app.css'), '\n/* release 2 */\n');
    const r = spawnSync('node', [path.join(ROOT, 'scripts', 'offline.mjs'), host.site], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);

    await page.reload();
    await decision(page);
    const bar = page.locator('#update-bar');
    await bar.waitFor({ timeout: 30000 });
    assert.match(await bar.textContent(), /new release/);
    await Promise.all([page.waitForEvent('load'), bar.getByRole('button', { name: 'Reload' }).click()]);
    await decision(page);
    await page.waitForFunction((v) => document.documentElement.dataset.release && document.documentElement.dataset.release !== v, first, { timeout: 30000 });
    const second = await page.evaluate(() => document.documentElement.dataset.release);
    await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('updated'), null, { timeout: 10000 });
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`iam-playground-${second}`], 'only the new release is cached');
    assert.match(await page.evaluate(() => fetch('app.css').then((r) => r.text())), /release 2/);
  } finally {
    await context.close();
    await host.close();
  }
});
