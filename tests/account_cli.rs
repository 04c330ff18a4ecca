//! The `account` and `passrole` commands on a synthetic account file.

#![cfg(test)]

mod account_files;

use std::process::Command;

use account_files::{story, Form};

fn run(args: &[&str], file: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iam-playground"))
        .args(args.iter().map(|a| if *a == "FILE" { file } else { a }))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn file(name: &str, text: &str) -> String {
    let dir =
        std::env::temp_dir().join(format!("iam-playground-account-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn lists_principals_and_prints_scenarios_that_evaluate() {
    for form in [Form::Cli, Form::Api] {
        let path = file(&format!("story-{form:?}.json"), &story(form, "v1").text());
        let (code, out, err) = run(&["account", "FILE"], &path);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("account 111122223333, 6 users, 8 roles, 2 groups"),
            "{out}"
        );
        let alice = out.lines().find(|l| l.starts_with("user/alice")).unwrap();
        assert_eq!(
            alice.split_whitespace().collect::<Vec<_>>(),
            ["user/alice", "3", "2", "1", "developers"]
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("role/AWSServiceRoleForAutoScaling")
                    && l.contains("service-linked")),
            "{out}"
        );

        let (code, json, _) = run(&["account", "FILE", "--format", "json"], &path);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["principals"].as_array().unwrap().len(), 14);
        assert_eq!(v["principals"][2]["boundary"], true);

        let (code, scenario, err) = run(
            &[
                "account",
                "FILE",
                "--principal",
                "carol",
                "--action",
                "iam:PassRole",
                "--resource",
                "arn:aws:iam::111122223333:role/Ec2App",
                "--context",
                "iam:PassedToService=ec2.amazonaws.com",
            ],
            &path,
        );
        assert_eq!(code, 0, "{err}");
        let scenario_path = file("carol.json", &scenario);
        let (code, out, _) = run(&["eval", "FILE"], &scenario_path);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("ImplicitDeny (decided by: permissions boundary)"),
            "{out}"
        );
    }
}

#[test]
fn the_passrole_map_in_text_and_json() {
    let path = file("story-map.json", &story(Form::Api, "v1").text());
    let (code, out, err) = run(&["passrole", "FILE"], &path);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("13 principals and 5 roles a service may assume (5 role-service pairs): 13 passes allowed, 1 escalation"), "{out}");
    let row = out
        .lines()
        .find(|l| l.starts_with("user/alice") && l.contains("role/AdminRole"))
        .unwrap();
    assert!(
        row.contains("YES") && row.contains("alice/inline/PassAnything (PassAnything)"),
        "{row}"
    );

    let (code, json, _) = run(&["passrole", "FILE", "--format=json"], &path);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 13);
    // JSON rows carry exactly these members.
    for r in rows {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "escalation",
                "gains",
                "principal",
                "role",
                "service",
                "statement"
            ]
        );
    }
}

#[test]
fn errors_are_located_and_usage_is_checked() {
    let text = story(Form::Cli, "v1").text();
    let cut = &text[..text.len() / 3];
    let path = file("cut.json", cut);
    let (code, _, err) = run(&["passrole", "FILE"], &path);
    assert_eq!(code, 2);
    assert!(err.contains("error[json-syntax]"), "{err}");
    assert!(
        err.contains(&format!("{path}:{}:", cut.lines().count())),
        "{err}"
    );

    let path = file("story-usage.json", &text);
    let (code, _, err) = run(&["account", "FILE", "--principal", "nobody"], &path);
    assert_eq!(code, 2);
    assert!(
        err.contains("no user or role `nobody` in this account"),
        "{err}"
    );
    let (code, _, err) = run(&["account", "FILE", "--action", "s3:GetObject"], &path);
    assert_eq!(code, 2);
    assert!(
        err.contains("give --action and --resource together"),
        "{err}"
    );
    let (code, _, err) = run(
        &[
            "account",
            "FILE",
            "--principal",
            "bob",
            "--action",
            "a:b",
            "--resource",
            "*",
            "--context",
            "novalue",
        ],
        &path,
    );
    assert_eq!(code, 2);
    assert!(err.contains("--context takes KEY=VALUE"), "{err}");
}
