//! A CloudTrail event record (AWS CloudTrail User Guide, "CloudTrail record contents"): alone,
//! inside a log file's `Records`, or as `aws cloudtrail lookup-events` prints it (`Events`,
//! each with the record as a JSON string in `CloudTrailEvent`).
//!
//! - principal: `userIdentity` (`arn` for IAM users, assumed roles, federated users and root;
//!   `invokedBy` for AWS services);
//! - action: `eventSource` without `.amazonaws.com`, a colon, and `eventName`
//!   (`iam.amazonaws.com` + `ListAccessKeys` → `iam:ListAccessKeys`);
//! - resource: `resources[].ARN`, else the resource in `errorMessage`, else a few request
//!   parameters (`roleArn`, `bucketName`/`key`);
//! - context: `awsRegion` → `aws:RequestedRegion`, `sourceIPAddress` → `aws:SourceIp` (when it
//!   is an address), `userAgent` → `aws:UserAgent`, `eventTime` → `aws:CurrentTime`,
//!   `tlsDetails` → `aws:SecureTransport`, `vpcEndpointId` → `aws:SourceVpce`, and from the
//!   session: `mfaAuthenticated` → `aws:MultiFactorAuthPresent`, `sessionIssuer.arn` →
//!   `aws:PrincipalArn`, `sourceIdentity` → `aws:SourceIdentity`, `principalId` → `aws:userid`.

use super::{
    access_denied, context_value, ArtifactFormat, DenyHint, ImportNote, Imported, ImportedKey,
};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Msg;
use crate::parse::json::{self, Json};

fn opening(span: Span) -> Span {
    Span::new(span.start, (span.start + 1).min(span.end))
}

fn is_denial(code: &str) -> bool {
    let c = code.to_ascii_lowercase();
    c.contains("accessdenied") || c.contains("unauthorized")
}

fn error_code<'j>(record: &'j Json<'j>) -> Option<&'j str> {
    record.get("errorCode").and_then(Json::as_str)
}

/// Reads a record, a log file or lookup-events output.
pub(super) fn read(text: &str, root: &Json) -> Result<Imported, Vec<Diagnostic>> {
    let mut notes = Vec::new();
    let record = if let Some(list) = root.get("Records") {
        let items = list.as_array().ok_or_else(|| {
            vec![Diagnostic::error(
                "import-wrong-type",
                format!("`Records` should be an array, found {}", list.type_name()),
                list.span,
            )]
        })?;
        pick(items.to_vec(), &mut notes, list.span)?
    } else if let Some(list) = root.get("Events") {
        let items = list.as_array().ok_or_else(|| {
            vec![Diagnostic::error(
                "import-wrong-type",
                format!("`Events` should be an array, found {}", list.type_name()),
                list.span,
            )]
        })?;
        let mut records = Vec::new();
        for e in items {
            records.push(embedded(text, e)?);
        }
        pick(records, &mut notes, list.span)?
    } else if root.get("CloudTrailEvent").is_some() {
        embedded(text, root)?
    } else {
        root.clone()
    };
    let mut imported = record_to_request(&record)?;
    notes.append(&mut imported.notes);
    imported.notes = notes;
    Ok(imported)
}

/// `{"CloudTrailEvent": "<record as JSON text>"}` → the record (spans in the pasted text).
fn embedded<'j>(text: &str, event: &Json<'j>) -> Result<Json<'j>, Vec<Diagnostic>> {
    match event.get("CloudTrailEvent") {
        Some(s) if s.as_str().is_some() => json::parse_embedded(text, s).map_err(|d| vec![d]),
        Some(s) => Err(vec![Diagnostic::error(
            "import-wrong-type",
            format!(
                "`CloudTrailEvent` should be a string holding the record, found {}",
                s.type_name()
            ),
            s.span,
        )]),
        None => Ok(event.clone()),
    }
}

