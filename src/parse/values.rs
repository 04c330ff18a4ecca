//! Checks of single values: action and resource patterns, account ids, and where policy
//! variables stand in an ARN.

use crate::decide::variables::contains_variable;
use crate::i18n::{Msg, Text};

/// Why a value was rejected: the message and the advice (catalog messages, or plain text).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Bad {
    pub message: Text,
    pub help: Text,
}

impl Bad {
    /// The message in English (for tests).
    #[cfg(test)]
    pub fn english(&self) -> String {
        self.message.clone().split().0
    }

    /// The help in English (for tests).
    #[cfg(test)]
    pub fn english_help(&self) -> String {
        self.help.clone().split().0
    }
}

fn bad(message: impl Into<Text>, help: impl Into<Text>) -> Bad {
    Bad {
        message: message.into(),
        help: help.into(),
    }
}

// The shapes below as regular expressions, for the JSON Schema (`schema.rs`); a test checks
// each against its function. (`\s` is Unicode whitespace in Rust as in `char::is_whitespace`;
// JavaScript's differs only for U+0085 and U+FEFF.)

/// [`is_account_id`] as a pattern.
pub(super) const ACCOUNT_PATTERN: &str = "^[0-9]{12}$";
/// [`check_action_pattern`] as a pattern.
pub(super) const ACTION_PATTERN: &str = "^(\\*|[A-Za-z0-9-]+:[^:\\s]+)$";
/// [`check_request_action`] as a pattern.
pub(super) const REQUEST_ACTION_PATTERN: &str = "^[A-Za-z0-9-]+:[^:\\s*?]+$";
/// [`check_resource`] as a pattern.
pub(super) const RESOURCE_PATTERN: &str = "^(\\*|arn:[^:]+:[^:]+:[^:]*:[^:]*:[\\s\\S]*)$";
/// A policy's `Resource`: [`check_resource`] or [`short_arn_pattern`] as a pattern.
pub(super) const POLICY_RESOURCE_PATTERN: &str =
    "^(\\*|arn:[^:]+:[^:]+:[^:]*:[^:]*:[\\s\\S]*|arn:[^:*?]+:[^:*?]+(:[^:]*)?:[^:]*\\*)$";

/// A 12-digit AWS account id.
pub(super) fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn has_wildcard(s: &str) -> bool {
    s.bytes().any(|b| b == b'*' || b == b'?')
}

/// An `Action`/`NotAction` pattern: `*` or `service:pattern`, wildcards allowed in the
/// action name ("IAM JSON policy elements: Action").
pub(super) fn check_action_pattern(s: &str) -> Result<(), Bad> {
    if s == "*" {
        return Ok(());
    }
    check_action_shape(s)
}

/// The action of a request: `service:Action`, without wildcards.
pub(super) fn check_request_action(s: &str) -> Result<(), Bad> {
    check_action_shape(s)?;
    if has_wildcard(s) {
        return Err(bad(
            Msg::new("value.request-action-wildcard").arg("action", s),
            Msg::new("value.request-action-wildcard.help"),
        ));
    }
    Ok(())
}

fn check_action_shape(s: &str) -> Result<(), Bad> {
    let form = || Msg::new("value.action.form");
    // Byte tests first (every action of every policy comes here), the exact ones only when
    // they fail: a service of letters, digits and hyphens has no wildcard, and a name of
    // ASCII bytes other than colons and whitespace has no colon and no whitespace.
    let split = |colon: usize| Some((s.get(..colon)?, s.get(colon + 1..)?));
    let Some((service, name)) = s.bytes().position(|b| b == b':').and_then(split) else {
        return Err(bad(
            Msg::new("value.action.no-colon").arg("action", s),
            form(),
        ));
    };
    if service.is_empty() {
        return Err(bad(
            Msg::new("value.action.no-service").arg("action", s),
            form(),
        ));
    }
    if !service
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        if has_wildcard(service) {
            return Err(bad(
                Msg::new("value.action.service-wildcard").arg("action", s),
                Msg::new("value.action.service-wildcard.help"),
            ));
        }
        return Err(bad(
            Msg::new("value.action.bad-service")
                .arg("action", s)
                .arg("service", service),
            Msg::new("value.action.bad-service.help"),
        ));
    }
    if name.is_empty() {
        return Err(bad(
            Msg::new("value.action.no-name").arg("action", s),
            Msg::new("value.action.no-name.help").arg("service", service),
        ));
    }
    let plain = |b: u8| b.is_ascii_graphic() && b != b':';
    if !name.bytes().all(plain) && (name.contains(':') || name.chars().any(char::is_whitespace)) {
        return Err(bad(
            Msg::new("value.action.bad-name")
                .arg("action", s)
                .arg("name", name),
            form(),
        ));
    }
    Ok(())
}

