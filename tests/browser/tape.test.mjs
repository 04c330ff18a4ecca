// The tape reader (src/wasm/tape.js), which builds the answers of evaluate and decide from the
// words and text the WebAssembly module writes (src/tape.rs documents the format): what it
// gives for each kind of word, field names kept from one tape to the next, a user's
// `__proto__` key kept as data, and a clear error for a word it does not know. The
// wasm == CLI test (wasm-corpus.test.mjs) checks the whole answers against the CLI's JSON.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';

const { readTape, newFields } = await import(pathToFileURL(path.join(ROOT, 'src', 'wasm', 'tape.js')).href);

const word = (tag, n = 0) => tag | (n << 4);
const [NULL, FALSE, TRUE, INT, FLOAT, STRING, ARRAY, OBJECT, NEW_FIELD, FIELD] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

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
  assert.deepEqual(readTape(words, text, newFields()), [null, false, true, (1 << 28) - 1, -2.5, 'ロール😀', ' ok', []]);
});

test('a field name is given once and named by number after, in this tape and the next', () => {
  const fields = newFields();
  // [{"kind": "a"}, {"kind": "b"}]: the name is given with its number (0), then named by it.
  const first = new Uint32Array([word(ARRAY, 2), word(OBJECT, 1), word(NEW_FIELD, 4), 0, word(STRING, 1), word(OBJECT, 1), word(FIELD, 0), word(STRING, 1)]);
  assert.deepEqual(readTape(first, 'kindab', fields), [{ kind: 'a' }, { kind: 'b' }]);
  // A later tape names it by number only.
  assert.deepEqual(readTape(new Uint32Array([word(OBJECT, 1), word(FIELD, 0), word(STRING, 1)]), 'c', fields), { kind: 'c' });
  assert.deepEqual(fields, ['kind']);
});

test("a map's key `__proto__` is a member, as JSON.parse makes it, not the object's prototype", () => {
  const words = new Uint32Array([word(OBJECT, 2), word(STRING, 9), word(STRING, 1), word(STRING, 11), word(INT, 1)]);
  const value = readTape(words, '__proto__xconstructor', newFields());
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['__proto__', 'constructor']);
  assert.equal(value.__proto__, 'x');
  assert.equal(JSON.stringify(value), JSON.stringify(JSON.parse('{"__proto__":"x","constructor":1}')));
});

test('a word that is not a value or not a key is an error that says where', () => {
  assert.throws(() => readTape(new Uint32Array([word(12)]), '', newFields()), /tape: word 0 \(12\) is not a value/);
  assert.throws(() => readTape(new Uint32Array([word(OBJECT, 1), word(INT, 1), word(NULL)]), '', newFields()), /tape: word 1 \(19\) is not a key/);
});
