//! [`Match`]: a request matched to its endpoint, and its parameters ([`Params`]).

use core::fmt;

use crate::Endpoint;

/// A request matched to its endpoint, with the path it was matched on.
///
/// Borrows the target; parameters are read from it on demand, so matching allocates nothing.
///
/// ```
/// use scopewise::{endpoint, highlevel::CATALOG};
///
/// let m = CATALOG.match_request("get", "/contacts/abc123/tasks?x=1").unwrap();
/// assert_eq!(m.endpoint(), endpoint!(GET "/contacts/{contactId}/tasks"));
/// assert_eq!(m.param("contactId"), Some("abc123"));
/// assert_eq!(m.params().collect::<Vec<_>>(), [("contactId", "abc123")]);
/// ```
#[derive(Clone, Copy)]
pub struct Match<'a> {
    pub(super) endpoint: &'static Endpoint,
    pub(super) path: &'a str,
}

impl<'a> Match<'a> {
    /// The endpoint the request calls.
    ///
    /// ```
    /// let m = scopewise::highlevel::CATALOG.match_request("GET", "/calendars/events").unwrap();
    /// assert_eq!(m.endpoint().template(), "/calendars/events");
    /// ```
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The request's path (still percent-encoded, without query, fragment or trailing slash).
    ///
    /// ```
    /// let m = scopewise::highlevel::CATALOG.match_request("GET", "/calendars/events/?a#b").unwrap();
    /// assert_eq!(m.path(), "/calendars/events");
    /// ```
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The captured parameters in path order: (template name, raw value). Values are not
    /// percent-decoded: `%40` is still `%40`.
    ///
    /// ```
    /// let m = scopewise::highlevel::CATALOG
    ///     .match_request("GET", "/calendars/a%40b")
    ///     .unwrap();
    /// assert_eq!(m.params().collect::<Vec<_>>(), [("calendarId", "a%40b")]);
    /// ```
    pub fn params(&self) -> Params<'a> {
        Params {
            template: self.endpoint.template().split('/'),
            path: self.path.split('/'),
        }
    }

    /// The value of the parameter the endpoint's template names `name`.
    ///
    /// ```
    /// let m = scopewise::highlevel::CATALOG.match_request("GET", "/calendars/c1").unwrap();
    /// assert_eq!(m.param("calendarId"), Some("c1"));
    /// assert_eq!(m.param("contactId"), None);
    /// ```
    pub fn param(&self, name: &str) -> Option<&'a str> {
        self.params().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl fmt::Debug for Match<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Match")
            .field("endpoint", &self.endpoint.key())
            .field("params", &self.params().collect::<Vec<_>>())
            .finish()
    }
}

/// Iterator over a [`Match`]'s parameters; see [`Match::params`].
#[derive(Debug, Clone)]
pub struct Params<'a> {
    pub(super) template: core::str::Split<'static, char>,
    pub(super) path: core::str::Split<'a, char>,
}

impl<'a> Iterator for Params<'a> {
    type Item = (&'static str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (t, p) = (self.template.next()?, self.path.next()?);
            if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                return Some((name, p));
            }
        }
    }
}
