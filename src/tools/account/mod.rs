//! Your account, offline: the output of `aws iam get-account-authorization-details`, read
//! into principals and the policies in force for each, turned into scenarios, and the
//! PassRole map ("who may pass which role to which service").
//!
//! ```
//! use iam_playground::tools::account::Account;
//!
//! let file = r#"{
//!   "UserDetailList": [{
//!     "UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
//!     "UserPolicyList": [{"PolicyName": "PassAnything", "PolicyDocument": {
//!       "Version": "2012-10-17",
//!       "Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}}],
//!     "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
//!   "GroupDetailList": [], "RoleDetailList": [], "Policies": []
//! }"#;
//! let account = Account::read(file.to_string(), None).unwrap();
//! let alice = account.find("alice").unwrap();
//! let in_force = account.in_force(alice);
//! assert_eq!(account.document(in_force.identity[0].doc).unwrap().name, "alice/inline/PassAnything");
//! ```
//!
//! The file is read with the span-keeping JSON reader, so a malformed or truncated file gets
//! an error with its line, column and JSON path, and so does an error inside a policy
//! document, in either of the forms the documents come in (JSON objects, as the AWS CLI
//! prints them, or URL-encoded JSON strings, as the API returns them: see [`encoded`]).
//!
//! What is in force for a principal ("Policy evaluation logic", IAM User Guide): its inline
//! policies, the managed policies attached to it, and for a user the inline and attached
//! policies of each of its groups; its permissions boundary. A customer managed policy is in
//! force in its default version (`DefaultVersionId` in `Policies`). An AWS managed policy is
//! taken from the file's `Policies` when the file holds it (the output lists the AWS managed
//! policies attached in the account), else from the built-in snapshot
//! ([`crate::aws::managed`]); a name in neither is left out with a note.

pub mod encoded;
mod gains;
pub mod passrole;
mod reach;
mod read;
mod scenario;

use serde::Serialize;

use crate::diagnostic::{did_you_mean, Diagnostic, Severity, Span};
use crate::i18n::{Lang, Msg};
use crate::model::Policy;

pub use passrole::{PassRoleMap, PassRoleRow};
pub use scenario::RequestSpec;

/// Index of a document in [`Account::documents`].
pub type DocId = usize;

/// Users and roles: the principals of an account that policies are attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    /// An IAM user.
    User,
    /// An IAM role.
    Role,
}

impl EntityKind {
    /// `user` or `role`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::User => "user",
            EntityKind::Role => "role",
        }
    }
}

/// Where a policy document comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Origin {
    /// An inline policy of a user, group or role.
    #[serde(rename_all = "camelCase")]
    Inline {
        /// `user/alice`, `group/developers`, `role/AppRole`.
        owner: String,
        /// The policy's name.
        policy_name: String,
    },
    /// A customer managed policy, in its default version.
    #[serde(rename_all = "camelCase")]
    CustomerManaged {
        /// Its ARN.
        arn: String,
        /// The default version (`v2`).
        version: String,
    },
    /// An AWS managed policy.
    #[serde(rename_all = "camelCase")]
    AwsManaged {
        /// Its name.
        name: String,
        /// Its ARN.
        arn: String,
        /// The version in force, when known (`v7`).
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<String>,
        /// True when the document came from the file; false: from the built-in snapshot.
        from_file: bool,
    },
    /// A role's trust policy (its resource-based policy for `sts:AssumeRole*`).
    #[serde(rename_all = "camelCase")]
    Trust {
        /// The role's name.
        role: String,
    },
}

/// How a document's text is kept, to write it into a scenario.
#[derive(Debug, Clone)]
enum DocText {
    /// A JSON object in the account file.
    File(Span),
    /// The decoded text of a document string (either form).
    Decoded(String),
    /// An AWS managed policy from the built-in snapshot: written `{"managed": name}`.
    Snapshot,
}

/// One policy document of the account.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its name as scenarios show it: `alice/inline/PassAnything`,
    /// `arn:aws:iam::111122223333:policy/PassEc2AppToEc2 (v2)`,
    /// `AWS managed: AmazonEC2FullAccess`, `AppRole/trust`.
    pub name: String,
    /// Where it comes from.
    pub origin: Origin,
    /// The parsed policy; `None` when the document has errors (in
    /// [`Account::diagnostics`]).
    pub policy: Option<Policy>,
    /// Where it is in the file (an AWS managed policy from the snapshot: where it is named).
    pub span: Span,
    /// Its JSON pointer in the file.
    pub pointer: String,
    /// Written `{"managed": name}` in scenarios: the snapshot holds the same version.
    pub managed_name: Option<String>,
    text: DocText,
}

/// A managed policy attached to a user, group or role (or used as a boundary).
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The policy's ARN.
    pub arn: String,
    /// The policy's name.
    pub name: String,
    /// The document in force; `None` when neither the file nor the snapshot has it.
    pub doc: Option<DocId>,
    /// Where the attachment is written.
    pub span: Span,
}

/// When a role was last used (`RoleLastUsed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastUsed {
    /// `LastUsedDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `Region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A user or a role.
