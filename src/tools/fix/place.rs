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
    match target {
        Target::NewIdentity => {
            let entry = J::obj([
                ("name", J::str(policy_name)),
                ("document", document(statement)),
            ]);
            match member(policies, "identity") {
                Some(m) => match &m.value.kind {
                    JsonKind::Array(items) => Some(Placed {
                        edit: append_to_array(text, &m.value, &entry, &unit)?,
                        kind: PolicyKind::Identity,
                        index: items.len(),
                        position: None,
                        new_policy: true,
                    }),
                    // A lone policy without the array: make it a list of two.
                    _ => {
                        let old = m.value.span.text(text);
                        let indent = line_indent(text, m.key_span.start);
                        Some(Placed {
                            edit: TextEdit {
                                start: m.value.span.start,
                                end: m.value.span.end,
                                text: format!(
                                    "[{old},\n{indent}{unit}{}]",
                                    render(&entry, &unit, &format!("{indent}{unit}"))
                                ),
                            },
                            kind: PolicyKind::Identity,
                            index: 1,
                            position: None,
                            new_policy: true,
                        })
                    }
                },
                None => Some(Placed {
                    edit: add_member(text, policies, "identity", &J::Arr(vec![entry]), &unit)?,
                    kind: PolicyKind::Identity,
                    index: 0,
                    position: None,
                    new_policy: true,
                }),
            }
        }
        Target::Single(kind) => match member(policies, kind.key()) {
            Some(m) => Some(Placed {
                edit: append_statement(text, &m.value, statement, &unit)?,
                kind,
                index: 0,
                position: None,
                new_policy: false,
            }),
            None => Some(Placed {
                edit: add_member(text, policies, kind.key(), &document(statement), &unit)?,
                kind,
                index: 0,
                position: None,
                new_policy: true,
            }),
        },
        Target::ScpLevel(level) => {
            let levels = member(policies, "scp")?.value.as_array()?;
            let entry = levels.get(level)?;
            match member(entry, "policies") {
                // A named level: add to its first policy, or a new policy if it has none.
                Some(list) => match list.value.as_array()?.first() {
                    Some(first) => Some(Placed {
                        edit: append_statement(text, first, statement, &unit)?,
                        kind: PolicyKind::Scp,
                        index: level,
                        position: Some(0),
                        new_policy: false,
                    }),
                    None => {
                        let named = J::obj([
                            ("name", J::str(policy_name)),
                            ("document", document(statement)),
                        ]);
                        Some(Placed {
                            edit: append_to_array(text, &list.value, &named, &unit)?,
                            kind: PolicyKind::Scp,
                            index: level,
                            position: Some(0),
                            new_policy: true,
                        })
                    }
                },
                None => Some(Placed {
                    edit: append_statement(text, entry, statement, &unit)?,
                    kind: PolicyKind::Scp,
                    index: level,
                    position: Some(0),
                    new_policy: false,
                }),
            }
        }
    }
}
