//! The scenario's requests against the catalog: a request for an action AWS does not have is
//! decided `ImplicitDeny` without any hint, the most confusing answer of all.
//!
//! The request's `action` gets the same checks as a policy's `Action` (`unknown-service`,
//! `unknown-action` with "did you mean"); its `resource` is checked against the action's
//! resource types (`resource-matches-no-resource-type`); its context keys against the
//! catalog (`unknown-condition-key`, as a warning: the request only supplies the value).

use super::actions::check_action;
use super::conditions::unknown_key;
use crate::aws::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Msg;
use crate::model::Request;

pub(super) fn check(catalog: &Catalog, request: &Request, out: &mut Vec<Diagnostic>) {
    let action = &request.action;
    if let Some(d) = check_action(catalog, &action.value, action.span, "action") {
        out.push(d);
    } else if let Some(a) = catalog.action(&action.value) {
        let resource = &request.resource;
        if resource.value.starts_with("arn:") {
            let types: Vec<_> = a.resource_types().collect();
            let fits = types.iter().any(|rt| {
                rt.templates()
                    .any(|t| super::glob::arn_intersects(&resource.value, t))
            });
            if !fits && !a.service.partial {
                let help = if types.is_empty() {
                    Msg::new("lint.request-resource.untyped.help")
                        .arg("action", &a.action.full_name)
                } else {
                    let list: Vec<String> = types
                        .iter()
                        .map(|t| format!("`{}` (`{}`)", t.name, t.arn))
                        .collect();
                    Msg::new("lint.request-resource.help")
                        .arg("action", &a.action.full_name)
                        .list("templates", list)
                };
                let severity = if types.is_empty() {
                    Severity::Suggestion
                } else {
                    Severity::Warning
                };
                out.push(
                    Diagnostic::warning(
                        "resource-matches-no-resource-type",
                        Msg::new("lint.resource-matches-no-resource-type")
                            .arg("resource", &resource.value)
                            .phrase(
                                "subject",
                                Msg::new("lint.subject.one").arg("action", &a.action.full_name),
                            ),
                        resource.span,
                    )
                    .with_severity(severity)
                    .with_help(help),
                );
            }
        }
    }
    for entry in &request.context {
        let key = &entry.key;
        if catalog.find_key(&key.value).is_none() {
            out.push(unknown_key(catalog, &key.value, key.span).with_severity(Severity::Warning));
        }
    }
}
