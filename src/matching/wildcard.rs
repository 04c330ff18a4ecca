//! IAM wildcard patterns: `*` matches any run of characters (including none), `?` exactly one.
//!
//! Used by `Action`/`NotAction` (case-insensitive), `Resource`/`NotResource` and the `Like` and
//! `Arn` condition operators (case-sensitive). Characters are Unicode scalar values, not bytes:
//! `?` matches `é` as one character.
//!
//! A [`Pattern`] is a list of pieces, so text from a policy variable can be added as literal
//! text even when it contains `*` or `?` ("IAM policy elements: Variables and tags": `${*}` is
//! a literal asterisk, and substituted values are never wildcards).
//!
//! ```
//! use iam_playground::matching::wildcard::Pattern;
//! assert!(Pattern::parse("iam:Pass*").matches("iam:PassRole"));
//! assert!(Pattern::parse("iam:pass*").matches_ignore_case("iam:PassRole"));
//! let mut p = Pattern::parse("home/");
//! p.push_literal("a*b"); // a value substituted for a variable: literal
//! assert!(p.matches("home/a*b") && !p.matches("home/axb"));
//! ```
//!
//! Matching is the greedy two-pointer algorithm with backtracking to the last `*` only, so it
//! takes at most O(pattern length × text length) steps and never backtracks exponentially
//! (`*a*a*a*a*b` against 10 kB of `a` is fast).

use std::fmt;

/// One piece of a [`Pattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text matched character for character (never empty in a built pattern).
    Literal(String),
    /// `?`: exactly one character.
    AnyChar,
    /// `*`: any run of characters, including none.
    AnyRun,
}

/// A wildcard pattern: literal text, `*` and `?` pieces.
///
/// Adjacent literals are merged and consecutive `*` collapse into one, so two patterns that
/// match the same way compare equal (`==` compares the pieces only).
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    pieces: Vec<Piece>,
    /// True when the pattern was written where `*` and `?` are wildcards; [`fmt::Display`]
    /// then shows a literal `*` or `?` as `${*}` or `${?}` so the two cannot be confused.
    wildcard_context: bool,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.pieces == other.pieces
    }
}

impl Eq for Pattern {}

impl Pattern {
    /// An empty pattern (matches only the empty text). `wildcard_context` says whether it is
    /// being built where `*` and `?` are wildcards (only affects [`fmt::Display`]).
    pub fn empty(wildcard_context: bool) -> Pattern {
        Pattern {
            pieces: Vec::new(),
            wildcard_context,
        }
    }

    /// Parses `text`, where every `*` and `?` is a wildcard.
    pub fn parse(text: &str) -> Pattern {
        let mut p = Pattern::empty(true);
        p.push_pattern_text(text);
        p
    }

    /// A pattern that matches exactly `text` (`*` and `?` are ordinary characters).
    pub fn literal(text: &str) -> Pattern {
        let mut p = Pattern::empty(false);
        p.push_literal(text);
        p
    }

