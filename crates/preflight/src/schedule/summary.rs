//! The weekly summary: syncs per weekday and per week, and the coverage a chart draws.

use super::*;
use crate::json::Value;
use crate::model::Cadence;
use crate::options::Options;

/// What [`WeeklySummary::note`] says of a custom schedule's counts.
pub const NOMINAL_WEEK_NOTE: &str = "Counted over a week without a clock change: in the week the clocks spring forward, syncs at the skipped local times do not happen (a repeated local time, when they fall back, still syncs once)";

/// Syncs per weekday and per week, and the week's coverage, of the schedule in force.
///
/// A custom schedule is counted over a nominal week, one without a clock change (see
/// [`WeeklySummary::note`]); a fixed schedule syncs at a steady interval of elapsed time,
/// which clock changes do not alter.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklySummary {
    pub schedule: EffectiveSchedule,
    /// Syncs per weekday, Sunday = 0 (fractional for a fixed schedule slower than daily).
    pub per_day: [f64; 7],
    pub per_week: f64,
    /// What a chart draws: per weekday, the covered time ranges and their syncs.
    pub coverage: Vec<Coverage>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub weekday: usize,
    /// Minutes since local midnight; `end` may be 1440 (24:00) for a fixed schedule.
    pub start: u16,
    pub end: u16,
    pub frequency: f64,
    pub cadence: Cadence,
    pub syncs: f64,
}

pub(super) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

pub fn weekly_summary(body: &Value<'_>, options: &Options) -> WeeklySummary {
    summarize(effective_schedule(body, options))
}

pub fn summarize(schedule: EffectiveSchedule) -> WeeklySummary {
    let mut per_day = [0.0; 7];
    let mut coverage = Vec::new();
    match &schedule {
        EffectiveSchedule::Fixed {
            frequency, cadence, ..
        } => {
            let per_day_syncs = round6(86_400.0 / (frequency * cadence.seconds()));
            for (weekday, count) in per_day.iter_mut().enumerate() {
                *count = per_day_syncs;
                coverage.push(Coverage {
                    weekday,
                    start: 0,
                    end: 24 * 60,
                    frequency: *frequency,
                    cadence: *cadence,
                    syncs: per_day_syncs,
                });
            }
        }
        EffectiveSchedule::Custom { days, .. } => {
            for (weekday, slots) in days.iter().enumerate() {
                for slot in slots {
                    let syncs = f64::from(slot.syncs());
                    if let Some(count) = per_day.get_mut(weekday) {
                        *count += syncs;
                    }
                    coverage.push(Coverage {
                        weekday,
                        start: slot.start,
                        end: slot.end,
                        frequency: slot.frequency,
                        cadence: slot.cadence,
                        syncs,
                    });
                }
            }
        }
        EffectiveSchedule::Unknown { .. } => {}
    }
    let per_week = match &schedule {
        EffectiveSchedule::Fixed {
            frequency, cadence, ..
        } => round6(7.0 * 86_400.0 / (frequency * cadence.seconds())),
        _ => round6(per_day.iter().sum()),
    };
    WeeklySummary {
        schedule,
        per_day,
        per_week,
        coverage,
    }
}

impl WeeklySummary {
    /// For a custom schedule, that the counts are of a week without a clock change.
    pub fn note(&self) -> Option<&'static str> {
        matches!(self.schedule, EffectiveSchedule::Custom { .. }).then_some(NOMINAL_WEEK_NOTE)
    }
}
