//! From an artefact to a scenario: the decoded authorization message, an AccessDenied error
//! text, or a CloudTrail event, turned into a scenario with the request filled in.
//!
//! ```
//! use iam_playground::tools::import::import_artifact;
//!
//! let result = import_artifact(
//!     "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \
//!      codecommit:ListRepositories because no identity-based policy allows the \
//!      codecommit:ListRepositories action",
//! );
//! let request = result.request.unwrap();
//! assert_eq!(request.action, "codecommit:ListRepositories");
//! assert!(result.scenario.unwrap().contains("\"identity\": []"));
//! ```
//!
//! The scenario has no policies (`"policies": {"identity": []}`): the artefact says what was
//! asked and, at most, which kind of policy denied it (the [`DenyHint`], also written into the
//! scenario's `description`), never the policies themselves. What could not be inferred is
//! said in [`ImportResult::notes`]. Malformed input gives [`ImportResult::errors`] with the
//! place (line and column for JSON), never a panic, and the input is never changed.

mod access_denied;
mod cloudtrail;
mod decoded;
mod merge;

pub use merge::Merged;

use serde::Serialize;

use crate::answer::result::DiagnosticOut;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::ContextValue;
use crate::parse::json::{self, Json, JsonKind};
use crate::tools::ordered_json::J;
use crate::AwsData;

/// Everything an import produced.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    /// What the text was recognised as (absent when it was not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ArtifactFormat>,
    /// The scenario, as pretty JSON text in the scenario format (absent on error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The request found, for display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<ImportedRequest>,
    /// What the artefact says about the denial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<DenyHint>,
    /// What could not be inferred, and other remarks.
    pub notes: Vec<ImportNote>,
    /// With [`import_into`]: what was kept of the open scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<merge::Merged>,
    /// Why nothing could be imported, with the place in the pasted text.
    pub errors: Vec<DiagnosticOut>,
}

/// The kinds of artefact understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ArtifactFormat {
    /// The JSON `aws sts decode-authorization-message` decodes, bare.
    DecodedMessage,
    /// The same, as the CLI prints it: `{"DecodedMessage": "<escaped JSON>"}`.
    DecodedMessageCli,
    /// An AccessDenied error text (`User: ... is not authorized to perform: ...`).
    AccessDeniedMessage,
    /// A CloudTrail event record (alone, in a log file's `Records`, or from `lookup-events`).
    CloudTrailEvent,
}

/// The request found in the artefact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRequest {
    /// The principal ARN (or service principal).
    pub principal: String,
    /// The action, `service:Action`.
    pub action: String,
    /// The resource ARN, or `*` when the artefact does not name it.
    pub resource: String,
    /// Context keys, in the order found.
    pub context: Vec<ImportedKey>,
}

/// One context key found in the artefact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedKey {
    /// The key as written.
    pub key: String,
    /// Its value(s).
    pub value: ContextValue,
    /// Where in the artefact it came from (`context.conditions`, `awsRegion`, ...).
    pub from: String,
}

/// What the artefact says about why the request was denied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DenyHint {
    /// Explicit or implicit.
    pub decision: HintDecision,
    /// The kind of policy that denied, when the artefact says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<HintLayer>,
    /// The ARN of the policy that denied, when AWS names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_arn: Option<String>,
    /// AWS's own words (`because no identity-based policy allows the s3:GetObject action`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// One sentence for people (also written into the scenario's `description`, in English).
    pub summary: String,
    /// The same as a catalog message ([`ImportResult::localize`]).
    #[serde(skip)]
    pub summary_msg: Option<crate::i18n::Msg>,
}

/// Explicit or implicit, as the artefact says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HintDecision {
    /// A Deny statement applied.
    ExplicitDeny,
    /// Nothing allowed it.
    ImplicitDeny,
    /// An SCP denial: AWS says "explicit deny" for SCPs even when it is implicit.
    ExplicitOrImplicit,
    /// The artefact says the request was allowed.
    Allowed,
}

