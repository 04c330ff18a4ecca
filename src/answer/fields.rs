//! How the answer's references are serialized, by hand: [`PolicyRef`] and [`StatementRef`],
//! and the two objects that carry one's members among their own, [`PolicyInfo`] (a policy's
//! `kind`, `index`, `position`, `name`, then its label and places) and
//! [`StatementExplanation`] (a statement's `policy`, `statementIndex`, `sid`, `effect`,
//! `location`, then how it matched).
//!
//! Derived with `#[serde(flatten)]`, those two were handed to the serializer as maps, not
//! structs: every member's name came as text rather than as a name known to the program, and
//! the tape (`src/tape.rs`) wrote each name out in full, every time, for JavaScript to slice
//! and intern again. Written here as structs, the JSON is the same, member for member and in
//! the same order (`serde_json` writes a struct and a map alike; the tests below and
//! `tests/tape.rs` check it), and the tape hands them over by shape like every other struct
//! of an answer (`src/tape/shapes.rs`): their values alone. Measured when the tape named
//! members by number (before shapes): the explained PassRole answer written as a tape
//! natively, 229.3K -> 224.7K instructions (cachegrind); the deciding module's `evaluate` over
//! the corpus in Node, 0.94-0.95x the time (alternating passes of both builds, both orders).
//!
//! One list of members per type: the flattened ones write theirs through the same function
//! the type uses for itself ([`PolicyRef::members`], [`StatementRef::members`]).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::answer::result::{PolicyInfo, PolicyRef, StatementExplanation, StatementRef};

impl PolicyRef {
    /// How many members [`PolicyRef::members`] writes at most.
    const MEMBERS: usize = 4;

    /// Writes this reference's members into the object `out` is writing.
    fn members<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("index", &self.index)?;
        optional(out, "position", self.position.as_ref())?;
        optional(out, "name", self.name.as_ref())
    }
}

/// Writes a member that may be left out: left out, serde's `skip_field` says so, as a derived
/// serializer does (the tape checks each struct's members against its shape,
/// `src/tape/shapes.rs`).
fn optional<S: SerializeStruct, T: Serialize + ?Sized>(
    out: &mut S,
    key: &'static str,
    value: Option<&T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => out.serialize_field(key, value),
        None => out.skip_field(key),
    }
}

/// Writes one object: a struct named `name` of at most `len` members, which `members` writes.
fn object<S: Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
    members: impl FnOnce(&mut S::SerializeStruct) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_struct(name, len)?;
    members(&mut out)?;
    out.end()
}

impl Serialize for PolicyRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, "PolicyRef", Self::MEMBERS, |out| {
            self.members(out)
        })
    }
}

impl StatementRef {
    /// How many members [`StatementRef::members`] writes at most.
    const MEMBERS: usize = 5;

    /// Writes this reference's members into the object `out` is writing.
    fn members<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field("policy", &self.policy)?;
        out.serialize_field("statementIndex", &self.statement_index)?;
        optional(out, "sid", self.sid.as_ref())?;
        out.serialize_field("effect", &self.effect)?;
        out.serialize_field("location", &self.location)
    }
}

impl Serialize for StatementRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, "StatementRef", Self::MEMBERS, |out| {
            self.members(out)
        })
    }
}

impl Serialize for PolicyInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, "PolicyInfo", PolicyRef::MEMBERS + 6, |out| {
            self.policy.members(out)?;
            out.serialize_field("label", &self.label)?;
            optional(out, "levelName", self.level_name.as_ref())?;
            out.serialize_field("location", &self.location)?;
            out.serialize_field("documentLocation", &self.document_location)?;
            out.serialize_field("statementCount", &self.statement_count)?;
            optional(out, "disabled", self.disabled.then_some(&true))
        })
    }
}

impl Serialize for StatementExplanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = StatementRef::MEMBERS + 6;
        object(serializer, "StatementExplanation", len, |out| {
            self.statement.members(out)?;
            out.serialize_field("applies", &self.applies)?;
            out.serialize_field("action", &self.action)?;
            out.serialize_field("resource", &self.resource)?;
            optional(out, "principal", self.principal.as_ref())?;
            out.serialize_field("conditions", &self.conditions)?;
            out.serialize_field("conditionsMet", &self.conditions_met)
        })
    }
}

