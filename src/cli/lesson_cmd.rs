//! `iam-playground lesson`: list, read and check the lessons (the logic is in
//! `tools::lesson`).

use std::process::ExitCode;

use iam_playground::answer::render;
use iam_playground::i18n::Lang;
use iam_playground::tools::lesson::{self, render as lesson_text, Lesson};

/// The language: `--lang` when given, else the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`).
pub fn lang(explicit: Option<&str>) -> Result<Lang, String> {
    match explicit {
        Some(tag) => {
            Lang::from_tag(tag).ok_or_else(|| format!("--lang takes `en` or `ja`, not `{tag}`"))
        }
        None => Ok(Lang::from_env(|name| std::env::var(name).ok())),
    }
}

fn find(id: &str) -> Result<Lesson, String> {
    lesson::builtin(id).ok_or_else(|| {
        let ids = lesson::ids();
        match iam_playground::diagnostic::did_you_mean(id, &ids) {
            Some(near) => format!("there is no lesson `{id}`; did you mean `{near}`?"),
            None => format!("there is no lesson `{id}`; `iam-playground lesson list` lists them"),
        }
    })
}

/// `lesson list|show|check ...`.
pub fn lesson(args: &[String]) -> ExitCode {
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}\n\nRun `iam-playground --help` for the usage.");
            ExitCode::from(2)
        }
    }
}

struct Parsed {
    operands: Vec<String>,
    lang: Option<String>,
    format: Option<String>,
    start: bool,
    solution: bool,
    hint: Option<String>,
}

fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut p = Parsed {
        operands: Vec::new(),
        lang: None,
        format: None,
        start: false,
        solution: false,
        hint: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} takes {what}"))
        };
        match name {
            "--start" => p.start = true,
            "--solution" => p.solution = true,
            "--lang" => p.lang = Some(value("`en` or `ja`")?),
            "--format" => p.format = Some(value("`text` or `json`")?),
            "--hint" => p.hint = Some(value("a hint's number")?),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            s => p.operands.push(s.to_string()),
        }
    }
    Ok(p)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let p = parse(args)?;
    let lang = lang(p.lang.as_deref())?;
    let json = match p.format.as_deref() {
        None | Some("text") => false,
        Some("json") => true,
        Some(_) => return Err("--format takes `text` or `json`".to_string()),
    };
    let ops: Vec<&str> = p.operands.iter().map(String::as_str).collect();
    match ops.as_slice() {
        ["list"] => {
            let lessons = lesson::all();
            if json {
                let list: Vec<serde_json::Value> = lessons
                    .iter()
                    .map(|l| serde_json::json!({"id": l.id, "title": l.title.get(lang)}))
                    .collect();
                println!("{}", serde_json::Value::Array(list));
            } else {
                print!("{}", lesson_text::list(&lessons, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        ["show", id] => {
            let l = find(id)?;
            if p.start && p.solution {
                return Err("choose one of --start and --solution".to_string());
            }
            if p.start {
                print!("{}", l.start);
            } else if p.solution {
                print!("{}", l.solution);
            } else if let Some(n) = &p.hint {
                let text = n
                    .parse()
                    .ok()
                    .and_then(|n| lesson_text::hint(&l, n, lang))
                    .ok_or_else(|| {
                        format!("lesson `{id}` has hints 1 to {}, not `{n}`", l.hints.len())
                    })?;
                println!("{text}");
            } else {
                print!("{}", lesson_text::lesson(&l, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        ["check", id, file] => {
            let l = find(id)?;
            let (text, name) = super::read_input(Some(file))?;
            let report = lesson::check(&l, &text, super::aws_cmd::data_for(&text));
            if json {
                let s = serde_json::to_string_pretty(&report)
                    .map_err(|e| format!("cannot serialize the report: {e}"))?;
                println!("{s}");
            } else {
                for d in &report.errors {
                    eprint!("{}", render::diagnostic(&text, &name, d));
                }
                print!("{}", lesson_text::report(&l, &report, lang));
            }
            Ok(if report.finished {
                ExitCode::SUCCESS
            } else if !report.errors.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            })
        }
        ["list", ..] => Err("lesson list takes no other argument".to_string()),
        ["show", ..] => Err("lesson show takes one lesson id".to_string()),
        ["check", ..] => Err("lesson check takes a lesson id and a scenario file".to_string()),
        [other, ..] => Err(format!(
            "unknown lesson command `{other}`: use `list`, `show` or `check`"
        )),
        [] => Err("lesson takes `list`, `show ID` or `check ID FILE`".to_string()),
    }
}
