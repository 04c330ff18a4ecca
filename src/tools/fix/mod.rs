//! Fix suggestions: for each denied request, what to do about it, as data (a kind, codes and
//! the values they speak of) plus one sentence rendered from that data (`words.rs`).
//!
//! ```
//! let text = std::fs::read_to_string("tests/fixtures/fix/passrole-story-decoded.json").unwrap();
//! let report = iam_playground::tools::fix::suggest_fixes(&text);
//! let fix = &report.requests[0];
//! assert!(fix.verified);
//! assert!(fix.placements[0].statement.contains("\"iam:PassedToService\": \"ec2.amazonaws.com\""));
//! ```
//!
//! What each denied request gets, in this order:
//!
//! 1. **This denial protects you** (`protectsYou`, `protect.rs`): allowing the request would let
//!    the principal raise its own rights (IAM writes on itself, its groups or roles, policy
//!    versions, other users' credentials, `iam:PassRole` on `*`). Never a statement.
//! 2. **An explicit deny** (`explicitDeny`): no Allow can override it; the Deny statements that
//!    decided are listed.
//! 3. **The denial is the lesson** (`expectedDenial`): the scenario's `expect` says the request
//!    is denied (unless it says `"fixable": true`), so the denial is what the scenario teaches.
//! 4. **A correction** (`correctAction`): the action is not in the AWS catalog and one close to
//!    it is (`iam:PasRole` → `iam:PassRole`): the request is corrected first, then statements
//!    are added if it still needs them.
//! 5. **Statements to add** (`addStatements`): the smallest statement that would allow it, put
//!    into the policy where it belongs, as a text edit on the scenario (so the user's
//!    formatting is kept), checked by evaluating again.
//!
//! Where a statement goes follows the layer that blocked (`decidedBy` and the layers of the
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
//! `iam:PassedToService` (and `iam:AssociatedResourceARN`) from the request, each explained in
//! one line, as the IAM User Guide's "Grant a user permissions to pass a role to an AWS
//! service" advises. Near misses are ranked beside every implicit deny.

mod near;
mod place;
pub mod protect;
mod statement;
pub mod words;

use serde::Serialize;

pub use near::{Difference, NearMiss};
pub use protect::{Protection, ProtectionCode};

use crate::answer::result::{Answer, LayerKind, LayerStatus, RequestResult, StatementRef, Status};
use crate::i18n::{Lang, Msg};
use crate::model::{Decision, Expectation, PolicyKind, Scenario};
use crate::tools::text_edit::{locate, unified_diff, LocatedEdit, TextEdit};
use crate::AwsData;
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
    /// One line for people, rendered from the data below by [`words::explanation`].
    pub explanation: String,
    /// The same line as a catalog message, for [`FixReport::localize`].
    #[serde(skip)]
    pub explanation_msg: Option<Msg>,
    /// `protectsYou`: what allowing the request would let the principal do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protection: Option<Protection>,
    /// What the scenario's `expect` says of this request, when it expects a denial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expected>,
    /// `correctAction`: the request's action and what it was probably meant to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// `noFix`: why nothing is suggested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_fix: Option<NoFixReason>,
    /// The statements to add and where.
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
    pub notes: Vec<FixNote>,
}

/// The kinds of suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FixKind {
    /// The request is allowed: nothing to fix.
    Allowed,
    /// Add the statements in `placements`.
    AddStatements,
    /// Correct the request's action (`correction`), and add `placements` if any.
    CorrectAction,
    /// An explicit deny decides: no Allow can override it.
    ExplicitDeny,
    /// Allowing the request would let the principal raise its own rights (`protection`).
    ProtectsYou,
    /// The scenario expects this denial: it is the lesson (`expected`).
    ExpectedDenial,
    /// No statement can be suggested (`noFix`).
    NoFix,
}

/// What the scenario's `expect` says of a denied request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expected {
    /// The decision `expect` names.
    pub decision: Decision,
    /// Why, in the author's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
    /// True when the author marked the denial as a problem to fix (`"fixable": true`).
    pub fixable: bool,
}

