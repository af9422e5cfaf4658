//! preflight's own rules (SPEC §5): what a structurally valid body can still get wrong.
//! They read the typed body, the stored integration (`current`) and the PMS rate limits.

use std::borrow::Cow;

use crate::credentials::{for_vendor, KeyKind, Shape, VENDOR_CREDENTIALS};
use crate::dst::next_transitions;
use crate::json::{Object, Value};
use crate::messages::describe_interval;
use crate::model::{format_time, is_absolute_uri, is_ascii_word, Cadence, Field, Operation, DAYS};
use crate::options::{Options, StoredSchedule};
use crate::report::{Code, Params, Path, PathSegment, Severity, REDACTED};
use crate::validate::{foreign_issue, Body, Ctx, Schedule, Slot};

/// Where a value came from when the rules judge the integration as it will be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Body,
    Current,
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Body => "body",
            Source::Current => "current",
            Source::Default => "default",
        }
    }
}

/// The value in force: the body's if it sent a valid one, else the stored one on
/// update, else the documented default on create. A field the body sent but got wrong
/// is unknown.
pub(crate) fn in_force<T>(
    body: &Body<'_>,
    field: Field,
    from_body: Option<T>,
    from_current: Option<T>,
    default: Option<T>,
    operation: Operation,
) -> Option<(T, Source)> {
    if body.sent(field) {
        return from_body.map(|v| (v, Source::Body));
    }
    match operation {
        Operation::Update => from_current.map(|v| (v, Source::Current)),
        Operation::Create => default.map(|v| (v, Source::Default)),
    }
}

/// Whether the custom schedule is in force, and where that comes from.
pub(crate) fn use_custom_in_force(body: &Body<'_>, options: &Options) -> Option<(bool, Source)> {
    in_force(
        body,
        Field::UseCustomSyncSchedule,
        body.boolean(Field::UseCustomSyncSchedule),
        options
            .current
            .as_ref()
            .and_then(|c| c.use_custom_sync_schedule),
        Field::UseCustomSyncSchedule.create_default_bool(),
        options.operation,
    )
}

/// Which pair of fields make a rate: the fixed sync interval or the request rate.
#[derive(Clone, Copy)]
pub(crate) enum Rate {
    Sync,
    Request,
}

/// A rate's frequency and cadence in force, each with where it comes from.
pub(crate) type RateInForce = (Option<(f64, Source)>, Option<(Cadence, Source)>);

/// Reads a rate's frequency and cadence in force.
pub(crate) fn rate_in_force(body: &Body<'_>, options: &Options, rate: Rate) -> RateInForce {
    let current = options.current.as_ref();
    let (frequency_field, cadence_field, stored_frequency, stored_cadence) = match rate {
        Rate::Sync => (
            Field::SyncFrequency,
            Field::SyncCadence,
            current.and_then(|c| c.sync_frequency),
            current.and_then(|c| c.sync_cadence),
        ),
        Rate::Request => (
            Field::MaxRequestFrequency,
            Field::MaxRequestCadence,
            current.and_then(|c| c.max_request_frequency),
            current.and_then(|c| c.max_request_cadence),
        ),
    };
    let frequency = in_force(
        body,
        frequency_field,
        body.number(frequency_field),
        stored_frequency,
        frequency_field.create_default_number(),
        options.operation,
    );
    let cadence = in_force(
        body,
        cadence_field,
        body.cadence(cadence_field),
        stored_cadence,
        cadence_field.create_default_cadence(),
        options.operation,
    );
    (frequency, cadence)
}

fn key(name: &'static str) -> PathSegment<'static> {
    PathSegment::Key(Cow::Borrowed(name))
}

fn field_path<'a>(field: Field) -> Path<'a> {
    vec![key(field.name())]
}

pub(crate) fn apply<'a>(
    body: &mut Body<'a>,
    options: &Options,
    now: Option<i64>,
    ctx: &mut Ctx<'a>,
) {
    let operation = options.operation;
    let current = options.current.as_ref();

    deprecated_fields(body, ctx);
    credentials(body, options, ctx);

    if let (Operation::Update, Some(to), Some(from)) =
        (operation, body.vendor(), current.and_then(|c| c.vendor))
    {
        if to != from {
            ctx.report_at(
                Code::VendorChange,
                Severity::Warning,
                field_path(Field::IntegrationVendor),
                body.order_of(Field::IntegrationVendor),
                Params::new().with("from", from).with("to", to),
            );
        }
    }

    if let Some(schedule) = &body.schedule {
        slot_rules(schedule, now, ctx);
    }

    let use_custom = use_custom_in_force(body, options).map(|(v, _)| v);
    schedule_mode_rules(body, options, use_custom, ctx);
    fixed_schedule_rules(body, options, use_custom, ctx);
    request_rate_rules(body, options, ctx);

    if operation == Operation::Update && body.kept == 0 {
        ctx.report_at(
            Code::EmptyUpdate,
            Severity::Warning,
            Vec::new(),
            Vec::new(),
            Params::new(),
        );
    }
}

