//! Numeric operators: `NumericEquals`, `NumericLessThan`, `NumericLessThanEquals`,
//! `NumericGreaterThan`, `NumericGreaterThanEquals` (`NumericNotEquals` is the caller's
//! negation of `NumericEquals`).
//!
//! "Condition operators": numeric operators compare "a key to an integer or decimal value".
//! Accepted here: an optional sign, digits, and an optional fraction: `10`, `-2`, `+7`,
//! `0.25`, `-1.50`. Not accepted (the docs show none, so a playground choice): exponents
//! (`1e3`), a bare point (`.5`, `5.`), spaces, hexadecimal, `NaN`, `Infinity`.
//!
//! Numbers are compared exactly as decimals, whatever their size: no floating point, so
//! `9007199254740993` is not equal to `9007199254740992`, and `1.10` equals `1.1`, `-0`
//! equals `0`.
//!
//! Worked examples (request value, operator, policy value):
//! - `10` `NumericLessThanEquals` `10` → true; `11` → false.
//! - `-2.5` `NumericLessThan` `-2` → true.
//! - `abc` `NumericEquals` `1` → cannot be compared (`abc` is not a number): no match.

use std::cmp::Ordering;

/// An exact decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    /// True for numbers below zero (never for zero).
    negative: bool,
    /// Integer digits without leading zeros (empty for zero).
    integer: String,
    /// Fraction digits without trailing zeros.
    fraction: String,
}

/// Parses an integer or decimal number (see the module documentation for the forms).
pub fn parse_number(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (integer, fraction) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let integer = integer.trim_start_matches('0').to_string();
    let fraction = fraction.unwrap_or("").trim_end_matches('0').to_string();
    let zero = integer.is_empty() && fraction.is_empty();
    Some(Decimal {
        negative: negative && !zero,
        integer,
        fraction,
    })
}

impl Decimal {
    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        self.integer
            .len()
            .cmp(&other.integer.len())
            .then_with(|| self.integer.cmp(&other.integer))
            // Left-aligned fraction digits compare as text: `5` (0.5) > `45` (0.45).
            .then_with(|| self.fraction.cmp(&other.fraction))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let ok = [
            "0",
            "-0",
            "+7",
            "10",
            "007",
            "1.5",
            "-2.50",
            "0.000",
            "123456789012345678901234567890",
        ];
        for t in ok {
            assert!(parse_number(t).is_some(), "{t}");
        }
        let bad = [
            "", "-", "+", "abc", "1e3", ".5", "5.", "1.2.3", " 1", "1 ", "0x10", "NaN", "Infinity",
            "1,000", "--1", "١",
        ];
        for t in bad {
            assert!(parse_number(t).is_none(), "{t}");
        }
    }

    #[test]
    fn orders_exactly() {
        // (a, b, ordering of a against b)
        let cases = [
            ("10", "10", Ordering::Equal),
            ("10", "10.0", Ordering::Equal),
            ("1.10", "1.1", Ordering::Equal),
            ("-0", "0", Ordering::Equal),
            ("-0.0", "+0", Ordering::Equal),
            ("007", "7", Ordering::Equal),
            ("11", "10", Ordering::Greater),
            ("9", "10", Ordering::Less),
            ("-2.5", "-2", Ordering::Less),
            ("-10", "-9", Ordering::Less),
            ("-1", "1", Ordering::Less),
            ("0.5", "0.45", Ordering::Greater),
            ("0.05", "0.5", Ordering::Less),
            ("9007199254740993", "9007199254740992", Ordering::Greater),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567891",
                Ordering::Less,
            ),
            ("1.0000000000000000000001", "1", Ordering::Greater),
        ];
        for (a, b, expected) in cases {
            let (x, y) = (parse_number(a).unwrap(), parse_number(b).unwrap());
            assert_eq!(x.cmp(&y), expected, "{a} vs {b}");
            assert_eq!(y.cmp(&x), expected.reverse(), "{b} vs {a}");
        }
    }
}
