//! Deciding a request: the principal and the request context, matching actions, resources and
//! principals, conditions and policy variables, one statement at a time, then the layered
//! decision and the warnings reported beside it.

pub mod conditions;
pub mod context;
pub mod decision;
pub mod layers;
pub mod matching;
pub mod principal;
pub mod statement;
pub mod variables;
pub mod verdict;
pub mod warnings;