/// The kind of policy that denied, as the artefact names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HintLayer {
    /// Identity-based policies.
    Identity,
    /// A resource-based policy.
    Resource,
    /// The permissions boundary.
    PermissionsBoundary,
    /// A session policy.
    Session,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
    /// A VPC endpoint policy (not modelled by the playground).
    VpcEndpoint,
    /// A role trust policy (the role's resource-based policy).
    RoleTrust,
}

impl HintLayer {
    /// The kind in prose, bare (`import.layer.*`) or with its article (`import.a-layer.*`).
    fn noun(self, article: bool) -> crate::i18n::Msg {
        let key = match (self, article) {
            (HintLayer::Identity, false) => "import.layer.identity",
            (HintLayer::Resource, false) => "import.layer.resource",
            (HintLayer::PermissionsBoundary, false) => "import.layer.permissions-boundary",
            (HintLayer::Session, false) => "import.layer.session",
            (HintLayer::Scp, false) => "import.layer.scp",
            (HintLayer::Rcp, false) => "import.layer.rcp",
            (HintLayer::VpcEndpoint, false) => "import.layer.vpc-endpoint",
            (HintLayer::RoleTrust, false) => "import.layer.role-trust",
            (HintLayer::Identity, true) => "import.a-layer.identity",
            (HintLayer::Resource, true) => "import.a-layer.resource",
            (HintLayer::PermissionsBoundary, true) => "import.a-layer.permissions-boundary",
            (HintLayer::Session, true) => "import.a-layer.session",
            (HintLayer::Scp, true) => "import.a-layer.scp",
            (HintLayer::Rcp, true) => "import.a-layer.rcp",
            (HintLayer::VpcEndpoint, true) => "import.a-layer.vpc-endpoint",
            (HintLayer::RoleTrust, true) => "import.a-layer.role-trust",
        };
        crate::i18n::Msg::new(key)
    }
}

impl DenyHint {
    pub(crate) fn new(
        decision: HintDecision,
        layer: Option<HintLayer>,
        policy_arn: Option<String>,
        words: Option<String>,
    ) -> DenyHint {
        use crate::i18n::Msg;
        let arn = policy_arn.as_deref();
        let key =
            |plain: &'static str, named: &'static str| if arn.is_some() { named } else { plain };
        let msg = match (decision, layer) {
            (HintDecision::Allowed, _) => Msg::new("import.hint.allowed"),
            (HintDecision::ExplicitDeny, Some(l)) => Msg::new(key(
                "import.hint.explicit.layer",
                "import.hint.explicit.layer.arn",
            ))
            .phrase("layer", l.noun(true)),
            (HintDecision::ExplicitDeny, None) => Msg::new("import.hint.explicit"),
            (HintDecision::ImplicitDeny, Some(l)) => Msg::new(key(
                "import.hint.implicit.layer",
                "import.hint.implicit.layer.arn",
            ))
            .phrase("layer", l.noun(false)),
            (HintDecision::ImplicitDeny, None) => Msg::new("import.hint.implicit"),
            (HintDecision::ExplicitOrImplicit, _) => {
                Msg::new(key("import.hint.scp", "import.hint.scp.arn"))
            }
        }
        .arg("arn", arn.unwrap_or_default());
        DenyHint {
            decision,
            layer,
            policy_arn,
            words,
            summary: msg.render(crate::i18n::Lang::En),
            summary_msg: Some(msg),
        }
    }
}

impl ImportResult {
    /// Renders the sentences that are catalog messages in `lang` (the deny hint's summary and
    /// the AccessDenied message's notes; the other notes and the errors are still English). The scenario's text stays as imported.
    pub fn localize(&mut self, lang: crate::i18n::Lang) {
        if let Some(h) = &mut self.hint {
            if let Some(m) = &h.summary_msg {
                h.summary = m.render(lang);
            }
        }
        for n in &mut self.notes {
            if let Some(m) = &n.msg {
                n.message = m.render(lang);
            }
        }
    }
}

