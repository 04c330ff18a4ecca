//! Redaction keeps the decision: for every corpus scenario, the decision, every request's
//! decision and its matched statements are the same before and after `redact`, and no account
//! id outside the documentation ones is left.
#![cfg(test)]

mod common;

use std::path::Path;

use common::collect;

use iam_playground::tools::redact::{redact, DOC_ACCOUNTS};

/// What must not change: the status, the decision, and per request the decision, the deciding
/// layer and the matched statements (policy, index, Sid, effect).
fn outcome(text: &str) -> String {
    let answer = iam_playground::evaluate(text);
    let mut out = format!("{:?} {:?}", answer.status, answer.decision);
    for r in &answer.requests {
        out.push_str(&format!("\n{:?} {:?}", r.decision, r.decided_by));
        for m in &r.matched_statements {
            out.push_str(&format!(
                " [{:?} {} {:?} {:?} {:?}]",
                m.policy.kind, m.policy.index, m.statement_index, m.sid, m.effect
            ));
        }
    }
    out
}

/// The 12-digit runs of a text.
fn account_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 12 {
                ids.push(run.clone());
            }
            run.clear();
        }
    }
    ids
}

#[test]
fn redaction_keeps_every_corpus_decision() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(files.len() >= 150);
    let mut failures = Vec::new();
    let mut redacted_files = 0;
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        // The files that are not UTF-8 (`invalid/not-utf8-*`) are read by tests/corpus.rs.
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let redacted = match redact(&text) {
            Ok(r) => r,
            Err(e) => {
                // Only text that is not JSON may be refused.
                if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                    failures.push(format!("{rel}: refused: {}", e.message));
                }
                continue;
            }
        };
        if redacted != text {
            redacted_files += 1;
        }
        let (before, after) = (outcome(&text), outcome(&redacted));
        if before != after {
            failures.push(format!(
                "{rel}: before {before}\n  after {after}\n  {redacted}"
            ));
        }
        let original: Vec<String> = account_ids(&text)
            .into_iter()
            .filter(|id| !DOC_ACCOUNTS.contains(&id.as_str()))
            .collect();
        // Ids are replaced unless they are in the scenario's own name or an `expect`/Sid
        // (never touched); every id in the policies and requests must be gone.
        let body = |t: &str| {
            let mut v: serde_json::Value = serde_json::from_str(t).unwrap();
            if let Some(o) = v.as_object_mut() {
                o.remove("name");
                o.remove("expect");
            }
            v.to_string()
        };
        let left: Vec<&String> = original
            .iter()
            .filter(|id| body(&redacted).contains(id.as_str()))
            .collect();
        if !left.is_empty() {
            failures.push(format!("{rel}: account ids left: {left:?}"));
        }
    }
    assert!(redacted_files > 20, "only {redacted_files} files changed");
    if !failures.is_empty() {
        panic!(
            "{} of {} corpus files failed:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        );
    }
}
