//! `decide` (the brief answer) says what `evaluate` says: the same decisions, deciding layers,
//! deciding statements and diagnostics, for every corpus scenario and page example. Only the
//! explanations are left out.
#![cfg(test)]

mod common;

use std::path::Path;

use common::collect;

/// Every corpus scenario and page example, in order.
fn scenario_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/corpus"), &mut files);
    collect(&root.join("www/examples"), &mut files);
    files.sort();
    assert!(files.len() > 100, "only {} scenario files", files.len());
    files
}

#[test]
fn decide_agrees_with_evaluate_on_every_scenario() {
    let files = scenario_files();
    let mut failures = Vec::new();
    let mut decided = 0;
    for f in &files {
        // Files that are not UTF-8 are the byte reader's subject, not this test's.
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let full = serde_json::to_value(iam_playground::evaluate(&text)).unwrap();
        let brief = serde_json::to_value(iam_playground::decide(&text)).unwrap();
        let mut expected = serde_json::json!({
            "engineVersion": full["engineVersion"],
            "status": full["status"],
            "diagnostics": full["diagnostics"],
            "requests": full["requests"].as_array().unwrap().iter().map(|r| serde_json::json!({
                "index": r["index"],
                "decision": r["decision"],
                "decidedBy": r["decidedBy"],
                "matchedStatements": r["matchedStatements"],
            })).collect::<Vec<_>>(),
        });
        for key in ["name", "decision"] {
            if let Some(v) = full.get(key) {
                expected[key] = v.clone();
            }
        }
        if brief.get("decision").is_some() {
            decided += 1;
        }
        if brief != expected {
            failures.push(format!(
                "{}:\n  decide:   {brief}\n  evaluate: {expected}",
                f.display()
            ));
        }
    }
    assert!(decided > 100, "only {decided} scenarios were decided");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn decide_leaves_out_the_explanations() {
    let text = include_str!("corpus/passrole/passrole-3-narrowed-to-ec2.json");
    let brief = serde_json::to_value(iam_playground::decide(text)).unwrap();
    assert_eq!(brief["decision"], "Allow");
    let request = &brief["requests"][0];
    assert_eq!(request["matchedStatements"][0]["sid"], "PassRoleToEc2Only");
    assert_eq!(request["matchedStatements"][0]["statementIndex"], 0);
    assert_eq!(request["matchedStatements"][0]["location"]["line"], 60);
    for absent in [
        "statements",
        "layers",
        "summary",
        "authorizationMessage",
        "context",
    ] {
        assert!(
            request.get(absent).is_none(),
            "`{absent}` is in the brief answer"
        );
    }
    assert!(brief.get("policies").is_none());
}

/// The answer `iam-playground test` checks expectations against says what `evaluate` says,
/// but for the per-statement explanations it leaves out: every other part of the answer
/// (decisions, deciding statements, each request's summary, layers, context, authorization
/// message, diagnostics) is the same, for every corpus scenario and page example.
#[test]
fn the_answer_for_expectations_is_evaluate_without_explanations() {
    let files = scenario_files();
    let without_explanations = |mut answer: serde_json::Value| {
        for r in answer["requests"].as_array_mut().unwrap() {
            let r = r.as_object_mut().unwrap();
            for key in ["statements", "missingContextKeys", "disabledStatements"] {
                r.remove(key);
            }
        }
        answer
    };
    let (mut explained, mut differ) = (0, Vec::new());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let full = serde_json::to_value(iam_playground::evaluate(&text)).unwrap();
        let data = iam_playground::AwsData::default();
        let for_expectations = iam_playground::answer::evaluate_for_expectations(&text, data);
        let brief = serde_json::to_value(&for_expectations).unwrap();
        for r in brief["requests"].as_array().unwrap() {
            assert_eq!(r["statements"], serde_json::json!([]), "{}", f.display());
        }
        explained += full["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["statements"].as_array().is_some_and(|s| !s.is_empty()))
            .count();
        if without_explanations(full) != without_explanations(brief) {
            differ.push(f.display().to_string());
        }
    }
    assert!(
        explained > 100,
        "only {explained} requests with explanations"
    );
    assert!(differ.is_empty(), "answers differ for {differ:?}");
}
