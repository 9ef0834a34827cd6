//! A provider's ingest as a value: the [`Source`] trait, the [`SOURCES`] registry that
//! `cargo xtask ingest` runs, and the one [`header`] every generated file starts with.
//!
//! Adding a provider is one module implementing [`Source`] and one line in [`SOURCES`].

use std::fmt;
use std::path::Path;

use crate::{highlevel, sfmc, xero};

/// Every provider the ingest generates, in the order it runs them.
pub const SOURCES: &[&dyn Source] = &[&highlevel::HighLevel, &sfmc::Sfmc, &xero::Xero];

/// One provider's ingest: from the vendor's documents in `data/sources/<provider>/` and the
/// hand-written files in `data/<provider>/` to the generated files of `data/<provider>/`.
pub trait Source: Sync {
    /// The provider's short name: its folders `data/<provider>/` and `data/sources/<provider>/`.
    fn provider(&self) -> &'static str;

    /// The hand-written files the ingest reads besides the vendor's documents (overrides,
    /// curated mappings), relative to the repository root. The [`header`] names them.
    fn curated(&self) -> &'static [&'static str];

    /// The folders of `../shared/upstream/` the provider copies into
    /// `data/sources/<provider>/`, byte for byte; `cargo xtask sources --check` holds every
    /// copy to its original (see [`crate::upstream`]). None by default.
    fn upstream(&self) -> &'static [crate::upstream::UpstreamCopy] {
        &[]
    }

    /// Reads the inputs under the repository `root` and returns the files to write (or to
    /// compare, with `--check`). Deterministic: the same inputs give the same bytes. Every
    /// file starts with [`header`].
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
    /// The whole file, [`header`] included.
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

/// The comment syntax of a generated file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `#` line comments.
    Yaml,
    /// One HTML comment.
    Markdown,
}

impl Format {
    /// The format of `path`, by its extension.
    pub fn of(path: &str) -> Option<Self> {
        match Path::new(path).extension()?.to_str()? {
            "yaml" | "yml" => Some(Self::Yaml),
            "md" => Some(Self::Markdown),
            _ => None,
        }
    }
}

/// A generated YAML file of `provider`: the shared [`header`], then `value` as YAML. The
/// dataset files hold strings, numbers, enums, options, maps and sequences, all of which YAML
/// represents, so serialization cannot fail.
pub fn yaml_file<T: serde::Serialize + ?Sized>(
    provider: &str,
    curated: &[&str],
    value: &T,
) -> String {
    #[allow(clippy::expect_used)]
    let body = serde_yaml::to_string(value).expect("a dataset file always serializes to YAML");
    format!("{}{body}", header(Format::Yaml, provider, curated))
}

/// The first lines of every generated file of every provider: where it comes from (the
/// provider's sources folder and its `curated` files) and that it must not be edited.
/// Comments of the format, so that no reader of the file sees them.
pub fn header(format: Format, provider: &str, curated: &[&str]) -> String {
    let folder = format!("data/sources/{provider}/");
    let mut inputs: Vec<&str> = vec![&folder];
    inputs.extend(curated);
    let inputs = match inputs.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => folder.clone(),
    };
    let change = match curated.len() {
        0 => "run `cargo xtask ingest` again after a source changes".to_owned(),
        n => format!(
            "change the hand-written {} and run `cargo xtask ingest`",
            if n == 1 { "input" } else { "inputs" }
        ),
    };
    let lines = [
        format!("Generated by `cargo xtask ingest` from {inputs}."),
        format!("Do not edit: {change}. Field reference: data/README.md."),
    ];
    match format {
        Format::Yaml => lines.iter().map(|l| format!("# {l}\n")).collect(),
        Format::Markdown => format!("<!-- {}\n     {} -->\n", lines[0], lines[1]),
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

    #[test]
    fn there_is_one_source_for_each_provider_of_the_list() {
        let sources: Vec<&str> = SOURCES.iter().map(|s| s.provider()).collect();
        let listed: Vec<&str> = scopewise_model::providers::PROVIDERS
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            sources, listed,
            "SOURCES must follow scopewise_model::for_each_provider!, in its order"
        );
    }

    #[test]
    fn every_generated_file_starts_with_the_shared_header() {
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
                let format = Format::of(path).unwrap_or_else(|| panic!("{path}: no format"));
                let header = header(format, provider, source.curated());
                assert!(
                    file.contents.starts_with(&header),
                    "{path} does not start with\n{header}"
                );
            }
        }
    }

    #[test]
    fn the_header_names_the_sources_folder_and_every_curated_input() {
        assert_eq!(
            header(Format::Yaml, "p", &["data/p/a.yaml"]),
            "# Generated by `cargo xtask ingest` from data/sources/p/ and data/p/a.yaml.\n\
             # Do not edit: change the hand-written input and run `cargo xtask ingest`. \
             Field reference: data/README.md.\n"
        );
        assert_eq!(
            header(
                Format::Markdown,
                "p",
                &["data/p/a.yaml", "data/p/b.yaml", "data/p/c.yaml"]
            ),
            "<!-- Generated by `cargo xtask ingest` from data/sources/p/, data/p/a.yaml, \
             data/p/b.yaml and data/p/c.yaml.\n     \
             Do not edit: change the hand-written inputs and run `cargo xtask ingest`. \
             Field reference: data/README.md. -->\n"
        );
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(Format::of("data/p/catalog.yaml"), Some(Format::Yaml));
        assert_eq!(Format::of("data/p/anomalies.md"), Some(Format::Markdown));
        assert_eq!(Format::of("data/p/catalog.json"), None);
    }
}
