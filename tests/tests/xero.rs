//! Xero, the third provider, end to end: its catalog (from its OpenAPI specs) through the
//! runtime and every command of the binary.

mod support;

use scopewise::{
    Access, Denial, GrantedScopes, Provider, ProviderCatalog, catalogs::xero::CATALOG,
};
use support::run;

#[test]
fn xero_is_a_provider_of_rest_endpoints_without_token_types() {
    let provider = Provider::parse("xero").unwrap();
    let ProviderCatalog::Endpoints(catalog) = provider.catalog() else {
        panic!("xero maps REST endpoints")
    };
    assert!(std::ptr::eq(catalog, &CATALOG));
    assert_eq!(catalog.api_host(), "api.xero.com");
    assert!(catalog.token_types().is_empty());
    // Every API under its base path, on one host.
    for template in [
        "/api.xro/2.0/Invoices",
        "/payroll.xro/1.0/Employees",
        "/payroll.xro/2.0/Employees",
        "/assets.xro/1.0/Assets",
        "/projects.xro/2.0/Projects",
        "/files.xro/1.0/Files",
        "/Connections",
    ] {
        assert!(
            catalog.endpoint(scopewise::Method::Get, template).is_some(),
            "GET {template}"
        );
    }
}

#[test]
fn a_read_only_scope_reads_and_does_not_write() {
    let read = GrantedScopes::parse(&CATALOG, "accounting.transactions.read");
    // Any token type may be passed: Xero distinguishes none.
    for token in Access::ALL {
        let e = CATALOG
            .precheck(
                &read,
                token,
                "GET",
                "https://api.xero.com/api.xro/2.0/Invoices?page=2",
            )
            .unwrap();
        assert_eq!(e.template(), "/api.xro/2.0/Invoices");
    }
    assert!(matches!(
        CATALOG.precheck(&read, Access::SubAccount, "PUT", "/api.xro/2.0/Invoices"),
        Err(Denial::MissingScope { .. })
    ));
    let write = GrantedScopes::parse(&CATALOG, "accounting.transactions");
    assert!(
        CATALOG
            .precheck(&write, Access::Agency, "PUT", "/api.xro/2.0/Invoices")
            .is_ok()
    );
}

#[test]
fn requests_fail_closed_as_for_highlevel() {
    let all = GrantedScopes::parse(
        &CATALOG,
        "accounting.transactions accounting.transactions.read",
    );
    for (target, why) in [
        (
            "https://services.leadconnectorhq.com/api.xro/2.0/Invoices",
            "another host",
        ),
        (
            "https://api.xero.com.evil.example/api.xro/2.0/Invoices",
            "another host",
        ),
        ("/api.xro/2.0/../2.0/Invoices", "a dot segment"),
        ("/api.xro/2.0/Invoices%2Fx", "an encoded slash"),
        ("/api.xro/2.0/invoices", "a letter-case variant"),
        ("/api.xro/2.0/NoSuchThing", "an unknown endpoint"),
    ] {
        assert!(
            CATALOG
                .precheck(&all, Access::SubAccount, "GET", target)
                .is_err(),
            "{target}: {why} must be denied"
        );
    }
}

#[test]
fn the_identity_api_needs_a_token_and_no_scope() {
    let none = GrantedScopes::parse(&CATALOG, "");
    let e = CATALOG
        .precheck(&none, Access::SubAccount, "GET", "/Connections")
        .unwrap();
    assert_eq!(e.auth(), scopewise::Auth::Token);
    assert!(e.scopes().is_empty());
}

#[test]
fn scopes_no_operation_carries_are_known() {
    for name in ["offline_access", "openid", "profile", "email"] {
        let scope = CATALOG.scope(name).unwrap_or_else(|| panic!("{name}"));
        assert!(scope.endpoints().is_empty(), "{name}");
    }
}

#[test]
fn every_command_answers_for_xero() {
    let (code, out, _) = run(&[
        "--provider",
        "xero",
        "lookup",
        "GET",
        "https://api.xero.com/api.xro/2.0/Invoices/abc",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("GET /api.xro/2.0/Invoices/{InvoiceID}\n"),
        "{out}"
    );
    assert!(
        out.contains("accounting.transactions | accounting.transactions.read"),
        "{out}"
    );

    let (code, out, _) = run(&[
        "--provider",
        "xero",
        "check",
        "--scopes",
        "accounting.transactions.read",
        "PUT",
        "/api.xro/2.0/Invoices",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("denied (missing-scope)"), "{out}");

    let (code, out, _) = run(&[
        "--provider",
        "xero",
        "minimal",
        "PUT /api.xro/2.0/Contacts",
        "GET /payroll.xro/2.0/Employees",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next(),
        Some("accounting.contacts payroll.employees")
    );

    let (code, out, _) = run(&[
        "--provider",
        "xero",
        "scopes",
        "accounting.transactions.read",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("GET /api.xro/2.0/Invoices"), "{out}");
}

#[test]
fn a_manifest_for_xero_is_linted_without_token_types() {
    let dir = std::env::temp_dir().join(format!("scopewise-xero-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("app.yaml");
    std::fs::write(
        &manifest,
        "provider: xero\nscopes: [accounting.transactions.read, offline_access]\ncalls:\n  - GET /api.xro/2.0/Invoices\n  - PUT https://api.xero.com/api.xro/2.0/Contacts\n",
    )
    .unwrap();
    let path = manifest.to_str().unwrap();
    let (code, out, err) = run(&["lint", path]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "error[missing-scope]: `PUT /api.xro/2.0/Contacts` needs `accounting.contacts`"
        ),
        "{out}"
    );
    assert!(out.contains("(2 scopes, 2 calls, provider xero)"), "{out}");
    // Every Xero app asks for a refresh token: information, not an unused scope.
    assert!(
        out.contains("info[no-api-scope]: `offline_access` grants no API call or event"),
        "{out}"
    );
    assert!(!out.contains("unused-scope"), "{out}");
    assert!(!out.contains("access-mismatch"), "{out}");

    let (code, sarif, _) = run(&["lint", "--format", "sarif", path]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let run = &doc["runs"][0];
    assert_eq!(run["properties"]["provider"], "xero");
    let mut rule_ids: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    rule_ids.sort_unstable();
    assert_eq!(rule_ids, ["missing-scope", "no-api-scope"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_macros_check_xero_names_at_compile_time() {
    let invoices = scopewise::endpoint!(xero: GET "/api.xro/2.0/Invoices");
    assert!(
        invoices
            .scopes()
            .contains(&scopewise::scope!(xero: "accounting.transactions.read"))
    );
    assert!(std::ptr::eq(
        invoices,
        CATALOG
            .endpoint(scopewise::Method::Get, "/api.xro/2.0/Invoices")
            .unwrap()
    ));
}
