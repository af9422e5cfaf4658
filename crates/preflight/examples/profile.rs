//! A fixed workload for instruction counts (`valgrind --tool=callgrind`), which are
//! repeatable where wall-clock timings on a shared machine are not. Each workload runs
//! 1,000 times; divide the total by 1,000 (process start-up is under 0.3% of it):
//!
//! ```sh
//! cargo build --release -p propexo-preflight --example profile
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/profile check
//! ```
//!
//! Workloads: `parse`, `check` (text), `value` (an already parsed body), `errors` (the
//! 4-error body), `create`, `verdict` and `create-verdict` (`valid` and `issues` only),
//! `seed`, `seed-verdict`, `seed-json` (the verdict's JSON, what the npm package's
//! `check` reads from the module), `seed-bare-json` (the same without the five fields
//! it warns about) and `seed-parse` (the seed body), `empty` (the verdict
//! of `{}` and its JSON: what every call costs), `serde` and `seed-serde` (the
//! native gate's peer: serde_json's parse into its `Value`), `next` (100 instants from a
//! parsed body), `summary`, `json` (`check` and the report's JSON, as the npm package
//! returns it) and `json-serde` (the same JSON through serde_json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::hint::black_box;

fn body(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../bench/bodies")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn main() {
    let what = std::env::args()
        .nth(1)
        .unwrap_or_else(|| String::from("check"));
    let valid = body("update-valid.json");
    let errors = body("update-4-errors.json");
    let create = body("create-valid.json");
    let seed = body("seed-update.json");
    // The seed without the five fields it is warned about: what its warnings cost.
    let seed_bare = {
        let mut value = preflight::parse(&seed).unwrap().into_owned();
        if let preflight::Value::Object(object) = &mut value {
            for field in [
                "system",
                "sync_frequency",
                "sync_cadence",
                "base_url",
                "allow_manual_syncs",
            ] {
                object.remove(field);
            }
        }
        value.to_json()
    };
    let parsed = preflight::parse(&valid).unwrap();
    let update = preflight::Options {
        now: Some(1_767_225_600),
        ..preflight::Options::default()
    };
    let create_options = preflight::Options {
        operation: preflight::Operation::Create,
        ..update.clone()
    };
    let from = preflight::parse_from("2026-03-06T00:00:00Z").unwrap();
    let mut total = 0usize;
    for _ in 0..1000 {
        total += match what.as_str() {
            "parse" => usize::from(preflight::parse(black_box(&valid)).is_ok()),
            "value" => preflight::check_value(black_box(&parsed), &update)
                .issues
                .len(),
            "errors" => preflight::check(black_box(&errors), &update).issues.len(),
            "create" => preflight::check(black_box(&create), &create_options)
                .issues
                .len(),
            "create-verdict" => preflight::verdict(black_box(&create), &create_options)
                .issues
                .len(),
            "verdict" => preflight::verdict(black_box(&valid), &update).issues.len(),
            "seed" => preflight::check(black_box(&seed), &update).issues.len(),
            "seed-verdict" => preflight::verdict(black_box(&seed), &update).issues.len(),
            "seed-json" => preflight::verdict(black_box(&seed), &update)
                .to_json()
                .len(),
            "seed-bare-json" => preflight::verdict(black_box(&seed_bare), &update)
                .to_json()
                .len(),
            "empty" => preflight::verdict(black_box("{}"), &update).to_json().len(),
            "seed-parse" => usize::from(preflight::parse(black_box(&seed)).is_ok()),
            "seed-serde" => {
                usize::from(serde_json::from_str::<serde_json::Value>(black_box(&seed)).is_ok())
            }
            "serde" => {
                usize::from(serde_json::from_str::<serde_json::Value>(black_box(&valid)).is_ok())
            }
            "next" => preflight::next_syncs(black_box(&parsed), &update, from, 100)
                .unwrap()
                .syncs
                .len(),
            "json" => preflight::check(black_box(&valid), &update).to_json().len(),
            "json-serde" => {
                preflight::json::to_json_string(&preflight::check(black_box(&valid), &update)).len()
            }
            "summary" => preflight::weekly_summary(black_box(&parsed), &update)
                .coverage
                .len(),
            _ => preflight::check(black_box(&valid), &update).issues.len(),
        };
    }
    println!("{total}");
}
