//! A fixed workload for instruction-count profiling (`valgrind --tool=callgrind`), which
//! is repeatable where wall-clock timings on a shared machine are not:
//! `cargo build --release -p preflight --example profile && valgrind --tool=callgrind target/release/examples/profile check`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

fn main() {
    let what = std::env::args()
        .nth(1)
        .unwrap_or_else(|| String::from("check"));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../bench/bodies/update-valid.json");
    let body = std::fs::read_to_string(path).unwrap();
    let options = preflight::Options {
        now: Some(1_767_225_600),
        ..preflight::Options::default()
    };
    let parsed = preflight::parse(&body).unwrap();
    let mut total = 0usize;
    for _ in 0..1000 {
        total += match what.as_str() {
            "parse" => usize::from(preflight::parse(std::hint::black_box(&body)).is_ok()),
            "serde_json" => usize::from(
                serde_json::from_str::<serde_json::Value>(std::hint::black_box(&body)).is_ok(),
            ),
            "value" => preflight::check_value(std::hint::black_box(&parsed), &options)
                .issues
                .len(),
            "next" => {
                let v = preflight::parse(&body).unwrap();
                preflight::next_syncs(&v, &options, 1_772_755_200, 100)
                    .unwrap()
                    .len()
            }
            _ => preflight::check(std::hint::black_box(&body), &options)
                .issues
                .len(),
        };
    }
    println!("{total}");
}
