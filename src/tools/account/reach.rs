//! Many decisions at once: the engine's decision for every principal of an account over a
//! list of requests ("probes"), computed per policy document and composed per principal.
//!
//! An account's principals share most of their policies (managed policies, group policies),
//! so the engine decides each probe once per document, with that document alone in force,
//! and the principal's decision is composed from its documents' decisions by the rule of
//! "Policy evaluation logic" (IAM User Guide) for a principal of the account acting in the
//! account, with no resource-based policy, session policy or SCP:
//!
//! - an applicable Deny in any of its policies (identity-based or the boundary) decides:
//!   explicit deny;
//! - otherwise it is allowed when some identity-based policy allows and, when it has a
//!   permissions boundary, the boundary allows too ("the effective permissions are the
//!   intersection").
//!
//! A document alone decides ExplicitDeny exactly when one of its Deny statements applies, and
//! Allow exactly when one of its Allow statements applies and none of its Deny statements does,
//! so the composition gives the engine's own answer for the whole principal; the tests check
//! it against the engine deciding each principal's full scenario.
//!
//! A document's decisions are shared by every principal it is attached to unless they can
//! differ between principals: a policy variable, or a condition on a key whose value comes
//! from the principal (its ARN, type, name, tags...). Such a document is decided again for
//! each principal.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::scenario::principal_context;
use super::{Account, DocId, InForce};
use crate::decide::context::RequestContext;
use crate::decide::decision::decide_with;
use crate::decide::matching::action::action_matches;
use crate::decide::matching::arn::arn_text_matches;
use crate::decide::matching::resource::resource_matches;
use crate::decide::principal::RequestPrincipal;
use crate::decide::statement::Detail;
use crate::diagnostic::{LineIndex, Span};
use crate::model::{
    ContextEntry, ContextValue, Decision, Effect, Policy, PolicyKind, Request, Scenario, Spanned,
};

/// A fixed-size set of probe indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    pub fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    pub fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    pub fn and_not(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= !b;
        }
    }

    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let b = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(wi * 64 + b)
            })
        })
    }
}

/// One request shape to decide: the principal is filled in per principal.
#[derive(Debug, Clone)]
pub(super) struct Probe {
    pub action: String,
    pub resource: String,
    pub context: Vec<(String, ContextValue)>,
}

/// A statement that allowed a probe: its index in the document and its Sid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Allowing {
    pub index: usize,
    pub sid: Option<String>,
}

/// One document's decisions over the probes.
#[derive(Debug, Clone)]
pub(super) struct Verdicts {
    pub allow: Bits,
    pub deny: Bits,
    /// The first Allow statement for each allowed probe, when asked for.
    pub allowing: HashMap<usize, Allowing>,
}

/// A principal's composed decisions.
#[derive(Debug, Clone)]
pub(super) struct Composed {
    pub allow: Bits,
    /// For each allowed probe (when statements are kept): the identity document and the
    /// statement that allow it.
    pub allowing: HashMap<usize, (DocId, Allowing)>,
}

/// What every set of probes of one account shares: the account, its text's line index (for
/// the engine's statement locations) and which documents depend on the principal.
pub(super) struct Shared<'a> {
    pub account: &'a Account,
    index: LineIndex<'a>,
    /// Keys whose value comes from the principal (lowercase).
    principal_keys: HashSet<String>,
    dependent: RefCell<HashMap<DocId, bool>>,
    in_force: RefCell<HashMap<usize, Rc<InForce>>>,
    keys: RefCell<HashMap<usize, EntityKey>>,
    /// How many principals each document is in force for.
    usage: HashMap<DocId, usize>,
    contexts: RefCell<HashMap<usize, Rc<RequestContext>>>,
}

