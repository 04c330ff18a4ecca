//! `account` and `passrole`: an account's authorization details, offline. The logic is in the
//! library (`iam_playground::tools::account`); this reads the options and prints.

use std::process::ExitCode;

use iam_playground::answer::{diagnostics_out, render};
use iam_playground::i18n::{Lang, Msg};
use iam_playground::model::ContextValue;
use iam_playground::tools::account::{Account, EntityKind, PassRoleMap, RequestSpec};

use crate::args::{self, error, Args, Failure, Format, Input, Outcome};
use crate::aws_cmd;

/// What the operand is, for usage errors.
pub const OPERAND: &str = "cli.operands.account-file";

/// Reads the account file; its reading errors are the failure (exit 2).
fn open(args: &Args, lang: Lang) -> Result<(Account, Input), Failure> {
    let input = args.input()?;
    match Account::read(input.text.clone(), aws_cmd::managed_policies()) {
        Ok(account) => {
            // Notes (documents with errors, policies not found) do not stop the command.
            let notes = diagnostics_out(&input.text, account.diagnostics.clone());
            for mut d in notes {
                d.localize(lang);
                eprint!(
                    "{}",
                    render::diagnostic_in(&input.text, &input.name, &d, lang)
                );
            }
            Ok((account, input))
        }
        Err(errors) => {
            let located = diagnostics_out(&input.text, errors);
            Err(Failure::in_source(2, input, located))
        }
    }
}

/// Left-aligned columns, two spaces apart.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            line.push_str(&format!("{cell:<w$}  "));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `--context KEY=VALUE`, repeated; the same key again makes it multivalued.
fn context(args: &Args) -> Result<Vec<(String, ContextValue)>, Failure> {
    let mut out: Vec<(String, ContextValue)> = Vec::new();
    for given in args.values("--context") {
        let Some((k, v)) = given.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(args.usage_error(format!(
                "--context takes KEY=VALUE, such as `iam:PassedToService=ec2.amazonaws.com` (got `{given}`)"
            )));
        };
        match out.iter_mut().find(|(key, _)| key == k) {
            Some((_, existing)) => {
                let mut values = existing.values().to_vec();
                values.push(v.to_string());
                *existing = ContextValue::Multi(values);
            }
            None => out.push((k.to_string(), ContextValue::Single(v.to_string()))),
        }
    }
    Ok(out)
}

