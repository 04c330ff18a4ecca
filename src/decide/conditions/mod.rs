//! Condition operators and their evaluation.

pub mod arn;
pub mod binary;
pub mod boolean;
pub mod compare;
pub mod date;
mod eval;
pub mod ip;
pub mod numeric;
pub mod string;

/// The operator table is part of the model (a policy's condition names an operator).
pub use crate::model::operator::{BaseOperator, Family, Operator, OperatorError, SetOperator};
pub use compare::{compare, validate_value, Comparison, PolicyValue};
pub use eval::{entry_holds, evaluate_entry};
