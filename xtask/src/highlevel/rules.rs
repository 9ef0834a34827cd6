//! Rules that find rows attributed to the wrong scope, and propose the likely right one.
//!
//! The rules only flag and propose; a correction is applied only through
//! `data/highlevel/overrides.yaml`, where a person states the reason.

use std::collections::BTreeMap;

use scopewise_model::dataset::HttpMethod;
use scopewise_model::template::Segment;

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::rows::{Row, RowEndpoint};

/// The last path segments of POST endpoints that only read (a query too large for a URL).
pub const READ_STYLE_POST_SEGMENTS: [&str; 4] = ["search", "list", "details", "statistics"];

/// Whether a scope reads or writes, from its level suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `.readonly`, `.read` (any case).
    Read,
    /// `.write`.
    Write,
}

/// The level of a scope name, if its suffix is a known one.
pub fn level(scope: &str) -> Option<Level> {
    let (_, suffix) = scope.rsplit_once('.')?;
    match suffix.to_ascii_lowercase().as_str() {
        "readonly" | "read" => Some(Level::Read),
        "write" => Some(Level::Write),
        _ => None,
    }
}

/// Whether an endpoint reads: a GET, or a POST whose last segment names a read
/// (`.../search`, `.../list`, `.../details`, `.../statistics`).
pub fn reads(endpoint: &RowEndpoint) -> bool {
    endpoint.method.is_read() || is_read_style_post(endpoint)
}

fn is_read_style_post(endpoint: &RowEndpoint) -> bool {
    endpoint.method == HttpMethod::Post
        && matches!(endpoint.template.segments().last(),
            Some(Segment::Static(s)) if READ_STYLE_POST_SEGMENTS.contains(&s.as_str()))
}

/// The resource family of a path: its first segment.
fn family(endpoint: &RowEndpoint) -> &str {
    match endpoint.template.segments().first() {
        Some(Segment::Static(s)) => s,
        _ => "",
    }
}

