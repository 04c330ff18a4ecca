//! Never more than linear time on any input: for each tool that reads untrusted
//! text (import, lint, fix, redact), an input twice as large must not take four times as long.
//! Each size is timed several times and the fastest run kept (the least disturbed by other
//! work on the machine); a quadratic step would show as a ratio near 4, a linear one near 2.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use iam_playground::aws::catalog::Catalog;
use iam_playground::tools::{fix, import, lint, redact};
use iam_playground::AwsData;

fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../data/catalog.json")).unwrap())
}

fn fastest(input: &str, run: &dyn Fn(&str)) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            run(input);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts that doubling `make(n)` does not quadruple the time of `run`. Other work on the
/// machine can slow one measurement: a ratio of 4 or more is measured again, up to three
/// times, before it counts (a quadratic step stays near 4 every time).
fn linear(what: &str, n: usize, make: fn(usize) -> String, run: &dyn Fn(&str)) {
    let (small, large) = (make(n), make(2 * n));
    run(&small); // warm up (the catalog, allocations)
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let (a, b) = (fastest(&small, run), fastest(&large, run));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
        eprintln!("{what}: {n} -> {a:?}, {} -> {b:?}, ratio {ratio:.2}", 2 * n);
        if ratio < 4.0 {
            return;
        }
        ratios.push(ratio);
    }
    panic!("{what}: doubling the input took {ratios:.2?} times as long");
}

/// A scenario whose identity policy has `n` statements, each on its own bucket and account,
/// testing a condition key, and a bucket policy naming `n` accounts.
fn scenario(n: usize) -> String {
    let statements: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-{i}/*", "Condition": {{"StringEquals": {{"aws:PrincipalAccount": "{:012}"}}}}}}"#,
                100_000_000_000u64 + i as u64
            )
        })
        .collect();
    let accounts: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#""arn:aws:iam::{:012}:root""#,
                200_000_000_000u64 + i as u64
            )
        })
        .collect();
    format!(
        r#"{{"policies": {{"identity": [{{"Version": "2012-10-17", "Statement": [{}]}}], "resource": {{"Version": "2012-10-17", "Statement": [{{"Sid": "R", "Effect": "Allow", "Principal": {{"AWS": [{}]}}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}}]}}}}, "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::other/report.csv"}}}}"#,
        statements.join(", "),
        accounts.join(", ")
    )
}

/// A decoded authorization message with `n` condition keys (and repeats).
fn decoded_message(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"key": "aws:RequestTag/k{}", "values": {{"items": [{{"value": "v{i}"}}]}}}}"#,
                i % (n / 2 + 1)
            )
        })
        .collect();
    format!(
        r#"{{"allowed": false, "explicitDeny": false, "matchedStatements": {{"items": []}}, "failures": {{"items": []}}, "context": {{"principal": {{"id": "AIDAEXAMPLE", "name": "alice", "arn": "arn:aws:iam::111122223333:user/alice"}}, "action": "s3:PutObject", "resource": "arn:aws:s3:::bucket/key", "conditions": {{"items": [{}]}}}}}}"#,
        items.join(", ")
    )
}

/// An AccessDenied text whose resource is `n` path segments long, inside `n` lines of log.
fn access_denied(n: usize) -> String {
    let path: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let mut text = "log line\n".repeat(n);
    text.push_str(&format!(
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::bucket/{}\" because no identity-based policy allows the s3:GetObject action",
        path.join("/")
    ));
    text
}

#[test]
fn import_is_linear() {
    linear("import decoded", 1_000, decoded_message, &|t| {
        let _ = import::import_artifact(t);
    });
    linear("import access denied", 20_000, access_denied, &|t| {
        let _ = import::import_artifact(t);
    });
}

#[test]
fn lint_is_linear() {
    let data = AwsData {
        catalog: Some(catalog()),
        managed: None,
    };
    linear("lint", 100, scenario, &|t| {
        let _ = lint::lint_report(t, data);
    });
}

#[test]
fn fix_is_linear() {
    let data = AwsData {
        catalog: Some(catalog()),
        managed: None,
    };
    linear("fix", 100, scenario, &|t| {
        let _ = fix::suggest_fixes_with(t, data);
    });
}

#[test]
fn redact_is_linear() {
    linear("redact", 250, scenario, &|t| {
        let _ = redact::redact(t).unwrap();
    });
}
