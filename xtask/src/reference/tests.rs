//! Tests over the real dump. Every `line(n)` names a line of
//! `data/sources/highlevel/highlevel-api-reference.txt`, and each test first asserts that the
//! line says what the test claims, so a changed dump fails loudly instead of testing nothing.

use std::sync::OnceLock;

use scopewise_model::access::Access;
use scopewise_model::dataset::HttpMethod;

use super::request::{clean_url, request_line};
use super::*;

const DUMP: &str = include_str!("../../../data/sources/highlevel/highlevel-api-reference.txt");
const FILE: &str = "data/sources/highlevel/highlevel-api-reference.txt";

/// The parsed dump, once per test binary (parsing takes a few milliseconds, but 40 tests).
fn dump() -> &'static ReferenceDump {
    static DUMP_PARSED: OnceLock<ReferenceDump> = OnceLock::new();
    DUMP_PARSED.get_or_init(|| parse_reference(DUMP, FILE).expect("the committed dump parses"))
}

/// The dump's 1-based line `n`.
fn line(n: usize) -> &'static str {
    DUMP.lines().nth(n - 1).expect("line exists")
}

/// The page whose request line is `n`.
fn page(n: u32) -> &'static ReferencePage {
    dump()
        .pages
        .iter()
        .find(|p| p.line == n)
        .unwrap_or_else(|| panic!("no page at line {n}"))
}

fn anomalies_at(n: u32) -> Vec<&'static AnomalyKind> {
    dump()
        .anomalies
        .iter()
        .filter(|a| a.line == n)
        .map(|a| &a.kind)
        .collect()
}

fn exact(path: &str) -> PagePath {
    PagePath::Exact { path: path.into() }
}

// ---------------------------------------------------------------------------------------------
// Request lines and URL noise, one kind per test.

#[test]
fn clean_full_url() {
    // Line 61166: the rare clean request line.
    assert_eq!(
        line(61166),
        "PUT https://services.leadconnectorhq.com/businesses/{businessId}"
    );
    let r = request_line(line(61166)).expect("a request line");
    assert_eq!(r.method, HttpMethod::Put);
    let url = clean_url(r.url);
    assert_eq!(url.host.as_deref(), Some(API_HOST));
    assert_eq!(url.path, exact("/businesses/{businessId}"));
    assert!(url.fixes.is_empty());
}

#[test]
fn host_cut_off_path_complete() {
    // Line 51: the `...` cuts into the host; `.com/` is visible, so the path is whole.
    assert_eq!(
        line(51),
        "POST ...rvices.leadconnectorhq.com/conversations/messages/outbound"
    );
    let url = clean_url(request_line(line(51)).expect("a request line").url);
    assert_eq!(url.path, exact("/conversations/messages/outbound"));
    assert_eq!(url.host.as_deref(), Some("rvices.leadconnectorhq.com"));
    assert_eq!(
        url.fixes,
        [Fix::HostCutOff {
            visible_host: "rvices.leadconnectorhq.com".into()
        }]
    );
}

#[test]
fn host_cut_off_inside_scheme() {
    // Lines 1537 and 16143: the cut falls in `https://`, leaving `/` or `//` before the host.
    assert_eq!(
        line(1537),
        "POST .../services.leadconnectorhq.com/opportunities/{id}/followers"
    );
    let url = clean_url(request_line(line(1537)).expect("a request line").url);
    assert_eq!(url.path, exact("/opportunities/{id}/followers"));
    assert_eq!(url.host.as_deref(), Some(API_HOST));
    assert_eq!(
        url.fixes.len(),
        1,
        "a tail of the base URL is not a misspelling"
    );
}

#[test]
fn path_truncated() {
    // Line 24950: the cut falls inside the path (`ns` is the end of `conversations` or
    // `locations`, the text cannot say which), so it waits for recovery.
    assert_eq!(
        line(24950),
        "GET ...ns/{locationId}/messages/{messageId}/transcription/download"
    );
    let url = clean_url(request_line(line(24950)).expect("a request line").url);
    assert_eq!(
        url.path,
        PagePath::Truncated {
            visible_tail: "ns/{locationId}/messages/{messageId}/transcription/download".into()
        }
    );
    assert_eq!(url.host, None);
}

