//! Readable text for people: the CLI's default output.
//!
//! Decisions are shown with a word and a symbol, never by colour alone. The words around the
//! answer's own sentences come from the catalogs (`render.*`), so the text reads in the
//! language the answer was localized to ([`text_in`], [`diagnostic_in`]); English is the
//! default.

use std::fmt::Write;

use crate::answer::result::{Answer, DiagnosticOut, LayerKind, LayerStatus, RequestResult};
use crate::diagnostic::Severity;
use crate::i18n::{message, Lang, Msg};
use crate::model::Decision;

/// The symbol shown beside a decision.
pub fn symbol(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "✓",
        Decision::ExplicitDeny => "⛔",
        Decision::ImplicitDeny => "✗",
    }
}

/// A word or line of the catalogs in `lang`.
fn word(lang: Lang, key: &str) -> String {
    message(lang, key, &[])
}

fn layer_name(lang: Lang, kind: LayerKind) -> String {
    word(
        lang,
        match kind {
            LayerKind::ExplicitDeny => "render.layer.explicitDeny",
            LayerKind::Rcp => "render.layer.rcp",
            LayerKind::Scp => "render.layer.scp",
            LayerKind::Resource => "render.layer.resource",
            LayerKind::Identity => "render.layer.identity",
            LayerKind::PermissionsBoundary => "render.layer.permissionsBoundary",
            LayerKind::Session => "render.layer.session",
            LayerKind::VpcEndpoint => "render.layer.vpcEndpoint",
            LayerKind::PermissionNotRequired => "render.layer.permissionNotRequired",
        },
    )
}

fn status_mark(lang: Lang, s: LayerStatus) -> String {
    word(
        lang,
        match s {
            LayerStatus::Allow => "render.status.allow",
            LayerStatus::ExplicitDeny => "render.status.explicitDeny",
            LayerStatus::ImplicitDeny => "render.status.implicitDeny",
            LayerStatus::NotApplicable => "render.status.notApplicable",
        },
    )
}

/// Renders one diagnostic with its place and the line it points at, like a compiler does.
pub fn diagnostic(source: &str, file: &str, d: &DiagnosticOut) -> String {
    diagnostic_in(source, file, d, Lang::En)
}

/// [`diagnostic`] with its words (`error`, `help:`) in `lang`; the message and the help are
/// the diagnostic's own (localize it first).
pub fn diagnostic_in(source: &str, file: &str, d: &DiagnosticOut, lang: Lang) -> String {
    let mut out = String::new();
    let label = word(
        lang,
        match d.severity {
            Severity::Error => "render.severity.error",
            Severity::SecurityWarning => "render.severity.securityWarning",
            Severity::Warning => "render.severity.warning",
            Severity::Suggestion => "render.severity.suggestion",
        },
    );
    let _ = writeln!(out, "{label}[{}]: {}", d.code, d.message);
    out.push_str(&diagnostic_body_in(source, file, d, lang));
    out
}

/// The lines under a diagnostic's first line: its place, the line of text it points at (a
/// window of about [`SNIPPET_WIDTH`] characters around the column on a long line), the JSON
/// path (unless it is the whole document) and the help.
pub fn diagnostic_body(source: &str, file: &str, d: &DiagnosticOut) -> String {
    diagnostic_body_in(source, file, d, Lang::En)
}

