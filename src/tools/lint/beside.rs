//! Lint beside an evaluation: what the page shows after each edit once the catalog is loaded,
//! the answer and, next to its diagnostics, the lint findings the answer does not already hold.

use serde::Serialize;

use crate::answer::result::{Answer, DiagnosticOut};
use crate::diagnostic::Diagnostic;
use crate::AwsData;

/// Scenarios longer than this (in bytes) are evaluated without lint beside, so that every
/// keystroke and a 1 MB paste still get their decision quickly: the page lints in the worker
/// before it answers. Lint's time now grows about linearly with the text (the statement pairs
/// found through an index by service, the pattern checks without allocation), measured in the
/// tools module in Node (CPU time, one policy of similar statements): 64 KB 60 ms, 184 KB
/// 135 ms, 256 KB 190 ms (before: 82, 300, 430 ms). 192 KB keeps a 184 KB scenario
/// linted at about the cost 46 KB had when the limit was set (148 ms). `iam-playground lint`
/// has no limit.
pub const INTERACTIVE_LINT_LIMIT: usize = 192 * 1024;

/// An answer with the lint findings beside it (the answer's JSON plus `lint`).
#[derive(Debug, Clone, Serialize)]
pub struct LintedAnswer {
    /// The evaluation, as `iam-playground eval --format json` prints it.
    #[serde(flatten)]
    pub answer: Answer,
    /// Lint findings that are not among the answer's diagnostics (same code at the same
    /// place), sorted by position. Empty without a catalog or above `limit`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint: Vec<DiagnosticOut>,
}

/// Evaluates `text` with `data`; with a catalog and for a text of at most `limit` bytes, adds
/// the lint findings the answer does not already report.
pub fn evaluate_and_lint(text: &str, data: AwsData, limit: usize) -> LintedAnswer {
    // One reading and one evaluation: lint goes on from the scenario evaluation read.
    let evaluation = crate::answer::evaluation(text, data);
    let lint = if data.catalog.is_some() && text.len() <= limit {
        let seen = |d: &Diagnostic| {
            evaluation
                .diagnostics
                .iter()
                .any(|a| a.code == d.code && a.span.map(|s| s.start) == d.span.map(|s| s.start))
        };
        let mut found = super::lint_evaluated(&evaluation, data);
        super::tidy(&mut found);
        found.retain(|d| !seen(d));
        crate::answer::render_diagnostics(text, evaluation.index(), found)
    } else {
        Vec::new()
    };
    LintedAnswer {
        answer: evaluation.into_answer(text),
        lint,
    }
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
        let out = evaluate_and_lint(TYPO, data, INTERACTIVE_LINT_LIMIT);
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
    fn no_lint_without_a_catalog_or_above_the_limit() {
        assert!(
            evaluate_and_lint(TYPO, AwsData::default(), INTERACTIVE_LINT_LIMIT)
                .lint
                .is_empty()
        );
        let data = AwsData {
            catalog: Some(crate::aws::catalog::tests::real()),
            managed: None,
        };
        assert!(evaluate_and_lint(TYPO, data, TYPO.len() - 1)
            .lint
            .is_empty());
    }
}
