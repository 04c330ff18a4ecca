//! Lint beside an evaluation: what the page shows after each edit once the catalog is loaded,
//! the answer and, next to its diagnostics, the lint findings the answer does not already hold.

use serde::Serialize;

use crate::answer::result::{Answer, DiagnosticOut};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::Scenario;
use crate::AwsData;

/// Scenarios longer than this (in bytes) get their answer first and their lint after
/// ([`LintLater`]), so that every keystroke and a 1 MB paste still get their decision quickly:
/// the page's worker answers one request at a time, and lint of 1 MB takes most of a second
/// there. The page asks for the lint once the edits pause, and an edit made before drops it
/// unasked. Below, lint comes in the answer: it grows about linearly with the text, measured in
/// the tools module in Node (CPU time, one policy of similar statements): 64 KB 60 ms, 184 KB
/// 135 ms, 256 KB 190 ms.
pub const INTERACTIVE_LINT_LIMIT: usize = 192 * 1024;

/// An answer with the lint findings beside it (the answer's JSON plus `lint`, or `lintLater`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintedAnswer {
    /// The evaluation, as `iam-playground eval --format json` prints it.
    #[serde(flatten)]
    pub answer: Answer,
    /// Lint findings that are not among the answer's diagnostics (same code at the same
    /// place), sorted by position. Empty without a catalog or above the limit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint: Vec<DiagnosticOut>,
    /// True when the text was above the limit and there is a catalog: its lint findings are
    /// not here but in the [`LintLater`] returned beside this answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lint_later: bool,
}

/// What lint needs of an evaluation whose answer was given without it: the text, the scenario
/// it read and what reading and deciding found. [`LintLater::lint`] reads and decides nothing
/// again.
#[derive(Debug)]
pub struct LintLater {
    text: String,
    diagnostics: Vec<Diagnostic>,
    scenario: Option<Scenario>,
}

impl LintLater {
    /// The lint findings the answer did not have, as [`LintedAnswer::lint`] would have held
    /// them; `data` is the data the evaluation had (its catalog).
    pub fn lint(&self, data: AwsData) -> Vec<DiagnosticOut> {
        let index = LineIndex::new(&self.text);
        beside(
            &self.text,
            &index,
            &self.diagnostics,
            self.scenario.as_ref(),
            data,
        )
    }
}

/// Evaluates `text` with `data`; with a catalog, adds the lint findings the answer does not
/// already report: in the answer for a text of at most `limit` bytes, else in the
/// [`LintLater`] returned beside it (and the answer says `lintLater`).
pub fn evaluate_and_lint(
    text: &str,
    data: AwsData,
    limit: usize,
) -> (LintedAnswer, Option<LintLater>) {
    // One reading and one evaluation: lint goes on from the scenario evaluation read.
    let mut evaluation = crate::answer::evaluation(text, data);
    let mut later = None;
    let lint = match data.catalog {
        Some(_) if text.len() <= limit => beside(
            text,
            evaluation.index(),
            &evaluation.diagnostics,
            evaluation.scenario.as_ref(),
            data,
        ),
        Some(_) => {
            later = Some(LintLater {
                text: text.to_string(),
                diagnostics: evaluation.diagnostics.clone(),
                scenario: evaluation.scenario.take(),
            });
            Vec::new()
        }
        None => Vec::new(),
    };
    let answer = LintedAnswer {
        answer: evaluation.into_answer(text),
        lint,
        lint_later: later.is_some(),
    };
    (answer, later)
}

/// Lint's findings for an evaluation, less those it reported itself (same code at the same
/// place), rendered in `text`.
fn beside(
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
    scenario: Option<&Scenario>,
    data: AwsData,
) -> Vec<DiagnosticOut> {
    let seen = |d: &Diagnostic| {
        diagnostics
            .iter()
            .any(|a| a.code == d.code && a.span.map(|s| s.start) == d.span.map(|s| s.start))
    };
    let mut found = super::lint_evaluated(diagnostics, scenario, data);
    super::tidy(&mut found);
    found.retain(|d| !seen(d));
    crate::answer::render_diagnostics(text, index, found)
}

impl LintedAnswer {
    /// Renders the answer's sentences and the lint findings in `lang`.
    pub fn localize(&mut self, lang: crate::i18n::Lang) {
        self.answer.localize(lang);
        for d in &mut self.lint {
            d.localize(lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPO: &str = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PasRole", "Resource": "*"}]}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/alice",
                  "action": "iam:PassRole", "resource": "arn:aws:iam::111122223333:role/R"}}"#;

    #[test]
    fn the_catalog_findings_come_beside_the_answer_and_none_twice() {
        let data = AwsData {
            catalog: Some(crate::aws::catalog::tests::real()),
            managed: None,
        };
        let (out, later) = evaluate_and_lint(TYPO, data, INTERACTIVE_LINT_LIMIT);
        assert!(later.is_none() && !out.lint_later);
        assert_eq!(
            out.answer.decision,
            Some(crate::model::Decision::ImplicitDeny)
        );
        let unknown: Vec<_> = out
            .lint
            .iter()
            .filter(|d| d.code == "unknown-action")
            .collect();
        assert_eq!(unknown.len(), 1, "{:?}", out.lint);
        assert_eq!(unknown[0].snippet.as_deref(), Some("PasRole"));
        for d in &out.lint {
            assert!(
                !out.answer.diagnostics.iter().any(|a| a.code == d.code
                    && a.location.map(|l| l.start) == d.location.map(|l| l.start)),
                "`{}` is reported twice",
                d.code
            );
        }
    }

    #[test]
    fn no_lint_without_a_catalog() {
        let (out, later) = evaluate_and_lint(TYPO, AwsData::default(), INTERACTIVE_LINT_LIMIT);
        assert!(out.lint.is_empty() && !out.lint_later && later.is_none());
        let json = serde_json::to_value(&out).unwrap();
        assert!(json.get("lint").is_none() && json.get("lintLater").is_none());
    }

    #[test]
    fn above_the_limit_the_same_findings_come_later() {
        let data = AwsData {
            catalog: Some(crate::aws::catalog::tests::real()),
            managed: None,
        };
        let (now, none) = evaluate_and_lint(TYPO, data, INTERACTIVE_LINT_LIMIT);
        assert!(none.is_none());
        let (answer, later) = evaluate_and_lint(TYPO, data, TYPO.len() - 1);
        assert!(answer.lint.is_empty() && answer.lint_later);
        assert_eq!(
            serde_json::to_value(&answer).unwrap()["lintLater"],
            serde_json::json!(true)
        );
        // The answer is the same, and lint later finds what lint beside it found.
        assert_eq!(
            serde_json::to_value(&answer.answer).unwrap(),
            serde_json::to_value(&now.answer).unwrap()
        );
        let later = later.expect("kept for later");
        let lint = later.lint(data);
        assert!(!lint.is_empty());
        assert_eq!(
            serde_json::to_value(&lint).unwrap(),
            serde_json::to_value(&now.lint).unwrap()
        );
    }
}
