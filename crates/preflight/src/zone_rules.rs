//! The UTC offsets of the eight schedule zones, as rules instead of transition tables.
//!
//! Each zone is a list of eras: from an instant on, a standard offset and whether the US
//! daylight-saving rules apply. The US rules are six rows (1967 to 2099), each a start
//! and an end: the first Sunday on or after a day of a month, at 02:00 local time. That
//! is the tz database for these zones from 1967 on, and its compiled tables list clock
//! changes up to 2099 only, so the rules stop there too: after 2099 every zone stays on
//! standard time, as it did in the tables. A test compares every clock change and many
//! local times with chrono-tz, which only the tests compile. Before 1967 each zone is
//! on its 1967 standard time (the tz database has older local rules there), which the
//! supported range, 1970 to 2099, never reads.

use crate::model::Zone;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// From `from` (Unix seconds) on, a zone's standard offset and whether it keeps daylight
/// saving time by the US rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Era {
    from: i64,
    standard: i64,
    daylight_saving: bool,
}

const fn era(from: i64, standard_hours: i64, daylight_saving: bool) -> Era {
    Era {
        from,
        standard: standard_hours * HOUR,
        daylight_saving,
    }
}

/// A UTC instant given as a date and a time of day in a zone `standard_hours` from UTC.
const fn instant(year: i64, month: i64, day: i64, hour: i64, standard_hours: i64) -> i64 {
    days_from_civil(year, month, day) * DAY + (hour - standard_hours) * HOUR
}

pub(crate) const UTC: &[Era] = &[era(i64::MIN, 0, false)];
pub(crate) const NEW_YORK: &[Era] = &[era(i64::MIN, -5, true)];
pub(crate) const CHICAGO: &[Era] = &[era(i64::MIN, -6, true)];
pub(crate) const DENVER: &[Era] = &[era(i64::MIN, -7, true)];
/// Arizona kept daylight saving time in 1967 only.
pub(crate) const PHOENIX: &[Era] = &[
    era(i64::MIN, -7, true),
    era(instant(1968, 1, 1, 0, -7), -7, false),
];
pub(crate) const LOS_ANGELES: &[Era] = &[era(i64::MIN, -8, true)];
/// Alaska-Hawaii time without daylight saving time until 1969, then with it; on
/// 1983-10-30 at 02:00 daylight time Anchorage moved to UTC−9 (the clock did not change
/// that night: 02:00 AHDT is 02:00 YST).
pub(crate) const ANCHORAGE: &[Era] = &[
    era(i64::MIN, -10, false),
    era(instant(1969, 1, 1, 0, -10), -10, true),
    era(instant(1983, 10, 30, 2, -9), -9, true),
];
pub(crate) const HONOLULU: &[Era] = &[era(i64::MIN, -10, false)];

/// The US rules: from `first_year` on (until the next row), daylight saving time starts on
/// the first Sunday on or after `start` (month, day) and ends on the first Sunday on or
/// after `end`, both at 02:00 local time (standard time at the start, daylight time at the end).
struct UsRule {
    first_year: i64,
    start: (i64, i64),
    end: (i64, i64),
}

const US_RULES: [UsRule; 6] = [
    // The Uniform Time Act: last Sunday of April to last Sunday of October.
    UsRule {
        first_year: 1967,
        start: (4, 24),
        end: (10, 25),
    },
    // The energy crisis: from January 6, 1974 and from the last Sunday of February, 1975.
    UsRule {
        first_year: 1974,
        start: (1, 6),
        end: (10, 25),
    },
    UsRule {
        first_year: 1975,
        start: (2, 22),
        end: (10, 25),
    },
    UsRule {
        first_year: 1976,
        start: (4, 24),
        end: (10, 25),
    },
    // First Sunday of April.
    UsRule {
        first_year: 1987,
        start: (4, 1),
        end: (10, 25),
    },
    // Second Sunday of March to first Sunday of November.
    UsRule {
        first_year: 2007,
        start: (3, 8),
        end: (11, 1),
    },
];
/// The first year without daylight saving time: the tz tables end with 2099.
const US_RULES_END: i64 = 2_100;

