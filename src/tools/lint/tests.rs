//! Lint tests: every code with a case that must trigger it and a near case that must not,
//! asserted by message, help and the text underlined. (`tests/lint/` holds the same pairs as
//! files, for the CLI.)

use super::*;
use crate::diagnostic::Severity;

/// One finding as (code, message, help, underlined text).
type Finding = (&'static str, String, Option<String>, String);

fn findings(text: &str) -> Vec<Finding> {
    let data = AwsData {
        catalog: Some(crate::aws::catalog::tests::real()),
        managed: Some(crate::aws::managed::tests::real()),
    };
    lint_with(text, data)
        .into_iter()
        .map(|d| {
            let snippet = d.span.map(|s| s.text(text).to_string()).unwrap_or_default();
            (d.code, d.message, d.help, snippet)
        })
        .collect()
}

fn codes(text: &str) -> Vec<&'static str> {
    findings(text).into_iter().map(|f| f.0).collect()
}

/// A policy with one statement.
fn stmt(body: &str) -> String {
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Sid": "S1", "Effect": "Allow", {body}}}]}}"#
    )
}

fn one(text: &str, code: &str) -> Finding {
    let all = findings(text);
    let mut hits: Vec<Finding> = all.iter().filter(|f| f.0 == code).cloned().collect();
    assert_eq!(hits.len(), 1, "expected one `{code}` in {all:#?}");
    hits.remove(0)
}

fn none(text: &str, code: &str) {
    let all = findings(text);
    assert!(
        !all.iter().any(|f| f.0 == code),
        "unexpected `{code}` in {all:#?}"
    );
}

