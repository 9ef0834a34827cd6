//! Endpoints: a method and a path template, and the scopes that grant them.

use core::fmt;

use crate::{AccessSet, Method, Provenance, Scope, Webhook};

/// What a call of an endpoint needs besides one of its [`Endpoint::scopes`].
///
/// ```
/// use scopewise::Auth;
/// assert_eq!(scopewise::endpoint!(POST "/oauth/token").auth(), Auth::None);
/// assert_eq!(scopewise::endpoint!(POST "/contacts/upsert").auth(), Auth::Scopes);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Auth {
    /// A token with one of the endpoint's scopes. With no scope listed, the scope is
    /// undocumented ([`Endpoint::scope_documented`] is `false`).
    Scopes,
    /// Nothing: no token and no scope (the vendor's OpenAPI spec declares no security, as for
    /// `POST /oauth/token`).
    None,
    /// A token of an accepted type; no source states a scope (the spec names a security
    /// scheme with no scope).
    Token,
}

impl Auth {
    /// The dataset's spelling: `scopes`, `none` or `token`.
    ///
    /// ```
    /// assert_eq!(scopewise::Auth::Token.as_str(), "token");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Auth::Scopes => "scopes",
            Auth::None => "none",
            Auth::Token => "token",
        }
    }
}

/// One REST endpoint of a catalog: `GET /contacts/{contactId}`.
///
/// Endpoints live in the catalog's static table; every reference to one is `&'static`.
/// Two endpoints are equal only if they are the same table entry.
///
/// ```
/// use scopewise::{endpoint, Access, Method};
///
/// let e = endpoint!(GET "/contacts/{contactId}");
/// assert_eq!(e.method(), Method::Get);
/// assert_eq!(e.template(), "/contacts/{contactId}");
/// assert!(e.scopes().iter().any(|s| s.name() == "contacts.readonly"));
/// assert!(e.access().contains(Access::SubAccount));
/// assert_eq!(e.to_string(), "GET /contacts/{contactId}");
/// ```
pub struct Endpoint {
    parts: crate::__private::EndpointParts,
}

impl Endpoint {
    #[doc(hidden)]
    pub const fn __new(parts: crate::__private::EndpointParts) -> Endpoint {
        Endpoint { parts }
    }

    /// The position of this endpoint in [`Catalog::endpoints`](crate::Catalog::endpoints),
    /// which is the order of the dataset file.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let e = scopewise::endpoint!(GET "/contacts/{contactId}");
    /// assert!(std::ptr::eq(&catalog.endpoints()[e.index()], e));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The HTTP method.
    ///
    /// ```
    /// assert_eq!(scopewise::endpoint!(POST "/contacts").method(), scopewise::Method::Post);
    /// ```
    pub const fn method(&self) -> Method {
        self.parts.method
    }

