//! What a role would give the principal who passes it: the actions the role may do and the
//! principal may not, and whether that is an escalation.
//!
//! The questions come from the role's own Allow statements: each action the statement
//! covers (expanded over the action catalog) on each resource the statement names, as
//! written (`arn:aws:s3:::app-bucket/*`; `*` stays `*`). The engine decides each for the role
//! and for the principal, with no condition key beyond the principal's own, so a role's
//! conditional statements do not count. An action is gained when the role may do it on one of
//! those resources and the principal may not.
//!
//! Escalation: the role is administrative (it may do every action of the catalog on `*`) and
//! the principal is not, or the role gains an IAM action of access level Write or
//! Permissions management (creating users or keys, attaching policies, passing roles...).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::reach::{covers_resource, Bits, EntityKey, Probe, Reach, Shared, Want};
use super::DocId;
use crate::aws::catalog::Catalog;
use crate::decide::matching::arn::parse_arn;
use crate::model::{Decision, Policy, Scenario};

/// How many patterns `gains` lists at most.
pub const MAX_GAINS: usize = 10;

/// How many actions of one service `gains` lists before the next service.
const ACTIONS_PER_SERVICE: usize = 3;

/// Questions about one role document: at most this many (a statement that covers most of
/// the catalog keeps its first resources only).
const MAX_PROBES: usize = 30_000;

struct ActionMeta {
    name: String,
    service: usize,
    /// Permissions management 0, Write 1, Tagging 2, Read 3, List 4.
    rank: u8,
    iam_write: bool,
    /// "Every resource of its type in the account", for `NotResource` and variables.
    every: String,
}

/// The questions drawn from one role document.
struct ProbeSet {
    probes: Rc<Vec<Probe>>,
    /// The catalog action of each probe.
    action_of: Vec<usize>,
    /// Probes on `*` for every catalog action: an administrator's document.
    full: Option<Bits>,
}

pub(super) struct Gains<'s, 'a> {
    shared: &'s Shared<'a>,
    catalog: &'a Catalog,
    actions: Vec<ActionMeta>,
    by_name: HashMap<String, usize>,
    services: Vec<String>,
    /// The actions each action pattern covers.
    patterns: RefCell<HashMap<String, Rc<Bits>>>,
    /// The actions each statement is about, by document and statement position.
    statements: RefCell<HashMap<(DocId, usize), Rc<Bits>>>,
    sets: HashMap<DocId, Rc<ProbeSet>>,
    reaches: HashMap<DocId, Reach<'s, 'a>>,
    composed: HashMap<(DocId, EntityKey), Rc<Bits>>,
    compared: HashMap<(EntityKey, EntityKey), (Vec<String>, bool)>,
    free: RefCell<HashMap<usize, bool>>,
    /// Actions of each service that need a permission.
    totals: RefCell<HashMap<usize, usize>>,
}

fn rank(level: &str) -> u8 {
    if level.contains("Permissions management") {
        0
    } else if level.contains("Write") {
        1
    } else if level.contains("Tagging") {
        2
    } else if level.contains("Read") {
        3
    } else {
        4
    }
}

