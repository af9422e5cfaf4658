//! The schedule engine: which schedule is in force, when it syncs, and how often.
//!
//! Semantics (also in ARCHITECTURE.md):
//! - Within a slot the first sync is at `start`, then one every interval while strictly
//!   before `end`.
//! - Slot times are wall-clock times of the schedule's zone. A local time that does not
//!   exist (spring forward) is skipped; an ambiguous one (fall back) takes the earlier
//!   instant.
//! - A fixed schedule is anchored at `from` (the first sync is at `from`) and has no zone:
//!   its local time is UTC. MONTH means calendar months, clamped to the month's last day.
//! - A schedule with no slot gives no instants.
//! - Instants are supported from 1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z (see
//!   [`FIRST_SUPPORTED_INSTANT`] and [`LAST_SUPPORTED_INSTANT`]): a `from` outside is a usage
//!   error, and a run of instants stops at the end and says so.

use crate::body::{Body, Schedule};
use crate::in_force::{in_force, rate_in_force, use_custom_in_force, Rate, Source};
use crate::issues::Ctx;
use crate::json::Value;
use crate::model::{Cadence, Field, Zone};
use crate::options::{Options, UsageError};
use crate::validate::read_body;

mod output;
mod rfc3339;
pub(crate) use rfc3339::{parse_rfc3339_nanos, push_date};
mod summary;
mod syncs;
#[cfg(test)]
mod tests;

pub use summary::{summarize, weekly_summary, Coverage, WeeklySummary, NOMINAL_WEEK_NOTE};
use syncs::out_of_range;
pub use syncs::{next_syncs, next_syncs_of, NextSyncs, SyncInstant, SyncsEnd};

/// Most instants one call of [`next_syncs`] returns.
pub const MAX_SYNC_COUNT: usize = 10_000;

/// The first instant the schedule tools take or give: 1970-01-01T00:00:00Z. The tz
/// database is only meant to be right from 1970 on (zones it merged share their history
/// since then, not before), and before 1900 offsets were local mean time, which RFC 3339
/// offsets cannot write.
pub const FIRST_SUPPORTED_INSTANT: i64 = 0;
/// The last: 2099-12-31T23:59:59Z. The zone rules (`zone_rules.rs`), like the compiled
/// tz tables they replace, list clock changes for the years before 2100 only; after the
/// last one a zone keeps its offset for ever (New York would stay on standard time), so a
/// later instant would get a wrong offset. Year 9999, the last that RFC 3339 writes, is
/// well beyond.
pub const LAST_SUPPORTED_INSTANT: i64 = 4_102_444_799;
/// The supported range as RFC 3339, for messages and documentation.
pub const SUPPORTED_RANGE: (&str, &str) = ("1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z");

fn supported(instant: i64) -> bool {
    (FIRST_SUPPORTED_INSTANT..=LAST_SUPPORTED_INSTANT).contains(&instant)
}

/// A complete slot of a schedule in force.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlotSpec {
    /// Minutes since local midnight.
    pub start: u16,
    pub end: u16,
    pub frequency: f64,
    pub cadence: Cadence,
}

impl SlotSpec {
    fn interval_seconds(&self) -> i64 {
        // Frequencies are integers ≥ 1; clamp so absurd ones cannot overflow.
        (self.frequency * self.cadence.seconds()).clamp(1.0, 1e15) as i64
    }

    /// Syncs this slot makes on a day without a clock change.
    pub fn syncs(&self) -> u32 {
        let span = i64::from(self.end.saturating_sub(self.start)) * 60;
        if span <= 0 {
            return 0;
        }
        let interval = self.interval_seconds();
        u32::try_from((span + interval - 1) / interval).unwrap_or(u32::MAX)
    }
}

/// Which schedule is in force, and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub enum EffectiveSchedule {
    Fixed {
        frequency: f64,
        cadence: Cadence,
        source: &'static str,
    },
    Custom {
        timezone: Zone,
        /// Slots per weekday, Sunday = 0, sorted by start.
        days: [Vec<SlotSpec>; 7],
        source: &'static str,
    },
    Unknown {
        reason: String,
    },
}

