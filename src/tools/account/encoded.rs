//! Policy documents as IAM's API returns them: JSON text, URL-encoded, inside a JSON string.
//!
//! "Policies returned by this operation are URL-encoded compliant with RFC 3986"
//! (IAM API Reference, `GetAccountAuthorizationDetails`). The AWS CLI decodes them and prints
//! objects; the raw API, and some tools that save its output, keep the encoded strings
//! (`"%7B%22Version%22%3A%222012-10-17%22..."`). The document is decoded here byte by byte,
//! keeping for each decoded byte the offset in the account file it came from, so that an
//! error inside the document points at the encoded text in the file.

use crate::diagnostic::{Diagnostic, Span};
use crate::parse::json::{self, Json};

/// The code of an error in the encoding of a document string.
pub const CODE: &str = "account-encoding";

/// How a document string is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringForm {
    /// The JSON text itself, escaped into a JSON string.
    Json,
    /// The JSON text, percent-encoded (RFC 3986), escaped into a JSON string.
    UrlEncoded,
}

/// Tells the two forms apart by the first character that is not white space: a document is
/// a JSON object, so it starts with `{` as text and with `%7B` when encoded.
pub fn form(content: &str) -> StringForm {
    let head = content.trim_start().as_bytes();
    match head {
        [b'%', b'7', b'b' | b'B', ..] => StringForm::UrlEncoded,
        _ => StringForm::Json,
    }
}

/// Reads the document held by the JSON string `value` of `outer` (either form): the
/// document's JSON, with every span pointing into `outer`, and the decoded text.
pub fn document(outer: &str, value: &Json) -> Result<(Json<'static>, String), Diagnostic> {
    let (content, offsets) = json::decode_string(outer, value)?;
    let (text, offsets) = match form(&content) {
        StringForm::Json => (content, offsets),
        StringForm::UrlEncoded => percent_decode(&content, &offsets, value.span)?,
    };
    match json::parse_mapped(&text, &offsets) {
        Ok(doc) => Ok((doc, text)),
        Err(e) => Err(e.with_help(
            "the error is inside the policy document held by this string (the place shown is where the decoded text came from)",
        )),
    }
}

/// Percent-decodes `text`, whose byte `i` came from `offsets[i]` of the account file: the
/// decoded text and the offsets of its bytes (plus one for the end).
///
/// RFC 3986 decoding: `%XX` is the byte `XX`; every other character stands for itself
/// (`+` too: it is not a space in RFC 3986). The bytes must form UTF-8.
fn percent_decode(
    text: &str,
    offsets: &[usize],
    whole: Span,
) -> Result<(String, Vec<usize>), Diagnostic> {
    let at = |i: usize| offsets.get(i).copied().unwrap_or(whole.end);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut out_offsets = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                let h = std::str::from_utf8(h).ok()?;
                u8::from_str_radix(h, 16).ok()
            });
            let Some(decoded) = hex else {
                let shown: String = text.get(i..).unwrap_or("").chars().take(3).collect();
                return Err(Diagnostic::error(
                    CODE,
                    format!("invalid percent-encoding `{shown}` in a URL-encoded policy document"),
                    Span::new(at(i), at((i + shown.len()).min(bytes.len()))),
                )
                .with_help("`%` must be followed by two hexadecimal digits; the file may be damaged, or the document was not URL-encoded as IAM returns it"));
            };
            out.push(decoded);
            out_offsets.push(at(i));
            i += 3;
        } else {
            out.push(b);
            out_offsets.push(at(i));
            i += 1;
        }
    }
    out_offsets.push(at(bytes.len()));
    match String::from_utf8(out) {
        Ok(s) => Ok((s, out_offsets)),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let start = out_offsets.get(bad).copied().unwrap_or(whole.start);
            Err(Diagnostic::error(
                CODE,
                "a URL-encoded policy document decodes to bytes that are not UTF-8 text",
                Span::new(start, start + 3),
            )
            .with_help(
                "IAM encodes each byte of a UTF-8 character as `%XX`; this sequence is not one",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string_in(outer: &str) -> Json<'static> {
        let doc = json::parse(outer).unwrap();
        doc.get("d").unwrap().clone().into_owned()
    }

    #[test]
    fn forms_are_told_apart() {
        assert_eq!(form("{\"Version\": 1}"), StringForm::Json);
        assert_eq!(form("  %7B%22Version"), StringForm::UrlEncoded);
        assert_eq!(form("%7b%22"), StringForm::UrlEncoded);
        assert_eq!(form(""), StringForm::Json);
    }

    #[test]
    fn encoded_documents_decode_with_their_places() {
        let outer = r#"{"d": "%7B%22Statement%22%3A%20%7B%22Sid%22%3A%20%22caf%C3%A9+1%22%7D%7D"}"#;
        let (doc, text) = document(outer, &string_in(outer)).unwrap();
        assert_eq!(text, r#"{"Statement": {"Sid": "café+1"}}"#);
        let sid = doc.get("Statement").unwrap().get("Sid").unwrap();
        assert_eq!(sid.as_str(), Some("café+1"));
        // The value's span covers its encoded text in the file.
        assert_eq!(sid.span.text(outer), "%22caf%C3%A9+1%22");
    }

    #[test]
    fn errors_point_into_the_encoded_text() {
        let outer = r#"{"d": "%7B%22Statement%22%3A%20%5B1%2C%5D%7D"}"#;
        let e = document(outer, &string_in(outer)).unwrap_err();
        assert_eq!(e.message, "trailing comma before `]`");
        assert_eq!(e.span.unwrap().text(outer), "%2C");

        let outer = r#"{"d": "%7B%22a%22%3A%2"}"#;
        let e = document(outer, &string_in(outer)).unwrap_err();
        assert_eq!(e.code, CODE);
        assert_eq!(e.span.unwrap().text(outer), "%2");

        let outer = r#"{"d": "%7B%22a%22%3A%22%FF%22%7D"}"#;
        let e = document(outer, &string_in(outer)).unwrap_err();
        assert!(e.message.contains("not UTF-8"), "{}", e.message);
        assert_eq!(e.span.unwrap().text(outer), "%FF");

        // Truncated: the end of the decoded text is the closing quote of the string.
        let outer = r#"{"d": "%7B%22a%22%3A%201"}"#;
        let e = document(outer, &string_in(outer)).unwrap_err();
        assert!(
            e.message.contains("found the end of the text"),
            "{}",
            e.message
        );
        assert_eq!(e.span.unwrap().start, outer.rfind('"').unwrap());
    }

    #[test]
    fn json_strings_and_escapes_map_too() {
        let outer = r#"{"d": "{\"Statement\": [1,]}"}"#;
        let e = document(outer, &string_in(outer)).unwrap_err();
        assert_eq!(e.span.unwrap().text(outer), ",");
        // An escaped `%` inside a JSON string is still a `%` of the encoding.
        let outer = r#"{"d": "\u00257B%7D"}"#;
        let (_, text) = document(outer, &string_in(outer)).unwrap();
        assert_eq!(text, "{}");
    }
}
