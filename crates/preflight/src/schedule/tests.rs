use super::syncs::*;
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

    let fixed =
        parse(r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"SECOND"}"#)
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

    let monthly =
        parse(r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"MONTH"}"#)
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
        let mut at = FIRST_SUPPORTED_INSTANT;
        while at <= LAST_SUPPORTED_INSTANT {
            let offset = crate::zone_rules::offset_at(zone, at);
            assert_eq!(offset % 60, 0, "{} at {at}", zone.name());
            at += 7 * 86_400;
        }
    }
}

#[test]
fn fixed_month_from_jan_31_clamps() {
    let body = r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"MONTH"}"#;
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
    let body = parse(r#"{"integration_vendor":"BUILDIUM","credentials":{},"name":"x"}"#).unwrap();
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

/// The month arithmetic of monthly fixed schedules, against chrono's dates (which the
/// engine used before): the same instant, or none, for any start and month count.
#[test]
fn months_are_added_as_chrono_adds_them() {
    use chrono::{DateTime, Datelike, NaiveDate};
    fn by_chrono(start: i64, months: i64) -> Option<i64> {
        let start = DateTime::from_timestamp(start, 0)?.naive_utc();
        let total = i64::from(start.year()) * 12 + i64::from(start.month0()) + months;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
        let mut day = start.day();
        loop {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return Some(date.and_time(start.time()).and_utc().timestamp());
            }
            day = day.checked_sub(1).filter(|d| *d >= 28)?;
        }
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let month_ends = (1969..2101).flat_map(|year| {
        (1..=12).map(move |month| {
            crate::zone_rules::days_from_civil(year, month, 28) * 86_400 + 3 * 86_400 + 3_599
        })
    });
    let random: Vec<i64> = (0..20_000)
        .map(|_| (next() % 4_200_000_000) as i64 - 10_000_000)
        .collect();
    for start in month_ends.chain(random) {
        for months in [
            0,
            1,
            2,
            11,
            12,
            13,
            25,
            48,
            1_199,
            (next() % 1_000_000) as i64,
            3_200_000,
        ] {
            assert_eq!(
                add_months(start, months),
                by_chrono(start, months),
                "{start} + {months}"
            );
        }
    }
}

#[test]
fn why_the_schedule_in_force_is_unknown_names_what_is_missing() {
    let with_current =
        Options::from_json(r#"{"current":{"sync_frequency":1,"sync_cadence":"HOUR"}}"#).unwrap();
    let reason =
        |body: &str, options: &Options| match effective_schedule(&parse(body).unwrap(), options) {
            EffectiveSchedule::Unknown { reason } => reason,
            other => panic!("{other:?}"),
        };
    assert_eq!(
        reason(r#"{"use_custom_sync_schedule":"yes"}"#, &with_current),
        "use_custom_sync_schedule in the body is not a boolean"
    );
    assert_eq!(
        reason("{}", &with_current),
        "this update does not say whether the custom schedule is in use, and current does not show use_custom_sync_schedule (the GET response leaves it out)"
    );
    assert_eq!(
        reason("{}", &Options::update()),
        "this update does not say whether the custom schedule is in use; pass the stored integration as current"
    );
}

#[test]
fn a_slot_that_ends_where_it_starts_is_not_in_the_schedule_in_force() {
    let body = parse(r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{
        "MONDAY":{"slots":[{"start":"09:00","end":"09:00","sync_frequency":1,"sync_cadence":"HOUR"},
                           {"start":"10:00","end":"12:00","sync_frequency":1,"sync_cadence":"HOUR"}]}}}}"#).unwrap();
    let summary = weekly_summary(&body, &Options::update());
    assert_eq!(
        summary.schedule.summary(),
        "Mon 10:00–12:00 every hour (UTC)"
    );
    assert_eq!(summary.coverage.len(), 1);
    assert_eq!(summary.per_week, 2.0);
}

#[test]
fn a_fixed_frequency_that_is_no_whole_number_of_at_least_one_is_not_a_schedule() {
    for frequency in ["1.5", "0", "-2"] {
        let body = format!(
            r#"{{"use_custom_sync_schedule":false,"sync_frequency":{frequency},"sync_cadence":"HOUR"}}"#
        );
        assert_eq!(
            effective_schedule(&parse(&body).unwrap(), &Options::update()),
            EffectiveSchedule::Unknown {
                reason: String::from(
                    "the fixed sync_frequency and sync_cadence are not both known"
                )
            },
            "{frequency}"
        );
    }
    let whole =
        parse(r#"{"use_custom_sync_schedule":false,"sync_frequency":2,"sync_cadence":"HOUR"}"#)
            .unwrap();
    assert!(matches!(
        effective_schedule(&whole, &Options::update()),
        EffectiveSchedule::Fixed { frequency, .. } if frequency == 2.0
    ));
}

#[test]
fn a_fixed_schedule_comes_from_the_body_when_either_half_does() {
    let current = |stored: &str| Options::from_json(&format!(r#"{{"current":{stored}}}"#)).unwrap();
    let source =
        |body: &str, options: &Options| match effective_schedule(&parse(body).unwrap(), options) {
            EffectiveSchedule::Fixed { source, .. } => source,
            other => panic!("{other:?}"),
        };
    let stored = r#"{"use_custom_sync_schedule":false,"sync_frequency":3,"sync_cadence":"DAY"}"#;
    assert_eq!(
        source(r#"{"sync_cadence":"HOUR"}"#, &current(stored)),
        "body"
    );
    assert_eq!(source(r#"{"sync_frequency":2}"#, &current(stored)), "body");
    assert_eq!(source("{}", &current(stored)), "current");
}

#[test]
fn more_instants_than_the_most_one_call_returns_is_a_usage_error() {
    let fixed =
        parse(r#"{"use_custom_sync_schedule":false,"sync_frequency":1,"sync_cadence":"MINUTE"}"#)
            .unwrap();
    let from = parse_from("2026-01-01T00:00:00Z").unwrap();
    let error = next_syncs(&fixed, &Options::update(), from, MAX_SYNC_COUNT + 1).unwrap_err();
    assert_eq!(error.message, "count must be at most 10000");
    let most = next_syncs(&fixed, &Options::update(), from, MAX_SYNC_COUNT).unwrap();
    assert_eq!(most.syncs.len(), MAX_SYNC_COUNT);
    assert!(most.complete());
}

#[test]
fn asking_for_no_instants_finds_none_and_is_complete() {
    let body = parse(r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{
        "MONDAY":{"slots":[{"start":"09:00","end":"10:00","sync_frequency":1,"sync_cadence":"MINUTE"}]}}}}"#).unwrap();
    let from = parse_from("2026-01-01T00:00:00Z").unwrap();
    let none = next_syncs(&body, &Options::update(), from, 0).unwrap();
    assert!(none.syncs.is_empty());
    assert!(none.complete());
}
