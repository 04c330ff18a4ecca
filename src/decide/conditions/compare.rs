//! Comparing one request value with one policy value, for every operator family, and checking
//! that a policy value is well-formed for its operator.
//!
//! Only the POSITIVE comparison lives here: `StringNotEquals` compares as `StringEquals`,
//! `NotIpAddress` as `IpAddress`, and so on. The caller (`conditions::eval`) negates, applies
//! `ForAllValues:`/`ForAnyValue:`, `IfExists`, `Null` and the missing-key rules.
//!
//! ```
//! use iam_playground::decide::conditions::compare::{compare, Comparison, PolicyValue};
//! use iam_playground::decide::conditions::BaseOperator;
//! let ten = PolicyValue::Text("10".into());
//! assert_eq!(compare(BaseOperator::NumericLessThanEquals, "7", &ten), Comparison::Matched);
//! assert!(matches!(compare(BaseOperator::NumericEquals, "abc", &ten), Comparison::Incomparable(_)));
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;

use super::string::StringMode;
use super::{arn, binary, boolean, date, ip, numeric, string, BaseOperator, Family};
use crate::decide::matching::wildcard::Pattern;
use crate::i18n::Msg;

/// A policy value, ready to compare.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyValue {
    /// String, ARN and Bool operators: the value after variable substitution (literal for the
    /// `Equals` forms and `Bool`, with wildcards for `Like` and the ARN operators).
    Pattern(Pattern),
    /// Other operators: the text as written.
    Text(String),
}

/// The outcome of one comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// The positive operator holds for this pair.
    Matched,
    /// It does not.
    NotMatched,
    /// The values could not be compared (e.g. "`abc` is not a number", a catalog message);
    /// counts as no match.
    Incomparable(Msg),
}

impl Comparison {
    /// `Matched` for true, `NotMatched` for false.
    pub fn from_bool(matched: bool) -> Comparison {
        if matched {
            Comparison::Matched
        } else {
            Comparison::NotMatched
        }
    }

    /// True only for `Matched`.
    pub fn is_match(&self) -> bool {
        *self == Comparison::Matched
    }
}

/// The string mode of a `String*` operator (`None` for other families).
pub fn string_mode(base: BaseOperator) -> Option<StringMode> {
    use BaseOperator::*;
    match base {
        StringEquals | StringNotEquals => Some(StringMode::Exact),
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => Some(StringMode::IgnoreCase),
        StringLike | StringNotLike => Some(StringMode::Like),
        _ => None,
    }
}

/// The positive comparison of `request` (one request value) with one policy value under
/// `base`.
pub fn compare(base: BaseOperator, request: &str, policy: &PolicyValue) -> Comparison {
    match policy {
        PolicyValue::Text(t) => compare_text(base, request, t),
        PolicyValue::Pattern(pattern) => match base.family() {
            Family::String => {
                let mode = string_mode(base).unwrap_or(StringMode::Exact);
                Comparison::from_bool(string::matches(mode, request, pattern))
            }
            Family::Arn => arn_outcome(request, arn::matches(request, pattern)),
            _ => compare_text(base, request, &text_of(policy)),
        },
    }
}

/// The comparison for an ARN operator's answer ([`arn::matches()`]).
fn arn_outcome(request: &str, matched: Option<bool>) -> Comparison {
    match matched {
        Some(m) => Comparison::from_bool(m),
        None => Comparison::Incomparable(not_a("explain.value.not-arn", request)),
    }
}

/// "`value` is not ...": the catalog message `key` about `value`.
fn not_a(key: &'static str, value: &str) -> Msg {
    Msg::new(key).arg("value", value)
}

