//! Builds the dataset from the read, corrected rows of the three copies.
//!
//! - The current dataset is the current copy, completed by the 2025-10-11 copy for the rows
//!   after the current copy's cut-off point. Where both copies list an item before that
//!   point and disagree, the current copy wins and the disagreement is an anomaly.
//! - The legacy (v1) table is kept as its own version, with the changes to the current one.
//! - Every record lists every row, of every copy, that names it (provenance).

use std::collections::{BTreeMap, BTreeSet};

use scopewise_model::access::Access;
use scopewise_model::dataset::{
    AccessChange, Changes, EndpointRecord, HttpMethod, LegacyFile, Provenance, Rescope,
    ScopeRecord, WebhookRecord,
};
use scopewise_model::scope_status::ScopeStatus;
use scopewise_model::template::Template;

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::{IngestError, Location};
use super::rows::{ParsedSource, Row, access_code};

/// What a row lists: an endpoint (by its parameter-blind key) or a webhook event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// `GET /contacts/{}`.
    Endpoint(String),
    /// `ContactCreate`.
    Webhook(String),
}

impl Item {
    fn label(&self) -> &str {
        match self {
            Self::Endpoint(k) | Self::Webhook(k) => k,
        }
    }
}

/// The items a row lists.
pub fn items(row: &Row) -> Vec<Item> {
    let mut out = Vec::new();
    if let Some(e) = &row.endpoint {
        out.push(Item::Endpoint(e.key()));
    }
    if let Some(w) = &row.webhook {
        out.push(Item::Webhook(w.clone()));
    }
    out
}

/// The three records a table version produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// Sorted by name.
    pub scopes: Vec<ScopeRecord>,
    /// Sorted by path, then method.
    pub endpoints: Vec<EndpointRecord>,
    /// Sorted by event.
    pub webhooks: Vec<WebhookRecord>,
}

/// The merge's result.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The current table.
    pub current: Records,
    /// The v1 table and its changes.
    pub legacy: Records,
    /// What changed from v1 to current.
    pub changes: Changes,
    /// Rows that contribute nothing, per source id, with the reason (also an anomaly).
    pub rejected: BTreeMap<&'static str, BTreeSet<u32>>,
    /// Anomalies found while merging.
    pub anomalies: Vec<Anomaly>,
}

/// Merges `current` + `snapshot` into the current table, and `legacy` into the v1 table.
pub fn merge(
    current: &ParsedSource,
    snapshot: &ParsedSource,
    legacy: &ParsedSource,
) -> Result<Merged, IngestError> {
    let mut anomalies = Vec::new();
    let mut rejected: BTreeMap<&'static str, BTreeSet<u32>> = BTreeMap::new();
    for source in [current, snapshot, legacy] {
        let lines = rejected.entry(source.spec.id).or_default();
        lines.extend(source.rows.iter().filter(|r| r.truncated).map(|r| r.line));
        lines.extend(source.text_lines.iter().copied());
        check_duplicates_and_access(source, &mut anomalies);
    }

    let current_rows: Vec<&Row> = current.rows.iter().filter(|r| !r.truncated).collect();
    let cut = cut_off_line(current, snapshot)?;
    let (before_cut, after_cut): (Vec<&Row>, Vec<&Row>) = snapshot
        .rows
        .iter()
        .filter(|r| !r.truncated)
        .partition(|r| r.line <= cut);

    // Before the cut, the current copy wins; record where the 2025-10-11 copy differs.
    let current_view = view(&current_rows);
    for (item, theirs) in view(&before_cut) {
        match current_view.get(&item) {
            None => {
                for &line in &theirs.lines {
                    rejected.entry(snapshot.spec.id).or_default().insert(line);
                    anomalies.push(Anomaly {
                        source: snapshot.spec.id,
                        line,
                        kind: AnomalyKind::MissingFromCurrent,
                        detail: format!("`{}` under {}", item.label(), list(&theirs.scopes)),
                        resolution: Resolution::Rejected(
                            "the current copy, which supersedes this one before its cut-off, does not list it".into(),
                        ),
                    });
                }
            }
            Some(ours) if ours.scopes != theirs.scopes || ours.access != theirs.access => {
                for &line in &theirs.lines {
                    anomalies.push(Anomaly {
                        source: snapshot.spec.id,
                        line,
                        kind: AnomalyKind::SourceDisagreement,
                        detail: format!(
                            "`{}`: this copy says {} ({}), the current copy (line {}) says {} ({})",
                            item.label(),
                            list(&theirs.scopes),
                            access_list(&theirs.access),
                            ours.lines.first().copied().unwrap_or_default(),
                            list(&ours.scopes),
                            access_list(&ours.access)
                        ),
                        resolution: Resolution::Kept("the current copy wins".into()),
                    });
                }
            }
            Some(_) => {}
        }
    }

    let winners: Vec<&Row> = current_rows
        .iter()
        .copied()
        .chain(after_cut.iter().copied())
        .collect();
    let all_rows: Vec<&Row> = [current, snapshot, legacy]
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter(|r| !rejected.get(r.source).is_some_and(|l| l.contains(&r.line)))
        .collect();
    let current_records = build(&winners, &all_rows, &BTreeSet::new(), &mut anomalies)?;

    let legacy_rows: Vec<&Row> = legacy.rows.iter().filter(|r| !r.truncated).collect();
    let current_scopes: BTreeSet<String> = current_records
        .scopes
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let legacy_records = build(&legacy_rows, &legacy_rows, &current_scopes, &mut anomalies)?;
    let changes = diff(&legacy_records, &current_records);

    Ok(Merged {
        current: current_records,
        legacy: legacy_records,
        changes,
        rejected,
        anomalies,
    })
}

