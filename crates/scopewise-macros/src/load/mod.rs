//! The second stage: a provider's dataset read from `data/<provider>/` (or the directory
//! `path = ".."` names) and validated by `scopewise_model::validate`, the same rules the
//! ingest runs. One module per capability; which providers there are is
//! `scopewise_model::providers`.

pub mod endpoints;
pub mod groups;

use std::path::{Path, PathBuf};

pub use scopewise_model::validate::DataError;

/// A problem with the whole of `file`, named relative to the repository root.
pub fn file_error(file: &Path, message: impl Into<String>) -> DataError {
    DataError::file(display_path(file), message)
}

/// The scopewise repository root, from this crate's own manifest directory (never the
/// caller's), so the macros find the data from any crate that depends on scopewise by path.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The committed dataset directory of `provider`: `data/<provider>`.
pub fn data_dir(provider: &str) -> PathBuf {
    workspace_root().join("data").join(provider)
}

/// `dir` as given to `include_catalog!(.., path = "dir")`: absolute, or relative to the root.
pub fn resolve_dir(dir: &str) -> PathBuf {
    let path = Path::new(dir);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        workspace_root().join(path)
    }
}

/// How messages name a file: relative to the repository root when inside it, so that
/// messages (and the reviewed `.stderr` files) are the same on every machine.
pub fn display_path(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
