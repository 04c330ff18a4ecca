// Fixes that teach the right lesson, on the page: a denial whose only fix would let
// the principal raise its own rights is answered "this denial protects you" (a table of such
// scenarios), a denial the scenario expects is "the denial is the lesson", a PassRole fix
// explains each condition in one line, and a typo is corrected in one click: from the result's
// diagnostics list (lint findings beside the engine's), from the editor's hover, and as the
// first fix for a request whose action AWS does not have.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, decisionOf, afterEvaluation, loadWasm, expectDecision, assertClean, openExample, catalogLoaded, openInTab, axe } from './helpers.mjs';

let browser;
let wasm;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
});
after(async () => {
  await browser?.close();
});

const ALICE = 'arn:aws:iam::111122223333:user/alice';

/** A scenario of one request; `statements` is the JSON of an identity policy's statements (or null: no policy). */
function scenario(statements, request) {
  const policies = statements ? `[{"Version": "2012-10-17", "Statement": ${statements}}]` : '[]';
  return `{
  "policies": {"identity": ${policies}},
  "request": ${JSON.stringify(request, null, 2)}
}
`;
}

/** Asks for the fix and waits until the section shows one of `kind`. */
async function askFix(page, kind) {
  await page.locator('#fix-suggest').click();
  try {
    await page.waitForSelector(`#fix-section[data-fix-kind="${kind}"]`, { timeout: 15000 });
  } catch {
    const shown = await page.locator('#fix-section').getAttribute('data-fix-kind');
    assert.fail(`expected a fix of kind ${kind}, the page shows ${shown}: ${await page.locator('#fix-section').textContent()}`);
  }
  return page.locator('#fix-section');
}

