//! The `iam-playground` command-line tool.
fn main() {}
