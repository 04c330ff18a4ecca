// docs/scenario.schema.json through a well-kept validator (Ajv, draft 2020-12, strict mode and
// all errors): it compiles without a strict-mode complaint (an unknown keyword or a required
// property that is not defined would be a typo in the schema), every scenario the project holds
// or writes validates, and every broken scenario of tests/schema/broken.json is rejected for its
// stated reason (tests/schema.rs checks that the engine rejects the same table).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import MarkdownIt from 'markdown-it';
import { ROOT, cli } from '../browser/helpers.mjs';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'scenario.schema.json'), 'utf8'));

function compile() {
  // strict: true turns on every strict-mode check (strictSchema, strictTypes, strictTuples,
  // strictRequired, strictNumbers) and makes each an error.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(schema);
}
const validate = compile();

function* jsonFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* jsonFiles(p);
    else if (name.endsWith('.json')) yield p;
  }
}

function explain(errors) {
  return (errors || []).slice(0, 6).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`).join('\n');
}

test('the schema compiles in Ajv strict mode, and `iam-playground schema` prints it', () => {
  assert.doesNotThrow(compile);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const r = cli(['schema']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(path.join(ROOT, 'docs', 'scenario.schema.json'), 'utf8'));
});

test('every corpus scenario outside tests/corpus/invalid validates', () => {
  const failures = [];
  let count = 0;
  for (const file of jsonFiles(path.join(ROOT, 'tests', 'corpus'))) {
    if (file.includes(`${path.sep}invalid${path.sep}`)) continue;
    count += 1;
    if (!validate(JSON.parse(readFileSync(file, 'utf8')))) failures.push(`${path.relative(ROOT, file)}:\n${explain(validate.errors)}`);
  }
  assert.ok(count > 300, `only ${count} corpus files`);
  assert.deepEqual(failures, []);
});

test('the page examples, the PassRole story and the lint cases validate', () => {
  const failures = [];
  let count = 0;
  const dirs = [path.join(ROOT, 'www', 'examples'), path.join(ROOT, 'tests', 'fixtures', 'fix'), path.join(ROOT, 'tests', 'lint')];
  for (const dir of dirs) {
    for (const file of jsonFiles(dir)) {
      const value = JSON.parse(readFileSync(file, 'utf8'));
      if (!value || typeof value !== 'object' || !('policies' in value)) continue; // a policy or a decoded message
      count += 1;
      if (!validate(value)) failures.push(`${path.relative(ROOT, file)}:\n${explain(validate.errors)}`);
    }
  }
  assert.ok(count >= 20, `only ${count} files`);
  assert.deepEqual(failures, []);
});

test("the lessons' start and solution scenarios validate", () => {
  const failures = [];
  let count = 0;
  for (const file of jsonFiles(path.join(ROOT, 'lessons'))) {
    const lesson = JSON.parse(readFileSync(file, 'utf8'));
    for (const part of ['start', 'solution']) {
      if (!lesson[part]) continue;
      count += 1;
      if (!validate(lesson[part])) failures.push(`${path.relative(ROOT, file)} ${part}:\n${explain(validate.errors)}`);
    }
  }
  assert.ok(count >= 10, `only ${count} lesson scenarios`);
  assert.deepEqual(failures, []);
});

test('scenarios the playground writes validate: bundles, imports, fixes', () => {
  const written = [];
  const list = cli(['bundle', '--list']);
  assert.equal(list.status, 0, list.stderr);
  const names = list.stdout.split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean);
  assert.ok(names.length >= 3);
  for (const name of names) written.push([`bundle ${name}`, cli(['bundle', name])]);
  written.push(['import of the decoded message', cli(['import', 'www/artefacts/decode-authorization-message-cli-output.json'])]);
  written.push(['fix --apply of the PassRole story', cli(['fix', '--apply', 'tests/fixtures/fix/passrole-1-ec2-full-access-only.json'])]);
  for (const [what, r] of written) {
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    const ok = validate(JSON.parse(r.stdout));
    assert.ok(ok, `${what}:\n${explain(validate.errors)}`);
  }
});

test('every broken scenario is rejected, each for its stated reason', () => {
  const { cases } = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'schema', 'broken.json'), 'utf8'));
  assert.ok(cases.length >= 40);
  const problems = [];
  for (const { reason, scenario, schema: want } of cases) {
    if (validate(scenario)) {
      problems.push(`${reason}: the schema accepts it`);
      continue;
    }
    const hit = validate.errors.some((e) => e.instancePath === want.instancePath && e.keyword === want.keyword);
    if (!hit) problems.push(`${reason}: no \`${want.keyword}\` error at \`${want.instancePath || '/'}\`; got:\n${explain(validate.errors)}`);
  }
  assert.deepEqual(problems, []);
});

test('the schema offers what editors complete: kinds, operators, decisions', () => {
  const defs = schema.$defs;
  assert.deepEqual(Object.keys(defs.policies.properties).slice(0, 6), ['identity', 'permissionsBoundary', 'session', 'resource', 'scp', 'rcp']);
  assert.deepEqual(defs.expect.properties.decision.enum, ['Allow', 'ExplicitDeny', 'ImplicitDeny']);
  const operators = Object.keys(defs.condition.properties);
  for (const op of ['StringEquals', 'ForAnyValue:StringLike', 'ArnLikeIfExists', 'ForAllValues:StringNotEqualsIfExists', 'Null']) assert.ok(operators.includes(op), op);
  assert.ok(!operators.includes('NullIfExists'));
  // Every property an editor offers comes with a description.
  const undescribed = [];
  const walk = (node, where) => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'if') continue;
      if (k === 'properties') {
        for (const [name, sub] of Object.entries(v)) if (sub !== true && !sub.description) undescribed.push(`${where}/properties/${name}`);
      }
      walk(v, `${where}/${k}`);
    }
  };
  walk(schema, '');
  assert.deepEqual(undescribed, []);
});

test('complete scenarios in the documentation validate and decide as they say', () => {
  const md = new MarkdownIt();
  let count = 0;
  const problems = [];
  for (const file of ['README.md', 'docs/scenario-format.md']) {
    for (const token of md.parse(readFileSync(path.join(ROOT, file), 'utf8'), {})) {
      if (token.type !== 'fence' || token.info.trim() !== 'json') continue;
      let value;
      try {
        value = JSON.parse(token.content);
      } catch {
        continue; // a sketch with placeholders (POLICY, ...)
      }
      if (!value || typeof value !== 'object' || !('policies' in value)) continue;
      count += 1;
      const where = `${file}:${token.map[0] + 1}`;
      if (!validate(value)) problems.push(`${where}: ${explain(validate.errors)}`);
      const r = cli(['eval', '-'], token.content);
      if (r.status !== 0) problems.push(`${where}: eval exits ${r.status}: ${r.stderr}`);
    }
  }
  assert.ok(count >= 2, `only ${count} complete scenarios found`);
  assert.deepEqual(problems, []);
});
