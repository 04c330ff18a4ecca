// Share links: links made by the CLI open with the CLI's decision; hostile and broken links
// are harmless and say what is wrong; nothing ever leaves the page's origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, cliAnswer, cliFragment, loadWasm, ROOT, DIST, assertClean } from './helpers.mjs';

let browser;
let wasm;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
});
after(async () => {
  await browser?.close();
});

/** The files the built service worker caches (relative addresses). */
function offlineFiles() {
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  return JSON.parse(sw.match(/const FILES = (\[.*?\]);/)[1]);
}

/** Waits for the page's verdict: a decision, or "invalid". */
async function verdict(page) {
  const el = await page.waitForSelector('#decision[data-decision], #decision[data-status="invalid"]', { timeout: 15000 });
  return (await el.getAttribute('data-decision')) || 'invalid';
}

const examples = readdirSync(path.join(ROOT, 'www', 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join('www', 'examples', f));

// One corpus file per topic folder (the first, by name), so every kind of scenario is opened.
function corpusSample() {
  const dir = path.join(ROOT, 'tests', 'corpus');
  const picks = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const files = readdirSync(path.join(dir, entry.name)).filter((f) => f.endsWith('.json')).sort();
    if (files.length) picks.push(path.join('tests', 'corpus', entry.name, files[0]));
  }
  return picks;
}

test('a share link made by `iam-playground share` opens with the same decision as `iam-playground eval`', async () => {
  const mismatches = [];
  for (const file of [...examples, ...corpusSample()]) {
    const expected = cliAnswer(path.join(ROOT, file));
    const session = await openPage(browser, { fragment: cliFragment(path.join(ROOT, file)) });
    const { page } = session;
    const shown = await verdict(page);
    const want = expected.status === 'evaluated' ? expected.decision : 'invalid';
    if (shown !== want) mismatches.push(`${file}: the page shows ${shown}, the CLI says ${want}`);
    if (expected.requests.length > 1 && shown !== 'invalid') {
      const perRequest = await page.locator('.request-pick').evaluateAll((els) => els.map((e) => e.dataset.requestDecision));
      const cliPerRequest = expected.requests.map((r) => r.decision);
      if (JSON.stringify(perRequest) !== JSON.stringify(cliPerRequest)) {
        mismatches.push(`${file}: per request the page shows ${perRequest}, the CLI says ${cliPerRequest}`);
      }
    }
    if (shown !== 'invalid' && expected.requests.length) {
      const sids = (await page.locator('.deciding .chip strong').allTextContents()).sort();
      const cliSids = expected.requests[0].matchedStatements.map((s) => s.sid ?? `statement ${s.statementIndex + 1}`).sort();
      if (JSON.stringify(sids) !== JSON.stringify(cliSids)) mismatches.push(`${file}: deciding statements ${sids} vs the CLI's ${cliSids}`);
    }
    await assertClean(session);
    await session.close();
  }
  assert.deepEqual(mismatches, []);
});

const XSS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  sid: '<img src=x onerror=window.__xss=3>',
  value: '<script>window.__xss=4</script><img src=x onerror=window.__xss=4>',
};

function hostileScenario(sid) {
  return JSON.stringify(
    {
      name: XSS.img,
      policies: {
        identity: [
          {
            name: XSS.script,
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: sid,
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:PrincipalTag/team': XSS.value } },
                },
              ],
            },
          },
        ],
      },
      request: {
        principal: 'arn:aws:iam::111122223333:user/alice',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::bucket/key',
        context: { 'aws:PrincipalTag/team': XSS.value },
      },
    },
    null,
    2,
  );
}

async function assertNothingRan(session) {
  const { page } = session;
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no injected script ran');
  const images = await page.evaluate(() => {
    let n = document.querySelectorAll('img, script:not([src])').length;
    for (const host of document.querySelectorAll('.editor-host')) n += host.shadowRoot?.querySelectorAll('img, script').length || 0;
    return n;
  });
  assert.equal(images, 0, 'no element was made from the text');
  assert.ok(!session.requests.some((u) => new URL(u).pathname === '/x'), 'the injected image was never fetched');
}

test('markup in a Sid, a name and a context value shows as text and never runs', async () => {
  // An invalid Sid: the page shows the error, quoting the Sid as text.
  let session = await openPage(browser, { fragment: wasm.shareEncode(hostileScenario(XSS.sid)) });
  let { page } = session;
  assert.equal(await verdict(page), 'invalid');
  await page.waitForSelector('.diagnostics');
  assert.ok((await page.locator('.diagnostics').textContent()).includes(XSS.sid), 'the Sid is quoted as text');
  assert.equal(await page.locator('#scenario-name').inputValue(), XSS.img);
  await page.waitForTimeout(300);
  await assertNothingRan(session);
  await assertClean(session);
  await session.close();

  // A valid scenario: names and values appear as text in the cards, the form and the explanation.
  session = await openPage(browser, { fragment: wasm.shareEncode(hostileScenario('Hostile')) });
  page = session.page;
  assert.equal(await verdict(page), 'Allow');
  assert.equal(await page.locator('.policy-card .card-title').first().textContent(), XSS.script);
  assert.equal(await page.locator('.ctx-value').first().inputValue(), XSS.value);
  const explanation = await page.locator('.condition').first().textContent();
  assert.ok(explanation.includes(XSS.value), 'the context value shows as text in the explanation');
  assert.ok((await page.locator('.deciding').textContent()).includes(XSS.script), 'the policy name shows as text');
  // Opening the authorization message and the context renders the values too, still as text.
  await page.evaluate(() => document.querySelectorAll('#result-body details').forEach((d) => { d.open = true; }));
  await page.waitForTimeout(300);
  await assertNothingRan(session);
  await assertClean(session);
  await session.close();
});

