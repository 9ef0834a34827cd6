//! Round trip: every record of the committed dataset is found through the generated static
//! maps, with exactly the data the YAML holds. The test iterates the YAML (read with the
//! dataset's own serde types) and looks each record up through `scopewise::highlevel`.
//!
//! The same check runs on the macro crate's small fixture, compiled with `include_catalog!`
//! from this (downstream) crate.

use std::path::{Path, PathBuf};

use scopewise::{Access, AccessSet, Catalog, Method, ScopeStatus};
use scopewise_model::dataset as yaml;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The dataset's `Access` is the runtime's (one type, declared in the model).
fn access(set: &[Access]) -> AccessSet {
    set.iter().copied().collect()
}

fn method(m: yaml::HttpMethod) -> Method {
    Method::parse(m.as_str()).expect("the dataset's methods are scopewise's")
}

fn provenance(rows: &[yaml::Provenance]) -> Vec<scopewise::Provenance> {
    rows.iter()
        .map(|p| scopewise::Provenance {
            source: Box::leak(p.source.clone().into_boxed_str()),
            line: p.line,
            scope: Box::leak(p.scope.clone().into_boxed_str()),
            corrected_by: p
                .corrected_by
                .clone()
                .map(|c| &*Box::leak(c.into_boxed_str())),
        })
        .collect()
}

