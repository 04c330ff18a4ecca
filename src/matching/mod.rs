//! Matching of actions, resources and principals.

pub mod wildcard;