    /// The canonical template: leading slash, no trailing slash, `{name}` parameters.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/contacts/:id/tasks/");
    /// assert_eq!(e.template(), "/contacts/{contactId}/tasks");
    /// ```
    pub const fn template(&self) -> &'static str {
        self.parts.template
    }

    /// The parameter-blind lookup key the catalog's map is keyed by: `GET /contacts/{}`.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/contacts/{contactId}");
    /// assert_eq!(e.key(), "GET /contacts/{}");
    /// ```
    pub const fn key(&self) -> &'static str {
        self.parts.key
    }

    /// The scopes that grant this endpoint: any one of them is enough. Dataset order.
    ///
    /// ```
    /// let e = scopewise::endpoint!(POST "/contacts");
    /// assert!(e.scopes().iter().any(|s| s.name() == "contacts.write"));
    /// ```
    pub const fn scopes(&self) -> &'static [&'static Scope] {
        self.parts.scopes
    }

    /// Whether `scope` (by name, exact) is one of the scopes that grant this endpoint.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/contacts/{contactId}");
    /// assert!(e.is_granted_by("contacts.readonly"));
    /// assert!(!e.is_granted_by("contacts.write"));
    /// ```
    pub fn is_granted_by(&self, scope: &str) -> bool {
        self.parts.scopes.iter().any(|s| s.name() == scope)
    }

    /// The token types that may call this endpoint.
    ///
    /// ```
    /// use scopewise::Access;
    /// let e = scopewise::endpoint!(POST "/locations");
    /// assert!(e.access().contains(Access::Agency));
    /// ```
    pub const fn access(&self) -> AccessSet {
        self.parts.access
    }

    /// The webhook events that the scopes of this endpoint also grant, in catalog order.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/contacts/{contactId}");
    /// assert!(e.webhooks().iter().any(|w| w.event() == "ContactCreate"));
    /// ```
    pub const fn webhooks(&self) -> &'static [&'static Webhook] {
        self.parts.webhooks
    }

    /// Every source row that lists this endpoint.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/contacts/{contactId}");
    /// assert!(!e.provenance().is_empty());
    /// ```
    pub const fn provenance(&self) -> &'static [Provenance] {
        self.parts.provenance
    }

    /// Whether the sources document what a call of this endpoint needs: a scope (from a
    /// table or an OpenAPI spec), no scope at all ([`Auth::None`]), or a token whose scope no
    /// source states ([`Auth::Token`]).
    ///
    /// `false` for an endpoint known only from the API reference: [`scopes`](Self::scopes) is
    /// empty because no source names a scope, not because none is needed. scopewise never
    /// guesses one.
    ///
    /// ```
    /// let documented = scopewise::endpoint!(POST "/contacts/search");
    /// assert!(documented.scope_documented());
    /// assert!(scopewise::endpoint!(POST "/oauth/token").scope_documented());
    /// let undocumented = scopewise::highlevel::CATALOG
    ///     .endpoints()
    ///     .iter()
    ///     .find(|e| !e.scope_documented())
    ///     .unwrap();
    /// assert!(undocumented.scopes().is_empty());
    /// ```
    pub const fn scope_documented(&self) -> bool {
        !self.parts.scopes.is_empty() || !matches!(self.parts.auth, Auth::Scopes)
    }

    /// What a call needs besides one of the [`scopes`](Self::scopes).
    pub const fn auth(&self) -> Auth {
        self.parts.auth
    }

    /// Whether a call needs no scope: no security at all, or a token whose scope no source
    /// states.
    ///
    /// ```
    /// assert!(scopewise::endpoint!(POST "/oauth/token").needs_no_scope());
    /// assert!(!scopewise::endpoint!(POST "/contacts/upsert").needs_no_scope());
    /// ```
    pub const fn needs_no_scope(&self) -> bool {
        !matches!(self.parts.auth, Auth::Scopes)
    }

    /// The `Version` header values the vendor's OpenAPI specs accept for this endpoint
    /// (`2021-07-28`, `v3`, ...), sorted; empty when no spec states them (or one spec that
    /// lists the endpoint declares no `Version` header).
    ///
    /// ```
    /// let e = scopewise::endpoint!(POST "/contacts/upsert");
    /// assert_eq!(e.versions(), ["2021-07-28", "v3"]);
    /// ```
    pub const fn versions(&self) -> &'static [&'static str] {
        self.parts.versions
    }

    /// Whether the endpoint exists only under the `v3` contract (`x-version-added: v3`, or
    /// listed only by the v3 specs).
    pub const fn v3_only(&self) -> bool {
        self.parts.v3_only
    }

    /// For a deprecated endpoint, the replacement the spec names (`GET /users/search`), if
    /// it names one.
    ///
    /// ```
    /// let e = scopewise::endpoint!(GET "/users/");
    /// assert!(e.deprecated());
    /// assert_eq!(e.replacement(), Some("GET /users/search"));
    /// ```
    pub const fn replacement(&self) -> Option<&'static str> {
        self.parts.replacement
    }

    /// The operation's name on its API reference page, e.g. `Create Opportunity`; `None` when
    /// the reference has no page for it or the capture lost the title.
    ///
    /// ```
    /// assert_eq!(scopewise::endpoint!(POST "/opportunities").title(), Some("Create Opportunity"));
    /// ```
    pub const fn title(&self) -> Option<&'static str> {
        self.parts.title
    }

    /// The `Version` header value the API reference requires, e.g. `2021-07-28`; `None` when
    /// the reference has no page for it or the page does not state one.
    ///
    /// ```
    /// assert_eq!(scopewise::endpoint!(GET "/contacts/{contactId}").version(), Some("2021-07-28"));
    /// assert_eq!(scopewise::endpoint!(GET "/calendars/{calendarId}").version(), Some("2021-04-15"));
    /// ```
    pub const fn version(&self) -> Option<&'static str> {
        self.parts.version
    }

    /// The token types whose OAuth access token the API reference page accepts; empty when the
    /// reference has no page for it or the page does not say.
    ///
    /// [`access`](Self::access) is what the dataset holds authoritative: the scope table's
    /// access type when a table lists the endpoint (it wins where the two differ; the dataset's
    /// anomaly report lists each difference), and this set when only the reference does.
    ///
    /// ```
    /// use scopewise::Access;
    ///
    /// // The reference accepts agency tokens for invoices; the scope table says sub-account.
    /// let e = scopewise::endpoint!(POST "/invoices");
    /// assert!(e.oauth_access().contains(Access::Agency));
    /// assert!(!e.access().contains(Access::Agency));
    /// ```
    pub const fn oauth_access(&self) -> AccessSet {
        self.parts.oauth_access
    }

    /// The token types whose Private Integration Token the API reference page accepts.
    ///
    /// ```
    /// use scopewise::Access;
    ///
    /// let e = scopewise::endpoint!(POST "/invoices");
    /// assert!(e.private_integration_access().contains(Access::SubAccount));
    /// assert!(!e.private_integration_access().contains(Access::Agency));
    /// ```
    pub const fn private_integration_access(&self) -> AccessSet {
        self.parts.private_integration_access
    }

    /// Whether a Private Integration Token (of at least one token type) may call this
    /// endpoint, according to its API reference page; `false` when there is no page.
    ///
    /// ```
    /// assert!(scopewise::endpoint!(GET "/contacts/{contactId}").private_integration());
    /// // The page for listing files names sub-account OAuth tokens only.
    /// assert!(!scopewise::endpoint!(GET "/medias/files").private_integration());
    /// ```
    pub const fn private_integration(&self) -> bool {
        !self.parts.private_integration_access.is_empty()
    }

    /// The 1-based line of this endpoint's request line in the API reference source
    /// (`api-reference` in [`Catalog::sources`](crate::Catalog::sources)); `None` when the
    /// reference has no page for it.
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let e = scopewise::endpoint!(POST "/opportunities");
    /// assert_eq!(e.reference_line(), Some(13523));
    /// assert!(catalog.source("api-reference").is_some());
    /// ```
    pub const fn reference_line(&self) -> Option<u32> {
        self.parts.reference_line
    }

    /// Whether the endpoint is deprecated: a `Deprecated` badge on its API reference page, or
    /// `deprecated: true` in an OpenAPI spec.
    ///
    /// ```
    /// assert!(scopewise::endpoint!(GET "/contacts").deprecated());
    /// assert!(!scopewise::endpoint!(POST "/contacts").deprecated());
    /// ```
    pub const fn deprecated(&self) -> bool {
        self.parts.deprecated
    }
}

impl PartialEq for Endpoint {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Endpoint {}

impl fmt::Display for Endpoint {
    /// `METHOD /template`, as the scope tables write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.parts.method, self.parts.template)
    }
}

impl fmt::Debug for Endpoint {
    // Records refer to each other in cycles; print names, never the records behind them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("index", &self.parts.index)
            .field("method", &self.parts.method)
            .field("template", &self.parts.template)
            .field("scopes", &crate::names(self.parts.scopes, Scope::name))
            .field("access", &self.parts.access)
            .field(
                "webhooks",
                &crate::names(self.parts.webhooks, Webhook::event),
            )
            .field("provenance", &self.parts.provenance)
            .field("title", &self.parts.title)
            .field("version", &self.parts.version)
            .field("oauth_access", &self.parts.oauth_access)
            .field(
                "private_integration_access",
                &self.parts.private_integration_access,
            )
            .field("reference_line", &self.parts.reference_line)
            .field("deprecated", &self.parts.deprecated)
            .finish()
    }
}
