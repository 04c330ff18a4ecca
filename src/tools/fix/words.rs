//! Every sentence the fix suggestions say, one function per kind of sentence, each built from
//! the report's codes and data only, as catalog messages (`fix.*` in `src/i18n/*.json`): the
//! explanation of a request's fix, a note, why a statement goes where it goes, one condition of
//! a suggested statement, and why a denial protects the principal. The report keeps the
//! English text beside each message; [`super::FixReport::localize`] renders them in another
//! language.

use super::protect::{Protection, ProtectionCode};
use super::{Expected, FixKind, NoFixReason, Note, Placement, PlacementReason, RequestFix};
use crate::answer::explain::{statement_phrase, statements_phrase};
use crate::answer::result::LayerKind;
use crate::i18n::{some_of, Msg};
use crate::model::PolicyKind;

/// `a`, `b` or `c` (each in backticks).
fn code_list(items: &[String]) -> Msg {
    some_of(items, usize::MAX, true)
}

/// Why a statement goes into the policy it goes into.
pub fn placement_why(reason: PlacementReason, action: &str, resource_account: Option<&str>) -> Msg {
    let key = match reason {
        PlacementReason::IdentityPolicies => "fix.why.identity-policies",
        PlacementReason::PermissionsBoundary => "fix.why.permissions-boundary",
        PlacementReason::SessionPolicy => "fix.why.session-policy",
        PlacementReason::TrustPolicy => "fix.why.trust-policy",
        PlacementReason::CrossAccount => "fix.why.cross-account",
        PlacementReason::KmsKeyPolicy => "fix.why.kms-key-policy",
        PlacementReason::NoIdentityPolicies => "fix.why.no-identity-policies",
        PlacementReason::ResourcePolicy => "fix.why.resource-policy",
        PlacementReason::ScpLevel => "fix.why.scp-level",
        PlacementReason::VpcEndpoint => "fix.why.vpc-endpoint",
    };
    Msg::new(key)
        .arg("action", action)
        .arg("account", resource_account.unwrap_or("?"))
}

/// One condition of a suggested statement (IAM User Guide, "IAM and AWS STS condition context
/// keys": `iam:PassedToService` names the service principal the role is passed to;
/// `iam:AssociatedResourceArn` the resource the role will be associated with).
pub fn condition_line(key: &str, values: &[String]) -> Msg {
    let msg = if key.eq_ignore_ascii_case("iam:PassedToService") {
        "fix.condition.passed-to-service"
    } else if key.eq_ignore_ascii_case("iam:AssociatedResourceARN") {
        if values.iter().all(|v| v.ends_with(":instance/*")) {
            "fix.condition.associated-instance"
        } else {
            "fix.condition.associated-resource"
        }
    } else {
        "fix.condition.as-in-request"
    };
    Msg::new(msg)
        .arg("key", key)
        .phrase("list", code_list(values))
}

/// "`a` and `b` and `c`" (every pair joined by `and`), as catalog phrases.
fn all_of(keys: &[String]) -> Msg {
    let mut items = keys
        .iter()
        .map(|k| Msg::new("list.one").arg("item", format!("`{k}`")));
    let first = items
        .next()
        .unwrap_or_else(|| Msg::new("list.one").arg("item", ""));
    items.fold(first, |acc, next| {
        Msg::new("fix.both")
            .phrase("first", acc)
            .phrase("next", next)
    })
}

/// A note beside a fix.
pub fn note(note: &Note) -> Msg {
    match note {
        Note::BypassesCondition { statement: s, keys } => Msg::new(if keys.len() == 1 {
            "fix.note.bypasses-condition.one"
        } else {
            "fix.note.bypasses-condition.other"
        })
        .phrase("statement", statement_phrase(s))
        .phrase("keys", all_of(keys)),
        Note::NoPassedToService => Msg::new("fix.note.no-passed-to-service"),
        Note::RolePower { role } => Msg::new("fix.note.role-power").arg("role", role),
        Note::PublicGrant => Msg::new("fix.note.public-grant"),
        Note::BecameInvalid => Msg::new("fix.note.became-invalid"),
        Note::CannotPlace { layer } => {
            Msg::new("fix.note.cannot-place").phrase("layer", Msg::new(layer_label(*layer)))
        }
        Note::ChangesExpectation { expected } => {
            Msg::new("fix.note.changes-expectation").arg("decision", expected.as_str())
        }
        Note::UnknownAction { action } => Msg::new("fix.note.unknown-action").arg("action", action),
    }
}

fn layer_label(layer: LayerKind) -> &'static str {
    match layer {
        LayerKind::Identity => "fix.layer.identity",
        LayerKind::PermissionsBoundary => "fix.layer.permissions-boundary",
        LayerKind::Session => "fix.layer.session",
        LayerKind::Resource => "fix.layer.resource",
        LayerKind::Scp => "fix.layer.scp",
        LayerKind::Rcp => "fix.layer.rcp",
        LayerKind::ExplicitDeny => "fix.layer.explicit-deny",
        LayerKind::VpcEndpoint => "fix.layer.vpc-endpoint",
        LayerKind::PermissionNotRequired => "fix.layer.permission-not-required",
    }
}

