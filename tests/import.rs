//! Import: every artefact form under tests/fixtures/import/ gives the expected request and
//! hint, and every malformed one a clear error with its place. One line per fixture.
#![cfg(test)]

use std::path::Path;

use iam_playground::answer::result::Status;
use iam_playground::model::ContextValue;
use iam_playground::tools::import::{import_artifact, ArtifactFormat, HintDecision, HintLayer};

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

struct Case {
    file: &'static str,
    format: ArtifactFormat,
    principal: &'static str,
    action: &'static str,
    resource: &'static str,
    /// Context keys expected (multivalued joined by `,`).
    context: &'static [(&'static str, &'static str)],
    decision: Option<HintDecision>,
    layer: Option<HintLayer>,
    /// Words one of the notes must contain.
    note: &'static str,
}

use ArtifactFormat::{
    AccessDeniedMessage as Ad, CloudTrailEvent as Ct, DecodedMessage as Dm, DecodedMessageCli as Dc,
};
use HintDecision::{ExplicitDeny as Ex, ExplicitOrImplicit as Scp, ImplicitDeny as Im};

const STORY_USER: &str = "arn:aws:iam::111122223333:user/test-user";
const STORY_ROLE: &str = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ";

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { file: "decoded-bare.json", format: Dm, principal: STORY_USER, action: "iam:PassRole", resource: STORY_ROLE,
           context: &[("iam:PassedToService", "ec2.amazonaws.com"), ("aws:RequestedRegion", "us-east-1"), ("aws:userid", "AIDAEXAMPLEID1234567")],
           decision: Some(Im), layer: None, note: "could not infer which kind of policy" },
    Case { file: "decoded-cli.json", format: Dc, principal: STORY_USER, action: "iam:PassRole", resource: STORY_ROLE,
           context: &[("iam:PassedToService", "ec2.amazonaws.com"), ("aws:RequestedRegion", "us-east-1")],
           decision: Some(Im), layer: None, note: "no policy can test `aws:Service`" },
    Case { file: "decoded-json-string.json", format: Dm, principal: STORY_USER, action: "iam:PassRole", resource: STORY_ROLE,
           context: &[("iam:PassedToService", "ec2.amazonaws.com")], decision: Some(Im), layer: None, note: "" },
    Case { file: "decoded-explicit-deny-session.json", format: Dm,
           principal: "arn:aws:sts::444455556666:assumed-role/Developer/dev-session", action: "ec2:RunInstances",
           resource: "arn:aws:ec2:eu-west-1:444455556666:instance/*",
           context: &[("ec2:InstanceType", "t3.micro"), ("aws:TagKeys", "owner,project")],
           decision: Some(Ex), layer: None, note: "matched statement `DenyUntaggedLaunch`: DENY ec2:RunInstances" },
    Case { file: "access-denied-identity-implicit.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/JohnDoe",
           action: "codecommit:ListRepositories", resource: "*", context: &[], decision: Some(Im), layer: Some(HintLayer::Identity),
           note: "could not infer the resource" },
    Case { file: "access-denied-cli-s3-quoted.txt", format: Ad, principal: "arn:aws:iam::111122223333:user/iam-demo-user",
           action: "s3:CreateBucket", resource: "arn:aws:s3:::iam-demo-bucket-111122223333", context: &[],
           decision: Some(Im), layer: Some(HintLayer::Identity), note: "the failing API call was `CreateBucket`" },
    Case { file: "access-denied-explicit-policy-arn.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/janedoe",
           action: "iam:CreateInstanceProfile", resource: "arn:aws:iam::123456789012:instance-profile/my-instance-profile",
           context: &[], decision: Some(Ex), layer: Some(HintLayer::Identity), note: "authorization-details/EXAMPLE1a2b3c4d5e" },
    Case { file: "access-denied-scp.txt", format: Ad, principal: "arn:aws:iam::777788889999:user/JohnDoe",
           action: "codecommit:ListRepositories", resource: "*", context: &[], decision: Some(Scp), layer: Some(HintLayer::Scp), note: "" },
    Case { file: "access-denied-boundary-implicit.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/JohnDoe",
           action: "codedeploy:ListDeployments", resource: "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*",
           context: &[], decision: Some(Im), layer: Some(HintLayer::PermissionsBoundary), note: "" },
    Case { file: "access-denied-session-implicit.txt", format: Ad,
           principal: "arn:aws:sts::111122223333:assumed-role/AWSCodePipelineServiceRole-us-east-1/1700000000000",
           action: "s3:ListBucket", resource: "arn:aws:s3:::codepipeline-us-east-1-123456", context: &[],
           decision: Some(Im), layer: Some(HintLayer::Session), note: "" },
    Case { file: "access-denied-resource-explicit.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/JohnDoe",
           action: "secretsmanager:GetSecretValue", resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:*",
           context: &[], decision: Some(Ex), layer: Some(HintLayer::Resource), note: "" },
    Case { file: "access-denied-role-trust.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/JohnDoe",
           action: "sts:AssumeRole", resource: "arn:aws:iam::123456789012:role/DeployRole", context: &[],
           decision: Some(Im), layer: Some(HintLayer::RoleTrust), note: "" },
    Case { file: "access-denied-kms-this-resource.txt", format: Ad,
           principal: "arn:aws:sts::112233445566:assumed-role/AWSReservedSSO_PermSetName_0123456789abcdef/abcde",
           action: "kms:GenerateDataKey", resource: "*", context: &[], decision: Some(Im), layer: Some(HintLayer::Identity),
           note: "only `on this resource`" },
    Case { file: "access-denied-terminal-wrapped.txt", format: Ad,
           principal: "arn:aws:sts::940482408660:assumed-role/WSParticipantRole/Participant",
           action: "s3:CreateBucket", resource: "arn:aws:s3:::kirokiroreinvent2025", context: &[],
           decision: Some(Im), layer: Some(HintLayer::Identity), note: "" },
    Case { file: "access-denied-rcp-multiline.txt", format: Ad,
           principal: "arn:aws:sts::112233445566:assumed-role/AWSReservedSSO_PermSetName_0123456789abcdef/abcde",
           action: "s3:PutObject", resource: "arn:aws:s3:::test-intelligent-tiering-class-only/standard.txt", context: &[],
           decision: Some(Ex), layer: Some(HintLayer::Rcp), note: "" },
    // "For the following error, check for an explicit Deny statement for SNS:Publish in your SCPs."
    Case { file: "access-denied-vpce-transitive.txt", format: Ad,
           principal: "arn:aws:sts::111122223333:assumed-role/role-name/role-session-name",
           action: "SNS:Publish", resource: "arn:aws:sns:us-east-1:444455556666:role-name-2", context: &[],
           decision: Some(Scp), layer: Some(HintLayer::Scp), note: "transitively" },
    Case { file: "access-denied-go-sdk.txt", format: Ad, principal: "arn:aws:iam::420627799355:user/terraform-user",
           action: "s3:CreateBucket", resource: "arn:aws:s3:::my-static-site", context: &[], decision: Some(Scp),
           layer: Some(HintLayer::Scp), note: "arn:aws:organizations::111111111111:policy/o-abcd1234" },
    Case { file: "access-denied-passrole-ec2.txt", format: Ad, principal: STORY_USER, action: "iam:PassRole",
           resource: STORY_ROLE, context: &[], decision: Some(Im), layer: Some(HintLayer::Identity),
           note: "also carries an encoded authorization failure message" },
    Case { file: "access-denied-no-reason.txt", format: Ad, principal: "arn:aws:iam::123456789012:user/infrarunbook-admin",
           action: "sts:AssumeRole", resource: "arn:aws:iam::987654321098:role/InfraDeployRole", context: &[],
           decision: None, layer: None, note: "" },
    Case { file: "access-denied-sdk-error.json", format: Ad, principal: "arn:aws:iam::111122223333:user/dev",
           action: "lambda:CreateFunction", resource: "arn:aws:lambda:us-east-1:111122223333:function:my-fn", context: &[],
           decision: Some(Im), layer: Some(HintLayer::Identity), note: "" },
    Case { file: "cloudtrail-iam-user.json", format: Ct, principal: "arn:aws:iam::123456789012:user/some_username",
           action: "iam:ListAccessKeys", resource: "*",
           context: &[("aws:SourceIp", "198.51.100.55"), ("aws:RequestedRegion", "us-east-1"), ("aws:CurrentTime", "2019-03-04T08:33:06Z")],
           decision: Some(Im), layer: Some(HintLayer::Identity), note: "`user some_username`, which is not an ARN" },
    Case { file: "cloudtrail-assumed-role-s3.json", format: Ct, principal: "arn:aws:sts::111122223333:assumed-role/DataReader/alice",
           action: "s3:GetObject", resource: "arn:aws:s3:::reports-bucket/2026/q3.csv",
           context: &[("aws:PrincipalArn", "arn:aws:iam::111122223333:role/teams/DataReader"), ("aws:MultiFactorAuthPresent", "false"),
                      ("aws:SecureTransport", "true"), ("aws:SourceVpce", "vpce-0abc1234def567890"), ("aws:RequestedRegion", "eu-west-1")],
           decision: None, layer: None, note: "whether the denial was explicit or implicit" },
    Case { file: "cloudtrail-log-file.json", format: Ct, principal: "arn:aws:iam::111122223333:user/dev",
           action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Deployer", context: &[("aws:userid", "AIDAEXAMPLEDEV")],
           decision: None, layer: None, note: "record 2 was imported" },
    Case { file: "cloudtrail-lookup-events.json", format: Ct, principal: STORY_USER, action: "ec2:RunInstances", resource: "*",
           context: &[("aws:SourceIp", "192.0.2.44")], decision: None, layer: None, note: "`ec2-run-instances` bundle" },
];

