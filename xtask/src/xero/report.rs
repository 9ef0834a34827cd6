//! `data/xero/anomalies.md`: what the ingest read, and every reading it applied.

use std::fmt::Write as _;

use super::Ingest;

/// The report, after the shared header.
pub fn render(ingest: &Ingest) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Xero: what the ingest read and decided\n");
    let _ = writeln!(out, "{}\n", ingest.summary());
    let _ = writeln!(
        out,
        "## Specs\n\n| spec | base path | operations |\n|---|---|---|"
    );
    for (name, base, count) in &ingest.specs {
        let _ = writeln!(out, "| `{name}` | `{base}` | {count} |");
    }
    for n in &ingest.curated.not_operations {
        let _ = writeln!(
            out,
            "| `{}` | — | not read for operations: {} |",
            n.file, n.reason
        );
    }
    let _ = writeln!(
        out,
        "\n## One requirement, several scopes: any one of them ({})\n\n{}\n",
        ingest.any_of.len(),
        ingest.curated.any_of_reason
    );
    for evidence in &ingest.curated.any_of_evidence {
        let _ = writeln!(out, "- evidence: {evidence}");
    }
    let _ = writeln!(out);
    for (endpoint, scopes) in &ingest.any_of {
        let _ = writeln!(out, "- `{endpoint}`: any of `{}`", scopes.join("`, `"));
    }
    let _ = writeln!(
        out,
        "\n## Described more than once, alike ({})\n\nThe payroll specs of three regions (AU v2, NZ, UK) share the base path `/payroll.xro/2.0`, and the accounting spec describes some operations twice under two parameter names (`/Contacts/{{ContactID}}` and `/Contacts/{{ContactNumber}}`). Each such operation is one endpoint, because every description of it agrees on what it needs; a disagreement stops the ingest.\n",
        ingest.shared.len()
    );
    for (endpoint, files) in &ingest.shared {
        let _ = writeln!(out, "- `{endpoint}`: {}", files.join(", "));
    }
    let _ = writeln!(
        out,
        "\n## Scopes no operation carries ({})\n",
        ingest.curated.known_scopes.len()
    );
    for k in &ingest.curated.known_scopes {
        let _ = writeln!(out, "- `{}`: {}", k.name, k.reason);
    }
    if !ingest.other_methods.is_empty() {
        let _ = writeln!(
            out,
            "\n## Operations with a method the catalog does not hold ({})\n",
            ingest.other_methods.len()
        );
        for op in &ingest.other_methods {
            let _ = writeln!(out, "- {op}");
        }
    }
    out
}
