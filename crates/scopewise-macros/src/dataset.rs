//! Reading and validating a provider's dataset: `catalog.yaml` + `legacy.yaml`.
//!
//! The YAML schema is `scopewise_model::dataset`; this module adds what serde cannot check
//! (cross references, unique keys, canonical templates) and resolves every reference to an
//! index, so that code generation cannot fail.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use scopewise_model::dataset::{CatalogFile, LegacyFile};
use scopewise_model::route_table;
use scopewise_model::template::{Template, canonical_method};

use crate::provider::display_path;

/// The records are addressed by `u16` indices in the generated maps.
const MAX_RECORDS: usize = u16::MAX as usize;

/// A validated dataset with every cross reference resolved to an index.
#[derive(Debug)]
pub struct Dataset {
    pub catalog_file: PathBuf,
    pub legacy_file: PathBuf,
    pub catalog: CatalogFile,
    pub legacy: LegacyFile,
    /// Per endpoint: its lookup key, `GET /contacts/{}`.
    pub endpoint_keys: Vec<String>,
    /// Per endpoint: indices into `catalog.scopes`.
    pub endpoint_scopes: Vec<Vec<usize>>,
    /// Per endpoint: the webhooks its scopes grant, sorted by index.
    pub endpoint_webhooks: Vec<Vec<usize>>,
    /// Per scope: indices into `catalog.endpoints`.
    pub scope_endpoints: Vec<Vec<usize>>,
    /// Per scope: indices into `catalog.webhooks`.
    pub scope_webhooks: Vec<Vec<usize>>,
    /// Per webhook: indices into `catalog.scopes`.
    pub webhook_scopes: Vec<Vec<usize>>,
    /// Lookup key → endpoint index.
    pub key_index: HashMap<String, usize>,
    /// Scope name or spelling → scope index.
    pub scope_index: HashMap<String, usize>,
    /// Event name → webhook index.
    pub webhook_index: HashMap<String, usize>,
}

/// What is wrong with a dataset: the file, the entry, the field and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    file: String,
    entry: Option<String>,
    field: Option<String>,
    message: String,
}

impl DataError {
    pub(crate) fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: display_path(file),
            entry: None,
            field: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(file: &Path, entry: String, field: &str, message: impl Into<String>) -> Self {
        Self {
            file: display_path(file),
            entry: Some(entry),
            field: Some(field.to_owned()),
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

/// Loads `dir/catalog.yaml` and `dir/legacy.yaml` for `provider`, reusing an earlier result
/// when both files' bytes are unchanged (every `endpoint!` in a crate reads the same files).
pub fn load(dir: &Path, provider: &str) -> Result<Arc<Dataset>, Vec<DataError>> {
    type Cache = Vec<(PathBuf, Vec<u8>, Vec<u8>, Arc<Dataset>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());

    let catalog_file = dir.join("catalog.yaml");
    let legacy_file = dir.join("legacy.yaml");
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| vec![DataError::file(path, format!("cannot read: {e}"))])
    };
    let catalog_bytes = read(&catalog_file)?;
    let legacy_bytes = read(&legacy_file)?;

    // A poisoned lock only means another expansion panicked; the cache itself is consistent.
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((.., dataset)) = cache
        .iter()
        .find(|(d, c, l, _)| d == dir && *c == catalog_bytes && *l == legacy_bytes)
    {
        if dataset.catalog.provider == provider {
            return Ok(Arc::clone(dataset));
        }
    }
    let dataset = Arc::new(parse(
        catalog_file,
        &catalog_bytes,
        legacy_file,
        &legacy_bytes,
        provider,
    )?);
    cache.retain(|(d, ..)| d != dir);
    cache.push((
        dir.to_path_buf(),
        catalog_bytes,
        legacy_bytes,
        Arc::clone(&dataset),
    ));
    Ok(dataset)
}

/// Parses and validates the two files' contents; every problem found is reported.
pub fn parse(
    catalog_file: PathBuf,
    catalog_bytes: &[u8],
    legacy_file: PathBuf,
    legacy_bytes: &[u8],
    provider: &str,
) -> Result<Dataset, Vec<DataError>> {
    let catalog: Result<CatalogFile, _> = serde_yaml::from_slice(catalog_bytes);
    let legacy: Result<LegacyFile, _> = serde_yaml::from_slice(legacy_bytes);
    let (catalog, legacy) = match (catalog, legacy) {
        (Ok(c), Ok(l)) => (c, l),
        (c, l) => {
            let mut errors = Vec::new();
            if let Err(e) = c {
                errors.push(DataError::file(&catalog_file, e.to_string()));
            }
            if let Err(e) = l {
                errors.push(DataError::file(&legacy_file, e.to_string()));
            }
            return Err(errors);
        }
    };
    Validator {
        file: &catalog_file,
        errors: Vec::new(),
    }
    .run(catalog, legacy, provider)
    .map(|mut d| {
        d.catalog_file = catalog_file;
        d.legacy_file = legacy_file;
        d
    })
}

struct Validator<'a> {
    file: &'a Path,
    errors: Vec<DataError>,
}

