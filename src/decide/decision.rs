//! The layered decision: which policies apply to a request and how their outcomes combine.
//!
//! The order and rules follow the IAM User Guide, "Policy evaluation logic" ("How AWS
//! enforcement code logic evaluates requests to allow or deny access"), "Cross-account policy
//! evaluation logic", "Permissions boundaries for IAM entities" and "Session policies":
//!
//! 1. An applicable `Deny` statement in any policy (identity-based, resource-based, boundary,
//!    session, SCP, RCP) decides: explicit deny.
//! 2. RCPs (resource's account): every level must allow. `RCPFullAWSAccess` is attached at
//!    every level and cannot be detached, so a level allows unless it denies.
//! 3. SCPs (principal's account): every level must have an applicable Allow.
//! 4. Same account: an Allow in the identity-based policies (limited by the permissions boundary
//!    and the session policy) or in the resource-based policy is enough. How far a resource-based
//!    Allow reaches depends on how it names the principal: naming the IAM user, the session, the
//!    federated user session (or everyone) grants directly, even where the identity-based policy,
//!    boundary or session policy implicitly deny; naming the role ARN is still limited by the
//!    boundary and the session policy; naming the account delegates to the account's own
//!    identity-based policies (it grants nothing by itself).
//! 5. Role trust policies (`sts:AssumeRole*`) and KMS key policies must allow even within the
//!    account: an identity-based Allow alone is not enough.
//! 6. Cross-account: the principal's side (identity-based policies, boundary, session policy,
//!    SCPs) and the resource's side (resource-based policy, RCPs) must both allow.

use crate::answer::result::{LayerKind, LayerResult, LayerStatus, StatementRef};
use crate::decide::context::{self, RequestContext};
use crate::decide::principal::{MatchLevel, PrincipalKind, RequestPrincipal};
use crate::decide::statement::{self, Evaluated, Target};
use crate::diagnostic::LineIndex;
use crate::model::{Decision, Effect, PolicyKind, Request, Scenario};

/// Everything the decision computed for one request.
pub struct Decided {
    /// The principal, understood.
    pub principal: RequestPrincipal,
    /// The context, with derived keys.
    pub context: RequestContext,
    /// The resource's account.
    pub resource_account: Option<String>,
    /// True when principal and resource are in different accounts.
    pub cross_account: bool,
    /// Every statement of every policy, evaluated (policy index in the scenario, evaluation).
    pub evaluated: Vec<(usize, Evaluated)>,
    /// The decision.
    pub decision: Decision,
    /// The layer that decided.
    pub decided_by: LayerKind,
    /// One sentence.
    pub summary: String,
    /// Every layer.
    pub layers: Vec<LayerResult>,
    /// The statements that decided.
    pub matched: Vec<StatementRef>,
}

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

fn is_assume_role(action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    a == "sts:assumerole" || a == "sts:assumerolewithsaml" || a == "sts:assumerolewithwebidentity"
}

/// Whether the resource-based policy must allow even within the account: role trust policies
/// for `sts:AssumeRole*`, KMS key policies ("Policy evaluation logic": "IAM role trust policies
/// and KMS key policies are exceptions to this logic, because they must explicitly allow access
/// for principals").
fn resource_policy_required(action: &str, resource: &str) -> Option<&'static str> {
    if is_assume_role(action) && resource.contains(":role/") {
        Some("a role trust policy must allow sts:AssumeRole even within the account")
    } else if action.to_ascii_lowercase().starts_with("kms:") && resource.contains(":key/") {
        Some("a KMS key policy must allow access even within the account")
    } else {
        None
    }
}

struct Layer {
    status: LayerStatus,
    statements: Vec<StatementRef>,
    reason: String,
}

