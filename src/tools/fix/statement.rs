//! The smallest statement that allows a denied request in one layer: its `Sid`, `Principal`
//! (resource-based policies), `Action`, `Resource` and, for `iam:PassRole`, the conditions the
//! IAM User Guide advises ("Grant a user permissions to pass a role to an AWS service": name the
//! role, limit it with `iam:PassedToService` and, where the service supports it,
//! `iam:AssociatedResourceArn`).

use super::{words, ConditionLine, Note, PlacementReason};
use crate::answer::result::{LayerKind, LayerStatus, RequestResult};
use crate::decide::principal::{PrincipalKind, RequestPrincipal};
use crate::model::{Effect, PolicyKind, Scenario};
use crate::tools::ordered_json::J;

/// A statement ready to place.
pub(super) struct Built {
    pub statement: J,
    pub sid: String,
    pub policy_name: String,
    pub reason: PlacementReason,
    pub why: crate::i18n::Msg,
    pub conditions: Vec<ConditionLine>,
    pub notes: Vec<Note>,
}

/// `iam:PassRole` → `AllowIamPassRole`, made unique among `taken` (case-insensitively).
pub(super) fn sid_for(action: &str, taken: &[String]) -> String {
    let mut base = String::from("Allow");
    for part in action.split([':', '-', '_', '.']) {
        let mut chars = part.chars().filter(char::is_ascii_alphanumeric);
        if let Some(first) = chars.next() {
            base.push(first.to_ascii_uppercase());
            base.extend(chars);
        }
    }
    let mut sid = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&sid)) {
        sid = format!("{base}{n}");
        n += 1;
    }
    sid
}

/// `arn:aws:iam::1:role/path/Name` → `Name`.
fn short(resource: &str) -> &str {
    resource
        .rsplit(['/', ':'])
        .find(|s| !s.is_empty() && *s != "*")
        .unwrap_or(resource)
}

/// The value of a context key the request supplied (case-insensitive).
pub(super) fn supplied<'r>(r: &'r RequestResult, key: &str) -> Option<&'r [String]> {
    r.context
        .iter()
        .find(|c| c.source == "request" && c.key.eq_ignore_ascii_case(key))
        .map(|c| c.values.as_slice())
}

/// EC2 instance IDs are assigned at launch: a statement for the instance ARN names every
/// instance of the Region and account (`instance/*`), as the IAM User Guide's
/// `iam:AssociatedResourceArn` example does.
pub(super) fn associated_pattern(arn: &str) -> String {
    match arn.split_once(":instance/") {
        Some((head, _)) if arn.starts_with("arn:") && head.contains(":ec2:") => {
            format!("{head}:instance/*")
        }
        _ => arn.to_string(),
    }
}

fn principal_element(r: &RequestResult) -> (J, Option<Note>) {
    let supplied_arn = supplied(r, "aws:PrincipalArn")
        .and_then(|v| v.first())
        .map(String::as_str);
    let p = RequestPrincipal::parse(&r.request.principal, supplied_arn);
    let aws = |v: String| J::obj([("AWS", J::str(v))]);
    match p.kind {
        PrincipalKind::User | PrincipalKind::FederatedUser | PrincipalKind::Role => {
            (aws(r.request.principal.clone()), None)
        }
        PrincipalKind::AssumedRole => (
            aws(p
                .role_arn
                .clone()
                .unwrap_or_else(|| r.request.principal.clone())),
            None,
        ),
        PrincipalKind::Root => (
            aws(match &p.account {
                Some(a) => format!("arn:{}:iam::{a}:root", p.partition),
                None => r.request.principal.clone(),
            }),
            None,
        ),
        PrincipalKind::Service => (
            J::obj([("Service", J::str(r.request.principal.clone()))]),
            None,
        ),
        PrincipalKind::WebIdentity => (
            J::obj([("Federated", J::str(r.request.principal.clone()))]),
            None,
        ),
        PrincipalKind::CanonicalUser => (
            J::obj([("CanonicalUser", J::str(r.request.principal.clone()))]),
            None,
        ),
        PrincipalKind::Anonymous | PrincipalKind::Unknown => (J::str("*"), Some(Note::PublicGrant)),
    }
}

