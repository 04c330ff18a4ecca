// The page in Japanese: a browser whose language is ja-JP gets the page in Japanese (<html
// lang="ja">, the header, the panes, the verdict and the engine's explanation); the header's
// switch goes back to English, re-evaluates so the engine's sentences follow, and the choice
// is kept across a reload. And a lesson embedded with <iam-playground lesson="ID">: its text
// and goals, checked live, turn ✓ when the solution is typed or loaded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, readFile as read } from 'node:fs/promises';
import path from 'node:path';
import { DIST, ROOT, afterEvaluation, catalogSettled, heldRoute, launch, openHost, openPage } from './helpers.mjs';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

test('ja-JP: the page opens in Japanese, and the switch goes back to English and stays', async () => {
  const browser = await launch();
  const session = await openPage(browser, { locale: 'ja-JP' });
  const { page } = session;
  try {
    await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.title(), 'IAM ポリシープレイグラウンド');
    // The UI: header, panes, buttons.
    assert.equal((await page.textContent('#share-button')).trim(), '共有リンク');
    assert.equal((await page.textContent('#examples-menu summary')).trim(), '例');
    assert.equal((await page.textContent('#policies-heading')).trim(), 'ポリシー');
    assert.equal((await page.textContent('#request-heading')).trim(), 'リクエスト');
    assert.equal((await page.textContent('#lang-button')).trim(), 'English');
    assert.match(await page.textContent('#add-policy'), /ポリシーを追加/);
    assert.match(await page.textContent('.field-principal label'), /プリンシパル/);
    // The first example: iam:PassRole implicitly denied, in Japanese.
    assert.equal(await page.getAttribute('#decision', 'data-decision'), 'ImplicitDeny');
    assert.equal((await page.textContent('#decision .decision-word')).trim(), '暗黙的な拒否');
    // The verdict sentence and the explanation are the engine's, in Japanese.
    const summary = await page.textContent('#decision .summary');
    assert.match(summary, /^暗黙的な拒否: /, summary);
    assert.match(await page.textContent('#decision .decided-by'), /決定したのは.*です。/);
    const reasons = await page.locator('.flow .gate-reason').allTextContents();
    assert.ok(reasons.length > 0 && reasons.every((r) => JAPANESE.test(r)), `every gate's reason is Japanese: ${reasons.join(' | ')}`);
    assert.match(await page.textContent('.flow-end'), /最終的な判定: 暗黙的な拒否/);
    assert.match(await page.textContent('.result-details'), /説明: すべてのステートメント/);
    // Each statement's explanation: the element's words (the page's) and its detail (the engine's).
    // The AWS data's arrival re-evaluates and redraws the result: a click before it can land on
    // a block that is then replaced (a CI run on a loaded machine lost it that way).
    await catalogSettled(page);
    await page.locator('.policy-explained details > summary').first().click();
    const detail = await page.locator('.policy-explained .elements .detail').first().textContent();
    assert.match(detail, /Action のどのパターンも iam:PassRole を対象に含みません/, detail);
    assert.match(await page.locator('.policy-explained .elements dd').first().textContent(), /一致しない/);
    // CodeMirror's own words in the editors (the fold gutter's titles).
    await page.waitForFunction(() => document.documentElement.dataset.editors === 'ready', null, { timeout: 20000 });
    assert.match(await page.locator('.policy-card .cm-foldGutter [title]').first().getAttribute('title'), /^行を(折りたたむ|展開する)$/);
    // The scenario's name (an example's title) and the start line.
    assert.equal(await page.inputValue('#scenario-name'), 'EC2 のフルアクセスだけではインスタンスロールを渡せない');
    assert.match(await page.textContent('#start-line'), /このユーザーは EC2 のロールを渡せません:.*エラーを貼り付ける → インポート/s);

    // The fix for the denied step: its explanation, reason, condition lines and notes in Japanese.
    await page.locator('#fix-suggest').click();
    await page.waitForSelector('#fix-section[data-fix-kind="addStatements"]', { timeout: 15000 });
    const explanation = await page.locator('#fix-section .fix-explanation').first().textContent();
    assert.match(explanation, /ステートメント AllowIamPassRole を追加します/, explanation);
    assert.match(explanation, /再評価すると、リクエストは許可されます。$/, explanation);
    const conditionLines = await page.locator('#fix-section .condition-lines li').allTextContents();
    assert.equal(conditionLines.length, 2);
    assert.match(conditionLines[0], /^StringEquals iam:PassedToService: ロールを渡せるのは、そのロールで動作するサービス ec2\.amazonaws\.com だけです$/);
    assert.ok(conditionLines.every((l) => JAPANESE.test(l)), conditionLines.join(' | '));
    const notes = await page.locator('#fix-section .fix-notes').textContent();
    assert.match(notes, /expect も更新してください/, notes);
    assert.doesNotMatch(await page.textContent('#fix-section'), /evaluated again|the role may be passed/);

    // The switch: English at once, the engine's sentence too (evaluated again).
    await afterEvaluation(page, () => page.click('#lang-button'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('#share-button')).trim(), 'Share link');
    assert.equal(await page.title(), 'IAM policy playground');
    assert.equal((await page.textContent('#lang-button')).trim(), '日本語');
    assert.equal(await page.getAttribute('#lang-button', 'lang'), 'ja');
    assert.equal((await page.textContent('#decision .decision-word')).trim(), 'Denied implicitly');
    assert.match(await page.textContent('#decision .summary'), /^Implicitly denied: /);
    assert.match(await page.textContent('#add-policy'), /Add policy/);

    // Kept across a reload, although the browser still prefers Japanese.
    await page.reload();
    await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('#policies-heading')).trim(), 'Policies');
    assert.match(await page.textContent('#decision .summary'), /^Implicitly denied: /);
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});

