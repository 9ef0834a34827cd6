//! Table rows → logical rows: which scope, endpoint, webhook event and access each row gives.
//!
//! Handles the layout flaws of the copies: collapsed (shifted) cells, continuation rows
//! whose scope cell is empty, webhook-only and scope-only rows, path spelling, Spanish and
//! v1 access names, the entity typo and the row cut off by a truncated copy. Each flaw is
//! recorded as an [`Anomaly`] on the row's line.

use scopewise_model::access::Access;
use scopewise_model::dataset::HttpMethod;
use scopewise_model::template::Template;

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::cells::{CellKind, Column, classify};
use super::error::{IngestError, Location};
use super::table::{RawTable, read_table};

/// The header spellings the copies use, per language.
const HEADERS: [[&str; 4]; 2] = [
    ["Scope", "API Endpoints", "Webhook Events", "Access Type"],
    [
        "Scope",
        "Endpoints de la API",
        "Eventos de Webhook",
        "Tipo de acceso",
    ],
];

/// A source file and its role in the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceSpec {
    /// Short id used in provenance.
    pub id: &'static str,
    /// Path relative to the repository root.
    pub path: &'static str,
}

/// An endpoint as a row gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowEndpoint {
    /// The method.
    pub method: HttpMethod,
    /// The path as the cell renders it.
    pub written: String,
    /// The parsed path.
    pub template: Template,
}

impl RowEndpoint {
    /// `METHOD /canonical/{path}`.
    pub fn display(&self) -> String {
        format!("{} {}", self.method.as_str(), self.template)
    }

    /// The parameter-blind identity of the endpoint.
    pub fn key(&self) -> String {
        format!("{} {}", self.method.as_str(), self.template.shape())
    }
}

/// One table row, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The source's id.
    pub source: &'static str,
    /// 1-based line.
    pub line: u32,
    /// The line as written.
    pub text: String,
    /// The scope as written (markdown unescaped), from this row or the one above.
    pub scope: String,
    /// The line whose scope cell named [`Row::scope`].
    pub scope_line: u32,
    /// The endpoint, if the row has one.
    pub endpoint: Option<RowEndpoint>,
    /// The webhook event, if the row has one.
    pub webhook: Option<String>,
    /// The access types, if the row gives any.
    pub access: Option<Vec<Access>>,
    /// The row was cut off by the end of a truncated copy; it is not used.
    pub truncated: bool,
    /// The scope the dataset attributes the row to: [`Row::scope`] unless an override
    /// renamed or reassigned it.
    pub effective_scope: String,
    /// [`Row::scope`] after renames only: the scope this row's scope cell (or the one it
    /// continues) names.
    pub named_scope: String,
    /// The override that changed this row, if any.
    pub corrected_by: Option<String>,
}

impl Row {
    /// Whether this row names its scope itself (rather than continuing the one above).
    pub fn names_scope(&self) -> bool {
        self.scope_line == self.line
    }
}

/// A source's rows and the layout anomalies found while reading them.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    /// Which file.
    pub spec: SourceSpec,
    /// Number of table body rows in the file.
    pub table_rows: u32,
    /// The rows, in file order: one per table body row, except [`ParsedSource::text_lines`].
    pub rows: Vec<Row>,
    /// Body "rows" that are page text glued to the table (no pipe on the line); not used.
    pub text_lines: Vec<u32>,
    /// Anomalies found while reading.
    pub anomalies: Vec<Anomaly>,
}

