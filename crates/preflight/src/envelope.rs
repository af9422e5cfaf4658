//! The server's 400 body, so a Node backend can reject a bad request exactly as the API
//! would: `{"error":{"code":"invalid_request","message":"invalid request",
//! "details":{"issues":[…],"name":"ZodError"}}}`.

use std::borrow::Cow;

use crate::json::{Object, Value};
use crate::options::UsageError;
use crate::report::{Code, PathSegment, Report, Severity};

/// The error envelope of a report's errors (warnings are left out). Zod codes keep their
/// fields at the top level of each issue, as Zod writes them; preflight's own rules
/// appear as Zod `custom` issues whose `params` carry the rule's code and details.
pub fn to_error_response<'a>(report: &Report<'a>) -> Value<'a> {
    let issues = report
        .errors()
        .map(|issue| {
            let path = issue.path.iter().map(|segment| match segment {
                PathSegment::Key(k) => Value::String(k.clone()),
                PathSegment::Index(i) => Value::from(*i),
            });
            zod_issue(
                issue.code.as_str(),
                issue.code.is_structural(),
                issue
                    .params
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k), v.clone())),
                path.collect(),
                Value::from(issue.message.clone()),
            )
        })
        .collect();
    envelope(issues)
}

/// The same envelope from a report as JSON (what a host holds after `check`): for hosts
/// that hand a report back, so the envelope is still built here and nowhere else.
pub fn to_error_response_from_value<'a>(report: &Value<'a>) -> Result<Value<'a>, UsageError> {
    let not_a_report = || {
        UsageError::new("expected a report as check returns it (an object with an issues array)")
    };
    let issues = match report.as_object().and_then(|o| o.get("issues")) {
        Some(Value::Array(issues)) => issues,
        _ => return Err(not_a_report()),
    };
    let mut out = Vec::new();
    for issue in issues {
        let issue = issue.as_object().ok_or_else(not_a_report)?;
        if issue.get("severity").and_then(Value::as_str) != Some(Severity::Error.as_str()) {
            continue;
        }
        let name = issue
            .get("code")
            .and_then(Value::as_str)
            .ok_or_else(not_a_report)?;
        let code = Code::from_name(name)
            .ok_or_else(|| UsageError::new(format!("unknown issue code '{name}'")))?;
        let params = match issue.get("params") {
            Some(Value::Object(params)) => {
                params.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
            }
            None => Vec::new(),
            Some(_) => return Err(not_a_report()),
        };
        let path = match issue.get("path") {
            Some(Value::Array(path)) => path.clone(),
            _ => return Err(not_a_report()),
        };
        let message = issue.get("message").cloned().unwrap_or(Value::Null);
        out.push(zod_issue(
            code.as_str(),
            code.is_structural(),
            params,
            path,
            message,
        ));
    }
    Ok(envelope(out))
}

fn envelope<'a>(issues: Vec<Value<'a>>) -> Value<'a> {
    let mut details = Object::new();
    details.push_unique(Cow::Borrowed("issues"), Value::Array(issues));
    details.push_unique(Cow::Borrowed("name"), Value::str("ZodError"));
    let mut error = Object::new();
    error.push_unique(Cow::Borrowed("code"), Value::str("invalid_request"));
    error.push_unique(Cow::Borrowed("message"), Value::str("invalid request"));
    error.push_unique(Cow::Borrowed("details"), Value::Object(details));
    let mut root = Object::new();
    root.push_unique(Cow::Borrowed("error"), Value::Object(error));
    Value::Object(root)
}

fn zod_issue<'a>(
    code: &'static str,
    structural: bool,
    params: impl IntoIterator<Item = (Cow<'a, str>, Value<'a>)>,
    path: Vec<Value<'a>>,
    message: Value<'a>,
) -> Value<'a> {
    let mut o = Object::new();
    if structural {
        o.push_unique(Cow::Borrowed("code"), Value::str(code));
        for (k, v) in params {
            o.insert(k, v);
        }
    } else {
        o.push_unique(Cow::Borrowed("code"), Value::str("custom"));
        let mut details = Object::new();
        details.push_unique(Cow::Borrowed("code"), Value::str(code));
        for (k, v) in params {
            details.insert(k, v);
        }
        o.push_unique(Cow::Borrowed("params"), Value::Object(details));
    }
    o.insert(Cow::Borrowed("path"), Value::Array(path));
    o.insert(Cow::Borrowed("message"), message);
    Value::Object(o)
}