/// A remark about the import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    /// `couldNotInfer`, `assumed`, `info` or `notAConditionKey`.
    pub kind: NoteKind,
    /// What to know, lowercase, user text in backticks.
    pub message: String,
    /// The artefact's key the note is about (`aws:Service`), when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// That key's value(s) in the artefact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ContextValue>,
    /// `message` as a catalog message, when it is one ([`ImportResult::localize`]).
    #[serde(skip)]
    pub msg: Option<crate::i18n::Msg>,
}

/// The kinds of note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NoteKind {
    /// Something the artefact does not say; the scenario uses a stand-in.
    CouldNotInfer,
    /// A value the import derived rather than read.
    Assumed,
    /// Something worth knowing.
    Info,
    /// A key the artefact names that no policy can test: kept here, not in the context.
    NotAConditionKey,
}

/// True for the AccessDenied notes that already say why the resource is `*` (matched on their
/// catalog keys, not on their English).
pub(super) fn is_about_the_resource(n: &ImportNote) -> bool {
    let resource_keys = ["import.note.resource-not-arn", "import.note.this-resource"];
    n.msg.as_ref().is_some_and(|m| {
        m.args.iter().any(|(_, a)| {
            matches!(a, crate::i18n::Arg::Msg(inner) if resource_keys.contains(&inner.key))
        })
    })
}

impl ImportNote {
    fn new(kind: NoteKind, message: impl Into<crate::i18n::Text>) -> ImportNote {
        let (message, msg) = message.into().split();
        ImportNote {
            kind,
            message,
            key: None,
            value: None,
            msg,
        }
    }

    /// "could not infer WHAT": `what` is plain English, or a catalog phrase (then the whole
    /// sentence is one, `import.note.could-not-infer`).
    pub(crate) fn could_not_infer(what: impl Into<crate::i18n::Text>) -> ImportNote {
        let sentence: crate::i18n::Text = match what.into() {
            crate::i18n::Text::Plain(s) => format!("could not infer {s}").into(),
            crate::i18n::Text::Msg(m) => crate::i18n::Msg::new("import.note.could-not-infer")
                .phrase("what", m)
                .into(),
        };
        ImportNote::new(NoteKind::CouldNotInfer, sentence)
    }

    pub(crate) fn assumed(message: impl Into<crate::i18n::Text>) -> ImportNote {
        ImportNote::new(NoteKind::Assumed, message)
    }

    pub(crate) fn info(message: impl Into<crate::i18n::Text>) -> ImportNote {
        ImportNote::new(NoteKind::Info, message)
    }

    fn about(mut self, key: &ImportedKey) -> ImportNote {
        self.key = Some(key.key.clone());
        self.value = Some(key.value.clone());
        self
    }
}

/// Keys a decoded authorization message names that are not condition keys: what the message
/// says with them, when a policy key says the same. (The global condition keys are listed in
/// the IAM User Guide, "AWS global condition context keys": the Region of a request is
/// `aws:RequestedRegion`; the service is part of the action, and the resource, its account
/// and type are in the resource ARN.)
const NOT_CONDITION_KEYS: &[(&str, Option<&str>)] = &[
    ("aws:Region", Some("aws:RequestedRegion")),
    ("aws:Service", None),
    ("aws:Resource", None),
    ("aws:Account", None),
    ("aws:Type", None),
    ("aws:ARN", None),
    ("aws:ID", None),
];

/// Writes the keys policies test: a key the artefact names that no policy can test becomes a
/// note (or the key that policies test, `aws:Region` → `aws:RequestedRegion`).
fn testable_keys(context: Vec<ImportedKey>, notes: &mut Vec<ImportNote>) -> Vec<ImportedKey> {
    let given: Vec<String> = context.iter().map(|k| k.key.to_ascii_lowercase()).collect();
    let mut out: Vec<ImportedKey> = Vec::with_capacity(context.len());
    for key in context {
        let Some((_, policy_key)) = NOT_CONDITION_KEYS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&key.key))
        else {
            out.push(key);
            continue;
        };
        let values = key.value.values().join("`, `");
        match policy_key {
            Some(pk) if !given.contains(&pk.to_ascii_lowercase()) => {
                notes.push(
                    ImportNote::assumed(format!(
                        "`{pk}` is `{values}`, from the artefact's `{}`: policies test it as `{pk}`",
                        key.key
                    ))
                    .about(&key),
                );
                out.push(ImportedKey {
                    key: (*pk).to_string(),
                    value: key.value,
                    from: key.from,
                });
            }
            _ => notes.push(
                ImportNote::new(
                    NoteKind::NotAConditionKey,
                    format!(
                        "the artefact says `{}` is `{values}`; no policy can test `{}`, so it is not in the request's context",
                        key.key, key.key
                    ),
                )
                .about(&key),
            ),
        }
    }
    out
}

