// Scenario format 1.1 in the page: a VPC endpoint policy is a card of its own and its gate
// decides; an anonymous (unsigned) request is offered in the principal field and decided;
// both exactly as the CLI decides them ("Control access to VPC endpoints using endpoint
// policies"; "AWS JSON policy elements: Principal").

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, openExample, openInTab, cliAnswer, ROOT, assertClean } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the endpoint example: an endpoint policy card, and the endpoint gate decides as the CLI does', async () => {
  const file = path.join(ROOT, 'www', 'examples', '9-vpc-endpoint-one-bucket.json');
  const cli = cliAnswer(file);
  assert.equal(cli.decision, 'ImplicitDeny');
  assert.equal(cli.requests[0].decidedBy, 'vpcEndpoint');
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  await openExample(page, '9');
  assert.equal(await decisionOf(page), cli.decision);
  const card = page.locator('.policy-card[data-kind="vpcEndpoint"]');
  assert.equal(await card.count(), 1);
  const kind = await card.locator('select.policy-kind').evaluate((s) => s.selectedOptions[0].textContent);
  assert.equal(kind, 'Endpoint policy (VPC endpoint)');
  assert.match(await page.locator('.flow .gate.decided').textContent(), /VPC endpoint policy/);
  await assertClean(session);
  await session.close();
});

test('an anonymous request: offered in the principal field, allowed by a public bucket policy as the CLI allows it', async () => {
  const file = path.join(ROOT, 'tests', 'corpus', 'anonymous', 'allowed-by-public-bucket-policy.json');
  const cli = cliAnswer(file);
  assert.equal(cli.decision, 'Allow');
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const offered = await page.locator('input.req-principal').getAttribute('list');
  assert.deepEqual(await page.locator(`datalist#${offered} option`).evaluateAll((os) => os.map((o) => o.value)), ['anonymous']);
  await openInTab(page, readFileSync(file, 'utf8'));
  await page.waitForFunction(() => document.querySelector('input.req-principal')?.value === 'anonymous', null, { timeout: 15000 });
  await page.waitForFunction((d) => document.querySelector('#decision')?.dataset.decision === d, cli.decision, { timeout: 15000 }).catch(() => {});
  assert.equal(await decisionOf(page), cli.decision, await page.locator('#decision').textContent());
  assert.match(await page.locator('.flow .gate.decided').textContent(), /Resource-based policy/);
  await assertClean(session);
  await session.close();
});
