//! # iam-playground
//!
//! AWS IAM policy evaluation, explained. Give it a scenario (the policies in force and a
//! request) and it decides as AWS does (`Allow`, `ExplicitDeny` or `ImplicitDeny`), names the
//! statements that decided, and explains every statement and condition. The core is plain
//! Rust with no I/O: the `iam-playground` CLI, the WebAssembly module behind the browser
//! playground, and your code all call the same [`evaluate`].
//!
//! ```
//! // A user with EC2 full access launches an instance with a role: AWS also checks
//! // `iam:PassRole` on the role, and nothing allows it.
//! let scenario = r#"{
//!   "policies": {
//!     "identity": [{"Version": "2012-10-17", "Statement": [
//!       {"Sid": "Ec2", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}]
//!   },
//!   "request": {
//!     "principal": "arn:aws:iam::111122223333:user/test-user",
//!     "action": "iam:PassRole",
//!     "resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
//!     "context": {"iam:PassedToService": "ec2.amazonaws.com"}
//!   }
//! }"#;
//!
//! let answer = iam_playground::evaluate(scenario);
//! assert_eq!(answer.decision, Some(iam_playground::model::Decision::ImplicitDeny));
//! let request = &answer.requests[0];
//! assert!(request.matched_statements.is_empty()); // no statement allowed it
//! println!("{}", request.summary); // why, in one sentence
//!
//! // The fix: an Allow for iam:PassRole on that role, for EC2 only.
//! let fixed = scenario.replace(
//!     r#""Resource": "*"}]}]"#,
//!     r#""Resource": "*"},
//!        {"Sid": "PassToEc2", "Effect": "Allow", "Action": "iam:PassRole",
//!         "Resource": "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
//!         "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}]}]"#,
//! );
//! let answer = iam_playground::evaluate(&fixed);
//! assert_eq!(answer.decision, Some(iam_playground::model::Decision::Allow));
//! assert_eq!(answer.requests[0].matched_statements[0].sid.as_deref(), Some("PassToEc2"));
//!
//! // The answer serializes to the JSON the CLI prints (`eval --format json`).
//! let json = serde_json::to_value(&answer).unwrap();
//! assert_eq!(json["requests"][0]["decision"], "Allow");
//! ```
//!
//! Invalid input is never a panic and never a silent guess: the answer's `status` is
//! `invalid` and its `diagnostics` say what is wrong, where (line, column, JSON pointer) and
//! what to do:
//!
//! ```
//! let answer = iam_playground::evaluate(r#"{"policies": {"identity": [{"Version": "2012-10-17",
//!   "Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}}]},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice",
//!               "action": "s3:GetObject", "resource": "*"}}"#);
//! assert_eq!(answer.status, iam_playground::answer::result::Status::Invalid);
//! let d = &answer.diagnostics[0];
//! assert_eq!(d.code, "invalid-effect");
//! assert_eq!(d.path.as_deref(), Some("/policies/identity/0/Statement/Effect"));
//! assert_eq!(d.location.unwrap().line, 2);
//! ```
//!
//! ## What is here
//!
//! - [`evaluate`] and [`decide()`]: the whole explained answer ([`answer::result::Answer`]), or
//!   the brief one ([`answer::result::Brief`]: decisions and deciding statements, faster).
//!   [`evaluate_with`] and [`decide_with()`] take [`AwsData`]: the AWS managed policies, so that
//!   a scenario may name one (`{"managed": "AmazonEC2FullAccess"}`), and the action catalog.
//! - [`parse`]: scenario text to the [`model`], with every error located; [`parse::schema`]
//!   gives the JSON Schema of scenario files.
//! - [`decide`](mod@decide): the layered decision (explicit deny, RCPs, SCPs, resource-based,
//!   identity-based, permissions boundary, session policy), principals, conditions, variables.
//! - [`answer`]: the answer's types, its text rendering, the decoded-authorization-message
//!   view, `expect` checks; [`diagnostic`]: errors and warnings with their places.
//! - [`tools`]: share links, lint against the AWS catalog, fix suggestions, import of error
//!   artefacts, call bundles, redaction, what-if switches, test reports.
//! - [`aws`]: the AWS data handed in at run time; [`i18n`]: the engine's sentences in English
//!   and Japanese.
//! - [`tape`]: any serializable value as 32-bit words and one string, the form in which the
//!   WebAssembly modules hand their answers to JavaScript.
//!
//! ## The scenario format and compatibility
//!
//! A scenario is one JSON document: `policies` by kind (`identity`, `permissionsBoundary`,
//! `session`, `resource`, `scp` and `rcp` levels, `vpcEndpoint`), a `request` (or `requests`)
//! with `principal`, `action`, `resource` and `context`, and optionally `expect`. The project's
//! repository documents it in `docs/scenario-format.md`, with its JSON Schema
//! (`iam-playground schema` prints it).
//!
//! The crate follows semantic versioning (before 1.0, a minor version may break the Rust API).
//! The scenario format (1.1) and the answer's JSON have their own promise: within a major
//! version, members and enum values are only added, a document that was valid stays valid and
//! is decided the same way (except to follow AWS where the engine was wrong), and the
//! sentences for people (`summary`, `reason`, `message`, `help`) may change in any release.
//! Match on codes and enum values, not on sentences.
#![warn(missing_docs)]

pub mod answer;
pub mod aws;
mod by_address;
pub mod decide;
pub mod diagnostic;
pub mod i18n;
pub mod model;
pub mod parse;
pub mod size_classes;
pub mod tape;
pub mod tools;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use answer::{decide, decide_with, evaluate, evaluate_with};
pub use aws::AwsData;

/// The engine's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
