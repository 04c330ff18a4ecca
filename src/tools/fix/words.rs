//! Every sentence the fix suggestions say, one function per kind of sentence, each built from
//! the report's codes and data only (so a translation replaces this file's templates and
//! nothing else): the explanation of a request's fix, a note, why a statement goes where it
//! goes, one condition of a suggested statement, and why a denial protects the principal.

use super::protect::{Protection, ProtectionCode};
use super::{Expected, FixKind, NoFixReason, Note, PlacementReason, RequestFix};
use crate::answer::result::{LayerKind, StatementRef};
use crate::model::PolicyKind;

fn code_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn statement(s: &StatementRef) -> String {
    crate::answer::explain::describe_one(s)
}

/// Why a statement goes into the policy it goes into.
pub fn placement_why(
    reason: PlacementReason,
    action: &str,
    resource_account: Option<&str>,
) -> String {
    match reason {
        PlacementReason::IdentityPolicies => {
            format!("no identity-based policy allows `{action}`: a new identity-based policy allows it")
        }
        PlacementReason::PermissionsBoundary => format!(
            "the permissions boundary does not allow `{action}`: the effective permissions are the intersection of the identity-based policies and the boundary, so the boundary must allow it too"
        ),
        PlacementReason::SessionPolicy => format!(
            "the session policy does not allow `{action}`: a session gets the intersection of the role's policies and the session policy"
        ),
        PlacementReason::TrustPolicy => format!(
            "a role trust policy must allow `{action}` even within the account: the trust policy names the principal"
        ),
        PlacementReason::CrossAccount => format!(
            "in a cross-account request the resource-based policy in account `{}` must allow the principal, besides its own account's policies",
            resource_account.unwrap_or("?")
        ),
        PlacementReason::KmsKeyPolicy => {
            "a KMS key policy must allow access even within the account".to_string()
        }
        PlacementReason::NoIdentityPolicies => {
            "this principal has no identity-based policies, so only a resource-based policy can allow it".to_string()
        }
        PlacementReason::ResourcePolicy => {
            "the resource-based policy must allow the principal".to_string()
        }
        PlacementReason::ScpLevel => format!(
            "an SCP level allows nothing that matches: every level of the organization must allow `{action}`"
        ),
        PlacementReason::VpcEndpoint => format!(
            "the request passes through a VPC endpoint whose endpoint policy allows nothing that matches: the endpoint policy must allow `{action}` too (it grants nothing by itself)"
        ),
    }
}

/// One condition of a suggested statement (IAM User Guide, "IAM and AWS STS condition context
/// keys": `iam:PassedToService` names the service principal the role is passed to;
/// `iam:AssociatedResourceArn` the resource the role will be associated with).
pub fn condition_line(key: &str, values: &[String]) -> String {
    let list = code_list(values);
    if key.eq_ignore_ascii_case("iam:PassedToService") {
        format!("`{key}`: the role may be passed only to {list}, the service that will act with it")
    } else if key.eq_ignore_ascii_case("iam:AssociatedResourceARN") {
        if values.iter().all(|v| v.ends_with(":instance/*")) {
            format!(
                "`{key}`: the role may be used only by {list} (any EC2 instance of that Region and account: an instance's ID is not known before it is launched)"
            )
        } else {
            format!("`{key}`: the role may be used only by {list}, the resource it is passed for")
        }
    } else {
        format!("`{key}` must be {list}, as in the request")
    }
}

