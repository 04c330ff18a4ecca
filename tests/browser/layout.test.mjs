// The layout around the verdict: the decision, its reason and the statement that decided it on
// the first screen of a desktop; on a phone the verdict right under a short header, sticky; the
// first decision moves nothing (layout shift, measured by the browser); menus and dialogs
// inside the window at every size; nothing cut at phone width; the newcomer's start line.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, expectDecision, assertClean, ROOT, openExample } from './helpers.mjs';

const DESKTOP = { width: 1280, height: 720 };
const LARGE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const exampleName = (file) => JSON.parse(readFileSync(path.join(ROOT, 'www', 'examples', file), 'utf8')).name;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Runs `body(page, session)` on a fresh page (`options` for openPage) once it shows its first
 * decision; then checks that nothing went wrong (no error, no CSP violation) and closes it.
 */
async function withPage(options, body) {
  const session = await openPage(browser, options);
  await decisionOf(session.page);
  await body(session.page, session);
  await assertClean(session);
  await session.close();
}

/** The box of the first element matching `selector` (null when there is none). */
function box(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  }, selector);
}

/** Asserts that `b` lies inside the window (below `top`, which a sticky bar covers). */
function assertInside(b, viewport, what, top = 0) {
  assert.ok(b, `${what} is on the page`);
  assert.ok(b.width > 0 && b.height > 0, `${what} has a size`);
  assert.ok(b.top >= top - 0.5 && b.bottom <= viewport.height + 0.5, `${what} is between y=${top} and ${viewport.height}: ${JSON.stringify(b)}`);
  assert.ok(b.left >= -0.5 && b.right <= viewport.width + 0.5, `${what} is between x=0 and ${viewport.width}: ${JSON.stringify(b)}`);
}

for (const viewport of [DESKTOP, LARGE]) {
  test(`${viewport.width}x${viewport.height}: the decision, its reason and the deciding statement are on the first screen`, () =>
    withPage({ viewport }, async (page) => {
      const header = await box(page, 'header.top');
      // The seed story: an implicit deny, said in one line, and why no statement decided.
      assertInside(await box(page, '#decision'), viewport, 'the decision', header.bottom);
      assertInside(await box(page, '#decision .summary'), viewport, 'its one-line reason', header.bottom);
      assertInside(await box(page, '#result-body .decision-host .block'), viewport, 'the statements that decided', header.bottom);
      // An explicit deny: the Deny statement's chip, too, and it stays there while the editors
      // scroll (the result column is sticky).
      await openExample(page, '5');
      await expectDecision(page, 'ExplicitDeny');
      assertInside(await box(page, '.deciding .chip'), viewport, 'the deciding statement', header.bottom);
      await page.mouse.move(200, viewport.height / 2);
      await page.mouse.wheel(0, 1500);
      await page.waitForFunction(() => window.scrollY > 200);
      assertInside(await box(page, '#decision'), viewport, 'the decision after scrolling the editors', header.bottom);
      assertInside(await box(page, '.deciding .chip'), viewport, 'the deciding statement after scrolling', header.bottom);
      // The verdict bar is for narrow windows only: here the result is beside the editors.
      assert.equal(await page.locator('#verdict-bar').isVisible(), false);
    }));
}

test('390x844: the verdict sits under a header of at most 120 px and stays while scrolling', () =>
  withPage({ viewport: PHONE }, async (page) => {
    const decision = await page.locator('#decision').getAttribute('data-decision');
    const header = await box(page, 'header.top');
    assert.ok(header.height <= 120, `the header is ${header.height} px high`);
    const bar = page.locator('#verdict-bar');
    await page.waitForFunction((d) => document.querySelector('#verdict-bar').dataset.decision === d, decision);
    const first = await box(page, '#verdict-bar');
    assert.ok(Math.abs(first.top - header.bottom) <= 1, `the verdict is right under the header (${first.top} vs ${header.bottom})`);
    assertInside(first, PHONE, 'the verdict');
    assert.match(await bar.textContent(), /Denied implicitly/);
    assert.match(await bar.locator('.verdict-reason').textContent(), /no identity-based policy allows it/);
    // Down among the editors, it is still there, at the top.
    await page.mouse.wheel(0, 2000);
    await page.waitForFunction(() => window.scrollY > 1000);
    const scrolled = await box(page, '#verdict-bar');
    assert.ok(Math.abs(scrolled.top) <= 1, `the verdict sticks to the top (${scrolled.top})`);
    // "See why" brings the result into view below the bar, not under it.
    await bar.click();
    await page.waitForFunction(() => document.activeElement?.id === 'result');
    assertInside(await box(page, '#decision'), PHONE, 'the decision after See why', scrolled.bottom);
    // A new decision reaches the bar.
    await openExample(page, '5');
    await page.waitForFunction(() => document.querySelector('#verdict-bar').dataset.decision === 'ExplicitDeny');
    assert.match(await bar.textContent(), /Denied explicitly/);
  }));

