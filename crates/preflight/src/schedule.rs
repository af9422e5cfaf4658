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

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone,
};

use crate::body::{Body, Schedule};
use crate::in_force::{in_force, rate_in_force, use_custom_in_force, Rate, Source};
use crate::issues::Ctx;
use crate::json::{Object, Value};
use crate::messages::describe_interval;
use crate::model::{format_time, time_text, Cadence, Field, Zone, DAYS, DAY_ABBREVIATIONS};
use crate::options::{Options, UsageError};
use crate::validate::read_body;

/// Most instants one call of [`next_syncs`] returns.
pub const MAX_SYNC_COUNT: usize = 10_000;

/// The first instant the schedule tools take or give: 1970-01-01T00:00:00Z. The tz
/// database is only meant to be right from 1970 on (zones it merged share their history
/// since then, not before), and before 1900 offsets were local mean time, which RFC 3339
/// offsets cannot write.
pub const FIRST_SUPPORTED_INSTANT: i64 = 0;
/// The last: 2099-12-31T23:59:59Z. chrono-tz lists each zone's clock changes for the
/// years before 2100 only; after the last one listed a zone keeps its offset for ever
/// (New York would stay on standard time), so a later instant would get a wrong offset.
/// Year 9999, the last that RFC 3339 writes, is well beyond.
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

impl EffectiveSchedule {
    /// A short description such as "Mon–Fri 09:00–17:00 every 20 minutes (America/New_York)".
    pub fn summary(&self) -> String {
        match self {
            EffectiveSchedule::Fixed {
                frequency, cadence, ..
            } => {
                format!(
                    "Every {} (fixed schedule)",
                    describe_interval(*frequency, *cadence)
                )
            }
            EffectiveSchedule::Custom { timezone, days, .. } => {
                let groups = day_groups(days);
                if groups.is_empty() {
                    return format!("Never syncs: no slot on any day ({})", timezone.name());
                }
                format!("{} ({})", groups.join("; "), timezone.name())
            }
            EffectiveSchedule::Unknown { reason } => format!("Unknown: {reason}"),
        }
    }

    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        match self {
            EffectiveSchedule::Fixed {
                frequency,
                cadence,
                source,
            } => {
                o.insert("kind", Value::str("fixed"));
                o.insert("source", Value::str(*source));
                o.insert("sync_frequency", Value::Number(*frequency));
                o.insert("sync_cadence", Value::str(cadence.as_str()));
            }
            EffectiveSchedule::Custom {
                timezone,
                days,
                source,
            } => {
                o.insert("kind", Value::str("custom"));
                o.insert("source", Value::str(*source));
                o.insert("timezone", Value::str(timezone.name()));
                let mut interval = Object::new();
                for (name, slots) in DAYS.iter().zip(days.iter()) {
                    if !slots.is_empty() {
                        interval
                            .insert(*name, Value::Array(slots.iter().map(slot_value).collect()));
                    }
                }
                o.insert("interval", Value::Object(interval));
            }
            EffectiveSchedule::Unknown { reason } => {
                o.insert("kind", Value::str("unknown"));
                o.insert("reason", Value::from(reason.clone()));
            }
        }
        o.insert("summary", Value::from(self.summary()));
        Value::Object(o)
    }
}

fn slot_value(slot: &SlotSpec) -> Value<'static> {
    let mut o = Object::new();
    o.insert("start", Value::from(format_time(slot.start)));
    o.insert("end", Value::from(format_time(slot.end)));
    o.insert("sync_frequency", Value::Number(slot.frequency));
    o.insert("sync_cadence", Value::str(slot.cadence.as_str()));
    Value::Object(o)
}

fn describe_slot(slot: &SlotSpec) -> String {
    format!(
        "{}–{} every {}",
        format_time(slot.start),
        format_time(slot.end),
        describe_interval(slot.frequency, slot.cadence)
    )
}

