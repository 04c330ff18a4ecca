//! The verdict: which rule of AWS's evaluation logic decided a request, as data.
//!
//! The rules are tried in AWS's order ([`RULES`]); the first that decides gives the
//! [`Verdict`], and [`principal_blocks`] decides when none does. Each verdict knows its
//! decision and the layer that decided; its sentence is written in `answer::explain`.
//!
//! Adding a verdict: add its variant (with the data its sentence needs), its decision in
//! [`Verdict::decision`], its layer in [`Verdict::decided_by`] and what it needs in
//! [`Verdict::needs`], write its rule as a `fn(&Facts) -> Option<Verdict>` and put the rule in
//! [`RULES`] at its place in AWS's order, then give it a sentence in `answer::explain`. The
//! compiler points at every `match` that must learn it.

use crate::answer::result::{LayerKind, LayerStatus, StatementRef};
pub use crate::decide::layers::FreeCall;
use crate::decide::layers::Layers;
use crate::decide::principal::{MatchLevel, PrincipalKind};
pub use crate::decide::statement::ConditionRef;
use crate::decide::statement::Evaluated;
use crate::model::{Decision, Effect, PolicyKind, Scenario};

/// Why a request is allowed or denied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The call needs no permission: AWS allows it whatever the policies say, an explicit
    /// Deny included (STS API Reference, "GetCallerIdentity"; IAM User Guide, "Permissions for
    /// GetSessionToken").
    PermissionNotRequired {
        /// Which call.
        call: FreeCall,
    },
    /// A Deny statement applies in some policy: an explicit deny overrides every allow.
    ExplicitDeny {
        /// The Deny statements that apply.
        statements: Vec<StatementRef>,
    },
    /// An SCP level of the principal's organization has no applicable Allow.
    ScpBlocks {
        /// The level's index (0: the root).
        level: usize,
        /// The level's name.
        name: Option<String>,
    },
    /// The request passes through a VPC endpoint whose endpoint policy does not allow it
    /// ("Control access to VPC endpoints using endpoint policies": the endpoint policy "does
    /// not override or replace identity-based policies or resource-based policies"; it must
    /// allow too, and grants nothing by itself).
    EndpointBlocks {
        /// The endpoint policy's closest Allow statement, when only its conditions failed.
        near_miss: Option<NearMiss>,
    },
    /// An unsigned (anonymous) request has no identity: only a resource-based policy that
    /// names everyone (`"Principal": "*"` or `{"AWS": "*"}`) can allow it, and none does
    /// ("AWS JSON policy elements: Principal", "All principals").
    AnonymousNotAllowed {
        /// True when there is a resource-based policy (it does not allow everyone).
        resource_policy_exists: bool,
    },
    /// A principal that is not an IAM identity (a service, a web identity, ...) has no
    /// identity-based policies, and no resource-based policy allows it.
    NoResourceAllowForNonIdentity {
        /// What kind of principal it is.
        principal: PrincipalKind,
    },
    /// Cross-account: the resource-based policy in the resource's account does not allow.
    CrossAccountResourceMissing {
        /// The resource's account.
        account: Option<String>,
        /// True when there is a resource-based policy (it does not allow); false when none.
        resource_policy_exists: bool,
    },
    /// Cross-account: the resource-based policy allows, but the principal's account does not.
    CrossAccountPrincipalBlocks {
        /// What blocks on the principal's side.
        block: PrincipalBlock,
    },
    /// A role trust policy or a KMS key policy must allow even within the account, and none
    /// does.
    ResourcePolicyRequired {
        /// Which kind of policy.
        policy: RequiredPolicy,
        /// True when there is a resource-based policy (it does not allow this principal).
        resource_policy_exists: bool,
    },
    /// Same account: nothing on the principal's side allows, and no resource-based Allow
    /// reaches the principal.
    PrincipalBlocks {
        /// What blocks.
        block: PrincipalBlock,
        /// How the resource-based policy's Allow names the principal, if one applies (it did
        /// not reach far enough).
        resource_names: Option<MatchLevel>,
        /// The closest Allow statement of the blocking layer, when only its conditions failed.
        near_miss: Option<NearMiss>,
    },
    /// Allowed.
    Allowed {
        /// What allowed it.
        by: AllowedBy,
    },
}