#[test]
fn one_letter_head_is_not_taken_for_the_host() {
    // Line 3817: `m/` may be the end of `.com/` or of a path segment: truncated, not exact.
    assert_eq!(
        line(3817),
        "DELETE ...m/conversations/messages/email/{emailMessageId}/schedule"
    );
    assert!(matches!(page(3817).path, PagePath::Truncated { .. }));
}

#[test]
fn backticks() {
    // Line 20746.
    assert_eq!(
        line(20746),
        "DELETE `https://services.leadconnectorhq.com/custom-fields/{id}`"
    );
    let url = clean_url(request_line(line(20746)).expect("a request line").url);
    assert_eq!(url.path, exact("/custom-fields/{id}"));
    assert_eq!(
        url.fixes,
        [Fix::Backticks {
            raw: "`https://services.leadconnectorhq.com/custom-fields/{id}`".into()
        }]
    );
}

#[test]
fn backticks_around_a_cut_url() {
    // Line 14211: both at once.
    assert_eq!(
        line(14211),
        "POST `...tps://services.leadconnectorhq.com/funnels/lookup/redirect`"
    );
    let url = clean_url(request_line(line(14211)).expect("a request line").url);
    assert_eq!(url.path, exact("/funnels/lookup/redirect"));
    assert!(matches!(url.fixes[0], Fix::Backticks { .. }));
    assert!(matches!(url.fixes[1], Fix::HostCutOff { .. }));
}

#[test]
fn angle_brackets() {
    // Line 9740.
    assert_eq!(
        line(9740),
        "POST <https://services.leadconnectorhq.com/custom-fields/folder>"
    );
    let url = clean_url(request_line(line(9740)).expect("a request line").url);
    assert_eq!(url.path, exact("/custom-fields/folder"));
    assert_eq!(
        url.fixes,
        [Fix::AngleBrackets {
            raw: "<https://services.leadconnectorhq.com/custom-fields/folder>".into()
        }]
    );
}

#[test]
fn bold_path_segments() {
    // Line 51397: each segment bold on its own.
    assert_eq!(
        line(51397),
        "PUT https://services.leadconnectorhq.com/**locations**/**{locationId}**"
    );
    let url = clean_url(request_line(line(51397)).expect("a request line").url);
    assert_eq!(url.path, exact("/locations/{locationId}"));
    assert_eq!(
        url.fixes,
        [Fix::Bold {
            raw: "https://services.leadconnectorhq.com/**locations**/**{locationId}**".into()
        }]
    );
}

#[test]
fn stray_leading_slash_with_bold() {
    // Line 8602: `/https://` and a bold path.
    assert_eq!(
        line(8602),
        "POST /https://services.leadconnectorhq.com/**contacts**"
    );
    let url = clean_url(request_line(line(8602)).expect("a request line").url);
    assert_eq!(url.path, exact("/contacts"));
    assert_eq!(
        url.fixes,
        [
            Fix::Bold {
                raw: "/https://services.leadconnectorhq.com/**contacts**".into()
            },
            Fix::StrayLeadingSlash {
                raw: "/https://services.leadconnectorhq.com/contacts".into()
            },
        ]
    );
}

#[test]
fn misspelled_host_keeps_the_path() {
    // Line 71221: `nnectordhq.com` is not a tail of `services.leadconnectorhq.com`.
    assert_eq!(
        line(71221),
        "PUT ...nnectordhq.com/contacts/{contactId}/tasks/{taskId}/completed"
    );
    let p = page(71221);
    assert_eq!(
        p.path,
        exact("/contacts/{contactId}/tasks/{taskId}/completed")
    );
    assert!(p.fixes.contains(&Fix::MisspelledHost {
        seen: "nnectordhq.com".into()
    }));
    assert_eq!(
        anomalies_at(71221),
        [&AnomalyKind::MisspelledHost {
            seen: "nnectordhq.com".into()
        }]
    );
}

#[test]
fn brace_params_are_canonical() {
    // Line 842: `{param}` segments, as the canonical template writes them.
    assert_eq!(
        line(842),
        "POST ...onnectorhq.com/contacts/{contactId}/campaigns/{campaignId}"
    );
    assert_eq!(
        page(842).path,
        exact("/contacts/{contactId}/campaigns/{campaignId}")
    );
}

