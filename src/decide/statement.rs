//! Evaluating one statement against one request: does its action, resource and principal
//! cover the request, and do its conditions hold?

use crate::answer::result::{ElementMatch, PolicyRef, StatementExplanation, StatementRef};
use crate::decide::conditions::evaluate_entry;
use crate::decide::context::RequestContext;
use crate::decide::matching::action::action_matches;
use crate::decide::matching::principal::principal_matches;
use crate::decide::matching::resource::resource_matches;
use crate::decide::principal::{MatchLevel, RequestPrincipal};
use crate::diagnostic::LineIndex;
use crate::model::{Effect, Policy, Statement};

/// A statement's evaluation, with how the principal was named (for the layered decision).
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The explanation shown to people.
    pub explanation: StatementExplanation,
    /// How a `Principal` element named the principal, when it applies.
    pub principal_level: Option<MatchLevel>,
    /// True when action, resource and principal matched (conditions aside).
    pub targets_request: bool,
}

impl Evaluated {
    /// True when the statement applies to the request.
    pub fn applies(&self) -> bool {
        self.explanation.applies
    }

    /// The statement's effect.
    pub fn effect(&self) -> Effect {
        self.explanation.statement.effect
    }
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

/// The parts joined into one string, allocated once at its final size.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
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
        sid: stmt.sid.as_ref().map(|s| s.value.clone()),
        effect: stmt.effect.value,
        location: index.location(stmt.span),
    }
}

/// Evaluates one statement of `policy` against the target.
pub fn evaluate(
    policy: &Policy,
    stmt: &Statement,
    target: &Target,
    index: &LineIndex,
) -> Evaluated {
    let lookup = |k: &str| target.context.single(k);
    let with_variables = policy.version.has_variables();

    // Action / NotAction.
    let action_el = &stmt.action;
    let hit = action_el
        .patterns
        .iter()
        .find(|p| action_matches(&p.value, target.action));
    let element = if action_el.negated {
        "NotAction"
    } else {
        "Action"
    };
    let action = ElementMatch {
        element: element.to_string(),
        matched: hit.is_some() != action_el.negated,
        matched_value: hit.map(|p| p.value.clone()),
        detail: {
            let a = target.action;
            match (hit, action_el.negated) {
                (Some(p), false) => concat(&["`", &p.value, "` covers `", a, "`"]),
                (None, false) => concat(&["no pattern in Action covers `", a, "`"]),
                (Some(p), true) => {
                    concat(&["NotAction lists `", &p.value, "`, which excludes `", a, "`"])
                }
                (None, true) => concat(&[
                    "NotAction does not list `",
                    a,
                    "`, so the statement covers it",
                ]),
            }
        },
        location: Some(index.location(hit.map_or(action_el.span, |p| p.span))),
    };

    // Resource / NotResource (absent: the resource the policy is attached to).
    let resource = match &stmt.resource {
        None => ElementMatch {
            element: "(none)".to_string(),
            matched: true,
            matched_value: None,
            detail:
                "no Resource element: the statement covers the resource the policy is attached to"
                    .to_string(),
            location: None,
        },
        Some(el) => {
            let mut hit = None;
            let mut notes = Vec::new();
            for p in &el.patterns {
                let m = resource_matches(&p.value, target.resource, with_variables, &lookup);
                if m.unresolved {
                    notes.push(format!(
                        "`{}` uses a policy variable with no value, so it matches nothing",
                        p.value
                    ));
                }
                if m.matched {
                    hit = Some((p, m));
                    break;
                }
            }
            let element = if el.negated {
                "NotResource"
            } else {
                "Resource"
            };
            // "`pattern` (resolved to `...`)" for a pattern with variables.
            fn shown<'x>(
                p: &'x crate::model::Spanned<String>,
                m: &'x crate::decide::matching::resource::ResourceMatch,
            ) -> [&'x str; 5] {
                match &m.resolved {
                    Some(r) => ["`", &p.value, "` (resolved to `", r, "`)"],
                    None => ["`", &p.value, "`", "", ""],
                }
            }
            let r = target.resource;
            let mut detail = match (&hit, el.negated) {
                (Some((p, m)), false) => {
                    let [a, b, c, d, e] = shown(p, m);
                    concat(&[a, b, c, d, e, " covers `", r, "`"])
                }
                (None, false) => concat(&["no pattern in Resource covers `", r, "`"]),
                (Some((p, m)), true) => {
                    let [a, b, c, d, e] = shown(p, m);
                    concat(&[
                        "NotResource lists ",
                        a,
                        b,
                        c,
                        d,
                        e,
                        ", which excludes `",
                        r,
                        "`",
                    ])
                }
                (None, true) => concat(&[
                    "NotResource does not list `",
                    r,
                    "`, so the statement covers it",
                ]),
            };
            for n in notes {
                detail.push_str("; ");
                detail.push_str(&n);
            }
            ElementMatch {
                element: element.to_string(),
                matched: hit.is_some() != el.negated,
                matched_value: hit.as_ref().map(|(p, _)| p.value.clone()),
                detail,
                location: Some(index.location(hit.as_ref().map_or(el.span, |(p, _)| p.span))),
            }
        }
    };

    // Principal / NotPrincipal.
    let mut principal_level = None;
    let principal = stmt.principal.as_ref().map(|el| {
        let deny_with_boundary = stmt.effect.value == Effect::Deny && target.has_boundary;
        let m = principal_matches(el, target.principal, deny_with_boundary);
        principal_level = if m.matched { m.level } else { None };
        ElementMatch {
            element: if el.negated {
                "NotPrincipal"
            } else {
                "Principal"
            }
            .to_string(),
            matched: m.matched,
            matched_value: m.matched_value,
            detail: m.detail,
            location: Some(index.location(el.span)),
        }
    });

    let targets_request =
        action.matched && resource.matched && principal.as_ref().is_none_or(|p| p.matched);

    // Conditions: every operator block, every key (AND).
    let mut conditions = Vec::new();
    for block in &stmt.conditions {
        for entry in &block.entries {
            conditions.push(evaluate_entry(
                &block.operator.value,
                entry,
                with_variables,
                target.context,
                index,
            ));
        }
    }
    let conditions_met = conditions.iter().all(|c| c.outcome);

    Evaluated {
        explanation: StatementExplanation {
            statement: statement_ref(policy, stmt, index),
            applies: targets_request && conditions_met,
            action,
            resource,
            principal,
            conditions,
            conditions_met,
        },
        principal_level,
        targets_request,
    }
}
