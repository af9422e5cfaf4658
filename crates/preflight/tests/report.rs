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
