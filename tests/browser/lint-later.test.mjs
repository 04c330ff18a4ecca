// Lint with no size limit: a scenario over the interactive lint limit (192 KB) is answered
// first, without its lint findings, and they come on request (`lintLater`), from the
// evaluation already made: in the tools module (AwsData.lintLater) and through the worker,
// whose tickets make sure the findings asked for are the answer's own.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, loadToolsWasm, assertClean, DIST } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A scenario of about `bytes` bytes whose statement `typo` names an action AWS does not have. */
function longScenario(bytes, typo) {
  const statements = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const action = i === typo ? 's3:GetObjekt' : 's3:GetObject';
    const s = `{"Sid":"S${i}","Effect":"Allow","Action":"${action}","Resource":"arn:aws:s3:::bucket-${i}/*"}`;
    statements.push(s);
    size += s.length + 1;
  }
  return JSON.stringify({
    policies: { identity: [{ Version: '2012-10-17', Statement: statements.map((s) => JSON.parse(s)) }] },
    request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-1/key' },
  });
}

test('the tools module: over the limit the answer says lintLater, and lintLater() gives the findings lint gives, once', async () => {
  const tools = await loadToolsWasm();
  const data = new tools.AwsData();
  data.loadCatalog(readFileSync(path.join(DIST, 'data', 'catalog.json'), 'utf8'));
  const long = longScenario(260 * 1024, 7);
  assert.ok(long.length > 192 * 1024);
  const answer = data.evaluate(long);
  assert.equal(answer.decision, 'Allow');
  assert.equal(answer.lintLater, true);
  assert.equal(answer.lint, undefined);
  const later = data.lintLater('en');
  // The same findings as lint of the whole text (the answer itself reported none).
  assert.deepEqual(answer.diagnostics, []);
  const report = data.lint(long);
  assert.deepEqual(later, report.diagnostics);
  const typo = later.filter((d) => d.code === 'unknown-action');
  assert.equal(typo.length, 1);
  assert.equal(typo[0].snippet, 'GetObjekt');
  assert.equal(long.slice(typo[0].location.start, typo[0].location.end), 'GetObjekt');
  // Given once: the module keeps nothing after.
  assert.equal(data.lintLater('en'), undefined);
  // In Japanese when asked.
  data.evaluate(long);
  const ja = data.lintLater('ja').find((d) => d.code === 'unknown-action');
  assert.match(ja.message, /[\u3040-\u30ff\u4e00-\u9fff]/);
  // Under the limit, lint comes in the answer, and there is nothing for later.
  const short = longScenario(8 * 1024, 3);
  const small = data.evaluate(short);
  assert.equal(small.lintLater, undefined);
  assert.equal(small.lint.filter((d) => d.code === 'unknown-action').length, 1);
  assert.equal(data.lintLater('en'), undefined);
  data.free();
});

test('the worker: a ticket gives the findings of its own answer, once; an evaluation since voids it', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await decisionOf(page);
  const results = await page.evaluate(
    async ({ first, second }) => {
      // A worker of the page's own, spoken to as engine.js does ({id, op, arg}; a long list
      // comes in parts first).
      const worker = new Worker('worker.js');
      let next = 1;
      const pending = new Map();
      worker.onmessage = ({ data }) => {
        const job = pending.get(data.id);
        if (data.part) return job.parts.push(data.part);
        pending.delete(data.id);
        if (!data.ok) return job.reject(new Error(data.error.message));
        let value = data.value;
        for (const { path: at, items } of job.parts) at.reduce((node, key) => node[key], value).push(...items);
        job.resolve(value);
      };
      const call = (op, arg) =>
        new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject, parts: [] });
          worker.postMessage({ id, op, arg });
        });
      await call('loadData');
      const a = await call('evaluate', { text: first, lang: 'en' });
      const b = await call('evaluate', { text: second, lang: 'en' });
      const stale = await call('lintLater', { ticket: a.lintLater, lang: 'en' });
      const own = await call('lintLater', { ticket: b.lintLater, lang: 'en' });
      const again = await call('lintLater', { ticket: b.lintLater, lang: 'en' });
      worker.terminate();
      // Where the findings point: the second text's typo (the first's is elsewhere).
      const typos = own.filter((d) => d.code === 'unknown-action').map((d) => second.slice(d.location.start, d.location.end));
      return { tickets: [a.lintLater, b.lintLater], stale, again, typos };
    },
    { first: longScenario(200 * 1024, 2), second: longScenario(200 * 1024, 1200) },
  );
  assert.ok(Number.isInteger(results.tickets[0]) && results.tickets[1] === results.tickets[0] + 1, `tickets ${results.tickets}`);
  assert.equal(results.stale, null, 'an evaluation since voids the first ticket');
  assert.deepEqual(results.typos, ['GetObjekt']);
  assert.equal(results.again, null, 'a ticket gives its findings once');
  await assertClean(session);
  await session.close();
});