/// [`diagnostic_body`] with its words in `lang`.
pub fn diagnostic_body_in(source: &str, file: &str, d: &DiagnosticOut, lang: Lang) -> String {
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
        let _ = writeln!(out, "  = {} {path}", word(lang, "render.at"));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = {} {help}", word(lang, "render.help"));
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

fn request(out: &mut String, r: &RequestResult, many: bool, lang: Lang) {
    let title = if many {
        message(
            lang,
            "render.request.title.many",
            &[("n", &(r.index + 1).to_string())],
        )
    } else {
        word(lang, "render.request.title")
    };
    let cross = if r.request.cross_account {
        word(lang, "render.request.cross-account")
    } else {
        String::new()
    };
    let line = message(
        lang,
        "render.request",
        &[
            ("principal", &r.request.principal),
            ("type", r.request.principal_type),
            ("action", &r.request.action),
            ("resource", &r.request.resource),
        ],
    );
    let _ = writeln!(out, "{title}{line}{cross}");
    let decided = message(
        lang,
        "render.decided-by",
        &[("layer", &layer_name(lang, r.decided_by))],
    );
    let _ = writeln!(
        out,
        "  {} {} {decided}",
        symbol(r.decision),
        r.decision.as_str(),
    );
    let _ = writeln!(out, "  {}", r.summary);
    layer_rows(out, r, lang);
    statements(out, r, lang);
    if !r.disabled_statements.is_empty() {
        let _ = writeln!(out, "  {}", word(lang, "render.switched-off"));
        for s in &r.disabled_statements {
            let st = &s.statement;
            let who = short_name(st);
            let line = message(
                lang,
                "render.line",
                &[("line", &st.location.line.to_string())],
            );
            let applies = if s.applies {
                word(lang, "render.would-apply")
            } else {
                String::new()
            };
            let _ = writeln!(out, "    ◌ {} {who} {line}{applies}", st.effect.as_str());
        }
    }
    if let Some(note) = &r.pass_role_note {
        let _ = writeln!(out, "  {} {}", word(lang, "render.passrole"), note.summary);
        let _ = writeln!(out, "    {}", note.explanation);
        let _ = writeln!(
            out,
            "    {} {}",
            word(lang, "render.learn-more"),
            note.learn_more
        );
    }
    context(out, r, lang);
}

/// The request context and the keys conditions missed.
fn context(out: &mut String, r: &RequestResult, lang: Lang) {
    if !r.context.is_empty() {
        let _ = writeln!(out, "  {}", word(lang, "render.context"));
        for c in &r.context {
            let value = if c.multivalued {
                format!("[{}]", c.values.join(", "))
            } else {
                c.values.join("")
            };
            let source = match &c.derived_from {
                Some(from) => message(lang, "render.context.derived", &[("from", from)]),
                None => word(lang, "render.context.given"),
            };
            let _ = writeln!(out, "    {} = {value} ({source})", c.key);
        }
    }
    if !r.missing_context_keys.is_empty() {
        let _ = writeln!(out, "  {}", word(lang, "render.missing-keys"));
        for m in &r.missing_context_keys {
            let could = if m.could_change_decision {
                word(lang, "render.missing-keys.could-change")
            } else {
                String::new()
            };
            let _ = writeln!(out, "    {}{could}", m.key);
        }
    }
}

/// The layers, one line each.
fn layer_rows(out: &mut String, r: &RequestResult, lang: Lang) {
    let _ = writeln!(out, "  {}", word(lang, "render.layers"));
    for l in &r.layers {
        let mark = match (l.layer, l.status) {
            (LayerKind::ExplicitDeny, LayerStatus::Allow) => {
                word(lang, "render.status.noneApplies")
            }
            (_, s) => status_mark(lang, s),
        };
        let layer = layer_name(lang, l.layer);
        let name = match (&l.level, &l.level_name) {
            (Some(i), Some(n)) => {
                let level = (i + 1).to_string();
                let args = [("layer", layer.as_str()), ("n", &level), ("name", n)];
                message(lang, "render.level.named", &args)
            }
            (Some(i), None) => {
                let level = (i + 1).to_string();
                message(lang, "render.level", &[("layer", &layer), ("n", &level)])
            }
            _ => layer,
        };
        let (name, mark) = (padded(&name, 22), padded(&mark, 18));
        let _ = writeln!(out, "    {name} {mark} {}", l.reason);
    }
}

/// A statement's short name in the text report: its Sid in backticks, else `#n`.
fn short_name(st: &crate::answer::result::StatementRef) -> String {
    match &st.sid {
        Some(sid) => format!("`{sid}`"),
        None => format!("#{}", st.statement_index + 1),
    }
}

/// `text` followed by spaces to fill `columns` terminal columns: a wide (East Asian)
/// character takes two, so Japanese columns line up as English ones do.
fn padded(text: &str, columns: usize) -> String {
    let wide = |c: char| matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}');
    let used: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(columns.saturating_sub(used)))
}

/// Every statement, with its element and condition checks.
fn statements(out: &mut String, r: &RequestResult, lang: Lang) {
    let _ = writeln!(out, "  {}", word(lang, "render.statements"));
    for s in &r.statements {
        let st = &s.statement;
        let who = short_name(st);
        let policy = st.policy.name.clone().unwrap_or_else(|| {
            Msg::new("render.policy-numbered")
                .phrase("kind", st.policy.kind.noun())
                .arg("n", st.policy.index + 1)
                .render(lang)
        });
        let place = message(
            lang,
            "render.statement-in",
            &[("policy", &policy), ("line", &st.location.line.to_string())],
        );
        let _ = writeln!(
            out,
            "    {} {} {who} {place}",
            if s.applies { "●" } else { "○" },
            st.effect.as_str(),
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
    text_in(answer, source, file, Lang::En)
}

/// [`text`] with its words in `lang` (localize the answer first for its sentences:
/// [`Answer::localize`]).
pub fn text_in(answer: &Answer, source: &str, file: &str, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(name) = &answer.name {
        let _ = writeln!(out, "{} {name}", word(lang, "render.scenario"));
    }
    let many = answer.requests.len() > 1;
    for r in &answer.requests {
        request(&mut out, r, many, lang);
        out.push('\n');
    }
    if many {
        if let Some(d) = answer.decision {
            let _ = writeln!(
                out,
                "{} {} {} {}",
                word(lang, "render.combined"),
                symbol(d),
                d.as_str(),
                word(lang, "render.combined.rule")
            );
        }
    }
    for d in &answer.diagnostics {
        out.push_str(&diagnostic_in(source, file, d, lang));
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
