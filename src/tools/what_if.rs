//! What-if switches: evaluating a scenario with some policies or statements switched off
//! (`whatIf.disabled`, see docs/scenario-extensions.md), and editing those switches in the
//! scenario text.
//!
//! A switched-off policy is as if detached: a switched-off permissions boundary means "no
//! boundary", not "a boundary that allows nothing". A switched-off statement is as if deleted
//! from its policy; the policy stays (so a boundary whose only statement is off allows
//! nothing). Switched-off statements are still explained, in
//! [`RequestResult::disabled_statements`](crate::answer::result::RequestResult), as if they were on.
//!
//! ```
//! let text = r#"{"policies": {"identity": [{"Version": "2012-10-17",
//!     "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice",
//!               "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key"},
//!   "whatIf": {"disabled": [{"kind": "identity", "index": 0}]}}"#;
//! let answer = iam_playground::evaluate(text);
//! assert_eq!(answer.decision, Some(iam_playground::model::Decision::ImplicitDeny));
//! assert_eq!(answer.requests[0].disabled_statements.len(), 1);
//! ```

use crate::answer::result::{PolicyRef, StatementExplanation};
use crate::decide::decision::Decided;
use crate::decide::statement::{self, Target};
use crate::diagnostic::LineIndex;
use crate::model::{Disabled, Policy, PolicyKind, Request, Scenario};
use crate::parse::json::{self, Json, JsonKind};

/// A scenario with its switches applied.
pub struct Split {
    /// The policies and statements that are on.
    pub active: Scenario,
    /// The switched-off parts, in source order: each policy holds only its switched-off
    /// statements (all of them when the whole policy is off).
    pub off: Vec<Policy>,
}

/// True when the whole policy is switched off.
pub fn policy_disabled(disabled: &[Disabled], policy: &Policy) -> bool {
    disabled.iter().any(|d| {
        d.statement.is_none()
            && d.kind == policy.kind
            && d.index == policy.index
            && d.position == policy.position
    })
}

fn statement_disabled(disabled: &[Disabled], policy: &Policy, statement: usize) -> bool {
    disabled.iter().any(|d| {
        d.statement == Some(statement)
            && d.kind == policy.kind
            && d.index == policy.index
            && d.position == policy.position
    })
}

/// Applies the switches; `None` when nothing is switched off (evaluate the scenario as is).
pub fn split(scenario: &Scenario) -> Option<Split> {
    if scenario.disabled.is_empty() {
        return None;
    }
    let mut active = scenario.clone();
    let mut off = Vec::new();
    active.policies.clear();
    for policy in &scenario.policies {
        if policy_disabled(&scenario.disabled, policy) {
            off.push(policy.clone());
            continue;
        }
        let (off_stmts, on_stmts): (Vec<_>, Vec<_>) = policy
            .statements
            .iter()
            .cloned()
            .partition(|s| statement_disabled(&scenario.disabled, policy, s.index));
        if !off_stmts.is_empty() {
            let mut p = policy.clone();
            p.statements = off_stmts;
            off.push(p);
        }
        let mut p = policy.clone();
        p.statements = on_stmts;
        active.policies.push(p);
    }
    Some(Split { active, off })
}

/// Explains the switched-off statements against a decided request, as if they were on.
pub fn explain(
    off: &[Policy],
    active: &Scenario,
    request: &Request,
    decided: &Decided,
    index: &LineIndex,
) -> Vec<StatementExplanation> {
    let target = Target {
        principal: &decided.principal,
        action: &request.action.value,
        resource: &request.resource.value,
        context: &decided.context,
        has_boundary: active
            .policies
            .iter()
            .any(|p| p.kind == PolicyKind::PermissionsBoundary),
    };
    off.iter()
        .flat_map(|p| {
            p.statements
                .iter()
                .filter_map(|s| statement::evaluate(p, s, &target, index).explanation)
                .collect::<Vec<_>>()
        })
        .collect()
}

pub use crate::tools::text_edit::TextEdit;

/// Which policy (or statement) a switch is about: a [`PolicyRef`] and an optional statement
/// index, as results name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchTarget {
    /// The policy.
    pub policy: PolicyRef,
    /// The statement; `None` for the whole policy.
    pub statement: Option<usize>,
}

fn switch_json(t: &SwitchTarget) -> String {
    let mut s = format!(
        "{{\"kind\": \"{}\", \"index\": {}",
        t.policy.kind.key(),
        t.policy.index
    );
    if let Some(p) = t.policy.position {
        s.push_str(&format!(", \"position\": {p}"));
    }
    if let Some(st) = t.statement {
        s.push_str(&format!(", \"statement\": {st}"));
    }
    s.push('}');
    s
}