/// A note beside a fix.
pub fn note(note: &Note) -> String {
    match note {
        Note::BypassesCondition { statement: s, keys } => {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            let (noun, verb, them) = if keys.len() == 1 {
                ("condition", "is", "it")
            } else {
                ("conditions", "are", "them")
            };
            format!(
                "{} already covers this request but its {noun} on {} {verb} false: meeting {them} (a change to the request) may be the better fix, since the new statement has no such condition",
                statement(s),
                keys.join(" and ")
            )
        }
        Note::NoPassedToService => "the request does not say which service the role is passed to: add `iam:PassedToService` to its context to get a statement limited to that service".to_string(),
        Note::RolePower { role } => format!(
            "passing `{role}` hands its permissions to the service: allow it only if the role is no more powerful than the people who may pass it"
        ),
        Note::PublicGrant => "the statement names every principal (`\"Principal\": \"*\"`): that makes the resource public; grant it to a known principal instead if you can".to_string(),
        Note::BecameInvalid => "the scenario became invalid after adding a statement".to_string(),
        Note::CannotPlace { layer } => format!(
            "the statement for the {} could not be placed in the text; add it by hand",
            layer_label(*layer)
        ),
        Note::ChangesExpectation { expected } => format!(
            "the scenario's `expect` says this request is {}: with the fix it is allowed, so update `expect` too",
            expected.as_str()
        ),
        Note::UnknownAction { action } => format!(
            "`{action}` is not in the action catalog: check its spelling, since a statement for an action AWS does not have allows nothing real"
        ),
    }
}

fn layer_label(layer: LayerKind) -> &'static str {
    match layer {
        LayerKind::Identity => "identity-based policies",
        LayerKind::PermissionsBoundary => "permissions boundary",
        LayerKind::Session => "session policy",
        LayerKind::Resource => "resource-based policy",
        LayerKind::Scp => "service control policies",
        LayerKind::Rcp => "resource control policies",
        LayerKind::ExplicitDeny => "explicit deny",
        LayerKind::VpcEndpoint => "VPC endpoint policy",
        LayerKind::PermissionNotRequired => "call that needs no permission",
    }
}

/// Why a denial protects the principal (see `protect.rs` for the sources), and what to do
/// instead.
pub fn protection(p: &Protection) -> String {
    const BOUNDARY: &str = "to delegate permission management, an administrator grants it only with a permissions boundary the delegate cannot change";
    let (reason, instead) = match p.code {
        ProtectionCode::SelfPermissions => (
            format!(
                "`{}` on `{}` changes the caller's own permissions: allowing it would let `{}` grant itself anything",
                p.action, p.resource, p.principal
            ),
            BOUNDARY,
        ),
        ProtectionCode::GroupPermissions => (
            format!(
                "`{}` on `{}` changes what the group's members may do: if `{}` belongs to the group (or adds itself to it), it grants itself those rights",
                p.action, p.resource, p.principal
            ),
            BOUNDARY,
        ),
        ProtectionCode::RolePermissions => (
            format!(
                "`{}` on `{}` changes what the role may do: a principal that can also assume the role, or pass it to a service, gets those rights",
                p.action, p.resource
            ),
            BOUNDARY,
        ),
        ProtectionCode::RoleTrust => (
            format!(
                "`{}` on `{}` changes who may assume the role: `{}` could make the role trust itself and act with the role's rights",
                p.action, p.resource, p.principal
            ),
            BOUNDARY,
        ),
        ProtectionCode::PolicyVersion => (
            format!(
                "`{}` rewrites the customer managed policy `{}`: if it is attached to `{}`, that rewrites its own permissions",
                p.action, p.resource, p.principal
            ),
            BOUNDARY,
        ),
        ProtectionCode::OtherUserCredentials => (
            format!(
                "`{}` makes credentials for `{}`: `{}` could then act as that user, with that user's rights",
                p.action, p.resource, p.principal
            ),
            "to act with other rights, use a role made for the task",
        ),
        ProtectionCode::PassAnyRole => (
            format!(
                "`{}` on `{}` would let `{}` hand any role, including one more powerful than itself, to a service it controls",
                p.action, p.resource, p.principal
            ),
            "allow passing the named roles a service needs, with `iam:PassedToService`",
        ),
    };
    format!("This denial protects you: {reason}. No statement is suggested; {instead}.")
}