fn layer_from(
    evaluated: &[(usize, Evaluated)],
    scenario: &Scenario,
    pred: impl Fn(&crate::model::Policy) -> bool,
    applicable: bool,
    label: &str,
) -> Layer {
    // A policy with no statements (an empty `Statement`, or every statement switched off by
    // what-if) is still there, and allows nothing.
    let present = scenario.policies.iter().any(&pred);
    let mut allows = Vec::new();
    let mut denies = Vec::new();
    for (pi, ev) in evaluated {
        let Some(policy) = scenario.policies.get(*pi) else {
            continue;
        };
        if !pred(policy) {
            continue;
        }
        if ev.applies() {
            match ev.effect() {
                Effect::Allow => allows.push(ev.explanation.statement.clone()),
                Effect::Deny => denies.push(ev.explanation.statement.clone()),
            }
        }
    }
    if !present {
        return Layer {
            status: LayerStatus::NotApplicable,
            statements: Vec::new(),
            reason: format!("there is no {label}"),
        };
    }
    if !applicable {
        return Layer {
            status: LayerStatus::NotApplicable,
            statements: Vec::new(),
            reason: format!("the {label} does not apply to this principal"),
        };
    }
    if !denies.is_empty() {
        Layer {
            status: LayerStatus::ExplicitDeny,
            reason: format!("{} denies the request", describe(&denies)),
            statements: denies,
        }
    } else if !allows.is_empty() {
        Layer {
            status: LayerStatus::Allow,
            reason: format!("{} allows the request", describe(&allows)),
            statements: allows,
        }
    } else {
        Layer {
            status: LayerStatus::ImplicitDeny,
            statements: Vec::new(),
            reason: format!("no statement in the {label} allows the request"),
        }
    }
}

/// "statement `Sid`" / "statement 2 of identity-based policy 1".
pub fn describe(stmts: &[StatementRef]) -> String {
    let names: Vec<String> = stmts.iter().map(describe_one).collect();
    match names.len() {
        0 => "no statement".to_string(),
        1 => names.join(""),
        _ => format!("statements {}", names.join(", ")),
    }
}

fn describe_one(s: &StatementRef) -> String {
    let policy = match &s.policy.name {
        Some(n) => format!("`{n}`"),
        None => format!("{} {}", s.policy.kind.label(), s.policy.index + 1),
    };
    match &s.sid {
        Some(sid) if !sid.is_empty() => format!("statement `{sid}` in {policy}"),
        _ => format!("statement {} in {policy}", s.statement_index + 1),
    }
}

