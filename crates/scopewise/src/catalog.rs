//! A provider's catalog: the static tables and their perfect-hash lookups.

use core::fmt;

use scopewise_model::template::{KeyBuf, TemplateError, write_lookup_key};

use crate::{AccessSet, Endpoint, Legacy, Method, ParseMethodError, Scope, Source, Webhook};

/// Everything scopewise knows about one provider, compiled into static tables.
///
/// Built at compile time by [`include_catalog!`](crate::include_catalog) from
/// `data/<provider>/catalog.yaml` and `legacy.yaml`; nothing is parsed, hashed or allocated
/// at run time. Slices are in the dataset file's order, which is stable.
///
/// ```
/// use scopewise::{highlevel::CATALOG, Method};
///
/// let e = CATALOG.endpoint(Method::Get, "/contacts/:id/tasks").unwrap();
/// assert_eq!(e.template(), "/contacts/{contactId}/tasks");
/// assert_eq!(CATALOG.provider(), "highlevel");
/// ```
pub struct Catalog {
    parts: crate::__private::CatalogParts,
}

impl Catalog {
    #[doc(hidden)]
    pub const fn __new(parts: crate::__private::CatalogParts) -> Catalog {
        Catalog { parts }
    }

    /// This catalog's [`Router`](crate::Router): static tables built when the catalog was compiled, so
    /// nothing is built, allocated or locked at run time.
    ///
    /// ```
    /// let router = scopewise::highlevel::CATALOG.router();
    /// let m = router.find(scopewise::Method::Get, "/calendars/events").unwrap();
    /// assert_eq!(m.endpoint().template(), "/calendars/events");
    /// ```
    pub const fn router(&self) -> &crate::Router {
        &self.parts.router
    }

