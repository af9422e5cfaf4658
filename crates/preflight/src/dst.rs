//! The next clock changes of a schedule zone, for `dst_transition`, from the zone rules,
//! cached per zone and day.

use std::cell::RefCell;

use crate::model::Zone;
use crate::zone_rules::{changes, weekday, Change};

/// One clock change, in the zone's local wall-clock time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transition {
    /// Local date of the change, as a Unix day.
    pub day: i64,
    /// Weekday of `date`, Sunday = 0.
    pub weekday: usize,
    /// True when local times are skipped (spring forward), false when repeated.
    pub skipped: bool,
    /// Affected local times, minutes since midnight: `[from, to)`.
    pub from: u16,
    pub to: u16,
}

const DAY: i64 = 86_400;
/// How far ahead of the start of `now`'s day to look: 53 weeks, the span the week-by-week
/// search of earlier versions covered, so every answer stays as it was.
const HORIZON: i64 = 53 * 7 * DAY;

/// The Unix day and the minute of that day of a local time.
fn local_parts(local_seconds: i64) -> Option<(i64, u16)> {
    let minutes = local_seconds.rem_euclid(DAY) / 60;
    Some((local_seconds.div_euclid(DAY), u16::try_from(minutes).ok()?))
}

impl Transition {
    /// `YYYY-MM-DD` of the change.
    pub fn date_text(&self) -> String {
        let mut out = String::with_capacity(10);
        crate::schedule::push_date(&mut out, self.day);
        out
    }
}

fn transition(change: &Change) -> Option<Transition> {
    let skipped = change.after > change.before;
    // Skipped: [at+before, at+after) never shows on the clock; repeated: [at+after, at+before) shows twice.
    let (first, last) = if skipped {
        (change.at + change.before, change.at + change.after)
    } else {
        (change.at + change.after, change.at + change.before)
    };
    let (day, from) = local_parts(first)?;
    let (end_day, end) = local_parts(last)?;
    let to = if end_day == day { end } else { 24 * 60 };
    Some(Transition {
        weekday: weekday(day) as usize,
        day,
        skipped,
        from,
        to,
    })
}

fn search(zone: Zone, day_start: i64) -> Vec<Transition> {
    let mut found: Vec<Transition> = Vec::new();
    for change in changes(zone, day_start, day_start.saturating_add(HORIZON)) {
        if let Some(t) = transition(&change) {
            if !found.iter().any(|f| f.skipped == t.skipped) {
                found.push(t);
            }
        }
        if found.len() == 2 {
            break;
        }
    }
    found
}

/// A zone and a day number (Unix days).
type CacheKey = (Zone, i64);
const CACHE_ENTRIES: usize = 32;

thread_local! {
    static CACHE: RefCell<Vec<(CacheKey, Vec<Transition>)>> = const { RefCell::new(Vec::new()) };
}

