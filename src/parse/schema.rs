//! The JSON Schema (draft 2020-12) of the scenario format, built from the parser's own tables:
//! the members it knows at each level, the policy kinds and how many of each a scenario holds,
//! the rules of each kind (who needs `Principal`, who may omit `Resource`, whose `Sid` IAM
//! checks), the condition operator table, the decision names and the value patterns. Editors
//! use it for completion and checks (`docs/scenario.schema.json`, written by
//! `iam-playground schema`; a test fails when the file and this function disagree).
//!
//! The schema accepts every scenario the engine accepts, and rejects what it can say in JSON
//! Schema of what the engine rejects. The engine has the last word: it checks principal ARNs,
//! condition values against their operator, duplicate Sids, policy variables and more.
//!
//! ```
//! let schema = iam_playground::parse::schema::scenario_schema_text();
//! assert!(schema.contains("\"StringLikeIfExists\""));
//! ```

use super::kinds::{count, level_needs_a_policy, Count};
use super::policy::{
    is_iam_policy, is_organization_policy, names_principal, resource_optional, DOCUMENT_ELEMENTS,
    STATEMENT_ELEMENTS,
};
use super::scenario::{
    DECISIONS, EXPECT_MEMBERS, LEVEL_MEMBERS, NAMED_POLICY_MEMBERS, REQUEST_EXPECT_MEMBERS,
    TOP_LEVEL,
};
use super::values::{
    ACCOUNT_PATTERN, ACTION_PATTERN, POLICY_RESOURCE_PATTERN, REQUEST_ACTION_PATTERN,
    RESOURCE_PATTERN,
};
use crate::decide::conditions::{BaseOperator, Family, SetOperator};
use crate::model::{Effect, PolicyKind};
use crate::tools::ordered_json::J;

/// The JSON Schema dialect of the schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The scenario format version the schema describes.
pub const FORMAT_VERSION: &str = "1.1";

/// The schema as text, as `docs/scenario.schema.json` holds it (two-space indent, final
/// newline).
pub fn scenario_schema_text() -> String {
    let mut text = scenario_schema().pretty("  ", 0);
    text.push('\n');
    text
}

/// The schema of a scenario document.
pub fn scenario_schema() -> J {
    let mut defs: Vec<(String, J)> = Vec::new();
    for kind in PolicyKind::ALL {
        defs.push((def_name(kind, "Policy"), policy(kind)));
        defs.push((def_name(kind, "Document"), document(kind)));
        defs.push((def_name(kind, "Statement"), statement(kind)));
        if count(kind) == Count::Levels {
            defs.push((def_name(kind, "Level"), level(kind)));
        }
    }
    defs.extend([
        ("policies".to_string(), policies()),
        ("managedPolicy".to_string(), managed_policy()),
        ("principal".to_string(), principal(false)),
        ("everyone".to_string(), principal(true)),
        ("actions".to_string(), string_or_list(ACTION_PATTERN, "an action pattern: `*`, or `service:name` with `*` and `?` in the name (case-insensitive)")),
        ("resources".to_string(), string_or_list(POLICY_RESOURCE_PATTERN, "`*`, or an ARN (`arn:partition:service:region:account:resource`, empty parts kept) with `*` and `?` in any part")),
        ("condition".to_string(), condition()),
        ("conditionKeys".to_string(), condition_keys()),
        ("conditionValue".to_string(), scalar_or_list(true, "a condition value: a string, number or boolean, or a non-empty array of them (numbers and booleans compare as written)")),
        ("request".to_string(), request()),
        ("contextValue".to_string(), scalar_or_list(false, "a context value: a string, number or boolean, or an array of them (a multivalued key; binary values base64-encoded)")),
        ("expect".to_string(), expect(true)),
        ("requestExpect".to_string(), expect(false)),
        ("codes".to_string(), string_or_list("", "a diagnostic code, or a non-empty array of codes")),
        ("whatIf".to_string(), what_if()),
        ("switch".to_string(), switch()),
    ]);
    let properties = TOP_LEVEL.iter().map(|&name| (name, top_member(name)));
    J::obj([
        ("$schema", J::str(DIALECT)),
        ("title", J::str(format!("iam-playground scenario (format {FORMAT_VERSION})"))),
        ("description", J::str("One playground state: the policies in force and the request(s) to decide. The same document is the CLI's input, a share link's payload, an embed's content and a test case. Reference: docs/scenario-format.md of the iam-playground project.")),
        ("type", J::str("object")),
        ("properties", J::obj(properties)),
        ("required", strings(["policies"])),
        ("oneOf", J::Arr(vec![required(["request"]), required(["requests"])])),
        ("additionalProperties", J::Bool(false)),
        ("$defs", J::Obj(defs)),
    ])
}

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> J {
    J::Arr(items.into_iter().map(J::str).collect())
}

