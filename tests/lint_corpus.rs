//! Runs the lint cases of `tests/lint/`: `CODE[.variant].trigger.json` must report `CODE`,
//! `CODE[.variant].near.json` must not. Every code of `docs/lint-codes.md` has both. Reports
//! every failure, then fails once.
#![cfg(test)]

use std::path::Path;

#[path = "common/aws.rs"]
mod aws;

use iam_playground::tools::lint::lint_with;
use iam_playground::AwsData;

#[test]
fn lint_corpus() {
    let data = aws::data();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/lint"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let code = name.split('.').next().unwrap().to_string();
        let kind = if name.ends_with(".trigger.json") {
            "trigger"
        } else if name.ends_with(".near.json") {
            "near"
        } else {
            failures.push(format!("{name}: not CODE.trigger.json or CODE.near.json"));
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap();
        let found: Vec<&str> = lint_with(&text, data).iter().map(|d| d.code).collect();
        let has = found.contains(&code.as_str());
        if kind == "trigger" && !has {
            failures.push(format!("{name}: expected `{code}`, got {found:?}"));
        }
        if kind == "near" && has {
            failures.push(format!(
                "{name}: `{code}` must not be reported, got {found:?}"
            ));
        }
        seen.push((code, kind));
    }
    let doc = std::fs::read_to_string(root.join("docs/lint-codes.md")).unwrap();
    let codes: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(codes.len() >= 15, "{codes:?}");
    for code in codes {
        for kind in ["trigger", "near"] {
            if !seen.iter().any(|(c, k)| c == code && *k == kind) {
                failures.push(format!(
                    "`{code}` (docs/lint-codes.md) has no {kind} case in tests/lint/"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} lint cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// "Did you mean" comes with the text to write (`replacement`, for the page's one-click
/// replace): writing it at the diagnostic's place makes the finding go away and leaves the
/// scenario saying what the help said. Covers the part of a string (`PasRole` in
/// `iam:PasRole`), a whole string with escapes, a JSON key, another service's action.
#[test]
fn did_you_mean_replacements_correct_the_text() {
    use iam_playground::answer::diagnostics_out;
    let data = AwsData {
        catalog: Some(aws::catalog()),
        managed: None,
    };
    let scenario = |statement: &str, action: &str, context: &str| {
        format!(
            r#"{{"policies": {{"identity": [{{"Version": "2012-10-17", "Statement": [{statement}]}}]}},
  "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "{action}",
    "resource": "arn:aws:iam::111122223333:role/R", "context": {{{context}}}}}}}"#
        )
    };
    let ok = r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#;
    #[rustfmt::skip]
    let cases: Vec<(&str, String, &str, &str)> = vec![
        // (code, scenario, the text pointed at, what it becomes)
        ("unknown-action", scenario(r#"{"Effect": "Allow", "Action": "iam:PasRole", "Resource": "*"}"#, "iam:PassRole", ""), "PasRole", "PassRole"),
        ("unknown-action", scenario(ok, "iam:PasRole", ""), "PasRole", "PassRole"),
        ("unknown-action", scenario(r#"{"Effect": "Allow", "Action": "iam:\u0050asRole", "Resource": "*"}"#, "iam:PassRole", ""), r#""iam:\u0050asRole""#, r#""iam:PassRole""#),
        ("unknown-action", scenario(r#"{"Effect": "Allow", "Action": "iam:RunInstances", "Resource": "*"}"#, "iam:PassRole", ""), r#""iam:RunInstances""#, r#""ec2:RunInstances""#),
        ("unknown-service", scenario(r#"{"Effect": "Allow", "Action": "imm:PassRole", "Resource": "*"}"#, "iam:PassRole", ""), "imm", "iam"),
        ("unknown-condition-key", scenario(ok, "iam:PassRole", r#""iam:PassedToServise": "ec2.amazonaws.com""#), r#""iam:PassedToServise""#, r#""iam:PassedToService""#),
        ("unknown-element", scenario(r#"{"Efect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#, "iam:PassRole", ""), r#""Efect""#, r#""Effect""#),
        ("invalid-effect", scenario(r#"{"Effect": "Alow", "Action": "iam:PassRole", "Resource": "*"}"#, "iam:PassRole", ""), r#""Alow""#, r#""Allow""#),
    ];
    let mut failures = Vec::new();
    for (code, text, snippet, replacement) in &cases {
        let found = diagnostics_out(text, lint_with(text, data));
        let Some(d) = found.iter().find(|d| d.code == *code) else {
            failures.push(format!("{code}: not reported in {text}"));
            continue;
        };
        let location = d.location.unwrap();
        if d.snippet.as_deref() != Some(*snippet) || d.replacement.as_deref() != Some(*replacement)
        {
            failures.push(format!(
                "{code}: {:?} -> {:?}, expected {snippet} -> {replacement}",
                d.snippet, d.replacement
            ));
            continue;
        }
        let fixed = format!(
            "{}{}{}",
            &text[..location.start],
            replacement,
            &text[location.end..]
        );
        let after: Vec<&str> = lint_with(&fixed, data).iter().map(|d| d.code).collect();
        if after.contains(code) {
            failures.push(format!(
                "{code}: still reported after the replacement: {fixed}"
            ));
        }
        let answer = iam_playground::evaluate_with(&fixed, data);
        if answer.decision != Some(iam_playground::model::Decision::Allow)
            && !code.contains("key")
            && *replacement != r#""ec2:RunInstances""#
        {
            failures.push(format!(
                "{code}: the corrected scenario is not allowed: {fixed}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
