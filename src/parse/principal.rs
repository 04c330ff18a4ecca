//! `Principal`/`NotPrincipal` values, and the principal of a request
//! ("AWS JSON policy elements: Principal").

use super::values::{arn_parts, is_account_id, Bad};
use super::{at, get, Ctx, Unknown};
use crate::decide::matching::wildcard::first_wildcard;
use crate::decide::variables::contains_variable;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::{Msg, Text};
use crate::model::{PolicyVersion, PrincipalElement, PrincipalEntry, Spanned};
use crate::parse::json::{JsonKind, JsonPath, Member};

pub(super) const PRINCIPAL_TYPES: &[&str] = &["AWS", "Service", "Federated", "CanonicalUser"];

/// The forms of an `AWS` principal, for help texts.
fn aws_forms() -> Msg {
    Msg::new("principal.aws-forms")
}

fn bad(message: impl Into<Text>, help: impl Into<Text>) -> Bad {
    Bad {
        message: message.into(),
        help: help.into(),
    }
}

/// "`s` is not a principal".
fn not_principal(s: &str) -> Msg {
    Msg::new("principal.not-principal").arg("principal", s)
}

/// "`s` is not a principal ARN".
fn not_arn(s: &str) -> Msg {
    Msg::new("principal.not-arn").arg("principal", s)
}

fn no_wildcard(s: &str) -> Result<(), Bad> {
    if first_wildcard(s).is_some() {
        return Err(bad(
            Msg::new("principal.wildcard").arg("principal", s),
            Msg::new("principal.wildcard.help"),
        ));
    }
    Ok(())
}

/// The `Principal` or `NotPrincipal` member `m`.
pub(super) fn principal(
    ctx: &mut Ctx,
    m: &Member,
    negated: bool,
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<PrincipalElement> {
    let value = &m.value;
    let element = |entries| PrincipalElement {
        negated,
        entries,
        span: value.span,
    };
    let members = match &value.kind {
        JsonKind::String(s) if s == "*" => {
            return Some(element(vec![PrincipalEntry::Any(value.span)]))
        }
        JsonKind::String(s) => {
            ctx.report(path, not_a_principal(s, &m.key, value.span));
            return None;
        }
        _ => ctx.object(value, path, Msg::new("parse.want.principal"))?,
    };
    ctx.unknown(
        members,
        PRINCIPAL_TYPES,
        path,
        Unknown {
            message: "parse.unknown.principal-type",
            ..Unknown::ELEMENT
        },
    );
    if members.is_empty() {
        let message = Msg::new("principal.empty").arg("element", &m.key);
        let d = Diagnostic::error("empty-value", message, value.span);
        let help = Msg::new("principal.empty.help");
        ctx.report(path, d.with_help(help));
        return None;
    }
    let mut entries = Vec::new();
    let mut ok = true;
    for &kind in PRINCIPAL_TYPES {
        let Some(typed) = get(members, kind) else {
            continue;
        };
        let type_path = path.key(kind);
        let Some(list) = ctx.string_list(&typed.value, &type_path) else {
            ok = false;
            continue;
        };
        for (text, span, index) in list.iter() {
            let value_path = &at(&type_path, index);
            if version.has_variables() && contains_variable(text) {
                ctx.report(value_path, variable_not_allowed(&m.key, span));
                ok = false;
                continue;
            }
            let checked = entry(kind, text, span);
            match checked {
                Ok(entry) => entries.push(entry),
                Err(b) => {
                    ctx.report(
                        value_path,
                        Diagnostic::error("invalid-principal", b.message, span).with_help(b.help),
                    );
                    ok = false;
                }
            }
        }
    }
    ok.then(|| element(entries))
}

/// A policy variable in `Principal`.
fn variable_not_allowed(element: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "variable-not-allowed",
        Msg::new("parse.variable-in-element").arg("element", element),
        span,
    )
    .with_help(Msg::new("principal.variable.help"))
}

/// A `Principal` written as a string other than `"*"`.
fn not_a_principal(s: &str, element: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "invalid-principal",
        Msg::new("principal.not-valid")
            .arg("principal", s)
            .arg("element", element),
        span,
    )
    .with_help(Msg::new("principal.not-valid.help"))
}

