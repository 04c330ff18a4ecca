//! Languages: the engine keeps codes and data language-free and renders sentences per
//! language at the edge (the CLI, the WebAssembly binding), from one message catalog per
//! language (`en.json`, `ja.json` beside this file: what deciding says). The tools' own
//! sentences (fix suggestions `fix.*`, import, lint `lint.*`, lessons `lesson.*`, the test
//! report `test.*` and the command line `cli.*`) are in `tools.en.json` and `tools.ja.json`,
//! compiled in with the `tools` feature, so the module the page loads first does not carry
//! them. Japanese (`ja.json`) is compiled in with the `builtin-ja` feature (the CLI, the
//! library); the page's WebAssembly modules leave it out and are given it at run time, when a
//! Japanese answer is first asked for ([`install_catalog`]).
//!
//! A message is a whole sentence with named placeholders (`{action}`), so a translation may
//! put them in any order; no sentence is assembled from fragments.
//!
//! ```
//! use iam_playground::i18n::{Lang, message};
//!
//! let en = message(Lang::En, "lesson.goal.holds", &[("n", "1"), ("reason", "it works")]);
//! assert_eq!(en, "✓ goal 1: it works");
//! let ja = message(Lang::Ja, "lesson.goal.holds", &[("n", "1"), ("reason", "動作する")]);
//! assert_eq!(ja, "✓ 目標 1: 動作する");
//! ```

use std::sync::OnceLock;

use crate::by_address::ByAddress;

use rustc_hash::FxHashMap;

use serde::Serialize;

/// The languages the playground speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Lang {
    /// English (the default: output stays as it always was).
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Every language, in the order menus list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// This language's entry of `per_language`, kept in the order of [`Lang::ALL`] (the
    /// catalogs, the remembered templates, the PassRole note): one exhaustive match, so a
    /// language added is a compile error in each such table, not a silent share of another's.
    pub(crate) fn pick<T>(self, per_language: &[T; Lang::ALL.len()]) -> &T {
        match self {
            Lang::En => &per_language[0],
            Lang::Ja => &per_language[1],
        }
    }

    /// The BCP 47 code (`en`, `ja`), as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Reads a language tag or locale name: `ja`, `ja-JP`, `ja_JP.UTF-8`, `en-US`, `EN`.
    /// `None` for languages the playground does not speak (and for `C` or `POSIX`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// The language of a POSIX environment: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty decides (as `gettext` reads them); English when that
    /// one names another language.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_tag(&value))
            .unwrap_or_default()
    }
}

/// A text written in every language (lessons, example titles).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Japanese.
    pub ja: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// A sentence in no language yet: a catalog key and its named values. The engine produces these;
/// the doors (CLI, WebAssembly) render them in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The catalog key (`lint.unknown-action`).
    pub key: &'static str,
    /// The values of its placeholders, by name.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder: text as written (a name, an ARN, a number), or a phrase of the
/// catalog rendered in the same language as the sentence around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as is in every language.
    Text(String),
    /// A translated phrase.
    Msg(Msg),
    /// Items joined by the language's list separator (`, ` or `、`).
    List(Vec<String>),
    /// Translated phrases joined by the language's list separator.
    Phrases(Vec<Msg>),
}

impl Msg {
    /// The message `key` with no values yet.
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the value of placeholder `{name}`.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a catalog phrase as the value of placeholder `{name}`.
    pub fn phrase(mut self, name: &'static str, value: Msg) -> Msg {
        self.args.push((name, Arg::Msg(value)));
        self
    }