/// `{"required": [...]}` inside `oneOf`/`not`. The names are also listed in `properties` (as
/// `true`), so that a validator in strict mode (Ajv's `strictRequired`) sees them defined.
fn required<'a>(names: impl IntoIterator<Item = &'a str> + Clone) -> J {
    J::obj([
        (
            "properties",
            J::obj(names.clone().into_iter().map(|n| (n, J::Bool(true)))),
        ),
        ("required", strings(names)),
    ])
}

fn reference(def: &str) -> J {
    J::obj([("$ref", J::str(format!("#/$defs/{def}")))])
}

/// `{"$ref": ..., "description": ...}`.
fn described_ref(def: &str, description: &str) -> J {
    J::obj([
        ("$ref", J::str(format!("#/$defs/{def}"))),
        ("description", J::str(description)),
    ])
}

fn string(description: &str) -> J {
    J::obj([
        ("type", J::str("string")),
        ("description", J::str(description)),
    ])
}

fn patterned(pattern: &str, description: &str) -> J {
    let mut j = string(description);
    if !pattern.is_empty() {
        j.push("pattern", J::str(pattern));
    }
    j
}

fn object<'a>(
    description: &str,
    properties: impl IntoIterator<Item = (&'a str, J)>,
    required_names: &[&str],
) -> J {
    let mut j = J::obj([
        ("type", J::str("object")),
        ("description", J::str(description)),
        ("properties", J::obj(properties)),
    ]);
    if !required_names.is_empty() {
        j.push("required", strings(required_names.iter().copied()));
    }
    j.push("additionalProperties", J::Bool(false));
    j
}

/// A string, or a non-empty array of strings (`Action`, `Resource`, principal values).
fn string_or_list(pattern: &str, description: &str) -> J {
    let item = patterned(pattern, description);
    J::obj([
        ("description", J::str(description)),
        (
            "anyOf",
            J::Arr(vec![
                item.clone(),
                J::obj([
                    ("type", J::str("array")),
                    ("items", item),
                    ("minItems", J::Num("1".into())),
                ]),
            ]),
        ),
    ])
}

/// A string, number or boolean, or an array of them (non-empty when `non_empty`).
fn scalar_or_list(non_empty: bool, description: &str) -> J {
    let scalars = || {
        J::Arr(vec![
            J::obj([("type", J::str("string"))]),
            J::obj([("type", J::str("number"))]),
            J::obj([("type", J::str("boolean"))]),
        ])
    };
    let mut list = J::obj([
        ("type", J::str("array")),
        ("items", J::obj([("anyOf", scalars())])),
    ]);
    if non_empty {
        list.push("minItems", J::Num("1".into()));
    }
    let J::Arr(mut options) = scalars() else {
        return J::Null;
    };
    options.push(list);
    J::obj([
        ("description", J::str(description)),
        ("anyOf", J::Arr(options)),
    ])
}

fn def_name(kind: PolicyKind, what: &str) -> String {
    format!("{}{what}", kind.key())
}

