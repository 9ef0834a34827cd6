//! Matching a concrete request (method + target) to the catalog endpoint it calls.
//!
//! The router is a segment trie per HTTP method, built when the catalog is compiled
//! (`scopewise_model::route_table`, emitted as `static` data by `include_catalog!`): nothing
//! is built, allocated or locked at run time. Each node's static children sit in a small open-addressed
//! table (seeded so that children land in their home slot) hashed on the first `k` bytes of
//! the segment, `k` the length of the node's shortest static child: a static segment is
//! found with one 8-byte load, one multiply and one or two word compares, without scanning
//! it for its end. It is valid by construction once it equals a route segment. Parameter
//! segments are scanned eight bytes at a time and validated by the rules of
//! [`RequestTarget::parse`] on the way. Anything that does not match goes down a slow path
//! that runs the full parser first, so a malformed target is always reported as such.

use core::fmt;

use scopewise_model::route_table::{FOLD, NONE, ROUTE_DEPTH, RouteNode, RouteSlot, slot_index};

use crate::request::{
    MAX_SEGMENT_LEN, authority_end, check_encoded_separator, load8, percent_at,
    scan_query_fragment, skip_plain, validate_rest,
};
use crate::{
    Catalog, EncodedSlashes, Endpoint, MAX_TARGET_LEN, Method, RequestError, RequestTarget,
};

mod error;
mod matched;

pub use error::MatchError;
pub use matched::{Match, Params};

/// Whether a segment may end at `i`: end of input, `/`, `?` or `#`.
#[inline(always)]
fn ends_segment(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), None | Some(b'/' | b'?' | b'#'))
}

/// Whether the path ends at `i`, where a segment would start.
#[inline(always)]
fn ends_path(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), None | Some(b'?' | b'#'))
}

/// How a walk ended. Anything but `Found` sends the request down the slow path, which
/// validates the whole target first so that a malformed target is always reported as such.
enum Walk {
    /// (endpoint index, byte offset where the path ends).
    Found(u32, usize),
    /// No route: the deepest segment start reached, and how many segments (all valid) lie
    /// before it.
    NotFound(usize, usize),
    /// A segment that no route accepts as written and that is malformed.
    Invalid,
    /// (segment offset, route segment).
    CaseVariant(usize, &'static str),
}

/// The matcher for one catalog: a segment trie per method. See the module docs.
///
/// Obtained from [`Catalog::router`] (static tables generated with the catalog) and used through
/// [`Catalog::match_request`]; [`Router::find`] takes an already parsed [`Method`].
///
/// ```
/// use scopewise::{highlevel::CATALOG, Method};
///
/// let router = CATALOG.router();
/// let m = router.find(Method::Get, "/locations/search").unwrap();
/// assert_eq!(m.endpoint().template(), "/locations/search");
/// ```
pub struct Router {
    endpoints: &'static [Endpoint],
    provider: &'static str,
    api_host: &'static str,
    nodes: &'static [RouteNode],
    slots: &'static [RouteSlot],
    /// The text of each slot, read only to compare long segments and to spot case variants.
    texts: &'static [&'static str],
}

