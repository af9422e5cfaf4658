//! The structural pass (SPEC §4): walks the body once in document order, coerces when
//! asked, reports Zod-shaped issues, and keeps every valid value in a typed [`Body`]
//! for the rules and the normalizer.

use std::borrow::Cow;

use crate::body::{Body, Day, Schedule, Slot};
use crate::issues::{bound_params, report_foreign, Ctx};
use crate::json::{Object, Value};
use crate::model::{
    parse_time, Cadence, Field, Kind, Operation, Zone, CADENCES, DAYS, SCHEDULE_FIELDS,
    SCHEDULE_TYPES, SLOT_FIELDS, TIMEZONES, VENDORS,
};
use crate::path::position;
use crate::report::{Code, Params, REDACTED};
use crate::zones;

#[cfg(feature = "speed")]
mod text;
#[cfg(feature = "speed")]
pub(crate) use text::read_members;

/// The reports only the structural pass makes.
impl<'a> Ctx<'a> {
    /// A required key that is absent. It sorts after the keys the object has.
    fn report_missing(&mut self, key: &'static str, object_len: usize, schema_index: usize) {
        self.push_key(key, object_len + schema_index);
        self.report(
            Code::InvalidType,
            Params::new()
                .with("expected", expected_for_missing(key))
                .with("received", "undefined"),
        );
        self.pop();
    }

    fn report_unrecognized(&mut self, keys: Vec<Value<'a>>) {
        if !keys.is_empty() {
            self.report(Code::UnrecognizedKeys, Params::new().with("keys", keys));
        }
    }
}

fn expected_for_missing(key: &str) -> String {
    match key {
        "integration_vendor" => crate::messages::join_enum(&mut VENDORS.iter().copied()),
        "type" => crate::messages::join_enum(&mut SCHEDULE_TYPES.iter().copied()),
        "timezone" => crate::messages::join_enum(&mut TIMEZONES.iter().copied()),
        "sync_cadence" => crate::messages::join_enum(&mut CADENCES.iter().copied()),
        "sync_frequency" => String::from("number"),
        "credentials" | "interval" => String::from("object"),
        "slots" => String::from("array"),
        _ => String::from("string"),
    }
}

/// The document position at a fixed depth (the schedule's objects sit at known depths).
fn fixed_order<const N: usize>(order: &[u32]) -> [u32; N] {
    let mut out = [0; N];
    for (slot, position) in out.iter_mut().zip(order) {
        *slot = *position;
    }
    out
}

/// What came of reading one value.
enum Outcome<'a> {
    /// The value read is valid as it is.
    Valid,
    /// Coercion made this valid value of it.
    Coerced(Value<'a>),
    /// Coercion dropped an empty optional field.
    Absent,
    Invalid,
}

/// Reads the root object. `None` when the body is not an object.
pub(crate) fn read_body<'a>(
    value: &Value<'a>,
    operation: Operation,
    ctx: &mut Ctx<'a>,
) -> Option<Body<'a>> {
    let Some(object) = value.as_object() else {
        report_wrong_type(value, "object", ctx);
        return None;
    };
    let mut body = Body::empty(object.len());
    let mut unknown = Vec::new();
    for (index, (key, value)) in object.iter().enumerate() {
        let Some(field) = Field::lookup(key, operation) else {
            unknown.push(Value::String(key.clone()));
            continue;
        };
        body.set_position(field, index);
        ctx.push_key(field.name(), index);
        if read_field(field, operation, value, &mut body, ctx) {
            body.set(field, Some(value.clone()));
        }
        ctx.pop();
    }
    ctx.report_unrecognized(unknown);
    report_missing_fields(&body, operation, ctx);
    Some(body)
}