fn top_member(name: &str) -> J {
    match name {
        "$schema" => string("The address of this JSON Schema, for editors (a project extension; the engine ignores it)."),
        "name" => string("A title for the scenario; results and the page show it."),
        "description" => string("Free text about the scenario (a project extension)."),
        "policies" => described_ref("policies", "The policies in force, by kind."),
        "request" => described_ref("request", "The request to decide. A scenario has `request` or `requests`."),
        "requests" => J::obj([
            ("type", J::str("array")),
            ("description", J::str("Several requests decided against the same policies (one API call that AWS authorizes as several checks, such as ec2:RunInstances plus iam:PassRole). A scenario has `request` or `requests`.")),
            ("items", reference("request")),
            ("minItems", J::Num("1".into())),
        ]),
        "expect" => described_ref("expect", "What a test expects: `iam-playground test` compares it with the answer."),
        "whatIf" => described_ref("whatIf", "Policies and statements switched off without deleting them (a project extension)."),
        _ => J::obj::<&str>([]),
    }
}

/// What a policy kind is, for people.
fn kind_description(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "Identity-based policies attached to the principal: the user and its groups, or the role. They grant.",
        PolicyKind::PermissionsBoundary => "The principal's permissions boundary: it limits identity-based grants and grants nothing.",
        PolicyKind::Session => "The session policy passed when the session was created: it limits and grants nothing.",
        PolicyKind::Resource => "The resource-based policy of the requested resource (a bucket policy, a role trust policy, a key policy...). Its statements name a Principal.",
        PolicyKind::Scp => "Service control policies, one entry per level of the organization (root, each OU, the account); they bind the principal's account. Every level must allow. Absent: not in an organization.",
        PolicyKind::Rcp => "Resource control policies, one entry per level of the organization; they bind the resource's account. AWS keeps RCPFullAWSAccess attached, so a level allows what its Deny statements do not deny.",
        PolicyKind::VpcEndpoint => "(Format 1.1) The endpoint policy of the VPC endpoint the request passes through: the request must also be allowed by it, a Deny in it denies, and it grants nothing. Its statements name a Principal. Absent: no endpoint.",
    }
}

fn policies() -> J {
    let properties = PolicyKind::ALL.iter().map(|&kind| {
        let description = kind_description(kind);
        let entry = match count(kind) {
            Count::List => J::obj([
                ("description", J::str(description)),
                (
                    "anyOf",
                    J::Arr(vec![
                        J::obj([
                            ("type", J::str("array")),
                            ("items", reference(&def_name(kind, "Policy"))),
                        ]),
                        reference(&def_name(kind, "Policy")),
                    ]),
                ),
            ]),
            Count::One => described_ref(&def_name(kind, "Policy"), description),
            Count::Levels => J::obj([
                ("type", J::str("array")),
                ("description", J::str(description)),
                ("items", reference(&def_name(kind, "Level"))),
            ]),
        };
        (kind.key(), entry)
    });
    object(
        "The policies in force, by kind; an absent kind means none of that kind.",
        properties,
        &[],
    )
}

/// One POLICY of a kind: a document, a named policy, a JSON string holding a document, or an
/// AWS managed policy by name.
fn policy(kind: PolicyKind) -> J {
    let document = def_name(kind, "Document");
    let as_string = string("The policy document as a JSON string, as AWS APIs return it.");
    let named = object(
        "A named policy, so that results can name it.",
        NAMED_POLICY_MEMBERS.iter().map(|&m| {
            let j = match m {
                "name" => string("The policy's name, shown in results."),
                "document" => J::obj([
                    (
                        "description",
                        J::str("The policy document, or a JSON string holding it."),
                    ),
                    (
                        "anyOf",
                        J::Arr(vec![reference(&document), as_string.clone()]),
                    ),
                ]),
                _ => J::obj::<&str>([]),
            };
            (m, j)
        }),
        &["document"],
    );
    J::obj([
        ("description", J::str(format!("One {}: a policy document, `{{\"name\": ..., \"document\": ...}}`, a JSON string holding a document, or `{{\"managed\": \"Name\"}}`.", kind.label()))),
        (
            "anyOf",
            J::Arr(vec![reference(&document), named, as_string, reference("managedPolicy")]),
        ),
    ])
}

fn managed_policy() -> J {
    object(
        "An AWS managed policy by name, from the playground's snapshot of AWS managed policies (a project extension).",
        [("managed", string("The name of an AWS managed policy, such as AmazonEC2FullAccess (case-sensitive)."))],
        &["managed"],
    )
}

