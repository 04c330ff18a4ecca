//! The principal making a request: what kind it is, its account, and the identities a
//! `Principal` element can name it by.
//!
//! A request's principal can be named in a policy in several ways: an assumed-role session by
//! its session ARN, by its role's ARN, or by its account. Which of these a resource-based policy
//! used matters (see `crate::decide::decision`), so matching reports the [`MatchLevel`].

use std::borrow::Cow;

use crate::decide::matching::arn::{parse_arn, Arn};

/// What kind of principal makes the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    /// An IAM user: `arn:aws:iam::111122223333:user/name`.
    User,
    /// An IAM role given by its ARN (treated as a session of that role).
    Role,
    /// An assumed-role session: `arn:aws:sts::111122223333:assumed-role/role/session`.
    AssumedRole,
    /// A federated user session (GetFederationToken): `arn:aws:sts::111122223333:federated-user/name`.
    FederatedUser,
    /// The account root user: `arn:aws:iam::111122223333:root`.
    Root,
    /// An AWS service principal: `ec2.amazonaws.com`.
    Service,
    /// A web identity or SAML provider (`cognito-identity.amazonaws.com`, `accounts.google.com`,
    /// `arn:aws:iam::111122223333:saml-provider/name`).
    WebIdentity,
    /// An S3 canonical user id (64 hex digits).
    CanonicalUser,
    /// An anonymous caller (`*` or `anonymous`).
    Anonymous,
    /// Not recognised.
    Unknown,
}

impl PrincipalKind {
    /// The value of `aws:PrincipalType` for this kind, where AWS defines one.
    pub fn principal_type(self) -> Option<&'static str> {
        match self {
            PrincipalKind::User => Some("User"),
            PrincipalKind::Role | PrincipalKind::AssumedRole => Some("AssumedRole"),
            PrincipalKind::FederatedUser => Some("FederatedUser"),
            PrincipalKind::Root => Some("Account"),
            PrincipalKind::Anonymous => Some("Anonymous"),
            _ => None,
        }
    }

    /// The name shown in results.
    pub fn label(self) -> &'static str {
        match self {
            PrincipalKind::User => "User",
            PrincipalKind::Role => "Role",
            PrincipalKind::AssumedRole => "AssumedRole",
            PrincipalKind::FederatedUser => "FederatedUser",
            PrincipalKind::Root => "Account",
            PrincipalKind::Service => "Service",
            PrincipalKind::WebIdentity => "WebIdentity",
            PrincipalKind::CanonicalUser => "CanonicalUser",
            PrincipalKind::Anonymous => "Anonymous",
            PrincipalKind::Unknown => "Unknown",
        }
    }

    /// True for principals that are IAM identities of an account (identity-based policies,
    /// boundaries and SCPs can apply to them).
    pub fn is_iam_identity(self) -> bool {
        matches!(
            self,
            PrincipalKind::User
                | PrincipalKind::Role
                | PrincipalKind::AssumedRole
                | PrincipalKind::FederatedUser
                | PrincipalKind::Root
        )
    }
}

/// How a `Principal` element named the request's principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchLevel {
    /// By its account (`"AWS": "111122223333"` or the root ARN).
    Account,
    /// By the role's ARN, for a session of that role.
    Role,
    /// By its own ARN (user, session, federated user), service name or provider.
    Direct,
    /// By `"*"`: everyone.
    Everyone,
}

/// The principal of a request, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPrincipal {
    /// As given.
    pub text: String,
    /// What kind it is.
    pub kind: PrincipalKind,
    /// The ARN partition (`aws`, `aws-cn`, ...).
    pub partition: Cow<'static, str>,
    /// Its account, when it has one.
    pub account: Option<String>,
    /// The user name (users, federated users), role name (roles, sessions), or service name.
    pub name: Option<String>,
    /// For roles and sessions: the role's ARN (without path for a session unless
    /// `aws:PrincipalArn` told it).
    pub role_arn: Option<String>,
    /// For sessions: the session name.
    pub session_name: Option<String>,
}

