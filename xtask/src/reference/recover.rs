//! Recovering truncated paths from the known endpoints, without guessing.

use std::collections::BTreeSet;

use scopewise_model::dataset::HttpMethod;
use scopewise_model::template::{Segment, Template};
use serde::Serialize;

use super::{API_BASE_URL, AnomalyKind, PagePath, ReferenceAnomaly, ReferenceDump, ReferenceError};

/// What [`recover_paths`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecoverySummary {
    /// Pages whose tail matched exactly one known endpoint.
    pub recovered: u32,
    /// Pages whose tail matched several.
    pub ambiguous: u32,
    /// Pages whose tail matched none.
    pub unresolved: u32,
}

/// Settles every [`PagePath::Truncated`] page of `dump` against `known` endpoints (method and
/// canonical template, e.g. from the scope tables).
///
/// The visible tail `ns/{locationId}/messages/{messageId}/transcription` reads as a partial
/// segment (`ns`) followed by whole segments. A known endpoint of the same method matches when
/// its last segments equal the whole ones (static segments byte for byte, a parameter only
/// against a parameter, whatever its name) and the segment before them ends with the partial
/// one; when there is no segment before them, the partial one must be a tail of
/// [`API_BASE_URL`] (the cut fell in the host). One match: [`PagePath::Recovered`]; several:
/// [`PagePath::Ambiguous`]; none: [`PagePath::Unresolved`]. The last two are also appended to
/// the anomalies. Other pages are left alone, so calling it twice changes nothing.
pub fn recover_paths(
    dump: &mut ReferenceDump,
    known: &[(HttpMethod, String)],
) -> Result<RecoverySummary, ReferenceError> {
    let known: Vec<(HttpMethod, Template)> = known
        .iter()
        .map(|(m, t)| {
            Template::parse(t)
                .map(|p| (*m, p))
                .map_err(|e| ReferenceError::InvalidKnownTemplate {
                    template: t.clone(),
                    error: e.to_string(),
                })
        })
        .collect::<Result<_, _>>()?;

    let mut summary = RecoverySummary::default();
    for page in &mut dump.pages {
        let PagePath::Truncated { visible_tail } = &page.path else {
            continue;
        };
        let visible_tail = visible_tail.clone();
        let candidates = candidates(&visible_tail, page.method, &known);
        let mut candidates = candidates.into_iter();
        page.path = match (candidates.next(), candidates.next()) {
            (Some(path), None) => {
                summary.recovered += 1;
                PagePath::Recovered { visible_tail, path }
            }
            (None, _) => {
                summary.unresolved += 1;
                dump.anomalies.push(ReferenceAnomaly {
                    line: page.line,
                    kind: AnomalyKind::PathUnresolved {
                        visible_tail: visible_tail.clone(),
                    },
                });
                let if_host_was_cut = if_host_was_cut(&visible_tail);
                PagePath::Unresolved {
                    visible_tail,
                    if_host_was_cut,
                }
            }
            (Some(a), Some(b)) => {
                summary.ambiguous += 1;
                let candidates: Vec<String> = [a, b].into_iter().chain(candidates).collect();
                dump.anomalies.push(ReferenceAnomaly {
                    line: page.line,
                    kind: AnomalyKind::PathAmbiguous {
                        visible_tail: visible_tail.clone(),
                        candidates: candidates.clone(),
                    },
                });
                PagePath::Ambiguous {
                    visible_tail,
                    candidates,
                }
            }
        };
    }
    dump.anomalies.sort_by_key(|a| a.line);
    Ok(summary)
}

/// The visible tail split into its partial first segment and the whole segments after it.
fn split_tail(tail: &str) -> Option<(&str, Vec<Segment>)> {
    let (head, rest) = match tail.split_once('/') {
        Some((head, rest)) => (head, rest),
        None => (tail, ""),
    };
    let whole = if rest.is_empty() {
        Vec::new()
    } else {
        Template::parse(&format!("/{rest}"))
            .ok()?
            .segments()
            .to_vec()
    };
    Some((head, whole))
}

/// Every known template (same method) the tail can be the end of, sorted and distinct.
fn candidates(
    tail: &str,
    method: HttpMethod,
    known: &[(HttpMethod, Template)],
) -> BTreeSet<String> {
    let Some((head, whole)) = split_tail(tail) else {
        return BTreeSet::new();
    };
    known
        .iter()
        .filter(|(m, t)| *m == method && matches(head, &whole, t.segments()))
        .map(|(_, t)| t.to_string())
        .collect()
}

fn matches(head: &str, whole: &[Segment], known: &[Segment]) -> bool {
    let Some(before) = known.len().checked_sub(whole.len()) else {
        return false;
    };
    let ends_equal = known[before..]
        .iter()
        .zip(whole)
        .all(|(k, v)| match (k, v) {
            (Segment::Static(a), Segment::Static(b)) => a == b,
            (Segment::Param(_), Segment::Param(_)) => true,
            _ => false,
        });
    if !ends_equal {
        return false;
    }
    if head.is_empty() {
        return true;
    }
    match before.checked_sub(1).map(|i| &known[i]) {
        None => API_BASE_URL.ends_with(head),
        Some(Segment::Static(s)) => s.ends_with(head),
        // `Id}`: the tail of a parameter, whatever its name.
        Some(Segment::Param(_)) => head.ends_with('}') && !head[..head.len() - 1].contains('}'),
    }
}

/// The path the tail would give if its partial head were the end of the base URL.
fn if_host_was_cut(tail: &str) -> Option<String> {
    let (head, rest) = tail.split_once('/')?;
    if head.is_empty() || !API_BASE_URL.ends_with(head) {
        return None;
    }
    Template::parse(&format!("/{rest}"))
        .ok()
        .map(|t| t.to_string())
}
