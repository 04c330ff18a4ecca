//! Synthetic `aws iam get-account-authorization-details` files, built in the tests and the
//! benchmark (never a real account), in both forms the documents come in: JSON objects (the
//! AWS CLI) and URL-encoded JSON strings (the raw API).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

/// The account of every synthetic file.
pub const ACCOUNT: &str = "111122223333";

/// How the file writes policy documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// JSON objects, as `aws iam get-account-authorization-details` prints them.
    Cli,
    /// URL-encoded JSON strings (RFC 3986), as the API returns them.
    Api,
}

/// RFC 3986 percent-encoding: every byte but the unreserved characters.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `arn:aws:iam::111122223333:<resource>`.
pub fn arn(resource: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:{resource}")
}

/// A policy document with these statements.
pub fn doc(statements: Vec<Value>) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

/// `{"Sid": sid, "Effect": "Allow", "Action": action, "Resource": resource}`.
pub fn allow(sid: &str, action: impl Into<Value>, resource: impl Into<Value>) -> Value {
    json!({"Sid": sid, "Effect": "Allow", "Action": action.into(), "Resource": resource.into()})
}

/// A trust policy letting `principal` (`{"Service": ...}` or `{"AWS": ...}`) assume the role.
pub fn trust(principal: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "", "Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})
}

/// A user, group or role being built.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    name: String,
    path: String,
    inline: Vec<(String, Value)>,
    attached: Vec<String>,
    groups: Vec<String>,
    boundary: Option<String>,
    tags: Vec<(String, String)>,
    trust: Option<Value>,
}

impl Entity {
    pub fn new(name: &str) -> Entity {
        Entity {
            name: name.to_string(),
            path: "/".to_string(),
            ..Entity::default()
        }
    }
    pub fn path(mut self, path: &str) -> Self {
        self.path = path.to_string();
        self
    }
    pub fn inline(mut self, name: &str, document: Value) -> Self {
        self.inline.push((name.to_string(), document));
        self
    }
    pub fn attach(mut self, arn: &str) -> Self {
        self.attached.push(arn.to_string());
        self
    }
    pub fn group(mut self, name: &str) -> Self {
        self.groups.push(name.to_string());
        self
    }
    pub fn boundary(mut self, arn: &str) -> Self {
        self.boundary = Some(arn.to_string());
        self
    }
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.push((key.to_string(), value.to_string()));
        self
    }
    pub fn trust(mut self, document: Value) -> Self {
        self.trust = Some(document);
        self
    }
}

/// A file being built.
#[derive(Debug, Clone)]
pub struct File {
    pub form: Form,
    users: Vec<Value>,
    groups: Vec<Value>,
    roles: Vec<Value>,
    policies: Vec<Value>,
    pub truncated: bool,
}

impl File {
    pub fn new(form: Form) -> File {
        File {
            form,
            users: Vec::new(),
            groups: Vec::new(),
            roles: Vec::new(),
            policies: Vec::new(),
            truncated: false,
        }
    }

    fn document(&self, v: &Value) -> Value {
        match self.form {
            Form::Cli => v.clone(),
            Form::Api => Value::String(url_encode(&v.to_string())),
        }
    }

