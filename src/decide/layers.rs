//! The layers of the decision: which apply to a request (from its principal and action), and
//! each one's outcome from the statements that apply.
//!
//! A layer is the identity-based policies, the permissions boundary, the session policy, the
//! resource-based policy, one SCP level or one RCP level; the explicit-deny row gathers the
//! Deny statements of them all. Each outcome carries why ([`LayerWhy`]) as data: the answer
//! turns it into a sentence (`answer::explain`).

use crate::answer::result::{LayerKind, LayerStatus, StatementRef};
use crate::decide::principal::{PrincipalKind, RequestPrincipal};
use crate::decide::statement::Evaluated;
use crate::model::{Effect, Policy, PolicyKind, Scenario};

/// Service prefixes whose resources RCPs apply to (AWS Organizations User Guide, "Resource
/// control policies (RCPs)", "List of AWS services that support RCPs", as of 2026-11; see
/// docs/aws-rules.md §4). Actions of other services are not subject to RCPs.
pub const RCP_SERVICES: &[&str] = &[
    "aoss",
    "appconfig",
    "appstream",
    "autoscaling",
    "autoscaling-plans",
    "budgets",
    "clouddirectory",
    "cloudfront",
    "cloudsearch",
    "cloudtrail-data",
    "codeartifact",
    "codebuild",
    "codecommit",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "comprehend",
    "comprehendmedical",
    "compute-optimizer",
    "cost-optimization-hub",
    "dax",
    "dsql",
    "dynamodb",
    "ecr",
    "ecr-public",
    "events",
    "firehose",
    "fis",
    "fms",
    "gamelift",
    "health",
    "inspector-scan",
    "kendra",
    "kinesisvideo",
    "kms",
    "logs",
    "memorydb",
    "networkmonitor",
    "notifications",
    "opensearch",
    "pca-connector-ad",
    "personalize",
    "polly",
    "pricing",
    "resource-groups",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "signin",
    "sqs",
    "sts",
    "support",
    "swf",
    "textract",
    "timestream-influxdb",
    "transcribe",
    "transfer",
    "translate",
    "wafv2",
    "workspaces",
    "xray",
];

/// Whether RCPs apply to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RcpReach {
    /// They do.
    Applies,
    /// "RCPs do not apply to calls made by service-linked roles."
    ServiceLinkedRole,
    /// The action's service (lowercase) is not one RCPs support.
    UnsupportedService(String),
}

/// Which layers apply to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicability {
    /// Identity-based policies: IAM users, roles and their sessions, federated users.
    pub identity: bool,
    /// Permissions boundaries: users and roles (and role sessions).
    pub boundary: bool,
    /// Session policies: role sessions and federated users.
    pub session: bool,
    /// SCPs: IAM identities other than service-linked roles.
    pub scp: bool,
    /// RCPs: actions of the services that support them, except by service-linked roles.
    pub rcp: RcpReach,
}

impl Applicability {
    /// The layers that apply to `principal` calling `action`.
    pub fn of(principal: &RequestPrincipal, action: &str) -> Applicability {
        use PrincipalKind::*;
        let kind = principal.kind;
        let service = action.split(':').next().unwrap_or("");
        let rcp = if principal.is_service_linked_role() {
            RcpReach::ServiceLinkedRole
        } else if !RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(service)) {
            RcpReach::UnsupportedService(service.to_ascii_lowercase())
        } else {
            RcpReach::Applies
        };
        Applicability {
            identity: matches!(kind, User | Role | AssumedRole | FederatedUser),
            boundary: matches!(kind, User | Role | AssumedRole),
            session: matches!(kind, Role | AssumedRole | FederatedUser),
            scp: kind.is_iam_identity() && !principal.is_service_linked_role(),
            rcp,
        }
    }
}

/// A call that needs no permission: AWS allows it whatever the policies say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeCall {
    /// `sts:GetCallerIdentity`: "No permissions are required to perform this operation. If an
    /// administrator attaches a policy to your identity that explicitly denies access to the
    /// `sts:GetCallerIdentity` action, you can still perform this operation." (STS API
    /// Reference, "GetCallerIdentity"). Any signed caller.
    GetCallerIdentity,
    /// `sts:GetSessionToken`: "No permissions are required for a user to get a session token.
    /// [...] You cannot use policies to control authentication operations." (IAM User Guide,
    /// "Permissions for GetSessionToken"). Only IAM users and the root user can call it
    /// (STS API Reference, "GetSessionToken": it is called with long-term credentials).
    GetSessionToken,
}

