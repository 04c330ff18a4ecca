//! Parsing scenarios and policies into the [model](crate::model).
//!
//! ```
//! use iam_playground::parse::parse_scenario;
//!
//! let text = r#"{
//!   "policies": {"identity": [{"Version": "2012-10-17",
//!     "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice",
//!               "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key"}
//! }"#;
//! let (scenario, diagnostics) = parse_scenario(text);
//! assert!(diagnostics.is_empty());
//! assert_eq!(scenario.unwrap().policies[0].statements.len(), 1);
//! ```
//!
//! Every diagnostic carries the span it points at and the JSON pointer of the value at
//! fault. Parsing goes on after an error so that one pass reports all of them.

pub mod bytes;
mod condition;
pub mod json;
mod kinds;
mod managed;
mod policy;
mod principal;
mod request;
mod scenario;
pub mod schema;
mod values;
mod what_if;

pub use managed::is_managed;

use crate::diagnostic::{did_you_mean, Diagnostic, LineIndex, Severity, Span};
use crate::i18n::{Msg, Text};
use crate::model::{Policy, PolicyKind, Scenario};
use json::{Json, JsonKind, JsonPath, Member};

/// Parses a scenario (the format is documented in `docs/scenario-format.md`).
///
/// Returns the scenario when there is no error (warnings may accompany it); otherwise `None`
/// and every error found. Diagnostics are sorted by position.
pub fn parse_scenario(text: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
    parse_scenario_with(text, None)
}

/// Parses a scenario; `{"managed": "Name"}` entries are resolved in `managed` (an error when
/// it is `None`: the documents are not loaded).
pub fn parse_scenario_with(
    text: &str,
    managed: Option<&crate::aws::managed::ManagedPolicies>,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    scenario_of(text, json::parse(text), managed)
}

/// [`parse_scenario_with`], and the text's line index, built as the JSON is read (what an
/// evaluation locates its statements and diagnostics with).
pub fn parse_scenario_indexed<'t>(
    text: &'t str,
    managed: Option<&crate::aws::managed::ManagedPolicies>,
) -> (Option<Scenario>, Vec<Diagnostic>, LineIndex<'t>) {
    let (root, index) = json::parse_indexed(text);
    let (scenario, diagnostics) = scenario_of(text, root, managed);
    (scenario, diagnostics, index)
}

/// The scenario of `text`, whose JSON was read as `root`.
fn scenario_of(
    text: &str,
    root: Result<json::Json<'_>, Diagnostic>,
    managed: Option<&crate::aws::managed::ManagedPolicies>,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    let root = match root {
        Ok(root) => root,
        Err(d) => return (None, vec![d.with_path("")]),
    };
    let mut ctx = Ctx::new(text);
    ctx.managed = managed;
    let scenario = scenario::scenario(&mut ctx, &root);
    ctx.finish(scenario)
}

/// Parses one request (`{"principal": ..., "action": ..., "resource": ..., "context": ...}`),
/// as a scenario's `request` member is read. Paths in diagnostics are relative to the text's
/// root.
pub fn parse_request(text: &str) -> (Option<crate::model::Request>, Vec<Diagnostic>) {
    let root = match json::parse(text) {
        Ok(root) => root,
        Err(d) => return (None, vec![d.with_path("")]),
    };
    let mut ctx = Ctx::new(text);
    let parsed = request::request(&mut ctx, &root, &JsonPath::root());
    ctx.finish(parsed)
}

/// Parses one policy of the given kind: a document, `{"name": ..., "document": ...}`, or a
/// JSON string holding a document. Paths in diagnostics are relative to the text's root.
pub fn parse_policy(text: &str, kind: PolicyKind) -> (Option<Policy>, Vec<Diagnostic>) {
    let root = match json::parse(text) {
        Ok(root) => root,
        Err(d) => return (None, vec![d.with_path("")]),
    };
    let mut ctx = Ctx::new(text);
    let position = matches!(kind, PolicyKind::Scp | PolicyKind::Rcp).then_some(0);
    let policy = scenario::policy(&mut ctx, &root, kind, 0, position, &JsonPath::root());
    ctx.finish(policy)
}

