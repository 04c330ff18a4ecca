//! `{"managed": "Name"}`: an AWS managed policy by name evaluates exactly as its pasted
//! document does, and is a clear error without the data or with a wrong name.
#![cfg(test)]

use iam_playground::answer::result::{Answer, Status};
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::{evaluate, evaluate_with, AwsData};

fn managed() -> &'static ManagedPolicies {
    static M: std::sync::OnceLock<ManagedPolicies> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        ManagedPolicies::from_json(include_str!("../data/managed-policies.json")).unwrap()
    })
}

fn data() -> AwsData<'static> {
    AwsData {
        catalog: None,
        managed: Some(managed()),
    }
}

/// The PassRole story: a user with AmazonEC2FullAccess launches an instance with a role.
fn passrole_story(policy: &str) -> String {
    format!(
        r#"{{
  "name": "EC2 full access by name",
  "policies": {{"identity": [{policy},
    {{"Version": "2012-10-17", "Statement": [{{"Sid": "PassAppRole", "Effect": "Allow",
      "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-role",
      "Condition": {{"StringEquals": {{"iam:PassedToService": "ec2.amazonaws.com"}}}}}}]}}]}},
  "requests": [
    {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:RunInstances",
      "resource": "arn:aws:ec2:us-east-1:111122223333:instance/*"}},
    {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole",
      "resource": "arn:aws:iam::111122223333:role/app-role",
      "context": {{"iam:PassedToService": "ec2.amazonaws.com"}}}},
    {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole",
      "resource": "arn:aws:iam::111122223333:role/AdminRole",
      "context": {{"iam:PassedToService": "ec2.amazonaws.com"}}}},
    {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:CreateServiceLinkedRole",
      "resource": "arn:aws:iam::111122223333:role/aws-service-role/spot.amazonaws.com/x",
      "context": {{"iam:AWSServiceName": "spot.amazonaws.com"}}}},
    {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::bucket/key"}}
  ]
}}"#
    )
}

/// What must agree: per request, the decision, the deciding layer, and the statements that
/// decided (policy, statement index, effect).
fn outcome(a: &Answer) -> Vec<String> {
    a.requests
        .iter()
        .map(|r| {
            let matched: Vec<String> = r
                .matched_statements
                .iter()
                .map(|s| {
                    format!(
                        "{:?}#{}/{}:{:?}",
                        s.policy.kind, s.policy.index, s.statement_index, s.effect
                    )
                })
                .collect();
            format!(
                "{:?} by {:?} [{}]",
                r.decision,
                r.decided_by,
                matched.join(", ")
            )
        })
        .collect()
}

