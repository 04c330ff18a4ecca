//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`...
//!
//! Source: IAM User Guide, "IAM policy elements: Variables and tags".
//!
//! Syntax, as this module reads it:
//! - "The variable is marked using a `$` prefix followed by a pair of curly braces (`{ }`)"
//!   holding the name of a request context key: any key, global or service-specific
//!   (`${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}`). Key names are
//!   case-insensitive ("Key names are case-insensitive. For example, `aws:CurrentTime` is
//!   equivalent to `AWS:currenttime`"); the caller's lookup handles that. Spaces around the
//!   key are ignored (tag keys may contain spaces inside).
//! - Default values: "surround the default value with single quotes (`' '`), and separate the
//!   variable text and the default value with a comma and space (`, `)", e.g.
//!   `${aws:userid, 'anonymous'}`. The docs say nothing about quotes inside a default; here the
//!   default ends at the first `'` that is followed by `}` (spaces allowed in between), so
//!   `${aws:username, 'it's'}` has the default `it's`. Any amount of space (also none) after
//!   the comma is accepted.
//! - Special characters: "`${*}` - use where you need an * (asterisk) character", `${?}` a
//!   question mark, `${$}` a dollar sign. They are always literal text, never wildcards.
//! - A `$` not followed by `{` is an ordinary character.
//! - Substituted values (and defaults) are literal text: a user name `a*b` matches only the
//!   text `a*b` under `StringLike`. (For defaults this is a playground choice: the docs do not
//!   say whether `*` in a default is a wildcard.)
//!
//! When variables apply: "Variables were introduced in version `2012-10-17`. ... If you don't
//! include the `Version` element and set it to an appropriate version date, variables like
//! `${aws:username}` are treated as literal strings in the policy." The caller decides; under
//! `2008-10-17` it uses [`Pattern::parse`] or [`Pattern::literal`] on the text as written.
//!
//! A multivalued key cannot be a variable: "You can use any single-valued condition key as a
//! variable. You can't use a multivalued condition key as a variable." The lookup returns
//! `None` for it, so it is a variable with no value.
//!
//! **Variables with no value** (section "Policy variables with no value"):
//! - Condition element: "When you use a variable with no value in the condition element of an
//!   IAM policy, conditions like `StringEquals` or `StringLike` do not match, and the policy
//!   statement does not take effect. Inverted condition operators like `StringNotEquals` or
//!   `StringNotLike` do match against a null value". So the policy value with the unresolved
//!   variable matches no request value under the positive operator, and the negated operator
//!   (the negation of the positive one) is then true for that value.
//! - Resource element: "If a variable that has no value in the authorization context is used
//!   as part of the `Resource` or `NotResource` element of a policy, the resource that
//!   includes a policy variable with no value will not match any resource." So that entry
//!   matches nothing; other entries of the same element still count.
//! - A default value is used instead of "no value" (section "Specifying default values").
//!
//! [`resolve`] reports this as `pattern: None`; the callers apply the consequences above.

use crate::decide::matching::wildcard::Pattern;
use crate::i18n::Msg;

/// One variable reference found in a policy string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableRef {
    /// Byte offset of the `$` in the string.
    pub start: usize,
    /// Byte offset one past the closing `}`.
    pub end: usize,
    /// What it refers to.
    pub kind: VariableKind,
}

/// What a `${...}` stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableKind {
    /// `${*}`, `${?}` or `${$}`: that character, literally.
    Special(char),
    /// A context key, with an optional default.
    Key {
        /// The key as written (surrounding spaces removed).
        key: String,
        /// The default value, without its quotes.
        default: Option<String>,
    },
}

/// One variable as substituted, for explanations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableUse {
    /// As written (`${aws:username}`).
    pub text: String,
    /// The key it refers to.
    pub key: String,
    /// The value substituted: the key's value, else the default; `None` when neither.
    pub value: Option<String>,
    /// True when the default was used.
    pub used_default: bool,
}

/// The result of substituting variables in one policy string.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The resulting pattern; `None` when a variable had no value and no default (see the
    /// module documentation for what AWS then does).
    pub pattern: Option<Pattern>,
    /// Every key variable, in order (`${*}`, `${?}`, `${$}` are not listed).
    pub uses: Vec<VariableUse>,
}

/// One piece of a policy string.
enum Segment<'a> {
    Text(&'a str),
    Variable(VariableRef),
    /// A malformed `${...`: kept as text; [`check_syntax`] reports it.
    Malformed {
        start: usize,
        end: usize,
        message: Msg,
    },
}

