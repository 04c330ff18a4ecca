//! Warnings reported beside a decision: policies that are valid but allow more, or less, than
//! they seem to.
//!
//! - `passrole-wildcard-resource` (security warning): an Allow that covers `iam:PassRole` (by
//!   name, through a wildcard such as `iam:*` or `*`, or through a `NotAction` that does not
//!   exclude it) on every role (`Resource: "*"`, a role wildcard, or `NotResource`) with no
//!   `iam:PassedToService` condition. The message says which, and the warning points at the
//!   element to narrow. Such a principal can hand any role, including one more powerful than
//!   itself, to any service it can use, and so act with that role's permissions ("Grant a user
//!   permissions to pass a role to an AWS service", IAM User Guide).
//! - `set-operator-on-single-valued-key`: `ForAllValues:` / `ForAnyValue:` on a key that is
//!   single-valued ("Single-valued vs. multivalued context keys": "Do not use condition set
//!   operators ForAllValues or ForAnyValue with single-valued context keys. Using condition
//!   set operators with single-valued context keys can lead to overly permissive policies.").
//! - `multivalued-key-without-set-operator`: a multivalued key under a plain operator
//!   ("Multivalued context keys require a condition set operator.").

use crate::decide::matching::action::action_matches;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Msg;
use crate::model::{Effect, Policy, Statement};

/// Global condition keys that are multivalued ("AWS global condition context keys").
const MULTIVALUED_KEYS: &[&str] = &[
    "aws:calledvia",
    "aws:principalorgpaths",
    "aws:principalservicenameslist",
    "aws:tagkeys",
];

/// Prefixes of keys that are single-valued: tag values, and global keys that name one thing.
const SINGLE_VALUED_PREFIXES: &[&str] =
    &["aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"];

const SINGLE_VALUED_KEYS: &[&str] = &[
    "aws:calledviafirst",
    "aws:calledvialast",
    "aws:currenttime",
    "aws:epochtime",
    "aws:multifactorauthage",
    "aws:multifactorauthpresent",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalisawsservice",
    "aws:principalorgid",
    "aws:principalservicename",
    "aws:principaltype",
    "aws:referer",
    "aws:requestedregion",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:securetransport",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceip",
    "aws:sourceorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:userid",
    "aws:username",
    "aws:useragent",
    "aws:viaawsservice",
    "aws:vpcsourceip",
    "iam:passedtoservice",
    "iam:associatedresourcearn",
    "iam:permissionsboundary",
];

