//! Statements and patterns that add nothing (Access Analyzer: "Redundant action", "Redundant
//! resource", "Redundant statement"), and Allow statements that an unconditional Deny always
//! overrides ("Policy evaluation logic": an explicit deny in any policy overrides any allow).
//!
//! These checks need no catalog: they compare patterns with each other
//! ([`super::glob::covers`]), so they hold for actions AWS adds later too.

use super::glob::{covers, Kind, ACTION, POLICY};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Msg;
use crate::model::{
    ConditionBlock, Effect, PatternElement, Policy, PolicyKind, PrincipalEntry, Scenario, Statement,
};

/// Whether `outer` covers everything `inner` does; an outer pattern with a policy variable
/// stands for one value, so it is not taken to cover anything but itself.
fn pattern_covers(outer: &str, inner: &str, kind: Kind) -> bool {
    if !could_cover(outer, inner, kind) {
        return false;
    }
    if outer.contains("${") {
        return if kind.fold {
            outer.eq_ignore_ascii_case(inner)
        } else {
            outer == inner
        };
    }
    covers(outer, inner, kind)
}

/// A quick necessary condition for [`pattern_covers`]: the literal pieces of `outer` (between
/// its wildcards) appear in `inner` in order, the first at its start and the last at its end.
/// (A policy may list hundreds of similar patterns; most pairs fail here.)
fn could_cover(outer: &str, inner: &str, kind: Kind) -> bool {
    let (outer, inner) = if kind.fold {
        (outer.to_ascii_lowercase(), inner.to_ascii_lowercase())
    } else {
        (outer.to_string(), inner.to_string())
    };
    let pieces: Vec<&str> = outer.split(['*', '?']).collect();
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return true;
    };
    if pieces.len() == 1 {
        return outer == inner;
    }
    let (first, last) = (
        first.split("${").next().unwrap_or(""),
        last.rsplit('}').next().unwrap_or(""),
    );
    if !inner.starts_with(first) || !inner.ends_with(last) || inner.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = inner
        .get(first.len()..inner.len() - last.len())
        .unwrap_or("");
    for piece in pieces.iter().take(pieces.len() - 1).skip(1) {
        if piece.contains("${") {
            continue;
        }
        match rest.find(piece) {
            Some(i) => rest = rest.get(i + piece.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

/// `redundant-action` / `redundant-resource`: an entry another entry of the same element
/// already covers.
pub(super) fn redundant_patterns(stmt: &Statement, out: &mut Vec<Diagnostic>) {
    let action_name = if stmt.action.negated {
        "NotAction"
    } else {
        "Action"
    };
    redundant_in(&stmt.action, ACTION, "redundant-action", action_name, out);
    if let Some(r) = &stmt.resource {
        let name = if r.negated { "NotResource" } else { "Resource" };
        redundant_in(r, POLICY, "redundant-resource", name, out);
    }
}

fn redundant_in(
    element: &PatternElement,
    kind: Kind,
    code: &'static str,
    name: &str,
    out: &mut Vec<Diagnostic>,
) {
    let patterns = &element.patterns;
    let norm: Vec<String> = patterns
        .iter()
        .map(|p| {
            if kind.fold {
                p.value.to_ascii_lowercase()
            } else {
                p.value.clone()
            }
        })
        .collect();
    // Policies may list thousands of actions: sort the texts, and compare each wildcard
    // pattern only with the texts that start with its literal head.
    let mut sorted: Vec<usize> = (0..patterns.len()).collect();
    sorted.sort_by(|&a, &b| norm.get(a).cmp(&norm.get(b)));
    let text = |i: usize| norm.get(i).map_or("", String::as_str);
    let mut covered_by: Vec<Option<usize>> = vec![None; patterns.len()];
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, t) in norm.iter().enumerate() {
        first_of.entry(t.as_str()).or_insert(i);
    }
    for (j, q) in patterns.iter().enumerate() {
        if !q.value.contains(['*', '?']) {
            continue;
        }
        let head = text(j).split(['*', '?']).next().unwrap_or("");
        let head = head.split("${").next().unwrap_or("");
        let from = sorted.partition_point(|&i| text(i) < head);
        for &i in sorted.get(from..).unwrap_or(&[]) {
            if !text(i).starts_with(head) {
                break;
            }
            let (Some(p), true) = (patterns.get(i), i != j && text(i) != text(j)) else {
                continue;
            };
            let better = covered_by.get(i).copied().flatten().is_none_or(|k| j < k);
            if better
                && pattern_covers(&q.value, &p.value, kind)
                // Of two equivalent entries, the later one is the redundant one.
                && (j < i || !pattern_covers(&p.value, &q.value, kind))
            {
                if let Some(slot) = covered_by.get_mut(i) {
                    *slot = Some(j);
                }
            }
        }
    }
    for (i, p) in patterns.iter().enumerate() {
        let twice = first_of.get(text(i)).is_some_and(|&f| f < i);
        let message = match (
            twice,
            covered_by
                .get(i)
                .copied()
                .flatten()
                .and_then(|j| patterns.get(j)),
        ) {
            (true, _) => Msg::new("lint.redundant.twice")
                .arg("entry", &p.value)
                .arg("element", name),
            (false, Some(q)) => Msg::new("lint.redundant.covered")
                .arg("entry", &p.value)
                .arg("by", &q.value),
            (false, None) => continue,
        };
        out.push(
            Diagnostic::warning(code, message, p.span)
                .with_severity(crate::diagnostic::Severity::Suggestion)
                .with_help(Msg::new("lint.redundant.help").arg("element", name)),
        );
    }
}

/// Whether element `outer` covers everything element `inner` does.
fn element_covers(outer: &PatternElement, inner: &PatternElement, kind: Kind) -> bool {
    if outer.negated != inner.negated {
        return false;
    }
    let (wide, narrow) = if outer.negated {
        // NotX: the fewer it excludes, the more it covers.
        (&inner.patterns, &outer.patterns)
    } else {
        (&outer.patterns, &inner.patterns)
    };
    narrow.iter().all(|n| {
        wide.iter()
            .any(|w| pattern_covers(&w.value, &n.value, kind))
    })
}

fn resource_covers(outer: Option<&PatternElement>, inner: Option<&PatternElement>) -> bool {
    match (outer, inner) {
        (None, None) => true,
        (Some(o), Some(i)) => element_covers(o, i, POLICY),
        _ => false,
    }
}

/// The principal element as comparable text.
fn principal_key(stmt: &Statement) -> Option<String> {
    let p = stmt.principal.as_ref()?;
    let mut parts: Vec<String> = p
        .entries
        .iter()
        .map(|e| match e {
            PrincipalEntry::Any(_) => "*".to_string(),
            PrincipalEntry::Aws(v) => format!("AWS={}", v.value),
            PrincipalEntry::Service(v) => format!("Service={}", v.value),
            PrincipalEntry::Federated(v) => format!("Federated={}", v.value),
            PrincipalEntry::CanonicalUser(v) => format!("CanonicalUser={}", v.value),
        })
        .collect();
    parts.sort();
    Some(format!(
        "{}{}",
        if p.negated { "Not:" } else { "" },
        parts.join(",")
    ))
}

/// The conditions as comparable text (operator, key lowercased, values in order).
fn conditions_key(blocks: &[ConditionBlock]) -> Vec<String> {
    let mut out: Vec<String> = blocks
        .iter()
        .flat_map(|b| {
            b.entries.iter().map(move |e| {
                let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                format!(
                    "{}|{}|{}",
                    b.operator.value.name(),
                    e.key.value.to_ascii_lowercase(),
                    values.join("\u{1f}")
                )
            })
        })
        .collect();
    out.sort();
    out
}

/// Whether statement `t` does everything statement `s` does.
fn statement_covers(t: &Statement, s: &Statement) -> bool {
    t.effect.value == s.effect.value
        && principal_key(t) == principal_key(s)
        && (t.conditions.is_empty()
            || conditions_key(&t.conditions) == conditions_key(&s.conditions))
        && element_covers(&t.action, &s.action, ACTION)
        && resource_covers(t.resource.as_ref(), s.resource.as_ref())
}

/// Where to point at a statement: its Sid, else its Effect.
fn statement_place(s: &Statement) -> Span {
    s.sid.as_ref().map_or(s.effect.span, |sid| sid.span)
}

fn statement_name(s: &Statement) -> Msg {
    match &s.sid {
        Some(sid) => Msg::new("name.statement-sid").arg("sid", &sid.value),
        None => Msg::new("name.statement-n").arg("n", s.index + 1),
    }
}

/// `redundant-statement`: a statement another statement of the same policy already covers.
pub(super) fn redundant_statements(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let stmts = &policy.statements;
    for s in stmts {
        let by = stmts.iter().find(|t| {
            t.index != s.index
                && statement_covers(t, s)
                && (!statement_covers(s, t) || t.index < s.index)
        });
        let Some(t) = by else {
            continue;
        };
        let key = match s.effect.value {
            Effect::Allow => "lint.redundant-statement.allow",
            Effect::Deny => "lint.redundant-statement.deny",
        };
        out.push(
            Diagnostic::warning(
                "redundant-statement",
                Msg::new(key).phrase("other", statement_name(t)),
                statement_place(s),
            )
            .with_severity(crate::diagnostic::Severity::Suggestion)
            .with_help(Msg::new("lint.redundant-statement.help")),
        );
    }
}

fn policy_label(p: &Policy) -> Msg {
    let label = match p.kind {
        PolicyKind::Identity => Msg::new("name.identity-policy-n").arg("n", p.index + 1),
        PolicyKind::Scp => Msg::new("name.scp-level-n").arg("n", p.index + 1),
        PolicyKind::Rcp => Msg::new("name.rcp-level-n").arg("n", p.index + 1),
        PolicyKind::PermissionsBoundary => Msg::new("name.permissions-boundary"),
        PolicyKind::Session => Msg::new("name.session-policy"),
        PolicyKind::Resource => Msg::new("name.resource-policy"),
        PolicyKind::VpcEndpoint => Msg::new("name.vpc-endpoint-policy"),
    };
    match &p.name {
        Some(n) => Msg::new("name.policy-named")
            .phrase("policy", label)
            .arg("name", n),
        None => label,
    }
}

/// A Deny that applies to every principal and request it names: no condition, and no
/// principal element or `"*"`.
fn unconditional_deny(d: &Statement) -> bool {
    d.effect.value == Effect::Deny
        && d.conditions.is_empty()
        && d.principal.as_ref().is_none_or(|p| {
            !p.negated
                && p.entries
                    .iter()
                    .any(|e| matches!(e, PrincipalEntry::Any(_)))
        })
        && !d.action.negated
}

/// `allow-shadowed-by-deny`: an Allow that an unconditional Deny of the scenario always
/// overrides.
pub(super) fn shadowed(scenario: &Scenario, own: &[&Policy], out: &mut Vec<Diagnostic>) {
    let denies: Vec<(&Policy, &Statement)> = scenario
        .policies
        .iter()
        .flat_map(|p| p.statements.iter().map(move |s| (p, s)))
        .filter(|(_, s)| unconditional_deny(s))
        .collect();
    for policy in own {
        for a in &policy.statements {
            if a.effect.value != Effect::Allow || a.action.negated {
                continue;
            }
            let by = denies.iter().find(|(_, d)| {
                element_covers(&d.action, &a.action, ACTION)
                    && match (&d.resource, &a.resource) {
                        (Some(dr), Some(ar)) => element_covers(dr, ar, POLICY),
                        (Some(dr), None) => {
                            !dr.negated && dr.patterns.iter().any(|p| p.value == "*")
                        }
                        (None, None) => true,
                        (None, Some(_)) => false,
                    }
            });
            let Some((dp, d)) = by else {
                continue;
            };
            let message = if std::ptr::eq(*dp, *policy) {
                Msg::new("lint.allow-shadowed-by-deny.same").phrase("deny", statement_name(d))
            } else {
                Msg::new("lint.allow-shadowed-by-deny.other")
                    .phrase("deny", statement_name(d))
                    .phrase("policy", policy_label(dp))
            };
            out.push(
                Diagnostic::warning("allow-shadowed-by-deny", message, statement_place(a))
                    .with_help(Msg::new("lint.allow-shadowed-by-deny.help")),
            );
        }
    }
}
