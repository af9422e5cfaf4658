//! Runs every shared vector through the `preflight` binary and checks the exit codes and
//! output formats of each command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../preflight/tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use preflight::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that reads files, not stdin, may exit before this is written: that is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("preflight-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The flags that express a vector's options.
fn option_flags(options: &preflight::Object<'_>, scratch: &Scratch, command: &mut Command) {
    for (key, value) in options.iter() {
        match (key.as_ref(), value) {
            ("operation", Value::String(op)) => {
                command.args(["--operation", op]);
            }
            ("coerce", Value::Bool(true)) => {
                command.arg("--coerce");
            }
            ("coerce", Value::Bool(false)) => {}
            ("now", Value::String(now)) => {
                command.args(["--now", now]);
            }
            ("current", v) => {
                command
                    .arg("--current")
                    .arg(scratch.file("current.json", &v.to_json()));
            }
            ("rate_limits", v) => {
                command
                    .arg("--rate-limits")
                    .arg(scratch.file("limits.json", &v.to_json()));
            }
            (other, _) => panic!("option {other} has no flag"),
        }
    }
}

/// What a vector sends: its raw `body_text`, or its `body` as JSON.
fn vector_stdin(vector: &preflight::Object<'_>, path: &Path) -> String {
    match (vector.get("body_text"), vector.get("body")) {
        (Some(Value::String(t)), None) => t.to_string(),
        (None, Some(body)) => body.to_json(),
        _ => panic!("{}: body or body_text", path.display()),
    }
}

