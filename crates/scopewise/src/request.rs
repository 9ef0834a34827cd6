//! Request targets: what an SDK is about to send, checked before anything routes it.
//!
//! A [`RequestTarget`] is the path an HTTP client puts on the request line, optionally with a
//! query and a fragment, or a full `https://` URL on the catalog's API host. Parsing is one
//! pass over the bytes with a 256-entry class table; it rejects everything that could make
//! two parties disagree about which path is meant, and says where.

use core::fmt;

/// The longest target accepted, in bytes (8 KiB, the request-line limit of common servers).
///
/// ```
/// use scopewise::{RequestError, RequestTarget, MAX_TARGET_LEN};
///
/// let long = format!("/contacts/{}", "a".repeat(MAX_TARGET_LEN));
/// let err = RequestTarget::parse(&long, "services.leadconnectorhq.com").unwrap_err();
/// assert!(matches!(err, RequestError::TooLong { .. }));
/// ```
pub const MAX_TARGET_LEN: usize = 8 * 1024;

/// The longest path segment accepted, in raw (still percent-encoded) bytes.
///
/// ```
/// use scopewise::{RequestError, RequestTarget, MAX_SEGMENT_LEN};
///
/// let long = format!("/contacts/{}", "a".repeat(MAX_SEGMENT_LEN + 1));
/// let err = RequestTarget::parse(&long, "services.leadconnectorhq.com").unwrap_err();
/// assert_eq!(err, RequestError::SegmentTooLong { position: 10, length: MAX_SEGMENT_LEN + 1 });
/// ```
pub const MAX_SEGMENT_LEN: usize = 1024;

/// The most path segments accepted.
///
/// ```
/// use scopewise::{RequestError, RequestTarget, MAX_SEGMENTS};
///
/// let deep = "/a".repeat(MAX_SEGMENTS + 1);
/// let err = RequestTarget::parse(&deep, "services.leadconnectorhq.com").unwrap_err();
/// assert!(matches!(err, RequestError::TooManySegments { .. }));
/// ```
pub const MAX_SEGMENTS: usize = 64;

/// What the path may hold of a percent-encoded slash or backslash (`%2F`, `%5C`) and their
/// double-encoded forms (`%252F`, `%255C`).
///
/// scopewise never decodes a path, but some servers on the way do before they route: nginx
/// routes on its normalized (decoded) URI, Envoy with slash unescaping on, and many gateways.
/// For them `GET /contacts/x%2F..%2F..%2Fusers%2Fy` is `GET /users/{userId}`, while a matcher
/// that keeps `%2F` inside the segment sees `GET /contacts/{contactId}`. Since two reasonable
/// servers route such a request differently, the default refuses it
/// ([`RequestError::EncodedSlash`], [`RequestError::DoubleEncoded`]).
///
/// A double-encoded dot (`%252E`) is refused whatever this says: it is a dot segment for a
/// server that decodes twice, and no client produces it.
///
/// ```
/// use scopewise::{EncodedSlashes, RequestError, RequestTarget};
///
/// let host = "services.leadconnectorhq.com";
/// assert_eq!(
///     RequestTarget::parse("/contacts/a%2Fb", host).unwrap_err(),
///     RequestError::EncodedSlash { position: 11, character: '/' }
/// );
/// // Only for a caller who knows every server on the way keeps `%2F` encoded:
/// let t = RequestTarget::parse_with("/contacts/a%2Fb", host, EncodedSlashes::Data).unwrap();
/// assert_eq!(t.segments().collect::<Vec<_>>(), ["contacts", "a%2Fb"]);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum EncodedSlashes {
    /// Refuse them (the default): fail closed, because a server that decodes before routing
    /// would read another path.
    #[default]
    Reject,
    /// Keep them as data inside their segment (`/contacts/a%2Fb` is `/contacts/{contactId}`
    /// with `contactId = "a%2Fb"`). Choose this only when every server that routes the
    /// request (the API's own and any proxy or gateway before it) is known to treat `%2F` and
    /// `%5C` as data: a wrong choice lets a request be checked against one endpoint and
    /// served by another.
    Data,
}

