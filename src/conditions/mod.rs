//! Condition operators and their evaluation.

mod operator;

pub use operator::{BaseOperator, Family, Operator, OperatorError, SetOperator};
