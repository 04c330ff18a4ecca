//! Evaluating one operator/key pair of a `Condition` against the request context.
//!
//! The rules, from "IAM JSON policy elements: Condition operators" and "Single-valued vs.
//! multivalued context keys":
//! - Several values for one key: any may match (OR). For a negated operator
//!   (`StringNotEquals`, `NotIpAddress`, ...) none may match: it is the negation of its positive
//!   form.
//! - Missing key: the condition is false, except for negated operators (true), `...IfExists`
//!   (true), `ForAllValues:` (true: "also returns true if there are no context keys in the
//!   request") and `Null` (which tests for absence).
//! - `ForAnyValue:` is true when at least one request value satisfies the operator (false for
//!   a missing key or an empty set); `ForAllValues:` when every request value does (true for a
//!   missing key or an empty set). With a negated operator, each request value is tested with
//!   the negated operator.
//! - Without a set operator a multivalued key is true when any of its values matches (the
//!   positive form); the negated form is the negation of that.

use super::compare::{compare, compare_text, Comparison, PolicyValue};
use super::{BaseOperator, Family, Operator, SetOperator};
use crate::answer::result::{ConditionResult, ValueComparison};
use crate::decide::context::{RequestContext, Source};
use crate::decide::variables;
use crate::i18n::{Lang, Msg};
use crate::model::{ConditionEntry, ContextValue};

/// A policy value ready to compare: the text as written (no variables), or substituted.
enum Value<'a> {
    Text(&'a str),
    Substituted(PolicyValue),
}

/// A policy value of a condition entry, with its results.
struct Slot<'a> {
    prepared: Prepared<'a>,
    /// Why it could not be compared (the first reason).
    note: Option<Msg>,
    /// Whether some request value matched it.
    matched: bool,
}

/// One policy value, prepared for comparison.
struct Prepared<'a> {
    value: Option<Value<'a>>,
    resolved: Option<String>,
    uses: Vec<crate::answer::result::VariableUse>,
}

fn prepare<'a>(
    base: BaseOperator,
    text: &'a str,
    with_variables: bool,
    ctx: &RequestContext,
) -> Prepared<'a> {
    let uses_pattern = matches!(base.family(), Family::String | Family::Arn | Family::Bool);
    if uses_pattern
        && with_variables
        && base.supports_variables()
        && variables::contains_variable(text)
    {
        let wildcards = matches!(
            base,
            BaseOperator::StringLike
                | BaseOperator::StringNotLike
                | BaseOperator::ArnLike
                | BaseOperator::ArnNotLike
                | BaseOperator::ArnEquals
                | BaseOperator::ArnNotEquals
        );
        let lookup = |k: &str| ctx.single(k);
        let r = variables::resolve(text, wildcards, &lookup);
        let uses = crate::decide::matching::convert_uses(&r.uses);
        let resolved = r.pattern.as_ref().map(|p| p.to_string());
        return Prepared {
            value: r
                .pattern
                .map(|p| Value::Substituted(PolicyValue::Pattern(p))),
            resolved,
            uses,
        };
    }
    // Without variables the text compares as written (`compare_text` reads it as the
    // operator's pattern: literal for the `Equals` forms and `Bool`, wildcards for `Like` and
    // the ARN operators).
    Prepared {
        value: Some(Value::Text(text)),
        resolved: None,
        uses: Vec::new(),
    }
}

/// How an operator/key pair came out, and which rule decided it (the explanation's sentence
/// is written from it).
struct Judged<'a> {
    outcome: bool,
    slots: Vec<Slot<'a>>,
    case: Case,
}

/// Which rule decided an operator/key pair.
enum Case {
    /// `Null`: whether the key is absent (or empty).
    Null { absent: bool },
    /// No set operator: whether any request value matched the positive form.
    Single { any: bool },
    /// `ForAnyValue:` / `ForAllValues:`, with each request value's result (none for an
    /// empty set).
    Set {
        set: SetOperator,
        values: Vec<String>,
        per_value: Vec<bool>,
    },
    /// The key is not in the request.
    Missing,
}

