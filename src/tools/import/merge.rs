//! An import into the scenario already open: its policies stay as written, the imported request
//! replaces its own (the page asks before replacing a scenario that has policies, and offers
//! this instead).

use serde::Serialize;

use super::Parts;
use crate::parse::json::{self, JsonKind, Member};
use crate::tools::ordered_json::{quote, J};
use crate::tools::text_edit::{indent_unit, line_indent};

/// What an import into an open scenario kept and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Merged {
    /// The number of policies kept (every kind, every SCP/RCP level's policies).
    pub kept_policies: usize,
    /// The number of requests the imported one replaced.
    pub replaced_requests: usize,
    /// True when the scenario's `expect` was removed (it described the replaced requests).
    pub removed_expect: bool,
}

/// The number of policies a `policies` value holds.
fn count_policies(policies: &json::Json) -> usize {
    let entries = |v: &json::Json| match &v.kind {
        JsonKind::Array(items) => items.len(),
        JsonKind::Null => 0,
        _ => 1,
    };
    policies.as_object().map_or(0, |kinds| {
        kinds
            .iter()
            .map(|m| match m.key.as_ref() {
                "scp" | "rcp" => match &m.value.kind {
                    JsonKind::Array(levels) => levels
                        .iter()
                        .map(|l| l.get("policies").map_or(1, entries))
                        .sum(),
                    _ => entries(&m.value),
                },
                _ => entries(&m.value),
            })
            .sum()
    })
}

/// The open scenario with the import's name, description and request; everything else kept
/// as written. Fails with a message when the open scenario is not a JSON object.
pub(super) fn merge(scenario_text: &str, parts: &Parts) -> Result<(String, Merged), String> {
    let root = json::parse(scenario_text).map_err(|d| {
        format!(
            "the open scenario is not valid JSON ({}), so its policies cannot be kept",
            d.message
        )
    })?;
    let members = root.as_object().ok_or_else(|| {
        "the open scenario is not a JSON object, so it has no policies to keep".to_string()
    })?;
    let multiline = root.span.text(scenario_text).contains('\n');
    let unit = indent_unit(scenario_text);
    let indent = members.first().map_or(unit.clone(), |m| {
        line_indent(scenario_text, m.key_span.start).to_string()
    });
    let render = |v: &J| {
        if multiline {
            v.pretty(&unit, 0).replace('\n', &format!("\n{indent}"))
        } else {
            v.compact()
        }
    };
    let name = format!("\"name\": {}", quote(&parts.name));
    let description = format!("\"description\": {}", quote(&parts.description));
    let request = format!("\"request\": {}", render(&parts.request_json));

    let (out, merged) = members_merged(scenario_text, members, name, description, request);
    let text = if multiline {
        format!("{{\n{indent}{}\n}}\n", out.join(&format!(",\n{indent}")))
    } else {
        format!("{{{}}}\n", out.join(", "))
    };
    Ok((text, merged))
}

/// Every member once, in the scenario's order, with the import's name, description and
/// request; new ones go where people look for them (name and description first, the request
/// last). `expect` goes: it was about the old request.
fn members_merged(
    scenario_text: &str,
    members: &[Member],
    name: String,
    description: String,
    request: String,
) -> (Vec<String>, Merged) {
    let mut out: Vec<String> = Vec::new();
    let (mut has_name, mut has_description, mut has_request) = (false, false, false);
    let mut merged = Merged {
        kept_policies: 0,
        replaced_requests: 0,
        removed_expect: false,
    };
    for m in members {
        match m.key.as_ref() {
            "name" => {
                has_name = true;
                out.push(name.clone());
            }
            "description" => {
                has_description = true;
                out.push(description.clone());
            }
            "request" | "requests" => {
                merged.replaced_requests += match &m.value.kind {
                    JsonKind::Array(items) => items.len(),
                    _ => 1,
                };
                if !has_request {
                    has_request = true;
                    out.push(request.clone());
                }
            }
            "expect" => merged.removed_expect = true,
            key => {
                if key == "policies" {
                    merged.kept_policies = count_policies(&m.value);
                }
                out.push(m.span().text(scenario_text).to_string());
            }
        }
    }
    if !has_name {
        out.insert(0, name.clone());
    }
    if !has_description {
        let after_name = out.iter().position(|m| *m == name).map_or(0, |i| i + 1);
        out.insert(after_name, description);
    }
    if !has_request {
        out.push(request);
    }
    (out, merged)
}