/// A request action that is not an AWS action, and the one it was probably meant to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    /// The action as written.
    pub from: String,
    /// The closest action of the catalog.
    pub to: String,
}

/// Why no statement is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoFixReason {
    /// No layer that a statement could change blocked the request.
    NoLayerToChange,
    /// A resource control policy blocked it.
    ResourceControlPolicy,
}

/// A remark beside a fix: a code with its data, and its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixNote {
    /// The code and its data.
    #[serde(flatten)]
    pub note: Note,
    /// The sentence ([`words::note`]).
    pub message: String,
    /// The sentence as a catalog message.
    #[serde(skip)]
    pub msg: Msg,
}

impl From<Note> for FixNote {
    fn from(note: Note) -> FixNote {
        let msg = words::note(&note);
        FixNote {
            message: msg.render(Lang::En),
            msg,
            note,
        }
    }
}

/// The remarks a fix may carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "code",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Note {
    /// `statement` covers the request but its conditions on `keys` are false: the new
    /// statement bypasses them.
    BypassesCondition {
        /// The statement.
        statement: StatementRef,
        /// The keys of its failed conditions.
        keys: Vec<String>,
    },
    /// A PassRole request without `iam:PassedToService`.
    NoPassedToService,
    /// A PassRole fix: the role's own permissions go to the service.
    RolePower {
        /// The role's ARN.
        role: String,
    },
    /// The statement names `"Principal": "*"`.
    PublicGrant,
    /// The scenario became invalid after adding a statement.
    BecameInvalid,
    /// The statement for `layer` could not be placed in the text.
    CannotPlace {
        /// The layer.
        layer: LayerKind,
    },
    /// The scenario expects this denial (`"fixable": true`): the fix changes the answer.
    ChangesExpectation {
        /// The decision `expect` names.
        expected: Decision,
    },
    /// The request's action is not in the catalog, and nothing close is.
    UnknownAction {
        /// The action.
        action: String,
    },
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
    /// Why it goes there (a code)...
    pub reason: PlacementReason,
    /// ... and in words ([`words::placement_why`]).
    pub why: String,
    /// The same as a catalog message.
    #[serde(skip)]
    pub why_msg: Option<Msg>,
    /// Its conditions, each explained in one line.
    pub conditions: Vec<ConditionLine>,
}

/// Why the statement goes where it goes (IAM User Guide, "Policy evaluation logic" and
/// "Cross-account policy evaluation logic").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlacementReason {
    /// No identity-based policy allows the request.
    IdentityPolicies,
    /// The permissions boundary does not allow it (the intersection).
    PermissionsBoundary,
    /// The session policy does not allow it (the intersection).
    SessionPolicy,
    /// A role's trust policy must allow `sts:AssumeRole*`, even within the account.
    TrustPolicy,
    /// A cross-account request needs the resource-based policy of the resource's account.
    CrossAccount,
    /// A KMS key policy must allow access, even within the account.
    KmsKeyPolicy,
    /// The principal has no identity-based policies (a service, a web identity, anyone).
    NoIdentityPolicies,
    /// The resource-based policy must allow the principal.
    ResourcePolicy,
    /// Every SCP level of the organization must allow.
    ScpLevel,
    /// The request passes through a VPC endpoint, whose endpoint policy must allow it too.
    VpcEndpoint,
}

/// One condition of a suggested statement, explained in one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionLine {
    /// The operator (`StringEquals`, `ArnLike`).
    pub operator: String,
    /// The condition key.
    pub key: String,
    /// The values the statement allows.
    pub values: Vec<String>,
    /// What it means, in one sentence.
    pub message: String,
    /// The same as a catalog message.
    #[serde(skip)]
    pub message_msg: Option<Msg>,
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

