//! The `iam-playground` command-line tool: evaluate scenarios, test them, make share links.
//!
//! A thin door over the library: `COMMANDS` is the table of subcommands, `args` parses their
//! arguments and prints every error (see its module doc to add a subcommand).

use std::process::ExitCode;

use args::{Command, Format, Spec};
use iam_playground::i18n::Msg;

mod account_cmd;
mod args;
/// `lint`, `expand`, `managed` and the AWS data built into the binary.
mod aws_cmd;
mod fix_cmd;
mod lesson_cmd;
mod scenario_cmd;

/// The allocator: lists of free small blocks by size in front of the system's
/// (`iam_playground::size_classes`; an evaluation makes and frees thousands of small blocks:
/// the PassRole scenario's `evaluate` takes 0.66x the instructions, its `decide` 0.84x). Built
/// for WebAssembly, the library installs its own (src/wasm/mod.rs).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: iam_playground::size_classes::SizeClasses<std::alloc::System> =
    iam_playground::size_classes::SizeClasses::new(std::alloc::System);

/// Every subcommand, in the order `--help` lists them.
static COMMANDS: &[Command] = &[
    Command {
        name: "eval",
        usage: "  iam-playground eval [FILE|-] [--format text|json] [--lang en|ja]
      Evaluate a scenario. Exit 0 when evaluated, 1 when the scenario's `expect` differs,
      2 for invalid input. The answer's sentences and errors are in English or Japanese
      (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            options: &[("--lang", "cli.option.lang")],
            ..Spec::FILE_WITH_FORMAT
        },
        run: scenario_cmd::eval,
    },
    Command {
        name: "test",
        usage: "  iam-playground test PATH... [--format text|junit|json] [--output FILE] [--lang en|ja]
      Run every scenario file (*.json) under the paths and check its `expect`: one test
      case per file and request. `text` prints one line per failure and a closing line
      `N passed, N failed`; `junit` is a JUnit XML report for CI (GitHub, GitLab, Jenkins),
      `json` the same as JSON. `--output` writes the report to FILE and prints the lines.
      Exit 1 when a case fails or a scenario cannot be evaluated. The engine's sentences and
      the lines' words are in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            formats: Format::REPORTS,
            options: &[
                ("--output", "cli.option.report-file"),
                ("--lang", "cli.option.lang"),
            ],
            operands: (1, None),
            operands_are: "cli.operands.paths",
            ..Spec::FILE
        },
        run: scenario_cmd::test,
    },
    Command {
        name: "share",
        usage: "  iam-playground share FILE|- [--base URL]
      Print a share link carrying the whole scenario in its fragment.
",
        spec: Spec {
            options: &[("--base", "cli.option.url")],
            ..Spec::FILE
        },
        run: scenario_cmd::share,
    },
    Command {
        name: "unshare",
        usage: "  iam-playground unshare LINK
      Print the scenario a share link carries.
",
        spec: Spec {
            operands: (1, Some(1)),
            operands_are: "cli.operands.link",
            ..Spec::FILE
        },
        run: scenario_cmd::unshare,
    },
    Command {
        name: "import",
        usage: "  iam-playground import FILE|- [--into SCENARIO] [--format text|json] [--lang en|ja]
      Turn a decoded authorization message, an AccessDenied error text or a CloudTrail event
      into a scenario with the request filled in; notes go to standard error. `--into` keeps
      the policies of SCENARIO and replaces only its request (and drops its `expect`). The
      hint about the denial is in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            options: &[
                ("--into", "cli.option.scenario-file"),
                ("--lang", "cli.option.lang"),
            ],
            ..Spec::FILE_WITH_FORMAT
        },
        run: fix_cmd::import,
    },
    Command {
        name: "bundle",
        usage: "  iam-playground bundle --list
  iam-playground bundle NAME [--param KEY=VALUE]... [--into FILE] [--format text|json]
      [--lang en|ja]
      Print a scenario whose requests are every check of one API call (`--into` keeps the
      policies of FILE and replaces its request). Its name, description and labels are in
      the language of `--lang` or of the environment.
",
        spec: Spec {
            flags: &["--list"],
            options: &[
                ("--param", "cli.option.key-value"),
                ("--into", "cli.option.scenario-file"),
                ("--lang", "cli.option.lang"),
            ],
            operands_are: "cli.operands.name",
            ..Spec::FILE_WITH_FORMAT
        },
        run: fix_cmd::bundle,
    },
    Command {
        name: "fix",
        usage: "  iam-playground fix FILE|- [--apply] [--format text|json] [--lang en|ja]
      Suggest, for each denied request, the smallest statement that allows it (as a diff),
      checked by evaluating again; `--apply` prints the fixed scenario. The explanations are
      in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            flags: &["--apply"],
            options: &[("--lang", "cli.option.lang")],
            ..Spec::FILE_WITH_FORMAT
        },
        run: fix_cmd::fix,
    },
    Command {
        name: "lint",
        usage: "  iam-playground lint FILE|- [--format text|json] [--lang en|ja]
      Lint a scenario or a policy against the AWS action catalog (unknown actions with
      \"did you mean\", resources, condition keys, redundancy). Exit 1 when there is an error.
      The findings are in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            options: &[("--lang", "cli.option.lang")],
            ..Spec::FILE_WITH_FORMAT
        },
        run: aws_cmd::lint,
    },
    Command {
        name: "expand",
        usage: "  iam-playground expand PATTERN... [--not] [--format text|json]
      List the actions an action pattern covers (`--not`: what a NotAction list leaves).
",
        spec: Spec {
            flags: &["--not"],
            operands: (1, None),
            operands_are: "cli.operands.action-patterns",
            ..Spec::FILE_WITH_FORMAT
        },
        run: aws_cmd::expand,
    },
    Command {
        name: "managed",
        usage: "  iam-playground managed [NAME] [--format text|json]
      List the AWS managed policies, or print one's document. Scenarios may name them:
      `{\"managed\": \"AmazonEC2FullAccess\"}` wherever a policy may stand.
",
        spec: Spec {
            operands_are: "cli.operands.policy-name",
            ..Spec::FILE_WITH_FORMAT
        },
        run: aws_cmd::managed,
    },
    Command {
        name: "redact",
        usage: "  iam-playground redact FILE|-
      Print the scenario with account ids and names replaced consistently (same decision).
",
        spec: Spec::FILE,
        run: scenario_cmd::redact,
    },
    Command {
        name: "simulate-command",
        usage: "  iam-playground simulate-command FILE|-
      Print the `aws iam simulate-custom-policy` command for each request (AWS's own answer).
",
        spec: Spec::FILE,
        run: scenario_cmd::simulate_command,
    },
    Command {
        name: "lesson",
        usage: "  iam-playground lesson list [--format text|json] [--lang en|ja]
  iam-playground lesson show ID [--start|--solution|--hint N] [--lang en|ja]
  iam-playground lesson check ID FILE|- [--format text|json] [--lang en|ja]
      The PassRole lessons: list them, read one (or print its start scenario, its reference
      solution, one hint), and check a scenario against its goals: one line per goal, exit 0
      only when every goal holds and the scenario has no error (1: a goal fails, 2: errors).
      The language follows --lang, else LC_ALL, LC_MESSAGES or LANG (English by default).
",
        spec: Spec {
            flags: &["--start", "--solution"],
            options: &[("--lang", "cli.option.lang"), ("--hint", "cli.option.hint-number")],
            operands: (0, None),
            operands_are: "cli.operands.lesson",
            ..Spec::FILE_WITH_FORMAT
        },
        run: lesson_cmd::lesson,
    },
    Command {
        name: "schema",
        usage: "  iam-playground schema
      Print the JSON Schema of scenario files (docs/scenario.schema.json), for editors.
",
        spec: Spec {
            operands: (0, Some(0)),
            operands_are: "cli.operands.none",
            ..Spec::FILE
        },
        run: scenario_cmd::schema,
    },
    Command {
        name: "account",
        usage: "  iam-playground account FILE [--format text|json] [--lang en|ja]
  iam-playground account FILE --principal NAME|ARN [--action A --resource R] [--context KEY=VALUE]... [--lang en|ja]
      Read the output of `aws iam get-account-authorization-details` (documents as JSON
      objects or URL-encoded strings): list its users and roles with their policy counts, or
      print one principal's scenario: its policies in force (its own, its groups', its
      permissions boundary) named as in the account, its tags as aws:PrincipalTag keys, and
      the request when one is given (a role's trust policy decides sts:AssumeRole on it).
      Its notes are in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            options: &[
                ("--principal", "cli.option.principal"),
                ("--action", "cli.option.action"),
                ("--resource", "cli.option.resource"),
                ("--context", "cli.option.key-value"),
                ("--lang", "cli.option.lang"),
            ],
            operands_are: account_cmd::OPERAND,
            ..Spec::FILE_WITH_FORMAT
        },
        run: account_cmd::account,
    },
    Command {
        name: "passrole",
        usage: "  iam-playground passrole FILE [--format text|json] [--lang en|ja]
      The PassRole map of an account file: for every principal and every role a service may
      assume, whether it may pass the role to that service (iam:PassRole with
      iam:PassedToService, through boundaries), the statement that allows it, what the role
      may do that the principal may not (`gains`) and whether that is an escalation.
      Its notes are in English or Japanese (--lang, else LC_ALL, LC_MESSAGES or LANG).
",
        spec: Spec {
            options: &[("--lang", "cli.option.lang")],
            operands_are: account_cmd::OPERAND,
            ..Spec::FILE_WITH_FORMAT
        },
        run: account_cmd::passrole,
    },
];