#[test]
fn sidebar_entries_are_not_request_lines() {
    // Lines 13477 and 13479: sidebar entries that start with a method.
    assert_eq!(line(13477), "GET all or email/sms templates GET");
    assert_eq!(line(13479), "DELETE an email/sms tem... DELETE");
    // Line 28944: the same words as a page title (its page's request line is 28946).
    assert_eq!(line(28944), "GET all or email/sms templates");
    // Lines 5, 31 and 4366: ordinary sidebar entries, one cut off, one bold.
    assert_eq!(line(5), "Update Object Schema By K... PUT");
    assert_eq!(line(31), "Get Custom Field / Folder By ... GET");
    assert_eq!(line(4366), "🕒 Add/Remove Contacts Fro... **POST**");
    // Line 25906: the external-authentication guide's example, not an API endpoint.
    assert_eq!(line(25906), "GEThttps://domain.com/me");
    for n in [13477, 13479, 28944, 5, 31, 4366, 25906] {
        assert_eq!(request_line(line(n)), None, "line {n}");
    }
    assert_eq!(
        page(28946).title.as_deref(),
        Some("GET all or email/sms templates")
    );
}

#[test]
fn scope_table_rows_are_not_request_lines() {
    // Lines 77306-77308: the scope table the dump ends with.
    assert_eq!(
        line(77306),
        "SCOPE\tAPI ENDPOINTS\tWEBHOOK EVENTS\tACCESS TYPE"
    );
    assert_eq!(
        line(77307),
        "businesses.readonly\tGET /businesses\t\tSub-Account"
    );
    assert_eq!(line(77308), "\tGET /businesses/:businessId\t\tSub-Account");
    assert_eq!(request_line(line(77307)), None);
    assert_eq!(request_line(line(77308)), None);
    let table: Vec<_> = dump()
        .anomalies
        .iter()
        .filter(|a| matches!(a.kind, AnomalyKind::EmbeddedScopeTable { .. }))
        .collect();
    // 167 tab-separated rows from line 77307 to the dump's last line (77914: the file has no
    // final newline, so `wc -l` says 77913).
    assert_eq!(
        table,
        [&ReferenceAnomaly {
            line: 77306,
            kind: AnomalyKind::EmbeddedScopeTable {
                rows: 167,
                last_line: 77914
            }
        }]
    );
}

// ---------------------------------------------------------------------------------------------
// Titles.

#[test]
fn title_is_the_line_above() {
    // Lines 49 and 51.
    assert_eq!(line(49), "Add an external outbound call");
    let p = page(51);
    assert_eq!(p.title.as_deref(), Some("Add an external outbound call"));
    assert_eq!(p.title_line, Some(49));
}

#[test]
fn deprecated_badge_between_title_and_request_line() {
    // Lines 35235-35239.
    assert_eq!(line(35235), "Get Contacts");
    assert_eq!(line(35237), "Deprecated");
    assert_eq!(
        line(35239),
        "GET /https://services.leadconnectorhq.com/**contacts**"
    );
    let p = page(35239);
    assert_eq!(p.title.as_deref(), Some("Get Contacts"));
    assert!(p.deprecated);
    assert!(p.fixes.contains(&Fix::DeprecatedBadge { line: 35237 }));
}

#[test]
fn request_line_in_a_code_fence_without_title() {
    // Lines 45960-45964: site chrome, then the request line fenced; the title was not captured.
    assert_eq!(line(45960), "powered by **Stoplight**");
    assert_eq!(line(45962), "```");
    assert_eq!(
        line(45963),
        "GET https://services.leadconnectorhq.com/locations/{locationId}"
    );
    let p = page(45963);
    assert_eq!(p.title, None);
    assert_eq!(p.path, exact("/locations/{locationId}"));
    assert!(p.fixes.contains(&Fix::CodeFence { line: 45962 }));
    assert_eq!(
        anomalies_at(45963),
        [&AnomalyKind::TitleMissing {
            found: "powered by **Stoplight**".into()
        }]
    );
}

#[test]
fn sidebar_above_the_request_line_is_not_a_title() {
    // Lines 74224-74226.
    assert_eq!(line(74224), "Sign in >");
    assert_eq!(
        line(74226),
        "POST <https://services.leadconnectorhq.com/medias/upload-file>"
    );
    assert_eq!(page(74226).title, None);
    assert_eq!(
        anomalies_at(74226),
        [&AnomalyKind::TitleMissing {
            found: "Sign in >".into()
        }]
    );
}

// ---------------------------------------------------------------------------------------------
// Token types.

