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

pub mod authorization_message;
pub mod aws_data;
pub mod bundles;
pub mod catalog;
pub mod conditions;
pub mod context;
pub mod decision;
pub mod diagnostic;
pub mod expect;
pub mod fix;
pub mod import;
pub mod json;
pub mod lint;
pub mod managed;
pub mod matching;
pub mod model;
pub mod ordered_json;
pub mod parse;
pub mod passrole;
pub mod principal;
pub mod redact;
pub mod render;
pub mod result;
pub mod share;
pub mod simulate;
pub mod statement;
pub mod text_edit;
pub mod variables;
pub mod warnings;
pub mod what_if;

mod answer;
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
mod wasm_data;

pub use answer::{evaluate, evaluate_with};
pub use aws_data::AwsData;

/// The engine's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