/// Why a request target was rejected. Positions are byte offsets into the target as given.
///
/// Every variant is a reason to deny the request rather than guess: each one marks input
/// that some server, proxy or client could read as a different path than another would.
///
/// ```
/// use scopewise::{RequestError, RequestTarget};
///
/// let host = "services.leadconnectorhq.com";
/// let err = RequestTarget::parse("/contacts/../users/x", host).unwrap_err();
/// assert_eq!(err, RequestError::DotSegment { position: 10 });
/// assert_eq!(err.to_string(), "dot segment (`.` or `..`, also percent-encoded) at byte 10");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The target is empty.
    #[error("the request target is empty")]
    Empty,
    /// The target is longer than [`MAX_TARGET_LEN`].
    #[error("the request target is {length} bytes long; the limit is {MAX_TARGET_LEN}")]
    TooLong {
        /// The target's length in bytes.
        length: usize,
    },
    /// Neither an absolute path (`/…`) nor an `https://` URL: `contacts/x`, `*`, `//host/x`.
    #[error("the request target is neither a path starting with `/` nor an `https://` URL")]
    NotAPathOrUrl,
    /// A URL whose scheme is not `https`. Plain `http` is refused too: the API is served over
    /// TLS only, and a token must never travel in clear text.
    #[error("URL scheme `{scheme}` is not allowed; only `https` is")]
    SchemeNotAllowed {
        /// The scheme as written (its first 32 bytes at most).
        scheme: String,
    },
    /// The URL has user information (`https://user@host/`), which can disguise the host.
    #[error("user information (`@`) in the URL's authority at byte {position} is not allowed")]
    UserInfo {
        /// Byte offset of the `@`.
        position: usize,
    },
    /// The URL's host is not the catalog's API host (compared ignoring ASCII case; a trailing
    /// dot or any other spelling is refused).
    #[error("host `{host}` is not the API host `{expected}`")]
    HostNotAllowed {
        /// The host as written (its first 128 bytes at most).
        host: String,
        /// The catalog's API host.
        expected: &'static str,
    },
    /// The URL has a port other than `443`, or an empty one (`host:`).
    #[error("port `{port}` is not allowed; only 443 (or none) is")]
    PortNotAllowed {
        /// The port as written (its first 32 bytes at most).
        port: String,
    },
    /// Two slashes in a row (`/contacts//tasks`), or a path starting with `//`.
    #[error("empty path segment (`//`) at byte {position}")]
    EmptySegment {
        /// Byte offset of the second slash.
        position: usize,
    },
    /// A `.` or `..` segment, also when percent-encoded (`%2e`, `.%2E`): it would make the
    /// path mean another path once a server normalizes it.
    #[error("dot segment (`.` or `..`, also percent-encoded) at byte {position}")]
    DotSegment {
        /// Byte offset of the segment.
        position: usize,
    },
    /// A segment longer than [`MAX_SEGMENT_LEN`].
    #[error(
        "path segment at byte {position} is {length} bytes long; the limit is {MAX_SEGMENT_LEN}"
    )]
    SegmentTooLong {
        /// Byte offset of the segment.
        position: usize,
        /// Its length in bytes.
        length: usize,
    },
    /// More than [`MAX_SEGMENTS`] path segments.
    #[error("the path has more than {MAX_SEGMENTS} segments")]
    TooManySegments,
    /// A `%` not followed by two hexadecimal digits (`%zz`, a truncated `%4`).
    #[error("invalid percent-encoding at byte {position}: `%` must be followed by two hex digits")]
    InvalidPercentEncoding {
        /// Byte offset of the `%`.
        position: usize,
    },
    /// A percent-encoded unreserved character in the path (`%61` for `a`). RFC 3986 makes it
    /// equal to the plain character, so `/c%61lendars/events` could be routed as
    /// `/calendars/events` by the server while a byte-wise matcher sees a parameter; no
    /// correct client produces it.
    #[error(
        "percent-encoded unreserved character {character:?} at byte {position}; write it plainly"
    )]
    EncodedUnreserved {
        /// Byte offset of the `%`.
        position: usize,
        /// The decoded character.
        character: char,
    },
    /// A percent-encoded slash or backslash (`%2F`, `%5C`) in the path: a server that decodes
    /// it before routing reads a path separator there, so the request could reach another
    /// endpoint than the one checked. Refused unless [`EncodedSlashes::Data`] is chosen.
    #[error(
        "percent-encoded {character:?} at byte {position}: a server that decodes it before routing would read another path"
    )]
    EncodedSlash {
        /// Byte offset of the `%`.
        position: usize,
        /// The decoded character, `/` or `\`.
        character: char,
    },
    /// A double-encoded slash, backslash or dot (`%252F`, `%255C`, `%252E`): a server that
    /// decodes twice reads a separator or a dot segment there. `%252F` and `%255C` are
    /// accepted with [`EncodedSlashes::Data`]; `%252E` never is.
    #[error(
        "double-encoded {character:?} at byte {position}: a server that decodes twice would read another path"
    )]
    DoubleEncoded {
        /// Byte offset of the `%25`.
        position: usize,
        /// The character it decodes to at the second decoding: `/`, `\` or `.`.
        character: char,
    },
    /// A percent-encoded control character in the path (`%00`, `%0A`, `%7F`), which some
    /// back ends truncate or split at.
    #[error("percent-encoded control byte {byte:#04x} at byte {position}")]
    EncodedControl {
        /// Byte offset of the `%`.
        position: usize,
        /// The decoded byte.
        byte: u8,
    },
    /// A backslash, which some servers treat as a path separator.
    #[error("backslash at byte {position}: some servers read it as a path separator")]
    Backslash {
        /// Byte offset of the backslash.
        position: usize,
    },
    /// A control byte (below `0x20`, or `0x7F`), including NUL, CR and LF.
    #[error("control byte {byte:#04x} at byte {position}")]
    ControlByte {
        /// Byte offset.
        position: usize,
        /// The byte.
        byte: u8,
    },
    /// A non-ASCII byte: a real client percent-encodes them.
    #[error("non-ASCII character at byte {position}: a client must percent-encode it")]
    NonAscii {
        /// Byte offset of the character's first byte.
        position: usize,
    },
    /// Another ASCII character that may not appear unencoded there: space, `"`, `<`, `>`,
    /// `^`, `` ` ``, `{`, `|`, `}`, a second `#`, or `;` in the path (path parameters, which
    /// some servers strip before routing).
    #[error("character {character:?} at byte {position} must be percent-encoded")]
    InvalidCharacter {
        /// Byte offset.
        position: usize,
        /// The character.
        character: char,
    },
}

