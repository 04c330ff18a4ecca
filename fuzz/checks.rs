//! What each fuzz target checks, one function per target. The libFuzzer targets
//! (`fuzz_targets/*.rs`) and the stable replay test (`tests/fuzz_replay.rs`, part of
//! `cargo test`) include this file, so the seed corpora are replayed on every test run without
//! a nightly toolchain. Every tool here reads untrusted text: none may panic, and each answer
//! must hold together (a scenario it writes evaluates; errors say why).
#![allow(dead_code)] // each target uses one function

use std::sync::OnceLock;

use iam_playground::aws::catalog::Catalog;
use iam_playground::model::Decision;
use iam_playground::tape::Tape;
use iam_playground::tools::{fix, import, lint, redact};
use iam_playground::AwsData;

/// The action catalog, read once (lint and fix use it).
fn catalog() -> Option<&'static Catalog> {
    static C: OnceLock<Option<Catalog>> = OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).ok())
        .as_ref()
}

/// The catalog without managed policies (a scenario naming one is reported, as the page does
/// before they load).
fn aws_data() -> AwsData<'static> {
    AwsData {
        catalog: catalog(),
        managed: None,
    }
}

/// A scenario with policies, for `import --into`.
const OPEN: &str = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}, "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*"}, "expect": {"decision": "Allow"}}"#;

fn check_import(r: &import::ImportResult) {
    match &r.scenario {
        Some(scenario) => {
            let answer = iam_playground::evaluate(scenario);
            assert!(serde_json::to_string(&answer).is_ok());
        }
        None => assert!(
            !r.errors.is_empty(),
            "an import that writes no scenario says why"
        ),
    }
    assert!(serde_json::to_string(r).is_ok());
}

/// Import (decoded authorization messages, bare and as the CLI prints them, AccessDenied
/// texts, CloudTrail events): a scenario that evaluates, or located errors; alone and into an
/// open scenario.
pub fn import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_import(&import::import_artifact(text));
    check_import(&import::import_into(OPEN, text, AwsData::default()));
    // The artefact as the open scenario: whatever it is, the merge answers.
    check_import(&import::import_into(
        text,
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k",
        AwsData::default(),
    ));
}

/// Lint: any text gives findings (or none), which serialize; and lint left for later (the
/// page's way for long scenarios) gives the same answer and the same findings as lint beside
/// the answer.
pub fn lint(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = lint::lint_report(text, aws_data());
    assert!(serde_json::to_string(&report).is_ok());
    let (beside, none) = lint::evaluate_and_lint(text, aws_data(), usize::MAX);
    assert!(none.is_none() && !beside.lint_later);
    let (answer, later) = lint::evaluate_and_lint(text, aws_data(), 0);
    // Over the limit (any text but the empty one), with the catalog: lint is kept for later.
    assert_eq!(later.is_some(), catalog().is_some() && !text.is_empty());
    assert_eq!(answer.lint_later, later.is_some());
    assert!(answer.lint.is_empty());
    assert_eq!(
        serde_json::to_string(&answer.answer).ok(),
        serde_json::to_string(&beside.answer).ok()
    );
    if let Some(later) = later {
        assert_eq!(
            serde_json::to_string(&later.lint(aws_data())).ok(),
            serde_json::to_string(&beside.lint).ok()
        );
    }
}

/// Fix: a fix said to be verified allows its request when the fixed scenario is evaluated.
pub fn fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = fix::suggest_fixes_with(text, aws_data());
    assert!(serde_json::to_string(&report).is_ok());
    for r in &report.requests {
        if let (true, Some(fixed)) = (r.verified, &r.fixed_scenario) {
            let answer = iam_playground::evaluate(fixed);
            let after = answer.requests.get(r.index).map(|q| q.decision);
            assert_eq!(
                after,
                Some(Decision::Allow),
                "a verified fix allows request {}",
                r.index
            );
        }
    }
}

