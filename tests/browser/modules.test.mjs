// Two WebAssembly modules of one engine: the deciding module (www/pkg) holds what the
// first decision needs; the tools module (www/pkg-tools, the same crate with the `tools`
// feature) holds lint, the AWS data, fixes, import, bundles, redaction and the simulator
// command, and the page's worker fetches it only after the first decision or on first use.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, openPage, decisionOf, loadWasm, loadToolsWasm, assertClean, catalogLoaded, heldRoute, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const DECIDING = ['evaluate', 'decide', 'shareEncode', 'shareDecode', 'version', 'installLanguage', 'hasLanguage'];
const TOOLS = ['AwsData', 'importArtifact', 'importInto', 'listBundles', 'expandBundleInto', 'suggestFixes', 'redact', 'simulateCommand', 'conditionOperators'];

test('the deciding module exports deciding only; the tools module exports everything', async () => {
  const deciding = await loadWasm();
  const tools = await loadToolsWasm();
  for (const name of DECIDING) {
    assert.equal(typeof deciding[name], 'function', `deciding module: ${name}`);
    assert.equal(typeof tools[name], 'function', `tools module: ${name}`);
  }
  for (const name of TOOLS) {
    assert.equal(deciding[name], undefined, `${name} is not in the deciding module`);
    assert.equal(typeof tools[name], 'function', `tools module: ${name}`);
  }
  // One engine: the same answer from both.
  const text = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'fix', 'passrole-2-allow-passrole-on-role.json'), 'utf8');
  assert.deepEqual(deciding.evaluate(text), tools.evaluate(text));
  // The split is worth its while: the deciding module is well under the whole engine.
  const gz = (dir, name) => gzipSync(readFileSync(path.join(ROOT, 'www', dir, name)), { level: 9 }).length;
  const small = gz('pkg', 'iam_playground_bg.wasm');
  const whole = gz('pkg-tools', 'iam_playground_tools_bg.wasm');
  console.log(`gzip -9: deciding module ${(small / 1024).toFixed(1)} KB, tools module ${(whole / 1024).toFixed(1)} KB`);
  assert.ok(small < whole * 0.75, `deciding ${small} B vs tools ${whole} B`);
});

test('the first decision needs only the deciding module; the tools module arrives after it', async () => {
  const hold = heldRoute('**/iam_playground_tools_bg.wasm');
  const session = await openPage(browser, { beforeGoto: hold.beforeGoto });
  const { page } = session;
  const decision = await decisionOf(page);
  assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(decision), decision);
  // The AWS data waits for the tools module, which is held.
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.catalog), 'loaded');
  assert.ok(hold.asked() <= 1);
  hold.release();
  await catalogLoaded(page);
  assert.equal(hold.asked(), 1, 'the tools module is fetched once');
  await assertClean(session);
  await session.close();
});
