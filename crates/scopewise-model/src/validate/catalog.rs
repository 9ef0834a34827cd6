//! The highlevel schema: `catalog.yaml` + `legacy.yaml`.

use std::collections::HashMap;

use super::{DataError, Errors};
use crate::access::Access;
use crate::dataset::{CatalogFile, EndpointRecord, LegacyFile};
use crate::route_table;
use crate::template::{Template, canonical_method};

/// A validated `catalog.yaml` + `legacy.yaml` with every cross reference resolved to an index.
#[derive(Debug, Clone)]
pub struct ResolvedCatalog {
    /// The current table, as read.
    pub catalog: CatalogFile,
    /// The legacy table, as read.
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

/// Validates a provider's current and legacy tables; `catalog_file` and `legacy_file` are the
/// names the errors show. Every problem found is reported, in file order within each check.
///
/// Checked: the two files name the same provider; no table exceeds
/// [`MAX_RECORDS`](super::MAX_RECORDS); scope names and spellings, webhook events and
/// endpoints' lookup keys are unique; templates are valid, canonical and routable; every
/// scope, endpoint and webhook event named anywhere exists.
pub fn catalog(
    catalog: CatalogFile,
    legacy: LegacyFile,
    catalog_file: &str,
    legacy_file: &str,
) -> Result<ResolvedCatalog, Vec<DataError>> {
    let mut v = Errors::new(catalog_file);
    if legacy.provider != catalog.provider {
        v.errors.push(DataError::at(
            legacy_file,
            "top level",
            "provider",
            format!(
                "is `{}`, but catalog.yaml's is `{}`",
                legacy.provider, catalog.provider
            ),
        ));
    }
    v.table_sizes([
        ("endpoints", catalog.endpoints.len()),
        ("scopes", catalog.scopes.len()),
        ("webhooks", catalog.webhooks.len()),
    ]);

    token_types(&mut v, &catalog);

    // Unique names first, so that references can be resolved against them.
    let mut scope_index = HashMap::new();
    for (i, s) in catalog.scopes.iter().enumerate() {
        let entry = format!("scopes[{i}] ({})", s.name);
        if let Some(&j) = scope_index.get(&s.name) {
            v.at(
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
                Some(&j) => v.at(
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
            v.at(
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
                    v.at(
                        entry.clone(),
                        "path",
                        format!("`{}` is not canonical; write `{canonical}`", e.path),
                    );
                }
                let key = format!("{} {}", e.method.as_str(), t.shape());
                if let Some(&j) = key_index.get(&key) {
                    let other: &EndpointRecord = &catalog.endpoints[j];
                    v.at(
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
                v.at(entry.clone(), "path", format!("invalid template: {err}"));
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
                    v.at(
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

    // The router's tables are built from the same templates when the catalog is generated;
    // what it cannot route is a data error here, with the entry named.
    if v.errors.is_empty() {
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
            v.at(entry, "path", error.to_string());
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
                    None => v.at(
                        entry.clone(),
                        &format!("endpoints[{k}]"),
                        format!("unknown endpoint `{item}`; it is not in `endpoints`"),
                    ),
                },
                None => v.at(
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
                None => v.at(
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
                None => v.at(
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

    if !v.errors.is_empty() {
        return Err(v.errors);
    }
    Ok(ResolvedCatalog {
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

/// The lookup key of `METHOD /template` as scopes list their endpoints, if it is one.
/// `token_types` lists each type once, and every `access` list (of an endpoint, its API
/// reference facts, a scope, a webhook) names only those.
fn token_types(v: &mut Errors<'_>, catalog: &CatalogFile) {
    let declared = &catalog.token_types;
    for (i, t) in declared.iter().enumerate() {
        if declared[..i].contains(t) {
            v.at(
                "top level".into(),
                &format!("token_types[{i}]"),
                format!("`{t}` is listed twice"),
            );
        }
    }
    let mut check = |entry: &dyn Fn() -> String, field: &str, access: &[Access]| {
        for (k, a) in access.iter().enumerate() {
            if !declared.contains(a) {
                let message = if declared.is_empty() {
                    format!(
                        "`{a}`, but `token_types` is empty: this provider's tokens all work alike"
                    )
                } else {
                    format!("`{a}` is not in `token_types`")
                };
                v.at(entry(), &format!("{field}[{k}]"), message);
            }
        }
    };
    for (i, e) in catalog.endpoints.iter().enumerate() {
        let entry = || format!("endpoints[{i}] ({} {})", e.method.as_str(), e.path);
        check(&entry, "access", &e.access);
        if let Some(r) = &e.reference {
            check(&entry, "reference.oauth", &r.oauth);
            check(
                &entry,
                "reference.private_integration",
                &r.private_integration,
            );
        }
    }
    for (i, s) in catalog.scopes.iter().enumerate() {
        check(&|| format!("scopes[{i}] ({})", s.name), "access", &s.access);
    }
    for (i, w) in catalog.webhooks.iter().enumerate() {
        check(
            &|| format!("webhooks[{i}] ({})", w.event),
            "access",
            &w.access,
        );
    }
}

fn item_key(item: &str) -> Option<String> {
    let (method, template) = item.split_once(' ')?;
    canonical_method(method)?;
    Template::parse(template).ok()?.lookup_key(method).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "t/catalog.yaml";

    /// The macro crate's small fixture, which `include_catalog!` tests compile too.
    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../scopewise-macros/tests/fixtures/basic")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn basic() -> String {
        fixture("catalog.yaml")
    }

    fn validate(catalog: &str) -> Result<ResolvedCatalog, Vec<String>> {
        let legacy: LegacyFile = serde_yaml::from_str(&fixture("legacy.yaml")).unwrap();
        let catalog: CatalogFile = serde_yaml::from_str(catalog).unwrap();
        super::catalog(catalog, legacy, FILE, "t/legacy.yaml")
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn access_lists_name_only_the_declared_token_types() {
        let twice = basic().replacen(
            "token_types: [sub-account, agency]",
            "token_types: [agency, agency]",
            1,
        );
        let errors = validate(&twice).unwrap_err();
        assert_eq!(
            errors[0],
            format!("{FILE}: top level: field `token_types[1]`: `agency` is listed twice")
        );
        assert!(
            errors[1..]
                .iter()
                .all(|e| e.contains("`sub-account` is not in `token_types`")),
            "{errors:#?}"
        );

        let none = basic().replacen("token_types: [sub-account, agency]", "token_types: []", 1);
        let errors = validate(&none).unwrap_err();
        assert_eq!(
            errors[0],
            format!(
                "{FILE}: endpoints[0] (GET /calendars/events): field `access[0]`: `sub-account`, but `token_types` is empty: this provider's tokens all work alike"
            )
        );
    }

    #[test]
    fn a_provider_without_token_types_validates_with_empty_access_lists() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../scopewise-macros/tests/fixtures/no-token-types/catalog.yaml");
        let yaml = std::fs::read_to_string(&path).unwrap();
        let resolved = validate(&yaml).unwrap();
        assert!(resolved.catalog.token_types.is_empty());
        assert!(
            resolved
                .catalog
                .endpoints
                .iter()
                .all(|e| e.access.is_empty())
        );
    }

    #[test]
    fn basic_fixture_resolves_every_reference() {
        let d = validate(&basic()).unwrap();
        assert_eq!(d.catalog.endpoints.len(), 7);
        let tasks = d.key_index["GET /contacts/{}/tasks"];
        assert_eq!(
            d.catalog.endpoints[tasks].path,
            "/contacts/{contactId}/tasks"
        );
        assert_eq!(d.endpoint_keys[tasks], "GET /contacts/{}/tasks");
        let readonly = d.scope_index["contacts.readonly"];
        assert_eq!(d.endpoint_scopes[tasks], [readonly]);
        assert_eq!(d.scope_index["contacts.readOnly"], readonly);
        assert!(d.scope_endpoints[readonly].contains(&tasks));
        let events: Vec<_> = d.endpoint_webhooks[tasks]
            .iter()
            .map(|&w| d.catalog.webhooks[w].event.as_str())
            .collect();
        assert_eq!(events, ["ContactCreate", "ContactDelete"]);
        let create = d.webhook_index["ContactCreate"];
        assert!(d.webhook_scopes[create].contains(&readonly));
        assert!(d.scope_webhooks[readonly].contains(&create));
    }

    /// An endpoint known only from the API reference has no scope (undocumented, not
    /// missing); it is valid and resolves to no scope and no webhook. A named scope must still
    /// exist.
    #[test]
    fn an_endpoint_with_an_undocumented_scope_is_valid() {
        let undocumented = "\nendpoints:\n\
            - method: POST\n  path: /contacts/search\n  scopes: []\n  access: [sub-account]\n  \
            provenance:\n  - { source: api-reference, line: 54232 }\n  \
            reference: { line: 54232, title: Search Contacts, version: 2021-07-28, oauth: [sub-account] }\n";
        let yaml = basic().replacen("\nendpoints:\n", undocumented, 1);
        let d = validate(&yaml).unwrap();
        let i = d.key_index["POST /contacts/search"];
        assert!(d.endpoint_scopes[i].is_empty());
        assert!(d.endpoint_webhooks[i].is_empty());
        let reference = d.catalog.endpoints[i].reference.as_ref().unwrap();
        assert_eq!(reference.version.as_deref(), Some("2021-07-28"));
        assert_eq!(d.catalog.endpoints[i].provenance[0].scope, "");

        let unknown = yaml.replacen("scopes: []", "scopes: [contacts.search]", 1);
        assert_eq!(
            validate(&unknown).unwrap_err(),
            [
                "t/catalog.yaml: endpoints[0] (POST /contacts/search): field `scopes[0]`: unknown scope `contacts.search`; it is not in `scopes`"
            ]
        );
        // A reference page's unknown field is serde's error, before validation.
        let typo = yaml.replacen("version: 2021-07-28", "versoin: 2021-07-28", 1);
        let e = serde_yaml::from_str::<CatalogFile>(&typo).unwrap_err();
        assert!(e.to_string().contains("unknown field `versoin`"), "{e}");
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
        let errors = validate(&yaml).unwrap_err();
        let file = FILE;
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
        let errors = validate(&yaml).unwrap_err();
        let joined = errors.join("\n");
        assert!(joined.contains("t/catalog.yaml: scopes[3] (contacts.readonly): field `name`: duplicate scope `contacts.readonly`; scopes[2] has it too"), "{joined}");
        assert!(joined.contains("scopes[2] (contacts.readonly): field `spellings[0]`: `locations.write` is already the name or a spelling of scopes[5]"), "{joined}");
        assert!(joined.contains("webhooks[2] (ContactCreate): field `event`: duplicate webhook event `ContactCreate`; webhooks[1] has it too"), "{joined}");
    }

    #[test]
    fn the_legacy_file_must_name_the_same_provider() {
        let legacy = fixture("legacy.yaml").replacen("provider: highlevel", "provider: other", 1);
        let legacy: LegacyFile = serde_yaml::from_str(&legacy).unwrap();
        let catalog: CatalogFile = serde_yaml::from_str(&basic()).unwrap();
        let errors = super::catalog(catalog, legacy, FILE, "t/legacy.yaml").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "t/legacy.yaml: top level: field `provider`: is `other`, but catalog.yaml's is `highlevel`"
        );
    }

    #[test]
    fn a_scope_must_list_its_endpoints_as_method_and_template() {
        let yaml = basic().replacen("  - POST /locations\n", "  - /locations\n", 1);
        let errors = validate(&yaml).unwrap_err();
        assert_eq!(
            errors,
            [
                "t/catalog.yaml: scopes[5] (locations.write): field `endpoints[0]`: `/locations` is not `METHOD /template`"
            ]
        );
    }
}