    /// Adds a list as the value of placeholder `{name}` (joined in the sentence's language).
    pub fn list(mut self, name: &'static str, items: Vec<String>) -> Msg {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// Adds a [`Text`] as the value of placeholder `{name}`: a catalog phrase is rendered in
    /// the sentence's language, a plain text is shown as written.
    pub fn text(mut self, name: &'static str, value: impl Into<Text>) -> Msg {
        let arg = match value.into() {
            Text::Plain(s) => Arg::Text(s),
            Text::Msg(m) => Arg::Msg(m),
        };
        self.args.push((name, arg));
        self
    }

    /// Adds translated phrases as the value of placeholder `{name}`, joined by the
    /// language's list separator.
    pub fn phrases(mut self, name: &'static str, items: Vec<Msg>) -> Msg {
        self.args.push((name, Arg::Phrases(items)));
        self
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let lang = spoken(lang);
        // Room for the template and some values: most sentences are written without growing.
        let mut out = String::with_capacity(remembered(lang, self.key).len() + 48);
        self.render_into(lang, &mut out);
        match lang {
            Lang::Ja => ja_spacing(&out),
            Lang::En => out,
        }
    }

    /// The placeholders of the sentence and of the phrases in it that `lang`'s template names
    /// but the caller gave no value for (the reader would see `{name}`). This looks at the
    /// templates, not the rendered text, so a value quoted from the scenario that happens to
    /// hold braces is never mistaken for a placeholder.
    pub fn unfilled(&self, lang: Lang) -> Vec<String> {
        let mut missing = Vec::new();
        self.collect_unfilled(spoken(lang), &mut missing);
        missing
    }

    fn collect_unfilled(&self, lang: Lang, missing: &mut Vec<String>) {
        let mut scratch = String::new();
        fill_into(template(lang, self.key), &mut scratch, |name, _| {
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => {
                    value.collect_unfilled(lang, missing);
                    true
                }
                None => {
                    // `${aws:username}` or a JSON example in a template is text, not a placeholder.
                    let placeholder = !name.is_empty()
                        && name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                    if placeholder {
                        missing.push(name.to_string());
                    }
                    false
                }
            }
        });
    }

    /// Writes the sentence into `out`, its values straight from where they are kept: no
    /// value is copied and no phrase is rendered on its own first (the sentence is rendered
    /// on every evaluation, so it allocates only what it writes). Japanese spacing is the
    /// caller's, once for the whole sentence: it looks only at neighbouring letters, so once
    /// at the end is the same as once per phrase.
    fn render_into(&self, lang: Lang, out: &mut String) {
        fill_into(remembered(lang, self.key), out, |name, out| {
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => {
                    v.render_into(lang, out);
                    true
                }
                None => false,
            }
        });
    }
}

impl Arg {
    fn collect_unfilled(&self, lang: Lang, missing: &mut Vec<String>) {
        match self {
            Arg::Text(_) | Arg::List(_) => {}
            Arg::Msg(m) => m.collect_unfilled(lang, missing),
            Arg::Phrases(items) => items.iter().for_each(|m| m.collect_unfilled(lang, missing)),
        }
    }

    /// Writes the value into `out`, in `lang`.
    fn render_into(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Text(t) => out.push_str(t),
            Arg::Msg(m) => m.render_into(lang, out),
            Arg::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(remembered(lang, "list.separator"));
                    }
                    out.push_str(item);
                }
            }
            Arg::Phrases(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(remembered(lang, "list.separator"));
                    }
                    item.render_into(lang, out);
                }
            }
        }
    }
}

/// "`a`, `b` and `c`" / "`a`, `b`, `c` and 2 more" (`list.and.*`), or with `or`: the first
/// `max` names in backticks, as one phrase of the catalog.
pub fn some_of<S: AsRef<str>>(names: &[S], max: usize, or: bool) -> Msg {
    let shown: Vec<String> = names
        .iter()
        .take(max)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let more = names.len().saturating_sub(max);
    let (and, and_more) = if or {
        ("list.or", "list.or-more")
    } else {
        ("list.and", "list.and-more")
    };
    match (shown.split_last(), more) {
        (None, _) => Msg::new("list.one").arg("item", ""),
        (Some((last, [])), 0) => Msg::new("list.one").arg("item", last),
        (Some((last, rest)), 0) => Msg::new(and).list("items", rest.to_vec()).arg("last", last),
        (Some(_), more) => Msg::new(and_more).list("items", shown).arg("more", more),
    }
}

/// A text given to a diagnostic: a [`Msg`] (translated at the door), or plain text (shown as
/// written in every language: the sentences not yet in the catalogs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Written once, in English.
    Plain(String),
    /// A catalog message.
    Msg(Msg),
}

