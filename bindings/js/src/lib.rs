//! The WebAssembly side of the npm package `propexo-preflight`.
//!
//! It converts and nothing else: bodies and options arrive as JSON text (or bytes), the
//! core checks them, and reports leave as the core's canonical JSON text, which the
//! JavaScript side turns into objects with `JSON.parse`. Every rule, message and default
//! lives in the `preflight` crate.
//!
//! JSON text cannot carry every value a JavaScript object can hold. The package's
//! JavaScript encoder writes such a value as `null` and describes it in a list of
//! *marks*, which [`apply_marks`] turns back into the core's [`Value::Foreign`] markers
//! (or into the NaN and infinite numbers JSON has no literal for).
//!
//! A mark is a run of `u32`s: the kind (see [`mark_value`]), the length of the path,
//! then the path as child positions (an array index, or the position of a key in its
//! object in document order).
//!
//! Usage errors (bad options, bad arguments) are returned as `Err(message)`, which
//! JavaScript receives as a thrown string and rethrows as a `TypeError`.

use preflight::{Foreign, Options, UsageError, Value};
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
type Outcome = Result<String, String>;

/// The value a mark of this kind stands for.
fn mark_value(kind: u32) -> Option<Value<'static>> {
    let foreign = match kind {
        0 => Foreign::Undefined,
        1 => Foreign::BigInt,
        2 => Foreign::Function,
        3 => Foreign::Symbol,
        4 => Foreign::Date,
        5 => Foreign::Map,
        6 => Foreign::Set,
        7 => Foreign::Bytes,
        8 => Foreign::TooDeep,
        9 => return Some(Value::Number(f64::NAN)),
        10 => return Some(Value::Number(f64::INFINITY)),
        11 => return Some(Value::Number(f64::NEG_INFINITY)),
        _ => return None,
    };
    Some(Value::Foreign(foreign))
}

/// Puts `replacement` at `path` (child positions) inside `value`; a path that leads
/// nowhere changes nothing.
fn replace_at<'a>(value: &mut Value<'a>, path: &[u32], replacement: Value<'a>) {
    let Some((&first, rest)) = path.split_first() else {
        *value = replacement;
        return;
    };
    let Ok(index) = usize::try_from(first) else {
        return;
    };
    match value {
        Value::Array(items) => {
            if let Some(item) = items.get_mut(index) {
                replace_at(item, rest, replacement);
            }
        }
        Value::Object(object) => {
            let Some((key, child)) = object
                .iter()
                .nth(index)
                .map(|(k, v)| (k.clone(), v.clone()))
            else {
                return;
            };
            let mut child = child;
            replace_at(&mut child, rest, replacement);
            object.insert(key, child);
        }
        _ => {}
    }
}

/// Applies the marks the JavaScript encoder wrote beside the text.
fn apply_marks(value: &mut Value<'_>, marks: &[u32]) -> Result<(), String> {
    let malformed = || String::from("internal error: malformed value marks");
    let mut rest = marks;
    while let Some((&kind, tail)) = rest.split_first() {
        let (&len, tail) = tail.split_first().ok_or_else(malformed)?;
        let len = usize::try_from(len).map_err(|_| malformed())?;
        let path = tail.get(..len).ok_or_else(malformed)?;
        let replacement = mark_value(kind).ok_or_else(malformed)?;
        replace_at(value, path, replacement);
        rest = tail.get(len..).unwrap_or(&[]);
    }
    Ok(())
}

/// Parses JSON text the JavaScript encoder wrote, with its marks applied.
fn marked_value<'a>(text: &'a str, marks: &[u32]) -> Result<Value<'a>, String> {
    let mut value = preflight::parse(text).map_err(|e| format!("internal error: {e}"))?;
    apply_marks(&mut value, marks)?;
    Ok(value)
}

