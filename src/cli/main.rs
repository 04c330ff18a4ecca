//! The `iam-playground` command-line tool: evaluate scenarios, test them, make share links.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iam_playground::answer::expect::{self, Check};
use iam_playground::answer::result::Status;
use iam_playground::{answer::render, tools::share};

/// `lint`, `expand`, `managed` and the AWS data built into the binary.
mod aws_cmd;
mod fix_cmd;
mod lesson_cmd;

const USAGE: &str = "\
iam-playground: AWS IAM policy evaluation, explained

Usage:
  iam-playground eval [FILE|-] [--format text|json]
      Evaluate a scenario. Exit 0 when evaluated, 1 when the scenario's `expect` differs,
      2 for invalid input.
  iam-playground test PATH...
      Run every scenario file (*.json) under the paths and check its `expect`.
      Prints one line per failure and a closing line `N passed, N failed`.
  iam-playground share FILE|- [--base URL]
      Print a share link carrying the whole scenario in its fragment.
  iam-playground unshare LINK
      Print the scenario a share link carries.
  iam-playground import FILE|- [--format text|json]
      Turn a decoded authorization message, an AccessDenied error text or a CloudTrail event
      into a scenario with the request filled in; notes go to standard error.
  iam-playground bundle --list
  iam-playground bundle NAME [--param KEY=VALUE]... [--into FILE] [--format text|json]
      Print a scenario whose requests are every check of one API call (`--into` keeps the
      policies of FILE and replaces its request).
  iam-playground fix FILE|- [--apply] [--format text|json]
      Suggest, for each denied request, the smallest statement that allows it (as a diff),
      checked by evaluating again; `--apply` prints the fixed scenario.
  iam-playground lint FILE|- [--format text|json]
      Lint a scenario or a policy against the AWS action catalog (unknown actions with
      \"did you mean\", resources, condition keys, redundancy). Exit 1 when there is an error.
  iam-playground expand PATTERN... [--not] [--format text|json]
      List the actions an action pattern covers (`--not`: what a NotAction list leaves).
  iam-playground managed [NAME] [--format text|json]
      List the AWS managed policies, or print one's document. Scenarios may name them:
      `{\"managed\": \"AmazonEC2FullAccess\"}` wherever a policy may stand.
  iam-playground redact FILE|-
      Print the scenario with account ids and names replaced consistently (same decision).
  iam-playground simulate-command FILE|-
      Print the `aws iam simulate-custom-policy` command for each request (AWS's own answer).
  iam-playground lesson list [--format text|json] [--lang en|ja]
  iam-playground lesson show ID [--start|--solution|--hint N] [--lang en|ja]
  iam-playground lesson check ID FILE|- [--format text|json] [--lang en|ja]
      The PassRole lessons: list them, read one (or print its start scenario, its reference
      solution, one hint), and check a scenario against its goals: one line per goal, exit 0
      only when every goal holds and the scenario has no error (1: a goal fails, 2: errors).
      The language follows --lang, else LC_ALL, LC_MESSAGES or LANG (English by default).
  iam-playground --version | --help
";

/// The page's address used for links when `--base` is not given (the dev server).
const DEFAULT_BASE: &str = "http://127.0.0.1:8000/";

/// Reads FILE, or standard input for `-` or no file, as bytes; returns them with the name to
/// show in messages.
fn read_bytes(path: Option<&str>) -> Result<(Vec<u8>, String), String> {
    match path {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok((bytes, "<stdin>".to_string()))
        }
        Some(p) => std::fs::read(p)
            .map(|bytes| (bytes, p.to_string()))
            .map_err(|e| format!("cannot read `{p}`: {e}")),
    }
}

/// Reads FILE or standard input as text. Text that is not UTF-8 is an error that says where
/// (byte offset, line, column) and shows the line.
fn read_input(path: Option<&str>) -> Result<(String, String), String> {
    let (bytes, name) = read_bytes(path)?;
    String::from_utf8(bytes)
        .map(|text| (text, name.clone()))
        .map_err(
            |e| match iam_playground::parse::bytes::decode_utf8(e.as_bytes()) {
                Err(bad) => not_utf8(&bad, &name),
                Ok(_) => format!("cannot read `{name}`: {e}"),
            },
        )
}

/// The message for a file that is not UTF-8, with the place and the line it is on.
fn not_utf8(bad: &iam_playground::parse::bytes::NotUtf8, name: &str) -> String {
    let answer = iam_playground::answer::unreadable(bad);
    let mut out = bad.diagnostic.message.clone();
    for d in &answer.diagnostics {
        out.push('\n');
        out.push_str(render::diagnostic_body(&bad.text, name, d).trim_end());
    }
    out
}

fn eval(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut format = "text".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next() {
                Some(f) if f == "text" || f == "json" => format = f.clone(),
                _ => return usage_error("--format takes `text` or `json`"),
            },
            s if s.starts_with("--format=") => {
                let f = &s["--format=".len()..];
                if f != "text" && f != "json" {
                    return usage_error("--format takes `text` or `json`");
                }
                format = f.to_string();
            }
            s if s.starts_with("--") => return usage_error(&format!("unknown option `{s}`")),
            s => {
                if file.is_some() {
                    return usage_error("eval takes one file");
                }
                file = Some(s.to_string());
            }
        }
    }
    let (bytes, name) = match read_bytes(file.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (text, answer) = evaluate_bytes(bytes);
    if format == "json" {
        match serde_json::to_string_pretty(&answer) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: cannot serialize the answer: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", render::text(&answer, &text, &name));
    }
    if answer.status == Status::Invalid {
        return ExitCode::from(2);
    }
    match expect::check(expect::expectation(&text).as_ref(), &answer) {
        Check::Failed(problems) => {
            eprintln!("the result differs from the scenario's `expect`:");
            for p in problems {
                eprintln!("  - {p}");
            }
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Evaluates a file's bytes: the text the answer points into, and the answer (`invalid`, with
/// the place of the first bad byte, when the bytes are not UTF-8).
fn evaluate_bytes(bytes: Vec<u8>) -> (String, iam_playground::answer::result::Answer) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let answer = aws_cmd::evaluate(&text);
            (text, answer)
        }
        Err(e) => match iam_playground::parse::bytes::decode_utf8(e.as_bytes()) {
            Err(bad) => (bad.text.clone(), iam_playground::answer::unreadable(&bad)),
            // from_utf8 and decode_utf8 agree; this arm only keeps the types honest.
            Ok(text) => (text.to_string(), aws_cmd::evaluate(text)),
        },
    }
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

fn test(args: &[String]) -> ExitCode {
    if args.is_empty() {
        return usage_error("test takes one or more paths");
    }
    let mut files = Vec::new();
    for a in args {
        let p = Path::new(a);
        if !p.exists() {
            eprintln!("error: `{a}` does not exist");
            return ExitCode::from(2);
        }
        if let Err(e) = collect(p, &mut files) {
            eprintln!("error: cannot read `{a}`: {e}");
            return ExitCode::from(2);
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
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn share_cmd(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut base = DEFAULT_BASE.to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--base" => match it.next() {
                Some(b) => base = b.clone(),
                None => return usage_error("--base takes a URL"),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option `{s}`")),
            s => file = Some(s.to_string()),
        }
    }
    let (text, _) = match read_input(file.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{}", share::link(&base, &text));
    ExitCode::SUCCESS
}

fn unshare(args: &[String]) -> ExitCode {
    let [link] = args else {
        return usage_error("unshare takes one link");
    };
    match share::decode(link) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "eval" => eval(rest),
        "test" => test(rest),
        "share" => share_cmd(rest),
        "unshare" => unshare(rest),
        "lint" => aws_cmd::lint(rest),
        "expand" => aws_cmd::expand(rest),
        "managed" => aws_cmd::managed_cmd(rest),
        "import" => fix_cmd::import(rest),
        "bundle" => fix_cmd::bundle(rest),
        "fix" => fix_cmd::fix(rest),
        "lesson" => lesson_cmd::lesson(rest),
        "redact" => sharing::redact(rest),
        "simulate-command" => sharing::simulate_command(rest),
        "--version" | "-V" => {
            println!("iam-playground {}", iam_playground::VERSION);
            ExitCode::SUCCESS
        }
        "--help" | "-h" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => usage_error(&format!("unknown command `{other}`")),
    }
}

/// `redact` and `simulate-command`: sharing a scenario. The logic is in the library.
mod sharing {
    use std::process::ExitCode;

    use super::read_input;

    pub fn redact(args: &[String]) -> ExitCode {
        let (text, _) = match read_input(args.first().map(String::as_str)) {
            Ok(t) => t,
            Err(e) => return super::usage_error(&e),
        };
        match iam_playground::tools::redact::redact(&text) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        }
    }

    pub fn simulate_command(args: &[String]) -> ExitCode {
        let (text, _) = match read_input(args.first().map(String::as_str)) {
            Ok(t) => t,
            Err(e) => return super::usage_error(&e),
        };
        print!(
            "{}",
            iam_playground::tools::simulate::simulate_custom_policy_command(&text)
        );
        ExitCode::SUCCESS
    }
}