/// True when `text` contains `${` (a variable, possibly malformed).
pub fn contains_variable(text: &str) -> bool {
    // Most texts have no `$` at all: one word-at-a-time search for it (`contains` on bytes),
    // then byte pairs. The texts are short (a pattern, a key, a value), where a `find('$')`
    // per `$` spent more on setting its search up than on searching.
    let bytes = text.as_bytes();
    bytes.contains(&b'$') && bytes.windows(2).any(|pair| pair == b"${")
}

/// Every well-formed variable in `text`, in order.
pub fn find_variables(text: &str) -> Vec<VariableRef> {
    segments(text)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Variable(v) => Some(v),
            _ => None,
        })
        .collect()
}

/// Checks the variable syntax of `text`. On error gives the byte range of the first malformed
/// variable in `text` and a message (lowercase, no final period).
pub fn check_syntax(text: &str) -> Result<(), (usize, usize, Msg)> {
    if !contains_variable(text) {
        // Only a `${` starts a variable, well-formed or not.
        return Ok(());
    }
    for s in segments(text) {
        if let Segment::Malformed {
            start,
            end,
            message,
        } = s
        {
            return Err((start, end, message));
        }
    }
    Ok(())
}

/// Substitutes the variables of `text`. `wildcards` says whether `*` and `?` written in the
/// text are wildcards (true for `Resource`, `StringLike`, `Arn*`; false for `StringEquals`).
/// `lookup` gives the single value of a context key (`None` when missing or multivalued).
///
/// ```
/// use iam_playground::decide::variables::resolve;
/// let lookup = |k: &str| (k == "aws:username").then(|| "alice".to_string());
/// let r = resolve("home/${aws:username}/*", true, &lookup);
/// assert_eq!(r.pattern.unwrap().to_string(), "home/alice/*");
/// let r = resolve("${aws:PrincipalTag/team, 'all'}", false, &lookup);
/// assert!(r.uses[0].used_default);
/// assert!(resolve("${aws:userid}", false, &lookup).pattern.is_none());
/// ```
pub fn resolve(text: &str, wildcards: bool, lookup: &dyn Fn(&str) -> Option<String>) -> Resolved {
    let mut pattern = Pattern::empty(wildcards);
    let mut unresolved = false;
    let mut uses = Vec::new();
    let push_text = |pattern: &mut Pattern, s: &str| {
        if wildcards {
            pattern.push_pattern_text(s);
        } else {
            pattern.push_literal(s);
        }
    };
    for segment in segments(text) {
        match segment {
            Segment::Text(s) => push_text(&mut pattern, s),
            Segment::Malformed { start, end, .. } => {
                push_text(&mut pattern, text.get(start..end).unwrap_or(""));
            }
            Segment::Variable(v) => match v.kind {
                VariableKind::Special(c) => pattern.push_literal(c.encode_utf8(&mut [0; 4])),
                VariableKind::Key { key, default } => {
                    let found = lookup(&key);
                    let used_default = found.is_none() && default.is_some();
                    let value = found.or(default);
                    match &value {
                        Some(v) => pattern.push_literal(v),
                        None => unresolved = true,
                    }
                    uses.push(VariableUse {
                        text: text.get(v.start..v.end).unwrap_or("").to_string(),
                        key,
                        value,
                        used_default,
                    });
                }
            },
        }
    }
    Resolved {
        pattern: (!unresolved).then_some(pattern),
        uses,
    }
}

/// Splits `text` into literal text and variables.
fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text.get(pos..).and_then(|rest| rest.find("${")) {
        let start = pos + found;
        if start > pos {
            out.push(Segment::Text(text.get(pos..start).unwrap_or("")));
        }
        let (segment, end) = parse_variable(text, start);
        out.push(segment);
        pos = end.max(start + 2);
    }
    if pos < text.len() {
        out.push(Segment::Text(text.get(pos..).unwrap_or("")));
    }
    out
}

/// A malformed variable from `start` to `end`, and the offset after it.
/// `key` is the message's catalog key (`variable.*`).
fn malformed<'t>(start: usize, end: usize, key: &'static str) -> (Segment<'t>, usize) {
    let segment = Segment::Malformed {
        start,
        end,
        message: Msg::new(key),
    };
    (segment, end)
}

