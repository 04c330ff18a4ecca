//! # iam-playground
//!
//! AWS IAM policy evaluation, explained. Give it a scenario (the policies in force and a
//! request) and it decides as AWS does (`Allow`, `ExplicitDeny` or `ImplicitDeny`), names the
//! statements that decided, and explains every statement and condition.
//!
//! The core is plain Rust: parse (scenario, policies) → model → evaluate → result. The CLI
//! (`iam-playground`) and the WebAssembly binding call the same [`evaluate`] function.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]

pub mod conditions;
pub mod diagnostic;
pub mod json;
pub mod matching;
pub mod model;
pub mod parse;
pub mod variables;
pub mod share;