test('the examples teach the right lesson: protects you, the denial is the lesson, one line per condition', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);

  // "Why PassRole exists": attaching a policy to himself is never the fix.
  await openExample(page, '4');
  await expectDecision(page, 'ImplicitDeny');
  let fix = await askFix(page, 'protectsYou');
  assert.match(await page.locator('#fix-heading').textContent(), /^Why iam:AttachUserPolicy stays denied/);
  const callout = fix.locator('.fix-callout.protects-you');
  assert.equal(await callout.locator('.callout-title').textContent(), '☂ This denial protects you');
  assert.match(await callout.textContent(), /changes the caller's own permissions: allowing it would let .*test-user grant itself anything\. No statement is suggested/);
  assert.doesNotMatch(await fix.textContent(), /`/, 'no raw backticks');
  assert.equal(await fix.locator('[data-fix-apply], .diff, .verified').count(), 0, 'nothing to apply, nothing verified');

  // "…and Lambda is denied": the denial is the point of the example.
  await openExample(page, '3b');
  await expectDecision(page, 'ImplicitDeny');
  fix = await askFix(page, 'expectedDenial');
  assert.match(await page.locator('#fix-heading').textContent(), /^Why iam:PassRole stays denied/);
  assert.match(await fix.locator('.fix-callout.lesson').textContent(), /The denial is the lesson.*passing the same role to Lambda stays denied/s);
  assert.equal(await fix.locator('[data-fix-apply]').count(), 0);

  // The seed example: the PassRole statement names the role, EC2 and the instances, each
  // condition explained in one line.
  await openExample(page, '1');
  await expectDecision(page, 'ImplicitDeny');
  fix = await askFix(page, 'addStatements');
  const lines = fix.locator('.condition-lines li');
  assert.equal(await lines.count(), 2);
  assert.match(await lines.nth(0).textContent(), /^StringEquals iam:PassedToService: the role may be passed only to ec2\.amazonaws\.com, the service that will act with it$/);
  assert.match(await lines.nth(1).textContent(), /^ArnLike iam:AssociatedResourceARN: the role may be used only by arn:aws:ec2:us-east-1:111122223333:instance\/\*/);
  assert.equal(await lines.nth(0).locator('code').count(), 2, 'the key and the value as code');
  assert.match(await fix.locator('.fix-notes').textContent(), /update expect too/);
  await fix.locator('[data-fix-apply]').click();
  await expectDecision(page, 'Allow');
  await assertClean(session);
  await session.close();
});

// Each request is denied and the only statement that would allow it lets the principal raise
// its own rights (the core's table is tests/fix_lessons.rs): the page says so, and offers nothing.
const ESCALATIONS = [
  ['attach a policy to himself', ALICE, 'iam:AttachUserPolicy', ALICE, 'the caller\'s own permissions'],
  ['a role session writing its own role\'s policy', 'arn:aws:sts::111122223333:assumed-role/Deployer/ci', 'iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/Deployer', 'the caller\'s own permissions'],
  ['join a group', ALICE, 'iam:AddUserToGroup', 'arn:aws:iam::111122223333:group/Admins', 'what the group\'s members may do'],
  ['make a role trust him', ALICE, 'iam:UpdateAssumeRolePolicy', 'arn:aws:iam::111122223333:role/AdminRole', 'who may assume the role'],
  ['rewrite a managed policy', ALICE, 'iam:CreatePolicyVersion', 'arn:aws:iam::111122223333:policy/DeveloperAccess', 'rewrites the customer managed policy'],
  ['keys for another user', ALICE, 'iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/admin', 'makes credentials for'],
  ['pass any role', ALICE, 'iam:PassRole', '*', 'hand any role'],
];

test('a table of self-escalations: each is answered "this denial protects you", with its reason and nothing to apply', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const failures = [];
  for (const [name, principal, action, resource, reason] of ESCALATIONS) {
    await openInTab(page, scenario(null, { principal, action, resource }));
    await expectDecision(page, 'ImplicitDeny');
    await page.locator('#fix-suggest').click();
    await page.waitForSelector('#fix-section:not([data-fix-kind="none"])', { timeout: 15000 });
    const fix = page.locator('#fix-section');
    const kind = await fix.getAttribute('data-fix-kind');
    const text = await fix.textContent();
    const offered = await fix.locator('[data-fix-apply], .diff').count();
    if (kind !== 'protectsYou' || !text.includes('This denial protects you') || !text.includes(reason) || offered) {
      failures.push(`${name}: ${kind}, ${offered} change(s) offered: ${text}`);
    }
  }
  assert.deepEqual(failures, []);
  await assertClean(session);
  await session.close();
});

test('a request for an action AWS does not have: the diagnostics list says so, the first fix corrects it, one click replaces it', async () => {
  const text = scenario('[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/R"}]', {
    principal: ALICE,
    action: 'iam:PasRole',
    resource: 'arn:aws:iam::111122223333:role/R',
  });
  const session = await openPage(browser, { fragment: wasm.shareEncode(text) });
  const { page } = session;
  await expectDecision(page, 'ImplicitDeny');
  await catalogLoaded(page);
  // The lint finding is in the result's list, next to the engine's (none here).
  const item = page.locator('.diagnostics li[data-code="unknown-action"]');
  await item.waitFor({ timeout: 30000 });
  assert.match(await page.locator('[data-key="diagnostics"] summary').textContent(), /Diagnostics \(1 error\)/);
  assert.match(await item.textContent(), /iam:PasRole.*help: did you mean iam:PassRole\?/s);
  assert.doesNotMatch(await item.textContent(), /`/, 'no raw backticks');
  // The request field says it too, with the same one-click replace.
  assert.equal(await page.locator('#requests button.replace').count(), 1);

  // The first suggestion is the correction, not a new policy.
  const fix = await askFix(page, 'correctAction');
  assert.equal(await fix.locator('.correction .to').textContent(), 'iam:PassRole');
  assert.match(await fix.locator('.correction .fix-explanation').textContent(), /^iam:PasRole is not an AWS action: did you mean iam:PassRole\? Correct the request's action; evaluated again, the request is allowed\.$/);
  assert.equal(await fix.locator('.placements').count(), 0, 'no statement to add: the policy already allows iam:PassRole');
  assert.match(await fix.locator('[data-fix-apply]').textContent(), /Correct the action/);
  assert.match(await fix.locator('.verified').textContent(), /Verified/);

  // One click in the list writes the correction.
  const button = item.locator('button.replace');
  assert.equal(await button.textContent(), 'Replace PasRole with PassRole');
  await afterEvaluation(page, () => button.click());
  await expectDecision(page, 'Allow');
  assert.equal(await page.locator('#requests input.req-action').first().inputValue(), 'iam:PassRole');
  assert.equal(await page.locator('.diagnostics li[data-code="unknown-action"]').count(), 0);
  await assertClean(session);
  await session.close();
});

