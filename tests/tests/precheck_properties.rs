//! `Catalog::precheck` allows exactly when a granting scope is present and the token type
//! fits; `Catalog::minimal_scopes` is truly minimal (checked against brute force), on the
//! HighLevel catalog and on a fixture whose endpoints have any-of scope lists.

use proptest::prelude::*;
use scopewise::{
    Access, Auth, Call, Catalog, Denial, GrantedScopes, Method, Scope, highlevel::CATALOG,
};

/// A small catalog where `GET /calendars/events` is granted by either of two scopes.
static FIXTURE: Catalog = scopewise::include_catalog!(
    "highlevel",
    path = "crates/scopewise-macros/tests/fixtures/basic",
);

fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| if s.starts_with('{') { "v1x" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn precheck_allows_exactly_with_a_granting_scope_and_a_fitting_token(
        endpoint in 0..CATALOG.endpoints().len(),
        extra in prop::collection::vec(0..CATALOG.scopes().len(), 0..6),
        include_own in any::<bool>(),
        agency in any::<bool>(),
    ) {
        let e = &CATALOG.endpoints()[endpoint];
        let mut names: Vec<&str> = extra.iter().map(|&i| CATALOG.scopes()[i].name()).collect();
        if include_own {
            names.extend(e.scopes().iter().map(|s| s.name()));
        }
        let granted = GrantedScopes::parse(&CATALOG, &names.join(" "));
        let token = if agency { Access::Agency } else { Access::SubAccount };
        let has_scope = e.scopes().iter().any(|s| names.contains(&s.name()));
        let fits = e.access().contains(token);
        let path = concrete(e.template());
        // The concrete path may route to a more specific sibling: judge the routed endpoint.
        let routed = CATALOG.match_request(e.method().as_str(), &path).map(|m| m.endpoint());
        prop_assume!(routed == Ok(e));
        let answer = CATALOG.precheck(&granted, token, e.method().as_str(), &path);
        // No security: always allowed. A token whose scope no source states: the type only.
        let allowed = match e.auth() {
            Auth::None => true,
            Auth::Token => fits,
            Auth::Scopes => has_scope && fits,
        };
        prop_assert_eq!(answer.is_ok(), allowed, "{} {:?}", e, answer);
        match answer {
            Ok(allowed) => prop_assert_eq!(allowed, e),
            Err(Denial::WrongTokenType { allowed, .. }) => {
                prop_assert!(!fits);
                prop_assert_eq!(allowed, e.access());
            }
            Err(Denial::MissingScope { needs_any_of, .. }) => {
                prop_assert!(fits && !has_scope);
                prop_assert_eq!(needs_any_of, e.scopes());
            }
            // Checked before the token type: no token can be shown to be allowed.
            Err(Denial::UndocumentedScope { endpoint }) => {
                prop_assert!(e.scopes().is_empty() && !e.scope_documented());
                prop_assert_eq!(endpoint, e);
            }
            Err(other) => prop_assert!(false, "{}", other),
        }
    }

    #[test]
    fn minimal_scopes_is_minimal_on_random_calls(
        picks in prop::collection::vec(0..CATALOG.endpoints().len(), 1..9),
        events in prop::collection::vec(0..CATALOG.webhooks().len(), 0..3),
    ) {
        let calls: Vec<String> = picks
            .iter()
            .map(|&i| {
                let e = &CATALOG.endpoints()[i];
                format!("{} {}", e.method(), e.template())
            })
            .collect();
        let events: Vec<&str> = events.iter().map(|&i| CATALOG.webhooks()[i].event()).collect();
        let min = CATALOG.minimal_scopes(&calls, &events).unwrap();
        prop_assert!(min.unmatched().is_empty() && min.unknown_webhooks().is_empty());
        // Endpoints and events the dataset knows no scope for are reported, not dropped;
        // endpoints that need no scope need none.
        let scopeless = picks
            .iter()
            .filter(|&&i| !CATALOG.endpoints()[i].scope_documented())
            .count();
        let no_scope = picks
            .iter()
            .filter(|&&i| CATALOG.endpoints()[i].needs_no_scope())
            .count();
        let unknown_events = events
            .iter()
            .filter(|e| CATALOG.webhook(e).is_some_and(|w| w.scopes().is_empty()))
            .count();
        prop_assert_eq!(min.ungrantable().len(), scopeless + unknown_events);

        let mut needs: Vec<&[&Scope]> = picks
            .iter()
            .map(|&i| CATALOG.endpoints()[i].scopes())
            .filter(|s| !s.is_empty())
            .collect();
        needs.extend(
            events
                .iter()
                .filter_map(|e| CATALOG.webhook(e))
                .map(|w| w.scopes())
                .filter(|s| !s.is_empty()),
        );
        let best = brute_force(&needs);
        let got: Vec<&str> = min.scopes().iter().map(|s| s.name()).collect();
        prop_assert_eq!(got, best);
        // `explain` accounts for every call and event under the scopes that grant them.
        let explained: usize = min.explain().iter().map(|u| u.calls.len() + u.webhooks.len()).sum();
        prop_assert!(
            explained >= calls.len() - scopeless - no_scope + events.len() - unknown_events
        );
    }
}