fn strs(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Checks `catalog` against the two YAML files in `dir`, record by record.
fn check(catalog: &'static Catalog, dir: &Path) {
    let c: yaml::CatalogFile = read(&dir.join("catalog.yaml"));
    let l: yaml::LegacyFile = read(&dir.join("legacy.yaml"));

    assert_eq!(catalog.provider(), c.provider);
    assert_eq!(catalog.api_host(), c.api_host);
    assert_eq!(catalog.fingerprint(), c.fingerprint);
    assert_eq!(catalog.sources().len(), c.sources.len());
    for (got, want) in catalog.sources().iter().zip(&c.sources) {
        assert_eq!(
            (got.id, got.path, got.sha256, got.table_rows),
            (
                want.id.as_str(),
                want.path.as_str(),
                want.sha256.as_str(),
                want.table_rows
            )
        );
    }

    assert_eq!(
        catalog.endpoints().len(),
        c.endpoints.len(),
        "endpoint count"
    );
    for (i, want) in c.endpoints.iter().enumerate() {
        let name = want.display_name();
        let got = catalog
            .endpoint(method(want.method), &want.path)
            .unwrap_or_else(|| panic!("{name} is not found through the map"));
        assert_eq!(got.index(), i, "{name}: dataset order");
        assert!(std::ptr::eq(got, &catalog.endpoints()[i]), "{name}");
        assert_eq!(got.method(), method(want.method), "{name}");
        assert_eq!(got.template(), want.path, "{name}");
        assert_eq!(got.key(), want.key().expect("valid template"), "{name}");
        assert_eq!(got.to_string(), name);
        let scopes: Vec<&str> = got.scopes().iter().map(|s| s.name()).collect();
        assert_eq!(scopes, want.scopes, "{name}: scopes");
        assert_eq!(got.access(), access(&want.access), "{name}: access");
        assert_eq!(
            got.provenance(),
            provenance(&want.provenance),
            "{name}: provenance"
        );
        // What the API reference page says, field by field; no page reads as all-absent.
        let reference = want.reference.clone().unwrap_or_default();
        assert_eq!(
            got.reference_line(),
            want.reference.as_ref().map(|r| r.line),
            "{name}: reference line"
        );
        assert_eq!(got.title(), reference.title.as_deref(), "{name}: title");
        assert_eq!(
            got.version(),
            reference.version.as_deref(),
            "{name}: version"
        );
        assert_eq!(
            got.oauth_access(),
            access(&reference.oauth),
            "{name}: oauth"
        );
        assert_eq!(
            got.private_integration_access(),
            access(&reference.private_integration),
            "{name}: private integration"
        );
        assert_eq!(
            got.private_integration(),
            !reference.private_integration.is_empty(),
            "{name}: private integration"
        );
        assert_eq!(
            got.deprecated(),
            reference.deprecated || want.openapi.iter().any(|o| o.deprecated),
            "{name}: deprecated"
        );
        let auth = match want.auth {
            yaml::Auth::Scopes => scopewise::Auth::Scopes,
            yaml::Auth::None => scopewise::Auth::None,
            yaml::Auth::Token => scopewise::Auth::Token,
        };
        assert_eq!(got.auth(), auth, "{name}: auth");
        assert_eq!(
            got.scope_documented(),
            !want.scopes.is_empty() || want.auth != yaml::Auth::Scopes,
            "{name}: scope documented"
        );
        // The `Version` values of every spec that has the operation, sorted and distinct.
        // Unconstrained when a spec lists the operation without a `Version` header.
        let versions: std::collections::BTreeSet<&str> =
            if want.openapi.iter().any(|o| o.versions.is_empty()) {
                Default::default()
            } else {
                want.openapi
                    .iter()
                    .flat_map(|o| o.versions.iter().map(String::as_str))
                    .collect()
            };
        assert_eq!(
            got.versions(),
            versions.into_iter().collect::<Vec<_>>(),
            "{name}: versions"
        );
        // The webhooks an endpoint carries are exactly those its scopes grant.
        let mut expected: Vec<&str> = want
            .scopes
            .iter()
            .flat_map(|s| {
                &c.scopes
                    .iter()
                    .find(|r| &r.name == s)
                    .expect("scope exists")
                    .webhooks
            })
            .map(String::as_str)
            .collect();
        expected.sort_by_key(|e| c.webhooks.iter().position(|w| w.event == *e));
        expected.dedup();
        let webhooks: Vec<&str> = got.webhooks().iter().map(|w| w.event()).collect();
        assert_eq!(webhooks, expected, "{name}: webhooks");
        // Any spelling of the parameters finds the same record.
        let renamed = want.path.replace('{', ":").replace('}', "");
        assert_eq!(
            catalog.endpoint(got.method(), &renamed),
            Some(got),
            "{renamed}"
        );
    }

    assert_eq!(
        strs(catalog.user_permission_scopes()),
        c.user_permission_scopes,
        "user permission scopes"
    );

    assert_eq!(catalog.scopes().len(), c.scopes.len(), "scope count");
    for (i, want) in c.scopes.iter().enumerate() {
        let name = &want.name;
        let got = catalog
            .scope(name)
            .unwrap_or_else(|| panic!("scope {name} is not found through the map"));
        assert_eq!(got.index(), i, "{name}: dataset order");
        assert_eq!(got.name(), name);
        assert_eq!(got.status(), want.status, "{name}");
        assert_eq!(got.access(), access(&want.access), "{name}");
        let endpoints: Vec<String> = got.endpoints().iter().map(ToString::to_string).collect();
        assert_eq!(endpoints, want.endpoints, "{name}: endpoints");
        let webhooks: Vec<&str> = got.webhooks().iter().map(|w| w.event()).collect();
        assert_eq!(webhooks, want.webhooks, "{name}: webhooks");
        assert_eq!(strs(got.spellings()), want.spellings, "{name}: spellings");
        for spelling in &want.spellings {
            assert_eq!(
                catalog.scope(spelling),
                Some(got),
                "{name}: spelling {spelling}"
            );
        }
        assert_eq!(
            got.provenance(),
            provenance(&want.provenance),
            "{name}: provenance"
        );
    }

    assert_eq!(catalog.webhooks().len(), c.webhooks.len(), "webhook count");
    for (i, want) in c.webhooks.iter().enumerate() {
        let event = &want.event;
        let got = catalog
            .webhook(event)
            .unwrap_or_else(|| panic!("webhook {event} is not found through the map"));
        assert_eq!(got.index(), i, "{event}: dataset order");
        assert_eq!(got.event(), event);
        let scopes: Vec<&str> = got.scopes().iter().map(|s| s.name()).collect();
        assert_eq!(scopes, want.scopes, "{event}: scopes");
        assert_eq!(got.access(), access(&want.access), "{event}: access");
        assert_eq!(
            got.provenance(),
            provenance(&want.provenance),
            "{event}: provenance"
        );
    }

    let legacy = catalog.legacy();
    assert_eq!(legacy.source.id, l.source.id);
    assert_eq!(legacy.source.path, l.source.path);
    assert_eq!(legacy.source.sha256, l.source.sha256);
    assert_eq!(legacy.source.table_rows, l.source.table_rows);
    assert_eq!(legacy.scopes.len(), l.scopes.len());
    for (got, want) in legacy.scopes.iter().zip(&l.scopes) {
        assert_eq!(got.name, want.name);
        assert_eq!(got.status, want.status, "{}", want.name);
        assert_eq!(got.access, access(&want.access), "{}", want.name);
        assert_eq!(strs(got.endpoints), want.endpoints, "{}", want.name);
        assert_eq!(strs(got.webhooks), want.webhooks, "{}", want.name);
        assert_eq!(legacy.scope(&want.name), Some(got));
    }
    let (got, want) = (&legacy.changes, &l.changes);
    assert_eq!(strs(got.scopes_added), want.scopes_added);
    assert_eq!(strs(got.scopes_removed), want.scopes_removed);
    assert_eq!(strs(got.endpoints_added), want.endpoints_added);
    assert_eq!(strs(got.endpoints_removed), want.endpoints_removed);
    assert_eq!(strs(got.webhooks_added), want.webhooks_added);
    assert_eq!(strs(got.webhooks_removed), want.webhooks_removed);
    let rescoped = |got: &[scopewise::Rescope], want: &[yaml::Rescope]| {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.item, w.item);
            assert_eq!(strs(g.legacy), w.legacy, "{}", w.item);
            assert_eq!(strs(g.current), w.current, "{}", w.item);
        }
    };
    rescoped(got.endpoints_rescoped, &want.endpoints_rescoped);
    rescoped(got.webhooks_rescoped, &want.webhooks_rescoped);
    assert_eq!(
        got.endpoints_access_changed.len(),
        want.endpoints_access_changed.len()
    );
    for (g, w) in got
        .endpoints_access_changed
        .iter()
        .zip(&want.endpoints_access_changed)
    {
        assert_eq!(g.item, w.item);
        assert_eq!(g.legacy, access(&w.legacy), "{}", w.item);
        assert_eq!(g.current, access(&w.current), "{}", w.item);
    }
}

