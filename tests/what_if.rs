//! What-if switches: policies and statements switched off without deleting them.
#![cfg(test)]

use iam_playground::answer::result::{LayerKind, LayerStatus, Status};
use iam_playground::model::Decision;

const BASE: &str = r#"{
  "name": "what-if base",
  "policies": {
    "identity": [
      {"name": "s3 read", "document": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/secret/*"}
      ]}}
    ],
    "permissionsBoundary": {"Version": "2012-10-17", "Statement": [
      {"Sid": "OnlyEc2", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"}
    ]}
  },
  "request": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::bucket/secret/plan.txt",
    "context": {"aws:SourceIp": "203.0.113.5"}
  }
}"#;

fn with_switches(switches: &str) -> String {
    let end = BASE.rfind('}').unwrap();
    format!(
        "{},\n  \"whatIf\": {{\"disabled\": [{switches}]}}\n}}",
        &BASE[..end].trim_end()
    )
}

fn decision(text: &str) -> Option<Decision> {
    let answer = iam_playground::evaluate(text);
    assert_eq!(answer.status, Status::Evaluated, "{:?}", answer.diagnostics);
    answer.decision
}

#[test]
fn switches_change_the_decision_one_layer_at_a_time() {
    // (switches, expected decision): one line per case.
    let cases: &[(&str, Decision)] = &[
        ("", Decision::ExplicitDeny),
        (
            r#"{"kind": "identity", "index": 0, "statement": 1}"#,
            Decision::ImplicitDeny,
        ),
        (
            r#"{"kind": "identity", "index": 0, "statement": 1}, {"kind": "permissionsBoundary"}"#,
            Decision::Allow,
        ),
        (
            r#"{"kind": "identity", "index": 0}"#,
            Decision::ImplicitDeny,
        ),
        (
            r#"{"kind": "permissionsBoundary", "statement": 0}"#,
            Decision::ExplicitDeny,
        ),
    ];
    for (switches, expected) in cases {
        let text = with_switches(switches);
        assert_eq!(decision(&text), Some(*expected), "switches: {switches}");
    }
}

#[test]
fn a_switched_off_boundary_is_no_boundary_but_a_boundary_without_statements_allows_nothing() {
    let off = with_switches(
        r#"{"kind": "identity", "index": 0, "statement": 1}, {"kind": "permissionsBoundary"}"#,
    );
    let answer = iam_playground::evaluate(&off);
    let boundary = answer.requests[0]
        .layers
        .iter()
        .find(|l| l.layer == LayerKind::PermissionsBoundary)
        .unwrap();
    assert_eq!(boundary.status, LayerStatus::NotApplicable);

    let emptied = with_switches(
        r#"{"kind": "identity", "index": 0, "statement": 1}, {"kind": "permissionsBoundary", "statement": 0}"#,
    );
    let answer = iam_playground::evaluate(&emptied);
    assert_eq!(answer.decision, Some(Decision::ImplicitDeny));
    assert_eq!(
        answer.requests[0].decided_by,
        LayerKind::PermissionsBoundary
    );
}

#[test]
fn switched_off_statements_are_explained_apart() {
    let text = with_switches(r#"{"kind": "identity", "index": 0, "statement": 1}"#);
    let answer = iam_playground::evaluate(&text);
    let r = &answer.requests[0];
    let sids: Vec<_> = r
        .disabled_statements
        .iter()
        .map(|s| s.statement.sid.clone().unwrap())
        .collect();
    assert_eq!(sids, ["NoSecrets"]);
    // Explained as if on: it would apply.
    assert!(r.disabled_statements[0].applies);
    assert!(!r
        .statements
        .iter()
        .any(|s| s.statement.sid.as_deref() == Some("NoSecrets")));
    // A whole policy switched off is marked in the policy list.
    let text = with_switches(r#"{"kind": "identity", "index": 0}"#);
    let answer = iam_playground::evaluate(&text);
    assert!(answer.policies[0].disabled);
    assert!(!answer.policies[1].disabled);
    assert_eq!(answer.requests[0].disabled_statements.len(), 2);
}

#[test]
fn a_switch_that_names_nothing_is_a_warning() {
    let text = with_switches(
        r#"{"kind": "identity", "index": 3}, {"kind": "identity", "index": 0, "statement": 9}"#,
    );
    let answer = iam_playground::evaluate(&text);
    assert_eq!(answer.status, Status::Evaluated);
    let codes: Vec<_> = answer
        .diagnostics
        .iter()
        .filter(|d| d.code == "what-if-no-target")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(codes[0].contains("identity-based policy 4"), "{}", codes[0]);
    assert!(codes[1].contains("statement 10"), "{}", codes[1]);
}

#[test]
fn malformed_switches_are_errors_with_help() {
    // (switches, code, a word of the help): one line per case.
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{"kind": "identiy"}"#,
            "invalid-value",
            "did you mean `identity`?",
        ),
        (r#"{"index": 0}"#, "missing-member", "kind"),
        (
            r#"{"kind": "identity", "index": -1}"#,
            "wrong-type",
            "counts from 0",
        ),
        (
            r#"{"kind": "identity", "position": 0}"#,
            "invalid-value",
            "SCP",
        ),
        (
            r#"{"kind": "identity", "statment": 0}"#,
            "unknown-member",
            "did you mean `statement`?",
        ),
        (r#""identity""#, "wrong-type", ""),
    ];
    for (switches, code, help) in cases {
        let answer = iam_playground::evaluate(&with_switches(switches));
        assert_eq!(answer.status, Status::Invalid, "{switches}");
        let d = answer
            .diagnostics
            .iter()
            .find(|d| d.code == *code)
            .unwrap_or_else(|| panic!("{switches}: no `{code}` in {:?}", answer.diagnostics));
        assert!(
            d.help.as_deref().unwrap_or("").contains(help),
            "{switches}: {:?}",
            d.help
        );
        assert!(d
            .path
            .as_deref()
            .unwrap_or("")
            .starts_with("/whatIf/disabled/0"));
    }
}
