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

use crate::answer::result::{Answer, DiagnosticOut, RequestResult, Status};
use crate::diagnostic::Severity;

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
    problems: &mut Vec<String>,
) {
    if let Some(want) = expect.get("decision").and_then(Value::as_str) {
        let got = decision.unwrap_or("(none)");
        if want != got {
            problems.push(format!("decision: expected {want}, got {got}"));
        }
    }
    if let Some(want) = expect.get("matched").and_then(sids) {
        if want != matched {
            problems.push(format!(
                "matched statements: expected [{}], got [{}]",
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
    let several = answer.requests.len() > 1;
    let problems: Vec<String> = cases(expect, answer)
        .into_iter()
        .flat_map(|case| {
            let prefix = match case.request {
                Some(i) if several => format!("request {}: ", i + 1),
                _ => String::new(),
            };
            case.problems
                .into_iter()
                .map(move |p| format!("{prefix}{p}"))
        })
        .collect();
    if problems.is_empty() {
        Check::Passed
    } else {
        Check::Failed(problems)
    }
}

/// One test case of a scenario's `expect`: the scenario as a whole, or one of its requests.
/// `iam-playground test --format junit|json` reports one per case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// What it checks: `iam:PassRole on arn:...` (a scenario's one request), `request 2:
    /// ...`, `all 3 requests`, `rejected with invalid-effect`, or `the scenario`.
    pub name: String,
    /// The request it is about, if one.
    pub request: Option<usize>,
    /// What differs from `expect`; empty when the case passed.
    pub problems: Vec<String>,
    /// True when the scenario could not be evaluated though a decision was expected: an error
    /// in the scenario rather than a wrong expectation.
    pub invalid: bool,
    /// The 1-based line of the scenario text the case is about (the request, or the first
    /// error), when known.
    pub line: Option<usize>,
    /// What the engine says about it: the request's summary, or the first error.
    pub detail: Option<String>,
}

impl Case {
    fn new(name: String, request: Option<usize>, line: Option<usize>) -> Case {
        Case {
            name,
            request,
            problems: Vec::new(),
            invalid: false,
            line,
            detail: None,
        }
    }
}

/// `iam:PassRole on arn:aws:iam::111122223333:role/R`.
fn request_label(r: &RequestResult) -> String {
    format!("{} on {}", r.request.action, r.request.resource)
}

/// The codes an `expect` member lists (a string or an array of strings).
fn codes(list: &Value) -> Vec<String> {
    match list {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The answer's first error, as the reports show it.
struct FirstError {
    /// `line:column: message [code]`.
    summary: Option<String>,
    /// The summary and the error's advice.
    detail: Option<String>,
    /// Its line.
    line: Option<usize>,
}

impl FirstError {
    fn of(errors: &[&DiagnosticOut]) -> FirstError {
        let summary = errors.first().map(|d| match &d.location {
            Some(l) => format!("{}:{}: {} [{}]", l.line, l.column, d.message, d.code),
            None => format!("{} [{}]", d.message, d.code),
        });
        let detail = errors.first().and_then(|d| {
            let help = d.help.as_deref()?;
            Some(format!("{}\nhelp: {help}", summary.as_deref()?))
        });
        let line = errors
            .first()
            .and_then(|d| d.location.as_ref())
            .map(|l| l.line);
        FirstError {
            summary,
            detail,
            line,
        }
    }
}

/// The cases of `expect` (the scenario's `expect` member) against `answer`, in order: the
/// scenario's rejection when errors are expected or found; else its one request, or (several
/// requests) the combined expectation and then one case per entry of `expect.requests`.
pub fn cases(expect: &Value, answer: &Answer) -> Vec<Case> {
    let mut want_errors: Vec<String> = Vec::new();
    if let Some(e) = expect.get("error").and_then(Value::as_str) {
        want_errors.push(e.to_string());
    }
    if let Some(list) = expect.get("errors") {
        want_errors.extend(codes(list));
    }
    let want_warnings = expect.get("warnings").map(codes).unwrap_or_default();
    let errors: Vec<&DiagnosticOut> = answer
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let first = FirstError::of(&errors);
    let warnings = |case: &mut Case| {
        for w in &want_warnings {
            if !answer.diagnostics.iter().any(|d| d.code == w) {
                case.problems
                    .push(format!("expected warning `{w}`, which was not reported"));
            }
        }
    };
    if !want_errors.is_empty() {
        let mut case = rejection_case(&want_errors, answer, &errors, first);
        warnings(&mut case);
        return vec![case];
    }
    if answer.status == Status::Invalid {
        let mut case = Case::new("the scenario".to_string(), None, first.line);
        case.problems.push(format!(
            "the scenario is invalid: {}",
            first.summary.unwrap_or_else(|| "errors".to_string())
        ));
        case.invalid = true;
        case.detail = first.detail;
        return vec![case];
    }
    let mut out = request_cases(expect, answer, &warnings);
    for case in &mut out {
        if let Some(r) = case.request.and_then(|i| answer.requests.get(i)) {
            case.detail = Some(format!("{}: {}", r.decision.as_str(), r.summary));
        }
    }
    out
}

/// The one case of a scenario expected to be rejected with `want` error codes.
fn rejection_case(
    want: &[String],
    answer: &Answer,
    errors: &[&DiagnosticOut],
    first: FirstError,
) -> Case {
    let mut case = Case::new(
        format!("rejected with {}", want.join(", ")),
        None,
        first.line,
    );
    case.detail = first.detail.or(first.summary);
    if answer.status != Status::Invalid {
        case.problems.push(format!(
            "expected the scenario to be rejected with [{}], but it was evaluated",
            want.join(", ")
        ));
    }
    let got: Vec<&str> = errors.iter().map(|d| d.code).collect();
    for w in want {
        if !got.contains(&w.as_str()) {
            case.problems
                .push(format!("expected error `{w}`, got [{}]", got.join(", ")));
        }
    }
    case
}

/// The cases of an evaluated scenario: its one request, or the combined expectation and one
/// case per entry of `expect.requests`; and a case when that list has the wrong length.
fn request_cases(expect: &Value, answer: &Answer, warnings: &dyn Fn(&mut Case)) -> Vec<Case> {
    let line_of = |r: &RequestResult| Some(r.request.location.line);
    let per_request = expect.get("requests").and_then(Value::as_array);
    let combined_decision = answer.decision.map(|d| d.as_str());
    let mut out = Vec::new();
    if let [only] = answer.requests.as_slice() {
        let mut case = Case::new(request_label(only), Some(0), line_of(only));
        warnings(&mut case);
        let sids = matched_sids(&answer.requests);
        check_one(expect, combined_decision, sids, &mut case.problems);
        if let Some(e) = per_request.and_then(|list| list.first()) {
            let decision = Some(only.decision.as_str());
            check_one(e, decision, matched_sids([only]), &mut case.problems);
        }
        out.push(case);
    } else {
        let count = answer.requests.len();
        let mut combined = Case::new(format!("all {count} requests"), None, None);
        warnings(&mut combined);
        let sids = matched_sids(&answer.requests);
        check_one(expect, combined_decision, sids, &mut combined.problems);
        let said = ["decision", "matched", "warnings"]
            .iter()
            .any(|k| expect.get(k).is_some());
        if said || !combined.problems.is_empty() || per_request.is_none() {
            out.push(combined);
        }
        for (i, r) in answer.requests.iter().enumerate() {
            let Some(list) = per_request else { break };
            let name = format!("request {}: {}", i + 1, request_label(r));
            let mut case = Case::new(name, Some(i), line_of(r));
            if let Some(e) = list.get(i) {
                let decision = Some(r.decision.as_str());
                check_one(e, decision, matched_sids([r]), &mut case.problems);
            }
            out.push(case);
        }
    }
    if let Some(list) = per_request.filter(|l| l.len() != answer.requests.len()) {
        let mut case = Case::new("the scenario".to_string(), None, None);
        case.problems.push(format!(
            "expect.requests has {} entries but the scenario has {} requests",
            list.len(),
            answer.requests.len()
        ));
        out.push(case);
    }
    out
}
