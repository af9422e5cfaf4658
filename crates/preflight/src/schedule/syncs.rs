//! The engine: the instants a schedule in force syncs at, fixed (elapsed time from
//! `from`) or custom (wall-clock slots of the schedule's zone, clock changes applied).

use super::*;
use crate::json::Value;
use crate::model::{Cadence, Zone};
use crate::options::{Options, UsageError};
use crate::zone_rules::{
    civil_from_days, days_from_civil, local_day, month_days, offset_at, weekday, LocalDay,
};

use super::rfc3339::Writers;

/// One sync instant, as RFC 3339 in UTC and in the schedule's local time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncInstant {
    /// Unix seconds.
    pub unix: i64,
    pub utc: String,
    pub local: String,
}

/// Why a run of instants holds fewer than were asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncsEnd {
    /// The custom schedule has no slot on any day: it never syncs.
    NoSlots,
    /// The next instant would be after [`LAST_SUPPORTED_INSTANT`].
    RangeEnd,
}

impl SyncsEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncsEnd::NoSlots => "no_slots",
            SyncsEnd::RangeEnd => "range_end",
        }
    }
}

/// The instants [`next_syncs`] found and, when they are fewer than asked for, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextSyncs {
    pub syncs: Vec<SyncInstant>,
    /// How many were asked for.
    pub count: usize,
    /// None when `syncs` holds `count` instants; else why there are no more.
    pub end: Option<SyncsEnd>,
}

impl NextSyncs {
    pub(super) fn new(syncs: Vec<SyncInstant>, count: usize, end: SyncsEnd) -> Self {
        let end = (syncs.len() < count).then_some(end);
        NextSyncs { syncs, count, end }
    }

    /// True when every instant asked for was found.
    pub fn complete(&self) -> bool {
        self.end.is_none()
    }

    /// Says how many of the instants asked for exist and why no more do; None when complete.
    pub fn message(&self) -> Option<String> {
        let found = format!(
            "Found {} of the {} sync instants asked for",
            self.syncs.len(),
            self.count
        );
        self.end.map(|end| match end {
            SyncsEnd::NoSlots => {
                format!("{found}: the custom schedule has no slot on any day, so it never syncs")
            }
            SyncsEnd::RangeEnd => format!(
                "{found}: the next would be after {}, where the supported range ends (the time-zone data lists clock changes up to 2099)",
                SUPPORTED_RANGE.1
            ),
        })
    }
}

/// The next `count` sync instants at or after `from` (Unix seconds). The search goes on
/// until `count` instants are found or the supported range ends; the result says which.
pub fn next_syncs(
    body: &Value<'_>,
    options: &Options,
    from: i64,
    count: usize,
) -> Result<NextSyncs, UsageError> {
    // The arguments are checked before the body is read, then again (cheaply) by `next_syncs_of`.
    check_arguments(from, count)?;
    next_syncs_of(&effective_schedule(body, options), from, count)
}

pub(super) fn check_arguments(from: i64, count: usize) -> Result<(), UsageError> {
    if count > MAX_SYNC_COUNT {
        return Err(UsageError::new(format!(
            "count must be at most {MAX_SYNC_COUNT}"
        )));
    }
    if !supported(from) {
        return Err(out_of_range("from"));
    }
    Ok(())
}

pub(super) fn out_of_range(what: &str) -> UsageError {
    UsageError::new(format!(
        "{what} is outside the supported range, {} to {} (the time-zone data lists clock changes up to 2099)",
        SUPPORTED_RANGE.0, SUPPORTED_RANGE.1
    ))
}

