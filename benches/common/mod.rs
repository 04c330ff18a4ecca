//! Scenarios the benchmarks share (generated, so their size is exact and nothing large is
//! committed).
#![allow(dead_code)]

/// The command-line tool's allocator (src/cli/main.rs), so that the figures are the tool's:
/// lists of free small blocks by size in front of the system's.
#[global_allocator]
static ALLOCATOR: iam_playground::size_classes::SizeClasses<std::alloc::System> =
    iam_playground::size_classes::SizeClasses::new(std::alloc::System);

/// 10 policies × 50 statements. `heavy` gives every statement five condition operators with
/// several values (about 340 kB of JSON); otherwise statements look like real ones: two actions,
/// one resource, two condition operators (about 130 kB).
pub fn large_scenario(heavy: bool) -> String {
    let mut policies = Vec::new();
    for p in 0..10 {
        let mut statements = Vec::new();
        for s in 0..50 {
            let effect = if s % 17 == 16 { "Deny" } else { "Allow" };
            let conditions = if heavy {
                format!(
                    r#""StringEquals": {{"aws:PrincipalTag/team": ["t{s}", "t{p}"]}},
                        "StringLike": {{"iam:PassedToService": "*.amazonaws.com"}},
                        "IpAddress": {{"aws:SourceIp": ["10.{p}.0.0/16", "2001:db8::/32"]}},
                        "DateLessThan": {{"aws:CurrentTime": "2030-01-01T00:00:00Z"}},
                        "NumericLessThanEquals": {{"aws:MultiFactorAuthAge": "3600"}}"#
                )
            } else {
                format!(
                    r#""StringEquals": {{"aws:PrincipalTag/team": "t{s}"}},
                        "IpAddress": {{"aws:SourceIp": "10.{p}.0.0/16"}}"#
                )
            };
            statements.push(format!(
                r#"{{"Sid": "P{p}S{s}", "Effect": "{effect}", "Action": ["s3:Get*", "iam:Pass*"],
                    "Resource": "arn:aws:iam::111122223333:role/team-{s}/*",
                    "Condition": {{{conditions}}}}}"#
            ));
        }
        policies.push(format!(
            r#"{{"name": "policy-{p}", "document": {{"Version": "2012-10-17", "Statement": [{}]}}}}"#,
            statements.join(",")
        ));
    }
    format!(
        r#"{{"name": "10 policies x 50 statements", "policies": {{"identity": [{}]}},
            "request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:PassRole",
                         "resource": "arn:aws:iam::111122223333:role/team-7/app",
                         "context": {{"aws:PrincipalTag/team": "t7", "iam:PassedToService": "ec2.amazonaws.com",
                                      "aws:SourceIp": "10.3.4.5", "aws:CurrentTime": "2026-11-28T12:00:00Z",
                                      "aws:MultiFactorAuthAge": "100"}}}}}}"#,
        policies.join(",")
    )
}

/// Real action names of several services, for statements that look like people's.
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "s3:DeleteObject",
    "s3:GetBucketPolicy",
    "ec2:RunInstances",
    "ec2:DescribeInstances",
    "ec2:StartInstances",
    "ec2:StopInstances",
    "ec2:CreateTags",
    "iam:PassRole",
    "iam:GetRole",
    "iam:ListRoles",
    "iam:CreateServiceLinkedRole",
    "lambda:InvokeFunction",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionCode",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "sqs:SendMessage",
    "sqs:ReceiveMessage",
    "sns:Publish",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "cloudwatch:PutMetricData",
    "sts:AssumeRole",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ecr:GetAuthorizationToken",
];

const RESOURCES: &[&str] = &[
    "arn:aws:s3:::bucket-{i}/*",
    "arn:aws:s3:::bucket-{i}",
    "arn:aws:ec2:us-east-1:111122223333:instance/*",
    "arn:aws:iam::111122223333:role/team-{i}/*",
    "arn:aws:lambda:us-east-1:111122223333:function:fn-{i}",
    "arn:aws:dynamodb:us-east-1:111122223333:table/table-{i}",
    "arn:aws:sqs:us-east-1:111122223333:queue-{i}",
    "arn:aws:kms:us-east-1:111122223333:key/{i}",
    "*",
];

/// A scenario of `bytes` bytes (pretty-printed as the page writes it) whose `policies`
/// identity policies share about a thousand statements of two or three actions each, some with
/// wildcards and conditions, and some Deny statements: the size where lint's statement pairs
/// used to cost seconds (184 KB in one policy: 1.6 s).
pub fn lint_scenario(bytes: usize, policies: usize) -> String {
    let mut policies: Vec<Vec<String>> = vec![Vec::new(); policies.max(1)];
    let n = policies.len();
    let mut size = 400;
    let mut i = 0usize;
    while size < bytes {
        let a = |k: usize| ACTIONS[(i * k + k) % ACTIONS.len()].to_string();
        let mut actions = vec![a(3), a(7)];
        if i % 5 == 0 {
            let prefix = a(11);
            let service = prefix.split(':').next().unwrap_or("s3");
            actions.push(format!("{service}:Get*"));
        }
        let resource = RESOURCES[i % RESOURCES.len()].replace("{i}", &(i % 97).to_string());
        let effect = if i % 23 == 22 { "Deny" } else { "Allow" };
        let condition = match i % 4 {
            0 => format!(
                ",\n      \"Condition\": {{\n        \"StringEquals\": {{\n          \"aws:PrincipalTag/team\": \"team-{}\"\n        }}\n      }}",
                i % 13
            ),
            1 => format!(
                ",\n      \"Condition\": {{\n        \"IpAddress\": {{\n          \"aws:SourceIp\": \"10.{}.0.0/16\"\n        }}\n      }}",
                i % 250
            ),
            _ => String::new(),
        };
        let statement = format!(
            "    {{\n      \"Sid\": \"S{i}\",\n      \"Effect\": \"{effect}\",\n      \"Action\": [\n{}\n      ],\n      \"Resource\": \"{resource}\"{condition}\n    }}",
            actions
                .iter()
                .map(|a| format!("        \"{a}\""))
                .collect::<Vec<_>>()
                .join(",\n")
        );
        size += statement.len() + 2;
        policies[i % n].push(statement);
        i += 1;
    }
    let docs: Vec<String> = policies
        .iter()
        .enumerate()
        .map(|(p, stmts)| {
            format!(
                "{{\n  \"name\": \"team policy {p}\",\n  \"document\": {{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n}}",
                stmts.join(",\n")
            )
        })
        .collect();
    format!(
        "{{\n\"name\": \"lint at scale\",\n\"policies\": {{\n\"identity\": [\n{}\n]\n}},\n\"request\": {{\n  \"principal\": \"arn:aws:iam::111122223333:user/alice\",\n  \"action\": \"s3:GetObject\",\n  \"resource\": \"arn:aws:s3:::bucket-7/report.csv\"\n}}\n}}",
        docs.join(",\n")
    )
}
