//! Matching a concrete request (method + target) to the catalog endpoint it calls.
//!
//! The router is a segment trie per HTTP method, built once per catalog on first use and kept
//! for the life of the process. Each node's static children sit in a small open-addressed
//! table (seeded so that children land in their home slot) hashed on the first `k` bytes of
//! the segment, `k` the length of the node's shortest static child: a static segment is
//! found with one 8-byte load, one multiply and one or two word compares, without scanning
//! it for its end. It is valid by construction once it equals a route segment. Parameter
//! segments are scanned eight bytes at a time and validated by the rules of
//! [`RequestTarget::parse`] on the way. Anything that does not match goes down a slow path
//! that runs the full parser first, so a malformed target is always reported as such.
//!
//! The tables are flat arrays indexed by number, the shape a compile-time generator could
//! emit as `static` data.

use core::fmt;
use std::sync::{Mutex, OnceLock};

use scopewise_model::template::{RawSegment, segments};

use crate::request::{
    MAX_SEGMENT_LEN, authority_end, check_encoded_separator, load8, percent_at,
    scan_query_fragment, skip_plain,
};
use crate::{
    Catalog, EncodedSlashes, Endpoint, MAX_TARGET_LEN, Method, ParseMethodError, RequestError,
    RequestTarget,
};

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
    endpoint: &'static Endpoint,
    path: &'a str,
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
    template: core::str::Split<'static, char>,
    path: core::str::Split<'a, char>,
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

const NONE: u32 = u32::MAX;
/// Sets bit 5 of every byte: folds ASCII letters to lower case for hashing, so a case
/// variant of a static segment lands in the same bucket as the segment.
const FOLD: u64 = 0x2020_2020_2020_2020;
/// Multiplier of the bucket hash (odd, from the golden ratio).
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
/// No template is deeper than this many segments; deeper ones are refused at build time,
/// which bounds the walk's recursion.
const ROUTE_DEPTH: usize = 16;

/// A trie node.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Index into the catalog's endpoints, or NONE.
    endpoint: u32,
    /// The parameter child, or NONE.
    param: u32,
    /// First slot of the static children's table in `Router::slots`.
    table: u32,
    /// log2 of the table's size.
    bits: u8,
    /// How many slots a lookup reads at most: 0 when the node has no static child, 1 when
    /// every child sits in its home slot (the usual case: seeds are searched for that).
    probes: u8,
    seed: u64,
    /// Mask of the first `k` bytes of a word, `k` the length of the shortest static child
    /// (at most 8): the bytes of a segment that are hashed, read without finding its end.
    prefix: u64,
}

/// A static child: the segment it matches and where it leads.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The segment's first `min(len, 8)` bytes, little endian, zero-padded.
    lo: u64,
    /// Mask of those bytes.
    lo_mask: u64,
    /// Its last 8 bytes when it is longer than 8.
    hi: u64,
    /// 0 marks an empty slot (segments are never empty). Static segments are at most 512
    /// bytes (the template limit).
    len: u32,
    child: u32,
}

const EMPTY_SLOT: Slot = Slot {
    lo: 0,
    lo_mask: 0,
    hi: 0,
    len: 0,
    child: NONE,
};

/// Mask of the first `n` bytes of a word (`n` ≤ 8).
#[inline(always)]
fn mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// The first and last `min(len, 8)` bytes of a static segment.
fn text_words(t: &[u8]) -> (u64, u64) {
    let lo = load8(t, 0) & mask(t.len());
    let hi = if t.len() > 8 {
        load8(t, t.len() - 8)
    } else {
        lo
    };
    (lo, hi)
}

/// The home slot of the segment whose first 8 bytes are `word`, at a node that hashes the
/// `prefix` bytes of it. Letters are folded to one case first, so a case variant of a
/// static segment lands in the same slot run and is noticed.
#[inline(always)]
fn slot_index(word: u64, prefix: u64, seed: u64, bits: u8) -> usize {
    (((word | FOLD) & prefix).wrapping_mul(seed) >> (64 - bits)) as usize
}

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
    /// No route; the deepest segment start reached.
    NotFound(usize),
    /// A segment that no route accepts as written and that is malformed.
    Invalid,
    /// (segment offset, route segment).
    CaseVariant(usize, &'static str),
}

/// The matcher for one catalog: a segment trie per method. See the module docs.
///
/// Obtained from [`Catalog::router`] (built once per catalog, then shared) and used through
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
    nodes: Vec<Node>,
    slots: Vec<Slot>,
    /// The text of each slot, read only to compare long segments and to spot case variants.
    texts: Vec<&'static str>,
    unroutable: Vec<&'static Endpoint>,
}

