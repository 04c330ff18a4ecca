//! Fix suggestions in Japanese: every sentence of a fix report that is a catalog message (the
//! explanation, each note, each placement's reason, each condition line, each near miss and its
//! differences) reads in Japanese, and English stays what the fixer wrote.
#![cfg(test)]

mod common;

use std::path::Path;

use common::collect;

use iam_playground::aws::catalog::Catalog;
use iam_playground::i18n::Lang;
use iam_playground::tools::fix::{suggest_fixes_with, FixKind, FixReport};
use iam_playground::AwsData;

fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).unwrap())
}

/// Every scenario (UTF-8 text) under `tests/DIR`, with its name and fix report.
fn reports(dir: &str) -> Vec<(String, FixReport)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let mut files = Vec::new();
    collect(&root, &mut files);
    let data = AwsData {
        catalog: Some(catalog()),
        ..AwsData::default()
    };
    files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).ok()?;
            let name = f.file_name()?.to_string_lossy().to_string();
            Some((name, suggest_fixes_with(&text, data)))
        })
        .collect()
}

/// Kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// `ja` is a Japanese rendering of `en`: it differs, has Japanese letters and no placeholder.
fn assert_japanese(name: &str, what: &str, ja: &str, en: &str) {
    assert_ne!(ja, en, "{name}: {what} stayed English");
    assert!(has_japanese(ja), "{name}: {what} has no Japanese: {ja}");
    assert!(
        !ja.contains("{") || en.contains("{"),
        "{name}: {what}: {ja}"
    );
}

/// Every catalog sentence of `ja` against the same one in `en`; how many were compared.
fn compare(name: &str, ja: &FixReport, en: &FixReport) -> usize {
    let mut n = 0;
    for (j, e) in ja.requests.iter().zip(&en.requests) {
        assert!(e.explanation_msg.is_some(), "{name}: no message");
        assert_japanese(name, "explanation", &j.explanation, &e.explanation);
        n += 1;
        for (jn, en) in j.notes.iter().zip(&e.notes) {
            assert_japanese(name, "note", &jn.message, &en.message);
            n += 1;
        }
        for (jp, ep) in j.placements.iter().zip(&e.placements) {
            assert_japanese(name, "placement", &jp.why, &ep.why);
            n += 1;
            for (jc, ec) in jp.conditions.iter().zip(&ep.conditions) {
                assert_japanese(name, "condition", &jc.message, &ec.message);
                n += 1;
            }
        }
        for (jm, em) in j.near_misses.iter().zip(&e.near_misses) {
            assert_japanese(name, "near miss", &jm.summary, &em.summary);
            n += 1;
            for (jd, ed) in jm.differences.iter().zip(&em.differences) {
                if ed.detail_msg.is_some() {
                    assert_japanese(name, "difference", &jd.detail, &ed.detail);
                    n += 1;
                }
            }
        }
    }
    n
}

#[test]
fn english_is_what_the_fixer_wrote() {
    for dir in ["corpus", "fixtures/fix"] {
        for (name, report) in reports(dir) {
            let mut again = report.clone();
            again.localize(Lang::En);
            assert_eq!(
                serde_json::to_string(&report).unwrap(),
                serde_json::to_string(&again).unwrap(),
                "{name}"
            );
        }
    }
}

/// The PassRole story: the corpus's PassRole scenarios and the story's steps as fixtures.
fn passrole_story() -> Vec<(String, FixReport)> {
    let steps = reports("fixtures/fix")
        .into_iter()
        .filter(|(n, _)| n.starts_with("passrole"));
    reports("corpus/passrole")
        .into_iter()
        .chain(steps)
        .collect()
}

#[test]
fn passrole_story_fixes_read_in_japanese() {
    let mut sentences = 0;
    let mut placed = 0;
    for (name, en) in passrole_story() {
        let mut ja = en.clone();
        ja.localize(Lang::Ja);
        sentences += compare(&name, &ja, &en);
        placed += en
            .requests
            .iter()
            .filter(|r| r.kind == FixKind::AddStatements)
            .count();
    }
    // The story has fixes to add, with PassRole conditions and near misses, not only verdicts.
    assert!(placed >= 3, "{placed} fixes with statements");
    assert!(sentences >= 30, "{sentences} sentences compared");
}

