//! Catalogs built at run time from a dataset (feature `dynamic`): the same [`Catalog`] that
//! `include_catalog!` generates, for data that is only known when the program runs, such as
//! a user's OpenAPI spec given to `scopewise --spec`.
//!
//! A catalog's records refer to each other with `&'static` references, so a catalog built at
//! run time is leaked: build one per dataset and keep it for the life of the process (a
//! command-line run, a server's configuration). The dataset is validated by the same rules
//! as the committed ones (`scopewise_model::validate`), and the router's tables and the
//! perfect-hash maps are built by the same builders as at compile time.
//!
//! ```
//! use scopewise::{Access, GrantedScopes};
//! use scopewise_model::dataset::CatalogFile;
//!
//! let file: CatalogFile = serde_yaml::from_str(r#"
//! provider: pets
//! api_host: api.pets.test
//! token_types: []
//! fingerprint: "0000000000000000"
//! sources: []
//! scopes:
//!   - { name: pets.read, status: current, access: [], endpoints: ["GET /v1/pets/{petId}"], webhooks: [], provenance: [] }
//! endpoints:
//!   - { method: GET, path: "/v1/pets/{petId}", scopes: [pets.read], access: [], provenance: [] }
//! webhooks: []
//! "#).unwrap();
//! let catalog = scopewise::dynamic::leak_catalog(file, "pets.yaml").unwrap();
//! let granted = GrantedScopes::parse(catalog, "pets.read");
//! let e = catalog.precheck(&granted, Access::SubAccount, "GET", "https://api.pets.test/v1/pets/7").unwrap();
//! assert_eq!(e.template(), "/v1/pets/{petId}");
//! assert_eq!(catalog.scope("pets.read").unwrap().endpoints(), [e]);
//! ```

use std::sync::OnceLock;

use scopewise_model::access::Access as ModelAccess;
use scopewise_model::dataset::{
    Auth as ModelAuth, CatalogFile, HttpMethod, LegacyFile, Provenance as ModelProvenance,
    SourceRecord,
};
use scopewise_model::route_table;
use scopewise_model::validate::{self, DataError};

use crate::__private::{CatalogParts, EndpointParts, Links, ScopeParts, WebhookParts, phf};
use crate::{
    AccessSet, Auth, Catalog, Changes, Endpoint, Legacy, Method, Provenance, Router, Scope, Source,
    Webhook,
};

