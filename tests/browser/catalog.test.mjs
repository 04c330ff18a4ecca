// The AWS data on the page ("Know AWS"): the catalog and managed policies load after the first
// decision; a misspelt action is flagged at its place with a suggestion; the request's Action
// field and the editors suggest from the catalog; hovering a pattern shows its expansion;
// an AWS managed policy attached by name decides like its pasted document.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, ROOT, assertClean, removeAllPolicies, pasteIntoLastEditor, catalogLoaded, heldRoute } from './helpers.mjs';

const story = JSON.parse(readFileSync(path.join(ROOT, 'www', 'examples', '1-passrole-ec2-full-access-only.json'), 'utf8'));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});


test('the first decision appears while the catalog is still loading', async () => {
  const hold = heldRoute('**/data/catalog.json');
  const session = await openPage(browser, { beforeGoto: hold.beforeGoto });
  const { page } = session;
  const decision = await decisionOf(page);
  // Since navigation started (the page's own clock).
  const ms = Math.round(await page.evaluate(() => performance.now()));
  assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(decision), decision);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.catalog), 'loading', 'the catalog has not arrived yet');
  assert.ok(hold.asked() <= 1);
  // The time is reported, not asserted: start-up speed is measured by the benchmarks
  // (benches/), and a loaded test machine must not fail this behavioural check.
  console.log(`first decision with the catalog pending: ${ms} ms after navigation`);
  hold.release();
  await catalogLoaded(page);
  const footer = await page.locator('#data-sources').textContent();
  assert.match(footer, /AWS action catalog of \d{4}-\d\d-\d\d/);
  assert.match(footer, /AWS managed policies of \d{4}-\d\d-\d\d/);
  assert.equal(await page.locator('#data-sources a[href="data/NOTICE"]').count(), 1);
  console.log(`catalog and managed policies loaded in ${await page.evaluate(() => document.documentElement.dataset.catalogMs)} ms after asking`);
  await assertClean(session);
  await session.close();
});

test('a typo in an action is flagged at its place with the suggestion', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await catalogLoaded(page);
  await removeAllPolicies(page);
  await page.getByRole('button', { name: '+ Add policy' }).click();
  const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "iam:PasRole", "Resource": "*"}\n  ]\n}';
  await pasteIntoLastEditor(page, policy);
  const host = page.locator('.policy-card').last().locator('.editor-host');
  await page.waitForFunction(() => [...document.querySelectorAll('.policy-card .editor-host')].some((h) => [...h.shadowRoot.querySelectorAll('.cm-lintRange-error, .cm-lintRange-warning')].some((r) => r.textContent.includes('PasRole'))), null, { timeout: 15000 });
  const marked = await host.locator('.cm-lintRange-error, .cm-lintRange-warning').allTextContents();
  assert.ok(marked.some((t) => t.includes('PasRole')), `marked: ${marked}`);
  // Hovering the marked text shows the message with the suggestion, as text.
  await host.locator('.cm-lintRange-error, .cm-lintRange-warning', { hasText: 'PasRole' }).first().hover();
  const tip = host.locator('.cm-tooltip-lint');
  await tip.waitFor({ timeout: 5000 });
  const text = await tip.textContent();
  assert.match(text, /iam:PasRole/);
  assert.match(text, /did you mean `?iam:PassRole`?/);
  console.log(`lint tooltip: ${text}`);
  await assertClean(session);
  await session.close();
});

test('the request Action field suggests valid actions as you type', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await catalogLoaded(page);
  const input = page.locator('.req-action');
  await input.fill('');
  await input.pressSequentially('iam:PassR');
  const listId = await input.getAttribute('list');
  assert.ok(listId);
  await page.waitForFunction((id) => [...document.getElementById(id).options].some((o) => o.value === 'iam:PassRole'), listId, { timeout: 5000 });
  const values = await page.evaluate((id) => [...document.getElementById(id).options].map((o) => o.value), listId);
  assert.ok(values.every((v) => v.toLowerCase().startsWith('iam:passr')), values.join(', '));
  await input.fill('');
  await input.pressSequentially('ia');
  await page.waitForFunction((id) => [...document.getElementById(id).options].some((o) => o.value === 'iam:'), listId, { timeout: 5000 });
  await assertClean(session);
  await session.close();
});

test('policy editors complete actions and condition keys, and hovering a pattern shows its expansion', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await catalogLoaded(page);
  await removeAllPolicies(page);
  await page.getByRole('button', { name: '+ Add policy' }).click();
  await pasteIntoLastEditor(page, '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*",\n     "Condition": {"StringEquals": {}}}\n  ]\n}');
  const host = page.locator('.policy-card').last().locator('.editor-host');
  // Hover: the count and the list.
  const pattern = host.locator('.cm-line span', { hasText: '"iam:Pass*"' }).first();
  await pattern.hover();
  const tip = host.locator('.cm-expansion');
  await tip.waitFor({ timeout: 5000 });
  assert.match(await tip.locator('.cm-expansion-head').textContent(), /iam:Pass\* covers 1 action/);
  assert.deepEqual(await tip.locator('li').allTextContents(), ['iam:PassRole']);
  // Completion of a condition key inside the operator's object: the cursor between `{}`.
  await page.mouse.move(0, 0);
  await page.locator('.policy-card').last().locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('"iam:Pas');
  const options = host.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor({ timeout: 5000 });
  const labels = await options.allTextContents();
  assert.ok(labels.some((l) => l.startsWith('iam:PassedToService')), labels.join(' | '));
  await page.keyboard.press('Escape');
  // ARN templates in Resource for the statement's action.
  await pasteIntoLastEditor(page, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": ');
  await page.keyboard.type('"arn');
  await host.locator('.cm-tooltip-autocomplete li').first().waitFor({ timeout: 5000 });
  const arns = await host.locator('.cm-tooltip-autocomplete li').allTextContents();
  assert.ok(arns.some((l) => l.includes(':role/')), arns.join(' | '));
  await page.keyboard.press('Escape');
  await assertClean(session);
  await session.close();
});

test('attaching AmazonEC2FullAccess by name decides like the pasted document (PassRole story)', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await catalogLoaded(page);
  // The story as written (the document pasted): PassRole is implicitly denied, EC2 allowed.
  const pasted = await page.evaluate(() => document.querySelector('#decision').dataset.decision);
  assert.equal(pasted, story.expect.decision);
  const firstCard = page.locator('.policy-card').first();
  assert.match(await firstCard.locator('.policy-name').inputValue(), /AmazonEC2FullAccess/);
  await firstCard.locator('button.remove').click();
  await page.getByLabel('AWS managed policy').fill('AmazonEC2FullAccess');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  const attached = page.locator('.policy-card').last();
  assert.match(await attached.locator('.cm-content').textContent(), /"managed": "AmazonEC2FullAccess"/);
  await attached.locator('.managed-view summary').click();
  await attached.locator('.managed-document', { hasText: 'ec2:*' }).waitFor({ timeout: 10000 });
  await page.waitForSelector(`#decision[data-decision="${pasted}"]`, { timeout: 15000 });
  // The name resolved (not an unknown policy): the managed policy allows EC2 actions.
  await page.locator('.req-action').fill('ec2:RunInstances');
  await page.waitForSelector('#decision[data-decision="Allow"]', { timeout: 15000 });
  await assertClean(session);
  await session.close();
});