impl FreeCall {
    /// The call, when `action` by this kind of principal needs no permission. An unsigned
    /// request has no credentials to ask about, so it is never free.
    pub fn of(action: &str, principal: PrincipalKind) -> Option<FreeCall> {
        let (service, name) = action.split_once(':')?;
        if !service.eq_ignore_ascii_case("sts") {
            return None;
        }
        if name.eq_ignore_ascii_case("GetCallerIdentity") && principal.is_iam_identity() {
            Some(FreeCall::GetCallerIdentity)
        } else if name.eq_ignore_ascii_case("GetSessionToken")
            && matches!(principal, PrincipalKind::User | PrincipalKind::Root)
        {
            Some(FreeCall::GetSessionToken)
        } else {
            None
        }
    }

    /// The action, as AWS spells it.
    pub fn action(self) -> &'static str {
        match self {
            FreeCall::GetCallerIdentity => "sts:GetCallerIdentity",
            FreeCall::GetSessionToken => "sts:GetSessionToken",
        }
    }
}

/// Why a layer has its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayerWhy {
    /// The scenario has no policy of this layer.
    Absent,
    /// The layer's policies do not apply to this kind of principal.
    NotForPrincipal,
    /// Its Deny statements (the layer's `statements`) apply.
    Denies,
    /// Its Allow statements (the layer's `statements`) apply.
    Allows,
    /// No statement of the layer allows the request.
    NothingAllows,
    /// A federated user session created without a session policy has no permissions
    /// (STS API reference, GetFederationToken).
    FederatedWithoutSessionPolicy,
    /// RCPs do not apply to calls made by service-linked roles.
    RcpServiceLinkedRole,
    /// RCPs do not apply to this service's actions.
    RcpUnsupportedService(String),
    /// `RCPFullAWSAccess` is always attached and allows; nothing at this level denies.
    RcpFullAccess,
    /// The account root user needs no identity-based policy in its own account.
    RootUser,
    /// The explicit-deny row: no Deny statement applies in any policy.
    NoDenyApplies,
    /// The explicit-deny row: Deny statements (its `statements`) apply.
    DenyApplies,
    /// The scenario has no `vpcEndpoint`: the request does not pass through an endpoint.
    NoEndpoint,
    /// An unsigned (anonymous) request has no identity, so this layer does not apply.
    Unsigned,
    /// The call needs no permission: AWS allows it whatever the policies say.
    PermissionNotRequired(FreeCall),
}

/// One layer's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// Allow, explicit deny, implicit deny, or not applicable.
    pub status: LayerStatus,
    /// The statements of the layer that applied (Allow or Deny).
    pub statements: Vec<StatementRef>,
    /// Why.
    pub why: LayerWhy,
    /// Whether the final decision needed this layer's outcome.
    pub required: bool,
}

impl Layer {
    fn new(status: LayerStatus, why: LayerWhy, statements: Vec<StatementRef>) -> Layer {
        Layer {
            status,
            statements,
            why,
            required: false,
        }
    }

    /// True when the layer allows the request.
    pub fn allows(&self) -> bool {
        self.status == LayerStatus::Allow
    }

    /// True when the layer lets the request through: it allows, or it does not apply.
    pub fn passes(&self) -> bool {
        matches!(self.status, LayerStatus::Allow | LayerStatus::NotApplicable)
    }
}

/// Every layer of one request's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layers {
    /// For a call that needs no permission (`sts:GetCallerIdentity`), the row that says so.
    pub free: Option<Layer>,
    /// The explicit-deny row: every Deny statement that applies, in any policy.
    pub denies: Layer,
    /// One per RCP level (resource's account).
    pub rcp: Vec<Layer>,
    /// One per SCP level (principal's account).
    pub scp: Vec<Layer>,
    /// The VPC endpoint policy (format 1.1); `NotApplicable` with [`LayerWhy::NoEndpoint`]
    /// when the request does not pass through an endpoint.
    pub endpoint: Layer,
    /// The resource-based policy.
    pub resource: Layer,
    /// The identity-based policies.
    pub identity: Layer,
    /// The permissions boundary.
    pub boundary: Layer,
    /// The session policy.
    pub session: Layer,
}

