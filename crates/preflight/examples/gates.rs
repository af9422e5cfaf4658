//! The native speed gate (bench/gates): `check(text)` against serde_json's parse of the
//! same text into a `serde_json::Value`, interleaved batch by batch, on every body in
//! bench/bodies. Prints one JSON line per body: `{"body","preflight","peer"}` (median µs).
//! A benchmark, not a test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

use std::hint::black_box;
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: gates BODIES_DIR [ROUNDS]");
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let pretty = std::fs::read_to_string(&path).unwrap();
        let text =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&pretty).unwrap())
                .unwrap();
        let operation = if name.starts_with("create") {
            "create"
        } else {
            "update"
        };
        let options = preflight::Options::from_value(
            &preflight::parse(&format!(
                r#"{{"operation":"{operation}","now":"2026-01-15T00:00:00Z"}}"#
            ))
            .unwrap(),
        )
        .unwrap();
        let ours = || black_box(preflight::check(black_box(&text), &options).valid);
        let peer =
            || black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).is_ok());
        let per_batch = 2_000;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..per_batch {
            ours();
            peer();
        }
        for _ in 0..rounds {
            let t = Instant::now();
            for _ in 0..per_batch {
                ours();
            }
            a.push(t.elapsed().as_secs_f64() * 1e6 / per_batch as f64);
            let t = Instant::now();
            for _ in 0..per_batch {
                peer();
            }
            b.push(t.elapsed().as_secs_f64() * 1e6 / per_batch as f64);
        }
        println!(
            r#"{{"gate":"native check(text)","body":"{name}","preflight":{:.3},"peer":{:.3},"peer_name":"serde_json::from_str::<Value>","target":1.2}}"#,
            median(a),
            median(b)
        );
    }
}
