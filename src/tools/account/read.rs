//! Reading the file: the JSON of `get-account-authorization-details` into an [`Account`].
//!
//! Shapes (IAM API Reference: `GetAccountAuthorizationDetails`, `UserDetail`, `GroupDetail`,
//! `RoleDetail`, `ManagedPolicyDetail`, `PolicyVersion`, `PolicyDetail`, `AttachedPolicy`,
//! `AttachedPermissionsBoundary`, `Tag`, `InstanceProfile`, `RoleLastUsed`):
//!
//! ```text
//! { "UserDetailList":  [{UserName, Arn, UserId, Path, UserPolicyList: [{PolicyName, PolicyDocument}],
//!                        GroupList: [name], AttachedManagedPolicies: [{PolicyName, PolicyArn}],
//!                        PermissionsBoundary: {PermissionsBoundaryType, PermissionsBoundaryArn},
//!                        Tags: [{Key, Value}]}],
//!   "GroupDetailList": [{GroupName, Arn, GroupPolicyList, AttachedManagedPolicies}],
//!   "RoleDetailList":  [{RoleName, Arn, AssumeRolePolicyDocument, RolePolicyList,
//!                        AttachedManagedPolicies, PermissionsBoundary, Tags,
//!                        InstanceProfileList: [{InstanceProfileName, ...}],
//!                        RoleLastUsed: {LastUsedDate, Region}}],
//!   "Policies":        [{PolicyName, Arn, DefaultVersionId,
//!                        PolicyVersionList: [{Document, VersionId, IsDefaultVersion}]}],
//!   "IsTruncated": false }
//! ```
//!
//! Members this reader does not use (`CreateDate`, `AttachmentCount`...) are ignored: AWS
//! adds members over time. A wrong type or a missing name or ARN is an error with its place.

use std::collections::HashMap;

use super::encoded;
use super::{
    Account, Attachment, DocId, DocText, Document, EntityKind, Group, LastUsed, Origin, Principal,
};
use crate::aws::managed::{ManagedPolicies, ManagedPolicy};
use crate::decide::matching::action::action_matches;
use crate::decide::matching::arn::parse_arn;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::{Msg, Text};
use crate::model::{Effect, Policy, PolicyKind, PrincipalEntry};
use crate::parse::json::{self, escape_pointer_token, Json, JsonKind, JsonPath};

/// A value of the file does not have the shape of the output.
pub const CODE_FORMAT: &str = "account-format";
/// An attached policy that neither the file nor the snapshot holds.
pub const CODE_UNRESOLVED: &str = "account-unresolved-policy";
/// The file is one page of a longer listing.
pub const CODE_TRUNCATED: &str = "account-truncated";
/// The ARNs name more than one account.
pub const CODE_ACCOUNTS: &str = "account-several-accounts";

const LISTS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

const SHAPE_HELP: &str =
    "the file does not have the shape `get-account-authorization-details` writes; was it edited or cut?";

/// `base` + `/key` as a JSON pointer.
fn key(base: &str, key: &str) -> String {
    format!("{base}/{}", escape_pointer_token(key))
}

/// `base` + `/index`.
fn index(base: &str, i: usize) -> String {
    format!("{base}/{i}")
}

/// The opening bracket of a value: a short span for "this object lacks ..." messages.
fn opening(span: Span) -> Span {
    Span::new(span.start, (span.start + 1).min(span.end))
}

/// A managed policy listed in `Policies`.
struct Listed<'j, 't> {
    name: String,
    /// The default version's `Document`, with its pointer and version id.
    default: Option<(&'j Json<'t>, String, String)>,
}

/// The parts of a principal that only a role has.
#[derive(Default)]
struct RoleParts {
    trust: Option<DocId>,
    trusted_services: Vec<String>,
    instance_profiles: Vec<String>,
    last_used: Option<LastUsed>,
}