/// The first denied record, else the first record.
fn pick<'j>(
    records: Vec<Json<'j>>,
    notes: &mut Vec<ImportNote>,
    span: Span,
) -> Result<Json<'j>, Vec<Diagnostic>> {
    let total = records.len();
    let denied: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| error_code(r).is_some_and(is_denial))
        .map(|(i, _)| i)
        .collect();
    let chosen = denied.first().copied().unwrap_or(0);
    if total > 1 {
        notes.push(ImportNote::info(
            Msg::new("import.note.log-records")
                .arg("total", total)
                .arg("denied", denied.len())
                .arg("n", chosen + 1),
        ));
    }
    records.into_iter().nth(chosen).ok_or_else(|| {
        vec![
            Diagnostic::error("import-empty", "there are no records", span)
                .with_help("paste a CloudTrail event record, or a log file with `Records`"),
        ]
    })
}

/// `eventSource` prefixes that differ from the IAM service prefix.
const PREFIXES: &[(&str, &str)] = &[("monitoring", "cloudwatch"), ("email", "ses")];

fn string_at<'j>(v: &'j Json<'j>, path: &[&str]) -> Option<&'j str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

fn record_to_request(record: &Json) -> Result<Imported, Vec<Diagnostic>> {
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    if record.as_object().is_none() {
        return Err(vec![Diagnostic::error(
            "import-wrong-type",
            format!(
                "a CloudTrail record should be an object, found {}",
                record.type_name()
            ),
            record.span,
        )]);
    }
    let action = action_of(record, &mut errors, &mut notes);
    let mut context = Vec::new();
    let principal = match record.get("userIdentity") {
        None => {
            errors.push(
                Diagnostic::error(
                    "import-missing",
                    "the CloudTrail record has no `userIdentity`",
                    opening(record.span),
                )
                .with_help("the principal is in `userIdentity`; paste the whole record"),
            );
            None
        }
        Some(ui) => principal_of(ui, &mut context, &mut notes, &mut errors),
    };
    let message = record.get("errorMessage").and_then(Json::as_str);
    let parsed = denial(record, message, &mut notes);
    let hint: Option<DenyHint> = parsed.as_ref().and_then(|p| p.hint.clone());
    let resource = resource_of(record, parsed.as_ref(), &mut notes);
    call_notes(record, message, &mut notes);
    context_of(record, &mut context, &mut notes);
    match (principal, action) {
        (Some(principal), Some(action)) if errors.is_empty() => Ok(Imported {
            format: ArtifactFormat::CloudTrailEvent,
            principal,
            action,
            resource,
            context,
            hint,
            notes,
        }),
        _ => Err(errors),
    }
}

/// The record's `key`: a non-empty string, or an error that says what it should be.
fn required_text(
    record: &Json,
    key: &str,
    errors: &mut Vec<Diagnostic>,
    help: &str,
) -> Option<String> {
    let Some(v) = record.get(key) else {
        errors.push(
            Diagnostic::error(
                "import-missing",
                format!("the CloudTrail record has no `{key}`"),
                opening(record.span),
            )
            .with_help(help.to_string()),
        );
        return None;
    };
    match v.as_str() {
        Some(s) if !s.is_empty() => Some(s.to_string()),
        _ => {
            errors.push(
                Diagnostic::error(
                    "import-wrong-type",
                    format!(
                        "`{key}` should be a non-empty string, found {}",
                        v.type_name()
                    ),
                    v.span,
                )
                .with_help(help.to_string()),
            );
            None
        }
    }
}

/// The action: `eventSource`'s prefix and `eventName`.
fn action_of(
    record: &Json,
    errors: &mut Vec<Diagnostic>,
    notes: &mut Vec<ImportNote>,
) -> Option<String> {
    let source = required_text(
        record,
        "eventSource",
        errors,
        "the service, such as `\"eventSource\": \"iam.amazonaws.com\"`",
    );
    let name = required_text(
        record,
        "eventName",
        errors,
        "the API call, such as `\"eventName\": \"ListAccessKeys\"`",
    );
    let (source, name) = (source?, name?);
    let prefix = source.trim_end_matches(".amazonaws.com");
    let prefix = PREFIXES
        .iter()
        .find(|(s, _)| *s == prefix)
        .map_or(prefix, |(_, p)| p);
    notes.push(ImportNote::assumed(
        Msg::new("import.note.action-from-event").arg("action", format!("{prefix}:{name}")),
    ));
    Some(format!("{prefix}:{name}"))
}