impl RequestPrincipal {
    /// Understands a principal string. `principal_arn` is the user-supplied `aws:PrincipalArn`,
    /// used for a session's role ARN (sessions ARNs drop the role's path).
    pub fn parse(text: &str, principal_arn: Option<&str>) -> RequestPrincipal {
        let mut p = RequestPrincipal {
            text: text.to_string(),
            kind: PrincipalKind::Unknown,
            partition: Cow::Borrowed("aws"),
            account: None,
            name: None,
            role_arn: None,
            session_name: None,
        };
        if text == "*" || text.eq_ignore_ascii_case(crate::model::ANONYMOUS) {
            p.kind = PrincipalKind::Anonymous;
            return p;
        }
        if let Some(arn) = parse_arn(text) {
            p.read_arn(&arn, principal_arn);
            return p;
        }
        if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
            p.kind = PrincipalKind::Root;
            p.account = Some(text.to_string());
            p.text = format!("arn:aws:iam::{text}:root");
            return p;
        }
        if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            p.kind = PrincipalKind::CanonicalUser;
            return p;
        }
        if is_web_identity_provider(text) {
            p.kind = PrincipalKind::WebIdentity;
            return p;
        }
        if is_service_principal(text) {
            p.kind = PrincipalKind::Service;
            p.name = text.split('.').next().map(str::to_string);
        }
        p
    }

    /// The kind, name, account and role of a principal written as an ARN.
    fn read_arn(&mut self, arn: &Arn, principal_arn: Option<&str>) {
        if arn.partition != "aws" {
            self.partition = Cow::Owned(arn.partition.to_string());
        }
        let resource = arn.resource;
        match arn.service {
            "iam" if resource == "root" => {
                self.kind = PrincipalKind::Root;
            }
            "iam" if resource.starts_with("user/") => {
                self.kind = PrincipalKind::User;
                self.name = resource.rsplit('/').next().map(str::to_string);
            }
            "iam" if resource.starts_with("role/") => {
                self.kind = PrincipalKind::Role;
                self.name = resource.rsplit('/').next().map(str::to_string);
                self.role_arn = Some(self.text.clone());
            }
            "iam"
                if resource.starts_with("saml-provider/")
                    || resource.starts_with("oidc-provider/") =>
            {
                self.kind = PrincipalKind::WebIdentity;
            }
            "sts" if resource.starts_with("assumed-role/") => {
                let mut parts = resource.splitn(3, '/').skip(1);
                let role = parts.next().unwrap_or("").to_string();
                let session = parts.next().map(str::to_string);
                self.kind = PrincipalKind::AssumedRole;
                let derived_role =
                    format!("arn:{}:iam::{}:role/{}", arn.partition, arn.account, role);
                // A supplied aws:PrincipalArn naming this role (with its path) wins.
                self.role_arn = Some(match principal_arn {
                    Some(pa) if pa.ends_with(&format!("/{role}")) && pa.contains(":role/") => {
                        pa.to_string()
                    }
                    _ => derived_role,
                });
                self.name = Some(role);
                self.session_name = session;
            }
            "sts" if resource.starts_with("federated-user/") => {
                self.kind = PrincipalKind::FederatedUser;
                self.name = resource.strip_prefix("federated-user/").map(str::to_string);
            }
            _ => {}
        }
        if self.kind != PrincipalKind::Unknown && !arn.account.is_empty() {
            self.account = Some(arn.account.to_string());
        }
    }

    /// The value of `aws:PrincipalArn`: the role's ARN for sessions ("AWS global condition
    /// context keys": for a role session it is the ARN of the role, not the session).
    pub fn principal_arn(&self) -> Option<String> {
        match self.kind {
            PrincipalKind::Role | PrincipalKind::AssumedRole => self.role_arn.clone(),
            PrincipalKind::User | PrincipalKind::FederatedUser => Some(self.text.clone()),
            PrincipalKind::Root => self
                .account
                .as_ref()
                .map(|a| format!("arn:{}:iam::{}:root", self.partition, a)),
            _ => None,
        }
    }

    /// True for a service-linked role (path `aws-service-role/`), which SCPs do not restrict.
    pub fn is_service_linked_role(&self) -> bool {
        self.role_arn
            .as_deref()
            .is_some_and(|r| r.contains(":role/aws-service-role/"))
    }

    /// The ARN of the account root of this principal.
    fn account_root(&self) -> Option<String> {
        self.account
            .as_ref()
            .map(|a| format!("arn:{}:iam::{}:root", self.partition, a))
    }

    /// The identities this principal can be named by, most specific first, with the level of
    /// each. `NotPrincipal` excludes a principal only when all of them are listed.
    pub fn identities(&self) -> Vec<(MatchLevel, String)> {
        let mut out = Vec::new();
        match self.kind {
            PrincipalKind::AssumedRole => {
                out.push((MatchLevel::Direct, self.text.clone()));
                if let Some(r) = &self.role_arn {
                    out.push((MatchLevel::Role, r.clone()));
                }
            }
            PrincipalKind::Role => {
                if let Some(r) = &self.role_arn {
                    out.push((MatchLevel::Role, r.clone()));
                }
            }
            // Only `"*"` (or `{"AWS": "*"}`) names an unsigned caller ("AWS JSON policy
            // elements: Principal", All principals); it has no ARN of its own.
            PrincipalKind::Root | PrincipalKind::Anonymous => {}
            _ => out.push((MatchLevel::Direct, self.text.clone())),
        }
        if let Some(root) = self.account_root() {
            out.push((MatchLevel::Account, root));
        }
        out
    }
}

