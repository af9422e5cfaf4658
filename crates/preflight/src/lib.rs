//! preflight: checks and normalizes the request bodies of Propexo's admin API
//! ("Create an integration", "Update an integration") before any request is sent.
//!
//! ```
//! use preflight::{check, Options};
//!
//! let report = check(r#"{"sync_frequency": 0, "nmae": "Downtown"}"#, &Options::update());
//! assert!(!report.valid);
//! let codes: Vec<_> = report.issues.iter().map(|i| i.code.as_str()).collect();
//! assert_eq!(codes, ["unrecognized_keys", "too_small"]);
//! ```
//!
//! The core knows nothing of JavaScript or Python: hosts hand it JSON text or a
//! [`Value`] and get a [`Report`] back, identical in every host.

mod body;
mod codes;
mod credentials;
mod dst;
mod envelope;
mod in_force;
mod issues;
pub mod json;
mod messages;
pub mod model;
mod normalize;
mod options;
mod path;
mod report;
mod rules;
mod schedule;
#[cfg(feature = "schema")]
mod schema;
mod sort;
mod validate;
mod zone_rules;
mod zones;

pub use credentials::{
    credential_shapes, for_vendor, Key, KeyKind, Shape, VendorCredentials, VENDOR_CREDENTIALS,
};
pub use envelope::{to_error_response, to_error_response_from_value};
pub use json::{
    parse, parse_bytes, parse_host, Foreign, Object, ParseError, Value, MAX_DEPTH, MAX_HOST_ITEMS,
};
pub use model::{Operation, DAYS, TIMEZONES, VENDORS};
pub use options::{parse_rfc3339, Current, Limit, Options, RateLimits, UsageError};
pub use report::{
    Change, Code, Issue, Params, Path, PathSegment, Report, Severity, Verdict, REDACTED,
};
pub use schedule::{
    effective_schedule, next_syncs, next_syncs_of, parse_from, summarize, weekly_summary, Coverage,
    EffectiveSchedule, NextSyncs, SlotSpec, SyncInstant, SyncsEnd, WeeklySummary,
    FIRST_SUPPORTED_INSTANT, LAST_SUPPORTED_INSTANT, MAX_SYNC_COUNT, NOMINAL_WEEK_NOTE,
    SUPPORTED_RANGE,
};
#[cfg(feature = "schema")]
pub use schema::json_schema;

use issues::{Ctx, Issues};

/// Most issues one report lists; the rest are summed up in a `too_many_issues` warning.
pub const MAX_ISSUES: usize = 500;

/// Checks a body given as JSON text: the fast path, read once (straight into the typed
/// body with the `speed` feature, where the text allows it).
pub fn check<'a>(text: &'a str, options: &Options) -> Report<'a> {
    check_text(text, options, true)
}

/// Checks a body given as JSON bytes (UTF-8).
pub fn check_bytes<'a>(bytes: &'a [u8], options: &Options) -> Report<'a> {
    check_bytes_as(bytes, options, true)
}

/// The check of a body given as bytes: as text when they are UTF-8, else the parser
/// says where they stop being text.
fn check_bytes_as<'a>(bytes: &'a [u8], options: &Options, with_normalized: bool) -> Report<'a> {
    #[cfg(feature = "speed")]
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text, options, with_normalized);
    }
    match json::parse_bytes(bytes) {
        Ok(value) => check_parsed(&value, options, with_normalized),
        Err(error) => invalid_json(&error),
    }
}

/// The check of a body given as text: read straight into the typed body where the text
/// allows it (`validate::read_members`), else parsed into the general tree first.
fn check_text<'a>(text: &'a str, options: &Options, with_normalized: bool) -> Report<'a> {
    #[cfg(feature = "speed")]
    if let Some(report) = check_typed(text, false, options, with_normalized) {
        return report;
    }
    match json::parse(text) {
        Ok(value) => check_parsed(&value, options, with_normalized),
        Err(error) => invalid_json(&error),
    }
}

/// The check of text read straight into the typed body, or `None` where the text needs
/// the general tree; `host`: host text ([`parse_host`]).
#[cfg(feature = "speed")]
fn check_typed<'a>(
    text: &'a str,
    host: bool,
    options: &Options,
    with_normalized: bool,
) -> Option<Report<'a>> {
    check_members(&mut json::Cursor::new(text, host), options, with_normalized)
}