fn deprecated_fields<'a>(body: &Body<'a>, ctx: &mut Ctx<'a>) {
    for field in Field::ALL.into_iter().filter(|f| f.deprecated()) {
        if !body.sent(field) {
            continue;
        }
        let mut params = Params::new().with("field", field.name());
        if field == Field::AllowManualSyncs {
            if let Some(value) = body.boolean(field) {
                params = params.with("value", value);
            }
        }
        ctx.report_at(
            Code::DeprecatedField,
            Severity::Warning,
            field_path(field),
            body.order_of(field),
            params,
        );
    }
}

// ---------------------------------------------------------------------------------------
// Credentials

fn credentials<'a>(body: &mut Body<'a>, options: &Options, ctx: &mut Ctx<'a>) {
    let vendor = if body.sent(Field::IntegrationVendor) {
        body.vendor()
    } else if options.operation == Operation::Update {
        options.current.as_ref().and_then(|c| c.vendor)
    } else {
        None
    };
    let base_order = body.order_of(Field::Credentials);
    let coerce = ctx.coerce;
    let Some(Value::Object(object)) = body.value_mut(Field::Credentials) else {
        return;
    };
    let spec = vendor.and_then(for_vendor);
    let walk = CredentialWalk {
        vendor: vendor.unwrap_or(""),
        path: field_path(Field::Credentials),
        order: base_order,
    };
    if coerce {
        let shapes = spec.map(|s| s.shapes).unwrap_or(&[]);
        walk.coerce(object, shapes, ctx);
    }
    walk.foreign_values(object, ctx);
    match spec {
        Some(spec) if spec.is_published() => {
            let shape = closest_shape(object, spec.shapes);
            walk.check_shape(object, shape, ctx);
            walk.unknown_keys(object, |name| spec.knows_key(name), &spec.key_names(), ctx);
        }
        Some(spec) => ctx.report_at(
            Code::CredentialsUnverified,
            Severity::Warning,
            walk.path.clone(),
            walk.order.clone(),
            Params::new().with("vendor", spec.vendor),
        ),
        None => {
            let matches_any = VENDOR_CREDENTIALS
                .iter()
                .flat_map(|v| v.shapes.iter())
                .any(|shape| satisfies(object, shape));
            if !matches_any && !object.is_empty() {
                ctx.report_at(
                    Code::CredentialsMatchNoVendor,
                    Severity::Warning,
                    walk.path.clone(),
                    walk.order.clone(),
                    Params::new(),
                );
            }
        }
    }
}

fn holds(value: &Value<'_>, kind: KeyKind) -> bool {
    match kind {
        KeyKind::String | KeyKind::Word | KeyKind::NonEmpty | KeyKind::Uri => {
            matches!(value, Value::String(_))
        }
        KeyKind::Number => matches!(value, Value::Number(n) if n.is_finite()),
        KeyKind::Object(_) | KeyKind::ObjectOf(..) => matches!(value, Value::Object(_)),
    }
}

/// Whether a value of the right JSON type still has something to check (a pattern, a
/// nested shape); plain strings do not.
fn needs_check(value: &Value<'_>, kind: KeyKind) -> bool {
    match (kind, value) {
        (KeyKind::Word, Value::String(s)) => !is_ascii_word(s),
        (KeyKind::NonEmpty, Value::String(s)) => s.is_empty(),
        (KeyKind::Uri, Value::String(s)) => !is_absolute_uri(s),
        (KeyKind::Object(_) | KeyKind::ObjectOf(..), _) => true,
        _ => false,
    }
}

