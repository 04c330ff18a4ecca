//! The CLI in Japanese: `eval`, `lint`, `test` and `lesson` take `--lang ja` or follow the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), for the answer, the words around it and every
//! error; English, the default, is unchanged.
#![cfg(test)]

#[path = "common/cli.rs"]
mod cli;
use cli::run;

const STORY: &str = "tests/corpus/passrole/passrole-1-ec2-full-access-only.json";

/// Kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn eval_reads_in_japanese_with_lang_or_the_locale() {
    let (code, english, _) = run(&["eval", STORY], &[]);
    assert_eq!(code, 0);
    assert!(english.contains("  Layers, in AWS's order:\n"), "{english}");
    assert!(
        english.contains("(decided by: identity-based)"),
        "{english}"
    );
    assert!(!has_japanese(&english), "{english}");

    let (code, ja, _) = run(&["eval", STORY, "--lang", "ja"], &[]);
    assert_eq!(code, 0);
    for words in [
        "リクエスト: arn:aws:iam::111122223333:user/test-user (User) → arn:aws:iam::111122223333:role/EC2-roles-for-XYZ に対する iam:PassRole",
        "  ✗ ImplicitDeny (決めたレイヤー: アイデンティティベース)",
        "  暗黙的な拒否: このリクエストを許可するアイデンティティベースのポリシーがありません。",
        "  レイヤー (AWS の評価順):",
        "  ステートメント:",
        "  iam:PassRole がある理由: ",
    ] {
        assert!(ja.contains(words), "{words}\n{ja}");
    }
    // Columns line up by terminal width: Japanese letters take two columns.
    let row = ja
        .lines()
        .find(|l| l.contains("アイデンティティベース "))
        .unwrap();
    assert!(
        row.starts_with("    アイデンティティベース ✗ 許可なし "),
        "{row}"
    );

    for env in [("LANG", "ja_JP.UTF-8"), ("LC_ALL", "ja_JP.UTF-8")] {
        let (_, by_locale, _) = run(&["eval", STORY], &[env]);
        assert_eq!(by_locale, ja, "{env:?}");
    }
    // `--lang` wins over the locale, both ways.
    let (_, forced, _) = run(&["eval", STORY, "--lang=en"], &[("LANG", "ja_JP.UTF-8")]);
    assert_eq!(forced, english);
}

#[test]
fn eval_json_carries_the_sentences_in_the_language_asked() {
    let (_, out, _) = run(&["eval", STORY, "--format", "json", "--lang", "ja"], &[]);
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    let summary = answer["requests"][0]["summary"].as_str().unwrap();
    assert!(summary.starts_with("暗黙的な拒否: "), "{summary}");
    // Codes and data stay as they are.
    assert_eq!(answer["requests"][0]["decision"], "ImplicitDeny");
}

