//! The CLI's AWS data (also read by `account` and `passrole`) and the subcommands that use it
//! (`lint`, `expand`, `managed`). Part of
//! the `iam-playground` binary, not of the library.
//!
//! The data files are compiled into the binary (`include_str!`): the CLI is one self-contained
//! file whose data is the version of the repository it was built from, with no path to find
//! at run time. The library (and so the WebAssembly module) never embeds them; each is parsed
//! only when a command needs it.

use std::process::ExitCode;
use std::sync::OnceLock;

use crate::args::{self, Args, Failure, Format, Outcome};

use iam_playground::answer::result::Answer;
use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::i18n::{self, Lang};
use iam_playground::{answer::render, tools::lint, AwsData};

const CATALOG_JSON: &str = include_str!("../../data/catalog.json");
const MANAGED_JSON: &str = include_str!("../../data/managed-policies.json");

pub fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| match Catalog::from_json(CATALOG_JSON) {
            Ok(c) => Some(c),
            Err(e) => {
                args::warn(
                    "built-in-data",
                    format!("the built-in catalog cannot be read: {}", e.message),
                );
                None
            }
        })
        .as_ref()
}

pub fn managed_policies() -> Option<&'static ManagedPolicies> {
    static MANAGED: OnceLock<Option<ManagedPolicies>> = OnceLock::new();
    MANAGED
        .get_or_init(|| match ManagedPolicies::from_json(MANAGED_JSON) {
            Ok(m) => Some(m),
            Err(e) => {
                let message = format!(
                    "the built-in managed policies cannot be read: {}",
                    e.message
                );
                args::warn("built-in-data", message);
                None
            }
        })
        .as_ref()
}

/// The managed policies, read only when the text may name one.
fn managed_for(text: &str) -> Option<&'static ManagedPolicies> {
    text.contains("\"managed\"")
        .then(managed_policies)
        .flatten()
}

/// Evaluates a scenario; `{"managed": "Name"}` resolves in the built-in managed policies.
pub fn evaluate(text: &str) -> Answer {
    iam_playground::evaluate_with(text, data_for(text))
}

/// [`evaluate`] for checking a scenario's `expect` (`test`): the same answer without the
/// per-statement explanations (`iam_playground::answer::evaluate_for_expectations`).
pub fn evaluate_for_expectations(text: &str) -> Answer {
    iam_playground::answer::evaluate_for_expectations(text, data_for(text))
}

/// The AWS data for a scenario's text: the managed policies when it names one.
pub fn data_for(text: &str) -> AwsData<'static> {
    AwsData {
        catalog: None,
        managed: managed_for(text),
    }
}

/// [`data_for`] and the action catalog (lint, and the fixes' "did you mean" correction).
pub fn data_with_catalog(text: &str) -> AwsData<'static> {
    AwsData {
        catalog: catalog(),
        ..data_for(text)
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "3 errors" in `lang` (`lint.count.KIND.one` / `.other`).
fn count(lang: Lang, n: usize, kind: &str) -> String {
    let form = if n == 1 { "one" } else { "other" };
    i18n::message(
        lang,
        &format!("lint.count.{kind}.{form}"),
        &[("n", &n.to_string())],
    )
}

/// `iam-playground lint FILE|- [--format text|json] [--lang en|ja]`: exit 1 when there is an
/// error.
pub fn lint(args: Args) -> Outcome {
    let lang = args.lang()?;
    let input = args.input()?;
    let (text, name) = (&input.text, &input.name);
    let mut report = lint::lint_report(text, data_with_catalog(text));
    for d in &mut report.diagnostics {
        d.localize(lang);
    }
    let status = ExitCode::from(u8::from(report.errors > 0));
    if args.format() == Format::Json {
        args::print_json(&report)?;
        return Ok(status);
    }
    for d in &report.diagnostics {
        print!("{}", render::diagnostic_in(text, name, d, lang));
    }
    let summary = i18n::message(
        lang,
        "lint.summary",
        &[
            ("file", name),
            ("errors", &count(lang, report.errors, "error")),
            (
                "security",
                &count(lang, report.security_warnings, "security-warning"),
            ),
            ("warnings", &count(lang, report.warnings, "warning")),
            (
                "suggestions",
                &count(lang, report.suggestions, "suggestion"),
            ),
        ],
    );
    println!("{summary}");
    Ok(status)
}

/// `iam-playground expand PATTERN... [--not] [--format text|json]`: exit 1 when nothing
/// matches.
pub fn expand(args: Args) -> Outcome {
    let not_action = args.flag("--not");
    let patterns: Vec<&str> = args.operands().iter().map(String::as_str).collect();
    let Some(catalog) = catalog() else {
        return Ok(ExitCode::from(2));
    };
    let expansion = catalog.expansion(&patterns, not_action, None);
    let status = ExitCode::from(u8::from(expansion.count == 0));
    if args.format() == Format::Json {
        args::print_json(&expansion)?;
        return Ok(status);
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
    Ok(status)
}

/// `iam-playground managed [NAME] [--format text|json]`: the names of the AWS managed
/// policies, or one policy's document; exit 1 for a name that is not one.
pub fn managed(args: Args) -> Outcome {
    let Some(managed) = managed_policies() else {
        return Ok(ExitCode::from(2));
    };
    let json = args.format() == Format::Json;
    let Some(name) = args.operands().first() else {
        if json {
            let list: Vec<_> = managed.iter().map(|p| (p.name, p.arn, p.updated)).collect();
            return args::print_json(&list);
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
        return Ok(ExitCode::SUCCESS);
    };
    let p = managed
        .lookup(name)
        .map_err(|e| Failure::new(1, e.diagnostic(name)))?;
    if json {
        return args::print_json(&p);
    }
    println!("{}", p.document);
    eprintln!(
        "{} ({}, {}, updated {})",
        p.name, p.arn, p.version_id, p.updated
    );
    Ok(ExitCode::SUCCESS)
}
