//! Minimal scope sets: the fewest scopes that grant a given set of calls and webhook events.

use core::fmt;

use crate::{Catalog, Endpoint, Method, Scope, Webhook};

/// One call to grant: `"METHOD /path-or-url"` text, or a method and a path, template or URL.
///
/// ```
/// use scopewise::{Call, Method};
///
/// let a: Call = "GET /contacts/{contactId}".into();
/// let b: Call = (Method::Get, "/contacts/abc123").into();
/// assert_eq!(a.to_string(), "GET /contacts/{contactId}");
/// assert_eq!(b.to_string(), "GET /contacts/abc123");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call<'a> {
    /// `"METHOD target"`, split at the first run of whitespace.
    Text(&'a str),
    /// A method and a target (template, path or URL).
    Parts(Method, &'a str),
}

impl<'a> From<&'a str> for Call<'a> {
    fn from(text: &'a str) -> Self {
        Call::Text(text)
    }
}

impl<'a> From<&'a String> for Call<'a> {
    fn from(text: &'a String) -> Self {
        Call::Text(text)
    }
}

impl<'a> From<(Method, &'a str)> for Call<'a> {
    fn from((method, target): (Method, &'a str)) -> Self {
        Call::Parts(method, target)
    }
}

impl fmt::Display for Call<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Call::Text(text) => f.write_str(text.trim()),
            Call::Parts(method, target) => write!(f, "{method} {target}"),
        }
    }
}

/// A call that matched no endpoint, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedCall {
    /// The call as given (its first 256 bytes at most).
    pub call: String,
    /// Why it matched nothing.
    pub reason: String,
}

/// A call resolved to its endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedCall {
    /// The call as given (its first 256 bytes at most).
    pub call: String,
    /// The endpoint it calls.
    pub endpoint: &'static Endpoint,
}

/// One chosen scope and what needs it: the calls and events it grants among those asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeUse {
    /// The scope.
    pub scope: &'static Scope,
    /// The calls it grants, in input order.
    pub calls: Vec<ResolvedCall>,
    /// The webhook events it grants, in input order.
    pub webhooks: Vec<&'static Webhook>,
}

/// The answer of [`Catalog::minimal_scopes`].
///
/// ```
/// use scopewise::highlevel::CATALOG;
///
/// let min = CATALOG
///     .minimal_scopes(["GET /contacts/abc", "POST /contacts", "GET /nope"], ["ContactCreate"])
///     .unwrap();
/// assert_eq!(min.scope_string(), "contacts.readonly contacts.write");
/// assert_eq!(min.unmatched()[0].call, "GET /nope");
/// assert!(!min.is_complete());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinimalScopes {
    scopes: Vec<&'static Scope>,
    explain: Vec<ScopeUse>,
    unmatched: Vec<UnmatchedCall>,
    unknown_webhooks: Vec<String>,
    ungrantable: Vec<String>,
}

impl MinimalScopes {
    /// The chosen scopes, sorted by name.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes(["GET /users/u1"], [] as [&str; 0]).unwrap();
    /// assert_eq!(min.scopes()[0].name(), "users.readonly");
    /// ```
    pub fn scopes(&self) -> &[&'static Scope] {
        &self.scopes
    }

