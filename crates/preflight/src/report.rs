//! What `check` returns: the report, its issues and the changes normalization made.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

pub use crate::codes::Code;
use crate::json::{write_key, write_path, write_str, write_value, Object, Value};
use crate::messages;
pub use crate::path::{pointer, Path, PathSegment};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Error, Severity::Warning];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Machine-readable details of an issue, in a fixed order per code.
#[derive(Clone, Default, PartialEq)]
pub struct Params<'a> {
    entries: Vec<(&'static str, Value<'a>)>,
}

impl<'a> Params<'a> {
    pub fn new() -> Self {
        Params {
            entries: Vec::new(),
        }
    }

    pub fn with(mut self, key: &'static str, value: impl Into<Value<'a>>) -> Self {
        self.entries.push((key, value.into()));
        self
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    pub fn into_owned(self) -> Params<'static> {
        Params {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (k, v.into_owned()))
                .collect(),
        }
    }

    pub fn to_object(&self) -> Object<'a> {
        self.entries
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect()
    }
}

impl Params<'_> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (key, value)) in self.entries.iter().enumerate() {
            write_key(out, i, key);
            write_value(out, value);
        }
        out.push('}');
    }
}

impl fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One finding about the body.
#[derive(Clone, PartialEq)]
pub struct Issue<'a> {
    pub code: Code,
    pub severity: Severity,
    pub path: Path<'a>,
    pub pointer: String,
    pub message: String,
    pub params: Params<'a>,
    /// Position of the path in the body's document order; orders the report.
    pub(crate) order: crate::path::Order,
}

impl<'a> Issue<'a> {
    pub(crate) fn new(
        code: Code,
        severity: Severity,
        path: Path<'a>,
        order: crate::path::Order,
        params: Params<'a>,
    ) -> Self {
        let mut issue = Issue::pending(code, severity, path, order, params);
        issue.render();
        issue
    }

    /// An issue whose pointer and message are written later, by `render`: a check
    /// renders only the issues its report keeps.
    pub(crate) fn pending(
        code: Code,
        severity: Severity,
        path: Path<'a>,
        order: crate::path::Order,
        params: Params<'a>,
    ) -> Self {
        Issue {
            code,
            severity,
            pointer: String::new(),
            path,
            message: String::new(),
            params,
            order,
        }
    }

    /// Writes the pointer and message of a `pending` issue.
    pub(crate) fn render(&mut self) {
        self.message = messages::render(self.code, self.severity, &self.path, &self.params);
        self.pointer = pointer(&self.path);
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn into_owned(self) -> Issue<'static> {
        Issue {
            code: self.code,
            severity: self.severity,
            path: self.path.into_iter().map(PathSegment::into_owned).collect(),
            pointer: self.pointer,
            message: self.message,
            params: self.params.into_owned(),
            order: self.order,
        }
    }
}

