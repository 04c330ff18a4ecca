//! Diagnostics: errors and warnings with the place they point at.
//!
//! The core keeps byte [`Span`]s into the scenario text; [`LineIndex`] turns them into 1-based
//! line/column and UTF-16 offsets (for JavaScript editors) only when a result is rendered.

use serde::Serialize;

use crate::i18n::{Msg, Text};

/// A byte range `start..end` in the scenario text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text of this span in `source` (empty if out of range).
    pub fn text(self, source: &str) -> &str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// AWS would reject the input, or it cannot be evaluated.
    Error,
    /// Valid, but allows more than it seems to (e.g. PassRole on `*`).
    SecurityWarning,
    /// Valid but suspicious.
    Warning,
    /// A possible improvement.
    Suggestion,
}

/// One error or warning, with the place it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// A stable code (e.g. `json-syntax`, `unknown-element`).
    pub code: &'static str,
    /// What is wrong: lowercase, no final period, user text in backticks.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text it points at.
    pub span: Option<Span>,
    /// The JSON path of the value at fault (`/policies/identity/0/document/Statement/1/Action`).
    pub path: Option<String>,
    /// `message` and `help` as catalog messages, where they are (rendered in other languages
    /// at the door), and the correction the help names. Boxed: most diagnostics travel as
    /// `Err` values and stay small.
    pub msgs: Option<Box<Msgs>>,
}

impl Diagnostic {
    /// A diagnostic that points at no place yet (add one with [`Diagnostic::at`] or
    /// [`Diagnostic::with_path`]).
    pub fn new(severity: Severity, code: &'static str, message: impl Into<Text>) -> Self {
        let (message, message_msg) = message.into().split();
        Diagnostic {
            severity,
            code,
            message,
            help: None,
            span: None,
            path: None,
            msgs: message_msg.map(|m| {
                Box::new(Msgs {
                    message: Some(m),
                    ..Msgs::default()
                })
            }),
        }
    }

    /// Points it at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// An error at `span`.
    pub fn error(code: &'static str, message: impl Into<Text>, span: Span) -> Self {
        Diagnostic::new(Severity::Error, code, message).at(span)
    }

    /// A warning at `span`.
    pub fn warning(code: &'static str, message: impl Into<Text>, span: Span) -> Self {
        Diagnostic::new(Severity::Warning, code, message).at(span)
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds advice.
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        let (help, help_msg) = help.into().split();
        self.help = Some(help);
        match (&mut self.msgs, help_msg) {
            (Some(msgs), help) => msgs.help = help,
            (None, Some(help)) => {
                self.msgs = Some(Box::new(Msgs {
                    help: Some(help),
                    ..Msgs::default()
                }))
            }
            (None, None) => {}
        }
        self
    }

    /// Names the text that the diagnostic's span should become (the correction its help
    /// suggests).
    pub fn with_replacement(mut self, text: impl Into<String>) -> Self {
        self.msgs.get_or_insert_with(Box::default).replacement = Some(text.into());
        self
    }

    /// The text that the span should become, if the diagnostic names one.
    pub fn replacement(&self) -> Option<&str> {
        self.msgs.as_ref()?.replacement.as_deref()
    }

    /// [`Diagnostic::with_replacement`] for a span that is a JSON string literal (quotes
    /// included): the literal becomes `value`, quoted.
    pub fn with_string_replacement(self, value: &str) -> Self {
        let quoted = serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""));
        self.with_replacement(quoted)
    }

    /// Adds the JSON path of the value at fault.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic's message and help as catalog messages, and the correction its help names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Msgs {
    /// The message.
    pub message: Option<Msg>,
    /// The help.
    pub help: Option<Msg>,
    /// The text that the span should become, when the help names one correction ("did you
    /// mean"): what a one-click replace writes.
    pub replacement: Option<String>,
}

/// A place in the text, ready to show: 1-based line and column (in characters), and offsets.
///
/// Serialized as an object of [`LOCATION_FIELDS`]; for a serializer that is not
/// human-readable (the tape, `crate::tape`), as a tuple struct of their values in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in characters (exclusive).
    pub end_column: usize,
    /// UTF-16 offset of the start (for JavaScript editors).
    pub utf16_start: usize,
    /// UTF-16 offset of the end.
    pub utf16_end: usize,
}

