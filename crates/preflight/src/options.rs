//! Options of `check`, and the two optional documents they carry: the integration as the
//! GET endpoint returns it (`current`) and the GET rate-limits output (`rate_limits`).
//!
//! Bad options are the caller's mistake, not the body's: they give a [`UsageError`]
//! instead of an issue.

use std::fmt;

use crate::body::Schedule;
use crate::issues::Ctx;
use crate::json::{Object, Value};
use crate::model::{canonical_vendor, Cadence, Field, Operation};
use crate::validate::read_body;

/// A mistake in how the library was called (bad options, bad arguments).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError {
            message: message.into(),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

/// How to check a body.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub operation: Operation,
    /// Accept what HTML forms send (strings for numbers and booleans, any case…), and
    /// report every coercion as a change.
    pub coerce: bool,
    /// The stored integration, so a partial update is judged against it.
    pub current: Option<Current>,
    /// The PMS's published rate limits.
    pub rate_limits: Option<RateLimits>,
    /// The instant "now" in Unix seconds, for naming the next clock change. Defaults to
    /// the system clock where there is one.
    pub now: Option<i64>,
}

const OPTION_KEYS: [&str; 5] = ["operation", "coerce", "current", "rate_limits", "now"];

impl Options {
    pub fn update() -> Self {
        Options::default()
    }

    pub fn create() -> Self {
        Options {
            operation: Operation::Create,
            ..Options::default()
        }
    }

    /// Reads options from a JSON object: `operation`, `coerce`, `current`,
    /// `rate_limits`, `now` (RFC 3339). `null` means "not given".
    pub fn from_value(value: &Value<'_>) -> Result<Options, UsageError> {
        let object = match value {
            Value::Null => return Ok(Options::default()),
            Value::Object(object) => object,
            other => {
                return Err(UsageError::new(format!(
                    "options must be an object, got {}",
                    other.type_name()
                )))
            }
        };
        let mut options = Options::default();
        for (key, value) in object.iter() {
            if matches!(value, Value::Null) {
                continue;
            }
            match key.as_ref() {
                "operation" => {
                    options.operation =
                        value
                            .as_str()
                            .and_then(Operation::from_name)
                            .ok_or_else(|| {
                                UsageError::new(
                                    "options.operation must be \"update\" or \"create\"",
                                )
                            })?;
                }
                "coerce" => {
                    options.coerce = value
                        .as_bool()
                        .ok_or_else(|| UsageError::new("options.coerce must be a boolean"))?;
                }
                "current" => options.current = Some(Current::from_value(value)?),
                "rate_limits" => options.rate_limits = Some(RateLimits::from_value(value)?),
                "now" => {
                    let text = value.as_str().ok_or_else(|| {
                        UsageError::new("options.now must be an RFC 3339 date-time string")
                    })?;
                    options.now = Some(parse_rfc3339(text)?);
                }
                other => {
                    return Err(UsageError::new(format!(
                        "unknown option '{other}'; known options: {}",
                        crate::messages::join(&mut OPTION_KEYS.iter().copied(), ", ")
                    )))
                }
            }
        }
        Ok(options)
    }

    /// Reads options from JSON text.
    pub fn from_json(text: &str) -> Result<Options, UsageError> {
        let value = crate::json::parse(text)
            .map_err(|e| UsageError::new(format!("options are not valid JSON: {e}")))?;
        Options::from_value(&value)
    }
}

/// Unix seconds of an RFC 3339 date-time.
pub fn parse_rfc3339(text: &str) -> Result<i64, UsageError> {
    crate::schedule::parse_rfc3339_nanos(text)
        .map(|(seconds, _)| seconds)
        .ok_or_else(|| {
            UsageError::new(format!(
                "'{text}' is not an RFC 3339 date-time such as 2026-03-08T09:00:00Z"
            ))
        })
}

