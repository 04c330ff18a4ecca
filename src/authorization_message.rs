//! The answer in the shape of a decoded authorization failure message, as
//! `aws sts decode-authorization-message` prints it (STS API reference,
//! "DecodeAuthorizationMessage"), so a learner can hold the playground's answer beside AWS's.
//!
//! ```json
//! {"allowed": false, "explicitDeny": false,
//!  "matchedStatements": {"items": []}, "failures": {"items": []},
//!  "context": {"principal": {"id": "...", "name": "test-user", "arn": "arn:aws:iam::..."},
//!              "action": "iam:PassRole", "resource": "arn:aws:iam::...:role/...",
//!              "conditions": {"items": [{"key": "aws:Region",
//!                                        "values": {"items": [{"value": "us-east-1"}]}}]}}}
//! ```

use serde_json::{json, Map, Value};

use crate::decision::Decided;
use crate::model::{Decision, Effect, Request, Scenario};
use crate::principal::PrincipalKind;

fn items(values: impl IntoIterator<Item = String>) -> Value {
    json!({ "items": values.into_iter().map(|v| json!({ "value": v })).collect::<Vec<_>>() })
}

/// Renders the decided request as a decoded authorization message.
pub fn render(scenario: &Scenario, request: &Request, decided: &Decided) -> Value {
    let matched: Vec<Value> = decided
        .matched
        .iter()
        .filter(|s| decided.decision != Decision::Allow || s.effect == Effect::Allow)
        .filter_map(|s| {
            let policy = scenario.policies.iter().find(|p| {
                p.kind == s.policy.kind && p.index == s.policy.index && p.position == s.policy.position
            })?;
            let stmt = policy.statements.get(s.statement_index)?;
            let principals: Vec<String> = match &stmt.principal {
                Some(el) => el
                    .entries
                    .iter()
                    .map(|e| match e {
                        crate::model::PrincipalEntry::Any(_) => "*".to_string(),
                        crate::model::PrincipalEntry::Aws(v)
                        | crate::model::PrincipalEntry::Service(v)
                        | crate::model::PrincipalEntry::Federated(v)
                        | crate::model::PrincipalEntry::CanonicalUser(v) => v.value.clone(),
                    })
                    .collect(),
                None => Vec::new(),
            };
            let conditions: Vec<Value> = stmt
                .conditions
                .iter()
                .flat_map(|b| {
                    b.entries.iter().map(move |e| {
                        json!({
                            "key": format!("{}:{}", b.operator.value.name(), e.key.value),
                            "values": items(e.values.iter().map(|v| v.value.clone())),
                        })
                    })
                })
                .collect();
            Some(json!({
                "statementId": s.sid.clone().unwrap_or_default(),
                "effect": match s.effect { Effect::Allow => "ALLOW", Effect::Deny => "DENY" },
                "principals": items(principals),
                "principalGroups": items(Vec::new()),
                "actions": items(stmt.action.patterns.iter().map(|p| p.value.clone())),
                "resources": items(stmt.resource.as_ref().map(|r| r.patterns.iter().map(|p| p.value.clone()).collect()).unwrap_or_else(|| vec!["*".to_string()])),
                "conditions": { "items": conditions },
            }))
        })
        .collect();

    let mut principal = Map::new();
    if let Some(id) = decided.context.single("aws:userid") {
        principal.insert("id".into(), Value::String(id));
    }
    let name = match decided.principal.kind {
        PrincipalKind::User | PrincipalKind::FederatedUser | PrincipalKind::Role | PrincipalKind::AssumedRole => {
            decided.principal.name.clone()
        }
        _ => None,
    };
    if let Some(n) = name {
        principal.insert("name".into(), Value::String(n));
    }
    principal.insert("arn".into(), Value::String(decided.principal.text.clone()));

    let conditions: Vec<Value> = decided
        .context
        .items()
        .iter()
        .map(|i| json!({ "key": i.key, "values": items(i.value.values().iter().cloned()) }))
        .collect();

    json!({
        "allowed": decided.decision == Decision::Allow,
        "explicitDeny": decided.decision == Decision::ExplicitDeny,
        "matchedStatements": { "items": matched },
        "failures": { "items": [] },
        "context": {
            "principal": principal,
            "action": request.action.value,
            "resource": request.resource.value,
            "conditions": { "items": conditions },
        },
    })
}
