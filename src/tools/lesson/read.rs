//! Reading a lesson file, with every mistake located (line, column, JSON path) as the
//! scenario parser does.

use super::{Block, DocLink, Goal, Lesson, Want};
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::i18n::Localized;
use crate::model::PolicyKind;
use crate::parse::json::{self, Json, JsonPath};
use crate::tools::ordered_json::J;

const MEMBERS: &[&str] = &[
    "id", "title", "text", "docs", "start", "goals", "hints", "solution",
];
const GOAL_MEMBERS: &[&str] = &["request", "decision", "by", "reason"];
const DECISIONS: &[&str] = &["Allow", "ExplicitDeny", "ImplicitDeny", "Denied"];
/// Every page a lesson cites is on AWS's documentation site.
const DOCS_SITE: &str = "https://docs.aws.amazon.com/";

/// Reads a lesson file. Returns every error found, each with its place.
pub fn parse(text: &str) -> Result<Lesson, Vec<Diagnostic>> {
    let root = json::parse(text).map_err(|d| vec![d.with_path("")])?;
    let mut r = Reader { diags: Vec::new() };
    let lesson = r.lesson(&root);
    match lesson {
        Some(lesson) if r.diags.is_empty() => Ok(lesson),
        _ => Err(r.diags),
    }
}

struct Reader {
    diags: Vec<Diagnostic>,
}

impl Reader {
    fn error(&mut self, span: Span, path: &JsonPath, message: String, help: &str) {
        self.diags.push(
            Diagnostic::error("invalid-lesson", message, span)
                .with_help(help)
                .with_path(path.to_pointer()),
        );
    }

