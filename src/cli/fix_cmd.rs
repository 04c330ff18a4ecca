//! `iam-playground import`, `bundle` and `fix`: from an error artefact to a fix.

use std::process::ExitCode;

use iam_playground::answer::result::DiagnosticOut;
use iam_playground::{tools::bundles, tools::fix, tools::import};

use super::{read_input, usage_error};

/// `--format text|json` and the other arguments.
fn split_format(args: &[String]) -> Result<(bool, Vec<String>), ExitCode> {
    let mut json = false;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return Err(usage_error("--format takes `text` or `json`")),
            },
            "--format=json" => json = true,
            "--format=text" => json = false,
            _ => rest.push(a.clone()),
        }
    }
    Ok((json, rest))
}

fn print_json<T: serde::Serialize>(value: &T) -> bool {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            true
        }
        Err(e) => {
            eprintln!("error: cannot serialize the result: {e}");
            false
        }
    }
}

fn print_errors(errors: &[DiagnosticOut], name: &str) {
    for e in errors {
        eprintln!("error: {}", e.message);
        if let Some(l) = &e.location {
            eprintln!("  --> {name}:{}:{}", l.line, l.column);
        }
        if let Some(h) = &e.help {
            eprintln!("  help: {h}");
        }
    }
}

pub(super) fn import(args: &[String]) -> ExitCode {
    let (json, rest) = match split_format(args) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if rest.len() > 1 {
        return usage_error("import takes one file (or `-` for standard input)");
    }
    let (text, name) = match read_input(rest.first().map(String::as_str)) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = import::import_artifact(&text);
    if json {
        if !print_json(&result) {
            return ExitCode::from(2);
        }
    } else if let Some(s) = &result.scenario {
        print!("{s}");
        if let Some(h) = &result.hint {
            eprintln!("hint: {}", h.summary);
        }
        for n in &result.notes {
            eprintln!("note: {}", n.message);
        }
    }
    if result.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        if !json {
            print_errors(&result.errors, &name);
        }
        ExitCode::from(2)
    }
}

pub(super) fn bundle(args: &[String]) -> ExitCode {
    let (json, rest) = match split_format(args) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if rest.first().map(String::as_str) == Some("--list") {
        let list = bundles::list();
        if json {
            return if print_json(&list) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
        for b in list {
            println!("{:<30} {} checks  {}", b.name, b.checks, b.title);
        }
        return ExitCode::SUCCESS;
    }
    let mut name = None;
    let mut params: Vec<(String, String)> = Vec::new();
    let mut into = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--param" => match it.next().and_then(|p| p.split_once('=')) {
                Some((k, v)) => params.push((k.to_string(), v.to_string())),
                None => return usage_error("--param takes KEY=VALUE"),
            },
            "--into" => match it.next() {
                Some(f) => into = Some(f.clone()),
                None => return usage_error("--into takes a scenario file"),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option `{s}`")),
            s if name.is_none() => name = Some(s.to_string()),
            _ => return usage_error("bundle takes one name"),
        }
    }
    let Some(name) = name else {
        return usage_error("bundle takes a name (see `iam-playground bundle --list`)");
    };
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let result = match &into {
        None => bundles::expand(&name, &pairs).map(|e| (e.scenario.clone(), e)),
        Some(file) => {
            let text = match read_input(Some(file)) {
                Ok((t, _)) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            bundles::expand_into(&text, &name, &pairs).and_then(|(edit, e)| {
                edit.apply(&text)
                    .map(|t| (t, e))
                    .ok_or_else(|| bundles::BundleError {
                        message: "the edit does not fit the scenario".to_string(),
                        help: "this is a bug in the playground".to_string(),
                    })
            })
        }
    };
    match result {
        Ok((text, expanded)) => {
            if json {
                if !print_json(&expanded) {
                    return ExitCode::from(2);
                }
            } else {
                print!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}\n  help: {}", e.message, e.help);
            ExitCode::from(2)
        }
    }
}

pub(super) fn fix(args: &[String]) -> ExitCode {
    let (json, rest) = match split_format(args) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let apply = rest.iter().any(|a| a == "--apply");
    let files: Vec<&String> = rest.iter().filter(|a| *a != "--apply").collect();
    if let Some(bad) = files.iter().find(|a| a.starts_with("--")) {
        return usage_error(&format!("unknown option `{bad}`"));
    }
    if files.len() > 1 {
        return usage_error("fix takes one file (or `-` for standard input)");
    }
    let (text, _) = match read_input(files.first().map(|s| s.as_str())) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let report = fix::suggest_fixes(&text);
    if report.status == iam_playground::answer::result::Status::Invalid {
        eprintln!("error: the scenario is invalid; run `iam-playground eval` to see why");
        return ExitCode::from(2);
    }
    if apply {
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
        return ExitCode::SUCCESS;
    }
    if json {
        return if print_json(&report) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
    }
    for r in &report.requests {
        println!(
            "Request {}: {} on {}: {}",
            r.index + 1,
            r.action,
            r.resource,
            r.decision.as_str()
        );
        println!("  {}", r.explanation);
        for n in &r.notes {
            println!("  note: {n}");
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
    ExitCode::SUCCESS
}
