//! Redaction before sharing: account ids and the names in ARNs (users, roles, sessions, groups,
//! buckets) are replaced consistently by neutral ones, so a scenario can be shared without
//! naming a real account, and the decision stays the same.
//!
//! ```
//! let text = r#"{"policies": {"identity": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
//!   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-payroll/*"}}]},
//!   "request": {"principal": "arn:aws:iam::987654321098:user/jdoe", "action": "s3:GetObject",
//!   "resource": "arn:aws:s3:::acme-payroll/2024.csv"}}"#;
//! let out = iam_playground::tools::redact::redact(text).unwrap();
//! assert!(!out.contains("987654321098") && !out.contains("jdoe") && !out.contains("acme-payroll"));
//! assert!(out.contains("arn:aws:iam::111122223333:user/user-1"));
//! ```
//!
//! The text is rewritten in place: only the insides of string values change, so the layout,
//! the key order and everything else stay as written. JSON keys, `Sid`, `Action`, `NotAction`,
//! `Effect`, `Version`, managed policy names and `expect` are never touched.
//!
//! Why the decision stays the same: a replacement is one-to-one and applied to whole tokens
//! (text between `/` and `:`), everywhere at once, so an exact comparison that was equal stays
//! equal, and a policy variable (`${aws:username}`) resolves to the replaced name as the
//! resource holding it is replaced too. Wildcard patterns are the risk: `role/app-*` matches
//! `app-prod` but would not match `role-1`. So a value is left as it is when any literal
//! fragment of a wildcard pattern occurs in it (`app-` in `app-prod`), or when a pattern
//! could match the replacement but not the original (`???`, `r*`), or when the same name is
//! written with different case elsewhere (`StringEqualsIgnoreCase`). The test over the whole
//! corpus (tests/redact.rs) checks that every decision and every matched statement are the
//! same after redaction. The documents of AWS managed policies (`{"managed": "Name"}`) are
//! not in the text, so what they spell is kept and their patterns count ([`redact_with`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::json::{self, Json, JsonKind};
use crate::AwsData;

/// Documentation account ids (from the AWS documentation), used first as replacements. An
/// original scenario that already uses one keeps it: they are public.
pub const DOC_ACCOUNTS: [&str; 3] = ["111122223333", "444455556666", "123456789012"];

/// Value keys whose strings are never changed (they name actions or are not user data).
const SKIP_KEYS: [&str; 6] = ["Sid", "Action", "NotAction", "Effect", "Version", "managed"];

/// Words that are part of ARN syntax: never treated as names.
const RESERVED: [&str; 16] = [
    "arn",
    "aws",
    "aws-cn",
    "aws-us-gov",
    "iam",
    "sts",
    "s3",
    "root",
    "user",
    "role",
    "group",
    "assumed-role",
    "federated-user",
    "instance-profile",
    "policy",
    "*",
];

/// Replaces account ids and names consistently; returns the redacted scenario text, or the
/// reader's located error when the text is not JSON. A scenario that names an AWS managed
/// policy needs [`redact_with`] and the managed policies.
pub fn redact(scenario_text: &str) -> Result<String, Diagnostic> {
    redact_with(scenario_text, AwsData::default())
}

/// [`redact`] with the AWS data a host has. The documents of the AWS managed policies the
/// scenario names (`{"managed": "Name"}`) are not in its text, so they are never rewritten:
/// every name and account id they spell is kept as it is, and their wildcard patterns protect
/// the values they match, as the scenario's own patterns do. Without the managed policies, a
/// scenario that names one is refused (`redact-managed-not-loaded`): the decision could
/// change unseen.
pub fn redact_with(scenario_text: &str, data: AwsData) -> Result<String, Diagnostic> {
    let root = json::parse(scenario_text)?;
    let mut seen = Seen::default();
    let mut managed_names = Vec::new();
    walk(&root, &[], &mut |path, s| {
        if path.last().is_some_and(|k| k == "managed") {
            managed_names.push(s.to_string());
        }
        seen.collect(path, s);
    });
    for name in &managed_names {
        let Some(managed) = data.managed else {
            return Err(Diagnostic::new(
                Severity::Error,
                "redact-managed-not-loaded",
                format!("the scenario names the AWS managed policy `{name}`, whose document is not loaded: redaction cannot check that the decision stays the same"),
            )
            .with_help("redact with the AWS managed policies loaded (the CLI has them built in; the page loads them on demand)"));
        };
        if let Ok(policy) = managed.lookup(name) {
            if let Ok(doc) = json::parse(policy.document) {
                walk(&doc, &[], &mut |path, s| seen.keep(path, s));
            }
        }
    }
    let maps = seen.plan();
    Ok(rewrite_text(scenario_text, &root, &[], &maps))
}