/// The members of a serialized [`Location`], in order.
pub const LOCATION_FIELDS: [&str; 8] = [
    "start",
    "end",
    "line",
    "column",
    "endLine",
    "endColumn",
    "utf16Start",
    "utf16End",
];

impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeStruct, SerializeTupleStruct};
        let values = [
            self.start,
            self.end,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.utf16_start,
            self.utf16_end,
        ];
        if serializer.is_human_readable() {
            let mut object = serializer.serialize_struct("Location", values.len())?;
            for (name, value) in LOCATION_FIELDS.iter().zip(values) {
                object.serialize_field(name, &value)?;
            }
            object.end()
        } else {
            let mut tuple = serializer.serialize_tuple_struct("Location", values.len())?;
            for value in values {
                tuple.serialize_field(&value)?;
            }
            tuple.end()
        }
    }
}

/// Converts byte offsets of one text into lines, columns and UTF-16 offsets.
///
/// An ASCII text (the usual case) keeps the offset of every line break, and for every
/// `STRIDE` bytes the number of line breaks before them: a byte is a character and a UTF-16
/// unit, so a lookup starts from its stretch's count and steps over the few line breaks
/// between (a binary search over all of them, its branches unpredictable, was a twentieth of
/// an explained evaluation's time). Another text keeps a
/// checkpoint (byte offset, UTF-16 offset, line, column) every `CHECKPOINT` bytes, so a
/// lookup scans at most that many bytes. Either way, locating every statement of a large
/// scenario stays linear overall, even when the text is one long line.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// ASCII text: where its lines break.
    lines: Option<Lines>,
    checkpoints: Vec<Checkpoint>,
}

/// The line breaks of an ASCII text.
#[derive(Debug, Clone)]
struct Lines {
    /// The byte offset of every `\n`, in order.
    newlines: Vec<usize>,
    /// Entry `k`: how many of `newlines` are before byte `k × STRIDE`.
    before_stride: Vec<usize>,
}

const STRIDE: usize = 64;

impl Lines {
    fn new(newlines: Vec<usize>, len: usize) -> Lines {
        let mut before_stride = Vec::with_capacity(len / STRIDE + 1);
        // The stretches that start at or before the line break `k` have `k` before them (the
        // first ones met), the later ones more.
        for (k, &n) in newlines.iter().enumerate() {
            if before_stride.len() <= n / STRIDE {
                before_stride.resize(n / STRIDE + 1, k);
            }
        }
        before_stride.resize(len / STRIDE + 1, newlines.len());
        Lines {
            newlines,
            before_stride,
        }
    }

    /// How many line breaks are before `offset` (at most the text's length).
    fn before(&self, offset: usize) -> usize {
        let mut k = self
            .before_stride
            .get(offset / STRIDE)
            .copied()
            .unwrap_or(0);
        while self.newlines.get(k).is_some_and(|&n| n < offset) {
            k += 1;
        }
        k
    }
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
    line: usize,
    column: usize,
}

const CHECKPOINT: usize = 32;

/// The high bit of each byte of `x` that is zero, and no other bit: exact, with no carry from
/// one byte into the next (a byte's low seven bits plus 0x7f stay within it). The
/// word-at-a-time scans (a JSON string's plain run, a text's line breaks) are built on it: a
/// byte equal to `b` is a zero byte of `x ^ (b × 0x0101_0101_0101_0101)`.
pub(crate) fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// An empty list for the line breaks of a text of `len` bytes, with room for lines of about
/// 24 bytes (policies are short lines): rarely a reallocation.
pub(crate) fn newline_list(len: usize) -> Vec<usize> {
    Vec::with_capacity(len / 24 + 1)
}

/// The byte offset of every `\n` in `bytes`, in order, read eight bytes at a time (a scenario
/// is indexed on every evaluation: byte by byte, this was a tenth of a decision's work).
fn newline_offsets(bytes: &[u8]) -> Vec<usize> {
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut out = newline_list(bytes.len());
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // The high bit of exactly the chunk's newlines.
        let mut found = zero_bytes(u64::from_le_bytes(word) ^ NEWLINES);
        while found != 0 {
            out.push(base + (found.trailing_zeros() / 8) as usize);
            found &= found - 1;
        }
        base += 8;
    }
    let tail = chunks.remainder();
    out.extend(
        (0..tail.len())
            .filter(|&i| tail.get(i) == Some(&b'\n'))
            .map(|i| base + i),
    );
    out
}

