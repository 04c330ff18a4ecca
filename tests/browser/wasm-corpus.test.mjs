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
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  for (const file of files) {
    // The page hands the engine text, never bytes: a file that is not UTF-8 is refused by the
    // CLI's reader (tests/cli_aws.rs), and has no wasm counterpart to compare.
    let text;
    try {
      text = utf8.decode(readFileSync(file));
    } catch {
      bytes += 1;
      continue;
    }
    const fromWasm = wasm.evaluate(text);
    const fromCli = cliAnswer(file);
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(fromWasm)), fromCli);
    } catch (e) {
      failures.push(`${path.relative(ROOT, file)}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  console.log(`wasm vs CLI: ${files.length - bytes - failures.length} of ${files.length - bytes} scenario files agree (${bytes} not UTF-8)`);
  assert.ok(bytes <= 5, `${bytes} files are not UTF-8`);
  assert.deepEqual(failures, []);
});

test('the wasm share functions round-trip and explain bad links', async () => {
  const wasm = await loadWasm();
  const text = '{"name": "é ✓ 😀", "policies": {}}';
  assert.equal(wasm.shareDecode(wasm.shareEncode(text)), text);
  assert.throws(() => wasm.shareDecode('garbage'), /not a playground share link/);
  assert.equal(typeof wasm.version(), 'string');
});
