//! Condition keys: their types, how a written key finds its catalog entry, and which keys a
//! set of actions supports.
//!
//! Key names are case-insensitive ("IAM JSON policy elements: Condition": "Condition key names
//! are not case-sensitive"). Catalog names may hold placeholders, `aws:ResourceTag/${TagKey}`
//! or `s3:ExistingObjectTag/<key>`: a placeholder stands for any text.

use serde::Serialize;

use super::{ActionRef, Catalog, ConditionKey, Service};
use crate::decide::conditions::Family;
use crate::decide::matching::wildcard::Pattern;

/// The data type of a condition key, from the Service Authorization Reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KeyType {
    /// `String`.
    String,
    /// `ARN`.
    Arn,
    /// `Numeric`.
    Numeric,
    /// `Date`.
    Date,
    /// `Bool`.
    Bool,
    /// `IPAddress`.
    IpAddress,
    /// `Binary`.
    Binary,
    /// A type this engine does not know: no type checks.
    Unknown,
}

impl KeyType {
    /// Reads a type as the data writes it; the flag is true for `ArrayOf...` (multivalued).
    pub fn parse(text: &str) -> (KeyType, bool) {
        let (base, multi) = match text.strip_prefix("ArrayOf") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let ty = match base {
            "String" => KeyType::String,
            "ARN" | "Arn" => KeyType::Arn,
            "Numeric" | "Number" | "Long" | "Integer" => KeyType::Numeric,
            "Date" => KeyType::Date,
            "Bool" | "Boolean" => KeyType::Bool,
            "IPAddress" | "IpAddress" => KeyType::IpAddress,
            "Binary" => KeyType::Binary,
            _ => KeyType::Unknown,
        };
        (ty, multi)
    }

    /// The operator families meant for this type. (`Null` suits every key and is not listed.)
    /// ARN keys also take the String operators ("Condition operators": "Amazon Resource Name
    /// (ARN) condition operators ... you can also use string operators"); a playground reading
    /// for `aws:EpochTime` (type `Date, Numeric` in "AWS global condition context keys") is
    /// handled by the caller.
    pub fn families(self) -> &'static [Family] {
        match self {
            // A string may hold an ARN; AWS's own policies compare such keys with `ArnLike`
            // (`kms:EncryptionContext:aws:s3:arn`).
            KeyType::String => &[Family::String, Family::Arn],
            KeyType::Arn => &[Family::Arn, Family::String],
            KeyType::Numeric => &[Family::Numeric],
            KeyType::Date => &[Family::Date],
            KeyType::Bool => &[Family::Bool],
            KeyType::IpAddress => &[Family::Ip],
            KeyType::Binary => &[Family::Binary],
            KeyType::Unknown => &[
                Family::String,
                Family::Numeric,
                Family::Date,
                Family::Bool,
                Family::Binary,
                Family::Ip,
                Family::Arn,
            ],
        }
    }
}

/// A catalog key name as a case-insensitive pattern: `${...}` and `<...>` placeholders match
/// any text.
pub(super) fn template_pattern(name: &str) -> Pattern {
    let mut p = Pattern::empty(false);
    let mut rest = name;
    while !rest.is_empty() {
        let next = rest
            .find("${")
            .map(|i| (i, '}'))
            .into_iter()
            .chain(rest.find('<').map(|i| (i, '>')));
        let Some((start, close)) = next.min_by_key(|(i, _)| *i) else {
            p.push_literal(rest);
            break;
        };
        let Some(len) = rest.get(start..).and_then(|r| r.find(close)) else {
            p.push_literal(rest);
            break;
        };
        p.push_literal(rest.get(..start).unwrap_or(""));
        p.push_any_run();
        rest = rest.get(start + len + 1..).unwrap_or("");
    }
    p
}

/// Whether a key is only in the request context for the actions that list it, although its
/// name is global: the tag keys ("Controlling access to AWS resources using tags": a service
/// supports `aws:ResourceTag`, `aws:RequestTag` and `aws:TagKeys` per action).
pub fn is_tag_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("aws:resourcetag/") || k.starts_with("aws:requesttag/") || k == "aws:tagkeys"
}

