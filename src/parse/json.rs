//! A small, strict JSON reader (RFC 8259) that keeps the byte span of every value and key.
//!
//! ```
//! use iam_playground::parse::json::{parse, JsonKind};
//!
//! let text = r#"{"Effect": "Allow"}"#;
//! let doc = parse(text).unwrap();
//! let JsonKind::Object(members) = &doc.kind else { unreachable!() };
//! assert_eq!(members[0].key, "Effect");
//! assert_eq!(members[0].value.span.text(text), r#""Allow""#);
//! ```
//!
//! Errors carry the code `json-syntax` and point at the exact place. Nesting deeper than
//! [`MAX_DEPTH`] is an error, never a stack overflow, and reading is linear in the input.
//!
//! AWS APIs return policy documents as a JSON *string* holding the JSON;
//! [`parse_embedded`] reads such a string and maps every span back into the outer text.
//! [`JsonPath`] builds the JSON pointers (RFC 6901) that diagnostics carry.

use std::borrow::Cow;
use std::fmt;

use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::i18n::{Msg, Text};

/// The diagnostic code of every JSON syntax error.
pub const CODE: &str = "json-syntax";

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// A JSON value and the span of its text (for strings, including the quotes).
///
/// Strings, keys and numbers borrow from the text read when they are written without escapes
/// (nearly always in policies), so reading allocates little more than one `Vec` per array and
/// object.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<'a> {
    /// What the value is.
    pub kind: JsonKind<'a>,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as the text written (`1.50` stays `1.50`).
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object: its members in source order, duplicates kept.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped.
    pub key: Cow<'a, str>,
    /// The span of the key, including its quotes.
    pub key_span: Span,
    /// The value.
    pub value: Json<'a>,
}

impl Member<'_> {
    /// The span of the whole member, from the key to the end of the value.
    pub fn span(&self) -> Span {
        self.key_span.join(self.value.span)
    }
}

impl<'a> Json<'a> {
    /// What the value is, for messages, as a catalog phrase (`json.type.*`: "a number").
    pub fn type_noun(&self) -> Msg {
        Msg::new(match self.kind {
            JsonKind::Null => "json.type.null",
            JsonKind::Bool(_) => "json.type.bool",
            JsonKind::Number(_) => "json.type.number",
            JsonKind::String(_) => "json.type.string",
            JsonKind::Array(_) => "json.type.array",
            JsonKind::Object(_) => "json.type.object",
        })
    }

    /// What the value is, for messages ("found a number"), in English.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "`null`",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match &self.kind {
            JsonKind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.kind {
            JsonKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The first member named `key`, if this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The same value, owning all its text (for a document read from a decoded string that
    /// does not outlive the reading).
    pub fn into_owned(self) -> Json<'static> {
        let kind = match self.kind {
            JsonKind::Null => JsonKind::Null,
            JsonKind::Bool(b) => JsonKind::Bool(b),
            JsonKind::Number(n) => JsonKind::Number(Cow::Owned(n.into_owned())),
            JsonKind::String(s) => JsonKind::String(Cow::Owned(s.into_owned())),
            JsonKind::Array(items) => {
                JsonKind::Array(items.into_iter().map(Json::into_owned).collect())
            }
            JsonKind::Object(members) => JsonKind::Object(
                members
                    .into_iter()
                    .map(|m| Member {
                        key: Cow::Owned(m.key.into_owned()),
                        key_span: m.key_span,
                        value: m.value.into_owned(),
                    })
                    .collect(),
            ),
        };
        Json {
            kind,
            span: self.span,
        }
    }
}

/// Parses a whole JSON text (exactly one value, surrounded by optional whitespace).
pub fn parse(text: &str) -> Result<Json<'_>, Diagnostic> {
    Parser::new(text, None).document()
}

/// [`parse`], and the text's [`LineIndex`] built from the line breaks the parser met: in JSON
/// a line break can stand only between tokens (inside a string it is an error), so a text
/// that parses has no other, and the index needs no pass of its own over the text. A text
/// that does not parse is indexed by [`LineIndex::new`].
pub fn parse_indexed(text: &str) -> (Result<Json<'_>, Diagnostic>, LineIndex<'_>) {
    let mut parser = Parser::new(text, None);
    parser.newlines = Some(crate::diagnostic::newline_list(text.len()));
    match parser.read_document() {
        Ok(root) => {
            let newlines = parser.newlines.take().unwrap_or_default();
            (Ok(root), LineIndex::with_newlines(text, newlines))
        }
        Err(e) => (Err(e.into_diagnostic(None)), LineIndex::new(text)),
    }
}

/// Parses the content of a JSON string value as a JSON document of its own, as AWS APIs
/// return policy documents (`"PolicyDocument": "{\"Version\": ...}"`).
///
/// `string_value` must be a string read from `outer` by [`parse`]. Every span of the result,
/// and of an error, points into `outer`: the span of an inner value covers the escaped text
/// it was decoded from.
pub fn parse_embedded(outer: &str, string_value: &Json) -> Result<Json<'static>, Diagnostic> {
    if !matches!(string_value.kind, JsonKind::String(_)) {
        return Err(Diagnostic::error(
            CODE,
            Msg::new("json.expected-document.found").phrase("found", string_value.type_noun()),
            string_value.span,
        ));
    }
    let (decoded, offsets) = decode_with_offsets(outer, string_value.span)?;
    Parser::new(&decoded, Some(&offsets))
        .document()
        .map(Json::into_owned)
}

