//! Which OAuth scope every call of a SaaS REST API needs, as static tables compiled from the
//! committed dataset.
//!
//! ```
//! use scopewise::{endpoint, highlevel::CATALOG, scope, Method};
//!
//! // Checked at compile time: a typo here is a compile error with suggestions.
//! let tasks = endpoint!(GET "/contacts/{contactId}/tasks");
//! assert!(tasks.scopes().contains(&scope!("contacts.readonly")));
//!
//! // Looked up at run time, parameter names ignored, without allocating.
//! assert_eq!(CATALOG.endpoint(Method::Get, "/contacts/:id/tasks/"), Some(tasks));
//! ```
//!
//! # Usage
//!
//! Each provider has a module with its [`Catalog`] static: [`highlevel::CATALOG`]. A catalog
//! answers
//! - [`Catalog::endpoint`]: method + template → [`Endpoint`] (its any-of [`Scope`]s, its
//!   [`AccessSet`], the [`Webhook`]s its scopes grant, and where the data came from);
//! - [`Catalog::scope`]: scope name → [`Scope`] (what it grants, current or legacy-only);
//! - [`Catalog::webhook`]: event name → [`Webhook`];
//! - [`Catalog::legacy`]: the v1 table's scopes and what changed since.
//!
//! Records refer to each other with `&'static` references, so walking from an endpoint to its
//! scopes to their webhooks never looks anything up. Every table keeps the dataset file's
//! order, and each record knows its position ([`Endpoint::index`]).
//!
//! [`endpoint!`] and [`scope!`] name a record in source code. The macro checks the name
//! against the dataset while compiling and expands to a constant reference, so it also works
//! in `const` and `static` items:
//!
//! ```
//! use scopewise::{endpoint, Endpoint};
//!
//! static CREATE_CONTACT: &Endpoint = endpoint!(POST "/contacts");
//! assert_eq!(CREATE_CONTACT.method(), scopewise::Method::Post);
//! ```
//!
//! An unknown name fails the build and points at the literal:
//!
//! ```compile_fail
//! let s = scopewise::scope!("contact.readonly"); // did you mean `contacts.readonly`?
//! ```
//!
//! # Providers
//!
//! [`Provider`] names the providers scopewise has a catalog for, so that a `--provider` flag
//! or a manifest's `provider:` can choose one ([`Provider::parse`], [`Provider::ALL`]). Each
//! has a module whose `CATALOG` static answers that provider's questions:
//! - [`highlevel`]: HighLevel scopes one REST endpoint at a time; its [`Catalog`] maps
//!   endpoints and webhook events to [`Scope`]s.
//! - [`sfmc`]: Salesforce Marketing Cloud Engagement grants *levels* of *groups* (`email_send`
//!   is Email's Send level), so its [`sfmc::Catalog`] holds [`sfmc::Group`]s, [`sfmc::Token`]s
//!   (documented, or known to exist but [undocumented](sfmc::TokenStatus::UndocumentedHere)
//!   on the vendor's page) and the SOAP objects that need no scope. It reads display names
//!   (`Email Read`) and explains tokens that do not exist ([`sfmc::UnknownToken`]).
//!
//! `scope!` takes the provider as a prefix; for SFMC it checks a token:
//!
//! ```
//! use scopewise::{Provider, scope, sfmc};
//!
//! let token = scope!(sfmc: "list_and_subscribers_read");
//! assert_eq!(token.group().unwrap().name(), "Lists and Subscribers");
//! assert_eq!(sfmc::CATALOG.token_for_display("Lists and Subscribers Read"), Some(token));
//! assert_eq!(Provider::parse("sfmc"), Some(Provider::Sfmc));
//! ```
//!
//! ```compile_fail
//! let t = scopewise::scope!(sfmc: "email_reed"); // did you mean `email_read`?
//! ```
//!
//! # Requests: matching, pre-checks and minimal scope sets
//!
//! Three analyses work on what an SDK really holds, a method and a concrete target:
//! - [`Catalog::match_request`]: method + path or `https://` URL → [`Match`] (the
//!   [`Endpoint`] and the captured parameters). Static segments win over parameters, the
//!   matcher backtracks, and malformed or foreign targets are refused with a [`MatchError`]
//!   that says where;
//! - [`Catalog::precheck`]: may a token with these [`GrantedScopes`] and this type
//!   ([`Access`]) make the request? `Ok(endpoint)` or a [`Denial`] naming the problem;
//! - [`Catalog::minimal_scopes`]: the smallest scope set for a list of calls and webhook
//!   events, exact when endpoints have several alternative scopes, with
//!   [`MinimalScopes::explain`] saying which scope is there for what.
//!
//! ```
//! use scopewise::{highlevel::CATALOG, Access, Denial, GrantedScopes};
//!
//! let m = CATALOG.match_request("GET", "/contacts/abc123/tasks?locationId=x").unwrap();
//! assert_eq!(m.endpoint().template(), "/contacts/{contactId}/tasks");
//! assert_eq!(m.param("contactId"), Some("abc123"));
//!
//! let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
//! assert!(CATALOG.precheck(&granted, Access::SubAccount, "GET", "/contacts/abc123").is_ok());
//! assert!(matches!(
//!     CATALOG.precheck(&granted, Access::SubAccount, "POST", "/contacts"),
//!     Err(Denial::MissingScope { .. })
//! ));
//!
//! let min = CATALOG.minimal_scopes(["GET /contacts/abc123", "POST /contacts"], ["ContactCreate"]).unwrap();
//! assert_eq!(min.scope_string(), "contacts.readonly contacts.write");
//! ```
//!
//! Request targets from the network are untrusted input: [`RequestTarget::parse`] lists
//! what is refused (dot and empty segments, other hosts and schemes, user information,
//! invalid or needless percent-encoding, control and non-ASCII bytes, backslashes, targets
//! over 8 KiB, segments over 1 KiB, more than 64 segments). Matching is one pass over the
//! target plus a few word compares per segment, allocates nothing on success, and never
//! matches a refused target to an endpoint.
//!
//! # Performance
//!
//! The tables are `static` data: no YAML parsing, allocation or hash-table set-up happens at
//! run time. Lookups go through [`phf`](https://docs.rs/phf) perfect-hash maps keyed by the
//! parameter-blind key (`GET /contacts/{}`); a template is normalized into a stack buffer
//! first. `BENCHMARKS.md` in the repository has the numbers against a `std` `HashMap`.
//!
//! # Untrusted input
//!
//! Lookups accept any `&str`. A template is validated by the one template grammar of
//! `scopewise-model` before it is hashed: input longer than 512 bytes, with empty or dot
//! segments, or with characters outside RFC 3986's unreserved set finds nothing (and
//! [`Catalog::lookup`] says why). Work is linear in the input's length and bounded by that
//! limit; nothing allocates except the error of [`Catalog::lookup`], which keeps at most
//! 128 bytes of the input.
//!
//! # Features
//!
//! None. The crate depends on `phf` without its `std` feature and on `scopewise-model` without
//! serde.
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

