//! What the page's autocomplete and hovers show, as plain serializable data: services,
//! actions, ARN templates, condition operators, and the expansion of a pattern.

use serde::Serialize;

use super::{Catalog, ServiceCount};
use crate::decide::conditions::{BaseOperator, Family};

/// A service, for autocomplete.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfo<'c> {
    /// The prefix (`iam`).
    pub prefix: &'c str,
    /// The name (`AWS Identity and Access Management (IAM)`).
    pub name: &'c str,
    /// How many actions it has.
    pub action_count: usize,
}

/// An action, for autocomplete.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionInfo<'c> {
    /// `iam:PassRole`.
    pub full_name: &'c str,
    /// `PassRole`.
    pub name: &'c str,
    /// `Write`, `Read`, `List`, `Permissions management`, `Tagging` (or two of them).
    pub access_level: &'c str,
}

/// A resource type an action acts on, with its ARN template, for the `Resource` field.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArnTemplate<'c> {
    /// The resource type (`role`).
    pub resource_type: &'c str,
    /// The template (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`).
    pub arn: &'c str,
}

/// A condition operator, for autocomplete.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorInfo {
    /// As AWS spells it (`StringEquals`).
    pub name: &'static str,
    /// Its family (`String`, `Numeric`, `Date`, `Bool`, `Binary`, `Ip`, `Arn`, `Null`).
    pub family: Family,
    /// True for the negated operators (`StringNotEquals`).
    pub negated: bool,
    /// Whether `IfExists` may follow it (every operator but `Null`).
    pub if_exists: bool,
}

/// Every base condition operator, in the order of "Condition operators". Set operators
/// (`ForAllValues:`, `ForAnyValue:`) may prefix any of them.
pub fn condition_operators() -> Vec<OperatorInfo> {
    BaseOperator::ALL
        .iter()
        .map(|op| OperatorInfo {
            name: op.name(),
            family: op.family(),
            negated: op.is_negated(),
            if_exists: *op != BaseOperator::Null,
        })
        .collect()
}

/// What an `Action` pattern, or a `NotAction` list, covers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expansion<'c> {
    /// The patterns expanded.
    pub patterns: Vec<String>,
    /// True for a `NotAction` list: the actions it leaves.
    pub not_action: bool,
    /// How many actions in all.
    pub count: usize,
    /// How many per service.
    pub services: Vec<ServiceCount>,
    /// The actions (the first `limit` when a limit was given).
    pub actions: Vec<&'c str>,
    /// True when `actions` holds fewer than `count`.
    pub truncated: bool,
}

impl Catalog {
    /// Every service, sorted by prefix.
    pub fn service_list(&self) -> Vec<ServiceInfo<'_>> {
        self.services
            .iter()
            .map(|s| ServiceInfo {
                prefix: &s.prefix,
                name: &s.name,
                action_count: s.actions.len(),
            })
            .collect()
    }

    /// The actions of a service (case-insensitive prefix), sorted by name.
    pub fn action_list(&self, prefix: &str) -> Vec<ActionInfo<'_>> {
        self.service(prefix)
            .map(|s| {
                s.actions
                    .iter()
                    .map(|a| ActionInfo {
                        full_name: &a.full_name,
                        name: a.name(),
                        access_level: &a.access_level,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The ARN templates of the resource types an action acts on (empty: only `*`).
    pub fn arn_templates(&self, action: &str) -> Vec<ArnTemplate<'_>> {
        let Some(a) = self.action(action) else {
            return Vec::new();
        };
        a.resource_types()
            .flat_map(|rt| {
                rt.templates().map(move |arn| ArnTemplate {
                    resource_type: &rt.name,
                    arn,
                })
            })
            .collect()
    }

    /// The expansion of `patterns`: the actions any of them covers (`not_action`: the actions
    /// none of them covers), sorted, at most `limit` listed.
    pub fn expansion(
        &self,
        patterns: &[&str],
        not_action: bool,
        limit: Option<usize>,
    ) -> Expansion<'_> {
        let mut actions: Vec<&str> = if not_action {
            self.expand_not(patterns)
        } else {
            let mut all: Vec<(usize, &str)> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for p in patterns {
                for a in self.covered(p) {
                    if seen.insert(std::ptr::from_ref(a.action)) {
                        all.push((self.service_index(&a.service.prefix), &a.action.full_name));
                    }
                }
            }
            all.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then_with(|| x.1.to_ascii_lowercase().cmp(&y.1.to_ascii_lowercase()))
            });
            all.into_iter().map(|(_, a)| a).collect()
        };
        let count = actions.len();
        let services = self.count_by_service(&actions);
        let truncated = limit.is_some_and(|l| l < count);
        if let Some(l) = limit {
            actions.truncate(l);
        }
        Expansion {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            not_action,
            count,
            services,
            actions,
            truncated,
        }
    }

    fn service_index(&self, prefix: &str) -> usize {
        self.services
            .iter()
            .position(|s| s.prefix == prefix)
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::small;
    use super::*;

    #[test]
    fn completion_data() {
        let c = small();
        let services: Vec<&str> = c.service_list().iter().map(|s| s.prefix).collect();
        assert_eq!(services, ["ec2", "iam"]);
        let actions: Vec<&str> = c.action_list("IAM").iter().map(|a| a.full_name).collect();
        assert_eq!(
            actions,
            [
                "iam:GetRole",
                "iam:GetUser",
                "iam:ListRoles",
                "iam:PassRole"
            ]
        );
        assert_eq!(c.action_list("iam")[0].access_level, "Read");
        let t = c.arn_templates("iam:passrole");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].resource_type, "role");
        assert!(c.arn_templates("iam:ListRoles").is_empty());
        let ops = condition_operators();
        assert!(ops.iter().any(|o| o.name == "StringEquals" && o.if_exists));
        assert!(ops.iter().any(|o| o.name == "Null" && !o.if_exists));
    }

    #[test]
    fn expansion_counts_and_limits() {
        let c = small();
        let e = c.expansion(&["ec2:*Instances", "iam:Pass*"], false, Some(2));
        assert_eq!(e.count, 5);
        assert!(e.truncated);
        assert_eq!(e.actions, ["ec2:DescribeInstances", "ec2:RunInstances"]);
        assert_eq!(e.services.len(), 2);
        // A `NotAction` list: everything it does not name.
        let e = c.expansion(&["iam:*"], true, None);
        assert_eq!(e.count, 4);
        assert!(e.actions.iter().all(|a| a.starts_with("ec2:")));
    }
}
