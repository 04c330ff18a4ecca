//! The `aws iam simulate-custom-policy` command for a scenario, for people who want AWS's own
//! answer next to the playground's.
//!
//! Parameters follow the IAM API reference, "SimulateCustomPolicy": `PolicyInputList` (identity
//! policies as JSON strings; no resource-based policies), `PermissionsBoundaryPolicyInputList`,
//! `ResourcePolicy`, `ActionNames`, `ResourceArns`, `ResourceOwner`, `CallerArn` ("you can
//! specify only the ARN of an IAM user", and it is required with a resource policy) and
//! `ContextEntries` (`ContextKeyName`, `ContextKeyValues`, `ContextKeyType`: string, stringList,
//! numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList).
//!
//! What AWS's simulator cannot take, and the command therefore leaves out (said in a comment
//! above the command): service control policies and resource control policies (the simulator
//! of custom policies has no organization), session policies ("the policies cannot be
//! scope-down policies"), the VPC endpoint policy (format 1.1; the API has no parameter for
//! it), a caller that is not an IAM user (roles, sessions, services, an unsigned `anonymous`
//! request), policy kinds this version does not know (named, never dropped quietly), and
//! `whatIf` switches (a switched-off policy is simply not sent).
//!
//! ```
//! let text = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
//!   "Action": "s3:GetObject", "Resource": "*"}}]},
//!   "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
//!   "resource": "arn:aws:s3:::b/k"}}"#;
//! let cmd = iam_playground::tools::simulate::simulate_custom_policy_command(text);
//! assert!(cmd.starts_with("aws iam simulate-custom-policy"));
//! assert!(cmd.contains("--action-names 's3:GetObject'"));
//! ```

use serde_json::Value;

use crate::aws::managed::ManagedPolicies;
use crate::AwsData;

/// The command line(s) for a scenario: one command per request, each preceded by comments for
/// what the simulator cannot take. A scenario that is not JSON gives a comment saying so.
/// Without AWS data, `{"managed": "Name"}` policies cannot be sent (a comment says so); see
/// [`simulate_custom_policy_command_with`].
pub fn simulate_custom_policy_command(scenario_text: &str) -> String {
    simulate_custom_policy_command_with(scenario_text, AwsData::default())
}

/// [`simulate_custom_policy_command`] with the AWS data a host has: `{"managed": "Name"}`
/// sends the managed policy's document from `data.managed` (the simulator of custom policies
/// takes documents, not policy ARNs), with a comment naming its version.
pub fn simulate_custom_policy_command_with(scenario_text: &str, data: AwsData) -> String {
    let managed = data.managed;
    let scenario: Value = match serde_json::from_str(scenario_text) {
        Ok(v) => v,
        Err(e) => return format!("# the scenario is not valid JSON ({e})\n"),
    };
    let policies = scenario.get("policies").cloned().unwrap_or(Value::Null);
    let mut notes = Vec::new();
    let identity: Vec<String> = match policies.get("identity") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|p| document(p, managed, &mut notes))
            .collect(),
        Some(p) => document(p, managed, &mut notes).into_iter().collect(),
        None => Vec::new(),
    };
    let boundary = policies
        .get("permissionsBoundary")
        .and_then(|p| document(p, managed, &mut notes));
    let resource_policy = policies
        .get("resource")
        .and_then(|p| document(p, managed, &mut notes));
    for (key, what) in [
        ("scp", "service control policies (SCPs)"),
        ("rcp", "resource control policies (RCPs)"),
        ("session", "the session policy"),
        ("vpcEndpoint", "the VPC endpoint policy"),
    ] {
        if policies.get(key).is_some_and(|v| !v.is_null()) {
            notes.push(format!(
                "not sent: {what}; AWS's simulator of custom policies cannot take it"
            ));
        }
    }
    // A reader that meets a policy kind it does not know says so (it never drops it quietly).
    if let Value::Object(members) = &policies {
        for key in members.keys() {
            if crate::model::PolicyKind::from_key(key).is_none() {
                notes.push(format!(
                    "not sent: `policies.{key}`, which is not a policy kind this version knows"
                ));
            }
        }
    }
    if scenario.get("whatIf").is_some() {
        notes.push(
            "not applied: the `whatIf` switches (every policy is sent as written)".to_string(),
        );
    }
    let requests: Vec<&Value> = match (scenario.get("requests"), scenario.get("request")) {
        (Some(Value::Array(list)), _) => list.iter().collect(),
        (_, Some(r)) => vec![r],
        _ => Vec::new(),
    };
    if requests.is_empty() {
        return "# the scenario has no request\n".to_string();
    }
    let mut out = String::new();
    for (i, request) in requests.iter().enumerate() {
        if requests.len() > 1 {
            out.push_str(&format!("# request {}\n", i + 1));
        }
        let mut notes = notes.clone();
        let mut args: Vec<String> = vec!["aws iam simulate-custom-policy".to_string()];
        if identity.is_empty() {
            // PolicyInputList is required: an empty policy stands for "no identity policy".
            args.push(format!(
                "--policy-input-list {}",
                quote(r#"{"Version":"2012-10-17","Statement":[]}"#)
            ));
        } else {
            let list: Vec<String> = identity.iter().map(|d| quote(d)).collect();
            args.push(format!("--policy-input-list {}", list.join(" ")));
        }
        if let Some(b) = &boundary {
            args.push(format!(
                "--permissions-boundary-policy-input-list {}",
                quote(b)
            ));
        }
        if let Some(r) = &resource_policy {
            args.push(format!("--resource-policy {}", quote(r)));
        }
        let text = |key: &str| request.get(key).and_then(Value::as_str).map(str::to_string);
        let principal = text("principal");
        match principal.as_deref() {
            Some(p) if p.starts_with("arn:") && p.contains(":user/") => {
                args.push(format!("--caller-arn {}", quote(p)));
            }
            Some(crate::model::ANONYMOUS) => notes.push(
                "not sent: the caller; an unsigned (anonymous) request cannot be simulated, AWS's simulator takes only an IAM user as caller".to_string(),
            ),
            Some(p) => notes.push(format!(
                "not sent: the caller `{p}`; AWS's simulator takes only an IAM user as caller"
            )),
            None => {}
        }
        if let Some(a) = text("action") {
            args.push(format!("--action-names {}", quote(&a)));
        }
        if let Some(r) = text("resource") {
            args.push(format!("--resource-arns {}", quote(&r)));
        }
        if let Some(acct) = text("resourceAccount") {
            args.push(format!(
                "--resource-owner {}",
                quote(&format!("arn:aws:iam::{acct}:root"))
            ));
        }
        if let Some(Value::Object(ctx)) = request.get("context") {
            let entries: Vec<Value> = ctx
                .iter()
                .filter_map(|(k, v)| context_entry(k, v))
                .collect();
            if !entries.is_empty() {
                let json = Value::Array(entries).to_string();
                args.push(format!("--context-entries {}", quote(&json)));
            }
        }
        for n in &notes {
            out.push_str(&format!("# {n}\n"));
        }
        out.push_str(&args.join(" \\\n  "));
        out.push('\n');
        if i + 1 < requests.len() {
            out.push('\n');
        }
    }
    out
}