/// Runs of consecutive weekdays with the same slots: "Mon–Fri 09:00–17:00 every 20 minutes".
fn day_groups(days: &[Vec<SlotSpec>; 7]) -> Vec<String> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let Some(slots) = days.get(i) else { break };
        let mut j = i + 1;
        while days.get(j).is_some_and(|next| next == slots) {
            j += 1;
        }
        if !slots.is_empty() {
            let first = DAY_ABBREVIATIONS.get(i).copied().unwrap_or("");
            let label = if j - i == 1 {
                first.to_string()
            } else {
                format!(
                    "{first}–{}",
                    DAY_ABBREVIATIONS.get(j - 1).copied().unwrap_or("")
                )
            };
            let described: Vec<String> = slots.iter().map(describe_slot).collect();
            groups.push(format!("{label} {}", described.join(", ")));
        }
        i = j;
    }
    groups
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
                None,
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

/// One sync instant, as RFC 3339 in UTC and in the schedule's local time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncInstant {
    /// Unix seconds.
    pub unix: i64,
    pub utc: String,
    pub local: String,
}

impl SyncInstant {
    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        o.insert("utc", Value::from(self.utc.clone()));
        o.insert("local", Value::from(self.local.clone()));
        Value::Object(o)
    }
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian), after
/// Howard Hinnant's `civil_from_days`: plain arithmetic, no calendar tables.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Writes RFC 3339 instants. Instants come in order, many per day, so it keeps the
/// `YYYY-MM-DD` of the last day it wrote; the time and the offset come from the static
/// `HH:MM` table, so writing an instant costs one allocation and no formatting machinery.
#[derive(Default)]
struct InstantWriter {
    day: Option<(i64, String)>,
}

impl InstantWriter {
    fn date(&mut self, day: i64) -> &str {
        if self.day.as_ref().is_none_or(|(cached, _)| *cached != day) {
            let (year, month, day_of_month) = civil_from_days(day);
            // Supported instants are in years 1969 (local time west of UTC) to 2100: four digits.
            let text = format!("{year:04}-{month:02}-{day_of_month:02}");
            self.day = Some((day, text));
        }
        self.day.as_ref().map_or("", |(_, text)| text.as_str())
    }

    /// In UTC with `Z` when `offset` is None, else in local time at that offset. Offsets of
    /// the supported range are whole minutes (a test checks every zone), as RFC 3339 needs.
    fn write(&mut self, unix: i64, offset: Option<i64>) -> String {
        let shifted = unix + offset.unwrap_or(0);
        let seconds = shifted.rem_euclid(86_400);
        let mut out = String::with_capacity(25);
        out.push_str(self.date(shifted.div_euclid(86_400)));
        out.push('T');
        out.push_str(time_text(u16::try_from(seconds / 60).unwrap_or(0)));
        out.push(':');
        let second = u8::try_from(seconds % 60).unwrap_or(0);
        out.push(char::from(b'0' + second / 10));
        out.push(char::from(b'0' + second % 10));
        match offset {
            None => out.push('Z'),
            Some(offset) => {
                out.push(if offset < 0 { '-' } else { '+' });
                out.push_str(time_text(
                    u16::try_from(offset.unsigned_abs() / 60).unwrap_or(0),
                ));
            }
        }
        out
    }
}

/// The UTC and local writers of one run of instants.
#[derive(Default)]
struct Writers {
    utc: InstantWriter,
    local: InstantWriter,
}

