// From "not authorized" to a fix, on the page: the Import dialog for each artefact form (and
// malformed ones: a clear message with its place, the pasted text kept), every call bundle with
// its per-check table, fix suggestions applied with one click, an explicit deny that has no fix,
// and the PassRole story end to end from the decoded message in the examples gallery.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, loadToolsWasm, ROOT, expectDecision, assertClean, openExample } from './helpers.mjs';

const fixture = (name) => readFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', name), 'utf8');
const shared = (name) => readFileSync(path.join(ROOT, 'www', 'artefacts', name), 'utf8');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the Import dialog, pastes `text` and presses Import (`evaluated`: wait for the result). */
async function importText(page, text, evaluated = true) {
  await page.locator('#import-button').click();
  await page.locator('#import-text').fill(text);
  if (evaluated) await afterEvaluation(page, () => page.locator('#import-run').click());
  else await page.locator('#import-run').click();
}

// One line per artefact form: the text, the action and resource the request must get, and a
// context key it must carry (or null).
const FORMS = [
  ['a decoded authorization message, bare', () => shared('decoded-authorization-message.json'), 'iam:PassRole', 'arn:aws:iam::111122223333:role/EC2-roles-for-XYZ', 'iam:PassedToService', /decoded authorization message/],
  ['the CLI output {"DecodedMessage": …}', () => shared('decode-authorization-message-cli-output.json'), 'iam:PassRole', 'arn:aws:iam::111122223333:role/EC2-roles-for-XYZ', 'iam:PassedToService', /decode-authorization-message/],
  ['an AccessDenied error message', () => 'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::123456789012:assumed-role/app/i-1 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bucket/key" with an explicit deny in a service control policy', 's3:PutObject', 'arn:aws:s3:::bucket/key', null, /AccessDenied error message/],
  ['a CloudTrail event record', () => fixture('cloudtrail-assumed-role-s3.json'), 's3:GetObject', 'arn:aws:s3:::reports-bucket/2026/q3.csv', 'aws:SourceIp', /CloudTrail event/],
];

for (const [name, text, action, resource, key, heading] of FORMS) {
  test(`import ${name}: the request is filled in and the page says what it found`, async () => {
    const session = await openPage(browser);
    const { page } = session;
    await decisionOf(page);
    await importText(page, text());
    await page.waitForSelector('#import-dialog:not([open])', { state: 'attached' });
    await page.waitForSelector('#import-report');
    assert.equal(await page.locator('#requests input.req-action').first().inputValue(), action);
    assert.equal(await page.locator('#requests input.req-resource').first().inputValue(), resource);
    if (key) {
      const keys = await page.locator('#requests input[aria-label], #requests input').evaluateAll((els) => els.map((e) => e.value));
      assert.ok(keys.includes(key), `the context key ${key} is in the request (${keys.join(', ')})`);
    }
    const report = await page.locator('#import-report').textContent();
    assert.match(report, heading);
    // The artefact names no policy: nothing allows it yet.
    await expectDecision(page, 'ImplicitDeny');
    if (name.startsWith('an AccessDenied')) assert.match(report, /AWS said: .*service control policy/s);
    if (name.includes('bare')) assert.match(report, /Could not infer: .*which kind of policy/s);
    await assertClean(session);
    await session.close();
  });
}

// Malformed: the message says what and where, the place is selected, the text stays.
const MALFORMED = [
  ['a cut-off CLI output', '{"DecodedMessage": "{\\"allowed\\": fa', /line 1, column 20: unterminated string/],
  ['plain words', 'hello world', /line 1, column 1: the text is not an artefact the playground recognises.*help: paste the output of/s],
  ['a decoded message whose action is a number', fixture('malformed-decoded-action-number.json'), /line 5, column 15: context\.action should be a string, found a number/],
];

for (const [name, text, message] of MALFORMED) {
  test(`import of ${name}: a clear message with its place, and nothing of the paste is lost`, async () => {
    const session = await openPage(browser);
    const { page } = session;
    await decisionOf(page);
    const before = await page.locator('#requests input.req-action').first().inputValue();
    await importText(page, text, false);
    await page.waitForSelector('#import-errors li');
    assert.match(await page.locator('#import-errors').textContent(), message);
    assert.ok(await page.locator('#import-dialog[open]').count(), 'the dialog stays open');
    assert.equal(await page.locator('#import-text').inputValue(), text, 'the pasted text is kept');
    const selected = await page.locator('#import-text').evaluate((el) => [el.selectionStart, el.selectionEnd]);
    assert.ok(selected[1] > selected[0], 'the place of the error is selected');
    // The scenario under the dialog did not change.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#requests input.req-action').first().inputValue(), before);
    await assertClean(session);
    await session.close();
  });
}

