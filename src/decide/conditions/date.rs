//! Date operators: `DateEquals`, `DateLessThan`, `DateLessThanEquals`, `DateGreaterThan`,
//! `DateGreaterThanEquals` (`DateNotEquals` is the caller's negation of `DateEquals`).
//!
//! "Condition operators": "You must specify date/time values with one of the W3C
//! implementations of the ISO 8601 date formats or in epoch (UNIX) time." "Wildcards are not
//! permitted for date condition operators." The W3C profile (W3C note "Date and Time
//! Formats") has `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`,
//! `YYYY-MM-DDThh:mm:ssTZD` and `YYYY-MM-DDThh:mm:ss.sTZD`, where TZD is `Z` or `+hh:mm` /
//! `-hh:mm` and the fraction has one or more digits.
//!
//! Both the policy value and the request value are read as one instant and compared as
//! instants. Playground readings where the docs are silent:
//! - A value of digits only (optionally with `-`) is epoch seconds, so the bare-year form
//!   `YYYY` is read as epoch seconds too (`2020` is 1970-01-01T00:33:40Z).
//! - `YYYY-MM` and `YYYY-MM-DD` stand for the first instant of that month or day in UTC.
//! - A time needs its TZD (`2020-01-01T10:00:00` without `Z` is rejected), `T` and `Z` are
//!   upper case, seconds go up to 59, years have four digits.
//! - Epoch seconds are whole seconds; fractions are kept exactly for ISO values.
//!
//! Worked examples (request value, operator, policy value):
//! - `2020-06-01T00:00:00Z` `DateGreaterThan` `2020-01-01T00:00:01Z` → true.
//! - `2020-01-01T01:00:00+01:00` `DateEquals` `2020-01-01T00:00:00Z` → true (same instant).
//! - `1577836800` `DateEquals` `2020-01-01T00:00:00Z` → true (epoch of that instant).
//! - `2020-01-01T12:00:00Z` `DateEquals` `2020-01-01` → false (`2020-01-01` is midnight).

use std::cmp::Ordering;

/// An instant: whole seconds since 1970-01-01T00:00:00Z plus an exact fraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instant {
    /// Seconds since the epoch (negative before 1970).
    seconds: i64,
    /// Fraction-of-second digits without trailing zeros (`5` = 0.5 s).
    fraction: String,
}