/// Redact: what it writes is JSON, and serde_json reads it whenever it reads the input.
pub fn redact(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(out) = redact::redact_with(text, aws_data()) {
        // Redaction changes values only: a byte order mark the input opened with stays, as in
        // the input (RFC 8259 section 8.1 lets readers ignore it; serde_json does not).
        let (json, input) = (without_bom(&out), without_bom(text));
        // The grammar, numbers of any size included: RFC 8259 section 6 sets no limit, and a
        // number redaction leaves alone (`1e999`) is JSON that serde_json's `Value`, which
        // holds numbers as f64 or 64-bit integers, refuses as out of range.
        assert!(
            serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok(),
            "redact writes JSON"
        );
        // Everything else serde_json checks (strings' escapes, numbers it can hold): what it
        // read in the input, it reads in the output.
        if serde_json::from_str::<serde_json::Value>(input).is_ok() {
            assert!(
                serde_json::from_str::<serde_json::Value>(json).is_ok(),
                "redact writes JSON that serde_json reads, as it read the input"
            );
        }
    }
}

/// `text` without the byte order mark it may open with.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Any text: evaluate and decide return an answer (never panic), which serializes, and whose
/// tape (the form the WebAssembly modules hand it to JavaScript in) reads back as its JSON.
pub fn parse_evaluate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let answer = iam_playground::evaluate(text);
    let json = serde_json::to_string(&answer).expect("the answer serializes");
    let tape = Tape::of(&answer).expect("the answer is written as a tape");
    assert_eq!(read_tape(&tape), json, "the answer's tape");
    let brief = iam_playground::decide(text);
    let json = serde_json::to_string(&brief).expect("the brief answer serializes");
    let tape = Tape::of(&brief).expect("the brief answer is written as a tape");
    assert_eq!(read_tape(&tape), json, "the brief answer's tape");
}

/// Reads a tape as the JavaScript reader does, writing JSON text (serde_json's compact form).
struct Reader<'a> {
    words: &'a [u32],
    text: Vec<u16>,
    at: usize,
    pos: usize,
    /// The names of the shapes of the objects read, and how many objects had none.
    met: Met,
}

/// What a tape's objects were: the names of their shapes, and how many had none (their
/// members named in full).
#[derive(Debug, Default)]
pub struct Met {
    pub shapes: std::collections::BTreeSet<&'static str>,
    pub objects_without_shape: usize,
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
                self.met.objects_without_shape += 1;
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
            8 => {
                // An object of a known shape: its members' names from the table, those left
                // out skipped.
                let bits = iam_playground::tape::SHAPE_BITS;
                let shape = &iam_playground::tape::SHAPES[n & ((1 << bits) - 1)];
                let left_out = n >> bits;
                out.push('{');
                let mut first = true;
                for (i, member) in shape.members.iter().enumerate() {
                    if left_out & 1 << i != 0 {
                        assert!(shape.is_optional(i), "{}.{member} left out", shape.name);
                        continue;
                    }
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&serde_json::to_string(member).unwrap());
                    out.push(':');
                    self.value(out);
                }
                assert!(
                    left_out >> shape.members.len() == 0,
                    "{} leaves out too much",
                    shape.name
                );
                self.met.shapes.insert(shape.name);
                out.push('}');
            }
            _ => panic!("word {} is not a value", self.at - 1),
        }
    }

    fn key(&mut self) -> String {
        match self.next() {
            (5, n) => self.slice(n),
            _ => panic!("word {} is not a key", self.at - 1),
        }
    }
}

/// The JSON text a tape stands for, read as `src/wasm/tape.js` reads it; also checks that the
/// reader used every word and every code unit of the text (the test of the tape,
/// `tests/tape.rs`, reads with it too).
pub fn read_tape(tape: &Tape) -> String {
    read_tape_and_shapes(tape).0
}

/// [`read_tape`], and what its objects were.
pub fn read_tape_and_shapes(tape: &Tape) -> (String, Met) {
    let mut reader = Reader {
        words: &tape.words,
        text: tape.text.encode_utf16().collect(),
        at: 0,
        pos: 0,
        met: Met::default(),
    };
    let mut out = String::new();
    reader.value(&mut out);
    assert_eq!(reader.at, tape.words.len(), "words left over");
    assert_eq!(reader.pos, reader.text.len(), "text left over");
    (out, reader.met)
}
