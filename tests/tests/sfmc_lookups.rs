//! The SFMC lookups people's input goes through: display names, explanations of tokens that do
//! not exist, suggestions, `scope!(sfmc: ..)` from a downstream crate, and provider names.

use scopewise::sfmc::{CATALOG, Level, Token, TokenStatus, UnknownToken};
use scopewise::{Provider, scope};

// Checked references are constants.
const EMAIL_READ: &Token = scope!(sfmc: "email_read");
static TAGS_READ: &Token = scope!(sfmc: "tags_read");

fn token(name: &str) -> &'static Token {
    CATALOG
        .token(name)
        .unwrap_or_else(|| panic!("{name} is in the catalog"))
}

fn names(tokens: &[&'static Token]) -> Vec<&'static str> {
    tokens.iter().map(|t| t.name()).collect()
}

#[test]
fn scope_macro_resolves_to_the_catalog_records() {
    assert!(std::ptr::eq(EMAIL_READ, token("email_read")));
    assert!(std::ptr::eq(TAGS_READ, token("tags_read")));
    assert_eq!(TAGS_READ.status(), TokenStatus::UndocumentedHere);
    assert_eq!(scope!(sfmc: "offline").group(), None);
    assert_eq!(
        scope!(sfmc: "accounts_write").group(),
        CATALOG.group("Organizations")
    );
    // HighLevel is unchanged by the prefix.
    assert_eq!(
        scope!("contacts.readonly"),
        scope!(highlevel: "contacts.readonly")
    );
}

#[test]
fn display_names_find_their_tokens() {
    for (text, expected) in [
        ("Email Read", "email_read"),
        ("email read", "email_read"),
        ("EMAIL   READ", "email_read"),
        ("Email: Read", "email_read"),
        ("email_read", "email_read"),
        ("Lists and Subscribers Write", "list_and_subscribers_write"),
        ("Lists & Subscribers Write", "list_and_subscribers_write"),
        ("lists_and_subscribers_read", "list_and_subscribers_read"),
        ("Journeys (Interactions) Execute", "journeys_execute"),
        ("Journeys Execute", "journeys_execute"),
        ("Interactions Read", "journeys_read"),
        ("journeys_interactions_write", "journeys_write"),
        ("Organizations Read", "accounts_read"),
        ("organizations_write", "accounts_write"),
        ("OTT Send", "ott_chat_messaging_send"),
        ("ott send", "ott_chat_messaging_send"),
        ("OTT Channels Write", "ott_channels_write"),
        ("Documents and Images Read", "documents_and_images_read"),
        ("Social Post", "social_post"),
        ("Web Publish", "web_publish"),
        // Undocumented-here tokens are found too.
        ("Tags Read", "tags_read"),
        ("Approvals Read", "approvals_read"),
        (
            "Marketing Cloud Connect Read",
            "marketing_cloud_connect_read",
        ),
        (
            "Event Notification Callback Create",
            "event_notification_callback_create",
        ),
        ("OFFLINE", "offline"),
    ] {
        assert_eq!(
            CATALOG.token_for_display(text).map(Token::name),
            Some(expected),
            "{text:?}"
        );
    }
}

#[test]
fn display_names_that_name_no_token_find_nothing() {
    for text in [
        "",
        "   ",
        "Email",
        "Read",
        "OTT Write",        // OTT has Read and Send
        "Tags Publish",     // no such level
        "Email Readonly",   // not a level
        "Contacts Read",    // not a group
        "Email Read Write", // two levels
        "Émail Read",       // non-ASCII never matches ASCII names
        "email\u{0}read",   // a control character is no separator: one word
    ] {
        let found = CATALOG.token_for_display(text).map(Token::name);
        assert_eq!(found, None, "{text:?}");
    }
}

#[test]
fn hostile_input_is_bounded() {
    let long = "Email ".repeat(100) + "Read";
    assert!(CATALOG.token_for_display(&long).is_none());
    assert!(CATALOG.find_group(&long).is_none());
    assert!(CATALOG.suggest(&long, 3).is_empty());
    assert!(matches!(
        CATALOG.explain_unknown(&long),
        UnknownToken::Unrecognized { suggestions } if suggestions.is_empty()
    ));
    // 17 words: over the word limit, however short.
    let many = "a ".repeat(16) + "read";
    assert!(CATALOG.token_for_display(&many).is_none());
    assert!(CATALOG.suggest("email_read", 0).is_empty());
}

#[test]
fn explain_a_level_the_group_does_not_have() {
    let e = CATALOG.explain_unknown("ott_chat_messaging_write");
    let ott = CATALOG.group("OTT").unwrap();
    assert_eq!(
        e,
        UnknownToken::MissingLevel {
            group: ott,
            level: Level::Write
        }
    );
    assert_eq!(
        names(&e.suggestions()),
        ["ott_chat_messaging_read", "ott_chat_messaging_send"]
    );
    assert_eq!(
        e.to_string(),
        "the OTT group has no Write level; it has Read and Send \
         (`ott_chat_messaging_read`, `ott_chat_messaging_send`)"
    );
    // The same from a display name.
    assert_eq!(CATALOG.explain_unknown("OTT Write"), e);

    // A group with undocumented-here tokens says so.
    let e = CATALOG.explain_unknown("tags_publish");
    assert_eq!(
        e.to_string(),
        "the Tags group has no Publish level; it has Write (`tags_write`); undocumented here: `tags_read`"
    );
    assert_eq!(names(&e.suggestions()), ["tags_write", "tags_read"]);

    // A suffix that is no level at all.
    let e = CATALOG.explain_unknown("email_readonly");
    assert_eq!(
        e,
        UnknownToken::UnknownLevel {
            group: CATALOG.group("Email").unwrap(),
            suffix: "readonly".to_owned()
        }
    );
    assert_eq!(
        e.to_string(),
        "`readonly` is not a level; it has Read, Write and Send (`email_read`, `email_write`, `email_send`)"
    );
}

#[test]
fn undocumented_is_not_unknown() {
    for name in [
        "tags_read",
        "approvals_read",
        "workflows_read",
        "marketing_cloud_connect_read",
        "event_notification_callback_create",
        "offline",
    ] {
        let t = token(name);
        assert_eq!(t.status(), TokenStatus::UndocumentedHere, "{name}");
        assert!(t.evidence().is_some() && t.reason().is_some(), "{name}");
        let e = CATALOG.explain_unknown(name);
        assert_eq!(e, UnknownToken::Known(t));
        assert_eq!(
            e.to_string(),
            format!("`{name}` exists but the installed-package page does not document it")
        );
    }
    assert_eq!(
        CATALOG.explain_unknown("email_read").to_string(),
        "`email_read` is a documented token"
    );
}

#[test]
fn explain_display_name_input() {
    for (text, expected, message) in [
        (
            "Email Read",
            "email_read",
            "the OAuth token for Email Read is `email_read`",
        ),
        (
            "Organizations Read",
            "accounts_read",
            "the OAuth token for Organizations Read is `accounts_read`",
        ),
        (
            "lists_and_subscribers_write",
            "list_and_subscribers_write",
            "the OAuth token for Lists and Subscribers Write is `list_and_subscribers_write`",
        ),
        ("Offline", "offline", "the OAuth token is spelled `offline`"),
    ] {
        let e = CATALOG.explain_unknown(text);
        assert_eq!(e, UnknownToken::Spelling(token(expected)), "{text}");
        assert_eq!(e.to_string(), message);
        assert_eq!(names(&e.suggestions()), [expected]);
    }
}

#[test]
fn explain_a_misspelled_level() {
    let e = CATALOG.explain_unknown("email_wirte");
    assert_eq!(
        e,
        UnknownToken::UnknownLevel {
            group: CATALOG.group("Email").unwrap(),
            suffix: "wirte".to_owned()
        }
    );
    assert_eq!(
        names(&e.suggestions()),
        ["email_write", "email_read", "email_send"]
    );
    let e = CATALOG.explain_unknown("Email Reed");
    assert_eq!(names(&e.suggestions())[0], "email_read");
}

#[test]
fn explain_nothing_close_suggests() {
    let e = CATALOG.explain_unknown("emial_read");
    assert_eq!(
        e,
        UnknownToken::Unrecognized {
            suggestions: vec![
                token("email_read"),
                token("email_send"),
                token("social_read")
            ]
        }
    );
    assert_eq!(
        e.to_string(),
        "did you mean `email_read`, `email_send` or `social_read`?"
    );
    let e = CATALOG.explain_unknown("contacts.readonly");
    assert_eq!(
        e,
        UnknownToken::Unrecognized {
            suggestions: vec![]
        }
    );
    assert_eq!(e.to_string(), "no token is close");
}

#[test]
fn suggestions_are_best_first() {
    let suggest = |text| names(&CATALOG.suggest(text, 3));
    assert_eq!(
        suggest("email_read"),
        ["email_read", "email_send", "email_write"]
    );
    assert_eq!(suggest("journey_read")[0], "journeys_read");
    assert_eq!(suggest("Organisations Read")[0], "accounts_read");
    assert_eq!(
        suggest("list_and_subscriber_read")[0],
        "list_and_subscribers_read"
    );
    assert_eq!(suggest("data_extension_write")[0], "data_extensions_write");
    assert_eq!(suggest("tag_read")[0], "tags_read");
    assert_eq!(suggest("offlin")[0], "offline");
    assert!(suggest("contacts.readonly").is_empty());
}

#[test]
fn find_group_reads_every_form_of_a_name() {
    let find = |text| CATALOG.find_group(text).map(|g| g.name());
    assert_eq!(
        find("Journeys (Interactions)"),
        Some("Journeys (Interactions)")
    );
    assert_eq!(
        find("journeys interactions"),
        Some("Journeys (Interactions)")
    );
    assert_eq!(find("Lists & Subscribers"), Some("Lists and Subscribers"));
    assert_eq!(find("list_and_subscribers"), Some("Lists and Subscribers"));
    assert_eq!(find("Organizations"), Some("Organizations"));
    assert_eq!(find("ACCOUNTS"), Some("Organizations"));
    assert_eq!(find("ott_chat_messaging"), Some("OTT"));
    assert_eq!(find("Marketing Cloud Connect"), None);
    assert_eq!(find(""), None);
}

#[test]
fn soap_objects_need_no_scope() {
    use scopewise::sfmc::SoapOperation::*;
    let program = CATALOG.soap_object("Program").unwrap();
    assert_eq!(
        program.operations(),
        [Create, Delete, Perform, Retrieve, Update]
    );
    let aggregate = CATALOG
        .soap_object("TriggeredSendTrackingAggregate")
        .unwrap();
    assert!(aggregate.supports(Retrieve) && !aggregate.supports(Update));
}

#[test]
fn providers_by_name() {
    assert_eq!(
        Provider::ALL,
        [Provider::HighLevel, Provider::Sfmc, Provider::Xero]
    );
    for p in Provider::ALL {
        assert_eq!(Provider::parse(p.name()), Some(p));
        assert_eq!(p.name().parse::<Provider>(), Ok(p));
        assert_eq!(p.to_string(), p.name());
    }
    assert_eq!(Provider::parse("SFMC"), Some(Provider::Sfmc));
    assert_eq!(Provider::parse(""), None);
    assert_eq!(
        Provider::HighLevel.fingerprint(),
        scopewise::highlevel::CATALOG.fingerprint()
    );
    assert_eq!(Provider::Sfmc.fingerprint(), CATALOG.fingerprint());
    let e = "marketing-cloud".parse::<Provider>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown provider `marketing-cloud`; scopewise has `highlevel`, `sfmc` or `xero`"
    );
}