/// The content of a JSON string value read from `outer` by [`parse`], unescaped, and for each
/// byte of it the offset in `outer` of the text it came from (an escape maps all its bytes to
/// its backslash), plus one more entry, the offset of the closing quote.
///
/// With [`parse_mapped`], a reader can transform a string before parsing it (AWS's
/// URL-encoded policy documents) and still point into `outer`.
pub fn decode_string(outer: &str, string_value: &Json) -> Result<(String, Vec<usize>), Diagnostic> {
    if !matches!(string_value.kind, JsonKind::String(_)) {
        return Err(Diagnostic::error(
            CODE,
            Msg::new("parse.wrong-type")
                .phrase("expected", Msg::new("parse.want.string"))
                .phrase("found", string_value.type_noun()),
            string_value.span,
        ));
    }
    decode_with_offsets(outer, string_value.span)
}

/// Parses `text` as a whole JSON document whose byte `i` came from offset `offsets[i]` of
/// another text: every span of the result, and of an error, points into that other text.
/// `offsets` holds one entry per byte of `text` plus one for its end (as [`decode_string`]
/// returns); a shorter table maps the missing bytes to its last entry.
pub fn parse_mapped(text: &str, offsets: &[usize]) -> Result<Json<'static>, Diagnostic> {
    Parser::new(text, Some(offsets))
        .document()
        .map(Json::into_owned)
}

/// Unescapes the string literal at `span` of `outer`, recording for each decoded byte the
/// offset in `outer` of the source text it came from (an escape maps all its bytes to its
/// backslash). One more entry, the offset of the closing quote, ends the table.
fn decode_with_offsets(outer: &str, span: Span) -> Result<(String, Vec<usize>), Diagnostic> {
    let bad = || Diagnostic::error(CODE, Msg::new("json.expected-document"), span);
    let literal = outer.get(span.start..span.end).ok_or_else(bad)?;
    if literal.len() < 2 || !literal.starts_with('"') || !literal.ends_with('"') {
        return Err(bad());
    }
    let body_start = span.start + 1;
    let body_end = span.end - 1;
    let bytes = outer.as_bytes();
    let mut decoded = String::with_capacity(body_end - body_start);
    let mut offsets = Vec::with_capacity(body_end - body_start + 1);
    let mut pos = body_start;
    while pos < body_end {
        let start = pos;
        let c = if bytes.get(pos) == Some(&b'\\') {
            let (c, next) = escape(outer, pos).map_err(|e| e.into_diagnostic(None))?;
            pos = next;
            c
        } else {
            let c = outer
                .get(pos..)
                .and_then(|s| s.chars().next())
                .ok_or_else(bad)?;
            pos += c.len_utf8();
            c
        };
        let before = decoded.len();
        decoded.push(c);
        if pos - start == c.len_utf8() {
            // A character written as itself: its bytes map one to one.
            offsets.extend((0..c.len_utf8()).map(|k| start + k));
        } else {
            // An escape: every byte it decodes to maps to its backslash.
            offsets.extend(std::iter::repeat_n(start, decoded.len() - before));
        }
    }
    offsets.push(body_end);
    Ok((decoded, offsets))
}

/// A syntax error before it is turned into a [`Diagnostic`] (offsets in the parsed text).
/// Boxed: every value the parser reads comes back in a `Result` with it, and a small error
/// keeps that `Result` the size of the value (moved at every level of the document).
struct SyntaxError(Box<SyntaxErrorAt>);

struct SyntaxErrorAt {
    message: Text,
    help: Option<Text>,
    start: usize,
    end: usize,
}

impl SyntaxError {
    fn new(message: Msg, start: usize, end: usize) -> Self {
        SyntaxError(Box::new(SyntaxErrorAt {
            message: message.into(),
            help: None,
            start,
            end,
        }))
    }

    fn help(mut self, help: Msg) -> Self {
        self.0.help = Some(help.into());
        self
    }