impl Router {
    /// The router over tables that `include_catalog!` built at compile time
    /// (`scopewise_model::route_table::build`).
    #[doc(hidden)]
    pub const fn __new(
        endpoints: &'static [Endpoint],
        provider: &'static str,
        api_host: &'static str,
        nodes: &'static [RouteNode],
        slots: &'static [RouteSlot],
        texts: &'static [&'static str],
    ) -> Router {
        Router {
            endpoints,
            provider,
            api_host,
            nodes,
            slots,
            texts,
        }
    }

    /// Matches `method` + `target` (a path or an `https://` URL on the API host) to an
    /// endpoint; [`Catalog::match_request`] with a parsed method.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Method};
    ///
    /// let m = CATALOG.router().find(Method::Get, "/social-media-posting/oauth/accounts").unwrap();
    /// assert_eq!(m.endpoint().template(), "/social-media-posting/{locationId}/accounts");
    /// ```
    pub fn find<'a>(&self, method: Method, target: &'a str) -> Result<Match<'a>, MatchError> {
        self.find_with(method, target, EncodedSlashes::Reject)
    }

    /// [`Router::find`], with a choice about encoded slashes and backslashes
    /// ([`EncodedSlashes`]; `find` refuses them).
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, EncodedSlashes, MatchError, Method, RequestError};
    ///
    /// let router = CATALOG.router();
    /// // A gateway that decodes `%2F` before routing would serve `GET /users/{userId}`.
    /// assert!(matches!(
    ///     router.find(Method::Get, "/contacts/x%2F..%2F..%2Fusers%2Fy"),
    ///     Err(MatchError::Request(RequestError::EncodedSlash { position: 11, character: '/' }))
    /// ));
    /// let m = router.find_with(Method::Get, "/contacts/a%2Fb", EncodedSlashes::Data).unwrap();
    /// assert_eq!(m.param("contactId"), Some("a%2Fb"));
    /// ```
    pub fn find_with<'a>(
        &self,
        method: Method,
        target: &'a str,
        slashes: EncodedSlashes,
    ) -> Result<Match<'a>, MatchError> {
        let b = target.as_bytes();
        if b.len() > MAX_TARGET_LEN {
            return Err(RequestError::TooLong { length: b.len() }.into());
        }
        let path_start = match b.first() {
            Some(b'/') => 0,
            Some(_) => match self.origin_len(b) {
                Some(len) => len,
                None => authority_end(target, self.api_host)?,
            },
            None => return Err(RequestError::Empty.into()),
        };
        // `https://host` and `https://host?q` have the empty path, which is `/`.
        let walk = if b.get(path_start) == Some(&b'/') {
            self.walk(method_index(method) as u32, b, path_start + 1, slashes)
        } else {
            match self.nodes[method_index(method)].endpoint {
                NONE => Walk::NotFound(path_start, 0),
                e => Walk::Found(e, path_start),
            }
        };
        if let Walk::Found(e, end) = walk {
            // Every segment was validated on the way (a static segment by equality with
            // the route's, a parameter by `param_end`); the query and fragment remain.
            scan_query_fragment(target, end)?;
            let path_end = if end > path_start + 1 && b[end - 1] == b'/' {
                end - 1
            } else {
                end
            };
            let path = target.get(path_start..path_end).filter(|p| !p.is_empty());
            return Ok(Match {
                endpoint: &self.endpoints[e as usize],
                path: path.unwrap_or("/"),
            });
        }
        self.explain_miss(method, target, walk, slashes)
    }

    /// The length of `https://API_HOST` (any case) when the target starts with exactly that,
    /// followed by the path, query, fragment or the end; otherwise the full check decides.
    #[inline]
    fn origin_len(&self, b: &[u8]) -> Option<usize> {
        let host = self.api_host.as_bytes();
        let end = 8 + host.len();
        let ok = b.get(..8)?.eq_ignore_ascii_case(b"https://")
            && b.get(8..end)?.eq_ignore_ascii_case(host)
            && matches!(b.get(end), None | Some(b'/' | b'?' | b'#'));
        ok.then_some(end)
    }

    /// The error for a walk that found nothing: the target's own defect first, if it has one.
    ///
    /// A plain miss validates only what the walk did not read: every segment before the
    /// deepest one it reached was validated on the way (a static segment by equality, a
    /// parameter by `param_end`), so a miss costs about what a hit costs. The rarer endings
    /// run the full parser.
    fn explain_miss<'a>(
        &self,
        method: Method,
        target: &'a str,
        walk: Walk,
        slashes: EncodedSlashes,
    ) -> Result<Match<'a>, MatchError> {
        match walk {
            Walk::NotFound(position, segments) => {
                validate_rest(target, position, segments, slashes)?;
            }
            Walk::CaseVariant(..) | Walk::Invalid | Walk::Found(..) => {
                RequestTarget::parse_with(target, self.api_host, slashes)?;
            }
        }
        Err(match walk {
            Walk::CaseVariant(position, route_segment) => MatchError::CaseVariant {
                position,
                route_segment,
            },
            Walk::NotFound(position, _) => MatchError::NotFound {
                provider: self.provider,
                method,
                position,
            },
            // The walk and the parser disagree on validity. Unreachable by construction
            // (both use the same byte classes); refuse rather than match.
            Walk::Invalid | Walk::Found(..) => MatchError::NotFound {
                provider: self.provider,
                method,
                position: 0,
            },
        })
    }

    /// Matches the path from byte `p` (a segment's start) at `node`: the static child
    /// first, then the parameter child. When a static child leads nowhere, the walk resumes
    /// at the parameter child of the node it left (backtracking); the alternatives wait on a
    /// stack of at most [`ROUTE_DEPTH`] entries. Every trie node is reached by one path only,
    /// so each is visited at most once: the walk is linear in the trie's size at worst, and
    /// in practice a few nodes.
    #[inline]
    fn walk(&self, mut node: u32, b: &[u8], mut p: usize, slashes: EncodedSlashes) -> Walk {
        let next = |end: usize| {
            if b.get(end) == Some(&b'/') {
                end + 1
            } else {
                end
            }
        };
        // Pending parameter alternatives, packed as `node << 32 | segments << 16 | p` (`p` is
        // below MAX_TARGET_LEN, segments at most ROUTE_DEPTH).
        let mut stack = [0u64; ROUTE_DEPTH];
        let mut depth = 0;
        // Segments consumed before `p` on the current branch.
        let mut segments = 0usize;
        let (mut deepest, mut deepest_segments) = (p, 0);
        let mut param_only = false;
        'walk: loop {
            let n = &self.nodes[node as usize];
            'fail: {
                if ends_path(b, p) {
                    if n.endpoint != NONE {
                        return Walk::Found(n.endpoint, p);
                    }
                    break 'fail;
                }
                if !param_only && n.probes > 0 {
                    match self.static_child(n, b, p) {
                        StaticChild::Hit(child, end) => {
                            if n.param != NONE {
                                // A trie path has at most ROUTE_DEPTH nodes, hence as many
                                // pending alternatives.
                                if let Some(slot) = stack.get_mut(depth) {
                                    *slot =
                                        u64::from(node) << 32 | (segments as u64) << 16 | p as u64;
                                    depth += 1;
                                }
                            }
                            node = child;
                            p = next(end);
                            segments += 1;
                            continue 'walk;
                        }
                        StaticChild::Variant(text) => return Walk::CaseVariant(p, text),
                        StaticChild::None => {}
                    }
                }
                param_only = false;
                if n.param == NONE {
                    break 'fail;
                }
                let end = skip_plain(b, p);
                let end = if matches!(b.get(end), None | Some(b'/' | b'?' | b'#')) {
                    let seg = &b[p..end];
                    if seg.is_empty() || seg == b"." || seg == b".." {
                        return Walk::Invalid;
                    }
                    end
                } else {
                    match param_end(b, end, slashes) {
                        Some(end) => end,
                        None => return Walk::Invalid,
                    }
                };
                if end - p > MAX_SEGMENT_LEN {
                    return Walk::Invalid;
                }
                node = n.param;
                p = next(end);
                segments += 1;
                continue 'walk;
            }
            // No endpoint below here: resume at the latest pending parameter alternative.
            // Every segment before `p` was validated on this branch.
            if p > deepest {
                (deepest, deepest_segments) = (p, segments);
            }
            if depth == 0 {
                return Walk::NotFound(deepest, deepest_segments);
            }
            depth -= 1;
            node = (stack[depth] >> 32) as u32;
            segments = (stack[depth] >> 16 & 0xffff) as usize;
            p = (stack[depth] & 0xffff) as usize;
            param_only = true;
        }
    }

    /// The static child of `n` that the segment at `p` names exactly, if any.
    #[inline(always)]
    fn static_child(&self, n: &RouteNode, b: &[u8], p: usize) -> StaticChild {
        // The segment's first 8 bytes, and maybe bytes after it: only the node's prefix is
        // hashed, and each candidate checks its own length and the delimiter after it.
        let word = load8(b, p);
        let mask = (1usize << n.bits) - 1;
        let mut i = slot_index(word, n.prefix, n.seed, n.bits);
        let mut variant = StaticChild::None;
        for _ in 0..n.probes {
            let at = n.table as usize + i;
            let s = &self.slots[at];
            if s.len == 0 {
                break;
            }
            let len = s.len as usize;
            let end = p + len;
            if word & s.lo_mask == s.lo
                && end <= b.len()
                && (len <= 8
                    || (load8(b, end - 8) == s.hi
                        && (len <= 16 || b.get(p..end) == Some(self.texts[at].as_bytes()))))
                && ends_segment(b, end)
            {
                return StaticChild::Hit(s.child, end);
            }
            if (word | FOLD) & s.lo_mask == (s.lo | FOLD) & s.lo_mask {
                let text = self.texts[at];
                if b.get(p..end)
                    .is_some_and(|x| x.eq_ignore_ascii_case(text.as_bytes()))
                    && ends_segment(b, end)
                {
                    variant = StaticChild::Variant(text);
                }
            }
            i = (i + 1) & mask;
        }
        variant
    }
}

