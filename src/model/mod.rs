//! The parsed model: a scenario, its policies and statements, and the requests to decide.
//!
//! Everything a user may want highlighted carries the [`Span`] of its text in the scenario
//! source. Parsing (`crate::parse`) builds these values; matching, conditions and the layered
//! decision only read them.

use crate::diagnostic::Span;

pub mod operator;

/// A statement's text (a Sid, a pattern, a condition key or value). Natively it is kept in
/// place when short (up to 24 bytes: most action names, keys and values), on the heap
/// otherwise: a scenario's statements are mostly such strings, and allocating each was a tenth
/// of a decision over 10 x 50 statements (measured: decide 0.87x the time). In the WebAssembly
/// modules it is a `String`: their allocator is cheap enough that inline strings gained
/// nothing there, and cost 3.2 KB (gzip) of the deciding module.
#[cfg(not(target_arch = "wasm32"))]
pub type Str = compact_str::CompactString;
/// A statement's text (a Sid, a pattern, a condition key or value); natively a string kept in
/// place when short.
#[cfg(target_arch = "wasm32")]
pub type Str = String;

/// A value together with the place in the scenario text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` with its `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One playground state: the policies in force and the requests to decide.
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    /// The scenario's `name`, if any.
    pub name: Option<String>,
    /// Every policy, in source order within each kind.
    pub policies: Vec<Policy>,
    /// Names of the SCP levels (index = level), `None` where a level is a bare policy.
    pub scp_levels: Vec<Level>,
    /// Names of the RCP levels (index = level).
    pub rcp_levels: Vec<Level>,
    /// The requests, in order (`request` gives one, `requests` several).
    pub requests: Vec<Request>,
    /// True when the scenario used `requests` (a list) rather than `request`.
    pub request_list: bool,
    /// The expected result, for tests.
    pub expect: Option<Expectation>,
    /// What-if switches (`whatIf.disabled`): policies and statements switched off without
    /// being deleted (a project extension, see docs/scenario-extensions.md).
    pub disabled: Vec<Disabled>,
}

/// A policy, or one statement of it, switched off by `whatIf.disabled`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disabled {
    /// The policy's kind.
    pub kind: PolicyKind,
    /// Identity: index in the list; SCP/RCP: level index; others 0.
    pub index: usize,
    /// SCP/RCP: the policy's index within its level (0 when not given).
    pub position: Option<usize>,
    /// The statement's index in the policy's `Statement` list; `None` switches off the whole
    /// policy.
    pub statement: Option<usize>,
    /// Where the switch is written.
    pub span: Span,
}

/// One level of an organization (root, an OU, the account) for SCPs or RCPs.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// The level's name, as written (`{"name": "ou-prod", "policies": [...]}`).
    pub name: Option<String>,
    /// Where the level is written.
    pub span: Span,
}

/// What a test expects of a scenario.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The expected combined decision.
    pub decision: Option<Decision>,
    /// The Sids of the statements expected to decide (order does not matter).
    pub matched: Option<Vec<String>>,
    /// Per-request expectations (same length as the requests when given).
    pub requests: Option<Vec<Expectation>>,
    /// Why this decision is expected, in the author's words (`because`). With a denial, it
    /// says what the denial teaches (docs/scenario-extensions.md).
    pub because: Option<String>,
    /// `fixable`: an expected denial is the problem the scenario poses, not its lesson, so
    /// fix suggestions are made for it. By default an expected denial is the lesson.
    pub fixable: bool,
    /// Where `expect` is written.
    pub span: Span,
}

/// The decision AWS reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Decision {
    /// At least one applicable Allow in every layer that must allow, and no explicit deny.
    Allow,
    /// A Deny statement applied, in any policy.
    ExplicitDeny,
    /// Nothing allowed it, or a layer that must allow did not.
    ImplicitDeny,
}

impl Decision {
    /// The name as written in results and scenarios.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
        }
    }
}

/// The kinds of policy the scenario format knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// Attached to the principal (user, its groups, the role).
    Identity,
    /// The principal's permissions boundary.
    PermissionsBoundary,
    /// The session policy passed when the session was created.
    Session,
    /// The resource-based policy of the requested resource.
    Resource,
    /// A service control policy (binds the principal's account).
    Scp,
    /// A resource control policy (binds the resource's account).
    Rcp,
    /// The endpoint policy of the VPC endpoint the request passes through (format 1.1): it
    /// grants nothing, the request must also be allowed by it.
    VpcEndpoint,
}

