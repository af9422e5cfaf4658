//! Properties over generated bodies: normalization is idempotent and its output checks
//! clean, text and value inputs give the same report, coerce leaves canonical bodies alone,
//! and no credential value leaks outside the normalized body.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::borrow::Cow;

use preflight::model::{CADENCES, DAYS, TIMEZONES, VENDORS};
use preflight::{Object, Operation, Options, Value, VENDOR_CREDENTIALS};
use proptest::prelude::*;
use proptest::sample::select;

fn options(operation: Operation, coerce: bool) -> Options {
    Options {
        operation,
        coerce,
        now: Some(1_767_225_600), // 2026-01-01T00:00:00Z
        ..Options::default()
    }
}

fn time(minutes: u16) -> Value<'static> {
    Value::from(format!("{:02}:{:02}", minutes / 60, minutes % 60))
}

fn slot() -> impl Strategy<Value = Value<'static>> {
    (0u16..1439, 1u16..600, 1u32..120, select(&CADENCES[..])).prop_map(
        |(start, length, frequency, cadence)| {
            let end = (start + length).min(1439);
            let mut o = Object::new();
            o.insert("start", time(start));
            o.insert("end", time(end.max(start + 1).min(1439)));
            o.insert("sync_frequency", Value::Number(f64::from(frequency)));
            o.insert("sync_cadence", Value::str(cadence));
            Value::Object(o)
        },
    )
}

fn schedule() -> impl Strategy<Value = Value<'static>> {
    (
        select(&TIMEZONES[..]),
        proptest::collection::vec(
            (select(&DAYS[..]), proptest::collection::vec(slot(), 0..4)),
            0..7,
        ),
    )
        .prop_map(|(zone, days)| {
            let mut interval = Object::new();
            for (day, slots) in days {
                let mut d = Object::new();
                d.insert("slots", Value::Array(slots));
                interval.insert(day, Value::Object(d));
            }
            let mut o = Object::new();
            o.insert("type", Value::str("WEEK_BASED"));
            o.insert("timezone", Value::str(zone));
            o.insert("interval", Value::Object(interval));
            Value::Object(o)
        })
}

/// Credentials for a vendor: a random subset of its keys (sometimes all required ones),
/// each holding a recognizable secret.
fn credentials() -> impl Strategy<Value = (usize, Value<'static>)> {
    (
        0..VENDOR_CREDENTIALS.len(),
        any::<bool>(),
        proptest::collection::vec(any::<bool>(), 12),
        "[A-Za-z0-9]{8,16}",
    )
        .prop_map(|(vendor, complete, picks, secret)| {
            let spec = &VENDOR_CREDENTIALS[vendor];
            let mut o = Object::new();
            if let Some(shape) = spec.shapes.first() {
                for (i, key) in shape.keys().enumerate() {
                    let required = shape.required.iter().any(|k| k.name == key.name);
                    if (complete && required) || picks.get(i).copied().unwrap_or(false) {
                        let value = match key.kind {
                            preflight::KeyKind::Number => Value::Number(22.0),
                            preflight::KeyKind::Uri => {
                                Value::from(format!("https://S3CRET{secret}{i}.example"))
                            }
                            preflight::KeyKind::Object(_) | preflight::KeyKind::ObjectOf(..) => {
                                Value::Object(Object::new())
                            }
                            _ => Value::from(format!("S3CRET{secret}{i}")),
                        };
                        o.insert(key.name, value);
                    }
                }
            } else {
                o.insert("token", Value::from(format!("S3CRET{secret}")));
            }
            (vendor, Value::Object(o))
        })
}

