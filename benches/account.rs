//! Benchmarks: `cargo bench --bench account`.
//!
//! A generated account of 500 users and 2,000 roles (`tests/account_files`), in both
//! document forms (15.8 MB as the AWS CLI writes it, 9.8 MB URL-encoded):
//!
//! - reading the file (target: under 2 s);
//! - the PassRole map (target: under 5 s).
//!
//! The files are also written to `target/account-bench/` for timing the CLI
//! (`iam-playground account FILE`, `iam-playground passrole FILE`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/account_files/mod.rs"]
mod account_files;
/// The command-line tool's allocator, as in the other benchmarks.
mod common;

use std::time::Duration;

use account_files::{large, Form};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::tools::account::{Account, PassRoleMap};

/// CPU time of this process in seconds (user + system, from `/proc/self/stat`): on a busy
/// machine it says more than the wall clock.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the `)`.
    (ticks(11) + ticks(12)) / 100.0
}

const USERS: usize = 500;
const ROLES: usize = 2000;

fn benches(c: &mut Criterion) {
    let managed =
        ManagedPolicies::from_json(include_str!("../data/managed-policies.json")).unwrap();
    let catalog = Catalog::from_json(include_str!("../data/catalog.json")).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/account-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let mut group = c.benchmark_group("account");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let mut cli_text = String::new();
    for form in [Form::Cli, Form::Api] {
        let text = large(form, USERS, ROLES).text();
        let name = format!("{form:?}").to_lowercase();
        std::fs::write(
            dir.join(format!("{USERS}-users-{ROLES}-roles-{name}.json")),
            &text,
        )
        .unwrap();
        let mb = text.len() as f64 / 1e6;
        eprintln!("{name} form: {mb:.1} MB");
        if std::env::var_os("ACCOUNT_BENCH_ONCE").is_some() {
            if form == Form::Cli {
                cli_text = text;
            }
            continue;
        }
        group.bench_function(format!("read {name} form ({mb:.1} MB)"), |b| {
            b.iter(|| Account::read(black_box(text.clone()), Some(&managed)).unwrap())
        });
        if form == Form::Cli {
            cli_text = text;
        }
    }
    let (started, cpu) = (std::time::Instant::now(), cpu_seconds());
    let account = Account::read(cli_text, Some(&managed)).unwrap();
    eprintln!(
        "read once: {:.2} s wall, {:.2} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    let (started, cpu) = (std::time::Instant::now(), cpu_seconds());
    let map = PassRoleMap::compute(&account, &catalog, &mut |_| {});
    eprintln!(
        "map once: {:.2} s wall, {:.2} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    eprintln!(
        "map: {} principals, {} role-service pairs, {} rows ({} escalations), {} engine decisions",
        map.principals,
        map.pairs,
        map.rows.len(),
        map.rows.iter().filter(|r| r.escalation).count(),
        map.evaluations
    );
    if std::env::var_os("ACCOUNT_BENCH_ONCE").is_some() {
        return;
    }
    group.bench_function(
        format!("passrole map ({USERS} users, {ROLES} roles)"),
        |b| b.iter(|| PassRoleMap::compute(black_box(&account), &catalog, &mut |_| {})),
    );
    group.finish();
}

criterion_group!(account, benches);
criterion_main!(account);
