//! Lint: findings about policies that are valid but do not do what they seem to, in the
//! vocabulary of IAM Access Analyzer's policy checks. The CLI (`iam-playground lint`) and the
//! page call the same functions, so they agree.
//!
//! ```
//! use iam_playground::tools::lint::lint;
//!
//! let policy = r#"{"Version": "2012-10-17", "Statement": [
//!   {"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*"}]}"#;
//! let findings = lint(policy, None);
//! assert_eq!(findings[0].code, "redundant-action");
//! ```
//!
//! What lint reports (every code is listed in `docs/lint-codes.md`):
//! - everything the parser reports (errors, `missing-version`...) and the evaluation-time
//!   warnings of [`crate::decide::warnings`] (`passrole-wildcard-resource`...), so lint's list is a
//!   superset of what evaluation shows;
//! - without a catalog: policy variables in a policy that is not version `2012-10-17`,
//!   redundant actions, resources and statements, Allow statements a Deny always overrides;
//! - with a [`Catalog`]: unknown services, actions and condition keys (with "did you mean"),
//!   action patterns that match nothing, resources that fit none of the actions' resource
//!   types, condition keys the actions never have, operators of the wrong type, and the set
//!   operators checked against the key's cardinality as the catalog gives it.
//!
//! Policies written as `{"managed": "Name"}` are AWS's own: lint checks only what the user
//! wrote.

mod actions;
mod beside;
mod conditions;
pub mod glob;
mod requests;
mod resources;
mod statements;

#[cfg(test)]
mod tests;

pub use beside::{evaluate_and_lint, LintLater, LintedAnswer, INTERACTIVE_LINT_LIMIT};

use serde::Serialize;

use crate::answer::result::DiagnosticOut;
use crate::aws::catalog::{ActionRef, Catalog, DataSource};
use crate::diagnostic::{Diagnostic, LineIndex, Severity, Span};
use crate::model::{Policy, PolicyKind, Scenario, Statement};
use crate::parse::is_managed;
use crate::parse::json::{self, JsonKind};
use crate::AwsData;

/// The codes [`crate::decide::warnings`] reports about cardinality; with a catalog, lint reports them
/// from the catalog's key types instead.
const CARDINALITY_CODES: &[&str] = &[
    "set-operator-on-single-valued-key",
    "multivalued-key-without-set-operator",
];

/// Lints a scenario (or a bare policy document, read as an identity-based policy, or as a
/// resource-based policy when a statement names a `Principal`). Diagnostics are sorted by
/// position.
pub fn lint(text: &str, catalog: Option<&Catalog>) -> Vec<Diagnostic> {
    lint_with(
        text,
        AwsData {
            catalog,
            managed: None,
        },
    )
}

/// [`lint`] with every kind of AWS data: the managed policies resolve `{"managed": ...}`.
///
/// For a scenario, the findings start with everything evaluation reports
/// ([`crate::evaluate_with`]: parser diagnostics and the warnings beside a decision), so the
/// list is a superset of the answer's `diagnostics`.
pub fn lint_with(text: &str, data: AwsData) -> Vec<Diagnostic> {
    let mut out = match bare_policy(text) {
        Some(kind) => {
            let (policy, mut out) = crate::parse::parse_policy(text, kind);
            if let Some(policy) = policy {
                let scenario = Scenario {
                    policies: vec![policy],
                    ..Scenario::default()
                };
                evaluation_warnings(&scenario, data.catalog, &mut out);
                lint_scenario(&scenario, data.catalog, &mut out);
            }
            out
        }
        None => {
            let evaluation = crate::answer::evaluation(text, data);
            lint_evaluated(&evaluation.diagnostics, evaluation.scenario.as_ref(), data)
        }
    };
    tidy(&mut out);
    out
}

/// The findings for an evaluation: everything it reported, then the lint checks on the
/// scenario it read (the text is not read again). Unsorted: see [`tidy`].
pub(crate) fn lint_evaluated(
    diagnostics: &[Diagnostic],
    scenario: Option<&Scenario>,
    data: AwsData,
) -> Vec<Diagnostic> {
    let mut out = diagnostics.to_vec();
    if let Some(scenario) = scenario {
        if data.catalog.is_some() {
            drop_replaced(scenario, &mut out);
        }
        lint_scenario(scenario, data.catalog, &mut out);
    }
    out
}

/// Sorted by place, each finding once.
pub(crate) fn tidy(out: &mut Vec<Diagnostic>) {
    out.sort_by_key(|d| (d.span.map(|s| (s.start, s.end)), d.severity));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
}

/// With a catalog, lint reports key cardinality from the catalog: evaluation's findings of the
/// same codes about the user's own policies are dropped (those about managed policies stay).
fn drop_replaced(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let own: Vec<Span> = scenario
        .policies
        .iter()
        .filter(|p| !is_managed(p))
        .map(|p| p.span)
        .collect();
    out.retain(|d| {
        let inside = d
            .span
            .is_some_and(|s| own.iter().any(|p| p.start <= s.start && s.end <= p.end));
        !(inside && CARDINALITY_CODES.contains(&d.code))
    });
}

/// [`crate::decide::warnings`] on a bare policy, as evaluation would report them.
fn evaluation_warnings(scenario: &Scenario, catalog: Option<&Catalog>, out: &mut Vec<Diagnostic>) {
    for policy in &scenario.policies {
        let mut found = Vec::new();
        crate::decide::warnings::check_policy(policy, &mut found);
        out.extend(
            found
                .into_iter()
                .filter(|d| !(catalog.is_some() && CARDINALITY_CODES.contains(&d.code))),
        );
    }
}

