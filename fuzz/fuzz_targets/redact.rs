//! Any input: `redact` never panics and its answer holds together (see `fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::redact(data));