/// Parses one policy that stands at `value`, a value read by [`json::parse`] from `source`
/// (or mapped into it, see [`json::parse_mapped`]): a document, `{"name": ..., "document":
/// ...}`, or a JSON string holding a document. Spans point into `source`; paths in
/// diagnostics start at `path`. Readers of larger files (an account's authorization details)
/// use it to parse the policies they hold in place.
pub fn parse_policy_value(
    source: &str,
    value: &Json,
    kind: PolicyKind,
    path: &JsonPath,
) -> (Option<Policy>, Vec<Diagnostic>) {
    let mut ctx = Ctx::new(source);
    let position = matches!(kind, PolicyKind::Scp | PolicyKind::Rcp).then_some(0);
    let policy = scenario::policy(&mut ctx, value, kind, 0, position, path);
    ctx.finish(policy)
}

/// Parses a policy document that is not written in the text at hand (an AWS managed policy
/// from the snapshot): every span of the result, and of a diagnostic, is `at` (the place that
/// names it), as for `{"managed": "Name"}`.
pub fn parse_policy_at(
    document: &str,
    at: Span,
    kind: PolicyKind,
    path: &JsonPath,
) -> (Option<Policy>, Vec<Diagnostic>) {
    let mut root = match json::parse(document) {
        Ok(root) => root,
        Err(mut d) => {
            d.span = Some(at);
            return (None, vec![d.with_path(path.to_pointer())]);
        }
    };
    managed::relocate(&mut root, at);
    let mut ctx = Ctx::new(document);
    let policy = policy::document(&mut ctx, &root, kind, path).map(|doc| Policy {
        kind,
        index: 0,
        position: None,
        name: None,
        version: doc.version,
        id: doc.id,
        statements: doc.statements,
        span: at,
        document_span: at,
        managed: None,
    });
    ctx.finish(policy)
}

/// How to report members that a given object does not know.
#[derive(Clone, Copy)]
struct Unknown {
    code: &'static str,
    severity: Severity,
    /// The message's catalog key: "unknown element `{key}`" (`parse.unknown.*`).
    message: &'static str,
    /// Whether names must match exactly (policy elements) or only closely.
    case_sensitive: bool,
}

impl Unknown {
    /// An unknown member of a scenario object (request, expectation...): an error.
    const MEMBER: Unknown = Unknown {
        code: "unknown-member",
        severity: Severity::Error,
        message: "parse.unknown.member",
        case_sensitive: true,
    };

    /// An unknown element of a policy document or statement: an error, case matters.
    const ELEMENT: Unknown = Unknown {
        code: "unknown-element",
        severity: Severity::Error,
        message: "parse.unknown.element",
        case_sensitive: true,
    };
}

/// The parsing state: the source text and the diagnostics found so far.
struct Ctx<'s> {
    source: &'s str,
    diags: Vec<Diagnostic>,
    /// The AWS managed policies, for `{"managed": "Name"}` (see `managed.rs`).
    managed: Option<&'s crate::aws::managed::ManagedPolicies>,
}

impl<'s> Ctx<'s> {
    fn new(source: &'s str) -> Self {
        Ctx {
            source,
            managed: None,
            diags: Vec::new(),
        }
    }

    fn finish<T>(self, value: Option<T>) -> (Option<T>, Vec<Diagnostic>) {
        let mut diags = self.diags;
        diags.sort_by_key(|d| d.span.map(|s| (s.start, s.end)));
        if diags.iter().any(Diagnostic::is_error) {
            (None, diags)
        } else {
            (value, diags)
        }
    }

    /// Records `diagnostic` as being about the value at `path`.
    fn report(&mut self, path: &JsonPath, diagnostic: Diagnostic) {
        self.diags.push(diagnostic.with_path(path.to_pointer()));
    }

    /// A `wrong-type` error: `expected` says what belongs here ("an object", best a catalog
    /// phrase `parse.want.*`).
    fn wrong_type(&mut self, value: &Json, path: &JsonPath, expected: impl Into<Text>) {
        let message = Msg::new("parse.wrong-type")
            .text("expected", expected)
            .phrase("found", value.type_noun());
        self.report(path, Diagnostic::error("wrong-type", message, value.span));
    }

