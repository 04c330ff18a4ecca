//! The answer in Japanese: every sentence the engine writes about a decision (the verdict,
//! the layers' reasons, the policies' labels, the PassRole note) reads in Japanese for every
//! scenario of the corpus, and English stays byte for byte what it was.
#![cfg(test)]

#[path = "common/aws.rs"]
mod aws;
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

/// The corpus's scenarios and every lesson's start and solution, each with its name.
fn corpus_and_lessons() -> Vec<(String, Answer)> {
    let mut all = corpus();
    for lesson in iam_playground::tools::lesson::all() {
        for (which, text) in [("start", &lesson.start), ("solution", &lesson.solution)] {
            let name = format!("lesson {} ({which})", lesson.id);
            all.push((name, iam_playground::evaluate(text)));
        }
    }
    all
}

/// Every sentence of a statement's explanation (each element's detail, each condition's
/// reason, each value's note), and what each derived context key comes from, is a catalog
/// message, English is that message rendered in
/// English, and Japanese is another text, in Japanese, with every placeholder filled (the
/// answer's other sentences are checked above).
#[test]
fn every_statement_explanation_reads_in_japanese() {
    let (mut details, mut reasons, mut notes, mut derived) = (0, 0, 0, 0);
    for (name, english) in corpus_and_lessons() {
        let mut answer = english.clone();
        answer.localize(Lang::Ja);
        let both = |ja: &str, en: &str, msg: Option<&iam_playground::i18n::Msg>| {
            let msg = msg.unwrap_or_else(|| panic!("{name}: `{en}` has no message"));
            assert_eq!(msg.render(Lang::En), en, "{name}");
            assert_ne!(ja, en, "{name}: left in English");
            // Braces only where the values have them (`${aws:username}`): no placeholder left.
            let braces = |t: &str| t.matches('{').count();
            assert!(has_japanese(ja) && braces(ja) == braces(en), "{name}: {ja}");
        };
        for (r, r_en) in answer.requests.iter().zip(&english.requests) {
            for (c, c_en) in r.context.iter().zip(&r_en.context) {
                if let Some(from) = &c_en.derived_from {
                    derived += 1;
                    let ja = c.derived_from.as_deref().unwrap_or_default();
                    both(ja, from, c_en.derived_from_msg.as_ref());
                }
            }
            let pairs = r
                .statements
                .iter()
                .zip(&r_en.statements)
                .chain(r.disabled_statements.iter().zip(&r_en.disabled_statements));
            for (s, s_en) in pairs {
                let elements = [(&s.action, &s_en.action), (&s.resource, &s_en.resource)];
                let principal = s.principal.as_ref().zip(s_en.principal.as_ref());
                for (e, e_en) in elements.into_iter().chain(principal) {
                    details += 1;
                    both(&e.detail, &e_en.detail, e_en.detail_msg.as_ref());
                    assert_eq!(e.element, e_en.element, "{name}: the element's name stays");
                }
                for (c, c_en) in s.conditions.iter().zip(&s_en.conditions) {
                    reasons += 1;
                    both(&c.reason, &c_en.reason, c_en.reason_msg.as_ref());
                    for (v, v_en) in c.values.iter().zip(&c_en.values) {
                        if let Some(note) = &v_en.note {
                            notes += 1;
                            let ja = v.note.as_deref().unwrap_or_default();
                            both(ja, note, v_en.note_msg.as_ref());
                        }
                    }
                }
            }
        }
    }
    assert!(details > 1000, "only {details} element details");
    assert!(reasons > 150, "only {reasons} condition reasons");
    assert!(notes >= 2, "only {notes} value notes");
    assert!(derived > 1000, "only {derived} derived context keys");
}

/// Every diagnostic `lint` reports for the lint cases (`tests/lint/`), the corpus and the
/// lessons' scenarios is a catalog message, its help too: English is that message rendered in
/// English, Japanese another text in Japanese.
#[test]
fn every_lint_message_is_in_the_catalogs() {
    use iam_playground::tools::lint::lint_with;

    let data = aws::data();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/lint"), &mut files);
    collect(&root.join("tests/corpus"), &mut files);
    let mut texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|f| Some((f.display().to_string(), std::fs::read_to_string(f).ok()?)))
        .collect();
    for lesson in iam_playground::tools::lesson::all() {
        texts.push((format!("lesson {}", lesson.id), lesson.start.clone()));
        texts.push((format!("lesson {}", lesson.id), lesson.solution.clone()));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut plain = Vec::new();
    for (name, text) in &texts {
        for d in lint_with(text, data) {
            seen.insert(d.code);
            let msgs = d.msgs.as_deref();
            let message = msgs.and_then(|m| m.message.as_ref());
            let help = msgs.and_then(|m| m.help.as_ref());
            let Some(message) = message.filter(|_| d.help.is_none() || help.is_some()) else {
                plain.push(format!("{name}: [{}] {} / {:?}", d.code, d.message, d.help));
                continue;
            };
            assert_eq!(message.render(Lang::En), d.message, "{name}");
            let ja = message.render(Lang::Ja);
            assert!(has_japanese(&ja) && ja != d.message, "{name}: {ja}");
            if let (Some(help), Some(en)) = (help, &d.help) {
                assert_eq!(&help.render(Lang::En), en, "{name}");
                assert!(has_japanese(&help.render(Lang::Ja)), "{name}: {en}");
            }
        }
    }
    assert!(
        plain.is_empty(),
        "not in the catalogs:\n{}",
        plain.join("\n")
    );
    assert!(
        seen.len() >= 30,
        "only {} codes reported: {seen:?}",
        seen.len()
    );
}

/// The families of catalog keys written for the explanations, expectations, derived keys and
/// the CLI's own errors: every key the sources name has a template, and every template is
/// named by a source (a misspelt key would show as the key itself).
#[test]
fn every_explanation_and_cli_key_is_used_and_exists() {
    let families = [
        "explain.",
        "expect.",
        "context.from.",
        "cli.",
        "account.",
        "import.note.",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = String::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // The quote as a character (`'"'`, `b'"'`) is not the start of a literal.
                let text = std::fs::read_to_string(&path).unwrap();
                sources.push_str(&text.replace("'\"'", "'_'"));
            }
        }
    }
    let keys = iam_playground::i18n::keys(Lang::En);
    let mut named = 0;
    for literal in sources.split('"').skip(1).step_by(2) {
        let is_key = families.iter().any(|f| literal.starts_with(f))
            && literal
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            && !literal.ends_with(".rs");
        if is_key {
            named += 1;
            assert!(keys.contains(&literal), "`{literal}` has no template");
        }
    }
    for key in keys
        .iter()
        .filter(|k| families.iter().any(|f| k.starts_with(f)))
    {
        assert!(
            sources.contains(&format!("\"{key}\"")),
            "`{key}` is never used"
        );
    }
    assert!(named > 100, "only {named} keys named");
}
