//! From scenario text to [`Answer`]: parse, decide every request, and render the result.

pub mod authorization_message;
pub mod expect;
pub mod explain;
mod fields;
mod localize;
pub mod passrole;
pub mod render;
pub mod result;

use crate::answer::result::{
    Answer, Brief, BriefRequest, ContextKeyInfo, DiagnosticOut, MissingKey, PolicyInfo,
    RequestInfo, RequestResult, StatementRef, Status,
};
use crate::decide::context::Source;
use crate::decide::decision::{self, Decided};
use crate::decide::principal::PrincipalKind;
use crate::decide::statement::{policy_ref, Detail};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::i18n::{Lang, Msg};
use crate::model::{ContextValue, Decision, PolicyKind, Request, Scenario};

/// Parses and evaluates a scenario.
pub fn evaluate(text: &str) -> Answer {
    evaluate_with(text, crate::AwsData::default())
}

/// Parses and evaluates a scenario with AWS data: `{"managed": "Name"}` entries are resolved
/// in `data.managed` (without it they are an error that says the documents are not loaded).
pub fn evaluate_with(text: &str, data: crate::AwsData) -> Answer {
    evaluation(text, data).into_answer(text)
}

/// An evaluation whose diagnostics are still in the core's form, beside the scenario it read:
/// what lint goes on from, without reading the text again.
pub struct Evaluation<'t> {
    /// The answer, its `diagnostics` not filled in yet ([`Evaluation::into_answer`]).
    answer: Answer,
    /// What reading and deciding found.
    pub diagnostics: Vec<Diagnostic>,
    /// The scenario, when it could be evaluated (the answer's status is `evaluated`).
    pub scenario: Option<Scenario>,
    index: LineIndex<'t>,
}

impl<'t> Evaluation<'t> {
    /// The answer, with the diagnostics rendered (located in `text`, the text evaluated).
    pub fn into_answer(self, text: &str) -> Answer {
        Answer {
            diagnostics: render_diagnostics(text, &self.index, self.diagnostics),
            ..self.answer
        }
    }

    /// The line index of the text evaluated.
    pub fn index(&self) -> &LineIndex<'t> {
        &self.index
    }
}

/// The answer a scenario's `expect` is checked against (`iam-playground test`): the same
/// decisions, deciding statements, request summaries and diagnostics as [`evaluate_with`],
/// without explaining every statement: `statements`, `missingContextKeys` and
/// `disabledStatements` are empty (the checks read none of them, and explaining is about half
/// of evaluating).
pub fn evaluate_for_expectations(text: &str, data: crate::AwsData) -> Answer {
    evaluation_in(text, data, Detail::Brief).into_answer(text)
}

/// Parses and evaluates a scenario, keeping the scenario read and the diagnostics unrendered
/// ([`evaluate_with`] renders them).
pub fn evaluation<'t>(text: &'t str, data: crate::AwsData) -> Evaluation<'t> {
    evaluation_in(text, data, Detail::Explained)
}

/// [`evaluation`], each statement explained or not (`detail`).
fn evaluation_in<'t>(text: &'t str, data: crate::AwsData, detail: Detail) -> Evaluation<'t> {
    let (checked, index) = checked(text, data);
    let (scenario, mut diagnostics) = match checked {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return Evaluation {
                answer: invalid(text, &index, Vec::new()),
                diagnostics,
                scenario: None,
                index,
            }
        }
    };
    // What-if switches (docs/scenario-extensions.md): decide with the switched-off parts left out.
    let split = crate::tools::what_if::split(&scenario);
    let active = split.as_ref().map_or(&scenario, |s| &s.active);
    let mut requests = Vec::new();
    for (i, request) in scenario.requests.iter().enumerate() {
        let decided = decision::decide_with(active, request, &index, detail);
        let disabled_statements = match &split {
            Some(s) if detail == Detail::Explained => {
                crate::tools::what_if::explain(&s.off, active, request, &decided, &index)
            }
            _ => Vec::new(),
        };
        check_principal(request, &decided, &mut diagnostics);
        let mut result = request_result(active, i, request, decided, &index);
        result.disabled_statements = disabled_statements;
        requests.push(result);
    }
    let decision = combine(requests.iter().map(|r| r.decision));
    let answer = Answer {
        engine_version: crate::VERSION,
        status: Status::Evaluated,
        name: scenario.name.clone(),
        decision,
        requests,
        diagnostics: Vec::new(),
        policies: policy_infos(&scenario, &index),
    };
    Evaluation {
        answer,
        diagnostics,
        scenario: Some(scenario),
        index,
    }
}