/// Days since 1970-01-01 of a proleptic Gregorian date, after Howard Hinnant's
/// `days_from_civil`.
pub(crate) const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) const fn month_days(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian), after
/// Howard Hinnant's `civil_from_days`: plain arithmetic, no calendar tables.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
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

/// Weekday of a count of days since 1970-01-01 (a Thursday), Sunday = 0.
pub(crate) fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The first Sunday on or after `(month, day)` of `year`, in days since 1970-01-01.
fn sunday_on_or_after(year: i64, (month, day): (i64, i64)) -> i64 {
    let days = days_from_civil(year, month, day);
    days + (7 - weekday(days)) % 7
}

/// The UTC instants daylight saving time starts and ends in `year` under the US rules,
/// in a zone `standard` seconds from UTC.
fn daylight_saving_span(year: i64, standard: i64) -> Option<(i64, i64)> {
    if year >= US_RULES_END {
        return None;
    }
    let rule = US_RULES.iter().rev().find(|rule| rule.first_year <= year)?;
    let start = sunday_on_or_after(year, rule.start) * DAY + 2 * HOUR - standard;
    let end = sunday_on_or_after(year, rule.end) * DAY + 2 * HOUR - (standard + HOUR);
    Some((start, end))
}

impl Era {
    fn offset_at(&self, at: i64) -> i64 {
        if self.daylight_saving {
            let (year, _, _) = civil_from_days(at.div_euclid(DAY));
            if let Some((start, end)) = daylight_saving_span(year, self.standard) {
                if start <= at && at < end {
                    return self.standard + HOUR;
                }
            }
        }
        self.standard
    }
}

fn era_at(zone: Zone, at: i64) -> Option<&'static Era> {
    zone.eras().iter().rev().find(|era| era.from <= at)
}

/// The UTC offset of `zone` at `at` (Unix seconds), in seconds.
pub(crate) fn offset_at(zone: Zone, at: i64) -> i64 {
    era_at(zone, at).map_or(0, |era| era.offset_at(at))
}

/// What a wall-clock time of a zone stands for (the tests' reading of every local time,
/// compared with chrono-tz's; the engine reads a day at a time with [`local_day`]).
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LocalTime {
    /// The clocks skipped it (spring forward).
    Skipped,
    /// One instant, and the offset there: (Unix seconds, offset seconds).
    Unique((i64, i64)),
    /// The clocks showed it twice (fall back): the earlier instant, then the later.
    Repeated((i64, i64), (i64, i64)),
}

#[cfg(test)]
/// The instants at which the clocks of `zone` show `local` (seconds since 1970-01-01
/// of the local calendar, as if the zone were UTC).
pub(crate) fn from_local(zone: Zone, local: i64) -> LocalTime {
    // Clock changes are months apart and offsets less than a day: the offsets a day
    // before and a day after are every offset `local` can be read with.
    let before = offset_at(zone, local.saturating_sub(DAY));
    let after = offset_at(zone, local.saturating_add(DAY));
    let reads = |offset: i64| {
        let at = local.saturating_sub(offset);
        (offset_at(zone, at) == offset).then_some((at, offset))
    };
    let first = reads(before);
    let second = if after == before { None } else { reads(after) };
    match (first, second) {
        (Some(a), Some(b)) if b.0 < a.0 => LocalTime::Repeated(b, a),
        (Some(a), Some(b)) => LocalTime::Repeated(a, b),
        (Some(one), None) | (None, Some(one)) => LocalTime::Unique(one),
        (None, None) => LocalTime::Skipped,
    }
}

/// How the local times of one day map to instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LocalDay {
    /// One offset for the whole day and the days around it.
    Steady(i64),
    /// The one clock change near the day.
    Changing(Change),
}

