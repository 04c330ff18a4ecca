// Accessibility: axe-core (from npm, injected into the page by the test) finds no
// serious or critical violation on the playground (desktop and phone size), with a dialog open,
// and in the embed, in the light and the dark theme. Each run prints its counts by impact (`node --test` diagnostics),
// so a report can quote them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, decisionOf, openHost, DIST, axe } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';
import { accountFile } from './account-file.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function report(t, where, { counts, lines }) {
  t.diagnostic(`axe ${where}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}`);
  for (const line of lines) t.diagnostic(`  ${line}`);
}

function assertNoSevere(where, result) {
  assert.deepEqual(
    result.lines.filter((l) => /^(serious|critical) /.test(l)),
    [],
    `${where}: axe-core reports serious or critical violations`,
  );
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core: the playground, the Scenario JSON dialog and the Import dialog (${colorScheme})`, async (t) => {
    const session = await openPage(browser, { colorScheme, viewport: { width: 1280, height: 800 } });
    const { page } = session;
    try {
      await decisionOf(page);
      // The AWS data loads after the first decision and adds the managed-policy picker.
      await page.waitForTimeout(300);
      const results = [['page', await axe(page)]];

      await page.click('#scenario-button');
      await page.waitForSelector('#scenario-dialog[open]');
      results.push(['Scenario JSON dialog', await axe(page)]);
      await page.keyboard.press('Escape');

      await page.click('#import-button');
      await page.waitForSelector('dialog[open]');
      results.push(['Import dialog', await axe(page)]);
      await page.keyboard.press('Escape');

      for (const [where, r] of results) report(t, `${where} (${colorScheme})`, r);
      for (const [where, r] of results) assertNoSevere(`${where} (${colorScheme})`, r);
    } finally {
      await session.close();
    }
  });

  test(`axe-core: the Account dialog with its principals and PassRole map (${colorScheme})`, async (t) => {
    const session = await openPage(browser, { colorScheme, viewport: { width: 1280, height: 800 } });
    const { page } = session;
    try {
      await decisionOf(page);
      await page.click('#account-button');
      await page.locator('#account-file').setInputFiles({ name: 'account.json', mimeType: 'application/json', buffer: Buffer.from(accountFile('cli')) });
      await page.waitForSelector('#account-principals li', { timeout: 60000 });
      await page.click('#account-map-run');
      await page.waitForSelector('#account-map tbody tr', { timeout: 60000 });
      const r = await axe(page);
      report(t, `Account dialog (${colorScheme})`, r);
      assertNoSevere(`Account dialog (${colorScheme})`, r);
    } finally {
      await session.close();
    }
  });

  test(`axe-core: the playground at phone size, 390x844 (${colorScheme})`, async (t) => {
    const session = await openPage(browser, { colorScheme, viewport: { width: 390, height: 844 } });
    try {
      await decisionOf(session.page);
      const r = await axe(session.page);
      report(t, `page at 390x844 (${colorScheme})`, r);
      assertNoSevere(`page at 390x844 (${colorScheme})`, r);
    } finally {
      await session.close();
    }
  });

  test(`axe-core: the embed, element and iframe page (${colorScheme})`, async (t) => {
    const fragment = readFileSync(`${DIST}/docs.html`, 'utf8').match(/embed\.html#(v1\.[A-Za-z0-9_-]+)/)[1];
    const s = await openHost(browser, await serve(DIST), `embed.html#${fragment}`, { colorScheme });
    try {
      await s.page.waitForSelector('iam-playground[data-decision]', { timeout: 20000 });
      const r = await axe(s.page);
      report(t, `embed.html (${colorScheme})`, r);
      assertNoSevere(`embed.html (${colorScheme})`, r);
    } finally {
      await s.close();
    }
  });
}

test('Attach on an empty managed-policy field says why; placeholders read as examples', async () => {
  const session = await openPage(browser);
  const { page } = session;
  try {
    await decisionOf(page);
    const input = page.locator('.managed-input').first();
    assert.match(await input.getAttribute('placeholder'), /^e\.g\. /);
    assert.equal(await input.evaluate((el) => getComputedStyle(el, '::placeholder').fontStyle), 'italic');
    for (const field of ['.req-principal', '.req-action', '.req-resource']) {
      assert.match(await page.locator(field).first().getAttribute('placeholder'), /^e\.g\. /, field);
    }
    await input.fill('');
    await page.locator('.attach-managed').first().click();
    const describedBy = await input.getAttribute('aria-describedby');
    const message = page.locator(`[id="${describedBy}"]`);
    assert.match(await message.textContent(), /Type or pick the name of an AWS managed policy first/);
    assert.ok(await message.isVisible());
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'managed-input');
    // Typing clears it.
    await input.type('A');
    assert.equal(await message.textContent(), '');
    assert.equal(await input.getAttribute('aria-invalid'), null);
  } finally {
    await session.close();
  }
});

test('a read-only embed editor is reached with Tab (its text can be scrolled from the keyboard)', async () => {
  const fragment = readFileSync(`${DIST}/docs.html`, 'utf8').match(/embed\.html#(v1\.[A-Za-z0-9_-]+)/)[1];
  const s = await openHost(browser, await serve(DIST), `embed.html?readonly#${fragment}`);
  try {
    await s.page.waitForSelector('iam-playground[data-decision]', { timeout: 20000 });
    await s.page.keyboard.press('Tab');
    const focused = await s.page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return { cls: el?.className, editable: el?.getAttribute('contenteditable'), readonly: el?.getAttribute('aria-readonly'), label: el?.getAttribute('aria-label') };
    });
    assert.match(focused.cls, /cm-content/);
    assert.equal(focused.editable, 'false');
    assert.equal(focused.readonly, 'true');
    assert.ok(focused.label, 'the editor has a name');
  } finally {
    await s.close();
  }
});
