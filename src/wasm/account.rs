//! The WebAssembly binding of an account file (`crate::tools::account`): the worker opens the
//! text of `aws iam get-account-authorization-details` once with the loaded AWS data, keeps the
//! handle in memory (never stored), and asks it for principals, scenarios and the PassRole map.
//! It converts values only; every function calls the core, as the CLI's `account` and
//! `passrole` do.
//!
//! ```js
//! const file = data.openAccount(text);           // data: the AwsData handle
//! file.summary('ja'); // {ok: true, account, truncated, groups, principals, notes} or {ok: false, errors}
//! file.scenario('alice', {action: 'iam:PassRole', resource: arn, context: [['iam:PassedToService', ['ec2.amazonaws.com']]]}, 'ja');
//! data.passRoleMap(file, (p) => postMessage(p), 'ja'); // {rows, principals, roles, pairs, notes}
//! ```
//!
//! `lang` (`"en"`, `"ja"`; English when absent) is the language of the notes, the
//! diagnostics and a scenario's name and description.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::data::WasmAwsData;
use super::error::{to_js, Thrown};
use crate::answer::diagnostics_out;
use crate::answer::result::DiagnosticOut;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ContextValue;
use crate::tools::account::{Account, PassRoleMap, RequestSpec};

fn error(code: &'static str, message: String, help: String) -> Thrown {
    Thrown::new(Diagnostic::new(Severity::Error, code, message).with_help(help))
}

#[wasm_bindgen]
extern "C" {
    /// A JavaScript function that hears the PassRole map's progress, `{stage, done, total}`.
    #[wasm_bindgen(
        typescript_type = "(progress: {stage: string, done: number, total: number}) => void"
    )]
    pub type ProgressFn;
    #[wasm_bindgen(method, js_name = call)]
    fn call1(this: &ProgressFn, this_arg: &JsValue, arg: &JsValue);
}

/// An account file, read: the account, or the located errors that stopped the reading.
#[wasm_bindgen(js_name = AccountFile)]
pub struct WasmAccount {
    read: Result<Account, Vec<DiagnosticOut>>,
}

/// The request of a principal's scenario, as the page gives it: context values are lists
/// (one value: single-valued).
#[derive(Deserialize)]
struct RequestIn {
    action: String,
    resource: String,
    #[serde(default)]
    context: Vec<(String, Vec<String>)>,
}

#[wasm_bindgen(js_class = AccountFile)]
impl WasmAccount {
    /// What the file holds: `{ok: true, account, truncated, groups, principals: [{kind, name,
    /// arn, groups, identityPolicies, inlinePolicies, managedPolicies, boundary, tags,
    /// trustedServices, serviceLinked, leftOut}], notes}`, or `{ok: false, errors}` (located
    /// diagnostics) when it could not be read; its sentences in `lang`.
    pub fn summary(&self, lang: Option<String>) -> Result<JsValue, Thrown> {
        let lang = super::language(lang.as_deref());
        let localized = |mut ds: Vec<DiagnosticOut>| {
            ds.iter_mut().for_each(|d| d.localize(lang));
            ds
        };
        match &self.read {
            Ok(account) => to_js(&serde_json::json!({
                "ok": true,
                "account": account.account_id,
                "truncated": account.truncated,
                "groups": account.groups.len(),
                "principals": account.summaries_in(lang),
                "notes": localized(diagnostics_out(account.text(), account.diagnostics.clone())),
            })),
            Err(errors) => {
                to_js(&serde_json::json!({ "ok": false, "errors": localized(errors.clone()) }))
            }
        }
    }

    /// The scenario of a principal (name or ARN), with the request when `request` is
    /// `{action, resource, context?: [[key, [values]]]}`: `{scenario, notes}`. Throws when
    /// the principal is not in the account (with a "did you mean"). Its notes, name and
    /// description in `lang`.
    pub fn scenario(
        &self,
        principal: &str,
        request: JsValue,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let lang = super::language(lang.as_deref());
        let account = self.account()?;
        let index = account.find(principal).map_err(|d| {
            let mut out = diagnostics_out("", vec![d]);
            out.iter_mut().for_each(|d| d.localize(lang));
            out.first().map_or_else(
                || {
                    Thrown::new(Diagnostic::new(
                        Severity::Error,
                        "unknown-principal",
                        principal,
                    ))
                },
                Thrown::rendered,
            )
        })?;
        let request: Option<RequestIn> = serde_wasm_bindgen::from_value(request).map_err(|e| {
            error(
                "account-request",
                format!("the request is not valid: {e}"),
                "give {action, resource, context: [[key, [values]]]}".to_string(),
            )
        })?;
        let spec = request.map(|r| RequestSpec {
            action: r.action,
            resource: r.resource,
            context: r
                .context
                .into_iter()
                .map(|(k, mut v)| {
                    let value = match v.len() {
                        1 => ContextValue::Single(v.remove(0)),
                        _ => ContextValue::Multi(v),
                    };
                    (k, value)
                })
                .collect(),
        });
        let (scenario, notes) = account.scenario_in(index, spec.as_ref(), lang);
        to_js(&serde_json::json!({ "scenario": scenario, "notes": notes }))
    }
}

impl WasmAccount {
    fn account(&self) -> Result<&Account, Thrown> {
        self.read.as_ref().map_err(|_| {
            error(
                "account-not-read",
                "the account file could not be read".to_string(),
                "its errors are in `summary()`; open a file that reads".to_string(),
            )
        })
    }
}

#[wasm_bindgen(js_class = AwsData)]
impl WasmAwsData {
    /// Reads the text of `aws iam get-account-authorization-details`, AWS managed policies
    /// the file does not hold resolved in the loaded snapshot. Never throws: a file that
    /// cannot be read gives a handle whose `summary()` holds the located errors.
    #[wasm_bindgen(js_name = openAccount)]
    pub fn open_account(&self, text: String) -> WasmAccount {
        let read = Account::read(text.clone(), self.managed.as_ref())
            .map_err(|errors| diagnostics_out(&text, errors));
        WasmAccount { read }
    }

    /// The PassRole map of an open account (`iam-playground passrole --format json`):
    /// `{rows: [{principal, role, service, statement: {policy, sid, index}, gains,
    /// escalation}], principals, roles, pairs, notes}`, its notes in `lang`. `progress` hears
    /// where it is. Needs the catalog.
    #[wasm_bindgen(js_name = passRoleMap)]
    pub fn pass_role_map(
        &self,
        file: &WasmAccount,
        progress: &ProgressFn,
        lang: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let account = file.account()?;
        let catalog = self.catalog()?;
        let mut map = PassRoleMap::compute(account, catalog, &mut |p| {
            if let Ok(value) = to_js(&p) {
                progress.call1(&JsValue::UNDEFINED, &value);
            }
        });
        map.localize(super::language(lang.as_deref()));
        to_js(&map)
    }
}