/// What blocks a request on the principal's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalBlock {
    /// There is no identity-based policy (that applies to the principal).
    NoIdentityPolicy,
    /// No identity-based policy allows the request.
    NoIdentityAllow,
    /// An identity-based policy allows, the permissions boundary does not.
    BoundaryBlocks,
    /// The role's policies allow, the session policy does not.
    SessionBlocks,
}

impl PrincipalBlock {
    /// The layer that blocks.
    pub fn layer(self) -> LayerKind {
        match self {
            PrincipalBlock::NoIdentityPolicy | PrincipalBlock::NoIdentityAllow => {
                LayerKind::Identity
            }
            PrincipalBlock::BoundaryBlocks => LayerKind::PermissionsBoundary,
            PrincipalBlock::SessionBlocks => LayerKind::Session,
        }
    }
}

/// A resource-based policy that must allow even within the account ("Policy evaluation
/// logic": "IAM role trust policies and KMS key policies are exceptions to this logic,
/// because they must explicitly allow access for principals").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequiredPolicy {
    /// A role trust policy, for `sts:AssumeRole*` on a role.
    TrustPolicy,
    /// A KMS key policy, for `kms:` actions on a key.
    KeyPolicy,
}

impl RequiredPolicy {
    /// The policy the request needs, if any.
    pub fn for_request(action: &str, resource: &str) -> Option<RequiredPolicy> {
        let assume = [
            "sts:AssumeRole",
            "sts:AssumeRoleWithSAML",
            "sts:AssumeRoleWithWebIdentity",
        ]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(action));
        let kms = action
            .get(..4)
            .is_some_and(|s| s.eq_ignore_ascii_case("kms:"));
        if assume && resource.contains(":role/") {
            Some(RequiredPolicy::TrustPolicy)
        } else if kms && resource.contains(":key/") {
            Some(RequiredPolicy::KeyPolicy)
        } else {
            None
        }
    }
}

/// What allowed a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedBy {
    /// Identity-based policies, within the boundary and session policy.
    Identity {
        /// The identity-based Allow statements that apply.
        statements: Vec<StatementRef>,
        /// True when the resource-based policy allows it too.
        resource_too: bool,
    },
    /// The account root user, in its own account.
    RootUser {
        /// True when the resource-based policy allows it too.
        resource_too: bool,
    },
    /// Same account: a resource-based policy that names the principal far enough.
    ResourcePolicy {
        /// Its Allow statements that apply.
        statements: Vec<StatementRef>,
        /// How it names the principal (`Direct`, `Role` or `Everyone`).
        names: MatchLevel,
    },
    /// A resource-based policy that names everyone (`*`), for an unsigned (anonymous)
    /// request.
    Anonymous {
        /// Its Allow statements that apply.
        statements: Vec<StatementRef>,
    },
    /// A resource-based policy, for a principal that is not an IAM identity.
    ResourcePolicyAlone {
        /// Its Allow statements that apply.
        statements: Vec<StatementRef>,
    },
    /// Cross-account: both the principal's and the resource's account allow.
    BothAccounts,
}

/// An Allow statement that covers the action and resource but whose conditions failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// The statement.
    pub statement: StatementRef,
    /// Its conditions that are false.
    pub failed: Vec<ConditionRef>,
}

/// What the layers need to be for the verdict: which sides were required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// The resource-based policy's outcome was needed.
    pub resource: bool,
    /// The principal's side (identity-based policies, boundary, session policy) was needed.
    pub principal_side: bool,
}

impl Verdict {
    /// Allow, explicit deny or implicit deny.
    pub fn decision(&self) -> Decision {
        match self {
            Verdict::ExplicitDeny { .. } => Decision::ExplicitDeny,
            Verdict::Allowed { .. } | Verdict::PermissionNotRequired { .. } => Decision::Allow,
            Verdict::ScpBlocks { .. }
            | Verdict::EndpointBlocks { .. }
            | Verdict::AnonymousNotAllowed { .. }
            | Verdict::NoResourceAllowForNonIdentity { .. }
            | Verdict::CrossAccountResourceMissing { .. }
            | Verdict::CrossAccountPrincipalBlocks { .. }
            | Verdict::ResourcePolicyRequired { .. }
            | Verdict::PrincipalBlocks { .. } => Decision::ImplicitDeny,
        }
    }

