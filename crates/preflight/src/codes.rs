//! The one table of issue codes: each code's name, default severity, whether it
//! describes the body's shape, and its message, written once. The `codes!` macro turns
//! the table into the `Code` enum, `Code::ALL`, `as_str`, `default_severity`,
//! `is_structural` and the message renderer, so adding a code is one row.
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
            format!("Expected {}, received {}", m.p("expected"), m.p("received"))
        }
    };
    UnrecognizedKeys = "unrecognized_keys", Error, shape, |m| {
        format!("Unrecognized key(s) in object: {}", m.p("keys"))
    };
    InvalidEnumValue = "invalid_enum_value", Error, shape, |m| format!(
        "Invalid enum value. Expected {}, received '{}'",
        m.quoted_options(),
        m.p("received")
    );
    InvalidString = "invalid_string", Error, shape, |m| match m.p("validation").as_str() {
        "url" => String::from("Invalid url"),
        _ => String::from("Invalid time: use HH:MM between 00:00 and 23:59"),
    };
    TooSmall = "too_small", Error, shape, |m| {
        if m.p("type") == "string" {
            format!("String must contain at least {} character(s)", m.p("minimum"))
        } else if m.get("inclusive") == Some(&Value::Bool(true)) {
            format!("Number must be greater than or equal to {}", m.p("minimum"))
        } else {
            format!("Number must be greater than {}", m.p("minimum"))
        }
    };
    TooBig = "too_big", Error, shape, |m| {
        if m.p("type") == "array" {
            format!("Array must contain at most {} element(s)", m.p("maximum"))
        } else {
            format!("Number must be less than or equal to {}", m.p("maximum"))
        }
    };
    NotFinite = "not_finite", Error, shape, |_m| String::from("Number must be finite");
    // Input that is not a JSON body
    InvalidJson = "invalid_json", Error, shape, |m| format!(
        "Body is not valid JSON: {} at line {} column {}",
        m.p("reason"),
        m.p("line"),
        m.p("column")
    );
    LoneSurrogate = "lone_surrogate", Error, shape, |_m| String::from(
        "String contains an unpaired UTF-16 surrogate, which cannot be sent as UTF-8",
    );
    NestingTooDeep = "nesting_too_deep", Error, shape, |m| {
        format!("Value is nested deeper than {} levels", m.p("limit"))
    };
    TooManyIssues = "too_many_issues", Warning, rule, |m| format!(
        "{} more issues were left out; a report lists at most {}",
        m.p("omitted"),
        m.p("limit")
    );
    // Errors of our own
    SlotEndNotAfterStart = "slot_end_not_after_start", Error, rule, |m| format!(
        "Slot ends at {} but starts at {}: the end must be after the start",
        m.p("end"),
        m.p("start")
    );
    OverlappingSlots = "overlapping_slots", Error, rule, |m| format!(
        "Slot {} ({}–{}) overlaps slot {} ({}–{}) on {}",
        m.p("slot"),
        m.p("start"),
        m.p("end"),
        m.p("other"),
        m.p("other_start"),
        m.p("other_end"),
        m.p("day")
    );
    RequestRateBelowFloor = "request_rate_below_floor", Error, rule, |m| format!(
        "Requests cannot be made less frequently than once per minute: {} per {} is {} per minute",
        m.p("frequency"),
        m.p("cadence"),
        m.p("per_minute")
    );
    MissingCredentialField = "missing_credential_field", Error, rule, |m| format!(
        "{} credentials require '{}' (a {})",
        m.p("vendor"),
        m.p("key"),
        m.p("expected")
    );
    InvalidCredentialField = "invalid_credential_field", Error, rule, |m| {
        match m.p("expected").as_str() {
            "word" => format!(
                "'{}' must contain only ASCII letters, digits and underscores",
                m.p("key")
            ),
            "uri" => format!("'{}' must be an absolute URL", m.p("key")),
            "non_empty" => format!("'{}' must not be empty", m.p("key")),
            expected => format!(
                "'{}' must be a {}, received {}",
                m.p("key"),
                expected,
                m.p("received")
            ),
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
    FixedScheduleIgnored = "fixed_schedule_ignored", Warning, rule, |m| format!(
        "{} is not used while the custom sync schedule is in force",
        m.field_name()
    );
    IntervalExceedsSlot = "interval_exceeds_slot", Warning, rule, |m| format!(
        "An interval of {} is longer than the slot {}–{}: it syncs once, at {}",
        m.p("interval"),
        m.p("start"),
        m.p("end"),
        m.p("start")
    );
    CadenceTooCoarse = "cadence_too_coarse", Warning, rule, |m| format!(
        "A {} cadence is longer than a slot, which lies within one day: the slot syncs once, at {}",
        m.p("cadence"),
        m.p("start")
    );
    SyncTooFrequent = "sync_too_frequent", Warning, rule, |m| format!(
        "Syncing every {} is more often than once a minute",
        m.p("interval")
    );
    DstTransition = "dst_transition", Warning, rule, |m| {
        if m.p("transition") == "skipped" {
            format!(
                "On {} the clocks in {} skip {}–{}: syncs this slot would make in that time do not happen",
                m.p("date"),
                m.p("timezone"),
                m.p("from"),
                m.p("to")
            )
        } else {
            format!(
                "On {} the clocks in {} repeat {}–{}: syncs in that time happen once, at the first occurrence",
                m.p("date"),
                m.p("timezone"),
                m.p("from"),
                m.p("to")
            )
        }
    };
    ScheduleNeverSyncs = "schedule_never_syncs", Warning, rule, |_m| String::from(
        "The custom schedule in force has no slot on any day: the integration would never sync",
    );
    UnknownCredentialField = "unknown_credential_field", Warning, rule, |m| {
        match m.get("suggestion") {
            Some(_) => format!(
                "'{}' is not a credential field of {}; did you mean '{}'?",
                m.p("key"),
                m.p("vendor"),
                m.p("suggestion")
            ),
            None => format!("'{}' is not a credential field of {}", m.p("key"), m.p("vendor")),
        }
    };
    CredentialsMatchNoVendor = "credentials_match_no_vendor", Warning, rule, |_m| String::from(
        "These credentials have the keys of no vendor's credential shape",
    );
    CredentialsUnverified = "credentials_unverified", Warning, rule, |m| format!(
        "{} has no published credential shape, so these credentials cannot be checked before sending",
        m.p("vendor")
    );
    VendorChange = "vendor_change", Warning, rule, |m| format!(
        "This changes the vendor from {} to {}: credentials and configuration do not carry over between PMSs",
        m.p("from"),
        m.p("to")
    );
    EmptyUpdate = "empty_update", Warning, rule, |_m| {
        String::from("The update is empty: it changes nothing")
    };
    ExceedsPmsRateLimit = "exceeds_pms_rate_limit", Warning, rule, |m| {
        let api = match m.get("api") {
            Some(Value::String(api)) => format!(" for the {api} API"),
            _ => String::new(),
        };
        format!(
            "The configured rate allows {} requests per {}; the PMS allows {}{}",
            m.p("configured"),
            m.p("window"),
            m.p("limit"),
            api
        )
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

    #[test]
    fn every_code_is_found_by_its_name_and_only_by_it() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(code));
        }
        assert_eq!(Code::from_name("no_such_code"), None);
        assert_eq!(Code::from_name(""), None);
    }
}
