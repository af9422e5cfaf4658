//! Time-zone names as a form may send them: any case, and tz-database links.
//!
//! chrono-tz is built with only the eight schedule zones and the links that point at
//! them (see `.cargo/config.toml`). A link is a variant of its own carrying its target's
//! data, so a link resolves to the one zone of the eight whose UTC offset it shares at
//! every sample instant from 1900 to 2040.

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::{Tz, TZ_VARIANTS};

use crate::model::Zone;

const SAMPLE_FROM: i64 = -2_208_988_800; // 1900-01-01T00:00:00Z
const SAMPLE_TO: i64 = 2_208_988_800; // 2040-01-01T00:00:00Z
const SAMPLE_STEP: i64 = 7 * 86_400;

/// Names resolved so far (a form sends the same few again and again; comparing a link's
/// offsets over 140 years takes about a millisecond).
const CACHE_ENTRIES: usize = 64;

thread_local! {
    static RESOLVED: std::cell::RefCell<Vec<(String, Option<Zone>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Resolves `name` to one of the eight zones: exactly, case-insensitively, or through a link.
pub fn resolve(name: &str) -> Option<Zone> {
    if let Some(zone) = Zone::from_name(name) {
        return Some(zone);
    }
    let cached = RESOLVED.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, z)| *z)
    });
    if let Some(zone) = cached {
        return zone;
    }
    let zone = resolve_uncached(name);
    RESOLVED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.remove(0);
        }
        cache.push((name.to_string(), zone));
    });
    zone
}

fn resolve_uncached(name: &str) -> Option<Zone> {
    let tz = TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))?;
    if let Some(zone) = Zone::from_name(tz.name()) {
        return Some(zone);
    }
    Zone::all().find(|zone| same_offsets(*tz, zone.tz()))
}

fn offset_seconds(tz: Tz, at: i64) -> Option<i32> {
    let utc = DateTime::from_timestamp(at, 0)?.naive_utc();
    Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

fn same_offsets(a: Tz, b: Tz) -> bool {
    let mut at = SAMPLE_FROM;
    while at < SAMPLE_TO {
        if offset_seconds(a, at) != offset_seconds(b, at) {
            return false;
        }
        at += SAMPLE_STEP;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_exact_case_insensitive_and_links() {
        let name = |s: &str| resolve(s).map(Zone::name);
        assert_eq!(name("America/New_York"), Some("America/New_York"));
        assert_eq!(name("america/new_york"), Some("America/New_York"));
        assert_eq!(name("US/Eastern"), Some("America/New_York"));
        assert_eq!(name("us/pacific"), Some("America/Los_Angeles"));
        assert_eq!(name("US/Arizona"), Some("America/Phoenix"));
        assert_eq!(name("US/Hawaii"), Some("Pacific/Honolulu"));
        assert_eq!(name("US/Alaska"), Some("America/Anchorage"));
        assert_eq!(name("US/Central"), Some("America/Chicago"));
        assert_eq!(name("US/Mountain"), Some("America/Denver"));
        assert_eq!(name("Etc/UTC"), Some("UTC"));
        assert_eq!(name("Europe/London"), None);
        assert_eq!(name("Mars/Olympus"), None);
    }

    #[test]
    fn every_kept_variant_resolves_to_the_zone_of_its_offsets_or_none() {
        // The filtered build keeps the eight, their links, and a few fixed-offset Etc
        // zones; a fixed offset other than UTC is none of the eight.
        let resolved: Vec<_> = TZ_VARIANTS
            .iter()
            .filter(|tz| resolve(tz.name()).is_some())
            .map(|tz| tz.name())
            .collect();
        for link in [
            "US/Eastern",
            "EST5EDT",
            "CST6CDT",
            "MST",
            "MST7MDT",
            "Navajo",
            "PST8PDT",
            "HST",
            "Zulu",
            "UCT",
            "Universal",
            "America/Shiprock",
            "Pacific/Johnston",
            "America/Creston",
        ] {
            assert!(resolved.contains(&link), "{link} missing from {resolved:?}");
        }
        assert_eq!(resolve("Etc/GMT+1"), None);
    }
}
