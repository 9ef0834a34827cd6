//! Pages: the title above a request line, and the facts below it.

use std::collections::BTreeMap;

use scopewise_model::access::Access;
use scopewise_model::dataset::HttpMethod;

use super::request::{self, RequestLine};
use super::{
    AnomalyKind, DuplicatePage, Fix, PagePath, ReferenceAnomaly, ReferencePage, TokenGrant,
    VersionEvidence, VersionForm, line_no,
};

/// The header row of the scope table the dump ends with.
const SCOPE_TABLE_HEADER: &str = "SCOPE\tAPI ENDPOINTS\tWEBHOOK EVENTS\tACCESS TYPE";

/// The token sentence, up to the token type.
const TOKEN_SENTENCE: &str = "Use the Access Token generated with user type as ";

/// The title area above a request line.
#[derive(Debug)]
struct Head {
    /// 0-based index of the first line that belongs to this page (title, badge or fence).
    start: usize,
    title: Option<(usize, String)>,
    /// The non-title line found where the title should be.
    missing_found: Option<String>,
    deprecated: bool,
    fixes: Vec<Fix>,
}

/// Finds every page; returns them in dump order with their anomalies.
pub(super) fn parse_pages(lines: &[&str]) -> (Vec<ReferencePage>, Vec<ReferenceAnomaly>) {
    let mut anomalies = Vec::new();
    let table = lines
        .iter()
        .position(|l| l.trim_end() == SCOPE_TABLE_HEADER);
    let limit = table.unwrap_or(lines.len());
    let starts: Vec<(usize, RequestLine<'_>)> = lines[..limit]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| request::request_line(l).map(|r| (i, r)))
        .collect();
    let heads: Vec<Head> = starts.iter().map(|&(i, _)| read_head(lines, i)).collect();

    let mut pages = Vec::with_capacity(starts.len());
    for (k, (&(index, request), head)) in starts.iter().zip(heads.iter()).enumerate() {
        let end = heads.get(k + 1).map_or(limit, |h| h.start);
        let line = line_no(index);
        let url = request::clean_url(request.url);
        let mut fixes = head.fixes.clone();
        fixes.extend(url.fixes);
        let mut page_anomalies = Vec::new();
        if let Some(found) = &head.missing_found {
            page_anomalies.push(AnomalyKind::TitleMissing {
                found: found.clone(),
            });
        }
        for fix in &fixes {
            if let Fix::MisspelledHost { seen } = fix {
                page_anomalies.push(AnomalyKind::MisspelledHost { seen: seen.clone() });
            }
        }
        if let PagePath::Invalid { text, error } = &url.path {
            page_anomalies.push(AnomalyKind::InvalidPath {
                text: text.clone(),
                error: error.clone(),
            });
        }
        let body = Body::read(lines, index + 1, end);
        fixes.extend(body.fixes);
        page_anomalies.extend(body.anomalies);
        anomalies.extend(
            page_anomalies
                .into_iter()
                .map(|kind| ReferenceAnomaly { line, kind }),
        );
        pages.push(ReferencePage {
            line,
            method: request.method,
            raw_url: request.url.to_owned(),
            host: url.host,
            path: url.path,
            title: head.title.as_ref().map(|(_, t)| t.clone()),
            title_line: head.title.as_ref().map(|&(i, _)| line_no(i)),
            deprecated: head.deprecated,
            access: body.access,
            version: body.version,
            version_evidence: body.version_evidence,
            fixes,
        });
    }

    if let Some(header) = table {
        let rows: Vec<usize> = (header + 1..lines.len())
            .filter(|&i| lines[i].contains('\t') && lines[i].trim_end() != SCOPE_TABLE_HEADER)
            .collect();
        anomalies.push(ReferenceAnomaly {
            line: line_no(header),
            kind: AnomalyKind::EmbeddedScopeTable {
                rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
                last_line: rows.last().map_or(line_no(header), |&i| line_no(i)),
            },
        });
    }
    (pages, anomalies)
}

/// Reads the title above the request line at `index`, skipping blank lines, one code fence
/// and one `Deprecated` badge.
fn read_head(lines: &[&str], index: usize) -> Head {
    let mut head = Head {
        start: index,
        title: None,
        missing_found: None,
        deprecated: false,
        fixes: Vec::new(),
    };
    let mut i = index;
    while i > 0 {
        i -= 1;
        let t = lines[i].trim();
        if t.is_empty() {
            continue;
        }
        if t == "```"
            && !head
                .fixes
                .iter()
                .any(|f| matches!(f, Fix::CodeFence { .. }))
        {
            head.fixes.push(Fix::CodeFence { line: line_no(i) });
            head.start = i;
            continue;
        }
        if t == "Deprecated" && !head.deprecated {
            head.deprecated = true;
            head.fixes.push(Fix::DeprecatedBadge { line: line_no(i) });
            head.start = i;
            continue;
        }
        if is_chrome(t) {
            head.missing_found = Some(t.to_owned());
        } else {
            head.title = Some((i, t.to_owned()));
            head.start = i;
        }
        return head;
    }
    head.missing_found = Some(String::new());
    head
}

/// Sidebar entries and site chrome: never a title.
fn is_chrome(t: &str) -> bool {
    t.starts_with("Sign in")
        || t.contains("powered by")
        || t.contains("Search Integrations API")
        || t.starts_with("- ")
        || t.starts_with("```")
        || t.ends_with(['▾', '▸', '▼', '▶', '➤', '>'])
        || ends_with_method(t)
}

/// `Create Custom Field POST`, `Add/Remove Contacts Fro... **POST**`: a sidebar entry.
fn ends_with_method(t: &str) -> bool {
    t.rsplit_once(char::is_whitespace)
        .is_some_and(|(_, last)| HttpMethod::parse(last.trim_matches('*')).is_some())
}

/// The facts read between a request line and the next page.
#[derive(Debug, Default)]
struct Body {
    access: Vec<TokenGrant>,
    version: Option<String>,
    version_evidence: Vec<VersionEvidence>,
    fixes: Vec<Fix>,
    anomalies: Vec<AnomalyKind>,
}

impl Body {
    fn read(lines: &[&str], from: usize, to: usize) -> Self {
        let mut body = Self::default();
        let mut grants: BTreeMap<Access, Vec<(bool, u32)>> = BTreeMap::new();
        let mut saw_sentence = false;
        // Non-empty lines left in which the `Version` field's `Allowed value:` may appear.
        let mut version_field_window = 0u8;
        let mut allowed_value_pending = false;

        for i in from..to {
            let t = lines[i].trim();
            if t.is_empty() {
                continue;
            }
            if let Some(at) = t.find(TOKEN_SENTENCE) {
                saw_sentence = true;
                let rest = &t[at + TOKEN_SENTENCE.len()..];
                match read_token_sentence(rest, lines, i + 1, to) {
                    Some((access, pit, continuation)) => {
                        grants.entry(access).or_default().push((pit, line_no(i)));
                        if let Some(c) = continuation {
                            body.fixes.push(Fix::WrappedTokenSentence {
                                line: line_no(i),
                                continuation_line: line_no(c),
                            });
                        }
                    }
                    None => body
                        .anomalies
                        .push(AnomalyKind::TokenSentenceUnreadable { text: t.to_owned() }),
                }
                continue;
            }

            if allowed_value_pending {
                // `Allowed value:` with the value on the next non-empty line.
                allowed_value_pending = false;
                if let Some(v) = leading_date(t.trim_matches('`')) {
                    body.evidence(v, i, VersionForm::AllowedValue);
                }
                continue;
            }
            if version_field_window > 0 {
                version_field_window -= 1;
                if let Some(v) = t.strip_prefix("Allowed value:") {
                    version_field_window = 0;
                    let v = v.trim().trim_matches('`');
                    if v.is_empty() {
                        allowed_value_pending = true;
                    } else if let Some(v) = leading_date(v) {
                        body.evidence(v, i, VersionForm::AllowedValue);
                    }
                    continue;
                }
            }
            let bare = t.trim_start_matches(['-', ' ']);
            if is_version_field(bare) {
                version_field_window = 6;
            } else if let Some(v) = bare.strip_prefix("Version*") {
                if let Some(v) = v.trim_start().strip_prefix(':')
                    && let Some(v) = leading_date(v.trim().trim_start_matches('`'))
                {
                    body.evidence(v, i, VersionForm::Panel);
                }
            } else if let Some(at) = t.find("--header 'Version: ")
                && let Some(v) = leading_date(&t[at + "--header 'Version: ".len()..])
            {
                body.evidence(v, i, VersionForm::CurlHeader);
            }
        }

        for (access, stated) in grants {
            let pit = stated[0].0;
            if stated.iter().any(|&(p, _)| p != pit) {
                body.anomalies.push(AnomalyKind::TokenConflict {
                    access,
                    lines: stated.iter().map(|&(_, l)| l).collect(),
                });
            }
            body.access.push(TokenGrant {
                access,
                private_integration: pit,
                line: stated[0].1,
            });
        }
        if !saw_sentence {
            body.anomalies.push(AnomalyKind::TokenSentenceMissing);
        }

        let mut values: Vec<&str> = body
            .version_evidence
            .iter()
            .map(|e| e.value.as_str())
            .collect();
        values.sort_unstable();
        values.dedup();
        match values.as_slice() {
            [] => body.anomalies.push(AnomalyKind::VersionMissing),
            [one] => body.version = Some((*one).to_owned()),
            _ => body.anomalies.push(AnomalyKind::VersionConflict {
                evidence: body.version_evidence.clone(),
            }),
        }
        body
    }

    fn evidence(&mut self, value: &str, index: usize, form: VersionForm) {
        self.version_evidence.push(VersionEvidence {
            value: value.to_owned(),
            line: line_no(index),
            form,
        });
    }
}

/// `Version string required`, `Version** string required`, `Version string`: the header's
/// schema entry, which its `Allowed value:` follows.
fn is_version_field(bare: &str) -> bool {
    bare.strip_prefix("Version")
        .map(|r| r.trim_start_matches('*'))
        .is_some_and(|r| r.trim_start().starts_with("string") && r.starts_with(' '))
}

/// Reads the sentence after `... user type as `: the type, whether a Private Integration
/// Token is accepted, and the line of the continuation when a sidebar split the sentence.
fn read_token_sentence(
    rest: &str,
    lines: &[&str],
    from: usize,
    to: usize,
) -> Option<(Access, bool, Option<usize>)> {
    let (access, rest) = token_type(rest)?;
    let rest = rest.trim();
    if rest == "." {
        return Some((access, false, None));
    }
    let rest = rest.strip_prefix("(OR) Private")?;
    if rest.is_empty() {
        // Split by a sidebar block: the continuation is the next line that carries it.
        let c = (from..to).find(|&j| lines[j].trim().starts_with("Integration Token of "))?;
        let tail = lines[c].trim().strip_prefix("Integration Token of ")?;
        let (of, dot) = token_type(tail)?;
        return (of == access && dot == ".").then_some((access, true, Some(c)));
    }
    let tail = rest.strip_prefix(" Integration Token of ")?;
    let (of, dot) = token_type(tail)?;
    (of == access && dot == ".").then_some((access, true, None))
}

fn token_type(s: &str) -> Option<(Access, &str)> {
    if let Some(r) = s.strip_prefix("Sub-Account") {
        Some((Access::SubAccount, r))
    } else {
        s.strip_prefix("Agency").map(|r| (Access::Agency, r))
    }
}

/// The `YYYY-MM-DD` date `s` starts with, when complete (`2021-07-` is a cut-off sample).
fn leading_date(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let shape = d.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    let boundary = s[10..].chars().next().is_none_or(|c| !c.is_ascii_digit());
    (shape && boundary).then_some(d)
}

/// Moves repeats of a page (same method and path, or same visible tail) to `duplicates`.
pub(super) fn deduplicate(
    pages: Vec<ReferencePage>,
    anomalies: &mut Vec<ReferenceAnomaly>,
) -> (Vec<ReferencePage>, Vec<DuplicatePage>) {
    let mut kept: Vec<ReferencePage> = Vec::with_capacity(pages.len());
    let mut first: BTreeMap<(HttpMethod, String), usize> = BTreeMap::new();
    let mut duplicates = Vec::new();
    for page in pages {
        let key = (page.method, path_key(&page.path));
        if let Some(&k) = first.get(&key) {
            let original: &ReferencePage = &kept[k];
            let same_access = original.access.len() == page.access.len()
                && original.access.iter().zip(&page.access).all(|(a, b)| {
                    a.access == b.access && a.private_integration == b.private_integration
                });
            let identical = same_access
                && original.title == page.title
                && original.version == page.version
                && original.deprecated == page.deprecated;
            duplicates.push(DuplicatePage {
                line: page.line,
                first_line: original.line,
                identical,
            });
            anomalies.push(ReferenceAnomaly {
                line: page.line,
                kind: AnomalyKind::DuplicatePage {
                    first_line: original.line,
                    identical,
                },
            });
        } else {
            first.insert(key, kept.len());
            kept.push(page);
        }
    }
    (kept, duplicates)
}

fn path_key(path: &PagePath) -> String {
    match path {
        PagePath::Exact { path } | PagePath::Recovered { path, .. } => path.clone(),
        PagePath::Truncated { visible_tail }
        | PagePath::Ambiguous { visible_tail, .. }
        | PagePath::Unresolved { visible_tail, .. } => format!("...{visible_tail}"),
        PagePath::Invalid { text, .. } => format!("!{text}"),
    }
}
