//! Tests on the real page and the real curated file, plus one test per quirk and per error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scopewise_model::sfmc::SfmcCatalogFile;
use scopewise_model::sfmc_vocabulary::{Level, SoapOperation, TokenStatus};

use super::*;
use crate::source::Source;

const PAGE: &str = include_str!("../../../data/sources/sfmc/sfmc-installed-package-scopes.txt");
const MAPPING: &str = include_str!("../../../data/sfmc/tokens.yaml");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn page() -> SfmcPage {
    parse_page(PAGE, SOURCE_PATH).unwrap()
}

fn curated() -> CuratedMapping {
    CuratedMapping::parse(MAPPING, MAPPING_PATH).unwrap()
}

fn catalog() -> SfmcCatalogFile {
    build_catalog(&page(), &curated(), PAGE.as_bytes()).unwrap()
}

/// The real text of 1-based `line` of the page.
fn line(n: usize) -> &'static str {
    PAGE.lines().nth(n - 1).unwrap()
}

/// The page with one exact line replaced (the old text must be that line).
fn page_with(n: usize, old: &str, new: &str) -> String {
    assert_eq!(line(n), old, "line {n} is not what the test expects");
    let mut lines: Vec<&str> = PAGE.lines().collect();
    lines[n - 1] = new;
    lines.join("\n")
}

