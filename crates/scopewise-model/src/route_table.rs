//! The routing table of a catalog: built from its endpoint templates when the catalog is
//! compiled (`scopewise-macros` emits it as `static` data), walked by the runtime's router.
//! This module is the one definition of its layout and of its hash, so the two sides cannot
//! disagree.
//!
//! The table is a segment trie per HTTP method, flattened into arrays indexed by number.
//! Each node's static children sit in a small open-addressed table, seeded so that children
//! land in their home slot, and hashed on the first `k` bytes of the segment, `k` the length
//! of the node's shortest static child: a static segment is found with one 8-byte load, one
//! multiply and one or two word compares.
//!
//! ```
//! use scopewise_model::route_table::{build, NONE};
//!
//! let table = build([("GET", "/contacts/{contactId}"), ("GET", "/contacts/search")]).unwrap();
//! // Five method roots, then `contacts`, its parameter child and `search`.
//! assert_eq!(table.nodes.len(), 8);
//! assert_eq!(table.nodes[0].endpoint, NONE);
//! assert_eq!(table.texts.iter().filter(|t| !t.is_empty()).count(), 2);
//! ```

use core::fmt;

use crate::template::{METHODS, RawSegment, segments};

/// "No node" and "no endpoint" in [`RouteNode`] and [`RouteSlot`].
pub const NONE: u32 = u32::MAX;

/// Sets bit 5 of every byte: folds ASCII letters to lower case for hashing, so a case
/// variant of a static segment lands in the same bucket as the segment.
pub const FOLD: u64 = 0x2020_2020_2020_2020;

/// Multiplier of the seed sequence (odd, from the golden ratio).
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The deepest template that can be routed, in segments. It bounds the walk's stack of
/// pending alternatives; a deeper template is refused by [`build`], so a catalog that holds
/// one does not compile.
pub const ROUTE_DEPTH: usize = 16;

/// A trie node. Nodes `0..5` are the roots of the methods, in [`METHODS`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteNode {
    /// Index into the catalog's endpoints, or [`NONE`].
    pub endpoint: u32,
    /// The parameter child, or [`NONE`].
    pub param: u32,
    /// First slot of the static children's table.
    pub table: u32,
    /// log2 of the table's size.
    pub bits: u8,
    /// How many slots a lookup reads at most: 0 when the node has no static child, 1 when
    /// every child sits in its home slot (the usual case: seeds are searched for that).
    pub probes: u8,
    /// The hash multiplier of this node's table.
    pub seed: u64,
    /// Mask of the first `k` bytes of a word, `k` the length of the shortest static child
    /// (at most 8): the bytes of a segment that are hashed, read without finding its end.
    pub prefix: u64,
}

/// A static child: the segment it matches and where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSlot {
    /// The segment's first `min(len, 8)` bytes, little endian, zero-padded.
    pub lo: u64,
    /// Mask of those bytes.
    pub lo_mask: u64,
    /// Its last 8 bytes when it is longer than 8.
    pub hi: u64,
    /// 0 marks an empty slot (segments are never empty).
    pub len: u32,
    /// The node it leads to, or [`NONE`] in an empty slot.
    pub child: u32,
}

/// The slot no child occupies.
pub const EMPTY_SLOT: RouteSlot = RouteSlot {
    lo: 0,
    lo_mask: 0,
    hi: 0,
    len: 0,
    child: NONE,
};

/// A catalog's routing table: what `scopewise-macros` emits and the router walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTable<'a> {
    /// The nodes; the first five are the method roots.
    pub nodes: Vec<RouteNode>,
    /// Every node's static-child table, one after the other.
    pub slots: Vec<RouteSlot>,
    /// The text of each slot (empty for an empty slot), read to compare segments longer
    /// than 16 bytes and to spot case variants.
    pub texts: Vec<&'a str>,
}

/// Why [`build`] refused a set of routes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteTableError {
    /// The method is not one of [`METHODS`] (upper case).
    Method {
        /// Index of the route.
        index: usize,
    },
    /// The template does not parse.
    Template {
        /// Index of the route.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The template has more than [`ROUTE_DEPTH`] segments.
    TooDeep {
        /// Index of the route.
        index: usize,
        /// Its number of segments.
        depth: usize,
    },
    /// Two routes with the same method and the same shape (parameters named alike or not).
    Duplicate {
        /// Index of the first route.
        first: usize,
        /// Index of the second.
        second: usize,
    },
}

