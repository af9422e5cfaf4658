//! The JSON Schemas the package's `jsonSchema()` returns are data files generated from
//! the core (`preflight::json_schema`), so the browser module carries no schema code.
//! This test proves the files are the core's output, byte for byte; after a change to
//! the schema, `BLESS=1 cargo test -p preflight-wasm --test schema_data` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use preflight::Operation;

#[test]
fn schema_files_are_the_core_export() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let mut stale = Vec::new();
    for (name, operation) in [("update", Operation::Update), ("create", Operation::Create)] {
        let path = dir.join(format!("{name}.json"));
        let expected = format!("{}\n", preflight::json_schema(operation).to_json());
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from preflight::json_schema: \
         BLESS=1 cargo test -p preflight-wasm --test schema_data"
    );
}
