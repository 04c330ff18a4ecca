//! Runs every scenario under `tests/corpus/` and checks its `expect`; reports every failure
//! with its file, expected and actual, then fails once.
#![cfg(test)]

mod common;

use std::path::Path;

use common::collect;

use iam_playground::answer::expect::{self, Check};
use iam_playground::parse::bytes::decode_utf8;

#[test]
fn corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        files.len() >= 150,
        "the corpus has only {} scenario files",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        // Files that are not UTF-8 (`invalid/not-utf8-*`) are read as the CLI reads them.
        let (text, answer) = match decode_utf8(&bytes) {
            Ok(text) => (text.to_string(), iam_playground::evaluate(text)),
            Err(bad) => (bad.text.clone(), iam_playground::answer::unreadable(&bad)),
        };
        match expect::check(expect::expectation(&text).as_ref(), &answer) {
            Check::Passed => {}
            Check::NoExpectation => failures.push(format!("{rel}: has no `expect`")),
            Check::Failed(problems) => failures.push(format!("{rel}: {}", problems.join("; "))),
        }
        // Every evaluated scenario names its rule.
        if serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("name").and_then(|n| n.as_str().map(str::len)))
            .unwrap_or(0)
            < 10
        {
            failures.push(format!("{rel}: has no descriptive `name`"));
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} corpus files failed:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        );
    }
}
