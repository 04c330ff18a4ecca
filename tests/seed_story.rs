//! The seed story end to end with the CLI, as a user would type it: import the decoded
//! authorization message, attach AmazonEC2FullAccess by name, ask for the fix, apply it, and get
//! Allow for `iam:PassRole` to EC2; the same scenario still denies passing that role to Lambda
//! and passing another role.
#![cfg(test)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the CLI with `stdin`; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
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
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The decision line of `eval` for request `n` (1-based) of a scenario.
fn decisions(scenario: &str) -> Vec<String> {
    let (code, out, err) = run(&["eval", "-", "--format", "json"], scenario);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "evaluated", "{out}");
    v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["decision"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn import_attach_fix_apply_allow() {
    // 1. Import the decoded message (the CLI output of `aws sts decode-authorization-message`).
    let (code, imported, notes) = run(&["import", "tests/fixtures/import/decoded-cli.json"], "");
    assert_eq!(code, 0, "{notes}");
    assert!(
        imported.contains("\"aws:RequestedRegion\": \"us-east-1\""),
        "{imported}"
    );
    assert!(
        notes.contains("no policy can test `aws:Service`"),
        "{notes}"
    );
    assert_eq!(decisions(&imported), ["ImplicitDeny"]);

    // 2. Attach AmazonEC2FullAccess by name.
    let attached = imported.replace(
        "\"identity\": []",
        "\"identity\": [{\"managed\": \"AmazonEC2FullAccess\"}]",
    );
    assert_ne!(attached, imported);
    assert_eq!(decisions(&attached), ["ImplicitDeny"]);

    // 3. Ask for the fix: the PassRole statement, named role, EC2 only.
    let (code, advice, err) = run(&["fix", "-"], &attached);
    assert_eq!(code, 0, "{err}");
    assert!(
        advice.contains("Add statement `AllowIamPassRole` to a new identity-based policy"),
        "{advice}"
    );
    assert!(
        advice.contains(
            "condition: `iam:PassedToService`: the role may be passed only to `ec2.amazonaws.com`"
        ),
        "{advice}"
    );
    assert!(
        advice.contains("evaluated again, the request is allowed"),
        "{advice}"
    );

    // 4. Apply it: Allow.
    let (code, fixed, err) = run(&["fix", "--apply", "-"], &attached);
    assert_eq!(code, 0, "{err}");
    assert!(
        fixed.contains("{\"managed\": \"AmazonEC2FullAccess\"}"),
        "{fixed}"
    );
    assert!(fixed.contains("\"Action\": \"iam:PassRole\""), "{fixed}");
    assert_eq!(decisions(&fixed), ["Allow"]);

    // 5. The same policies still deny passing the role to Lambda, and passing another role.
    let lambda = fixed.replace(
        "\"ec2.amazonaws.com\"\n    }",
        "\"lambda.amazonaws.com\"\n    }",
    );
    assert_ne!(lambda, fixed, "the request's context was not found");
    assert_eq!(decisions(&lambda), ["ImplicitDeny"]);
    let other = fixed.replace(
        "\"resource\": \"arn:aws:iam::111122223333:role/EC2-roles-for-XYZ\"",
        "\"resource\": \"arn:aws:iam::111122223333:role/AdminRole\"",
    );
    assert_ne!(other, fixed);
    assert_eq!(decisions(&other), ["ImplicitDeny"]);

    // And the fix for those is not a wider grant: passing AdminRole gets its own statement
    // naming AdminRole, never `*`.
    let (_, advice, _) = run(&["fix", "--format", "json", "-"], &other);
    let v: serde_json::Value = serde_json::from_str(&advice).unwrap();
    let statement = v["requests"][0]["placements"][0]["statement"]
        .as_str()
        .unwrap();
    assert!(statement.contains("role/AdminRole\""), "{statement}");
}

/// `simulate-command`, `lint` and `redact` take the managed policy by name too.
#[test]
fn the_other_doors_take_the_managed_policy() {
    let (_, imported, _) = run(&["import", "tests/fixtures/import/decoded-cli.json"], "");
    let attached = imported.replace(
        "\"identity\": []",
        "\"identity\": [{\"managed\": \"AmazonEC2FullAccess\"}]",
    );
    let (code, cmd, err) = run(&["simulate-command", "-"], &attached);
    assert_eq!(code, 0, "{err}");
    assert!(!cmd.contains("get-policy-version"), "{cmd}");
    assert!(
        cmd.contains("# sent: the document of the AWS managed policy `AmazonEC2FullAccess`"),
        "{cmd}"
    );
    let (code, out, _) = run(&["lint", "-"], &attached);
    assert_eq!(code, 0, "{out}");
    let (code, redacted, err) = run(&["redact", "-"], &attached);
    assert_eq!(code, 0, "{err}");
    assert!(redacted.contains("{\"managed\": \"AmazonEC2FullAccess\"}"));
    assert!(!redacted.contains("test-user"), "{redacted}");
    assert_eq!(decisions(&redacted), ["ImplicitDeny"]);
    // import --into keeps the policies of the open scenario.
    let dir = std::env::temp_dir().join(format!("iam-playground-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let open = dir.join("open.json");
    std::fs::write(&open, &attached).unwrap();
    let (code, merged, notes) = run(
        &[
            "import",
            "tests/fixtures/import/decoded-cli.json",
            "--into",
            open.to_str().unwrap(),
        ],
        "",
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0, "{notes}");
    assert!(notes.contains("kept: 1 policy"), "{notes}");
    assert!(merged.contains("AmazonEC2FullAccess"));
}
