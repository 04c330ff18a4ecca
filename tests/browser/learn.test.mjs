// Learn mode's pure parts: lesson links, the solution diff, and the built lesson index.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lessonIdOf, solutionDiff } from '../../www/src/learn.js';
import { DIST, ROOT } from './helpers.mjs';

test('#learn/ID links name a lesson; anything else does not', () => {
  assert.equal(lessonIdOf('#learn/passrole-3'), 'passrole-3');
  assert.equal(lessonIdOf('learn/passrole-10'), 'passrole-10');
  assert.equal(lessonIdOf('#v1.abc'), null);
  assert.equal(lessonIdOf('#learn/<img src=x>'), null);
  assert.equal(lessonIdOf('#learn/'), null);
});

test('the solution diff shows only the changed lines with context, whatever the formatting', () => {
  const lesson = JSON.parse(readFileSync(path.join(ROOT, 'lessons', 'passrole-3.json'), 'utf8'));
  // The learner's scenario in another layout (one line): the diff is about content only.
  const mine = JSON.stringify(lesson.start);
  const diff = solutionDiff(mine, JSON.stringify(lesson.solution, null, 2));
  const added = diff.filter((l) => l.kind === '+').map((l) => l.text.trim());
  const removed = diff.filter((l) => l.kind === '-').map((l) => l.text.trim());
  assert.ok(added.some((t) => t.includes('"iam:PassedToService": "ec2.amazonaws.com"')), JSON.stringify(added));
  assert.ok(removed.length <= 2, `only the line before the new condition changes: ${JSON.stringify(removed)}`);
  assert.ok(diff.some((l) => l.kind === '…'), 'long unchanged runs are folded');
  assert.deepEqual(solutionDiff(mine, mine).filter((l) => l.kind === '+' || l.kind === '-'), []);
});

test('the built lesson index lists every lesson file, in course order, in both languages', () => {
  const index = JSON.parse(readFileSync(path.join(DIST, 'lessons', 'index.json'), 'utf8'));
  const files = readdirSync(path.join(ROOT, 'lessons')).filter((f) => f.endsWith('.json'));
  assert.equal(index.length, files.length);
  assert.deepEqual(index.map((l) => l.id).slice(0, 3), ['passrole-1', 'passrole-2', 'passrole-3']);
  assert.equal(index[index.length - 1].id, 'passrole-10');
  for (const l of index) assert.ok(l.title.en && l.title.ja && l.title.en !== l.title.ja, l.id);
});
