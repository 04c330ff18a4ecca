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
//! 7. A request through a VPC endpoint (format 1.1) must also be allowed by the endpoint
//!    policy, which grants nothing ("Control access to VPC endpoints using endpoint policies").
//! 8. An unsigned (anonymous) request has no identity-based policies and no SCP binds it: only
//!    a resource-based policy naming everyone allows it ("AWS JSON policy elements: Principal").
//! 9. A few calls need no permission at all and are allowed even under an explicit Deny
//!    (`sts:GetCallerIdentity`, `sts:GetSessionToken`; docs/aws-rules.md §13.5).

use crate::answer::result::{LayerKind, StatementRef};
use crate::decide::context::{self, RequestContext};
use crate::decide::layers::{Applicability, LayerWhy, Layers, RcpReach};
use crate::decide::principal::{MatchLevel, PrincipalKind, RequestPrincipal};
use crate::decide::statement::{self, Detail, Evaluated, Target};
use crate::decide::verdict::{self, Facts, FreeCall, RequiredPolicy, Verdict};
use crate::diagnostic::LineIndex;
use crate::model::{ContextValue, Decision, Effect, PolicyKind, Request, Scenario};

/// Everything the decision computed for one request.
pub struct Decided {
    /// The principal, understood.
    pub principal: RequestPrincipal,
    /// The context, with derived keys.
    pub context: RequestContext,
    /// True when principal and resource are in different accounts.
    pub cross_account: bool,
    /// Every statement of every policy, evaluated (policy index in the scenario, evaluation);
    /// unexplained ([`Detail::Brief`]), only the statements that target the request.
    pub evaluated: Vec<(usize, Evaluated)>,
    /// Which rule decided, and with what.
    pub verdict: Verdict,
    /// Every layer's outcome.
    pub layers: Layers,
    /// The statements that decided: the Deny statements that apply (explicit deny), or the
    /// Allow statements that apply in the layers that granted access (Allow).
    pub matched: Vec<StatementRef>,
}

impl Decided {
    /// The decision.
    pub fn decision(&self) -> Decision {
        self.verdict.decision()
    }

    /// The layer that decided.
    pub fn decided_by(&self) -> LayerKind {
        self.verdict.decided_by()
    }
}

/// Decides one request of the scenario, with every statement explained.
pub fn decide(scenario: &Scenario, request: &Request, index: &LineIndex) -> Decided {
    decide_with(scenario, request, index, Detail::Explained)
}

/// Decides one request of the scenario; `detail` says whether statements are explained
/// ([`Detail::Brief`]: the decision, layers and deciding statements only, for `decide`).
pub fn decide_with(
    scenario: &Scenario,
    request: &Request,
    index: &LineIndex,
    detail: Detail,
) -> Decided {
    let principal = RequestPrincipal::parse(&request.principal.value, supplied_arn(request));
    let ctx = context::build(request, &principal);
    let cross_account = matches!(
        (principal.account.as_deref(), ctx.resource_account()),
        (Some(p), Some(r)) if p != r
    ) && principal.kind.is_iam_identity();
    let evaluated = evaluate_statements(scenario, request, &principal, &ctx, index, detail);
    let applies = Applicability::of(&principal, &request.action.value);
    let free = FreeCall::of(&request.action.value, principal.kind);
    let mut layers = Layers::evaluate(scenario, &evaluated, &applies, principal.kind, free);
    let resource_names = resource_names(scenario, &evaluated);
    let verdict = verdict::verdict(&Facts {
        scenario,
        evaluated: &evaluated,
        layers: &layers,
        principal: principal.kind,
        cross_account,
        resource_account: ctx.resource_account(),
        resource_names,
        must_allow: RequiredPolicy::for_request(&request.action.value, &request.resource.value),
        free,
    });
    let matched = match verdict.decision() {
        Decision::ExplicitDeny => layers.denies.statements.clone(),
        // A call that needs no permission is allowed by no statement.
        Decision::ImplicitDeny => Vec::new(),
        Decision::Allow if free.is_some() => Vec::new(),
        Decision::Allow => layers.granting_statements(),
    };
    let is_root = principal.kind == PrincipalKind::Root;
    mark_required(&mut layers, &verdict, &applies, resource_names, is_root);
    if is_root {
        layers.identity.status = crate::answer::result::LayerStatus::Allow;
        layers.identity.why = LayerWhy::RootUser;
    }
    Decided {
        principal,
        context: ctx,
        cross_account,
        evaluated,
        verdict,
        layers,
        matched,
    }
}

