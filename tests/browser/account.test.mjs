// Your account, offline, on the page: a synthetic `aws iam get-account-authorization-details`
// file (built here, never a real account; both document forms) opened in the Account dialog,
// a principal picked and decided, the PassRole map equal to the CLI's `passrole --format json`,
// filtered, sorted and followed to its scenario; a truncated file gets a located error; the
// account's scenario stays out of localStorage and is shared redacted by default.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, expectDecision, assertClean, cli, policyTexts } from './helpers.mjs';

import { ACCOUNT, arn, accountFile } from './account-file.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the Account dialog and the file `text` (as `name`); waits for its summary or its errors. */
async function openAccount(page, text, name = 'account.json') {
  await page.locator('#account-button').click();
  await page.locator('#account-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /account \d+|not an account file/.test(document.querySelector('#account-status')?.textContent + document.querySelector('#account-errors')?.textContent), null, { timeout: 60000 });
}

/** The map's rows as the page shows them: principal, role, service and escalation from the row. */
async function mapRows(page) {
  return page.locator('#account-map tbody tr').evaluateAll((rows) => rows.map((r) => ({ principal: r.dataset.principal, role: r.dataset.role, service: r.dataset.service, escalation: r.classList.contains('escalation') })));
}

for (const form of ['cli', 'api']) {
  test(`account file (${form} form): the PassRole map equals the CLI's, and its rows open their scenarios`, async () => {
    const session = await openPage(browser);
    const { page } = session;
    await decisionOf(page);
    const text = accountFile(form);
    await openAccount(page, text);
    assert.match(await page.locator('#account-status').textContent(), /account 111122223333, 2 users, 3 roles, 1 group\./);

    await page.locator('#account-map-run').click();
    await page.waitForSelector('#account-map tbody tr', { timeout: 60000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'account-'));
    const file = path.join(dir, `account-${form}.json`);
    writeFileSync(file, text);
    const r = cli(['passrole', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stderr);
    const want = JSON.parse(r.stdout).rows;
    const shown = await mapRows(page);
    const key = (x) => `${x.principal} ${x.role} ${x.service} ${x.escalation}`;
    assert.deepEqual(shown.map(key).sort(), want.map(key).sort(), 'the page shows exactly the CLI map');
    // The story: alice may pass AdminRole to EC2 (her customer managed policy's default
    // version v2): an escalation; AppRole to EC2 only (the group's condition); bob's boundary
    // blocks every pass.
    const alice = shown.filter((x) => x.principal === arn('user/alice'));
    assert.deepEqual(alice.map(key).sort(), [`${arn('user/alice')} ${arn('role/AdminRole')} ec2.amazonaws.com true`, `${arn('user/alice')} ${arn('role/AppRole')} ec2.amazonaws.com false`]);
    assert.ok(!shown.some((x) => x.principal === arn('user/bob')), 'the boundary blocks bob');
    const adminRow = page.locator(`#account-map tbody tr[data-principal="${arn('user/alice')}"][data-role="${arn('role/AdminRole')}"]`);
    assert.match(await adminRow.textContent(), /user\/alice.*role\/AdminRole.*ec2\.amazonaws\.com.*⚠ yes.*arn:aws:iam::111122223333:policy\/PassAdmin \(v2\) \(PassAdmin\)/s);

    // Escalations only, then sort by role descending.
    await page.locator('#account-map-escalations').check();
    assert.ok((await mapRows(page)).every((x) => x.escalation));
    assert.equal((await mapRows(page)).length, want.filter((x) => x.escalation).length);
    await page.locator('#account-map-escalations').uncheck();
    await page.locator('#account-map-filter').fill('lambda');
    assert.deepEqual([...new Set((await mapRows(page)).map((x) => x.service))], ['lambda.amazonaws.com']);
    await page.locator('#account-map-filter').fill('');
    await page.locator('button[data-sort="role"]').click();
    await page.locator('button[data-sort="role"]').click();
    const roles = (await mapRows(page)).map((x) => x.role);
    assert.deepEqual(roles, [...roles].sort().reverse(), 'sorted by role, descending');
    assert.equal(await page.locator('button[data-sort="role"]').evaluate((b) => b.parentElement.getAttribute('aria-sort')), 'descending');

    // Follow alice's AppRole row: her scenario, the pass to EC2 allowed by the group's statement.
    await afterEvaluation(page, () => page.locator(`#account-map tbody tr[data-principal="${arn('user/alice')}"][data-role="${arn('role/AppRole')}"] button.account-open`).click());
    await page.waitForSelector('#account-dialog:not([open])', { state: 'attached' });
    await expectDecision(page, 'Allow');
    assert.equal(await page.locator('#requests input.req-action').first().inputValue(), 'iam:PassRole');
    assert.equal(await page.locator('#requests input.req-resource').first().inputValue(), arn('role/AppRole'));
    assert.match(await page.locator('#policies').textContent(), /devs\/inline\/PassAppRole/);
    assert.match(await page.locator('#result').textContent(), /PassApp/);
    // Forget the file: the dialog shows none (the worker drops it: accountClose).
    await page.locator('#account-button').click();
    await page.locator('#account-forget').click();
    assert.match(await page.locator('#account-status').textContent(), /forgotten/);
    assert.equal(await page.locator('#account-principals').isVisible(), false);
    assert.equal(await page.locator('#account-map tbody tr').count(), 0);
    await assertClean(session);
    await session.close();
  });
}

test('account file: pick a principal (searchable); its scenario stays out of storage and is shared redacted', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openAccount(page, accountFile('cli'));
  await page.locator('#account-search').fill('bo');
  const names = await page.locator('#account-principals button.account-principal strong').allTextContents();
  assert.deepEqual(names, ['bob']);
  assert.match(await page.locator('#account-principals').textContent(), /1 policy \(1 inline, 0 managed\) · permissions boundary/);
  await afterEvaluation(page, () => page.locator('#account-principals button.account-principal').first().click());
  await page.waitForSelector('#account-dialog:not([open])', { state: 'attached' });
  assert.match(await page.locator('#notice').textContent(), /comes from your account file/);
  // bob's policies in force, named as in the account: his inline policy and his boundary.
  const policies = await page.locator('#policies').textContent();
  assert.match(policies, /bob\/inline\/PassAnything/);
  assert.match(policies, /S3Only/);
  // Shown as in the account: read-only (names and documents) until the user edits one.
  await policyTexts(page);
  assert.equal(await page.locator('#policies .cm-content[aria-readonly="true"]').count(), 2);
  assert.equal(await page.locator('#policies input.policy-name[readonly]').count(), 2);
  await page.locator('#policies button.account-edit').first().click();
  assert.equal(await page.locator('#policies .cm-content[aria-readonly="true"]').count(), 1);
  assert.equal(await page.locator('#policies input.policy-name[readonly]').count(), 1);
  // Ask about passing AdminRole: his policy allows it, his boundary does not.
  await afterEvaluation(page, async () => {
    await page.locator('#requests input.req-action').first().fill('iam:PassRole');
    await page.locator('#requests input.req-resource').first().fill(arn('role/AdminRole'));
  });
  await expectDecision(page, 'ImplicitDeny');
  // Nothing of the account in localStorage, nothing in the address bar.
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join('\n'));
  assert.ok(stored.length > 0, 'the example opened before is stored');
  assert.ok(!stored.includes('PassAnything') && !stored.includes('user/bob'), 'the account scenario is not stored');
  assert.ok(!decodeURIComponent(page.url()).includes('PassAnything'));
  // Sharing offers the redacted scenario first.
  await page.locator('#share-button').click();
  await page.waitForSelector('#share-panel:not([hidden])');
  assert.equal(await page.locator('#share-redact').isChecked(), true);
  await assertClean(session);
  await session.close();
});

test('account file: a truncated file gets a located error and nothing else is shown', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const text = accountFile('cli');
  await openAccount(page, text.slice(0, 700), 'cut.json');
  const errors = await page.locator('#account-errors').textContent();
  assert.match(errors, /cut\.json is not an account file the playground can read/);
  assert.match(errors, /line \d+, column \d+/);
  assert.equal(await page.locator('#account-principals').isVisible(), false);
  await assertClean(session);
  await session.close();
});
