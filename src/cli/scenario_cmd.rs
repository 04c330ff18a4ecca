//! `eval`, `test`, `share`, `unshare`, `redact` and `simulate-command`: a scenario file in,
//! its answer, its checks or its link out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iam_playground::answer::expect::{self, Check};
use iam_playground::answer::result::{Answer, Status};
use iam_playground::diagnostic::Diagnostic;
use iam_playground::parse::json;
use iam_playground::{answer::render, tools::share};

use crate::args::{self, error, Args, Failure, Format, Input, Outcome};
use crate::aws_cmd;

/// The page's address used for links when `--base` is not given (the dev server).
const DEFAULT_BASE: &str = "http://127.0.0.1:8000/";

/// `eval [FILE|-] [--format text|json]`: exit 1 when `expect` differs, 2 when invalid.
pub fn eval(args: Args) -> Outcome {
    let (bytes, name) = Input::read_bytes(args.path())?;
    let (text, answer) = evaluate_bytes(bytes);
    let input = Input { text, name };
    match args.format() {
        Format::Json => {
            args::print_json(&answer)?;
        }
        Format::Text => print!("{}", render::text(&answer, &input.text, &input.name)),
    }
    if answer.status == Status::Invalid {
        return Ok(ExitCode::from(2));
    }
    match expect::check(expect::expectation(&input.text).as_ref(), &answer) {
        Check::Failed(problems) => {
            let diagnostics = expect_differs(&input.text, problems);
            let located = iam_playground::answer::diagnostics_out(&input.text, diagnostics);
            Err(Failure::in_source(1, input, located))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Evaluates a file's bytes: the text the answer points into, and the answer (`invalid`, with
/// the place of the first bad byte, when the bytes are not UTF-8).
fn evaluate_bytes(bytes: Vec<u8>) -> (String, Answer) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let answer = aws_cmd::evaluate(&text);
            (text, answer)
        }
        Err(e) => match iam_playground::parse::bytes::decode_utf8(e.as_bytes()) {
            Err(bad) => {
                let answer = iam_playground::answer::unreadable(&bad);
                (bad.text, answer)
            }
            // from_utf8 and decode_utf8 agree; this arm only keeps the types honest.
            Ok(text) => (text.to_string(), aws_cmd::evaluate(text)),
        },
    }
}

/// One error per difference, pointing at the scenario's `expect`.
fn expect_differs(text: &str, problems: Vec<String>) -> Vec<Diagnostic> {
    let span = json::parse(text).ok().and_then(|doc| {
        doc.as_object()?
            .iter()
            .find(|m| m.key == "expect")
            .map(|m| m.span())
    });
    problems
        .into_iter()
        .map(|p| {
            let d = error(
                "expect-differs",
                format!("the result differs from `expect`: {p}"),
            )
            .with_path("/expect");
            match span {
                Some(s) => d.at(s),
                None => d,
            }
        })
        .collect()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// `test PATH...`: one line per failure, then `N passed, N failed`; exit 1 when one failed.
pub fn test(args: Args) -> Outcome {
    let mut files = Vec::new();
    for a in args.operands() {
        let p = Path::new(a);
        if !p.exists() {
            return Err(Failure::new(
                2,
                error("cannot-read", format!("`{a}` does not exist")),
            ));
        }
        if let Err(e) = collect(p, &mut files) {
            let message = format!("cannot read `{a}`: {e}");
            return Err(Failure::new(2, error("cannot-read", message)));
        }
    }
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for f in &files {
        let shown = f.display();
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                println!("FAIL {shown}: cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        let (text, answer) = evaluate_bytes(bytes);
        match expect::check(expect::expectation(&text).as_ref(), &answer) {
            Check::Passed => passed += 1,
            Check::NoExpectation => skipped += 1,
            Check::Failed(problems) => {
                failed += 1;
                println!("FAIL {shown}: {}", problems.join("; "));
            }
        }
    }
    if skipped > 0 {
        println!("{passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("{passed} passed, {failed} failed");
    }
    Ok(ExitCode::from(u8::from(failed > 0)))
}

/// `share FILE|- [--base URL]`.
pub fn share(args: Args) -> Outcome {
    let input = args.input()?;
    let base = args.value("--base").unwrap_or(DEFAULT_BASE);
    println!("{}", share::link(base, &input.text));
    Ok(ExitCode::SUCCESS)
}

/// `unshare LINK`.
pub fn unshare(args: Args) -> Outcome {
    let link = args.operands().first().map_or("", String::as_str);
    match share::decode(link) {
        Ok(text) => {
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Failure::new(2, error("share-link", e))),
    }
}

/// `redact FILE|-`.
pub fn redact(args: Args) -> Outcome {
    let input = args.input()?;
    match iam_playground::tools::redact::redact(&input.text) {
        Ok(out) => {
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Failure::new(2, error("json-syntax", e))),
    }
}

/// `simulate-command FILE|-`.
pub fn simulate_command(args: Args) -> Outcome {
    let Input { text, .. } = args.input()?;
    print!(
        "{}",
        iam_playground::tools::simulate::simulate_custom_policy_command(&text)
    );
    Ok(ExitCode::SUCCESS)
}

/// `schema`: the JSON Schema of scenario files (`docs/scenario.schema.json`), for editors.
pub fn schema(_args: Args) -> Outcome {
    print!("{}", iam_playground::parse::schema::scenario_schema_text());
    Ok(ExitCode::SUCCESS)
}
