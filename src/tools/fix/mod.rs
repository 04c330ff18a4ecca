//! Fix suggestions: for each implicitly denied request, the smallest statement that would allow
//! it, put into the policy where it belongs, as a text edit on the scenario (so the user's
//! formatting is kept), checked by evaluating again. For an explicit deny, the Deny statements
//! that decided: no Allow can override them. Near misses are ranked beside.
//!
//! ```
//! let text = std::fs::read_to_string("tests/fixtures/fix/passrole-story-decoded.json").unwrap();
//! let report = iam_playground::tools::fix::suggest_fixes(&text);
//! let fix = &report.requests[0];
//! assert!(fix.verified);
//! assert!(fix.placements[0].statement.contains("\"iam:PassedToService\": \"ec2.amazonaws.com\""));
//! ```
//!
//! Where the statement goes follows the layer that blocked (`decidedBy` and the layers of the
//! result, IAM User Guide "Policy evaluation logic"):
//!
//! | blocked by | the statement goes |
//! |---|---|
//! | identity-based policies | a new identity-based policy |
//! | permissions boundary | the boundary ("the effective permissions are the intersection") |
//! | session policy | the session policy (created if the session has none) |
//! | resource-based policy (cross-account, role trust, key policy, service principals) | the resource-based policy, naming the principal |
//! | SCP level *n* | that level ("every level of the organization must allow") |
//!
//! A fix may take several statements (cross-account: both sides; identity and boundary): the
//! scenario is evaluated again after each, until the request is allowed or nothing changes.
//!
//! For `iam:PassRole` the statement names the role (never `Resource: "*"`) and adds
//! `iam:PassedToService` (and `iam:AssociatedResourceARN`) from the request, as the IAM User
//! Guide's "Grant a user permissions to pass a role to an AWS service" advises.

mod near;
mod place;

use serde::Serialize;

pub use near::{Difference, NearMiss};

use crate::answer::result::{Answer, LayerKind, LayerStatus, RequestResult, StatementRef, Status};
use crate::decide::principal::{PrincipalKind, RequestPrincipal};
use crate::model::{Decision, PolicyKind};
use crate::tools::ordered_json::J;
use crate::tools::text_edit::{locate, unified_diff, LocatedEdit, TextEdit};
use place::Target;

/// Every suggestion for a scenario.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixReport {
    /// `evaluated`, or `invalid` when the scenario has errors (then there is nothing else).
    pub status: Status,
    /// One entry per request, in order.
    pub requests: Vec<RequestFix>,
    /// Every request's statements at once, when more than one request needs a fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combined: Option<CombinedFix>,
}

/// What to do about one request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestFix {
    /// Index in the scenario's requests.
    pub index: usize,
    /// The request's action.
    pub action: String,
    /// The request's resource.
    pub resource: String,
    /// The decision now.
    pub decision: Decision,
    /// What kind of suggestion this is.
    pub kind: FixKind,
    /// One line for people.
    pub explanation: String,
    /// The statements to add and where (empty unless `kind` is `addStatements`).
    pub placements: Vec<Placement>,
    /// The change to the scenario text, in its original offsets (one edit).
    pub edits: Vec<LocatedEdit>,
    /// The change as a unified diff.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub diff: String,
    /// The scenario with the change applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_scenario: Option<String>,
    /// True when evaluating the fixed scenario allows the request.
    pub verified: bool,
    /// The request's decision in the fixed scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_after: Option<Decision>,
    /// For an explicit deny: the Deny statements that decided.
    pub deny_statements: Vec<StatementRef>,
    /// Allow statements that almost applied, nearest first.
    pub near_misses: Vec<NearMiss>,
    /// Remarks (a condition the new statement bypasses, a public grant, ...).
    pub notes: Vec<String>,
}

/// The kinds of suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FixKind {
    /// The request is allowed: nothing to fix.
    Allowed,
    /// Add the statements in `placements`.
    AddStatements,
    /// An explicit deny decides: no Allow can override it.
    ExplicitDeny,
    /// No statement can be suggested (see `explanation`).
    NoFix,
}

/// One statement to add.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// The layer that blocked.
    pub layer: LayerKind,
    /// The policy that receives it: kind, index, position (as results name policies).
    pub policy_kind: PolicyKind,
    /// Identity: index in the list (the new policy's index); SCP: level; others 0.
    pub policy_index: usize,
    /// SCP: the policy's index within the level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_position: Option<usize>,
    /// True when a new policy is created for it.
    pub new_policy: bool,
    /// Its `Sid`.
    pub sid: String,
    /// The statement, as pretty JSON text.
    pub statement: String,
    /// Why it goes there.
    pub why: String,
}