/// Reads one of the root's fields into the body (the path is at the field); `true` when
/// `value` is valid as it stands, for the caller to keep in the body: the tree's pass
/// clones it, the typed reader moves it (a clone and a drop per field, 5 % of a create
/// body's instructions).
#[must_use]
fn read_field<'a>(
    field: Field,
    operation: Operation,
    value: &Value<'a>,
    body: &mut Body<'a>,
    ctx: &mut Ctx<'a>,
) -> bool {
    let optional = !field.required(operation);
    match field.kind() {
        Kind::Schedule => {
            if ctx.coerce && is_blank(value) && optional {
                ctx.change(value.clone(), None);
                body.drop_field(field);
            } else {
                set_schedule(body, read_schedule(value, ctx));
            }
            false
        }
        Kind::Credentials => {
            if ctx.coerce && is_blank(value) && optional {
                ctx.change(Value::str(REDACTED), None);
                body.drop_field(field);
                false
            } else if let Value::Object(_) = value {
                true
            } else {
                report_wrong_type(value, "object", ctx);
                false
            }
        }
        kind => match read_scalar(kind, optional, value, ctx) {
            Outcome::Valid => true,
            Outcome::Coerced(v) => {
                body.set(field, Some(v));
                false
            }
            Outcome::Absent => {
                body.drop_field(field);
                false
            }
            Outcome::Invalid => false,
        },
    }
}

fn set_schedule(body: &mut Body<'_>, schedule: Option<Schedule>) {
    if schedule.as_ref().is_some_and(|s| s.valid) {
        // The normalizer rebuilds the schedule from its typed form.
        body.set(Field::CustomSyncSchedule, Some(Value::Null));
    }
    body.schedule = schedule;
}

/// The required fields the body did not send; each sorts after the body's keys.
fn report_missing_fields(body: &Body<'_>, operation: Operation, ctx: &mut Ctx<'_>) {
    for (schema_index, field) in Field::ALL.into_iter().enumerate() {
        if field.required(operation) && !body.sent(field) {
            ctx.report_missing(field.name(), body.len, schema_index);
        }
    }
}

fn is_blank(value: &Value<'_>) -> bool {
    matches!(value, Value::String(s) if s.trim().is_empty())
}

/// What coercion makes of a form value, before the strict check.
enum Coerced<'a> {
    Same,
    To(Value<'a>),
    Absent,
}

fn coerce_scalar<'a>(kind: Kind, optional: bool, value: &Value<'a>) -> Coerced<'a> {
    let Value::String(original) = value else {
        return Coerced::Same;
    };
    let trimmed = original.trim();
    if trimmed.is_empty() && optional {
        return Coerced::Absent;
    }
    let matched = |options: &[&'static str]| {
        options
            .iter()
            .find(|o| o.eq_ignore_ascii_case(trimmed))
            .map(|o| Value::str(*o))
    };
    let coerced = match kind {
        Kind::Vendor => matched(&VENDORS).or_else(|| {
            crate::model::VENDOR_ALIASES
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(trimmed))
                .map(|(_, vendor)| Value::str(*vendor))
        }),
        Kind::Enum(options) => matched(options),
        Kind::Timezone => zones::resolve(trimmed).map(|zone| Value::str(zone.name())),
        Kind::Integer { .. } | Kind::Number { .. } => parse_number_text(trimmed).map(Value::Number),
        Kind::Boolean => {
            if trimmed.eq_ignore_ascii_case("true") {
                Some(Value::Bool(true))
            } else if trimmed.eq_ignore_ascii_case("false") {
                Some(Value::Bool(false))
            } else {
                None
            }
        }
        Kind::Time => pad_time(trimmed).map(Value::from),
        _ => None,
    };
    match coerced {
        Some(v) if &v != value => Coerced::To(v),
        Some(_) => Coerced::Same,
        None if trimmed.len() != original.len() => Coerced::To(Value::String(match original {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        })),
        None => Coerced::Same,
    }
}

/// A decimal number as JSON writes it (no hex, no `Infinity`, no blanks).
fn parse_number_text(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let first_is_digit = digits.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let allowed = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !first_is_digit || !allowed {
        return None;
    }
    crate::json::parse_decimal(s.as_bytes())
}

/// `9:00` → `09:00`.
fn pad_time(s: &str) -> Option<String> {
    let (hours, _) = s.split_once(':')?;
    if hours.len() == 1 && hours.bytes().all(|b| b.is_ascii_digit()) {
        let mut padded = String::with_capacity(s.len() + 1);
        padded.push('0');
        padded.push_str(s);
        parse_time(&padded).map(|_| padded)
    } else {
        None
    }
}

