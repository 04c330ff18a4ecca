//! The CLI's arguments and errors: one parser, one `--format`, one way to read `FILE` or `-`,
//! and one renderer for every error the CLI prints.
//!
//! # Adding a subcommand
//!
//! 1. Write `fn name(args: Args) -> Outcome` beside its family (`*_cmd.rs`). Read the input
//!    with [`Args::input`], the options with [`Args::format`], [`Args::flag`],
//!    [`Args::value`] and [`Args::operands`]; print results to standard output; fail by
//!    returning a [`Failure`] (never print an error yourself).
//! 2. Add a [`Command`] row to `COMMANDS` in `main.rs`: its name, its usage block (shown by
//!    `--help`; its synopsis lines are the help of its usage errors), a [`Spec`] of the options it
//!    takes, and the function. The parser rejects anything the spec does not name.
//! 3. Add it to the README's command list.
//!
//! Exit codes: 0 done; 1 the check the command makes failed (`expect` differs, lint errors,
//! no action matched, an unknown managed policy); 2 usage errors and invalid input.
//!
//! Every error goes through [`Failure::print`]: a [`Diagnostic`] rendered by
//! `answer::render::diagnostic`, the renderer `eval` and `lint` use for scenario errors, so
//! that a usage error, an unreadable file and an invalid scenario read alike.

use std::io::Read;
use std::process::ExitCode;

use iam_playground::answer::render;
use iam_playground::answer::result::DiagnosticOut;
use iam_playground::diagnostic::{Diagnostic, Severity};
use iam_playground::i18n::{Lang, Msg, Text};

/// What a command returns: its exit code (0, or 1 when its check failed), or the failure to
/// print.
pub type Outcome = Result<ExitCode, Failure>;

/// One subcommand: a row of the command table.
pub struct Command {
    /// The word after `iam-playground`.
    pub name: &'static str,
    /// Its block of the usage text: the synopsis line(s) (`  iam-playground eval ...`), then
    /// the description indented by six spaces.
    pub usage: &'static str,
    /// What it accepts.
    pub spec: Spec,
    /// What it does.
    pub run: fn(Args) -> Outcome,
}

impl Command {
    /// The synopsis line(s) of its usage block, without their indentation.
    fn synopsis(&self) -> String {
        let lines: Vec<&str> = self
            .usage
            .lines()
            .filter(|l| l.starts_with("  iam-playground"))
            .map(str::trim)
            .collect();
        lines.join(" or ")
    }
}

/// The arguments a command accepts. Options are written `--name VALUE` or `--name=VALUE`.
pub struct Spec {
    /// The values `--format` accepts (empty: the command has no `--format`); the first is
    /// the default.
    pub formats: &'static [Format],
    /// Options without a value (`--apply`).
    pub flags: &'static [&'static str],
    /// Options with a value, and what the value is as a catalog phrase (`("--base",
    /// "cli.option.url")`: "a URL"). They may repeat.
    pub options: &'static [(&'static str, &'static str)],
    /// The fewest and most operands (`None`: no limit).
    pub operands: (usize, Option<usize>),
    /// What the operands are, for the usage error, as a catalog phrase (`cli.operands.file`:
    /// "one file (or `-` for standard input)").
    pub operands_are: &'static str,
}

impl Spec {
    /// A command that reads one scenario file (or standard input) and prints text or JSON.
    pub const FILE_WITH_FORMAT: Spec = Spec {
        formats: Format::TEXT_JSON,
        ..Spec::FILE
    };

    /// A command that reads one scenario file (or standard input) and prints text.
    pub const FILE: Spec = Spec {
        formats: &[],
        flags: &[],
        options: &[],
        operands: (0, Some(1)),
        operands_are: "cli.operands.file",
    };
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// The engine's JSON (camelCase fields), pretty-printed.
    Json,
    /// JUnit XML, for CI test reports (`test`).
    Junit,
}

impl Format {
    /// `text` (the default) and `json`.
    pub const TEXT_JSON: &'static [Format] = &[Format::Text, Format::Json];

