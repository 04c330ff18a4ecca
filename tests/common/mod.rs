//! What the integration tests share: the walk over the scenario files.
#![cfg(test)]

use std::path::{Path, PathBuf};

/// Every `.json` file under `dir` (its subfolders too), in a stable order, appended to `out`.
pub fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}
