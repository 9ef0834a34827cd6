// A malformed dataset is a compile error naming the file, the entry and the field, never a
// panic in the macro; each statement below reads one broken fixture.

static MISSING_FIELD: scopewise::Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/malformed-missing-field",
);

static UNKNOWN_ACCESS: scopewise::Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/malformed-unknown-access",
);

static DUPLICATE_KEY: scopewise::Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/malformed-duplicate-key",
);

static MISSING_DIR: scopewise::Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/no-such-dir",
);

// A provider that is not in the list: no directory is guessed.
static UNKNOWN_PROVIDER: scopewise::Catalog = scopewise::include_catalog!("salesforce");

fn main() {}
