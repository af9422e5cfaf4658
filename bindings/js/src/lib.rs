//! The WebAssembly side of the npm package `propexo-preflight`.
//!
//! It converts and nothing else: bodies and options arrive as JSON text (or bytes), the
//! core checks them, and reports leave as the core's canonical JSON text, which the
//! JavaScript side turns into objects with `JSON.parse`. Every rule, message and default
//! lives in the `preflight` crate.
//!
//! JSON text cannot carry every value a JavaScript object can hold. The package's
//! JavaScript walk reads an object once and writes *host text* ([`preflight::parse_host`]):
//! JSON where such a value is `!` and a letter (`!u` undefined, `!n` NaN…), so the
//! core's parser builds its [`Value::Foreign`] markers in the same pass as everything else.
//! Text a caller gave is always parsed as plain JSON, where `!` is an error.
//!
//! Usage errors (bad options, bad arguments) are returned as `!` and their message, which
//! the JavaScript side throws as a `TypeError`.

use preflight::{Options, UsageError, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Milliseconds since the Unix epoch: the core has no clock on bare wasm.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

/// The browser build's allocator (see the feature in Cargo.toml).
#[cfg(all(feature = "small-alloc", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// What a call returns to JavaScript: JSON text, or the message of a usage error.
#[doc(hidden)] // also used by the benchmark crate bench/swb
pub type Outcome = Result<String, String>;

/// Parses the host text the JavaScript walk wrote from an object.
fn host_value(text: &str) -> Result<Value<'_>, String> {
    preflight::parse_host(text).map_err(|e| format!("internal error: {e}"))
}

/// Reads the options, and stamps `now` from the JavaScript clock when none was given.
/// `text` is the host text of the options object, as the JavaScript walk wrote it.
#[doc(hidden)] // also used by the benchmark crate bench/swb
pub fn read_options(text: Option<String>) -> Result<Options, String> {
    read_options_at(text, None)
}

/// [`read_options`] with the clock read by the caller (milliseconds since the epoch), so
/// that two calls about one body agree on `now`.
fn read_options_at(text: Option<String>, now_ms: Option<f64>) -> Result<Options, String> {
    let mut options = match text {
        None => Options::default(),
        Some(text) => Options::from_value(&host_value(&text)?).map_err(message)?,
    };
    if options.now.is_none() {
        let seconds = (now_ms.unwrap_or_else(date_now) / 1000.0).floor();
        if seconds.is_finite() {
            options.now = Some(seconds as i64);
        }
    }
    Ok(options)
}

fn message(error: UsageError) -> String {
    error.message
}

/// The body of the schedule tools: UTF-8 bytes of the caller's JSON text, or of the host
/// text the JavaScript walk wrote from an object (`host`).
fn body_value(bytes: &[u8], host: bool) -> Result<Value<'_>, String> {
    if host {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("internal error: {e}"))?;
        return host_value(text);
    }
    preflight::parse_bytes(bytes).map_err(|e| format!("body is not valid JSON: {e}"))
}

// The module exports two functions of one wasm signature, `call_text` and `call_bytes`,
// instead of one export per operation: Node 20's V8 compiles a JavaScript-to-wasm wrapper
// for every distinct exported signature when it compiles the module, and those wrappers
// were half of the module's compile time at a cold start (docs/benchmarks.md, "Node cold
// start"). `js/api.js` (`exportsOf`) turns the two back into one function per operation.

/// What a call asks for. The numbers are also `Op` in `js/api.js`; every vector runs
/// through the package's entries, so a mismatch fails them.
mod op {
    pub const CHECK: u32 = 0;
    pub const ERROR_RESPONSE: u32 = 1;
    pub const EFFECTIVE_SCHEDULE: u32 = 2;
    pub const WEEKLY_SUMMARY: u32 = 3;
    pub const NEXT_SYNCS: u32 = 4;
    pub const CREDENTIAL_SHAPES: u32 = 5;
    pub const LIMITS: u32 = 6;
}

/// Bits of a call's `flags` (also `Flag` in `js/api.js`).
mod flag {
    /// The body is host text written by the JavaScript walk, not the caller's JSON.
    pub const HOST: u32 = 1;
    /// Only `{"valid","issues"}` (see [`check_text`](super::check_text)).
    pub const ISSUES_ONLY: u32 = 2;
    /// `number` holds a value (the clock for a check, the count for `next_syncs`).
    pub const NUMBER: u32 = 4;
}