fn read_scalar<'a>(
    kind: Kind,
    optional: bool,
    value: &Value<'a>,
    ctx: &mut Ctx<'a>,
) -> Outcome<'a> {
    if ctx.coerce {
        match coerce_scalar(kind, optional, value) {
            Coerced::Same => {}
            Coerced::Absent => {
                ctx.change(value.clone(), None);
                return Outcome::Absent;
            }
            Coerced::To(to) => {
                ctx.change(value.clone(), Some(to.clone()));
                return if check_scalar(kind, &to, ctx) {
                    Outcome::Coerced(to)
                } else {
                    Outcome::Invalid
                };
            }
        }
    }
    if check_scalar(kind, value, ctx) {
        Outcome::Valid
    } else {
        Outcome::Invalid
    }
}

fn enum_options(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Vendor => &VENDORS,
        Kind::Enum(options) => options,
        Kind::Timezone => &TIMEZONES,
        _ => &[],
    }
}

/// Longest `received` value quoted back in an enum issue.
const MAX_RECEIVED_CHARS: usize = 64;

fn truncated(s: &str) -> String {
    match s.char_indices().nth(MAX_RECEIVED_CHARS) {
        Some((cut, _)) => {
            let mut text = String::from(s.get(..cut).unwrap_or(s));
            text.push('…');
            text
        }
        None => s.to_string(),
    }
}

/// The strict check of SPEC §4 for one scalar; reports and returns false on failure.
fn check_scalar<'a>(kind: Kind, value: &Value<'a>, ctx: &mut Ctx<'a>) -> bool {
    let type_issue = |ctx: &mut Ctx<'a>, expected: &'static str| {
        report_wrong_type(value, expected, ctx);
        false
    };
    match kind {
        Kind::Vendor | Kind::Enum(_) | Kind::Timezone => {
            let options = enum_options(kind);
            let Value::String(s) = value else {
                // `report_wrong_type` with its expected name made here: written out, since
                // a `Cow` parameter shared by both cost the browser module 37 B.
                let expected = crate::messages::join_enum(&mut options.iter().copied());
                if !report_foreign(value, &expected, ctx) {
                    ctx.report(
                        Code::InvalidType,
                        Params::new()
                            .with("expected", expected)
                            .with("received", value.type_name()),
                    );
                }
                return false;
            };
            if crate::model::is_one_of(s, options) {
                return true;
            }
            ctx.report(
                Code::InvalidEnumValue,
                Params::new()
                    .with(
                        "options",
                        options.iter().map(|o| Value::str(*o)).collect::<Vec<_>>(),
                    )
                    .with("received", truncated(s)),
            );
            false
        }
        Kind::String | Kind::NonEmptyString => {
            let Value::String(s) = value else {
                return type_issue(ctx, "string");
            };
            if kind == Kind::NonEmptyString && s.is_empty() {
                ctx.report(Code::TooSmall, bound_params("minimum", 1.0, "string"));
                return false;
            }
            true
        }
        Kind::Time => {
            let Value::String(s) = value else {
                return type_issue(ctx, "string");
            };
            if parse_time(s).is_some() {
                return true;
            }
            ctx.report(
                Code::InvalidString,
                Params::new()
                    .with("validation", "regex")
                    .with("pattern", crate::model::TIME_PATTERN),
            );
            false
        }
        Kind::NullableUri => match value {
            Value::Null => true,
            Value::String(s) if crate::model::is_absolute_uri(s) => true,
            Value::String(_) => {
                ctx.report(Code::InvalidString, Params::new().with("validation", "url"));
                false
            }
            _ => type_issue(ctx, "string"),
        },
        Kind::Boolean => match value {
            Value::Bool(_) => true,
            _ => type_issue(ctx, "boolean"),
        },
        Kind::Integer { min, max } => {
            let Some(n) = value.as_f64().filter(|n| !n.is_nan()) else {
                return type_issue(ctx, "number");
            };
            let mut ok = true;
            if !(n.is_finite() && n.fract() == 0.0) {
                ctx.report(
                    Code::InvalidType,
                    Params::new()
                        .with("expected", "integer")
                        .with("received", "float"),
                );
                ok = false;
            }
            ok &= check_range(n, min, max, ctx);
            ok
        }
        Kind::Number { min } => {
            let Some(n) = value.as_f64().filter(|n| !n.is_nan()) else {
                return type_issue(ctx, "number");
            };
            let mut ok = check_range(n, min, None, ctx);
            if !n.is_finite() {
                ctx.report(Code::NotFinite, Params::new());
                ok = false;
            }
            ok
        }
        Kind::Credentials | Kind::Schedule => true,
    }
}

