//! What serde cannot check about a dataset: that its cross references resolve, that names and
//! lookup keys are unique, that templates are canonical and routable, that tokens follow their
//! group's prefix, and that every table fits the `u16` indices of the generated maps.
//!
//! The ingest (`cargo xtask ingest`) runs this on what it is about to write and the macros run
//! it on what they read, so a dataset the ingest accepts is one the macros compile. Both parse
//! the YAML themselves (into [`CatalogFile`](crate::dataset::CatalogFile),
//! [`LegacyFile`](crate::dataset::LegacyFile) or
//! [`SfmcCatalogFile`](crate::sfmc::SfmcCatalogFile)) and name the files as they want them
//! shown: every [`DataError`] carries that name, the entry and the field.
//!
//! Validation resolves every reference to an index ([`ResolvedCatalog`],
//! [`ResolvedSfmcCatalog`]), so that code generation over the result cannot fail.
//!
//! ```
//! use scopewise_model::dataset::{CatalogFile, LegacyFile};
//! use scopewise_model::validate;
//!
//! let catalog: CatalogFile = serde_yaml::from_str("
//! provider: highlevel
//! api_host: services.leadconnectorhq.com
//! token_types: [sub-account, agency]
//! fingerprint: 0123456789abcdef
//! sources: []
//! scopes: []
//! endpoints:
//!   - { method: GET, path: /contacts, scopes: [contacts.readonly], access: [sub-account], provenance: [] }
//! webhooks: []
//! ").unwrap();
//! let legacy: LegacyFile = serde_yaml::from_str("
//! provider: highlevel
//! source: { id: legacy-v1, path: data/sources/v1.md, sha256: '00', table_rows: 0 }
//! scopes: []
//! endpoints: []
//! webhooks: []
//! changes: { scopes_added: [], scopes_removed: [], endpoints_added: [], endpoints_removed: [],
//!   endpoints_rescoped: [], endpoints_access_changed: [], webhooks_added: [],
//!   webhooks_removed: [], webhooks_rescoped: [] }
//! ").unwrap();
//! let errors = validate::catalog(catalog, legacy, "catalog.yaml", "legacy.yaml").unwrap_err();
//! assert_eq!(
//!     errors[0].to_string(),
//!     "catalog.yaml: endpoints[0] (GET /contacts): field `scopes[0]`: \
//!      unknown scope `contacts.readonly`; it is not in `scopes`"
//! );
//! ```

use std::fmt;

mod catalog;
mod sfmc;

pub use catalog::{ResolvedCatalog, catalog};
pub use sfmc::{ResolvedSfmcCatalog, sfmc_catalog};

/// The generated maps address records by `u16` indices: at most this many per table.
pub const MAX_RECORDS: usize = u16::MAX as usize;

/// What is wrong with a dataset: the file, the entry, the field and what.
///
/// Displays as ``<file>: <entry>: field `<field>`: <message>``, leaving out what is absent.
///
/// ```
/// use scopewise_model::validate::DataError;
///
/// let e = DataError::at("data/x/catalog.yaml", "scopes[3] (a.b)", "name", "is empty");
/// assert_eq!(e.to_string(), "data/x/catalog.yaml: scopes[3] (a.b): field `name`: is empty");
/// let e = DataError::file("data/x/catalog.yaml", "cannot read: not found");
/// assert_eq!(e.to_string(), "data/x/catalog.yaml: cannot read: not found");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    file: String,
    entry: Option<String>,
    field: Option<String>,
    message: String,
}

impl DataError {
    /// A problem with a whole file (it cannot be read, or is not the schema's YAML); `file` is
    /// the name to show.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            entry: None,
            field: None,
            message: message.into(),
        }
    }

    /// A problem with one field of one entry (`endpoints[4] (GET /contacts)`, `top level`).
    pub fn at(
        file: impl Into<String>,
        entry: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            entry: Some(entry.into()),
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        if let Some(entry) = &self.entry {
            write!(f, "{entry}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DataError {}

/// Collects the errors of one file.
struct Errors<'a> {
    file: &'a str,
    errors: Vec<DataError>,
}

impl<'a> Errors<'a> {
    fn new(file: &'a str) -> Self {
        Self {
            file,
            errors: Vec::new(),
        }
    }

    fn at(&mut self, entry: String, field: &str, message: impl Into<String>) {
        self.errors
            .push(DataError::at(self.file, entry, field, message));
    }

    /// Every table longer than [`MAX_RECORDS`] is an error at the top level.
    fn table_sizes(&mut self, tables: [(&str, usize); 3]) {
        for (table, len) in tables {
            if len > MAX_RECORDS {
                self.at(
                    "top level".into(),
                    table,
                    format!("has {len} entries; at most {MAX_RECORDS} are supported"),
                );
            }
        }
    }
}