/// What a reader of one format found.
pub(crate) struct Imported {
    format: ArtifactFormat,
    principal: String,
    action: String,
    resource: Option<String>,
    context: Vec<ImportedKey>,
    hint: Option<DenyHint>,
    notes: Vec<ImportNote>,
}

/// Imports a pasted artefact. Never panics; on failure `errors` says why and where.
pub fn import_artifact(text: &str) -> ImportResult {
    match read(text) {
        Ok(imported) => {
            let parts = finish(imported);
            let description = format!(
                "{} Add the policies in force to see which statement decides.",
                parts.description
            );
            let scenario = J::obj([
                ("name", J::str(parts.name.clone())),
                ("description", J::str(description)),
                ("policies", J::obj([("identity", J::Arr(Vec::new()))])),
                ("request", parts.request_json.clone()),
            ]);
            parts.result(scenario.pretty("  ", 0) + "\n", AwsData::default())
        }
        Err(diags) => failed(crate::answer::diagnostics_out(text, diags)),
    }
}

/// How an import meets the scenario already open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportMode {
    /// The imported scenario replaces the open one ([`import_artifact`]).
    Replace,
    /// The open scenario keeps its policies; only its request is replaced ([`import_into`]).
    KeepPolicies,
}

/// Imports a pasted artefact into the scenario already open, keeping its policies (and its
/// `whatIf` switches and other members as written): the imported request replaces its
/// `request`/`requests`, the imported name and description replace its own, and its `expect`
/// is removed, since it described the replaced requests. `result.merged` says what was kept.
/// An open scenario that is not a JSON object is an error (`import-into-invalid`).
pub fn import_into(scenario_text: &str, artifact_text: &str, data: AwsData) -> ImportResult {
    let parts = match read(artifact_text) {
        Ok(imported) => finish(imported),
        Err(diags) => return failed(crate::answer::diagnostics_out(artifact_text, diags)),
    };
    match merge::merge(scenario_text, &parts) {
        Ok((text, merged)) => {
            let mut result = parts.result(text, data);
            result.merged = Some(merged);
            result
        }
        Err(message) => {
            // About the open scenario, not the pasted text: no place in the paste.
            let mut d = Diagnostic::error("import-into-invalid", message, Span::new(0, 0))
                .with_help("fix the open scenario first, or let the import replace it");
            d.span = None;
            failed(crate::answer::diagnostics_out(artifact_text, vec![d]))
        }
    }
}

fn failed(errors: Vec<DiagnosticOut>) -> ImportResult {
    ImportResult {
        format: None,
        scenario: None,
        request: None,
        hint: None,
        notes: Vec::new(),
        merged: None,
        errors,
    }
}

fn read(text: &str) -> Result<Imported, Vec<Diagnostic>> {
    let trimmed = text.trim_start();
    let whole = Span::new(0, text.len());
    if trimmed.is_empty() {
        return Err(vec![Diagnostic::error(
            "import-empty",
            "there is nothing to import",
            whole,
        )
        .with_help(HELP_FORMS)]);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"') {
        return match json::parse(text) {
            Ok(root) => read_json(text, &root),
            // Broken JSON that still holds an AccessDenied sentence: read the sentence.
            Err(d) => match access_denied_text(text) {
                Some(Ok(i)) => Ok(i),
                _ => Err(vec![or_help(
                    d,
                    "the text starts like JSON but is not valid JSON; paste the whole output of `aws sts decode-authorization-message` or the whole CloudTrail event",
                )]),
            },
        };
    }
    match access_denied_text(text) {
        Some(r) => r,
        None => Err(vec![not_recognised(text, whole)]),
    }
}

