//! The translation check: the English legacy (v1) table (`oauth/ScopesOld.md`, the vendor's
//! original) against the Spanish copy the dataset's legacy table is read from, row by row.
//!
//! Both are read with the same row reader ([`super::rows::parse_source`]: cells classified by
//! content, so collapsed rows read alike). Row *i* of one is compared with row *i* of the
//! other: scope, endpoint, webhook event and access. Every difference, and a difference in the
//! number of rows, is a `translation-difference` anomaly at the English line naming the
//! Spanish one. The check reports; it changes nothing in the dataset.

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::IngestError;
use super::rows::{self, Row, SourceSpec};
use super::{LEGACY, source_path};

/// The English legacy table.
pub const ENGLISH: SourceSpec = SourceSpec {
    id: "oauth/ScopesOld.md",
    path: "data/sources/highlevel/oauth/ScopesOld.md",
};

/// What the check found: rows compared, and the anomalies.
#[derive(Debug, Clone, Default)]
pub struct TranslationCheck {
    /// Rows of the English table.
    pub english_rows: u32,
    /// Rows of the Spanish copy.
    pub spanish_rows: u32,
    /// Rows compared pairwise that say the same thing.
    pub same: u32,
    /// The differences.
    pub anomalies: Vec<Anomaly>,
}

/// Compares the English table `english` with the Spanish copy `spanish`.
pub fn check(english: &str, spanish: &str) -> Result<TranslationCheck, IngestError> {
    let en = rows::parse_source(ENGLISH, english)?;
    let es = rows::parse_source(LEGACY, spanish)?;
    let mut out = TranslationCheck {
        english_rows: en.rows.len() as u32,
        spanish_rows: es.rows.len() as u32,
        ..TranslationCheck::default()
    };
    for (a, b) in en.rows.iter().zip(&es.rows) {
        let diffs = differences(a, b);
        if diffs.is_empty() {
            out.same += 1;
            continue;
        }
        out.anomalies.push(Anomaly {
            source: ENGLISH.id,
            line: a.line,
            kind: AnomalyKind::TranslationDifference,
            detail: format!(
                "{} ({}:{})",
                diffs.join("; "),
                source_path(LEGACY.id),
                b.line
            ),
            resolution: Resolution::Kept(
                "reported; the legacy table is read from the Spanish copy".into(),
            ),
        });
    }
    let (longer, extra, other) = if en.rows.len() > es.rows.len() {
        (&en.rows, ENGLISH.id, "the Spanish copy")
    } else {
        (&es.rows, LEGACY.id, "the English table")
    };
    let shorter = en.rows.len().min(es.rows.len());
    for r in &longer[shorter..] {
        out.anomalies.push(Anomaly {
            source: extra,
            line: r.line,
            kind: AnomalyKind::TranslationDifference,
            detail: format!("a row {other} does not have: `{}`", r.text.trim()),
            resolution: Resolution::Kept("reported".into()),
        });
    }
    Ok(out)
}

fn differences(en: &Row, es: &Row) -> Vec<String> {
    let mut out = Vec::new();
    if en.scope != es.scope {
        out.push(format!("scope `{}` vs `{}`", en.scope, es.scope));
    }
    let endpoint = |r: &Row| r.endpoint.as_ref().map(|e| e.display());
    if endpoint(en) != endpoint(es) {
        out.push(format!(
            "endpoint `{}` vs `{}`",
            endpoint(en).unwrap_or_default(),
            endpoint(es).unwrap_or_default()
        ));
    }
    if en.webhook != es.webhook {
        out.push(format!(
            "webhook `{}` vs `{}`",
            en.webhook.clone().unwrap_or_default(),
            es.webhook.clone().unwrap_or_default()
        ));
    }
    if en.access != es.access {
        let list = |a: &Option<Vec<scopewise_model::access::Access>>| {
            a.as_ref().map_or_else(
                || "(none)".to_owned(),
                |a| {
                    a.iter()
                        .map(|x| rows::access_code(*x))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            )
        };
        out.push(format!(
            "access {} vs {}",
            list(&en.access),
            list(&es.access)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n| contacts.readonly | GET /contacts/:contactId | | Sub-Account |\n| &nbsp; | | ContactCreate | Sub-Account |\n";

    #[test]
    fn the_real_tables_say_the_same_row_for_row() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("readable");
        let t = check(&read(ENGLISH.path), &read(LEGACY.path)).expect("both parse");
        assert_eq!((t.english_rows, t.spanish_rows, t.same), (103, 103, 103));
        assert!(t.anomalies.is_empty(), "{:?}", t.anomalies);
    }

    #[test]
    fn a_mistranslated_row_is_reported_with_both_lines() {
        let es = "| Scope | Endpoints de la API | Eventos de Webhook | Tipo de acceso |\n|---|---|---|---|\n| contacts.readonly | GET /contacts/:contactId | Company | |\n| | ContactCreate | Sub-cuenta | |\n| | ContactDelete | Sub-cuenta | |\n";
        let t = check(EN, es).expect("both parse");
        assert_eq!(t.same, 1);
        assert_eq!(t.anomalies.len(), 2);
        assert_eq!(t.anomalies[0].line, 3);
        assert_eq!(
            t.anomalies[0].detail,
            "access sub-account vs agency (data/sources/highlevel/highlevel-scopes-v1-legacy-es.md:3)"
        );
        assert_eq!(t.anomalies[1].source, LEGACY.id);
        assert!(t.anomalies[1].detail.contains("ContactDelete"));
    }
}
