//! A policy document and its statements ("IAM JSON policy element reference"), with the
//! rules that depend on the kind of policy.

use std::collections::HashSet;

use crate::decide::variables::contains_variable;

use super::values::{self, Bad};
use super::{at, condition, get, principal, with_article, Ctx, Unknown};
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::model::{
    Effect, PatternElement, PolicyKind, PolicyVersion, PrincipalElement, Spanned, Statement,
};
use crate::parse::json::{Json, JsonKind, JsonPath, Member};

pub(super) const DOCUMENT_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];

pub(super) const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// Where AWS substitutes policy variables, for help texts.
const VARIABLES_HELP: &str = "AWS substitutes policy variables only in `Resource` and in condition values (\"IAM policy elements: Variables and tags\"); elsewhere `${...}` is not allowed";

/// What a document holds.
pub(super) struct Document {
    pub version: PolicyVersion,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
}

/// Whether IAM itself stores this kind of policy (and so applies its `Sid` rules).
pub(super) fn is_iam_policy(kind: PolicyKind) -> bool {
    matches!(kind, PolicyKind::Identity | PolicyKind::PermissionsBoundary)
}

/// Whether AWS Organizations stores this kind of policy (and so requires `Version`).
pub(super) fn is_organization_policy(kind: PolicyKind) -> bool {
    matches!(kind, PolicyKind::Scp | PolicyKind::Rcp)
}

/// Whether statements of this kind name the principals they are for (`Principal` or
/// `NotPrincipal` is required), as resource-based policies and RCPs do; in the other kinds the
/// principal is the identity the policy applies to, and naming one is an error.
pub(super) fn names_principal(kind: PolicyKind) -> bool {
    matches!(
        kind,
        PolicyKind::Resource | PolicyKind::Rcp | PolicyKind::VpcEndpoint
    )
}

/// Whether a statement of this kind may leave out `Resource`: a resource-based policy is about
/// the resource it is attached to (a role trust policy has no `Resource`).
pub(super) fn resource_optional(kind: PolicyKind) -> bool {
    kind == PolicyKind::Resource
}

pub(super) fn document(
    ctx: &mut Ctx,
    doc: &Json,
    kind: PolicyKind,
    path: &JsonPath,
) -> Option<Document> {
    let members = ctx.object(
        doc,
        path,
        "a policy document (an object with `Version` and `Statement`)",
    )?;
    ctx.unknown(members, DOCUMENT_ELEMENTS, path, Unknown::ELEMENT);
    let version = version(ctx, doc, members, kind, path);
    let id = get(members, "Id").and_then(|m| {
        ctx.string(&m.value, &path.key("Id"), "a string")
            .map(str::to_string)
    });
    let Some(statement_member) = get(members, "Statement") else {
        ctx.missing(
            doc,
            path,
            "missing-element",
            "the policy has no `Statement`".into(),
            "add the statements: `\"Statement\": [{\"Effect\": \"Allow\", \"Action\": ..., \"Resource\": ...}]`",
        );
        return None;
    };
    let statement_path = path.key("Statement");
    let value = &statement_member.value;
    let mut sids = HashSet::new();
    let mut statements = Vec::new();
    match &value.kind {
        JsonKind::Object(_) => {
            let s = statement(ctx, value, 0, kind, version, &statement_path, &mut sids);
            statements.extend(s);
        }
        JsonKind::Array(items) => {
            if items.is_empty() {
                ctx.report(
                    &statement_path,
                    Diagnostic::warning(
                        "empty-policy",
                        "`Statement` is empty, so this policy allows and denies nothing",
                        value.span,
                    )
                    .with_help("add a statement, or remove the policy"),
                );
            }
            for (i, item) in items.iter().enumerate() {
                let s = statement(
                    ctx,
                    item,
                    i,
                    kind,
                    version,
                    &statement_path.index(i),
                    &mut sids,
                );
                statements.extend(s);
            }
        }
        _ => ctx.wrong_type(
            value,
            &statement_path,
            "a statement (an object) or an array of statements",
        ),
    }
    Some(Document {
        version,
        id,
        statements,
    })
}