/// The page with 1-based lines `from..=to` removed.
fn page_without(from: usize, to: usize) -> String {
    PAGE.lines()
        .enumerate()
        .filter(|(i, _)| !(from - 1..to).contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

fn page_error(text: &str) -> SfmcError {
    parse_page(text, SOURCE_PATH).unwrap_err()
}

// ---------------------------------------------------------------- line accounting

#[test]
fn every_line_of_the_page_is_accounted_for() {
    // 127 newline characters; the last row has none, so `lines()` yields 128 lines.
    assert_eq!(PAGE.bytes().filter(|&b| b == b'\n').count(), 127);
    assert!(!PAGE.ends_with('\n'));
    assert_eq!(PAGE.lines().count(), 128);

    let page = page();
    assert_eq!(page.lines.len(), 128);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for role in &page.lines {
        *counts.entry(role.name()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("title", 1),
        ("intro", 3),
        ("group-name", 24),
        ("group-scopes", 24),
        ("table-intro", 1),
        ("table-header", 1),
        ("soap-row", 21),
        ("blank", 53),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(expected.values().sum::<usize>(), 128);

    // Each role points back at the record built from that line, and each record's line has
    // that role: the accounting and the records agree.
    for (g, group) in page.groups.iter().enumerate() {
        assert_eq!(
            page.lines[group.line as usize - 1],
            LineRole::GroupName { group: g }
        );
        assert_eq!(line(group.line as usize), group.name);
        assert_eq!(
            page.lines[group.scopes_line as usize - 1],
            LineRole::GroupScopes { group: g }
        );
    }
    for (r, row) in page.soap_rows.iter().enumerate() {
        assert_eq!(
            page.lines[row.line as usize - 1],
            LineRole::SoapRow { row: r }
        );
    }
    for (i, role) in page.lines.iter().enumerate() {
        if *role == LineRole::Blank {
            assert!(line(i + 1).trim().is_empty(), "line {} is not blank", i + 1);
        }
    }
    assert_eq!(page.lines[0], LineRole::Title);
    assert_eq!(page.title, "API Integration Permission Scopes");
    assert_eq!(page.lines[104], LineRole::TableIntro);
    assert_eq!(page.lines[106], LineRole::TableHeader);
    assert_eq!(line(107), TABLE_HEADER);
}

#[test]
fn line_accounting_snapshot() {
    let page = page();
    let listing: String = page
        .lines
        .iter()
        .zip(PAGE.lines())
        .enumerate()
        .map(|(i, (role, text))| {
            let index = match role {
                LineRole::GroupName { group } | LineRole::GroupScopes { group } => {
                    format!("[{group}]")
                }
                LineRole::SoapRow { row } => format!("[{row}]"),
                _ => String::new(),
            };
            let text: String = text.chars().take(60).collect();
            format!(
                "{:>3} {:<17} {text}\n",
                i + 1,
                format!("{}{index}", role.name())
            )
        })
        .collect();
    insta::assert_snapshot!(listing);
}

// ---------------------------------------------------------------- groups and levels

#[test]
fn each_level_list_variant_on_its_real_line() {
    use Level::*;
    // (line, exact text, description?, levels): one case per way the page writes the list.
    let cases: [(usize, &str, Option<&str>, &[Level]); 11] = [
        // plural, Oxford comma, period
        (
            11,
            "Enables email message management and sending. Available scopes: Read, Write, and Send.",
            Some("Enables email message management and sending."),
            &[Read, Write, Send],
        ),
        // `X and Y.`
        (
            15,
            "Enables Chat message management and sending. Available scopes: Read and Send.",
            Some("Enables Chat message management and sending."),
            &[Read, Send],
        ),
        // Oxford comma, no final period
        (
            19,
            "Enables Push message management and sending. Available scopes: Read, Write, and Send",
            Some("Enables Push message management and sending."),
            &[Read, Write, Send],
        ),
        // four levels, no description line
        (
            27,
            "Available scopes: Read, Write, Publish, and Post.",
            None,
            &[Read, Write, Publish, Post],
        ),
        (
            31,
            "Available scopes: Read, Write, and Publish.",
            None,
            &[Read, Write, Publish],
        ),
        (
            47,
            "Enables management of Journeys. Available scopes: Read, Write, and Execute.",
            Some("Enables management of Journeys."),
            &[Read, Write, Execute],
        ),
        // `X and Y`, no period, no description
        (51, "Available scopes: Read and Write", None, &[Read, Write]),
        // `X, Y` without `and` or period
        (
            55,
            "Enables management of subscribers, lists, groups, filters, measures, and preference \
             management. Available scopes: Read, Write",
            Some(
                "Enables management of subscribers, lists, groups, filters, measures, and \
                 preference management.",
            ),
            &[Read, Write],
        ),
        // singular `scope`, no period
        (
            67,
            "Enables management of tracking event data associated with channels. Available scope: Read",
            Some("Enables management of tracking event data associated with channels."),
            &[Read],
        ),
        // singular, period, description of three sentences
        (
            71,
            "Enables management of approval items. Can edit and delete approval comments. Can \
             enable approvals for any channel. Available scope: Write.",
            Some(
                "Enables management of approval items. Can edit and delete approval comments. \
                 Can enable approvals for any channel.",
            ),
            &[Write],
        ),
        // singular, no description
        (83, "Available scope: Write.", None, &[Write]),
    ];
    for (n, text, description, levels) in cases {
        assert_eq!(line(n), text, "line {n}");
        let sentence = parse_scopes_sentence(text).unwrap();
        assert_eq!(sentence.description, description, "line {n}");
        assert_eq!(sentence.levels, levels, "line {n}");
    }
}

#[test]
fn all_groups_with_their_lines_and_levels() {
    use Level::*;
    let expected: [(&str, u32, &[Level]); 24] = [
        ("Email", 9, &[Read, Write, Send]),
        ("OTT", 13, &[Read, Send]),
        ("Push", 17, &[Read, Write, Send]),
        ("SMS", 21, &[Read, Write, Send]),
        ("Social", 25, &[Read, Write, Publish, Post]),
        ("Web", 29, &[Read, Write, Publish]),
        ("Documents and Images", 33, &[Read, Write]),
        ("Saved Content", 37, &[Read, Write]),
        ("Automations", 41, &[Read, Write, Execute]),
        ("Journeys (Interactions)", 45, &[Read, Write, Execute]),
        ("Audiences", 49, &[Read, Write]),
        ("Lists and Subscribers", 53, &[Read, Write]),
        ("Data Extensions", 57, &[Read, Write]),
        ("File Locations", 61, &[Read, Write]),
        ("Tracking Events", 65, &[Read]),
        ("Approvals", 69, &[Write]),
        ("Calendar", 73, &[Read, Write]),
        ("Campaign", 77, &[Read, Write]),
        ("Tags", 81, &[Write]),
        ("Workflows", 85, &[Write]),
        ("Organizations", 89, &[Read, Write]),
        ("OTT Channels", 93, &[Read, Write]),
        ("Users", 97, &[Read, Write]),
        ("Webhooks", 101, &[Read, Write]),
    ];
    let page = page();
    let actual: Vec<(&str, u32, &[Level])> = page
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.line, g.levels.as_slice()))
        .collect();
    assert_eq!(actual, expected);
    for g in &page.groups {
        assert_eq!(g.scopes_line, g.line + 2, "{}", g.name);
    }
    let without_description: Vec<&str> = page
        .groups
        .iter()
        .filter(|g| g.description.is_none())
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(
        without_description,
        [
            "Social",
            "Web",
            "Audiences",
            "File Locations",
            "Tags",
            "Webhooks"
        ]
    );
}

// ---------------------------------------------------------------- SOAP rows

#[test]
fn every_soap_row_splits_and_only_one_way() {
    use SoapOperation::*;
    let all = &[Create, Delete, Perform, Retrieve, Update];
    let expected: [(usize, &str, &[SoapOperation], &str); 21] = [
        (
            108,
            "AccountTrackingAggregate",
            &[Retrieve],
            "Contains email tracking information aggregated at the account level.",
        ),
        (
            109,
            "Activity",
            &[Retrieve],
            "Contains the definition of a workflow step or action in an automation.",
        ),
        (
            110,
            "ActivityInstance",
            &[Retrieve],
            "Contains information about the execution of an activity in an automation instance.",
        ),
        (
            111,
            "AsyncActivityStatus",
            &[Retrieve],
            "Contains information about the status of an asynchronous job.",
        ),
        (
            112,
            "AutomationInstance",
            &[Retrieve],
            "Contains information about the execution of an automation.",
        ),
        (
            113,
            "FrameworkHealthCheck",
            &[Create, Delete, Retrieve, Update],
            "Provides system health information.",
        ),
        (
            114,
            "ImportResultsSummary",
            &[Retrieve],
            "Contains status and summary information about an import job.",
        ),
        (
            115,
            "LinkClickTrackingAggregate",
            &[Retrieve],
            "Contains aggregated tracking data for link clicks.",
        ),
        (
            116,
            "ListSendTrackingAggregate",
            &[Retrieve],
            "Contains email tracking information aggregated by list send.",
        ),
        (
            117,
            "LowLatencyTransactionalSend",
            &[Create],
            "Send a transactional email.",
        ),
        (
            118,
            "Program",
            all,
            "Contains the definition of an automation, including its schedule and tasks.",
        ),
        (
            119,
            "ProgramInstance",
            &[Retrieve],
            "Contains information about a single run or execution of an automation.",
        ),
        (
            120,
            "ResultItem",
            &[Retrieve],
            "Contains result data for API operations.",
        ),
        (
            121,
            "ResultMessage",
            &[Retrieve],
            "Contains result and error messages from API operations.",
        ),
        (
            122,
            "ScheduledConversation",
            &[Delete],
            "Asynchronously delete a scheduled conversation.",
        ),
        (
            123,
            "ScheduledRequest",
            &[Delete],
            "Asynchronously delete a scheduled request.",
        ),
        (
            124,
            "SubscriberTrackingAggregate",
            &[Retrieve],
            "Contains email tracking information aggregated at the subscriber level.",
        ),
        (
            125,
            "Task",
            &[Retrieve],
            "Contains the definition of a group of activities in an automation.",
        ),
        (
            126,
            "TaskInstance",
            &[Retrieve],
            "Contains information about the execution of a task in an automation instance.",
        ),
        (
            127,
            "TrackingEvent",
            &[Retrieve],
            "Contains generic tracking events.",
        ),
        (
            128,
            "TriggeredSendTrackingAggregate",
            &[Retrieve],
            "Contains email tracking information aggregated by triggered send.",
        ),
    ];
    let page = page();
    assert_eq!(page.soap_rows.len(), 21);
    for ((n, object, operations, description), row) in expected.into_iter().zip(&page.soap_rows) {
        let raw = line(n);
        let joined = operations
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // The expectation glued back together is the real line, byte for byte.
        assert_eq!(format!("{object}{joined}{description}"), raw);
        // Exactly one split satisfies the rule, so the longest-object tie-break is not
        // what decides any row of this page.
        let splits = soap_row_splits(raw);
        assert_eq!(splits.len(), 1, "line {n}: {splits:?}");
        assert_eq!(splits[0].object, object, "line {n}");
        assert_eq!(splits[0].operations, operations, "line {n}");
        assert_eq!(splits[0].description, description, "line {n}");
        assert_eq!(
            (
                row.line as usize,
                row.object.as_str(),
                row.operations.as_slice(),
                row.description.as_str()
            ),
            (n, object, operations, description)
        );
    }
}

#[test]
fn low_latency_transactional_send_is_split_after_create_not_after_send() {
    // `Send` is a scope level, not a SOAP operation: the operation list can only start at
    // `Create`, and a lone operation (no `, `) ends the list, so `Send` opens the description.
    let row = line(117);
    assert_eq!(
        row,
        "LowLatencyTransactionalSendCreateSend a transactional email."
    );
    let split = split_soap_row(row).unwrap();
    assert_eq!(split.object, "LowLatencyTransactionalSend");
    assert_eq!(split.operations, [SoapOperation::Create]);
    assert_eq!(split.description, "Send a transactional email.");
}

#[test]
fn the_longest_object_wins_when_a_row_splits_two_ways() {
    // Not on the page today: an object whose name ends with an operation word.
    let row = "ProgramRetrieveRetrieveContains a program.";
    let splits = soap_row_splits(row);
    let objects: Vec<&str> = splits.iter().map(|s| s.object).collect();
    assert_eq!(objects, ["Program", "ProgramRetrieve"]);
    let split = split_soap_row(row).unwrap();
    assert_eq!(split.object, "ProgramRetrieve");
    assert_eq!(split.description, "Contains a program.");
}

#[test]
fn operation_lists_continue_only_after_comma_space() {
    // A comma list ends at the operation glued to the description (line 113's shape).
    let split = split_soap_row("FooCreate, UpdateUpdates foo.").unwrap();
    assert_eq!(split.object, "Foo");
    assert_eq!(
        split.operations,
        [SoapOperation::Create, SoapOperation::Update]
    );
    assert_eq!(split.description, "Updates foo.");
}

#[test]
fn rows_that_do_not_split() {
    for row in [
        "ActivityFetchContains the definition.",    // no operation
        "ActivityRetrievecontains the definition.", // description not upper-case
        "ActivityRetrieve",                         // no description
        "Activity Retrieve Contains.",              // columns with spaces
        "Activity\tRetrieve\tContains.",            // columns with tabs
        "activityRetrieveContains.",                // object not CamelCase
        "FooCreate, CreateContains.",               // operation twice
        "FooCreate, Contains.",                     // dangling separator
    ] {
        assert!(split_soap_row(row).is_err(), "{row:?} split");
    }
}

// ---------------------------------------------------------------- page errors

#[test]
fn unknown_level_names_file_and_line() {
    let text = page_with(
        15,
        "Enables Chat message management and sending. Available scopes: Read and Send.",
        "Enables Chat message management and sending. Available scopes: Read and Chat.",
    );
    let e = page_error(&text);
    assert_eq!((e.file.as_str(), e.line), (SOURCE_PATH, Some(15)));
    assert!(matches!(&e.kind, SfmcErrorKind::UnknownLevel { word } if word == "Chat"));
    assert_eq!(
        e.to_string(),
        "data/sources/sfmc/sfmc-installed-package-scopes.txt:15: unknown level \"Chat\"; \
         expected one of Read, Write, Send, Publish, Post, Execute"
    );
}

#[test]
fn level_list_errors() {
    for (list, expected) in [
        ("Available scopes: Read, Read", "level Read is listed twice"),
        ("Available scopes:", "`Available scope(s):` lists no level"),
        (
            "Available scopes: .",
            "`Available scope(s):` lists no level",
        ),
        ("Available scopes: read", "unknown level \"read\""),
        (
            "Available scopes: Read, Write, and",
            "unknown level \"and\"",
        ),
        (
            "Available scopes: Read, Write. See below.",
            "unknown level \"Write. See below\"",
        ),
        ("Available scopes Read", "expected `Available scopes:`"),
    ] {
        let e = parse_scopes_sentence(list).unwrap_err();
        assert!(e.to_string().starts_with(expected), "{list:?}: {e}");
    }
}

#[test]
fn a_group_without_its_available_scopes_sentence_is_an_error_at_the_group() {
    // The level sentence cut from Email's line: the line left is a plain description.
    let text = page_with(
        11,
        "Enables email message management and sending. Available scopes: Read, Write, and Send.",
        "Enables email message management and sending.",
    );
    let e = page_error(&text);
    assert_eq!(e.line, Some(9));
    assert!(
        matches!(&e.kind, SfmcErrorKind::MissingScopes { group, found: Some(found) }
        if group == "Email" && found == "Enables email message management and sending.")
    );

    // Calendar's whole scopes line gone: the next group name comes instead.
    let e = page_error(&page_without(75, 76));
    assert_eq!(e.line, Some(73));
    assert!(
        matches!(&e.kind, SfmcErrorKind::MissingScopes { group, found: Some(found) }
        if group == "Calendar" && found == "Campaign")
    );

    // The last group's scopes line gone: the table intro comes instead.
    let e = page_error(&page_without(103, 104));
    assert_eq!(e.line, Some(101));
    assert!(matches!(&e.kind, SfmcErrorKind::MissingScopes { group, .. } if group == "Webhooks"));
}

#[test]
fn a_scopes_sentence_without_a_group_name_is_an_error() {
    let e = page_error(&page_without(81, 82)); // `Tags` and its blank line
    assert_eq!(e.line, Some(81)); // `Available scope: Write.` moved up to line 81
    assert!(
        matches!(&e.kind, SfmcErrorKind::ScopesWithoutGroup { found } if found == "Available scope: Write.")
    );
}

#[test]
fn a_soap_row_that_does_not_split_names_its_line() {
    let text = page_with(
        109,
        "ActivityRetrieveContains the definition of a workflow step or action in an automation.",
        "ActivityFetchContains the definition of a workflow step or action in an automation.",
    );
    let e = page_error(&text);
    assert_eq!(e.line, Some(109));
    assert!(
        matches!(&e.kind, SfmcErrorKind::SoapRow { row, .. } if row.starts_with("ActivityFetch"))
    );

    // Text after the table is not a row either.
    let e = page_error(&format!("{PAGE}\n\nCopyright notice."));
    assert_eq!(e.line, Some(130));
}

#[test]
fn a_missing_table_header_is_an_error_at_what_came_instead() {
    let e = page_error(&page_without(107, 107));
    assert_eq!(e.line, Some(107));
    assert!(
        matches!(&e.kind, SfmcErrorKind::MissingTableHeader { found: Some(found) }
        if found.starts_with("AccountTrackingAggregateRetrieve"))
    );

    let e = page_error(&page_without(105, 128));
    assert!(
        matches!(e.kind, SfmcErrorKind::MissingTableHeader { found: None }),
        "{e}"
    );
}

#[test]
fn duplicates_and_empty_inputs_are_errors() {
    let e = page_error(&page_with(97, "Users", "Email"));
    assert_eq!(e.line, Some(97));
    assert!(matches!(
        e.kind,
        SfmcErrorKind::DuplicateGroup { first_line: 9, .. }
    ));

    let e = page_error(&page_with(
        128,
        "TriggeredSendTrackingAggregateRetrieveContains email tracking information aggregated by triggered send.",
        "TaskRetrieveContains it again.",
    ));
    assert_eq!(e.line, Some(128));
    assert!(matches!(
        e.kind,
        SfmcErrorKind::DuplicateSoapObject {
            first_line: 125,
            ..
        }
    ));

    assert!(matches!(page_error("").kind, SfmcErrorKind::EmptyPage));
    assert!(matches!(
        page_error("\n  \n").kind,
        SfmcErrorKind::EmptyPage
    ));
    let e = page_error(&page_without(108, 128));
    assert_eq!(e.line, Some(107));
    assert!(matches!(e.kind, SfmcErrorKind::NoSoapRows));
    let e = page_error(&page_without(9, 104));
    assert!(matches!(e.kind, SfmcErrorKind::NoGroups), "{e}");
}

#[test]
fn crlf_line_endings_parse_the_same() {
    let crlf = PAGE.replace('\n', "\r\n");
    let page = parse_page(&crlf, SOURCE_PATH).unwrap();
    let lf = self::page();
    assert_eq!(page.groups, lf.groups);
    assert_eq!(page.soap_rows, lf.soap_rows);
    assert_eq!(page.lines, lf.lines);
}

#[test]
fn a_missing_or_non_utf8_file_is_an_error_naming_it() {
    let root = std::env::temp_dir().join(format!("scopewise-sfmc-test-{}", std::process::id()));
    let e = read_catalog(&root).unwrap_err();
    assert_eq!(e.file, SOURCE_PATH);
    assert_eq!(e.line, None);
    assert!(matches!(e.kind, SfmcErrorKind::Io(_)));
    assert!(std::error::Error::source(&e).is_some());

    let dir = root.join("data/sources/sfmc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(root.join(SOURCE_PATH), b"Title\n\nBad \xff byte\n").unwrap();
    let e = read_catalog(&root).unwrap_err();
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!((e.file.as_str(), e.line), (SOURCE_PATH, Some(3)));
    assert!(matches!(e.kind, SfmcErrorKind::NotUtf8));
}

// ---------------------------------------------------------------- curated mapping

fn mapping_error(mapping: &str) -> SfmcError {
    let curated = CuratedMapping::parse(mapping, MAPPING_PATH).unwrap();
    build_catalog(&page(), &curated, PAGE.as_bytes()).unwrap_err()
}

/// The real mapping with `old` (which must occur once) replaced.
fn mapping_with(old: &str, new: &str) -> String {
    assert_eq!(MAPPING.matches(old).count(), 1, "{old:?}");
    MAPPING.replace(old, new)
}

fn mapping_line(needle: &str) -> u32 {
    let i = MAPPING.lines().position(|l| l.contains(needle)).unwrap();
    u32::try_from(i + 1).unwrap()
}

#[test]
fn a_group_without_a_mapping_is_an_error_at_the_group_on_the_page() {
    let e = mapping_error(&mapping_with(
        "  - { name: Webhooks, prefix: webhooks }\n",
        "",
    ));
    assert_eq!((e.file.as_str(), e.line), (SOURCE_PATH, Some(101)));
    assert!(
        matches!(&e.kind, SfmcErrorKind::UnmappedGroup { group, mapping_file }
        if group == "Webhooks" && mapping_file == MAPPING_PATH)
    );
}

#[test]
fn a_mapping_for_a_group_the_page_lacks_is_an_error_at_its_line() {
    let text = mapping_with(
        "  - { name: Users, prefix: users }\n",
        "  - { name: Users, prefix: users }\n  - { name: Marketing Cloud Connect, prefix: marketing_cloud_connect }\n",
    );
    let e = mapping_error(&text);
    assert_eq!(
        (e.file.as_str(), e.line),
        (MAPPING_PATH, Some(mapping_line("name: Users") + 1))
    );
    assert!(
        matches!(&e.kind, SfmcErrorKind::MappingForUnknownGroup { group } if group == "Marketing Cloud Connect")
    );
}

#[test]
fn a_non_obvious_prefix_needs_a_reason() {
    let text = mapping_with(
        "    prefix: accounts\n    reason: >-\n      The tokens are named after what the group manages (\"accounts, business units, and child\n      accounts\", as its description says), not after the display name: accounts_read and\n      accounts_write (issue 7; real v2/token responses). organizations_* is not a token.\n",
        "    prefix: accounts\n",
    );
    let e = mapping_error(&text);
    assert_eq!(e.line, Some(mapping_line("name: Organizations")));
    assert!(
        matches!(&e.kind, SfmcErrorKind::ReasonRequired { group, prefix, snake_name }
        if group == "Organizations" && prefix == "accounts" && snake_name == "organizations")
    );
    assert!(e.to_string().ends_with(
        "group `Organizations` maps to `accounts`, not `organizations`: give a `reason`"
    ));
}

/// A predicate on the error kind a case expects.
type KindCheck = fn(&SfmcErrorKind) -> bool;

#[test]
fn mapping_entry_errors() {
    // (replace, with, line of the entry, expected kind)
    let email = mapping_line("name: Email");
    let push = mapping_line("name: Push");
    let tags = mapping_line("name: Tags");
    let offline = mapping_line("token: offline");
    let cases: Vec<(&str, &str, u32, KindCheck)> = vec![
        (
            "{ name: Push, prefix: push }",
            "{ name: Email, prefix: push }",
            push,
            |k| matches!(k, SfmcErrorKind::DuplicateMapping { group } if group == "Email"),
        ),
        (
            "{ name: Tags, prefix: tags }",
            "{ name: Tags, prefix: email }",
            tags,
            |k| matches!(k, SfmcErrorKind::DuplicatePrefix { prefix, first_group } if prefix == "email" && first_group == "Email"),
        ),
        (
            "{ name: Email, prefix: email }",
            "{ name: Email, prefix: Email }",
            email,
            |k| matches!(k, SfmcErrorKind::NotSnakeCase { what: "prefix", value } if value == "Email"),
        ),
        (
            "{ name: Email, prefix: email }",
            "{ name: Email, prefix: email, reason: \" \" }",
            email,
            |k| {
                matches!(
                    k,
                    SfmcErrorKind::EmptyNote {
                        field: "reason",
                        ..
                    }
                )
            },
        ),
        (
            "  - token: offline\n",
            "  - token: email_read\n",
            offline,
            |k| matches!(k, SfmcErrorKind::UndocumentedIsDocumented { token, group, page_line: 11 } if token == "email_read" && group == "Email"),
        ),
        (
            "  - token: offline\n",
            "  - token: tags_read\n",
            offline, // the second `tags_read`, not the first
            |k| matches!(k, SfmcErrorKind::DuplicateUndocumented { token } if token == "tags_read"),
        ),
        (
            "  - token: offline\n",
            "  - token: Offline\n",
            offline,
            |k| matches!(k, SfmcErrorKind::NotSnakeCase { what: "token", .. }),
        ),
        (
            "  - token: offline\n    evidence: >-\n      Requested",
            "  - token: offline\n    evidence: \"\"\n    x: >-\n      Requested",
            0, // a schema error, located by the YAML parser
            |k| matches!(k, SfmcErrorKind::Yaml { message } if message.contains("unknown field `x`")),
        ),
    ];
    for (old, new, line, expected) in cases {
        let text = mapping_with(old, new);
        let e = match CuratedMapping::parse(&text, MAPPING_PATH) {
            Ok(curated) => build_catalog(&page(), &curated, PAGE.as_bytes()).unwrap_err(),
            Err(e) => e,
        };
        assert_eq!(e.file, MAPPING_PATH, "{new}: {e}");
        if line > 0 {
            assert_eq!(e.line, Some(line), "{new}: {e}");
        } else {
            assert!(e.line.is_some(), "{new}: {e}");
        }
        assert!(expected(&e.kind), "{new}: {e}");
    }
}

#[test]
fn empty_evidence_is_an_error() {
    // Edit the parsed entry rather than the folded multi-line scalar; the line still comes
    // from the file.
    let mut curated = curated();
    let offline = curated
        .mapping
        .undocumented
        .iter_mut()
        .find(|u| u.token == "offline")
        .unwrap();
    offline.evidence = String::new();
    let e = build_catalog(&page(), &curated, PAGE.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(mapping_line("token: offline")));
    assert!(
        matches!(&e.kind, SfmcErrorKind::EmptyNote { entry, field: "evidence" } if entry == "offline")
    );
}

#[test]
fn build_catalog_refuses_bytes_the_page_was_not_parsed_from() {
    let e = build_catalog(&page(), &curated(), b"other bytes").unwrap_err();
    assert_eq!((e.file.as_str(), e.line), (SOURCE_PATH, None));
    assert!(matches!(e.kind, SfmcErrorKind::SourceMismatch));
}

#[test]
fn snake_case_of_display_names() {
    assert_eq!(
        snake_case("Journeys (Interactions)"),
        "journeys_interactions"
    );
    assert_eq!(snake_case("Documents and Images"), "documents_and_images");
    assert_eq!(snake_case("OTT Channels"), "ott_channels");
    assert_eq!(snake_case("SMS"), "sms");
}

// ---------------------------------------------------------------- the catalog

#[test]
fn catalog_counts_and_the_tokens_of_issue_7() {
    let c = catalog();
    assert_eq!(c.provider, "sfmc");
    assert_eq!(c.groups.len(), 24);
    assert_eq!(c.soap_objects.len(), 21);
    let documented = c
        .tokens
        .iter()
        .filter(|t| t.status == TokenStatus::Documented)
        .count();
    let undocumented = c
        .tokens
        .iter()
        .filter(|t| t.status == TokenStatus::UndocumentedHere)
        .count();
    assert_eq!((documented, undocumented, c.tokens.len()), (52, 6, 58));
    assert_eq!(
        documented,
        c.groups.iter().map(|g| g.levels.len()).sum::<usize>()
    );
    assert!(
        c.tokens.windows(2).all(|w| w[0].token < w[1].token),
        "tokens sorted and unique"
    );

    for token in [
        "email_read",
        "email_send",
        "data_extensions_write",
        "journeys_execute",
        "ott_chat_messaging_send",
        "accounts_write",
        "list_and_subscribers_read",
        "ott_channels_read",
    ] {
        assert_eq!(
            c.token(token).map(|t| t.status),
            Some(TokenStatus::Documented),
            "{token}"
        );
    }
    for token in [
        "tags_read",
        "approvals_read",
        "workflows_read",
        "marketing_cloud_connect_read",
        "event_notification_callback_create",
        "offline",
    ] {
        assert_eq!(
            c.token(token).map(|t| t.status),
            Some(TokenStatus::UndocumentedHere),
            "{token}"
        );
    }
    for token in [
        "ott_chat_messaging_write",
        "organizations_read",
        "journeys_interactions_read",
        "lists_and_subscribers_read",
        "ott_read",
        "tags_publish",
    ] {
        assert!(c.token(token).is_none(), "{token} should be unknown");
    }

    // Undocumented tokens are attached to a page group when their prefix is one.
    let tags_read = c.token("tags_read").unwrap();
    assert_eq!(
        (tags_read.group.as_deref(), tags_read.level),
        (Some("Tags"), Some(Level::Read))
    );
    let mcc = c.token("marketing_cloud_connect_read").unwrap();
    assert_eq!((mcc.group.as_deref(), mcc.level), (None, None));
    let tags = c.group("Tags").unwrap();
    assert_eq!(tags.token_for(Level::Write), Some("tags_write"));
    assert_eq!(tags.token_for(Level::Read), None);

    // Every non-obvious prefix carries its reason into the catalog.
    for g in &c.groups {
        if g.prefix != snake_case(&g.name) {
            assert!(g.prefix_reason.is_some(), "{}", g.name);
        }
    }
    let reasons: Vec<&str> = c
        .groups
        .iter()
        .filter(|g| g.prefix_reason.is_some())
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "OTT",
            "Journeys (Interactions)",
            "Lists and Subscribers",
            "Organizations",
            "OTT Channels"
        ]
    );
}

#[test]
fn catalog_snapshot() {
    insta::assert_snapshot!(render_yaml(&catalog()));
}

#[test]
fn rendered_catalog_has_the_header_and_reads_back_identically() {
    let c = catalog();
    let yaml = render_yaml(&c);
    let header = crate::source::header(crate::source::Format::Yaml, PROVIDER, &CURATED);
    assert!(yaml.starts_with(&format!("{header}provider: sfmc\n")));
    let back: SfmcCatalogFile = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(back, c);
    assert_eq!(c.source.lines, 128);
    assert_eq!(c.source.path, SOURCE_PATH);
    assert_eq!(c.mapping.path, MAPPING_PATH);
    assert_eq!(c.fingerprint.len(), 16);
}

#[test]
fn the_catalog_does_not_depend_on_the_order_of_the_curated_entries() {
    let mut reordered = curated();
    reordered.mapping.groups.reverse();
    reordered.mapping.undocumented.reverse();
    let a = catalog();
    let b = build_catalog(&page(), &reordered, PAGE.as_bytes()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_source_reads_the_repository_files() {
    assert_eq!(read_catalog(&repo_root()).unwrap(), catalog());
    let generated = Sfmc.generate(&repo_root()).unwrap();
    assert_eq!(generated.files.len(), 1);
    assert_eq!(generated.files[0].path, "data/sfmc/catalog.yaml");
    assert_eq!(generated.files[0].contents, render_yaml(&catalog()));
}
