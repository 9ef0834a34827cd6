//! What `cargo xtask ingest` prints about the HighLevel ingest: what each source gave.

use std::fmt::Write;

use super::Ingest;

/// The summary: counts of the dataset, then one line per source and the anomalies by kind.
pub fn render(ingest: &Ingest) -> String {
    let mut out = String::new();
    let c = &ingest.catalog;
    let l = &ingest.legacy;
    let _ = writeln!(
        out,
        "highlevel: current {} endpoints, {} scopes, {} webhook events; legacy v1 {} endpoints, {} scopes, {} webhook events",
        c.endpoints.len(),
        c.scopes.len(),
        c.webhooks.len(),
        l.endpoints.len(),
        l.scopes.len(),
        l.webhooks.len()
    );
    for a in &ingest.accounting {
        let _ = writeln!(
            out,
            "  {:<13} {:>3} table rows = {:>3} used + {} not used",
            a.source, a.rows, a.used, a.rejected
        );
    }
    let _ = writeln!(out, "  api-reference {}", ingest.reference.summary());
    for a in &ingest.openapi {
        let _ = writeln!(out, "  openapi-{}    {}", a.version, a.summary());
    }
    let _ = writeln!(out, "  webhook-events {}", ingest.webhook_pages.summary());
    let o = &ingest.older_edition;
    let _ = writeln!(
        out,
        "  oauth/Scopes.md {} rows = {} agreeing with the dataset + {} differing",
        o.rows, o.agreeing, o.differing
    );
    let t = &ingest.translation;
    let _ = writeln!(
        out,
        "  translation   English legacy table {} rows, Spanish copy {} rows: {} rows alike, {} differences",
        t.english_rows,
        t.spanish_rows,
        t.same,
        t.anomalies.len()
    );
    let mut counts = std::collections::BTreeMap::new();
    for a in &ingest.anomalies {
        *counts.entry(a.kind).or_insert(0) += 1;
    }
    let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(
        out,
        "  anomalies {}: {}",
        ingest.anomalies.len(),
        list.join(", ")
    );
    out
}
