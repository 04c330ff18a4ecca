//! What-if switches: evaluating a scenario with some policies or statements switched off
//! (`whatIf.disabled`, see docs/scenario-extensions.md). The page owns the editing of the
//! switches: it keeps them on its policy cards (so moving or renaming a card keeps its switch)
//! and writes `whatIf` when it assembles the scenario text.
//!
//! A switched-off policy is as if detached: a switched-off permissions boundary means "no
//! boundary", not "a boundary that allows nothing". A switched-off statement is as if deleted
//! from its policy; the policy stays (so a boundary whose only statement is off allows
//! nothing). Switched-off statements are still explained, in
//! [`RequestResult::disabled_statements`](crate::answer::result::RequestResult), as if they were on.
//!
//! ```
//! let text = r#"{"policies": {"identity": [{"Version": "2012-10-17",
//!     "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice",
//!               "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key"},
//!   "whatIf": {"disabled": [{"kind": "identity", "index": 0}]}}"#;
//! let answer = iam_playground::evaluate(text);
//! assert_eq!(answer.decision, Some(iam_playground::model::Decision::ImplicitDeny));
//! assert_eq!(answer.requests[0].disabled_statements.len(), 1);
//! ```

use crate::answer::result::StatementExplanation;
use crate::decide::decision::Decided;
use crate::decide::statement::{self, Detail, Target};
use crate::diagnostic::LineIndex;
use crate::model::{Disabled, Policy, PolicyKind, Request, Scenario};

/// A scenario with its switches applied.
pub struct Split {
    /// The policies and statements that are on.
    pub active: Scenario,
    /// The switched-off parts, in source order: each policy holds only its switched-off
    /// statements (all of them when the whole policy is off).
    pub off: Vec<Policy>,
}

/// True when the whole policy is switched off.
pub fn policy_disabled(disabled: &[Disabled], policy: &Policy) -> bool {
    disabled.iter().any(|d| {
        d.statement.is_none()
            && d.kind == policy.kind
            && d.index == policy.index
            && d.position == policy.position
    })
}

fn statement_disabled(disabled: &[Disabled], policy: &Policy, statement: usize) -> bool {
    disabled.iter().any(|d| {
        d.statement == Some(statement)
            && d.kind == policy.kind
            && d.index == policy.index
            && d.position == policy.position
    })
}

/// Applies the switches; `None` when nothing is switched off (evaluate the scenario as is).
pub fn split(scenario: &Scenario) -> Option<Split> {
    if scenario.disabled.is_empty() {
        return None;
    }
    let mut active = scenario.clone();
    let mut off = Vec::new();
    active.policies.clear();
    for policy in &scenario.policies {
        if policy_disabled(&scenario.disabled, policy) {
            off.push(policy.clone());
            continue;
        }
        let (off_stmts, on_stmts): (Vec<_>, Vec<_>) = policy
            .statements
            .iter()
            .cloned()
            .partition(|s| statement_disabled(&scenario.disabled, policy, s.index));
        if !off_stmts.is_empty() {
            let mut p = policy.clone();
            p.statements = off_stmts;
            off.push(p);
        }
        let mut p = policy.clone();
        p.statements = on_stmts;
        active.policies.push(p);
    }
    Some(Split { active, off })
}

/// Explains the switched-off statements against a decided request, as if they were on.
pub fn explain(
    off: &[Policy],
    active: &Scenario,
    request: &Request,
    decided: &Decided,
    index: &LineIndex,
) -> Vec<StatementExplanation> {
    let target = Target {
        principal: &decided.principal,
        action: &request.action.value,
        resource: &request.resource.value,
        context: &decided.context,
        has_boundary: active
            .policies
            .iter()
            .any(|p| p.kind == PolicyKind::PermissionsBoundary),
    };
    off.iter()
        .flat_map(|p| {
            p.statements
                .iter()
                .filter_map(|s| {
                    statement::evaluate_with(p, s, &target, index, Detail::Explained)?
                        .explanation
                        .map(|e| *e)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
