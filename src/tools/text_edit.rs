//! Text edits on a scenario that keep the user's formatting, and the unified diff that shows
//! them.
//!
//! ```
//! use iam_playground::tools::text_edit::{unified_diff, TextEdit};
//!
//! let old = "{\n  \"a\": 1\n}\n";
//! let edit = TextEdit { start: 10, end: 10, text: ",\n  \"b\": 2".to_string() };
//! let new = edit.apply(old).unwrap();
//! assert_eq!(new, "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
//! assert_eq!(unified_diff(old, &[edit], 1), "@@ -1,3 +1,4 @@\n {\n-  \"a\": 1\n+  \"a\": 1,\n+  \"b\": 2\n }\n");
//! ```

use serde::Serialize;

use crate::diagnostic::{LineIndex, Location, Span};

/// A replacement of `start..end` (bytes) of a text by `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced.
    pub end: usize,
    /// The new text.
    pub text: String,
}

impl TextEdit {
    /// Applies the edit to `source` (`None` when the range is not in the text).
    pub fn apply(&self, source: &str) -> Option<String> {
        let before = source.get(..self.start)?;
        let after = source.get(self.end..)?;
        Some(format!("{before}{}{after}", self.text))
    }
}

/// An edit with its place in the text as editors count it (lines, columns, UTF-16 offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedEdit {
    /// The edit (byte offsets).
    #[serde(flatten)]
    pub edit: TextEdit,
    /// Where the replaced range is.
    pub location: Location,
}

/// Locates edits in `source`.
pub fn locate(source: &str, edits: &[TextEdit]) -> Vec<LocatedEdit> {
    let index = LineIndex::new(source);
    edits
        .iter()
        .map(|e| LocatedEdit {
            edit: e.clone(),
            location: index.location(Span::new(e.start, e.end)),
        })
        .collect()
}

/// Applies disjoint edits (any order) to `source`; `None` if they overlap or fall outside.
pub fn apply_all(source: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in sorted {
        if e.start < at || e.end < e.start {
            return None;
        }
        out.push_str(source.get(at..e.start)?);
        out.push_str(&e.text);
        at = e.end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

/// The edit that removes member `i` of an object's `members` with the comma that separates
/// it from a neighbour (`None` when there is no such member).
pub fn remove_member(members: &[crate::parse::json::Member], i: usize) -> Option<TextEdit> {
    let m = members.get(i)?;
    let (start, end) = match (
        i.checked_sub(1).and_then(|p| members.get(p)),
        members.get(i + 1),
    ) {
        (_, Some(next)) => (m.key_span.start, next.key_span.start),
        (Some(prev), None) => (prev.value.span.end, m.value.span.end),
        (None, None) => (m.key_span.start, m.value.span.end),
    };
    Some(TextEdit {
        start,
        end,
        text: String::new(),
    })
}

/// The whitespace at the start of the line holding `offset`.
pub fn line_indent(source: &str, offset: usize) -> &str {
    let start = source
        .get(..offset.min(source.len()))
        .and_then(|s| s.rfind('\n').map(|i| i + 1))
        .unwrap_or(0);
    let line = source.get(start..).unwrap_or("");
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    line.get(..n).unwrap_or("")
}

/// The indentation step the text uses (the first indented line's indent; two spaces when the
/// text has none).
pub fn indent_unit(source: &str) -> String {
    source
        .lines()
        .map(|l| {
            l.get(..l.len() - l.trim_start_matches([' ', '\t']).len())
                .unwrap_or("")
        })
        .find(|i| !i.is_empty())
        .map_or_else(|| "  ".to_string(), str::to_string)
}

/// Lines of a text, each with its line ending (the last may have none).
fn lines_with_ends(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

/// A unified diff (as `diff -u` prints hunks, without file headers) of the edits, with
/// `context` unchanged lines around each change.
pub fn unified_diff(source: &str, edits: &[TextEdit], context: usize) -> String {
    let old_lines = lines_with_ends(source);
    let Some(new_text) = apply_all(source, edits) else {
        return String::new();
    };
    let new_lines = lines_with_ends(&new_text);
    // Common prefix and suffix lines; the middle is the change (edits of one fix sit close
    // together, and several far apart show as one hunk with their lines in between).
    let prefix = old_lines
        .iter()
        .zip(&new_lines)
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = old_lines.len().min(new_lines.len()) - prefix;
    let suffix = old_lines
        .iter()
        .rev()
        .zip(new_lines.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    if prefix == old_lines.len() && prefix == new_lines.len() {
        return String::new();
    }
    let old_change = &old_lines[prefix..old_lines.len() - suffix];
    let new_change = &new_lines[prefix..new_lines.len() - suffix];
    let before_from = prefix.saturating_sub(context);
    let after_to = (old_lines.len() - suffix + context).min(old_lines.len());
    let before = &old_lines[before_from..prefix];
    let after = &old_lines[old_lines.len() - suffix..after_to];
    let old_count = before.len() + old_change.len() + after.len();
    let new_count = before.len() + new_change.len() + after.len();
    let mut out = format!(
        "@@ -{},{} +{},{} @@\n",
        before_from + 1,
        old_count,
        before_from + 1,
        new_count
    );
    let mut push = |mark: char, line: &str| {
        out.push(mark);
        out.push_str(line.strip_suffix('\n').unwrap_or(line));
        out.push('\n');
    };
    for l in before {
        push(' ', l);
    }
    for l in old_change {
        push('-', l);
    }
    for l in new_change {
        push('+', l);
    }
    for l in after {
        push(' ', l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_any_order_and_refuse_overlaps() {
        let e1 = TextEdit {
            start: 0,
            end: 1,
            text: "A".into(),
        };
        let e2 = TextEdit {
            start: 2,
            end: 3,
            text: "C".into(),
        };
        assert_eq!(apply_all("abc", &[e2.clone(), e1.clone()]).unwrap(), "AbC");
        let overlap = TextEdit {
            start: 0,
            end: 3,
            text: String::new(),
        };
        assert!(apply_all("abc", &[e1, overlap]).is_none());
        assert!(apply_all(
            "abc",
            &[TextEdit {
                start: 2,
                end: 9,
                text: String::new()
            }]
        )
        .is_none());
    }

    #[test]
    fn indentation_is_read_from_the_text() {
        let t = "{\n    \"a\": [\n        1\n    ]\n}";
        assert_eq!(indent_unit(t), "    ");
        assert_eq!(line_indent(t, t.find('1').unwrap()), "        ");
        assert_eq!(indent_unit("{}"), "  ");
    }

    #[test]
    fn diffs_show_only_the_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\n";
        let edit = TextEdit {
            start: 4,
            end: 5,
            text: "C\nC2".into(),
        };
        assert_eq!(
            unified_diff(old, &[edit], 1),
            "@@ -2,3 +2,4 @@\n b\n-c\n+C\n+C2\n d\n"
        );
        assert_eq!(unified_diff(old, &[], 3), "");
    }
}