/// Adds `help` unless the diagnostic already has advice.
fn or_help(d: Diagnostic, help: &str) -> Diagnostic {
    if d.help.is_some() {
        d
    } else {
        d.with_help(help)
    }
}

const HELP_FORMS: &str = "paste the output of `aws sts decode-authorization-message`, an AccessDenied error text (`User: arn:... is not authorized to perform: ...`), or a CloudTrail event";

fn not_recognised(text: &str, span: Span) -> Diagnostic {
    if text.contains("Encoded authorization failure message") {
        return Diagnostic::error(
            "import-encoded-message",
            "this is an encoded authorization failure message, which only AWS can decode",
            span,
        )
        .with_help("run `aws sts decode-authorization-message --encoded-message <the encoded text> --query DecodedMessage --output text` (it needs the `sts:DecodeAuthorizationMessage` permission) and paste its output here");
    }
    Diagnostic::error(
        "import-not-recognised",
        "the text is not an artefact the playground recognises",
        span,
    )
    .with_help(HELP_FORMS)
}

fn access_denied_text(text: &str) -> Option<Result<Imported, Vec<Diagnostic>>> {
    let at = access_denied::find(text)?;
    Some(from_access_denied(
        text,
        Span::new(at, at + "is not authorized to perform".len()),
        ArtifactFormat::AccessDeniedMessage,
    ))
}

/// Turns an AccessDenied sentence into a request (also used for CloudTrail's `errorMessage`).
fn from_access_denied(
    text: &str,
    span: Span,
    format: ArtifactFormat,
) -> Result<Imported, Vec<Diagnostic>> {
    let Some(p) = access_denied::parse(text) else {
        return Err(vec![not_recognised(text, span)]);
    };
    let mut notes = p.notes;
    let mut errors = Vec::new();
    let action = match p.action {
        Some(a) if a.contains(':') => Some(a),
        Some(a) => {
            errors.push(
                Diagnostic::error(
                    "import-no-action",
                    format!("`{a}` is not an action (`service:Action`)"),
                    span,
                )
                .with_help("the message should go on `is not authorized to perform: service:Action`; paste the whole message"),
            );
            None
        }
        None => {
            errors.push(
                Diagnostic::error(
                    "import-no-action",
                    "the message names no action after `is not authorized to perform`",
                    span,
                )
                .with_help(
                    "paste the whole message, up to and including the action (`s3:GetObject`)",
                ),
            );
            None
        }
    };
    if p.principal.is_none() {
        errors.push(
            Diagnostic::error(
                "import-no-principal",
                "the message names no principal before `is not authorized to perform`",
                span,
            )
            .with_help("paste the whole message, from `User: arn:...`"),
        );
    }
    if text.contains("Encoded authorization failure message") {
        notes.push(ImportNote::info(crate::i18n::Msg::new(
            "import.note.encoded-too",
        )));
    }
    if p.resource.is_none()
        && !notes
            .iter()
            .any(|n| n.kind == NoteKind::CouldNotInfer && is_about_the_resource(n))
    {
        notes.push(ImportNote::could_not_infer(crate::i18n::Msg::new(
            "import.note.no-resource",
        )));
    }
    notes.push(ImportNote::could_not_infer(crate::i18n::Msg::new(
        "import.note.no-context",
    )));
    match (p.principal, action) {
        (Some(principal), Some(action)) if errors.is_empty() => Ok(Imported {
            format,
            principal,
            action,
            resource: p.resource,
            context: Vec::new(),
            hint: p.hint,
            notes,
        }),
        _ => Err(errors),
    }
}

