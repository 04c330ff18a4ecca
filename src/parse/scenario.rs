//! The scenario object: its policies (by kind, with SCP/RCP levels), requests and
//! expectation.

use std::borrow::Cow;

use super::kinds::{count, level_needs_a_policy, Count};
use super::{get, one_of, policy, request, what_if, Ctx, Unknown};
use crate::diagnostic::{did_you_mean, Diagnostic, Severity};
use crate::i18n::Msg;
use crate::model::{Decision, Expectation, Level, Policy, PolicyKind, Scenario};
use crate::parse::json::{Json, JsonKind, JsonPath, Member};

/// The members of a scenario object. `$schema` names a JSON Schema for editors
/// (docs/scenario-format.md); the engine reads nothing from it.
pub(crate) const TOP_LEVEL: &[&str] = &[
    "$schema",
    "name",
    "description",
    "policies",
    "request",
    "requests",
    "expect",
    "whatIf",
];

pub(super) fn scenario(ctx: &mut Ctx, root: &Json) -> Option<Scenario> {
    let path = JsonPath::root();
    let members = ctx.object(root, &path, Msg::new("parse.want.scenario"))?;
    ctx.unknown(
        members,
        TOP_LEVEL,
        &path,
        Unknown {
            severity: Severity::Warning,
            message: "parse.unknown.scenario-member",
            ..Unknown::MEMBER
        },
    );
    let mut scenario = Scenario::default();
    if let Some(m) = get(members, "$schema") {
        ctx.string(
            &m.value,
            &path.key("$schema"),
            Msg::new("parse.want.schema"),
        );
    }
    if let Some(m) = get(members, "name") {
        scenario.name = ctx
            .string(&m.value, &path.key("name"), Msg::new("parse.want.string"))
            .map(str::to_string);
    }
    if let Some(m) = get(members, "description") {
        ctx.string(
            &m.value,
            &path.key("description"),
            Msg::new("parse.want.string"),
        );
    }
    match get(members, "policies") {
        Some(m) => policies(ctx, &m.value, &path.key("policies"), &mut scenario),
        None => ctx.require(
            root,
            &path,
            "missing-member",
            Msg::new("parse.no-policies"),
            Msg::new("parse.no-policies.help"),
        ),
    }
    requests(ctx, root, members, &path, &mut scenario);
    // Project extension (docs/scenario-extensions.md): switches checked against the policies.
    if let Some(m) = get(members, "whatIf") {
        what_if::what_if(ctx, &m.value, &path.key("whatIf"), &mut scenario);
    }
    if let Some(m) = get(members, "expect") {
        scenario.expect = expect(ctx, m, members, &path.key("expect"));
    }
    Some(scenario)
}

/// `expect`, with as many `expect.requests` as the scenario has requests.
fn expect(
    ctx: &mut Ctx,
    m: &Member,
    members: &[Member],
    expect_path: &JsonPath,
) -> Option<Expectation> {
    let expect = expectation(ctx, &m.value, expect_path, true);
    let given = expect
        .as_ref()
        .and_then(|e| e.requests.as_ref())
        .map(Vec::len);
    // Count the requests as written, parsed or not.
    let written = match (get(members, "request"), get(members, "requests")) {
        (Some(_), None) => Some(1),
        (None, Some(list)) => list.value.as_array().map(<[Json]>::len),
        _ => None,
    };
    if let (Some(given), Some(written)) = (given, written) {
        if given != written {
            let value = m.value.get("requests").map_or(m.value.span, |v| v.span);
            ctx.report(
                &expect_path.key("requests"),
                Diagnostic::error(
                    "expect-mismatch",
                    Msg::new(if written == 1 {
                        "parse.expect-mismatch.one"
                    } else {
                        "parse.expect-mismatch.other"
                    })
                    .arg("given", given)
                    .arg("written", written),
                    value,
                )
                .with_help(Msg::new("parse.expect-mismatch.help")),
            );
        }
    }
    expect
}