fn shown(v: &ContextValue) -> String {
    v.values().join(",")
}

#[test]
fn every_artefact_form_gives_its_request() {
    let mut failures = Vec::new();
    for c in CASES {
        let r = import_artifact(&fixture(c.file));
        if !r.errors.is_empty() {
            failures.push(format!("{}: errors {:?}", c.file, r.errors));
            continue;
        }
        let req = r.request.as_ref().unwrap();
        let got = (
            r.format,
            req.principal.as_str(),
            req.action.as_str(),
            req.resource.as_str(),
        );
        if got != (Some(c.format), c.principal, c.action, c.resource) {
            failures.push(format!("{}: got {got:?}", c.file));
        }
        // Only keys that policies test go into the context (the rest are notes).
        if let Some(k) = req.context.iter().find(|k| {
            [
                "aws:Region",
                "aws:Service",
                "aws:Resource",
                "aws:Account",
                "aws:Type",
            ]
            .iter()
            .any(|bad| k.key.eq_ignore_ascii_case(bad))
        }) {
            failures.push(format!("{}: `{}` in the context", c.file, k.key));
        }
        for (k, v) in c.context {
            match req.context.iter().find(|x| x.key == *k) {
                Some(x) if shown(&x.value) == *v => {}
                other => failures.push(format!(
                    "{}: context `{k}`: {:?}",
                    c.file,
                    other.map(|x| &x.value)
                )),
            }
        }
        if r.hint.as_ref().map(|h| h.decision) != c.decision
            || r.hint.as_ref().and_then(|h| h.layer) != c.layer
        {
            failures.push(format!("{}: hint {:?}", c.file, r.hint));
        }
        if !c.note.is_empty() && !r.notes.iter().any(|n| n.message.contains(c.note)) {
            failures.push(format!(
                "{}: no note with `{}` in {:?}",
                c.file, c.note, r.notes
            ));
        }
        // The scenario is valid, carries the request, and its description the hint.
        let scenario = r.scenario.as_deref().unwrap();
        let answer = iam_playground::evaluate(scenario);
        if answer.status != Status::Evaluated {
            failures.push(format!(
                "{}: scenario invalid: {:?}",
                c.file, answer.diagnostics
            ));
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(scenario).unwrap();
        assert_eq!(
            v["policies"],
            serde_json::json!({"identity": []}),
            "{}",
            c.file
        );
        assert_eq!(v["request"]["action"], c.action, "{}", c.file);
        if let Some(h) = &r.hint {
            assert!(
                v["description"].as_str().unwrap().contains(&h.summary),
                "{}",
                c.file
            );
        }
        assert!(v["name"].as_str().unwrap().len() >= 10);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_fixture_is_tested() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        let known = CASES.iter().any(|c| c.file == name) || MALFORMED.iter().any(|m| m.0 == name);
        assert!(known, "fixture `{name}` has no line in tests/import.rs");
    }
}

/// (file, code, line, column of the place, words of the help).
#[rustfmt::skip]
const MALFORMED: &[(&str, &str, usize, usize, &str)] = &[
    ("malformed-json.json", "json-syntax", 4, 29, ""),
    ("malformed-decoded-no-action.json", "import-missing", 4, 14, "`\"action\": \"iam:PassRole\"`"),
    ("malformed-decoded-action-number.json", "import-wrong-type", 5, 15, "the denied action"),
    // The error inside the CLI's escaped string points into the pasted text.
    ("malformed-decoded-cli-inner.json", "json-syntax", 2, 65, ""),
    ("malformed-access-denied-no-action.txt", "import-no-action", 1, 40, "up to and including the action"),
    ("malformed-encoded-only.txt", "import-encoded-message", 1, 1, "aws sts decode-authorization-message"),
    ("malformed-plain.txt", "import-not-recognised", 1, 1, "AccessDenied error text"),
    ("malformed-empty.txt", "import-empty", 1, 1, "decode-authorization-message"),
    ("malformed-scenario.json", "import-is-scenario", 1, 1, "scenario editor"),
    ("malformed-cloudtrail-no-identity.json", "import-missing", 1, 1, "`userIdentity`"),
];

#[test]
fn malformed_artefacts_say_what_and_where() {
    for (file, code, line, column, help) in MALFORMED {
        let text = fixture(file);
        let r = import_artifact(&text);
        assert!(r.scenario.is_none() && r.request.is_none(), "{file}");
        let e = r
            .errors
            .first()
            .unwrap_or_else(|| panic!("{file}: no error"));
        assert_eq!(e.code, *code, "{file}: {}", e.message);
        let l = e.location.unwrap();
        assert_eq!(
            (l.line, l.column),
            (*line, *column),
            "{file}: {}",
            e.message
        );
        assert!(
            e.help.as_deref().unwrap_or("").contains(help),
            "{file}: {:?}",
            e.help
        );
        // Lowercase message, no final period.
        assert!(!e.message.ends_with('.'), "{file}: {}", e.message);
        assert!(
            e.message.chars().next().unwrap().is_lowercase() || e.message.starts_with('`'),
            "{file}"
        );
        // The snippet is a piece of what was pasted.
        let snippet = e.snippet.as_deref().unwrap_or("").trim_end_matches('…');
        assert!(text.contains(snippet), "{file}: {snippet:?}");
    }
}

/// Any cut of any fixture, at any character, imports or fails with a located error: never a
/// panic (the page runs this in wasm on every keystroke of a paste box).
#[test]
fn truncated_input_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3).collect();
        for cut in cuts {
            let part = &text[..cut];
            let r = import_artifact(part);
            assert!(r.scenario.is_some() == r.errors.is_empty(), "{part:?}");
            for e in &r.errors {
                let l = e.location.unwrap();
                assert!(l.end <= part.len());
            }
        }
    }
}

