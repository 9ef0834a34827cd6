//! The HighLevel scope tables → `data/highlevel/{catalog,legacy}.yaml` and `anomalies.md`.
//!
//! Pipeline: [`rows::parse_source`] reads each copy's table (layout flaws become
//! anomalies), [`rules::check`] flags rows attributed to the wrong scope, [`overrides::apply`]
//! applies the curated corrections, missing access types are inherited from the same item's
//! other rows, and [`merge::merge`] builds the records. Any anomaly that needs review and
//! has no answer stops the ingest, so nothing doubtful reaches the dataset unseen.
//! Then [`reference_merge::merge_reference`] merges the API reference's pages: their title,
//! `Version` header and token types, and the endpoints no table lists (with an undocumented
//! scope).

pub mod anomaly;
pub mod cells;
pub mod error;
pub mod merge;
pub mod older_edition;
pub mod openapi_merge;
pub mod overrides;
pub mod reference_merge;
pub mod report;
pub mod rows;
pub mod rules;
pub mod summary;
pub mod table;
pub mod translation;
pub mod webhook_pages;

use std::collections::BTreeMap;

use scopewise_model::access::Access;
use scopewise_model::dataset::{CatalogFile, SourceRecord};
use sha2::{Digest, Sha256};

use anomaly::{Anomaly, AnomalyKind, Resolution};
use error::{IngestError, Location};
use merge::{Item, Merged, items};
use rows::{ParsedSource, SourceSpec};

use crate::source::{self, Generated, GeneratedFile, Source};

/// The provider's short name.
pub const PROVIDER: &str = "highlevel";
/// The host of the LeadConnector API.
pub const API_HOST: &str = "services.leadconnectorhq.com";

/// The newest table (cut off after `payments/coupons.write`).
pub const CURRENT: SourceSpec = SourceSpec {
    id: "current",
    path: "data/sources/highlevel/highlevel-scopes-current.md",
};
/// The complete table as of 2025-10-11.
pub const SNAPSHOT: SourceSpec = SourceSpec {
    id: "snapshot-2025-10-11",
    path: "data/sources/highlevel/highlevel-scopes-2025-10-11.md",
};
/// The legacy (v1) table, in Spanish.
pub const LEGACY: SourceSpec = SourceSpec {
    id: "legacy-v1-es",
    path: "data/sources/highlevel/highlevel-scopes-v1-legacy-es.md",
};
/// All scope tables, in provenance order.
pub const SOURCES: [SourceSpec; 3] = [CURRENT, SNAPSHOT, LEGACY];
/// The API reference dump: endpoint pages, not a scope table (see [`reference_merge`]).
pub const REFERENCE: SourceSpec = SourceSpec {
    id: "api-reference",
    path: "data/sources/highlevel/highlevel-api-reference.txt",
};

/// The folder of the sources whose id is their path inside it (`openapi-v2/contacts.json`).
pub const SOURCES_DIR: &str = "data/sources/highlevel";

/// The path of the source with id `id` (a scope table, the reference, or a file of
/// [`SOURCES_DIR`] named by its relative path); `id` itself if unknown.
pub fn source_path(id: &str) -> String {
    SOURCES
        .iter()
        .chain([&REFERENCE])
        .find(|s| s.id == id)
        .map_or_else(
            || {
                if id.contains('/') {
                    format!("{SOURCES_DIR}/{id}")
                } else {
                    id.to_owned()
                }
            },
            |s| s.path.to_owned(),
        )
}

/// The OpenAPI spec folders under [`SOURCES_DIR`], v2 then v3.
pub const OPENAPI_DIRS: [&str; 2] = ["openapi-v2", "openapi-v3"];

/// Report and sort order of sources: the tables in [`SOURCES`] order, then the reference.
pub fn source_rank(id: &str) -> usize {
    SOURCES
        .iter()
        .chain([&REFERENCE])
        .position(|s| s.id == id)
        .unwrap_or(usize::MAX)
}
/// The curated corrections.
pub const OVERRIDES: &str = "data/highlevel/overrides.yaml";

/// Where the outputs go, relative to the repository root.
pub const CATALOG_PATH: &str = "data/highlevel/catalog.yaml";
/// The legacy table and its changes.
pub const LEGACY_PATH: &str = "data/highlevel/legacy.yaml";
/// The human-readable anomaly report.
pub const REPORT_PATH: &str = "data/highlevel/anomalies.md";

