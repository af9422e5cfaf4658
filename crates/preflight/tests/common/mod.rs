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

/// What `next_syncs` of a schedule vector gives, from its hand-checked `syncs` and its
/// optional `end` (`{"reason", "message"}` when fewer than `count` exist): the result
/// object every host prints. None when `syncs` holds an expected error instead.
#[allow(dead_code)]
pub fn expected_next(vector: &preflight::Object<'_>) -> Option<preflight::Value<'static>> {
    use preflight::Value;
    let syncs = vector.get("syncs")?;
    let is_error = |v: &Value<'_>| v.as_str().is_some_and(|s| s.starts_with("error:"));
    if let Value::Array(items) = syncs {
        if items.first().is_some_and(is_error) {
            return None;
        }
    }
    let end = vector.get("end").cloned().unwrap_or(Value::Null);
    let mut o = preflight::Object::new();
    o.insert("syncs", syncs.clone().into_owned());
    o.insert("complete", Value::Bool(matches!(end, Value::Null)));
    o.insert("end", end.into_owned());
    Some(Value::Object(o))
}
