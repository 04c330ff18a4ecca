//! The answer in Japanese: every sentence the engine writes about a decision (the verdict,
//! the layers' reasons, the policies' labels, the PassRole note) reads in Japanese for every
//! scenario of the corpus, and English stays byte for byte what it was.
#![cfg(test)]

mod common;

use std::path::Path;

use common::collect;

use iam_playground::answer::result::{Answer, Status};
use iam_playground::i18n::Lang;
use iam_playground::model::Decision;

/// Every corpus scenario that is text, with its name and answer.
fn corpus() -> Vec<(String, Answer)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).ok()?;
            let name = f.strip_prefix(&root).unwrap().display().to_string();
            Some((name, iam_playground::evaluate(&text)))
        })
        .collect()
}

fn json(answer: &Answer) -> String {
    serde_json::to_string(answer).unwrap()
}

/// Kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn english_is_what_the_engine_wrote() {
    for (name, answer) in corpus() {
        let mut again = answer.clone();
        again.localize(Lang::En);
        assert_eq!(json(&answer), json(&again), "{name}");
    }
}

#[test]
fn every_decision_reads_in_japanese() {
    let mut decided = 0;
    for (name, mut answer) in corpus() {
        if answer.status != Status::Evaluated {
            continue;
        }
        let english = answer.clone();
        answer.localize(Lang::Ja);
        for (r, en) in answer.requests.iter().zip(&english.requests) {
            decided += 1;
            let opening = match r.decision {
                Decision::Allow => "許可: ",
                Decision::ExplicitDeny => "明示的な拒否: ",
                Decision::ImplicitDeny => "暗黙的な拒否: ",
            };
            let s = &r.summary;
            assert!(s.starts_with(opening) && s.ends_with('。'), "{name}: {s}");
            assert!(!s.contains('{') && s != &en.summary, "{name}: {s}");
            for (l, l_en) in r.layers.iter().zip(&en.layers) {
                let reason = &l.reason;
                assert!(
                    has_japanese(reason) && !reason.contains('{'),
                    "{name}: {reason}"
                );
                assert_ne!(reason, &l_en.reason, "{name}");
            }
            if let Some(note) = &r.pass_role_note {
                assert!(has_japanese(&note.summary) && has_japanese(&note.explanation));
                assert!(note.learn_more.contains("/ja_jp/"), "{name}");
            }
            // The data stays as it was: only sentences change.
            assert_eq!(r.decision, en.decision);
            assert_eq!(r.decided_by, en.decided_by);
            assert_eq!(r.matched_statements, en.matched_statements);
        }
        for p in &answer.policies {
            for english_word in ["policy", "boundary", "level"] {
                assert!(
                    !p.label.contains(english_word)
                        || p.policy
                            .name
                            .as_deref()
                            .is_some_and(|n| n.contains(english_word))
                        || p.level_name
                            .as_deref()
                            .is_some_and(|n| n.contains(english_word)),
                    "{name}: {}",
                    p.label
                );
            }
        }
    }
    assert!(decided > 150, "only {decided} requests decided");
}

/// The seed story, as a learner reads it in Japanese: EC2 full access cannot pass the
/// instance role, and the engine says which layer and why.
#[test]
fn the_passrole_story_in_japanese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/passrole");
    let text = std::fs::read_to_string(root.join("passrole-1-ec2-full-access-only.json")).unwrap();
    let mut answer = iam_playground::evaluate(&text);
    let denied = answer
        .requests
        .iter()
        .position(|r| r.decision == Decision::ImplicitDeny)
        .expect("the story has a denied request");
    answer.localize(Lang::Ja);
    let r = &answer.requests[denied];
    assert_eq!(
        r.summary,
        "暗黙的な拒否: このリクエストを許可するアイデンティティベースのポリシーがありません。"
    );
    let identity = r
        .layers
        .iter()
        .find(|l| l.reason.contains("アイデンティティベースのポリシー"))
        .expect("the identity layer says why");
    assert_eq!(
        identity.reason,
        "アイデンティティベースのポリシーには、リクエストを許可するステートメントがありません"
    );
    assert!(r
        .pass_role_note
        .as_ref()
        .unwrap()
        .summary
        .starts_with("iam:PassRole は、"));
}

/// Every diagnostic of the corpus (the `invalid/` folder's rejected policies, and the
/// warnings of valid scenarios) reads in Japanese, its help too, with every placeholder filled;
/// the code and the place stay.
#[test]
fn every_corpus_diagnostic_reads_in_japanese() {
    let mut seen = 0;
    for (name, mut answer) in corpus() {
        let english = answer.clone();
        answer.localize(Lang::Ja);
        for (d, en) in answer.diagnostics.iter().zip(&english.diagnostics) {
            seen += 1;
            assert!(has_japanese(&d.message), "{name}: {}", d.message);
            assert_ne!(d.message, en.message, "{name}");
            if let Some(help) = &d.help {
                assert!(has_japanese(help), "{name}: {help}");
            }
            assert_eq!(
                (d.code, &d.path, &d.location),
                (en.code, &en.path, &en.location)
            );
        }
    }
    assert!(seen >= 30, "only {seen} diagnostics in the corpus");
}