#[test]
fn committed_highlevel_dataset_round_trips() {
    check(
        &scopewise::highlevel::CATALOG,
        &repo_root().join("data/highlevel"),
    );
}

static FIXTURE: Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/basic",
);

#[test]
fn fixture_dataset_round_trips() {
    check(
        &FIXTURE,
        &repo_root().join("crates/scopewise-macros/tests/fixtures/basic"),
    );
    // The fixture has a legacy-only scope and a corrected provenance row; make sure the
    // check above saw them.
    assert_eq!(
        FIXTURE.scope("workflows.read").map(|s| s.status()),
        Some(ScopeStatus::LegacyOnly)
    );
    let tasks = FIXTURE
        .endpoint(Method::Get, "/contacts/{id}/tasks")
        .expect("fixture has it");
    assert_eq!(
        tasks.provenance()[0].corrected_by,
        Some("contacts-tasks-path")
    );
    // ... and reference pages with and without each optional fact.
    let contact = FIXTURE
        .endpoint(Method::Get, "/contacts/{id}")
        .expect("fixture has it");
    assert_eq!(
        (contact.title(), contact.version(), contact.reference_line()),
        (Some("Get Contact"), Some("2021-07-28"), Some(34450))
    );
    assert!(contact.private_integration());
    let calendar = FIXTURE
        .endpoint(Method::Get, "/calendars/{id}")
        .expect("fixture has it");
    assert_eq!((calendar.title(), calendar.deprecated()), (None, true));
    assert!(!tasks.private_integration() && tasks.reference_line().is_none());
    assert_eq!(FIXTURE.user_permission_scopes().len(), 3);
}

/// The endpoints of the committed dataset whose scope is undocumented: known only from the
/// API reference, which names no scope, and from no OpenAPI spec.
#[test]
fn undocumented_scopes_are_endpoints_known_only_from_the_reference() {
    let catalog = &scopewise::highlevel::CATALOG;
    let undocumented: Vec<_> = catalog
        .endpoints()
        .iter()
        .filter(|e| !e.scope_documented())
        .collect();
    // Of the 36 pages of the API reference that no scope table lists (see anomalies.md,
    // `reference-only-endpoint`), 5 are in no OpenAPI spec either.
    assert_eq!(undocumented.len(), 5);
    for e in &undocumented {
        assert!(e.scopes().is_empty() && e.webhooks().is_empty(), "{e}");
        assert!(e.reference_line().is_some(), "{e}");
        assert_eq!(e.provenance().len(), 1, "{e}");
        assert_eq!(e.provenance()[0].source, "api-reference", "{e}");
        assert_eq!(e.provenance()[0].scope, "", "{e}");
        // Their access is the page's token types.
        assert_eq!(e.access(), e.oauth_access(), "{e}");
    }
    // A reference-only page the OpenAPI specs document: its scope comes from them.
    let timezones = catalog
        .endpoint(Method::Get, "/locations/{locationId}/timezones")
        .expect("reference-only");
    assert_eq!(timezones.title(), Some("Fetch Timezones"));
    assert!(timezones.is_granted_by("locations.readonly"));
    assert!(
        timezones
            .provenance()
            .iter()
            .any(|p| p.source == "openapi-v2/locations.json")
    );
    // The table's spelling is a different record, with its scope.
    let table = catalog
        .endpoint(Method::Get, "/locations/timeZones")
        .expect("in the table");
    assert!(table.is_granted_by("locations.readonly"));
    assert_eq!(table.reference_line(), None);
}

#[test]
#[should_panic(expected = "left == right")]
fn the_check_notices_a_catalog_built_from_other_data() {
    // The fixture catalog checked against the committed dataset must fail, or the round trip
    // above proves nothing.
    check(&FIXTURE, &repo_root().join("data/highlevel"));
}