impl RouteTableError {
    /// The position of the route the error is about (the second one of a duplicate).
    ///
    /// ```
    /// use scopewise_model::route_table::RouteTableError;
    /// assert_eq!(RouteTableError::Duplicate { first: 2, second: 5 }.index(), 5);
    /// ```
    pub fn index(&self) -> usize {
        match self {
            RouteTableError::Method { index }
            | RouteTableError::Template { index, .. }
            | RouteTableError::TooDeep { index, .. } => *index,
            RouteTableError::Duplicate { second, .. } => *second,
        }
    }
}

/// What is wrong with the route at [`RouteTableError::index`].
impl fmt::Display for RouteTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteTableError::Method { .. } => write!(f, "the method is not one of {METHODS:?}"),
            RouteTableError::Template { reason, .. } => f.write_str(reason),
            RouteTableError::TooDeep { depth, .. } => write!(
                f,
                "the template has {depth} segments; the router follows at most {ROUTE_DEPTH}"
            ),
            RouteTableError::Duplicate { first, .. } => write!(
                f,
                "route {first} has the same method and path shape; a request could not tell them apart"
            ),
        }
    }
}

impl std::error::Error for RouteTableError {}

/// Mask of the first `n` bytes of a word (`n` ≤ 8; more is all bytes).
///
/// ```
/// assert_eq!(scopewise_model::route_table::mask(2), 0xffff);
/// ```
#[inline(always)]
pub const fn mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// The 8 bytes of `b` from `p`, zero-padded past the end, little endian.
///
/// ```
/// use scopewise_model::route_table::load8;
/// assert_eq!(load8(b"abc", 1), u64::from(b'b') | u64::from(b'c') << 8);
/// assert_eq!(load8(b"abc", 3), 0);
/// ```
#[inline(always)]
pub fn load8(b: &[u8], p: usize) -> u64 {
    if let Some(w) = b.get(p..).and_then(<[u8]>::first_chunk::<8>) {
        return u64::from_le_bytes(*w);
    }
    let rest = b.len().saturating_sub(p);
    if rest == 0 {
        return 0;
    }
    match b.last_chunk::<8>() {
        // The input's last 8 bytes, shifted so that byte `p` comes first: no copy loop.
        Some(w) => u64::from_le_bytes(*w) >> (8 * (8 - rest)),
        None => b[p..]
            .iter()
            .rev()
            .fold(0u64, |acc, &c| acc << 8 | u64::from(c)),
    }
}

/// The home slot of the segment whose first 8 bytes are `word`, at a node that hashes the
/// `prefix` bytes of it. Letters are folded to one case first, so a case variant of a
/// static segment lands in the same slot run and is noticed.
///
/// ```
/// use scopewise_model::route_table::{load8, mask, slot_index};
/// let (a, b) = (load8(b"Events", 0), load8(b"events", 0));
/// assert_eq!(slot_index(a, mask(6), 0x9e37_79b9, 4), slot_index(b, mask(6), 0x9e37_79b9, 4));
/// ```
#[inline(always)]
pub const fn slot_index(word: u64, prefix: u64, seed: u64, bits: u8) -> usize {
    (((word | FOLD) & prefix).wrapping_mul(seed) >> (64 - bits)) as usize
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

/// The trie while it is being built: children by segment text.
#[derive(Default)]
struct BuildNode<'a> {
    endpoint: Option<usize>,
    param: Option<usize>,
    statics: Vec<(&'a str, usize)>,
}

/// Builds the routing table of `routes` (method, template), the endpoints of a catalog in
/// order: the endpoint index a node holds is the route's position.
///
/// Deterministic: the same routes give the same table. Errors name the route by position.
///
/// ```
/// use scopewise_model::route_table::{build, RouteTableError};
///
/// let deep = format!("/{}", ["a"; 17].join("/"));
/// assert_eq!(build([("GET", deep.as_str())]), Err(RouteTableError::TooDeep { index: 0, depth: 17 }));
/// assert_eq!(
///     build([("GET", "/a/{x}"), ("GET", "/a/{y}")]),
///     Err(RouteTableError::Duplicate { first: 0, second: 1 })
/// );
/// ```
pub fn build<'a>(
    routes: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<RouteTable<'a>, RouteTableError> {
    let mut build: Vec<BuildNode<'a>> = (0..METHODS.len()).map(|_| BuildNode::default()).collect();
    for (index, (method, template)) in routes.into_iter().enumerate() {
        let root = METHODS
            .iter()
            .position(|m| *m == method)
            .ok_or(RouteTableError::Method { index })?;
        let segs = segments(template)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| RouteTableError::Template {
                index,
                reason: e.to_string(),
            })?;
        if segs.len() > ROUTE_DEPTH {
            return Err(RouteTableError::TooDeep {
                index,
                depth: segs.len(),
            });
        }
        let mut node = root;
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
        if let Some(first) = build[node].endpoint {
            return Err(RouteTableError::Duplicate {
                first,
                second: index,
            });
        }
        build[node].endpoint = Some(index);
    }

    let mut table = RouteTable {
        nodes: Vec::with_capacity(build.len()),
        slots: Vec::new(),
        texts: Vec::new(),
    };
    for b in &build {
        let (first, bits, probes, seed, prefix) =
            place(&b.statics, &mut table.slots, &mut table.texts);
        table.nodes.push(RouteNode {
            endpoint: b.endpoint.map_or(NONE, |e| e as u32),
            param: b.param.map_or(NONE, |p| p as u32),
            table: first,
            bits,
            probes,
            seed,
            prefix,
        });
    }
    Ok(table)
}