test('every call bundle expands into its checks and shows them side by side', async () => {
  const wasm = await loadToolsWasm();
  const bundles = wasm.listBundles();
  assert.ok(bundles.length >= 5);
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  for (const b of bundles) {
    await page.locator('#bundle-button').click();
    await page.locator('#bundle-name').selectOption(b.name);
    await page.locator('#bundle-apply').click();
    await page.waitForSelector('#bundle-dialog:not([open])', { state: 'attached' });
    await page.waitForFunction((title) => document.querySelector('#checks h3')?.textContent.includes(title), b.title, { timeout: 15000 });
    const rows = page.locator('#checks tbody tr');
    assert.equal(await rows.count(), b.checks, `${b.name}: one row per check`);
    // Each row says its decision in words and a symbol; the failed ones say so.
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => ({ d: tr.dataset.checkDecision, text: tr.textContent })));
    for (const c of cells) {
      assert.match(c.text, c.d === 'Allow' ? /✓ Allowed/ : /(✗|⊘) Denied.*← fails/s);
    }
    assert.ok(cells.some((c) => c.text.includes('iam:PassRole')), `${b.name}: the iam:PassRole check is a row`);
  }
  await assertClean(session);
  await session.close();
});

test('a bundle takes its parameters and keeps the policies', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const cards = await page.locator('.policy-card').count();
  await page.locator('#bundle-button').click();
  await page.locator('#bundle-name').selectOption('lambda-create-function');
  await page.locator('#bundle-param-functionName').fill('billing-report');
  await afterEvaluation(page, () => page.locator('#bundle-apply').click());
  await page.waitForSelector('#checks');
  assert.match(await page.locator('#checks').textContent(), /function:billing-report/);
  assert.equal(await page.locator('.policy-card').count(), cards);
  await assertClean(session);
  await session.close();
});

test('the PassRole story end to end: the decoded message from the gallery, the failed check, the fix, Allow', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await page.locator('#examples-menu summary').click();
  await page.locator('[data-import-example="i1"]').click();
  await page.waitForSelector('#import-dialog[open]');
  assert.match(await page.locator('#import-text').inputValue(), /"action": "iam:PassRole"/);
  await afterEvaluation(page, () => page.locator('#import-run').click());
  await expectDecision(page, 'ImplicitDeny');
  assert.equal(await page.locator('#requests input.req-action').first().inputValue(), 'iam:PassRole');
  assert.match(await page.locator('#fix-heading').textContent(), /Fix: allow iam:PassRole/);
  await page.locator('#fix-suggest').click();
  await page.waitForSelector('#fix-section[data-fix-kind="addStatements"]');
  const fix = page.locator('#fix-section');
  assert.match(await fix.locator('.diff').textContent(), /\+\s+"Action": "iam:PassRole"/);
  assert.equal(await fix.locator('.diff-line.add').first().evaluate((el) => el.children.length), 0, 'diff lines are plain text');
  assert.match(await fix.locator('.verified').textContent(), /Verified: .*turns to Allow/);
  assert.match(await fix.textContent(), /AllowIamPassRole.*new identity-based policy/s);
  await fix.locator('[data-fix-apply]').click();
  await expectDecision(page, 'Allow');
  assert.ok(await page.locator('.policy-card').count() >= 1, 'the new policy is on the page');
  assert.equal(await page.locator('#fix-section').count(), 0, 'nothing left to fix');
  await assertClean(session);
  await session.close();
});

