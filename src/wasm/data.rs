//! The WebAssembly binding of the AWS data: one handle, `AwsData`, that holds the parsed
//! catalog and managed policies, so that the page parses each data file once (they are
//! megabytes) and then lints, expands and completes on every keystroke. It converts values
//! only; every function calls the core.
//!
//! ```js
//! const data = new AwsData();                   // nothing loaded: evaluate() works as before
//! data.loadCatalog(await (await fetch('data/catalog.json')).text());
//! data.lint(scenarioText);                      // {diagnostics, errors, ...}
//! data.expand('iam:Pass*', 50);                 // {count, services, actions, truncated}
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::aws::catalog::{self, Catalog};
use crate::aws::managed::ManagedPolicies;

use super::error::{not_loaded, to_js, Thrown};

/// The AWS data the page has loaded, and what it offers.
#[wasm_bindgen(js_name = AwsData)]
#[derive(Default)]
pub struct WasmAwsData {
    pub(super) catalog: Option<Catalog>,
    pub(super) managed: Option<ManagedPolicies>,
    /// The lint of the last evaluation whose answer said `lintLater`, until `lintLater()`.
    lint_later: Option<crate::tools::lint::LintLater>,
}

impl WasmAwsData {
    fn data(&self) -> crate::AwsData<'_> {
        crate::AwsData {
            catalog: self.catalog.as_ref(),
            managed: self.managed.as_ref(),
        }
    }

    pub(super) fn catalog(&self) -> Result<&Catalog, Thrown> {
        self.catalog
            .as_ref()
            .ok_or_else(|| not_loaded("AWS catalog's actions", "loadCatalog"))
    }
}