struct Reader<'t, 'j> {
    text: &'t str,
    managed: Option<&'t ManagedPolicies>,
    errors: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    documents: Vec<Document>,
    listed: HashMap<&'j str, Listed<'j, 't>>,
    resolved: HashMap<String, Option<DocId>>,
    truncated: bool,
}

pub(super) fn read(
    text: String,
    managed: Option<&ManagedPolicies>,
) -> Result<Account, Vec<Diagnostic>> {
    let root = json::parse(&text).map_err(|d| vec![d.with_path("")])?;
    let (principals, groups, account_id, reader_out) = {
        let mut reader = Reader {
            text: &text,
            managed,
            errors: Vec::new(),
            notes: Vec::new(),
            documents: Vec::new(),
            listed: HashMap::new(),
            resolved: HashMap::new(),
            truncated: false,
        };
        let pages = reader.pages(&root);
        if !reader.errors.is_empty() {
            return Err(reader.errors);
        }
        // Managed policies first, so that attachments resolve as they are read.
        for (value, base) in &pages {
            reader.policies(value, base);
            reader.is_truncated(value, base);
        }
        let mut groups = Vec::new();
        let mut users = Vec::new();
        let mut roles = Vec::new();
        for (value, base) in &pages {
            for (g, path) in reader.entries(value, "GroupDetailList", base) {
                groups.extend(reader.group(g, &path));
            }
            for (u, path) in reader.entries(value, "UserDetailList", base) {
                users.extend(reader.principal(u, &path, EntityKind::User));
            }
            for (r, path) in reader.entries(value, "RoleDetailList", base) {
                roles.extend(reader.principal(r, &path, EntityKind::Role));
            }
        }
        if !reader.errors.is_empty() {
            reader.errors.sort_by_key(|d| d.span.map(|s| s.start));
            return Err(reader.errors);
        }
        let mut principals = users;
        principals.append(&mut roles);
        let account_id = reader.account_id(&principals, &groups);
        let out = (reader.notes, reader.documents, reader.truncated);
        (principals, groups, account_id, out)
    };
    let (mut diagnostics, documents, truncated) = reader_out;
    diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
    drop(root);
    Ok(Account {
        text,
        account_id,
        principals,
        groups,
        documents,
        diagnostics,
        truncated,
    })
}

/// `arn:aws:iam::aws:policy/...`: an AWS managed policy.
fn is_aws_managed(arn: &str) -> bool {
    parse_arn(arn).is_some_and(|a| a.account == "aws" && a.resource.starts_with("policy/"))
}

/// The service principals an Allow statement of a trust policy lets assume the role.
fn trusted_services(trust: &Policy) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &trust.statements {
        if s.effect.value != Effect::Allow {
            continue;
        }
        let covers = s
            .action
            .patterns
            .iter()
            .any(|p| action_matches(&p.value, "sts:AssumeRole"));
        if covers == s.action.negated {
            continue;
        }
        let Some(principal) = s.principal.as_ref().filter(|p| !p.negated) else {
            continue;
        };
        for e in &principal.entries {
            if let PrincipalEntry::Service(name) = e {
                if !out.contains(&name.value) {
                    out.push(name.value.clone());
                }
            }
        }
    }
    out
}

impl<'t, 'j> Reader<'t, 'j> {
    fn error(&mut self, path: &str, message: String, span: Span) {
        self.errors.push(
            Diagnostic::error(CODE_FORMAT, message, span)
                .with_help(SHAPE_HELP)
                .with_path(path),
        );
    }

    fn wrong_type(&mut self, value: &Json, path: &str, expected: &str) {
        let message = format!("expected {expected}, found {}", value.type_name());
        self.error(path, message, value.span);
    }

