//! `{"managed": "AmazonEC2FullAccess"}` through every door of the core: fix suggestions,
//! lint, redaction, share links, the AWS simulator command, import into an open scenario, and
//! the document's place in the answer (what the page copies back into its editor).
#![cfg(test)]

use iam_playground::answer::result::Status;
use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::model::Decision;
use iam_playground::tools::fix::{suggest_fixes, suggest_fixes_with, FixKind};
use iam_playground::tools::{import, lint, redact, share, simulate};
use iam_playground::{evaluate_with, AwsData};

fn managed() -> &'static ManagedPolicies {
    static M: std::sync::OnceLock<ManagedPolicies> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        ManagedPolicies::from_json(include_str!("../data/managed-policies.json")).unwrap()
    })
}

fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).unwrap())
}

fn data() -> AwsData<'static> {
    AwsData {
        catalog: Some(catalog()),
        managed: Some(managed()),
    }
}

/// The seed story with the real managed policy.
const STORY: &str = r#"{
  "name": "EC2 full access by name",
  "policies": {
    "identity": [
      {"managed": "AmazonEC2FullAccess"}
    ]
  },
  "request": {
    "principal": "arn:aws:iam::111122223333:user/test-user",
    "action": "iam:PassRole",
    "resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
    "context": {
      "iam:PassedToService": "ec2.amazonaws.com",
      "iam:AssociatedResourceARN": "arn:aws:ec2:us-east-1:111122223333:instance/i-0abcd1234ef567890"
    }
  }
}
"#;

fn decision(text: &str) -> Decision {
    let a = evaluate_with(text, data());
    assert_eq!(a.status, Status::Evaluated, "{:?}", a.diagnostics);
    a.requests[0].decision
}