/// Decides `entry` under `operator`: the outcome, each policy value's result and the rule that
/// decided. Shared by [`evaluate_entry`] (which explains) and [`entry_holds`] (which does not).
fn judge<'a>(
    operator: &Operator,
    entry: &'a ConditionEntry,
    with_variables: bool,
    ctx: &RequestContext,
) -> Judged<'a> {
    let base = operator.base;
    let item = ctx.get(&entry.key.value);

    // One slot per policy value: the value ready to compare, what was noted, whether it
    // matched.
    let mut slots: Vec<Slot> = entry
        .values
        .iter()
        .map(|v| Slot {
            prepared: prepare(base, &v.value, with_variables, ctx),
            note: None,
            matched: false,
        })
        .collect();

    let (outcome, case) = if base == BaseOperator::Null {
        null_judged(entry, item.map(|i| &i.value), &mut slots)
    } else if let Some(item) = item {
        let values = item.value.values();
        match operator.set {
            None => {
                let mut any = false;
                for v in values {
                    any |= positive(base, v, &mut slots);
                }
                let outcome = if base.is_negated() { !any } else { any };
                (outcome, Case::Single { any })
            }
            Some(set) => set_judged(set, base, values, &mut slots),
        }
    } else {
        // A missing key: true with IfExists, ForAllValues and negated operators.
        let outcome = operator.if_exists
            || operator.set == Some(SetOperator::ForAllValues)
            || (operator.set.is_none() && base.is_negated());
        (outcome, Case::Missing)
    };
    Judged {
        outcome,
        slots,
        case,
    }
}

/// `Null`: true means the key must be absent, false present ("Null condition operator").
fn null_judged(
    entry: &ConditionEntry,
    value: Option<&ContextValue>,
    slots: &mut [Slot],
) -> (bool, Case) {
    let want_absent = entry
        .values
        .iter()
        .map(|v| v.value.eq_ignore_ascii_case("true"));
    // An empty string or an empty list counts as null ("IAM JSON policy elements:
    // Condition": "it is possible to include an empty string. In this case, the value in
    // the request context is null").
    let absent = value.is_none_or(|v| v.values().iter().all(String::is_empty));
    let mut outcome = false;
    for (i, wa) in want_absent.enumerate() {
        let m = wa == absent;
        if let Some(slot) = slots.get_mut(i) {
            slot.matched = m;
        }
        outcome |= m;
    }
    (outcome, Case::Null { absent })
}

/// `ForAnyValue:` / `ForAllValues:`: each request value tested with the operator.
fn set_judged(
    set: SetOperator,
    base: BaseOperator,
    values: &[String],
    slots: &mut [Slot],
) -> (bool, Case) {
    // "If the key values in the request resolve to an empty data set (for example,
    // an empty string), ForAllValues returns true, and ForAnyValue returns false."
    let values: &[String] = if values.iter().all(String::is_empty) {
        &[]
    } else {
        values
    };
    let per_value: Vec<bool> = values
        .iter()
        .map(|v| {
            let m = positive(base, v, slots);
            if base.is_negated() {
                !m
            } else {
                m
            }
        })
        .collect();
    let outcome = match set {
        SetOperator::ForAnyValue => per_value.iter().any(|b| *b),
        SetOperator::ForAllValues => per_value.iter().all(|b| *b),
    };
    let values = values.to_vec();
    (
        outcome,
        Case::Set {
            set,
            values,
            per_value,
        },
    )
}

/// Whether `entry` holds under `operator`, as [`evaluate_entry`] decides it, without the
/// explanation (for a decision that is not explained).
pub fn entry_holds(
    operator: &Operator,
    entry: &ConditionEntry,
    with_variables: bool,
    ctx: &RequestContext,
) -> bool {
    judge(operator, entry, with_variables, ctx).outcome
}

/// Evaluates `entry` under `operator`. `with_variables` is true under Version 2012-10-17.
pub fn evaluate_entry(
    operator: &Operator,
    entry: &ConditionEntry,
    with_variables: bool,
    ctx: &RequestContext,
    index: &crate::diagnostic::LineIndex,
) -> ConditionResult {
    let item = ctx.get(&entry.key.value);
    let request_values: Option<Vec<String>> = item.map(|i| i.value.values().to_vec());
    let value_source = item.map(|i| match i.source {
        Source::Request => "request",
        Source::Derived(_) => "derived",
    });
    let multivalued = matches!(item.map(|i| &i.value), Some(ContextValue::Multi(_)));
    let Judged {
        outcome,
        slots,
        case,
    } = judge(operator, entry, with_variables, ctx);

    let name = operator.name();
    let key = &entry.key.value;
    let reason = reason(
        operator,
        key,
        &case,
        outcome,
        request_values.as_deref(),
        multivalued,
    );

    let values = entry
        .values
        .iter()
        .zip(slots)
        .map(|(v, slot)| ValueComparison {
            value: v.value.as_str().to_owned(),
            resolved: slot.prepared.resolved,
            variables: slot.prepared.uses,
            matched: slot.matched,
            note: slot.note.as_ref().map(|m| m.render(Lang::En)),
            note_msg: slot.note,
            location: index.location(v.span),
        })
        .collect();

    ConditionResult {
        operator: name,
        key: key.as_str().to_owned(),
        key_present: item.is_some(),
        request_values,
        value_source,
        values,
        outcome,
        reason: reason.render(Lang::En),
        reason_msg: Some(reason),
        location: index.location(entry.span),
    }
}

