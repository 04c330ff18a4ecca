//! The WebAssembly binding: a thin layer that converts values between JavaScript and the core.
//! It holds no logic; every function calls the same core function as the CLI.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Evaluates a scenario (the text of a scenario document) and returns the answer as a plain
/// JavaScript object, the same value `iam-playground eval --format json` prints.
#[wasm_bindgen]
pub fn evaluate(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
) -> Result<JsValue, JsError> {
    let answer = crate::evaluate(scenario_text);
    answer
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The share-link fragment payload (without `#`) for a scenario text.
#[wasm_bindgen(js_name = shareEncode)]
pub fn share_encode(text: &str) -> String {
    crate::share::encode(text)
}

/// The scenario text a share-link fragment carries; throws an `Error` whose message says what
/// is wrong with the link.
#[wasm_bindgen(js_name = shareDecode)]
pub fn share_decode(fragment: &str) -> Result<String, JsError> {
    crate::share::decode(fragment).map_err(|e| JsError::new(&e))
}
