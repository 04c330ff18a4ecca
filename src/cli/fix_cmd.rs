//! `iam-playground import`, `bundle` and `fix`: from an error artefact to a fix.

use std::process::ExitCode;

use iam_playground::answer::result::Status;
use iam_playground::{tools::bundles, tools::fix, tools::import};

use crate::args::{self, error, Args, Failure, Format, Input, Outcome};

/// `import FILE|- [--into SCENARIO] [--format text|json]`: the scenario to standard output,
/// notes to standard error; exit 2 when the text is not an artefact it knows. With `--into`,
/// SCENARIO keeps its policies and only its request is replaced.
pub fn import(args: Args) -> Outcome {
    let input = args.input()?;
    let into = match args.value("--into") {
        Some(file) => Some(Input::read(file)?),
        None => None,
    };
    let lang = args.lang()?;
    let mut result = match &into {
        None => import::import_artifact(&input.text),
        Some(open) => {
            let data = crate::aws_cmd::data_for(&open.text);
            import::import_into(&open.text, &input.text, data)
        }
    };
    result.localize(lang);
    if args.format() == Format::Json {
        args::print_json(&result)?;
    } else if let Some(s) = &result.scenario {
        print!("{s}");
        if let Some(h) = &result.hint {
            eprintln!("hint: {}", h.summary);
        }
        for n in &result.notes {
            eprintln!("note: {}", n.message);
        }
        if let (Some(m), Some(open)) = (&result.merged, &into) {
            eprintln!(
                "kept: {} polic{} of `{}`; replaced {} request{}{}",
                m.kept_policies,
                if m.kept_policies == 1 { "y" } else { "ies" },
                open.name,
                m.replaced_requests,
                if m.replaced_requests == 1 { "" } else { "s" },
                if m.removed_expect {
                    "; removed `expect` (it described the replaced requests)"
                } else {
                    ""
                }
            );
        }
    }
    if result.errors.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // With `--format json` the errors are in the printed result.
    if args.format() == Format::Json {
        return Ok(ExitCode::from(2));
    }
    let errors = std::mem::take(&mut result.errors);
    Err(Failure::in_source(2, input, errors))
}

/// `bundle --list`, or `bundle NAME [--param KEY=VALUE]... [--into FILE]`; `--lang en|ja`.
pub fn bundle(args: Args) -> Outcome {
    let json = args.format() == Format::Json;
    let lang = args.lang()?;
    if args.flag("--list") {
        let list = bundles::list_in(lang);
        if json {
            return args::print_json(&list);
        }
        for b in list {
            println!("{:<30} {} checks  {}", b.name, b.checks, b.title);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(name) = args.operands().first() else {
        return Err(args.usage_error("bundle takes a name (see `iam-playground bundle --list`)"));
    };
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for p in args.values("--param") {
        match p.split_once('=') {
            Some(pair) => pairs.push(pair),
            None => return Err(args.usage_error("--param takes KEY=VALUE")),
        }
    }
    let (text, expanded) = match args.value("--into") {
        None => bundles::expand_in(name, &pairs, lang)
            .map(|e| (e.scenario.clone(), e))
            .map_err(|d| Failure::new(2, d))?,
        Some(file) => {
            let input = Input::read(file)?;
            let (edit, expanded) = match bundles::expand_into_in(&input.text, name, &pairs, lang) {
                Ok(done) => done,
                Err(d) => {
                    // Located in the scenario when it is about its text.
                    let diagnostics = iam_playground::answer::diagnostics_out(&input.text, vec![d]);
                    return Err(Failure::in_source(2, input, diagnostics));
                }
            };
            let text = input.text;
            let Some(text) = edit.apply(&text) else {
                let d = error("bundle", "the edit does not fit the scenario")
                    .with_help("this is a bug in the playground");
                return Err(Failure::new(2, d));
            };
            (text, expanded)
        }
    };
    if json {
        return args::print_json(&expanded);
    }
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// `fix FILE|- [--apply] [--format text|json] [--lang en|ja]`: exit 2 when the scenario is invalid.
pub fn fix(args: Args) -> Outcome {
    let input = args.input()?;
    let text = &input.text;
    let lang = args.lang()?;
    let mut report = fix::suggest_fixes_with(text, crate::aws_cmd::data_with_catalog(text));
    report.localize(lang);
    if report.status == Status::Invalid {
        // The scenario's own errors, as `eval` shows them.
        let mut errors = crate::aws_cmd::evaluate(text).diagnostics;
        errors.retain(|d| d.severity == iam_playground::diagnostic::Severity::Error);
        return Err(Failure::in_source(2, input, errors));
    }
    if args.flag("--apply") {
        let fixed = report
            .combined
            .as_ref()
            .map(|c| c.fixed_scenario.clone())
            .or_else(|| {
                report
                    .requests
                    .iter()
                    .find_map(|r| r.fixed_scenario.clone())
            });
        match fixed {
            Some(t) => print!("{t}"),
            None => {
                print!("{text}");
                eprintln!("note: nothing to add");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.format() == Format::Json {
        return args::print_json(&report);
    }
    print_text(&report);
    Ok(ExitCode::SUCCESS)
}

/// The report as text: each request's explanation, conditions, notes, diff and near misses.
fn print_text(report: &fix::FixReport) {
    for r in &report.requests {
        println!(
            "Request {}: {} on {}: {}",
            r.index + 1,
            r.action,
            r.resource,
            r.decision.as_str()
        );
        println!("  {}", r.explanation);
        for c in r.placements.iter().flat_map(|p| &p.conditions) {
            println!("  condition: {}", c.message);
        }
        for n in &r.notes {
            println!("  note: {}", n.message);
        }
        if !r.diff.is_empty() {
            for line in r.diff.lines() {
                println!("  {line}");
            }
        }
        if !r.near_misses.is_empty() {
            println!("  Near misses:");
            for m in &r.near_misses {
                println!("    - {}", m.summary);
                for d in &m.differences {
                    println!("        {}", d.detail);
                }
            }
        }
        println!();
    }
    if let Some(c) = &report.combined {
        println!(
            "All fixes together ({}):",
            if c.verified {
                "every request is allowed afterwards"
            } else {
                "some requests are still denied afterwards"
            }
        );
        for line in c.diff.lines() {
            println!("  {line}");
        }
    }
}
