//! Catalog tests: a small hand-written catalog (the rules), and the real `data/catalog.json`
//! (the data says what we rely on).

use super::*;

/// A small catalog in the file format, for unit tests across the crate.
pub(crate) const SMALL: &str = r#"{
  "format": "iam-playground-catalog/1", "generated": "2026-01-01",
  "source": {"package": "test", "version": "1"},
  "globalKeys": [["aws:SourceIp", "IPAddress"], ["aws:CurrentTime", "Date"],
                 ["aws:TagKeys", "ArrayOfString"], ["aws:ResourceTag/${TagKey}", "String"],
                 ["aws:PrincipalTag/${TagKey}", "String"]],
  "services": [
    {"prefix": "iam", "name": "IAM",
     "keys": [["iam:PassedToService", "String"], ["iam:AssociatedResourceArn", "ARN"],
              ["aws:ResourceTag/${TagKey}", "String"]],
     "resources": [["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", [2]],
                   ["user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", []]],
     "actions": [["PassRole", "W", [0], [0, 1]], ["GetRole", "R", [0], []],
                 ["GetUser", "R", [1], []], ["ListRoles", "L", [], []]]},
    {"prefix": "ec2", "name": "EC2",
     "keys": [],
     "resources": [["instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}", []]],
     "actions": [["RunInstances", "W", [0], []], ["DescribeInstances", "L", [], []],
                 ["StartInstances", "W", [0], []], ["RunScheduledInstances", "W", [0], []]]}
  ]
}"#;

pub(crate) fn small() -> Catalog {
    Catalog::from_json(SMALL).unwrap()
}

/// The real catalog, read once per test binary.
pub(crate) fn real() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let text = include_str!("../../../data/catalog.json");
        Catalog::from_json(text).unwrap()
    })
}

#[test]
fn lookups_are_case_insensitive() {
    let c = small();
    assert_eq!(
        c.action("iam:passrole").unwrap().action.full_name,
        "iam:PassRole"
    );
    assert_eq!(
        c.action("IAM:PassRole").unwrap().action.access_level,
        "Write"
    );
    assert!(c.action("iam:PasRole").is_none());
    assert!(c.action("nope:PassRole").is_none());
    assert!(c.action("iam").is_none());
    assert_eq!(c.service("EC2").unwrap().name, "EC2");
}

#[test]
fn expansion_table() {
    let c = small();
    let cases: &[(&str, &[&str])] = &[
        ("iam:Pass*", &["iam:PassRole"]),
        ("iam:Get*", &["iam:GetRole", "iam:GetUser"]),
        ("iam:get?ole", &["iam:GetRole"]),
        (
            "ec2:*Instances",
            &[
                "ec2:DescribeInstances",
                "ec2:RunInstances",
                "ec2:RunScheduledInstances",
                "ec2:StartInstances",
            ],
        ),
        (
            "ec2:Run*Instances",
            &["ec2:RunInstances", "ec2:RunScheduledInstances"],
        ),
        ("iam:Nothing*", &[]),
        ("s3:*", &[]),
        ("*:PassRole", &["iam:PassRole"]),
    ];
    for (pattern, want) in cases {
        assert_eq!(&c.expand(pattern), want, "{pattern}");
    }
    assert_eq!(c.expand("*").len(), 8);
}

#[test]
fn not_action_is_the_complement() {
    let c = small();
    let rest = c.expand_not(&["iam:*", "ec2:Run*"]);
    assert_eq!(rest, ["ec2:DescribeInstances", "ec2:StartInstances"]);
    let counts = c.count_by_service(&rest);
    assert_eq!(
        counts,
        [ServiceCount {
            prefix: "ec2".into(),
            count: 2,
            total: 4
        }]
    );
}

#[test]
fn keys_resolve_with_placeholders() {
    let c = small();
    assert_eq!(
        c.find_key("aws:resourcetag/team").unwrap().key.name,
        "aws:ResourceTag/${TagKey}"
    );
    assert_eq!(
        c.find_key("iam:passedtoservice").unwrap().key.type_name,
        "String"
    );
    assert!(c.find_key("iam:PassedToServices").is_none());
    assert!(c.find_key("aws:TagKeys").unwrap().key.multivalued());
    let pass = c.action("iam:PassRole").unwrap();
    let get = c.action("iam:GetRole").unwrap();
    assert!(c.action_supports_key(pass, "iam:PassedToService"));
    assert!(!c.action_supports_key(get, "iam:PassedToService"));
    // Global keys apply everywhere, but tag keys only where listed (here: through `role`).
    assert!(c.action_supports_key(get, "aws:SourceIp"));
    assert!(c.action_supports_key(get, "aws:ResourceTag/team"));
    assert!(!c.action_supports_key(c.action("iam:GetUser").unwrap(), "aws:ResourceTag/team"));
}

#[test]
fn keys_for_actions_lists_global_then_service_keys() {
    let c = small();
    let names: Vec<String> = c
        .keys_for_actions(&["iam:PassRole"])
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert!(names.contains(&"iam:PassedToService".to_string()));
    assert!(names.contains(&"aws:SourceIp".to_string()));
    assert!(names.contains(&"aws:ResourceTag/${TagKey}".to_string()));
    assert!(!names.contains(&"aws:TagKeys".to_string()));
    let names: Vec<String> = c
        .keys_for_actions(&["iam:GetUser"])
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert!(!names.contains(&"iam:PassedToService".to_string()));
}