    /// The members of an object (duplicate keys reported), or a `wrong-type` error.
    fn object<'j>(
        &mut self,
        value: &'j Json<'j>,
        path: &JsonPath,
        expected: impl Into<Text>,
    ) -> Option<&'j [Member<'j>]> {
        let members = self.object_allowing_duplicates(value, path, expected)?;
        self.duplicates(members, path);
        Some(members)
    }

    /// The members of an object, or a `wrong-type` error; the caller checks duplicates.
    fn object_allowing_duplicates<'j>(
        &mut self,
        value: &'j Json<'j>,
        path: &JsonPath,
        expected: impl Into<Text>,
    ) -> Option<&'j [Member<'j>]> {
        match &value.kind {
            JsonKind::Object(members) => Some(members),
            _ => {
                self.wrong_type(value, path, expected);
                None
            }
        }
    }

    /// Reports every key given a second time. AWS's grammar forbids it ("Individual elements
    /// must not contain multiple instances of the same key", Grammar of the IAM JSON policy
    /// language), and most readers would silently keep only one of the values.
    fn duplicates(&mut self, members: &[Member], path: &JsonPath) {
        // Objects are small: comparing with the members before is cheaper than hashing.
        let mut seen = rustc_hash::FxHashSet::default();
        for (i, m) in members.iter().enumerate() {
            let repeated = if members.len() <= 16 {
                members
                    .get(..i)
                    .is_some_and(|before| before.iter().any(|b| same_key(&b.key, &m.key)))
            } else {
                !seen.insert(&*m.key)
            };
            if repeated {
                self.report(
                    &path.key(&m.key),
                    Diagnostic::error(
                        "duplicate-key",
                        Msg::new("parse.duplicate-key").arg("key", &m.key),
                        m.key_span,
                    )
                    .with_help(Msg::new("parse.duplicate-key.help").arg("key", &m.key)),
                );
            }
        }
    }

    /// Reports members whose key is not one of `known`.
    fn unknown(&mut self, members: &[Member], known: &[&str], path: &JsonPath, how: Unknown) {
        for m in members {
            if known.iter().any(|k| same_key(k, &m.key)) {
                continue;
            }
            let message = Msg::new(how.message).arg("key", &m.key);
            let close = did_you_mean(&m.key, known);
            let help = match close {
                Some(s) if how.case_sensitive && s.eq_ignore_ascii_case(&m.key) => {
                    Msg::new("parse.did-you-mean.case").arg("name", s)
                }
                Some(s) => Msg::new("help.did-you-mean").arg("name", s),
                None => Msg::new("parse.expected-one-of").phrase("list", one_of(known)),
            };
            let mut d = Diagnostic::error(how.code, message, m.key_span)
                .with_severity(how.severity)
                .with_help(help);
            if let Some(s) = close {
                d = d.with_string_replacement(s);
            }
            self.report(&path.key(&m.key), d);
        }
    }

    /// A string, or a `wrong-type` error.
    fn string<'j>(
        &mut self,
        value: &'j Json<'j>,
        path: &JsonPath,
        expected: impl Into<Text>,
    ) -> Option<&'j str> {
        match &value.kind {
            JsonKind::String(s) => Some(s),
            _ => {
                self.wrong_type(value, path, expected);
                None
            }
        }
    }

    /// A string or a non-empty array of strings (`Action`, `Resource`, principal values),
    /// checked: `None` (with the errors reported) unless every item is a string.
    fn string_list<'j>(&mut self, value: &'j Json<'j>, path: &JsonPath) -> Option<Strings<'j>> {
        match &value.kind {
            JsonKind::String(_) => Some(Strings {
                items: std::slice::from_ref(value),
                in_array: false,
            }),
            JsonKind::Array(items) if items.is_empty() => {
                self.report(
                    path,
                    Diagnostic::error("empty-value", Msg::new("parse.empty-array"), value.span)
                        .with_help(Msg::new("parse.empty-array.help")),
                );
                None
            }
            JsonKind::Array(items) => {
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    if !matches!(item.kind, JsonKind::String(_)) {
                        self.wrong_type(item, &path.index(i), Msg::new("parse.want.string"));
                        ok = false;
                    }
                }
                ok.then_some(Strings {
                    items,
                    in_array: true,
                })
            }
            _ => {
                self.wrong_type(value, path, Msg::new("parse.want.string-or-strings"));
                None
            }
        }
    }

    /// Parses a JSON string holding a document; reports a syntax error inside it.
    fn embedded(&mut self, value: &Json, path: &JsonPath) -> Option<Json<'static>> {
        match json::parse_embedded(self.source, value) {
            Ok(doc) => Some(doc),
            Err(d) => {
                let d = if d.help.is_none() {
                    d.with_help(Msg::new("parse.embedded.help"))
                } else {
                    d
                };
                self.report(path, d);
                None
            }
        }
    }

    /// Reports a malformed policy variable in `text`, the string written at `span`; true when
    /// the text is clean. (`crate::decide::variables` decides, as evaluation does.)
    fn variable_syntax(&mut self, text: &str, span: Span, path: &JsonPath) -> bool {
        let Err((start, end, message)) = crate::decide::variables::check_syntax(text) else {
            return true;
        };
        self.report(
            path,
            Diagnostic::error(
                "invalid-variable",
                message,
                inner_span(span, text, start, end),
            )
            .with_help(Msg::new("parse.invalid-variable.help")),
        );
        false
    }

    /// Reports a required member that is missing from the object at `object`.
    fn require(
        &mut self,
        object: &Json,
        path: &JsonPath,
        code: &'static str,
        message: impl Into<Text>,
        help: impl Into<Text>,
    ) {
        self.report(
            path,
            Diagnostic::error(code, message, opening(object.span)).with_help(help),
        );
    }
}

