//! Pre-checking a request against the scopes and type of the token that will carry it.

use core::fmt;

use crate::{
    Access, AccessSet, Auth, Catalog, EncodedSlashes, Endpoint, MatchError, Method, RequestTarget,
    Scope,
};

/// The scopes a token was granted, parsed from the `scope` string of a token response.
///
/// OAuth separates scopes with spaces; repeated spaces and tabs are tolerated. Names are
/// compared exactly (case-sensitive, as OAuth does): only a scope's [`Scope::name`] grants
/// it, not one of its documentation [`Scope::spellings`]. Names the catalog does not know are
/// kept (see [`GrantedScopes::unknown`]) and grant nothing.
///
/// ```
/// use scopewise::{highlevel::CATALOG, scope, GrantedScopes};
///
/// let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly  contacts.write\tfoo.bar");
/// assert!(granted.contains(scope!("contacts.readonly")));
/// assert!(!granted.contains(scope!("locations.readonly")));
/// assert_eq!(granted.unknown(), ["foo.bar"]);
/// ```
#[derive(Clone)]
pub struct GrantedScopes {
    /// The catalog's scope table, to recognize its scopes and only its scopes.
    table: &'static [Scope],
    /// Bit `i` set when the scope at index `i` is granted.
    bits: Vec<u64>,
    granted: Vec<&'static Scope>,
    unknown: Vec<String>,
}

impl GrantedScopes {
    /// Parses a space-separated scope string against `catalog`.
    ///
    /// ```
    /// let g = scopewise::GrantedScopes::parse(&scopewise::highlevel::CATALOG, "");
    /// assert!(g.is_empty());
    /// ```
    pub fn parse(catalog: &Catalog, scope: &str) -> GrantedScopes {
        let table = catalog.scopes();
        let mut out = GrantedScopes {
            table,
            bits: vec![0; table.len().div_ceil(64)],
            granted: Vec::new(),
            unknown: Vec::new(),
        };
        // Unknown names already kept, to keep each once: scanning `unknown` for every name was
        // quadratic in the number of distinct unknown names.
        let mut seen = std::collections::HashSet::new();
        for name in scope.split([' ', '\t']).filter(|n| !n.is_empty()) {
            match catalog.scope(name).filter(|s| s.name() == name) {
                Some(s) => {
                    let (word, bit) = (s.index() / 64, s.index() % 64);
                    if out.bits[word] & (1 << bit) == 0 {
                        out.bits[word] |= 1 << bit;
                        out.granted.push(s);
                    }
                }
                None if seen.insert(name) => {
                    out.unknown.push(name.to_owned());
                }
                None => {}
            }
        }
        out.granted.sort_by_key(|s| s.index());
        out
    }

    /// Whether `scope`, a scope of the catalog these were parsed against, was granted.
    /// A scope of another catalog is never contained.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, scope, GrantedScopes};
    /// assert!(GrantedScopes::parse(&CATALOG, "users.readonly").contains(scope!("users.readonly")));
    /// ```
    #[inline]
    pub fn contains(&self, scope: &Scope) -> bool {
        let i = scope.index();
        self.table.get(i).is_some_and(|s| core::ptr::eq(s, scope))
            && self
                .bits
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether any of `scopes` was granted.
    ///
    /// ```
    /// use scopewise::{endpoint, highlevel::CATALOG, GrantedScopes};
    /// let g = GrantedScopes::parse(&CATALOG, "contacts.readonly");
    /// assert!(g.grants_any(endpoint!(GET "/contacts/{contactId}").scopes()));
    /// ```
    #[inline]
    pub fn grants_any(&self, scopes: &[&Scope]) -> bool {
        scopes.iter().any(|s| self.contains(s))
    }

    /// The granted scopes the catalog knows, in catalog order, without repeats.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, GrantedScopes};
    /// let g = GrantedScopes::parse(&CATALOG, "contacts.write contacts.readonly contacts.write");
    /// assert_eq!(g.scopes().len(), 2);
    /// ```
    pub fn scopes(&self) -> &[&'static Scope] {
        &self.granted
    }

    /// The granted names the catalog does not know, in input order, without repeats.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, GrantedScopes};
    /// // Exact names only: a documented alternative spelling is not the scope.
    /// let g = GrantedScopes::parse(&CATALOG, "adPublishing.readOnly");
    /// assert_eq!(g.unknown(), ["adPublishing.readOnly"]);
    /// ```
    pub fn unknown(&self) -> &[String] {
        &self.unknown
    }

    /// Whether no known scope was granted.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, GrantedScopes};
    /// assert!(GrantedScopes::parse(&CATALOG, "nope").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.granted.is_empty()
    }