/// The first (by sorted names) of the smallest scope sets meeting every any-of list.
fn brute_force(needs: &[&[&Scope]]) -> Vec<&'static str> {
    let mut candidates: Vec<&str> = needs
        .iter()
        .flat_map(|n| n.iter().map(|s| s.name()))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    assert!(
        candidates.len() <= 16,
        "too many candidates for brute force"
    );
    let mut best: Option<Vec<&str>> = None;
    for mask in 0u32..(1 << candidates.len()) {
        let set: Vec<&str> = (0..candidates.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| candidates[i])
            .collect();
        if !needs
            .iter()
            .all(|n| n.iter().any(|s| set.contains(&s.name())))
        {
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
    let best = best.unwrap_or_default();
    // 'static names: look them up again in the catalog.
    best.iter()
        .filter_map(|n| CATALOG.scope(n).map(|s| s.name()))
        .collect()
}

#[test]
fn any_of_endpoints_are_granted_by_either_scope() {
    for name in ["calendars.readonly", "calendars/events.readonly"] {
        let granted = GrantedScopes::parse(&FIXTURE, name);
        let e = FIXTURE
            .precheck(&granted, Access::SubAccount, "GET", "/calendars/events")
            .unwrap();
        assert_eq!(e.scopes().len(), 2);
    }
    let granted = GrantedScopes::parse(&FIXTURE, "contacts.readonly");
    let Err(Denial::MissingScope { needs_any_of, .. }) =
        FIXTURE.precheck(&granted, Access::SubAccount, "GET", "/calendars/events")
    else {
        panic!("expected a missing scope");
    };
    let names: Vec<&str> = needs_any_of.iter().map(|s| s.name()).collect();
    assert_eq!(names, ["calendars.readonly", "calendars/events.readonly"]);
}

#[test]
fn minimal_scopes_solves_any_of_exactly_and_deterministically() {
    // Either scope grants the events list; only calendars.readonly also grants one calendar,
    // so one scope is enough for both calls.
    let min = FIXTURE
        .minimal_scopes(
            ["GET /calendars/events", "GET /calendars/c1"],
            [] as [&str; 0],
        )
        .unwrap();
    assert_eq!(min.scope_string(), "calendars.readonly");
    // Alone, both scopes are as small: the first by name wins ('.' sorts before '/').
    let min = FIXTURE
        .minimal_scopes(["GET /calendars/events"], [] as [&str; 0])
        .unwrap();
    assert_eq!(min.scope_string(), "calendars.readonly");
    // The event needs calendars/events.readonly, which also covers the events list.
    let min = FIXTURE
        .minimal_scopes(["GET /calendars/events"], ["AppointmentCreate"])
        .unwrap();
    assert_eq!(min.scope_string(), "calendars/events.readonly");
    assert_eq!(min.explain()[0].calls[0].call, "GET /calendars/events");
    assert_eq!(min.explain()[0].webhooks[0].event(), "AppointmentCreate");
}

#[test]
fn minimal_scopes_reports_what_it_cannot_place() {
    let min = CATALOG
        .minimal_scopes(
            [
                Call::from("GET /contacts/{contactId}"),
                Call::from("GET /nope"),
                Call::from("bogus"),
                Call::from((Method::Get, "https://evil.example/contacts/x")),
            ],
            ["ContactCreate", "NoSuchEvent"],
        )
        .unwrap();
    assert_eq!(min.scope_string(), "contacts.readonly");
    let unmatched: Vec<&str> = min.unmatched().iter().map(|u| u.call.as_str()).collect();
    assert_eq!(
        unmatched,
        ["GET /nope", "bogus", "GET https://evil.example/contacts/x"]
    );
    assert!(min.unmatched()[2].reason.contains("evil.example"));
    assert_eq!(min.unknown_webhooks(), ["NoSuchEvent"]);
    assert!(!min.is_complete());
}

#[test]
fn minimal_scopes_over_the_whole_catalog() {
    let calls: Vec<String> = CATALOG
        .endpoints()
        .iter()
        .map(|e| format!("{} {}", e.method(), e.template()))
        .collect();
    let events: Vec<&str> = CATALOG.webhooks().iter().map(|w| w.event()).collect();
    let min = CATALOG.minimal_scopes(&calls, &events).unwrap();
    assert!(min.unmatched().is_empty() && min.unknown_webhooks().is_empty());
    // The 5 endpoints whose scope is undocumented and the 34 events only their pages know.
    let scopeless = CATALOG
        .endpoints()
        .iter()
        .filter(|e| !e.scope_documented())
        .count();
    let unknown_events = CATALOG
        .webhooks()
        .iter()
        .filter(|w| w.scopes().is_empty())
        .count();
    assert_eq!((scopeless, unknown_events), (5, 34));
    assert_eq!(min.ungrantable().len(), scopeless + unknown_events);
    // With one scope per endpoint, the answer is every scope that grants something asked.
    let mut expected: Vec<&str> = CATALOG
        .endpoints()
        .iter()
        .flat_map(|e| e.scopes())
        .chain(CATALOG.webhooks().iter().flat_map(|w| w.scopes()))
        .map(|s| s.name())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let got: Vec<&str> = min.scopes().iter().map(|s| s.name()).collect();
    assert_eq!(got, expected);
}
