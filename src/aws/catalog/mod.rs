//! The AWS action catalog: every service prefix, action, resource type (with its ARN template)
//! and condition key (with its type), loaded at run time from `data/catalog.json`.
//!
//! The catalog is data, not code: the library never embeds it (the WebAssembly module stays
//! small, and the page fetches the file only when it needs it). [`Catalog::from_json`] reads
//! the compact format written by `scripts/catalog/generate.mjs` (see `docs/data-files.md`).
//!
//! ```
//! use iam_playground::aws::catalog::Catalog;
//!
//! let catalog = Catalog::from_json(r#"{
//!   "format": "iam-playground-catalog/1", "generated": "2026-01-01",
//!   "source": {"package": "example", "version": "1"},
//!   "globalKeys": [["aws:SourceIp", "IPAddress"]],
//!   "services": [{"prefix": "iam", "name": "IAM",
//!     "keys": [["iam:PassedToService", "String"]],
//!     "resources": [["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", []]],
//!     "actions": [["GetRole", "R", [0], []], ["PassRole", "W", [0], [0]]]}]
//! }"#).unwrap();
//! assert_eq!(catalog.expand("iam:Pass*"), ["iam:PassRole"]);
//! assert!(catalog.action("IAM:passrole").is_some());
//! ```

mod complete;
mod expand;
mod format;
mod keys;

use serde::Serialize;

pub use complete::{
    condition_operators, ActionInfo, ArnTemplate, Expansion, OperatorInfo, ServiceInfo,
};
pub use expand::ServiceCount;
pub use keys::{is_tag_key, FoundKey, KeyInfo, KeyScope, KeyType};

use crate::decide::matching::wildcard::Pattern;

/// Where the catalog came from, for the page's "data as of" line.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSource {
    /// The npm package the data was generated from.
    pub package: String,
    /// Its version.
    pub version: String,
    /// Its license (`MIT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Its copyright line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// The date of the upstream data (catalog: when the package's data last changed; managed
    /// policies: the newest policy update in the snapshot).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_date: Option<String>,
    /// The date the data file was generated (`YYYY-MM-DD`).
    pub generated: String,
}

/// One AWS service.
#[derive(Debug, Clone)]
pub struct Service {
    /// The service prefix (`iam`).
    pub prefix: String,
    /// The service's name (`AWS Identity and Access Management (IAM)`).
    pub name: String,
    /// Its actions, sorted by name (case-insensitively).
    pub actions: Vec<Action>,
    /// Its resource types.
    pub resource_types: Vec<ResourceType>,
    /// The condition keys its actions and resource types name.
    pub keys: Vec<ConditionKey>,
    /// True when the reference documents two services under this prefix and the data keeps
    /// only one's table (`apigateway`, `elasticloadbalancing`...): resource types and
    /// condition keys of its actions may be incomplete.
    pub partial: bool,
    /// True when every action name is ASCII (AWS's are): a pattern's literal start then
    /// narrows the actions it can cover to one run of the sorted list (`expand.rs`).
    pub(crate) ascii_names: bool,
}

/// One action of a service.
#[derive(Debug, Clone)]
pub struct Action {
    /// The full name, `iam:PassRole`.
    pub full_name: String,
    /// The access level: `List`, `Read`, `Write`, `Permissions management`, `Tagging`, or
    /// two of them joined by `, `.
    pub access_level: String,
    /// Indexes into the service's `resource_types`.
    resource_types: Vec<usize>,
    /// Indexes into the service's `keys`: the keys of the action itself.
    keys: Vec<usize>,
}

impl Action {
    /// The name without the service prefix (`PassRole`).
    pub fn name(&self) -> &str {
        self.full_name
            .split_once(':')
            .map_or(self.full_name.as_str(), |(_, n)| n)
    }
}

/// A resource type and the ARN template of its resources.
#[derive(Debug, Clone)]
pub struct ResourceType {
    /// Its name (`role`).
    pub name: String,
    /// Its ARN template (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`); a few
    /// types have several, separated by `, ` (see [`ResourceType::templates`]).
    pub arn: String,
    /// Indexes into the service's `keys`.
    keys: Vec<usize>,
}

impl ResourceType {
    /// Its ARN templates (most types have one).
    pub fn templates(&self) -> impl Iterator<Item = &str> {
        self.arn.split(", ").filter(|t| !t.is_empty())
    }
}

