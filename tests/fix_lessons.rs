//! Fixes that teach the right lesson: a denial whose only fix would let the principal raise its
//! own rights is answered "this denial protects you" (one line per case below); a denial the
//! scenario expects is its lesson; the page's examples get no wrong-lesson fix; a request for an
//! action AWS does not have is corrected before anything is added.
#![cfg(test)]

use std::path::PathBuf;

use iam_playground::aws::catalog::Catalog;
use iam_playground::model::Decision;
use iam_playground::tools::fix::{
    suggest_fixes, suggest_fixes_with, FixKind, Note, ProtectionCode,
};
use iam_playground::AwsData;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).unwrap())
}

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/Deployer/ci";
const ROLE: &str = "arn:aws:iam::111122223333:role/Deployer";

/// A scenario of one request; `policies` is the JSON of `policies.identity`.
fn scenario(policies: &str, principal: &str, action: &str, resource: &str) -> String {
    format!(
        r#"{{"policies": {{"identity": [{policies}]}},
  "request": {{"principal": "{principal}", "action": "{action}", "resource": "{resource}"}}}}"#
    )
}

/// A policy that lets the principal manage IAM somewhere else, so that the fix, if one were
/// made, would have to extend it to the principal's own user, group or role.
const NEARBY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ManageTeam",
  "Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:user/team/*"}]}"#;