/// The line of the 2025-10-11 copy that matches the current copy's last complete row.
fn cut_off_line(current: &ParsedSource, snapshot: &ParsedSource) -> Result<u32, IngestError> {
    let last = current
        .rows
        .iter()
        .rev()
        .find(|r| !r.truncated)
        .ok_or_else(|| {
            IngestError::at(
                Location::file(current.spec.path),
                "the table has no complete row",
            )
        })?;
    snapshot
        .rows
        .iter()
        .find(|r| r.effective_scope == last.effective_scope && items(r) == items(last))
        .map(|r| r.line)
        .ok_or_else(|| {
            IngestError::at(
                Location::line(current.spec.path, last.line),
                format!(
                    "the last complete row is not in {}, so the point where the copy was cut off cannot be found",
                    snapshot.spec.path
                ),
            )
        })
}

struct ItemView {
    scopes: BTreeSet<String>,
    access: BTreeSet<Access>,
    lines: Vec<u32>,
}

fn view(rows: &[&Row]) -> BTreeMap<Item, ItemView> {
    let mut out: BTreeMap<Item, ItemView> = BTreeMap::new();
    for row in rows {
        for item in items(row) {
            let v = out.entry(item).or_insert_with(|| ItemView {
                scopes: BTreeSet::new(),
                access: BTreeSet::new(),
                lines: Vec::new(),
            });
            v.scopes.insert(row.effective_scope.clone());
            v.access.extend(row.access.iter().flatten().copied());
            v.lines.push(row.line);
        }
    }
    out
}