#[derive(Debug, Clone)]
pub struct Principal {
    /// User or role.
    pub kind: EntityKind,
    /// `UserName` / `RoleName`.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// `UserId` / `RoleId`.
    pub id: Option<String>,
    /// `Path`.
    pub path: String,
    /// Its inline policies.
    pub inline: Vec<DocId>,
    /// The managed policies attached to it.
    pub attached: Vec<Attachment>,
    /// A user's groups (`GroupList`), by name.
    pub groups: Vec<String>,
    /// Its permissions boundary.
    pub boundary: Option<Attachment>,
    /// Its tags (`Key`, `Value`), in order.
    pub tags: Vec<(String, String)>,
    /// A role's trust policy.
    pub trust: Option<DocId>,
    /// The service principals a role's trust policy allows to assume it
    /// (`"Principal": {"Service": ...}` in an Allow statement that covers `sts:AssumeRole`).
    pub trusted_services: Vec<String>,
    /// A role's instance profiles, by name.
    pub instance_profiles: Vec<String>,
    /// When a role was last used.
    pub last_used: Option<LastUsed>,
    /// Where it is in the file.
    pub span: Span,
}

impl Principal {
    /// True for a service-linked role (path `/aws-service-role/`): only its service uses it,
    /// and nobody passes it.
    pub fn is_service_linked(&self) -> bool {
        self.kind == EntityKind::Role && self.path.starts_with("/aws-service-role/")
    }
}

/// An IAM group.
#[derive(Debug, Clone)]
pub struct Group {
    /// `GroupName`.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Its inline policies.
    pub inline: Vec<DocId>,
    /// The managed policies attached to it.
    pub attached: Vec<Attachment>,
    /// Where it is in the file.
    pub span: Span,
}

/// One identity-based policy in force for a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForcePolicy {
    /// The document.
    pub doc: DocId,
    /// The group it comes through, for a user's group policies.
    pub via: Option<String>,
}

/// The policies in force for a principal.
#[derive(Debug, Clone, Default)]
pub struct InForce {
    /// Identity-based policies: its own inline, its own attached, then each group's inline
    /// and attached, each document once.
    pub identity: Vec<InForcePolicy>,
    /// Its permissions boundary.
    pub boundary: Option<DocId>,
    /// What could not be included, one sentence each (a policy missing from the file and
    /// the snapshot, a document with errors, a group not in the file), as catalog messages
    /// (`account.left-out.*`).
    pub left_out: Vec<Msg>,
}

impl InForce {
    /// True when every policy of the principal is included and parsed.
    pub fn is_complete(&self) -> bool {
        self.left_out.is_empty()
    }
}

/// A principal in the account's listing.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalSummary {
    /// User or role.
    pub kind: EntityKind,
    /// Its name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// A user's groups.
    pub groups: Vec<String>,
    /// Identity-based policies in force (own and through groups).
    pub identity_policies: usize,
    /// Inline policies among them.
    pub inline_policies: usize,
    /// Managed policies among them.
    pub managed_policies: usize,
    /// Whether it has a permissions boundary.
    pub boundary: bool,
    /// Its tags.
    pub tags: usize,
    /// A role's trusted services.
    pub trusted_services: Vec<String>,
    /// True for a service-linked role.
    pub service_linked: bool,
    /// What could not be included.
    pub left_out: Vec<String>,
}

/// An account read from `get-account-authorization-details`.
#[derive(Debug, Clone)]
pub struct Account {
    text: String,
    /// The account id (from the ARNs).
    pub account_id: Option<String>,
    /// Users, then roles, in file order.
    pub principals: Vec<Principal>,
    /// The groups.
    pub groups: Vec<Group>,
    /// Every document read (inline, trust, managed in force).
    pub documents: Vec<Document>,
    /// Errors in policy documents and notes (a policy that could not be resolved, a
    /// truncated listing): they do not stop the reading; the principals they touch say so.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the file says `"IsTruncated": true` (one page of a longer listing).
    pub truncated: bool,
}

impl Account {
    /// Reads the output of `get-account-authorization-details` (one response, or an array of
    /// pages). `managed` resolves AWS managed policies the file does not hold.
    ///
    /// Fails with located errors when the text is not JSON or not that output; errors
    /// inside policy documents are kept in [`Account::diagnostics`] instead.
    pub fn read(
        text: String,
        managed: Option<&crate::aws::managed::ManagedPolicies>,
    ) -> Result<Account, Vec<Diagnostic>> {
        read::read(text, managed)
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A document (ids index [`Account::documents`]).
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.get(id)
    }

