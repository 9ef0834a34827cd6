// A typo in the path: the error points at the literal and suggests close endpoints.
const TYPO: &scopewise::Endpoint = scopewise::endpoint!(GET "/contact/{contactId}");

// A known path under a method it does not have: the methods it has come first.
const WRONG_METHOD: &scopewise::Endpoint = scopewise::endpoint!(DELETE "/locations");

// Not a method at all, and not a template at all.
const NOT_A_METHOD: &scopewise::Endpoint = scopewise::endpoint!(FETCH "/contacts");
const NOT_A_TEMPLATE: &scopewise::Endpoint = scopewise::endpoint!(GET "contacts/{id}");

fn main() {}
