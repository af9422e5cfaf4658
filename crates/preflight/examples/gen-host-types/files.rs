//! The host files generated from the core: the vocabulary types of the npm and PyPI
//! packages and the credential-shapes table the hosts' tests compare against. Shared by
//! the `gen-host-types` example, which writes them, and `tests/host_types.rs`, which
//! fails when a committed file is not what this would write.

use preflight::model::{CADENCES, DAYS, OPERATIONS, SYSTEMS, TIMEZONES, VENDORS};
use preflight::{Code, Severity};

pub const COMMAND: &str = "cargo run -p propexo-preflight --example gen-host-types";

/// Each generated file: its path from the repository root, and its text.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("bindings/js/js/vocab.d.ts", typescript()),
        (
            "bindings/python/python/propexo_preflight/_vocab.py",
            python(),
        ),
        ("tests/credential-shapes.json", credential_shapes()),
    ]
}

/// Each vocabulary: its name in TypeScript, in Python, and its values from the core.
fn vocabularies() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("Operation", "Operation", OPERATIONS.to_vec()),
        ("Vendor", "Vendor", VENDORS.to_vec()),
        ("Cadence", "Cadence", CADENCES.to_vec()),
        ("System", "System", SYSTEMS.to_vec()),
        ("Timezone", "Timezone", TIMEZONES.to_vec()),
        ("Day", "Weekday", DAYS.to_vec()),
        (
            "Severity",
            "Severity",
            Severity::ALL.map(Severity::as_str).to_vec(),
        ),
        (
            "IssueCode",
            "IssueCode",
            Code::ALL.map(Code::as_str).to_vec(),
        ),
    ]
}

fn typescript() -> String {
    let mut out = format!(
        "// Generated from the Rust core by `{COMMAND}`: do not edit.\n\
         // The names the core accepts and reports; index.d.ts re-exports them.\n"
    );
    for (name, _, values) in vocabularies() {
        out.push_str(&format!("\nexport type {name} =\n"));
        let lines: Vec<String> = values.iter().map(|v| format!("  | '{v}'")).collect();
        out.push_str(&lines.join("\n"));
        out.push_str(";\n");
    }
    out
}

fn python() -> String {
    let mut out = format!(
        "# Generated from the Rust core by `{COMMAND}`: do not edit.\n\
         \"\"\"The names the core accepts and reports, for ``_types.py`` and ``__init__.pyi``.\"\"\"\n\n\
         from typing import Literal\n"
    );
    for (_, name, values) in vocabularies() {
        out.push_str(&format!("\n{name} = Literal[\n"));
        for value in values {
            out.push_str(&format!("    \"{value}\",\n"));
        }
        out.push_str("]\n");
    }
    out
}

fn credential_shapes() -> String {
    let mut out = preflight::json::to_json_pretty(&preflight::credential_shapes());
    out.push('\n');
    out
}
