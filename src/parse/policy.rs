//! A policy document and its statements ("IAM JSON policy element reference"), with the
//! rules that depend on the kind of policy.

use rustc_hash::FxHashSet as HashSet;

use crate::decide::variables::contains_variable;

use super::values::{self, Bad};
use super::{at, condition, get, principal, Ctx, Unknown};
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::i18n::Msg;
use crate::model::{
    Effect, PatternElement, PolicyKind, PolicyVersion, PrincipalElement, Spanned, Statement, Str,
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
    let members = ctx.object(doc, path, Msg::new("parse.want.policy-document"))?;
    ctx.unknown(members, DOCUMENT_ELEMENTS, path, Unknown::ELEMENT);
    let version = version(ctx, doc, members, kind, path);
    let id = get(members, "Id").and_then(|m| {
        ctx.string(&m.value, &path.key("Id"), Msg::new("parse.want.string"))
            .map(str::to_string)
    });
    let Some(statement_member) = get(members, "Statement") else {
        ctx.require(
            doc,
            path,
            "missing-element",
            Msg::new("parse.no-statement"),
            Msg::new("parse.no-statement.help"),
        );
        return None;
    };
    let statement_path = path.key("Statement");
    let value = &statement_member.value;
    let mut sids = HashSet::default();
    let mut statements = Vec::with_capacity(value.as_array().map_or(1, <[_]>::len));
    match &value.kind {
        JsonKind::Object(_) => {
            let s = statement(ctx, value, 0, kind, version, &statement_path, &mut sids);
            statements.extend(s);
        }
        JsonKind::Array(items) => {
            if items.is_empty() {
                ctx.report(
                    &statement_path,
                    Diagnostic::warning("empty-policy", Msg::new("parse.empty-policy"), value.span)
                        .with_help(Msg::new("parse.empty-policy.help")),
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
        _ => ctx.wrong_type(value, &statement_path, Msg::new("parse.want.statements")),
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
            ctx.require(
                doc,
                path,
                "invalid-version",
                Msg::new("parse.version.required").phrase("kind", kind.a_noun()),
                Msg::new("parse.version.required.help"),
            );
        } else {
            ctx.report(
                path,
                Diagnostic::warning(
                    "missing-version",
                    Msg::new("parse.version.missing"),
                    super::opening(doc.span),
                )
                .with_help(Msg::new("parse.version.missing.help")),
            );
        }
        return PolicyVersion::Absent;
    };
    let version_path = path.key("Version");
    let Some(text) = ctx.string(&m.value, &version_path, Msg::new("parse.want.version")) else {
        return PolicyVersion::Absent;
    };
    match text {
        "2012-10-17" => PolicyVersion::V2012_10_17,
        "2008-10-17" if is_organization_policy(kind) => {
            ctx.report(
                &version_path,
                Diagnostic::error(
                    "invalid-version",
                    Msg::new("parse.version.old").phrase("kind", kind.a_noun()),
                    m.value.span,
                )
                .with_help(Msg::new("parse.version.old.help")),
            );
            PolicyVersion::V2008_10_17
        }
        "2008-10-17" => PolicyVersion::V2008_10_17,
        other => {
            ctx.report(
                &version_path,
                Diagnostic::error(
                    "invalid-version",
                    Msg::new("parse.version.unknown").arg("version", other),
                    m.value.span,
                )
                .with_help(Msg::new("parse.version.unknown.help")),
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
            Msg::new("parse.variable-in-element").arg("element", element),
            span,
        )
        .with_help(Msg::new("parse.variable-in-element.help")),
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
                    Msg::new("parse.conflicting-elements")
                        .arg("plain", plain)
                        .arg("negated", negated),
                    later.key_span,
                )
                .with_help(
                    Msg::new("parse.conflicting-elements.help")
                        .arg("plain", plain)
                        .arg("negated", negated),
                ),
            );
            Err(())
        }
        (Some(a), None) => Ok(Some((a, false))),
        (None, Some(b)) => Ok(Some((b, true))),
        (None, None) => Ok(None),
    }
}

