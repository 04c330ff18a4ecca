//! The tape (`iam_playground::tape`), the form in which the WebAssembly modules hand answers to
//! JavaScript, read back here as `src/wasm/tape.js` reads it: the value it gives must be the
//! one serde_json writes, member order included, for every answer of the corpus and for the
//! shapes serde can produce (flattened fields, variants, maps, non-ASCII text, numbers of every
//! size).
#![cfg(test)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use iam_playground::tape::{Fields, Tape};
use serde::Serialize;

/// Reads a tape as the JavaScript reader does, writing JSON text (serde_json's compact form).
struct Reader<'a> {
    words: &'a [u32],
    text: Vec<u16>,
    at: usize,
    pos: usize,
    fields: &'a mut Vec<String>,
}

impl Reader<'_> {
    fn slice(&mut self, n: usize) -> String {
        let s = String::from_utf16(&self.text[self.pos..self.pos + n]).expect("whole characters");
        self.pos += n;
        s
    }

    fn next(&mut self) -> (u32, usize) {
        let w = self.words[self.at];
        self.at += 1;
        (w & 15, (w >> 4) as usize)
    }

    fn value(&mut self, out: &mut String) {
        let (tag, n) = self.next();
        match tag {
            0 => out.push_str("null"),
            1 => out.push_str("false"),
            2 => out.push_str("true"),
            3 => out.push_str(&n.to_string()),
            4 => {
                let bits =
                    u64::from(self.words[self.at]) | u64::from(self.words[self.at + 1]) << 32;
                self.at += 2;
                // As JavaScript writes a number: a whole one without a fraction.
                let f = f64::from_bits(bits);
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    out.push_str(&(f as i64).to_string());
                } else {
                    out.push_str(&serde_json::to_string(&f).unwrap());
                }
            }
            5 => {
                let s = self.slice(n);
                out.push_str(&serde_json::to_string(&s).unwrap());
            }
            6 => {
                out.push('[');
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.value(out);
                }
                out.push(']');
            }
            7 => {
                out.push('{');
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    let key = self.key();
                    out.push_str(&serde_json::to_string(&key).unwrap());
                    out.push(':');
                    self.value(out);
                }
                out.push('}');
            }
            _ => panic!("word {} is not a value", self.at - 1),
        }
    }

    fn key(&mut self) -> String {
        let (tag, n) = self.next();
        match tag {
            8 => {
                let k = self.slice(n);
                let number = self.words[self.at] as usize;
                self.at += 1;
                if self.fields.len() <= number {
                    self.fields.resize(number + 1, String::new());
                }
                assert!(self.fields[number].is_empty(), "field {number} sent twice");
                self.fields[number] = k.clone();
                k
            }
            9 => self.fields[n].clone(),
            5 => self.slice(n),
            _ => panic!("word {} is not a key", self.at - 1),
        }
    }
}

/// The JSON text a tape stands for, read by a reader that keeps `fields` (the field names
/// earlier tapes gave); also checks that the reader used every word and every code unit of
/// the text.
fn read(tape: &Tape, fields: &mut Vec<String>) -> String {
    let mut reader = Reader {
        words: &tape.words,
        text: tape.text.encode_utf16().collect(),
        at: 0,
        pos: 0,
        fields,
    };
    let mut out = String::new();
    reader.value(&mut out);
    assert_eq!(reader.at, tape.words.len(), "words left over");
    assert_eq!(reader.pos, reader.text.len(), "text left over");
    out
}

/// Writes `value` for a reader that keeps `names` (and has been given `fields`), reads it
/// back, checks it against serde_json, and records the names the tape gave.
fn same_as_json<T: Serialize>(value: &T, fields: &mut Fields, names: &mut Vec<String>) {
    let tape = Tape::of(value, fields).expect("writable");
    assert_eq!(read(&tape, names), serde_json::to_string(value).unwrap());
    let learned = tape.learned();
    fields.learn(learned);
}

