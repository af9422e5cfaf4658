//! What the command does with hostile surroundings: output to a closed pipe or a full disk,
//! endless or huge inputs, unreadable files among readable ones, and file names holding
//! newlines, terminal escapes or bytes that are not UTF-8.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use preflight::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

fn run_with(mut command: Command, stdout: Stdio, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that reads files, not stdin, may exit before this is written: that is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn run(command: Command, stdin: &[u8]) -> Output {
    run_with(command, Stdio::piped(), stdin)
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The write end of a pipe whose reader has already exited: the first write gets EPIPE,
/// whatever the size of the output.
fn closed_pipe() -> Stdio {
    let mut reader = bin();
    reader
        .arg("--version")
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    let mut reader = reader.spawn().unwrap();
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(write_end)
}

/// A valid body on one line, so that --jsonl reads it as one body.
fn one_line_body() -> Vec<u8> {
    let text = std::fs::read_to_string(example("update-valid.json")).unwrap();
    preflight::parse(&text).unwrap().to_json().into_bytes()
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "preflight-cli-hostile-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: impl Into<OsString>, contents: &[u8]) -> PathBuf {
        let path = self.0.join(name.into());
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn command(args: &[&str], path: Option<&Path>) -> Command {
    let mut c = bin();
    c.args(args);
    if let Some(path) = path {
        c.arg(path);
    }
    c
}

/// Every command, with the exit status its data deserves.
fn every_command() -> Vec<(Command, i32)> {
    let valid = example("update-valid.json");
    let invalid = example("update-invalid.json");
    vec![
        (command(&["schema"], None), 0),
        (
            command(
                &["next", "--count", "10000", "--from", "2026-01-01T00:00:00Z"],
                Some(&valid),
            ),
            0,
        ),
        (
            command(
                &[
                    "next",
                    "--format",
                    "json",
                    "--count",
                    "3",
                    "--from",
                    "2026-01-01T00:00:00Z",
                ],
                Some(&valid),
            ),
            0,
        ),
        (command(&["summary"], Some(&valid)), 0),
        (command(&["summary", "--format", "json"], Some(&valid)), 0),
        (command(&["normalize", "--pretty"], Some(&valid)), 0),
        (command(&["check"], Some(&valid)), 0),
        (command(&["check", "--format", "json"], Some(&invalid)), 1),
    ]
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_the_status_of_its_data() {
    for (command, status) in every_command() {
        let shown = format!("{command:?}");
        let output = run_with(command, closed_pipe(), b"");
        assert_eq!(output.status.code(), Some(status), "{shown}");
        assert_eq!(stderr_of(&output), "", "{shown}: no message, no panic");
    }
}

#[test]
fn after_a_closed_pipe_check_still_judges_every_body() {
    // The reader has gone before the first report: the last line still decides the status.
    let mut lines = "{\"name\":\"ok\"}\n".repeat(2000);
    lines.push_str("{\"sync_frequency\":0}\n");
    let output = run_with(
        command(&["check", "--jsonl", "-"], None),
        closed_pipe(),
        lines.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr_of(&output), "");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2_with_one_line() {
    for (command, _) in every_command() {
        let shown = format!("{command:?}");
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = run_with(command, Stdio::from(full), b"");
        assert_eq!(output.status.code(), Some(2), "{shown}");
        let stderr = stderr_of(&output);
        assert_eq!(
            stderr.lines().collect::<Vec<_>>(),
            ["preflight: cannot write output: No space left on device (os error 28)"],
            "{shown}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_endless_input_stops_at_the_limit() {
    let output = run(command(&["check"], Some(Path::new("/dev/zero"))), b"");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout_of(&output),
        "/dev/zero: larger than the input limit of 134217728 bytes (raise it with --max-input-bytes)\n",
        "the default limit is 128 MiB"
    );

    let zero = Path::new("/dev/zero");
    let body = example("update-valid.json");
    for (args, path, message) in [
        (
            &["check", "--jsonl", "--max-input-bytes", "1000"][..],
            zero,
            "/dev/zero:1: larger than the input limit of 1000 bytes",
        ),
        (
            &["normalize", "--max-input-bytes", "1000"][..],
            zero,
            "preflight: /dev/zero: larger than the input limit of 1000 bytes",
        ),
        (
            &["next", "--max-input-bytes", "1000"][..],
            zero,
            "preflight: /dev/zero: larger than the input limit of 1000 bytes",
        ),
        (
            &["summary", "--max-input-bytes", "1000"][..],
            zero,
            "preflight: /dev/zero: larger than the input limit of 1000 bytes",
        ),
        (
            &[
                "check",
                "--max-input-bytes",
                "1000",
                "--current",
                "/dev/zero",
            ][..],
            &body,
            "preflight: --current file /dev/zero: larger than the input limit of 1000 bytes",
        ),
        (
            &[
                "check",
                "--max-input-bytes",
                "1000",
                "--rate-limits",
                "/dev/zero",
            ][..],
            &body,
            "preflight: --rate-limits file /dev/zero: larger than the input limit of 1000 bytes",
        ),
    ] {
        let output = run(command(args, Some(path)), b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let both = stdout_of(&output) + &stderr_of(&output);
        assert!(both.contains(message), "{args:?}: {both}");
    }
}

#[test]
fn the_limit_is_inclusive_and_covers_standard_input() {
    let body = br#"{"name":"a body of forty-four bytes, long!"}"#;
    assert_eq!(body.len(), 44);
    for (limit, status) in [("44", 0), ("43", 2)] {
        let output = run(
            command(&["check", "--max-input-bytes", limit, "-"], None),
            body,
        );
        assert_eq!(output.status.code(), Some(status), "limit {limit}");
    }
    // With --jsonl the limit is per line, so a long export of small bodies passes.
    let lines = format!("{}\n", std::str::from_utf8(body).unwrap()).repeat(10);
    let output = run(
        command(
            &[
                "check",
                "--jsonl",
                "--max-input-bytes",
                "44",
                "--format",
                "json",
                "-",
            ],
            None,
        ),
        lines.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output).lines().count(), 10);
}

#[test]
fn an_unreadable_input_is_reported_and_the_others_still_checked() {
    let scratch = Scratch::new("unreadable");
    let bad = scratch.file("bad.json", br#"{"sync_frequency":0}"#);
    let missing = scratch.0.join("missing.json");
    let dir = scratch.0.clone();
    let name = |p: &Path| p.to_str().unwrap().to_string();

    let mut c = bin();
    c.arg("check").arg(&missing).arg(&dir).arg(&bad);
    let output = run(c, b"");
    assert_eq!(output.status.code(), Some(2), "an unreadable input wins");
    let stdout = stdout_of(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{}: cannot read: ", name(&missing))),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!("{}: cannot read: ", name(&dir))),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with(&format!("{}: invalid", name(&bad))),
        "{stdout}"
    );
    assert_eq!(
        stderr_of(&output),
        "preflight: 2 of 3 input(s) could not be read\n"
    );

    for jsonl in [false, true] {
        let mut c = bin();
        c.args(["check", "--format", "json"]);
        if jsonl {
            c.arg("--jsonl");
        }
        c.arg(&missing).arg(&bad);
        let output = run(c, b"");
        assert_eq!(output.status.code(), Some(2));
        let stdout = stdout_of(&output);
        let lines: Vec<Value> = stdout
            .lines()
            .map(|l| preflight::parse(l).unwrap().into_owned())
            .collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        let first = lines[0].as_object().unwrap();
        assert_eq!(
            first.get("source").and_then(Value::as_str),
            Some(name(&missing).as_str())
        );
        assert!(first
            .get("error")
            .and_then(Value::as_str)
            .unwrap()
            .starts_with("cannot read: "));
        assert_eq!(first.len(), 2, "a source and an error, no report");
        let second = lines[1].as_object().unwrap();
        let source = if jsonl {
            format!("{}:1", name(&bad))
        } else {
            name(&bad)
        };
        assert_eq!(
            second.get("source").and_then(Value::as_str),
            Some(source.as_str())
        );
        assert_eq!(second.get("valid"), Some(&Value::Bool(false)));
    }
}

#[test]
fn standard_input_twice_is_a_usage_error() {
    for args in [
        &["check", "-", "-"][..],
        &["check", "--jsonl", "-", "-"],
        &["check", "-", "x.json", "-"],
    ] {
        let output = run(command(args, None), b"{}");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout_of(&output), "", "{args:?}: nothing is checked");
        assert!(
            stderr_of(&output).contains("standard input can be read only once"),
            "{args:?}"
        );
    }
}

#[test]
fn file_names_cannot_reach_the_terminal_raw() {
    let scratch = Scratch::new("names");
    let body = one_line_body();
    let hostile = "a\nb\x1b[31mc\u{202e}d.json";
    let path = scratch.file(hostile, &body);

    let mut c = bin();
    c.arg("check").arg(&path);
    let output = run(c, b"");
    assert_eq!(output.status.code(), Some(0));
    let stdout = stdout_of(&output);
    let first = stdout.lines().next().unwrap();
    let shown = format!(
        "{}/a\\nb\\u{{1b}}[31mc\\u{{202e}}d.json: valid",
        scratch.0.display()
    );
    assert!(first.starts_with(&shown), "{first}");
    assert!(!stdout.contains('\x1b') && !stdout.contains('\u{202e}'));

    let mut c = bin();
    c.args(["check", "--format", "json", "--jsonl"]).arg(&path);
    let output = run(c, b"");
    let stdout = stdout_of(&output);
    assert_eq!(stdout.lines().count(), 1, "the name cannot split the line");
    assert!(!stdout.contains('\x1b'));
    let line = preflight::parse(stdout.trim_end()).unwrap();
    assert_eq!(
        line.as_object()
            .unwrap()
            .get("source")
            .and_then(Value::as_str),
        Some(format!("{}:1", path.to_str().unwrap()).as_str()),
        "JSON carries the exact name"
    );

    // In error messages too, on stdout and stderr.
    let missing = scratch.0.join("gone\x1b[2J.json");
    for args in [&["check"][..], &["normalize"], &["next"], &["summary"]] {
        let output = run(command(args, Some(&missing)), b"");
        assert_eq!(output.status.code(), Some(2));
        let both = stdout_of(&output) + &stderr_of(&output);
        assert!(both.contains("gone\\u{1b}[2J.json"), "{args:?}: {both}");
        assert!(!both.contains('\x1b'), "{args:?}: {both}");
    }
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_accepted() {
    use std::os::unix::ffi::OsStringExt;
    let scratch = Scratch::new("bytes");
    let body = one_line_body();
    let path = scratch.file(OsString::from_vec(b"x\xff\xfe.json".to_vec()), &body);
    let shown = format!("{}/x\\xff\\xfe.json", scratch.0.display());

    let mut c = bin();
    c.arg("check").arg(&path);
    let output = run(c, b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).starts_with(&format!("{shown}: valid")),
        "{}",
        stdout_of(&output)
    );

    let mut c = bin();
    c.args(["check", "--format", "json"]).arg(&path);
    let output = run(c, b"");
    let line = preflight::parse(stdout_of(&output).trim_end())
        .unwrap()
        .into_owned();
    assert_eq!(
        line.as_object()
            .unwrap()
            .get("source")
            .and_then(Value::as_str),
        Some(shown.as_str())
    );

    for args in [
        &["normalize"][..],
        &["next", "--from", "2026-01-01T00:00:00Z"],
        &["summary"],
        &["check", "--jsonl"],
    ] {
        let c = command(args, Some(&path));
        let output = run(c, b"");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn check_output_is_safe_for_a_log_unless_credentials_are_asked_for() {
    let body = br#"{"integration_vendor":"ENTRATA","credentials":{"apiKey":" TOPSECRET-1 ","companyId":"TOPSECRET-2"}}"#;
    for args in [
        &["check", "--format", "json", "-"][..],
        &["check", "--coerce", "--format", "json", "-"],
        &["check", "--coerce", "-"],
        &["check", "--coerce", "--jsonl", "--format", "json", "-"],
    ] {
        let output = run(command(args, None), body);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let stdout = stdout_of(&output);
        assert!(!stdout.contains("TOPSECRET"), "{args:?}: {stdout}");
    }
    let output = run(command(&["check", "--format", "json", "-"], None), body);
    assert!(
        stdout_of(&output)
            .contains(r#""credentials":{"apiKey":"[redacted]","companyId":"[redacted]"}"#),
        "the fields sent stay visible"
    );

    let output = run(
        command(
            &["check", "--show-credentials", "--format", "json", "-"],
            None,
        ),
        body,
    );
    assert!(stdout_of(&output).contains(r#""apiKey":" TOPSECRET-1 ""#));
    let output = run(command(&["normalize", "-"], None), body);
    assert!(
        stdout_of(&output).contains(r#""companyId":"TOPSECRET-2""#),
        "normalize prints the body to send"
    );
}
