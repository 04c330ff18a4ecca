//! Every error the CLI prints is a rendered diagnostic (`error[code]: message`, its place, its
//! help), with the exit codes the README documents: 1 a check failed, 2 usage or input.

#![cfg(test)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Exit code, standard output and standard error of the CLI given `args` and `stdin`.
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = try_run(args, stdin).unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn try_run(args: &[&str], stdin: &str) -> std::io::Result<std::process::Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iam-playground"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // English whatever the machine's locale (the CLI follows LC_ALL, LC_MESSAGES, LANG).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes())?;
    }
    child.wait_with_output()
}

#[test]
fn usage_errors_name_the_command_synopsis() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["eval", "--format", "xml"],
            "--format takes `text` or `json`",
        ),
        (
            &["lint", "--format=yaml"],
            "--format takes `text` or `json`",
        ),
        (&["fix", "--frob"], "unknown option `--frob`"),
        (
            &["import", "a", "b"],
            "import takes one file (or `-` for standard input)",
        ),
        (
            &["bundle", "x", "--param", "novalue"],
            "--param takes KEY=VALUE",
        ),
        (&["share", "--base"], "--base takes a URL"),
        (&["unshare"], "unshare takes one link"),
        (&["test"], "test takes one or more paths"),
        (&["redact", "--format", "json"], "unknown option `--format`"),
    ];
    for (args, message) in cases {
        let (code, out, err) = run(args, "");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.starts_with(&format!("error[usage]: {message}\n")),
            "{args:?}: {err}"
        );
        let command = args[0];
        assert!(
            err.contains(&format!("= help: usage: iam-playground {command}")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn unknown_commands_suggest_a_close_one() {
    let (code, _, err) = run(&["evl"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error[unknown-command]: unknown command `evl`"),
        "{err}"
    );
    assert!(err.contains("did you mean `eval`?"), "{err}");
}

#[test]
fn unreadable_files_and_bad_links_are_diagnostics() {
    for args in [
        &["eval", "no/such/file.json"][..],
        &["lint", "no/such/file.json"],
        &["fix", "no/such/file.json"],
        &["bundle", "ec2-run-instances", "--into", "no/such/file.json"],
    ] {
        let (code, _, err) = run(args, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.starts_with("error[cannot-read]: cannot read `no/such/file.json`: "),
            "{args:?}: {err}"
        );
    }
    let (code, _, err) = run(&["unshare", "https://example.com/#v9.abc"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error[share-link]: this link uses share format `v9`"),
        "{err}"
    );
    let (code, _, err) = run(&["managed", "AmazonEC2FulAccess"], "");
    assert_eq!(code, 1);
    assert!(
        err.contains("error[unknown-managed-policy]: `AmazonEC2FulAccess` is not"),
        "{err}"
    );
    assert!(
        err.contains("= help: did you mean `AmazonEC2FullAccess`?"),
        "{err}"
    );
}

#[test]
fn a_differing_expect_points_at_expect_and_exits_1() {
    let scenario = r#"{
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
  "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject",
              "resource": "arn:aws:s3:::b/k"},
  "expect": {"decision": "ImplicitDeny"}
}"#;
    let (code, out, err) = run(&["eval", "-"], scenario);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("✓ Allow"), "{out}");
    assert!(
        err.starts_with(
            "error[expect-differs]: the result differs from `expect`: decision: expected ImplicitDeny, got Allow\n  --> <stdin>:6:3\n"
        ),
        "{err}"
    );
}

#[test]
fn fix_of_an_invalid_scenario_shows_its_errors() {
    let (code, out, err) = run(&["fix", "tests/corpus/invalid/missing-effect.json"], "");
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("error[missing-element]: the statement has no `Effect`\n  --> tests/corpus/invalid/missing-effect.json:"),
        "{err}"
    );
    assert!(err.contains("= help: add `\"Effect\": \"Allow\"`"), "{err}");
}

#[test]
fn import_errors_show_the_line_they_point_at() {
    let (code, _, err) = run(&["import", "-"], "{\n  \"eventVersion\": 3\n}");
    assert_eq!(code, 2);
    assert!(err.starts_with("error["), "{err}");
    assert!(err.contains("  --> <stdin>:"), "{err}");
    assert!(err.contains(" | "), "{err}");
}