/// The path of a value of a string-or-array element: the element itself or one entry.
fn at<'a>(path: &'a JsonPath<'a>, index: Option<usize>) -> JsonPath<'a> {
    match index {
        Some(i) => path.index(i),
        None => *path,
    }
}

/// A JSON scalar as text: strings as they are, numbers and booleans as written (condition
/// values and context values are compared as text).
fn scalar_text<T: for<'s> From<&'s str>>(value: &Json) -> Option<T> {
    match &value.kind {
        JsonKind::String(s) | JsonKind::Number(s) => Some(T::from(s)),
        JsonKind::Bool(b) => Some(T::from(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// The first member named `key`.
fn get<'j>(members: &'j [Member<'j>], key: &str) -> Option<&'j Member<'j>> {
    members.iter().find(|m| same_key(&m.key, key))
}

/// `a == b` for an object's keys: the lengths and the first bytes first, which tell most keys
/// of a policy apart (`Effect`, `Action`; `Resource`, `Principal`) without a call to compare
/// their bytes. Every member of every object is compared this way with the names it may have.
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The span of bytes `start..end` of the string `text` written at `span`, when the string is
/// written without escapes (so offsets carry over); else the whole string.
fn inner_span(span: Span, text: &str, start: usize, end: usize) -> Span {
    let plain = span.end.checked_sub(span.start) == Some(text.len() + 2);
    if plain && start <= end && end <= text.len() {
        Span::new(span.start + 1 + start, span.start + 1 + end)
    } else {
        span
    }
}

/// The opening bracket of a value: a short span for "this object lacks ..." messages.
fn opening(span: Span) -> Span {
    Span::new(span.start, (span.start + 1).min(span.end))
}

/// `` `a`, `b` or `c` `` as a catalog phrase.
fn one_of(names: &[&str]) -> Msg {
    crate::i18n::some_of(names, usize::MAX, true)
}

/// The strings of a value [`Ctx::string_list`] checked, read in place: a lone string (the
/// value itself, a list of one) or an array whose items are all strings.
struct Strings<'j> {
    items: &'j [Json<'j>],
    in_array: bool,
}

impl<'j> Strings<'j> {
    /// How many strings.
    fn len(&self) -> usize {
        self.items.len()
    }

    /// Each string, its span, and its index in the array (`None` for a lone string).
    fn iter(&self) -> impl Iterator<Item = (&'j str, Span, Option<usize>)> + 'j {
        let in_array = self.in_array;
        self.items
            .iter()
            .enumerate()
            .filter_map(move |(i, item)| match &item.kind {
                JsonKind::String(s) => Some((&**s, item.span, in_array.then_some(i))),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        use crate::i18n::Lang;
        assert_eq!(one_of(&["a"]).render(Lang::En), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]).render(Lang::En), "`a`, `b` or `c`");
        assert_eq!(
            one_of(&["a", "b", "c"]).render(Lang::Ja),
            "`a`、`b` または `c`"
        );
    }

    #[test]
    fn a_schema_address_is_accepted_silently() {
        let scenario = r#"{"$schema": "https://example.org/scenario.schema.json",
            "policies": {}, "request": {"principal": "arn:aws:iam::111122223333:user/alice",
            "action": "s3:GetObject", "resource": "*"}}"#;
        let (parsed, diags) = parse_scenario(scenario);
        assert!(parsed.is_some());
        assert!(diags.is_empty(), "{diags:?}");
        let (parsed, diags) =
            parse_scenario(&scenario.replace("\"https://example.org/scenario.schema.json\"", "1"));
        assert!(parsed.is_none());
        assert_eq!(diags[0].code, "wrong-type");
        assert_eq!(diags[0].path.as_deref(), Some("/$schema"));
    }

    #[test]
    fn json_errors_come_back_alone_with_a_path() {
        let (scenario, diags) = parse_scenario("{\"policies\": {,}}");
        assert!(scenario.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "json-syntax");
        assert_eq!(diags[0].path.as_deref(), Some(""));
    }
}