// Keys are compared without case, and without a lowercase copy of each key (a policy of
// thousands of conditions is checked on every evaluation).
fn is_multivalued(key: &str) -> bool {
    MULTIVALUED_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

fn is_single_valued(key: &str) -> bool {
    SINGLE_VALUED_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
        || SINGLE_VALUED_PREFIXES.iter().any(|p| {
            key.get(..p.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(p))
        })
}

fn covers_pass_role(stmt: &Statement) -> bool {
    let hit = stmt
        .action
        .patterns
        .iter()
        .any(|p| action_matches(&p.value, "iam:PassRole"));
    hit != stmt.action.negated
}

fn on_every_role(stmt: &Statement) -> bool {
    match &stmt.resource {
        None => false,
        Some(r) if r.negated => true,
        Some(r) => r.patterns.iter().any(|p| {
            let v = p.value.as_str();
            v == "*" || v == "arn:aws:iam::*:role/*" || v.ends_with(":role/*") || v.ends_with(":*")
        }),
    }
}

fn has_passed_to_service(stmt: &Statement) -> bool {
    stmt.conditions.iter().any(|b| {
        b.entries
            .iter()
            .any(|e| e.key.value.eq_ignore_ascii_case("iam:PassedToService"))
    })
}

/// How a statement grants `iam:PassRole` on every role, and the element to narrow: `NotAction`
/// (which does not exclude it), a wildcard action (`iam:*`, `*`), `NotResource`, or a
/// wildcard resource.
fn pass_role_grant(stmt: &Statement) -> (Msg, crate::diagnostic::Span) {
    let action = &stmt.action;
    let via = if action.negated {
        Some(Msg::new("warn.passrole.via-not-action"))
    } else {
        action
            .patterns
            .iter()
            .find(|p| action_matches(&p.value, "iam:PassRole"))
            .filter(|p| !p.value.eq_ignore_ascii_case("iam:PassRole"))
            .map(|p| Msg::new("warn.passrole.via-pattern").arg("pattern", p.value.as_str()))
    };
    let (on, resource_span) = match &stmt.resource {
        Some(r) if r.negated => (Msg::new("warn.passrole.on-not-resource"), Some(r.span)),
        Some(r) => (
            match r.patterns.iter().find(|p| p.value == "*") {
                Some(_) => Msg::new("warn.passrole.on-star"),
                None => Msg::new("warn.passrole.on-matching").arg(
                    "pattern",
                    r.patterns
                        .iter()
                        .map(|p| p.value.as_str())
                        .find(|v| v.ends_with('*'))
                        .unwrap_or("*"),
                ),
            },
            Some(r.span),
        ),
        None => (Msg::new("warn.passrole.on-every"), None),
    };
    let span = if action.negated || via.is_some() && resource_span.is_none() {
        action.span
    } else {
        resource_span.unwrap_or(action.span)
    };
    // Each part is a whole phrase of the catalog, placed by each language's own sentence.
    let message = match via {
        Some(via) => Msg::new("warn.passrole-wildcard-resource.via")
            .phrase("via", via)
            .phrase("on", on),
        None => Msg::new("warn.passrole-wildcard-resource").phrase("on", on),
    };
    (message, span)
}

/// The warnings for one policy.
pub fn check_policy(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stmt in &policy.statements {
        if stmt.effect.value == Effect::Allow
            && covers_pass_role(stmt)
            && on_every_role(stmt)
            && !has_passed_to_service(stmt)
        {
            let (message, span) = pass_role_grant(stmt);
            out.push(
                Diagnostic::warning("passrole-wildcard-resource", message, span)
                    .with_severity(Severity::SecurityWarning)
                    .with_help(Msg::new("warn.passrole-wildcard-resource.help")),
            );
        }
        for block in &stmt.conditions {
            let op = block.operator.value;
            for entry in &block.entries {
                let key = &entry.key.value;
                if op.set.is_some() && is_single_valued(key) {
                    out.push(
                        Diagnostic::warning(
                            "set-operator-on-single-valued-key",
                            Msg::new("warn.set-operator-on-single-valued-key")
                                .arg("operator", op.name())
                                .arg("key", key.as_str()),
                            block.operator.span,
                        )
                        .with_help(
                            Msg::new("warn.set-operator-on-single-valued-key.help")
                                .arg("operator", op.base.name()),
                        ),
                    );
                } else if op.set.is_none() && is_multivalued(key) {
                    out.push(
                        Diagnostic::warning(
                            "multivalued-key-without-set-operator",
                            Msg::new("warn.multivalued-key-without-set-operator")
                                .arg("key", key.as_str())
                                .arg("operator", op.name()),
                            entry.key.span,
                        )
                        .with_help(
                            Msg::new("warn.multivalued-key-without-set-operator.help")
                                .arg("operator", op.name()),
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PolicyKind;

    fn codes(doc: &str) -> Vec<&'static str> {
        let (policy, diags) = crate::parse::parse_policy(doc, PolicyKind::Identity);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let mut out = Vec::new();
        check_policy(&policy.unwrap(), &mut out);
        out.into_iter().map(|d| d.code).collect()
    }

    fn stmt(body: &str) -> String {
        format!(r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", {body}}}]}}"#)
    }

    #[test]
    fn passrole_on_every_role() {
        let pr = "passrole-wildcard-resource";
        let cases: &[(&str, bool)] = &[
            (r#""Action": "iam:PassRole", "Resource": "*""#, true),
            (r#""Action": "iam:*", "Resource": "*""#, true),
            (r#""Action": "*", "Resource": "*""#, true),
            (
                r#""Action": "iam:Pass*", "Resource": "arn:aws:iam::111122223333:role/*""#,
                true,
            ),
            (r#""NotAction": "s3:*", "Resource": "*""#, true),
            (
                r#""Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/Admin""#,
                true,
            ),
            // Near cases: named role, or narrowed by service, or PassRole excluded.
            (
                r#""Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/App""#,
                false,
            ),
            (
                r#""Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#,
                false,
            ),
            (r#""NotAction": "iam:*", "Resource": "*""#, false),
            (r#""Action": "ec2:*", "Resource": "*""#, false),
        ];
        for (body, expected) in cases {
            assert_eq!(codes(&stmt(body)).contains(&pr), *expected, "{body}");
        }
    }

    /// The message says how PassRole is granted, and the warning points at what to narrow.
    #[test]
    fn passrole_warning_says_how_and_where() {
        let cases: &[(&str, &str, &str)] = &[
            (
                r#""Action": "iam:PassRole", "Resource": "*""#,
                "`iam:PassRole` on every role (`Resource: \"*\"`)",
                r#""*""#,
            ),
            (
                r#""Action": ["s3:*", "iam:*"], "Resource": "*""#,
                "(through `iam:*`)",
                r#""*""#,
            ),
            (
                r#""Action": "*", "Resource": "*""#,
                "(through `*`)",
                r#""*""#,
            ),
            (
                r#""NotAction": ["s3:*", "ec2:*"], "Resource": "*""#,
                "(through `NotAction`, which does not exclude it)",
                r#"["s3:*", "ec2:*"]"#,
            ),
            (
                r#""Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/Admin""#,
                "but those `NotResource` lists",
                r#""arn:aws:iam::111122223333:role/Admin""#,
            ),
            (
                r#""Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/*""#,
                "matching `arn:aws:iam::111122223333:role/*`",
                r#""arn:aws:iam::111122223333:role/*""#,
            ),
        ];
        for (body, words, pointed) in cases {
            let doc = stmt(body);
            let (policy, _) = crate::parse::parse_policy(&doc, PolicyKind::Identity);
            let mut out = Vec::new();
            check_policy(&policy.unwrap(), &mut out);
            let d = out
                .iter()
                .find(|d| d.code == "passrole-wildcard-resource")
                .unwrap_or_else(|| panic!("no warning for {body}"));
            assert_eq!(d.severity, Severity::SecurityWarning);
            assert!(d.message.contains(words), "{body}: {}", d.message);
            assert_eq!(d.span.unwrap().text(&doc), *pointed, "{body}");
        }
    }

    #[test]
    fn set_operators_and_key_cardinality() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                r#""ForAllValues:StringEquals": {"aws:username": "a"}"#,
                Some("set-operator-on-single-valued-key"),
            ),
            (
                r#""ForAnyValue:StringLike": {"aws:PrincipalTag/team": "a"}"#,
                Some("set-operator-on-single-valued-key"),
            ),
            (
                r#""StringEquals": {"aws:TagKeys": "a"}"#,
                Some("multivalued-key-without-set-operator"),
            ),
            (r#""ForAllValues:StringEquals": {"aws:TagKeys": "a"}"#, None),
            (r#""StringEquals": {"aws:username": "a"}"#, None),
            // Unknown service keys: no guess either way.
            (
                r#""ForAnyValue:StringEquals": {"dynamodb:Attributes": "a"}"#,
                None,
            ),
        ];
        for (cond, expected) in cases {
            let doc = stmt(&format!(
                r#""Action": "s3:GetObject", "Resource": "*", "Condition": {{{cond}}}"#
            ));
            let got = codes(&doc);
            match expected {
                Some(code) => assert!(got.contains(code), "{cond}: {got:?}"),
                None => assert!(got.is_empty(), "{cond}: {got:?}"),
            }
        }
    }
}
