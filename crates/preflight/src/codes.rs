//! The one table of issue codes: each code's name, default severity, whether it
//! describes the body's shape, and its message, written once. The `codes!` macro turns
//! the table into the `Code` enum, `Code::ALL`, `as_str`, `default_severity`,
//! `is_structural` and the message renderer, so adding a code is one row.
//!
//! A message with params is a template for `Message::fill`: `{name}` is the param
//! `name` as text, `{@options}` the `options` param as Zod lists enum values, `{@field}`
//! the last step of the issue's path. (Templates instead of `format!`: one small
//! interpreter where each `format!` compiled to its own code, 3.5 KB in the browser
//! module.)
//!
//! Zod codes keep Zod v3's wording where the server's 400 would say the same thing.
//! Messages name fields, keys, types and limits, never a credential value: the only
//! input text that can appear is an enum value the body sent outside `credentials`.

use crate::json::Value;
use crate::messages::Message;
use crate::report::Severity;

macro_rules! codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $name:literal, $severity:ident, $kind:ident, |$m:ident| $message:expr;
    )*) => {
        /// Every issue code the core can report.
        ///
        /// The first group are Zod v3 codes with Zod's fields, as the server's 400 carries
        /// them; the rest are preflight's own rules.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the table's order.
            pub const ALL: [Code; [$($name),*].len()] = [$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity an issue of this code has unless a rule says otherwise
            /// (`custom_schedule_missing` is a warning on an update the core cannot judge).
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// Codes that describe the *shape* of the body (SPEC §4 plus input that is not
            /// JSON); the exported JSON Schema decides exactly these.
            pub fn is_structural(self) -> bool {
                match self {
                    $(Code::$variant => codes!(@structural $kind),)*
                }
            }
        }

        /// The message of an issue, from its code, severity, path and params.
        pub(crate) fn render(code: Code, message: &Message<'_, '_>) -> String {
            match code {
                $(Code::$variant => {
                    let $m = message;
                    $message
                })*
            }
        }
    };
    (@structural shape) => { true };
    (@structural rule) => { false };
}

