//! `data/highlevel/overrides.yaml`: the curated corrections, each with its reason.
//!
//! An override names the source rows it answers (source, line and the row's text verbatim,
//! so a changed source cannot be corrected by a stale entry), the anomaly it answers, what
//! to do, and why. An override that answers nothing is an error, and so is an anomaly that
//! needs review and has no override.

use std::collections::BTreeSet;

use scopewise_model::access::Access;
use serde::Deserialize;

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::{IngestError, Location};
use super::rows::{ParsedSource, access_code};

/// The file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverridesFile {
    /// The corrections.
    pub overrides: Vec<Override>,
    /// Reviewed decisions where the OpenAPI specs disagree with another source.
    #[serde(default)]
    pub openapi: Vec<OpenApiDecision>,
}

/// A reviewed decision on an endpoint about which the OpenAPI specs and another source
/// disagree: what the endpoint needs, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenApiDecision {
    /// A stable, unique name; the anomalies it answers cite it.
    pub id: String,
    /// `METHOD /path` (parameter names are not compared).
    pub endpoint: String,
    /// The anomaly codes it answers (`openapi-scope-conflict`, `openapi-auth-conflict`,
    /// `openapi-version-conflict`); each must be found on the endpoint.
    pub answers: Vec<String>,
    /// The scopes that grant the endpoint (any one); empty with `auth: none` or `token`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// What a call needs besides the scopes (default `scopes`).
    #[serde(default)]
    pub auth: scopewise_model::dataset::Auth,
    /// Why: the evidence.
    pub reason: String,
}

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// A stable, unique name, used in provenance (`corrected_by`) and the report.
    pub id: String,
    /// The anomaly codes it answers, e.g. `[write-method-under-read-scope]`; each must be
    /// found on every row named.
    pub answers: Vec<String>,
    /// The rows, one per copy that has the flaw.
    pub rows: Vec<RowRef>,
    /// What to do.
    pub action: Action,
    /// Why: the evidence.
    pub reason: String,
}

/// A source row, named by source id, line and verbatim text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowRef {
    /// The source id (`current`, `snapshot-2025-10-11`, `legacy-v1-es`).
    pub source: String,
    /// The 1-based line.
    pub line: u32,
    /// The row exactly as the source has it.
    pub text: String,
}

/// What an override does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The row belongs to another scope.
    Reassign(String),
    /// The flagged row is right as written.
    Confirm,
    /// The row's access type.
    SetAccess(Vec<Access>),
    /// The scope named in this row is spelled otherwise (continuation rows follow).
    RenameScope(String),
}

impl Action {
    fn describe(&self) -> String {
        match self {
            Self::Reassign(s) => format!("reassigned to `{s}`"),
            Self::Confirm => "confirmed as written".into(),
            Self::SetAccess(a) => format!(
                "access set to {}",
                a.iter()
                    .map(|a| access_code(*a))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::RenameScope(s) => format!("scope renamed to `{s}`"),
        }
    }

    fn answers(&self, kind: AnomalyKind) -> bool {
        match self {
            Self::Reassign(_) | Self::Confirm => matches!(
                kind,
                AnomalyKind::WriteMethodUnderReadScope
                    | AnomalyKind::ReadMethodUnderWriteScope
                    | AnomalyKind::OutOfFamily
            ),
            Self::SetAccess(_) => kind == AnomalyKind::MissingAccess,
            Self::RenameScope(_) => kind == AnomalyKind::ScopeNameCase,
        }
    }
}

/// Parses the file; YAML errors carry line and column.
pub fn load(file: &str, text: &str) -> Result<OverridesFile, IngestError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = match e.location() {
            Some(l) => Location::cell(file, l.line() as u32, l.column() as u32),
            None => Location::file(file),
        };
        IngestError::at(location, e.to_string())
    })
}

