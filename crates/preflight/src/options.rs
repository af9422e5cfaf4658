//! Options of `check`, and the two optional documents they carry: the integration as the
//! GET endpoint returns it (`current`) and the GET rate-limits output (`rate_limits`).
//!
//! Bad options are the caller's mistake, not the body's: they give a [`UsageError`]
//! instead of an issue.

use std::fmt;

use crate::json::{Object, Value};
use crate::model::{canonical_vendor, Cadence, Field, Operation};
use crate::validate::{read_body, Ctx, Schedule};

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
                        OPTION_KEYS.join(", ")
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
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        .map_err(|_| {
            UsageError::new(format!(
                "'{text}' is not an RFC 3339 date-time such as 2026-03-08T09:00:00Z"
            ))
        })
}

/// What the stored integration says, as far as the rules need it.
#[derive(Clone, Debug, Default)]
pub struct Current {
    pub(crate) vendor: Option<&'static str>,
    pub(crate) use_custom_sync_schedule: Option<bool>,
    pub(crate) schedule: Option<Schedule>,
    pub(crate) sync_frequency: Option<f64>,
    pub(crate) sync_cadence: Option<Cadence>,
    pub(crate) max_request_frequency: Option<f64>,
    pub(crate) max_request_cadence: Option<Cadence>,
}

impl Current {
    /// Reads the GET integration output (or its `result`). Fields that are missing or
    /// malformed count as unknown; extra fields such as `id` are ignored.
    pub fn from_value(value: &Value<'_>) -> Result<Current, UsageError> {
        let object = unwrap_envelope(value, "result").ok_or_else(|| {
            UsageError::new(format!(
                "options.current must be an object (the integration as GET returns it), got {}",
                value.type_name()
            ))
        })?;
        let as_value = Value::Object(object.clone());
        let mut silent = Ctx::new(true);
        let Some(body) = read_body(&as_value, Operation::Update, &mut silent) else {
            return Ok(Current::default());
        };
        let vendor = body.vendor().or_else(|| {
            // The create and GET outputs call the field `vendor`.
            object
                .get("vendor")
                .and_then(Value::as_str)
                .and_then(canonical_vendor)
        });
        Ok(Current {
            vendor,
            use_custom_sync_schedule: body.boolean(Field::UseCustomSyncSchedule),
            schedule: body.schedule.clone().filter(|s| s.valid),
            sync_frequency: body.number(Field::SyncFrequency),
            sync_cadence: body.cadence(Field::SyncCadence),
            max_request_frequency: body.number(Field::MaxRequestFrequency),
            max_request_cadence: body.cadence(Field::MaxRequestCadence),
        })
    }
}

/// The object itself, or the object under `key` when the value is `{key: {...}}`.
fn unwrap_envelope<'v, 'a>(value: &'v Value<'a>, key: &str) -> Option<&'v Object<'a>> {
    let object = value.as_object()?;
    match object.get(key) {
        Some(Value::Object(inner)) if object.len() == 1 => Some(inner),
        _ => Some(object),
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

impl RateLimits {
    /// Reads the GET rate-limits output (or its `results`): the Entrata shape with
    /// `api_ratelimits`, or the Rent Manager shape with one `minute_limit`.
    pub fn from_value(value: &Value<'_>) -> Result<RateLimits, UsageError> {
        let object = unwrap_envelope(value, "results").ok_or_else(|| {
            UsageError::new(
                "options.rate_limits must be the object the rate-limits endpoint returns",
            )
        })?;
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
                if object.get("minute_limit").is_none() {
                    return Err(UsageError::new(
                        "options.rate_limits has neither api_ratelimits (Entrata) nor minute_limit (Rent Manager)",
                    ));
                }
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
    fn reads_current_from_the_get_envelope() {
        let v = parse(r#"{"result":{"id":"x","vendor":"SAMPLE2","use_custom_sync_schedule":true,"max_request_frequency":10,"max_request_cadence":"SECOND"}}"#).unwrap();
        let c = Current::from_value(&v).unwrap();
        assert_eq!(c.vendor, Some("APPFOLIO"));
        assert_eq!(c.use_custom_sync_schedule, Some(true));
        assert_eq!(c.max_request_frequency, Some(10.0));
        assert_eq!(c.max_request_cadence, Some(Cadence::Second));
        assert!(Current::from_value(&Value::str("x")).is_err());
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
        assert!(RateLimits::from_value(&parse(r#"{}"#).unwrap()).is_err());
    }
}
