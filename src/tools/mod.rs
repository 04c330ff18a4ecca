//! Tools built on the engine: an account's authorization details (scenarios per principal,
//! the PassRole map), lint, import of error artefacts, fix suggestions, redaction, share
//! links, the `aws iam simulate-custom-policy` command, call bundles, what-if switches and
//! test reports, with the JSON writer and text edits they share.

pub mod account;
pub mod bundles;
pub mod fix;
pub mod import;
pub mod lesson;
pub mod lint;
pub mod ordered_json;
pub mod redact;
pub mod share;
pub mod simulate;
pub mod test_report;
pub mod text_edit;
pub mod what_if;
