//! `preflight next` and `preflight summary` at the edges: fewer instants than asked for,
//! the end of the supported range, and the nominal week of the summary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const WEEKLY_IN_THE_SKIPPED_HOUR: &str = r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"America/New_York","interval":{"SUNDAY":{"slots":[{"start":"02:30","end":"02:31","sync_frequency":1,"sync_cadence":"MINUTE"}]}}}}"#;

const RANGE: &str = "is outside the supported range, 1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z (the time-zone data lists clock changes up to 2099)";

fn preflight(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn next_finds_every_instant_asked_for_across_weeks_without_a_sync() {
    // The reproduction of the bug: 51 instants came out, exit 0, no message.
    let output = preflight(
        &[
            "next",
            "--from",
            "2027-03-08T00:00:00Z",
            "--count",
            "52",
            "-",
        ],
        WEEKLY_IN_THE_SKIPPED_HOUR,
    );
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 52);
    assert_eq!(lines[51], "2028-03-19T06:30:00Z  2028-03-19T02:30:00-04:00");
    assert_eq!(text(&output.stderr), "", "complete: nothing to say");

    let output = preflight(
        &[
            "next",
            "--from",
            "2027-03-08T00:00:00Z",
            "--count",
            "200",
            "--format",
            "json",
            "-",
        ],
        WEEKLY_IN_THE_SKIPPED_HOUR,
    );
    let json = text(&output.stdout);
    assert_eq!(json.matches(r#""utc""#).count(), 200);
    assert!(
        json.trim_end().ends_with(r#""complete":true,"end":null}"#),
        "{json}"
    );
}

#[test]
fn next_stops_at_the_end_of_the_supported_range_and_says_so() {
    let message = "Found 4 of the 5 sync instants asked for: the next would be after 2099-12-31T23:59:59Z, where the supported range ends (the time-zone data lists clock changes up to 2099)";
    let args = ["next", "--from", "2099-12-01T00:00:00Z", "--count", "5"];
    let output = preflight(&[&args[..], &["-"]].concat(), WEEKLY_IN_THE_SKIPPED_HOUR);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        "2099-12-06T07:30:00Z  2099-12-06T02:30:00-05:00\n\
         2099-12-13T07:30:00Z  2099-12-13T02:30:00-05:00\n\
         2099-12-20T07:30:00Z  2099-12-20T02:30:00-05:00\n\
         2099-12-27T07:30:00Z  2099-12-27T02:30:00-05:00\n"
    );
    assert_eq!(text(&output.stderr), format!("preflight: {message}\n"));

    let output = preflight(
        &[&args[..], &["--format", "json", "-"]].concat(),
        WEEKLY_IN_THE_SKIPPED_HOUR,
    );
    assert_eq!(output.status.code(), Some(0));
    let json = text(&output.stdout);
    assert!(
        json.trim_end().ends_with(&format!(
            r#""complete":false,"end":{{"reason":"range_end","message":"{message}"}}}}"#
        )),
        "{json}"
    );
    assert_eq!(text(&output.stderr), "", "json says it in the output");
}

#[test]
fn next_refuses_a_from_outside_the_supported_range() {
    let fixed = r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"DAY"}"#;
    for from in [
        "9999-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
    ] {
        for body in [fixed, WEEKLY_IN_THE_SKIPPED_HOUR] {
            let output = preflight(&["next", "--from", from, "-"], body);
            assert_eq!(output.status.code(), Some(2), "{from}");
            assert_eq!(output.stdout, b"", "{from}");
            assert_eq!(
                text(&output.stderr),
                format!("preflight: from '{from}' {RANGE}\n")
            );
        }
    }
    // `+010000-…` is not RFC 3339: the parse says so before the range is looked at.
    let output = preflight(&["next", "--from", "+010000-01-01T00:00:00Z", "-"], fixed);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("is not an RFC 3339 date-time"));
}

#[test]
fn summary_says_it_counts_a_week_without_a_clock_change() {
    let output = preflight(&["summary", "-"], WEEKLY_IN_THE_SKIPPED_HOUR);
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    assert!(
        stdout.ends_with(&format!("\n\n{}\n", preflight::NOMINAL_WEEK_NOTE)),
        "{stdout}"
    );
    let output = preflight(
        &["summary", "--format", "json", "-"],
        WEEKLY_IN_THE_SKIPPED_HOUR,
    );
    assert!(text(&output.stdout).contains(&format!(
        r#""per_week":1,"note":"{}""#,
        preflight::NOMINAL_WEEK_NOTE
    )));
    // A fixed schedule runs on elapsed time: no note.
    let fixed = r#"{"use_custom_sync_schedule":false,"sync_frequency":6,"sync_cadence":"HOUR"}"#;
    let output = preflight(&["summary", "--format", "json", "-"], fixed);
    assert!(text(&output.stdout).contains(r#""per_week":28,"note":null"#));
    let output = preflight(&["summary", "-"], fixed);
    assert!(text(&output.stdout).ends_with("week             28\n"));
}

#[test]
fn next_help_states_the_supported_range() {
    let output = preflight(&["next", "--help"], "");
    let help = text(&output.stdout);
    for needle in ["1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "complete"] {
        assert!(help.contains(needle), "next --help lacks {needle}:\n{help}");
    }
}