#[test]
fn every_corpus_answer_reads_back_as_its_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    common::collect(&root.join("tests/corpus"), &mut files);
    common::collect(&root.join("www/examples"), &mut files);
    assert!(files.len() > 100, "only {} scenario files", files.len());
    // One module's life: the field names are given once over all the answers (the reader
    // fails on a name given twice).
    let (mut fields, mut names) = (Fields::default(), Vec::new());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let answer = iam_playground::evaluate(&text);
        let tape = Tape::of(&answer, &fields).unwrap();
        assert_eq!(
            read(&tape, &mut names),
            serde_json::to_string(&answer).unwrap(),
            "{}",
            f.display()
        );
        let learned = tape.learned();
        fields.learn(learned);
        same_as_json(&iam_playground::decide(&text), &mut fields, &mut names);
        // Each reader apart, from nothing, reads it too.
        same_as_json(&answer, &mut Fields::default(), &mut Vec::new());
    }
    assert!(fields.len() > 20, "{} field names", fields.len());
    assert_eq!(names.len(), fields.len());
    assert!(names.iter().all(|n| !n.is_empty()));
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Inner {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, bool),
    Struct { a: char },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Either {
    One(String),
    Many(Vec<String>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outer {
    #[serde(flatten)]
    inner: Inner,
    shapes: Vec<Shape>,
    context: BTreeMap<String, Either>,
    numbers: Vec<f64>,
    whole: Vec<i64>,
    big: u64,
    text: String,
    nothing: Option<String>,
    unit: (),
    pair: (u16, &'static str),
    bytes: serde_bytes_like::Bytes,
    again: Vec<Inner>,
}

/// Bytes serialized as bytes (serde_json writes an array of numbers).
mod serde_bytes_like {
    pub struct Bytes(pub Vec<u8>);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }
}

#[test]
fn every_shape_reads_back_as_its_json() {
    let mut context = BTreeMap::new();
    context.insert("aws:SourceIp".to_owned(), Either::One("10.0.0.1".into()));
    context.insert(
        "aws:TagKeys".to_owned(),
        Either::Many(vec!["a".into(), "ü".into()]),
    );
    // A user's key that JavaScript treats specially: the reader must give it as a member.
    context.insert("__proto__".to_owned(), Either::Many(vec![]));
    let value = Outer {
        inner: Inner {
            kind: "identity",
            position: Some(3),
        },
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-1, true),
            Shape::Struct { a: '𝄞' },
        ],
        context,
        numbers: vec![0.5, -2.25, 1e300, f64::NAN],
        whole: vec![0, (1 << 28) - 1, 1 << 28, -5, i64::from(u32::MAX) + 1],
        big: 9_007_199_254_740_991,
        text: "ロール \u{1F600} \"quoted\" \\ \n end".into(),
        nothing: None,
        unit: (),
        pair: (65535, "x"),
        bytes: serde_bytes_like::Bytes(vec![0, 255]),
        again: vec![
            Inner {
                kind: "scp",
                position: None,
            },
            Inner {
                kind: "rcp",
                position: Some(0),
            },
        ],
    };
    let (mut fields, mut names) = (Fields::default(), Vec::new());
    for _ in 0..2 {
        same_as_json(&value, &mut fields, &mut names);
        same_as_json(&Vec::<u8>::new(), &mut fields, &mut names);
        same_as_json(&"", &mut fields, &mut names);
        same_as_json(&BTreeMap::<String, u8>::new(), &mut fields, &mut names);
    }
}

#[test]
fn a_field_name_is_sent_once_and_named_by_number_after() {
    let two = vec![
        Inner {
            kind: "a",
            position: None,
        },
        Inner {
            kind: "b",
            position: None,
        },
    ];
    let mut fields = Fields::default();
    let tape = Tape::of(&two, &fields).unwrap();
    // [ {new field "kind" (number 0): "a"}, {field 0: "b"} ]
    assert_eq!(tape.words.iter().filter(|w| *w & 15 == 8).count(), 1);
    assert_eq!(tape.words.iter().filter(|w| *w & 15 == 9).count(), 1);
    assert_eq!(tape.text, "kindab");
    // A tape that was not read teaches nothing: the next one sends the name again.
    let again = Tape::of(&two, &fields).unwrap();
    assert_eq!(again.text, "kindab");
    let learned = again.learned();
    fields.learn(learned);
    assert_eq!(fields.len(), 1);
    // Read, it is known: the next tape names it by number only.
    let after = Tape::of(&two, &fields).unwrap();
    assert_eq!(after.text, "ab");
    assert_eq!(after.words.iter().filter(|w| *w & 15 == 8).count(), 0);
    // A map's keys are the tape's own: sent again in each tape, whatever came before.
    let map: BTreeMap<&str, u8> = [("aws:username", 1)].into_iter().collect();
    for _ in 0..2 {
        let tape = Tape::of(&map, &fields).unwrap();
        assert_eq!(tape.text, "aws:username");
        let learned = tape.learned();
        fields.learn(learned);
    }
}

#[test]
fn a_key_that_is_not_text_is_an_error_not_a_guess() {
    let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
    let by_number: BTreeMap<u32, bool> = [(2, true)].into_iter().collect();
    let by_char: BTreeMap<char, bool> = [('a', true)].into_iter().collect();
    for err in [
        Tape::of(&by_list, &Fields::default()).unwrap_err(),
        Tape::of(&by_number, &Fields::default()).unwrap_err(),
        Tape::of(&by_char, &Fields::default()).unwrap_err(),
    ] {
        assert!(err.0.contains("key must be a string"), "{err}");
    }
}
