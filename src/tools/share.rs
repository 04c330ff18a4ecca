//! Share links: the whole scenario in the URL fragment, so a link needs no server and never
//! reaches one.
//!
//! Format version 1: `v1.` followed by the scenario text compressed with raw DEFLATE and
//! encoded as base64url without padding (RFC 4648 §5). The page and `iam-playground share` both
//! call [`encode`], so they produce the same link. Links made by every released version keep
//! opening: [`decode`] accepts every version it has ever produced (see the golden links in
//! the tests).

use crate::diagnostic::{Diagnostic, Severity};

/// The prefix of the current format.
pub const PREFIX: &str = "v1.";

/// The largest scenario a link may expand to (protects the page from a deflate bomb).
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes a scenario as a fragment payload (without the `#`).
pub fn encode(scenario_text: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(scenario_text.as_bytes(), 9);
    let mut out = String::with_capacity(PREFIX.len() + compressed.len() * 4 / 3 + 4);
    out.push_str(PREFIX);
    base64url_encode(&compressed, &mut out);
    out
}

/// A full link: `base` (the page's address) plus `#` and the payload.
pub fn link(base: &str, scenario_text: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{}", encode(scenario_text))
}

/// Decodes a fragment payload (with or without a leading `#`, or a whole link) back to the
/// scenario text. A link that cannot be opened is a `share-link` error that says why, with
/// what to do.
pub fn decode(fragment: &str) -> Result<String, Diagnostic> {
    decode_text(fragment).map_err(|(message, help)| {
        Diagnostic::new(Severity::Error, "share-link", message).with_help(help)
    })
}

/// Why a link does not open, and what to do about it.
type Refusal = (String, &'static str);

const ASK_AGAIN: &str = "ask for the link again: it may have been cut short when it was copied";

fn decode_text(fragment: &str) -> Result<String, Refusal> {
    let payload = match fragment.rsplit_once('#') {
        Some((_, after)) => after,
        None => fragment,
    };
    let payload = payload.trim();
    if payload.is_empty() {
        return Err((
            "the link carries no scenario (nothing after `#`)".to_string(),
            ASK_AGAIN,
        ));
    }
    let Some(data) = payload.strip_prefix(PREFIX) else {
        let version = payload.split('.').next().unwrap_or("");
        return Err(if payload.contains('.') && version.starts_with('v') {
            (
                format!("this link uses share format `{version}`, which this version of the playground does not know; it may come from a newer version"),
                "open it in the newest version of the playground",
            )
        } else {
            (
                "this is not a playground share link (it should start with `v1.`)".to_string(),
                "a share link ends in `#v1.` and the scenario's data",
            )
        });
    };
    let bytes = base64url_decode(data).map_err(|m| (m, ASK_AGAIN))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => (
                format!(
                    "the shared scenario is larger than {} MB",
                    MAX_DECODED_BYTES / (1024 * 1024)
                ),
                "share the scenario as a file instead",
            ),
            _ => (
                "the link is damaged or cut short (its data does not decompress)".to_string(),
                ASK_AGAIN,
            ),
        })?;
    String::from_utf8(inflated).map_err(|e| match crate::parse::bytes::decode_utf8(e.as_bytes()) {
        Err(bad) => (
            format!("the link is damaged: {}", bad.diagnostic.message),
            ASK_AGAIN,
        ),
        Ok(_) => (
            "the link is damaged (its text is not UTF-8)".to_string(),
            ASK_AGAIN,
        ),
    })
}

fn base64url_encode(data: &[u8], out: &mut String) {
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(ALPHABET[idx]));
        }
    }
}

fn base64url_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => {
                return Err(format!(
                    "the link is damaged: character {} (`{}`) is not allowed in a share link",
                    i + 1,
                    char::from(c).escape_default()
                ))
            }
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for text in ["", "{}", "{\"name\": \"é ✓ 😀\"}", &"x".repeat(10_000)] {
            assert_eq!(decode(&encode(text)).unwrap(), text);
        }
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        // RFC 4648 §10 test vectors, without padding.
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            let mut s = String::new();
            base64url_encode(plain.as_bytes(), &mut s);
            assert_eq!(s, encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        let mut s = String::new();
        base64url_encode(&[0xfb, 0xff], &mut s);
        assert_eq!(s, "-_8");
    }

    #[test]
    fn golden_v1_link_keeps_opening() {
        // Made by version 0.1.0 (`iam-playground share`); must decode forever.
        let link = "http://127.0.0.1:8000/#v1.dU4xDsIwDPyLR0TVpgxI2Tqwo1ZiQQxR6iJLaVLiVBWq-nccGJh6k32-O98K3owIGp7B9ejhCFNwZAkZ9AokVKL0Bn1f4YaRKXjR1pWqC1UV6iz6LpmEo-iyoaNe7o3Ql2FAm_LiXFiEaGz6ucmM-mqY2-BQ-BY5zNHmDgfYtsd2hIivGfkbOEXylibj5Gyi12ZhnQO0EtSCk0DPjLFMYinyJKFm51n8P9tPi6ItW-nyAQ";
        let expected = r#"{"name":"golden","policies":{"identity":[{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}]},"request":{"principal":"arn:aws:iam::111122223333:user/test-user","action":"iam:PassRole","resource":"arn:aws:iam::111122223333:role/R"}}"#;
        assert_eq!(decode(link).unwrap(), expected);
        // The encoder still produces the same link for the same text.
        assert_eq!(super::link("http://127.0.0.1:8000/", expected), link);
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let e = decode("v1.@@@").unwrap_err();
        assert_eq!(e.code, "share-link");
        assert!(e.help.is_some_and(|h| h.contains("ask for the link again")));
        let decode = |f: &str| super::decode(f).map_err(|d| d.message);
        assert!(decode("").unwrap_err().contains("no scenario"));
        assert!(decode("#").unwrap_err().contains("no scenario"));
        assert!(decode("hello")
            .unwrap_err()
            .contains("not a playground share link"));
        assert!(decode("v9.abc").unwrap_err().contains("`v9`"));
        assert!(decode("v1.@@@").unwrap_err().contains("not allowed"));
        let good = encode("{\"name\": \"a fairly long scenario text that compresses\"}");
        let cut = &good[..good.len() / 2];
        assert!(decode(cut).unwrap_err().contains("damaged"));
        // Text that is not UTF-8 (a link made by hand): the place of the bad byte.
        let compressed = miniz_oxide::deflate::compress_to_vec(b"{\n\"name\": \"caf\xe9\"}", 9);
        let mut latin1 = PREFIX.to_string();
        base64url_encode(&compressed, &mut latin1);
        let err = decode(&latin1).unwrap_err();
        assert!(
            err.starts_with(
                "the link is damaged: the text is not UTF-8 at byte 14 (line 2, column 13)"
            ),
            "{err}"
        );
        // A deflate bomb is refused.
        let bomb = encode(&" ".repeat(MAX_DECODED_BYTES + 10));
        assert!(decode(&bomb).unwrap_err().contains("larger than"));
    }
}
