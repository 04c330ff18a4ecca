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
use crate::i18n::{Lang, Msg, Text};

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
///
/// The engine's own reader finds the member (it borrows the text, so the policies are not
/// copied into values nobody reads); only the member's own text becomes a `Value`. This runs
/// once per file of `iam-playground test`, where reading the whole scenario into a `Value`
/// was a sixth of the work.
pub fn expectation(text: &str) -> Option<Value> {
    let doc = crate::parse::json::parse(text).ok()?;
    // The last one when the key is repeated (the scenario is then invalid), as a `Value` read
    // of the whole text would keep.
    let expect = doc.as_object()?.iter().rev().find(|m| m.key == "expect")?;
    serde_json::from_str(expect.value.span.text(text)).ok()
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
    problems: &mut Vec<Msg>,
) {
    if let Some(want) = expect.get("decision").and_then(Value::as_str) {
        if decision != Some(want) {
            let got: Text = match decision {
                Some(d) => d.into(),
                None => Msg::new("expect.none").into(),
            };
            problems.push(
                Msg::new("expect.decision")
                    .arg("want", want)
                    .text("got", got),
            );
        }
    }
    if let Some(want) = expect.get("matched").and_then(sids) {
        if want != matched {
            problems.push(
                Msg::new("expect.matched")
                    .list("want", want)
                    .list("got", matched),
            );
        }
    }
}

/// Checks `expect` (the scenario's `expect` member) against `answer`, in English.
pub fn check(expect: Option<&Value>, answer: &Answer) -> Check {
    check_in(expect, answer, Lang::En)
}