/// [`compare`] for a policy value written as text with no policy variable (the same as
/// `PolicyValue::Text`), without allocating when the values compare.
pub fn compare_text(base: BaseOperator, request: &str, text: &str) -> Comparison {
    match base.family() {
        Family::String => {
            let mode = string_mode(base).unwrap_or(StringMode::Exact);
            Comparison::from_bool(string::matches_text(mode, request, text))
        }
        Family::Arn => arn_outcome(request, arn::matches_text(request, text)),
        Family::Numeric => {
            let Some(p) = numeric::parse_number(text) else {
                return Comparison::Incomparable(not_a("explain.value.policy-not-number", text));
            };
            let Some(r) = numeric::parse_number(request) else {
                return Comparison::Incomparable(not_a("explain.value.not-number", request));
            };
            ordered(base, r.cmp(&p))
        }
        Family::Date => {
            let Some(p) = date::parse_date(text) else {
                return Comparison::Incomparable(not_a("explain.value.policy-not-date", text));
            };
            let Some(r) = date::parse_date(request) else {
                return Comparison::Incomparable(not_a("explain.value.not-date", request));
            };
            ordered(base, r.cmp(&p))
        }
        Family::Bool => {
            let Some(p) = boolean::parse_bool(text) else {
                return Comparison::Incomparable(not_a("explain.value.policy-not-bool", text));
            };
            match boolean::parse_bool(request) {
                Some(r) => Comparison::from_bool(r == p),
                None => Comparison::Incomparable(not_a("explain.value.not-bool", request)),
            }
        }
        Family::Binary => {
            let Some(p) = binary::decode_base64(text) else {
                return Comparison::Incomparable(not_a("explain.value.policy-not-base64", text));
            };
            match binary::decode_base64(request) {
                Some(r) => Comparison::from_bool(r == p),
                None => Comparison::Incomparable(not_a("explain.value.not-base64", request)),
            }
        }
        Family::Ip => {
            let Some(range) = ip::Cidr::parse(text) else {
                return Comparison::Incomparable(not_a("explain.value.policy-not-ip", text));
            };
            match request.parse() {
                Ok(addr) => Comparison::from_bool(range.contains(addr)),
                Err(_) => Comparison::Incomparable(not_a("explain.value.not-ip", request)),
            }
        }
        Family::Null => Comparison::Incomparable(Msg::new("explain.value.null")),
    }
}

/// Checks that `text`, a policy value, is well-formed for `base`. The error is what was
/// expected, a catalog message (`condition-value.expected.*`: "expected an integer or decimal
/// number, such as ..."). String and ARN values are always accepted; a value with a policy
/// variable is accepted where variables are allowed (it can only be checked once substituted).
pub fn validate_value(base: BaseOperator, text: &str) -> Result<(), Msg> {
    if base.supports_variables() && crate::decide::variables::contains_variable(text) {
        return Ok(());
    }
    let ok = match base.family() {
        Family::String | Family::Arn => true,
        Family::Numeric => numeric::parse_number(text).is_some(),
        Family::Date => date::parse_date(text).is_some(),
        Family::Bool | Family::Null => boolean::parse_bool(text).is_some(),
        Family::Binary => binary::decode_base64(text).is_some(),
        Family::Ip => ip::Cidr::parse(text).is_some(),
    };
    if ok {
        return Ok(());
    }
    Err(Msg::new(match base.family() {
        Family::Numeric => "condition-value.expected.numeric",
        Family::Date => "condition-value.expected.date",
        Family::Binary => "condition-value.expected.binary",
        Family::Ip => "condition-value.expected.ip",
        Family::Null => "condition-value.expected.null",
        _ => "condition-value.expected.bool",
    }))
}

/// Numeric and date operators: `ordering` is the request value against the policy value.
fn ordered(base: BaseOperator, ordering: Ordering) -> Comparison {
    use BaseOperator::*;
    let matched = match base {
        NumericEquals | NumericNotEquals | DateEquals | DateNotEquals => ordering.is_eq(),
        NumericLessThan | DateLessThan => ordering.is_lt(),
        NumericLessThanEquals | DateLessThanEquals => ordering.is_le(),
        NumericGreaterThan | DateGreaterThan => ordering.is_gt(),
        NumericGreaterThanEquals | DateGreaterThanEquals => ordering.is_ge(),
        _ => false,
    };
    Comparison::from_bool(matched)
}