#[test]
fn every_corpus_fix_reads_in_japanese() {
    let mut sentences = 0;
    for (name, en) in reports("corpus").into_iter().chain(reports("fixtures/fix")) {
        let mut ja = en.clone();
        ja.localize(Lang::Ja);
        sentences += compare(&name, &ja, &en);
    }
    assert!(sentences >= 100, "{sentences} sentences compared");
}

#[test]
fn the_passrole_lesson_names_the_service_in_japanese() {
    let (_, en) = passrole_story()
        .into_iter()
        .find(|(n, _)| n == "passrole-1-ec2-full-access-only.json")
        .unwrap();
    let mut ja = en.clone();
    ja.localize(Lang::Ja);
    let lines: Vec<&str> = ja
        .requests
        .iter()
        .flat_map(|r| &r.placements)
        .flat_map(|p| &p.conditions)
        .map(|c| c.message.as_str())
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("`iam:PassedToService`: ロールを渡せるのは")),
        "{lines:?}"
    );
}

/// Every `fix.*` key the fixer names has a template, and every template is named (a misspelt
/// key would show as the key itself).
#[test]
fn every_fix_key_is_used_and_exists() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tools/fix");
    let sources: String = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let keys = iam_playground::i18n::keys(Lang::En);
    let mut named = 0;
    for literal in sources.split('"').skip(1).step_by(2) {
        if literal.starts_with("fix.") && !literal.contains(' ') {
            named += 1;
            assert!(keys.contains(&literal), "`{literal}` has no template");
        }
    }
    for key in keys.iter().filter(|k| k.starts_with("fix.")) {
        assert!(
            sources.contains(&format!("\"{key}\"")),
            "`{key}` is never used"
        );
    }
    assert!(named > 60, "only {named} keys named");
}

/// An imported artefact's hint (what AWS said about the denial) and the AccessDenied, decoded
/// message and CloudTrail notes read in Japanese, and English stays as the importer wrote it.
#[test]
fn import_hints_read_in_japanese() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut hints = 0;
    let mut notes = 0;
    let mut decoded = 0;
    let mut cloudtrail = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let en = iam_playground::tools::import::import_artifact(&text);
        let mut again = en.clone();
        again.localize(Lang::En);
        assert_eq!(
            serde_json::to_string(&en).unwrap(),
            serde_json::to_string(&again).unwrap(),
            "{name}"
        );
        let mut ja = en.clone();
        ja.localize(Lang::Ja);
        if let (Some(j), Some(e)) = (&ja.hint, &en.hint) {
            assert_japanese(&name, "hint", &j.summary, &e.summary);
            hints += 1;
        }
        for (j, e) in ja.notes.iter().zip(&en.notes) {
            if e.msg.is_some() {
                assert_japanese(&name, "note", &j.message, &e.message);
                notes += 1;
                decoded += usize::from(name.contains("/decoded-"));
                cloudtrail += usize::from(name.contains("/cloudtrail-"));
            }
        }
        // One note says why the resource is `*`, whichever words said it first.
        let about_resource = en
            .notes
            .iter()
            .filter(|n| n.message.starts_with("could not infer the resource"))
            .count();
        assert!(about_resource <= 1, "{name}: {:?}", en.notes);
    }
    assert!(hints >= 8, "{hints} hints");
    // Each decoded message's notes: the principal's ID, the kind of policy, the conditions.
    assert!(decoded >= 8, "{decoded} notes of decoded messages");
    // Each CloudTrail event's: at least the action read from `eventSource` and `eventName`.
    assert!(cloudtrail >= 4, "{cloudtrail} notes of CloudTrail events");
    // Every AccessDenied message says that it carries no condition keys.
    assert!(notes >= 10, "{notes} notes");
}
