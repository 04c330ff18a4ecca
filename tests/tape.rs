//! The tape (`iam_playground::tape`), the form in which the WebAssembly modules hand answers to
//! JavaScript, read back here as `src/wasm/tape.js` reads it: the value it gives must be the
//! one serde_json writes, member order included, for every answer of the corpus and for the
//! shapes serde can produce (flattened fields, variants, maps, non-ASCII text, numbers of every
//! size).
#![cfg(test)]

mod common;

#[path = "../fuzz/checks.rs"]
mod checks;

use std::collections::BTreeMap;
use std::path::Path;

use iam_playground::tape::{Fields, Tape};
use serde::Serialize;

/// Writes `value` for a reader that keeps `names` (and has been given `fields`), reads it
/// back, checks it against serde_json, and records the names the tape gave.
fn same_as_json<T: Serialize>(value: &T, fields: &mut Fields, names: &mut Vec<String>) {
    let tape = Tape::of(value, fields).expect("writable");
    assert_eq!(
        checks::read_tape(&tape, names),
        serde_json::to_string(value).unwrap()
    );
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
    // fails on a name given twice). The fuzz target reads every answer with fields of its own.
    let (mut fields, mut names) = (Fields::default(), Vec::new());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let answer = iam_playground::evaluate(&text);
        let tape = Tape::of(&answer, &fields).unwrap();
        assert_eq!(
            checks::read_tape(&tape, &mut names),
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

/// A struct whose field names are chosen at run time: `names` in order, `order` giving which
/// name each member takes.
struct Many {
    names: &'static [&'static str],
    order: Vec<usize>,
}

impl Serialize for Many {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut object = s.serialize_struct("Many", self.order.len())?;
        for (value, &i) in self.order.iter().enumerate() {
            object.serialize_field(self.names[i], &value)?;
        }
        object.end()
    }
}

#[test]
fn more_field_names_than_the_writers_table_holds_read_back_the_same() {
    // The writer keeps the numbers of the names it met last in a table of 128 slots (by the
    // address of their text): 600 names, met in several orders within one tape and across
    // tapes, share slots, so every name is found in the table, in the maps after losing its
    // slot, and given anew.
    let names: &'static [&'static str] = Box::leak(
        (0..600)
            .map(|i| &*Box::leak(format!("name{i}").into_boxed_str()))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    let forward: Vec<usize> = (0..600).collect();
    let stride: Vec<usize> = (0..600).map(|i| (i * 7) % 600).collect();
    let some: Vec<usize> = (0..600).filter(|i| i % 3 == 0).rev().collect();
    let (mut fields, mut reader) = (Fields::default(), Vec::new());
    for order in [&forward, &stride, &some] {
        let three = vec![
            Many {
                names,
                order: order.clone(),
            },
            Many {
                names,
                order: stride.clone(),
            },
            Many {
                names,
                order: some.clone(),
            },
        ];
        same_as_json(&three, &mut fields, &mut reader);
    }
    assert_eq!(fields.len(), 600);
    assert_eq!(reader.len(), 600);
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

/// A tuple struct that happens to share the name: written as the array serde_json writes.
#[derive(Serialize)]
struct Location(u8, u8);

#[test]
fn locations_are_written_as_their_values_alone() {
    let at = |n: usize| iam_playground::diagnostic::Location {
        start: n,
        end: n + 1,
        line: 2,
        column: 3,
        end_line: 2,
        end_column: 4,
        utf16_start: n,
        utf16_end: n + 1,
    };
    let two = vec![at(7), at(1 << 30)];
    let fields = Fields::default();
    let tape = Tape::of(&two, &fields).unwrap();
    // The array's word, then each location's word (tag 10) and its eight values: no member
    // names (the reader knows them); a large offset is a number of three words (the second
    // location has four).
    assert_eq!(tape.words.len(), 1 + 9 + (1 + 4 + 4 * 3));
    assert_eq!((tape.words[1] & 15, tape.words[10] & 15), (10, 10));
    assert!(tape.text.is_empty());
    same_as_json(&two, &mut Fields::default(), &mut Vec::new());

    // The locations of a real answer are written so too.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("tests/corpus/passrole/passrole-3-narrowed-to-ec2.json"))
            .unwrap();
    let answer = iam_playground::evaluate(&text);
    assert!(
        serde_json::to_string(&answer)
            .unwrap()
            .matches("utf16Start")
            .count()
            > 20
    );
    let tape = Tape::of(&answer, &fields).unwrap();
    assert!(!tape.text.contains("utf16Start") && !tape.text.contains("endColumn"));
    same_as_json(&Location(1, 2), &mut Fields::default(), &mut Vec::new());
}
