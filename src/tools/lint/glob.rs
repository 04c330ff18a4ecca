//! Comparing two wildcard patterns with each other (not a pattern with a text): can they match
//! a common text, and does one cover everything the other does?
//!
//! Both work on tokens: a literal character, `?` (one character) or `*` (any run). Policy
//! variables (`${aws:username}`) and ARN-template placeholders (`${Region}`, `<key>`) become
//! `*`: lint reasons about every value they could take.
//!
//! Each check is one dynamic program over the two token lists, O(|a| × |b|) steps.

use std::borrow::Cow;

use crate::decide::variables::contains_variable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// This character.
    Char(char),
    /// One character; `slash`: it may be `/`.
    One { slash: bool },
    /// Any run of characters, possibly empty; `slash`: they may include `/`.
    Run { slash: bool },
}

/// Placeholders of ARN templates whose values never hold a `/` (S3 bucket and access point
/// names: "Bucket naming rules", "Access point naming rules"), so that a bucket ARN and an
/// object ARN are told apart. Every other placeholder may hold any text.
const NO_SLASH: &[&str] = &[
    "BucketName",
    "AccessPointName",
    "Partition",
    "Region",
    "Account",
];

/// Tokens of a pattern. `wildcards`: whether `*` and `?` are wildcards (ARN templates have
/// none, but placeholders). `fold`: compare case-insensitively (actions).
fn tokens(text: &str, wildcards: bool, fold: bool) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len());
    let push_run = |out: &mut Vec<Tok>, slash: bool| {
        if out.last() != Some(&Tok::Run { slash }) {
            out.push(Tok::Run { slash });
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = text.get(i..).unwrap_or("");
        let placeholder_end = if rest.starts_with("${") {
            rest.find('}')
        } else if !wildcards && c == '<' {
            rest.find('>')
        } else {
            None
        };
        if let Some(end) = placeholder_end {
            if wildcards {
                // A policy variable: any value.
                push_run(&mut out, true);
            } else {
                // A template's placeholder stands for at least one character.
                let name = rest.get(2..end).unwrap_or("");
                let slash = !NO_SLASH.contains(&name);
                out.push(Tok::One { slash });
                push_run(&mut out, slash);
            }
            while chars.peek().is_some_and(|&(j, _)| j <= i + end) {
                chars.next();
            }
            continue;
        }
        match c {
            // Templates use `*` too (`arn:${Partition}:${Vendor}:${Region}:*:...`).
            '*' => push_run(&mut out, true),
            '?' if wildcards => out.push(Tok::One { slash: true }),
            c if fold => out.push(Tok::Char(c.to_ascii_lowercase())),
            c => out.push(Tok::Char(c)),
        }
    }
    out
}

/// Whether a run or single-character token `w` can produce (part of) what token `t` stands
/// for.
fn can_take(w_slash: bool, t: Tok) -> bool {
    match t {
        Tok::Char(c) => w_slash || c != '/',
        // A `?` or run may also stand for characters other than `/`.
        Tok::One { .. } | Tok::Run { .. } => true,
    }
}

/// How to read the two sides.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// `*` and `?` are wildcards on this side.
    pub wildcards: bool,
    /// Compare case-insensitively.
    pub fold: bool,
}

/// A policy pattern (`*`, `?` and variables are wildcards).
pub const POLICY: Kind = Kind {
    wildcards: true,
    fold: false,
};

/// An action pattern: as [`POLICY`], case-insensitive.
pub const ACTION: Kind = Kind {
    wildcards: true,
    fold: true,
};

/// An ARN template of the catalog: placeholders and `*` are wildcards, `?` is not.
pub const TEMPLATE: Kind = Kind {
    wildcards: false,
    fold: false,
};

/// Whether `text` is only literal characters for `kind`: no `*` (a run in every kind), no `?`
/// where it is a wildcard, no `$` (a variable or placeholder may follow) and no `<` where it
/// may open a placeholder. Such a text matches itself alone.
fn is_literal(text: &str, kind: Kind) -> bool {
    !text.bytes().any(|b| match b {
        b'*' | b'$' => true,
        b'?' => kind.wildcards,
        b'<' => !kind.wildcards,
        _ => false,
    })
}