    fn is_for(&self, catalog: &Catalog) -> bool {
        core::ptr::eq(self.table, catalog.scopes())
    }
}

impl fmt::Debug for GrantedScopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GrantedScopes")
            .field(
                "scopes",
                &self.granted.iter().map(|s| s.name()).collect::<Vec<_>>(),
            )
            .field("unknown", &self.unknown)
            .finish()
    }
}

/// Why [`Catalog::precheck`] denied a request. Each variant says what is wrong and what
/// would be right.
///
/// ```
/// use scopewise::{highlevel::CATALOG, Access, Denial, GrantedScopes};
///
/// let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
/// let denial = CATALOG
///     .precheck(&granted, Access::SubAccount, "POST", "/contacts")
///     .unwrap_err();
/// assert_eq!(
///     denial.to_string(),
///     "POST /contacts needs one of the scopes [contacts.write]; the token has none of them"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// The method or target is invalid, or ambiguous ([`MatchError::CaseVariant`]). Never
    /// holds [`MatchError::NotFound`], which is [`Denial::UnknownEndpoint`].
    #[error("{0}")]
    InvalidRequest(MatchError),
    /// No endpoint of the catalog has this method and path. Unknown is denied, not allowed.
    ///
    /// The endpoints that look most like the request are ranked only when asked for
    /// ([`Denial::nearest`], and the message), so that denying is as cheap as allowing.
    #[error("{}", unknown_message(.method, .path, &.known.nearest(*.method, .path)))]
    UnknownEndpoint {
        /// The request's method.
        method: Method,
        /// The request's path (its first 128 bytes at most).
        path: String,
        /// The catalog's endpoints, where [`Denial::nearest`] looks.
        known: KnownEndpoints,
    },
    /// The endpoint exists but not for this token type.
    #[error("{endpoint} is not available to {token} tokens; it allows: {allowed}")]
    WrongTokenType {
        /// The endpoint the request calls.
        endpoint: &'static Endpoint,
        /// The token's type.
        token: Access,
        /// The token types the endpoint allows (possibly none).
        allowed: AccessSet,
    },
    /// The token has none of the scopes that grant the endpoint.
    #[error("{}", missing_message(.endpoint, .needs_any_of))]
    MissingScope {
        /// The endpoint the request calls.
        endpoint: &'static Endpoint,
        /// The scopes that would grant it; any one is enough. Empty when the dataset knows
        /// no scope for the endpoint: such an endpoint is always denied.
        needs_any_of: &'static [&'static Scope],
    },
    /// No scope table says which scope the endpoint needs (it is known only from the API
    /// reference): nothing can be shown to grant it, so it is denied.
    #[error(
        "no source documents which scope {endpoint} needs, so no token can be shown to be allowed; denied"
    )]
    UndocumentedScope {
        /// The endpoint the request calls.
        endpoint: &'static Endpoint,
    },
    /// The API reference says the endpoint does not accept this kind of token at this level.
    #[error("{endpoint} does not accept {kind} of the {token} level; per the API reference it accepts {}", accepted_kinds(.endpoint))]
    WrongTokenKind {
        /// The endpoint the request calls.
        endpoint: &'static Endpoint,
        /// The kind of token the request carries.
        kind: TokenKind,
        /// The token's level.
        token: Access,
    },
    /// The request will send another `Version` header than the endpoint requires.
    #[error("{endpoint} requires the header `Version: {expected}`; the request sends `{sent}`")]
    WrongVersion {
        /// The endpoint the request calls.
        endpoint: &'static Endpoint,
        /// The value the API reference gives.
        expected: &'static str,
        /// The value the request sends (its first 64 bytes at most).
        sent: String,
    },
    /// The granted scopes were parsed against another catalog than the one asked.
    #[error("the granted scopes were parsed against another catalog than {catalog}")]
    ForeignGrant {
        /// The provider of the catalog asked.
        catalog: &'static str,
    },
}

