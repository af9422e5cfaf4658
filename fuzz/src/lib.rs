//! The bodies of the fuzz targets, kept in a library so that `tests/corpus.rs` can run
//! them over the corpus as a plain `cargo test` (no libFuzzer, no nightly).
//!
//! Input format, shared by the three targets (so one corpus file is readable by all):
//!
//! ```text
//! byte 0       flags: bit 0 = create, bit 1 = coerce, bit 2 = options JSON follows
//!              (the digits '0'..'7' are valid flag bytes, so corpus files stay readable)
//! [options]    with bit 2: the options JSON (current, rate_limits, now), ended by 0x1E
//! body         the body as bytes (checked as UTF-8 text, and as a value when it parses)
//! ```
//!
//! The `schedule` target reads one more line before the body: `FROM COUNT\n`, where
//! `FROM` is RFC 3339 or Unix seconds.
//!
//! Every target panics (so libFuzzer records a crash) when an invariant of the report
//! does not hold; each assertion names the promise it checks.
#![allow(clippy::panic)]

use preflight::{Code, Object, Operation, Options, PathSegment, Report, Severity, Value};

/// "Now" when the options do not say: fixed, so every run of an input is identical.
const NOW: i64 = 1_768_435_200; // 2026-01-15T00:00:00Z, the "now" of most shared vectors

/// Marker appended to every credential value by the leak check. An input that already
/// contains it is not leak-checked.
const MARKER: &str = "QzXleakXzQ";

/// The decoded input of a target.
#[derive(Debug)]
pub struct Input<'a> {
    pub operation: Operation,
    pub coerce: bool,
    pub options_text: Option<&'a [u8]>,
    pub body: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn parse(data: &'a [u8]) -> Option<Input<'a>> {
        let (&flags, rest) = data.split_first()?;
        let (options_text, body) = if flags & 4 != 0 {
            match rest.iter().position(|&b| b == 0x1e) {
                Some(at) => (rest.get(..at), rest.get(at + 1..).unwrap_or(&[])),
                None => (None, rest),
            }
        } else {
            (None, rest)
        };
        Some(Input {
            operation: if flags & 1 != 0 {
                Operation::Create
            } else {
                Operation::Update
            },
            coerce: flags & 2 != 0,
            options_text,
            body,
        })
    }

    /// The options: `current`, `rate_limits` and `now` from the options JSON when it
    /// reads (a usage error is fine, it must only not panic), operation and coerce from
    /// the flags, and a fixed `now` unless given.
    pub fn options(&self) -> Options {
        let mut options = self
            .options_text
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(|t| Options::from_json(t).ok())
            .unwrap_or_default();
        options.operation = self.operation;
        options.coerce = self.coerce;
        if options.now.is_none() {
            options.now = Some(NOW);
        }
        options
    }
}

// ---------------------------------------------------------------------------------------
// Targets

/// `check` on arbitrary bytes: no panic, and the report keeps its promises.
pub fn check(data: &[u8]) {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let options = input.options();
    let report = preflight::check_bytes(input.body, &options);
    report_invariants(&report);
    let json = report.to_json();
    let _ = format!("{report:?}");
    envelope_invariants(&report);

    let Ok(text) = std::str::from_utf8(input.body) else {
        assert_eq!(
            report.issues.len(),
            1,
            "invalid UTF-8 is one invalid_json issue"
        );
        return;
    };
    assert_eq!(
        preflight::check(text, &options).to_json(),
        json,
        "check(text) and check_bytes(bytes) differ"
    );
    let Ok(value) = preflight::parse(text) else {
        return;
    };
    assert_eq!(
        preflight::check_value(&value, &options).to_json(),
        json,
        "the report from the text and from the parsed value differ"
    );
    document_order(&value, &report);
    if round_trips(&value) {
        let again = value.to_json();
        assert_eq!(
            preflight::check(&again, &options).to_json(),
            json,
            "re-serializing the parsed body changed its report: {again}"
        );
    }
    if !text.contains(MARKER) {
        no_credential_leak(&value, &options);
    }
}

