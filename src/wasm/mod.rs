//! The WebAssembly binding: a thin layer that converts values between JavaScript and the core.
//! It holds no logic; every function calls the same core function as the CLI.

#[cfg(feature = "tools")]
mod account;
#[cfg(feature = "tools")]
mod data;
mod error;

#[cfg(feature = "tools")]
use error::to_js;
use error::{to_js_object, Thrown};

use wasm_bindgen::prelude::*;

/// The modules' allocator: lists of free small blocks by size (`src/size_classes.rs`: `decide`
/// 0.85-0.90x the time, `evaluate` 0.91-0.93x) in front of talc, which takes the rest: smaller
/// than the standard library's dlmalloc for WebAssembly (the deciding module 2.6 KB smaller
/// after gzip -9) and as fast on the corpus (`decide` and `evaluate` in Node, alternating passes
/// in one process).
#[global_allocator]
static ALLOCATOR: crate::size_classes::SizeClasses<talc::wasm::WasmDynamicTalc> =
    crate::size_classes::SizeClasses::new(talc::wasm::new_wasm_dynamic_allocator());

/// Evaluates a scenario (the text of a scenario document) and returns the answer as a plain
/// JavaScript object, the same value `iam-playground eval --format json` prints. `lang`
/// (`"en"`, `"ja"`, `"ja-JP"`; English when absent or another language) is the language of its
/// sentences, as `eval --lang` gives them.
#[wasm_bindgen]
pub fn evaluate(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    lang: Option<String>,
) -> Result<JsValue, Thrown> {
    let mut answer = crate::evaluate(scenario_text);
    answer.localize(language(lang.as_deref()));
    to_js_object(&answer)
}

/// Decides a scenario without explaining it: `{engineVersion, status, name?, decision?,
/// requests: [{index, decision, decidedBy, matchedStatements}], diagnostics}`: the same
/// decisions, deciding statements and diagnostics as `evaluate` (`crate::decide`). `lang` is
/// the language of the diagnostics, as for `evaluate`.
#[wasm_bindgen]
pub fn decide(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    lang: Option<String>,
) -> Result<JsValue, Thrown> {
    let mut brief = crate::decide(scenario_text);
    brief.localize(language(lang.as_deref()));
    to_js_object(&brief)
}

/// The language a caller asks for: English unless it names one the playground speaks and
/// whose catalog is there (compiled in, or given with `installLanguage`), so that an answer is
/// wholly in one language.
pub(crate) fn language(tag: Option<&str>) -> crate::i18n::Lang {
    tag.and_then(crate::i18n::Lang::from_tag)
        .filter(|lang| crate::i18n::has_catalog(*lang))
        .unwrap_or_default()
}

/// Installs a language's catalog from its text (`ja` and the content of the build's
/// `i18n/ja.json`): the deciding module does not compile Japanese in; until it is installed,
/// answers asked for in Japanese are English. Installing it again keeps the first. Throws a
/// `language-catalog` error that says what is wrong (an unknown language, a text that is not the
/// catalog of this engine). Only in a module built without `builtin-ja`.
#[cfg(not(feature = "builtin-ja"))]
#[wasm_bindgen(js_name = installLanguage)]
pub fn install_language(lang: &str, text: &str) -> Result<(), Thrown> {
    use crate::diagnostic::{Diagnostic, Severity};
    let Some(parsed) = crate::i18n::Lang::from_tag(lang) else {
        return Err(Thrown::new(
            Diagnostic::new(
                Severity::Error,
                "language-catalog",
                format!("no catalog for the language `{lang}`"),
            )
            .with_help("the languages are `en` and `ja`"),
        ));
    };
    crate::i18n::install_catalog(parsed, text)
        .map_err(|e| Thrown::new(Diagnostic::new(Severity::Error, "language-catalog", e.0)))
}