    fn object<'j>(
        &mut self,
        v: &'j Json<'j>,
        path: &JsonPath,
        known: &[&str],
    ) -> Option<&'j Json<'j>> {
        let Some(members) = v.as_object() else {
            self.error(
                v.span,
                path,
                format!("expected an object here, found {}", v.type_name()),
                "see docs/lessons.md for the shape of a lesson",
            );
            return None;
        };
        for (i, m) in members.iter().enumerate() {
            if members[..i].iter().any(|earlier| earlier.key == m.key) {
                self.error(
                    m.key_span,
                    &path.key(&m.key),
                    format!("duplicate member `{}`", m.key),
                    "write each member once",
                );
            } else if !known.contains(&&*m.key) {
                let help = match did_you_mean(&m.key, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the members are {}", known.join(", ")),
                };
                self.error(
                    m.key_span,
                    &path.key(&m.key),
                    format!("unknown member `{}`", m.key),
                    &help,
                );
            }
        }
        Some(v)
    }

    fn required<'j>(
        &mut self,
        obj: &'j Json<'j>,
        key: &str,
        path: &JsonPath,
    ) -> Option<&'j Json<'j>> {
        let found = obj.get(key);
        if found.is_none() {
            self.error(
                obj.span,
                path,
                format!("missing member `{key}`"),
                "see docs/lessons.md for the shape of a lesson",
            );
        }
        found
    }

    fn string(&mut self, v: &Json, path: &JsonPath, what: &str) -> Option<String> {
        match v.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            Some(_) => {
                self.error(v.span, path, format!("{what} is empty"), "write the text");
                None
            }
            None => {
                self.error(
                    v.span,
                    path,
                    format!("expected {what} (a string), found {}", v.type_name()),
                    "write it as a JSON string",
                );
                None
            }
        }
    }

    /// `{"en": "...", "ja": "..."}`: both languages, neither empty.
    fn localized(&mut self, v: &Json, path: &JsonPath) -> Option<Localized> {
        self.object(v, path, &["en", "ja"])?;
        let mut get = |lang: &str| {
            let Some(text) = v.get(lang) else {
                self.error(
                    v.span,
                    path,
                    format!("the `{lang}` text is missing"),
                    "every text of a lesson is written in English (`en`) and Japanese (`ja`)",
                );
                return None;
            };
            self.string(text, &path.key(lang), "a text")
        };
        let en = get("en");
        let ja = get("ja");
        Some(Localized { en: en?, ja: ja? })
    }

    fn list<'j>(&mut self, v: &'j Json<'j>, path: &JsonPath, what: &str) -> &'j [Json<'j>] {
        match v.as_array() {
            Some(items) if !items.is_empty() => items,
            Some(_) => {
                self.error(
                    v.span,
                    path,
                    format!("a lesson needs at least one {what}"),
                    "add one",
                );
                &[]
            }
            None => {
                self.error(
                    v.span,
                    path,
                    format!("expected a list of {what}s, found {}", v.type_name()),
                    "write it as a JSON array",
                );
                &[]
            }
        }
    }

    fn lesson(&mut self, root: &Json) -> Option<Lesson> {
        let path = JsonPath::root();
        self.object(root, &path, MEMBERS)?;
        let id = self.required(root, "id", &path).and_then(|v| {
            let p = path.key("id");
            let id = self.string(v, &p, "the lesson's id")?;
            let ok = id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                self.error(
                    v.span,
                    &p,
                    format!("`{id}` is not a lesson id"),
                    "use lowercase letters, digits and `-` (`passrole-3`): it is a file name and a link",
                );
                return None;
            }
            Some(id)
        });
        let title = self
            .required(root, "title", &path)
            .and_then(|v| self.localized(v, &path.key("title")));
        let text = self
            .required(root, "text", &path)
            .map(|v| self.blocks(v, &path.key("text")));
        let docs = self
            .required(root, "docs", &path)
            .map(|v| self.docs(v, &path.key("docs")));
        let start = self
            .required(root, "start", &path)
            .and_then(|v| self.scenario(v, &path.key("start")));
        let solution = self
            .required(root, "solution", &path)
            .and_then(|v| self.scenario(v, &path.key("solution")));
        let goals = self
            .required(root, "goals", &path)
            .map(|v| self.goals(v, &path.key("goals")));
        let hints = self.required(root, "hints", &path).map(|v| {
            let p = path.key("hints");
            let items = self.list(v, &p, "hint");
            items
                .iter()
                .enumerate()
                .filter_map(|(i, h)| self.localized(h, &p.index(i)))
                .collect()
        });
        Some(Lesson {
            id: id?,
            title: title?,
            text: text?,
            docs: docs?,
            start: start?,
            solution: solution?,
            goals: goals?,
            hints: hints?,
        })
    }

    fn blocks(&mut self, v: &Json, path: &JsonPath) -> Vec<Block> {
        let items = self.list(v, path, "paragraph");
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if item.get("code").is_some() {
                if self.object(item, &p, &["code", "language"]).is_none() {
                    continue;
                }
                let code = item
                    .get("code")
                    .and_then(|c| self.string(c, &p.key("code"), "the code"));
                let language = item
                    .get("language")
                    .and_then(|l| self.string(l, &p.key("language"), "the code's language"));
                if let Some(code) = code {
                    out.push(Block::Code { code, language });
                }
            } else if let Some(text) = self.localized(item, &p) {
                out.push(Block::Paragraph(text));
            }
        }
        out
    }

    fn docs(&mut self, v: &Json, path: &JsonPath) -> Vec<DocLink> {
        let items = self.list(v, path, "AWS documentation page");
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if self.object(item, &p, &["title", "url"]).is_none() {
                continue;
            }
            let title = self
                .required(item, "title", &p)
                .and_then(|t| self.localized(t, &p.key("title")));
            let url = self.required(item, "url", &p).and_then(|u| {
                let up = p.key("url");
                let url = self.string(u, &up, "the page's address")?;
                if !url.starts_with(DOCS_SITE) {
                    self.error(
                        u.span,
                        &up,
                        format!("`{url}` is not a page of AWS's documentation"),
                        "cite the page on https://docs.aws.amazon.com/ that the lesson teaches from",
                    );
                    return None;
                }
                Some(url)
            });
            if let (Some(title), Some(url)) = (title, url) {
                out.push(DocLink { title, url });
            }
        }
        out
    }

    fn scenario(&mut self, v: &Json, path: &JsonPath) -> Option<String> {
        if v.as_object().is_none() {
            self.error(
                v.span,
                path,
                format!("expected a scenario (an object), found {}", v.type_name()),
                "write the scenario itself here, as in a scenario file",
            );
            return None;
        }
        Some(J::from_json(v).pretty("  ", 0) + "\n")
    }

    fn goals(&mut self, v: &Json, path: &JsonPath) -> Vec<Goal> {
        let items = self.list(v, path, "goal");
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(goal) = self.goal(item, &path.index(i)) {
                out.push(goal);
            }
        }
        out
    }

    fn goal(&mut self, v: &Json, path: &JsonPath) -> Option<Goal> {
        self.object(v, path, GOAL_MEMBERS)?;
        let request = self.required(v, "request", path).and_then(|r| {
            let p = path.key("request");
            let text = J::from_json(r).compact();
            let (request, diags) = crate::parse::parse_request(&text);
            for d in diags.into_iter().filter(|d| d.is_error()) {
                let inner = d.path.clone().unwrap_or_default();
                let help = d.help.clone().unwrap_or_default();
                self.error(r.span, &p, format!("{} (at `{inner}`)", d.message), &help);
            }
            request.map(|q| (text, q))
        });
        let want = self.required(v, "decision", path).and_then(|d| {
            let p = path.key("decision");
            let s = self.string(d, &p, "a decision")?;
            let want = match s.as_str() {
                "Allow" => Want::Allow,
                "ExplicitDeny" => Want::ExplicitDeny,
                "ImplicitDeny" => Want::ImplicitDeny,
                "Denied" => Want::Denied,
                _ => {
                    self.error(
                        d.span,
                        &p,
                        format!("`{s}` is not a decision a goal can ask for"),
                        &format!("use one of {}", DECISIONS.join(", ")),
                    );
                    return None;
                }
            };
            Some(want)
        });
        let by = match v.get("by") {
            None => Some(None),
            Some(b) => {
                let p = path.key("by");
                self.string(b, &p, "a policy kind").and_then(|s| {
                    let found = PolicyKind::from_key(&s);
                    if found.is_none() {
                        let names: Vec<&str> = PolicyKind::ALL.iter().map(|k| k.key()).collect();
                        self.error(
                            b.span,
                            &p,
                            format!("`{s}` is not a policy kind"),
                            &format!("use one of {}", names.join(", ")),
                        );
                    }
                    found.map(Some)
                })
            }
        };
        let reason = self
            .required(v, "reason", path)
            .and_then(|r| self.localized(r, &path.key("reason")));
        let (request_text, request) = request?;
        Some(Goal {
            request_text,
            request,
            want: want?,
            by: by?,
            reason: reason?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(String, String)> {
        match parse(text) {
            Ok(_) => Vec::new(),
            Err(diags) => diags
                .into_iter()
                .map(|d| (d.path.unwrap_or_default(), d.message))
                .collect(),
        }
    }

    const MINIMAL: &str = r#"{
      "id": "x-1",
      "title": {"en": "T", "ja": "T"},
      "text": [{"en": "P", "ja": "P"}, {"code": "aws sts decode-authorization-message", "language": "sh"}],
      "docs": [{"title": {"en": "D", "ja": "D"}, "url": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"}],
      "start": {"policies": {}, "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "iam:PassRole", "resource": "*"}},
      "goals": [{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "iam:PassRole", "resource": "*"},
                 "decision": "Denied", "by": "scp", "reason": {"en": "R", "ja": "R"}}],
      "hints": [{"en": "H", "ja": "H"}],
      "solution": {"policies": {}, "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "iam:PassRole", "resource": "*"}}
    }"#;

    #[test]
    fn a_minimal_lesson_reads() {
        let lesson = parse(MINIMAL).unwrap();
        assert_eq!(lesson.id, "x-1");
        assert_eq!(lesson.goals[0].want, Want::Denied);
        assert_eq!(lesson.goals[0].by, Some(PolicyKind::Scp));
        assert!(matches!(&lesson.text[1], Block::Code { language: Some(l), .. } if l == "sh"));
        // Members keep the order written.
        assert!(lesson.start.find("policies") < lesson.start.find("request"));
    }

    #[test]
    fn mistakes_are_located_by_json_path() {
        let missing_ja = MINIMAL.replace(
            r#""title": {"en": "T", "ja": "T"}"#,
            r#""title": {"en": "T"}"#,
        );
        assert_eq!(
            errors(&missing_ja),
            vec![("/title".to_string(), "the `ja` text is missing".to_string())]
        );
        let bad_decision = MINIMAL.replace(r#""decision": "Denied""#, r#""decision": "Deny""#);
        assert_eq!(
            errors(&bad_decision),
            vec![(
                "/goals/0/decision".to_string(),
                "`Deny` is not a decision a goal can ask for".to_string()
            )]
        );
        let typo = MINIMAL.replace(r#""hints""#, r#""hint""#);
        let found = errors(&typo);
        assert!(found.contains(&("/hint".to_string(), "unknown member `hint`".to_string())));
        assert!(found.contains(&(String::new(), "missing member `hints`".to_string())));
        let not_aws = MINIMAL.replace("https://docs.aws.amazon.com/IAM", "https://example.com/IAM");
        assert_eq!(errors(&not_aws)[0].0, "/docs/0/url");
        let bad_request = MINIMAL.replace(
            r#""decision": "Denied""#,
            r#""decision": "Denied", "request": 3"#,
        );
        assert_eq!(
            errors(&bad_request),
            vec![(
                "/goals/0/request".to_string(),
                "duplicate member `request`".to_string()
            )]
        );
    }

    #[test]
    fn a_goal_request_is_checked_as_a_scenario_request_is() {
        let no_action = MINIMAL.replacen(
            r#""goals": [{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "iam:PassRole","#,
            r#""goals": [{"request": {"principal": "arn:aws:iam::111122223333:user/a","#,
            1,
        );
        let found = errors(&no_action);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "/goals/0/request");
        assert!(found[0].1.contains("no `action`"), "{found:?}");
    }
}