/// All suggested statements applied together.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CombinedFix {
    /// The change, in the original offsets (one edit).
    pub edits: Vec<LocatedEdit>,
    /// As a unified diff.
    pub diff: String,
    /// The scenario with every fix applied.
    pub fixed_scenario: String,
    /// True when every request the fixes were for is allowed afterwards.
    pub verified: bool,
    /// Every request's decision afterwards.
    pub decisions_after: Vec<Decision>,
}

/// Suggests fixes for a scenario, evaluating with [`crate::evaluate`].
pub fn suggest_fixes(text: &str) -> FixReport {
    suggest_fixes_with(text, &|t: &str| crate::evaluate(t))
}

/// Suggests fixes, evaluating with `eval` (a host may pass an evaluation with AWS data).
pub fn suggest_fixes_with(text: &str, eval: &dyn Fn(&str) -> Answer) -> FixReport {
    let answer = eval(text);
    if answer.status == Status::Invalid {
        return FixReport {
            status: Status::Invalid,
            requests: Vec::new(),
            combined: None,
        };
    }
    let model = crate::parse::parse_scenario(text).0;
    let patterns = |s: &StatementRef| -> Vec<String> {
        model
            .as_ref()
            .and_then(|m| {
                m.policies.iter().find(|p| {
                    p.kind == s.policy.kind
                        && p.index == s.policy.index
                        && p.position == s.policy.position
                })
            })
            .and_then(|p| p.statements.iter().find(|st| st.index == s.statement_index))
            .map(|st| st.action.patterns.iter().map(|p| p.value.clone()).collect())
            .unwrap_or_default()
    };
    let mut requests = Vec::new();
    for r in &answer.requests {
        let mut fix = request_fix(text, r, eval);
        fix.near_misses = if r.decision == Decision::ImplicitDeny {
            near::near_misses(r, &patterns)
        } else {
            Vec::new()
        };
        requests.push(fix);
    }
    let needing: Vec<usize> = requests
        .iter()
        .filter(|f| f.kind == FixKind::AddStatements)
        .map(|f| f.index)
        .collect();
    let combined = (needing.len() > 1).then(|| combined_fix(text, &answer, &needing, eval));
    FixReport {
        status: Status::Evaluated,
        requests,
        combined: combined.flatten(),
    }
}

fn empty_fix(r: &RequestResult, kind: FixKind, explanation: String) -> RequestFix {
    RequestFix {
        index: r.index,
        action: r.request.action.clone(),
        resource: r.request.resource.clone(),
        decision: r.decision,
        kind,
        explanation,
        placements: Vec::new(),
        edits: Vec::new(),
        diff: String::new(),
        fixed_scenario: None,
        verified: false,
        decision_after: None,
        deny_statements: Vec::new(),
        near_misses: Vec::new(),
        notes: Vec::new(),
    }
}

fn request_fix(text: &str, r: &RequestResult, eval: &dyn Fn(&str) -> Answer) -> RequestFix {
    match r.decision {
        Decision::Allow => empty_fix(r, FixKind::Allowed, "Allowed: nothing to fix.".to_string()),
        Decision::ExplicitDeny => {
            let denies: Vec<StatementRef> = r
                .layers
                .iter()
                .filter(|l| l.layer == LayerKind::ExplicitDeny)
                .flat_map(|l| l.statements.iter().cloned())
                .collect();
            let denies = if denies.is_empty() {
                r.matched_statements.clone()
            } else {
                denies
            };
            let mut fix = empty_fix(
                r,
                FixKind::ExplicitDeny,
                format!(
                    "Explicitly denied by {}: no Allow can override an explicit deny. Change that Deny statement (its Action, Resource or Condition) so it no longer matches, or switch it off to see what else decides.",
                    crate::answer::explain::describe(&denies)
                ),
            );
            fix.deny_statements = denies;
            fix
        }
        Decision::ImplicitDeny => {
            let mut fix = empty_fix(r, FixKind::AddStatements, String::new());
            match fix_until_allowed(text, r.index, eval, &mut fix) {
                Some(final_text) => {
                    let edit = minimal_edit(text, &final_text);
                    fix.diff = unified_diff(text, std::slice::from_ref(&edit), 3);
                    fix.edits = locate(text, &[edit]);
                    fix.fixed_scenario = Some(final_text);
                    fix.explanation = explain(&fix);
                }
                None => {
                    fix.kind = FixKind::NoFix;
                    if fix.explanation.is_empty() {
                        fix.explanation =
                            "No statement can be suggested for this request.".to_string();
                    }
                }
            }
            fix
        }
    }
}