// The macros expand to `::scopewise::...` paths, so that they work the same here and in
// downstream crates.
extern crate self as scopewise;

mod access;
mod catalog;
#[cfg(feature = "dynamic")]
pub mod dynamic;
mod endpoint;
pub mod highlevel;
mod legacy;
mod method;
mod minimal;
mod precheck;
mod provenance;
mod provider;
mod request;
mod resolve;
mod router;
mod scope;
pub mod sfmc;
mod webhook;

pub use access::{Access, AccessSet};
pub use catalog::{Catalog, LookupError};
pub use endpoint::{Auth, Endpoint};
pub use legacy::{AccessChange, Changes, Legacy, LegacyScope, Rescope};
pub use method::{Method, ParseMethodError};
pub use minimal::{
    Call, MinimalScopes, MinimalScopesError, ResolvedCall, SEARCH_LIMIT, ScopeUse, UnmatchedCall,
};
pub use precheck::{Denial, GrantedScopes, KnownEndpoints, PrecheckOptions, TokenKind};
pub use provenance::{Provenance, Source};
pub use provider::catalogs;
pub use provider::{
    Capability, Provider, ProviderCatalog, UnknownProvider, WrongCapability, catalog,
};
pub use request::{
    EncodedSlashes, MAX_SEGMENT_LEN, MAX_SEGMENTS, MAX_TARGET_LEN, RequestError, RequestTarget,
};
pub use resolve::ResolveError;
pub use router::{Match, MatchError, Params, Router};
pub use scope::{Scope, ScopeStatus};
pub use scopewise_model::suggest;
pub use scopewise_model::template::TemplateError;
pub use scopewise_model::wording;
pub use webhook::Webhook;