    /// `text` (the default), `junit` and `json`: test reports.
    pub const REPORTS: &'static [Format] = &[Format::Text, Format::Junit, Format::Json];

    /// As written after `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Junit => "junit",
        }
    }
}

/// The parsed arguments of one command.
pub struct Args {
    command: &'static Command,
    format: Format,
    flags: Vec<&'static str>,
    values: Vec<(&'static str, String)>,
    operands: Vec<String>,
}

impl Args {
    /// Parses `args` (the words after the command's name) by the command's spec.
    pub fn parse(command: &'static Command, args: &[String]) -> Result<Args, Failure> {
        let spec = &command.spec;
        let mut out = Args {
            command,
            format: spec.formats.first().copied().unwrap_or(Format::Text),
            flags: Vec::new(),
            values: Vec::new(),
            operands: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let Some(option) = arg.strip_prefix("--").map(|_| arg.as_str()) else {
                out.operands.push(arg.clone());
                continue;
            };
            let (name, inline) = match option.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (option, None),
            };
            if let Some(flag) = spec.flags.iter().find(|f| **f == name) {
                if inline.is_some() {
                    return Err(
                        out.usage_error(Msg::new("cli.flag-takes-no-value").arg("flag", flag))
                    );
                }
                out.flags.push(flag);
                continue;
            }
            let what = if name == "--format" && !spec.formats.is_empty() {
                None
            } else if let Some((_, what)) = spec.options.iter().find(|(n, _)| *n == name) {
                Some(*what)
            } else {
                return Err(out.usage_error(Msg::new("cli.unknown-option").arg("name", name)));
            };
            let value = inline.or_else(|| it.next().cloned());
            match what {
                None => out.format = out.format_value(value.as_deref())?,
                Some(what) => match value {
                    Some(v) => out.values.push((out.option_name(name), v)),
                    None => {
                        let message = Msg::new("cli.takes")
                            .arg("name", name)
                            .phrase("what", Msg::new(what));
                        return Err(out.usage_error(message));
                    }
                },
            }
        }
        let (min, max) = spec.operands;
        if out.operands.len() < min || max.is_some_and(|m| out.operands.len() > m) {
            let message = Msg::new("cli.takes")
                .arg("name", command.name)
                .phrase("what", Msg::new(spec.operands_are));
            return Err(out.usage_error(message));
        }
        Ok(out)
    }

    fn format_value(&self, value: Option<&str>) -> Result<Format, Failure> {
        let formats = self.command.spec.formats;
        if let Some(f) = formats.iter().find(|f| Some(f.name()) == value) {
            return Ok(*f);
        }
        let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
        let list = iam_playground::i18n::some_of(&names, names.len(), true);
        Err(self.usage_error(Msg::new("cli.format-takes").phrase("formats", list)))
    }

    fn option_name(&self, name: &str) -> &'static str {
        let options = self.command.spec.options;
        options
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(n, _)| n)
    }

    /// The output format (`--format`), or the command's default.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether the flag (`"--apply"`) was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    /// The last value of an option (`"--base"`).
    pub fn value(&self, name: &str) -> Option<&str> {
        let mut it = self.values.iter().rev();
        it.find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated option (`"--param"`), in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The operands, in order.
    pub fn operands(&self) -> &[String] {
        &self.operands
    }

    /// The first operand, a file or `-` (also when there is none): standard input.
    pub fn path(&self) -> &str {
        self.operands.first().map_or("-", String::as_str)
    }

    /// The text of [`Args::path`].
    pub fn input(&self) -> Result<Input, Failure> {
        Input::read(self.path())
    }

    /// The language of the output: `--lang` when given, else the environment (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, as gettext reads them); English by default.
    pub fn lang(&self) -> Result<Lang, Failure> {
        match self.value("--lang") {
            Some(tag) => Lang::from_tag(tag)
                .ok_or_else(|| self.usage_error(Msg::new("cli.lang-takes").arg("tag", tag))),
            None => Ok(Lang::from_env(|name| std::env::var(name).ok())),
        }
    }

    /// A usage error of this command (exit 2), with its synopsis as help.
    pub fn usage_error(&self, message: impl Into<Text>) -> Failure {
        usage_error(Some(self.command), message)
    }
}

