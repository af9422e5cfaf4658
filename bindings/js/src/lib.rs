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
//! Usage errors (bad options, bad arguments) are returned as `Err(message)`, which
//! JavaScript receives as a thrown string and rethrows as a `TypeError`.

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

/// Checks a body given as JSON text (a JavaScript string), or as the host text the
/// package's walk wrote from an object (`host`), and returns the report's JSON. `now_ms`
/// is the clock when the options have no `now` (the JavaScript clock when absent). With
/// `issues_only`, only `{"valid","issues"}` (the report's JSON up to `issues`, without
/// building the normalized body and the changes): the package's `check` asks for that,
/// and for the full report with the same text, options and `now_ms` only when the caller
/// reads `normalized` or `changes`. One export for both keeps the module small.
#[wasm_bindgen]
pub fn check_text(
    text: &str,
    host: bool,
    options: Option<String>,
    now_ms: Option<f64>,
    issues_only: Option<bool>,
) -> Outcome {
    let options = read_options_at(options, now_ms)?;
    let issues_only = issues_only == Some(true);
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

/// Checks a body given as UTF-8 bytes (a `Uint8Array` or `ArrayBuffer`).
#[wasm_bindgen]
pub fn check_bytes(bytes: &[u8], options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    Ok(preflight::check_bytes(bytes, &options).to_json())
}

/// The server's 400 body for the errors of a report, given as host text as the
/// JavaScript walk wrote it from the report object.
#[wasm_bindgen]
pub fn error_response(report: &str) -> Outcome {
    let report = host_value(report)?;
    preflight::to_error_response_from_value(&report)
        .map(|response| response.to_json())
        .map_err(message)
}

/// The schedule in force, after `current` and the documented defaults.
#[wasm_bindgen]
pub fn effective_schedule(bytes: &[u8], host: bool, options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    Ok(preflight::effective_schedule(&body, &options)
        .to_value()
        .to_json())
}

/// Syncs per day and per week, and the week's coverage.
#[wasm_bindgen]
pub fn weekly_summary(bytes: &[u8], host: bool, options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    Ok(preflight::weekly_summary(&body, &options)
        .to_value()
        .to_json())
}

/// The next `count` sync instants at or after `from` (RFC 3339), and whether all exist:
/// `{"syncs", "complete", "end"}`.
#[wasm_bindgen]
pub fn next_syncs(
    bytes: &[u8],
    host: bool,
    options: Option<String>,
    from: &str,
    count: f64,
) -> Outcome {
    let options = read_options(options)?;
    let body = body_value(bytes, host)?;
    let from = preflight::parse_from(from).map_err(message)?;
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

/// The credential keys each vendor's shapes hold: the core's `credential_shapes()`.
#[wasm_bindgen]
pub fn credential_shapes() -> String {
    preflight::credential_shapes().to_json()
}

/// Deepest nesting the core reads; the JavaScript walk stops at the same depth.
#[wasm_bindgen]
pub fn max_depth() -> u32 {
    u32::try_from(preflight::MAX_DEPTH).unwrap_or(u32::MAX)
}

/// Most items the JavaScript walk reads; a container past them is written as `!g`.
#[wasm_bindgen]
pub fn max_host_items() -> u32 {
    u32::try_from(preflight::MAX_HOST_ITEMS).unwrap_or(u32::MAX)
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

    #[test]
    fn a_callers_text_is_plain_json() {
        assert!(body_value(b"{\"a\":!u}", false).is_err());
        assert!(body_value(b"{\"a\":!u}", true).is_ok());
        assert!(host_value("{").is_err());
    }
}
