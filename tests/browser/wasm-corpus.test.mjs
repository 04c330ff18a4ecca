// The WebAssembly build gives the same answer as the CLI for every corpus file and example:
// the module the page loads (www/pkg), run in Node, against `iam-playground eval --format json`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cliAnswer, loadWasm, ROOT } from './helpers.mjs';

function jsonFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

test('the wasm answer equals the CLI answer for every corpus file and example', async () => {
  const wasm = await loadWasm();
  const files = [...jsonFiles(path.join(ROOT, 'tests', 'corpus')), ...jsonFiles(path.join(ROOT, 'www', 'examples'))];
  assert.ok(files.length > 10, `only ${files.length} scenario files found`);
  const failures = [];
  for (const file of files) {
    const fromWasm = wasm.evaluate(readFileSync(file, 'utf8'));
    const fromCli = cliAnswer(file);
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(fromWasm)), fromCli);
    } catch (e) {
      failures.push(`${path.relative(ROOT, file)}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  console.log(`wasm vs CLI: ${files.length - failures.length} of ${files.length} scenario files agree`);
  assert.deepEqual(failures, []);
});

test('the wasm share functions round-trip and explain bad links', async () => {
  const wasm = await loadWasm();
  const text = '{"name": "é ✓ 😀", "policies": {}}';
  assert.equal(wasm.shareDecode(wasm.shareEncode(text)), text);
  assert.throws(() => wasm.shareDecode('garbage'), /not a playground share link/);
  assert.equal(typeof wasm.version(), 'string');
});