/// Normalization: idempotent, error-free, adds no field, changes no meaning, and leaves
/// alone under `coerce` what it produced.
pub fn normalize(data: &[u8]) {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let options = input.options();
    let Ok(text) = std::str::from_utf8(input.body) else {
        return;
    };
    let Ok(body) = preflight::parse(text) else {
        return;
    };
    let report = preflight::check_value(&body, &options);
    let Some(normalized) = &report.normalized else {
        return;
    };
    let canonical = normalized.to_json();

    for coerce in [false, true] {
        let again_options = Options {
            coerce,
            ..options.clone()
        };
        let again = preflight::check(&canonical, &again_options);
        let errors: Vec<_> = again.errors().collect();
        // Under coerce a blank string is trimmed to "", which a required non-empty key
        // (a credential such as RealPage RPX's licensekey) then rejects: that is SPEC §6
        // (trim, then the strict check), not a normalization bug.
        let trimmed_to_empty = coerce && !options.coerce && has_blank_string(normalized);
        assert!(
            errors.is_empty() || trimmed_to_empty,
            "the normalized body has errors (coerce {coerce}): {errors:?}\n{canonical}"
        );
        if coerce && !options.coerce {
            // A strict body under coerce: only what SPEC §6 does to any string may
            // change (surrounding whitespace trimmed, "" in an optional field dropped).
            for change in &again.changes {
                assert!(
                    is_string_trim(&change.from, change.to.as_ref()),
                    "coerce changed a normalized strict body: {change:?}\n{canonical}"
                );
            }
            continue;
        }
        assert_eq!(
            again.normalized.as_ref().map(Value::to_json).as_deref(),
            Some(canonical.as_str()),
            "normalizing twice changed the bytes (coerce {coerce})"
        );
        assert!(
            again.changes.is_empty(),
            "the normalized body still has changes (coerce {coerce}): {:?}",
            again.changes
        );
    }

    // Normalization never adds a field (no defaults on create, nothing reset on update).
    let sent: Vec<&str> = body
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    if let Some(out) = normalized.as_object() {
        for key in out.keys() {
            assert!(sent.contains(&key), "normalization added '{key}'");
        }
    }

    // ... and never changes meaning: the schedule in force is the same.
    let strict = Options {
        coerce: false,
        ..options.clone()
    };
    assert_eq!(
        preflight::effective_schedule(normalized, &strict),
        preflight::effective_schedule(&body, &options),
        "normalization changed the schedule in force\n{canonical}"
    );
}

/// The schedule engine: effective schedule, next syncs and weekly summary never panic,
/// and the instants are increasing, counted and at or after `from`.
pub fn schedule(data: &[u8]) {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let options = input.options();
    let (from, count, body) = split_from_count(input.body);
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let value = preflight::parse(text).unwrap_or(Value::Null);

    let effective = preflight::effective_schedule(&value, &options);
    let _ = effective.summary();
    let _ = effective.to_value().to_json();
    match preflight::next_syncs(&value, &options, from, count) {
        Ok(next) => {
            let syncs = &next.syncs;
            assert!(syncs.len() <= count, "more instants than asked for");
            assert_eq!(
                next.complete(),
                syncs.len() == count,
                "fewer instants than asked for, and not said (or said wrongly)"
            );
            for pair in syncs.windows(2) {
                if let [a, b] = pair {
                    assert!(a.unix < b.unix, "instants not increasing: {a:?} {b:?}");
                }
            }
            for sync in syncs {
                assert!(sync.unix >= from, "an instant before from: {sync:?}");
                for text in [&sync.utc, &sync.local] {
                    let unix = preflight::parse_rfc3339(text);
                    assert_eq!(unix, Ok(sync.unix), "RFC 3339 text and instant differ");
                }
            }
            if let preflight::EffectiveSchedule::Fixed { .. } = effective {
                if count > 0 {
                    assert!(!syncs.is_empty(), "a fixed schedule always syncs");
                }
            }
        }
        Err(error) => assert!(!error.message.is_empty()),
    }
    let weekly = preflight::weekly_summary(&value, &options);
    let _ = weekly.to_value().to_json();
    assert!(
        weekly.per_day.iter().all(|n| *n >= 0.0) && weekly.per_week >= 0.0,
        "negative sync counts: {weekly:?}"
    );
}

/// The characters of a JSON number; `number` keeps these bytes and maps every other
/// byte onto a digit, so most inputs are numbers and corpus files stay readable.
const NUMBER_CHARACTERS: &[u8] = b"0123456789.eE+-";

/// Target `number`: the core reads a JSON number to the same double as the standard
/// library's correctly rounded parser, bit for bit (ties to even, ±Infinity above the
/// range, ±0 below it, however many digits), and rejects exactly the texts that are not
/// JSON numbers.
pub fn number(data: &[u8]) {
    let text: String = data
        .iter()
        .map(|&b| {
            char::from(if NUMBER_CHARACTERS.contains(&b) {
                b
            } else {
                b'0' + b % 10
            })
        })
        .collect();
    let json_number = is_json_number(&text);
    match preflight::parse(&text) {
        Ok(Value::Number(ours)) => {
            assert!(json_number, "read {text:?} as a number");
            let reference = text
                .parse::<f64>()
                .expect("the standard parser reads a JSON number");
            assert_eq!(
                ours.to_bits(),
                reference.to_bits(),
                "{text:?}: read {ours:e}, the correctly rounded double is {reference:e}"
            );
        }
        Ok(other) => panic!("{text:?} read as {other:?}"),
        Err(_) => assert!(!json_number, "rejected the JSON number {text:?}"),
    }
}