impl Validator<'_> {
    fn error(&mut self, entry: String, field: &str, message: impl Into<String>) {
        self.errors
            .push(DataError::at(self.file, entry, field, message));
    }

    fn run(
        mut self,
        catalog: CatalogFile,
        legacy: LegacyFile,
        provider: &str,
    ) -> Result<Dataset, Vec<DataError>> {
        if catalog.provider != provider {
            self.error(
                "top level".into(),
                "provider",
                format!(
                    "is `{}`, but the macro asked for `{provider}`",
                    catalog.provider
                ),
            );
        }
        if legacy.provider != catalog.provider {
            let legacy_file = self.file.with_file_name("legacy.yaml");
            self.errors.push(DataError::at(
                &legacy_file,
                "top level".into(),
                "provider",
                format!(
                    "is `{}`, but catalog.yaml's is `{}`",
                    legacy.provider, catalog.provider
                ),
            ));
        }
        for (table, len) in [
            ("endpoints", catalog.endpoints.len()),
            ("scopes", catalog.scopes.len()),
            ("webhooks", catalog.webhooks.len()),
        ] {
            if len > MAX_RECORDS {
                self.error(
                    "top level".into(),
                    table,
                    format!("has {len} entries; at most {MAX_RECORDS} are supported"),
                );
            }
        }

        // Unique names first, so that references can be resolved against them.
        let mut scope_index = HashMap::new();
        for (i, s) in catalog.scopes.iter().enumerate() {
            let entry = format!("scopes[{i}] ({})", s.name);
            if let Some(&j) = scope_index.get(&s.name) {
                self.error(
                    entry.clone(),
                    "name",
                    format!("duplicate scope `{}`; scopes[{j}] has it too", s.name),
                );
            } else {
                scope_index.insert(s.name.clone(), i);
            }
        }
        for (i, s) in catalog.scopes.iter().enumerate() {
            let entry = format!("scopes[{i}] ({})", s.name);
            for (k, spelling) in s.spellings.iter().enumerate() {
                match scope_index.get(spelling) {
                    Some(&j) if j == i => {}
                    Some(&j) => self.error(
                        entry.clone(),
                        &format!("spellings[{k}]"),
                        format!("`{spelling}` is already the name or a spelling of scopes[{j}]"),
                    ),
                    None => {
                        scope_index.insert(spelling.clone(), i);
                    }
                }
            }
        }

        let mut webhook_index = HashMap::new();
        for (i, w) in catalog.webhooks.iter().enumerate() {
            if let Some(&j) = webhook_index.get(&w.event) {
                self.error(
                    format!("webhooks[{i}] ({})", w.event),
                    "event",
                    format!(
                        "duplicate webhook event `{}`; webhooks[{j}] has it too",
                        w.event
                    ),
                );
            } else {
                webhook_index.insert(w.event.clone(), i);
            }
        }

        let mut key_index = HashMap::new();
        let mut endpoint_keys = Vec::with_capacity(catalog.endpoints.len());
        let mut endpoint_scopes = Vec::with_capacity(catalog.endpoints.len());
        for (i, e) in catalog.endpoints.iter().enumerate() {
            let entry = format!("endpoints[{i}] ({} {})", e.method.as_str(), e.path);
            let key = match Template::parse(&e.path) {
                Ok(t) => {
                    let canonical = t.to_string();
                    if canonical != e.path {
                        self.error(
                            entry.clone(),
                            "path",
                            format!("`{}` is not canonical; write `{canonical}`", e.path),
                        );
                    }
                    let key = format!("{} {}", e.method.as_str(), t.shape());
                    if let Some(&j) = key_index.get(&key) {
                        let other: &scopewise_model::dataset::EndpointRecord =
                            &catalog.endpoints[j];
                        self.error(
                            entry.clone(),
                            "path",
                            format!(
                                "duplicate lookup key `{key}`: endpoints[{j}] ({}) has it too \
                                 (parameter names do not distinguish endpoints)",
                                other.display_name()
                            ),
                        );
                    } else {
                        key_index.insert(key.clone(), i);
                    }
                    key
                }
                Err(err) => {
                    self.error(entry.clone(), "path", format!("invalid template: {err}"));
                    String::new()
                }
            };
            endpoint_keys.push(key);
            let scopes = e
                .scopes
                .iter()
                .enumerate()
                .filter_map(|(k, name)| {
                    let found = scope_index.get(name).copied();
                    if found.is_none() {
                        self.error(
                            entry.clone(),
                            &format!("scopes[{k}]"),
                            format!("unknown scope `{name}`; it is not in `scopes`"),
                        );
                    }
                    found
                })
                .collect();
            endpoint_scopes.push(scopes);
        }

        // The router's tables are built from the same templates when the catalog is
        // generated; what it cannot route is a data error here, with the entry named.
        if self.errors.is_empty() {
            let routes = catalog
                .endpoints
                .iter()
                .map(|e| (e.method.as_str(), e.path.as_str()));
            if let Err(error) = route_table::build(routes) {
                let e = &catalog.endpoints[error.index()];
                let entry = format!(
                    "endpoints[{}] ({} {})",
                    error.index(),
                    e.method.as_str(),
                    e.path
                );
                self.error(entry, "path", error.to_string());
            }
        }

        let mut scope_endpoints = Vec::with_capacity(catalog.scopes.len());
        let mut scope_webhooks = Vec::with_capacity(catalog.scopes.len());
        for (i, s) in catalog.scopes.iter().enumerate() {
            let entry = format!("scopes[{i}] ({})", s.name);
            let mut endpoints = Vec::with_capacity(s.endpoints.len());
            for (k, item) in s.endpoints.iter().enumerate() {
                match item_key(item) {
                    Some(key) => match key_index.get(&key) {
                        Some(&e) => endpoints.push(e),
                        None => self.error(
                            entry.clone(),
                            &format!("endpoints[{k}]"),
                            format!("unknown endpoint `{item}`; it is not in `endpoints`"),
                        ),
                    },
                    None => self.error(
                        entry.clone(),
                        &format!("endpoints[{k}]"),
                        format!("`{item}` is not `METHOD /template`"),
                    ),
                }
            }
            scope_endpoints.push(endpoints);
            let mut webhooks = Vec::with_capacity(s.webhooks.len());
            for (k, event) in s.webhooks.iter().enumerate() {
                match webhook_index.get(event) {
                    Some(&w) => webhooks.push(w),
                    None => self.error(
                        entry.clone(),
                        &format!("webhooks[{k}]"),
                        format!("unknown webhook event `{event}`; it is not in `webhooks`"),
                    ),
                }
            }
            scope_webhooks.push(webhooks);
        }

        let mut webhook_scopes = Vec::with_capacity(catalog.webhooks.len());
        for (i, w) in catalog.webhooks.iter().enumerate() {
            let entry = format!("webhooks[{i}] ({})", w.event);
            let mut scopes = Vec::with_capacity(w.scopes.len());
            for (k, name) in w.scopes.iter().enumerate() {
                match scope_index.get(name) {
                    Some(&s) => scopes.push(s),
                    None => self.error(
                        entry.clone(),
                        &format!("scopes[{k}]"),
                        format!("unknown scope `{name}`; it is not in `scopes`"),
                    ),
                }
            }
            webhook_scopes.push(scopes);
        }

        let endpoint_webhooks = endpoint_scopes
            .iter()
            .map(|scopes: &Vec<usize>| {
                let mut webhooks: Vec<usize> = scopes
                    .iter()
                    .flat_map(|&s| scope_webhooks[s].iter().copied())
                    .collect();
                webhooks.sort_unstable();
                webhooks.dedup();
                webhooks
            })
            .collect();

        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(Dataset {
            catalog_file: PathBuf::new(),
            legacy_file: PathBuf::new(),
            catalog,
            legacy,
            endpoint_keys,
            endpoint_scopes,
            endpoint_webhooks,
            scope_endpoints,
            scope_webhooks,
            webhook_scopes,
            key_index,
            scope_index,
            webhook_index,
        })
    }
}

