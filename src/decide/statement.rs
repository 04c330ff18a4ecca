//! Evaluating one statement against one request: does its action, resource and principal
//! cover the request, and do its conditions hold?

use crate::answer::result::{
    ConditionResult, ElementMatch, PolicyRef, StatementExplanation, StatementRef,
};
use crate::decide::conditions::{entry_holds, evaluate_entry};
use crate::decide::context::RequestContext;
use crate::decide::matching::action::action_matches;
use crate::decide::matching::principal::{principal_matches, PrincipalMatch};
use crate::decide::matching::resource::{resource_matches, ResourceMatch};
use crate::decide::principal::{MatchLevel, RequestPrincipal};
use crate::diagnostic::{LineIndex, Location};
use crate::i18n::{Lang, Msg};
use crate::model::{Effect, Policy, PrincipalElement, Spanned, Statement, Str};

/// A statement's evaluation, with how the principal was named (for the layered decision).
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// Which statement.
    pub statement: StatementRef,
    /// True when action, resource, principal and all conditions matched.
    pub applies: bool,
    /// How a `Principal` element named the principal, when it applies.
    pub principal_level: Option<MatchLevel>,
    /// True when action, resource and principal matched (conditions aside).
    pub targets_request: bool,
    /// When the statement targets the request but does not apply: its conditions that are
    /// false (what a near miss names).
    pub failed: Vec<ConditionRef>,
    /// The explanation shown to people; absent when the decision is not explained
    /// ([`Detail::Brief`]). Boxed: it is most of the evaluation's size, and the list of
    /// evaluations is moved and grown without it.
    pub explanation: Option<Box<StatementExplanation>>,
}

impl Evaluated {
    /// True when the statement applies to the request.
    pub fn applies(&self) -> bool {
        self.applies
    }

    /// The statement's effect.
    pub fn effect(&self) -> Effect {
        self.statement.effect
    }
}

/// One operator/key pair of a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionRef {
    /// The operator as written.
    pub operator: String,
    /// The key as written.
    pub key: String,
}

/// How much of a statement's evaluation to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The outcome only: enough to decide, nothing written for people (`decide`).
    Brief,
    /// The outcome and the explanation of every element and condition (`evaluate`).
    Explained,
}

/// What a statement is evaluated against.
pub struct Target<'a> {
    /// The principal.
    pub principal: &'a RequestPrincipal,
    /// The action.
    pub action: &'a str,
    /// The resource.
    pub resource: &'a str,
    /// The context.
    pub context: &'a RequestContext,
    /// True when the principal has a permissions boundary.
    pub has_boundary: bool,
}

/// The reference to a policy used in results.
pub fn policy_ref(policy: &Policy) -> PolicyRef {
    PolicyRef {
        kind: policy.kind,
        index: policy.index,
        position: policy.position,
        name: policy.name.clone(),
    }
}

/// The reference to a statement used in results.
pub fn statement_ref(policy: &Policy, stmt: &Statement, index: &LineIndex) -> StatementRef {
    StatementRef {
        policy: policy_ref(policy),
        statement_index: stmt.index,
        sid: stmt.sid.as_ref().map(|s| s.value.as_str().to_owned()),
        effect: stmt.effect.value,
        location: index.location(stmt.span),
    }
}