/// Decides one request of the scenario.
pub fn decide(scenario: &Scenario, request: &Request, index: &LineIndex) -> Decided {
    let supplied_principal_arn = request
        .context
        .iter()
        .find(|e| e.key.value.eq_ignore_ascii_case("aws:PrincipalArn"))
        .and_then(|e| match &e.value {
            crate::model::ContextValue::Single(s) => Some(s.as_str()),
            _ => None,
        });
    let principal = RequestPrincipal::parse(&request.principal.value, supplied_principal_arn);
    let ctx = context::build(request, &principal);
    let resource_account = context::resource_account(request, &principal);
    let cross_account = matches!(
        (&principal.account, &resource_account),
        (Some(p), Some(r)) if p != r
    ) && principal.kind.is_iam_identity();
    let has_boundary = scenario
        .policies
        .iter()
        .any(|p| p.kind == PolicyKind::PermissionsBoundary);

    let target = Target {
        principal: &principal,
        action: &request.action.value,
        resource: &request.resource.value,
        context: &ctx,
        has_boundary,
    };
    let mut evaluated =
        Vec::with_capacity(scenario.policies.iter().map(|p| p.statements.len()).sum());
    for (pi, policy) in scenario.policies.iter().enumerate() {
        for stmt in &policy.statements {
            evaluated.push((pi, statement::evaluate(policy, stmt, &target, index)));
        }
    }

    let kind = principal.kind;
    let identity_applies = matches!(
        kind,
        PrincipalKind::User
            | PrincipalKind::Role
            | PrincipalKind::AssumedRole
            | PrincipalKind::FederatedUser
    );
    let boundary_applies = matches!(
        kind,
        PrincipalKind::User | PrincipalKind::Role | PrincipalKind::AssumedRole
    );
    let session_applies = matches!(
        kind,
        PrincipalKind::Role | PrincipalKind::AssumedRole | PrincipalKind::FederatedUser
    );
    let scp_applies = kind.is_iam_identity() && !principal.is_service_linked_role();
    let service = request
        .action
        .value
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    // "RCPs do not apply to calls made by service-linked roles."
    let rcp_applies =
        RCP_SERVICES.contains(&service.as_str()) && !principal.is_service_linked_role();

    let of_kind = |k: PolicyKind| move |p: &crate::model::Policy| p.kind == k;
    let identity = layer_from(
        &evaluated,
        scenario,
        of_kind(PolicyKind::Identity),
        identity_applies,
        "identity-based policy",
    );
    let boundary = layer_from(
        &evaluated,
        scenario,
        of_kind(PolicyKind::PermissionsBoundary),
        boundary_applies,
        "permissions boundary",
    );
    let mut session = layer_from(
        &evaluated,
        scenario,
        of_kind(PolicyKind::Session),
        session_applies,
        "session policy",
    );
    if kind == PrincipalKind::FederatedUser && session.status == LayerStatus::NotApplicable {
        // GetFederationToken: "if you do not pass any session policies, then the resulting
        // federated user session has no permissions" (STS API reference).
        session.status = LayerStatus::ImplicitDeny;
        session.reason = "a federated user session created without a session policy has no permissions (GetFederationToken)".to_string();
    }
    let resource = layer_from(
        &evaluated,
        scenario,
        of_kind(PolicyKind::Resource),
        true,
        "resource-based policy",
    );
    let scp_levels: Vec<Layer> = (0..scenario.scp_levels.len())
        .map(|lvl| {
            layer_from(
                &evaluated,
                scenario,
                move |p: &crate::model::Policy| p.kind == PolicyKind::Scp && p.index == lvl,
                scp_applies,
                "SCP level",
            )
        })
        .collect();
    let rcp_levels: Vec<Layer> = (0..scenario.rcp_levels.len())
        .map(|lvl| {
            let mut l = layer_from(
                &evaluated,
                scenario,
                move |p: &crate::model::Policy| p.kind == PolicyKind::Rcp && p.index == lvl,
                rcp_applies,
                "RCP level",
            );
            if !rcp_applies {
                l.reason = if principal.is_service_linked_role() {
                    "RCPs do not apply to calls made by service-linked roles".to_string()
                } else {
                    format!(
                        "RCPs do not apply to `{service}` actions (not an RCP-supported service)"
                    )
                };
            } else if l.status != LayerStatus::ExplicitDeny {
                // RCPFullAWSAccess is always attached: a level allows unless it denies.
                l.status = LayerStatus::Allow;
                l.statements.clear();
                l.reason =
                    "RCPFullAWSAccess (always attached) allows, and nothing at this level denies"
                        .to_string();
            }
            l
        })
        .collect();

    // 1. Explicit deny anywhere.
    let mut denies: Vec<StatementRef> = Vec::new();
    for l in [&identity, &boundary, &session, &resource]
        .into_iter()
        .chain(scp_levels.iter())
        .chain(rcp_levels.iter())
    {
        if l.status == LayerStatus::ExplicitDeny {
            denies.extend(l.statements.iter().cloned());
        }
    }

    // How the resource-based policy named the principal (the most far-reaching Allow).
    let resource_level: Option<MatchLevel> = evaluated
        .iter()
        .filter(|(pi, ev)| {
            scenario
                .policies
                .get(*pi)
                .is_some_and(|p| p.kind == PolicyKind::Resource)
                && ev.applies()
                && ev.effect() == Effect::Allow
        })
        .filter_map(|(_, ev)| ev.principal_level.or(Some(MatchLevel::Direct)))
        .max();

    let allowed = |l: &Layer| l.status == LayerStatus::Allow;
    let passes = |l: &Layer| matches!(l.status, LayerStatus::Allow | LayerStatus::NotApplicable);
    let is_root = kind == PrincipalKind::Root;
    let identity_ok = is_root || allowed(&identity);
    let boundary_ok = passes(&boundary);
    let session_ok = passes(&session);
    let principal_side = identity_ok && boundary_ok && session_ok;
    let first_scp_block = scp_levels
        .iter()
        .position(|l| l.status == LayerStatus::ImplicitDeny);
    let required_by_resource =
        resource_policy_required(&request.action.value, &request.resource.value);

    // The resource-based path, same account: how far the Allow reaches.
    let resource_grants = match resource_level {
        None => false,
        Some(MatchLevel::Everyone) | Some(MatchLevel::Direct) => true,
        Some(MatchLevel::Role) => boundary_ok && session_ok,
        Some(MatchLevel::Account) => false,
    };

    let mut required = Required::default();
    let (decision, decided_by, summary) = if !denies.is_empty() {
        (
            Decision::ExplicitDeny,
            LayerKind::ExplicitDeny,
            format!(
                "Explicitly denied: {}. An explicit deny overrides every allow.",
                describe(&denies)
            ),
        )
    } else if let Some(lvl) = first_scp_block {
        required.scp = true;
        let name = scenario.scp_levels.get(lvl).and_then(|l| l.name.clone());
        (
            Decision::ImplicitDeny,
            LayerKind::Scp,
            format!(
                "Implicitly denied: no SCP at level {}{} allows the request; every level of the organization must allow.",
                lvl + 1,
                name.map(|n| format!(" (`{n}`)")).unwrap_or_default()
            ),
        )
    } else if matches!(
        kind,
        PrincipalKind::Service
            | PrincipalKind::WebIdentity
            | PrincipalKind::CanonicalUser
            | PrincipalKind::Anonymous
            | PrincipalKind::Unknown
    ) {
        required.resource = true;
        if allowed(&resource) {
            (
                Decision::Allow,
                LayerKind::Resource,
                format!("Allowed: {}.", resource.reason),
            )
        } else {
            (
                Decision::ImplicitDeny,
                LayerKind::Resource,
                format!(
                    "Implicitly denied: a {} has no identity-based policies, so only a resource-based policy can allow it, and none does.",
                    match kind {
                        PrincipalKind::Service => "service principal",
                        PrincipalKind::WebIdentity => "web identity or SAML principal",
                        PrincipalKind::CanonicalUser => "canonical user",
                        _ => "principal that is not an IAM identity",
                    }
                ),
            )
        }
    } else if cross_account {
        required.resource = true;
        required.principal_side = true;
        if principal_side && allowed(&resource) {
            (
                Decision::Allow,
                LayerKind::Resource,
                "Allowed: in a cross-account request both sides allow: the principal's account (identity-based policies and their limits) and the resource's account (the resource-based policy).".to_string(),
            )
        } else if !allowed(&resource) {
            (
                Decision::ImplicitDeny,
                LayerKind::Resource,
                format!(
                    "Implicitly denied: in a cross-account request the resource-based policy in account {} must allow the principal, and {}.",
                    resource_account.as_deref().unwrap_or("?"),
                    if resource.status == LayerStatus::NotApplicable { "there is none".to_string() } else { "it does not".to_string() }
                ),
            )
        } else {
            let (layer, why) = principal_side_block(is_root, &identity, &boundary, &session);
            (
                Decision::ImplicitDeny,
                layer,
                format!("Implicitly denied: the resource-based policy allows, but in a cross-account request the principal's own account must allow too, and {why}."),
            )
        }
    } else if let Some(why_required) = required_by_resource.filter(|_| resource_level.is_none()) {
        required.resource = true;
        (
            Decision::ImplicitDeny,
            LayerKind::Resource,
            format!(
                "Implicitly denied: {why_required}, and {}.",
                if resource.status == LayerStatus::NotApplicable {
                    "none is given"
                } else {
                    "it does not allow this principal"
                }
            ),
        )
    } else if principal_side && (required_by_resource.is_none() || resource_level.is_some()) {
        required.principal_side = true;
        let mut summary = if is_root {
            "Allowed: the account root user has full access to its own account's resources unless something denies it.".to_string()
        } else {
            format!("Allowed: {}.", identity.reason)
        };
        if resource_grants {
            summary.push_str(" The resource-based policy allows it too.");
        }
        (Decision::Allow, LayerKind::Identity, summary)
    } else if resource_grants {
        required.resource = true;
        let how = match resource_level {
            Some(MatchLevel::Role) => " It names the role, so the permissions boundary and session policy still limit it, and they allow.",
            Some(MatchLevel::Everyone) => " It names everyone (`*`); within the account that grants access directly.",
            _ => " It names the principal directly; within the account that is enough, even without an identity-based Allow.",
        };
        (
            Decision::Allow,
            LayerKind::Resource,
            format!("Allowed: {}.{how}", resource.reason),
        )
    } else {
        required.principal_side = true;
        let (layer, why) = principal_side_block(is_root, &identity, &boundary, &session);
        let extra = match resource_level {
            Some(MatchLevel::Account) => " The resource-based policy names only the account, which delegates to the account's identity-based policies.",
            Some(MatchLevel::Role) => " The resource-based policy names the role, so the permissions boundary and session policy still limit it.",
            _ => "",
        };
        (
            Decision::ImplicitDeny,
            layer,
            format!(
                "Implicitly denied: {why}.{extra}{}",
                near_miss(scenario, &evaluated, layer)
            ),
        )
    };

    let mut layers = Vec::new();
    let push = |layers: &mut Vec<LayerResult>,
                layer: LayerKind,
                level: Option<usize>,
                level_name: Option<String>,
                side: &'static str,
                l: &Layer,
                req: bool| {
        layers.push(LayerResult {
            layer,
            level,
            level_name,
            side,
            status: l.status,
            required: req && l.status != LayerStatus::NotApplicable,
            reason: l.reason.clone(),
            statements: l.statements.clone(),
        });
    };
    let deny_layer = Layer {
        status: if denies.is_empty() {
            LayerStatus::Allow
        } else {
            LayerStatus::ExplicitDeny
        },
        reason: if denies.is_empty() {
            "no Deny statement applies in any policy".to_string()
        } else {
            format!("{} applies", describe(&denies))
        },
        statements: denies.clone(),
    };
    push(
        &mut layers,
        LayerKind::ExplicitDeny,
        None,
        None,
        "both",
        &deny_layer,
        true,
    );
    for (i, l) in rcp_levels.iter().enumerate() {
        let name = scenario.rcp_levels.get(i).and_then(|l| l.name.clone());
        push(
            &mut layers,
            LayerKind::Rcp,
            Some(i),
            name,
            "resource",
            l,
            rcp_applies,
        );
    }
    for (i, l) in scp_levels.iter().enumerate() {
        let name = scenario.scp_levels.get(i).and_then(|l| l.name.clone());
        push(
            &mut layers,
            LayerKind::Scp,
            Some(i),
            name,
            "principal",
            l,
            scp_applies,
        );
    }
    let resource_required =
        required.resource || resource_grants && decided_by == LayerKind::Resource;
    push(
        &mut layers,
        LayerKind::Resource,
        None,
        None,
        "resource",
        &resource,
        resource_required,
    );
    let principal_required = required.principal_side;
    push(
        &mut layers,
        LayerKind::Identity,
        None,
        None,
        "principal",
        &identity,
        principal_required && !is_root,
    );
    push(
        &mut layers,
        LayerKind::PermissionsBoundary,
        None,
        None,
        "principal",
        &boundary,
        principal_required || resource_level == Some(MatchLevel::Role),
    );
    push(
        &mut layers,
        LayerKind::Session,
        None,
        None,
        "principal",
        &session,
        principal_required || resource_level == Some(MatchLevel::Role),
    );
    if is_root {
        if let Some(l) = layers.iter_mut().find(|l| l.layer == LayerKind::Identity) {
            l.status = LayerStatus::Allow;
            l.reason = "the account root user has full access in its own account (no identity-based policy is needed)".to_string();
        }
    }

    // For an Allow, the statements that decided are every Allow statement that applies in
    // every layer that applies (identity-based, boundary, session, resource-based, each SCP
    // level); RCP levels allow through the implicit RCPFullAWSAccess.
    let matched = match decision {
        Decision::ExplicitDeny => denies.clone(),
        Decision::ImplicitDeny => Vec::new(),
        Decision::Allow => scp_levels
            .iter()
            .chain([&resource, &identity, &boundary, &session])
            .filter(|l| l.status == LayerStatus::Allow)
            .flat_map(|l| l.statements.iter().cloned())
            .collect(),
    };

    Decided {
        principal,
        context: ctx,
        resource_account,
        cross_account,
        evaluated,
        decision,
        decided_by,
        summary,
        layers,
        matched,
    }
}