#[test]
fn sub_account_with_private_integration_token() {
    // Line 59 on the page of line 51.
    assert_eq!(
        line(59),
        "Use the Access Token generated with user type as Sub-Account (OR) Private Integration Token of Sub-Account."
    );
    let p = page(51);
    assert_eq!(
        p.access,
        [TokenGrant {
            access: Access::SubAccount,
            private_integration: true,
            line: 59
        }]
    );
    assert_eq!(p.private_integration(Access::SubAccount), Some(true));
    assert_eq!(p.private_integration(Access::Agency), None);
}

#[test]
fn two_token_types_each_with_its_own_private_integration_answer() {
    // Lines 11622 and 11630 on the page of line 11614: Sub-Account with a Private Integration
    // Token, Agency without one.
    assert_eq!(
        line(11622),
        "Use the Access Token generated with user type as Sub-Account (OR) Private Integration Token of Sub-Account."
    );
    assert_eq!(
        line(11630),
        "Use the Access Token generated with user type as Agency."
    );
    let p = page(11614);
    assert_eq!(p.private_integration(Access::SubAccount), Some(true));
    assert_eq!(p.private_integration(Access::Agency), Some(false));
}

#[test]
fn token_sentence_split_by_a_sidebar() {
    // Lines 45507 and 45543: a sidebar block sits inside the sentence.
    assert_eq!(
        line(45507),
        "Use the Access Token generated with user type as Sub-Account (OR) Private"
    );
    assert_eq!(line(45543), "Integration Token of Sub-Account.");
    let p = page(45466);
    assert!(p.fixes.contains(&Fix::WrappedTokenSentence {
        line: 45507,
        continuation_line: 45543
    }));
    assert_eq!(p.private_integration(Access::SubAccount), Some(true));
    assert!(anomalies_at(45466).is_empty());
}

#[test]
fn page_without_token_sentence() {
    // Line 1934: the capture has no `Security` block for this page.
    assert_eq!(
        line(1934),
        "POST https://services.leadconnectorhq.com/contacts/bulk/business"
    );
    assert!(page(1934).access.is_empty());
    assert_eq!(anomalies_at(1934), [&AnomalyKind::TokenSentenceMissing]);
}

// ---------------------------------------------------------------------------------------------
// The `Version` header.

#[test]
fn version_from_panel_schema_and_curl() {
    // Page of line 51: the try-it panel (line 77), the schema (line 150), and the cURL sample
    // cut off at `2021-04-` (line 200), which is not evidence.
    assert_eq!(line(77), "Version* : 2021-04-15");
    assert_eq!(line(150), "Allowed value: 2021-04-15");
    assert_eq!(line(200), "  --header 'Version: 2021-04-");
    let p = page(51);
    assert_eq!(p.version.as_deref(), Some("2021-04-15"));
    let forms: Vec<_> = p
        .version_evidence
        .iter()
        .map(|e| (e.line, e.form))
        .collect();
    assert_eq!(
        forms,
        [(77, VersionForm::Panel), (150, VersionForm::AllowedValue)]
    );
}

#[test]
fn version_allowed_value_on_the_next_line() {
    // Lines 40222-40228 on the page of line 40015.
    assert_eq!(line(40222), "Version string required");
    assert_eq!(line(40226), "Allowed value:");
    assert_eq!(line(40228), "2021-04-15");
    let p = page(40015);
    assert!(p.version_evidence.contains(&VersionEvidence {
        value: "2021-04-15".into(),
        line: 40228,
        form: VersionForm::AllowedValue
    }));
    assert_eq!(p.version.as_deref(), Some("2021-04-15"));
}

#[test]
fn version_with_backticks_and_dropdown_marker() {
    // Line 45033 on the page of line 45003.
    assert_eq!(line(45033), "Version* : `2021-07-28` ▾");
    assert!(page(45003).version_evidence.contains(&VersionEvidence {
        value: "2021-07-28".into(),
        line: 45033,
        form: VersionForm::Panel
    }));
}

#[test]
fn schema_allowed_value_of_another_field_is_not_the_version() {
    // Line 11738: `Allowed value: `location`` belongs to another field of the invoice page.
    assert_eq!(line(11738), "Allowed value: `location`");
    assert!(page(11614).version_evidence.iter().all(|e| e.line != 11738));
}

