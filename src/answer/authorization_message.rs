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

use crate::answer::result::StatementRef;
use crate::answer::result::{
    AuthorizationMessage, Items, KeyValues, MatchedStatement, MessageContext, MessagePrincipal,
    Value,
};
use crate::decide::decision::Decided;
use crate::decide::principal::PrincipalKind;
use crate::model::{Decision, Effect, PrincipalEntry, Request, Scenario};

fn items(values: impl IntoIterator<Item = String>) -> Items<Value> {
    Items {
        items: values.into_iter().map(|value| Value { value }).collect(),
    }
}

/// Renders the decided request as a decoded authorization message.
pub fn render(scenario: &Scenario, request: &Request, decided: &Decided) -> AuthorizationMessage {
    let matched: Vec<MatchedStatement> = decided
        .matched
        .iter()
        .filter(|s| decided.decision() != Decision::Allow || s.effect == Effect::Allow)
        .filter_map(|s| matched_statement(scenario, s))
        .collect();

    let name = match decided.principal.kind {
        PrincipalKind::User
        | PrincipalKind::FederatedUser
        | PrincipalKind::Role
        | PrincipalKind::AssumedRole => decided.principal.name.clone(),
        _ => None,
    };
    let conditions = decided
        .context
        .items()
        .iter()
        .map(|i| KeyValues {
            key: i.key.to_string(),
            values: items(i.value.values().iter().cloned()),
        })
        .collect();

    AuthorizationMessage {
        allowed: decided.decision() == Decision::Allow,
        explicit_deny: decided.decision() == Decision::ExplicitDeny,
        matched_statements: Items { items: matched },
        failures: Items { items: Vec::new() },
        context: MessageContext {
            principal: MessagePrincipal {
                id: decided.context.single("aws:userid"),
                name,
                arn: decided.principal.text.clone(),
            },
            action: request.action.value.clone(),
            resource: request.resource.value.clone(),
            conditions: Items { items: conditions },
        },
    }
}

/// A statement that decided, as `matchedStatements` lists it.
fn matched_statement(scenario: &Scenario, s: &StatementRef) -> Option<MatchedStatement> {
    let policy = scenario.policies.iter().find(|p| {
        p.kind == s.policy.kind && p.index == s.policy.index && p.position == s.policy.position
    })?;
    let stmt = policy
        .statements
        .iter()
        .find(|st| st.index == s.statement_index)?;
    let principals: Vec<String> = match &stmt.principal {
        Some(el) => el
            .entries
            .iter()
            .map(|e| match e {
                PrincipalEntry::Any(_) => "*".to_string(),
                PrincipalEntry::Aws(v)
                | PrincipalEntry::Service(v)
                | PrincipalEntry::Federated(v)
                | PrincipalEntry::CanonicalUser(v) => v.value.clone(),
            })
            .collect(),
        None => Vec::new(),
    };
    let conditions: Vec<KeyValues> = stmt
        .conditions
        .iter()
        .flat_map(|b| {
            b.entries.iter().map(move |e| KeyValues {
                key: format!("{}:{}", b.operator.value.name(), e.key.value),
                values: items(e.values.iter().map(|v| v.value.as_str().to_owned())),
            })
        })
        .collect();
    Some(MatchedStatement {
        statement_id: s.sid.clone().unwrap_or_default(),
        effect: match s.effect {
            Effect::Allow => "ALLOW",
            Effect::Deny => "DENY",
        },
        principals: items(principals),
        principal_groups: items(Vec::new()),
        actions: items(
            stmt.action
                .patterns
                .iter()
                .map(|p| p.value.as_str().to_owned()),
        ),
        resources: items(
            stmt.resource
                .as_ref()
                .map(|r| {
                    r.patterns
                        .iter()
                        .map(|p| p.value.as_str().to_owned())
                        .collect()
                })
                .unwrap_or_else(|| vec!["*".to_string()]),
        ),
        conditions: Items { items: conditions },
    })
}