/// A compile-time checked reference to an endpoint: `endpoint!(GET "/contacts/{contactId}")`.
///
/// Expands to a `&'static` [`Endpoint`] of the provider's catalog (HighLevel unless named:
/// `endpoint!(highlevel: GET "/contacts")`). The template follows the catalog's grammar and
/// ignores parameter names, like [`Catalog::endpoint`]. An unknown endpoint is a compile error
/// on the literal, listing up to three close matches.
///
/// ```
/// use scopewise::endpoint;
///
/// let a = endpoint!(GET "/contacts/{contactId}");
/// let b = endpoint!(highlevel: get "/contacts/:id");
/// assert_eq!(a, b);
/// const C: &scopewise::Endpoint = endpoint!(GET "/contacts/{contactId}");
/// assert_eq!(C, a);
/// ```
pub use scopewise_macros::endpoint;

/// A compile-time checked reference to a scope: `scope!("contacts.readonly")`.
///
/// Expands to a `&'static` [`Scope`] of the provider's catalog (HighLevel unless named:
/// `scope!(highlevel: "contacts.readonly")`). Names are exact; one of the scope's
/// [`Scope::spellings`] also finds it. An unknown scope is a compile error on the literal,
/// listing up to three close matches.
///
/// `scope!(sfmc: "email_read")` expands to a `&'static` [`sfmc::Token`] instead, undocumented
/// tokens included (`scope!(sfmc: "tags_read")`). The name is exact, as OAuth compares it; an
/// unknown token is a compile error that says which token a display name means
/// (`"Email Read"`), which levels a group has (`"ott_chat_messaging_write"`), or lists up to
/// three close tokens.
///
/// ```
/// let s = scopewise::scope!("contacts.readonly");
/// assert_eq!(s.name(), "contacts.readonly");
/// assert_eq!(scopewise::scope!(highlevel: "contacts.readonly"), s);
///
/// const SEND: &scopewise::sfmc::Token = scopewise::scope!(sfmc: "email_send");
/// assert_eq!(SEND.display_name(), Some("Email Send"));
/// ```
pub use scopewise_macros::scope;

/// A compile-time checked reference to a webhook event: `webhook!("ContactCreate")`.
///
/// Expands to a `&'static` [`Webhook`] of the provider's catalog (HighLevel unless named:
/// `webhook!(highlevel: "ContactCreate")`). An unknown event is a compile error on the
/// literal, listing up to three close matches.
///
/// ```
/// let w = scopewise::webhook!("ContactCreate");
/// assert_eq!(w.event(), "ContactCreate");
/// assert!(w.scopes().contains(&scopewise::scope!("contacts.readonly")));
/// ```
pub use scopewise_macros::webhook;