impl Ord for Instant {
    fn cmp(&self, other: &Instant) -> Ordering {
        self.seconds
            .cmp(&other.seconds)
            .then_with(|| self.fraction.cmp(&other.fraction))
    }
}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Instant) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Parses an ISO 8601 (W3C profile) date or date-time, or epoch seconds.
pub fn parse_date(text: &str) -> Option<Instant> {
    let b = text.as_bytes();
    let digits_only = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let epoch_digits = b.strip_prefix(b"-").unwrap_or(b);
    if digits_only(epoch_digits) {
        // Epoch seconds; more than 15 digits is beyond any date worth comparing.
        if epoch_digits.len() > 15 {
            return None;
        }
        let seconds: i64 = text.parse().ok()?;
        return Some(Instant {
            seconds,
            fraction: String::new(),
        });
    }
    let mut r = Reader { b, pos: 0 };
    let year = r.number(4)?;
    r.expect(b'-')?;
    let month = r.number(2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut day = 1;
    let (mut hour, mut minute, mut second, mut offset) = (0, 0, 0, 0i64);
    let mut fraction = String::new();
    if r.eat(b'-') {
        day = r.number(2)?;
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        if r.eat(b'T') {
            hour = r.number(2)?;
            r.expect(b':')?;
            minute = r.number(2)?;
            if r.eat(b':') {
                second = r.number(2)?;
                if r.eat(b'.') {
                    let start = r.pos;
                    while r.b.get(r.pos).is_some_and(u8::is_ascii_digit) {
                        r.pos += 1;
                    }
                    let digits = text.get(start..r.pos)?;
                    if digits.is_empty() {
                        return None;
                    }
                    fraction = digits.trim_end_matches('0').to_string();
                }
            }
            if hour > 23 || minute > 59 || second > 59 {
                return None;
            }
            offset = r.zone()?;
        }
    }
    if r.pos != b.len() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset;
    Some(Instant { seconds, fraction })
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    /// Exactly `n` ASCII digits.
    fn number(&mut self, n: usize) -> Option<i64> {
        let digits = self.b.get(self.pos..self.pos + n)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += n;
        Some(
            digits
                .iter()
                .fold(0, |acc, d| acc * 10 + i64::from(d - b'0')),
        )
    }

    fn eat(&mut self, c: u8) -> bool {
        let found = self.b.get(self.pos) == Some(&c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// `Z`, `+hh:mm` or `-hh:mm`, as seconds east of UTC.
    fn zone(&mut self) -> Option<i64> {
        if self.eat(b'Z') {
            return Some(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = self.number(2)?;
        self.expect(b':')?;
        let minutes = self.number(2)?;
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * (hours * 3_600 + minutes * 60))
    }
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date. Counts in 400-year cycles
/// (146 097 days each) of years that start on 1 March, so the leap day is the cycle year's
/// last day.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let cycle = y.div_euclid(400);
    let year_of_cycle = y - cycle * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    // 719 468 days from 0000-03-01 to 1970-01-01.
    cycle * 146_097 + day_of_cycle - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        parse_date(text)
            .unwrap_or_else(|| panic!("{text} should parse"))
            .seconds
    }

    #[test]
    fn instants() {
        let cases = [
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01", 0),
            ("1970-01", 0),
            ("0", 0),
            ("1577836800", 1_577_836_800),
            ("-86400", -86_400),
            ("2020-01-01T00:00:00Z", 1_577_836_800),
            ("2020-01-01T00:00:01Z", 1_577_836_801),
            ("2020-01-01", 1_577_836_800),
            ("2020-01-01T01:00:00+01:00", 1_577_836_800),
            ("2019-12-31T19:00-05:00", 1_577_836_800),
            ("2020-01-01T05:30+05:30", 1_577_836_800),
            ("2020-02-29T00:00:00Z", 1_582_934_400),
            ("2020-03-01T00:00:00Z", 1_583_020_800),
            ("2000-02-29", 951_782_400),
            ("1969-12-31T23:59:59Z", -1),
            ("1900-01-01", -2_208_988_800),
            ("2038-01-19T03:14:08Z", 2_147_483_648),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
            ("0000-01-01", -62_167_219_200),
            // the bare-year form reads as epoch seconds (module doc)
            ("2020", 2020),
        ];
        for (text, expected) in cases {
            assert_eq!(secs(text), expected, "{text}");
        }
    }

    #[test]
    fn rejects() {
        let bad = [
            "",
            "-",
            "abc",
            "2020-1-01",
            "2020-13-01",
            "2020-00-10",
            "2020-01-00",
            "2020-01-32",
            "2019-02-29",
            "1900-02-29",
            "2021-04-31",
            "2020-01-01T",
            "2020-01-01T10:00",
            "2020-01-01T10:00:00",
            "2020-01-01 10:00:00Z",
            "2020-01-01t10:00:00z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T10:60:00Z",
            "2020-01-01T10:00:60Z",
            "2020-01-01T10:00:00.Z",
            "2020-01-01T10:00:00+0100",
            "2020-01-01T10:00:00+24:00",
            "2020-01-01Z",
            "20200-01-01",
            "2020-01-01T10:00:00Zjunk",
            "1.5",
            "1e9",
            "1234567890123456",
            "+2020-01-01",
            "２０２０-01-01",
        ];
        for text in bad {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn fractions_compare_exactly() {
        let a = parse_date("2020-01-01T00:00:00.5Z").unwrap();
        let b = parse_date("2020-01-01T00:00:00.500Z").unwrap();
        let c = parse_date("2020-01-01T00:00:00.45Z").unwrap();
        let d = parse_date("2020-01-01T00:00:00Z").unwrap();
        let e = parse_date("2020-01-01T00:00:00.0000000001Z").unwrap();
        assert_eq!(a, b);
        assert!(c < a && d < c && d < e && e < c);
        assert_eq!(parse_date("2020-01-01T00:00:00.000Z").unwrap(), d);
    }
}
