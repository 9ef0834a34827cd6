//! The scope table as the vendor's documentation repository holds it
//! (`oauth/Scopes.md`): an older edition than the 2025-10-11 copy. It decides nothing; it is
//! cross-checked against the dataset the newer copies and the specs give.
//!
//! Each row is read with the same row reader as the other copies. A row whose scope grants
//! the endpoint or event in the dataset joins the record's provenance; a row that attributes
//! it to another scope, or an item the dataset does not have, is an
//! `older-edition-difference` at the row, naming where the dataset's answer comes from.

use scopewise_model::dataset::{EndpointRecord, Provenance, WebhookRecord};

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::IngestError;
use super::rows::{self, SourceSpec};
use super::source_path;

/// The older edition of the scope table.
pub const OLDER: SourceSpec = SourceSpec {
    id: "oauth/Scopes.md",
    path: "data/sources/highlevel/oauth/Scopes.md",
};

/// Where the older edition's rows went: `rows = agreeing + differing`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OlderAccounting {
    /// Rows read.
    pub rows: u32,
    /// Rows whose scope grants their item in the dataset (cited in its provenance).
    pub agreeing: u32,
    /// Rows that differ (each an anomaly).
    pub differing: u32,
}

/// Cross-checks the older edition `text` against `endpoints` and `webhooks`, adding the
/// agreeing rows to their provenance.
pub fn check(
    text: &str,
    endpoints: &mut [EndpointRecord],
    webhooks: &mut [WebhookRecord],
    anomalies: &mut Vec<Anomaly>,
) -> Result<OlderAccounting, IngestError> {
    let parsed = rows::parse_source(OLDER, text)?;
    let mut out = OlderAccounting::default();
    for row in &parsed.rows {
        if row.truncated {
            continue;
        }
        out.rows += 1;
        let row_provenance = Provenance {
            source: OLDER.id.to_owned(),
            line: row.line,
            scope: row.scope.clone(),
            corrected_by: None,
        };
        let (item, granted, at) = if let Some(e) = &row.endpoint {
            let key = e.template.lookup_key(e.method.as_str()).ok();
            match endpoints
                .iter_mut()
                .find(|r| key.is_some() && r.key().ok() == key)
            {
                Some(r) => {
                    let at = first_location(&r.provenance);
                    let granted = r.scopes.contains(&row.scope);
                    if granted {
                        r.provenance.push(row_provenance.clone());
                    }
                    (e.display(), Some(r.scopes.clone()), at)
                }
                None => (e.display(), None, String::new()),
            }
        } else if let Some(event) = &row.webhook {
            match webhooks.iter_mut().find(|w| &w.event == event) {
                Some(w) => {
                    let at = first_location(&w.provenance);
                    let granted = w.scopes.contains(&row.scope);
                    if granted {
                        w.provenance.push(row_provenance.clone());
                    }
                    (event.clone(), Some(w.scopes.clone()), at)
                }
                None => (event.clone(), None, String::new()),
            }
        } else {
            // A scope row with no item: nothing to compare.
            out.agreeing += 1;
            continue;
        };
        match granted {
            Some(scopes) if scopes.contains(&row.scope) => out.agreeing += 1,
            Some(scopes) => {
                out.differing += 1;
                anomalies.push(Anomaly {
                    source: OLDER.id,
                    line: row.line,
                    kind: AnomalyKind::OlderEditionDifference,
                    detail: format!(
                        "`{item}` under `{}`; the dataset gives {} ({at})",
                        row.scope,
                        if scopes.is_empty() {
                            "no scope".to_owned()
                        } else {
                            scopes
                                .iter()
                                .map(|s| format!("`{s}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                    resolution: Resolution::Kept(
                        "the newer copies and the specs decide; reported".into(),
                    ),
                });
            }
            None => {
                out.differing += 1;
                anomalies.push(Anomaly {
                    source: OLDER.id,
                    line: row.line,
                    kind: AnomalyKind::OlderEditionDifference,
                    detail: format!(
                        "`{item}` under `{}`: no newer copy, spec or page lists it",
                        row.scope
                    ),
                    resolution: Resolution::Kept(
                        "not added: the edition is superseded; reported".into(),
                    ),
                });
            }
        }
    }
    Ok(out)
}

fn first_location(p: &[Provenance]) -> String {
    p.first()
        .map(|p| format!("{}:{}", source_path(&p.source), p.line))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::highlevel::anomaly::AnomalyKind;
    use crate::highlevel::{Inputs, ingest};

    #[test]
    fn the_older_edition_is_cited_where_it_agrees_and_reported_where_not() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let ing = ingest(&Inputs::read(&root).expect("inputs")).expect("ingest");
        let o = &ing.older_edition;
        assert_eq!((o.rows, o.agreeing, o.differing), (252, 248, 4));
        let differing: Vec<u32> = ing
            .anomalies
            .iter()
            .filter(|a| a.kind == AnomalyKind::OlderEditionDifference)
            .map(|a| a.line)
            .collect();
        // DELETE /locations/{locationId} (decided for the specs) and the three rows the
        // overrides move out of `funnels/pagecount.readonly`.
        assert_eq!(differing, [137, 164, 165, 166]);
        let bulk_delete = ing
            .catalog
            .endpoints
            .iter()
            .find(|e| {
                e.display_name() == "POST /social-media-posting/{locationId}/posts/bulk-delete"
            })
            .expect("known");
        assert_eq!(bulk_delete.scopes, ["socialplanner/csv.write"]);
        assert!(
            bulk_delete
                .provenance
                .iter()
                .any(|p| p.source == "oauth/Scopes.md" && p.line == 211)
        );
    }
}