/// `Version` ("IAM JSON policy elements: Version"). SCPs and RCPs must say `2012-10-17`
/// ("SCP syntax", "RCP syntax", AWS Organizations User Guide).
fn version(
    ctx: &mut Ctx,
    doc: &Json,
    members: &[Member],
    kind: PolicyKind,
    path: &JsonPath,
) -> PolicyVersion {
    let Some(m) = get(members, "Version") else {
        if is_organization_policy(kind) {
            ctx.missing(
                doc,
                path,
                "invalid-version",
                format!(
                    "{} must have `\"Version\": \"2012-10-17\"`",
                    with_article(kind.label())
                ),
                "add `\"Version\": \"2012-10-17\"`; AWS Organizations requires it",
            );
        } else {
            ctx.report(
                path,
                Diagnostic::warning(
                    "missing-version",
                    "the policy has no `Version`, so policy variables such as `${aws:username}` are literal text",
                    super::opening(doc.span),
                )
                .with_help("add `\"Version\": \"2012-10-17\"`; without it AWS reads the policy as version `2008-10-17`"),
            );
        }
        return PolicyVersion::Absent;
    };
    let version_path = path.key("Version");
    let Some(text) = ctx.string(&m.value, &version_path, "a string (`\"2012-10-17\"`)") else {
        return PolicyVersion::Absent;
    };
    match text {
        "2012-10-17" => PolicyVersion::V2012_10_17,
        "2008-10-17" if is_organization_policy(kind) => {
            ctx.report(
                &version_path,
                Diagnostic::error(
                    "invalid-version",
                    format!(
                        "{} must use version `2012-10-17`",
                        with_article(kind.label())
                    ),
                    m.value.span,
                )
                .with_help("write `\"Version\": \"2012-10-17\"`; AWS Organizations requires it"),
            );
            PolicyVersion::V2008_10_17
        }
        "2008-10-17" => PolicyVersion::V2008_10_17,
        other => {
            ctx.report(
                &version_path,
                Diagnostic::error(
                    "invalid-version",
                    format!("unknown policy language version `{other}`"),
                    m.value.span,
                )
                .with_help("`Version` is `2012-10-17` (current) or `2008-10-17`: it is the date of the policy language, not of your policy"),
            );
            PolicyVersion::Absent
        }
    }
}

/// Reports `${` in an element where AWS does not substitute variables; true when clean.
fn no_variable(
    ctx: &mut Ctx,
    version: PolicyVersion,
    text: &str,
    span: Span,
    element: &str,
    path: &JsonPath,
) -> bool {
    if !version.has_variables() || !contains_variable(text) {
        return true;
    }
    ctx.report(
        path,
        Diagnostic::error(
            "variable-not-allowed",
            format!("policy variables are not allowed in `{element}`"),
            span,
        )
        .with_help(VARIABLES_HELP),
    );
    false
}

/// One of two exclusive elements (`Action`/`NotAction`...): `Err` when both are given.
fn either<'j>(
    ctx: &mut Ctx,
    members: &'j [Member<'j>],
    plain: &str,
    negated: &str,
    path: &JsonPath,
) -> Result<Option<(&'j Member<'j>, bool)>, ()> {
    match (get(members, plain), get(members, negated)) {
        (Some(a), Some(b)) => {
            let later = if a.key_span.start > b.key_span.start {
                a
            } else {
                b
            };
            ctx.report(
                &path.key(&later.key),
                Diagnostic::error(
                    "conflicting-elements",
                    format!("`{plain}` and `{negated}` cannot both be used in one statement"),
                    later.key_span,
                )
                .with_help(format!("keep either `{plain}` or `{negated}`")),
            );
            Err(())
        }
        (Some(a), None) => Ok(Some((a, false))),
        (None, Some(b)) => Ok(Some((b, true))),
        (None, None) => Ok(None),
    }
}

