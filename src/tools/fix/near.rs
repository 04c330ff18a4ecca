//! Near misses: Allow statements that almost applied to a request, ranked by how little
//! differed (only a condition, then the resource or the principal, then the action).

use serde::Serialize;

use crate::answer::result::{ConditionResult, RequestResult, StatementExplanation, StatementRef};
use crate::diagnostic::{edit_distance, Location};
use crate::i18n::{Lang, Msg};
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
    /// The same as a catalog message.
    #[serde(skip)]
    pub summary_msg: Option<Msg>,
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
    /// The same as a catalog message, when there is one.
    #[serde(skip)]
    pub detail_msg: Option<Msg>,
    /// Where, in the scenario text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl NearMiss {
    /// Renders the summary and each difference in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        if let Some(m) = &self.summary_msg {
            self.summary = m.render(lang);
        }
        for d in &mut self.differences {
            if let Some(m) = &d.detail_msg {
                d.detail = m.render(lang);
            }
        }
    }
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
            element: s.resource.element.to_string(),
            key: None,
            operator: None,
            detail: s.resource.detail.clone(),
            detail_msg: s.resource.detail_msg.clone(),
            location: s.resource.location,
        });
    }
    if let Some(p) = s.principal.as_ref().filter(|p| !p.matched) {
        score += 2;
        differences.push(Difference {
            element: p.element.to_string(),
            key: None,
            operator: None,
            detail: p.detail.clone(),
            detail_msg: p.detail_msg.clone(),
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
    let parts: Vec<Msg> = differences
        .iter()
        .map(|d| match &d.key {
            Some(k) => Msg::new("fix.near.part.condition").arg("key", k),
            None => Msg::new("fix.near.part.element").arg("element", &d.element),
        })
        .collect();
    let summary = Msg::new(if parts.len() == 1 {
        "fix.near.one"
    } else {
        "fix.near.other"
    })
    .phrase(
        "statement",
        crate::answer::explain::statement_phrase(&s.statement),
    )
    .phrase("parts", join_and(parts));
    Some(NearMiss {
        statement: s.statement.clone(),
        score,
        summary: summary.render(Lang::En),
        summary_msg: Some(summary),
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
    let detail_msg = match &typo {
        Some(p) => Some(
            Msg::new("fix.near.typo")
                .text("detail", element_detail(&s.action))
                .arg("pattern", p)
                .arg("action", action),
        ),
        None => s.action.detail_msg.clone(),
    };
    let detail = detail_msg
        .as_ref()
        .map_or_else(|| s.action.detail.clone(), |m| m.render(Lang::En));
    let points = if typo.is_some() { 2 } else { 3 };
    let difference = Difference {
        element: s.action.element.to_string(),
        key: None,
        operator: None,
        detail,
        detail_msg,
        location: s.action.location,
    };
    Some((points, difference))
}

/// A condition that does not hold: what the request has and what the statement wants.
fn condition_difference(c: &ConditionResult) -> Difference {
    let mut wanted = c.values.iter().map(|v| {
        Msg::new("list.one").arg(
            "item",
            format!("`{}`", v.resolved.as_deref().unwrap_or(&v.value)),
        )
    });
    let msg = match &c.request_values {
        Some(vals) if c.key_present => {
            let wanted = match wanted.next() {
                None => Msg::new("fix.near.nothing"),
                Some(first) => wanted.fold(first, |acc, next| {
                    Msg::new("fix.either")
                        .phrase("first", acc)
                        .phrase("next", next)
                }),
            };
            Msg::new("fix.near.condition.values")
                .list("values", vals.iter().map(|v| format!("`{v}`")).collect())
                .phrase("wanted", wanted)
        }
        _ => Msg::new("fix.near.condition.absent").text(
            "reason",
            match &c.reason_msg {
                Some(m) => crate::i18n::Text::Msg(m.clone()),
                None => crate::i18n::Text::Plain(c.reason.clone()),
            },
        ),
    }
    .arg("operator", &c.operator)
    .arg("key", &c.key);
    Difference {
        element: "Condition".to_string(),
        key: Some(c.key.clone()),
        operator: Some(c.operator.clone()),
        detail: msg.render(Lang::En),
        detail_msg: Some(msg),
        location: Some(c.location),
    }
}

/// An element's detail as a text: its catalog message, or its English sentence.
fn element_detail(e: &crate::answer::result::ElementMatch) -> crate::i18n::Text {
    match &e.detail_msg {
        Some(m) => crate::i18n::Text::Msg(m.clone()),
        None => crate::i18n::Text::Plain(e.detail.clone()),
    }
}

/// "a, b and c" as one catalog phrase.
fn join_and(mut parts: Vec<Msg>) -> Msg {
    match parts.pop() {
        None => Msg::new("list.one").arg("item", ""),
        Some(last) if parts.is_empty() => last,
        Some(last) => Msg::new("list.and")
            .phrases("items", parts)
            .phrase("last", last),
    }
}
