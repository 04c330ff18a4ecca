//! Reading `get-account-authorization-details` (both document forms), the scenarios of its
//! principals, and the PassRole map, on synthetic accounts built here (never a real one).

#![cfg(test)]

mod account_files;
#[path = "common/aws.rs"]
mod aws;

use account_files::{arn, story, Form};
use aws::{catalog, managed};
use iam_playground::model::ContextValue;
use iam_playground::tools::account::{Account, PassRoleMap, RequestSpec};
use iam_playground::AwsData;

fn read(form: Form) -> Account {
    let text = story(form, "v1").text();
    let account = Account::read(text, Some(managed())).unwrap();
    let errors: Vec<_> = account
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    account
}

fn map(account: &Account) -> PassRoleMap {
    PassRoleMap::compute(account, catalog(), &mut |_| {})
}

/// The scenario of `who` asking `action` on `resource`, evaluated by the engine.
fn decide(
    account: &Account,
    who: &str,
    action: &str,
    resource: &str,
    context: &[(&str, &str)],
) -> (String, Vec<String>, String) {
    let spec = RequestSpec {
        action: action.to_string(),
        resource: resource.to_string(),
        context: context
            .iter()
            .map(|(k, v)| (k.to_string(), ContextValue::Single(v.to_string())))
            .collect(),
    };
    let index = account.find(who).unwrap();
    let (text, _) = account.scenario(index, Some(&spec));
    let answer = iam_playground::evaluate_with(
        &text,
        AwsData {
            catalog: None,
            managed: Some(managed()),
        },
    );
    let value = serde_json::to_value(&answer).unwrap();
    let request = &value["requests"][0];
    assert!(
        request.is_object(),
        "scenario did not evaluate: {text}\n{value}"
    );
    let matched = request["matchedStatements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["sid"].as_str().map(str::to_string))
        .collect();
    (
        request["decision"].as_str().unwrap().to_string(),
        matched,
        request["decidedBy"].as_str().unwrap().to_string(),
    )
}

#[test]
fn both_forms_read_to_the_same_principals_and_scenarios() {
    let cli = read(Form::Cli);
    let api = read(Form::Api);
    assert_eq!(cli.account_id.as_deref(), Some("111122223333"));
    let names: Vec<String> = cli
        .principals
        .iter()
        .map(|p| format!("{}/{}", p.kind.as_str(), p.name))
        .collect();
    assert_eq!(
        names,
        [
            "user/alice",
            "user/bob",
            "user/carol",
            "user/dave",
            "user/erin",
            "user/frank",
            "role/AdminRole",
            "role/Ec2App",
            "role/LambdaWorker",
            "role/CiRole",
            "role/data-pipeline",
            "role/DeployRole",
            "role/Auditor",
            "role/AWSServiceRoleForAutoScaling",
        ]
    );
    for i in 0..cli.principals.len() {
        let spec = RequestSpec {
            action: "iam:PassRole".into(),
            resource: arn("role/AdminRole"),
            context: Vec::new(),
        };
        assert_eq!(
            cli.scenario(i, Some(&spec)),
            api.scenario(i, Some(&spec)),
            "principal {i}"
        );
    }
    let alice = cli.summaries().into_iter().next().unwrap();
    assert_eq!(
        (
            alice.identity_policies,
            alice.inline_policies,
            alice.managed_policies,
            alice.boundary
        ),
        (3, 2, 1, false)
    );
    assert_eq!(alice.groups, ["developers"]);
    let carol = &cli.summaries()[2];
    assert!(carol.boundary);
    let admin = &cli.summaries()[6];
    assert_eq!(admin.trusted_services, ["ec2.amazonaws.com"]);
    assert!(cli.summaries()[13].service_linked);
}

#[test]
fn policies_are_named_as_in_the_account() {
    let account = read(Form::Api);
    let bob = account.find("bob").unwrap();
    let in_force = account.in_force(bob);
    let names: Vec<&str> = in_force
        .identity
        .iter()
        .map(|x| account.document(x.doc).unwrap().name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "bob/inline/AssumeDeploy",
            "group:developers/inline/ReadLogs",
            "arn:aws:iam::111122223333:policy/PassEc2AppToEc2 (v2)",
        ]
    );
    assert_eq!(in_force.identity[1].via.as_deref(), Some("developers"));
    // AWS managed: by name from the snapshot, or from the file when it lists the policy.
    let dave = account.find("dave").unwrap();
    let (text, notes) = account.scenario(dave, None);
    assert!(
        text.contains(r#"{"managed": "AmazonEC2FullAccess"}"#)
            || text.contains("\"managed\": \"AmazonEC2FullAccess\""),
        "{text}"
    );
    assert_eq!(notes.len(), 1, "{notes:?}"); // no request given
    let admin = account.find("AdminRole").unwrap();
    let (text, _) = account.scenario(admin, None);
    assert!(
        text.contains("\"managed\": \"AdministratorAccess\""),
        "{text}"
    );
    // A version the snapshot does not hold is written out, with its version.
    let other = Account::read(story(Form::Cli, "v9").text(), Some(managed())).unwrap();
    let (text, _) = other.scenario(other.find("AdminRole").unwrap(), None);
    assert!(
        text.contains("\"name\": \"AWS managed: AdministratorAccess (v9)\""),
        "{text}"
    );
    // The principal's tags are its aws:PrincipalTag keys.
    let (text, _) = account.scenario(account.find("erin").unwrap(), None);
    assert!(
        text.contains("\"aws:PrincipalTag/team\": \"data\""),
        "{text}"
    );
}

#[test]
fn scenarios_decide_as_the_account_would() {
    for form in [Form::Cli, Form::Api] {
        let a = read(form);
        let ec2 = [("iam:PassedToService", "ec2.amazonaws.com")];
        let case = |who, action, resource: &str, ctx: &[(&str, &str)]| {
            decide(&a, who, action, resource, ctx)
        };
        // alice may pass anything, so the admin role too.
        let (d, m, _) = case("alice", "iam:PassRole", &arn("role/AdminRole"), &ec2);
        assert_eq!((d.as_str(), m), ("Allow", vec!["PassAnything".to_string()]));
        // bob through his group's policy in its default version v2 (v1 would allow more).
        let (d, m, _) = case("bob", "iam:PassRole", &arn("role/Ec2App"), &ec2);
        assert_eq!(
            (d.as_str(), m),
            ("Allow", vec!["PassEc2AppToEc2".to_string()])
        );
        let lambda = [("iam:PassedToService", "lambda.amazonaws.com")];
        assert_eq!(
            case("bob", "iam:PassRole", &arn("role/Ec2App"), &lambda).0,
            "ImplicitDeny"
        );
        assert_eq!(
            case("bob", "iam:PassRole", &arn("role/AdminRole"), &ec2).0,
            "ImplicitDeny"
        );
        // carol's group allows it; her boundary does not.
        let (d, _, by) = case("carol", "iam:PassRole", &arn("role/Ec2App"), &ec2);
        assert_eq!(
            (d.as_str(), by.as_str()),
            ("ImplicitDeny", "permissionsBoundary")
        );
        let (d, _, _) = case(
            "carol",
            "ec2:RunInstances",
            "arn:aws:ec2:us-east-1:111122223333:instance/*",
            &[],
        );
        assert_eq!(d, "ImplicitDeny"); // nothing but PassRole is allowed to her
                                       // dave: the AWS managed policy by ARN.
        let run = "arn:aws:ec2:us-east-1:111122223333:instance/*";
        assert_eq!(case("dave", "ec2:RunInstances", run, &[]).0, "Allow");
        assert_eq!(
            case("dave", "iam:PassRole", &arn("role/Ec2App"), &ec2).0,
            "ImplicitDeny"
        );
        // Tags: the same policy allows erin (team=data), not frank (team=web).
        let glue = [("iam:PassedToService", "glue.amazonaws.com")];
        let (d, m, _) = case("erin", "iam:PassRole", &arn("role/data-pipeline"), &glue);
        assert_eq!(
            (d.as_str(), m),
            ("Allow", vec!["PassOwnTeamRoles".to_string()])
        );
        assert_eq!(
            case("frank", "iam:PassRole", &arn("role/data-pipeline"), &glue).0,
            "ImplicitDeny"
        );
        // Trust policies decide sts:AssumeRole: DeployRole trusts the account (then the
        // identity-based policy must allow), Auditor another account.
        assert_eq!(
            case("bob", "sts:AssumeRole", &arn("role/DeployRole"), &[]).0,
            "Allow"
        );
        let (d, _, by) = case("alice", "sts:AssumeRole", &arn("role/DeployRole"), &[]);
        assert_eq!((d.as_str(), by.as_str()), ("ImplicitDeny", "identity"));
        let (d, _, by) = case("bob", "sts:AssumeRole", &arn("role/Auditor"), &[]);
        assert_eq!((d.as_str(), by.as_str()), ("ImplicitDeny", "resource"));
        // Roles as principals.
        assert_eq!(
            case("AdminRole", "s3:GetObject", "arn:aws:s3:::any/key", &[]).0,
            "Allow"
        );
        assert_eq!(
            case("LambdaWorker", "logs:PutLogEvents", "*", &[]).0,
            "Allow"
        );
        assert_eq!(
            case("Ec2App", "s3:GetObject", "arn:aws:s3:::app-bucket/k", &[]).0,
            "Allow"
        );
        assert_eq!(
            case("Ec2App", "s3:GetObject", "arn:aws:s3:::other/k", &[]).0,
            "ImplicitDeny"
        );
    }
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
);

#[test]
fn the_passrole_map_is_exact() {
    let expected: Vec<Row> = vec![
        (
            "role/AdminRole",
            "role/AdminRole",
            "ec2.amazonaws.com",
            "AWS managed: AdministratorAccess",
            None,
            false,
        ),
        (
            "role/AdminRole",
            "role/CiRole",
            "codebuild.amazonaws.com",
            "AWS managed: AdministratorAccess",
            None,
            false,
        ),
        (
            "role/AdminRole",
            "role/Ec2App",
            "ec2.amazonaws.com",
            "AWS managed: AdministratorAccess",
            None,
            false,
        ),
        (
            "role/AdminRole",
            "role/LambdaWorker",
            "lambda.amazonaws.com",
            "AWS managed: AdministratorAccess",
            None,
            false,
        ),
        (
            "role/AdminRole",
            "role/data-pipeline",
            "glue.amazonaws.com",
            "AWS managed: AdministratorAccess",
            None,
            false,
        ),
        (
            "role/CiRole",
            "role/LambdaWorker",
            "lambda.amazonaws.com",
            "CiRole/inline/PassWorker",
            Some("PassWorkerToLambda"),
            false,
        ),
        (
            "user/alice",
            "role/AdminRole",
            "ec2.amazonaws.com",
            "alice/inline/PassAnything",
            Some("PassAnything"),
            true,
        ),
        (
            "user/alice",
            "role/CiRole",
            "codebuild.amazonaws.com",
            "alice/inline/PassAnything",
            Some("PassAnything"),
            false,
        ),
        (
            "user/alice",
            "role/Ec2App",
            "ec2.amazonaws.com",
            "alice/inline/PassAnything",
            Some("PassAnything"),
            false,
        ),
        (
            "user/alice",
            "role/LambdaWorker",
            "lambda.amazonaws.com",
            "alice/inline/PassAnything",
            Some("PassAnything"),
            false,
        ),
        (
            "user/alice",
            "role/data-pipeline",
            "glue.amazonaws.com",
            "alice/inline/PassAnything",
            Some("PassAnything"),
            false,
        ),
        (
            "user/bob",
            "role/Ec2App",
            "ec2.amazonaws.com",
            "arn:aws:iam::111122223333:policy/PassEc2AppToEc2 (v2)",
            Some("PassEc2AppToEc2"),
            false,
        ),
        (
            "user/erin",
            "role/data-pipeline",
            "glue.amazonaws.com",
            "arn:aws:iam::111122223333:policy/PassTeamRoles (v1)",
            Some("PassOwnTeamRoles"),
            false,
        ),
    ];
    for form in [Form::Cli, Form::Api] {
        let account = read(form);
        let m = map(&account);
        let got: Vec<_> = m
            .rows
            .iter()
            .map(|r| {
                (
                    r.principal
                        .trim_start_matches("arn:aws:iam::111122223333:")
                        .to_string(),
                    r.role
                        .trim_start_matches("arn:aws:iam::111122223333:")
                        .to_string(),
                    r.service.clone(),
                    r.statement.policy.clone(),
                    r.statement.sid.clone(),
                    r.escalation,
                )
            })
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|(p, r, s, pol, sid, e)| {
                (
                    p.to_string(),
                    r.to_string(),
                    s.to_string(),
                    pol.to_string(),
                    sid.map(str::to_string),
                    *e,
                )
            })
            .collect();
        assert_eq!(got, want, "{form:?}");
        // 13 principals (the service-linked role aside), 5 roles a service may assume.
        assert_eq!((m.principals, m.roles, m.pairs), (13, 5, 5));
        assert!(m.notes.is_empty(), "{:?}", m.notes);

        let gains = |p: &str, r: &str| {
            m.rows
                .iter()
                .find(|x| x.principal.ends_with(p) && x.role.ends_with(r))
                .unwrap()
                .gains
                .clone()
        };
        // The classic: the instance role reads a bucket the user cannot.
        assert_eq!(gains("user/alice", "role/Ec2App"), ["s3:GetObject"]);
        assert_eq!(gains("user/bob", "role/Ec2App"), ["s3:GetObject"]);
        assert_eq!(
            gains("user/erin", "role/data-pipeline"),
            ["s3:GetObject", "s3:ListBucket"]
        );
        assert_eq!(
            gains("user/alice", "role/LambdaWorker"),
            [
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents"
            ]
        );
        // The escalation: the administrator role gives alice everything; IAM first.
        let admin = gains("user/alice", "role/AdminRole");
        assert_eq!(admin.len(), 10, "{admin:?}");
        assert!(
            admin[..3].iter().all(|g| g.starts_with("iam:")),
            "{admin:?}"
        );
        assert!(
            admin.contains(&"sts:*".to_string()) || admin[3].starts_with("sts:"),
            "{admin:?}"
        );
        // The role passing itself gains nothing; CiRole's conditional PassRole is no gain.
        assert!(gains("role/AdminRole", "role/AdminRole").is_empty());
        assert!(gains("user/alice", "role/CiRole").is_empty());
    }
}

