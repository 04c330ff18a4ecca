//! The engine's sentences about a decision, in one place: the verdict's sentence
//! ([`verdict`]), the reason of every layer row ([`layer_rows`]) and how prose names a
//! statement ([`statements_phrase`]).
//!
//! Each function returns a [`Msg`]: a catalog key with its values, in no language yet. The
//! templates live in the `i18n` catalogs (`verdict.*`, `layer.*`, `noun.*`, `statement.*`),
//! one whole sentence each with named placeholders; what fills a placeholder is a name, a
//! number or a noun phrase that has its own template (a statement, a policy, a layer, a kind
//! of principal), never part of a clause. The answer keeps these messages beside their English
//! text, and the doors (`eval --lang`, the WebAssembly `evaluate(text, lang)`) render them in
//! the reader's language (`Answer::localize`).

use crate::answer::result::{LayerKind, LayerResult, StatementRef};
use crate::decide::decision::Decided;
use crate::decide::layers::{self, Layer, LayerWhy};
use crate::decide::principal::{MatchLevel, PrincipalKind};
use crate::decide::verdict::{
    AllowedBy, FreeCall, NearMiss, PrincipalBlock, RequiredPolicy, Verdict,
};
use crate::i18n::{Lang, Msg};
use crate::model::{PolicyKind, Scenario};

/// Whole sentences, one after the other (`sentences`: a space between them in English, none
/// in Japanese).
fn sentences(first: Msg, rest: impl IntoIterator<Item = Option<Msg>>) -> Msg {
    let mut all: Vec<Msg> = std::iter::once(first)
        .chain(rest.into_iter().flatten())
        .collect();
    let mut joined = all.pop().unwrap_or_else(|| Msg::new("statements.none"));
    while let Some(before) = all.pop() {
        joined = Msg::new("sentences")
            .phrase("first", before)
            .phrase("rest", joined);
    }
    joined
}

/// The verdict as one or more sentences for people, in English.
pub fn verdict_sentence(v: &Verdict) -> String {
    verdict(v).render(Lang::En)
}