/// The conditions of a PassRole statement, from what the request says.
fn pass_role_conditions(r: &RequestResult, notes: &mut Vec<Note>) -> Vec<ConditionLine> {
    let mut lines = Vec::new();
    match supplied(r, "iam:PassedToService") {
        Some(services) if !services.is_empty() => lines.push(ConditionLine {
            operator: "StringEquals".into(),
            key: "iam:PassedToService".into(),
            values: services.to_vec(),
            message: String::new(),
            message_msg: None,
        }),
        _ => notes.push(Note::NoPassedToService),
    }
    if let Some(arns) = supplied(r, "iam:AssociatedResourceARN").filter(|v| !v.is_empty()) {
        let mut patterns: Vec<String> = arns.iter().map(|a| associated_pattern(a)).collect();
        patterns.dedup();
        lines.push(ConditionLine {
            operator: "ArnLike".into(),
            key: "iam:AssociatedResourceARN".into(),
            values: patterns,
            message: String::new(),
            message_msg: None,
        });
    }
    for line in &mut lines {
        let msg = words::condition_line(&line.key, &line.values);
        line.message = msg.render(crate::i18n::Lang::En);
        line.message_msg = Some(msg);
    }
    lines
}

fn is_assume_role(action: &str) -> bool {
    matches!(
        action.to_ascii_lowercase().as_str(),
        "sts:assumerole" | "sts:assumerolewithsaml" | "sts:assumerolewithwebidentity"
    )
}

/// Why the resource-based policy must allow.
fn resource_reason(r: &RequestResult, action: &str) -> PlacementReason {
    if is_assume_role(action) && r.request.resource.contains(":role/") {
        PlacementReason::TrustPolicy
    } else if r.request.cross_account {
        PlacementReason::CrossAccount
    } else if action.to_ascii_lowercase().starts_with("kms:") {
        PlacementReason::KmsKeyPolicy
    } else if matches!(
        r.request.principal_type,
        "Service" | "WebIdentity" | "CanonicalUser" | "Anonymous" | "Unknown"
    ) {
        PlacementReason::NoIdentityPolicies
    } else {
        PlacementReason::ResourcePolicy
    }
}

/// The smallest statement that allows the request in `layer`; `model` is the scenario it
/// goes into (for the Sids already taken).
pub(super) fn statement_for(
    r: &RequestResult,
    layer: LayerKind,
    model: Option<&Scenario>,
) -> Option<Built> {
    let action = r.request.action.clone();
    let resource = r.request.resource.clone();
    let pass_role = crate::answer::passrole::is_pass_role(&action);
    let reason = match layer {
        LayerKind::Identity => PlacementReason::IdentityPolicies,
        LayerKind::PermissionsBoundary => PlacementReason::PermissionsBoundary,
        LayerKind::Session => PlacementReason::SessionPolicy,
        LayerKind::Resource => resource_reason(r, &action),
        LayerKind::Scp => PlacementReason::ScpLevel,
        LayerKind::VpcEndpoint => PlacementReason::VpcEndpoint,
        // RCPs only deny; a call that needs no permission is never denied.
        LayerKind::Rcp | LayerKind::ExplicitDeny | LayerKind::PermissionNotRequired => return None,
    };
    let mut notes = Vec::new();
    let taken: Vec<String> = model.map(|m| sids_in(m, layer, r)).unwrap_or_default();
    let sid = sid_for(&action, &taken);
    let mut statement = J::obj([("Sid", J::str(sid.clone())), ("Effect", J::str("Allow"))]);
    // An endpoint policy is a resource-based policy: its statements name a Principal too
    // ("Control access to VPC endpoints using endpoint policies").
    if matches!(layer, LayerKind::Resource | LayerKind::VpcEndpoint) {
        let (principal, note) = principal_element(r);
        statement.push("Principal", principal);
        notes.extend(note);
    }
    statement.push("Action", J::str(action.clone()));
    if reason != PlacementReason::TrustPolicy {
        statement.push("Resource", J::str(resource.clone()));
    }
    let conditions = if pass_role {
        notes.push(Note::RolePower {
            role: resource.clone(),
        });
        pass_role_conditions(r, &mut notes)
    } else {
        Vec::new()
    };
    if !conditions.is_empty() {
        let mut by_operator: Vec<(String, J)> = Vec::new();
        for c in &conditions {
            by_operator.push((
                c.operator.clone(),
                J::obj([(c.key.clone(), J::one_or_many(&c.values))]),
            ));
        }
        statement.push("Condition", J::Obj(by_operator));
    }
    notes.extend(bypassed_conditions(r, layer));
    Some(Built {
        statement,
        policy_name: format!("Allow {action} on {}", short(&resource)),
        why: words::placement_why(reason, &action, r.request.resource_account.as_deref()),
        sid,
        reason,
        conditions,
        notes,
    })
}

