//! The engine's sentences about a decision, in one place: the verdict's sentence
//! ([`verdict_sentence`]), the reason of every layer row ([`layer_rows`]) and how prose names
//! a statement ([`describe`]).
//!
//! Every sentence is a whole template with named placeholders, looked up by key in
//! [`ENGLISH`]. What fills a placeholder is a name, a number or a noun phrase that has its own
//! template (a statement, a policy, a layer, a kind of principal), never part of a clause.
//! Adding a language is a second table with the same keys and a language parameter for these
//! functions to choose it; the tables have the shape of the `i18n` catalogs and can move into
//! them as they are.

use crate::answer::result::{LayerKind, LayerResult, StatementRef};
use crate::decide::decision::Decided;
use crate::decide::layers::{self, Layer, LayerWhy};
use crate::decide::principal::{MatchLevel, PrincipalKind};
use crate::decide::verdict::{AllowedBy, NearMiss, PrincipalBlock, RequiredPolicy, Verdict};
use crate::model::Scenario;

/// Every template, by key.
pub const ENGLISH: &[(&str, &str)] = &[
    // Verdicts.
    ("verdict.explicit-deny", "Explicitly denied: {statements}. An explicit deny overrides every allow."),
    ("verdict.scp-blocks", "Implicitly denied: no SCP at level {level} allows the request; every level of the organization must allow."),
    ("verdict.scp-blocks.named", "Implicitly denied: no SCP at level {level} (`{name}`) allows the request; every level of the organization must allow."),
    ("verdict.no-resource-allow-for-non-identity", "Implicitly denied: a {principal} has no identity-based policies, so only a resource-based policy can allow it, and none does."),
    ("verdict.cross-account.no-resource-policy", "Implicitly denied: in a cross-account request the resource-based policy in account {account} must allow the principal, and there is none."),
    ("verdict.cross-account.resource-policy-denies", "Implicitly denied: in a cross-account request the resource-based policy in account {account} must allow the principal, and it does not."),
    ("verdict.cross-account.no-identity-policy", "Implicitly denied: the resource-based policy allows, but in a cross-account request the principal's own account must allow too, and there is no identity-based policy that allows it."),
    ("verdict.cross-account.no-identity-allow", "Implicitly denied: the resource-based policy allows, but in a cross-account request the principal's own account must allow too, and no identity-based policy allows it."),
    ("verdict.cross-account.boundary-blocks", "Implicitly denied: the resource-based policy allows, but in a cross-account request the principal's own account must allow too, and an identity-based policy allows it, but the permissions boundary does not (the effective permissions are the intersection)."),
    ("verdict.cross-account.session-blocks", "Implicitly denied: the resource-based policy allows, but in a cross-account request the principal's own account must allow too, and the role's policies allow it, but the session policy does not (a session gets the intersection)."),
    ("verdict.trust-policy.none", "Implicitly denied: a role trust policy must allow sts:AssumeRole even within the account, and none is given."),
    ("verdict.trust-policy.denies", "Implicitly denied: a role trust policy must allow sts:AssumeRole even within the account, and it does not allow this principal."),
    ("verdict.key-policy.none", "Implicitly denied: a KMS key policy must allow access even within the account, and none is given."),
    ("verdict.key-policy.denies", "Implicitly denied: a KMS key policy must allow access even within the account, and it does not allow this principal."),
    ("verdict.no-identity-policy", "Implicitly denied: there is no identity-based policy that allows it."),
    ("verdict.no-identity-allow", "Implicitly denied: no identity-based policy allows it."),
    ("verdict.boundary-blocks", "Implicitly denied: an identity-based policy allows it, but the permissions boundary does not (the effective permissions are the intersection)."),
    ("verdict.session-blocks", "Implicitly denied: the role's policies allow it, but the session policy does not (a session gets the intersection)."),
    ("verdict.resource-names-account", "The resource-based policy names only the account, which delegates to the account's identity-based policies."),
    ("verdict.resource-names-role", "The resource-based policy names the role, so the permissions boundary and session policy still limit it."),
    ("verdict.near-miss.one", "The closest is {statement}: it covers the action and resource, but its condition {conditions} is false."),
    ("verdict.near-miss.many", "The closest is {statement}: it covers the action and resource, but its conditions {conditions} are false."),
    ("verdict.allowed.statements", "Allowed: {statements} allows the request."),
    ("verdict.allowed.root-user", "Allowed: the account root user has full access to its own account's resources unless something denies it."),
    ("verdict.allowed.resource-too", "The resource-based policy allows it too."),
    ("verdict.allowed.names-role", "It names the role, so the permissions boundary and session policy still limit it, and they allow."),
    ("verdict.allowed.names-everyone", "It names everyone (`*`); within the account that grants access directly."),
    ("verdict.allowed.names-principal", "It names the principal directly; within the account that is enough, even without an identity-based Allow."),
    ("verdict.allowed.both-accounts", "Allowed: in a cross-account request both sides allow: the principal's account (identity-based policies and their limits) and the resource's account (the resource-based policy)."),
    // Layer rows.
    ("layer.absent", "there is no {layer}"),
    ("layer.not-for-principal", "the {layer} does not apply to this principal"),
    ("layer.denies", "{statements} denies the request"),
    ("layer.allows", "{statements} allows the request"),
    ("layer.nothing-allows", "no statement in the {layer} allows the request"),
    ("layer.federated-without-session-policy", "a federated user session created without a session policy has no permissions (GetFederationToken)"),
    ("layer.rcp-service-linked-role", "RCPs do not apply to calls made by service-linked roles"),
    ("layer.rcp-unsupported-service", "RCPs do not apply to `{service}` actions (not an RCP-supported service)"),
    ("layer.rcp-full-access", "RCPFullAWSAccess (always attached) allows, and nothing at this level denies"),
    ("layer.root-user", "the account root user has full access in its own account (no identity-based policy is needed)"),
    ("layer.no-deny-applies", "no Deny statement applies in any policy"),
    ("layer.deny-applies", "{statements} applies"),
    // Nouns.
    ("noun.layer.identity", "identity-based policy"),
    ("noun.layer.boundary", "permissions boundary"),
    ("noun.layer.session", "session policy"),
    ("noun.layer.resource", "resource-based policy"),
    ("noun.layer.scp", "SCP level"),
    ("noun.layer.rcp", "RCP level"),
    ("noun.layer.explicit-deny", "explicit deny"),
    ("noun.principal.service", "service principal"),
    ("noun.principal.web-identity", "web identity or SAML principal"),
    ("noun.principal.canonical-user", "canonical user"),
    ("noun.principal.other", "principal that is not an IAM identity"),
    // Naming statements and policies in prose.
    ("statement.sid", "statement `{sid}` in {policy}"),
    ("statement.number", "statement {n} in {policy}"),
    ("statements.none", "no statement"),
    ("statements.many", "statements {list}"),
    ("policy.named", "`{name}`"),
    ("policy.numbered", "{kind} {n}"),
    ("condition", "`{operator}` on `{key}`"),
    ("list.separator", ", "),
    ("list.and", " and "),
];