/// The trie while it is being built: children by segment text.
#[derive(Default)]
struct BuildNode {
    endpoint: Option<u32>,
    param: Option<usize>,
    statics: Vec<(&'static str, usize)>,
}

impl Router {
    /// Builds the router of `catalog`. Prefer [`Catalog::router`], which builds it once.
    ///
    /// Templates with more than 16 segments cannot be routed and are listed by
    /// [`Router::unroutable`]; no catalog today has one.
    ///
    /// ```
    /// let router = scopewise::Router::new(&scopewise::highlevel::CATALOG);
    /// assert!(router.unroutable().is_empty());
    /// ```
    pub fn new(catalog: &Catalog) -> Router {
        // Nodes 0..5 are the roots of the five methods, in `method_index` order.
        let mut build: Vec<BuildNode> = (0..5).map(|_| BuildNode::default()).collect();
        let mut unroutable = Vec::new();
        for (index, endpoint) in catalog.endpoints().iter().enumerate() {
            let Some(segs) = segments(endpoint.template())
                .collect::<Result<Vec<_>, _>>()
                .ok()
                .filter(|s| s.len() <= ROUTE_DEPTH)
            else {
                unroutable.push(endpoint);
                continue;
            };
            let mut node = method_index(endpoint.method());
            for seg in segs {
                let existing = match seg {
                    RawSegment::Param(_) => build[node].param,
                    RawSegment::Static(text) => build[node]
                        .statics
                        .iter()
                        .find(|(t, _)| *t == text)
                        .map(|(_, c)| *c),
                };
                node = match existing {
                    Some(child) => child,
                    None => {
                        let child = build.len();
                        build.push(BuildNode::default());
                        match seg {
                            RawSegment::Param(_) => build[node].param = Some(child),
                            RawSegment::Static(text) => build[node].statics.push((text, child)),
                        }
                        child
                    }
                };
            }
            // Keys are unique per catalog, so no endpoint is overwritten here.
            build[node].endpoint = Some(index as u32);
        }

        let mut nodes = Vec::with_capacity(build.len());
        let mut slots = Vec::new();
        let mut texts = Vec::new();
        for b in &build {
            let (table, bits, probes, seed, prefix) = place(&b.statics, &mut slots, &mut texts);
            nodes.push(Node {
                endpoint: b.endpoint.unwrap_or(NONE),
                param: b.param.map_or(NONE, |p| p as u32),
                table,
                bits,
                probes,
                seed,
                prefix,
            });
        }
        Router {
            endpoints: catalog.endpoints(),
            provider: catalog.provider(),
            api_host: catalog.api_host(),
            nodes,
            slots,
            texts,
            unroutable,
        }
    }