/// The six colon-separated parts of an ARN (the last one keeps its colons), if `s` is one.
pub(super) fn arn_parts(s: &str) -> Option<[&str; 6]> {
    crate::decide::matching::arn::six_parts(s).filter(|parts| parts[0] == "arn")
}

/// A `Resource`/`NotResource` pattern (or a request's resource): `*` or an ARN with at
/// least six parts; wildcards may stand in any part ("IAM JSON policy elements: Resource").
pub(super) fn check_resource(s: &str) -> Result<(), Bad> {
    if s == "*" {
        return Ok(());
    }
    let form = || Msg::new("value.arn.form");
    match arn_parts(s) {
        Some([_, partition, service, ..]) if !partition.is_empty() && !service.is_empty() => Ok(()),
        Some(_) => Err(bad(Msg::new("value.arn.empty-part").arg("arn", s), form())),
        None if s.to_ascii_lowercase().starts_with("arn:") && !s.starts_with("arn:") => {
            Err(bad(Msg::new("value.arn.case").arg("arn", s), form()))
        }
        None if s.starts_with("arn:") => Err(bad(
            Msg::new("value.arn.few-parts")
                .arg("arn", s)
                .arg("count", s.split(':').count()),
            form(),
        )),
        None => Err(bad(Msg::new("value.arn.not-arn").arg("arn", s), form())),
    }
}