/// Compiles a provider's dataset into a [`Catalog`] value, for a `static` item.
///
/// `include_catalog!("highlevel")` reads `data/highlevel/catalog.yaml` and `legacy.yaml` of
/// the scopewise repository; `path = "dir"` reads the two files from another directory
/// instead (relative to the repository root, or absolute), which is how tests compile small
/// fixtures. The build depends on the files: editing them rebuilds the tables. A malformed
/// dataset is a compile error naming the file, the entry and the field.
///
/// `include_catalog!("sfmc")` (optionally with `path = "dir"`) reads `catalog.yaml` of the
/// SFMC schema instead and gives a [`sfmc::Catalog`].
///
/// `include_catalog!(openapi = "spec.yaml")` compiles your own OpenAPI 3.0/3.1 spec (JSON or
/// YAML; the path is relative to the invoking file, as for `include_str!`) by the same rule
/// as `scopewise --spec`. `endpoint!` and `scope!` check names against it when told which
/// spec and which static: `scope!(openapi = "spec.yaml" in PETS: "pets.read")`. A spec that
/// cannot be read, or a requirement needing several scopes together, is a compile error
/// naming the spec and its line.
///
/// ```
/// static FIXTURE: scopewise::Catalog = scopewise::include_catalog!(
///     "highlevel",
///     path = "crates/scopewise-macros/tests/fixtures/basic",
/// );
/// assert_eq!(FIXTURE.endpoints().len(), 7);
/// assert!(FIXTURE.endpoint(scopewise::Method::Post, "/locations").is_some());
///
/// static SFMC: scopewise::sfmc::Catalog = scopewise::include_catalog!("sfmc", path = "data/sfmc");
/// assert_eq!(SFMC.fingerprint(), scopewise::sfmc::CATALOG.fingerprint());
/// ```
///
/// Your own spec (here the repository's example, relative to this file, `src/lib.rs`):
///
/// ```
/// static PETS: scopewise::Catalog =
///     scopewise::include_catalog!(openapi = "../../../examples/spec/petstore.yaml");
/// let read = scopewise::scope!(openapi = "../../../examples/spec/petstore.yaml" in PETS: "pets.read");
/// assert_eq!(read.name(), "pets.read");
/// assert!(PETS.endpoint(scopewise::Method::Get, "/v2/pets").unwrap().scopes().contains(&read));
/// ```
pub use scopewise_macros::include_catalog;

// The README's example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

fn truncate(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Debug-prints a list of records by name, never following their references (which cycle).
struct Names<T: 'static> {
    items: &'static [&'static T],
    name: fn(&T) -> &'static str,
}

impl<T> core::fmt::Debug for Names<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(self.items.iter().map(|item| (self.name)(item)))
            .finish()
    }
}

fn names<T>(items: &'static [&'static T], name: fn(&T) -> &'static str) -> Names<T> {
    Names { items, name }
}