/// `adPublishing/x.y` → `adpublishing`: the scope's resource, folded for loose comparison.
fn fold(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a path family and a scope name plausibly belong together
/// (`ad-publishing` ~ `adPublishing`, `update-saas-subscription` ~ `saas/location`).
fn family_matches_scope(family: &str, scope: &str) -> bool {
    let resource = scope.split(['/', '.']).next().unwrap_or_default();
    let (f, r) = (fold(family), fold(resource));
    !f.is_empty() && !r.is_empty() && (f.contains(&r) || r.contains(&f))
}

/// Runs every rule over one source's rows and returns the anomalies found.
pub fn check(rows: &[Row]) -> Vec<Anomaly> {
    let mut out = Vec::new();
    let live: Vec<&Row> = rows.iter().filter(|r| !r.truncated).collect();

    for row in &live {
        if row.names_scope()
            && let Some((_, suffix)) = row.scope.rsplit_once('.')
        {
            if suffix != suffix.to_ascii_lowercase() {
                out.push(Anomaly {
                    source: row.source,
                    line: row.line,
                    kind: AnomalyKind::ScopeNameCase,
                    detail: format!(
                        "`{}`: every other scope writes its level in lower case",
                        row.scope
                    ),
                    resolution: Resolution::Unresolved {
                        proposal: Some(format!(
                            "rename to `{}`",
                            row.scope.replace(suffix, &suffix.to_ascii_lowercase())
                        )),
                    },
                });
            }
            if suffix == "read" {
                out.push(Anomaly {
                        source: row.source,
                        line: row.line,
                        kind: AnomalyKind::ReadSuffix,
                        detail: format!("`{}`", row.scope),
                        resolution: Resolution::Kept(
                            "a scope string is an opaque identifier the server compares exactly; it is not renamed".into(),
                        ),
                    });
            }
        }
    }

    for row in &live {
        let Some(endpoint) = &row.endpoint else {
            continue;
        };
        match (level(&row.scope), endpoint.method.is_read()) {
            (Some(Level::Read), false) => {
                let resolution = if is_read_style_post(endpoint) {
                    Resolution::Reviewed(format!(
                        "a POST ending in `/{}` carries a query in its body and changes nothing",
                        match endpoint.template.segments().last() {
                            Some(Segment::Static(s)) => s.as_str(),
                            _ => "",
                        }
                    ))
                } else {
                    Resolution::Unresolved {
                        proposal: propose(&live, row, endpoint),
                    }
                };
                out.push(Anomaly {
                    source: row.source,
                    line: row.line,
                    kind: AnomalyKind::WriteMethodUnderReadScope,
                    detail: format!("`{}` under `{}`", endpoint.display(), row.scope),
                    resolution,
                });
            }
            (Some(Level::Write), true) => out.push(Anomaly {
                source: row.source,
                line: row.line,
                kind: AnomalyKind::ReadMethodUnderWriteScope,
                detail: format!("`{}` under `{}`", endpoint.display(), row.scope),
                resolution: Resolution::Unresolved {
                    proposal: propose(&live, row, endpoint),
                },
            }),
            _ => {}
        }
    }

    // Resource families per scope, to find the endpoint that is not like its siblings.
    let mut families: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for row in &live {
        if let Some(e) = &row.endpoint {
            *families
                .entry(&row.scope)
                .or_default()
                .entry(family(e))
                .or_default() += 1;
        }
    }
    for row in &live {
        let Some(endpoint) = &row.endpoint else {
            continue;
        };
        let counts = &families[row.scope.as_str()];
        let mine = family(endpoint);
        let own = counts[mine];
        let max = counts.values().copied().max().unwrap_or(0);
        let outnumbered = own < max;
        let tie_lost = own == max
            && counts.len() > 1
            && !family_matches_scope(mine, &row.scope)
            && counts
                .iter()
                .any(|(f, &n)| *f != mine && n == max && family_matches_scope(f, &row.scope));
        if outnumbered || tie_lost {
            let others: Vec<String> = counts
                .iter()
                .filter(|(f, _)| **f != mine)
                .map(|(f, n)| format!("/{f} ({n})"))
                .collect();
            out.push(Anomaly {
                source: row.source,
                line: row.line,
                kind: AnomalyKind::OutOfFamily,
                detail: format!(
                    "`{}` under `{}`, whose other endpoints are under {}",
                    endpoint.display(),
                    row.scope,
                    others.join(", ")
                ),
                resolution: Resolution::Unresolved {
                    proposal: propose(&live, row, endpoint),
                },
            });
        }
    }
    out
}

/// The scope of the same source that most likely grants `endpoint`: same read/write kind,
/// longest shared path prefix with one of its endpoints; `None` when nothing shares even
/// the first segment, and a list when the evidence does not decide.
fn propose(rows: &[&Row], row: &Row, endpoint: &RowEndpoint) -> Option<String> {
    let wanted = if reads(endpoint) {
        Level::Read
    } else {
        Level::Write
    };
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for other in rows {
        let Some(e) = &other.endpoint else { continue };
        if other.scope == row.scope || level(&other.scope) != Some(wanted) {
            continue;
        }
        let shared = shared_prefix(endpoint.template.segments(), e.template.segments());
        let slot = best.entry(&other.scope).or_default();
        *slot = (*slot).max(shared);
    }
    let top = best.values().copied().max().filter(|&n| n > 0)?;
    let mut winners: Vec<&str> = best
        .iter()
        .filter(|&(_, &n)| n == top)
        .map(|(s, _)| *s)
        .collect();
    if winners.len() > 1 {
        let by_name: Vec<&str> = winners
            .iter()
            .copied()
            .filter(|s| family_matches_scope(family(endpoint), s))
            .collect();
        if !by_name.is_empty() {
            winners = by_name;
        }
    }
    Some(match winners.as_slice() {
        [one] => format!("reassign to `{one}`"),
        many => scopewise_model::wording::one_of(many),
    })
}

/// How many leading segments two templates share (parameters match parameters).
fn shared_prefix(a: &[Segment], b: &[Segment]) -> usize {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| match (x, y) {
            (Segment::Static(x), Segment::Static(y)) => x == y,
            (Segment::Param(_), Segment::Param(_)) => true,
            _ => false,
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlevel::rows::{SourceSpec, parse_source};

    fn anomalies(body: &str) -> Vec<(u32, AnomalyKind, String)> {
        let md = format!(
            "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n{body}"
        );
        let parsed = parse_source(
            SourceSpec {
                id: "t",
                path: "t.md",
            },
            &md,
        )
        .unwrap();
        check(&parsed.rows)
            .into_iter()
            .map(|a| (a.line, a.kind, a.resolution.to_string()))
            .collect()
    }

    #[test]
    fn write_rows_under_a_readonly_scope_get_a_proposal() {
        // The funnels rows of 2025-10-11 lines 184-191.
        let found = anomalies(
            "| funnels/redirect.readonly | GET /funnels/lookup/redirect/list |  | Sub-Account |\n\
             | funnels/redirect.write | POST /funnels/lookup/redirect |  | Sub-Account |\n\
             | medias.write | POST /medias/upload-file |  | Sub-Account |\n\
             | funnels/pagecount.readonly | GET /funnels/page/count |  | Sub-Account |\n\
             |  | DELETE /funnels/lookup/redirect/:id |  | Sub-Account |\n\
             |  | DELETE /medias/:fileId |  | Sub-Account |\n",
        );
        assert_eq!(
            found,
            [
                (
                    7,
                    AnomalyKind::WriteMethodUnderReadScope,
                    "UNRESOLVED (proposed: reassign to `funnels/redirect.write`)".to_owned()
                ),
                (
                    8,
                    AnomalyKind::WriteMethodUnderReadScope,
                    "UNRESOLVED (proposed: reassign to `medias.write`)".to_owned()
                ),
                (
                    8,
                    AnomalyKind::OutOfFamily,
                    "UNRESOLVED (proposed: reassign to `medias.write`)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn read_style_posts_are_reviewed_not_flagged_for_correction() {
        let found = anomalies(
            "| locations/tasks.readonly | POST /locations/:locationId/tasks/search |  | Sub-Account |\n\
             | socialplanner/tag.readonly | GET /social-media-posting/:locationId/tags |  | Sub-Account |\n\
             |  | POST /social-media-posting/:locationId/tags/details |  | Sub-Account |\n",
        );
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|(_, k, r)| *k == AnomalyKind::WriteMethodUnderReadScope
                    && r.starts_with("reviewed, kept: a POST ending in"))
        );
    }

    #[test]
    fn a_tie_of_families_is_broken_by_the_scope_name() {
        // 2025-10-11 lines 235-237: oauth.write lists a /marketplace endpoint.
        let found = anomalies(
            "| oauth.write | POST /oauth/locationToken |  | Agency |\n\
             |  | DELETE /marketplace/app/:appId/installations |  | Sub-Account, Agency |\n\
             | saas/location.write | PUT /update-saas-subscription/:locationId |  | Agency |\n\
             |  | POST /enable-saas/:locationId |  | Sub-Account, Agency |\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (4, AnomalyKind::OutOfFamily));
    }

    #[test]
    fn scope_case_and_read_suffix() {
        let found = anomalies(
            "| adPublishing.readOnly | GET /ad-publishing/campaigns | Sub-Account | |\n\
             | phonenumbers.read | GET /phone-system/numbers/location/:locationId |  | Sub-Account |\n",
        );
        assert_eq!(
            found,
            [
                (
                    3,
                    AnomalyKind::ScopeNameCase,
                    "UNRESOLVED (proposed: rename to `adPublishing.readonly`)".to_owned()
                ),
                (
                    4,
                    AnomalyKind::ReadSuffix,
                    "kept: a scope string is an opaque identifier the server compares exactly; it is not renamed"
                        .to_owned()
                ),
            ]
        );
    }
}
