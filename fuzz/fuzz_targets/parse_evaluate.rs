//! Any input: parse + evaluate must return an answer (never panic), and the answer must
//! serialize.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let answer = iam_playground::evaluate(text);
        let _ = serde_json::to_string(&answer);
    }
});
