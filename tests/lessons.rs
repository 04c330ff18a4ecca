//! Every shipped lesson: it reads, its start fails a goal, its solution meets them all, and
//! for the PassRole lessons the quick fix `"Resource": "*"` does not pass.
#![cfg(test)]

use iam_playground::tools::lesson::{self, Lesson};
use iam_playground::AwsData;
use serde_json::{json, Value};

fn with_identity_policy(scenario: &str, policy: Value) -> String {
    let mut v: Value = serde_json::from_str(scenario).unwrap();
    let identity = v["policies"]
        .as_object_mut()
        .unwrap()
        .entry("identity")
        .or_insert_with(|| json!([]));
    identity.as_array_mut().unwrap().push(policy);
    serde_json::to_string_pretty(&v).unwrap()
}

fn pass_any_role() -> Value {
    json!({"Version": "2012-10-17",
           "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]})
}

fn failing_goals(lesson: &Lesson, scenario: &str) -> Vec<usize> {
    let report = lesson::check(lesson, scenario, AwsData::default());
    assert!(
        report.errors.is_empty(),
        "{}: the scenario has errors: {:?}",
        lesson.id,
        report.errors
    );
    report
        .goals
        .iter()
        .filter(|g| !g.holds)
        .map(|g| g.index + 1)
        .collect()
}

#[test]
fn there_are_at_least_ten_lessons_and_every_file_is_shipped() {
    let lessons = lesson::all();
    assert!(lessons.len() >= 10, "{} lessons", lessons.len());
    assert_eq!(
        lessons.len(),
        lesson::BUILTIN.len(),
        "a shipped lesson does not read"
    );
    let mut files: Vec<String> = std::fs::read_dir("lessons")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    files.sort();
    let mut ids = lesson::ids();
    ids.sort();
    assert_eq!(
        files, ids,
        "lessons/ and lesson::BUILTIN list other lessons"
    );
    for l in &lessons {
        let (_, text) = lesson::BUILTIN.iter().find(|(id, _)| *id == l.id).unwrap();
        assert!(
            text.contains(&format!("\"id\": \"{}\"", l.id)),
            "{}: the file's id differs from its name",
            l.id
        );
    }
}

#[test]
fn every_lesson_file_reads_without_error() {
    for (id, text) in lesson::BUILTIN {
        if let Err(diags) = lesson::parse(text) {
            panic!("lessons/{id}.json: {diags:?}");
        }
    }
}

#[test]
fn every_start_fails_a_goal_and_every_solution_meets_all() {
    for l in lesson::all() {
        let failing = failing_goals(&l, &l.start);
        assert!(
            !failing.is_empty(),
            "{}: the start already meets every goal",
            l.id
        );
        let report = lesson::check(&l, &l.solution, AwsData::default());
        let failing: Vec<_> = report.goals.iter().filter(|g| !g.holds).collect();
        assert!(
            report.finished && failing.is_empty(),
            "{}: the solution fails {failing:#?}",
            l.id
        );
    }
}

/// Lessons 2–5 and 8 teach narrowing PassRole: the quick fix must not pass them.
#[test]
fn passrole_on_every_resource_does_not_pass_the_passrole_lessons() {
    for id in [
        "passrole-2",
        "passrole-3",
        "passrole-4",
        "passrole-5",
        "passrole-8",
    ] {
        let l = lesson::builtin(id).unwrap();
        let start = with_identity_policy(&l.start, pass_any_role());
        assert!(
            !failing_goals(&l, &start).is_empty(),
            "{id}: the start plus PassRole on * meets every goal"
        );
    }
    // Stronger for 2–5: even the reference solution fails once PassRole on * is added.
    for id in ["passrole-2", "passrole-3", "passrole-4", "passrole-5"] {
        let l = lesson::builtin(id).unwrap();
        let solution = with_identity_policy(&l.solution, pass_any_role());
        assert!(
            !failing_goals(&l, &solution).is_empty(),
            "{id}: the solution plus PassRole on * still meets every goal"
        );
    }
}

#[test]
fn a_scenario_with_an_error_finishes_nothing() {
    let l = lesson::builtin("passrole-2").unwrap();
    let broken = l
        .solution
        .replacen("\"Effect\": \"Allow\"", "\"Effect\": \"Alow\"", 1);
    let report = lesson::check(&l, &broken, AwsData::default());
    assert!(!report.finished);
    assert!(!report.errors.is_empty());
    assert!(report
        .goals
        .iter()
        .all(|g| !g.holds && g.decision.is_none()));
}

/// A goal that names a kind of policy is met only by that kind: in lesson 7, denying
/// `AdminRole` in the identity-based policy instead of the boundary does not count.
#[test]
fn a_goal_by_a_policy_kind_is_not_met_by_another_kind() {
    let l = lesson::builtin("passrole-7").unwrap();
    let deny_in_identity = with_identity_policy(
        &l.start,
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:PassRole",
            "NotResource": "arn:aws:iam::111122223333:role/app/*"}]}),
    );
    let failing = failing_goals(&l, &deny_in_identity);
    assert_eq!(failing, vec![3, 4], "only the boundary goals fail");
}

/// Goals use their own requests: deleting the scenario's requests changes nothing.
#[test]
fn goals_do_not_depend_on_the_scenarios_requests() {
    let l = lesson::builtin("passrole-3").unwrap();
    let mut v: Value = serde_json::from_str(&l.solution).unwrap();
    v["requests"] = json!([{"principal": "arn:aws:iam::111122223333:user/test-user",
        "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]);
    let report = lesson::check(&l, &v.to_string(), AwsData::default());
    assert!(report.finished);
}

#[test]
fn every_lesson_cites_aws_documentation_and_has_hints_in_both_languages() {
    for l in lesson::all() {
        assert!(!l.docs.is_empty(), "{}", l.id);
        for d in &l.docs {
            assert!(
                d.url.starts_with("https://docs.aws.amazon.com/"),
                "{}",
                d.url
            );
            assert!(d
                .url(iam_playground::i18n::Lang::Ja)
                .starts_with("https://docs.aws.amazon.com/ja_jp/"));
        }
        assert!(!l.hints.is_empty(), "{}", l.id);
        for h in &l.hints {
            // A Japanese text is Japanese, not a copy of the English.
            assert_ne!(h.en, h.ja, "{}: a hint is not translated", l.id);
        }
        for g in &l.goals {
            assert_ne!(
                g.reason.en, g.reason.ja,
                "{}: a goal is not translated",
                l.id
            );
        }
    }
}

/// The page checks with the lesson file's text (as fetched); a broken lesson file says where.
#[test]
fn check_text_reads_the_lesson_file_and_reports_its_errors() {
    let (_, text) = lesson::BUILTIN[2];
    let l = lesson::parse(text).unwrap();
    let report = lesson::check_text(text, &l.solution, AwsData::default()).unwrap();
    assert!(report.finished);
    assert_eq!(report.lesson, "passrole-3");
    let broken = text.replacen("\"decision\": \"Allow\"", "\"decision\": \"Alow\"", 1);
    let errors = lesson::check_text(&broken, &l.solution, AwsData::default()).unwrap_err();
    assert_eq!(errors[0].path.as_deref(), Some("/goals/0/decision"));
    assert!(errors[0].location.is_some());
}
