//! ARN operators: `ArnEquals` and `ArnLike` (`ArnNotEquals`/`ArnNotLike` are the caller's
//! negation of them).
//!
//! "Condition operators": "`ArnEquals`, `ArnLike`: Case-sensitive matching of the ARN. Each of
//! the six colon-delimited components of the ARN is checked separately and each can include
//! multi-character match wildcards (*) or single-character match wildcards (?). The
//! `ArnEquals` and `ArnLike` condition operators behave identically." So both take wildcards
//! and both use [`arn_matches`] (the component rules are documented there).
//!
//! A request value that is not an ARN (not `arn:` with five colons) cannot be compared and
//! never matches, except against the policy value `*`, which matches anything. (Playground
//! choice: the docs do not describe non-ARN values.)
//!
//! Worked examples (request value vs policy value):
//! - `arn:aws:sns:us-east-1:123456789012:topic` vs `arn:aws:sns:*:123456789012:*` → true.
//! - `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt`
//!   vs `arn:aws:someservice:*:111122223333:finance/*` → false (the region `*` stops at its
//!   colon), although `StringLike` would match (the docs' own example).
//! - `arn:aws:iam::1:role/Admin` vs `arn:aws:iam::1:role/admin` → false (case-sensitive).

use super::compare::Comparison;
use crate::decide::matching::arn::{arn_matches, arn_text_matches, parse_arn};
use crate::decide::matching::wildcard::{is_match_all, Pattern, TextCursor};

/// The positive comparison of one request value with one policy pattern.
pub fn compare(request: &str, policy: &Pattern) -> Comparison {
    if policy.is_match_all() {
        return Comparison::Matched;
    }
    if parse_arn(request).is_none() {
        return Comparison::Incomparable(format!("`{request}` is not an ARN"));
    }
    Comparison::from_bool(arn_matches(policy, request))
}

/// [`compare`] for a policy value written as text (`*` and `?` wildcards), without
/// building a [`Pattern`].
pub fn compare_text(request: &str, policy: &str) -> Comparison {
    if is_match_all(TextCursor(policy)) {
        return Comparison::Matched;
    }
    if parse_arn(request).is_none() {
        return Comparison::Incomparable(format!("`{request}` is not an ARN"));
    }
    Comparison::from_bool(arn_text_matches(policy, request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        use Comparison::*;
        let cases = [
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:*:123456789012:*", Matched),
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:topic", Matched),
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:Topic", NotMatched),
            (
                "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
                "arn:aws:someservice:*:111122223333:finance/*",
                NotMatched,
            ),
            ("arn:aws:iam::1:role/Admin", "arn:aws:iam::1:role/admin", NotMatched),
            ("arn:aws:iam::1:role/Admin", "arn:aws:iam::?:role/*", Matched),
            ("arn:aws:iam::1:role/Admin", "*", Matched),
            ("anything", "*", Matched),
            ("arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:ec2:*", Matched),
        ];
        for (request, policy, expected) in cases {
            assert_eq!(
                compare(request, &Pattern::parse(policy)),
                expected,
                "{request} vs {policy}"
            );
            assert_eq!(
                compare_text(request, policy),
                expected,
                "{request} vs {policy} (text)"
            );
        }
        assert!(matches!(
            compare("my-topic", &Pattern::parse("arn:*")),
            Incomparable(m) if m == "`my-topic` is not an ARN"
        ));
    }
}