#[test]
fn page_without_version() {
    // Line 26396: no panel, schema or cURL header survived the capture.
    assert_eq!(
        line(26396),
        "GET https://services.leadconnectorhq.com/funnels/page/count"
    );
    assert_eq!(page(26396).version, None);
    assert_eq!(anomalies_at(26396), [&AnomalyKind::VersionMissing]);
}

// ---------------------------------------------------------------------------------------------
// Duplicates.

#[test]
fn repeated_page_is_counted_once() {
    // Lines 36930 and 45690: the same page captured twice.
    assert_eq!(line(36930), line(45690));
    assert_eq!(
        dump().duplicates,
        [DuplicatePage {
            line: 45690,
            first_line: 36930,
            identical: true
        }]
    );
    assert!(dump().pages.iter().all(|p| p.line != 45690));
}

// ---------------------------------------------------------------------------------------------
// User-permission scopes.

#[test]
fn user_scope_lists_found() {
    // Line 17354 (Create User's `scopes`), 17700 (`scopesAssignedToOnly`), and the same
    // fields on Get User, Update User and the users' schemas.
    assert_eq!(line(17354), "scopes array[string]");
    assert_eq!(line(17700), "scopesAssignedToOnly array[string]");
    let lists: Vec<_> = dump()
        .user_permission_scope_lists
        .iter()
        .map(|l| (l.field.as_str(), l.line, l.values))
        .collect();
    assert_eq!(
        lists,
        [
            ("scopes", 17354, 107),
            ("scopesAssignedToOnly", 17700, 106),
            ("scopes", 18544, 106),
            ("scopes", 47504, 106),
            ("scopes", 48589, 107),
            ("scopes", 72388, 106),
            ("scopesAssignedToOnly", 72745, 107),
            ("scopes", 73555, 107),
        ]
    );
}

#[test]
fn user_scope_values_merged_on_one_line() {
    // Line 17494: two values on one line.
    assert_eq!(line(17494), "marketing.write eliza.write");
    assert!(
        anomalies_at(17494).contains(&&AnomalyKind::UserScopesMerged {
            raw: "marketing.write eliza.write".into()
        })
    );
    let names: Vec<_> = dump()
        .user_permission_scopes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(names.contains(&"marketing.write") && names.contains(&"eliza.write"));
}

#[test]
fn user_scope_value_cut_off() {
    // Lines 17809 and 47887: the capture cut these values; they complete to one value each.
    assert_eq!(line(17809), "conversations/message.readonl");
    assert_eq!(line(47887), "users/team-management.r");
    assert_eq!(
        anomalies_at(17809),
        [&AnomalyKind::UserScopeTruncated {
            raw: "conversations/message.readonl".into(),
            completion: Some("conversations/message.readonly".into())
        }]
    );
    assert_eq!(
        anomalies_at(47887),
        [&AnomalyKind::UserScopeTruncated {
            raw: "users/team-management.r".into(),
            completion: Some("users/team-management.readonly".into())
        }]
    );
    assert!(
        dump()
            .user_permission_scopes
            .iter()
            .all(|s| !s.name.ends_with(".readonl") && !s.name.ends_with(".r"))
    );
}

#[test]
fn user_scope_sidebar_inside_the_list_is_skipped() {
    // Line 17424: a sidebar entry between two values of the list that starts at 17354.
    assert_eq!(line(17424), "⦿ Update Opportunity PUT");
    let list = &dump().user_permission_scope_lists[0];
    assert!(list.noise_lines > 0);
    assert!(
        dump()
            .user_permission_scopes
            .iter()
            .all(|s| !s.name.contains(' '))
    );
}

#[test]
fn user_scope_vocabulary_is_sorted_and_distinct() {
    let names: Vec<_> = dump()
        .user_permission_scopes
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted);
    // 107 values in the longest lists, plus the other spelling `reporting/attributions.readonly`
    // that six of the eight lists use instead of `reporting/attribution.readonly`.
    assert_eq!(names.len(), 108);
    let seen = |n: &str| {
        dump()
            .user_permission_scopes
            .iter()
            .find(|s| s.name == n)
            .map_or(0, |s| s.lines.len())
    };
    assert_eq!(seen("reporting/attribution.readonly"), 2);
    assert_eq!(seen("reporting/attributions.readonly"), 6);
    insta::assert_yaml_snapshot!("user_permission_scopes", names);
}

// ---------------------------------------------------------------------------------------------
// Accounting.