/// Adds statements layer by layer until the request is allowed. Fills `fix.placements`,
/// `verified` and `decision_after`; returns the final text, or `None` when nothing could be
/// placed.
fn fix_until_allowed(
    text: &str,
    index: usize,
    eval: &dyn Fn(&str) -> Answer,
    fix: &mut RequestFix,
) -> Option<String> {
    let mut current = text.to_string();
    let mut tried: Vec<Target> = Vec::new();
    for _ in 0..8 {
        let answer = eval(&current);
        let Some(r) = answer.requests.get(index) else {
            break;
        };
        if answer.status == Status::Invalid {
            fix.notes
                .push("the scenario became invalid after adding a statement".to_string());
            break;
        }
        fix.decision_after = Some(r.decision);
        match r.decision {
            Decision::Allow => {
                fix.verified = true;
                break;
            }
            Decision::ExplicitDeny => break,
            Decision::ImplicitDeny => {}
        }
        let Some((target, layer)) = blocking(r) else {
            break;
        };
        if tried.contains(&target) {
            break;
        }
        tried.push(target);
        let built = match statement_for(r, layer, &current) {
            Ok(b) => b,
            Err(why) => {
                fix.explanation = why;
                break;
            }
        };
        let Some(placed) = place::place(&current, target, &built.statement, &built.policy_name)
        else {
            fix.notes.push(format!(
                "the statement for the {} could not be placed in the text; add it by hand",
                layer_label(layer)
            ));
            break;
        };
        let Some(next) = placed.edit.apply(&current) else {
            break;
        };
        fix.notes.extend(built.notes);
        fix.placements.push(Placement {
            layer,
            policy_kind: placed.kind,
            policy_index: placed.index,
            policy_position: placed.position,
            new_policy: placed.new_policy,
            sid: built.sid,
            statement: built.statement.pretty("  ", 0),
            why: built.why,
        });
        current = next;
    }
    (!fix.placements.is_empty()).then_some(current)
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
    }
}

/// The layer that blocks an implicitly denied request, and where its statement goes.
fn blocking(r: &RequestResult) -> Option<(Target, LayerKind)> {
    match r.decided_by {
        LayerKind::Identity => Some((Target::NewIdentity, LayerKind::Identity)),
        LayerKind::PermissionsBoundary => Some((
            Target::Single(PolicyKind::PermissionsBoundary),
            LayerKind::PermissionsBoundary,
        )),
        LayerKind::Session => Some((Target::Single(PolicyKind::Session), LayerKind::Session)),
        LayerKind::Resource => Some((Target::Single(PolicyKind::Resource), LayerKind::Resource)),
        LayerKind::Scp => r
            .layers
            .iter()
            .find(|l| l.layer == LayerKind::Scp && l.status == LayerStatus::ImplicitDeny)
            .and_then(|l| l.level)
            .map(|level| (Target::ScpLevel(level), LayerKind::Scp)),
        LayerKind::Rcp | LayerKind::ExplicitDeny => None,
    }
}

struct Built {
    statement: J,
    sid: String,
    policy_name: String,
    why: String,
    notes: Vec<String>,
}

/// `iam:PassRole` → `AllowIamPassRole`.
fn sid_for(action: &str, taken: &[String]) -> String {
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
fn supplied<'r>(r: &'r RequestResult, key: &str) -> Option<&'r [String]> {
    r.context
        .iter()
        .find(|c| c.source == "request" && c.key.eq_ignore_ascii_case(key))
        .map(|c| c.values.as_slice())
}

/// EC2 instance IDs are assigned at launch: a statement for the instance ARN names every
/// instance of the Region and account (`instance/*`), as the IAM User Guide's
/// `iam:AssociatedResourceArn` example does.
fn associated_pattern(arn: &str) -> String {
    match arn.split_once(":instance/") {
        Some((head, _)) if arn.starts_with("arn:") && head.contains(":ec2:") => {
            format!("{head}:instance/*")
        }
        _ => arn.to_string(),
    }
}

fn principal_element(r: &RequestResult) -> (J, Option<String>) {
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
            aws(p.role_arn.clone().unwrap_or_else(|| r.request.principal.clone())),
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
        PrincipalKind::Anonymous | PrincipalKind::Unknown => (
            J::str("*"),
            Some("the statement names every principal (`\"Principal\": \"*\"`): that makes the resource public; grant it to a known principal instead if you can".to_string()),
        ),
    }
}