impl Checkpoint {
    /// Moves past `chunk`, which is ASCII: one character and one UTF-16 unit per byte.
    fn advance_ascii(&mut self, chunk: &[u8]) {
        self.utf16 += chunk.len();
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += chunk.iter().filter(|&&b| b == b'\n').count();
                self.column = chunk.len() - last;
            }
            None => self.column += chunk.len(),
        }
    }
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        Self::indexed(text, || newline_offsets(text.as_bytes()))
    }

    /// Indexes `text` whose line breaks are known: `newlines` must hold the offset of every
    /// `\n` of `text`, in order (the JSON parser collects them as it reads).
    pub(crate) fn with_newlines(text: &'a str, newlines: Vec<usize>) -> Self {
        Self::indexed(text, || newlines)
    }

    /// Indexes `text` by its line breaks (`newlines`, asked for only when it is ASCII), or
    /// with checkpoints.
    fn indexed(text: &'a str, newlines: impl FnOnce() -> Vec<usize>) -> Self {
        if text.is_ascii() {
            return LineIndex {
                text,
                lines: Some(Lines::new(newlines(), text.len())),
                checkpoints: Vec::new(),
            };
        }
        Self::with_checkpoints(text)
    }

    /// The index with checkpoints, for any text.
    fn with_checkpoints(text: &'a str) -> Self {
        let mut checkpoints = vec![Checkpoint {
            byte: 0,
            utf16: 0,
            line: 1,
            column: 1,
        }];
        let mut cur = Checkpoint {
            byte: 0,
            utf16: 0,
            line: 1,
            column: 1,
        };
        let mut next = CHECKPOINT;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if i >= next {
                // Checkpoint k is at the first character boundary at or after k × CHECKPOINT.
                checkpoints.push(Checkpoint { byte: i, ..cur });
                next += CHECKPOINT;
            }
            // The rest of this checkpoint's stretch, when it is all ASCII, in one step.
            let end = next.min(bytes.len());
            if let Some(chunk) = bytes.get(i..end).filter(|c| c.is_ascii()) {
                cur.advance_ascii(chunk);
                i = end;
                continue;
            }
            let b = bytes.get(i).copied().unwrap_or(0);
            if b < 0x80 {
                cur.advance_ascii(&[b]);
                i += 1;
            } else {
                let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                cur.utf16 += c.len_utf16();
                cur.column += 1;
                i += c.len_utf8().max(1);
            }
        }
        LineIndex {
            text,
            lines: None,
            checkpoints,
        }
    }

    /// 1-based (line, column, utf16 offset) of a byte offset (clamped to the text and to a
    /// character boundary).
    pub fn position(&self, offset: usize) -> (usize, usize, usize) {
        if let Some(lines) = &self.lines {
            // ASCII: every byte is a character boundary, a column and a UTF-16 unit.
            let offset = offset.min(self.text.len());
            let before = lines.before(offset);
            let column = match before.checked_sub(1).and_then(|k| lines.newlines.get(k)) {
                Some(&newline) => offset - newline,
                None => offset + 1,
            };
            return (before + 1, column, offset);
        }
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // Checkpoint k is at most 3 bytes after k × CHECKPOINT (a character is at most 4).
        let mut i = (offset / CHECKPOINT).min(self.checkpoints.len().saturating_sub(1));
        if self.checkpoints.get(i).is_some_and(|c| c.byte > offset) {
            i = i.saturating_sub(1);
        }
        let mut cur = self.checkpoints.get(i).copied().unwrap_or(Checkpoint {
            byte: 0,
            utf16: 0,
            line: 1,
            column: 1,
        });
        let rest = self.text.get(cur.byte..offset).unwrap_or("");
        if rest.is_ascii() {
            cur.advance_ascii(rest.as_bytes());
        } else {
            for c in rest.chars() {
                cur.utf16 += c.len_utf16();
                if c == '\n' {
                    cur.line += 1;
                    cur.column = 1;
                } else {
                    cur.column += 1;
                }
            }
        }
        (cur.line, cur.column, cur.utf16)
    }

    /// The displayable location of a span.
    pub fn location(&self, span: Span) -> Location {
        let (line, column, utf16_start) = self.position(span.start);
        let (end_line, end_column, utf16_end) = self.position(span.end);
        Location {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line,
            end_column,
            utf16_start,
            utf16_end,
        }
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest of `candidates` to `word` (case-insensitive), if it is close enough to be a typo.
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &'c str)> = None;
    for c in candidates {
        let d = edit_distance(&lower, &c.to_ascii_lowercase());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (word.chars().count() / 3).max(1);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "ab\n\u{e9}x\u{1F600}y";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), (1, 1, 0));
        assert_eq!(idx.position(3), (2, 1, 3));
        // after 'é' (2 bytes) and 'x'
        assert_eq!(idx.position(6), (2, 3, 5));
        // after the emoji (4 bytes, 2 UTF-16 units)
        assert_eq!(idx.position(10), (2, 4, 7));
        // inside a multi-byte char: clamped back to its start
        assert_eq!(idx.position(4), (2, 1, 3));
    }

    #[test]
    fn checkpoints_agree_with_a_plain_scan() {
        // Long lines, several lines, multi-byte characters across checkpoint boundaries.
        let text: String = (0..2000)
            .map(|i| match i % 97 {
                0 => '\n',
                1 => '\u{e9}',
                2 => '\u{1F600}',
                _ => 'a',
            })
            .collect();
        let idx = LineIndex::new(&text);
        let (mut line, mut col, mut u16) = (1, 1, 0);
        for (i, c) in text.char_indices() {
            assert_eq!(idx.position(i), (line, col, u16), "at byte {i}");
            u16 += c.len_utf16();
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        assert_eq!(idx.position(text.len()), (line, col, u16));
    }

    #[test]
    fn newline_offsets_agree_with_a_plain_scan() {
        // Every byte value beside and between newlines, at every offset within a word and in
        // the tail: bytes one above or below `\n` (0x0b, 0x09), the high-bit ones (0x8a) and
        // runs of newlines must neither hide a newline nor make one.
        let mut bytes = Vec::new();
        for b in 0..=255u8 {
            bytes.extend_from_slice(&[b, b'\n', b, b, b'\n', b'\n', b.wrapping_add(1)]);
        }
        for start in 0..9 {
            for end in [bytes.len(), bytes.len() - 3, bytes.len() - 8] {
                let slice = &bytes[start..end];
                let plain: Vec<usize> = (0..slice.len()).filter(|&i| slice[i] == b'\n').collect();
                assert_eq!(newline_offsets(slice), plain, "from {start} to {end}");
            }
        }
    }

    #[test]
    fn ascii_lookups_agree_with_checkpoints() {
        // Line breaks at the start, doubled, at checkpoint boundaries and at the end; none
        // for several strides (100..350), one a byte for half a stride (400..430).
        let text: String = (0..700)
            .map(|i| {
                let gap = (100..350).contains(&i);
                let run = (400..430).contains(&i);
                if !gap && (i % 37 == 0 || i % 41 == 1 || i == 699 || run) {
                    '\n'
                } else {
                    'a'
                }
            })
            .collect();
        let fast = LineIndex::new(&text);
        let slow = LineIndex::with_checkpoints(&text);
        assert!(fast.lines.is_some() && slow.lines.is_none());
        for offset in 0..text.len() + 3 {
            assert_eq!(
                fast.position(offset),
                slow.position(offset),
                "at byte {offset}"
            );
        }
        let empty = LineIndex::new("");
        assert_eq!(empty.position(0), (1, 1, 0));
        assert_eq!(empty.position(5), (1, 1, 0));
    }

    #[test]
    fn suggestions_find_typos_only() {
        assert_eq!(did_you_mean("Efect", &["Effect", "Action"]), Some("Effect"));
        assert_eq!(
            did_you_mean("resource", &["Resource", "Action"]),
            Some("Resource")
        );
        assert_eq!(did_you_mean("Banana", &["Effect", "Action"]), None);
    }
}