/// What the first pass saw.
#[derive(Default)]
struct Seen {
    /// Every token of every string (to avoid producing one that exists).
    tokens: BTreeSet<String>,
    /// Each token's lowercase form: its first spelling, and whether another spelling occurs.
    spellings: HashMap<String, (String, bool)>,
    /// Account ids in order of appearance.
    accounts: Vec<String>,
    /// The same, for lookups.
    account_set: HashSet<String>,
    /// Names in order of appearance, with the kind of their first place.
    names: Vec<(String, &'static str)>,
    /// The same names, for lookups.
    name_set: HashSet<String>,
    /// Literal fragments of wildcard patterns (lowercase).
    fragments: BTreeSet<String>,
    /// Wildcard tokens as globs (`${...}` as `*`), for the `?` check.
    globs: BTreeSet<String>,
    /// Tokens that are ARN syntax (partition, service, region, resource type).
    structural: BTreeSet<String>,
    /// Tokens (lowercase) of text that is not rewritten (AWS managed policies): a value equal
    /// to one is kept, or a comparison with it would change.
    kept: BTreeSet<String>,
}

/// The checks `plan` makes for every name, prepared once so that each check costs the length
/// of the name, not the size of the scenario.
struct Checks<'a> {
    /// The lowercase tokens of text that stays as it is (managed policies).
    kept: &'a BTreeSet<String>,
    /// The literal fragments of the wildcard patterns.
    fragments: AnyOf,
    /// The wildcard patterns made only of `*` and `?` (`???`, `?*`): they match by length.
    lengths: Lengths,
}

/// The replacements to make.
struct Maps {
    accounts: BTreeMap<String, String>,
    names: BTreeMap<String, String>,
}

impl Seen {
    /// Records the wildcard fragments and `?` globs of a token that is a pattern.
    fn pattern(&mut self, token: &str) {
        let glob = glob_of(token);
        for f in glob.split(['*', '?']).filter(|f| !f.is_empty()) {
            self.fragments.insert(f.to_lowercase());
        }
        if glob.contains('?') {
            self.globs.insert(glob);
        }
    }

    /// A string of text that stays as it is (a managed policy's document).
    fn keep(&mut self, path: &[String], s: &str) {
        let last = path.last().map(String::as_str).unwrap_or("");
        if SKIP_KEYS.contains(&last) {
            return;
        }
        for token in tokens(s) {
            if is_pattern(token) {
                self.pattern(token);
            } else {
                self.kept.insert(token.to_lowercase());
            }
        }
        for id in account_ids(s) {
            self.kept.insert(id.to_string());
        }
    }