test('a bundle with a failed iam:PassRole check: the fix for the failed check turns it to Allow', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openExample(page, '1');
  await expectDecision(page, 'ImplicitDeny');
  await page.locator('#bundle-button').click();
  await page.locator('#bundle-name').selectOption('ec2-run-instances');
  await afterEvaluation(page, () => page.locator('#bundle-apply').click());
  await page.waitForSelector('#checks');
  const failed = page.locator('#checks tbody tr.failed');
  assert.equal(await failed.count(), 1, 'exactly one check fails');
  assert.match(await failed.textContent(), /iam:PassRole/);
  await failed.locator('th button').click();
  await page.locator('#fix-suggest').click();
  await page.waitForSelector('#fix-section[data-fix-kind="addStatements"]');
  await page.locator('#fix-section [data-fix-apply]').click();
  await expectDecision(page, 'Allow');
  assert.equal(await page.locator('#checks tbody tr.failed').count(), 0);
  await assertClean(session);
  await session.close();
});

test('an explicit deny: the fix section points at the Deny statement and offers no statement to add', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openExample(page, '5');
  await expectDecision(page, 'ExplicitDeny');
  await page.locator('#fix-suggest').click();
  await page.waitForSelector('#fix-section[data-fix-kind="explicitDeny"]');
  const fix = page.locator('#fix-section');
  assert.match(await fix.textContent(), /No Allow can override an explicit deny/);
  assert.match(await fix.locator('.deny-statements').textContent(), /Deny ProtectAuditLogs in Protect the audit logs/);
  assert.equal(await fix.locator('[data-fix-apply]').count(), 0, 'no fix to apply');
  assert.equal(await fix.locator('.diff').count(), 0);
  await assertClean(session);
  await session.close();
});

test('near misses: ranked statements that almost matched, each difference jumps to its place', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openExample(page, '3b');
  await expectDecision(page, 'ImplicitDeny');
  await page.locator('#fix-suggest').click();
  await page.waitForSelector('#fix-section .near-miss');
  const first = page.locator('#fix-section .near-miss').first();
  assert.match(await first.textContent(), /PassRoleToEc2Only.*almost applies.*Condition: StringEquals on iam:PassedToService: the request has lambda\.amazonaws\.com, the statement wants ec2\.amazonaws\.com/s);
  const scores = await page.locator('#fix-section .near-miss').evaluateAll((els) => els.map((e) => Number(e.dataset.score)));
  assert.deepEqual(scores, [...scores].sort((a, b) => a - b), 'ranked: the closest first');
  // A difference's "show" goes to the condition in the policy's editor.
  await first.locator('.differences button').first().click();
  await page.waitForFunction(() => document.activeElement?.closest('.policy-card'));
  const selected = await page.evaluate(() => getSelection().toString());
  assert.match(selected, /iam:PassedToService/);
  await assertClean(session);
  await session.close();
});

test('keyboard only, on a phone: import with Ctrl+Enter, ask for the fix and apply it', async () => {
  const session = await openPage(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const { page } = session;
  await decisionOf(page);
  // On a phone the actions are in the Menu: open it, Tab to Import.
  await page.locator('#actions-toggle').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#import-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-text', 'the text box has the focus');
  await page.keyboard.insertText(shared('decode-authorization-message-cli-output.json'));
  await afterEvaluation(page, () => page.keyboard.press('Control+Enter'));
  await page.waitForSelector('#import-report');
  await expectDecision(page, 'ImplicitDeny');
  await page.locator('#fix-suggest').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fix-section [data-fix-apply]');
  await page.locator('#fix-section [data-fix-apply]').focus();
  await page.keyboard.press('Enter');
  await expectDecision(page, 'Allow');
  await assertClean(session);
  await session.close();
});

test('two failed checks: one click applies the fixes of both, and every check is allowed', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openExample(page, '1');
  await expectDecision(page, 'ImplicitDeny');
  await page.locator('#bundle-button').click();
  await page.locator('#bundle-name').selectOption('lambda-create-function');
  await afterEvaluation(page, () => page.locator('#bundle-apply').click());
  await page.waitForSelector('#checks');
  assert.equal(await page.locator('#checks tbody tr.failed').count(), 2, 'lambda:CreateFunction and iam:PassRole both fail');
  await page.locator('#fix-suggest').click();
  await page.locator('#fix-section [data-fix-apply-all]').click();
  await expectDecision(page, 'Allow');
  assert.equal(await page.locator('#checks tbody tr.failed').count(), 0);
  assert.equal(await page.locator('#checks tbody tr.passed').count(), 2);
  await assertClean(session);
  await session.close();
});
