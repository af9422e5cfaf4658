//! `cargo bench -p propexo-preflight`: check, normalize and the schedule engine on the shared
//! benchmark bodies in `bench/bodies/` (the same bodies the Node and Python benchmarks use).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use preflight::{Operation, Options};

fn body(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../bench/bodies")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn options(operation: Operation, coerce: bool) -> Options {
    Options {
        operation,
        coerce,
        now: Some(1_767_225_600),
        ..Options::default()
    }
}

fn check(c: &mut Criterion) {
    let valid = body("update-valid.json");
    let errors = body("update-4-errors.json");
    let create = body("create-valid.json");
    let seed = body("seed-update.json");
    let update = options(Operation::Update, false);
    assert!(preflight::check(&valid, &update).valid);
    assert_eq!(preflight::check(&errors, &update).errors().count(), 4);

    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(valid.len() as u64));
    group.bench_function("update_valid_2kb_text", |b| {
        b.iter(|| preflight::check(black_box(&valid), &update))
    });
    group.bench_function("update_4_errors_text", |b| {
        b.iter(|| preflight::check(black_box(&errors), &update))
    });
    group.bench_function("create_valid_text", |b| {
        b.iter(|| preflight::check(black_box(&create), &options(Operation::Create, false)))
    });
    // The speed gates' seed body (bench/gates): check(text), what it costs to leave the
    // normalized body out, and serde_json's parse of the same text, its native gate.
    group.bench_function("seed_update_text", |b| {
        b.iter(|| preflight::check(black_box(&seed), &update))
    });
    group.bench_function("seed_update_verdict_text", |b| {
        b.iter(|| preflight::verdict(black_box(&seed), &update))
    });
    group.bench_function("seed_update_serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&seed)))
    });
    let parsed = preflight::parse(&valid).unwrap();
    group.bench_function("update_valid_2kb_value", |b| {
        b.iter(|| preflight::check_value(black_box(&parsed), &update))
    });
    group.bench_function("update_valid_2kb_text_to_json", |b| {
        b.iter(|| preflight::check(black_box(&valid), &update).to_json())
    });
    group.bench_function("parse_only_2kb", |b| {
        b.iter(|| preflight::parse(black_box(&valid)))
    });
    group.finish();
}

fn normalize(c: &mut Criterion) {
    let form = r#"{"integration_vendor":"rentmanager","credentials":{"PartnerToken":" pt ","companyId":"acme"},"name":" Rent Manager - Acme ","max_request_frequency":"8","max_request_cadence":"second","max_job_concurrency":"3","active":"true","use_custom_sync_schedule":"true","custom_sync_schedule":{"type":"week_based","timezone":"US/Central","interval":{"MONDAY":{"slots":[{"start":"8:00","end":"18:00","sync_frequency":"30","sync_cadence":"minute"}]}}}}"#;
    let coerce = options(Operation::Update, true);
    assert!(preflight::check(form, &coerce).valid);
    c.bench_function("normalize/form_coerce_to_json", |b| {
        b.iter(|| {
            preflight::check(black_box(form), &coerce)
                .normalized
                .map(|v| v.to_json())
        })
    });
}

fn schedule(c: &mut Criterion) {
    let valid = body("update-valid.json");
    let parsed = preflight::parse(&valid).unwrap();
    let update = options(Operation::Update, false);
    let from = preflight::parse_from("2026-03-06T00:00:00Z").unwrap();
    let effective = preflight::effective_schedule(&parsed, &update);
    assert_eq!(
        preflight::next_syncs_of(&effective, from, 100)
            .unwrap()
            .syncs
            .len(),
        100
    );
    c.bench_function("next_syncs/100_full_week", |b| {
        b.iter(|| preflight::next_syncs(black_box(&parsed), &update, from, 100))
    });
    c.bench_function("weekly_summary/full_week", |b| {
        b.iter(|| preflight::weekly_summary(black_box(&parsed), &update))
    });
}

criterion_group!(benches, check, normalize, schedule);
criterion_main!(benches);