/// Validates `file` (named `name` in errors) and builds its catalog, leaked for the life of
/// the process. Every problem of the dataset is returned; none is a panic.
pub fn leak_catalog(file: CatalogFile, name: &str) -> Result<&'static Catalog, Vec<DataError>> {
    let legacy = LegacyFile::none(&file.provider);
    let r = validate::catalog(file, legacy, name, name)?;
    let routes = route_table::build(
        r.catalog
            .endpoints
            .iter()
            .map(|e| (e.method.as_str(), e.path.as_str())),
    )
    .map_err(|error| {
        vec![DataError::file(
            name,
            format!("endpoint {} cannot be routed: {error}", error.index()),
        )]
    })?;
    let c = &r.catalog;

    // Scopes first, with their links to endpoints and webhooks set once those exist.
    let endpoint_cells: &'static [OnceLock<&'static [&'static Endpoint]>] =
        leak_vec((0..c.scopes.len()).map(|_| OnceLock::new()).collect());
    let webhook_cells: &'static [OnceLock<&'static [&'static Webhook]>] =
        leak_vec((0..c.scopes.len()).map(|_| OnceLock::new()).collect());
    let scopes: &'static [Scope] = leak_vec(
        c.scopes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Scope::__new(ScopeParts {
                    index: index_u16(i),
                    name: leak_str(&s.name),
                    status: s.status,
                    access: access(&s.access),
                    endpoints: Links::Late(&endpoint_cells[i]),
                    webhooks: Links::Late(&webhook_cells[i]),
                    spellings: leak_vec(s.spellings.iter().map(|x| leak_str(x)).collect()),
                    provenance: provenance(&s.provenance),
                })
            })
            .collect(),
    );
    let webhooks: &'static [Webhook] = leak_vec(
        c.webhooks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                Webhook::__new(WebhookParts {
                    index: index_u16(i),
                    event: leak_str(&w.event),
                    scopes: refs(scopes, &r.webhook_scopes[i]),
                    access: access(&w.access),
                    provenance: provenance(&w.provenance),
                })
            })
            .collect(),
    );
    let endpoints: &'static [Endpoint] = leak_vec(
        c.endpoints
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let reference = e.reference.as_ref();
                Endpoint::__new(EndpointParts {
                    index: index_u16(i),
                    method: method(e.method),
                    template: leak_str(&e.path),
                    key: leak_str(&r.endpoint_keys[i]),
                    scopes: refs(scopes, &r.endpoint_scopes[i]),
                    access: access(&e.access),
                    webhooks: refs(webhooks, &r.endpoint_webhooks[i]),
                    provenance: provenance(&e.provenance),
                    title: reference.and_then(|r| r.title.as_deref()).map(leak_str),
                    version: reference.and_then(|r| r.version.as_deref()).map(leak_str),
                    oauth_access: access(reference.map_or(&[][..], |r| &r.oauth)),
                    private_integration_access: access(
                        reference.map_or(&[][..], |r| &r.private_integration),
                    ),
                    reference_line: reference.map(|r| r.line),
                    deprecated: reference.is_some_and(|r| r.deprecated)
                        || e.openapi.iter().any(|o| o.deprecated),
                    auth: match e.auth {
                        ModelAuth::Scopes => Auth::Scopes,
                        ModelAuth::None => Auth::None,
                        ModelAuth::Token => Auth::Token,
                    },
                    versions: &[],
                    v3_only: false,
                    replacement: e
                        .openapi
                        .iter()
                        .find_map(|o| o.replacement.as_deref())
                        .map(leak_str),
                })
            })
            .collect(),
    );
    for (i, cell) in endpoint_cells.iter().enumerate() {
        let _ = cell.set(refs(endpoints, &r.scope_endpoints[i]));
    }
    for (i, cell) in webhook_cells.iter().enumerate() {
        let _ = cell.set(refs(webhooks, &r.scope_webhooks[i]));
    }

    let mut scope_names: Vec<(&str, usize)> = r
        .scope_index
        .iter()
        .map(|(k, &v)| (k.as_str(), v))
        .collect();
    scope_names.sort_unstable_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    let provider = leak_str(&c.provider);
    let api_host = leak_str(&c.api_host);
    let parts = CatalogParts {
        provider,
        api_host,
        token_types: access(&c.token_types),
        fingerprint: leak_str(&c.fingerprint),
        sources: leak_vec(c.sources.iter().map(source).collect()),
        endpoints,
        scopes,
        webhooks,
        endpoint_keys: phf_map(
            r.endpoint_keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect(),
        ),
        scope_names: phf_map(scope_names),
        webhook_events: phf_map(
            c.webhooks
                .iter()
                .enumerate()
                .map(|(i, w)| (w.event.as_str(), i))
                .collect(),
        ),
        legacy: Legacy {
            source: Source {
                id: "none",
                path: "",
                sha256: "",
                table_rows: 0,
            },
            scopes: &[],
            changes: Changes {
                scopes_added: &[],
                scopes_removed: &[],
                endpoints_added: &[],
                endpoints_removed: &[],
                endpoints_rescoped: &[],
                endpoints_access_changed: &[],
                webhooks_added: &[],
                webhooks_removed: &[],
                webhooks_rescoped: &[],
            },
        },
        user_permission_scopes: leak_vec(
            c.user_permission_scopes
                .iter()
                .map(|s| leak_str(s))
                .collect(),
        ),
        router: Router::__new(
            endpoints,
            provider,
            api_host,
            leak_vec(routes.nodes),
            leak_vec(routes.slots),
            leak_vec(routes.texts.iter().map(|t| leak_str(t)).collect()),
        ),
    };
    Ok(Box::leak(Box::new(Catalog::__new(parts))))
}

