//! Near misses: Allow statements that almost applied to a request, ranked by how little
//! differed (only a condition, then the resource or the principal, then the action).

use serde::Serialize;

use crate::answer::result::{ConditionResult, RequestResult, StatementExplanation, StatementRef};
use crate::diagnostic::{edit_distance, Location};
use crate::model::Effect;

/// An Allow statement that almost applied.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NearMiss {
    /// Which statement.
    pub statement: StatementRef,
    /// How far it was (lower is nearer): 1 per failed condition, 2 for the resource or the
    /// principal, 3 for the action (2 when it looks like a typo).
    pub score: u32,
    /// One sentence.
    pub summary: String,
    /// What differed, each with its place.
    pub differences: Vec<Difference>,
}

/// One thing that differed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    /// `Action`, `Resource`, `Principal` or `Condition` (or their `Not` forms).
    pub element: String,
    /// For a condition: the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// For a condition: the operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// What differed, for people.
    pub detail: String,
    /// Where, in the scenario text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// The largest score still called a near miss.
const MAX_SCORE: u32 = 4;
/// How many near misses to report.
const MAX_MISSES: usize = 5;

/// `action_patterns` gives the statement's Action patterns, when known, for "did you mean".
pub(super) fn near_misses(
    r: &RequestResult,
    action_patterns: &dyn Fn(&StatementRef) -> Vec<String>,
) -> Vec<NearMiss> {
    let mut out: Vec<(usize, NearMiss)> = r
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.statement.effect == Effect::Allow && !s.applies)
        .filter_map(|(i, s)| miss(s, &r.request.action, action_patterns).map(|m| (i, m)))
        .filter(|(_, m)| m.score <= MAX_SCORE)
        .collect();
    out.sort_by_key(|(i, m)| (m.score, *i));
    out.into_iter().take(MAX_MISSES).map(|(_, m)| m).collect()
}

fn miss(
    s: &StatementExplanation,
    action: &str,
    action_patterns: &dyn Fn(&StatementRef) -> Vec<String>,
) -> Option<NearMiss> {
    let mut score = 0;
    let mut differences = Vec::new();
    if !s.action.matched {
        let (points, difference) = action_difference(s, action, action_patterns)?;
        score += points;
        differences.push(difference);
    }
    if !s.resource.matched {
        score += 2;
        differences.push(Difference {
            element: s.resource.element.clone(),
            key: None,
            operator: None,
            detail: s.resource.detail.clone(),
            location: s.resource.location,
        });
    }
    if let Some(p) = s.principal.as_ref().filter(|p| !p.matched) {
        score += 2;
        differences.push(Difference {
            element: p.element.clone(),
            key: None,
            operator: None,
            detail: p.detail.clone(),
            location: p.location,
        });
    }
    // Both action and resource missing: not near.
    if !s.action.matched && !s.resource.matched {
        return None;
    }
    for c in s.conditions.iter().filter(|c| !c.outcome) {
        score += 1;
        differences.push(condition_difference(c));
    }
    if differences.is_empty() {
        return None;
    }
    let parts: Vec<String> = differences
        .iter()
        .map(|d| match &d.key {
            Some(k) => format!("its condition on `{k}`"),
            None => format!("its `{}`", d.element),
        })
        .collect();
    let summary = format!(
        "{} almost applies: only {} differ{}",
        crate::answer::explain::describe_one(&s.statement),
        join_and(&parts),
        if parts.len() == 1 { "s" } else { "" }
    );
    Some(NearMiss {
        statement: s.statement.clone(),
        score,
        summary,
        differences,
    })
}

/// How far the statement's action is from the request's: a typo (2) is nearer than another
/// action of the same service (3); another service's action is not near at all (`None`).
fn action_difference(
    s: &StatementExplanation,
    action: &str,
    action_patterns: &dyn Fn(&StatementRef) -> Vec<String>,
) -> Option<(u32, Difference)> {
    // Another service's action is not near; a typo (`iam:PasRole`) is nearer than another
    // action of the same service.
    let service = |a: &str| a.split(':').next().unwrap_or("").to_ascii_lowercase();
    let patterns = action_patterns(&s.statement);
    let same_service = patterns.is_empty()
        || patterns
            .iter()
            .any(|p| service(p) == service(action) || p.starts_with(['*', '?']));
    if !same_service {
        return None;
    }
    let typo = patterns.into_iter().find(|p| {
        !p.contains(['*', '?'])
            && edit_distance(&p.to_ascii_lowercase(), &action.to_ascii_lowercase()) <= 2
    });
    let detail = match &typo {
        Some(p) => format!("{}: `{p}` is not `{action}`; a typo?", s.action.detail),
        None => s.action.detail.clone(),
    };
    let points = if typo.is_some() { 2 } else { 3 };
    let difference = Difference {
        element: s.action.element.clone(),
        key: None,
        operator: None,
        detail,
        location: s.action.location,
    };
    Some((points, difference))
}

/// A condition that does not hold: what the request has and what the statement wants.
fn condition_difference(c: &ConditionResult) -> Difference {
    let wanted: Vec<String> = c
        .values
        .iter()
        .map(|v| format!("`{}`", v.resolved.as_deref().unwrap_or(&v.value)))
        .collect();
    let detail = match &c.request_values {
        Some(vals) if c.key_present => format!(
            "`{}` on `{}`: the request has {}, the statement wants {}",
            c.operator,
            c.key,
            vals.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if wanted.is_empty() {
                "nothing".to_string()
            } else {
                wanted.join(" or ")
            }
        ),
        _ => format!(
            "`{}` on `{}`: the request has no `{}` ({})",
            c.operator, c.key, c.key, c.reason
        ),
    };
    Difference {
        element: "Condition".to_string(),
        key: Some(c.key.clone()),
        operator: Some(c.operator.clone()),
        detail,
        location: Some(c.location),
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
