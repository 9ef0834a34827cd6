//! Xero: its OpenAPI specs (`data/sources/xero/openapi/`, copies of
//! `../shared/upstream/xero-openapi/`) and `data/xero/curated.yaml` → `data/xero/`.
//!
//! Several APIs share the host `api.xero.com`, each under the base path of its `servers` URL
//! (`/api.xro/2.0`, `/payroll.xro/2.0`, ...): an endpoint's template is the base path and the
//! operation's path. The payroll specs of three regions share `/payroll.xro/2.0`, and the
//! accounting spec describes some operations under two parameter names; an operation
//! described more than once is one endpoint when every description agrees on what it needs,
//! and an error naming both when they do not (nothing is guessed).
//!
//! What the specs cannot say is in the curated file, each with its reason: that one security
//! requirement listing `accounting.transactions` and `accounting.transactions.read` means
//! either one (Xero's reading, not the OpenAPI rule), the scopes no operation carries
//! (`offline_access`, `openid`, `profile`, `email`), and the spec that describes no operation.
//! Xero's tokens all work alike: the catalog declares no token types.

mod curated;
mod report;

use std::fmt;
use std::path::Path;

use scopewise_model::dataset::{CatalogFile, Changes, LegacyFile, Provenance, SourceRecord};
use scopewise_openapi::catalog::{CatalogBuilder, Reading};
use scopewise_openapi::{self as openapi, Spec};
use sha2::{Digest, Sha256};

use crate::source::{self, Format, Generated, GeneratedFile, Source};
use crate::upstream::UpstreamCopy;

pub use curated::Curated;

/// The provider's short name.
pub const PROVIDER: &str = "xero";
/// The one host of every Xero API.
pub const API_HOST: &str = "api.xero.com";
/// Where the specs are copied, relative to the repository root.
pub const SPECS_DIR: &str = "data/sources/xero/openapi";
/// What the specs cannot say.
pub const CURATED_PATH: &str = "data/xero/curated.yaml";
/// The hand-written inputs.
pub const CURATED: [&str; 1] = [CURATED_PATH];
/// The catalog.
pub const CATALOG_PATH: &str = "data/xero/catalog.yaml";
/// The (empty) legacy table.
pub const LEGACY_PATH: &str = "data/xero/legacy.yaml";
/// The report of what the ingest read and decided.
pub const REPORT_PATH: &str = "data/xero/anomalies.md";

/// Xero's OpenAPI repository, copied byte for byte: the specs, and the MIT license that
/// must travel with them.
pub const UPSTREAM: [UpstreamCopy; 2] = [
    UpstreamCopy {
        from: "xero-openapi",
        into: "openapi",
        ending: ".yaml",
    },
    UpstreamCopy {
        from: "xero-openapi",
        into: "openapi",
        ending: "LICENSE",
    },
];

/// The Xero ingest, as `cargo xtask ingest` runs it.
#[derive(Debug, Clone, Copy)]
pub struct Xero;

impl Source for Xero {
    fn provider(&self) -> &'static str {
        PROVIDER
    }

    fn curated(&self) -> &'static [&'static str] {
        &CURATED
    }

    fn upstream(&self) -> &'static [UpstreamCopy] {
        &UPSTREAM
    }

    fn generate(&self, root: &Path) -> Result<Generated, source::Error> {
        let fail = |e: XeroError| source::Error::new(PROVIDER, e);
        let inputs = Inputs::read(root).map_err(fail)?;
        let ingest = ingest(&inputs).map_err(fail)?;
        let files = vec![
            GeneratedFile {
                path: CATALOG_PATH,
                contents: source::yaml_file(PROVIDER, &CURATED, &ingest.catalog),
            },
            GeneratedFile {
                path: LEGACY_PATH,
                contents: source::yaml_file(PROVIDER, &CURATED, &ingest.legacy),
            },
            GeneratedFile {
                path: REPORT_PATH,
                contents: format!(
                    "{}{}",
                    source::header(Format::Markdown, PROVIDER, &CURATED),
                    report::render(&ingest)
                ),
            },
        ];
        Ok(Generated {
            files,
            summary: format!("{}\n", ingest.summary()),
        })
    }
}

/// Why the Xero ingest stopped: the file (and line, where one is to blame) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XeroError {
    /// The file, relative to the repository root.
    pub file: String,
    /// The 1-based line, when one is to blame.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl XeroError {
    fn new(file: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for XeroError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for XeroError {}

/// One spec as read: its repository path, its text and its digest.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// Relative to the repository root: `data/sources/xero/openapi/xero_accounting.yaml`.
    pub path: String,
    /// The file's text.
    pub text: String,
}

impl SpecFile {
    /// The id provenance uses: the path under `data/sources/xero/`.
    pub fn id(&self) -> &str {
        self.path
            .strip_prefix("data/sources/xero/")
            .unwrap_or(&self.path)
    }

    /// The file name.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// Everything the ingest reads.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The specs, by file name.
    pub specs: Vec<SpecFile>,
    /// `data/xero/curated.yaml`'s text.
    pub curated: String,
}