/// A validated request target: its path, query and fragment, borrowed from the input.
///
/// ```
/// use scopewise::RequestTarget;
///
/// let t = RequestTarget::parse(
///     "https://Services.LeadConnectorHQ.com:443/contacts/abc%20def/?locationId=x#top",
///     "services.leadconnectorhq.com",
/// )
/// .unwrap();
/// assert_eq!(t.path(), "/contacts/abc%20def"); // one trailing slash dropped
/// assert_eq!(t.segments().collect::<Vec<_>>(), ["contacts", "abc%20def"]); // never decoded
/// assert_eq!(t.query(), Some("locationId=x"));
/// assert_eq!(t.fragment(), Some("top"));
/// ```
#[derive(Clone, Copy)]
pub struct RequestTarget<'a> {
    raw: &'a str,
    /// Byte offset of the path's leading `/` (the path of `https://host` is `/`).
    path_start: u16,
    /// End of the path, without the tolerated trailing slash.
    path_end: u16,
    query: Option<(u16, u16)>,
    fragment: Option<(u16, u16)>,
    /// Number of segments (≤ [`MAX_SEGMENTS`]).
    count: u8,
}

// Byte classes of the path. PLAIN is every byte a segment may hold as is: RFC 3986's
// unreserved and sub-delims (minus `;`), `:` and `@`.
const PLAIN: u8 = 0;
const SLASH: u8 = 1;
const PERCENT: u8 = 2;
const QUERY: u8 = 3;
const HASH: u8 = 4;
const BAD: u8 = 5;

