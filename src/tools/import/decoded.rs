//! The decoded authorization message (STS API Reference, "DecodeAuthorizationMessage": "The
//! decoded message includes the following type of information: Whether the request was denied
//! due to an explicit deny or due to the absence of an explicit allow ... The principal who made
//! the request. The requested action. The requested resource. The values of condition keys in
//! the context of the user's request.").
//!
//! ```json
//! {"allowed": false, "explicitDeny": false,
//!  "matchedStatements": {"items": []}, "failures": {"items": []},
//!  "context": {"principal": {"id": "AIDA...", "name": "test-user", "arn": "arn:aws:iam::..."},
//!              "action": "iam:PassRole", "resource": "arn:aws:iam::...:role/...",
//!              "conditions": {"items": [{"key": "iam:PassedToService",
//!                                        "values": {"items": [{"value": "ec2.amazonaws.com"}]}}]}}}
//! ```

use super::{
    context_value, ArtifactFormat, DenyHint, HintDecision, ImportNote, Imported, ImportedKey,
};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Msg;
use crate::parse::json::{Json, JsonKind};

fn opening(span: Span) -> Span {
    Span::new(span.start, (span.start + 1).min(span.end))
}

fn items<'j>(v: &'j Json<'j>) -> &'j [Json<'j>] {
    v.get("items").and_then(Json::as_array).unwrap_or(&[])
}

/// The strings of `{"items": [{"value": "..."}]}` (numbers and booleans as written).
fn values(v: &Json) -> Vec<String> {
    items(v)
        .iter()
        .filter_map(|i| {
            let v = i.get("value").unwrap_or(i);
            match &v.kind {
                JsonKind::String(s) => Some(s.to_string()),
                JsonKind::Number(n) => Some(n.to_string()),
                JsonKind::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        })
        .collect()
}

fn required_string<'j>(
    parent: &'j Json<'j>,
    key: &str,
    path: &str,
    errors: &mut Vec<Diagnostic>,
    help: &str,
) -> Option<&'j str> {
    match parent.get(key) {
        Some(v) => match v.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                errors.push(
                    Diagnostic::error("import-empty-value", format!("`{path}` is empty"), v.span)
                        .with_help(help.to_string()),
                );
                None
            }
            None => {
                errors.push(
                    Diagnostic::error(
                        "import-wrong-type",
                        format!("`{path}` should be a string, found {}", v.type_name()),
                        v.span,
                    )
                    .with_help(help.to_string()),
                );
                None
            }
        },
        None => {
            errors.push(
                Diagnostic::error(
                    "import-missing",
                    format!("the decoded message has no `{path}`"),
                    opening(parent.span),
                )
                .with_help(help.to_string()),
            );
            None
        }
    }
}

/// Reads a decoded message.
pub(super) fn read(root: &Json) -> Result<Imported, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    if root.as_object().is_none() {
        return Err(vec![Diagnostic::error(
            "import-wrong-type",
            format!(
                "the decoded message should be an object, found {}",
                root.type_name()
            ),
            root.span,
        )]);
    }
    let Some(context) = root.get("context") else {
        return Err(vec![Diagnostic::error(
            "import-missing",
            "the decoded message has no `context`",
            opening(root.span),
        )
        .with_help("the request (principal, action, resource, condition keys) is in `context`; paste the whole decoded message")]);
    };
    if context.as_object().is_none() {
        return Err(vec![Diagnostic::error(
            "import-wrong-type",
            format!(
                "`context` should be an object, found {}",
                context.type_name()
            ),
            context.span,
        )]);
    }
    let action = required_string(
        context,
        "action",
        "context.action",
        &mut errors,
        "the denied action, such as `\"action\": \"iam:PassRole\"`",
    );
    let principal = principal_of(context, &mut errors);
    let resource = resource_of(context, &mut notes);
    let context_keys = context_keys(context, principal.map(|(_, p)| p), &mut notes);
    let hint = verdict_notes(root, &mut notes);
    match (principal, action) {
        (Some((principal, _)), Some(action)) if errors.is_empty() => Ok(Imported {
            format: ArtifactFormat::DecodedMessage,
            principal: principal.to_string(),
            action: action.to_string(),
            resource,
            context: context_keys,
            hint: Some(hint),
            notes,
        }),
        _ => Err(errors),
    }
}

