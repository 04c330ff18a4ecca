//! `eval`, `test`, `share`, `unshare`, `redact` and `simulate-command`: a scenario file in,
//! its answer, its checks or its link out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use iam_playground::answer::expect::{self, Check};
use iam_playground::answer::result::{Answer, Status};
use iam_playground::diagnostic::Diagnostic;
use iam_playground::i18n::{self, Lang};
use iam_playground::parse::json;
use iam_playground::tools::test_report::{CaseStatus, FileOutcome, FileResult, Report};
use iam_playground::{answer::render, tools::share};

use crate::args::{self, error, Args, Failure, Format, Input, Outcome};
use crate::aws_cmd;

/// The page's address used for links when `--base` is not given (the dev server).
const DEFAULT_BASE: &str = "http://127.0.0.1:8000/";

/// `eval [FILE|-] [--format text|json] [--lang en|ja]`: exit 1 when `expect` differs, 2
/// when invalid.
pub fn eval(args: Args) -> Outcome {
    let lang = args.lang()?;
    let (bytes, name) = Input::read_bytes(args.path())?;
    let (text, mut answer) = evaluate_bytes(bytes);
    answer.localize(lang);
    let input = Input { text, name };
    match args.format() {
        Format::Json => {
            args::print_json(&answer)?;
        }
        // `eval` offers text and json only (its spec).
        Format::Text | Format::Junit => {
            print!(
                "{}",
                render::text_in(&answer, &input.text, &input.name, lang)
            )
        }
    }
    if answer.status == Status::Invalid {
        return Ok(ExitCode::from(2));
    }
    match expect::check_in(expect::expectation(&input.text).as_ref(), &answer, lang) {
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
    evaluate_bytes_with(bytes, aws_cmd::evaluate)
}

/// [`evaluate_bytes`] with the evaluation `evaluate` (`test` leaves the explanations out).
fn evaluate_bytes_with(bytes: Vec<u8>, evaluate: fn(&str) -> Answer) -> (String, Answer) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let answer = evaluate(&text);
            (text, answer)
        }
        Err(e) => match iam_playground::parse::bytes::decode_utf8(e.as_bytes()) {
            Err(bad) => {
                let answer = iam_playground::answer::unreadable(&bad);
                (bad.text, answer)
            }
            // from_utf8 and decode_utf8 agree; this arm only keeps the types honest.
            Ok(text) => (text.to_string(), evaluate(text)),
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
            let message = i18n::Msg::new("expect.differs").arg("problem", p);
            let d = error("expect-differs", message).with_path("/expect");
            match span {
                Some(s) => d.at(s),
                None => d,
            }
        })
        .collect()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        collect_dir(path, out)
    } else {
        if path.extension().is_some_and(|e| e == "json") {
            out.push(path.to_path_buf());
        }
        Ok(())
    }
}

