//! A `REQUEST`: the principal, action, resource and context to decide.

use super::principal::check_request_principal;
use super::values::{check_request_action, check_resource, is_account_id, Bad};
use super::{get, scalar_text, Ctx, Unknown};
use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
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
    let members = ctx.object(value, path, Msg::new("parse.want.request"))?;
    ctx.unknown(
        members,
        MEMBERS,
        path,
        Unknown {
            message: "parse.unknown.request-member",
            ..Unknown::MEMBER
        },
    );
    let principal = required(
        ctx,
        value,
        members,
        "principal",
        path,
        "parse.request.add-principal",
        check_request_principal,
        "invalid-principal",
    );
    let action = required(
        ctx,
        value,
        members,
        "action",
        path,
        "parse.request.add-action",
        check_request_action,
        "invalid-action",
    );
    let resource = required(
        ctx,
        value,
        members,
        "resource",
        path,
        "parse.request.add-resource",
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
    add: &'static str,
    check: fn(&str) -> Result<(), Bad>,
    code: &'static str,
) -> Option<Spanned<String>> {
    let Some(m) = get(members, key) else {
        ctx.require(
            request,
            path,
            "missing-member",
            Msg::new("parse.request.missing").arg("key", key),
            Msg::new(add),
        );
        return None;
    };
    let member_path = path.key(key);
    let text = ctx.string(&m.value, &member_path, Msg::new("parse.want.string"))?;
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
                Msg::new("parse.account-as-number"),
                m.value.span,
            )
            .with_help(Msg::new("parse.account-as-number.help")),
        );
        return None;
    }
    let text = ctx.string(&m.value, &account_path, Msg::new("parse.want.account-id"))?;
    if !is_account_id(text) {
        ctx.report(
            &account_path,
            Diagnostic::error(
                "invalid-account",
                Msg::new("parse.invalid-account").arg("value", text),
                m.value.span,
            )
            .with_help(Msg::new("parse.invalid-account.help")),
        );
        return None;
    }
    Some(Spanned::new(text.to_string(), m.value.span))
}

/// `context`: key → string, number or boolean, or an array of them (a multivalued key).
/// Key names are case-insensitive ("IAM JSON policy elements: Condition"), so the same key
/// twice in different case is an error.
fn context(ctx: &mut Ctx, value: &Json, path: &JsonPath) -> Option<Vec<ContextEntry>> {
    let members = ctx.object_allowing_duplicates(value, path, Msg::new("parse.want.context"))?;
    let mut ok = true;
    let mut entries: Vec<ContextEntry> = Vec::with_capacity(members.len());
    let mut seen = std::collections::HashMap::with_capacity(members.len());
    for m in members {
        let key_path = path.key(&m.key);
        if let Some(first) = seen.insert(m.key.to_ascii_lowercase(), &*m.key) {
            let message = if first == m.key {
                Msg::new("parse.duplicate-context-key").arg("key", &m.key)
            } else {
                Msg::new("parse.duplicate-context-key.other-case")
                    .arg("key", &m.key)
                    .arg("first", first)
            };
            ctx.report(
                &key_path,
                Diagnostic::error("duplicate-key", message, m.key_span)
                    .with_help(Msg::new("parse.duplicate-context-key.help")),
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
                        ctx.wrong_type(item, &key_path.index(i), Msg::new("parse.want.scalar"));
                        ok = false;
                    }
                }
            }
            Some(ContextValue::Multi(values))
        } else {
            ctx.wrong_type(&m.value, &key_path, Msg::new("parse.want.condition-values"));
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