impl Layers {
    /// Every layer's outcome, from the evaluated statements (`(policy index, evaluation)`).
    pub fn evaluate(
        scenario: &Scenario,
        evaluated: &[(usize, Evaluated)],
        applies: &Applicability,
        principal: PrincipalKind,
        free: Option<FreeCall>,
    ) -> Layers {
        let of = |kind: PolicyKind, applicable: bool| {
            layer(scenario, evaluated, applicable, |p| p.kind == kind)
        };
        let mut session = of(PolicyKind::Session, applies.session);
        if principal == PrincipalKind::FederatedUser && session.status == LayerStatus::NotApplicable
        {
            // GetFederationToken: "if you do not pass any session policies, then the resulting
            // federated user session has no permissions" (STS API reference).
            session = Layer::new(
                LayerStatus::ImplicitDeny,
                LayerWhy::FederatedWithoutSessionPolicy,
                Vec::new(),
            );
        }
        let scp = (0..scenario.scp_levels.len())
            .map(|lvl| {
                let in_level = |p: &Policy| p.kind == PolicyKind::Scp && p.index == lvl;
                layer(scenario, evaluated, applies.scp, in_level)
            })
            .collect();
        let rcp = (0..scenario.rcp_levels.len())
            .map(|lvl| rcp_level(scenario, evaluated, &applies.rcp, lvl))
            .collect();
        // The endpoint policy binds every request through the endpoint, whoever calls
        // ("Control access to VPC endpoints using endpoint policies").
        let mut endpoint = of(PolicyKind::VpcEndpoint, true);
        if endpoint.why == LayerWhy::Absent {
            endpoint.why = LayerWhy::NoEndpoint;
        }
        let mut layers = Layers {
            free: free.map(|call| {
                Layer::new(
                    LayerStatus::Allow,
                    LayerWhy::PermissionNotRequired(call),
                    Vec::new(),
                )
            }),
            denies: Layer::new(LayerStatus::Allow, LayerWhy::NoDenyApplies, Vec::new()),
            rcp,
            scp,
            endpoint,
            resource: of(PolicyKind::Resource, true),
            identity: of(PolicyKind::Identity, applies.identity),
            boundary: of(PolicyKind::PermissionsBoundary, applies.boundary),
            session,
        };
        let denies: Vec<StatementRef> = layers
            .in_deny_order()
            .filter(|l| l.status == LayerStatus::ExplicitDeny)
            .flat_map(|l| l.statements.iter().cloned())
            .collect();
        if !denies.is_empty() {
            layers.denies = Layer::new(LayerStatus::ExplicitDeny, LayerWhy::DenyApplies, denies);
        }
        if principal == PrincipalKind::Anonymous {
            // Say why in the unsigned caller's terms: it has no identity at all.
            for l in layers.all_mut() {
                if l.why == LayerWhy::NotForPrincipal {
                    l.why = LayerWhy::Unsigned;
                }
            }
        }
        layers
    }

    /// The policy layers in the order their Deny statements are listed: identity-based,
    /// boundary, session, resource-based, SCP levels, RCP levels.
    fn in_deny_order(&self) -> impl Iterator<Item = &Layer> {
        [
            &self.identity,
            &self.boundary,
            &self.session,
            &self.resource,
        ]
        .into_iter()
        .chain(self.scp.iter())
        .chain(self.rcp.iter())
        .chain([&self.endpoint])
    }

    /// The Allow statements that decided an Allow: every one that applies in every layer that
    /// allows (SCP levels, the VPC endpoint policy, resource-based, identity-based, boundary,
    /// session; RCP levels allow through the implicit `RCPFullAWSAccess`).
    pub fn granting_statements(&self) -> Vec<StatementRef> {
        self.scp
            .iter()
            .chain([
                &self.endpoint,
                &self.resource,
                &self.identity,
                &self.boundary,
                &self.session,
            ])
            .filter(|l| l.allows())
            .flat_map(|l| l.statements.iter().cloned())
            .collect()
    }
}

