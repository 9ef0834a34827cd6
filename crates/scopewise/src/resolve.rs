//! From what a person or an SDK wrote to the endpoint it means: a template or a request.
//!
//! One decision, one place: the CLI, the C ABI and the Python and Node bindings all call
//! [`Catalog::resolve`], so a target means the same endpoint everywhere.

use crate::{Catalog, Endpoint, LookupError, MatchError, Method, ParseMethodError};

/// Why [`Catalog::resolve`] found no endpoint.
///
/// ```
/// use scopewise::{highlevel::CATALOG, ResolveError};
///
/// let err = CATALOG.resolve("GET", "/contacts/abc/nope?x=1").unwrap_err();
/// assert!(err.is_not_found());
/// assert!(matches!(CATALOG.resolve("GET", "/contacts/../users"), Err(ResolveError::Request(_))));
/// assert!(!CATALOG.resolve("GET", "/contacts/../users").unwrap_err().is_not_found());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The method is not one the catalogs know.
    #[error(transparent)]
    Method(#[from] ParseMethodError),
    /// A valid template (`/contacts/{id}/nope`) that names no endpoint.
    #[error(transparent)]
    UnknownTemplate(LookupError),
    /// Not a template of the catalog, and as a request: no endpoint
    /// ([`MatchError::NotFound`]) or not a valid request (any other [`MatchError`]).
    #[error(transparent)]
    Request(MatchError),
}

impl ResolveError {
    /// Whether the target is well-formed but names no endpoint (rather than being malformed).
    ///
    /// ```
    /// use scopewise::highlevel::CATALOG;
    ///
    /// assert!(CATALOG.resolve("GET", "/nope").unwrap_err().is_not_found());
    /// assert!(CATALOG.resolve("GET", "/contacts/{contactId}/nope").unwrap_err().is_not_found());
    /// assert!(!CATALOG.resolve("BREW", "/contacts").unwrap_err().is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            ResolveError::UnknownTemplate(_) | ResolveError::Request(MatchError::NotFound { .. })
        )
    }

    /// The method, when it was valid.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Method};
    ///
    /// assert_eq!(CATALOG.resolve("get", "/nope").unwrap_err().method(), Some(Method::Get));
    /// assert_eq!(CATALOG.resolve("BREW", "/nope").unwrap_err().method(), None);
    /// ```
    pub fn method(&self) -> Option<Method> {
        match self {
            ResolveError::Method(_) => None,
            ResolveError::UnknownTemplate(LookupError::NotFound { method, .. })
            | ResolveError::Request(MatchError::NotFound { method, .. }) => Some(*method),
            ResolveError::UnknownTemplate(_) | ResolveError::Request(_) => None,
        }
    }
}

impl Catalog {
    /// The endpoint that `method` + `target` means, where `target` is a template
    /// (`/contacts/{contactId}`, `/contacts/:id`), a concrete path (`/contacts/abc?x=1`) or a
    /// URL on [`Catalog::api_host`].
    ///
    /// A target that is a valid template is looked up by its key ([`Catalog::lookup`]);
    /// anything else goes through the request matcher ([`Catalog::match_request`]), which
    /// refuses what is not a clean request. When the target is a valid template that names
    /// no endpoint, that is the answer ([`ResolveError::UnknownTemplate`]), even if the
    /// matcher would call it malformed (`{` is not a request character).
    ///
    /// ```
    /// use scopewise::highlevel::CATALOG;
    ///
    /// for target in [
    ///     "/contacts/{contactId}",
    ///     "/contacts/:id/",
    ///     "/contacts/abc123?locationId=x",
    ///     "https://services.leadconnectorhq.com/contacts/abc123",
    /// ] {
    ///     assert_eq!(CATALOG.resolve("get", target).unwrap().template(), "/contacts/{contactId}");
    /// }
    /// // A static segment wins over a parameter, in both readings.
    /// assert_eq!(CATALOG.resolve("GET", "/calendars/events").unwrap().template(), "/calendars/events");
    /// ```
    pub fn resolve(&self, method: &str, target: &str) -> Result<&'static Endpoint, ResolveError> {
        let by_template = match self.lookup(method, target) {
            Ok(endpoint) => return Ok(endpoint),
            Err(LookupError::Method(e)) => return Err(ResolveError::Method(e)),
            Err(e) => e,
        };
        match self.match_request(method, target) {
            Ok(m) => Ok(m.endpoint()),
            Err(_) if matches!(by_template, LookupError::NotFound { .. }) => {
                Err(ResolveError::UnknownTemplate(by_template))
            }
            Err(e) => Err(ResolveError::Request(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::highlevel::CATALOG;
    use crate::{MatchError, RequestError, ResolveError};

    #[test]
    fn each_kind_of_answer() {
        // A template naming no endpoint: the lookup's answer, not the matcher's `{`.
        let err = CATALOG
            .resolve("GET", "/contacts/{contactId}/nope")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no endpoint `GET /contacts/{contactId}/nope` in the highlevel catalog"
        );
        // A path without parameters is a template too; with a query it is only a request,
        // and the matcher answers, with where it stopped.
        assert!(matches!(
            CATALOG.resolve("GET", "/contacts/abc/nope"),
            Err(ResolveError::UnknownTemplate(_))
        ));
        let err = CATALOG
            .resolve("GET", "/contacts/abc/nope?x=1")
            .unwrap_err();
        assert!(matches!(
            err,
            ResolveError::Request(MatchError::NotFound { position: 14, .. })
        ));
        // Malformed as both: the matcher says why.
        assert_eq!(
            CATALOG.resolve("GET", "/contacts/a%2Fb").unwrap_err(),
            ResolveError::Request(MatchError::Request(RequestError::EncodedSlash {
                position: 11,
                character: '/'
            }))
        );
        assert!(matches!(
            CATALOG.resolve("TRACE", "/contacts"),
            Err(ResolveError::Method(_))
        ));
    }
}