/// The language errors are printed in, before the arguments are parsed: the value of a
/// `--lang` among `args` when it names a language, else the environment (a bad `--lang` is
/// reported by [`Args::lang`], in the environment's language).
pub fn lang_of(args: &[String]) -> Lang {
    let env = || Lang::from_env(|name| std::env::var(name).ok());
    let mut it = args.iter();
    let mut given = None;
    while let Some(arg) = it.next() {
        if arg == "--lang" {
            given = it.next().map(String::as_str);
        } else if let Some(v) = arg.strip_prefix("--lang=") {
            given = Some(v);
        }
    }
    given.and_then(Lang::from_tag).unwrap_or_else(env)
}

/// A usage error (exit 2); with a command, its synopsis is the help.
pub fn usage_error(command: Option<&Command>, message: impl Into<Text>) -> Failure {
    let help = match command {
        Some(c) => Msg::new("cli.usage").arg("synopsis", c.synopsis()),
        None => Msg::new("cli.see-help"),
    };
    Failure::new(2, error("usage", message).with_help(help))
}

/// An error that points at no place in a text.
pub fn error(code: &'static str, message: impl Into<Text>) -> Diagnostic {
    Diagnostic::new(Severity::Error, code, message)
}

/// A text the command reads, and the name its diagnostics show (`--> name:line:column`).
pub struct Input {
    /// The text.
    pub text: String,
    /// The file name, or `<stdin>`.
    pub name: String,
}

impl Input {
    /// Reads a file, or standard input for `-`, as text. Text that is not UTF-8 is an
    /// `invalid-utf8` error that says where (byte offset, line, column) and shows the line.
    pub fn read(path: &str) -> Result<Input, Failure> {
        let (bytes, name) = Input::read_bytes(path)?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Input { text, name }),
            Err(e) => Err(Input::not_utf8(e.as_bytes(), name)),
        }
    }

    /// Reads a file, or standard input for `-`, as bytes; returns them with the name to show.
    pub fn read_bytes(path: &str) -> Result<(Vec<u8>, String), Failure> {
        let (read, name) = if path == "-" {
            let mut bytes = Vec::new();
            let read = std::io::stdin().read_to_end(&mut bytes).map(|_| bytes);
            (read, "<stdin>".to_string())
        } else {
            (std::fs::read(path), path.to_string())
        };
        read.map(|bytes| (bytes, name)).map_err(|e| {
            let message = if path == "-" {
                Msg::new("cli.cannot-read-stdin")
            } else {
                Msg::new("cli.cannot-read").arg("path", path)
            };
            Failure::new(2, error("cannot-read", message.arg("error", e)))
        })
    }

    /// The failure for bytes that are not UTF-8, located in their lossy text.
    fn not_utf8(bytes: &[u8], name: String) -> Failure {
        match iam_playground::parse::bytes::decode_utf8(bytes) {
            Err(bad) => {
                let answer = iam_playground::answer::unreadable(&bad);
                let source = Input {
                    text: bad.text,
                    name,
                };
                Failure::in_source(2, source, answer.diagnostics)
            }
            // `from_utf8` and `decode_utf8` agree; this arm only keeps the types honest.
            Ok(_) => Failure::new(
                2,
                error("invalid-utf8", Msg::new("cli.not-utf8").arg("name", name)),
            ),
        }
    }
}

/// Why a command failed: the diagnostics to print, the text they point into, the exit code.
pub struct Failure {
    exit: u8,
    diagnostics: Vec<DiagnosticOut>,
    source: Option<Input>,
}

impl Failure {
    /// A failure with one diagnostic that points at no text.
    pub fn new(exit: u8, diagnostic: Diagnostic) -> Failure {
        Failure {
            exit,
            diagnostics: iam_playground::answer::diagnostics_out("", vec![diagnostic]),
            source: None,
        }
    }