/// True for names like `ec2.amazonaws.com` (AWS service principals).
pub fn is_service_principal(text: &str) -> bool {
    (text.ends_with(".amazonaws.com") || text.ends_with(".amazonaws.com.cn"))
        && !text.contains(':')
        && !text.contains('/')
        && !is_web_identity_provider(text)
}

/// True for the well-known web identity providers (`Federated` principals that are not ARNs).
pub fn is_web_identity_provider(text: &str) -> bool {
    matches!(
        text,
        "cognito-identity.amazonaws.com"
            | "accounts.google.com"
            | "graph.facebook.com"
            | "www.amazon.com"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn understands_every_principal_form() {
        let cases: &[(&str, PrincipalKind, Option<&str>, Option<&str>)] = &[
            (
                "arn:aws:iam::111122223333:user/division/alice",
                PrincipalKind::User,
                Some("111122223333"),
                Some("alice"),
            ),
            (
                "arn:aws:iam::111122223333:role/Admin",
                PrincipalKind::Role,
                Some("111122223333"),
                Some("Admin"),
            ),
            (
                "arn:aws:sts::111122223333:assumed-role/Admin/s1",
                PrincipalKind::AssumedRole,
                Some("111122223333"),
                Some("Admin"),
            ),
            (
                "arn:aws:sts::111122223333:federated-user/bob",
                PrincipalKind::FederatedUser,
                Some("111122223333"),
                Some("bob"),
            ),
            (
                "arn:aws:iam::111122223333:root",
                PrincipalKind::Root,
                Some("111122223333"),
                None,
            ),
            (
                "111122223333",
                PrincipalKind::Root,
                Some("111122223333"),
                None,
            ),
            (
                "ec2.amazonaws.com",
                PrincipalKind::Service,
                None,
                Some("ec2"),
            ),
            (
                "cognito-identity.amazonaws.com",
                PrincipalKind::WebIdentity,
                None,
                None,
            ),
            (
                "arn:aws:iam::111122223333:saml-provider/corp",
                PrincipalKind::WebIdentity,
                Some("111122223333"),
                None,
            ),
            ("*", PrincipalKind::Anonymous, None, None),
            ("bogus", PrincipalKind::Unknown, None, None),
        ];
        for (text, kind, account, name) in cases {
            let p = RequestPrincipal::parse(text, None);
            assert_eq!(p.kind, *kind, "{text}");
            assert_eq!(p.account.as_deref(), *account, "{text}");
            assert_eq!(p.name.as_deref(), *name, "{text}");
        }
    }

    #[test]
    fn session_identities_are_session_role_account() {
        let p = RequestPrincipal::parse("arn:aws:sts::111122223333:assumed-role/Admin/s1", None);
        let ids: Vec<String> = p.identities().into_iter().map(|(_, a)| a).collect();
        assert_eq!(
            ids,
            [
                "arn:aws:sts::111122223333:assumed-role/Admin/s1",
                "arn:aws:iam::111122223333:role/Admin",
                "arn:aws:iam::111122223333:root"
            ]
        );
        assert_eq!(
            p.principal_arn().as_deref(),
            Some("arn:aws:iam::111122223333:role/Admin")
        );
        // aws:PrincipalArn supplied with the role's path wins.
        let p = RequestPrincipal::parse(
            "arn:aws:sts::111122223333:assumed-role/Admin/s1",
            Some("arn:aws:iam::111122223333:role/ops/Admin"),
        );
        assert_eq!(
            p.role_arn.as_deref(),
            Some("arn:aws:iam::111122223333:role/ops/Admin")
        );
    }
}