/// The endpoints of the catalog that denied a request as unknown: where
/// [`Denial::nearest`] ranks look-alikes, on demand. Two are equal when they are the same
/// catalog's.
#[derive(Clone, Copy)]
pub struct KnownEndpoints(&'static [Endpoint]);

impl KnownEndpoints {
    /// Up to three endpoints that look most like `method` + `path`, closest first
    /// ([`Catalog::nearest`]).
    fn nearest(self, method: Method, path: &str) -> Vec<&'static Endpoint> {
        nearest_in(self.0, method, path, 3)
    }
}

impl PartialEq for KnownEndpoints {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.0, other.0)
    }
}

impl Eq for KnownEndpoints {}

impl fmt::Debug for KnownEndpoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KnownEndpoints({} endpoints)", self.0.len())
    }
}

impl Denial {
    /// For [`Denial::UnknownEndpoint`]: up to three known endpoints that look most like the
    /// request, closest first, ranked now (the denial itself did not pay for it). Empty for
    /// every other denial.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Access, GrantedScopes};
    ///
    /// let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
    /// let denial = CATALOG.precheck(&granted, Access::SubAccount, "GET", "/contacts/abc/taskz").unwrap_err();
    /// assert_eq!(denial.nearest()[0].template(), "/contacts/{contactId}/tasks");
    /// ```
    pub fn nearest(&self) -> Vec<&'static Endpoint> {
        match self {
            Denial::UnknownEndpoint {
                method,
                path,
                known,
            } => known.nearest(*method, path),
            _ => Vec::new(),
        }
    }

    /// A stable kebab-case code for the kind of denial, for machine-readable output (the CLI's
    /// JSON `reason`, the bindings' `reason`).
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Access, GrantedScopes};
    ///
    /// let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
    /// let denial = CATALOG.precheck(&granted, Access::SubAccount, "POST", "/contacts").unwrap_err();
    /// assert_eq!(denial.code(), "missing-scope");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Denial::InvalidRequest(_) => "invalid-request",
            Denial::UnknownEndpoint { .. } => "unknown-endpoint",
            Denial::WrongTokenType { .. } => "wrong-token-type",
            Denial::MissingScope { .. } => "missing-scope",
            Denial::UndocumentedScope { .. } => "undocumented-scope",
            Denial::WrongTokenKind { .. } => "wrong-token-kind",
            Denial::WrongVersion { .. } => "wrong-version",
            Denial::ForeignGrant { .. } => "foreign-grant",
        }
    }
}

fn accepted_kinds(endpoint: &Endpoint) -> String {
    let mut kinds = Vec::new();
    if !endpoint.oauth_access().is_empty() {
        kinds.push(format!("OAuth tokens ({})", endpoint.oauth_access()));
    }
    if endpoint.private_integration() {
        kinds.push(format!(
            "Private Integration Tokens ({})",
            endpoint.private_integration_access()
        ));
    }
    kinds.join(" and ")
}

/// How a request authenticates: an OAuth access token from an app's install flow, or a
/// Private Integration Token. The API reference says which kinds each endpoint accepts.
///
/// ```
/// assert_eq!(scopewise::TokenKind::PrivateIntegration.to_string(), "a Private Integration Token");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An OAuth access token.
    OAuth,
    /// A Private Integration Token.
    PrivateIntegration,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenKind::OAuth => "an OAuth access token",
            TokenKind::PrivateIntegration => "a Private Integration Token",
        })
    }
}

/// Optional checks of [`Catalog::precheck_with`], beyond scopes and token type.
///
/// ```
/// let options = scopewise::PrecheckOptions {
///     token_kind: Some(scopewise::TokenKind::OAuth),
///     version: Some("2021-07-28"),
///     ..Default::default()
/// };
/// assert_eq!(options.version, Some("2021-07-28"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrecheckOptions<'a> {
    /// Check that the endpoint accepts this kind of token. The API reference states token
    /// kinds for most endpoints; where it states none, this check cannot fail (it has nothing
    /// to compare with), and [`Endpoint::reference_line`] tells which case applies.
    pub token_kind: Option<TokenKind>,
    /// Check that the request's `Version` header is the one the endpoint requires, where the
    /// API reference gives one.
    pub version: Option<&'a str>,
    /// Whether the path may hold encoded slashes and backslashes ([`EncodedSlashes`]): refused
    /// by default, since a server that decodes them before routing reads another path.
    pub encoded_slashes: EncodedSlashes,
}

