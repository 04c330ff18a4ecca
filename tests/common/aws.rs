//! The repository's AWS data (`data/catalog.json`, `data/managed-policies.json`), read once per
//! test binary (`#[path = "common/aws.rs"] mod aws;`).
// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::sync::OnceLock;

use iam_playground::aws::catalog::Catalog;
use iam_playground::aws::managed::ManagedPolicies;
use iam_playground::AwsData;

/// The action catalog.
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::from_json(include_str!("../../data/catalog.json")).unwrap())
}

/// The AWS managed policies.
pub fn managed() -> &'static ManagedPolicies {
    static M: OnceLock<ManagedPolicies> = OnceLock::new();
    M.get_or_init(|| {
        ManagedPolicies::from_json(include_str!("../../data/managed-policies.json")).unwrap()
    })
}

/// Both, as the engine takes them.
pub fn data() -> AwsData<'static> {
    AwsData {
        catalog: Some(catalog()),
        managed: Some(managed()),
    }
}
