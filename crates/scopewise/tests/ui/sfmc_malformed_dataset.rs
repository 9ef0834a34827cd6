// A malformed SFMC dataset is a compile error naming the file, the entry and the field, never
// a panic in the macro; each statement below reads one broken fixture.

// A value the schema does not allow: the level `sned`.
static UNKNOWN_LEVEL: scopewise::sfmc::Catalog = scopewise::include_catalog!(
    "sfmc",
    path = "crates/scopewise-macros/tests/fixtures/sfmc-malformed-level",
);

// Mistakes only the cross-checks see; every one is reported.
static BAD_TOKENS: scopewise::sfmc::Catalog = scopewise::include_catalog!(
    "sfmc",
    path = "crates/scopewise-macros/tests/fixtures/sfmc-malformed-token",
);

// A HighLevel dataset read as SFMC.
static WRONG_SCHEMA: scopewise::sfmc::Catalog = scopewise::include_catalog!(
    "sfmc",
    path = "crates/scopewise-macros/tests/fixtures/basic",
);

fn main() {}