    /// The layer that decided.
    pub fn decided_by(&self) -> LayerKind {
        match self {
            Verdict::PermissionNotRequired { .. } => LayerKind::PermissionNotRequired,
            Verdict::ExplicitDeny { .. } => LayerKind::ExplicitDeny,
            Verdict::ScpBlocks { .. } => LayerKind::Scp,
            Verdict::EndpointBlocks { .. } => LayerKind::VpcEndpoint,
            Verdict::CrossAccountPrincipalBlocks { block }
            | Verdict::PrincipalBlocks { block, .. } => block.layer(),
            Verdict::Allowed {
                by: AllowedBy::Identity { .. } | AllowedBy::RootUser { .. },
            } => LayerKind::Identity,
            Verdict::NoResourceAllowForNonIdentity { .. }
            | Verdict::AnonymousNotAllowed { .. }
            | Verdict::CrossAccountResourceMissing { .. }
            | Verdict::ResourcePolicyRequired { .. }
            | Verdict::Allowed { .. } => LayerKind::Resource,
        }
    }

    /// Which sides' outcomes the verdict needed.
    pub fn needs(&self) -> Needs {
        let (resource, principal_side) = match self {
            Verdict::PermissionNotRequired { .. }
            | Verdict::ExplicitDeny { .. }
            | Verdict::ScpBlocks { .. }
            | Verdict::EndpointBlocks { .. } => (false, false),
            Verdict::CrossAccountResourceMissing { .. }
            | Verdict::CrossAccountPrincipalBlocks { .. }
            | Verdict::Allowed {
                by: AllowedBy::BothAccounts,
            } => (true, true),
            Verdict::PrincipalBlocks { .. }
            | Verdict::Allowed {
                by: AllowedBy::Identity { .. } | AllowedBy::RootUser { .. },
            } => (false, true),
            Verdict::NoResourceAllowForNonIdentity { .. }
            | Verdict::AnonymousNotAllowed { .. }
            | Verdict::ResourcePolicyRequired { .. }
            | Verdict::Allowed { .. } => (true, false),
        };
        Needs {
            resource,
            principal_side,
        }
    }
}

/// What the rules read: the scenario, the evaluated statements, the layers and the request's
/// shape.
pub struct Facts<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Every statement, evaluated (`(policy index, evaluation)`).
    pub evaluated: &'a [(usize, Evaluated)],
    /// Every layer's outcome.
    pub layers: &'a Layers,
    /// What kind of principal calls.
    pub principal: PrincipalKind,
    /// True when principal and resource are in different accounts.
    pub cross_account: bool,
    /// The resource's account.
    pub resource_account: Option<&'a str>,
    /// How the resource-based policy's most far-reaching applicable Allow names the principal.
    pub resource_names: Option<MatchLevel>,
    /// The resource-based policy that must allow even within the account, if any.
    pub must_allow: Option<RequiredPolicy>,
    /// The call, when it needs no permission.
    pub free: Option<FreeCall>,
}

impl Facts<'_> {
    fn is_root(&self) -> bool {
        self.principal == PrincipalKind::Root
    }

    /// The principal's side allows: identity-based policies (or the root user), within the
    /// boundary and the session policy.
    fn principal_side_allows(&self) -> bool {
        let l = self.layers;
        (self.is_root() || l.identity.allows()) && l.boundary.passes() && l.session.passes()
    }

    /// Same account: the resource-based Allow reaches the principal by itself. Naming the
    /// user, session or everyone grants directly; naming the role is still limited by the
    /// boundary and the session policy; naming the account delegates to the account's
    /// identity-based policies.
    fn resource_grants(&self) -> bool {
        match self.resource_names {
            None | Some(MatchLevel::Account) => false,
            Some(MatchLevel::Everyone | MatchLevel::Direct) => true,
            Some(MatchLevel::Role) => self.layers.boundary.passes() && self.layers.session.passes(),
        }
    }

    /// The first layer of the principal's side that does not allow.
    fn principal_block(&self) -> PrincipalBlock {
        let l = self.layers;
        if !self.is_root() && !l.identity.allows() {
            if l.identity.status == LayerStatus::NotApplicable {
                PrincipalBlock::NoIdentityPolicy
            } else {
                PrincipalBlock::NoIdentityAllow
            }
        } else if l.boundary.status == LayerStatus::ImplicitDeny {
            PrincipalBlock::BoundaryBlocks
        } else if l.session.status == LayerStatus::ImplicitDeny {
            PrincipalBlock::SessionBlocks
        } else {
            PrincipalBlock::NoIdentityAllow
        }
    }
}