/// The brief answer ([`Brief`]): the decision and the statements that decided, without
/// explaining every statement. Same decisions, deciding statements and diagnostics as
/// [`evaluate`].
pub fn decide(text: &str) -> Brief {
    decide_with(text, crate::AwsData::default())
}

/// [`decide`] with AWS data (`{"managed": "Name"}` resolves), as [`evaluate_with`].
pub fn decide_with(text: &str, data: crate::AwsData) -> Brief {
    let (checked, index) = checked(text, data);
    let (scenario, mut diagnostics) = match checked {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return Brief {
                engine_version: crate::VERSION,
                status: Status::Invalid,
                name: None,
                decision: None,
                requests: Vec::new(),
                diagnostics: render_diagnostics(text, &index, diagnostics),
            }
        }
    };
    let split = crate::tools::what_if::split(&scenario);
    let active = split.as_ref().map_or(&scenario, |s| &s.active);
    let mut requests = Vec::with_capacity(scenario.requests.len());
    for (i, request) in scenario.requests.iter().enumerate() {
        let decided = decision::decide_with(active, request, &index, Detail::Brief);
        check_principal(request, &decided, &mut diagnostics);
        requests.push(BriefRequest {
            index: i,
            decision: decided.decision(),
            decided_by: decided.decided_by(),
            matched_statements: decided.matched,
        });
    }
    Brief {
        engine_version: crate::VERSION,
        status: Status::Evaluated,
        decision: combine(requests.iter().map(|r| r.decision)),
        name: scenario.name,
        requests,
        diagnostics: render_diagnostics(text, &index, diagnostics),
    }
}

/// A scenario that can be decided, with its warnings; or the diagnostics of one that cannot.
type Checked = Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses a scenario and checks what must hold before it is decided, with the warnings
/// evaluation reports beside a decision. `Err`: the diagnostics of a scenario that cannot be
/// decided. Either way, the text's line index.
fn checked<'t>(text: &'t str, data: crate::AwsData) -> (Checked, LineIndex<'t>) {
    let (scenario, mut diagnostics, index) =
        crate::parse::parse_scenario_indexed(text, data.managed);
    let Some(scenario) = scenario else {
        return (Err(diagnostics), index);
    };
    for policy in &scenario.policies {
        crate::decide::warnings::check_policy(policy, &mut diagnostics);
    }
    (Ok((scenario, diagnostics)), index)
}

/// Warns about a principal the engine does not recognise.
fn check_principal(request: &Request, decided: &Decided, diagnostics: &mut Vec<Diagnostic>) {
    if decided.principal.kind == PrincipalKind::Unknown {
        diagnostics.push(
            Diagnostic::warning(
                "unknown-principal",
                Msg::new("warn.unknown-principal").arg("principal", &request.principal.value),
                request.principal.span,
            )
            .with_help(Msg::new("warn.unknown-principal.help")),
        );
    }
}

/// The answer for text that cannot be decided: `invalid`, with these diagnostics.
fn invalid(text: &str, index: &LineIndex, diagnostics: Vec<Diagnostic>) -> Answer {
    Answer {
        engine_version: crate::VERSION,
        status: Status::Invalid,
        name: None,
        decision: None,
        requests: Vec::new(),
        diagnostics: render_diagnostics(text, index, diagnostics),
        policies: Vec::new(),
    }
}