const fn path_classes() -> [u8; 256] {
    let mut t = [BAD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = PLAIN;
        }
        b += 1;
    }
    let plain = b"-._~!$&'()*+,=:@";
    let mut i = 0;
    while i < plain.len() {
        t[plain[i] as usize] = PLAIN;
        i += 1;
    }
    t[b'/' as usize] = SLASH;
    t[b'%' as usize] = PERCENT;
    t[b'?' as usize] = QUERY;
    t[b'#' as usize] = HASH;
    t
}

static PATH_CLASS: [u8; 256] = path_classes();

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The lowest set high bit marks the first zero byte of `v` exactly (higher ones may be
/// false positives).
#[inline(always)]
const fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & HIGH
}

/// High bit of each byte of `x` (all below 0x80) set where the byte is ≥ `lo` (≤ 0x80).
#[inline(always)]
const fn at_least(x: u64, lo: u8) -> u64 {
    ((x | HIGH) - ONES * lo as u64) & HIGH
}

/// The offset of the first byte at or after `i` that is not PLAIN (or `b.len()`).
///
/// Reads eight bytes at a time and finds the first one that is not a letter or digit with
/// word arithmetic; only the other PLAIN bytes (`-`, `.`, `_`, …) go through the table.
#[inline(always)]
pub(crate) fn skip_plain(b: &[u8], mut i: usize) -> usize {
    loop {
        let x = load8(b, i);
        let lower = x | 0x2020_2020_2020_2020;
        let digits = at_least(x, b'0') & !at_least(x, b'9' + 1);
        let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
        // High bit set in each byte that is not a letter or digit (bytes past the end are 0).
        let other = (HIGH & !(digits | letters)) | (x & HIGH);
        if other == 0 {
            i += 8;
            continue;
        }
        i += (other.trailing_zeros() / 8) as usize;
        match b.get(i) {
            Some(&c) if PATH_CLASS[usize::from(c)] == PLAIN => i += 1,
            _ => return i,
        }
    }
}

pub(crate) use scopewise_model::route_table::load8;

const fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The decoded byte of the `%XX` at `i`, or why there is none.
#[inline]
pub(crate) fn percent_at(b: &[u8], i: usize) -> Result<u8, RequestError> {
    match (
        b.get(i + 1).copied().and_then(hex),
        b.get(i + 2).copied().and_then(hex),
    ) {
        (Some(h), Some(l)) => Ok(h << 4 | l),
        _ => Err(RequestError::InvalidPercentEncoding { position: i }),
    }
}

/// The rule for a path's `%XX` at `i` (decoded: `v`) that could mean another path to a server
/// that decodes before routing: `%2F` and `%5C`, once or twice encoded, and a double-encoded
/// `.`. The parser and the router both call it, so the two never disagree.
#[inline]
pub(crate) fn check_encoded_separator(
    b: &[u8],
    i: usize,
    v: u8,
    slashes: EncodedSlashes,
) -> Result<(), RequestError> {
    let twice = match v {
        b'/' | b'\\' if slashes == EncodedSlashes::Data => return Ok(()),
        b'/' | b'\\' => {
            return Err(RequestError::EncodedSlash {
                position: i,
                character: char::from(v),
            });
        }
        // `%25` then two hex digits: what a second decoding makes of them.
        b'%' => match (
            b.get(i + 3).copied().and_then(hex),
            b.get(i + 4).copied().and_then(hex),
        ) {
            (Some(h), Some(l)) => h << 4 | l,
            _ => return Ok(()),
        },
        _ => return Ok(()),
    };
    match twice {
        b'/' | b'\\' if slashes == EncodedSlashes::Data => Ok(()),
        b'/' | b'\\' | b'.' => Err(RequestError::DoubleEncoded {
            position: i,
            character: char::from(twice),
        }),
        _ => Ok(()),
    }
}