impl Writers {
    fn instant(&mut self, unix: i64, offset_seconds: i64) -> SyncInstant {
        SyncInstant {
            unix,
            utc: self.utc.write(unix, None),
            local: self.local.write(unix, Some(offset_seconds)),
        }
    }
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
    fn new(syncs: Vec<SyncInstant>, count: usize, end: SyncsEnd) -> Self {
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

    /// `{"syncs": [{"utc", "local"}…], "complete": bool, "end": null | {"reason", "message"}}`.
    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        o.insert(
            "syncs",
            Value::Array(self.syncs.iter().map(SyncInstant::to_value).collect()),
        );
        o.insert("complete", Value::Bool(self.complete()));
        let end = match (self.end, self.message()) {
            (Some(end), Some(message)) => {
                let mut e = Object::new();
                e.insert("reason", Value::str(end.as_str()));
                e.insert("message", Value::from(message));
                Value::Object(e)
            }
            _ => Value::Null,
        };
        o.insert("end", end);
        Value::Object(o)
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

fn check_arguments(from: i64, count: usize) -> Result<(), UsageError> {
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

fn out_of_range(what: &str) -> UsageError {
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

fn add_months(start: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let total = i64::from(start.year()) * 12 + i64::from(start.month0()) + months;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let mut day = start.day();
    loop {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            return Some(date.and_time(start.time()));
        }
        day = day.checked_sub(1).filter(|d| *d >= 28)?;
    }
}

/// Instants of a fixed schedule from `from`, up to `count` and the end of the supported range.
fn fixed_syncs(frequency: f64, cadence: Cadence, from: i64, count: usize) -> Vec<SyncInstant> {
    let mut out = Vec::with_capacity(count);
    let mut writers = Writers::default();
    if cadence == Cadence::Month {
        let Some(start) = DateTime::from_timestamp(from, 0).map(|t| t.naive_utc()) else {
            return out;
        };
        let step = frequency.clamp(1.0, 1e6) as i64;
        for k in 0..count {
            let months = i64::try_from(k).unwrap_or(i64::MAX).saturating_mul(step);
            match add_months(start, months).map(|t| t.and_utc().timestamp()) {
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

/// UTC instant of a local wall-clock time: skipped when it does not exist, the earlier
/// instant when it is ambiguous.
fn resolve_local(zone: Zone, local: NaiveDateTime) -> Option<(i64, i64)> {
    let tz = zone.tz();
    let dt = match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt,
        LocalResult::Ambiguous(earlier, later) => {
            if earlier.timestamp() <= later.timestamp() {
                earlier
            } else {
                later
            }
        }
        LocalResult::None => return None,
    };
    Some((
        dt.timestamp(),
        i64::from(dt.offset().fix().local_minus_utc()),
    ))
}

/// The UTC offset in force over the whole local day, when the day has no clock change.
fn steady_offset(zone: Zone, date: NaiveDate) -> Option<i64> {
    let tz = zone.tz();
    let offset_at = |t: NaiveDateTime| match tz.offset_from_local_datetime(&t) {
        LocalResult::Single(o) => Some(i64::from(o.fix().local_minus_utc())),
        _ => None,
    };
    let start = offset_at(date.and_hms_opt(0, 0, 0)?)?;
    let end = offset_at(date.and_hms_opt(23, 59, 59)?)?;
    (start == end).then_some(start)
}

/// Seconds in a day without a clock change: local times run from 0 to this.
const DAY_SECONDS: i64 = 86_400;

/// The distinct local times (seconds since midnight, ascending) at which a weekday's
/// slots sync. Slots with the same interval and phase are one progression, so their
/// ranges are merged before any instant is listed: however many slots overlap, a day
/// costs at most its distinct instants (86 400), not slots × instants.
fn day_seconds(slots: &[SlotSpec]) -> Vec<u32> {
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

fn custom_syncs(
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
    let Some(from_utc) = DateTime::from_timestamp(from, 0) else {
        return out;
    };
    let tz = zone.tz();
    let from_local = from_utc.with_timezone(&tz).naive_local();
    let Some(mut date) = from_local.date().pred_opt() else {
        return out;
    };
    // The search runs until `count` instants are found or the supported range ends: a
    // week may have no sync at all (a weekly slot inside the skipped hour), so no count
    // of weeks derived from `count` is a bound.
    let Some(last_date) = DateTime::from_timestamp(LAST_SUPPORTED_INSTANT, 0)
        .map(|last| last.with_timezone(&tz).date_naive())
    else {
        return out;
    };
    let weekday_seconds: [Vec<u32>; 7] =
        std::array::from_fn(|weekday| days.get(weekday).map_or(Vec::new(), |d| day_seconds(d)));
    let mut day_instants: Vec<(i64, i64)> = Vec::new();
    while date <= last_date {
        let weekday = date.weekday().num_days_from_sunday() as usize;
        day_instants.clear();
        if let Some(seconds) = weekday_seconds.get(weekday).filter(|s| !s.is_empty()) {
            let steady = steady_offset(zone, date);
            let midnight = date.and_hms_opt(0, 0, 0);
            // Local midnight read as if it were UTC: on a day without a clock change the
            // instant of local time `t` is this plus `t` minus the day's offset.
            let local_midnight = midnight.map(|m| m.and_utc().timestamp());
            let after = out.last().map_or(from - 1, |last| last.unix.max(from - 1));
            let wanted = count - out.len();
            for &t in seconds {
                let t = i64::from(t);
                let resolved = match (steady, local_midnight) {
                    (Some(offset), Some(base)) => Some((base + t - offset, offset)),
                    _ => midnight
                        .and_then(|m| m.checked_add_signed(Duration::seconds(t)))
                        .and_then(|local| resolve_local(zone, local)),
                };
                if let Some(instant) =
                    resolved.filter(|(unix, _)| *unix > after && supported(*unix))
                {
                    day_instants.push(instant);
                    // On a day without a clock change instants rise with local time.
                    if steady.is_some() && day_instants.len() == wanted {
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
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    out
}

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

fn round6(x: f64) -> f64 {
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

    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        let (kind, timezone) = match &self.schedule {
            EffectiveSchedule::Fixed { .. } => ("fixed", Value::Null),
            EffectiveSchedule::Custom { timezone, .. } => ("custom", Value::str(timezone.name())),
            EffectiveSchedule::Unknown { .. } => ("unknown", Value::Null),
        };
        o.insert("kind", Value::str(kind));
        o.insert("timezone", timezone);
        let mut per_day = Object::new();
        for (name, count) in DAYS.iter().zip(self.per_day) {
            per_day.insert(*name, Value::Number(count));
        }
        o.insert("per_day", Value::Object(per_day));
        o.insert("per_week", Value::Number(self.per_week));
        o.insert("note", self.note().map_or(Value::Null, Value::str));
        let coverage = self
            .coverage
            .iter()
            .map(|c| {
                let mut e = Object::new();
                e.insert(
                    "day",
                    Value::str(DAYS.get(c.weekday).copied().unwrap_or("SUNDAY")),
                );
                e.insert("start", Value::from(format_time(c.start)));
                e.insert(
                    "end",
                    Value::from(if c.end >= 24 * 60 {
                        String::from("24:00")
                    } else {
                        format_time(c.end)
                    }),
                );
                e.insert("sync_frequency", Value::Number(c.frequency));
                e.insert("sync_cadence", Value::str(c.cadence.as_str()));
                e.insert("syncs", Value::Number(c.syncs));
                Value::Object(e)
            })
            .collect();
        o.insert("coverage", Value::Array(coverage));
        o.insert("summary", Value::from(self.schedule.summary()));
        Value::Object(o)
    }
}

/// Parses the `from` of [`next_syncs`]: RFC 3339, rounded up to the whole second so
/// "at or after" holds.
/// A usage error when it is outside the supported range.
pub fn parse_from(text: &str) -> Result<i64, UsageError> {
    let t = DateTime::parse_from_rfc3339(text).map_err(|_| {
        UsageError::new(format!(
            "'{text}' is not an RFC 3339 date-time such as 2026-03-08T09:00:00Z"
        ))
    })?;
    let from = t.timestamp() + i64::from(t.timestamp_subsec_nanos() > 0);
    if !supported(from) {
        return Err(out_of_range(&format!("from '{text}'")));
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn syncs(body: &str, options: &Options, from: &str, count: usize) -> Vec<String> {
        let v = parse(body).unwrap();
        next_syncs(&v, options, parse_from(from).unwrap(), count)
            .unwrap()
            .syncs
            .into_iter()
            .map(|s| format!("{} {}", s.utc, s.local))
            .collect()
    }

    #[test]
    fn day_seconds_is_the_union_of_every_slots_instants() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let mut bitset_rounds = 0;
        for round in 0..300 {
            let count = 1 + next(if round % 10 == 0 { 400 } else { 6 }) as usize;
            let slots: Vec<SlotSpec> = (0..count)
                .map(|_| {
                    let start = next(1439) as u16;
                    let end = start + 1 + next(u64::from(1439 - start)) as u16;
                    let (frequency, cadence) = match next(4) {
                        0 => (1.0 + next(90) as f64, Cadence::Second),
                        1 => (1.0 + next(30) as f64, Cadence::Minute),
                        2 => (1.0 + next(3) as f64, Cadence::Hour),
                        _ => (1.0, Cadence::Day),
                    };
                    SlotSpec {
                        start,
                        end,
                        frequency,
                        cadence,
                    }
                })
                .collect();
            let mut naive: Vec<u32> = Vec::new();
            let mut total = 0;
            for slot in &slots {
                let mut t = i64::from(slot.start) * 60;
                while t < i64::from(slot.end) * 60 {
                    naive.push(t as u32);
                    total += 1;
                    t += slot.interval_seconds();
                }
            }
            naive.sort_unstable();
            naive.dedup();
            if total > DAY_SECONDS {
                bitset_rounds += 1;
            }
            assert_eq!(day_seconds(&slots), naive, "round {round}");
        }
        assert!(
            bitset_rounds > 5,
            "the one-bit-per-second path ran {bitset_rounds} times"
        );
    }

    #[test]
    fn many_overlapping_slots_cost_their_distinct_instants() {
        // 5 000 identical all-day slots syncing every second: listing every slot's
        // instants took gigabytes; the distinct instants of a day are 86 340.
        let slot = r#"{"start":"00:00","end":"23:59","sync_frequency":1,"sync_cadence":"SECOND"}"#;
        let slots = vec![slot; 5_000].join(",");
        let body = format!(
            r#"{{"use_custom_sync_schedule":true,"custom_sync_schedule":{{"type":"WEEK_BASED","timezone":"America/New_York","interval":{{"SUNDAY":{{"slots":[{slots}]}}}}}}}}"#
        );
        // Sunday 2026-03-08 is the spring-forward day in New York: 02:00-02:59 is skipped.
        let got = syncs(&body, &Options::update(), "2026-03-08T06:59:58Z", 4);
        assert_eq!(
            got,
            [
                "2026-03-08T06:59:58Z 2026-03-08T01:59:58-05:00",
                "2026-03-08T06:59:59Z 2026-03-08T01:59:59-05:00",
                "2026-03-08T07:00:00Z 2026-03-08T03:00:00-04:00",
                "2026-03-08T07:00:01Z 2026-03-08T03:00:01-04:00",
            ]
        );
        let got = syncs(&body, &Options::update(), "2026-03-15T04:59:59Z", 3);
        assert_eq!(
            got,
            [
                "2026-03-15T04:59:59Z 2026-03-15T00:59:59-04:00",
                "2026-03-15T05:00:00Z 2026-03-15T01:00:00-04:00",
                "2026-03-15T05:00:01Z 2026-03-15T01:00:01-04:00",
            ]
        );
    }

    const WEEKLY_IN_THE_SKIPPED_HOUR: &str = r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"America/New_York","interval":{"SUNDAY":{"slots":[{"start":"02:30","end":"02:31","sync_frequency":1,"sync_cadence":"MINUTE"}]}}}}"#;

    #[test]
    fn a_week_without_a_sync_does_not_cut_the_search_short() {
        // One sync a week, none on the spring-forward Sundays: 52 asked for from 2027-03-08
        // span two of them (2027-03-14 and 2028-03-12).
        let v = parse(WEEKLY_IN_THE_SKIPPED_HOUR).unwrap();
        let from = parse_from("2027-03-08T00:00:00Z").unwrap();
        let next = next_syncs(&v, &Options::update(), from, 52).unwrap();
        assert!(next.complete(), "{:?}", next.message());
        assert_eq!(next.syncs.len(), 52);
        assert_eq!(next.syncs[0].utc, "2027-03-21T06:30:00Z");
        assert_eq!(next.syncs[50].utc, "2028-03-05T07:30:00Z");
        assert_eq!(next.syncs[51].utc, "2028-03-19T06:30:00Z");
        assert!(next.syncs.iter().all(|s| !s.utc.starts_with("2028-03-12")));
        let many = next_syncs(&v, &Options::update(), from, 200).unwrap();
        assert_eq!(many.syncs.len(), 200);
        assert!(many.complete());
    }

    #[test]
    fn a_run_stops_at_the_end_of_the_supported_range_and_says_so() {
        let v = parse(WEEKLY_IN_THE_SKIPPED_HOUR).unwrap();
        let from = parse_from("2099-11-01T00:00:00Z").unwrap();
        let next = next_syncs(&v, &Options::update(), from, 10).unwrap();
        // Sundays of November and December 2099 at 02:30 EST (the clocks fell back at 02:00 on the 1st).
        let utc: Vec<&str> = next.syncs.iter().map(|s| s.utc.as_str()).collect();
        assert_eq!(
            utc,
            [
                "2099-11-01T07:30:00Z",
                "2099-11-08T07:30:00Z",
                "2099-11-15T07:30:00Z",
                "2099-11-22T07:30:00Z",
                "2099-11-29T07:30:00Z",
                "2099-12-06T07:30:00Z",
                "2099-12-13T07:30:00Z",
                "2099-12-20T07:30:00Z",
                "2099-12-27T07:30:00Z",
            ]
        );
        assert_eq!(next.end, Some(SyncsEnd::RangeEnd));
        assert!(!next.complete());
        assert_eq!(
            next.to_value().to_json(),
            format!(
                r#"{{"syncs":[{}],"complete":false,"end":{{"reason":"range_end","message":"Found 9 of the 10 sync instants asked for: the next would be after 2099-12-31T23:59:59Z, where the supported range ends (the time-zone data lists clock changes up to 2099)"}}}}"#,
                next.syncs
                    .iter()
                    .map(|s| s.to_value().to_json())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        );

        let fixed = parse(
            r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"SECOND"}"#,
        )
        .unwrap();
        let last = parse_from("2099-12-31T23:59:58Z").unwrap();
        let next = next_syncs(&fixed, &Options::update(), last, 5).unwrap();
        let utc: Vec<&str> = next.syncs.iter().map(|s| s.utc.as_str()).collect();
        assert_eq!(utc, ["2099-12-31T23:59:58Z", "2099-12-31T23:59:59Z"]);
        assert_eq!(next.end, Some(SyncsEnd::RangeEnd));
        // Exactly as many as there are: complete.
        let two = next_syncs(&fixed, &Options::update(), last, 2).unwrap();
        assert!(two.complete());
        assert_eq!(two.to_value().to_json().matches(r#""end":null"#).count(), 1);

        let monthly = parse(
            r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"MONTH"}"#,
        )
        .unwrap();
        let next = next_syncs(
            &monthly,
            &Options::update(),
            parse_from("2099-10-31T23:59:59Z").unwrap(),
            4,
        )
        .unwrap();
        let utc: Vec<&str> = next.syncs.iter().map(|s| s.utc.as_str()).collect();
        assert_eq!(
            utc,
            [
                "2099-10-31T23:59:59Z",
                "2099-11-30T23:59:59Z",
                "2099-12-31T23:59:59Z"
            ]
        );
        assert_eq!(next.end, Some(SyncsEnd::RangeEnd));
    }

    #[test]
    fn a_schedule_without_slots_says_it_never_syncs() {
        let v = parse(r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{}}}"#).unwrap();
        let from = parse_from("2026-01-01T00:00:00Z").unwrap();
        let next = next_syncs(&v, &Options::update(), from, 3).unwrap();
        assert_eq!(next.end, Some(SyncsEnd::NoSlots));
        assert_eq!(
            next.message().unwrap(),
            "Found 0 of the 3 sync instants asked for: the custom schedule has no slot on any day, so it never syncs"
        );
        let none = next_syncs(&v, &Options::update(), from, 0).unwrap();
        assert!(none.complete(), "nothing asked for, nothing missing");
    }

    #[test]
    fn from_outside_the_supported_range_is_a_usage_error() {
        let range = "is outside the supported range, 1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z (the time-zone data lists clock changes up to 2099)";
        for text in [
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "2100-01-01T00:00:00Z",
            "2099-12-31T23:59:59.1Z",
            "2099-12-31T23:00:00-01:00",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:59:59+01:00",
        ] {
            let error = parse_from(text).unwrap_err();
            assert_eq!(error.message, format!("from '{text}' {range}"));
        }
        assert_eq!(parse_from("1969-12-31T23:59:59.5Z"), Ok(0));
        assert_eq!(parse_from(SUPPORTED_RANGE.1), Ok(LAST_SUPPORTED_INSTANT));
        assert_eq!(parse_from(SUPPORTED_RANGE.0), Ok(FIRST_SUPPORTED_INSTANT));
        // The Rust API checks an instant given as seconds the same way.
        let fixed =
            parse(r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"DAY"}"#)
                .unwrap();
        for from in [-1, LAST_SUPPORTED_INSTANT + 1, i64::MIN, i64::MAX] {
            let error = next_syncs(&fixed, &Options::update(), from, 1).unwrap_err();
            assert_eq!(error.message, format!("from {range}"));
        }
    }

    #[test]
    fn the_first_supported_instant_is_written_in_every_zone() {
        let body = |zone: &str| {
            format!(
                r#"{{"use_custom_sync_schedule":true,"custom_sync_schedule":{{"type":"WEEK_BASED","timezone":"{zone}","interval":{{"WEDNESDAY":{{"slots":[{{"start":"00:00","end":"23:59","sync_frequency":1,"sync_cadence":"HOUR"}}]}}}}}}}}"#
            )
        };
        // 1970-01-01 was a Thursday: in zones west of UTC it is still Wednesday.
        let text = body("Pacific/Honolulu");
        let v = parse(&text).unwrap();
        let next = next_syncs(&v, &Options::update(), 0, 2).unwrap();
        let texts: Vec<String> = next
            .syncs
            .iter()
            .map(|s| format!("{} {}", s.utc, s.local))
            .collect();
        assert_eq!(
            texts,
            [
                "1970-01-01T00:00:00Z 1969-12-31T14:00:00-10:00",
                "1970-01-01T01:00:00Z 1969-12-31T15:00:00-10:00",
            ]
        );
    }

    #[test]
    fn every_offset_in_the_supported_range_is_whole_minutes() {
        // The writer drops an offset's seconds; local mean time (before 1900) had them.
        for zone in Zone::all() {
            let tz = zone.tz();
            let mut at = FIRST_SUPPORTED_INSTANT;
            while at <= LAST_SUPPORTED_INSTANT {
                let utc = DateTime::from_timestamp(at, 0).unwrap().naive_utc();
                let offset = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
                assert_eq!(offset % 60, 0, "{} at {at}", zone.name());
                at += 7 * 86_400;
            }
        }
    }

    #[test]
    fn fixed_month_from_jan_31_clamps() {
        let body =
            r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"MONTH"}"#;
        let got = syncs(body, &Options::update(), "2027-01-31T10:00:00Z", 4);
        assert_eq!(
            got,
            [
                "2027-01-31T10:00:00Z 2027-01-31T10:00:00+00:00",
                "2027-02-28T10:00:00Z 2027-02-28T10:00:00+00:00",
                "2027-03-31T10:00:00Z 2027-03-31T10:00:00+00:00",
                "2027-04-30T10:00:00Z 2027-04-30T10:00:00+00:00"
            ]
        );
    }

    #[test]
    fn spring_forward_skips_and_fall_back_takes_the_earlier() {
        let body = r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"America/New_York",
            "interval":{"SUNDAY":{"slots":[{"start":"01:00","end":"03:30","sync_frequency":30,"sync_cadence":"MINUTE"}]}}}}"#;
        let spring = syncs(body, &Options::update(), "2026-03-08T00:00:00Z", 4);
        assert_eq!(
            spring,
            [
                "2026-03-08T06:00:00Z 2026-03-08T01:00:00-05:00",
                "2026-03-08T06:30:00Z 2026-03-08T01:30:00-05:00",
                "2026-03-08T07:00:00Z 2026-03-08T03:00:00-04:00",
                "2026-03-15T05:00:00Z 2026-03-15T01:00:00-04:00"
            ]
        );
        let fall = syncs(body, &Options::update(), "2026-11-01T00:00:00Z", 6);
        assert_eq!(
            fall,
            [
                "2026-11-01T05:00:00Z 2026-11-01T01:00:00-04:00",
                "2026-11-01T05:30:00Z 2026-11-01T01:30:00-04:00",
                "2026-11-01T07:00:00Z 2026-11-01T02:00:00-05:00",
                "2026-11-01T07:30:00Z 2026-11-01T02:30:00-05:00",
                "2026-11-01T08:00:00Z 2026-11-01T03:00:00-05:00",
                "2026-11-08T06:00:00Z 2026-11-08T01:00:00-05:00"
            ]
        );
    }

    #[test]
    fn summary_groups_days() {
        let body = parse(r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"America/New_York","interval":{
            "MONDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":20,"sync_cadence":"MINUTE"}]},
            "TUESDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":20,"sync_cadence":"MINUTE"}]},
            "WEDNESDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":20,"sync_cadence":"MINUTE"}]},
            "THURSDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":20,"sync_cadence":"MINUTE"}]},
            "FRIDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":20,"sync_cadence":"MINUTE"}]}}}}"#).unwrap();
        let summary = weekly_summary(&body, &Options::update());
        assert_eq!(
            summary.schedule.summary(),
            "Mon–Fri 09:00–17:00 every 20 minutes (America/New_York)"
        );
        assert_eq!(summary.per_week, 120.0);
        assert_eq!(summary.per_day[1], 24.0);
        assert_eq!(summary.per_day[0], 0.0);
    }

    #[test]
    fn create_defaults_to_every_12_hours_and_update_without_context_is_unknown() {
        let body =
            parse(r#"{"integration_vendor":"BUILDIUM","credentials":{},"name":"x"}"#).unwrap();
        let s = effective_schedule(&body, &Options::create());
        assert_eq!(
            s,
            EffectiveSchedule::Fixed {
                frequency: 12.0,
                cadence: Cadence::Hour,
                source: "default"
            }
        );
        assert!(matches!(
            effective_schedule(&parse("{}").unwrap(), &Options::update()),
            EffectiveSchedule::Unknown { .. }
        ));
    }
}
