//! Runs the lint cases of `tests/lint/`: `CODE[.variant].trigger.json` must report `CODE`,
//! `CODE[.variant].near.json` must not. Every code of `docs/lint-codes.md` has both. Reports
//! every failure, then fails once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::tools::lint::lint_with;
use iam_playground::AwsData;

#[test]
fn lint_corpus() {
    let catalog = Catalog::from_json(include_str!("../data/catalog.json")).unwrap();
    let managed =
        ManagedPolicies::from_json(include_str!("../data/managed-policies.json")).unwrap();
    let data = AwsData {
        catalog: Some(&catalog),
        managed: Some(&managed),
    };
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
