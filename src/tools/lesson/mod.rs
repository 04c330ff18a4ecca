//! Lessons: a task on a scenario, checked by goals (requests with the decision each must get).
//!
//! A lesson is one JSON file in `lessons/` (format: `docs/lessons.md`): an id, a title, a short
//! text, the AWS page it teaches from, a start scenario, goals, hints revealed one at a time
//! and a reference solution. Every text is written in English and Japanese side by side
//! (`{"en": "...", "ja": "..."}`); everything else is language-free.
//!
//! A goal is decided against the learner's policies with the goal's own request, so editing
//! the scenario's requests cannot satisfy it. Goals that must *stay denied* are what keeps
//! `"Resource": "*"` from passing a lesson. A lesson is finished only when every goal holds
//! and the scenario has no error.
//!
//! ```
//! use iam_playground::tools::lesson;
//!
//! let lesson = lesson::builtin("passrole-3").unwrap();
//! let report = lesson::check(&lesson, &lesson.solution, iam_playground::AwsData::default());
//! assert!(report.finished);
//! let report = lesson::check(&lesson, &lesson.start, iam_playground::AwsData::default());
//! assert!(!report.finished);
//! ```

mod check;
mod read;
pub mod render;

pub use check::{check, check_text, GoalResult, LessonReport};
pub use read::parse;

use serde::Serialize;

use crate::i18n::{Lang, Localized};
use crate::model::{Decision, PolicyKind, Request};

/// One lesson, read from its file.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// A short stable id (`passrole-3`): file name, link (`#learn/passrole-3`) and CLI argument.
    pub id: String,
    /// The title.
    pub title: Localized,
    /// The text: paragraphs and code blocks, in order.
    pub text: Vec<Block>,
    /// The AWS documentation the lesson teaches from.
    pub docs: Vec<DocLink>,
    /// The scenario the learner starts from (pretty-printed JSON text).
    pub start: String,
    /// A reference solution (pretty-printed JSON text).
    pub solution: String,
    /// What the learner's scenario must achieve.
    pub goals: Vec<Goal>,
    /// Hints, revealed one at a time.
    pub hints: Vec<Localized>,
}

/// A block of a lesson's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph; `` `code` `` marks inline code.
    Paragraph(Localized),
    /// A code block, the same in every language.
    Code {
        /// The code.
        code: String,
        /// Its language (`json`, `sh`), when given.
        language: Option<String>,
    },
}

/// A page of AWS's documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    /// The page's title.
    pub title: Localized,
    /// The English page (`https://docs.aws.amazon.com/...`).
    pub url: String,
}

impl DocLink {
    /// The page in `lang`: AWS publishes its Japanese pages under `/ja_jp/`.
    pub fn url(&self, lang: Lang) -> String {
        match (lang, self.url.strip_prefix("https://docs.aws.amazon.com/")) {
            (Lang::Ja, Some(rest)) => format!("https://docs.aws.amazon.com/ja_jp/{rest}"),
            _ => self.url.clone(),
        }
    }
}

/// One goal: a request and the decision it must get.
#[derive(Debug, Clone)]
pub struct Goal {
    /// The request, as JSON text (compact).
    pub request_text: String,
    /// The request, parsed.
    pub request: Request,
    /// The decision it must get.
    pub want: Want,
    /// The kind of policy that must decide it, when the lesson is about one kind (the
    /// permissions boundary, an SCP): so that the goal cannot be met by editing another.
    pub by: Option<PolicyKind>,
    /// Why, in one line ("passing the role to Lambda must stay denied").
    pub reason: Localized,
}

/// The decision a goal asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Want {
    /// Allowed.
    Allow,
    /// Explicitly denied (a Deny statement applies).
    ExplicitDeny,
    /// Implicitly denied (nothing allows it).
    ImplicitDeny,
    /// Denied, explicitly or implicitly.
    Denied,
}

impl Want {
    /// Whether `decision` satisfies this.
    pub fn accepts(self, decision: Decision) -> bool {
        match self {
            Want::Allow => decision == Decision::Allow,
            Want::ExplicitDeny => decision == Decision::ExplicitDeny,
            Want::ImplicitDeny => decision == Decision::ImplicitDeny,
            Want::Denied => decision != Decision::Allow,
        }
    }

    /// The name as written in lesson files.
    pub fn as_str(self) -> &'static str {
        match self {
            Want::Allow => "Allow",
            Want::ExplicitDeny => "ExplicitDeny",
            Want::ImplicitDeny => "ImplicitDeny",
            Want::Denied => "Denied",
        }
    }
}

/// The lessons shipped with the playground, in course order: `(id, file text)`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "passrole-1",
        include_str!("../../../lessons/passrole-1.json"),
    ),
    (
        "passrole-2",
        include_str!("../../../lessons/passrole-2.json"),
    ),
    (
        "passrole-3",
        include_str!("../../../lessons/passrole-3.json"),
    ),
    (
        "passrole-4",
        include_str!("../../../lessons/passrole-4.json"),
    ),
    (
        "passrole-5",
        include_str!("../../../lessons/passrole-5.json"),
    ),
    (
        "passrole-6",
        include_str!("../../../lessons/passrole-6.json"),
    ),
    (
        "passrole-7",
        include_str!("../../../lessons/passrole-7.json"),
    ),
    (
        "passrole-8",
        include_str!("../../../lessons/passrole-8.json"),
    ),
    (
        "passrole-9",
        include_str!("../../../lessons/passrole-9.json"),
    ),
    (
        "passrole-10",
        include_str!("../../../lessons/passrole-10.json"),
    ),
];

/// A shipped lesson by id; `None` for an unknown id. (A shipped lesson that does not read is
/// a build mistake the tests catch; it is reported as unknown here rather than panicking.)
pub fn builtin(id: &str) -> Option<Lesson> {
    BUILTIN
        .iter()
        .find(|(name, _)| *name == id)
        .and_then(|(_, text)| parse(text).ok())
}

/// Every shipped lesson, in course order.
pub fn all() -> Vec<Lesson> {
    BUILTIN
        .iter()
        .filter_map(|(_, text)| parse(text).ok())
        .collect()
}

/// The shipped ids, for "did you mean" and listings.
pub fn ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}