/// The error for a byte that is neither plain nor a delimiter, at `i` of `raw`.
#[cold]
fn bad_byte(raw: &str, i: usize) -> RequestError {
    let b = raw.as_bytes()[i];
    match b {
        b'\\' => RequestError::Backslash { position: i },
        0..=0x1f | 0x7f => RequestError::ControlByte {
            position: i,
            byte: b,
        },
        0x80.. => RequestError::NonAscii { position: i },
        _ => RequestError::InvalidCharacter {
            position: i,
            character: char::from(b),
        },
    }
}

/// Whether a segment whose raw bytes hold a percent-encoded `.` is a dot segment.
fn is_encoded_dot_segment(seg: &[u8]) -> bool {
    let mut dots = 0;
    let mut i = 0;
    while i < seg.len() {
        match seg[i] {
            b'.' => i += 1,
            b'%' if matches!(seg.get(i + 1..i + 3), Some(b"2e" | b"2E")) => i += 3,
            _ => return false,
        }
        dots += 1;
    }
    dots <= 2
}

impl<'a> RequestTarget<'a> {
    /// Parses and validates `target` for a catalog whose API host is `api_host`.
    ///
    /// Accepted: `/path[?query][#fragment]`, and `https://HOST[:443]/path[?query][#fragment]`
    /// where `HOST` equals `api_host` ignoring ASCII case. One trailing slash is dropped. The
    /// path is never decoded. Everything else is refused with the first [`RequestError`] in
    /// reading order:
    /// - over [`MAX_TARGET_LEN`] bytes, [`MAX_SEGMENT_LEN`] per segment or [`MAX_SEGMENTS`]
    ///   segments;
    /// - other schemes (`http` included), user information, other hosts (a trailing dot
    ///   included), ports other than 443;
    /// - in the path: empty and dot segments (also `%2e`-encoded), `%` without two hex digits,
    ///   encoded slashes and backslashes (`%2F`, `%5C`, also double-encoded: `%252F`, `%255C`;
    ///   see [`EncodedSlashes`]), a double-encoded dot (`%252E`), encoded unreserved
    ///   characters or control bytes, backslashes, control bytes,
    ///   non-ASCII bytes, `;` and the other characters RFC 3986 requires to be encoded;
    /// - in the query and fragment: bytes outside visible ASCII, invalid `%`, a second `#`.
    ///
    /// Work is one pass over the bytes; nothing allocates unless the target is refused for
    /// its scheme, host or port (the error keeps a copy).
    ///
    /// ```
    /// use scopewise::{RequestError, RequestTarget};
    ///
    /// let host = "services.leadconnectorhq.com";
    /// assert!(RequestTarget::parse("/contacts/abc123/tasks", host).is_ok());
    /// assert_eq!(
    ///     RequestTarget::parse("/contacts//tasks", host).unwrap_err(),
    ///     RequestError::EmptySegment { position: 10 }
    /// );
    /// assert_eq!(
    ///     RequestTarget::parse("https://services.leadconnectorhq.com.evil.example/contacts", host)
    ///         .unwrap_err()
    ///         .to_string(),
    ///     "host `services.leadconnectorhq.com.evil.example` is not the API host `services.leadconnectorhq.com`"
    /// );
    /// assert_eq!(
    ///     RequestTarget::parse("/contacts/%zz", host).unwrap_err(),
    ///     RequestError::InvalidPercentEncoding { position: 10 }
    /// );
    /// ```
    pub fn parse(
        target: &'a str,
        api_host: &'static str,
    ) -> Result<RequestTarget<'a>, RequestError> {
        RequestTarget::parse_with(target, api_host, EncodedSlashes::Reject)
    }

    /// [`RequestTarget::parse`], with a choice about encoded slashes and backslashes
    /// ([`EncodedSlashes`]; `parse` refuses them).
    ///
    /// ```
    /// use scopewise::{EncodedSlashes, RequestError, RequestTarget};
    ///
    /// let host = "services.leadconnectorhq.com";
    /// let t = RequestTarget::parse_with("/users/a%5Cb", host, EncodedSlashes::Data).unwrap();
    /// assert_eq!(t.path(), "/users/a%5Cb");
    /// // A double-encoded dot is refused whatever the choice.
    /// assert_eq!(
    ///     RequestTarget::parse_with("/users/%252E%252E", host, EncodedSlashes::Data).unwrap_err(),
    ///     RequestError::DoubleEncoded { position: 7, character: '.' }
    /// );
    /// ```
    pub fn parse_with(
        target: &'a str,
        api_host: &'static str,
        slashes: EncodedSlashes,
    ) -> Result<RequestTarget<'a>, RequestError> {
        let b = target.as_bytes();
        if b.len() > MAX_TARGET_LEN {
            return Err(RequestError::TooLong { length: b.len() });
        }
        let path_start = match b.first() {
            None => return Err(RequestError::Empty),
            Some(b'/') => {
                if b.get(1) == Some(&b'/') {
                    return Err(RequestError::EmptySegment { position: 1 });
                }
                0
            }
            Some(_) => authority_end(target, api_host)?,
        };
        let mut t = RequestTarget {
            raw: target,
            path_start: 0,
            path_end: 0,
            query: None,
            fragment: None,
            count: 0,
        };
        // Offsets fit in u16: the target is at most MAX_TARGET_LEN bytes.
        t.path_start = path_start as u16;
        let end = if b.get(path_start) == Some(&b'/') {
            t.scan_path(path_start + 1, slashes)?
        } else {
            // `https://host`, `https://host?q`: the path is `/`, written as nothing.
            path_start
        };
        t.path_end = end as u16;
        if end > path_start + 1 && b[end - 1] == b'/' {
            t.path_end -= 1;
        }
        (t.query, t.fragment) = scan_query_fragment(target, end)?;
        Ok(t)
    }

    /// Validates the path from `i` (just after its leading `/`), records the segments, and
    /// returns where the path ends.
    #[inline]
    fn scan_path(&mut self, mut i: usize, slashes: EncodedSlashes) -> Result<usize, RequestError> {
        let b = self.raw.as_bytes();
        let mut seg_start = i;
        // Offset of the first `%2e` of the current segment, decided at the segment's end.
        let mut encoded_dot: Option<usize> = None;
        loop {
            i = skip_plain(b, i);
            match b.get(i) {
                Some(b'/') => {
                    if i == seg_start {
                        return Err(RequestError::EmptySegment { position: i });
                    }
                    self.close_segment(seg_start, i, encoded_dot.take())?;
                    i += 1;
                    seg_start = i;
                }
                Some(b'%') => {
                    let v = percent_at(b, i)?;
                    check_encoded_separator(b, i, v, slashes)?;
                    if v == b'.' {
                        encoded_dot.get_or_insert(i);
                    } else if v.is_ascii_alphanumeric() || matches!(v, b'-' | b'_' | b'~') {
                        return Err(RequestError::EncodedUnreserved {
                            position: i,
                            character: char::from(v),
                        });
                    } else if v < 0x20 || v == 0x7f {
                        return Err(RequestError::EncodedControl {
                            position: i,
                            byte: v,
                        });
                    }
                    i += 3;
                }
                None | Some(b'?' | b'#') => {
                    // An empty last segment is the tolerated trailing slash (or the root).
                    if i > seg_start {
                        self.close_segment(seg_start, i, encoded_dot)?;
                    }
                    return Ok(i);
                }
                Some(_) => return Err(bad_byte(self.raw, i)),
            }
        }
    }

    #[inline]
    fn close_segment(
        &mut self,
        start: usize,
        end: usize,
        encoded_dot: Option<usize>,
    ) -> Result<(), RequestError> {
        let seg = &self.raw.as_bytes()[start..end];
        if seg[0] == b'.' && seg.len() <= 2 && (seg.len() == 1 || seg[1] == b'.') {
            return Err(RequestError::DotSegment { position: start });
        }
        if let Some(position) = encoded_dot {
            if is_encoded_dot_segment(seg) {
                return Err(RequestError::DotSegment { position: start });
            }
            return Err(RequestError::EncodedUnreserved {
                position,
                character: '.',
            });
        }
        if seg.len() > MAX_SEGMENT_LEN {
            return Err(RequestError::SegmentTooLong {
                position: start,
                length: seg.len(),
            });
        }
        let count = usize::from(self.count);
        if count == MAX_SEGMENTS {
            return Err(RequestError::TooManySegments);
        }
        self.count += 1;
        Ok(())
    }

    /// The target as given.
    ///
    /// ```
    /// let t = scopewise::RequestTarget::parse("/a?b", "h.example").unwrap();
    /// assert_eq!(t.as_str(), "/a?b");
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// The path, still percent-encoded, without the tolerated trailing slash; `/` for the root.
    ///
    /// ```
    /// let host = "services.leadconnectorhq.com";
    /// let t = scopewise::RequestTarget::parse("https://services.leadconnectorhq.com?x=1", host).unwrap();
    /// assert_eq!(t.path(), "/");
    /// ```
    pub fn path(&self) -> &'a str {
        let (start, end) = (usize::from(self.path_start), usize::from(self.path_end));
        self.raw
            .get(start..end)
            .filter(|p| !p.is_empty())
            .unwrap_or("/")
    }

    /// The query without its `?`, if the target has one.
    ///
    /// ```
    /// let t = scopewise::RequestTarget::parse("/a?", "h.example").unwrap();
    /// assert_eq!(t.query(), Some(""));
    /// ```
    pub fn query(&self) -> Option<&'a str> {
        let (s, e) = self.query?;
        self.raw.get(usize::from(s)..usize::from(e))
    }

    /// The fragment without its `#`, if the target has one.
    ///
    /// ```
    /// let t = scopewise::RequestTarget::parse("/a#f", "h.example").unwrap();
    /// assert_eq!(t.fragment(), Some("f"));
    /// ```
    pub fn fragment(&self) -> Option<&'a str> {
        let (s, e) = self.fragment?;
        self.raw.get(usize::from(s)..usize::from(e))
    }

    /// The path's segments, still percent-encoded.
    ///
    /// ```
    /// let t = scopewise::RequestTarget::parse("/contacts/a%3Ab/", "h.example").unwrap();
    /// assert_eq!(t.segments().collect::<Vec<_>>(), ["contacts", "a%3Ab"]);
    /// assert_eq!(scopewise::RequestTarget::parse("/", "h.example").unwrap().segments().count(), 0);
    /// ```
    pub fn segments(&self) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let path = self.path();
        path.get(1..)
            .unwrap_or("")
            .split('/')
            .filter(|s| !s.is_empty())
    }

    /// How many segments the path has.
    ///
    /// ```
    /// let t = scopewise::RequestTarget::parse("/contacts/abc", "h.example").unwrap();
    /// assert_eq!(t.segment_count(), 2);
    /// ```
    pub fn segment_count(&self) -> usize {
        usize::from(self.count)
    }
}

