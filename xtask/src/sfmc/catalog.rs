//! Joining the parsed page with the curated mapping into `data/sfmc/catalog.yaml`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use scopewise_model::sfmc::{FileDigest, Group, GroupLevel, SfmcCatalogFile, Token};
use scopewise_model::sfmc_vocabulary::{Level, TokenStatus};

use super::error::{SfmcError, SfmcErrorKind};
use super::mapping::CuratedMapping;
use super::page::{SfmcPage, sha256_hex};

/// The display name in lower snake case: `Journeys (Interactions)` → `journeys_interactions`.
///
/// A prefix equal to this is "obvious"; any other prefix needs a `reason`.
pub fn snake_case(name: &str) -> String {
    // The same words as the runtime and the macros read (`&` is `and`).
    scopewise_model::words::normalized(name, '_')
}

/// `[a-z0-9]+` words joined by single `_`, starting with a letter.
fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split('_').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A note that is present must say something.
fn check_note(
    curated: &CuratedMapping,
    (key, entry, nth): (&str, &str, usize),
    field: &'static str,
    note: Option<&str>,
) -> Result<(), SfmcError> {
    match note {
        Some(n) if n.trim().is_empty() => Err(curated.error_at(
            key,
            entry,
            nth,
            SfmcErrorKind::EmptyNote {
                entry: entry.to_owned(),
                field,
            },
        )),
        _ => Ok(()),
    }
}