fn level(kind: PolicyKind) -> J {
    let group = object(
        "A level with a name and its policies; any Allow at the level is enough.",
        LEVEL_MEMBERS.iter().map(|&m| {
            let j = match m {
                "name" => string("The level's name, such as `root` or `ou-prod`."),
                "policies" => {
                    let mut j = J::obj([
                        ("type", J::str("array")),
                        (
                            "description",
                            J::str("The policies attached at this level."),
                        ),
                        ("items", reference(&def_name(kind, "Policy"))),
                    ]);
                    if level_needs_a_policy(kind) {
                        j.push("minItems", J::Num("1".into()));
                    }
                    j
                }
                _ => J::obj::<&str>([]),
            };
            (m, j)
        }),
        &["policies"],
    );
    J::obj([
        (
            "description",
            J::str(format!(
                "One level of the organization: a {} or `{{\"name\": ..., \"policies\": [...]}}`.",
                kind.label()
            )),
        ),
        (
            "anyOf",
            J::Arr(vec![reference(&def_name(kind, "Policy")), group]),
        ),
    ])
}

fn document(kind: PolicyKind) -> J {
    let statement = def_name(kind, "Statement");
    let properties = DOCUMENT_ELEMENTS.iter().map(|&element| {
        let j = match element {
            "Version" if is_organization_policy(kind) => J::obj([
                ("description", J::str("The policy language version; AWS Organizations requires 2012-10-17.")),
                ("const", J::str("2012-10-17")),
            ]),
            "Version" => J::obj([
                ("description", J::str("The policy language version: 2012-10-17 (policy variables work) or 2008-10-17 (they are literal text). Without it AWS reads 2008-10-17.")),
                ("enum", strings(["2012-10-17", "2008-10-17"])),
            ]),
            "Id" => string("An identifier for the policy."),
            "Statement" => J::obj([
                ("description", J::str("One statement, or an array of statements.")),
                (
                    "anyOf",
                    J::Arr(vec![
                        reference(&statement),
                        J::obj([("type", J::str("array")), ("items", reference(&statement))]),
                    ]),
                ),
            ]),
            _ => J::obj::<&str>([]),
        };
        (element, j)
    });
    let mut needed = vec!["Statement"];
    if is_organization_policy(kind) {
        needed.insert(0, "Version");
    }
    object(
        &format!("A policy document of {}, as AWS takes it.", kind.label()),
        properties,
        &needed,
    )
}

/// Which elements a statement of `kind` may have.
fn allows_element(kind: PolicyKind, element: &str) -> bool {
    match element {
        "Principal" => names_principal(kind),
        // RCPs take `Principal: "*"` and `Action` only ("RCP syntax").
        "NotPrincipal" => names_principal(kind) && kind != PolicyKind::Rcp,
        "NotAction" => kind != PolicyKind::Rcp,
        _ => true,
    }
}