impl Issue<'_> {
    /// The issue's JSON, as its `Serialize` writes it through [`crate::json::to_json_string`].
    fn write_json(&self, out: &mut String) {
        // A code and a severity are snake_case names: nothing in them to escape.
        out.push_str(r#"{"code":""#);
        out.push_str(self.code.as_str());
        out.push_str(r#"","severity":""#);
        out.push_str(self.severity.as_str());
        out.push_str(r#"","path":"#);
        write_path(out, &self.path);
        out.push_str(r#","pointer":"#);
        write_str(out, &self.pointer);
        out.push_str(r#","message":"#);
        write_str(out, &self.message);
        out.push_str(r#","params":"#);
        self.params.write_json(out);
        out.push('}');
    }
}

/// `[a,b,…]` of the items' JSON.
fn write_list<T>(out: &mut String, items: &[T], write: fn(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

impl fmt::Debug for Issue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Issue")
            .field("code", &self.code.as_str())
            .field("severity", &self.severity)
            .field("pointer", &self.pointer)
            .field("message", &self.message)
            .field("params", &self.params)
            .finish()
    }
}

impl Serialize for Issue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Issue", 6)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("pointer", &self.pointer)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("params", &self.params)?;
        s.end()
    }
}

/// The placeholder shown instead of any credential value.
pub const REDACTED: &str = "[redacted]";

/// One thing normalization changed. `to` is `None` when the field was removed.
#[derive(Clone, PartialEq)]
pub struct Change<'a> {
    pub path: Path<'a>,
    pub pointer: String,
    pub from: Value<'a>,
    pub to: Option<Value<'a>>,
    pub(crate) order: crate::path::Order,
}

impl<'a> Change<'a> {
    pub fn into_owned(self) -> Change<'static> {
        Change {
            path: self.path.into_iter().map(PathSegment::into_owned).collect(),
            pointer: self.pointer,
            from: self.from.into_owned(),
            to: self.to.map(Value::into_owned),
            order: self.order,
        }
    }
}

impl Change<'_> {
    /// The change's JSON, as its `Serialize` writes it (no `to` when the field was removed).
    fn write_json(&self, out: &mut String) {
        out.push_str(r#"{"path":"#);
        write_path(out, &self.path);
        out.push_str(r#","pointer":"#);
        write_str(out, &self.pointer);
        out.push_str(r#","from":"#);
        write_value(out, &self.from);
        if let Some(to) = &self.to {
            out.push_str(r#","to":"#);
            write_value(out, to);
        }
        out.push('}');
    }
}

impl fmt::Debug for Change<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Change")
            .field("pointer", &self.pointer)
            .field("from", &self.from)
            .field("to", &self.to)
            .finish()
    }
}

impl Serialize for Change<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.to.is_some() { 4 } else { 3 };
        let mut s = serializer.serialize_struct("Change", fields)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("pointer", &self.pointer)?;
        s.serialize_field("from", &self.from)?;
        if let Some(to) = &self.to {
            s.serialize_field("to", to)?;
        } else {
            s.skip_field("to")?;
        }
        s.end()
    }
}

/// The result of checking one body.
#[derive(Clone, PartialEq)]
pub struct Report<'a> {
    /// True when no issue has severity `error`.
    pub valid: bool,
    /// In document order of the body.
    pub issues: Vec<Issue<'a>>,
    /// The canonical body to send, present only when `valid`.
    pub normalized: Option<Value<'a>>,
    /// What normalization changed, coercions included, in document order.
    pub changes: Vec<Change<'a>>,
}

impl<'a> Report<'a> {
    pub fn errors(&self) -> impl Iterator<Item = &Issue<'a>> {
        self.issues.iter().filter(|i| i.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue<'a>> {
        self.issues.iter().filter(|i| !i.is_error())
    }

    /// The report as compact JSON text, identical in every host (the bytes
    /// [`crate::json::to_json_string`] writes of it).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        write_verdict(&mut out, self.valid, &self.issues);
        out.push_str(r#","normalized":"#);
        match &self.normalized {
            Some(body) => write_value(&mut out, body),
            None => out.push_str("null"),
        }
        out.push_str(r#","changes":"#);
        write_list(&mut out, &self.changes, Change::write_json);
        out.push('}');
        out
    }

    /// The report made safe to write to a log: the normalized body's credential values are
    /// [`REDACTED`], keys kept. Changes and issues never hold credential values.
    pub fn with_credentials_redacted(self) -> Report<'a> {
        Report {
            normalized: self.normalized.as_ref().map(redact_credentials),
            ..self
        }
    }

    pub fn into_owned(self) -> Report<'static> {
        Report {
            valid: self.valid,
            issues: self.issues.into_iter().map(Issue::into_owned).collect(),
            normalized: self.normalized.map(Value::into_owned),
            changes: self.changes.into_iter().map(Change::into_owned).collect(),
        }
    }
}

/// Never prints credential values: the normalized body's `credentials` are redacted.
impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let normalized = self.normalized.as_ref().map(redact_credentials);
        f.debug_struct("Report")
            .field("valid", &self.valid)
            .field("issues", &self.issues)
            .field("normalized", &normalized)
            .field("changes", &self.changes)
            .finish()
    }
}

/// The body with every value inside its `credentials` written as [`REDACTED`]. The keys
/// stay: which credential fields are sent is no secret, and a reader needs it.
fn redact_credentials<'a>(body: &Value<'a>) -> Value<'a> {
    let Value::Object(object) = body else {
        return body.clone();
    };
    Value::Object(
        object
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    _ if key != "credentials" => value.clone(),
                    Value::Object(fields) => Value::Object(
                        fields
                            .iter()
                            .map(|(name, _)| (name.clone(), Value::str(REDACTED)))
                            .collect(),
                    ),
                    Value::Null => Value::Null,
                    _ => Value::str(REDACTED),
                };
                (key.clone(), value)
            })
            .collect(),
    )
}

