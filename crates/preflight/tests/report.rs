//! The report's views over its issues.
#![allow(clippy::unwrap_used)]

use preflight::{check, Options};

#[test]
fn warnings_are_the_issues_that_are_not_errors() {
    let options = Options::from_json(r#"{"operation":"update"}"#).unwrap();
    let report = check(r#"{"system":"SANDBOX","active":"yes"}"#, &options);
    let warnings: Vec<&str> = report.warnings().map(|i| i.code.as_str()).collect();
    let errors: Vec<&str> = report.errors().map(|i| i.code.as_str()).collect();
    assert_eq!(warnings, ["deprecated_field"]);
    assert!(!errors.is_empty());
    assert!(!errors.contains(&"deprecated_field"));
    assert_eq!(warnings.len() + errors.len(), report.issues.len());
}

#[test]
fn without_now_the_clock_changes_named_are_the_next_ones_by_the_system_clock() {
    // A Sunday slot over 01:00–04:00 in New York meets both of the year's clock changes
    // (always on a Sunday), so from any day up to 2099 exactly two are ahead of it.
    let body = r#"{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"America/New_York","interval":{"SUNDAY":{"slots":[{"start":"01:00","end":"04:00","sync_frequency":30,"sync_cadence":"MINUTE"}]}}}}"#;
    let report = check(body, &Options::update());
    let dates: Vec<chrono::NaiveDate> = report
        .issues
        .iter()
        .filter(|i| i.code.as_str() == "dst_transition")
        .map(|i| {
            let date = i.params.get("date").and_then(|d| d.as_str()).unwrap();
            date.parse().unwrap()
        })
        .collect();
    assert_eq!(dates.len(), 2, "{:?}", report.issues);
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap(), 0)
        .unwrap()
        .date_naive();
    for date in dates {
        assert!(
            date >= today - chrono::Days::new(1) && date <= today + chrono::Days::new(367),
            "{date} is not within a year of {today}"
        );
    }
}

#[test]
fn debug_output_names_the_issues_params_and_changes() {
    let options = Options::from_json(r#"{"operation":"update","coerce":true}"#).unwrap();
    let report = check(r#"{"system":"SANDBOX","active":"true"}"#, &options);
    assert!(report.valid, "{:?}", report.issues);
    let debug = format!("{report:?}");
    for part in [
        "Report",
        "valid: true",
        "Issue",
        "code: \"deprecated_field\"",
        "severity: Warning",
        "pointer: \"/system\"",
        "\"field\": \"system\"",
        "Change",
        "pointer: \"/active\"",
        "from: \"true\", to: Some(true)",
    ] {
        assert!(debug.contains(part), "{part} is not in {debug}");
    }
}

#[test]
fn redaction_keeps_a_null_and_hides_any_other_credentials_value() {
    let redacted = |credentials: &str| {
        let body = format!(r#"{{"name":"n","credentials":{credentials}}}"#);
        let report = preflight::Report {
            valid: true,
            issues: Vec::new(),
            normalized: Some(preflight::parse(&body).unwrap().into_owned()),
            changes: Vec::new(),
        };
        report
            .with_credentials_redacted()
            .normalized
            .unwrap()
            .to_json()
    };
    assert_eq!(redacted("null"), r#"{"name":"n","credentials":null}"#);
    assert_eq!(
        redacted(r#""TOPSECRET""#),
        r#"{"name":"n","credentials":"[redacted]"}"#
    );
    assert_eq!(
        redacted(r#"{"apiKey":"TOPSECRET"}"#),
        r#"{"name":"n","credentials":{"apiKey":"[redacted]"}}"#
    );
    let not_an_object = preflight::Report {
        valid: true,
        issues: Vec::new(),
        normalized: Some(preflight::Value::str("TOPSECRET")),
        changes: Vec::new(),
    };
    assert_eq!(
        not_an_object.with_credentials_redacted().normalized,
        Some(preflight::Value::str("TOPSECRET"))
    );
}

#[test]
fn the_envelope_from_a_reports_json_is_the_envelope_of_the_report() {
    let options = Options::from_json(r#"{"operation":"update"}"#).unwrap();
    for body in [
        r#"{"foo":1,"system":"SANDBOX","sync_frequency":0}"#,
        r#"{"system":"SANDBOX","max_request_frequency":1,"max_request_cadence":"DAY"}"#,
    ] {
        let report = check(body, &options);
        assert!(report.warnings().next().is_some() && report.errors().next().is_some());
        let envelope = preflight::to_error_response(&report).to_json();
        assert!(!envelope.contains("deprecated_field"), "{envelope}");
        let report_json = report.to_json();
        let value = preflight::parse(&report_json).unwrap();
        let from_json = preflight::to_error_response_from_value(&value).unwrap();
        assert_eq!(from_json.to_json(), envelope);
    }
}

#[test]
fn what_is_not_a_report_gets_no_envelope() {
    let from = |text: &str| {
        preflight::to_error_response_from_value(&preflight::parse(text).unwrap())
            .map(|envelope| envelope.to_json())
            .map_err(|e| e.message)
    };
    let no_issues = r#"{"error":{"code":"invalid_request","message":"invalid request","details":{"issues":[],"name":"ZodError"}}}"#;
    assert_eq!(from(r#"{"issues":[]}"#).as_deref(), Ok(no_issues));
    assert_eq!(
        from(r#"{"issues":[{"severity":"warning","code":"nope"}]}"#).as_deref(),
        Ok(no_issues),
        "warnings are left out unread"
    );
    assert_eq!(
        from(r#"{"issues":[{"severity":"error","code":"invalid_type","path":["a",0]}]}"#)
            .as_deref(),
        Ok(
            r#"{"error":{"code":"invalid_request","message":"invalid request","details":{"issues":[{"code":"invalid_type","path":["a",0],"message":null}],"name":"ZodError"}}}"#
        ),
        "params and message may be missing"
    );
    assert_eq!(
        from(r#"{"issues":[{"severity":"error","code":"nope","path":[]}]}"#),
        Err("unknown issue code 'nope'".to_string())
    );
    for bad in [
        r#"{}"#,
        r#"{"issues":{}}"#,
        r#"{"issues":[1]}"#,
        r#"{"issues":[{"severity":"error","path":[]}]}"#,
        r#"{"issues":[{"severity":"error","code":"invalid_type","params":1,"path":[]}]}"#,
        r#"{"issues":[{"severity":"error","code":"invalid_type","params":{}}]}"#,
        r#"{"issues":[{"severity":"error","code":"invalid_type","params":{},"path":"a"}]}"#,
    ] {
        let error = from(bad).unwrap_err();
        assert!(error.starts_with("expected a report"), "{bad}: {error}");
    }
}

#[test]
fn slot_issues_follow_the_bodys_order_of_days_not_the_weeks() {
    let slot =
        r#"{"slots":[{"start":"10:00","end":"09:00","sync_frequency":1,"sync_cadence":"HOUR"}]}"#;
    let body = format!(
        r#"{{"use_custom_sync_schedule":true,"custom_sync_schedule":{{"type":"WEEK_BASED","timezone":"UTC","interval":{{"MONDAY":{slot},"SUNDAY":{slot}}}}}}}"#
    );
    let report = check(&body, &Options::update());
    let pointers: Vec<&str> = report.issues.iter().map(|i| i.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/custom_sync_schedule/interval/MONDAY/slots/0/end",
            "/custom_sync_schedule/interval/SUNDAY/slots/0/end"
        ]
    );
}

#[test]
fn params_read_as_an_object_in_their_order() {
    let params = preflight::Params::new()
        .with("limit", 500usize)
        .with("name", "x")
        .with("inclusive", true);
    assert_eq!(
        preflight::Value::Object(params.to_object()).to_json(),
        r#"{"limit":500,"name":"x","inclusive":true}"#
    );
    let keys: Vec<&str> = params.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["limit", "name", "inclusive"]);
    assert_eq!(params.get("name"), Some(&preflight::Value::str("x")));
    assert_eq!(params.get("missing"), None);
}

#[test]
fn an_empty_rpx_license_key_and_foreign_values_deep_in_credentials_are_reported() {
    let report = check(
        r#"{"integration_vendor":"REALPAGE_RPX","credentials":{"baseUrl":"https://rpx.example.com","licensekey":""}}"#,
        &Options::update(),
    );
    let found: Vec<(&str, &str)> = report
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [("invalid_credential_field", "/credentials/licensekey")]
    );
    let body = preflight::parse_host(r#"{"credentials":{"extra":[1,{"deep":!f},!b]}}"#).unwrap();
    let report = preflight::check_value(&body, &Options::update());
    let found: Vec<(&str, &str)> = report
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("credentials_match_no_vendor", "/credentials"),
            ("invalid_type", "/credentials/extra/1/deep"),
            ("invalid_type", "/credentials/extra/2")
        ]
    );
}