/// The verdict as one or more sentences, in no language yet.
pub fn verdict(verdict: &Verdict) -> Msg {
    match verdict {
        Verdict::PermissionNotRequired { call } => Msg::new(match call {
            FreeCall::GetCallerIdentity => "verdict.permission-not-required.get-caller-identity",
            FreeCall::GetSessionToken => "verdict.permission-not-required.get-session-token",
        }),
        Verdict::EndpointBlocks { near_miss } => sentences(
            Msg::new("verdict.endpoint-blocks"),
            [near_miss.as_ref().map(near_miss_sentence)],
        ),
        Verdict::AnonymousNotAllowed {
            resource_policy_exists,
        } => Msg::new(if *resource_policy_exists {
            "verdict.anonymous.resource-policy-does-not-allow"
        } else {
            "verdict.anonymous.no-resource-policy"
        }),
        Verdict::ExplicitDeny { statements } => {
            Msg::new("verdict.explicit-deny").phrase("statements", statements_phrase(statements))
        }
        Verdict::ScpBlocks { level, name } => {
            let level = level + 1;
            match name {
                Some(name) => Msg::new("verdict.scp-blocks.named")
                    .arg("level", level)
                    .arg("name", name),
                None => Msg::new("verdict.scp-blocks").arg("level", level),
            }
        }
        Verdict::NoResourceAllowForNonIdentity { principal } => {
            Msg::new("verdict.no-resource-allow-for-non-identity")
                .phrase("principal", principal_noun(*principal))
        }
        Verdict::CrossAccountResourceMissing {
            account,
            resource_policy_exists,
        } => {
            let key = if *resource_policy_exists {
                "verdict.cross-account.resource-policy-denies"
            } else {
                "verdict.cross-account.no-resource-policy"
            };
            Msg::new(key).arg("account", account.as_deref().unwrap_or("?"))
        }
        Verdict::CrossAccountPrincipalBlocks { block } => Msg::new(match block {
            PrincipalBlock::NoIdentityPolicy => "verdict.cross-account.no-identity-policy",
            PrincipalBlock::NoIdentityAllow => "verdict.cross-account.no-identity-allow",
            PrincipalBlock::BoundaryBlocks => "verdict.cross-account.boundary-blocks",
            PrincipalBlock::SessionBlocks => "verdict.cross-account.session-blocks",
        }),
        Verdict::ResourcePolicyRequired {
            policy,
            resource_policy_exists,
        } => Msg::new(match (policy, resource_policy_exists) {
            (RequiredPolicy::TrustPolicy, false) => "verdict.trust-policy.none",
            (RequiredPolicy::TrustPolicy, true) => "verdict.trust-policy.denies",
            (RequiredPolicy::KeyPolicy, false) => "verdict.key-policy.none",
            (RequiredPolicy::KeyPolicy, true) => "verdict.key-policy.denies",
        }),
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
) -> Msg {
    let why = match block {
        PrincipalBlock::NoIdentityPolicy => "verdict.no-identity-policy",
        PrincipalBlock::NoIdentityAllow => "verdict.no-identity-allow",
        PrincipalBlock::BoundaryBlocks => "verdict.boundary-blocks",
        PrincipalBlock::SessionBlocks => "verdict.session-blocks",
    };
    let names = match resource_names {
        Some(MatchLevel::Account) => Some(Msg::new("verdict.resource-names-account")),
        Some(MatchLevel::Role) => Some(Msg::new("verdict.resource-names-role")),
        _ => None,
    };
    sentences(Msg::new(why), [names, near_miss.map(near_miss_sentence)])
}

fn near_miss_sentence(m: &NearMiss) -> Msg {
    let key = if m.failed.len() == 1 {
        "verdict.near-miss.one"
    } else {
        "verdict.near-miss.many"
    };
    // "`A` on `x` and `B` on `y`": each pair a phrase, joined from the right.
    let mut conditions = m.failed.iter().rev().map(|c| {
        Msg::new("condition")
            .arg("operator", &c.operator)
            .arg("key", &c.key)
    });
    let last = conditions
        .next()
        .unwrap_or_else(|| Msg::new("statements.none"));
    let list = conditions.fold(last, |rest, first| {
        Msg::new("condition.and")
            .phrase("first", first)
            .phrase("rest", rest)
    });
    Msg::new(key)
        .phrase("statement", statement_phrase(&m.statement))
        .phrase("conditions", list)
}

fn allowed(by: &AllowedBy) -> Msg {
    let by_statements = |s: &[StatementRef]| {
        Msg::new("verdict.allowed.statements").phrase("statements", statements_phrase(s))
    };
    let too = |resource_too: bool| resource_too.then(|| Msg::new("verdict.allowed.resource-too"));
    match by {
        AllowedBy::Identity {
            statements,
            resource_too,
        } => sentences(by_statements(statements), [too(*resource_too)]),
        AllowedBy::RootUser { resource_too } => {
            sentences(Msg::new("verdict.allowed.root-user"), [too(*resource_too)])
        }
        AllowedBy::ResourcePolicy { statements, names } => {
            let how = match names {
                MatchLevel::Role => "verdict.allowed.names-role",
                MatchLevel::Everyone => "verdict.allowed.names-everyone",
                MatchLevel::Direct | MatchLevel::Account => "verdict.allowed.names-principal",
            };
            sentences(by_statements(statements), [Some(Msg::new(how))])
        }
        AllowedBy::Anonymous { statements } => sentences(
            by_statements(statements),
            [Some(Msg::new("verdict.allowed.names-anonymous"))],
        ),
        AllowedBy::ResourcePolicyAlone { statements } => by_statements(statements),
        AllowedBy::BothAccounts => Msg::new("verdict.allowed.both-accounts"),
    }
}

fn principal_noun(kind: PrincipalKind) -> Msg {
    Msg::new(match kind {
        PrincipalKind::Service => "noun.principal.service",
        PrincipalKind::WebIdentity => "noun.principal.web-identity",
        PrincipalKind::CanonicalUser => "noun.principal.canonical-user",
        _ => "noun.principal.other",
    })
}

fn layer_noun(kind: LayerKind) -> Msg {
    Msg::new(match kind {
        LayerKind::Identity => "noun.layer.identity",
        LayerKind::PermissionsBoundary => "noun.layer.boundary",
        LayerKind::Session => "noun.layer.session",
        LayerKind::Resource => "noun.layer.resource",
        LayerKind::Scp => "noun.layer.scp",
        LayerKind::Rcp => "noun.layer.rcp",
        LayerKind::ExplicitDeny => "noun.layer.explicit-deny",
        LayerKind::VpcEndpoint => "noun.layer.vpc-endpoint",
        LayerKind::PermissionNotRequired => "noun.layer.permission-not-required",
    })
}

/// A policy by its place, as people count: "identity-based policy 2", "SCP level 1",
/// "permissions boundary" (the kinds a scenario has one of).
pub fn policy_place(kind: PolicyKind, index: usize) -> Msg {
    match kind {
        PolicyKind::Identity => Msg::new("name.identity-policy-n").arg("n", index + 1),
        PolicyKind::Scp => Msg::new("name.scp-level-n").arg("n", index + 1),
        PolicyKind::Rcp => Msg::new("name.rcp-level-n").arg("n", index + 1),
        PolicyKind::PermissionsBoundary => Msg::new("name.permissions-boundary"),
        PolicyKind::Session => Msg::new("name.session-policy"),
        PolicyKind::Resource => Msg::new("name.resource-policy"),
        PolicyKind::VpcEndpoint => Msg::new("name.vpc-endpoint-policy"),
    }
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
            let reason = layer_reason(row.kind, row.layer);
            LayerResult {
                layer: row.kind,
                level: row.level,
                level_name,
                side: layers::side(row.kind),
                status: row.layer.status,
                required: row.layer.required,
                reason: reason.render(Lang::En),
                reason_msg: Some(reason),
                statements: row.layer.statements.clone(),
            }
        })
        .collect()
}