#[test]
fn pages_found_merged_and_anomalies() {
    let counts = dump().counts();
    // 188 request lines; one (45690) repeats 36930, so 187 distinct pages.
    assert_eq!(counts.found, 188);
    assert_eq!(counts.duplicates, 1);
    assert_eq!(counts.unique, 187);
    // 4 paths are cut inside the path (3817, 24950, 45466, 47007) and wait for recovery.
    assert_eq!(counts.truncated, 4);
    // Missing facts among the 187: 15 pages have no token sentence (3817, 28185 and 39045
    // also no version), 7 have no version (4 only that), 3 no title; none overlaps with a
    // title miss. Pages lacking anything: 15 + 4 + 3 = 22; plus the 4 truncated paths, of
    // which 3 are otherwise complete (3817 is already counted): 25 not complete, 162 complete.
    assert_eq!(counts.complete, 162);
    // Pages named by an anomaly: those 22, plus 71221 (misspelled host, otherwise complete).
    // The repeat 45690 is an anomaly too but not a distinct page. Truncation is an anomaly
    // only once recovery fails.
    assert_eq!(counts.with_anomalies, 23);
    let kinds =
        |f: fn(&AnomalyKind) -> bool| dump().anomalies.iter().filter(|a| f(&a.kind)).count();
    assert_eq!(
        kinds(|k| matches!(k, AnomalyKind::TokenSentenceMissing)),
        15
    );
    assert_eq!(kinds(|k| matches!(k, AnomalyKind::VersionMissing)), 7);
    assert_eq!(kinds(|k| matches!(k, AnomalyKind::TitleMissing { .. })), 3);
    assert_eq!(
        kinds(|k| matches!(k, AnomalyKind::MisspelledHost { .. })),
        1
    );
    assert_eq!(kinds(|k| matches!(k, AnomalyKind::DuplicatePage { .. })), 1);
    assert_eq!(
        kinds(|k| matches!(k, AnomalyKind::VersionConflict { .. })),
        0
    );
    assert_eq!(kinds(|k| matches!(k, AnomalyKind::TokenConflict { .. })), 0);
    assert_eq!(
        kinds(|k| matches!(k, AnomalyKind::TokenSentenceUnreadable { .. })),
        0
    );
    assert_eq!(kinds(|k| matches!(k, AnomalyKind::InvalidPath { .. })), 0);
}

#[test]
fn every_request_line_is_a_page_or_a_duplicate() {
    let request_lines: Vec<u32> = DUMP
        .lines()
        .enumerate()
        .filter(|(_, l)| request_line(l).is_some())
        .map(|(i, _)| u32::try_from(i + 1).expect("fits"))
        .collect();
    let mut accounted: Vec<u32> = dump()
        .pages
        .iter()
        .map(|p| p.line)
        .chain(dump().duplicates.iter().map(|d| d.line))
        .collect();
    accounted.sort_unstable();
    assert_eq!(request_lines, accounted);
}

/// One page as one snapshot line, so the list reads like a table:
/// `line METHOD path | title | token types | version`, where a token type carries `+pit` when a
/// Private Integration Token of that type is accepted, and a missing fact reads `(none)`.
fn page_row(p: &ReferencePage) -> String {
    let path = match &p.path {
        PagePath::Exact { path } => path.clone(),
        PagePath::Truncated { visible_tail } => format!("...{visible_tail} (truncated)"),
        other => format!("{other:?}"),
    };
    let access: Vec<String> = p
        .access
        .iter()
        .map(|g| {
            let t = match g.access {
                Access::SubAccount => "sub-account",
                Access::Agency => "agency",
            };
            if g.private_integration {
                format!("{t}+pit")
            } else {
                t.to_owned()
            }
        })
        .collect();
    let access = if access.is_empty() {
        "(none)".to_owned()
    } else {
        access.join(", ")
    };
    format!(
        "{} {} {} | {}{} | {} | {}",
        p.line,
        p.method.as_str(),
        path,
        if p.deprecated { "[deprecated] " } else { "" },
        p.title.as_deref().unwrap_or("(none)"),
        access,
        p.version.as_deref().unwrap_or("(none)"),
    )
}

#[test]
fn page_list_snapshot() {
    let rows: Vec<String> = dump().pages.iter().map(page_row).collect();
    insta::assert_yaml_snapshot!("pages", rows);
}