codes! {
    // Zod v3
    InvalidType = "invalid_type", Error, shape, |m| {
        if m.p("received") == "undefined" {
            String::from("Required")
        } else {
            m.fill("Expected {expected}, received {received}")
        }
    };
    UnrecognizedKeys = "unrecognized_keys", Error, shape, |m| {
        m.fill("Unrecognized key(s) in object: {keys}")
    };
    InvalidEnumValue = "invalid_enum_value", Error, shape, |m| m.fill("Invalid enum value. Expected {@options}, received '{received}'");
    InvalidString = "invalid_string", Error, shape, |m| match m.p("validation").as_str() {
        "url" => String::from("Invalid url"),
        _ => String::from("Invalid time: use HH:MM between 00:00 and 23:59"),
    };
    TooSmall = "too_small", Error, shape, |m| {
        if m.p("type") == "string" {
            m.fill("String must contain at least {minimum} character(s)")
        } else if m.get("inclusive") == Some(&Value::Bool(true)) {
            m.fill("Number must be greater than or equal to {minimum}")
        } else {
            m.fill("Number must be greater than {minimum}")
        }
    };
    TooBig = "too_big", Error, shape, |m| {
        if m.p("type") == "array" {
            m.fill("Array must contain at most {maximum} element(s)")
        } else {
            m.fill("Number must be less than or equal to {maximum}")
        }
    };
    NotFinite = "not_finite", Error, shape, |_m| String::from("Number must be finite");
    // Input that is not a JSON body
    InvalidJson = "invalid_json", Error, shape, |m| m.fill("Body is not valid JSON: {reason} at line {line} column {column}");
    LoneSurrogate = "lone_surrogate", Error, shape, |_m| String::from(
        "String contains an unpaired UTF-16 surrogate, which cannot be sent as UTF-8",
    );
    NestingTooDeep = "nesting_too_deep", Error, shape, |m| {
        m.fill("Value is nested deeper than {limit} levels")
    };
    TooManyIssues = "too_many_issues", Warning, rule, |m| m.fill("{omitted} more issues were left out; a report lists at most {limit}");
    // Errors of our own
    SlotEndNotAfterStart = "slot_end_not_after_start", Error, rule, |m| m.fill("Slot ends at {end} but starts at {start}: the end must be after the start");
    OverlappingSlots = "overlapping_slots", Error, rule, |m| m.fill("Slot {slot} ({start}–{end}) overlaps slot {other} ({other_start}–{other_end}) on {day}");
    RequestRateBelowFloor = "request_rate_below_floor", Error, rule, |m| m.fill("Requests cannot be made less frequently than once per minute: {frequency} per {cadence} is {per_minute} per minute");
    MissingCredentialField = "missing_credential_field", Error, rule, |m| m.fill("{vendor} credentials require '{key}' (a {expected})");
    InvalidCredentialField = "invalid_credential_field", Error, rule, |m| {
        match m.p("expected").as_str() {
            "word" => m.fill("'{key}' must contain only ASCII letters, digits and underscores"),
            "uri" => m.fill("'{key}' must be an absolute URL"),
            "non_empty" => m.fill("'{key}' must not be empty"),
            _ => m.fill("'{key}' must be a {expected}, received {received}"),
        }
    };
    CustomScheduleMissing = "custom_schedule_missing", Error, rule, |m| {
        if m.severity == Severity::Error {
            String::from("use_custom_sync_schedule is true but no custom_sync_schedule is set")
        } else if m.get("current_schedule").is_some() {
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
    };
    // Warnings of our own
    DeprecatedField = "deprecated_field", Warning, rule, |m| match m.p("field").as_str() {
        "system" => String::from(
            "system is deprecated and ignored: the API host decides sandbox or production",
        ),
        "base_url" => String::from(
            "base_url is deprecated: set the base URL in the vendor's credentials",
        ),
        _ => {
            if m.get("value") == Some(&Value::Bool(false)) {
                String::from(
                    "allow_manual_syncs is deprecated: manual syncs are always allowed, so false is ignored",
                )
            } else {
                String::from("allow_manual_syncs is deprecated: manual syncs are always allowed")
            }
        }
    };
    CustomScheduleIgnored = "custom_schedule_ignored", Warning, rule, |_m| String::from(
        "custom_sync_schedule is sent but not used while use_custom_sync_schedule is false",
    );
    FixedScheduleIgnored = "fixed_schedule_ignored", Warning, rule, |m| m.fill("{@field} is not used while the custom sync schedule is in force");
    IntervalExceedsSlot = "interval_exceeds_slot", Warning, rule, |m| m.fill("An interval of {interval} is longer than the slot {start}–{end}: it syncs once, at {start}");
    CadenceTooCoarse = "cadence_too_coarse", Warning, rule, |m| m.fill("A {cadence} cadence is longer than a slot, which lies within one day: the slot syncs once, at {start}");
    SyncTooFrequent = "sync_too_frequent", Warning, rule, |m| m.fill("Syncing every {interval} is more often than once a minute");
    DstTransition = "dst_transition", Warning, rule, |m| {
        if m.p("transition") == "skipped" {
            m.fill("On {date} the clocks in {timezone} skip {from}–{to}: syncs this slot would make in that time do not happen")
        } else {
            m.fill("On {date} the clocks in {timezone} repeat {from}–{to}: syncs in that time happen once, at the first occurrence")
        }
    };
    ScheduleNeverSyncs = "schedule_never_syncs", Warning, rule, |_m| String::from(
        "The custom schedule in force has no slot on any day: the integration would never sync",
    );
    UnknownCredentialField = "unknown_credential_field", Warning, rule, |m| {
        match m.get("suggestion") {
            Some(_) => m.fill("'{key}' is not a credential field of {vendor}; did you mean '{suggestion}'?"),
            None => m.fill("'{key}' is not a credential field of {vendor}"),
        }
    };
    CredentialsMatchNoVendor = "credentials_match_no_vendor", Warning, rule, |_m| String::from(
        "These credentials have the keys of no vendor's credential shape",
    );
    CredentialsUnverified = "credentials_unverified", Warning, rule, |m| m.fill("{vendor} has no published credential shape, so these credentials cannot be checked before sending");
    VendorChange = "vendor_change", Warning, rule, |m| m.fill("This changes the vendor from {from} to {to}: credentials and configuration do not carry over between PMSs");
    EmptyUpdate = "empty_update", Warning, rule, |_m| {
        String::from("The update is empty: it changes nothing")
    };
    ExceedsPmsRateLimit = "exceeds_pms_rate_limit", Warning, rule, |m| {
        match m.get("api") {
            Some(Value::String(_)) => m.fill(
                "The configured rate allows {configured} requests per {window}; the PMS allows \
                 {limit} for the {api} API",
            ),
            _ => m.fill(
                "The configured rate allows {configured} requests per {window}; the PMS allows {limit}",
            ),
        }
    };
}

impl Code {
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Params, PathSegment};

    #[test]
    fn every_code_is_found_by_its_name_and_only_by_it() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(code));
            // The report's JSON writes codes and severities without escaping them.
            assert!(code
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        for severity in crate::report::Severity::ALL {
            assert!(severity.as_str().bytes().all(|b| b.is_ascii_lowercase()));
        }
        assert_eq!(Code::from_name("no_such_code"), None);
        assert_eq!(Code::from_name(""), None);
    }

    fn message(code: Code, path: &[PathSegment<'_>], params: Params<'_>) -> String {
        crate::messages::render(code, code.default_severity(), path, &params)
    }

    /// The branches no shared vector reaches, and each kind of placeholder, with the
    /// texts the `format!` calls of earlier versions wrote.
    #[test]
    fn templates_write_what_the_formatted_messages_wrote() {
        let none: &[PathSegment<'_>] = &[];
        let cases = [
            (
                message(
                    Code::TooSmall,
                    none,
                    Params::new().with("minimum", 0.5).with("inclusive", false),
                ),
                "Number must be greater than 0.5",
            ),
            (
                message(
                    Code::TooManyIssues,
                    none,
                    Params::new()
                        .with("limit", 500usize)
                        .with("omitted", 12usize),
                ),
                "12 more issues were left out; a report lists at most 500",
            ),
            (
                message(
                    Code::InvalidEnumValue,
                    none,
                    Params::new()
                        .with("options", vec![Value::str("a"), Value::str("b c")])
                        .with("received", "d"),
                ),
                "Invalid enum value. Expected 'a' | 'b c', received 'd'",
            ),
            (
                message(
                    Code::UnrecognizedKeys,
                    none,
                    Params::new().with("keys", vec![Value::str("x"), Value::Number(1e21)]),
                ),
                "Unrecognized key(s) in object: 'x', 1e+21",
            ),
            (
                message(
                    Code::FixedScheduleIgnored,
                    &[PathSegment::key("a"), PathSegment::Index(12)],
                    Params::new(),
                ),
                "12 is not used while the custom sync schedule is in force",
            ),
            (
                message(Code::FixedScheduleIgnored, none, Params::new()),
                "body is not used while the custom sync schedule is in force",
            ),
            (
                message(
                    Code::ExceedsPmsRateLimit,
                    none,
                    Params::new()
                        .with("configured", 10usize)
                        .with("window", "second")
                        .with("limit", 5usize),
                ),
                "The configured rate allows 10 requests per second; the PMS allows 5",
            ),
            (
                message(
                    Code::ExceedsPmsRateLimit,
                    none,
                    Params::new()
                        .with("configured", 10usize)
                        .with("window", "second")
                        .with("limit", 5usize)
                        .with("api", "Reports"),
                ),
                "The configured rate allows 10 requests per second; the PMS allows 5 for the \
                 Reports API",
            ),
            (
                message(
                    Code::InvalidType,
                    none,
                    Params::new().with("expected", "x").with("received", true),
                ),
                "Expected x, received true",
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
    }
}
