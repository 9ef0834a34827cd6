// A typo in a scope name suggests the scopes it is closest to.
const TYPO: &scopewise::Scope = scopewise::scope!("contact.readonly");

// Scope names are case-sensitive, as OAuth compares them.
const CASE: &scopewise::Scope = scopewise::scope!("Contacts.Readonly");

// Webhook events are checked the same way.
const EVENT: &scopewise::Webhook = scopewise::webhook!("ContactCreated");

// A provider scopewise has no catalog for.
const PROVIDER: &scopewise::Scope = scopewise::scope!(salesforce: "api");

// Every endpoint provider's names are checked alike: a Xero scope and endpoint.
const XERO_SCOPE: &scopewise::Scope = scopewise::scope!(xero: "accounting.transaction.read");
const XERO_ENDPOINT: &scopewise::Endpoint = scopewise::endpoint!(xero: GET "/api.xro/2.0/Invoice");

fn main() {}