/// The report of a body a host reads member by member ([`json::Members`]: a Python dict
/// without building a tree), or `None` where the host must build the tree and call
/// [`check_value`] (or [`verdict_value`]: `with_normalized` false is [`verdict`]'s report).
#[cfg(feature = "speed")]
#[doc(hidden)] // for the hosts' bindings
pub fn check_members<'a>(
    members: &mut impl json::Members<'a>,
    options: &Options,
    with_normalized: bool,
) -> Option<Report<'a>> {
    let mut ctx = Ctx::new(options.coerce);
    let mut body = body::Body::empty(0);
    validate::read_members(members, options.operation, &mut body, &mut ctx)?;
    Some(finish_check(Some(&mut body), ctx, options, with_normalized))
}

/// [`check`] of host text: what a host's converter wrote from a value of its own language
/// ([`parse_host`]). An error is the converter's, not the body's: the text is not host text.
#[doc(hidden)] // for the hosts' bindings
pub fn check_host<'a>(text: &'a str, options: &Options) -> Result<Report<'a>, ParseError> {
    #[cfg(feature = "speed")]
    if let Some(report) = check_typed(text, true, options, true) {
        return Ok(report);
    }
    Ok(check_value(&json::parse_host(text)?, options))
}

/// [`verdict`] of host text, as [`check_host`].
#[doc(hidden)] // for the hosts' bindings
pub fn verdict_host<'a>(text: &'a str, options: &Options) -> Result<Verdict<'a>, ParseError> {
    #[cfg(feature = "speed")]
    if let Some(report) = check_typed(text, true, options, false) {
        return Ok(report.into());
    }
    Ok(verdict_value(&json::parse_host(text)?, options))
}

fn invalid_json(error: &ParseError) -> Report<'static> {
    let issue = Issue::new(
        Code::InvalidJson,
        Severity::Error,
        Vec::new(),
        path::Order::new(),
        Params::new()
            .with("reason", error.reason)
            .with("line", error.line)
            .with("column", error.column),
    );
    Report {
        valid: false,
        issues: vec![issue],
        normalized: None,
        changes: Vec::new(),
    }
}

/// The current time in Unix seconds, where the platform has a clock (not bare wasm).
fn clock_now() -> Option<i64> {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
    }
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        None
    }
}

/// Checks a body given as a parsed value.
pub fn check_value<'a>(body: &Value<'a>, options: &Options) -> Report<'a> {
    check_parsed(body, options, true)
}

/// `valid` and `issues` of a body given as JSON text, exactly as [`check`] reports them,
/// without building the normalized body and its changes: for a caller that shows issues
/// on every keystroke and reads the normalized body once, if ever.
pub fn verdict<'a>(text: &'a str, options: &Options) -> Verdict<'a> {
    check_text(text, options, false).into()
}

/// [`verdict`] of a body given as JSON bytes (UTF-8): what [`check_bytes`] reports, less
/// the normalized body and its changes.
pub fn verdict_bytes<'a>(bytes: &'a [u8], options: &Options) -> Verdict<'a> {
    check_bytes_as(bytes, options, false).into()
}

/// [`verdict`] of a body given as a parsed value: what [`check_value`] reports, less
/// the normalized body and its changes.
pub fn verdict_value<'a>(body: &Value<'a>, options: &Options) -> Verdict<'a> {
    check_parsed(body, options, false).into()
}

/// The check behind every entry point; `with_normalized: false` leaves the normalized
/// body and the changes out (they come after every issue is known, so the issues do not
/// depend on them).
fn check_parsed<'a>(body: &Value<'a>, options: &Options, with_normalized: bool) -> Report<'a> {
    let mut ctx = Ctx::new(options.coerce);
    let mut parsed = validate::read_body(body, options.operation, &mut ctx);
    finish_check(parsed.as_mut(), ctx, options, with_normalized)
}

/// Everything after the structural pass: the rules, then the normalized body.
fn finish_check<'a>(
    mut parsed: Option<&mut body::Body<'a>>,
    mut ctx: Ctx<'a>,
    options: &Options,
    with_normalized: bool,
) -> Report<'a> {
    let now = options.now.or_else(clock_now);
    if let Some(body) = parsed.as_deref_mut() {
        rules::apply(body, options, now, &mut ctx);
    }
    let Issues {
        kept: mut issues,
        omitted,
        valid,
    } = ctx.take_issues();
    let normalized = match (parsed, valid && with_normalized) {
        (Some(body), true) => Some(normalize::normalize(body, &mut ctx)),
        _ => None,
    };
    if !with_normalized {
        ctx.changes.clear();
    }
    sort::sort_by(&mut ctx.changes, |a, b| a.order.cmp(&b.order));
    if omitted > 0 {
        issues.push(Issue::new(
            Code::TooManyIssues,
            Severity::Warning,
            Vec::new(),
            path::Order::new(),
            Params::new()
                .with("limit", MAX_ISSUES)
                .with("omitted", omitted),
        ));
    }
    Report {
        valid,
        issues,
        normalized,
        changes: ctx.changes,
    }
}