/// The hand-written inputs: the overrides and what the OpenAPI specs' scheme names mean.
pub const CURATED: [&str; 2] = [OVERRIDES, openapi_merge::MEANING];

/// What HighLevel's documentation repository gives, copied byte for byte (CC0 1.0): the v2
/// and v3 OpenAPI specs, the scope tables and the webhook event pages.
pub const UPSTREAM: [UpstreamCopy; 4] = [
    UpstreamCopy {
        from: "highlevel-api-docs/apps",
        into: "openapi-v2",
        ending: ".json",
    },
    UpstreamCopy {
        from: "highlevel-api-docs/apps/v3",
        into: "openapi-v3",
        ending: ".json",
    },
    UpstreamCopy {
        from: "highlevel-api-docs/docs/oauth",
        into: "oauth",
        ending: ".md",
    },
    UpstreamCopy {
        from: "highlevel-api-docs/docs/webhook-events",
        into: "webhook-events",
        ending: ".md",
    },
];

/// The HighLevel ingest, as `cargo xtask ingest` runs it (see [`crate::source::SOURCES`]).
#[derive(Debug, Clone, Copy)]
pub struct HighLevel;

use crate::upstream::UpstreamCopy;

impl Source for HighLevel {
    fn provider(&self) -> &'static str {
        PROVIDER
    }

    fn curated(&self) -> &'static [&'static str] {
        &CURATED
    }

    fn upstream(&self) -> &'static [UpstreamCopy] {
        &UPSTREAM
    }

    fn generate(&self, root: &std::path::Path) -> Result<Generated, source::Error> {
        let fail = |e| source::Error::new(PROVIDER, e);
        let ingest = Inputs::read(root)
            .and_then(|inputs| ingest(&inputs))
            .map_err(fail)?;
        let files = outputs(&ingest)
            .into_iter()
            .map(|(path, contents)| GeneratedFile { path, contents })
            .collect();
        Ok(Generated {
            files,
            summary: summary::render(&ingest),
        })
    }
}

/// The file contents the ingest reads.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Each source's bytes, in [`SOURCES`] order.
    pub sources: [Vec<u8>; 3],
    /// `overrides.yaml`.
    pub overrides: String,
    /// The API reference dump ([`REFERENCE`]).
    pub reference: Vec<u8>,
    /// The OpenAPI specs, v2 then v3, each folder in file-name order: (source id, bytes).
    pub specs: Vec<(String, Vec<u8>)>,
    /// `data/highlevel/openapi.yaml`.
    pub openapi_meaning: String,
    /// The webhook event pages in file-name order: (source id, bytes).
    pub webhook_pages: Vec<(String, Vec<u8>)>,
    /// The English legacy table ([`translation::ENGLISH`]).
    pub english_legacy: Vec<u8>,
    /// The older edition of the scope table ([`older_edition::OLDER`]).
    pub older_edition: Vec<u8>,
}

impl Inputs {
    /// Reads the inputs from the repository at `root`.
    pub fn read(root: &std::path::Path) -> Result<Self, IngestError> {
        let read = |path: &str| {
            std::fs::read(root.join(path))
                .map_err(|e| IngestError::at(Location::file(path), format!("cannot read: {e}")))
        };
        let overrides = String::from_utf8(read(OVERRIDES)?)
            .map_err(|_| IngestError::at(Location::file(OVERRIDES), "not UTF-8"))?;
        // Every file of a source folder with the given ending, sorted by name, read as bytes
        // and named by its path under the sources folder.
        let folder_files =
            |dir: &str, ending: &str| -> Result<Vec<(String, Vec<u8>)>, IngestError> {
                let folder = format!("{SOURCES_DIR}/{dir}");
                let cannot = |e: std::io::Error| {
                    IngestError::at(Location::file(&folder), format!("cannot read: {e}"))
                };
                let mut names = Vec::new();
                for entry in std::fs::read_dir(root.join(&folder)).map_err(cannot)? {
                    let name = entry
                        .map_err(cannot)?
                        .file_name()
                        .to_string_lossy()
                        .into_owned();
                    if name.ends_with(ending) {
                        names.push(name);
                    }
                }
                names.sort();
                names
                    .into_iter()
                    .map(|name| {
                        let id = format!("{dir}/{name}");
                        Ok((id.clone(), read(&format!("{SOURCES_DIR}/{id}"))?))
                    })
                    .collect()
            };
        let mut specs = Vec::new();
        for dir in OPENAPI_DIRS {
            specs.extend(folder_files(dir, ".json")?);
        }
        let webhook_pages = folder_files(webhook_pages::DIR, ".md")?;
        let openapi_meaning = String::from_utf8(read(openapi_merge::MEANING)?)
            .map_err(|_| IngestError::at(Location::file(openapi_merge::MEANING), "not UTF-8"))?;
        Ok(Self {
            english_legacy: read(translation::ENGLISH.path)?,
            older_edition: read(older_edition::OLDER.path)?,
            webhook_pages,
            specs,
            openapi_meaning,
            sources: [
                read(CURRENT.path)?,
                read(SNAPSHOT.path)?,
                read(LEGACY.path)?,
            ],
            overrides,
            reference: read(REFERENCE.path)?,
        })
    }
}