/// Every required key is there with the right type.
fn satisfies(object: &Object<'_>, shape: &Shape) -> bool {
    shape
        .required
        .iter()
        .all(|k| object.get(k.name).is_some_and(|v| holds(v, k.kind)))
}

/// The shape the credentials are closest to: a satisfied one, else the one with the most
/// required keys present (the first on a tie).
fn closest_shape(object: &Object<'_>, shapes: &'static [&'static Shape]) -> &'static Shape {
    let score = |shape: &Shape| {
        let present = shape
            .required
            .iter()
            .filter(|k| object.get(k.name).is_some_and(|v| holds(v, k.kind)))
            .count();
        (satisfies(object, shape), present)
    };
    let mut best: Option<(&'static Shape, (bool, usize))> = None;
    for shape in shapes {
        let s = score(shape);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((shape, s));
        }
    }
    best.map(|(shape, _)| shape)
        .or_else(|| shapes.first().copied())
        .unwrap_or(&EMPTY_SHAPE)
}

static EMPTY_SHAPE: Shape = Shape {
    title: "",
    required: &[],
    optional: &[],
};

/// Walks a credentials object (or a nested one) keeping its path and document position.
struct CredentialWalk<'a> {
    vendor: &'static str,
    path: Path<'a>,
    order: Vec<u32>,
}

impl<'a> CredentialWalk<'a> {
    fn child(&self, key: Cow<'a, str>, index: usize) -> CredentialWalk<'a> {
        self.step(PathSegment::Key(key), index)
    }

    /// One level down: `segment` is at document position `index` of this object or array.
    fn step(&self, segment: PathSegment<'a>, index: usize) -> CredentialWalk<'a> {
        let mut path = self.path.clone();
        path.push(segment);
        let mut order = self.order.clone();
        order.push(u32::try_from(index).unwrap_or(u32::MAX));
        CredentialWalk {
            vendor: self.vendor,
            path,
            order,
        }
    }

    fn report(&self, code: Code, params: Params<'a>, ctx: &mut Ctx<'a>) {
        ctx.report_at(
            code,
            code.default_severity(),
            self.path.clone(),
            self.order.clone(),
            params,
        );
    }

    /// Trims every string and drops empty optional keys, reporting each change redacted.
    fn coerce(&self, object: &mut Object<'a>, shapes: &[&'static Shape], ctx: &mut Ctx<'a>) {
        let required = |name: &str| {
            shapes
                .iter()
                .any(|s| s.required.iter().any(|k| k.name == name))
        };
        // One pass over the entries and one `retain`: a million keys stay linear.
        let mut dropped: Vec<usize> = Vec::new();
        for (index, (name, value)) in object.iter_mut().enumerate() {
            let Value::String(s) = value else {
                continue;
            };
            let trimmed = s.trim();
            let drop = trimmed.is_empty() && !required(name);
            if trimmed.len() == s.len() && !drop {
                continue;
            }
            let trimmed = trimmed.to_string();
            let walk = self.child(name.clone(), index);
            let to = if drop {
                dropped.push(index);
                None
            } else {
                Some(Value::str(REDACTED))
            };
            ctx.changes.push(crate::report::Change {
                pointer: crate::json::pointer(&walk.path),
                path: walk.path,
                from: Value::str(REDACTED),
                to,
                order: walk.order,
            });
            *value = Value::str(trimmed);
        }
        if !dropped.is_empty() {
            let mut next = dropped.into_iter().peekable();
            object.retain_indexed(|index| next.next_if_eq(&index).is_none());
        }
    }

    /// Values no JSON text can hold, anywhere inside.
    fn foreign_values(&self, object: &Object<'a>, ctx: &mut Ctx<'a>) {
        for (index, (name, value)) in object.iter().enumerate() {
            if matches!(
                value,
                Value::Foreign(_) | Value::Object(_) | Value::Array(_)
            ) {
                self.child(name.clone(), index).foreign_value(value, ctx);
            }
        }
    }

    /// Reports `value` (at this walk's path) if no JSON text can hold it, or what inside it cannot.
    fn foreign_value(&self, value: &Value<'a>, ctx: &mut Ctx<'a>) {
        match value {
            Value::Foreign(_) => {
                if let Some((code, params)) = foreign_issue(value, "json") {
                    self.report(code, params, ctx);
                }
            }
            Value::Object(inner) => self.foreign_values(inner, ctx),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item, Value::Foreign(_) | Value::Object(_) | Value::Array(_)) {
                        self.step(PathSegment::Index(i), i).foreign_value(item, ctx);
                    }
                }
            }
            _ => {}
        }
    }

    /// A required key that is absent (sorted after the object's keys) or of the wrong type.
    fn missing(&self, key: &'static str, kind: KeyKind, position: usize, ctx: &mut Ctx<'a>) {
        let walk = self.child(Cow::Borrowed(key), position);
        walk.report(
            Code::MissingCredentialField,
            Params::new()
                .with("vendor", self.vendor)
                .with("key", key)
                .with("expected", kind.expected()),
            ctx,
        );
    }

    fn check_shape(&self, object: &Object<'a>, shape: &'static Shape, ctx: &mut Ctx<'a>) {
        for (schema_index, k) in shape.required.iter().enumerate() {
            let found = object
                .iter()
                .enumerate()
                .find(|(_, (name, _))| name.as_ref() == k.name);
            match found {
                Some((index, (_, value))) if holds(value, k.kind) => {
                    if needs_check(value, k.kind) {
                        self.child(Cow::Borrowed(k.name), index)
                            .check_value(value, k.kind, k.name, ctx);
                    }
                }
                Some((_, (_, Value::Foreign(_)))) => {} // reported as foreign
                Some((index, _)) => self.missing(k.name, k.kind, index, ctx),
                None => self.missing(k.name, k.kind, object.len() + schema_index, ctx),
            }
        }
        for k in shape.optional {
            let Some((index, (_, value))) = object
                .iter()
                .enumerate()
                .find(|(_, (name, _))| name.as_ref() == k.name)
            else {
                continue;
            };
            if let Value::Foreign(_) = value {
                continue;
            }
            if holds(value, k.kind) {
                if needs_check(value, k.kind) {
                    self.child(Cow::Borrowed(k.name), index)
                        .check_value(value, k.kind, k.name, ctx);
                }
            } else {
                self.child(Cow::Borrowed(k.name), index).report(
                    Code::InvalidCredentialField,
                    Params::new()
                        .with("vendor", self.vendor)
                        .with("key", k.name)
                        .with("expected", k.kind.expected())
                        .with("received", value.type_name()),
                    ctx,
                );
            }
        }
    }

    /// Checks a value already known to have the right JSON type.
    fn check_value(&self, value: &Value<'a>, kind: KeyKind, name: &'static str, ctx: &mut Ctx<'a>) {
        let invalid = |expected: &'static str, ctx: &mut Ctx<'a>| {
            self.report(
                Code::InvalidCredentialField,
                Params::new()
                    .with("vendor", self.vendor)
                    .with("key", name)
                    .with("expected", expected),
                ctx,
            );
        };
        match (kind, value) {
            (KeyKind::Word, Value::String(s)) if !is_ascii_word(s) => invalid("word", ctx),
            (KeyKind::NonEmpty, Value::String(s)) if s.is_empty() => invalid("non_empty", ctx),
            (KeyKind::Uri, Value::String(s)) if s.is_empty() => invalid("non_empty", ctx),
            (KeyKind::Uri, Value::String(s)) if !is_absolute_uri(s) => invalid("uri", ctx),
            (KeyKind::Object(shape), Value::Object(inner)) => {
                self.check_shape(inner, shape, ctx);
                self.unknown_keys(
                    inner,
                    |k| shape.key(k).is_some(),
                    &shape.keys().map(|k| k.name).collect::<Vec<_>>(),
                    ctx,
                );
            }
            (KeyKind::ObjectOf(names, shape), Value::Object(inner)) => {
                for (index, (method, entry)) in inner.iter().enumerate() {
                    if !names.contains(&method.as_ref()) {
                        continue;
                    }
                    let walk = self.child(method.clone(), index);
                    match entry {
                        Value::Object(fields) => {
                            walk.check_shape(fields, shape, ctx);
                            walk.unknown_keys(
                                fields,
                                |k| shape.key(k).is_some(),
                                &shape.keys().map(|k| k.name).collect::<Vec<_>>(),
                                ctx,
                            );
                        }
                        Value::Foreign(_) => {}
                        other => walk.report(
                            Code::InvalidCredentialField,
                            Params::new()
                                .with("vendor", self.vendor)
                                .with("key", method.clone())
                                .with("expected", "object")
                                .with("received", other.type_name()),
                            ctx,
                        ),
                    }
                }
                let method_names: Vec<&'static str> = names.to_vec();
                self.unknown_keys(inner, |k| names.contains(&k), &method_names, ctx);
            }
            _ => {}
        }
    }

    fn unknown_keys(
        &self,
        object: &Object<'a>,
        known: impl Fn(&str) -> bool,
        all: &[&'static str],
        ctx: &mut Ctx<'a>,
    ) {
        for (index, name) in object.keys().enumerate() {
            if known(name) {
                continue;
            }
            let walk = self.child(Cow::Owned(name.to_string()), index);
            let mut params = Params::new()
                .with("vendor", self.vendor)
                .with("key", name.to_string());
            if let Some(suggestion) = all.iter().find(|k| {
                k.eq_ignore_ascii_case(name)
                    || k.replace('_', "")
                        .eq_ignore_ascii_case(&name.replace(['_', '-'], ""))
            }) {
                params = params.with("suggestion", *suggestion);
            }
            walk.report(Code::UnknownCredentialField, params, ctx);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Schedules

const SECONDS_PER_MINUTE: f64 = 60.0;

fn slot_path<'a>(day: usize, slot: &Slot, field: Option<usize>) -> Path<'a> {
    let mut path = vec![
        key(Field::CustomSyncSchedule.name()),
        key("interval"),
        key(DAYS.get(day).copied().unwrap_or("SUNDAY")),
        key("slots"),
        PathSegment::Index(slot.index),
    ];
    if let Some(name) = field.and_then(|f| crate::model::SLOT_FIELDS.get(f)) {
        path.push(key(name));
    }
    path
}

fn slot_order(slot: &Slot, field: Option<usize>) -> Vec<u32> {
    let mut order = slot.order.to_vec();
    if let Some(position) = field.and_then(|f| slot.field_order.get(f)) {
        order.push(*position);
    }
    order
}

const END: usize = 1;
const FREQUENCY: usize = 2;
const CADENCE: usize = 3;

fn slot_rules<'a>(schedule: &Schedule, now: Option<i64>, ctx: &mut Ctx<'a>) {
    let transitions = match (schedule.timezone, now) {
        (Some(zone), Some(now)) => next_transitions(zone, now),
        _ => Vec::new(),
    };
    for (weekday, day) in schedule.days.iter().enumerate() {
        let Some(day) = day else { continue };
        let day_name = DAYS.get(weekday).copied().unwrap_or("SUNDAY");
        for slot in &day.slots {
            let report =
                |ctx: &mut Ctx<'a>, code: Code, field: Option<usize>, params: Params<'a>| {
                    ctx.report_at(
                        code,
                        code.default_severity(),
                        slot_path(weekday, slot, field),
                        slot_order(slot, field),
                        params,
                    );
                };
            let times = slot.times();
            if let Some((start, end)) = times.filter(|(s, e)| e <= s) {
                report(
                    ctx,
                    Code::SlotEndNotAfterStart,
                    Some(END),
                    Params::new()
                        .with("start", format_time(start))
                        .with("end", format_time(end)),
                );
            }
            if let (Some(frequency), Some(cadence)) = (slot.frequency, slot.cadence) {
                let interval = frequency * cadence.seconds();
                if cadence.is_coarser_than_a_slot() {
                    let start = times.map(|(s, _)| format_time(s)).unwrap_or_default();
                    report(
                        ctx,
                        Code::CadenceTooCoarse,
                        Some(CADENCE),
                        Params::new()
                            .with("cadence", cadence.as_str())
                            .with("start", start),
                    );
                } else if let Some((s, e)) = times.filter(|(s, e)| e > s) {
                    let slot_seconds = f64::from(e - s) * SECONDS_PER_MINUTE;
                    if interval > slot_seconds {
                        report(
                            ctx,
                            Code::IntervalExceedsSlot,
                            Some(FREQUENCY),
                            Params::new()
                                .with("interval", describe_interval(frequency, cadence))
                                .with("interval_seconds", interval)
                                .with("slot_seconds", slot_seconds)
                                .with("start", format_time(s))
                                .with("end", format_time(e)),
                        );
                    }
                }
                if interval < SECONDS_PER_MINUTE {
                    report(
                        ctx,
                        Code::SyncTooFrequent,
                        Some(FREQUENCY),
                        Params::new()
                            .with("interval", describe_interval(frequency, cadence))
                            .with("interval_seconds", interval),
                    );
                }
            }
            if let Some((start, end)) = times.filter(|(s, e)| e > s) {
                for t in transitions.iter().filter(|t| t.weekday == weekday) {
                    if t.from < end && start < t.to {
                        report(
                            ctx,
                            Code::DstTransition,
                            None,
                            Params::new()
                                .with(
                                    "timezone",
                                    schedule.timezone.map(|z| z.name()).unwrap_or("UTC"),
                                )
                                .with("date", t.date.to_string())
                                .with("transition", if t.skipped { "skipped" } else { "repeated" })
                                .with("from", format_time(t.from))
                                .with(
                                    "to",
                                    if t.to >= 24 * 60 {
                                        String::from("24:00")
                                    } else {
                                        format_time(t.to)
                                    },
                                ),
                        );
                    }
                }
            }
        }
        overlapping_slots(weekday, day_name, &day.slots, ctx);
    }
}

/// Reports each slot that starts before an earlier-starting slot of the same day ends,
/// naming the slot that covers it. `O(n log n)`.
fn overlapping_slots<'a>(
    weekday: usize,
    day_name: &'static str,
    slots: &[Slot],
    ctx: &mut Ctx<'a>,
) {
    let mut timed: Vec<(&Slot, u16, u16)> = slots
        .iter()
        .filter_map(|s| s.times().filter(|(a, b)| b > a).map(|(a, b)| (s, a, b)))
        .collect();
    crate::sort::sort_by(&mut timed, |a, b| (a.1, a.0.index).cmp(&(b.1, b.0.index)));
    let mut cover: Option<(&Slot, u16, u16)> = None;
    for (slot, start, end) in timed {
        if let Some((other, other_start, other_end)) = cover {
            if start < other_end {
                let (first, second) = if other.index < slot.index {
                    (other, slot)
                } else {
                    (slot, other)
                };
                let (first_times, second_times) = if other.index < slot.index {
                    ((other_start, other_end), (start, end))
                } else {
                    ((start, end), (other_start, other_end))
                };
                ctx.report_at(
                    Code::OverlappingSlots,
                    Severity::Error,
                    slot_path(weekday, second, None),
                    slot_order(second, None),
                    Params::new()
                        .with("day", day_name)
                        .with("slot", second.index)
                        .with("start", format_time(second_times.0))
                        .with("end", format_time(second_times.1))
                        .with("other", first.index)
                        .with("other_start", format_time(first_times.0))
                        .with("other_end", format_time(first_times.1)),
                );
            }
        }
        if cover.is_none_or(|(_, _, e)| end > e) {
            cover = Some((slot, start, end));
        }
    }
}

fn schedule_mode_rules<'a>(
    body: &Body<'a>,
    options: &Options,
    use_custom: Option<bool>,
    ctx: &mut Ctx<'a>,
) {
    let current = options.current.as_ref();
    let body_schedule = body
        .schedule
        .as_ref()
        .filter(|_| body.sent(Field::CustomSyncSchedule));
    let stored = match options.operation {
        Operation::Update => current.map(|c| &c.schedule),
        Operation::Create => None,
    };
    let current_schedule = stored.and_then(StoredSchedule::schedule);

    if body.boolean(Field::UseCustomSyncSchedule) == Some(true)
        && !body.sent(Field::CustomSyncSchedule)
        && current_schedule.is_none()
    {
        // Only a create, or a stored integration that shows `null`, says no schedule
        // exists; without `current`, or with one that leaves the schedule out (the GET
        // response does), the server may hold one.
        let (severity, params) = match (options.operation, stored) {
            (Operation::Create, _) | (_, Some(StoredSchedule::None)) => {
                (Severity::Error, Params::new())
            }
            (_, Some(_)) => (
                Severity::Warning,
                Params::new().with("current_schedule", "not_shown"),
            ),
            (_, None) => (Severity::Warning, Params::new()),
        };
        ctx.report_at(
            Code::CustomScheduleMissing,
            severity,
            field_path(Field::UseCustomSyncSchedule),
            body.order_of(Field::UseCustomSyncSchedule),
            params,
        );
    }

    if body_schedule.is_some() && use_custom == Some(false) {
        ctx.report_at(
            Code::CustomScheduleIgnored,
            Severity::Warning,
            field_path(Field::CustomSyncSchedule),
            body.order_of(Field::CustomSyncSchedule),
            Params::new(),
        );
    }

    if use_custom == Some(true) {
        for field in [Field::SyncFrequency, Field::SyncCadence] {
            if body.sent(field) {
                ctx.report_at(
                    Code::FixedScheduleIgnored,
                    Severity::Warning,
                    field_path(field),
                    body.order_of(field),
                    Params::new().with("field", field.name()),
                );
            }
        }
        let touched =
            body.sent(Field::CustomSyncSchedule) || body.sent(Field::UseCustomSyncSchedule);
        let in_force = if body.sent(Field::CustomSyncSchedule) {
            body_schedule.filter(|s| s.valid)
        } else {
            current_schedule
        };
        if let Some(schedule) = in_force.filter(|s| touched && s.slot_count() == 0) {
            let (path, order) = match (
                &schedule.interval_order,
                body.sent(Field::CustomSyncSchedule),
            ) {
                (Some(order), true) => (
                    vec![key(Field::CustomSyncSchedule.name()), key("interval")],
                    order.to_vec(),
                ),
                _ => (
                    field_path(Field::UseCustomSyncSchedule),
                    body.order_of(Field::UseCustomSyncSchedule),
                ),
            };
            ctx.report_at(
                Code::ScheduleNeverSyncs,
                Severity::Warning,
                path,
                order,
                Params::new(),
            );
        }
    }
}