impl PolicyKind {
    /// Every kind, in the order a scenario's `policies` lists them.
    pub const ALL: [PolicyKind; 7] = [
        PolicyKind::Identity,
        PolicyKind::PermissionsBoundary,
        PolicyKind::Session,
        PolicyKind::Resource,
        PolicyKind::Scp,
        PolicyKind::Rcp,
        PolicyKind::VpcEndpoint,
    ];

    /// The kind whose key in the scenario's `policies` object is `key`.
    pub fn from_key(key: &str) -> Option<PolicyKind> {
        PolicyKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The key used for this kind in the scenario's `policies` object.
    pub fn key(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::PermissionsBoundary => "permissionsBoundary",
            PolicyKind::Session => "session",
            PolicyKind::Resource => "resource",
            PolicyKind::Scp => "scp",
            PolicyKind::Rcp => "rcp",
            PolicyKind::VpcEndpoint => "vpcEndpoint",
        }
    }

    /// What the kind is called in prose, as a catalog phrase (`noun.policy.*`): the
    /// [`PolicyKind::label`] of every language.
    pub fn noun(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            PolicyKind::Identity => "noun.policy.identity",
            PolicyKind::PermissionsBoundary => "noun.policy.permissionsBoundary",
            PolicyKind::Session => "noun.policy.session",
            PolicyKind::Resource => "noun.policy.resource",
            PolicyKind::Scp => "noun.policy.scp",
            PolicyKind::Rcp => "noun.policy.rcp",
            PolicyKind::VpcEndpoint => "noun.policy.vpcEndpoint",
        })
    }

    /// The kind with its article, as a catalog phrase (`noun.a-policy.*`): "an identity-based
    /// policy", "a service control policy" (Japanese has no article: the same as
    /// [`PolicyKind::noun`]).
    pub fn a_noun(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            PolicyKind::Identity => "noun.a-policy.identity",
            PolicyKind::PermissionsBoundary => "noun.a-policy.permissionsBoundary",
            PolicyKind::Session => "noun.a-policy.session",
            PolicyKind::Resource => "noun.a-policy.resource",
            PolicyKind::Scp => "noun.a-policy.scp",
            PolicyKind::Rcp => "noun.a-policy.rcp",
            PolicyKind::VpcEndpoint => "noun.a-policy.vpcEndpoint",
        })
    }

    /// A name for people ("identity-based policy").
    pub fn label(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity-based policy",
            PolicyKind::PermissionsBoundary => "permissions boundary",
            PolicyKind::Session => "session policy",
            PolicyKind::Resource => "resource-based policy",
            PolicyKind::Scp => "service control policy",
            PolicyKind::Rcp => "resource control policy",
            PolicyKind::VpcEndpoint => "VPC endpoint policy",
        }
    }
}

/// The policy language version (`Version` element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyVersion {
    /// `2012-10-17`: the current language, with policy variables.
    V2012_10_17,
    /// `2008-10-17`: variables are literal text.
    V2008_10_17,
    /// No `Version`: AWS treats the policy as `2008-10-17`.
    Absent,
}

impl PolicyVersion {
    /// Whether `${...}` is a policy variable in this version.
    pub fn has_variables(self) -> bool {
        matches!(self, PolicyVersion::V2012_10_17)
    }
}

/// One IAM policy document and where it sits in the scenario.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Which kind of policy.
    pub kind: PolicyKind,
    /// Identity: index in `identity`; SCP/RCP: the level index; others 0.
    pub index: usize,
    /// SCP/RCP: the index of the policy within its level.
    pub position: Option<usize>,
    /// The name given in the scenario (`{"name": ..., "document": ...}`).
    pub name: Option<String>,
    /// The language version.
    pub version: PolicyVersion,
    /// The document's `Id`, if any.
    pub id: Option<String>,
    /// The statements, in source order.
    pub statements: Vec<Statement>,
    /// The span of the policy entry (the whole `{"name":..,"document":..}` or the bare document).
    pub span: Span,
    /// The span of the document itself. For `{"managed": "Name"}` it is the span of that
    /// object (what the user wrote), while the statements point at the name.
    pub document_span: Span,
    /// The AWS managed policy this is, when written `{"managed": "Name"}` (its document comes
    /// from the loaded managed policies, not from the scenario text).
    pub managed: Option<String>,
}

