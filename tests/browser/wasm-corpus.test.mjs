// The WebAssembly build gives the same answer as the CLI for every corpus file and example:
// the module the page loads (www/pkg), run in Node, against `iam-playground eval --format json`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cliAnswer, DIST, loadModule, loadToolsWasm, loadWasm, ROOT, scenarioTexts } from './helpers.mjs';


/** The error `f` throws (the test fails when it returns). */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

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
      // The same text too: property order, and no value JSON would write differently (the
      // module builds the object itself, not through JSON.parse).
      assert.equal(JSON.stringify(fromWasm), JSON.stringify(fromCli));
    } catch (e) {
      failures.push(`${path.relative(ROOT, file)}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  console.log(`wasm vs CLI: ${texts.length - failures.length} of ${texts.length} scenario files agree (${skipped} not UTF-8, CLI only)`);
  assert.ok(skipped <= 5, `${skipped} files are not UTF-8`);
  assert.deepEqual(failures, []);
});

test('wasm decide gives the decisions, deciding statements and diagnostics of evaluate for every corpus file, in both languages', async () => {
  const wasm = await loadWasm();
  const { texts } = scenarioTexts();
  const failures = [];
  const seen = { evaluated: 0, invalid: 0, Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0, diagnostics: 0 };
  for (const { file, text } of texts) {
    for (const lang of [undefined, 'ja']) {
      const answer = wasm.evaluate(text, lang);
      const brief = wasm.decide(text, lang);
      const expected = {
        engineVersion: answer.engineVersion,
        status: answer.status,
        ...('name' in answer ? { name: answer.name } : {}),
        ...('decision' in answer ? { decision: answer.decision } : {}),
        requests: answer.requests.map((r) => ({ index: r.index, decision: r.decision, decidedBy: r.decidedBy, matchedStatements: r.matchedStatements })),
        diagnostics: answer.diagnostics,
      };
      try {
        assert.deepStrictEqual(JSON.parse(JSON.stringify(brief)), JSON.parse(JSON.stringify(expected)));
      } catch (e) {
        failures.push(`${path.relative(ROOT, file)} (${lang ?? 'en'}): ${e.message.split('\n').slice(0, 12).join('\n')}`);
      }
      if (lang) continue;
      seen[brief.status] += 1;
      for (const r of brief.requests) seen[r.decision] += 1;
      if (brief.diagnostics.length) seen.diagnostics += 1;
    }
  }
  // The corpus reaches every outcome, so agreement is not agreement on one kind of answer.
  for (const [k, n] of Object.entries(seen)) assert.ok(n > 5, `only ${n} corpus answers with ${k}`);
  assert.deepEqual(failures, []);
});

// Text crosses into the modules through the build's rewritten glue (scripts/wasm-glue.mjs: one
// TextEncoder.encodeInto for the ASCII start, then the rest with room for three bytes per
// unit): names and values with accented letters, Japanese, emoji (surrogate pairs) and a lone
// surrogate, before and after long ASCII runs, must reach the engine as the CLI reads the same
// text from a file, the answer's byte and UTF-16 offsets included.
test('non-ASCII scenario text reaches both modules as the CLI reads it (offsets and names)', async () => {
  const wasm = await loadWasm();
  const tools = await loadToolsWasm();
  const base = readFileSync(path.join(ROOT, 'tests', 'corpus', 'passrole', 'passrole-3-narrowed-to-ec2.json'), 'utf8');
  const names = ['é', 'naïve ロール 😀 end', 'x'.repeat(3000) + 'ß', '😀'.repeat(40), 'ascii only', '\ud800 lone'];
  const dir = mkdtempSync(path.join(tmpdir(), 'glue-'));
  try {
    for (const name of names) {
      // The name first (non-ASCII early), and again as a policy name after the ASCII statements.
      const doc = JSON.parse(base);
      doc.name = name;
      doc.policies.identity[0].name = `${name} / ${name}`;
      // JSON.stringify escapes a lone surrogate; put it back raw, as a pasted text could hold it.
      const text = JSON.stringify(doc, null, 2).replaceAll('\\ud800', '\ud800');
      const file = path.join(dir, 'scenario.json');
      writeFileSync(file, text); // UTF-8, a lone surrogate as U+FFFD, as encodeInto writes it
      const expected = cliAnswer(file);
      const shown = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, '\ufffd');
      assert.equal(expected.name, shown, 'the CLI reads the name back');
      const which = JSON.stringify(name.slice(0, 20));
      assert.deepStrictEqual(JSON.parse(JSON.stringify(wasm.evaluate(text))), expected, `deciding module: ${which}`);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(tools.evaluate(text))), expected, `tools module: ${which}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('neither module carries the engine\'s Japanese sentences: Japanese answers are English until installLanguage is given i18n/ja.json, and a wrong text is refused', async () => {
  const ja = readFileSync(path.join(ROOT, 'src', 'i18n', 'ja.json'), 'utf8');
  assert.equal(readFileSync(path.join(DIST, 'i18n', 'ja.json'), 'utf8'), ja, 'the build copies the catalog beside the worker');
  const toolsJa = readFileSync(path.join(ROOT, 'src', 'i18n', 'tools.ja.json'), 'utf8');
  const sentences = Object.values(JSON.parse(ja)).filter((t) => /[\u3040-\u30ff\u4e00-\u9fff]{4}/.test(t) && !toolsJa.includes(JSON.stringify(t).slice(1, -1)));
  assert.ok(sentences.length > 100, `${sentences.length} Japanese sentences`);
  for (const [dir, name] of [['pkg', 'iam_playground'], ['pkg-tools', 'iam_playground_tools']]) {
    const bytes = readFileSync(path.join(ROOT, 'www', dir, `${name}_bg.wasm`));
    const inside = sentences.filter((t) => bytes.includes(Buffer.from(t)));
    assert.deepEqual(inside, [], `www/${dir} compiles in Japanese sentences`);
  }

  const wasm = await loadModule('pkg', 'iam_playground', { fresh: true });
  const text = readFileSync(path.join(ROOT, 'tests', 'corpus', 'passrole', 'admin-role-to-ec2-without-passrole.json'), 'utf8');
  assert.equal(wasm.hasLanguage('ja'), false);
  assert.equal(wasm.hasLanguage('en'), true);
  // Asked for Japanese without its sentences: wholly English.
  const english = JSON.stringify(wasm.evaluate(text, 'ja'));
  assert.equal(english, JSON.stringify(wasm.evaluate(text, 'en')));
  assert.doesNotMatch(english, /[\u3040-\u30ff]/);
  let e = thrown(() => wasm.installLanguage('ja', '{\n  "list.one": 1\n}'));
  assert.equal(e.code, 'language-catalog');
  assert.match(e.message, /^the ja catalog is not a JSON object of key → message text: .* at line 2 column/);
  e = thrown(() => wasm.installLanguage('ja', '{"list.one": "{item}"}'));
  assert.match(e.message, /not this engine's .*: \d+ of its keys missing \(`[^`]+`, /);
  e = thrown(() => wasm.installLanguage('fr', ja));
  assert.equal(e.message, 'no catalog for the language `fr`');
  assert.equal(e.help, 'the languages are `en` and `ja`');
  assert.equal(wasm.hasLanguage('ja'), false, 'a refused text installs nothing');

  wasm.installLanguage('ja-JP', ja);
  assert.equal(wasm.hasLanguage('ja'), true);
  const answer = wasm.evaluate(text, 'ja');
  assert.match(answer.requests[0].summary, /^許可: .*のステートメント `EC2All` がリクエストを許可しています。$/);
  assert.notEqual(JSON.stringify(answer), english);
  wasm.installLanguage('ja', ja); // again: kept, no error
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
  const tools = await loadToolsWasm(); // redaction, bundles and the AWS data: the tools module
  // Not JSON: the reader's error, at its line and column.
  const bad = thrown(() => tools.redact('{\n  "policies": [,\n}'));
  assert.ok(bad instanceof Error);
  assert.equal(bad.code, 'json-syntax');
  assert.deepEqual([bad.location.line, bad.location.column], [2, 16]);
  // A tool's own error: the help is a property, not folded into the message.
  const bundle = thrown(() => tools.expandBundleInto('{"policies": {}}', 'ec2-run-instance', ''));
  assert.equal(bundle.code, 'unknown-bundle');
  assert.equal(bundle.message, 'there is no bundle `ec2-run-instance`');
  assert.equal(bundle.help, 'did you mean `ec2-run-instances`?');
  assert.equal(bundle.location, undefined);
  const link = thrown(() => wasm.shareDecode('garbage'));
  assert.equal(link.code, 'share-link');
  assert.match(link.help, /v1\./);
  const data = new tools.AwsData();
  const notLoaded = thrown(() => data.managedPolicy('ReadOnlyAccess'));
  assert.equal(notLoaded.code, 'data-not-loaded');
  assert.match(notLoaded.help, /loadManagedPolicies/);
});