fn fixed_schedule_rules<'a>(
    body: &Body<'a>,
    options: &Options,
    use_custom: Option<bool>,
    ctx: &mut Ctx<'a>,
) {
    if use_custom == Some(true) {
        return;
    }
    let (frequency, cadence) = rate_in_force(body, options, Rate::Sync);
    let (Some((frequency, fs)), Some((cadence, cs))) = (frequency, cadence) else {
        return;
    };
    if fs != Source::Body && cs != Source::Body {
        return;
    }
    let interval = frequency * cadence.seconds();
    if interval < SECONDS_PER_MINUTE {
        let field = if fs == Source::Body {
            Field::SyncFrequency
        } else {
            Field::SyncCadence
        };
        ctx.report_at(
            Code::SyncTooFrequent,
            Severity::Warning,
            field_path(field),
            body.order_of(field),
            Params::new()
                .with("interval", describe_interval(frequency, cadence))
                .with("interval_seconds", interval),
        );
    }
}

/// Rounds for display in params: six decimals are plenty for a rate.
fn rounded(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn request_rate_rules<'a>(body: &Body<'a>, options: &Options, ctx: &mut Ctx<'a>) {
    let (frequency, cadence) = rate_in_force(body, options, Rate::Request);
    let (Some((frequency, fs)), Some((cadence, cs))) = (frequency, cadence) else {
        return;
    };
    let per_second = frequency / cadence.seconds();
    let subject = if body.sent(Field::MaxRequestFrequency) || !body.sent(Field::MaxRequestCadence) {
        Field::MaxRequestFrequency
    } else {
        Field::MaxRequestCadence
    };
    if (fs == Source::Body || cs == Source::Body) && per_second * SECONDS_PER_MINUTE < 1.0 {
        ctx.report_at(
            Code::RequestRateBelowFloor,
            Severity::Error,
            field_path(subject),
            body.order_of(subject),
            Params::new()
                .with("frequency", frequency)
                .with("cadence", cadence.as_str())
                .with("per_minute", rounded(per_second * SECONDS_PER_MINUTE)),
        );
    }
    let Some(limits) = &options.rate_limits else {
        return;
    };
    for (window, seconds, limit) in [
        ("minute", 60.0, &limits.minute),
        ("hour", 3_600.0, &limits.hour),
        ("day", 86_400.0, &limits.day),
    ] {
        let Some(limit) = limit else { continue };
        let configured = per_second * seconds;
        if configured > limit.requests {
            let mut params = Params::new()
                .with("window", window)
                .with("configured", rounded(configured))
                .with("limit", limit.requests);
            if let Some(api) = &limit.api {
                params = params.with("api", api.clone());
            }
            ctx.report_at(
                Code::ExceedsPmsRateLimit,
                Severity::Warning,
                field_path(subject),
                body.order_of(subject),
                params,
            );
        }
    }
}