/// What the stored integration says about its custom schedule. A field the stored
/// integration does not show is unknown, not absent: the GET response leaves the
/// schedule out, so only an explicit `null` means "none is stored".
#[derive(Clone, Debug, Default)]
pub(crate) enum StoredSchedule {
    /// Not shown (the GET response), or shown in a form the core cannot read.
    #[default]
    Unknown,
    /// `"custom_sync_schedule": null`.
    None,
    Some(Box<Schedule>),
}

impl StoredSchedule {
    pub(crate) fn schedule(&self) -> Option<&Schedule> {
        match self {
            StoredSchedule::Some(schedule) => Some(schedule),
            StoredSchedule::Unknown | StoredSchedule::None => None,
        }
    }
}

/// What the stored integration says, as far as the rules need it.
#[derive(Clone, Debug, Default)]
pub struct Current {
    pub(crate) vendor: Option<&'static str>,
    pub(crate) use_custom_sync_schedule: Option<bool>,
    pub(crate) schedule: StoredSchedule,
    pub(crate) sync_frequency: Option<f64>,
    pub(crate) sync_cadence: Option<Cadence>,
    pub(crate) max_request_frequency: Option<f64>,
    pub(crate) max_request_cadence: Option<Cadence>,
}

/// What `current` may be, for usage errors.
const CURRENT_EXPECTED: &str = "the integration as Propexo returns it: the GET response \
     {\"meta\": …, \"results\": {…}}, the PUT or POST response {\"result\": {…}}, or the \
     integration object itself";

/// Keys the GET, PUT and POST outputs show beside the request fields.
const OUTPUT_KEYS: [&str; 16] = [
    "id",
    "vendor",
    "created_at",
    "updated_at",
    "is_archived",
    "customer_id",
    "ping_results",
    "last_completed_sync",
    "last_completed_back_sync",
    "integration_interfaces",
    "models",
    "can_authenticate",
    "last_data_access_check",
    "configuration_meta_data",
    "is_running_sync",
    "is_running_data_access_check",
];

/// Vendors the outputs name that no request may set (SAMPLE3 is the public file's
/// redacted name, like SAMPLE1 and SAMPLE2).
const OUTPUT_ONLY_VENDORS: [&str; 3] = ["FUNNEL", "KNOCK", "SAMPLE3"];

/// Keys of the rate-limits output; no integration has them.
const RATE_LIMIT_KEYS: [&str; 2] = ["api_ratelimits", "minute_limit"];

fn is_request_field(key: &str) -> bool {
    Field::ALL.iter().any(|f| f.name() == key)
}

fn is_integration_key(key: &str) -> bool {
    is_request_field(key) || OUTPUT_KEYS.contains(&key)
}

/// The first key of `object` that is one of `keys`.
fn first_of<'o>(object: &'o Object<'_>, keys: &[&str]) -> Option<&'o str> {
    object
        .iter()
        .map(|(key, _)| key.as_ref())
        .find(|key| keys.contains(key))
}

/// The integration object inside `current`, whichever of its forms the caller holds.
fn integration_object<'v, 'a>(value: &'v Value<'a>) -> Result<&'v Object<'a>, UsageError> {
    let Some(object) = value.as_object() else {
        return Err(UsageError::new(format!(
            "options.current must be {CURRENT_EXPECTED}, got {}",
            value.type_name()
        )));
    };
    if let Some(found) = recognise_integration(object, "options.current")? {
        return Ok(found);
    }
    for key in ["results", "result"] {
        let place = format!("options.current.{key}");
        match object.get(key) {
            None => continue,
            Some(Value::Object(inner)) => {
                return match recognise_integration(inner, &place)? {
                    Some(found) => Ok(found),
                    None => Err(no_integration_fields(&place)),
                }
            }
            Some(Value::Null) => {
                return Err(UsageError::new(format!(
                    "{place} is null: the response holds no integration"
                )))
            }
            Some(Value::Array(_)) => {
                return Err(UsageError::new(format!(
                    "{place} is a list; current is one integration: {CURRENT_EXPECTED}"
                )))
            }
            Some(other) => {
                return Err(UsageError::new(format!(
                    "{place} must be the integration object, got {}",
                    other.type_name()
                )))
            }
        }
    }
    Err(no_integration_fields("options.current"))
}

