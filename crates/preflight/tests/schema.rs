//! The exported JSON Schema and `check` agree on every vector: a body passes the schema
//! exactly when `check` finds no structural error (SPEC §4). Uses the `jsonschema` crate,
//! which stays a dev-dependency: it must never reach the browser build.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use preflight::{Operation, Options, Value};

fn validator(operation: Operation) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&preflight::json_schema(operation).to_json()).unwrap();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the exported schema is a valid draft 2020-12 schema"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn schema_and_check_agree_on_every_vector() {
    let update = validator(Operation::Update);
    let create = validator(Operation::Create);
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for path in common::vector_files() {
        let vector = preflight::parse(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .into_owned();
        let vector = vector.as_object().unwrap();
        if vector.get("usage_error").is_some() {
            continue; // bad options: no report to compare
        }
        let options = Options::from_value(vector.get("options").unwrap()).unwrap();
        if options.coerce {
            continue; // the schema describes the strict form
        }
        let text = match (vector.get("body_text"), vector.get("body")) {
            (Some(Value::String(t)), _) => t.to_string(),
            (_, Some(body)) => body.to_json(),
            _ => unreachable!(),
        };
        // Text serde_json cannot read (lone surrogates, 1e400, a BOM) has no JSON Schema verdict.
        let Ok(instance) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let report = preflight::check(&text, &options);
        // The nesting limit is a resource bound of preflight's, not a shape rule: JSON
        // Schema has no depth limit, so these bodies have no comparable verdict.
        if report
            .issues
            .iter()
            .any(|i| i.code == preflight::Code::NestingTooDeep)
        {
            continue;
        }
        let structurally_valid = !report.errors().any(|i| i.code.is_structural());
        let validator = match options.operation {
            Operation::Update => &update,
            Operation::Create => &create,
        };
        compared += 1;
        if validator.is_valid(&instance) != structurally_valid {
            disagreements.push(format!(
                "{}: schema says {}, check says {}",
                path.display(),
                validator.is_valid(&instance),
                structurally_valid
            ));
        }
    }
    assert!(compared >= 150, "compared only {compared} vectors");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn schema_is_strict_where_the_published_one_is_loose() {
    let update = validator(Operation::Update);
    let slot = |start: &str| {
        serde_json::json!({"custom_sync_schedule": {"type": "WEEK_BASED", "timezone": "UTC",
            "interval": {"MONDAY": {"slots": [{"start": start, "end": "17:00", "sync_frequency": 1, "sync_cadence": "HOUR"}]}}}})
    };
    assert!(update.is_valid(&slot("09:00")));
    assert!(
        !update.is_valid(&slot("x09:00y")),
        "the time pattern is anchored"
    );
    assert!(
        !update.is_valid(&serde_json::json!({"nmae": "x"})),
        "unknown keys fail"
    );
    assert!(
        !update.is_valid(&serde_json::json!({"based_on_integration_id": "x"})),
        "create-only field"
    );
    let create = validator(Operation::Create);
    assert!(
        !create.is_valid(&serde_json::json!({"name": "x"})),
        "create requires vendor and credentials"
    );
    assert!(create.is_valid(
        &serde_json::json!({"name": "x", "integration_vendor": "YARDI", "credentials": {}})
    ));
}

#[test]
fn base_url_pattern_is_the_validators_uri_check() {
    // Found by the differential test (tests/differential): `format: "uri"` asserted RFC
    // 3986, which takes `http://` and `a:` and refuses `a:[`, unlike the validator.
    for operation in [Operation::Update, Operation::Create] {
        let schema = validator(operation);
        for uri in [
            "https://api.example.com/v1?a=b#c",
            "urn:isbn:123",
            "http://x",
            "https://user@h:8080/p",
            "a:[",
            "https://x/a[1]",
            "a:b%20c",
            "a:",
            "http://",
            "https://:80",
            "x://u@",
            "x://u@:1/p",
            "x://u@@h",
            "a:b%2",
            "a:b%zz",
            "1a:b",
            "a b:c",
            "a:b c",
            "a:é",
            "a:b\n",
            "",
        ] {
            let body = serde_json::json!({"base_url": uri});
            let options = Options {
                operation,
                ..Options::default()
            };
            let text = body.to_string();
            let report = preflight::check(&text, &options);
            let structurally_valid = !report.errors().any(|i| i.code.is_structural());
            assert_eq!(
                schema.is_valid(&body),
                structurally_valid,
                "{uri:?}: schema and check disagree"
            );
        }
    }
}

#[test]
fn defaults_are_documented_on_create_only_and_cadences_share_one_definition() {
    let property = |operation: Operation, name: &str| {
        let schema: serde_json::Value =
            serde_json::from_str(&preflight::json_schema(operation).to_json()).unwrap();
        schema["properties"][name].clone()
    };
    let create = property(Operation::Create, "sync_frequency");
    assert_eq!(create["default"], serde_json::json!(12));
    assert_eq!(create["type"], "integer");
    assert!(property(Operation::Update, "sync_frequency")
        .get("default")
        .is_none());
    assert_eq!(property(Operation::Create, "active")["default"], false);
    assert!(property(Operation::Create, "name").get("default").is_none());
    for name in ["sync_cadence", "max_request_cadence"] {
        for operation in [Operation::Update, Operation::Create] {
            assert_eq!(
                property(operation, name)["$ref"],
                "#/$defs/cadence",
                "{name}"
            );
        }
    }
    assert_eq!(
        property(Operation::Create, "sync_cadence")["default"],
        "HOUR"
    );
}