/// The answer for bytes that are not UTF-8 ([`crate::parse::bytes::decode_utf8`]): `invalid`,
/// with the one diagnostic that says where the first invalid byte is. Its locations point
/// into `bad.text`.
pub fn unreadable(bad: &crate::parse::bytes::NotUtf8) -> Answer {
    invalid(
        &bad.text,
        &LineIndex::new(&bad.text),
        vec![bad.diagnostic.clone()],
    )
}

/// Allow only if every request is allowed; ExplicitDeny if any is explicitly denied.
fn combine(decisions: impl Iterator<Item = Decision>) -> Option<Decision> {
    let mut out = None;
    for d in decisions {
        out = Some(match (out, d) {
            (_, Decision::ExplicitDeny) | (Some(Decision::ExplicitDeny), _) => {
                Decision::ExplicitDeny
            }
            (_, Decision::ImplicitDeny) | (Some(Decision::ImplicitDeny), _) => {
                Decision::ImplicitDeny
            }
            _ => Decision::Allow,
        });
    }
    out
}

/// Locates diagnostics in `text` (line, column, the text pointed at) and sorts them by
/// position: what every door shows.
pub fn diagnostics_out(text: &str, diags: Vec<Diagnostic>) -> Vec<DiagnosticOut> {
    render_diagnostics(text, &LineIndex::new(text), diags)
}

pub(crate) fn render_diagnostics(
    text: &str,
    index: &LineIndex,
    mut diags: Vec<Diagnostic>,
) -> Vec<DiagnosticOut> {
    diags.sort_by_key(|d| (d.span.map_or(usize::MAX, |s| s.start), d.severity));
    diags
        .into_iter()
        .map(|d| DiagnosticOut {
            replacement: d.replacement().map(str::to_string),
            severity: d.severity,
            code: d.code,
            message: d.message,
            help: d.help,
            msgs: d.msgs,
            location: d.span.map(|s| index.location(s)),
            path: d.path,
            snippet: d.span.map(|s| {
                let t = s.text(text);
                if t.chars().count() > 200 {
                    let cut: String = t.chars().take(200).collect();
                    format!("{cut}…")
                } else {
                    t.to_string()
                }
            }),
        })
        .collect()
}

fn policy_infos(scenario: &Scenario, index: &LineIndex) -> Vec<PolicyInfo> {
    scenario
        .policies
        .iter()
        .map(|p| {
            let levels = match p.kind {
                PolicyKind::Scp => &scenario.scp_levels,
                PolicyKind::Rcp => &scenario.rcp_levels,
                _ => &Vec::new(),
            };
            let level_name = levels.get(p.index).and_then(|l| l.name.clone());
            // "identity-based policy 1", "SCP level 2 (Sandbox)", then ": Name".
            let mut label = explain::policy_place(p.kind, p.index);
            if let (PolicyKind::Scp | PolicyKind::Rcp, Some(level)) = (p.kind, &level_name) {
                label = Msg::new("label.level-named")
                    .phrase("policy", label)
                    .arg("level", level);
            }
            if let Some(n) = &p.name {
                label = Msg::new("label.policy-named")
                    .phrase("label", label)
                    .arg("name", n);
            }
            PolicyInfo {
                policy: policy_ref(p),
                label: label.render(Lang::En),
                label_msg: Some(label),
                level_name,
                location: index.location(p.span),
                document_location: index.location(p.document_span),
                statement_count: p.statements.len(),
                disabled: crate::tools::what_if::policy_disabled(&scenario.disabled, p),
            }
        })
        .collect()
}