impl<'a> Shared<'a> {
    pub fn new(account: &'a Account) -> Shared<'a> {
        let mut principal_keys: HashSet<String> = HashSet::new();
        // The keys the engine derives from each kind of principal.
        let mut kinds_seen = HashSet::new();
        for p in &account.principals {
            if !kinds_seen.insert(p.kind) {
                continue;
            }
            let request = make_request(&p.arn, "sts:GetCallerIdentity", "*", &[]);
            let principal = RequestPrincipal::parse(&p.arn, None);
            let ctx = crate::decide::context::build(&request, &principal);
            principal_keys.extend(ctx.items().iter().map(|i| i.key.to_ascii_lowercase()));
        }
        for p in &account.principals {
            for (k, _) in &p.tags {
                principal_keys.insert(format!("aws:principaltag/{}", k.to_ascii_lowercase()));
            }
        }
        principal_keys.insert("aws:userid".to_string());
        // The same for every principal of the account acting in it.
        principal_keys.remove("aws:principalaccount");
        principal_keys.remove("aws:resourceaccount");
        let mut shared = Shared {
            account,
            index: LineIndex::new(account.text()),
            principal_keys,
            dependent: RefCell::new(HashMap::new()),
            in_force: RefCell::new(HashMap::new()),
            keys: RefCell::new(HashMap::new()),
            usage: HashMap::new(),
            contexts: RefCell::new(HashMap::new()),
        };
        for who in 0..account.principals.len() {
            let f = shared.in_force(who);
            for d in f.identity.iter().map(|x| x.doc).chain(f.boundary) {
                *shared.usage.entry(d).or_insert(0) += 1;
            }
        }
        shared
    }

    /// The keys of principal `who`'s requests that come from it (derived from its ARN, its
    /// tags), for resolving policy variables (see [`covers_resource`]).
    pub fn context(&self, who: usize) -> Option<Rc<RequestContext>> {
        if let Some(c) = self.contexts.borrow().get(&who) {
            return Some(Rc::clone(c));
        }
        let p = self.account.principals.get(who)?;
        let tags = principal_context(&p.tags, &[]);
        let request = make_request(&p.arn, "iam:PassRole", "*", &tags);
        let principal = RequestPrincipal::parse(&p.arn, None);
        let ctx = Rc::new(crate::decide::context::build(&request, &principal));
        self.contexts.borrow_mut().insert(who, Rc::clone(&ctx));
        Some(ctx)
    }

    /// How many principals document `doc` is in force for.
    pub fn usage(&self, doc: DocId) -> usize {
        self.usage.get(&doc).copied().unwrap_or(0)
    }

    /// Whether document `doc` has a Deny statement.
    pub fn has_deny(&self, doc: DocId) -> bool {
        self.account
            .document(doc)
            .and_then(|d| d.policy.as_ref())
            .is_some_and(|p| p.statements.iter().any(|s| s.effect.value == Effect::Deny))
    }

    /// The policies in force for principal `who` (computed once).
    pub fn in_force(&self, who: usize) -> Rc<InForce> {
        if let Some(f) = self.in_force.borrow().get(&who) {
            return Rc::clone(f);
        }
        let f = Rc::new(self.account.in_force(who));
        self.in_force.borrow_mut().insert(who, Rc::clone(&f));
        f
    }

    /// Whether the document's decisions can differ between principals: a policy variable,
    /// or a condition on a key whose value comes from the principal.
    pub fn is_dependent(&self, doc: DocId) -> bool {
        if let Some(d) = self.dependent.borrow().get(&doc) {
            return *d;
        }
        let Some(policy) = self.account.document(doc).and_then(|d| d.policy.as_ref()) else {
            return false;
        };
        let keys = &self.principal_keys;
        let d = policy.statements.iter().any(|s| {
            let resource_vars = s
                .resource
                .iter()
                .flat_map(|r| r.patterns.iter())
                .any(|p| p.value.contains("${"));
            let conditions = s.conditions.iter().flat_map(|b| b.entries.iter()).any(|e| {
                e.key.value.contains("${")
                    || keys.contains(&e.key.value.as_str().to_ascii_lowercase())
                    || e.values.iter().any(|v| v.value.contains("${"))
            });
            resource_vars || conditions
        });
        self.dependent.borrow_mut().insert(doc, d);
        d
    }

    /// A key that is the same for principals whose decisions are the same on any probes:
    /// the documents in force, unless one of them depends on the principal.
    pub fn entity_key(&self, who: usize) -> EntityKey {
        if let Some(k) = self.keys.borrow().get(&who) {
            return k.clone();
        }
        let in_force = self.in_force(who);
        let docs: Vec<DocId> = in_force.identity.iter().map(|x| x.doc).collect();
        let dependent = docs
            .iter()
            .chain(in_force.boundary.iter())
            .any(|&d| self.is_dependent(d));
        let key = if dependent {
            EntityKey::Own(who)
        } else {
            EntityKey::Docs(docs, in_force.boundary)
        };
        self.keys.borrow_mut().insert(who, key.clone());
        key
    }
}

/// See [`Shared::entity_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum EntityKey {
    /// Decided by these identity documents and this boundary.
    Docs(Vec<DocId>, Option<DocId>),
    /// Decided for this principal only.
    Own(usize),
}

/// Decides a set of probes for an account's principals, sharing what can be shared.
pub(super) struct Reach<'s, 'a> {
    shared: &'s Shared<'a>,
    pub probes: Rc<Vec<Probe>>,
    keep_statements: bool,
    cache: HashMap<(DocId, Option<usize>), Rc<Verdicts>>,
    /// Decisions made by the engine so far.
    pub evaluations: usize,
}

