//! Wildcard expansion: the actions an `Action` pattern covers, and the complement a
//! `NotAction` list leaves.
//!
//! Expansion uses the engine's own matcher ([`action_matches`]: case-insensitive, `*` and `?`
//! anywhere), so what the page lists under a pattern is exactly what evaluation matches.

use serde::Serialize;

use super::{cmp_ignore_case, Action, ActionRef, Catalog, Service};
use crate::decide::matching::action::action_matches;
use crate::decide::matching::wildcard::Pattern;

/// How many of a service's actions an expansion holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCount {
    /// The service prefix.
    pub prefix: String,
    /// Actions of the service in the expansion.
    pub count: usize,
    /// All actions of the service.
    pub total: usize,
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// The actions of `service` that `pattern` can cover. With a literal prefix (naming this
/// service), a name that starts with ASCII text before its first wildcard (`Describe` in
/// `ec2:Describe*`) covers only names that start with that text, ignoring ASCII case; the
/// actions are sorted by their lowercase names, so those are one run of the list, found by two
/// binary searches instead of matching every action (lint asks for every pattern of every
/// statement). Any other pattern may cover any action (a non-ASCII letter may fold to an ASCII
/// one).
fn candidate_actions<'s>(service: &'s Service, pattern: &str) -> &'s [Action] {
    let all = service.actions.as_slice();
    let name = match pattern.split_once(':') {
        Some((prefix, name)) if !has_wildcard(prefix) => name,
        _ => return all,
    };
    let literal = &name[..name.find(['*', '?']).unwrap_or(name.len())];
    if literal.is_empty() || !literal.is_ascii() || !service.ascii_names {
        return all;
    }
    let lower = literal.to_ascii_lowercase();
    let start = all.partition_point(|a| cmp_ignore_case(a.name(), &lower).is_lt());
    let rest = &all[start..];
    let starts_with = |a: &Action| {
        a.name()
            .as_bytes()
            .get(..lower.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(lower.as_bytes()))
    };
    &rest[..rest.partition_point(starts_with)]
}

impl Catalog {
    /// The services a pattern's prefix can name: one for a literal prefix (`iam:...`), every
    /// service otherwise (`*`, or a pattern with a wildcard before its colon).
    fn candidate_services(&self, pattern: &str) -> Vec<&Service> {
        match pattern.split_once(':') {
            Some((prefix, _)) if !has_wildcard(prefix) => {
                self.service(prefix).into_iter().collect()
            }
            _ => self.services.iter().collect(),
        }
    }

    /// The actions `pattern` covers, with their services, in catalog order.
    pub fn covered(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        if !has_wildcard(pattern) {
            return self.action(pattern).into_iter().collect();
        }
        // As `action_matches`, with the pattern parsed once.
        let parsed = Pattern::parse(pattern);
        let mut out = Vec::new();
        for service in self.candidate_services(pattern) {
            for action in candidate_actions(service, pattern) {
                if pattern == "*" || parsed.matches_ignore_case(&action.full_name) {
                    out.push(ActionRef { service, action });
                }
            }
        }
        out
    }

    /// Whether `pattern` covers at least one action (stops at the first).
    pub fn covers_any(&self, pattern: &str) -> bool {
        if !has_wildcard(pattern) {
            return self.action(pattern).is_some();
        }
        let parsed = Pattern::parse(pattern);
        self.candidate_services(pattern).iter().any(|s| {
            candidate_actions(s, pattern)
                .iter()
                .any(|a| pattern == "*" || parsed.matches_ignore_case(&a.full_name))
        })
    }

    /// The full names of the actions `pattern` covers (`iam:Pass*` → `iam:PassRole`, ...),
    /// sorted by service, then name.
    pub fn expand(&self, pattern: &str) -> Vec<&str> {
        self.covered(pattern)
            .into_iter()
            .map(|a| a.action.full_name.as_str())
            .collect()
    }

    /// What a `NotAction` list covers: every action of the catalog that none of `patterns`
    /// matches.
    pub fn expand_not(&self, patterns: &[&str]) -> Vec<&str> {
        self.services
            .iter()
            .flat_map(|s| s.actions.iter())
            .filter(|a| !patterns.iter().any(|p| action_matches(p, &a.full_name)))
            .map(|a| a.full_name.as_str())
            .collect()
    }

    /// Per service, how many of `actions` (full names, as [`Catalog::expand`] returns them)
    /// it holds, in catalog order.
    pub fn count_by_service(&self, actions: &[&str]) -> Vec<ServiceCount> {
        let mut out: Vec<ServiceCount> = Vec::new();
        for full in actions {
            let prefix = full.split_once(':').map_or(*full, |(p, _)| p);
            match out.last_mut() {
                Some(last) if last.prefix.eq_ignore_ascii_case(prefix) => last.count += 1,
                _ => out.push(ServiceCount {
                    prefix: prefix.to_string(),
                    count: 1,
                    total: self.service(prefix).map_or(0, |s| s.actions.len()),
                }),
            }
        }
        out
    }

    /// The names of a service's actions (without the prefix), for autocomplete.
    pub fn action_names(&self, prefix: &str) -> Vec<&str> {
        self.service(prefix)
            .map(|s| s.actions.iter().map(|a| a.name()).collect())
            .unwrap_or_default()
    }

    /// Every service prefix, sorted.
    pub fn service_prefixes(&self) -> Vec<&str> {
        self.services.iter().map(|s| s.prefix.as_str()).collect()
    }

    /// For an action `name` that `service` does not have: the closest action of the service
    /// (`PasRole` → `iam:PassRole`), else a service that has an action of exactly this name
    /// (`iam:GetObject` → `s3:GetObject`). The full name, as the catalog writes it.
    pub fn closest_action(&self, service: &Service, name: &str) -> Option<String> {
        let names = self.action_names(&service.prefix);
        if let Some(close) = crate::diagnostic::did_you_mean(name, &names) {
            return Some(format!("{}:{close}", service.prefix));
        }
        self.services
            .iter()
            .find_map(|s| self.action(&format!("{}:{name}", s.prefix)))
            .map(|a| a.action.full_name.clone())
    }

    /// What an exact action (no wildcard) that is not in the catalog was probably meant to be:
    /// `iam:PasRole` → `iam:PassRole`, `iamm:PassRole` → `iam:PassRole`. `None` for an action
    /// the catalog has, a pattern, or nothing close.
    pub fn correct_action(&self, action: &str) -> Option<String> {
        let (prefix, name) = action.split_once(':')?;
        if has_wildcard(action) || self.action(action).is_some() || name.is_empty() {
            return None;
        }
        let service = match self.service(prefix) {
            Some(s) => s,
            None => {
                let prefixes = self.service_prefixes();
                let close = crate::diagnostic::did_you_mean(prefix, &prefixes)?;
                self.service(close)?
            }
        };
        match self.action(&format!("{}:{name}", service.prefix)) {
            Some(a) => Some(a.action.full_name.clone()),
            None => self.closest_action(service, name),
        }
    }
}