/// Why a layer has its outcome, in a few words.
pub fn layer_reason(kind: LayerKind, layer: &Layer) -> Msg {
    let statements = || statements_phrase(&layer.statements);
    match &layer.why {
        LayerWhy::Absent => Msg::new("layer.absent").phrase("layer", layer_noun(kind)),
        LayerWhy::NotForPrincipal => {
            Msg::new("layer.not-for-principal").phrase("layer", layer_noun(kind))
        }
        LayerWhy::Denies => Msg::new("layer.denies").phrase("statements", statements()),
        LayerWhy::Allows => Msg::new("layer.allows").phrase("statements", statements()),
        LayerWhy::NothingAllows => {
            Msg::new("layer.nothing-allows").phrase("layer", layer_noun(kind))
        }
        LayerWhy::FederatedWithoutSessionPolicy => {
            Msg::new("layer.federated-without-session-policy")
        }
        LayerWhy::RcpServiceLinkedRole => Msg::new("layer.rcp-service-linked-role"),
        LayerWhy::RcpUnsupportedService(service) => {
            Msg::new("layer.rcp-unsupported-service").arg("service", service)
        }
        LayerWhy::RcpFullAccess => Msg::new("layer.rcp-full-access"),
        LayerWhy::RootUser => Msg::new("layer.root-user"),
        LayerWhy::NoDenyApplies => Msg::new("layer.no-deny-applies"),
        LayerWhy::DenyApplies => Msg::new("layer.deny-applies").phrase("statements", statements()),
        LayerWhy::NoEndpoint => Msg::new("layer.no-endpoint"),
        LayerWhy::Unsigned => Msg::new("layer.unsigned").phrase("layer", layer_noun(kind)),
        LayerWhy::PermissionNotRequired(call) => {
            Msg::new("layer.permission-not-required").arg("action", call.action())
        }
    }
}

/// Statements in prose, in English: "statement `Sid` in `Policy`", "statements A, B", "no
/// statement".
pub fn describe(statements: &[StatementRef]) -> String {
    statements_phrase(statements).render(Lang::En)
}

/// One statement in prose, in English (see [`statement_phrase`]).
pub fn describe_one(s: &StatementRef) -> String {
    statement_phrase(s).render(Lang::En)
}

/// Statements in prose: "statement `Sid` in `Policy`", "statements A, B", "no statement".
pub fn statements_phrase(statements: &[StatementRef]) -> Msg {
    match statements {
        [] => Msg::new("statements.none"),
        [one] => statement_phrase(one),
        many => {
            let names = many.iter().map(statement_phrase).collect();
            Msg::new("statements.many").phrases("list", names)
        }
    }
}

