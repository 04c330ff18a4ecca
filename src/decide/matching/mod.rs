//! Matching of actions, resources and principals.

pub mod action;
pub mod arn;
pub mod principal;
pub mod resource;
pub mod wildcard;

/// Converts variable uses into their result form (for explanations).
pub(crate) fn convert_uses(
    uses: &[crate::decide::variables::VariableUse],
) -> Vec<crate::answer::result::VariableUse> {
    uses.iter()
        .map(|u| crate::answer::result::VariableUse {
            text: u.text.clone(),
            key: u.key.clone(),
            value: u.value.clone(),
            used_default: u.used_default,
        })
        .collect()
}