#[test]
fn every_vector_gives_the_same_report_through_the_cli() {
    let scratch = Scratch::new("vectors");
    let mut failures = Vec::new();
    let files = common::vector_files();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let vector = preflight::parse(&text).unwrap();
        let vector = vector.as_object().unwrap();
        let options = vector.get("options").and_then(Value::as_object).unwrap();
        let stdin = vector_stdin(vector, path);
        let mut command = bin();
        command.args(["check", "--format", "json", "--show-credentials"]);
        option_flags(options, &scratch, &mut command);
        command.arg("-");
        let output = run(command, stdin.as_bytes());
        if let Some(Value::String(message)) = vector.get("usage_error") {
            // Bad options: exit 2, the core's message on stderr, nothing on stdout.
            let expected = format!("preflight: {message}\n");
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.code() != Some(2) || stderr != expected || !output.stdout.is_empty() {
                failures.push(format!(
                    "{}: exit {:?} (expected 2)\n  stderr   {stderr}\n  expected {expected}",
                    path.display(),
                    output.status.code()
                ));
            }
            continue;
        }
        let expected = vector.get("report").unwrap().to_json();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let line = stdout.trim_end();
        let report = line
            .strip_prefix("{\"source\":\"-\",")
            .map(|rest| format!("{{{rest}"))
            .unwrap_or_default();
        let valid = vector
            .get("expect")
            .and_then(Value::as_object)
            .and_then(|e| e.get("valid"))
            .and_then(Value::as_bool)
            .unwrap();
        let expected_code = if valid { 0 } else { 1 };
        if report != expected || output.status.code() != Some(expected_code) {
            failures.push(format!(
                "{}: exit {:?} (expected {expected_code})\n  got      {report}\n  expected {expected}\n  stderr   {}",
                path.display(),
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if let Some(Value::String(from)) = vector.get("from") {
            let count = vector
                .get("count")
                .and_then(Value::as_f64)
                .unwrap_or(10.0)
                .to_string();
            let mut next = bin();
            next.args([
                "next", "--format", "json", "--from", from, "--count", &count,
            ]);
            option_flags(options, &scratch, &mut next);
            next.arg("-");
            let output = run(next, stdin.as_bytes());
            let got = String::from_utf8(output.stdout).unwrap();
            let expected_text = common::expected_next(vector).map(|expected| expected.to_json());
            match expected_text {
                Some(expected) if got.trim_end() != expected => {
                    failures.push(format!(
                        "{}: next\n  got      {}\n  expected {expected}",
                        path.display(),
                        got.trim_end()
                    ));
                }
                None if output.status.code() != Some(2) => {
                    failures.push(format!("{}: next should fail with exit 2", path.display()));
                }
                _ => {}
            }
            let mut summary = bin();
            summary.args(["summary", "--format", "json"]);
            option_flags(options, &scratch, &mut summary);
            summary.arg("-");
            let output = run(summary, stdin.as_bytes());
            let got = String::from_utf8(output.stdout).unwrap();
            let expected = vector.get("weekly").unwrap().to_json();
            if got.trim_end() != expected {
                failures.push(format!(
                    "{}: summary\n  got      {}\n  expected {expected}",
                    path.display(),
                    got.trim_end()
                ));
            }
        }
    }
    assert!(files.len() >= 150);
    assert!(
        failures.is_empty(),
        "{} vectors differ through the CLI:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn check_redacts_the_credentials_of_every_vector_unless_asked() {
    let scratch = Scratch::new("redacted");
    let mut redacted = 0;
    for path in common::vector_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let vector = preflight::parse(&text).unwrap();
        let vector = vector.as_object().unwrap();
        let has_credentials = vector
            .get("report")
            .and_then(Value::as_object)
            .and_then(|r| r.get("normalized"))
            .and_then(Value::as_object)
            .is_some_and(|n| n.get("credentials").is_some());
        if !has_credentials {
            continue;
        }
        let options = vector.get("options").and_then(Value::as_object).unwrap();
        let stdin = vector_stdin(vector, &path);
        let mut command = bin();
        command.args(["check", "--format", "json"]);
        option_flags(options, &scratch, &mut command);
        command.arg("-");
        let output = run(command, stdin.as_bytes());
        let core_options = preflight::Options::from_value(&Value::Object(options.clone())).unwrap();
        let expected = preflight::check(&stdin, &core_options)
            .with_credentials_redacted()
            .to_json();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            stdout.trim_end().strip_prefix("{\"source\":\"-\","),
            expected.strip_prefix('{'),
            "{}",
            path.display()
        );
        redacted += 1;
    }
    assert!(redacted >= 10, "{redacted} vectors carry credentials");
}

fn example(name: &str) -> String {
    repo().join("examples").join(name).display().to_string()
}

#[test]
fn check_exit_codes_and_text_output() {
    let output = run(
        {
            let mut c = bin();
            c.args(["check", &example("update-valid.json")]);
            c
        },
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("valid (0 error(s), 5 warning(s))"), "{text}");
    assert!(
        text.contains("/sync_frequency  warning  fixed_schedule_ignored"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );

    let output = run(
        {
            let mut c = bin();
            c.args([
                "check",
                &example("update-valid.json"),
                &example("update-invalid.json"),
            ]);
            c
        },
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "any invalid body gives 1");

    let output = run(
        {
            let mut c = bin();
            c.args(["check", "does-not-exist.json"]);
            c
        },
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("does-not-exist.json: cannot read: ")
    );

    let output = run(
        {
            let mut c = bin();
            c.args(["check", "--operation", "delete", "-"]);
            c
        },
        b"{}",
    );
    assert_eq!(output.status.code(), Some(2), "usage errors give 2");
}

#[test]
fn jsonl_reports_each_line_with_its_source() {
    let scratch = Scratch::new("jsonl");
    let file = scratch.file(
        "export.jsonl",
        "{\"name\":\"a\"}\n\n{\"sync_frequency\":0}\r\nnot json\n",
    );
    let output = run(
        {
            let mut c = bin();
            c.args(["check", "--jsonl", "--format", "json"]).arg(&file);
            c
        },
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "blank lines are skipped: {stdout}");
    let name = file.display().to_string();
    for (line, (number, valid, code)) in lines.iter().zip([
        (1, true, ""),
        (3, false, "too_small"),
        (4, false, "invalid_json"),
    ]) {
        let v = preflight::parse(line).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(
            o.get("source").and_then(Value::as_str),
            Some(format!("{name}:{number}").as_str())
        );
        assert_eq!(o.get("valid"), Some(&Value::Bool(valid)));
        if !code.is_empty() {
            assert!(line.contains(&format!("\"code\":\"{code}\"")), "{line}");
        }
    }
}

#[test]
fn normalize_prints_the_canonical_body_or_fails() {
    let output = run(
        {
            let mut c = bin();
            c.args(["normalize", "--coerce", "-"]);
            c
        },
        br#"{"sync_cadence":" hour ","sync_frequency":"6","system":"PRODUCTION"}"#,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "{\"sync_frequency\":6,\"sync_cadence\":\"HOUR\"}\n"
    );

    let output = run(
        {
            let mut c = bin();
            c.args(["normalize", "-"]);
            c
        },
        br#"{"sync_frequency":0}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("too_small"));
}

#[test]
fn schema_is_the_library_schema() {
    let output = run(
        {
            let mut c = bin();
            c.args(["schema", "--operation", "create"]);
            c
        },
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let printed = preflight::parse(std::str::from_utf8(&output.stdout).unwrap()).unwrap();
    assert_eq!(
        printed.to_json(),
        preflight::json_schema(preflight::Operation::Create).to_json()
    );
}

#[test]
fn help_explains_every_flag_with_an_example() {
    let output = run(
        {
            let mut c = bin();
            c.args(["check", "--help"]);
            c
        },
        b"",
    );
    let help = String::from_utf8(output.stdout).unwrap();
    for flag in [
        "--operation",
        "--coerce",
        "--current",
        "--rate-limits",
        "--format",
        "--jsonl",
        "--now",
        "Examples:",
    ] {
        assert!(help.contains(flag), "check --help lacks {flag}:\n{help}");
    }
}