/// Reads the options, and stamps `now` from the JavaScript clock when none was given.
fn read_options(text: Option<String>, marks: Option<Vec<u32>>) -> Result<Options, String> {
    let mut options = match (text, marks) {
        (None, _) => Options::default(),
        (Some(text), None) => Options::from_json(&text).map_err(message)?,
        (Some(text), Some(marks)) => {
            Options::from_value(&marked_value(&text, &marks)?).map_err(message)?
        }
    };
    if options.now.is_none() {
        let seconds = (date_now() / 1000.0).floor();
        if seconds.is_finite() {
            options.now = Some(seconds as i64);
        }
    }
    Ok(options)
}

fn message(error: UsageError) -> String {
    error.message
}

/// The body of the schedule tools and the error envelope: text from a JavaScript string
/// or object (with marks), or UTF-8 bytes.
fn body_value<'a>(bytes: &'a [u8], marks: Option<Vec<u32>>) -> Result<Value<'a>, String> {
    let mut value =
        preflight::parse_bytes(bytes).map_err(|e| format!("body is not valid JSON: {e}"))?;
    if let Some(marks) = marks {
        apply_marks(&mut value, &marks)?;
    }
    Ok(value)
}

/// Checks a body given as JSON text (a JavaScript string, or an object the package
/// encoded, with `marks`) and returns the report's JSON.
#[wasm_bindgen]
pub fn check_text(
    text: &str,
    marks: Option<Vec<u32>>,
    options: Option<String>,
    option_marks: Option<Vec<u32>>,
) -> Outcome {
    let options = read_options(options, option_marks)?;
    match marks {
        None => Ok(preflight::check(text, &options).to_json()),
        Some(marks) => {
            let value = marked_value(text, &marks)?;
            Ok(preflight::check_value(&value, &options).to_json())
        }
    }
}

/// Checks a body given as UTF-8 bytes (a `Uint8Array` or `ArrayBuffer`).
#[wasm_bindgen]
pub fn check_bytes(
    bytes: &[u8],
    options: Option<String>,
    option_marks: Option<Vec<u32>>,
) -> Outcome {
    let options = read_options(options, option_marks)?;
    Ok(preflight::check_bytes(bytes, &options).to_json())
}

/// The server's 400 body for the errors of a report, given as JSON text (with marks) as
/// `check` returned it.
#[wasm_bindgen]
pub fn error_response(report: &str, marks: Option<Vec<u32>>) -> Outcome {
    let report = marked_value(report, marks.as_deref().unwrap_or(&[]))?;
    preflight::to_error_response_from_value(&report)
        .map(|response| response.to_json())
        .map_err(message)
}

/// The schedule in force, after `current` and the documented defaults.
#[wasm_bindgen]
pub fn effective_schedule(
    bytes: &[u8],
    marks: Option<Vec<u32>>,
    options: Option<String>,
    option_marks: Option<Vec<u32>>,
) -> Outcome {
    let options = read_options(options, option_marks)?;
    let body = body_value(bytes, marks)?;
    Ok(preflight::effective_schedule(&body, &options)
        .to_value()
        .to_json())
}

/// Syncs per day and per week, and the week's coverage.
#[wasm_bindgen]
pub fn weekly_summary(
    bytes: &[u8],
    marks: Option<Vec<u32>>,
    options: Option<String>,
    option_marks: Option<Vec<u32>>,
) -> Outcome {
    let options = read_options(options, option_marks)?;
    let body = body_value(bytes, marks)?;
    Ok(preflight::weekly_summary(&body, &options)
        .to_value()
        .to_json())
}