/// A rule: the verdict when it decides the request.
pub type Rule = fn(&Facts) -> Option<Verdict>;

/// The rules in AWS's order ("Policy evaluation logic", "Cross-account policy evaluation
/// logic"). [`principal_blocks`] decides when none does.
pub const RULES: &[Rule] = &[
    permission_not_required,
    explicit_deny,
    scp_blocks,
    endpoint_blocks,
    anonymous_caller,
    not_an_iam_identity,
    cross_account,
    resource_policy_required,
    principal_side_allows,
    resource_policy_grants,
];

/// The verdict for a request.
pub fn verdict(facts: &Facts) -> Verdict {
    RULES
        .iter()
        .find_map(|rule| rule(facts))
        .unwrap_or_else(|| principal_blocks(facts))
}

/// Rule 0: A call that needs no permission is allowed whatever the policies say, before any
/// Deny is looked at: "If an administrator attaches a policy to your identity that explicitly
/// denies access to the `sts:GetCallerIdentity` action, you can still perform this operation"
/// (STS API Reference, "GetCallerIdentity"; docs/aws-rules.md §13.5).
fn permission_not_required(f: &Facts) -> Option<Verdict> {
    f.free.map(|call| Verdict::PermissionNotRequired { call })
}

/// Rule 1: An applicable Deny statement in any policy decides.
fn explicit_deny(f: &Facts) -> Option<Verdict> {
    let statements = &f.layers.denies.statements;
    (!statements.is_empty()).then(|| Verdict::ExplicitDeny {
        statements: statements.clone(),
    })
}

/// Rule 2: Every SCP level must have an applicable Allow. (RCP levels allow unless they deny, and
/// a Deny decided in rule 1.)
fn scp_blocks(f: &Facts) -> Option<Verdict> {
    let level = f
        .layers
        .scp
        .iter()
        .position(|l| l.status == LayerStatus::ImplicitDeny)?;
    let name = f
        .scenario
        .scp_levels
        .get(level)
        .and_then(|l| l.name.clone());
    Some(Verdict::ScpBlocks { level, name })
}

/// Rule 2b: A request through a VPC endpoint must be allowed by the endpoint policy too ("An
/// endpoint policy does not override or replace identity-based policies or resource-based
/// policies", "Control access to VPC endpoints using endpoint policies"). Like an SCP level it
/// grants nothing; its Deny statements decided in rule 1. Without an endpoint the layer does
/// not apply.
fn endpoint_blocks(f: &Facts) -> Option<Verdict> {
    (f.layers.endpoint.status == LayerStatus::ImplicitDeny).then(|| Verdict::EndpointBlocks {
        near_miss: near_miss(f, LayerKind::VpcEndpoint),
    })
}

/// Rule 3a: An unsigned (anonymous) request has no identity-based policies and SCPs do not
/// bind it: only a resource-based policy that names everyone can allow it ("AWS JSON policy
/// elements: Principal": "using a wildcard (*) with an `Allow` effect grants access to all
/// users, including anonymous users (public access)").
fn anonymous_caller(f: &Facts) -> Option<Verdict> {
    (f.principal == PrincipalKind::Anonymous).then(|| {
        resource_alone(
            f,
            |statements| AllowedBy::Anonymous { statements },
            |resource_policy_exists| Verdict::AnonymousNotAllowed {
                resource_policy_exists,
            },
        )
    })
}