/// Why the operator/key pair came out as it did, in a sentence (a catalog message).
fn reason(
    operator: &Operator,
    key: &str,
    case: &Case,
    outcome: bool,
    request_values: Option<&[String]>,
    multivalued: bool,
) -> Msg {
    let name = operator.name();
    let with_key = |k: &'static str| Msg::new(k).arg("key", key);
    let with_values = |k: &'static str, values: &[String]| {
        Msg::new(k)
            .list("values", quoted(values))
            .arg("operator", &name)
    };
    match case {
        Case::Null { absent: true } => with_key("explain.null.absent"),
        Case::Null { absent: false } => with_key("explain.null.present"),
        Case::Single { any } => single_reason(
            operator.base,
            &name,
            key,
            request_values.unwrap_or(&[]),
            multivalued,
            *any,
        ),
        Case::Set {
            set: SetOperator::ForAnyValue,
            values,
            ..
        } => match (values.is_empty(), outcome) {
            (true, _) => with_key("explain.any-value.empty"),
            (false, true) => with_values("explain.any-value.some", values),
            (false, false) => with_values("explain.any-value.none", values),
        },
        Case::Set {
            set: SetOperator::ForAllValues,
            values,
            per_value,
        } => match (values.is_empty(), outcome) {
            (true, _) => with_key("explain.all-values.empty"),
            (false, true) => with_values("explain.all-values.every", values),
            (false, false) => {
                let failing: Vec<String> = values
                    .iter()
                    .zip(per_value)
                    .filter(|(_, ok)| !**ok)
                    .map(|(v, _)| v.clone())
                    .collect();
                with_values("explain.all-values.failing", &failing)
            }
        },
        Case::Missing => with_key(if operator.if_exists {
            "explain.missing.if-exists"
        } else if operator.set == Some(SetOperator::ForAllValues) {
            "explain.missing.for-all-values"
        } else if operator.set == Some(SetOperator::ForAnyValue) {
            "explain.missing.for-any-value"
        } else if operator.base.is_negated() {
            "explain.missing.negated"
        } else {
            "explain.missing.plain"
        })
        .arg("operator", &name),
    }
}

/// No set operator: "`key` is `v`, which matches a value of StringEquals", one whole sentence
/// per case.
fn single_reason(
    base: BaseOperator,
    name: &str,
    key: &str,
    values: &[String],
    multivalued: bool,
    any: bool,
) -> Msg {
    let key_name = key;
    let key = match (multivalued, base.is_negated(), any) {
        (false, false, true) => "explain.single.matches",
        (false, false, false) => "explain.single.matches-none",
        (false, true, true) => "explain.single.negated-matches",
        (false, true, false) => "explain.single.negated-matches-none",
        (true, false, true) => "explain.multi.matches",
        (true, false, false) => "explain.multi.matches-none",
        (true, true, true) => "explain.multi.negated-matches",
        (true, true, false) => "explain.multi.negated-matches-none",
    };
    let msg = Msg::new(key).arg("key", key_name).arg("operator", name);
    if multivalued {
        msg.list("values", quoted(values))
    } else {
        msg.arg("value", values.first().map_or("", String::as_str))
    }
}

/// The values in backticks (a list the sentence's language joins).
fn quoted(values: &[String]) -> Vec<String> {
    values.iter().map(|v| format!("`{v}`")).collect()
}

/// Positive match of one request value against every policy value (any may match); records
/// in each slot whether it matched and why it could not be compared.
fn positive(base: BaseOperator, req: &str, slots: &mut [Slot]) -> bool {
    let mut any = false;
    for slot in slots.iter_mut() {
        let comparison = match &slot.prepared.value {
            None => {
                slot.note
                    .get_or_insert_with(|| Msg::new("explain.value.unresolved"));
                continue;
            }
            Some(Value::Text(t)) => compare_text(base, req, t),
            Some(Value::Substituted(v)) => compare(base, req, v),
        };
        match comparison {
            Comparison::Matched => {
                any = true;
                slot.matched = true;
            }
            Comparison::NotMatched => {}
            Comparison::Incomparable(why) => {
                slot.note.get_or_insert(why);
            }
        }
    }
    any
}
