//! Salesforce Marketing Cloud Engagement (SFMC) installed-package scopes → `data/sfmc/`.
//!
//! Three steps, each testable alone:
//!
//! 1. [`parse_page`] reads the vendor page (`data/sources/sfmc/…`, a byte-for-byte copy) into
//!    groups, levels, descriptions and the SOAP table, and records which construct consumed
//!    every line ([`SfmcPage::lines`]).
//! 2. [`CuratedMapping::parse`] reads `data/sfmc/tokens.yaml`, the hand-written mapping from
//!    group display names to token prefixes plus the tokens that exist but the page does not
//!    document.
//! 3. [`build_catalog`] checks the mapping against the page and joins them into the
//!    [`SfmcCatalogFile`]; [`render_yaml`] gives the committed file.
//!
//! [`read_catalog`] runs all three from a repository root; [`Sfmc`] is the [`Source`] that
//! `cargo xtask ingest` runs, which writes the result to [`CATALOG_PATH`] (or compares it,
//! with `--check`).

mod catalog;
mod error;
mod mapping;
mod page;

use std::path::Path;

use scopewise_model::sfmc::SfmcCatalogFile;
use scopewise_model::sfmc_vocabulary::TokenStatus;

use crate::source::{self, Generated, GeneratedFile, Source};

pub use catalog::{build_catalog, render_yaml, snake_case};
pub use error::{SfmcError, SfmcErrorKind};
pub use mapping::CuratedMapping;
pub use page::{
    LineRole, PageGroup, ScopesSentence, SfmcPage, SoapSplit, TABLE_HEADER, parse_page,
    parse_scopes_sentence, soap_row_splits, split_soap_row,
};

/// The provider's short name.
pub const PROVIDER: &str = "sfmc";
/// The vendor page, relative to the repository root.
pub const SOURCE_PATH: &str = "data/sources/sfmc/sfmc-installed-package-scopes.txt";
/// The curated token mapping (input, written by hand).
pub const MAPPING_PATH: &str = "data/sfmc/tokens.yaml";
/// The generated catalog (output).
pub const CATALOG_PATH: &str = "data/sfmc/catalog.yaml";
/// The hand-written inputs.
pub const CURATED: [&str; 1] = [MAPPING_PATH];

/// Reads `path` (relative to `root`) as UTF-8; errors name `path`, and the line of the
/// first invalid byte.
pub fn read_text(root: &Path, path: &str) -> Result<String, SfmcError> {
    let bytes = std::fs::read(root.join(path))
        .map_err(|e| SfmcError::in_file(path, None, SfmcErrorKind::Io(e)))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let newlines = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let line = u32::try_from(newlines + 1).ok();
            Err(SfmcError::in_file(path, line, SfmcErrorKind::NotUtf8))
        }
    }
}

/// Parses the page and the mapping under `root` and joins them into the catalog.
pub fn read_catalog(root: &Path) -> Result<SfmcCatalogFile, SfmcError> {
    let source = read_text(root, SOURCE_PATH)?;
    let mapping = read_text(root, MAPPING_PATH)?;
    let page = parse_page(&source, SOURCE_PATH)?;
    let curated = CuratedMapping::parse(&mapping, MAPPING_PATH)?;
    build_catalog(&page, &curated, source.as_bytes())
}

/// The SFMC ingest, as `cargo xtask ingest` runs it (see [`crate::source::SOURCES`]).
#[derive(Debug, Clone, Copy)]
pub struct Sfmc;

impl Source for Sfmc {
    fn provider(&self) -> &'static str {
        PROVIDER
    }

    fn curated(&self) -> &'static [&'static str] {
        &CURATED
    }

    fn generate(&self, root: &Path) -> Result<Generated, source::Error> {
        let catalog = read_catalog(root).map_err(|e| source::Error::new(PROVIDER, e))?;
        let undocumented = catalog
            .tokens
            .iter()
            .filter(|t| t.status == TokenStatus::UndocumentedHere)
            .count();
        let summary = format!(
            "{PROVIDER}: {} groups, {} scope tokens ({undocumented} not documented on the page), {} SOAP objects\n",
            catalog.groups.len(),
            catalog.tokens.len(),
            catalog.soap_objects.len()
        );
        Ok(Generated {
            files: vec![GeneratedFile {
                path: CATALOG_PATH,
                contents: render_yaml(&catalog),
            }],
            summary,
        })
    }
}

#[cfg(test)]
mod tests;
