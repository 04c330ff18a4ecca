//! A `REQUEST`: the principal, action, resource and context to decide.

use super::principal::check_request_principal;
use super::values::{check_request_action, check_resource, is_account_id, Bad};
use super::{get, scalar_text, Ctx, Unknown};
use crate::diagnostic::Diagnostic;
use crate::model::{ContextEntry, ContextValue, Request, Spanned};
use crate::parse::json::{Json, JsonKind, JsonPath, Member};

pub(super) const MEMBERS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "resourceAccount",
    "context",
];

pub(super) fn request(ctx: &mut Ctx, value: &Json, path: &JsonPath) -> Option<Request> {
    let members = ctx.object(
        value,
        path,
        "a request (`{\"principal\": ..., \"action\": ..., \"resource\": ...}`)",
    )?;
    ctx.unknown(
        members,
        MEMBERS,
        path,
        Unknown {
            noun: "member of a request",
            ..Unknown::MEMBER
        },
    );
    let principal = required(
        ctx,
        value,
        members,
        "principal",
        path,
        "`\"principal\": \"arn:aws:iam::111122223333:user/alice\"`",
        check_request_principal,
        "invalid-principal",
    );
    let action = required(
        ctx,
        value,
        members,
        "action",
        path,
        "`\"action\": \"s3:GetObject\"`",
        check_request_action,
        "invalid-action",
    );
    let resource = required(
        ctx,
        value,
        members,
        "resource",
        path,
        "`\"resource\": \"arn:aws:s3:::bucket/key\"` (or `\"*\"`)",
        check_resource,
        "invalid-arn",
    );
    let resource_account = get(members, "resourceAccount").and_then(|m| account(ctx, m, path));
    let context = match get(members, "context") {
        Some(m) => context(ctx, &m.value, &path.key("context")),
        None => Some(Vec::new()),
    };
    Some(Request {
        principal: principal?,
        action: action?,
        resource: resource?,
        resource_account,
        context: context?,
        span: value.span,
    })
}

#[allow(clippy::too_many_arguments)]
fn required(
    ctx: &mut Ctx,
    request: &Json,
    members: &[Member],
    key: &str,
    path: &JsonPath,
    example: &str,
    check: fn(&str) -> Result<(), Bad>,
    code: &'static str,
) -> Option<Spanned<String>> {
    let Some(m) = get(members, key) else {
        ctx.missing(
            request,
            path,
            "missing-member",
            format!("the request has no `{key}`"),
            &format!("add {example}"),
        );
        return None;
    };
    let member_path = path.key(key);
    let text = ctx.string(&m.value, &member_path, "a string")?;
    if let Err(bad) = check(text) {
        ctx.report(
            &member_path,
            Diagnostic::error(code, bad.message, m.value.span).with_help(bad.help),
        );
        return None;
    }
    Some(Spanned::new(text.to_string(), m.value.span))
}

fn account(ctx: &mut Ctx, m: &Member, path: &JsonPath) -> Option<Spanned<String>> {
    let account_path = path.key("resourceAccount");
    if let JsonKind::Number(_) = m.value.kind {
        ctx.report(
            &account_path,
            Diagnostic::error(
                "wrong-type",
                "expected an account id in a string, found a number",
                m.value.span,
            )
            .with_help("write account ids as strings, so leading zeros stay: `\"012345678901\"`"),
        );
        return None;
    }
    let text = ctx.string(&m.value, &account_path, "a 12-digit account id (a string)")?;
    if !is_account_id(text) {
        ctx.report(
            &account_path,
            Diagnostic::error(
                "invalid-account",
                format!("`{text}` is not a 12-digit account id"),
                m.value.span,
            )
            .with_help("an AWS account id is 12 digits, such as `111122223333`"),
        );
        return None;
    }
    Some(Spanned::new(text.to_string(), m.value.span))
}

/// `context`: key → string, number or boolean, or an array of them (a multivalued key).
/// Key names are case-insensitive ("IAM JSON policy elements: Condition"), so the same key
/// twice in different case is an error.
fn context(ctx: &mut Ctx, value: &Json, path: &JsonPath) -> Option<Vec<ContextEntry>> {
    let members = ctx.object_allowing_duplicates(
        value,
        path,
        "an object of context keys and values (`{\"aws:SourceIp\": \"203.0.113.5\"}`)",
    )?;
    let mut ok = true;
    let mut entries: Vec<ContextEntry> = Vec::with_capacity(members.len());
    let mut seen = std::collections::HashMap::with_capacity(members.len());
    for m in members {
        let key_path = path.key(&m.key);
        if let Some(first) = seen.insert(m.key.to_ascii_lowercase(), &*m.key) {
            let message = if first == m.key {
                format!("the context key `{}` is given twice", m.key)
            } else {
                format!(
                    "the context key `{}` is given twice, also as `{first}`",
                    m.key
                )
            };
            ctx.report(
                &key_path,
                Diagnostic::error("duplicate-key", message, m.key_span).with_help(
                    "context key names are case-insensitive in AWS; give each key once (several values go in an array)",
                ),
            );
            ok = false;
            continue;
        }
        let entry_value = if let Some(text) = scalar_text(&m.value) {
            Some(ContextValue::Single(text))
        } else if let JsonKind::Array(items) = &m.value.kind {
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match scalar_text(item) {
                    Some(text) => values.push(text),
                    None => {
                        ctx.wrong_type(item, &key_path.index(i), "a string, number or boolean");
                        ok = false;
                    }
                }
            }
            Some(ContextValue::Multi(values))
        } else {
            ctx.wrong_type(
                &m.value,
                &key_path,
                "a string, number or boolean, or an array of them",
            );
            ok = false;
            None
        };
        if let Some(value) = entry_value {
            entries.push(ContextEntry {
                key: Spanned::new(m.key.to_string(), m.key_span),
                value,
            });
        }
    }
    ok.then_some(entries)
}