#[wasm_bindgen(js_class = AwsData)]
impl WasmAwsData {
    /// A handle with no data loaded.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmAwsData {
        WasmAwsData::default()
    }

    /// Parses `data/catalog.json` and keeps it; returns its source
    /// (`{package, version, dataDate, generated, ...}`). Throws when the text is not a
    /// catalog.
    #[wasm_bindgen(js_name = loadCatalog)]
    pub fn load_catalog(&mut self, json: &str) -> Result<JsValue, Thrown> {
        let catalog = Catalog::from_json(json).map_err(Thrown::new)?;
        let source = to_js(catalog.source());
        self.catalog = Some(catalog);
        source
    }

    /// Parses `data/managed-policies.json` and keeps it; returns its source (`dataDate` is
    /// the snapshot date).
    #[wasm_bindgen(js_name = loadManagedPolicies)]
    pub fn load_managed_policies(&mut self, json: &str) -> Result<JsValue, Thrown> {
        let managed = ManagedPolicies::from_json(json).map_err(Thrown::new)?;
        let source = to_js(managed.source());
        self.managed = Some(managed);
        source
    }

    /// Whether the catalog is loaded.
    #[wasm_bindgen(getter, js_name = hasCatalog)]
    pub fn has_catalog(&self) -> bool {
        self.catalog.is_some()
    }

    /// Whether the managed policies are loaded.
    #[wasm_bindgen(getter, js_name = hasManagedPolicies)]
    pub fn has_managed_policies(&self) -> bool {
        self.managed.is_some()
    }

    /// The catalog's source and dates, or `undefined`.
    #[wasm_bindgen(js_name = catalogSource)]
    pub fn catalog_source(&self) -> Result<JsValue, Thrown> {
        to_js(&self.catalog.as_ref().map(Catalog::source))
    }

    /// The managed policies' source and snapshot date, or `undefined`.
    #[wasm_bindgen(js_name = managedPoliciesSource)]
    pub fn managed_policies_source(&self) -> Result<JsValue, Thrown> {
        to_js(&self.managed.as_ref().map(ManagedPolicies::source))
    }

    /// Evaluates a scenario as the free `evaluate` does (sentences in `lang`), resolving
    /// `{"managed": "Name"}` in the loaded managed policies; with the catalog, the answer also
    /// carries `lint`: the lint findings its diagnostics do not already hold
    /// (`crate::tools::lint::evaluate_and_lint`). Above the interactive size limit it carries
    /// `lintLater: true` instead, and `lintLater()` gives them, until the next evaluation.
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let (mut linted, later) = crate::tools::lint::evaluate_and_lint(
            scenario_text,
            self.data(),
            crate::tools::lint::INTERACTIVE_LINT_LIMIT,
        );
        self.lint_later = later;
        linted.localize(super::language(lang.as_deref()));
        to_js(&linted)
    }

    /// The lint findings of the last evaluation, when its answer said `lintLater` (its
    /// scenario was above the interactive size limit): the list its `lint` would have held,
    /// sentences in `lang`. `undefined` when there are none to give: the last evaluation had
    /// its lint in the answer, or they were given already.
    #[wasm_bindgen(js_name = lintLater)]
    pub fn lint_later(&mut self, lang: Option<String>) -> Result<JsValue, Thrown> {
        let Some(later) = self.lint_later.take() else {
            return Ok(JsValue::UNDEFINED);
        };
        let mut found = later.lint(self.data());
        let lang = super::language(lang.as_deref());
        for d in &mut found {
            d.localize(lang);
        }
        to_js(&found)
    }

    /// Checks a scenario against a lesson (the lesson file's text), resolving managed
    /// policies as `evaluate` does: `{lesson, status, finished, goals, errors}`
    /// (`crate::tools::lesson::LessonReport`), its sentences in `lang`. Throws when the lesson
    /// file itself is invalid (its first error, located in the lesson file).
    #[wasm_bindgen(js_name = checkLesson)]
    pub fn check_lesson(
        &self,
        #[wasm_bindgen(js_name = lessonText)] lesson_text: &str,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        match crate::tools::lesson::check_text(lesson_text, scenario_text, self.data()) {
            Ok(mut report) => {
                report.localize(super::language(lang.as_deref()));
                to_js(&report)
            }
            // The lesson file's first error, located in it.
            Err(errors) => Err(match errors.first() {
                Some(d) => Thrown::rendered(d),
                None => Thrown::new(crate::diagnostic::Diagnostic::new(
                    crate::diagnostic::Severity::Error,
                    "lesson-invalid",
                    "the lesson file is invalid",
                )),
            }),
        }
    }

    /// Lints a scenario (or a bare policy): `{engineVersion, catalog?, diagnostics, errors,
    /// securityWarnings, warnings, suggestions}`; each diagnostic has `severity`, `code`,
    /// `message`, `help`, `location` (line, column, UTF-16 offsets), `path`, `snippet`.
    /// Without the catalog, only the catalog-free checks run. Messages and help are in
    /// `lang` (English by default).
    pub fn lint(
        &self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let mut report = crate::tools::lint::lint_report(scenario_text, self.data());
        let lang = super::language(lang.as_deref());
        for d in &mut report.diagnostics {
            d.localize(lang);
        }
        to_js(&report)
    }

    /// Fix suggestions (`crate::tools::fix::FixReport`) evaluated with the loaded data:
    /// `{"managed": ...}` resolves in every evaluation, and the catalog corrects actions AWS
    /// does not have. Its sentences in `lang` (English by default).
    #[wasm_bindgen(js_name = suggestFixes)]
    pub fn suggest_fixes(
        &self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let mut report = crate::tools::fix::suggest_fixes_with(scenario_text, self.data());
        report.localize(super::language(lang.as_deref()));
        to_js(&report)
    }

    /// The scenario redacted (`crate::tools::redact::redact_with`), the managed policies'
    /// patterns taken into account; throws an `Error` with the reason when it cannot be.
    pub fn redact(
        &self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    ) -> Result<String, Thrown> {
        crate::tools::redact::redact_with(scenario_text, self.data())
            .map_err(|e| Thrown::located(scenario_text, e))
    }

    /// The `aws iam simulate-custom-policy` command, managed policies sent as their documents.
    #[wasm_bindgen(js_name = simulateCommand)]
    pub fn simulate_command(
        &self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
    ) -> String {
        crate::tools::simulate::simulate_custom_policy_command_with(scenario_text, self.data())
    }

    /// Imports an artefact into the open scenario, keeping its policies
    /// (`crate::tools::import::import_into`): the same shape as `importArtifact`, plus
    /// `merged: {keptPolicies, replacedRequests, removedExpect}`.
    #[wasm_bindgen(js_name = importInto)]
    pub fn import_into(
        &self,
        #[wasm_bindgen(js_name = scenarioText)] scenario_text: &str,
        #[wasm_bindgen(js_name = artifactText)] artifact_text: &str,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let mut result =
            crate::tools::import::import_into(scenario_text, artifact_text, self.data());
        result.localize(super::language(lang.as_deref()));
        to_js(&result)
    }

    /// The actions an `Action` pattern covers: `{patterns, notAction, count, services:
    /// [{prefix, count, total}], actions, truncated}`, at most `limit` actions listed.
    pub fn expand(&self, pattern: &str, limit: usize) -> Result<JsValue, Thrown> {
        to_js(&self.catalog()?.expansion(&[pattern], false, Some(limit)))
    }

    /// What a `NotAction` list leaves: the same shape as `expand`.
    #[wasm_bindgen(js_name = expandNot)]
    pub fn expand_not(&self, patterns: Vec<String>, limit: usize) -> Result<JsValue, Thrown> {
        let list: Vec<&str> = patterns.iter().map(String::as_str).collect();
        to_js(&self.catalog()?.expansion(&list, true, Some(limit)))
    }

    /// Every service: `[{prefix, name, actionCount}]`.
    #[wasm_bindgen(js_name = servicePrefixes)]
    pub fn service_prefixes(&self) -> Result<JsValue, Thrown> {
        to_js(&self.catalog()?.service_list())
    }

    /// The actions of a service: `[{fullName, name, accessLevel}]`.
    pub fn actions(&self, prefix: &str) -> Result<JsValue, Thrown> {
        to_js(&self.catalog()?.action_list(prefix))
    }

    /// The condition keys valid for a statement whose `Action` holds `actions` (patterns
    /// allowed): `[{name, type, multivalued, scope}]`, global keys first.
    #[wasm_bindgen(js_name = conditionKeys)]
    pub fn condition_keys(&self, actions: Vec<String>) -> Result<JsValue, Thrown> {
        let list: Vec<&str> = actions.iter().map(String::as_str).collect();
        to_js(&self.catalog()?.keys_for_actions(&list))
    }

    /// The ARN templates of an action's resource types: `[{resourceType, arn}]` (empty: the
    /// action takes only `"*"`).
    #[wasm_bindgen(js_name = arnTemplates)]
    pub fn arn_templates(&self, action: &str) -> Result<JsValue, Thrown> {
        to_js(&self.catalog()?.arn_templates(action))
    }

    /// The AWS managed policies: `[{name, arn, versionId, updated}]`.
    #[wasm_bindgen(js_name = managedPolicyNames)]
    pub fn managed_policy_names(&self) -> Result<JsValue, Thrown> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Entry<'m> {
            name: &'m str,
            arn: &'m str,
            version_id: &'m str,
            updated: &'m str,
        }
        let managed = self
            .managed
            .as_ref()
            .ok_or_else(|| not_loaded("AWS managed policies", "loadManagedPolicies"))?;
        let list: Vec<Entry> = managed
            .iter()
            .map(|p| Entry {
                name: p.name,
                arn: p.arn,
                version_id: p.version_id,
                updated: p.updated,
            })
            .collect();
        to_js(&list)
    }

    /// One managed policy: `{name, arn, versionId, updated, document}` (`document` is its
    /// JSON text). Throws for an unknown name, with a "did you mean" when one is close.
    #[wasm_bindgen(js_name = managedPolicy)]
    pub fn managed_policy(&self, name: &str) -> Result<JsValue, Thrown> {
        let managed = self
            .managed
            .as_ref()
            .ok_or_else(|| not_loaded("AWS managed policies", "loadManagedPolicies"))?;
        match managed.lookup(name) {
            Ok(p) => to_js(&p),
            Err(e) => Err(Thrown::new(e.diagnostic(name))),
        }
    }
}

/// Every base condition operator: `[{name, family, negated, ifExists}]` (no data needed).
#[wasm_bindgen(js_name = conditionOperators)]
pub fn condition_operators() -> Result<JsValue, Thrown> {
    to_js(&catalog::condition_operators())
}