fn statement(
    ctx: &mut Ctx,
    value: &Json,
    index: usize,
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
    sids: &mut HashSet<String>,
) -> Option<Statement> {
    let members = ctx.object(
        value,
        path,
        "a statement (an object with `Effect`, `Action` and `Resource`)",
    )?;
    ctx.unknown(members, STATEMENT_ELEMENTS, path, Unknown::ELEMENT);
    let mut ok = true;

    let sid = get(members, "Sid").and_then(|m| sid(ctx, m, kind, version, path, sids));
    let effect = effect(ctx, value, members, version, path);

    ok &= rcp_allow_ok(ctx, members, kind, effect.as_ref(), path);
    let principal = match principal_element(ctx, value, members, kind, version, path) {
        Ok(p) => p,
        Err(()) => {
            ok = false;
            None
        }
    };
    ok &= not_principal_ok(ctx, principal.as_ref(), effect.as_ref(), path);
    let action = statement_action(ctx, value, members, kind, version, path);
    let resource = match statement_resource(ctx, value, members, kind, version, path) {
        Ok(r) => r,
        Err(()) => {
            ok = false;
            None
        }
    };

    let conditions = match get(members, "Condition") {
        Some(m) => match condition::conditions(ctx, &m.value, version, &path.key("Condition")) {
            Some(blocks) => blocks,
            None => {
                ok = false;
                Vec::new()
            }
        },
        None => Vec::new(),
    };

    let (Some(effect), Some(action), true) = (effect, action, ok) else {
        return None;
    };
    Some(Statement {
        index,
        sid,
        effect,
        principal,
        action,
        resource,
        conditions,
        span: value.span,
    })
}

/// "RCP syntax": the effect of Allow is only supported for `RCPFullAWSAccess`.
fn rcp_allow_ok(
    ctx: &mut Ctx,
    members: &[Member],
    kind: PolicyKind,
    effect: Option<&Spanned<Effect>>,
    path: &JsonPath,
) -> bool {
    let custom_rcp_allow = |e: &&Spanned<Effect>| {
        kind == PolicyKind::Rcp && e.value == Effect::Allow && !is_rcp_full_access(members)
    };
    if let Some(e) = effect.filter(custom_rcp_allow) {
        ctx.report(
            &path.key("Effect"),
            Diagnostic::error("rcp-allow", "custom RCPs can only deny", e.span)
                .with_help("AWS supports `Allow` only in `RCPFullAWSAccess`, which stays attached at every level: an RCP level allows whatever its Deny statements do not deny (\"RCP syntax\")"),
        );
        return false;
    }
    true
}

/// `NotPrincipal` goes with `Deny` only.
fn not_principal_ok(
    ctx: &mut Ctx,
    principal: Option<&PrincipalElement>,
    effect: Option<&Spanned<Effect>>,
    path: &JsonPath,
) -> bool {
    if let (Some(p), Some(e)) = (principal, effect) {
        if p.negated && e.value == Effect::Allow {
            ctx.report(
                &path.key("NotPrincipal"),
                Diagnostic::error(
                    "not-principal-allow",
                    "`NotPrincipal` cannot be used with `\"Effect\": \"Allow\"`",
                    p.span,
                )
                .with_help("AWS supports `NotPrincipal` only with `Deny` (\"AWS JSON policy elements: NotPrincipal\"); name the principals in `Principal` instead"),
            );
            return false;
        }
    }
    true
}