test('ja-JP: the Call bundle dialog and the checks it writes are in Japanese; English after the switch', async () => {
  const browser = await launch();
  const session = await openPage(browser, { locale: 'ja-JP' });
  const { page } = session;
  try {
    await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
    await page.locator('#bundle-button').click();
    await page.waitForSelector('#bundle-dialog[open] #bundle-name option', { state: 'attached', timeout: 15000 });
    const options = await page.locator('#bundle-name option').allTextContents();
    assert.ok(options.includes('実行ロール付きで Lambda 関数を作成する (lambda:CreateFunction)'), options.join(' | '));
    assert.ok(options.every((o) => JAPANESE.test(o)), options.join(' | '));
    await page.locator('#bundle-name').selectOption('lambda-create-function');
    assert.match(await page.textContent('#bundle-about'), /^CreateFunction は新しい関数に対する lambda:CreateFunction のチェックです。/);
    assert.match(await page.textContent('label[for="bundle-param-roleArn"]'), /実行ロール/);
    await afterEvaluation(page, () => page.locator('#bundle-apply').click());
    await page.waitForFunction(() => document.querySelector('#checks h3')?.textContent.includes('実行ロール付きで Lambda 関数を作成する'), null, { timeout: 15000 });
    assert.match(await page.textContent('#checks tbody'), /実行ロールを Lambda に渡す/);

    // After the switch the dialog reads the bundles again, in English.
    await afterEvaluation(page, () => page.click('#lang-button'));
    await page.locator('#bundle-button').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#bundle-name option')].some((o) => o.textContent === 'Create a Lambda function with an execution role (lambda:CreateFunction)'), null, { timeout: 15000 });
    assert.equal(await page.inputValue('#bundle-name'), 'lambda-create-function');
    assert.doesNotMatch(await page.textContent('#bundle-about'), JAPANESE);
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});

test('en-US: the page opens in English, and 日本語 switches it', async () => {
  const browser = await launch();
  const session = await openPage(browser);
  const { page } = session;
  try {
    await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('#lang-button')).trim(), '日本語');
    // The engine's Japanese sentences are a file of their own, which English never fetches
    // (not even once the editors and the tools module are in). The offline copy (the service
    // worker, registered once the page has started) caches every file of the release, this one
    // too, whenever it gets to it: its requests are not the page's.
    await page.waitForFunction(() => document.documentElement.dataset.editors === 'ready', null, { timeout: 20000 });
    const catalogAsked = () =>
      session.requests.filter((u) => new URL(u).pathname.endsWith('/i18n/ja.json')).length -
      session.offlineCopyRequests.filter((u) => new URL(u).pathname.endsWith('/i18n/ja.json')).length;
    assert.equal(catalogAsked(), 0, session.requests.join('\n'));
    // Japanese is a chunk of its own, fetched on the switch; then the page evaluates again.
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'ja' && /^暗黙的な拒否: /.test(document.querySelector('#decision .summary')?.textContent || ''), null, { timeout: 20000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal((await page.textContent('#scenario-button')).trim(), 'シナリオ JSON');
    assert.match(await page.textContent('#decision .summary'), /^暗黙的な拒否: /);
    assert.equal(await page.evaluate(() => localStorage.getItem('iam-playground:lang')), 'ja');
    assert.equal(catalogAsked(), 1, 'the engine\'s Japanese sentences, fetched once on the switch');
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});

test('ja-JP: the first answer waits for the engine\'s Japanese sentences, however slow, and is wholly Japanese', async () => {
  const browser = await launch();
  const hold = heldRoute('**/i18n/ja.json');
  const session = await openPage(browser, { locale: 'ja-JP', beforeGoto: hold.beforeGoto });
  const { page } = session;
  try {
    await page.waitForFunction(() => document.documentElement.lang === 'ja', null, { timeout: 20000 });
    // The worker asks for them before its first answer in Japanese, and answers only once they are in.
    for (let i = 0; i < 200 && hold.asked() === 0; i++) await page.waitForTimeout(50);
    assert.equal(hold.asked(), 1, 'the worker asks for i18n/ja.json once');
    await page.waitForTimeout(500);
    assert.equal(await page.$('#decision[data-decision]'), null, 'no decision shown before the Japanese sentences are in');
    hold.release();
    await page.waitForSelector('#decision[data-decision]', { timeout: 20000 });
    const summary = await page.textContent('#decision .summary');
    assert.match(summary, /^暗黙的な拒否: /, summary);
    assert.doesNotMatch(summary, /Implicitly denied|not allowed/, summary);
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

/** A host page with two lesson embeds (the host's language, and one in Japanese), under a strict CSP. */
async function lessonHost(hostLang = 'en') {
  const page = `<!doctype html>
<html lang="${hostLang}"><head><meta charset="utf-8"><title>lesson host</title><link rel="icon" href="icon.svg">
<script src="iam-playground.js" defer></script>
</head><body>
<iam-playground id="en" lesson="passrole-3"></iam-playground>
<iam-playground id="ja" lesson="passrole-3" lang="ja" panes="decision"></iam-playground>
</body></html>`;
  const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
  const server = createServer(async (req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    try {
      const body = p === '/host.html' ? page : await readFile(path.join(DIST, path.normalize(p).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(p)] || 'application/octet-stream', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** The goals' marks of embed `id`, in order: [true, false, ...]. */
const marks = (page, id) => page.locator(`#${id} .goal`).evaluateAll((items) => items.map((li) => li.dataset.holds === 'true'));

test('<iam-playground lesson="passrole-3">: the lesson, its goals checked live; typed or loaded, the solution meets every goal', async () => {
  const lesson = JSON.parse(await read(path.join(ROOT, 'lessons', 'passrole-3.json'), 'utf8'));
  const browser = await launch();
  const s = await openHost(browser, await lessonHost(), 'host.html');
  const { page } = s;
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('iam-playground')].every((e) => e.dataset.lessonFinished), null, { timeout: 30000 });
    // The lesson's text, in each element's language.
    assert.equal((await page.locator('#en .lesson-title').textContent()).trim(), lesson.title.en);
    assert.equal((await page.locator('#ja .lesson-title').textContent()).trim(), lesson.title.ja);
    assert.match(await page.locator('#ja .lesson-summary').textContent(), /目標のうち/);
    assert.match(await page.locator('#ja .word').first().textContent(), /拒否|許可/);
    assert.equal(await page.locator('#en .goal').count(), lesson.goals.length);
    const start = await marks(page, 'en');
    assert.ok(start.includes(false), `the start fails a goal: ${start}`);
    assert.equal(await page.getAttribute('#en', 'data-lesson-finished'), 'false');

    // Typed: the last identity policy, as in the solution.
    const identity = lesson.solution.policies.identity;
    const editors = page.locator('#en .part .cm-content');
    const last = editors.nth(identity.length - 1);
    await last.click();
    await page.keyboard.press('Control+A');
    await last.evaluate((el, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(identity[identity.length - 1].document, null, 2));
    await page.waitForFunction(() => document.getElementById('en').dataset.lessonFinished === 'true', null, { timeout: 20000 });
    assert.deepEqual(await marks(page, 'en'), lesson.goals.map(() => true));
    assert.match(await page.locator('#en .lesson-summary').textContent(), /Lesson finished/);

    // Start over, then a hint, then the solution loaded with one click.
    await page.locator('#en .lesson-start-over').click();
    await page.waitForFunction(() => document.getElementById('en').dataset.lessonFinished === 'false', null, { timeout: 20000 });
    await page.locator('#en .lesson-hint').click();
    assert.equal(await page.locator('#en .lesson-hints li').count(), 1);
    await page.locator('#en .lesson-solution').click();
    await page.locator('#en .lesson-use-solution').click();
    await page.waitForFunction(() => document.getElementById('en').dataset.lessonFinished === 'true', null, { timeout: 20000 });
    assert.deepEqual(await marks(page, 'en'), lesson.goals.map(() => true));
    // "Open in playground" opens the lesson there.
    assert.match(await page.getAttribute('#en .foot a', 'href'), /#learn\/passrole-3$/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await browser.close();
  }
});

test('<iam-playground> follows the host page\'s <html lang> when it has no lang of its own', async () => {
  const lesson = JSON.parse(await read(path.join(ROOT, 'lessons', 'passrole-3.json'), 'utf8'));
  const browser = await launch();
  // The browser prefers English; the host page is Japanese.
  const s = await openHost(browser, await lessonHost('ja'), 'host.html');
  const { page } = s;
  try {
    await page.waitForFunction(() => document.getElementById('en')?.dataset.lessonFinished, null, { timeout: 30000 });
    assert.equal((await page.locator('#en .lesson-title').textContent()).trim(), lesson.title.ja);
    assert.match(await page.locator('#en .lesson-summary').textContent(), /目標のうち/);
    // The engine's sentence too: the verdict's summary.
    assert.match(await page.locator('#en .summary').first().textContent(), JAPANESE);
    assert.match(await page.locator('#en .foot a').textContent(), /プレイグラウンドで開く/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await browser.close();
  }
});
