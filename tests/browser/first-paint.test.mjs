// The first decision comes first: the page's first chunks (app.js and those index.html
// preloads) hold what the decision, its flow picture and its explanation need; the editors
// (CodeMirror) are a chunk of their own, fetched only once the decision is on screen. Until
// they arrive each policy is shown as read-only text in the editor's box, so their arrival
// moves nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, assertClean, heldRoute, DIST } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The chunks index.html preloads (the first ones) and the others (loaded later). */
function chunks() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const first = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const all = readdirSync(path.join(DIST, 'chunks')).map((f) => `chunks/${f}`);
  return { first, lazy: all.filter((f) => !first.includes(f)) };
}

/** Files of `files` that hold CodeMirror (its editor view class and its JSON grammar). */
function withCodeMirror(files) {
  return files.filter((f) => {
    const js = readFileSync(path.join(DIST, f), 'utf8');
    return js.includes('cm-editor') || js.includes('cm-content');
  });
}

test('the first chunks hold no CodeMirror; the editors are a lazy chunk', () => {
  const { first, lazy } = chunks();
  assert.deepEqual(withCodeMirror(['app.js', ...first]), [], 'CodeMirror is not in app.js nor in a preloaded chunk');
  assert.ok(withCodeMirror(lazy).length >= 1, `a lazy chunk holds CodeMirror: ${lazy.join(', ')}`);
});

test('app.js and its chunks are preloaded before boot.js, which blocks the parser: they are fetched while it and the styles arrive', () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const { first } = chunks();
  const boot = html.indexOf('<script src="boot.js"></script>');
  assert.ok(boot > 0, 'index.html loads boot.js');
  assert.ok(first.includes('app.js') && first.some((f) => f.startsWith('chunks/')), `preloaded: ${first.join(', ')}`);
  for (const f of first) {
    const at = html.indexOf(`<link rel="modulepreload" href="${f}">`);
    assert.ok(at >= 0 && at < boot, `${f} is preloaded before boot.js`);
  }
  assert.ok(html.indexOf('<link rel="stylesheet" href="app.css">') > boot, 'the styles come after boot.js, which must not wait for them');
});

test('the decision is shown before any editor chunk is asked for; the text shows meanwhile, then the editors come, editable, moving nothing', async () => {
  const { lazy } = chunks();
  const editorChunks = withCodeMirror(lazy);
  // Hold the lazy chunks: the decision must not need them.
  const hold = heldRoute((url) => lazy.some((f) => url.pathname.endsWith(`/${f}`)));
  const requests = [];
  const session = await openPage(browser, {
    beforeGoto: async (arg) => {
      arg.context.on('request', (r) => requests.push(r));
      await hold.beforeGoto(arg);
      await arg.context.addInitScript(() => {
        window.__first = { decisionAt: null, shifts: [] };
        new MutationObserver(() => {
          if (window.__first.decisionAt === null && document.querySelector('#decision[data-decision]')) window.__first.decisionAt = performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__first.shifts.push({ at: e.startTime, value: e.value });
        }).observe({ type: 'layout-shift', buffered: true });
      });
    },
  });
  const { page } = session;
  const decision = await decisionOf(page);
  assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(decision), decision);
  // The explanation and the flow picture are there with it.
  await page.waitForSelector('#result-body .flow-picture');
  // Each policy's text is on screen, read-only, where its editor will be; no editor yet.
  const placeholders = page.locator('.policy-card .editor-placeholder');
  const cards = await page.locator('.policy-card').count();
  assert.ok(cards >= 1);
  assert.equal(await placeholders.count(), cards);
  assert.match(await placeholders.first().textContent(), /"Statement"/);
  assert.ok(await placeholders.first().isVisible());
  assert.equal(await page.evaluate(() => document.querySelector('.policy-card .editor-host').shadowRoot), null);
  // The statements that decided are highlighted in the text already.
  if (decision === 'Allow') assert.ok((await page.locator('.ph-decided').count()) >= 1, 'the deciding lines are marked');
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('.policy-card .editor-host')].map((el) => {
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), height: Math.round(r.height), width: Math.round(r.width) };
  }));
  const before = await boxes();
  const last = await page.evaluate(() => {
    const r = document.querySelector('#request-pane').getBoundingClientRect();
    return Math.round(r.top + window.scrollY);
  });
  // The editors' chunk is asked for once the decision is shown (it is held here, and the
  // decision came without it).
  for (let i = 0; hold.asked() === 0 && i < 150; i++) await page.waitForTimeout(100);
  assert.ok(hold.asked() >= 1, 'the editors are asked for after the decision');
  const shiftsBefore = await page.evaluate(() => window.__first.shifts.reduce((n, s) => n + s.value, 0));

  hold.release();
  await page.waitForFunction(() => document.documentElement.dataset.editors === 'ready');
  await page.waitForFunction(() => [...document.querySelectorAll('.policy-card .editor-host')].every((el) => el.shadowRoot?.querySelector('.cm-content')));
  assert.equal(await placeholders.count(), 0, 'the placeholders are gone');
  // Every editor chunk was asked for after the decision was on screen (both clocks are the wall clock).
  const decisionAt = await page.evaluate(() => performance.timeOrigin + window.__first.decisionAt);
  for (const f of editorChunks) {
    const r = requests.find((q) => new URL(q.url()).pathname.endsWith(`/${f}`));
    assert.ok(r, `${f} was fetched`);
    await r.response();
    const at = r.timing().startTime;
    assert.ok(at > decisionAt, `${f} was asked for ${(decisionAt - at).toFixed(0)} ms before the decision`);
  }
  // Same boxes, same place: the editors moved nothing.
  const after = await boxes();
  assert.deepEqual(after, before, 'the editors have the boxes of the text they replaced');
  assert.equal(await page.evaluate(() => Math.round(document.querySelector('#request-pane').getBoundingClientRect().top + window.scrollY)), last);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const shiftsAfter = await page.evaluate(() => window.__first.shifts.reduce((n, s) => n + s.value, 0));
  assert.ok(shiftsAfter - shiftsBefore < 0.001, `the editors' arrival shifted the layout by ${(shiftsAfter - shiftsBefore).toFixed(4)}`);
  // The editors are editable: typing changes the decision's input.
  const editor = page.locator('.policy-card').first().locator('.cm-content');
  assert.equal(await editor.getAttribute('contenteditable'), 'true');
  await editor.click();
  await page.keyboard.press('Control+End');
  await afterEvaluation(page, () => page.keyboard.type(' '));
  await assertClean(session);
  await session.close();
});