/// Offsets of a target's query and fragment (without `?` and `#`).
pub(crate) type Parts = (Option<(u16, u16)>, Option<(u16, u16)>);

/// Validates the rest of `raw` from `seg_start`, the start of a path segment after
/// `segments` segments known to be valid, as [`RequestTarget::parse_with`] would: the first
/// error in reading order from there, if any. The router calls it on a miss, so that a miss
/// does not read the target twice.
pub(crate) fn validate_rest(
    raw: &str,
    seg_start: usize,
    segments: usize,
    slashes: EncodedSlashes,
) -> Result<(), RequestError> {
    let mut t = RequestTarget {
        raw,
        path_start: 0,
        path_end: 0,
        query: None,
        fragment: None,
        // At most ROUTE_DEPTH (16) segments lie before a miss.
        count: segments.min(MAX_SEGMENTS) as u8,
    };
    let end = t.scan_path(seg_start, slashes)?;
    scan_query_fragment(raw, end)?;
    Ok(())
}

/// Validates the query and fragment of `raw` that start at `i` (at `?`, `#` or the end):
/// visible ASCII only, valid `%XX`, no second `#`.
pub(crate) fn scan_query_fragment(raw: &str, mut i: usize) -> Result<Parts, RequestError> {
    let b = raw.as_bytes();
    let (mut query, mut fragment) = (None, None);
    let mut in_query = b.get(i) == Some(&b'?');
    if !in_query && i == b.len() {
        return Ok((None, None));
    }
    let mut part_start = i + 1;
    i += 1;
    loop {
        // Eight bytes at a time while they are all visible ASCII other than `%` and `#`.
        while let Some(w) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            let x = u64::from_le_bytes(*w);
            let visible = at_least(x, 0x21) & !at_least(x, 0x7f) & !(x & HIGH);
            let special =
                zero_bytes(x ^ (ONES * u64::from(b'%'))) | zero_bytes(x ^ (ONES * u64::from(b'#')));
            if visible != HIGH || special != 0 {
                break;
            }
            i += 8;
        }
        match b.get(i) {
            None => break,
            Some(b'#') if in_query => {
                query = Some((part_start as u16, i as u16));
                in_query = false;
                part_start = i + 1;
                i += 1;
            }
            Some(b'%') => {
                percent_at(b, i)?;
                i += 3;
            }
            Some(b'#') => {
                return Err(RequestError::InvalidCharacter {
                    position: i,
                    character: '#',
                });
            }
            Some(0x21..=0x7e) => i += 1,
            Some(_) => return Err(bad_byte(raw, i)),
        }
    }
    let part = Some((part_start as u16, b.len() as u16));
    if in_query {
        query = part;
    } else {
        fragment = part;
    }
    Ok((query, fragment))
}

