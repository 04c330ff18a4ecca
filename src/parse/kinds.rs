//! What the format says about each policy kind: how many a scenario holds and how they are
//! written. Read by the scenario parser, the what-if switches and the JSON Schema.

use crate::model::PolicyKind;

/// How many policies of a kind a scenario holds (and so how `policies.KIND` is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// Any number, in an array (a single policy may stand without the array).
    List,
    /// At most one policy.
    One,
    /// One entry per level of the organization, each a policy or a named group of policies.
    Levels,
}

/// How many policies of `kind` a scenario holds.
pub(crate) fn count(kind: PolicyKind) -> Count {
    match kind {
        PolicyKind::Identity => Count::List,
        PolicyKind::PermissionsBoundary
        | PolicyKind::Session
        | PolicyKind::Resource
        | PolicyKind::VpcEndpoint => Count::One,
        PolicyKind::Scp | PolicyKind::Rcp => Count::Levels,
    }
}

/// Whether every level of this kind has a policy attached: AWS keeps one SCP at every root,
/// OU and account (an RCP level always has `RCPFullAWSAccess`, listed or not).
pub(crate) fn level_needs_a_policy(kind: PolicyKind) -> bool {
    kind == PolicyKind::Scp
}
