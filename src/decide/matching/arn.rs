//! ARNs: parsing, and matching an ARN against a wildcard pattern component by component.
//!
//! An ARN is `arn:partition:service:region:account:resource`; the resource part keeps any
//! further colons and slashes ("Identify AWS resources with Amazon Resource Names (ARNs)":
//! `resource-type/resource-id` and `resource-type:resource-id` are both resource parts).
//!
//! Matching rules (used by `Resource`/`NotResource` and by `ArnEquals`/`ArnLike`):
//! - A pattern that is just `*` matches anything, ARN or not ("IAM JSON policy elements:
//!   Resource": `"Resource": "*"`).
//! - Each of the first five components is matched on its own, and the resource part against
//!   the sixth component of the pattern, which keeps its colons. So a `*` never crosses a
//!   colon before the resource part, but in the resource part it crosses `/` and `:`
//!   ("Condition operators", ARN section: with `ArnLike`, in
//!   `arn:aws:someservice:*:111122223333:finance/*` "the first asterisk matches only
//!   `us-east-2`"; "IAM JSON policy elements: Resource": the `*` "can expand to replace
//!   everything within a segment, including characters like a forward slash (`/`)").
//! - Matching is case-sensitive ("ArnEquals, ArnLike: Case-sensitive matching of the ARN";
//!   "In the Resource element, the IAM user name is case sensitive").
//! - Pattern with fewer than six components (`arn:aws:s3:*`): "Resource" says "If the `*`
//!   wildcard is the last character of a resource ARN segment, it can expand to match beyond
//!   the colon boundaries". Playground reading: when the pattern runs out of components and
//!   its last component ends with `*`, that `*` takes the rest of the ARN, colons included
//!   (`arn:aws:s3:*` covers every S3 ARN, `arn:aws:*` every ARN of partition `aws`).
//!   Otherwise a short pattern matches nothing. A `*` at the end of a component followed by
//!   more components does not cross colons (the `ArnLike` example above).
//! - Candidate that is not an ARN (fewer than six components, e.g. the resource `*` of an
//!   action without resource-level permissions): no components to compare, so the whole
//!   pattern is matched against the whole text as a plain wildcard pattern. `*` matches it;
//!   an ARN pattern does not. (Playground choice; AWS documents no such case.)

use super::wildcard::{
    ends_with_any_run, is_match_all, wild_match, Cursor, Pattern, PieceCursor, TextCursor,
};

/// The six components of an ARN, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: &'a str,
    /// The service namespace (`iam`, `s3`).
    pub service: &'a str,
    /// The region, empty for global services.
    pub region: &'a str,
    /// The account id, empty for S3 buckets.
    pub account: &'a str,
    /// Everything after the fifth colon, colons and slashes included.
    pub resource: &'a str,
}

/// Parses `arn:partition:service:region:account:resource`. Returns `None` unless the text
/// starts with `arn:` and has at least five colons. Components may be empty (S3 ARNs have no
/// region or account); no component is otherwise checked.
pub fn parse_arn(text: &str) -> Option<Arn<'_>> {
    let [arn, partition, service, region, account, resource] = six_parts(text)?;
    (arn == "arn").then_some(Arn {
        partition,
        service,
        region,
        account,
        resource,
    })
}

/// The text split at its first five colons (the last part keeps any further colons), if it
/// has five: the parts of an ARN, found with a byte scan. [`split6`] splits the same way but
/// also keeps where each part starts and takes texts with fewer colons, for matching; built on
/// it, this was 1.3% more instructions per corpus decision (three ARN parses each).
pub(crate) fn six_parts(text: &str) -> Option<[&str; 6]> {
    let mut parts = [""; 6];
    let mut rest = text;
    for part in parts.iter_mut().take(5) {
        let colon = rest.bytes().position(|b| b == b':')?;
        *part = rest.get(..colon)?;
        rest = rest.get(colon + 1..)?;
    }
    if let Some(last) = parts.get_mut(5) {
        *last = rest;
    }
    Some(parts)
}

