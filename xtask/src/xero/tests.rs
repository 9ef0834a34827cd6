use super::*;
use scopewise_model::dataset::{Auth, HttpMethod};

fn spec(name: &str, text: &str) -> SpecFile {
    SpecFile {
        path: format!("{SPECS_DIR}/{name}"),
        text: text.to_owned(),
    }
}

const CURATED_TEXT: &str = include_str!("../../../data/xero/curated.yaml");

/// A spec in Xero's shape: one server with a base path, OAuth2 with declared scopes, a read
/// operation listing the read-write scope and its `.read` form in one requirement, a write
/// operation, one that needs a token but no scope.
const SMALL: &str = "\
openapi: 3.0.0
info: { title: Small, version: '1' }
servers:
  - url: https://api.xero.com/api.xro/2.0
paths:
  /Invoices:
    get:
      operationId: getInvoices
      security:
        - OAuth2: [accounting.transactions, accounting.transactions.read]
      responses: { '200': { description: ok } }
    put:
      operationId: createInvoices
      security:
        - OAuth2: [accounting.transactions]
      responses: { '200': { description: ok } }
  /Connections:
    get:
      security:
        - OAuth2: []
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    OAuth2:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://login.xero.com/identity/connect/authorize
          tokenUrl: https://identity.xero.com/connect/token
          scopes:
            openid: sign in
            accounting.transactions: read-write
            accounting.transactions.read: read-only
";

fn inputs(specs: Vec<SpecFile>) -> Inputs {
    Inputs {
        specs,
        curated: CURATED_TEXT.to_owned(),
    }
}

#[test]
fn one_requirement_with_two_scopes_is_read_as_either() {
    let ingest = ingest(&inputs(vec![spec("small.yaml", SMALL)])).unwrap();
    let get = ingest
        .catalog
        .endpoints
        .iter()
        .find(|e| e.method == HttpMethod::Get && e.path == "/api.xro/2.0/Invoices")
        .unwrap();
    assert_eq!(
        get.scopes,
        ["accounting.transactions", "accounting.transactions.read"]
    );
    assert_eq!(get.auth, Auth::Scopes);
    assert_eq!(get.provenance[0].line, 7, "the line of `get:`");
    assert_eq!(
        ingest.any_of,
        [(
            "GET /api.xro/2.0/Invoices".to_owned(),
            vec![
                "accounting.transactions".to_owned(),
                "accounting.transactions.read".to_owned()
            ]
        )]
    );
    let connections = ingest
        .catalog
        .endpoints
        .iter()
        .find(|e| e.path == "/api.xro/2.0/Connections")
        .unwrap();
    assert_eq!(
        (connections.auth, connections.scopes.len()),
        (Auth::Token, 0)
    );
    let names: Vec<&str> = ingest
        .catalog
        .scopes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    for known in [
        "offline_access",
        "openid",
        "profile",
        "email",
        "accounting.transactions.read",
    ] {
        assert!(names.contains(&known), "{known} missing from {names:?}");
    }
    assert!(ingest.catalog.token_types.is_empty());
    assert_eq!(ingest.catalog.api_host, "api.xero.com");
}

#[test]
fn specs_that_share_an_operation_must_agree() {
    let same = ingest(&inputs(vec![spec("a.yaml", SMALL), spec("b.yaml", SMALL)])).unwrap();
    assert_eq!(same.catalog.endpoints.len(), 3);
    assert_eq!(same.shared.len(), 3);
    let get = &same.catalog.endpoints[1];
    assert_eq!(get.provenance.len(), 2);

    let other = SMALL.replacen(
        "        - OAuth2: [accounting.transactions]\n",
        "        - OAuth2: [accounting.settings]\n",
        1,
    );
    let err = ingest(&inputs(vec![spec("a.yaml", SMALL), spec("b.yaml", &other)])).unwrap_err();
    assert_eq!(err.file, "data/sources/xero/openapi/b.yaml");
    assert_eq!(err.line, Some(12), "the line of `put:`");
    assert!(
        err.message
            .contains("`PUT /api.xro/2.0/Invoices` needs [\"accounting.settings\"]")
            && err
                .message
                .contains("in openapi/a.yaml; the descriptions disagree"),
        "{}",
        err.message
    );
}

#[test]
fn a_server_on_another_host_is_an_error() {
    let elsewhere = SMALL.replacen("https://api.xero.com/", "https://example.com/", 1);
    let err = ingest(&inputs(vec![spec("s.yaml", &elsewhere)])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "data/sources/xero/openapi/s.yaml: server `https://example.com/api.xro/2.0` is not on https://api.xero.com"
    );
}

#[test]
fn a_curated_entry_without_a_reason_is_refused() {
    let start = CURATED_TEXT.find("  - name: offline_access\n").unwrap();
    let end = start + CURATED_TEXT[start..].find("  - name: openid\n").unwrap();
    let blank = format!(
        "{}  - name: offline_access\n    reason: ''\n{}",
        &CURATED_TEXT[..start],
        &CURATED_TEXT[end..]
    );
    assert_eq!(
        Curated::parse(&blank).unwrap_err().message,
        "known scope `offline_access` has no reason"
    );
    let text = CURATED_TEXT.replacen("legacy: none", "legacy: v1", 1);
    assert!(
        Curated::parse(&text)
            .unwrap_err()
            .message
            .contains("write `none`")
    );
}

/// Every operation of every spec is in the catalog: as its own endpoint, or as one more
/// description of an endpoint another spec describes alike.
#[test]
fn the_committed_specs_are_accounted_for_operation_by_operation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ingest = ingest(&Inputs::read(&root).unwrap()).unwrap();
    let read: usize = ingest.specs.iter().map(|(_, _, n)| n).sum();
    let merged: usize = ingest.shared.iter().map(|(_, files)| files.len() - 1).sum();
    assert_eq!(read, ingest.catalog.endpoints.len() + merged);
    assert_eq!(read, 477, "operations in the 12 specs read for operations");
    assert!(
        ingest.other_methods.is_empty(),
        "{:?}",
        ingest.other_methods
    );
    // Shared: across the payroll specs under /payroll.xro/2.0, or within one spec.
    let (payroll, within): (Vec<_>, Vec<_>) = ingest
        .shared
        .iter()
        .partition(|(endpoint, _)| endpoint.contains(" /payroll.xro/2.0/"));
    assert!(!payroll.is_empty() && !within.is_empty());
    assert!(
        within
            .iter()
            .all(|(_, files)| files.iter().all(|f| *f == files[0]))
    );
    let described: usize = ingest
        .catalog
        .endpoints
        .iter()
        .map(|e| e.openapi.len())
        .sum();
    assert_eq!(described, read);
}
