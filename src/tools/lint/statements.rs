//! Statements and patterns that add nothing (Access Analyzer: "Redundant action", "Redundant
//! resource", "Redundant statement"), and Allow statements that an unconditional Deny always
//! overrides ("Policy evaluation logic": an explicit deny in any policy overrides any allow).
//!
//! These checks need no catalog: they compare patterns with each other
//! ([`super::glob::covers`]), so they hold for actions AWS adds later too.

use super::glob::{covers, Kind, ACTION, POLICY};
use crate::diagnostic::{Diagnostic, Span};
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
            (true, _) => format!("`{}` is listed twice in `{name}`", p.value),
            (false, Some(q)) => format!("`{}` is already covered by `{}`", p.value, q.value),
            (false, None) => continue,
        };
        out.push(
            Diagnostic::warning(code, message, p.span)
                .with_severity(crate::diagnostic::Severity::Suggestion)
                .with_help(format!("remove it: `{name}` means the same without it")),
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

fn statement_name(s: &Statement) -> String {
    match &s.sid {
        Some(sid) => format!("`{}`", sid.value),
        None => format!("statement {}", s.index + 1),
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
        let verb = match s.effect.value {
            Effect::Allow => "allows",
            Effect::Deny => "denies",
        };
        out.push(
            Diagnostic::warning(
                "redundant-statement",
                format!(
                    "this statement adds nothing: {} already {verb} everything it does",
                    statement_name(t)
                ),
                statement_place(s),
            )
            .with_severity(crate::diagnostic::Severity::Suggestion)
            .with_help("remove it, or make it differ (its actions, resources or conditions)"),
        );
    }
}

fn policy_label(p: &Policy) -> String {
    let mut label = match p.kind {
        PolicyKind::Identity => format!("identity-based policy {}", p.index + 1),
        PolicyKind::Scp => format!("SCP level {}", p.index + 1),
        PolicyKind::Rcp => format!("RCP level {}", p.index + 1),
        k => k.label().to_string(),
    };
    if let Some(n) = &p.name {
        label.push_str(&format!(" (`{n}`)"));
    }
    label
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
            let whose = if std::ptr::eq(*dp, *policy) {
                "of this policy".to_string()
            } else {
                format!("in {}", policy_label(dp))
            };
            out.push(
                Diagnostic::warning(
                    "allow-shadowed-by-deny",
                    format!(
                        "this Allow never takes effect: the Deny statement {} {whose} denies everything it allows",
                        statement_name(d)
                    ),
                    statement_place(a),
                )
                .with_help("an explicit deny in any policy overrides every Allow (\"Policy evaluation logic\"); narrow the Deny (a condition, fewer actions or resources) or remove this statement"),
            );
        }
    }
}