    fn into_diagnostic(self, offsets: Option<&[usize]>) -> Diagnostic {
        let e = *self.0;
        let d = Diagnostic::error(CODE, e.message, map_span(offsets, e.start, e.end));
        match e.help {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

fn map_span(offsets: Option<&[usize]>, start: usize, end: usize) -> Span {
    match offsets {
        None => Span::new(start, end),
        Some(table) => {
            let last = table.last().copied().unwrap_or(0);
            let at = |i: usize| table.get(i).copied().unwrap_or(last);
            Span::new(at(start), at(end))
        }
    }
}

/// Reads the escape sequence whose backslash is at `pos`; returns the character and the
/// offset just after the sequence.
fn escape(text: &str, pos: usize) -> Result<(char, usize), SyntaxError> {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(pos + 1) else {
        return Err(
            SyntaxError::new(Msg::new("json.unterminated-string"), pos, pos + 1)
                .help(Msg::new("json.unterminated-string.help")),
        );
    };
    let simple = match b {
        b'"' => Some('"'),
        b'\\' => Some('\\'),
        b'/' => Some('/'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'n' => Some('\n'),
        b'r' => Some('\r'),
        b't' => Some('\t'),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok((c, pos + 2));
    }
    if b != b'u' {
        let c = text
            .get(pos + 1..)
            .and_then(|s| s.chars().next())
            .unwrap_or('?');
        return Err(SyntaxError::new(
            Msg::new("json.invalid-escape").arg("escape", format!("\\{c}")),
            pos,
            pos + 1 + c.len_utf8(),
        )
        .help(Msg::new("json.invalid-escape.help")));
    }
    let first = hex4(text, pos)?;
    let after_first = pos + 6;
    match first {
        0xD800..=0xDBFF => {
            let low = if bytes.get(after_first) == Some(&b'\\')
                && bytes.get(after_first + 1) == Some(&b'u')
            {
                Some(hex4(text, after_first)?)
            } else {
                None
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                    let c = char::from_u32(code).unwrap_or('\u{FFFD}');
                    Ok((c, after_first + 6))
                }
                _ => Err(lone_surrogate(text, pos)),
            }
        }
        0xDC00..=0xDFFF => Err(lone_surrogate(text, pos)),
        _ => Ok((char::from_u32(first).unwrap_or('\u{FFFD}'), after_first)),
    }
}

fn lone_surrogate(text: &str, pos: usize) -> SyntaxError {
    let escape = text.get(pos..pos + 6).unwrap_or("\\u");
    SyntaxError::new(
        Msg::new("json.lone-surrogate").arg("escape", escape),
        pos,
        pos + 6,
    )
    .help(Msg::new("json.lone-surrogate.help"))
}

/// The four hex digits after `\u` (the backslash is at `pos`).
fn hex4(text: &str, pos: usize) -> Result<u32, SyntaxError> {
    let digits = text
        .get(pos + 2..pos + 6)
        .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
    match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
        Some(v) => Ok(v),
        None => {
            let end = text
                .get(pos + 2..)
                .map(|rest| {
                    pos + 2
                        + rest
                            .char_indices()
                            .take_while(|(i, c)| *i < 4 && c.is_ascii_hexdigit())
                            .count()
                })
                .unwrap_or(pos + 2);
            Err(SyntaxError::new(
                Msg::new("json.invalid-unicode-escape"),
                pos,
                end.max(pos + 2),
            ))
        }
    }
}

/// The offset of the first byte of `bytes` that ends a string's plain run: the closing quote,
/// a backslash, or a control character (an error inside a string). Read eight bytes at a time:
/// strings are most of a scenario's bytes.
fn string_stop(bytes: &[u8]) -> Option<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const QUOTES: u64 = 0x2222_2222_2222_2222;
    const BACKSLASHES: u64 = 0x5c5c_5c5c_5c5c_5c5c;
    // The index of the first stop byte of an 8-byte word, if any. Per byte, with `low` its low
    // seven bits: `low + 0x7f` reaches 0x80 unless `low` is 0, and `low + 0x60` unless it is
    // below 0x20; or-ed with the byte itself, a high bit still clear marks a quote (the first
    // sum, over `x ^ QUOTES`), a backslash (over `x ^ BACKSLASHES`) or a byte below 0x20 (over
    // `x`). No carry crosses into the next byte. The three tests share the low bits: the low
    // bits of `x ^ c` are `low ^ c` for a `c` below 0x80. Same as `zero_bytes` of each, or-ed.
    let first = |word: [u8; 8]| {
        let x = u64::from_le_bytes(word);
        let low = x & LOW7;
        let quote = ((low ^ QUOTES) + LOW7) | (x ^ QUOTES);
        let backslash = ((low ^ BACKSLASHES) + LOW7) | (x ^ BACKSLASHES);
        let control = (low + 0x6060_6060_6060_6060) | x;
        let found = !((quote & backslash & control) | LOW7);
        (found != 0).then(|| (found.trailing_zeros() / 8) as usize)
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if let Some(i) = first(word) {
            return Some(base + i);
        }
        base += 8;
    }
    // The last bytes (most member names are shorter than a word), padded with a plain byte.
    let rest = chunks.remainder();
    let mut word = [b'a'; 8];
    if let Some(start) = word.get_mut(..rest.len()) {
        start.copy_from_slice(rest);
    }
    first(word).map(|i| base + i)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    offsets: Option<&'a [usize]>,
    /// Members of the objects being read, innermost last: each object takes its own off the
    /// top when it closes, so its `Vec` is allocated once, at its exact size.
    members: Vec<Member<'a>>,
    /// Elements of the arrays being read, the same way.
    items: Vec<Json<'a>>,
    /// When asked for ([`parse_indexed`]): the offset of every line break met so far.
    newlines: Option<Vec<usize>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, offsets: Option<&'a [usize]>) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            offsets,
            // Room for the members and elements open at once in a small document; a larger
            // one grows them. Kept small: a first block over glibc's small-block cache (32
            // members were 2.8 KB) cost more on every document than the growth it saved.
            members: Vec::with_capacity(8),
            items: Vec::with_capacity(8),
            newlines: None,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        map_span(self.offsets, start, end)
    }