    /// A failure with diagnostics located in `source`.
    pub fn in_source(exit: u8, source: Input, diagnostics: Vec<DiagnosticOut>) -> Failure {
        Failure {
            exit,
            diagnostics,
            source: Some(source),
        }
    }

    /// Prints every diagnostic to standard error, in `lang` where it is a catalog message,
    /// and returns the exit code.
    pub fn print(self, lang: Lang) -> ExitCode {
        let (text, name) = self
            .source
            .as_ref()
            .map_or(("", ""), |s| (s.text.as_str(), s.name.as_str()));
        for mut d in self.diagnostics {
            d.localize(lang);
            eprint!("{}", render::diagnostic_in(text, name, &d, lang));
        }
        ExitCode::from(self.exit)
    }
}

/// Prints a warning that does not stop the command (same renderer as errors).
pub fn warn(code: &'static str, message: impl Into<String>) {
    let d = error(code, message.into()).with_severity(Severity::Warning);
    for d in iam_playground::answer::diagnostics_out("", vec![d]) {
        eprint!("{}", render::diagnostic("", "", &d));
    }
}

/// Prints a value as pretty JSON (exit 0).
pub fn print_json<T: serde::Serialize>(value: &T) -> Outcome {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Failure::new(
            2,
            error(
                "cannot-serialize",
                format!("cannot serialize the result: {e}"),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(_: Args) -> Outcome {
        Ok(ExitCode::SUCCESS)
    }

    static CMD: Command = Command {
        name: "demo",
        usage:
            "  iam-playground demo FILE [--apply] [--base URL] [--format text|json]\n      Demo.\n",
        spec: Spec {
            flags: &["--apply"],
            options: &[
                ("--base", "cli.option.url"),
                ("--param", "cli.option.key-value"),
            ],
            ..Spec::FILE_WITH_FORMAT
        },
        run: noop,
    };

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn message(f: Failure) -> (String, Option<String>) {
        let d = f.diagnostics.into_iter().next().unwrap();
        (d.message, d.help)
    }

    #[test]
    fn options_flags_and_operands() {
        let a = Args::parse(
            &CMD,
            &words("--format=json f.json --apply --param a=1 --base u --param b=2"),
        )
        .unwrap_or_else(|f| panic!("{:?}", message(f)));
        assert_eq!(a.format(), Format::Json);
        assert!(a.flag("--apply"));
        assert_eq!(a.value("--base"), Some("u"));
        assert_eq!(a.values("--param").collect::<Vec<_>>(), ["a=1", "b=2"]);
        assert_eq!(a.operands(), ["f.json"]);
        let a = Args::parse(&CMD, &words("-")).unwrap_or_else(|f| panic!("{:?}", message(f)));
        assert_eq!(a.format(), Format::Text);
        assert!(!a.flag("--apply"));
        assert_eq!(a.operands(), ["-"]);
    }

    #[test]
    fn usage_errors_say_what_and_show_the_synopsis() {
        let cases = [
            ("--format xml", "--format takes `text` or `json`"),
            ("--format", "--format takes `text` or `json`"),
            ("--frob", "unknown option `--frob`"),
            ("--apply=yes", "`--apply` takes no value"),
            ("--base", "--base takes a URL"),
            ("a b", "demo takes one file (or `-` for standard input)"),
        ];
        for (args, want) in cases {
            let Err(f) = Args::parse(&CMD, &words(args)) else {
                panic!("`{args}` parsed");
            };
            assert_eq!(f.exit, 2);
            let (msg, help) = message(f);
            assert_eq!(msg, want, "{args}");
            assert_eq!(
                help.as_deref(),
                Some("usage: iam-playground demo FILE [--apply] [--base URL] [--format text|json]; see `iam-playground --help`")
            );
        }
    }

    #[test]
    fn a_command_without_format_rejects_it() {
        static PLAIN: Command = Command {
            name: "plain",
            usage: "  iam-playground plain\n",
            spec: Spec::FILE,
            run: noop,
        };
        let Err(f) = Args::parse(&PLAIN, &words("--format json")) else {
            panic!("parsed");
        };
        assert_eq!(message(f).0, "unknown option `--format`");
    }
}