fn same_switch(item: &Json, t: &SwitchTarget) -> bool {
    let num = |k: &str| match item.get(k).map(|v| &v.kind) {
        Some(JsonKind::Number(n)) => n.parse::<usize>().ok(),
        _ => None,
    };
    let leveled = matches!(t.policy.kind, PolicyKind::Scp | PolicyKind::Rcp);
    item.get("kind").and_then(Json::as_str) == Some(t.policy.kind.key())
        && num("index").unwrap_or(0) == t.policy.index
        && (!leveled || num("position").unwrap_or(0) == t.policy.position.unwrap_or(0))
        && num("statement") == t.statement
}

/// The edit that switches a policy or statement off (`off = true`) or back on, keeping the
/// rest of the text as written. `None` when the text is not a JSON object, or when there is
/// nothing to change.
pub fn set_switch(text: &str, target: &SwitchTarget, off: bool) -> Option<TextEdit> {
    let root = json::parse(text).ok()?;
    let members = root.as_object()?;
    let what_if = members.iter().find(|m| m.key == "whatIf");
    let list = what_if
        .and_then(|m| m.value.get("disabled"))
        .and_then(|v| v.as_array().map(|items| (v, items)));
    let existing = list.and_then(|(_, items)| items.iter().position(|i| same_switch(i, target)));
    match (off, existing) {
        (true, Some(_)) | (false, None) => None,
        (true, None) => {
            let entry = switch_json(target);
            match (what_if, list) {
                (_, Some((array, items))) => Some(match items.last() {
                    Some(last) => TextEdit {
                        start: last.span.end,
                        end: last.span.end,
                        text: format!(", {entry}"),
                    },
                    None => TextEdit {
                        start: array.span.start,
                        end: array.span.end,
                        text: format!("[{entry}]"),
                    },
                }),
                (Some(m), None) => Some(TextEdit {
                    start: m.value.span.start,
                    end: m.value.span.end,
                    text: format!("{{\"disabled\": [{entry}]}}"),
                }),
                (None, _) => {
                    let last = members.last()?;
                    Some(TextEdit {
                        start: last.value.span.end,
                        end: last.value.span.end,
                        text: format!(",\n  \"whatIf\": {{\"disabled\": [{entry}]}}"),
                    })
                }
            }
        }
        (false, Some(i)) => {
            let (_, items) = list?;
            let item = items.get(i)?;
            // Remove the entry and the comma that separates it from a neighbour.
            let (start, end) = match (
                i.checked_sub(1).and_then(|p| items.get(p)),
                items.get(i + 1),
            ) {
                (_, Some(next)) => (item.span.start, next.span.start),
                (Some(prev), None) => (prev.span.end, item.span.end),
                (None, None) => (item.span.start, item.span.end),
            };
            Some(TextEdit {
                start,
                end,
                text: String::new(),
            })
        }
    }
}

/// The edit that sets one context key of a request (`value = None` removes it), keeping the
/// rest of the text as written. Keys are found case-insensitively, as AWS compares them.
/// `None` when the text has no such request or nothing changes.
pub fn set_context_value(
    text: &str,
    request: usize,
    key: &str,
    value: Option<&serde_json::Value>,
) -> Option<TextEdit> {
    let root = json::parse(text).ok()?;
    let req = match (root.get("request"), root.get("requests")) {
        (Some(r), None) if request == 0 => r,
        (None, Some(list)) => list.as_array()?.get(request)?,
        _ => return None,
    };
    let members = req.as_object()?;
    let rendered = value.map(|v| serde_json::to_string(v).unwrap_or_else(|_| "null".into()));
    let quoted_key = serde_json::to_string(key).ok()?;
    let Some(context) = members.iter().find(|m| m.key == "context") else {
        let rendered = rendered?;
        let last = members.last()?;
        return Some(TextEdit {
            start: last.value.span.end,
            end: last.value.span.end,
            text: format!(", \"context\": {{{quoted_key}: {rendered}}}"),
        });
    };
    let entries = context.value.as_object()?;
    let found = entries.iter().position(|m| m.key.eq_ignore_ascii_case(key));
    match (found, rendered) {
        (Some(i), Some(rendered)) => {
            let m = entries.get(i)?;
            (m.value.span.text(text) != rendered).then_some(TextEdit {
                start: m.value.span.start,
                end: m.value.span.end,
                text: rendered,
            })
        }
        (Some(i), None) => crate::tools::text_edit::remove_member(entries, i),
        (None, Some(rendered)) => Some(match entries.last() {
            Some(last) => TextEdit {
                start: last.value.span.end,
                end: last.value.span.end,
                text: format!(", {quoted_key}: {rendered}"),
            },
            None => TextEdit {
                start: context.value.span.start,
                end: context.value.span.end,
                text: format!("{{{quoted_key}: {rendered}}}"),
            },
        }),
        (None, None) => None,
    }
}
