//! Condition operators and their evaluation.

pub mod arn;
pub mod binary;
pub mod boolean;
pub mod compare;
pub mod date;
mod eval;
pub mod ip;
pub mod numeric;
mod operator;
pub mod string;

pub use compare::{compare, validate_value, Comparison, PolicyValue};
pub use eval::evaluate_entry;
pub use operator::{BaseOperator, Family, Operator, OperatorError, SetOperator};
