//! `whatIf`: switches that turn policies or statements off without deleting them (a project
//! extension of the scenario format, documented in docs/scenario-extensions.md).
//!
//! ```json
//! "whatIf": {"disabled": [
//!   {"kind": "identity", "index": 0},
//!   {"kind": "identity", "index": 1, "statement": 2},
//!   {"kind": "scp", "index": 1, "position": 0, "statement": 0},
//!   {"kind": "permissionsBoundary"}
//! ]}
//! ```
//!
//! An entry names a policy the way results do (`kind`, `index`, `position`, as in a
//! `PolicyRef`), plus `statement` for one statement. A switch that names nothing is a warning:
//! it has no effect, and the scenario stays usable while the user edits policies.

use super::kinds::{count, Count};
use super::{get, one_of, Ctx, Unknown};
use crate::diagnostic::{did_you_mean, Diagnostic, Severity};
use crate::i18n::Msg;
use crate::model::{Disabled, PolicyKind, Scenario};
use crate::parse::json::{Json, JsonKind, JsonPath};

/// Reads `whatIf` (after the policies, so that switches can be checked against them).
pub(super) fn what_if(ctx: &mut Ctx, value: &Json, path: &JsonPath, scenario: &mut Scenario) {
    let Some(members) = ctx.object(value, path, Msg::new("parse.want.what-if")) else {
        return;
    };
    ctx.unknown(
        members,
        &["disabled"],
        path,
        Unknown {
            message: "parse.unknown.what-if-member",
            ..Unknown::MEMBER
        },
    );
    let Some(m) = get(members, "disabled") else {
        return;
    };
    let list_path = path.key("disabled");
    let JsonKind::Array(items) = &m.value.kind else {
        ctx.wrong_type(&m.value, &list_path, Msg::new("parse.want.switches"));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        if let Some(d) = entry(ctx, item, &list_path.index(i), scenario) {
            if !scenario.disabled.contains(&d) {
                scenario.disabled.push(d);
            }
        }
    }
}

/// The members of one switch of `whatIf.disabled`.
pub(super) const SWITCH_MEMBERS: &[&str] = &["kind", "index", "position", "statement", "name"];

fn entry(ctx: &mut Ctx, value: &Json, path: &JsonPath, scenario: &Scenario) -> Option<Disabled> {
    let members = ctx.object(value, path, Msg::new("parse.want.switch"))?;
    ctx.unknown(
        members,
        SWITCH_MEMBERS,
        path,
        Unknown {
            message: "parse.unknown.switch-member",
            ..Unknown::MEMBER
        },
    );
    let Some(kind_member) = get(members, "kind") else {
        ctx.require(
            value,
            path,
            "missing-member",
            Msg::new("what-if.missing-kind"),
            Msg::new("what-if.missing-kind.help"),
        );
        return None;
    };
    let kind_path = path.key("kind");
    let text = ctx.string(
        &kind_member.value,
        &kind_path,
        Msg::new("parse.want.policy-kind"),
    )?;
    let keys: Vec<&str> = PolicyKind::ALL.iter().map(|k| k.key()).collect();
    let Some(kind) = PolicyKind::from_key(text) else {
        let help = match did_you_mean(text, &keys) {
            Some(s) => Msg::new("help.did-you-mean").arg("name", s),
            None => Msg::new("parse.expected-one-of").phrase("list", one_of(&keys)),
        };
        ctx.report(
            &kind_path,
            Diagnostic::error(
                "invalid-value",
                Msg::new("what-if.unknown-kind").arg("kind", text),
                kind_member.value.span,
            )
            .with_help(help),
        );
        return None;
    };
    let index = number(ctx, members, "index", path)?.unwrap_or(0);
    let position = number(ctx, members, "position", path)?;
    let statement = number(ctx, members, "statement", path)?;
    if let Some(m) = get(members, "name") {
        ctx.string(&m.value, &path.key("name"), Msg::new("parse.want.string"));
    }
    let leveled = count(kind) == Count::Levels;
    if position.is_some() && !leveled {
        if let Some(m) = get(members, "position") {
            ctx.report(
                &path.key("position"),
                Diagnostic::error(
                    "invalid-value",
                    Msg::new("what-if.position").arg("kind", text),
                    m.key_span,
                )
                .with_help(Msg::new("what-if.position.help")),
            );
        }
        return None;
    }
    let position = if leveled {
        Some(position.unwrap_or(0))
    } else {
        None
    };
    let d = Disabled {
        kind,
        index,
        position,
        statement,
        span: value.span,
    };
    check_target(ctx, &d, path, scenario);
    Some(d)
}

/// `Ok(None)` when absent, `Ok(Some(n))` for a non-negative integer, `Err` (reported) else.
fn number(
    ctx: &mut Ctx,
    members: &[crate::parse::json::Member],
    key: &str,
    path: &JsonPath,
) -> Option<Option<usize>> {
    let Some(m) = get(members, key) else {
        return Some(None);
    };
    if let JsonKind::Number(n) = &m.value.kind {
        if let Ok(v) = n.parse::<usize>() {
            return Some(Some(v));
        }
    }
    ctx.report(
        &path.key(key),
        Diagnostic::error(
            "wrong-type",
            Msg::new("parse.wrong-type")
                .phrase("expected", Msg::new("parse.want.count"))
                .phrase("found", m.value.type_noun()),
            m.value.span,
        )
        .with_help(Msg::new("what-if.count.help").arg("key", key)),
    );
    None
}

/// Warns when the switch names no policy or statement of the scenario.
fn check_target(ctx: &mut Ctx, d: &Disabled, path: &JsonPath, scenario: &Scenario) {
    let policy = scenario
        .policies
        .iter()
        .find(|p| p.kind == d.kind && p.index == d.index && p.position == d.position);
    let problem = match (policy, d.statement) {
        (None, _) => {
            let named = Msg::new("what-if.no-policy")
                .phrase("kind", d.kind.noun())
                .arg("n", d.index + 1);
            Some(match d.position {
                Some(p) => Msg::new("what-if.no-policy.in-level")
                    .phrase("kind", d.kind.noun())
                    .arg("n", d.index + 1)
                    .arg("position", p + 1),
                None => named,
            })
        }
        (Some(p), Some(s)) if !p.statements.iter().any(|st| st.index == s) => {
            let key = if p.statements.len() == 1 {
                "what-if.no-statement.one"
            } else {
                "what-if.no-statement.other"
            };
            Some(
                Msg::new(key)
                    .arg("n", s + 1)
                    .arg("count", p.statements.len()),
            )
        }
        _ => None,
    };
    if let Some(message) = problem {
        ctx.report(
            path,
            Diagnostic::warning("what-if-no-target", message, d.span)
                .with_severity(Severity::Warning)
                .with_help(Msg::new("what-if.no-target.help")),
        );
    }
}
