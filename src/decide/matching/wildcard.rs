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
//! use iam_playground::decide::matching::wildcard::Pattern;
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
        while let Some(i) = first_wildcard(rest) {
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
        wild_match(self.cursor(), text, false)
    }

    /// Case-insensitive match of the whole `text`: each character is compared by its simple
    /// lowercase mapping (Unicode, one character to one character; a character whose lowercase
    /// form is several characters, like `İ`, is compared as is).
    pub fn matches_ignore_case(&self, text: &str) -> bool {
        wild_match(self.cursor(), text, true)
    }

    /// A cursor over the whole pattern, for the allocation-free matcher.
    pub(crate) fn cursor(&self) -> PieceCursor<'_> {
        PieceCursor {
            pieces: &self.pieces,
            at: PiecePos::default(),
            end: PiecePos {
                piece: self.pieces.len(),
                offset: 0,
            },
        }
    }

    /// The six (or fewer) colon-separated ARN components as cursors, without allocating:
    /// the same parts as [`Pattern::split_arn`]. Returns the parts and how many there are.
    pub(crate) fn arn_cursors(&self) -> ([PieceCursor<'_>; 6], usize) {
        let whole = self.cursor();
        let mut parts = [whole; 6];
        let mut count = 1;
        let mut start = PiecePos::default();
        for (i, piece) in self.pieces.iter().enumerate() {
            let Piece::Literal(s) = piece else {
                continue;
            };
            for (offset, _) in s.match_indices(':') {
                if count >= 6 {
                    break;
                }
                let colon = PiecePos { piece: i, offset };
                if let Some(part) = parts.get_mut(count - 1) {
                    *part = PieceCursor {
                        pieces: &self.pieces,
                        at: start,
                        end: colon,
                    };
                }
                start = PiecePos {
                    piece: i,
                    offset: offset + 1,
                };
                count += 1;
            }
        }
        if let Some(part) = parts.get_mut(count - 1) {
            *part = PieceCursor {
                pieces: &self.pieces,
                at: start,
                end: whole.end,
            };
        }
        (parts, count)
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

/// One step of a pattern, as the matcher sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// A character matched as itself (compared case-folded when ignoring case).
    Char(char),
    /// `?`.
    AnyChar,
    /// `*`.
    AnyRun,
}

/// Something that yields a pattern's tokens one at a time and can be copied to remember a
/// position (for backtracking to the last `*`).
pub(crate) trait Cursor: Copy {
    /// The next token and the cursor after it, or `None` at the end.
    fn next_token(&self) -> Option<(Token, Self)>;
}

/// A pattern written as text: every `*` and `?` is a wildcard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextCursor<'a>(pub(crate) &'a str);

impl Cursor for TextCursor<'_> {
    fn next_token(&self) -> Option<(Token, Self)> {
        let mut chars = self.0.chars();
        let c = chars.next()?;
        let token = match c {
            '*' => Token::AnyRun,
            '?' => Token::AnyChar,
            c => Token::Char(c),
        };
        Some((token, TextCursor(chars.as_str())))
    }
}

/// A position in a list of pieces: the piece, and the byte offset inside a literal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PiecePos {
    piece: usize,
    offset: usize,
}

/// A range of a [`Pattern`]'s pieces (a whole pattern, or one ARN component of it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PieceCursor<'a> {
    pieces: &'a [Piece],
    at: PiecePos,
    end: PiecePos,
}

impl Cursor for PieceCursor<'_> {
    fn next_token(&self) -> Option<(Token, Self)> {
        let mut at = self.at;
        loop {
            if at == self.end {
                return None;
            }
            let piece = self.pieces.get(at.piece)?;
            let token = match piece {
                Piece::AnyRun => Token::AnyRun,
                Piece::AnyChar => Token::AnyChar,
                Piece::Literal(s) => {
                    match s.get(at.offset..).and_then(|rest| rest.chars().next()) {
                        Some(c) => {
                            let next = PiecePos {
                                piece: at.piece,
                                offset: at.offset + c.len_utf8(),
                            };
                            return Some((Token::Char(c), PieceCursor { at: next, ..*self }));
                        }
                        None => {
                            // The end of this literal: go on with the next piece.
                            at = PiecePos {
                                piece: at.piece + 1,
                                offset: 0,
                            };
                            continue;
                        }
                    }
                }
            };
            let next = PiecePos {
                piece: at.piece + 1,
                offset: 0,
            };
            return Some((token, PieceCursor { at: next, ..*self }));
        }
    }
}

