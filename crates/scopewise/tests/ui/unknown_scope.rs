// A typo in a scope name suggests the scopes it is closest to.
const TYPO: &scopewise::Scope = scopewise::scope!("contact.readonly");

// Scope names are case-sensitive, as OAuth compares them.
const CASE: &scopewise::Scope = scopewise::scope!("Contacts.Readonly");

// Webhook events are checked the same way.
const EVENT: &scopewise::Webhook = scopewise::webhook!("ContactCreated");

// A provider scopewise has no catalog for.
const PROVIDER: &scopewise::Scope = scopewise::scope!(salesforce: "api");

fn main() {}
