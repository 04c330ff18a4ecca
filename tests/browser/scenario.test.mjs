// The page's scenario handling (www/src/scenario.js) without a browser: reading a scenario into
// editors and writing it back keeps every decision and diagnostic, and the offset tables map
// the engine's locations back to the right editor and character.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWasm, ROOT, scenarioTexts } from './helpers.mjs';
import {
  assemble,
  locate,
  scenarioToModel,
  dedent,
  unescapeOffset,
  unindentOffset,
  lineStarts,
  newPolicy,
  setSwitch,
  isSwitchedOff,
  emptyRequest,
  contextRow,
} from '../../www/src/scenario.js';

/** What must survive the trip through the page: decisions, deciding Sids, diagnostics. */
function essence(answer) {
  return {
    status: answer.status,
    decision: answer.decision,
    requests: answer.requests.map((r) => ({
      decision: r.decision,
      decidedBy: r.decidedBy,
      matched: r.matchedStatements.map((s) => s.sid ?? s.statementIndex).sort(),
    })),
    diagnostics: answer.diagnostics.map((d) => `${d.severity} ${d.code}`).sort(),
  };
}

test('every corpus file and example keeps its decisions and diagnostics through the page editors', async () => {
  const wasm = await loadWasm();
  const { texts } = scenarioTexts();
  const failures = [];
  let opened = 0;
  for (const { file, text } of texts) {
    const original = wasm.evaluate(text);
    let model;
    try {
      model = scenarioToModel(text, original.policies);
    } catch (e) {
      // Only a text that is not a JSON object may be refused, and then with a message.
      assert.match(e.message, /not valid JSON|must be a JSON object/, file);
      continue;
    }
    opened += 1;
    const { text: written } = assemble(model);
    const again = wasm.evaluate(written);
    try {
      assert.deepStrictEqual(essence(again), essence(original));
    } catch (e) {
      failures.push(`${path.relative(ROOT, file)}: ${e.message.split('\n').slice(0, 14).join('\n')}`);
    }
  }
  console.log(`page round trip: ${opened - failures.length} of ${opened} scenarios unchanged (${texts.length - opened} refused as not JSON objects)`);
  assert.deepEqual(failures, []);
});

test('diagnostics and statements map back to the editor and character they point at', async () => {
  const wasm = await loadWasm();
  const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Sid": "A", "Efect": "Allow"}\n';
  const good = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "Ok", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}\n  ]\n}';
  const typo = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "T", "Efect": "Allow", "Action": "s3:*", "Resource": "*"}\n  ]\n}';
  const cases = [
    // [policy texts, the editor index and text each error should point at]
    [[good, typo], [[1, '"Efect"']]],
    [[typo, good], [[0, '"Efect"']]],
    // Not JSON yet (mid-edit): written as a JSON string; the error still lands in the editor.
    [[good, broken], [[1, '']]],
    [[' '], [[0, '']]],
  ];
  for (const [texts, wanted] of cases) {
    const model = {
      name: 'map',
      policies: texts.map((t, i) => ({ ...newPolicy('identity', `p${i}`), text: t })),
      policiesExtra: {},
      requests: [{ ...emptyRequest(), principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: '*' }],
      extra: {},
    };
    const { text, segments } = assemble(model);
    const answer = wasm.evaluate(text);
    const errors = answer.diagnostics.filter((d) => d.severity === 'error').map((d) => locate(segments, d.location));
    for (const [index, underlined] of wanted) {
      const policy = model.policies[index];
      const hit = errors.find((t) => t?.policyId === policy.id && policy.text.slice(t.from, t.to) === underlined);
      assert.ok(hit, `an error on ${JSON.stringify(underlined)} in editor ${index}: got ${JSON.stringify(errors)}`);
    }
  }
  // A deciding statement maps to its own text in its editor.
  const model = scenarioToModel(readFileSync(path.join(ROOT, 'www', 'examples', '5-explicit-deny-wins.json'), 'utf8'));
  const { text, segments } = assemble(model);
  const answer = wasm.evaluate(text);
  const target = locate(segments, answer.requests[0].matchedStatements[0].location);
  const policy = model.policies.find((p) => p.id === target.policyId);
  assert.match(policy.text.slice(target.from, target.to), /^\{\s*"Sid": "ProtectAuditLogs"[\s\S]*\}$/);
});

test('request fields and context rows are located for their messages', async () => {
  const wasm = await loadWasm();
  const request = {
    ...emptyRequest(),
    principal: 'arn:aws:iam::111122223333:usr/x',
    action: 's3:GetObject',
    resource: '*',
    context: [contextRow('aws:SourceIp', 'not an ip')],
  };
  const model = { name: '', policies: [newPolicy('identity')], policiesExtra: {}, requests: [request], extra: {} };
  const { text, segments } = assemble(model);
  const targets = wasm.evaluate(text).diagnostics.map((d) => locate(segments, d.location)).filter(Boolean);
  assert.ok(targets.some((t) => t.type === 'field' && t.field === 'principal' && t.request === 0), JSON.stringify(targets));
});

