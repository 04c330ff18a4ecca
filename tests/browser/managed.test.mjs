// `{"managed": "Name"}` on the page: the entry survives every way a scenario enters
// the page (a link, a link pasted into an open tab, Back and Forward, Scenario JSON → Load, an
// import, a call bundle, a what-if switch and a reload), the Import dialog asks before it
// replaces policies, and the seed story runs end to end: import the decoded message, attach
// AmazonEC2FullAccess by name, ask for the fix, apply it, Allow; passing the role to Lambda or
// passing another role stays denied.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, afterEvaluation, loadWasm, expectDecision, assertClean, ROOT, catalogLoaded, openInTab as openText, copiedShare, policyTexts } from './helpers.mjs';

let browser;
let wasm;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
});
after(async () => {
  await browser?.close();
});

const DECODED = readFileSync(path.join(ROOT, 'www', 'artefacts', 'decoded-authorization-message.json'), 'utf8');
const ENTRY = '{"managed": "AmazonEC2FullAccess"}';

/**
 * Two requests that only the managed policy tells apart: it allows ec2:RunInstances and not
 * iam:PassRole. Unresolved, the scenario has no decision at all.
 */
const MANAGED = `{
  "name": "EC2 full access by name",
  "policies": {"identity": [${ENTRY}]},
  "requests": [
    {"principal": "arn:aws:iam::111122223333:user/test-user", "action": "iam:PassRole",
     "resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
     "context": {"iam:PassedToService": "ec2.amazonaws.com"}},
    {"principal": "arn:aws:iam::111122223333:user/test-user", "action": "ec2:RunInstances",
     "resource": "arn:aws:ec2:us-east-1:111122223333:instance/*"}
  ]
}
`;
const OTHER = `{
  "name": "Another scenario",
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
  "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}
}
`;