    fn document(mut self) -> Result<Json<'a>, Diagnostic> {
        let offsets = self.offsets;
        self.read_document().map_err(|e| e.into_diagnostic(offsets))
    }

    fn read_document(&mut self) -> Result<Json<'a>, SyntaxError> {
        // A byte order mark may open the text (RFC 8259, section 8.1).
        if self.text.starts_with('\u{FEFF}') {
            self.pos = '\u{FEFF}'.len_utf8();
        }
        self.skip_whitespace();
        let value = self.value(0)?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            let end = self.pos + self.char_len_at(self.pos);
            let e = SyntaxError::new(Msg::new("json.trailing-characters"), self.pos, end);
            let help = match self.bytes.get(self.pos) {
                Some(b'/') => "json.trailing-characters.help.comment",
                Some(b'{' | b'[' | b'"') => "json.trailing-characters.help.value",
                _ => "json.trailing-characters.help",
            };
            return Err(e.help(Msg::new(help)));
        }
        Ok(value)
    }

    fn skip_whitespace(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\n') => self.new_line(),
                _ => return,
            }
        }
    }

    /// Steps over the line break at the current position (noting it, when the line breaks are
    /// collected) and the indentation after it. Out of line, so that the white space skipped
    /// between every two tokens stays a short loop in place.
    #[inline(never)]
    fn new_line(&mut self) {
        if let Some(newlines) = &mut self.newlines {
            newlines.push(self.pos);
        }
        self.pos += 1;
        self.skip_indentation();
    }

    /// Skips the spaces that start a line, eight bytes at a time: pretty-printed policies are
    /// mostly indentation (byte by byte, skipping white space was a twentieth of a decision).
    fn skip_indentation(&mut self) {
        const SPACES: u64 = u64::from_le_bytes(*b"        ");
        while let Some(&word) = self
            .bytes
            .get(self.pos..)
            .and_then(|rest| rest.first_chunk::<8>())
        {
            // The first byte that is not a space is the lowest nonzero byte of the difference.
            let spaces = (u64::from_le_bytes(word) ^ SPACES).trailing_zeros() as usize / 8;
            self.pos += spaces;
            if spaces < 8 {
                return;
            }
        }
    }

    fn char_len_at(&self, pos: usize) -> usize {
        self.text
            .get(pos..)
            .and_then(|s| s.chars().next())
            .map_or(0, char::len_utf8)
    }

    /// An error for whatever stands at the current position, which is not `expected`.
    /// `expected` is a catalog phrase (`json.want.*`).
    fn unexpected(&self, expected: &'static str) -> SyntaxError {
        let pos = self.pos;
        let want = Msg::new(expected);
        let Some(c) = self.text.get(pos..).and_then(|s| s.chars().next()) else {
            return SyntaxError::new(
                Msg::new("json.expected.found-end").phrase("expected", want),
                pos,
                pos,
            )
            .help(Msg::new("json.expected.found-end.help"));
        };
        let rest = self.text.get(pos..).unwrap_or("");
        if rest.starts_with("//") || rest.starts_with("/*") {
            return SyntaxError::new(Msg::new("json.comment"), pos, pos + 2)
                .help(Msg::new("json.comment.help"));
        }
        if c.is_alphabetic() || c == '_' {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            let lower = word.to_ascii_lowercase();
            let help = if matches!(lower.as_str(), "true" | "false" | "null") {
                Msg::new("json.literal-case.help").arg("literal", lower)
            } else {
                Msg::new("json.bare-word.help").arg("word", &word)
            };
            let message = Msg::new("json.expected.found")
                .phrase("expected", want)
                .arg("found", &word);
            return SyntaxError::new(message, pos, pos + word.len()).help(help);
        }
        let message = Msg::new("json.expected.found")
            .phrase("expected", want)
            .arg("found", c);
        let err = SyntaxError::new(message, pos, pos + c.len_utf8());
        match c {
            '\'' => err.help(Msg::new("json.single-quote.help")),
            '\u{201C}' | '\u{201D}' => err.help(Msg::new("json.typographic-quote.help")),
            _ => err,
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let start = self.pos;
                let s = self.string()?;
                Ok(Json {
                    kind: JsonKind::String(s),
                    span: self.span(start, self.pos),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", JsonKind::Bool(true)),
            Some(b'f') => self.literal("false", JsonKind::Bool(false)),
            Some(b'n') => self.literal("null", JsonKind::Null),
            _ => Err(self.unexpected("json.want.value")),
        }
    }

    fn too_deep(&self) -> SyntaxError {
        SyntaxError::new(
            Msg::new("json.too-deep").arg("max", MAX_DEPTH),
            self.pos,
            self.pos + 1,
        )
        .help(Msg::new("json.too-deep.help"))
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        let start = self.pos;
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Json {
                kind: JsonKind::Object(Vec::new()),
                span: self.span(start, self.pos),
            });
        }
        let base = self.members.len();
        let mut comma: Option<usize> = None;
        loop {
            if let (Some(b'}'), Some(at)) = (self.bytes.get(self.pos), comma) {
                return Err(
                    SyntaxError::new(Msg::new("json.trailing-comma.object"), at, at + 1)
                        .help(Msg::new("json.trailing-comma.object.help")),
                );
            }
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.unexpected("json.want.member-name"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.span(key_start, self.pos);
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.unexpected("json.want.colon"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth + 1)?;
            self.members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    let members = self.members.split_off(base);
                    return Ok(Json {
                        kind: JsonKind::Object(members),
                        span: self.span(start, self.pos),
                    });
                }
                Some(b'"') => {
                    return Err(self
                        .unexpected("json.want.after-member")
                        .help(Msg::new("json.missing-comma.members")))
                }
                _ => return Err(self.unexpected("json.want.after-member")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        let start = self.pos;
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Json {
                kind: JsonKind::Array(Vec::new()),
                span: self.span(start, self.pos),
            });
        }
        let base = self.items.len();
        let mut comma: Option<usize> = None;
        loop {
            if let (Some(b']'), Some(at)) = (self.bytes.get(self.pos), comma) {
                return Err(
                    SyntaxError::new(Msg::new("json.trailing-comma.array"), at, at + 1)
                        .help(Msg::new("json.trailing-comma.array.help")),
                );
            }
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    let items = self.items.split_off(base);
                    return Ok(Json {
                        kind: JsonKind::Array(items),
                        span: self.span(start, self.pos),
                    });
                }
                Some(b'"' | b'{' | b'[') => {
                    return Err(self
                        .unexpected("json.want.after-element")
                        .help(Msg::new("json.missing-comma.elements")))
                }
                _ => return Err(self.unexpected("json.want.after-element")),
            }
        }
    }

    /// Reads a string literal starting at the current quote; leaves the position after it.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        // Fast path: no escape before the closing quote, so the value is the text itself.
        let plain = self.bytes.get(self.pos..).and_then(string_stop);
        if let Some(len) = plain {
            if self.bytes.get(self.pos + len) == Some(&b'"') {
                let value = self.text.get(self.pos..self.pos + len).unwrap_or("");
                self.pos += len + 1;
                return Ok(Cow::Borrowed(value));
            }
            // An escape or a control character: the general loop takes it from here.
        }
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.bytes.get(self.pos) {
                None => {
                    return Err(SyntaxError::new(
                        Msg::new("json.unterminated-string"),
                        start,
                        self.bytes.len(),
                    )
                    .help(Msg::new("json.unterminated-string.help")))
                }
                Some(b'"') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    let (c, next) = escape(self.text, self.pos)?;
                    out.push(c);
                    self.pos = next;
                    run = self.pos;
                }
                Some(b'\n' | b'\r') => {
                    return Err(SyntaxError::new(
                        Msg::new("json.line-break-in-string"),
                        start,
                        self.pos,
                    )
                    .help(Msg::new("json.line-break-in-string.help")))
                }
                Some(&b) if b < 0x20 => {
                    return Err(SyntaxError::new(
                        Msg::new("json.control-character").arg("code", format!("U+{b:04X}")),
                        self.pos,
                        self.pos + 1,
                    )
                    .help(Msg::new("json.control-character.help")))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_digits = self.digits();
        if int_digits == 0 {
            return Err(self.unexpected("json.want.digit-after-minus"));
        }
        if int_digits > 1 && self.bytes.get(int_start) == Some(&b'0') {
            return Err(
                SyntaxError::new(Msg::new("json.leading-zeros"), start, self.pos)
                    .help(Msg::new("json.leading-zeros.help")),
            );
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.unexpected("json.want.digit-after-point"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected("json.want.digit-in-exponent"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("");
        Ok(Json {
            kind: JsonKind::Number(Cow::Borrowed(text)),
            span: self.span(start, self.pos),
        })
    }

    fn literal(&mut self, word: &'static str, kind: JsonKind<'a>) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        let follows_word = rest
            .get(word.len())
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if rest.starts_with(word.as_bytes()) && !follows_word {
            self.pos += word.len();
            Ok(Json {
                kind,
                span: self.span(start, self.pos),
            })
        } else {
            Err(self.unexpected("json.want.value"))
        }
    }
}

/// One step of a JSON path: an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathToken<'a> {
    /// An object member.
    Key(&'a str),
    /// An array element.
    Index(usize),
}

/// A JSON path built while walking a document, rendered as a JSON pointer (RFC 6901) only
/// when a diagnostic needs it. Each step borrows its parent, so building one is free.
///
/// ```
/// use iam_playground::parse::json::JsonPath;
///
/// let root = JsonPath::root();
/// let policies = root.key("policies");
/// let identity = policies.key("identity");
/// let first = identity.index(0);
/// assert_eq!(first.key("a/b~c").to_pointer(), "/policies/identity/0/a~1b~0c");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JsonPath<'a> {
    parent: Option<&'a JsonPath<'a>>,
    token: Option<PathToken<'a>>,
}

