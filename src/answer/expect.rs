//! Checking a scenario's `expect` against an answer (used by `iam-playground test`, `eval`,
//! and the corpus tests).
//!
//! `expect` is read from the raw JSON so that invalid scenarios can be tested too:
//! - `{"decision": "Allow", "matched": ["Sid1"]}`: the combined decision, and the Sids of the
//!   statements that decided (compared as sets, over all requests);
//! - `{"requests": [{"decision": ..., "matched": [...]}, ...]}`: per request;
//! - `{"error": "code"}` or `{"errors": ["code", ...]}`: the scenario is invalid with these
//!   diagnostics;
//! - `{"warnings": ["code", ...]}`: these warnings are reported (beside a decision).

use serde_json::Value;

use crate::answer::result::{Answer, RequestResult, Status};

/// The outcome of checking an expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The scenario has no `expect`.
    NoExpectation,
    /// Everything expected holds.
    Passed,
    /// What differs, one line each.
    Failed(Vec<String>),
}

/// Reads `expect` from the scenario text (if the text is JSON with such a member).
pub fn expectation(text: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(text).ok()?;
    v.get("expect").cloned()
}

fn sids(list: &Value) -> Option<Vec<String>> {
    let mut out: Vec<String> = list
        .as_array()?
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

fn matched_sids<'a>(results: impl IntoIterator<Item = &'a RequestResult>) -> Vec<String> {
    let mut out: Vec<String> = results
        .into_iter()
        .flat_map(|r| r.matched_statements.iter())
        .map(|s| s.sid.clone().unwrap_or_default())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn check_one(
    expect: &Value,
    decision: Option<&str>,
    matched: Vec<String>,
    prefix: &str,
    problems: &mut Vec<String>,
) {
    if let Some(want) = expect.get("decision").and_then(Value::as_str) {
        let got = decision.unwrap_or("(none)");
        if want != got {
            problems.push(format!("{prefix}decision: expected {want}, got {got}"));
        }
    }
    if let Some(want) = expect.get("matched").and_then(sids) {
        if want != matched {
            problems.push(format!(
                "{prefix}matched statements: expected [{}], got [{}]",
                want.join(", "),
                matched.join(", ")
            ));
        }
    }
}

/// Checks `expect` (the scenario's `expect` member) against `answer`.
pub fn check(expect: Option<&Value>, answer: &Answer) -> Check {
    let Some(expect) = expect else {
        return Check::NoExpectation;
    };
    let mut problems = Vec::new();
    let mut want_errors: Vec<String> = Vec::new();
    if let Some(e) = expect.get("error").and_then(Value::as_str) {
        want_errors.push(e.to_string());
    }
    if let Some(list) = expect.get("errors").and_then(Value::as_array) {
        want_errors.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    let error_codes: Vec<&str> = answer
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| d.code)
        .collect();
    if !want_errors.is_empty() {
        if answer.status != Status::Invalid {
            problems.push(format!(
                "expected the scenario to be rejected with [{}], but it was evaluated",
                want_errors.join(", ")
            ));
        }
        for w in &want_errors {
            if !error_codes.contains(&w.as_str()) {
                problems.push(format!(
                    "expected error `{w}`, got [{}]",
                    error_codes.join(", ")
                ));
            }
        }
    } else if answer.status == Status::Invalid {
        let first = answer
            .diagnostics
            .iter()
            .find(|d| d.severity == crate::diagnostic::Severity::Error);
        problems.push(format!(
            "the scenario is invalid: {}",
            first.map_or_else(
                || "errors".to_string(),
                |d| {
                    match &d.location {
                        Some(l) => format!("{}:{}: {} [{}]", l.line, l.column, d.message, d.code),
                        None => format!("{} [{}]", d.message, d.code),
                    }
                }
            )
        ));
        return Check::Failed(problems);
    }
    if let Some(list) = expect.get("warnings").and_then(Value::as_array) {
        for w in list.iter().filter_map(Value::as_str) {
            if !answer.diagnostics.iter().any(|d| d.code == w) {
                problems.push(format!("expected warning `{w}`, which was not reported"));
            }
        }
    }
    if answer.status == Status::Evaluated {
        check_one(
            expect,
            answer.decision.map(|d| d.as_str()),
            matched_sids(&answer.requests),
            "",
            &mut problems,
        );
        if let Some(list) = expect.get("requests").and_then(Value::as_array) {
            if list.len() != answer.requests.len() {
                problems.push(format!(
                    "expect.requests has {} entries but the scenario has {} requests",
                    list.len(),
                    answer.requests.len()
                ));
            }
            for (i, (e, r)) in list.iter().zip(&answer.requests).enumerate() {
                check_one(
                    e,
                    Some(r.decision.as_str()),
                    matched_sids([r]),
                    &format!("request {}: ", i + 1),
                    &mut problems,
                );
            }
        }
    }
    if problems.is_empty() {
        Check::Passed
    } else {
        Check::Failed(problems)
    }
}