fn leak_vec<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// Validation guarantees every table fits `u16`.
fn index_u16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn refs<T>(table: &'static [T], indices: &[usize]) -> &'static [&'static T] {
    leak_vec(indices.iter().filter_map(|&i| table.get(i)).collect())
}

fn access(set: &[ModelAccess]) -> AccessSet {
    set.iter().fold(AccessSet::EMPTY, |acc, &a| acc.with(a))
}

fn method(m: HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Patch => Method::Patch,
        HttpMethod::Delete => Method::Delete,
    }
}

fn provenance(rows: &[ModelProvenance]) -> &'static [Provenance] {
    leak_vec(
        rows.iter()
            .map(|p| Provenance {
                source: leak_str(&p.source),
                line: p.line,
                scope: leak_str(&p.scope),
                corrected_by: p.corrected_by.as_deref().map(leak_str),
            })
            .collect(),
    )
}

fn source(s: &SourceRecord) -> Source {
    Source {
        id: leak_str(&s.id),
        path: leak_str(&s.path),
        sha256: leak_str(&s.sha256),
        table_rows: s.table_rows,
    }
}

/// A perfect-hash map from each key to its record's index, as `phf_codegen` builds at
/// compile time.
fn phf_map(entries: Vec<(&str, usize)>) -> &'static phf::Map<&'static str, u16> {
    let keys: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    let state = phf_generator::generate_hash(&keys);
    let ordered: Vec<(&'static str, u16)> = state
        .map
        .iter()
        .map(|&i| (leak_str(entries[i].0), index_u16(entries[i].1)))
        .collect();
    Box::leak(Box::new(phf::Map {
        key: state.key,
        disps: leak_vec(state.disps),
        entries: leak_vec(ordered),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GrantedScopes;

    /// The committed HighLevel dataset, built at run time, answers as the generated one.
    #[test]
    fn a_catalog_built_at_run_time_answers_as_the_generated_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let text = std::fs::read_to_string(root.join("data/highlevel/catalog.yaml")).unwrap();
        let file: CatalogFile = serde_yaml::from_str(&text).unwrap();
        let built = leak_catalog(file, "catalog.yaml").unwrap();
        let generated = &crate::highlevel::CATALOG;
        assert_eq!(built.endpoints().len(), generated.endpoints().len());
        assert_eq!(built.scopes().len(), generated.scopes().len());
        for (a, b) in built.endpoints().iter().zip(generated.endpoints()) {
            assert_eq!(a.to_string(), b.to_string());
            let names = |e: &Endpoint| e.scopes().iter().map(|s| s.name()).collect::<Vec<_>>();
            assert_eq!(names(a), names(b), "{a}");
        }
        for s in generated.scopes() {
            let t = built.scope(s.name()).unwrap();
            assert_eq!(t.endpoints().len(), s.endpoints().len(), "{}", s.name());
            assert_eq!(t.webhooks().len(), s.webhooks().len(), "{}", s.name());
        }
        for target in [
            "/contacts/abc",
            "/contacts/abc/tasks",
            "/locations/l1",
            "/nope",
        ] {
            for method in ["GET", "POST", "DELETE"] {
                let a = built
                    .match_request(method, target)
                    .map(|m| m.endpoint().to_string());
                let b = generated
                    .match_request(method, target)
                    .map(|m| m.endpoint().to_string());
                assert_eq!(a.is_ok(), b.is_ok(), "{method} {target}");
                assert_eq!(a.ok(), b.ok(), "{method} {target}");
            }
        }
        let g = GrantedScopes::parse(built, "contacts.readonly");
        assert!(
            built
                .precheck(&g, crate::Access::SubAccount, "GET", "/contacts/abc")
                .is_ok()
        );
    }

    #[test]
    fn an_invalid_dataset_is_errors_not_a_panic() {
        let file: CatalogFile = serde_yaml::from_str(
            "provider: p\napi_host: h.test\ntoken_types: []\nfingerprint: '0'\nsources: []\nscopes: []\nendpoints:\n  - { method: GET, path: /a, scopes: [nope], access: [], provenance: [] }\nwebhooks: []\n",
        )
        .unwrap();
        let errors = leak_catalog(file, "spec.yaml").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "spec.yaml: endpoints[0] (GET /a): field `scopes[0]`: unknown scope `nope`; it is not in `scopes`"
        );
    }
}
