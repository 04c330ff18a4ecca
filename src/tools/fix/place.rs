//! Where a suggested statement goes in the scenario text, as an edit that keeps the user's
//! formatting: a new identity-based policy, a statement appended to the boundary, session or
//! resource-based policy, or to an SCP level.

use crate::model::PolicyKind;
use crate::parse::json::{self, Json, JsonKind, Member};
use crate::tools::ordered_json::{quote, J};
use crate::tools::text_edit::{indent_unit, line_indent, TextEdit};

/// Which policy receives the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A new identity-based policy.
    NewIdentity,
    /// The permissions boundary, session policy or resource-based policy (created if absent).
    Single(PolicyKind),
    /// An SCP level.
    ScpLevel(usize),
}

/// What the edit did, for the report.
pub(super) struct Placed {
    pub edit: TextEdit,
    /// The policy's kind, index and position as results name them.
    pub kind: PolicyKind,
    pub index: usize,
    pub position: Option<usize>,
    /// True when a new policy was created.
    pub new_policy: bool,
}

fn member<'j>(v: &'j Json<'j>, key: &str) -> Option<&'j Member<'j>> {
    v.as_object()?.iter().find(|m| m.key == key)
}

fn multiline(text: &str, v: &Json) -> bool {
    v.span.text(text).contains('\n')
}

/// `value` printed over several lines, its continuation lines indented by `indent`.
fn render(value: &J, unit: &str, indent: &str) -> String {
    value.pretty(unit, 0).replace('\n', &format!("\n{indent}"))
}

/// Appends `value` to the array `array` (keeping one-line arrays on one line).
fn append_to_array(text: &str, array: &Json, value: &J, unit: &str) -> Option<TextEdit> {
    let items = array.as_array()?;
    match items.last() {
        Some(last) => {
            let on_own_line = text
                .get(..last.span.start)
                .and_then(|before| before.rfind(|c: char| !c.is_whitespace()))
                .and_then(|i| text.get(i..last.span.start))
                .is_some_and(|between| between.contains('\n'));
            if on_own_line {
                let indent = line_indent(text, last.span.start);
                Some(TextEdit {
                    start: last.span.end,
                    end: last.span.end,
                    text: format!(",\n{indent}{}", render(value, unit, indent)),
                })
            } else {
                Some(TextEdit {
                    start: last.span.end,
                    end: last.span.end,
                    text: format!(", {}", value.compact()),
                })
            }
        }
        None => {
            let outer = line_indent(text, array.span.start);
            let inner = format!("{outer}{unit}");
            Some(TextEdit {
                start: array.span.start,
                end: array.span.end,
                text: format!("[\n{inner}{}\n{outer}]", render(value, unit, &inner)),
            })
        }
    }
}

/// Adds `"key": value` to the object `object`.
fn add_member(text: &str, object: &Json, key: &str, value: &J, unit: &str) -> Option<TextEdit> {
    let members = object.as_object()?;
    match members.last() {
        Some(last) if multiline(text, object) => {
            let indent = line_indent(text, last.key_span.start);
            Some(TextEdit {
                start: last.value.span.end,
                end: last.value.span.end,
                text: format!(",\n{indent}{}: {}", quote(key), render(value, unit, indent)),
            })
        }
        Some(last) => Some(TextEdit {
            start: last.value.span.end,
            end: last.value.span.end,
            text: format!(", {}: {}", quote(key), value.compact()),
        }),
        None => {
            let outer = line_indent(text, object.span.start);
            let inner = format!("{outer}{unit}");
            Some(TextEdit {
                start: object.span.start,
                end: object.span.end,
                text: format!(
                    "{{\n{inner}{}: {}\n{outer}}}",
                    quote(key),
                    render(value, unit, &inner)
                ),
            })
        }
    }
}

