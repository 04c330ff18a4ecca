// Builds the JavaScript value a tape stands for: the answers of `evaluate` and `decide`, which
// the WebAssembly module writes as 32-bit words and one string (src/tape.rs documents the
// format; tests/tape.rs reads it the same way). wasm-bindgen copies this file beside the
// module's glue (`snippets/`) and calls it from Rust (src/wasm/error.rs) with a view of the
// words in the module's memory, valid during the call only, the text, and the module's list
// of field names (`newFields`), which keeps the names earlier tapes gave.

const float = new DataView(new ArrayBuffer(8));

/** A module's list of field names, empty. */
export function newFields() {
  return [];
}

/** @param {Uint32Array} words @param {string} text @param {string[]} fields */
export function readTape(words, text, fields) {
  let at = 0;
  let pos = 0;

  const key = () => {
    const w = words[at++];
    const n = w >>> 4;
    switch (w & 15) {
      case 8: {
        // Kept as the engine's own copy of the name (a property key of an object), which
        // every later answer's objects use without looking the text up again.
        const k = Object.keys({ [text.slice(pos, (pos += n))]: 0 })[0];
        fields[words[at++]] = k;
        return k;
      }
      case 9:
        return fields[n];
      case 5:
        return text.slice(pos, (pos += n));
      default:
        throw new Error(`tape: word ${at - 1} (${w}) is not a key`);
    }
  };

  const value = () => {
    const w = words[at++];
    const n = w >>> 4;
    switch (w & 15) {
      case 0:
        return null;
      case 1:
        return false;
      case 2:
        return true;
      case 3:
        return n;
      case 4:
        float.setUint32(0, words[at++], true);
        float.setUint32(4, words[at++], true);
        return float.getFloat64(0, true);
      case 5:
        return text.slice(pos, (pos += n));
      case 6: {
        const array = [];
        for (let i = 0; i < n; i++) array.push(value());
        return array;
      }
      case 7: {
        const object = {};
        for (let i = 0; i < n; i++) {
          const k = key();
          const v = value();
          // A key from the user's text is data: `__proto__` is a member, as JSON.parse makes
          // it, not the object's prototype.
          if (k === '__proto__') {
            Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
          } else {
            object[k] = v;
          }
        }
        return object;
      }
      case 10:
        // A location: its values in the order of LOCATION_FIELDS (src/tape.rs), built as one
        // object literal.
        return {
          start: value(),
          end: value(),
          line: value(),
          column: value(),
          endLine: value(),
          endColumn: value(),
          utf16Start: value(),
          utf16End: value(),
        };
      default:
        throw new Error(`tape: word ${at - 1} (${w}) is not a value`);
    }
  };

  return value();
}