/// `account FILE [--format text|json]` lists the principals; with `--principal NAME|ARN
/// [--action A --resource R] [--context KEY=VALUE]...` it prints that principal's scenario.
pub fn account(args: Args) -> Outcome {
    let lang = args.lang()?;
    let request = match (args.value("--action"), args.value("--resource")) {
        (Some(action), Some(resource)) => Some(RequestSpec {
            action: action.to_string(),
            resource: resource.to_string(),
            context: context(&args)?,
        }),
        (None, None) if args.values("--context").next().is_none() => None,
        (None, None) => return Err(args.usage_error("--context needs --action and --resource")),
        _ => return Err(args.usage_error("give --action and --resource together")),
    };
    let principal = args.value("--principal");
    if principal.is_none() && request.is_some() {
        return Err(args.usage_error("--action and --resource need --principal"));
    }
    if principal.is_some() && args.format() == Format::Json {
        return Err(args.usage_error(
            "with --principal the output is a scenario (JSON already); --format is for the listing",
        ));
    }
    let (account, input) = open(&args, lang)?;
    let Some(principal) = principal else {
        return list(&account, &input.name, args.format(), lang);
    };
    let index = account.find(principal).map_err(|d| Failure::new(2, d))?;
    let (scenario, left) = account.scenario_in(index, request.as_ref(), lang);
    print!("{scenario}");
    for n in left {
        args::warn("account-note", n);
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn list(account: &Account, name: &str, format: Format, lang: Lang) -> Outcome {
    let summaries = account.summaries_in(lang);
    if format == Format::Json {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Listing<'a> {
            account: Option<&'a str>,
            truncated: bool,
            principals: &'a [iam_playground::tools::account::PrincipalSummary],
            diagnostics: Vec<iam_playground::answer::result::DiagnosticOut>,
        }
        return args::print_json(&Listing {
            account: account.account_id.as_deref(),
            truncated: account.truncated,
            principals: &summaries,
            diagnostics: diagnostics_out(account.text(), account.diagnostics.clone())
                .into_iter()
                .map(|mut d| {
                    d.localize(lang);
                    d
                })
                .collect(),
        });
    }
    let users = summaries
        .iter()
        .filter(|s| s.kind == EntityKind::User)
        .count();
    println!(
        "{name}: account {}, {}, {}, {}",
        account.account_id.as_deref().unwrap_or("unknown"),
        plural(users, "user"),
        plural(summaries.len() - users, "role"),
        plural(account.groups.len(), "group"),
    );
    let mut rows = vec![[
        "principal",
        "policies",
        "inline",
        "managed",
        "boundary",
        "groups / trusted by",
    ]
    .map(String::from)
    .to_vec()];
    for s in &summaries {
        let mut about = match s.kind {
            EntityKind::User => s.groups.join(", "),
            EntityKind::Role if s.service_linked => {
                format!("service-linked ({})", s.trusted_services.join(", "))
            }
            EntityKind::Role => s.trusted_services.join(", "),
        };
        if !s.left_out.is_empty() {
            about.push_str(&format!(" [{} left out]", s.left_out.len()));
        }
        rows.push(vec![
            format!("{}/{}", s.kind.as_str(), s.name),
            s.identity_policies.to_string(),
            s.inline_policies.to_string(),
            s.managed_policies.to_string(),
            if s.boundary { "yes" } else { "" }.to_string(),
            about,
        ]);
    }
    print!("{}", table(&rows));
    Ok(ExitCode::SUCCESS)
}

/// `passrole FILE [--format text|json]`: who may pass which role to which service.
pub fn passrole(args: Args) -> Outcome {
    let lang = args.lang()?;
    let (account, input) = open(&args, lang)?;
    let Some(catalog) = aws_cmd::catalog() else {
        return Err(Failure::new(
            2,
            error(
                "built-in-data",
                "the built-in action catalog cannot be read",
            ),
        ));
    };
    let mut map = PassRoleMap::compute(&account, catalog, &mut |_| {});
    map.localize(lang);
    for n in &map.notes {
        let line = Msg::new("cli.account.left-out-of-map").arg("note", n);
        args::warn("account-note", line.render(lang));
    }
    if args.format() == Format::Json {
        return args::print_json(&map);
    }
    let short = |arn: &str| {
        let p = account.principals.iter().find(|p| p.arn == arn);
        p.map_or_else(
            || arn.to_string(),
            |p| format!("{}/{}", p.kind.as_str(), p.name),
        )
    };
    let escalations = map.rows.iter().filter(|r| r.escalation).count();
    println!(
        "{}: account {}, {} and {} a service may assume ({}): {} allowed, {}",
        input.name,
        account.account_id.as_deref().unwrap_or("unknown"),
        plural(map.principals, "principal"),
        plural(map.roles, "role"),
        plural(map.pairs, "role-service pair"),
        if map.rows.len() == 1 {
            "1 pass".to_string()
        } else {
            format!("{} passes", map.rows.len())
        },
        plural(escalations, "escalation"),
    );
    if !map.rows.is_empty() {
        let mut rows = vec![[
            "principal",
            "role",
            "service",
            "escalation",
            "allowed by",
            "gains",
        ]
        .map(String::from)
        .to_vec()];
        for r in &map.rows {
            let statement = match &r.statement.sid {
                Some(sid) if !sid.is_empty() => format!("{} ({sid})", r.statement.policy),
                _ => format!(
                    "{} (statement {})",
                    r.statement.policy,
                    r.statement.index + 1
                ),
            };
            rows.push(vec![
                short(&r.principal),
                short(&r.role),
                r.service.clone(),
                if r.escalation { "YES" } else { "" }.to_string(),
                statement,
                r.gains.join(", "),
            ]);
        }
        print!("{}", table(&rows));
    }
    println!("`iam:AssociatedResourceARN` is not set, so statements that require it do not count. `gains`: what the role may do on the resources its policies name and the principal may not.");
    Ok(ExitCode::SUCCESS)
}
