//! Matching of actions, resources and principals.

pub mod arn;
pub mod wildcard;
