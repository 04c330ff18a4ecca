//! Checks on the shape of the source tree, run with the other tests.
//!
//! No import cycle between the crate's modules: a cycle means two modules can only be read,
//! changed and tested together. The answer schema (`answer::result`), for one, imports
//! nothing from the stages that fill it in. A module may use the modules that contain it (a
//! submodule is part of its parent, which holds what its submodules share); every other use
//! is an edge of the graph.
//!
//! The checks read the source as text: comments and string literals are blanked first, then
//! `use` trees, `crate::`/`super::` paths and `fn` bodies are found by their tokens.
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file: its module path (`decide::conditions::arn`; the crate root is ``) and
/// its text with comments and literals blanked.
struct Source {
    module: String,
    /// The crate it belongs to: `lib` or `cli` (the binary, rooted at `src/cli/main.rs`).
    krate: &'static str,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let krate = if parts.first().is_some_and(|p| p == "cli") {
                parts.remove(0);
                "cli"
            } else {
                "lib"
            };
            if parts
                .last()
                .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
            {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            Source {
                module: parts.join("::"),
                krate,
                code: blank_comments_and_literals(&text),
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The text with comments, string literals and character literals replaced by spaces (line
/// breaks kept, so line numbers stay right).
fn blank_comments_and_literals(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in out.iter_mut().take(to.min(b.len())).skip(from) {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let ident = |i: usize| i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let end = if rest.starts_with(b"//") {
            rest.iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p)
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            j
        } else if let Some(hashes) = raw_string_start(rest).filter(|_| !ident(i)) {
            let open = rest.iter().position(|&c| c == b'"').unwrap_or(0) + 1;
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            let from = i + open;
            b[from..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| from + p + close.len())
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            j + 1
        } else if rest[0] == b'\'' {
            char_literal_len(rest).map_or(i + 1, |n| i + n)
        } else {
            i + 1
        };
        if end > i + 1 || rest[0] == b'"' {
            blank(&mut out, i, end);
        }
        i = end.max(i + 1);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `r"`, `r#"`, `br##"`...: the number of `#`.
fn raw_string_start(rest: &[u8]) -> Option<usize> {
    let rest = rest.strip_prefix(b"b").unwrap_or(rest);
    let rest = rest.strip_prefix(b"r")?;
    let hashes = rest.iter().take_while(|&&c| c == b'#').count();
    (rest.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// The length of a character literal at the start of `rest` (`'a'`, `'\n'`, `'é'`), or `None`
/// for a lifetime (`'a`).
fn char_literal_len(rest: &[u8]) -> Option<usize> {
    if rest.get(1) == Some(&b'\\') {
        return rest.iter().skip(2).position(|&c| c == b'\'').map(|p| p + 3);
    }
    let text = std::str::from_utf8(rest.get(1..rest.len().min(6))?)
        .unwrap_or_else(|e| std::str::from_utf8(&rest[1..1 + e.valid_up_to()]).unwrap_or_default());
    let c = text.chars().next()?;
    (text[c.len_utf8()..].starts_with('\'')).then_some(c.len_utf8() + 2)
}

/// The byte ranges of `#[cfg(test)]` items (test modules and helpers): not part of the
/// engine's structure.
fn test_ranges(code: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("#[cfg(test)]") {
        let start = from + p;
        let Some(open) = code[start..].find(['{', ';']).map(|o| start + o) else {
            break;
        };
        let end = if code.as_bytes()[open] == b';' {
            open + 1
        } else {
            matching_brace(code, open)
        };
        out.push((start, end));
        from = end;
    }
    out
}

/// The position after the `}` that closes the `{` at `open`.
fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in code.bytes().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// `code` with test items blanked.
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    for (a, b) in test_ranges(code) {
        let blanked: String = code[a..b]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(a..b, &blanked);
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path a `use` declaration names, with the tree expanded (`a::{b, c::d}` gives `a::b`
/// and `a::c::d`); renames (`as x`) dropped.
fn use_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("use ") {
        let start = from + p;
        from = start + 4;
        if start > 0 && code[..start].ends_with(|c: char| is_ident(c) || c == ':') {
            continue;
        }
        let Some(end) = code[from..].find(';').map(|e| from + e) else {
            break;
        };
        let tree: String = code[from..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let tree = drop_renames(&tree).replace(' ', "");
        expand(&tree, String::new(), &mut out);
        from = end;
    }
    out
}

fn drop_renames(tree: &str) -> String {
    let words: Vec<&str> = tree.split(' ').collect();
    let mut out = Vec::new();
    let mut skip = false;
    for (i, w) in words.iter().enumerate() {
        if skip {
            skip = false;
            // The alias may carry the separator that follows it.
            out.push(w.trim_start_matches(is_ident));
            continue;
        }
        if *w == "as" && i > 0 {
            skip = true;
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

fn expand(tree: &str, prefix: String, out: &mut Vec<String>) {
    let Some(open) = tree.find('{') else {
        out.push(format!("{prefix}{tree}"));
        return;
    };
    let prefix = format!("{prefix}{}", &tree[..open]);
    let close = tree.rfind('}').unwrap_or(tree.len());
    let mut depth = 0;
    let mut item = String::new();
    for c in tree[open + 1..close].chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&item, prefix.clone(), out);
                item.clear();
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    if !item.is_empty() {
        expand(&item, prefix, out);
    }
}

/// Paths written in the code itself: `crate::a::b`, `super::x`, `self::y`, and `child::z`
/// for a child module of this one.
fn code_paths(code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i] as char) || (i > 0 && is_ident(bytes[i - 1] as char)) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (is_ident(bytes[j] as char) || code[j..].starts_with("::")) {
            j += if code[j..].starts_with("::") { 2 } else { 1 };
        }
        let path = code[i..j].trim_end_matches(':');
        let first = path.split("::").next().unwrap_or("");
        let preceded_by_colons = code[..i].ends_with("::");
        if path.contains("::")
            && !preceded_by_colons
            && (matches!(first, "crate" | "super" | "self") || children.contains(first))
        {
            out.push(path.to_string());
        }
        i = j.max(i + 1);
    }
    out
}

/// The module a path refers to, from module `here`: the longest module that prefixes it.
fn resolve(
    path: &str,
    here: &str,
    children: &BTreeSet<String>,
    modules: &BTreeSet<String>,
) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = if here.is_empty() {
        Vec::new()
    } else {
        here.split("::").collect()
    };
    match segments.first().copied() {
        Some("crate") => {
            base.clear();
            segments.remove(0);
        }
        Some("self") => {
            segments.remove(0);
        }
        Some("super") => {
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
        }
        Some(first) if children.contains(first) => {}
        _ => return None,
    }
    let full: Vec<&str> = base.into_iter().chain(segments).collect();
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// Whether `m` is `module` or one of the modules that contain it (the crate root `""` contains
/// every module).
fn is_ancestor_or_self(m: &str, module: &str) -> bool {
    m.is_empty() || module == m || module.starts_with(&format!("{m}::"))
}

/// Module → the modules it uses (outside tests), per crate.
fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let mut graph = BTreeMap::new();
    for krate in ["lib", "cli"] {
        let of_crate: Vec<&Source> = sources.iter().filter(|s| s.krate == krate).collect();
        let modules: BTreeSet<String> = of_crate.iter().map(|s| s.module.clone()).collect();
        for s in &of_crate {
            let prefix = if s.module.is_empty() {
                String::new()
            } else {
                format!("{}::", s.module)
            };
            let children: BTreeSet<String> = modules
                .iter()
                .filter_map(|m| m.strip_prefix(&prefix))
                .filter(|rest| !rest.is_empty() && !rest.contains("::"))
                .map(String::from)
                .collect();
            let code = without_tests(&s.code);
            let mut paths = use_paths(&code);
            paths.extend(code_paths(&code, &children));
            let deps: BTreeSet<String> = paths
                .iter()
                .filter_map(|p| resolve(p, &s.module, &children, &modules))
                // A module may use its ancestors: a submodule is part of its parent, which
                // holds what its submodules share (the crate root only re-exports).
                .filter(|m| !is_ancestor_or_self(m, &s.module))
                .map(|m| format!("{krate}:{m}"))
                .collect();
            graph.insert(format!("{krate}:{}", s.module), deps);
        }
    }
    graph
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_module_imports_form_a_cycle() {
    let graph = dependency_graph();
    assert!(graph.len() > 50, "the source tree was not read");
    // The check itself: `decide::decision` uses `answer::result`.
    assert!(graph["lib:decide::decision"].contains("lib:answer::result"));
    let found = cycles(&graph);
    let shown: Vec<String> = found
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|d| c.contains(d))
                        .map(move |d| format!("{m} -> {d}"))
                })
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", shown.join("\n"));
}

#[test]
fn the_answer_schema_is_a_leaf() {
    let graph = dependency_graph();
    let deps = &graph["lib:answer::result"];
    let allowed = ["lib:diagnostic", "lib:model", "lib:i18n"];
    let stages: Vec<&String> = deps
        .iter()
        .filter(|d| !allowed.contains(&d.as_str()))
        .collect();
    assert!(stages.is_empty(), "answer::result imports {stages:?}");
}

/// Every function with a body: (line of `fn`, name, lines up to its closing brace).
fn functions_of(code: &str) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("fn ") {
        let start = from + p;
        from = start + 3;
        if start > 0 && is_ident(code[..start].chars().next_back().unwrap_or(' ')) {
            continue;
        }
        let name: String = code[from..]
            .trim_start()
            .chars()
            .take_while(|c| is_ident(*c))
            .collect();
        if name.is_empty() {
            continue;
        }
        // The body opens at the first `{` outside parentheses and brackets; a `;` first
        // means a declaration without a body.
        let mut depth = 0i32;
        let mut open = None;
        for (i, c) in code[from..].char_indices() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                ';' if depth == 0 => break,
                '{' if depth == 0 => {
                    open = Some(from + i);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let end = matching_brace(code, open);
        let first = code[..start].matches('\n').count() + 1;
        let last = code[..end].matches('\n').count() + 1;
        out.push((first, name, last - first + 1));
    }
    out
}

#[test]
fn the_scanners_see_through_literals_and_comments() {
    let code = blank_comments_and_literals(
        "fn a() { let s = \"fn b() {\"; let c = '{'; let r = r#\"}\"#; } // fn c() {\nfn d<'x>(v: &'x str) {}\n/* use crate::x; */",
    );
    let found: Vec<String> = functions_of(&code).into_iter().map(|f| f.1).collect();
    assert_eq!(found, ["a", "d"]);
    assert!(!code.contains("crate::x"));
    assert_eq!(
        use_paths("use crate::a::{self, b::{c, d as e}}; use super::f;"),
        [
            "crate::a::self",
            "crate::a::b::c",
            "crate::a::b::d",
            "super::f"
        ]
    );
}

/// The longest a function of the library may be: a function longer than a screen mixes
/// jobs that read (and are tested) better apart. Every module counts: the engine's stages,
/// the tools built on them, the AWS data, the WebAssembly binding and the command-line
/// program.
const MAX_FUNCTION_LINES: usize = 80;

#[test]
fn no_library_function_is_longer_than_a_screen() {
    let sources = sources();
    let mut measured = 0;
    let mut long = Vec::new();
    for s in &sources {
        for (line, name, lines) in functions_of(&without_tests(&s.code)) {
            measured += 1;
            if lines > MAX_FUNCTION_LINES {
                long.push(format!(
                    "{}:{}:{line} {name}: {lines} lines",
                    s.krate, s.module
                ));
            }
        }
    }
    // The check itself: the library has hundreds of functions, and the scanner finds them.
    assert!(measured > 1000, "only {measured} functions found");
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

/// Every file of the given extensions under `dir`.
fn files_under(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for p in entries.map(|e| e.unwrap().path()) {
        if p.is_dir() {
            files_under(&p, exts, out);
        } else if p.extension().is_some_and(|e| exts.iter().any(|x| e == *x)) {
            out.push(p);
        }
    }
}

/// Comments explain the code to its next reader: a tracker's issue number means nothing to
/// someone who reads the published crate or site.
#[test]
fn comments_name_no_issue_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "www/src", "tests", "scripts", "benches"] {
        files_under(
            &root.join(dir),
            &["rs", "js", "mjs", "css", "sh"],
            &mut files,
        );
    }
    files_under(&root.join("www"), &["css", "html"], &mut files);
    assert!(files.len() > 100, "only {} files read", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let lower = line.to_ascii_lowercase();
            let numbered = lower.match_indices("issue ").any(|(i, _)| {
                lower[i + 6..]
                    .trim_start_matches('#')
                    .starts_with(|c: char| c.is_ascii_digit())
            });
            if numbered {
                found.push(format!(
                    "{}:{}",
                    f.strip_prefix(root).unwrap().display(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "issue numbers in comments:\n{}",
        found.join("\n")
    );
}
