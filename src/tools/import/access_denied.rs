//! AccessDenied error texts, in the forms AWS services print.
//!
//! IAM User Guide, "Troubleshoot access denied error messages": "Most access denied error
//! messages appear in the format `User user is not authorized to perform action on resource
//! because context`." "When a policy explicitly denies access ... AWS includes the phrase `with
//! an explicit deny in a type policy` ... When the policy implicitly denies access, then AWS
//! includes the phrase `because no type policy allows the action action`." and, for SCPs:
//! "When an SCP denies access, the error message always includes the phrase `due to an explicit
//! deny in a Service Control Policy`, even if the denial is implicit." Variants seen in the
//! wild, all handled here:
//!
//! ```text
//! User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action
//! An error occurred (AccessDenied) when calling the CreateBucket operation: User: arn:... is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::bucket" because no identity-based policy allows the s3:CreateBucket action
//! User: arn:... is not authorized to perform: iam:CreateInstanceProfile on resource: arn:... with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/Deny. Go to https://...
//! User: arn:... is not authorized to perform: kms:GenerateDataKey on this resource because no identity-based policy allows the kms:GenerateDataKey action
//! User: arn:... is not authorized to perform: SNS:Publish on resource: arn:... with an explicit deny in a VPC endpoint policy transitively through a service control policy
//! ```
//!
//! Terminals wrap long lines, so whitespace inside an ARN is dropped.

use super::{DenyHint, HintDecision, HintLayer, ImportNote};
use crate::i18n::Msg;

/// What an AccessDenied text says.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub principal: Option<String>,
    pub action: Option<String>,
    pub resource: Option<String>,
    pub hint: Option<DenyHint>,
    pub notes: Vec<ImportNote>,
}

const MARKER: &str = "is not authorized to perform";

/// Where the first AccessDenied sentence starts, if the text has one.
pub(super) fn find(text: &str) -> Option<usize> {
    text.to_ascii_lowercase().find(MARKER)
}

/// Reads the first AccessDenied sentence of `text`.
pub(super) fn parse(text: &str) -> Option<Parsed> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find(MARKER)?;
    let mut out = Parsed::default();

    // How many more sentences follow (logs often repeat them).
    let more = lower
        .get(at + MARKER.len()..)
        .map_or(0, |rest| rest.matches(MARKER).count());
    if more > 0 {
        out.notes.push(ImportNote::info(
            Msg::new(if more == 1 {
                "import.note.more-messages.one"
            } else {
                "import.note.more-messages.other"
            })
            .arg("n", more),
        ));
    }

    // The CLI's wrapper: `An error occurred (AccessDenied) when calling the X operation:`.
    let before = text.get(..at).unwrap_or("");
    let before_lower = lower.get(..at).unwrap_or("");
    if let Some(op) = between(before, before_lower, "when calling the ", " operation") {
        out.notes.push(ImportNote::info(
            Msg::new("import.note.failing-call").arg("operation", op),
        ));
    }

    // The principal: after `User:`, else the word before the marker.
    out.principal = principal(before, before_lower);

    // The action: the first word after `to perform:`.
    let after_start = at + MARKER.len();
    let rest = text.get(after_start..).unwrap_or("");
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let action_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let action = rest
        .get(..action_len)
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';', '"', '\''])
        .to_string();
    out.action = (!action.is_empty()).then_some(action);
    let rest = rest.get(action_len..).unwrap_or("");
    let rest_lower = rest.to_ascii_lowercase();

    // Where the reason starts (`because ...` / `with an explicit deny ...`).
    let reason_at = ["because", "with an explicit deny", "with an implicit deny"]
        .iter()
        .filter_map(|m| rest_lower.find(m))
        .min();
    let head = rest.get(..reason_at.unwrap_or(rest.len())).unwrap_or("");

    // The resource: `on resource: X`, `on resource "X"`, or `on this resource`.
    out.resource = resource(head, &mut out.notes);

    if let Some(r) = reason_at {
        let reason = rest.get(r..).unwrap_or("");
        out.hint = Some(reason_hint(reason, &mut out.notes));
    }
    Some(out)
}

/// The principal of an AccessDenied sentence: after `User:`, else the word before the marker
/// (`before` is the text before it, `before_lower` the same in lowercase).
fn principal(before: &str, before_lower: &str) -> Option<String> {
    match before_lower.rfind("user:") {
        Some(u) => {
            let p: String = before
                .get(u + 5..)
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (!p.is_empty()).then_some(p)
        }
        None => before
            .split_whitespace()
            .last()
            .map(|w| {
                w.trim_matches(|c: char| c == '"' || c == '\'' || c == ':')
                    .to_string()
            })
            .filter(|w| !w.is_empty()),
    }
}