fn expected_lesson(e: &Expected) -> String {
    match &e.because {
        Some(because) => format!(
            "This denial is the lesson of the scenario: its `expect` says {}. {because}",
            e.decision.as_str()
        ),
        None => format!(
            "This denial is the lesson of the scenario: its `expect` says {}, so no fix is suggested. (To get one, remove `expect` or mark the denial `\"fixable\": true`.)",
            e.decision.as_str()
        ),
    }
}

fn placements(fix: &RequestFix) -> String {
    let places: Vec<String> = fix
        .placements
        .iter()
        .map(|p| {
            let target = if p.new_policy {
                format!("a new {}", p.policy_kind.label())
            } else {
                match p.policy_kind {
                    PolicyKind::Scp => format!("SCP level {}", p.policy_index + 1),
                    k => format!("the {}", k.label()),
                }
            };
            format!("`{}` to {target}", p.sid)
        })
        .collect();
    let joined = match places.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!(
        "add statement{} {joined} ({})",
        if fix.placements.len() == 1 { "" } else { "s" },
        fix.placements
            .first()
            .map(|p| p.why.as_str())
            .unwrap_or_default()
    )
}

fn outcome(fix: &RequestFix) -> String {
    if fix.verified {
        "evaluated again, the request is allowed".to_string()
    } else {
        format!(
            "evaluated again, the request is still {}",
            fix.decision_after.map_or("denied", |d| d.as_str())
        )
    }
}

/// The one-line explanation of a request's fix.
pub fn explanation(fix: &RequestFix) -> String {
    match fix.kind {
        FixKind::Allowed => "Allowed: nothing to fix.".to_string(),
        FixKind::AddStatements => {
            let mut s = placements(fix);
            if let Some(first) = s.get(..1) {
                s.replace_range(..1, &first.to_ascii_uppercase());
            }
            format!("{s}; {}.", outcome(fix))
        }
        FixKind::CorrectAction => {
            let (from, to) = fix
                .correction
                .as_ref()
                .map(|c| (c.from.as_str(), c.to.as_str()))
                .unwrap_or_default();
            if fix.placements.is_empty() {
                format!("`{from}` is not an AWS action: did you mean `{to}`? Correct the request's action; {}.", outcome(fix))
            } else {
                format!(
                    "`{from}` is not an AWS action: did you mean `{to}`? Correct the request's action and {}; {}.",
                    placements(fix),
                    outcome(fix)
                )
            }
        }
        FixKind::ExplicitDeny => {
            let denies = crate::answer::explain::describe(&fix.deny_statements);
            match &fix.expected {
                Some(e) => format!(
                    "Explicitly denied by {denies}: no Allow can override an explicit deny, and that is the lesson of the scenario (its `expect` says {}).{}",
                    e.decision.as_str(),
                    e.because.as_ref().map(|b| format!(" {b}")).unwrap_or_default()
                ),
                None => format!(
                    "Explicitly denied by {denies}: no Allow can override an explicit deny. Change that Deny statement (its Action, Resource or Condition) so it no longer matches, or switch it off to see what else decides."
                ),
            }
        }
        FixKind::ProtectsYou => {
            let mut s = fix.protection.as_ref().map(protection).unwrap_or_default();
            if let Some(because) = fix.expected.as_ref().and_then(|e| e.because.as_ref()) {
                s.push(' ');
                s.push_str(because);
            }
            s
        }
        FixKind::ExpectedDenial => fix.expected.as_ref().map(expected_lesson).unwrap_or_default(),
        FixKind::NoFix => match fix.no_fix {
            Some(NoFixReason::NoLayerToChange) | None => {
                "No statement can be suggested for this request.".to_string()
            }
            Some(NoFixReason::ResourceControlPolicy) => "No statement is suggested: a resource control policy does not allow the request, and RCPs are the organization's guard rails, changed by its administrators.".to_string(),
        },
    }
}