    /// The value of the OAuth `scope` parameter: the names separated by spaces.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes([] as [&str; 0], ["ContactCreate"]).unwrap();
    /// assert_eq!(min.scope_string(), "contacts.readonly");
    /// ```
    pub fn scope_string(&self) -> String {
        self.scopes
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// For each chosen scope (same order as [`MinimalScopes::scopes`]), the calls and events
    /// it grants. A call that several chosen scopes grant is listed under each.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG
    ///     .minimal_scopes(["GET /contacts/a", "GET /contacts/b/tasks"], ["ContactCreate"])
    ///     .unwrap();
    /// let use_ = &min.explain()[0];
    /// assert_eq!(use_.scope.name(), "contacts.readonly");
    /// assert_eq!(use_.calls.len(), 2);
    /// assert_eq!(use_.webhooks[0].event(), "ContactCreate");
    /// ```
    pub fn explain(&self) -> &[ScopeUse] {
        &self.explain
    }

    /// Calls that matched no endpoint, in input order: reported, never dropped.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes(["GET /a/../b"], [] as [&str; 0]).unwrap();
    /// assert!(min.unmatched()[0].reason.contains("dot segment"));
    /// ```
    pub fn unmatched(&self) -> &[UnmatchedCall] {
        &self.unmatched
    }

    /// Webhook event names the catalog does not know, in input order.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes([] as [&str; 0], ["NoSuchEvent"]).unwrap();
    /// assert_eq!(min.unknown_webhooks(), ["NoSuchEvent"]);
    /// ```
    pub fn unknown_webhooks(&self) -> &[String] {
        &self.unknown_webhooks
    }

    /// Calls and events that are known but for which the dataset knows no granting scope
    /// (an empty scope list), in input order; no scope set is known to cover them.
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes(["GET /contacts/x"], [] as [&str; 0]).unwrap();
    /// assert!(min.ungrantable().is_empty());
    /// ```
    pub fn ungrantable(&self) -> &[String] {
        &self.ungrantable
    }

    /// Whether every call and event was resolved and is granted by [`MinimalScopes::scopes`].
    ///
    /// ```
    /// let min = scopewise::highlevel::CATALOG.minimal_scopes(["POST /contacts"], [] as [&str; 0]).unwrap();
    /// assert!(min.is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        self.unmatched.is_empty() && self.unknown_webhooks.is_empty() && self.ungrantable.is_empty()
    }
}

/// [`Catalog::minimal_scopes`] gave up on an exact answer.
///
/// ```
/// let err = scopewise::MinimalScopesError::SearchLimit { steps: 10 };
/// assert!(err.to_string().contains("10"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinimalScopesError {
    /// The exact search needed more than [`SEARCH_LIMIT`] steps. Only inputs where many
    /// calls each have several alternative scopes that overlap in complex ways get here;
    /// no catalog today comes near it.
    #[error("finding the minimal scope set exactly needs more than {steps} search steps")]
    SearchLimit {
        /// The limit that was reached.
        steps: u64,
    },
}

/// The most search steps [`Catalog::minimal_scopes`] takes before it gives up.
pub const SEARCH_LIMIT: u64 = 1 << 24;

