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

use crate::aws::managed::ManagedPolicies;
use crate::parse::json::{self, Json, JsonKind};
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
///
/// The scenario is read by `parse/json.rs`, as every other door reads it; documents are sent
/// as written (member order and numbers kept), on one line.
pub fn simulate_custom_policy_command_with(scenario_text: &str, data: AwsData) -> String {
    let scenario = match json::parse(scenario_text) {
        Ok(v) => v,
        Err(e) => {
            let at = crate::diagnostic::LineIndex::new(scenario_text)
                .location(e.span.unwrap_or_default());
            return format!(
                "# the scenario is not valid JSON ({}, line {} column {})\n",
                e.message, at.line, at.column
            );
        }
    };
    let sent = Sent::read(scenario_text, &scenario, data.managed);
    let list = scenario.get("requests").and_then(Json::as_array);
    let requests: Vec<&Json> = match (list, scenario.get("request")) {
        (Some(list), _) => list.iter().collect(),
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
        out.push_str(&sent.command(scenario_text, request));
        if i + 1 < requests.len() {
            out.push('\n');
        }
    }
    out
}

/// The policies the command sends (documents on one line), and the notes on what it leaves out.
struct Sent {
    identity: Vec<String>,
    boundary: Option<String>,
    resource: Option<String>,
    notes: Vec<String>,
}

impl Sent {
    fn read(text: &str, scenario: &Json, managed: Option<&ManagedPolicies>) -> Sent {
        let policies = scenario.get("policies");
        let policy = |key: &str| policies.and_then(|p| p.get(key));
        let mut notes = Vec::new();
        let identity: Vec<String> = match policy("identity") {
            Some(p) => match p.as_array() {
                Some(list) => list
                    .iter()
                    .filter_map(|p| document(text, p, managed, &mut notes))
                    .collect(),
                None => document(text, p, managed, &mut notes).into_iter().collect(),
            },
            None => Vec::new(),
        };
        let boundary =
            policy("permissionsBoundary").and_then(|p| document(text, p, managed, &mut notes));
        let resource = policy("resource").and_then(|p| document(text, p, managed, &mut notes));
        for (key, what) in [
            ("scp", "service control policies (SCPs)"),
            ("rcp", "resource control policies (RCPs)"),
            ("session", "the session policy"),
            ("vpcEndpoint", "the VPC endpoint policy"),
        ] {
            if policy(key).is_some_and(|v| !matches!(v.kind, JsonKind::Null)) {
                notes.push(format!(
                    "not sent: {what}; AWS's simulator of custom policies cannot take it"
                ));
            }
        }
        // A reader that meets a policy kind it does not know says so (it never drops it quietly).
        for m in policies.and_then(Json::as_object).unwrap_or_default() {
            if crate::model::PolicyKind::from_key(&m.key).is_none() {
                notes.push(format!(
                    "not sent: `policies.{}`, which is not a policy kind this version knows",
                    m.key
                ));
            }
        }
        if scenario.get("whatIf").is_some() {
            notes.push(
                "not applied: the `whatIf` switches (every policy is sent as written)".to_string(),
            );
        }
        Sent {
            identity,
            boundary,
            resource,
            notes,
        }
    }

