//! Checking a learner's scenario against a lesson's goals, with the engine itself.

use serde::Serialize;

use super::{Goal, Lesson, Want};
use crate::answer::result::{DiagnosticOut, LayerKind, Status};
use crate::decide::decision::{self, Decided};
use crate::diagnostic::LineIndex;
use crate::i18n::{Lang, Msg};
use crate::model::{Decision, PolicyKind, Scenario};

/// How a scenario stands against a lesson.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LessonReport {
    /// The lesson's id.
    pub lesson: String,
    /// `evaluated`, or `invalid` when the scenario has errors (then no goal is checked).
    pub status: Status,
    /// True when every goal holds and the scenario has no error.
    pub finished: bool,
    /// One result per goal, in the lesson's order.
    pub goals: Vec<GoalResult>,
    /// The scenario's errors (a lesson is not finished while there is one).
    pub errors: Vec<DiagnosticOut>,
}

/// One goal, decided against the learner's policies.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalResult {
    /// Index in the lesson's goals.
    pub index: usize,
    /// True when the goal holds.
    pub holds: bool,
    /// The decision asked for.
    pub want: Want,
    /// The kind of policy that must decide, when the goal names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<PolicyKind>,
    /// The goal's request: action and resource, for a checklist.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The decision the learner's policies give (absent when not checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The layer that decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<LayerKind>,
    /// The engine's sentence for the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// `summary` in no language yet.
    #[serde(skip)]
    pub summary_msg: Option<Msg>,
}

impl LessonReport {
    /// Renders the report's sentences (the errors, the goals' summaries) in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        for e in &mut self.errors {
            e.localize(lang);
        }
        for g in &mut self.goals {
            if let Some(m) = &g.summary_msg {
                g.summary = Some(m.render(lang));
            }
        }
    }
}

/// Decides every goal of `lesson` against the policies of `scenario_text`.
///
/// The goals use their own requests (the scenario's requests are the learner's to play
/// with). What-if switches count: a switched-off statement takes no part, as in the page.
pub fn check(lesson: &Lesson, scenario_text: &str, data: crate::AwsData) -> LessonReport {
    let index = LineIndex::new(scenario_text);
    let (scenario, diagnostics) = crate::parse::parse_scenario_with(scenario_text, data.managed);
    let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    let errors = crate::answer::render_diagnostics(scenario_text, &index, errors);
    let unchecked = |g: (usize, &Goal)| result(g.0, g.1, None);
    let Some(scenario) = scenario.filter(|_| errors.is_empty()) else {
        return LessonReport {
            lesson: lesson.id.clone(),
            status: Status::Invalid,
            finished: false,
            goals: lesson.goals.iter().enumerate().map(unchecked).collect(),
            errors,
        };
    };
    let split = crate::tools::what_if::split(&scenario);
    let active: &Scenario = split.as_ref().map_or(&scenario, |s| &s.active);
    let goals: Vec<GoalResult> = lesson
        .goals
        .iter()
        .enumerate()
        .map(|(i, goal)| {
            let decided = decision::decide(active, &goal.request, &index);
            result(i, goal, Some(&decided))
        })
        .collect();
    LessonReport {
        lesson: lesson.id.clone(),
        status: Status::Evaluated,
        finished: goals.iter().all(|g| g.holds),
        goals,
        errors,
    }
}

/// Reads a lesson file and checks `scenario_text` against it (the WebAssembly binding's entry:
/// the page fetches lesson files as text). `Err` holds the lesson file's own errors.
pub fn check_text(
    lesson_text: &str,
    scenario_text: &str,
    data: crate::AwsData,
) -> Result<LessonReport, Vec<DiagnosticOut>> {
    let lesson = super::parse(lesson_text).map_err(|diags| {
        crate::answer::render_diagnostics(lesson_text, &LineIndex::new(lesson_text), diags)
    })?;
    Ok(check(&lesson, scenario_text, data))
}

fn result(index: usize, goal: &Goal, decided: Option<&Decided>) -> GoalResult {
    let summary = decided.map(|d| crate::answer::explain::verdict(&d.verdict));
    GoalResult {
        index,
        holds: decided.is_some_and(|d| holds(goal, d)),
        want: goal.want,
        by: goal.by,
        action: goal.request.action.value.clone(),
        resource: goal.request.resource.value.clone(),
        decision: decided.map(|d| d.decision()),
        decided_by: decided.map(|d| d.decided_by()),
        summary: summary.as_ref().map(|m| m.render(Lang::En)),
        summary_msg: summary,
    }
}

/// The decision is the one asked for and, when the goal names a kind of policy, a policy of
/// that kind decided: one of its Deny statements applied (explicit deny), its layer did not
/// allow (implicit deny), or one of its Allow statements granted (Allow).
fn holds(goal: &Goal, decided: &Decided) -> bool {
    if !goal.want.accepts(decided.decision()) {
        return false;
    }
    let Some(kind) = goal.by else {
        return true;
    };
    let by_statement = decided.matched.iter().any(|s| s.policy.kind == kind);
    match decided.decision() {
        Decision::ImplicitDeny => layer_of(kind) == Some(decided.decided_by()),
        Decision::ExplicitDeny | Decision::Allow => by_statement,
    }
}

fn layer_of(kind: PolicyKind) -> Option<LayerKind> {
    Some(match kind {
        PolicyKind::Identity => LayerKind::Identity,
        PolicyKind::PermissionsBoundary => LayerKind::PermissionsBoundary,
        PolicyKind::Session => LayerKind::Session,
        PolicyKind::Resource => LayerKind::Resource,
        PolicyKind::Scp => LayerKind::Scp,
        PolicyKind::Rcp => LayerKind::Rcp,
        // The decision has no endpoint layer yet: such a goal holds only by a Deny statement.
        PolicyKind::VpcEndpoint => return None,
    })
}
