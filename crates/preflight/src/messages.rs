//! What a message is written from: an issue's severity, path and params, with the
//! formatting every message shares. The messages themselves are rows of the code table
//! (`codes.rs`); `join_enum` and `describe_interval` also serve rules and the schedule
//! summaries.

use crate::codes::{self, Code};
use crate::json::{write_number, Value};
use crate::model::Cadence;
use crate::report::{Params, PathSegment, Severity};

/// An issue as its message sees it.
pub(crate) struct Message<'r, 'a> {
    pub severity: Severity,
    pub path: &'r [PathSegment<'a>],
    pub params: &'r Params<'a>,
}

impl Message<'_, '_> {
    /// A param as text: strings as they are, numbers as JavaScript prints them, arrays
    /// as `'a', 'b'`; an absent param is empty.
    pub fn p(&self, key: &str) -> String {
        match self.params.get(key) {
            Some(Value::String(s)) => s.to_string(),
            Some(Value::Number(n)) => {
                let mut out = String::new();
                write_number(&mut out, *n);
                out
            }
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => format!("'{s}'"),
                    other => other.to_json(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(other) => other.to_json(),
            None => String::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'_>> {
        self.params.get(key)
    }

    /// The `options` param as Zod lists them.
    pub fn quoted_options(&self) -> String {
        match self.params.get("options") {
            Some(Value::Array(items)) => join_enum(items.iter().filter_map(Value::as_str)),
            _ => String::new(),
        }
    }

    /// The last step of the path: the field the issue is about.
    pub fn field_name(&self) -> String {
        match self.path.last() {
            Some(PathSegment::Key(k)) => k.to_string(),
            Some(PathSegment::Index(i)) => i.to_string(),
            None => String::from("body"),
        }
    }
}

/// Zod's `joinValues`: `'A' | 'B'`.
pub fn join_enum<'s>(values: impl IntoIterator<Item = &'s str>) -> String {
    values
        .into_iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// "20 minutes", "hour", "2 hours", "30 seconds".
pub fn describe_interval(frequency: f64, cadence: Cadence) -> String {
    let (one, many) = cadence.unit_words();
    if frequency == 1.0 {
        one.to_string()
    } else {
        let mut n = String::new();
        write_number(&mut n, frequency);
        format!("{n} {many}")
    }
}

pub fn render(
    code: Code,
    severity: Severity,
    path: &[PathSegment<'_>],
    params: &Params<'_>,
) -> String {
    codes::render(
        code,
        &Message {
            severity,
            path,
            params,
        },
    )
}