/// The smallest statement that allows the request in `layer`.
fn statement_for(r: &RequestResult, layer: LayerKind, current: &str) -> Result<Built, String> {
    let action = r.request.action.clone();
    let resource = r.request.resource.clone();
    let pass_role = crate::answer::passrole::is_pass_role(&action);
    let mut notes = Vec::new();
    if pass_role && (resource == "*" || resource.is_empty()) {
        return Err("No statement is suggested: the request passes `*`, and iam:PassRole must name the role it allows (never `Resource: \"*\"`). Put the role's ARN in the request's resource.".to_string());
    }
    let trust_policy = layer == LayerKind::Resource
        && matches!(
            action.to_ascii_lowercase().as_str(),
            "sts:assumerole" | "sts:assumerolewithsaml" | "sts:assumerolewithwebidentity"
        )
        && resource.contains(":role/");

    // Sids already in the receiving policy (for a new policy: none).
    let taken: Vec<String> = sids_in(current, layer, r);
    let sid = sid_for(&action, &taken);
    let mut statement = J::obj([("Sid", J::str(sid.clone())), ("Effect", J::str("Allow"))]);
    if layer == LayerKind::Resource {
        let (principal, note) = principal_element(r);
        statement.push("Principal", principal);
        notes.extend(note);
    }
    statement.push("Action", J::str(action.clone()));
    if !trust_policy {
        statement.push("Resource", J::str(resource.clone()));
    }
    let mut why_extra = String::new();
    if pass_role {
        let mut condition = Vec::new();
        match supplied(r, "iam:PassedToService") {
            Some(services) if !services.is_empty() => {
                condition.push((
                    "StringEquals",
                    J::obj([("iam:PassedToService", J::one_or_many(services))]),
                ));
                why_extra.push_str(&format!(
                    " only when passed to {}",
                    services.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")
                ));
            }
            _ => notes.push("the request does not say which service the role is passed to: add `iam:PassedToService` to its context to get a statement limited to that service".to_string()),
        }
        if let Some(arns) = supplied(r, "iam:AssociatedResourceARN").filter(|v| !v.is_empty()) {
            let patterns: Vec<String> = arns.iter().map(|a| associated_pattern(a)).collect();
            why_extra.push_str(&format!(
                ", for {}",
                patterns
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
            condition.push((
                "ArnLike",
                J::obj([("iam:AssociatedResourceARN", J::one_or_many(&patterns))]),
            ));
        }
        if !condition.is_empty() {
            statement.push("Condition", J::obj(condition));
        }
    }
    let policy_name = format!("Allow {action} on {}", short(&resource));
    let why = match layer {
        LayerKind::Identity => format!(
            "no identity-based policy allows `{action}` on `{resource}`: a new identity-based policy allows it{why_extra}"
        ),
        LayerKind::PermissionsBoundary => format!(
            "the permissions boundary does not allow `{action}`: the effective permissions are the intersection of the identity-based policies and the boundary, so the boundary must allow it too{why_extra}"
        ),
        LayerKind::Session => format!(
            "the session policy does not allow `{action}`: a session gets the intersection of the role's policies and the session policy{why_extra}"
        ),
        LayerKind::Resource if trust_policy => format!(
            "a role trust policy must allow `{action}` even within the account: the trust policy names the principal"
        ),
        LayerKind::Resource => resource_why(r, &action, &why_extra),
        LayerKind::Scp => format!(
            "an SCP level allows nothing that matches: every level of the organization must allow `{action}`{why_extra}"
        ),
        _ => String::new(),
    };
    // A statement that covers the request but whose condition fails: the new one bypasses it.
    for s in r.statements.iter().filter(|s| {
        s.statement.effect == crate::model::Effect::Allow
            && s.action.matched
            && s.resource.matched
            && s.principal.as_ref().is_none_or(|p| p.matched)
            && !s.conditions_met
            && same_layer(s.statement.policy.kind, layer)
    }) {
        let keys: Vec<String> = s
            .conditions
            .iter()
            .filter(|c| !c.outcome)
            .map(|c| format!("`{}`", c.key))
            .collect();
        let (noun, verb) = if keys.len() == 1 {
            ("condition", "is")
        } else {
            ("conditions", "are")
        };
        notes.push(format!(
            "{} already covers this request but its {noun} on {} {verb} false: meeting {} (a change to the request) may be the better fix, since the new statement has no such condition",
            crate::answer::explain::describe_one(&s.statement),
            keys.join(" and "),
            if keys.len() == 1 { "it" } else { "them" }
        ));
    }
    Ok(Built {
        statement,
        sid,
        policy_name,
        why,
        notes,
    })
}

/// Why the resource-based policy must allow (IAM User Guide, "Policy evaluation logic" and
/// "Cross-account policy evaluation logic").
fn resource_why(r: &RequestResult, action: &str, extra: &str) -> String {
    let kind = r.request.principal_type.as_str();
    if r.request.cross_account {
        format!(
            "in a cross-account request the resource-based policy in account `{}` must allow the principal, besides its own account's policies{extra}",
            r.request.resource_account.as_deref().unwrap_or("?")
        )
    } else if action.to_ascii_lowercase().starts_with("kms:") {
        format!("a KMS key policy must allow access even within the account{extra}")
    } else if matches!(
        kind,
        "Service" | "WebIdentity" | "CanonicalUser" | "Anonymous" | "Unknown"
    ) {
        format!(
            "this principal has no identity-based policies, so only a resource-based policy can allow it{extra}"
        )
    } else {
        format!("the resource-based policy must allow the principal{extra}")
    }
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
    )
}

/// The Sids of the policy that will receive the statement.
fn sids_in(current: &str, layer: LayerKind, r: &RequestResult) -> Vec<String> {
    let kind = match layer {
        LayerKind::PermissionsBoundary => PolicyKind::PermissionsBoundary,
        LayerKind::Session => PolicyKind::Session,
        LayerKind::Resource => PolicyKind::Resource,
        LayerKind::Scp => PolicyKind::Scp,
        _ => return Vec::new(),
    };
    let level = r
        .layers
        .iter()
        .find(|l| l.layer == LayerKind::Scp && l.status == LayerStatus::ImplicitDeny)
        .and_then(|l| l.level);
    crate::parse::parse_scenario(current)
        .0
        .map(|m| {
            m.policies
                .iter()
                .filter(|p| p.kind == kind && (kind != PolicyKind::Scp || Some(p.index) == level))
                .flat_map(|p| {
                    p.statements
                        .iter()
                        .filter_map(|s| s.sid.as_ref().map(|x| x.value.clone()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn explain(fix: &RequestFix) -> String {
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
    let outcome = if fix.verified {
        "evaluated again, the request is allowed".to_string()
    } else {
        format!(
            "evaluated again, the request is still {}",
            fix.decision_after.map_or("denied", |d| d.as_str())
        )
    };
    format!(
        "Add statement{} {joined} ({}); {outcome}.",
        if fix.placements.len() == 1 { "" } else { "s" },
        fix.placements
            .first()
            .map(|p| p.why.as_str())
            .unwrap_or_default()
    )
}

/// The single edit that turns `old` into `new` (common prefix and suffix left out).
pub fn minimal_edit(old: &str, new: &str) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit {
        start: prefix,
        end: old.len() - suffix,
        text: new
            .get(prefix..new.len() - suffix)
            .unwrap_or_default()
            .to_string(),
    }
}

fn combined_fix(
    text: &str,
    answer: &Answer,
    needing: &[usize],
    eval: &dyn Fn(&str) -> Answer,
) -> Option<CombinedFix> {
    let mut current = text.to_string();
    for &i in needing {
        let now = eval(&current);
        let Some(r) = now.requests.get(i) else {
            continue;
        };
        if r.decision != Decision::ImplicitDeny {
            continue;
        }
        let mut scratch = empty_fix(r, FixKind::AddStatements, String::new());
        if let Some(next) = fix_until_allowed(&current, i, eval, &mut scratch) {
            current = next;
        }
    }
    if current == text {
        return None;
    }
    let after = eval(&current);
    let decisions_after: Vec<Decision> = after.requests.iter().map(|r| r.decision).collect();
    let verified = needing
        .iter()
        .all(|i| decisions_after.get(*i) == Some(&Decision::Allow));
    let _ = answer;
    let edit = minimal_edit(text, &current);
    Some(CombinedFix {
        diff: unified_diff(text, std::slice::from_ref(&edit), 3),
        edits: locate(text, &[edit]),
        fixed_scenario: current,
        verified,
        decisions_after,
    })
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
    fn minimal_edits_cover_only_the_change() {
        let e = minimal_edit("abcXYZdef", "abc12def");
        assert_eq!((e.start, e.end, e.text.as_str()), (3, 6, "12"));
        assert_eq!(e.apply("abcXYZdef").unwrap(), "abc12def");
        // Never splits a character.
        let e = minimal_edit("aéb", "aèb");
        assert_eq!(e.apply("aéb").unwrap(), "aèb");
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