#[test]
fn anomaly_snapshot() {
    insta::assert_yaml_snapshot!("anomalies", dump().anomalies);
}

// ---------------------------------------------------------------------------------------------
// Recovery.

/// The four truncated pages' endpoints as the current scope table lists them
/// (`highlevel-scopes-current.md` lines 219, 212, 210 and 208; the table omits the leading
/// `/` of the last three, added here).
fn known() -> Vec<(HttpMethod, String)> {
    [
        (
            HttpMethod::Delete,
            "/conversations/messages/email/:emailMessageId/schedule",
        ),
        (
            HttpMethod::Get,
            "/conversations/locations/:locationId/messages/:messageId/transcription/download",
        ),
        (
            HttpMethod::Get,
            "/conversations/locations/:locationId/messages/:messageId/transcription",
        ),
        (
            HttpMethod::Get,
            "/conversations/messages/:messageId/locations/:locationId/recording",
        ),
        // Same tails, other methods: must never match.
        (
            HttpMethod::Post,
            "/conversations/messages/email/:emailMessageId/schedule",
        ),
    ]
    .into_iter()
    .map(|(m, p)| (m, p.to_owned()))
    .collect()
}

#[test]
fn recovery_against_the_scope_table() {
    let mut d = dump().clone();
    let summary = recover_paths(&mut d, &known()).expect("valid templates");
    assert_eq!(
        summary,
        RecoverySummary {
            recovered: 4,
            ambiguous: 0,
            unresolved: 0
        }
    );
    let path = |n: u32| d.pages.iter().find(|p| p.line == n).map(|p| p.path.clone());
    // 3817: `m` ends the base URL, and no known path has a segment before `conversations`.
    assert_eq!(
        path(3817),
        Some(PagePath::Recovered {
            visible_tail: "m/conversations/messages/email/{emailMessageId}/schedule".into(),
            path: "/conversations/messages/email/{emailMessageId}/schedule".into()
        })
    );
    // 24950: `ns` ends `conversations`... and the `transcription` page (47007) is not a match
    // because its last segment differs.
    assert_eq!(
        path(24950),
        Some(PagePath::Recovered {
            visible_tail: "ns/{locationId}/messages/{messageId}/transcription/download".into(),
            path:
                "/conversations/locations/{locationId}/messages/{messageId}/transcription/download"
                    .into()
        })
    );
    assert_eq!(d.counts().truncated, 0);
    assert_eq!(d.counts().complete, 165);
    // Idempotent.
    let again = recover_paths(&mut d, &known()).expect("valid templates");
    assert_eq!(again, RecoverySummary::default());
}

#[test]
fn recovery_reports_ambiguity_instead_of_choosing() {
    // Line 47007: `s/locations/{locationId}/messages/{messageId}/transcription`. Any known
    // path whose segment before `locations` ends in `s` fits; with two such, none is chosen.
    assert_eq!(
        line(47007),
        "GET ...s/locations/{locationId}/messages/{messageId}/transcription"
    );
    let mut known = known();
    known.push((
        HttpMethod::Get,
        "/phone-systems/locations/{locationId}/messages/{id}/transcription".into(),
    ));
    let mut d = dump().clone();
    let summary = recover_paths(&mut d, &known).expect("valid templates");
    assert_eq!(summary.ambiguous, 1);
    let p = d.pages.iter().find(|p| p.line == 47007).expect("page");
    assert_eq!(
        p.path,
        PagePath::Ambiguous {
            visible_tail: "s/locations/{locationId}/messages/{messageId}/transcription".into(),
            candidates: vec![
                "/conversations/locations/{locationId}/messages/{messageId}/transcription".into(),
                "/phone-systems/locations/{locationId}/messages/{id}/transcription".into(),
            ]
        }
    );
    assert!(
        d.anomalies
            .iter()
            .any(|a| a.line == 47007 && matches!(a.kind, AnomalyKind::PathAmbiguous { .. }))
    );
}

