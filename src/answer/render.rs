//! Readable text for people: the CLI's default output.
//!
//! Decisions are shown with a word and a symbol, never by colour alone.

use std::fmt::Write;

use crate::answer::result::{Answer, DiagnosticOut, LayerKind, LayerStatus, RequestResult};
use crate::diagnostic::Severity;
use crate::model::Decision;

/// The symbol shown beside a decision.
pub fn symbol(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "✓",
        Decision::ExplicitDeny => "⛔",
        Decision::ImplicitDeny => "✗",
    }
}

fn layer_name(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::ExplicitDeny => "explicit deny",
        LayerKind::Rcp => "RCP",
        LayerKind::Scp => "SCP",
        LayerKind::Resource => "resource-based",
        LayerKind::Identity => "identity-based",
        LayerKind::PermissionsBoundary => "permissions boundary",
        LayerKind::Session => "session policy",
        LayerKind::VpcEndpoint => "VPC endpoint",
        LayerKind::PermissionNotRequired => "no permission needed",
    }
}

fn status_mark(s: LayerStatus) -> &'static str {
    match s {
        LayerStatus::Allow => "✓ allows",
        LayerStatus::ExplicitDeny => "⛔ denies",
        LayerStatus::ImplicitDeny => "✗ does not allow",
        LayerStatus::NotApplicable => "– n/a",
    }
}

/// Renders one diagnostic with its place and the line it points at, like a compiler does.
pub fn diagnostic(source: &str, file: &str, d: &DiagnosticOut) -> String {
    let mut out = String::new();
    let label = match d.severity {
        Severity::Error => "error",
        Severity::SecurityWarning => "security warning",
        Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    };
    let _ = writeln!(out, "{label}[{}]: {}", d.code, d.message);
    out.push_str(&diagnostic_body(source, file, d));
    out
}

/// The lines under a diagnostic's first line: its place, the line of text it points at (a
/// window of about [`SNIPPET_WIDTH`] characters around the column on a long line), the JSON
/// path (unless it is the whole document) and the help.
pub fn diagnostic_body(source: &str, file: &str, d: &DiagnosticOut) -> String {
    let mut out = String::new();
    if let Some(loc) = &d.location {
        let _ = writeln!(out, "  --> {file}:{}:{}", loc.line, loc.column);
        if loc.start <= source.len() {
            let shown = Snippet::around(source, loc.start, loc.end);
            let gutter = loc.line.to_string();
            let pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {}", shown.text);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(shown.caret),
                "^".repeat(shown.width)
            );
        }
    }
    // An empty path is the whole document: the place above already says where.
    if let Some(path) = d.path.as_deref().filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "  = at {path}");
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
    out
}

/// How many characters of a line a snippet shows at most; a longer line (a minified scenario
/// is one line of many kilobytes) is cut to a window around the column, marked with `…`.
pub const SNIPPET_WIDTH: usize = 100;

/// The part of a line a diagnostic shows, and where its caret goes.
#[derive(Debug, PartialEq, Eq)]
struct Snippet {
    /// The text shown (with `…` where the line is cut).
    text: String,
    /// The caret's column in `text`, 0-based, in characters.
    caret: usize,
    /// How many `^`.
    width: usize,
}

impl Snippet {
    /// The line around byte `start` of `source` (the span `start..end`), at most
    /// [`SNIPPET_WIDTH`] characters: up to half of them before the column. Only the window is
    /// scanned, so a diagnostic on a line of megabytes costs the same as on a short line.
    fn around(source: &str, start: usize, end: usize) -> Snippet {
        let mut start = start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let is_break = |c: char| c == '\n' || c == '\r';
        let head = source.get(..start).unwrap_or_default();
        let mut from = start;
        let mut back = 0;
        let mut cut_before = false;
        for (i, c) in head.char_indices().rev() {
            if is_break(c) {
                break;
            }
            if back == SNIPPET_WIDTH / 2 {
                cut_before = true;
                break;
            }
            from = i;
            back += 1;
        }
        let tail = source.get(start..).unwrap_or_default();
        let mut to = start;
        let mut taken = 0;
        let mut cut_after = false;
        for (i, c) in tail.char_indices() {
            if is_break(c) {
                break;
            }
            if back + taken == SNIPPET_WIDTH {
                cut_after = true;
                break;
            }
            to = start + i + c.len_utf8();
            taken += 1;
        }
        let mut text = String::new();
        if cut_before {
            text.push('…');
        }
        text.push_str(source.get(from..to).unwrap_or_default());
        if cut_after {
            text.push('…');
        }
        let width = source
            .get(start..end.clamp(start, to))
            .map_or(0, |s| s.chars().count());
        Snippet {
            text,
            caret: back + usize::from(cut_before),
            // A span that runs past the window (or over line breaks) is underlined to the end
            // of what is shown; an empty span still gets one caret.
            width: if end > to { taken.max(1) } else { width.max(1) },
        }
    }
}