fn statement(kind: PolicyKind) -> J {
    let effects = strings([Effect::Allow.as_str(), Effect::Deny.as_str()]);
    let properties = STATEMENT_ELEMENTS
        .iter()
        .filter(|e| allows_element(kind, e))
        .map(|&element| {
            let j = match element {
                "Sid" if is_iam_policy(kind) => patterned("^[A-Za-z0-9]*$", "A statement id: IAM accepts ASCII letters and digits only, unique within the policy."),
                "Sid" => string("A statement id; results name statements by it."),
                "Effect" => J::obj([
                    ("description", J::str("Allow or Deny, exactly (case-sensitive).")),
                    ("enum", effects.clone()),
                ]),
                "Principal" if kind == PolicyKind::Rcp => described_ref("everyone", "An RCP applies to every principal: `\"*\"`."),
                "Principal" => described_ref("principal", "Who the statement is for: `\"*\"`, or `{\"AWS\": ...}`, `{\"Service\": ...}`, `{\"Federated\": ...}`, `{\"CanonicalUser\": ...}`."),
                "NotPrincipal" => described_ref("principal", "Everyone except the principals listed (only with Deny)."),
                "Action" => described_ref("actions", "The actions the statement covers."),
                "NotAction" => described_ref("actions", "Every action except those listed."),
                "Resource" => described_ref("resources", "The resources the statement covers."),
                "NotResource" => described_ref("resources", "Every resource except those listed."),
                "Condition" => described_ref("condition", "Conditions: operator → key → value(s); all must hold."),
                _ => J::obj::<&str>([]),
            };
            (element, j)
        });
    let mut j = object(
        &format!("A statement of {}.", kind.label()),
        properties,
        &["Effect"],
    );
    let mut all = Vec::new();
    let one_of = |a: &str, b: &str| J::obj([("oneOf", J::Arr(vec![required([a]), required([b])]))]);
    let not_both = |a: &str, b: &str| J::obj([("not", required([a, b]))]);
    all.push(if allows_element(kind, "NotAction") {
        one_of("Action", "NotAction")
    } else {
        required(["Action"])
    });
    all.push(if resource_optional(kind) {
        not_both("Resource", "NotResource")
    } else {
        one_of("Resource", "NotResource")
    });
    if allows_element(kind, "NotPrincipal") {
        all.push(one_of("Principal", "NotPrincipal"));
        // "AWS JSON policy elements: NotPrincipal": only with Deny.
        all.push(J::obj([
            (
                "if",
                J::obj([
                    (
                        "properties",
                        J::obj([(
                            "Effect",
                            J::obj([("const", J::str(Effect::Allow.as_str()))]),
                        )]),
                    ),
                    ("required", strings(["Effect"])),
                ]),
            ),
            ("then", J::obj([("not", required(["NotPrincipal"]))])),
        ]));
    } else if names_principal(kind) {
        all.push(required(["Principal"]));
    }
    j.push("allOf", J::Arr(all));
    j
}

/// `Principal`: `"*"` or an object of principal types; `everyone`: `"*"` only (RCPs).
fn principal(everyone: bool) -> J {
    let star = J::obj([("const", J::str("*"))]);
    if everyone {
        return J::obj([
            (
                "description",
                J::str("Everyone: `\"*\"` (or `{\"AWS\": \"*\"}`)."),
            ),
            (
                "anyOf",
                J::Arr(vec![
                    star,
                    object(
                        "Everyone.",
                        [(
                            "AWS",
                            J::obj([("description", J::str("Everyone.")), ("const", J::str("*"))]),
                        )],
                        &["AWS"],
                    ),
                ]),
            ),
        ]);
    }
    let properties = super::principal::PRINCIPAL_TYPES.iter().map(|&t| {
        let description = match t {
            "AWS" => "`*`, a 12-digit account id, or the ARN of an account root, user, role, role session or federated user (no partial wildcards).",
            "Service" => "A service principal, such as ec2.amazonaws.com.",
            "Federated" => "An identity provider: accounts.google.com, cognito-identity.amazonaws.com, or a SAML/OIDC provider ARN.",
            "CanonicalUser" => "An S3 canonical user id (64 hexadecimal digits).",
            _ => "",
        };
        (t, string_or_list("", description))
    });
    let mut typed = object("Principals by type.", properties, &[]);
    typed.push("minProperties", J::Num("1".into()));
    J::obj([
        (
            "description",
            J::str("`\"*\"` for everyone, or principals by type."),
        ),
        ("anyOf", J::Arr(vec![star, typed])),
    ])
}

fn family_description(family: Family) -> &'static str {
    match family {
        Family::String => "String operator: compares the key's text with the values (`Like` forms take `*` and `?`; policy variables allowed).",
        Family::Numeric => "Numeric operator: integers and decimals.",
        Family::Date => "Date operator: ISO 8601 dates or epoch seconds.",
        Family::Bool => "Bool: `true` or `false` (policy variables allowed).",
        Family::Binary => "BinaryEquals: base64-encoded bytes.",
        Family::Ip => "IP address operator: IPv4 or IPv6 addresses and CIDR ranges.",
        Family::Arn => "ARN operator: ARNs compared part by part, wildcards per part (policy variables allowed).",
        Family::Null => "Null: `true` means the key must be absent, `false` that it must be present.",
    }
}

