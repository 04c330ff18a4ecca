// The tape reader (src/wasm/tape.js), which builds the answers of evaluate and decide from the
// words and text the WebAssembly module writes (src/tape.rs documents the format): what it
// gives for each kind of word, the objects it knows by shape (their optional members left
// out as the word says), a user's `__proto__` key kept as data, and a clear error for a word
// it does not know. The
// wasm == CLI test (wasm-corpus.test.mjs) checks the whole answers against the CLI's JSON.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';

const READER = path.join(ROOT, 'src', 'wasm', 'tape.js');
const { readTape } = await import(pathToFileURL(READER).href);

const word = (tag, n = 0) => tag | (n << 4);
const [NULL, FALSE, TRUE, INT, FLOAT, STRING, ARRAY, OBJECT, SHAPED] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const SHAPE_BITS = 6;

/** A shape's number, from the comment above its builder in the reader (`// 5: PolicyRef`). */
function shapeNumber(name) {
  const found = readFileSync(READER, 'utf8').match(new RegExp(`^  // (\\d+): ${name}$`, 'm'));
  assert.ok(found, `no shape ${name} in the reader`);
  return Number(found[1]);
}

/** The two words of a double, low word first. */
function double(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}

test('every kind of word gives its value, strings as slices of the text in UTF-16 units', () => {
  const text = 'ロール😀 ok';
  const words = new Uint32Array([
    word(ARRAY, 8),
    word(NULL), word(FALSE), word(TRUE), word(INT, (1 << 28) - 1),
    word(FLOAT), ...double(-2.5),
    word(STRING, 5), // ロール😀: three units and a surrogate pair
    word(STRING, 3), // " ok"
    word(ARRAY, 0),
  ]);
  assert.deepEqual(readTape(words, text), [null, false, true, (1 << 28) - 1, -2.5, 'ロール😀', ' ok', []]);
});

test('an object of a known shape is built with its members named, those left out missing', () => {
  // A location (shape 0): eight values, all required.
  const location = new Uint32Array([word(SHAPED, 0), ...[5, 9, 1, 6, 1, 10, 5, 9].map((n) => word(INT, n))]);
  const built = readTape(location, '');
  assert.deepEqual(built, { start: 5, end: 9, line: 1, column: 6, endLine: 1, endColumn: 10, utf16Start: 5, utf16End: 9 });
  assert.deepEqual(Object.keys(built), ['start', 'end', 'line', 'column', 'endLine', 'endColumn', 'utf16Start', 'utf16End']);
  assert.equal(Object.getPrototypeOf(built), Object.prototype);

  // A policy's reference (`kind`, `index`, then `position` and `name`, which may be left out):
  // `position` (the third member) left out.
  const policyRef = shapeNumber('PolicyRef');
  const words = new Uint32Array([word(SHAPED, policyRef | (1 << (SHAPE_BITS + 2))), word(STRING, 3), word(INT, 0), word(STRING, 5)]);
  const ref = readTape(words, 'scpRoot');
  assert.deepEqual(ref, { kind: 'scp', index: 0, name: 'Root' });
  assert.deepEqual(Object.keys(ref), ['kind', 'index', 'name']);
  assert.ok(!('position' in ref));
});

test("a map's key `__proto__` is a member, as JSON.parse makes it, not the object's prototype", () => {
  const words = new Uint32Array([word(OBJECT, 2), word(STRING, 9), word(STRING, 1), word(STRING, 11), word(INT, 1)]);
  const value = readTape(words, '__proto__xconstructor');
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['__proto__', 'constructor']);
  assert.equal(value.__proto__, 'x');
  assert.equal(JSON.stringify(value), JSON.stringify(JSON.parse('{"__proto__":"x","constructor":1}')));
});

test('a word that is not a value, a key that is not a string, or an unknown shape is an error that says where', () => {
  assert.throws(() => readTape(new Uint32Array([word(12)]), ''), /tape: word 0 \(12\) is not a value/);
  assert.throws(() => readTape(new Uint32Array([word(OBJECT, 1), word(INT, 1), word(NULL)]), ''), /tape: a key before word 2 is not a string/);
  assert.throws(() => readTape(new Uint32Array([word(SHAPED, 63)]), ''), /tape: word 0 \(1016\) names no shape/);
});