impl FixReport {
    /// Renders every sentence of the report in `lang`: each request's explanation, notes,
    /// placement reasons, condition lines and near misses. English is left as produced.
    pub fn localize(&mut self, lang: Lang) {
        if lang == Lang::En {
            return;
        }
        for fix in &mut self.requests {
            fix.localize(lang);
        }
    }
}

impl RequestFix {
    /// Renders this request's sentences in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        if let Some(m) = &self.explanation_msg {
            self.explanation = m.render(lang);
        }
        for n in &mut self.notes {
            n.message = n.msg.render(lang);
        }
        for p in &mut self.placements {
            if let Some(m) = &p.why_msg {
                p.why = m.render(lang);
            }
            for c in &mut p.conditions {
                if let Some(m) = &c.message_msg {
                    c.message = m.render(lang);
                }
            }
        }
        for n in &mut self.near_misses {
            n.localize(lang);
        }
    }
}

/// What every step needs: the AWS data to evaluate with.
#[derive(Clone, Copy)]
struct Ctx<'d> {
    data: AwsData<'d>,
}

impl Ctx<'_> {
    fn eval(&self, text: &str) -> Answer {
        crate::evaluate_with(text, self.data)
    }

    fn model(&self, text: &str) -> Option<Scenario> {
        crate::parse::parse_scenario_with(text, self.data.managed).0
    }
}

/// Suggests fixes for a scenario, with no AWS data (`{"managed": ...}` makes the scenario
/// invalid; no action correction).
pub fn suggest_fixes(text: &str) -> FixReport {
    suggest_fixes_with(text, AwsData::default())
}

