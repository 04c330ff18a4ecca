//! The answer: what the engine returns for a scenario, as plain serializable data.
//!
//! The same value is printed by `iam-playground eval --format json` and returned by the
//! WebAssembly `evaluate` function. Field names are camelCase.

use serde::Serialize;

use crate::diagnostic::{Location, Severity};
use crate::i18n::Msg;
use crate::model::{Decision, Effect, PolicyKind};

/// The engine's answer for one scenario.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The engine's version (the crate version).
    pub engine_version: &'static str,
    /// `evaluated`, or `invalid` when errors prevented a decision.
    pub status: Status,
    /// The scenario's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The combined decision: Allow only if every request is allowed; ExplicitDeny if any
    /// request is explicitly denied; otherwise ImplicitDeny. Absent when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// One result per request, in order.
    pub requests: Vec<RequestResult>,
    /// Errors (when invalid) and warnings, sorted by position.
    pub diagnostics: Vec<DiagnosticOut>,
    /// Every policy of the scenario, with its place.
    pub policies: Vec<PolicyInfo>,
}

/// The engine's brief answer (`decide`): the decision and the statements that decided, with
/// no explanation. It is what an embed that shows only the verdict, a batch check or a test
/// needs, at a fraction of [`Answer`]'s cost. Its fields mean what [`Answer`]'s fields of the
/// same names mean, and hold the same values.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Brief {
    /// The engine's version (the crate version).
    pub engine_version: &'static str,
    /// `evaluated`, or `invalid` when errors prevented a decision.
    pub status: Status,
    /// The scenario's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The combined decision (absent when invalid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// One result per request, in order.
    pub requests: Vec<BriefRequest>,
    /// Errors (when invalid) and warnings, sorted by position.
    pub diagnostics: Vec<DiagnosticOut>,
}

/// The brief result for one request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BriefRequest {
    /// Index in the scenario's requests.
    pub index: usize,
    /// The decision.
    pub decision: Decision,
    /// The layer that decided.
    pub decided_by: LayerKind,
    /// The statements that decided (as [`RequestResult::matched_statements`]).
    pub matched_statements: Vec<StatementRef>,
}

/// Whether the scenario could be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Decided.
    Evaluated,
    /// Errors in the input; nothing was decided.
    Invalid,
}

/// A diagnostic ready to show.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticOut {
    /// How serious.
    pub severity: Severity,
    /// Stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where, in the scenario text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The JSON pointer of the value at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The text pointed at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The text that `location` should become (the correction `help` suggests): what a
    /// one-click replace writes in place of `snippet`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// `message` and `help` as catalog messages (for other languages; see
    /// `DiagnosticOut::localize` in `answer`).
    #[serde(skip)]
    pub msgs: Option<Box<crate::diagnostic::Msgs>>,
}

/// Which policy: kind, index and (SCP/RCP) position within the level.
///
/// Serialized by hand (`answer::fields`), as [`StatementRef`], [`PolicyInfo`] and
/// [`StatementExplanation`] are: `position` and `name` only when present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRef {
    /// The kind.
    pub kind: PolicyKind,
    /// Identity: index in the list; SCP/RCP: level index; others 0.
    pub index: usize,
    /// SCP/RCP: index within the level.
    pub position: Option<usize>,
    /// The name given in the scenario.
    pub name: Option<String>,
}

/// A policy of the scenario and where it is written.
///
/// Serialized by hand (`answer::fields`): `policy`'s fields first, as members of this object,
/// then `label`, `levelName` (when present), `location`, `documentLocation`, `statementCount`
/// and `disabled` (only when true); `label_msg` is not serialized.
#[derive(Debug, Clone)]
pub struct PolicyInfo {
    /// Which policy.
    pub policy: PolicyRef,
    /// A label for people ("identity-based policy 1: AmazonEC2FullAccess").
    pub label: String,
    /// `label` in no language yet.
    pub label_msg: Option<Msg>,
    /// The SCP/RCP level's name.
    pub level_name: Option<String>,
    /// The policy entry's place.
    pub location: Location,
    /// The document's place.
    pub document_location: Location,
    /// Its number of statements.
    pub statement_count: usize,
    /// True when `whatIf.disabled` switches the whole policy off.
    pub disabled: bool,
}

/// A statement that decided, or one being explained.
///
/// Serialized by hand (`answer::fields`): `policy`, `statementIndex`, `sid` (when present),
/// `effect`, `location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    /// The policy it is in.
    pub policy: PolicyRef,
    /// Its index in the policy's `Statement` list.
    pub statement_index: usize,
    /// Its `Sid`.
    pub sid: Option<String>,
    /// Its `Effect`.
    pub effect: Effect,
    /// Its place in the scenario text.
    pub location: Location,
}

