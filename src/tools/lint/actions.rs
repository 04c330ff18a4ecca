//! `Action` / `NotAction` against the catalog: unknown services and actions (Access
//! Analyzer: "Invalid service in action", "Invalid action"), and patterns that match no
//! action at all.

use super::{inner, inner_replacement};
use crate::aws::catalog::{Catalog, Service};
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::i18n::Msg;
use crate::model::Statement;

pub(super) fn check(catalog: &Catalog, stmt: &Statement, out: &mut Vec<Diagnostic>) {
    for p in &stmt.action.patterns {
        if let Some(d) = check_action(catalog, &p.value, p.span, &stmt.action_element()) {
            out.push(d);
        }
    }
}

/// Checks one action or action pattern written at `span`; `element` names where it is
/// (`Action`, `NotAction`, the request's `action`).
pub(super) fn check_action(
    catalog: &Catalog,
    text: &str,
    span: Span,
    element: &str,
) -> Option<Diagnostic> {
    if text == "*" {
        return None;
    }
    let (prefix, name) = text.split_once(':')?;
    if prefix.contains(['*', '?']) {
        return None;
    }
    let Some(service) = catalog.service(prefix) else {
        return Some(unknown_service(catalog, text, span));
    };
    if name.contains(['*', '?']) {
        if catalog.covers_any(text) {
            return None;
        }
        let name_span = inner(span, text, prefix.len() + 1, text.len());
        return Some(
            Diagnostic::error(
                "action-matches-nothing",
                Msg::new("lint.action-matches-nothing")
                    .arg("pattern", text)
                    .arg("service", &service.prefix),
                name_span,
            )
            .with_help(
                Msg::new("lint.action-matches-nothing.help")
                    .arg("element", element)
                    .arg("count", service.actions.len())
                    .arg("service", &service.prefix),
            ),
        );
    }
    if catalog.action(text).is_some() {
        return None;
    }
    Some(unknown_action(
        catalog,
        service,
        text,
        (prefix.len(), name),
        span,
    ))
}

/// `text`'s service prefix (before the colon) is no service of the catalog.
fn unknown_service(catalog: &Catalog, text: &str, span: Span) -> Diagnostic {
    let (prefix, name) = text.split_once(':').unwrap_or((text, ""));
    let prefixes = catalog.service_prefixes();
    let close = did_you_mean(prefix, &prefixes);
    let (at, replacement) = match close {
        Some(s) => inner_replacement(span, text, 0, prefix.len(), s, &format!("{s}:{name}")),
        None => (inner(span, text, 0, prefix.len()), String::new()),
    };
    let help = match close {
        Some(s) => Msg::new("help.did-you-mean").arg("name", format!("{s}:{name}")),
        None => Msg::new("lint.unknown-service.help"),
    };
    let d = Diagnostic::error(
        "unknown-service",
        Msg::new("lint.unknown-service")
            .arg("prefix", prefix)
            .arg("action", text),
        at,
    )
    .with_help(help);
    if close.is_some() {
        d.with_replacement(replacement)
    } else {
        d
    }
}

/// `text` (no wildcard; its service prefix is `prefix_len` bytes long, its action name is
/// `name`) names no action of `service`: the closest one as a correction.
fn unknown_action(
    catalog: &Catalog,
    service: &Service,
    text: &str,
    (prefix_len, name): (usize, &str),
    span: Span,
) -> Diagnostic {
    let name_span = inner(span, text, prefix_len + 1, text.len());
    let close = catalog.closest_action(service, name);
    // The correction of the name part (same service), or of the whole action (another one).
    let replacement =
        close.as_ref().map(
            |full| match full.strip_prefix(&format!("{}:", service.prefix)) {
                Some(part) => inner_replacement(span, text, prefix_len + 1, text.len(), part, full),
                None => (span, crate::tools::ordered_json::quote(full)),
            },
        );
    let help = match close {
        Some(full) if full.starts_with(&format!("{}:", service.prefix)) => {
            Msg::new("help.did-you-mean").arg("name", full)
        }
        Some(full) => Msg::new("lint.unknown-action.help.other-service")
            .arg("action", full)
            .arg("name", name),
        None => Msg::new("lint.unknown-action.help.none")
            .arg("service", &service.prefix)
            .arg("name", name)
            .arg("count", service.actions.len()),
    };
    let d = Diagnostic::error(
        "unknown-action",
        Msg::new("lint.unknown-action")
            .arg("action", text)
            .arg("service", &service.prefix),
        name_span,
    )
    .with_help(help);
    match replacement {
        Some((at, text)) => Diagnostic {
            span: Some(at),
            ..d.with_replacement(text)
        },
        None => d,
    }
}

/// The element's name as written.
trait ActionElement {
    fn action_element(&self) -> String;
}

impl ActionElement for Statement {
    fn action_element(&self) -> String {
        if self.action.negated {
            "NotAction".into()
        } else {
            "Action".into()
        }
    }
}