/// `Some(kind)` when the text is a bare policy document (it has `Statement` and no
/// `policies`): read as an identity-based policy, or as a resource-based policy when a
/// statement names a principal.
fn bare_policy(text: &str) -> Option<PolicyKind> {
    let root = json::parse(text).ok()?;
    let is_policy = root.get("Statement").is_some() && root.get("policies").is_none();
    if !is_policy {
        return None;
    }
    let statements: Vec<&json::Json> = match root.get("Statement").map(|s| &s.kind) {
        Some(JsonKind::Array(items)) => items.iter().collect(),
        Some(JsonKind::Object(_)) => root.get("Statement").into_iter().collect(),
        _ => Vec::new(),
    };
    let names_principal = statements
        .iter()
        .any(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some());
    Some(if names_principal {
        PolicyKind::Resource
    } else {
        PolicyKind::Identity
    })
}

/// The lint checks on a parsed scenario (beyond the parser's diagnostics and evaluation's
/// warnings), appended to `out`.
pub fn lint_scenario(scenario: &Scenario, catalog: Option<&Catalog>, out: &mut Vec<Diagnostic>) {
    let own: Vec<&Policy> = scenario
        .policies
        .iter()
        .filter(|p| !is_managed(p))
        .collect();
    for policy in &own {
        conditions::version(policy, out);
        for stmt in &policy.statements {
            statements::redundant_patterns(stmt, out);
        }
        statements::redundant_statements(policy, out);
        if let Some(catalog) = catalog {
            for stmt in &policy.statements {
                let covered = Covered::of(catalog, stmt);
                actions::check(catalog, stmt, out);
                resources::check(catalog, stmt, &covered, out);
                conditions::check(catalog, stmt, &covered, out);
            }
        }
    }
    statements::shadowed(scenario, &own, out);
    if let Some(catalog) = catalog {
        for request in &scenario.requests {
            requests::check(catalog, request, out);
        }
    }
}

/// The actions a statement's `Action` covers, for the catalog checks.
pub(crate) struct Covered<'c> {
    /// Every action covered (empty for `NotAction` and for `*`).
    actions: Vec<ActionRef<'c>>,
    /// True when the statement uses `NotAction` or a pattern covering every service: the
    /// per-action checks are skipped.
    open: bool,
    /// True when an action is of a service whose data is partial ([`crate::aws::catalog::Service`]):
    /// what the data lacks proves nothing, so resource and key support are not checked.
    partial: bool,
}

impl<'c> Covered<'c> {
    fn of(catalog: &'c Catalog, stmt: &Statement) -> Self {
        let patterns = &stmt.action.patterns;
        let open = stmt.action.negated
            || patterns.iter().any(|p| {
                p.value
                    .split_once(':')
                    .is_none_or(|(prefix, _)| prefix.contains(['*', '?']))
            });
        if open {
            return Covered {
                actions: Vec::new(),
                open,
                partial: false,
            };
        }
        let mut actions: Vec<ActionRef<'c>> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in patterns {
            for a in catalog.covered(&p.value) {
                if seen.insert(std::ptr::from_ref(a.action)) {
                    actions.push(a);
                }
            }
        }
        let partial = actions.iter().any(|a| a.service.partial);
        Covered {
            actions,
            open,
            partial,
        }
    }
}

/// The span of bytes `start..end` of the string `value` written at `span`, when the string is
/// written without escapes (so offsets carry over); else the whole string.
pub(crate) fn inner(span: Span, value: &str, start: usize, end: usize) -> Span {
    inner_replacement(span, value, start, end, "", "").0
}

/// The part `value[start..end]` of the string literal at `span` (as [`inner`]) and the text
/// that corrects it: `part` when the part could be located, else the whole literal's
/// correction `whole`, quoted.
pub(crate) fn inner_replacement(
    span: Span,
    value: &str,
    start: usize,
    end: usize,
    part: &str,
    whole: &str,
) -> (Span, String) {
    let plain = span.end.checked_sub(span.start) == Some(value.len() + 2);
    if plain && start <= end && end <= value.len() {
        (
            Span::new(span.start + 1 + start, span.start + 1 + end),
            part.to_string(),
        )
    } else {
        (span, crate::tools::ordered_json::quote(whole))
    }
}

/// Lint findings ready to show: what `iam-playground lint --format json` prints and the
/// page's `lint` returns.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintReport {
    /// The engine's version.
    pub engine_version: &'static str,
    /// The catalog the checks used (absent: the catalog-free checks only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<DataSource>,
    /// The findings, sorted by position, with line, column and UTF-16 offsets.
    pub diagnostics: Vec<DiagnosticOut>,
    /// How many errors.
    pub errors: usize,
    /// How many security warnings.
    pub security_warnings: usize,
    /// How many warnings.
    pub warnings: usize,
    /// How many suggestions.
    pub suggestions: usize,
}

/// [`lint_with`], rendered for display.
pub fn lint_report(text: &str, data: AwsData) -> LintReport {
    let diags = lint_with(text, data);
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (errors, security_warnings, warnings, suggestions) = (
        count(Severity::Error),
        count(Severity::SecurityWarning),
        count(Severity::Warning),
        count(Severity::Suggestion),
    );
    let index = LineIndex::new(text);
    LintReport {
        engine_version: crate::VERSION,
        catalog: data.catalog.map(|c| c.source().clone()),
        diagnostics: crate::answer::render_diagnostics(text, &index, diags),
        errors,
        security_warnings,
        warnings,
        suggestions,
    }
}