/// `request` or `requests`: exactly one of them.
fn requests(
    ctx: &mut Ctx,
    root: &Json,
    members: &[Member],
    path: &JsonPath,
    scenario: &mut Scenario,
) {
    match (get(members, "request"), get(members, "requests")) {
        (Some(one), Some(list)) => {
            let second = if one.key_span.start > list.key_span.start {
                one
            } else {
                list
            };
            ctx.report(
                &path.key(&second.key),
                Diagnostic::error(
                    "conflicting-members",
                    Msg::new("parse.request-and-requests"),
                    second.key_span,
                )
                .with_help(Msg::new("parse.request-and-requests.help")),
            );
        }
        (Some(one), None) => {
            scenario
                .requests
                .extend(request::request(ctx, &one.value, &path.key("request")));
        }
        (None, Some(list)) => {
            scenario.request_list = true;
            let list_path = path.key("requests");
            match &list.value.kind {
                JsonKind::Array(items) if items.is_empty() => ctx.report(
                    &list_path,
                    Diagnostic::error(
                        "empty-value",
                        Msg::new("parse.empty-requests"),
                        list.value.span,
                    )
                    .with_help(Msg::new("parse.empty-requests.help")),
                ),
                JsonKind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        scenario
                            .requests
                            .extend(request::request(ctx, item, &list_path.index(i)));
                    }
                }
                _ => ctx.wrong_type(&list.value, &list_path, Msg::new("parse.want.requests")),
            }
        }
        (None, None) => ctx.require(
            root,
            path,
            "missing-member",
            Msg::new("parse.no-request"),
            Msg::new("parse.no-request.help"),
        ),
    }
}

fn policies(ctx: &mut Ctx, value: &Json, path: &JsonPath, scenario: &mut Scenario) {
    let Some(members) = ctx.object(value, path, Msg::new("parse.want.policies")) else {
        return;
    };
    let keys: Vec<&str> = PolicyKind::ALL.iter().map(|k| k.key()).collect();
    ctx.unknown(
        members,
        &keys,
        path,
        Unknown {
            message: "parse.unknown.policy-kind",
            ..Unknown::MEMBER
        },
    );
    for m in members {
        let Some(kind) = PolicyKind::from_key(&m.key) else {
            continue;
        };
        if get(members, &m.key).map(|first| first.key_span) != Some(m.key_span) {
            continue; // a duplicate, already reported
        }
        let kind_path = path.key(&m.key);
        match count(kind) {
            Count::List => list_of_policies(ctx, &m.value, kind, &kind_path, scenario),
            Count::One => {
                if let JsonKind::Array(_) = m.value.kind {
                    ctx.report(
                        &kind_path,
                        Diagnostic::error(
                            "wrong-type",
                            Msg::new("parse.one-policy").phrase("kind", kind.noun()),
                            m.value.span,
                        )
                        .with_help(Msg::new("parse.one-policy.help").phrase("kind", kind.noun())),
                    );
                } else {
                    scenario
                        .policies
                        .extend(policy(ctx, &m.value, kind, 0, None, &kind_path));
                }
            }
            Count::Levels => levels(ctx, &m.value, kind, &kind_path, scenario),
        }
    }
}

fn list_of_policies(
    ctx: &mut Ctx,
    value: &Json,
    kind: PolicyKind,
    path: &JsonPath,
    scenario: &mut Scenario,
) {
    match &value.kind {
        JsonKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                scenario
                    .policies
                    .extend(policy(ctx, item, kind, i, None, &path.index(i)));
            }
        }
        // A single policy may stand without the array.
        _ => scenario
            .policies
            .extend(policy(ctx, value, kind, 0, None, path)),
    }
}

/// `scp` / `rcp`: one entry per level of the organization.
fn levels(ctx: &mut Ctx, value: &Json, kind: PolicyKind, path: &JsonPath, scenario: &mut Scenario) {
    let JsonKind::Array(items) = &value.kind else {
        ctx.report(
            path,
            Diagnostic::error(
                "wrong-type",
                Msg::new("parse.wrong-type")
                    .phrase("expected", Msg::new("parse.want.levels"))
                    .phrase("found", value.type_noun()),
                value.span,
            )
            .with_help(Msg::new("parse.levels.help")),
        );
        return;
    };
    for (level_index, item) in items.iter().enumerate() {
        let level_path = path.index(level_index);
        let level = level(ctx, item, kind, level_index, &level_path, scenario);
        match kind {
            PolicyKind::Rcp => scenario.rcp_levels.push(level),
            _ => scenario.scp_levels.push(level),
        }
    }
}

/// The members of a named SCP/RCP level.
pub(super) const LEVEL_MEMBERS: &[&str] = &["name", "policies"];