/// The next `count` instants of an already resolved schedule.
pub fn next_syncs_of(
    schedule: &EffectiveSchedule,
    from: i64,
    count: usize,
) -> Result<NextSyncs, UsageError> {
    check_arguments(from, count)?;
    match schedule {
        EffectiveSchedule::Fixed {
            frequency, cadence, ..
        } => Ok(NextSyncs::new(
            fixed_syncs(*frequency, *cadence, from, count),
            count,
            SyncsEnd::RangeEnd,
        )),
        EffectiveSchedule::Custom { timezone, days, .. } => {
            let end = if days.iter().all(Vec::is_empty) {
                SyncsEnd::NoSlots
            } else {
                SyncsEnd::RangeEnd
            };
            Ok(NextSyncs::new(
                custom_syncs(*timezone, days, from, count),
                count,
                end,
            ))
        }
        EffectiveSchedule::Unknown { reason } => Err(UsageError::new(format!(
            "the schedule in force is unknown: {reason}"
        ))),
    }
}

/// `start` (Unix seconds) `months` calendar months later at the same time of day, in
/// UTC; a day past the end of the month becomes its last day (January 31 and a month
/// is February 28 or 29). `None` past the years a date can have (±262,143, as chrono's).
pub(super) fn add_months(start: i64, months: i64) -> Option<i64> {
    let (days, time) = (start.div_euclid(DAY_SECONDS), start.rem_euclid(DAY_SECONDS));
    let (year, month, day) = civil_from_days(days);
    let total = year
        .checked_mul(12)?
        .checked_add(i64::from(month) - 1)?
        .checked_add(months)?;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    if !(-262_143..=262_143).contains(&year) {
        return None;
    }
    let day = i64::from(day).min(month_days(year, month));
    Some(days_from_civil(year, month, day) * DAY_SECONDS + time)
}

/// Instants of a fixed schedule from `from`, up to `count` and the end of the supported range.
pub(super) fn fixed_syncs(
    frequency: f64,
    cadence: Cadence,
    from: i64,
    count: usize,
) -> Vec<SyncInstant> {
    let mut out = Vec::with_capacity(count);
    let mut writers = Writers::default();
    if cadence == Cadence::Month {
        let start = from;
        let step = frequency.clamp(1.0, 1e6) as i64;
        for k in 0..count {
            let months = i64::try_from(k).unwrap_or(i64::MAX).saturating_mul(step);
            match add_months(start, months) {
                Some(at) if supported(at) => out.push(writers.instant(at, 0)),
                _ => break,
            }
        }
        return out;
    }
    let interval = (frequency * cadence.seconds()).clamp(1.0, 1e15) as i64;
    let mut at = from;
    while out.len() < count && supported(at) {
        out.push(writers.instant(at, 0));
        let Some(next) = at.checked_add(interval) else {
            break;
        };
        at = next;
    }
    out
}

/// Seconds in a day without a clock change: local times run from 0 to this.
pub(super) const DAY_SECONDS: i64 = 86_400;

