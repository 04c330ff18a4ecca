//! The CLI's AWS data and the subcommands that use it (`lint`, `expand`, `managed`). Part of
//! the `iam-playground` binary, not of the library.
//!
//! The data files are compiled into the binary (`include_str!`): the CLI is one self-contained
//! file whose data is the version of the repository it was built from, with no path to find
//! at run time. The library (and so the WebAssembly module) never embeds them; each is parsed
//! only when a command needs it.

use std::process::ExitCode;
use std::sync::OnceLock;

use iam_playground::answer::result::Answer;
use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::{answer::render, tools::lint, AwsData};

const CATALOG_JSON: &str = include_str!("../../data/catalog.json");
const MANAGED_JSON: &str = include_str!("../../data/managed-policies.json");

fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| match Catalog::from_json(CATALOG_JSON) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("warning: the built-in catalog cannot be read: {e}");
                None
            }
        })
        .as_ref()
}

fn managed() -> Option<&'static ManagedPolicies> {
    static MANAGED: OnceLock<Option<ManagedPolicies>> = OnceLock::new();
    MANAGED
        .get_or_init(|| match ManagedPolicies::from_json(MANAGED_JSON) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("warning: the built-in managed policies cannot be read: {e}");
                None
            }
        })
        .as_ref()
}

/// The managed policies, read only when the text may name one.
fn managed_for(text: &str) -> Option<&'static ManagedPolicies> {
    text.contains("\"managed\"").then(managed).flatten()
}

/// Evaluates a scenario; `{"managed": "Name"}` resolves in the built-in managed policies.
pub fn evaluate(text: &str) -> Answer {
    iam_playground::evaluate_with(
        text,
        AwsData {
            catalog: None,
            managed: managed_for(text),
        },
    )
}

/// The AWS data for a scenario's text: the managed policies when it names one.
pub fn data_for(text: &str) -> AwsData<'static> {
    AwsData {
        catalog: None,
        managed: managed_for(text),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\nRun `iam-playground --help` for the usage.");
    ExitCode::from(2)
}

/// `--format text|json` (or `--format=...`) from `args`; the rest are returned.
fn format_option(args: &[String]) -> Result<(bool, Vec<String>), String> {
    let mut json = false;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.as_str() {
            "--format" => it.next().map(String::as_str),
            s if s.starts_with("--format=") => s.get("--format=".len()..),
            _ => {
                rest.push(a.clone());
                continue;
            }
        };
        match value {
            Some("json") => json = true,
            Some("text") => json = false,
            _ => return Err("--format takes `text` or `json`".into()),
        }
    }
    Ok((json, rest))
}

fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot serialize: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<(String, String), String> {
    super::read_input(Some(path))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `iam-playground lint FILE|- [--format text|json]`: exit 1 when there is an error.
pub fn lint(args: &[String]) -> ExitCode {
    let (json, rest) = match format_option(args) {
        Ok(x) => x,
        Err(e) => return usage_error(&e),
    };
    if let Some(opt) = rest.iter().find(|a| a.starts_with("--")) {
        return usage_error(&format!("unknown option `{opt}`"));
    }
    let file = match rest.as_slice() {
        [] => "-",
        [one] => one.as_str(),
        _ => return usage_error("lint takes one file"),
    };
    let (text, name) = match read(file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let data = AwsData {
        catalog: catalog(),
        managed: managed_for(&text),
    };
    let report = lint::lint_report(&text, data);
    let status = if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if json {
        print_json(&report);
        return status;
    }
    for d in &report.diagnostics {
        print!("{}", render::diagnostic(&text, &name, d));
    }
    println!(
        "{name}: {}, {}, {}, {}",
        plural(report.errors, "error"),
        plural(report.security_warnings, "security warning"),
        plural(report.warnings, "warning"),
        plural(report.suggestions, "suggestion")
    );
    status
}

/// `iam-playground expand PATTERN... [--not] [--format text|json]`.
pub fn expand(args: &[String]) -> ExitCode {
    let (json, rest) = match format_option(args) {
        Ok(x) => x,
        Err(e) => return usage_error(&e),
    };
    let not_action = rest.iter().any(|a| a == "--not");
    if let Some(opt) = rest.iter().find(|a| a.starts_with("--") && *a != "--not") {
        return usage_error(&format!("unknown option `{opt}`"));
    }
    let patterns: Vec<&str> = rest
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--not")
        .collect();
    if patterns.is_empty() {
        return usage_error("expand takes one or more action patterns, such as `iam:Pass*`");
    }
    let Some(catalog) = catalog() else {
        return ExitCode::from(2);
    };
    let expansion = catalog.expansion(&patterns, not_action, None);
    let status = if expansion.count == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if json {
        print_json(&expansion);
        return status;
    }
    for a in &expansion.actions {
        println!("{a}");
    }
    let what = if not_action { "NotAction " } else { "" };
    eprintln!(
        "{what}{}: {} in {} (catalog {} {})",
        patterns.join(" "),
        plural(expansion.count, "action"),
        plural(expansion.services.len(), "service"),
        catalog.source().package,
        catalog.source().version
    );
    status
}

/// `iam-playground managed [NAME] [--format text|json]`: the names of the AWS managed
/// policies, or one policy's document.
pub fn managed_cmd(args: &[String]) -> ExitCode {
    let (json, rest) = match format_option(args) {
        Ok(x) => x,
        Err(e) => return usage_error(&e),
    };
    let Some(managed) = managed() else {
        return ExitCode::from(2);
    };
    match rest.as_slice() {
        [] => {
            if json {
                let list: Vec<_> = managed.iter().map(|p| (p.name, p.arn, p.updated)).collect();
                return print_json(&list);
            }
            for p in managed.iter() {
                println!("{}", p.name);
            }
            let s = managed.source();
            eprintln!(
                "{} AWS managed policies ({} {}, snapshot {})",
                managed.len(),
                s.package,
                s.version,
                s.data_date.as_deref().unwrap_or("unknown")
            );
            ExitCode::SUCCESS
        }
        [name] => match managed.lookup(name) {
            Ok(p) => {
                if json {
                    return print_json(&p);
                }
                println!("{}", p.document);
                eprintln!(
                    "{} ({}, {}, updated {})",
                    p.name, p.arn, p.version_id, p.updated
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                let hint = e
                    .suggestion
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                eprintln!("error: `{name}` is not an AWS managed policy{hint}");
                ExitCode::from(1)
            }
        },
        _ => usage_error("managed takes at most one policy name"),
    }
}