impl Text {
    /// The English text, and the message when there is one.
    pub fn split(self) -> (String, Option<Msg>) {
        match self {
            Text::Plain(s) => (s, None),
            Text::Msg(m) => (m.render(Lang::En), Some(m)),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        Text::Msg(m)
    }
}

const EN: &str = include_str!("en.json");
#[cfg(feature = "builtin-ja")]
const JA: &str = include_str!("ja.json");

/// The catalog text of a language compiled into this build (a JSON object of key → message):
/// `None` for Japanese without the `builtin-ja` feature (the small WebAssembly module the page
/// loads first), whose catalog is given at run time with [`install_catalog`].
pub fn catalog_source(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => Some(EN),
        #[cfg(feature = "builtin-ja")]
        Lang::Ja => Some(JA),
        #[cfg(not(feature = "builtin-ja"))]
        Lang::Ja => None,
    }
}

/// The sentences of the tools (fix suggestions, import, lint, lessons, the test report and
/// the command line), in catalogs of their own: only the tools use them, so the small module
/// the page loads first (built without the `tools` feature) does not carry them.
#[cfg(feature = "tools")]
pub fn tools_catalog_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("tools.en.json"),
        Lang::Ja => include_str!("tools.ja.json"),
    }
}

/// A language's messages by key (FxHash: every sentence of an answer looks its template up
/// by key, and SipHash took hundreds of instructions per lookup).
type Catalog = FxHashMap<String, String>;

/// Where a language's catalog is kept once read: filled on first use from the catalog compiled
/// in, or by [`install_catalog`] when the build has none for the language.
fn slot(lang: Lang) -> &'static OnceLock<Catalog> {
    static CATALOGS: [OnceLock<Catalog>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    lang.pick(&CATALOGS)
}

/// The catalog of `lang`, with the tools' sentences when the build has them; `None` for a
/// language whose catalog is neither compiled in nor installed yet.
fn catalog(lang: Lang) -> Option<&'static Catalog> {
    let slot = slot(lang);
    match catalog_source(lang) {
        // The catalogs compiled in are checked by the tests: an unreadable one would be a
        // build mistake, and then every key falls back to English or to the key itself.
        Some(source) => Some(slot.get_or_init(|| compiled_in(lang, source))),
        None => slot.get(),
    }
}

/// A catalog compiled in, read.
fn compiled_in(lang: Lang, source: &str) -> Catalog {
    with_tools(lang, serde_json::from_str(source).unwrap_or_default())
}

/// `map` with the tools' sentences of `lang` added (when the build has the tools).
#[allow(unused_mut, unused_variables)]
fn with_tools(lang: Lang, mut map: Catalog) -> Catalog {
    #[cfg(feature = "tools")]
    map.extend(serde_json::from_str::<Catalog>(tools_catalog_source(lang)).unwrap_or_default());
    map
}

/// The English catalog: always compiled in.
fn english() -> &'static Catalog {
    slot(Lang::En).get_or_init(|| compiled_in(Lang::En, EN))
}

/// Whether sentences in `lang` can be written: its catalog is compiled in or installed.
/// (Asked for a language without its catalog, every message is English.)
pub fn has_catalog(lang: Lang) -> bool {
    catalog(lang).is_some()
}

/// `lang` when its catalog is there, else English: a sentence is never written half in a
/// language whose catalog is missing (English words with Japanese spacing).
fn spoken(lang: Lang) -> Lang {
    if has_catalog(lang) {
        lang
    } else {
        Lang::En
    }
}

/// Why a catalog text was refused by [`install_catalog`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError(pub String);

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CatalogError {}

/// Installs the catalog of `lang` from its text (the content of `src/i18n/ja.json` of the same
/// version), for a build that does not compile it in (the page's WebAssembly modules, whose
/// worker fetches it only when Japanese is asked for). Until it is installed, messages in
/// `lang` are English. The first catalog stays: installing again, or a language compiled in,
/// changes nothing (the text is still checked).
///
/// Refused, with what is wrong: English (always compiled in), a text that is not a JSON object
/// of strings (with the line and column), and a catalog whose keys are not this engine's
/// (another version's: it would leave sentences in English).
pub fn install_catalog(lang: Lang, text: &str) -> Result<(), CatalogError> {
    install_into(slot(lang), lang, text)
}