/// Builds the catalog from the parsed page, the curated mapping, and the page's bytes.
///
/// Checks the mapping against the page: every group has exactly one entry, every entry names
/// a group of the page, prefixes and tokens are lower snake case and distinct, a prefix other
/// than the snake-case display name has a `reason`, notes are not empty, and no
/// undocumented token is one the page documents. Errors name the mapping file and the entry's
/// line, or the page and the group's line for an unmapped group.
///
/// The output is deterministic: groups and SOAP objects in page order, tokens sorted.
pub fn build_catalog(
    page: &SfmcPage,
    curated: &CuratedMapping,
    source_bytes: &[u8],
) -> Result<SfmcCatalogFile, SfmcError> {
    let source_sha256 = sha256_hex(source_bytes);
    if source_sha256 != page.sha256 {
        return Err(SfmcError::in_file(
            &page.file,
            None,
            SfmcErrorKind::SourceMismatch,
        ));
    }

    // Curated entries by group name, with their checks.
    let mut prefixes: BTreeMap<&str, &scopewise_model::sfmc::GroupPrefix> = BTreeMap::new();
    let mut prefix_owner: BTreeMap<&str, &str> = BTreeMap::new();
    let groups_so_far = |i: usize, name: &str| {
        curated.mapping.groups[..i]
            .iter()
            .filter(|e| e.name == name)
            .count()
    };
    for (i, entry) in curated.mapping.groups.iter().enumerate() {
        // Blame this entry's own line, also when its name repeats an earlier entry's.
        let nth = groups_so_far(i, &entry.name);
        let here = |kind| curated.error_at("name", &entry.name, nth, kind);
        if !page.groups.iter().any(|g| g.name == entry.name) {
            return Err(here(SfmcErrorKind::MappingForUnknownGroup {
                group: entry.name.clone(),
            }));
        }
        if prefixes.insert(&entry.name, entry).is_some() {
            return Err(here(SfmcErrorKind::DuplicateMapping {
                group: entry.name.clone(),
            }));
        }
        if !is_snake_case(&entry.prefix) {
            return Err(here(SfmcErrorKind::NotSnakeCase {
                what: "prefix",
                value: entry.prefix.clone(),
            }));
        }
        if let Some(first) = prefix_owner.insert(&entry.prefix, &entry.name) {
            return Err(here(SfmcErrorKind::DuplicatePrefix {
                prefix: entry.prefix.clone(),
                first_group: first.to_owned(),
            }));
        }
        check_note(
            curated,
            ("name", &entry.name, nth),
            "reason",
            entry.reason.as_deref(),
        )?;
        let snake_name = snake_case(&entry.name);
        if entry.prefix != snake_name && entry.reason.is_none() {
            return Err(here(SfmcErrorKind::ReasonRequired {
                group: entry.name.clone(),
                prefix: entry.prefix.clone(),
                snake_name,
            }));
        }
    }

    let mut groups = Vec::with_capacity(page.groups.len());
    // token → (group, level, page line) for documented tokens.
    let mut documented: BTreeMap<String, (&str, Level, u32)> = BTreeMap::new();
    for g in &page.groups {
        let Some(entry) = prefixes.get(g.name.as_str()) else {
            return Err(SfmcError::at(
                &page.file,
                g.line,
                SfmcErrorKind::UnmappedGroup {
                    group: g.name.clone(),
                    mapping_file: curated.file.clone(),
                },
            ));
        };
        let mut levels = Vec::with_capacity(g.levels.len());
        for &level in &g.levels {
            let token = format!("{}_{}", entry.prefix, level.as_str());
            if documented
                .insert(token.clone(), (&g.name, level, g.scopes_line))
                .is_some()
            {
                return Err(SfmcError::at(
                    &page.file,
                    g.scopes_line,
                    SfmcErrorKind::DuplicateToken { token },
                ));
            }
            levels.push(GroupLevel { level, token });
        }
        groups.push(Group {
            name: g.name.clone(),
            prefix: entry.prefix.clone(),
            prefix_reason: entry.reason.clone(),
            description: g.description.clone(),
            levels,
            line: g.line,
            scopes_line: g.scopes_line,
        });
    }

    let mut tokens: BTreeMap<String, Token> = documented
        .iter()
        .map(|(token, &(group, level, line))| {
            let record = Token {
                token: token.clone(),
                status: TokenStatus::Documented,
                group: Some(group.to_owned()),
                level: Some(level),
                line: Some(line),
                evidence: None,
                reason: None,
            };
            (token.clone(), record)
        })
        .collect();

    let undocumented = &curated.mapping.undocumented;
    for (i, u) in undocumented.iter().enumerate() {
        let nth = undocumented[..i]
            .iter()
            .filter(|e| e.token == u.token)
            .count();
        let here = |kind| curated.error_at("token", &u.token, nth, kind);
        if !is_snake_case(&u.token) {
            return Err(here(SfmcErrorKind::NotSnakeCase {
                what: "token",
                value: u.token.clone(),
            }));
        }
        let entry = ("token", u.token.as_str(), nth);
        check_note(curated, entry, "evidence", Some(&u.evidence))?;
        check_note(curated, entry, "reason", Some(&u.reason))?;
        if let Some(&(group, _, page_line)) = documented.get(&u.token) {
            return Err(here(SfmcErrorKind::UndocumentedIsDocumented {
                token: u.token.clone(),
                group: group.to_owned(),
                page_line,
            }));
        }
        // The group is the one with the longest prefix the token starts with; the level is
        // the rest, when it is a level word (`event_notification_callback_create` has no
        // group here, `offline` neither).
        let owner = groups
            .iter()
            .filter_map(|g| {
                let rest = u.token.strip_prefix(g.prefix.as_str())?.strip_prefix('_')?;
                Some((g, rest))
            })
            .max_by_key(|(g, _)| g.prefix.len());
        let record = Token {
            token: u.token.clone(),
            status: TokenStatus::UndocumentedHere,
            group: owner.map(|(g, _)| g.name.clone()),
            level: owner.and_then(|(_, rest)| Level::from_token_suffix(rest)),
            line: None,
            evidence: Some(u.evidence.clone()),
            reason: Some(u.reason.clone()),
        };
        if tokens.insert(u.token.clone(), record).is_some() {
            return Err(here(SfmcErrorKind::DuplicateUndocumented {
                token: u.token.clone(),
            }));
        }
    }

    let mapping_sha256 = curated.sha256.clone();
    let fingerprint: String = Sha256::digest(format!("{source_sha256}\n{mapping_sha256}\n"))
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();

    Ok(SfmcCatalogFile {
        provider: super::PROVIDER.to_owned(),
        fingerprint,
        source: FileDigest {
            path: page.file.clone(),
            sha256: source_sha256,
            lines: u32::try_from(page.lines.len()).unwrap_or(u32::MAX),
        },
        mapping: FileDigest {
            path: curated.file.clone(),
            sha256: mapping_sha256,
            lines: curated.line_count,
        },
        groups,
        tokens: tokens.into_values().collect(),
        soap_objects: page.soap_rows.clone(),
    })
}

/// The catalog as the committed YAML file: the shared header ([`crate::source::yaml_file`]),
/// then the YAML document.
pub fn render_yaml(catalog: &SfmcCatalogFile) -> String {
    crate::source::yaml_file(super::PROVIDER, &super::CURATED, catalog)
}
