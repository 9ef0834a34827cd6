// A template deeper than the router follows is a compile error that names the endpoint,
// not an endpoint that silently can never match.

static TOO_DEEP: scopewise::Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/malformed-too-deep",
);

fn main() {}
