//! `Resource` / `NotResource` matching.
//!
//! "IAM JSON policy elements: Resource": ARNs are case-sensitive; `*` and `?` are wildcards
//! within each colon-separated part, and in the resource part `*` also crosses `/`. A lone
//! `*` matches every resource. Under Version 2012-10-17, policy variables are substituted
//! first; a variable with no value makes the value match nothing ("Policy variables with no
//! value").

use super::arn::{arn_matches, arn_text_matches};
use crate::answer::result::VariableUse;
use crate::decide::variables;

/// The outcome of matching one resource pattern.
#[derive(Debug, Clone)]
pub struct ResourceMatch {
    /// Whether the pattern covers the resource.
    pub matched: bool,
    /// The pattern after variable substitution, when it had variables.
    pub resolved: Option<String>,
    /// The variables it used.
    pub variables: Vec<VariableUse>,
    /// True when a variable had no value (the pattern then matches nothing).
    pub unresolved: bool,
}

/// Matches one `Resource` pattern against the requested resource.
pub fn resource_matches(
    pattern: &str,
    resource: &str,
    with_variables: bool,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> ResourceMatch {
    if pattern == "*" {
        return ResourceMatch {
            matched: true,
            resolved: None,
            variables: Vec::new(),
            unresolved: false,
        };
    }
    if with_variables && variables::contains_variable(pattern) {
        let r = variables::resolve(pattern, true, lookup);
        let uses = super::convert_uses(&r.uses);
        return match r.pattern {
            Some(p) => ResourceMatch {
                matched: arn_matches(&p, resource),
                resolved: Some(p.to_string()),
                variables: uses,
                unresolved: false,
            },
            None => ResourceMatch {
                matched: false,
                resolved: None,
                variables: uses,
                unresolved: true,
            },
        };
    }
    ResourceMatch {
        matched: arn_text_matches(pattern, resource),
        resolved: None,
        variables: Vec::new(),
        unresolved: false,
    }
}