/// Whether `pattern` covers the ARN `arn` (see the module documentation for the rules).
pub fn arn_matches(pattern: &Pattern, arn: &str) -> bool {
    if pattern.is_match_all() {
        return true;
    }
    let (parts, count) = pattern.arn_cursors();
    match_components(pattern.cursor(), parts.get(..count).unwrap_or(&[]), arn)
}

/// [`arn_matches`] for a pattern written as text (every `*` and `?` a wildcard, as
/// `Pattern::parse` reads it), without building a [`Pattern`] or allocating.
pub fn arn_text_matches(pattern: &str, arn: &str) -> bool {
    if is_match_all(TextCursor(pattern)) {
        return true;
    }
    let (parts, _, count) = split6(pattern);
    let parts = parts.map(TextCursor);
    match_components(TextCursor(pattern), parts.get(..count).unwrap_or(&[]), arn)
}

/// The component rules: `whole` is the pattern, `parts` its colon-separated components (at
/// most six, the last keeping further colons).
fn match_components<C: Component>(whole: C, parts: &[C], arn: &str) -> bool {
    // The candidate's components, and the byte offset where each starts.
    let (candidate, starts, count) = split6(arn);
    if count < 6 {
        return wild_match(whole, arn, false);
    }
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let ok = if i == last && i < 5 {
            // Short pattern: its final `*` may take the rest of the ARN.
            let rest = starts
                .get(i)
                .and_then(|&start| arn.get(start..))
                .unwrap_or("");
            ends_with_any_run(*part) && part.matches(rest)
        } else {
            candidate.get(i).is_some_and(|c| part.matches(c))
        };
        if !ok {
            return false;
        }
    }
    true
}

/// `text.splitn(6, ':')` without an iterator: the parts, the byte offset where each starts,
/// and how many there are (unused slots are empty).
fn split6(text: &str) -> ([&str; 6], [usize; 6], usize) {
    let mut parts = [""; 6];
    let mut starts = [0usize; 6];
    let mut rest = text;
    let mut start = 0;
    let mut count = 0;
    for (part, at) in parts.iter_mut().zip(starts.iter_mut()).take(5) {
        let Some(colon) = rest.bytes().position(|b| b == b':') else {
            break;
        };
        *part = rest.get(..colon).unwrap_or("");
        *at = start;
        rest = rest.get(colon + 1..).unwrap_or("");
        start += colon + 1;
        count += 1;
    }
    if let (Some(part), Some(at)) = (parts.get_mut(count), starts.get_mut(count)) {
        *part = rest;
        *at = start;
    }
    (parts, starts, count + 1)
}

/// One component of a pattern: a cursor that can also say quickly whether it matches a text.
trait Component: Cursor {
    /// Case-sensitive match of the whole `text`.
    fn matches(&self, text: &str) -> bool {
        wild_match(*self, text, false)
    }
}

impl Component for PieceCursor<'_> {}

