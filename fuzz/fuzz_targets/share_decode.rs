//! Any fragment: decoding a share link must return text or an error (never panic), and
//! whatever it decodes must evaluate.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(scenario) = iam_playground::tools::share::decode(text) {
            let _ = iam_playground::evaluate(&scenario);
        }
    }
});