fn request_result(
    scenario: &Scenario,
    i: usize,
    request: &Request,
    decided: Decided,
    index: &LineIndex,
) -> RequestResult {
    let authorization_message = authorization_message::render(scenario, request, &decided);
    let context = context_keys(&decided);
    let missing = missing_keys(&decided);

    let summary = explain::verdict(&decided.verdict);
    let (decision, decided_by) = (decided.decision(), decided.decided_by());
    let layers = explain::layer_rows(&decided, scenario);
    let statements = decided
        .evaluated
        .into_iter()
        .filter_map(|(_, ev)| ev.explanation.map(|e| *e))
        .collect();
    RequestResult {
        index: i,
        request: RequestInfo {
            principal: request.principal.value.clone(),
            principal_type: decided.principal.kind.label(),
            principal_account: decided.principal.account.clone(),
            action: request.action.value.clone(),
            resource: request.resource.value.clone(),
            resource_account: decided.context.resource_account().map(str::to_owned),
            cross_account: decided.cross_account,
            location: index.location(request.span),
        },
        decision,
        decided_by,
        summary: summary.render(Lang::En),
        summary_msg: Some(summary),
        layers,
        matched_statements: decided.matched,
        statements,
        context,
        missing_context_keys: missing,
        authorization_message,
        disabled_statements: Vec::new(),
        pass_role_note: crate::answer::passrole::note(&request.action.value),
    }
}

/// The request context as evaluated: the request's keys and the ones derived from them.
fn context_keys(decided: &Decided) -> Vec<ContextKeyInfo> {
    decided
        .context
        .items()
        .iter()
        .map(|item| ContextKeyInfo {
            key: item.key.to_string(),
            values: item.value.values().to_vec(),
            multivalued: matches!(item.value, ContextValue::Multi(_)),
            source: match item.source {
                Source::Request => "request",
                Source::Derived(_) => "derived",
            },
            derived_from: match item.source {
                Source::Request => None,
                Source::Derived(from) => Some(Msg::new(from).render(Lang::En)),
            },
            derived_from_msg: match item.source {
                Source::Request => None,
                Source::Derived(from) => Some(Msg::new(from)),
            },
        })
        .collect()
}

/// Keys that conditions refer to but the request does not supply, and whether each could
/// change the decision.
fn missing_keys(decided: &Decided) -> Vec<MissingKey> {
    // Looked up by name and statement through maps: a policy of thousands of statements
    // testing one key stays linear.
    let mut missing: Vec<MissingKey> = Vec::new();
    let mut slot: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let explained = || {
        decided
            .evaluated
            .iter()
            .filter_map(|(_, ev)| Some((ev, ev.explanation.as_ref()?)))
    };
    for (ev, explanation) in explained() {
        for c in &explanation.conditions {
            if c.key_present {
                continue;
            }
            let at = *slot.entry(c.key.to_ascii_lowercase()).or_insert_with(|| {
                missing.push(MissingKey {
                    key: c.key.clone(),
                    referenced_by: Vec::new(),
                    could_change_decision: false,
                });
                missing.len() - 1
            });
            let Some(m) = missing.get_mut(at) else {
                continue;
            };
            // One statement's conditions are visited together: a repeat is the last entry.
            if m.referenced_by.last() != Some(&ev.statement) {
                m.referenced_by.push(ev.statement.clone());
            }
            // The statement targets the request: its conditions decide whether it applies.
            if ev.targets_request {
                m.could_change_decision = true;
            }
        }
    }
    // Variables with no value are missing keys too.
    for (ev, explanation) in explained() {
        let uses = explanation
            .conditions
            .iter()
            .flat_map(|c| c.values.iter().flat_map(|v| v.variables.iter()));
        for u in uses {
            if u.value.is_some() || u.used_default || decided.context.get(&u.key).is_some() {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) =
                slot.entry(u.key.to_ascii_lowercase())
            {
                e.insert(missing.len());
                missing.push(MissingKey {
                    key: u.key.clone(),
                    referenced_by: vec![ev.statement.clone()],
                    could_change_decision: ev.targets_request,
                });
            }
        }
    }
    // With an explicit deny from a statement that does not depend on the key, nothing the key
    // could do would change the decision.
    if decided.decision() == Decision::ExplicitDeny {
        let place = |s: &StatementRef| {
            (
                s.policy.kind,
                s.policy.index,
                s.policy.position,
                s.statement_index,
            )
        };
        let deciding: rustc_hash::FxHashSet<_> = decided.matched.iter().map(place).collect();
        for m in &mut missing {
            if !m.referenced_by.iter().any(|s| deciding.contains(&place(s))) {
                m.could_change_decision = false;
            }
        }
    }
    missing
}
