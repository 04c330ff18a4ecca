//! AWS managed policies by name, loaded at run time from `data/managed-policies.json`.
//!
//! A scenario may write `{"managed": "AmazonEC2FullAccess"}` wherever a policy may stand; the
//! parser looks the name up here (see [`crate::evaluate_with`]). The library never embeds the
//! documents: the CLI carries the data file, the page fetches it when a scenario needs it.
//!
//! ```
//! use iam_playground::aws::managed::ManagedPolicies;
//!
//! let managed = ManagedPolicies::from_json(r#"{
//!   "format": "iam-playground-managed-policies/1", "generated": "2026-01-01",
//!   "source": {"package": "example", "version": "1"},
//!   "policies": [{"name": "ReadOnly", "arn": "arn:aws:iam::aws:policy/ReadOnly",
//!                 "versionId": "v1", "updated": "2020-01-01T00:00:00Z",
//!                 "document": {"Version": "2012-10-17",
//!                              "Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}}]
//! }"#).unwrap();
//! assert!(managed.get("ReadOnly").unwrap().document.contains("s3:Get*"));
//! ```

use serde::Serialize;

use crate::aws::catalog::DataSource;
use crate::diagnostic::{did_you_mean, Span};
use crate::parse::json::{self, Json, JsonKind, Member};

/// The format name this reader accepts.
pub const FORMAT: &str = "iam-playground-managed-policies/1";

/// One managed policy, borrowed from the loaded file.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedPolicy<'m> {
    /// Its name (`AmazonEC2FullAccess`).
    pub name: &'m str,
    /// Its ARN (`arn:aws:iam::aws:policy/AmazonEC2FullAccess`).
    pub arn: &'m str,
    /// Its current version (`v7`).
    pub version_id: &'m str,
    /// When AWS last updated it.
    pub updated: &'m str,
    /// The document's JSON text, as it is in the data file.
    pub document: &'m str,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    arn: String,
    version_id: String,
    updated: String,
    document: Span,
}

/// The AWS managed policies of one snapshot.
#[derive(Debug, Clone, Default)]
pub struct ManagedPolicies {
    text: String,
    /// Sorted by name.
    entries: Vec<Entry>,
    source: DataSource,
}

/// Why a name is not a managed policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPolicy {
    /// A close name, if any (names are case-sensitive).
    pub suggestion: Option<String>,
}

impl UnknownPolicy {
    /// The `unknown-managed-policy` error for `name`, with the close name as help (unlocated:
    /// the caller points it at the name where it has one).
    pub fn diagnostic(&self, name: &str) -> crate::diagnostic::Diagnostic {
        use crate::i18n::Msg;
        let help = match &self.suggestion {
            Some(s) if s.eq_ignore_ascii_case(name) => {
                Msg::new("managed.did-you-mean.case").arg("name", s)
            }
            Some(s) => Msg::new("help.did-you-mean").arg("name", s),
            None => Msg::new("managed.unknown.help"),
        };
        crate::diagnostic::Diagnostic::new(
            crate::diagnostic::Severity::Error,
            "unknown-managed-policy",
            Msg::new("managed.unknown").arg("name", name),
        )
        .with_help(help)
    }
}