/// Row accounting for one source: every table row is used or rejected, none is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounting {
    /// The source's id.
    pub source: &'static str,
    /// Table body rows in the file.
    pub rows: u32,
    /// Rows whose content is in the dataset (cited in some record's provenance).
    pub used: u32,
    /// Rows not used, each with a `row not used` anomaly saying why.
    pub rejected: u32,
}

/// Everything the ingest produced.
#[derive(Debug, Clone)]
pub struct Ingest {
    /// The sources as read and corrected.
    pub sources: Vec<ParsedSource>,
    /// Every anomaly, sorted by source order, line and kind.
    pub anomalies: Vec<Anomaly>,
    /// The merge's result.
    pub merged: Merged,
    /// `catalog.yaml`.
    pub catalog: CatalogFile,
    /// `legacy.yaml`.
    pub legacy: scopewise_model::dataset::LegacyFile,
    /// Row accounting per source.
    pub accounting: Vec<Accounting>,
    /// Page accounting of the API reference.
    pub reference: reference_merge::PageAccounting,
    /// Operation accounting of the OpenAPI specs, v2 and v3.
    pub openapi: Vec<openapi_merge::SpecAccounting>,
    /// Page accounting of the webhook event pages.
    pub webhook_pages: webhook_pages::PageAccounting,
    /// The English legacy table against the Spanish copy.
    pub translation: translation::TranslationCheck,
    /// The older edition of the scope table against the dataset.
    pub older_edition: older_edition::OlderAccounting,
    /// The endpoints after the API reference's merge, before the OpenAPI specs': what the
    /// tables and the reference say.
    pub reference_endpoints: Vec<scopewise_model::dataset::EndpointRecord>,
}