/// The resource of an AccessDenied sentence's head (before its reason).
fn resource(head: &str, notes: &mut Vec<ImportNote>) -> Option<String> {
    let head_lower = head.to_ascii_lowercase();
    if let Some(r) = head_lower.find("on resource") {
        let raw = head.get(r + "on resource".len()..).unwrap_or("");
        let raw = raw.trim_start().trim_start_matches(':').trim();
        let raw = raw.split("\n\n").next().unwrap_or("").trim();
        let raw = raw.trim_end_matches(['.', ',', ';']).trim();
        let raw = raw.trim_matches(|c| c == '"' || c == '\'');
        if raw.starts_with("arn:") || raw == "*" {
            return Some(raw.chars().filter(|c| !c.is_whitespace()).collect());
        } else if !raw.is_empty() {
            notes.push(ImportNote::could_not_infer(
                Msg::new("import.note.resource-not-arn")
                    .arg("raw", raw.split_whitespace().collect::<Vec<_>>().join(" ")),
            ));
        }
    } else if head_lower.contains("on this resource") {
        notes.push(ImportNote::could_not_infer(Msg::new(
            "import.note.this-resource",
        )));
    }
    None
}

/// `before ... X after` → `X` (case-insensitive markers, original text).
fn between<'t>(text: &'t str, lower: &str, start: &str, end: &str) -> Option<&'t str> {
    let s = lower.find(start)? + start.len();
    let e = s + lower.get(s..)?.find(end)?;
    text.get(s..e).map(str::trim).filter(|t| !t.is_empty())
}

fn layer_of(words: &str) -> Option<HintLayer> {
    let w = words.to_ascii_lowercase();
    let table: &[(&str, HintLayer)] = &[
        ("identity-based", HintLayer::Identity),
        ("resource-based", HintLayer::Resource),
        ("permissions boundary", HintLayer::PermissionsBoundary),
        ("permission boundary", HintLayer::PermissionsBoundary),
        ("session", HintLayer::Session),
        ("service control", HintLayer::Scp),
        ("resource control", HintLayer::Rcp),
        ("vpc endpoint", HintLayer::VpcEndpoint),
        ("role trust", HintLayer::RoleTrust),
    ];
    table.iter().find(|(k, _)| w.contains(k)).map(|(_, l)| *l)
}

/// Understands the reason clause.
fn reason_hint(reason: &str, notes: &mut Vec<ImportNote>) -> DenyHint {
    // One line of AWS's words: up to the end of the sentence (a `. ` or the end).
    let flat: String = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence_end = flat.find(". ").map_or(flat.len(), |e| e + 1);
    let words = flat
        .get(..sentence_end)
        .unwrap_or(&flat)
        .trim_end_matches('.')
        .to_string();
    let lower = words.to_ascii_lowercase();
    if let Some(go) = flat.find("Go to https://") {
        let url = flat
            .get(go + "Go to ".len()..)
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or("")
            .trim_end_matches('.');
        notes.push(ImportNote::info(
            Msg::new("import.note.details-link").arg("url", url),
        ));
    }
    if lower.contains("transitively through") {
        notes.push(ImportNote::info(Msg::new("import.note.transitive")));
    }

    let explicit = lower.starts_with("with an explicit deny");
    let (kind_words, policy_arn) = if explicit {
        // `with an explicit deny in a/an/the TYPE[: ARN]`
        let t = words
            .get("with an explicit deny".len()..)
            .unwrap_or("")
            .trim_start();
        let t = t.strip_prefix("in ").unwrap_or(t);
        let t = ["a ", "an ", "the "]
            .iter()
            .find_map(|a| t.strip_prefix(a))
            .unwrap_or(t);
        match t.split_once(": ") {
            Some((k, arn)) => (
                k.to_string(),
                Some(
                    arn.split_whitespace()
                        .next()
                        .unwrap_or("")
                        .trim_end_matches('.')
                        .to_string(),
                )
                .filter(|a| a.starts_with("arn:")),
            ),
            None => (t.to_string(), None),
        }
    } else {
        // `because no TYPE allows the ACTION action`
        let t = lower.strip_prefix("because").unwrap_or(&lower).trim_start();
        let t = t.strip_prefix("no ").unwrap_or(t);
        let k = t.split(" allow").next().unwrap_or(t);
        (k.to_string(), None)
    };
    let layer = layer_of(&kind_words);
    let decision = match (explicit, layer) {
        // "When an SCP denies access, the error message always includes the phrase ... explicit
        // deny in a Service Control Policy, even if the denial is implicit."
        (true, Some(HintLayer::Scp)) => HintDecision::ExplicitOrImplicit,
        (true, _) => HintDecision::ExplicitDeny,
        (false, _) => HintDecision::ImplicitDeny,
    };
    if let Some(arn) = &policy_arn {
        notes.push(ImportNote::info(
            Msg::new("import.note.policy-named").arg("arn", arn),
        ));
    }
    if layer.is_none() {
        notes.push(ImportNote::could_not_infer(
            Msg::new("import.note.which-policy").arg("words", &words),
        ));
    }
    DenyHint::new(decision, layer, policy_arn, Some(words))
}
