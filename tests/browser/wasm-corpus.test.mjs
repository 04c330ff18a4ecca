// The WebAssembly build gives the same answer as the CLI for every corpus file and example:
// the module the page loads (www/pkg), run in Node, against `iam-playground eval --format json`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliAnswer, loadWasm, ROOT, scenarioTexts } from './helpers.mjs';

test('the wasm answer equals the CLI answer for every corpus file and example', async () => {
  const wasm = await loadWasm();
  const { texts, skipped } = scenarioTexts();
  assert.ok(texts.length > 10, `only ${texts.length} scenario files found`);
  const failures = [];
  for (const { file, text } of texts) {
    const fromWasm = wasm.evaluate(text);
    const fromCli = cliAnswer(file);
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(fromWasm)), fromCli);
    } catch (e) {
      failures.push(`${path.relative(ROOT, file)}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  console.log(`wasm vs CLI: ${texts.length - failures.length} of ${texts.length} scenario files agree (${skipped} not UTF-8, CLI only)`);
  assert.ok(skipped <= 5, `${skipped} files are not UTF-8`);
  assert.deepEqual(failures, []);
});

test('the wasm share functions round-trip and explain bad links', async () => {
  const wasm = await loadWasm();
  const text = '{"name": "é ✓ 😀", "policies": {}}';
  assert.equal(wasm.shareDecode(wasm.shareEncode(text)), text);
  assert.throws(() => wasm.shareDecode('garbage'), /not a playground share link/);
  assert.equal(typeof wasm.version(), 'string');
});

test('the wasm functions throw one error type: an Error with the diagnostic code, help and place', async () => {
  const wasm = await loadWasm();
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    assert.fail('expected an error');
  };
  // Not JSON: the reader's error, at its line and column.
  const bad = thrown(() => wasm.redact('{\n  "policies": [,\n}'));
  assert.ok(bad instanceof Error);
  assert.equal(bad.code, 'json-syntax');
  assert.deepEqual([bad.location.line, bad.location.column], [2, 16]);
  // A tool's own error: the help is a property, not folded into the message.
  const bundle = thrown(() => wasm.expandBundleInto('{"policies": {}}', 'ec2-run-instance', ''));
  assert.equal(bundle.code, 'unknown-bundle');
  assert.equal(bundle.message, 'there is no bundle `ec2-run-instance`');
  assert.equal(bundle.help, 'did you mean `ec2-run-instances`?');
  assert.equal(bundle.location, undefined);
  const link = thrown(() => wasm.shareDecode('garbage'));
  assert.equal(link.code, 'share-link');
  assert.match(link.help, /v1\./);
  const data = new wasm.AwsData();
  const notLoaded = thrown(() => data.managedPolicy('ReadOnlyAccess'));
  assert.equal(notLoaded.code, 'data-not-loaded');
  assert.match(notLoaded.help, /loadManagedPolicies/);
});
