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

use crate::decide::matching::arn::{arn_matches, arn_text_matches, parse_arn};
use crate::decide::matching::wildcard::{is_match_all, Pattern, TextCursor};

/// Whether one request value matches one policy pattern; `None` when the request value is
/// not an ARN and so cannot be compared (the caller says so).
pub fn matches(request: &str, policy: &Pattern) -> Option<bool> {
    if policy.is_match_all() {
        return Some(true);
    }
    parse_arn(request)?;
    Some(arn_matches(policy, request))
}

/// [`matches()`] for a policy value written as text (`*` and `?` wildcards), without
/// building a [`Pattern`].
pub fn matches_text(request: &str, policy: &str) -> Option<bool> {
    if is_match_all(TextCursor(policy)) {
        return Some(true);
    }
    parse_arn(request)?;
    Some(arn_text_matches(policy, request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        const MATCHED: Option<bool> = Some(true);
        const NOT_MATCHED: Option<bool> = Some(false);
        let cases = [
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:*:123456789012:*", MATCHED),
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:topic", MATCHED),
            ("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:Topic", NOT_MATCHED),
            (
                "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
                "arn:aws:someservice:*:111122223333:finance/*",
                NOT_MATCHED,
            ),
            ("arn:aws:iam::1:role/Admin", "arn:aws:iam::1:role/admin", NOT_MATCHED),
            ("arn:aws:iam::1:role/Admin", "arn:aws:iam::?:role/*", MATCHED),
            ("arn:aws:iam::1:role/Admin", "*", MATCHED),
            ("anything", "*", MATCHED),
            ("arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:ec2:*", MATCHED),
        ];
        for (request, policy, expected) in cases {
            assert_eq!(
                matches(request, &Pattern::parse(policy)),
                expected,
                "{request} vs {policy}"
            );
            assert_eq!(
                matches_text(request, policy),
                expected,
                "{request} vs {policy} (text)"
            );
        }
        // Not an ARN: cannot be compared.
        assert_eq!(matches("my-topic", &Pattern::parse("arn:*")), None);
        assert_eq!(matches_text("my-topic", "arn:*"), None);
    }
}