impl Catalog {
    /// The smallest set of scopes that grants every call in `calls` and every webhook event in
    /// `webhooks`.
    ///
    /// A call is `"METHOD target"` (or a [`Call`]); the target is a template
    /// (`/contacts/{contactId}`, `/contacts/:id`), a concrete path or an `https://` URL. It is
    /// resolved by template lookup ([`Catalog::lookup`]) first, then by matching
    /// ([`Catalog::match_request`]). Calls that resolve to nothing are reported in
    /// [`MinimalScopes::unmatched`], unknown events in [`MinimalScopes::unknown_webhooks`].
    ///
    /// Each endpoint or event needs any one of its scopes. The answer is exact, not greedy:
    /// requirements implied by others are dropped, single-scope ones are taken, and the rest
    /// are split into independent groups, each solved by a search over scope sets of growing
    /// size in lexicographic order with pruning. Among the smallest sets the one whose sorted
    /// names come first is chosen, so the output is deterministic. The search is exponential
    /// in the worst case (minimum hitting set is NP-hard) and stops with
    /// [`MinimalScopesError::SearchLimit`] after [`SEARCH_LIMIT`] steps; with one scope per
    /// endpoint, as HighLevel has today, it takes no search step at all.
    ///
    /// ```
    /// use scopewise::{highlevel::CATALOG, Call, Method};
    ///
    /// let min = CATALOG
    ///     .minimal_scopes(
    ///         [
    ///             Call::from("GET /contacts/{contactId}"),
    ///             Call::from("get https://services.leadconnectorhq.com/calendars/events?locationId=x"),
    ///             Call::from((Method::Post, "/contacts/")),
    ///         ],
    ///         ["ContactCreate"],
    ///     )
    ///     .unwrap();
    /// assert_eq!(min.scope_string(), "calendars/events.readonly contacts.readonly contacts.write");
    /// assert!(min.is_complete());
    /// ```
    pub fn minimal_scopes<'a, C, W>(
        &self,
        calls: C,
        webhooks: W,
    ) -> Result<MinimalScopes, MinimalScopesError>
    where
        C: IntoIterator,
        C::Item: Into<Call<'a>>,
        W: IntoIterator,
        W::Item: AsRef<str>,
    {
        let mut resolved: Vec<ResolvedCall> = Vec::new();
        let mut events: Vec<&'static Webhook> = Vec::new();
        let mut out = MinimalScopes {
            scopes: Vec::new(),
            explain: Vec::new(),
            unmatched: Vec::new(),
            unknown_webhooks: Vec::new(),
            ungrantable: Vec::new(),
        };
        for call in calls {
            let call: Call<'a> = call.into();
            let text = crate::truncate(&call.to_string(), 256).to_owned();
            match self.resolve_call(call) {
                // Needs no scope (none at all, or a token whose scope no source states).
                Ok(endpoint) if endpoint.needs_no_scope() => {}
                Ok(endpoint) if endpoint.scopes().is_empty() => out.ungrantable.push(text),
                Ok(endpoint) => resolved.push(ResolvedCall {
                    call: text,
                    endpoint,
                }),
                Err(reason) => out.unmatched.push(UnmatchedCall { call: text, reason }),
            }
        }
        for event in webhooks {
            let event = event.as_ref();
            match self.webhook(event) {
                Some(w) if w.scopes().is_empty() => out.ungrantable.push(event.to_owned()),
                Some(w) => events.push(w),
                None => out
                    .unknown_webhooks
                    .push(crate::truncate(event, 256).to_owned()),
            }
        }

        // Scope ids in name order, so that comparing id lists compares name lists.
        let mut by_name: Vec<&'static Scope> = self.scopes().iter().collect();
        by_name.sort_by_key(|s| s.name());
        let mut id_of = vec![0u32; self.scopes().len()];
        for (id, s) in by_name.iter().enumerate() {
            id_of[s.index()] = id as u32;
        }
        let ids = |scopes: &[&Scope]| -> Vec<u32> {
            scopes
                .iter()
                .filter_map(|s| id_of.get(s.index()).copied())
                .collect()
        };
        let requirements: Vec<Vec<u32>> = resolved
            .iter()
            .map(|c| ids(c.endpoint.scopes()))
            .chain(events.iter().map(|w| ids(w.scopes())))
            .collect();
        let chosen = min_hitting_set(&requirements, SEARCH_LIMIT)?;
        out.scopes = chosen.iter().map(|&id| by_name[id as usize]).collect();
        // Position in the answer of each chosen scope, by catalog index.
        let mut slot = vec![usize::MAX; self.scopes().len()];
        for (i, s) in out.scopes.iter().enumerate() {
            slot[s.index()] = i;
        }
        out.explain = out
            .scopes
            .iter()
            .map(|&scope| ScopeUse {
                scope,
                calls: Vec::new(),
                webhooks: Vec::new(),
            })
            .collect();
        for call in resolved {
            let uses: Vec<usize> = call
                .endpoint
                .scopes()
                .iter()
                .filter_map(|s| slot.get(s.index()).copied().filter(|&i| i != usize::MAX))
                .collect();
            if let Some((&last, rest)) = uses.split_last() {
                for &i in rest {
                    out.explain[i].calls.push(call.clone());
                }
                out.explain[last].calls.push(call);
            }
        }
        for w in events {
            for s in w.scopes() {
                if let Some(&i) = slot.get(s.index()).filter(|&&i| i != usize::MAX) {
                    out.explain[i].webhooks.push(w);
                }
            }
        }
        Ok(out)
    }

    /// The endpoint a call names ([`Catalog::resolve`]), or why none.
    fn resolve_call(&self, call: Call<'_>) -> Result<&'static Endpoint, String> {
        let (method, target) = match call {
            Call::Parts(method, target) => (method.as_str(), target.trim()),
            Call::Text(text) => {
                let text = text.trim();
                match text.split_once(|c: char| c.is_ascii_whitespace()) {
                    Some((method, target)) => (method, target.trim()),
                    None => return Err("expected `METHOD target`".to_owned()),
                }
            }
        };
        self.resolve(method, target).map_err(|e| e.to_string())
    }
}