    /// The response objects: the root, or each element of an array of pages.
    fn pages(&mut self, root: &'j Json<'t>) -> Vec<(&'j Json<'t>, String)> {
        let candidates: Vec<(&'j Json<'t>, String)> = match &root.kind {
            JsonKind::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, p)| (p, index("", i)))
                .collect(),
            _ => vec![(root, String::new())],
        };
        if candidates.is_empty() {
            self.errors.push(
                Diagnostic::error(CODE_FORMAT, "the file is an empty array", opening(root.span))
                    .with_help("save the account's details with `aws iam get-account-authorization-details > account.json`")
                    .with_path(""),
            );
        }
        let mut pages = Vec::new();
        for (page, path) in candidates {
            let is_page = page
                .as_object()
                .is_some_and(|m| m.iter().any(|m| LISTS.contains(&m.key.as_ref())));
            if is_page {
                pages.push((page, path));
                continue;
            }
            let found = if page.as_object().is_some() {
                "an object without them"
            } else {
                page.type_name()
            };
            self.errors.push(
                Diagnostic::error(
                    CODE_FORMAT,
                    format!("expected the output of `aws iam get-account-authorization-details` (an object with `UserDetailList`, `GroupDetailList`, `RoleDetailList` and `Policies`), found {found}"),
                    opening(page.span),
                )
                .with_help("save the account's details with `aws iam get-account-authorization-details > account.json` and open that file")
                .with_path(path),
            );
        }
        pages
    }

    fn is_truncated(&mut self, page: &Json, base: &str) {
        let Some(t) = page.get("IsTruncated") else {
            return;
        };
        if t.kind == JsonKind::Bool(true) {
            self.truncated = true;
            self.notes.push(
                Diagnostic::warning(CODE_TRUNCATED, Msg::new("account.note.truncated"), t.span)
                    .with_help(Msg::new("account.note.truncated.help"))
                    .with_path(key(base, "IsTruncated")),
            );
        }
    }

    /// The elements of list `name` of `value` (absent: none), each with its pointer.
    fn entries(
        &mut self,
        value: &'j Json<'t>,
        name: &str,
        base: &str,
    ) -> Vec<(&'j Json<'t>, String)> {
        let Some(list) = value.get(name) else {
            return Vec::new();
        };
        let list_path = key(base, name);
        match list.as_array() {
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, index(&list_path, i)))
                .collect(),
            None => {
                self.wrong_type(list, &list_path, "an array");
                Vec::new()
            }
        }
    }

    /// `value` as an object, or an error.
    fn object(&mut self, value: &'j Json<'t>, path: &str, what: &str) -> bool {
        if value.as_object().is_some() {
            return true;
        }
        self.wrong_type(value, path, &format!("an object ({what})"));
        false
    }

    /// Member `name` of the object `value` as a string: `None` when absent (an error when
    /// `required`) or not a string (an error).
    fn string(
        &mut self,
        value: &'j Json<'t>,
        name: &str,
        path: &str,
        required: Option<&str>,
    ) -> Option<&'j str> {
        match value.get(name) {
            Some(v) => match v.as_str() {
                Some(s) => Some(s),
                None => {
                    self.wrong_type(v, &key(path, name), "a string");
                    None
                }
            },
            None => {
                if let Some(what) = required {
                    self.error(
                        path,
                        format!("this {what} has no `{name}`"),
                        opening(value.span),
                    );
                }
                None
            }
        }
    }

    /// `Policies`: index every managed policy by ARN, with its default version.
    fn policies(&mut self, page: &'j Json<'t>, base: &str) {
        for (entry, path) in self.entries(page, "Policies", base) {
            if !self.object(entry, &path, "a managed policy of `Policies`") {
                continue;
            }
            let what = Some("managed policy");
            let (Some(name), Some(arn)) = (
                self.string(entry, "PolicyName", &path, what),
                self.string(entry, "Arn", &path, what),
            ) else {
                continue;
            };
            let default_id = self.string(entry, "DefaultVersionId", &path, None);
            let mut default = None;
            for (version, vpath) in self.entries(entry, "PolicyVersionList", &path) {
                if !self.object(version, &vpath, "a version of `PolicyVersionList`") {
                    continue;
                }
                let id = self.string(version, "VersionId", &vpath, None);
                let flagged =
                    version.get("IsDefaultVersion").map(|v| &v.kind) == Some(&JsonKind::Bool(true));
                let is_default = match (default_id, id) {
                    (Some(d), Some(id)) => d == id,
                    _ => flagged,
                };
                if !is_default {
                    continue;
                }
                match version.get("Document") {
                    Some(doc) => {
                        let id = id.or(default_id).unwrap_or("").to_string();
                        default = Some((doc, key(&vpath, "Document"), id));
                    }
                    None => self.error(
                        &vpath,
                        "this policy version has no `Document`".to_string(),
                        opening(version.span),
                    ),
                }
            }
            self.listed.insert(
                arn,
                Listed {
                    name: name.to_string(),
                    default,
                },
            );
        }
    }

    /// Parses a document written at `value` (an object, or a string in either form).
    fn document(
        &mut self,
        value: &'j Json<'t>,
        pointer: String,
        kind: PolicyKind,
        name: String,
        origin: Origin,
    ) -> Option<DocId> {
        let (parsed, text) = match &value.kind {
            JsonKind::Object(_) => (
                crate::parse::parse_policy_value(self.text, value, kind, &JsonPath::root()),
                DocText::File(value.span),
            ),
            JsonKind::String(_) => match encoded::document(self.text, value) {
                Ok((doc, decoded)) => (
                    crate::parse::parse_policy_value(self.text, &doc, kind, &JsonPath::root()),
                    DocText::Decoded(decoded),
                ),
                Err(d) => {
                    // Kept, unparsed, so that the principals it belongs to say it is left out.
                    self.notes.push(d.with_path(pointer.clone()));
                    ((None, Vec::new()), DocText::File(value.span))
                }
            },
            _ => {
                self.wrong_type(
                    value,
                    &pointer,
                    "a policy document (an object, or a string holding one)",
                );
                return None;
            }
        };
        let (policy, diags) = parsed;
        for mut d in diags {
            d.path = Some(format!("{pointer}{}", d.path.as_deref().unwrap_or("")));
            self.notes.push(d);
        }
        self.documents.push(Document {
            name,
            origin,
            policy,
            span: value.span,
            pointer,
            managed_name: None,
            text,
        });
        Some(self.documents.len() - 1)
    }

    /// `UserPolicyList` / `GroupPolicyList` / `RolePolicyList`.
    fn inline(
        &mut self,
        value: &'j Json<'t>,
        list: &str,
        path: &str,
        owner: &str,
        shown: &str,
    ) -> Vec<DocId> {
        let mut out = Vec::new();
        for (entry, epath) in self.entries(value, list, path) {
            if !self.object(entry, &epath, "an inline policy") {
                continue;
            }
            let what = Some("inline policy");
            let Some(name) = self.string(entry, "PolicyName", &epath, what) else {
                continue;
            };
            let Some(doc) = entry.get("PolicyDocument") else {
                self.error(
                    &epath,
                    "this inline policy has no `PolicyDocument`".to_string(),
                    opening(entry.span),
                );
                continue;
            };
            let origin = Origin::Inline {
                owner: owner.to_string(),
                policy_name: name.to_string(),
            };
            out.extend(self.document(
                doc,
                key(&epath, "PolicyDocument"),
                PolicyKind::Identity,
                format!("{shown}/inline/{name}"),
                origin,
            ));
        }
        out
    }

    /// `AttachedManagedPolicies`.
    fn attached(&mut self, value: &'j Json<'t>, path: &str) -> Vec<Attachment> {
        let mut out = Vec::new();
        for (entry, epath) in self.entries(value, "AttachedManagedPolicies", path) {
            if !self.object(entry, &epath, "an attached policy") {
                continue;
            }
            let what = Some("attached policy");
            let Some(arn) = self.string(entry, "PolicyArn", &epath, what) else {
                continue;
            };
            let name = self.string(entry, "PolicyName", &epath, None).map_or_else(
                || arn.rsplit('/').next().unwrap_or(arn).to_string(),
                str::to_string,
            );
            let doc = self.resolve(arn, &name, entry.span, &epath);
            out.push(Attachment {
                arn: arn.to_string(),
                name,
                doc,
                span: entry.span,
            });
        }
        out
    }

    /// `PermissionsBoundary`.
    fn boundary(&mut self, value: &'j Json<'t>, path: &str) -> Option<Attachment> {
        let b = value.get("PermissionsBoundary")?;
        let bpath = key(path, "PermissionsBoundary");
        if !self.object(b, &bpath, "a permissions boundary") {
            return None;
        }
        let arn = self.string(
            b,
            "PermissionsBoundaryArn",
            &bpath,
            Some("permissions boundary"),
        )?;
        let name = arn.rsplit('/').next().unwrap_or(arn).to_string();
        let doc = self.resolve(arn, &name, b.span, &bpath);
        Some(Attachment {
            arn: arn.to_string(),
            name,
            doc,
            span: b.span,
        })
    }

    /// The document in force for a managed policy, read once per ARN: the file's default
    /// version when it lists the policy, else (AWS managed) the built-in snapshot, else none,
    /// with a note saying why.
    fn resolve(&mut self, arn: &str, name: &str, at: Span, path: &str) -> Option<DocId> {
        if let Some(r) = self.resolved.get(arn) {
            return *r;
        }
        let aws = is_aws_managed(arn);
        let listed = self
            .listed
            .get(arn)
            .map(|l| (l.name.clone(), l.default.clone()));
        let snapshot = if aws {
            let short = arn.rsplit('/').next().unwrap_or(name);
            self.managed
                .and_then(|m| m.get(name).or_else(|| m.get(short)))
        } else {
            None
        };
        let doc = match (listed, snapshot) {
            (Some((listed_name, Some(default))), snapshot) => {
                self.listed_document(arn, aws, &listed_name, default, snapshot)
            }
            (_, Some(s)) => Some(self.snapshot_document(arn, s, at, path)),
            (listed, None) => {
                self.unresolved(arn, aws, listed.is_some(), at, path);
                None
            }
        };
        self.resolved.insert(arn.to_string(), doc);
        doc
    }

    /// A managed policy's default version as the file holds it; an AWS managed policy whose
    /// version is the snapshot's also gets the snapshot's name (the page shows it as managed).
    fn listed_document(
        &mut self,
        arn: &str,
        aws: bool,
        listed_name: &str,
        (doc, pointer, version): (&'j Json<'t>, String, String),
        snapshot: Option<ManagedPolicy<'t>>,
    ) -> Option<DocId> {
        let (shown, origin) = if aws {
            let same = snapshot.is_some_and(|s| s.version_id == version);
            let shown = if same || version.is_empty() {
                format!("AWS managed: {listed_name}")
            } else {
                format!("AWS managed: {listed_name} ({version})")
            };
            let origin = Origin::AwsManaged {
                name: listed_name.to_string(),
                arn: arn.to_string(),
                version: Some(version).filter(|v| !v.is_empty()),
                from_file: true,
            };
            (shown, origin)
        } else {
            (
                format!("{arn} ({version})"),
                Origin::CustomerManaged {
                    arn: arn.to_string(),
                    version,
                },
            )
        };
        let id = self.document(doc, pointer, PolicyKind::Identity, shown, origin);
        if let (Some(id), Some(s)) = (id, snapshot) {
            let same = matches!(self.documents.get(id).map(|d| &d.origin),
                Some(Origin::AwsManaged { version: Some(v), .. }) if *v == s.version_id);
            if same {
                if let Some(d) = self.documents.get_mut(id) {
                    d.managed_name = Some(s.name.to_string());
                }
            }
        }
        id
    }

    /// An AWS managed policy the file does not list, from the built-in snapshot.
    fn snapshot_document(
        &mut self,
        arn: &str,
        s: ManagedPolicy<'t>,
        at: Span,
        path: &str,
    ) -> DocId {
        let (policy, diags) =
            crate::parse::parse_policy_at(s.document, at, PolicyKind::Identity, &JsonPath::root());
        for mut d in diags {
            d.path = Some(path.to_string());
            self.notes.push(d);
        }
        self.documents.push(Document {
            name: format!("AWS managed: {}", s.name),
            origin: Origin::AwsManaged {
                name: s.name.to_string(),
                arn: arn.to_string(),
                version: Some(s.version_id.to_string()).filter(|v| !v.is_empty()),
                from_file: false,
            },
            policy,
            span: at,
            pointer: path.to_string(),
            managed_name: Some(s.name.to_string()),
            text: DocText::Snapshot,
        });
        self.documents.len() - 1
    }

    /// The note for a managed policy whose document is nowhere: why, and what to do.
    fn unresolved(&mut self, arn: &str, aws: bool, listed: bool, at: Span, path: &str) {
        let (key, help) = match (listed, aws) {
            (true, _) => (
                "account.note.no-default-version",
                Msg::new("account.note.no-default-version.help"),
            ),
            (false, true) if self.managed.is_none() => (
                "account.note.aws-not-loaded",
                Msg::new("account.note.aws-not-loaded.help"),
            ),
            (false, true) => {
                let date: Text = match self.managed.and_then(|m| m.source().data_date.clone()) {
                    Some(d) => d.into(),
                    None => Msg::new("account.note.unknown-date").into(),
                };
                (
                    "account.note.not-in-snapshot",
                    Msg::new("account.note.not-in-snapshot.help").text("date", date),
                )
            }
            (false, false) => (
                "account.note.customer-missing",
                Msg::new("account.note.customer-missing.help"),
            ),
        };
        let message = Msg::new(key).arg("arn", arn);
        self.notes.push(
            Diagnostic::warning(CODE_UNRESOLVED, message, at)
                .with_help(help)
                .with_path(path.to_string()),
        );
    }

    fn tags(&mut self, value: &'j Json<'t>, path: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (tag, tpath) in self.entries(value, "Tags", path) {
            if !self.object(tag, &tpath, "a tag") {
                continue;
            }
            let (Some(k), v) = (
                self.string(tag, "Key", &tpath, Some("tag")),
                self.string(tag, "Value", &tpath, None),
            ) else {
                continue;
            };
            out.push((k.to_string(), v.unwrap_or("").to_string()));
        }
        out
    }

    fn group(&mut self, value: &'j Json<'t>, path: &str) -> Option<Group> {
        if !self.object(value, path, "a group of `GroupDetailList`") {
            return None;
        }
        let what = Some("group");
        let name = self.string(value, "GroupName", path, what)?;
        let arn = self.string(value, "Arn", path, what)?;
        let inline = self.inline(
            value,
            "GroupPolicyList",
            path,
            &format!("group/{name}"),
            &format!("group:{name}"),
        );
        let attached = self.attached(value, path);
        Some(Group {
            name: name.to_string(),
            arn: arn.to_string(),
            inline,
            attached,
            span: value.span,
        })
    }

    fn principal(
        &mut self,
        value: &'j Json<'t>,
        path: &str,
        kind: EntityKind,
    ) -> Option<Principal> {
        let (what, name_key, id_key, list) = match kind {
            EntityKind::User => (
                "user of `UserDetailList`",
                "UserName",
                "UserId",
                "UserPolicyList",
            ),
            EntityKind::Role => (
                "role of `RoleDetailList`",
                "RoleName",
                "RoleId",
                "RolePolicyList",
            ),
        };
        if !self.object(value, path, what) {
            return None;
        }
        let noun = Some(kind.as_str());
        let name = self.string(value, name_key, path, noun)?;
        let arn = self.string(value, "Arn", path, noun)?;
        let id = self.string(value, id_key, path, None).map(str::to_string);
        let iam_path = self
            .string(value, "Path", path, None)
            .unwrap_or("/")
            .to_string();
        let inline = self.inline(
            value,
            list,
            path,
            &format!("{}/{name}", kind.as_str()),
            name,
        );
        let attached = self.attached(value, path);
        let boundary = self.boundary(value, path);
        let tags = self.tags(value, path);
        let groups = self.group_names(value, path);
        let role = if kind == EntityKind::Role {
            self.role_parts(value, path, name)
        } else {
            RoleParts::default()
        };
        Some(Principal {
            kind,
            name: name.to_string(),
            arn: arn.to_string(),
            id,
            path: iam_path,
            inline,
            attached,
            groups,
            boundary,
            tags,
            trust: role.trust,
            trusted_services: role.trusted_services,
            instance_profiles: role.instance_profiles,
            last_used: role.last_used,
            span: value.span,
        })
    }

    /// A user's `GroupList`.
    fn group_names(&mut self, value: &'j Json<'t>, path: &str) -> Vec<String> {
        let mut groups = Vec::new();
        for (g, gpath) in self.entries(value, "GroupList", path) {
            match g.as_str() {
                Some(s) => groups.push(s.to_string()),
                None => self.wrong_type(g, &gpath, "a group name (a string)"),
            }
        }
        groups
    }

    /// What only a role has: its trust policy and the services it trusts, its instance
    /// profiles and when it was last used.
    fn role_parts(&mut self, value: &'j Json<'t>, path: &str, name: &str) -> RoleParts {
        let mut role = RoleParts::default();
        if let Some(doc) = value.get("AssumeRolePolicyDocument") {
            role.trust = self.document(
                doc,
                key(path, "AssumeRolePolicyDocument"),
                PolicyKind::Resource,
                format!("{name}/trust"),
                Origin::Trust {
                    role: name.to_string(),
                },
            );
            let policy = role
                .trust
                .and_then(|t| self.documents.get(t))
                .and_then(|d| d.policy.as_ref());
            role.trusted_services = policy.map(trusted_services).unwrap_or_default();
        }
        for (p, ppath) in self.entries(value, "InstanceProfileList", path) {
            if self.object(p, &ppath, "an instance profile") {
                if let Some(n) = self.string(p, "InstanceProfileName", &ppath, None) {
                    role.instance_profiles.push(n.to_string());
                }
            }
        }
        if let Some(u) = value.get("RoleLastUsed") {
            let upath = key(path, "RoleLastUsed");
            if self.object(u, &upath, "`RoleLastUsed`") {
                role.last_used = Some(LastUsed {
                    date: self
                        .string(u, "LastUsedDate", &upath, None)
                        .map(str::to_string),
                    region: self.string(u, "Region", &upath, None).map(str::to_string),
                });
            }
        }
        role
    }

    /// The account of the ARNs; a note when they name several.
    fn account_id(&mut self, principals: &[Principal], groups: &[Group]) -> Option<String> {
        let arns = principals
            .iter()
            .map(|p| (p.arn.as_str(), p.span))
            .chain(groups.iter().map(|g| (g.arn.as_str(), g.span)));
        let mut first: Option<String> = None;
        for (arn, span) in arns {
            let Some(account) = parse_arn(arn).map(|a| a.account).filter(|a| !a.is_empty()) else {
                continue;
            };
            match &first {
                None => first = Some(account.to_string()),
                Some(f) if f != account => {
                    self.notes.push(
                        Diagnostic::warning(
                            CODE_ACCOUNTS,
                            Msg::new("account.note.accounts")
                                .arg("arn", arn)
                                .arg("account", account)
                                .arg("first", f),
                            opening(span),
                        )
                        .with_help(Msg::new("account.note.accounts.help")),
                    );
                    return first;
                }
                Some(_) => {}
            }
        }
        first
    }
}