/// Rule 3: A principal that is not an IAM identity has no identity-based policies: only a
/// resource-based policy can allow it.
fn not_an_iam_identity(f: &Facts) -> Option<Verdict> {
    use PrincipalKind::*;
    let principal = f.principal;
    matches!(principal, Service | WebIdentity | CanonicalUser | Unknown).then(|| {
        resource_alone(
            f,
            |statements| AllowedBy::ResourcePolicyAlone { statements },
            |_| Verdict::NoResourceAllowForNonIdentity { principal },
        )
    })
}

/// For a caller with no identity-based policies: allowed by the resource-based policy's Allow
/// statements that apply, or denied (`denied` learns whether there is a resource-based policy).
fn resource_alone(
    f: &Facts,
    allowed: fn(Vec<StatementRef>) -> AllowedBy,
    denied: impl FnOnce(bool) -> Verdict,
) -> Verdict {
    let resource = &f.layers.resource;
    if resource.allows() {
        Verdict::Allowed {
            by: allowed(resource.statements.clone()),
        }
    } else {
        denied(resource.status != LayerStatus::NotApplicable)
    }
}

/// Rule 4: Cross-account: the principal's account and the resource's account must both allow.
fn cross_account(f: &Facts) -> Option<Verdict> {
    if !f.cross_account {
        return None;
    }
    let resource = &f.layers.resource;
    Some(if f.principal_side_allows() && resource.allows() {
        Verdict::Allowed {
            by: AllowedBy::BothAccounts,
        }
    } else if !resource.allows() {
        Verdict::CrossAccountResourceMissing {
            account: f.resource_account.map(str::to_string),
            resource_policy_exists: resource.status != LayerStatus::NotApplicable,
        }
    } else {
        Verdict::CrossAccountPrincipalBlocks {
            block: f.principal_block(),
        }
    })
}

/// Rule 5: Role trust policies and KMS key policies must allow even within the account.
fn resource_policy_required(f: &Facts) -> Option<Verdict> {
    let policy = f.must_allow.filter(|_| f.resource_names.is_none())?;
    Some(Verdict::ResourcePolicyRequired {
        policy,
        resource_policy_exists: f.layers.resource.status != LayerStatus::NotApplicable,
    })
}

/// Rule 6: Same account: the principal's side allows.
fn principal_side_allows(f: &Facts) -> Option<Verdict> {
    // (A trust or key policy that must allow and does not has decided in rule 5.)
    if !f.principal_side_allows() {
        return None;
    }
    let resource_too = f.resource_grants();
    let by = if f.is_root() {
        AllowedBy::RootUser { resource_too }
    } else {
        AllowedBy::Identity {
            statements: f.layers.identity.statements.clone(),
            resource_too,
        }
    };
    Some(Verdict::Allowed { by })
}

/// Rule 7: Same account: a resource-based Allow that reaches the principal by itself.
fn resource_policy_grants(f: &Facts) -> Option<Verdict> {
    let names = f.resource_names.filter(|_| f.resource_grants())?;
    Some(Verdict::Allowed {
        by: AllowedBy::ResourcePolicy {
            statements: f.layers.resource.statements.clone(),
            names,
        },
    })
}

/// Otherwise: implicitly denied by the first layer of the principal's side that does not
/// allow.
pub fn principal_blocks(f: &Facts) -> Verdict {
    let block = f.principal_block();
    Verdict::PrincipalBlocks {
        block,
        resource_names: f.resource_names,
        near_miss: near_miss(f, block.layer()),
    }
}

/// The first Allow statement of the blocking layer that covers the request but failed on its
/// conditions.
fn near_miss(f: &Facts, layer: LayerKind) -> Option<NearMiss> {
    let kind = match layer {
        LayerKind::Identity => PolicyKind::Identity,
        LayerKind::PermissionsBoundary => PolicyKind::PermissionsBoundary,
        LayerKind::Session => PolicyKind::Session,
        LayerKind::Resource => PolicyKind::Resource,
        LayerKind::VpcEndpoint => PolicyKind::VpcEndpoint,
        _ => return None,
    };
    let ev = f.evaluated.iter().find_map(|(pi, ev)| {
        let p = f.scenario.policies.get(*pi)?;
        (p.kind == kind && ev.effect() == Effect::Allow && ev.targets_request && !ev.applies())
            .then_some(ev)
    })?;
    Some(NearMiss {
        statement: ev.statement.clone(),
        failed: ev.failed.clone(),
    })
}