/// The distinct local times (seconds since midnight, ascending) at which a weekday's
/// slots sync. Slots with the same interval and phase are one progression, so their
/// ranges are merged before any instant is listed: however many slots overlap, a day
/// costs at most its distinct instants (86 400), not slots × instants.
pub(super) fn day_seconds(slots: &[SlotSpec]) -> Vec<u32> {
    let mut runs: Vec<(i64, i64, i64, i64)> = slots
        .iter()
        .map(|slot| {
            let interval = slot.interval_seconds();
            let start = i64::from(slot.start) * 60;
            (
                interval,
                start.rem_euclid(interval),
                start,
                i64::from(slot.end) * 60,
            )
        })
        .collect();
    crate::sort::sort_by(&mut runs, |a, b| a.cmp(b));
    // Merged ranges (interval, start, end): disjoint within one progression.
    let mut ranges: Vec<(i64, i64, i64)> = Vec::with_capacity(runs.len());
    let mut open: Option<(i64, i64, i64, i64)> = None;
    for (interval, phase, start, end) in runs {
        match open.as_mut() {
            Some(run) if run.0 == interval && run.1 == phase && start <= run.3 => {
                run.3 = run.3.max(end);
            }
            _ => {
                if let Some((i, _, s, e)) = open {
                    ranges.push((i, s, e));
                }
                open = Some((interval, phase, start, end));
            }
        }
    }
    if let Some((i, _, s, e)) = open {
        ranges.push((i, s, e));
    }
    let total: i64 = ranges.iter().map(|(i, s, e)| (e - s + i - 1) / i).sum();
    let mark = |visit: &mut dyn FnMut(i64)| {
        for &(interval, start, end) in &ranges {
            let mut t = start;
            while t < end.min(DAY_SECONDS) {
                visit(t);
                t = t.saturating_add(interval);
            }
        }
    };
    if total <= DAY_SECONDS {
        // Few instants (the usual case): list, sort, dedup.
        let mut seconds: Vec<u32> = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
        mark(&mut |t| seconds.extend(u32::try_from(t).ok()));
        crate::sort::sort_by(&mut seconds, |a, b| a.cmp(b));
        seconds.dedup();
        seconds
    } else {
        // Many: one bit per second of the day.
        let mut bits = vec![0u64; 1_350];
        mark(&mut |t| {
            if let Some(word) = usize::try_from(t / 64).ok().and_then(|w| bits.get_mut(w)) {
                *word |= 1 << (t % 64);
            }
        });
        let mut seconds = Vec::new();
        for (w, &word) in bits.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                seconds.extend(u32::try_from(w * 64).ok().map(|base| base + bit));
                rest &= rest - 1;
            }
        }
        seconds
    }
}

pub(super) fn custom_syncs(
    zone: Zone,
    days: &[Vec<SlotSpec>; 7],
    from: i64,
    count: usize,
) -> Vec<SyncInstant> {
    let mut out: Vec<SyncInstant> = Vec::with_capacity(count);
    let mut writers = Writers::default();
    if count == 0 || days.iter().all(Vec::is_empty) {
        return out;
    }
    // Days are Unix days of local time.
    let local_date = |at: i64| {
        at.saturating_add(offset_at(zone, at))
            .div_euclid(DAY_SECONDS)
    };
    let mut date = local_date(from) - 1;
    // The search runs until `count` instants are found or the supported range ends: a
    // week may have no sync at all (a weekly slot inside the skipped hour), so no count
    // of weeks derived from `count` is a bound.
    let last_date = local_date(LAST_SUPPORTED_INSTANT);
    let weekday_seconds: [Vec<u32>; 7] =
        std::array::from_fn(|weekday| days.get(weekday).map_or(Vec::new(), |d| day_seconds(d)));
    let mut day_instants: Vec<(i64, i64)> = Vec::new();
    while date <= last_date {
        day_instants.clear();
        if let Some(seconds) = weekday_seconds
            .get(weekday(date) as usize)
            .filter(|s| !s.is_empty())
        {
            // Local midnight read as if it were UTC: local time `t` of the day is this plus `t`.
            let local_midnight = date * DAY_SECONDS;
            let day = Some((local_midnight, local_day(zone, local_midnight)));
            let steady = matches!(day, Some((_, LocalDay::Steady(_))));
            let after = out.last().map_or(from - 1, |last| last.unix.max(from - 1));
            let wanted = count - out.len();
            for &t in seconds {
                let t = i64::from(t);
                let resolved = day.and_then(|(base, day)| day.resolve(base + t));
                if let Some(instant) =
                    resolved.filter(|(unix, _)| *unix > after && supported(*unix))
                {
                    day_instants.push(instant);
                    // On a day without a clock change instants rise with local time.
                    if steady && day_instants.len() == wanted {
                        break;
                    }
                }
            }
            crate::sort::sort_by(&mut day_instants, |a, b| a.cmp(b));
            day_instants.dedup_by_key(|(unix, _)| *unix);
            for &(unix, offset) in &day_instants {
                out.push(writers.instant(unix, offset));
                if out.len() == count {
                    return out;
                }
            }
        }
        date += 1;
    }
    out
}