fn install_into(slot: &OnceLock<Catalog>, lang: Lang, text: &str) -> Result<(), CatalogError> {
    if lang == Lang::En {
        return Err(CatalogError(
            "the English catalog is compiled in: only another language's catalog is installed"
                .to_string(),
        ));
    }
    let code = lang.code();
    let map: Catalog = serde_json::from_str(text).map_err(|e| {
        CatalogError(format!(
            "the {code} catalog is not a JSON object of key → message text: {e}"
        ))
    })?;
    let map = with_tools(lang, map);
    let en = english();
    let mut missing: Vec<&str> = en
        .keys()
        .filter(|k| !map.contains_key(*k))
        .map(String::as_str)
        .collect();
    let mut unknown: Vec<&str> = map
        .keys()
        .filter(|k| !en.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() || !unknown.is_empty() {
        missing.sort_unstable();
        unknown.sort_unstable();
        let first = |keys: &[&str]| {
            keys.iter()
                .take(3)
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(CatalogError(format!(
            "the {code} catalog is not this engine's ({}): {} of its keys missing{}, {} unknown{}; \
             install the catalog built with this module",
            crate::VERSION,
            missing.len(),
            if missing.is_empty() { String::new() } else { format!(" ({})", first(&missing)) },
            unknown.len(),
            if unknown.is_empty() { String::new() } else { format!(" ({})", first(&unknown)) },
        )));
    }
    // A catalog compiled in, or installed before, stays: the one installed first is read by
    // every sentence written since.
    let _ = slot.set(map);
    Ok(())
}

/// Every key of a language's catalog, sorted.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut keys: Vec<&str> = catalog(lang)
        .into_iter()
        .flat_map(|c| c.keys().map(String::as_str))
        .collect();
    keys.sort_unstable();
    keys
}

/// The message `key` in `lang`, with every `{name}` replaced by its value in `args`.
///
/// A key missing in `lang` falls back to English, and a key missing everywhere to the key
/// itself (the key-parity test keeps both from happening).
pub fn message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let lang = spoken(lang);
    let text = fill(template(lang, key), args);
    match lang {
        Lang::Ja => ja_spacing(&text),
        Lang::En => text,
    }
}

/// The template of `key` in `lang`: English when `lang` lacks it (or its catalog is not
/// installed), the key itself when no catalog has it.
fn template(lang: Lang, key: &str) -> &str {
    catalog(lang)
        .and_then(|c| c.get(key))
        .or_else(|| english().get(key))
        .map_or(key, String::as_str)
}

/// How many templates are remembered per language.
const REMEMBERED: usize = 64;