/// Reads the file's table into rows.
pub fn parse_source(spec: SourceSpec, text: &str) -> Result<ParsedSource, IngestError> {
    let table = read_table(spec.path, text)?;
    check_header(spec, &table)?;
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut anomalies = Vec::new();
    let mut current_scope: Option<(String, u32)> = None;
    let mut text_lines = Vec::new();

    for raw in &table.rows {
        if !raw.text.contains('|') {
            // GFM continues a table with any non-blank line; a line without a single pipe
            // is the page's text (the legacy copy's feedback widget), not a row.
            text_lines.push(raw.line);
            anomalies.push(Anomaly {
                source: spec.id,
                line: raw.line,
                kind: AnomalyKind::TextInTable,
                detail: format!("`{}`", raw.text.trim()),
                resolution: Resolution::Rejected("page text, not a table row".into()),
            });
            continue;
        }
        let mut found: Vec<(Column, usize, CellKind, u32)> = Vec::new();
        for (position, cell) in raw.cells.iter().enumerate() {
            let kind = classify(&cell.text).ok_or_else(|| {
                IngestError::at(
                    Location::cell(spec.path, raw.line, cell.column),
                    format!(
                        "cell `{}` is none of: a scope name, `METHOD /path`, a webhook event, an access type",
                        cell.raw
                    ),
                )
            })?;
            if cell.raw.contains('\\') {
                anomalies.push(Anomaly {
                    source: spec.id,
                    line: raw.line,
                    kind: AnomalyKind::MarkdownEscape,
                    detail: format!("`{}` in column {}", cell.raw, position + 1),
                    resolution: Resolution::Normalized(format!("read as `{}`", cell.text)),
                });
            }
            if let CellKind::EntityTypo(entity) = &kind {
                anomalies.push(Anomaly {
                    source: spec.id,
                    line: raw.line,
                    kind: AnomalyKind::EntityTypo,
                    detail: format!("`{entity}` in column {}", position + 1),
                    resolution: Resolution::Normalized(
                        "treated as a blank cell (meant `&nbsp;`)".into(),
                    ),
                });
            }
            if let Some(column) = kind.column() {
                if let Some((previous, ..)) = found.last()
                    && *previous >= column
                {
                    return Err(IngestError::at(
                        Location::cell(spec.path, raw.line, cell.column),
                        format!(
                            "{} `{}` after a {} cell: a row holds at most one of each, in the order scope, endpoint, webhook event, access type",
                            column.name(),
                            cell.text,
                            previous.name()
                        ),
                    ));
                }
                found.push((column, position, kind, cell.column));
            }
        }

        let shifted: Vec<String> = found
            .iter()
            .filter(|(column, position, ..)| *column as usize != *position)
            .map(|(column, position, ..)| format!("{} in column {}", column.name(), position + 1))
            .collect();
        if !shifted.is_empty() {
            anomalies.push(Anomaly {
                source: spec.id,
                line: raw.line,
                kind: AnomalyKind::ShiftedCells,
                detail: shifted.join(", "),
                resolution: Resolution::Normalized("cells read by content".into()),
            });
        }

        let mut row = Row {
            source: spec.id,
            line: raw.line,
            text: raw.text.clone(),
            scope: String::new(),
            scope_line: 0,
            endpoint: None,
            webhook: None,
            access: None,
            truncated: false,
            effective_scope: String::new(),
            named_scope: String::new(),
            corrected_by: None,
        };
        for (_, _, kind, column) in found {
            match kind {
                CellKind::Scope(name) => current_scope = Some((name, raw.line)),
                CellKind::Endpoint { method, path } => {
                    row.endpoint = Some(read_endpoint(
                        spec,
                        raw.line,
                        column,
                        method,
                        &path,
                        &mut anomalies,
                    )?);
                }
                CellKind::Webhook(event) => row.webhook = Some(event),
                CellKind::Access(words) => {
                    let odd: Vec<_> = words.iter().filter(|w| !w.is_canonical()).collect();
                    if !odd.is_empty() {
                        anomalies.push(Anomaly {
                            source: spec.id,
                            line: raw.line,
                            kind: AnomalyKind::AccessSpelling,
                            detail: odd
                                .iter()
                                .map(|w| format!("`{}`", w.spelling))
                                .collect::<Vec<_>>()
                                .join(", "),
                            resolution: Resolution::Normalized(
                                odd.iter()
                                    .map(|w| {
                                        format!(
                                            "`{}` read as {}",
                                            w.spelling,
                                            access_code(w.access)
                                        )
                                    })
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        });
                    }
                    let mut access: Vec<Access> = words.iter().map(|w| w.access).collect();
                    access.sort();
                    access.dedup();
                    row.access = Some(access);
                }
                CellKind::Empty | CellKind::EntityTypo(_) => {}
            }
        }
        let Some((scope, scope_line)) = current_scope.clone() else {
            return Err(IngestError::at(
                Location::line(spec.path, raw.line),
                "the first row has no scope, so there is no scope above to continue",
            ));
        };
        row.effective_scope.clone_from(&scope);
        row.named_scope.clone_from(&scope);
        row.scope = scope;
        row.scope_line = scope_line;

        if row.endpoint.is_none() && row.webhook.is_none() && !row.names_scope() {
            return Err(IngestError::at(
                Location::line(spec.path, raw.line),
                "the row has no scope, endpoint or webhook event",
            ));
        }
        if row.access.is_none() {
            if raw.at_unterminated_eof {
                row.truncated = true;
                anomalies.push(Anomaly {
                    source: spec.id,
                    line: raw.line,
                    kind: AnomalyKind::TruncatedRow,
                    detail: format!(
                        "the file ends inside this row (no access type, no closing cells): `{}`",
                        raw.text
                    ),
                    resolution: Resolution::Rejected("a complete copy supplies this row".into()),
                });
            } else {
                anomalies.push(Anomaly {
                    source: spec.id,
                    line: raw.line,
                    kind: AnomalyKind::MissingAccess,
                    detail: "the access type cell is empty".into(),
                    resolution: Resolution::Unresolved { proposal: None },
                });
            }
        }
        rows.push(row);
    }

    Ok(ParsedSource {
        spec,
        table_rows: table.rows.len() as u32,
        rows,
        text_lines,
        anomalies,
    })
}

fn check_header(spec: SourceSpec, table: &RawTable) -> Result<(), IngestError> {
    if HEADERS.iter().any(|h| table.header == h) {
        return Ok(());
    }
    Err(IngestError::at(
        Location::line(spec.path, table.header_line),
        format!(
            "unrecognized table header {:?}; expected {:?} or {:?}",
            table.header, HEADERS[0], HEADERS[1]
        ),
    ))
}

/// Normalizes the spelling of a path (leading slash, stray spaces) and parses it.
fn read_endpoint(
    spec: SourceSpec,
    line: u32,
    column: u32,
    method: HttpMethod,
    written: &str,
    anomalies: &mut Vec<Anomaly>,
) -> Result<RowEndpoint, IngestError> {
    let mut path = written.to_owned();
    let mut note = |kind, detail: String, done: &str| {
        anomalies.push(Anomaly {
            source: spec.id,
            line,
            kind,
            detail,
            resolution: Resolution::Normalized(done.to_owned()),
        });
    };
    if !path.starts_with('/') {
        note(
            AnomalyKind::MissingLeadingSlash,
            format!("`{written}`"),
            "added the leading `/`",
        );
        path.insert(0, '/');
    }
    // Only white space next to a `/` is a copy slip; anything else stays and fails to parse.
    let trimmed = path.split('/').map(str::trim).collect::<Vec<_>>().join("/");
    if trimmed != path {
        note(
            AnomalyKind::SpaceInPath,
            format!("`{written}`"),
            "removed the white space next to `/`",
        );
        path = trimmed;
    }
    if path.len() > 1 && path.ends_with('/') {
        note(
            AnomalyKind::TrailingSlash,
            format!("`{written}`"),
            "removed the trailing `/`",
        );
    }
    let template = Template::parse(&path).map_err(|e| {
        IngestError::at(
            Location::cell(spec.path, line, column),
            format!("endpoint path `{written}`: {e}"),
        )
    })?;
    Ok(RowEndpoint {
        method,
        written: written.to_owned(),
        template,
    })
}

/// The dataset's spelling of an access type.
pub fn access_code(access: Access) -> &'static str {
    match access {
        Access::SubAccount => "sub-account",
        Access::Agency => "agency",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: SourceSpec = SourceSpec {
        id: "t",
        path: "t.md",
    };

    fn parse(body: &str) -> Result<ParsedSource, IngestError> {
        parse_source(
            SPEC,
            &format!(
                "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n{body}"
            ),
        )
    }

    fn kinds(p: &ParsedSource) -> Vec<(u32, AnomalyKind)> {
        p.anomalies.iter().map(|a| (a.line, a.kind)).collect()
    }

    #[test]
    fn collapsed_cells_are_read_by_content() {
        // current.md line 5 and 6: the webhook cell collapsed, access moved left.
        let p = parse(
            "| adPublishing.readOnly | GET /ad-publishing/campaigns | Sub-Account | |\n\
             | GET /ad-publishing/markup | Sub-Account | ||\n",
        )
        .unwrap();
        assert_eq!(p.rows[1].scope, "adPublishing.readOnly");
        assert_eq!(p.rows[1].scope_line, 3);
        assert_eq!(
            p.rows[1].endpoint.as_ref().unwrap().display(),
            "GET /ad-publishing/markup"
        );
        assert_eq!(p.rows[1].access, Some(vec![Access::SubAccount]));
        assert_eq!(
            kinds(&p),
            [
                (3, AnomalyKind::ShiftedCells),
                (4, AnomalyKind::ShiftedCells)
            ]
        );
        assert_eq!(
            p.anomalies[1].detail,
            "endpoint in column 1, access type in column 2"
        );
    }

    #[test]
    fn webhook_only_and_scope_only_rows() {
        // current.md: `| OutboundMessage | Sub-Account | ||` and `| objects/schema.write | Sub-Account | ||`.
        let p = parse(
            "| conversations/message.readonly | GET conversations/x | InboundMessage | Sub-Account |\n\
             | OutboundMessage | Sub-Account | ||\n\
             | objects/schema.write | Sub-Account | ||\n",
        )
        .unwrap();
        assert_eq!(p.rows[1].webhook.as_deref(), Some("OutboundMessage"));
        assert_eq!(p.rows[1].scope, "conversations/message.readonly");
        assert!(p.rows[1].endpoint.is_none());
        assert!(
            p.rows[2].names_scope() && p.rows[2].endpoint.is_none() && p.rows[2].webhook.is_none()
        );
    }

    #[test]
    fn path_spellings_are_normalized_and_reported() {
        let p = parse(
            "| calendars/events.write | PUT /calendars/events/appointments /:eventId | | Sub-Account |\n\
             | courses.write | POST courses/courses-exporter/public/import | | Sub-Account |\n\
             | associations.readonly | GET /associations/key/:key\\_name | AssociationCreate | Sub-Account |\n\
             | calendars.write | POST /calendars/ | | Sub-Account |\n",
        )
        .unwrap();
        let paths: Vec<_> = p
            .rows
            .iter()
            .map(|r| r.endpoint.as_ref().unwrap().display())
            .collect();
        assert_eq!(
            paths,
            [
                "PUT /calendars/events/appointments/{eventId}",
                "POST /courses/courses-exporter/public/import",
                "GET /associations/key/{key_name}",
                "POST /calendars",
            ]
        );
        assert_eq!(
            kinds(&p),
            [
                (3, AnomalyKind::SpaceInPath),
                (4, AnomalyKind::MissingLeadingSlash),
                (5, AnomalyKind::MarkdownEscape),
                (6, AnomalyKind::TrailingSlash),
            ]
        );
    }

    #[test]
    fn entity_typo_is_a_blank_cell() {
        // 2025-10-11 line 94 / current line 214.
        let p = parse("| forms.write | POST /forms/upload-custom-files | &nbsb; | Sub-Account |\n")
            .unwrap();
        assert_eq!(p.rows[0].webhook, None);
        assert_eq!(kinds(&p), [(3, AnomalyKind::EntityTypo)]);
    }

    #[test]
    fn spanish_and_v1_access_names() {
        let p = parse("| users.readonly | GET /users/ | Sub-Account, Company | |\n| GET /users/:userId | Sub-cuenta | ||\n")
            .unwrap();
        assert_eq!(
            p.rows[0].access,
            Some(vec![Access::SubAccount, Access::Agency])
        );
        assert_eq!(p.rows[1].access, Some(vec![Access::SubAccount]));
        let spelled: Vec<_> = p
            .anomalies
            .iter()
            .filter(|a| a.kind == AnomalyKind::AccessSpelling)
            .map(|a| a.detail.as_str())
            .collect();
        assert_eq!(spelled, ["`Company`", "`Sub-cuenta`"]);
    }

    #[test]
    fn truncated_last_row_is_rejected_and_missing_access_needs_review() {
        let md = "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n\
                  | | | OutboundMessage | |\n\
                  | payments/custom-provider.readonly | GET /payments/custom-provider/connect |";
        let err = parse_source(SPEC, md).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3: the first row has no scope, so there is no scope above to continue"
        );

        let md = md.replace(
            "| | | OutboundMessage | |",
            "| c.readonly | | OutboundMessage | |",
        );
        let p = parse_source(SPEC, &md).unwrap();
        assert!(!p.rows[0].truncated && p.rows[1].truncated);
        assert_eq!(
            kinds(&p),
            [
                (3, AnomalyKind::MissingAccess),
                (4, AnomalyKind::TruncatedRow)
            ]
        );
    }

    #[test]
    fn malformed_input_names_file_line_and_cell() {
        let err = parse("| contacts.readonly | FETCH /contacts | | Sub-Account |\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3:23: cell `FETCH /contacts` is none of: a scope name, `METHOD /path`, a webhook event, an access type"
        );
        let err = parse("| contacts.readonly | Sub-Account | GET /contacts | |\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.md:3:37: endpoint `GET /contacts` after a access type cell"),
            "{err}"
        );
        let err =
            parse("| contacts.readonly | GET /contacts/{a b} | | Sub-Account |\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.md:3:23: endpoint path `/contacts/{a b}`"),
            "{err}"
        );
        let err =
            parse_source(SPEC, "| Scope | Endpoints |\n|---|---|\n| a.b | GET /x |\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.md:1: unrecognized table header"),
            "{err}"
        );
    }
}
