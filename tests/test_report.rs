//! `iam-playground test --format junit|json` on a folder of examples with one failing
//! scenario: the JUnit XML is read back by a real XML parser (roxmltree, which refuses
//! malformed XML), with the right counts, one test case per file and request, and the failure
//! message on the failing case only.
#![cfg(test)]

use std::path::{Path, PathBuf};
use std::process::Command;

const PASSROLE: &str = "tests/corpus/passrole/passrole-2-allow-passrole-on-role.json";
const MULTI: &str = "tests/corpus/requests";

/// A folder with: the PassRole story's fix (passes), the same with a wrong expectation and a
/// name full of markup and a control character (fails), every multi-request corpus case (one
/// case per request), and a scenario without `expect` (skipped).
fn examples(tag: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!(
        "iam-playground-report-{tag}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("requests")).unwrap();
    let story = std::fs::read_to_string(root.join(PASSROLE)).unwrap();
    std::fs::write(dir.join("a-passes.json"), &story).unwrap();
    let mut wrong: serde_json::Value = serde_json::from_str(&story).unwrap();
    wrong["name"] = "Wrong <on purpose> & \"quoted\" \u{1}".into();
    wrong["expect"] = serde_json::json!({"decision": "ImplicitDeny"});
    std::fs::write(
        dir.join("b-fails.json"),
        serde_json::to_string_pretty(&wrong).unwrap(),
    )
    .unwrap();
    for entry in std::fs::read_dir(root.join(MULTI)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("requests").join(path.file_name().unwrap())).unwrap();
    }
    let mut plain: serde_json::Value = serde_json::from_str(&story).unwrap();
    plain.as_object_mut().unwrap().remove("expect");
    std::fs::write(dir.join("c-no-expect.json"), plain.to_string()).unwrap();
    dir
}

fn run(dir: &Path, format: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iam-playground"))
        .args(["test", dir.to_str().unwrap(), "--format", format])
        // English whatever the machine's locale (the CLI follows LC_ALL, LC_MESSAGES, LANG).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The number of requests of each multi-request corpus file, and their sum.
fn multi_requests() -> (usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(MULTI);
    let mut files = 0;
    let mut requests = 0;
    for entry in std::fs::read_dir(root).unwrap() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        files += 1;
        requests += v["requests"].as_array().map_or(1, Vec::len);
    }
    (files, requests)
}

fn attr<T: std::str::FromStr>(node: roxmltree::Node, name: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    node.attribute(name)
        .unwrap_or_else(|| panic!("no `{name}` on <{}>", node.tag_name().name()))
        .parse()
        .unwrap()
}

#[test]
fn junit_report_counts_cases_and_names_the_failure() {
    let dir = examples("junit");
    let (code, xml) = run(&dir, "junit");
    assert_eq!(code, 1, "one scenario fails, so the run fails");
    let doc = roxmltree::Document::parse(&xml).expect("the report is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");

    let (multi_files, _) = multi_requests();
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 3 + multi_files, "one testsuite per file");

    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(attr::<usize>(root, "tests"), cases.len());
    assert_eq!(attr::<usize>(root, "failures"), 1);
    assert_eq!(attr::<usize>(root, "errors"), 0);
    assert_eq!(attr::<usize>(root, "skipped"), 1);
    for suite in &suites {
        let own = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .count();
        assert_eq!(attr::<usize>(*suite, "tests"), own);
    }

    // Exactly one failure, on the failing file's one request, with what differs.
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1);
    let failure = failures[0];
    let case = failure.parent().unwrap();
    assert!(attr::<String>(case, "classname").ends_with("b-fails.json"));
    assert_eq!(
        attr::<String>(case, "name"),
        "iam:PassRole on arn:aws:iam::111122223333:role/EC2-roles-for-XYZ"
    );
    assert_eq!(
        failure.attribute("message"),
        Some("decision: expected ImplicitDeny, got Allow")
    );
    let body = failure.text().unwrap();
    assert!(
        body.contains("decision: expected ImplicitDeny, got Allow"),
        "{body}"
    );
    assert!(body.contains("PassEc2Role"), "the engine's summary: {body}");
    // The line of the request in the file, for CI annotations.
    let line: usize = attr(case, "line");
    let text = std::fs::read_to_string(dir.join("b-fails.json")).unwrap();
    assert!(text.lines().nth(line - 1).unwrap().contains("\"request\""));

    // The scenario's name survives markup; the control character XML cannot hold is replaced.
    let failing_suite = case.parent().unwrap();
    let property = failing_suite
        .descendants()
        .find(|n| n.has_tag_name("property"))
        .unwrap();
    assert_eq!(
        property.attribute("value"),
        Some("Wrong <on purpose> & \"quoted\" \u{fffd}")
    );

    // Multi-request files: one test case per request (plus the combined expectation).
    for suite in suites
        .iter()
        .filter(|s| attr::<String>(**s, "name").contains("requests"))
    {
        let path: String = attr(*suite, "name");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let requests = v["requests"].as_array().map_or(1, Vec::len);
        let names: Vec<String> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| attr(n, "name"))
            .collect();
        let per_request = names.iter().filter(|n| n.starts_with("request ")).count();
        if v["expect"]["requests"].is_array() {
            assert_eq!(per_request, requests, "{path}: {names:?}");
        }
    }

    // The file without `expect` is skipped, not passed.
    let skipped: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .collect();
    assert_eq!(skipped.len(), 1);
    assert!(attr::<String>(skipped[0].parent().unwrap(), "classname").ends_with("c-no-expect.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_report_has_the_same_counts() {
    let dir = examples("json");
    let (code, text) = run(&dir, "json");
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["format"], "iam-playground-test-report/1");
    let (multi_files, _) = multi_requests();
    let summary = &report["summary"];
    assert_eq!(summary["files"], 3 + multi_files);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["skipped"], 1);
    let cases: usize = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cases"].as_array().unwrap().len())
        .sum();
    assert_eq!(summary["tests"], cases);
    let failed: Vec<&serde_json::Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0]["cases"][0]["problems"][0],
        "decision: expected ImplicitDeny, got Allow"
    );
    assert_eq!(failed[0]["cases"][0]["request"], 0);

    // The text form says the same in one line per failure.
    let (code, lines) = run(&dir, "text");
    assert_eq!(code, 1);
    assert!(
        lines.contains("b-fails.json: decision: expected ImplicitDeny, got Allow"),
        "{lines}"
    );
    assert!(
        lines.ends_with(&format!(
            "{} passed, 1 failed, 1 skipped\n",
            1 + multi_files
        )),
        "{lines}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_invalid_scenario_is_an_error_case_with_its_place() {
    let dir = std::env::temp_dir().join(format!(
        "iam-playground-report-invalid-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.json"),
        r#"{"policies": {"identity": [{"Version": "2012-10-17",
  "Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}}]},
 "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
 "expect": {"decision": "Allow"}}"#,
    )
    .unwrap();
    let (code, xml) = run(&dir, "junit");
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let error = doc.descendants().find(|n| n.has_tag_name("error")).unwrap();
    assert_eq!(error.attribute("type"), Some("invalid-scenario"));
    assert!(error
        .attribute("message")
        .unwrap()
        .contains("2:27: invalid `Effect` `allow`"));
    assert!(error
        .text()
        .unwrap()
        .contains("help: did you mean `Allow`?"));
    assert_eq!(error.parent().unwrap().attribute("line"), Some("2"));
    assert_eq!(doc.root_element().attribute("errors"), Some("1"));
    let _ = std::fs::remove_dir_all(&dir);
}