#[test]
fn unknown_service() {
    let f = one(
        &stmt(r#""Action": "ecc2:RunInstances", "Resource": "*""#),
        "unknown-service",
    );
    assert_eq!(
        f.1,
        "`ecc2` is not an AWS service prefix, so `ecc2:RunInstances` matches no action"
    );
    assert_eq!(f.2.as_deref(), Some("did you mean `ec2:RunInstances`?"));
    assert_eq!(f.3, "ecc2");
    none(
        &stmt(r#""Action": "ec2:RunInstances", "Resource": "*""#),
        "unknown-service",
    );
}

#[test]
fn unknown_action() {
    let f = one(
        &stmt(r#""Action": "iam:PasRole", "Resource": "*""#),
        "unknown-action",
    );
    assert_eq!(f.1, "`iam:PasRole` is not an action of `iam`");
    assert_eq!(f.2.as_deref(), Some("did you mean `iam:PassRole`?"));
    assert_eq!(f.3, "PasRole");
    let f = one(
        &stmt(r#""Action": "ec2:RunInstance", "Resource": "*""#),
        "unknown-action",
    );
    assert_eq!(f.2.as_deref(), Some("did you mean `ec2:RunInstances`?"));
    // An action of another service.
    let f = one(
        &stmt(r#""Action": "ec2:PassRole", "Resource": "*""#),
        "unknown-action",
    );
    assert_eq!(
        f.2.as_deref(),
        Some("did you mean `iam:PassRole`? `PassRole` is an action of another service")
    );
    // Case does not matter to AWS, so it does not matter here.
    none(
        &stmt(r#""Action": "IAM:passrole", "Resource": "*""#),
        "unknown-action",
    );
    // NotAction is checked too.
    one(
        &stmt(r#""NotAction": "iam:PasRole", "Resource": "*""#),
        "unknown-action",
    );
}

#[test]
fn action_matches_nothing() {
    let f = one(
        &stmt(r#""Action": "iam:Pas*Rolez", "Resource": "*""#),
        "action-matches-nothing",
    );
    assert_eq!(f.1, "`iam:Pas*Rolez` matches no action of `iam`");
    assert_eq!(f.3, "Pas*Rolez");
    none(
        &stmt(r#""Action": "iam:Pass*", "Resource": "*""#),
        "action-matches-nothing",
    );
}

#[test]
fn resource_matches_no_resource_type() {
    let f = one(
        &stmt(r#""Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket""#),
        "resource-matches-no-resource-type",
    );
    assert_eq!(
        f.1,
        "`arn:aws:s3:::my-bucket` is not the ARN of a resource that `s3:GetObject` acts on"
    );
    assert!(
        f.2.as_deref()
            .unwrap()
            .starts_with("did you mean `arn:aws:s3:::my-bucket/*`?"),
        "{f:?}"
    );
    assert_eq!(f.3, "\"arn:aws:s3:::my-bucket\"");
    none(
        &stmt(r#""Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*""#),
        "resource-matches-no-resource-type",
    );
    // An action without resource types and a specific ARN.
    let f = one(
        &stmt(r#""Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::my-bucket""#),
        "resource-matches-no-resource-type",
    );
    assert_eq!(f.1, "`s3:ListAllMyBuckets` has no resource types, so `arn:aws:s3:::my-bucket` may match none of its requests");
    // The resource of a role for PassRole fits; a user ARN does not.
    none(
        &stmt(r#""Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-role""#),
        "resource-matches-no-resource-type",
    );
    one(
        &stmt(r#""Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:user/alice""#),
        "resource-matches-no-resource-type",
    );
}

#[test]
fn action_matches_no_resource() {
    let f = one(
        &stmt(
            r#""Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "arn:aws:s3:::my-bucket/*""#,
        ),
        "action-matches-no-resource",
    );
    assert_eq!(f.3, "\"s3:ListBucket\"");
    assert!(
        f.1.starts_with("no `Resource` of this statement is an ARN of `accesspoint` or `bucket`"),
        "{}",
        f.1
    );
    none(
        &stmt(
            r#""Action": ["s3:ListBucket", "s3:GetObject"], "Resource": ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"]"#,
        ),
        "action-matches-no-resource",
    );
}

#[test]
fn unknown_condition_key() {
    let f = one(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIpp": "203.0.113.0/24"}}"#,
        ),
        "unknown-condition-key",
    );
    assert_eq!(f.1, "`aws:SourceIpp` is not a condition key of `aws`");
    assert_eq!(f.2.as_deref(), Some("did you mean `aws:SourceIp`?"));
    assert_eq!(f.3, "\"aws:SourceIpp\"");
    none(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:sourceip": "203.0.113.0/24"}}"#,
        ),
        "unknown-condition-key",
    );
    // Keys with placeholders.
    none(
        &stmt(
            r#""Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "x"}}"#,
        ),
        "unknown-condition-key",
    );
}

#[test]
fn condition_key_not_supported() {
    let f = one(
        &stmt(
            r#""Action": "iam:GetRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#,
        ),
        "condition-key-not-supported",
    );
    assert_eq!(
        f.1,
        "`iam:GetRole` does not support the condition key `iam:PassedToService`"
    );
    assert!(
        f.2.as_deref()
            .unwrap()
            .ends_with("it is set for `iam:PassRole`"),
        "{f:?}"
    );
    none(
        &stmt(
            r#""Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#,
        ),
        "condition-key-not-supported",
    );
    // Global keys apply to every action.
    none(
        &stmt(
            r#""Action": "iam:GetRole", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
        ),
        "condition-key-not-supported",
    );
}

#[test]
fn condition_type_mismatch() {
    let f = one(
        &stmt(r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#.replace("StringLessThan", "StringEquals").as_str()),
        "condition-type-mismatch",
    );
    assert_eq!(
        f.1,
        "`aws:CurrentTime` is a date key, but `StringEquals` compares strings"
    );
    assert!(
        f.2.as_deref().unwrap().starts_with("use a Date operator"),
        "{f:?}"
    );
    none(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#,
        ),
        "condition-type-mismatch",
    );
    // ARN keys take String operators too; Null suits every key; aws:EpochTime is numeric too.
    for cond in [
        r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}"#,
        r#"{"Null": {"aws:CurrentTime": "true"}}"#,
        r#"{"NumericLessThan": {"aws:EpochTime": "1900000000"}}"#,
    ] {
        none(
            &stmt(&format!(
                r#""Action": "s3:GetObject", "Resource": "*", "Condition": {cond}"#
            )),
            "condition-type-mismatch",
        );
    }
}

#[test]
fn set_operators_follow_the_catalog() {
    // `ec2:InstanceType` is in no built-in list: the catalog says it is single-valued.
    let f = one(
        &stmt(
            r#""Action": "ec2:RunInstances", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"ec2:InstanceType": "t3.micro"}}"#,
        ),
        "set-operator-on-single-valued-key",
    );
    assert_eq!(f.3, "\"ForAnyValue:StringEquals\"");
    none(
        &stmt(
            r#""Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}"#,
        ),
        "set-operator-on-single-valued-key",
    );
    let f = one(
        &stmt(
            r#""Action": "dynamodb:GetItem", "Resource": "*", "Condition": {"StringEquals": {"dynamodb:Attributes": "id"}}"#,
        ),
        "multivalued-key-without-set-operator",
    );
    assert_eq!(
        f.1,
        "`dynamodb:Attributes` is multivalued but `StringEquals` has no set operator"
    );
    none(
        &stmt(
            r#""Action": "dynamodb:GetItem", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": "id"}}"#,
        ),
        "multivalued-key-without-set-operator",
    );
    // `Null` needs no set operator.
    none(
        &stmt(
            r#""Action": "dynamodb:GetItem", "Resource": "*", "Condition": {"Null": {"dynamodb:Attributes": "false"}}"#,
        ),
        "multivalued-key-without-set-operator",
    );
}

#[test]
fn variables_need_version_2012() {
    let text = r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}"#;
    let f = one(text, "variable-unsupported-in-version");
    assert_eq!(f.3, "${aws:username}");
    assert_eq!(f.1, "`${aws:username}` is literal text here, not a policy variable: the policy's `Version` is `2008-10-17`");
    let text = text.replace("2008-10-17", "2012-10-17");
    none(&text, "variable-unsupported-in-version");
    // Without a Version: literal too (and `missing-version` from the parser).
    let text = r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}"#;
    let c = codes(text);
    assert!(
        c.contains(&"variable-unsupported-in-version") && c.contains(&"missing-version"),
        "{c:?}"
    );
}

#[test]
fn redundant_patterns() {
    let f = one(
        &stmt(r#""Action": ["s3:GetObject", "s3:Get*"], "Resource": "*""#),
        "redundant-action",
    );
    assert_eq!(f.1, "`s3:GetObject` is already covered by `s3:Get*`");
    assert_eq!(f.3, "\"s3:GetObject\"");
    let f = one(
        &stmt(r#""Action": ["s3:GetObject", "S3:getobject"], "Resource": "*""#),
        "redundant-action",
    );
    assert_eq!(f.1, "`S3:getobject` is listed twice in `Action`");
    none(
        &stmt(r#""Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*""#),
        "redundant-action",
    );
    let f = one(
        &stmt(r#""Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x"]"#),
        "redundant-resource",
    );
    assert_eq!(
        f.1,
        "`arn:aws:s3:::b/x` is already covered by `arn:aws:s3:::b/*`"
    );
    // A variable stands for one value: it covers nothing else.
    none(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/x"]"#,
        ),
        "redundant-resource",
    );
}

#[test]
fn redundant_statement() {
    let text = r#"{"Version": "2012-10-17", "Statement": [
        {"Sid": "All", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Sid": "Get", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
    let f = one(text, "redundant-statement");
    assert_eq!(
        f.1,
        "this statement adds nothing: `All` already allows everything it does"
    );
    assert_eq!(f.3, "\"Get\"");
    // A condition on the wider statement makes it narrower in another way.
    let near = text.replace(
        r#""Resource": "*"}"#,
        r#""Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"#,
    );
    none(&near, "redundant-statement");
    // Different effects are never redundant with each other.
    none(
        &text.replace(
            r#""Sid": "Get", "Effect": "Allow""#,
            r#""Sid": "Get", "Effect": "Deny""#,
        ),
        "redundant-statement",
    );
}

#[test]
fn allow_shadowed_by_deny() {
    let scenario = r#"{"policies": {"identity": [
        {"Version": "2012-10-17", "Statement": [{"Sid": "AllowPass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-role"}]},
        {"name": "guard", "document": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyIam", "Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole", "resource": "arn:aws:iam::111122223333:role/app-role"}}"#;
    let f = one(scenario, "allow-shadowed-by-deny");
    assert_eq!(f.1, "this Allow never takes effect: the Deny statement `DenyIam` in identity-based policy 2 (`guard`) denies everything it allows");
    assert_eq!(f.3, "\"AllowPass\"");
    let near = scenario.replace(
        r#""Resource": "*"}]}}"#,
        r#""Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}}"#,
    );
    none(&near, "allow-shadowed-by-deny");
}

#[test]
fn passrole_and_parser_findings_pass_through() {
    // The message is `crate::decide::warnings`'s own.
    one(
        &stmt(r#""Action": "iam:PassRole", "Resource": "*""#),
        "passrole-wildcard-resource",
    );
    none(
        &stmt(
            r#""Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#,
        ),
        "passrole-wildcard-resource",
    );
    // `Null` with `IfExists`: the parser's `unknown-operator`.
    let f = one(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}"#,
        ),
        "unknown-operator",
    );
    assert_eq!(f.1, "`NullIfExists` is not a condition operator");
    none(
        &stmt(
            r#""Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "true"}}"#,
        ),
        "unknown-operator",
    );
}

#[test]
fn requests_are_checked() {
    let scenario = |action: &str, resource: &str| {
        format!(
            r#"{{"policies": {{"identity": [{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {{"StringEquals": {{"iam:PassedToService": "ec2.amazonaws.com"}}}}}}]}}]}},
              "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "{action}", "resource": "{resource}",
                           "context": {{"iam:PassedToService": "ec2.amazonaws.com"}}}}}}"#
        )
    };
    let f = one(
        &scenario("iam:PasRole", "arn:aws:iam::111122223333:role/app-role"),
        "unknown-action",
    );
    assert_eq!(f.2.as_deref(), Some("did you mean `iam:PassRole`?"));
    assert_eq!(f.3, "PasRole");
    none(
        &scenario("iam:PassRole", "arn:aws:iam::111122223333:role/app-role"),
        "unknown-action",
    );
    one(
        &scenario("iam:PassRole", "arn:aws:iam::111122223333:user/alice"),
        "resource-matches-no-resource-type",
    );
    none(
        &scenario("iam:PassRole", "arn:aws:iam::111122223333:role/app-role"),
        "resource-matches-no-resource-type",
    );
}

#[test]
fn without_a_catalog_only_the_catalog_free_checks_run() {
    let text = stmt(r#""Action": ["iam:PasRole", "iam:PasRole"], "Resource": "*""#);
    let c: Vec<&str> = lint(&text, None).into_iter().map(|d| d.code).collect();
    assert_eq!(c, ["redundant-action"]);
}

#[test]
fn managed_policies_are_not_linted_but_still_parsed() {
    let scenario = r#"{"policies": {"identity": [{"managed": "AmazonEC2FullAccess"}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:RunInstances", "resource": "*"}}"#;
    let f = findings(scenario);
    assert!(
        f.iter()
            .all(|d| d.0 != "redundant-statement" && d.0 != "unknown-action"),
        "{f:?}"
    );
    // Without the managed data it is an error, as in evaluation.
    let c: Vec<&str> = lint(scenario, Some(crate::aws::catalog::tests::real()))
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(c, ["managed-policies-not-loaded"]);
}

#[test]
fn report_counts_by_severity() {
    let text = stmt(r#""Action": ["iam:PasRole", "iam:PassRole"], "Resource": "*""#);
    let report = lint_report(
        &text,
        AwsData {
            catalog: Some(crate::aws::catalog::tests::real()),
            managed: None,
        },
    );
    assert_eq!(report.errors, 1);
    assert_eq!(report.security_warnings, 1);
    assert!(report.catalog.is_some());
    let first = &report.diagnostics[0];
    assert_eq!(first.severity, Severity::Error);
    assert_eq!(first.location.unwrap().line, 1);
}

/// Lint never panics, whatever the text (the page lints on every keystroke).
#[test]
fn never_panics_on_prefixes_of_a_scenario() {
    let text = stmt(
        r#""Action": ["iam:Pass*", "ec2:*Instances"], "Resource": ["arn:aws:iam::1:role/${aws:username}", "arn:aws:s3:::b"], "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}, "StringEquals": {"iam:PassedToService": "é"}}"#,
    );
    let catalog = Some(crate::aws::catalog::tests::real());
    for (i, _) in text.char_indices() {
        let _ = lint(&text[..i], catalog);
    }
}

#[test]
fn lint_reports_everything_evaluation_reports() {
    let scenario = r#"{"policies": {"identity": [{"Statement": [
        {"Sid": "S1", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
         "Condition": {"ForAllValues:StringEquals": {"aws:username": "alice"}}},
        {"Sid": "S2", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}]},
      "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}"#;
    let evaluated: Vec<&str> = crate::evaluate(scenario)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    for code in [
        "missing-version",
        "set-operator-on-single-valued-key",
        "passrole-wildcard-resource",
    ] {
        assert!(evaluated.contains(&code), "{evaluated:?}");
    }
    for catalog in [None, Some(crate::aws::catalog::tests::real())] {
        let linted: Vec<&str> = lint(scenario, catalog)
            .into_iter()
            .map(|d| d.code)
            .collect();
        for code in &evaluated {
            assert!(linted.contains(code), "{code} missing from {linted:?}");
        }
        // Reported once, by the catalog when there is one.
        let n = linted
            .iter()
            .filter(|c| **c == "set-operator-on-single-valued-key")
            .count();
        assert_eq!(n, 1, "{linted:?}");
    }
}