/// `aws:PrincipalArn` when the request's context supplies it (one value).
fn supplied_arn(request: &Request) -> Option<&str> {
    request
        .context
        .iter()
        .find(|e| e.key.value.eq_ignore_ascii_case("aws:PrincipalArn"))
        .and_then(|e| match &e.value {
            ContextValue::Single(s) => Some(s.as_str()),
            _ => None,
        })
}

/// Every statement of every policy against the request (policy index, evaluation); unexplained,
/// only those that target the request ([`statement::evaluate_with`]).
fn evaluate_statements(
    scenario: &Scenario,
    request: &Request,
    principal: &RequestPrincipal,
    ctx: &RequestContext,
    index: &LineIndex,
    detail: Detail,
) -> Vec<(usize, Evaluated)> {
    let target = Target {
        principal,
        action: &request.action.value,
        resource: &request.resource.value,
        context: ctx,
        has_boundary: scenario
            .policies
            .iter()
            .any(|p| p.kind == PolicyKind::PermissionsBoundary),
    };
    let mut evaluated = match detail {
        Detail::Explained => {
            Vec::with_capacity(scenario.policies.iter().map(|p| p.statements.len()).sum())
        }
        Detail::Brief => Vec::new(),
    };
    for (pi, policy) in scenario.policies.iter().enumerate() {
        for stmt in &policy.statements {
            if let Some(ev) = statement::evaluate_with(policy, stmt, &target, index, detail) {
                evaluated.push((pi, ev));
            }
        }
    }
    evaluated
}

/// How the resource-based policy names the principal in its most far-reaching Allow that
/// applies.
fn resource_names(scenario: &Scenario, evaluated: &[(usize, Evaluated)]) -> Option<MatchLevel> {
    evaluated
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
        .max()
}

/// Marks the layers whose outcome the verdict needed (a layer that does not apply never is).
fn mark_required(
    layers: &mut Layers,
    verdict: &Verdict,
    applies: &Applicability,
    resource_names: Option<MatchLevel>,
    is_root: bool,
) {
    if layers.free.is_some() {
        // Nothing else counted: the call is allowed whatever the policies say.
        for l in layers.all_mut() {
            l.required = false;
        }
        if let Some(free) = &mut layers.free {
            free.required = true;
        }
        return;
    }
    let needs = verdict.needs();
    // A resource-based policy that names the role is limited by the boundary and the session
    // policy, so they count even when the resource-based policy decided.
    let limits = needs.principal_side || resource_names == Some(MatchLevel::Role);
    let rcp = applies.rcp == RcpReach::Applies;
    let marks = [
        (&mut layers.denies, true),
        // The endpoint policy must allow every request through the endpoint.
        (&mut layers.endpoint, true),
        (&mut layers.resource, needs.resource),
        (&mut layers.identity, needs.principal_side && !is_root),
        (&mut layers.boundary, limits),
        (&mut layers.session, limits),
    ];
    for (layer, needed) in marks {
        layer.required = needed;
    }
    for l in &mut layers.rcp {
        l.required = rcp;
    }
    for l in &mut layers.scp {
        l.required = applies.scp;
    }
    for l in layers.all_mut() {
        l.required &= l.status != crate::answer::result::LayerStatus::NotApplicable;
    }
}
