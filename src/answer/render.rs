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
    if let Some(loc) = &d.location {
        let _ = writeln!(out, "  --> {file}:{}:{}", loc.line, loc.column);
        if let Some(line) = source.lines().nth(loc.line.saturating_sub(1)) {
            let gutter = loc.line.to_string();
            let pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {line}");
            let width = if loc.end_line == loc.line {
                loc.end_column.saturating_sub(loc.column).max(1)
            } else {
                line.chars().count().saturating_sub(loc.column - 1).max(1)
            };
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(loc.column.saturating_sub(1)),
                "^".repeat(width)
            );
        }
    }
    if let Some(path) = &d.path {
        let _ = writeln!(out, "  = at {path}");
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
    out
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
    let _ = writeln!(out, "  Statements:");
    for s in &r.statements {
        let st = &s.statement;
        let who = match &st.sid {
            Some(sid) => format!("`{sid}`"),
            None => format!("#{}", st.statement_index + 1),
        };
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
    if !r.disabled_statements.is_empty() {
        let _ = writeln!(out, "  Switched off (what-if), not part of the decision:");
        for s in &r.disabled_statements {
            let st = &s.statement;
            let who = match &st.sid {
                Some(sid) => format!("`{sid}`"),
                None => format!("#{}", st.statement_index + 1),
            };
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
