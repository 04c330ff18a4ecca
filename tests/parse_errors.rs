//! Scenario parsing: every diagnostic code, asserted by message, help and the text it points
//! at (never by raw offsets); the PassRole story; and "never panics" properties.
#![cfg(test)]

use iam_playground::diagnostic::{Diagnostic, Severity};
use iam_playground::i18n::Lang;
use iam_playground::model::{ContextValue, Effect, PolicyKind, PolicyVersion, PrincipalEntry};
use iam_playground::parse::{parse_policy, parse_scenario};
use proptest::prelude::*;

const REQUEST: &str = r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key"}"#;

/// A scenario with `policies` as given and a valid request.
fn with_policies(policies: &str) -> String {
    format!(r#"{{"policies": {policies}, "request": {REQUEST}}}"#)
}

/// A scenario whose one policy of `kind` holds `statement`.
fn with_statement(kind: &str, statement: &str) -> String {
    let policy = format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#);
    match kind {
        "identity" => with_policies(&format!(r#"{{"identity": [{policy}]}}"#)),
        "scp" | "rcp" => with_policies(&format!(r#"{{"{kind}": [{policy}]}}"#)),
        _ => with_policies(&format!(r#"{{"{kind}": {policy}}}"#)),
    }
}

/// A scenario with the given request.
fn with_request(request: &str) -> String {
    format!(r#"{{"policies": {{}}, "request": {request}}}"#)
}

/// The diagnostics of `text`, after checking what every diagnostic must have.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let (scenario, diags) = parse_scenario(text);
    let has_error = diags.iter().any(Diagnostic::is_error);
    assert_eq!(scenario.is_none(), has_error, "{text}\n{diags:#?}");
    for d in &diags {
        let span = d.span.expect("every diagnostic has a span");
        assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(d.path.is_some(), "every diagnostic has a path: {d:?}");
        assert!(!d.message.ends_with('.'), "no final period: {d:?}");
        in_every_language(d);
    }
    diags
}

/// Kana or kanji.
fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// A diagnostic's message and help come from the catalogs: English is the text the
/// diagnostic carries, and Japanese reads in Japanese with every placeholder filled.
fn in_every_language(d: &Diagnostic) {
    let msgs = d.msgs.as_deref();
    let message = msgs.and_then(|m| m.message.as_ref());
    let message = message.unwrap_or_else(|| panic!("message not in the catalogs: {d:?}"));
    assert_eq!(message.render(Lang::En), d.message);
    let ja = message.render(Lang::Ja);
    assert!(has_japanese(&ja), "{ja}");
    assert_eq!(message.unfilled(Lang::Ja), Vec::<String>::new(), "{ja}");
    if let Some(help) = &d.help {
        let msg = msgs.and_then(|m| m.help.as_ref());
        let msg = msg.unwrap_or_else(|| panic!("help not in the catalogs: {d:?}"));
        assert_eq!(&msg.render(Lang::En), help);
        let ja = msg.render(Lang::Ja);
        assert!(has_japanese(&ja), "{ja}");
        assert_eq!(msg.unfilled(Lang::Ja), Vec::<String>::new(), "{ja}");
    }
}

/// The only diagnostic of `text` with `code`.
fn the(text: &str, code: &str) -> Diagnostic {
    let diags = diagnostics(text);
    let matching: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        matching.len(),
        1,
        "one `{code}` expected in {text}\n{diags:#?}"
    );
    matching[0].clone()
}

/// One case: the scenario, the code, the message, the text pointed at, the path, and a part
/// of the help.
struct Case {
    text: String,
    code: &'static str,
    message: &'static str,
    pointed: &'static str,
    path: &'static str,
    help: &'static str,
}

fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in &cases {
        let d = the(&c.text, c.code);
        let pointed = d.span.unwrap().text(&c.text);
        let help = d.help.clone().unwrap_or_default();
        if d.message != c.message
            || pointed != c.pointed
            || d.path.as_deref() != Some(c.path)
            || !help.contains(c.help)
        {
            failures.push(format!(
                "{}\n  expected: {} | {} | {} | …{}…\n  actual:   {} | {} | {} | {}",
                c.text,
                c.message,
                c.pointed,
                c.path,
                c.help,
                d.message,
                pointed,
                d.path.as_deref().unwrap_or(""),
                help
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn case(
    text: String,
    code: &'static str,
    message: &'static str,
    pointed: &'static str,
    path: &'static str,
    help: &'static str,
) -> Case {
    Case {
        text,
        code,
        message,
        pointed,
        path,
        help,
    }
}

const P0: &str = "/policies/identity/0/Statement/0";

#[test]
fn scenario_structure_errors() {
    check(vec![
        case(
            "{\"policies\": {\"identity\": [}}".into(),
            "json-syntax",
            "expected a JSON value, found `}`",
            "}",
            "",
            "",
        ),
        case(
            "[]".into(),
            "wrong-type",
            "expected a scenario object (`{\"policies\": ..., \"request\": ...}`), found an array",
            "[]",
            "",
            "",
        ),
        case(
            with_policies(r#"{"identty": []}"#),
            "unknown-member",
            "unknown policy kind `identty`",
            "\"identty\"",
            "/policies/identty",
            "did you mean `identity`?",
        ),
        case(
            with_policies(r#"{"SCP": []}"#),
            "unknown-member",
            "unknown policy kind `SCP`",
            "\"SCP\"",
            "/policies/SCP",
            "did you mean `scp`? names are case-sensitive",
        ),
        case(
            format!(r#"{{"request": {REQUEST}}}"#),
            "missing-member",
            "the scenario has no `policies`",
            "{",
            "",
            "\"policies\": {\"identity\": [...]}",
        ),
        case(
            r#"{"policies": {}}"#.into(),
            "missing-member",
            "the scenario has no `request`",
            "{",
            "",
            "`\"requests\": [...]`",
        ),
        case(
            format!(r#"{{"policies": {{}}, "request": {REQUEST}, "requests": [{REQUEST}]}}"#),
            "conflicting-members",
            "`request` and `requests` are both given",
            "\"requests\"",
            "/requests",
            "keep one",
        ),
        case(
            r#"{"policies": {}, "requests": []}"#.into(),
            "empty-value",
            "`requests` is empty",
            "[]",
            "/requests",
            "at least one request",
        ),
        case(
            with_policies(r#"{"identity": [], "identity": []}"#),
            "duplicate-key",
            "`identity` is given twice in this object",
            "\"identity\"",
            "/policies/identity",
            "would silently ignore the first one",
        ),
        case(
            with_policies(r#"{"permissionsBoundary": []}"#),
            "wrong-type",
            "expected one permissions boundary (an object), found an array",
            "[]",
            "/policies/permissionsBoundary",
            "at most one permissions boundary",
        ),
        case(
            with_policies(r#"{"scp": {"Statement": []}}"#),
            "wrong-type",
            "expected an array of levels, found an object",
            "{\"Statement\": []}",
            "/policies/scp",
            "one entry per level",
        ),
        case(
            with_policies(r#"{"identity": [{"name": "n"}]}"#),
            "missing-member",
            "this named policy has no `document`",
            "{",
            "/policies/identity/0",
            "add the policy document",
        ),
        case(
            with_policies(r#"{"identity": [{"name": "n", "document": 5}]}"#),
            "wrong-type",
            "expected a policy document (an object, or a string holding one), found a number",
            "5",
            "/policies/identity/0/document",
            "",
        ),
        case(
            with_policies(r#"{"identity": [{"name": "n", "documents": {}}]}"#),
            "unknown-member",
            "unknown member of a named policy `documents`",
            "\"documents\"",
            "/policies/identity/0/documents",
            "did you mean `document`?",
        ),
        case(
            with_policies(r#"{"identity": [true]}"#),
            "wrong-type",
            "expected a policy: a document (an object), `{\"name\": ..., \"document\": ...}`, or a string holding a document, found a boolean",
            "true",
            "/policies/identity/0",
            "",
        ),
        case(
            with_policies(r#"{"scp": [{"name": "root", "policies": [], "extra": 1}]}"#),
            "unknown-member",
            "unknown member of a level `extra`",
            "\"extra\"",
            "/policies/scp/0/extra",
            "expected one of `name` or `policies`",
        ),
    ]);
}

#[test]
fn document_and_statement_errors() {
    check(vec![
        case(
            with_policies(r#"{"identity": [{"Version": "2012-10-17"}]}"#),
            "missing-element",
            "the policy has no `Statement`",
            "{",
            "/policies/identity/0",
            "\"Statement\": [",
        ),
        case(
            with_policies(r#"{"identity": [{"Version": "2012-10-18", "Statement": []}]}"#),
            "invalid-version",
            "unknown policy language version `2012-10-18`",
            "\"2012-10-18\"",
            "/policies/identity/0/Version",
            "`2012-10-17` (current) or `2008-10-17`",
        ),
        case(
            with_policies(
                r#"{"identity": [{"Version": "2012-10-17", "Statement": [], "statement": []}]}"#,
            ),
            "unknown-element",
            "unknown element `statement`",
            "\"statement\"",
            "/policies/identity/0/statement",
            "did you mean `Statement`? names are case-sensitive",
        ),
        case(
            with_policies(r#"{"identity": [{"Version": "2012-10-17", "Statement": "Allow"}]}"#),
            "wrong-type",
            "expected a statement (an object) or an array of statements, found a string",
            "\"Allow\"",
            "/policies/identity/0/Statement",
            "",
        ),
        case(
            with_statement(
                "identity",
                r#"{"effect": "Allow", "Effect": "Allow", "Action": "*", "Resource": "*"}"#,
            ),
            "unknown-element",
            "unknown element `effect`",
            "\"effect\"",
            "/policies/identity/0/Statement/0/effect",
            "did you mean `Effect`? names are case-sensitive",
        ),
        case(
            with_statement("identity", r#"{"Action": "*", "Resource": "*"}"#),
            "missing-element",
            "the statement has no `Effect`",
            "{",
            P0,
            "\"Effect\": \"Allow\"",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "allow", "Action": "*", "Resource": "*"}"#,
            ),
            "invalid-effect",
            "invalid `Effect` `allow`",
            "\"allow\"",
            "/policies/identity/0/Statement/0/Effect",
            "did you mean `Allow`? the value is case-sensitive",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}"#,
            ),
            "duplicate-key",
            "`Effect` is given twice in this object",
            "\"Effect\"",
            "/policies/identity/0/Statement/0/Effect",
            "keep a single `Effect`",
        ),
        case(
            with_statement("identity", r#"{"Effect": "Allow", "Resource": "*"}"#),
            "missing-element",
            "the statement has no `Action` or `NotAction`",
            "{",
            P0,
            "\"Action\": \"s3:GetObject\"",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}"#,
            ),
            "conflicting-elements",
            "`Action` and `NotAction` cannot both be used in one statement",
            "\"NotAction\"",
            "/policies/identity/0/Statement/0/NotAction",
            "keep either `Action` or `NotAction`",
        ),
        case(
            with_statement("identity", r#"{"Effect": "Allow", "Action": "*"}"#),
            "missing-element",
            "the statement has no `Resource` or `NotResource`",
            "{",
            P0,
            "\"Resource\": \"*\"",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": 5, "Resource": "*"}"#,
            ),
            "wrong-type",
            "expected a string or an array of strings, found a number",
            "5",
            "/policies/identity/0/Statement/0/Action",
            "",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": ["s3:GetObject", 5], "Resource": "*"}"#,
            ),
            "wrong-type",
            "expected a string, found a number",
            "5",
            "/policies/identity/0/Statement/0/Action/1",
            "",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": [], "Resource": "*"}"#,
            ),
            "empty-value",
            "empty array",
            "[]",
            "/policies/identity/0/Statement/0/Action",
            "at least one value",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}"#,
            ),
            "invalid-action",
            "invalid action `s3GetObject`: expected `service:action`",
            "\"s3GetObject\"",
            "/policies/identity/0/Statement/0/Action",
            "like `s3:GetObject`",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Effect": "Allow", "Action": "*", "Resource": ["*", "arn:aws:s3::bucket"]}"#,
            ),
            "invalid-arn",
            "invalid ARN `arn:aws:s3::bucket`: it has 5 parts, an ARN has at least six",
            "\"arn:aws:s3::bucket\"",
            "/policies/identity/0/Statement/0/Resource/1",
            "`arn:aws:s3:::my-bucket/*`",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Sid": "my sid", "Effect": "Allow", "Action": "*", "Resource": "*"}"#,
            ),
            "invalid-sid",
            "the Sid `my sid` has characters IAM does not accept",
            "\"my sid\"",
            "/policies/identity/0/Statement/0/Sid",
            "only ASCII letters and digits",
        ),
        case(
            with_statement(
                "identity",
                r#"{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}"#,
            ),
            "duplicate-sid",
            "the Sid `A` is already used by an earlier statement of this policy",
            "\"A\"",
            "/policies/identity/0/Statement/1/Sid",
            "unique within a policy",
        ),
    ]);
}

#[test]
fn rules_that_depend_on_the_policy_kind() {
    let principal_any = r#"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#;
    check(vec![
        case(
            with_statement("identity", principal_any),
            "element-not-allowed",
            "`Principal` is not allowed in an identity-based policy",
            "\"Principal\"",
            "/policies/identity/0/Statement/0/Principal",
            "the principal is the identity the policy applies to",
        ),
        case(
            with_statement(
                "scp",
                r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"}"#,
            ),
            "element-not-allowed",
            "`NotPrincipal` is not allowed in a service control policy",
            "\"NotPrincipal\"",
            "/policies/scp/0/Statement/0/NotPrincipal",
            "SCPs take no `Principal`",
        ),
        case(
            with_statement(
                "resource",
                r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
            ),
            "missing-element",
            "a statement of a resource-based policy needs a `Principal`",
            "{",
            "/policies/resource/Statement/0",
            "\"Principal\": {\"AWS\"",
        ),
        case(
            with_statement(
                "resource",
                r#"{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject"}"#,
            ),
            "not-principal-allow",
            "`NotPrincipal` cannot be used with `\"Effect\": \"Allow\"`",
            "{\"AWS\": \"111122223333\"}",
            "/policies/resource/Statement/0/NotPrincipal",
            "only with `Deny`",
        ),
        case(
            with_statement(
                "rcp",
                r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#,
            ),
            "missing-element",
            "an RCP statement needs `\"Principal\": \"*\"`",
            "{",
            "/policies/rcp/0/Statement/0",
            "RCP syntax",
        ),
        case(
            with_statement(
                "rcp",
                r#"{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}"#,
            ),
            "invalid-principal",
            "the `Principal` of an RCP must be `\"*\"`",
            "{\"AWS\": \"111122223333\"}",
            "/policies/rcp/0/Statement/0/Principal",
            "aws:PrincipalArn",
        ),
        case(
            with_statement(
                "rcp",
                r#"{"Effect": "Deny", "Principal": "*", "NotAction": "s3:*", "Resource": "*"}"#,
            ),
            "element-not-allowed",
            "`NotAction` is not supported in resource control policies",
            "\"NotAction\"",
            "/policies/rcp/0/Statement/0/NotAction",
            "RCPs take `Action` only",
        ),
        case(
            with_statement(
                "vpcEndpoint",
                r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
            ),
            "missing-element",
            "a statement of a VPC endpoint policy needs a `Principal`",
            "{",
            "/policies/vpcEndpoint/Statement/0",
            "\"must contain a Principal element\"",
        ),
        case(
            with_policies(r#"{"vpcEndpoint": [{"Version": "2012-10-17", "Statement": []}]}"#),
            "wrong-type",
            "expected one VPC endpoint policy (an object), found an array",
            "[{\"Version\": \"2012-10-17\", \"Statement\": []}]",
            "/policies/vpcEndpoint",
            "at most one VPC endpoint policy",
        ),
        case(
            with_request(
                r#"{"principal": "Anonymous", "action": "s3:GetObject", "resource": "*"}"#,
            ),
            "invalid-principal",
            "the request principal `Anonymous` is not `anonymous`",
            "\"Anonymous\"",
            "/request/principal",
            "in lowercase",
        ),
        case(
            with_policies(r#"{"scp": [{"name": "root", "policies": []}]}"#),
            "empty-level",
            "this SCP level has no policies, which AWS does not allow",
            "[]",
            "/policies/scp/0/policies",
            "list `FullAWSAccess`",
        ),
        case(
            with_statement(
                "rcp",
                r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}"#,
            ),
            "rcp-allow",
            "custom RCPs can only deny",
            "\"Allow\"",
            "/policies/rcp/0/Statement/0/Effect",
            "`RCPFullAWSAccess`",
        ),
        case(
            with_statement(
                "rcp",
                r#"{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}"#,
            ),
            "invalid-action",
            "a resource control policy cannot use `*` as an action",
            "\"*\"",
            "/policies/rcp/0/Statement/0/Action",
            "name the service, such as `s3:*`",
        ),
        case(
            with_policies(
                r#"{"scp": [{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]}"#,
            ),
            "invalid-version",
            "a service control policy must have `\"Version\": \"2012-10-17\"`",
            "{",
            "/policies/scp/0",
            "AWS Organizations requires it",
        ),
        case(
            with_policies(
                r#"{"rcp": [{"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}]}"#,
            ),
            "invalid-version",
            "a resource control policy must use version `2012-10-17`",
            "\"2008-10-17\"",
            "/policies/rcp/0/Version",
            "AWS Organizations requires it",
        ),
    ]);
}

#[test]
fn principal_errors() {
    let resource = |principal: &str| {
        with_statement(
            "resource",
            &format!(
                r#"{{"Effect": "Allow", "Principal": {principal}, "Action": "s3:GetObject"}}"#
            ),
        )
    };
    check(vec![
        case(
            resource(r#"{"AWS": "arn:aws:iam::111122223333:group/admins"}"#),
            "invalid-principal",
            "the IAM group `arn:aws:iam::111122223333:group/admins` cannot be a principal",
            "\"arn:aws:iam::111122223333:group/admins\"",
            "/policies/resource/Statement/0/Principal/AWS",
            "You cannot identify a user group as a principal",
        ),
        case(
            resource(r#"{"AWS": ["111122223333", "arn:aws:iam::111122223333:role/app-*"]}"#),
            "invalid-principal",
            "the principal `arn:aws:iam::111122223333:role/app-*` uses a wildcard",
            "\"arn:aws:iam::111122223333:role/app-*\"",
            "/policies/resource/Statement/0/Principal/AWS/1",
            "You cannot use a wildcard to match part of a principal name or ARN",
        ),
        case(
            resource(r#"{"Service": "ec2"}"#),
            "invalid-principal",
            "`ec2` is not a service principal",
            "\"ec2\"",
            "/policies/resource/Statement/0/Principal/Service",
            "`ec2.amazonaws.com`",
        ),
        case(
            resource(r#""arn:aws:iam::111122223333:root""#),
            "invalid-principal",
            "`arn:aws:iam::111122223333:root` is not a valid `Principal`",
            "\"arn:aws:iam::111122223333:root\"",
            "/policies/resource/Statement/0/Principal",
            "{\"AWS\": \"arn:aws:iam::111122223333:root\"}",
        ),
        case(
            resource(r#"{"aws": "111122223333"}"#),
            "unknown-element",
            "unknown principal type `aws`",
            "\"aws\"",
            "/policies/resource/Statement/0/Principal/aws",
            "did you mean `AWS`? names are case-sensitive",
        ),
        case(
            resource("{}"),
            "empty-value",
            "empty `Principal`",
            "{}",
            "/policies/resource/Statement/0/Principal",
            "at least one principal",
        ),
        case(
            resource(r#"{"AWS": "arn:aws:iam::111122223333:user/${aws:username}"}"#),
            "variable-not-allowed",
            "policy variables are not allowed in `Principal`",
            "\"arn:aws:iam::111122223333:user/${aws:username}\"",
            "/policies/resource/Statement/0/Principal/AWS",
            "aws:PrincipalArn",
        ),
    ]);
}

#[test]
fn condition_errors() {
    let cond = |condition: &str| {
        with_statement(
            "identity",
            &format!(
                r#"{{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {condition}}}"#
            ),
        )
    };
    let c = "/policies/identity/0/Statement/0/Condition";
    check(vec![
        case(
            cond(r#"{"StringEqual": {"aws:username": "a"}}"#),
            "unknown-operator",
            "unknown condition operator `StringEqual`",
            "\"StringEqual\"",
            "/policies/identity/0/Statement/0/Condition/StringEqual",
            "did you mean `StringEquals`?",
        ),
        case(
            cond(r#"{"stringequals": {"aws:username": "a"}}"#),
            "unknown-operator",
            "unknown condition operator `stringequals`",
            "\"stringequals\"",
            "/policies/identity/0/Statement/0/Condition/stringequals",
            "did you mean `StringEquals`? operator names are case-sensitive",
        ),
        case(
            cond(r#"{"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}}"#),
            "unknown-operator",
            "unknown set operator `ForSomeValues:` in `ForSomeValues:StringEquals`",
            "\"ForSomeValues:StringEquals\"",
            "/policies/identity/0/Statement/0/Condition/ForSomeValues:StringEquals",
            "the set operators are `ForAllValues:` and `ForAnyValue:`",
        ),
        case(
            cond(r#"{"NullIfExists": {"aws:TokenIssueTime": "true"}}"#),
            "unknown-operator",
            "`NullIfExists` is not a condition operator",
            "\"NullIfExists\"",
            "/policies/identity/0/Statement/0/Condition/NullIfExists",
            "use `Null`",
        ),
        case(
            cond(r#"{"Null": {"aws:TokenIssueTime": "maybe"}}"#),
            "invalid-condition-value",
            "`maybe` is not a valid value for `Null`",
            "\"maybe\"",
            "/policies/identity/0/Statement/0/Condition/Null/aws:TokenIssueTime",
            "`true` (the key must be absent)",
        ),
        case(
            cond(r#"{"NumericLessThan": {"s3:max-keys": ["10", "ten"]}}"#),
            "invalid-condition-value",
            "`ten` is not a valid value for `NumericLessThan`",
            "\"ten\"",
            "/policies/identity/0/Statement/0/Condition/NumericLessThan/s3:max-keys/1",
            "expected an integer or decimal number",
        ),
        case(
            cond(r#"{"DateGreaterThanIfExists": {"aws:CurrentTime": "yesterday"}}"#),
            "invalid-condition-value",
            "`yesterday` is not a valid value for `DateGreaterThanIfExists`",
            "\"yesterday\"",
            "/policies/identity/0/Statement/0/Condition/DateGreaterThanIfExists/aws:CurrentTime",
            "ISO 8601",
        ),
        case(
            cond(r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}"#),
            "invalid-condition-value",
            "`203.0.113.0/33` is not a valid value for `IpAddress`",
            "\"203.0.113.0/33\"",
            "/policies/identity/0/Statement/0/Condition/IpAddress/aws:SourceIp",
            "CIDR",
        ),
        case(
            cond(r#"{"NumericLessThan": {"s3:max-keys": "${aws:username}"}}"#),
            "variable-not-allowed",
            "policy variables are not allowed with `NumericLessThan`",
            "\"${aws:username}\"",
            "/policies/identity/0/Statement/0/Condition/NumericLessThan/s3:max-keys",
            "not numeric, date",
        ),
        case(
            cond(r#"{"StringLike": {"s3:prefix": "home/${aws:username/*"}}"#),
            "invalid-variable",
            "unterminated policy variable: `}` is missing",
            "${aws:username/*",
            "/policies/identity/0/Statement/0/Condition/StringLike/s3:prefix",
            "`${aws:username}`",
        ),
        case(
            cond(r#"{"StringEquals": {"aws:username": {"a": 1}}}"#),
            "wrong-type",
            "expected a string, number or boolean, or an array of them, found an object",
            "{\"a\": 1}",
            "/policies/identity/0/Statement/0/Condition/StringEquals/aws:username",
            "",
        ),
        case(
            cond(r#"{"StringEquals": {"aws:username": []}}"#),
            "empty-value",
            "empty array",
            "[]",
            "/policies/identity/0/Statement/0/Condition/StringEquals/aws:username",
            "at least one value",
        ),
        case(
            cond(r#"["StringEquals"]"#),
            "wrong-type",
            "expected an object of condition operators, such as `{\"StringEquals\": {\"aws:PrincipalTag/team\": \"blue\"}}`, found an array",
            "[\"StringEquals\"]",
            c,
            "",
        ),
    ]);
}

#[test]
fn variables_outside_resource_and_conditions() {
    let st = |s: &str| with_statement("identity", s);
    check(vec![
        case(
            st(r#"{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}"#),
            "variable-not-allowed",
            "policy variables are not allowed in `Action`",
            "\"s3:${aws:username}\"",
            "/policies/identity/0/Statement/0/Action",
            "only in `Resource` and in condition values",
        ),
        case(
            st(r#"{"Sid": "${aws:username}", "Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            "variable-not-allowed",
            "policy variables are not allowed in `Sid`",
            "\"${aws:username}\"",
            "/policies/identity/0/Statement/0/Sid",
            "",
        ),
        case(
            st(r#"{"Effect": "${aws:effect}", "Action": "*", "Resource": "*"}"#),
            "variable-not-allowed",
            "policy variables are not allowed in `Effect`",
            "\"${aws:effect}\"",
            "/policies/identity/0/Statement/0/Effect",
            "",
        ),
        case(
            st(r#"{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username"}"#),
            "invalid-variable",
            "unterminated policy variable: `}` is missing",
            "${aws:username",
            "/policies/identity/0/Statement/0/Resource",
            "",
        ),
        case(
            // A warning, not an error: AWS publishes managed policies with a variable there.
            st(r#"{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:${aws:region}::b"}"#),
            "variable-before-resource-part",
            "`arn:aws:s3:${aws:region}::b` has a policy variable before the resource part of the ARN",
            "\"arn:aws:s3:${aws:region}::b\"",
            "/policies/identity/0/Statement/0/Resource",
            "after the fifth colon",
        ),
    ]);
}

#[test]
fn variables_are_literal_text_without_version_2012() {
    let text = with_policies(
        r#"{"identity": [{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:${x}", "Resource": "arn:aws:s3:::b/${x"}}]}"#,
    );
    let diags = diagnostics(&text);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn request_and_expect_errors() {
    check(vec![
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:Get*", "resource": "*"}"#,
            ),
            "invalid-action",
            "the request action `s3:Get*` has a wildcard",
            "\"s3:Get*\"",
            "/request/action",
            "a request is for one action",
        ),
        case(
            with_request(
                r#"{"principal": "111122223333", "action": "s3:GetObject", "resource": "*"}"#,
            ),
            "invalid-principal",
            "the request principal `111122223333` is an account id",
            "\"111122223333\"",
            "/request/principal",
            "`arn:aws:iam::111122223333:root`",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "bucket/key"}"#,
            ),
            "invalid-arn",
            "`bucket/key` is not an ARN",
            "\"bucket/key\"",
            "/request/resource",
            "",
        ),
        case(
            with_request(r#"{"action": "s3:GetObject", "resource": "*"}"#),
            "missing-member",
            "the request has no `principal`",
            "{",
            "/request",
            "add `\"principal\": ",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*", "resourceAccount": "1234"}"#,
            ),
            "invalid-account",
            "`1234` is not a 12-digit account id",
            "\"1234\"",
            "/request/resourceAccount",
            "12 digits",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*", "resourceAccount": 111122223333}"#,
            ),
            "wrong-type",
            "expected an account id in a string, found a number",
            "111122223333",
            "/request/resourceAccount",
            "`\"012345678901\"`",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*", "contxt": {}}"#,
            ),
            "unknown-member",
            "unknown member of a request `contxt`",
            "\"contxt\"",
            "/request/contxt",
            "did you mean `context`?",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*", "context": {"aws:SourceIp": "1.2.3.4", "AWS:sourceip": "5.6.7.8"}}"#,
            ),
            "duplicate-key",
            "the context key `AWS:sourceip` is given twice, also as `aws:SourceIp`",
            "\"AWS:sourceip\"",
            "/request/context/AWS:sourceip",
            "case-insensitive",
        ),
        case(
            with_request(
                r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*", "context": {"aws:PrincipalTag/team": {"a": "b"}}}"#,
            ),
            "wrong-type",
            "expected a string, number or boolean, or an array of them, found an object",
            "{\"a\": \"b\"}",
            "/request/context/aws:PrincipalTag~1team",
            "",
        ),
        case(
            format!(
                r#"{{"policies": {{}}, "request": {REQUEST}, "expect": {{"decision": "Deny"}}}}"#
            ),
            "invalid-decision",
            "unknown decision `Deny`",
            "\"Deny\"",
            "/expect/decision",
            "use `ExplicitDeny` (a Deny statement applied) or `ImplicitDeny`",
        ),
        case(
            format!(
                r#"{{"policies": {{}}, "request": {REQUEST}, "expect": {{"decision": "ImplicitDenied"}}}}"#
            ),
            "invalid-decision",
            "unknown decision `ImplicitDenied`",
            "\"ImplicitDenied\"",
            "/expect/decision",
            "did you mean `ImplicitDeny`?",
        ),
        case(
            format!(
                r#"{{"policies": {{}}, "requests": [{REQUEST}, {REQUEST}], "expect": {{"requests": [{{"decision": "Allow"}}]}}}}"#
            ),
            "expect-mismatch",
            "`expect.requests` has 1 entries but the scenario has 2 requests",
            "[{\"decision\": \"Allow\"}]",
            "/expect/requests",
            "one expectation per request",
        ),
        case(
            format!(
                r#"{{"policies": {{}}, "request": {REQUEST}, "expect": {{"decision": "Allow", "matches": []}}}}"#
            ),
            "unknown-member",
            "unknown member of `expect` `matches`",
            "\"matches\"",
            "/expect/matches",
            "did you mean `matched`?",
        ),
    ]);
}

#[test]
fn warnings_leave_the_scenario_usable() {
    let cases = [
        (
            format!(r#"{{"policies": {{}}, "request": {REQUEST}, "descripton": "x"}}"#),
            "unknown-member",
            "unknown scenario member `descripton`",
            "\"descripton\"",
        ),
        (
            with_policies(r#"{"identity": [{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]}"#),
            "missing-version",
            "the policy has no `Version`, so policy variables such as `${aws:username}` are literal text",
            "{",
        ),
        (
            with_policies(r#"{"identity": [{"Version": "2012-10-17", "Statement": []}]}"#),
            "empty-policy",
            "`Statement` is empty, so this policy allows and denies nothing",
            "[]",
        ),
        (
            with_statement("identity", r#"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {}}}"#),
            "empty-condition",
            "`StringEquals` has no condition keys, so it is always true",
            "{}",
        ),
        (
            with_statement("identity", r#"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}"#),
            "invalid-condition-value",
            "`yes` is not a valid value for `Bool`",
            "\"yes\"",
        ),
        (
            format!(r#"{{"policies": {{}}, "request": {REQUEST}, "expect": {{"error": "invalid-arn", "errors": ["json-syntax"]}}, "extra": 1}}"#),
            "unknown-member",
            "unknown scenario member `extra`",
            "\"extra\"",
        ),
        (
            with_statement(
                "resource",
                r#"{"Sid": "S", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}, {"Sid": "S", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject"}"#,
            ),
            "duplicate-sid",
            "the Sid `S` is already used by an earlier statement of this policy",
            "\"S\"",
        ),
    ];
    for (text, code, message, pointed) in cases {
        let (scenario, diags) = parse_scenario(&text);
        assert!(scenario.is_some(), "{text}\n{diags:#?}");
        assert_eq!(diags.len(), 1, "{text}\n{diags:#?}");
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Warning, "{text}");
        assert_eq!((d.code, d.message.as_str()), (code, message), "{text}");
        assert_eq!(d.span.unwrap().text(&text), pointed, "{text}");
    }
}

#[test]
fn all_errors_are_reported_in_one_pass() {
    let text = with_policies(
        r#"{"identity": [{"Version": "2012-10-17", "Statement": [
            {"Effect": "allow", "Action": "s3", "Resource": "*"},
            {"Effect": "Deny", "Action": "*", "Resource": "arn:aws"}]}],
          "session": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"s3:max-keys": "ten"}}}}}"#,
    );
    let diags = diagnostics(&text);
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "invalid-effect",
            "invalid-action",
            "invalid-arn",
            "invalid-condition-value"
        ]
    );
    let paths: Vec<&str> = diags.iter().map(|d| d.path.as_deref().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "/policies/identity/0/Statement/0/Effect",
            "/policies/identity/0/Statement/0/Action",
            "/policies/identity/0/Statement/1/Resource",
            "/policies/session/Statement/Condition/NumericEquals/s3:max-keys",
        ]
    );
}

#[test]
fn embedded_documents_report_errors_in_the_outer_text() {
    // As AWS APIs return it: the document is a JSON string holding the JSON.
    let text = with_policies(
        r#"{"identity": [{"name": "from the API", "document": "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3\", \"Resource\": \"*\"}}"}]}"#,
    );
    let d = the(&text, "invalid-action");
    assert_eq!(d.span.unwrap().text(&text), r#"\"s3\""#);
    assert_eq!(
        d.path.as_deref(),
        Some("/policies/identity/0/document/Statement/Action")
    );

    let broken = with_policies(r#"{"identity": ["{\"Statement\": [}"]}"#);
    let d = the(&broken, "json-syntax");
    assert_eq!(d.message, "expected a JSON value, found `}`");
    assert_eq!(d.span.unwrap().text(&broken), "}");
    assert_eq!(d.path.as_deref(), Some("/policies/identity/0"));
}

/// Format 1.1: the endpoint policy is read as its own kind (with the Principal rules of a
/// resource-based policy), and `anonymous` is a request principal.
#[test]
fn format_1_1_builds_the_model() {
    let text = r#"{
      "policies": {
        "vpcEndpoint": {"name": "only-reports", "document": {"Version": "2012-10-17", "Statement": [
          {"Sid": "Reports", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
          {"Sid": "NotTheBoss", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/boss"}, "Action": "s3:DeleteObject", "Resource": "*"}]}}
      },
      "request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}
    }"#;
    let (scenario, diags) = parse_scenario(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let s = scenario.unwrap();
    let [p] = s.policies.as_slice() else {
        panic!("one policy expected: {:?}", s.policies)
    };
    assert_eq!(p.kind, PolicyKind::VpcEndpoint);
    assert_eq!(p.name.as_deref(), Some("only-reports"));
    assert_eq!(p.statements.len(), 2);
    assert!(p.statements[1].principal.as_ref().unwrap().negated);
    assert_eq!(s.requests[0].principal.value, "anonymous");
    assert_eq!(
        PolicyKind::from_key("vpcEndpoint"),
        Some(PolicyKind::VpcEndpoint)
    );
    // A kind this version does not know is an error, never skipped.
    let d = the(
        &with_policies(r#"{"vpcEndpiont": {"Version": "2012-10-17", "Statement": []}}"#),
        "unknown-member",
    );
    assert_eq!(d.message, "unknown policy kind `vpcEndpiont`");
    assert_eq!(d.help.as_deref(), Some("did you mean `vpcEndpoint`?"));
}

#[test]
fn a_full_scenario_builds_the_model() {
    let text = r#"{
      "name": "model",
      "policies": {
        "identity": {"name": "single", "document": {"Version": "2012-10-17", "Id": "p1",
          "Statement": {"Sid": "A", "Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
            "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team*", 5, true]}}}}},
        "resource": {"Version": "2012-10-17", "Statement": {"Effect": "Deny",
          "Principal": {"AWS": ["*", "111122223333"], "Service": "ec2.amazonaws.com"}, "Action": "s3:*"}},
        "scp": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}},
                {"name": "ou-prod", "policies": ["{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}",
                                                 {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]}],
        "rcp": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
          {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "NotResource": "arn:aws:s3:::ok/*"}]}]
      },
      "requests": [
        {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
         "resource": "arn:aws:s3:::bucket/key", "resourceAccount": "444455556666",
         "context": {"aws:TagKeys": ["a", "b"], "aws:MultiFactorAuthPresent": true, "s3:max-keys": 10, "aws:Empty": []}},
        {"principal": "ec2.amazonaws.com", "action": "sts:AssumeRole", "resource": "*"}
      ],
      "expect": {"decision": "ImplicitDeny", "matched": ["A"], "requests": [{"decision": "Allow"}, {"decision": "ExplicitDeny"}]}
    }"#;
    let (scenario, diags) = parse_scenario(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let s = scenario.unwrap();
    assert_eq!(s.name.as_deref(), Some("model"));
    let summary: Vec<(PolicyKind, usize, Option<usize>, Option<&str>)> = s
        .policies
        .iter()
        .map(|p| (p.kind, p.index, p.position, p.name.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (PolicyKind::Identity, 0, None, Some("single")),
            (PolicyKind::Resource, 0, None, None),
            (PolicyKind::Scp, 0, Some(0), None),
            (PolicyKind::Scp, 1, Some(0), None),
            (PolicyKind::Scp, 1, Some(1), None),
            (PolicyKind::Rcp, 0, Some(0), None),
        ]
    );
    let levels: Vec<Option<&str>> = s.scp_levels.iter().map(|l| l.name.as_deref()).collect();
    assert_eq!(levels, [None, Some("ou-prod")]);
    assert_eq!(s.rcp_levels.len(), 1);

    let identity = &s.policies[0];
    assert_eq!(identity.version, PolicyVersion::V2012_10_17);
    assert_eq!(identity.id.as_deref(), Some("p1"));
    assert!(identity
        .span
        .text(text)
        .starts_with("{\"name\": \"single\""));
    assert!(identity
        .document_span
        .text(text)
        .starts_with("{\"Version\""));
    let st = &identity.statements[0];
    assert_eq!(st.sid.as_ref().unwrap().value, "A");
    assert_eq!(st.effect.value, Effect::Allow);
    assert!(st.action.negated);
    assert_eq!(st.action.span.text(text), r#"["iam:*", "sts:*"]"#);
    assert_eq!(st.action.patterns[1].span.text(text), r#""sts:*""#);
    let block = &st.conditions[0];
    assert_eq!(
        block.operator.value.name(),
        "ForAnyValue:StringLikeIfExists"
    );
    assert_eq!(
        block.operator.span.text(text),
        r#""ForAnyValue:StringLikeIfExists""#
    );
    let values: Vec<&str> = block.entries[0]
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(values, ["team*", "5", "true"]);
    assert_eq!(block.entries[0].key.value, "aws:TagKeys");

    let resource = &s.policies[1];
    let principal = resource.statements[0].principal.as_ref().unwrap();
    assert!(!principal.negated);
    assert!(matches!(principal.entries[0], PrincipalEntry::Any(_)));
    assert!(matches!(&principal.entries[1], PrincipalEntry::Aws(a) if a.value == "111122223333"));
    assert!(
        matches!(&principal.entries[2], PrincipalEntry::Service(a) if a.value == "ec2.amazonaws.com")
    );
    assert!(resource.statements[0].resource.is_none());

    // The embedded SCP document maps its spans into the scenario text.
    let embedded = &s.policies[3];
    assert_eq!(embedded.statements[0].effect.span.text(text), r#"\"Deny\""#);

    assert_eq!(s.policies[5].statements.len(), 2);
    assert!(
        s.policies[5].statements[1]
            .resource
            .as_ref()
            .unwrap()
            .negated
    );

    assert!(s.request_list);
    assert_eq!(s.requests.len(), 2);
    let r = &s.requests[0];
    assert_eq!(r.resource_account.as_ref().unwrap().value, "444455556666");
    let context: Vec<(&str, &ContextValue)> = r
        .context
        .iter()
        .map(|e| (e.key.value.as_str(), &e.value))
        .collect();
    assert_eq!(
        context,
        [
            (
                "aws:TagKeys",
                &ContextValue::Multi(vec!["a".into(), "b".into()])
            ),
            (
                "aws:MultiFactorAuthPresent",
                &ContextValue::Single("true".into())
            ),
            ("s3:max-keys", &ContextValue::Single("10".into())),
            ("aws:Empty", &ContextValue::Multi(vec![])),
        ]
    );
    let expect = s.expect.unwrap();
    assert_eq!(expect.matched.unwrap(), ["A"]);
    assert_eq!(expect.requests.unwrap().len(), 2);
}

#[test]
fn a_single_policy_parses_on_its_own() {
    let (policy, diags) = parse_policy(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}"#,
        PolicyKind::Resource,
    );
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(policy.unwrap().statements.len(), 1);
    let (policy, diags) = parse_policy(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}}"#,
        PolicyKind::Identity,
    );
    assert!(policy.is_none());
    assert_eq!(diags[0].path.as_deref(), Some("/Statement"));
}

/// Every scenario of the PassRole story parses without errors (`tests/fixtures/fix` keeps the
/// story's files; files there that are not scenarios, such as decoded authorization messages,
/// have no `policies` and are skipped).
#[test]
fn passrole_story_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix");
    let entries = std::fs::read_dir(&dir).unwrap();
    let mut parsed = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if iam_playground::parse::json::parse(&text)
            .ok()
            .and_then(|j| j.get("policies").cloned())
            .is_none()
        {
            continue;
        }
        let (scenario, diags) = parse_scenario(&text);
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        assert!(!scenario.unwrap().requests.is_empty());
        parsed += 1;
    }
    assert!(
        parsed >= 4,
        "only {parsed} example scenarios found in {}",
        dir.display()
    );
}

const VALID: &str = r#"{"name": "n", "policies": {"identity": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::b/${aws:username}/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["x", 1, true]}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}}], "resource": {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*"}}, "scp": [{"name": "root", "policies": ["{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}"]}]}, "requests": [{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/alice/k", "context": {"aws:SourceIp": "10.1.2.3", "k": ["a", 2]}}], "expect": {"decision": "Allow", "matched": ["A"]}}"#;

#[test]
fn the_fuzz_seed_is_valid() {
    let diags = diagnostics(VALID);
    assert!(diags.is_empty(), "{diags:#?}");
}

/// A byte-level edit of the valid scenario, kept valid UTF-8.
fn mutate(base: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(at, op, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let at = at % chars.len();
        match op % 3 {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, c),
            _ => chars[at] = c,
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,300}") {
        let _ = diagnostics(&text);
    }

    #[test]
    fn never_panics_on_json_like_text(text in "[\\[\\]{}\",:0-9a-zA-Z *$\\\\/\\-]{0,200}") {
        let _ = diagnostics(&text);
    }

    #[test]
    fn never_panics_on_mutated_scenarios(
        edits in prop::collection::vec(
            (any::<usize>(), any::<u8>(), prop::sample::select(vec![
                '"', '{', '}', '[', ']', ',', ':', '\\', '*', '$', '/', 'a', '1', ' ', 'é', '\u{1F600}',
            ])),
            1..6,
        )
    ) {
        let _ = diagnostics(&mutate(VALID, &edits));
    }
}

#[test]
fn a_one_megabyte_scenario_parses_quickly() {
    let statement = r#"{"Sid": "S", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}}}"#;
    let count = 1_000_000 / statement.len();
    let statements = vec![statement; count].join(",");
    let text = with_policies(&format!(
        r#"{{"resource": {{"Version": "2012-10-17", "Statement": [{}]}}}}"#,
        statements.replace(r#""Effect""#, r#""Principal": "*", "Effect""#)
    ));
    assert!(text.len() > 1_000_000);
    let started = std::time::Instant::now();
    let (scenario, diags) = parse_scenario(&text);
    let elapsed = started.elapsed();
    // Duplicate Sids are warnings in a resource-based policy: one per repeated statement.
    assert!(diags.iter().all(|d| d.code == "duplicate-sid"));
    assert_eq!(scenario.unwrap().policies[0].statements.len(), count);
    assert!(elapsed.as_secs() < 5, "took {elapsed:?}");
}