/// The next clock change of each kind (skip and repeat) within a year of `now`, in date
/// order. Empty for zones without daylight saving time. Cached per zone and day: a
/// batch of checks computes it once.
pub(crate) fn next_transitions(zone: Zone, now: i64) -> Vec<Transition> {
    let key = (zone, now.div_euclid(DAY));
    let cached = CACHE.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    });
    if let Some(transitions) = cached {
        return transitions;
    }
    // From the start of the day, so every check made that day sees the same result.
    let transitions = search(zone, key.1 * DAY);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.remove(0);
        }
        cache.push((key, transitions.clone()));
    });
    transitions
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn at(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    /// The eight zones change at 02:00 local time, so no span of theirs reaches midnight;
    /// a span that starts before midnight and ends after it is cut at 24:00, the end of
    /// its first day.
    #[test]
    fn a_span_past_midnight_ends_at_the_end_of_its_day() {
        let day = 20_520; // 2026-03-08
        let (eastern, daylight) = (-5 * 3600, -4 * 3600);
        // Spring forward at 23:30 local, fall back at 00:30 local of the next day.
        for (at, before, after, skipped) in [
            (
                day * DAY + 23 * 3600 + 30 * 60 - eastern,
                eastern,
                daylight,
                true,
            ),
            (
                (day + 1) * DAY + 30 * 60 - daylight,
                daylight,
                eastern,
                false,
            ),
        ] {
            let t = transition(&Change { at, before, after }).unwrap();
            assert_eq!(
                (t.day, t.from, t.to, t.skipped),
                (day, 23 * 60 + 30, 24 * 60, skipped)
            );
        }
    }

    #[test]
    fn new_york_2026() {
        let ny = Zone::from_name("America/New_York").unwrap();
        let t = next_transitions(ny, at("2026-01-15T00:00:00Z"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].date_text(), "2026-03-08");
        assert!(t[0].skipped);
        assert_eq!((t[0].from, t[0].to, t[0].weekday), (120, 180, 0));
        assert_eq!(t[1].date_text(), "2026-11-01");
        assert!(!t[1].skipped);
        assert_eq!((t[1].from, t[1].to), (60, 120));
    }

    #[test]
    fn a_change_that_runs_past_local_midnight_is_cut_at_24_00() {
        // No change of the eight zones does (theirs are at 02:00), so only a made-up
        // change reaches this: an hour from 23:30 local, skipped or repeated, is reported
        // on its first day from 23:30 to the end of that day.
        let at = at("2026-03-08T04:30:00Z");
        let (standard, daylight) = (-5 * 3_600, -4 * 3_600);
        for (before, after, skipped) in [(standard, daylight, true), (daylight, standard, false)] {
            let t = transition(&Change { at, before, after }).unwrap();
            assert_eq!(t.date_text(), "2026-03-07");
            assert_eq!(
                (t.skipped, t.from, t.to, t.weekday),
                (skipped, 1_410, 1_440, 6)
            );
        }
    }

    /// The search of earlier versions, on chrono-tz's tables: offsets compared a week
    /// apart over 53 weeks, each change bisected to the second.
    fn searched_in_chrono_tz(zone: Zone, now: i64) -> Vec<Transition> {
        use chrono::{Offset, TimeZone};
        let tz = crate::zone_rules::tests::chrono_tz(zone);
        let offset_at = |at: i64| {
            let utc = DateTime::from_timestamp(at, 0).unwrap().naive_utc();
            i64::from(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
        };
        const STEP: i64 = 7 * DAY;
        let day_start = now.div_euclid(DAY) * DAY;
        let mut found: Vec<Transition> = Vec::new();
        let mut at = day_start;
        while at < day_start + 366 * DAY && found.len() < 2 {
            let before = offset_at(at);
            if before != offset_at(at + STEP) {
                let (mut low, mut high) = (at, at + STEP);
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if offset_at(mid) == before {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
                let change = Change {
                    at: high,
                    before: offset_at(high - 1),
                    after: offset_at(high),
                };
                let t = transition(&change).unwrap();
                if !found.iter().any(|f| f.skipped == t.skipped) {
                    found.push(t);
                }
            }
            at += STEP;
        }
        found.sort_by_key(|t| t.day);
        found
    }

    #[test]
    fn the_next_changes_are_those_chrono_tz_gave_from_1967_to_2101() {
        let mut now = at("1967-01-01T00:00:00Z");
        let until = at("2101-01-01T00:00:00Z");
        let mut compared = 0;
        while now < until {
            for zone in Zone::all() {
                assert_eq!(
                    next_transitions(zone, now),
                    searched_in_chrono_tz(zone, now),
                    "{} {now}",
                    zone.name()
                );
                compared += 1;
            }
            // A stride that is no whole number of days or weeks, to meet changes at
            // every distance ahead.
            now += 4 * DAY + 5 * 3_600 + 7 * 60 + 3;
        }
        assert!(compared > 90_000);
    }

    #[test]
    fn the_data_knows_every_clock_change_of_the_supported_range() {
        // The last supported instant is the end of 2099 because the rules, like the tz
        // tables before them, list clock changes up to 2099 only: each zone with daylight
        // saving time changes twice in 2099 and never in 2100, where the real rules (and
        // zoneinfo) still change.
        let last_year = at("2099-01-01T00:00:00Z");
        let after = at("2100-01-01T00:00:00Z");
        assert_eq!(after, crate::schedule::LAST_SUPPORTED_INSTANT + 1);
        for name in [
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Anchorage",
        ] {
            let zone = Zone::from_name(name).unwrap();
            let t = next_transitions(zone, last_year);
            let dates: Vec<String> = t.iter().map(|t| t.date_text()).collect();
            assert_eq!(dates, ["2099-03-08", "2099-11-01"], "{name}");
            assert!(next_transitions(zone, after).is_empty(), "{name}");
        }
    }

    #[test]
    fn anchorage_2027_and_zones_without_dst() {
        let ak = Zone::from_name("America/Anchorage").unwrap();
        let t = next_transitions(ak, at("2026-11-29T12:00:00Z"));
        assert_eq!(
            t.iter().map(|t| t.date_text()).collect::<Vec<_>>(),
            ["2027-03-14", "2027-11-07"]
        );
        for name in ["UTC", "America/Phoenix", "Pacific/Honolulu"] {
            assert!(
                next_transitions(Zone::from_name(name).unwrap(), at("2026-06-01T00:00:00Z"))
                    .is_empty()
            );
        }
    }
}
