//! What the end-to-end tests of the `scopewise` binary share: where the repository is, and
//! the binary itself, built once per test process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Builds the binary once (cargo reuses what `cargo test` already compiled) and returns it.
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        escargot::CargoBuild::new()
            .package("scopewise-cli")
            .bin("scopewise")
            .manifest_path(root().join("Cargo.toml"))
            .run()
            .expect("build the scopewise binary")
            .path()
            .to_path_buf()
    })
}

/// Runs the binary from the repository root, without colour: (exit code, stdout, stderr).
// Not every test file that includes this module runs the binary this way.
#[allow(dead_code)]
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(binary())
        .args(args)
        .current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .output()
        .expect("run scopewise");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