/// A condition key as the catalog lists it; names may hold placeholders
/// (`aws:ResourceTag/${TagKey}`).
#[derive(Debug, Clone)]
pub struct ConditionKey {
    /// The name as AWS writes it.
    pub name: String,
    /// Its type as the data writes it (`String`, `ArrayOfARN`, ...).
    pub type_name: String,
    /// The name as a case-insensitive pattern (placeholders match any text).
    pattern: Pattern,
}

impl ConditionKey {
    fn new(name: String, type_name: String) -> Self {
        let pattern = keys::template_pattern(&name);
        ConditionKey {
            name,
            type_name,
            pattern,
        }
    }

    /// Whether `key` (as written in a policy) is this key.
    pub fn matches(&self, key: &str) -> bool {
        self.pattern.matches_ignore_case(key)
    }

    /// Its type.
    pub fn key_type(&self) -> KeyType {
        KeyType::parse(&self.type_name).0
    }

    /// True for multivalued keys (`ArrayOf...`).
    pub fn multivalued(&self) -> bool {
        KeyType::parse(&self.type_name).1
    }
}

/// An action found in the catalog, with its service.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'c> {
    /// The service.
    pub service: &'c Service,
    /// The action.
    pub action: &'c Action,
}

impl<'c> ActionRef<'c> {
    /// The resource types the action acts on (empty: the action supports only `"Resource": "*"`).
    pub fn resource_types(&self) -> impl Iterator<Item = &'c ResourceType> + 'c {
        let service = self.service;
        self.action
            .resource_types
            .iter()
            .filter_map(move |&i| service.resource_types.get(i))
    }

    /// The service-listed condition keys the action supports: its own and those of its
    /// resource types. (Global keys such as `aws:SourceIp` apply to every action and are not
    /// listed here.)
    pub fn keys(&self) -> Vec<&'c ConditionKey> {
        let service = self.service;
        let mut idx: Vec<usize> = self.action.keys.clone();
        for rt in self.resource_types() {
            idx.extend(rt.keys.iter().copied());
        }
        idx.sort_unstable();
        idx.dedup();
        idx.into_iter()
            .filter_map(|i| service.keys.get(i))
            .collect()
    }
}

/// The whole catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    source: DataSource,
    /// Sorted by prefix.
    services: Vec<Service>,
    global_keys: Vec<ConditionKey>,
}

impl Catalog {
    /// Reads a catalog in the `iam-playground-catalog/1` format. Fails with a `catalog-data`
    /// error that says what is wrong when the text is not such a catalog (never panics,
    /// whatever the input).
    pub fn from_json(text: &str) -> Result<Catalog, crate::diagnostic::Diagnostic> {
        format::read(text).map_err(|message| {
            crate::diagnostic::Diagnostic::new(
                crate::diagnostic::Severity::Error,
                "catalog-data",
                message,
            )
            .with_help("use the `data/catalog.json` this version of the playground was built with")
        })
    }

    /// Where the data came from and when it was generated.
    pub fn source(&self) -> &DataSource {
        &self.source
    }

    /// Every service, sorted by prefix.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with this prefix (case-insensitive).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        let lower = prefix.to_ascii_lowercase();
        self.services
            .binary_search_by(|s| cmp_ignore_case(&s.prefix, &lower))
            .ok()
            .and_then(|i| self.services.get(i))
    }

    /// The action `service:Name` (case-insensitive, as AWS matches actions).
    pub fn action(&self, full_name: &str) -> Option<ActionRef<'_>> {
        let (prefix, name) = full_name.split_once(':')?;
        let service = self.service(prefix)?;
        let lower = name.to_ascii_lowercase();
        let i = service
            .actions
            .binary_search_by(|a| cmp_ignore_case(a.name(), &lower))
            .ok()?;
        Some(ActionRef {
            service,
            action: service.actions.get(i)?,
        })
    }

    /// The number of actions in the catalog.
    pub fn action_count(&self) -> usize {
        self.services.iter().map(|s| s.actions.len()).sum()
    }

    /// The global condition keys (`aws:SourceIp`, ...), which apply to every action.
    pub fn global_keys(&self) -> &[ConditionKey] {
        &self.global_keys
    }
}

/// Compares `a` lowercased with `lower` (already lowercase), byte by byte.
fn cmp_ignore_case(a: &str, lower: &str) -> std::cmp::Ordering {
    a.bytes().map(|b| b.to_ascii_lowercase()).cmp(lower.bytes())
}

#[cfg(test)]
pub(crate) mod tests;
