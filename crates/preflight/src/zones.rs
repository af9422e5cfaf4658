//! Time-zone names as a form may send them: any case, and tz-database links.
//!
//! The links are data: `LINKS` names every link of the tz database that chrono-tz
//! compiles for the tests (only the eight schedule zones and what points at them, see
//! `.cargo/config.toml`) with the zone of the eight whose UTC offsets it shares. A test
//! derives the same table by sampling chrono-tz's offsets from 1900 to 2040, so a
//! chrono-tz update that moves a link fails the tests instead of resolving differently.

use crate::model::Zone;

/// Every link of the build and the zone it resolves to, as an index into `TIMEZONES`.
const LINKS: [(&str, usize); 34] = [
    ("America/Creston", 4),
    ("America/Shiprock", 3),
    ("CST6CDT", 2),
    ("EST5EDT", 1),
    ("Etc/GMT", 0),
    ("Etc/GMT+0", 0),
    ("Etc/GMT-0", 0),
    ("Etc/GMT0", 0),
    ("Etc/Greenwich", 0),
    ("Etc/UCT", 0),
    ("Etc/UTC", 0),
    ("Etc/Universal", 0),
    ("Etc/Zulu", 0),
    ("GMT", 0),
    ("GMT+0", 0),
    ("GMT-0", 0),
    ("GMT0", 0),
    ("Greenwich", 0),
    ("HST", 7),
    ("MST", 4),
    ("MST7MDT", 3),
    ("Navajo", 3),
    ("PST8PDT", 5),
    ("Pacific/Johnston", 7),
    ("UCT", 0),
    ("US/Alaska", 6),
    ("US/Arizona", 4),
    ("US/Central", 2),
    ("US/Eastern", 1),
    ("US/Hawaii", 7),
    ("US/Mountain", 3),
    ("US/Pacific", 5),
    ("Universal", 0),
    ("Zulu", 0),
];

/// Resolves `name` to one of the eight zones: exactly, case-insensitively, or through a link.
pub fn resolve(name: &str) -> Option<Zone> {
    if let Some(zone) = Zone::from_name(name) {
        return Some(zone);
    }
    Zone::all()
        .find(|zone| zone.name().eq_ignore_ascii_case(name))
        .or_else(|| {
            LINKS
                .iter()
                .find(|(link, _)| link.eq_ignore_ascii_case(name))
                .and_then(|(_, index)| Zone::all().nth(*index))
        })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Offset, TimeZone};
    use chrono_tz::{Tz, TZ_VARIANTS};

    use super::*;
    use crate::zone_rules::tests::chrono_tz;

    const SAMPLE_FROM: i64 = -2_208_988_800; // 1900-01-01T00:00:00Z
    const SAMPLE_TO: i64 = 2_208_988_800; // 2040-01-01T00:00:00Z
    const SAMPLE_STEP: i64 = 7 * 86_400;

    fn offset_seconds(tz: Tz, at: i64) -> Option<i32> {
        let utc = DateTime::from_timestamp(at, 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
    }

    fn same_offsets(a: Tz, b: Tz) -> bool {
        (SAMPLE_FROM..SAMPLE_TO)
            .step_by(SAMPLE_STEP as usize)
            .all(|at| offset_seconds(a, at) == offset_seconds(b, at))
    }

    /// The zone a variant of the build resolves to by its offsets.
    fn sampled(tz: Tz) -> Option<Zone> {
        Zone::from_name(tz.name())
            .or_else(|| Zone::all().find(|zone| same_offsets(tz, chrono_tz(*zone))))
    }

    #[test]
    fn the_link_table_is_what_sampling_the_offsets_finds() {
        let mut expected = Vec::new();
        for tz in TZ_VARIANTS {
            if Zone::from_name(tz.name()).is_some() {
                continue;
            }
            if let Some(zone) = sampled(tz) {
                let index = Zone::all().position(|z| z == zone).unwrap();
                expected.push((tz.name(), index));
            }
        }
        let rows: Vec<String> = expected
            .iter()
            .map(|(name, index)| format!("    ({name:?}, {index}),"))
            .collect();
        assert_eq!(
            LINKS.to_vec(),
            expected,
            "LINKS should be:\n{}",
            rows.join("\n")
        );
    }

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
    fn every_variant_of_the_build_resolves_as_its_offsets_say() {
        // The filtered build keeps the eight, their links, and a few fixed-offset Etc
        // zones; a fixed offset other than UTC is none of the eight.
        for tz in TZ_VARIANTS {
            assert_eq!(resolve(tz.name()), sampled(tz), "{}", tz.name());
            let upper = tz.name().to_ascii_uppercase();
            assert_eq!(resolve(&upper), sampled(tz), "{upper}");
        }
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