/// The smallest set of ids that contains at least one member of every requirement (each an
/// any-of list of ids); among the smallest, the lexicographically first sorted list.
/// Empty requirements are ignored (the caller reports them). Errors after `limit` steps.
pub(crate) fn min_hitting_set(
    requirements: &[Vec<u32>],
    limit: u64,
) -> Result<Vec<u32>, MinimalScopesError> {
    let mut reqs: Vec<Vec<u32>> = requirements
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let mut r = r.clone();
            r.sort_unstable();
            r.dedup();
            r
        })
        .collect();
    reqs.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    reqs.dedup();
    // A requirement that contains another is met whenever the other is.
    let mut kept: Vec<Vec<u32>> = Vec::new();
    for r in reqs {
        if !kept.iter().any(|k| is_subset(k, &r)) {
            kept.push(r);
        }
    }
    // What is left of one id must be taken; after the reduction no other requirement
    // contains it.
    let mut chosen: Vec<u32> = kept.iter().filter(|r| r.len() == 1).map(|r| r[0]).collect();
    let rest: Vec<Vec<u32>> = kept.into_iter().filter(|r| r.len() > 1).collect();

    // Independent groups: requirements connected through shared ids. The lexicographically
    // first union is the union of each group's lexicographically first answer (the groups'
    // ids are disjoint), so each group is solved alone.
    let mut group_of: Vec<usize> = (0..rest.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    for i in 0..rest.len() {
        for j in i + 1..rest.len() {
            if rest[i].iter().any(|x| rest[j].binary_search(x).is_ok()) {
                let (a, b) = (root(&mut group_of, i), root(&mut group_of, j));
                group_of[a.max(b)] = a.min(b);
            }
        }
    }
    let mut steps = 0u64;
    for g in 0..rest.len() {
        if root(&mut group_of, g) != g {
            continue;
        }
        let group: Vec<&Vec<u32>> = (0..rest.len())
            .filter(|&i| root(&mut group_of, i) == g)
            .map(|i| &rest[i])
            .collect();
        chosen.extend(solve_group(&group, &mut steps, limit)?);
    }
    chosen.sort_unstable();
    Ok(chosen)
}

fn is_subset(small: &[u32], big: &[u32]) -> bool {
    small.iter().all(|x| big.binary_search(x).is_ok())
}

/// Exact search for one group: sizes k = 1, 2, … ; for each, a depth-first enumeration of
/// increasing id lists, which meets them in lexicographic order, so the first cover found is
/// the answer. Pruning: an id must meet a requirement not yet met (a smallest cover has no
/// useless member), every unmet requirement must still have an id above the last one taken,
/// and as many ids must remain as there are pairwise disjoint unmet requirements.
fn solve_group(
    group: &[&Vec<u32>],
    steps: &mut u64,
    limit: u64,
) -> Result<Vec<u32>, MinimalScopesError> {
    let mut universe: Vec<u32> = group.iter().flat_map(|r| r.iter().copied()).collect();
    universe.sort_unstable();
    universe.dedup();
    let mut chosen = Vec::new();
    for k in 1..=universe.len() {
        let mut met = vec![0u32; group.len()];
        if search(group, &universe, 0, k, &mut chosen, &mut met, steps, limit)? {
            return Ok(chosen);
        }
    }
    // Unreachable: taking the whole universe meets every requirement.
    Ok(universe)
}

