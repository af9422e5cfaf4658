//! The custom schedule's slots: order of start and end, each slot's rate, overlaps
//! within a day, and clock changes that skip or repeat a slot's times.

use super::{key, SECONDS_PER_MINUTE};
use crate::body::{Schedule, Slot};
use crate::dst::next_transitions;
use crate::issues::Ctx;
use crate::messages::describe_interval;
use crate::model::{format_time, Field, DAYS};
use crate::report::{Code, Params, Path, PathSegment, Severity};

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

fn slot_order(slot: &Slot, field: Option<usize>) -> crate::path::Order {
    let mut order = crate::path::Order::from(&slot.order[..]);
    if let Some(position) = field.and_then(|f| slot.field_order.get(f)) {
        order.push(*position);
    }
    order
}

const END: usize = 1;
const FREQUENCY: usize = 2;
const CADENCE: usize = 3;

pub(super) fn slot_rules<'a>(schedule: &Schedule, now: Option<i64>, ctx: &mut Ctx<'a>) {
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
                                .with("date", t.date_text())
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
    // One slot overlaps nothing (most days have one: no list to build and sort).
    if slots.len() < 2 {
        return;
    }
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