/// Appends a statement to the `Statement` of a policy entry (a document, `{"name", "document"}`,
/// or a string holding a document).
fn append_statement(text: &str, entry: &Json, statement: &J, unit: &str) -> Option<TextEdit> {
    let doc = match member(entry, "document") {
        Some(m) => &m.value,
        None => entry,
    };
    if let JsonKind::String(inner) = &doc.kind {
        // A document held in a string, as AWS APIs return it: edit the string.
        let mut v: serde_json::Value = serde_json::from_str(inner).ok()?;
        let new: serde_json::Value = serde_json::from_str(&statement.compact()).ok()?;
        let list = v.get_mut("Statement")?;
        if list.is_object() {
            let old = list.take();
            *list = serde_json::Value::Array(vec![old, new]);
        } else {
            list.as_array_mut()?.push(new);
        }
        let encoded = serde_json::to_string(&v).ok()?;
        return Some(TextEdit {
            start: doc.span.start,
            end: doc.span.end,
            text: quote(&encoded),
        });
    }
    let list = &member(doc, "Statement")?.value;
    match &list.kind {
        JsonKind::Array(_) => append_to_array(text, list, statement, unit),
        JsonKind::Object(_) => {
            let old = list.span.text(text);
            let body = if multiline(text, list) {
                let indent = line_indent(text, list.span.start);
                format!(",\n{indent}{}", render(statement, unit, indent))
            } else {
                format!(", {}", statement.compact())
            };
            Some(TextEdit {
                start: list.span.start,
                end: list.span.end,
                text: format!("[{old}{body}]"),
            })
        }
        _ => None,
    }
}

fn document(statement: &J) -> J {
    J::obj([
        ("Version", J::str("2012-10-17")),
        ("Statement", J::Arr(vec![statement.clone()])),
    ])
}

/// The edit that puts `statement` where `target` says. `policy_name` names a new policy.
pub(super) fn place(
    text: &str,
    target: Target,
    statement: &J,
    policy_name: &str,
) -> Option<Placed> {
    let root = json::parse(text).ok()?;
    let unit = indent_unit(text);
    let policies = &member(&root, "policies")?.value;
    let named = || {
        J::obj([
            ("name", J::str(policy_name)),
            ("document", document(statement)),
        ])
    };
    let placed = |edit, kind, index, position, new_policy| Placed {
        edit,
        kind,
        index,
        position,
        new_policy,
    };
    match target {
        Target::NewIdentity => new_identity_policy(text, policies, named(), &unit),
        Target::Single(kind) => Some(match member(policies, kind.key()) {
            Some(m) => placed(
                append_statement(text, &m.value, statement, &unit)?,
                kind,
                0,
                None,
                false,
            ),
            None => placed(
                add_member(text, policies, kind.key(), &document(statement), &unit)?,
                kind,
                0,
                None,
                true,
            ),
        }),
        Target::ScpLevel(level) => {
            let entry = member(policies, "scp")?.value.as_array()?.get(level)?;
            let scp = |edit, new_policy| placed(edit, PolicyKind::Scp, level, Some(0), new_policy);
            Some(match member(entry, "policies") {
                // A named level: add to its first policy, or a new policy if it has none.
                Some(list) => match list.value.as_array()?.first() {
                    Some(first) => scp(append_statement(text, first, statement, &unit)?, false),
                    None => scp(append_to_array(text, &list.value, &named(), &unit)?, true),
                },
                None => scp(append_statement(text, entry, statement, &unit)?, false),
            })
        }
    }
}

/// A new identity-based policy holding the statement (`entry`), after the others.
fn new_identity_policy(text: &str, policies: &Json, entry: J, unit: &str) -> Option<Placed> {
    let placed = |edit, index| Placed {
        edit,
        kind: PolicyKind::Identity,
        index,
        position: None,
        new_policy: true,
    };
    let Some(m) = member(policies, "identity") else {
        let list = J::Arr(vec![entry]);
        return Some(placed(
            add_member(text, policies, "identity", &list, unit)?,
            0,
        ));
    };
    match &m.value.kind {
        JsonKind::Array(items) => Some(placed(
            append_to_array(text, &m.value, &entry, unit)?,
            items.len(),
        )),
        // A lone policy without the array: make it a list of two.
        _ => {
            let old = m.value.span.text(text);
            let indent = line_indent(text, m.key_span.start);
            let edit = TextEdit {
                start: m.value.span.start,
                end: m.value.span.end,
                text: format!(
                    "[{old},\n{indent}{unit}{}]",
                    render(&entry, unit, &format!("{indent}{unit}"))
                ),
            };
            Some(placed(edit, 1))
        }
    }
}