fn request(out: &mut String, r: &RequestResult, many: bool) {
    let title = if many {
        format!("Request {}: ", r.index + 1)
    } else {
        "Request: ".to_string()
    };
    let _ = writeln!(
        out,
        "{title}{} ({}) → {} on {}{}",
        r.request.principal,
        r.request.principal_type,
        r.request.action,
        r.request.resource,
        if r.request.cross_account {
            " [cross-account]"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "  {} {} (decided by: {})",
        symbol(r.decision),
        r.decision.as_str(),
        layer_name(r.decided_by)
    );
    let _ = writeln!(out, "  {}", r.summary);
    layer_rows(out, r);
    statements(out, r);
    if !r.disabled_statements.is_empty() {
        let _ = writeln!(out, "  Switched off (what-if), not part of the decision:");
        for s in &r.disabled_statements {
            let st = &s.statement;
            let who = short_name(st);
            let _ = writeln!(
                out,
                "    ◌ {} {who} (line {}){}",
                st.effect.as_str(),
                st.location.line,
                if s.applies {
                    " — would apply if switched on"
                } else {
                    ""
                }
            );
        }
    }
    if let Some(note) = &r.pass_role_note {
        let _ = writeln!(out, "  Why iam:PassRole exists: {}", note.summary);
        let _ = writeln!(out, "    {}", note.explanation);
        let _ = writeln!(out, "    Learn more: {}", note.learn_more);
    }
    context(out, r);
}

/// The request context and the keys conditions missed.
fn context(out: &mut String, r: &RequestResult) {
    if !r.context.is_empty() {
        let _ = writeln!(out, "  Context:");
        for c in &r.context {
            let value = if c.multivalued {
                format!("[{}]", c.values.join(", "))
            } else {
                c.values.join("")
            };
            let source = match &c.derived_from {
                Some(from) => format!("derived from {from}"),
                None => "from the request".to_string(),
            };
            let _ = writeln!(out, "    {} = {value} ({source})", c.key);
        }
    }
    if !r.missing_context_keys.is_empty() {
        let _ = writeln!(
            out,
            "  Missing context keys (referred to by conditions, not in the request):"
        );
        for m in &r.missing_context_keys {
            let _ = writeln!(
                out,
                "    {}{}",
                m.key,
                if m.could_change_decision {
                    " — supplying it could change the decision"
                } else {
                    ""
                }
            );
        }
    }
}

/// The layers, one line each.
fn layer_rows(out: &mut String, r: &RequestResult) {
    let _ = writeln!(out, "  Layers, in AWS's order:");
    for l in &r.layers {
        let mark = match (l.layer, l.status) {
            (LayerKind::ExplicitDeny, LayerStatus::Allow) => "✓ none applies",
            (_, s) => status_mark(s),
        };
        let name = match (&l.level, &l.level_name) {
            (Some(i), Some(n)) => format!("{} level {} ({n})", layer_name(l.layer), i + 1),
            (Some(i), None) => format!("{} level {}", layer_name(l.layer), i + 1),
            _ => layer_name(l.layer).to_string(),
        };
        let _ = writeln!(out, "    {:<22} {:<18} {}", name, mark, l.reason);
    }
}

/// A statement's short name in the text report: its Sid in backticks, else `#n`.
fn short_name(st: &crate::answer::result::StatementRef) -> String {
    match &st.sid {
        Some(sid) => format!("`{sid}`"),
        None => format!("#{}", st.statement_index + 1),
    }
}

/// Every statement, with its element and condition checks.
fn statements(out: &mut String, r: &RequestResult) {
    let _ = writeln!(out, "  Statements:");
    for s in &r.statements {
        let st = &s.statement;
        let who = short_name(st);
        let policy = st
            .policy
            .name
            .clone()
            .unwrap_or_else(|| format!("{} {}", st.policy.kind.label(), st.policy.index + 1));
        let _ = writeln!(
            out,
            "    {} {} {} in {} (line {})",
            if s.applies { "●" } else { "○" },
            st.effect.as_str(),
            who,
            policy,
            st.location.line
        );
        let mark = |b: bool| if b { "✓" } else { "✗" };
        let _ = writeln!(
            out,
            "        {} {}: {}",
            mark(s.action.matched),
            s.action.element,
            s.action.detail
        );
        let _ = writeln!(
            out,
            "        {} {}: {}",
            mark(s.resource.matched),
            s.resource.element,
            s.resource.detail
        );
        if let Some(p) = &s.principal {
            let _ = writeln!(
                out,
                "        {} {}: {}",
                mark(p.matched),
                p.element,
                p.detail
            );
        }
        for c in &s.conditions {
            let _ = writeln!(
                out,
                "        {} {} `{}`: {}",
                mark(c.outcome),
                c.operator,
                c.key,
                c.reason
            );
            for v in &c.values {
                if let Some(res) = &v.resolved {
                    let _ = writeln!(out, "            `{}` → `{res}`", v.value);
                }
                if let Some(note) = &v.note {
                    let _ = writeln!(out, "            `{}`: {note}", v.value);
                }
            }
        }
    }
}

/// Renders a whole answer. `source` is the scenario text, `file` its name.
pub fn text(answer: &Answer, source: &str, file: &str) -> String {
    let mut out = String::new();
    if let Some(name) = &answer.name {
        let _ = writeln!(out, "Scenario: {name}");
    }
    let many = answer.requests.len() > 1;
    for r in &answer.requests {
        request(&mut out, r, many);
        out.push('\n');
    }
    if many {
        if let Some(d) = answer.decision {
            let _ = writeln!(
                out,
                "Combined: {} {} (Allow only if every request is allowed)",
                symbol(d),
                d.as_str()
            );
        }
    }
    for d in &answer.diagnostics {
        out.push_str(&diagnostic(source, file, d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(source: &str, start: usize, end: usize) -> (String, usize, usize) {
        let s = Snippet::around(source, start, end);
        (s.text, s.caret, s.width)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "{\n  \"a\": tru\n}";
        let at = text.find("tru").unwrap();
        assert_eq!(
            snippet(text, at, at + 3),
            ("  \"a\": tru".to_string(), 7, 3)
        );
        // A span over several lines is underlined to the end of its first line.
        assert_eq!(snippet(text, 0, text.len()), ("{".to_string(), 0, 1));
        // An empty span at the very end.
        assert_eq!(
            snippet(text, text.len(), text.len()),
            ("}".to_string(), 1, 1)
        );
    }

    #[test]
    fn long_lines_are_windowed_around_the_column() {
        let line = format!("{}XYZ{}", "a".repeat(5000), "b".repeat(5000));
        let at = 5000;
        let (text, caret, width) = snippet(&line, at, at + 3);
        assert_eq!(text.chars().count(), SNIPPET_WIDTH + 2, "two `…`");
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(
            text.chars().skip(caret).take(width).collect::<String>(),
            "XYZ"
        );
        // Near the start of the line: no `…` before.
        let (text, caret, _) = snippet(&line, 3, 4);
        assert!(!text.starts_with('…') && text.ends_with('…'));
        assert_eq!(caret, 3);
        // A span longer than the window is underlined to the window's end.
        let (text, caret, width) = snippet(&line, 10, line.len());
        assert_eq!(caret + width + 1, text.chars().count());
    }

    #[test]
    fn windows_count_characters_not_bytes() {
        let line = format!("{}!{}", "\u{e9}".repeat(300), "\u{1F600}".repeat(300));
        let at = line.find('!').unwrap();
        let (text, caret, width) = snippet(&line, at, at + 1);
        assert_eq!(text.chars().nth(caret), Some('!'));
        assert_eq!(width, 1);
        assert_eq!(text.chars().count(), SNIPPET_WIDTH + 2);
    }
}