/// One principal of type `kind` (`AWS`, `Service`, `Federated`, `CanonicalUser`), checked.
fn entry(kind: &str, text: &str, span: Span) -> Result<PrincipalEntry, Bad> {
    let spanned = || Spanned::new(text.to_string(), span);
    match kind {
        "AWS" => check_aws(text).map(|any| {
            if any {
                PrincipalEntry::Any(span)
            } else {
                PrincipalEntry::Aws(spanned())
            }
        }),
        "Service" => check_service(text).map(|()| PrincipalEntry::Service(spanned())),
        "Federated" => check_federated(text).map(|()| PrincipalEntry::Federated(spanned())),
        _ => check_canonical_user(text).map(|()| PrincipalEntry::CanonicalUser(spanned())),
    }
}

/// An `AWS` principal; `Ok(true)` for `*` (everyone).
fn check_aws(s: &str) -> Result<bool, Bad> {
    if s == "*" {
        return Ok(true);
    }
    no_wildcard(s)?;
    if is_account_id(s) {
        return Ok(false);
    }
    check_principal_arn(s).map(|()| false)
}

/// The ARN of an account root, user, role, role session or federated user.
fn check_principal_arn(s: &str) -> Result<(), Bad> {
    let Some([_, partition, service, region, account, resource]) = arn_parts(s) else {
        return Err(bad(not_principal(s), aws_forms()));
    };
    if partition.is_empty() || !region.is_empty() || !matches!(service, "iam" | "sts") {
        return Err(bad(not_arn(s), aws_forms()));
    }
    // S3 bucket policies name CloudFront origin access identities with this special ARN.
    if service == "iam"
        && account == "cloudfront"
        && resource.starts_with("user/CloudFront Origin Access Identity ")
    {
        return Ok(());
    }
    if !is_account_id(account) {
        return Err(bad(
            Msg::new("principal.bad-account")
                .arg("account", account)
                .arg("principal", s),
            aws_forms(),
        ));
    }
    let named = |rest: &str| !rest.is_empty();
    let valid = match (service, resource.split_once('/')) {
        ("iam", None) => resource == "root",
        ("iam", Some(("user" | "role", name))) => named(name),
        ("iam", Some(("group", _))) => {
            return Err(bad(
                Msg::new("principal.group").arg("principal", s),
                Msg::new("principal.group.help"),
            ))
        }
        ("sts", Some(("assumed-role", rest))) => match rest.split_once('/') {
            Some((role, session)) => named(role) && named(session),
            None => false,
        },
        ("sts", Some(("federated-user", name))) => named(name),
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(bad(not_arn(s), aws_forms()))
    }
}

/// A service principal: `name.amazonaws.com` (or `.amazonaws.com.cn` in China).
fn check_service(s: &str) -> Result<(), Bad> {
    no_wildcard(s)?;
    let name = s
        .strip_suffix(".amazonaws.com")
        .or_else(|| s.strip_suffix(".amazonaws.com.cn"));
    let valid = name.is_some_and(|n| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    });
    if valid {
        Ok(())
    } else {
        Err(bad(
            Msg::new("principal.not-service").arg("principal", s),
            Msg::new("principal.not-service.help"),
        ))
    }
}

/// A web identity provider (`accounts.google.com`) or a SAML/OIDC provider ARN.
fn check_federated(s: &str) -> Result<(), Bad> {
    no_wildcard(s)?;
    let valid = if s.starts_with("arn:") {
        arn_parts(s).is_some_and(|[_, partition, service, region, account, resource]| {
            !partition.is_empty()
                && service == "iam"
                && region.is_empty()
                && is_account_id(account)
                && (resource.starts_with("saml-provider/")
                    || resource.starts_with("oidc-provider/"))
        })
    } else {
        s.contains('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    if valid {
        Ok(())
    } else {
        Err(bad(
            Msg::new("principal.not-provider").arg("principal", s),
            Msg::new("principal.federated-forms"),
        ))
    }
}

/// An S3 canonical user id: 64 hexadecimal digits.
fn check_canonical_user(s: &str) -> Result<(), Bad> {
    no_wildcard(s)?;
    if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(bad(
            Msg::new("principal.not-canonical").arg("principal", s),
            Msg::new("principal.not-canonical.help"),
        ))
    }
}