/// A statement of the same layer that covers the request but whose conditions fail: the new
/// statement has no such condition, so meeting them may be the better fix.
fn bypassed_conditions(r: &RequestResult, layer: LayerKind) -> Vec<Note> {
    r.statements
        .iter()
        .filter(|s| {
            s.statement.effect == Effect::Allow
                && s.action.matched
                && s.resource.matched
                && s.principal.as_ref().is_none_or(|p| p.matched)
                && !s.conditions_met
                && same_layer(s.statement.policy.kind, layer)
        })
        .map(|s| Note::BypassesCondition {
            statement: s.statement.clone(),
            keys: s
                .conditions
                .iter()
                .filter(|c| !c.outcome)
                .map(|c| c.key.clone())
                .collect(),
        })
        .collect()
}

fn same_layer(kind: PolicyKind, layer: LayerKind) -> bool {
    matches!(
        (kind, layer),
        (PolicyKind::Identity, LayerKind::Identity)
            | (
                PolicyKind::PermissionsBoundary,
                LayerKind::PermissionsBoundary
            )
            | (PolicyKind::Session, LayerKind::Session)
            | (PolicyKind::Resource, LayerKind::Resource)
            | (PolicyKind::Scp, LayerKind::Scp)
            | (PolicyKind::VpcEndpoint, LayerKind::VpcEndpoint)
    )
}

/// The Sids of the policy that will receive the statement (a new identity policy: none).
fn sids_in(model: &Scenario, layer: LayerKind, r: &RequestResult) -> Vec<String> {
    let kind = match layer {
        LayerKind::PermissionsBoundary => PolicyKind::PermissionsBoundary,
        LayerKind::Session => PolicyKind::Session,
        LayerKind::Resource => PolicyKind::Resource,
        LayerKind::Scp => PolicyKind::Scp,
        LayerKind::VpcEndpoint => PolicyKind::VpcEndpoint,
        _ => return Vec::new(),
    };
    let level = r
        .layers
        .iter()
        .find(|l| l.layer == LayerKind::Scp && l.status == LayerStatus::ImplicitDeny)
        .and_then(|l| l.level);
    model
        .policies
        .iter()
        .filter(|p| p.kind == kind && (kind != PolicyKind::Scp || Some(p.index) == level))
        .flat_map(|p| {
            p.statements
                .iter()
                .filter_map(|s| s.sid.as_ref().map(|x| x.value.as_str().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sids_are_alphanumeric_and_unique() {
        assert_eq!(sid_for("iam:PassRole", &[]), "AllowIamPassRole");
        assert_eq!(
            sid_for("s3:GetObject", &["AllowS3GetObject".into()]),
            "AllowS3GetObject2"
        );
        assert_eq!(
            sid_for("ecr-public:Get-Thing", &[]),
            "AllowEcrPublicGetThing"
        );
    }

    #[test]
    fn associated_instances_generalise_to_every_instance() {
        assert_eq!(
            associated_pattern("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"),
            "arn:aws:ec2:us-east-1:111122223333:instance/*"
        );
        assert_eq!(
            associated_pattern("arn:aws:lambda:us-east-1:111122223333:function:f"),
            "arn:aws:lambda:us-east-1:111122223333:function:f"
        );
    }
}