fn read_json(text: &str, root: &Json) -> Result<Imported, Vec<Diagnostic>> {
    match &root.kind {
        // A decoded message pasted as the JSON string the CLI prints without `--output text`.
        JsonKind::String(s) => {
            if s.trim_start().starts_with('{') {
                let inner = json::parse_embedded(text, root).map_err(|d| vec![d])?;
                return read_json(text, &inner);
            }
            from_access_denied(s, root.span, ArtifactFormat::AccessDeniedMessage)
        }
        JsonKind::Object(_) => read_object(text, root),
        JsonKind::Array(items) => match items.first() {
            Some(first) if items.len() == 1 => read_json(text, first),
            Some(first) => {
                let mut i = read_json(text, first)?;
                i.notes.push(ImportNote::info(
                    crate::i18n::Msg::new("import.note.array-first").arg("n", items.len()),
                ));
                Ok(i)
            }
            None => Err(vec![Diagnostic::error(
                "import-empty",
                "the array is empty",
                root.span,
            )
            .with_help(HELP_FORMS)]),
        },
        _ => Err(vec![not_recognised(text, root.span)]),
    }
}

/// A JSON object: a decoded message (bare or as the CLI prints it), a CloudTrail event or log,
/// or an SDK error object.
fn read_object(text: &str, root: &Json) -> Result<Imported, Vec<Diagnostic>> {
    if let Some(inner) = root.get("DecodedMessage") {
        return read_decoded_cli(text, inner);
    }
    if root.get("context").is_some()
        || root.get("allowed").is_some()
        || root.get("explicitDeny").is_some()
    {
        return decoded::read(root);
    }
    if root.get("Records").is_some()
        || root.get("Events").is_some()
        || root.get("CloudTrailEvent").is_some()
        || root.get("eventSource").is_some()
        || root.get("eventName").is_some()
    {
        return cloudtrail::read(text, root);
    }
    if root.get("policies").is_some()
        || root.get("request").is_some()
        || root.get("requests").is_some()
    {
        return Err(vec![Diagnostic::error(
            "import-is-scenario",
            "this is already a scenario",
            Span::new(root.span.start, (root.span.start + 1).min(root.span.end)),
        )
        .with_help("paste it into the scenario editor instead")]);
    }
    // An SDK or CLI error object: `{"Error": {"Code": ..., "Message": ...}}`, `{"message": ...}`.
    if let Some(imported) = read_error_object(root) {
        return imported;
    }
    Err(vec![not_recognised(
        text,
        Span::new(root.span.start, (root.span.start + 1).min(root.span.end)),
    )
    .with_help(
        "a decoded message has `allowed` and `context`; a CloudTrail event has `eventSource` and `eventName`; "
            .to_string()
            + HELP_FORMS,
    )])
}

/// `{"DecodedMessage": "..."}`, as `aws sts decode-authorization-message` prints it.
fn read_decoded_cli(text: &str, inner: &Json) -> Result<Imported, Vec<Diagnostic>> {
    let doc = match &inner.kind {
        JsonKind::String(_) => json::parse_embedded(text, inner).map_err(|d| {
            vec![or_help(
                d,
                "`DecodedMessage` should hold the decoded message as JSON text; paste the whole output of the CLI",
            )]
        })?,
        _ => {
            return Err(vec![Diagnostic::error(
                "import-wrong-type",
                format!(
                    "`DecodedMessage` should be a string holding JSON, found {}",
                    inner.type_name()
                ),
                inner.span,
            )
            .with_help("paste the output of `aws sts decode-authorization-message` as it is")])
        }
    };
    let mut i = decoded::read(&doc)?;
    i.format = ArtifactFormat::DecodedMessageCli;
    Ok(i)
}

/// An SDK or CLI error object whose message is an AccessDenied sentence.
fn read_error_object(root: &Json) -> Option<Result<Imported, Vec<Diagnostic>>> {
    let message = root
        .get("Error")
        .and_then(|e| e.get("Message"))
        .or_else(|| root.get("message"))
        .or_else(|| root.get("Message"))
        .or_else(|| root.get("errorMessage"));
    if let Some(m) = message.filter(|m| m.as_str().is_some()) {
        let msg = m.as_str().unwrap_or("");
        if access_denied::find(msg).is_some() {
            let inner_text = msg.to_string();
            return Some(
                from_access_denied(
                    &inner_text,
                    Span::new(0, inner_text.len()),
                    ArtifactFormat::AccessDeniedMessage,
                )
                .map_err(|ds| {
                    // Point the errors at the message in the pasted text.
                    ds.into_iter()
                        .map(|mut d| {
                            d.span = Some(m.span);
                            d
                        })
                        .collect()
                }),
            );
        }
    }
    None
}