#[test]
fn amazon_ec2_full_access_by_name_evaluates_as_pasted() {
    let doc = managed().get("AmazonEC2FullAccess").unwrap().document;
    let by_name = evaluate_with(
        &passrole_story(r#"{"managed": "AmazonEC2FullAccess"}"#),
        data(),
    );
    let pasted = evaluate(&passrole_story(&format!(
        r#"{{"name": "AmazonEC2FullAccess", "document": {doc}}}"#
    )));
    assert_eq!(
        by_name.status,
        Status::Evaluated,
        "{:?}",
        by_name.diagnostics
    );
    assert_eq!(pasted.status, Status::Evaluated, "{:?}", pasted.diagnostics);
    assert_eq!(outcome(&by_name), outcome(&pasted));
    assert_eq!(by_name.decision, pasted.decision);
    // The story itself: EC2 and the narrowed PassRole are allowed, the admin role is not.
    let decisions: Vec<_> = by_name
        .requests
        .iter()
        .map(|r| r.decision.as_str())
        .collect();
    assert_eq!(
        decisions,
        ["Allow", "Allow", "ImplicitDeny", "Allow", "ImplicitDeny"]
    );
    // Results name the policy, and point at the name in the text.
    let policy = &by_name.policies[0];
    assert_eq!(policy.label, "identity-based policy 1: AmazonEC2FullAccess");
    let text = passrole_story(r#"{"managed": "AmazonEC2FullAccess"}"#);
    let loc = by_name.requests[0].matched_statements[0].location;
    assert_eq!(&text[loc.start..loc.end], "\"AmazonEC2FullAccess\"");
}

#[test]
fn managed_names_work_in_every_policy_slot() {
    let text = r#"{
      "name": "managed policies as boundary and SCP",
      "policies": {"identity": {"managed": "AdministratorAccess"},
                   "permissionsBoundary": {"managed": "ReadOnlyAccess"},
                   "scp": [{"name": "root", "policies": [{"managed": "AdministratorAccess"}]}]},
      "requests": [
        {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
        {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::b/k"}
      ]
    }"#;
    let a = evaluate_with(text, data());
    assert_eq!(a.status, Status::Evaluated, "{:?}", a.diagnostics);
    let decisions: Vec<_> = a.requests.iter().map(|r| r.decision.as_str()).collect();
    assert_eq!(decisions, ["Allow", "ImplicitDeny"]);
}

fn errors(a: &Answer) -> Vec<(String, String, Option<String>)> {
    a.diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.message.clone(), d.help.clone()))
        .collect()
}

#[test]
fn without_the_data_or_with_a_wrong_name_it_is_an_error() {
    let story = passrole_story(r#"{"managed": "AmazonEC2FullAccess"}"#);
    let a = evaluate(&story);
    assert_eq!(a.status, Status::Invalid);
    let e = errors(&a);
    assert_eq!(e[0].0, "managed-policies-not-loaded");
    assert_eq!(
        e[0].1,
        "managed policy documents are not loaded, so `AmazonEC2FullAccess` cannot be resolved"
    );
    assert_eq!(
        a.diagnostics[0].snippet.as_deref(),
        Some("\"AmazonEC2FullAccess\"")
    );

    let a = evaluate_with(
        &passrole_story(r#"{"managed": "AmazonEC2FulAccess"}"#),
        data(),
    );
    let e = errors(&a);
    assert_eq!(e[0].0, "unknown-managed-policy");
    assert_eq!(e[0].1, "`AmazonEC2FulAccess` is not an AWS managed policy");
    assert_eq!(
        e[0].2.as_deref(),
        Some("did you mean `AmazonEC2FullAccess`?")
    );
    // The correction as data (the page's one-click replace): the name's string literal.
    let d = &a.diagnostics[0];
    assert_eq!(d.snippet.as_deref(), Some("\"AmazonEC2FulAccess\""));
    assert_eq!(d.replacement.as_deref(), Some("\"AmazonEC2FullAccess\""));

    let a = evaluate_with(
        &passrole_story(r#"{"managed": "amazonec2fullaccess"}"#),
        data(),
    );
    assert_eq!(
        errors(&a)[0].2.as_deref(),
        Some("did you mean `AmazonEC2FullAccess`? managed policy names are case-sensitive")
    );

    let a = evaluate_with(
        &passrole_story(r#"{"managed": "AmazonEC2FullAccess", "document": {}}"#),
        data(),
    );
    assert_eq!(errors(&a)[0].0, "unknown-member");
    let a = evaluate_with(&passrole_story(r#"{"managed": 7}"#), data());
    assert_eq!(errors(&a)[0].0, "wrong-type");
}

/// Managed policies the parser rejects although AWS publishes them, with the code it gives.
/// (None today: `AmazonTimestreamInfluxDBServiceRolePolicy`, with `${aws:PrincipalAccount}` in
/// the account part of an ARN, was one until the parser took it as the warning
/// `variable-before-resource-part`.)
const REJECTED: &[(&str, &str)] = &[];

/// Every managed policy of the snapshot is a valid identity-based policy for the parser, so
/// naming any of them never makes a scenario invalid (except the known cases above).
#[test]
fn every_managed_policy_parses() {
    let mut failures = Vec::new();
    // A floor under the snapshot's size (1594 policies when it was set): a data file cut short
    // or a reader that stops early fails here instead of passing over nothing.
    let count = managed().iter().count();
    assert!(
        count >= 1500,
        "only {count} managed policies in the snapshot"
    );
    for p in managed().iter() {
        let text = format!(
            r#"{{"policies": {{"identity": [{{"managed": "{}"}}]}},
                "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*"}}}}"#,
            p.name
        );
        let a = evaluate_with(&text, data());
        if a.status != Status::Evaluated {
            let known = REJECTED
                .iter()
                .any(|(n, code)| *n == p.name && a.diagnostics.iter().all(|d| d.code == *code));
            if !known {
                failures.push(format!("{}: {:?}", p.name, errors(&a)));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