    /// Endpoints this router can never return (templates deeper than 16 segments).
    ///
    /// ```
    /// assert!(scopewise::highlevel::CATALOG.router().unroutable().is_empty());
    /// ```
    pub fn unroutable(&self) -> &[&'static Endpoint] {
        &self.unroutable
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
                NONE => Walk::NotFound(path_start),
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
    #[cold]
    fn explain_miss<'a>(
        &self,
        method: Method,
        target: &'a str,
        walk: Walk,
        slashes: EncodedSlashes,
    ) -> Result<Match<'a>, MatchError> {
        RequestTarget::parse_with(target, self.api_host, slashes)?;
        Err(match walk {
            Walk::CaseVariant(position, route_segment) => MatchError::CaseVariant {
                position,
                route_segment,
            },
            Walk::NotFound(position) => MatchError::NotFound {
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
        // Pending parameter alternatives, packed as `node << 32 | p`.
        let mut stack = [0u64; ROUTE_DEPTH];
        let mut depth = 0;
        let mut deepest = p;
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
                                    *slot = u64::from(node) << 32 | p as u64;
                                    depth += 1;
                                }
                            }
                            node = child;
                            p = next(end);
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
                continue 'walk;
            }
            // No endpoint below here: resume at the latest pending parameter alternative.
            deepest = deepest.max(p);
            if depth == 0 {
                return Walk::NotFound(deepest);
            }
            depth -= 1;
            node = (stack[depth] >> 32) as u32;
            p = (stack[depth] & 0xffff_ffff) as usize;
            param_only = true;
        }
    }

    /// The static child of `n` that the segment at `p` names exactly, if any.
    #[inline(always)]
    fn static_child(&self, n: &Node, b: &[u8], p: usize) -> StaticChild {
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

/// Lays out a node's static children in `slots`: a power-of-two table at most half full,
/// and the seed (from a fixed sequence, so builds are deterministic) that needs the fewest
/// probes; the table doubles (twice at most) while no seed gets every child into its home
/// slot, or as close as children sharing their hashed prefix allow. Returns (first slot,
/// log2 size, probes, seed, prefix mask).
fn place(
    children: &[(&'static str, usize)],
    slots: &mut Vec<Slot>,
    texts: &mut Vec<&'static str>,
) -> (u32, u8, u8, u64, u64) {
    if children.is_empty() {
        return (0, 1, 0, 0, 0);
    }
    let shortest = children.iter().map(|(t, _)| t.len()).min().unwrap_or(1);
    let prefix = mask(shortest);
    // Children whose hashed prefixes are equal up to case share a home slot whatever the
    // seed: a run of that many is unavoidable.
    let mut folded: Vec<u64> = children
        .iter()
        .map(|(t, _)| (load8(t.as_bytes(), 0) | FOLD) & prefix)
        .collect();
    folded.sort_unstable();
    let shared = folded
        .chunk_by(|a, b| a == b)
        .map(<[u64]>::len)
        .max()
        .unwrap_or(1) as u32;
    let good = shared;
    // At most half full; at most two doublings past that.
    let mut bits = (children.len() * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(1);
    let last = bits + 2;
    loop {
        let size = 1usize << bits;
        let wrap = size - 1;
        let mut best: Option<(u32, u64, Vec<Slot>, Vec<&'static str>)> = None;
        let mut state = 0x853c_49e6_748f_ea9bu64;
        for _ in 0..64 {
            // splitmix64; an odd multiplier keeps the product's mixing invertible.
            state = state.wrapping_add(MIX);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let seed = (z ^ (z >> 31)) | 1;
            let mut table = vec![EMPTY_SLOT; size];
            let mut text_of = vec![""; size];
            let mut longest = 1u32;
            for &(text, child) in children {
                let t = text.as_bytes();
                let (lo, hi) = text_words(t);
                let mut i = slot_index(lo, prefix, seed, bits as u8);
                let mut run = 1;
                while table[i].len != 0 {
                    i = (i + 1) & wrap;
                    run += 1;
                }
                longest = longest.max(run);
                table[i] = Slot {
                    lo,
                    lo_mask: mask(t.len()),
                    hi,
                    len: t.len() as u32,
                    child: child as u32,
                };
                text_of[i] = text;
            }
            // Every child (and every case variant of one) is within `longest` slots of its
            // home slot, so a lookup reads at most that many.
            let probes = longest;
            if best.as_ref().is_none_or(|(p, ..)| probes < *p) {
                best = Some((probes, seed, table, text_of));
                if probes <= good {
                    break;
                }
            }
        }
        if let Some((probes, seed, table, text_of)) = best {
            if probes <= good || bits >= last {
                let start = slots.len() as u32;
                slots.extend(table);
                texts.extend(text_of);
                return (start, bits as u8, probes.min(255) as u8, seed, prefix);
            }
        }
        bits += 1;
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
            .field("unroutable", &self.unroutable.len())
            .finish_non_exhaustive()
    }
}

/// Routers built so far, one per catalog, found by the address of the catalog's endpoint
/// table (the same for every copy of a catalog value). Lock-free reads for the first few
/// catalogs; a process has a handful at most.
static FAST: [OnceLock<&'static Router>; 4] = [const { OnceLock::new() }; 4];
static MORE: Mutex<Vec<&'static Router>> = Mutex::new(Vec::new());

fn is_for(router: &Router, catalog: &Catalog) -> bool {
    core::ptr::eq(router.endpoints, catalog.endpoints())
}

fn router_for(catalog: &Catalog) -> &'static Router {
    for slot in &FAST {
        match slot.get() {
            Some(r) if is_for(r, catalog) => return r,
            Some(_) => {}
            None => break,
        }
    }
    router_slow(catalog)
}

#[cold]
fn router_slow(catalog: &Catalog) -> &'static Router {
    // A poisoned lock only means another thread panicked while building; the list is valid.
    let mut more = MORE.lock().unwrap_or_else(|e| e.into_inner());
    for slot in &FAST {
        if let Some(r) = slot.get().filter(|r| is_for(r, catalog)) {
            return r;
        }
    }
    if let Some(r) = more.iter().find(|r| is_for(r, catalog)) {
        return r;
    }
    // Built once per catalog and never freed: the catalogs themselves are static.
    let router: &'static Router = Box::leak(Box::new(Router::new(catalog)));
    for slot in &FAST {
        if slot.get().is_none() {
            let _ = slot.set(router);
            return router;
        }
    }
    more.push(router);
    router
}

impl Catalog {
    /// This catalog's [`Router`], built on first use (under half a millisecond for HighLevel) and shared
    /// by every thread afterwards.
    ///
    /// ```
    /// let a = scopewise::highlevel::CATALOG.router();
    /// let b = scopewise::highlevel::CATALOG.router();
    /// assert!(std::ptr::eq(a, b));
    /// ```
    pub fn router(&self) -> &'static Router {
        router_for(self)
    }

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
        assert!(matches!(
            template("POST", "/locations/search"),
            Err(MatchError::NotFound {
                method: Method::Post,
                ..
            }) | Ok(_)
        ));
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

    #[test]
    fn every_table_is_reachable() {
        let router = CATALOG.router();
        assert!(router.unroutable().is_empty());
        for e in CATALOG.endpoints() {
            let concrete = e.template().replace('{', "p").replace('}', "");
            // Parameter values `pname` never equal a static sibling in this catalog.
            let m = router.find(e.method(), &concrete).unwrap();
            assert_eq!(m.endpoint(), e, "{concrete}");
        }
    }
}
