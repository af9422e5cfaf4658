//! The canonical body (SPEC §6): documented field order, days Sunday to Saturday, slots
//! by start, integral numbers as integers, no-op deprecated fields dropped, and on
//! update nothing added — a PUT that omits a field must not reset it.

use std::borrow::Cow;

use crate::body::{Body, Schedule, Slot};
use crate::issues::Ctx;
use crate::json::{Object, Value};
use crate::model::{time_value, Field, DAYS, SCHEDULE_TYPES};
use crate::report::{Change, PathSegment};

// Never inlined into `check_parsed`: a check that reads only `valid` and `issues` (the
// packages' first call) does not normalize, and a wasm engine compiles each function
// whole on its first call (docs/benchmarks.md, "Node cold start").
#[inline(never)]
pub(crate) fn normalize<'a>(body: &mut Body<'a>, ctx: &mut Ctx<'a>) -> Value<'a> {
    let mut out = Object::with_capacity(Field::ALL.len());
    for field in Field::ALL {
        // Taken, not cloned, where speed counts: nothing reads the body after this. The
        // browser build clones, which is 50 bytes less of its module.
        #[cfg(feature = "speed")]
        let Some(value) = body.take(field) else {
            continue;
        };
        #[cfg(not(feature = "speed"))]
        let Some(value) = body.value(field) else {
            continue;
        };
        if field.is_no_op() {
            let path = vec![PathSegment::Key(Cow::Borrowed(field.name()))];
            ctx.changes.push(Change {
                pointer: crate::json::pointer(&path),
                path,
                from: owned(value),
                to: None,
                order: body.order_of(field),
            });
            continue;
        }
        let value = match (field, &body.schedule) {
            (Field::CustomSyncSchedule, Some(schedule)) => schedule_value(schedule, ctx),
            _ => owned(value),
        };
        out.push_unique(Cow::Borrowed(field.name()), value);
    }
    Value::Object(out)
}

/// A value of the body as the normalized body's own (see `normalize`).
#[cfg(feature = "speed")]
fn owned(value: Value<'_>) -> Value<'_> {
    value
}

#[cfg(not(feature = "speed"))]
fn owned<'a>(value: &Value<'a>) -> Value<'a> {
    value.clone()
}

fn schedule_value<'a>(schedule: &Schedule, ctx: &mut Ctx<'a>) -> Value<'a> {
    let mut interval = Object::new();
    for (name, day) in DAYS.iter().zip(&schedule.days) {
        let Some(day) = day else { continue };
        let mut slots: Vec<_> = day.slots.iter().collect();
        crate::sort::sort_by(&mut slots, |a, b| {
            (a.start, a.index).cmp(&(b.start, b.index))
        });
        if slots
            .iter()
            .zip(&day.slots)
            .any(|(a, b)| a.index != b.index)
        {
            ctx.changes.push(slots_sorted(name, &day.slots, &slots));
        }
        let slots: Vec<Value<'a>> = slots
            .into_iter()
            .map(|slot| {
                let mut o = Object::with_capacity(4);
                o.push_unique(Cow::Borrowed("start"), time_value(slot.start.unwrap_or(0)));
                o.push_unique(Cow::Borrowed("end"), time_value(slot.end.unwrap_or(0)));
                o.push_unique(
                    Cow::Borrowed("sync_frequency"),
                    Value::Number(slot.frequency.unwrap_or(1.0)),
                );
                o.push_unique(
                    Cow::Borrowed("sync_cadence"),
                    Value::str(slot.cadence.map(|c| c.as_str()).unwrap_or("HOUR")),
                );
                Value::Object(o)
            })
            .collect();
        let mut day_object = Object::with_capacity(1);
        day_object.push_unique(Cow::Borrowed("slots"), Value::Array(slots));
        interval.push_unique(Cow::Borrowed(name), Value::Object(day_object));
    }
    let mut o = Object::with_capacity(3);
    o.push_unique(Cow::Borrowed("type"), Value::str(SCHEDULE_TYPES[0]));
    o.push_unique(
        Cow::Borrowed("timezone"),
        Value::str(schedule.timezone.map(|z| z.name()).unwrap_or("UTC")),
    );
    o.push_unique(Cow::Borrowed("interval"), Value::Object(interval));
    Value::Object(o)
}

/// The change that sorting a day's slots makes: array order is data, so a UI can say
/// "we sorted your Tuesday slots". `from` and `to` are the slots' start times as sent
/// and as sorted; in a valid day no two slots start together, so the start times say
/// exactly where each slot went.
fn slots_sorted<'a>(day: &'static str, sent: &[Slot], sorted: &[&Slot]) -> Change<'a> {
    let starts = |slots: &mut dyn Iterator<Item = &Slot>| {
        Value::Array(
            slots
                .map(|slot| time_value(slot.start.unwrap_or(0)))
                .collect(),
        )
    };
    let path = vec![
        PathSegment::Key(Cow::Borrowed(Field::CustomSyncSchedule.name())),
        PathSegment::Key(Cow::Borrowed("interval")),
        PathSegment::Key(Cow::Borrowed(day)),
        PathSegment::Key(Cow::Borrowed("slots")),
    ];
    // The position of the day's `slots` key: before any change inside a slot.
    let order = sent
        .first()
        .map(|slot| slot.order.iter().take(4).copied().collect())
        .unwrap_or_default();
    Change {
        pointer: crate::json::pointer(&path),
        path,
        from: starts(&mut sent.iter()),
        to: Some(starts(&mut sorted.iter().copied())),
        order,
    }
}
