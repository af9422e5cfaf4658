//! Clock changes of the schedule zones, read from chrono-tz's transition data.
//!
//! chrono-tz does not list transitions, so they are found by comparing UTC offsets a
//! week apart and bisecting to the second where the offset changes. Results are cached
//! per zone and day, so a batch of checks pays for the search once.

use std::cell::RefCell;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};

use crate::model::Zone;

/// One clock change, in the zone's local wall-clock time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transition {
    /// Local date of the change.
    pub date: NaiveDate,
    /// Weekday of `date`, Sunday = 0.
    pub weekday: usize,
    /// True when local times are skipped (spring forward), false when repeated.
    pub skipped: bool,
    /// Affected local times, minutes since midnight: `[from, to)`.
    pub from: u16,
    pub to: u16,
}

const DAY: i64 = 86_400;
const STEP: i64 = 7 * DAY;
/// How far ahead to look for the next change of each kind.
const HORIZON: i64 = 366 * DAY;
const CACHE_ENTRIES: usize = 32;

fn offset_at(zone: Zone, at: i64) -> Option<i64> {
    let utc = DateTime::from_timestamp(at, 0)?.naive_utc();
    Some(i64::from(
        zone.tz()
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc(),
    ))
}

/// The first instant in `(low, high]` whose offset differs from the offset at `low`.
fn bisect(zone: Zone, mut low: i64, mut high: i64) -> Option<i64> {
    let before = offset_at(zone, low)?;
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if offset_at(zone, mid)? == before {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(high)
}

fn local_parts(local_seconds: i64) -> Option<(NaiveDate, u16)> {
    let t = DateTime::from_timestamp(local_seconds, 0)?.naive_utc();
    let minutes = local_seconds.rem_euclid(DAY) / 60;
    Some((t.date(), u16::try_from(minutes).ok()?))
}

fn transition_at(zone: Zone, at: i64) -> Option<Transition> {
    let before = offset_at(zone, at - 1)?;
    let after = offset_at(zone, at)?;
    let skipped = after > before;
    // Skipped: [at+before, at+after) never shows on the clock; repeated: [at+after, at+before) shows twice.
    let (first, last) = if skipped {
        (at + before, at + after)
    } else {
        (at + after, at + before)
    };
    let (date, from) = local_parts(first)?;
    let (end_date, end) = local_parts(last)?;
    let to = if end_date == date { end } else { 24 * 60 };
    Some(Transition {
        weekday: date.weekday().num_days_from_sunday() as usize,
        date,
        skipped,
        from,
        to,
    })
}

fn search(zone: Zone, now: i64) -> Vec<Transition> {
    let mut found: Vec<Transition> = Vec::new();
    let mut at = now;
    while at < now + HORIZON && found.len() < 2 {
        let (Some(a), Some(b)) = (offset_at(zone, at), offset_at(zone, at + STEP)) else {
            break;
        };
        if a != b {
            if let Some(t) = bisect(zone, at, at + STEP).and_then(|t| transition_at(zone, t)) {
                if !found.iter().any(|f| f.skipped == t.skipped) {
                    found.push(t);
                }
            }
        }
        at += STEP;
    }
    crate::sort::sort_by(&mut found, |a, b| a.date.cmp(&b.date));
    found
}

/// A zone and a day number (Unix days).
type CacheKey = (Zone, i64);

thread_local! {
    static CACHE: RefCell<Vec<(CacheKey, Vec<Transition>)>> = const { RefCell::new(Vec::new()) };
}

/// The next clock change of each kind (skip and repeat) within a year of `now`, in date
/// order. Empty for zones without daylight saving time.
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
    // Search from the start of the day so every check made that day sees the same result.
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

    fn at(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn new_york_2026() {
        let ny = Zone::from_name("America/New_York").unwrap();
        let t = next_transitions(ny, at("2026-01-15T00:00:00Z"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].date.to_string(), "2026-03-08");
        assert!(t[0].skipped);
        assert_eq!((t[0].from, t[0].to, t[0].weekday), (120, 180, 0));
        assert_eq!(t[1].date.to_string(), "2026-11-01");
        assert!(!t[1].skipped);
        assert_eq!((t[1].from, t[1].to), (60, 120));
    }

    #[test]
    fn the_data_knows_every_clock_change_of_the_supported_range() {
        // The last supported instant is the end of 2099 because chrono-tz lists clock
        // changes up to 2099 only: each zone with daylight saving time changes twice in
        // 2099 and never in 2100, where the real rules (and zoneinfo) still change.
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
            let dates: Vec<String> = t.iter().map(|t| t.date.to_string()).collect();
            assert_eq!(dates, ["2099-03-08", "2099-11-01"], "{name}");
            assert!(next_transitions(zone, after).is_empty(), "{name}");
        }
    }

    #[test]
    fn anchorage_2027_and_zones_without_dst() {
        let ak = Zone::from_name("America/Anchorage").unwrap();
        let t = next_transitions(ak, at("2026-11-29T12:00:00Z"));
        assert_eq!(
            t.iter().map(|t| t.date.to_string()).collect::<Vec<_>>(),
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