impl Inputs {
    /// Reads the specs (every `*.yaml` of [`SPECS_DIR`], by name) and the curated file.
    pub fn read(root: &Path) -> Result<Self, XeroError> {
        let dir = root.join(SPECS_DIR);
        let entries =
            std::fs::read_dir(&dir).map_err(|e| XeroError::new(SPECS_DIR, None, e.to_string()))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(XeroError::new(SPECS_DIR, None, "no `*.yaml` spec"));
        }
        let mut specs = Vec::with_capacity(names.len());
        for name in names {
            let path = format!("{SPECS_DIR}/{name}");
            let text = std::fs::read_to_string(root.join(&path))
                .map_err(|e| XeroError::new(&path, None, format!("cannot read: {e}")))?;
            specs.push(SpecFile { path, text });
        }
        let curated = std::fs::read_to_string(root.join(CURATED_PATH))
            .map_err(|e| XeroError::new(CURATED_PATH, None, format!("cannot read: {e}")))?;
        Ok(Self { specs, curated })
    }
}

/// What the ingest made, and what it saw on the way.
#[derive(Debug, Clone)]
pub struct Ingest {
    /// The catalog.
    pub catalog: CatalogFile,
    /// The empty legacy table.
    pub legacy: LegacyFile,
    /// The curated file, parsed.
    pub curated: Curated,
    /// Per spec read for operations: (file name, base path, operations).
    pub specs: Vec<(String, String, usize)>,
    /// Operations described more than once, alike (by payroll specs sharing a base path, or by
    /// one spec under two parameter names): (`METHOD /template`, the spec of each description).
    pub shared: Vec<(String, Vec<String>)>,
    /// Operations whose one requirement lists several scopes, read as any one of them.
    pub any_of: Vec<(String, Vec<String>)>,
    /// Operations with a method the catalog does not hold (`HEAD`, `OPTIONS`, `TRACE`).
    pub other_methods: Vec<String>,
}

impl Ingest {
    /// One line for the person running the ingest.
    pub fn summary(&self) -> String {
        format!(
            "xero: {} specs, {} endpoints ({} described more than once, alike), {} scopes, {} read as any-of",
            self.specs.len(),
            self.catalog.endpoints.len(),
            self.shared.len(),
            self.catalog.scopes.len(),
            self.any_of.len()
        )
    }
}

/// Reads every spec and builds the catalog through the generic builder
/// ([`scopewise_openapi::catalog`]), reading one requirement's scopes as any one of them
/// (the curated file says why), then adds what only the curated file knows.
pub fn ingest(inputs: &Inputs) -> Result<Ingest, XeroError> {
    let curated = Curated::parse(&inputs.curated)?;
    let mut builder = CatalogBuilder::new(API_HOST, Reading::AnyOfWithinRequirement);
    for file in &inputs.specs {
        if curated.not_operations.iter().any(|n| n.file == file.name()) {
            continue;
        }
        let spec = read(file)?;
        builder
            .add(
                &spec,
                &file.text,
                file.id(),
                Some(&sha256_hex(file.text.as_bytes())),
            )
            .map_err(|e| XeroError::new(&file.path, e.line, e.message))?;
    }
    for known in &curated.known_scopes {
        builder.add_known_scope(
            &known.name,
            Provenance {
                source: "curated".to_owned(),
                line: known.line,
                scope: known.name.clone(),
                corrected_by: None,
            },
        );
    }
    let name = |id: &str| id.rsplit('/').next().unwrap_or(id).to_owned();
    let specs = builder
        .operations()
        .iter()
        .map(|(id, base, count)| (name(id), base.clone(), *count))
        .collect();
    let shared = builder
        .shared()
        .into_iter()
        .map(|(endpoint, ids)| (endpoint, ids.iter().map(|id| name(id)).collect()))
        .collect();
    let any_of = builder.any_of().to_vec();
    let other_methods = builder.other_methods().to_vec();

    let mut catalog = builder.finish(PROVIDER);
    // Every spec (read for operations or not) and the curated file are sources, and the
    // fingerprint covers them all.
    catalog.sources = inputs
        .specs
        .iter()
        .map(|f| SourceRecord {
            id: f.id().to_owned(),
            path: f.path.clone(),
            sha256: sha256_hex(f.text.as_bytes()),
            table_rows: 0,
            pages: None,
        })
        .collect();
    let curated_source = SourceRecord {
        id: "curated".to_owned(),
        path: CURATED_PATH.to_owned(),
        sha256: sha256_hex(inputs.curated.as_bytes()),
        table_rows: 0,
        pages: None,
    };
    catalog.sources.push(curated_source.clone());
    catalog.fingerprint = {
        let mut h = Sha256::new();
        for s in &catalog.sources {
            h.update(s.sha256.as_bytes());
        }
        sha256_hex(&h.finalize())[..16].to_owned()
    };
    let legacy = LegacyFile {
        provider: PROVIDER.to_owned(),
        source: SourceRecord {
            id: "no-legacy-table".to_owned(),
            ..curated_source
        },
        scopes: Vec::new(),
        endpoints: Vec::new(),
        webhooks: Vec::new(),
        changes: Changes::default(),
    };
    Ok(Ingest {
        catalog,
        legacy,
        curated,
        specs,
        shared,
        any_of,
        other_methods,
    })
}

/// A spec through the generic reader (`scopewise_openapi`, YAML read as it is).
fn read(file: &SpecFile) -> Result<Spec, XeroError> {
    openapi::read_spec(file.id(), &file.text)
        .map_err(|e| XeroError::new(&file.path, None, format!("{}: {}", e.at, e.message)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