    /// Appends literal text.
    pub fn push_literal(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Piece::Literal(last)) = self.pieces.last_mut() {
            last.push_str(text);
        } else {
            self.pieces.push(Piece::Literal(text.to_string()));
        }
    }

    /// Appends text in which `*` and `?` are wildcards.
    pub fn push_pattern_text(&mut self, text: &str) {
        self.wildcard_context = true;
        let mut rest = text;
        while let Some(i) = rest.find(['*', '?']) {
            let (lit, tail) = rest.split_at(i);
            self.push_literal(lit);
            if tail.starts_with('*') {
                self.push_any_run();
            } else {
                self.push_any_char();
            }
            rest = tail.get(1..).unwrap_or("");
        }
        self.push_literal(rest);
    }

    /// Appends a `*`.
    pub fn push_any_run(&mut self) {
        if self.pieces.last() != Some(&Piece::AnyRun) {
            self.pieces.push(Piece::AnyRun);
        }
    }

    /// Appends a `?`.
    pub fn push_any_char(&mut self) {
        self.pieces.push(Piece::AnyChar);
    }

    /// Appends every piece of `other`.
    pub fn push_pattern(&mut self, other: &Pattern) {
        for piece in &other.pieces {
            match piece {
                Piece::Literal(s) => self.push_literal(s),
                Piece::AnyChar => self.push_any_char(),
                Piece::AnyRun => self.push_any_run(),
            }
        }
        self.wildcard_context |= other.wildcard_context;
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// True when the pattern has no wildcard (it matches exactly one text).
    pub fn is_literal(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Literal(_)))
    }

    /// The one text a literal pattern matches (`None` when it has wildcards).
    pub fn literal_text(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [] => Some(""),
            [Piece::Literal(s)] => Some(s),
            _ => None,
        }
    }

    /// True for the pattern `*` alone, which matches everything.
    pub fn is_match_all(&self) -> bool {
        self.pieces == [Piece::AnyRun]
    }

    /// True when the last piece is `*`.
    pub fn ends_with_any_run(&self) -> bool {
        self.pieces.last() == Some(&Piece::AnyRun)
    }

    /// Case-sensitive match of the whole `text`.
    pub fn matches(&self, text: &str) -> bool {
        let tokens = self.tokens(|c| c);
        let chars: Vec<char> = text.chars().collect();
        match_tokens(&tokens, &chars)
    }

    /// Case-insensitive match of the whole `text`: each character is compared by its simple
    /// lowercase mapping (Unicode, one character to one character; a character whose lowercase
    /// form is several characters, like `İ`, is compared as is).
    pub fn matches_ignore_case(&self, text: &str) -> bool {
        let tokens = self.tokens(fold_case);
        let chars: Vec<char> = text.chars().map(fold_case).collect();
        match_tokens(&tokens, &chars)
    }

    /// Splits the pattern at literal `:` into at most `max` parts; the last part keeps any
    /// further colons. `arn:aws:s3:::b/*` with `max = 6` gives `arn`, `aws`, `s3`, ``, ``,
    /// `b/*`. A colon from a substituted value splits like a written one.
    pub fn split_colons(&self, max: usize) -> Vec<Pattern> {
        let mut parts = vec![Pattern::empty(self.wildcard_context)];
        for piece in &self.pieces {
            let Some(current) = parts.last_mut() else {
                break;
            };
            match piece {
                Piece::AnyChar => current.push_any_char(),
                Piece::AnyRun => current.push_any_run(),
                Piece::Literal(s) => {
                    let mut rest = s.as_str();
                    while parts.len() < max {
                        let Some((before, after)) = rest.split_once(':') else {
                            break;
                        };
                        if let Some(current) = parts.last_mut() {
                            current.push_literal(before);
                        }
                        parts.push(Pattern::empty(self.wildcard_context));
                        rest = after;
                    }
                    if let Some(current) = parts.last_mut() {
                        current.push_literal(rest);
                    }
                }
            }
        }
        parts
    }

    /// [`Pattern::split_colons`] into the six ARN components.
    pub fn split_arn(&self) -> Vec<Pattern> {
        self.split_colons(6)
    }

    fn tokens(&self, map: impl Fn(char) -> char) -> Vec<Token> {
        let mut out = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => out.extend(s.chars().map(|c| Token::Char(map(c)))),
                Piece::AnyChar => out.push(Token::AnyChar),
                Piece::AnyRun => out.push(Token::AnyRun),
            }
        }
        out
    }
}

impl fmt::Display for Pattern {
    /// The pattern as policy text: `*` and `?` for wildcards. In a wildcard context a literal
    /// `*` or `?` is written `${*}` or `${?}` (the policy-variable escapes).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.pieces {
            match piece {
                Piece::AnyChar => f.write_str("?")?,
                Piece::AnyRun => f.write_str("*")?,
                Piece::Literal(s) if self.wildcard_context => {
                    for c in s.chars() {
                        match c {
                            '*' => f.write_str("${*}")?,
                            '?' => f.write_str("${?}")?,
                            c => fmt::Write::write_char(f, c)?,
                        }
                    }
                }
                Piece::Literal(s) => f.write_str(s)?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    AnyChar,
    AnyRun,
}

/// Matches `text` against a pattern written as text (`*`, `?` wildcards) without building a
/// [`Pattern`]: no allocation, the same greedy algorithm (at most pattern × text steps). Used on
/// hot paths such as `Action` matching, where the pattern has no policy variables.
pub fn glob_matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let fold = |c: char| if ignore_case { fold_case(c) } else { c };
    let (mut p, mut t) = (0usize, 0usize);
    // After the last `*`: where the pattern resumes, and where in the text that `*` stopped.
    let mut star: Option<(usize, usize)> = None;
    loop {
        let tc = text.get(t..).and_then(|s| s.chars().next());
        let pc = pattern.get(p..).and_then(|s| s.chars().next());
        match (pc, tc) {
            (Some('*'), _) => {
                p += 1;
                star = Some((p, t));
            }
            (Some(pc), Some(tc)) if pc == '?' || fold(pc) == fold(tc) => {
                p += pc.len_utf8();
                t += tc.len_utf8();
            }
            (None, None) => return true,
            _ => match star {
                // Let the last `*` swallow one more character and retry from there.
                Some((sp, st)) => match text.get(st..).and_then(|s| s.chars().next()) {
                    Some(c) => {
                        p = sp;
                        t = st + c.len_utf8();
                        star = Some((sp, t));
                    }
                    None => return false,
                },
                None => return false,
            },
        }
    }
}