test('offset helpers', () => {
  // [raw text, offset in the written form, expected offset in the raw text]
  const indented = [
    ['{\n"a": 1\n}', 0, 0],
    ['{\n"a": 1\n}', 2, 2], // inside the added spaces of line 2: its start
    ['{\n"a": 1\n}', 4, 2], // the first character of line 2
    ['{\n"a": 1\n}', 5, 3],
    ['{\n"a": 1\n}', 13, 9], // the closing brace
    ['{\n"a": 1\n}', 99, 10], // past the end: clamped
  ];
  for (const [raw, rel, want] of indented) assert.equal(unindentOffset(raw, 2, rel), want, `${JSON.stringify(raw)} @${rel}`);
  // Against the indented text written out, offset by offset: texts of 0-8 lines (some empty),
  // indents 0-4, with the line starts given (as locate keeps them) or not.
  let seed = 7;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 300; round++) {
    const raw = Array.from({ length: random(9) }, () => 'x'.repeat(random(4))).join('\n');
    const indent = random(5);
    const starts = lineStarts(raw);
    // expected[o]: the raw offset of indented offset o (inside added spaces: the line's start).
    const expected = [];
    for (let r = 0; r <= raw.length; r++) {
      expected.push(r);
      if (raw[r] === '\n') for (let k = 0; k < indent; k++) expected.push(r + 1);
    }
    for (let o = 0; o < expected.length + 3; o++) {
      const want = expected[Math.min(o, expected.length - 1)];
      assert.equal(unindentOffset(raw, indent, o), want, `${JSON.stringify(raw)} indent ${indent} @${o}`);
      assert.equal(unindentOffset(raw, indent, o, starts), want);
    }
  }
  const escaped = [
    ['a"b', 0, 0],
    ['a"b', 1, 1], // the backslash of \"
    ['a"b', 2, 1], // the quote it escapes
    ['a"b', 3, 2],
    ['x\ny', 3, 2],
    ['é😀z', 3, 3], // after the emoji (two UTF-16 units)
    ['\u0001z', 6, 1], // after a \u0001 escape
  ];
  for (const [raw, rel, want] of escaped) assert.equal(unescapeOffset(raw, rel), want, `${JSON.stringify(raw)} @${rel}`);
  assert.equal(dedent('{\n      "a": 1\n    }'), '{\n  "a": 1\n}');
  assert.equal(dedent('{"a": 1}'), '{"a": 1}');
});

test('a scenario with requests, SCP levels and typed context values survives the round trip', () => {
  const text = JSON.stringify({
    name: 'n',
    policies: {
      identity: [{ Version: '2012-10-17', Statement: [] }],
      scp: [{ Version: '2012-10-17', Statement: [] }, { name: 'ou', policies: [{ name: 'a', document: {} }, { name: 'b', document: {} }] }],
      identiy: [],
    },
    requests: [
      { principal: 'p', action: 'a', resource: 'r', context: { 'aws:MultiFactorAuthPresent': true, 'aws:TagKeys': ['x', 'y'], n: 5 }, extraMember: 1 },
      { principal: 'p2', action: 'a2', resource: 'r2' },
    ],
    whatIf: {
      disabled: [
        { kind: 'scp', index: 1, position: 1 },
        { kind: 'identity', index: 0, statement: 0, name: 'copied from a result' },
        { kind: 'session' },
        { kind: 'identity', index: -1 },
      ],
      note: 'kept',
    },
  });
  const written = JSON.parse(assemble(scenarioToModel(text)).text);
  assert.deepEqual(written.requests[0].context, { 'aws:MultiFactorAuthPresent': true, 'aws:TagKeys': ['x', 'y'], n: 5 });
  assert.equal(written.requests[0].extraMember, 1);
  assert.equal(written.requests.length, 2);
  assert.deepEqual(written.policies.scp.map((l) => [l.name, l.policies.length]), [['level 1', 1], ['ou', 2]]);
  assert.deepEqual(written.policies.identiy, [], 'an unknown kind is kept for the engine to report');
  // Switches name the cards at their places; entries naming no card stay as written.
  assert.deepEqual(written.whatIf, {
    note: 'kept',
    disabled: [
      { kind: 'scp', index: 1, position: 1 },
      { kind: 'identity', index: 0, statement: 0 },
      { kind: 'session' },
      { kind: 'identity', index: -1 },
    ],
  });
  // A switch follows its card when the cards move.
  const model = scenarioToModel(text);
  const scpB = model.policies.find((p) => p.name === 'b');
  model.policies.splice(model.policies.indexOf(scpB), 1);
  model.policies.splice(1, 0, scpB); // now first of its kind: level `ou` comes first
  const moved = JSON.parse(assemble(model).text);
  assert.deepEqual(moved.whatIf.disabled[0], { kind: 'scp', index: 0, position: 0 });
  assert.ok(isSwitchedOff(model, scpB.id));
  setSwitch(model, scpB.id, null, false);
  assert.equal(JSON.parse(assemble(model).text).whatIf.disabled.length, 3);
  assert.throws(() => scenarioToModel('[1]'), /must be a JSON object/);
  assert.throws(() => scenarioToModel('{'), /not valid JSON/);
});