fn no_integration_fields(place: &str) -> UsageError {
    UsageError::new(format!(
        "{place} has none of an integration's fields (such as name, vendor or \
         integration_vendor, sync_frequency); current must be {CURRENT_EXPECTED}"
    ))
}

/// `Some(object)` when it is an integration, `None` when it has no key of one, and an
/// error when it is recognisably the output of another endpoint.
fn recognise_integration<'v, 'a>(
    object: &'v Object<'a>,
    place: &str,
) -> Result<Option<&'v Object<'a>>, UsageError> {
    if let Some(key) = first_of(object, &RATE_LIMIT_KEYS) {
        return Err(UsageError::new(format!(
            "{place} is the rate-limits output (it has {key}): pass it as rate_limits; \
             current must be {CURRENT_EXPECTED}"
        )));
    }
    if object.get("integration_id").is_some() {
        return Err(UsageError::new(format!(
            "{place} has integration_id, so it is another endpoint's output (an integration \
             calls its own id \"id\"); current must be {CURRENT_EXPECTED}"
        )));
    }
    Ok(object
        .iter()
        .any(|(key, _)| is_integration_key(key))
        .then_some(object))
}

impl Current {
    /// Reads the stored integration in any form a caller holds it: the GET response
    /// (`{"meta", "results"}`, vendor named `vendor`), the PUT or POST response
    /// (`{"result"}`), or the integration object. Fields that are missing or malformed
    /// count as unknown; extra fields such as `id` are ignored. Anything that is not
    /// recognisably an integration is a usage error.
    pub fn from_value(value: &Value<'_>) -> Result<Current, UsageError> {
        let object = integration_object(value)?;
        let as_value = Value::Object(object.clone());
        let mut silent = Ctx::new(true);
        let Some(body) = read_body(&as_value, Operation::Update, &mut silent) else {
            return Ok(Current::default());
        };
        let vendor = body.vendor().or_else(|| {
            // The GET and POST outputs call the field `vendor`, and name a few vendors
            // no request may set.
            let name = object.get("vendor").and_then(Value::as_str)?;
            canonical_vendor(name).or_else(|| {
                OUTPUT_ONLY_VENDORS
                    .iter()
                    .copied()
                    .find(|vendor| *vendor == name)
            })
        });
        let schedule = match object.get(Field::CustomSyncSchedule.name()) {
            None => StoredSchedule::Unknown,
            Some(Value::Null) => StoredSchedule::None,
            Some(_) => match body.schedule.clone().filter(|s| s.valid) {
                Some(schedule) => StoredSchedule::Some(Box::new(schedule)),
                None => StoredSchedule::Unknown,
            },
        };
        Ok(Current {
            vendor,
            use_custom_sync_schedule: body.boolean(Field::UseCustomSyncSchedule),
            schedule,
            sync_frequency: body.number(Field::SyncFrequency),
            sync_cadence: body.cadence(Field::SyncCadence),
            max_request_frequency: body.number(Field::MaxRequestFrequency),
            max_request_cadence: body.cadence(Field::MaxRequestCadence),
        })
    }
}

/// The lowest published limit of one window, and the API it belongs to (Entrata).
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    pub requests: f64,
    pub api: Option<String>,
}

/// Requests the PMS allows per minute, hour and day (the lowest across its APIs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateLimits {
    pub minute: Option<Limit>,
    pub hour: Option<Limit>,
    pub day: Option<Limit>,
}

/// What `rate_limits` may be, for usage errors.
const RATE_LIMITS_EXPECTED: &str = "the output of GET \
     /v1/admin/integrations/{id}/rate-limits/: {\"results\": {…}} holding api_ratelimits \
     (Entrata) or minute_limit (Rent Manager), or the object under \"results\"";

