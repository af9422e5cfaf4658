//! `json_schema(operation)`: a strict draft 2020-12 JSON Schema of what `check` accepts
//! structurally (SPEC §4), built from the same field table the validator walks.
//!
//! It decides exactly the structural codes (`Code::is_structural`); preflight's own
//! rules (overlaps, the request-rate floor, credential shapes…) are beyond JSON Schema
//! and are only described.

use std::borrow::Cow;

use crate::json::Value;
use crate::model::{
    Field, Kind, Operation, CADENCES, DAYS, SCHEDULE_TYPES, TIMEZONES, TIME_PATTERN, URI_PATTERN,
    VENDORS,
};

fn obj<'a>(entries: Vec<(&'static str, Value<'a>)>) -> Value<'a> {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect(),
    )
}

fn strings<'a>(items: &[&'static str]) -> Value<'a> {
    Value::Array(items.iter().map(|s| Value::str(*s)).collect())
}

fn string_enum<'a>(items: &[&'static str]) -> Value<'a> {
    obj(vec![
        ("type", Value::str("string")),
        ("enum", strings(items)),
    ])
}

fn reference<'a>(name: &str) -> Value<'a> {
    obj(vec![("$ref", Value::from(format!("#/$defs/{name}")))])
}

fn property<'a>(field: Field, operation: Operation) -> Value<'a> {
    let mut entries: Vec<(&'static str, Value<'a>)> = match field.kind() {
        Kind::Vendor => vec![("type", Value::str("string")), ("enum", strings(&VENDORS))],
        Kind::Credentials => vec![("type", Value::str("object"))],
        Kind::String => vec![("type", Value::str("string"))],
        Kind::NonEmptyString => vec![
            ("type", Value::str("string")),
            ("minLength", Value::Number(1.0)),
        ],
        Kind::Enum(options) if options == CADENCES.as_slice() => {
            vec![("$ref", Value::str("#/$defs/cadence"))]
        }
        Kind::Enum(options) => vec![("type", Value::str("string")), ("enum", strings(options))],
        Kind::Integer { min, max } => {
            let mut e = vec![
                ("type", Value::str("integer")),
                ("minimum", Value::Number(min)),
            ];
            if let Some(max) = max {
                e.push(("maximum", Value::Number(max)));
            }
            e
        }
        Kind::Number { min } => vec![
            ("type", Value::str("number")),
            ("minimum", Value::Number(min)),
        ],
        Kind::Boolean => vec![("type", Value::str("boolean"))],
        Kind::NullableUri => vec![
            (
                "type",
                Value::Array(vec![Value::str("string"), Value::str("null")]),
            ),
            ("pattern", Value::str(URI_PATTERN)),
        ],
        Kind::Schedule => vec![("$ref", Value::str("#/$defs/custom_sync_schedule"))],
        Kind::Time => vec![("$ref", Value::str("#/$defs/time"))],
        Kind::Timezone => vec![
            ("type", Value::str("string")),
            ("enum", strings(&TIMEZONES)),
        ],
    };
    entries.push(("description", Value::str(field.description())));
    if field.deprecated() {
        entries.push(("deprecated", Value::Bool(true)));
    }
    if operation == Operation::Create {
        if let Some(default) = field.create_default() {
            entries.push(("default", default));
        }
    }
    obj(entries)
}

fn definitions<'a>() -> Value<'a> {
    let slot = obj(vec![
        ("type", Value::str("object")),
        (
            "properties",
            obj(vec![
                ("start", reference("time")),
                ("end", reference("time")),
                (
                    "sync_frequency",
                    obj(vec![("type", Value::str("integer")), ("minimum", Value::Number(1.0))]),
                ),
                ("sync_cadence", reference("cadence")),
            ]),
        ),
        ("required", strings(&["start", "end", "sync_frequency", "sync_cadence"])),
        ("additionalProperties", Value::Bool(false)),
        (
            "description",
            Value::str("Between start and end (local time of the schedule's zone), sync every sync_frequency sync_cadence units, starting at start."),
        ),
    ]);
    let day = obj(vec![
        ("type", Value::str("object")),
        (
            "properties",
            obj(vec![(
                "slots",
                obj(vec![
                    ("type", Value::str("array")),
                    ("items", reference("slot")),
                ]),
            )]),
        ),
        ("required", strings(&["slots"])),
        ("additionalProperties", Value::Bool(false)),
    ]);
    let interval = Value::Object(
        DAYS.iter()
            .map(|d| (Cow::Borrowed(*d), reference("day")))
            .collect(),
    );
    let schedule = obj(vec![
        ("type", Value::str("object")),
        (
            "properties",
            obj(vec![
                ("type", string_enum(&SCHEDULE_TYPES)),
                ("timezone", string_enum(&TIMEZONES)),
                (
                    "interval",
                    obj(vec![
                        ("type", Value::str("object")),
                        ("properties", interval),
                        ("additionalProperties", Value::Bool(false)),
                    ]),
                ),
            ]),
        ),
        ("required", strings(&["type", "timezone", "interval"])),
        ("additionalProperties", Value::Bool(false)),
    ]);
    obj(vec![
        ("cadence", string_enum(&CADENCES)),
        (
            "time",
            obj(vec![
                ("type", Value::str("string")),
                ("pattern", Value::str(TIME_PATTERN)),
                (
                    "description",
                    Value::str("Local wall-clock time HH:MM, 00:00 to 23:59."),
                ),
            ]),
        ),
        ("slot", slot),
        ("day", day),
        ("custom_sync_schedule", schedule),
    ])
}

/// The strict JSON Schema of a request body for `operation`.
pub fn json_schema(operation: Operation) -> Value<'static> {
    let (title, description) = match operation {
        Operation::Update => (
            "Update an integration",
            "Request body of PUT /v1/admin/integrations/{integration_id}/ as preflight accepts it. Every field is optional.",
        ),
        Operation::Create => (
            "Create an integration",
            "Request body of POST /v1/admin/integrations/ as preflight accepts it.",
        ),
    };
    let properties = Value::Object(
        Field::ALL
            .into_iter()
            .filter(|f| f.allowed(operation))
            .map(|f| (Cow::Borrowed(f.name()), property(f, operation)))
            .collect(),
    );
    let mut entries = vec![
        (
            "$schema",
            Value::str("https://json-schema.org/draft/2020-12/schema"),
        ),
        ("title", Value::str(title)),
        ("description", Value::str(description)),
        ("type", Value::str("object")),
        ("properties", properties),
    ];
    let required: Vec<&'static str> = Field::ALL
        .into_iter()
        .filter(|f| f.required(operation))
        .map(Field::name)
        .collect();
    if !required.is_empty() {
        entries.push(("required", strings(&required)));
    }
    entries.push(("additionalProperties", Value::Bool(false)));
    entries.push(("$defs", definitions()));
    obj(entries)
}
