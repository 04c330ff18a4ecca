//! Condition keys against the catalog, and policy variables against the policy's version.
//!
//! - `unknown-condition-key` (Access Analyzer: "Invalid global condition key", "Invalid
//!   service condition key"): a key no service defines.
//! - `condition-key-not-supported` ("Unsupported action for condition key"): the key is never
//!   in the request context of the statement's actions ("Actions, resources, and condition
//!   keys for AWS services": the Condition keys column lists the keys an action supports), so
//!   the condition tests a missing key (`iam:PassedToService` anywhere but `iam:PassRole`).
//! - `condition-type-mismatch` ("Type mismatch"): the operator's family does not suit the
//!   key's type ("Condition operators": use Date operators with date keys...).
//! - `set-operator-on-single-valued-key` / `multivalued-key-without-set-operator`
//!   ("Single-valued vs. multivalued context keys"), with the key's cardinality from the
//!   catalog (the same codes as [`crate::decide::warnings`], which knows only a fixed list of keys).
//! - `variable-unsupported-in-version` ("Variable unsupported in version"): "If you don't
//!   include a Version element set to 2012-10-17, variables such as `${aws:username}` won't be
//!   recognized as variables and will instead be treated as literal strings in the policy"
//!   (IAM JSON policy elements: Version).

use super::{inner, Covered};
use crate::aws::catalog::{is_tag_key, ActionRef, Catalog, ConditionKey, KeyType};
use crate::decide::conditions::{BaseOperator, Family};
use crate::decide::variables::find_variables;
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::i18n::{some_of, Msg};
use crate::model::{ConditionBlock, ConditionEntry, Policy, PolicyVersion, Statement};

pub(super) fn check(
    catalog: &Catalog,
    stmt: &Statement,
    covered: &Covered,
    out: &mut Vec<Diagnostic>,
) {
    for block in &stmt.conditions {
        for entry in &block.entries {
            let key = entry.key.value.as_str();
            let Some(found) = catalog.find_key(key) else {
                let partial = key
                    .split_once(':')
                    .and_then(|(p, _)| catalog.service(p))
                    .is_some_and(|s| s.partial);
                if !partial {
                    out.push(unknown_key(catalog, key, entry.key.span));
                }
                continue;
            };
            type_check(block, entry, found.key, out);
            cardinality(block, entry, found.key, out);
            support(catalog, covered, entry, found.service.is_none(), out);
        }
    }
}

pub(super) fn unknown_key(catalog: &Catalog, key: &str, span: Span) -> Diagnostic {
    let prefix = key.split_once(':').map_or(key, |(p, _)| p);
    let mut names: Vec<&str> = catalog
        .global_keys()
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    if let Some(s) = catalog.service(prefix) {
        names.extend(s.keys.iter().map(|k| k.name.as_str()));
    }
    let message = if prefix.eq_ignore_ascii_case("aws") || catalog.service(prefix).is_some() {
        Msg::new("lint.unknown-condition-key")
    } else {
        Msg::new("lint.unknown-condition-key.no-service")
    }
    .arg("key", key)
    .arg("prefix", prefix);
    let close = did_you_mean(key, &names);
    let help = match close {
        Some(s) => Msg::new("help.did-you-mean").arg("name", s),
        None => Msg::new("lint.unknown-condition-key.help"),
    };
    let d = Diagnostic::error("unknown-condition-key", message, span).with_help(help);
    match close {
        Some(s) => d.with_string_replacement(s),
        None => d,
    }
}

/// The key's type, as a phrase of the catalog (`key-type.arn`: "an ARN").
fn type_name(ty: KeyType) -> Msg {
    Msg::new(match ty {
        KeyType::String => "key-type.string",
        KeyType::Arn => "key-type.arn",
        KeyType::Numeric => "key-type.numeric",
        KeyType::Date => "key-type.date",
        KeyType::Bool => "key-type.bool",
        KeyType::IpAddress => "key-type.ip",
        KeyType::Binary => "key-type.binary",
        KeyType::Unknown => "key-type.unknown",
    })
}

fn suggested_operators(ty: KeyType) -> Msg {
    Msg::new(match ty {
        KeyType::String | KeyType::Unknown => "operators-for.string",
        KeyType::Arn => "operators-for.arn",
        KeyType::Numeric => "operators-for.numeric",
        KeyType::Date => "operators-for.date",
        KeyType::Bool => "operators-for.bool",
        KeyType::IpAddress => "operators-for.ip",
        KeyType::Binary => "operators-for.binary",
    })
}

fn type_check(
    block: &ConditionBlock,
    entry: &ConditionEntry,
    key: &ConditionKey,
    out: &mut Vec<Diagnostic>,
) {
    let op = block.operator.value;
    let family = op.base.family();
    let ty = key.key_type();
    if family == Family::Null || ty.families().contains(&family) {
        return;
    }
    // "AWS global condition context keys": aws:EpochTime is of type Date and Numeric.
    if key.name.eq_ignore_ascii_case("aws:EpochTime") && family == Family::Numeric {
        return;
    }
    out.push(
        Diagnostic::warning(
            "condition-type-mismatch",
            Msg::new("lint.condition-type-mismatch")
                .arg("key", entry.key.value.as_str())
                .phrase("type", type_name(ty))
                .arg("operator", op.base.name())
                .phrase("values", family_values(family)),
            entry.key.span,
        )
        .with_help(
            Msg::new("lint.condition-type-mismatch.help")
                .phrase("operators", suggested_operators(ty)),
        ),
    );
}