/// The result for one request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestResult {
    /// Index in the scenario's requests.
    pub index: usize,
    /// The request as understood.
    pub request: RequestInfo,
    /// The decision.
    pub decision: Decision,
    /// The layer that decided (`explicitDeny`, `scp`, `rcp`, `resource`, `identity`,
    /// `permissionsBoundary`, `session`).
    pub decided_by: LayerKind,
    /// One sentence saying why.
    pub summary: String,
    /// `summary` in no language yet (`Answer::localize` renders it in another).
    #[serde(skip)]
    pub summary_msg: Option<Msg>,
    /// Every layer in AWS's order, with its outcome.
    pub layers: Vec<LayerResult>,
    /// The statements that decided: the Deny statements that applied (ExplicitDeny), or the
    /// Allow statements that applied in the layers that granted access (Allow).
    pub matched_statements: Vec<StatementRef>,
    /// An explanation of every statement of every policy that was considered.
    pub statements: Vec<StatementExplanation>,
    /// The request context: supplied and derived keys.
    pub context: Vec<ContextKeyInfo>,
    /// Keys that conditions refer to but the request does not supply.
    pub missing_context_keys: Vec<MissingKey>,
    /// The answer in the shape of `aws sts decode-authorization-message` output.
    pub authorization_message: AuthorizationMessage,
    /// Statements switched off by `whatIf.disabled` (alone or with their policy), explained as
    /// if they were on (`applies` says whether they would apply); they took no part in the
    /// decision.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disabled_statements: Vec<StatementExplanation>,
    /// For `iam:PassRole` requests: why AWS checks passing a role at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_role_note: Option<PassRoleNote>,
}

/// "Why PassRole exists", attached to every `iam:PassRole` result.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassRoleNote {
    /// One sentence.
    pub summary: String,
    /// A short paragraph.
    pub explanation: String,
    /// The AWS page that explains it (in the reader's language).
    pub learn_more: String,
}

/// The request, as the engine understood it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestInfo {
    /// The principal as given.
    pub principal: String,
    /// What kind of principal it is (`User`, `AssumedRole`, `Role`, `FederatedUser`, `Account`,
    /// `Service`, `WebIdentity`, `CanonicalUser`, `Anonymous`, `Unknown`).
    pub principal_type: &'static str,
    /// The principal's account, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_account: Option<String>,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The resource's account (from the ARN or `resourceAccount`, else the principal's), as
    /// the decision reads it. A resource AWS owns (`aws` in its ARN) is read on the
    /// principal's side, so this is the principal's account; its `aws:ResourceAccount` is `aws`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    /// True when principal and resource are in different accounts.
    pub cross_account: bool,
    /// The request's place.
    pub location: Location,
}

/// The layers of the decision, in AWS's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LayerKind {
    /// A call AWS allows without any permission (`sts:GetCallerIdentity`): present only for
    /// such a call, and then it decides before any policy (docs/aws-rules.md §13.5).
    PermissionNotRequired,
    /// Explicit deny in any policy.
    ExplicitDeny,
    /// Resource control policies (resource's account).
    Rcp,
    /// Service control policies (principal's account).
    Scp,
    /// The endpoint policy of the VPC endpoint the request passes through (format 1.1): it
    /// grants nothing, and must allow.
    VpcEndpoint,
    /// The resource-based policy.
    Resource,
    /// Identity-based policies.
    Identity,
    /// The permissions boundary.
    PermissionsBoundary,
    /// The session policy.
    Session,
}

/// The outcome of one layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LayerStatus {
    /// The layer allows the request.
    Allow,
    /// A Deny statement in this layer applies.
    ExplicitDeny,
    /// Nothing in the layer allows it.
    ImplicitDeny,
    /// The layer is absent or does not apply to this request.
    NotApplicable,
}

/// One layer's outcome and why.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerResult {
    /// Which layer.
    pub layer: LayerKind,
    /// SCP/RCP level index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// SCP/RCP level name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_name: Option<String>,
    /// Which account's side of a cross-account request it belongs to (`principal`,
    /// `resource`), or `both` for the rows that are not one account's (the explicit-deny row,
    /// the VPC endpoint the request passes through, a call that needs no permission).
    pub side: &'static str,
    /// Its outcome.
    pub status: LayerStatus,
    /// Whether this layer's outcome was needed for the final decision.
    pub required: bool,
    /// Why, in a sentence.
    pub reason: String,
    /// `reason` in no language yet.
    #[serde(skip)]
    pub reason_msg: Option<Msg>,
    /// The statements of this layer that applied (Allow or Deny).
    pub statements: Vec<StatementRef>,
}

/// Whether a statement applies and why.
///
/// Serialized by hand (`answer::fields`): `statement`'s fields first, as members of this
/// object, then `applies`, `action`, `resource`, `principal` (when present), `conditions`,
/// `conditionsMet`.
#[derive(Debug, Clone)]
pub struct StatementExplanation {
    /// Which statement.
    pub statement: StatementRef,
    /// True when action, resource, principal and all conditions matched.
    pub applies: bool,
    /// The action check.
    pub action: ElementMatch,
    /// The resource check (absent element: matches the resource the policy is attached to).
    pub resource: ElementMatch,
    /// The principal check (only in resource-based policies and RCPs).
    pub principal: Option<ElementMatch>,
    /// Each condition, per operator and key.
    pub conditions: Vec<ConditionResult>,
    /// True when every condition held (also true with no conditions).
    pub conditions_met: bool,
}

