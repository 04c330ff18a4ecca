//! Checks of single values: action and resource patterns, account ids, policy variables,
//! and condition values.

use crate::conditions::{BaseOperator, Family};

/// Why a value was rejected: the message and the advice.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Bad {
    pub message: String,
    pub help: String,
}

fn bad(message: String, help: impl Into<String>) -> Bad {
    Bad {
        message,
        help: help.into(),
    }
}

/// A 12-digit AWS account id.
pub(super) fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
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
            format!("the request action `{s}` has a wildcard"),
            "a request is for one action, such as `s3:GetObject`; wildcards belong in policies",
        ));
    }
    Ok(())
}

fn check_action_shape(s: &str) -> Result<(), Bad> {
    const FORM: &str = "write the service prefix, a colon and the action name, like `s3:GetObject` (or `*` for every action)";
    let Some((service, name)) = s.split_once(':') else {
        return Err(bad(
            format!("invalid action `{s}`: expected `service:action`"),
            FORM,
        ));
    };
    if service.is_empty() {
        return Err(bad(
            format!("invalid action `{s}`: the service prefix is missing"),
            FORM,
        ));
    }
    if has_wildcard(service) {
        return Err(bad(
            format!("invalid action `{s}`: wildcards are not allowed in the service prefix"),
            "the service prefix names one service, like `s3`; use `*` alone for every action",
        ));
    }
    if !service
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(bad(
            format!("invalid action `{s}`: `{service}` is not a service prefix"),
            "service prefixes are letters, digits and hyphens, like `s3` or `execute-api`",
        ));
    }
    if name.is_empty() {
        return Err(bad(
            format!("invalid action `{s}`: the action name is missing"),
            format!("write `{service}:*` for every action of the service"),
        ));
    }
    if name.contains(':') || name.chars().any(char::is_whitespace) {
        return Err(bad(
            format!("invalid action `{s}`: `{name}` is not an action name"),
            FORM,
        ));
    }
    Ok(())
}

/// The six colon-separated parts of an ARN (the last one keeps its colons), if `s` is one.
pub(super) fn arn_parts(s: &str) -> Option<[&str; 6]> {
    let mut parts = s.splitn(6, ':');
    let arn = [
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    ];
    (arn[0] == "arn").then_some(arn)
}

/// A `Resource`/`NotResource` pattern (or a request's resource): `*` or an ARN with at
/// least six parts; wildcards may stand in any part ("IAM JSON policy elements: Resource").
pub(super) fn check_resource(s: &str) -> Result<(), Bad> {
    if s == "*" {
        return Ok(());
    }
    const FORM: &str = "an ARN reads `arn:partition:service:region:account:resource`, with empty parts kept (`arn:aws:s3:::my-bucket/*`); use `*` for every resource";
    match arn_parts(s) {
        Some([_, partition, service, ..]) if !partition.is_empty() && !service.is_empty() => Ok(()),
        Some(_) => Err(bad(
            format!("invalid ARN `{s}`: the partition and the service must not be empty"),
            FORM,
        )),
        None if s.to_ascii_lowercase().starts_with("arn:") && !s.starts_with("arn:") => Err(bad(
            format!("invalid ARN `{s}`: ARNs start with lowercase `arn:`"),
            FORM,
        )),
        None if s.starts_with("arn:") => Err(bad(
            format!(
                "invalid ARN `{s}`: it has {} parts, an ARN has at least six",
                s.split(':').count()
            ),
            FORM,
        )),
        None => Err(bad(format!("`{s}` is not an ARN"), FORM)),
    }
}

/// Whether `s` holds the start of a policy variable.
pub(super) fn has_variable(s: &str) -> bool {
    s.contains("${")
}

/// The first `${` that has no closing `}`, or that encloses nothing (`${}`).
pub(super) fn malformed_variable(s: &str) -> Option<&str> {
    let mut rest = s;
    while let Some(at) = rest.find("${") {
        let after = rest.get(at + 2..).unwrap_or("");
        match after.find('}') {
            None => return Some("a `${` is never closed with `}`"),
            Some(0) => return Some("`${}` names no variable"),
            Some(end) => rest = after.get(end + 1..).unwrap_or(""),
        }
    }
    None
}

/// Whether a variable stands before the fifth colon of an ARN: AWS substitutes variables only
/// in the resource part ("IAM policy elements: Variables and tags", Resource element).
pub(super) fn variable_before_resource_part(s: &str) -> bool {
    let head_len = s.match_indices(':').nth(4).map_or(s.len(), |(i, _)| i);
    s.get(..head_len).is_some_and(has_variable)
}

/// Checks a condition value against its operator family; the error explains what was
/// expected.
///
/// SHIM: stands in for `crate::conditions::validate_value` until that exists; replace the
/// body with a call to it (same signature).
pub(super) fn validate_value(base: BaseOperator, text: &str) -> Result<(), String> {
    let ok = match base.family() {
        Family::String | Family::Arn | Family::Null => true,
        Family::Numeric => is_number(text),
        Family::Date => is_date(text),
        Family::Bool => text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"),
        Family::Binary => is_base64(text),
        Family::Ip => is_cidr(text),
    };
    if ok {
        return Ok(());
    }
    Err(match base.family() {
        Family::Numeric => "expected a number, such as `10` or `2.5`",
        Family::Date => "expected an ISO 8601 date and time (`2024-01-31T12:00:00Z`) or epoch seconds (`1706702400`)",
        Family::Bool => "expected `true` or `false`",
        Family::Binary => "expected base64-encoded bytes, such as `QmluYXJ5`",
        Family::Ip => "expected an IP address or a CIDR range, such as `203.0.113.0/24` or `2001:db8::/32`",
        Family::String | Family::Arn | Family::Null => "",
    }
    .to_string())
}

fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && s.parse::<f64>().is_ok()
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Epoch seconds, or a W3C profile of ISO 8601: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then
/// optionally `Thh:mm[:ss[.s+]]` and a zone (`Z`, `+hh:mm`, `-hh:mm`).
fn is_date(s: &str) -> bool {
    let epoch = s.strip_prefix('-').unwrap_or(s);
    if !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let year = parts.next().and_then(|y| digits(y, 4));
    let month = parts.next().map(|m| digits(m, 2));
    let day = parts.next().map(|d| digits(d, 2));
    if year.is_none() || parts.next().is_some() {
        return false;
    }
    match (month, day) {
        (None, None) => time.is_none(),
        (Some(Some(m)), None) => (1..=12).contains(&m) && time.is_none(),
        (Some(Some(m)), Some(Some(d))) => {
            (1..=12).contains(&m) && (1..=31).contains(&d) && time.map_or(true, is_time)
        }
        _ => false,
    }
}

fn is_time(t: &str) -> bool {
    let (clock, zone) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
        (c, None)
    } else if let Some(at) = t.rfind(['+', '-']) {
        (t.get(..at).unwrap_or(""), t.get(at + 1..))
    } else {
        (t, None)
    };
    if let Some(zone) = zone {
        let ok = match zone.split_once(':') {
            Some((h, m)) => {
                digits(h, 2).is_some_and(|h| h <= 23) && digits(m, 2).is_some_and(|m| m <= 59)
            }
            None => digits(zone, 4).is_some() || digits(zone, 2).is_some(),
        };
        if !ok {
            return false;
        }
    }
    let (clock, fraction) = match clock.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let fields: Vec<&str> = clock.split(':').collect();
    let limits = [23, 59, 60];
    (fields.len() == 2 || (fields.len() == 3))
        && (fraction.is_none() || fields.len() == 3)
        && fields
            .iter()
            .zip(limits)
            .all(|(f, max)| digits(f, 2).is_some_and(|v| v <= max))
}

fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    !s.is_empty()
        && padding <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && (padding == 0 || s.len() % 4 == 0)
        && body.len() % 4 != 1
}

fn is_cidr(s: &str) -> bool {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    let max = if addr.parse::<std::net::Ipv4Addr>().is_ok() {
        32
    } else if addr.parse::<std::net::Ipv6Addr>().is_ok() {
        128
    } else {
        return false;
    };
    match prefix {
        None => true,
        Some(p) => {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|p| p <= max)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(check_action_pattern(input).unwrap_err().message, message);
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
            assert_eq!(check_resource(input).unwrap_err().message, message);
        }
    }

    #[test]
    fn variables() {
        assert_eq!(malformed_variable("a/${aws:username}/b"), None);
        assert_eq!(malformed_variable("${a}${b}"), None);
        assert_eq!(
            malformed_variable("a/${aws:username"),
            Some("a `${` is never closed with `}`")
        );
        assert_eq!(malformed_variable("${}"), Some("`${}` names no variable"));
        assert!(variable_before_resource_part("arn:aws:s3:${aws:region}::b"));
        assert!(!variable_before_resource_part(
            "arn:aws:s3:::b/${aws:username}"
        ));
        assert!(!variable_before_resource_part(
            "arn:aws:sqs:us-east-2:*:${aws:username}-queue"
        ));
    }

    #[test]
    fn condition_values() {
        use BaseOperator::*;
        let ok = [
            (NumericEquals, "10"),
            (NumericLessThan, "-2.5"),
            (DateLessThan, "2024-01-31T12:00:00Z"),
            (DateLessThan, "2024-01-31T12:00:00.123+02:00"),
            (DateLessThan, "2024-01-31T12:00Z"),
            (DateLessThan, "2024-01-31"),
            (DateLessThan, "2024-01"),
            (DateLessThan, "2024"),
            (DateLessThan, "1706702400"),
            (Bool, "true"),
            (Bool, "False"),
            (BinaryEquals, "QmluYXJ5VmFsdWVJbkJhc2U2NA=="),
            (IpAddress, "203.0.113.0/24"),
            (IpAddress, "203.0.113.5"),
            (NotIpAddress, "2001:DB8:1234:5678::/64"),
            (StringEquals, "anything"),
        ];
        for (op, value) in ok {
            assert_eq!(validate_value(op, value), Ok(()), "{op:?} {value}");
        }
        let bad = [
            (NumericEquals, "ten"),
            (NumericEquals, "inf"),
            (DateLessThan, "yesterday"),
            (DateLessThan, "2024-13-01"),
            (DateLessThan, "2024-01-31T25:00:00Z"),
            (Bool, "yes"),
            (BinaryEquals, "not base64!"),
            (BinaryEquals, "abcde"),
            (IpAddress, "203.0.113.0/33"),
            (IpAddress, "203.0.113"),
        ];
        for (op, value) in bad {
            assert!(validate_value(op, value).is_err(), "{op:?} {value}");
        }
    }
}