/// A policy's document as compact JSON text (a string document as written; an AWS managed
/// policy's document from the loaded data).
fn document(
    policy: &Value,
    managed: Option<&ManagedPolicies>,
    notes: &mut Vec<String>,
) -> Option<String> {
    match policy {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) if m.contains_key("managed") => {
            let name = m.get("managed").and_then(Value::as_str).unwrap_or("");
            match managed.map(|all| all.lookup(name)) {
                Some(Ok(p)) => {
                    notes.push(format!(
                        "sent: the document of the AWS managed policy `{}` ({}, updated {}) as built into the playground",
                        p.name, p.version_id, p.updated
                    ));
                    // The data file keeps documents compact and in AWS's key order.
                    Some(p.document.to_string())
                }
                Some(Err(_)) => {
                    notes.push(format!(
                        "not sent: `{name}`, which is not an AWS managed policy"
                    ));
                    None
                }
                None => {
                    notes.push(format!(
                        "not sent: the managed policy `{name}` (its document is not loaded here)"
                    ));
                    None
                }
            }
        }
        Value::Object(m) if m.contains_key("document") => m.get("document").map(|d| match d {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        Value::Object(_) => Some(policy.to_string()),
        _ => None,
    }
}

/// A `ContextEntries` member for one context key, its type from the value and the key.
fn context_entry(key: &str, value: &Value) -> Option<Value> {
    let (values, list) = match value {
        Value::Array(items) => (items.clone(), true),
        other => (vec![other.clone()], false),
    };
    let first = values.first()?;
    let lower = key.to_ascii_lowercase();
    let base = match first {
        Value::Bool(_) => "boolean",
        Value::Number(_) => "numeric",
        _ if lower == "aws:sourceip" || lower.ends_with(":sourceip") => "ip",
        _ if lower == "aws:currenttime" || lower == "aws:tokenissuetime" => "date",
        _ if lower == "aws:epochtime" => "numeric",
        _ if lower == "aws:multifactorauthpresent"
            || lower == "aws:securetransport"
            || lower == "aws:viaawsservice" =>
        {
            "boolean"
        }
        _ => "string",
    };
    let strings: Vec<Value> = values
        .iter()
        .map(|v| match v {
            Value::String(s) => Value::String(s.clone()),
            other => Value::String(other.to_string()),
        })
        .collect();
    Some(serde_json::json!({
        "ContextKeyName": key,
        "ContextKeyValues": strings,
        "ContextKeyType": if list { format!("{base}List") } else { base.to_string() },
    }))
}

/// Quotes a word for a POSIX shell: single quotes, a `'` inside written `'\''`.
pub fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        for (word, quoted) in [
            ("abc", "'abc'"),
            ("", "''"),
            ("it's", r"'it'\''s'"),
            ("$HOME `x` \\n", "'$HOME `x` \\n'"),
            ("{\"a\": \"b c\"}", "'{\"a\": \"b c\"}'"),
        ] {
            assert_eq!(quote(word), quoted, "{word}");
        }
    }

    #[test]
    fn full_command() {
        let text = r#"{
          "policies": {
            "identity": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "O'Brien"}}}}],
            "permissionsBoundary": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}},
            "resource": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}},
            "scp": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}],
            "session": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
          },
          "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
            "resource": "arn:aws:s3:::b/k", "resourceAccount": "444455556666",
            "context": {"aws:SourceIp": "203.0.113.5", "aws:TagKeys": ["a", "b"], "aws:MultiFactorAuthPresent": true}}
        }"#;
        let cmd = simulate_custom_policy_command(text);
        assert!(
            cmd.contains("# not sent: service control policies (SCPs)"),
            "{cmd}"
        );
        assert!(cmd.contains("# not sent: the session policy"), "{cmd}");
        assert!(
            cmd.contains(r#"--policy-input-list '{"Statement""#),
            "{cmd}"
        );
        assert!(cmd.contains(r"O'\''Brien"), "{cmd}");
        assert!(
            cmd.contains("--permissions-boundary-policy-input-list '"),
            "{cmd}"
        );
        assert!(cmd.contains("--resource-policy '"), "{cmd}");
        assert!(
            cmd.contains("--caller-arn 'arn:aws:iam::111122223333:user/alice'"),
            "{cmd}"
        );
        assert!(cmd.contains("--action-names 's3:GetObject'"), "{cmd}");
        assert!(cmd.contains("--resource-arns 'arn:aws:s3:::b/k'"), "{cmd}");
        assert!(
            cmd.contains("--resource-owner 'arn:aws:iam::444455556666:root'"),
            "{cmd}"
        );
        assert!(
            cmd.contains(r#""ContextKeyName":"aws:SourceIp","ContextKeyType":"ip""#),
            "{cmd}"
        );
        assert!(
            cmd.contains(r#""ContextKeyType":"stringList","ContextKeyValues":["a","b"]"#),
            "{cmd}"
        );
        assert!(
            cmd.contains(r#""ContextKeyType":"boolean","ContextKeyValues":["true"]"#),
            "{cmd}"
        );
    }

    #[test]
    fn roles_are_not_callers_and_each_request_gets_a_command() {
        let text = r#"{"policies": {"identity": []}, "requests": [
          {"principal": "arn:aws:sts::111122223333:assumed-role/R/s", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b"},
          {"principal": "arn:aws:iam::111122223333:user/u", "action": "iam:PassRole", "resource": "*"}]}"#;
        let cmd = simulate_custom_policy_command(text);
        assert_eq!(
            cmd.matches("aws iam simulate-custom-policy").count(),
            2,
            "{cmd}"
        );
        assert!(cmd.contains("# request 2"));
        assert!(cmd.contains("takes only an IAM user as caller"), "{cmd}");
        assert!(cmd.contains(r#"--policy-input-list '{"Version":"2012-10-17","Statement":[]}'"#));
    }

    #[test]
    fn format_1_1_and_unknown_kinds_are_named() {
        let text = r#"{"policies": {
            "vpcEndpoint": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]},
            "endpoint": {}},
          "request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}"#;
        let cmd = simulate_custom_policy_command(text);
        assert!(
            cmd.contains("# not sent: the VPC endpoint policy; AWS's simulator of custom policies cannot take it\n"),
            "{cmd}"
        );
        assert!(
            cmd.contains(
                "# not sent: `policies.endpoint`, which is not a policy kind this version knows\n"
            ),
            "{cmd}"
        );
        assert!(
            cmd.contains("an unsigned (anonymous) request cannot be simulated"),
            "{cmd}"
        );
        assert!(!cmd.contains("--caller-arn"), "{cmd}");
    }

    #[test]
    fn managed_policies_send_their_document() {
        let managed = crate::aws::managed::tests::real();
        let text = r#"{"policies": {"identity": [{"managed": "AmazonEC2FullAccess"}]},
          "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "iam:PassRole",
          "resource": "arn:aws:iam::111122223333:role/R"}}"#;
        let data = AwsData {
            catalog: None,
            managed: Some(managed),
        };
        let cmd = simulate_custom_policy_command_with(text, data);
        assert!(!cmd.contains("get-policy-version"), "{cmd}");
        assert!(cmd.contains(r#"--policy-input-list '{"#), "{cmd}");
        assert!(cmd.contains(r#""ec2:*""#), "{cmd}");
        assert!(
            cmd.contains("# sent: the document of the AWS managed policy `AmazonEC2FullAccess` (v"),
            "{cmd}"
        );
        // Without the data, the command says what it left out.
        let bare = simulate_custom_policy_command(text);
        assert!(bare.contains("# not sent: the managed policy `AmazonEC2FullAccess`"));
    }

    #[test]
    fn not_json() {
        assert!(simulate_custom_policy_command("{").starts_with("# the scenario is not valid JSON"));
    }
}
