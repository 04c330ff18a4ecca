//! Reading `data/catalog.json` (format `iam-playground-catalog/1`, see `docs/data-files.md`).
//!
//! The file is compact: each service lists its condition keys and resource types once, and
//! actions refer to them by index:
//!
//! ```json
//! {"prefix": "iam", "name": "AWS Identity and Access Management (IAM)",
//!  "keys": [["iam:PassedToService", "String"], ...],
//!  "resources": [["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", [KEY, ...]]],
//!  "actions": [["PassRole", "W", [RESOURCE, ...], [KEY, ...]], ...]}
//! ```
//!
//! Every index is checked, so a damaged file is an error, never a panic.

use serde::Deserialize;

use super::{cmp_ignore_case, Action, Catalog, ConditionKey, DataSource, ResourceType, Service};

/// The format name this reader accepts.
pub const FORMAT: &str = "iam-playground-catalog/1";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCatalog {
    format: String,
    source: RawSource,
    generated: String,
    global_keys: Vec<(String, String)>,
    services: Vec<RawService>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    package: String,
    version: String,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    copyright: Option<String>,
    #[serde(default)]
    data_updated_at: Option<String>,
}

#[derive(Deserialize)]
struct RawService {
    prefix: String,
    name: String,
    #[serde(default)]
    partial: bool,
    keys: Vec<(String, String)>,
    resources: Vec<(String, String, Vec<usize>)>,
    actions: Vec<(String, String, Vec<usize>, Vec<usize>)>,
}

/// Access levels as the file abbreviates them.
fn access_level(code: &str) -> String {
    let names: Vec<&str> = code
        .chars()
        .map(|c| match c {
            'L' => "List",
            'R' => "Read",
            'W' => "Write",
            'P' => "Permissions management",
            'T' => "Tagging",
            _ => "Unknown",
        })
        .collect();
    names.join(", ")
}

fn check_indexes(list: &[usize], len: usize, what: &str, owner: &str) -> Result<(), String> {
    match list.iter().find(|&&i| i >= len) {
        Some(i) => Err(format!(
            "the catalog is damaged: `{owner}` refers to {what} {i}, but there are only {len}"
        )),
        None => Ok(()),
    }
}

pub(super) fn read(text: &str) -> Result<Catalog, String> {
    let raw: RawCatalog =
        serde_json::from_str(text).map_err(|e| format!("not a catalog file: {e}"))?;
    if raw.format != FORMAT {
        return Err(format!(
            "unsupported catalog format `{}` (this engine reads `{FORMAT}`)",
            raw.format
        ));
    }
    let mut services = Vec::with_capacity(raw.services.len());
    for s in raw.services {
        let prefix = s.prefix;
        let keys: Vec<ConditionKey> = s
            .keys
            .into_iter()
            .map(|(name, ty)| ConditionKey::new(name, ty))
            .collect();
        let mut resource_types = Vec::with_capacity(s.resources.len());
        for (name, arn, key_idx) in s.resources {
            check_indexes(&key_idx, keys.len(), "condition key", &name)?;
            resource_types.push(ResourceType {
                name,
                arn,
                keys: key_idx,
            });
        }
        let mut actions = Vec::with_capacity(s.actions.len());
        for (name, access, rt_idx, key_idx) in s.actions {
            let full_name = format!("{prefix}:{name}");
            check_indexes(&rt_idx, resource_types.len(), "resource type", &full_name)?;
            check_indexes(&key_idx, keys.len(), "condition key", &full_name)?;
            actions.push(Action {
                full_name,
                access_level: access_level(&access),
                resource_types: rt_idx,
                keys: key_idx,
            });
        }
        actions.sort_by(|a, b| cmp_ignore_case(a.name(), &b.name().to_ascii_lowercase()));
        let ascii_names = actions.iter().all(|a| a.full_name.is_ascii());
        services.push(Service {
            prefix,
            name: s.name,
            actions,
            resource_types,
            keys,
            partial: s.partial,
            ascii_names,
        });
    }
    services.sort_by(|a, b| cmp_ignore_case(&a.prefix, &b.prefix.to_ascii_lowercase()));
    let global_keys = raw
        .global_keys
        .into_iter()
        .map(|(name, ty)| ConditionKey::new(name, ty))
        .collect();
    Ok(Catalog {
        source: DataSource {
            package: raw.source.package,
            version: raw.source.version,
            license: raw.source.license,
            copyright: raw.source.copyright,
            data_date: raw.source.data_updated_at,
            generated: raw.generated,
        },
        services,
        global_keys,
    })
}