impl<'s, 'a> Reach<'s, 'a> {
    pub fn new(shared: &'s Shared<'a>, probes: Rc<Vec<Probe>>, keep_statements: bool) -> Self {
        Reach {
            shared,
            probes,
            keep_statements,
            cache: HashMap::new(),
            evaluations: 0,
        }
    }

    /// The decisions of document `doc` for principal `who` over the probes `candidates`
    /// selects (the others it cannot decide: implicit deny). With `want`, only the probes and
    /// effects it accepts are asked, and nothing is kept for later.
    fn verdicts(
        &mut self,
        doc: DocId,
        who: usize,
        candidates: &Candidates,
        want: Option<&Want>,
    ) -> Option<Rc<Verdicts>> {
        let account = self.shared.account;
        let policy = account.document(doc)?.policy.as_ref()?;
        let key = (doc, self.shared.is_dependent(doc).then_some(who));
        if want.is_none() {
            if let Some(v) = self.cache.get(&key) {
                return Some(Rc::clone(v));
            }
        }
        let principal = account.principals.get(who)?;
        let n = self.probes.len();
        let mut v = Verdicts {
            allow: Bits::new(n),
            deny: Bits::new(n),
            allowing: HashMap::new(),
        };
        let everything = |_: usize, _: Effect| true;
        let (chosen, relevant) = candidates(doc, who, policy, want.unwrap_or(&everything));
        if !chosen.is_empty() {
            let scenario = Scenario {
                policies: vec![relevant_alone(policy, &relevant)],
                ..Scenario::default()
            };
            self.decide_probes(&scenario, principal, &chosen, &mut v);
        }
        let v = Rc::new(v);
        if want.is_none() {
            self.cache.insert(key, Rc::clone(&v));
        }
        Some(v)
    }

    /// Decides the `chosen` probes for `principal` against `scenario` (one document), into `v`.
    ///
    /// One request with the principal's own keys, its action and resource replaced for each
    /// probe; a probe with context keys of its own gets a request of its own, so that no
    /// probe's keys reach the next one.
    fn decide_probes(
        &mut self,
        scenario: &Scenario,
        principal: &super::Principal,
        chosen: &[usize],
        v: &mut Verdicts,
    ) {
        let base = principal_context(&principal.tags, &[]);
        let mut plain = make_request(&principal.arn, "", "", &base);
        for &i in chosen {
            let Some(probe) = self.probes.get(i) else {
                continue;
            };
            let own;
            let request = if probe.context.is_empty() {
                plain.action.value.clone_from(&probe.action);
                plain.resource.value.clone_from(&probe.resource);
                &plain
            } else {
                let context = principal_context(&principal.tags, &probe.context);
                own = make_request(&principal.arn, &probe.action, &probe.resource, &context);
                &own
            };
            let decided = decide_with(scenario, request, &self.shared.index, Detail::Brief);
            self.evaluations += 1;
            match decided.decision() {
                Decision::Allow => {
                    v.allow.set(i);
                    if self.keep_statements {
                        if let Some(s) = decided.matched.first() {
                            v.allowing.insert(
                                i,
                                Allowing {
                                    index: s.statement_index,
                                    sid: s.sid.clone(),
                                },
                            );
                        }
                    }
                }
                Decision::ExplicitDeny => v.deny.set(i),
                Decision::ImplicitDeny => {}
            }
        }
    }

