//! Merging the API reference's endpoint pages into the scope tables' endpoints.
//!
//! The scope tables say which scope grants an endpoint; the reference says, per endpoint page,
//! its title, its `Version` header and which tokens it accepts. The merge, after the tables'
//! own merge:
//!
//! 1. parses the dump ([`parse_reference`]) and completes its truncated paths against the
//!    table endpoints ([`recover_paths`]; a path that fits none, or several, is not merged:
//!    never guessed);
//! 2. attaches each page to the table endpoint with the same method and parameter-blind path
//!    ([`ReferenceInfo`]). Where the page's token types differ from the table's access type,
//!    it is a `reference-access-conflict` naming both places; the table stays authoritative
//!    for `access`, because it is the document that states what a scope grants;
//! 3. adds each page no table lists as an endpoint with no scope (an **undocumented scope**,
//!    not a guess), its access taken from the page's token types. When a table path of the
//!    same method is the same path spelled differently (case, singular/plural, one extra
//!    parameter segment), it is a `reference-path-spelling` naming both places: the two are
//!    not merged, because which spelling the API serves is not something the sources settle;
//! 4. turns every anomaly of the parser into one of the report's, at its line.
//!
//! Every request line of the dump ends in exactly one of [`PageAccounting`]'s outcomes.

use std::collections::{BTreeMap, BTreeSet};

use scopewise_model::access::Access;
use scopewise_model::dataset::{EndpointRecord, Provenance, ReferenceInfo};
use scopewise_model::template::{Segment, Template};

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::{IngestError, Location};
use super::{REFERENCE, source_path};
use crate::reference::{self, PagePath, ReferencePage, parse_reference, recover_paths};

/// How the reference's request lines are accounted for:
/// `found = merged + added + not_merged`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageAccounting {
    /// Request lines in the dump, repeats included.
    pub found: u32,
    /// Pages attached to an endpoint of the scope tables.
    pub merged: u32,
    /// Pages no table lists, added as endpoints with an undocumented scope.
    pub added: u32,
    /// Request lines not merged, each with an anomaly at its line saying why (sorted).
    pub not_merged: Vec<u32>,
    /// Of the merged pages, those whose path was cut off and recovered.
    pub recovered: u32,
}

impl PageAccounting {
    /// `found = merged + added + not merged`, as one line for the report.
    pub fn summary(&self) -> String {
        format!(
            "{} pages found = {} merged into table endpoints + {} added as reference-only endpoints + {} not merged",
            self.found,
            self.merged,
            self.added,
            self.not_merged.len()
        )
    }
}

/// What the merge produced.
#[derive(Debug, Clone)]
pub struct ReferenceMerge {
    /// The table endpoints with their pages attached, plus the reference-only endpoints;
    /// sorted by path, then method.
    pub endpoints: Vec<EndpointRecord>,
    /// Every anomaly, at the reference's lines.
    pub anomalies: Vec<Anomaly>,
    /// Where every request line went.
    pub accounting: PageAccounting,
    /// The users' permission-scope vocabulary, sorted and distinct.
    pub user_permission_scopes: Vec<String>,
}