/// Each request is denied, and the only statement that would allow it lets the principal
/// raise its own rights: the answer is "this denial protects you", with the reason's code,
/// and nothing to apply.
#[test]
fn denials_that_protect_the_principal() {
    use ProtectionCode::*;
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str, ProtectionCode)] = &[
        // (policies, principal, action, resource, why)
        ("", ALICE, "iam:AttachUserPolicy", "arn:aws:iam::111122223333:user/alice", SelfPermissions),
        (NEARBY, ALICE, "iam:PutUserPolicy", "arn:aws:iam::111122223333:user/alice", SelfPermissions),
        (NEARBY, ALICE, "iam:DeleteUserPermissionsBoundary", "arn:aws:iam::111122223333:user/alice", SelfPermissions),
        (NEARBY, ALICE, "iam:PutUserPermissionsBoundary", "arn:aws:iam::111122223333:user/alice", SelfPermissions),
        (NEARBY, ALICE, "iam:DetachUserPolicy", "arn:aws:iam::111122223333:user/alice", SelfPermissions),
        ("", ALICE, "iam:AttachGroupPolicy", "arn:aws:iam::111122223333:group/Developers", GroupPermissions),
        ("", ALICE, "iam:PutGroupPolicy", "arn:aws:iam::111122223333:group/Developers", GroupPermissions),
        ("", ALICE, "iam:AddUserToGroup", "arn:aws:iam::111122223333:group/Admins", GroupPermissions),
        ("", SESSION, "iam:AttachRolePolicy", ROLE, SelfPermissions),
        ("", SESSION, "iam:PutRolePolicy", ROLE, SelfPermissions),
        ("", SESSION, "iam:DeleteRolePermissionsBoundary", ROLE, SelfPermissions),
        ("", SESSION, "iam:UpdateAssumeRolePolicy", ROLE, SelfPermissions),
        ("", ROLE, "iam:AttachRolePolicy", ROLE, SelfPermissions),
        ("", ALICE, "iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/AdminRole", RolePermissions),
        ("", ALICE, "iam:UpdateAssumeRolePolicy", "arn:aws:iam::111122223333:role/AdminRole", RoleTrust),
        ("", ALICE, "iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/DeveloperAccess", PolicyVersion),
        ("", ALICE, "iam:SetDefaultPolicyVersion", "arn:aws:iam::111122223333:policy/DeveloperAccess", PolicyVersion),
        ("", ALICE, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/admin", OtherUserCredentials),
        ("", ALICE, "iam:CreateLoginProfile", "arn:aws:iam::111122223333:user/admin", OtherUserCredentials),
        ("", ALICE, "iam:UpdateLoginProfile", "arn:aws:iam::111122223333:user/admin", OtherUserCredentials),
        ("", ALICE, "iam:PassRole", "*", PassAnyRole),
        ("", ALICE, "iam:PassRole", "arn:aws:iam::111122223333:role/*", PassAnyRole),
    ];
    let mut failures = Vec::new();
    for (policies, principal, action, resource, code) in cases {
        let text = scenario(policies, principal, action, resource);
        for data in [
            AwsData::default(),
            AwsData {
                catalog: Some(catalog()),
                managed: None,
            },
        ] {
            let r = &suggest_fixes_with(&text, data).requests[0];
            let protection = r.protection.as_ref().map(|p| p.code);
            if r.decision == Decision::Allow
                || r.kind != FixKind::ProtectsYou
                || protection != Some(*code)
                || !r.placements.is_empty()
                || !r.edits.is_empty()
                || r.fixed_scenario.is_some()
                || !r.explanation.starts_with("This denial protects you: ")
            {
                failures.push(format!(
                    "{action} on {resource}: {:?} {protection:?} {}",
                    r.kind, r.explanation
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same requests on someone else, or the safe self-service ones, are fixed as usual.
#[test]
fn the_same_writes_elsewhere_get_a_fix() {
    #[rustfmt::skip]
    let cases = [
        (ALICE, "iam:AttachUserPolicy", "arn:aws:iam::111122223333:user/team/bob"),
        (ALICE, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice"),
        (ALICE, "iam:ChangePassword", "arn:aws:iam::111122223333:user/alice"),
        (ALICE, "iam:PassRole", "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"),
        (SESSION, "iam:GetRole", ROLE),
    ];
    for (principal, action, resource) in cases {
        let r = &suggest_fixes(&scenario("", principal, action, resource)).requests[0];
        assert_eq!(
            r.kind,
            FixKind::AddStatements,
            "{action}: {}",
            r.explanation
        );
        assert!(r.verified, "{action}");
    }
}

/// An explicit deny on a self-escalation is said to protect too, with its Deny statements.
#[test]
fn an_explicit_deny_of_self_escalation_protects() {
    let text = scenario(
        r#"{"Version": "2012-10-17", "Statement": [
          {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
          {"Sid": "NoSelfAdmin", "Effect": "Deny", "Action": "iam:AttachUserPolicy",
           "Resource": "arn:aws:iam::111122223333:user/${aws:username}"}]}"#,
        ALICE,
        "iam:AttachUserPolicy",
        "arn:aws:iam::111122223333:user/alice",
    );
    let r = &suggest_fixes(&text).requests[0];
    assert_eq!(r.decision, Decision::ExplicitDeny);
    assert_eq!(r.kind, FixKind::ProtectsYou);
    assert_eq!(r.deny_statements[0].sid.as_deref(), Some("NoSelfAdmin"));
}

fn with_expect(expect: &str) -> String {
    format!(
        r#"{{"policies": {{"identity": []}},
  "request": {{"principal": "{ALICE}", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}},
  "expect": {expect}}}"#
    )
}

/// A denial the scenario's `expect` names is its lesson: no statement, the author's reason
/// said; `"fixable": true` asks for the fix and notes that `expect` must change with it.
#[test]
fn an_expected_denial_is_the_lesson_unless_marked_fixable() {
    let r = &suggest_fixes(&with_expect(r#"{"decision": "ImplicitDeny"}"#)).requests[0];
    assert_eq!(r.kind, FixKind::ExpectedDenial);
    assert!(r.edits.is_empty() && r.placements.is_empty());
    assert_eq!(
        r.expected.as_ref().unwrap().decision,
        Decision::ImplicitDeny
    );
    assert!(r
        .explanation
        .starts_with("This denial is the lesson of the scenario"));

    let because = r#"{"decision": "ImplicitDeny", "because": "Reading needs its own grant."}"#;
    let r = &suggest_fixes(&with_expect(because)).requests[0];
    assert_eq!(r.kind, FixKind::ExpectedDenial);
    assert!(
        r.explanation.ends_with("Reading needs its own grant."),
        "{}",
        r.explanation
    );

    let fixable = r#"{"decision": "ImplicitDeny", "fixable": true}"#;
    let r = &suggest_fixes(&with_expect(fixable)).requests[0];
    assert_eq!(r.kind, FixKind::AddStatements);
    assert!(r.verified);
    assert!(r.notes.iter().any(|n| n.note
        == Note::ChangesExpectation {
            expected: Decision::ImplicitDeny
        }));

    // An expected Allow that is denied is a problem to fix.
    let r = &suggest_fixes(&with_expect(r#"{"decision": "Allow"}"#)).requests[0];
    assert_eq!(r.kind, FixKind::AddStatements);
    // `because` and `fixable` are checked like every member.
    let bad = iam_playground::evaluate(&with_expect(
        r#"{"decision": "ImplicitDeny", "fixable": "yes"}"#,
    ));
    assert_eq!(bad.diagnostics[0].code, "wrong-type");
}

/// The page's examples: a denial is fixed only where the example says it is the problem to
/// solve (the seed story); "why PassRole exists" and "narrowed to EC2, Lambda denied" never get
/// a fix that teaches the wrong lesson.
#[test]
fn the_examples_get_no_wrong_lesson_fix() {
    let dir = root().join("www/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    let data = AwsData {
        catalog: Some(catalog()),
        managed: None,
    };
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        for r in &suggest_fixes_with(&text, data).requests {
            let fixed = matches!(r.kind, FixKind::AddStatements | FixKind::CorrectAction);
            let wanted = r.expected.as_ref().is_some_and(|e| e.fixable);
            assert_eq!(
                fixed, wanted,
                "{name} #{}: {:?} {}",
                r.index, r.kind, r.explanation
            );
        }
    }
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    let why = suggest_fixes(&read("4-passrole-privilege-escalation.json"));
    let attach = &why.requests[0];
    assert_eq!(attach.kind, FixKind::ProtectsYou);
    assert_eq!(
        attach.protection.as_ref().unwrap().code,
        ProtectionCode::SelfPermissions
    );
    assert!(
        attach.explanation.contains("path to admin"),
        "{}",
        attach.explanation
    );
    let lambda = &suggest_fixes(&read("3b-passrole-narrowed-lambda-denied.json")).requests[0];
    assert_eq!(lambda.kind, FixKind::ExpectedDenial);
    assert!(lambda
        .explanation
        .contains("passing the same role to Lambda stays denied"));
    // Near misses still say why it was denied.
    assert_eq!(
        lambda.near_misses[0].statement.sid.as_deref(),
        Some("PassRoleToEc2Only")
    );
    let seed = &suggest_fixes(&read("1-passrole-ec2-full-access-only.json")).requests[0];
    assert_eq!(seed.kind, FixKind::AddStatements);
    assert!(seed.verified);
}

/// For an action AWS does not have, the first suggestion is the correction; statements follow
/// only if the corrected request still needs them.
#[test]
fn a_misspelt_action_is_corrected_first() {
    let data = AwsData {
        catalog: Some(catalog()),
        managed: None,
    };
    let passrole = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Pass", "Effect": "Allow",
      "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/R"}]}"#;
    let typo = scenario(
        passrole,
        ALICE,
        "iam:PasRole",
        "arn:aws:iam::111122223333:role/R",
    );
    let r = &suggest_fixes_with(&typo, data).requests[0];
    assert_eq!(r.kind, FixKind::CorrectAction);
    let c = r.correction.as_ref().unwrap();
    assert_eq!(
        (c.from.as_str(), c.to.as_str()),
        ("iam:PasRole", "iam:PassRole")
    );
    assert!(r.placements.is_empty(), "the correction alone is enough");
    assert!(r.verified);
    assert!(r
        .explanation
        .starts_with("`iam:PasRole` is not an AWS action: did you mean `iam:PassRole`?"));
    assert!(r.diff.contains("+  \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\": \"iam:PassRole\""), "{}", r.diff);

    // A wrong service prefix, and a correction that still needs a statement.
    let bare = scenario("", ALICE, "s3:GetObjekt", "arn:aws:s3:::b/k");
    let r = &suggest_fixes_with(&bare, data).requests[0];
    assert_eq!(r.kind, FixKind::CorrectAction);
    assert_eq!(r.correction.as_ref().unwrap().to, "s3:GetObject");
    assert_eq!(r.placements.len(), 1);
    assert!(r.placements[0].statement.contains("\"s3:GetObject\""));
    assert!(r.verified);
    let prefix = scenario(
        "",
        ALICE,
        "iamm:PassRole",
        "arn:aws:iam::111122223333:role/R",
    );
    let r = &suggest_fixes_with(&prefix, data).requests[0];
    assert_eq!(r.correction.as_ref().unwrap().to, "iam:PassRole");

    // Without the catalog there is nothing to correct against: a statement, as before.
    let r = &suggest_fixes(&typo).requests[0];
    assert_eq!(r.kind, FixKind::AddStatements);
    // A correction to a self-escalation is no way around the protection.
    let sneaky = scenario(
        "",
        ALICE,
        "iam:AttachUserPolicyy",
        "arn:aws:iam::111122223333:user/alice",
    );
    let r = &suggest_fixes_with(&sneaky, data).requests[0];
    assert_eq!(r.kind, FixKind::ProtectsYou);
    assert!(r.edits.is_empty());
}