/// The map composes per-policy decisions; it must agree with the engine deciding each
/// principal's whole scenario, for every principal and every role and service.
#[test]
fn the_map_agrees_with_the_engine_on_every_pair() {
    let account = read(Form::Cli);
    let m = map(&account);
    let targets = [
        ("role/AdminRole", "ec2.amazonaws.com"),
        ("role/Ec2App", "ec2.amazonaws.com"),
        ("role/LambdaWorker", "lambda.amazonaws.com"),
        ("role/CiRole", "codebuild.amazonaws.com"),
        ("role/data-pipeline", "glue.amazonaws.com"),
    ];
    let mut checked = 0;
    for p in account.principals.iter().filter(|p| !p.is_service_linked()) {
        for (role, service) in targets {
            let (d, m_sids, _) = decide(
                &account,
                &p.arn,
                "iam:PassRole",
                &arn(role),
                &[("iam:PassedToService", service)],
            );
            let row = m
                .rows
                .iter()
                .find(|r| r.principal == p.arn && r.role == arn(role) && r.service == service);
            assert_eq!(d == "Allow", row.is_some(), "{} {role} {service}", p.arn);
            if let Some(row) = row {
                if let Some(sid) = &row.statement.sid {
                    assert!(m_sids.contains(sid), "{m_sids:?} {sid}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 13 * 5);
}

#[test]
fn damaged_files_get_located_errors() {
    let text = story(Form::Cli, "v1").text();
    // Truncated: where the text ends.
    let cut = &text[..text[..text.len() / 2].rfind(",\n").unwrap() + 1];
    let errors = Account::read(cut.to_string(), Some(managed())).unwrap_err();
    assert_eq!(errors[0].code, "json-syntax");
    assert!(
        errors[0].message.contains("end of the text"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].span.unwrap().start, cut.len());
    let (line, column, _) = iam_playground::diagnostic::LineIndex::new(cut).position(cut.len());
    assert_eq!(
        (line, column),
        (cut.lines().count(), cut.lines().last().unwrap().len() + 1)
    );

    // Not the output at all.
    let errors = Account::read(r#"{"policies": {}}"#.into(), None).unwrap_err();
    assert_eq!(errors[0].code, "account-format");
    assert!(errors[0]
        .help
        .as_deref()
        .unwrap()
        .contains("get-account-authorization-details"));

    // A user without a name, a list of the wrong type: each with its path.
    let errors = Account::read(
        r#"{"UserDetailList": [{"Arn": "arn:aws:iam::111122223333:user/x"}], "RoleDetailList": {}}"#.into(),
        None,
    )
    .unwrap_err();
    let paths: Vec<_> = errors.iter().map(|e| e.path.clone().unwrap()).collect();
    assert_eq!(paths, ["/UserDetailList/0", "/RoleDetailList"]);
    assert_eq!(errors[0].message, "this user has no `UserName`");

    // A broken document inside an URL-encoded string: located in the encoded text, and the
    // account still opens, with the principal saying what is left out.
    let api = story(Form::Api, "v1").text();
    let broken = api.replacen(
        "%22Effect%22%3A%22Allow%22",
        "%22Effect%22%3A%22Allow%22%2C",
        1,
    );
    assert_ne!(broken, api);
    let account = Account::read(broken.clone(), Some(managed())).unwrap();
    let e = account.diagnostics.iter().find(|d| d.is_error()).unwrap();
    let at = e.span.unwrap();
    // The first such statement is the `developers` group's inline policy.
    assert_eq!(
        e.message,
        "expected a member name in double quotes, found `,`"
    );
    assert_eq!(at.text(&broken), "%2C");
    assert_eq!(
        e.path.as_deref(),
        Some("/GroupDetailList/0/GroupPolicyList/0/PolicyDocument")
    );
    let left_out: Vec<String> = account
        .summaries()
        .into_iter()
        .filter(|s| !s.left_out.is_empty())
        .map(|s| s.name)
        .collect();
    assert_eq!(left_out, ["alice", "bob"]);

    // A truncated listing is a warning that says so.
    let mut file = story(Form::Cli, "v1");
    file.truncated = true;
    let account = Account::read(file.text(), Some(managed())).unwrap();
    assert!(account.truncated);
    assert!(account
        .diagnostics
        .iter()
        .any(|d| d.code == "account-truncated"));
}

#[test]
fn unknown_policies_are_left_out_with_a_note() {
    let mut f = account_files::File::new(Form::Cli);
    f.user(
        account_files::Entity::new("gina")
            .attach("arn:aws:iam::aws:policy/NoSuchAwsPolicy")
            .attach(&arn("policy/NotInTheFile")),
    );
    let account = Account::read(f.text(), Some(managed())).unwrap();
    let notes: Vec<_> = account
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].1.contains("nor the built-in snapshot"),
        "{notes:?}"
    );
    assert!(
        notes[1].1.contains("not in the file's `Policies`"),
        "{notes:?}"
    );
    let summary = &account.summaries()[0];
    assert_eq!(summary.left_out.len(), 2);
    let m = map(&account);
    assert_eq!(m.notes.len(), 1);
}

#[test]
fn principals_are_found_by_name_or_arn() {
    let account = read(Form::Cli);
    assert_eq!(account.find("alice"), account.find(&arn("user/alice")));
    let e = account.find("alicee").unwrap_err();
    assert_eq!(e.code, "unknown-principal");
    assert_eq!(e.help.as_deref(), Some("did you mean `alice`?"));
}

/// Every gained action is one the engine allows the role and not the principal, on one of the
/// resources the role's policies name.
#[test]
fn gains_agree_with_the_engine() {
    let account = read(Form::Cli);
    let m = map(&account);
    let mut checked = 0;
    for row in &m.rows {
        let role = account.find(&row.role).unwrap();
        let mut resources: Vec<String> = vec!["*".to_string()];
        for x in account.in_force(role).identity {
            let policy = account.document(x.doc).unwrap().policy.as_ref().unwrap();
            for s in &policy.statements {
                for p in s.resource.iter().flat_map(|r| r.patterns.iter()) {
                    resources.push(p.value.as_str().to_owned());
                }
            }
        }
        for gain in row.gains.iter().filter(|g| !g.contains('*')) {
            let found = resources.iter().any(|r| {
                decide(&account, &row.role, gain, r, &[]).0 == "Allow"
                    && decide(&account, &row.principal, gain, r, &[]).0 != "Allow"
            });
            assert!(found, "{} gains {gain} from {}", row.principal, row.role);
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked}");
}