/// Runs the pipeline on in-memory inputs.
pub fn ingest(inputs: &Inputs) -> Result<Ingest, IngestError> {
    let mut sources = Vec::new();
    let mut anomalies = Vec::new();
    let mut files = Vec::new();
    for (spec, bytes) in SOURCES.iter().zip(&inputs.sources) {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| IngestError::at(Location::file(spec.path), format!("not UTF-8: {e}")))?;
        let parsed = rows::parse_source(*spec, text)?;
        anomalies.extend(parsed.anomalies.iter().cloned());
        anomalies.extend(rules::check(&parsed.rows));
        files.push(SourceRecord {
            id: spec.id.to_owned(),
            path: spec.path.to_owned(),
            sha256: hex(&Sha256::digest(bytes)),
            table_rows: parsed.table_rows,
            pages: None,
        });
        sources.push(parsed);
    }

    let overrides = overrides::load(OVERRIDES, &inputs.overrides)?;
    overrides::apply(OVERRIDES, &overrides, &mut sources, &mut anomalies)?;
    inherit_access(&mut sources, &mut anomalies);

    let unresolved: Vec<String> = anomalies
        .iter()
        .filter(|a| matches!(a.resolution, Resolution::Unresolved { .. }))
        .map(|a| {
            let path = source_path(a.source);
            format!(
                "  {path}:{}: {}: {} — {}",
                a.line, a.kind, a.detail, a.resolution
            )
        })
        .collect();
    if !unresolved.is_empty() {
        return Err(IngestError::at(
            Location::file(OVERRIDES),
            format!(
                "{} anomalies need a reviewed override (add an entry with `answers`, `rows`, `action` and `reason`):\n{}",
                unresolved.len(),
                unresolved.join("\n")
            ),
        ));
    }

    let merged = merge::merge(&sources[0], &sources[1], &sources[2])?;
    anomalies.extend(merged.anomalies.iter().cloned());

    let reference_text = std::str::from_utf8(&inputs.reference)
        .map_err(|e| IngestError::at(Location::file(REFERENCE.path), format!("not UTF-8: {e}")))?;
    let reference = reference_merge::merge_reference(reference_text, &merged.current.endpoints)?;
    anomalies.extend(reference.anomalies.iter().cloned());
    files.push(SourceRecord {
        id: REFERENCE.id.to_owned(),
        path: REFERENCE.path.to_owned(),
        sha256: hex(&Sha256::digest(&inputs.reference)),
        table_rows: 0,
        pages: Some(reference.accounting.found),
    });

    let mut specs = Vec::new();
    for (id, bytes) in &inputs.specs {
        let path = source_path(id);
        let text = String::from_utf8(bytes.clone())
            .map_err(|e| IngestError::at(Location::file(&path), format!("not UTF-8: {e}")))?;
        files.push(SourceRecord {
            id: id.clone(),
            path: path.clone(),
            sha256: hex(&Sha256::digest(bytes)),
            table_rows: 0,
            pages: None,
        });
        specs.push(openapi_merge::SpecInput {
            // The ingest is one short run; its anomalies name sources by `&'static str`.
            id: Box::leak(id.clone().into_boxed_str()),
            path,
            text,
        });
    }
    let reference_endpoints = reference.endpoints;
    let openapi = openapi_merge::merge_openapi(
        &specs,
        &inputs.openapi_meaning,
        &overrides.openapi,
        reference_endpoints.clone(),
        merged.current.scopes.clone(),
    )?;
    anomalies.extend(openapi.anomalies.iter().cloned());
    // A reference-only endpoint that the specs document says so where it was reported.
    for a in anomalies
        .iter_mut()
        .filter(|a| a.kind == AnomalyKind::ReferenceOnlyEndpoint)
    {
        let Resolution::Kept(done) = &a.resolution else {
            continue;
        };
        let Some(e) = openapi
            .endpoints
            .iter()
            .find(|e| a.detail.starts_with(&format!("`{}`", e.display_name())))
        else {
            continue;
        };
        let now = match e.auth {
            scopewise_model::dataset::Auth::None => "no token and no scope needed".to_owned(),
            scopewise_model::dataset::Auth::Token => "a token, scope not stated".to_owned(),
            scopewise_model::dataset::Auth::Scopes if e.scopes.is_empty() => continue,
            scopewise_model::dataset::Auth::Scopes => format!("scope {}", e.scopes.join(" or ")),
        };
        a.resolution = Resolution::Kept(format!(
            "{done}; then documented by the OpenAPI specs: {now}"
        ));
    }

    let mut pages = Vec::new();
    for (id, bytes) in &inputs.webhook_pages {
        let path = source_path(id);
        let text = String::from_utf8(bytes.clone())
            .map_err(|e| IngestError::at(Location::file(&path), format!("not UTF-8: {e}")))?;
        files.push(SourceRecord {
            id: id.clone(),
            path,
            sha256: hex(&Sha256::digest(bytes)),
            table_rows: 0,
            pages: None,
        });
        pages.push(webhook_pages::PageInput {
            id: Box::leak(id.clone().into_boxed_str()),
            text,
        });
    }
    let english = std::str::from_utf8(&inputs.english_legacy).map_err(|e| {
        IngestError::at(
            Location::file(translation::ENGLISH.path),
            format!("not UTF-8: {e}"),
        )
    })?;
    let legacy_text = std::str::from_utf8(&inputs.sources[2])
        .map_err(|e| IngestError::at(Location::file(LEGACY.path), format!("not UTF-8: {e}")))?;
    let translation = translation::check(english, legacy_text)?;
    anomalies.extend(translation.anomalies.iter().cloned());
    files.push(SourceRecord {
        id: translation::ENGLISH.id.to_owned(),
        path: translation::ENGLISH.path.to_owned(),
        sha256: hex(&Sha256::digest(&inputs.english_legacy)),
        table_rows: translation.english_rows,
        pages: None,
    });
    let mut webhooks = merged.current.webhooks.clone();
    let webhook_accounting = webhook_pages::merge_pages(&pages, &mut webhooks, &mut anomalies)?;

    let older_text = std::str::from_utf8(&inputs.older_edition).map_err(|e| {
        IngestError::at(
            Location::file(older_edition::OLDER.path),
            format!("not UTF-8: {e}"),
        )
    })?;
    let mut endpoints = openapi.endpoints;
    let older = older_edition::check(older_text, &mut endpoints, &mut webhooks, &mut anomalies)?;
    files.push(SourceRecord {
        id: older_edition::OLDER.id.to_owned(),
        path: older_edition::OLDER.path.to_owned(),
        sha256: hex(&Sha256::digest(&inputs.older_edition)),
        table_rows: older.rows,
        pages: None,
    });

    anomalies.sort_by(|a, b| {
        (source_rank(a.source), a.source, a.line, a.kind, &a.detail).cmp(&(
            source_rank(b.source),
            b.source,
            b.line,
            b.kind,
            &b.detail,
        ))
    });

    let fingerprint = {
        let mut h = Sha256::new();
        for f in &files {
            h.update(f.id.as_bytes());
            h.update(f.sha256.as_bytes());
        }
        h.update(inputs.overrides.as_bytes());
        h.update(inputs.openapi_meaning.as_bytes());
        hex(&h.finalize())[..16].to_owned()
    };
    let legacy_file = files[2].clone();
    let catalog = CatalogFile {
        provider: PROVIDER.to_owned(),
        api_host: API_HOST.to_owned(),
        // HighLevel's two kinds of token; the runtime numbers them in this order.
        token_types: Access::ALL.to_vec(),
        fingerprint,
        sources: files,
        scopes: openapi.scopes,
        endpoints,
        webhooks,
        user_permission_scopes: reference.user_permission_scopes,
    };
    let legacy = merge::legacy_table(PROVIDER, legacy_file, &merged);
    let accounting = sources
        .iter()
        .map(|s| {
            let rejected = merged.rejected.get(s.spec.id).map_or(0, |l| l.len() as u32);
            Accounting {
                source: s.spec.id,
                rows: s.table_rows,
                used: s.table_rows - rejected,
                rejected,
            }
        })
        .collect();
    Ok(Ingest {
        sources,
        anomalies,
        merged,
        catalog,
        legacy,
        accounting,
        reference: reference.accounting,
        openapi: openapi.accounting,
        webhook_pages: webhook_accounting,
        translation,
        older_edition: older,
        reference_endpoints,
    })
}

