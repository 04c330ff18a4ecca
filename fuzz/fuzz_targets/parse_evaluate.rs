//! Any input: parse + evaluate (and decide) must return an answer (never panic), the answer
//! must serialize, and its tape must read back as its JSON (`checks::parse_evaluate`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::parse_evaluate(data));