test('a typo in a policy: the editor hover offers the replacement (no raw backticks), and undo takes it back', async () => {
  const text = scenario('[{"Effect": "Allow", "Action": "iam:PasRole", "Resource": "*"}]', {
    principal: ALICE,
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::111122223333:role/R',
  });
  const session = await openPage(browser, { fragment: wasm.shareEncode(text) });
  const { page } = session;
  await expectDecision(page, 'ImplicitDeny');
  await catalogLoaded(page);
  const range = page.locator('.policy-card .cm-lintRange-error').first();
  await range.waitFor({ timeout: 30000 });
  assert.equal(await range.textContent(), 'PasRole');
  await range.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /did you mean iam:PassRole\?/);
  assert.doesNotMatch(await tooltip.textContent(), /`/, 'no raw backticks');
  const action = tooltip.locator('.cm-diagnosticAction');
  assert.equal(await action.textContent(), 'Replace PasRole with PassRole');
  await afterEvaluation(page, () => action.click());
  await expectDecision(page, 'Allow');
  assert.match(await page.locator('.policy-card .cm-content').first().textContent(), /"Action": "iam:PassRole"/);
  // The same correction from the result's list is gone with the typo.
  assert.equal(await page.locator('.diagnostics button.replace').count(), 0);
  // An edit like any other: undo takes it back.
  await page.locator('.policy-card .cm-content').first().click();
  await afterEvaluation(page, () => page.keyboard.press('Control+z'));
  await expectDecision(page, 'ImplicitDeny');
  assert.match(await page.locator('.policy-card .cm-content').first().textContent(), /"Action": "iam:PasRole"/);
  await assertClean(session);
  await session.close();
});

test('an engine error with a "did you mean": one click in the list writes it, and the scenario gets a decision', async () => {
  const text = scenario('[{"Efect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]', {
    principal: ALICE,
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::111122223333:role/R',
  });
  const session = await openPage(browser, { fragment: wasm.shareEncode(text) });
  const { page } = session;
  await page.waitForSelector('#decision[data-status="invalid"]', { timeout: 15000 });
  const button = page.locator('.diagnostics li[data-code="unknown-element"] button.replace');
  assert.equal(await button.textContent(), 'Replace "Efect" with "Effect"');
  assert.equal(await button.getAttribute('aria-label'), null, 'its name is its text');
  await afterEvaluation(page, () => button.click());
  await expectDecision(page, 'Allow');
  assert.match(await page.locator('.policy-card .cm-content').first().textContent(), /"Effect": "Allow"/);
  await assertClean(session);
  await session.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core: the fix panels and the one-click replace in the result (${colorScheme})`, async (t) => {
    const session = await openPage(browser, { colorScheme, viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await decisionOf(page);
    await catalogLoaded(page);
    const typo = scenario('[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]', {
      principal: ALICE,
      action: 'iam:PasRole',
      resource: 'arn:aws:iam::111122223333:role/R',
    });
    const failures = [];
    for (const [what, open, kind] of [
      ['this denial protects you', () => openExample(page, '4'), 'protectsYou'],
      ['the denial is the lesson', () => openExample(page, '3b'), 'expectedDenial'],
      ['a PassRole fix with its condition lines and diff', () => openExample(page, '1'), 'addStatements'],
      ['a correction, with the replace buttons', () => openInTab(page, typo), 'correctAction'],
    ]) {
      await open();
      await askFix(page, kind);
      // Every block of the result open, as a reader would leave it.
      await page.evaluate(() => document.querySelectorAll('#result details').forEach((d) => { d.open = true; }));
      const r = await axe(page, '#result');
      t.diagnostic(`axe ${what} (${colorScheme}): critical ${r.counts.critical}, serious ${r.counts.serious}, moderate ${r.counts.moderate}, minor ${r.counts.minor}`);
      failures.push(...r.lines.filter((l) => /^(serious|critical) /.test(l)).map((l) => `${what}: ${l}`));
    }
    assert.deepEqual(failures, []);
    await assertClean(session);
    await session.close();
  });
}