/// Whether and how the call was denied: the AccessDenied sentence of `errorMessage`, read.
fn denial(
    record: &Json,
    message: Option<&str>,
    notes: &mut Vec<ImportNote>,
) -> Option<access_denied::Parsed> {
    let code = error_code(record);
    match code {
        Some(c) if is_denial(c) => {}
        Some(c) => notes.push(ImportNote::info(
            Msg::new("import.note.not-a-denial").arg("code", c),
        )),
        None => notes.push(ImportNote::info(Msg::new("import.note.no-error-code"))),
    }
    let parsed = message
        .filter(|m| access_denied::find(m).is_some())
        .and_then(access_denied::parse);
    let hint = parsed.as_ref().and_then(|p| p.hint.as_ref());
    if hint.is_none() && code.is_some_and(is_denial) {
        notes.push(ImportNote::could_not_infer(Msg::new(
            "import.note.explicit-or-implicit",
        )));
    }
    parsed
}

/// The resource: from `resources`, else from `errorMessage`, else built from
/// `requestParameters`.
fn resource_of(
    record: &Json,
    parsed: Option<&access_denied::Parsed>,
    notes: &mut Vec<ImportNote>,
) -> Option<String> {
    let from_resources = record
        .get("resources")
        .and_then(Json::as_array)
        .and_then(|rs| rs.iter().find_map(|r| r.get("ARN").and_then(Json::as_str)))
        .map(str::to_string);
    let from_message = parsed.and_then(|p| p.resource.clone());
    let from_params = record.get("requestParameters").and_then(|p| {
        if let Some(role) = p.get("roleArn").and_then(Json::as_str) {
            return Some(role.to_string());
        }
        let bucket = p.get("bucketName").and_then(Json::as_str)?;
        Some(match p.get("key").and_then(Json::as_str) {
            Some(key) => format!("arn:aws:s3:::{bucket}/{key}"),
            None => format!("arn:aws:s3:::{bucket}"),
        })
    });
    match (from_resources, from_message, from_params) {
        (Some(r), _, _) => Some(r),
        (None, Some(r), _) => {
            notes.push(ImportNote::assumed(Msg::new(
                "import.note.resource-from-message",
            )));
            Some(r)
        }
        (None, None, Some(r)) => {
            notes.push(ImportNote::assumed(
                Msg::new("import.note.resource-from-params").arg("resource", &r),
            ));
            Some(r)
        }
        (None, None, None) => {
            // The message may name a resource that is not an ARN (`user some_username`).
            let said = parsed.and_then(|p| {
                p.notes
                    .iter()
                    .find(|n| super::is_about_the_resource(n))
                    .cloned()
            });
            notes.push(said.unwrap_or_else(|| {
                ImportNote::could_not_infer(Msg::new("import.note.event-no-resource"))
            }));
            None
        }
    }
}

/// What else the call tells: an encoded authorization message, an instance profile (PassRole).
fn call_notes(record: &Json, message: Option<&str>, notes: &mut Vec<ImportNote>) {
    if message.is_some_and(|m| m.contains("Encoded authorization failure message")) {
        notes.push(ImportNote::info(Msg::new("import.note.event-encoded")));
    }
    let params = record.get("requestParameters");
    if let Some(profile) = params.and_then(|p| p.get("iamInstanceProfile")) {
        let name = profile
            .get("name")
            .or_else(|| profile.get("arn"))
            .and_then(Json::as_str)
            .unwrap_or("?");
        notes.push(ImportNote::info(
            Msg::new("import.note.instance-profile").arg("name", name),
        ));
    }
}

/// The context keys the record supplies.
fn context_of(record: &Json, context: &mut Vec<ImportedKey>, notes: &mut Vec<ImportNote>) {
    let mut key = |key: &str, value: String, from: &str| {
        if !context
            .iter()
            .any(|k: &ImportedKey| k.key.eq_ignore_ascii_case(key))
        {
            context.push(ImportedKey {
                key: key.to_string(),
                value: context_value(vec![value]),
                from: from.to_string(),
            });
        }
    };
    if let Some(r) = string_at(record, &["awsRegion"]) {
        key("aws:RequestedRegion", r.to_string(), "awsRegion");
    }
    if let Some(ip) = string_at(record, &["sourceIPAddress"]) {
        if ip.parse::<std::net::IpAddr>().is_ok() {
            key("aws:SourceIp", ip.to_string(), "sourceIPAddress");
        } else {
            notes.push(ImportNote::info(
                Msg::new("import.note.not-an-ip").arg("ip", ip),
            ));
        }
    }
    if let Some(ua) = string_at(record, &["userAgent"]) {
        key("aws:UserAgent", ua.to_string(), "userAgent");
    }
    if let Some(t) = string_at(record, &["eventTime"]) {
        key("aws:CurrentTime", t.to_string(), "eventTime");
    }
    if record.get("tlsDetails").is_some() {
        key("aws:SecureTransport", "true".to_string(), "tlsDetails");
    }
    if let Some(v) = string_at(record, &["vpcEndpointId"]) {
        key("aws:SourceVpce", v.to_string(), "vpcEndpointId");
    }
}

