//! `data/highlevel/anomalies.md`: every anomaly, its place and what was done, for people.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::anomaly::{Anomaly, AnomalyKind};
use super::{CURATED, Ingest, PROVIDER, REFERENCE, source_path as path, source_rank};
use crate::source::{Format, header};

/// Kinds with more rows than this are listed as line ranges, not one row per line.
const COMPACT_ABOVE: usize = 25;

/// Renders the report. Deterministic: it depends only on the ingest's sorted data.
pub fn render(ingest: &Ingest) -> String {
    let mut out = String::new();
    out.push_str(&header(Format::Markdown, PROVIDER, &CURATED));
    out.push_str("# HighLevel scope tables, API reference, OpenAPI specs and webhook pages: anomaly report\n\n");
    out.push_str(
        "Every flaw found in the vendor's scope tables and API reference, where it is, and what the\n\
         ingest did about it. Corrections that change what a scope grants come only from\n\
         `data/highlevel/overrides.yaml`, where each entry gives its reason. Where the API reference's\n\
         token types differ from a scope table's access type, the table stays authoritative for\n\
         `access` (the reference's are kept in the endpoint's `reference.oauth`), and so it does\n\
         against the OpenAPI specs' security schemes. Where the specs disagree with the tables or with\n\
         each other about what a call needs, a reviewed decision in `overrides.yaml` (`openapi:`)\n\
         settles it; the precedence between sources is in `data/README.md`.\n\n",
    );

    out.push_str("## Row accounting\n\n| source | file | table rows | used | not used |\n|---|---|---:|---:|---:|\n");
    for a in &ingest.accounting {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | {} |",
            a.source,
            path(a.source),
            a.rows,
            a.used,
            a.rejected
        );
    }

    let r = &ingest.reference;
    let _ = writeln!(
        out,
        "\n## Reference accounting\n\n`{}`: {}. Recovered truncated paths among the merged: {}. \
         Not merged (each has an anomaly at its line): {}.",
        REFERENCE.path,
        r.summary(),
        r.recovered,
        if r.not_merged.is_empty() {
            "none".to_owned()
        } else {
            r.not_merged
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    );

    out.push_str("\n## OpenAPI accounting\n\n");
    for a in &ingest.openapi {
        let _ = writeln!(
            out,
            "- `{}/openapi-{}/`: {}.",
            super::SOURCES_DIR,
            a.version,
            a.summary()
        );
    }

    let _ = writeln!(
        out,
        "\n## Webhook page accounting\n\n`{}/{}/`: {}.",
        super::SOURCES_DIR,
        super::webhook_pages::DIR,
        ingest.webhook_pages.summary()
    );

    let o = &ingest.older_edition;
    let _ = writeln!(
        out,
        "\n## Older edition\n\n`{}` (the table as the vendor's documentation repository holds it): {} rows = {} agreeing with the dataset (cited in its provenance) + {} differing (each an `older-edition-difference` below).",
        super::older_edition::OLDER.path,
        o.rows,
        o.agreeing,
        o.differing
    );
    let t = &ingest.translation;
    let _ = writeln!(
        out,
        "\n## Translation check\n\n`{}` (English, the original) against `{}` (the Spanish copy the legacy table is read from), row by row: {} and {} table rows, {} alike, {} different (each a `translation-difference` below). The Spanish copy's page text glued under the table is not a row of either.",
        super::translation::ENGLISH.path,
        super::LEGACY.path,
        t.english_rows,
        t.spanish_rows,
        t.same,
        t.anomalies.len()
    );

    let catalog = &ingest.catalog;
    let legacy = &ingest.legacy;
    use scopewise_model::dataset::Auth;
    let count = |f: &dyn Fn(&scopewise_model::dataset::EndpointRecord) -> bool| {
        catalog.endpoints.iter().filter(|e| f(e)).count()
    };
    let undocumented = count(&|e| e.scopes.is_empty() && e.auth == Auth::Scopes);
    let no_auth = count(&|e| e.auth == Auth::None);
    let token = count(&|e| e.auth == Auth::Token);
    let scope_unknown = catalog
        .webhooks
        .iter()
        .filter(|w| w.scopes.is_empty())
        .count();
    let _ = writeln!(
        out,
        "\nThe current dataset has {} endpoints ({undocumented} of them with an undocumented scope, known only from the API reference; {no_auth} that need no token and no scope; {token} that need a token whose scope no source states), {} scopes and {} webhook events ({scope_unknown} of them documented by their page only, scope unknown); the legacy (v1) table has {} endpoints, {} scopes and {} webhook events.\n",
        catalog.endpoints.len(),
        catalog.scopes.len(),
        catalog.webhooks.len(),
        legacy.endpoints.len(),
        legacy.scopes.len(),
        legacy.webhooks.len()
    );

    let mut by_kind: BTreeMap<AnomalyKind, Vec<&Anomaly>> = BTreeMap::new();
    for a in &ingest.anomalies {
        by_kind.entry(a.kind).or_default().push(a);
    }
    out.push_str("## Summary\n\n| anomaly | count | meaning |\n|---|---:|---|\n");
    for kind in AnomalyKind::ALL {
        let n = by_kind.get(&kind).map_or(0, Vec::len);
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {n} | {} |",
            kind.code(),
            kind.code(),
            kind.description()
        );
    }
    let _ = writeln!(out, "| total | {} | |", ingest.anomalies.len());

    for (kind, list) in &by_kind {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}.\n",
            kind.code(),
            capitalize(kind.description())
        );
        // Reference-only endpoints are each worth a line: they are the dataset's new records.
        // So is every disagreement with the OpenAPI specs: each names both places.
        if list.len() > COMPACT_ABOVE
            && *kind != AnomalyKind::ReferenceOnlyEndpoint
            && !kind.code().starts_with("openapi-")
        {
            let mut by_resolution: BTreeMap<(usize, String, String), Vec<u32>> = BTreeMap::new();
            for a in list {
                let rank = source_rank(a.source);
                by_resolution
                    .entry((rank, a.source.to_owned(), a.resolution.to_string()))
                    .or_default()
                    .push(a.line);
            }
            out.push_str("| file | lines | what was done |\n|---|---|---|\n");
            for ((_, source, resolution), lines) in by_resolution {
                let _ = writeln!(
                    out,
                    "| `{}` | {} ({} rows) | {} |",
                    path(&source),
                    ranges(&lines),
                    lines.len(),
                    escape(&resolution)
                );
            }
        } else {
            out.push_str("| where | what | what was done |\n|---|---|---|\n");
            for a in list {
                let _ = writeln!(
                    out,
                    "| `{}:{}` | {} | {} |",
                    path(a.source),
                    a.line,
                    escape(&a.detail),
                    escape(&a.resolution.to_string())
                );
            }
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Keeps table cells intact.
fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// `[1, 2, 3, 7]` → `1–3, 7`.
pub fn ranges(lines: &[u32]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranges_compact_consecutive_lines() {
        assert_eq!(super::ranges(&[7, 1, 2, 3, 9, 10]), "1–3, 7, 9–10");
        assert_eq!(super::ranges(&[]), "");
    }
}