/// Suggests fixes with the AWS data a host has: the managed policies resolve
/// `{"managed": "Name"}` (in every evaluation the fixer makes), the catalog corrects actions
/// that AWS does not have.
pub fn suggest_fixes_with(text: &str, data: AwsData) -> FixReport {
    let ctx = Ctx { data };
    let answer = ctx.eval(text);
    if answer.status == Status::Invalid {
        return FixReport {
            status: Status::Invalid,
            requests: Vec::new(),
            combined: None,
        };
    }
    let model = ctx.model(text);
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
            .map(|st| {
                st.action
                    .patterns
                    .iter()
                    .map(|p| p.value.as_str().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut requests = Vec::new();
    for r in &answer.requests {
        let mut fix = request_fix(ctx, text, model.as_ref(), r);
        fix.near_misses = if r.decision == Decision::ImplicitDeny {
            near::near_misses(r, &patterns)
        } else {
            Vec::new()
        };
        let msg = words::explanation(&fix);
        fix.explanation = msg.render(Lang::En);
        fix.explanation_msg = Some(msg);
        requests.push(fix);
    }
    let needing: Vec<usize> = requests
        .iter()
        .filter(|f| matches!(f.kind, FixKind::AddStatements | FixKind::CorrectAction))
        .map(|f| f.index)
        .collect();
    let combined = (needing.len() > 1).then(|| combined_fix(ctx, text, &needing));
    FixReport {
        status: Status::Evaluated,
        requests,
        combined: combined.flatten(),
    }
}

fn empty_fix(r: &RequestResult, kind: FixKind) -> RequestFix {
    RequestFix {
        index: r.index,
        action: r.request.action.clone(),
        resource: r.request.resource.clone(),
        decision: r.decision,
        kind,
        explanation: String::new(),
        explanation_msg: None,
        protection: None,
        expected: None,
        correction: None,
        no_fix: None,
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

/// What the scenario's `expect` says of request `index`, when it expects a denial: a
/// per-request expectation, or the scenario's own for a scenario of one request.
fn expected_denial(model: Option<&Scenario>, index: usize) -> Option<Expected> {
    let model = model?;
    let top: &Expectation = model.expect.as_ref()?;
    let e = match &top.requests {
        Some(list) => list.get(index)?,
        None if model.requests.len() == 1 => top,
        None => return None,
    };
    let decision = e.decision.filter(|d| *d != Decision::Allow)?;
    Some(Expected {
        decision,
        because: e.because.clone().or_else(|| {
            // A single request's reason may be written once, at the top.
            (model.requests.len() == 1)
                .then(|| top.because.clone())
                .flatten()
        }),
        fixable: e.fixable || (model.requests.len() == 1 && top.fixable),
    })
}

/// The Deny statements that decided an explicit deny.
fn deny_statements(r: &RequestResult) -> Vec<StatementRef> {
    let denies: Vec<StatementRef> = r
        .layers
        .iter()
        .filter(|l| l.layer == LayerKind::ExplicitDeny)
        .flat_map(|l| l.statements.iter().cloned())
        .collect();
    if denies.is_empty() {
        r.matched_statements.clone()
    } else {
        denies
    }
}

fn request_fix(ctx: Ctx, text: &str, model: Option<&Scenario>, r: &RequestResult) -> RequestFix {
    if r.decision == Decision::Allow {
        return empty_fix(r, FixKind::Allowed);
    }
    let expected = expected_denial(model, r.index);
    let correction = ctx.data.catalog.and_then(|c| {
        c.correct_action(&r.request.action).map(|to| Correction {
            from: r.request.action.clone(),
            to,
        })
    });
    let action = correction
        .as_ref()
        .map_or(r.request.action.as_str(), |c| c.to.as_str());
    if let Some(p) = protect::protection(&r.request.principal, action, &r.request.resource) {
        let mut fix = empty_fix(r, FixKind::ProtectsYou);
        fix.protection = Some(p);
        fix.expected = expected;
        fix.correction = correction;
        if r.decision == Decision::ExplicitDeny {
            fix.deny_statements = deny_statements(r);
        }
        return fix;
    }
    if r.decision == Decision::ExplicitDeny {
        let mut fix = empty_fix(r, FixKind::ExplicitDeny);
        fix.deny_statements = deny_statements(r);
        fix.expected = expected;
        return fix;
    }
    if let Some(e) = expected.as_ref().filter(|e| !e.fixable) {
        let mut fix = empty_fix(r, FixKind::ExpectedDenial);
        fix.expected = Some(e.clone());
        return fix;
    }
    let mut fix = empty_fix(r, FixKind::AddStatements);
    if let Some(e) = &expected {
        fix.notes.push(
            Note::ChangesExpectation {
                expected: e.decision,
            }
            .into(),
        );
        fix.expected = expected.clone();
    }
    // A correction of the request's action comes first.
    let start = corrected(ctx, text, model, r, correction, &mut fix);
    let final_text = fix_until_allowed(ctx, &start, r.index, &mut fix);
    let changed = final_text.or_else(|| (start != text).then_some(start));
    finish(text, changed, r, &mut fix);
    fix
}

/// The scenario text with the request's action corrected (`correction`, when the catalog
/// knows the action it meant); or a note that the catalog does not know the action.
fn corrected(
    ctx: Ctx,
    text: &str,
    model: Option<&Scenario>,
    r: &RequestResult,
    correction: Option<Correction>,
    fix: &mut RequestFix,
) -> String {
    let mut start = text.to_string();
    if let Some(c) = &correction {
        let span = model
            .and_then(|m| m.requests.get(r.index))
            .map(|q| q.action.span);
        let corrected = span.and_then(|s| {
            TextEdit {
                start: s.start,
                end: s.end,
                text: crate::tools::ordered_json::quote(&c.to),
            }
            .apply(text)
        });
        if let Some(corrected) = corrected {
            start = corrected;
            fix.kind = FixKind::CorrectAction;
            fix.correction = Some(c.clone());
        }
    } else if ctx.data.catalog.is_some_and(|c| {
        !r.request.action.contains(['*', '?']) && c.action(&r.request.action).is_none()
    }) {
        fix.notes.push(
            Note::UnknownAction {
                action: r.request.action.clone(),
            }
            .into(),
        );
    }
    start
}

/// The fix's edit, diff and fixed scenario from the `changed` text; or why there is none.
fn finish(text: &str, changed: Option<String>, r: &RequestResult, fix: &mut RequestFix) {
    match changed {
        Some(final_text) => {
            let edit = minimal_edit(text, &final_text);
            fix.diff = unified_diff(text, std::slice::from_ref(&edit), 3);
            fix.edits = locate(text, &[edit]);
            fix.fixed_scenario = Some(final_text);
        }
        None => {
            fix.kind = FixKind::NoFix;
            fix.no_fix = Some(if r.decided_by == LayerKind::Rcp {
                NoFixReason::ResourceControlPolicy
            } else {
                NoFixReason::NoLayerToChange
            });
        }
    }
}

/// Evaluates `current` and, while request `index` is implicitly denied, adds a statement for
/// the layer that blocks it. Fills `fix.placements`, `verified` and `decision_after`; returns
/// the final text, or `None` when nothing was placed.
fn fix_until_allowed(ctx: Ctx, text: &str, index: usize, fix: &mut RequestFix) -> Option<String> {
    let mut current = text.to_string();
    let mut tried: Vec<Target> = Vec::new();
    let mut placed_any = false;
    for _ in 0..8 {
        let answer = ctx.eval(&current);
        if answer.status == Status::Invalid {
            fix.notes.push(Note::BecameInvalid.into());
            break;
        }
        let Some(r) = answer.requests.get(index) else {
            break;
        };
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
        let Some(built) = statement::statement_for(r, layer, ctx.model(&current).as_ref()) else {
            break;
        };
        let Some(placed) = place::place(&current, target, &built.statement, &built.policy_name)
        else {
            fix.notes.push(Note::CannotPlace { layer }.into());
            break;
        };
        let Some(next) = placed.edit.apply(&current) else {
            break;
        };
        for n in built.notes {
            let n = FixNote::from(n);
            if !fix.notes.contains(&n) {
                fix.notes.push(n);
            }
        }
        fix.placements.push(Placement {
            layer,
            policy_kind: placed.kind,
            policy_index: placed.index,
            policy_position: placed.position,
            new_policy: placed.new_policy,
            sid: built.sid,
            statement: built.statement.pretty("  ", 0),
            reason: built.reason,
            why: built.why.render(Lang::En),
            why_msg: Some(built.why),
            conditions: built.conditions,
        });
        placed_any = true;
        current = next;
    }
    placed_any.then_some(current)
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
        LayerKind::VpcEndpoint => Some((
            Target::Single(PolicyKind::VpcEndpoint),
            LayerKind::VpcEndpoint,
        )),
        LayerKind::Rcp | LayerKind::ExplicitDeny | LayerKind::PermissionNotRequired => None,
    }
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

/// Every fix of `needing` applied in turn (each request's correction and statements, found
/// again on the text the earlier ones changed).
fn combined_fix(ctx: Ctx, text: &str, needing: &[usize]) -> Option<CombinedFix> {
    let mut current = text.to_string();
    for &i in needing {
        let now = ctx.eval(&current);
        let Some(r) = now.requests.get(i) else {
            continue;
        };
        if r.decision != Decision::ImplicitDeny {
            continue;
        }
        let model = ctx.model(&current);
        if let Some(next) = request_fix(ctx, &current, model.as_ref(), r).fixed_scenario {
            current = next;
        }
    }
    if current == text {
        return None;
    }
    let after = ctx.eval(&current);
    let decisions_after: Vec<Decision> = after.requests.iter().map(|r| r.decision).collect();
    let verified = needing
        .iter()
        .all(|i| decisions_after.get(*i) == Some(&Decision::Allow));
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
    fn minimal_edits_cover_only_the_change() {
        let e = minimal_edit("abcXYZdef", "abc12def");
        assert_eq!((e.start, e.end, e.text.as_str()), (3, 6, "12"));
        assert_eq!(e.apply("abcXYZdef").unwrap(), "abc12def");
        // Never splits a character.
        let e = minimal_edit("aéb", "aèb");
        assert_eq!(e.apply("aéb").unwrap(), "aèb");
    }
}