for (const viewport of [DESKTOP, PHONE]) {
  test(`${viewport.width}x${viewport.height}: "Skip to the result" puts the verdict in view, not under a sticky bar`, () =>
    withPage({ viewport }, async (page) => {
      // Down the page first, so the jump has somewhere to go.
      await page.mouse.wheel(0, 1200);
      await page.waitForFunction(() => window.scrollY > 500);
      await page.locator('.skip-link').focus();
      assertInside(await box(page, '.skip-link'), viewport, 'the focused skip link');
      const address = page.url();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'result');
      assert.equal(page.url(), address, 'the address bar still holds the scenario');
      assert.equal(await page.locator('#notice').isVisible(), false, 'no "link could not be opened"');
      const covered = Math.max((await box(page, 'header.top')).bottom, (await box(page, '#verdict-bar')).bottom);
      assertInside(await box(page, '#decision'), viewport, 'the decision after the skip link', covered);
    }));
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`${viewport.width}x${viewport.height}: the first decision shifts the layout by less than 0.05`, async () => {
    // The browser's own measure (Layout Instability API), from the first paint to the decision
    // and the re-evaluation once the AWS data is in.
    const session = await openPage(browser, {
      viewport,
      beforeGoto: ({ context }) =>
        context.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: (e.sources || []).map((s) => s.node?.id || s.node?.className || s.node?.nodeName || '?') });
          }).observe({ type: 'layout-shift', buffered: true });
        }),
    });
    const { page } = session;
    await decisionOf(page);
    // The AWS data loads after the first decision, then the scenario is evaluated again.
    await page.waitForFunction(() => Number(document.documentElement.dataset.evaluations) >= 2, null, { timeout: 60000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => window.__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    assert.ok(total < 0.05, `layout shift ${total.toFixed(3)}: ${JSON.stringify(shifts)}`);
    await assertClean(session);
    await session.close();
  });
}

// In English at each width, and in Japanese (longer words) at the narrowest.
for (const [width, locale] of [[1280, 'en-US'], [1440, 'en-US'], [1520, 'en-US'], [1280, 'ja-JP']]) {
  test(`${width} px wide, ${locale}: the header is one row, its title and every action whole`, async () => {
    const viewport = { width, height: 720 };
    const session = await openPage(browser, { viewport, locale });
    const { page } = session;
    await decisionOf(page);
    const header = await box(page, 'header.top');
    assert.equal(Math.round(header.height), 56, 'one row');
    assert.equal(await page.locator('#actions-toggle').isVisible(), false, 'not folded');
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('header.top .brand, header.top .brand > *, #actions-list > *, #examples-menu > summary')]
        .filter((el) => getComputedStyle(el).display !== 'none')
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { what: el.id || el.className || el.tagName, left: r.left, right: r.right, cut: el.scrollWidth > el.clientWidth + 1 };
        })
        .filter((b) => b.cut || b.left < 0 || b.right > innerWidth),
    );
    assert.deepEqual(cut, [], 'nothing in the header is cut or outside the window');
    await assertClean(session);
    await session.close();
  });
}

// Phones: where the title's longest word does not fit beside the buttons, the buttons take a
// second row; the title is never cut.
for (const [width, locale] of [[414, 'en-US'], [390, 'en-US'], [360, 'en-US'], [320, 'en-US'], [320, 'ja-JP']]) {
  test(`${width} px wide, ${locale}: the header's title and buttons are whole, in at most two rows`, async () => {
    const viewport = { width, height: 700 };
    const session = await openPage(browser, { viewport, locale });
    const { page } = session;
    await decisionOf(page);
    const header = await box(page, 'header.top');
    assert.ok(header.height <= 120, `the header is ${header.height} px high`);
    const cut = await page.evaluate(() => {
      const header = document.querySelector('header.top').getBoundingClientRect();
      return [...document.querySelectorAll('header.top .brand, header.top .brand h1, #lang-button, #actions-toggle, #examples-menu > summary')]
        .filter((el) => getComputedStyle(el).display !== 'none')
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { what: el.id || el.className || el.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 };
        })
        .filter((b) => b.cut || b.left < 0 || b.right > innerWidth || b.top < header.top - 0.5 || b.bottom > header.bottom + 0.5);
    });
    assert.deepEqual(cut, [], 'nothing in the header is cut or outside it');
    await assertClean(session);
    await session.close();
  });
}

