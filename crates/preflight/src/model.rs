//! The body's vocabulary: fields in documented order, their kinds, and the enums.
//!
//! This table drives the validator, the normalizer and the JSON Schema export alike, so
//! the three cannot drift apart.

use crate::zone_rules::{self, Era};

use crate::json::Value;

/// An enum whose variants are names of the API: the variants, their names in order
/// (`$names`, for messages and the JSON Schema), `ALL`, `as_str` and `from_name`, from one
/// list.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $ty:ident, names $names:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $name:literal,)*
        }
    ) => {
        $(#[$meta])*
        pub enum $ty {
            $($(#[$variant_meta])* $variant,)*
        }

        /// The names, in the documented order.
        pub const $names: [&str; [$($name),*].len()] = [$($name),*];

        impl $ty {
            pub const ALL: [$ty; [$($name),*].len()] = [$($ty::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }

            pub fn from_name(name: &str) -> Option<$ty> {
                #[cfg(feature = "speed")]
                return Self::ALL.into_iter().find(|v| $crate::model::same_name(name, v.as_str()));
                #[cfg(not(feature = "speed"))]
                match name {
                    $($name => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

named_enum! {
    /// Which request the body is for.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
    pub enum Operation, names OPERATIONS {
        /// `PUT /v1/admin/integrations/{integration_id}/`: every field optional.
        #[default]
        Update = "update",
        /// `POST /v1/admin/integrations/`: `integration_vendor`, `credentials`, `name` required.
        Create = "create",
    }
}

/// The live API's vendor names (the public OpenAPI file redacts YARDI and APPFOLIO).
pub const VENDORS: [&str; 13] = [
    "APPFOLIO",
    "BUILDIUM",
    "ENTRATA",
    "MRI",
    "PROPERTYWARE",
    "PROPERTYWARE_REST",
    "REALPAGE",
    "REALPAGE_RPX",
    "RENTMANAGER",
    "RENTVINE",
    "RESMAN",
    "YARDI",
    "YARDI_REST",
];

/// The redacted names of the published file, and the vendors they stand for.
pub const VENDOR_ALIASES: [(&str, &str); 2] = [("SAMPLE1", "YARDI"), ("SAMPLE2", "APPFOLIO")];

pub const SYSTEMS: [&str; 2] = ["PRODUCTION", "SANDBOX"];
pub const SCHEDULE_TYPES: [&str; 1] = ["WEEK_BASED"];
/// The eight zones a custom schedule may use: name and offset rules, in the documented order.
const ZONES: [(&str, &[Era]); 8] = [
    ("UTC", zone_rules::UTC),
    ("America/New_York", zone_rules::NEW_YORK),
    ("America/Chicago", zone_rules::CHICAGO),
    ("America/Denver", zone_rules::DENVER),
    ("America/Phoenix", zone_rules::PHOENIX),
    ("America/Los_Angeles", zone_rules::LOS_ANGELES),
    ("America/Anchorage", zone_rules::ANCHORAGE),
    ("Pacific/Honolulu", zone_rules::HONOLULU),
];

/// The zone names, in the documented order.
#[allow(clippy::indexing_slicing)] // const evaluation: a bad index fails the build
pub const TIMEZONES: [&str; ZONES.len()] = {
    let mut names = [""; ZONES.len()];
    let mut i = 0;
    while i < ZONES.len() {
        names[i] = ZONES[i].0;
        i += 1;
    }
    names
};
pub const DAYS: [&str; 7] = [
    "SUNDAY",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
];
pub const DAY_ABBREVIATIONS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub const SLOT_FIELDS: [&str; 4] = ["start", "end", "sync_frequency", "sync_cadence"];
pub const SCHEDULE_FIELDS: [&str; 3] = ["type", "timezone", "interval"];

named_enum! {
    /// A sync or request cadence unit.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Cadence, names CADENCES {
        Minute = "MINUTE",
        Hour = "HOUR",
        Day = "DAY",
        Week = "WEEK",
        Month = "MONTH",
        Second = "SECOND",
    }
}

impl Cadence {
    /// Length in seconds. A MONTH counts as 30 days wherever a rate or an interval is
    /// compared; only the schedule engine walks real calendar months.
    pub fn seconds(self) -> f64 {
        match self {
            Cadence::Second => 1.0,
            Cadence::Minute => 60.0,
            Cadence::Hour => 3_600.0,
            Cadence::Day => 86_400.0,
            Cadence::Week => 604_800.0,
            Cadence::Month => 2_592_000.0,
        }
    }

    /// Singular and plural English unit.
    pub fn unit_words(self) -> (&'static str, &'static str) {
        match self {
            Cadence::Second => ("second", "seconds"),
            Cadence::Minute => ("minute", "minutes"),
            Cadence::Hour => ("hour", "hours"),
            Cadence::Day => ("day", "days"),
            Cadence::Week => ("week", "weeks"),
            Cadence::Month => ("month", "months"),
        }
    }

    /// Longer than any slot can be (a slot lies within one day).
    pub fn is_coarser_than_a_slot(self) -> bool {
        matches!(self, Cadence::Day | Cadence::Week | Cadence::Month)
    }
}

/// One of the eight time zones a custom schedule may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zone(usize);

impl Zone {
    pub fn from_name(name: &str) -> Option<Zone> {
        TIMEZONES.iter().position(|z| *z == name).map(Zone)
    }

    pub fn name(self) -> &'static str {
        TIMEZONES.get(self.0).copied().unwrap_or("UTC")
    }

    pub(crate) fn eras(self) -> &'static [Era] {
        ZONES.get(self.0).map_or(zone_rules::UTC, |(_, eras)| *eras)
    }

    pub fn all() -> impl Iterator<Item = Zone> {
        (0..TIMEZONES.len()).map(Zone)
    }
}

/// How a field's value is checked (and coerced, and described in the JSON Schema).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Vendor,
    Credentials,
    String,
    NonEmptyString,
    Enum(&'static [&'static str]),
    Integer {
        min: f64,
        max: Option<f64>,
    },
    Number {
        min: f64,
    },
    Boolean,
    NullableUri,
    Schedule,
    /// A slot's `HH:MM` start or end.
    Time,
    /// One of the eight schedule zones.
    Timezone,
}

named_enum! {
    /// The body's fields, in the documented order (the order of the published schema).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field, names FIELDS {
        IntegrationVendor = "integration_vendor",
        Credentials = "credentials",
        Name = "name",
        System = "system",
        SyncFrequency = "sync_frequency",
        SyncCadence = "sync_cadence",
        MaxRequestCadence = "max_request_cadence",
        MaxRequestFrequency = "max_request_frequency",
        MaxJobConcurrency = "max_job_concurrency",
        Active = "active",
        BaseUrl = "base_url",
        NewPropertiesAreEnabled = "new_properties_are_enabled",
        BasedOnIntegrationId = "based_on_integration_id",
        AllowManualSyncs = "allow_manual_syncs",
        CustomSyncSchedule = "custom_sync_schedule",
        UseCustomSyncSchedule = "use_custom_sync_schedule",
    }
}

pub const FIELD_COUNT: usize = Field::ALL.len();

/// Whether `text` is one of `names` (see [`same_name`]).
#[inline]
pub(crate) fn is_one_of(text: &str, names: &[&str]) -> bool {
    #[cfg(feature = "speed")]
    return names.iter().any(|name| same_name(text, name));
    #[cfg(not(feature = "speed"))]
    names.contains(&text)
}

/// Whether `text` is `name`: with feature `speed` compared in place a word at a time (a
/// name is at most a few words), where `==` calls `memcmp`, which the WebAssembly module
/// runs as a byte loop behind a call; every key and every enum value of a body is
/// compared here. The browser module keeps `==`.
#[inline]
pub(crate) fn same_name(text: &str, name: &str) -> bool {
    #[cfg(feature = "speed")]
    {
        let (a, b) = (text.as_bytes(), name.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        // Words that may overlap: the first and last of every run of eight, four or fewer.
        let word = |bytes: &[u8], at: usize| -> u64 {
            bytes
                .get(at..at + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
                .map_or(0, u64::from_le_bytes)
        };
        let half = |bytes: &[u8], at: usize| -> u32 {
            bytes
                .get(at..at + 4)
                .and_then(|w| <[u8; 4]>::try_from(w).ok())
                .map_or(0, u32::from_le_bytes)
        };
        let len = a.len();
        if len >= 8 {
            let mut at = 0;
            while at + 8 < len {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            return word(a, len - 8) == word(b, len - 8);
        }
        if len >= 4 {
            return half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4);
        }
        a.iter().zip(b).all(|(x, y)| x == y)
    }
    #[cfg(not(feature = "speed"))]
    {
        text == name
    }
}

/// Where a name's field index sits in `FIELD_BY_HASH`. No two of the sixteen names
/// share a slot; a new name that did would fail the build (the table's `assert!`).
#[cfg(feature = "speed")]
const fn field_hash(name: &[u8]) -> usize {
    match name {
        [.., last] => (name.len() * 5 + *last as usize) % 32,
        [] => 0,
    }
}

/// The index of the field whose name hashes to each slot, or `u8::MAX`.
#[cfg(feature = "speed")]
#[allow(clippy::indexing_slicing)] // const evaluation: a bad index fails the build
static FIELD_BY_HASH: [u8; 32] = {
    let mut table = [u8::MAX; 32];
    let mut i = 0;
    while i < FIELDS.len() {
        let slot = field_hash(FIELDS[i].as_bytes());
        assert!(
            table[slot] == u8::MAX,
            "two field names share a slot: change field_hash"
        );
        table[slot] = i as u8;
        i += 1;
    }
    table
};

impl Field {
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        self.as_str()
    }

    /// The field of this name that `operation` knows: with feature `speed` one table read
    /// and one comparison (every key of every body is looked up here), else a search.
    pub fn lookup(name: &str, operation: Operation) -> Option<Field> {
        #[cfg(feature = "speed")]
        let field = {
            let index = *FIELD_BY_HASH.get(field_hash(name.as_bytes()))?;
            Some(*Field::ALL.get(usize::from(index))?).filter(|f| same_name(name, f.name()))
        };
        #[cfg(not(feature = "speed"))]
        let field = Field::ALL.into_iter().find(|f| f.name() == name);
        field.filter(|f| f.allowed(operation))
    }

    pub fn allowed(self, operation: Operation) -> bool {
        self != Field::BasedOnIntegrationId || operation == Operation::Create
    }

    pub fn required(self, operation: Operation) -> bool {
        operation == Operation::Create
            && matches!(
                self,
                Field::IntegrationVendor | Field::Credentials | Field::Name
            )
    }

    pub fn kind(self) -> Kind {
        match self {
            Field::IntegrationVendor => Kind::Vendor,
            Field::Credentials => Kind::Credentials,
            Field::Name => Kind::String,
            Field::System => Kind::Enum(&SYSTEMS),
            Field::SyncFrequency => Kind::Integer {
                min: 1.0,
                max: None,
            },
            Field::SyncCadence | Field::MaxRequestCadence => Kind::Enum(&CADENCES),
            Field::MaxRequestFrequency => Kind::Number { min: 1.0 },
            Field::MaxJobConcurrency => Kind::Integer {
                min: 1.0,
                max: Some(100.0),
            },
            Field::Active
            | Field::NewPropertiesAreEnabled
            | Field::AllowManualSyncs
            | Field::UseCustomSyncSchedule => Kind::Boolean,
            Field::BaseUrl => Kind::NullableUri,
            Field::BasedOnIntegrationId => Kind::NonEmptyString,
            Field::CustomSyncSchedule => Kind::Schedule,
        }
    }

    pub fn deprecated(self) -> bool {
        matches!(
            self,
            Field::System | Field::BaseUrl | Field::AllowManualSyncs
        )
    }

    /// Deprecated fields the server ignores; normalization drops them.
    pub fn is_no_op(self) -> bool {
        matches!(self, Field::System | Field::AllowManualSyncs)
    }

    /// The documented default of "Create an integration". preflight never writes it into
    /// a body (SPEC §6); it judges a create body by it and describes it in the JSON Schema.
    pub fn create_default(self) -> Option<Value<'static>> {
        Some(match self {
            Field::SyncFrequency => Value::Number(12.0),
            Field::SyncCadence => Value::str("HOUR"),
            Field::MaxRequestCadence => Value::str("SECOND"),
            Field::MaxRequestFrequency => Value::Number(1.0),
            Field::MaxJobConcurrency => Value::Number(1.0),
            Field::Active => Value::Bool(false),
            Field::NewPropertiesAreEnabled | Field::AllowManualSyncs => Value::Bool(true),
            Field::UseCustomSyncSchedule => Value::Bool(false),
            _ => return None,
        })
    }

    pub fn create_default_number(self) -> Option<f64> {
        self.create_default().and_then(|v| v.as_f64())
    }

    pub fn create_default_cadence(self) -> Option<Cadence> {
        self.create_default()
            .as_ref()
            .and_then(Value::as_str)
            .and_then(Cadence::from_name)
    }

    pub fn create_default_bool(self) -> Option<bool> {
        self.create_default().and_then(|v| v.as_bool())
    }

    pub fn description(self) -> &'static str {
        match self {
            Field::IntegrationVendor => "The property-management system this integration connects to.",
            Field::Credentials => "Credentials for the vendor's API; their shape depends on integration_vendor.",
            Field::Name => "The name of the integration.",
            Field::System => "Deprecated and ignored: the API host decides sandbox or production.",
            Field::SyncFrequency => "Sync every N sync_cadence units, when the custom schedule is not in use.",
            Field::SyncCadence => "The unit of sync_frequency.",
            Field::MaxRequestCadence => "The unit of max_request_frequency.",
            Field::MaxRequestFrequency => "At most this many requests to the PMS per max_request_cadence; never fewer than one per minute.",
            Field::MaxJobConcurrency => "How many jobs may run at once for this integration.",
            Field::Active => "Whether the integration syncs.",
            Field::BaseUrl => "Deprecated: set the vendor's base URL in credentials instead.",
            Field::NewPropertiesAreEnabled => "Whether newly found properties are ingested without approval.",
            Field::BasedOnIntegrationId => "Copy job schedules and similar configuration from this integration (same PMS and environment).",
            Field::AllowManualSyncs => "Deprecated and ignored: manual syncs are always allowed.",
            Field::CustomSyncSchedule => "A week-based schedule of sync time slots, used when use_custom_sync_schedule is true.",
            Field::UseCustomSyncSchedule => "Use custom_sync_schedule instead of sync_frequency and sync_cadence.",
        }
    }
}

/// Resolves a vendor name, including the redacted names of the published file.
pub fn canonical_vendor(name: &str) -> Option<&'static str> {
    VENDORS.iter().copied().find(|v| *v == name).or_else(|| {
        VENDOR_ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map(|(_, v)| *v)
    })
}

/// Minutes since local midnight of a strict `HH:MM` (00:00–23:59, ASCII digits, the whole string).
pub fn parse_time(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 5 || b.get(2) != Some(&b':') {
        return None;
    }
    let digit = |i: usize| -> Option<u16> {
        let d = *b.get(i)?;
        d.is_ascii_digit().then(|| u16::from(d - b'0'))
    };
    let hours = digit(0)? * 10 + digit(1)?;
    let minutes = digit(3)? * 10 + digit(4)?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// `HH:MM` of minutes since midnight (23:59 at most; later minutes read as 00:00).
pub fn format_time(minutes: u16) -> String {
    let mut text = String::with_capacity(5);
    push_time(&mut text, minutes);
    text
}

/// Appends `HH:MM` of minutes since midnight (as [`format_time`]).
#[inline]
pub fn push_time(out: &mut String, minutes: u16) {
    #[cfg(feature = "time-table")]
    {
        let at = usize::from(minutes) * 5;
        out.push_str(TIME_TEXT.get(at..at + 5).unwrap_or("00:00"));
    }
    #[cfg(not(feature = "time-table"))]
    {
        let minutes = if minutes < 24 * 60 { minutes } else { 0 };
        out.push_str(two_digits(minutes / 60));
        out.push(':');
        out.push_str(two_digits(minutes % 60));
    }
}

/// Every `HH:MM` of a day back to back (`00:0000:01…23:59`), built at compile time, so
/// normalization needs no allocation (feature `time-table`: 7 KB of data, about 3 KB
/// gzipped, which the browser build leaves out).
/// (The indexing below runs in const evaluation: an out-of-range index fails the build.)
#[cfg(feature = "time-table")]
#[allow(clippy::indexing_slicing)]
const TIMES: [u8; 7200] = {
    let mut table = [0u8; 7200];
    let mut m = 0;
    while m < 1440 {
        let (h, min, at) = (m / 60, m % 60, m * 5);
        table[at] = b'0' + (h / 10) as u8;
        table[at + 1] = b'0' + (h % 10) as u8;
        table[at + 2] = b':';
        table[at + 3] = b'0' + (min / 10) as u8;
        table[at + 4] = b'0' + (min % 10) as u8;
        m += 1;
    }
    table
};

/// The same table as text, checked at compile time.
#[cfg(feature = "time-table")]
#[allow(clippy::panic)] // const evaluation: a failure stops the build
static TIME_TEXT: &str = match std::str::from_utf8(&TIMES) {
    Ok(text) => text,
    Err(_) => panic!("the time table is ASCII"),
};

/// `HH:MM` of minutes since midnight as a report value: from the table when the build
/// has it (no allocation), else written on demand (a five-byte string).
#[inline]
pub(crate) fn time_value<'a>(minutes: u16) -> Value<'a> {
    #[cfg(feature = "time-table")]
    {
        let at = usize::from(minutes) * 5;
        Value::str(TIME_TEXT.get(at..at + 5).unwrap_or("00:00"))
    }
    #[cfg(not(feature = "time-table"))]
    {
        Value::from(format_time(minutes))
    }
}

/// `00` to `59`.
#[cfg(not(feature = "time-table"))]
fn two_digits(n: u16) -> &'static str {
    const TWO_DIGITS: &str = "000102030405060708091011121314151617181920212223242526272829303132333435363738394041424344454647484950515253545556575859";
    let at = usize::from(n) * 2;
    TWO_DIGITS.get(at..at + 2).unwrap_or("00")
}

/// The anchored pattern equivalent to [`parse_time`], for the JSON Schema.
pub const TIME_PATTERN: &str = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$";

/// An absolute URI per RFC 3986: a scheme, a colon, then only characters a URI may hold
/// (with well-formed percent escapes). What the server's URL check certainly rejects —
/// relative references, spaces, bad escapes — fails here; nothing is resolved or fetched.
pub fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = |j: usize| bytes.get(j).is_some_and(|c| c.is_ascii_hexdigit());
                if !(hex(i + 1) && hex(i + 2)) {
                    return false;
                }
                i += 3;
                continue;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' | b'.' | b'_' | b'~' => {}
            b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@' => {}
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => return false,
        }
        i += 1;
    }
    // An authority, when present, needs a host.
    if let Some(after) = rest.strip_prefix("//") {
        let authority = after.split(['/', '?', '#']).next().unwrap_or("");
        // After the last `@` (bytes searched: the reverse string searcher is bigger).
        let host = match authority.bytes().rposition(|b| b == b'@') {
            Some(at) => authority.get(at + 1..).unwrap_or(""),
            None => authority,
        };
        if host.is_empty() || host.starts_with(':') {
            return false;
        }
    }
    true
}

