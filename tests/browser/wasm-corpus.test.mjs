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
