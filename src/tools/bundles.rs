//! Call bundles: one API call that AWS authorizes as several checks (`ec2:RunInstances` with an
//! instance profile is six checks of `ec2:RunInstances` and one of `iam:PassRole`).
//!
//! Bundles are data, in `bundles/bundles.json` (built into the crate): each lists its checks,
//! the context the checks share, parameters with defaults, and the AWS pages that say so.
//! Expanding a bundle gives a scenario whose `requests` are the checks.
//!
//! ```
//! use iam_playground::tools::bundles;
//!
//! let expanded = bundles::expand("lambda-create-function", &[("functionName", "resize")]).unwrap();
//! assert_eq!(expanded.checks.len(), 2);
//! assert_eq!(expanded.checks[0].resource, "arn:aws:lambda:us-east-1:111122223333:function:resize");
//! assert!(expanded.scenario.contains("\"requests\": ["));
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{did_you_mean, Diagnostic, Severity};
use crate::i18n::{Lang, Msg};
use crate::parse::json::{self, Json};
use crate::tools::ordered_json::J;
use crate::tools::text_edit::{line_indent, TextEdit};

/// The bundles file, as written.
const DATA: &str = include_str!("../../bundles/bundles.json");

/// The bundles file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleFile {
    /// Format version.
    pub version: u32,
    /// What the file is.
    pub about: String,
    /// The bundles.
    pub bundles: Vec<Bundle>,
}

/// One API call and the checks AWS makes for it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bundle {
    /// Its name (`ec2-run-instances`).
    pub name: String,
    /// A title for people.
    pub title: String,
    /// The API call, as an action.
    pub api: String,
    /// What AWS checks, in a few sentences.
    pub description: String,
    /// The title and description in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<BundleJa>,
    /// The AWS pages that say so.
    pub sources: Vec<Source>,
    /// Parameters, in order (a default may use those before it).
    pub params: Vec<Param>,
    /// The service principal roles are passed to (`iam:PassedToService`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed_to_service: Option<String>,
    /// Context shared by every check.
    #[serde(default)]
    pub context: BTreeMap<String, String>,
    /// The checks.
    pub checks: Vec<Check>,
}

/// A bundle's title and description in Japanese.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleJa {
    /// The title.
    pub title: String,
    /// What AWS checks.
    pub description: String,
}

/// A text of a check or parameter in Japanese.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TextJa {
    /// A check's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A parameter's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `ja` when the reader reads Japanese and it is written, else the English `en`.
fn in_lang<'a>(lang: Lang, en: &'a str, ja: Option<&'a str>) -> &'a str {
    match (lang, ja) {
        (Lang::Ja, Some(ja)) => ja,
        _ => en,
    }
}

impl Bundle {
    /// The title in `lang`.
    pub fn title_in(&self, lang: Lang) -> &str {
        in_lang(
            lang,
            &self.title,
            self.ja.as_ref().map(|j| j.title.as_str()),
        )
    }

    /// The description in `lang`.
    pub fn description_in(&self, lang: Lang) -> &str {
        let ja = self.ja.as_ref().map(|j| j.description.as_str());
        in_lang(lang, &self.description, ja)
    }
}

impl Check {
    /// The label in `lang`.
    pub fn label_in(&self, lang: Lang) -> &str {
        in_lang(
            lang,
            &self.label,
            self.ja.as_ref().and_then(|j| j.label.as_deref()),
        )
    }
}

impl Param {
    /// The description in `lang`.
    pub fn description_in(&self, lang: Lang) -> &str {
        let ja = self.ja.as_ref().and_then(|j| j.description.as_deref());
        in_lang(lang, &self.description, ja)
    }
}

/// An AWS page and the words that matter.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// Guide and page title.
    pub title: String,
    /// Address.
    pub url: String,
    /// The sentence(s).
    pub quote: String,
}

/// A parameter of a bundle.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its default (may use `${earlier}`).
    pub default: String,
    /// What it is.
    pub description: String,
    /// What it is, in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<TextJa>,
}

/// One check of the call.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Check {
    /// What it is about ("the AMI").
    pub label: String,
    /// The label in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<TextJa>,
    /// The action.
    pub action: String,
    /// The resource ARN (with `${params}`).
    pub resource: String,
    /// Context of this check only.
    #[serde(default)]
    pub context: BTreeMap<String, String>,
    /// Index of the source in the bundle's `sources`.
    #[serde(default)]
    pub source: Option<usize>,
}