/// A call's body: a JavaScript string, or bytes (a caller's `Uint8Array`, or text the
/// JavaScript side encoded).
enum Body<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// Runs operation `op` (see [`op`]) with a body given as a JavaScript string.
///
/// Returns the answer's JSON text, or `!` and the message of a usage error (JSON text
/// never starts with `!`), which the JavaScript side throws as a `TypeError`.
#[wasm_bindgen]
pub fn call_text(
    op: u32,
    flags: u32,
    body: &str,
    options: Option<String>,
    from: Option<String>,
    number: f64,
) -> String {
    answer(run(op, flags, Body::Text(body), options, from, number))
}

/// [`call_text`] with the body as UTF-8 bytes.
#[wasm_bindgen]
pub fn call_bytes(
    op: u32,
    flags: u32,
    body: &[u8],
    options: Option<String>,
    from: Option<String>,
    number: f64,
) -> String {
    answer(run(op, flags, Body::Bytes(body), options, from, number))
}

fn answer(outcome: Outcome) -> String {
    match outcome {
        Ok(json) => json,
        Err(message) => {
            let mut text = String::with_capacity(message.len() + 1);
            text.push('!');
            text.push_str(&message);
            text
        }
    }
}

// Each operation but the check is a function of its own (`inline(never)`): a wasm engine
// compiles a function whole on its first call, and a process's first call is a check.
fn run(
    op: u32,
    flags: u32,
    body: Body<'_>,
    options: Option<String>,
    from: Option<String>,
    number: f64,
) -> Outcome {
    let host = flags & flag::HOST != 0;
    let number = (flags & flag::NUMBER != 0).then_some(number);
    let bytes = match body {
        Body::Text(text) if op == op::CHECK => {
            return check_text(text, host, options, number, flags & flag::ISSUES_ONLY != 0)
        }
        Body::Text(text) => text.as_bytes(),
        Body::Bytes(bytes) => bytes,
    };
    match op {
        op::CHECK => check_bytes(bytes, options),
        op::ERROR_RESPONSE => error_response(bytes),
        op::EFFECTIVE_SCHEDULE => effective_schedule(bytes, host, options),
        op::WEEKLY_SUMMARY => weekly_summary(bytes, host, options),
        op::NEXT_SYNCS => next_syncs(bytes, host, options, from.as_deref(), number),
        op::CREDENTIAL_SHAPES => Ok(preflight::credential_shapes().to_json()),
        op::LIMITS => Ok(limits()),
        _ => Err(String::from("internal error: unknown operation")),
    }
}

/// Checks a body given as JSON text (a JavaScript string), or as the host text the
/// package's walk wrote from an object (`host`), and returns the report's JSON. `now_ms`
/// is the clock when the options have no `now` (the JavaScript clock when absent). With
/// `issues_only`, only `valid` and `issues` (without building the normalized body and
/// the changes; as the report's JSON up to `issues`, or in the Node build the verdict's
/// flat form, which `verdictOf` in `js/api.js` reads): the package's `check` asks for that,
/// and for the full report with the same text, options and `now_ms` only when the caller
/// reads `normalized` or `changes`.
fn check_text(
    text: &str,
    host: bool,
    options: Option<String>,
    now_ms: Option<f64>,
    issues_only: bool,
) -> Outcome {
    let options = read_options_at(options, now_ms)?;
    // The Node build reads host text straight into the typed body, and answers a verdict
    // in its flat form (`Verdict::to_flat_json`: the JavaScript makes the report's objects
    // from it faster than `JSON.parse` makes them from the JSON); the browser build reads
    // host text through the general tree and answers JSON, which is less code.
    #[cfg(feature = "speed")]
    {
        let internal = |e: preflight::ParseError| format!("internal error: {e}");
        match (host, issues_only) {
            (true, true) => Ok(preflight::verdict_host(text, &options)
                .map_err(internal)?
                .to_flat_json()),
            (true, false) => Ok(preflight::check_host(text, &options)
                .map_err(internal)?
                .to_json()),
            (false, true) => Ok(preflight::verdict(text, &options).to_flat_json()),
            (false, false) => Ok(preflight::check(text, &options).to_json()),
        }
    }
    #[cfg(not(feature = "speed"))]
    {
        if host {
            let value = host_value(text)?;
            if issues_only {
                return Ok(preflight::verdict_value(&value, &options).to_json());
            }
            return Ok(preflight::check_value(&value, &options).to_json());
        }
        if issues_only {
            return Ok(preflight::verdict(text, &options).to_json());
        }
        Ok(preflight::check(text, &options).to_json())
    }
}