/// The next `count` sync instants at or after `from` (RFC 3339).
#[wasm_bindgen]
pub fn next_syncs(
    bytes: &[u8],
    marks: Option<Vec<u32>>,
    options: Option<String>,
    option_marks: Option<Vec<u32>>,
    from: &str,
    count: f64,
) -> Outcome {
    let options = read_options(options, option_marks)?;
    let body = body_value(bytes, marks)?;
    let from = preflight::parse_from(from).map_err(message)?;
    if !(count.is_finite() && count >= 0.0 && count.fract() == 0.0) {
        return Err(String::from("count must be a non-negative integer"));
    }
    // Saturates: a count beyond usize is "too many" for the core as well.
    let count = count as usize;
    let syncs = preflight::next_syncs(&body, &options, from, count).map_err(message)?;
    Ok(Value::Array(syncs.iter().map(|s| s.to_value()).collect()).to_json())
}

// No json_schema here: the JSON Schemas ship as data files (bindings/js/schema/), which
// keeps their construction and descriptions out of the module a browser downloads.

/// The credential keys each vendor's shapes hold, from the core's table:
/// `{"APPFOLIO": [{"title", "required": [{"name", "type"}…], "optional": […]}…]…}`.
#[wasm_bindgen]
pub fn credential_shapes() -> String {
    let vendors = preflight::VENDOR_CREDENTIALS
        .iter()
        .map(|v| {
            let shapes = v.shapes.iter().map(|shape| shape_value(shape)).collect();
            (v.vendor.into(), Value::Array(shapes))
        })
        .collect::<preflight::Object<'static>>();
    Value::Object(vendors).to_json()
}

fn shape_value(shape: &'static preflight::Shape) -> Value<'static> {
    let keys = |keys: &'static [preflight::Key]| {
        Value::Array(
            keys.iter()
                .map(|key| {
                    let mut o = preflight::Object::new();
                    o.insert("name", Value::str(key.name));
                    o.insert("type", Value::str(key.kind.expected()));
                    match key.kind {
                        preflight::KeyKind::Object(inner) => {
                            o.insert("shape", shape_value(inner));
                        }
                        preflight::KeyKind::ObjectOf(names, inner) => {
                            let names = names.iter().map(|n| Value::str(*n)).collect();
                            o.insert("keys", Value::Array(names));
                            o.insert("shape", shape_value(inner));
                        }
                        _ => {}
                    }
                    Value::Object(o)
                })
                .collect(),
        )
    };
    let mut o = preflight::Object::new();
    o.insert("title", Value::str(shape.title));
    o.insert("required", keys(shape.required));
    o.insert("optional", keys(shape.optional));
    Value::Object(o)
}

/// Deepest nesting the core reads; the JavaScript encoder stops at the same depth.
#[wasm_bindgen]
pub fn max_depth() -> u32 {
    u32::try_from(preflight::MAX_DEPTH).unwrap_or(u32::MAX)
}

#[cfg(feature = "serde-wasm-bindgen")]
mod swb;

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;

    #[test]
    fn marks_restore_what_json_cannot_hold() {
        let text = r#"{"a":null,"b":[1,null],"c":{"d":null}}"#;
        // a: undefined; b[1]: NaN; c.d: too deep.
        let marks = [0, 1, 0, 9, 2, 1, 1, 8, 2, 2, 0];
        let value = marked_value(text, &marks).unwrap();
        let o = value.as_object().unwrap();
        assert_eq!(o.get("a"), Some(&Value::Foreign(Foreign::Undefined)));
        match o.get("b") {
            Some(Value::Array(items)) => assert!(items[1].as_f64().unwrap().is_nan()),
            other => panic!("{other:?}"),
        }
        let c = o.get("c").and_then(Value::as_object).unwrap();
        assert_eq!(c.get("d"), Some(&Value::Foreign(Foreign::TooDeep)));
        // Key order survives the rebuild.
        assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn malformed_marks_are_an_error_not_a_panic() {
        assert!(marked_value("null", &[0]).is_err());
        assert!(marked_value("null", &[0, 3, 1]).is_err());
        assert!(marked_value("null", &[99, 0]).is_err());
        // A path that leads nowhere changes nothing.
        assert_eq!(marked_value("[1]", &[0, 2, 5, 5]).unwrap().to_json(), "[1]");
    }
}