/// For a `Resource` pattern with fewer than six parts whose last part ends with `*`
/// (`arn:aws:sqs:*`, `arn:aws:sqs:us-east-1:*`), the same pattern written with six parts
/// (`arn:aws:sqs:*:*:*`). "IAM JSON policy elements: Resource": "If the `*` wildcard is the
/// last character of a resource ARN segment, it can expand to match beyond the colon
/// boundaries", so the final `*` covers the parts that are not written. The partition and the
/// service must be written ("You can't use a wildcard in the service segment").
pub(super) fn short_arn_pattern(s: &str) -> Option<String> {
    // Four or five parts (three or four colons), the last ending in `*`: most resources have
    // all six parts, so they are turned away before anything is split.
    let colons = s.bytes().filter(|&b| b == b':').count();
    if !(3..5).contains(&colons) || !s.ends_with('*') {
        return None;
    }
    let mut parts = s.split(':');
    let (arn, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let fits = arn == "arn"
        && !partition.is_empty()
        && !has_wildcard(partition)
        && !service.is_empty()
        && !has_wildcard(service);
    fits.then(|| format!("{s}{}", ":*".repeat(5 - colons)))
}

/// Whether a variable stands before the fifth colon of an ARN: AWS substitutes variables only
/// in the resource part ("IAM policy elements: Variables and tags", Resource element).
pub(super) fn variable_before_resource_part(s: &str) -> bool {
    if !contains_variable(s) {
        return false; // most resources: no variable anywhere
    }
    let head_len = s.match_indices(':').nth(4).map_or(s.len(), |(i, _)| i);
    s.get(..head_len).is_some_and(contains_variable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy_resource(s: &str) -> bool {
        short_arn_pattern(s).is_some() || check_resource(s).is_ok()
    }

    fn agrees(pattern: &str, check: fn(&str) -> bool, text: &str) {
        let re = regex::Regex::new(pattern).unwrap();
        assert_eq!(re.is_match(text), check(text), "{pattern} on {text:?}");
    }

    proptest! {
        /// The schema's patterns accept exactly what the parser accepts.
        #[test]
        fn schema_patterns_agree_with_the_checks(
            text in "(arn:|aws:|s3|\\*|[aZ09:?/ \n\u{85}-]){0,9}",
            digits in "[0-9a]{10,13}",
        ) {
            agrees(ACTION_PATTERN, |s| check_action_pattern(s).is_ok(), &text);
            agrees(REQUEST_ACTION_PATTERN, |s| check_request_action(s).is_ok(), &text);
            agrees(RESOURCE_PATTERN, |s| check_resource(s).is_ok(), &text);
            agrees(POLICY_RESOURCE_PATTERN, policy_resource, &text);
            agrees(ACCOUNT_PATTERN, is_account_id, &digits);
        }
    }

    #[test]
    fn schema_patterns_on_typical_values() {
        for text in [
            "*",
            "s3:GetObject",
            "s3:Get*",
            "execute-api:Invoke",
            "s3:",
            ":x",
            "s3 :x",
            "iam:Pass Role",
            "arn:aws:s3:::bucket/*",
            "arn:aws:iam::111122223333:role/${aws:username}",
            "arn:aws:s3",
            "ARN:aws:s3:::b",
            "arn::s3:::b",
        ] {
            agrees(ACTION_PATTERN, |s| check_action_pattern(s).is_ok(), text);
            agrees(
                REQUEST_ACTION_PATTERN,
                |s| check_request_action(s).is_ok(),
                text,
            );
            agrees(RESOURCE_PATTERN, |s| check_resource(s).is_ok(), text);
            agrees(POLICY_RESOURCE_PATTERN, policy_resource, text);
        }
    }

    #[test]
    fn short_arns_ending_in_a_star() {
        assert_eq!(
            short_arn_pattern("arn:aws:sqs:*").as_deref(),
            Some("arn:aws:sqs:*:*:*")
        );
        assert_eq!(
            short_arn_pattern("arn:aws:sqs:us-east-1:*").as_deref(),
            Some("arn:aws:sqs:us-east-1:*:*")
        );
        assert_eq!(
            short_arn_pattern("arn:aws-cn:s3:cn-north-1*").as_deref(),
            Some("arn:aws-cn:s3:cn-north-1*:*:*")
        );
        for no in [
            "arn:aws:sqs:us-east-1",
            "arn:aws:*",
            "arn:aws:s*:*",
            "arn:*:sqs:*",
            "arn::sqs:*",
            "arn:aws:sqs:us-east-1:111122223333:*",
            "*",
            "sqs:*",
        ] {
            assert_eq!(short_arn_pattern(no), None, "{no}");
        }
    }

    #[test]
    fn actions() {
        for ok in [
            "*",
            "s3:GetObject",
            "s3:Get*",
            "ec2:Describe?nstances",
            "execute-api:Invoke",
            "s3:*",
        ] {
            assert_eq!(check_action_pattern(ok), Ok(()), "{ok}");
        }
        let cases = [
            ("s3", "invalid action `s3`: expected `service:action`"),
            (
                ":GetObject",
                "invalid action `:GetObject`: the service prefix is missing",
            ),
            (
                "s*:GetObject",
                "invalid action `s*:GetObject`: wildcards are not allowed in the service prefix",
            ),
            (
                "s3 :Get",
                "invalid action `s3 :Get`: `s3 ` is not a service prefix",
            ),
            ("s3:", "invalid action `s3:`: the action name is missing"),
            (
                "s3:Get:Object",
                "invalid action `s3:Get:Object`: `Get:Object` is not an action name",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(check_action_pattern(input).unwrap_err().english(), message);
        }
        assert!(check_request_action("s3:Get*").is_err());
        assert!(check_request_action("*").is_err());
        assert_eq!(check_request_action("iam:PassRole"), Ok(()));
    }

    #[test]
    fn resources() {
        for ok in [
            "*",
            "arn:aws:s3:::bucket/*",
            "arn:aws:iam::111122223333:role/a:b",
            "arn:*:*:*:*:*",
        ] {
            assert_eq!(check_resource(ok), Ok(()), "{ok}");
        }
        let cases = [
            (
                "arn:aws:s3::bucket",
                "invalid ARN `arn:aws:s3::bucket`: it has 5 parts, an ARN has at least six",
            ),
            (
                "ARN:aws:s3:::b",
                "invalid ARN `ARN:aws:s3:::b`: ARNs start with lowercase `arn:`",
            ),
            (
                "arn::s3:::b",
                "invalid ARN `arn::s3:::b`: the partition and the service must not be empty",
            ),
            ("my-bucket", "`my-bucket` is not an ARN"),
        ];
        for (input, message) in cases {
            assert_eq!(check_resource(input).unwrap_err().english(), message);
        }
    }

    #[test]
    fn variables() {
        assert!(variable_before_resource_part("arn:aws:s3:${aws:region}::b"));
        assert!(!variable_before_resource_part(
            "arn:aws:s3:::b/${aws:username}"
        ));
        assert!(!variable_before_resource_part(
            "arn:aws:sqs:us-east-2:*:${aws:username}-queue"
        ));
    }
}