/// Checks a body given as UTF-8 bytes (a `Uint8Array` or `ArrayBuffer`).
#[inline(never)]
fn check_bytes(bytes: &[u8], options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    Ok(preflight::check_bytes(bytes, &options).to_json())
}

/// The server's 400 body for the errors of a report, given as host text as the
/// JavaScript walk wrote it from the report object.
#[inline(never)]
fn error_response(report: &[u8]) -> Outcome {
    let report = body_value(report, true)?;
    preflight::to_error_response_from_value(&report)
        .map(|response| response.to_json())
        .map_err(message)
}

/// The schedule in force, after `current` and the documented defaults.
#[inline(never)]
fn effective_schedule(bytes: &[u8], host: bool, options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    Ok(preflight::effective_schedule(&body, &options)
        .to_value()
        .to_json())
}

/// Syncs per day and per week, and the week's coverage.
#[inline(never)]
fn weekly_summary(bytes: &[u8], host: bool, options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    Ok(preflight::weekly_summary(&body, &options)
        .to_value()
        .to_json())
}

/// The next `count` sync instants at or after `from` (RFC 3339), and whether all exist:
/// `{"syncs", "complete", "end"}`.
#[inline(never)]
fn next_syncs(
    bytes: &[u8],
    host: bool,
    options: Option<String>,
    from: Option<&str>,
    count: Option<f64>,
) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    let from = preflight::parse_from(from.unwrap_or_default()).map_err(message)?;
    let count = count.unwrap_or(f64::NAN);
    if !(count.is_finite() && count >= 0.0 && count.fract() == 0.0) {
        return Err(String::from("count must be a non-negative integer"));
    }
    // Saturates: a count beyond usize is "too many" for the core as well.
    let count = count as usize;
    let next = preflight::next_syncs(&body, &options, from, count).map_err(message)?;
    Ok(next.to_value().to_json())
}

// No json_schema here: the JSON Schemas ship as data files (bindings/js/schema/), which
// keeps their construction and descriptions out of the module a browser downloads.