#[allow(clippy::too_many_arguments)]
fn search(
    group: &[&Vec<u32>],
    universe: &[u32],
    from: usize,
    k: usize,
    chosen: &mut Vec<u32>,
    met: &mut [u32],
    steps: &mut u64,
    limit: u64,
) -> Result<bool, MinimalScopesError> {
    *steps += 1;
    if *steps > limit {
        return Err(MinimalScopesError::SearchLimit { steps: limit });
    }
    let unmet: Vec<&Vec<u32>> = group
        .iter()
        .zip(met.iter())
        .filter(|(_, m)| **m == 0)
        .map(|(r, _)| *r)
        .collect();
    if unmet.is_empty() {
        return Ok(true);
    }
    let room = k - chosen.len();
    if room == 0 {
        return Ok(false);
    }
    let next_min = universe.get(from).copied().unwrap_or(u32::MAX);
    // Every unmet requirement needs an id we may still take.
    if unmet
        .iter()
        .any(|r| r.last().is_none_or(|&top| top < next_min))
    {
        return Ok(false);
    }
    // Pairwise disjoint unmet requirements each need their own id.
    let mut disjoint: Vec<&Vec<u32>> = Vec::new();
    for r in &unmet {
        if disjoint
            .iter()
            .all(|d| !d.iter().any(|x| r.binary_search(x).is_ok()))
        {
            disjoint.push(r);
        }
    }
    if disjoint.len() > room {
        return Ok(false);
    }
    for (i, &id) in universe.iter().enumerate().skip(from) {
        if !unmet.iter().any(|r| r.binary_search(&id).is_ok()) {
            continue;
        }
        chosen.push(id);
        for (r, m) in group.iter().zip(met.iter_mut()) {
            if r.binary_search(&id).is_ok() {
                *m += 1;
            }
        }
        if search(group, universe, i + 1, k, chosen, met, steps, limit)? {
            return Ok(true);
        }
        for (r, m) in group.iter().zip(met.iter_mut()) {
            if r.binary_search(&id).is_ok() {
                *m -= 1;
            }
        }
        chosen.pop();
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lexicographically first smallest hitting set, by trying every subset.
    fn brute_force(reqs: &[Vec<u32>], ids: u32) -> Vec<u32> {
        let reqs: Vec<&Vec<u32>> = reqs.iter().filter(|r| !r.is_empty()).collect();
        let mut best: Option<Vec<u32>> = None;
        for mask in 0u32..(1 << ids) {
            let set: Vec<u32> = (0..ids).filter(|i| mask & (1 << i) != 0).collect();
            if !reqs.iter().all(|r| r.iter().any(|x| set.contains(x))) {
                continue;
            }
            let better = match &best {
                None => true,
                Some(b) => set.len() < b.len() || (set.len() == b.len() && set < *b),
            };
            if better {
                best = Some(set);
            }
        }
        best.unwrap_or_default()
    }

    #[test]
    fn any_of_requirements_are_solved_exactly() {
        // Greedy takes 0 (in three requirements) and then needs 3 more; 1 + 2 cover all.
        let reqs = vec![vec![0, 1], vec![0, 2], vec![0, 1], vec![1, 3], vec![2, 4]];
        let got = min_hitting_set(&reqs, SEARCH_LIMIT).unwrap();
        assert_eq!(got, [1, 2]);
        assert_eq!(got, brute_force(&reqs, 5));
    }

    #[test]
    fn ties_go_to_the_lexicographically_first_set() {
        assert_eq!(
            min_hitting_set(&[vec![3, 1, 2]], SEARCH_LIMIT).unwrap(),
            [1]
        );
        assert_eq!(
            min_hitting_set(&[vec![0, 5], vec![1, 5], vec![0, 1]], SEARCH_LIMIT).unwrap(),
            [0, 1]
        );
    }

    #[test]
    fn the_search_limit_is_an_error() {
        let reqs: Vec<Vec<u32>> = (0..12).map(|i| vec![2 * i, 2 * i + 1, 99 - i]).collect();
        assert_eq!(
            min_hitting_set(&reqs, 3),
            Err(MinimalScopesError::SearchLimit { steps: 3 })
        );
    }

    proptest! {
        #[test]
        fn matches_brute_force_on_small_random_inputs(
            reqs in prop::collection::vec(prop::collection::vec(0u32..9, 0..4), 0..9)
        ) {
            let got = min_hitting_set(&reqs, SEARCH_LIMIT).unwrap();
            prop_assert_eq!(got, brute_force(&reqs, 9));
        }
    }
}