thread_local! {
    /// Templates by the address of their key: the keys of messages are the program's own
    /// constants, so an answer's few dozen keys each find their slot again without hashing
    /// or comparing their text (the catalog's lookups were a twentieth of an explained
    /// evaluation's time, natively).
    static TEMPLATES: [ByAddress<&'static str, REMEMBERED>; Lang::ALL.len()] =
        const { [const { ByAddress::new() }; Lang::ALL.len()] };
}

/// [`template`] of a key the program holds for its whole life. Only a template found in the
/// language's own catalog is remembered: a catalog, once read or installed, never changes,
/// while a language's English stand-in gives way when its catalog is installed.
/// The lookup is inlined where sentences are written, the search of the catalog
/// ([`look_up`]) kept out of line.
#[inline]
fn remembered(lang: Lang, key: &'static str) -> &'static str {
    TEMPLATES
        .try_with(|tables| lang.pick(tables).get(key))
        .ok()
        .flatten()
        .unwrap_or_else(|| look_up(lang, key))
}

/// [`remembered`] of a key not in its slot: the catalog's template, remembered.
#[cold]
#[inline(never)]
fn look_up(lang: Lang, key: &'static str) -> &'static str {
    match catalog(lang).and_then(|c| c.get(key)) {
        Some(found) => {
            let found: &'static str = found;
            let _ = TEMPLATES.try_with(|tables| lang.pick(tables).set(key, found));
            found
        }
        None => template(lang, key),
    }
}

/// Kana and kanji (the letters of Japanese text).
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// Japanese technical writing (AWS's own) puts a space between Japanese letters and Latin
/// letters, digits or inline code: `AdminRole を渡す`, `エラー 1 件`. A phrase filled into a
/// sentence cannot know its neighbours, so the space is added here, once, for every message.
fn ja_spacing(text: &str) -> String {
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '`';
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            // A closing parenthesis is spaced from the Japanese after it: `(...) を追加`.
            if (is_japanese(p) && latin(c)) || ((latin(p) || p == ')') && is_japanese(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Replaces `{name}` placeholders in one pass (a value that itself contains `{x}` is left as
/// it is).
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill_into(template, &mut out, |name, out| {
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                out.push_str(v);
                true
            }
            None => false,
        }
    });
    out
}

/// Copies `template` into `out`, each `{name}` replaced by what `value(name, out)` writes; a
/// placeholder `value` does not know (it returns false) stays as written.
fn fill_into(template: &str, out: &mut String, mut value: impl FnMut(&str, &mut String) -> bool) {
    // Templates are short: a plain byte scan finds the braces in fewer steps than `str::find`,
    // which sets up a `memchr` search each time (this runs for every sentence of an answer).
    let brace = |s: &str, b: u8| s.bytes().position(|c| c == b);
    let mut rest = template;
    while let Some(open) = brace(rest, b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match brace(after, b'}') {
            Some(close) if value(&after[..close], out) => rest = &after[close + 1..],
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfilled_names_the_missing_placeholders_not_braces_in_values() {
        // `{N}otPrincipal` quoted from a scenario is a value: a proptest once took it for an
        // unfilled placeholder when the check scanned the rendered sentence.
        let quoted = Msg::new("parse.unknown-operator").arg("name", "{N}otPrincipal");
        assert!(quoted.unfilled(Lang::Ja).is_empty());
        assert!(quoted.render(Lang::Ja).contains("{N}otPrincipal"));
        let missing = Msg::new("parse.unknown-set-operator").arg("name", "StringLike");
        assert_eq!(missing.unfilled(Lang::Ja), vec!["prefix".to_string()]);
        assert_eq!(missing.unfilled(Lang::En), vec!["prefix".to_string()]);
        let nested = Msg::new("parse.unknown-operator").phrase("name", missing);
        assert_eq!(nested.unfilled(Lang::En), vec!["prefix".to_string()]);
    }

    #[test]
    fn remembered_templates_are_the_catalogs() {
        // Every key of both catalogs, twice (more keys than slots: each slot is taken, lost
        // and taken again), and after each key a shorter key at the same address, which must
        // not be given the longer key's template.
        for lang in [Lang::En, Lang::Ja] {
            let Some(catalog) = catalog(lang) else {
                continue;
            };
            for _ in 0..2 {
                for key in catalog.keys() {
                    let key: &'static str = key.as_str();
                    assert_eq!(remembered(lang, key), template(lang, key), "{key}");
                    let shorter = key.get(..key.len() - 1).unwrap_or("");
                    assert_eq!(
                        remembered(lang, shorter),
                        template(lang, shorter),
                        "{shorter}"
                    );
                    assert_eq!(remembered(lang, key), template(lang, key), "{key}");
                }
            }
        }
    }

    #[test]
    fn tags_and_locales() {
        assert_eq!(Lang::from_tag("ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn environment_order_is_lc_all_then_lc_messages_then_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(
            Lang::from_env(env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LANG", "en_US"), ("LC_MESSAGES", "ja_JP")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "ja")])),
            Lang::Ja
        );
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }

    #[test]
    fn placeholders_fill_in_any_order_and_unknown_ones_stay() {
        assert_eq!(fill("{b} then {a}", &[("a", "1"), ("b", "2")]), "2 then 1");
        assert_eq!(fill("{missing} {a}", &[("a", "{a}")]), "{missing} {a}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn japanese_gets_a_space_beside_latin_letters_digits_and_code() {
        assert_eq!(
            ja_spacing("はARN型の`Bool`を使う1件"),
            "は ARN 型の `Bool` を使う 1 件"
        );
        assert_eq!(ja_spacing("ロール (`*`) に対する"), "ロール (`*`) に対する");
        assert_eq!(ja_spacing("`a` (`b`)を追加"), "`a` (`b`) を追加");
        assert_eq!(ja_spacing("許可、`x`。"), "許可、`x`。");
    }

    #[test]
    fn a_missing_key_falls_back_to_the_key() {
        assert_eq!(message(Lang::Ja, "no.such.key", &[]), "no.such.key");
    }

    /// Every key exists in every language, and every message uses the same placeholders in
    /// each language (a translation may reorder them, never drop or invent one).
    #[test]
    fn catalogs_have_the_same_keys_and_placeholders() {
        let en = english();
        assert!(!en.is_empty(), "the English catalog did not load");
        for lang in Lang::ALL {
            let other = catalog(lang).unwrap();
            assert!(
                !other.is_empty(),
                "the {} catalog did not load",
                lang.code()
            );
            let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in English {extra:?}",
                lang.code()
            );
            for (key, text) in other {
                assert_eq!(
                    placeholders(text),
                    placeholders(&en[key]),
                    "{}: `{key}` has other placeholders than in English",
                    lang.code()
                );
                assert!(!text.trim().is_empty(), "{}: `{key}` is empty", lang.code());
            }
        }
    }

    /// The Japanese catalog given at run time (the build without `builtin-ja`): installed
    /// from its text, it holds every key; a text that is not a catalog of this engine is
    /// refused with what is wrong, and the slot stays empty (English).
    #[test]
    fn a_catalog_installs_from_its_text_and_a_wrong_one_is_refused() {
        let ja = include_str!("ja.json");
        let refused = |text: &str| {
            let slot = OnceLock::new();
            let e = install_into(&slot, Lang::Ja, text).unwrap_err().0;
            assert!(slot.get().is_none(), "installed although refused: {e}");
            e
        };
        let e = refused("{\n  \"list.one\": 1\n}");
        assert!(e.starts_with("the ja catalog is not a JSON object"), "{e}");
        assert!(e.contains("line 2 column"), "{e}");
        assert!(refused("[]").contains("not a JSON object"));
        let e = refused("{\"list.one\": \"{item}\", \"no.such\": \"x\"}");
        assert!(e.contains("not this engine's"), "{e}");
        assert!(e.contains("1 unknown (`no.such`)"), "{e}");
        let missing = english().len() - with_tools(Lang::Ja, Catalog::default()).len() - 1;
        assert!(e.contains(&format!("{missing} of its keys missing")), "{e}");
        let e = install_into(&OnceLock::new(), Lang::En, ja).unwrap_err().0;
        assert!(e.contains("English catalog is compiled in"), "{e}");

        let slot = OnceLock::new();
        install_into(&slot, Lang::Ja, ja).unwrap();
        let installed = slot.get().unwrap();
        assert_eq!(installed.len(), english().len());
        assert_eq!(installed["list.separator"], "、");
        // Installing again keeps the first catalog.
        let other = ja.replace("、", "，");
        install_into(&slot, Lang::Ja, &other).unwrap();
        assert_eq!(slot.get().unwrap()["list.separator"], "、");
    }

    /// The tools' catalogs add keys, never replace one of the engine's.
    #[cfg(feature = "tools")]
    #[test]
    fn tools_catalogs_add_their_own_keys() {
        for lang in Lang::ALL {
            let engine: std::collections::HashMap<String, String> =
                serde_json::from_str(catalog_source(lang).unwrap()).unwrap();
            let tools: std::collections::HashMap<String, String> =
                serde_json::from_str(tools_catalog_source(lang)).unwrap();
            assert!(
                tools.len() > 50,
                "{}: {} tool keys",
                lang.code(),
                tools.len()
            );
            let shared: Vec<&String> = tools.keys().filter(|k| engine.contains_key(*k)).collect();
            assert!(shared.is_empty(), "{}: {shared:?} in both", lang.code());
        }
    }

    fn placeholders(text: &str) -> Vec<String> {
        let mut out: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }
}
