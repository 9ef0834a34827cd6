//! A user's OpenAPI spec as a dataset, for `include_catalog!(openapi = "spec.yaml")` and the
//! references into it (`scope!(openapi = "spec.yaml" in CATALOG: "pets.read")`).
//!
//! The path is relative to the file that invokes the macro, as `include_str!` reads it; the
//! spec is read by `scopewise_openapi` and made a dataset by the same rule as
//! `scopewise --spec` (`CatalogBuilder`, the OpenAPI reading of a requirement), then validated
//! like a committed dataset.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use scopewise_model::dataset::LegacyFile;
use scopewise_model::validate;

use super::endpoints::Dataset;
use super::{Cache, DataError, display_path, file_error};

/// The provider name of a catalog built from a spec.
pub const PROVIDER: &str = "spec";

/// `path` as the invoking file sees it: relative to that file's directory (an absolute path
/// is kept; without a known file, relative to the current directory).
pub fn resolve(path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    // The compiler names the invoking file relative to its working directory (or
    // absolutely); the result is made absolute, so that the expansion's `include_bytes!`,
    // which resolves relative paths against the invoking file, reads the same file.
    let cwd = std::env::current_dir().unwrap_or_default();
    let base = proc_macro::is_available()
        .then(|| proc_macro::Span::call_site().local_file())
        .flatten()
        .and_then(|file| file.parent().map(|dir| cwd.join(dir)));
    normalize(&base.unwrap_or(cwd).join(path))
}

/// `path` without `.` and `..` components (lexically; the file is then read as named).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The dataset of the spec at `path`, reused while its bytes are unchanged.
pub fn load(path: &Path) -> Result<Arc<Dataset>, Vec<DataError>> {
    static CACHE: Cache<Dataset> = Cache::new();
    let (dir, name) = match (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(name)) => (dir, name),
        _ => return Err(vec![file_error(path, "not a file path")]),
    };
    CACHE.load(dir, PROVIDER, &[name], |files| {
        let Some((file, bytes)) = files.into_iter().next() else {
            return Err(vec![file_error(path, "was not read")]);
        };
        parse(file, bytes)
    })
}

fn parse(file: PathBuf, bytes: &[u8]) -> Result<Dataset, Vec<DataError>> {
    let shown = display_path(&file);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| vec![file_error(&file, format!("not UTF-8: {e}"))])?;
    let spec = scopewise_openapi::read_spec(&shown, text).map_err(|e| {
        vec![DataError::file(
            shown.as_str(),
            format!("{}: {}", e.at, e.message),
        )]
    })?;
    let catalog =
        scopewise_openapi::catalog::from_spec(&spec, text, &shown, PROVIDER).map_err(|e| {
            let at = match e.line {
                Some(line) => format!("{shown}:{line}"),
                None => shown.clone(),
            };
            vec![DataError::file(at, e.message)]
        })?;
    let legacy = LegacyFile::none(PROVIDER);
    let resolved = validate::catalog(catalog, legacy, &shown, &shown)?;
    Ok(Dataset {
        catalog_file: file.clone(),
        legacy_file: file,
        resolved,
    })
}
