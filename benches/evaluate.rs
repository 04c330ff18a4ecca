//! Benchmarks: `cargo bench --bench evaluate`.
//!
//! - parse + evaluate of the PassRole story (target: under 20 µs);
//! - 10 policies × 50 statements with conditions (target: under 1 ms);
//! - a pathological wildcard (`*a*a*a*a*a*a*a*a*b` against a long string): matching is linear.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_playground::decide::matching::wildcard::Pattern;

const PASSROLE: &str = include_str!("../tests/corpus/passrole/passrole-3-narrowed-to-ec2.json");

/// 10 policies × 50 statements. `heavy` gives every statement five condition operators with
/// several values (about 340 kB of JSON); otherwise statements look like real ones: two actions,
/// one resource, two condition operators (about 130 kB).
fn large_scenario(heavy: bool) -> String {
    let mut policies = Vec::new();
    for p in 0..10 {
        let mut statements = Vec::new();
        for s in 0..50 {
            let effect = if s % 17 == 16 { "Deny" } else { "Allow" };
            let conditions = if heavy {
                format!(
                    r#""StringEquals": {{"aws:PrincipalTag/team": ["t{s}", "t{p}"]}},
                        "StringLike": {{"iam:PassedToService": "*.amazonaws.com"}},
                        "IpAddress": {{"aws:SourceIp": ["10.{p}.0.0/16", "2001:db8::/32"]}},
                        "DateLessThan": {{"aws:CurrentTime": "2030-01-01T00:00:00Z"}},
                        "NumericLessThanEquals": {{"aws:MultiFactorAuthAge": "3600"}}"#
                )
            } else {
                format!(
                    r#""StringEquals": {{"aws:PrincipalTag/team": "t{s}"}},
                        "IpAddress": {{"aws:SourceIp": "10.{p}.0.0/16"}}"#
                )
            };
            statements.push(format!(
                r#"{{"Sid": "P{p}S{s}", "Effect": "{effect}", "Action": ["s3:Get*", "iam:Pass*"],
                    "Resource": "arn:aws:iam::111122223333:role/team-{s}/*",
                    "Condition": {{{conditions}}}}}"#
            ));
        }
        policies.push(format!(
            r#"{{"name": "policy-{p}", "document": {{"Version": "2012-10-17", "Statement": [{}]}}}}"#,
            statements.join(",")
        ));
    }
    format!(
        r#"{{"name": "10 policies x 50 statements", "policies": {{"identity": [{}]}},
            "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole",
                         "resource": "arn:aws:iam::111122223333:role/team-7/app",
                         "context": {{"aws:PrincipalTag/team": "t7", "iam:PassedToService": "ec2.amazonaws.com",
                                      "aws:SourceIp": "10.3.4.5", "aws:CurrentTime": "2026-11-28T12:00:00Z",
                                      "aws:MultiFactorAuthAge": "100"}}}}}}"#,
        policies.join(",")
    )
}

fn benches(c: &mut Criterion) {
    c.bench_function("passrole scenario: parse + evaluate", |b| {
        b.iter(|| iam_playground::evaluate(black_box(PASSROLE)))
    });

    for (name, heavy) in [
        (
            "10 policies x 50 statements (realistic): parse + evaluate",
            false,
        ),
        (
            "10 policies x 50 statements (heavy conditions): parse + evaluate",
            true,
        ),
    ] {
        let large = large_scenario(heavy);
        let check = iam_playground::evaluate(&large);
        assert!(
            check.decision.is_some(),
            "the large scenario must be valid: {:?}",
            check.diagnostics.first().map(|d| &d.message)
        );
        c.bench_function(name, |b| {
            b.iter(|| iam_playground::evaluate(black_box(&large)))
        });
    }

    let pattern = Pattern::parse("*a*a*a*a*a*a*a*a*b");
    let text = "a".repeat(10_000);
    c.bench_function("pathological wildcard vs 10 kB", |b| {
        b.iter(|| pattern.matches(black_box(&text)))
    });
    let text100 = "a".repeat(100_000);
    c.bench_function("pathological wildcard vs 100 kB", |b| {
        b.iter(|| pattern.matches(black_box(&text100)))
    });
}

criterion_group!(group, benches);
criterion_main!(group);