    fn collect(&mut self, path: &[String], s: &str) {
        let last = path.last().map(String::as_str).unwrap_or("");
        if path.iter().any(|k| k == "expect") || SKIP_KEYS.contains(&last) {
            return;
        }
        for token in tokens(s) {
            if self.tokens.insert(token.to_string()) {
                match self.spellings.entry(token.to_lowercase()) {
                    std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().1 = true,
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert((token.to_string(), false));
                    }
                }
            }
            if is_pattern(token) {
                self.pattern(token);
            }
        }
        for id in account_ids(s) {
            if self.account_set.insert(id.to_string()) {
                self.accounts.push(id.to_string());
            }
        }
        if last != "name" {
            self.arn_names(s);
        }
    }

    /// The names an ARN spells (users, roles, sessions, paths, buckets, other resources), and
    /// its structural words (partition, service, Region, resource type).
    fn arn_names(&mut self, s: &str) {
        let Some(rest) = s.strip_prefix("arn:") else {
            return;
        };
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        let [partition, service, region, _account, resource] = parts[..] else {
            return;
        };
        for t in [partition, service, region] {
            self.structural.insert(t.to_string());
        }
        let segments: Vec<&str> = resource.split('/').collect();
        let mut add = |name: &str, kind: &'static str| {
            if !name.is_empty() && !is_pattern(name) && self.name_set.insert(name.to_string()) {
                self.names.push((name.to_string(), kind));
            }
        };
        match (service, segments.as_slice()) {
            ("iam" | "sts", [kind, rest @ ..]) if !rest.is_empty() => {
                self.structural.insert(kind.to_string());
                let label = match *kind {
                    "user" => "user",
                    "role" => "role",
                    "group" => "group",
                    "assumed-role" => "role",
                    "federated-user" => "user",
                    "instance-profile" => "profile",
                    _ => return,
                };
                let last_index = rest.len() - 1;
                for (i, seg) in rest.iter().enumerate() {
                    // `assumed-role/ROLE/SESSION`: no path; the others: `PATH.../NAME`.
                    let kind = if *kind == "assumed-role" {
                        if i == 0 {
                            "role"
                        } else {
                            "session"
                        }
                    } else if i == last_index {
                        label
                    } else {
                        "path"
                    };
                    add(seg, kind);
                }
            }
            ("s3", [bucket, ..]) => add(bucket, "bucket"),
            ("iam" | "sts", _) => {}
            // Other services: `TYPE/NAME...` or `TYPE:NAME` (a table, a function, a key), or
            // one bare name (a queue, a topic).
            _ => {
                let pieces: Vec<&str> = resource.split(['/', ':']).collect();
                match pieces.as_slice() {
                    [name] => add(name, "name"),
                    [kind, names @ ..] => {
                        self.structural.insert(kind.to_string());
                        for n in names {
                            add(n, "name");
                        }
                    }
                    [] => {}
                }
            }
        }
    }

    /// Chooses the replacements (only the safe ones).
    fn plan(&self) -> Maps {
        let checks = Checks {
            kept: &self.kept,
            fragments: AnyOf::new(self.fragments.iter().map(String::as_str)),
            lengths: Lengths::new(
                self.globs
                    .iter()
                    .filter(|g| g.bytes().all(|b| b == b'*' || b == b'?')),
            ),
        };
        let mut used: BTreeSet<String> = self.tokens.clone();
        let mut accounts = BTreeMap::new();
        let mut next_doc = DOC_ACCOUNTS
            .iter()
            .filter(|d| !self.account_set.contains(**d));
        let mut generated = 0u64;
        for id in &self.accounts {
            if DOC_ACCOUNTS.contains(&id.as_str()) || !self.safe(&checks, id) {
                continue;
            }
            let candidate = loop {
                let c = match next_doc.next() {
                    Some(d) => d.to_string(),
                    None => {
                        generated += 1;
                        // Distinct 12-digit ids, visibly made up: 100000000001, ...
                        format!("{:012}", 100_000_000_000 + generated)
                    }
                };
                if generated > 10_000 {
                    break None;
                }
                if !used.contains(&c) && checks.safe_replacement(id, &c) {
                    break Some(c);
                }
            };
            if let Some(c) = candidate {
                used.insert(c.clone());
                accounts.insert(id.clone(), c);
            }
        }
        let mut names = BTreeMap::new();
        let mut counters: BTreeMap<&str, usize> = BTreeMap::new();
        for (name, kind) in &self.names {
            // AWS-reserved names carry meaning: `aws-service-role/` marks a service-linked
            // role (exempt from SCPs and RCPs), `AWSServiceRoleFor...`, `aws-reserved/`.
            // Numbers and very short names (versions, `1`, `v2`) may be compared as numbers
            // or be meaningful: only names with a letter and 3 characters or more.
            if name.len() < 3
                || !name.bytes().any(|b| b.is_ascii_alphabetic())
                || RESERVED.contains(&name.as_str())
                || name.to_ascii_lowercase().starts_with("aws")
                || name.contains("amazonaws.com")
                || self.structural.contains(name)
                || account_ids(name).next().is_some()
                || !self.safe(&checks, name)
            {
                continue;
            }
            let mut chosen = None;
            for attempt in 0..200 {
                let n = counters.entry(kind).or_insert(0);
                *n += 1;
                let prefix = if attempt < 100 { *kind } else { "x" };
                let c = format!("{prefix}-{n}");
                if !used.contains(&c) && checks.safe_replacement(name, &c) {
                    chosen = Some(c);
                    break;
                }
            }
            if let Some(c) = chosen {
                used.insert(c.clone());
                names.insert(name.clone(), c);
            }
        }
        Maps { accounts, names }
    }

    /// A value may be replaced: no wildcard fragment occurs in it, it is not written with
    /// another case elsewhere, and no text that stays as it is spells it.
    fn safe(&self, checks: &Checks, value: &str) -> bool {
        let lower = value.to_lowercase();
        let other_case = self
            .spellings
            .get(&lower)
            .is_some_and(|(first, many)| *many || first != value);
        !self.kept.contains(&lower) && !checks.fragments.occurs_in(&lower) && !other_case
    }
}

