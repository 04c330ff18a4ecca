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

use iam_playground::tape::{Tape, SHAPES, SHAPE_BITS};
use serde::Serialize;

/// Writes `value`, reads it back, and checks it against serde_json.
fn same_as_json<T: Serialize>(value: &T) {
    let tape = Tape::of(value).expect("writable");
    assert_eq!(
        checks::read_tape(&tape),
        serde_json::to_string(value).unwrap()
    );
}

#[test]
fn every_corpus_answer_reads_back_as_its_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    common::collect(&root.join("tests/corpus"), &mut files);
    common::collect(&root.join("www/examples"), &mut files);
    assert!(files.len() > 100, "only {} scenario files", files.len());
    let mut shapes_met = std::collections::BTreeSet::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let answer = iam_playground::evaluate(&text);
        let brief = iam_playground::decide(&text);
        for (tape, json) in [
            (Tape::of(&answer), serde_json::to_string(&answer)),
            (Tape::of(&brief), serde_json::to_string(&brief)),
        ] {
            let (read, met) = checks::read_tape_and_shapes(&tape.unwrap());
            assert_eq!(read, json.unwrap(), "{}", f.display());
            // Every object of an answer is one the reader knows by shape.
            assert_eq!(met.objects_without_shape, 0, "{}", f.display());
            shapes_met.extend(met.shapes);
        }
    }
    // Every shape of the table is one an answer has: none is there for nothing, and each is
    // read back here.
    let all: std::collections::BTreeSet<_> = SHAPES.iter().map(|s| s.name).collect();
    assert_eq!(shapes_met, all);
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
        // The last one's low word, read as a word of its own, would be a string's (tag 5, three
        // units long): with non-ASCII text in the value, the lengths are counted again at the
        // end by a pass over the words that must step over a number's bits.
        numbers: vec![
            0.5,
            -2.25,
            1e300,
            f64::NAN,
            f64::from_bits(0x4009_21FB_0000_0035),
        ],
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
    same_as_json(&value);
    same_as_json(&Vec::<u8>::new());
    same_as_json(&"");
    same_as_json(&BTreeMap::<String, u8>::new());
}