/// Whether answers in `lang` (`"ja"`) can be written: its catalog is compiled in or installed.
#[wasm_bindgen(js_name = hasLanguage)]
pub fn has_language(lang: &str) -> bool {
    crate::i18n::Lang::from_tag(lang).is_some_and(crate::i18n::has_catalog)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The share-link fragment payload (without `#`) for a scenario text.
#[wasm_bindgen(js_name = shareEncode)]
pub fn share_encode(text: &str) -> String {
    crate::tools::share::encode(text)
}

/// The scenario text a share-link fragment carries; throws a `share-link` error that says what
/// is wrong with the link.
#[wasm_bindgen(js_name = shareDecode)]
pub fn share_decode(fragment: &str) -> Result<String, Thrown> {
    crate::tools::share::decode(fragment).map_err(Thrown::new)
}

// --- From "not authorized" to a fix (import, call bundles, fix suggestions), redaction and
// the simulator command: the tools module only (`--features tools`, www/pkg-tools). Thin
// wrappers: every function calls one library function and converts its result.

/// Imports a pasted artefact (decoded authorization message, AccessDenied text, CloudTrail
/// event): `{format?, scenario?, request?, hint?, notes, errors}` (`crate::tools::import::ImportResult`);
/// the hint's summary in `lang` (English by default).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = importArtifact)]
pub fn import_artifact(text: &str, lang: Option<String>) -> Result<JsValue, Thrown> {
    let mut result = crate::tools::import::import_artifact(text);
    result.localize(language(lang.as_deref()));
    to_js(&result)
}

/// Imports a pasted artefact into the open scenario, keeping its policies; the result has
/// `merged: {keptPolicies, replacedRequests, removedExpect}` (`crate::tools::import::import_into`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = importInto)]
pub fn import_into(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    #[wasm_bindgen(js_name = artifactText)] artifact_text: &str,
    lang: Option<String>,
) -> Result<JsValue, Thrown> {
    let mut result =
        crate::tools::import::import_into(scenario_text, artifact_text, crate::AwsData::default());
    result.localize(language(lang.as_deref()));
    to_js(&result)
}

/// The call bundles: `[{name, title, api, description, params, checks}]`, their texts in
/// `lang` (English by default).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = listBundles)]
pub fn list_bundles(lang: Option<String>) -> Result<JsValue, Thrown> {
    to_js(&crate::tools::bundles::list_in(language(lang.as_deref())))
}

/// Replaces the scenario's request(s) by a bundle's checks, keeping its policies: returns
/// `{edit: {start, end, text}, expanded}` (byte offsets in `scenarioText`); the labels in
/// `lang` (English by default).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = expandBundleInto)]
pub fn expand_bundle_into(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    name: &str,
    #[wasm_bindgen(js_name = paramsJson)] params_json: &str,
    lang: Option<String>,
) -> Result<JsValue, Thrown> {
    let params = crate::tools::bundles::params_json(params_json).map_err(Thrown::new)?;
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let lang = language(lang.as_deref());
    match crate::tools::bundles::expand_into_in(scenario_text, name, &pairs, lang) {
        Ok((edit, expanded)) => to_js(&serde_json::json!({ "edit": edit, "expanded": expanded })),
        Err(e) => Err(Thrown::located(scenario_text, e)),
    }
}

/// Fix suggestions for a scenario (`crate::tools::fix::FixReport`): per request the statements to add,
/// the edit, the diff, whether evaluating again allows it, the Deny statements of an explicit
/// deny, and ranked near misses; its sentences in `lang` (English by default).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = suggestFixes)]
pub fn suggest_fixes(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    lang: Option<String>,
) -> Result<JsValue, Thrown> {
    let mut report = crate::tools::fix::suggest_fixes(scenario_text);
    report.localize(language(lang.as_deref()));
    to_js(&report)
}

// --- Sharing for documentation (redaction, the AWS simulator command). Thin wrappers.

/// The scenario with account ids and names replaced consistently (`crate::tools::redact::redact`);
/// throws the reader's error, located, when the text is not JSON.
#[cfg(feature = "tools")]
#[wasm_bindgen]
pub fn redact(
    #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
) -> Result<String, Thrown> {
    crate::tools::redact::redact(scenario_text).map_err(|e| Thrown::located(scenario_text, e))
}

/// The `aws iam simulate-custom-policy` command line(s) for a scenario.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = simulateCommand)]
pub fn simulate_command(#[wasm_bindgen(js_name = scenarioText)] scenario_text: &str) -> String {
    crate::tools::simulate::simulate_custom_policy_command(scenario_text)
}