impl Checks<'_> {
    /// A replacement may be used: no wildcard fragment occurs in it, and every `?` pattern
    /// matches it exactly when it matched the original. (A pattern with a literal fragment
    /// matches neither: the original passed [`Seen::safe`], the replacement the first test.
    /// The others match by length alone.)
    fn safe_replacement(&self, original: &str, replacement: &str) -> bool {
        let lower = replacement.to_lowercase();
        !self.kept.contains(&lower)
            && !self.fragments.occurs_in(&lower)
            && self.lengths.same(original.len(), replacement.len())
    }
}

/// Whether any of a set of byte strings occurs in a text, found in one pass over the text
/// (Aho-Corasick): the trie of the words, each node with the node of its longest proper
/// suffix that is also in the trie, and whether a word ends there or in one of those suffixes.
struct AnyOf {
    /// Per node, its children by byte.
    children: Vec<Vec<(u8, usize)>>,
    /// Per node, the fallback node.
    fail: Vec<usize>,
    /// Per node, whether a word ends at it or at a fallback of it.
    hit: Vec<bool>,
}

impl AnyOf {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> AnyOf {
        let mut children: Vec<Vec<(u8, usize)>> = vec![Vec::new()];
        let mut hit = vec![false];
        for word in words.filter(|w| !w.is_empty()) {
            let mut node = 0;
            for &b in word.as_bytes() {
                node = match child(&children, node, b) {
                    Some(next) => next,
                    None => {
                        children.push(Vec::new());
                        hit.push(false);
                        let next = children.len() - 1;
                        if let Some(c) = children.get_mut(node) {
                            c.push((b, next));
                        }
                        next
                    }
                };
            }
            if let Some(h) = hit.get_mut(node) {
                *h = true;
            }
        }
        let mut fail = vec![0; children.len()];
        let mut queue: VecDeque<usize> = children
            .first()
            .map(|c| c.iter().map(|&(_, n)| n).collect())
            .unwrap_or_default();
        while let Some(node) = queue.pop_front() {
            let kids = children.get(node).cloned().unwrap_or_default();
            for (b, kid) in kids {
                let mut f = fail.get(node).copied().unwrap_or(0);
                while f != 0 && child(&children, f, b).is_none() {
                    f = fail.get(f).copied().unwrap_or(0);
                }
                let target = child(&children, f, b).filter(|&t| t != kid).unwrap_or(0);
                if let Some(slot) = fail.get_mut(kid) {
                    *slot = target;
                }
                if hit.get(target).copied().unwrap_or(false) {
                    if let Some(h) = hit.get_mut(kid) {
                        *h = true;
                    }
                }
                queue.push_back(kid);
            }
        }
        AnyOf {
            children,
            fail,
            hit,
        }
    }

    /// True when one of the words occurs in `text`.
    fn occurs_in(&self, text: &str) -> bool {
        let mut node = 0;
        for &b in text.as_bytes() {
            while node != 0 && child(&self.children, node, b).is_none() {
                node = self.fail.get(node).copied().unwrap_or(0);
            }
            node = child(&self.children, node, b).unwrap_or(0);
            if self.hit.get(node).copied().unwrap_or(false) {
                return true;
            }
        }
        false
    }
}

/// The child of `node` by byte `b`.
fn child(children: &[Vec<(u8, usize)>], node: usize, b: u8) -> Option<usize> {
    children
        .get(node)?
        .iter()
        .find(|&&(c, _)| c == b)
        .map(|&(_, n)| n)
}

/// Patterns made only of `*` and `?`: `??` matches a value of exactly 2 bytes, `?*?` one of at
/// least 2.
struct Lengths {
    /// The lengths of the patterns without `*`.
    exact: HashSet<usize>,
    /// The least lengths of the patterns with a `*`, sorted.
    at_least: Vec<usize>,
}