/// Not public API: what the macros' expansions refer to. It may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use phf;
    pub use scopewise_model::route_table::{NONE as ROUTE_NONE, RouteNode, RouteSlot};

    /// What `include_catalog!("sfmc")` and `scope!(sfmc: ..)` expand to.
    pub mod sfmc {
        pub use crate::sfmc::parts::*;
    }

    use crate::{
        AccessSet, Auth, Catalog, Endpoint, Legacy, Method, Provenance, Scope, ScopeStatus, Source,
        Webhook,
    };

    /// The fields of an [`Endpoint`].
    #[derive(Debug)]
    pub struct EndpointParts {
        pub index: u16,
        pub method: Method,
        pub template: &'static str,
        pub key: &'static str,
        pub scopes: &'static [&'static Scope],
        pub access: AccessSet,
        pub webhooks: &'static [&'static Webhook],
        pub provenance: &'static [Provenance],
        pub title: Option<&'static str>,
        pub version: Option<&'static str>,
        pub oauth_access: AccessSet,
        pub private_integration_access: AccessSet,
        pub reference_line: Option<u32>,
        pub deprecated: bool,
        pub auth: Auth,
        pub versions: &'static [&'static str],
        pub v3_only: bool,
        pub replacement: Option<&'static str>,
    }

    /// A scope's references back to the records it grants. A generated catalog knows them
    /// when it is compiled (`Static`); a catalog built at run time sets them once its
    /// endpoints and webhooks exist (`Late`), since records refer to each other.
    #[derive(Debug)]
    pub enum Links<T: 'static> {
        /// Known at compile time.
        Static(&'static [&'static T]),
        /// Set once, after the records exist; empty until then.
        Late(&'static std::sync::OnceLock<&'static [&'static T]>),
    }

    impl<T> Links<T> {
        /// The records.
        pub fn get(&self) -> &'static [&'static T] {
            match self {
                Links::Static(records) => records,
                Links::Late(cell) => cell.get().copied().unwrap_or(&[]),
            }
        }
    }

    /// The fields of a [`Scope`].
    #[derive(Debug)]
    pub struct ScopeParts {
        pub index: u16,
        pub name: &'static str,
        pub status: ScopeStatus,
        pub access: AccessSet,
        pub endpoints: Links<Endpoint>,
        pub webhooks: Links<Webhook>,
        pub spellings: &'static [&'static str],
        pub provenance: &'static [Provenance],
    }

    /// The fields of a [`Webhook`].
    #[derive(Debug)]
    pub struct WebhookParts {
        pub index: u16,
        pub event: &'static str,
        pub scopes: &'static [&'static Scope],
        pub access: AccessSet,
        pub provenance: &'static [Provenance],
    }

    /// The fields of a [`Catalog`].
    #[derive(Debug)]
    pub struct CatalogParts {
        pub provider: &'static str,
        pub api_host: &'static str,
        pub token_types: AccessSet,
        pub fingerprint: &'static str,
        pub sources: &'static [Source],
        pub endpoints: &'static [Endpoint],
        pub scopes: &'static [Scope],
        pub webhooks: &'static [Webhook],
        pub endpoint_keys: &'static phf::Map<&'static str, u16>,
        pub scope_names: &'static phf::Map<&'static str, u16>,
        pub webhook_events: &'static phf::Map<&'static str, u16>,
        pub legacy: Legacy,
        pub user_permission_scopes: &'static [&'static str],
        pub router: crate::Router,
    }

    /// The endpoint at `index`, which must have lookup key `key`.
    ///
    /// `endpoint!` calls this in a `const` block with the index and key it found in the YAML,
    /// so a catalog compiled from other data than the macro read fails the build instead of
    /// naming the wrong endpoint.
    pub const fn endpoint_checked(
        catalog: &'static Catalog,
        index: usize,
        key: &str,
    ) -> &'static Endpoint {
        let endpoints = catalog.endpoints();
        if index >= endpoints.len() || !str_eq(endpoints[index].key(), key) {
            panic!("scopewise: the catalog differs from the dataset `endpoint!` read; rebuild");
        }
        &endpoints[index]
    }

    /// The scope at `index`, which must be named `name`; see [`endpoint_checked`].
    pub const fn scope_checked(
        catalog: &'static Catalog,
        index: usize,
        name: &str,
    ) -> &'static Scope {
        let scopes = catalog.scopes();
        if index >= scopes.len() || !str_eq(scopes[index].name(), name) {
            panic!("scopewise: the catalog differs from the dataset `scope!` read; rebuild");
        }
        &scopes[index]
    }

    /// The webhook at `index`, which must be the event `event`; see [`endpoint_checked`].
    pub const fn webhook_checked(
        catalog: &'static Catalog,
        index: usize,
        event: &str,
    ) -> &'static Webhook {
        let webhooks = catalog.webhooks();
        if index >= webhooks.len() || !str_eq(webhooks[index].event(), event) {
            panic!("scopewise: the catalog differs from the dataset `webhook!` read; rebuild");
        }
        &webhooks[index]
    }

    /// `a == b` in a `const fn`: how every `*_checked` compares the name the macro read.
    pub const fn str_eq(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
}