fn level(
    ctx: &mut Ctx,
    value: &Json,
    kind: PolicyKind,
    level_index: usize,
    path: &JsonPath,
    scenario: &mut Scenario,
) -> Level {
    let mut level = Level {
        name: None,
        span: value.span,
    };
    let is_group = value.get("policies").is_some();
    if !is_group {
        scenario
            .policies
            .extend(policy(ctx, value, kind, level_index, Some(0), path));
        return level;
    }
    let Some(members) = ctx.object(value, path, Msg::new("parse.want.level")) else {
        return level;
    };
    ctx.unknown(
        members,
        LEVEL_MEMBERS,
        path,
        Unknown {
            message: "parse.unknown.level-member",
            ..Unknown::MEMBER
        },
    );
    if let Some(m) = get(members, "name") {
        level.name = ctx
            .string(&m.value, &path.key("name"), Msg::new("parse.want.string"))
            .map(str::to_string);
    }
    let Some(m) = get(members, "policies") else {
        return level;
    };
    let policies_path = path.key("policies");
    match &m.value.kind {
        JsonKind::Array(items) => {
            if items.is_empty() && level_needs_a_policy(kind) {
                // AWS Organizations API reference, DetachPolicy: "Every root, OU, and account
                // must have at least one SCP attached." A level with none cannot exist, and
                // deciding it either way would be a guess: refuse it.
                ctx.report(
                    &policies_path,
                    Diagnostic::error("empty-level", Msg::new("parse.empty-level"), m.value.span)
                        .with_help(Msg::new("parse.empty-level.help")),
                );
            }
            for (position, item) in items.iter().enumerate() {
                scenario.policies.extend(policy(
                    ctx,
                    item,
                    kind,
                    level_index,
                    Some(position),
                    &policies_path.index(position),
                ));
            }
        }
        _ => ctx.wrong_type(&m.value, &policies_path, Msg::new("parse.want.policy-list")),
    }
    level
}

/// The members of a named policy.
pub(super) const NAMED_POLICY_MEMBERS: &[&str] = &["name", "document"];

/// One `POLICY`: a document, `{"name": ..., "document": ...}`, or a JSON string holding a
/// document.
pub(super) fn policy(
    ctx: &mut Ctx,
    value: &Json,
    kind: PolicyKind,
    index: usize,
    position: Option<usize>,
    path: &JsonPath,
) -> Option<Policy> {
    // Project extension: an AWS managed policy by name (`managed.rs`).
    if value.get("managed").is_some() {
        return super::managed::policy(ctx, value, kind, index, position, path);
    }
    let document_key = path.key("document");
    let mut name = None;
    let (document, document_path) = match &value.kind {
        JsonKind::String(_) => (Cow::Owned(ctx.embedded(value, path)?), path),
        JsonKind::Object(members)
            if value.get("document").is_some() || value.get("name").is_some() =>
        {
            let (n, document) = named_document(ctx, value, members, path, &document_key)?;
            name = n;
            (document, &document_key)
        }
        JsonKind::Object(_) => (Cow::Borrowed(value), path),
        _ => {
            ctx.wrong_type(value, path, Msg::new("parse.want.policy"));
            return None;
        }
    };
    let doc = policy::document(ctx, &document, kind, document_path)?;
    Some(Policy {
        kind,
        index,
        position,
        name,
        version: doc.version,
        id: doc.id,
        statements: doc.statements,
        span: value.span,
        document_span: document.span,
        managed: None,
    })
}

/// `{"name": ..., "document": ...}`: the name, and the document (an object, or a string
/// holding one).
fn named_document<'v>(
    ctx: &mut Ctx,
    value: &'v Json<'v>,
    members: &'v [Member<'v>],
    path: &JsonPath,
    document_key: &JsonPath,
) -> Option<(Option<String>, Cow<'v, Json<'v>>)> {
    ctx.duplicates(members, path);
    ctx.unknown(
        members,
        NAMED_POLICY_MEMBERS,
        path,
        Unknown {
            message: "parse.unknown.named-policy-member",
            ..Unknown::MEMBER
        },
    );
    let name = get(members, "name").and_then(|m| {
        ctx.string(&m.value, &path.key("name"), Msg::new("parse.want.string"))
            .map(str::to_string)
    });
    let Some(m) = get(members, "document") else {
        ctx.require(
            value,
            path,
            "missing-member",
            Msg::new("parse.no-document"),
            Msg::new("parse.no-document.help"),
        );
        return None;
    };
    let document = match &m.value.kind {
        JsonKind::String(_) => Cow::Owned(ctx.embedded(&m.value, document_key)?),
        JsonKind::Object(_) => Cow::Borrowed(&m.value),
        _ => {
            ctx.wrong_type(&m.value, document_key, Msg::new("parse.want.document"));
            return None;
        }
    };
    Some((name, document))
}

