//! `--spec FILE`: a user's OpenAPI spec as a catalog, for every command that reads an
//! endpoint catalog.
//!
//! The spec is read by `scopewise_openapi` (OpenAPI 3.0 or 3.1, JSON or YAML, located
//! errors), turned into a dataset by the same rule as the bundled Xero catalog but with the
//! OpenAPI reading of a requirement (every scope of one requirement is required together),
//! validated like a committed dataset, and built into a catalog for this run
//! (`scopewise::dynamic`). Requests are matched on the host of the spec's first server.

use std::path::Path;

use scopewise::Catalog;

use crate::input;

/// The name catalogs built from a spec have in messages and reports.
pub const PROVIDER: &str = "spec";

/// Reads the spec at `path` and builds its catalog, or says what is wrong and where.
pub fn load(path: &Path) -> Result<&'static Catalog, String> {
    let shown = path.display().to_string();
    let cap = u64::try_from(scopewise_openapi::MAX_SPEC_BYTES).unwrap_or(u64::MAX);
    let text = input::read_text(path, "OpenAPI spec", cap).map_err(|e| e.message)?;
    let spec = scopewise_openapi::read_spec(&shown, &text).map_err(|e| e.to_string())?;
    let file = scopewise_openapi::catalog::from_spec(&spec, &text, &shown, PROVIDER)
        .map_err(|e| e.to_string())?;
    scopewise::dynamic::leak_catalog(file, &shown).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}
