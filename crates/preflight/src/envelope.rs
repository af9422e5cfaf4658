//! The server's 400 body, so a Node backend can reject a bad request exactly as the API
//! would: `{"error":{"code":"invalid_request","message":"invalid request",
//! "details":{"issues":[…],"name":"ZodError"}}}`.

use std::borrow::Cow;

use crate::json::{Object, Value};
use crate::report::{Issue, Report};

/// The error envelope of a report's errors (warnings are left out). Zod codes keep their
/// fields at the top level of each issue, as Zod writes them; preflight's own rules
/// appear as Zod `custom` issues whose `params` carry the rule's code and details.
pub fn to_error_response<'a>(report: &Report<'a>) -> Value<'a> {
    let issues: Vec<Value<'a>> = report.errors().map(zod_issue).collect();
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

fn zod_issue<'a>(issue: &Issue<'a>) -> Value<'a> {
    let mut o = Object::new();
    if issue.code.is_structural() {
        o.push_unique(Cow::Borrowed("code"), Value::str(issue.code.as_str()));
        for (k, v) in issue.params.iter() {
            o.insert(Cow::Borrowed(k), v.clone());
        }
    } else {
        o.push_unique(Cow::Borrowed("code"), Value::str("custom"));
        let mut params = Object::new();
        params.push_unique(Cow::Borrowed("code"), Value::str(issue.code.as_str()));
        for (k, v) in issue.params.iter() {
            params.insert(Cow::Borrowed(k), v.clone());
        }
        o.push_unique(Cow::Borrowed("params"), Value::Object(params));
    }
    let path = issue
        .path
        .iter()
        .map(|segment| match segment {
            crate::report::PathSegment::Key(k) => Value::String(k.clone()),
            crate::report::PathSegment::Index(i) => Value::from(*i),
        })
        .collect::<Vec<_>>();
    o.insert(Cow::Borrowed("path"), Value::Array(path));
    o.insert(Cow::Borrowed("message"), Value::from(issue.message.clone()));
    Value::Object(o)
}