/// How the local day that starts at `midnight` (local seconds) maps to instants.
pub(crate) fn local_day(zone: Zone, midnight: i64) -> LocalDay {
    // The day's local times are instants within a day of the day itself. Clock changes
    // are months apart, so when the offsets a day before and two days after agree none
    // falls in between (the common case, two lookups), and otherwise exactly one does.
    let from = midnight.saturating_sub(DAY);
    let before = offset_at(zone, from);
    if before == offset_at(zone, midnight.saturating_add(2 * DAY)) {
        return LocalDay::Steady(before);
    }
    changes(zone, from, midnight.saturating_add(2 * DAY))
        .first()
        .map_or(LocalDay::Steady(before), |change| {
            LocalDay::Changing(*change)
        })
}

impl LocalDay {
    /// The earliest instant at which the clocks show `local`, and the offset there; None
    /// when the clocks skip it.
    pub(crate) fn resolve(&self, local: i64) -> Option<(i64, i64)> {
        match *self {
            LocalDay::Steady(offset) => Some((local - offset, offset)),
            LocalDay::Changing(change) => {
                // Read with the offset before the change, it is the earlier reading when
                // the clocks fall back, and the only one possible when they spring forward.
                let early = local - change.before;
                let late = local - change.after;
                if early < change.at {
                    Some((early, change.before))
                } else if late >= change.at {
                    Some((late, change.after))
                } else {
                    None
                }
            }
        }
    }
}

/// A change of a zone's UTC offset: the instant (Unix seconds) and the offsets before
/// and from then on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    pub at: i64,
    pub before: i64,
    pub after: i64,
}