#[test]
fn damaged_files_are_errors() {
    for (text, want) in [
        ("", "not a catalog file"),
        ("{}", "not a catalog file"),
        (
            r#"{"format": "x/9", "generated": "", "source": {"package": "p", "version": "1"}, "globalKeys": [], "services": []}"#,
            "unsupported catalog format",
        ),
        (
            r#"{"format": "iam-playground-catalog/1", "generated": "", "source": {"package": "p", "version": "1"}, "globalKeys": [],
             "services": [{"prefix": "a", "name": "A", "keys": [], "resources": [], "actions": [["X", "R", [3], []]]}]}"#,
            "refers to resource type 3",
        ),
    ] {
        let e = Catalog::from_json(text).unwrap_err();
        assert_eq!(e.code, "catalog-data");
        assert!(e.message.contains(want), "{e:?}");
    }
}

#[test]
fn the_real_catalog_has_what_the_playground_relies_on() {
    let c = real();
    assert!(c.services().len() > 400, "{}", c.services().len());
    assert!(c.action_count() > 20_000);
    let pass = c.action("iam:PassRole").unwrap();
    assert!(c.action_supports_key(pass, "iam:PassedToService"));
    assert!(!c.action_supports_key(c.action("iam:GetRole").unwrap(), "iam:PassedToService"));
    assert_eq!(
        pass.resource_types()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["role"]
    );
    let pass_star = c.expand("iam:Pass*");
    assert!(pass_star.contains(&"iam:PassRole"));
    let instances = c.expand("ec2:*Instances");
    assert!(
        instances.contains(&"ec2:RunInstances") && instances.contains(&"ec2:DescribeInstances")
    );
    assert!(instances
        .iter()
        .all(|a| a.to_ascii_lowercase().ends_with("instances")));
    assert_eq!(
        c.find_key("aws:CurrentTime").unwrap().key.key_type(),
        KeyType::Date
    );
    assert!(c.find_key("aws:TagKeys").unwrap().key.multivalued());
    assert!(!c.source().version.is_empty() && !c.source().generated.is_empty());
    // No action is listed twice (binary search relies on it).
    for s in c.services() {
        for w in s.actions.windows(2) {
            assert!(
                !w[0].name().eq_ignore_ascii_case(w[1].name()),
                "{}",
                w[0].full_name
            );
        }
    }
}

mod narrowed_by_literal_start {
    use super::*;
    use crate::decide::matching::action::action_matches;
    use proptest::prelude::*;

    /// Every action `pattern` matches, found the slow way: each action of each service.
    fn every_match(catalog: &Catalog, pattern: &str) -> Vec<String> {
        let all = catalog.services.iter().flat_map(|s| s.actions.iter());
        all.filter(|a| action_matches(pattern, &a.full_name))
            .map(|a| a.full_name.clone())
            .collect()
    }

    fn covered(catalog: &Catalog, pattern: &str) -> Vec<String> {
        let refs = catalog.covered(pattern);
        refs.iter().map(|a| a.action.full_name.clone()).collect()
    }

    #[test]
    fn the_run_of_a_literal_start_is_every_action_it_covers() {
        let catalog = real();
        for pattern in [
            "ec2:Describe*",
            "EC2:describe*",
            "ec2:DescribeInstance?",
            "ec2:Describe0*",
            "s3:Get*Tagging",
            "iam:Pass*",
            "iam:PassRole*",
            "iam:passrole?",
            "iam:*Role",
            "iam:P?ss*",
            "s3:z*",
            "s3:*",
            "s*:GetObject*",
            "*",
        ] {
            let expected = every_match(catalog, pattern);
            assert_eq!(covered(catalog, pattern), expected, "{pattern}");
            assert_eq!(
                catalog.covers_any(pattern),
                !expected.is_empty(),
                "{pattern}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Patterns of a few services with letters, `*` and `?` (some letters not ASCII, one of
        /// which folds to an ASCII `k`): the narrowed search finds what matching every action
        /// finds.
        #[test]
        fn covered_is_every_match(
            prefix in prop::sample::select(vec!["ec2", "s3", "iam", "EC2", "lambda"]),
            name in "[a-zA-Z*?\u{212A}é]{0,8}",
        ) {
            let catalog = real();
            let pattern = format!("{prefix}:{name}");
            let expected = every_match(catalog, &pattern);
            prop_assert_eq!(covered(catalog, &pattern), expected.clone());
            prop_assert_eq!(catalog.covers_any(&pattern), !expected.is_empty());
        }

        /// The start of a real action's name (all of it, at times), its case changed, then a
        /// wildcard: patterns that do cover actions.
        #[test]
        fn covered_is_every_match_from_real_names(
            pick in any::<prop::sample::Index>(),
            cut in any::<prop::sample::Index>(),
            upper in any::<bool>(),
            tail in prop::sample::select(vec!["*", "?", "*s", "?*", ""]),
        ) {
            let catalog = real();
            let actions: Vec<&Action> = catalog.services.iter().flat_map(|s| s.actions.iter()).collect();
            let action = actions[pick.index(actions.len())];
            let name = action.name();
            let start = &name[..cut.index(name.len() + 1)];
            let start = if upper { start.to_ascii_uppercase() } else { start.to_ascii_lowercase() };
            let prefix = action.full_name.split(':').next().unwrap_or_default();
            let pattern = format!("{prefix}:{start}{tail}");
            let expected = every_match(catalog, &pattern);
            prop_assert_eq!(covered(catalog, &pattern), expected.clone());
            prop_assert_eq!(catalog.covers_any(&pattern), !expected.is_empty());
        }
    }
}