/// A row without an access type takes it from another row of the same scope that lists
/// the same item in the same copy; otherwise it stays unresolved (and needs an override).
fn inherit_access(sources: &mut [ParsedSource], anomalies: &mut [Anomaly]) {
    for source in sources.iter_mut() {
        let mut known: BTreeMap<(String, Item), (u32, Vec<scopewise_model::access::Access>)> =
            BTreeMap::new();
        for row in &source.rows {
            if let Some(access) = &row.access {
                for item in items(row) {
                    known
                        .entry((row.effective_scope.clone(), item))
                        .or_insert((row.line, access.clone()));
                }
            }
        }
        for a in anomalies.iter_mut().filter(|a| {
            a.source == source.spec.id
                && a.kind == AnomalyKind::MissingAccess
                && matches!(a.resolution, Resolution::Unresolved { .. })
        }) {
            let Some(row) = source.rows.iter_mut().find(|r| r.line == a.line) else {
                continue;
            };
            let found = items(row)
                .into_iter()
                .find_map(|item| known.get(&(row.effective_scope.clone(), item)).cloned());
            if let Some((line, access)) = found {
                a.resolution = Resolution::Inherited(format!(
                    "line {line} lists the same item under the same scope with {}",
                    access
                        .iter()
                        .map(|a| rows::access_code(*a))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                row.access = Some(access);
            }
        }
    }
}

/// The files the ingest writes: (path relative to the root, content).
pub fn outputs(ingest: &Ingest) -> Vec<(&'static str, String)> {
    vec![
        (
            CATALOG_PATH,
            source::yaml_file(PROVIDER, &CURATED, &ingest.catalog),
        ),
        (
            LEGACY_PATH,
            source::yaml_file(PROVIDER, &CURATED, &ingest.legacy),
        ),
        (REPORT_PATH, report::render(ingest)),
    ]
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