fn member<'j>(members: &'j [Member<'j>], key: &str) -> Option<&'j Json<'j>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

fn string(members: &[Member], key: &str) -> Option<String> {
    member(members, key)
        .and_then(Json::as_str)
        .map(str::to_string)
}

impl ManagedPolicies {
    /// Reads the `iam-playground-managed-policies/1` format. Fails with a
    /// `managed-policies-data` error that says what is wrong when the text is not such a file
    /// (never panics, whatever the input).
    pub fn from_json(text: &str) -> Result<ManagedPolicies, crate::diagnostic::Diagnostic> {
        ManagedPolicies::read(text).map_err(|message| {
            crate::diagnostic::Diagnostic::new(
                crate::diagnostic::Severity::Error,
                "managed-policies-data",
                message,
            )
            .with_help(
                "use the `data/managed-policies.json` this version of the playground was built with",
            )
        })
    }

    fn read(text: &str) -> Result<ManagedPolicies, String> {
        let root =
            json::parse(text).map_err(|d| format!("not a managed-policy file: {}", d.message))?;
        let bad = |what: &str| format!("not a managed-policy file: {what}");
        let members = root.as_object().ok_or_else(|| bad("expected an object"))?;
        let format = string(members, "format").ok_or_else(|| bad("no `format`"))?;
        if format != FORMAT {
            return Err(format!(
                "unsupported managed-policy format `{format}` (this engine reads `{FORMAT}`)"
            ));
        }
        let source = member(members, "source")
            .and_then(Json::as_object)
            .ok_or_else(|| bad("no `source`"))?;
        let source = DataSource {
            package: string(source, "package").unwrap_or_default(),
            version: string(source, "version").unwrap_or_default(),
            license: string(source, "license"),
            copyright: string(source, "copyright"),
            data_date: string(source, "snapshot"),
            generated: string(members, "generated").unwrap_or_default(),
        };
        let list = member(members, "policies")
            .and_then(Json::as_array)
            .ok_or_else(|| bad("no `policies` array"))?;
        let mut entries = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            let fields = p
                .as_object()
                .ok_or_else(|| bad(&format!("policy {i} is not an object")))?;
            let name =
                string(fields, "name").ok_or_else(|| bad(&format!("policy {i} has no name")))?;
            let document = member(fields, "document")
                .filter(|d| matches!(d.kind, JsonKind::Object(_)))
                .ok_or_else(|| bad(&format!("`{name}` has no document")))?;
            entries.push(Entry {
                arn: string(fields, "arn").unwrap_or_default(),
                version_id: string(fields, "versionId").unwrap_or_default(),
                updated: string(fields, "updated").unwrap_or_default(),
                document: document.span,
                name,
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(ManagedPolicies {
            text: text.to_string(),
            entries,
            source,
        })
    }

    /// Where the data came from; `data_date` is the snapshot date (the newest update).
    pub fn source(&self) -> &DataSource {
        &self.source
    }

    /// The number of policies.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn view<'m>(&'m self, e: &'m Entry) -> ManagedPolicy<'m> {
        ManagedPolicy {
            name: &e.name,
            arn: &e.arn,
            version_id: &e.version_id,
            updated: &e.updated,
            document: e.document.text(&self.text),
        }
    }

    /// The policy with this exact name (AWS policy names are case-sensitive).
    pub fn get(&self, name: &str) -> Option<ManagedPolicy<'_>> {
        let i = self
            .entries
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()?;
        self.entries.get(i).map(|e| self.view(e))
    }

    /// The policy with this name, or what is closest to it.
    pub fn lookup(&self, name: &str) -> Result<ManagedPolicy<'_>, UnknownPolicy> {
        if let Some(p) = self.get(name) {
            return Ok(p);
        }
        // A name also written as an ARN (`arn:aws:iam::aws:policy/service-role/X`).
        let short = name.rsplit('/').next().unwrap_or(name);
        if short != name {
            if let Some(p) = self.get(short) {
                return Ok(p);
            }
        }
        let same_case = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(short))
            .map(|e| e.name.clone());
        let suggestion = same_case.or_else(|| {
            let names: Vec<&str> = self.entries.iter().map(|e| e.name.as_str()).collect();
            did_you_mean(short, &names).map(str::to_string)
        });
        Err(UnknownPolicy { suggestion })
    }

    /// Every policy, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = ManagedPolicy<'_>> {
        self.entries.iter().map(|e| self.view(e))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The real snapshot, read once per test binary.
    pub(crate) fn real() -> &'static ManagedPolicies {
        static MANAGED: std::sync::OnceLock<ManagedPolicies> = std::sync::OnceLock::new();
        MANAGED.get_or_init(|| {
            ManagedPolicies::from_json(include_str!("../../data/managed-policies.json")).unwrap()
        })
    }

    #[test]
    fn finds_policies_and_suggests_names() {
        let m = real();
        assert!(m.len() > 1000);
        let ec2 = m.get("AmazonEC2FullAccess").unwrap();
        assert_eq!(ec2.arn, "arn:aws:iam::aws:policy/AmazonEC2FullAccess");
        assert!(ec2.document.starts_with('{') && ec2.document.contains("\"ec2:*\""));
        assert!(m.get("amazonec2fullaccess").is_none());
        assert_eq!(
            m.lookup("amazonec2fullaccess")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("AmazonEC2FullAccess")
        );
        assert_eq!(
            m.lookup("AmazonEC2FulAccess")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("AmazonEC2FullAccess")
        );
        assert_eq!(
            m.lookup("arn:aws:iam::aws:policy/AdministratorAccess")
                .unwrap()
                .name,
            "AdministratorAccess"
        );
        assert!(m.lookup("Banana").unwrap_err().suggestion.is_none());
        assert!(!m.source().version.is_empty());
    }

    #[test]
    fn damaged_files_are_errors() {
        for (text, want) in [
            ("[", "not a managed-policy file"),
            ("{}", "no `format`"),
            (r#"{"format": "x"}"#, "unsupported managed-policy format"),
            (
                r#"{"format": "iam-playground-managed-policies/1", "source": {}, "policies": [{"name": "A"}]}"#,
                "`A` has no document",
            ),
        ] {
            let e = ManagedPolicies::from_json(text).unwrap_err();
            assert_eq!(e.code, "managed-policies-data");
            assert!(e.message.contains(want), "{e:?}");
        }
    }
}