/// Every operator name the engine accepts: `[ForAllValues:|ForAnyValue:]Base[IfExists]`
/// (never `NullIfExists`), each with what it does.
fn condition() -> J {
    let mut properties = Vec::new();
    let sets = [
        None,
        Some(SetOperator::ForAllValues),
        Some(SetOperator::ForAnyValue),
    ];
    for set in sets {
        for &base in BaseOperator::ALL {
            for if_exists in [false, true] {
                if base == BaseOperator::Null && if_exists {
                    continue;
                }
                let operator = crate::decide::conditions::Operator {
                    set,
                    base,
                    if_exists,
                };
                let mut text = family_description(base.family()).to_string();
                if base.is_negated() {
                    text.push_str(
                        " Negated: true when no value matches, and when the key is missing.",
                    );
                }
                if if_exists {
                    text.push_str(" IfExists: also true when the key is missing from the request.");
                }
                match set {
                    Some(SetOperator::ForAllValues) => text.push_str(" ForAllValues: every value of the request's key must match (true when the key is missing or empty)."),
                    Some(SetOperator::ForAnyValue) => text.push_str(" ForAnyValue: at least one value of the request's key must match (false when the key is missing)."),
                    None => {}
                }
                properties.push((operator.name(), described_ref("conditionKeys", &text)));
            }
        }
    }
    J::obj([
        ("type", J::str("object")),
        ("description", J::str("Condition operators, each with its keys and values; every operator and key must hold.")),
        ("properties", J::Obj(properties)),
        ("additionalProperties", J::Bool(false)),
    ])
}

fn condition_keys() -> J {
    J::obj([
        ("type", J::str("object")),
        ("description", J::str("Condition keys (case-insensitive, such as aws:SourceIp or iam:PassedToService) and the value(s) any of which may match.")),
        ("additionalProperties", reference("conditionValue")),
    ])
}

fn request() -> J {
    let properties = super::request::MEMBERS.iter().map(|&m| {
        let j = match m {
            "principal" => {
                let mut j = patterned("^[^*?]+$", "Who makes the request: the ARN of an IAM user, role, assumed-role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), federated user or account root; a service principal such as ec2.amazonaws.com; or (format 1.1) \"anonymous\" for an unsigned request. No wildcards.");
                j.push(
                    "examples",
                    strings([
                        "arn:aws:iam::111122223333:user/alice",
                        "arn:aws:sts::111122223333:assumed-role/app-role/app-session",
                        "ec2.amazonaws.com",
                        "anonymous",
                    ]),
                );
                j
            }
            "action" => patterned(REQUEST_ACTION_PATTERN, "One action, service:Action, without wildcards (such as iam:PassRole)."),
            "resource" => patterned(RESOURCE_PATTERN, "The resource ARN, or `*` for actions that take no resource."),
            "resourceAccount" => patterned(ACCOUNT_PATTERN, "The resource's 12-digit account id, where the ARN has none (S3 buckets and objects); otherwise it comes from the ARN."),
            "context" => J::obj([
                ("type", J::str("object")),
                ("description", J::str("Condition keys and their values (key names are case-insensitive). Keys AWS derives from the principal and the resource are filled in when left out; a value given here wins.")),
                ("additionalProperties", reference("contextValue")),
            ]),
            _ => J::obj::<&str>([]),
        };
        (m, j)
    });
    object(
        "A request: who does what on which resource, with which condition keys.",
        properties,
        &["principal", "action", "resource"],
    )
}