    /// The decisions of principal `who` (whose policies in force are `in_force`) over the
    /// probes; documents with errors are left out, as in its scenario.
    ///
    /// With `focus`, only the probes it holds matter (the others come out undefined): a
    /// document no other principal has is then asked only what could change the outcome
    /// (its Allow statements where nothing allows yet, its Deny statements anywhere).
    pub fn compose(
        &mut self,
        who: usize,
        in_force: &InForce,
        candidates: &Candidates,
        focus: Option<&Bits>,
    ) -> Composed {
        let n = self.probes.len();
        let mut allow = Bits::new(n);
        let mut deny = Bits::new(n);
        let mut allowing = HashMap::new();
        let mut order: Vec<DocId> = in_force.identity.iter().map(|x| x.doc).collect();
        if focus.is_some() {
            // Shared documents first: their decisions are kept, and often settle the rest.
            order.sort_by_key(|&d| self.shared.usage(d) <= 1);
        }
        for doc in order {
            let v = match focus {
                Some(focus) if self.shared.usage(doc) <= 1 => {
                    let open = {
                        let mut o = focus.clone();
                        o.and_not(&allow);
                        o
                    };
                    if open.is_empty() && !self.shared.has_deny(doc) {
                        continue;
                    }
                    let want =
                        |i: usize, e: Effect| focus.get(i) && (e == Effect::Deny || open.get(i));
                    self.verdicts(doc, who, candidates, Some(&want))
                }
                _ => self.verdicts(doc, who, candidates, None),
            };
            let Some(v) = v else {
                continue;
            };
            if self.keep_statements {
                for i in v.allow.ones() {
                    if !allow.get(i) {
                        if let Some(s) = v.allowing.get(&i) {
                            allowing.insert(i, (doc, s.clone()));
                        }
                    }
                }
            }
            allow.or(&v.allow);
            deny.or(&v.deny);
        }
        // A boundary with errors is left out, as in the principal's scenario.
        if let Some(v) = in_force
            .boundary
            .and_then(|b| self.verdicts(b, who, candidates, None))
        {
            allow.and(&v.allow);
            deny.or(&v.deny);
        }
        allow.and_not(&deny);
        allowing.retain(|i, _| allow.get(*i));
        Composed { allow, allowing }
    }
}

/// The document alone, as an identity-based policy (a boundary's statements mean the same:
/// they allow or deny), with only the statements that are about one of the chosen probes
/// (`relevant`): the others apply to none of them. Statements keep their index, so the
/// allowing statement is named as in the document.
fn relevant_alone(policy: &Policy, relevant: &[bool]) -> Policy {
    Policy {
        kind: PolicyKind::Identity,
        index: 0,
        position: None,
        name: policy.name.clone(),
        version: policy.version,
        id: policy.id.clone(),
        statements: policy
            .statements
            .iter()
            .zip(relevant.iter().chain(std::iter::repeat(&true)))
            .filter(|(_, r)| **r)
            .map(|(s, _)| s.clone())
            .collect(),
        span: policy.span,
        document_span: policy.document_span,
        managed: policy.managed.clone(),
    }
}

/// Which probes and statements a question is about: `(probe, effect) -> ask?`.
pub(super) type Want<'w> = dyn Fn(usize, Effect) -> bool + 'w;

/// The probes a document can decide for a principal: those some statement of it (of an
/// effect `want` accepts for that probe) is about; and which of its statements are about one
/// of them.
pub(super) type Candidates<'c> =
    dyn Fn(DocId, usize, &Policy, &Want) -> (Vec<usize>, Vec<bool>) + 'c;

/// Whether statement `s` is about `resource`: its `Resource` covers it (a `NotResource`, or
/// a pattern with a policy variable, may: they count as covering). A statement that is not
/// about the request's action and resource never applies to it, so a policy with no such
/// statement decides nothing (implicit deny) and the engine need not be asked.
///
/// With `vars` (the principal's own keys, for a policy whose version has variables), a pattern
/// with variables is resolved as the engine resolves it; a variable the principal's keys do
/// not give (a key of the request) counts as covering.
pub(super) fn covers_resource(
    s: &crate::model::Statement,
    resource: &str,
    vars: Option<&RequestContext>,
) -> bool {
    match &s.resource {
        None => true,
        Some(el) if el.negated => true,
        Some(el) => el.patterns.iter().any(|p| {
            if p.value == "*" {
                return true;
            }
            if !p.value.contains("${") {
                return arn_text_matches(&p.value, resource);
            }
            match vars {
                Some(ctx) => {
                    let m = resource_matches(&p.value, resource, true, &|k| ctx.single(k));
                    m.matched || m.unresolved
                }
                None => true,
            }
        }),
    }
}

/// Whether statement `s` is about `action` (its `Action` covers it, or its `NotAction` does
/// not list it).
pub(super) fn covers_action(s: &crate::model::Statement, action: &str) -> bool {
    let hit = s
        .action
        .patterns
        .iter()
        .any(|p| action_matches(&p.value, action));
    hit != s.action.negated
}

/// A request of `principal` for `action` on `resource` with `context`.
pub(super) fn make_request(
    principal: &str,
    action: &str,
    resource: &str,
    context: &[(String, ContextValue)],
) -> Request {
    let at = Span::default();
    Request {
        principal: Spanned::new(principal.to_string(), at),
        action: Spanned::new(action.to_string(), at),
        resource: Spanned::new(resource.to_string(), at),
        resource_account: None,
        context: context
            .iter()
            .map(|(k, v)| ContextEntry {
                key: Spanned::new(k.clone(), at),
                value: v.clone(),
            })
            .collect(),
        span: at,
    }
}
