//! Shared by the test files that walk the vectors (the core's and the CLI's).

use std::path::{Path, PathBuf};

/// `tests/vectors` at the repository root.
pub fn vector_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// Every vector file, sorted by path.
pub fn vector_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![vector_root()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