/// Where a condition key is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyScope {
    /// A global key (`aws:SourceIp`): every action has it.
    Global,
    /// A key of one service (`iam:PassedToService`).
    Service,
}

/// A condition key, ready for autocomplete and hover.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    /// The name, with placeholders (`aws:ResourceTag/${TagKey}`).
    pub name: String,
    /// The type as the data writes it (`String`, `ArrayOfARN`...).
    #[serde(rename = "type")]
    pub type_name: String,
    /// True for multivalued keys: use them with `ForAnyValue:` / `ForAllValues:`.
    pub multivalued: bool,
    /// Global or service-specific.
    pub scope: KeyScope,
}

impl KeyInfo {
    fn new(key: &ConditionKey, scope: KeyScope) -> Self {
        KeyInfo {
            name: key.name.clone(),
            type_name: key.type_name.clone(),
            multivalued: key.multivalued(),
            scope,
        }
    }
}

/// A key found in the catalog.
#[derive(Debug, Clone, Copy)]
pub struct FoundKey<'c> {
    /// The catalog's entry.
    pub key: &'c ConditionKey,
    /// Global, or the service whose table lists it.
    pub service: Option<&'c Service>,
}

impl Catalog {
    /// The catalog entry of a key as written in a policy: a global key, or a key of the
    /// service its prefix names. Exact names win over placeholder matches.
    pub fn find_key(&self, key: &str) -> Option<FoundKey<'_>> {
        let exact = |k: &&ConditionKey| k.name.eq_ignore_ascii_case(key);
        fn global(k: &ConditionKey) -> FoundKey<'_> {
            FoundKey {
                key: k,
                service: None,
            }
        }
        if let Some(k) = self.global_keys.iter().find(exact) {
            return Some(global(k));
        }
        let service = key.split_once(':').and_then(|(p, _)| self.service(p));
        if let Some(s) = service {
            if let Some(k) = s.keys.iter().find(exact) {
                return Some(FoundKey {
                    key: k,
                    service: Some(s),
                });
            }
        }
        if let Some(k) = self.global_keys.iter().find(|k| k.matches(key)) {
            return Some(global(k));
        }
        let s = service?;
        s.keys.iter().find(|k| k.matches(key)).map(|k| FoundKey {
            key: k,
            service: Some(s),
        })
    }

    /// Whether the request context of `action` can hold `key`: global keys (other than the
    /// tag keys) always can; other keys when the action or one of its resource types lists
    /// them.
    pub fn action_supports_key(&self, action: ActionRef<'_>, key: &str) -> bool {
        let global = self.global_keys.iter().any(|k| k.matches(key));
        if global && !is_tag_key(key) {
            return true;
        }
        action.keys().iter().any(|k| k.matches(key))
    }

    /// The condition keys valid for a statement whose `Action` holds `patterns`: the global
    /// keys, then the keys of every action the patterns cover (each name once, sorted).
    pub fn keys_for_actions(&self, patterns: &[&str]) -> Vec<KeyInfo> {
        let mut seen = std::collections::HashSet::new();
        let mut tag_keys = Vec::new();
        let mut service_keys = Vec::new();
        for action in patterns.iter().flat_map(|p| self.covered(p)) {
            for k in action.keys() {
                if !seen.insert(k.name.to_ascii_lowercase()) {
                    continue;
                }
                // The tag keys have global names but belong to the actions that list them.
                if is_tag_key(&k.name) {
                    tag_keys.push(KeyInfo::new(k, KeyScope::Global));
                } else if !self
                    .global_keys
                    .iter()
                    .any(|g| g.name.eq_ignore_ascii_case(&k.name))
                {
                    service_keys.push(KeyInfo::new(k, KeyScope::Service));
                }
            }
        }
        service_keys.sort_by(|a, b| a.name.cmp(&b.name));
        let mut out: Vec<KeyInfo> = self
            .global_keys
            .iter()
            .filter(|k| !is_tag_key(&k.name))
            .map(|k| KeyInfo::new(k, KeyScope::Global))
            .collect();
        out.extend(tag_keys);
        out.extend(service_keys);
        out
    }
}