/// The anchored pattern equivalent to [`is_absolute_uri`], for the JSON Schema: a scheme,
/// a colon, then URI characters and percent escapes; the lookahead refuses an authority
/// whose host (after the last `@`) is empty or starts with a port. (`format: "uri"`
/// would be RFC 3986's full grammar, which accepts `http://` and refuses `a:[`: not what
/// the validator does.)
pub const URI_PATTERN: &str = r"^[A-Za-z][A-Za-z0-9+.-]*:(?!//(?:[^/?#]*@)?(?::[^/?#@]*)?(?:[/?#]|$))(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+$";

/// `^\w+$` as JavaScript reads it without the `u` flag: ASCII letters, digits, underscore.
pub fn is_ascii_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_text_is_every_minute_of_the_day() {
        for m in 0..1440u16 {
            let expected = format!("{:02}:{:02}", m / 60, m % 60);
            assert_eq!(format_time(m), expected);
            assert_eq!(parse_time(&format_time(m)), Some(m));
            let mut text = String::from("T");
            push_time(&mut text, m);
            assert_eq!(text, format!("T{expected}"));
        }
        assert_eq!(format_time(1440), "00:00");
        assert_eq!(format_time(u16::MAX), "00:00");
    }

    #[test]
    fn time_values_are_the_texts() {
        for m in [0, 1, 59, 60, 61, 599, 600, 754, 1439, 1440, u16::MAX] {
            assert_eq!(time_value(m).as_str(), Some(format_time(m).as_str()));
        }
    }

    #[test]
    fn every_field_name_and_only_it_finds_its_field() {
        for field in Field::ALL {
            let name = field.name();
            for operation in [Operation::Create, Operation::Update] {
                let expected = field.allowed(operation).then_some(field);
                assert_eq!(Field::lookup(name, operation), expected, "{name}");
                // Same length, same last byte (the slot), another name.
                let other = format!("x{}", &name[1..]);
                assert_eq!(Field::lookup(&other, operation), None, "{other}");
                assert_eq!(Field::lookup(&name[1..], operation), None);
                assert_eq!(Field::lookup(&format!("{name} "), operation), None);
            }
        }
        assert_eq!(Field::lookup("", Operation::Create), None);
    }

    #[test]
    fn a_name_is_the_same_as_equal_text_and_only_it() {
        // Every length up to three words, a difference at every byte, and the enums.
        let base: String = ('a'..='z').chain('A'..='Z').collect();
        for len in 0..=24 {
            let name = &base[..len];
            assert!(same_name(name, name));
            let copy = String::from(name);
            assert!(same_name(&copy, name));
            for at in 0..len {
                let mut other = name.as_bytes().to_vec();
                other[at] = b'-';
                let other = String::from_utf8(other).unwrap();
                assert!(!same_name(&other, name), "{other} / {name}");
                assert!(!same_name(name, &other), "{name} / {other}");
            }
            assert!(!same_name(&base[..len + 1], name));
            assert!(!same_name(name, &base[..len + 1]));
        }
        for cadence in Cadence::ALL {
            assert_eq!(Cadence::from_name(cadence.as_str()), Some(cadence));
            assert_eq!(Cadence::from_name(&cadence.as_str().to_lowercase()), None);
        }
        assert!(is_one_of("HOUR", &CADENCES));
        assert!(!is_one_of("HOURS", &CADENCES));
        assert!(!is_one_of("", &CADENCES));
    }

    #[test]
    fn times_are_strict() {
        assert_eq!(parse_time("00:00"), Some(0));
        assert_eq!(parse_time("23:59"), Some(1439));
        assert_eq!(parse_time("09:30"), Some(570));
        for bad in [
            "24:00",
            "09:60",
            "9:00",
            "x09:00y",
            "123:591",
            "09:00 ",
            "٠٩:٠٠",
            "09-00",
            "",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn uris() {
        for good in [
            "https://api.appfolio.com/v1",
            "http://x",
            "urn:isbn:123",
            "https://h:8080/a?b=c#d",
            "https://a%20b.c",
        ] {
            assert!(is_absolute_uri(good), "{good}");
        }
        for bad in [
            "",
            "api.appfolio.com",
            "/v1",
            "https://",
            "https://a b",
            "ht tp://x",
            "1http://x",
            "https://%zz",
            "http:",
            "https://:80",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
        }
    }

    #[test]
    fn fields_are_in_documented_order() {
        let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.first(), Some(&"integration_vendor"));
        assert_eq!(names.last(), Some(&"use_custom_sync_schedule"));
        assert!(Field::lookup("based_on_integration_id", Operation::Update).is_none());
        assert!(Field::lookup("based_on_integration_id", Operation::Create).is_some());
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }

    #[test]
    fn every_field_has_a_description_of_its_own() {
        let descriptions: Vec<&str> = Field::ALL.iter().map(|f| f.description()).collect();
        for (field, text) in Field::ALL.iter().zip(&descriptions) {
            assert!(text.len() > 20 && text.ends_with('.'), "{field:?}: {text}");
        }
        let mut distinct = descriptions.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), descriptions.len());
        assert_eq!(Field::Name.description(), "The name of the integration.");
    }

    #[test]
    fn zones_are_tz_database_names() {
        for zone in Zone::all() {
            let tz: chrono_tz::Tz = zone.name().parse().unwrap();
            assert_eq!(tz.name(), zone.name());
        }
    }

    #[test]
    fn percent_escapes_are_checked_where_they_stand() {
        for good in ["urn:%41", "x://a%41b", "x:%41%42"] {
            assert!(is_absolute_uri(good), "{good}");
        }
        for bad in ["x://a%4z11", "x://a%20 b", "x:%4", "x://ab%2"] {
            assert!(!is_absolute_uri(bad), "{bad}");
        }
    }

    #[test]
    fn create_defaults_are_the_documented_ones() {
        assert_eq!(Field::SyncFrequency.create_default_number(), Some(12.0));
        assert_eq!(
            Field::SyncCadence.create_default_cadence(),
            Some(Cadence::Hour)
        );
        assert_eq!(
            Field::MaxRequestCadence.create_default_cadence(),
            Some(Cadence::Second)
        );
        assert_eq!(
            Field::MaxRequestFrequency.create_default_number(),
            Some(1.0)
        );
        assert_eq!(Field::MaxJobConcurrency.create_default_number(), Some(1.0));
        assert_eq!(Field::Active.create_default_bool(), Some(false));
        assert_eq!(
            Field::NewPropertiesAreEnabled.create_default_bool(),
            Some(true)
        );
        assert_eq!(Field::AllowManualSyncs.create_default_bool(), Some(true));
        assert_eq!(
            Field::UseCustomSyncSchedule.create_default_bool(),
            Some(false)
        );
        assert_eq!(Field::Name.create_default(), None);
        assert_eq!(Field::SyncFrequency.create_default_bool(), None);
        assert_eq!(Field::Active.create_default_number(), None);
        assert_eq!(Field::SyncFrequency.create_default_cadence(), None);
    }
}