pub(super) const DECISIONS: &[Decision] = &[
    Decision::Allow,
    Decision::ExplicitDeny,
    Decision::ImplicitDeny,
];

/// The members of the top-level `expect`.
pub(super) const EXPECT_MEMBERS: &[&str] = &[
    "decision", "matched", "because", "fixable", "requests", "error", "errors", "warnings",
];

/// The members of one entry of `expect.requests`.
pub(super) const REQUEST_EXPECT_MEMBERS: &[&str] = &["decision", "matched", "because", "fixable"];

fn expectation(ctx: &mut Ctx, value: &Json, path: &JsonPath, top: bool) -> Option<Expectation> {
    let members = ctx.object(value, path, Msg::new("parse.want.expectation"))?;
    // `error` / `errors` (top level only): the codes an invalid scenario must produce, read by
    // the test runner (`crate::answer::expect`).
    let known = if top {
        EXPECT_MEMBERS
    } else {
        REQUEST_EXPECT_MEMBERS
    };
    ctx.unknown(
        members,
        known,
        path,
        Unknown {
            message: "parse.unknown.expect-member",
            ..Unknown::MEMBER
        },
    );
    let mut expect = Expectation {
        decision: None,
        matched: None,
        requests: None,
        because: None,
        fixable: false,
        span: value.span,
    };
    if let Some(m) = get(members, "decision") {
        expect.decision = decision(ctx, &m.value, &path.key("decision"));
    }
    if let Some(m) = get(members, "because") {
        expect.because = ctx
            .string(
                &m.value,
                &path.key("because"),
                Msg::new("parse.want.sentence"),
            )
            .map(str::to_string);
    }
    if let Some(m) = get(members, "fixable") {
        match m.value.kind {
            JsonKind::Bool(b) => expect.fixable = b,
            _ => ctx.wrong_type(&m.value, &path.key("fixable"), Msg::new("parse.want.bool")),
        }
    }
    if let Some(m) = get(members, "matched") {
        expect.matched = matched(ctx, &m.value, &path.key("matched"));
    }
    if top {
        if let Some(m) = get(members, "error") {
            ctx.string(&m.value, &path.key("error"), Msg::new("parse.want.code"));
        }
        if let Some(m) = get(members, "errors") {
            ctx.string_list(&m.value, &path.key("errors"));
        }
        if let Some(m) = get(members, "warnings") {
            ctx.string_list(&m.value, &path.key("warnings"));
        }
        if let Some(m) = get(members, "requests") {
            expect.requests = request_expectations(ctx, &m.value, &path.key("requests"));
        }
    }
    Some(expect)
}

/// `expect.matched`: the Sids of the statements that decide.
fn matched(ctx: &mut Ctx, value: &Json, matched_path: &JsonPath) -> Option<Vec<String>> {
    let JsonKind::Array(items) = &value.kind else {
        ctx.wrong_type(value, matched_path, Msg::new("parse.want.sids"));
        return None;
    };
    let mut sids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(s) = ctx.string(item, &matched_path.index(i), Msg::new("parse.want.sid")) {
            sids.push(s.to_string());
        }
    }
    Some(sids)
}

/// `expect.requests`: one expectation per request.
fn request_expectations(
    ctx: &mut Ctx,
    value: &Json,
    list_path: &JsonPath,
) -> Option<Vec<Expectation>> {
    let JsonKind::Array(items) = &value.kind else {
        ctx.wrong_type(value, list_path, Msg::new("parse.want.expectations"));
        return None;
    };
    let mut list = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        list.extend(expectation(ctx, item, &list_path.index(i), false));
    }
    Some(list)
}

fn decision(ctx: &mut Ctx, value: &Json, path: &JsonPath) -> Option<Decision> {
    let text = ctx.string(value, path, Msg::new("parse.want.decision"))?;
    if let Some(d) = DECISIONS.iter().find(|d| d.as_str() == text) {
        return Some(*d);
    }
    let names: Vec<&str> = DECISIONS.iter().map(|d| d.as_str()).collect();
    let help = match did_you_mean(text, &names) {
        _ if text.eq_ignore_ascii_case("deny") => Msg::new("parse.decision.deny.help"),
        Some(s) => Msg::new("help.did-you-mean").arg("name", s),
        None => Msg::new("parse.expected-one-of").phrase("list", one_of(&names)),
    };
    ctx.report(
        path,
        Diagnostic::error(
            "invalid-decision",
            Msg::new("parse.invalid-decision").arg("decision", text),
            value.span,
        )
        .with_help(help),
    );
    None
}