/// The files of a directory, in name order, then its subdirectories' the same way. The
/// directory listing says which entry is a directory (no `stat` per file: a folder of 10,000
/// scenarios is read in one pass), and the names are sorted as bytes (one parent, so the same
/// order as sorting the paths, without comparing them component by component).
fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(std::ffi::OsString, bool)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| {
            // A symbolic link (or an entry whose type is unknown) is asked about its target.
            let is_dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => e.path().is_dir(),
            };
            (e.file_name(), is_dir)
        })
        .collect();
    entries.sort_unstable();
    for (name, is_dir) in entries {
        let path = dir.join(&name);
        if is_dir {
            collect_dir(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// `test PATH... [--format text|junit|json] [--output FILE]`: every scenario file's `expect`
/// checked, as lines for people (one per failure, then `N passed, N failed`) or as a JUnit
/// XML or JSON report (`crate::tools::test_report`); exit 1 when a case failed or a scenario
/// could not be evaluated.
pub fn test(args: Args) -> Outcome {
    let lang = args.lang()?;
    let mut files = Vec::new();
    for a in args.operands() {
        let p = Path::new(a);
        if !p.exists() {
            return Err(Failure::new(
                2,
                error(
                    "cannot-read",
                    i18n::Msg::new("cli.does-not-exist").arg("path", a),
                ),
            ));
        }
        if let Err(e) = collect(p, &mut files) {
            let message = i18n::Msg::new("cli.cannot-read")
                .arg("path", a)
                .arg("error", e);
            return Err(Failure::new(2, error("cannot-read", message)));
        }
    }
    let mut report = Report::default();
    for f in &files {
        let started = Instant::now();
        let path = f.display().to_string();
        let result = match std::fs::read(f) {
            Ok(bytes) => {
                let (text, mut answer) =
                    evaluate_bytes_with(bytes, aws_cmd::evaluate_for_expectations);
                answer.localize(lang);
                FileResult::evaluated_in(&path, &text, &answer, 0.0, lang)
            }
            Err(e) => FileResult {
                path,
                name: None,
                seconds: 0.0,
                outcome: FileOutcome::Unreadable(i18n::message(
                    lang,
                    "test.cannot-read",
                    &[("error", &e.to_string())],
                )),
                lang,
            },
        };
        report.files.push(FileResult {
            seconds: started.elapsed().as_secs_f64(),
            ..result
        });
    }
    let out = match args.format() {
        Format::Junit => report.junit(),
        Format::Json => report.json(),
        Format::Text => test_lines(&report, lang),
    };
    match args.value("--output") {
        Some(file) => {
            std::fs::write(file, out).map_err(|e| {
                Failure::new(
                    2,
                    error(
                        "cannot-write",
                        i18n::Msg::new("cli.cannot-write")
                            .arg("path", file)
                            .arg("error", e),
                    ),
                )
            })?;
            // The report went to the file: say how it ended here too.
            if args.format() != Format::Text {
                print!("{}", test_lines(&report, lang));
            }
        }
        None => print!("{out}"),
    }
    Ok(ExitCode::from(u8::from(!report.passed())))
}

/// `FAIL path: what differs` for each file that did not pass, then the counts (in `lang`).
fn test_lines(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for file in &report.files {
        let rows = file.rows();
        let problems: Vec<String> = rows
            .iter()
            .filter(|r| matches!(r.status, CaseStatus::Failed | CaseStatus::Error))
            .flat_map(|r| {
                let prefix = match r.request {
                    Some(i) if rows.len() > 1 => {
                        i18n::message(lang, "test.request", &[("n", &(i + 1).to_string())])
                    }
                    _ => String::new(),
                };
                r.problems.iter().map(move |p| format!("{prefix}{p}"))
            })
            .collect();
        if !problems.is_empty() {
            failed += 1;
            let problems = problems.join("; ");
            let args = [("path", file.path.as_str()), ("problems", &problems)];
            out.push_str(&i18n::message(lang, "test.fail", &args));
            out.push('\n');
        } else if rows.iter().all(|r| r.status == CaseStatus::Skipped) {
            skipped += 1;
        } else {
            passed += 1;
        }
    }
    let (passed, failed, skipped) = (passed.to_string(), failed.to_string(), skipped.to_string());
    let counts = [
        ("passed", passed.as_str()),
        ("failed", &failed),
        ("skipped", &skipped),
    ];
    let key = if skipped != "0" {
        "test.summary.skipped"
    } else {
        "test.summary"
    };
    out.push_str(&i18n::message(lang, key, &counts));
    out.push('\n');
    out
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
        Err(e) => Err(Failure::new(2, e)),
    }
}

/// `redact FILE|-`.
pub fn redact(args: Args) -> Outcome {
    let input = args.input()?;
    let data = crate::aws_cmd::data_for(&input.text);
    match iam_playground::tools::redact::redact_with(&input.text, data) {
        Ok(out) => {
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let diagnostics = iam_playground::answer::diagnostics_out(&input.text, vec![e]);
            Err(Failure::in_source(2, input, diagnostics))
        }
    }
}

/// `simulate-command FILE|-`.
pub fn simulate_command(args: Args) -> Outcome {
    let Input { text, .. } = args.input()?;
    print!(
        "{}",
        iam_playground::tools::simulate::simulate_custom_policy_command_with(
            &text,
            crate::aws_cmd::data_for(&text)
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `schema`: the JSON Schema of scenario files (`docs/scenario.schema.json`), for editors.
pub fn schema(_args: Args) -> Outcome {
    print!("{}", iam_playground::parse::schema::scenario_schema_text());
    Ok(ExitCode::SUCCESS)
}
