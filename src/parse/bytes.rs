//! Bytes to text: every reader of a file, a pipe or a decompressed share link goes through
//! [`decode_utf8`], so text that is not UTF-8 is reported with its place (byte offset, line and
//! column) instead of a bare "stream did not contain valid UTF-8".
//!
//! JSON exchanged between systems "MUST be encoded using UTF-8" (RFC 8259, section 8.1), and
//! AWS reads policies as UTF-8, so the playground refuses other encodings rather than guess.
//!
//! ```
//! use iam_playground::parse::bytes::decode_utf8;
//!
//! assert_eq!(decode_utf8(b"{}").unwrap(), "{}");
//! let bad = decode_utf8(b"{\n  \"name\": \"caf\xe9\"\n}").unwrap_err();
//! assert_eq!(bad.diagnostic.code, "invalid-utf8");
//! assert!(bad.diagnostic.message.contains("byte 16 (line 2, column 15)"));
//! ```

use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::i18n::Msg;

/// Text that is not UTF-8: what to show, and the error.
#[derive(Debug, Clone)]
pub struct NotUtf8 {
    /// The text with every invalid sequence replaced by U+FFFD (`�`), for showing the line in a
    /// diagnostic. Up to the first invalid byte it is the input itself, byte for byte.
    pub text: String,
    /// The `invalid-utf8` error; its span covers the first `�` in [`NotUtf8::text`].
    pub diagnostic: Diagnostic,
}

/// The text of `bytes`, or an `invalid-utf8` error that says where the first invalid byte is.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Box<NotUtf8>> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let at = error.valid_up_to();
    let valid = bytes.get(..at).unwrap_or_default();
    // The prefix is valid: its end gives the line and column of the bad byte.
    let (line, column, _) =
        LineIndex::new(std::str::from_utf8(valid).unwrap_or_default()).position(at);
    let bad_len = error.error_len().unwrap_or(bytes.len().saturating_sub(at));
    let shown: Vec<String> = bytes
        .get(at..at + bad_len.min(4))
        .unwrap_or_default()
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let what = match (error.error_len(), shown.len()) {
        (None, _) => "utf8.cut",
        (Some(_), 1) => "utf8.bad-lead",
        (Some(_), _) => "utf8.bad-bytes",
    };
    let what = Msg::new(what).arg("bytes", shown.join(" "));
    let text = String::from_utf8_lossy(bytes).into_owned();
    let span = Span::new(at, at + '\u{FFFD}'.len_utf8());
    let message = Msg::new("utf8.not-utf8")
        .arg("at", at)
        .arg("line", line)
        .arg("column", column)
        .phrase("what", what);
    let diagnostic =
        Diagnostic::error("invalid-utf8", message, span).with_help(Msg::new("utf8.not-utf8.help"));
    Err(Box::new(NotUtf8 { text, diagnostic }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_passes_through() {
        assert_eq!(
            decode_utf8("caf\u{e9} \u{1F600}".as_bytes()).ok(),
            Some("caf\u{e9} \u{1F600}")
        );
        assert_eq!(decode_utf8(b"").ok(), Some(""));
    }

    #[test]
    fn the_first_bad_byte_is_located() {
        // Line 3, after two multi-byte characters: the column counts characters.
        let bytes = b"{\n\"a\": 1,\n\"\xc3\xa9\xc3\xa9\xff\": 2}";
        let err = decode_utf8(bytes).unwrap_err();
        let d = &err.diagnostic;
        assert_eq!(d.code, "invalid-utf8");
        assert_eq!(
            d.message,
            "the text is not UTF-8 at byte 15 (line 3, column 4): byte `0xFF` does not begin a valid UTF-8 character"
        );
        // The span covers the replacement character in the shown text.
        let span = d.span.unwrap();
        assert_eq!(span.text(&err.text), "\u{FFFD}");
        assert!(err.text.starts_with("{\n\"a\": 1,\n\"\u{e9}\u{e9}"));
    }

    #[test]
    fn a_cut_character_and_a_bad_sequence_are_told_apart() {
        let cut = decode_utf8(b"ab\xe2\x82").unwrap_err();
        assert!(
            cut.diagnostic
                .message
                .ends_with("the text ends in the middle of a character (`0xE2 0x82`)"),
            "{}",
            cut.diagnostic.message
        );
        // A lead byte followed by a byte that cannot continue it: only the lead byte is bad.
        let bad = decode_utf8(b"ab\xe2\x41").unwrap_err();
        assert!(bad
            .diagnostic
            .message
            .contains("at byte 2 (line 1, column 3)"));
        assert!(bad
            .diagnostic
            .message
            .ends_with("byte `0xE2` does not begin a valid UTF-8 character"));
        // Latin-1 text, the usual culprit.
        let latin1 = decode_utf8(b"\"caf\xe9\"").unwrap_err();
        assert!(latin1
            .diagnostic
            .message
            .contains("byte 4 (line 1, column 5)"));
    }
}
