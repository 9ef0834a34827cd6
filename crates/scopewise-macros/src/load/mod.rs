//! The second stage: a provider's dataset read from `data/<provider>/` (or the directory
//! `path = ".."` names) and validated by `scopewise_model::validate`, the same rules the
//! ingest runs. One module per capability; which providers there are is
//! `scopewise_model::providers`.

pub mod endpoints;
pub mod groups;
pub mod spec;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use scopewise_model::validate::DataError;

/// Validated datasets by directory, provider and the bytes of their files: every
/// `endpoint!` or `scope!` in a crate reads the same files, which are parsed and validated
/// once.
pub struct Cache<T> {
    entries: Mutex<Vec<CacheEntry<T>>>,
}

/// (directory, provider, each file's bytes, the dataset).
type CacheEntry<T> = (PathBuf, String, Vec<Vec<u8>>, Arc<T>);

impl<T> Cache<T> {
    /// An empty cache, for a `static`.
    pub const fn new() -> Self {
        Self {
            entries: Mutex::new(Vec::new()),
        }
    }

    /// The dataset of `provider` in `dir` made of the files `names`: read, then parsed by
    /// `parse` (each file's path and bytes, in the order of `names`) unless the same bytes
    /// were parsed before. A file that cannot be read is an error naming it.
    pub fn load(
        &self,
        dir: &Path,
        provider: &str,
        names: &[&str],
        parse: impl FnOnce(Vec<(PathBuf, &[u8])>) -> Result<T, Vec<DataError>>,
    ) -> Result<Arc<T>, Vec<DataError>> {
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => files.push((path, bytes)),
                Err(e) => return Err(vec![file_error(&path, format!("cannot read: {e}"))]),
            }
        }
        // A poisoned lock only means another expansion panicked; the cache is consistent.
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same = |(d, p, bytes, _): &&CacheEntry<T>| {
            d == dir && p == provider && bytes.iter().eq(files.iter().map(|(_, b)| b))
        };
        if let Some((.., dataset)) = entries.iter().find(same) {
            return Ok(Arc::clone(dataset));
        }
        let dataset = Arc::new(parse(
            files.iter().map(|(p, b)| (p.clone(), &b[..])).collect(),
        )?);
        entries.retain(|(d, p, ..)| !(d == dir && p == provider));
        let bytes = files.into_iter().map(|(_, b)| b).collect();
        entries.push((
            dir.to_path_buf(),
            provider.to_owned(),
            bytes,
            Arc::clone(&dataset),
        ));
        Ok(dataset)
    }
}

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
