//! `Resource` against the resource types of the statement's actions ("Actions, resources, and
//! condition keys for AWS services": the Resource types column lists the ARNs an action can be
//! limited to; with no resource type, the statement must use `"Resource": "*"`).
//!
//! - `resource-matches-no-resource-type`: a resource ARN that is the ARN of no resource type
//!   any of the statement's actions acts on (`s3:GetObject` on `arn:aws:s3:::bucket`, a bucket
//!   rather than its objects). That entry never matches a request of these actions.
//! - `action-matches-no-resource`: an action named in full, none of whose resource types the
//!   statement's resources fit (`s3:ListBucket` next to `arn:aws:s3:::bucket/*`). The
//!   statement never applies to that action.

use super::glob::arn_intersects;
use super::Covered;
use crate::aws::catalog::{ActionRef, Catalog, ResourceType};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::{some_of, Msg};
use crate::model::Statement;

/// Whether the ARN pattern `resource` can name a resource of type `rt`.
fn fits(resource: &str, rt: &ResourceType) -> bool {
    rt.templates().any(|t| arn_intersects(resource, t))
}

/// The resource patterns lint can judge: ARNs, not `*`.
fn arn_patterns(stmt: &Statement) -> Vec<(&str, Span)> {
    match &stmt.resource {
        Some(r) if !r.negated => r
            .patterns
            .iter()
            .filter(|p| p.value.starts_with("arn:"))
            .map(|p| (p.value.as_str(), p.span))
            .collect(),
        _ => Vec::new(),
    }
}

fn has_star(stmt: &Statement) -> bool {
    stmt.resource
        .as_ref()
        .is_none_or(|r| r.negated || r.patterns.iter().any(|p| p.value == "*"))
}

pub(super) fn check(
    catalog: &Catalog,
    stmt: &Statement,
    covered: &Covered,
    out: &mut Vec<Diagnostic>,
) {
    if covered.open || covered.partial || covered.actions.is_empty() {
        return;
    }
    let resources = arn_patterns(stmt);
    if resources.is_empty() {
        return;
    }
    for &(resource, span) in &resources {
        if let Some(d) = resource_fits_nothing(resource, span, &covered.actions) {
            out.push(d);
        }
    }
    if has_star(stmt) {
        return;
    }
    // Actions named in full whose resource types no resource of the statement fits.
    for p in &stmt.action.patterns {
        if p.value.contains(['*', '?']) {
            continue;
        }
        let Some(action) = catalog.action(&p.value) else {
            continue;
        };
        let types: Vec<&ResourceType> = action.resource_types().collect();
        let any_fit = resources
            .iter()
            .any(|(r, _)| types.iter().any(|rt| fits(r, rt)));
        if any_fit {
            continue;
        }
        let d = if types.is_empty() {
            // The reference lists no resource type: the action is authorized on `*` only. (A
            // suggestion: AWS's own policies often list such actions beside ARNs.)
            Diagnostic::warning(
                "action-matches-no-resource",
                Msg::new("lint.action-matches-no-resource.untyped")
                    .arg("action", &action.action.full_name),
                p.span,
            )
            .with_severity(crate::diagnostic::Severity::Suggestion)
            .with_help(Msg::new("lint.action-matches-no-resource.untyped.help"))
        } else {
            Diagnostic::warning(
                "action-matches-no-resource",
                Msg::new("lint.action-matches-no-resource")
                    .phrase("types", type_phrase(&types))
                    .arg("action", &action.action.full_name),
                p.span,
            )
            .with_help(
                Msg::new("lint.action-matches-no-resource.help")
                    .phrase("templates", templates(&types)),
            )
        };
        out.push(d);
    }
}

fn resource_fits_nothing(resource: &str, span: Span, actions: &[ActionRef]) -> Option<Diagnostic> {
    let mut types: Vec<&ResourceType> = Vec::new();
    for a in actions {
        for rt in a.resource_types() {
            if !types.iter().any(|t| std::ptr::eq(*t, rt)) {
                types.push(rt);
            }
        }
    }
    if types.iter().any(|rt| fits(resource, rt)) {
        return None;
    }
    let names: Vec<&str> = actions
        .iter()
        .map(|a| a.action.full_name.as_str())
        .collect();
    let subject = match names.as_slice() {
        [one] => Msg::new("lint.subject.one").arg("action", one),
        _ => Msg::new("lint.subject.many").arg("count", names.len()),
    };
    if types.is_empty() {
        // A suggestion: the reference lists no resource type, so AWS documents `*` as the
        // only resource; AWS's own policies sometimes name ARNs for such actions.
        return Some(
            Diagnostic::warning(
                "resource-matches-no-resource-type",
                Msg::new("lint.resource-matches-no-resource-type.untyped")
                    .phrase("subject", subject)
                    .arg("resource", resource),
                span,
            )
            .with_severity(crate::diagnostic::Severity::Suggestion)
            .with_help(Msg::new(
                "lint.resource-matches-no-resource-type.untyped.help",
            )),
        );
    }
    // The common slip: a bucket where objects are meant.
    let with_objects = format!("{}/*", resource.trim_end_matches('/'));
    let help = if types.iter().any(|rt| fits(&with_objects, rt)) {
        Msg::new("lint.resource-matches-no-resource-type.help.objects")
            .arg("suggestion", with_objects)
    } else {
        Msg::new("lint.resource-matches-no-resource-type.help")
    }
    .phrase("subject", subject.clone())
    .phrase("templates", templates(&types));
    Some(
        Diagnostic::warning(
            "resource-matches-no-resource-type",
            Msg::new("lint.resource-matches-no-resource-type")
                .arg("resource", resource)
                .phrase("subject", subject),
            span,
        )
        .with_help(help),
    )
}

/// "a `role` ARN", "an ARN of `object` or `bucket`".
fn type_phrase(types: &[&ResourceType]) -> Msg {
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    match names.as_slice() {
        [one] => Msg::new("lint.arn-of-type").arg("type", one),
        _ => Msg::new("lint.arn-of-types").phrase("types", some_of(&names, 3, true)),
    }
}

/// "`role` (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`), ..."
fn templates(types: &[&ResourceType]) -> Msg {
    let shown: Vec<String> = types
        .iter()
        .take(3)
        .map(|t| format!("`{}` (`{}`)", t.name, t.arn))
        .collect();
    let more = types.len().saturating_sub(3);
    if more > 0 {
        Msg::new("lint.templates-more")
            .list("items", shown)
            .arg("more", more)
    } else {
        Msg::new("lint.templates").list("items", shown)
    }
}
