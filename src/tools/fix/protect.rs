//! Denials that protect the principal: requests that, if allowed, would let the principal raise
//! its own rights. No statement is ever suggested for them; the fix report says why instead.
//!
//! What counts, from the IAM User Guide and the IAM API Reference:
//!
//! | request | why it raises the caller's own rights | code |
//! |---|---|---|
//! | attach, put, detach or delete a policy, or set or delete the permissions boundary, of the caller's own user or role | the caller rewrites its own permissions ("Deleting the permissions boundary for a user might increase its permissions", `DeleteUserPermissionsBoundary`) | `self-permissions` |
//! | the same on a group, or `iam:AddUserToGroup` (user callers) | a group's policies apply to its members, and the scenario does not say who they are | `group-permissions` |
//! | the same on another role | a role the caller can assume or pass gets the new rights | `role-permissions` |
//! | `iam:UpdateAssumeRolePolicy` on another role | the caller can make the role trust itself, then assume it | `role-trust` |
//! | `iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion` | a customer managed policy attached to the caller is rewritten | `policy-version` |
//! | access keys or a console password for another user | the caller acts as that user, with that user's rights | `other-user-credentials` |
//! | `iam:PassRole` on `*` (or a wildcard) | "only approved users can configure a service with a role that grants permissions" (IAM User Guide, "Grant a user permissions to pass a role to an AWS service"): any role, including one more powerful than the caller | `pass-any-role` |
//!
//! Delegating such rights safely takes a permissions boundary the delegate cannot remove
//! (IAM User Guide, "Permissions boundaries for IAM entities"); that is a design, not a
//! one-statement fix.

use serde::Serialize;

use crate::decide::matching::arn::parse_arn;
use crate::decide::principal::{PrincipalKind, RequestPrincipal};

/// Why a denial protects the principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProtectionCode {
    /// The request changes the permissions of the caller's own user or role.
    SelfPermissions,
    /// The request changes a group's permissions or membership.
    GroupPermissions,
    /// The request changes the permissions of a role the caller may assume or pass.
    RolePermissions,
    /// The request changes who may assume a role.
    RoleTrust,
    /// The request rewrites a customer managed policy.
    PolicyVersion,
    /// The request makes credentials for another user.
    OtherUserCredentials,
    /// The request passes any role (`*`).
    PassAnyRole,
}

/// A denial that protects the principal: what it would gain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protection {
    /// Why.
    pub code: ProtectionCode,
    /// The principal that would gain.
    pub principal: String,
    /// The request's action.
    pub action: String,
    /// The request's resource.
    pub resource: String,
}

/// IAM actions that change the permissions of the user, group or role in their resource.
const PERMISSION_WRITES: &[&str] = &[
    "attachuserpolicy",
    "putuserpolicy",
    "detachuserpolicy",
    "deleteuserpolicy",
    "putuserpermissionsboundary",
    "deleteuserpermissionsboundary",
    "attachgrouppolicy",
    "putgrouppolicy",
    "detachgrouppolicy",
    "deletegrouppolicy",
    "addusertogroup",
    "attachrolepolicy",
    "putrolepolicy",
    "detachrolepolicy",
    "deleterolepolicy",
    "putrolepermissionsboundary",
    "deleterolepermissionsboundary",
    "updateassumerolepolicy",
];

/// IAM actions that make a user's credentials (normal for one's own user).
const CREDENTIALS: &[&str] = &[
    "createaccesskey",
    "createloginprofile",
    "updateloginprofile",
];

/// The IAM resource an ARN names: (account, type, name without path).
fn iam_resource(arn: &str) -> Option<(&str, &str, &str)> {
    let a = parse_arn(arn)?;
    if a.service != "iam" {
        return None;
    }
    let (kind, rest) = a.resource.split_once('/')?;
    Some((a.account, kind, rest.rsplit('/').next().unwrap_or(rest)))
}

