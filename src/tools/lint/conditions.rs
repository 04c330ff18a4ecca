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

use super::{inner, some_of, Covered};
use crate::aws::catalog::{is_tag_key, ActionRef, Catalog, ConditionKey, KeyType};
use crate::decide::conditions::{BaseOperator, Family};
use crate::decide::variables::find_variables;
use crate::diagnostic::{did_you_mean, Diagnostic, Span};
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
        format!("`{key}` is not a condition key of `{prefix}`")
    } else {
        format!("`{key}` is not a condition key: no service has the prefix `{prefix}`")
    };
    let help = match did_you_mean(key, &names) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "use a global key (`aws:...`) or a key the Service Authorization Reference lists for the service".to_string(),
    };
    Diagnostic::error("unknown-condition-key", message, span).with_help(help)
}

fn type_name(ty: KeyType) -> &'static str {
    match ty {
        KeyType::String => "a string",
        KeyType::Arn => "an ARN",
        KeyType::Numeric => "a numeric",
        KeyType::Date => "a date",
        KeyType::Bool => "a boolean",
        KeyType::IpAddress => "an IP address",
        KeyType::Binary => "a binary",
        KeyType::Unknown => "an untyped",
    }
}

fn suggested_operators(ty: KeyType) -> &'static str {
    match ty {
        KeyType::String | KeyType::Unknown => {
            "a String operator such as `StringEquals` or `StringLike`"
        }
        KeyType::Arn => "an ARN operator such as `ArnLike` (or a String operator)",
        KeyType::Numeric => "a Numeric operator such as `NumericLessThan`",
        KeyType::Date => "a Date operator such as `DateGreaterThan`",
        KeyType::Bool => "`Bool`",
        KeyType::IpAddress => "`IpAddress` or `NotIpAddress`",
        KeyType::Binary => "`BinaryEquals`",
    }
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
            format!(
                "`{}` is {} key, but `{}` compares {}",
                entry.key.value,
                type_name(ty),
                op.base.name(),
                family_values(family)
            ),
            entry.key.span,
        )
        .with_help(format!(
            "use {} (\"Condition operators\"): with the wrong family the comparison fails or means something else",
            suggested_operators(ty)
        )),
    );
}

fn family_values(f: Family) -> &'static str {
    match f {
        Family::String => "strings",
        Family::Numeric => "numbers",
        Family::Date => "dates",
        Family::Bool => "booleans",
        Family::Binary => "binary values",
        Family::Ip => "IP addresses",
        Family::Arn => "ARNs",
        Family::Null => "presence",
    }
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
                format!("`{}` is used with `{}`, a single-valued key", op.name(), entry.key.value),
                block.operator.span,
            )
            .with_help(format!(
                "use `{}` without the set operator: with a single-valued key, ForAllValues is also true when the key is missing, which can allow more than intended",
                op.base.name()
            )),
        );
    } else if op.set.is_none() && multi && op.base != BaseOperator::Null {
        out.push(
            Diagnostic::warning(
                "multivalued-key-without-set-operator",
                format!("`{}` is multivalued but `{}` has no set operator", entry.key.value, op.name()),
                entry.key.span,
            )
            .with_help(format!(
                "write `ForAnyValue:{0}` (any value matches) or `ForAllValues:{0}` (every value matches)",
                op.name()
            )),
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
            [one] => format!("`{one}` does not support the condition key `{key}`"),
            _ => format!(
                "none of the {} actions of this statement supports the condition key `{key}`",
                missing.len()
            ),
        }
    } else {
        format!(
            "{} {} not support the condition key `{key}`",
            some_of(&missing, 3),
            if missing.len() == 1 { "does" } else { "do" }
        )
    };
    let supporting = supporting_actions(catalog, key);
    let help = if supporting.is_empty() {
        "the key is never in these requests' context, so the condition tests a missing key"
            .to_string()
    } else {
        format!(
            "the key is never in the request context of these actions, so the condition tests a missing key; it is set for {}",
            some_of(&supporting, 3)
        )
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
    let why = match policy.version {
        PolicyVersion::Absent => "the policy has no `Version`, so AWS reads it as `2008-10-17`",
        _ => "the policy's `Version` is `2008-10-17`",
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
                    format!("`{text}` is literal text here, not a policy variable: {why}"),
                    inner(v.span, &v.value, var.start, var.end),
                )
                .with_help("set `\"Version\": \"2012-10-17\"` to use policy variables"),
            );
        }
    }
}
