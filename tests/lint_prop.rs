//! Properties of lint: it never panics (the page lints on every keystroke), and the pattern
//! comparisons it relies on agree with the engine's own wildcard matcher.
#![cfg(test)]

use iam_playground::aws::catalog::Catalog;
use iam_playground::decide::matching::wildcard::Pattern;
use iam_playground::tools::lint::glob::{covers, intersects, POLICY};
use iam_playground::tools::lint::lint;
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).unwrap())
}

const SCENARIO: &str = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [
  {"Sid": "A", "Effect": "Allow", "Action": ["iam:Pass*", "ec2:*Instances", "s3:GetObject"],
   "Resource": ["arn:aws:iam::111122223333:role/${aws:username}", "arn:aws:s3:::b"],
   "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}, "StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"},
                 "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}},
  {"Sid": "D", "Effect": "Deny", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b/*"}]}]},
 "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole",
             "resource": "arn:aws:iam::111122223333:role/app", "context": {"iam:PassedToService": "ec2.amazonaws.com"}}}"#;

/// A text `pattern` matches: each `*` and `?` replaced by characters from `fill`.
fn instance(pattern: &str, fill: &[char]) -> String {
    let mut k = 0;
    let mut next = || {
        k += 1;
        fill.get(k % fill.len().max(1)).copied().unwrap_or('x')
    };
    let mut out = String::new();
    for c in pattern.chars() {
        match c {
            '*' => {
                let n = next() as usize % 3;
                for _ in 0..n {
                    out.push(next());
                }
            }
            '?' => out.push(next()),
            c => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn lint_never_panics_on_edits(at in 0usize..SCENARIO.len(), cut in 0usize..40, insert in "[\\[\\]{}\",:*?$a-zA-Z0-9/ ]{0,8}") {
        let mut text = SCENARIO.to_string();
        let start = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let end = (start + cut).min(text.len());
        let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        text.replace_range(start..end, &insert);
        let _ = lint(&text, Some(catalog()));
        let _ = lint(&text, None);
    }

    #[test]
    fn lint_never_panics_on_noise(text in "\\PC{0,200}") {
        let _ = lint(&text, Some(catalog()));
    }

    #[test]
    fn intersection_is_symmetric_and_covering_is_sound(
        a in "[ab/*?]{0,6}",
        b in "[ab/*?]{0,6}",
        fill in proptest::collection::vec(prop_oneof![Just('a'), Just('b'), Just('/')], 1..6),
    ) {
        prop_assert_eq!(intersects(&a, POLICY, &b, POLICY), intersects(&b, POLICY, &a, POLICY));
        // A text of `b` is matched by `b` (and so by `a` when `a` covers `b`).
        let t = instance(&b, &fill);
        prop_assert!(Pattern::parse(&b).matches(&t));
        if covers(&a, &b, POLICY) {
            prop_assert!(Pattern::parse(&a).matches(&t), "{} covers {} but not {}", a, b, t);
        }
        // A common text exists when some text of `b` matches `a`.
        if Pattern::parse(&a).matches(&t) {
            prop_assert!(intersects(&a, POLICY, &b, POLICY), "{} and {} share {}", a, b, t);
        }
    }
}