    /// The principal named `query`: an ARN, or a user or role name (case-sensitive, as IAM
    /// names are unique case-insensitively but written as created). Fails with
    /// `unknown-principal` (with a "did you mean") or `ambiguous-principal`.
    pub fn find(&self, query: &str) -> Result<usize, Diagnostic> {
        if let Some(i) = self.principals.iter().position(|p| p.arn == query) {
            return Ok(i);
        }
        let named: Vec<usize> = (0..self.principals.len())
            .filter(|&i| self.principals.get(i).is_some_and(|p| p.name == query))
            .collect();
        match named.as_slice() {
            [one] => return Ok(*one),
            [_, _, ..] => {
                return Err(Diagnostic::new(
                    Severity::Error,
                    "ambiguous-principal",
                    Msg::new("account.ambiguous-principal").arg("name", query),
                )
                .with_help(Msg::new("account.ambiguous-principal.help")))
            }
            [] => {}
        }
        let names: Vec<&str> = self.principals.iter().map(|p| p.name.as_str()).collect();
        let help = match did_you_mean(query, &names) {
            Some(s) => Msg::new("account.unknown-principal.did-you-mean").arg("name", s),
            None => Msg::new("account.unknown-principal.help"),
        };
        Err(Diagnostic::new(
            Severity::Error,
            "unknown-principal",
            Msg::new("account.unknown-principal").arg("name", query),
        )
        .with_help(help))
    }

    /// The group named `name`.
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The policies in force for principal `index`.
    pub fn in_force(&self, index: usize) -> InForce {
        let mut out = InForce::default();
        let Some(p) = self.principals.get(index) else {
            return out;
        };
        let add = |out: &mut InForce, doc: DocId, via: Option<&str>| {
            if !out.identity.iter().any(|x| x.doc == doc) {
                out.identity.push(InForcePolicy {
                    doc,
                    via: via.map(str::to_string),
                });
            }
        };
        let missing = |out: &mut InForce, a: &Attachment, via: Option<&str>| {
            out.left_out.push(match via {
                Some(g) => Msg::new("account.left-out.managed-via-group")
                    .arg("arn", &a.arn)
                    .arg("group", g),
                None => Msg::new("account.left-out.managed").arg("arn", &a.arn),
            });
        };
        for &d in &p.inline {
            add(&mut out, d, None);
        }
        for a in &p.attached {
            match a.doc {
                Some(d) => add(&mut out, d, None),
                None => missing(&mut out, a, None),
            }
        }
        for g in &p.groups {
            let Some(group) = self.group(g) else {
                out.left_out
                    .push(Msg::new("account.left-out.group").arg("group", g));
                continue;
            };
            for &d in &group.inline {
                add(&mut out, d, Some(g));
            }
            for a in &group.attached {
                match a.doc {
                    Some(d) => add(&mut out, d, Some(g)),
                    None => missing(&mut out, a, Some(g)),
                }
            }
        }
        if let Some(b) = &p.boundary {
            match b.doc {
                Some(d) => out.boundary = Some(d),
                None => out
                    .left_out
                    .push(Msg::new("account.left-out.boundary").arg("arn", &b.arn)),
            }
        }
        let docs = out.identity.iter().map(|x| x.doc).chain(out.boundary);
        let broken: Vec<Msg> = docs
            .filter_map(|d| self.documents.get(d))
            .filter(|d| d.policy.is_none())
            .map(|d| Msg::new("account.left-out.broken").arg("name", &d.name))
            .collect();
        out.left_out.extend(broken);
        out
    }

    /// Every principal with its policy counts, for listings and pickers.
    pub fn summaries(&self) -> Vec<PrincipalSummary> {
        self.summaries_in(Lang::En)
    }

    /// [`Account::summaries`], what each leaves out said in `lang`.
    pub fn summaries_in(&self, lang: Lang) -> Vec<PrincipalSummary> {
        (0..self.principals.len())
            .filter_map(|i| {
                let p = self.principals.get(i)?;
                let f = self.in_force(i);
                let inline = f
                    .identity
                    .iter()
                    .filter(|x| {
                        self.documents
                            .get(x.doc)
                            .is_some_and(|d| matches!(d.origin, Origin::Inline { .. }))
                    })
                    .count();
                Some(PrincipalSummary {
                    kind: p.kind,
                    name: p.name.clone(),
                    arn: p.arn.clone(),
                    groups: p.groups.clone(),
                    identity_policies: f.identity.len(),
                    inline_policies: inline,
                    managed_policies: f.identity.len() - inline,
                    boundary: f.boundary.is_some(),
                    tags: p.tags.len(),
                    trusted_services: p.trusted_services.clone(),
                    service_linked: p.is_service_linked(),
                    left_out: f.left_out.iter().map(|m| m.render(lang)).collect(),
                })
            })
            .collect()
    }

    /// The scenario of principal `index` (see [`RequestSpec`]): its policies in force, named
    /// as in the account, and the request when one is given. Returns the scenario's text and
    /// the notes about what it leaves out.
    pub fn scenario(&self, index: usize, request: Option<&RequestSpec>) -> (String, Vec<String>) {
        self.scenario_in(index, request, Lang::En)
    }

    /// [`Account::scenario`], its description and notes said in `lang` (names, ARNs and
    /// policies stay as in the account).
    pub fn scenario_in(
        &self,
        index: usize,
        request: Option<&RequestSpec>,
        lang: Lang,
    ) -> (String, Vec<String>) {
        scenario::write(self, index, request, lang)
    }
}