/// An ARN template of the catalog with the account filled in and every other placeholder
/// `*`: "every resource of this type in the account".
fn fill_template(template: &str, partition: &str, account: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            out.push_str(rest.get(start..).unwrap_or(""));
            return out;
        };
        out.push_str(match after.get(..end).unwrap_or("") {
            "Partition" => partition,
            "Account" => account,
            _ => "*",
        });
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl<'s, 'a> Gains<'s, 'a> {
    pub fn new(shared: &'s Shared<'a>, catalog: &'a Catalog) -> Self {
        let account = shared.account;
        let partition = account
            .principals
            .first()
            .and_then(|p| parse_arn(&p.arn))
            .map_or("aws", |a| a.partition)
            .to_string();
        let account_id = account
            .account_id
            .clone()
            .unwrap_or_else(|| "*".to_string());
        let mut actions = Vec::new();
        let mut services = Vec::new();
        for service in catalog.services() {
            let si = services.len();
            services.push(service.prefix.clone());
            for action in &service.actions {
                let every = catalog
                    .action(&action.full_name)
                    .and_then(|a| a.resource_types().next())
                    .and_then(|rt| rt.templates().next())
                    .map_or_else(
                        || "*".to_string(),
                        |t| fill_template(t, &partition, &account_id),
                    );
                let rank = rank(&action.access_level);
                actions.push(ActionMeta {
                    name: action.full_name.clone(),
                    service: si,
                    rank,
                    iam_write: service.prefix == "iam" && rank <= 1,
                    every,
                });
            }
        }
        let by_name = actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.to_ascii_lowercase(), i))
            .collect();
        Gains {
            shared,
            catalog,
            actions,
            by_name,
            services,
            patterns: RefCell::new(HashMap::new()),
            statements: RefCell::new(HashMap::new()),
            sets: HashMap::new(),
            reaches: HashMap::new(),
            composed: HashMap::new(),
            compared: HashMap::new(),
            free: RefCell::new(HashMap::new()),
            totals: RefCell::new(HashMap::new()),
        }
    }

    /// Decisions the engine made.
    pub fn evaluations(&self) -> usize {
        self.reaches.values().map(|r| r.evaluations).sum()
    }

    /// The catalog actions an action pattern covers.
    fn pattern(&self, pattern: &str) -> Rc<Bits> {
        if let Some(b) = self.patterns.borrow().get(pattern) {
            return Rc::clone(b);
        }
        let mut bits = Bits::new(self.actions.len());
        if pattern.contains(['*', '?']) {
            for a in self.catalog.covered(pattern) {
                if let Some(&i) = self.by_name.get(&a.action.full_name.to_ascii_lowercase()) {
                    bits.set(i);
                }
            }
        } else if let Some(&i) = self.by_name.get(&pattern.to_ascii_lowercase()) {
            bits.set(i);
        }
        let bits = Rc::new(bits);
        self.patterns
            .borrow_mut()
            .insert(pattern.to_string(), Rc::clone(&bits));
        bits
    }

    /// The catalog actions a statement's `Action` covers (`NotAction`: the others).
    fn statement_actions(&self, s: &crate::model::Statement) -> Bits {
        let mut bits = Bits::new(self.actions.len());
        for p in &s.action.patterns {
            bits.or(&self.pattern(&p.value));
        }
        if s.action.negated {
            let mut all = Bits::new(self.actions.len());
            for i in 0..self.actions.len() {
                all.set(i);
            }
            all.and_not(&bits);
            bits = all;
        }
        bits
    }

    /// The probes of `set` that some statement of document `doc` is about (action and
    /// resource): the only ones it can decide.
    fn candidates(
        &self,
        doc: DocId,
        who: usize,
        policy: &Policy,
        set: &ProbeSet,
        want: &Want,
    ) -> (Vec<usize>, Vec<bool>) {
        let about: Vec<Rc<Bits>> = (0..policy.statements.len())
            .map(|k| {
                let cached = self.statements.borrow().get(&(doc, k)).cloned();
                cached.unwrap_or_else(|| {
                    let b = Rc::new(
                        policy
                            .statements
                            .get(k)
                            .map(|s| self.statement_actions(s))
                            .unwrap_or_else(|| Bits::new(0)),
                    );
                    self.statements.borrow_mut().insert((doc, k), Rc::clone(&b));
                    b
                })
            })
            .collect();
        let context = policy
            .version
            .has_variables()
            .then(|| self.shared.context(who))
            .flatten();
        let mut relevant = vec![false; policy.statements.len()];
        let mut chosen = Vec::new();
        for (i, (&a, probe)) in set.action_of.iter().zip(set.probes.iter()).enumerate() {
            let mut hit = false;
            for (k, (bits, s)) in about.iter().zip(&policy.statements).enumerate() {
                if bits.get(a)
                    && want(i, s.effect.value)
                    && covers_resource(s, &probe.resource, context.as_deref())
                {
                    hit = true;
                    if let Some(r) = relevant.get_mut(k) {
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

    /// The questions drawn from role document `y`.
    fn probe_set(&mut self, y: DocId) -> Option<Rc<ProbeSet>> {
        if let Some(s) = self.sets.get(&y) {
            return Some(Rc::clone(s));
        }
        let policy = self.shared.account.document(y)?.policy.as_ref()?;
        let mut probes = Vec::new();
        let mut action_of = Vec::new();
        let mut seen: HashSet<(usize, String)> = HashSet::new();
        let mut on_star: Vec<usize> = Vec::new();
        for s in &policy.statements {
            if s.effect.value != crate::model::Effect::Allow {
                continue;
            }
            let covered: Vec<usize> = self.statement_actions(s).ones().collect();
            let resources: Vec<Option<&str>> = match &s.resource {
                Some(r) if !r.negated => r
                    .patterns
                    .iter()
                    .map(|p| (!p.value.contains("${")).then_some(p.value.as_str()))
                    .collect(),
                _ => vec![None],
            };
            for r in resources {
                for &a in &covered {
                    if probes.len() >= MAX_PROBES {
                        break;
                    }
                    let Some(meta) = self.actions.get(a) else {
                        continue;
                    };
                    let resource = r.unwrap_or(&meta.every);
                    if !seen.insert((a, resource.to_string())) {
                        continue;
                    }
                    if resource == "*" {
                        on_star.push(probes.len());
                    }
                    probes.push(Probe {
                        action: meta.name.clone(),
                        resource: resource.to_string(),
                        context: Vec::new(),
                    });
                    action_of.push(a);
                }
            }
        }
        // An administrator's document: every catalog action on `*`.
        let full = (on_star.len() == self.actions.len() && !self.actions.is_empty()).then(|| {
            let mut b = Bits::new(probes.len());
            for i in on_star {
                b.set(i);
            }
            b
        });
        let probes = Rc::new(probes);
        let set = Rc::new(ProbeSet {
            probes: Rc::clone(&probes),
            action_of,
            full,
        });
        self.sets.insert(y, Rc::clone(&set));
        self.reaches
            .insert(y, Reach::new(self.shared, probes, false));
        Some(set)
    }

    /// What principal `who` may do of the questions of role document `y`.
    fn composed(&mut self, y: DocId, who: usize) -> Option<Rc<Bits>> {
        let key = (y, self.shared.entity_key(who));
        if let Some(b) = self.composed.get(&key) {
            return Some(Rc::clone(b));
        }
        let bits = Rc::new(self.compose(y, who, None)?);
        self.composed.insert(key, Rc::clone(&bits));
        Some(bits)
    }

    /// What principal `who` may do of the questions of role document `y`, for the
    /// questions in `focus` only (the others undefined), or all of them.
    fn compose(&mut self, y: DocId, who: usize, focus: Option<&Bits>) -> Option<Bits> {
        let set = self.probe_set(y)?;
        let mut reach = self.reaches.remove(&y)?;
        let candidates = |doc: DocId, who: usize, p: &Policy, want: &Want| {
            self.candidates(doc, who, p, &set, want)
        };
        let in_force = self.shared.in_force(who);
        let bits = reach.compose(who, &in_force, &candidates, focus).allow;
        self.reaches.insert(y, reach);
        Some(bits)
    }

    /// Whether an action needs no permission at all (the engine allows it with no policy).
    fn is_free(&self, action: usize) -> bool {
        if let Some(f) = self.free.borrow().get(&action) {
            return *f;
        }
        let f = self.actions.get(action).is_some_and(|meta| {
            let asker = self.shared.account.principals.first();
            asker.is_some_and(|p| {
                let request = super::reach::make_request(&p.arn, &meta.name, &meta.every, &[]);
                let index = crate::diagnostic::LineIndex::new("");
                crate::decide::decision::decide_with(
                    &Scenario::default(),
                    &request,
                    &index,
                    crate::decide::statement::Detail::Brief,
                )
                .decision()
                    == Decision::Allow
            })
        });
        self.free.borrow_mut().insert(action, f);
        f
    }

    /// The actions of service `s` that need a permission.
    fn total(&self, s: usize) -> usize {
        if let Some(t) = self.totals.borrow().get(&s) {
            return *t;
        }
        let t = self
            .actions
            .iter()
            .enumerate()
            .filter(|(i, m)| m.service == s && !self.is_free(*i))
            .count();
        self.totals.borrow_mut().insert(s, t);
        t
    }

    /// What `role` may do that `who` may not, as action patterns, and whether that is an
    /// escalation.
    pub fn compare(&mut self, role: usize, who: usize) -> (Vec<String>, bool) {
        let key = (self.shared.entity_key(role), self.shared.entity_key(who));
        if key.0 == key.1 {
            return (Vec::new(), false);
        }
        if let Some(done) = self.compared.get(&key) {
            return done.clone();
        }
        let mut gained: Vec<usize> = Vec::new();
        let mut who_has_any = false;
        let mut role_admin = false;
        let mut who_admin = false;
        let role_force = self.shared.in_force(role);
        for y in role_force.identity.iter().map(|x| x.doc) {
            let (Some(set), Some(r)) = (self.probe_set(y), self.composed(y, role)) else {
                continue;
            };
            if r.is_empty() {
                continue;
            }
            // The principal only matters where the role may.
            let Some(mut p) = self.compose(y, who, Some(&r)) else {
                continue;
            };
            p.and(&r);
            who_has_any |= !p.is_empty();
            for i in r.ones() {
                if !p.get(i) {
                    if let Some(&a) = set.action_of.get(i) {
                        gained.push(a);
                    }
                }
            }
            if let Some(full) = &set.full {
                let holds = |b: &Bits| {
                    let mut missing = full.clone();
                    missing.and_not(b);
                    missing.is_empty()
                };
                if holds(&r) {
                    role_admin = true;
                    who_admin |= holds(&p);
                }
            }
        }
        gained.sort_unstable();
        gained.dedup();
        gained.retain(|&a| !self.is_free(a));
        let escalation = (role_admin && !who_admin)
            || gained
                .iter()
                .any(|&a| self.actions.get(a).is_some_and(|m| m.iam_write));
        let out = (
            self.summarise(&gained, role_admin && !who_has_any),
            escalation,
        );
        self.compared.insert(key, out.clone());
        out
    }

    /// A short list of patterns for the gained actions: `*` for everything, `service:*` for
    /// a whole service, else the service's most powerful actions.
    fn summarise(&self, gained: &[usize], everything: bool) -> Vec<String> {
        if gained.is_empty() {
            return Vec::new();
        }
        if everything {
            return vec!["*".to_string()];
        }
        let mut by_service: HashMap<usize, Vec<usize>> = HashMap::new();
        for &a in gained {
            if let Some(m) = self.actions.get(a) {
                by_service.entry(m.service).or_default().push(a);
            }
        }
        let service_rank = |s: usize| match self.services.get(s).map(String::as_str) {
            Some("iam") => 0,
            Some("sts") => 1,
            Some("organizations") => 2,
            _ => 3,
        };
        let mut order: Vec<(usize, Vec<usize>)> = by_service.into_iter().collect();
        order.sort_by(|a, b| {
            let key = |x: &(usize, Vec<usize>)| {
                (
                    service_rank(x.0),
                    std::cmp::Reverse(x.1.len()),
                    self.services.get(x.0).cloned(),
                )
            };
            key(a).cmp(&key(b))
        });
        let mut out = Vec::new();
        for (s, mut list) in order {
            if out.len() >= MAX_GAINS {
                break;
            }
            let total = self.total(s);
            if list.len() == total {
                out.push(format!(
                    "{}:*",
                    self.services.get(s).map_or("", String::as_str)
                ));
                continue;
            }
            list.sort_by_key(|&a| self.actions.get(a).map(|m| (m.rank, m.name.clone())));
            for a in list.into_iter().take(ACTIONS_PER_SERVICE) {
                if out.len() >= MAX_GAINS {
                    break;
                }
                if let Some(m) = self.actions.get(a) {
                    out.push(m.name.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_the_account_and_star_the_rest() {
        assert_eq!(
            fill_template(
                "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",
                "aws",
                "111122223333"
            ),
            "arn:aws:iam::111122223333:role/*"
        );
        assert_eq!(
            fill_template(
                "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
                "aws",
                "1"
            ),
            "arn:aws:s3:::*/*"
        );
        assert_eq!(
            fill_template("arn:${Partition", "aws", "1"),
            "arn:${Partition"
        );
    }

    #[test]
    fn access_levels_rank_by_power() {
        assert!(rank("Permissions management") < rank("Write"));
        assert!(rank("Write") < rank("Read"));
        assert_eq!(rank("Write, Tagging"), 1);
    }
}