    fn common(&self, e: &Entity, list: &str, id: &str) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("Path".into(), json!(e.path));
        m.insert(
            list.into(),
            Value::Array(
                e.inline
                    .iter()
                    .map(|(n, d)| json!({"PolicyName": n, "PolicyDocument": self.document(d)}))
                    .collect(),
            ),
        );
        m.insert(
            "AttachedManagedPolicies".into(),
            Value::Array(
                e.attached
                    .iter()
                    .map(|a| json!({"PolicyName": a.rsplit('/').next().unwrap_or(a), "PolicyArn": a}))
                    .collect(),
            ),
        );
        m.insert("CreateDate".into(), json!("2024-01-02T03:04:05Z"));
        m.insert(id.into(), json!(format!("AID{:0>17}", e.name.len())));
        m
    }

    fn identity_extras(e: &Entity, m: &mut serde_json::Map<String, Value>) {
        if let Some(b) = &e.boundary {
            m.insert(
                "PermissionsBoundary".into(),
                json!({"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": b}),
            );
        }
        m.insert(
            "Tags".into(),
            Value::Array(
                e.tags
                    .iter()
                    .map(|(k, v)| json!({"Key": k, "Value": v}))
                    .collect(),
            ),
        );
    }

    pub fn user(&mut self, e: Entity) -> &mut Self {
        let mut m = self.common(&e, "UserPolicyList", "UserId");
        m.insert("UserName".into(), json!(e.name));
        m.insert(
            "Arn".into(),
            json!(arn(&format!("user{}{}", e.path, e.name))),
        );
        m.insert("GroupList".into(), json!(e.groups));
        Self::identity_extras(&e, &mut m);
        self.users.push(Value::Object(m));
        self
    }

    pub fn group(&mut self, e: Entity) -> &mut Self {
        let mut m = self.common(&e, "GroupPolicyList", "GroupId");
        m.insert("GroupName".into(), json!(e.name));
        m.insert(
            "Arn".into(),
            json!(arn(&format!("group{}{}", e.path, e.name))),
        );
        self.groups.push(Value::Object(m));
        self
    }

    pub fn role(&mut self, e: Entity) -> &mut Self {
        let mut m = self.common(&e, "RolePolicyList", "RoleId");
        let role_arn = arn(&format!("role{}{}", e.path, e.name));
        m.insert("RoleName".into(), json!(e.name));
        m.insert("Arn".into(), json!(role_arn));
        let trust = e
            .trust
            .clone()
            .unwrap_or_else(|| trust(json!({"AWS": arn("root")})));
        m.insert("AssumeRolePolicyDocument".into(), self.document(&trust));
        m.insert(
            "InstanceProfileList".into(),
            json!([{"Path": "/", "InstanceProfileName": e.name, "InstanceProfileId": "AIPAEXAMPLE",
                    "Arn": arn(&format!("instance-profile/{}", e.name)),
                    "CreateDate": "2024-01-02T03:04:05Z", "Roles": []}]),
        );
        m.insert(
            "RoleLastUsed".into(),
            json!({"LastUsedDate": "2024-05-06T07:08:09Z", "Region": "us-east-1"}),
        );
        Self::identity_extras(&e, &mut m);
        self.roles.push(Value::Object(m));
        self
    }

    /// A customer managed policy `name` with its versions (`("v1", doc)`), `default` in force.
    pub fn managed(&mut self, name: &str, versions: &[(&str, Value)], default: &str) -> String {
        let policy_arn = arn(&format!("policy/{name}"));
        self.listed(name, &policy_arn, versions, default);
        policy_arn
    }

    /// An entry of `Policies` (customer or AWS managed).
    pub fn listed(
        &mut self,
        name: &str,
        policy_arn: &str,
        versions: &[(&str, Value)],
        default: &str,
    ) {
        let list: Vec<Value> = versions
            .iter()
            .map(|(v, d)| {
                json!({"Document": self.document(d), "VersionId": v,
                       "IsDefaultVersion": *v == default, "CreateDate": "2024-01-02T03:04:05Z"})
            })
            .collect();
        self.policies.push(json!({
            "PolicyName": name, "PolicyId": "ANPAEXAMPLE", "Arn": policy_arn, "Path": "/",
            "DefaultVersionId": default, "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": true, "CreateDate": "2024-01-02T03:04:05Z",
            "UpdateDate": "2024-01-02T03:04:05Z", "PolicyVersionList": list
        }));
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut v = json!({
            "UserDetailList": self.users,
            "GroupDetailList": self.groups,
            "RoleDetailList": self.roles,
            "Policies": self.policies,
        });
        if self.truncated {
            v["IsTruncated"] = json!(true);
            v["Marker"] = json!("EXAMPLEMARKER");
        }
        // The AWS CLI indents its JSON output by four spaces.
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut writer = serde_json::Serializer::with_formatter(&mut out, formatter);
        serde::Serialize::serialize(&v, &mut writer).unwrap_or_default();
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The test account of the issue, in one form:
///
/// - `alice` may pass any role (`alice/inline/PassAnything`) and is in `developers`;
/// - `bob` is in `developers`, whose customer managed `PassEc2AppToEc2` is in force in `v2`
///   (pass `Ec2App` to EC2 only; `v1` allowed passing anything), and may assume `DeployRole`;
/// - `carol` is in `passers` (pass anything) but her boundary `NoPassRole` does not allow it;
/// - `dave` has the AWS managed `AmazonEC2FullAccess` (by ARN, from the built-in snapshot);
/// - `erin` (`team=data`) and `frank` (`team=web`) share `PassTeamRoles`, which allows
///   passing the roles named after the principal's `team` tag;
/// - roles: `AdminRole` (EC2, `AdministratorAccess`, listed in the file), `Ec2App` (EC2,
///   reads one bucket), `LambdaWorker` (Lambda, `AWSLambdaBasicExecutionRole`), `CiRole`
///   (CodeBuild, may pass `LambdaWorker` to Lambda), `data-pipeline` (Glue), `DeployRole`
///   (trusted by the account), `Auditor` (trusted by another account), and a
///   service-linked role.
pub fn story(form: Form, admin_version: &str) -> File {
    let mut f = File::new(form);
    let pass_ec2_app = f.managed(
        "PassEc2AppToEc2",
        &[
            ("v1", doc(vec![allow("PassAnyRole", "iam:PassRole", "*")])),
            (
                "v2",
                doc(vec![
                    json!({"Sid": "PassEc2AppToEc2", "Effect": "Allow", "Action": "iam:PassRole",
                    "Resource": arn("role/Ec2App"),
                    "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}),
                ]),
            ),
        ],
        "v2",
    );
    let no_pass = f.managed(
        "NoPassRole",
        &[(
            "v1",
            doc(vec![allow("Ec2AndS3", json!(["ec2:*", "s3:*"]), "*")]),
        )],
        "v1",
    );
    let team_roles = f.managed(
        "PassTeamRoles",
        &[(
            "v1",
            doc(vec![allow(
                "PassOwnTeamRoles",
                "iam:PassRole",
                arn("role/${aws:PrincipalTag/team}-*"),
            )]),
        )],
        "v1",
    );
    f.listed(
        "AdministratorAccess",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        &[(
            admin_version,
            doc(vec![
                json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            ]),
        )],
        admin_version,
    );
    f.group(
        Entity::new("developers")
            .inline("ReadLogs", doc(vec![allow("ReadLogs", "logs:Get*", "*")]))
            .attach(&pass_ec2_app),
    );
    f.group(
        Entity::new("passers").inline("PassAll", doc(vec![allow("PassAll", "iam:PassRole", "*")])),
    );
    f.user(
        Entity::new("alice")
            .inline(
                "PassAnything",
                doc(vec![allow("PassAnything", "iam:PassRole", "*")]),
            )
            .group("developers"),
    );
    f.user(
        Entity::new("bob")
            .inline(
                "AssumeDeploy",
                doc(vec![allow(
                    "AssumeDeploy",
                    "sts:AssumeRole",
                    arn("role/DeployRole"),
                )]),
            )
            .group("developers")
            .tag("team", "web"),
    );
    f.user(Entity::new("carol").group("passers").boundary(&no_pass));
    f.user(Entity::new("dave").attach("arn:aws:iam::aws:policy/AmazonEC2FullAccess"));
    f.user(Entity::new("erin").attach(&team_roles).tag("team", "data"));
    f.user(Entity::new("frank").attach(&team_roles).tag("team", "web"));
    let ec2 = json!({"Service": "ec2.amazonaws.com"});
    f.role(
        Entity::new("AdminRole")
            .trust(trust(ec2.clone()))
            .attach("arn:aws:iam::aws:policy/AdministratorAccess"),
    );
    f.role(Entity::new("Ec2App").trust(trust(ec2)).inline(
        "ReadAppBucket",
        doc(vec![allow(
            "ReadAppBucket",
            "s3:GetObject",
            "arn:aws:s3:::app-bucket/*",
        )]),
    ));
    f.role(
        Entity::new("LambdaWorker")
            .trust(trust(json!({"Service": "lambda.amazonaws.com"})))
            .attach("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
    );
    f.role(
        Entity::new("CiRole")
            .trust(trust(json!({"Service": "codebuild.amazonaws.com"})))
            .inline(
                "PassWorker",
                doc(vec![json!({"Sid": "PassWorkerToLambda", "Effect": "Allow", "Action": "iam:PassRole",
                    "Resource": arn("role/LambdaWorker"),
                    "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}})]),
            ),
    );
    f.role(
        Entity::new("data-pipeline")
            .trust(trust(json!({"Service": "glue.amazonaws.com"})))
            .inline(
                "ReadData",
                doc(vec![allow(
                    "ReadData",
                    json!(["s3:GetObject", "s3:ListBucket"]),
                    json!(["arn:aws:s3:::data", "arn:aws:s3:::data/*"]),
                )]),
            ),
    );
    f.role(Entity::new("DeployRole").trust(trust(json!({"AWS": arn("root")}))));
    f.role(Entity::new("Auditor").trust(trust(json!({"AWS": "arn:aws:iam::444455556666:root"}))));
    f.role(
        Entity::new("AWSServiceRoleForAutoScaling")
            .path("/aws-service-role/autoscaling.amazonaws.com/")
            .trust(trust(json!({"Service": "autoscaling.amazonaws.com"}))),
    );
    f
}

const SERVICES: [&str; 8] = [
    "ec2.amazonaws.com",
    "lambda.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "glue.amazonaws.com",
    "codebuild.amazonaws.com",
    "states.amazonaws.com",
    "sagemaker.amazonaws.com",
    "batch.amazonaws.com",
];

const AWS_MANAGED: [&str; 10] = [
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
    "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
    "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
];

const TEAMS: usize = 20;

/// An application role's inline policy: a few statements on its own resources.
fn app_policy(team: usize, i: usize) -> Value {
    let bucket = format!("arn:aws:s3:::team-{team}-data-{i}");
    let region = ["us-east-1", "eu-west-1", "ap-northeast-1"][i % 3];
    let mut statements = vec![
        allow(
            "ReadWriteOwnBucket",
            json!([
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject",
                "s3:GetObjectTagging"
            ]),
            format!("{bucket}/*"),
        ),
        allow(
            "ListOwnBucket",
            json!(["s3:ListBucket", "s3:GetBucketLocation"]),
            bucket.clone(),
        ),
        allow(
            "OwnTable",
            json!([
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem"
            ]),
            json!([
                format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/team-{team}-table-{i}"),
                format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/team-{team}-table-{i}/index/*")
            ]),
        ),
        allow(
            "OwnQueue",
            json!([
                "sqs:SendMessage",
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes"
            ]),
            format!("arn:aws:sqs:{region}:{ACCOUNT}:team-{team}-queue-{i}"),
        ),
        json!({"Sid": "DecryptWithTeamKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
               "Resource": format!("arn:aws:kms:{region}:{ACCOUNT}:key/{:08x}-0000-4000-8000-{:012x}", team, i),
               "Condition": {"StringEquals": {"kms:ViaService": [format!("s3.{region}.amazonaws.com"), format!("dynamodb.{region}.amazonaws.com")]}}}),
        allow(
            "Logs",
            json!(["logs:CreateLogStream", "logs:PutLogEvents"]),
            format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:/team-{team}/app-{i}:*"),
        ),
        allow(
            "Secrets",
            "secretsmanager:GetSecretValue",
            format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:team-{team}/app-{i}/*"),
        ),
        allow(
            "Parameters",
            json!([
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:GetParametersByPath"
            ]),
            format!("arn:aws:ssm:{region}:{ACCOUNT}:parameter/team-{team}/app-{i}/*"),
        ),
    ];
    if i % 4 == 0 {
        statements.push(json!({"Sid": "NeverDeleteTheBucket", "Effect": "Deny", "Action": ["s3:DeleteBucket", "s3:PutBucketPolicy"], "Resource": bucket}));
    }
    doc(statements)
}

/// A generated account of `users` users and `roles` roles, shaped like a large real one:
/// 20 teams, a customer managed policy per team in three versions, team groups, a few
/// administrators and deployers who may pass their team's roles (to EC2 and Lambda only),
/// permissions boundaries, tags, application roles trusted by services with their own inline
/// policies and common AWS managed policies, CI roles that pass roles, service-linked roles.
pub fn large(form: Form, users: usize, roles: usize) -> File {
    let mut f = File::new(form);
    let mut team_policies = Vec::new();
    for t in 0..TEAMS {
        let versions: Vec<(String, Value)> = (1..=3)
            .map(|v| {
                let mut statements = vec![
                    allow(
                        "TeamBuckets",
                        json!(["s3:Get*", "s3:List*", "s3:Put*"]),
                        format!("arn:aws:s3:::team-{t}-*"),
                    ),
                    allow(
                        "TeamTables",
                        "dynamodb:*",
                        format!("arn:aws:dynamodb:*:{ACCOUNT}:table/team-{t}-*"),
                    ),
                    allow(
                        "TeamFunctions",
                        json!(["lambda:*"]),
                        format!("arn:aws:lambda:*:{ACCOUNT}:function:team-{t}-*"),
                    ),
                    allow(
                        "Describe",
                        json!([
                            "ec2:Describe*",
                            "cloudwatch:Get*",
                            "cloudwatch:List*",
                            "logs:Describe*",
                            "logs:Get*"
                        ]),
                        "*",
                    ),
                ];
                if v >= 2 {
                    statements.push(allow(
                        "TeamQueues",
                        "sqs:*",
                        format!("arn:aws:sqs:*:{ACCOUNT}:team-{t}-*"),
                    ));
                }
                (format!("v{v}"), doc(statements))
            })
            .collect();
        let refs: Vec<(&str, Value)> = versions
            .iter()
            .map(|(v, d)| (v.as_str(), d.clone()))
            .collect();
        team_policies.push(f.managed(&format!("team-{t}-access"), &refs, "v3"));
    }
    let boundary = f.managed(
        "DeveloperBoundary",
        &[("v1", doc(vec![
            json!({"Sid": "Everything", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}),
            allow("PassTeamRoles", "iam:PassRole", arn("role/team-*")),
            allow("ReadIam", json!(["iam:Get*", "iam:List*"]), "*"),
        ]))],
        "v1",
    );
    for (t, policy) in team_policies.iter().enumerate() {
        let mut g = Entity::new(&format!("team-{t}-devs")).attach(policy);
        if t % 4 == 0 {
            g = g.attach("arn:aws:iam::aws:policy/ReadOnlyAccess");
        }
        f.group(g.inline(
            "SelfService",
            doc(vec![
                allow(
                    "OwnKeys",
                    json!([
                        "iam:CreateAccessKey",
                        "iam:DeleteAccessKey",
                        "iam:ListAccessKeys",
                        "iam:UpdateAccessKey"
                    ]),
                    arn("user/${aws:username}"),
                ),
                allow(
                    "OwnMfa",
                    json!([
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:ListMFADevices"
                    ]),
                    json!([arn("mfa/${aws:username}"), arn("user/${aws:username}")]),
                ),
            ]),
        ));
    }
    f.group(Entity::new("admins").attach("arn:aws:iam::aws:policy/AdministratorAccess"));
    f.group(Entity::new("deployers").inline("PassTeamRoles", doc(vec![json!({
        "Sid": "PassOwnTeamRolesToCompute", "Effect": "Allow", "Action": "iam:PassRole",
        "Resource": arn("role/team-${aws:PrincipalTag/team}-*"),
        "Condition": {"StringEquals": {"iam:PassedToService": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}}})])));
    f.group(Entity::new("platform").inline("PassAppRoles", doc(vec![json!({
        "Sid": "PassAppRoles", "Effect": "Allow", "Action": "iam:PassRole", "Resource": arn("role/team-*"),
        "Condition": {"StringLike": {"iam:PassedToService": ["ecs-tasks.amazonaws.com", "states.amazonaws.com", "batch.amazonaws.com"]}}})])));
    for i in 0..users {
        let team = i % TEAMS;
        let mut u = Entity::new(&format!("user-{i:04}"))
            .group(&format!("team-{team}-devs"))
            .tag("team", &team.to_string())
            .tag("cost-center", &format!("cc-{}", i % 7));
        if i % 50 == 0 {
            u = u.group("admins");
        }
        if i % 10 == 3 {
            u = u.group("deployers");
        }
        if i % 25 == 7 {
            u = u.group("platform");
        }
        if i % 10 == 5 {
            u = u.boundary(&boundary);
        }
        if i % 3 == 0 {
            u = u.inline(
                "Personal",
                doc(vec![allow(
                    "PersonalBucket",
                    "s3:*",
                    json!([
                        format!("arn:aws:s3:::home-{i}"),
                        format!("arn:aws:s3:::home-{i}/*")
                    ]),
                )]),
            );
        }
        f.user(u);
    }
    for i in 0..roles {
        let team = i % TEAMS;
        let name = format!("team-{team}-app-{i:04}");
        let mut r = Entity::new(&name).tag("team", &team.to_string());
        if i % 20 == 19 {
            let service = SERVICES[i % SERVICES.len()].trim_end_matches(".amazonaws.com");
            f.role(
                Entity::new(&format!("AWSServiceRoleFor{service}{i}"))
                    .path(&format!("/aws-service-role/{service}.amazonaws.com/"))
                    .trust(trust(json!({"Service": SERVICES[i % SERVICES.len()]}))),
            );
            continue;
        }
        r = if i % 5 == 4 {
            r.trust(trust(json!({"AWS": arn("root")})))
        } else {
            let mut services = vec![SERVICES[i % SERVICES.len()]];
            if i % 7 == 0 {
                services.push(SERVICES[(i + 3) % SERVICES.len()]);
            }
            r.trust(trust(json!({"Service": services})))
        };
        r = r
            .inline("App", app_policy(team, i))
            .attach(AWS_MANAGED[i % 8]);
        if i % 2 == 0 {
            r = r.inline(
                "Events",
                doc(vec![
                    allow(
                        "PublishEvents",
                        json!(["events:PutEvents", "sns:Publish"]),
                        json!([
                            format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/team-{team}"),
                            format!("arn:aws:sns:us-east-1:{ACCOUNT}:team-{team}-topic-{i}")
                        ]),
                    ),
                    allow(
                        "InvokeOwnFunctions",
                        "lambda:InvokeFunction",
                        format!(
                            "arn:aws:lambda:us-east-1:{ACCOUNT}:function:team-{team}-app-{i}-*"
                        ),
                    ),
                    allow(
                        "StartOwnStateMachine",
                        json!(["states:StartExecution", "states:DescribeExecution"]),
                        format!(
                            "arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:team-{team}-app-{i}"
                        ),
                    ),
                    allow("Metrics", "cloudwatch:PutMetricData", "*"),
                ]),
            );
        }
        if i % 11 == 0 {
            r = r.attach(AWS_MANAGED[8 + i % 2]);
        }
        if i % 13 == 0 {
            r = r.attach(&team_policies[team]);
        }
        if i % 40 == 1 {
            r = r.attach("arn:aws:iam::aws:policy/AdministratorAccess");
        }
        if i % 25 == 2 {
            r = r.inline(
                "PassWorkers",
                doc(vec![allow(
                    "PassTeamWorkers",
                    "iam:PassRole",
                    arn(&format!("role/team-{team}-*")),
                )]),
            );
        }
        if i % 9 == 0 {
            r = r.boundary(&boundary);
        }
        f.role(r);
    }
    f
}