/// `-? (0 | [1-9] digit*) (. digit+)? ([eE] [+-]? digit+)?`, written out independently
/// of the core's parser.
fn is_json_number(text: &str) -> bool {
    fn digits(s: &[u8]) -> usize {
        s.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let mut s = text.as_bytes();
    if let Some(rest) = s.strip_prefix(b"-") {
        s = rest;
    }
    let integer = digits(s);
    if integer == 0 || (integer > 1 && s.first() == Some(&b'0')) {
        return false;
    }
    s = &s[integer..];
    if let Some(rest) = s.strip_prefix(b".") {
        let fraction = digits(rest);
        if fraction == 0 {
            return false;
        }
        s = &rest[fraction..];
    }
    if let Some(rest) = s.strip_prefix(b"e").or_else(|| s.strip_prefix(b"E")) {
        let rest = rest
            .strip_prefix(b"+")
            .or_else(|| rest.strip_prefix(b"-"))
            .unwrap_or(rest);
        let exponent = digits(rest);
        if exponent == 0 {
            return false;
        }
        s = &rest[exponent..];
    }
    s.is_empty()
}

/// A non-empty string of only whitespace anywhere inside `value`.
fn has_blank_string(value: &Value<'_>) -> bool {
    match value {
        Value::String(s) => !s.is_empty() && s.trim().is_empty(),
        Value::Array(items) => items.iter().any(has_blank_string),
        Value::Object(o) => o.iter().any(|(_, v)| has_blank_string(v)),
        _ => false,
    }
}

/// A change coerce may make to a string that strict mode accepts: trimming it, or
/// dropping it when blank (credential values are redacted on both sides).
fn is_string_trim(from: &Value<'_>, to: Option<&Value<'_>>) -> bool {
    let Some(from) = from.as_str() else {
        return false;
    };
    match to {
        None => from.trim().is_empty() || from == preflight::REDACTED,
        Some(to) => to
            .as_str()
            .is_some_and(|to| to == from.trim() || to == preflight::REDACTED),
    }
}

/// `FROM COUNT\n` before the body of a `schedule` input; defaults when absent.
fn split_from_count(body: &[u8]) -> (i64, usize, &[u8]) {
    const DEFAULT: (i64, usize) = (NOW, 10);
    let Some(newline) = body.iter().position(|&b| b == b'\n') else {
        return (DEFAULT.0, DEFAULT.1, body);
    };
    let line = std::str::from_utf8(body.get(..newline).unwrap_or(&[])).unwrap_or("");
    let mut words = line.split_whitespace();
    let (Some(from), Some(count)) = (words.next(), words.next()) else {
        return (DEFAULT.0, DEFAULT.1, body);
    };
    let from = from
        .parse::<i64>()
        .ok()
        .or_else(|| preflight::parse_from(from).ok());
    let Some(from) = from else {
        return (DEFAULT.0, DEFAULT.1, body);
    };
    // Keep each run fast: a few hundred instants show every path of the engine.
    let count = count.parse::<usize>().unwrap_or(10).min(600);
    (from, count, body.get(newline + 1..).unwrap_or(&[]))
}

// ---------------------------------------------------------------------------------------
// Invariants

/// What every report promises, whatever the input.
pub fn report_invariants(report: &Report<'_>) {
    let errors = report.issues.iter().filter(|i| i.is_error()).count();
    assert_eq!(report.valid, errors == 0, "valid disagrees with the issues");
    assert_eq!(
        report.valid,
        report.normalized.is_some(),
        "normalized is present exactly when valid"
    );
    if let Some(normalized) = &report.normalized {
        assert!(normalized.as_object().is_some(), "normalized is an object");
    }
    assert!(
        report.issues.len() <= preflight::MAX_ISSUES + 1,
        "more than {} issues",
        preflight::MAX_ISSUES
    );
    if report.issues.len() > preflight::MAX_ISSUES {
        let last = report.issues.last().map(|i| i.code);
        assert_eq!(last, Some(Code::TooManyIssues), "overflow not counted");
    }
    for (i, issue) in report.issues.iter().enumerate() {
        assert_eq!(issue.pointer, preflight::json::pointer(&issue.path));
        assert!(!issue.message.is_empty(), "empty message: {issue:?}");
        assert_eq!(issue.severity == Severity::Error, issue.is_error());
        if issue.code == Code::TooManyIssues {
            assert_eq!(i, preflight::MAX_ISSUES, "too_many_issues is last");
        }
        if issue.code == Code::InvalidJson {
            assert_eq!(report.issues.len(), 1, "invalid_json is alone");
        }
    }
    for change in &report.changes {
        assert_eq!(change.pointer, preflight::json::pointer(&change.path));
    }
    let json = report.to_json();
    assert!(
        preflight::parse(&json).is_ok(),
        "the report is not JSON: {json}"
    );
}

/// The 400 envelope: built from the report or from its JSON, the same bytes.
fn envelope_invariants(report: &Report<'_>) {
    let direct = preflight::to_error_response(report).to_json();
    let json = report.to_json();
    let Ok(read_back) = preflight::parse(&json) else {
        panic!("the report is not JSON");
    };
    match preflight::to_error_response_from_value(&read_back) {
        Ok(envelope) => assert_eq!(
            envelope.to_json(),
            direct,
            "the envelope from the report's JSON differs"
        ),
        Err(e) => panic!("the report's own JSON is not a report: {e}"),
    }
}

/// Position of a path in the body's document order: per step, the index of the key in
/// its object (a key the object does not have sorts after every key it has) or the array
/// index. A parent's position is a prefix of its children's, so it sorts first.
pub fn document_position(body: &Value<'_>, path: &[PathSegment<'_>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(path.len());
    let mut current = Some(body);
    for segment in path {
        let Some(value) = current else { break };
        current = match (segment, value) {
            (PathSegment::Key(k), Value::Object(o)) => match o.position(k) {
                Some(i) => {
                    out.push(i);
                    o.get(k)
                }
                None => {
                    out.push(o.len());
                    None
                }
            },
            (PathSegment::Index(i), Value::Array(items)) => {
                out.push(*i);
                items.get(*i)
            }
            _ => {
                out.push(usize::MAX);
                None
            }
        };
    }
    out
}

/// Issues, and changes, come in the document order of the body (SPEC §3).
pub fn document_order(body: &Value<'_>, report: &Report<'_>) {
    let issues: Vec<_> = report
        .issues
        .iter()
        .filter(|i| i.code != Code::TooManyIssues)
        .map(|i| (document_position(body, &i.path), &i.pointer))
        .collect();
    for pair in issues.windows(2) {
        if let [(a, pa), (b, pb)] = pair {
            assert!(a <= b, "issue at {pb} comes after the issue at {pa}");
        }
    }
    let changes: Vec<_> = report
        .changes
        .iter()
        .map(|c| (document_position(body, &c.path), &c.pointer))
        .collect();
    for pair in changes.windows(2) {
        if let [(a, pa), (b, pb)] = pair {
            assert!(a <= b, "change at {pb} comes after the change at {pa}");
        }
    }
}

/// A value whose JSON text parses back to an equal value: no host-only value, no
/// non-finite number (written as `null`).
fn round_trips(value: &Value<'_>) -> bool {
    match value {
        Value::Foreign(_) => false,
        Value::Number(n) => n.is_finite(),
        Value::Array(items) => items.iter().all(round_trips),
        Value::Object(o) => o.iter().all(|(_, v)| round_trips(v)),
        _ => true,
    }
}

/// Every string inside `value` with the marker appended.
fn mark(value: &Value<'_>) -> Value<'static> {
    match value {
        Value::String(s) => Value::from(format!("{s}{MARKER}")),
        Value::Array(items) => Value::Array(items.iter().map(mark).collect()),
        Value::Object(o) => {
            let mut out = Object::with_capacity(o.len());
            for (k, v) in o.iter() {
                out.push_unique(k.clone().into_owned().into(), mark(v));
            }
            Value::Object(out)
        }
        other => other.clone().into_owned(),
    }
}

/// No credential value appears in the report outside `normalized.credentials`: not in a
/// message, a param, a change, `Debug` output or the 400 envelope.
fn no_credential_leak(body: &Value<'_>, options: &Options) {
    let Some(object) = body.as_object() else {
        return;
    };
    if object.get("credentials").is_none() {
        return;
    }
    let mut marked = Object::with_capacity(object.len());
    for (k, v) in object.iter() {
        let v = if k == "credentials" {
            mark(v)
        } else {
            v.clone().into_owned()
        };
        marked.push_unique(k.clone().into_owned().into(), v);
    }
    let marked = Value::Object(marked);
    let report = preflight::check_value(&marked, options);
    let mut visible = report.clone();
    if let Some(Value::Object(normalized)) = &mut visible.normalized {
        normalized.remove("credentials");
    }
    let places = [
        ("the report", visible.to_json()),
        ("Debug", format!("{report:?}")),
        (
            "the 400 envelope",
            preflight::to_error_response(&report).to_json(),
        ),
    ];
    for (place, text) in places {
        assert!(
            !text.contains(MARKER),
            "a credential value leaked into {place}: {text}"
        );
    }
}