/// One statement in prose: "statement `Sid` in `Policy`" or "statement 2 in identity-based
/// policy 1" (no Sid, no policy name).
pub fn statement_phrase(s: &StatementRef) -> Msg {
    let policy = match &s.policy.name {
        Some(name) => Msg::new("policy.named").arg("name", name),
        None => Msg::new("policy.numbered")
            .phrase("kind", s.policy.kind.noun())
            .arg("n", s.policy.index + 1),
    };
    match &s.sid {
        Some(sid) if !sid.is_empty() => Msg::new("statement.sid")
            .arg("sid", sid)
            .phrase("policy", policy),
        _ => Msg::new("statement.number")
            .arg("n", s.statement_index + 1)
            .phrase("policy", policy),
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
            Verdict::Allowed {
                by: AllowedBy::Anonymous {
                    statements: s.clone(),
                },
            },
            Verdict::PermissionNotRequired {
                call: FreeCall::GetCallerIdentity,
            },
            Verdict::PermissionNotRequired {
                call: FreeCall::GetSessionToken,
            },
            Verdict::EndpointBlocks { near_miss: None },
            Verdict::EndpointBlocks {
                near_miss: Some(near.clone()),
            },
            Verdict::AnonymousNotAllowed {
                resource_policy_exists: false,
            },
            Verdict::AnonymousNotAllowed {
                resource_policy_exists: true,
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
            // Japanese: the decision's name as AWS's Japanese documentation writes it, whole
            // sentences ending in `。`, no English sentence left over.
            let ja = verdict(v).render(Lang::Ja);
            let opening = match v.decision() {
                crate::model::Decision::Allow => "許可: ",
                crate::model::Decision::ExplicitDeny => "明示的な拒否: ",
                crate::model::Decision::ImplicitDeny => "暗黙的な拒否: ",
            };
            assert!(ja.starts_with(opening), "{v:?}: {ja}");
            assert!(!ja.contains('{') && ja.ends_with('。'), "{v:?}: {ja}");
            for english in [" the ", " is ", " and ", ". "] {
                assert!(!ja.contains(english), "{v:?}: {ja}");
            }
        }
        assert_eq!(
            verdict_sentence(&verdicts[2]),
            "Implicitly denied: no SCP at level 2 (`Sandbox OU`) allows the request; every level of the organization must allow."
        );
        assert_eq!(
            verdict(&verdicts[2]).render(Lang::Ja),
            "暗黙的な拒否: レベル 2 (`Sandbox OU`) の SCP はどれもこのリクエストを許可していません。組織のすべてのレベルで許可されている必要があります。"
        );
    }

    /// A near miss names its statement and its false conditions in the reader's language,
    /// sentences joined as each language joins them.
    #[test]
    fn near_misses_read_in_both_languages() {
        let near = NearMiss {
            statement: statement(Some("PassToEc2"), Some("Ops")),
            failed: vec![
                ConditionRef {
                    operator: "StringEquals".into(),
                    key: "iam:PassedToService".into(),
                },
                ConditionRef {
                    operator: "ArnLike".into(),
                    key: "iam:AssociatedResourceARN".into(),
                },
            ],
        };
        let v = Verdict::PrincipalBlocks {
            block: PrincipalBlock::NoIdentityAllow,
            resource_names: None,
            near_miss: Some(near),
        };
        assert_eq!(
            verdict_sentence(&v),
            "Implicitly denied: no identity-based policy allows it. The closest is statement `PassToEc2` in `Ops`: it covers the action and resource, but its conditions `StringEquals` on `iam:PassedToService` and `ArnLike` on `iam:AssociatedResourceARN` are false."
        );
        assert_eq!(
            verdict(&v).render(Lang::Ja),
            "暗黙的な拒否: このリクエストを許可するアイデンティティベースのポリシーがありません。最も近いのは `Ops` のステートメント `PassToEc2` です。アクションとリソースは対象に含まれていますが、条件 `iam:PassedToService` の `StringEquals` と `iam:AssociatedResourceARN` の `ArnLike` がいずれも false です。"
        );
    }

    /// Every key used in this file has a template in the catalogs, and every template of the
    /// families this file writes is used.
    #[test]
    fn every_template_is_used_and_every_key_has_one() {
        let source = include_str!("explain.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        // The nouns of policy kinds live with the kinds (`PolicyKind::noun`).
        let code = &format!("{code}{}", include_str!("../model/mod.rs"));
        let keys = crate::i18n::keys(Lang::En);
        let families = [
            "verdict.",
            "layer.",
            "noun.",
            "statement.",
            "statements.",
            "policy.",
        ];
        for key in &keys {
            if families.iter().any(|f| key.starts_with(f)) {
                assert!(
                    code.contains(&format!("\"{key}\"")),
                    "`{key}` is never used"
                );
            }
        }
        let singles = ["sentences", "condition", "condition.and"];
        for literal in code.split('"').skip(1).step_by(2) {
            let looks_like_key = families.iter().any(|f| literal.starts_with(f))
                || singles.contains(&literal)
                || literal.starts_with("name.");
            if looks_like_key {
                assert!(keys.contains(&literal), "`{literal}` has no template");
            }
        }
    }
}
