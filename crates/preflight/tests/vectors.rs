//! Runs every shared vector in `tests/vectors/` through the core.
//!
//! Each vector holds a body (`body`, or raw `body_text`), `options`, a hand-written
//! `expect` summary (`valid` and the issues as "code pointer" lines, in order) and the
//! full expected `report` that every host must reproduce byte for byte. Schedule vectors
//! (`from`, `count`) also hold the expected `syncs`, `effective` schedule and `weekly`
//! summary. A vector whose options are bad holds `usage_error`, the message every host
//! must fail with, instead of `expect` and `report`.
//!
//! `BLESS=1 cargo test -p propexo-preflight --test vectors` rewrites the `report`, `effective`
//! and `weekly` fields from the current code, but never `expect` or `syncs`: those are
//! written by a person, and a blessed report that contradicts them still fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use preflight::{Object, Options, Value};

fn summary(report: &preflight::Report<'_>) -> Vec<String> {
    report
        .issues
        .iter()
        .map(|i| format!("{} {}", i.code.as_str(), i.pointer))
        .collect()
}

fn field<'v, 'a>(o: &'v Object<'a>, key: &str) -> Option<&'v Value<'a>> {
    o.get(key)
}

struct Outcome {
    failures: Vec<String>,
    blessed: usize,
    count: usize,
}

/// The verdict's JSON made from its flat form, as the npm package's JavaScript makes its
/// objects (`verdictOf` in bindings/js/js/api.js).
#[cfg(feature = "speed")]
fn unflatten_verdict(flat: &str) -> String {
    let Ok(Value::Array(items)) = preflight::parse(flat) else {
        panic!("not a JSON array: {flat}");
    };
    let mut items = items.into_iter();
    let mut verdict = Object::new();
    verdict.insert("valid", items.next().unwrap());
    let mut issues = Vec::new();
    while let Some(code) = items.next() {
        let mut next = || items.next().unwrap();
        let count = |value: Value<'_>| value.as_f64().unwrap() as usize;
        let mut issue = Object::new();
        issue.insert("code", code);
        issue.insert("severity", next());
        let segments = count(next());
        issue.insert(
            "path",
            Value::Array((0..segments).map(|_| next()).collect()),
        );
        issue.insert("pointer", next());
        issue.insert("message", next());
        let mut params = Object::new();
        for _ in 0..count(next()) {
            let key = next().as_str().unwrap().to_string();
            params.insert(key, next());
        }
        issue.insert("params", Value::Object(params));
        issues.push(Value::Object(issue));
    }
    verdict.insert("issues", Value::Array(issues));
    Value::Object(verdict).to_json()
}

