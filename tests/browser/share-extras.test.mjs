// Sharing extras: Copy as Markdown (the link decodes to the same scenario, the label
// says the decision), redact before sharing (no original account id or name in the link, the
// same decision when the link is opened), the embed snippet (both forms), the AWS CLI command,
// the golden v1 link that must keep opening, and "Download scenario" (with `$schema`).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { launch, openPage, decisionOf, loadWasm, ROOT, copiedShare as copied } from './helpers.mjs';

let browser;
let wasm;
before(async () => {
  browser = await launch();
  wasm = await loadWasm();
});
after(async () => {
  await browser?.close();
});

const SCENARIO = JSON.stringify({
  name: 'Payroll reader',
  policies: {
    identity: [{ Version: '2012-10-17', Statement: [{ Sid: 'ReadPayroll', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-payroll/${aws:username}/*' }] }],
    resource: { Version: '2012-10-17', Statement: [{ Sid: 'FromAcme', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::987654321098:user/jdoe' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-payroll/*' }] },
  },
  request: { principal: 'arn:aws:iam::987654321098:user/jdoe', action: 's3:GetObject', resource: 'arn:aws:s3:::acme-payroll/jdoe/2024.csv', resourceAccount: '246813579024' },
});

/** The golden link of share format v1 (made by version 0.1.0); it must keep opening. */
const GOLDEN_V1 = 'v1.dU4xDsIwDPyLR0TVpgxI2Tqwo1ZiQQxR6iJLaVLiVBWq-nccGJh6k32-O98K3owIGp7B9ejhCFNwZAkZ9AokVKL0Bn1f4YaRKXjR1pWqC1UV6iz6LpmEo-iyoaNe7o3Ql2FAm_LiXFiEaGz6ucmM-mqY2-BQ-BY5zNHmDgfYtsd2hIivGfkbOEXylibj5Gyi12ZhnQO0EtSCk0DPjLFMYinyJKFm51n8P9tPi6ItW-nyAQ';

test('copy as Markdown, embed snippet and AWS CLI command; the redacted link keeps the decision', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(SCENARIO) });
  const { page } = session;
  try {
    const decision = await decisionOf(page);
    assert.equal(decision, wasm.evaluate(SCENARIO).decision);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
    await page.click('#share-button');
    await page.waitForSelector('#share-redact');

    // Markdown: the label says the decision, the link carries the scenario on screen.
    const md = await copied(page, 'share-markdown');
    const m = md.match(/^\[IAM playground: (.+?) — Payroll reader\]\((http[^)]+)\)$/);
    assert.ok(m, md);
    assert.ok(m[1].endsWith(decision === 'Allow' ? 'Allowed' : 'Denied implicitly') || m[1].includes('Denied'), m[1]);
    const shared = wasm.shareDecode(m[2]);
    assert.equal(wasm.evaluate(shared).decision, decision);
    assert.equal(JSON.parse(shared).request.resource, JSON.parse(SCENARIO).request.resource);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md, 'the clipboard holds the same text');

    // Embed snippet: both forms, with the scenario's fragment.
    const snippet = await copied(page, 'share-embed');
    assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/iam-playground\.js" defer><\/script>/);
    assert.match(snippet, /<iam-playground src="#v1\.[A-Za-z0-9_-]+"><\/iam-playground>/);
    assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#v1\.[A-Za-z0-9_-]+"/);

    // The AWS CLI command.
    const command = await copied(page, 'share-simulate');
    assert.match(command, /^aws iam simulate-custom-policy \\\n/m);
    assert.match(command, /--caller-arn 'arn:aws:iam::987654321098:user\/jdoe'/);
    assert.match(command, /--resource-policy '\{/);

    // Redact: the link in the box changes; nothing of the original account or names is left,
    // and opening it gives the same decision.
    const plainLink = await page.locator('#share-link').inputValue();
    await page.check('#share-redact');
    await page.waitForFunction((p) => document.getElementById('share-link').value !== p, plainLink, { timeout: 15000 });
    const redactedLink = await page.locator('#share-link').inputValue();
    const redacted = wasm.shareDecode(redactedLink);
    for (const secret of ['987654321098', '246813579024', 'jdoe', 'acme-payroll']) assert.ok(!redacted.includes(secret), `${secret} is gone: ${redacted}`);
    assert.equal(wasm.evaluate(redacted).decision, decision);
    const mdRedacted = await copied(page, 'share-markdown');
    assert.ok(!mdRedacted.includes('987654321098'));
    assert.equal(wasm.evaluate(wasm.shareDecode(mdRedacted.match(/\((http[^)]+)\)$/)[1])).decision, decision);

    const other = await openPage(browser, { fragment: redactedLink.split('#')[1] });
    try {
      assert.equal(await decisionOf(other.page), decision, 'the redacted link opens with the same decision');
    } finally {
      await other.close();
    }
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

test('the golden v1 share link keeps opening', async () => {
  const session = await openPage(browser, { fragment: GOLDEN_V1 });
  try {
    assert.equal(await decisionOf(session.page), 'Allow');
    assert.equal(await session.page.locator('#scenario-name').inputValue(), 'golden');
  } finally {
    await session.close();
  }
});

test('"Download scenario" saves the scenario with $schema naming the schema served beside the page, and the file validates', async () => {
  const session = await openPage(browser, { fragment: wasm.shareEncode(SCENARIO) });
  const { page } = session;
  try {
    await decisionOf(page);
    await page.click('#share-button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#share-download')]);
    assert.equal(download.suggestedFilename(), 'payroll-reader.json');
    const text = readFileSync(await download.path(), 'utf8');
    const saved = JSON.parse(text);
    assert.equal(Object.keys(saved)[0], '$schema', 'the schema comes first');
    assert.equal(saved.$schema, `${session.origin}/scenario.schema.json`);
    const { $schema, ...rest } = saved;
    assert.deepEqual(rest, JSON.parse(SCENARIO), 'the rest is the scenario on screen');
    assert.equal(wasm.evaluate(text).decision, wasm.evaluate(SCENARIO).decision, 'the engine ignores $schema');

    // The address serves the schema, and the file validates against it.
    const schema = await page.evaluate(async (u) => (await fetch(u)).json(), $schema);
    assert.deepEqual(schema, JSON.parse(readFileSync(path.join(ROOT, 'docs', 'scenario.schema.json'), 'utf8')));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    assert.ok(validate(saved), JSON.stringify(validate.errors));

    // The Scenario JSON dialog's Download writes the same member over the dialog's text.
    await page.click('#scenario-button');
    await page.waitForSelector('#scenario-dialog[open]');
    const [fromDialog] = await Promise.all([page.waitForEvent('download'), page.click('#scenario-download')]);
    const dialogText = readFileSync(await fromDialog.path(), 'utf8');
    assert.match(dialogText, /^\{\n  "\$schema": "http:\/\/127\.0\.0\.1:\d+\/scenario\.schema\.json",\n/);
    assert.equal(dialogText.replace(/\n  "\$schema": "[^"]+",/, ''), await page.locator('#scenario-text').inputValue(), 'the rest is the dialog text byte for byte');
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});
