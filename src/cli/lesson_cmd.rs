//! `iam-playground lesson`: list, read and check the lessons (the logic is in
//! `tools::lesson`).

use std::process::ExitCode;

use iam_playground::answer::render;
use iam_playground::i18n::{Lang, Msg};
use iam_playground::tools::lesson::{self, render as lesson_text, Lesson};

use crate::args::{self, error, Args, Failure, Format, Input, Outcome};

fn find(id: &str) -> Result<Lesson, Failure> {
    lesson::builtin(id).ok_or_else(|| {
        let ids = lesson::ids();
        let help = match iam_playground::diagnostic::did_you_mean(id, &ids) {
            Some(near) => Msg::new("help.did-you-mean").arg("name", near),
            None => Msg::new("cli.unknown-lesson.help"),
        };
        let d = error(
            "unknown-lesson",
            Msg::new("cli.unknown-lesson").arg("id", id),
        );
        Failure::new(2, d.with_help(help))
    })
}

/// `lesson list|show|check ...`.
pub fn lesson(args: Args) -> Outcome {
    let lang = args.lang()?;
    let json = args.format() == Format::Json;
    let ops: Vec<&str> = args.operands().iter().map(String::as_str).collect();
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
        ["show", id] => show(&args, &find(id)?, lang),
        ["check", id, file] => {
            let l = find(id)?;
            let Input { text, name } = Input::read(file)?;
            let mut report = lesson::check(&l, &text, crate::aws_cmd::data_for(&text));
            report.localize(lang);
            if json {
                args::print_json(&report)?;
            } else {
                for d in &report.errors {
                    eprint!("{}", render::diagnostic_in(&text, &name, d, lang));
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
        ["list", ..] => Err(args.usage_error(Msg::new("cli.lesson.list-takes"))),
        ["show", ..] => Err(args.usage_error(Msg::new("cli.lesson.show-takes"))),
        ["check", ..] => Err(args.usage_error(Msg::new("cli.lesson.check-takes"))),
        [other, ..] => {
            Err(args.usage_error(Msg::new("cli.lesson.unknown-command").arg("name", other)))
        }
        [] => Err(args.usage_error(Msg::new("cli.lesson.takes"))),
    }
}

/// `lesson show ID [--start|--solution|--hint N]`.
fn show(args: &Args, l: &Lesson, lang: Lang) -> Outcome {
    let (start, solution) = (args.flag("--start"), args.flag("--solution"));
    if start && solution {
        return Err(args.usage_error(Msg::new("cli.lesson.start-or-solution")));
    }
    if start {
        print!("{}", l.start);
    } else if solution {
        print!("{}", l.solution);
    } else if let Some(n) = args.value("--hint") {
        let text = n
            .parse()
            .ok()
            .and_then(|n| lesson_text::hint(l, n, lang))
            .ok_or_else(|| {
                let message = Msg::new("cli.unknown-hint")
                    .arg("id", &l.id)
                    .arg("count", l.hints.len())
                    .arg("n", n);
                Failure::new(2, error("unknown-hint", message))
            })?;
        println!("{text}");
    } else {
        print!("{}", lesson_text::lesson(l, lang));
    }
    Ok(ExitCode::SUCCESS)
}
