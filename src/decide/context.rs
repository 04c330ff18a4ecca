//! The request context: the keys the user supplied, plus the keys AWS always supplies that
//! follow from the request (derived here and marked as such).
//!
//! Key names are case-insensitive ("IAM JSON policy elements: Condition": condition key names
//! are not case-sensitive). A value the user supplies always wins over a derived one.
//! Keys that cannot be derived (`aws:userid` holds unique ids, `aws:CurrentTime` is the
//! user's to set) stay missing until supplied.

use std::borrow::Cow;

use crate::decide::matching::arn::parse_arn;
use crate::decide::principal::{PrincipalKind, RequestPrincipal};
use crate::model::{ContextValue, Request};

/// Where a context value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The user supplied it in the request.
    Request,
    /// Derived by the engine; from what, as a catalog phrase (`context.from.*`).
    Derived(&'static str),
}

/// One key of the context.
#[derive(Debug, Clone)]
pub struct ContextItem {
    /// The key as written (supplied) or as AWS spells it (derived: the engine's own text, not
    /// copied for each request). Looked up without case.
    pub key: Cow<'static, str>,
    /// The value.
    pub value: ContextValue,
    /// Where it came from.
    pub source: Source,
}

/// The request context of one request.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    items: Vec<ContextItem>,
    /// The resource's account ([`resource_account`]), found once, when the context is built.
    resource_account: Option<String>,
}

impl RequestContext {
    /// The item for `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&ContextItem> {
        self.items.iter().find(|i| i.key.eq_ignore_ascii_case(key))
    }

    /// The single value of `key`, for policy variables: `None` when missing or multivalued
    /// (AWS cannot substitute a multivalued key).
    pub fn single(&self, key: &str) -> Option<String> {
        match self.get(key).map(|i| &i.value) {
            Some(ContextValue::Single(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// The resource's account as the decision reads it: `resourceAccount` if given, else the
    /// account in the resource ARN, else (S3 buckets and objects, `*`, and a resource AWS owns)
    /// the principal's. `aws:ResourceAccount` is derived from it (`aws` for a resource AWS
    /// owns), even when the request supplies that key itself.
    pub fn resource_account(&self) -> Option<&str> {
        self.resource_account.as_deref()
    }

    /// Every item: supplied keys first in source order, then derived keys.
    pub fn items(&self) -> &[ContextItem] {
        &self.items
    }

    fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: ContextValue, source: Source) {
        let key = key.into();
        if self.get(&key).is_some() {
            return;
        }
        self.items.push(ContextItem { key, value, source });
    }
}

/// Builds the context of a request: the supplied keys, then the derived ones.
pub fn build(request: &Request, principal: &RequestPrincipal) -> RequestContext {
    let mut ctx = RequestContext::default();
    for entry in &request.context {
        let key = entry.key.value.clone();
        ctx.insert(key, entry.value.clone(), Source::Request);
    }
    let from_principal = || Source::Derived("context.from.principal-arn");
    if let Some(arn) = principal.principal_arn() {
        ctx.insert(
            "aws:PrincipalArn",
            ContextValue::Single(arn),
            from_principal(),
        );
    }
    if let Some(account) = &principal.account {
        if principal.kind.is_iam_identity() {
            ctx.insert(
                "aws:PrincipalAccount",
                ContextValue::Single(account.clone()),
                from_principal(),
            );
        }
    }
    if let Some(t) = principal.kind.principal_type() {
        // "AWS global condition context keys": aws:PrincipalType "is included in the request
        // context for all requests, including anonymous requests".
        let source = if principal.kind == PrincipalKind::Anonymous {
            Source::Derived("context.from.unsigned")
        } else {
            from_principal()
        };
        ctx.insert(
            "aws:PrincipalType",
            ContextValue::Single(t.to_string()),
            source,
        );
    }
    if principal.kind == PrincipalKind::User {
        if let Some(name) = &principal.name {
            ctx.insert(
                "aws:username",
                ContextValue::Single(name.clone()),
                from_principal(),
            );
        }
    }
    if principal.kind == PrincipalKind::Service {
        ctx.insert(
            "aws:PrincipalIsAWSService",
            ContextValue::Single("true".to_string()),
            Source::Derived("context.from.service-principal"),
        );
        ctx.insert(
            "aws:PrincipalServiceName",
            ContextValue::Single(principal.text.clone()),
            Source::Derived("context.from.service-principal"),
        );
    } else if principal.kind.is_iam_identity() {
        ctx.insert(
            "aws:PrincipalIsAWSService",
            ContextValue::Single("false".to_string()),
            from_principal(),
        );
    }
    add_resource_account(&mut ctx, request, principal);
    ctx
}

/// The resource's account, kept for the decision, and `aws:ResourceAccount` derived from it.
///
/// A resource AWS owns (an ARN whose account is `aws`, as an AWS managed policy's,
/// `arn:aws:iam::aws:policy/ReadOnlyAccess`) belongs to "a service-managed account outside of
/// your AWS Organizations" (IAM User Guide, "AWS: Deny access to resources outside your account
/// except AWS managed IAM policies"): `aws:ResourceAccount` is that account, never the
/// caller's, so that a Deny on `StringNotEquals` with your accounts denies reading managed
/// policies (which that page's example exempts by name). AWS does not publish its ID: the key
/// holds `aws`, as the ARN writes it. The decision still treats such a resource as the
/// caller's side (it has no resource-based policy to ask).
fn add_resource_account(ctx: &mut RequestContext, request: &Request, principal: &RequestPrincipal) {
    let arn_account = parse_arn(&request.resource.value)
        .map(|a| a.account)
        .filter(|a| !a.is_empty());
    // (the account the decision reads, where it comes from, whether AWS owns the resource)
    let (account, from, aws_owned) = match (&request.resource_account, arn_account) {
        (Some(given), _) => (
            Some(given.value.clone()),
            "context.from.resource-account",
            false,
        ),
        (None, Some("aws")) => (principal.account.clone(), "context.from.aws-owned", true),
        (None, Some(account)) => (Some(account.to_owned()), "context.from.resource-arn", false),
        (None, None) => (
            principal.account.clone(),
            "context.from.principal-account",
            false,
        ),
    };
    let key = if aws_owned {
        Some("aws".to_owned())
    } else {
        account.clone()
    };
    ctx.resource_account = account;
    let Some(key) = key else {
        return;
    };
    ctx.insert(
        "aws:ResourceAccount",
        ContextValue::Single(key),
        Source::Derived(from),
    );
}
