//! Every message the core writes, rendered from an issue's code and params.
//!
//! Zod codes keep Zod v3's wording where the server's 400 would say the same thing.
//! Messages name fields, keys, types and limits, never a credential value: the only
//! input text that can appear is an enum value the body sent outside `credentials`.

use crate::json::{write_number, Value};
use crate::model::Cadence;
use crate::report::{Code, Params, PathSegment, Severity};

fn text(params: &Params<'_>, key: &str) -> String {
    match params.get(key) {
        Some(Value::String(s)) => s.to_string(),
        Some(Value::Number(n)) => {
            let mut out = String::new();
            write_number(&mut out, *n);
            out
        }
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => format!("'{s}'"),
                other => other.to_json(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_json(),
        None => String::new(),
    }
}

fn quoted_options(params: &Params<'_>) -> String {
    match params.get("options") {
        Some(Value::Array(items)) => join_enum(items.iter().filter_map(Value::as_str)),
        _ => String::new(),
    }
}

/// Zod's `joinValues`: `'A' | 'B'`.
pub fn join_enum<'s>(values: impl IntoIterator<Item = &'s str>) -> String {
    values
        .into_iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// "20 minutes", "hour", "2 hours", "30 seconds".
pub fn describe_interval(frequency: f64, cadence: Cadence) -> String {
    let (one, many) = cadence.unit_words();
    if frequency == 1.0 {
        one.to_string()
    } else {
        let mut n = String::new();
        write_number(&mut n, frequency);
        format!("{n} {many}")
    }
}

fn field_name(path: &[PathSegment<'_>]) -> String {
    match path.last() {
        Some(PathSegment::Key(k)) => k.to_string(),
        Some(PathSegment::Index(i)) => i.to_string(),
        None => String::from("body"),
    }
}

pub fn render(
    code: Code,
    severity: Severity,
    path: &[PathSegment<'_>],
    params: &Params<'_>,
) -> String {
    let p = |key: &str| text(params, key);
    match code {
        Code::InvalidType => {
            if p("received") == "undefined" {
                String::from("Required")
            } else {
                format!("Expected {}, received {}", p("expected"), p("received"))
            }
        }
        Code::UnrecognizedKeys => format!("Unrecognized key(s) in object: {}", p("keys")),
        Code::InvalidEnumValue => format!(
            "Invalid enum value. Expected {}, received '{}'",
            quoted_options(params),
            p("received")
        ),
        Code::InvalidString => match p("validation").as_str() {
            "url" => String::from("Invalid url"),
            _ => String::from("Invalid time: use HH:MM between 00:00 and 23:59"),
        },
        Code::TooSmall => {
            if p("type") == "string" {
                format!("String must contain at least {} character(s)", p("minimum"))
            } else if params.get("inclusive") == Some(&Value::Bool(true)) {
                format!("Number must be greater than or equal to {}", p("minimum"))
            } else {
                format!("Number must be greater than {}", p("minimum"))
            }
        }
        Code::TooBig => {
            if p("type") == "array" {
                format!("Array must contain at most {} element(s)", p("maximum"))
            } else {
                format!("Number must be less than or equal to {}", p("maximum"))
            }
        }
        Code::NotFinite => String::from("Number must be finite"),
        Code::InvalidJson => format!(
            "Body is not valid JSON: {} at line {} column {}",
            p("reason"),
            p("line"),
            p("column")
        ),
        Code::LoneSurrogate => String::from(
            "String contains an unpaired UTF-16 surrogate, which cannot be sent as UTF-8",
        ),
        Code::NestingTooDeep => format!("Value is nested deeper than {} levels", p("limit")),
        Code::TooManyIssues => format!(
            "{} more issues were left out; a report lists at most {}",
            p("omitted"),
            p("limit")
        ),
        Code::SlotEndNotAfterStart => format!(
            "Slot ends at {} but starts at {}: the end must be after the start",
            p("end"),
            p("start")
        ),
        Code::OverlappingSlots => format!(
            "Slot {} ({}–{}) overlaps slot {} ({}–{}) on {}",
            p("slot"),
            p("start"),
            p("end"),
            p("other"),
            p("other_start"),
            p("other_end"),
            p("day")
        ),
        Code::RequestRateBelowFloor => format!(
            "Requests cannot be made less frequently than once per minute: {} per {} is {} per minute",
            p("frequency"),
            p("cadence"),
            p("per_minute")
        ),
        Code::MissingCredentialField => format!(
            "{} credentials require '{}' (a {})",
            p("vendor"),
            p("key"),
            p("expected")
        ),
        Code::InvalidCredentialField => match p("expected").as_str() {
            "word" => format!(
                "'{}' must contain only ASCII letters, digits and underscores",
                p("key")
            ),
            "uri" => format!("'{}' must be an absolute URL", p("key")),
            "non_empty" => format!("'{}' must not be empty", p("key")),
            expected => format!(
                "'{}' must be a {}, received {}",
                p("key"),
                expected,
                p("received")
            ),
        },
        Code::CustomScheduleMissing => {
            if severity == Severity::Error {
                String::from("use_custom_sync_schedule is true but no custom_sync_schedule is set")
            } else if params.get("current_schedule").is_some() {
                String::from(
                    "use_custom_sync_schedule is true but this update sends no custom_sync_schedule \
                     and current does not show the stored one (the GET response leaves it out); \
                     it only works if the integration already has one",
                )
            } else {
                String::from(
                    "use_custom_sync_schedule is true but this update sends no custom_sync_schedule; \
                     it only works if the integration already has one",
                )
            }
        }
        Code::DeprecatedField => match p("field").as_str() {
            "system" => String::from(
                "system is deprecated and ignored: the API host decides sandbox or production",
            ),
            "base_url" => String::from(
                "base_url is deprecated: set the base URL in the vendor's credentials",
            ),
            _ => {
                if params.get("value") == Some(&Value::Bool(false)) {
                    String::from(
                        "allow_manual_syncs is deprecated: manual syncs are always allowed, so false is ignored",
                    )
                } else {
                    String::from("allow_manual_syncs is deprecated: manual syncs are always allowed")
                }
            }
        },
        Code::CustomScheduleIgnored => String::from(
            "custom_sync_schedule is sent but not used while use_custom_sync_schedule is false",
        ),
        Code::FixedScheduleIgnored => format!(
            "{} is not used while the custom sync schedule is in force",
            field_name(path)
        ),
        Code::IntervalExceedsSlot => format!(
            "An interval of {} is longer than the slot {}–{}: it syncs once, at {}",
            p("interval"),
            p("start"),
            p("end"),
            p("start")
        ),
        Code::CadenceTooCoarse => format!(
            "A {} cadence is longer than a slot, which lies within one day: the slot syncs once, at {}",
            p("cadence"),
            p("start")
        ),
        Code::SyncTooFrequent => format!(
            "Syncing every {} is more often than once a minute",
            p("interval")
        ),
        Code::DstTransition => {
            if p("transition") == "skipped" {
                format!(
                    "On {} the clocks in {} skip {}–{}: syncs this slot would make in that time do not happen",
                    p("date"),
                    p("timezone"),
                    p("from"),
                    p("to")
                )
            } else {
                format!(
                    "On {} the clocks in {} repeat {}–{}: syncs in that time happen once, at the first occurrence",
                    p("date"),
                    p("timezone"),
                    p("from"),
                    p("to")
                )
            }
        }
        Code::ScheduleNeverSyncs => String::from(
            "The custom schedule in force has no slot on any day: the integration would never sync",
        ),
        Code::UnknownCredentialField => match params.get("suggestion") {
            Some(_) => format!(
                "'{}' is not a credential field of {}; did you mean '{}'?",
                p("key"),
                p("vendor"),
                p("suggestion")
            ),
            None => format!("'{}' is not a credential field of {}", p("key"), p("vendor")),
        },
        Code::CredentialsMatchNoVendor => String::from(
            "These credentials have the keys of no vendor's credential shape",
        ),
        Code::CredentialsUnverified => format!(
            "{} has no published credential shape, so these credentials cannot be checked before sending",
            p("vendor")
        ),
        Code::VendorChange => format!(
            "This changes the vendor from {} to {}: credentials and configuration do not carry over between PMSs",
            p("from"),
            p("to")
        ),
        Code::EmptyUpdate => String::from("The update is empty: it changes nothing"),
        Code::ExceedsPmsRateLimit => {
            let api = match params.get("api") {
                Some(Value::String(api)) => format!(" for the {api} API"),
                _ => String::new(),
            };
            format!(
                "The configured rate allows {} requests per {}; the PMS allows {}{}",
                p("configured"),
                p("window"),
                p("limit"),
                api
            )
        }
    }
}