for (const width of [1440, 1280, 1279, 1100, 1024, 800, 390, 320]) {
  test(`${width} px wide: the Examples menu, the Menu and the dialogs stay inside the window`, async () => {
    const viewport = { width, height: width < 600 ? 700 : 720 };
    const session = await openPage(browser, { viewport });
    const { page } = session;
    await decisionOf(page);
    // Examples: every title readable.
    await page.locator('#examples-menu summary').click();
    assertInside(await box(page, '#examples-menu .menu-panel'), viewport, 'the Examples menu');
    const titles = await page.locator('#examples .ex-title').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, cut: el.scrollWidth > el.clientWidth + 1 };
      }),
    );
    for (const t of titles) assert.ok(t.left >= 0 && t.right <= width && !t.cut, `an example title is cut: ${JSON.stringify(t)}`);
    await page.keyboard.press('Escape');
    // The other actions: in the header, or in the Menu below 1280 px.
    const folded = await page.locator('#actions-toggle').isVisible();
    assert.equal(folded, width < 1280, `the actions are folded below 1280 px (${width})`);
    if (folded) {
      await page.locator('#actions-toggle').click();
      assert.equal(await page.locator('#actions-toggle').getAttribute('aria-expanded'), 'true');
      assertInside(await box(page, '#actions-list'), viewport, 'the Menu');
    }
    for (const id of await page.locator('#actions-list > button').evaluateAll((els) => els.map((el) => el.id))) {
      assertInside(await box(page, `#${id}`), viewport, `#${id}`);
    }
    await page.locator('#scenario-button').click();
    await page.waitForSelector('#scenario-dialog[open]');
    assertInside(await box(page, '#scenario-dialog'), viewport, 'the Scenario JSON dialog');
    await page.keyboard.press('Escape');
    // The Import dialog from the start line.
    await page.locator('#start-import').click();
    await page.waitForSelector('#import-dialog[open]');
    assertInside(await box(page, '#import-dialog'), viewport, 'the Import dialog');
    await page.keyboard.press('Escape');
    if (folded) await page.locator('#actions-toggle').click();
    await page.locator('#bundle-button').click();
    await page.waitForSelector('#bundle-dialog[open]');
    assertInside(await box(page, '#bundle-dialog'), viewport, 'the Call bundle dialog');
    await page.keyboard.press('Escape');
    await assertClean(session);
    await session.close();
  });
}

