//! Where the data comes from: source documents and the rows that name each record.

/// One vendor document the catalog was built from.
///
/// ```
/// let source = &scopewise::highlevel::CATALOG.sources()[0];
/// assert!(source.path.starts_with("data/sources/"));
/// assert_eq!(source.sha256.len(), 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    /// Short id that [`Provenance::source`] refers to, e.g. `current`.
    pub id: &'static str,
    /// Path of the document relative to the repository root.
    pub path: &'static str,
    /// SHA-256 of the document's bytes, hex.
    pub sha256: &'static str,
    /// How many table rows the document has.
    pub table_rows: u32,
}

/// One source row that names a record: which document, which line, and which scope the row
/// gave.
///
/// ```
/// let endpoint = scopewise::endpoint!(GET "/contacts/{contactId}");
/// let row = &endpoint.provenance()[0];
/// assert!(row.line > 0);
/// assert!(scopewise::highlevel::CATALOG.source(row.source).is_some());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// The [`Source::id`] of the document.
    pub source: &'static str,
    /// 1-based line of the row in that document.
    pub line: u32,
    /// The scope the row attributes the record to, as the document wrote it.
    pub scope: &'static str,
    /// The id of the reviewed override that corrected this row, if one did.
    pub corrected_by: Option<&'static str>,
}