/// The byte offset of the first `*` or `?` in `text`. A scan of its bytes: `str::find` with
/// a set of characters decodes every character and compares it with each (natively, at the
/// deciding module's opt-level, about twenty instructions a character).
pub(crate) fn first_wildcard(text: &str) -> Option<usize> {
    text.bytes().position(|b| b == b'*' || b == b'?')
}

/// True when the last token of `cursor` is `*` (false when it is empty).
pub(crate) fn ends_with_any_run(cursor: impl Cursor) -> bool {
    let mut last = None;
    let mut at = cursor;
    while let Some((token, next)) = at.next_token() {
        last = Some(token);
        at = next;
    }
    last == Some(Token::AnyRun)
}

/// True when the pattern is nothing but `*` (at least one).
pub(crate) fn is_match_all(cursor: impl Cursor) -> bool {
    let mut any = false;
    let mut at = cursor;
    while let Some((token, next)) = at.next_token() {
        if token != Token::AnyRun {
            return false;
        }
        any = true;
        at = next;
    }
    any
}

/// Matches `text` against a pattern written as text (`*`, `?` wildcards) without building a
/// [`Pattern`]: no allocation, the same greedy algorithm (at most pattern × text steps). Used on
/// hot paths such as `Action` matching, where the pattern has no policy variables.
pub fn glob_matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    wild_match(TextCursor(pattern), text, ignore_case)
}

/// Whether `a` and `b` are equal character for character after [`fold_case`] (what a
/// wildcard-free pattern does with [`Pattern::matches_ignore_case`]).
pub(crate) fn eq_fold_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let mut x = a.chars();
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) if fold_case(c) == fold_case(d) => {}
            _ => return false,
        }
    }
}

fn fold_case(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Matching by segments: the pattern is `S0*S1*...*Sk`, where each segment is literal
/// characters and `?`. `S0` must start the text and `Sk` end it; each middle segment is taken
/// at its leftmost place after the one before, which is never worse than a later place (what
/// follows can only gain room). Segments have a fixed length in characters (case folding maps
/// one character to one), so this takes at most O(pattern length × text length) steps — and
/// O(text length) when the segments differ from the text early, as with `*a*a*a*b` against
/// `aaaa…` — with no allocation.
pub(crate) fn wild_match<C: Cursor>(pattern: C, text: &str, ignore_case: bool) -> bool {
    // The first segment, anchored at the start.
    let Some((mut p, mut t)) = match_segment(pattern, text, ignore_case) else {
        return false;
    };
    loop {
        // `p` is at a `*` or at the end.
        let mut any_run = false;
        while let Some((Token::AnyRun, next)) = p.next_token() {
            p = next;
            any_run = true;
        }
        if !any_run {
            // The end of the pattern: the text must be used up.
            return t.is_empty();
        }
        let (length, after) = segment_length(p);
        if after.next_token().is_none() {
            // The last segment (possibly empty): anchored at the end of the text.
            let mut start = t.len();
            let mut tail = t.char_indices().rev();
            for _ in 0..length {
                match tail.next() {
                    Some((i, _)) => start = i,
                    None => return false,
                }
            }
            let rest = t.get(start..).unwrap_or("");
            return match_segment(p, rest, ignore_case).is_some_and(|(_, left)| left.is_empty());
        }
        // A middle segment: its leftmost place.
        let mut from = t;
        loop {
            if let Some((next_p, next_t)) = match_segment(p, from, ignore_case) {
                p = next_p;
                t = next_t;
                break;
            }
            let mut chars = from.chars();
            if chars.next().is_none() {
                return false;
            }
            from = chars.as_str();
        }
    }
}

/// Matches the segment at `pattern` (up to the next `*` or the end) against the start of
/// `text`: the pattern at that `*` or end, and the text after the segment.
fn match_segment<C: Cursor>(pattern: C, text: &str, ignore_case: bool) -> Option<(C, &str)> {
    let mut p = pattern;
    let mut chars = text.chars();
    loop {
        let Some((token, next)) = p.next_token() else {
            return Some((p, chars.as_str()));
        };
        match token {
            Token::AnyRun => return Some((p, chars.as_str())),
            Token::AnyChar => {
                chars.next()?;
            }
            Token::Char(pc) => {
                let tc = chars.next()?;
                if pc != tc && !(ignore_case && fold_case(pc) == fold_case(tc)) {
                    return None;
                }
            }
        }
        p = next;
    }
}

/// The length in characters of the segment at `pattern`, and the pattern after it.
fn segment_length<C: Cursor>(pattern: C) -> (usize, C) {
    let mut p = pattern;
    let mut length = 0;
    while let Some((token, next)) = p.next_token() {
        if token == Token::AnyRun {
            break;
        }
        length += 1;
        p = next;
    }
    (length, p)
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