/// The bundles, read once; a `bundle-data` error if the built-in file is malformed (a bug).
pub fn file() -> Result<&'static BundleFile, Diagnostic> {
    static FILE: OnceLock<Result<BundleFile, Diagnostic>> = OnceLock::new();
    FILE.get_or_init(|| {
        serde_json::from_str(DATA).map_err(|e| {
            bundle_error(
                "bundle-data",
                format!("bundles/bundles.json is malformed: {e}"),
            )
            .with_help("this is a bug in the playground")
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// A bundle for a list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleSummary {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// The API call.
    pub api: String,
    /// What AWS checks.
    pub description: String,
    /// Its parameters and defaults.
    pub params: Vec<Param>,
    /// How many checks.
    pub checks: usize,
}

/// Every bundle, for a list (English).
pub fn list() -> Vec<BundleSummary> {
    list_in(Lang::En)
}

/// Every bundle, for a list: titles and descriptions in `lang`.
pub fn list_in(lang: Lang) -> Vec<BundleSummary> {
    file()
        .map(|f| {
            f.bundles
                .iter()
                .map(|b| BundleSummary {
                    name: b.name.clone(),
                    title: b.title_in(lang).to_string(),
                    api: b.api.clone(),
                    description: b.description_in(lang).to_string(),
                    params: b
                        .params
                        .iter()
                        .map(|p| Param {
                            description: p.description_in(lang).to_string(),
                            ja: None,
                            ..p.clone()
                        })
                        .collect(),
                    checks: b.checks.len(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A bundle expanded with its parameters.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expanded {
    /// The bundle's name.
    pub name: String,
    /// The parameters used (defaults filled in).
    pub params: Vec<(String, String)>,
    /// The checks, as requests.
    pub checks: Vec<ExpandedCheck>,
    /// A scenario whose `requests` are the checks (no policies yet).
    pub scenario: String,
}

/// One check, expanded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpandedCheck {
    /// What it is about.
    pub label: String,
    /// The principal.
    pub principal: String,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// Shared and own context.
    pub context: Vec<(String, String)>,
    /// The AWS page that says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn find(name: &str) -> Result<&'static Bundle, Diagnostic> {
    let f = file()?;
    f.bundles.iter().find(|b| b.name == name).ok_or_else(|| {
        let names: Vec<&str> = f.bundles.iter().map(|b| b.name.as_str()).collect();
        bundle_error("unknown-bundle", format!("there is no bundle `{name}`")).with_help(
            match did_you_mean(name, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the bundles are {}", quoted(&names)),
            },
        )
    })
}

/// A bundle error that points at no text (it is about the bundle or its parameters).
fn bundle_error(code: &'static str, message: String) -> Diagnostic {
    Diagnostic::new(Severity::Error, code, message)
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Replaces every `${name}` by its value (unknown names are left as written).
fn substitute(text: &str, values: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match values.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push_str("${");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The parameters with defaults filled in, in the bundle's order.
fn resolve(bundle: &Bundle, given: &[(&str, &str)]) -> Result<Vec<(String, String)>, Diagnostic> {
    let names: Vec<&str> = bundle.params.iter().map(|p| p.name.as_str()).collect();
    for (k, _) in given {
        if !names.contains(k) {
            let message = format!("bundle `{}` has no parameter `{k}`", bundle.name);
            return Err(bundle_error("unknown-bundle-parameter", message).with_help(
                match did_you_mean(k, &names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("its parameters are {}", quoted(&names)),
                },
            ));
        }
    }
    let mut values: Vec<(String, String)> = Vec::with_capacity(bundle.params.len());
    for p in &bundle.params {
        let v = match given.iter().rev().find(|(k, _)| *k == p.name) {
            Some((_, v)) => (*v).to_string(),
            None => substitute(&p.default, &values),
        };
        values.push((p.name.clone(), v));
    }
    Ok(values)
}

/// Expands a bundle with parameters (`(name, value)`; defaults fill the rest), in English.
pub fn expand(name: &str, params: &[(&str, &str)]) -> Result<Expanded, Diagnostic> {
    expand_in(name, params, Lang::En)
}

/// Expands a bundle with parameters; the labels and the scenario's name and description in
/// `lang`.
pub fn expand_in(name: &str, params: &[(&str, &str)], lang: Lang) -> Result<Expanded, Diagnostic> {
    let bundle = find(name)?;
    let values = resolve(bundle, params)?;
    let value = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let principal = value("principal");
    let checks: Vec<ExpandedCheck> = bundle
        .checks
        .iter()
        .map(|c| {
            let mut context: Vec<(String, String)> = bundle
                .context
                .iter()
                .map(|(k, v)| (k.clone(), substitute(v, &values)))
                .collect();
            for (k, v) in &c.context {
                context.retain(|(ek, _)| !ek.eq_ignore_ascii_case(k));
                context.push((k.clone(), substitute(v, &values)));
            }
            ExpandedCheck {
                label: c.label_in(lang).to_string(),
                principal: principal.clone(),
                action: c.action.clone(),
                resource: substitute(&c.resource, &values),
                context,
                source: c.source.and_then(|i| bundle.sources.get(i).cloned()),
            }
        })
        .collect();
    let scenario = J::obj([
        ("name", J::str(bundle.title_in(lang).to_string())),
        ("description", J::str(description(bundle, &checks, lang))),
        ("policies", J::obj([("identity", J::Arr(Vec::new()))])),
        ("requests", requests_json(&checks)),
    ]);
    Ok(Expanded {
        name: bundle.name.clone(),
        params: values,
        scenario: scenario.pretty("  ", 0) + "\n",
        checks,
    })
}

/// Expands a bundle with parameters given as a JSON object (`{"roleArn": "..."}`), for hosts
/// that speak JSON.
pub fn expand_json(name: &str, params: &str) -> Result<Expanded, Diagnostic> {
    let map = params_json(params)?;
    let pairs: Vec<(&str, &str)> = map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    expand(name, &pairs)
}

/// Bundle parameters given as a JSON object of strings (empty text: none).
pub fn params_json(text: &str) -> Result<BTreeMap<String, String>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_json::from_str(text).map_err(|e| {
        let message = format!("the parameters are not a JSON object of strings: {e}");
        bundle_error("bundle-parameters", message)
            .with_help("give them as `{\"roleArn\": \"arn:aws:iam::111122223333:role/MyRole\"}`")
    })
}

/// The bundle's description and its numbered checks (`bundle.scenario.*`), in `lang`.
fn description(bundle: &Bundle, checks: &[ExpandedCheck], lang: Lang) -> String {
    let list: Vec<String> = checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Msg::new("bundle.scenario.check")
                .arg("n", i + 1)
                .arg("label", &c.label)
                .arg("action", &c.action)
                .arg("resource", &c.resource)
                .render(lang)
        })
        .collect();
    let separator = match lang {
        Lang::En => "; ",
        Lang::Ja => "、",
    };
    Msg::new("bundle.scenario.description")
        .arg("description", bundle.description_in(lang))
        .arg("checks", list.join(separator))
        .render(lang)
}

fn requests_json(checks: &[ExpandedCheck]) -> J {
    J::Arr(
        checks
            .iter()
            .map(|c| {
                let mut r = J::obj([
                    ("principal", J::str(c.principal.clone())),
                    ("action", J::str(c.action.clone())),
                    ("resource", J::str(c.resource.clone())),
                ]);
                if !c.context.is_empty() {
                    r.push(
                        "context",
                        J::Obj(
                            c.context
                                .iter()
                                .map(|(k, v)| (k.clone(), J::str(v.clone())))
                                .collect(),
                        ),
                    );
                }
                r
            })
            .collect(),
    )
}

/// Parameters a scenario's request suggests: its principal, account and Region, and the role
/// of an `iam:PassRole` request.
fn params_from_scenario(root: &Json, bundle: &Bundle) -> Vec<(String, String)> {
    let first = root.get("request").or_else(|| {
        root.get("requests")
            .and_then(Json::as_array)
            .and_then(|a| a.first())
    });
    let all: Vec<&Json> = match (root.get("request"), root.get("requests")) {
        (Some(r), _) => vec![r],
        (None, Some(list)) => list
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let names: Vec<&str> = bundle.params.iter().map(|p| p.name.as_str()).collect();
    let mut out = Vec::new();
    if let Some(p) = first
        .and_then(|r| r.get("principal"))
        .and_then(Json::as_str)
    {
        out.push(("principal".to_string(), p.to_string()));
        if let Some(account) = p.split(':').nth(4).filter(|a| a.len() == 12) {
            out.push(("account".to_string(), account.to_string()));
        }
    }
    for r in &all {
        let action = r.get("action").and_then(Json::as_str).unwrap_or("");
        let resource = r.get("resource").and_then(Json::as_str).unwrap_or("");
        if crate::answer::passrole::is_pass_role(action) && resource.contains(":role/") {
            for role_param in ["roleArn", "taskRoleArn"] {
                if names.contains(&role_param) && !out.iter().any(|(k, _)| k == role_param) {
                    out.push((role_param.to_string(), resource.to_string()));
                    break;
                }
            }
        }
        if let Some(region) = r
            .get("context")
            .and_then(|c| c.get("aws:RequestedRegion"))
            .and_then(Json::as_str)
        {
            if !out.iter().any(|(k, _)| k == "region") {
                out.push(("region".to_string(), region.to_string()));
            }
        }
    }
    out.retain(|(k, _)| names.contains(&k.as_str()));
    out
}

/// The edit that replaces a scenario's `request`/`requests` by a bundle's checks, keeping its
/// policies. Parameters not given are taken from the scenario's request where it says them
/// (principal, account, Region, the role of an `iam:PassRole` request), else the defaults.
pub fn expand_into(
    scenario_text: &str,
    name: &str,
    params: &[(&str, &str)],
) -> Result<(TextEdit, Expanded), Diagnostic> {
    expand_into_in(scenario_text, name, params, Lang::En)
}

/// [`expand_into`], the labels in `lang`.
pub fn expand_into_in(
    scenario_text: &str,
    name: &str,
    params: &[(&str, &str)],
    lang: Lang,
) -> Result<(TextEdit, Expanded), Diagnostic> {
    // Not JSON: the reader's own error, located in the scenario.
    let root = json::parse(scenario_text)?;
    let bundle = find(name)?;
    let mut merged: Vec<(String, String)> = params_from_scenario(&root, bundle);
    for (k, v) in params {
        merged.retain(|(ek, _)| ek != k);
        merged.push(((*k).to_string(), (*v).to_string()));
    }
    let pairs: Vec<(&str, &str)> = merged
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let expanded = expand_in(name, &pairs, lang)?;
    let members = root.as_object().ok_or_else(|| {
        Diagnostic::error("wrong-type", "the scenario is not a JSON object", root.span)
            .with_help("a scenario is `{\"policies\": ..., \"request\": ...}`")
    })?;
    let target = members
        .iter()
        .find(|m| m.key == "request")
        .or_else(|| members.iter().find(|m| m.key == "requests"));
    let unit = crate::tools::text_edit::indent_unit(scenario_text);
    let value = |indent: &str| {
        let depth_text = requests_json(&expanded.checks).pretty(&unit, 0);
        // Re-indent the continuation lines at the member's indentation.
        depth_text.replace('\n', &format!("\n{indent}"))
    };
    let edit = match target {
        Some(m) => {
            let indent = line_indent(scenario_text, m.key_span.start);
            TextEdit {
                start: m.key_span.start,
                end: m.value.span.end,
                text: format!("\"requests\": {}", value(indent)),
            }
        }
        None => {
            let last = members.last().ok_or_else(|| {
                Diagnostic::error("empty-scenario", "the scenario is empty", root.span)
                    .with_help("start from `{\"policies\": {\"identity\": []}}`")
            })?;
            let indent = line_indent(scenario_text, last.key_span.start);
            TextEdit {
                start: last.value.span.end,
                end: last.value.span.end,
                text: format!(",\n{indent}\"requests\": {}", value(indent)),
            }
        }
    };
    Ok((edit, expanded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_and_every_placeholder_is_a_parameter() {
        let f = file().unwrap();
        assert!(f.bundles.len() >= 5);
        for b in &f.bundles {
            let names: Vec<(String, String)> = b
                .params
                .iter()
                .map(|p| (p.name.clone(), "x".to_string()))
                .collect();
            let mut texts: Vec<&str> = b.params.iter().map(|p| p.default.as_str()).collect();
            texts.extend(b.context.values().map(String::as_str));
            for c in &b.checks {
                texts.push(&c.resource);
                texts.extend(c.context.values().map(String::as_str));
                assert!(c.source.is_none_or(|s| s < b.sources.len()), "{}", b.name);
            }
            for t in texts {
                assert!(!substitute(t, &names).contains("${"), "{}: `{t}`", b.name);
            }
        }
    }

    #[test]
    fn substitution_leaves_unknown_names_and_broken_braces() {
        let v = vec![("a".to_string(), "1".to_string())];
        assert_eq!(substitute("x${a}y${b}z${", &v), "x1y${b}z${");
    }
}
