//! Test reports for `iam-playground test`: the outcome of every scenario file's `expect`, one
//! test case per file and request ([`crate::answer::expect::cases`]), as JUnit XML (what
//! GitHub, GitLab and Jenkins display as test results) or as JSON.
//!
//! ```
//! use iam_playground::tools::test_report::{FileResult, Report};
//!
//! let text = r#"{"policies": {},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice",
//!               "action": "s3:GetObject", "resource": "*"},
//!   "expect": {"decision": "Allow"}}"#;
//! let file = FileResult::evaluated("examples/a.json", text, &iam_playground::evaluate(text), 0.001);
//! let report = Report { files: vec![file] };
//! assert_eq!(report.summary().failed, 1);
//! assert!(report.junit().contains(r#"<failure message="decision: expected Allow, got ImplicitDeny""#));
//! ```

use serde::Serialize;

use crate::answer::expect::{self, Case};
use crate::answer::result::Answer;
use crate::i18n::{message, Lang};

/// The results of one run over many files.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One entry per file, in the order they were run.
    pub files: Vec<FileResult>,
}

/// One scenario file's result.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as given on the command line (joined with the files found under it).
    pub path: String,
    /// The scenario's `name`, if it has one.
    pub name: Option<String>,
    /// Seconds spent reading and evaluating it.
    pub seconds: f64,
    /// What came of it.
    pub outcome: FileOutcome,
    /// The language of the report's own words (a file without cases).
    pub lang: Lang,
}

/// What came of one file.
#[derive(Debug, Clone)]
pub enum FileOutcome {
    /// The file could not be read (the message says why).
    Unreadable(String),
    /// The file has no `expect`: nothing to test.
    NoExpectation,
    /// The test cases of its `expect`.
    Cases(Vec<Case>),
}

/// How a test case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CaseStatus {
    /// Everything expected holds.
    Passed,
    /// The answer differs from `expect`.
    Failed,
    /// The scenario could not be evaluated (invalid or unreadable) though a decision was
    /// expected.
    Error,
    /// The file has no `expect`.
    Skipped,
}

/// The counts of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files run.
    pub files: usize,
    /// Test cases.
    pub tests: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases whose answer differs from `expect`.
    pub failed: usize,
    /// Cases that could not be evaluated.
    pub errors: usize,
    /// Files without `expect`.
    pub skipped: usize,
}

impl Summary {
    fn add(&mut self, status: CaseStatus) {
        self.tests += 1;
        match status {
            CaseStatus::Passed => self.passed += 1,
            CaseStatus::Failed => self.failed += 1,
            CaseStatus::Error => self.errors += 1,
            CaseStatus::Skipped => self.skipped += 1,
        }
    }
}

/// One row of a report: a case with its status (a file without cases gives one row).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRow {
    /// What the case checks.
    pub name: String,
    /// How it ended.
    pub status: CaseStatus,
    /// The request it is about (index from 0), if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<usize>,
    /// The line of the scenario file it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What differs (failed), or why it could not run (error, skipped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// What the engine says: the decision and its summary, or the first error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl FileResult {
    /// The result of a file whose text was evaluated into `answer`.
    pub fn evaluated(path: &str, text: &str, answer: &Answer, seconds: f64) -> FileResult {
        FileResult::evaluated_in(path, text, answer, seconds, Lang::En)
    }

    /// [`FileResult::evaluated`], its cases' names and what differs in `lang` (localize the
    /// answer first for the engine's own sentences).
    pub fn evaluated_in(
        path: &str,
        text: &str,
        answer: &Answer,
        seconds: f64,
        lang: Lang,
    ) -> FileResult {
        let outcome = match expect::expectation(text) {
            None => FileOutcome::NoExpectation,
            Some(e) => FileOutcome::Cases(expect::cases_in(&e, answer, lang)),
        };
        FileResult {
            path: path.to_string(),
            name: answer.name.clone().or_else(|| scenario_name(text)),
            seconds,
            outcome,
            lang,
        }
    }

    /// The rows of this file: its cases, or one row when it has none.
    pub fn rows(&self) -> Vec<CaseRow> {
        match &self.outcome {
            FileOutcome::Unreadable(why) => vec![CaseRow {
                name: message(self.lang, "expect.case.scenario", &[]),
                status: CaseStatus::Error,
                request: None,
                line: None,
                problems: vec![why.clone()],
                detail: None,
            }],
            FileOutcome::NoExpectation => vec![CaseRow {
                name: message(self.lang, "expect.case.scenario", &[]),
                status: CaseStatus::Skipped,
                request: None,
                line: None,
                problems: vec![message(self.lang, "test.no-expect", &[])],
                detail: None,
            }],
            FileOutcome::Cases(cases) => cases
                .iter()
                .map(|c| CaseRow {
                    name: c.name.clone(),
                    status: match (c.invalid, c.problems.is_empty()) {
                        (true, _) => CaseStatus::Error,
                        (false, true) => CaseStatus::Passed,
                        (false, false) => CaseStatus::Failed,
                    },
                    request: c.request,
                    line: c.line,
                    problems: c.problems.clone(),
                    detail: c.detail.clone(),
                })
                .collect(),
        }
    }
}