fn check_range<'a>(n: f64, min: f64, max: Option<f64>, ctx: &mut Ctx<'a>) -> bool {
    if n < min {
        ctx.report(Code::TooSmall, bound_params("minimum", min, "number"));
        return false;
    }
    if let Some(max) = max.filter(|max| n > *max) {
        ctx.report(Code::TooBig, bound_params("maximum", max, "number"));
        return false;
    }
    true
}

/// Checks that `value` is an object; reports otherwise.
fn expect_object<'v, 'a>(value: &'v Value<'a>, ctx: &mut Ctx<'a>) -> Option<&'v Object<'a>> {
    match value {
        Value::Object(object) => Some(object),
        other => {
            report_wrong_type(other, "object", ctx);
            None
        }
    }
}

fn read_schedule<'a>(value: &Value<'a>, ctx: &mut Ctx<'a>) -> Option<Schedule> {
    let structural_before = ctx.structural_issues();
    let object = expect_object(value, ctx)?;
    let mut schedule = Schedule::default();
    let mut seen = [false; 3];
    let mut unknown = Vec::new();
    for (index, (key, value)) in object.iter().enumerate() {
        let Some(field) = SCHEDULE_FIELDS.iter().position(|f| *f == key.as_ref()) else {
            unknown.push(Value::String(key.clone()));
            continue;
        };
        if let Some(flag) = seen.get_mut(field) {
            *flag = true;
        }
        let name = SCHEDULE_FIELDS.get(field).copied().unwrap_or("type");
        ctx.push_key(name, index);
        if field == INTERVAL {
            schedule.interval_order = Some(fixed_order(ctx.order()));
            read_interval(value, &mut schedule, ctx);
        } else {
            read_schedule_scalar(field, value, &mut schedule, ctx);
        }
        ctx.pop();
    }
    ctx.report_unrecognized(unknown);
    finish_schedule(&mut schedule, seen, object.len(), structural_before, ctx);
    Some(schedule)
}

/// The index of `interval` in [`SCHEDULE_FIELDS`]; `type` is 0, `timezone` 1.
const INTERVAL: usize = 2;

/// The schedule's `type` (field 0) or `timezone` (the path is at it).
fn read_schedule_scalar<'a>(
    field: usize,
    value: &Value<'a>,
    schedule: &mut Schedule,
    ctx: &mut Ctx<'a>,
) {
    if field == 0 {
        read_scalar(Kind::Enum(&SCHEDULE_TYPES), false, value, ctx);
    } else {
        let zone = |v: &Value<'_>| v.as_str().and_then(Zone::from_name);
        match read_scalar(Kind::Timezone, false, value, ctx) {
            Outcome::Valid => schedule.timezone = zone(value),
            Outcome::Coerced(v) => schedule.timezone = zone(&v),
            Outcome::Absent | Outcome::Invalid => {}
        }
    }
}

/// The schedule's missing keys, and whether anything inside it was structurally wrong.
fn finish_schedule(
    schedule: &mut Schedule,
    seen: [bool; 3],
    len: usize,
    structural_before: usize,
    ctx: &mut Ctx<'_>,
) {
    for (schema_index, (name, seen)) in SCHEDULE_FIELDS.iter().zip(seen).enumerate() {
        if !seen {
            ctx.report_missing(name, len, schema_index);
        }
    }
    schedule.valid = ctx.structural_issues() == structural_before;
}

fn read_interval<'a>(value: &Value<'a>, schedule: &mut Schedule, ctx: &mut Ctx<'a>) {
    let Some(object) = expect_object(value, ctx) else {
        return;
    };
    let mut unknown = Vec::new();
    for (index, (key, value)) in object.iter().enumerate() {
        let Some(weekday) = DAYS.iter().position(|d| *d == key.as_ref()) else {
            unknown.push(Value::String(key.clone()));
            continue;
        };
        let name = DAYS.get(weekday).copied().unwrap_or("SUNDAY");
        ctx.push_key(name, index);
        if ctx.coerce && is_blank(value) {
            ctx.change(value.clone(), None);
        } else if let Some(day) = read_day(value, ctx) {
            if let Some(slot) = schedule.days.get_mut(weekday) {
                *slot = Some(day);
            }
        }
        ctx.pop();
    }
    ctx.report_unrecognized(unknown);
}

