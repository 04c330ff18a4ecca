//! A lesson and a check report as text for people, in one language (the CLI's output).

use std::fmt::Write;

use super::{Block, Lesson, LessonReport, Want};
use crate::i18n::{message, Lang};
use crate::model::{Decision, PolicyKind};

/// What a goal asks for, as words (`an explicit deny`, `a deny by an SCP`).
pub fn want_words(lang: Lang, want: Want, by: Option<PolicyKind>) -> String {
    let want_text = message(lang, &format!("want.{}", want.as_str()), &[]);
    match by {
        None => want_text,
        Some(kind) => {
            let policy = message(lang, &format!("policy-kind.{}", kind.key()), &[]);
            message(
                lang,
                "want.by",
                &[("want", &want_text), ("policy", &policy)],
            )
        }
    }
}

/// A decision as words.
pub fn decision_words(lang: Lang, decision: Decision) -> String {
    message(lang, &format!("decision.{}", decision.as_str()), &[])
}

/// One line per goal, then a closing line: what `iam-playground lesson check` prints.
pub fn report(lesson: &Lesson, report: &LessonReport, lang: Lang) -> String {
    let mut out = String::new();
    for (goal, result) in lesson.goals.iter().zip(&report.goals) {
        let n = (result.index + 1).to_string();
        let reason = goal.reason.get(lang);
        let line = match result.decision {
            _ if result.holds => {
                message(lang, "lesson.goal.holds", &[("n", &n), ("reason", reason)])
            }
            Some(got) => message(
                lang,
                "lesson.goal.fails",
                &[
                    ("n", &n),
                    ("reason", reason),
                    ("want", &want_words(lang, result.want, result.by)),
                    ("got", &decision_words(lang, got)),
                ],
            ),
            None => message(
                lang,
                "lesson.goal.unchecked",
                &[("n", &n), ("reason", reason)],
            ),
        };
        let _ = writeln!(out, "{line}");
    }
    let count = report.goals.len().to_string();
    let failed = report.goals.iter().filter(|g| !g.holds).count().to_string();
    let closing = if report.finished {
        message(
            lang,
            "lesson.finished",
            &[("id", &lesson.id), ("count", &count)],
        )
    } else if !report.errors.is_empty() {
        message(lang, "lesson.invalid", &[])
    } else {
        message(
            lang,
            "lesson.unfinished",
            &[("failed", &failed), ("count", &count)],
        )
    };
    let _ = writeln!(out, "{closing}");
    out
}

/// The lesson to read: title, text, goals, how many hints, the AWS pages, and how to start.
pub fn lesson(lesson: &Lesson, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", lesson.id, lesson.title.get(lang));
    for block in &lesson.text {
        match block {
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", text.get(lang));
            }
            Block::Code { code, .. } => {
                for line in code.lines() {
                    let _ = writeln!(out, "    {line}");
                }
                out.push('\n');
            }
        }
    }
    let _ = writeln!(out, "{}", message(lang, "lesson.goals", &[]));
    for (i, goal) in lesson.goals.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, goal.reason.get(lang));
    }
    out.push('\n');
    let count = lesson.hints.len().to_string();
    let _ = writeln!(
        out,
        "{}\n",
        message(
            lang,
            "lesson.hints",
            &[("count", &count), ("id", &lesson.id)]
        )
    );
    let _ = writeln!(out, "{}", message(lang, "lesson.docs", &[]));
    for doc in &lesson.docs {
        let _ = writeln!(out, "  {}: {}", doc.title.get(lang), doc.url(lang));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        message(lang, "lesson.start-with", &[("id", &lesson.id)])
    );
    let _ = writeln!(
        out,
        "{}",
        message(lang, "lesson.check-with", &[("id", &lesson.id)])
    );
    out
}

/// Hint `n` (1-based), or `None` past the last.
pub fn hint(lesson: &Lesson, n: usize, lang: Lang) -> Option<String> {
    let text = lesson.hints.get(n.checked_sub(1)?)?.get(lang);
    let (n, count) = (n.to_string(), lesson.hints.len().to_string());
    Some(message(
        lang,
        "lesson.hint",
        &[("n", &n), ("count", &count), ("text", text)],
    ))
}

/// Every lesson: id and title, one a line.
pub fn list(lessons: &[Lesson], lang: Lang) -> String {
    let mut out = String::new();
    let count = lessons.len().to_string();
    let _ = writeln!(
        out,
        "{}",
        message(lang, "lesson.list.header", &[("count", &count)])
    );
    let width = lessons.iter().map(|l| l.id.len()).max().unwrap_or(0);
    for l in lessons {
        let _ = writeln!(out, "  {:width$}  {}", l.id, l.title.get(lang));
    }
    out
}