/// The `name` of a scenario that could not be evaluated, when its text is JSON.
fn scenario_name(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("name")?.as_str().map(str::to_string)
}

/// The JSON form of a report (`iam-playground test --format json`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    format: &'static str,
    engine_version: &'static str,
    summary: Summary,
    files: Vec<JsonFile<'a>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFile<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    status: CaseStatus,
    seconds: f64,
    cases: Vec<CaseRow>,
}

/// A file's status: its worst case.
fn worst(rows: &[CaseRow]) -> CaseStatus {
    let rank = |s: CaseStatus| match s {
        CaseStatus::Passed => 0,
        CaseStatus::Skipped => 1,
        CaseStatus::Failed => 2,
        CaseStatus::Error => 3,
    };
    rows.iter()
        .map(|r| r.status)
        .max_by_key(|s| rank(*s))
        .unwrap_or(CaseStatus::Passed)
}

impl Report {
    /// The counts over every file.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for file in &self.files {
            for row in file.rows() {
                s.add(row.status);
            }
        }
        s
    }

    /// True when no case failed and none could not be evaluated.
    pub fn passed(&self) -> bool {
        let s = self.summary();
        s.failed == 0 && s.errors == 0
    }

    /// The report as JSON text (format `iam-playground-test-report/1`), pretty-printed.
    pub fn json(&self) -> String {
        let files = self
            .files
            .iter()
            .map(|f| {
                let cases = f.rows();
                JsonFile {
                    path: &f.path,
                    name: f.name.as_deref(),
                    status: worst(&cases),
                    seconds: round_us(f.seconds),
                    cases,
                }
            })
            .collect();
        let report = JsonReport {
            format: "iam-playground-test-report/1",
            engine_version: crate::VERSION,
            summary: self.summary(),
            files,
        };
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The report as JUnit XML: one `testsuite` per file, one `testcase` per case, with
    /// `failure` (the answer differs), `error` (the scenario could not be evaluated) or
    /// `skipped` (no `expect`). `classname` and `file` are the file's path and `line` the
    /// line the case is about, so CI can annotate the file.
    pub fn junit(&self) -> String {
        let total = self.summary();
        let seconds: f64 = self.files.iter().map(|f| f.seconds).sum();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"iam-playground test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.6}\">\n",
            total.tests, total.failed, total.errors, total.skipped, seconds
        ));
        for file in &self.files {
            let rows = file.rows();
            let mut s = Summary::default();
            rows.iter().for_each(|r| s.add(r.status));
            let path = xml(&file.path);
            out.push_str(&format!(
                "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.6}\">\n",
                s.tests, s.failed, s.errors, s.skipped, file.seconds
            ));
            if let Some(name) = &file.name {
                out.push_str(&format!(
                    "    <properties>\n      <property name=\"scenario\" value=\"{}\"/>\n    </properties>\n",
                    xml(name)
                ));
            }
            for row in &rows {
                let line = row
                    .line
                    .map(|l| format!(" line=\"{l}\""))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\"{line}",
                    xml(&row.name)
                ));
                let (element, kind) = match row.status {
                    CaseStatus::Passed => {
                        out.push_str("/>\n");
                        continue;
                    }
                    CaseStatus::Failed => ("failure", "expect-differs"),
                    CaseStatus::Error => ("error", "invalid-scenario"),
                    CaseStatus::Skipped => ("skipped", ""),
                };
                out.push_str(">\n");
                let message = row.problems.first().map_or("", String::as_str);
                if row.status == CaseStatus::Skipped {
                    out.push_str(&format!("      <skipped message=\"{}\"/>\n", xml(message)));
                } else {
                    let mut body = row.problems.join("\n");
                    if let Some(detail) = &row.detail {
                        body.push_str("\n\n");
                        body.push_str(detail);
                    }
                    out.push_str(&format!(
                        "      <{element} message=\"{}\" type=\"{kind}\">{}</{element}>\n",
                        xml(message),
                        xml(&body)
                    ));
                }
                out.push_str("    </testcase>\n");
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }
}

/// Seconds to the microsecond.
fn round_us(seconds: f64) -> f64 {
    (seconds * 1e6).round() / 1e6
}

/// Text for an XML attribute or element: markup characters escaped, and the characters XML
/// 1.0 cannot hold at all (control characters other than tab and line breaks, U+FFFE,
/// U+FFFF) replaced by U+FFFD, so that any scenario name or message gives well-formed XML.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // In attributes a raw line break would be read back as a space.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_xml_cannot_hold_is_replaced() {
        assert_eq!(
            xml("a<b & \"c\"\u{1}\n"),
            "a&lt;b &amp; &quot;c&quot;\u{fffd}&#10;"
        );
    }
}