fn principal_of(
    ui: &Json,
    context: &mut Vec<ImportedKey>,
    notes: &mut Vec<ImportNote>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let kind = ui.get("type").and_then(Json::as_str).unwrap_or("");
    let arn = ui.get("arn").and_then(Json::as_str);
    session_context(ui, kind, context);
    match (kind, arn) {
        ("IAMUser" | "AssumedRole" | "FederatedUser" | "Root", Some(arn)) => Some(arn.to_string()),
        ("AWSService", _) => match ui.get("invokedBy").and_then(Json::as_str) {
            Some(s) => Some(s.to_string()),
            None => {
                errors.push(
                    Diagnostic::error(
                        "import-missing",
                        "`userIdentity` is an AWS service but has no `invokedBy`",
                        opening(ui.span),
                    )
                    .with_help("the service principal (`ec2.amazonaws.com`) is in `invokedBy`"),
                );
                None
            }
        },
        ("AWSAccount", _) => {
            let account = ui.get("accountId").and_then(Json::as_str).unwrap_or("");
            notes.push(ImportNote::could_not_infer(format!(
                "which principal of account `{account}` called: CloudTrail names only the account; the scenario uses the account root, so replace it with the calling user or role"
            )));
            Some(format!("arn:aws:iam::{account}:root"))
        }
        ("WebIdentityUser" | "SAMLUser", _) => {
            match ui.get("identityProvider").and_then(Json::as_str) {
                Some(p) => Some(p.to_string()),
                None => {
                    errors.push(Diagnostic::error(
                        "import-missing",
                        "`userIdentity` has no `identityProvider`",
                        opening(ui.span),
                    ));
                    None
                }
            }
        }
        (_, Some(arn)) => Some(arn.to_string()),
        (k, None) => {
            errors.push(
                Diagnostic::error(
                    "import-no-principal",
                    if k.is_empty() {
                        "`userIdentity` has no `arn`".to_string()
                    } else {
                        format!("`userIdentity` of type `{k}` has no `arn`")
                    },
                    opening(ui.span),
                )
                .with_help("the playground needs the caller's ARN (an IAM user, role session, federated user or root)"),
            );
            None
        }
    }
}

/// The context keys `userIdentity` supplies: the user id, the role of a session, MFA and the
/// source identity.
fn session_context(ui: &Json, kind: &str, context: &mut Vec<ImportedKey>) {
    let mut push = |key: &str, value: &str, from: &str| {
        context.push(ImportedKey {
            key: key.to_string(),
            value: context_value(vec![value.to_string()]),
            from: from.to_string(),
        });
    };
    if let Some(id) = ui.get("principalId").and_then(Json::as_str) {
        if matches!(kind, "IAMUser" | "AssumedRole" | "Root" | "FederatedUser") && !id.is_empty() {
            push("aws:userid", id, "userIdentity.principalId");
        }
    }
    if kind == "AssumedRole" {
        if let Some(role) = string_at(ui, &["sessionContext", "sessionIssuer", "arn"]) {
            push(
                "aws:PrincipalArn",
                role,
                "userIdentity.sessionContext.sessionIssuer.arn",
            );
        }
    }
    if let Some(mfa) = string_at(ui, &["sessionContext", "attributes", "mfaAuthenticated"]) {
        push(
            "aws:MultiFactorAuthPresent",
            mfa,
            "userIdentity.sessionContext.attributes.mfaAuthenticated",
        );
    }
    if let Some(si) = string_at(ui, &["sessionContext", "sourceIdentity"]) {
        push(
            "aws:SourceIdentity",
            si,
            "userIdentity.sessionContext.sourceIdentity",
        );
    }
}
