// Learn mode: its pure parts (lesson links, the solution diff, the built lesson index), and the
// page: a `#learn/ID` link opens the lesson beside the playground, the goals are checked live as
// the learner edits, hints come one at a time, and a lesson typed to its solution is finished.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lessonIdOf, solutionDiff } from '../../www/src/learn.js';
import { DIST, ROOT, launch, openPage, pasteIntoLastEditor } from './helpers.mjs';

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

/** The goals' marks in the page, in order: [true, false, ...]. */
async function goalMarks(page) {
  return page.locator('#learn-goal-list .goal').evaluateAll((items) => items.map((li) => li.dataset.holds === 'true'));
}

test('lesson 3 by typing: #learn/passrole-3 opens it, a goal fails at the start, the typed solution meets every goal', async () => {
  const lesson = JSON.parse(readFileSync(path.join(ROOT, 'lessons', 'passrole-3.json'), 'utf8'));
  const browser = await launch();
  const session = await openPage(browser, { fragment: 'learn/passrole-3' });
  const { page } = session;
  try {
    await page.locator('#learn-title').waitFor();
    assert.equal(await page.locator('#learn-title').textContent(), lesson.title.en);
    assert.equal(await page.locator('#learn-goal-list .goal').count(), lesson.goals.length);
    // The start scenario is the playground's, and the goals are checked against it.
    await page.waitForFunction(() => /goals hold/.test(document.getElementById('learn-summary')?.textContent || ''));
    const start = await goalMarks(page);
    assert.ok(start.includes(false), `the start fails a goal: ${start}`);
    assert.equal(await page.locator('.policy-card').count(), lesson.start.policies.identity.length);

    // Hints come one at a time.
    await page.locator('#learn-hint').click();
    assert.equal(await page.locator('.learn-hints li').count(), 1);

    // Type the solution: the last identity policy, as in the reference solution.
    const identity = lesson.solution.policies.identity;
    await pasteIntoLastEditor(page, JSON.stringify(identity[identity.length - 1].document, null, 2));
    await page.waitForFunction(() => document.getElementById('learn-summary')?.classList.contains('finished'));
    assert.deepEqual(await goalMarks(page), lesson.goals.map(() => true));
    assert.match(await page.locator('#learn-summary').textContent(), /Lesson finished/);
    // The address stays the lesson's link, and the progress is kept.
    assert.equal(new URL(page.url()).hash, '#learn/passrole-3');
    const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('iam-playground:learn')));
    assert.equal(progress.lessons['passrole-3'].finished, true);
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});

test('the start line links to the first lesson, and leaving learn mode gives the address back to the scenario', async () => {
  const browser = await launch();
  const session = await openPage(browser);
  const { page } = session;
  try {
    await page.locator('#start-learn').click();
    await page.locator('#learn-title').waitFor();
    assert.equal(new URL(page.url()).hash, '#learn/passrole-1');
    await page.getByRole('button', { name: 'Leave learn mode' }).click();
    assert.equal(await page.locator('#learn-title').count(), 0);
    await page.waitForFunction(() => location.hash.startsWith('#v1.'));
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await browser.close();
  }
});