/// The object of limits inside `rate_limits`, with or without the `results` wrapper.
fn limits_object<'v, 'a>(value: &'v Value<'a>) -> Result<&'v Object<'a>, UsageError> {
    let Some(object) = value.as_object() else {
        return Err(UsageError::new(format!(
            "options.rate_limits must be {RATE_LIMITS_EXPECTED}, got {}",
            value.type_name()
        )));
    };
    let (object, place) = match object.get("results") {
        Some(_) if first_of(object, &RATE_LIMIT_KEYS).is_some() => (object, "options.rate_limits"),
        Some(Value::Object(inner)) => (inner, "options.rate_limits.results"),
        Some(other) => {
            return Err(UsageError::new(format!(
                "options.rate_limits.results must be an object, got {}; rate_limits must be \
                 {RATE_LIMITS_EXPECTED}",
                other.type_name()
            )))
        }
        None => (object, "options.rate_limits"),
    };
    if first_of(object, &RATE_LIMIT_KEYS).is_some() {
        return Ok(object);
    }
    if object
        .iter()
        .any(|(key, _)| is_request_field(key) || key == "vendor")
    {
        return Err(UsageError::new(format!(
            "{place} is an integration, not its rate limits: pass it as current; \
             rate_limits must be {RATE_LIMITS_EXPECTED}"
        )));
    }
    Err(UsageError::new(format!(
        "{place} has neither api_ratelimits (Entrata) nor minute_limit (Rent Manager); \
         rate_limits must be {RATE_LIMITS_EXPECTED}"
    )))
}

impl RateLimits {
    /// Reads the GET rate-limits output, with or without its `results` wrapper: the
    /// Entrata shape with `api_ratelimits`, or the Rent Manager shape with one
    /// `minute_limit`. Anything else is a usage error.
    pub fn from_value(value: &Value<'_>) -> Result<RateLimits, UsageError> {
        let object = limits_object(value)?;
        let mut limits = RateLimits::default();
        match object.get("api_ratelimits") {
            Some(Value::Array(apis)) => {
                for (i, api) in apis.iter().enumerate() {
                    let api = api.as_object().ok_or_else(|| {
                        UsageError::new(format!(
                            "options.rate_limits.api_ratelimits[{i}] must be an object"
                        ))
                    })?;
                    let name = api.get("api").and_then(Value::as_str).map(str::to_string);
                    let at = format!("api_ratelimits[{i}]");
                    merge(
                        &mut limits.minute,
                        read_limit(api, "minute_limit", &at)?,
                        &name,
                    );
                    merge(&mut limits.hour, read_limit(api, "hour_limit", &at)?, &name);
                    merge(&mut limits.day, read_limit(api, "day_limit", &at)?, &name);
                }
            }
            Some(_) => {
                return Err(UsageError::new(
                    "options.rate_limits.api_ratelimits must be an array",
                ))
            }
            None => {
                merge(
                    &mut limits.minute,
                    read_limit(object, "minute_limit", "")?,
                    &None,
                );
            }
        }
        Ok(limits)
    }
}

fn read_limit(object: &Object<'_>, key: &str, at: &str) -> Result<Option<f64>, UsageError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.is_finite() && *n >= 0.0 => Ok(Some(*n)),
        Some(_) => {
            let place = if at.is_empty() {
                key.to_string()
            } else {
                format!("{at}.{key}")
            };
            Err(UsageError::new(format!(
                "options.rate_limits.{place} must be a non-negative number or null"
            )))
        }
    }
}

