//! Benchmarks of the AWS data: `cargo bench --bench lint`.
//!
//! - reading `data/catalog.json` and `data/managed-policies.json` (once per page load);
//! - lint with the catalog of the PassRole story, and of a 300-action policy (every keystroke;
//!   target: well under the page's 150 ms debounce);
//! - lint of a 184 KB scenario of about a thousand statements (target: under 100 ms);
//! - expansion of `ec2:*Instances` and of a `NotAction` (hover).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::tools::lint::lint;

const CATALOG: &str = include_str!("../data/catalog.json");
const MANAGED: &str = include_str!("../data/managed-policies.json");
const PASSROLE: &str = include_str!("../tests/corpus/passrole/passrole-3-narrowed-to-ec2.json");

fn data(c: &mut Criterion) {
    c.bench_function("Catalog::from_json (data/catalog.json)", |b| {
        b.iter(|| Catalog::from_json(black_box(CATALOG)).unwrap())
    });
    c.bench_function(
        "ManagedPolicies::from_json (data/managed-policies.json)",
        |b| b.iter(|| ManagedPolicies::from_json(black_box(MANAGED)).unwrap()),
    );
}

fn linting(c: &mut Criterion) {
    let catalog = Catalog::from_json(CATALOG).unwrap();
    let managed = ManagedPolicies::from_json(MANAGED).unwrap();
    c.bench_function("lint PassRole story with catalog", |b| {
        b.iter(|| lint(black_box(PASSROLE), Some(&catalog)))
    });
    let big = managed.get("SecurityAudit").unwrap().document;
    c.bench_function("lint SecurityAudit (32 kB) with catalog", |b| {
        b.iter(|| lint(black_box(big), Some(&catalog)))
    });
    // One policy of about a thousand statements: every pair of statements is compared.
    let scale = common::lint_scenario(184 * 1024, 1);
    assert!(!lint(&scale, Some(&catalog)).is_empty());
    c.bench_function("lint 184 KB scenario with catalog", |b| {
        b.iter(|| lint(black_box(&scale), Some(&catalog)))
    });
    c.bench_function("expand ec2:*Instances", |b| {
        b.iter(|| catalog.expansion(&[black_box("ec2:*Instances")], false, Some(50)))
    });
    c.bench_function("expand NotAction iam:*", |b| {
        b.iter(|| catalog.expansion(&[black_box("iam:*")], true, Some(50)))
    });
}

criterion_group!(benches, data, linting);
criterion_main!(benches);