fn fold_case(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Greedy matching with backtracking to the most recent `*` only. When a later `*` is
/// reached, earlier ones never need to take more characters: whatever the later `*` would
/// have skipped it can absorb itself. Hence at most O(|pattern| × |text|) steps.
fn match_tokens(pattern: &[Token], text: &[char]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    // (index of the last `*` seen, text position it is currently extended to)
    let mut star: Option<(usize, usize)> = None;
    while let Some(&c) = text.get(t) {
        match pattern.get(p) {
            Some(Token::AnyRun) => {
                star = Some((p, t));
                p += 1;
                continue;
            }
            Some(Token::AnyChar) => {
                p += 1;
                t += 1;
                continue;
            }
            Some(Token::Char(pc)) if *pc == c => {
                p += 1;
                t += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                // Let the last `*` take one more character and retry after it.
                star = Some((sp, st + 1));
                p = sp + 1;
                t = st + 1;
            }
            None => return false,
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|tok| *tok == Token::AnyRun))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (pattern, text, case-sensitive result, case-insensitive result)
        let cases = [
            ("", "", true, true),
            ("", "a", false, false),
            ("*", "", true, true),
            ("*", "anything/at:all", true, true),
            ("?", "", false, false),
            ("?", "é", true, true),
            ("?", "😀", true, true),
            ("??", "é", false, false),
            ("a*", "a", true, true),
            ("a*b", "ab", true, true),
            ("a*b", "axxb", true, true),
            ("a*b", "axxbc", false, false),
            ("a*b*c", "abbbcbc", true, true),
            ("*.txt", "notes.txt", true, true),
            ("*.txt", "notes.TXT", false, true),
            ("s3:Get*", "s3:getobject", false, true),
            ("h?llo", "héllo", true, true),
            ("ÉTÉ", "été", false, true),
            ("a?c", "ac", false, false),
            ("**a**", "xa", true, true),
            ("*a?", "ba", false, false),
            ("*a?", "bab", true, true),
            ("文字*", "文字列", true, true),
        ];
        for (pattern, text, cs, ci) in cases {
            let p = Pattern::parse(pattern);
            assert_eq!(p.matches(text), cs, "{pattern:?} vs {text:?}");
            assert_eq!(
                p.matches_ignore_case(text),
                ci,
                "{pattern:?} vs {text:?} (ignore case)"
            );
        }
    }

    #[test]
    fn literal_patterns_treat_wildcards_as_text() {
        let p = Pattern::literal("a*b?");
        assert!(p.is_literal());
        assert_eq!(p.literal_text(), Some("a*b?"));
        assert!(p.matches("a*b?"));
        assert!(!p.matches("axbc"));
        assert_eq!(p.to_string(), "a*b?");
    }

    #[test]
    fn pieces_are_normalized_and_displayed() {
        let mut p = Pattern::parse("a**b");
        p.push_literal("*c");
        p.push_pattern_text("?");
        assert_eq!(
            p.pieces(),
            &[
                Piece::Literal("a".into()),
                Piece::AnyRun,
                Piece::Literal("b*c".into()),
                Piece::AnyChar
            ]
        );
        assert_eq!(p.to_string(), "a*b${*}c?");
        assert!(!p.is_literal());
        assert_eq!(p.literal_text(), None);
        assert_eq!(Pattern::parse("x").literal_text(), Some("x"));
        assert_eq!(Pattern::parse("").literal_text(), Some(""));
        assert!(Pattern::parse("**").is_match_all());
        assert_eq!(Pattern::parse("ab"), Pattern::literal("ab"));
    }

    #[test]
    fn split_arn_keeps_colons_in_the_resource() {
        let p = Pattern::parse("arn:aws:s3:::b/*:x:y");
        let parts: Vec<String> = p.split_arn().iter().map(ToString::to_string).collect();
        assert_eq!(parts, ["arn", "aws", "s3", "", "", "b/*:x:y"]);
        let parts: Vec<String> = Pattern::parse("arn:aws:*")
            .split_arn()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(parts, ["arn", "aws", "*"]);
        assert_eq!(Pattern::parse("*").split_arn().len(), 1);
    }

    #[test]
    fn no_exponential_backtracking() {
        let text = "a".repeat(10_000);
        let start = std::time::Instant::now();
        assert!(!Pattern::parse("*a*a*a*a*a*a*a*a*b").matches(&text));
        assert!(!Pattern::parse("*a*a*a*a*a*a*a*a*b").matches_ignore_case(&text));
        assert!(Pattern::parse("*a*a*a*a*a*a*a*a*").matches(&text));
        let long_pattern = "*a".repeat(200) + "b";
        assert!(!Pattern::parse(&long_pattern).matches(&text));
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    }
}