fn read_day<'a>(value: &Value<'a>, ctx: &mut Ctx<'a>) -> Option<Day> {
    let object = expect_object(value, ctx)?;
    let mut day = Day {
        slots: Vec::new(),
        has_slots: false,
    };
    let mut unknown = Vec::new();
    let mut seen = false;
    for (index, (key, value)) in object.iter().enumerate() {
        if key != "slots" {
            unknown.push(Value::String(key.clone()));
            continue;
        }
        seen = true;
        ctx.push_key("slots", index);
        match value {
            Value::Array(items) => {
                day.has_slots = true;
                day.slots.reserve_exact(items.len());
                for (i, item) in items.iter().enumerate() {
                    ctx.push_index(i);
                    if let Some(slot) = read_slot(item, i, ctx) {
                        day.slots.push(slot);
                    }
                    ctx.pop();
                }
            }
            other => report_wrong_type(other, "array", ctx),
        }
        ctx.pop();
    }
    ctx.report_unrecognized(unknown);
    if !seen {
        ctx.report_missing("slots", object.len(), 0);
    }
    Some(day)
}

/// A value of the wrong JSON type where the schema wants `expected` (a value no JSON
/// text can hold gets its own issue).
fn report_wrong_type<'a>(value: &Value<'a>, expected: &'static str, ctx: &mut Ctx<'a>) {
    if !report_foreign(value, expected, ctx) {
        ctx.report(
            Code::InvalidType,
            Params::new()
                .with("expected", expected)
                .with("received", value.type_name()),
        );
    }
}

fn new_slot(index: usize, ctx: &Ctx<'_>) -> Slot {
    Slot {
        index,
        order: fixed_order(ctx.order()),
        field_order: [u32::MAX; 4],
        start: None,
        end: None,
        frequency: None,
        cadence: None,
    }
}

fn read_slot<'a>(value: &Value<'a>, index: usize, ctx: &mut Ctx<'a>) -> Option<Slot> {
    let object = expect_object(value, ctx)?;
    let mut slot = new_slot(index, ctx);
    let mut unknown = Vec::new();
    for (position_in_slot, (key, value)) in object.iter().enumerate() {
        let Some(field) = SLOT_FIELDS.iter().position(|f| *f == key.as_ref()) else {
            unknown.push(Value::String(key.clone()));
            continue;
        };
        read_slot_field(&mut slot, field, position_in_slot, value, ctx);
    }
    ctx.report_unrecognized(unknown);
    finish_slot(&mut slot, object.len(), ctx);
    Some(slot)
}

/// One of [`SLOT_FIELDS`] (by index) at `position_in_slot`.
fn read_slot_field<'a>(
    slot: &mut Slot,
    field: usize,
    position_in_slot: usize,
    value: &Value<'a>,
    ctx: &mut Ctx<'a>,
) {
    if let Some(order) = slot.field_order.get_mut(field) {
        *order = position(position_in_slot);
    }
    let name = SLOT_FIELDS.get(field).copied().unwrap_or("start");
    ctx.push_key(name, position_in_slot);
    let kind = match field {
        0 | 1 => Kind::Time,
        2 => Kind::Integer {
            min: 1.0,
            max: None,
        },
        _ => Kind::Enum(&CADENCES),
    };
    // The value read is used where it is, or what coercion made of it: never a copy.
    let outcome = read_scalar(kind, false, value, ctx);
    let v = match &outcome {
        Outcome::Valid => Some(value),
        Outcome::Coerced(v) => Some(v),
        Outcome::Absent | Outcome::Invalid => None,
    };
    if let Some(v) = v {
        match field {
            0 => slot.start = v.as_str().and_then(parse_time),
            1 => slot.end = v.as_str().and_then(parse_time),
            2 => slot.frequency = v.as_f64(),
            _ => slot.cadence = v.as_str().and_then(Cadence::from_name),
        }
    }
    ctx.pop();
}

/// The slot's missing fields, each placed after the slot's keys.
fn finish_slot(slot: &mut Slot, len: usize, ctx: &mut Ctx<'_>) {
    for (schema_index, name) in SLOT_FIELDS.iter().enumerate() {
        if slot.field_order.get(schema_index) == Some(&u32::MAX) {
            ctx.report_missing(name, len, schema_index);
            if let Some(order) = slot.field_order.get_mut(schema_index) {
                *order = position(len + schema_index);
            }
        }
    }
}