fn family_values(f: Family) -> Msg {
    Msg::new(match f {
        Family::String => "compares.string",
        Family::Numeric => "compares.numeric",
        Family::Date => "compares.date",
        Family::Bool => "compares.bool",
        Family::Binary => "compares.binary",
        Family::Ip => "compares.ip",
        Family::Arn => "compares.arn",
        Family::Null => "compares.null",
    })
}

fn cardinality(
    block: &ConditionBlock,
    entry: &ConditionEntry,
    key: &ConditionKey,
    out: &mut Vec<Diagnostic>,
) {
    let op = block.operator.value;
    let multi = key.multivalued();
    if op.set.is_some() && !multi {
        out.push(
            Diagnostic::warning(
                "set-operator-on-single-valued-key",
                Msg::new("warn.set-operator-on-single-valued-key")
                    .arg("operator", op.name())
                    .arg("key", entry.key.value.as_str()),
                block.operator.span,
            )
            .with_help(
                Msg::new("warn.set-operator-on-single-valued-key.help")
                    .arg("operator", op.base.name()),
            ),
        );
    } else if op.set.is_none() && multi && op.base != BaseOperator::Null {
        out.push(
            Diagnostic::warning(
                "multivalued-key-without-set-operator",
                Msg::new("warn.multivalued-key-without-set-operator")
                    .arg("key", entry.key.value.as_str())
                    .arg("operator", op.name()),
                entry.key.span,
            )
            .with_help(
                Msg::new("warn.multivalued-key-without-set-operator.help")
                    .arg("operator", op.name()),
            ),
        );
    }
}

fn support(
    catalog: &Catalog,
    covered: &Covered,
    entry: &ConditionEntry,
    global: bool,
    out: &mut Vec<Diagnostic>,
) {
    let key = entry.key.value.as_str();
    if covered.open || covered.partial || covered.actions.is_empty() || (global && !is_tag_key(key))
    {
        return;
    }
    let (with, without): (Vec<&ActionRef>, Vec<&ActionRef>) = covered
        .actions
        .iter()
        .partition(|a| catalog.action_supports_key(**a, key));
    if without.is_empty() {
        return;
    }
    let missing: Vec<&str> = without
        .iter()
        .map(|a| a.action.full_name.as_str())
        .collect();
    let message = if with.is_empty() {
        match missing.as_slice() {
            [one] => Msg::new("lint.condition-key-not-supported.one").arg("action", one),
            _ => Msg::new("lint.condition-key-not-supported.none").arg("count", missing.len()),
        }
    } else {
        let key = if missing.len() == 1 {
            "lint.condition-key-not-supported.some.one"
        } else {
            "lint.condition-key-not-supported.some.other"
        };
        Msg::new(key).phrase("actions", some_of(&missing, 3, false))
    }
    .arg("key", key);
    let supporting = supporting_actions(catalog, key);
    let help = if supporting.is_empty() {
        Msg::new("lint.condition-key-not-supported.help")
    } else {
        Msg::new("lint.condition-key-not-supported.help.set-for")
            .phrase("actions", some_of(&supporting, 3, false))
    };
    out.push(
        Diagnostic::warning("condition-key-not-supported", message, entry.key.span).with_help(help),
    );
}

/// The actions of the key's service that support it, for the help text.
fn supporting_actions<'c>(catalog: &'c Catalog, key: &str) -> Vec<&'c str> {
    let prefix = key.split_once(':').map_or("", |(p, _)| p);
    let Some(service) = catalog.service(prefix) else {
        return Vec::new();
    };
    service
        .actions
        .iter()
        .map(|action| ActionRef { service, action })
        .filter(|a| a.keys().iter().any(|k| k.matches(key)))
        .map(|a| a.action.full_name.as_str())
        .collect()
}

/// `variable-unsupported-in-version`: `${...}` in a policy that is not version 2012-10-17.
pub(super) fn version(policy: &Policy, out: &mut Vec<Diagnostic>) {
    if policy.version.has_variables() {
        return;
    }
    let key = match policy.version {
        PolicyVersion::Absent => "lint.variable-unsupported-in-version.absent",
        _ => "lint.variable-unsupported-in-version",
    };
    let values = policy.statements.iter().flat_map(|s| {
        let resources = s.resource.iter().flat_map(|r| r.patterns.iter());
        let conditions = s
            .conditions
            .iter()
            .flat_map(|b| b.entries.iter())
            .flat_map(|e| e.values.iter());
        resources.chain(conditions)
    });
    for v in values {
        for var in find_variables(&v.value) {
            let text = v.value.get(var.start..var.end).unwrap_or("${...}");
            out.push(
                Diagnostic::warning(
                    "variable-unsupported-in-version",
                    Msg::new(key).arg("text", text),
                    inner(v.span, &v.value, var.start, var.end),
                )
                .with_help(Msg::new("lint.variable-unsupported-in-version.help")),
            );
        }
    }
}
