//! Why `iam:PassRole` exists, said once and attached to every PassRole result.
//!
//! IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "To pass a role
//! (and its permissions) to an AWS service, a user must have permissions to pass the role to
//! the service. This helps administrators ensure that only approved users can configure a
//! service with a role that grants permissions." "IAM and AWS STS condition context keys":
//! `iam:PassedToService` "Specifies the service principal of the service to which a role can be
//! passed", `iam:AssociatedResourceArn` "Specifies the ARN of the resource to which this role
//! will be associated at the destination service".

use crate::answer::result::PassRoleNote;

/// The AWS page that explains passing roles.
pub const LEARN_MORE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";

/// True for the `iam:PassRole` action (case-insensitive, as actions are).
pub fn is_pass_role(action: &str) -> bool {
    action.eq_ignore_ascii_case("iam:PassRole")
}

/// The note for a request's action, when it is `iam:PassRole`.
pub fn note(action: &str) -> Option<PassRoleNote> {
    is_pass_role(action).then_some(PassRoleNote {
        summary: "iam:PassRole is the permission to hand a role to an AWS service, which then acts with that role's permissions.",
        explanation: "Services such as EC2, Lambda, ECS and CloudFormation act with a role you give them. AWS checks iam:PassRole so that only approved principals can configure a service with a role: a principal that may pass a role more powerful than itself to a service it can use can act with that role's rights (for example by running code on an instance or in a function that uses the role). Allow it on the named roles (Resource), for the one service (iam:PassedToService) and, where the service supports it, for the resource that will use the role (iam:AssociatedResourceARN); never on Resource \"*\".",
        learn_more: LEARN_MORE,
    })
}
