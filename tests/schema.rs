//! The JSON Schema of scenarios against the engine: `docs/scenario.schema.json` is exactly what
//! the engine's tables give (`iam-playground schema`), and every broken scenario of
//! `tests/schema/broken.json` is rejected by the engine for its stated reason. (The same table
//! is run through Ajv against the schema by `tests/docs/schema.test.mjs`.)
#![cfg(test)]

use std::path::Path;

use iam_playground::answer::result::Status;
use iam_playground::diagnostic::Severity;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_schema_file_is_what_the_engine_generates() {
    let path = root().join("docs/scenario.schema.json");
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = iam_playground::parse::schema::scenario_schema_text();
    assert!(
        written == generated,
        "docs/scenario.schema.json differs from the engine's tables: regenerate it with\n  cargo run -- schema > docs/scenario.schema.json"
    );
    // It is JSON, and a draft 2020-12 schema.
    let schema: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn broken_scenarios_are_rejected_by_the_engine_for_their_reason() {
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schema/broken.json")).unwrap(),
    )
    .unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    let mut problems = Vec::new();
    for case in cases {
        let reason = case["reason"].as_str().unwrap();
        let text = serde_json::to_string_pretty(&case["scenario"]).unwrap();
        let answer = iam_playground::evaluate(&text);
        let codes = |severity: Severity| -> Vec<&str> {
            answer
                .diagnostics
                .iter()
                .filter(|d| (d.severity == Severity::Error) == (severity == Severity::Error))
                .map(|d| d.code)
                .collect()
        };
        if let Some(code) = case["engine"]["error"].as_str() {
            if answer.status != Status::Invalid || !codes(Severity::Error).contains(&code) {
                problems.push(format!(
                    "{reason}: expected the error `{code}`, got status {:?} with errors {:?}",
                    answer.status,
                    codes(Severity::Error)
                ));
            }
        } else if let Some(code) = case["engine"]["warning"].as_str() {
            if answer.status != Status::Evaluated || !codes(Severity::Warning).contains(&code) {
                problems.push(format!(
                    "{reason}: expected a decision with the warning `{code}`, got status {:?} with {:?}",
                    answer.status,
                    codes(Severity::Warning)
                ));
            }
        } else {
            problems.push(format!("{reason}: the case names no engine outcome"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The unbroken base of the table is valid, so each case is wrong only for its own reason.
#[test]
fn the_table_starts_from_a_valid_scenario() {
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schema/broken.json")).unwrap(),
    )
    .unwrap();
    let first = &table["cases"][0]["scenario"];
    let mut fixed = first.clone();
    fixed["policies"]["identity"][0]["Statement"][0]["Effect"] = "Allow".into();
    let answer = iam_playground::evaluate(&fixed.to_string());
    assert_eq!(answer.status, Status::Evaluated, "{:?}", answer.diagnostics);
    assert!(answer.diagnostics.is_empty(), "{:?}", answer.diagnostics);
}
