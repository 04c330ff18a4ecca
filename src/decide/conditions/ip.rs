//! The `IpAddress` operator (`NotIpAddress` is the caller's negation of it).
//!
//! "Condition operators": "The value must be in the standard CIDR format (for example,
//! 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the
//! associated routing prefix, IAM uses the default prefix value of `/32`." IPv6 uses "::
//! to represent a range of 0s". For an IPv6 address without a prefix the playground uses
//! `/128` (the whole address, as `/32` is for IPv4).
//!
//! Addresses are read by the Rust standard library: dotted-quad IPv4 without leading zeros,
//! IPv6 with `::` compression, upper or lower case hex, and embedded IPv4 in the last 32 bits
//! (`::ffff:203.0.113.5`). Playground choices where the docs are silent:
//! - A range with host bits set (`203.0.113.5/24`) is read as its network (`203.0.113.0/24`);
//!   [`Cidr::has_host_bits`] lets the caller warn.
//! - IPv4 and IPv6 never match each other, even for IPv4-mapped IPv6 addresses.
//! - A request value that is not an address (a range, a name, empty) cannot be compared and
//!   never matches.
//!
//! Worked examples (request value vs policy value):
//! - `203.0.113.7` vs `203.0.113.0/24` → true; `203.0.114.7` → false.
//! - `203.0.113.7` vs `203.0.113.7` → true (`/32`); `203.0.113.8` → false.
//! - `2001:db8:1234:5678::1` vs `2001:DB8:1234:5678::/64` → true.
//! - `0.0.0.0/0` matches every IPv4 address; `::/0` every IPv6 address.

use std::net::IpAddr;

/// An address range: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address as written.
    pub address: IpAddr,
    /// The prefix length (0–32 for IPv4, 0–128 for IPv6).
    pub prefix: u8,
}

impl Cidr {
    /// Parses `address` or `address/prefix`.
    pub fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let address: IpAddr = addr.parse().ok()?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => {
                if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: u8 = p.parse().ok()?;
                if n > max {
                    return None;
                }
                n
            }
        };
        Some(Cidr { address, prefix })
    }

    /// Whether `ip` is in the range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = mask(self.prefix, 32);
                (u128::from(u32::from(net)) & mask) == (u128::from(u32::from(ip)) & mask)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = mask(self.prefix, 128);
                (u128::from(net) & mask) == (u128::from(ip) & mask)
            }
            _ => false,
        }
    }

    /// True when the address has bits set beyond the prefix (`203.0.113.5/24`).
    pub fn has_host_bits(&self) -> bool {
        let (value, width) = match self.address {
            IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
            IpAddr::V6(a) => (u128::from(a), 128),
        };
        value & !mask(self.prefix, width) != 0
    }
}

/// The top `prefix` bits of a `width`-bit number set, as a u128.
fn mask(prefix: u8, width: u32) -> u128 {
    let all: u128 = if width >= 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    };
    let host_bits = width.saturating_sub(u32::from(prefix));
    let host: u128 = if host_bits >= 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    all & !host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (request address, policy range, matches)
        let cases = [
            ("203.0.113.7", "203.0.113.0/24", true),
            ("203.0.114.7", "203.0.113.0/24", false),
            ("203.0.113.7", "203.0.113.7", true),
            ("203.0.113.8", "203.0.113.7", false),
            ("203.0.113.7", "203.0.113.7/32", true),
            ("10.1.2.3", "10.0.0.0/8", true),
            ("11.0.0.0", "10.0.0.0/8", false),
            ("1.2.3.4", "0.0.0.0/0", true),
            ("255.255.255.255", "0.0.0.0/0", true),
            ("203.0.113.200", "203.0.113.5/24", true),
            ("203.0.113.128", "203.0.113.0/25", false),
            ("203.0.113.127", "203.0.113.0/25", true),
            ("2001:db8:1234:5678::1", "2001:DB8:1234:5678::/64", true),
            ("2001:db8:1234:5679::1", "2001:DB8:1234:5678::/64", false),
            ("2001:DB8::1", "2001:db8::1", true),
            ("2001:db8::2", "2001:db8::1", false),
            ("2001:db8::1", "2001:db8::1/128", true),
            ("2001:db8::1", "::/0", true),
            ("::", "::/0", true),
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0", true),
            ("2001:db8::1", "2001:db8:0:0:0:0:0:0/32", true),
            ("::ffff:203.0.113.7", "::ffff:203.0.113.0/120", true),
            // families never mix
            ("203.0.113.7", "::/0", false),
            ("::ffff:203.0.113.7", "203.0.113.0/24", false),
            ("2001:db8::1", "0.0.0.0/0", false),
        ];
        for (ip, range, expected) in cases {
            let cidr = Cidr::parse(range).unwrap_or_else(|| panic!("{range}"));
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(cidr.contains(ip), expected, "{ip} in {range}");
        }
    }

    #[test]
    fn parses_ranges() {
        let ok = [
            "1.2.3.4",
            "1.2.3.4/0",
            "1.2.3.4/32",
            "::",
            "::/0",
            "::1/128",
            "2001:DB8::/32",
            "::ffff:1.2.3.4",
        ];
        for t in ok {
            assert!(Cidr::parse(t).is_some(), "{t}");
        }
        let bad = [
            "",
            "/24",
            "1.2.3.4/",
            "1.2.3.4/33",
            "::/129",
            "1.2.3.4/-1",
            "1.2.3.4/+8",
            "1.2.3.4/0008",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "256.0.0.1",
            "1.2.3.4/24/1",
            "2001:db8:::1",
            "fe80::1%eth0",
            " 1.2.3.4",
            "example.com",
            "1.2.3.4 /24",
        ];
        for t in bad {
            assert!(Cidr::parse(t).is_none(), "{t}");
        }
    }

    #[test]
    fn host_bits() {
        let cases = [
            ("203.0.113.0/24", false),
            ("203.0.113.5/24", true),
            ("203.0.113.5", false),
            ("0.0.0.0/0", false),
            ("1.0.0.0/0", true),
            ("2001:db8::/32", false),
            ("2001:db8::1/32", true),
            ("::1/128", false),
        ];
        for (t, expected) in cases {
            assert_eq!(Cidr::parse(t).unwrap().has_host_bits(), expected, "{t}");
        }
    }
}
