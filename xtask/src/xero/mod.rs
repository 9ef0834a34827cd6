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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use scopewise_model::dataset::{
    Auth, CatalogFile, Changes, EndpointRecord, HttpMethod, LegacyFile, OpenApiInfo, Provenance,
    ScopeRecord, SourceRecord,
};
use scopewise_model::scope_status::ScopeStatus;
use scopewise_model::template::Template;
use sha2::{Digest, Sha256};

use crate::source::{self, Format, Generated, GeneratedFile, Source};
use crate::upstream::UpstreamCopy;
use scopewise_openapi::{self as openapi, Operation, Spec};

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

/// One operation a spec describes, as the catalog will hold it.
#[derive(Debug, Clone)]
struct Described {
    key: String,
    method: HttpMethod,
    template: String,
    scopes: Vec<String>,
    auth: Auth,
    /// One per spec that describes it.
    provenance: Vec<Provenance>,
    openapi: Vec<OpenApiInfo>,
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

/// Reads every spec and builds the catalog.
pub fn ingest(inputs: &Inputs) -> Result<Ingest, XeroError> {
    let curated = Curated::parse(&inputs.curated)?;
    let mut described: BTreeMap<String, (Described, Vec<String>)> = BTreeMap::new();
    let mut declared: BTreeMap<String, Provenance> = BTreeMap::new();
    let mut specs = Vec::new();
    let mut any_of = Vec::new();
    let mut other_methods = Vec::new();
    for file in &inputs.specs {
        if curated.not_operations.iter().any(|n| n.file == file.name()) {
            continue;
        }
        let spec = read(file)?;
        let base = base_path(file, &spec)?;
        for (scope, line) in declared_scopes(&spec, &file.text) {
            declared.entry(scope).or_insert(Provenance {
                source: file.id().to_owned(),
                line,
                scope: String::new(),
                corrected_by: None,
            });
        }
        let mut count = 0;
        for op in &spec.operations {
            let Some(method) = HttpMethod::parse(&op.method) else {
                other_methods.push(format!("{} {base}{} ({})", op.method, op.path, file.name()));
                continue;
            };
            count += 1;
            let d = describe(file, &base, method, op, &mut any_of)?;
            match described.get_mut(&d.key) {
                None => {
                    described.insert(d.key.clone(), (d, vec![file.name().to_owned()]));
                }
                Some((first, files)) => {
                    if first.scopes != d.scopes || first.auth != d.auth {
                        return Err(XeroError::new(
                            &file.path,
                            d.provenance.first().map(|p| p.line),
                            format!(
                                "`{} {}` needs {:?} ({:?}) here but {:?} ({:?}) in {}; the specs disagree and no reading is chosen",
                                method.as_str(),
                                d.template,
                                d.scopes,
                                d.auth,
                                first.scopes,
                                first.auth,
                                files.join(", ")
                            ),
                        ));
                    }
                    files.push(file.name().to_owned());
                    first.provenance.extend(d.provenance);
                    first.openapi.extend(d.openapi);
                }
            }
        }
        specs.push((file.name().to_owned(), base, count));
    }

    let shared: Vec<(String, Vec<String>)> = described
        .values()
        .filter(|(_, files)| files.len() > 1)
        .map(|(d, files)| {
            (
                format!("{} {}", d.method.as_str(), d.template),
                files.clone(),
            )
        })
        .collect();

    // Endpoints in a stable order: by template, then method.
    let mut endpoints: Vec<&Described> = described.values().map(|(d, _)| d).collect();
    endpoints.sort_by(|a, b| (&a.template, a.method).cmp(&(&b.template, b.method)));

    let mut scope_endpoints: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut scope_provenance: BTreeMap<String, Provenance> = BTreeMap::new();
    for e in &endpoints {
        for s in &e.scopes {
            scope_endpoints.entry(s.clone()).or_default().push(format!(
                "{} {}",
                e.method.as_str(),
                e.template
            ));
            if let Some(p) = e.provenance.first() {
                scope_provenance.entry(s.clone()).or_insert(Provenance {
                    scope: s.clone(),
                    ..p.clone()
                });
            }
        }
    }
    for (name, provenance) in &declared {
        scope_endpoints.entry(name.clone()).or_default();
        scope_provenance
            .entry(name.clone())
            .or_insert_with(|| provenance.clone());
    }
    for known in &curated.known_scopes {
        scope_endpoints.entry(known.name.clone()).or_default();
        scope_provenance
            .entry(known.name.clone())
            .or_insert(Provenance {
                source: "curated".to_owned(),
                line: known.line,
                scope: known.name.clone(),
                corrected_by: None,
            });
    }
    let scopes: Vec<ScopeRecord> = scope_endpoints
        .into_iter()
        .map(|(name, endpoints)| ScopeRecord {
            provenance: scope_provenance.remove(&name).into_iter().collect(),
            name,
            status: ScopeStatus::Current,
            access: Vec::new(),
            endpoints,
            webhooks: Vec::new(),
            spellings: Vec::new(),
        })
        .collect();

    let mut sources: Vec<SourceRecord> = inputs
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
    sources.push(curated_source.clone());
    let fingerprint = {
        let mut h = Sha256::new();
        for s in &sources {
            h.update(s.sha256.as_bytes());
        }
        sha256_hex(&h.finalize())[..16].to_owned()
    };

    let catalog = CatalogFile {
        provider: PROVIDER.to_owned(),
        api_host: API_HOST.to_owned(),
        token_types: Vec::new(),
        fingerprint,
        sources,
        scopes,
        endpoints: endpoints
            .iter()
            .map(|d| EndpointRecord {
                method: d.method,
                path: d.template.clone(),
                scopes: d.scopes.clone(),
                access: Vec::new(),
                provenance: d.provenance.clone(),
                reference: None,
                auth: d.auth,
                openapi: d.openapi.clone(),
            })
            .collect(),
        webhooks: Vec::new(),
        user_permission_scopes: Vec::new(),
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

/// The base path of the spec's one server, which must be on [`API_HOST`] over https.
fn base_path(file: &SpecFile, spec: &Spec) -> Result<String, XeroError> {
    let [server] = spec.servers.as_slice() else {
        return Err(XeroError::new(
            &file.path,
            None,
            format!("expected one server URL, found {}", spec.servers.len()),
        ));
    };
    if server.host.as_deref() != Some(API_HOST) || !server.url.starts_with("https://") {
        return Err(XeroError::new(
            &file.path,
            None,
            format!("server `{}` is not on https://{API_HOST}", server.url),
        ));
    }
    Ok(server.base_path.trim_end_matches('/').to_owned())
}

/// One operation as the catalog holds it.
fn describe(
    file: &SpecFile,
    base: &str,
    method: HttpMethod,
    op: &Operation,
    any_of: &mut Vec<(String, Vec<String>)>,
) -> Result<Described, XeroError> {
    // The reader's line of the operation; a spec written in flow style has none, and the
    // path's line is searched for instead.
    let line = op
        .location
        .line
        .unwrap_or_else(|| operation_line(&file.text, &op.path, &op.method.to_lowercase()));
    let joined = format!("{base}{}", op.path);
    let template = Template::parse(&joined).map_err(|e| {
        XeroError::new(
            &file.path,
            Some(line),
            format!("`{joined}` is not a template: {e}"),
        )
    })?;
    let template = template.to_string();
    let key = format!(
        "{} {}",
        method.as_str(),
        Template::parse(&template).map_or_else(|_| template.clone(), |t| t.shape())
    );
    let mut scopes = BTreeSet::new();
    for requirement in &op.security.alternatives {
        let in_requirement: Vec<String> = requirement
            .schemes
            .iter()
            .flat_map(|(_, s)| s.iter().cloned())
            .collect();
        if in_requirement.len() > 1 {
            any_of.push((
                format!("{} {template}", method.as_str()),
                in_requirement.clone(),
            ));
        }
        scopes.extend(in_requirement);
    }
    let auth = if op.security.needs_no_auth() {
        Auth::None
    } else if scopes.is_empty() {
        Auth::Token
    } else {
        Auth::Scopes
    };
    let security = op
        .security
        .alternatives
        .iter()
        .map(|r| r.schemes.iter().cloned().collect())
        .collect();
    Ok(Described {
        key,
        method,
        template,
        scopes: scopes.into_iter().collect(),
        auth,
        provenance: vec![Provenance {
            source: file.id().to_owned(),
            line,
            scope: String::new(),
            corrected_by: None,
        }],
        openapi: vec![OpenApiInfo {
            source: file.id().to_owned(),
            line,
            pointer: op.location.pointer.clone(),
            path: op.path.clone(),
            operation_id: op.operation_id.clone(),
            summary: op.summary.clone(),
            security,
            tokens: Vec::new(),
            private_integration: Vec::new(),
            versions: Vec::new(),
            version_added: None,
            deprecated: op.deprecated,
            replacement: None,
        }],
    })
}

/// The scopes the spec's security schemes declare (as the reader gives them), each with the
/// line of its key under `securitySchemes:` (1 when it cannot be found: flow style).
fn declared_scopes(spec: &Spec, yaml: &str) -> Vec<(String, u32)> {
    let schemes_at = yaml
        .lines()
        .position(|l| l.trim() == "securitySchemes:")
        .unwrap_or(0);
    let line_of = |scope: &str| {
        yaml.lines()
            .enumerate()
            .skip(schemes_at)
            .find(|(_, l)| {
                let t = l.trim_start();
                t.strip_prefix(scope)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
            .map_or(1, |(i, _)| (i + 1) as u32)
    };
    let mut out: Vec<(String, u32)> = spec
        .declared_scopes()
        .map(|(_, scope)| (scope.to_owned(), line_of(scope)))
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The 1-based line of `method:` under `path:` in the spec's `paths`, or the line of the
/// path when the method's cannot be found.
fn operation_line(yaml: &str, path: &str, method: &str) -> u32 {
    let mut in_paths = false;
    let mut path_line = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "paths:" {
            in_paths = true;
            continue;
        }
        if !in_paths {
            continue;
        }
        if !line.starts_with(' ') && !trimmed.is_empty() {
            in_paths = false;
            continue;
        }
        if path_line.is_none() {
            let key = trimmed.trim_start();
            if (key == format!("{path}:")
                || key == format!("'{path}':")
                || key == format!("\"{path}\":"))
                && line.len() - key.len() == 2
            {
                path_line = Some(i);
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent <= 2 && !trimmed.is_empty() {
            break;
        }
        if indent == 4 && trimmed.trim_start() == format!("{method}:") {
            return (i + 1) as u32;
        }
    }
    path_line.map_or(1, |l| (l + 1) as u32)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
