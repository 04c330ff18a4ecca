//! The PassRole map: who may pass which role to which service, and what the role would give
//! them.
//!
//! For every principal of the account (users and roles, not service-linked roles) and every
//! role whose trust policy lets a service principal assume it, the engine decides
//! `iam:PassRole` on the role with `iam:PassedToService` set to that service, with the
//! principal's policies in force, its permissions boundary and its tags
//! (`aws:PrincipalTag/...`). Passing a role is how a principal hands a service permissions
//! ("Grant a user permissions to pass a role to an AWS service", IAM User Guide), so every
//! allowed row says what the role can do that the principal cannot:
//!
//! - `gains`: a short list of action patterns, from the action catalog: each catalog action is
//!   decided for the role and for the principal on every resource of its type in the account
//!   (`arn:aws:s3:::*`, `arn:aws:iam::111122223333:role/*`...), with no condition key beyond
//!   the principal's own; a service whose every action the role may do and the principal none
//!   shows as `service:*`, others by their actions;
//! - `escalation`: the role is administrative (every catalog action) and the principal is
//!   not, or the role may do an IAM write or permissions-management action the principal
//!   may not.
//!
//! `iam:AssociatedResourceARN` is not set (the resource the role would be attached to is not
//! known): statements that require it do not count.

use serde::Serialize;

use super::gains::Gains;
use std::rc::Rc;

use super::reach::{covers_action, covers_resource, Composed, Probe, Reach, Shared, Want};
use super::{Account, EntityKind};
use crate::aws::catalog::Catalog;
use crate::i18n::{Lang, Msg};
use crate::model::{ContextValue, Policy};

/// The statement that allows a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowStatement {
    /// The policy's name in the account (`alice/inline/PassAnything`).
    pub policy: String,
    /// The statement's `Sid`, if any.
    pub sid: Option<String>,
    /// Its index in the policy's `Statement` list.
    pub index: usize,
}

/// One allowed pass: `principal` may pass `role` to `service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassRoleRow {
    /// The principal's ARN.
    pub principal: String,
    /// The role's ARN.
    pub role: String,
    /// The service principal (`ec2.amazonaws.com`).
    pub service: String,
    /// The identity-based statement that allows it.
    pub statement: RowStatement,
    /// Action patterns the role may do and the principal may not.
    pub gains: Vec<String>,
    /// True when the role is administrative or may write IAM where the principal may not.
    pub escalation: bool,
}

/// A principal the map could not fully read: its kind, its name, what it leaves out.
type LeftOut = (EntityKind, String, Vec<Msg>);

/// The PassRole map of an account.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassRoleMap {
    /// The allowed passes, sorted by principal, role and service.
    pub rows: Vec<PassRoleRow>,
    /// Principals considered.
    pub principals: usize,
    /// Roles a service may assume (service-linked roles aside).
    pub roles: usize,
    /// Role and service pairs.
    pub pairs: usize,
    /// What the map could not take into account, one sentence each (in English until
    /// [`PassRoleMap::localize`]).
    pub notes: Vec<String>,
    /// The notes as catalog messages: each principal's kind, name and what it leaves out.
    #[serde(skip)]
    note_msgs: Vec<LeftOut>,
    /// Decisions the engine made.
    #[serde(skip)]
    pub evaluations: usize,
}

/// Where the computation is: `stage` (`passrole`, then `gains`), `done` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// `passrole` or `gains`.
    pub stage: &'static str,
    /// Units done.
    pub done: usize,
    /// Units in the stage.
    pub total: usize,
}

impl PassRoleMap {
    /// Computes the map; `progress` hears where it is.
    pub fn compute(
        account: &Account,
        catalog: &Catalog,
        progress: &mut dyn FnMut(Progress),
    ) -> PassRoleMap {
        let (targets, roles) = pass_targets(account);
        let shared = Shared::new(account);
        let probes = Rc::new(passrole_probes(account, &targets));
        let mut reach = Reach::new(&shared, Rc::clone(&probes), true);
        let askers: Vec<usize> = (0..account.principals.len())
            .filter(|&i| {
                account
                    .principals
                    .get(i)
                    .is_some_and(|p| !p.is_service_linked())
            })
            .collect();
        let (allowed, note_msgs) = allowed_passes(&shared, &mut reach, &probes, &askers, progress);
        let mut gains = Gains::new(&shared, catalog);
        let mut rows = rows_with_gains(account, &targets, &allowed, &mut gains, progress);
        let evaluations = reach.evaluations + gains.evaluations();
        rows.sort_by(|a, b| {
            (&a.principal, &a.role, &a.service).cmp(&(&b.principal, &b.role, &b.service))
        });
        PassRoleMap {
            rows,
            principals: askers.len(),
            roles,
            pairs: targets.len(),
            notes: note_msgs.iter().map(|n| note(n, Lang::En)).collect(),
            note_msgs,
            evaluations,
        }
    }

    /// Renders the notes in `lang` (the rows are names and codes).
    pub fn localize(&mut self, lang: Lang) {
        self.notes = self.note_msgs.iter().map(|n| note(n, lang)).collect();
    }
}

