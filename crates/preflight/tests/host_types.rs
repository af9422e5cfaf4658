//! The generated host files are what the core generates now.

#[path = "../examples/gen-host-types/files.rs"]
mod files;

#[test]
fn generated_host_files_are_fresh() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let stale: Vec<&str> = files::files()
        .into_iter()
        .filter(|(path, text)| std::fs::read_to_string(root.join(path)).ok().as_ref() != Some(text))
        .map(|(path, _)| path)
        .collect();
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `{}`",
        files::COMMAND
    );
}
