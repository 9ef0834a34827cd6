//! Merging HighLevel's OpenAPI specs (v2 and v3) into the endpoints of the tables and the
//! API reference.
//!
//! The generic reader ([`scopewise_openapi`]) gives each operation's security in its OpenAPI
//! structure; this module gives it HighLevel's meaning (`data/highlevel/openapi.yaml`: which
//! token type each scheme name stands for, which accept a Private Integration Token) and
//! reconciles it with the other sources. Precedence (documented in `data/README.md`):
//!
//! 1. a reviewed decision in `overrides.yaml` (`openapi:`), where sources disagree;
//! 2. the scope tables, for scopes and access;
//! 3. the OpenAPI specs, v2 then v3, for scopes where no table states one, for the
//!    endpoints no table or reference page lists, and for access where no table states it;
//!    a spec that states a scope is preferred over one that is silent;
//! 4. the API reference, for title, version and token types.
//!
//! A disagreement on what a call needs (different scopes, or no security against a scope or
//! token) stops the ingest until a decision answers it; a disagreement on token types is
//! reported and the table kept, as for the API reference. Every operation of every spec ends
//! in exactly one of [`SpecAccounting`]'s outcomes.

use std::collections::{BTreeMap, BTreeSet};

use scopewise_model::access::Access;
use scopewise_model::dataset::{
    Auth, EndpointRecord, HttpMethod, OpenApiInfo, Provenance, ScopeRecord,
};
use scopewise_model::scope_status::ScopeStatus;
use scopewise_model::template::Template;
use serde::Deserialize;

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::{IngestError, Location};
use super::overrides::OpenApiDecision;
use scopewise_openapi::{self as openapi, Operation, Spec};

/// The curated meaning of the specs' security schemes.
pub const MEANING: &str = "data/highlevel/openapi.yaml";

/// `data/highlevel/openapi.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    /// Every scheme the specs declare.
    pub schemes: Vec<SchemeMeaning>,
}

/// What one scheme name means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeMeaning {
    /// The scheme's name in `components.securitySchemes`.
    pub scheme: String,
    /// The token types it stands for.
    pub token: Vec<Access>,
    /// Why.
    pub reason: String,
    /// Every description the specs give it.
    pub descriptions: Vec<DescriptionMeaning>,
}

/// One description of a scheme and whether it accepts a Private Integration Token.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescriptionMeaning {
    /// The description, verbatim.
    pub text: String,
    /// Whether a spec describing the scheme so accepts the Private Integration Token.
    pub private_integration: bool,
    /// Why.
    pub reason: String,
}

/// One spec file as read.
#[derive(Debug, Clone)]
pub struct SpecInput {
    /// Source id, e.g. `openapi-v2/contacts.json`.
    pub id: &'static str,
    /// Path relative to the repository root.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// How one spec version's operations were used: `read = merged + added + conflicts + not merged`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecAccounting {
    /// `v2` or `v3`.
    pub version: &'static str,
    /// Spec files.
    pub files: u32,
    /// Operations in the files.
    pub read: u32,
    /// Operations merged into an endpoint already known (from a table, the reference or the
    /// other spec version), agreeing with it or adding what it did not state.
    pub merged: u32,
    /// Operations that added an endpoint no other source lists.
    pub added: u32,
    /// Operations on an endpoint where sources disagree (each settled by a decision).
    pub conflicts: u32,
    /// Operations not merged (each with an anomaly).
    pub not_merged: u32,
    /// Operations stating scopes that equal the dataset's scopes for the endpoint.
    pub scope_agrees: u32,
    /// Operations stating scopes.
    pub scope_stated: u32,
}

impl SpecAccounting {
    /// One line for the ingest's summary and the report.
    pub fn summary(&self) -> String {
        format!(
            "{} files, {} operations read = {} merged + {} added + {} in conflict + {} not merged; the dataset agrees with {} of the {} that state a scope",
            self.files,
            self.read,
            self.merged,
            self.added,
            self.conflicts,
            self.not_merged,
            self.scope_agrees,
            self.scope_stated
        )
    }
}

/// What the merge produced.
#[derive(Debug, Clone)]
pub struct OpenApiMerge {
    /// The endpoints, sorted by path then method.
    pub endpoints: Vec<EndpointRecord>,
    /// The scopes, sorted by name: the tables' plus those only the specs name.
    pub scopes: Vec<ScopeRecord>,
    /// Every anomaly.
    pub anomalies: Vec<Anomaly>,
    /// Accounting per spec version (v2, v3).
    pub accounting: Vec<SpecAccounting>,
}

/// What one operation says, in HighLevel's terms.
#[derive(Debug, Clone)]
struct Said {
    spec: &'static str,
    version: usize,
    line: u32,
    method: HttpMethod,
    template: String,
    key: String,
    needs: Needs,
    tokens: Vec<Access>,
    info: OpenApiInfo,
}

/// What a call needs, as one source states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Needs {
    /// No security declared.
    Nothing,
    /// A token; no scope stated.
    Token,
    /// A token with one of these scopes.
    Scopes(BTreeSet<String>),
}