/// Whether allowing `action` on `resource` to `principal` would let it raise its own rights.
pub fn protection(principal: &str, action: &str, resource: &str) -> Option<Protection> {
    let (service, name) = action.split_once(':')?;
    if !service.eq_ignore_ascii_case("iam") {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let caller = RequestPrincipal::parse(principal, None);
    let found = |code| {
        Some(Protection {
            code,
            principal: principal.to_string(),
            action: action.to_string(),
            resource: resource.to_string(),
        })
    };
    if name == "passrole" {
        return if resource.is_empty() || resource.contains(['*', '?']) {
            found(ProtectionCode::PassAnyRole)
        } else {
            None
        };
    }
    if name == "createpolicyversion" || name == "setdefaultpolicyversion" {
        return found(ProtectionCode::PolicyVersion);
    }
    let is_credentials = CREDENTIALS.contains(&name.as_str());
    if !is_credentials && !PERMISSION_WRITES.contains(&name.as_str()) {
        return None;
    }
    let own_account = caller.account.as_deref();
    let (account, kind, target) = iam_resource(resource)?;
    // Another account's IAM entities never take the caller's own permissions.
    if own_account.is_some_and(|a| !account.is_empty() && a != account) {
        return None;
    }
    let caller_name = caller.name.as_deref().unwrap_or("");
    let is_user = matches!(
        caller.kind,
        PrincipalKind::User | PrincipalKind::FederatedUser
    );
    let is_role = matches!(
        caller.kind,
        PrincipalKind::Role | PrincipalKind::AssumedRole
    );
    match kind {
        "user" if is_credentials => {
            if caller.kind == PrincipalKind::User && target == caller_name {
                None // one's own keys and password: self-service, no new rights
            } else {
                found(ProtectionCode::OtherUserCredentials)
            }
        }
        "user" if caller.kind == PrincipalKind::User && target == caller_name => {
            found(ProtectionCode::SelfPermissions)
        }
        "group" if is_user => found(ProtectionCode::GroupPermissions),
        "role" if is_role && target == caller_name => found(ProtectionCode::SelfPermissions),
        "role" if name == "updateassumerolepolicy" => found(ProtectionCode::RoleTrust),
        "role" if caller.kind != PrincipalKind::Service => found(ProtectionCode::RolePermissions),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
    const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/Deployer/ci";

    fn code(principal: &str, action: &str, resource: &str) -> Option<ProtectionCode> {
        protection(principal, action, resource).map(|p| p.code)
    }

    #[test]
    fn writes_on_oneself_are_protected() {
        use ProtectionCode::*;
        #[rustfmt::skip]
        let cases = [
            (ALICE, "iam:AttachUserPolicy", "arn:aws:iam::111122223333:user/alice", Some(SelfPermissions)),
            (ALICE, "IAM:putuserpolicy", "arn:aws:iam::111122223333:user/dev/alice", Some(SelfPermissions)),
            (ALICE, "iam:DeleteUserPermissionsBoundary", "arn:aws:iam::111122223333:user/alice", Some(SelfPermissions)),
            (ALICE, "iam:AttachUserPolicy", "arn:aws:iam::111122223333:user/bob", None),
            (ALICE, "iam:AttachUserPolicy", "arn:aws:iam::444455556666:user/alice", None),
            (ALICE, "iam:PutGroupPolicy", "arn:aws:iam::111122223333:group/Developers", Some(GroupPermissions)),
            (ALICE, "iam:AddUserToGroup", "arn:aws:iam::111122223333:group/Admins", Some(GroupPermissions)),
            (SESSION, "iam:PutGroupPolicy", "arn:aws:iam::111122223333:group/Developers", None),
            (SESSION, "iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/Deployer", Some(SelfPermissions)),
            (SESSION, "iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/app/Worker", Some(RolePermissions)),
            (ALICE, "iam:UpdateAssumeRolePolicy", "arn:aws:iam::111122223333:role/Admin", Some(RoleTrust)),
            (ALICE, "iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/Dev", Some(PolicyVersion)),
            (ALICE, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice", None),
            (ALICE, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/admin", Some(OtherUserCredentials)),
            (ALICE, "iam:PassRole", "*", Some(PassAnyRole)),
            (ALICE, "iam:PassRole", "arn:aws:iam::111122223333:role/*", Some(PassAnyRole)),
            (ALICE, "iam:PassRole", "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ", None),
            (ALICE, "iam:GetUser", "arn:aws:iam::111122223333:user/alice", None),
            (ALICE, "s3:PutBucketPolicy", "arn:aws:s3:::b", None),
        ];
        for (principal, action, resource, want) in cases {
            assert_eq!(
                code(principal, action, resource),
                want,
                "{action} on {resource}"
            );
        }
    }
}
