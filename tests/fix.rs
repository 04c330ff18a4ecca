//! Fix suggestions: for every implicitly denied request of the corpus (asked as an open
//! question, without its `expect`), the suggested statements, applied, allow it (checked by
//! evaluating again), unless the denial protects the principal; with its `expect`, a denial the
//! corpus expects is its lesson; explicit denies point at their Deny statements; PassRole fixes
//! name the role and the service; the PassRole story works end to end from its decoded message.
#![cfg(test)]

mod common;

use std::path::PathBuf;

use common::collect;

use iam_playground::answer::result::{LayerKind, Status};
use iam_playground::model::{Decision, PolicyKind};
use iam_playground::tools::fix::{suggest_fixes, FixKind};
use iam_playground::tools::text_edit::apply_all;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// The scenario without its `expect`: the same question, asked by someone who wants it fixed.
fn without_expect(text: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    if let Some(o) = v.as_object_mut() {
        o.remove("expect");
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// A file of the repository, without its `expect`.
fn open_question(rel: &str) -> String {
    without_expect(&read(rel))
}

fn decision_of(text: &str, index: usize) -> Decision {
    let a = iam_playground::evaluate(text);
    assert_eq!(a.status, Status::Evaluated, "{:?}", a.diagnostics);
    a.requests[index].decision
}

/// Every implicit deny of the corpus, asked without its `expect`, gets a fix (or is a denial
/// that protects the principal), and the fix, applied to the original text by its edit and
/// evaluated again, allows the request. With its `expect`, every expected implicit deny is the
/// scenario's lesson (or protects the principal): no statement is offered.
#[test]
fn every_implicit_deny_in_the_corpus_is_fixed_and_verified() {
    let mut files = Vec::new();
    collect(&root().join("tests/corpus"), &mut files);
    let (mut fixed, mut explicit, mut protective, mut lessons) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for f in &files {
        // The files that are not UTF-8 (`invalid/not-utf8-*`) are read by tests/corpus.rs.
        let Ok(original) = std::fs::read_to_string(f) else {
            continue;
        };
        let rel = f.strip_prefix(root()).unwrap().display().to_string();
        for r in &suggest_fixes(&original).requests {
            match r.kind {
                FixKind::ExpectedDenial => lessons += 1,
                FixKind::AddStatements | FixKind::CorrectAction
                    if r.expected.as_ref().is_some_and(|e| !e.fixable) =>
                {
                    failures.push(format!("{rel} #{}: fixed an expected denial", r.index));
                }
                _ => {}
            }
        }
        let text = without_expect(&original);
        let report = suggest_fixes(&text);
        for r in &report.requests {
            if r.kind == FixKind::ProtectsYou {
                protective += 1;
                if !r.edits.is_empty() || !r.placements.is_empty() || r.protection.is_none() {
                    failures.push(format!(
                        "{rel} #{}: a protective denial with a fix",
                        r.index
                    ));
                }
                continue;
            }
            match r.decision {
                Decision::Allow => assert_eq!(r.kind, FixKind::Allowed, "{rel}"),
                Decision::ExplicitDeny => {
                    explicit += 1;
                    if r.kind != FixKind::ExplicitDeny
                        || r.deny_statements.is_empty()
                        || !r.edits.is_empty()
                    {
                        failures.push(format!(
                            "{rel} #{}: explicit deny reported as {:?}",
                            r.index, r.kind
                        ));
                    }
                    if !r.explanation.contains("no Allow can override") {
                        failures.push(format!("{rel} #{}: {}", r.index, r.explanation));
                    }
                }
                Decision::ImplicitDeny => {
                    if r.kind != FixKind::AddStatements || !r.verified {
                        failures.push(format!(
                            "{rel} #{}: {:?} {}",
                            r.index, r.kind, r.explanation
                        ));
                        continue;
                    }
                    // Independently: the edit applied to the original text allows the request.
                    let edits: Vec<_> = r.edits.iter().map(|e| e.edit.clone()).collect();
                    let applied = apply_all(&text, &edits).unwrap();
                    assert_eq!(Some(&applied), r.fixed_scenario.as_ref(), "{rel}");
                    if decision_of(&applied, r.index) != Decision::Allow {
                        failures.push(format!("{rel} #{}: not allowed after the edit", r.index));
                    }
                    // The original text outside the edit is kept byte for byte.
                    let e = &edits[0];
                    assert!(
                        applied.starts_with(&text[..e.start]) && applied.ends_with(&text[e.end..])
                    );
                    fixed += 1;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The corpus has more than a hundred implicit denies and fifty explicit ones.
    assert!(fixed >= 100, "only {fixed} implicit denies fixed");
    assert!(explicit >= 40, "only {explicit} explicit denies");
    assert!(protective >= 1, "no protective denial in the corpus");
    assert!(
        lessons >= 100,
        "only {lessons} expected denials read as lessons"
    );
}

/// The blocking layer, the kind of policy that receives the statement, and whether it is new.
type Where = (LayerKind, PolicyKind, bool);

/// Where the statements go, per blocking layer (IAM User Guide, "Policy evaluation logic").
#[test]
fn statements_go_where_the_layer_that_blocked_is() {
    #[rustfmt::skip]
    let cases: &[(&str, &[Where])] = &[
        ("tests/fixtures/fix/passrole-1-ec2-full-access-only.json", &[(LayerKind::Identity, PolicyKind::Identity, true)]),
        ("tests/corpus/boundary/boundary-resource-scoped.json", &[(LayerKind::PermissionsBoundary, PolicyKind::PermissionsBoundary, false)]),
        ("tests/corpus/boundary/boundary-alone-grants-nothing.json", &[(LayerKind::Identity, PolicyKind::Identity, true)]),
        ("tests/corpus/session/session-policy-does-not-allow.json", &[(LayerKind::Session, PolicyKind::Session, false)]),
        ("tests/corpus/session/federated-user-without-session-policy.json", &[(LayerKind::Session, PolicyKind::Session, true)]),
        ("tests/corpus/scp/one-level-lacks-allow.json", &[(LayerKind::Scp, PolicyKind::Scp, false)]),
        ("tests/corpus/must-allow/trust-policy-must-allow-identity-not-enough.json", &[(LayerKind::Resource, PolicyKind::Resource, false)]),
        ("tests/corpus/must-allow/kms-key-policy-must-allow.json", &[(LayerKind::Resource, PolicyKind::Resource, false)]),
        ("tests/corpus/cross-account/identity-allows-no-resource-policy.json", &[(LayerKind::Resource, PolicyKind::Resource, true)]),
    ];
    for (file, expected) in cases {
        let report = suggest_fixes(&open_question(file));
        let r = &report.requests[0];
        let got: Vec<Where> = r
            .placements
            .iter()
            .map(|p| (p.layer, p.policy_kind, p.new_policy))
            .collect();
        assert_eq!(&got, expected, "{file}: {}", r.explanation);
        assert!(r.verified, "{file}");
    }
}

#[test]
fn a_trust_policy_statement_names_the_principal_and_no_resource() {
    let report = suggest_fixes(&open_question(
        "tests/corpus/must-allow/trust-policy-must-allow-identity-not-enough.json",
    ));
    let s = &report.requests[0].placements[0].statement;
    assert!(s.contains("\"Principal\""), "{s}");
    assert!(!s.contains("\"Resource\""), "{s}");
    assert!(report.requests[0].placements[0]
        .why
        .contains("trust policy"));
}

#[test]
fn a_cross_account_fix_names_the_caller_in_the_resource_policy() {
    let report = suggest_fixes(&open_question(
        "tests/corpus/cross-account/identity-allows-no-resource-policy.json",
    ));
    let p = &report.requests[0].placements[0];
    assert!(
        p.statement
            .contains("\"AWS\": \"arn:aws:iam::444455556666:user/carol\""),
        "{}",
        p.statement
    );
    assert!(p.why.contains("cross-account"), "{}", p.why);
}

/// The issue's acceptance story: paste the decoded message, see the failed iam:PassRole
/// check, apply the suggested fix, see Allow.
#[test]
fn the_passrole_story_end_to_end_from_the_decoded_message() {
    let pasted = read("tests/fixtures/import/decoded-cli.json");
    let imported = iam_playground::tools::import::import_artifact(&pasted);
    let scenario = imported.scenario.unwrap();
    assert_eq!(
        scenario,
        read("tests/fixtures/fix/passrole-story-decoded.json")
    );
    let answer = iam_playground::evaluate(&scenario);
    assert_eq!(answer.requests[0].request.action, "iam:PassRole");
    assert_eq!(answer.requests[0].decision, Decision::ImplicitDeny);
    assert!(answer.requests[0].pass_role_note.is_some());

    let report = suggest_fixes(&scenario);
    let fix = &report.requests[0];
    assert_eq!(fix.kind, FixKind::AddStatements);
    let statement: serde_json::Value = serde_json::from_str(&fix.placements[0].statement).unwrap();
    assert_eq!(
        statement,
        serde_json::json!({
            "Sid": "AllowIamPassRole",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
            "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
        })
    );
    // One line per condition, naming the service.
    let lines = &fix.placements[0].conditions;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].key, "iam:PassedToService");
    assert!(
        lines[0]
            .message
            .contains("may be passed only to `ec2.amazonaws.com`"),
        "{}",
        lines[0].message
    );
    let applied = fix.edits[0].edit.apply(&scenario).unwrap();
    assert_eq!(decision_of(&applied, 0), Decision::Allow);
    assert!(
        fix.diff
            .contains("+              \"Action\": \"iam:PassRole\","),
        "{}",
        fix.diff
    );
}

/// With iam:AssociatedResourceARN in the request, the statement limits the instances too (the
/// instance ID is not known before launch, so every instance of the Region and account).
#[test]
fn passrole_fixes_name_the_role_the_service_and_the_instances() {
    let report = suggest_fixes(&open_question(
        "tests/fixtures/fix/passrole-1-ec2-full-access-only.json",
    ));
    let conditions: Vec<&str> = report.requests[0].placements[0]
        .conditions
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(
        conditions,
        ["iam:PassedToService", "iam:AssociatedResourceARN"]
    );
    assert!(report.requests[0].placements[0].conditions[1]
        .message
        .contains("an instance's ID is not known before it is launched"));
    let s: serde_json::Value =
        serde_json::from_str(&report.requests[0].placements[0].statement).unwrap();
    assert_eq!(
        s["Resource"],
        "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"
    );
    assert_eq!(
        s["Condition"]["StringEquals"]["iam:PassedToService"],
        "ec2.amazonaws.com"
    );
    assert_eq!(
        s["Condition"]["ArnLike"]["iam:AssociatedResourceARN"],
        "arn:aws:ec2:us-east-1:111122223333:instance/*"
    );
    // A PassRole request on `*` gets no statement: passing any role protects the account.
    let text = r#"{"policies": {"identity": []}, "request": {"principal": "arn:aws:iam::111122223333:user/u",
        "action": "iam:PassRole", "resource": "*", "context": {"iam:PassedToService": "ec2.amazonaws.com"}}}"#;
    let r = &suggest_fixes(text).requests[0];
    assert_eq!(r.kind, FixKind::ProtectsYou);
    assert!(
        r.explanation
            .contains("allow passing the named roles a service needs"),
        "{}",
        r.explanation
    );
}

#[test]
fn near_misses_say_what_differed_nearest_first() {
    let report = suggest_fixes(&open_question(
        "tests/fixtures/fix/passrole-4-narrowed-lambda-denied.json",
    ));
    let r = &report.requests[0];
    let first = &r.near_misses[0];
    assert_eq!(first.statement.sid.as_deref(), Some("PassRoleToEc2Only"));
    assert_eq!(first.score, 2);
    let keys: Vec<&str> = first
        .differences
        .iter()
        .filter_map(|d| d.key.as_deref())
        .collect();
    assert_eq!(keys, ["iam:PassedToService", "iam:AssociatedResourceARN"]);
    assert!(first.differences[0].detail.contains(
        "the request has `lambda.amazonaws.com`, the statement wants `ec2.amazonaws.com`"
    ));
    // Statements of other services are not near (EC2All covers ec2:*, not iam:PassRole).
    assert!(r
        .near_misses
        .iter()
        .all(|m| m.statement.sid.as_deref() != Some("EC2All")));
    // The note says the new statement bypasses the failed conditions.
    assert!(
        r.notes
            .iter()
            .any(|n| n.message.contains("`PassRoleToEc2Only`") && n.message.contains("conditions")),
        "{:?}",
        r.notes
    );

    // A typo in the action is a near miss that says so.
    let typo = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [
        {"Sid": "Typo", "Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"},
        {"Sid": "OtherBucket", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}]}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/k"}}"#;
    let r = &suggest_fixes(typo).requests[0];
    let sids: Vec<_> = r
        .near_misses
        .iter()
        .map(|m| (m.statement.sid.clone().unwrap(), m.score))
        .collect();
    // Equally near: in the order written.
    assert_eq!(
        sids,
        [("Typo".to_string(), 2), ("OtherBucket".to_string(), 2)]
    );
    assert!(r.near_misses[0].differences[0]
        .detail
        .contains("`s3:GetObjet` is not `s3:GetObject`; a typo?"));
    assert_eq!(r.near_misses[1].differences[0].element, "Resource");
}

#[test]
fn the_users_formatting_is_kept() {
    // Four-space indentation: the new lines use four spaces.
    let four = "{\n    \"policies\": {\n        \"identity\": [\n            {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"*\"}]}\n        ]\n    },\n    \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/u\", \"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\"}\n}\n";
    let r = &suggest_fixes(four).requests[0];
    let fixed = r.fixed_scenario.as_ref().unwrap();
    assert!(
        fixed.contains("\n            {\n                \"name\": \"Allow s3:GetObject on k\","),
        "{fixed}"
    );
    // A one-line scenario stays on one line.
    let one = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}]}, "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}"#;
    let r = &suggest_fixes(one).requests[0];
    assert!(r.verified);
    assert!(!r.fixed_scenario.as_ref().unwrap().contains('\n'));
    // A lone statement object becomes a list; a document held in a string stays a string.
    let lone = r#"{"policies": {"permissionsBoundary": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}},
      "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}"#;
    assert!(suggest_fixes(lone).requests[0].verified);
    let string_doc = r#"{"policies": {"permissionsBoundary": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}]}",
      "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}"#;
    let r = &suggest_fixes(string_doc).requests[0];
    assert!(r.verified);
    assert!(r
        .fixed_scenario
        .as_ref()
        .unwrap()
        .contains(r#""permissionsBoundary": "{\"#));
}

#[test]
fn several_denied_requests_get_one_combined_fix() {
    let text = read("tests/fixtures/fix/passrole-story-decoded.json").replace(
        "\"request\": {",
        "\"requests\": [{\"principal\": \"arn:aws:iam::111122223333:user/test-user\", \"action\": \"ec2:RunInstances\", \"resource\": \"arn:aws:ec2:us-east-1:111122223333:instance/*\"}, {",
    );
    let text = {
        // Close the list after the second request.
        let at = text.rfind('}').unwrap();
        format!("{}]\n}}\n", text[..at].trim_end())
    };
    let report = suggest_fixes(&text);
    assert_eq!(report.requests.len(), 2);
    let c = report.combined.as_ref().unwrap();
    assert!(c.verified);
    assert_eq!(c.decisions_after, [Decision::Allow, Decision::Allow]);
    assert!(c.diff.contains("AllowEc2RunInstances") && c.diff.contains("AllowIamPassRole"));
}

#[test]
fn invalid_scenarios_get_no_suggestions() {
    let report = suggest_fixes("{\"policies\": ");
    assert_eq!(report.status, Status::Invalid);
    assert!(report.requests.is_empty());
}