    /// The provider's short name, e.g. `highlevel`.
    ///
    /// ```
    /// assert_eq!(scopewise::highlevel::CATALOG.provider(), "highlevel");
    /// ```
    pub const fn provider(&self) -> &'static str {
        self.parts.provider
    }

    /// The host the provider's REST API is served from.
    ///
    /// ```
    /// assert_eq!(scopewise::highlevel::CATALOG.api_host(), "services.leadconnectorhq.com");
    /// ```
    pub const fn api_host(&self) -> &'static str {
        self.parts.api_host
    }

    /// The types of token the provider distinguishes: HighLevel's sub-account and agency
    /// tokens. Empty for a provider whose tokens all work alike; then
    /// [`precheck`](Catalog::precheck) does not compare token types, and every endpoint's
    /// [`access`](crate::Endpoint::access) is empty.
    ///
    /// ```
    /// use scopewise::{Access, highlevel::CATALOG};
    /// assert!(CATALOG.token_types().contains(Access::Agency));
    /// assert!(CATALOG.token_types().contains(Access::SubAccount));
    /// ```
    pub const fn token_types(&self) -> AccessSet {
        self.parts.token_types
    }

    /// A digest of the source documents: which data this build knows.
    ///
    /// ```
    /// assert!(!scopewise::highlevel::CATALOG.fingerprint().is_empty());
    /// ```
    pub const fn fingerprint(&self) -> &'static str {
        self.parts.fingerprint
    }

    /// The vendor documents the catalog was built from.
    ///
    /// ```
    /// assert!(!scopewise::highlevel::CATALOG.sources().is_empty());
    /// ```
    pub const fn sources(&self) -> &'static [Source] {
        self.parts.sources
    }

    /// The source document with [`Source::id`] `id`, if any.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let id = catalog.sources()[0].id;
    /// assert_eq!(catalog.source(id).map(|s| s.id), Some(id));
    /// ```
    pub fn source(&self, id: &str) -> Option<&'static Source> {
        self.parts.sources.iter().find(|s| s.id == id)
    }

    /// Every endpoint, in the dataset's order; [`Endpoint::index`] is the position here.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// for (i, e) in catalog.endpoints().iter().enumerate() {
    ///     assert_eq!(e.index(), i);
    /// }
    /// ```
    pub const fn endpoints(&self) -> &'static [Endpoint] {
        self.parts.endpoints
    }

    /// Every scope, in the dataset's order; [`Scope::index`] is the position here.
    ///
    /// ```
    /// assert!(scopewise::highlevel::CATALOG.scopes().iter().any(|s| s.name() == "contacts.readonly"));
    /// ```
    pub const fn scopes(&self) -> &'static [Scope] {
        self.parts.scopes
    }

    /// Every webhook event, in the dataset's order; [`Webhook::index`] is the position here.
    ///
    /// ```
    /// assert!(scopewise::highlevel::CATALOG.webhooks().iter().any(|w| w.event() == "ContactCreate"));
    /// ```
    pub const fn webhooks(&self) -> &'static [Webhook] {
        self.parts.webhooks
    }

    /// The endpoint `method` + `template`, ignoring parameter names and one trailing slash.
    ///
    /// `template` may write parameters as `{name}` or `:name`; it is normalized with the same
    /// code that built the table's keys, into a stack buffer (no allocation). An invalid
    /// template finds nothing; use [`Catalog::lookup`] to learn why.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Method};
    ///
    /// let a = CATALOG.endpoint(Method::Get, "/contacts/{contactId}/tasks");
    /// let b = CATALOG.endpoint(Method::Get, "/contacts/:id/tasks/");
    /// assert!(a.is_some() && a == b);
    /// assert!(CATALOG.endpoint(Method::Get, "/no/such/endpoint").is_none());
    /// assert!(CATALOG.endpoint(Method::Get, "contacts").is_none());
    /// ```
    #[inline]
    pub fn endpoint(&self, method: Method, template: &str) -> Option<&'static Endpoint> {
        let mut key = KeyBuf::new();
        write_lookup_key(method.as_str(), template, &mut key).ok()?;
        self.endpoint_by_key(key.as_str())
    }

    /// Like [`Catalog::endpoint`], with the method as text (any case) and an error that says
    /// what was wrong.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, LookupError};
    ///
    /// assert_eq!(CATALOG.lookup("get", "/contacts/{x}").unwrap().template(), "/contacts/{contactId}");
    /// assert!(matches!(CATALOG.lookup("TRACE", "/contacts"), Err(LookupError::Method(_))));
    /// assert!(matches!(CATALOG.lookup("GET", "/a//b"), Err(LookupError::Template { .. })));
    /// assert_eq!(
    ///     CATALOG.lookup("GET", "/nope").unwrap_err().to_string(),
    ///     "no endpoint `GET /nope` in the highlevel catalog"
    /// );
    /// ```
    pub fn lookup(&self, method: &str, template: &str) -> Result<&'static Endpoint, LookupError> {
        let method = Method::parse(method)?;
        let mut key = KeyBuf::new();
        write_lookup_key(method.as_str(), template, &mut key).map_err(|error| {
            LookupError::Template {
                template: crate::truncate(template, 128).to_owned(),
                error,
            }
        })?;
        self.endpoint_by_key(key.as_str())
            .ok_or_else(|| LookupError::NotFound {
                provider: self.parts.provider,
                method,
                template: crate::truncate(template, 128).to_owned(),
            })
    }

    /// The endpoint whose lookup key is exactly `key` (`GET /contacts/{}`), skipping
    /// normalization; for callers that already hold a key, such as a router.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let e = catalog.endpoint_by_key("GET /contacts/{}").unwrap();
    /// assert_eq!(e.key(), "GET /contacts/{}");
    /// assert!(catalog.endpoint_by_key("GET /contacts/{contactId}").is_none());
    /// ```
    #[inline]
    pub fn endpoint_by_key(&self, key: &str) -> Option<&'static Endpoint> {
        let index = *self.parts.endpoint_keys.get(key)?;
        self.parts.endpoints.get(usize::from(index))
    }

    /// The scope named `name` (exact, case-sensitive, as OAuth compares scopes), also found by
    /// any of its [`Scope::spellings`].
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// assert_eq!(catalog.scope("contacts.readonly").unwrap().name(), "contacts.readonly");
    /// assert!(catalog.scope("contact.readonly").is_none());
    /// ```
    #[inline]
    pub fn scope(&self, name: &str) -> Option<&'static Scope> {
        let index = *self.parts.scope_names.get(name)?;
        self.parts.scopes.get(usize::from(index))
    }

    /// The webhook event named `event` (exact).
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// assert_eq!(catalog.webhook("ContactCreate").unwrap().event(), "ContactCreate");
    /// assert!(catalog.webhook("contactcreate").is_none());
    /// ```
    #[inline]
    pub fn webhook(&self, event: &str) -> Option<&'static Webhook> {
        let index = *self.parts.webhook_events.get(event)?;
        self.parts.webhooks.get(usize::from(index))
    }

    /// The legacy (v1) table and what changed from it.
    ///
    /// ```
    /// let legacy = scopewise::highlevel::CATALOG.legacy();
    /// assert!(!legacy.source.id.is_empty());
    /// ```
    pub const fn legacy(&self) -> &Legacy {
        &self.parts.legacy
    }

    /// The users' permission-scope vocabulary (the `scopes` a user is given inside the
    /// product, from the Users API reference), sorted and distinct.
    ///
    /// These are not OAuth scopes: an app never requests them. Many look like OAuth scopes
    /// (`contacts.write`), others do not exist as OAuth scopes at all, which is what a
    /// "did you mean" needs to tell the two apart.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let vocabulary = catalog.user_permission_scopes();
    /// assert!(vocabulary.contains(&"users/team-management.readonly"));
    /// assert!(catalog.scope("users/team-management.readonly").is_none());
    /// assert!(vocabulary.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub const fn user_permission_scopes(&self) -> &'static [&'static str] {
        self.parts.user_permission_scopes
    }
}

impl fmt::Debug for Catalog {
    // The tables are large; print what identifies the catalog and how big it is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("provider", &self.parts.provider)
            .field("api_host", &self.parts.api_host)
            .field("token_types", &self.parts.token_types)
            .field("fingerprint", &self.parts.fingerprint)
            .field("endpoints", &self.parts.endpoints.len())
            .field("scopes", &self.parts.scopes.len())
            .field("webhooks", &self.parts.webhooks.len())
            .finish_non_exhaustive()
    }
}

/// Why [`Catalog::lookup`] found no endpoint.
///
/// ```
/// let err = scopewise::highlevel::CATALOG.lookup("GET", "/a b").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid endpoint template `/a b`: character ' ' at byte 2 is not allowed in a path segment"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// The method is not one the catalogs know.
    #[error(transparent)]
    Method(#[from] ParseMethodError),
    /// The template does not follow the template grammar.
    #[error("invalid endpoint template `{template}`: {error}")]
    Template {
        /// The template (its first 128 bytes at most).
        template: String,
        /// What is wrong with it.
        #[source]
        error: TemplateError,
    },
    /// The template is valid but the catalog has no such endpoint.
    #[error("no endpoint `{method} {template}` in the {provider} catalog")]
    NotFound {
        /// The catalog's provider.
        provider: &'static str,
        /// The method asked for.
        method: Method,
        /// The template asked for (its first 128 bytes at most).
        template: String,
    },
}