impl Needs {
    fn describe(&self) -> String {
        match self {
            Self::Nothing => "no security (no token, no scope)".into(),
            Self::Token => "a token, no scope stated".into(),
            Self::Scopes(s) => format!(
                "scope {}",
                s.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        }
    }
}

/// Reads the specs and merges them into `endpoints` (the tables' and the reference's) and
/// `scopes` (the tables').
pub fn merge_openapi(
    specs: &[SpecInput],
    meaning_text: &str,
    decisions: &[OpenApiDecision],
    endpoints: Vec<EndpointRecord>,
    scopes: Vec<ScopeRecord>,
) -> Result<OpenApiMerge, IngestError> {
    let meaning: Meaning = serde_yaml::from_str(meaning_text).map_err(|e| {
        let location = match e.location() {
            Some(l) => Location::cell(MEANING, l.line() as u32, l.column() as u32),
            None => Location::file(MEANING),
        };
        IngestError::at(location, e.to_string())
    })?;
    let mut anomalies = Vec::new();
    let mut accounting = vec![
        SpecAccounting {
            version: "v2",
            ..SpecAccounting::default()
        },
        SpecAccounting {
            version: "v3",
            ..SpecAccounting::default()
        },
    ];

    // 1. Read every operation and say what it needs.
    let mut said: Vec<Said> = Vec::new();
    for input in specs {
        let version = usize::from(input.id.starts_with("openapi-v3"));
        let spec = openapi::read_spec(&input.path, &input.text).map_err(|e| {
            IngestError::at(
                Location::file(&input.path),
                format!("{}: {}", e.at, e.message),
            )
        })?;
        accounting[version].files += 1;
        for d in &spec.diagnostics {
            anomalies.push(Anomaly {
                source: input.id,
                line: 1,
                kind: AnomalyKind::OpenapiInvalidPart,
                detail: format!("`{}`: {}", d.pointer, d.message),
                resolution: Resolution::Rejected(d.action.to_owned()),
            });
        }
        route_prefix(input, &spec, &mut anomalies);
        for op in &spec.operations {
            accounting[version].read += 1;
            let line = operation_line(&input.text, op);
            match read_operation(input, &spec, op, line, version, &meaning)? {
                Ok(s) => said.push(s),
                Err(why) => {
                    accounting[version].not_merged += 1;
                    anomalies.push(Anomaly {
                        source: input.id,
                        line,
                        kind: AnomalyKind::OpenapiNotMerged,
                        detail: format!("`{} {}`: {why}", op.method, op.path),
                        resolution: Resolution::Rejected("not merged".into()),
                    });
                }
            }
        }
    }

    // 2. Group by endpoint (parameter-blind key), v2 before v3, in file order.
    let mut by_key: BTreeMap<String, Vec<Said>> = BTreeMap::new();
    for s in said {
        by_key.entry(s.key.clone()).or_default().push(s);
    }
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in endpoints.iter().enumerate() {
        if let Ok(k) = e.key() {
            index.insert(k, i);
        }
    }
    let mut endpoints = endpoints;
    let mut decisions_used: BTreeSet<&str> = BTreeSet::new();
    let mut unresolved = Vec::new();

    for (key, ops) in &by_key {
        let existing = index.get(key).copied();
        let table =
            existing.filter(|&i| endpoints[i].provenance.iter().any(|p| is_table(&p.source)));
        // What the sources other than the specs say.
        let before: Option<Needs> = existing.and_then(|i| {
            let e = &endpoints[i];
            if !e.scopes.is_empty() {
                Some(Needs::Scopes(e.scopes.iter().cloned().collect()))
            } else if e.reference.as_ref().is_some_and(|r| !r.oauth.is_empty()) {
                Some(Needs::Token)
            } else {
                None
            }
        });
        let before_at = existing.map(|i| first_location(&endpoints[i]));

        // Disagreements.
        let mut conflicts: Vec<(AnomalyKind, &Said, String)> = Vec::new();
        for op in ops {
            match (&before, &op.needs) {
                (Some(Needs::Scopes(t)), Needs::Scopes(o)) if t != o => conflicts.push((
                    AnomalyKind::OpenapiScopeConflict,
                    op,
                    format!(
                        "the spec says {}, {} says {}",
                        op.needs.describe(),
                        before_at.clone().unwrap_or_default(),
                        Needs::Scopes(t.clone()).describe()
                    ),
                )),
                (Some(b @ (Needs::Scopes(_) | Needs::Token)), Needs::Nothing) => conflicts.push((
                    AnomalyKind::OpenapiAuthConflict,
                    op,
                    format!(
                        "the spec declares no security, {} says {}",
                        before_at.clone().unwrap_or_default(),
                        b.describe()
                    ),
                )),
                _ => {}
            }
        }
        // v2 against v3, where both state something different.
        if let (Some(a), Some(b)) = (
            ops.iter().find(|o| o.version == 0),
            ops.iter().find(|o| o.version == 1),
        ) {
            // Silence about the scope (a token, no scope) is not a disagreement with a
            // stated scope; no security against a requirement, or two scope sets, are.
            let differ = match (&a.needs, &b.needs) {
                (Needs::Scopes(x), Needs::Scopes(y)) => x != y,
                (Needs::Nothing, n) | (n, Needs::Nothing) => *n != Needs::Nothing,
                _ => false,
            };
            if differ {
                conflicts.push((
                    AnomalyKind::OpenapiVersionConflict,
                    b,
                    format!(
                        "v3 says {}, v2 ({}:{}) says {}",
                        b.needs.describe(),
                        spec_path(a.spec),
                        a.line,
                        a.needs.describe()
                    ),
                ));
            }
        }

        let name = format!("{} {}", ops[0].method.as_str(), ops[0].template);
        let decision = decisions
            .iter()
            .find(|d| decision_key(d).as_deref() == Some(key.as_str()));
        let (scopes, auth) = if conflicts.is_empty() {
            combine(&before, ops)
        } else if let Some(d) = decision {
            decisions_used.insert(d.id.as_str());
            for code in &d.answers {
                if !conflicts.iter().any(|(k, _, _)| k.code() == code) {
                    return Err(IngestError::at(
                        Location::file(super::OVERRIDES),
                        format!(
                            "openapi decision `{}` answers `{code}`, which `{}` does not have",
                            d.id, d.endpoint
                        ),
                    ));
                }
            }
            for (kind, op, detail) in &conflicts {
                if !d.answers.iter().any(|c| c == kind.code()) {
                    unresolved.push(format!(
                        "  {}:{}: {kind}: `{name}`: {detail} (decision `{}` does not answer it)",
                        spec_path(op.spec),
                        op.line,
                        d.id
                    ));
                }
                anomalies.push(Anomaly {
                    source: op.spec,
                    line: op.line,
                    kind: *kind,
                    detail: format!("`{name}`: {detail}"),
                    resolution: Resolution::Override {
                        id: d.id.clone(),
                        action: decision_text(&d.scopes, d.auth),
                    },
                });
            }
            (d.scopes.clone(), d.auth)
        } else {
            for (kind, op, detail) in &conflicts {
                unresolved.push(format!(
                    "  {}:{}: {kind}: `{name}`: {detail}",
                    spec_path(op.spec),
                    op.line
                ));
            }
            continue;
        };
        let in_conflict: BTreeSet<(usize, &str, u32)> = conflicts
            .iter()
            .flat_map(|(_, op, _)| {
                ops.iter()
                    .filter(|o| o.key == op.key)
                    .map(|o| (o.version, o.spec, o.line))
            })
            .collect();

        // Count every operation once.
        let mut first_adds = existing.is_none();
        for op in ops {
            let a = &mut accounting[op.version];
            if in_conflict.contains(&(op.version, op.spec, op.line)) {
                a.conflicts += 1;
            } else if first_adds {
                a.added += 1;
                first_adds = false;
            } else {
                a.merged += 1;
            }
        }

        // Write the record.
        let i = match existing {
            Some(i) => i,
            None => {
                endpoints.push(EndpointRecord {
                    method: ops[0].method,
                    path: ops[0].template.clone(),
                    scopes: Vec::new(),
                    access: Vec::new(),
                    provenance: Vec::new(),
                    reference: None,
                    auth: Auth::Scopes,
                    openapi: Vec::new(),
                });
                index.insert(key.clone(), endpoints.len() - 1);
                endpoints.len() - 1
            }
        };
        let e = &mut endpoints[i];
        e.scopes = scopes;
        e.auth = auth;
        let tokens: BTreeSet<Access> = ops.iter().flat_map(|o| o.tokens.iter().copied()).collect();
        if table.is_some() {
            for op in ops
                .iter()
                .filter(|o| !o.tokens.is_empty() && o.tokens != e.access)
            {
                anomalies.push(Anomaly {
                    source: op.spec,
                    line: op.line,
                    kind: AnomalyKind::OpenapiAccessConflict,
                    detail: format!(
                        "`{name}`: the spec's schemes accept {} tokens, the table gives {} ({})",
                        access_list(&op.tokens),
                        access_list(&e.access),
                        before_at.clone().unwrap_or_default()
                    ),
                    resolution: Resolution::Kept("the table is authoritative for `access`".into()),
                });
            }
        } else if !tokens.is_empty() {
            e.access = tokens.into_iter().collect();
        }
        for op in ops {
            if op.template != e.path {
                anomalies.push(Anomaly {
                    source: op.spec,
                    line: op.line,
                    kind: AnomalyKind::OpenapiParamName,
                    detail: format!(
                        "`{} {}` is `{}` in {}",
                        op.method.as_str(),
                        op.template,
                        e.display_name(),
                        first_location(e)
                    ),
                    resolution: Resolution::Kept(
                        "the first source's parameter names are canonical".into(),
                    ),
                });
            }
            let stated: Vec<String> = match &op.needs {
                Needs::Scopes(s) => s.iter().cloned().collect(),
                _ => vec![String::new()],
            };
            for scope in stated {
                e.provenance.push(Provenance {
                    source: op.spec.to_owned(),
                    line: op.line,
                    scope,
                    corrected_by: None,
                });
            }
            e.openapi.push(op.info.clone());
        }
    }
    if !unresolved.is_empty() {
        return Err(IngestError::at(
            Location::file(super::OVERRIDES),
            format!(
                "{} disagreements between the OpenAPI specs and the other sources need a reviewed decision (an `openapi:` entry with `id`, `endpoint`, `answers`, `scopes`, `auth` and `reason`):\n{}",
                unresolved.len(),
                unresolved.join("\n")
            ),
        ));
    }
    if let Some(d) = decisions
        .iter()
        .find(|d| !decisions_used.contains(d.id.as_str()))
    {
        return Err(IngestError::at(
            Location::file(super::OVERRIDES),
            format!(
                "openapi decision `{}` ({}) answers no disagreement; remove it",
                d.id, d.endpoint
            ),
        ));
    }
    endpoints.sort_by(|a, b| (&a.path, a.method).cmp(&(&b.path, b.method)));

    // 3. Agreement, per operation.
    let final_scopes: BTreeMap<String, (BTreeSet<String>, Auth)> = endpoints
        .iter()
        .filter_map(|e| Some((e.key().ok()?, (e.scopes.iter().cloned().collect(), e.auth))))
        .collect();
    for ops in by_key.values() {
        for op in ops {
            if let Needs::Scopes(s) = &op.needs {
                accounting[op.version].scope_stated += 1;
                if final_scopes.get(&op.key).is_some_and(|(f, _)| f == s) {
                    accounting[op.version].scope_agrees += 1;
                }
            }
        }
    }

    let scopes = scope_records(scopes, &endpoints, &by_key);
    spelling_lookalikes(&scopes, &by_key, &mut anomalies);
    Ok(OpenApiMerge {
        endpoints,
        scopes,
        anomalies,
        accounting,
    })
}

/// Scopes and auth from the sources when they agree: the table's (or reference's) if it
/// states scopes, else the first spec that states scopes, else a token if any source asks
/// for one, else no security.
fn combine(before: &Option<Needs>, ops: &[Said]) -> (Vec<String>, Auth) {
    if let Some(Needs::Scopes(s)) = before {
        return (s.iter().cloned().collect(), Auth::Scopes);
    }
    if let Some(Needs::Scopes(s)) = ops
        .iter()
        .map(|o| &o.needs)
        .find(|n| matches!(n, Needs::Scopes(_)))
    {
        return (s.iter().cloned().collect(), Auth::Scopes);
    }
    if matches!(before, Some(Needs::Token)) || ops.iter().any(|o| o.needs == Needs::Token) {
        return (Vec::new(), Auth::Token);
    }
    (Vec::new(), Auth::None)
}

fn decision_text(scopes: &[String], auth: Auth) -> String {
    match auth {
        Auth::Scopes => format!(
            "scopes set to {}",
            scopes
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Auth::None => "no token and no scope needed".into(),
        Auth::Token => "a token, scope not stated".into(),
    }
}

/// The lookup key of a decision's `METHOD /path`.
fn decision_key(d: &OpenApiDecision) -> Option<String> {
    let (method, path) = d.endpoint.split_once(' ')?;
    Template::parse(path).ok()?.lookup_key(method).ok()
}

/// One operation in HighLevel's terms; `Ok(Err(why))` when it cannot be merged, `Err` when the
/// curated meaning is missing something (which stops the ingest).
fn read_operation(
    input: &SpecInput,
    spec: &Spec,
    op: &Operation,
    line: u32,
    version: usize,
    meaning: &Meaning,
) -> Result<Result<Said, String>, IngestError> {
    let at = || Location::file(&input.path);
    let Some(method) = HttpMethod::parse(&op.method) else {
        return Ok(Err(format!(
            "method `{}` is not one the dataset models",
            op.method
        )));
    };
    let template = match Template::parse(&op.path) {
        Ok(t) => t,
        Err(e) => return Ok(Err(format!("path: {e}"))),
    };
    let key = match template.lookup_key(method.as_str()) {
        Ok(k) => k,
        Err(e) => return Ok(Err(format!("path: {e}"))),
    };
    let mut scopes = BTreeSet::new();
    let mut tokens = BTreeSet::new();
    let mut pit = BTreeSet::new();
    for (i, alt) in op.security.alternatives.iter().enumerate() {
        if alt.schemes.len() > 1 || alt.schemes.iter().any(|(_, s)| s.len() > 1) {
            return Err(IngestError::at(
                at(),
                format!(
                    "{}/security/{i}: a requirement with several schemes or scopes (all required, per OpenAPI); {MEANING} must declare how HighLevel means it",
                    op.location.pointer
                ),
            ));
        }
        for (scheme, list) in &alt.schemes {
            let Some(m) = meaning.schemes.iter().find(|m| &m.scheme == scheme) else {
                return Err(IngestError::at(
                    at(),
                    format!(
                        "{}: security scheme `{scheme}` has no entry in {MEANING}",
                        op.location.pointer
                    ),
                ));
            };
            let description = spec
                .schemes
                .get(scheme)
                .and_then(|s| s.description.clone())
                .unwrap_or_default();
            let Some(d) = m.descriptions.iter().find(|d| d.text == description) else {
                return Err(IngestError::at(
                    at(),
                    format!(
                        "security scheme `{scheme}` is described as `{description}`, which {MEANING} does not list"
                    ),
                ));
            };
            tokens.extend(m.token.iter().copied());
            if d.private_integration {
                pit.extend(m.token.iter().copied());
            }
            scopes.extend(list.iter().cloned());
        }
    }
    let needs = if op.security.needs_no_auth() {
        Needs::Nothing
    } else if scopes.is_empty() {
        Needs::Token
    } else {
        Needs::Scopes(scopes)
    };
    let info = OpenApiInfo {
        source: input.id.to_owned(),
        line,
        pointer: op.location.pointer.clone(),
        path: op.path.clone(),
        operation_id: op.operation_id.clone(),
        summary: op.summary.clone(),
        security: op
            .security
            .alternatives
            .iter()
            .map(|a| a.schemes.iter().cloned().collect())
            .collect(),
        tokens: tokens.iter().copied().collect(),
        private_integration: pit.into_iter().collect(),
        versions: op
            .header("Version")
            .map(<[String]>::to_vec)
            .unwrap_or_default(),
        version_added: op.extensions.get("x-version-added").cloned(),
        deprecated: op.deprecated,
        replacement: if op.deprecated {
            op.description.as_deref().and_then(replacement)
        } else {
            None
        },
    };
    Ok(Ok(Said {
        spec: input.id,
        version,
        line,
        method,
        template: template.to_string(),
        key,
        needs,
        tokens: tokens.into_iter().collect(),
        info,
    }))
}

/// The replacement a deprecated operation's description names: `use GET /agent instead`,
/// ``Use `GET /users/search` instead``, `Please use the [Search Contacts](url)`.
pub fn replacement(description: &str) -> Option<String> {
    let lower = description.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("use ") {
        let start = from + i + 4;
        let rest = description[start..].trim_start_matches(['`', ' ']);
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        for m in ["GET ", "POST ", "PUT ", "PATCH ", "DELETE "] {
            if let Some(path) = rest.strip_prefix(m) {
                let end = path
                    .find(|c: char| c.is_whitespace() || c == '`')
                    .unwrap_or(path.len());
                let path = path[..end].trim_end_matches(['.', ',']);
                if path.starts_with('/') {
                    return Some(format!("{m}{path}"));
                }
            }
        }
        if let Some(link) = rest.strip_prefix('[')
            && let Some((text, tail)) = link.split_once("](")
        {
            let url = tail.split(')').next().unwrap_or_default();
            return Some(format!("{text} ({url})"));
        }
        from = start;
    }
    None
}

/// The 1-based line of the operation's method key: the first `"<method>":` after the first
/// `"<path>":` after `"paths"`. Pretty-printed specs have one key per line; 1 if not found.
fn operation_line(text: &str, op: &Operation) -> u32 {
    let find = |from: usize, needle: &str| text[from..].find(needle).map(|i| from + i);
    let at = find(0, "\"paths\"")
        .and_then(|p| find(p, &format!("\"{}\":", op.path)))
        .and_then(|p| find(p, &format!("\"{}\":", op.method.to_ascii_lowercase())));
    at.map_or(1, |i| {
        u32::try_from(text[..i].bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
    })
}

/// A spec whose description announces a route prefix (`` `/v3` route prefix ``) that no
/// path or server has: recorded, no route invented.
fn route_prefix(input: &SpecInput, spec: &Spec, anomalies: &mut Vec<Anomaly>) {
    let Some(desc) = &spec.description else {
        return;
    };
    let Some(i) = desc.find("route prefix") else {
        return;
    };
    let Some(prefix) = desc[..i].rsplit('`').nth(1).filter(|p| p.starts_with('/')) else {
        return;
    };
    let shown = spec
        .operations
        .iter()
        .any(|o| o.path.starts_with(&format!("{prefix}/")))
        || spec
            .servers
            .iter()
            .any(|s| s.url.trim_end_matches('/').ends_with(prefix));
    if !shown {
        let line = input
            .text
            .lines()
            .position(|l| l.contains("route prefix"))
            .map_or(1, |n| n as u32 + 1);
        anomalies.push(Anomaly {
            source: input.id,
            line,
            kind: AnomalyKind::OpenapiRoutePrefix,
            detail: format!(
                "the description says the APIs are available via the `{prefix}` route prefix; no path and no server ({}) has it",
                spec.servers
                    .iter()
                    .map(|s| s.url.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            resolution: Resolution::Kept(format!("no `{prefix}` route is invented; the paths are taken as written, and `Version: v3` selects the contract")),
        });
    }
}

/// Every scope's endpoints rebuilt from the endpoints' scopes; scopes only the specs name
/// added as `openapi-only`; every spec operation naming a scope added to its provenance.
fn scope_records(
    mut scopes: Vec<ScopeRecord>,
    endpoints: &[EndpointRecord],
    by_key: &BTreeMap<String, Vec<Said>>,
) -> Vec<ScopeRecord> {
    let mut named: BTreeMap<String, Vec<&Said>> = BTreeMap::new();
    for ops in by_key.values() {
        for op in ops {
            if let Needs::Scopes(s) = &op.needs {
                for scope in s {
                    named.entry(scope.clone()).or_default().push(op);
                }
            }
        }
    }
    for e in endpoints {
        for s in &e.scopes {
            named.entry(s.clone()).or_default();
        }
    }
    for (name, ops) in &named {
        if !scopes
            .iter()
            .any(|s| &s.name == name || s.spellings.contains(name))
        {
            scopes.push(ScopeRecord {
                name: name.clone(),
                status: ScopeStatus::OpenapiOnly,
                access: Vec::new(),
                endpoints: Vec::new(),
                webhooks: Vec::new(),
                spellings: Vec::new(),
                provenance: Vec::new(),
            });
        }
        let Some(record) = scopes
            .iter_mut()
            .find(|s| &s.name == name || s.spellings.contains(name))
        else {
            continue;
        };
        for op in ops {
            record.provenance.push(Provenance {
                source: op.spec.to_owned(),
                line: op.line,
                scope: name.clone(),
                corrected_by: None,
            });
        }
    }
    for s in &mut scopes {
        let granted: Vec<&EndpointRecord> = endpoints
            .iter()
            .filter(|e| e.scopes.contains(&s.name))
            .collect();
        s.endpoints = granted.iter().map(|e| e.display_name()).collect();
        s.endpoints.sort();
        let mut access: BTreeSet<Access> = s.access.iter().copied().collect();
        access.extend(granted.iter().flat_map(|e| e.access.iter().copied()));
        s.access = access.into_iter().collect();
    }
    scopes.sort_by(|a, b| a.name.cmp(&b.name));
    scopes
}

/// An `openapi-only` scope that a table scope spells differently (`locations/write` for
/// `locations.write`, `saas/company.read` for `saas/company.readonly`): reported at the first
/// spec operation naming it; the spec's spelling is kept.
fn spelling_lookalikes(
    scopes: &[ScopeRecord],
    by_key: &BTreeMap<String, Vec<Said>>,
    anomalies: &mut Vec<Anomaly>,
) {
    let tables: BTreeSet<&str> = scopes
        .iter()
        .filter(|s| s.status != ScopeStatus::OpenapiOnly)
        .map(|s| s.name.as_str())
        .collect();
    for s in scopes
        .iter()
        .filter(|s| s.status == ScopeStatus::OpenapiOnly)
    {
        let mut candidates = Vec::new();
        if let Some(i) = s.name.rfind('/') {
            candidates.push(format!("{}.{}", &s.name[..i], &s.name[i + 1..]));
        }
        if let Some(base) = s.name.strip_suffix(".read") {
            candidates.push(format!("{base}.readonly"));
        }
        let Some(like) = candidates.iter().find(|c| tables.contains(c.as_str())) else {
            continue;
        };
        // The first operation naming it, in spec order.
        let Some(op) = by_key
            .values()
            .flatten()
            .filter(|o| matches!(&o.needs, Needs::Scopes(set) if set.contains(&s.name)))
            .min_by_key(|o| (o.version, o.spec, o.line))
        else {
            continue;
        };
        anomalies.push(Anomaly {
            source: op.spec,
            line: op.line,
            kind: AnomalyKind::OpenapiScopeSpelling,
            detail: format!(
                "`{}` ({} endpoints) looks like the table scope `{like}`",
                s.name,
                s.endpoints.len()
            ),
            resolution: Resolution::Kept(
                "kept as the spec writes it (`openapi-only`); not merged into the table scope"
                    .into(),
            ),
        });
    }
}

/// A scope table's source id (not the reference, not a spec).
fn is_table(id: &str) -> bool {
    super::SOURCES.iter().any(|s| s.id == id)
}

/// `file:line` of the first source that lists the endpoint.
fn first_location(e: &EndpointRecord) -> String {
    e.provenance
        .first()
        .map(|p| format!("{}:{}", super::source_path(&p.source), p.line))
        .or_else(|| {
            e.reference
                .as_ref()
                .map(|r| format!("{}:{}", super::REFERENCE.path, r.line))
        })
        .unwrap_or_default()
}

fn spec_path(id: &str) -> String {
    super::source_path(id).to_owned()
}

fn access_list(access: &[Access]) -> String {
    access
        .iter()
        .map(|a| super::rows::access_code(*a))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlevel::{Ingest, Inputs, ingest};

    fn real() -> Ingest {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        ingest(&Inputs::read(&root).expect("inputs")).expect("ingest")
    }

    fn endpoint<'a>(ing: &'a Ingest, name: &str) -> &'a EndpointRecord {
        ing.catalog
            .endpoints
            .iter()
            .find(|e| e.display_name() == name)
            .unwrap_or_else(|| panic!("{name}"))
    }

    const MEANING_YAML: &str = "schemes:\n  - scheme: Location-Access\n    token: [sub-account]\n    reason: r\n    descriptions:\n      - text: Sub-account token\n        private_integration: true\n        reason: r\n";

    fn spec(description: &str, security: &str) -> SpecInput {
        SpecInput {
            id: "openapi-v2/t.json",
            path: "data/sources/highlevel/openapi-v2/t.json".into(),
            text: format!(
                r#"{{"openapi":"3.0.0","info":{{"title":"T","version":"1"}},
"components":{{"securitySchemes":{{"Location-Access":{{"type":"http","scheme":"bearer","description":"{description}"}}}}}},
"paths":{{"/things":{{"get":{{"security":{security},"responses":{{}}}}}}}}}}"#
            ),
        }
    }

    fn table_endpoint(scope: &str) -> EndpointRecord {
        EndpointRecord {
            method: HttpMethod::Get,
            path: "/things".into(),
            scopes: vec![scope.into()],
            access: vec![Access::SubAccount],
            provenance: vec![Provenance {
                source: "current".into(),
                line: 7,
                scope: scope.into(),
                corrected_by: None,
            }],
            reference: None,
            auth: Auth::Scopes,
            openapi: Vec::new(),
        }
    }

    #[test]
    fn an_undescribed_scheme_stops_the_ingest_naming_the_file() {
        let e = merge_openapi(
            &[spec(
                "Something else",
                r#"[{"Location-Access":["things.read"]}]"#,
            )],
            MEANING_YAML,
            &[],
            Vec::new(),
            Vec::new(),
        )
        .expect_err("description not listed");
        let text = e.to_string();
        assert!(text.contains("openapi-v2/t.json"), "{text}");
        assert!(text.contains("`Something else`"), "{text}");
    }

    #[test]
    fn a_disagreement_without_a_decision_stops_the_ingest_naming_both_places() {
        let e = merge_openapi(
            &[spec(
                "Sub-account token",
                r#"[{"Location-Access":["things.write"]}]"#,
            )],
            MEANING_YAML,
            &[],
            vec![table_endpoint("things.read")],
            Vec::new(),
        )
        .expect_err("unanswered conflict");
        let text = e.to_string();
        assert!(
            text.contains("openapi-scope-conflict: `GET /things`: the spec says scope `things.write`, data/sources/highlevel/highlevel-scopes-current.md:7 says scope `things.read`"),
            "{text}"
        );
        // Agreement merges; an operation with a scheme and no scope is "token".
        let ok = merge_openapi(
            &[spec(
                "Sub-account token",
                r#"[{"Location-Access":["things.read"]}]"#,
            )],
            MEANING_YAML,
            &[],
            vec![table_endpoint("things.read")],
            Vec::new(),
        )
        .expect("agreement");
        assert_eq!(
            (ok.accounting[0].merged, ok.accounting[0].scope_agrees),
            (1, 1)
        );
        let token = merge_openapi(
            &[spec("Sub-account token", r#"[{"Location-Access":[]}]"#)],
            MEANING_YAML,
            &[],
            Vec::new(),
            Vec::new(),
        )
        .expect("added");
        assert_eq!(token.endpoints[0].auth, Auth::Token);
        assert_eq!(token.endpoints[0].access, [Access::SubAccount]);
        assert_eq!(
            token.endpoints[0].openapi[0].private_integration,
            [Access::SubAccount]
        );
    }

    #[test]
    fn replacement_is_read_from_the_description() {
        assert_eq!(
            replacement("**Deprecated endpoint - use GET /agent instead.**").as_deref(),
            Some("GET /agent")
        );
        assert_eq!(
            replacement("Deprecated. Use `GET /users/search` instead.").as_deref(),
            Some("GET /users/search")
        );
        assert_eq!(
            replacement("Please use the [Search Contacts](https://x.test/search) API").as_deref(),
            Some("Search Contacts (https://x.test/search)")
        );
        assert_eq!(replacement("Get Agency Plans"), None);
    }

    /// Every operation of every spec is accounted for, and the dataset agrees with every
    /// scope a spec states.
    #[test]
    fn every_operation_is_accounted_for() {
        let ing = real();
        let [v2, v3] = ing.openapi.as_slice() else {
            panic!("two spec versions");
        };
        for a in [v2, v3] {
            assert_eq!(a.read, a.merged + a.added + a.conflicts + a.not_merged);
        }
        assert_eq!(
            (
                v2.files,
                v2.read,
                v2.merged,
                v2.added,
                v2.conflicts,
                v2.not_merged
            ),
            (41, 576, 422, 147, 7, 0)
        );
        assert_eq!(
            (
                v3.files,
                v3.read,
                v3.merged,
                v3.added,
                v3.conflicts,
                v3.not_merged
            ),
            (42, 627, 536, 86, 5, 0)
        );
        assert_eq!((v2.scope_agrees, v2.scope_stated), (437, 437));
        assert_eq!((v3.scope_agrees, v3.scope_stated), (502, 502));
        // Each spec operation is in exactly one endpoint's `openapi`.
        let cited: usize = ing.catalog.endpoints.iter().map(|e| e.openapi.len()).sum();
        assert_eq!(cited as u32, v2.read + v3.read);
        // 484 from the tables and the reference, one per adding operation, and one added by
        // operations that are all in conflict (`POST .../posts/bulk-delete`, v2 against v3).
        assert_eq!(ing.catalog.endpoints.len(), 484 + 147 + 86 + 1);
    }

    #[test]
    fn everyday_calls_are_documented_with_their_source() {
        let ing = real();
        let upsert = endpoint(&ing, "POST /contacts/upsert");
        assert_eq!(upsert.scopes, ["contacts.write"]);
        assert_eq!(upsert.auth, Auth::Scopes);
        assert_eq!(upsert.access, [Access::SubAccount]);
        let sources: Vec<&str> = upsert
            .provenance
            .iter()
            .map(|p| p.source.as_str())
            .collect();
        // Its API reference page named no scope; the specs do.
        assert_eq!(
            sources,
            [
                "api-reference",
                "openapi-v2/contacts.json",
                "openapi-v3/contacts-v3.json"
            ]
        );
        assert_eq!(upsert.openapi[0].versions, ["2021-07-28"]);
        assert_eq!(upsert.openapi[1].versions, ["v3"]);
        assert!(
            upsert.openapi[0]
                .pointer
                .starts_with("/paths/~1contacts~1upsert/post")
        );
        // The line is the operation's method key.
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../data/sources/highlevel/openapi-v2/contacts.json"),
        )
        .unwrap();
        let line = text
            .lines()
            .nth(upsert.openapi[0].line as usize - 1)
            .unwrap();
        assert_eq!(line.trim(), "\"post\": {");
        // Reference-only before, documented by the spec now.
        assert_eq!(
            endpoint(&ing, "GET /users/search").scopes,
            ["users.readonly"]
        );
    }

    #[test]
    fn no_security_means_no_token_and_no_scope() {
        let ing = real();
        let token = endpoint(&ing, "POST /oauth/token");
        assert_eq!((token.auth, token.scopes.len()), (Auth::None, 0));
        assert!(token.openapi.iter().all(|o| o.security.is_empty()));
    }

    #[test]
    fn disagreements_are_decided_and_reported_with_both_places() {
        let ing = real();
        let delete = endpoint(&ing, "DELETE /locations/{locationId}");
        assert_eq!(delete.scopes, ["locations.internal-access-only"]);
        let conflicts: Vec<&Anomaly> = ing
            .anomalies
            .iter()
            .filter(|a| a.kind == AnomalyKind::OpenapiScopeConflict)
            .collect();
        assert_eq!(conflicts.len(), 2);
        assert_eq!(
            conflicts[0].detail,
            "`DELETE /locations/{locationId}`: the spec says scope `locations.internal-access-only`, data/sources/highlevel/highlevel-scopes-current.md:269 says scope `locations.write`"
        );
        assert_eq!(conflicts[0].source, "openapi-v2/locations.json");
        assert_eq!(
            conflicts[0].resolution.to_string(),
            "override `delete-location-is-internal-only`: scopes set to `locations.internal-access-only`"
        );
        // The table row stays on record.
        assert!(
            delete
                .provenance
                .iter()
                .any(|p| p.scope == "locations.write")
        );
    }

    #[test]
    fn every_scope_any_source_names_is_known() {
        let ing = real();
        let known: BTreeSet<&str> = ing.catalog.scopes.iter().map(|s| s.name.as_str()).collect();
        for e in &ing.catalog.endpoints {
            for o in &e.openapi {
                for alt in &o.security {
                    for scope in alt.values().flatten() {
                        assert!(known.contains(scope.as_str()), "{scope}");
                    }
                }
            }
        }
        let livechat = ing
            .catalog
            .scopes
            .iter()
            .find(|s| s.name == "conversations/livechat.write")
            .unwrap();
        assert_eq!(livechat.status, ScopeStatus::OpenapiOnly);
        assert!(!livechat.provenance.is_empty() && !livechat.endpoints.is_empty());
        assert_eq!(known.len(), 147);
    }

    #[test]
    fn a_route_prefix_no_path_shows_is_recorded_not_invented() {
        let ing = real();
        let prefixes: Vec<&Anomaly> = ing
            .anomalies
            .iter()
            .filter(|a| a.kind == AnomalyKind::OpenapiRoutePrefix)
            .collect();
        assert!(!prefixes.is_empty());
        assert!(prefixes.iter().all(|a| a.source.starts_with("openapi-v3/")));
        assert!(
            ing.catalog
                .endpoints
                .iter()
                .all(|e| !e.path.starts_with("/v3/"))
        );
    }

    #[test]
    fn deprecation_and_its_replacement_are_kept() {
        let ing = real();
        let contacts = endpoint(&ing, "GET /contacts");
        assert!(contacts.openapi[0].deprecated);
        assert_eq!(
            contacts.openapi[0].replacement.as_deref(),
            Some(
                "Search Contacts (https://marketplace.gohighlevel.com/docs/ghl/contacts/search-contacts-advanced)"
            )
        );
    }
}
