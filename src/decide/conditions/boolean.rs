//! The `Bool` operator.
//!
//! "Condition operators": "Boolean conditions let you construct `Condition` elements that
//! restrict access based on comparing a key to "true" or "false."" The docs do not say
//! whether `True` or `TRUE` are accepted; the playground reads `true` and `false` in any
//! case (JSON `true`/`false` arrive as the same text), and nothing else is a boolean.
//!
//! Worked examples (request value vs policy value):
//! - `true` vs `true` → true; `false` vs `true` → false; `TRUE` vs `true` → true.
//! - `yes` vs `true` → cannot be compared (`yes` is not `true` or `false`): no match.

/// `true` or `false`, in any case.
pub fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("true", Some(true)),
            ("false", Some(false)),
            ("TRUE", Some(true)),
            ("False", Some(false)),
            ("", None),
            ("1", None),
            ("0", None),
            ("yes", None),
            (" true", None),
            ("truee", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_bool(text), expected, "{text:?}");
        }
    }
}
