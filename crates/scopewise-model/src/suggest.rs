//! "Did you mean": the one ranking of look-alike names that every place suggesting one uses
//! (the macros' compile errors, the runtime's SFMC explanations, the command line's
//! findings), so that the same typo gets the same suggestions everywhere.
//!
//! ```
//! use scopewise_model::suggest::{rank, MAX_SUGGESTIONS};
//!
//! let names = ["contacts.readonly", "contacts.write", "locations.readonly"];
//! let found = rank(names.iter().map(|n| (*n, [*n])), "contact.readonly", MAX_SUGGESTIONS);
//! assert_eq!(found, ["contacts.readonly", "contacts.write"]);
//! ```

/// The least [`similarity`] worth suggesting.
pub const THRESHOLD: f64 = 0.8;

/// The most suggestions a message offers.
pub const MAX_SUGGESTIONS: usize = 3;

/// How alike two names are, from 0 to 1: Jaro–Winkler on their ASCII-lowercased forms, so a
/// case slip does not hide the name it slipped from.
///
/// ```
/// use scopewise_model::suggest::similarity;
/// assert_eq!(similarity("ContactCreate", "contactcreate"), 1.0);
/// assert!(similarity("ContactCreated", "ContactCreate") > 0.9);
/// ```
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&a.to_ascii_lowercase(), &b.to_ascii_lowercase())
}

/// The candidates most like `wanted`, best first, at most `limit`. Each candidate is a value
/// and the names it goes by (a token's name and its display name, say); it scores the best
/// [`similarity`] of those names, and only scores of at least [`THRESHOLD`] count. Equal
/// scores keep the candidates' order, so the answer is deterministic.
///
/// ```
/// use scopewise_model::suggest::rank;
///
/// let tokens = [("email_read", "Email Read"), ("email_send", "Email Send"), ("tags_read", "Tags Read")];
/// let by_either = |t: &(&'static str, &'static str)| (t.0, [t.0, t.1]);
/// assert_eq!(rank(tokens.iter().map(by_either), "email reed", 2), ["email_read", "email_send"]);
/// assert!(rank(tokens.iter().map(by_either), "zzzz", 2).is_empty());
/// ```
pub fn rank<T, K, S>(
    candidates: impl IntoIterator<Item = (T, K)>,
    wanted: &str,
    limit: usize,
) -> Vec<T>
where
    K: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let scored = candidates.into_iter().map(|(value, names)| {
        let score = names
            .into_iter()
            .map(|n| similarity(wanted, n.as_ref()))
            .fold(0.0, f64::max);
        (value, score)
    });
    rank_scored(scored, limit)
}

/// [`rank`] for candidates already scored with [`similarity`] (for a caller that compares
/// different forms of the text with different names): the same threshold, order and limit.
///
/// ```
/// use scopewise_model::suggest::rank_scored;
/// assert_eq!(rank_scored([("a", 0.81), ("b", 0.95), ("c", 0.5), ("d", 0.95)], 2), ["b", "d"]);
/// ```
pub fn rank_scored<T>(scored: impl IntoIterator<Item = (T, f64)>, limit: usize) -> Vec<T> {
    let mut kept: Vec<(T, f64)> = scored
        .into_iter()
        .filter(|(_, score)| *score >= THRESHOLD)
        .collect();
    // A stable sort: equal scores keep the candidates' order.
    kept.sort_by(|a, b| b.1.total_cmp(&a.1));
    kept.into_iter().take(limit).map(|(v, _)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_the_candidates_order_and_the_limit_holds() {
        let names = ["b", "a", "c"];
        assert_eq!(
            rank(names.iter().map(|n| (*n, [*n])), "x", 3),
            Vec::<&str>::new()
        );
        let same = ["abcd1", "abcd2", "abcd3", "abcd4"];
        assert_eq!(
            rank(same.iter().map(|n| (*n, [*n])), "abcd", 3),
            ["abcd1", "abcd2", "abcd3"]
        );
    }
}