/// Evaluates one statement of `policy` against the target, explained or not. Both give the
/// same outcome: the explanation is written from the same matches. Explained, it is always
/// `Some`. Unexplained ([`Detail::Brief`]), a statement that does not target the request (its
/// action, resource or principal does not match) gives `None`: it can neither apply nor be a
/// near miss, so the decision never reads it, and its reference (policy name, Sid, location)
/// is not written.
pub fn evaluate_with(
    policy: &Policy,
    stmt: &Statement,
    target: &Target,
    index: &LineIndex,
    detail: Detail,
) -> Option<Evaluated> {
    let explain = detail == Detail::Explained;
    let with_variables = policy.version.has_variables();

    // Action / NotAction.
    let action_el = &stmt.action;
    let action_hit = action_el
        .patterns
        .iter()
        .find(|p| action_matches(&p.value, target.action));
    let action_matched = action_hit.is_some() != action_el.negated;

    // Resource / NotResource (absent: the resource the policy is attached to).
    let (resource_hit, unresolved) = resource_hit(stmt, target, with_variables, explain);
    let resource_matched = stmt
        .resource
        .as_ref()
        .is_none_or(|el| resource_hit.is_some() != el.negated);

    let principal_match = principal_match(stmt, target);
    let principal_level = principal_match
        .as_ref()
        .and_then(|m| if m.matched { m.level } else { None });

    let targets_request =
        action_matched && resource_matched && principal_match.as_ref().is_none_or(|m| m.matched);
    if !explain && !targets_request {
        return None;
    }

    // Conditions: every operator block, every key (AND). Unexplained, they matter only for a
    // statement that targets the request (it applies, or is a near miss).
    let (conditions, failed, conditions_met) = conditions(
        stmt,
        target,
        with_variables,
        index,
        explain,
        targets_request,
    );

    let statement = statement_ref(policy, stmt, index);
    let applies = targets_request && conditions_met;
    let explanation = explain.then(|| {
        Box::new(StatementExplanation {
            statement: statement.clone(),
            applies,
            action: action_match(action_el, action_hit, target.action, index),
            resource: resource_match(
                stmt,
                resource_hit.as_ref(),
                &unresolved,
                target.resource,
                index,
            ),
            principal: stmt
                .principal
                .as_ref()
                .zip(principal_match)
                .map(|(el, m)| principal_explained(el, m, index)),
            conditions,
            conditions_met,
        })
    });
    Some(Evaluated {
        statement,
        applies,
        principal_level,
        targets_request,
        failed,
        explanation,
    })
}

/// How the `Principal` or `NotPrincipal` element matches the request's principal, if there is
/// one.
fn principal_match(stmt: &Statement, target: &Target) -> Option<PrincipalMatch> {
    stmt.principal.as_ref().map(|el| {
        let deny_with_boundary = stmt.effect.value == Effect::Deny && target.has_boundary;
        principal_matches(el, target.principal, deny_with_boundary)
    })
}