impl JsonPath<'static> {
    /// The path of the whole document (the pointer `""`).
    pub fn root() -> Self {
        JsonPath {
            parent: None,
            token: None,
        }
    }
}

impl<'a> JsonPath<'a> {
    /// The path of member `key` of the object at this path.
    pub fn key(&'a self, key: &'a str) -> JsonPath<'a> {
        JsonPath {
            parent: Some(self),
            token: Some(PathToken::Key(key)),
        }
    }

    /// The path of element `index` of the array at this path.
    pub fn index(&'a self, index: usize) -> JsonPath<'a> {
        JsonPath {
            parent: Some(self),
            token: Some(PathToken::Index(index)),
        }
    }

    /// The steps from the root, in order.
    pub fn tokens(&self) -> Vec<PathToken<'a>> {
        let mut tokens = Vec::new();
        let mut at = Some(self);
        while let Some(path) = at {
            if let Some(token) = path.token {
                tokens.push(token);
            }
            at = path.parent;
        }
        tokens.reverse();
        tokens
    }

    /// The JSON pointer (`/policies/identity/0/document/Statement/1/Action`).
    pub fn to_pointer(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for token in self.tokens() {
            match token {
                PathToken::Key(key) => write!(f, "/{}", escape_pointer_token(key))?,
                PathToken::Index(index) => write!(f, "/{index}")?,
            }
        }
        Ok(())
    }
}