/// The principal of a request: one user, role, role session, federated user, account root
/// or service.
pub(super) fn check_request_principal(s: &str) -> Result<(), Bad> {
    let help = || Msg::new("principal.request.help");
    // Format 1.1: an unsigned request.
    if s == crate::model::ANONYMOUS {
        return Ok(());
    }
    if s.eq_ignore_ascii_case(crate::model::ANONYMOUS) {
        return Err(bad(
            Msg::new("principal.request.anonymous-case").arg("principal", s),
            Msg::new("principal.request.anonymous-case.help"),
        ));
    }
    if first_wildcard(s).is_some() {
        return Err(bad(
            Msg::new("principal.request.wildcard").arg("principal", s),
            help(),
        ));
    }
    if is_account_id(s) {
        return Err(bad(
            Msg::new("principal.request.account").arg("principal", s),
            Msg::new("principal.request.account.help").arg("account", s),
        ));
    }
    if s.starts_with("arn:") {
        check_principal_arn(s).map_err(|b| bad(b.message, help()))
    } else {
        check_service(s).map_err(|_| bad(not_principal(s), help()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_principals() {
        for ok in [
            "111122223333",
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::111122223333:user/path/alice",
            "arn:aws:iam::111122223333:role/service-role/r",
            "arn:aws:sts::111122223333:assumed-role/r/session",
            "arn:aws:sts::111122223333:federated-user/bob",
            "arn:aws-cn:iam::111122223333:root",
            "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E15MNIMTCFKK4C",
        ] {
            assert_eq!(check_aws(ok), Ok(false), "{ok}");
        }
        assert_eq!(check_aws("*"), Ok(true));
        let cases = [
            (
                "arn:aws:iam::111122223333:group/admins",
                "the IAM group `arn:aws:iam::111122223333:group/admins` cannot be a principal",
            ),
            (
                "arn:aws:iam::111122223333:role/*",
                "the principal `arn:aws:iam::111122223333:role/*` uses a wildcard",
            ),
            (
                "arn:aws:iam::*:root",
                "the principal `arn:aws:iam::*:root` uses a wildcard",
            ),
            (
                "arn:aws:sts::111122223333:assumed-role/r",
                "`arn:aws:sts::111122223333:assumed-role/r` is not a principal ARN",
            ),
            (
                "arn:aws:iam::1111:root",
                "`1111` in `arn:aws:iam::1111:root` is not a 12-digit account id",
            ),
            (
                "arn:aws:iam::111122223333:policy/p",
                "`arn:aws:iam::111122223333:policy/p` is not a principal ARN",
            ),
            (
                "arn:aws:s3:::bucket",
                "`arn:aws:s3:::bucket` is not a principal ARN",
            ),
            ("alice", "`alice` is not a principal"),
        ];
        for (input, message) in cases {
            assert_eq!(check_aws(input).unwrap_err().english(), message, "{input}");
        }
    }

    #[test]
    fn other_principal_types() {
        assert!(check_service("ec2.amazonaws.com").is_ok());
        assert!(check_service("logs.us-east-1.amazonaws.com").is_ok());
        assert!(check_service("ec2.amazonaws.com.cn").is_ok());
        assert!(check_service("ec2").is_err());
        assert!(check_service("*.amazonaws.com").is_err());
        assert!(check_federated("accounts.google.com").is_ok());
        assert!(check_federated("arn:aws:iam::111122223333:saml-provider/corp").is_ok());
        assert!(check_federated("arn:aws:iam::111122223333:role/r").is_err());
        assert!(check_canonical_user(&"a".repeat(64)).is_ok());
        assert!(check_canonical_user("abc").is_err());
    }

    #[test]
    fn request_principals() {
        assert!(check_request_principal("arn:aws:iam::111122223333:user/alice").is_ok());
        assert!(check_request_principal("ec2.amazonaws.com").is_ok());
        assert_eq!(
            check_request_principal("111122223333")
                .unwrap_err()
                .english_help(),
            "write the account root user as `arn:aws:iam::111122223333:root`"
        );
        assert!(check_request_principal("arn:aws:iam::111122223333:user/*").is_err());
        assert!(check_request_principal("alice").is_err());
        // Format 1.1: an unsigned request.
        assert_eq!(check_request_principal("anonymous"), Ok(()));
        let err = check_request_principal("Anonymous").unwrap_err();
        let help = err.english_help();
        assert!(help.contains("in lowercase"), "{help}");
        assert!(check_request_principal("*").is_err());
    }
}
