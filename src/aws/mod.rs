//! The AWS data a host may hand the core: the action catalog and the managed policies.
//!
//! Both are loaded at run time (the library never embeds them), so every entry point works
//! without them and does more with them: [`crate::evaluate_with`] resolves
//! `{"managed": "Name"}`, [`crate::tools::lint::lint_with`] checks actions, resources and condition
//! keys against the catalog.

pub mod catalog;
pub mod managed;

use crate::aws::catalog::Catalog;
use crate::aws::managed::ManagedPolicies;

/// Borrowed AWS data; `AwsData::default()` holds none.
#[derive(Debug, Clone, Copy, Default)]
pub struct AwsData<'a> {
    /// The action catalog (`data/catalog.json`).
    pub catalog: Option<&'a Catalog>,
    /// The AWS managed policies (`data/managed-policies.json`).
    pub managed: Option<&'a ManagedPolicies>,
}