/// The template `key` with its placeholders filled.
fn text(key: &str, args: &[(&str, &str)]) -> String {
    let template = ENGLISH
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, t)| t);
    crate::i18n::fill(template, args)
}

/// Whole sentences, one after the other.
fn sentences(parts: impl IntoIterator<Item = Option<String>>) -> String {
    parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// The verdict as one or more sentences for people.
pub fn verdict_sentence(verdict: &Verdict) -> String {
    match verdict {
        Verdict::ExplicitDeny { statements } => text(
            "verdict.explicit-deny",
            &[("statements", &describe(statements))],
        ),
        Verdict::ScpBlocks { level, name } => {
            let level = (level + 1).to_string();
            match name {
                Some(name) => text(
                    "verdict.scp-blocks.named",
                    &[("level", &level), ("name", name)],
                ),
                None => text("verdict.scp-blocks", &[("level", &level)]),
            }
        }
        Verdict::NoResourceAllowForNonIdentity { principal } => text(
            "verdict.no-resource-allow-for-non-identity",
            &[("principal", &principal_noun(*principal))],
        ),
        Verdict::CrossAccountResourceMissing {
            account,
            resource_policy_exists,
        } => {
            let key = if *resource_policy_exists {
                "verdict.cross-account.resource-policy-denies"
            } else {
                "verdict.cross-account.no-resource-policy"
            };
            text(key, &[("account", account.as_deref().unwrap_or("?"))])
        }
        Verdict::CrossAccountPrincipalBlocks { block } => text(
            match block {
                PrincipalBlock::NoIdentityPolicy => "verdict.cross-account.no-identity-policy",
                PrincipalBlock::NoIdentityAllow => "verdict.cross-account.no-identity-allow",
                PrincipalBlock::BoundaryBlocks => "verdict.cross-account.boundary-blocks",
                PrincipalBlock::SessionBlocks => "verdict.cross-account.session-blocks",
            },
            &[],
        ),
        Verdict::ResourcePolicyRequired {
            policy,
            resource_policy_exists,
        } => text(
            match (policy, resource_policy_exists) {
                (RequiredPolicy::TrustPolicy, false) => "verdict.trust-policy.none",
                (RequiredPolicy::TrustPolicy, true) => "verdict.trust-policy.denies",
                (RequiredPolicy::KeyPolicy, false) => "verdict.key-policy.none",
                (RequiredPolicy::KeyPolicy, true) => "verdict.key-policy.denies",
            },
            &[],
        ),
        Verdict::PrincipalBlocks {
            block,
            resource_names,
            near_miss,
        } => principal_blocks(*block, *resource_names, near_miss.as_ref()),
        Verdict::Allowed { by } => allowed(by),
    }
}

fn principal_blocks(
    block: PrincipalBlock,
    resource_names: Option<MatchLevel>,
    near_miss: Option<&NearMiss>,
) -> String {
    let why = match block {
        PrincipalBlock::NoIdentityPolicy => "verdict.no-identity-policy",
        PrincipalBlock::NoIdentityAllow => "verdict.no-identity-allow",
        PrincipalBlock::BoundaryBlocks => "verdict.boundary-blocks",
        PrincipalBlock::SessionBlocks => "verdict.session-blocks",
    };
    let names = match resource_names {
        Some(MatchLevel::Account) => Some(text("verdict.resource-names-account", &[])),
        Some(MatchLevel::Role) => Some(text("verdict.resource-names-role", &[])),
        _ => None,
    };
    sentences([
        Some(text(why, &[])),
        names,
        near_miss.map(near_miss_sentence),
    ])
}

fn near_miss_sentence(m: &NearMiss) -> String {
    let conditions: Vec<String> = m
        .failed
        .iter()
        .map(|c| text("condition", &[("operator", &c.operator), ("key", &c.key)]))
        .collect();
    let key = if conditions.len() == 1 {
        "verdict.near-miss.one"
    } else {
        "verdict.near-miss.many"
    };
    let list = conditions.join(&text("list.and", &[]));
    text(
        key,
        &[
            ("statement", &describe_one(&m.statement)),
            ("conditions", &list),
        ],
    )
}

fn allowed(by: &AllowedBy) -> String {
    let by_statements = |s: &[StatementRef]| {
        text(
            "verdict.allowed.statements",
            &[("statements", &describe(s))],
        )
    };
    let too = |resource_too: bool| resource_too.then(|| text("verdict.allowed.resource-too", &[]));
    match by {
        AllowedBy::Identity {
            statements,
            resource_too,
        } => sentences([Some(by_statements(statements)), too(*resource_too)]),
        AllowedBy::RootUser { resource_too } => sentences([
            Some(text("verdict.allowed.root-user", &[])),
            too(*resource_too),
        ]),
        AllowedBy::ResourcePolicy { statements, names } => {
            let how = match names {
                MatchLevel::Role => "verdict.allowed.names-role",
                MatchLevel::Everyone => "verdict.allowed.names-everyone",
                MatchLevel::Direct | MatchLevel::Account => "verdict.allowed.names-principal",
            };
            sentences([Some(by_statements(statements)), Some(text(how, &[]))])
        }
        AllowedBy::ResourcePolicyAlone { statements } => by_statements(statements),
        AllowedBy::BothAccounts => text("verdict.allowed.both-accounts", &[]),
    }
}

fn principal_noun(kind: PrincipalKind) -> String {
    let key = match kind {
        PrincipalKind::Service => "noun.principal.service",
        PrincipalKind::WebIdentity => "noun.principal.web-identity",
        PrincipalKind::CanonicalUser => "noun.principal.canonical-user",
        _ => "noun.principal.other",
    };
    text(key, &[])
}

fn layer_noun(kind: LayerKind) -> String {
    let key = match kind {
        LayerKind::Identity => "noun.layer.identity",
        LayerKind::PermissionsBoundary => "noun.layer.boundary",
        LayerKind::Session => "noun.layer.session",
        LayerKind::Resource => "noun.layer.resource",
        LayerKind::Scp => "noun.layer.scp",
        LayerKind::Rcp => "noun.layer.rcp",
        LayerKind::ExplicitDeny => "noun.layer.explicit-deny",
    };
    text(key, &[])
}

/// Every layer's row of the answer, in AWS's order, with its reason.
pub fn layer_rows(decided: &Decided, scenario: &Scenario) -> Vec<LayerResult> {
    decided
        .layers
        .rows()
        .into_iter()
        .map(|row| {
            let levels = match row.kind {
                LayerKind::Scp => &scenario.scp_levels,
                LayerKind::Rcp => &scenario.rcp_levels,
                _ => &Vec::new(),
            };
            let level_name = row
                .level
                .and_then(|i| levels.get(i))
                .and_then(|l| l.name.clone());
            LayerResult {
                layer: row.kind,
                level: row.level,
                level_name,
                side: layers::side(row.kind),
                status: row.layer.status,
                required: row.layer.required,
                reason: layer_reason(row.kind, row.layer),
                statements: row.layer.statements.clone(),
            }
        })
        .collect()
}

/// Why a layer has its outcome, in a few words.
pub fn layer_reason(kind: LayerKind, layer: &Layer) -> String {
    let statements = || describe(&layer.statements);
    match &layer.why {
        LayerWhy::Absent => text("layer.absent", &[("layer", &layer_noun(kind))]),
        LayerWhy::NotForPrincipal => {
            text("layer.not-for-principal", &[("layer", &layer_noun(kind))])
        }
        LayerWhy::Denies => text("layer.denies", &[("statements", &statements())]),
        LayerWhy::Allows => text("layer.allows", &[("statements", &statements())]),
        LayerWhy::NothingAllows => text("layer.nothing-allows", &[("layer", &layer_noun(kind))]),
        LayerWhy::FederatedWithoutSessionPolicy => {
            text("layer.federated-without-session-policy", &[])
        }
        LayerWhy::RcpServiceLinkedRole => text("layer.rcp-service-linked-role", &[]),
        LayerWhy::RcpUnsupportedService(service) => {
            text("layer.rcp-unsupported-service", &[("service", service)])
        }
        LayerWhy::RcpFullAccess => text("layer.rcp-full-access", &[]),
        LayerWhy::RootUser => text("layer.root-user", &[]),
        LayerWhy::NoDenyApplies => text("layer.no-deny-applies", &[]),
        LayerWhy::DenyApplies => text("layer.deny-applies", &[("statements", &statements())]),
    }
}

/// Statements in prose: "statement `Sid` in `Policy`", "statements A, B", "no statement".
pub fn describe(statements: &[StatementRef]) -> String {
    match statements {
        [] => text("statements.none", &[]),
        [one] => describe_one(one),
        many => {
            let names: Vec<String> = many.iter().map(describe_one).collect();
            let list = names.join(&text("list.separator", &[]));
            text("statements.many", &[("list", &list)])
        }
    }
}

/// One statement in prose: "statement `Sid` in `Policy`" or "statement 2 in identity-based
/// policy 1" (no Sid, no policy name).
pub fn describe_one(s: &StatementRef) -> String {
    let policy = match &s.policy.name {
        Some(name) => text("policy.named", &[("name", name)]),
        None => text(
            "policy.numbered",
            &[
                ("kind", s.policy.kind.label()),
                ("n", &(s.policy.index + 1).to_string()),
            ],
        ),
    };
    match &s.sid {
        Some(sid) if !sid.is_empty() => text("statement.sid", &[("sid", sid), ("policy", &policy)]),
        _ => text(
            "statement.number",
            &[
                ("n", &(s.statement_index + 1).to_string()),
                ("policy", &policy),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::result::PolicyRef;
    use crate::decide::verdict::ConditionRef;
    use crate::diagnostic::{LineIndex, Span};
    use crate::model::{Effect, PolicyKind};

    fn statement(sid: Option<&str>, name: Option<&str>) -> StatementRef {
        StatementRef {
            policy: PolicyRef {
                kind: PolicyKind::Identity,
                index: 1,
                position: None,
                name: name.map(String::from),
            },
            statement_index: 2,
            sid: sid.map(String::from),
            effect: Effect::Allow,
            location: LineIndex::new("").location(Span::default()),
        }
    }

    #[test]
    fn statements_are_named_by_sid_or_number() {
        let a = statement(Some("A"), Some("Mine"));
        let b = statement(None, None);
        assert_eq!(describe(&[]), "no statement");
        assert_eq!(describe_one(&a), "statement `A` in `Mine`");
        assert_eq!(describe_one(&b), "statement 3 in identity-based policy 2");
        assert_eq!(
            describe(&[a, b]),
            "statements statement `A` in `Mine`, statement 3 in identity-based policy 2"
        );
    }

    /// Every verdict reads as whole sentences, every placeholder filled.
    #[test]
    fn every_verdict_has_whole_sentences() {
        let s = vec![statement(Some("S"), None)];
        let near = NearMiss {
            statement: statement(None, Some("P")),
            failed: vec![ConditionRef {
                operator: "StringEquals".into(),
                key: "aws:username".into(),
            }],
        };
        let blocks = [
            PrincipalBlock::NoIdentityPolicy,
            PrincipalBlock::NoIdentityAllow,
            PrincipalBlock::BoundaryBlocks,
            PrincipalBlock::SessionBlocks,
        ];
        let mut verdicts = vec![
            Verdict::ExplicitDeny {
                statements: s.clone(),
            },
            Verdict::ScpBlocks {
                level: 0,
                name: None,
            },
            Verdict::ScpBlocks {
                level: 1,
                name: Some("Sandbox OU".into()),
            },
            Verdict::NoResourceAllowForNonIdentity {
                principal: PrincipalKind::Service,
            },
            Verdict::NoResourceAllowForNonIdentity {
                principal: PrincipalKind::Unknown,
            },
            Verdict::CrossAccountResourceMissing {
                account: None,
                resource_policy_exists: true,
            },
            Verdict::Allowed {
                by: AllowedBy::BothAccounts,
            },
            Verdict::Allowed {
                by: AllowedBy::RootUser { resource_too: true },
            },
            Verdict::Allowed {
                by: AllowedBy::ResourcePolicyAlone {
                    statements: s.clone(),
                },
            },
        ];
        for block in blocks {
            verdicts.push(Verdict::CrossAccountPrincipalBlocks { block });
            verdicts.push(Verdict::PrincipalBlocks {
                block,
                resource_names: Some(MatchLevel::Account),
                near_miss: Some(near.clone()),
            });
        }
        for policy in [RequiredPolicy::TrustPolicy, RequiredPolicy::KeyPolicy] {
            for resource_policy_exists in [false, true] {
                verdicts.push(Verdict::ResourcePolicyRequired {
                    policy,
                    resource_policy_exists,
                });
            }
        }
        for names in [MatchLevel::Direct, MatchLevel::Role, MatchLevel::Everyone] {
            let statements = s.clone();
            verdicts.push(Verdict::Allowed {
                by: AllowedBy::ResourcePolicy { statements, names },
            });
        }
        for v in &verdicts {
            let text = verdict_sentence(v);
            assert!(!text.contains('{') && text.ends_with('.'), "{v:?}: {text}");
            let opening = match v.decision() {
                crate::model::Decision::Allow => "Allowed: ",
                crate::model::Decision::ExplicitDeny => "Explicitly denied: ",
                crate::model::Decision::ImplicitDeny => "Implicitly denied: ",
            };
            assert!(text.starts_with(opening), "{v:?}: {text}");
        }
        assert_eq!(
            verdict_sentence(&verdicts[2]),
            "Implicitly denied: no SCP at level 2 (`Sandbox OU`) allows the request; every level of the organization must allow."
        );
    }

    /// Every key used in this file has a template, and every template is used.
    #[test]
    fn every_template_is_used_and_every_key_has_one() {
        let source = include_str!("explain.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        let table_end = code.find("/// The template `key`").unwrap_or(0);
        for (key, _) in ENGLISH {
            assert!(
                code[table_end..].contains(&format!("\"{key}\"")),
                "`{key}` is never used"
            );
        }
        let prefixes = [
            "verdict.",
            "layer.",
            "noun.",
            "statement.",
            "statements.",
            "policy.",
            "list.",
        ];
        for literal in code[table_end..].split('"').skip(1).step_by(2) {
            if prefixes.iter().any(|p| literal.starts_with(p)) || literal == "condition" {
                assert!(
                    ENGLISH.iter().any(|(k, _)| *k == literal),
                    "`{literal}` has no template"
                );
            }
        }
        let mut keys: Vec<&str> = ENGLISH.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a key is listed twice");
    }
}
