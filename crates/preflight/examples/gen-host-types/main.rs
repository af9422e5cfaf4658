//! Writes the host files generated from the core (`files.rs` lists them):
//! `cargo run -p propexo-preflight --example gen-host-types`. Run it after changing a vocabulary
//! or the credential table; `tests/host_types.rs` fails until then.

#![allow(clippy::print_stdout)] // a command: it says what it wrote

mod files;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (path, text) in files::files() {
        std::fs::write(root.join(path), text)?;
        println!("wrote {path}");
    }
    Ok(())
}
