//! Benchmarks: `cargo bench --bench evaluate`.
//!
//! - parse + evaluate of the PassRole story (target: under 20 µs);
//! - 10 policies × 50 statements with conditions (target: under 1 ms);
//! - a pathological wildcard (`*a*a*a*a*a*a*a*a*b` against a long string): matching is linear.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::large_scenario;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_playground::decide::matching::wildcard::Pattern;

const PASSROLE: &str = include_str!("../tests/corpus/passrole/passrole-3-narrowed-to-ec2.json");

fn benches(c: &mut Criterion) {
    c.bench_function("passrole scenario: parse + evaluate", |b| {
        b.iter(|| iam_playground::evaluate(black_box(PASSROLE)))
    });
    c.bench_function("passrole scenario: parse + decide (no explanations)", |b| {
        b.iter(|| iam_playground::decide(black_box(PASSROLE)))
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
        let brief = name.replace("parse + evaluate", "parse + decide");
        c.bench_function(&brief, |b| {
            b.iter(|| iam_playground::decide(black_box(&large)))
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