fn complete_slots(schedule: &Schedule) -> [Vec<SlotSpec>; 7] {
    let mut days: [Vec<SlotSpec>; 7] = Default::default();
    for (out, day) in days.iter_mut().zip(schedule.days.iter()) {
        let Some(day) = day else { continue };
        for slot in &day.slots {
            if let (Some((start, end)), Some(frequency), Some(cadence)) =
                (slot.times(), slot.frequency, slot.cadence)
            {
                if end > start {
                    out.push(SlotSpec {
                        start,
                        end,
                        frequency,
                        cadence,
                    });
                }
            }
        }
        crate::sort::sort_by(out, |a, b| a.start.cmp(&b.start));
    }
    days
}

fn effective_from(body: &Body<'_>, options: &Options) -> EffectiveSchedule {
    let current = options.current.as_ref();
    let operation = options.operation;
    let unknown = |reason: &str| EffectiveSchedule::Unknown {
        reason: reason.to_string(),
    };
    let use_custom = use_custom_in_force(body, options);
    match use_custom {
        None if body.sent(Field::UseCustomSyncSchedule) => {
            unknown("use_custom_sync_schedule in the body is not a boolean")
        }
        None if current.is_some() => unknown(
            "this update does not say whether the custom schedule is in use, and current does not show use_custom_sync_schedule (the GET response leaves it out)",
        ),
        None => unknown(
            "this update does not say whether the custom schedule is in use; pass the stored integration as current",
        ),
        Some((true, _)) => {
            let schedule = in_force(
                body,
                Field::CustomSyncSchedule,
                body.schedule.as_ref(),
                current.and_then(|c| c.schedule.schedule()),
                || None,
                operation,
            );
            match schedule {
                Some((schedule, source)) => match schedule.timezone {
                    Some(timezone) => EffectiveSchedule::Custom {
                        timezone,
                        days: complete_slots(schedule),
                        source: source.as_str(),
                    },
                    None => unknown("the custom schedule has no valid timezone"),
                },
                None => unknown("the custom schedule is in use but not known"),
            }
        }
        Some((false, _)) => {
            let (frequency, cadence) = rate_in_force(body, options, Rate::Sync);
            match (frequency, cadence) {
                (Some((frequency, fs)), Some((cadence, cs))) if frequency >= 1.0 && frequency.fract() == 0.0 => {
                    let source = if fs == Source::Body || cs == Source::Body { Source::Body } else { fs };
                    EffectiveSchedule::Fixed { frequency, cadence, source: source.as_str() }
                }
                _ => unknown("the fixed sync_frequency and sync_cadence are not both known"),
            }
        }
    }
}

/// The schedule in force after merging `current` (on update) and the documented
/// defaults (on create: every 12 hours).
pub fn effective_schedule(body: &Value<'_>, options: &Options) -> EffectiveSchedule {
    let mut ctx = Ctx::new(options.coerce);
    let parsed = read_body(body, options.operation, &mut ctx);
    match parsed {
        Some(body) => effective_from(&body, options),
        None => EffectiveSchedule::Unknown {
            reason: String::from("the body is not an object"),
        },
    }
}

/// Parses the `from` of [`next_syncs`]: RFC 3339, rounded up to the whole second so
/// "at or after" holds.
/// A usage error when it is outside the supported range.
pub fn parse_from(text: &str) -> Result<i64, UsageError> {
    let (seconds, nanos) = parse_rfc3339_nanos(text).ok_or_else(|| {
        UsageError::new(format!(
            "'{text}' is not an RFC 3339 date-time such as 2026-03-08T09:00:00Z"
        ))
    })?;
    let from = seconds + i64::from(nanos > 0);
    if !supported(from) {
        return Err(out_of_range(&format!("from '{text}'")));
    }
    Ok(from)
}
