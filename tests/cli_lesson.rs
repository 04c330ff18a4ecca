//! `iam-playground lesson`, run as a workshop participant would run it, in both languages.
#![cfg(test)]

#[path = "common/cli.rs"]
mod cli;
use cli::run;

fn scenario_file(name: &str, args: &[&str]) -> String {
    let (code, out, err) = run(args, &[]);
    assert_eq!(code, 0, "{err}");
    let path = std::env::temp_dir().join(format!(
        "iam-playground-lesson-{}-{name}",
        std::process::id()
    ));
    std::fs::write(&path, out).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn list_as_json_is_ids_and_titles_in_the_language_asked() {
    let (code, out, _) = run(&["lesson", "list", "--format", "json"], &[]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = list.as_array().unwrap();
    assert!(list.len() >= 10);
    assert_eq!(list[2]["id"], "passrole-3");
    assert_eq!(list[2]["title"], "Only to EC2: iam:PassedToService");
    assert_eq!(list[2].as_object().unwrap().len(), 2);
    let (_, out, _) = run(&["lesson", "list", "--format=json", "--lang", "ja"], &[]);
    assert!(out.contains("EC2 にだけ渡す"), "{out}");
    let (_, out, _) = run(&["lesson", "list"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(out.contains("個のレッスン"), "{out}");
}

#[test]
fn check_prints_one_line_per_goal_and_exits_0_only_when_all_hold() {
    let start = scenario_file("start", &["lesson", "show", "passrole-3", "--start"]);
    let (code, out, _) = run(&["lesson", "check", "passrole-3", &start], &[]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[0].starts_with("✓ goal 1:"), "{out}");
    assert!(
        lines[1].starts_with("✗ goal 2: passing the role to Lambda must stay denied"),
        "{out}"
    );
    assert!(lines[1].ends_with("got Allow)"), "{out}");
    assert_eq!(lines[4], "2 of 4 goals do not hold yet.");

    let solution = scenario_file("solution", &["lesson", "show", "passrole-3", "--solution"]);
    let (code, out, _) = run(
        &["lesson", "check", "passrole-3", &solution, "--lang", "ja"],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines().take(4).all(|l| l.starts_with("✓ 目標")),
        "{out}"
    );
    assert!(out.contains("レッスン passrole-3 を完了しました"), "{out}");
    let _ = std::fs::remove_file(start);
    let _ = std::fs::remove_file(solution);
}

#[test]
fn a_scenario_with_errors_exits_2_and_shows_where() {
    let (code, out, err) = run(&["lesson", "check", "passrole-1", "tests/lessons.rs"], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("error[json-syntax]"), "{err}");
    assert!(out.contains("not checked"), "{out}");
}

#[test]
fn unknown_lessons_and_options_are_usage_errors() {
    let (code, _, err) = run(&["lesson", "show", "passrole-33"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `passrole-3`?"), "{err}");
    let (code, _, err) = run(&["lesson", "list", "--lang", "fr"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang takes `en` or `ja`"), "{err}");
    let (code, _, err) = run(&["lesson", "show", "passrole-1", "--hint", "9"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("hints 1 to 3"), "{err}");
}

#[test]
fn show_reads_the_lesson_with_its_aws_pages_in_each_language() {
    let (code, out, _) = run(&["lesson", "show", "passrole-7"], &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("passrole-7: A permissions boundary caps what can be passed"));
    assert!(out.contains(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"
    ));
    let (_, out, _) = run(
        &["lesson", "show", "passrole-7"],
        &[("LC_ALL", "ja_JP.UTF-8")],
    );
    assert!(out.contains("アクセス許可の境界"), "{out}");
    assert!(out.contains(
        "https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/access_policies_boundaries.html"
    ));
    let (_, out, _) = run(
        &[
            "lesson",
            "show",
            "passrole-7",
            "--hint",
            "1",
            "--lang",
            "ja",
        ],
        &[],
    );
    assert!(out.starts_with("ヒント 1/3:"), "{out}");
}

/// Lint findings are catalog messages: Japanese with `--lang ja` or a Japanese `LANG`, the
/// same English as always otherwise.
#[test]
fn lint_speaks_japanese_when_asked_and_english_by_default() {
    let file = "tests/lint/passrole-wildcard-resource.trigger.json";
    let (code, out, _) = run(&["lint", file], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("this statement allows `iam:PassRole` on every role (`Resource: \"*\"`), to any service"), "{out}");
    assert!(
        out.ends_with("0 errors, 1 security warning, 0 warnings, 0 suggestions\n"),
        "{out}"
    );
    let (_, out, _) = run(&["lint", file, "--lang", "ja"], &[]);
    assert!(out.contains("このステートメントは、すべてのロール (`Resource: \"*\"`) に対する `iam:PassRole` を、任意のサービスに対して許可しています"), "{out}");
    assert!(out.contains("セキュリティ警告 1 件"), "{out}");
    let (_, out, _) = run(
        &["lint", "tests/lint/unknown-action.trigger.json"],
        &[("LANG", "ja_JP.UTF-8")],
    );
    assert!(
        out.contains("`iam:PasRole` は `iam` のアクションではありません"),
        "{out}"
    );
    assert!(out.contains("`iam:PassRole` ではありませんか?"), "{out}");
}
