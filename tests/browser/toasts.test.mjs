// Toasts: an action's toast with Undo stays until it is dismissed or 8 s pass, even
// when the decision changes meanwhile; the decision is spoken in a live region of its own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, decisionOf, afterEvaluation, assertClean, loadWasm } from './helpers.mjs';

let browser;
let wasm;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
});

/** Allowed by the first policy; the second plays no part (removing it keeps the decision). */
const SCENARIO = JSON.stringify({
  name: 'Undo',
  policies: {
    identity: [
      { name: 'PassTheRole', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/R' }] } },
      { name: 'Unused', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] } },
    ],
  },
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/R' },
});
after(async () => {
  await browser?.close();
});

const undoToast = (page) => page.locator('.toast', { hasText: /^Removed / }).filter({ has: page.getByRole('button', { name: 'Undo' }) });

test('"Removed X. Undo" is still there after the decision changes; the decision goes to its own live region; Undo brings the policy back', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(SCENARIO) });
  const { page } = session;
  try {
    await page.clock.install();
    assert.equal(await decisionOf(page), 'Allow');
    const cards = await page.locator('.policy-card').count();
    assert.equal(cards, 2);

    await afterEvaluation(page, () => page.locator('.policy-card button.remove').last().click());
    assert.equal(await page.locator('#decision').getAttribute('data-decision'), 'Allow');
    await undoToast(page).waitFor();
    // Another edit that changes the decision (the action), well after the removal.
    await page.clock.runFor(1500);
    await afterEvaluation(page, () => page.fill('.req-action', 's3:GetObject'));
    await page.clock.runFor(1500);
    assert.equal(await page.locator('#decision').getAttribute('data-decision'), 'ImplicitDeny', 'the decision changed');
    assert.ok(await undoToast(page).isVisible(), 'the Undo toast survives the new decision');

    // The decision was spoken, in a live region that is not the toasts'.
    const live = page.locator('#decision-live');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    assert.match(await live.textContent(), /^Decision: Denied implicitly/);
    assert.equal(await page.locator('#status .toast', { hasText: /denied/i }).count(), 0, 'no toast speaks the decision');

    // Undo (the toast closes) brings the card back.
    await undoToast(page).getByRole('button', { name: 'Undo' }).click();
    assert.equal(await undoToast(page).count(), 0);
    assert.equal(await page.locator('.policy-card').count(), cards);

    // A new Undo toast goes by itself after 8 s, not before.
    await page.locator('.policy-card button.remove').first().click();
    await undoToast(page).waitFor();
    await page.clock.runFor(7000);
    assert.ok(await undoToast(page).isVisible(), 'still there after 7 s');
    await page.clock.runFor(1500);
    await undoToast(page).waitFor({ state: 'detached', timeout: 2000 });
    await assertClean(session);
  } finally {
    await session.close();
  }
});