#[test]
fn recovery_without_a_match_is_unresolved() {
    let mut d = dump().clone();
    let summary = recover_paths(&mut d, &[]).expect("no templates");
    assert_eq!(summary.unresolved, 4);
    let path = |n: u32| d.pages.iter().find(|p| p.line == n).map(|p| p.path.clone());
    // 3817's head `m` is a tail of the base URL: the path it would be is reported, not used.
    assert_eq!(
        path(3817),
        Some(PagePath::Unresolved {
            visible_tail: "m/conversations/messages/email/{emailMessageId}/schedule".into(),
            if_host_was_cut: Some("/conversations/messages/email/{emailMessageId}/schedule".into())
        })
    );
    // 24950's head `ns` is not.
    assert!(matches!(
        path(24950),
        Some(PagePath::Unresolved {
            if_host_was_cut: None,
            ..
        })
    ));
    assert_eq!(
        d.anomalies
            .iter()
            .filter(|a| matches!(a.kind, AnomalyKind::PathUnresolved { .. }))
            .count(),
        4
    );
}

#[test]
fn recovery_needs_params_where_the_tail_has_params() {
    // 24950's tail has `{locationId}` where this known path has a static segment.
    let mut d = dump().clone();
    let known = [(
        HttpMethod::Get,
        "/conversations/locations/all/messages/{messageId}/transcription/download".to_owned(),
    )];
    recover_paths(&mut d, &known).expect("valid");
    let p = d.pages.iter().find(|p| p.line == 24950).expect("page");
    assert!(matches!(p.path, PagePath::Unresolved { .. }));
}

#[test]
fn recovery_rejects_an_invalid_known_template() {
    let mut d = dump().clone();
    let err = recover_paths(&mut d, &[(HttpMethod::Get, "/a//b".into())]).expect_err("invalid");
    assert!(matches!(err, ReferenceError::InvalidKnownTemplate { .. }));
    assert!(err.to_string().contains("/a//b"));
}

// ---------------------------------------------------------------------------------------------
// Errors.

#[test]
fn not_a_dump() {
    let err = parse_reference("Sign in\nGET all or email/sms templates GET\n", "x.txt")
        .expect_err("no pages");
    assert_eq!(
        err,
        ReferenceError::NoPages {
            file: "x.txt".into()
        }
    );
    assert!(err.to_string().starts_with("x.txt: "));
}

#[test]
fn unterminated_user_scope_list() {
    let text = "T\nGET https://services.leadconnectorhq.com/users\nscopes array[string]\nAllowed values:\ncontacts.write\n";
    let err = parse_reference(text, "x.txt").expect_err("unterminated");
    assert_eq!(
        err,
        ReferenceError::UnterminatedUserScopeList {
            file: "x.txt".into(),
            line: 3
        }
    );
    assert!(err.to_string().starts_with("x.txt:3: "));
}

#[test]
fn deterministic() {
    assert_eq!(&parse_reference(DUMP, FILE).expect("parses"), dump());
}

#[test]
fn hostile_input_never_panics() {
    // Odd request lines: bare cut, cut at a slash, unbalanced wrappers, multi-byte text at the
    // offsets the parser slices at, a sentence and a version with nothing after them.
    let text = "é\nGET .../\nGET `...é/{x}\nPOST <https://services.leadconnectorhq.com\n\
                PUT https://évil.example/a b\nDELETE ...x.com/{}\nPATCH /**\n\
                Use the Access Token generated with user type as \n\
                Use the Access Token generated with user type as Sub-Account (OR) Private\n\
                Version* : 2021-07-2é\nAllowed value:\n";
    let mut d = parse_reference(text, "hostile.txt").expect("has request lines");
    assert!(d.counts().found >= 4);
    let known = [
        (HttpMethod::Get, "/a/{b}".to_owned()),
        (HttpMethod::Get, "/".to_owned()),
    ];
    recover_paths(&mut d, &known).expect("valid templates");
    // `GET .../` shows nothing of the path: every known GET fits, so it is ambiguous.
    let p = d.pages.iter().find(|p| p.line == 2).expect("page");
    assert!(matches!(&p.path, PagePath::Ambiguous { candidates, .. } if candidates.len() == 2));
    // `DELETE ...x.com/{}`: a whole path that is not a template.
    let p = d.pages.iter().find(|p| p.line == 6).expect("page");
    assert!(matches!(p.path, PagePath::Invalid { .. }));
    assert!(
        d.anomalies
            .iter()
            .any(|a| a.line == 6 && matches!(a.kind, AnomalyKind::InvalidPath { .. }))
    );
}

#[test]
fn pages_are_in_dump_order() {
    let lines: Vec<u32> = dump().pages.iter().map(|p| p.line).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]));
    assert!(dump().anomalies.windows(2).all(|w| w[0].line <= w[1].line));
}
