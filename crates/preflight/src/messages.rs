//! What a message is written from: an issue's severity, path and params, with the
//! formatting every message shares. The messages themselves are rows of the code table
//! (`codes.rs`); `join_enum` and `describe_interval` also serve rules and the schedule
//! summaries.

use crate::codes::{self, Code};
use crate::json::{push_decimal, write_number, write_value, Value};
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
        let mut out = String::new();
        self.write_param(&mut out, key);
        out
    }

    fn write_param(&self, out: &mut String, key: &str) {
        match self.params.get(key) {
            Some(Value::String(s)) => out.push_str(s),
            Some(Value::Number(n)) => write_number(out, *n),
            Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match item {
                        Value::String(s) => push_quoted(out, s),
                        other => write_value(out, other),
                    }
                }
            }
            Some(other) => write_value(out, other),
            None => {}
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'_>> {
        self.params.get(key)
    }

    /// The message written from `template`: each `{name}` is the param `name` as [`p`]
    /// writes it, `{@options}` the `options` param as Zod lists enum values and
    /// `{@field}` the field the issue is about.
    ///
    /// [`p`]: Message::p
    pub fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some((text, after)) = rest.split_once('{') {
            out.push_str(text);
            let Some((name, after)) = after.split_once('}') else {
                rest = after;
                break;
            };
            match name {
                "@options" => {
                    if let Some(Value::Array(items)) = self.params.get("options") {
                        join_enum_into(&mut out, &mut items.iter().filter_map(Value::as_str));
                    }
                }
                "@field" => match self.path.last() {
                    Some(PathSegment::Key(k)) => out.push_str(k),
                    Some(PathSegment::Index(i)) => push_decimal(&mut out, *i as u64),
                    None => out.push_str("body"),
                },
                _ => self.write_param(&mut out, name),
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

/// `'text'`.
fn push_quoted(out: &mut String, text: &str) {
    out.push('\'');
    out.push_str(text);
    out.push('\'');
}

/// `items` with `separator` between them: one function for every list the core joins,
/// where `[T]::join` compiles once per item type.
pub(crate) fn join(items: &mut dyn Iterator<Item = &str>, separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out
}

/// Zod's `joinValues`: `'A' | 'B'`.
pub fn join_enum(values: &mut dyn Iterator<Item = &str>) -> String {
    let mut out = String::new();
    join_enum_into(&mut out, values);
    out
}

fn join_enum_into(out: &mut String, values: &mut dyn Iterator<Item = &str>) {
    for (i, value) in values.enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        push_quoted(out, value);
    }
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