/// `Effect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Effect {
    /// `"Allow"`.
    Allow,
    /// `"Deny"`.
    Deny,
}

impl Effect {
    /// As written in policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// One statement of a policy.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Index in the policy's `Statement` list (0 for a lone object).
    pub index: usize,
    /// `Sid`.
    pub sid: Option<Spanned<Str>>,
    /// `Effect`.
    pub effect: Spanned<Effect>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<PrincipalElement>,
    /// `Action` or `NotAction`.
    pub action: PatternElement,
    /// `Resource` or `NotResource`; absent in trust policies (the role is the resource).
    pub resource: Option<PatternElement>,
    /// `Condition`, one block per operator, in source order.
    pub conditions: Vec<ConditionBlock>,
    /// The whole statement object.
    pub span: Span,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns.
#[derive(Debug, Clone)]
pub struct PatternElement {
    /// True for `NotAction` / `NotResource`.
    pub negated: bool,
    /// The patterns as written (a lone string becomes a list of one).
    pub patterns: Vec<Spanned<Str>>,
    /// The span of the element's value.
    pub span: Span,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone)]
pub struct PrincipalElement {
    /// True for `NotPrincipal`.
    pub negated: bool,
    /// The principals listed.
    pub entries: Vec<PrincipalEntry>,
    /// The span of the element's value.
    pub span: Span,
}

/// One principal in a `Principal` element.
#[derive(Debug, Clone, PartialEq)]
pub enum PrincipalEntry {
    /// `"*"` (or `{"AWS": "*"}`): everyone.
    Any(Span),
    /// `{"AWS": ...}`: an ARN or a bare 12-digit account id.
    Aws(Spanned<String>),
    /// `{"Service": "ec2.amazonaws.com"}`.
    Service(Spanned<String>),
    /// `{"Federated": ...}`: an identity provider.
    Federated(Spanned<String>),
    /// `{"CanonicalUser": ...}`: an S3 canonical user id.
    CanonicalUser(Spanned<String>),
}

/// One operator block of a `Condition`: `"StringEquals": { key: values, ... }`.
#[derive(Debug, Clone)]
pub struct ConditionBlock {
    /// The operator.
    pub operator: Spanned<operator::Operator>,
    /// Its keys, in source order; all must be true.
    pub entries: Vec<ConditionEntry>,
    /// The whole `"Op": {...}` member.
    pub span: Span,
}

/// One key and its values under an operator; any value may match.
#[derive(Debug, Clone)]
pub struct ConditionEntry {
    /// The condition key as written (matched case-insensitively).
    pub key: Spanned<Str>,
    /// The values, as text (`true` and numbers are kept as their text).
    pub values: Vec<Spanned<Str>>,
    /// The whole `"key": values` member.
    pub span: Span,
}

/// A value in the request context: single-valued or multivalued.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum ContextValue {
    /// A single value (strings, numbers and booleans are kept as text).
    Single(String),
    /// A multivalued key (possibly empty).
    Multi(Vec<String>),
}

impl ContextValue {
    /// The values as a slice view.
    pub fn values(&self) -> &[String] {
        match self {
            ContextValue::Single(s) => std::slice::from_ref(s),
            ContextValue::Multi(v) => v,
        }
    }
}

/// A context key given by the user.
#[derive(Debug, Clone)]
pub struct ContextEntry {
    /// The key as written.
    pub key: Spanned<String>,
    /// Its value.
    pub value: ContextValue,
}

/// The request principal of an unsigned request (format 1.1): `"principal": "anonymous"`.
pub const ANONYMOUS: &str = "anonymous";

/// One request to decide.
#[derive(Debug, Clone)]
pub struct Request {
    /// The principal making the request (an ARN, or a service principal name).
    pub principal: Spanned<String>,
    /// The action, `service:Action`.
    pub action: Spanned<String>,
    /// The resource ARN (or `*`).
    pub resource: Spanned<String>,
    /// `resourceAccount`, when given.
    pub resource_account: Option<Spanned<String>>,
    /// The context keys the user supplied, in source order.
    pub context: Vec<ContextEntry>,
    /// Where the request is written.
    pub span: Span,
}