fn run_vector(path: &Path, bless: bool, outcome: &mut Outcome) {
    let name = path
        .strip_prefix(common::vector_root())
        .unwrap()
        .display()
        .to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let vector = preflight::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let Value::Object(mut vector) = vector else {
        panic!("{name}: a vector is an object")
    };
    outcome.count += 1;
    let options_value = field(&vector, "options").cloned().unwrap_or(Value::Null);
    if let Some(expected) = field(&vector, "usage_error") {
        check_usage_error(&name, &vector, expected, &options_value, outcome);
        return;
    }
    let options = Options::from_value(&options_value).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        options.now.is_some(),
        "{name}: options.now must be pinned so dst_transition dates do not depend on the day"
    );
    let body_text = field(&vector, "body_text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let report = match (&body_text, field(&vector, "body")) {
        (Some(text), None) => preflight::check(text, &options).into_owned(),
        (None, Some(body)) => preflight::check_value(body, &options).into_owned(),
        _ => panic!("{name}: exactly one of body and body_text"),
    };
    // The entry point that leaves the normalized body out reports the same `valid` and
    // `issues`, written as the full report writes them (the npm package's check reads
    // them from it and the rest from `check` only when asked).
    let verdict = match (&body_text, field(&vector, "body")) {
        (Some(text), None) => {
            let from_text = preflight::verdict(text, &options).to_json();
            let from_bytes = preflight::verdict_bytes(text.as_bytes(), &options).to_json();
            if from_bytes != from_text {
                outcome.failures.push(format!(
                    "{name}: verdict of the bytes\n  got      {from_bytes}\n  of text  {from_text}"
                ));
            }
            from_text
        }
        (None, Some(body)) => preflight::verdict_value(body, &options).to_json(),
        _ => unreachable!(),
    };
    // The flat verdict the npm package's Node build reads gives back the same JSON.
    #[cfg(feature = "speed")]
    {
        let flat = match (&body_text, field(&vector, "body")) {
            (Some(text), None) => preflight::verdict(text, &options).to_flat_json(),
            (None, Some(body)) => preflight::verdict_value(body, &options).to_flat_json(),
            _ => unreachable!(),
        };
        let unflattened = unflatten_verdict(&flat);
        if unflattened != verdict {
            outcome.failures.push(format!(
                "{name}: flat verdict\n  got      {unflattened}\n  verdict  {verdict}\n  flat     {flat}"
            ));
        }
    }
    let full = report.to_json();
    // The core's own writer and serde's (what a Rust caller serializing the report gets)
    // write every report byte for byte alike.
    let through_serde = preflight::json::to_json_string(&report);
    if through_serde != full {
        outcome.failures.push(format!(
            "{name}: to_json against serde\n  to_json  {full}\n  serde    {through_serde}"
        ));
    }
    let head = verdict.strip_suffix('}').unwrap_or_default();
    if !full.starts_with(head) || !full[head.len()..].starts_with(",\"normalized\":") {
        outcome.failures.push(format!(
            "{name}: verdict\n  got      {verdict}\n  report   {full}"
        ));
    }

    let expect = field(&vector, "expect")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_else(|| panic!("{name}: no expect"));
    let expected_valid = field(&expect, "valid")
        .and_then(Value::as_bool)
        .unwrap_or_else(|| panic!("{name}: expect.valid"));
    let expected_issues: Vec<String> = match field(&expect, "issues") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect(),
        _ => panic!("{name}: expect.issues"),
    };
    if report.valid != expected_valid {
        outcome.failures.push(format!(
            "{name}: valid is {}, expected {expected_valid}",
            report.valid
        ));
    }
    let got = summary(&report);
    if got != expected_issues {
        outcome.failures.push(format!(
            "{name}: issues\n  got      {got:?}\n  expected {expected_issues:?}"
        ));
    }
    if let Some(Value::Array(changes)) = field(&expect, "changes") {
        let expected: Vec<&str> = changes.iter().filter_map(Value::as_str).collect();
        let got: Vec<String> = report.changes.iter().map(|c| c.pointer.clone()).collect();
        if got != expected {
            outcome.failures.push(format!(
                "{name}: changes\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }

    let mut computed: Vec<(&str, Value<'static>)> = vec![(
        "report",
        preflight::parse(&report.to_json()).unwrap().into_owned(),
    )];

    if let Some(from) = field(&vector, "from").and_then(Value::as_str) {
        let from = preflight::parse_from(from).unwrap();
        let count = field(&vector, "count")
            .and_then(Value::as_f64)
            .unwrap_or(10.0) as usize;
        let body = field(&vector, "body").cloned().unwrap_or(Value::Null);
        let effective = preflight::effective_schedule(&body, &options);
        let got = match preflight::next_syncs_of(&effective, from, count) {
            Ok(next) => next.to_value(),
            Err(e) => Value::Array(vec![Value::from(format!("error: {e}"))]),
        };
        let expected_syncs = field(&vector, "syncs")
            .unwrap_or_else(|| panic!("{name}: schedule vector without syncs"));
        let expected =
            common::expected_next(&vector).unwrap_or_else(|| expected_syncs.clone().into_owned());
        if got.to_json() != expected.to_json() {
            outcome.failures.push(format!(
                "{name}: syncs\n  got      {}\n  expected {}",
                got.to_json(),
                expected.to_json()
            ));
        }
        computed.push(("effective", effective.to_value()));
        computed.push(("weekly", preflight::summarize(effective).to_value()));
    }

    let mut changed = false;
    for (key, value) in computed {
        let stored = field(&vector, key).map(Value::to_json);
        if stored.as_deref() == Some(value.to_json().as_str()) {
            continue;
        }
        if bless {
            vector.insert(key, value);
            changed = true;
        } else {
            outcome.failures.push(format!(
                "{name}: {key} differs\n  got      {}\n  expected {}",
                value.to_json(),
                stored.unwrap_or_default()
            ));
        }
    }
    if changed {
        let pretty = preflight::json::to_json_pretty(&Value::Object(vector));
        std::fs::write(path, pretty + "\n").unwrap();
        outcome.blessed += 1;
    }
}

/// A vector whose options are a usage error: reading them fails with exactly that
/// message, and the vector holds no report (there is none to bless).
fn check_usage_error(
    name: &str,
    vector: &Object<'_>,
    expected: &Value<'_>,
    options: &Value<'_>,
    outcome: &mut Outcome,
) {
    let expected = expected
        .as_str()
        .unwrap_or_else(|| panic!("{name}: usage_error is the expected message"));
    for key in ["expect", "report", "from"] {
        assert!(
            vector.get(key).is_none(),
            "{name}: a usage_error vector has no {key}"
        );
    }
    match Options::from_value(options) {
        Ok(_) => outcome.failures.push(format!(
            "{name}: options were accepted, expected usage error {expected:?}"
        )),
        Err(e) if e.message != expected => outcome.failures.push(format!(
            "{name}: usage error\n  got      {}\n  expected {expected}",
            e.message
        )),
        Err(_) => {}
    }
}

#[test]
fn every_vector_gives_its_expected_report() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut outcome = Outcome {
        failures: Vec::new(),
        blessed: 0,
        count: 0,
    };
    for path in common::vector_files() {
        run_vector(&path, bless, &mut outcome);
    }
    assert!(outcome.count >= 150, "only {} vectors", outcome.count);
    if bless {
        eprintln!("blessed {} of {} vectors", outcome.blessed, outcome.count);
    }
    assert!(
        outcome.failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        outcome.failures.len(),
        outcome.count,
        outcome.failures.join("\n")
    );
}

/// A vector names the rules it exercises in `tests`; every code needs one such vector
/// that reports it (the fail) and one that does not (the pass).
#[test]
fn every_issue_code_has_a_failing_vector_and_a_passing_one() {
    use std::collections::BTreeSet;
    let mut fails = BTreeSet::new();
    let mut passes = BTreeSet::new();
    for path in common::vector_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let vector = preflight::parse(&text).unwrap();
        let o = vector.as_object().unwrap();
        let reported: BTreeSet<String> = match o
            .get("expect")
            .and_then(Value::as_object)
            .and_then(|e| e.get("issues"))
        {
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| i.as_str().unwrap().split(' ').next().unwrap().to_string())
                .collect(),
            _ => BTreeSet::new(),
        };
        if let Some(Value::Array(tested)) = o.get("tests") {
            for code in tested.iter().filter_map(Value::as_str) {
                assert!(
                    preflight::Code::from_name(code).is_some(),
                    "{}: unknown code {code}",
                    path.display()
                );
                if reported.contains(code) {
                    fails.insert(code.to_string());
                } else {
                    passes.insert(code.to_string());
                }
            }
        }
    }
    for code in preflight::Code::ALL {
        let name = code.as_str();
        if name == "too_many_issues" {
            continue; // needs more issues than a vector should hold; see the unit test
        }
        assert!(fails.contains(name), "no vector reports {name}");
        assert!(passes.contains(name), "no vector tests {name} and passes");
    }
}
