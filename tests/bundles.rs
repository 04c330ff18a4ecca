//! Call bundles: each expands into a valid scenario whose requests are its checks; with the
//! PassRole story's policies, the RunInstances bundle fails exactly on `iam:PassRole`.
#![cfg(test)]

use iam_playground::answer::result::Status;
use iam_playground::model::Decision;
use iam_playground::tools::bundles::{self, expand, expand_into, expand_json};

/// The PassRole story (copies of the shared examples).
fn story(n: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/fix/{n}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn decisions(text: &str) -> Vec<(String, Decision)> {
    let a = iam_playground::evaluate(text);
    assert_eq!(a.status, Status::Evaluated, "{:?}", a.diagnostics);
    a.requests
        .iter()
        .map(|r| (r.request.action.clone(), r.decision))
        .collect()
}

const ALLOW_ALL: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#;

#[test]
fn every_bundle_expands_into_a_scenario_of_its_checks() {
    let list = bundles::list();
    assert!(list.len() >= 5);
    for b in &list {
        let e = expand(&b.name, &[]).unwrap();
        assert_eq!(e.checks.len(), b.checks, "{}", b.name);
        // No policies: every check is implicitly denied.
        let d = decisions(&e.scenario);
        assert_eq!(d.len(), b.checks, "{}", b.name);
        assert!(
            d.iter().all(|(_, d)| *d == Decision::ImplicitDeny),
            "{}",
            b.name
        );
        // Allow everything: every check is allowed.
        let with_policy = e
            .scenario
            .replace("\"identity\": []", &format!("\"identity\": [{ALLOW_ALL}]"));
        assert!(
            decisions(&with_policy)
                .iter()
                .all(|(_, d)| *d == Decision::Allow),
            "{}",
            b.name
        );
        // The shared context is in every request; PassRole checks name the service.
        let bundle = bundles::file()
            .unwrap()
            .bundles
            .iter()
            .find(|x| x.name == b.name)
            .unwrap();
        for c in &e.checks {
            for k in bundle.context.keys() {
                assert!(
                    c.context.iter().any(|(ck, _)| ck == k),
                    "{}: {}",
                    b.name,
                    c.label
                );
            }
            if c.action == "iam:PassRole" {
                let svc = c
                    .context
                    .iter()
                    .find(|(k, _)| k == "iam:PassedToService")
                    .unwrap();
                assert_eq!(
                    Some(&svc.1),
                    bundle.passed_to_service.as_ref(),
                    "{}",
                    b.name
                );
                assert!(c.resource.contains(":role/"), "{}", b.name);
            }
            assert!(
                c.source.is_some(),
                "{}: {} cites no source",
                b.name,
                c.label
            );
            assert!(!c.resource.contains("${"), "{}", b.name);
        }
    }
}

#[test]
fn run_instances_checks_every_resource_as_aws_documents() {
    let e = expand(
        "ec2-run-instances",
        &[("region", "eu-west-1"), ("account", "444455556666")],
    )
    .unwrap();
    let checks: Vec<(&str, &str)> = e
        .checks
        .iter()
        .map(|c| (c.action.as_str(), c.resource.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:444455556666:instance/*"
            ),
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:444455556666:network-interface/*"
            ),
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:444455556666:subnet/subnet-0abc1234def567890"
            ),
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:444455556666:security-group/sg-0abc1234def567890"
            ),
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:444455556666:volume/*"
            ),
            (
                "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1::image/ami-0abcdef1234567890"
            ),
            (
                "iam:PassRole",
                "arn:aws:iam::444455556666:role/EC2-roles-for-XYZ"
            ),
        ]
    );
    let pass = e.checks.last().unwrap();
    assert!(pass
        .context
        .contains(&("iam:PassedToService".into(), "ec2.amazonaws.com".into())));
    assert!(pass.context.contains(&(
        "iam:AssociatedResourceARN".into(),
        "arn:aws:ec2:eu-west-1:444455556666:instance/i-0abcd1234ef567890".into()
    )));
    assert!(e.params.contains(&(
        "principal".into(),
        "arn:aws:iam::444455556666:user/test-user".into()
    )));
}

#[test]
fn with_the_story_policies_only_pass_role_fails() {
    // Example 1: EC2 full access alone.
    let (edit, _) = expand_into(
        &story("passrole-1-ec2-full-access-only"),
        "ec2-run-instances",
        &[],
    )
    .unwrap();
    let text = edit
        .apply(&story("passrole-1-ec2-full-access-only"))
        .unwrap();
    let d = decisions(&text);
    let denied: Vec<&str> = d
        .iter()
        .filter(|(_, d)| *d != Decision::Allow)
        .map(|(a, _)| a.as_str())
        .collect();
    assert_eq!(d.len(), 7);
    assert_eq!(denied, ["iam:PassRole"]);
    // The story's other policies are kept as written.
    assert!(text.contains("\"name\": \"EC2 full access (as AmazonEC2FullAccess)\""));
    // Example 2 (PassRole on the role) and 3 (narrowed to EC2 in two Regions): all allowed.
    for n in [
        "passrole-2-allow-passrole-on-role",
        "passrole-3-narrowed-to-ec2",
    ] {
        let t = story(n);
        let (edit, _) = expand_into(&t, "ec2-run-instances", &[]).unwrap();
        let d = decisions(&edit.apply(&t).unwrap());
        assert!(d.iter().all(|(_, d)| *d == Decision::Allow), "{n}: {d:?}");
    }
    // Example 3 in a Region it does not name: PassRole fails (iam:AssociatedResourceARN).
    let t = story("passrole-3-narrowed-to-ec2");
    let (edit, _) = expand_into(&t, "ec2-run-instances", &[("region", "eu-west-1")]).unwrap();
    let d = decisions(&edit.apply(&t).unwrap());
    let denied: Vec<&str> = d
        .iter()
        .filter(|(_, d)| *d != Decision::Allow)
        .map(|(a, _)| a.as_str())
        .collect();
    assert_eq!(denied, ["iam:PassRole"]);
}

#[test]
fn parameters_come_from_the_scenario_request() {
    let t = story("passrole-1-ec2-full-access-only");
    let (_, e) = expand_into(&t, "lambda-create-function", &[]).unwrap();
    // The principal, account and the role of the PassRole request carry over.
    assert!(e.params.contains(&(
        "principal".into(),
        "arn:aws:iam::111122223333:user/test-user".into()
    )));
    assert!(e.params.contains(&(
        "roleArn".into(),
        "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ".into()
    )));
    // Lambda with the EC2-only PassRole policy of example 3: PassRole fails.
    let t3 = story("passrole-3-narrowed-to-ec2");
    let (edit, _) = expand_into(&t3, "lambda-create-function", &[]).unwrap();
    let d = decisions(&edit.apply(&t3).unwrap());
    assert_eq!(
        d,
        [
            ("lambda:CreateFunction".into(), Decision::ImplicitDeny),
            ("iam:PassRole".into(), Decision::ImplicitDeny)
        ]
    );
}

#[test]
fn mistakes_say_did_you_mean() {
    let e = expand("ec2-run-instance", &[]).unwrap_err();
    assert_eq!(e.message, "there is no bundle `ec2-run-instance`");
    assert_eq!(e.code, "unknown-bundle");
    assert_eq!(e.help.as_deref(), Some("did you mean `ec2-run-instances`?"));
    let e = expand("ec2-run-instances", &[("rolearn", "x")]).unwrap_err();
    assert_eq!(
        e.message,
        "bundle `ec2-run-instances` has no parameter `rolearn`"
    );
    assert_eq!(e.code, "unknown-bundle-parameter");
    assert_eq!(e.help.as_deref(), Some("did you mean `roleArn`?"));
    let e = expand_json("ecs-run-task", "{\"cluster\": 3}").unwrap_err();
    assert!(
        e.message
            .starts_with("the parameters are not a JSON object of strings"),
        "{}",
        e.message
    );
    // A scenario that is not JSON: the reader's error, at its place in the scenario.
    let e = expand_into("{\n  \"policies\": [,\n}", "ec2-run-instances", &[]).unwrap_err();
    assert_eq!(e.code, "json-syntax");
    assert_eq!(e.span.map(|s| s.start), Some(17), "{e:?}");
    let ok = expand_json("ecs-run-task", "{\"cluster\": \"prod\"}").unwrap();
    let ctx = &ok.checks[0].context;
    assert!(ctx.contains(&(
        "ecs:cluster".into(),
        "arn:aws:ecs:us-east-1:111122223333:cluster/prod".into()
    )));
}

#[test]
fn every_bundle_gets_a_verified_fix_that_names_its_roles() {
    for b in bundles::list() {
        let e = expand(&b.name, &[]).unwrap();
        let report = iam_playground::tools::fix::suggest_fixes(&e.scenario);
        let combined = report
            .combined
            .as_ref()
            .unwrap_or_else(|| panic!("{}", b.name));
        assert!(combined.verified, "{}", b.name);
        assert!(
            combined
                .decisions_after
                .iter()
                .all(|d| *d == Decision::Allow),
            "{}",
            b.name
        );
        for r in report
            .requests
            .iter()
            .filter(|r| r.action == "iam:PassRole")
        {
            assert!(r.verified, "{}", b.name);
            let s = &r.placements[0].statement;
            assert!(
                s.contains(&format!("\"Resource\": \"{}\"", r.resource)),
                "{}: {s}",
                b.name
            );
            assert!(!s.contains("\"Resource\": \"*\""), "{}: {s}", b.name);
            assert!(s.contains("\"iam:PassedToService\""), "{}: {s}", b.name);
        }
    }
}

/// Kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_bundle_check_and_parameter_reads_in_japanese() {
    use iam_playground::i18n::Lang;
    let file = bundles::file().unwrap();
    let mut seen = 0;
    for b in &file.bundles {
        for (en, ja) in [
            (&b.title, b.title_in(Lang::Ja)),
            (&b.description, b.description_in(Lang::Ja)),
        ] {
            assert_ne!(en, ja, "{}", b.name);
            assert!(has_japanese(ja), "{}: {ja}", b.name);
            assert_eq!(b.title_in(Lang::En), b.title, "{}", b.name);
        }
        // The API call is named as AWS writes it.
        assert!(b.title_in(Lang::Ja).contains(&b.api), "{}", b.name);
        for c in &b.checks {
            let ja = c.label_in(Lang::Ja);
            assert_ne!(c.label, ja, "{}: {}", b.name, c.label);
            assert!(has_japanese(ja), "{}: {ja}", b.name);
            seen += 1;
        }
        for p in &b.params {
            let ja = p.description_in(Lang::Ja);
            assert_ne!(p.description, ja, "{}: {}", b.name, p.name);
            assert!(has_japanese(ja), "{}: {ja}", b.name);
        }
    }
    assert!(seen >= 17, "{seen} checks");
}

#[test]
fn a_bundle_expands_in_japanese_and_english_stays_as_it_was() {
    use iam_playground::i18n::Lang;
    let list = bundles::list_in(Lang::Ja);
    let run = list.iter().find(|b| b.name == "ec2-run-instances").unwrap();
    assert!(run
        .title
        .starts_with("インスタンスプロファイル付きで EC2 インスタンスを起動する"));
    assert!(run.params.iter().all(|p| has_japanese(&p.description)));

    let ja = bundles::expand_in("lambda-create-function", &[], Lang::Ja).unwrap();
    assert_eq!(ja.checks[1].label, "実行ロールを Lambda に渡す");
    let scenario: serde_json::Value = serde_json::from_str(&ja.scenario).unwrap();
    assert_eq!(
        scenario["name"],
        "実行ロール付きで Lambda 関数を作成する (lambda:CreateFunction)"
    );
    let description = scenario["description"].as_str().unwrap();
    assert!(
        description.contains("チェック: 1. 新しい関数 (arn:aws:lambda:us-east-1:111122223333:function:my-function に対する lambda:CreateFunction)、2. "),
        "{description}"
    );
    // The requests are the same in every language.
    let en = expand("lambda-create-function", &[]).unwrap();
    assert_eq!(en.checks[1].label, "passing the execution role to Lambda");
    let en_scenario: serde_json::Value = serde_json::from_str(&en.scenario).unwrap();
    assert_eq!(scenario["requests"], en_scenario["requests"]);
    assert!(en_scenario["description"].as_str().unwrap().ends_with(
        " Checks: 1. the new function (lambda:CreateFunction on arn:aws:lambda:us-east-1:111122223333:function:my-function); 2. passing the execution role to Lambda (iam:PassRole on arn:aws:iam::111122223333:role/lambda-execution-role)."
    ));
    assert!(!has_japanese(&en.scenario));

    let open = r#"{"policies": {"identity": []}, "request": {"principal": "arn:aws:iam::444455556666:user/dev", "action": "s3:GetObject", "resource": "*"}}"#;
    let (_, into) = bundles::expand_into_in(open, "lambda-create-function", &[], Lang::Ja).unwrap();
    assert_eq!(into.checks[0].label, "新しい関数");
}