/// `valid` and `issues` of a [`Report`], without the normalized body and the changes:
/// what [`crate::verdict`] returns. Its JSON is the report's JSON up to `issues`.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict<'a> {
    /// True when no issue has severity `error`.
    pub valid: bool,
    /// In document order of the body.
    pub issues: Vec<Issue<'a>>,
}

impl Verdict<'_> {
    /// `{"valid":…,"issues":[…]}`, compact, written as [`Report::to_json`] writes them.
    pub fn to_json(&self) -> String {
        // A trade of module bytes for speed: the browser module lets the text grow.
        #[cfg(feature = "speed")]
        let mut out = String::with_capacity(self.text_capacity(128));
        #[cfg(not(feature = "speed"))]
        let mut out = String::new();
        write_verdict(&mut out, self.valid, &self.issues);
        out.push('}');
        out
    }

    /// About the length of the verdict's text, with `per_issue` bytes for an issue's
    /// fixed parts besides its message and pointer, so that the text is written into
    /// one buffer, not copied as it grows.
    #[cfg(feature = "speed")]
    fn text_capacity(&self, per_issue: usize) -> usize {
        let issue_bytes = |issue: &Issue<'_>| issue.message.len() + 2 * issue.pointer.len();
        32 + self
            .issues
            .iter()
            .map(|issue| issue_bytes(issue) + per_issue)
            .sum::<usize>()
    }

    /// The verdict as one flat JSON array, for the npm package's Node build, whose
    /// JavaScript makes the report's objects from it: `JSON.parse` makes an object of
    /// every issue, path and params in the JSON form at twice the cost of the object
    /// literals the JavaScript builds from this (docs/benchmarks.md, "Across the boundary").
    /// `[valid`, then for each issue `code, severity, n,` the path's `n` segments`,
    /// pointer, message, m,` the params' `m` keys and values, in order`]`.
    #[cfg(feature = "speed")]
    #[doc(hidden)]
    pub fn to_flat_json(&self) -> String {
        let mut out = String::with_capacity(self.text_capacity(64));
        out.push_str(if self.valid { "[true" } else { "[false" });
        for issue in &self.issues {
            // A code and a severity are snake_case names: nothing in them to escape.
            out.push_str(",\"");
            out.push_str(issue.code.as_str());
            out.push_str("\",\"");
            out.push_str(issue.severity.as_str());
            out.push_str("\",");
            crate::json::push_decimal(&mut out, issue.path.len() as u64);
            for segment in &issue.path {
                out.push(',');
                match segment {
                    PathSegment::Key(key) => write_str(&mut out, key),
                    PathSegment::Index(index) => crate::json::push_decimal(&mut out, *index as u64),
                }
            }
            out.push(',');
            write_str(&mut out, &issue.pointer);
            out.push(',');
            write_str(&mut out, &issue.message);
            out.push(',');
            crate::json::push_decimal(&mut out, issue.params.entries.len() as u64);
            for (key, value) in &issue.params.entries {
                out.push(',');
                write_str(&mut out, key);
                out.push(',');
                write_value(&mut out, value);
            }
        }
        out.push(']');
        out
    }
}

/// `{"valid":…,"issues":[…]` (the object left open).
fn write_verdict(out: &mut String, valid: bool, issues: &[Issue<'_>]) {
    out.push_str(if valid {
        r#"{"valid":true,"issues":"#
    } else {
        r#"{"valid":false,"issues":"#
    });
    write_list(out, issues, Issue::write_json);
}

impl<'a> From<Report<'a>> for Verdict<'a> {
    fn from(report: Report<'a>) -> Self {
        Verdict {
            valid: report.valid,
            issues: report.issues,
        }
    }
}

impl Serialize for Verdict<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Verdict", 2)?;
        s.serialize_field("valid", &self.valid)?;
        s.serialize_field("issues", &self.issues)?;
        s.end()
    }
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 4)?;
        s.serialize_field("valid", &self.valid)?;
        s.serialize_field("issues", &self.issues)?;
        s.serialize_field("normalized", &self.normalized)?;
        s.serialize_field("changes", &self.changes)?;
        s.end()
    }
}