/// A struct that takes the name of a shape (`PolicyRef`: `kind`, `index`, then `position` and
/// `name`, which may be left out) and writes the members `members` says, in its order: those
/// of the shape, some left out (serde's `skip_field`), or others.
struct Posing {
    members: Vec<(&'static str, Option<u32>)>,
}

/// A [`Posing`] writing `members`.
fn posing(members: &[(&'static str, Option<u32>)]) -> Posing {
    Posing {
        members: members.to_vec(),
    }
}

impl Serialize for Posing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut object = s.serialize_struct("PolicyRef", self.members.len())?;
        for (name, value) in &self.members {
            match value {
                Some(value) => object.serialize_field(name, value)?,
                None => object.skip_field(name)?,
            }
        }
        object.end()
    }
}

#[test]
fn a_shaped_object_is_one_word_and_its_values() {
    let all = posing(&[
        ("kind", Some(1)),
        ("index", Some(2)),
        ("position", Some(3)),
        ("name", Some(4)),
    ]);
    let tape = Tape::of(&all).unwrap();
    let number = SHAPES.iter().position(|s| s.name == "PolicyRef").unwrap() as u32;
    // Tag 8, the shape's number, nothing left out; then the four values, no names.
    assert_eq!(
        tape.words,
        [
            8 | number << 4,
            3 | 1 << 4,
            3 | 2 << 4,
            3 | 3 << 4,
            3 | 4 << 4
        ]
    );
    assert!(tape.text.is_empty());
    same_as_json(&all);

    // `position` (the third member) left out: its bit is set, and its value is not written.
    let some = posing(&[
        ("kind", Some(1)),
        ("index", Some(2)),
        ("position", None),
        ("name", Some(4)),
    ]);
    let tape = Tape::of(&some).unwrap();
    assert_eq!(tape.words[0], 8 | (number | 1 << (SHAPE_BITS + 2)) << 4);
    assert_eq!(tape.words.len(), 4);
    same_as_json(&some);
}

#[test]
fn a_struct_that_does_not_fit_its_shape_is_an_error_not_a_wrong_object() {
    for (members, says) in [
        // A member of another name where the shape has `index`.
        (
            &[
                ("kind", Some(1)),
                ("number", Some(2)),
                ("position", None),
                ("name", None),
            ][..],
            "has `index`",
        ),
        // Members in another order.
        (
            &[
                ("kind", Some(1)),
                ("index", Some(2)),
                ("name", Some(3)),
                ("position", Some(4)),
            ][..],
            "has `position`",
        ),
        // A required member left out.
        (
            &[
                ("kind", None),
                ("index", Some(2)),
                ("position", None),
                ("name", None),
            ][..],
            "cannot leave out",
        ),
        // A member more than the shape has.
        (
            &[
                ("kind", Some(1)),
                ("index", Some(2)),
                ("position", None),
                ("name", None),
                ("extra", Some(5)),
            ][..],
            "has no more",
        ),
        // Members missing at the end.
        (
            &[("kind", Some(1)), ("index", Some(2))][..],
            "ends after 2 of the 4 members",
        ),
    ] {
        let err = Tape::of(&posing(members)).unwrap_err();
        assert!(
            err.0.contains("`PolicyRef`") && err.0.contains(says),
            "{err}"
        );
    }
}

#[test]
fn a_key_that_is_not_text_is_an_error_not_a_guess() {
    let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
    let by_number: BTreeMap<u32, bool> = [(2, true)].into_iter().collect();
    let by_char: BTreeMap<char, bool> = [('a', true)].into_iter().collect();
    for err in [
        Tape::of(&by_list).unwrap_err(),
        Tape::of(&by_number).unwrap_err(),
        Tape::of(&by_char).unwrap_err(),
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
    let tape = Tape::of(&two).unwrap();
    // The array's word, then each location's word (tag 8, shape 0) and its eight values: no
    // member names (the reader knows them); a large offset is a number of three words (the
    // second location has four).
    assert_eq!(SHAPES[0].name, "Location");
    assert_eq!(tape.words.len(), 1 + 9 + (1 + 4 + 4 * 3));
    assert_eq!((tape.words[1], tape.words[10]), (8, 8));
    assert!(tape.text.is_empty());
    same_as_json(&two);

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
    let tape = Tape::of(&answer).unwrap();
    assert!(!tape.text.contains("utf16Start") && !tape.text.contains("endColumn"));
    same_as_json(&Location(1, 2));
}

/// The builders of the shaped objects in `src/wasm/tape.js`, as the table
/// (`iam_playground::tape::SHAPES`) gives them: each an object literal of the members before
/// the first that may be left out, then the others added by name, the optional ones only when
/// the word's bits do not say they are left out.
fn shape_builders() -> String {
    use std::fmt::Write;
    let mut js = String::new();
    writeln!(js, "const SHAPE_BITS = {SHAPE_BITS};").unwrap();
    writeln!(js, "const SHAPE_MASK = {};", (1u32 << SHAPE_BITS) - 1).unwrap();
    js.push_str("const SHAPES = [\n");
    for (number, shape) in SHAPES.iter().enumerate() {
        for m in shape.members {
            // A plain name, never `__proto__` (which a literal would take as the prototype).
            assert!(
                *m != "__proto__"
                    && m.starts_with(|c: char| c.is_ascii_alphabetic())
                    && m.chars().all(|c| c.is_ascii_alphanumeric()),
                "{}.{m} is not a plain name",
                shape.name
            );
        }
        writeln!(js, "  // {number}: {}", shape.name).unwrap();
        let literal = (0..shape.members.len())
            .take_while(|&i| !shape.is_optional(i))
            .count();
        let members = |ms: &[&str]| {
            ms.iter()
                .map(|m| format!("{m}: value()"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if literal == shape.members.len() {
            let line = format!("  () => ({{ {} }}),", members(shape.members));
            if line.len() <= 100 {
                writeln!(js, "{line}").unwrap();
            } else {
                js.push_str("  () => ({\n");
                for m in shape.members {
                    writeln!(js, "    {m}: value(),").unwrap();
                }
                js.push_str("  }),\n");
            }
            continue;
        }
        js.push_str("  (out) => {\n");
        if literal == 0 {
            js.push_str("    const o = {};\n");
        } else {
            writeln!(
                js,
                "    const o = {{ {} }};",
                members(&shape.members[..literal])
            )
            .unwrap();
        }
        for (i, m) in shape.members.iter().enumerate().skip(literal) {
            if shape.is_optional(i) {
                writeln!(js, "    if (!(out & {})) o.{m} = value();", 1u32 << i).unwrap();
            } else {
                writeln!(js, "    o.{m} = value();").unwrap();
            }
        }
        js.push_str("    return o;\n  },\n");
    }
    js.push_str("];\n");
    js
}

#[test]
fn the_javascript_reader_builds_the_shapes_of_the_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm/tape.js");
    let js = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("// @generated shapes", "// @end shapes");
    let from = js.find(start).expect("the start marker");
    let from = from + js[from..].find("\n//").unwrap() + 1;
    let from = from + js[from..].find('\n').unwrap() + 1;
    let to = js.find(end).expect("the end marker");
    let expected = shape_builders();
    if std::env::var_os("IAM_PLAYGROUND_WRITE_SHAPES").is_some() {
        std::fs::write(&path, format!("{}{expected}{}", &js[..from], &js[to..])).unwrap();
        return;
    }
    assert!(
        js[from..to] == expected,
        "src/wasm/tape.js's shape builders are not the table's: run \
         IAM_PLAYGROUND_WRITE_SHAPES=1 cargo test --test tape"
    );
}
