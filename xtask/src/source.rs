//! A provider's ingest as a value: the [`Source`] trait and the [`SOURCES`] registry that
//! `cargo xtask ingest` runs.
//!
//! Adding a provider is one module implementing [`Source`] and one line in [`SOURCES`].

use std::fmt;
use std::path::Path;

use crate::{highlevel, sfmc};

/// Every provider the ingest generates, in the order it runs them.
pub const SOURCES: &[&dyn Source] = &[&highlevel::HighLevel, &sfmc::Sfmc];

/// One provider's ingest: from the vendor's documents in `data/sources/<provider>/` and the
/// hand-written files in `data/<provider>/` to the generated files of `data/<provider>/`.
pub trait Source: Sync {
    /// The provider's short name: its folders `data/<provider>/` and `data/sources/<provider>/`.
    fn provider(&self) -> &'static str;

    /// The hand-written files the ingest reads besides the vendor's documents (overrides,
    /// curated mappings), relative to the repository root.
    fn curated(&self) -> &'static [&'static str];

    /// Reads the inputs under the repository `root` and returns the files to write (or to
    /// compare, with `--check`). Deterministic: the same inputs give the same bytes.
    fn generate(&self, root: &Path) -> Result<Generated, Error>;
}

/// What one provider's ingest produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files, each once.
    pub files: Vec<GeneratedFile>,
    /// What was read and made, for the person running the ingest: lines ending in `\n`.
    pub summary: String,
}

/// A generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the repository root, under `data/<provider>/`.
    pub path: &'static str,
    /// The whole file.
    pub contents: String,
}

/// Why a provider's ingest stopped: the provider, and its reader's error (which names the
/// file and, when one is to blame, the line).
#[derive(Debug)]
pub struct Error {
    provider: &'static str,
    cause: Box<dyn std::error::Error + Send + Sync>,
}

impl Error {
    /// `provider`'s ingest failed with `cause`.
    pub fn new(
        provider: &'static str,
        cause: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            provider,
            cause: cause.into(),
        }
    }

    /// The provider whose ingest failed.
    pub fn provider(&self) -> &'static str {
        self.provider
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.provider, self.cause)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.cause)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn every_source_generates_files_in_its_own_folder() {
        for source in SOURCES {
            let provider = source.provider();
            let generated = source
                .generate(&root())
                .unwrap_or_else(|e| panic!("{provider}: {e}"));
            assert!(!generated.files.is_empty(), "{provider} generates nothing");
            assert!(generated.summary.ends_with('\n'), "{provider}'s summary");
            let mut paths = BTreeSet::new();
            for file in &generated.files {
                let path = file.path;
                assert!(paths.insert(path), "{path} is generated twice");
                assert!(path.starts_with(&format!("data/{provider}/")), "{path}");
            }
        }
    }

    #[test]
    fn provider_names_are_unique_and_each_has_its_data_folders() {
        let mut seen = BTreeSet::new();
        for source in SOURCES {
            let provider = source.provider();
            assert!(seen.insert(provider), "`{provider}` is registered twice");
            for dir in [
                format!("data/{provider}"),
                format!("data/sources/{provider}"),
            ] {
                assert!(root().join(&dir).is_dir(), "{dir}/ is missing");
            }
            for file in source.curated() {
                assert!(
                    file.starts_with(&format!("data/{provider}/")),
                    "{provider}'s curated input {file} is outside data/{provider}/"
                );
                assert!(root().join(file).is_file(), "{file} is missing");
            }
        }
    }
}