/// The outcome of the policies `in_layer` selects.
fn layer(
    scenario: &Scenario,
    evaluated: &[(usize, Evaluated)],
    applicable: bool,
    in_layer: impl Fn(&Policy) -> bool,
) -> Layer {
    // A policy with no statements (an empty `Statement`, or every statement switched off by
    // what-if) is still there, and allows nothing.
    if !scenario.policies.iter().any(&in_layer) {
        return Layer::new(LayerStatus::NotApplicable, LayerWhy::Absent, Vec::new());
    }
    if !applicable {
        return Layer::new(
            LayerStatus::NotApplicable,
            LayerWhy::NotForPrincipal,
            Vec::new(),
        );
    }
    let mut allows = Vec::new();
    let mut denies = Vec::new();
    for (pi, ev) in evaluated {
        let in_this = scenario.policies.get(*pi).is_some_and(&in_layer);
        if in_this && ev.applies() {
            match ev.effect() {
                Effect::Allow => allows.push(ev.statement.clone()),
                Effect::Deny => denies.push(ev.statement.clone()),
            }
        }
    }
    if !denies.is_empty() {
        Layer::new(LayerStatus::ExplicitDeny, LayerWhy::Denies, denies)
    } else if !allows.is_empty() {
        Layer::new(LayerStatus::Allow, LayerWhy::Allows, allows)
    } else {
        Layer::new(
            LayerStatus::ImplicitDeny,
            LayerWhy::NothingAllows,
            Vec::new(),
        )
    }
}

/// One RCP level: `RCPFullAWSAccess` is always attached, so a level that applies allows
/// unless it denies.
fn rcp_level(
    scenario: &Scenario,
    evaluated: &[(usize, Evaluated)],
    reach: &RcpReach,
    lvl: usize,
) -> Layer {
    let in_level = |p: &Policy| p.kind == PolicyKind::Rcp && p.index == lvl;
    let mut l = layer(scenario, evaluated, *reach == RcpReach::Applies, in_level);
    match reach {
        RcpReach::ServiceLinkedRole => l.why = LayerWhy::RcpServiceLinkedRole,
        RcpReach::UnsupportedService(s) => l.why = LayerWhy::RcpUnsupportedService(s.clone()),
        RcpReach::Applies if l.status != LayerStatus::ExplicitDeny => {
            l = Layer::new(LayerStatus::Allow, LayerWhy::RcpFullAccess, Vec::new());
        }
        RcpReach::Applies => {}
    }
    l
}

/// One row of the layers: which layer, its SCP/RCP level, its outcome.
pub struct Row<'a> {
    /// Which layer.
    pub kind: LayerKind,
    /// SCP/RCP level index.
    pub level: Option<usize>,
    /// Its outcome.
    pub layer: &'a Layer,
}

impl Layers {
    /// Every layer, in the order of the answer's rows: a call that needs no permission (only
    /// for such a call), the explicit-deny row, RCP levels, SCP levels, the VPC endpoint (only
    /// when the request passes through one), resource-based, identity-based, boundary,
    /// session.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let row = |kind, level, layer| Row { kind, level, layer };
        let mut out: Vec<Row<'_>> = self
            .free
            .iter()
            .map(|l| row(LayerKind::PermissionNotRequired, None, l))
            .collect();
        out.push(row(LayerKind::ExplicitDeny, None, &self.denies));
        out.extend(
            self.rcp
                .iter()
                .enumerate()
                .map(|(i, l)| row(LayerKind::Rcp, Some(i), l)),
        );
        out.extend(
            self.scp
                .iter()
                .enumerate()
                .map(|(i, l)| row(LayerKind::Scp, Some(i), l)),
        );
        if self.endpoint.why != LayerWhy::NoEndpoint {
            out.push(row(LayerKind::VpcEndpoint, None, &self.endpoint));
        }
        out.push(row(LayerKind::Resource, None, &self.resource));
        out.push(row(LayerKind::Identity, None, &self.identity));
        out.push(row(LayerKind::PermissionsBoundary, None, &self.boundary));
        out.push(row(LayerKind::Session, None, &self.session));
        out
    }

    /// Every layer, mutable (in the order of [`Layers::rows`]).
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut Layer> {
        self.free
            .iter_mut()
            .chain([&mut self.denies])
            .chain(self.rcp.iter_mut())
            .chain(self.scp.iter_mut())
            .chain([
                &mut self.endpoint,
                &mut self.resource,
                &mut self.identity,
                &mut self.boundary,
                &mut self.session,
            ])
    }
}

/// Which account's side of a cross-account request a layer belongs to: `principal`,
/// `resource`, or `both` (the explicit-deny row).
pub fn side(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::ExplicitDeny | LayerKind::VpcEndpoint | LayerKind::PermissionNotRequired => {
            "both"
        }
        LayerKind::Rcp | LayerKind::Resource => "resource",
        LayerKind::Scp
        | LayerKind::Identity
        | LayerKind::PermissionsBoundary
        | LayerKind::Session => "principal",
    }
}