/// Parses the variable whose `${` is at `start`; returns it and the offset after it.
fn parse_variable(text: &str, start: usize) -> (Segment<'_>, usize) {
    let body_start = start + 2;
    let body = text.get(body_start..).unwrap_or("");
    // `${*}`, `${?}`, `${$}`
    let mut chars = body.chars();
    if let (Some(special @ ('*' | '?' | '$')), Some('}')) = (chars.next(), chars.next()) {
        let end = body_start + 2;
        let kind = VariableKind::Special(special);
        return (Segment::Variable(VariableRef { start, end, kind }), end);
    }
    let Some(key_len) = body.find([',', '}']) else {
        return malformed(start, text.len(), "variable.unterminated");
    };
    let raw_key = body.get(..key_len).unwrap_or("");
    let key = raw_key.trim();
    let after_key = body_start + key_len;
    if let Some(i) = raw_key.find(['{', '$']) {
        return malformed(start, body_start + i, "variable.nested");
    }
    if key.is_empty() {
        return malformed(start, after_key + 1, "variable.empty");
    }
    if body.get(key_len..).is_some_and(|r| r.starts_with('}')) {
        let end = after_key + 1;
        let kind = VariableKind::Key {
            key: key.to_string(),
            default: None,
        };
        return (Segment::Variable(VariableRef { start, end, kind }), end);
    }
    // A default: `, 'value'}`.
    parse_default(text, start, after_key + 1, key)
}

