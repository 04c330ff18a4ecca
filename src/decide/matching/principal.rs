//! `Principal` / `NotPrincipal` matching ("AWS JSON policy elements: Principal" and
//! "NotPrincipal").
//!
//! - `"*"` and `{"AWS": "*"}` name everyone.
//! - `{"AWS": "111122223333"}` is the same as `arn:aws:iam::111122223333:root`: the account,
//!   which names every principal of that account (the account then delegates through its own
//!   identity-based policies).
//! - A role ARN names every session of that role; a session ARN names that one session.
//! - `NotPrincipal` excludes a principal only when every identity it has (session, role,
//!   account) is listed; with `Deny` it never excludes a principal that has a permissions
//!   boundary ("Permissions boundaries for IAM entities": "The NotPrincipal element with a Deny
//!   effect will always deny any IAM principal that has a permissions boundary policy attached").

use crate::decide::principal::{MatchLevel, PrincipalKind, RequestPrincipal};
use crate::i18n::Msg;
use crate::model::{PrincipalElement, PrincipalEntry};

/// How a `Principal` / `NotPrincipal` element matched.
#[derive(Debug, Clone)]
pub struct PrincipalMatch {
    /// Whether the statement applies to the principal.
    pub matched: bool,
    /// For `Principal`: the most specific way it named the principal.
    pub level: Option<MatchLevel>,
    /// The entry that named it (or, for `NotPrincipal`, why it applies).
    pub matched_value: Option<String>,
    /// A sentence for people, in no language yet.
    pub detail: Msg,
}

fn entry_names(
    entry: &PrincipalEntry,
    identity_level: MatchLevel,
    identity: &str,
    p: &RequestPrincipal,
) -> bool {
    match entry {
        PrincipalEntry::Any(_) => true,
        PrincipalEntry::Aws(v) => {
            let v = v.value.as_str();
            if v == "*" {
                return true;
            }
            let as_arn = if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
                format!("arn:{}:iam::{}:root", p.partition, v)
            } else {
                v.to_string()
            };
            if as_arn == identity {
                return true;
            }
            // A session's role ARN derived from the session ARN has no path: match the policy's
            // role ARN by account and role name.
            identity_level == MatchLevel::Role && same_role_ignoring_path(&as_arn, identity)
        }
        PrincipalEntry::Service(v) => {
            p.kind == PrincipalKind::Service && v.value.eq_ignore_ascii_case(identity)
        }
        PrincipalEntry::Federated(v) => p.kind == PrincipalKind::WebIdentity && v.value == identity,
        PrincipalEntry::CanonicalUser(v) => {
            p.kind == PrincipalKind::CanonicalUser && v.value.eq_ignore_ascii_case(identity)
        }
    }
}

/// A session's role ARN derived from its session ARN has no path (session ARNs drop it). Such
/// an ARN names the same role as a policy's `arn:aws:iam::A:role/path/Name` when account and
/// name agree. (Supply `aws:PrincipalArn` to give the role's exact ARN.)
fn same_role_ignoring_path(policy_arn: &str, derived: &str) -> bool {
    let (Some((pa, prest)), Some((da, drest))) = (
        policy_arn.split_once(":role/"),
        derived.split_once(":role/"),
    ) else {
        return false;
    };
    pa == da && !drest.contains('/') && prest.rsplit('/').next() == Some(drest)
}

fn entry_text(entry: &PrincipalEntry) -> String {
    match entry {
        PrincipalEntry::Any(_) => "*".to_string(),
        PrincipalEntry::Aws(v) => format!("AWS: {}", v.value),
        PrincipalEntry::Service(v) => format!("Service: {}", v.value),
        PrincipalEntry::Federated(v) => format!("Federated: {}", v.value),
        PrincipalEntry::CanonicalUser(v) => format!("CanonicalUser: {}", v.value),
    }
}

/// Every identity of the principal (with the level it names), including how a service,
/// provider or canonical user is named.
fn identities(p: &RequestPrincipal) -> Vec<(MatchLevel, String)> {
    match p.kind {
        PrincipalKind::Service | PrincipalKind::WebIdentity | PrincipalKind::CanonicalUser => {
            vec![(MatchLevel::Direct, p.text.clone())]
        }
        _ => p.identities(),
    }
}

/// Matches a statement's `Principal` or `NotPrincipal` element against the request's principal.
/// `deny_with_boundary` is true when the statement is a Deny and the principal has a
/// permissions boundary.
pub fn principal_matches(
    element: &PrincipalElement,
    p: &RequestPrincipal,
    deny_with_boundary: bool,
) -> PrincipalMatch {
    let ids = identities(p);
    if !element.negated {
        return named_by(element, p, &ids);
    }
    // NotPrincipal.
    if deny_with_boundary && p.kind.is_iam_identity() && p.kind != PrincipalKind::Root {
        return PrincipalMatch {
            matched: true,
            level: Some(MatchLevel::Everyone),
            matched_value: None,
            detail: Msg::new("explain.not-principal.boundary"),
        };
    }
    let unlisted: Vec<&String> = ids
        .iter()
        .filter(|(lvl, id)| !element.entries.iter().any(|e| entry_names(e, *lvl, id, p)))
        .map(|(_, id)| id)
        .collect();
    if ids.is_empty() || !unlisted.is_empty() {
        PrincipalMatch {
            matched: true,
            level: Some(MatchLevel::Everyone),
            matched_value: None,
            detail: match unlisted.first() {
                Some(id) => Msg::new("explain.not-principal.unlisted").arg("id", id),
                None => Msg::new("explain.not-principal.unlisted-principal"),
            },
        }
    } else {
        PrincipalMatch {
            matched: false,
            level: None,
            matched_value: None,
            detail: Msg::new("explain.not-principal.all-listed"),
        }
    }
}

/// `Principal`: the entry that names the principal most directly, if any.
fn named_by(
    element: &PrincipalElement,
    p: &RequestPrincipal,
    ids: &[(MatchLevel, String)],
) -> PrincipalMatch {
    let mut best: Option<(MatchLevel, String)> = None;
    for entry in &element.entries {
        let level = if matches!(entry, PrincipalEntry::Any(_))
            || matches!(entry, PrincipalEntry::Aws(v) if v.value == "*")
        {
            Some(MatchLevel::Everyone)
        } else {
            ids.iter()
                .find(|(lvl, id)| entry_names(entry, *lvl, id, p))
                .map(|(lvl, _)| *lvl)
        };
        if let Some(level) = level {
            if best.as_ref().is_none_or(|(b, _)| level > *b) {
                best = Some((level, entry_text(entry)));
            }
        }
    }
    match best {
        Some((level, text)) => PrincipalMatch {
            matched: true,
            level: Some(level),
            detail: match level {
                MatchLevel::Everyone => Msg::new("explain.principal.everyone"),
                MatchLevel::Direct => Msg::new("explain.principal.direct").arg("entry", &text),
                MatchLevel::Role => Msg::new("explain.principal.role").arg("entry", &text),
                MatchLevel::Account => Msg::new("explain.principal.account").arg("entry", &text),
            },
            matched_value: Some(text),
        },
        None => PrincipalMatch {
            matched: false,
            level: None,
            matched_value: None,
            detail: Msg::new("explain.principal.none").arg("principal", &p.text),
        },
    }
}
