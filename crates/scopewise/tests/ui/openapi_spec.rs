// A user's own spec compiled into a catalog: a misspelled scope or endpoint of it is a
// compile error with suggestions, and a spec that cannot be read is one too, naming it.

static PETS: scopewise::Catalog =
    scopewise::include_catalog!(openapi = "../../../../examples/spec/petstore.yaml");

const TYPO: &scopewise::Scope =
    scopewise::scope!(openapi = "../../../../examples/spec/petstore.yaml" in PETS: "pet.read");

const NO_SUCH: &scopewise::Endpoint =
    scopewise::endpoint!(openapi = "../../../../examples/spec/petstore.yaml" in PETS: GET "/v2/pet");

static MISSING: scopewise::Catalog = scopewise::include_catalog!(openapi = "no-such-spec.yaml");

// A requirement the catalog cannot hold: the error names the spec and the line.
static ALL_OF: scopewise::Catalog = scopewise::include_catalog!(openapi = "all-of-spec.yaml");

fn main() {}