fn missing_message(endpoint: &Endpoint, scopes: &[&Scope]) -> String {
    if scopes.is_empty() {
        return format!("no scope of the catalog is known to grant {endpoint}; denied");
    }
    let names: Vec<&str> = scopes.iter().map(|s| s.name()).collect();
    format!(
        "{endpoint} needs one of the scopes [{}]; the token has none of them",
        names.join(", ")
    )
}

fn unknown_message(method: &Method, path: &str, nearest: &[&Endpoint]) -> String {
    let mut out = format!("`{method} {path}` is not an endpoint of the catalog");
    if !nearest.is_empty() {
        let list: Vec<String> = nearest.iter().map(|e| e.to_string()).collect();
        out.push_str("; nearest: ");
        out.push_str(&list.join(", "));
    }
    out
}

impl Catalog {
    /// Decides whether a token may make a request, before it is sent.
    ///
    /// `granted` comes from the token response's `scope` string ([`GrantedScopes::parse`]),
    /// `token` is the token's type, `method` and `target` are as for
    /// [`Catalog::match_request`]. The checks run in this order and the first failure is
    /// the answer, so a denial names the most basic problem:
    /// 1. the request is well-formed ([`Denial::InvalidRequest`]);
    /// 2. it calls a known endpoint ([`Denial::UnknownEndpoint`], with the nearest ones);
    /// 3. the endpoint allows the token's type ([`Denial::WrongTokenType`]);
    /// 4. one of the endpoint's scopes was granted ([`Denial::MissingScope`]).
    ///
    /// Fails closed: anything not positively allowed is denied. The allow path allocates
    /// nothing; denials compute their details (nearest endpoints by similarity) only then.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Access, Denial, GrantedScopes};
    ///
    /// let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly locations.write");
    /// let e = CATALOG
    ///     .precheck(&granted, Access::SubAccount, "GET", "/contacts/abc123?locationId=x")
    ///     .unwrap();
    /// assert_eq!(e.template(), "/contacts/{contactId}");
    ///
    /// // locations.write endpoints are for agency tokens.
    /// let denial = CATALOG.precheck(&granted, Access::SubAccount, "POST", "/locations").unwrap_err();
    /// assert!(matches!(denial, Denial::WrongTokenType { .. }));
    /// assert_eq!(
    ///     denial.to_string(),
    ///     "POST /locations is not available to sub-account tokens; it allows: agency"
    /// );
    ///
    /// let denial = CATALOG.precheck(&granted, Access::SubAccount, "GET", "/contacts/abc/taskz").unwrap_err();
    /// assert!(matches!(denial, Denial::UnknownEndpoint { .. }));
    /// assert_eq!(denial.nearest()[0].template(), "/contacts/{contactId}/tasks");
    /// ```
    pub fn precheck(
        &self,
        granted: &GrantedScopes,
        token: Access,
        method: &str,
        target: &str,
    ) -> Result<&'static Endpoint, Denial> {
        self.precheck_with(granted, token, method, target, &PrecheckOptions::default())
    }

    /// [`Catalog::precheck`] with optional checks of the token's kind and the request's
    /// `Version` header (from the API reference). The checks run in this order; the first
    /// failure is the answer:
    /// 1. the request is well-formed ([`Denial::InvalidRequest`]);
    /// 2. it calls a known endpoint ([`Denial::UnknownEndpoint`]);
    /// 3. a source documents what the endpoint needs ([`Denial::UndocumentedScope`]); an
    ///    endpoint that needs nothing ([`Auth::None`], `POST /oauth/token`) is allowed here,
    ///    whatever the token;
    /// 4. the endpoint allows the token's type ([`Denial::WrongTokenType`]);
    /// 5. with `options.token_kind`, it accepts that kind of token ([`Denial::WrongTokenKind`]);
    /// 6. with `options.version`, the endpoint accepts that header value: one of the OpenAPI
    ///    specs' values ([`Endpoint::versions`]), else the API reference's
    ///    ([`Denial::WrongVersion`]);
    /// 7. one of the endpoint's scopes was granted ([`Denial::MissingScope`]), unless no
    ///    source states a scope for it ([`Auth::Token`]).
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Access, Denial, GrantedScopes, PrecheckOptions, TokenKind};
    ///
    /// let granted = GrantedScopes::parse(&CATALOG, "invoices.readonly");
    /// let pit = PrecheckOptions { token_kind: Some(TokenKind::PrivateIntegration), version: Some("2021-07-28"), ..Default::default() };
    /// // Invoices accept a sub-account Private Integration Token...
    /// assert!(CATALOG.precheck_with(&granted, Access::SubAccount, "GET", "/invoices/inv1", &pit).is_ok());
    /// // ...and the reference requires `Version: 2021-07-28`.
    /// let old = PrecheckOptions { version: Some("2021-04-15"), ..pit };
    /// let denial = CATALOG.precheck_with(&granted, Access::SubAccount, "GET", "/invoices/inv1", &old).unwrap_err();
    /// assert!(matches!(denial, Denial::WrongVersion { expected: "2021-07-28", .. }));
    /// ```
    pub fn precheck_with(
        &self,
        granted: &GrantedScopes,
        token: Access,
        method: &str,
        target: &str,
        options: &PrecheckOptions<'_>,
    ) -> Result<&'static Endpoint, Denial> {
        if !granted.is_for(self) {
            return Err(Denial::ForeignGrant {
                catalog: self.provider(),
            });
        }
        let endpoint = match self.match_request_with(method, target, options.encoded_slashes) {
            Ok(m) => m.endpoint(),
            Err(MatchError::NotFound { method, .. }) => return Err(self.unknown(method, target)),
            Err(e) => return Err(Denial::InvalidRequest(e)),
        };
        if endpoint.auth() == Auth::None {
            // The vendor declares no security: any caller, any token or none.
            return Ok(endpoint);
        }
        if !endpoint.scope_documented() {
            return Err(Denial::UndocumentedScope { endpoint });
        }
        // A provider whose tokens all work alike states no token type to compare with.
        if !self.token_types().is_empty() && !endpoint.access().contains(token) {
            return Err(Denial::WrongTokenType {
                endpoint,
                token,
                allowed: endpoint.access(),
            });
        }
        if let Some(kind) = options.token_kind {
            let stated = endpoint
                .oauth_access()
                .union(endpoint.private_integration_access());
            let accepted = match kind {
                TokenKind::OAuth => endpoint.oauth_access(),
                TokenKind::PrivateIntegration => endpoint.private_integration_access(),
            };
            if !stated.is_empty() && !accepted.contains(token) {
                return Err(Denial::WrongTokenKind {
                    endpoint,
                    kind,
                    token,
                });
            }
        }
        if let (Some(sent), Some(expected)) = (
            options.version,
            endpoint.version().or(endpoint.versions().first().copied()),
        ) {
            // The OpenAPI specs' accepted values, else the API reference's one value.
            let accepted = if endpoint.versions().is_empty() {
                sent == expected
            } else {
                endpoint.versions().contains(&sent)
            };
            if !accepted {
                return Err(Denial::WrongVersion {
                    endpoint,
                    expected,
                    sent: crate::truncate(sent, 64).to_owned(),
                });
            }
        }
        if endpoint.auth() == Auth::Scopes && !granted.grants_any(endpoint.scopes()) {
            return Err(Denial::MissingScope {
                endpoint,
                needs_any_of: endpoint.scopes(),
            });
        }
        Ok(endpoint)
    }

    #[cold]
    fn unknown(&self, method: Method, target: &str) -> Denial {
        let path = RequestTarget::parse(target, self.api_host())
            .map(|t| t.path())
            .unwrap_or(target);
        Denial::UnknownEndpoint {
            method,
            path: crate::truncate(path, 128).to_owned(),
            known: KnownEndpoints(self.endpoints()),
        }
    }

    /// Up to `limit` endpoints whose template looks most like `path`, closest first.
    ///
    /// The distance compares segment by segment: a parameter fits any segment, a static
    /// segment costs one minus its normalized Levenshtein similarity, each missing or extra
    /// segment costs one, and another method costs a half. Endpoints further than half the
    /// path's segments away (at least 1.5) are not offered. Ties go to catalog order. Segments
    /// over 64 bytes count as different without being compared, which bounds the work.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Method};
    ///
    /// let near = CATALOG.nearest(Method::Get, "/calendar/events", 3);
    /// assert_eq!(near[0].template(), "/calendars/events");
    /// ```
    pub fn nearest(&self, method: Method, path: &str, limit: usize) -> Vec<&'static Endpoint> {
        nearest_in(self.endpoints(), method, path, limit)
    }
}

