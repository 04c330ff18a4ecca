//! Which rule decides: the `Verdict` of corpus scenarios, one or more per rule of AWS's
//! evaluation logic. The sentences are tested once, in `answer::explain`; here the data.
#![cfg(test)]

use iam_playground::answer::result::StatementRef;
use iam_playground::decide::decision::decide;
use iam_playground::decide::principal::{MatchLevel, PrincipalKind};
use iam_playground::decide::verdict::{AllowedBy, PrincipalBlock, RequiredPolicy, Verdict};
use iam_playground::diagnostic::LineIndex;

/// The verdict of the first request of a corpus file.
fn verdict(file: &str) -> Verdict {
    let path = format!("{}/tests/corpus/{file}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (scenario, diagnostics) = iam_playground::parse::parse_scenario(&text);
    let scenario = scenario.unwrap_or_else(|| panic!("{file}: {diagnostics:?}"));
    decide(&scenario, &scenario.requests[0], &LineIndex::new(&text)).verdict
}

fn sids(statements: &[StatementRef]) -> Vec<&str> {
    statements.iter().filter_map(|s| s.sid.as_deref()).collect()
}

#[test]
fn an_applicable_deny_decides() {
    let v = verdict("action/notaction-deny-denies-others");
    assert!(
        matches!(&v, Verdict::ExplicitDeny { statements } if sids(statements) == ["DenyOutsideIreland"]),
        "{v:?}"
    );
    let v = verdict("cross-account/scp-of-caller-account-denies");
    assert!(
        matches!(&v, Verdict::ExplicitDeny { statements } if sids(statements) == ["NoS3"]),
        "{v:?}"
    );
}

#[test]
fn every_scp_level_must_allow() {
    assert_eq!(
        verdict("boundary/boundary-with-scp"),
        Verdict::ScpBlocks {
            level: 0,
            name: None
        }
    );
}

#[test]
fn a_principal_that_is_not_an_iam_identity_needs_a_resource_based_allow() {
    assert_eq!(
        verdict("must-allow/trust-policy-other-service-principal"),
        Verdict::NoResourceAllowForNonIdentity {
            principal: PrincipalKind::Service
        }
    );
    let v = verdict("derived-keys/principalisawsservice-true-for-service");
    assert!(
        matches!(&v, Verdict::Allowed { by: AllowedBy::ResourcePolicyAlone { statements } } if sids(statements) == ["ServicesOnly"]),
        "{v:?}"
    );
}

#[test]
fn cross_account_requests_need_both_sides() {
    assert_eq!(
        verdict("cross-account/account-named-and-identity-allows"),
        Verdict::Allowed {
            by: AllowedBy::BothAccounts
        }
    );
    assert_eq!(
        verdict("cross-account/account-in-resource-arn"),
        Verdict::CrossAccountResourceMissing {
            account: Some("111122223333".to_string()),
            resource_policy_exists: false
        }
    );
    assert_eq!(
        verdict("cross-account/wrong-account-named"),
        Verdict::CrossAccountResourceMissing {
            account: Some("111122223333".to_string()),
            resource_policy_exists: true
        }
    );
    for (file, block) in [
        (
            "cross-account/account-named-no-identity-policy",
            PrincipalBlock::NoIdentityPolicy,
        ),
        (
            "cross-account/boundary-limits-caller",
            PrincipalBlock::BoundaryBlocks,
        ),
        (
            "cross-account/session-named-session-policy-limits",
            PrincipalBlock::SessionBlocks,
        ),
    ] {
        assert_eq!(
            verdict(file),
            Verdict::CrossAccountPrincipalBlocks { block },
            "{file}"
        );
    }
}

#[test]
fn trust_and_key_policies_must_allow_within_the_account() {
    assert_eq!(
        verdict("must-allow/trust-policy-must-allow-identity-not-enough"),
        Verdict::ResourcePolicyRequired {
            policy: RequiredPolicy::TrustPolicy,
            resource_policy_exists: true
        }
    );
    assert_eq!(
        verdict("must-allow/kms-key-policy-must-allow"),
        Verdict::ResourcePolicyRequired {
            policy: RequiredPolicy::KeyPolicy,
            resource_policy_exists: true
        }
    );
}

#[test]
fn the_principal_side_allows() {
    let v = verdict("action/action-list-is-or");
    assert!(
        matches!(&v, Verdict::Allowed { by: AllowedBy::Identity { statements, resource_too: false } } if sids(statements) == ["Stmt"]),
        "{v:?}"
    );
    let v = verdict("evaluation-order/carlos-own-bucket-allowed");
    assert!(
        matches!(&v, Verdict::Allowed { by: AllowedBy::Identity { statements, resource_too: true } } if sids(statements) == ["AllowS3Self"]),
        "{v:?}"
    );
    assert_eq!(
        verdict("root-user/root-full-access-own-account"),
        Verdict::Allowed {
            by: AllowedBy::RootUser {
                resource_too: false
            }
        }
    );
}

#[test]
fn a_resource_based_allow_reaches_as_far_as_it_names_the_principal() {
    for (file, sid, level) in [
        (
            "must-allow/kms-key-policy-names-user",
            "AliceUsesKey",
            MatchLevel::Direct,
        ),
        (
            "resource-same-account/aws-star-principal-no-identity-policy",
            "AnyAwsRead",
            MatchLevel::Everyone,
        ),
        (
            "resource-same-account/role-arn-boundary-allows",
            "GrantRole",
            MatchLevel::Role,
        ),
    ] {
        let v = verdict(file);
        assert!(
            matches!(&v, Verdict::Allowed { by: AllowedBy::ResourcePolicy { statements, names } } if sids(statements) == [sid] && *names == level),
            "{file}: {v:?}"
        );
    }
    // Naming the account only delegates; naming the role is still limited.
    let v = verdict("must-allow/trust-policy-names-account-without-identity-allow");
    assert!(
        matches!(
            &v,
            Verdict::PrincipalBlocks {
                block: PrincipalBlock::NoIdentityPolicy,
                resource_names: Some(MatchLevel::Account),
                near_miss: None
            }
        ),
        "{v:?}"
    );
    let v = verdict("resource-same-account/role-arn-limited-by-boundary");
    assert!(
        matches!(
            &v,
            Verdict::PrincipalBlocks {
                resource_names: Some(MatchLevel::Role),
                ..
            }
        ),
        "{v:?}"
    );
}

#[test]
fn the_first_layer_of_the_principal_side_that_does_not_allow_blocks() {
    for (file, want) in [
        (
            "boundary/boundary-alone-grants-nothing",
            PrincipalBlock::NoIdentityPolicy,
        ),
        (
            "action/notaction-allow-excludes-listed",
            PrincipalBlock::NoIdentityAllow,
        ),
        (
            "boundary/boundary-on-role-session",
            PrincipalBlock::BoundaryBlocks,
        ),
        (
            "session/federated-user-without-session-policy",
            PrincipalBlock::SessionBlocks,
        ),
    ] {
        let v = verdict(file);
        assert!(
            matches!(&v, Verdict::PrincipalBlocks { block, near_miss: None, .. } if *block == want),
            "{file}: {v:?}"
        );
    }
}

#[test]
fn a_near_miss_names_the_conditions_that_failed() {
    let Verdict::PrincipalBlocks {
        block: PrincipalBlock::NoIdentityAllow,
        near_miss: Some(m),
        ..
    } = verdict("passrole/passrole-4-narrowed-lambda-denied")
    else {
        panic!("not a near miss");
    };
    assert_eq!(m.statement.sid.as_deref(), Some("PassRoleToEc2Only"));
    let failed: Vec<(&str, &str)> = m
        .failed
        .iter()
        .map(|c| (c.operator.as_str(), c.key.as_str()))
        .collect();
    assert_eq!(
        failed,
        [
            ("StringEquals", "iam:PassedToService"),
            ("StringLike", "iam:AssociatedResourceARN")
        ]
    );
    let v = verdict("boundary/boundary-condition-not-met");
    assert!(
        matches!(&v, Verdict::PrincipalBlocks { block: PrincipalBlock::BoundaryBlocks, near_miss: Some(m), .. } if m.failed.len() == 1),
        "{v:?}"
    );
}