/// The lookup key of `METHOD /template` as scopes list their endpoints, if it is one.
fn item_key(item: &str) -> Option<String> {
    let (method, template) = item.split_once(' ')?;
    canonical_method(method)?;
    Template::parse(template).ok()?.lookup_key(method).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn parse_str(catalog: &str) -> Result<Dataset, Vec<String>> {
        let legacy = std::fs::read(fixture("basic").join("legacy.yaml")).unwrap();
        parse(
            fixture("t").join("catalog.yaml"),
            catalog.as_bytes(),
            fixture("t").join("legacy.yaml"),
            &legacy,
            "highlevel",
        )
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    fn basic() -> String {
        std::fs::read_to_string(fixture("basic").join("catalog.yaml")).unwrap()
    }

    #[test]
    fn basic_fixture_resolves_every_reference() {
        let d = load(&fixture("basic"), "highlevel").unwrap();
        assert_eq!(d.catalog.endpoints.len(), 7);
        let tasks = d.key_index["GET /contacts/{}/tasks"];
        assert_eq!(
            d.catalog.endpoints[tasks].path,
            "/contacts/{contactId}/tasks"
        );
        let readonly = d.scope_index["contacts.readonly"];
        assert_eq!(d.endpoint_scopes[tasks], [readonly]);
        assert_eq!(d.scope_index["contacts.readOnly"], readonly);
        let events: Vec<_> = d.endpoint_webhooks[tasks]
            .iter()
            .map(|&w| d.catalog.webhooks[w].event.as_str())
            .collect();
        assert_eq!(events, ["ContactCreate", "ContactDelete"]);
    }

    /// An endpoint known only from the API reference has no scope (undocumented, not
    /// missing); it is valid and resolves to no scope and no webhook. A named scope must still
    /// exist, and a reference page's unknown field is still an error.
    #[test]
    fn an_endpoint_with_an_undocumented_scope_is_valid() {
        let undocumented = "\nendpoints:\n\
            - method: POST\n  path: /contacts/search\n  scopes: []\n  access: [sub-account]\n  \
            provenance:\n  - { source: api-reference, line: 54232 }\n  \
            reference: { line: 54232, title: Search Contacts, version: 2021-07-28, oauth: [sub-account] }\n";
        let yaml = basic().replacen("\nendpoints:\n", undocumented, 1);
        let d = parse_str(&yaml).unwrap();
        let i = d.key_index["POST /contacts/search"];
        assert!(d.endpoint_scopes[i].is_empty());
        assert!(d.endpoint_webhooks[i].is_empty());
        let reference = d.catalog.endpoints[i].reference.as_ref().unwrap();
        assert_eq!(reference.version.as_deref(), Some("2021-07-28"));
        assert_eq!(d.catalog.endpoints[i].provenance[0].scope, "");

        let unknown = yaml.replacen("scopes: []", "scopes: [contacts.search]", 1);
        let errors = parse_str(&unknown).unwrap_err();
        assert!(
            errors[0].ends_with("endpoints[0] (POST /contacts/search): field `scopes[0]`: unknown scope `contacts.search`; it is not in `scopes`"),
            "{errors:?}"
        );
        let typo = yaml.replacen("version: 2021-07-28", "versoin: 2021-07-28", 1);
        let errors = parse_str(&typo).unwrap_err();
        assert!(errors[0].contains("unknown field `versoin`"), "{errors:?}");
    }

    #[test]
    fn cached_load_is_shared() {
        let a = load(&fixture("basic"), "highlevel").unwrap();
        let b = load(&fixture("basic"), "highlevel").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn wrong_provider_is_named() {
        let errors = load(&fixture("basic"), "sfmc").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "crates/scopewise-macros/tests/fixtures/basic/catalog.yaml: top level: field `provider`: \
             is `highlevel`, but the macro asked for `sfmc`"
        );
    }

    #[test]
    fn missing_file_is_an_error_not_a_panic() {
        let errors = load(&fixture("does-not-exist"), "highlevel").unwrap_err();
        assert!(
            errors[0].to_string().starts_with(
                "crates/scopewise-macros/tests/fixtures/does-not-exist/catalog.yaml: cannot read:"
            ),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn serde_errors_name_the_entry_and_field() {
        let yaml = basic().replacen("  scopes: [calendars.readonly]\n", "", 1);
        let errors = parse_str(&yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: endpoints[1]: missing field `scopes`"
            ),
            "{}",
            errors[0]
        );
        let yaml = basic().replacen("access: [agency]", "access: [company]", 1);
        let errors = parse_str(&yaml).unwrap_err();
        assert!(
            errors[0].contains("unknown variant `company`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn every_semantic_problem_is_reported_with_entry_and_field() {
        let yaml = basic()
            .replacen(
                "path: /contacts/{contactId}/tasks",
                "path: /contacts/:id/tasks",
                1,
            )
            .replacen("path: /locations/{locationId}", "path: /calendars/{x}", 1)
            .replacen("scopes: [contacts.write]", "scopes: [contact.write]", 1)
            .replacen("  - POST /locations\n", "  - POST /location\n", 1)
            .replacen("  - AppointmentCreate\n", "  - AppointmentCreated\n", 1)
            .replacen("path: /calendars/events", "path: /calendars//events", 1);
        let errors = parse_str(&yaml).unwrap_err();
        let file = "crates/scopewise-macros/tests/fixtures/t/catalog.yaml";
        let expected = [
            format!(
                "{file}: endpoints[0] (GET /calendars//events): field `path`: invalid template: empty path segment (`//`) at byte 11"
            ),
            format!(
                "{file}: endpoints[2] (POST /contacts): field `scopes[0]`: unknown scope `contact.write`; it is not in `scopes`"
            ),
            format!(
                "{file}: endpoints[4] (GET /contacts/:id/tasks): field `path`: `/contacts/:id/tasks` is not canonical; write `/contacts/{{id}}/tasks`"
            ),
            format!(
                "{file}: endpoints[6] (GET /calendars/{{x}}): field `path`: duplicate lookup key `GET /calendars/{{}}`: endpoints[1] (GET /calendars/{{calendarId}}) has it too (parameter names do not distinguish endpoints)"
            ),
            format!(
                "{file}: scopes[0] (calendars.readonly): field `endpoints[0]`: unknown endpoint `GET /calendars/events`; it is not in `endpoints`"
            ),
            format!(
                "{file}: scopes[1] (calendars/events.readonly): field `endpoints[0]`: unknown endpoint `GET /calendars/events`; it is not in `endpoints`"
            ),
            format!(
                "{file}: scopes[1] (calendars/events.readonly): field `webhooks[0]`: unknown webhook event `AppointmentCreated`; it is not in `webhooks`"
            ),
            format!(
                "{file}: scopes[4] (locations.readonly): field `endpoints[0]`: unknown endpoint `GET /locations/{{locationId}}`; it is not in `endpoints`"
            ),
            format!(
                "{file}: scopes[5] (locations.write): field `endpoints[0]`: unknown endpoint `POST /location`; it is not in `endpoints`"
            ),
        ];
        assert_eq!(errors, expected);
    }

    #[test]
    fn duplicate_names_and_colliding_spellings_are_rejected() {
        let yaml = basic()
            .replacen("- name: contacts.write", "- name: contacts.readonly", 1)
            .replacen("  - contacts.readOnly\n", "  - locations.write\n", 1)
            .replacen("- event: ContactDelete", "- event: ContactCreate", 1);
        let errors = parse_str(&yaml).unwrap_err();
        let joined = errors.join("\n");
        assert!(joined.contains("scopes[3] (contacts.readonly): field `name`: duplicate scope `contacts.readonly`; scopes[2] has it too"), "{joined}");
        assert!(joined.contains("scopes[2] (contacts.readonly): field `spellings[0]`: `locations.write` is already the name or a spelling of scopes[5]"), "{joined}");
        assert!(joined.contains("webhooks[2] (ContactCreate): field `event`: duplicate webhook event `ContactCreate`; webhooks[1] has it too"), "{joined}");
    }
}