/// What a node's static children say about a segment.
enum StaticChild {
    /// (child node, end of the segment).
    Hit(u32, usize),
    /// No child, but one equal to the segment ignoring ASCII case.
    Variant(&'static str),
    None,
}

/// Continues a parameter segment from `i`, where a byte other than a letter, digit or other
/// PLAIN byte stopped the fast scan; returns where the segment ends if it is valid (the
/// rules of [`RequestTarget::parse`]: `%XX` that encodes neither an unreserved character nor
/// a control byte; no other non-PLAIN byte; not `.`/`..` encoded).
fn param_end(b: &[u8], mut i: usize, slashes: EncodedSlashes) -> Option<usize> {
    loop {
        match b.get(i) {
            Some(b'%') => {
                let v = percent_at(b, i).ok()?;
                check_encoded_separator(b, i, v, slashes).ok()?;
                if v.is_ascii_alphanumeric()
                    || matches!(v, b'-' | b'.' | b'_' | b'~')
                    || v < 0x20
                    || v == 0x7f
                {
                    return None;
                }
                i = skip_plain(b, i + 3);
            }
            None | Some(b'/' | b'?' | b'#') => return Some(i),
            Some(_) => return None,
        }
    }
}

fn method_index(method: Method) -> usize {
    match method {
        Method::Get => 0,
        Method::Post => 1,
        Method::Put => 2,
        Method::Patch => 3,
        Method::Delete => 4,
    }
}

/// Parses a method name, ignoring ASCII case, without the generic loop of [`Method::parse`].
#[inline]
fn fast_method(name: &str) -> Option<Method> {
    // Setting bit 5 lower-cases a letter; only the two cases of a letter map to it.
    let word = load8(name.as_bytes(), 0) | 0x2020_2020_2020;
    let m = match (name.len(), word.to_le_bytes()) {
        (3, [b'g', b'e', b't', ..]) => Method::Get,
        (3, [b'p', b'u', b't', ..]) => Method::Put,
        (4, [b'p', b'o', b's', b't', ..]) => Method::Post,
        (5, [b'p', b'a', b't', b'c', b'h', ..]) => Method::Patch,
        (6, [b'd', b'e', b'l', b'e', b't', b'e', ..]) => Method::Delete,
        _ => return None,
    };
    Some(m)
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("provider", &self.provider)
            .field("nodes", &self.nodes.len())
            .field("slots", &self.slots.len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Matches a concrete request to the endpoint it calls, and captures its parameters.
    ///
    /// `method` is any case of GET, POST, PUT, PATCH or DELETE. `target` is what an HTTP
    /// client sends: a path (`/contacts/abc123/tasks`), with a query and fragment, or a full
    /// `https://` URL on [`Catalog::api_host`]; see [`RequestTarget::parse`] for what is
    /// refused and why.
    ///
    /// - Static segments win over parameters: `GET /calendars/events` is the events endpoint,
    ///   not `/calendars/{calendarId}`.
    /// - When a static branch fails deeper, the parameter branch is tried:
    ///   `GET /social-media-posting/oauth/accounts` is
    ///   `/social-media-posting/{locationId}/accounts` with `locationId = "oauth"`.
    /// - One trailing slash is tolerated; the query and fragment are ignored (but validated).
    /// - Static segments match byte for byte (no decoding, case-sensitive); a segment that
    ///   differs from a static route segment only in case is refused
    ///   ([`MatchError::CaseVariant`]).
    ///
    /// Nothing allocates on success.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, MatchError, RequestError};
    ///
    /// let m = CATALOG
    ///     .match_request("get", "https://services.leadconnectorhq.com/contacts/abc123?locationId=x")
    ///     .unwrap();
    /// assert_eq!(m.endpoint().template(), "/contacts/{contactId}");
    /// assert_eq!(m.param("contactId"), Some("abc123"));
    ///
    /// assert_eq!(
    ///     CATALOG.match_request("GET", "/calendars/events").unwrap().endpoint().template(),
    ///     "/calendars/events"
    /// );
    /// assert!(matches!(
    ///     CATALOG.match_request("GET", "https://evil.example/contacts/abc"),
    ///     Err(MatchError::Request(RequestError::HostNotAllowed { .. }))
    /// ));
    /// ```
    pub fn match_request<'a>(
        &self,
        method: &str,
        target: &'a str,
    ) -> Result<Match<'a>, MatchError> {
        self.match_request_with(method, target, EncodedSlashes::Reject)
    }