/// Checks the scheme and authority of an absolute URL; returns where its path starts.
#[cold]
pub(crate) fn authority_end(target: &str, api_host: &'static str) -> Result<usize, RequestError> {
    let b = target.as_bytes();
    let colon = b
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
        .filter(|&i| i > 0 && b[0].is_ascii_alphabetic() && b[i] == b':')
        .ok_or(RequestError::NotAPathOrUrl)?;
    let scheme = &target[..colon];
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(RequestError::SchemeNotAllowed {
            scheme: crate::truncate(scheme, 32).to_owned(),
        });
    }
    if b.get(colon + 1..colon + 3) != Some(b"//") {
        return Err(RequestError::NotAPathOrUrl);
    }
    let start = colon + 3;
    let end = b[start..]
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .map_or(b.len(), |p| start + p);
    let authority = &target[start..end];
    if let Some(at) = authority.find('@') {
        return Err(RequestError::UserInfo {
            position: start + at,
        });
    }
    // An IP-literal host (`[::1]`) holds colons of its own; the port follows its `]`.
    let host_end = match authority.starts_with('[') {
        true => authority.find(']').map_or(authority.len(), |i| i + 1),
        false => 0,
    };
    let (host, port) = match authority[host_end..].rfind(':') {
        Some(c) => (
            &authority[..host_end + c],
            Some(&authority[host_end + c + 1..]),
        ),
        None => (authority, None),
    };
    if !host.eq_ignore_ascii_case(api_host) {
        return Err(RequestError::HostNotAllowed {
            host: crate::truncate(host, 128).to_owned(),
            expected: api_host,
        });
    }
    if let Some(port) = port.filter(|p| *p != "443") {
        return Err(RequestError::PortNotAllowed {
            port: crate::truncate(port, 32).to_owned(),
        });
    }
    Ok(end)
}

impl fmt::Debug for RequestTarget<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestTarget")
            .field("path", &self.path())
            .field("query", &self.query())
            .field("fragment", &self.fragment())
            .finish()
    }
}