fn statement<'j>(
    ctx: &mut Ctx,
    value: &'j Json<'j>,
    index: usize,
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
    sids: &mut HashSet<&'j str>,
) -> Option<Statement> {
    let members = ctx.object(value, path, Msg::new("parse.want.statement"))?;
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
            Diagnostic::error("rcp-allow", Msg::new("parse.rcp-allow"), e.span)
                .with_help(Msg::new("parse.rcp-allow.help")),
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
                    Msg::new("parse.not-principal-allow"),
                    p.span,
                )
                .with_help(Msg::new("parse.not-principal-allow.help")),
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
            ctx.require(
                value,
                path,
                "missing-element",
                Msg::new("parse.no-action"),
                Msg::new("parse.no-action.help"),
            );
            None
        }
        Ok(Some((m, true))) if kind == PolicyKind::Rcp => {
            ctx.report(
                &path.key(&m.key),
                Diagnostic::error(
                    "element-not-allowed",
                    Msg::new("parse.rcp-not-action"),
                    m.key_span,
                )
                .with_help(Msg::new("parse.rcp-not-action.help")),
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
            ctx.require(
                value,
                path,
                "missing-element",
                Msg::new("parse.no-resource"),
                Msg::new("parse.no-resource.help"),
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
fn sid<'j>(
    ctx: &mut Ctx,
    m: &'j Member<'j>,
    kind: PolicyKind,
    version: PolicyVersion,
    path: &JsonPath,
    sids: &mut HashSet<&'j str>,
) -> Option<Spanned<Str>> {
    let sid_path = path.key("Sid");
    let text = ctx.string(&m.value, &sid_path, Msg::new("parse.want.string"))?;
    if !no_variable(ctx, version, text, m.value.span, "Sid", &sid_path) {
        return None;
    }
    if is_iam_policy(kind) && !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        ctx.report(
            &sid_path,
            Diagnostic::error(
                "invalid-sid",
                Msg::new("parse.invalid-sid").arg("sid", text),
                m.value.span,
            )
            .with_help(Msg::new("parse.invalid-sid.help")),
        );
    }
    if !sids.insert(text) && !text.is_empty() {
        let d = Diagnostic::error(
            "duplicate-sid",
            Msg::new("parse.duplicate-sid").arg("sid", text),
            m.value.span,
        );
        let d = if is_iam_policy(kind) {
            d.with_help(Msg::new("parse.duplicate-sid.help.iam"))
        } else {
            d.with_severity(crate::diagnostic::Severity::Warning)
                .with_help(Msg::new("parse.duplicate-sid.help"))
        };
        ctx.report(&sid_path, d);
    }
    Some(Spanned::new(Str::from(text), m.value.span))
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
        ctx.require(
            statement,
            path,
            "missing-element",
            Msg::new("parse.no-effect"),
            Msg::new("parse.no-effect.help"),
        );
        return None;
    };
    let effect_path = path.key("Effect");
    let text = ctx.string(&m.value, &effect_path, Msg::new("parse.want.effect"))?;
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
            Msg::new("parse.did-you-mean.value-case").arg("name", s)
        }
        Some(s) => Msg::new("help.did-you-mean").arg("name", s),
        None => Msg::new("parse.effect.help"),
    };
    let d = Diagnostic::error(
        "invalid-effect",
        Msg::new("parse.invalid-effect").arg("effect", text),
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
            let (message, help) = (Msg::new(message), Msg::new(help));
            ctx.require(statement, path, "missing-element", message, help);
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
                    Msg::new("parse.rcp-not-principal"),
                    m.key_span,
                )
                .with_help(Msg::new("parse.rcp-not-principal.help")),
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
                        Msg::new("parse.rcp-principal"),
                        m.value.span,
                    )
                    .with_help(Msg::new("parse.rcp-principal.help")),
                );
                return Err(());
            }
            Ok(Some(element))
        }
    }
}

/// What to say when a statement of a policy that names principals has none (the catalog keys
/// of the message and the help).
fn missing_principal(kind: PolicyKind) -> (&'static str, &'static str) {
    if kind == PolicyKind::Rcp {
        ("parse.no-principal.rcp", "parse.no-principal.rcp.help")
    } else if kind == PolicyKind::VpcEndpoint {
        (
            "parse.no-principal.endpoint",
            "parse.no-principal.endpoint.help",
        )
    } else {
        ("parse.no-principal", "parse.no-principal.help")
    }
}

/// A `Principal` in a policy that takes none.
fn principal_not_allowed(ctx: &mut Ctx, m: &Member, kind: PolicyKind, path: &JsonPath) {
    let help = if kind == PolicyKind::Scp {
        Msg::new("parse.principal-not-allowed.scp.help")
    } else {
        Msg::new("parse.principal-not-allowed.help").phrase("kind", kind.a_noun())
    };
    ctx.report(
        &path.key(&m.key),
        Diagnostic::error(
            "element-not-allowed",
            Msg::new("parse.principal-not-allowed")
                .arg("element", &m.key)
                .phrase("kind", kind.a_noun()),
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
    for (text, span, index) in list.iter() {
        let value_path = at(&element_path, index);
        if !no_variable(ctx, version, text, span, &m.key, &value_path) {
            ok = false;
        } else if text == "*" && !star_allowed {
            let bad = Bad {
                message: Msg::new("parse.rcp-star-action").into(),
                help: Msg::new("parse.rcp-star-action.help").into(),
            };
            invalid(ctx, &value_path, "invalid-action", span, bad);
            ok = false;
        } else if let Err(bad) = values::check_action_pattern(text) {
            invalid(ctx, &value_path, "invalid-action", span, bad);
            ok = false;
        }
        patterns.push(Spanned::new(Str::from(text), span));
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
    for (text, span, index) in list.iter() {
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
                        Msg::new("parse.variable-before-resource-part").arg("resource", text),
                        span,
                    )
                    .with_help(Msg::new("parse.variable-before-resource-part.help")),
                );
            }
        }
        if let Some(full) = values::short_arn_pattern(text) {
            ctx.report(
                &value_path,
                Diagnostic::warning(
                    "short-arn",
                    Msg::new("parse.short-arn")
                        .arg("resource", text)
                        .arg("full", &full),
                    span,
                )
                .with_help(Msg::new("parse.short-arn.help").arg("full", &full)),
            );
        } else if let Err(bad) = values::check_resource(text) {
            invalid(ctx, &value_path, "invalid-arn", span, bad);
            ok = false;
        }
        patterns.push(Spanned::new(Str::from(text), span));
    }
    ok.then_some(PatternElement {
        negated,
        patterns,
        span: m.value.span,
    })
}
