//! `include_catalog!(openapi = "..")`: a user's own OpenAPI spec compiled into a catalog, with
//! its names checked at compile time by `endpoint!` and `scope!`.

use scopewise::{Access, Catalog, Denial, GrantedScopes, endpoint, scope};

/// The petstore example, relative to this file as `include_str!` would read it.
static PETS: Catalog =
    scopewise::include_catalog!(openapi = "../../../examples/spec/petstore.yaml");

#[test]
fn a_spec_compiles_into_a_catalog_that_answers() {
    assert_eq!(PETS.api_host(), "api.petstore.test");
    assert!(PETS.token_types().is_empty());
    let get =
        endpoint!(openapi = "../../../examples/spec/petstore.yaml" in PETS: GET "/v2/pets/{id}");
    assert_eq!(get.template(), "/v2/pets/{petId}");
    let read = scope!(openapi = "../../../examples/spec/petstore.yaml" in PETS: "pets.read");
    assert!(get.scopes().contains(&read));

    let granted = GrantedScopes::parse(&PETS, "pets.read");
    let allowed = PETS
        .precheck(
            &granted,
            Access::SubAccount,
            "GET",
            "https://api.petstore.test/v2/pets/7",
        )
        .unwrap();
    assert!(std::ptr::eq(allowed, get));
    assert!(matches!(
        PETS.precheck(&granted, Access::SubAccount, "POST", "/v2/pets"),
        Err(Denial::MissingScope { .. })
    ));
    assert!(
        PETS.precheck(
            &granted,
            Access::SubAccount,
            "GET",
            "https://evil.test/v2/pets/7"
        )
        .is_err()
    );
}
