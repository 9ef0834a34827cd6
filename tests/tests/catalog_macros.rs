//! The compile-time macros from a crate other than `scopewise`: this test crate depends on it
//! by path like any downstream user, and has no dependency on phf or the macro crate.

use scopewise::{Access, Endpoint, Method, Scope, Webhook, endpoint, highlevel, scope, webhook};

// Checked references are constants: usable in `const` and `static` items.
const GET_CONTACT: &Endpoint = endpoint!(GET "/contacts/{contactId}");
static CONTACTS_READONLY: &Scope = scope!("contacts.readonly");
const CONTACT_CREATE: &Webhook = webhook!("ContactCreate");

#[test]
fn references_resolve_to_the_catalog_records() {
    let catalog = &highlevel::CATALOG;
    assert!(std::ptr::eq(
        GET_CONTACT,
        catalog
            .endpoint(Method::Get, "/contacts/{contactId}")
            .unwrap()
    ));
    assert!(std::ptr::eq(
        CONTACTS_READONLY,
        catalog.scope("contacts.readonly").unwrap()
    ));
    assert!(std::ptr::eq(
        CONTACT_CREATE,
        catalog.webhook("ContactCreate").unwrap()
    ));
    assert_eq!(GET_CONTACT.method(), Method::Get);
    assert_eq!(GET_CONTACT.template(), "/contacts/{contactId}");
}

#[test]
fn parameter_names_case_and_trailing_slash_do_not_matter() {
    let canonical = endpoint!(GET "/contacts/{contactId}/tasks");
    assert_eq!(endpoint!(get "/contacts/:id/tasks"), canonical);
    assert_eq!(endpoint!(Get "/contacts/{x}/tasks/"), canonical);
    assert_eq!(
        endpoint!(highlevel: GET "/contacts/{contactId}/tasks"),
        canonical
    );
    let catalog = &highlevel::CATALOG;
    for query in [
        "/contacts/:id/tasks",
        "/contacts/{contactId}/tasks",
        "/contacts/{x}/tasks/",
    ] {
        assert_eq!(
            catalog.endpoint(Method::Get, query),
            Some(canonical),
            "{query}"
        );
        assert_eq!(catalog.lookup("get", query), Ok(canonical), "{query}");
    }
}

#[test]
fn records_link_to_each_other() {
    let tasks = endpoint!(GET "/contacts/{contactId}/tasks");
    assert!(tasks.scopes().contains(&CONTACTS_READONLY));
    assert!(CONTACTS_READONLY.endpoints().contains(&tasks));
    assert!(CONTACTS_READONLY.webhooks().contains(&CONTACT_CREATE));
    assert!(CONTACT_CREATE.scopes().contains(&CONTACTS_READONLY));
    // The webhooks an endpoint's scopes grant.
    assert!(tasks.webhooks().contains(&CONTACT_CREATE));
}

#[test]
fn access_sets_tell_token_types_apart() {
    let location = endpoint!(GET "/locations/{locationId}");
    assert!(location.access().contains(Access::SubAccount));
    assert!(location.access().contains(Access::Agency));
    assert_eq!(location.access().to_string(), "sub-account, agency");
    let create_location = endpoint!(POST "/locations");
    assert!(create_location.access().contains(Access::Agency));
    assert!(!create_location.access().contains(Access::SubAccount));
}

#[test]
fn indices_address_the_shared_tables() {
    let catalog = &highlevel::CATALOG;
    let e = endpoint!(POST "/contacts");
    assert!(std::ptr::eq(&catalog.endpoints()[e.index()], e));
    assert!(std::ptr::eq(catalog.endpoint_by_key(e.key()).unwrap(), e));
    let s = scope!("contacts.write");
    assert!(std::ptr::eq(&catalog.scopes()[s.index()], s));
}

#[test]
fn hostile_lookups_find_nothing_and_say_why() {
    let catalog = &highlevel::CATALOG;
    let long = format!("/{}", "a".repeat(10_000));
    for template in [
        "",
        "contacts",
        "/contacts//x",
        "/../etc",
        "/a b",
        long.as_str(),
        "/caf\u{e9}",
    ] {
        assert_eq!(
            catalog.endpoint(Method::Get, template),
            None,
            "{template:?}"
        );
        let err = catalog.lookup("GET", template).unwrap_err();
        assert!(
            matches!(err, scopewise::LookupError::Template { .. }),
            "{template:?}: {err}"
        );
        assert!(err.to_string().len() < 300, "error messages stay short");
    }
    assert!(matches!(
        catalog.lookup("BREW", "/contacts"),
        Err(scopewise::LookupError::Method(_))
    ));
    assert_eq!(catalog.scope(""), None);
    assert_eq!(catalog.webhook(&long), None);
}
