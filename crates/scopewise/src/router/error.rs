//! [`MatchError`]: why a request matched no endpoint.

#[cfg(doc)]
use crate::{Catalog, RequestTarget};
use crate::{Method, ParseMethodError, RequestError};

/// Why [`Catalog::match_request`] matched no endpoint.
///
/// ```
/// use scopewise::{highlevel::CATALOG, MatchError, RequestError};
///
/// let err = CATALOG.match_request("GET", "/contacts/abc/nope").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "no GET endpoint of the highlevel catalog has this path: nothing matches the segment at byte 14"
/// );
/// assert!(matches!(
///     CATALOG.match_request("GET", "/contacts/../users/x"),
///     Err(MatchError::Request(RequestError::DotSegment { position: 10 }))
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    /// The method is not one the catalogs know.
    #[error(transparent)]
    Method(#[from] ParseMethodError),
    /// The target is malformed or not for this API; see [`RequestTarget::parse`].
    #[error("invalid request target: {0}")]
    Request(#[from] RequestError),
    /// A segment equals a route's static segment except for letter case (`/calendars/Events`).
    /// Paths are matched case-sensitively, but a case-insensitive server would route it to the
    /// static segment's endpoint while a parameter sibling would capture it here; refused
    /// rather than guessed.
    #[error(
        "the segment at byte {position} differs only in letter case from the route segment `{route_segment}`; refused as ambiguous"
    )]
    CaseVariant {
        /// Byte offset of the segment in the target.
        position: usize,
        /// The static segment it resembles.
        route_segment: &'static str,
    },
    /// The request is well-formed but no endpoint of the method has its path.
    #[error(
        "no {method} endpoint of the {provider} catalog has this path: nothing matches the segment at byte {position}"
    )]
    NotFound {
        /// The catalog's provider.
        provider: &'static str,
        /// The request's method.
        method: Method,
        /// Byte offset of the deepest segment no route accepted (the path's end when every
        /// segment fit some route but none ends there).
        position: usize,
    },
}
