//! `{"managed": "AmazonEC2FullAccess"}`: an AWS managed policy by name, wherever a policy may
//! stand (a project extension of the scenario format, see `docs/data-files.md`).
//!
//! The document comes from the loaded [`ManagedPolicies`](crate::aws::managed::ManagedPolicies),
//! not from the scenario text, so its statements have no place of their own in the text:
//! every span of the document is set to the span of the name (`"AmazonEC2FullAccess"`), so
//! that results and diagnostics about it point at the name; the policy's `document_span` is
//! the `{"managed": ...}` object itself. [`is_managed`] recognises such a policy.

use super::{get, policy, Ctx, Unknown};
use crate::aws::managed::ManagedPolicy;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Msg;
use crate::model::{Policy, PolicyKind};
use crate::parse::json::{self, Json, JsonKind, JsonPath};

/// Sets every span of `value` (keys included) to `span`.
pub(super) fn relocate(value: &mut Json, span: Span) {
    value.span = span;
    match &mut value.kind {
        JsonKind::Array(items) => items.iter_mut().for_each(|v| relocate(v, span)),
        JsonKind::Object(members) => {
            for m in members {
                m.key_span = span;
                relocate(&mut m.value, span);
            }
        }
        _ => {}
    }
}

/// True when `policy` came from `{"managed": ...}` (its document is AWS's, not the user's).
pub fn is_managed(policy: &Policy) -> bool {
    policy.managed.is_some()
}

pub(super) fn policy(
    ctx: &mut Ctx,
    value: &Json,
    kind: PolicyKind,
    index: usize,
    position: Option<usize>,
    path: &JsonPath,
) -> Option<Policy> {
    let members = ctx.object(value, path, Msg::new("parse.want.managed"))?;
    ctx.unknown(
        members,
        &["managed"],
        path,
        Unknown {
            message: "parse.unknown.managed-member",
            ..Unknown::MEMBER
        },
    );
    let m = get(members, "managed")?;
    let name_path = path.key("managed");
    let name = ctx.string(&m.value, &name_path, Msg::new("parse.want.managed-name"))?;
    let span = m.value.span;
    let found = find(ctx, name, span, &name_path)?;
    let mut document = read_document(ctx, found.document, name, span, &name_path)?;
    relocate(&mut document, span);
    let doc = policy::document(ctx, &document, kind, &name_path)?;
    Some(Policy {
        kind,
        index,
        position,
        name: Some(found.name.to_string()),
        version: doc.version,
        id: doc.id,
        statements: doc.statements,
        span: value.span,
        // The entry as written (`{"managed": "Name"}`) is the document's place in the text:
        // a host that copies the document text out of the scenario gets the reference back.
        document_span: value.span,
        managed: Some(found.name.to_string()),
    })
}

/// The managed policy named `name`, or an error at `span`.
fn find<'s>(
    ctx: &mut Ctx<'s>,
    name: &str,
    span: Span,
    name_path: &JsonPath,
) -> Option<ManagedPolicy<'s>> {
    let Some(managed) = ctx.managed else {
        ctx.report(
            name_path,
            Diagnostic::error(
                "managed-policies-not-loaded",
                Msg::new("managed.not-loaded").arg("name", name),
                span,
            )
            .with_help(Msg::new("managed.not-loaded.help")),
        );
        return None;
    };
    match managed.lookup(name) {
        Ok(p) => Some(p),
        Err(unknown) => {
            let d = unknown.diagnostic(name).at(span);
            // The name's string literal: its correction is a one-click replace on the page.
            let d = match &unknown.suggestion {
                Some(s) => d.with_string_replacement(s),
                None => d,
            };
            ctx.report(name_path, d);
            None
        }
    }
}

/// A managed policy's document, read from the data file.
fn read_document<'d>(
    ctx: &mut Ctx,
    document: &'d str,
    name: &str,
    span: Span,
    name_path: &JsonPath,
) -> Option<Json<'d>> {
    match json::parse(document) {
        Ok(d) => Some(d),
        Err(e) => {
            ctx.report(
                name_path,
                Diagnostic::error(
                    "unknown-managed-policy",
                    Msg::new("managed.unreadable")
                        .arg("name", name)
                        .arg("error", &e.message),
                    span,
                )
                .with_help(Msg::new("managed.unreadable.help")),
            );
            None
        }
    }
}