#[cfg(test)]
mod tests {
    //! The hand-written forms against the derived ones they replace (`#[serde(flatten)]`),
    //! kept here as the reference: the same JSON text for every combination of the members
    //! that may be left out.
    use super::*;
    use crate::answer::result::{ConditionResult, ElementMatch};
    use crate::diagnostic::Location;
    use crate::model::{Effect, PolicyKind};

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PolicyRefDerived<'a> {
        kind: PolicyKind,
        index: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: &'a Option<String>,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct StatementRefDerived<'a> {
        policy: PolicyRefDerived<'a>,
        statement_index: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        sid: &'a Option<String>,
        effect: Effect,
        location: Location,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PolicyInfoDerived<'a> {
        #[serde(flatten)]
        policy: PolicyRefDerived<'a>,
        label: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        level_name: &'a Option<String>,
        location: Location,
        document_location: Location,
        statement_count: usize,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        disabled: bool,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct StatementExplanationDerived<'a> {
        #[serde(flatten)]
        statement: StatementRefDerived<'a>,
        applies: bool,
        action: &'a ElementMatch,
        resource: &'a ElementMatch,
        #[serde(skip_serializing_if = "Option::is_none")]
        principal: &'a Option<ElementMatch>,
        conditions: &'a [ConditionResult],
        conditions_met: bool,
    }

    fn derived_ref(p: &PolicyRef) -> PolicyRefDerived<'_> {
        PolicyRefDerived {
            kind: p.kind,
            index: p.index,
            position: p.position,
            name: &p.name,
        }
    }

    fn derived_statement(s: &StatementRef) -> StatementRefDerived<'_> {
        StatementRefDerived {
            policy: derived_ref(&s.policy),
            statement_index: s.statement_index,
            sid: &s.sid,
            effect: s.effect,
            location: s.location,
        }
    }

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

    fn place(at: usize) -> Location {
        Location {
            start: at,
            end: at + 3,
            line: 2,
            column: at + 1,
            end_line: 2,
            end_column: at + 4,
            utf16_start: at,
            utf16_end: at + 3,
        }
    }

    fn element(name: &'static str, matched: bool) -> ElementMatch {
        ElementMatch {
            element: name,
            matched,
            matched_value: matched.then(|| "*".to_owned()),
            detail: format!("{name} detail"),
            detail_msg: None,
            location: matched.then(|| place(40)),
        }
    }

    #[test]
    fn the_same_json_as_the_derived_forms_with_and_without_each_optional_member() {
        let mut checked = 0;
        for (position, name) in [(None, None), (Some(2), Some("Deny \"all\"".to_owned()))] {
            let policy = PolicyRef {
                kind: if position.is_some() {
                    PolicyKind::Scp
                } else {
                    PolicyKind::Identity
                },
                index: 1,
                position,
                name,
            };
            assert_eq!(json(&policy), json(&derived_ref(&policy)));
            for (level_name, disabled) in [(None, false), (Some("Root".to_owned()), true)] {
                let info = PolicyInfo {
                    policy: policy.clone(),
                    label: "identity-based policy 2".to_owned(),
                    label_msg: None,
                    level_name: level_name.clone(),
                    location: place(10),
                    document_location: place(20),
                    statement_count: 3,
                    disabled,
                };
                let derived = PolicyInfoDerived {
                    policy: derived_ref(&info.policy),
                    label: &info.label,
                    level_name: &info.level_name,
                    location: info.location,
                    document_location: info.document_location,
                    statement_count: info.statement_count,
                    disabled,
                };
                assert_eq!(json(&info), json(&derived));
                checked += 1;
            }
            for sid in [None, Some("S1".to_owned())] {
                let statement = StatementRef {
                    policy: policy.clone(),
                    statement_index: 4,
                    sid,
                    effect: Effect::Deny,
                    location: place(30),
                };
                assert_eq!(json(&statement), json(&derived_statement(&statement)));
                for principal in [None, Some(element("Principal", false))] {
                    let explanation = StatementExplanation {
                        statement: statement.clone(),
                        applies: principal.is_none(),
                        action: element("Action", true),
                        resource: element("NotResource", false),
                        principal,
                        conditions: Vec::new(),
                        conditions_met: true,
                    };
                    let derived = StatementExplanationDerived {
                        statement: derived_statement(&explanation.statement),
                        applies: explanation.applies,
                        action: &explanation.action,
                        resource: &explanation.resource,
                        principal: &explanation.principal,
                        conditions: &explanation.conditions,
                        conditions_met: explanation.conditions_met,
                    };
                    assert_eq!(json(&explanation), json(&derived));
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 12);
    }
}