fn merge(slot: &mut Option<Limit>, requests: Option<f64>, api: &Option<String>) {
    let Some(requests) = requests else { return };
    if slot.as_ref().is_none_or(|l| requests < l.requests) {
        *slot = Some(Limit {
            requests,
            api: api.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn reads_options() {
        let o = Options::from_json(
            r#"{"operation":"create","coerce":true,"now":"2026-03-08T09:00:00-05:00"}"#,
        )
        .unwrap();
        assert_eq!(o.operation, Operation::Create);
        assert!(o.coerce);
        assert_eq!(o.now, Some(1_772_978_400));
        assert!(Options::from_json(r#"{"operation":"delete"}"#).is_err());
        assert!(Options::from_json(r#"{"rateLimits":{}}"#)
            .unwrap_err()
            .message
            .contains("unknown option"));
        assert!(Options::from_json(r#"[]"#).is_err());
        assert!(Options::from_json(r#"{"now":"yesterday"}"#).is_err());
    }

    #[test]
    fn a_usage_error_displays_its_message() {
        let error = Options::from_json(r#"{"now":"yesterday"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "'yesterday' is not an RFC 3339 date-time such as 2026-03-08T09:00:00Z"
        );
        assert_eq!(error.to_string(), error.message);
    }

    #[test]
    fn reads_current_in_every_form_propexo_returns_it() {
        let integration = r#"{"id":"x","vendor":"SAMPLE2","use_custom_sync_schedule":true,"max_request_frequency":10,"max_request_cadence":"SECOND"}"#;
        for text in [
            integration.to_string(),
            format!(r#"{{"result":{integration}}}"#),
            format!(r#"{{"meta":{{"orderBy":[]}},"results":{integration}}}"#),
        ] {
            let c = Current::from_value(&parse(&text).unwrap()).unwrap();
            assert_eq!(c.vendor, Some("APPFOLIO"), "{text}");
            assert_eq!(c.use_custom_sync_schedule, Some(true));
            assert_eq!(c.max_request_frequency, Some(10.0));
            assert_eq!(c.max_request_cadence, Some(Cadence::Second));
            assert!(matches!(c.schedule, StoredSchedule::Unknown));
        }
        let put = parse(r#"{"result":{"integration_vendor":"ENTRATA","vendor":"KNOCK"}}"#).unwrap();
        assert_eq!(Current::from_value(&put).unwrap().vendor, Some("ENTRATA"));
        let knock = parse(r#"{"vendor":"KNOCK"}"#).unwrap();
        assert_eq!(Current::from_value(&knock).unwrap().vendor, Some("KNOCK"));
    }

    #[test]
    fn an_explicit_null_schedule_is_none_stored_and_a_missing_one_unknown() {
        let read = |text: &str| Current::from_value(&parse(text).unwrap()).unwrap().schedule;
        assert!(matches!(
            read(r#"{"custom_sync_schedule":null}"#),
            StoredSchedule::None
        ));
        assert!(matches!(read(r#"{"name":"x"}"#), StoredSchedule::Unknown));
        assert!(matches!(
            read(r#"{"custom_sync_schedule":{"type":"WEEK_BASED"}}"#),
            StoredSchedule::Unknown
        ));
        assert!(matches!(
            read(
                r#"{"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{}}}"#
            ),
            StoredSchedule::Some(_)
        ));
    }

    #[test]
    fn what_is_not_an_integration_is_a_usage_error() {
        let error = |text: &str| {
            Current::from_value(&parse(text).unwrap())
                .unwrap_err()
                .message
        };
        assert!(error(r#""x""#).starts_with("options.current must be the integration"));
        assert!(error("[]").ends_with(", got array"));
        assert!(error("{}").contains("has none of an integration's fields"));
        assert!(error(r#"{"foo":1}"#).contains("has none of an integration's fields"));
        assert!(error(r#"{"result":{"foo":1}}"#).starts_with("options.current.result has none"));
        assert!(error(r#"{"result":"x"}"#).contains("got string"));
        assert!(error(r#"{"meta":{},"results":null}"#).contains("holds no integration"));
        assert!(error(r#"{"meta":{},"results":[]}"#).contains("is a list"));
        assert!(
            error(r#"{"integration_id":"i","minute_limit":5,"updated_at":"t"}"#)
                .contains("is the rate-limits output (it has minute_limit)")
        );
        assert!(
            error(r#"{"id":"j","integration_id":"i","sync_frequency":5}"#)
                .contains("another endpoint's output")
        );
    }

    #[test]
    fn reads_both_rate_limit_shapes() {
        let entrata = parse(r#"{"results":{"integration_id":"i","api_ratelimits":[
            {"api":"leases","updated_at":"t","day_limit":1000,"hour_limit":null,"minute_limit":60},
            {"api":"properties","updated_at":"t","day_limit":5000,"hour_limit":300,"minute_limit":30}]}}"#).unwrap();
        let l = RateLimits::from_value(&entrata).unwrap();
        assert_eq!(
            l.minute,
            Some(Limit {
                requests: 30.0,
                api: Some("properties".into())
            })
        );
        assert_eq!(
            l.hour,
            Some(Limit {
                requests: 300.0,
                api: Some("properties".into())
            })
        );
        assert_eq!(
            l.day,
            Some(Limit {
                requests: 1000.0,
                api: Some("leases".into())
            })
        );
        let rm = parse(r#"{"integration_id":"i","updated_at":"t","minute_limit":500}"#).unwrap();
        assert_eq!(
            RateLimits::from_value(&rm)
                .unwrap()
                .minute
                .map(|l| l.requests),
            Some(500.0)
        );
        assert!(RateLimits::from_value(&parse(r#"{"minute_limit":"many"}"#).unwrap()).is_err());
        let rm_null =
            parse(r#"{"results":{"integration_id":"i","updated_at":"t","minute_limit":null}}"#)
                .unwrap();
        assert_eq!(
            RateLimits::from_value(&rm_null).unwrap(),
            RateLimits::default()
        );
    }

    #[test]
    fn what_is_not_the_rate_limits_output_is_a_usage_error() {
        let error = |text: &str| {
            RateLimits::from_value(&parse(text).unwrap())
                .unwrap_err()
                .message
        };
        assert!(error("[]").ends_with(", got array"));
        assert!(error("{}").contains("has neither api_ratelimits"));
        assert!(error(r#"{"results":{}}"#).starts_with("options.rate_limits.results has neither"));
        assert!(error(r#"{"results":null}"#).contains("got null"));
        assert!(error(r#"{"result":{"vendor":"ENTRATA","name":"x"}}"#).contains("has neither"));
        assert!(
            error(r#"{"meta":{},"results":{"vendor":"ENTRATA","name":"x"}}"#)
                .contains("is an integration, not its rate limits")
        );
    }

    #[test]
    fn a_limit_must_be_a_non_negative_number() {
        let read = |text: &str| RateLimits::from_value(&parse(text).unwrap());
        assert!(read(r#"{"minute_limit":-1}"#).is_err());
        assert!(read(r#"{"minute_limit":-0.5}"#).is_err());
        let zero = read(r#"{"minute_limit":0}"#).unwrap();
        assert_eq!(zero.minute.map(|l| l.requests), Some(0.0));
    }

    #[test]
    fn the_first_api_wins_a_tie_for_the_tightest_limit() {
        let tied = parse(
            r#"{"api_ratelimits":[{"api":"first","minute_limit":30},{"api":"second","minute_limit":30}]}"#,
        )
        .unwrap();
        let minute = RateLimits::from_value(&tied).unwrap().minute.unwrap();
        assert_eq!(minute.requests, 30.0);
        assert_eq!(minute.api.as_deref(), Some("first"));
    }

    #[test]
    fn a_results_key_beside_the_limits_is_not_the_wrapper() {
        let read = |text: &str| RateLimits::from_value(&parse(text).unwrap());
        let beside = read(r#"{"minute_limit":7,"results":null}"#).unwrap();
        assert_eq!(beside.minute.map(|l| l.requests), Some(7.0));
        let wrapped = read(r#"{"results":{"minute_limit":9}}"#).unwrap();
        assert_eq!(wrapped.minute.map(|l| l.requests), Some(9.0));
    }
}
