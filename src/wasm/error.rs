//! The one error the binding throws: a JavaScript `Error` made from a [`Diagnostic`], whose
//! `message` is the diagnostic's message, with `code`, `help`, `location` (`{line, column,
//! ...}` in the text the call read, as in the answer's diagnostics) and `path` (a JSON
//! pointer) as properties, each present only when the diagnostic has it.
//!
//! ```js
//! try { shareDecode(link); } catch (e) { show(e.message, e.code, e.help); }
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::answer::result::DiagnosticOut;
use crate::diagnostic::{Diagnostic, Severity};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;

    /// The JavaScript engine's own JSON reader.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// A diagnostic on its way to JavaScript as a thrown `Error`.
pub struct Thrown(JsValue);

impl Thrown {
    /// An error about no text (the data, a name, the parameters).
    pub fn new(d: Diagnostic) -> Thrown {
        Thrown::located("", d)
    }

    /// An error located in `text`, the text the call read.
    pub fn located(text: &str, d: Diagnostic) -> Thrown {
        let out = crate::answer::diagnostics_out(text, vec![d]);
        match out.into_iter().next() {
            Some(d) => Thrown::rendered(&d),
            None => Thrown(JsError::new("unknown error").into()),
        }
    }

    /// An error already rendered (located in the text it came from).
    pub fn rendered(d: &DiagnosticOut) -> Thrown {
        let error: JsValue = JsError::new(&d.message).into();
        let set = |key: &str, value: JsValue| {
            reflect_set(&error, &JsValue::from_str(key), &value);
        };
        set("code", JsValue::from_str(d.code));
        if let Some(help) = &d.help {
            set("help", JsValue::from_str(help));
        }
        if let Some(location) = &d.location {
            if let Ok(value) = to_js(location) {
                set("location", value);
            }
        }
        if let Some(path) = &d.path {
            set("path", JsValue::from_str(path));
        }
        Thrown(error)
    }
}

impl From<Thrown> for JsValue {
    fn from(t: Thrown) -> JsValue {
        t.0
    }
}

fn cannot_serialize(e: String) -> Thrown {
    Thrown::new(Diagnostic::new(
        Severity::Error,
        "cannot-serialize",
        format!("cannot convert the result for JavaScript: {e}"),
    ))
}

/// A value as a plain JavaScript object (the JSON the CLI prints): written as one JSON text
/// and read by the JavaScript engine's `JSON.parse`. The tools' answers take this way.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Thrown> {
    let text = serde_json::to_string(value).map_err(|e| cannot_serialize(e.to_string()))?;
    json_parse(&text).map_err(|e| cannot_serialize(e.as_string().unwrap_or_default()))
}

/// A value as a plain JavaScript object, the same as [`to_js`] gives (`null` for a missing
/// value, plain objects, numbers), written as a tape (`crate::tape`) and built by one loop in
/// JavaScript (`src/wasm/tape.js`; the structs of an answer from object literals, by shape):
/// the answers of `evaluate` and `decide`. Measured
/// (2026-12-07, the corpus in Node, alternating passes of the two builds): against building
/// each property and string across the boundary (serde-wasm-bindgen), `evaluate` 0.70-0.77x the
/// time, `decide` the same within noise (0.97-1.03x); 1.2 KB more (gzip). The answers
/// are equal, property order included (a test in `tests/browser/wasm-corpus.test.mjs` compares
/// them with the CLI's JSON; `tests/tape.rs` reads every corpus answer's tape back).
pub fn to_js_object<T: Serialize>(value: &T) -> Result<JsValue, Thrown> {
    let tape = crate::tape::Tape::of(value).map_err(|e| cannot_serialize(*e.0))?;
    // The reader throws only on a word it does not know (a bug): its message says where.
    read_tape(&tape.words, &tape.text).map_err(|e| cannot_serialize(format!("{e:?}")))
}

#[wasm_bindgen(module = "/src/wasm/tape.js")]
extern "C" {
    /// Builds the value a tape stands for.
    #[wasm_bindgen(js_name = readTape, catch)]
    fn read_tape(words: &[u32], text: &str) -> Result<JsValue, JsValue>;
}

/// The error for a call that needs data the page has not loaded yet (the AWS data: the tools
/// module only).
#[cfg(feature = "tools")]
pub fn not_loaded(what: &str, load: &str) -> Thrown {
    Thrown::new(
        Diagnostic::new(
            Severity::Error,
            "data-not-loaded",
            format!("the {what} are not loaded"),
        )
        .with_help(format!("call `{load}` first")),
    )
}