prop_compose! {
    fn body()(
        creds in proptest::option::of(credentials()),
        name in proptest::option::of("[A-Za-z][A-Za-z0-9 -]{0,20}[A-Za-z0-9]"),
        sync in proptest::option::of((1u32..48, select(&CADENCES[..]))),
        rate in proptest::option::of((1u32..500, select(&CADENCES[..]))),
        concurrency in proptest::option::of(1u32..=100),
        active in proptest::option::of(any::<bool>()),
        use_custom in proptest::option::of(any::<bool>()),
        schedule in proptest::option::of(schedule()),
        deprecated in proptest::option::of(any::<bool>()),
        order in Just((0..10).collect::<Vec<usize>>()).prop_shuffle(),
    ) -> Value<'static> {
        let mut fields: Vec<(&'static str, Value<'static>)> = Vec::new();
        if let Some((vendor, creds)) = creds {
            fields.push(("integration_vendor", Value::str(VENDORS[vendor])));
            fields.push(("credentials", creds));
        }
        if let Some(name) = name { fields.push(("name", Value::from(name))); }
        if let Some((f, c)) = sync {
            fields.push(("sync_frequency", Value::Number(f64::from(f))));
            fields.push(("sync_cadence", Value::str(c)));
        }
        if let Some((f, c)) = rate {
            fields.push(("max_request_frequency", Value::Number(f64::from(f))));
            fields.push(("max_request_cadence", Value::str(c)));
        }
        if let Some(n) = concurrency { fields.push(("max_job_concurrency", Value::Number(f64::from(n)))); }
        if let Some(b) = active { fields.push(("active", Value::Bool(b))); }
        if let Some(b) = use_custom { fields.push(("use_custom_sync_schedule", Value::Bool(b))); }
        if let Some(s) = schedule { fields.push(("custom_sync_schedule", s)); }
        if let Some(b) = deprecated {
            fields.push(("allow_manual_syncs", Value::Bool(b)));
            fields.push(("system", Value::str("PRODUCTION")));
        }
        let mut shuffled: Vec<(&'static str, Value<'static>)> = Vec::new();
        for i in order {
            for (j, field) in fields.iter().enumerate() {
                if j % 10 == i {
                    shuffled.push(field.clone());
                }
            }
        }
        let mut o = Object::new();
        for (k, v) in shuffled { o.insert(k, v); }
        Value::Object(o)
    }
}