fn text_of(policy: &PolicyValue) -> Cow<'_, str> {
    match policy {
        PolicyValue::Text(t) => Cow::Borrowed(t),
        PolicyValue::Pattern(p) => match p.literal_text() {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(p.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BaseOperator::*;

    fn run(base: BaseOperator, request: &str, policy: &str) -> &'static str {
        let value = match base.family() {
            Family::String => {
                PolicyValue::Pattern(string::policy_pattern(string_mode(base).unwrap(), policy))
            }
            Family::Arn => PolicyValue::Pattern(Pattern::parse(policy)),
            Family::Bool => PolicyValue::Pattern(Pattern::literal(policy)),
            _ => PolicyValue::Text(policy.to_string()),
        };
        match compare(base, request, &value) {
            Comparison::Matched => "match",
            Comparison::NotMatched => "no",
            Comparison::Incomparable(_) => "incomparable",
        }
    }

    /// One line per case: operator, request value, policy value, outcome of the POSITIVE
    /// comparison (negated operators compare as their positive form).
    #[test]
    fn dispatch_table() {
        let cases = [
            (StringEquals, "alice", "alice", "match"),
            (StringNotEquals, "alice", "alice", "match"),
            (StringEquals, "alice", "a*", "no"),
            (StringEqualsIgnoreCase, "ALICE", "alice", "match"),
            (StringNotEqualsIgnoreCase, "ALICE", "alice", "match"),
            (StringLike, "alice", "a*", "match"),
            (StringNotLike, "bob", "a*", "no"),
            (StringLike, "ünïcödé", "ü?ï*", "match"),
            (NumericEquals, "10", "10.0", "match"),
            (NumericNotEquals, "10", "11", "no"),
            (NumericLessThan, "9", "10", "match"),
            (NumericLessThan, "10", "10", "no"),
            (NumericLessThanEquals, "10", "10", "match"),
            (NumericGreaterThan, "-1.5", "-2", "match"),
            (NumericGreaterThanEquals, "-2", "-2", "match"),
            (
                NumericGreaterThan,
                "18446744073709551617",
                "18446744073709551616",
                "match",
            ),
            (NumericEquals, "abc", "1", "incomparable"),
            (NumericEquals, "1", "abc", "incomparable"),
            (
                DateEquals,
                "2020-01-01T01:00:00+01:00",
                "2020-01-01T00:00:00Z",
                "match",
            ),
            (DateEquals, "1577836800", "2020-01-01T00:00:00Z", "match"),
            (DateNotEquals, "2020-01-01T12:00:00Z", "2020-01-01", "no"),
            (DateLessThan, "2019-12-31T23:59:59Z", "2020-01-01", "match"),
            (DateLessThan, "2020-01-01T00:00:00Z", "2020-01-01", "no"),
            (
                DateLessThanEquals,
                "2020-01-01T00:00:00Z",
                "2020-01-01",
                "match",
            ),
            (
                DateGreaterThan,
                "2020-06-01T00:00:00Z",
                "2020-01-01T00:00:01Z",
                "match",
            ),
            (
                DateGreaterThanEquals,
                "2020-02-29",
                "2020-02-28T23:59:59.999Z",
                "match",
            ),
            (DateGreaterThan, "yesterday", "2020-01-01", "incomparable"),
            (Bool, "true", "true", "match"),
            (Bool, "false", "true", "no"),
            (Bool, "TRUE", "true", "match"),
            (Bool, "yes", "true", "incomparable"),
            (
                BinaryEquals,
                "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
                "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
                "match",
            ),
            (BinaryEquals, "AQID", "AQI=", "no"),
            (BinaryEquals, "not base64!", "AQI=", "incomparable"),
            (IpAddress, "203.0.113.7", "203.0.113.0/24", "match"),
            (NotIpAddress, "203.0.114.7", "203.0.113.0/24", "no"),
            (IpAddress, "2001:db8::1", "2001:DB8::/32", "match"),
            (IpAddress, "203.0.113.7", "::/0", "no"),
            (IpAddress, "localhost", "0.0.0.0/0", "incomparable"),
            (IpAddress, "203.0.113.0/24", "0.0.0.0/0", "incomparable"),
            (
                ArnEquals,
                "arn:aws:sns:us-east-1:1:t",
                "arn:aws:sns:*:1:t",
                "match",
            ),
            (
                ArnLike,
                "arn:aws:sns:us-east-1:1:t",
                "arn:aws:sns:*:2:t",
                "no",
            ),
            (
                ArnNotLike,
                "arn:aws:sns:us-east-1:1:t",
                "arn:aws:sns:*:1:*",
                "match",
            ),
            (ArnLike, "not-an-arn", "arn:*", "incomparable"),
            (Null, "x", "true", "incomparable"),
        ];
        for (base, request, policy, expected) in cases {
            assert_eq!(
                run(base, request, policy),
                expected,
                "{} {request:?} {policy:?}",
                base.name()
            );
        }
    }

    #[test]
    fn text_values_work_for_pattern_families() {
        let v = PolicyValue::Text("a*".into());
        assert_eq!(compare(StringLike, "abc", &v), Comparison::Matched);
        assert_eq!(compare(StringEquals, "abc", &v), Comparison::NotMatched);
        assert_eq!(compare(StringEquals, "a*", &v), Comparison::Matched);
        let v = PolicyValue::Text("arn:aws:s3:::b/*".into());
        assert_eq!(
            compare(ArnEquals, "arn:aws:s3:::b/k", &v),
            Comparison::Matched
        );
        let v = PolicyValue::Pattern(Pattern::parse("1?"));
        // a pattern with wildcards where text is expected is read as its text
        assert!(
            matches!(compare(NumericEquals, "10", &v), Comparison::Incomparable(m) if m.render(crate::i18n::Lang::En).contains("`1?`"))
        );
    }

    /// Why two values cannot be compared names the value at fault, in English and in
    /// Japanese.
    #[test]
    fn incomparable_values_say_why_in_both_languages() {
        use crate::i18n::Lang;
        let cases = [
            (NumericEquals, "abc", "1", "abc"),
            (NumericEquals, "1", "x1", "x1"),
            (DateEquals, "soon", "2020-01-01T00:00:00Z", "soon"),
            (DateEquals, "2020-01-01T00:00:00Z", "later", "later"),
            (Bool, "maybe", "true", "maybe"),
            (Bool, "true", "perhaps", "perhaps"),
            (BinaryEquals, "!!", "QQ==", "!!"),
            (BinaryEquals, "QQ==", "%%", "%%"),
            (IpAddress, "host", "10.0.0.0/8", "host"),
            (IpAddress, "10.0.0.1", "net", "net"),
            (ArnEquals, "bucket", "arn:aws:s3:::b", "bucket"),
        ];
        for (base, request, policy, bad) in cases {
            let Comparison::Incomparable(why) = compare_text(base, request, policy) else {
                panic!("{base:?} `{request}` `{policy}` compared");
            };
            let (en, ja) = (why.render(Lang::En), why.render(Lang::Ja));
            let named = format!("`{bad}`");
            assert!(en.contains(&named) && ja.contains(&named), "{en} / {ja}");
            assert!(ja.contains("ありません") && !ja.contains(" is "), "{ja}");
        }
        let Comparison::Incomparable(why) = compare_text(Null, "x", "true") else {
            panic!("Null compared values");
        };
        assert!(why.render(Lang::Ja).contains("比較しません"));
    }

    #[test]
    fn validates_policy_values() {
        // (operator, value, accepted)
        let cases = [
            (StringEquals, "", true),
            (StringLike, "${aws:username", true),
            (ArnLike, "not an arn", true),
            (NumericEquals, "10", true),
            (NumericEquals, "-2.5", true),
            (NumericEquals, "ten", false),
            (NumericLessThan, "1e3", false),
            (DateLessThan, "2020-01-01T00:00:00Z", true),
            (DateLessThan, "2020-01-01", true),
            (DateLessThan, "1577836800", true),
            (DateLessThan, "2020-02-30", false),
            (DateLessThan, "01/01/2020", false),
            (Bool, "true", true),
            (Bool, "False", true),
            (Bool, "1", false),
            (Bool, "${aws:SecureTransport}", true),
            (Null, "true", true),
            (Null, "maybe", false),
            (BinaryEquals, "QmluYXJ5VmFsdWVJbkJhc2U2NA==", true),
            (BinaryEquals, "QmluYXJ5", true),
            (BinaryEquals, "QmluYXJ", false),
            (IpAddress, "203.0.113.0/24", true),
            (IpAddress, "2001:DB8:1234:5678::/64", true),
            (NotIpAddress, "203.0.113.0/33", false),
            (IpAddress, "${aws:SourceIp}", false),
        ];
        for (base, value, accepted) in cases {
            let got = validate_value(base, value);
            assert_eq!(got.is_ok(), accepted, "{} {value:?}: {got:?}", base.name());
            if let Err(message) = got {
                let english = message.render(crate::i18n::Lang::En);
                let null = base == Null && english.starts_with("`Null` takes `true`");
                assert!(english.starts_with("expected ") || null, "{english}");
            }
        }
    }
}