test('garbage and truncated links give a clear message and no uncaught exception', async () => {
  const good = wasm.shareEncode(hostileScenario('Fine'));
  const cases = [
    ['garbage', /not a playground share link/],
    ['v1.', /could not be opened/],
    ['v1.@@@@', /not allowed in a share link/],
    [good.slice(0, Math.floor(good.length / 2)), /damaged or cut short/],
    ['v9.abc', /`v9`/],
    ['%E0%A4%A', /could not be opened/],
    [`v1.${'A'.repeat(5000)}`, /could not be opened/],
    [wasm.shareEncode('this is not JSON'), /not valid JSON/],
    [wasm.shareEncode('[1, 2, 3]'), /must be a JSON object/],
  ];
  for (const [fragment, message] of cases) {
    const session = await openPage(browser, { fragment });
    const { page } = session;
    const notice = await page.waitForSelector('#notice:not([hidden])', { timeout: 15000 });
    const text = await notice.textContent();
    assert.match(text, /could not be opened/, `fragment ${fragment.slice(0, 40)}`);
    assert.match(text, message, `fragment ${fragment.slice(0, 40)}: ${text}`);
    // The page still works: it falls back to a scenario and decides it.
    await page.waitForSelector('#decision[data-decision]', { timeout: 15000 });
    await assertClean(session);
    await session.close();
  }

  // A broken link opened later (hashchange) keeps the scenario on screen.
  const session = await openPage(browser, { fragment: good });
  const { page } = session;
  assert.equal(await verdict(page), 'Allow');
  await page.evaluate(() => {
    location.hash = 'v1.broken!';
  });
  await page.waitForSelector('#notice:not([hidden])');
  assert.equal(await page.locator('#scenario-name').inputValue(), XSS.img);
  assert.equal(await verdict(page), 'Allow');
  await assertClean(session);
  await session.close();
});

test('no request leaves the page: only its own files are fetched', async () => {
  const session = await openPage(browser);
  const { page, origin } = session;
  await page.waitForSelector('#decision[data-decision]');
  // Use everything that could fetch: examples, share, theme, the scenario dialog, a second request.
  await page.locator('#examples-menu summary').click();
  await page.locator('[data-example="8"]').click();
  await page.waitForSelector('.lanes');
  await page.locator('#share-button').click();
  await page.waitForSelector('#share-panel:not([hidden])');
  assert.ok((await page.locator('#share-link').inputValue()).startsWith(`${origin}/#v1.`));
  await page.locator('#theme-button').click();
  await page.locator('#scenario-button').click();
  await page.locator('#scenario-load').click();
  await page.getByRole('button', { name: '+ Add request (a copy)' }).click();
  await page.fill('.req-action', 's3:PutObject');
  await page.waitForSelector('.request-list');
  await page.evaluate(() => document.querySelectorAll('#result-body details').forEach((d) => { d.open = true; }));
  await page.waitForTimeout(500);
  const paths = [...new Set(session.requests.map((u) => new URL(u).pathname))].sort();
  // The AWS data is fetched after the first decision, from the same origin. After the
  // first decision the service worker caches the site's own files for offline use:
  // exactly those of its list, nothing else.
  const pageFiles = ['/', '/app.css', '/app.js', '/data/catalog.json', '/data/managed-policies.json', '/iam_playground_bg.wasm', '/iam_playground_tools_bg.wasm', '/icon.svg', '/theme.js', '/worker.js'];
  for (const p of pageFiles) assert.ok(paths.includes(p), `${p} was fetched`);
  const offline = new Set(['/sw.js', '/manifest.webmanifest', ...offlineFiles().map((f) => `/${f.replace(/^\.\//, '')}`)]);
  assert.deepEqual(paths.filter((p) => !pageFiles.includes(p) && !offline.has(p)), [], 'nothing but the page and its offline copy');
  assert.deepEqual(session.offOrigin, []);
  await assertClean(session);
  await session.close();
});

test('the share button and the address bar carry the scenario; autosave restores it', async () => {
  const session = await openPage(browser);
  const { page, url } = session;
  await page.waitForSelector('#decision[data-decision]');
  await page.waitForFunction(() => location.hash.length > 10);
  const before = await page.evaluate(() => location.hash);
  await page.fill('#scenario-name', 'Remember me');
  // The address bar follows once the new scenario is evaluated and encoded (not before).
  await page.waitForFunction((old) => location.hash.length > 10 && location.hash !== old, before, { timeout: 15000 });
  const link = page.url();
  const text = wasm.shareDecode(new URL(link).hash.slice(1));
  assert.equal(JSON.parse(text).name, 'Remember me');
  // Reloading without the fragment restores the autosaved scenario.
  await page.goto(url);
  await page.waitForSelector('#decision[data-decision]');
  assert.equal(await page.locator('#scenario-name').inputValue(), 'Remember me');
  await assertClean(session);
  await session.close();
});