/// The first `Resource`/`NotResource` pattern that matches the request's resource, and (when
/// explaining) the patterns whose policy variables have no value.
fn resource_hit<'s>(
    stmt: &'s Statement,
    target: &Target,
    with_variables: bool,
    explain: bool,
) -> (Option<(&'s Spanned<Str>, ResourceMatch)>, Vec<&'s Str>) {
    let lookup = |k: &str| target.context.single(k);
    let mut resource_hit = None;
    let mut unresolved = Vec::new();
    if let Some(el) = &stmt.resource {
        for p in &el.patterns {
            let m = resource_matches(&p.value, target.resource, with_variables, &lookup);
            if m.unresolved && explain {
                unresolved.push(&p.value);
            }
            if m.matched {
                resource_hit = Some((p, m));
                break;
            }
        }
    }
    (resource_hit, unresolved)
}

/// The statement's conditions: explained (every one), or judged only when the statement
/// targets the request; the ones that failed (for a statement that targets the request); and
/// whether all hold.
fn conditions(
    stmt: &Statement,
    target: &Target,
    with_variables: bool,
    index: &LineIndex,
    explain: bool,
    targets_request: bool,
) -> (Vec<ConditionResult>, Vec<ConditionRef>, bool) {
    let entries = stmt.conditions.iter().flat_map(|block| {
        block
            .entries
            .iter()
            .map(move |e| (&block.operator.value, e))
    });
    let mut conditions = Vec::new();
    let mut failed = Vec::new();
    let mut conditions_met = true;
    if explain {
        for (operator, entry) in entries {
            let c = evaluate_entry(operator, entry, with_variables, target.context, index);
            conditions_met &= c.outcome;
            conditions.push(c);
        }
        if targets_request {
            failed = conditions
                .iter()
                .filter(|c| !c.outcome)
                .map(|c| ConditionRef {
                    operator: c.operator.clone(),
                    key: c.key.clone(),
                })
                .collect();
        }
    } else if targets_request {
        for (operator, entry) in entries {
            if !entry_holds(operator, entry, with_variables, target.context) {
                conditions_met = false;
                failed.push(ConditionRef {
                    operator: operator.name(),
                    key: entry.key.value.as_str().to_owned(),
                });
            }
        }
    }
    (conditions, failed, conditions_met)
}

/// An element's explanation, its sentence rendered in English and kept as a message.
fn element(
    name: &'static str,
    matched: bool,
    matched_value: Option<String>,
    detail: Msg,
    location: Option<Location>,
) -> ElementMatch {
    ElementMatch {
        element: name,
        matched,
        matched_value,
        detail: detail.render(Lang::En),
        detail_msg: Some(detail),
        location,
    }
}

/// The explanation of the `Principal` or `NotPrincipal` element.
fn principal_explained(
    el: &PrincipalElement,
    m: PrincipalMatch,
    index: &LineIndex,
) -> ElementMatch {
    let name = if el.negated {
        "NotPrincipal"
    } else {
        "Principal"
    };
    let location = Some(index.location(el.span));
    element(name, m.matched, m.matched_value, m.detail, location)
}

/// The explanation of the `Action` or `NotAction` element.
fn action_match(
    action_el: &crate::model::PatternElement,
    hit: Option<&Spanned<Str>>,
    a: &str,
    index: &LineIndex,
) -> ElementMatch {
    let name = if action_el.negated {
        "NotAction"
    } else {
        "Action"
    };
    let detail = match (hit, action_el.negated) {
        (Some(p), false) => Msg::new("explain.action.covers").arg("pattern", p.value.as_str()),
        (None, false) => Msg::new("explain.action.none"),
        (Some(p), true) => Msg::new("explain.not-action.excludes").arg("pattern", p.value.as_str()),
        (None, true) => Msg::new("explain.not-action.covers"),
    }
    .arg("action", a);
    let location = Some(index.location(hit.map_or(action_el.span, |p| p.span)));
    let matched = hit.is_some() != action_el.negated;
    element(
        name,
        matched,
        hit.map(|p| p.value.as_str().to_owned()),
        detail,
        location,
    )
}

/// The explanation of the `Resource` or `NotResource` element (or of its absence).
fn resource_match(
    stmt: &Statement,
    hit: Option<&(
        &Spanned<Str>,
        crate::decide::matching::resource::ResourceMatch,
    )>,
    unresolved: &[&Str],
    r: &str,
    index: &LineIndex,
) -> ElementMatch {
    let Some(el) = &stmt.resource else {
        let detail = Msg::new("explain.resource.absent");
        return element("(none)", true, None, detail, None);
    };
    let name = if el.negated {
        "NotResource"
    } else {
        "Resource"
    };
    let key = |plain, resolved| match hit.and_then(|(_, m)| m.resolved.as_ref()) {
        Some(to) => Msg::new(resolved).arg("resolved", to),
        None => Msg::new(plain),
    };
    let mut detail = match (hit, el.negated) {
        (Some((p, _)), false) => key(
            "explain.resource.covers",
            "explain.resource.covers-resolved",
        )
        .arg("pattern", p.value.as_str()),
        (None, false) => Msg::new("explain.resource.none"),
        (Some((p, _)), true) => key(
            "explain.not-resource.excludes",
            "explain.not-resource.excludes-resolved",
        )
        .arg("pattern", p.value.as_str()),
        (None, true) => Msg::new("explain.not-resource.covers"),
    }
    .arg("resource", r);
    for p in unresolved {
        let clause = Msg::new("explain.resource.unresolved").arg("pattern", p);
        detail = Msg::new("explain.clauses")
            .phrase("first", detail)
            .phrase("rest", clause);
    }
    let location = Some(index.location(hit.map_or(el.span, |(p, _)| p.span)));
    let matched = hit.is_some() != el.negated;
    let matched_value = hit.map(|(p, _)| p.value.as_str().to_owned());
    element(name, matched, matched_value, detail, location)
}