/// Escapes one JSON pointer reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape_pointer_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    proptest::proptest! {
        /// The word-at-a-time scan finds the first quote, backslash or control character
        /// where a byte-at-a-time scan does, for any bytes (high bytes, DEL, the bytes either
        /// side of each stop byte) at any length and any alignment. (The quote and the
        /// backslash are written in hex: tests/languages.rs reads string literals by quotes.)
        #[test]
        fn string_stop_finds_what_a_byte_scan_finds(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![0x22, 0x5c, 0x00, 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff, b'\n']),
                    0x20u8..0x7f,
                ],
                0..40,
            )
        ) {
            let expected = bytes.iter().position(|&b| b == 0x22 || b == 0x5c || b < 0x20);
            proptest::prop_assert_eq!(string_stop(&bytes), expected);
        }
    }

    /// White space as it stands between tokens: nothing, blanks, tabs, line breaks (also
    /// after a carriage return) and indentation.
    fn white() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            proptest::sample::select(vec!["", " ", "\t", "\n", "\r\n", "\n            ", "\n\n"]),
            0..3,
        )
        .prop_map(|pieces| pieces.concat())
    }

    /// A JSON value written with [`white`] space between its tokens; its strings hold
    /// escapes (an escaped line break is not a line break) and non-ASCII letters.
    fn document() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const Q: char = '\u{22}';
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("-1.5e3".to_string()),
            "[a-z\u{e9}\u{3042} ]{0,12}".prop_map(|s| format!("{Q}{s}{Q}")),
            Just(format!("{Q}a\\nb\\u00e9{Q}")),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            let item = (white(), inner.clone(), white()).prop_map(|(a, v, b)| a + &v + &b);
            let member = (white(), "[a-z]{1,6}", white(), inner, white())
                .prop_map(|(a, k, b, v, c)| format!("{a}{Q}{k}{Q}{b}:{v}{c}"));
            prop_oneof![
                proptest::collection::vec(item, 0..5).prop_map(|v| format!("[{}]", v.join(","))),
                proptest::collection::vec(member, 0..5)
                    .prop_map(|v| format!("{{{}}}", v.join(","))),
            ]
        })
    }

    proptest::proptest! {
        /// The line index built from the line breaks the parser met places every offset
        /// where an index of its own scan of the text does: ASCII or not, with a byte order
        /// mark or not, line breaks after carriage returns, before and after the value.
        #[test]
        fn the_parsers_line_index_agrees_with_a_scan(
            bom in proptest::bool::ANY,
            before in white(),
            value in document(),
            after in white(),
        ) {
            let text = format!("{}{before}{value}{after}", if bom { "\u{feff}" } else { "" });
            let (root, index) = parse_indexed(&text);
            proptest::prop_assert!(root.is_ok(), "{text}");
            let scanned = LineIndex::new(&text);
            for offset in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(index.position(offset), scanned.position(offset));
            }
        }
    }

    #[test]
    fn the_line_index_of_a_text_that_does_not_parse_is_its_own_scan() {
        let text = "{\n  \"a\": [1,\n 2,]\n}\n";
        let (root, index) = parse_indexed(text);
        assert!(root.is_err());
        for offset in 0..=text.len() {
            assert_eq!(
                index.position(offset),
                LineIndex::new(text).position(offset)
            );
        }
        assert_eq!(index.position(text.len()), (5, 1, text.len()));
    }

    fn err(text: &str) -> Diagnostic {
        parse(text).expect_err(text)
    }

    /// (input, expected message, text the error points at)
    #[test]
    fn syntax_errors_say_what_and_where() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "expected a JSON value, found the end of the text", ""),
            (
                "   ",
                "expected a JSON value, found the end of the text",
                "",
            ),
            (
                "{\"a\": 1 \"b\": 2}",
                "expected `,` or `}` after an object member, found `\"`",
                "\"",
            ),
            ("{\"a\": 1,}", "trailing comma before `}`", ","),
            ("[1, 2,]", "trailing comma before `]`", ","),
            (
                "[1 2]",
                "expected `,` or `]` after an array element, found `2`",
                "2",
            ),
            (
                "{\"a\" 1}",
                "expected `:` after the member name, found `1`",
                "1",
            ),
            (
                "{a: 1}",
                "expected a member name in double quotes, found `a`",
                "a",
            ),
            (
                "{'a': 1}",
                "expected a member name in double quotes, found `'`",
                "'",
            ),
            ("\"abc", "unterminated string", "\"abc"),
            ("\"a\\qb\"", "invalid escape `\\q`", "\\q"),
            (
                "\"\\u12G4\"",
                "invalid escape: `\\u` must be followed by four hexadecimal digits",
                "\\u12",
            ),
            (
                "\"\\uD800\"",
                "invalid escape `\\uD800`: a lone UTF-16 surrogate",
                "\\uD800",
            ),
            (
                "\"\\uDC00x\"",
                "invalid escape `\\uDC00`: a lone UTF-16 surrogate",
                "\\uDC00",
            ),
            ("\"a\tb\"", "control character U+0009 inside a string", "\t"),
            (
                "\"ab\ncd\"",
                "unterminated string: a line break inside a string",
                "\"ab",
            ),
            ("{} x", "trailing characters after the JSON value", "x"),
            ("{}}", "trailing characters after the JSON value", "}"),
            ("01", "leading zeros are not allowed in JSON numbers", "01"),
            (
                "-",
                "expected a digit after `-`, found the end of the text",
                "",
            ),
            (
                "1.",
                "expected a digit after the decimal point, found the end of the text",
                "",
            ),
            (
                "1.5e+",
                "expected a digit in the exponent, found the end of the text",
                "",
            ),
            ("[True]", "expected a JSON value, found `True`", "True"),
            ("[nul]", "expected a JSON value, found `nul`", "nul"),
            ("[truex]", "expected a JSON value, found `truex`", "truex"),
            (
                "{\"a\": 1 // note\n}",
                "comments are not allowed in JSON",
                "//",
            ),
            (
                "[\u{e9}]",
                "expected a JSON value, found `\u{e9}`",
                "\u{e9}",
            ),
            ("[+1]", "expected a JSON value, found `+`", "+"),
            (
                "{\"a\": [1, {\"b\": 2]}",
                "expected `,` or `}` after an object member, found `]`",
                "]",
            ),
            (
                "{\"a\": 1",
                "expected `,` or `}` after an object member, found the end of the text",
                "",
            ),
        ];
        for (input, message, pointed) in cases {
            let e = err(input);
            assert_eq!(e.code, CODE, "{input:?}");
            assert_eq!(e.message, *message, "{input:?}");
            let span = e.span.unwrap();
            assert_eq!(span.text(input), *pointed, "{input:?}");
            // Every message and help is a catalog message, so it reads in Japanese too.
            let msgs = e.msgs.as_deref().expect("a catalog message");
            let ja = msgs.message.as_ref().unwrap().render(Lang::Ja);
            assert!(
                ja.chars().any(|c| ('\u{3041}'..='\u{30ff}').contains(&c)),
                "{ja}"
            );
            assert_eq!(e.help.is_some(), msgs.help.is_some(), "{input:?}");
        }
        assert_eq!(ja(&err("{\"a\": 1,}")), "`}` の前に余分なカンマがあります");
        assert_eq!(
            ja(&err("{a: 1}")),
            "ダブルクォートで囲んだメンバー名が必要ですが、`a` があります"
        );
        assert_eq!(
            ja(&err("[1")),
            "配列の要素の後の `,` または `]` が必要ですが、テキストがここで終わっています"
        );
    }

    fn ja(d: &Diagnostic) -> String {
        let msgs = d.msgs.as_deref().expect("a catalog message");
        msgs.message.as_ref().unwrap().render(Lang::Ja)
    }

    #[test]
    fn helps_point_to_the_fix() {
        assert_eq!(
            err("['a']").help.as_deref(),
            Some("JSON strings use double quotes (`\"`), not single quotes")
        );
        assert_eq!(
            err("[True]").help.as_deref(),
            Some("JSON literals are lowercase: `true`")
        );
        assert_eq!(
            err("[1,]").help.as_deref(),
            Some("JSON does not allow a comma after the last element; remove it")
        );
        assert_eq!(
            err("{\"a\": 1 \"b\": 2}").help.as_deref(),
            Some("add a `,` between members")
        );
    }

    /// Indentation is skipped eight spaces at a time after a line break: any width, at the
    /// end of the text too, lands on the next token (or the end) exactly.
    #[test]
    fn indentation_of_any_width_is_skipped_to_the_next_token() {
        for width in 0..40 {
            for lead in ["\n", "\r\n", "\n\t", " \n", "\n\n"] {
                let pad = " ".repeat(width);
                let text = format!(
                    "{{{lead}{pad}\"a\":{lead}{pad}[1,{lead}{pad}2]{lead}{pad}}}{lead}{pad}"
                );
                let doc = parse(&text).unwrap();
                let JsonKind::Object(members) = &doc.kind else {
                    panic!("not an object: {text:?}")
                };
                assert_eq!(members[0].key_span.start, text.find("\"a\"").unwrap());
                let items = members[0].value.as_array().unwrap();
                assert_eq!(items[1].span.start, text.rfind('2').unwrap(), "{text:?}");
                assert_eq!(doc.span.end, text.rfind('}').unwrap() + 1);
                // A stray character after the spaces is found where it is.
                let bad = format!("{text}x");
                assert_eq!(parse(&bad).unwrap_err().span.unwrap().start, text.len());
            }
        }
    }

    #[test]
    fn values_and_spans() {
        let text = r#" {"a": [1, -2.5e3, true, false, null], "b\n": "x\u00e9\"", "c": {}} "#;
        let doc = parse(text).unwrap();
        assert_eq!(doc.span.text(text), text.trim());
        let members = doc.as_object().unwrap();
        assert_eq!(members.len(), 3);
        assert_eq!(members[0].key_span.text(text), "\"a\"");
        let items = members[0].value.as_array().unwrap();
        assert_eq!(items[0].kind, JsonKind::Number("1".into()));
        assert_eq!(items[1].kind, JsonKind::Number("-2.5e3".into()));
        assert_eq!(items[1].span.text(text), "-2.5e3");
        assert_eq!(items[2].kind, JsonKind::Bool(true));
        assert_eq!(items[3].kind, JsonKind::Bool(false));
        assert_eq!(items[4].kind, JsonKind::Null);
        assert_eq!(items[4].span.text(text), "null");
        assert_eq!(members[1].key, "b\n");
        assert_eq!(members[1].value.as_str(), Some("x\u{e9}\""));
        assert_eq!(members[1].value.span.text(text), r#""x\u00e9\"""#);
        assert_eq!(members[2].value.as_object().map(<[Member]>::len), Some(0));
        assert_eq!(members[2].span().text(text), "\"c\": {}");
        assert_eq!(doc.get("c").map(Json::type_name), Some("an object"));
    }

    #[test]
    fn duplicates_are_kept_in_order() {
        let doc = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        let members = doc.as_object().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[1].value.kind, JsonKind::Number("2".into()));
    }

    #[test]
    fn strings_decode_escapes_and_unicode() {
        let doc = parse(r#""\ud83d\ude00 \/ \\ \b\f\n\r\t é""#).unwrap();
        assert_eq!(doc.as_str(), Some("\u{1F600} / \\ \u{8}\u{c}\n\r\t é"));
        let bom = parse("\u{FEFF}[1]").unwrap();
        assert_eq!(bom.span, Span::new(3, 6));
    }

    #[test]
    fn nesting_is_limited_without_overflowing_the_stack() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.message, "the JSON is nested more than 128 levels deep");
        assert_eq!(e.span.unwrap().start, MAX_DEPTH);
        let very_deep = "[{\"a\":".repeat(100_000);
        assert!(parse(&very_deep).is_err());
    }

    #[test]
    fn one_megabyte_reads_quickly() {
        let mut text = String::from("[");
        let mut i = 0;
        while text.len() < 1_000_000 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#"{{"Sid": "S{i}", "Action": ["s3:Get*", "ec2:\u0044escribe*"], "n": {i}.5}}"#
            ));
            i += 1;
        }
        text.push(']');
        let started = std::time::Instant::now();
        let doc = parse(&text).unwrap();
        let elapsed = started.elapsed();
        assert_eq!(doc.as_array().map(<[Json]>::len), Some(i));
        // Generous even for unoptimised test builds: linear reading takes milliseconds.
        assert!(elapsed.as_secs() < 2, "took {elapsed:?}");
    }

    #[test]
    fn embedded_documents_map_spans_to_the_outer_text() {
        let outer = r#"{"PolicyDocument": "{\"Statement\": {\"Effect\": \"Allow\", \"Sid\": \"caf\u00e9 é\"}}"}"#;
        let doc = parse(outer).unwrap();
        let string = doc.get("PolicyDocument").unwrap();
        let inner = parse_embedded(outer, string).unwrap();
        assert_eq!(
            inner.span.text(outer),
            r#"{\"Statement\": {\"Effect\": \"Allow\", \"Sid\": \"caf\u00e9 é\"}}"#
        );
        let statement = inner.get("Statement").unwrap();
        let members = statement.as_object().unwrap();
        assert_eq!(members[0].key_span.text(outer), r#"\"Effect\""#);
        assert_eq!(members[0].value.span.text(outer), r#"\"Allow\""#);
        assert_eq!(members[1].value.as_str(), Some("caf\u{e9} é"));
        assert_eq!(members[1].value.span.text(outer), r#"\"caf\u00e9 é\""#);
    }

    #[test]
    fn embedded_errors_point_into_the_outer_text() {
        let outer = r#"["{\"Statement\": [1,]}", "{\"a\" 1}", "{\"a\": 1", 5]"#;
        let doc = parse(outer).unwrap();
        let items = doc.as_array().unwrap();
        let e = parse_embedded(outer, &items[0]).unwrap_err();
        assert_eq!(e.message, "trailing comma before `]`");
        assert_eq!(e.span.unwrap().text(outer), ",");
        let e = parse_embedded(outer, &items[1]).unwrap_err();
        assert_eq!(e.message, "expected `:` after the member name, found `1`");
        assert_eq!(e.span.unwrap().text(outer), "1");
        let e = parse_embedded(outer, &items[2]).unwrap_err();
        assert_eq!(
            e.message,
            "expected `,` or `}` after an object member, found the end of the text"
        );
        // Zero-width, just before the closing quote of the outer string.
        let span = e.span.unwrap();
        assert_eq!(
            (span.start, span.end),
            (outer.find("1\", 5").unwrap() + 1, span.start)
        );
        let e = parse_embedded(outer, &items[3]).unwrap_err();
        assert_eq!(
            e.message,
            "expected a string holding a JSON document, found a number"
        );
    }

    #[test]
    fn pointers_escape_tokens() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_pointer_token("plain"), "plain");
        let root = JsonPath::root();
        assert_eq!(root.to_pointer(), "");
        let a = root.key("");
        let b = a.index(3);
        assert_eq!(b.to_pointer(), "//3");
        assert_eq!(b.tokens(), vec![PathToken::Key(""), PathToken::Index(3)]);
    }
}