/// Applies the overrides to the parsed sources: changes the rows and resolves the anomalies
/// they answer. Fails on a stale or mismatched override, naming it.
pub fn apply(
    file: &str,
    overrides: &OverridesFile,
    sources: &mut [ParsedSource],
    anomalies: &mut [Anomaly],
) -> Result<(), IngestError> {
    let mut ids = BTreeSet::new();
    for (index, o) in overrides.overrides.iter().enumerate() {
        let fail = |msg: String| {
            IngestError::at(
                Location::file(file),
                format!("overrides[{index}] (`{}`): {msg}", o.id),
            )
        };
        if !ids.insert(o.id.as_str()) {
            return Err(fail("duplicate id".into()));
        }
        if o.reason.trim().is_empty() {
            return Err(fail(
                "`reason` is empty: every correction states why".into(),
            ));
        }
        if o.rows.is_empty() {
            return Err(fail("`rows` is empty".into()));
        }
        if o.answers.is_empty() {
            return Err(fail("`answers` is empty".into()));
        }
        let mut kinds = Vec::new();
        for code in &o.answers {
            let kind = AnomalyKind::ALL
                .into_iter()
                .find(|k| k.code() == code)
                .ok_or_else(|| fail(format!("`answers: {code}` is not an anomaly code")))?;
            if !o.action.answers(kind) {
                return Err(fail(format!(
                    "`{}` cannot answer a `{}` anomaly",
                    o.action.describe(),
                    kind.code()
                )));
            }
            kinds.push(kind);
        }
        for r in &o.rows {
            let source = sources
                .iter_mut()
                .find(|s| s.spec.id == r.source)
                .ok_or_else(|| fail(format!("unknown source `{}`", r.source)))?;
            let path = source.spec.path;
            let scopes: BTreeSet<String> = source.rows.iter().map(|r| r.scope.clone()).collect();
            let row = source
                .rows
                .iter_mut()
                .find(|row| row.line == r.line)
                .ok_or_else(|| fail(format!("{path}:{} is not a table row", r.line)))?;
            if row.text != r.text {
                return Err(fail(format!(
                    "{path}:{} reads `{}`, not `{}`: the source changed, review this override",
                    r.line, row.text, r.text
                )));
            }
            for &kind in &kinds {
                let mut answered = false;
                for a in anomalies
                    .iter_mut()
                    .filter(|a| a.source == source.spec.id && a.line == r.line && a.kind == kind)
                {
                    a.resolution = Resolution::Override {
                        id: o.id.clone(),
                        action: o.action.describe(),
                    };
                    answered = true;
                }
                if !answered {
                    return Err(fail(format!(
                        "{path}:{} has no `{}` anomaly: the override is stale",
                        r.line,
                        kind.code()
                    )));
                }
            }
            match &o.action {
                Action::Confirm => {}
                Action::Reassign(to) => {
                    if !scopes.contains(to) {
                        return Err(fail(format!("`{to}` is not a scope of {path}")));
                    }
                    row.effective_scope.clone_from(to);
                    row.corrected_by = Some(o.id.clone());
                }
                Action::SetAccess(access) => {
                    row.access = Some(access.clone());
                    row.corrected_by = Some(o.id.clone());
                }
                Action::RenameScope(to) => {
                    let line = row.line;
                    for row in source.rows.iter_mut().filter(|row| row.scope_line == line) {
                        row.effective_scope.clone_from(to);
                        row.named_scope.clone_from(to);
                        row.corrected_by = Some(o.id.clone());
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlevel::rows::{SourceSpec, parse_source};
    use crate::highlevel::rules;

    const ROWS: &str = "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n\
        | medias.write | POST /medias/upload-file |  | Sub-Account |\n\
        | funnels/page.readonly | GET /funnels/page |  | Sub-Account |\n\
        |  | DELETE /medias/:fileId |  | Sub-Account |\n";

    fn setup() -> (Vec<ParsedSource>, Vec<Anomaly>) {
        let parsed = parse_source(
            SourceSpec {
                id: "t",
                path: "t.md",
            },
            ROWS,
        )
        .unwrap();
        let anomalies = rules::check(&parsed.rows);
        (vec![parsed], anomalies)
    }

    fn overrides(yaml: &str) -> OverridesFile {
        load("o.yaml", yaml).unwrap()
    }

    const REASSIGN: &str = "overrides:\n- id: medias-delete\n  answers: [write-method-under-read-scope]\n  rows:\n  - { source: t, line: 5, text: '|  | DELETE /medias/:fileId |  | Sub-Account |' }\n  action: !reassign medias.write\n  reason: media files are deleted with the write scope\n";

    #[test]
    fn reassign_changes_the_row_and_resolves_the_anomaly() {
        let (mut sources, mut anomalies) = setup();
        apply("o.yaml", &overrides(REASSIGN), &mut sources, &mut anomalies).unwrap();
        let row = &sources[0].rows[2];
        assert_eq!(row.effective_scope, "medias.write");
        assert_eq!(row.corrected_by.as_deref(), Some("medias-delete"));
        let a = anomalies
            .iter()
            .find(|a| a.kind == AnomalyKind::WriteMethodUnderReadScope)
            .unwrap();
        assert_eq!(
            a.resolution.to_string(),
            "override `medias-delete`: reassigned to `medias.write`"
        );
        // The out-of-family anomaly on the same row is a different question, still open.
        assert!(anomalies.iter().any(|a| a.kind == AnomalyKind::OutOfFamily
            && matches!(a.resolution, Resolution::Unresolved { .. })));
    }

    #[test]
    fn a_changed_source_row_makes_the_override_fail() {
        let (mut sources, mut anomalies) = setup();
        let yaml = REASSIGN.replace("DELETE /medias/:fileId", "DELETE /medias/:id");
        let err = apply("o.yaml", &overrides(&yaml), &mut sources, &mut anomalies).unwrap_err();
        assert_eq!(
            err.to_string(),
            "o.yaml: overrides[0] (`medias-delete`): t.md:5 reads `|  | DELETE /medias/:fileId |  | Sub-Account |`, not `|  | DELETE /medias/:id |  | Sub-Account |`: the source changed, review this override"
        );
    }

    #[test]
    fn stale_or_mismatched_overrides_are_errors() {
        let (mut sources, mut anomalies) = setup();
        let yaml = REASSIGN.replace(
            "line: 5, text: '|  | DELETE /medias/:fileId |  | Sub-Account |'",
            "line: 3, text: '| medias.write | POST /medias/upload-file |  | Sub-Account |'",
        );
        let err = apply("o.yaml", &overrides(&yaml), &mut sources, &mut anomalies).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "t.md:3 has no `write-method-under-read-scope` anomaly: the override is stale"
            ),
            "{err}"
        );

        let yaml = REASSIGN.replace("!reassign medias.write", "!set-access [agency]");
        let err = apply("o.yaml", &overrides(&yaml), &mut sources, &mut anomalies).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "`access set to agency` cannot answer a `write-method-under-read-scope` anomaly"
            ),
            "{err}"
        );

        let yaml = REASSIGN.replace("!reassign medias.write", "!reassign media.write");
        let err = apply("o.yaml", &overrides(&yaml), &mut sources, &mut anomalies).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("`media.write` is not a scope of t.md"),
            "{err}"
        );

        let yaml = REASSIGN.replace(
            "reason: media files are deleted with the write scope",
            "reason: ' '",
        );
        let err = apply("o.yaml", &overrides(&yaml), &mut sources, &mut anomalies).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("`reason` is empty: every correction states why"),
            "{err}"
        );
    }

    #[test]
    fn yaml_errors_carry_line_and_column() {
        let err = load("o.yaml", "overrides:\n- id: x\n  answerz: [y]\n").unwrap_err();
        assert!(err.to_string().starts_with("o.yaml:3:3: "), "{err}");
        assert!(err.to_string().contains("unknown field `answerz`"), "{err}");
    }
}