/// "role web: `arn`: neither the file nor …", the items joined as `lang` joins them.
fn note((kind, name, left_out): &LeftOut, lang: Lang) -> String {
    let sep = crate::i18n::message(lang, "account.left-out.separator", &[]);
    let items: Vec<String> = left_out.iter().map(|m| m.render(lang)).collect();
    Msg::new("account.passrole.left-out")
        .phrase("kind", super::scenario::kind_word(*kind))
        .arg("name", name)
        .arg("items", items.join(&sep))
        .render(lang)
}

/// The role and service pairs (a role's index among the principals, a service it trusts),
/// and how many roles they name.
fn pass_targets(account: &Account) -> (Vec<(usize, String)>, usize) {
    let mut targets: Vec<(usize, String)> = Vec::new();
    let mut roles = 0;
    for (i, r) in account.principals.iter().enumerate() {
        if r.kind != EntityKind::Role || r.is_service_linked() || r.trusted_services.is_empty() {
            continue;
        }
        roles += 1;
        targets.extend(r.trusted_services.iter().map(|s| (i, s.clone())));
    }
    (targets, roles)
}

/// One `iam:PassRole` probe per target: the role as resource, the service as
/// `iam:PassedToService`.
fn passrole_probes(account: &Account, targets: &[(usize, String)]) -> Vec<Probe> {
    targets
        .iter()
        .filter_map(|(i, service)| {
            Some(Probe {
                action: "iam:PassRole".to_string(),
                resource: account.principals.get(*i)?.arn.clone(),
                context: vec![(
                    "iam:PassedToService".to_string(),
                    ContextValue::Single(service.clone()),
                )],
            })
        })
        .collect()
}

/// The probes a document can decide: a document decides only the passes some statement of
/// it (about `iam:PassRole`, of a wanted effect, covering the role) is about.
fn passrole_candidates(
    shared: &Shared,
    probes: &[Probe],
    who: usize,
    p: &Policy,
    want: &Want,
) -> (Vec<usize>, Vec<bool>) {
    let context = p
        .version
        .has_variables()
        .then(|| shared.context(who))
        .flatten();
    let mut relevant = vec![false; p.statements.len()];
    let mut chosen = Vec::new();
    let about: Vec<(usize, &crate::model::Statement)> = p
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| covers_action(s, "iam:PassRole"))
        .collect();
    if about.is_empty() {
        return (chosen, relevant);
    }
    for (i, probe) in probes.iter().enumerate() {
        let mut hit = false;
        for (k, s) in &about {
            if want(i, s.effect.value) && covers_resource(s, &probe.resource, context.as_deref()) {
                hit = true;
                if let Some(r) = relevant.get_mut(*k) {
                    *r = true;
                }
            }
        }
        if hit {
            chosen.push(i);
        }
    }
    (chosen, relevant)
}

/// Each asker's allowed passes (those with at least one), and a note for each asker whose
/// policies in force could not all be read.
fn allowed_passes(
    shared: &Shared,
    reach: &mut Reach,
    probes: &[Probe],
    askers: &[usize],
    progress: &mut dyn FnMut(Progress),
) -> (Vec<(usize, Composed)>, Vec<LeftOut>) {
    let account = shared.account;
    let only_passrole =
        |_, who: usize, p: &Policy, want: &Want| passrole_candidates(shared, probes, who, p, want);
    let mut notes = Vec::new();
    let mut allowed: Vec<(usize, Composed)> = Vec::new();
    for (n, &who) in askers.iter().enumerate() {
        progress(Progress {
            stage: "passrole",
            done: n,
            total: askers.len(),
        });
        let in_force = shared.in_force(who);
        if !in_force.is_complete() {
            if let Some(p) = account.principals.get(who) {
                notes.push((p.kind, p.name.clone(), in_force.left_out.clone()));
            }
        }
        let composed = reach.compose(who, &in_force, &only_passrole, None);
        if !composed.allow.is_empty() {
            allowed.push((who, composed));
        }
    }
    (allowed, notes)
}

/// The rows of the allowed passes, each with what the role would give its principal.
fn rows_with_gains(
    account: &Account,
    targets: &[(usize, String)],
    allowed: &[(usize, Composed)],
    gains: &mut Gains,
    progress: &mut dyn FnMut(Progress),
) -> Vec<PassRoleRow> {
    let total: usize = allowed.iter().map(|(_, c)| c.allow.count()).sum();
    let mut rows = Vec::with_capacity(total);
    for (who, c) in allowed {
        let Some(principal) = account.principals.get(*who) else {
            continue;
        };
        for t in c.allow.ones() {
            if rows.len() % 64 == 0 {
                progress(Progress {
                    stage: "gains",
                    done: rows.len(),
                    total,
                });
            }
            let (Some((role, service)), Some((doc, s))) = (targets.get(t), c.allowing.get(&t))
            else {
                continue;
            };
            let Some(role_p) = account.principals.get(*role) else {
                continue;
            };
            let (list, escalation) = gains.compare(*role, *who);
            rows.push(PassRoleRow {
                principal: principal.arn.clone(),
                role: role_p.arn.clone(),
                service: service.clone(),
                statement: RowStatement {
                    policy: account
                        .document(*doc)
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    sid: s.sid.clone(),
                    index: s.index,
                },
                gains: list,
                escalation,
            });
        }
    }
    progress(Progress {
        stage: "gains",
        done: total,
        total,
    });
    rows
}