/// [`check`], each difference said in `lang`.
pub fn check_in(expect: Option<&Value>, answer: &Answer, lang: Lang) -> Check {
    let Some(expect) = expect else {
        return Check::NoExpectation;
    };
    let several = answer.requests.len() > 1;
    let problems: Vec<String> = judged(expect, answer)
        .into_iter()
        .flat_map(|case| {
            let request = case.case.request.filter(|_| several);
            case.problems.into_iter().map(move |p| match request {
                Some(i) => Msg::new("expect.in-request")
                    .arg("n", i + 1)
                    .phrase("problem", p)
                    .render(lang),
                None => p.render(lang),
            })
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
fn request_label(r: &RequestResult) -> Msg {
    Msg::new("expect.case.request")
        .arg("action", &r.request.action)
        .arg("resource", &r.request.resource)
}

/// A case while it is judged: its name, what differs and what the engine says, as catalog
/// messages (rendered in the reader's language at the end, [`cases_in`]).
struct Judged {
    case: Case,
    name: Msg,
    problems: Vec<Msg>,
    detail: Option<Msg>,
}

impl Judged {
    fn new(name: Msg, request: Option<usize>, line: Option<usize>) -> Judged {
        Judged {
            case: Case::new(String::new(), request, line),
            name,
            problems: Vec::new(),
            detail: None,
        }
    }

    fn render(self, lang: Lang) -> Case {
        Case {
            name: self.name.render(lang),
            problems: self.problems.iter().map(|p| p.render(lang)).collect(),
            detail: self.detail.map(|d| d.render(lang)),
            ..self.case
        }
    }
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
    summary: Option<Msg>,
    /// The summary and the error's advice.
    detail: Option<Msg>,
    /// Its line.
    line: Option<usize>,
}

/// A diagnostic's message or help: its catalog message, else its text as written.
fn said(text: &str, msg: Option<&Msg>) -> Text {
    match msg {
        Some(m) => Text::Msg(m.clone()),
        None => Text::Plain(text.to_string()),
    }
}

impl FirstError {
    fn of(errors: &[&DiagnosticOut]) -> FirstError {
        let summary = errors.first().map(|d| {
            let msgs = d.msgs.as_deref();
            let message = said(&d.message, msgs.and_then(|m| m.message.as_ref()));
            match &d.location {
                Some(l) => Msg::new("expect.error-at")
                    .arg("line", l.line)
                    .arg("column", l.column),
                None => Msg::new("expect.error"),
            }
            .text("message", message)
            .arg("code", d.code)
        });
        let detail = errors.first().and_then(|d| {
            let help = d.help.as_deref()?;
            let help = said(help, d.msgs.as_deref().and_then(|m| m.help.as_ref()));
            Some(
                Msg::new("expect.error-help")
                    .phrase("error", summary.clone()?)
                    .text("help", help),
            )
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
/// Their names and what differs are in English ([`cases_in`] for another language).
pub fn cases(expect: &Value, answer: &Answer) -> Vec<Case> {
    cases_in(expect, answer, Lang::En)
}

/// [`cases`], with their names, what differs and what the engine says in `lang` (localize the
/// answer first for the engine's own sentences).
pub fn cases_in(expect: &Value, answer: &Answer, lang: Lang) -> Vec<Case> {
    judged(expect, answer)
        .into_iter()
        .map(|j| j.render(lang))
        .collect()
}

fn judged(expect: &Value, answer: &Answer) -> Vec<Judged> {
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
    let warnings = |case: &mut Judged| {
        for w in &want_warnings {
            if !answer.diagnostics.iter().any(|d| d.code == w) {
                case.problems
                    .push(Msg::new("expect.warning-missing").arg("code", w));
            }
        }
    };
    if !want_errors.is_empty() {
        let mut case = rejection_case(&want_errors, answer, &errors, first);
        warnings(&mut case);
        return vec![case];
    }
    if answer.status == Status::Invalid {
        let mut case = Judged::new(Msg::new("expect.case.scenario"), None, first.line);
        let why = first.summary.unwrap_or_else(|| Msg::new("expect.errors"));
        case.problems
            .push(Msg::new("expect.invalid").phrase("error", why));
        case.case.invalid = true;
        case.detail = first.detail;
        return vec![case];
    }
    let mut out = request_cases(expect, answer, &warnings);
    for case in &mut out {
        if let Some(r) = case.case.request.and_then(|i| answer.requests.get(i)) {
            let summary = said(&r.summary, r.summary_msg.as_ref());
            let detail = Msg::new("expect.detail")
                .arg("decision", r.decision.as_str())
                .text("summary", summary);
            case.detail = Some(detail);
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
) -> Judged {
    let name = Msg::new("expect.case.rejected").list("codes", want.to_vec());
    let mut case = Judged::new(name, None, first.line);
    case.detail = first.detail.or(first.summary);
    if answer.status != Status::Invalid {
        case.problems
            .push(Msg::new("expect.not-rejected").list("codes", want.to_vec()));
    }
    let got: Vec<String> = errors.iter().map(|d| d.code.to_string()).collect();
    for w in want {
        if !got.contains(w) {
            case.problems.push(
                Msg::new("expect.error-missing")
                    .arg("code", w)
                    .list("got", got.clone()),
            );
        }
    }
    case
}

/// The cases of an evaluated scenario: its one request, or the combined expectation and one
/// case per entry of `expect.requests`; and a case when that list has the wrong length.
fn request_cases(expect: &Value, answer: &Answer, warnings: &dyn Fn(&mut Judged)) -> Vec<Judged> {
    let line_of = |r: &RequestResult| Some(r.request.location.line);
    let per_request = expect.get("requests").and_then(Value::as_array);
    let combined_decision = answer.decision.map(|d| d.as_str());
    let mut out = Vec::new();
    if let [only] = answer.requests.as_slice() {
        let mut case = Judged::new(request_label(only), Some(0), line_of(only));
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
        let name = Msg::new("expect.case.all").arg("n", count);
        let mut combined = Judged::new(name, None, None);
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
            let name = Msg::new("expect.case.request-n")
                .arg("n", i + 1)
                .phrase("request", request_label(r));
            let mut case = Judged::new(name, Some(i), line_of(r));
            if let Some(e) = list.get(i) {
                let decision = Some(r.decision.as_str());
                check_one(e, decision, matched_sids([r]), &mut case.problems);
            }
            out.push(case);
        }
    }
    if let Some(list) = per_request.filter(|l| l.len() != answer.requests.len()) {
        let mut case = Judged::new(Msg::new("expect.case.scenario"), None, None);
        case.problems.push(
            Msg::new("expect.requests-count")
                .arg("entries", list.len())
                .arg("requests", answer.requests.len()),
        );
        out.push(case);
    }
    out
}