#[test]
fn scenario_errors_are_located_and_in_japanese() {
    let file = "tests/corpus/invalid/effect-permit.json";
    // `eval` prints an invalid scenario's answer, its errors included, on standard output.
    let (code, english, _) = run(&["eval", file], &[]);
    assert_eq!(code, 2);
    assert!(
        english.contains("error[invalid-effect]: invalid `Effect` `Permit`"),
        "{english}"
    );
    let (code, out, _) = run(&["eval", file, "--lang", "ja"], &[]);
    assert_eq!(code, 2);
    assert!(
        out.contains("エラー[invalid-effect]: `Effect` の値 `Permit` は無効です"),
        "{out}"
    );
    assert!(
        out.contains("  = ヒント: `Effect` は `Allow` または `Deny` です"),
        "{out}"
    );
    assert!(out.contains(&format!("  --> {file}:")), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_in_japanese() {
    let path =
        std::env::temp_dir().join(format!("iam-playground-latin1-{}.json", std::process::id()));
    std::fs::write(&path, b"{\"name\": \"caf\xe9\"}").unwrap();
    let file = path.to_str().unwrap();
    for command in ["eval", "lint"] {
        let (code, out, err) = run(&[command, file, "--lang", "ja"], &[]);
        assert_eq!(code, 2, "{command}");
        let text = format!("{out}{err}");
        assert!(
            text.contains("エラー[invalid-utf8]: 13 バイト目 (1 行目、14 列目) のテキストが UTF-8 ではありません"),
            "{command}: {text}"
        );
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn lesson_check_reports_scenario_errors_in_the_language_asked() {
    let path = std::env::temp_dir().join(format!(
        "iam-playground-lesson-bad-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "iam:PassRole", "Resource": "*"}]}]}, "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole", "resource": "*"}}"#).unwrap();
    let file = path.to_str().unwrap();
    let (code, _, err) = run(
        &["lesson", "check", "passrole-2", file, "--lang", "ja"],
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("エラー[invalid-effect]: `Effect` の値 `Permit` は無効です"),
        "{err}"
    );
    let (_, _, err) = run(&["lesson", "check", "passrole-2", file], &[]);
    assert!(
        err.contains("error[invalid-effect]: invalid `Effect` `Permit`"),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn test_counts_and_failures_read_in_japanese() {
    let dir = std::env::temp_dir().join(format!("iam-playground-test-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let story = std::fs::read_to_string(STORY).unwrap();
    std::fs::write(dir.join("a-passes.json"), &story).unwrap();
    let wrong = story.replacen(
        "\"expect\"",
        "\"expect\": {\"decision\": \"Allow\"}, \"old\"",
        1,
    );
    assert_ne!(wrong, story, "the story has an `expect`");
    std::fs::write(dir.join("b-fails.json"), wrong).unwrap();
    let d = dir.to_str().unwrap();
    let (code, english, _) = run(&["test", d], &[]);
    assert_eq!(code, 1);
    assert!(
        english.starts_with(&format!("FAIL {d}/b-fails.json: ")),
        "{english}"
    );
    assert!(english.ends_with("1 passed, 1 failed\n"), "{english}");
    for env in [&[][..], &[("LANG", "ja_JP.UTF-8")][..]] {
        let args: &[&str] = if env.is_empty() {
            &["test", d, "--lang", "ja"]
        } else {
            &["test", d]
        };
        let (code, ja, _) = run(args, env);
        assert_eq!(code, 1);
        assert!(ja.starts_with(&format!("失敗 {d}/b-fails.json: ")), "{ja}");
        assert!(ja.ends_with("成功 1 件、失敗 1 件\n"), "{ja}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The PassRole story's narrowed policy, read in Japanese: the statement's false conditions
/// say why, in Japanese, each beside its operator and key as written.
#[test]
fn eval_explains_false_conditions_in_japanese() {
    let file = "tests/corpus/passrole/passrole-4-narrowed-lambda-denied.json";
    let (code, english, _) = run(&["eval", file], &[]);
    assert_eq!(code, 0);
    assert!(
        english.contains("        ✗ StringEquals `iam:PassedToService`: `iam:PassedToService` is `lambda.amazonaws.com`, which matches none of the values of StringEquals\n"),
        "{english}"
    );
    let (code, ja, _) = run(&["eval", file, "--lang", "ja"], &[]);
    assert_eq!(code, 0);
    for line in [
        "        ✗ StringEquals `iam:PassedToService`: `iam:PassedToService` は `lambda.amazonaws.com` で、StringEquals のどの値にも一致しません\n",
        "        ✗ StringLike `iam:AssociatedResourceARN`: `iam:AssociatedResourceARN` は `arn:aws:lambda:us-east-1:111122223333:function:f` で、StringLike のどの値にも一致しません\n",
        "        ✓ Action: `iam:PassRole` は `iam:PassRole` を対象に含みます\n",
        "        ✗ Action: Action のどのパターンも `iam:PassRole` を対象に含みません\n",
    ] {
        assert!(ja.contains(line), "{line}\n{ja}");
    }
    // No statement line is left in English.
    for english_words in ["covers", "matches none", "is not in the request"] {
        assert!(!ja.contains(english_words), "{english_words}\n{ja}");
    }
}

/// What differs from `expect` reads in Japanese in `test` (each difference, and a scenario
/// that is invalid) and in `eval` (its `expect-differs` errors), and as before in English.
#[test]
fn expectation_failures_read_in_japanese() {
    let dir = std::env::temp_dir().join(format!("iam-playground-expect-ja-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let story = std::fs::read_to_string(STORY).unwrap();
    let wrong = story.replacen(
        "\"expect\"",
        "\"expect\": {\"decision\": \"Allow\", \"matched\": [\"PassAny\"]}, \"old\"",
        1,
    );
    let wrong_file = dir.join("a-wrong.json");
    std::fs::write(&wrong_file, &wrong).unwrap();
    std::fs::write(dir.join("b-invalid.json"), r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "iam:PassRole", "Resource": "*"}]}]}, "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole", "resource": "*"}, "expect": {"decision": "Allow"}}"#).unwrap();
    let d = dir.to_str().unwrap();

    let (code, english, _) = run(&["test", d], &[]);
    assert_eq!(code, 1);
    assert!(english.contains(": decision: expected Allow, got ImplicitDeny; matched statements: expected [PassAny], got []\n"), "{english}");
    assert!(english.contains("b-invalid.json: the scenario is invalid: 1:79: invalid `Effect` `Permit` [invalid-effect]\n"), "{english}");

    let (code, ja, _) = run(&["test", d, "--lang", "ja"], &[]);
    assert_eq!(code, 1);
    assert!(
        ja.contains(": 判定: 期待値は Allow、実際は ImplicitDeny です; 決め手のステートメント: 期待値は [PassAny]、実際は [] です\n"),
        "{ja}"
    );
    assert!(
        ja.contains("b-invalid.json: シナリオが無効です: 1:79: `Effect` の値 `Permit` は無効です [invalid-effect]\n"),
        "{ja}"
    );
    for english_words in ["expected", "got", "invalid:"] {
        assert!(!ja.contains(english_words), "{english_words}\n{ja}");
    }

    // A file without `expect`, in the JSON report's words.
    std::fs::write(dir.join("c-no-expect.json"), r#"{"policies": {}, "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}}"#).unwrap();
    let (_, json, _) = run(&["test", d, "--format", "json", "--lang", "ja"], &[]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let skipped = &report["files"][2]["cases"][0];
    assert_eq!(skipped["status"], "skipped", "{json}");
    assert_eq!(skipped["name"], "シナリオ");
    assert_eq!(skipped["problems"][0], "シナリオに `expect` がありません");

    let file = wrong_file.to_str().unwrap();
    let (code, _, err) = run(&["eval", file, "--lang", "ja"], &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("エラー[expect-differs]: 結果が `expect` と異なります: 判定: 期待値は Allow、実際は ImplicitDeny です\n"),
        "{err}"
    );
    let (_, _, err) = run(&["eval", file], &[]);
    assert!(
        err.contains("error[expect-differs]: the result differs from `expect`: decision: expected Allow, got ImplicitDeny\n"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The CLI's own errors for `eval`, `test` and `lesson` (a missing file, a wrong option or
/// operand, an unknown lesson or hint) read in Japanese, with the usage as help.
#[test]
fn command_line_errors_read_in_japanese() {
    let cases: [(&[&str], &str); 6] = [
        (&["eval", "x", "y"], "エラー[usage]: eval にはファイル 1 つ (標準入力は `-`) を指定してください\n  = ヒント: 使い方: iam-playground eval [FILE|-] [--format text|json] [--lang en|ja]。詳しくは `iam-playground --help` を参照してください\n"),
        (&["eval", "--frob"], "エラー[usage]: 不明なオプション `--frob` です\n"),
        (&["test", "no-such-dir"], "エラー[cannot-read]: `no-such-dir` は存在しません\n"),
        (&["test", "--format", "xml", "x"], "エラー[usage]: --format には `text`、`junit` または `json` を指定してください\n"),
        (&["lesson", "show", "passrole-x"], "エラー[unknown-lesson]: レッスン `passrole-x` はありません\n  = ヒント: `passrole-1` ではありませんか?\n"),
        (&["lesson", "show", "passrole-3", "--hint", "9"], "エラー[unknown-hint]: レッスン `passrole-3` のヒントは 1 から 3 までです (`9` はありません)\n"),
    ];
    for (args, want) in cases {
        let (code, _, ja) = run(args, &[("LANG", "ja_JP.UTF-8")]);
        assert_eq!(code, 2, "{args:?}");
        assert!(ja.starts_with(want), "{args:?}\n{ja}");
        let (_, _, english) = run(args, &[]);
        assert!(english.starts_with("error["), "{args:?}\n{english}");
        assert!(!has_japanese(&english), "{args:?}\n{english}");
    }
}

#[test]
fn bundle_reads_in_japanese_with_lang_or_the_locale() {
    let (code, english, _) = run(&["bundle", "ec2-run-instances"], &[]);
    assert_eq!(code, 0);
    assert!(
        english.contains(
            "\"name\": \"Launch an EC2 instance with an instance profile (ec2:RunInstances)\""
        ),
        "{english}"
    );
    assert!(!has_japanese(&english), "{english}");

    let (code, ja, _) = run(&["bundle", "ec2-run-instances", "--lang", "ja"], &[]);
    assert_eq!(code, 0);
    assert!(
        ja.contains("\"name\": \"インスタンスプロファイル付きで EC2 インスタンスを起動する (ec2:RunInstances)\""),
        "{ja}"
    );
    assert!(
        ja.contains("7. インスタンスプロファイルのロールを EC2 に渡す ("),
        "{ja}"
    );
    let (_, by_locale, _) = run(&["bundle", "ec2-run-instances"], &[("LANG", "ja_JP.UTF-8")]);
    assert_eq!(by_locale, ja);

    let (code, list, _) = run(&["bundle", "--list", "--lang", "ja"], &[]);
    assert_eq!(code, 0);
    assert!(
        list.contains("実行ロール付きで Lambda 関数を作成する (lambda:CreateFunction)"),
        "{list}"
    );
    let (_, list_en, _) = run(&["bundle", "--list"], &[]);
    assert!(
        list_en.contains("Create a Lambda function with an execution role"),
        "{list_en}"
    );
    assert!(!has_japanese(&list_en), "{list_en}");
}
