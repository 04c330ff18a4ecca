//! Property tests: the wildcard matcher agrees with a simple dynamic-programming reference
//! on random patterns and texts over a small alphabet.
#![cfg(test)]

use iam_playground::decide::matching::arn::{arn_matches, arn_text_matches};
use iam_playground::decide::matching::wildcard::{glob_matches, Pattern};
use proptest::prelude::*;

/// Reference matcher: `table[i][j]` says whether the first `i` pattern characters match the
/// first `j` text characters. `*` and `?` are wildcards.
fn reference(pattern: &[char], text: &[char]) -> bool {
    let mut table = vec![vec![false; text.len() + 1]; pattern.len() + 1];
    table[0][0] = true;
    for i in 1..=pattern.len() {
        for j in 0..=text.len() {
            table[i][j] = match pattern[i - 1] {
                '*' => table[i - 1][j] || (j > 0 && table[i][j - 1]),
                '?' => j > 0 && table[i - 1][j - 1],
                c => j > 0 && table[i - 1][j - 1] && text[j - 1] == c,
            };
        }
    }
    table[pattern.len()][text.len()]
}

fn reference_str(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    reference(&p, &t)
}

fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Reference ARN matcher for patterns of exactly six components: each component on its own.
fn reference_arn(pattern: &str, arn: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    assert_eq!(p.len(), 6);
    if a.len() < 6 {
        return reference_str(pattern, arn);
    }
    p.iter().zip(&a).all(|(p, a)| reference_str(p, a))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn agrees_with_reference(pattern in "[ab\u{e9}*?]{0,10}", text in "[ab\u{e9}]{0,12}") {
        prop_assert_eq!(Pattern::parse(&pattern).matches(&text), reference_str(&pattern, &text));
    }

    #[test]
    fn ignore_case_agrees_with_lowercased_reference(
        pattern in "[aAb\u{e9}\u{c9}*?]{0,10}",
        text in "[aAb\u{e9}\u{c9}]{0,12}",
    ) {
        prop_assert_eq!(
            Pattern::parse(&pattern).matches_ignore_case(&text),
            reference_str(&lower(&pattern), &lower(&text))
        );
    }

    #[test]
    fn glob_matches_agrees_with_reference(pattern in "[aAb\u{e9}\u{c9}*?]{0,10}", text in "[aAb\u{e9}\u{c9}]{0,12}") {
        prop_assert_eq!(glob_matches(&pattern, &text, false), reference_str(&pattern, &text));
        prop_assert_eq!(glob_matches(&pattern, &text, true), reference_str(&lower(&pattern), &lower(&text)));
    }

    #[test]
    fn literal_patterns_match_only_their_text(a in "[ab*?]{0,6}", b in "[ab*?]{0,6}") {
        prop_assert_eq!(Pattern::literal(&a).matches(&b), a == b);
    }

    #[test]
    fn pieces_concatenate(x in "[ab*?]{0,5}", lit in "[ab*?]{0,4}", y in "[ab*?]{0,5}", text in "[ab*?]{0,12}") {
        // `x`, then `lit` as literal text (its `*` and `?` are plain characters), then `y`:
        // matches when the text splits into a part matching `x`, `lit` itself, and a part
        // matching `y`.
        let mut p = Pattern::parse(&x);
        p.push_literal(&lit);
        p.push_pattern_text(&y);
        let expected = (0..=text.len()).any(|i| {
            text.get(i..).is_some_and(|rest| rest.starts_with(&lit))
                && reference_str(&x, &text[..i])
                && reference_str(&y, &text[i + lit.len()..])
        });
        prop_assert_eq!(p.matches(&text), expected);
    }

    #[test]
    fn arn_components_match_separately(
        parts in proptest::collection::vec("[ab*?]{0,3}", 5),
        resource in "[ab:/*?]{0,6}",
        arn_parts in proptest::collection::vec("[ab]{0,3}", 5),
        arn_resource in "[ab:/]{0,6}",
    ) {
        let pattern = format!("{}:{}", parts.join(":"), resource);
        let arn = format!("{}:{}", arn_parts.join(":"), arn_resource);
        prop_assert_eq!(arn_matches(&Pattern::parse(&pattern), &arn), reference_arn(&pattern, &arn));
        prop_assert_eq!(arn_text_matches(&pattern, &arn), reference_arn(&pattern, &arn));
    }

    #[test]
    fn text_arn_matcher_agrees_with_the_pattern_one(
        pattern in "[ab:*?/]{0,14}",
        arn in "[ab:/]{0,14}",
    ) {
        // Short and long patterns, candidates with fewer than six components.
        prop_assert_eq!(arn_text_matches(&pattern, &arn), arn_matches(&Pattern::parse(&pattern), &arn));
        let prefixed = format!("arn:{arn}");
        prop_assert_eq!(
            arn_text_matches(&pattern, &prefixed),
            arn_matches(&Pattern::parse(&pattern), &prefixed)
        );
    }
}

#[test]
fn pathological_patterns_are_fast() {
    let text = "a".repeat(10_000);
    let start = std::time::Instant::now();
    for k in 1..=20 {
        let pattern = "*a".repeat(k) + "*b";
        assert!(!Pattern::parse(&pattern).matches(&text));
    }
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}