/// Whether two literal texts are the same text (case-insensitively when `fold`).
pub(super) fn same_literal(a: &str, b: &str, fold: bool) -> bool {
    if fold {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// Whether some text matches both `a` and `b`.
///
/// Lint asks this for every pair of statements and every component of their ARNs, and most
/// of the texts compared are a lone `*` or plain text (`aws`, an account ID): those are
/// answered without the dynamic program (lint of a 184 KB scenario spent two fifths of its
/// time here, mostly building token lists and tables).
pub fn intersects(a: &str, a_kind: Kind, b: &str, b_kind: Kind) -> bool {
    if a == "*" || b == "*" {
        return true;
    }
    if is_literal(a, a_kind) && is_literal(b, b_kind) {
        return same_literal(a, b, a_kind.fold || b_kind.fold);
    }
    intersects_dp(a, a_kind, b, b_kind)
}

/// [`intersects`] by the dynamic program over the two token lists.
fn intersects_dp(a: &str, a_kind: Kind, b: &str, b_kind: Kind) -> bool {
    let fold = a_kind.fold || b_kind.fold;
    let a = tokens(a, a_kind.wildcards, fold);
    let b = tokens(b, b_kind.wildcards, fold);
    let (la, lb) = (a.len(), b.len());
    // reach[i × (lb + 1) + j]: the suffixes a[i..] and b[j..] have a common match (one table,
    // one allocation).
    let width = lb + 1;
    let mut reach = vec![false; (la + 1) * width];
    for i in (0..=la).rev() {
        for j in (0..=lb).rev() {
            let ta = a.get(i).copied();
            let tb = b.get(j).copied();
            let at = |x: usize, y: usize| reach.get(x * width + y).copied() == Some(true);
            let v = match (ta, tb) {
                (None, None) => true,
                // A run ends, or takes the next token of the other side.
                (Some(Tok::Run { slash }), _) => {
                    at(i + 1, j) || tb.is_some_and(|t| can_take(slash, t)) && at(i, j + 1)
                }
                (_, Some(Tok::Run { slash })) => {
                    at(i, j + 1) || ta.is_some_and(|t| can_take(slash, t)) && at(i + 1, j)
                }
                (Some(x), Some(y)) => compatible(x, y) && at(i + 1, j + 1),
                _ => false,
            };
            if let Some(cell) = reach.get_mut(i * width + j) {
                *cell = v;
            }
        }
    }
    reach.first().copied() == Some(true)
}

fn compatible(x: Tok, y: Tok) -> bool {
    match (x, y) {
        (Tok::Char(a), Tok::Char(b)) => a == b,
        (Tok::One { slash }, t) | (t, Tok::One { slash }) => can_take(slash, t),
        _ => false,
    }
}

/// Whether the ARN pattern `pattern` (a policy's, `*` and variables are wildcards) can name a
/// resource of the ARN template `template`. ARNs are compared component by component, as
/// `crate::decide::matching::arn` matches them: a wildcard never crosses the colons of the first five
/// components; a pattern with fewer components whose last one ends with `*` lets that `*` take
/// the rest ("IAM JSON policy elements: Resource").
pub fn arn_intersects(pattern: &str, template: &str) -> bool {
    let pattern = without_variables(pattern);
    let (t, t_len) = components(template);
    if t_len < 6 {
        return intersects(&pattern, POLICY, template, TEMPLATE);
    }
    let (p, n) = components(&pattern);
    if n < 6 && !pattern.ends_with('*') {
        return false;
    }
    for (i, pc) in p.iter().take(n).enumerate() {
        let last_short = n < 6 && i + 1 == n;
        let tc = if last_short {
            from_component(template, i)
        } else {
            t.get(i).copied().unwrap_or("")
        };
        if !intersects(pc, POLICY, tc, TEMPLATE) {
            return false;
        }
    }
    true
}

/// The first six colon-separated components of `text` (the sixth holds the rest, colons
/// included) and how many there are: an ARN's, without allocating (lint compares every pair).
fn components(text: &str) -> ([&str; 6], usize) {
    let mut out = [""; 6];
    let mut n = 0;
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b':' && n < 5 {
            if let Some(slot) = out.get_mut(n) {
                *slot = text.get(start..i).unwrap_or("");
            }
            n += 1;
            start = i + 1;
        }
    }
    if let Some(slot) = out.get_mut(n) {
        *slot = text.get(start..).unwrap_or("");
    }
    (out, n + 1)
}

/// `text` from its component `i` on (what follows its `i`th colon).
fn from_component(text: &str, i: usize) -> &str {
    if i == 0 {
        return text;
    }
    text.match_indices(':')
        .nth(i - 1)
        .and_then(|(at, _)| text.get(at + 1..))
        .unwrap_or("")
}

/// `${...}` replaced by `*`: a variable may take any value.
fn without_variables(text: &str) -> Cow<'_, str> {
    if !contains_variable(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest.get(start..).and_then(|r| r.find('}')) else {
            break;
        };
        out.push_str(rest.get(..start).unwrap_or(""));
        out.push('*');
        rest = rest.get(start + len + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether an outer token that takes `/` when `slash` covers everything inner token `t` does.
fn covers_token(slash: bool, t: Tok) -> bool {
    match t {
        Tok::Char(c) => slash || c != '/',
        Tok::One { slash: s } | Tok::Run { slash: s } => slash || !s,
    }
}

/// Whether every text `inner` matches is matched by `outer` (a sufficient test: `outer`'s
/// `*` may absorb anything of `inner`, its `?` one character or `?` of `inner`, its literal
/// characters only the same literal characters).
pub fn covers(outer: &str, inner: &str, kind: Kind) -> bool {
    if outer == "*" {
        return true;
    }
    if is_literal(outer, kind) && is_literal(inner, kind) {
        return same_literal(outer, inner, kind.fold);
    }
    covers_dp(outer, inner, kind)
}

/// [`covers`] by the dynamic program over the two token lists.
fn covers_dp(outer: &str, inner: &str, kind: Kind) -> bool {
    let o = tokens(outer, kind.wildcards, kind.fold);
    let n = tokens(inner, kind.wildcards, kind.fold);
    let ln = n.len();
    // next[j]: the suffixes o[i + 1..] and n[j..] match; cur[j]: o[i..] and n[j..].
    let mut next = vec![false; ln + 1];
    let mut cur = vec![false; ln + 1];
    for i in (0..=o.len()).rev() {
        for j in (0..=ln).rev() {
            let below = |x: usize| next.get(x).copied() == Some(true);
            let right = cur.get(j + 1).copied() == Some(true);
            let v = match (o.get(i).copied(), n.get(j).copied()) {
                (None, None) => true,
                (Some(Tok::Run { slash }), t) => {
                    below(j) || t.is_some_and(|t| covers_token(slash, t)) && right
                }
                (Some(Tok::One { slash }), Some(t)) if !matches!(t, Tok::Run { .. }) => {
                    covers_token(slash, t) && below(j + 1)
                }
                (Some(Tok::Char(a)), Some(Tok::Char(b))) => a == b && below(j + 1),
                _ => false,
            };
            if let Some(cell) = cur.get_mut(j) {
                *cell = v;
            }
        }
        std::mem::swap(&mut next, &mut cur);
    }
    next.first().copied() == Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Short texts over an alphabet with every character the token reader treats specially
    /// (wildcards, variables, placeholders, `/`, case), so that literal and non-literal texts,
    /// lone `*`s and half-written placeholders all come up.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "a", "B", "b", "/", ":", "*", "?", "${", "}", "<", ">", "$", "é",
            ]),
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop::sample::select(vec![POLICY, ACTION, TEMPLATE])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// An ARN's components as `splitn(6, ':')` gives them.
        #[test]
        fn components_are_the_first_six_colon_separated_parts(parts in proptest::collection::vec(text(), 0..9)) {
            let arn = parts.join(":");
            let (got, n) = components(&arn);
            let want: Vec<&str> = arn.splitn(6, ':').collect();
            prop_assert_eq!(got.get(..n).map(<[&str]>::to_vec), Some(want));
            for i in 0..n {
                prop_assert_eq!(from_component(&arn, i), arn.splitn(6, ':').skip(i).collect::<Vec<_>>().join(":"));
            }
        }

        /// The short cuts (a lone `*`, two literal texts) answer as the dynamic program does.
        #[test]
        fn the_short_cuts_agree_with_the_dynamic_program(
            a in text(), b in text(), ka in kind(), kb in kind()
        ) {
            prop_assert_eq!(intersects(&a, ka, &b, kb), intersects_dp(&a, ka, &b, kb), "intersects {:?} {:?}", a, b);
            prop_assert_eq!(covers(&a, &b, ka), covers_dp(&a, &b, ka), "covers {:?} {:?}", a, b);
        }
    }

    #[test]
    fn intersection_table() {
        let t = |a: &str, b: &str| arn_intersects(a, b);
        let s3_object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        let s3_bucket = "arn:${Partition}:s3:::${BucketName}";
        assert!(t("arn:aws:s3:::bucket/*", s3_object));
        assert!(t("arn:aws:s3:::bucket/key", s3_object));
        assert!(!t("arn:aws:s3:::bucket", s3_object));
        assert!(t("arn:aws:s3:::bucket", s3_bucket));
        assert!(t("arn:aws:s3:::*", s3_object));
        assert!(t("arn:aws:s3:::${aws:username}/*", s3_object));
        let role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
        assert!(t("arn:aws:iam::111122223333:role/app-role", role));
        assert!(t("arn:aws:iam::*:role/*", role));
        assert!(!t("arn:aws:iam::111122223333:user/alice", role));
        assert!(!t("arn:aws:ec2:us-east-1:1:instance/*", role));
        assert!(t("arn:aws:iam::1:ro?e/x", role));
        assert!(t("arn:aws:iam::${aws:PrincipalAccount}:role/x", role));
        assert!(t("arn:aws:iam::*", role));
        assert!(!t("arn:aws:iam::1", role));
        let access_point =
            "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}";
        assert!(!t("arn:aws:s3:::bucket/*", access_point));
        assert!(!t("arn:aws:s3:::bucket", access_point));
        assert!(t("arn:aws:s3:*:*:accesspoint/*", access_point));
        // Wildcards on both sides.
        assert!(intersects("a*", POLICY, "*b", POLICY));
        assert!(!intersects("a*", POLICY, "b*", POLICY));
        assert!(intersects("ab", POLICY, "a?", POLICY));
        assert!(!intersects("abc", POLICY, "a?", POLICY));
        assert!(intersects("iam:pass*", ACTION, "IAM:PassRole", ACTION));
    }

    #[test]
    fn coverage_table() {
        let cases = [
            ("s3:Get*", "s3:GetObject", true),
            ("s3:*", "s3:Get*", true),
            ("*", "iam:PassRole", true),
            ("s3:GetObject", "s3:Get*", false),
            ("s3:Get*", "s3:*Object", false),
            ("s3:GetObject", "S3:getobject", true),
            ("s3:GetObjec?", "s3:GetObject", true),
            ("s3:GetObjec?", "s3:GetObjec*", false),
            ("s3:Get*Acl", "s3:GetObjectAcl", true),
        ];
        for (outer, inner, want) in cases {
            assert_eq!(covers(outer, inner, ACTION), want, "{outer} ⊇ {inner}");
        }
        assert!(covers("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/*", POLICY));
        assert!(!covers("arn:aws:s3:::B/*", "arn:aws:s3:::b/x", POLICY));
        assert!(!covers(
            "arn:aws:s3:::b/x",
            "arn:aws:s3:::b/${aws:username}",
            POLICY
        ));
    }
}