    /// The command for one request, after its notes.
    fn command(&self, text: &str, request: &Json) -> String {
        let mut notes = self.notes.clone();
        let mut args: Vec<String> = vec!["aws iam simulate-custom-policy".to_string()];
        if self.identity.is_empty() {
            // PolicyInputList is required: an empty policy stands for "no identity policy".
            args.push(format!(
                "--policy-input-list {}",
                quote(r#"{"Version":"2012-10-17","Statement":[]}"#)
            ));
        } else {
            let list: Vec<String> = self.identity.iter().map(|d| quote(d)).collect();
            args.push(format!("--policy-input-list {}", list.join(" ")));
        }
        if let Some(b) = &self.boundary {
            args.push(format!(
                "--permissions-boundary-policy-input-list {}",
                quote(b)
            ));
        }
        if let Some(r) = &self.resource {
            args.push(format!("--resource-policy {}", quote(r)));
        }
        let field = |key: &str| request.get(key).and_then(Json::as_str);
        match field("principal") {
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
        if let Some(a) = field("action") {
            args.push(format!("--action-names {}", quote(a)));
        }
        if let Some(r) = field("resource") {
            args.push(format!("--resource-arns {}", quote(r)));
        }
        if let Some(acct) = field("resourceAccount") {
            args.push(format!(
                "--resource-owner {}",
                quote(&format!("arn:aws:iam::{acct}:root"))
            ));
        }
        let entries: Vec<serde_json::Value> = request
            .get("context")
            .and_then(Json::as_object)
            .unwrap_or_default()
            .iter()
            .filter_map(|m| context_entry(text, &m.key, &m.value))
            .collect();
        if !entries.is_empty() {
            let json = serde_json::Value::Array(entries).to_string();
            args.push(format!("--context-entries {}", quote(&json)));
        }
        let mut out = String::new();
        for n in &notes {
            out.push_str(&format!("# {n}\n"));
        }
        out.push_str(&args.join(" \\\n  "));
        out.push('\n');
        out
    }
}

/// A value's text as written, on one line: the whitespace between tokens removed (strings,
/// numbers and member order kept).
fn one_line(text: &str, value: &Json) -> String {
    let written = value.span.text(text);
    let mut out = String::with_capacity(written.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in written.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// A policy's document as compact JSON text (a string document as written; an AWS managed
/// policy's document from the loaded data).
fn document(
    text: &str,
    policy: &Json,
    managed: Option<&ManagedPolicies>,
    notes: &mut Vec<String>,
) -> Option<String> {
    match &policy.kind {
        JsonKind::String(s) => Some(s.to_string()),
        JsonKind::Object(_) if policy.get("managed").is_some() => {
            let name = policy.get("managed").and_then(Json::as_str).unwrap_or("");
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
        JsonKind::Object(_) => match policy.get("document") {
            Some(d) => Some(match &d.kind {
                JsonKind::String(s) => s.to_string(),
                _ => one_line(text, d),
            }),
            None => Some(one_line(text, policy)),
        },
        _ => None,
    }
}

/// A `ContextEntries` member for one context key, its type from the value and the key.
fn context_entry(text: &str, key: &str, value: &Json) -> Option<serde_json::Value> {
    let (values, list) = match value.as_array() {
        Some(items) => (items.iter().collect::<Vec<_>>(), true),
        None => (vec![value], false),
    };
    let first = values.first()?;
    let lower = key.to_ascii_lowercase();
    let base = match first.kind {
        JsonKind::Bool(_) => "boolean",
        JsonKind::Number(_) => "numeric",
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
    let strings: Vec<serde_json::Value> = values
        .iter()
        .map(|v| {
            serde_json::Value::String(match &v.kind {
                JsonKind::String(s) => s.to_string(),
                _ => one_line(text, v),
            })
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
        // Documents go as written (member order kept), on one line.
        assert!(
            cmd.contains(r#"--policy-input-list '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"O'\''Brien"}}}}'"#),
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
        let cmd = simulate_custom_policy_command("{\n  \"policies\": [,\n}");
        assert!(
            cmd.starts_with("# the scenario is not valid JSON (")
                && cmd.contains("line 2 column 16"),
            "{cmd}"
        );
    }

    #[test]
    fn strings_stay_whole_on_one_line() {
        let text = "{\"policies\": {\"identity\": [{\"Version\": \"2012-10-17\",\n  \"Statement\": {\"Sid\": \"a \\\" b  c\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}]},\n  \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/u\", \"action\": \"s3:GetObject\", \"resource\": \"*\", \"context\": {\"s3:max-keys\": 1.50}}}";
        let cmd = simulate_custom_policy_command(text);
        assert!(
            cmd.contains(r#"'{"Version":"2012-10-17","Statement":{"Sid":"a \" b  c","Effect""#),
            "{cmd}"
        );
        assert!(
            cmd.contains(r#""ContextKeyType":"numeric","ContextKeyValues":["1.50"]"#),
            "{cmd}"
        );
    }
}