#[test]
fn fix_suggests_the_passrole_statement_and_verifies_it_with_the_managed_policy() {
    // Without the documents there is nothing to evaluate: the report says invalid, as eval does.
    assert_eq!(suggest_fixes(STORY).status, Status::Invalid);
    let report = suggest_fixes_with(STORY, data());
    assert_eq!(report.status, Status::Evaluated);
    let fix = &report.requests[0];
    assert_eq!(fix.kind, FixKind::AddStatements);
    assert!(fix.verified, "{}", fix.explanation);
    let statement: serde_json::Value = serde_json::from_str(&fix.placements[0].statement).unwrap();
    assert_eq!(
        statement["Resource"],
        "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"
    );
    assert_eq!(
        statement["Condition"]["StringEquals"]["iam:PassedToService"],
        "ec2.amazonaws.com"
    );
    assert_eq!(
        statement["Condition"]["ArnLike"]["iam:AssociatedResourceARN"],
        "arn:aws:ec2:us-east-1:111122223333:instance/*"
    );
    let fixed = fix.fixed_scenario.as_deref().unwrap();
    // The managed entry is kept as written, and the fixed scenario is allowed.
    assert!(fixed.contains(r#"{"managed": "AmazonEC2FullAccess"}"#));
    assert_eq!(decision(fixed), Decision::Allow);
}

#[test]
fn lint_reads_the_managed_policy_and_checks_only_what_the_user_wrote() {
    let report = lint::lint_report(STORY, data());
    assert_eq!(report.errors, 0, "{:?}", report.diagnostics);
    // Without the documents, lint says so (the same error as evaluation), and nothing else.
    let bare = lint::lint_report(STORY, AwsData::default());
    assert_eq!(bare.errors, 1);
    assert_eq!(bare.diagnostics[0].code, "managed-policies-not-loaded");
}

#[test]
fn share_links_carry_the_managed_entry_and_keep_the_decision() {
    let link = share::link("https://example.org/", STORY);
    let back = share::decode(&link).unwrap();
    assert_eq!(back, STORY);
    assert_eq!(decision(&back), decision(STORY));
}

/// The page fills a policy's editor with the text at the answer's `documentLocation`: for a
/// managed policy that must be the `{"managed": ...}` entry, or a reload would lose it.
#[test]
fn the_document_location_of_a_managed_policy_is_its_entry() {
    let a = evaluate_with(STORY, data());
    let loc = a.policies[0].document_location;
    assert_eq!(
        &STORY[loc.start..loc.end],
        r#"{"managed": "AmazonEC2FullAccess"}"#
    );
    // Statements still point at the name.
    let s = a.requests[0].statements[0].statement.location;
    assert_eq!(&STORY[s.start..s.end], "\"AmazonEC2FullAccess\"");
}

#[test]
fn simulate_command_sends_the_built_in_document() {
    let cmd = simulate::simulate_custom_policy_command_with(STORY, data());
    assert!(!cmd.contains("get-policy-version"), "{cmd}");
    let doc = managed().get("AmazonEC2FullAccess").unwrap().document;
    assert!(
        cmd.contains(&format!("--policy-input-list '{doc}'")),
        "{cmd}"
    );
}

/// A request the managed policy's wildcard allows stays allowed after redaction: the document
/// is not in the text, but its patterns protect the names they match.
#[test]
fn redaction_keeps_decisions_that_hang_on_a_managed_policys_patterns() {
    let text = r#"{"policies": {"identity": [{"managed": "AmazonSageMakerFullAccess"}]},
      "request": {"principal": "arn:aws:iam::987654321098:user/jdoe", "action": "iam:PassRole",
        "resource": "arn:aws:iam::987654321098:role/MyAmazonSageMakerExec",
        "context": {"iam:PassedToService": "glue.amazonaws.com"}}}"#;
    assert_eq!(decision(text), Decision::Allow);
    let out = redact::redact_with(text, data()).unwrap();
    assert!(
        !out.contains("987654321098") && !out.contains("jdoe"),
        "{out}"
    );
    assert!(out.contains("role/MyAmazonSageMakerExec"), "{out}");
    assert_eq!(decision(&out), Decision::Allow);
    // Without the documents, redaction refuses rather than risk the decision.
    let e = redact::redact(text).unwrap_err();
    assert_eq!(e.code, "redact-managed-not-loaded");
    assert!(e.message.contains("`AmazonSageMakerFullAccess`"), "{e:?}");
}

/// The same over the whole snapshot: for every literal IAM role or S3 bucket pattern with a
/// wildcard in an Allow statement of a managed policy, a request on a name that pattern
/// matches is decided the same before and after redaction.
#[test]
fn redaction_keeps_every_managed_pattern_decision() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for p in managed().iter() {
        let doc: serde_json::Value = serde_json::from_str(p.document).unwrap();
        let statements = match &doc["Statement"] {
            serde_json::Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        for s in statements {
            let action = match &s["Action"] {
                serde_json::Value::String(a) => a.clone(),
                serde_json::Value::Array(list) => match list.first().and_then(|a| a.as_str()) {
                    Some(a) => a.to_string(),
                    None => continue,
                },
                _ => continue,
            };
            let resources: Vec<String> = match &s["Resource"] {
                serde_json::Value::String(r) => vec![r.clone()],
                serde_json::Value::Array(list) => list
                    .iter()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect(),
                _ => continue,
            };
            if s["Effect"] != "Allow" || action.contains('*') || s.get("Condition").is_some() {
                continue;
            }
            for pattern in resources {
                let wanted = (pattern.starts_with("arn:aws:iam::*:role/")
                    || pattern.starts_with("arn:aws:s3:::"))
                    && pattern.contains('*')
                    && !pattern.contains("${")
                    && pattern.len() > "arn:aws:s3:::".len() + 2;
                if !wanted {
                    continue;
                }
                let resource = pattern
                    .replacen("::*:", "::987654321098:", 1)
                    .replace('*', "zq")
                    .replace('?', "q");
                let text = format!(
                    r#"{{"policies": {{"identity": [{{"managed": "{}"}}]}},
                      "request": {{"principal": "arn:aws:iam::987654321098:user/jdoe",
                        "action": "{action}", "resource": "{resource}"}}}}"#,
                    p.name
                );
                let before = evaluate_with(&text, data());
                let after =
                    redact::redact_with(&text, data()).map(|out| evaluate_with(&out, data()));
                match after {
                    Ok(after) if after.decision == before.decision => checked += 1,
                    Ok(after) => failures.push(format!(
                        "{} {action} {resource}: {:?} then {:?}",
                        p.name, before.decision, after.decision
                    )),
                    Err(e) => failures.push(format!("{}: {}", p.name, e.message)),
                }
            }
        }
    }
    assert!(checked >= 50, "only {checked} patterns checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Import into the open scenario keeps its managed policy and replaces only the request.
#[test]
fn import_into_keeps_the_managed_policy() {
    let message = include_str!("fixtures/import/decoded-cli.json");
    let open = STORY.replace(
        "\"request\": {",
        "\"expect\": {\"decision\": \"ImplicitDeny\"},\n  \"request\": {",
    );
    let r = import::import_into(&open, message, data());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let merged = r.merged.as_ref().unwrap();
    assert_eq!(
        (
            merged.kept_policies,
            merged.replaced_requests,
            merged.removed_expect
        ),
        (1, 1, true)
    );
    let text = r.scenario.unwrap();
    assert!(
        text.contains("      {\"managed\": \"AmazonEC2FullAccess\"}\n"),
        "{text}"
    );
    assert!(!text.contains("\"expect\""), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["request"]["context"]["aws:RequestedRegion"], "us-east-1");
    assert!(v["request"]["context"].get("aws:Region").is_none());
    assert!(v["request"]["context"].get("aws:Service").is_none());
    assert!(v["name"]
        .as_str()
        .unwrap()
        .starts_with("iam:PassRole by test-user"));
    assert_eq!(decision(&text), Decision::ImplicitDeny);
    // An open scenario that is not JSON is an error, not a silent replacement.
    let bad = import::import_into("{\"policies\": ", message, data());
    assert!(bad.scenario.is_none());
    assert_eq!(bad.errors[0].code, "import-into-invalid");
}