/// `Action` or `NotAction` (one is required).
fn statement_action(
    ctx: &mut Ctx,
    value: &Json,
    members: &[Member],
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<PatternElement> {
    match either(ctx, members, "Action", "NotAction", path) {
        Err(()) => None,
        Ok(None) => {
            ctx.missing(
                value,
                path,
                "missing-element",
                "the statement has no `Action` or `NotAction`".into(),
                "add the actions it is about, such as `\"Action\": \"s3:GetObject\"`",
            );
            None
        }
        Ok(Some((m, true))) if kind == PolicyKind::Rcp => {
            ctx.report(
                &path.key(&m.key),
                Diagnostic::error(
                    "element-not-allowed",
                    "`NotAction` is not supported in resource control policies",
                    m.key_span,
                )
                .with_help(
                    "RCPs take `Action` only (\"RCP syntax\", AWS Organizations User Guide)",
                ),
            );
            None
        }
        Ok(Some((m, negated))) => {
            // "RCP syntax": a customer managed RCP cannot use `*` as its action.
            let star = kind != PolicyKind::Rcp || is_rcp_full_access(members);
            actions(ctx, m, negated, star, version, path)
        }
    }
}

/// `Resource` or `NotResource` (optional where the policy is attached to the resource);
/// `Err` when it is wrong.
fn statement_resource(
    ctx: &mut Ctx,
    value: &Json,
    members: &[Member],
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
) -> Result<Option<PatternElement>, ()> {
    match either(ctx, members, "Resource", "NotResource", path)? {
        None if resource_optional(kind) => Ok(None),
        None => {
            ctx.missing(
                value,
                path,
                "missing-element",
                "the statement has no `Resource` or `NotResource`".into(),
                "add the resources it is about, such as `\"Resource\": \"*\"` (\"IAM JSON policy elements: Resource\")",
            );
            Err(())
        }
        Some((m, negated)) => resources(ctx, m, negated, version, path)
            .map(Some)
            .ok_or(()),
    }
}

/// `Sid` ("IAM JSON policy elements: Sid"): in IAM, ASCII letters and digits only, and
/// unique within the policy.
fn sid(
    ctx: &mut Ctx,
    m: &Member,
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
    sids: &mut HashSet<String>,
) -> Option<Spanned<String>> {
    let sid_path = path.key("Sid");
    let text = ctx.string(&m.value, &sid_path, "a string")?;
    if !no_variable(ctx, version, text, m.value.span, "Sid", &sid_path) {
        return None;
    }
    if is_iam_policy(kind) && !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        ctx.report(
            &sid_path,
            Diagnostic::error(
                "invalid-sid",
                format!("the Sid `{text}` has characters IAM does not accept"),
                m.value.span,
            )
            .with_help("IAM accepts only ASCII letters and digits in `Sid` (\"IAM JSON policy elements: Sid\")"),
        );
    }
    if !sids.insert(text.to_string()) && !text.is_empty() {
        let d = Diagnostic::error(
            "duplicate-sid",
            format!("the Sid `{text}` is already used by an earlier statement of this policy"),
            m.value.span,
        );
        let d = if is_iam_policy(kind) {
            d.with_help("IAM requires each `Sid` to be unique within a policy (\"IAM JSON policy elements: Sid\")")
        } else {
            d.with_severity(crate::diagnostic::Severity::Warning)
                .with_help("results name statements by Sid; give each statement its own")
        };
        ctx.report(&sid_path, d);
    }
    Some(Spanned::new(text.to_string(), m.value.span))
}