#[derive(Default)]
struct Required {
    scp: bool,
    resource: bool,
    principal_side: bool,
}

/// " Statement `X` covers the action and resource, but its condition ... is false." for the
/// first Allow statement of the blocking layer that failed only on its conditions.
fn near_miss(scenario: &Scenario, evaluated: &[(usize, Evaluated)], layer: LayerKind) -> String {
    let kind = match layer {
        LayerKind::Identity => PolicyKind::Identity,
        LayerKind::PermissionsBoundary => PolicyKind::PermissionsBoundary,
        LayerKind::Session => PolicyKind::Session,
        LayerKind::Resource => PolicyKind::Resource,
        _ => return String::new(),
    };
    let Some(ev) = evaluated.iter().find_map(|(pi, ev)| {
        let p = scenario.policies.get(*pi)?;
        (p.kind == kind && ev.effect() == Effect::Allow && ev.targets_request && !ev.applies())
            .then_some(ev)
    }) else {
        return String::new();
    };
    let failed: Vec<String> = ev
        .explanation
        .conditions
        .iter()
        .filter(|c| !c.outcome)
        .map(|c| format!("`{}` on `{}`", c.operator, c.key))
        .collect();
    let (noun, verb) = if failed.len() == 1 {
        ("condition", "is")
    } else {
        ("conditions", "are")
    };
    format!(
        " The closest is {}: it covers the action and resource, but its {noun} {} {verb} false.",
        describe_one(&ev.explanation.statement),
        failed.join(" and ")
    )
}

/// The first layer of the principal's side that did not allow, and why.
fn principal_side_block(
    is_root: bool,
    identity: &Layer,
    boundary: &Layer,
    session: &Layer,
) -> (LayerKind, String) {
    if !is_root && identity.status != LayerStatus::Allow {
        let why = if identity.status == LayerStatus::NotApplicable {
            "there is no identity-based policy that allows it".to_string()
        } else {
            "no identity-based policy allows it".to_string()
        };
        return (LayerKind::Identity, why);
    }
    if boundary.status == LayerStatus::ImplicitDeny {
        return (
            LayerKind::PermissionsBoundary,
            "an identity-based policy allows it, but the permissions boundary does not (the effective permissions are the intersection)".to_string(),
        );
    }
    if session.status == LayerStatus::ImplicitDeny {
        return (
            LayerKind::Session,
            "the role's policies allow it, but the session policy does not (a session gets the intersection)".to_string(),
        );
    }
    (
        LayerKind::Identity,
        "no identity-based policy allows it".to_string(),
    )
}