impl Lengths {
    fn new<'a>(globs: impl Iterator<Item = &'a String>) -> Lengths {
        let mut exact = HashSet::new();
        let mut at_least = Vec::new();
        for g in globs {
            let q = g.bytes().filter(|&b| b == b'?').count();
            if g.contains('*') {
                at_least.push(q);
            } else {
                exact.insert(q);
            }
        }
        at_least.sort_unstable();
        at_least.dedup();
        Lengths { exact, at_least }
    }

    /// Whether every pattern matches a value of `a` bytes exactly when it matches one of `b`.
    fn same(&self, a: usize, b: usize) -> bool {
        let exact_ok = a == b || !(self.exact.contains(&a) || self.exact.contains(&b));
        let reached = |n: usize| self.at_least.partition_point(|&m| m <= n);
        exact_ok && reached(a) == reached(b)
    }
}

/// True for a token holding a wildcard or a policy variable.
fn is_pattern(token: &str) -> bool {
    token.contains('*') || token.contains('?') || token.contains("${")
}

/// A token with its variables as `*` (a variable can stand for anything).
fn glob_of(token: &str) -> String {
    let mut out = String::new();
    let mut rest = token;
    while let Some(i) = rest.find("${") {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push('*');
        rest = match rest.get(i..).and_then(|r| r.find('}')) {
            Some(j) => rest.get(i + j + 1..).unwrap_or(""),
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The tokens of a string: the pieces between `/` and `:`, a `${...}` variable kept whole.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    split_tokens(s)
        .into_iter()
        .map(|(a, b)| s.get(a..b).unwrap_or(""))
}

/// Byte ranges of the tokens of `s`.
fn split_tokens(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'$') if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            Some(b'}') if depth > 0 => depth -= 1,
            Some(b'/' | b':') if depth == 0 => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out
}

/// The 12-digit runs of a string (account ids), not part of a longer number.
fn account_ids(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start == 12 {
                out.push(s.get(start..i).unwrap_or(""));
            }
        } else {
            i += 1;
        }
    }
    out.into_iter()
}

