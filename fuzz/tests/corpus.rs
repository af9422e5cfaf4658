//! Runs the bodies of the fuzz targets over the committed corpus and over every shared
//! vector, on stable Rust and without libFuzzer:
//!
//! ```sh
//! cargo test --manifest-path fuzz/Cargo.toml --no-default-features
//! ```
//!
//! This is the cheap smoke CI can run; `fuzz/run` does the real fuzzing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use preflight::{Object, Value};

type Target = (&'static str, fn(&[u8]));

const TARGETS: [Target; 4] = [
    ("check", preflight_fuzz::check),
    ("normalize", preflight_fuzz::normalize),
    ("schedule", preflight_fuzz::schedule),
    ("number", preflight_fuzz::number),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `target` on `data`, naming the input if it panics.
fn run(target: &str, f: fn(&[u8]), name: &str, data: &[u8]) -> Option<String> {
    std::panic::catch_unwind(|| f(data)).err().map(|e| {
        let message = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{target} on {name}: {message}")
    })
}

#[test]
fn every_corpus_input_keeps_the_invariants() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, f) in TARGETS {
        let dir = root().join("corpus").join(target);
        let files = files_under(&dir);
        assert!(!files.is_empty(), "no corpus in {}", dir.display());
        for path in files {
            let data = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            count += 1;
            failures.extend(run(target, f, &name, &data));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count > 0);
}

/// The input `fuzz/seed` writes for a vector (same format, built here so the test
/// needs nothing but the repository).
fn vector_input(vector: &Object<'_>) -> (Vec<u8>, Vec<u8>) {
    let options = vector.get("options").and_then(Value::as_object);
    let option = |key: &str| options.and_then(|o| o.get(key));
    let mut flags = 0u8;
    if option("operation").and_then(Value::as_str) == Some("create") {
        flags |= 1;
    }
    if option("coerce").and_then(Value::as_bool) == Some(true) {
        flags |= 2;
    }
    let mut extra = Object::new();
    for key in ["current", "rate_limits", "now"] {
        if let Some(value) = option(key) {
            extra.insert(key, value.clone());
        }
    }
    let mut head = vec![b'0' + flags];
    if !extra.is_empty() {
        head[0] |= 4;
        head.extend_from_slice(Value::Object(extra).to_json().as_bytes());
        head.push(0x1e);
    }
    let body = match (vector.get("body_text"), vector.get("body")) {
        (Some(Value::String(text)), _) => text.as_bytes().to_vec(),
        (_, Some(body)) => body.to_json().into_bytes(),
        _ => panic!("a vector has body or body_text"),
    };
    (head, body)
}

#[test]
fn every_shared_vector_keeps_the_invariants() {
    let vectors = files_under(&root().join("../tests/vectors"));
    let mut failures = Vec::new();
    let mut count = 0;
    for path in vectors
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let vector = preflight::parse(&text).unwrap();
        let vector = vector.as_object().unwrap();
        let (head, body) = vector_input(vector);
        let name = path.display().to_string();
        let from = vector
            .get("from")
            .and_then(Value::as_str)
            .unwrap_or("2026-01-15T00:00:00Z");
        let count_of_syncs = vector.get("count").and_then(Value::as_f64).unwrap_or(20.0);
        for (target, f) in TARGETS {
            let mut data = head.clone();
            if target == "schedule" {
                data.extend_from_slice(format!("{from} {count_of_syncs}\n").as_bytes());
            }
            data.extend_from_slice(&body);
            failures.extend(run(target, f, &name, &data));
            count += 1;
        }
    }
    assert!(count > 600, "only {count} runs: are the vectors there?");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