/// Every change of `zone`'s offset in `(after, until]`, in order.
pub(crate) fn changes(zone: Zone, after: i64, until: i64) -> Vec<Change> {
    let mut candidates: Vec<i64> = Vec::new();
    let eras = zone.eras();
    candidates.extend(eras.iter().map(|era| era.from));
    let first_year = civil_from_days(after.div_euclid(DAY))
        .0
        .max(US_RULES[0].first_year);
    let last_year = civil_from_days(until.div_euclid(DAY)).0.min(US_RULES_END);
    for year in first_year..=last_year {
        for era in eras.iter().filter(|era| era.daylight_saving) {
            if let Some((start, end)) = daylight_saving_span(year, era.standard) {
                candidates.extend([start, end]);
            }
        }
    }
    crate::sort::sort_by(&mut candidates, |a, b| a.cmp(b));
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|at| after < *at && *at <= until)
        .filter_map(|at| {
            let before = offset_at(zone, at - 1);
            let now = offset_at(zone, at);
            (before != now).then_some(Change {
                at,
                before,
                after: now,
            })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{DateTime, LocalResult, Offset, TimeZone};
    use chrono_tz::Tz;

    use super::*;

    /// chrono-tz's zone of the same name, compiled for the tests only.
    pub(crate) fn chrono_tz(zone: Zone) -> Tz {
        zone.name().parse().unwrap()
    }

    fn chrono_offset(tz: Tz, at: i64) -> i64 {
        let utc = DateTime::from_timestamp(at, 0).unwrap().naive_utc();
        i64::from(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
    }

    fn chrono_local(tz: Tz, local: i64) -> LocalTime {
        let naive = DateTime::from_timestamp(local, 0).unwrap().naive_utc();
        let read = |dt: DateTime<Tz>| {
            (
                dt.timestamp(),
                i64::from(dt.offset().fix().local_minus_utc()),
            )
        };
        match tz.from_local_datetime(&naive) {
            LocalResult::None => LocalTime::Skipped,
            LocalResult::Single(dt) => LocalTime::Unique(read(dt)),
            LocalResult::Ambiguous(a, b) => {
                let (a, b) = (read(a), read(b));
                if a.0 <= b.0 {
                    LocalTime::Repeated(a, b)
                } else {
                    LocalTime::Repeated(b, a)
                }
            }
        }
    }

    /// Where the rules start to agree with the tz database: 1967-01-01T00:00:00Z.
    const FROM: i64 = -94_694_400;
    /// Well past the end of the tables (2200-01-01T00:00:00Z).
    const UNTIL: i64 = 7_258_118_400;

    /// chrono-tz's clock changes in `(FROM, UNTIL]`, found day by day and bisected to the second.
    fn chrono_changes(tz: Tz) -> Vec<Change> {
        let mut found = Vec::new();
        let mut at = FROM;
        while at < UNTIL {
            let (a, b) = (chrono_offset(tz, at), chrono_offset(tz, at + DAY));
            if a != b {
                let (mut low, mut high) = (at, at + DAY);
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if chrono_offset(tz, mid) == a {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
                found.push(Change {
                    at: high,
                    before: a,
                    after: chrono_offset(tz, high),
                });
            }
            at += DAY;
        }
        found
    }

    #[test]
    fn every_clock_change_from_1967_on_is_the_tz_databases() {
        for zone in Zone::all() {
            let tz = chrono_tz(zone);
            let expected = chrono_changes(tz);
            assert_eq!(changes(zone, FROM, UNTIL), expected, "{}", zone.name());
            for change in &expected {
                for at in [change.at - 1, change.at, change.at + 1] {
                    assert_eq!(
                        offset_at(zone, at),
                        chrono_offset(tz, at),
                        "{} {at}",
                        zone.name()
                    );
                }
            }
            let count = match zone.name() {
                "UTC" | "Pacific/Honolulu" => 0,
                "America/Phoenix" => 2,
                // No daylight saving time in 1967 and 1968; 1983's move to UTC−9 left the
                // clocks unchanged in the fall.
                "America/Anchorage" => 2 * (2099 - 1969 + 1) - 1,
                _ => 2 * (2099 - 1967 + 1),
            };
            assert_eq!(expected.len(), count, "{}", zone.name());
        }
    }

    #[test]
    fn offsets_agree_every_few_hours_from_1967_to_2200() {
        // A step that is not a divisor of a day visits every time of day.
        const STEP: i64 = 5 * HOUR + 17 * 60 + 13;
        for zone in Zone::all() {
            let tz = chrono_tz(zone);
            let mut at = FROM;
            while at < UNTIL {
                assert_eq!(
                    offset_at(zone, at),
                    chrono_offset(tz, at),
                    "{} {at}",
                    zone.name()
                );
                at += STEP;
            }
        }
    }

    #[test]
    fn local_times_resolve_as_in_the_tz_database() {
        for zone in Zone::all() {
            let tz = chrono_tz(zone);
            // Around every clock change: each minute from three hours before to three after,
            // and the seconds at both edges of the skipped or repeated hour.
            for change in chrono_changes(tz) {
                let low = change.at + change.before.min(change.after);
                let high = change.at + change.before.max(change.after);
                let mut local = low - 3 * HOUR;
                while local <= high + 3 * HOUR {
                    assert_eq!(
                        from_local(zone, local),
                        chrono_local(tz, local),
                        "{} {local}",
                        zone.name()
                    );
                    local += 60;
                }
                for local in [low - 1, low, low + 1, high - 1, high, high + 1] {
                    assert_eq!(
                        from_local(zone, local),
                        chrono_local(tz, local),
                        "{} {local}",
                        zone.name()
                    );
                }
            }
            // And across the whole range at a stride that drifts through every time of day.
            let mut local = FROM + DAY;
            while local < UNTIL {
                assert_eq!(
                    from_local(zone, local),
                    chrono_local(tz, local),
                    "{} {local}",
                    zone.name()
                );
                local += 3 * DAY + 7 * HOUR + 11 * 60 + 29;
            }
        }
    }

    #[test]
    fn clock_changes_are_weeks_apart_and_local_days_resolve_as_from_local() {
        for zone in Zone::all() {
            let all = changes(zone, FROM, UNTIL);
            for pair in all.windows(2) {
                assert!(
                    pair[1].at - pair[0].at > 30 * DAY,
                    "{} {:?}",
                    zone.name(),
                    pair
                );
            }
            let earliest = |local| match from_local(zone, local) {
                LocalTime::Unique(one) | LocalTime::Repeated(one, _) => Some(one),
                LocalTime::Skipped => None,
            };
            let check_day = |midnight: i64, step: usize| {
                let day = local_day(zone, midnight);
                for local in (midnight..midnight + DAY).step_by(step) {
                    assert_eq!(
                        day.resolve(local),
                        earliest(local),
                        "{} {local}",
                        zone.name()
                    );
                }
            };
            // The days around each change every two minutes, and a day in every few weeks.
            for change in &all {
                let day = change.at.div_euclid(DAY) * DAY;
                for midnight in (day - DAY..=day + DAY).step_by(DAY as usize) {
                    check_day(midnight, 120);
                }
                let low = change.at + change.before.min(change.after);
                for local in [
                    low - 1,
                    low,
                    low + 1,
                    low + HOUR - 1,
                    low + HOUR,
                    low + HOUR + 1,
                ] {
                    let midnight = local.div_euclid(DAY) * DAY;
                    assert_eq!(local_day(zone, midnight).resolve(local), earliest(local));
                }
            }
            for midnight in (FROM..UNTIL).step_by(17 * DAY as usize) {
                check_day(midnight, 3_607);
            }
        }
    }

    #[test]
    fn the_1974_and_1975_exceptions_and_anchorage_1983() {
        let ny = Zone::from_name("America/New_York").unwrap();
        let starts: Vec<i64> = changes(ny, instant(1973, 1, 1, 0, 0), instant(1977, 1, 1, 0, 0))
            .iter()
            .filter(|c| c.after > c.before)
            .map(|c| c.at)
            .collect();
        assert_eq!(
            starts,
            [
                instant(1973, 4, 29, 2, -5),
                instant(1974, 1, 6, 2, -5),
                instant(1975, 2, 23, 2, -5),
                instant(1976, 4, 25, 2, -5),
            ]
        );
        let anchorage = Zone::from_name("America/Anchorage").unwrap();
        let around_1983: Vec<Change> = changes(
            anchorage,
            instant(1983, 1, 1, 0, 0),
            instant(1984, 12, 31, 0, 0),
        );
        assert_eq!(
            around_1983,
            [
                Change {
                    at: instant(1983, 4, 24, 2, -10),
                    before: -10 * HOUR,
                    after: -9 * HOUR
                },
                Change {
                    at: instant(1984, 4, 29, 2, -9),
                    before: -9 * HOUR,
                    after: -8 * HOUR
                },
                Change {
                    at: instant(1984, 10, 28, 2, -8),
                    before: -8 * HOUR,
                    after: -9 * HOUR
                },
            ]
        );
    }

    #[test]
    fn no_clock_change_after_2099_or_before_1967() {
        for zone in Zone::all() {
            assert_eq!(changes(zone, instant(2100, 1, 1, 0, 0), i64::MAX / 2), []);
            assert_eq!(changes(zone, i64::MIN / 2, FROM), []);
        }
    }

    #[test]
    fn changes_are_those_after_the_start_up_to_and_including_the_end() {
        let new_york = Zone::from_name("America/New_York").unwrap();
        // 2026-03-08 02:00 EST: 07:00 UTC.
        let at = instant(2026, 3, 8, 2, -5);
        let change = Change {
            at,
            before: -5 * HOUR,
            after: -4 * HOUR,
        };
        assert_eq!(changes(new_york, at - 1, at), [change]);
        assert_eq!(changes(new_york, at, at + DAY), []);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
        // Every day of the supported range, and the last day of a 400-year cycle
        // (2000-02-29), which a sampled stride can step over.
        for days in days_from_civil(1969, 1, 1)..days_from_civil(2101, 1, 1) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(1600, 2, 29)), (1600, 2, 29));
        assert_eq!(weekday(0), 4);
        assert_eq!(weekday(-4), 0);
        assert_eq!(
            sunday_on_or_after(2026, (3, 8)),
            days_from_civil(2026, 3, 8)
        );
        assert_eq!(
            sunday_on_or_after(2026, (11, 1)),
            days_from_civil(2026, 11, 1)
        );
        assert_eq!(
            sunday_on_or_after(2027, (3, 8)),
            days_from_civil(2027, 3, 14)
        );
    }
}
