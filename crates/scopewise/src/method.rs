//! HTTP methods.

use core::fmt;
use core::str::FromStr;

/// An HTTP method a catalog endpoint can have.
///
/// Parsing is case-insensitive; [`Method::as_str`] gives the upper-case spelling used in
/// request lines and lookup keys.
///
/// ```
/// use scopewise::Method;
///
/// let m: Method = "patch".parse().unwrap();
/// assert_eq!(m, Method::Patch);
/// assert_eq!(m.as_str(), "PATCH");
/// assert!("TRACE".parse::<Method>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Every method, in the order of the enum.
    ///
    /// ```
    /// assert_eq!(scopewise::Method::ALL.len(), 5);
    /// ```
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The upper-case name, as in a request line: `GET`.
    ///
    /// ```
    /// assert_eq!(scopewise::Method::Delete.as_str(), "DELETE");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, ignoring ASCII case.
    ///
    /// ```
    /// use scopewise::Method;
    ///
    /// assert_eq!(Method::parse("Get"), Ok(Method::Get));
    /// assert_eq!(
    ///     Method::parse("OPTIONS").unwrap_err().to_string(),
    ///     "unknown HTTP method `OPTIONS`; expected one of GET, POST, PUT, PATCH, DELETE"
    /// );
    /// ```
    pub fn parse(name: &str) -> Result<Method, ParseMethodError> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| ParseMethodError {
                input: crate::truncate(name, 32).to_owned(),
            })
    }

    /// `true` for `GET`: the one method that only reads.
    ///
    /// ```
    /// assert!(scopewise::Method::Get.is_read());
    /// assert!(!scopewise::Method::Post.is_read());
    /// ```
    pub const fn is_read(self) -> bool {
        matches!(self, Method::Get)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = ParseMethodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Method::parse(s)
    }
}

/// The input was not one of the methods in [`Method::ALL`].
///
/// ```
/// let err = scopewise::Method::parse("TRACE").unwrap_err();
/// assert_eq!(err.input(), "TRACE");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown HTTP method `{input}`; expected one of GET, POST, PUT, PATCH, DELETE")]
pub struct ParseMethodError {
    input: String,
}

impl ParseMethodError {
    /// The rejected input (its first 32 bytes at most).
    ///
    /// ```
    /// let long = "X".repeat(1000);
    /// assert_eq!(scopewise::Method::parse(&long).unwrap_err().input().len(), 32);
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_method_in_any_case() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Ok(m));
            assert_eq!(Method::parse(&m.as_str().to_ascii_lowercase()), Ok(m));
            assert_eq!(m.to_string(), m.as_str());
        }
    }

    #[test]
    fn rejects_near_misses() {
        for bad in ["", "GETS", "GE", " GET", "OPTIONS"] {
            assert!(Method::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let s = "é".repeat(40);
        let err = Method::parse(&s).unwrap_err();
        assert!(err.input().len() <= 32);
        assert!(s.starts_with(err.input()));
    }
}