#[test]
fn the_story_imports_to_the_request_of_the_story() {
    // The decoded message of the PassRole story gives the request of example 1 of the story.
    let r = import_artifact(&fixture("decoded-cli.json"));
    let story: serde_json::Value =
        serde_json::from_str(&fixture("malformed-scenario.json")).unwrap();
    let req = r.request.unwrap();
    assert_eq!(req.principal, story["request"]["principal"]);
    assert_eq!(req.action, story["request"]["action"]);
    assert_eq!(req.resource, story["request"]["resource"]);
    let passed = req
        .context
        .iter()
        .find(|k| k.key == "iam:PassedToService")
        .unwrap();
    assert_eq!(
        shown(&passed.value),
        story["request"]["context"]["iam:PassedToService"]
    );
}

mod never_panics {
    use proptest::prelude::*;

    /// Pieces of every artefact form, so generated texts get deep into each reader.
    const PIECES: &[&str] = &[
        "User: ",
        "arn:aws:iam::111122223333:user/u",
        " is not authorized to perform: ",
        "iam:PassRole",
        " on resource: ",
        "\"arn:aws:s3:::b/k\"",
        " on this resource",
        " because no identity-based policy allows the x action",
        " with an explicit deny in a ",
        "service control policy",
        ": arn:aws:organizations::1:policy/p",
        ". Go to https://x",
        "Encoded authorization failure message: abc",
        "\n",
        " ",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\\"",
        "\"DecodedMessage\"",
        "\"context\"",
        "\"principal\"",
        "\"arn\"",
        "\"action\"",
        "\"resource\"",
        "\"conditions\"",
        "\"items\"",
        "\"key\"",
        "\"values\"",
        "\"value\"",
        "\"allowed\"",
        "true",
        "false",
        "42",
        "\"Records\"",
        "\"Events\"",
        "\"CloudTrailEvent\"",
        "\"eventSource\"",
        "\"eventName\"",
        "\"userIdentity\"",
        "\"type\"",
        "\"AssumedRole\"",
        "\"errorMessage\"",
        "é",
        "𝄞",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn pieces_never_panic(ix in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = ix.iter().map(|i| PIECES[*i]).collect();
            let r = iam_playground::tools::import::import_artifact(&text);
            prop_assert!(r.scenario.is_some() == r.errors.is_empty());
            if let Some(s) = &r.scenario {
                // What it writes is JSON.
                prop_assert!(serde_json::from_str::<serde_json::Value>(s).is_ok());
            }
        }

        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let r = iam_playground::tools::import::import_artifact(&text);
            prop_assert!(r.scenario.is_some() == r.errors.is_empty());
        }
    }
}