/// `context.principal`: its ARN, and the object (for its `id`).
fn principal_of<'j>(
    context: &'j Json<'j>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(&'j str, &'j Json<'j>)> {
    match context.get("principal") {
        Some(p) if p.as_object().is_some() => required_string(
            p,
            "arn",
            "context.principal.arn",
            errors,
            "the principal's ARN, such as `\"arn\": \"arn:aws:iam::111122223333:user/test-user\"`",
        )
        .map(|s| (s, p)),
        Some(p) => {
            errors.push(Diagnostic::error(
                "import-wrong-type",
                format!(
                    "`context.principal` should be an object, found {}",
                    p.type_name()
                ),
                p.span,
            ));
            None
        }
        None => {
            errors.push(
                Diagnostic::error(
                    "import-missing",
                    "the decoded message has no `context.principal`",
                    opening(context.span),
                )
                .with_help(
                    "the principal is `{\"id\": ..., \"name\": ..., \"arn\": ...}` in `context`",
                ),
            );
            None
        }
    }
}

/// `context.resource`, or a note that the scenario uses `*`.
fn resource_of(context: &Json, notes: &mut Vec<ImportNote>) -> Option<String> {
    match context.get("resource") {
        Some(r) => match r.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            _ => {
                notes.push(ImportNote::could_not_infer(Msg::new(
                    "import.note.resource-not-string",
                )));
                None
            }
        },
        None => {
            notes.push(ImportNote::could_not_infer(Msg::new(
                "import.note.no-context-resource",
            )));
            None
        }
    }
}

/// The context keys: `aws:userid` from the principal's id, and `context.conditions`.
fn context_keys(
    context: &Json,
    principal: Option<&Json>,
    notes: &mut Vec<ImportNote>,
) -> Vec<ImportedKey> {
    let mut context_keys = Vec::new();
    if let Some(p) = principal {
        if let Some(id) = p.get("id").and_then(Json::as_str) {
            context_keys.push(ImportedKey {
                key: "aws:userid".to_string(),
                value: context_value(vec![id.to_string()]),
                from: "context.principal.id".to_string(),
            });
            notes.push(ImportNote::assumed(
                Msg::new("import.note.userid").arg("id", id),
            ));
        }
    }
    if let Some(conditions) = context.get("conditions") {
        // Key names are case-insensitive; the first spelling wins.
        let mut seen: std::collections::HashSet<String> = context_keys
            .iter()
            .map(|k: &ImportedKey| k.key.to_ascii_lowercase())
            .collect();
        for item in items(conditions) {
            let Some(key) = item.get("key").and_then(Json::as_str) else {
                notes.push(ImportNote::info(Msg::new("import.note.condition-no-key")));
                continue;
            };
            let vals = item.get("values").map(values).unwrap_or_default();
            if vals.is_empty() {
                notes.push(ImportNote::info(
                    Msg::new("import.note.key-no-values").arg("key", key),
                ));
                continue;
            }
            if !seen.insert(key.to_ascii_lowercase()) {
                continue;
            }
            context_keys.push(ImportedKey {
                key: key.to_string(),
                value: context_value(vals),
                from: "context.conditions".to_string(),
            });
        }
    }
    context_keys
}

/// What the message says about the decision, as a hint and notes.
fn verdict_notes(root: &Json, notes: &mut Vec<ImportNote>) -> DenyHint {
    let allowed = matches!(
        root.get("allowed").map(|v| &v.kind),
        Some(JsonKind::Bool(true))
    );
    let explicit = matches!(
        root.get("explicitDeny").map(|v| &v.kind),
        Some(JsonKind::Bool(true))
    );
    let hint = if allowed {
        notes.push(ImportNote::info(Msg::new("import.note.was-allowed")));
        DenyHint::new(HintDecision::Allowed, None, None, None)
    } else if explicit {
        DenyHint::new(HintDecision::ExplicitDeny, None, None, None)
    } else {
        DenyHint::new(HintDecision::ImplicitDeny, None, None, None)
    };
    if !allowed && !explicit {
        notes.push(ImportNote::could_not_infer(Msg::new(
            "import.note.which-policy-decoded",
        )));
    }
    if let Some(m) = root.get("matchedStatements") {
        for s in items(m) {
            let sid = s.get("statementId").and_then(Json::as_str).unwrap_or("");
            let effect = s.get("effect").and_then(Json::as_str).unwrap_or("?");
            let actions = s.get("actions").map(values).unwrap_or_default();
            let resources = s.get("resources").map(values).unwrap_or_default();
            let said = if sid.is_empty() {
                Msg::new("import.note.matched-statement")
            } else {
                Msg::new("import.note.matched-statement-sid").arg("sid", sid)
            };
            notes.push(ImportNote::info(
                said.arg("effect", effect)
                    .list("actions", actions)
                    .list("resources", resources),
            ));
        }
    }
    if let Some(f) = root.get("failures") {
        let n = items(f).len();
        if n > 0 {
            let key = if n == 1 {
                "import.note.failures.one"
            } else {
                "import.note.failures.other"
            };
            notes.push(ImportNote::info(Msg::new(key).arg("n", n)));
        }
    }
    hint
}
