//! Statements and patterns that add nothing (Access Analyzer: "Redundant action", "Redundant
//! resource", "Redundant statement"), and Allow statements that an unconditional Deny always
//! overrides ("Policy evaluation logic": an explicit deny in any policy overrides any allow).
//!
//! These checks need no catalog: they compare patterns with each other
//! ([`super::glob::covers`]), so they hold for actions AWS adds later too.

use std::borrow::Cow;

use super::glob::{covers, same_literal, Kind, ACTION, POLICY};
use crate::decide::variables::contains_variable;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Msg;
use crate::model::{
    ConditionBlock, Effect, PatternElement, Policy, PrincipalEntry, Scenario, Statement,
};

/// Whether `outer` covers everything `inner` does; an outer pattern with a policy variable
/// stands for one value, so it is not taken to cover anything but itself.
fn pattern_covers(outer: &str, inner: &str, kind: Kind) -> bool {
    if !could_cover(outer, inner, kind) {
        return false;
    }
    if contains_variable(outer) {
        return same_literal(outer, inner, kind.fold);
    }
    covers(outer, inner, kind)
}

/// `text` in lowercase when `fold`, copied only when it has an uppercase letter.
fn folded(text: &str, fold: bool) -> Cow<'_, str> {
    if fold && text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// Where the first `${` of `text` is. (Byte scans here and below: these run for every pair of
/// patterns, and `str`'s pattern searchers decode characters and set up a substring search on
/// each call, which was most of a pair's cost.)
fn variable_at(text: &str) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == b"${")
}

fn is_wildcard(b: u8) -> bool {
    b == b'*' || b == b'?'
}

