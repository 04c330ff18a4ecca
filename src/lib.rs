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

pub mod answer;
pub mod aws;
pub mod decide;
pub mod diagnostic;
pub mod i18n;
pub mod model;
pub mod parse;
pub mod tools;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use answer::{decide, decide_with, evaluate, evaluate_with};
pub use aws::AwsData;

/// The engine's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
