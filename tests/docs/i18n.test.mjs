// The page's two languages (www/src/i18n/): both catalogs have exactly the same keys, each key
// the same placeholders in both, and every key the page's sources use (t, tp, tx, tr calls,
// data-i18n attributes in index.html) is in the catalog. A missing or misspelt key fails here,
// not in front of a reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EN from '../../www/src/i18n/en.js';
import JA from '../../www/src/i18n/ja.js';
import { loadLang, pickLang, translator } from '../../www/src/i18n/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const placeholders = (text) => [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]).sort();

test('English and Japanese have the same keys', () => {
  const en = Object.keys(EN).sort();
  const ja = Object.keys(JA).sort();
  assert.deepEqual(en.filter((k) => !Object.hasOwn(JA, k)), [], 'keys missing in ja.js');
  assert.deepEqual(ja.filter((k) => !Object.hasOwn(EN, k)), [], 'keys missing in en.js');
  assert.ok(en.length > 200, `the catalog has the page's words (${en.length} keys)`);
});

test('each key has the same placeholders in both languages, and no stray brace', () => {
  for (const key of Object.keys(EN)) {
    assert.equal(typeof EN[key], 'string', key);
    assert.equal(typeof JA[key], 'string', key);
    assert.deepEqual(placeholders(JA[key]), placeholders(EN[key]), `placeholders of ${key}`);
    for (const [lang, text] of [['en', EN[key]], ['ja', JA[key]]]) {
      const stray = text.replace(/\{[a-zA-Z0-9_]+\}/g, '');
      assert.ok(!/[{}]/.test(stray), `${lang} ${key} has a brace that is not a placeholder: ${text}`);
    }
  }
});

test('a count has both forms (KEY.one and KEY.other)', () => {
  for (const key of Object.keys(EN)) {
    const m = /^(.*)\.(one|other)$/.exec(key);
    if (!m) continue;
    assert.ok(Object.hasOwn(EN, `${m[1]}.one`) && Object.hasOwn(EN, `${m[1]}.other`), `${m[1]} needs .one and .other`);
  }
});

test('the Japanese catalog is translated: only names and punctuation read the same', () => {
  const same = Object.keys(EN).filter((k) => EN[k] === JA[k]);
  // A name, a placeholder alone or an AWS form (service:Action) reads the same in both.
  assert.deepEqual(same.sort(), ['account.pickLabel', 'diag.where', 'lang.name.en', 'lang.name.ja', 'part.policy', 'part.policyN', 'part.policyNNamed', 'part.policyNamed', 'policy.kindN', 'request.action.hint'].sort());
  for (const key of Object.keys(JA)) {
    if (same.includes(key) || key === 'diag.countSeparator') continue;
    assert.match(JA[key], /[\u3000-\u30ff\u4e00-\u9fff]/, `ja ${key} has Japanese text: ${JA[key]}`);
  }
});

/** Every source file of the page and the element. */
function sources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js') && !full.includes(`${path.sep}i18n${path.sep}`)) files.push(full);
    }
  };
  walk(path.join(ROOT, 'www', 'src'));
  walk(path.join(ROOT, 'www', 'embed'));
  return files;
}

test('every key the sources use is in the catalog', () => {
  const keys = Object.keys(EN);
  const missing = [];
  let used = 0;
  for (const file of sources()) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(ROOT, file);
    for (const m of text.matchAll(/\b(t|tp|tx|tr)\(\s*(['`])((?:(?!\2).)+)\2/g)) {
      const [, fn, quote, key] = m;
      used += 1;
      if (quote === '`' && key.includes('${')) {
        // A key built from a value: some key must start with its fixed part.
        const prefix = key.slice(0, key.indexOf('${'));
        if (!keys.some((k) => k.startsWith(prefix))) missing.push(`${where}: ${key}`);
      } else if (fn === 'tp') {
        for (const form of ['one', 'other']) if (!Object.hasOwn(EN, `${key}.${form}`)) missing.push(`${where}: ${key}.${form}`);
      } else if (!Object.hasOwn(EN, key)) {
        missing.push(`${where}: ${key}`);
      }
    }
  }
  const html = readFileSync(path.join(ROOT, 'www', 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) {
    used += 1;
    if (!Object.hasOwn(EN, m[1])) missing.push(`www/index.html: ${m[1]}`);
  }
  for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of m[1].trim().split(/\s+/)) {
      used += 1;
      const key = pair.split(':')[1];
      if (!Object.hasOwn(EN, key)) missing.push(`www/index.html: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(used > 200, `the scan found the sources' keys (${used})`);
});

test('the language: a stored choice, else the first of the browser languages the page speaks, else English', () => {
  assert.equal(pickLang('ja', ['en-US']), 'ja');
  assert.equal(pickLang(null, ['fr-FR', 'ja-JP', 'en']), 'ja');
  assert.equal(pickLang(null, ['en-GB', 'ja']), 'en');
  assert.equal(pickLang('de', ['de-DE']), 'en');
  assert.equal(pickLang(null, []), 'en');
});

test('sentences fill their placeholders and pick the form for a count', async () => {
  await loadLang('ja'); // the page fetches Japanese when it needs it
  let lang = 'en';
  const { t, tp } = translator(() => lang);
  assert.equal(t('learn.someHold', { met: '2', total: '3' }), '2 of 3 goals hold.');
  assert.equal(tp('verdict.errors', 1), 'The scenario has an error.');
  assert.equal(tp('verdict.errors', 4), 'The scenario has 4 errors.');
  lang = 'ja';
  assert.equal(t('learn.someHold', { met: '2', total: '3' }), '3 個の目標のうち 2 個を満たしています。');
  assert.equal(tp('verdict.errors', 4), 'シナリオにエラーが 4 件あります。');
});