/// The rest of a variable with a default, `, 'value'}`, from the comma at `after_comma - 1`.
fn parse_default<'t>(
    text: &'t str,
    start: usize,
    after_comma: usize,
    key: &str,
) -> (Segment<'t>, usize) {
    let rest = text.get(after_comma..).unwrap_or("");
    let spaces = rest.len() - rest.trim_start().len();
    let quote = after_comma + spaces;
    if !text.get(quote..).is_some_and(|r| r.starts_with('\'')) {
        let end = text
            .get(quote..)
            .and_then(|r| r.find('}'))
            .map_or(text.len(), |i| quote + i + 1);
        return malformed(start, end, "variable.default-quotes");
    }
    let value_start = quote + 1;
    let mut search = value_start;
    while let Some(i) = text.get(search..).and_then(|r| r.find('\'')) {
        let close_quote = search + i;
        let after = text.get(close_quote + 1..).unwrap_or("");
        let trimmed = after.trim_start();
        if trimmed.starts_with('}') {
            let end = close_quote + 1 + (after.len() - trimmed.len()) + 1;
            let kind = VariableKind::Key {
                key: key.to_string(),
                default: Some(text.get(value_start..close_quote).unwrap_or("").to_string()),
            };
            return (Segment::Variable(VariableRef { start, end, kind }), end);
        }
        search = close_quote + 1;
    }
    malformed(start, text.len(), "variable.unterminated-default")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(key: &str) -> Option<String> {
        match key.to_ascii_lowercase().as_str() {
            "aws:username" => Some("alice".into()),
            "aws:principaltag/team" => Some("blue".into()),
            "s3:prefix" => Some("docs/*".into()),
            "aws:principaltag/cost center" => Some("42".into()),
            _ => None,
        }
    }

    /// (text, wildcards, resolved text or None when unresolved)
    #[test]
    fn resolve_table() {
        let cases: &[(&str, bool, Option<&str>)] = &[
            ("no variables", false, Some("no variables")),
            ("${aws:username}", false, Some("alice")),
            ("${AWS:UserName}", false, Some("alice")),
            ("home/${aws:username}/*", true, Some("home/alice/*")),
            (
                "${aws:PrincipalTag/team}-${aws:username}",
                false,
                Some("blue-alice"),
            ),
            ("${s3:prefix}", false, Some("docs/*")),
            // a substituted `*` is literal: shown escaped where `*` is a wildcard
            ("${s3:prefix}", true, Some("docs/${*}")),
            ("${aws:userid}", false, None),
            ("a/${aws:userid}/${aws:username}", true, None),
            ("${aws:userid, 'anonymous'}", false, Some("anonymous")),
            ("${aws:userid,'anonymous'}", false, Some("anonymous")),
            ("${aws:userid,   'x'  }", false, Some("x")),
            ("${aws:username, 'anonymous'}", false, Some("alice")),
            ("${aws:userid, ''}", false, Some("")),
            ("${aws:userid, 'it's'}", false, Some("it's")),
            ("${aws:userid, 'a}b'}", false, Some("a}b")),
            ("${aws:userid, 'a, b'}", false, Some("a, b")),
            ("${ aws:username }", false, Some("alice")),
            ("${aws:PrincipalTag/cost center}", false, Some("42")),
            ("${*}", false, Some("*")),
            ("${*}", true, Some("${*}")),
            ("a${?}b${$}c", false, Some("a?b$c")),
            ("$5 and ${$}{x}", false, Some("$5 and ${x}")),
            ("price: $", false, Some("price: $")),
            ("日本/${aws:username}/é", false, Some("日本/alice/é")),
        ];
        for (text, wildcards, expected) in cases {
            let r = resolve(text, *wildcards, &lookup);
            assert_eq!(
                r.pattern.map(|p| p.to_string()).as_deref(),
                *expected,
                "{text}"
            );
        }
    }

    #[test]
    fn substituted_values_never_act_as_wildcards() {
        let p = resolve("${s3:prefix}", true, &lookup).pattern.unwrap();
        assert!(p.matches("docs/*"));
        assert!(!p.matches("docs/x"));
        let p = resolve("x${*}", true, &lookup).pattern.unwrap();
        assert!(p.matches("x*") && !p.matches("xy"));
        let p = resolve("x*", true, &lookup).pattern.unwrap();
        assert!(p.matches("xy"));
        let p = resolve("x*", false, &lookup).pattern.unwrap();
        assert!(!p.matches("xy") && p.matches("x*"));
    }

    #[test]
    fn uses_are_reported() {
        let r = resolve(
            "${aws:username}/${aws:userid, 'anon'}/${aws:SourceVpc}/${*}",
            true,
            &lookup,
        );
        assert!(r.pattern.is_none());
        let got: Vec<(&str, &str, Option<&str>, bool)> = r
            .uses
            .iter()
            .map(|u| {
                (
                    u.text.as_str(),
                    u.key.as_str(),
                    u.value.as_deref(),
                    u.used_default,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("${aws:username}", "aws:username", Some("alice"), false),
                ("${aws:userid, 'anon'}", "aws:userid", Some("anon"), true),
                ("${aws:SourceVpc}", "aws:SourceVpc", None, false),
            ]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_variable() {
        // (text, Ok or the text of the error range and a word of the message)
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("${aws:username}", None),
            ("a $ b { c }", None),
            ("${aws:userid, 'x'}", None),
            ("x ${aws:username", Some(("${aws:username", "unterminated"))),
            ("${}", Some(("${}", "empty"))),
            ("${ , 'x'}", Some(("${ ,", "empty"))),
            (
                "${aws:userid, x}",
                Some(("${aws:userid, x}", "single quotes")),
            ),
            (
                "${aws:userid, 'x}",
                Some(("${aws:userid, 'x}", "unterminated default")),
            ),
            ("${a${b}}", Some(("${a", "nested"))),
            ("ok ${*} then ${", Some(("${", "unterminated"))),
        ];
        for (text, expected) in cases {
            let got = check_syntax(text).err().map(|(s, e, m)| {
                let message = m.render(crate::i18n::Lang::En);
                (text.get(s..e).unwrap_or("?").to_string(), message)
            });
            match (expected, got) {
                (None, None) => {}
                (Some((range, word)), Some((got_range, message))) => {
                    assert_eq!(&got_range, range, "{text}");
                    assert!(message.contains(word), "{text}: {message}");
                }
                (e, g) => panic!("{text}: expected {e:?}, got {g:?}"),
            }
        }
        assert!(contains_variable("a${b}") && !contains_variable("a$b{}"));
    }

    proptest::proptest! {
        /// The byte-pair scan agrees with a search for `${`, over texts of dollars, braces and
        /// multibyte characters.
        #[test]
        fn contains_variable_is_a_search_for_dollar_brace(text in "[${}aé€]{0,12}") {
            proptest::prop_assert_eq!(contains_variable(&text), text.contains("${"));
        }
    }

    #[test]
    fn finds_variables_with_offsets() {
        let text = "arn:aws:s3:::b/${aws:username}/${*}";
        let vars = find_variables(text);
        assert_eq!(vars.len(), 2);
        assert_eq!(&text[vars[0].start..vars[0].end], "${aws:username}");
        assert_eq!(vars[1].kind, VariableKind::Special('*'));
    }

    #[test]
    fn malformed_text_stays_literal() {
        let r = resolve("a${b", false, &lookup);
        assert_eq!(r.pattern.unwrap().to_string(), "a${b");
        let r = resolve("${a${aws:username}}", false, &lookup);
        // `${a` is malformed (kept as text); the inner variable still resolves
        assert_eq!(r.pattern.unwrap().to_string(), "${aalice}");
    }
}