/// The whole usage text, from the command table.
fn usage() -> String {
    let mut out = String::from("iam-playground: AWS IAM policy evaluation, explained\n\nUsage:\n");
    for c in COMMANDS {
        out.push_str(c.usage);
    }
    out.push_str("  iam-playground --version | --help\n");
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, rest)) = args.split_first() else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    match name.as_str() {
        "--version" | "-V" => {
            println!("iam-playground {}", iam_playground::VERSION);
            ExitCode::SUCCESS
        }
        "--help" | "-h" | "help" => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        name => match COMMANDS.iter().find(|c| c.name == name) {
            Some(command) => {
                let lang = args::lang_of(rest);
                args::Args::parse(command, rest)
                    .and_then(command.run)
                    .unwrap_or_else(|failure| failure.print(lang))
            }
            None => unknown_command(name).print(args::lang_of(rest)),
        },
    }
}

fn unknown_command(name: &str) -> args::Failure {
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    let help = match iam_playground::diagnostic::did_you_mean(name, &names) {
        Some(close) => Msg::new("cli.unknown-command.did-you-mean").arg("name", close),
        None => Msg::new("cli.unknown-command.help"),
    };
    let message = Msg::new("cli.unknown-command").arg("name", name);
    args::Failure::new(2, args::error("unknown-command", message).with_help(help))
}
