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
