//! The account reader and the PassRole map in Japanese: every note and diagnostic they write
//! as a catalog message reads in Japanese (kana or kanji, no unfilled placeholder, not the
//! English), and English stays what the reader wrote.

#![cfg(test)]

mod account_files;
#[path = "common/aws.rs"]
mod aws;

use account_files::{arn, story, Entity, File, Form};
use aws::{catalog, managed};
use iam_playground::answer::diagnostics_out;
use iam_playground::i18n::Lang;
use iam_playground::tools::account::{Account, PassRoleMap, RequestSpec};

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// `ja` is a Japanese sentence of its own: not `en`, with kana or kanji, every placeholder
/// filled.
fn japanese(en: &str, ja: &str) {
    assert_ne!(en, ja, "not translated: {en}");
    assert!(has_japanese(ja), "{ja}");
    assert!(!ja.contains('{'), "unfilled: {ja}");
}

/// An account that leaves out all it can: an AWS managed policy nowhere, a customer managed
/// policy not in the file, a group not in the file, a boundary nowhere, a principal of
/// another account, and one page of a longer listing.
fn gaps() -> String {
    let mut f = File::new(Form::Cli);
    f.truncated = true;
    f.user(
        Entity::new("gina")
            .attach("arn:aws:iam::aws:policy/NoSuchAwsPolicy")
            .attach(&arn("policy/NotInTheFile"))
            .group("ghosts")
            .boundary(&arn("policy/NoBoundary")),
    );
    f.user(Entity::new("hal"));
    let account = arn("user/hal").split(':').nth(4).unwrap().to_string();
    f.text().replace(
        &arn("user/hal"),
        &arn("user/hal").replace(&account, "444455556666"),
    )
}

#[test]
fn every_account_note_reads_in_japanese() {
    let text = gaps();
    let mut checked = 0;
    for managed in [Some(managed()), None] {
        let account = Account::read(text.clone(), managed).unwrap();
        let notes = diagnostics_out(account.text(), account.diagnostics.clone());
        let codes: Vec<&str> = notes.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"account-truncated"), "{codes:?}");
        for en in notes {
            let mut ja = en.clone();
            ja.localize(Lang::Ja);
            japanese(&en.message, &ja.message);
            japanese(en.help.as_deref().unwrap(), ja.help.as_deref().unwrap());
            checked += 1;
        }
        let en = account.summaries();
        let ja = account.summaries_in(Lang::Ja);
        assert_eq!(en[0].left_out.len(), 4, "{:?}", en[0].left_out);
        for (e, j) in en[0].left_out.iter().zip(&ja[0].left_out) {
            japanese(e, j);
            checked += 1;
        }
    }
    // Two unresolved policies and the other account, each time; the listing cut once.
    assert!(checked >= 2 * 4 + 2 * 4, "{checked}");
}

#[test]
fn the_scenario_and_its_notes_read_in_japanese() {
    let account = Account::read(gaps(), Some(managed())).unwrap();
    let gina = account.find("gina").unwrap();
    let (en_text, en_notes) = account.scenario(gina, None);
    let (ja_text, ja_notes) = account.scenario_in(gina, None, Lang::Ja);
    assert_eq!(en_notes.len(), 5, "{en_notes:?}"); // four left out, no request
    for (e, j) in en_notes.iter().zip(&ja_notes) {
        japanese(e, j);
    }
    let field = |text: &str, name: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v[name].as_str().unwrap().to_string()
    };
    for name in ["name", "description"] {
        japanese(&field(&en_text, name), &field(&ja_text, name));
    }
    assert!(field(&en_text, "description").contains(" Left out: group `ghosts`: not in"));

    // Assuming what is not a role of the account.
    let spec = RequestSpec {
        action: "sts:AssumeRole".into(),
        resource: arn("role/nowhere"),
        context: Vec::new(),
    };
    let (_, en) = account.scenario(gina, Some(&spec));
    let (_, ja) = account.scenario_in(gina, Some(&spec), Lang::Ja);
    assert!(en.last().unwrap().contains("is not a role of this account"));
    japanese(en.last().unwrap(), ja.last().unwrap());

    // A principal not found: the error and its help.
    let e = account.find("ginaa").unwrap_err();
    let mut out = diagnostics_out("", vec![e]);
    let en = out[0].clone();
    out[0].localize(Lang::Ja);
    japanese(&en.message, &out[0].message);
    japanese(en.help.as_deref().unwrap(), out[0].help.as_deref().unwrap());
}

#[test]
fn the_passrole_maps_notes_read_in_japanese() {
    let account = Account::read(gaps(), Some(managed())).unwrap();
    let mut map = PassRoleMap::compute(&account, catalog(), &mut |_| {});
    let en = map.notes.clone();
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(en[0].starts_with("user gina: `arn:aws:iam::aws:policy/NoSuchAwsPolicy`: neither"));
    assert!(en[0].contains("; group `ghosts`: not in"), "{}", en[0]);
    map.localize(Lang::Ja);
    japanese(&en[0], &map.notes[0]);
    assert!(
        map.notes[0].starts_with("ユーザー gina:"),
        "{}",
        map.notes[0]
    );
    map.localize(Lang::En);
    assert_eq!(map.notes, en);

    // The story's map has no notes in either language.
    let story = Account::read(story(Form::Cli, "v1").text(), Some(managed())).unwrap();
    let mut m = PassRoleMap::compute(&story, catalog(), &mut |_| {});
    m.localize(Lang::Ja);
    assert!(m.notes.is_empty());
}

/// `account --lang ja` and `passrole --lang ja`: the notes on standard error in Japanese,
/// English without `--lang` (and without a Japanese environment).
#[test]
fn the_commands_take_lang() {
    let dir = std::env::temp_dir().join(format!(
        "iam-playground-account-languages-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gaps.json");
    std::fs::write(&path, gaps()).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_iam-playground"))
            .args(args)
            .arg(&path)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let en = run(&["passrole"]);
    let ja = run(&["passrole", "--lang", "ja"]);
    assert!(en.contains("left out of the map: user gina:"), "{en}");
    assert!(en.contains("is in neither the file's `Policies`"), "{en}");
    assert!(ja.contains("マップから除外: ユーザー gina:"), "{ja}");
    assert!(
        ja.contains("組み込みの AWS 管理ポリシーのスナップショットにもありません"),
        "{ja}"
    );
    assert!(!ja.contains("is in neither"), "{ja}");
    let ja = run(&["account", "--lang", "ja", "--principal", "gina"]);
    assert!(ja.contains("リクエストがありません"), "{ja}");
    let ja = run(&["account", "--lang", "ja"]);
    assert!(ja.contains("アカウント 444455556666"), "{ja}");
}