/// `[deepest nesting the core reads, most items the JavaScript walk reads]`: the walk
/// stops at the same depth, and writes a container past its items as `!g`.
#[inline(never)]
fn limits() -> String {
    Value::Array(vec![
        Value::from(preflight::MAX_DEPTH),
        Value::from(preflight::MAX_HOST_ITEMS),
    ])
    .to_json()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;
    use preflight::Foreign;

    #[test]
    fn host_text_restores_what_json_cannot_hold() {
        let value = host_value(r#"{"a":!u,"b":[1,!n],"c":{"d":!z}}"#).unwrap();
        let o = value.as_object().unwrap();
        assert_eq!(o.get("a"), Some(&Value::Foreign(Foreign::Undefined)));
        match o.get("b") {
            Some(Value::Array(items)) => assert!(items[1].as_f64().unwrap().is_nan()),
            other => panic!("{other:?}"),
        }
        let c = o.get("c").and_then(Value::as_object).unwrap();
        assert_eq!(c.get("d"), Some(&Value::Foreign(Foreign::TooDeep)));
    }

    const NOW: &str = r#"{"now":"2026-01-15T00:00:00Z"}"#;

    fn call(op: u32, flags: u32, body: &str, from: Option<&str>, number: f64) -> String {
        let options = Some(String::from(NOW));
        let from = from.map(String::from);
        let text = call_text(op, flags, body, options.clone(), from.clone(), number);
        let bytes = call_bytes(op, flags, body.as_bytes(), options, from, number);
        if op != op::CHECK || flags & flag::HOST != 0 {
            assert_eq!(text, bytes, "a string and its bytes give the same answer");
        }
        text
    }

    #[test]
    fn each_operation_answers_with_the_cores_json() {
        let body = r#"{"sync_frequency":0}"#;
        let options = Options::from_value(&preflight::parse(NOW).unwrap()).unwrap();
        assert_eq!(
            call(op::CHECK, 0, body, None, 0.0),
            preflight::check(body, &options).to_json()
        );
        // A verdict: the flat form in the Node build (`speed`), JSON in the browser's.
        #[cfg(feature = "speed")]
        let verdict = preflight::verdict(body, &options).to_flat_json();
        #[cfg(not(feature = "speed"))]
        let verdict = preflight::verdict(body, &options).to_json();
        assert_eq!(call(op::CHECK, flag::ISSUES_ONLY, body, None, 0.0), verdict);
        let coerced = r#"{"sync_frequency":"3"}"#;
        let coerce = r#"{"now":"2026-01-15T00:00:00Z","coerce":true}"#;
        let coerce_options = Options::from_value(&preflight::parse(coerce).unwrap()).unwrap();
        assert_eq!(
            call_bytes(
                op::CHECK,
                0,
                coerced.as_bytes(),
                Some(coerce.into()),
                None,
                0.0
            ),
            preflight::check_bytes(coerced.as_bytes(), &coerce_options).to_json()
        );
        assert!(preflight::check_bytes(coerced.as_bytes(), &coerce_options).valid);
        let report = preflight::check(body, &options).to_json();
        assert_eq!(
            call(op::ERROR_RESPONSE, flag::HOST, &report, None, 0.0),
            preflight::to_error_response_from_value(&preflight::parse(&report).unwrap())
                .unwrap()
                .to_json()
        );
        let value = preflight::parse(body).unwrap();
        assert_eq!(
            call(op::WEEKLY_SUMMARY, 0, body, None, 0.0),
            preflight::weekly_summary(&value, &options)
                .to_value()
                .to_json()
        );
        assert_eq!(
            call(op::EFFECTIVE_SCHEDULE, flag::HOST, body, None, 0.0),
            preflight::effective_schedule(&value, &options)
                .to_value()
                .to_json()
        );
        let hourly =
            r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"HOUR"}"#;
        let next = call(
            op::NEXT_SYNCS,
            flag::NUMBER,
            hourly,
            Some("2026-01-15T00:00:00Z"),
            3.0,
        );
        assert!(next.starts_with(r#"{"syncs":["#), "{next}");
        assert_eq!(
            call(op::CREDENTIAL_SHAPES, 0, "", None, 0.0),
            preflight::credential_shapes().to_json()
        );
        assert_eq!(
            call(op::LIMITS, 0, "", None, 0.0),
            format!("[{},{}]", preflight::MAX_DEPTH, preflight::MAX_HOST_ITEMS)
        );
    }

    #[test]
    fn a_usage_error_comes_back_as_a_bang_and_its_message() {
        let from = Some("2026-01-15T00:00:00Z");
        // A count is needed: without the NUMBER flag there is none.
        assert_eq!(
            call(op::NEXT_SYNCS, 0, "{}", from, 3.0),
            "!count must be a non-negative integer"
        );
        assert_eq!(
            call(op::NEXT_SYNCS, flag::NUMBER, "{}", from, -1.0),
            "!count must be a non-negative integer"
        );
        assert!(call(op::NEXT_SYNCS, flag::NUMBER, "{}", None, 1.0).starts_with('!'));
        assert!(call(op::WEEKLY_SUMMARY, 0, "{", None, 0.0).starts_with("!body is not valid JSON"));
        assert_eq!(
            call(99, 0, "{}", None, 0.0),
            "!internal error: unknown operation"
        );
        let bad_options = call_text(op::CHECK, 0, "{}", Some(String::from("[]")), None, 0.0);
        let usage = Options::from_value(&preflight::parse("[]").unwrap()).unwrap_err();
        assert_eq!(bad_options, format!("!{}", usage.message));
    }

    #[test]
    fn the_callers_clock_is_read_in_whole_seconds() {
        let options = read_options_at(None, Some(1_768_435_200_999.0)).unwrap();
        assert_eq!(options.now, Some(1_768_435_200));
        let given = Some(String::from(NOW));
        let options = read_options_at(given, Some(0.0)).unwrap();
        assert_eq!(
            options.now,
            Some(1_768_435_200),
            "options.now wins over the clock"
        );
    }

    #[test]
    fn a_callers_text_is_plain_json() {
        assert!(body_value(b"{\"a\":!u}", false).is_err());
        assert!(body_value(b"{\"a\":!u}", true).is_ok());
        assert!(host_value("{").is_err());
    }
}
