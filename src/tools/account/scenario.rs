//! Writing a principal's scenario: its policies in force, named as in the account, and the
//! request when one is given.

use super::{Account, DocText, Document, EntityKind, Principal};
use crate::i18n::{Lang, Msg, Text};
use crate::model::ContextValue;
use crate::parse::json;
use crate::tools::ordered_json::J;

/// The request of a principal's scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestSpec {
    /// The action (`iam:PassRole`).
    pub action: String,
    /// The resource ARN (or `*`).
    pub resource: String,
    /// Context keys given by the user, in order; they win over the principal's tags.
    pub context: Vec<(String, ContextValue)>,
}

/// `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`: the requests
/// a role's trust policy decides, as the resource-based policy ("Policy evaluation logic":
/// role trust policies must allow even within the account).
pub fn is_assume_role(action: &str) -> bool {
    [
        "sts:AssumeRole",
        "sts:AssumeRoleWithWebIdentity",
        "sts:AssumeRoleWithSAML",
    ]
    .iter()
    .any(|a| a.eq_ignore_ascii_case(action))
}

/// The document as a scenario's `POLICY`: `{"managed": name}` when the built-in snapshot
/// holds the same version, else `{"name": ..., "document": ...}`.
pub(super) fn policy_entry(account: &Account, doc: &Document) -> Option<J> {
    if let Some(name) = &doc.managed_name {
        return Some(J::obj([("managed", J::str(name.clone()))]));
    }
    let parsed = match &doc.text {
        DocText::File(span) => json::parse(span.text(account.text())).ok()?,
        DocText::Decoded(text) => json::parse(text).ok()?,
        DocText::Snapshot => return None,
    };
    Some(J::obj([
        ("name", J::str(doc.name.clone())),
        ("document", J::from_json(&parsed)),
    ]))
}

/// The request context of a principal: its tags as `aws:PrincipalTag/<key>` ("AWS global
/// condition context keys": the tags attached to the principal making the request), then the
/// keys given, which win.
pub(super) fn principal_context(
    tags: &[(String, String)],
    given: &[(String, ContextValue)],
) -> Vec<(String, ContextValue)> {
    let mut out: Vec<(String, ContextValue)> = tags
        .iter()
        .map(|(k, v)| {
            (
                format!("aws:PrincipalTag/{k}"),
                ContextValue::Single(v.clone()),
            )
        })
        .filter(|(k, _)| !given.iter().any(|(g, _)| g.eq_ignore_ascii_case(k)))
        .collect();
    out.extend(given.iter().cloned());
    out
}

fn context_value(v: &ContextValue) -> J {
    match v {
        ContextValue::Single(s) => J::str(s.clone()),
        ContextValue::Multi(list) => J::Arr(list.iter().cloned().map(J::Str).collect()),
    }
}

/// A principal's scenario (its policies in force, the request when given) as JSON text,
/// and notes on what it could not hold.
pub(super) fn write(
    account: &Account,
    index: usize,
    request: Option<&RequestSpec>,
    lang: Lang,
) -> (String, Vec<String>) {
    let Some(p) = account.principals.get(index) else {
        return (
            String::new(),
            vec![Msg::new("account.scenario.no-principal").render(lang)],
        );
    };
    let in_force = account.in_force(index);
    let mut notes = in_force.left_out.clone();
    let usable = |id: usize| account.document(id).filter(|d| d.policy.is_some());

    let identity: Vec<J> = in_force
        .identity
        .iter()
        .filter_map(|x| usable(x.doc))
        .filter_map(|d| policy_entry(account, d))
        .collect();
    let mut policies = J::obj([("identity", J::Arr(identity))]);
    if let Some(b) = in_force
        .boundary
        .and_then(usable)
        .and_then(|d| policy_entry(account, d))
    {
        policies.push("permissionsBoundary", b);
    }

    let mut scenario = J::obj([("name", J::str(name(account, p).render(lang)))]);
    scenario.push(
        "description",
        J::str(description(p, &in_force.left_out, lang)),
    );
    let req = request_entry(account, p, request, &mut policies, &mut notes);
    // `policies` before `request`, as people write scenarios.
    scenario.push("policies", policies);
    scenario.push("request", req);
    let notes = notes.iter().map(|m| m.render(lang)).collect();
    (scenario.pretty("  ", 0) + "\n", notes)
}

/// The scenario's name: the principal, its kind and its account.
fn name(account: &Account, p: &Principal) -> Msg {
    let in_account: Text = match account.account_id.as_deref() {
        Some(id) => id.into(),
        None => Msg::new("account.scenario.unknown-account").into(),
    };
    Msg::new("account.scenario.name")
        .arg("name", &p.name)
        .phrase("kind", kind_word(p.kind))
        .text("account", in_account)
}

/// "user" or "role", in the sentence's language.
pub(super) fn kind_word(kind: EntityKind) -> Msg {
    Msg::new(match kind {
        EntityKind::User => "account.kind.user",
        EntityKind::Role => "account.kind.role",
    })
}

/// The scenario's description: whose policies, from where, and what was left out.
fn description(p: &Principal, left_out: &[Msg], lang: Lang) -> String {
    let whose = match p.kind {
        EntityKind::User if !p.groups.is_empty() => Msg::new(if p.groups.len() == 1 {
            "account.scenario.description-groups.one"
        } else {
            "account.scenario.description-groups.other"
        })
        .list("groups", p.groups.clone()),
        _ => Msg::new("account.scenario.description"),
    };
    let mut description = whose.arg("arn", &p.arn).render(lang);
    for n in left_out {
        let item = Msg::new("account.scenario.left-out").phrase("item", n.clone());
        description.push_str(&item.render(lang));
    }
    description
}

/// The scenario's request: the principal, the action and resource when given, its tags and
/// the given keys as context. A role assumption adds the role's trust policy as the
/// resource-based policy.
fn request_entry(
    account: &Account,
    p: &Principal,
    request: Option<&RequestSpec>,
    policies: &mut J,
    notes: &mut Vec<Msg>,
) -> J {
    let mut req = J::obj([("principal", J::str(p.arn.clone()))]);
    let given = request.map_or(&[][..], |r| r.context.as_slice());
    if let Some(r) = request {
        req.push("action", J::str(r.action.clone()));
        req.push("resource", J::str(r.resource.clone()));
        if is_assume_role(&r.action) {
            add_trust_policy(account, &r.resource, policies, notes);
        }
    } else {
        notes.push(Msg::new("account.scenario.no-request"));
    }
    let context = principal_context(&p.tags, given);
    if !context.is_empty() {
        req.push(
            "context",
            J::Obj(
                context
                    .iter()
                    .map(|(k, v)| (k.clone(), context_value(v)))
                    .collect(),
            ),
        );
    }
    req
}

/// The trust policy of the role `resource` as the resource-based policy, or a note why not.
fn add_trust_policy(account: &Account, resource: &str, policies: &mut J, notes: &mut Vec<Msg>) {
    let role = account
        .principals
        .iter()
        .find(|q| q.kind == EntityKind::Role && q.arn == resource);
    let trust = role
        .and_then(|q| q.trust)
        .and_then(|id| account.document(id))
        .filter(|d| d.policy.is_some());
    match trust {
        Some(trust) => {
            if let Some(entry) = policy_entry(account, trust) {
                policies.push("resource", entry);
            }
        }
        None if role.is_some() => {
            notes.push(Msg::new("account.scenario.trust-unreadable").arg("resource", resource))
        }
        None => notes.push(Msg::new("account.scenario.not-a-role").arg("resource", resource)),
    }
}