/// [`Catalog::nearest`] over a catalog's endpoints.
fn nearest_in(
    endpoints: &'static [Endpoint],
    method: Method,
    path: &str,
    limit: usize,
) -> Vec<&'static Endpoint> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let budget = (segs.len() as f64 / 2.0).max(1.5);
    let mut scored: Vec<(f64, &'static Endpoint)> = Vec::new();
    for e in endpoints {
        let tsegs = e.template().split('/').filter(|s| !s.is_empty());
        let mut d = segs.len().abs_diff(tsegs.clone().count()) as f64;
        if e.method() != method {
            d += 0.5;
        }
        for (p, t) in segs.iter().zip(tsegs) {
            if d > budget {
                break;
            }
            if !t.starts_with('{') && *p != t {
                // Bounded work on hostile input: a long segment is simply different.
                d += if p.len() > 64 {
                    1.0
                } else {
                    1.0 - strsim::normalized_levenshtein(p, t)
                };
            }
        }
        if d <= budget {
            scored.push((d, e));
        }
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.index().cmp(&b.1.index())));
    scored.into_iter().take(limit).map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlevel::CATALOG;
    use crate::{endpoint, scope};

    fn granted(s: &str) -> GrantedScopes {
        GrantedScopes::parse(&CATALOG, s)
    }

    #[test]
    fn parses_scope_strings_leniently_but_exactly() {
        let g = granted("  contacts.readonly\t\tcontacts.write contacts.readonly Contacts.write ");
        assert_eq!(
            g.scopes().iter().map(|s| s.name()).collect::<Vec<_>>(),
            ["contacts.readonly", "contacts.write"]
        );
        assert_eq!(g.unknown(), ["Contacts.write"]);
        // Commas are not separators: the whole string is one unknown name.
        let g = granted("contacts.readonly,contacts.write");
        assert!(g.is_empty());
        assert_eq!(g.unknown().len(), 1);
    }

    #[test]
    fn allows_exactly_with_scope_and_token_type() {
        let e = endpoint!(GET "/contacts/{contactId}");
        let g = granted("contacts.readonly");
        assert_eq!(
            CATALOG.precheck(&g, Access::SubAccount, "GET", "/contacts/x"),
            Ok(e)
        );
        assert!(matches!(
            CATALOG.precheck(&granted("contacts.write"), Access::SubAccount, "GET", "/contacts/x"),
            Err(Denial::MissingScope { needs_any_of, .. }) if needs_any_of == [scope!("contacts.readonly")]
        ));
        assert!(matches!(
            CATALOG.precheck(&g, Access::Agency, "GET", "/contacts/x"),
            Err(Denial::WrongTokenType {
                token: Access::Agency,
                ..
            })
        ));
    }

    #[test]
    fn invalid_and_unknown_requests_are_denied() {
        let g = granted("contacts.readonly");
        assert!(matches!(
            CATALOG.precheck(&g, Access::SubAccount, "GET", "/contacts/../users/x"),
            Err(Denial::InvalidRequest(MatchError::Request(_)))
        ));
        assert!(matches!(
            CATALOG.precheck(&g, Access::SubAccount, "BREW", "/contacts/x"),
            Err(Denial::InvalidRequest(MatchError::Method(_)))
        ));
        let denial = CATALOG
            .precheck(&g, Access::SubAccount, "PATCH", "/calendars/events/?x=1")
            .unwrap_err();
        let Denial::UnknownEndpoint { method, path, .. } = &denial else {
            panic!("expected an unknown endpoint, got {denial:?}");
        };
        assert_eq!(
            (*method, path.as_str()),
            (Method::Patch, "/calendars/events")
        );
        // Ranked on demand, for the caller and for the message alike.
        let nearest = denial.nearest();
        assert!(
            nearest.contains(&endpoint!(GET "/calendars/events")),
            "{nearest:?}"
        );
        assert!(
            denial
                .to_string()
                .contains("nearest: GET /calendars/events"),
            "{denial}"
        );
    }

    #[test]
    fn an_endpoint_without_a_known_scope_is_always_denied() {
        let all: Vec<&str> = CATALOG.scopes().iter().map(|s| s.name()).collect();
        let g = granted(&all.join(" "));
        let mut checked = 0;
        for e in CATALOG.endpoints().iter().filter(|e| !e.scope_documented()) {
            checked += 1;
            let path = e.template().replace('{', "x").replace('}', "");
            let Ok(m) = CATALOG.match_request(e.method().as_str(), &path) else {
                continue;
            };
            if m.endpoint() != e {
                continue;
            }
            // Whatever the token, and even for the 8 whose page names no token type.
            for token in Access::ALL {
                let denial = CATALOG
                    .precheck(&g, token, e.method().as_str(), &path)
                    .unwrap_err();
                assert_eq!(denial, Denial::UndocumentedScope { endpoint: e });
                assert_eq!(
                    denial.to_string(),
                    format!(
                        "no source documents which scope {e} needs, so no token can be shown to be allowed; denied"
                    )
                );
            }
        }
        // Known only from the API reference, and no spec lists them.
        assert_eq!(checked, 5);
    }

    #[test]
    fn an_endpoint_without_security_needs_no_scope_and_no_particular_token() {
        let none = granted("");
        let e = endpoint!(POST "/oauth/token");
        assert_eq!(e.auth(), Auth::None);
        for token in Access::ALL {
            assert_eq!(
                CATALOG.precheck(&none, token, "POST", "/oauth/token"),
                Ok(e)
            );
        }
    }

    #[test]
    fn a_token_whose_scope_no_source_states_is_checked_for_its_type_only() {
        // `POST /email/verify`: v3 states `lc-email.readonly`; pick one no source scopes.
        let e = CATALOG
            .endpoints()
            .iter()
            .find(|e| {
                e.auth() == Auth::Token && e.access() == AccessSet::EMPTY.with(Access::SubAccount)
            })
            .expect("a token-only sub-account endpoint");
        let path = e.template().replace('{', "x").replace('}', "");
        let none = granted("");
        assert_eq!(
            CATALOG.precheck(&none, Access::SubAccount, e.method().as_str(), &path),
            Ok(e)
        );
        assert!(matches!(
            CATALOG.precheck(&none, Access::Agency, e.method().as_str(), &path),
            Err(Denial::WrongTokenType { .. })
        ));
    }

    #[test]
    fn openapi_documents_everyday_calls() {
        let g = granted("contacts.write");
        assert_eq!(
            CATALOG.precheck(&g, Access::SubAccount, "POST", "/contacts/upsert"),
            Ok(endpoint!(POST "/contacts/upsert"))
        );
        let Err(Denial::MissingScope { needs_any_of, .. }) =
            CATALOG.precheck(&granted(""), Access::SubAccount, "POST", "/contacts/upsert")
        else {
            panic!("contacts.write is needed");
        };
        assert_eq!(needs_any_of, [scope!("contacts.write")]);
        // The whole custom-fields family, users search, timezones: documented now.
        for (m, p) in [
            ("GET", "/users/search"),
            ("GET", "/locations/loc1/timezones"),
            ("POST", "/contacts/search"),
            ("POST", "/conversations/messages/outbound"),
            ("GET", "/custom-fields/f1"),
        ] {
            let e = CATALOG.match_request(m, p).expect(p).endpoint();
            assert!(e.scope_documented(), "{e}");
        }
    }

    #[test]
    fn the_version_header_is_checked_against_the_specs_values() {
        let g = granted("contacts.write");
        let with = |v| PrecheckOptions {
            version: Some(v),
            ..Default::default()
        };
        for v in ["2021-07-28", "v3"] {
            assert!(
                CATALOG
                    .precheck_with(&g, Access::SubAccount, "POST", "/contacts/upsert", &with(v))
                    .is_ok(),
                "{v}"
            );
        }
        assert!(matches!(
            CATALOG.precheck_with(
                &g,
                Access::SubAccount,
                "POST",
                "/contacts/upsert",
                &with("2021-04-15")
            ),
            Err(Denial::WrongVersion { .. })
        ));
    }

    #[test]
    fn token_kind_and_version_are_checked_when_asked() {
        let g = granted("invoices.readonly locations.readonly");
        let pit = PrecheckOptions {
            token_kind: Some(TokenKind::PrivateIntegration),
            ..Default::default()
        };
        // The reference: invoices accept an agency OAuth token but only a sub-account PIT.
        assert!(
            CATALOG
                .precheck_with(&g, Access::SubAccount, "GET", "/invoices/i1", &pit)
                .is_ok()
        );
        let denial = CATALOG.precheck_with(&g, Access::Agency, "GET", "/invoices/i1", &pit);
        // The table (authoritative for the token type) says invoices are sub-account only.
        assert!(
            matches!(denial, Err(Denial::WrongTokenType { .. })),
            "{denial:?}"
        );
        // `GET /locations/{locationId}`: OAuth sub-account and agency, PIT sub-account only.
        let e = endpoint!(GET "/locations/{locationId}");
        assert_eq!(
            CATALOG.precheck_with(&g, Access::Agency, "GET", "/locations/l1", &pit),
            Err(Denial::WrongTokenKind {
                endpoint: e,
                kind: TokenKind::PrivateIntegration,
                token: Access::Agency
            })
        );
        let oauth = PrecheckOptions {
            token_kind: Some(TokenKind::OAuth),
            version: Some("2021-07-28"),
            ..Default::default()
        };
        assert_eq!(
            CATALOG.precheck_with(&g, Access::Agency, "GET", "/locations/l1", &oauth),
            Ok(e)
        );
        let old = PrecheckOptions {
            version: Some("2021-04-15"),
            ..oauth
        };
        assert_eq!(
            CATALOG
                .precheck_with(&g, Access::Agency, "GET", "/locations/l1", &old)
                .unwrap_err()
                .to_string(),
            "GET /locations/{locationId} requires the header `Version: 2021-07-28`; the request sends `2021-04-15`"
        );
        // Without options, the same requests are judged on scope and token type alone.
        assert_eq!(
            CATALOG.precheck(&g, Access::Agency, "GET", "/locations/l1"),
            Ok(e)
        );
    }

    #[test]
    fn a_provider_without_token_types_does_not_compare_them() {
        // The basic fixture with `token_types: []` and every access list empty: the token
        // type a caller passes cannot be wrong, but scopes still are checked.
        static ALIKE: Catalog = crate::include_catalog!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/no-token-types",
        );
        assert!(ALIKE.token_types().is_empty());
        let g = GrantedScopes::parse(&ALIKE, "contacts.readonly");
        for token in Access::ALL {
            let e = ALIKE.precheck(&g, token, "GET", "/contacts/x").unwrap();
            assert_eq!(e.template(), "/contacts/{contactId}");
            assert!(e.access().is_empty());
        }
        assert!(matches!(
            ALIKE.precheck(&g, Access::Agency, "POST", "/contacts"),
            Err(Denial::MissingScope { .. })
        ));
        // HighLevel distinguishes its two kinds of token: the same request with an agency
        // token is refused.
        let g = GrantedScopes::parse(&CATALOG, "contacts.readonly");
        assert!(matches!(
            CATALOG.precheck(&g, Access::Agency, "GET", "/contacts/x"),
            Err(Denial::WrongTokenType { .. })
        ));
    }

    #[test]
    fn a_grant_from_another_catalog_is_refused() {
        static OTHER: Catalog = crate::include_catalog!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/basic",
        );
        let g = GrantedScopes::parse(&OTHER, "contacts.readonly");
        assert!(!g.contains(scope!("contacts.readonly")));
        assert_eq!(
            CATALOG.precheck(&g, Access::SubAccount, "GET", "/contacts/x"),
            Err(Denial::ForeignGrant {
                catalog: "highlevel"
            })
        );
    }
}