/// Merges the reference dump `text` into the table endpoints `table`.
pub fn merge_reference(
    text: &str,
    table: &[EndpointRecord],
) -> Result<ReferenceMerge, IngestError> {
    let error = |e: reference::ReferenceError| {
        IngestError::at(Location::file(REFERENCE.path), e.to_string())
    };
    let mut dump = parse_reference(text, REFERENCE.path).map_err(error)?;
    let known: Vec<_> = table.iter().map(|e| (e.method, e.path.clone())).collect();
    recover_paths(&mut dump, &known).map_err(error)?;

    let mut endpoints = table.to_vec();
    let mut anomalies = Vec::new();
    let mut accounting = PageAccounting {
        found: u32::try_from(dump.pages.len() + dump.duplicates.len()).unwrap_or(u32::MAX),
        ..PageAccounting::default()
    };
    let mut table_index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in table.iter().enumerate() {
        let key = e.key().map_err(|err| {
            IngestError::at(
                Location::file(super::CATALOG_PATH),
                format!("`{}`: {err}", e.display_name()),
            )
        })?;
        table_index.insert(key, i);
    }
    // Reference-only endpoints by key → the line of the page that added it.
    let mut added: BTreeMap<String, u32> = BTreeMap::new();

    for page in &dump.pages {
        let anomaly = |kind, detail: String, resolution| Anomaly {
            source: REFERENCE.id,
            line: page.line,
            kind,
            detail,
            resolution,
        };
        let Some(text) = page.template() else {
            // The parser or recovery already reported why (ambiguous, unresolved, invalid).
            accounting.not_merged.push(page.line);
            continue;
        };
        let parsed = Template::parse(text)
            .and_then(|t| Ok((t.to_string(), t.lookup_key(page.method.as_str())?)));
        let (template, key) = match parsed {
            Ok(ok) => ok,
            Err(err) => {
                anomalies.push(anomaly(
                    AnomalyKind::ReferenceInvalidPath,
                    format!("`{text}`: {err}"),
                    Resolution::Rejected("not merged".into()),
                ));
                accounting.not_merged.push(page.line);
                continue;
            }
        };
        let name = format!("{} {template}", page.method.as_str());
        if let PagePath::Recovered { visible_tail, .. } = &page.path {
            anomalies.push(anomaly(
                AnomalyKind::ReferencePathRecovered,
                format!("`{} ...{visible_tail}`", page.method.as_str()),
                Resolution::Normalized(format!(
                    "`{name}`, the only table endpoint of that method whose path ends so"
                )),
            ));
        }
        let info = reference_info(page);

        if let Some(&i) = table_index.get(&key) {
            let record = &mut endpoints[i];
            if let Some(first) = &record.reference {
                anomalies.push(anomaly(
                    AnomalyKind::ReferenceDuplicatePage,
                    format!(
                        "a second page for `{}`, whose page is at line {}",
                        record.display_name(),
                        first.line
                    ),
                    Resolution::Rejected("the first page is kept".into()),
                ));
                accounting.not_merged.push(page.line);
                continue;
            }
            let table_at = table_location(record);
            if template != record.path {
                anomalies.push(anomaly(
                    AnomalyKind::ReferenceParamName,
                    format!(
                        "`{name}` is `{}` in the table ({table_at})",
                        record.display_name()
                    ),
                    Resolution::Kept("the table's parameter names are canonical".into()),
                ));
            }
            if !info.oauth.is_empty() && info.oauth != record.access {
                anomalies.push(anomaly(
                    AnomalyKind::ReferenceAccessConflict,
                    format!(
                        "`{}`: the reference accepts {} tokens ({}:{}), the table gives {} ({table_at})",
                        record.display_name(),
                        access_list(&info.oauth),
                        REFERENCE.path,
                        page.line,
                        access_list(&record.access)
                    ),
                    Resolution::Kept(format!(
                        "the table is authoritative for `access` ({}); the reference's token types are kept in `reference.oauth`",
                        access_list(&record.access)
                    )),
                ));
            }
            if matches!(page.path, PagePath::Recovered { .. }) {
                accounting.recovered += 1;
            }
            record.reference = Some(info);
            accounting.merged += 1;
            continue;
        }

        if let Some(first) = added.get(&key) {
            anomalies.push(anomaly(
                AnomalyKind::ReferenceDuplicatePage,
                format!("a second page for `{name}`, whose page is at line {first}"),
                Resolution::Rejected("the first page is kept".into()),
            ));
            accounting.not_merged.push(page.line);
            continue;
        }
        let segments = Template::parse(&template)
            .map(|t| t.segments().to_vec())
            .unwrap_or_default();
        for other in table.iter().filter(|e| e.method == page.method) {
            let Ok(theirs) = Template::parse(&other.path) else {
                continue;
            };
            if let Some(how) = spelling_difference(&segments, theirs.segments()) {
                anomalies.push(anomaly(
                    AnomalyKind::ReferencePathSpelling,
                    format!(
                        "`{name}` ({}:{}) vs the table's `{}` ({}): {how}",
                        REFERENCE.path,
                        page.line,
                        other.display_name(),
                        table_location(other)
                    ),
                    Resolution::Kept(
                        "not merged: both are in the dataset, the reference's with an undocumented scope"
                            .into(),
                    ),
                ));
            }
        }
        anomalies.push(anomaly(
            AnomalyKind::ReferenceOnlyEndpoint,
            format!(
                "`{name}`{}",
                page.title
                    .as_deref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default()
            ),
            Resolution::Kept(format!(
                "added with undocumented scope{}",
                if info.oauth.is_empty() {
                    " and unknown access (the page names no token type)".to_owned()
                } else {
                    format!(", access {} from the page", access_list(&info.oauth))
                }
            )),
        ));
        endpoints.push(EndpointRecord {
            method: page.method,
            path: template,
            scopes: Vec::new(),
            access: info.oauth.clone(),
            provenance: vec![Provenance {
                source: REFERENCE.id.to_owned(),
                line: page.line,
                scope: String::new(),
                corrected_by: None,
            }],
            reference: Some(info),
            auth: Default::default(),
            openapi: Vec::new(),
        });
        added.insert(key, page.line);
        accounting.added += 1;
    }

    for d in &dump.duplicates {
        accounting.not_merged.push(d.line);
    }
    accounting.not_merged.sort_unstable();
    for a in &dump.anomalies {
        anomalies.push(parser_anomaly(a));
    }
    endpoints.sort_by(|a, b| (&a.path, a.method).cmp(&(&b.path, b.method)));

    Ok(ReferenceMerge {
        endpoints,
        anomalies,
        accounting,
        user_permission_scopes: dump
            .user_permission_scopes
            .iter()
            .map(|s| s.name.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    })
}

/// The page's facts as the dataset stores them.
fn reference_info(page: &ReferencePage) -> ReferenceInfo {
    let set = |f: fn(&reference::TokenGrant) -> bool| -> Vec<Access> {
        page.access
            .iter()
            .filter(|g| f(g))
            .map(|g| g.access)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    ReferenceInfo {
        line: page.line,
        title: page.title.clone(),
        version: page.version.clone(),
        oauth: set(|_| true),
        private_integration: set(|g| g.private_integration),
        deprecated: page.deprecated,
    }
}

/// `file:line` of the first table row listing the endpoint.
fn table_location(e: &EndpointRecord) -> String {
    e.provenance.first().map_or_else(String::new, |p| {
        format!("{}:{}", source_path(&p.source), p.line)
    })
}

fn access_list(access: &[Access]) -> String {
    access
        .iter()
        .map(|a| super::rows::access_code(*a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How `ours` (a reference path no table lists) is a spelling of `theirs` (a table path), if it
/// is one: static segments equal but for case or a plural `s`, parameters against parameters,
/// and at most one parameter segment present in only one of them. The result is a note for
/// review, never a merge, so it errs on the side of noting: a missing last parameter can also
/// be two endpoints (`GET /contacts` lists, `GET /contacts/{id}` reads one); no such pair is
/// among the reference-only endpoints today (see the tests).
pub fn spelling_difference(ours: &[Segment], theirs: &[Segment]) -> Option<String> {
    let mut ways = Vec::new();
    let aligned = if ours.len() == theirs.len() {
        Some((ours.to_vec(), theirs.to_vec()))
    } else if ours.len() == theirs.len() + 1 {
        drop_one_param(ours, theirs).map(|(p, o)| {
            ways.push(format!(
                "the reference has an extra parameter segment `{{{p}}}`"
            ));
            (o, theirs.to_vec())
        })
    } else if theirs.len() == ours.len() + 1 {
        drop_one_param(theirs, ours).map(|(p, t)| {
            ways.push(format!(
                "the table has an extra parameter segment `{{{p}}}`"
            ));
            (ours.to_vec(), t)
        })
    } else {
        None
    };
    let (ours, theirs) = aligned?;
    for (a, b) in ours.iter().zip(&theirs) {
        match (a, b) {
            (Segment::Param(_), Segment::Param(_)) => {}
            (Segment::Static(a), Segment::Static(b)) if a == b => {}
            (Segment::Static(a), Segment::Static(b)) if a.eq_ignore_ascii_case(b) => {
                ways.push(format!("`{a}` vs `{b}` differ in case"));
            }
            (Segment::Static(a), Segment::Static(b)) if plural_of(a, b) || plural_of(b, a) => {
                ways.push(format!("`{a}` vs `{b}`: singular vs plural"));
            }
            _ => return None,
        }
    }
    (!ways.is_empty()).then(|| ways.join("; "))
}

/// `longer` without one of its parameter segments, when the rest loosely equals `shorter`;
/// returns the parameter's name and the rest, trying each parameter position in order.
fn drop_one_param(longer: &[Segment], shorter: &[Segment]) -> Option<(String, Vec<Segment>)> {
    (0..longer.len()).find_map(|i| match &longer[i] {
        Segment::Param(name) => {
            let mut rest = longer.to_vec();
            rest.remove(i);
            let fits = rest.iter().zip(shorter).all(|(a, b)| match (a, b) {
                (Segment::Static(a), Segment::Static(b)) => {
                    a.eq_ignore_ascii_case(b) || plural_of(a, b) || plural_of(b, a)
                }
                (Segment::Param(_), Segment::Param(_)) => true,
                _ => false,
            });
            fits.then(|| (name.clone(), rest))
        }
        Segment::Static(_) => None,
    })
}

/// `plural` is `singular` + `s`, ignoring case.
fn plural_of(plural: &str, singular: &str) -> bool {
    plural
        .to_ascii_lowercase()
        .strip_suffix('s')
        .is_some_and(|p| p == singular.to_ascii_lowercase())
}

/// One of the parser's anomalies, as the report lists it.
fn parser_anomaly(a: &reference::ReferenceAnomaly) -> Anomaly {
    use reference::AnomalyKind as K;
    let (kind, detail, resolution) = match &a.kind {
        K::TitleMissing { found } => (
            AnomalyKind::ReferenceTitleMissing,
            format!("the line above the request line is `{found}`"),
            Resolution::Kept("merged without a title".into()),
        ),
        K::TokenSentenceMissing => (
            AnomalyKind::ReferenceTokenSentenceMissing,
            "no token-type sentence".to_owned(),
            Resolution::Kept(
                "merged with no token types (`reference.oauth` empty; access not compared)".into(),
            ),
        ),
        K::TokenSentenceUnreadable { text } => (
            AnomalyKind::ReferenceTokenSentenceUnreadable,
            format!("`{text}`"),
            Resolution::Kept("the sentence is ignored".into()),
        ),
        K::TokenConflict { access, lines } => (
            AnomalyKind::ReferenceTokenConflict,
            format!(
                "{} at lines {}",
                super::rows::access_code(*access),
                lines
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Resolution::Kept("no Private Integration Token recorded for that type".into()),
        ),
        K::VersionMissing => (
            AnomalyKind::ReferenceVersionMissing,
            "no `Version` header value".to_owned(),
            Resolution::Kept("merged without a version".into()),
        ),
        K::VersionConflict { evidence } => (
            AnomalyKind::ReferenceVersionConflict,
            evidence
                .iter()
                .map(|e| format!("`{}` at line {}", e.value, e.line))
                .collect::<Vec<_>>()
                .join(", "),
            Resolution::Kept("merged without a version".into()),
        ),
        K::MisspelledHost { seen } => (
            AnomalyKind::ReferenceMisspelledHost,
            format!("host `{seen}`"),
            Resolution::Normalized("the path is taken as written".into()),
        ),
        K::InvalidPath { text, error } => (
            AnomalyKind::ReferenceInvalidPath,
            format!("`{text}`: {error}"),
            Resolution::Rejected("not merged".into()),
        ),
        K::DuplicatePage {
            first_line,
            identical,
        } => (
            AnomalyKind::ReferenceDuplicatePage,
            format!(
                "repeats the page at line {first_line} ({})",
                if *identical {
                    "same title, token types and version"
                } else {
                    "with different facts"
                }
            ),
            Resolution::Rejected("counted once: the first occurrence is kept".into()),
        ),
        K::PathAmbiguous {
            visible_tail,
            candidates,
        } => (
            AnomalyKind::ReferencePathAmbiguous,
            format!(
                "`...{visible_tail}` fits {}",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Resolution::Rejected("not merged: the path is never guessed".into()),
        ),
        K::PathUnresolved { visible_tail } => (
            AnomalyKind::ReferencePathUnresolved,
            format!("`...{visible_tail}` fits no table endpoint"),
            Resolution::Rejected("not merged: the path is never guessed".into()),
        ),
        K::EmbeddedScopeTable { rows, last_line } => (
            AnomalyKind::ReferenceEmbeddedScopeTable,
            format!("{rows} tab-separated rows up to line {last_line}"),
            Resolution::Kept("not read: the scope tables are read from their own copies".into()),
        ),
        K::UserScopeTruncated { raw, completion } => (
            AnomalyKind::ReferenceUserScopeTruncated,
            format!("`{raw}`"),
            Resolution::Rejected(match completion {
                Some(c) => {
                    format!(
                        "the cut value is not listed; `{c}`, its only completion, is listed from other lines"
                    )
                }
                None => "the cut value is not listed (no single completion)".into(),
            }),
        ),
        K::UserScopesMerged { raw } => (
            AnomalyKind::ReferenceUserScopesMerged,
            format!("`{raw}`"),
            Resolution::Normalized("split into its values".into()),
        ),
    };
    Anomaly {
        source: REFERENCE.id,
        line: a.line,
        kind,
        detail,
        resolution,
    }
}

#[cfg(test)]
mod tests {
    use scopewise_model::dataset::HttpMethod;

    use super::*;

    fn segments(path: &str) -> Vec<Segment> {
        Template::parse(path).unwrap().segments().to_vec()
    }

    fn difference(ours: &str, theirs: &str) -> Option<String> {
        spelling_difference(&segments(ours), &segments(theirs))
    }

    fn table_endpoint(method: HttpMethod, path: &str, access: Access) -> EndpointRecord {
        EndpointRecord {
            method,
            path: path.into(),
            scopes: vec!["contacts.readonly".into()],
            access: vec![access],
            provenance: vec![Provenance {
                source: "current".into(),
                line: 171,
                scope: "contacts.readonly".into(),
                corrected_by: None,
            }],
            reference: None,
            auth: Default::default(),
            openapi: Vec::new(),
        }
    }

    /// Two pages for one endpoint, a cut-off path that fits nothing, and a page no table lists:
    /// one merged, one added, two not merged with an anomaly each; nothing guessed.
    #[test]
    fn every_page_has_exactly_one_outcome() {
        let page = |title: &str, url: &str| {
            format!(
                "{title}\nGET {url}\nUse the Access Token generated with user type as Agency.\nVersion* : 2021-07-28\n\n"
            )
        };
        let text = [
            page(
                "Get Contact",
                "https://services.leadconnectorhq.com/contacts/{contactId}",
            ),
            page(
                "Get Contact Again",
                "https://services.leadconnectorhq.com/contacts/{id}",
            ),
            page("Get Widget", "...zz/widgets/{widgetId}"),
            page(
                "List Gadgets",
                "https://services.leadconnectorhq.com/gadgets",
            ),
        ]
        .concat();
        let table = [table_endpoint(
            HttpMethod::Get,
            "/contacts/{contactId}",
            Access::SubAccount,
        )];
        let merged = merge_reference(&text, &table).unwrap();
        let a = &merged.accounting;
        assert_eq!(
            (a.found, a.merged, a.added, a.not_merged.as_slice()),
            (4, 1, 1, &[7, 12][..])
        );
        let kinds: Vec<(u32, AnomalyKind)> =
            merged.anomalies.iter().map(|a| (a.line, a.kind)).collect();
        assert!(
            kinds.contains(&(2, AnomalyKind::ReferenceAccessConflict)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(7, AnomalyKind::ReferenceDuplicatePage)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(12, AnomalyKind::ReferencePathUnresolved)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(17, AnomalyKind::ReferenceOnlyEndpoint)),
            "{kinds:?}"
        );

        let paths: Vec<String> = merged
            .endpoints
            .iter()
            .map(EndpointRecord::display_name)
            .collect();
        assert_eq!(paths, ["GET /contacts/{contactId}", "GET /gadgets"]);
        let contact = &merged.endpoints[0];
        // The table's access stands; the page's is kept beside it.
        assert_eq!(contact.access, [Access::SubAccount]);
        let reference = contact.reference.as_ref().unwrap();
        assert_eq!(
            (reference.line, reference.oauth.as_slice()),
            (2, &[Access::Agency][..])
        );
        let gadgets = &merged.endpoints[1];
        assert!(gadgets.scopes.is_empty());
        assert_eq!(gadgets.access, [Access::Agency]);
        assert_eq!(gadgets.provenance[0].line, 17);
    }

    #[test]
    fn case_and_an_extra_parameter() {
        assert_eq!(
            difference("/locations/{locationId}/timezones", "/locations/timeZones").as_deref(),
            Some(
                "the reference has an extra parameter segment `{locationId}`; `timezones` vs `timeZones` differ in case"
            )
        );
    }

    #[test]
    fn plural_and_singular_either_way() {
        assert_eq!(
            difference(
                "/custom-fields/object-key/{objectKey}",
                "/custom-field/object-key/{key}"
            )
            .as_deref(),
            Some("`custom-fields` vs `custom-field`: singular vs plural")
        );
        assert!(difference("/custom-field/x", "/custom-fields/x").is_some());
    }

    #[test]
    fn a_missing_parameter_on_the_table_side() {
        assert_eq!(
            difference(
                "/calendars/resources",
                "/calendars/resources/{resourceType}"
            )
            .as_deref(),
            Some("the table has an extra parameter segment `{resourceType}`")
        );
    }

    #[test]
    fn unrelated_or_identical_paths_are_not_spellings() {
        assert_eq!(difference("/contacts/{id}", "/contacts/{contactId}"), None);
        assert_eq!(
            difference("/contacts/search", "/contacts/{contactId}"),
            None
        );
        assert_eq!(
            difference("/contacts/search", "/opportunities/search"),
            None
        );
        // Two extra segments are another endpoint, not a spelling.
        assert_eq!(difference("/a/{x}/{y}/b", "/a/b"), None);
        // A static segment is never dropped, only a parameter.
        assert_eq!(
            difference("/locations/extra/timezones", "/locations/timezones"),
            None
        );
    }
}
