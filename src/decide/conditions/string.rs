//! String operators: `StringEquals`, `StringEqualsIgnoreCase`, `StringLike` (and their `Not`
//! forms, which the caller evaluates as the negation of these).
//!
//! "Condition operators", String table: `StringEquals` "Exact matching, case sensitive";
//! `StringEqualsIgnoreCase` "Exact matching, ignoring case"; `StringLike` "Case-sensitive
//! matching. The values can include multi-character match wildcards (*) and single-character
//! match wildcards (?) anywhere in the string."
//!
//! Worked examples (request value vs policy value):
//! - `StringEquals`: `alice` vs `alice` true; `Alice` vs `alice` false; `a*` vs `a*` true
//!   (no wildcards: `*` is a plain character); `abc` vs `a*` false.
//! - `StringEqualsIgnoreCase`: `ALICE` vs `alice` true; `Été` vs `été` true.
//! - `StringLike`: `home/alice/notes` vs `home/*` true; `Home/x` vs `home/*` false;
//!   `t2.micro` vs `t?.*` true; `` (empty) vs `*` true.
//!
//! The policy value arrives as a [`Pattern`] built by the caller: literal for the `Equals`
//! forms, with wildcards for `Like` (variables already substituted).

use crate::decide::matching::wildcard::Pattern;

/// How a string operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringMode {
    /// `StringEquals` / `StringNotEquals`: exact, case-sensitive.
    Exact,
    /// `StringEqualsIgnoreCase` / `StringNotEqualsIgnoreCase`.
    IgnoreCase,
    /// `StringLike` / `StringNotLike`: wildcards, case-sensitive.
    Like,
}

/// Builds the pattern for a policy value written as `text` (no variables).
pub fn policy_pattern(mode: StringMode, text: &str) -> Pattern {
    match mode {
        StringMode::Like => Pattern::parse(text),
        StringMode::Exact | StringMode::IgnoreCase => Pattern::literal(text),
    }
}

/// The positive comparison of one request value with one policy value.
pub fn matches(mode: StringMode, request: &str, policy: &Pattern) -> bool {
    match mode {
        StringMode::IgnoreCase => policy.matches_ignore_case(request),
        StringMode::Exact | StringMode::Like => policy.matches(request),
    }
}

/// [`matches()`] for a policy value written as `text` (no variables), without building a
/// [`Pattern`]: the same results as `matches(mode, request, &policy_pattern(mode, text))`.
pub fn matches_text(mode: StringMode, request: &str, text: &str) -> bool {
    match mode {
        StringMode::Exact => request == text,
        StringMode::IgnoreCase => crate::decide::matching::wildcard::eq_fold_case(text, request),
        StringMode::Like => crate::decide::matching::wildcard::glob_matches(text, request, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StringMode::*;

    #[test]
    fn table() {
        let cases = [
            (Exact, "alice", "alice", true),
            (Exact, "Alice", "alice", false),
            (Exact, "a*", "a*", true),
            (Exact, "abc", "a*", false),
            (Exact, "", "", true),
            (Exact, "x", "", false),
            (Exact, "é", "é", true),
            (IgnoreCase, "ALICE", "alice", true),
            (IgnoreCase, "Été", "été", true),
            (IgnoreCase, "abc", "a?c", false),
            (IgnoreCase, "alice2", "alice", false),
            (Like, "home/alice/notes", "home/*", true),
            (Like, "Home/x", "home/*", false),
            (Like, "t2.micro", "t?.*", true),
            (Like, "", "*", true),
            (Like, "", "?", false),
            (Like, "日本語", "日?語", true),
            (Like, "naïve", "na?ve", true),
            (Like, "ÉTÉ", "été", false),
            (
                Like,
                "https://example.com/alice/",
                "https://example.com/*/",
                true,
            ),
        ];
        for (mode, request, policy, expected) in cases {
            let pattern = policy_pattern(mode, policy);
            assert_eq!(
                matches_text(mode, request, policy),
                expected,
                "{mode:?}: {request:?} vs {policy:?} (text)"
            );
            assert_eq!(
                matches(mode, request, &pattern),
                expected,
                "{mode:?}: {request:?} vs {policy:?}"
            );
        }
    }
}
