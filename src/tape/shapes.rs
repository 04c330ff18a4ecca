//! The objects a tape's reader knows by shape: the structs of the answers of `evaluate` and
//! `decide`, each with its members in the order serde writes them. A struct named here is
//! written as one word (tag 8: its number and which of its optional members are left out)
//! followed by its members' values, with no member names; the reader builds it as one object
//! literal, its optional members added by name when present (`src/wasm/tape.js`, whose
//! builders are generated from this table by `tests/tape.rs`, which also checks that they
//! are).
//!
//! Why: building an object member by member from names known only at run time is the
//! slowest thing JavaScript does with an answer (V8 sees every object's names pass through
//! one place, and grows each object as it goes), and an explained answer is a hundred or so
//! such objects. Measured in Node on objects of three to ten members: 57-62 ns an object so,
//! 11-15 ns built from a literal.
//!
//! The table is checked as it is used: [`crate::tape::Tape`] compares every member serde
//! hands it with the shape's, and a struct that does not fit its shape (a member renamed,
//! added or moved, or left out when the table says it cannot be) is an error, never a wrong
//! object. `tests/tape.rs` reads every corpus answer's tape back against `serde_json`'s
//! JSON, and asks that every shape here is met there.

use crate::diagnostic::LOCATION_FIELDS;

/// An object the reader knows by shape: see the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The struct's name, as serde gives it to `serialize_struct` (or to
    /// `serialize_tuple_struct` for a struct that hands over its values alone, as a
    /// [`Location`](crate::diagnostic::Location) does).
    pub name: &'static str,
    /// Its members' names, in order.
    pub members: &'static [&'static str],
    /// Which members serde may leave out (`skip_serializing_if`), one bit each, the first
    /// member's the lowest.
    pub optional: u32,
}

impl Shape {
    /// Whether its member at `index` may be left out.
    pub fn is_optional(&self, index: usize) -> bool {
        index < 32 && self.optional >> index & 1 == 1
    }
}

/// How many bits of a shaped object's word name its shape; the rest (28 less these) mark the
/// optional members left out, one bit each, the first member's the lowest.
pub const SHAPE_BITS: u32 = 6;

/// The bits of the members marked `opt`, in order.
const fn optional(flags: &[bool]) -> u32 {
    let (mut mask, mut i) = (0, 0);
    while i < flags.len() {
        if flags[i] {
            mask |= 1 << i;
        }
        i += 1;
    }
    mask
}

/// A shape: its name, then its members, `opt` before those serde may leave out.
macro_rules! shape {
    ($name:literal: $($($opt:ident)? $member:literal),* $(,)?) => {
        Shape {
            name: $name,
            members: &[$($member),*],
            optional: optional(&[$(shape!(@optional $($opt)?)),*]),
        }
    };
    (@optional) => {
        false
    };
    (@optional opt) => {
        true
    };
}

/// The shapes, numbered by their place here (see the [module documentation](self)).
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "Location",
        members: &LOCATION_FIELDS,
        optional: 0,
    },
    shape!(
        "Answer":
        "engineVersion",
        "status",
        opt "name",
        opt "decision",
        "requests",
        "diagnostics",
        "policies",
    ),
    shape!(
        "Brief":
        "engineVersion",
        "status",
        opt "name",
        opt "decision",
        "requests",
        "diagnostics",
    ),
    shape!("BriefRequest": "index", "decision", "decidedBy", "matchedStatements"),
    shape!(
        "DiagnosticOut":
        "severity",
        "code",
        "message",
        opt "help",
        opt "location",
        opt "path",
        opt "snippet",
        opt "replacement",
    ),
    shape!("PolicyRef": "kind", "index", opt "position", opt "name"),
    shape!(
        "PolicyInfo":
        "kind",
        "index",
        opt "position",
        opt "name",
        "label",
        opt "levelName",
        "location",
        "documentLocation",
        "statementCount",
        opt "disabled",
    ),
    shape!("StatementRef": "policy", "statementIndex", opt "sid", "effect", "location"),
    shape!(
        "StatementExplanation":
        "policy",
        "statementIndex",
        opt "sid",
        "effect",
        "location",
        "applies",
        "action",
        "resource",
        opt "principal",
        "conditions",
        "conditionsMet",
    ),
    shape!(
        "RequestResult":
        "index",
        "request",
        "decision",
        "decidedBy",
        "summary",
        "layers",
        "matchedStatements",
        "statements",
        "context",
        "missingContextKeys",
        "authorizationMessage",
        opt "disabledStatements",
        opt "passRoleNote",
    ),
    shape!("PassRoleNote": "summary", "explanation", "learnMore"),
    shape!(
        "RequestInfo":
        "principal",
        "principalType",
        opt "principalAccount",
        "action",
        "resource",
        opt "resourceAccount",
        "crossAccount",
        "location",
    ),
    shape!(
        "LayerResult":
        "layer",
        opt "level",
        opt "levelName",
        "side",
        "status",
        "required",
        "reason",
        "statements",
    ),
    shape!("ElementMatch": "element", "matched", opt "matchedValue", "detail", opt "location"),
    shape!(
        "ConditionResult":
        "operator",
        "key",
        "keyPresent",
        opt "requestValues",
        opt "valueSource",
        "values",
        "outcome",
        "reason",
        "location",
    ),
    shape!(
        "ValueComparison":
        "value",
        opt "resolved",
        opt "variables",
        "matched",
        opt "note",
        "location",
    ),
    shape!("VariableUse": "text", "key", opt "value", "usedDefault"),
    shape!("ContextKeyInfo": "key", "values", "multivalued", "source", opt "derivedFrom"),
    shape!("MissingKey": "key", "referencedBy", "couldChangeDecision"),
    shape!(
        "AuthorizationMessage":
        "allowed",
        "explicitDeny",
        "matchedStatements",
        "failures",
        "context",
    ),
    shape!("Items": "items"),
    shape!("Value": "value"),
    shape!(
        "MatchedStatement":
        "statementId",
        "effect",
        "principals",
        "principalGroups",
        "actions",
        "resources",
        "conditions",
    ),
    shape!("KeyValues": "key", "values"),
    shape!("MessageContext": "principal", "action", "resource", "conditions"),
    shape!("MessagePrincipal": opt "id", opt "name", "arn"),
];

// Every shape's number fits its bits, and every shape's members theirs.
const _: () = {
    assert!(SHAPES.len() <= 1 << SHAPE_BITS);
    let mut i = 0;
    while i < SHAPES.len() {
        assert!(SHAPES[i].members.len() <= (28 - SHAPE_BITS) as usize);
        assert!(SHAPES[i].optional >> SHAPES[i].members.len() == 0);
        i += 1;
    }
};

/// The number of the shape named `name`, by its text.
pub fn number(name: &str) -> Option<u32> {
    SHAPES
        .iter()
        .position(|shape| shape.name == name)
        .map(|at| at as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_members_too() {
        for (i, shape) in SHAPES.iter().enumerate() {
            assert_eq!(number(shape.name), Some(i as u32), "{} twice", shape.name);
            for (j, member) in shape.members.iter().enumerate() {
                assert!(
                    !shape.members[..j].contains(member),
                    "{}.{member} twice",
                    shape.name
                );
            }
        }
        assert_eq!(number("Nothing"), None);
    }
}