/** The decision of each request, from the checks table. */
async function decisions(page) {
  return page.locator('#checks tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.checkDecision));
}

/**
 * The managed scenario is on the page, resolved: its card holds the entry as written, and
 * each request's decision is `want` (the defaults: PassRole denied, RunInstances allowed).
 */
async function expectManaged(page, where, want = ['ImplicitDeny', 'Allow']) {
  try {
    await page.waitForFunction(
      (w) => JSON.stringify([...document.querySelectorAll('#checks tbody tr')].map((r) => r.dataset.checkDecision)) === JSON.stringify(w),
      want,
      { timeout: 30000 },
    );
  } catch {
    const shown = await page.locator('#decision').textContent();
    assert.fail(`${where}: expected the decisions ${want}, the page shows ${JSON.stringify(await decisions(page))}: ${shown}`);
  }
  const cards = await policyTexts(page);
  assert.deepEqual(cards.map((t) => t.replace(/\s+/g, '')), ['{"managed":"AmazonEC2FullAccess"}'], `${where}: the card keeps the entry`);
}

/** Changes the request's context value `from` to `to`. */
async function setContextValue(page, from, to) {
  const inputs = page.locator('#requests .ctx-value');
  const values = await inputs.evaluateAll((els) => els.map((e) => e.value));
  const i = values.indexOf(from);
  assert.ok(i >= 0, `no context value ${from} in ${values.join(', ')}`);
  await afterEvaluation(page, () => inputs.nth(i).fill(to));
}

/** Opens the Import dialog, pastes the decoded message, picks `choice` (keep/replace/null) and imports. */
async function importDecoded(page, choice) {
  await page.locator('#import-button').click();
  await page.locator('#import-text').fill(DECODED);
  if (choice) await page.locator(`#import-${choice}`).check();
  await afterEvaluation(page, () => page.locator('#import-run').click());
  await page.waitForSelector('#import-report');
}

test('the managed entry survives a link, a link pasted into an open tab, Back and Forward, and Scenario JSON → Load', async () => {
  // A link opened in a new tab: the data is not loaded yet.
  let session = await openPage(browser, { fragment: wasm.shareEncode(MANAGED) });
  let { page } = session;
  await expectManaged(page, 'a link');
  await assertClean(session);
  await session.close();

  // A tab that has already loaded the AWS data.
  session = await openPage(browser);
  ({ page } = session);
  await decisionOf(page);
  await catalogLoaded(page);
  await openText(page, MANAGED);
  await expectManaged(page, 'a link pasted into the open tab');
  await openText(page, OTHER);
  await expectDecision(page, 'Allow');
  await afterEvaluation(page, () => page.goBack());
  await expectManaged(page, 'Back');
  await afterEvaluation(page, () => page.goForward());
  await expectDecision(page, 'Allow');
  assert.equal(await page.locator('#scenario-name').inputValue(), 'Another scenario');

  // Scenario JSON → Load.
  await page.locator('#scenario-button').click();
  await page.locator('#scenario-text').fill(MANAGED);
  await afterEvaluation(page, () => page.locator('#scenario-load').click());
  await expectManaged(page, 'Scenario JSON → Load');
  // And the dialog shows it as written.
  await page.locator('#scenario-button').click();
  assert.match(await page.locator('#scenario-text').inputValue(), /"identity": \[\s*\{\s*"managed": "AmazonEC2FullAccess"\s*\}\s*\]/);
  await page.keyboard.press('Escape');
  await assertClean(session);
  await session.close();
});

test('import asks before it replaces policies: keeping them keeps the managed entry, replacing is a choice', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(MANAGED) });
  const { page } = session;
  await expectManaged(page, 'the link');
  await page.locator('#import-button').click();
  const choice = page.locator('#import-into');
  await choice.waitFor();
  assert.match(await choice.textContent(), /The open scenario has policies.*Keep its 1 policy, replace only the request.*Replace the whole scenario/s);
  assert.ok(await page.locator('#import-keep').isChecked(), 'keeping is the default');
  await page.keyboard.press('Escape');

  await importDecoded(page, 'keep');
  await expectDecision(page, 'ImplicitDeny');
  assert.match(await page.locator('.import-merged').textContent(), /The 1 policy of the open scenario is kept\. The imported request replaced its 2 requests\./);
  assert.equal(await page.locator('.policy-card').count(), 1);
  assert.match(await page.locator('.policy-card .cm-content').textContent(), /"managed": "AmazonEC2FullAccess"/);
  assert.equal(await page.locator('#requests input.req-action').first().inputValue(), 'iam:PassRole');
  // The import wrote the key policies test (aws:RequestedRegion), not aws:Region.
  const keys = await page.locator('#requests input.ctx-key').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(keys.includes('aws:RequestedRegion') && !keys.includes('aws:Region') && !keys.includes('aws:Service'), keys.join(', '));

  await importDecoded(page, 'replace');
  assert.equal(await page.locator('.policy-card').count(), 0, 'replaced, as chosen');
  assert.equal(await page.locator('.import-merged').count(), 0);
  // With no policies to keep, there is nothing to ask.
  await page.locator('#import-button').click();
  assert.ok(await page.locator('#import-into').isHidden());
  await page.keyboard.press('Escape');
  await assertClean(session);
  await session.close();
});

test('the managed entry survives a call bundle, a what-if switch and a reload', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(MANAGED) });
  const { page } = session;
  await expectManaged(page, 'the link');
  await page.locator('#bundle-button').click();
  await page.locator('#bundle-name').selectOption('ec2-run-instances');
  await afterEvaluation(page, () => page.locator('#bundle-apply').click());
  await page.waitForSelector('#checks');
  const failed = await page.locator('#checks tbody tr.failed').evaluateAll((rows) => rows.map((r) => r.dataset.checkAction));
  assert.deepEqual(failed, ['iam:PassRole'], 'EC2 full access allows every EC2 check, not the PassRole one');
  assert.match(await page.locator('.policy-card .cm-content').textContent(), /"managed": "AmazonEC2FullAccess"/);

  // Back to the two requests, then switch the managed policy off (what if).
  await openText(page, MANAGED);
  await expectManaged(page, 'the link again');
  const linkOn = await page.evaluate(() => location.hash);
  await afterEvaluation(page, () => page.locator('.policy-card input.policy-on').uncheck());
  await expectManaged(page, 'switched off', ['ImplicitDeny', 'ImplicitDeny']);
  assert.ok(await page.locator('.policy-card.switched-off').count(), 'the card says it is switched off');
  // The address bar follows the scenario: a reload opens it, the switch and the entry kept.
  // Wait for the link of the switched-off scenario, not any link (the one before the switch
  // is already there, and reloading it would race the address bar's update).
  await page.waitForFunction((before) => location.hash.length > 10 && location.hash !== before, linkOn);
  await page.reload();
  await expectManaged(page, 'after a reload', ['ImplicitDeny', 'ImplicitDeny']);
  assert.equal(await page.locator('.policy-card input.policy-on').isChecked(), false, 'still switched off');
  await afterEvaluation(page, () => page.locator('.policy-card input.policy-on').check());
  await expectManaged(page, 'switched on again');
  await assertClean(session);
  await session.close();
});