/// Why a denial protects the principal (see `protect.rs` for the sources), and what to do
/// instead.
pub fn protection(p: &Protection) -> Msg {
    let (reason, instead) = match p.code {
        ProtectionCode::SelfPermissions => ("fix.protect.self-permissions", "boundary"),
        ProtectionCode::GroupPermissions => ("fix.protect.group-permissions", "boundary"),
        ProtectionCode::RolePermissions => ("fix.protect.role-permissions", "boundary"),
        ProtectionCode::RoleTrust => ("fix.protect.role-trust", "boundary"),
        ProtectionCode::PolicyVersion => ("fix.protect.policy-version", "boundary"),
        ProtectionCode::OtherUserCredentials => {
            ("fix.protect.other-user-credentials", "role-for-task")
        }
        ProtectionCode::PassAnyRole => ("fix.protect.pass-any-role", "named-roles"),
    };
    let instead = match instead {
        "boundary" => "fix.protect.instead.boundary",
        "role-for-task" => "fix.protect.instead.role-for-task",
        _ => "fix.protect.instead.named-roles",
    };
    let reason = Msg::new(reason)
        .arg("action", &p.action)
        .arg("resource", &p.resource)
        .arg("principal", &p.principal);
    Msg::new("fix.protects-you")
        .phrase("reason", reason)
        .phrase("instead", Msg::new(instead))
}

fn expected_lesson(e: &Expected) -> Msg {
    match &e.because {
        Some(because) => Msg::new("fix.expected-denial.because")
            .arg("decision", e.decision.as_str())
            .arg("because", because),
        None => Msg::new("fix.expected-denial").arg("decision", e.decision.as_str()),
    }
}

/// Where one statement goes: "`Sid` to a new identity-based policy".
fn place(p: &Placement) -> Msg {
    if p.new_policy {
        Msg::new("fix.place.new")
            .arg("sid", &p.sid)
            .phrase("kind", p.policy_kind.noun())
    } else if p.policy_kind == PolicyKind::Scp {
        Msg::new("fix.place.scp-level")
            .arg("sid", &p.sid)
            .arg("level", p.policy_index + 1)
    } else {
        Msg::new("fix.place.existing")
            .arg("sid", &p.sid)
            .phrase("kind", p.policy_kind.noun())
    }
}

/// The sentence `key_one` / `key_other` (one statement or several) with the places, the first
/// statement's reason and the outcome filled in.
fn with_placements(fix: &RequestFix, key_one: &'static str, key_other: &'static str) -> Msg {
    let places: Vec<Msg> = fix.placements.iter().map(place).collect();
    let joined = match places.split_last() {
        None => Msg::new("list.one").arg("item", ""),
        Some((one, [])) => one.clone(),
        Some((last, rest)) => Msg::new("list.and")
            .phrases("items", rest.to_vec())
            .phrase("last", last.clone()),
    };
    let why = fix
        .placements
        .first()
        .and_then(|p| p.why_msg.clone())
        .unwrap_or_else(|| Msg::new("list.one").arg("item", ""));
    Msg::new(if fix.placements.len() == 1 {
        key_one
    } else {
        key_other
    })
    .phrase("places", joined)
    .phrase("why", why)
    .phrase("outcome", outcome(fix))
}

fn outcome(fix: &RequestFix) -> Msg {
    match (fix.verified, fix.decision_after) {
        (true, _) => Msg::new("fix.outcome.allowed"),
        (false, Some(d)) => Msg::new("fix.outcome.still").arg("decision", d.as_str()),
        (false, None) => Msg::new("fix.outcome.still-denied"),
    }
}

/// The one-line explanation of a request's fix.
pub fn explanation(fix: &RequestFix) -> Msg {
    match fix.kind {
        FixKind::Allowed => Msg::new("fix.allowed"),
        FixKind::AddStatements => with_placements(fix, "fix.add.one", "fix.add.other"),
        FixKind::CorrectAction => correct_action(fix),
        FixKind::ExplicitDeny => {
            let denies = statements_phrase(&fix.deny_statements);
            match &fix.expected {
                Some(e) => match &e.because {
                    Some(b) => Msg::new("fix.explicit-deny.expected.because").arg("because", b),
                    None => Msg::new("fix.explicit-deny.expected"),
                }
                .arg("decision", e.decision.as_str()),
                None => Msg::new("fix.explicit-deny"),
            }
            .phrase("denies", denies)
        }
        FixKind::ProtectsYou => {
            let s = fix
                .protection
                .as_ref()
                .map(protection)
                .unwrap_or_else(|| Msg::new("list.one").arg("item", ""));
            match fix.expected.as_ref().and_then(|e| e.because.as_ref()) {
                Some(because) => Msg::new("fix.then").phrase("first", s).arg("next", because),
                None => s,
            }
        }
        FixKind::ExpectedDenial => fix
            .expected
            .as_ref()
            .map(expected_lesson)
            .unwrap_or_else(|| Msg::new("list.one").arg("item", "")),
        FixKind::NoFix => match fix.no_fix {
            Some(NoFixReason::NoLayerToChange) | None => Msg::new("fix.no-fix"),
            Some(NoFixReason::ResourceControlPolicy) => Msg::new("fix.no-fix.rcp"),
        },
    }
}

fn correct_action(fix: &RequestFix) -> Msg {
    let (from, to) = fix
        .correction
        .as_ref()
        .map(|c| (c.from.as_str(), c.to.as_str()))
        .unwrap_or_default();
    let msg = if fix.placements.is_empty() {
        Msg::new("fix.correct-action").phrase("outcome", outcome(fix))
    } else {
        with_placements(
            fix,
            "fix.correct-action.add.one",
            "fix.correct-action.add.other",
        )
    };
    msg.arg("from", from).arg("to", to)
}
