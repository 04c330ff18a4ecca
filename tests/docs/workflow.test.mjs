// docs/ci/iam-playground-examples.yml, the GitHub Actions workflow for documentation sites: it
// is valid YAML with the shape GitHub reads, and its own shell steps, run here with the CLI
// built from this repository, test a folder of examples and write the JUnit report (failing
// the job when an example fails), or stop with a clear message when the repository variable
// is not set.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, cliPath } from '../browser/helpers.mjs';

const FILE = path.join(ROOT, 'docs', 'ci', 'iam-playground-examples.yml');
const workflow = parse(readFileSync(FILE, 'utf8'));
const steps = workflow.jobs.examples.steps;
const step = (name) => {
  const s = steps.find((x) => x.name === name);
  assert.ok(s, `no step named ${name}`);
  return s;
};

/** Runs a step's `run` script with bash as GitHub does (`bash -e {0}`), in `cwd`. */
function runStep(name, cwd, env) {
  const script = step(name).run;
  const bin = path.dirname(cliPath());
  return spawnSync('bash', ['-e', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: path.join(cwd, 'summary.md'), ...env },
  });
}

/** A docs repository with an examples folder: the PassRole story, plus a failing copy. */
function site(failing) {
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-playground-site-'));
  const examples = path.join(dir, 'docs', 'examples');
  spawnSync('mkdir', ['-p', examples]);
  for (const f of ['passrole-1-ec2-full-access-only.json', 'passrole-2-allow-passrole-on-role.json']) {
    copyFileSync(path.join(ROOT, 'tests', 'corpus', 'passrole', f), path.join(examples, f));
  }
  if (failing) {
    const story = JSON.parse(readFileSync(path.join(examples, 'passrole-2-allow-passrole-on-role.json'), 'utf8'));
    story.expect = { decision: 'ImplicitDeny' };
    writeFileSync(path.join(examples, 'claims-a-denial.json'), JSON.stringify(story, null, 2));
  }
  return dir;
}

test('the workflow is the shape GitHub Actions reads', () => {
  assert.equal(workflow.name, 'IAM examples');
  assert.ok('push' in workflow.on && 'pull_request' in workflow.on);
  assert.equal(workflow.env.EXAMPLES, 'docs/examples');
  assert.equal(workflow.jobs.examples['runs-on'], 'ubuntu-latest');
  assert.equal(steps[0].uses, 'actions/checkout@v4');
  for (const s of steps) assert.ok(s.uses || s.run, `${s.name}: a step needs uses or run`);
  // The report is published even when the tests fail.
  assert.equal(step('Test report').if, 'always()');
  assert.equal(step('Test report').with.report_paths, 'iam-playground-report.xml');
  assert.match(step('Install the iam-playground CLI').run, /cargo install --locked --git "\$IAM_PLAYGROUND_GIT"/);
});

test("the workflow's test step passes on good examples and writes the report", () => {
  const dir = site(false);
  try {
    const r = runStep('Test the examples', dir, { EXAMPLES: 'docs/examples' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /2 passed, 0 failed/);
    const report = readFileSync(path.join(dir, 'iam-playground-report.xml'), 'utf8');
    assert.match(report, /<testsuites name="iam-playground test" tests="2" failures="0" errors="0" skipped="0"/);
    const summary = runStep('Summary', dir, {});
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(readFileSync(path.join(dir, 'summary.md'), 'utf8'), /### IAM examples[\s\S]*2 passed, 0 failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the workflow's test step fails the job on a failing example, with the report written", () => {
  const dir = site(true);
  try {
    const r = runStep('Test the examples', dir, { EXAMPLES: 'docs/examples' });
    assert.equal(r.status, 1, 'the job fails');
    assert.match(r.stdout, /FAIL docs\/examples\/claims-a-denial\.json: decision: expected ImplicitDeny, got Allow/);
    const report = readFileSync(path.join(dir, 'iam-playground-report.xml'), 'utf8');
    assert.match(report, /tests="3" failures="1" errors="0"/);
    assert.match(report, /<failure message="decision: expected ImplicitDeny, got Allow"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the install step says what to set when the repository variable is missing', () => {
  const dir = site(false);
  try {
    const r = runStep('Install the iam-playground CLI', dir, { IAM_PLAYGROUND_GIT: '', IAM_PLAYGROUND_REF: '' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /::error::Set the repository variable IAM_PLAYGROUND_GIT/);
    assert.ok(!existsSync(path.join(dir, 'target')), 'nothing was built');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