/// A quick necessary condition for [`pattern_covers`]: the literal pieces of `outer` (between
/// its wildcards) appear in `inner` in order, the first at its start and the last at its end.
/// (A policy may list hundreds of similar patterns; most pairs fail here.)
fn could_cover(outer: &str, inner: &str, kind: Kind) -> bool {
    let (outer, inner) = (folded(outer, kind.fold), folded(inner, kind.fold));
    let (outer, inner) = (outer.as_ref(), inner.as_ref());
    // The literal pieces between the wildcards: the first, the last, and those in between.
    let bytes = outer.as_bytes();
    let (Some(first_end), Some(last_start)) = (
        bytes.iter().position(|&b| is_wildcard(b)),
        bytes.iter().rposition(|&b| is_wildcard(b)),
    ) else {
        return outer == inner;
    };
    // Up to a variable in the first piece, after one in the last (a variable is any text).
    let first = outer.get(..first_end).unwrap_or("");
    let first = first
        .get(..variable_at(first).unwrap_or(first.len()))
        .unwrap_or("");
    let last = outer.get(last_start + 1..).unwrap_or("");
    let last = match last.as_bytes().iter().rposition(|&b| b == b'}') {
        Some(brace) => last.get(brace + 1..).unwrap_or(""),
        None => last,
    };
    if !inner.starts_with(first) || !inner.ends_with(last) || inner.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = inner
        .get(first.len()..inner.len() - last.len())
        .unwrap_or("");
    if first_end < last_start {
        let middle = outer.get(first_end + 1..last_start).unwrap_or("");
        // Split at ASCII wildcards, so every piece is whole UTF-8.
        for piece in middle.as_bytes().split(|&b| is_wildcard(b)) {
            let piece = std::str::from_utf8(piece).unwrap_or("");
            if piece.is_empty() || contains_variable(piece) {
                continue;
            }
            match rest.find(piece) {
                Some(i) => rest = rest.get(i + piece.len()..).unwrap_or(""),
                None => return false,
            }
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
                p.value.as_str().to_ascii_lowercase()
            } else {
                p.value.as_str().to_owned()
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
                .arg("entry", p.value.as_str())
                .arg("element", name),
            (false, Some(q)) => Msg::new("lint.redundant.covered")
                .arg("entry", p.value.as_str())
                .arg("by", q.value.as_str()),
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

/// What two statements must share for one to cover the other, computed once per statement:
/// the effect, the principal element and the conditions, as comparable text.
struct Shape {
    effect: Effect,
    principal: Option<String>,
    conditions: Vec<String>,
}

impl Shape {
    fn of(s: &Statement) -> Self {
        Shape {
            effect: s.effect.value,
            principal: principal_key(s),
            conditions: conditions_key(&s.conditions),
        }
    }
}

/// Whether statement `t` (of shape `ts`) does everything statement `s` (of shape `ss`) does.
fn statement_covers(t: &Statement, ts: &Shape, s: &Statement, ss: &Shape) -> bool {
    ts.effect == ss.effect
        && ts.principal == ss.principal
        && (ts.conditions.is_empty() || ts.conditions == ss.conditions)
        && element_covers(&t.action, &s.action, ACTION)
        && resource_covers(t.resource.as_ref(), s.resource.as_ref())
}

/// Statements grouped by [`Shape`]: a statement covers another only with the same effect and
/// principal and no conditions or the same ones, so it is in the other's group or in the group
/// of its shape without conditions (a policy whose statements differ by a condition value
/// compares none of them).
struct ShapeGroups {
    /// Statement number → its group.
    group: Vec<usize>,
    /// Statement number → the group of its shape without conditions, when a statement has it.
    bare: Vec<Option<usize>>,
    /// Group → its statements, in order.
    members: Vec<Vec<usize>>,
}

impl ShapeGroups {
    fn of(shapes: &[Shape]) -> Self {
        // (effect, principal, conditions)
        type Key<'a> = (Effect, Option<&'a str>, &'a [String]);
        fn key(s: &Shape) -> Key<'_> {
            (s.effect, s.principal.as_deref(), &s.conditions)
        }
        let mut ids: rustc_hash::FxHashMap<Key, usize> = rustc_hash::FxHashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut group = Vec::with_capacity(shapes.len());
        for (n, shape) in shapes.iter().enumerate() {
            let next = members.len();
            let id = *ids.entry(key(shape)).or_insert(next);
            if id == next {
                members.push(Vec::new());
            }
            members[id].push(n);
            group.push(id);
        }
        let bare = shapes
            .iter()
            .map(|s| {
                ids.get(&(s.effect, s.principal.as_deref(), &[][..]))
                    .copied()
            })
            .collect();
        ShapeGroups {
            group,
            bare,
            members,
        }
    }

    /// The statements that may cover statement `n` by their shape, in order.
    fn candidates(&self, n: usize) -> Vec<usize> {
        let own = &self.members[self.group[n]];
        match self.bare[n] {
            Some(b) if b != self.group[n] => merge(own, &self.members[b]),
            _ => own.clone(),
        }
    }

    /// The number of [`ShapeGroups::candidates`] of statement `n`.
    fn count(&self, n: usize) -> usize {
        let own = self.members[self.group[n]].len();
        match self.bare[n] {
            Some(b) if b != self.group[n] => own + self.members[b].len(),
            _ => own,
        }
    }

    /// Whether statement `m` is among the candidates of statement `n`.
    fn lists(&self, m: usize, n: usize) -> bool {
        self.group[m] == self.group[n] || Some(self.group[m]) == self.bare[n]
    }
}

/// Two sorted lists of statement numbers as one (each number once).
fn merge(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x < y => {
                out.push(x);
                i += 1;
            }
            (Some(&x), Some(&y)) if y < x => {
                out.push(y);
                j += 1;
            }
            (Some(&x), Some(_)) => {
                out.push(x);
                i += 1;
                j += 1;
            }
            (Some(&x), None) => {
                out.push(x);
                i += 1;
            }
            (None, Some(&y)) => {
                out.push(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// The service of an action pattern (lowercased) when it is written without wildcards: such a
/// pattern only covers actions of that service. `None` for a pattern that may reach several
/// services (`*`, `s3*:Get*`).
fn literal_service(pattern: &str) -> Option<String> {
    let (service, _) = pattern.split_once(':')?;
    (!service.contains(['*', '?'])).then(|| service.to_ascii_lowercase())
}

/// Which statements may cover which, by service: a statement whose `Action` covers another's
/// must cover each of its patterns, so it has a pattern of the same literal service or one
/// that may reach any service. Candidates come out in the order the statements were added,
/// so "the first statement that covers" is the same as with a scan of every pair.
#[derive(Default)]
struct ServiceIndex {
    by_service: std::collections::HashMap<String, Vec<usize>>,
    any_service: Vec<usize>,
    all: Vec<usize>,
    /// Statement number → whether it has a pattern that may reach any service, and its
    /// literal services (`None` for statements not added).
    members: Vec<Option<(bool, Vec<String>)>>,
}

impl ServiceIndex {
    /// Adds the statement numbered `n` (numbers must be added in increasing order).
    fn add(&mut self, n: usize, action: &PatternElement) {
        self.all.push(n);
        let mut wild = false;
        let mut services: Vec<String> = Vec::new();
        for p in &action.patterns {
            match literal_service(&p.value) {
                Some(svc) if !services.contains(&svc) => services.push(svc),
                Some(_) => {}
                None => wild = true,
            }
        }
        if wild {
            self.any_service.push(n);
        }
        for svc in &services {
            self.by_service.entry(svc.clone()).or_default().push(n);
        }
        if self.members.len() <= n {
            self.members.resize(n + 1, None);
        }
        self.members[n] = Some((wild, services));
    }

    /// The statements listed under the literal service of `action`'s first pattern.
    fn of_service(&self, action: &PatternElement) -> &[usize] {
        let service = action
            .patterns
            .first()
            .and_then(|p| literal_service(&p.value));
        service
            .and_then(|svc| self.by_service.get(&svc))
            .map_or(&[][..], Vec::as_slice)
    }

    /// How many statements [`ServiceIndex::candidates`] would list, without listing them.
    fn count(&self, action: &PatternElement) -> usize {
        if action.patterns.is_empty() {
            return self.all.len();
        }
        self.of_service(action).len() + self.any_service.len()
    }

    /// Whether statement `m` is among [`ServiceIndex::candidates`] of `action`.
    fn lists(&self, m: usize, action: &PatternElement) -> bool {
        let Some(Some((wild, services))) = self.members.get(m) else {
            return false;
        };
        match action.patterns.first() {
            None => true,
            Some(p) => {
                *wild || literal_service(&p.value).is_some_and(|svc| services.contains(&svc))
            }
        }
    }

    /// The numbers of the statements that may cover an `Action` element, in order (a
    /// superset of those that do).
    fn candidates(&self, action: &PatternElement) -> Vec<usize> {
        if action.patterns.is_empty() {
            // Nothing to cover: any statement covers it.
            return self.all.clone();
        }
        merge(self.of_service(action), &self.any_service)
    }
}

/// Where to point at a statement: its Sid, else its Effect.
fn statement_place(s: &Statement) -> Span {
    s.sid.as_ref().map_or(s.effect.span, |sid| sid.span)
}

fn statement_name(s: &Statement) -> Msg {
    match &s.sid {
        Some(sid) => Msg::new("name.statement-sid").arg("sid", sid.value.as_str()),
        None => Msg::new("name.statement-n").arg("n", s.index + 1),
    }
}

/// Each statement of the policy that another covers, with the first statement that covers
/// it (of two equivalent statements, the later one is the redundant one).
fn redundant_pairs(policy: &Policy) -> Vec<(&Statement, &Statement)> {
    let stmts = &policy.statements;
    let shapes: Vec<Shape> = stmts.iter().map(Shape::of).collect();
    // `Action` and `NotAction` statements never cover each other.
    let mut index = ServiceIndex::default();
    for (n, s) in stmts.iter().enumerate() {
        if !s.action.negated {
            index.add(n, &s.action);
        }
    }
    let groups = ShapeGroups::of(&shapes);
    let mut pairs = Vec::new();
    for (n, (s, ss)) in stmts.iter().zip(&shapes).enumerate() {
        // The statements both by shape and by service (or among the `NotAction` ones), in
        // order: the shorter list, filtered by the other test.
        let candidates: Vec<usize> = if s.action.negated {
            let by_shape = groups.candidates(n);
            let negated = |m: &usize| stmts.get(*m).is_some_and(|t| t.action.negated);
            by_shape.into_iter().filter(negated).collect()
        } else if groups.count(n) <= index.count(&s.action) {
            let by_shape = groups.candidates(n);
            by_shape
                .into_iter()
                .filter(|&m| index.lists(m, &s.action))
                .collect()
        } else {
            let by_service = index.candidates(&s.action);
            by_service
                .into_iter()
                .filter(|&m| groups.lists(m, n))
                .collect()
        };
        let by = candidates.into_iter().find_map(|m| {
            let (t, ts) = (stmts.get(m)?, shapes.get(m)?);
            (m != n
                && statement_covers(t, ts, s, ss)
                && (!statement_covers(s, ss, t, ts) || t.index < s.index))
                .then_some(t)
        });
        if let Some(t) = by {
            pairs.push((s, t));
        }
    }
    pairs
}

/// `redundant-statement`: a statement another statement of the same policy already covers.
///
/// Comparing every pair was quadratic in the statements (a policy of a thousand statements
/// took over a second): the statements that may cover one come from an index by service.
pub(super) fn redundant_statements(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (s, t) in redundant_pairs(policy) {
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
    let label = crate::answer::explain::policy_place(p.kind, p.index);
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
    let mut index = ServiceIndex::default();
    for (n, (_, d)) in denies.iter().enumerate() {
        index.add(n, &d.action);
    }
    for policy in own {
        for a in &policy.statements {
            if a.effect.value != Effect::Allow || a.action.negated {
                continue;
            }
            let candidates = index.candidates(&a.action);
            let by = candidates
                .iter()
                .filter_map(|&n| denies.get(n))
                .find(|(_, d)| {
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

#[cfg(test)]
mod index_tests {
    use super::*;
    use proptest::prelude::*;

    const ACTIONS: &[&str] = &[
        "s3:GetObject",
        "s3:Get*",
        "S3:getobject",
        "s3:*",
        "*",
        "s3:?etObject",
        "ec2:RunInstances",
        "ec2:*Instances",
        "EC2:*",
        "iam:PassRole",
        "iam:Pass*",
    ];
    const RESOURCES: &[&str] = &[
        "*",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b/k",
        "arn:aws:iam::1:role/*",
    ];

    /// A policy of statements (deny, NotAction, actions, resource, condition: none, or one of
    /// two values).
    fn policy_text(stmts: &[(bool, bool, Vec<usize>, usize, usize)]) -> String {
        let list: Vec<String> = stmts
            .iter()
            .map(|(deny, not, actions, resource, condition)| {
                let actions: Vec<String> = actions
                    .iter()
                    .map(|&a| format!("\"{}\"", ACTIONS[a % ACTIONS.len()]))
                    .collect();
                format!(
                    r#"{{"Effect": "{}", "{}": [{}], "Resource": "{}"{}}}"#,
                    if *deny { "Deny" } else { "Allow" },
                    if *not { "NotAction" } else { "Action" },
                    actions.join(", "),
                    RESOURCES[resource % RESOURCES.len()],
                    match condition {
                        0 => "",
                        1 => r#", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
                        _ => r#", "Condition": {"Bool": {"aws:SecureTransport": "false"}}"#,
                    }
                )
            })
            .collect();
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
            list.join(", ")
        )
    }

    /// What `redundant_pairs` found before the index: every pair compared.
    fn every_pair(policy: &Policy) -> Vec<(usize, usize)> {
        let stmts = &policy.statements;
        let shapes: Vec<Shape> = stmts.iter().map(Shape::of).collect();
        let mut out = Vec::new();
        for (s, ss) in stmts.iter().zip(&shapes) {
            let by = stmts.iter().zip(&shapes).find(|(t, ts)| {
                t.index != s.index
                    && statement_covers(t, ts, s, ss)
                    && (!statement_covers(s, ss, t, ts) || t.index < s.index)
            });
            if let Some((t, _)) = by {
                out.push((s.index, t.index));
            }
        }
        out
    }

    /// Short patterns over an alphabet with wildcards, variables, case and the separators.
    fn pattern() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!["a", "A", "b", "/", ":", "*", "?", "${x}", "}"]),
            0..7,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The quick test only turns away what does not cover: whenever `covers` holds (for a
        /// pattern without variables, which `pattern_covers` compares as text), so does it.
        #[test]
        fn could_cover_never_turns_away_a_cover(
            outer in pattern(), inner in pattern(), fold in any::<bool>()
        ) {
            let kind = if fold { ACTION } else { POLICY };
            if !outer.contains("${") && covers(&outer, &inner, kind) {
                prop_assert!(could_cover(&outer, &inner, kind), "{:?} covers {:?}", outer, inner);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// The index by service and the groups by shape find the same covering statement as
        /// comparing every pair.
        #[test]
        fn the_service_index_finds_what_every_pair_finds(
            stmts in proptest::collection::vec(
                (any::<bool>(), proptest::bool::weighted(0.15), proptest::collection::vec(0usize..64, 1..4), 0usize..8, prop::sample::select(vec![0usize, 0, 0, 1, 2])),
                1..24,
            )
        ) {
            let text = policy_text(&stmts);
            let (policy, errors) = crate::parse::parse_policy(&text, crate::model::PolicyKind::Identity);
            let policy = policy.expect("the generated policy parses");
            prop_assert!(errors.iter().all(|e| e.severity != crate::diagnostic::Severity::Error), "{errors:?}");
            let indexed: Vec<(usize, usize)> = redundant_pairs(&policy)
                .into_iter()
                .map(|(s, t)| (s.index, t.index))
                .collect();
            prop_assert_eq!(indexed, every_pair(&policy));
        }
    }
}