impl Component for TextCursor<'_> {
    fn matches(&self, text: &str) -> bool {
        let pattern = self.0;
        match pattern.bytes().position(|b| b == b'*' || b == b'?') {
            // No wildcard: equal texts (the usual partition, service, region and account).
            None => pattern == text,
            // `prefix*` (the usual resource part): a prefix test.
            Some(i) if i + 1 == pattern.len() && pattern.ends_with('*') => pattern
                .get(..i)
                .is_some_and(|prefix| text.starts_with(prefix)),
            Some(_) => wild_match(*self, text, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arns() {
        let a = parse_arn("arn:aws:iam::111122223333:role/ops/Admin").unwrap();
        assert_eq!(
            (a.partition, a.service, a.region, a.account, a.resource),
            ("aws", "iam", "", "111122223333", "role/ops/Admin")
        );
        let a = parse_arn("arn:aws:logs:us-east-1:1:log-group:g:log-stream:s").unwrap();
        assert_eq!(a.resource, "log-group:g:log-stream:s");
        assert_eq!(parse_arn("arn:aws:s3:::b").unwrap().resource, "b");
        assert_eq!(parse_arn("arn:aws:s3::").map(|a| a.resource), None);
        assert_eq!(parse_arn("*"), None);
        assert_eq!(parse_arn("urn:aws:s3:::b"), None);
    }

    proptest::proptest! {
        /// The byte scan splits as `splitn(6, ':')` does, for any text (colons, multibyte
        /// characters, empty parts), and finds no parts where that gives fewer than six.
        #[test]
        fn six_parts_splits_as_splitn(text in "[a:é*/]{0,12}") {
            let expected: Vec<&str> = text.splitn(6, ':').collect();
            let found = six_parts(&text);
            if expected.len() == 6 {
                proptest::prop_assert_eq!(found.map(|p| p.to_vec()), Some(expected));
            } else {
                proptest::prop_assert_eq!(found, None);
            }
        }
    }

    #[test]
    fn table() {
        let cases = [
            // the lone `*`
            ("*", "arn:aws:s3:::b", true),
            ("*", "*", true),
            ("*", "not an arn", true),
            // exact and per-component wildcards
            ("arn:aws:s3:::b", "arn:aws:s3:::b", true),
            ("arn:aws:s3:::b", "arn:aws:s3:::B", false),
            ("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y/z.txt", true),
            ("arn:aws:s3:::b/*", "arn:aws:s3:::b", false),
            ("arn:aws:s3:::b*", "arn:aws:s3:::b/x", true),
            ("arn:aws:s3:::example?bucket/*", "arn:aws:s3:::example1bucket/k", true),
            ("arn:aws:iam::*:user/Bob", "arn:aws:iam::111122223333:user/Bob", true),
            ("arn:aws:iam::*:user/Bob", "arn:aws:iam::111122223333:user/bob", false),
            ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", true),
            ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:1:volume/v-1", false),
            ("arn:*:iam::1:root", "arn:aws-cn:iam::1:root", true),
            ("arn:aws:sqs:us-east-2:*:${aws:username}-queue", "arn:aws:sqs:us-east-2:1:${aws:username}-queue", true),
            // "Resource": `*` crosses `/` in the resource part; the S3 example of the page
            ("arn:aws:s3:::bkt/*/test/*", "arn:aws:s3:::bkt/1/2/test/3/object.jpg", true),
            ("arn:aws:s3:::bkt/*/test/*", "arn:aws:s3:::bkt//test/object.jpg", true),
            ("arn:aws:s3:::bkt/*/test/*", "arn:aws:s3:::bkt/1/test/", true),
            ("arn:aws:s3:::bkt/*/test/*", "arn:aws:s3:::bkt/1-test/object.jpg", false),
            // the resource part crosses colons
            ("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true),
            // "Condition operators", ArnLike: the region `*` does not cross colons
            (
                "arn:aws:someservice:*:111122223333:finance/*",
                "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
                false,
            ),
            // a component is not matched with its neighbour's text
            ("arn:aws:s3:*:b", "arn:aws:s3:::b", false),
            // short patterns: a final `*` takes the rest of the ARN
            ("arn:aws:s3:*", "arn:aws:s3:::b/k", true),
            ("arn:aws:*", "arn:aws:iam::1:role/r", true),
            ("arn:aws:s3:*", "arn:aws:sqs:us-east-1:1:q", false),
            ("arn:aws:s3", "arn:aws:s3:::b", false),
            ("arn:aws:s3:", "arn:aws:s3:::b", false),
            ("arn:aws:s3:::", "arn:aws:s3:::", true),
            // candidates that are not ARNs
            ("arn:aws:s3:::*", "*", false),
            ("arn:aws:s3:::b", "b", false),
            ("b*", "bucket", true),
            // Unicode in the resource part
            ("arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/é.txt", true),
        ];
        for (pattern, arn, expected) in cases {
            assert_eq!(
                arn_matches(&Pattern::parse(pattern), arn),
                expected,
                "{pattern} vs {arn}"
            );
        }
    }

    #[test]
    fn substituted_text_is_literal() {
        let mut p = Pattern::parse("arn:aws:s3:::b/");
        p.push_literal("*");
        assert!(arn_matches(&p, "arn:aws:s3:::b/*"));
        assert!(!arn_matches(&p, "arn:aws:s3:::b/x"));
    }
}