    /// [`Catalog::match_request`], with a choice about encoded slashes and backslashes
    /// ([`EncodedSlashes`]; `match_request` refuses them).
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, EncodedSlashes, MatchError, RequestError};
    ///
    /// assert!(matches!(
    ///     CATALOG.match_request("GET", "/users/search%2F"),
    ///     Err(MatchError::Request(RequestError::EncodedSlash { .. }))
    /// ));
    /// let m = CATALOG.match_request_with("GET", "/users/search%2F", EncodedSlashes::Data).unwrap();
    /// assert_eq!(m.endpoint().template(), "/users/{userId}");
    /// ```
    pub fn match_request_with<'a>(
        &self,
        method: &str,
        target: &'a str,
        slashes: EncodedSlashes,
    ) -> Result<Match<'a>, MatchError> {
        let method = match fast_method(method) {
            Some(m) => m,
            None => Method::parse(method)?,
        };
        self.router().find_with(method, target, slashes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlevel::CATALOG;

    fn template(method: &str, target: &str) -> Result<&'static str, MatchError> {
        CATALOG
            .match_request(method, target)
            .map(|m| m.endpoint().template())
    }

    #[test]
    fn static_segments_take_precedence() {
        assert_eq!(
            template("GET", "/calendars/events"),
            Ok("/calendars/events")
        );
        assert_eq!(
            template("GET", "/calendars/cal1"),
            Ok("/calendars/{calendarId}")
        );
        assert_eq!(
            template("GET", "/locations/search"),
            Ok("/locations/search")
        );
        assert_eq!(
            template("GET", "/locations/timeZones"),
            Ok("/locations/timeZones")
        );
        assert_eq!(
            template("GET", "/locations/loc1"),
            Ok("/locations/{locationId}")
        );
        assert_eq!(
            template("GET", "/marketplace/billing/charges/has-funds"),
            Ok("/marketplace/billing/charges/has-funds")
        );
    }

    #[test]
    fn backtracks_from_a_failed_static_branch() {
        let m = CATALOG
            .match_request("GET", "/social-media-posting/oauth/accounts")
            .unwrap();
        assert_eq!(
            m.endpoint().template(),
            "/social-media-posting/{locationId}/accounts"
        );
        assert_eq!(m.param("locationId"), Some("oauth"));
    }

    #[test]
    fn method_selects_the_trie() {
        assert_eq!(template("gEt", "/contacts/x"), Ok("/contacts/{contactId}"));
        assert!(matches!(
            template("TRACE", "/contacts/x"),
            Err(MatchError::Method(_))
        ));
        // Each method has its own trie: a GET path is not found under a method that has no
        // endpoint with that template, and the miss names that method.
        let (e, other) = CATALOG
            .endpoints()
            .iter()
            .filter(|e| e.method() == Method::Get && !e.template().contains('{'))
            .find_map(|e| {
                // No endpoint of that method fits the path, by a segment-wise reference.
                let fits = |t: &str| {
                    let (a, b) = (t.split('/'), e.template().split('/'));
                    a.clone().count() == b.clone().count()
                        && a.zip(b).all(|(x, y)| x.starts_with('{') || x == y)
                };
                let other = [Method::Post, Method::Put, Method::Patch, Method::Delete]
                    .into_iter()
                    .find(|m| {
                        !CATALOG
                            .endpoints()
                            .iter()
                            .any(|x| x.method() == *m && fits(x.template()))
                    })?;
                Some((e, other))
            })
            .expect("a static GET path that another method does not have");
        assert_eq!(template("GET", e.template()), Ok(e.template()));
        assert!(
            matches!(
                template(other.as_str(), e.template()),
                Err(MatchError::NotFound { method, .. }) if method == other
            ),
            "{other} {}",
            e.template()
        );
    }

    #[test]
    fn case_variants_are_refused() {
        assert_eq!(
            template("GET", "/calendars/EVENTS"),
            Err(MatchError::CaseVariant {
                position: 11,
                route_segment: "events"
            })
        );
    }

    #[test]
    fn not_found_names_the_deepest_segment() {
        assert_eq!(
            template("GET", "/contacts/abc/nope/x"),
            Err(MatchError::NotFound {
                provider: "highlevel",
                method: Method::Get,
                position: 14
            })
        );
        // Every segment fits, but no endpoint ends here.
        let err = template("GET", "/ad-publishing").unwrap_err();
        assert!(
            matches!(err, MatchError::NotFound { position: 14, .. }),
            "{err:?}"
        );
    }

    /// A miss validates only what the walk did not read, and still reports exactly what the
    /// full parser reports, wherever the defect is.
    #[test]
    fn a_miss_reports_the_parsers_error_without_reparsing() {
        let deep = format!("/contacts/abc/nope{}", "/a".repeat(70));
        for target in [
            "/contacts/abc/nope/%zz",
            "/contacts/abc/nope/a%2Fb",
            "/contacts/abc/nope//x",
            "/contacts/abc/nope/x?q=%4",
            "/contacts/abc/nope/x#a#b",
            "/contacts/abc/nope/../x",
            "/social-media-posting/oauth/nope/%00",
            "https://services.leadconnectorhq.com/contacts/abc/nope/\\x",
            deep.as_str(),
        ] {
            let parsed = RequestTarget::parse(target, CATALOG.api_host()).unwrap_err();
            assert_eq!(
                CATALOG.match_request("GET", target).unwrap_err(),
                MatchError::Request(parsed),
                "{target}"
            );
        }
        // A clean miss stays a miss, at the deepest segment reached.
        assert!(matches!(
            CATALOG.match_request("GET", "/contacts/abc/nope/x?q=1#f"),
            Err(MatchError::NotFound { position: 14, .. })
        ));
    }

    #[test]
    fn every_table_is_reachable() {
        let router = CATALOG.router();
        for e in CATALOG.endpoints() {
            let concrete = e.template().replace('{', "p").replace('}', "");
            // Parameter values `pname` never equal a static sibling in this catalog.
            let m = router.find(e.method(), &concrete).unwrap();
            assert_eq!(m.endpoint(), e, "{concrete}");
        }
    }
}