fn expect(top: bool) -> J {
    let decisions = strings(DECISIONS.iter().map(|d| d.as_str()));
    let members = if top {
        EXPECT_MEMBERS
    } else {
        REQUEST_EXPECT_MEMBERS
    };
    let properties = members.iter().map(|&m| {
        let j = match m {
            "decision" => J::obj([
                ("description", J::str(if top { "The combined decision: any ExplicitDeny gives ExplicitDeny, else any ImplicitDeny gives ImplicitDeny, else Allow." } else { "This request's decision." })),
                ("enum", decisions.clone()),
            ]),
            "matched" => J::obj([
                ("type", J::str("array")),
                ("description", J::str("The Sids of the statements that decided, as a set: every applicable Allow of the layers that granted (Allow), or every applicable Deny (ExplicitDeny).")),
                ("items", J::obj([("type", J::str("string"))])),
            ]),
            "because" => string("Why this decision is expected, for people; with a denial, what the denial teaches (fix suggestions show it instead of a fix). A project extension."),
            "fixable" => J::obj([
                ("type", J::str("boolean")),
                ("description", J::str("true: an expected denial is the problem the scenario poses, so fixes are suggested for it; by default an expected denial is the scenario's lesson (a project extension).")),
            ]),
            "requests" => J::obj([
                ("type", J::str("array")),
                ("description", J::str("One expectation per request, in order (a project extension).")),
                ("items", reference("requestExpect")),
            ]),
            "error" => string("The scenario must be rejected with this diagnostic code (a project extension)."),
            "errors" => described_ref("codes", "The scenario must be rejected with all these diagnostic codes (a project extension)."),
            "warnings" => described_ref("codes", "These warning codes must be reported beside the decision (a project extension)."),
            _ => J::obj::<&str>([]),
        };
        (m, j)
    });
    object(
        if top {
            "What a test expects of the answer."
        } else {
            "What a test expects of one request."
        },
        properties,
        &[],
    )
}

fn what_if() -> J {
    object(
        "What-if switches (a project extension).",
        [(
            "disabled",
            J::obj([
                ("type", J::str("array")),
                (
                    "description",
                    J::str("Policies and statements switched off without deleting them."),
                ),
                ("items", reference("switch")),
            ]),
        )],
        &[],
    )
}

fn switch() -> J {
    let kinds = strings(PolicyKind::ALL.iter().map(|k| k.key()));
    let leveled = strings(
        PolicyKind::ALL
            .iter()
            .filter(|&&k| count(k) == Count::Levels)
            .map(|k| k.key()),
    );
    let index = |description: &str| {
        J::obj([
            ("type", J::str("integer")),
            ("minimum", J::Num("0".into())),
            ("description", J::str(description)),
        ])
    };
    let properties = super::what_if::SWITCH_MEMBERS.iter().map(|&m| {
        let j = match m {
            "kind" => J::obj([("description", J::str("The policy's kind.")), ("enum", kinds.clone())]),
            "index" => index("Identity: the policy's index in the list; SCP/RCP: the level. Default 0."),
            "position" => index("SCP/RCP only: the policy's index within its level. Default 0."),
            "statement" => index("The statement's index in the policy's Statement (from 0); without it the whole policy is switched off."),
            "name" => string("Ignored (so that a result's `policy` can be copied as a switch)."),
            _ => J::obj::<&str>([]),
        };
        (m, j)
    });
    let mut j = object(
        "One switch: a policy (kind, index, position) or one of its statements.",
        properties,
        &["kind"],
    );
    j.push(
        "if",
        J::obj([(
            "properties",
            J::obj([("kind", J::obj([("enum", leveled)]))]),
        )]),
    );
    j.push("else", J::obj([("not", required(["position"]))]));
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every property of every object in the schema has a description (editors show it).
    #[test]
    fn every_property_is_described() {
        fn walk(j: &J, path: &str, missing: &mut Vec<String>) {
            match j {
                J::Obj(members) => {
                    for (k, v) in members {
                        if k == "if" {
                            continue; // a test, not a place people write
                        }
                        if k == "properties" {
                            if let J::Obj(props) = v {
                                for (name, schema) in props {
                                    let J::Obj(fields) = schema else { continue };
                                    if !fields.iter().any(|(f, _)| f == "description") {
                                        missing.push(format!("{path}/properties/{name}"));
                                    }
                                }
                            }
                        }
                        walk(v, &format!("{path}/{k}"), missing);
                    }
                }
                J::Arr(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{path}/{i}"), missing);
                    }
                }
                _ => {}
            }
        }
        let mut missing = Vec::new();
        walk(&scenario_schema(), "", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn operators_come_from_the_engine_table() {
        let text = scenario_schema_text();
        for op in BaseOperator::ALL {
            assert!(text.contains(&format!("\"ForAnyValue:{}\"", op.name())));
        }
        assert!(text.contains("\"ForAllValues:StringLikeIfExists\""));
        assert!(!text.contains("NullIfExists"));
    }
}