/// How one of Action, Resource, Principal matched.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementMatch {
    /// The element name as written (`Action`, `NotAction`, ...), or `(none)` when absent.
    pub element: &'static str,
    /// Whether the statement's element covers the request.
    pub matched: bool,
    /// The pattern that matched (for `Not` elements: that excluded the request).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_value: Option<String>,
    /// A sentence for people.
    pub detail: String,
    /// `detail` in no language yet (`Answer::localize` renders it in another).
    #[serde(skip)]
    pub detail_msg: Option<Msg>,
    /// The place of the element (or of the matching value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// One operator/key pair of a condition and its outcome.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionResult {
    /// The operator as written.
    pub operator: String,
    /// The key as written.
    pub key: String,
    /// Whether the key is in the request context.
    pub key_present: bool,
    /// The request's values for the key (absent when missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_values: Option<Vec<String>>,
    /// Whether the key was supplied by the user or derived by the engine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_source: Option<&'static str>,
    /// Each policy value and how it compared.
    pub values: Vec<ValueComparison>,
    /// The outcome of this operator/key pair.
    pub outcome: bool,
    /// Why, in a sentence (missing key, IfExists, set operator, ...).
    pub reason: String,
    /// `reason` in no language yet.
    #[serde(skip)]
    pub reason_msg: Option<Msg>,
    /// The place of the key in the policy.
    pub location: Location,
}

/// One policy value of a condition.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueComparison {
    /// As written.
    pub value: String,
    /// After policy-variable substitution (absent when no variable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// The variables it used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<VariableUse>,
    /// Whether any request value matched it (for the positive form of the operator).
    pub matched: bool,
    /// A note, e.g. why a request value could not be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `note` in no language yet.
    #[serde(skip)]
    pub note_msg: Option<Msg>,
    /// Its place.
    pub location: Location,
}

/// One policy variable as substituted.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariableUse {
    /// As written (`${aws:username}`).
    pub text: String,
    /// The key it refers to.
    pub key: String,
    /// The value substituted (absent when the key had no value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// True when the default was used.
    pub used_default: bool,
}

/// A key of the request context.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextKeyInfo {
    /// The key.
    pub key: String,
    /// Its values (one for single-valued keys).
    pub values: Vec<String>,
    /// True for a multivalued key.
    pub multivalued: bool,
    /// `request` (the user supplied it) or `derived`.
    pub source: &'static str,
    /// For derived keys: what it was derived from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<String>,
    /// `derived_from` in no language yet.
    #[serde(skip)]
    pub derived_from_msg: Option<Msg>,
}

/// A key that conditions refer to but the request does not supply.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingKey {
    /// The key as first written in a policy.
    pub key: String,
    /// The statements that refer to it.
    pub referenced_by: Vec<StatementRef>,
    /// True when a statement that refers to it otherwise applies (action, resource and
    /// principal match), so supplying the key could change that statement and the decision.
    pub could_change_decision: bool,
}

// --- The decoded authorization message (`aws sts decode-authorization-message`), filled in
// by `answer::authorization_message`.

/// `{"items": [...]}`, as the decoded message wraps every list.
#[derive(Debug, Clone, Serialize)]
pub struct Items<T> {
    /// The list.
    pub items: Vec<T>,
}

/// `{"value": "..."}`.
#[derive(Debug, Clone, Serialize)]
pub struct Value {
    /// The value.
    pub value: String,
}

/// A decoded authorization message.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationMessage {
    /// True when the request is allowed.
    pub allowed: bool,
    /// True when a Deny statement decided.
    pub explicit_deny: bool,
    /// The statements that decided.
    pub matched_statements: Items<MatchedStatement>,
    /// Always empty here (AWS lists internal failures).
    pub failures: Items<Value>,
    /// The request context.
    pub context: MessageContext,
}

/// A statement in `matchedStatements`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedStatement {
    /// The Sid (empty when none).
    pub statement_id: String,
    /// `ALLOW` or `DENY`.
    pub effect: &'static str,
    /// The statement's principals.
    pub principals: Items<Value>,
    /// Always empty here.
    pub principal_groups: Items<Value>,
    /// The statement's actions.
    pub actions: Items<Value>,
    /// The statement's resources.
    pub resources: Items<Value>,
    /// The statement's conditions, as `Operator:key` with values.
    pub conditions: Items<KeyValues>,
}

/// A key with its values.
#[derive(Debug, Clone, Serialize)]
pub struct KeyValues {
    /// The key.
    pub key: String,
    /// Its values.
    pub values: Items<Value>,
}

/// `context` of the message.
#[derive(Debug, Clone, Serialize)]
pub struct MessageContext {
    /// The principal.
    pub principal: MessagePrincipal,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The context keys and values.
    pub conditions: Items<KeyValues>,
}

/// `context.principal`.
#[derive(Debug, Clone, Serialize)]
pub struct MessagePrincipal {
    /// `aws:userid`, when the user supplied it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The user or role name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The principal's ARN.
    pub arn: String,
}