/// `Effect`: `Allow` or `Deny`, exactly ("IAM JSON policy elements: Effect").
fn effect(
    ctx: &mut Ctx,
    statement: &Json,
    members: &[Member],
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<Spanned<Effect>> {
    let Some(m) = get(members, "Effect") else {
        ctx.missing(
            statement,
            path,
            "missing-element",
            "the statement has no `Effect`".into(),
            "add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`",
        );
        return None;
    };
    let effect_path = path.key("Effect");
    let text = ctx.string(&m.value, &effect_path, "`\"Allow\"` or `\"Deny\"`")?;
    if !no_variable(ctx, version, text, m.value.span, "Effect", &effect_path) {
        return None;
    }
    match text {
        "Allow" => return Some(Spanned::new(Effect::Allow, m.value.span)),
        "Deny" => return Some(Spanned::new(Effect::Deny, m.value.span)),
        _ => {}
    }
    let close = did_you_mean(text, &["Allow", "Deny"]);
    let help = match close {
        Some(s) if s.eq_ignore_ascii_case(text) => {
            format!("did you mean `{s}`? the value is case-sensitive")
        }
        Some(s) => format!("did you mean `{s}`?"),
        None => "`Effect` is `Allow` or `Deny`".to_string(),
    };
    let d = Diagnostic::error(
        "invalid-effect",
        format!("invalid `Effect` `{text}`"),
        m.value.span,
    )
    .with_help(help);
    ctx.report(
        &effect_path,
        match close {
            Some(s) => d.with_string_replacement(s),
            None => d,
        },
    );
    None
}

/// `Principal`/`NotPrincipal` with the rules of each policy kind; `Err` after an error.
fn principal_element(
    ctx: &mut Ctx,
    statement: &Json,
    members: &[Member],
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
) -> Result<Option<PrincipalElement>, ()> {
    let allowed = names_principal(kind);
    match either(ctx, members, "Principal", "NotPrincipal", path)? {
        None if allowed => {
            let (message, help) = missing_principal(kind);
            ctx.missing(statement, path, "missing-element", message.into(), help);
            Err(())
        }
        None => Ok(None),
        Some((m, _)) if !allowed => {
            principal_not_allowed(ctx, m, kind, path);
            Err(())
        }
        Some((m, true)) if kind == PolicyKind::Rcp => {
            ctx.report(
                &path.key(&m.key),
                Diagnostic::error(
                    "element-not-allowed",
                    "`NotPrincipal` is not supported in resource control policies",
                    m.key_span,
                )
                .with_help("use `\"Principal\": \"*\"` and a condition on `aws:PrincipalArn` (\"AWS JSON policy elements: NotPrincipal\")"),
            );
            Err(())
        }
        Some((m, negated)) => {
            let element =
                principal::principal(ctx, m, negated, version, &path.key(&m.key)).ok_or(())?;
            let everyone = element
                .entries
                .iter()
                .all(|e| matches!(e, crate::model::PrincipalEntry::Any(_)));
            if kind == PolicyKind::Rcp && !everyone {
                ctx.report(
                    &path.key(&m.key),
                    Diagnostic::error(
                        "invalid-principal",
                        "the `Principal` of an RCP must be `\"*\"`",
                        m.value.span,
                    )
                    .with_help("RCPs apply to every principal; narrow them with a condition such as `aws:PrincipalArn` (\"RCP syntax\", AWS Organizations User Guide)"),
                );
                return Err(());
            }
            Ok(Some(element))
        }
    }
}

/// What to say when a statement of a policy that names principals has none.
fn missing_principal(kind: PolicyKind) -> (&'static str, &'static str) {
    if kind == PolicyKind::Rcp {
        (
            "an RCP statement needs `\"Principal\": \"*\"`",
            "RCPs apply to every principal; narrow them with conditions (\"RCP syntax\")",
        )
    } else if kind == PolicyKind::VpcEndpoint {
        (
            "a statement of a VPC endpoint policy needs a `Principal`",
            "an endpoint policy \"must contain a Principal element\" (\"Control access to VPC endpoints using endpoint policies\"); AWS's default endpoint policy uses `\"Principal\": \"*\"`",
        )
    } else {
        (
            "a statement of a resource-based policy needs a `Principal`",
            "name who the statement is for, such as `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}` (\"AWS JSON policy elements: Principal\")",
        )
    }
}

/// A `Principal` in a policy that takes none.
fn principal_not_allowed(ctx: &mut Ctx, m: &Member, kind: PolicyKind, path: &JsonPath) {
    let help = if kind == PolicyKind::Scp {
        "an SCP applies to the IAM users and roles of the accounts it is attached to; SCPs take no `Principal` (\"SCP syntax\", AWS Organizations User Guide)".to_string()
    } else {
        format!(
            "in {} the principal is the identity the policy applies to; `Principal` belongs in resource-based policies (\"AWS JSON policy elements: Principal\")",
            with_article(kind.label())
        )
    };
    ctx.report(
        &path.key(&m.key),
        Diagnostic::error(
            "element-not-allowed",
            format!(
                "`{}` is not allowed in {}",
                m.key,
                with_article(kind.label())
            ),
            m.key_span,
        )
        .with_help(help),
    );
}

/// Whether a statement is `RCPFullAWSAccess`'s: allow everything to everyone.
fn is_rcp_full_access(members: &[Member]) -> bool {
    let star = |key: &str| get(members, key).is_some_and(|m| m.value.as_str() == Some("*"));
    get(members, "Effect").is_some_and(|m| m.value.as_str() == Some("Allow"))
        && star("Principal")
        && star("Action")
        && star("Resource")
        && members.iter().all(|m| {
            matches!(
                &*m.key,
                "Sid" | "Effect" | "Principal" | "Action" | "Resource"
            )
        })
}

fn invalid(ctx: &mut Ctx, path: &JsonPath, code: &'static str, span: Span, bad: Bad) {
    ctx.report(
        path,
        Diagnostic::error(code, bad.message, span).with_help(bad.help),
    );
}

/// `Action`/`NotAction`.
fn actions(
    ctx: &mut Ctx,
    m: &Member,
    negated: bool,
    star_allowed: bool,
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<PatternElement> {
    let element_path = path.key(&m.key);
    let list = ctx.string_list(&m.value, &element_path)?;
    let mut ok = true;
    let mut patterns = Vec::with_capacity(list.len());
    for (text, span, index) in list {
        let value_path = at(&element_path, index);
        if !no_variable(ctx, version, text, span, &m.key, &value_path) {
            ok = false;
        } else if text == "*" && !star_allowed {
            let bad = Bad {
                message: "a resource control policy cannot use `*` as an action".into(),
                help: "name the service, such as `s3:*` (\"RCP syntax\", AWS Organizations User Guide)".into(),
            };
            invalid(ctx, &value_path, "invalid-action", span, bad);
            ok = false;
        } else if let Err(bad) = values::check_action_pattern(text) {
            invalid(ctx, &value_path, "invalid-action", span, bad);
            ok = false;
        }
        patterns.push(Spanned::new(text.to_string(), span));
    }
    ok.then_some(PatternElement {
        negated,
        patterns,
        span: m.value.span,
    })
}

/// `Resource`/`NotResource`.
fn resources(
    ctx: &mut Ctx,
    m: &Member,
    negated: bool,
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<PatternElement> {
    let element_path = path.key(&m.key);
    let list = ctx.string_list(&m.value, &element_path)?;
    let mut ok = true;
    let mut patterns = Vec::with_capacity(list.len());
    for (text, span, index) in list {
        let value_path = at(&element_path, index);
        if version.has_variables() {
            if !ctx.variable_syntax(text, span, &value_path) {
                ok = false;
                continue;
            }
            if values::variable_before_resource_part(text) {
                // The documentation says variables cannot replace the parts before the fifth
                // colon, yet AWS publishes managed policies that do
                // (`AmazonTimestreamInfluxDBServiceRolePolicy` uses `${aws:PrincipalAccount}` as
                // the account), so AWS accepts such a policy: warn, and substitute it.
                ctx.report(
                    &value_path,
                    Diagnostic::warning(
                        "variable-before-resource-part",
                        format!("`{text}` has a policy variable before the resource part of the ARN"),
                        span,
                    )
                    .with_help("\"IAM policy elements: Variables and tags\" says variables are meant for the resource part, after the fifth colon; AWS accepts this, and the playground substitutes it like any other variable"),
                );
            }
        }
        if let Some(full) = values::short_arn_pattern(text) {
            ctx.report(
                &value_path,
                Diagnostic::warning(
                    "short-arn",
                    format!("`{text}` has fewer than the six parts of an ARN; its final `*` covers the rest, colons included, as `{full}` does"),
                    span,
                )
                .with_help(format!("AWS evaluates it so (\"IAM JSON policy elements: Resource\": a `*` that ends a segment can match beyond the colons), but IAM Access Analyzer reports it as an error (\"Missing ARN field\"): write `{full}`")),
            );
        } else if let Err(bad) = values::check_resource(text) {
            invalid(ctx, &value_path, "invalid-arn", span, bad);
            ok = false;
        }
        patterns.push(Spanned::new(text.to_string(), span));
    }
    ok.then_some(PatternElement {
        negated,
        patterns,
        span: m.value.span,
    })
}