/// What an import found, ready to become a scenario or to go into one.
pub(crate) struct Parts {
    format: ArtifactFormat,
    request: ImportedRequest,
    hint: Option<DenyHint>,
    notes: Vec<ImportNote>,
    name: String,
    description: String,
    request_json: J,
}

impl Parts {
    /// The result for the scenario `text`, checked against the scenario format: values the
    /// format rejects are said in a note, and the scenario is kept.
    fn result(mut self, text: String, data: AwsData) -> ImportResult {
        let (_, diags) = crate::parse::parse_scenario_with(&text, data.managed);
        for d in diags.iter().filter(|d| d.is_error()) {
            // The problem in the reader's language too, when the parser wrote it as one.
            let problem: crate::i18n::Text = match d.msgs.as_ref().and_then(|m| m.message.clone()) {
                Some(m) => m.into(),
                None => d.message.clone().into(),
            };
            self.notes.push(ImportNote::info(
                crate::i18n::Msg::new("import.note.needs-correction").text("problem", problem),
            ));
        }
        ImportResult {
            format: Some(self.format),
            scenario: Some(text),
            request: Some(self.request),
            hint: self.hint,
            notes: self.notes,
            merged: None,
            errors: Vec::new(),
        }
    }
}

/// The request, name and description of an import.
fn finish(i: Imported) -> Parts {
    let mut notes = i.notes;
    let resource = i.resource.unwrap_or_else(|| "*".to_string());
    let request = ImportedRequest {
        principal: i.principal,
        action: i.action,
        resource,
        context: testable_keys(i.context, &mut notes),
    };
    let who = short_name(&request.principal);
    let source = match i.format {
        ArtifactFormat::DecodedMessage | ArtifactFormat::DecodedMessageCli => {
            "a decoded authorization message"
        }
        ArtifactFormat::AccessDeniedMessage => "an AccessDenied message",
        ArtifactFormat::CloudTrailEvent => "a CloudTrail event",
    };
    let name = format!("{} by {who}, imported from {source}", request.action);
    let mut description = format!("Imported from {source}.");
    if let Some(h) = &i.hint {
        description.push(' ');
        description.push_str(&h.summary);
        if let Some(w) = &h.words {
            description.push_str(&format!(" AWS's words: \"{w}\"."));
        }
    }

    let mut req = J::obj([
        ("principal", J::str(request.principal.clone())),
        ("action", J::str(request.action.clone())),
        ("resource", J::str(request.resource.clone())),
    ]);
    if !request.context.is_empty() {
        req.push(
            "context",
            J::Obj(
                request
                    .context
                    .iter()
                    .map(|k| {
                        let v = match &k.value {
                            ContextValue::Single(s) => J::str(s.clone()),
                            ContextValue::Multi(vs) => {
                                J::Arr(vs.iter().cloned().map(J::Str).collect())
                            }
                        };
                        (k.key.clone(), v)
                    })
                    .collect(),
            ),
        );
    }
    Parts {
        format: i.format,
        request,
        hint: i.hint,
        notes,
        name,
        description,
        request_json: req,
    }
}

/// `user/test-user` → `test-user`; `assumed-role/R/S` → `R/S`.
fn short_name(principal: &str) -> String {
    let resource = principal.splitn(6, ':').nth(5).unwrap_or(principal);
    match resource.split_once('/') {
        Some(("assumed-role", rest)) => rest.to_string(),
        Some((_, rest)) => rest.rsplit('/').next().unwrap_or(rest).to_string(),
        None => resource.to_string(),
    }
}

/// A context value from a list of strings (one value: single-valued).
pub(crate) fn context_value(mut values: Vec<String>) -> ContextValue {
    if values.len() == 1 {
        ContextValue::Single(values.remove(0))
    } else {
        ContextValue::Multi(values)
    }
}