/// Lays out a node's static children in `slots`: a power-of-two table at most half full,
/// and the seed (from a fixed sequence, so builds are deterministic) that needs the fewest
/// probes; the table doubles (twice at most) while no seed gets every child into its home
/// slot, or as close as children sharing their hashed prefix allow. Returns (first slot,
/// log2 size, probes, seed, prefix mask).
fn place<'a>(
    children: &[(&'a str, usize)],
    slots: &mut Vec<RouteSlot>,
    texts: &mut Vec<&'a str>,
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
    let good = folded
        .chunk_by(|a, b| a == b)
        .map(<[u64]>::len)
        .max()
        .unwrap_or(1) as u32;
    // At most half full; at most two doublings past that.
    let mut bits = (children.len() * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(1);
    let last = bits + 2;
    loop {
        let size = 1usize << bits;
        let wrap = size - 1;
        let mut best: Option<(u32, u64, Vec<RouteSlot>, Vec<&'a str>)> = None;
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
                table[i] = RouteSlot {
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
        if let Some((probes, seed, table, text_of)) = best
            && (probes <= good || bits >= last)
        {
            let start = slots.len() as u32;
            slots.extend(table);
            texts.extend(text_of);
            return (start, bits as u8, probes.min(255) as u8, seed, prefix);
        }
        bits += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every static child is found in its node's table within `probes` slots of home.
    #[test]
    fn every_static_child_is_within_its_probes() {
        let routes = [
            ("GET", "/calendars/events"),
            ("GET", "/calendars/{calendarId}"),
            ("GET", "/calendars/groups"),
            ("GET", "/calendars/resources/{resourceType}"),
            ("POST", "/contacts"),
            ("POST", "/contacts/search"),
            ("POST", "/contacts/upsert"),
            ("DELETE", "/contacts/{contactId}/tasks/{taskId}"),
        ];
        let table = build(routes).unwrap();
        let mut found = 0;
        for node in &table.nodes {
            let size = 1usize << node.bits;
            for i in 0..size * usize::from(node.probes > 0) {
                let at = node.table as usize + i;
                let slot = table.slots[at];
                if slot.len == 0 {
                    continue;
                }
                let text = table.texts[at];
                let home = slot_index(load8(text.as_bytes(), 0), node.prefix, node.seed, node.bits);
                let distance = (i + size - home) % size;
                assert!(distance < usize::from(node.probes), "{text}");
                found += 1;
            }
        }
        // calendars, events, groups, resources, contacts, search, upsert, contacts, tasks.
        assert_eq!(found, 9);
    }

    #[test]
    fn the_same_routes_give_the_same_table() {
        let routes = [("GET", "/a/b"), ("GET", "/a/{x}"), ("PUT", "/c")];
        assert_eq!(build(routes).unwrap(), build(routes).unwrap());
    }

    #[test]
    fn bad_routes_are_refused_by_position() {
        assert_eq!(
            build([("GET", "/a"), ("get", "/b")]),
            Err(RouteTableError::Method { index: 1 })
        );
        assert!(matches!(
            build([("GET", "a//b")]),
            Err(RouteTableError::Template { index: 0, .. })
        ));
        let sixteen = format!("/{}", ["a"; 16].join("/"));
        assert!(build([("GET", sixteen.as_str())]).is_ok());
    }
}