/// Free text (a scenario's or policy's `name`, a `description`): the names being replaced, where
/// they stand as whole words (`iam:PassRole by test-user, imported ...`), so the text does not
/// give away what the ARNs no longer say.
fn free_text(s: &str, maps: &Maps) -> String {
    let is_name_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '=' | '@' | '-');
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(
            maps.names
                .get(word.as_str())
                .map_or(word.as_str(), String::as_str),
        );
        word.clear();
    };
    for c in s.chars() {
        if is_name_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Applies the replacements to one string value.
fn rewrite_value(path: &[String], s: &str, maps: &Maps) -> String {
    let last = path.last().map(String::as_str).unwrap_or("");
    if path.iter().any(|k| k == "expect") || SKIP_KEYS.contains(&last) {
        return s.to_string();
    }
    // Names first (whole tokens), then account ids (12-digit runs).
    let mut named = String::with_capacity(s.len());
    if last == "name" || last == "description" {
        named = free_text(s, maps);
    } else {
        let mut prev = 0;
        for (a, b) in split_tokens(s) {
            named.push_str(s.get(prev..a).unwrap_or(""));
            let token = s.get(a..b).unwrap_or("");
            named.push_str(maps.names.get(token).map(String::as_str).unwrap_or(token));
            prev = b;
        }
        named.push_str(s.get(prev..).unwrap_or(""));
    }
    let mut out = String::with_capacity(named.len());
    let mut rest = named.as_str();
    for id in account_ids(&named) {
        let Some(i) = rest.find(id) else { continue };
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str(maps.accounts.get(id).map(String::as_str).unwrap_or(id));
        rest = rest.get(i + id.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// One string value of a JSON text: its byte range (with the quotes), decoded value, and the
/// keys from the root to it.
struct Literal {
    start: usize,
    end: usize,
    value: String,
    path: Vec<String>,
}

/// The string values of a JSON document read by `parse/json.rs` (keys excluded), with their
/// key paths, in the order written.
fn literals(root: &Json, prefix: &[String]) -> Vec<Literal> {
    fn visit(v: &Json, path: &mut Vec<String>, out: &mut Vec<Literal>) {
        match &v.kind {
            JsonKind::String(s) => out.push(Literal {
                start: v.span.start,
                end: v.span.end,
                value: s.to_string(),
                path: path.clone(),
            }),
            JsonKind::Array(items) => items.iter().for_each(|i| visit(i, path, out)),
            JsonKind::Object(members) => {
                for m in members {
                    path.push(m.key.to_string());
                    visit(&m.value, path, out);
                    path.pop();
                }
            }
            JsonKind::Null | JsonKind::Bool(_) | JsonKind::Number(_) => {}
        }
    }
    let mut out = Vec::new();
    visit(root, &mut prefix.to_vec(), &mut out);
    out
}

/// A string value that holds a JSON object (a policy document written as a string), read.
fn embedded_document(value: &str) -> Option<Json<'_>> {
    if !value.trim_start().starts_with('{') {
        return None;
    }
    json::parse(value).ok().filter(|d| d.as_object().is_some())
}

/// Calls `f` with the key path and the value of every string value (documents in strings too).
fn walk(root: &Json, prefix: &[String], f: &mut dyn FnMut(&[String], &str)) {
    for lit in literals(root, prefix) {
        match embedded_document(&lit.value) {
            Some(doc) => walk(&doc, &lit.path, f),
            None => f(&lit.path, &lit.value),
        }
    }
}

/// `text` (read as `root`) with its string values rewritten; everything else as written.
fn rewrite_text(text: &str, root: &Json, prefix: &[String], maps: &Maps) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = 0;
    for lit in literals(root, prefix) {
        let new = match embedded_document(&lit.value) {
            Some(doc) => rewrite_text(&lit.value, &doc, &lit.path, maps),
            None => rewrite_value(&lit.path, &lit.value, maps),
        };
        out.push_str(text.get(prev..lit.start).unwrap_or(""));
        if new == lit.value {
            out.push_str(text.get(lit.start..lit.end).unwrap_or(""));
        } else {
            out.push_str(&serde_json::Value::String(new).to_string());
        }
        prev = lit.end;
    }
    out.push_str(text.get(prev..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(policy_resource: &str, principal: &str, resource: &str) -> String {
        serde_json::json!({
            "policies": {"identity": [{"Version": "2012-10-17", "Statement": {"Sid": "A",
                "Effect": "Allow", "Action": "iam:PassRole", "Resource": policy_resource}}]},
            "request": {"principal": principal, "action": "iam:PassRole", "resource": resource}
        })
        .to_string()
    }

    #[test]
    fn accounts_and_names_are_replaced_consistently() {
        let text = scenario(
            "arn:aws:iam::987654321098:role/deploy",
            "arn:aws:iam::987654321098:user/jdoe",
            "arn:aws:iam::987654321098:role/deploy",
        );
        let out = redact(&text).unwrap();
        assert!(!out.contains("987654321098"), "{out}");
        assert!(!out.contains("jdoe") && !out.contains("deploy"), "{out}");
        // The same id and name get the same replacement everywhere.
        assert_eq!(
            out.matches("arn:aws:iam::111122223333:role/role-1").count(),
            2,
            "{out}"
        );
        assert!(
            out.contains("arn:aws:iam::111122223333:user/user-1"),
            "{out}"
        );
        assert!(out.contains("\"Sid\":\"A\""));
    }

    #[test]
    fn names_a_wildcard_could_match_are_kept() {
        let text = scenario(
            "arn:aws:iam::*:role/app-*",
            "arn:aws:iam::987654321098:user/jdoe",
            "arn:aws:iam::987654321098:role/app-prod",
        );
        let out = redact(&text).unwrap();
        assert!(out.contains("role/app-prod"), "{out}");
        assert!(!out.contains("jdoe"), "{out}");
    }

    #[test]
    fn documentation_accounts_stay_and_are_not_reused() {
        let text = scenario(
            "*",
            "arn:aws:iam::111122223333:user/a",
            "arn:aws:iam::222233334444:role/b",
        );
        let out = redact(&text).unwrap();
        assert!(out.contains("arn:aws:iam::111122223333:user/"), "{out}");
        assert!(out.contains("arn:aws:iam::444455556666:role/"), "{out}");
    }

    #[test]
    fn question_mark_patterns_keep_their_matches() {
        // `???` matches a 3-letter name; `user-1` has 6 letters, so the name must stay or get
        // a 3-letter replacement: it stays.
        let text = scenario(
            "arn:aws:iam::111122223333:role/???",
            "arn:aws:iam::111122223333:user/a",
            "arn:aws:iam::111122223333:role/ops",
        );
        assert!(redact(&text).unwrap().contains("role/ops"));
    }

    #[test]
    fn policy_documents_in_strings_are_redacted_inside() {
        let doc = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::payroll/*"}}"#;
        let text = serde_json::json!({"policies": {"identity": [doc]},
            "request": {"principal": "arn:aws:iam::987654321098:user/x", "action": "s3:GetObject",
            "resource": "arn:aws:s3:::payroll/a"}})
        .to_string();
        let out = redact(&text).unwrap();
        assert!(!out.contains("payroll"), "{out}");
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }

    #[test]
    fn other_services_names_are_replaced_but_not_numbers() {
        let text = scenario(
            "arn:aws:lambda:us-east-1:987654321098:function:payroll-export:12",
            "arn:aws:iam::987654321098:user/jdoe",
            "arn:aws:sqs:us-east-1:987654321098:payroll-queue",
        );
        let out = redact(&text).unwrap();
        assert!(out.contains("function:name-1:12"), "{out}");
        assert!(out.contains(":name-2\""), "{out}");
    }

    #[test]
    fn not_json_is_a_located_error() {
        let e = redact("{\n  \"a\": [1,\n}").unwrap_err();
        assert_eq!(e.code, "json-syntax");
        assert!(e.span.is_some_and(|s| s.start > 0), "{e:?}");
    }

    /// The engine's own wildcard rule (`*`, `?`, case ignored), which the prepared checks
    /// must agree with.
    fn glob_match(pattern: &str, text: &str) -> bool {
        crate::decide::matching::wildcard::glob_matches(pattern, text, true)
    }

    #[test]
    fn glob_matching() {
        for (p, t, m) in [
            ("a*", "abc", true),
            ("???", "abc", true),
            ("???", "ab", false),
            ("*-1", "role-1", true),
            ("r*", "x", false),
        ] {
            assert_eq!(glob_match(p, t), m, "{p} {t}");
        }
    }

    /// The prepared checks agree with the rule stated plainly: no fragment occurs in the
    /// (lowercase) replacement, and every `?` glob matches the replacement exactly when it
    /// matches the original.
    #[test]
    fn prepared_checks_agree_with_the_plain_rule() {
        let globs: Vec<String> = ["??", "?*", "???*", "a?c", "*-1", "r*x?", "*", "?????"]
            .iter()
            .map(|g| g.to_string())
            .collect();
        let fragments: BTreeSet<String> = globs
            .iter()
            .flat_map(|g| g.split(['*', '?']).map(str::to_lowercase))
            .filter(|f| !f.is_empty())
            .collect();
        let kept = BTreeSet::new();
        let checks = Checks {
            kept: &kept,
            fragments: AnyOf::new(fragments.iter().map(String::as_str)),
            lengths: Lengths::new(
                globs
                    .iter()
                    .filter(|g| g.bytes().all(|b| b == b'*' || b == b'?')),
            ),
        };
        let words = [
            "", "a", "ab", "abc", "ABC", "user-1", "role-1", "rox", "roxy", "xyz", "abcd", "é",
            "aéc", "r1x2", "R-1",
        ];
        for original in words {
            // The original passed `Seen::safe`: no fragment in it (as `plan` guarantees).
            if fragments
                .iter()
                .any(|f| original.to_lowercase().contains(f.as_str()))
            {
                continue;
            }
            for replacement in words {
                let lower = replacement.to_lowercase();
                let plain = !fragments.iter().any(|f| lower.contains(f.as_str()))
                    && globs
                        .iter()
                        .filter(|g| g.contains('?'))
                        .all(|g| glob_match(g, original) == glob_match(g, replacement));
                assert_eq!(
                    checks.safe_replacement(original, replacement),
                    plain,
                    "{original} -> {replacement}"
                );
            }
        }
    }

    #[test]
    fn any_of_finds_what_contains_finds() {
        let words = ["he", "she", "his", "hers", "a", "abcab", "bca"];
        let any = AnyOf::new(words.iter().copied());
        let texts = [
            "", "h", "ushers", "xhix", "bc", "zzzbcazz", "abcabx", "ahishers", "b", "shh",
        ];
        for t in texts {
            assert_eq!(any.occurs_in(t), words.iter().any(|w| t.contains(w)), "{t}");
        }
        let none = AnyOf::new(std::iter::empty());
        assert!(!none.occurs_in("anything"));
    }
}
