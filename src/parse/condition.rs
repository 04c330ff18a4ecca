//! The `Condition` element: operator → key → values ("IAM JSON policy elements: Condition",
//! "Condition operators").

use super::{at, scalar_text, Ctx};
use crate::decide::conditions::validate_value;
use crate::decide::conditions::{BaseOperator, Operator, OperatorError};
use crate::decide::variables::contains_variable;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Msg;
use crate::model::{ConditionBlock, ConditionEntry, PolicyVersion, Spanned, Str};
use crate::parse::json::{Json, JsonKind, JsonPath};

const SET_OPERATORS: &[&str] = &["ForAllValues", "ForAnyValue"];

pub(super) fn conditions(
    ctx: &mut Ctx,
    value: &Json,
    version: PolicyVersion,
    path: &JsonPath,
) -> Option<Vec<ConditionBlock>> {
    let members = ctx.object(value, path, Msg::new("parse.want.condition-operators"))?;
    let mut ok = true;
    let mut blocks = Vec::with_capacity(members.len());
    for m in members {
        let op_path = path.key(&m.key);
        let operator = match Operator::parse(&m.key) {
            Ok(op) => Some(op),
            Err(e) => {
                report_operator(ctx, &m.key, m.key_span, e, &op_path);
                ok = false;
                None
            }
        };
        let Some(keys) = ctx.object(&m.value, &op_path, Msg::new("parse.want.condition-keys"))
        else {
            ok = false;
            continue;
        };
        if keys.is_empty() {
            ctx.report(
                &op_path,
                Diagnostic::warning(
                    "empty-condition",
                    Msg::new("parse.empty-condition").arg("operator", &m.key),
                    m.value.span,
                )
                .with_help(Msg::new("parse.empty-condition.help")),
            );
        }
        let mut entries = Vec::with_capacity(keys.len());
        for k in keys {
            let key_path = op_path.key(&k.key);
            let Some(values) = condition_values(ctx, &k.value, &key_path) else {
                ok = false;
                continue;
            };
            if let Some(op) = operator {
                ok &= check_values(ctx, op, &values, &k.value, version, &key_path);
            }
            entries.push(ConditionEntry {
                key: Spanned::new(Str::from(&*k.key), k.key_span),
                values,
                span: k.span(),
            });
        }
        if let Some(op) = operator {
            blocks.push(ConditionBlock {
                operator: Spanned::new(op, m.key_span),
                entries,
                span: m.span(),
            });
        }
    }
    ok.then_some(blocks)
}

fn report_operator(
    ctx: &mut Ctx,
    name: &str,
    span: crate::diagnostic::Span,
    error: OperatorError,
    path: &JsonPath,
) {
    let d = match error {
        OperatorError::UnknownSetOperator(prefix) => {
            // With only two set operators, name both rather than guess.
            let help = match SET_OPERATORS
                .iter()
                .find(|s| s.eq_ignore_ascii_case(&prefix))
            {
                Some(s) => Msg::new("parse.did-you-mean.operator").arg("name", format!("{s}:")),
                None => Msg::new("parse.unknown-set-operator.help"),
            };
            Diagnostic::error(
                "unknown-operator",
                Msg::new("parse.unknown-set-operator")
                    .arg("prefix", format!("{prefix}:"))
                    .arg("name", name),
                span,
            )
            .with_help(help)
        }
        OperatorError::UnknownOperator(suggestion) => {
            let base = name.rsplit(':').next().unwrap_or(name);
            let base = base.strip_suffix("IfExists").unwrap_or(base);
            let help = match suggestion {
                Some(s) if s.eq_ignore_ascii_case(base) => {
                    Msg::new("parse.did-you-mean.operator").arg("name", s)
                }
                Some(s) => Msg::new("help.did-you-mean").arg("name", s),
                None => Msg::new("parse.unknown-operator.help"),
            };
            Diagnostic::error(
                "unknown-operator",
                Msg::new("parse.unknown-operator").arg("name", name),
                span,
            )
            .with_help(help)
        }
        OperatorError::NullIfExists => {
            Diagnostic::error("unknown-operator", Msg::new("parse.null-if-exists"), span)
                .with_help(Msg::new("parse.null-if-exists.help"))
        }
    };
    ctx.report(path, d);
}

/// A string, number or boolean, or a non-empty array of them.
fn condition_values(ctx: &mut Ctx, value: &Json, path: &JsonPath) -> Option<Vec<Spanned<Str>>> {
    if let Some(text) = scalar_text(value) {
        return Some(vec![Spanned::new(text, value.span)]);
    }
    let JsonKind::Array(items) = &value.kind else {
        ctx.wrong_type(value, path, Msg::new("parse.want.condition-values"));
        return None;
    };
    if items.is_empty() {
        ctx.report(
            path,
            Diagnostic::error("empty-value", Msg::new("parse.empty-array"), value.span)
                .with_help(Msg::new("parse.empty-array.help.condition")),
        );
        return None;
    }
    let mut ok = true;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match scalar_text(item) {
            Some(text) => out.push(Spanned::new(text, item.span)),
            None => {
                ctx.wrong_type(item, &path.index(i), Msg::new("parse.want.scalar"));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Checks the values of one key against its operator; true when all are valid.
fn check_values(
    ctx: &mut Ctx,
    op: Operator,
    values: &[Spanned<Str>],
    value: &Json,
    version: PolicyVersion,
    path: &JsonPath,
) -> bool {
    let mut ok = true;
    let in_array = matches!(value.kind, JsonKind::Array(_));
    for (i, v) in values.iter().enumerate() {
        let value_path = &at(path, in_array.then_some(i));
        let text = v.value.as_str();
        if version.has_variables() {
            if !ctx.variable_syntax(text, v.span, value_path) {
                ok = false;
                continue;
            }
            if contains_variable(text) {
                if !op.base.supports_variables() {
                    ctx.report(
                        value_path,
                        Diagnostic::error(
                            "variable-not-allowed",
                            Msg::new("parse.variable-not-allowed").arg("operator", op.name()),
                            v.span,
                        )
                        .with_help(Msg::new("parse.variable-not-allowed.help")),
                    );
                    ok = false;
                }
                // The substituted value is known only at evaluation.
                continue;
            }
        }
        if let Err(expected) = validate_value(op.base, text) {
            let d = Diagnostic::error(
                "invalid-condition-value",
                Msg::new("parse.invalid-condition-value")
                    .arg("value", text)
                    .arg("operator", op.name()),
                v.span,
            )
            .with_help(expected);
            if op.base == BaseOperator::Bool {
                // "Condition operators" names only "true" and "false"; what AWS does with other
                // spellings is not documented, so warn rather than reject.
                ctx.report(value_path, d.with_severity(Severity::Warning));
            } else {
                ctx.report(value_path, d);
                ok = false;
            }
        }
    }
    ok
}