fn list(scopes: &BTreeSet<String>) -> String {
    scopes
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn access_list(access: &BTreeSet<Access>) -> String {
    if access.is_empty() {
        return "no access type".into();
    }
    access
        .iter()
        .map(|a| access_code(*a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Duplicate rows, and scopes whose rows give different access, within one source.
fn check_duplicates_and_access(source: &ParsedSource, anomalies: &mut Vec<Anomaly>) {
    let mut seen: BTreeMap<(&str, Item), u32> = BTreeMap::new();
    // scope → (line naming it, access variant → lines giving it)
    type AccessVariants = (u32, BTreeMap<Vec<Access>, Vec<u32>>);
    let mut access: BTreeMap<&str, AccessVariants> = BTreeMap::new();
    for row in source.rows.iter().filter(|r| !r.truncated) {
        for item in items(row) {
            let label = item.label().to_owned();
            if let Some(first) = seen.insert((row.effective_scope.as_str(), item), row.line) {
                anomalies.push(Anomaly {
                    source: source.spec.id,
                    line: row.line,
                    kind: AnomalyKind::DuplicateRow,
                    detail: format!("`{label}` under `{}` again", row.effective_scope),
                    resolution: Resolution::Merged(format!("with line {first}")),
                });
            }
        }
        if let Some(a) = &row.access {
            access
                .entry(&row.effective_scope)
                .or_insert_with(|| (row.scope_line, BTreeMap::new()))
                .1
                .entry(a.clone())
                .or_default()
                .push(row.line);
        }
    }
    let mut listed: BTreeMap<&str, (u32, bool)> = BTreeMap::new();
    for row in source.rows.iter().filter(|r| !r.truncated) {
        let entry = listed
            .entry(&row.named_scope)
            .or_insert((row.scope_line, false));
        entry.1 |= row.endpoint.is_some() || row.webhook.is_some();
    }
    for (scope, (line, has_items)) in listed {
        if !has_items {
            anomalies.push(Anomaly {
                source: source.spec.id,
                line,
                kind: AnomalyKind::ScopeWithoutItems,
                detail: format!("`{scope}`"),
                resolution: Resolution::Kept(
                    "the scope exists and can be requested; it grants nothing the table lists"
                        .into(),
                ),
            });
        }
    }
    for (scope, (line, variants)) in access {
        if variants.len() > 1 {
            let detail = variants
                .iter()
                .map(|(a, lines)| {
                    let a: Vec<_> = a.iter().map(|a| access_code(*a)).collect();
                    format!("{} on line {}", a.join(" + "), join_lines(lines))
                })
                .collect::<Vec<_>>()
                .join("; ");
            anomalies.push(Anomaly {
                source: source.spec.id,
                line,
                kind: AnomalyKind::AccessVariesWithinScope,
                detail: format!("`{scope}`: {detail}"),
                resolution: Resolution::Kept(
                    "each endpoint keeps the access its own row gives".into(),
                ),
            });
        }
    }
}

fn join_lines(lines: &[u32]) -> String {
    lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn provenance(row: &Row) -> Provenance {
    Provenance {
        source: row.source.to_owned(),
        line: row.line,
        scope: row.scope.clone(),
        corrected_by: row.corrected_by.clone(),
    }
}

struct EndpointAcc {
    method: HttpMethod,
    template: Template,
    first_line: (&'static str, u32),
    scopes: BTreeSet<String>,
    access: BTreeSet<Access>,
}

struct WebhookAcc {
    scopes: BTreeSet<String>,
    access: BTreeSet<Access>,
}

/// Builds the records of one table version from its rows. `provenance_rows` are all the
/// rows, of any copy, whose lines are cited; `current_scopes` decides legacy status.
fn build(
    rows: &[&Row],
    provenance_rows: &[&Row],
    current_scopes: &BTreeSet<String>,
    anomalies: &mut Vec<Anomaly>,
) -> Result<Records, IngestError> {
    let mut endpoints: BTreeMap<String, EndpointAcc> = BTreeMap::new();
    let mut webhooks: BTreeMap<String, WebhookAcc> = BTreeMap::new();
    // scope → (access, endpoints, webhook events)
    type ScopeAcc = (BTreeSet<Access>, BTreeSet<String>, BTreeSet<String>);
    let mut scopes: BTreeMap<String, ScopeAcc> = BTreeMap::new();

    for row in rows {
        let access: BTreeSet<Access> = row.access.iter().flatten().copied().collect();
        let scope = scopes.entry(row.effective_scope.clone()).or_default();
        scope.0.extend(access.iter().copied());
        if let Some(e) = &row.endpoint {
            let key = e.key();
            let acc = endpoints.entry(key.clone()).or_insert_with(|| EndpointAcc {
                method: e.method,
                template: e.template.clone(),
                first_line: (row.source, row.line),
                scopes: BTreeSet::new(),
                access: BTreeSet::new(),
            });
            if acc.template != e.template {
                anomalies.push(Anomaly {
                    source: row.source,
                    line: row.line,
                    kind: AnomalyKind::ParamNameMismatch,
                    detail: format!(
                        "`{}` is written `{}` on {}:{}",
                        e.display(),
                        acc.template,
                        acc.first_line.0,
                        acc.first_line.1
                    ),
                    resolution: Resolution::Normalized(format!(
                        "the record uses `{}`",
                        acc.template
                    )),
                });
            }
            acc.scopes.insert(row.effective_scope.clone());
            acc.access.extend(access.iter().copied());
            scope.1.insert(e.display_with(&acc.template));
        }
        if let Some(w) = &row.webhook {
            let acc = webhooks.entry(w.clone()).or_insert_with(|| WebhookAcc {
                scopes: BTreeSet::new(),
                access: BTreeSet::new(),
            });
            acc.scopes.insert(row.effective_scope.clone());
            acc.access.extend(access.iter().copied());
            scope.2.insert(w.clone());
        }
    }

    for (key, acc) in &endpoints {
        if acc.scopes.len() > 1 {
            anomalies.push(Anomaly {
                source: acc.first_line.0,
                line: acc.first_line.1,
                kind: AnomalyKind::ListedUnderSeveralScopes,
                detail: format!("`{key}` under {}", list(&acc.scopes)),
                resolution: Resolution::Kept("any one of them grants it".into()),
            });
        }
    }

    let mut by_item: BTreeMap<Item, Vec<Provenance>> = BTreeMap::new();
    let mut by_scope: BTreeMap<&str, (Vec<Provenance>, BTreeSet<String>)> = BTreeMap::new();
    for row in provenance_rows {
        for item in items(row) {
            by_item.entry(item).or_default().push(provenance(row));
        }
        if row.names_scope() {
            let entry = by_scope.entry(&row.named_scope).or_default();
            entry.0.push(provenance(row));
            if row.scope != row.named_scope {
                entry.1.insert(row.scope.clone());
            }
        }
    }
    let order = |p: &Provenance| (source_rank(&p.source), p.line);
    for list in by_item.values_mut() {
        list.sort_by_key(order);
        list.dedup();
    }

    let mut endpoint_records: Vec<EndpointRecord> = endpoints
        .into_iter()
        .map(|(key, acc)| EndpointRecord {
            method: acc.method,
            path: acc.template.to_string(),
            scopes: acc.scopes.into_iter().collect(),
            access: acc.access.into_iter().collect(),
            provenance: by_item
                .get(&Item::Endpoint(key))
                .cloned()
                .unwrap_or_default(),
            // Attached later by `reference_merge`, which reads another source.
            reference: None,
            auth: Default::default(),
            openapi: Vec::new(),
        })
        .collect();
    endpoint_records.sort_by(|a, b| (&a.path, a.method).cmp(&(&b.path, b.method)));

    let webhook_records = webhooks
        .into_iter()
        .map(|(event, acc)| WebhookRecord {
            provenance: by_item
                .get(&Item::Webhook(event.clone()))
                .cloned()
                .unwrap_or_default(),
            event,
            scopes: acc.scopes.into_iter().collect(),
            access: acc.access.into_iter().collect(),
        })
        .collect();

    let scope_records = scopes
        .into_iter()
        .map(|(name, (access, endpoints, webhooks))| {
            let (mut provenance, spellings) = by_scope.remove(name.as_str()).unwrap_or_default();
            provenance.sort_by_key(order);
            let status = if current_scopes.is_empty() || current_scopes.contains(&name) {
                ScopeStatus::Current
            } else {
                ScopeStatus::LegacyOnly
            };
            ScopeRecord {
                status,
                access: access.into_iter().collect(),
                endpoints: sort_endpoint_names(endpoints),
                webhooks: webhooks.into_iter().collect(),
                spellings: spellings.into_iter().collect(),
                provenance,
                name,
            }
        })
        .collect();

    Ok(Records {
        scopes: scope_records,
        endpoints: endpoint_records,
        webhooks: webhook_records,
    })
}

/// `METHOD /path` names sorted like the endpoint records: by path, then method.
fn sort_endpoint_names(names: BTreeSet<String>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().collect();
    names.sort_by_key(|n| {
        let (method, path) = n.split_once(' ').unwrap_or((n, ""));
        (path.to_owned(), HttpMethod::parse(method))
    });
    names
}

fn source_rank(source: &str) -> usize {
    super::SOURCES
        .iter()
        .position(|s| s.id == source)
        .unwrap_or(usize::MAX)
}

trait DisplayWith {
    fn display_with(&self, template: &Template) -> String;
}

impl DisplayWith for super::rows::RowEndpoint {
    fn display_with(&self, template: &Template) -> String {
        format!("{} {template}", self.method.as_str())
    }
}

fn endpoint_map(r: &Records) -> BTreeMap<String, &EndpointRecord> {
    r.endpoints
        .iter()
        .filter_map(|e| Some((e.key().ok()?, e)))
        .collect()
}

/// What changed from the v1 table to the current one.
fn diff(legacy: &Records, current: &Records) -> Changes {
    let names =
        |r: &Records| -> BTreeSet<String> { r.scopes.iter().map(|s| s.name.clone()).collect() };
    let (old_scopes, new_scopes) = (names(legacy), names(current));

    let (old_e, new_e) = (endpoint_map(legacy), endpoint_map(current));
    let webhook_map = |r: &Records| -> BTreeMap<String, Vec<String>> {
        r.webhooks
            .iter()
            .map(|w| (w.event.clone(), w.scopes.clone()))
            .collect()
    };
    let (old_w, new_w) = (webhook_map(legacy), webhook_map(current));

    let mut changes = Changes {
        scopes_added: new_scopes.difference(&old_scopes).cloned().collect(),
        scopes_removed: old_scopes.difference(&new_scopes).cloned().collect(),
        endpoints_added: sort_endpoint_names(
            new_e
                .iter()
                .filter(|(k, _)| !old_e.contains_key(*k))
                .map(|(_, e)| e.display_name())
                .collect(),
        ),
        endpoints_removed: sort_endpoint_names(
            old_e
                .iter()
                .filter(|(k, _)| !new_e.contains_key(*k))
                .map(|(_, e)| e.display_name())
                .collect(),
        ),
        webhooks_added: new_w
            .keys()
            .filter(|k| !old_w.contains_key(*k))
            .cloned()
            .collect(),
        webhooks_removed: old_w
            .keys()
            .filter(|k| !new_w.contains_key(*k))
            .cloned()
            .collect(),
        ..Changes::default()
    };
    for (key, old) in &old_e {
        let Some(new) = new_e.get(key) else { continue };
        if old.scopes != new.scopes {
            changes.endpoints_rescoped.push(Rescope {
                item: new.display_name(),
                legacy: old.scopes.clone(),
                current: new.scopes.clone(),
            });
        }
        if old.access != new.access {
            changes.endpoints_access_changed.push(AccessChange {
                item: new.display_name(),
                legacy: old.access.clone(),
                current: new.access.clone(),
            });
        }
    }
    for (event, old) in &old_w {
        if let Some(new) = new_w.get(event)
            && old != new
        {
            changes.webhooks_rescoped.push(Rescope {
                item: event.clone(),
                legacy: old.clone(),
                current: new.clone(),
            });
        }
    }
    let by_path = |r: &Rescope| {
        let (m, p) = r.item.split_once(' ').unwrap_or((&r.item, ""));
        (p.to_owned(), HttpMethod::parse(m))
    };
    changes.endpoints_rescoped.sort_by_key(by_path);
    changes.endpoints_access_changed.sort_by_key(|c| {
        let (m, p) = c.item.split_once(' ').unwrap_or((&c.item, ""));
        (p.to_owned(), HttpMethod::parse(m))
    });
    changes
}

/// The legacy file's content.
pub fn legacy_table(
    provider: &str,
    source: scopewise_model::dataset::SourceRecord,
    merged: &Merged,
) -> LegacyFile {
    LegacyFile {
        provider: provider.to_owned(),
        source,
        scopes: merged.legacy.scopes.clone(),
        endpoints: merged.legacy.endpoints.clone(),
        webhooks: merged.legacy.webhooks.clone(),
        changes: merged.changes.clone(),
    }
}