test('the seed story end to end: import the decoded message, attach AmazonEC2FullAccess by name, fix, apply, Allow; Lambda and another role stay denied', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await catalogLoaded(page);
  // 1. Import the decoded message (a fresh start: the whole scenario replaced).
  await importDecoded(page, 'replace');
  await expectDecision(page, 'ImplicitDeny');
  assert.equal(await page.locator('.policy-card').count(), 0);
  // 2. Attach AmazonEC2FullAccess by name.
  await page.getByLabel('AWS managed policy').fill('AmazonEC2FullAccess');
  await afterEvaluation(page, () => page.getByRole('button', { name: 'Attach', exact: true }).click());
  await expectDecision(page, 'ImplicitDeny');
  assert.match(await page.locator('.policy-card .cm-content').textContent(), /"managed": "AmazonEC2FullAccess"/);
  // 3. Ask for the fix: PassRole on the role, for EC2 only, verified.
  await page.locator('#fix-suggest').click();
  await page.waitForSelector('#fix-section[data-fix-kind="addStatements"]', { timeout: 15000 });
  const fix = page.locator('#fix-section');
  assert.match(await fix.locator('.diff').textContent(), /"Action": "iam:PassRole",\s*\+\s*"Resource": "arn:aws:iam::111122223333:role\/EC2-roles-for-XYZ"/);
  assert.match(await fix.locator('.condition-lines').textContent(), /iam:PassedToService: the role may be passed only to ec2\.amazonaws\.com/);
  assert.match(await fix.locator('.verified').textContent(), /Verified/);
  // 4. Apply it: Allow, the managed policy still attached by name.
  await afterEvaluation(page, () => fix.locator('[data-fix-apply]').click());
  await expectDecision(page, 'Allow');
  const cards = await policyTexts(page);
  assert.equal(cards.length, 2);
  assert.match(cards[0], /"managed": "AmazonEC2FullAccess"/);
  assert.match(cards[1], /"Action": "iam:PassRole"/);
  // 5. The same policies deny passing the role to Lambda…
  await setContextValue(page, 'ec2.amazonaws.com', 'lambda.amazonaws.com');
  await expectDecision(page, 'ImplicitDeny');
  await setContextValue(page, 'lambda.amazonaws.com', 'ec2.amazonaws.com');
  await expectDecision(page, 'Allow');
  // … and passing another role.
  await afterEvaluation(page, () => page.locator('#requests input.req-resource').first().fill('arn:aws:iam::111122223333:role/AdminRole'));
  await expectDecision(page, 'ImplicitDeny');
  await assertClean(session);
  await session.close();
});

test('sharing a scenario that names a managed policy: the AWS CLI command sends its document, the redacted link keeps the name', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(MANAGED) });
  const { page } = session;
  await expectManaged(page, 'the link');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
  await page.click('#share-button');
  await page.waitForSelector('#share-redact');
  const command = await copiedShare(page, 'share-simulate');
  assert.match(command, /^aws iam simulate-custom-policy \\\n/m);
  assert.match(command, /# sent: the document of the AWS managed policy `AmazonEC2FullAccess`/);
  assert.doesNotMatch(command, /get-policy-version/);
  assert.match(command, /"ec2:\*"/, 'the built-in document is in the command');

  const plain = await page.locator('#share-link').inputValue();
  await page.check('#share-redact');
  await page.waitForFunction((p) => document.getElementById('share-link').value !== p, plain, { timeout: 15000 });
  const redacted = wasm.shareDecode(await page.locator('#share-link').inputValue());
  assert.match(redacted, /"identity": \[\s*\{\s*"managed": "AmazonEC2FullAccess"\s*\}\s*\]/);
  assert.ok(!redacted.includes('test-user') && !redacted.includes('EC2-roles-for-XYZ'), redacted);
  // Opened, the redacted link decides the same.
  await page.keyboard.press('Escape');
  await openText(page, redacted);
  await expectManaged(page, 'the redacted link');
  await assertClean(session);
  await session.close();
});