fn secrets_in(body: &Value<'_>) -> Vec<String> {
    fn walk(v: &Value<'_>, out: &mut Vec<String>) {
        match v {
            Value::String(s) if s.contains("S3CRET") => out.push(s.to_string()),
            Value::Object(o) => o.iter().for_each(|(_, v)| walk(v, out)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(creds) = body.as_object().and_then(|o| o.get("credentials")) {
        walk(creds, &mut out);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, max_global_rejects: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn normalize_is_idempotent_and_checks_clean(body in body(), create in any::<bool>(), coerce in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let report = preflight::check_value(&body, &options(operation, coerce));
        if let Some(first) = &report.normalized {
            let again = preflight::check_value(first, &options(operation, false));
            prop_assert!(again.valid, "normalized body has errors: {:?}", again.issues);
            let second = again.normalized.unwrap();
            prop_assert_eq!(first.to_json(), second.to_json());
        }
    }

    #[test]
    fn text_and_value_give_the_same_report(body in body(), create in any::<bool>(), coerce in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let opts = options(operation, coerce);
        let text = body.to_json();
        let from_text = preflight::check(&text, &opts).to_json();
        let from_value = preflight::check_value(&body, &opts).to_json();
        prop_assert_eq!(&from_text, &from_value);
        prop_assert_eq!(from_text, preflight::check(&text, &opts).to_json(), "deterministic");
    }

    #[test]
    fn coerce_leaves_canonical_bodies_alone(body in body(), create in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let strict = preflight::check_value(&body, &options(operation, false));
        prop_assume!(strict.valid);
        let coerced = preflight::check_value(&body, &options(operation, true));
        // What normalization changes anyway (sorted slots) is in the strict report too.
        let changes: Vec<_> = coerced.changes.iter().filter(|c| c.to.is_some() && !strict.changes.contains(c)).collect();
        prop_assert!(changes.is_empty(), "coerce changed a valid body: {:?}", changes);
        prop_assert_eq!(strict.normalized.map(|v| v.to_json()), coerced.normalized.map(|v| v.to_json()));
    }

    #[test]
    fn credential_values_appear_only_in_the_normalized_credentials(body in body(), create in any::<bool>(), coerce in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let secrets = secrets_in(&body);
        let report = preflight::check_value(&body, &options(operation, coerce));
        let mut visible = report.clone();
        if let Some(Value::Object(normalized)) = &mut visible.normalized {
            normalized.remove("credentials");
        }
        let serialized = visible.to_json();
        let debug = format!("{report:?}");
        let envelope = preflight::to_error_response(&report).to_json();
        for secret in &secrets {
            prop_assert!(!serialized.contains(secret.as_str()), "{} leaked into the report", secret);
            prop_assert!(!debug.contains(secret.as_str()), "{} leaked into Debug", secret);
            prop_assert!(!envelope.contains(secret.as_str()), "{} leaked into the 400 envelope", secret);
        }
    }
}

#[test]
fn too_many_issues_are_counted_not_listed() {
    let mut o = Object::new();
    for i in 0..2_000 {
        o.insert(Cow::Owned(format!("k{i}")), Value::Null);
    }
    let mut interval = Object::new();
    let slots: Vec<Value<'static>> = (0..1_000)
        .map(|_| {
            let mut s = Object::new();
            s.insert("start", Value::str("10:00"));
            s.insert("end", Value::str("09:00"));
            s.insert("sync_frequency", Value::Number(1.0));
            s.insert("sync_cadence", Value::str("HOUR"));
            Value::Object(s)
        })
        .collect();
    let mut day = Object::new();
    day.insert("slots", Value::Array(slots));
    interval.insert("MONDAY", Value::Object(day));
    let mut schedule = Object::new();
    schedule.insert("type", Value::str("WEEK_BASED"));
    schedule.insert("timezone", Value::str("UTC"));
    schedule.insert("interval", Value::Object(interval));
    o.insert("custom_sync_schedule", Value::Object(schedule));
    let report = preflight::check_value(&Value::Object(o), &Options::update());
    assert!(!report.valid);
    assert_eq!(report.issues.len(), preflight::MAX_ISSUES + 1);
    let last = report.issues.last().unwrap();
    assert_eq!(last.code.as_str(), "too_many_issues");
    assert_eq!(last.params.get("omitted"), Some(&Value::Number(501.0)));
    assert_eq!(report.issues[0].code.as_str(), "unrecognized_keys");
}

#[test]
fn the_issues_kept_are_the_first_in_document_order_whatever_the_reporting_order() {
    // The walk reports the 1 500 malformed slots at the end of the list first; the rules
    // report the overlaps of the 600 slots before them later. The report keeps the first
    // 500 by position: overlaps only, although the walk's issues were reported (and
    // trimmed to 500) before any overlap was known.
    let good = r#"{"start":"00:00","end":"01:00","sync_frequency":1,"sync_cadence":"HOUR"}"#;
    let bad = r#"{"start":"0:00x","end":"01:00","sync_frequency":1,"sync_cadence":"HOUR"}"#;
    let slots: Vec<&str> = std::iter::repeat_n(good, 600)
        .chain(std::iter::repeat_n(bad, 1_500))
        .collect();
    let body = format!(
        r#"{{"use_custom_sync_schedule":true,"custom_sync_schedule":{{"type":"WEEK_BASED","timezone":"UTC","interval":{{"MONDAY":{{"slots":[{}]}}}}}}}}"#,
        slots.join(",")
    );
    let report = preflight::check(&body, &Options::update());
    assert!(!report.valid);
    let (last, kept) = report.issues.split_last().unwrap();
    assert_eq!(kept.len(), preflight::MAX_ISSUES);
    for (i, issue) in kept.iter().enumerate() {
        assert_eq!(issue.code.as_str(), "overlapping_slots", "issue {i}");
        assert_eq!(
            issue.pointer,
            format!("/custom_sync_schedule/interval/MONDAY/slots/{}", i + 1)
        );
        assert!(issue.message.contains("overlaps"), "issue {i} is rendered");
    }
    assert_eq!(last.code.as_str(), "too_many_issues");
    assert_eq!(
        last.params.get("omitted"),
        Some(&Value::Number((599 + 1_500 - 500) as f64))
    );
}

#[test]
fn error_envelope_matches_the_server_400() {
    let report = preflight::check(
        r#"{"foo": 1, "sync_frequency": 0, "system": "PRODUCTION"}"#,
        &Options::update(),
    );
    let envelope = preflight::to_error_response(&report).to_json();
    assert_eq!(
        envelope,
        concat!(
            r#"{"error":{"code":"invalid_request","message":"invalid request","details":{"issues":["#,
            r#"{"code":"unrecognized_keys","keys":["foo"],"path":[],"message":"Unrecognized key(s) in object: 'foo'"},"#,
            r#"{"code":"too_small","minimum":1,"inclusive":true,"exact":false,"type":"number","path":["sync_frequency"],"message":"Number must be greater than or equal to 1"}"#,
            r#"],"name":"ZodError"}}}"#
        )
    );
    let own = preflight::check(
        r#"{"max_request_frequency": 1, "max_request_cadence": "DAY"}"#,
        &Options::update(),
    );
    let envelope = preflight::to_error_response(&own).to_json();
    assert!(envelope.contains(r#""code":"custom","params":{"code":"request_rate_below_floor","frequency":1,"cadence":"DAY","per_minute":0.000694}"#), "{envelope}");
    let own_json = own.to_json();
    let from_json =
        preflight::to_error_response_from_value(&preflight::parse(&own_json).unwrap()).unwrap();
    assert_eq!(
        from_json.to_json(),
        envelope,
        "the envelope is the same from the report's JSON"
    );
    assert!(preflight::to_error_response_from_value(&Value::str("not a report")).is_err());
}

#[test]
fn a_redacted_report_hides_every_credential_value_and_keeps_the_rest() {
    let body = r#"{"name":"n","integration_vendor":"ENTRATA","credentials":{"apiKey":" TOPSECRET-1 ","companyId":"TOPSECRET-2"}}"#;
    let report = preflight::check(
        body,
        &Options::from_value(&preflight::parse(r#"{"coerce":true}"#).unwrap()).unwrap(),
    );
    assert!(report.valid);
    let redacted = report.clone().with_credentials_redacted();
    let json = redacted.to_json();
    assert!(!json.contains("TOPSECRET"), "{json}");
    let normalized = redacted.normalized.as_ref().unwrap().as_object().unwrap();
    assert_eq!(
        normalized.get("credentials").unwrap().to_json(),
        r#"{"apiKey":"[redacted]","companyId":"[redacted]"}"#,
        "the keys stay, every value is the marker"
    );
    assert_eq!(normalized.get("name"), Some(&Value::str("n")));
    assert_eq!(redacted.issues, report.issues);
    assert_eq!(redacted.changes, report.changes);
    assert!(
        report.to_json().contains("TOPSECRET-2"),
        "the report itself is unchanged"
    );
}

#[test]
fn debug_output_redacts_credentials() {
    let body = r#"{"integration_vendor":"ENTRATA","credentials":{"apiKey":"TOPSECRET-1","companyId":"TOPSECRET-2"}}"#;
    let report = preflight::check(body, &Options::update());
    assert!(report.valid);
    let debug = format!("{report:?}");
    assert!(!debug.contains("TOPSECRET"), "{debug}");
    assert!(debug.contains("[redacted]"));
    assert!(
        report.to_json().contains("TOPSECRET-1"),
        "the normalized body itself keeps them: it is what to send"
    );
}

#[test]
fn huge_inputs_stay_bounded() {
    let big_name = format!(r#"{{"name": "{}"}}"#, "x".repeat(10 << 20));
    assert!(preflight::check(&big_name, &Options::update()).valid);
    let keys: String = (0..200_000).map(|i| format!(r#""k{i}":"v","#)).collect();
    let wide = format!(
        r#"{{"integration_vendor":"BUILDIUM","credentials":{{{keys}"clientId":"c","secret":"s"}}}}"#
    );
    let report = preflight::check(&wide, &Options::update());
    assert!(report.valid, "unknown credential keys are warnings");
    assert_eq!(report.issues.len(), preflight::MAX_ISSUES + 1);
}

#[test]
fn coercing_many_credential_keys_stays_linear() {
    // 200 000 keys, every other one blank: each is trimmed or dropped in one pass (this
    // once searched the object per key, quadratic: minutes for this body).
    let n = 200_000;
    let keys: String = (0..n)
        .map(|i| {
            if i % 2 == 0 {
                format!(r#""k{i}":" v{i} ","#)
            } else {
                format!(r#""k{i}":"  ","#)
            }
        })
        .collect();
    let wide = format!(
        r#"{{"integration_vendor":"BUILDIUM","credentials":{{{keys}"clientId":" c ","secret":"s"}}}}"#
    );
    let options = Options {
        coerce: true,
        ..Options::update()
    };
    let report = preflight::check(&wide, &options);
    assert!(report.valid, "{:?}", report.errors().next());
    assert_eq!(report.changes.len(), n + 1, "every key but secret changed");
    assert_eq!(report.changes[0].pointer, "/credentials/k0");
    assert_eq!(report.changes[1].pointer, "/credentials/k1");
    assert!(
        report.changes[1].to.is_none(),
        "a blank optional key is dropped"
    );
    assert_eq!(
        report.changes[n].pointer, "/credentials/clientId",
        "document order"
    );
    let normalized = report.normalized.unwrap();
    let creds = normalized
        .as_object()
        .unwrap()
        .get("credentials")
        .unwrap()
        .as_object()
        .unwrap();
    assert_eq!(creds.len(), n / 2 + 2);
    assert_eq!(creds.get("k0"), Some(&Value::str("v0")));
    assert_eq!(creds.get("k1"), None);
    assert_eq!(creds.get("clientId"), Some(&Value::str("c")));
    assert_eq!(creds.position("k2"), Some(1));
}

fn custom_body(schedule: Value<'static>) -> Value<'static> {
    let mut o = Object::new();
    o.insert("use_custom_sync_schedule", Value::Bool(true));
    o.insert("custom_sync_schedule", schedule);
    Value::Object(o)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn next_syncs_are_increasing_inside_slots_and_counted(
        schedule in schedule(),
        from in 1_735_689_600i64..1_893_456_000, // 2025 to 2030
        count in 0usize..60,
    ) {
        use chrono::{Datelike, Timelike};
        let body = custom_body(schedule);
        let effective = preflight::effective_schedule(&body, &Options::update());
        let preflight::EffectiveSchedule::Custom { days, .. } = &effective else {
            return Err(TestCaseError::fail(format!("not custom: {effective:?}")));
        };
        let next = preflight::next_syncs_of(&effective, from, count).unwrap();
        let syncs = &next.syncs;
        if days.iter().all(Vec::is_empty) {
            prop_assert!(syncs.is_empty());
            prop_assert_eq!(next.end.is_some(), count > 0, "no slot: said when any was asked for");
            return Ok(());
        }
        prop_assert_eq!(syncs.len(), count, "the count is honoured");
        prop_assert!(next.complete());
        for pair in syncs.windows(2) {
            prop_assert!(pair[0].unix < pair[1].unix, "strictly increasing");
        }
        for sync in syncs {
            prop_assert!(sync.unix >= from);
            let local = chrono::DateTime::parse_from_rfc3339(&sync.local).unwrap();
            let utc = chrono::DateTime::parse_from_rfc3339(&sync.utc).unwrap();
            prop_assert_eq!(local.timestamp(), sync.unix);
            prop_assert_eq!(utc.timestamp(), sync.unix);
            let weekday = local.weekday().num_days_from_sunday() as usize;
            let second = i64::from(local.num_seconds_from_midnight());
            let inside = days[weekday].iter().any(|slot| {
                let start = i64::from(slot.start) * 60;
                let end = i64::from(slot.end) * 60;
                let interval = (slot.frequency * slot.cadence.seconds()) as i64;
                start <= second && second < end && (second - start) % interval == 0
            });
            prop_assert!(inside, "{} is in no slot of its weekday", sync.local);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Messy bodies: the generated bodies above with junk put in at random places (unknown
// keys, wrong types, form strings, blanks), so that most of them have issues and changes.

const JUNK_KEYS: [&str; 22] = [
    "nmae",
    "MONDY",
    "name",
    "sync_frequency",
    "sync_cadence",
    "max_job_concurrency",
    "max_request_frequency",
    "active",
    "base_url",
    "system",
    "allow_manual_syncs",
    "based_on_integration_id",
    "timezone",
    "type",
    "interval",
    "start",
    "end",
    "slots",
    "clientId",
    "secret",
    "apiKey",
    "foo",
];

fn junk_value() -> impl Strategy<Value = Value<'static>> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        select(&[-1.0, 0.0, 0.5, 1.0, 12.0, 101.0, f64::INFINITY][..]).prop_map(Value::Number),
        select(
            &[
                "",
                " ",
                "15",
                " 15 ",
                "true",
                " FALSE",
                "hour",
                "9:00",
                "x09:00y",
                "24:00",
                "US/Eastern",
                "utc",
                "SAMPLE1",
                "entrata",
                "  Downtown  ",
                "https://x.example",
                "not a url",
            ][..]
        )
        .prop_map(Value::str),
        Just(Value::Array(Vec::new())),
        Just(Value::Object(Object::new())),
    ]
}

/// Sets `key` in `object` at `position` (or in place when the key exists).
fn put(
    object: &Object<'static>,
    position: usize,
    key: &'static str,
    value: Value<'static>,
) -> Object<'static> {
    if object.get(key).is_some() {
        let mut out = object.clone();
        out.insert(key, value);
        return out;
    }
    let mut out = Object::with_capacity(object.len() + 1);
    let at = position % (object.len() + 1);
    for (i, (k, v)) in object.iter().enumerate() {
        if i == at {
            out.insert(key, value.clone());
        }
        out.insert(k.clone(), v.clone());
    }
    if at == object.len() {
        out.insert(key, value);
    }
    out
}

fn with_junk(
    body: Value<'static>,
    edits: Vec<(u8, usize, &'static str, Value<'static>)>,
) -> Value<'static> {
    let Value::Object(mut root) = body else {
        return body;
    };
    for (place, position, key, value) in edits {
        let nested = match place % 4 {
            0 => None,
            1 | 2 => Some("custom_sync_schedule"),
            _ => Some("credentials"),
        };
        match nested.and_then(|n| root.get(n).cloned().map(|v| (n, v))) {
            Some((name, Value::Object(inner))) if place % 4 == 2 => {
                // Into the first slot of the first day, when there is one.
                let mut schedule = inner;
                let interval = schedule.get("interval").and_then(Value::as_object).cloned();
                let Some(mut interval) = interval else {
                    continue;
                };
                let Some(day_name) = interval.keys().next().map(str::to_string) else {
                    continue;
                };
                let Some(mut day) = interval.get(&day_name).and_then(Value::as_object).cloned()
                else {
                    continue;
                };
                let Some(Value::Array(mut slots)) = day.get("slots").cloned() else {
                    continue;
                };
                let Some(Value::Object(slot)) = slots.first().cloned() else {
                    continue;
                };
                slots[0] = Value::Object(put(&slot, position, key, value));
                day.insert("slots", Value::Array(slots));
                interval.insert(Cow::Owned(day_name), Value::Object(day));
                schedule.insert("interval", Value::Object(interval));
                root.insert(name, Value::Object(schedule));
            }
            Some((name, Value::Object(inner))) => {
                root.insert(name, Value::Object(put(&inner, position, key, value)));
            }
            _ => root = put(&root, position, key, value),
        }
    }
    Value::Object(root)
}

fn messy_body() -> impl Strategy<Value = Value<'static>> {
    (
        body(),
        proptest::collection::vec(
            (
                any::<u8>(),
                any::<usize>(),
                select(&JUNK_KEYS[..]),
                junk_value(),
            ),
            0..6,
        ),
    )
        .prop_map(|(body, edits)| with_junk(body, edits))
}

/// Position of a path in the body's document order: per step the index of the key in its
/// object (a key the object lacks sorts after all it has) or the array index; a parent's
/// position is a prefix of its children's, so it sorts first.
fn document_position(body: &Value<'_>, path: &[preflight::PathSegment<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut current = Some(body);
    for segment in path {
        let Some(value) = current else { break };
        current = match (segment, value) {
            (preflight::PathSegment::Key(k), Value::Object(o)) => match o.position(k) {
                Some(i) => {
                    out.push(i);
                    o.get(k)
                }
                None => {
                    out.push(o.len());
                    None
                }
            },
            (preflight::PathSegment::Index(i), Value::Array(items)) => {
                out.push(*i);
                items.get(*i)
            }
            _ => {
                out.push(usize::MAX);
                None
            }
        };
    }
    out
}

/// `body` with `name` set and, when `pad`, its credential strings padded with blanks.
fn padded(body: Value<'static>, name: &'static str, pad: bool) -> Value<'static> {
    let Value::Object(mut root) = body else {
        return body;
    };
    root.insert("name", Value::str(name));
    if let (true, Some(Value::Object(creds))) = (pad, root.get("credentials").cloned()) {
        let padded: Object<'static> = creds
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => Value::from(format!(" {s}  ")),
                    other => other.clone(),
                };
                (k.clone(), v)
            })
            .collect();
        root.insert("credentials", Value::Object(padded));
    }
    Value::Object(root)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, max_global_rejects: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn issues_and_changes_come_in_document_order(body in messy_body(), create in any::<bool>(), coerce in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let opts = options(operation, coerce);
        let report = preflight::check_value(&body, &opts);
        let issues: Vec<_> = report.issues.iter().map(|i| (document_position(&body, &i.path), &i.pointer)).collect();
        for pair in issues.windows(2) {
            prop_assert!(pair[0].0 <= pair[1].0, "issue at {} after the issue at {}\n{}", pair[1].1, pair[0].1, body.to_json());
        }
        let changes: Vec<_> = report.changes.iter().map(|c| (document_position(&body, &c.path), &c.pointer)).collect();
        for pair in changes.windows(2) {
            prop_assert!(pair[0].0 <= pair[1].0, "change at {} after the change at {}\n{}", pair[1].1, pair[0].1, body.to_json());
        }
        // The same order however the body arrives, every time (JSON text cannot carry
        // the infinity a value may hold).
        if !body.to_json().contains("null") {
            prop_assert_eq!(preflight::check(&body.to_json(), &opts).to_json(), report.to_json());
        }
        prop_assert_eq!(preflight::check_value(&body, &opts).to_json(), report.to_json());
    }

    #[test]
    fn messy_bodies_normalize_idempotently(body in messy_body(), create in any::<bool>(), coerce in any::<bool>()) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let report = preflight::check_value(&body, &options(operation, coerce));
        if let Some(first) = &report.normalized {
            let again = preflight::check_value(first, &options(operation, false));
            prop_assert!(again.valid, "normalized body has errors: {:?}", again.issues);
            prop_assert_eq!(first.to_json(), again.normalized.unwrap().to_json());
            prop_assert!(again.changes.is_empty(), "{:?}", again.changes);
        }
    }

    /// SPEC §6 read exactly: on a body strict mode accepts, coerce changes nothing but
    /// strings — surrounding whitespace trimmed, "" in an optional field dropped.
    #[test]
    fn coerce_on_strictly_valid_bodies_only_trims_strings(
        body in body(),
        name in select(&["", " ", "  Downtown  ", "Downtown", "\tx"][..]),
        pad in any::<bool>(),
        create in any::<bool>(),
    ) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let body = padded(body, name, pad);
        let strict = preflight::check_value(&body, &options(operation, false));
        prop_assume!(strict.valid);
        let coerced = preflight::check_value(&body, &options(operation, true));
        prop_assert!(coerced.valid);
        let coercions = coerced.changes.iter().filter(|c| !strict.changes.contains(c));
        for change in coercions.filter(|c| c.to.is_some() || c.from.as_str().is_some()) {
            let from = change.from.as_str().unwrap_or_default();
            let ok = match &change.to {
                None => from.trim().is_empty() || from == preflight::REDACTED
                    || strict.changes.iter().any(|c| c.pointer == change.pointer && c.to.is_none()),
                Some(to) => to.as_str().is_some_and(|to| to == from.trim() || to == preflight::REDACTED),
            };
            prop_assert!(ok, "coerce changed a strictly valid body: {:?}\n{}", change, body.to_json());
        }
    }
}

/// Keys that are known at some level of the body, or at none, written as JSON text
/// (escaped, or holding a lone surrogate, as well as plain).
const EDIT_KEYS: [&str; 14] = [
    r#""name""#,
    r#""na\u006De""#,
    r#""sync_frequency""#,
    r#""credentials""#,
    r#""custom_sync_schedule""#,
    r#""type""#,
    r#""timezone""#,
    r#""interval""#,
    r#""MONDAY""#,
    r#""slots""#,
    r#""start""#,
    r#""sync_cadence""#,
    r#""zzz""#,
    r#""\udc00""#,
];

/// Values to add, some only host text can hold (`!u` undefined, `!n` NaN, `!z` too deep).
const EDIT_VALUES: [&str; 12] = [
    "!u",
    "!n",
    "!z",
    "1",
    "0",
    r#""09:00""#,
    r#""MINUTE""#,
    "{}",
    "[]",
    "null",
    r#""\ud800""#,
    r#"{"slots":[]}"#,
];

/// The body's text with one edit where the typed reader and the tree could part ways:
/// a key (often repeated or unknown there) added to the `nth` object, the text cut short,
/// a stray byte, blanks between every token, a byte-order mark or trailing text.
fn edited_text(body: &Value<'_>, edit: u8, nth: usize, key: &str, value: &str) -> String {
    let text = body.to_json();
    let opens: Vec<usize> = text.match_indices('{').map(|(i, _)| i).collect();
    let at = |n: usize| opens.get(n % opens.len().max(1)).map_or(0, |i| i + 1);
    let cut = nth % (text.len() + 1);
    let cut = (0..=cut)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    match edit % 8 {
        0..=2 => {
            let mut out = text.clone();
            out.insert_str(at(nth), &format!("{key}:{value},"));
            out
        }
        3 => text[..cut].to_string(),
        4 => format!(
            "{}{}{}",
            &text[..cut],
            ["x", ",", "}", "]", "\"", "\\", "\u{1}", " "][nth % 8],
            &text[cut..]
        ),
        5 => preflight::json::to_json_pretty(body),
        6 => format!("\u{feff} {text}\n"),
        _ => format!("{text} {value}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() })]

    /// `check` of text reads most bodies straight into the typed body, and hands the rest
    /// to the general tree: whichever way, the report is the tree's, byte for byte.
    #[test]
    fn the_typed_text_reader_reports_as_the_tree_does(
        body in messy_body(),
        edit in any::<u8>(),
        nth in any::<usize>(),
        key in select(&EDIT_KEYS[..]),
        value in select(&EDIT_VALUES[..]),
        create in any::<bool>(),
        coerce in any::<bool>(),
    ) {
        let operation = if create { Operation::Create } else { Operation::Update };
        let opts = options(operation, coerce);
        let text = edited_text(&body, edit, nth, key, value);
        let from_text = preflight::check(&text, &opts);
        match preflight::parse(&text) {
            Ok(tree) => {
                prop_assert_eq!(from_text.to_json(), preflight::check_value(&tree, &opts).to_json(), "{}", text);
                prop_assert_eq!(
                    preflight::verdict(&text, &opts).to_json(),
                    preflight::verdict_value(&tree, &opts).to_json(),
                    "{}", text
                );
            }
            Err(error) => {
                let issue = &from_text.issues[0];
                prop_assert_eq!(from_text.issues.len(), 1);
                prop_assert_eq!(issue.code.as_str(), "invalid_json");
                prop_assert_eq!(issue.params.get("line"), Some(&Value::from(error.line)));
                prop_assert_eq!(issue.params.get("column"), Some(&Value::from(error.column)));
            }
        }
        prop_assert_eq!(
            preflight::check_bytes(text.as_bytes(), &opts).to_json(),
            from_text.to_json()
        );
        // Host text, as the npm package's walk writes it from an object.
        match (preflight::parse_host(&text), preflight::check_host(&text, &opts)) {
            (Ok(tree), Ok(report)) => {
                prop_assert_eq!(report.to_json(), preflight::check_value(&tree, &opts).to_json(), "{}", text);
                let verdict = preflight::verdict_host(&text, &opts).map(|v| v.to_json());
                prop_assert_eq!(verdict.ok(), Some(preflight::verdict_value(&tree, &opts).to_json()));
            }
            (Err(_), Err(_)) => {}
            (tree, report) => prop_assert!(false, "parse_host {:?}, check_host {:?}: {}", tree.is_ok(), report.is_ok(), text),
        }
    }
}
