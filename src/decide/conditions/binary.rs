//! The `BinaryEquals` operator.
//!
//! "Condition operators": it "compares the value of the specified key byte for byte against a
//! base-64 encoded representation of the binary value in the policy". The scenario format
//! writes request values base64-encoded too, so both sides are decoded and the bytes
//! compared.
//!
//! Base64 here is the standard alphabet (`A-Z a-z 0-9 + /`) with `=` padding to a multiple
//! of four characters (RFC 4648, section 4); no spaces or line breaks, no URL-safe alphabet.
//! The empty text is zero bytes.
//!
//! Worked examples (request value vs policy value):
//! - `QmluYXJ5VmFsdWVJbkJhc2U2NA==` vs the same → true.
//! - `AQI=` (bytes 1, 2) vs `AQI=` → true; vs `AQID` (1, 2, 3) → false.
//! - `not base64!` vs `AQI=` → cannot be compared: no match.

/// Decodes standard base64 with padding; `None` when malformed.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let chunks = b.len() / 4;
    for (i, chunk) in b.chunks(4).enumerate() {
        let last = i + 1 == chunks;
        let pad = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut acc: u32 = 0;
        for (j, c) in chunk.iter().enumerate() {
            let v = if j >= 4 - pad { 0 } else { sextet(*c)? };
            acc = (acc << 6) | v;
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(bytes.get(1..4 - pad)?);
    }
    Some(out)
}

fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, Option<&[u8]>)] = &[
            ("", Some(b"")),
            ("Zg==", Some(b"f")),
            ("Zm8=", Some(b"fo")),
            ("Zm9v", Some(b"foo")),
            ("Zm9vYg==", Some(b"foob")),
            ("Zm9vYmE=", Some(b"fooba")),
            ("Zm9vYmFy", Some(b"foobar")),
            ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", Some(b"BinaryValueInBase64")),
            ("AQI=", Some(&[1, 2])),
            ("+/+/", Some(&[0xfb, 0xff, 0xbf])),
            ("Zg", None),
            ("Zg=", None),
            ("Z===", None),
            ("====", None),
            ("Zg==Zg==", None),
            ("Zm9v YmFy", None),
            ("-_-_", None),
            ("Zm9\n", None),
            ("Zé==", None),
        ];
        for (text, expected) in cases {
            assert_eq!(decode_base64(text).as_deref(), *expected, "{text:?}");
        }
    }
}