test('390 px wide: nothing is cut at the edges (labels, headings, buttons), in light and dark, in English and Japanese', async () => {
  for (const [colorScheme, locale] of [['light', 'en-US'], ['dark', 'en-US'], ['light', 'ja-JP']]) {
    const session = await openPage(browser, { viewport: PHONE, colorScheme, locale });
    const { page } = session;
    await decisionOf(page);
    const cut = await page.evaluate(() => {
      const found = [];
      // Inside a box that scrolls sideways on purpose (editors, code, tables) is not cut.
      const scrolls = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if ((o === 'auto' || o === 'scroll') && p !== document.documentElement && p !== document.body) return true;
        }
        return false;
      };
      const visible = (el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('dialog:not([open]), [hidden], .sr-only, .skip-link');
      };
      for (const el of document.querySelectorAll('label, h1, h2, h3, h4, button, summary, a, p, input, select, textarea, legend, dt, dd')) {
        if (!visible(el) || scrolls(el)) continue;
        const r = el.getBoundingClientRect();
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${(el.textContent || el.value || '').trim().slice(0, 40)}”`;
        if (r.left < -0.5 || r.right > innerWidth + 0.5) found.push(`${name} at x ${Math.round(r.left)}..${Math.round(r.right)}`);
        // Text wider than its own box (cut by overflow), unless it ends in an ellipsis on purpose.
        const s = getComputedStyle(el);
        if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'visible' && s.textOverflow !== 'ellipsis' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) {
          found.push(`${name} is cut: ${el.scrollWidth} px of text in ${el.clientWidth}`);
        }
      }
      if (document.documentElement.scrollWidth > innerWidth) found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
      return found;
    });
    assert.deepEqual(cut, [], `cut at 390 px (${colorScheme}, ${locale})`);
    // The scenario's title wraps rather than being cut.
    const title = await page.locator('#scenario-name').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(title.scroll <= title.client + 1, `the title is cut: ${JSON.stringify(title)}`);
    await assertClean(session);
    await session.close();
  }
});

test('the start line: the open example as a heading, what it shows, See why, Examples and Import', () =>
  withPage({ viewport: DESKTOP }, async (page) => {
    // The seed story opens first: its name is the heading, the lead says what it shows.
    const first = exampleName('1-passrole-ec2-full-access-only.json');
    assert.equal(await page.getByRole('heading', { level: 2, name: first }).count(), 1, 'the example title is a heading');
    assert.equal(await page.locator('#start-lead').textContent(), 'This user cannot pass the EC2 role:');
    // Examples opens the menu, with the focus on the first example.
    await page.locator('#start-examples').click();
    assert.equal(await page.locator('#examples-menu').evaluate((d) => d.open), true);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.example), '1');
    await afterEvaluation(page, () => page.locator('[data-example="5"]').click());
    await expectDecision(page, 'ExplicitDeny');
    assert.equal(await page.locator('#scenario-name').inputValue(), exampleName('5-explicit-deny-wins.json'));
    assert.equal(await page.locator('#start-lead').textContent(), 'A Deny beats every Allow:');
    // A name of one's own: no lead (it would describe another scenario); Enter adds no line.
    await afterEvaluation(page, () => page.locator('#scenario-name').fill('My own scenario'));
    await page.locator('#scenario-name').press('Enter');
    assert.equal(await page.locator('#scenario-name').inputValue(), 'My own scenario');
    assert.equal(await page.locator('#start-lead').textContent(), '');
    // See why: the result has the focus.
    await page.locator('#start-why').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'result');
    // Paste your error → Import.
    await page.locator('#start-import').click();
    await page.waitForSelector('#import-dialog[open]');
  }));

test('1280x720: reading down the result, the decision stays in one line at the top of its column', () =>
  withPage({ viewport: DESKTOP }, async (page) => {
    const line = page.locator('#result-verdict');
    // While the decision box is in view, the line is not shown (its place is kept).
    assert.equal(await line.isVisible(), false);
    const head = await box(page, '#result .result-head');
    // Scroll the result column to its end: the decision box leaves, the line appears in place.
    await page.locator('#result').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForFunction(() => document.querySelector('#result-verdict').classList.contains('shown'));
    assert.match(await line.textContent(), /Denied implicitly/);
    const after = await box(page, '#result .result-head');
    assert.ok(Math.abs(after.height - head.height) < 1, `the head keeps its height (${head.height} -> ${after.height})`);
    assertInside(await box(page, '#result-verdict'), DESKTOP, 'the one-line verdict', (await box(page, 'header.top')).bottom);
    // A what-if edit made down there shows its new decision in that line.
    await page.locator('#result').evaluate((el) => el.scrollTo({ top: 0 }));
    await openExample(page, '5');
    await page.locator('#result').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForFunction(() => document.querySelector('#result-verdict').classList.contains('shown'));
    assert.match(await line.textContent(), /Denied explicitly/);
    const statement = page.locator('.policy-explained details', { has: page.locator('summary', { hasText: 'ProtectAuditLogs' }) });
    await statement.evaluate((d) => { d.open = true; });
    await afterEvaluation(page, () => statement.getByRole('button', { name: 'Switch off (what if)' }).click());
    await expectDecision(page, 'Allow');
    assert.match(await line.textContent(), /Allowed/);
    assert.equal(await line.isVisible(), true, 'still shown: the decision box is out of view');
  }));

test('a jump up the page lands below the sticky bars, not under them', async () => {
  // The page's jumps (to a card, a request field, an editor) scroll with block 'nearest': an
  // element above the view comes to the top edge, which the sticky header (wide) or the verdict
  // bar (phone) covers unless the page keeps room for it (scroll-padding).
  for (const [viewport, cover] of [[DESKTOP, 'header.top'], [PHONE, '#verdict-bar']]) {
    const session = await openPage(browser, { viewport });
    const { page } = session;
    await decisionOf(page);
    // Once the AWS data is in, the scenario is evaluated again: after that nothing re-renders.
    await page.waitForFunction(() => Number(document.documentElement.dataset.evaluations) >= 2, null, { timeout: 60000 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 200);
    await page.locator('.policy-card').first().evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    const bar = await box(page, cover);
    const card = await box(page, '.policy-card');
    assert.ok(card.top >= bar.bottom - 0.5, `${viewport.width}: the card (top ${card.top}) is below ${cover} (bottom ${bar.bottom})`);
    // The same inside the result column (wide): below its sticky head.
    if (viewport === DESKTOP) {
      await page.locator('#result').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.locator('#fix-suggest').evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
      const head = await box(page, '#result .result-head');
      const button = await box(page, '#fix-suggest');
      assert.ok(button.top >= head.bottom - 0.5, `Suggest a fix (top ${button.top}) is below the result's head (bottom ${head.bottom})`);
    }
    await assertClean(session);
    await session.close();
  }
});
