//! An adversarial request corpus: each hostile or broken request with the exact outcome it
//! must get, either one specific rejection or one specific endpoint (with its parameters).
//! Then, for every case, the same through `precheck` with every scope granted to both token
//! types: a rejected request is denied as invalid, an accepted one calls exactly the
//! endpoint stated here. SECURITY.md describes the rules these cases pin down.

use scopewise::{
    Access, Denial, EncodedSlashes, GrantedScopes, MAX_SEGMENT_LEN, MAX_TARGET_LEN, MatchError,
    Method, PrecheckOptions, RequestError, RequestTarget, highlevel::CATALOG,
};

const HOST: &str = "services.leadconnectorhq.com";

/// What a request must come to.
#[derive(Debug)]
enum Outcome {
    /// This endpoint (template), with these raw parameter values in path order.
    Endpoint(&'static str, &'static [&'static str]),
    /// This rejection of the target.
    Rejected(RequestError),
    /// No endpoint, for this method, past the segment at this byte.
    NotFound(Method, usize),
    /// A case variant of this static segment, at this byte.
    CaseVariant(usize, &'static str),
    /// The method is refused.
    BadMethod,
}

use Outcome::*;
use RequestError::*;

fn check(method: &str, target: &str, expected: &Outcome) {
    let got = CATALOG.match_request(method, target);
    let shown = || format!("{method} {target:?}");
    match (expected, &got) {
        (Endpoint(template, params), Ok(m)) => {
            assert_eq!(m.endpoint().template(), *template, "{}", shown());
            let values: Vec<&str> = m.params().map(|(_, v)| v).collect();
            assert_eq!(values, *params, "{}", shown());
        }
        (Rejected(e), Err(MatchError::Request(g))) => assert_eq!(g, e, "{}", shown()),
        (
            NotFound(m, p),
            Err(MatchError::NotFound {
                method, position, ..
            }),
        ) => {
            assert_eq!((method, position), (m, p), "{}", shown());
        }
        (
            CaseVariant(p, s),
            Err(MatchError::CaseVariant {
                position,
                route_segment,
            }),
        ) => assert_eq!((position, route_segment), (p, s), "{}", shown()),
        (BadMethod, Err(MatchError::Method(_))) => {}
        _ => panic!("{}: expected {expected:?}, got {got:?}", shown()),
    }

    // Whatever the token may do, the pre-check says the same thing.
    let every = CATALOG
        .scopes()
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" ");
    let granted = GrantedScopes::parse(&CATALOG, &every);
    for token in [Access::SubAccount, Access::Agency] {
        let verdict = CATALOG.precheck(&granted, token, method, target);
        match (expected, verdict) {
            (Endpoint(template, _), Ok(e)) => assert_eq!(e.template(), *template, "{}", shown()),
            (Endpoint(template, _), Err(Denial::UndocumentedScope { endpoint })) => {
                // No scope table documents it: denied whatever is granted (fail closed).
                assert_eq!(endpoint.template(), *template, "{}", shown());
                assert!(!endpoint.scope_documented());
            }
            (Endpoint(template, _), Err(Denial::WrongTokenType { endpoint, .. })) => {
                assert_eq!(endpoint.template(), *template, "{}", shown());
                assert!(!endpoint.access().contains(token));
            }
            (
                Endpoint(template, _),
                Err(Denial::MissingScope {
                    endpoint,
                    needs_any_of,
                }),
            ) => {
                // Only an endpoint no scope is known to grant is denied with every scope.
                assert_eq!(endpoint.template(), *template, "{}", shown());
                assert!(needs_any_of.is_empty(), "{}", shown());
            }
            (Rejected(e), Err(Denial::InvalidRequest(MatchError::Request(g)))) => {
                assert_eq!(&g, e, "{}", shown());
            }
            (NotFound(..), Err(Denial::UnknownEndpoint { .. }))
            | (CaseVariant(..), Err(Denial::InvalidRequest(MatchError::CaseVariant { .. })))
            | (BadMethod, Err(Denial::InvalidRequest(MatchError::Method(_)))) => {}
            (_, verdict) => panic!("{}: precheck gave {verdict:?}", shown()),
        }
    }
}

fn get(target: &str, expected: Outcome) {
    check("GET", target, &expected);
}

#[test]
fn dot_segments_plain_and_percent_encoded() {
    get("/contacts/..", Rejected(DotSegment { position: 10 }));
    get("/contacts/.", Rejected(DotSegment { position: 10 }));
    get(
        "/contacts/../users/x",
        Rejected(DotSegment { position: 10 }),
    );
    get(
        "/contacts/abc/../../users/x",
        Rejected(DotSegment { position: 14 }),
    );
    get("/./contacts/x", Rejected(DotSegment { position: 1 }));
    get("/../contacts/x", Rejected(DotSegment { position: 1 }));
    get("/contacts/x/..", Rejected(DotSegment { position: 12 }));
    get("/contacts/x/../", Rejected(DotSegment { position: 12 }));
    get(
        "/contacts/%2e%2e/users/x",
        Rejected(DotSegment { position: 10 }),
    );
    get(
        "/contacts/%2E%2E/users/x",
        Rejected(DotSegment { position: 10 }),
    );
    get(
        "/contacts/.%2e/users/x",
        Rejected(DotSegment { position: 10 }),
    );
    get(
        "/contacts/%2E./users/x",
        Rejected(DotSegment { position: 10 }),
    );
    get("/contacts/%2e", Rejected(DotSegment { position: 10 }));
    get(
        "https://services.leadconnectorhq.com/%2e%2e/contacts/x",
        Rejected(DotSegment { position: 37 }),
    );
    // Not dot segments, but `%2e` in them is an encoded unreserved character no client writes.
    get(
        "/contacts/%2e%2e%2e",
        Rejected(EncodedUnreserved {
            position: 10,
            character: '.',
        }),
    );
    get(
        "/contacts/a%2e",
        Rejected(EncodedUnreserved {
            position: 11,
            character: '.',
        }),
    );
    // Tomcat's `..;` path-parameter trick: `;` must be encoded in a path.
    get(
        "/contacts/..;/users/x",
        Rejected(InvalidCharacter {
            position: 12,
            character: ';',
        }),
    );
    get(
        "/contacts/x;jsessionid=1",
        Rejected(InvalidCharacter {
            position: 11,
            character: ';',
        }),
    );
    // Three dots and dots inside a segment are ordinary data, also to a normalizing server.
    get("/contacts/...", Endpoint("/contacts/{contactId}", &["..."]));
    get(
        "/contacts/a..b",
        Endpoint("/contacts/{contactId}", &["a..b"]),
    );
    get(
        "/contacts/.hidden",
        Endpoint("/contacts/{contactId}", &[".hidden"]),
    );
    // Double-encoded: a dot segment to a server that decodes twice, so refused.
    get(
        "/contacts/%252e%252e",
        Rejected(DoubleEncoded {
            position: 10,
            character: '.',
        }),
    );
}

#[test]
fn encoded_slashes_and_backslashes() {
    // A raw backslash is a separator to some servers: refused wherever it is in the path.
    get("/contacts\\abc", Rejected(Backslash { position: 9 }));
    get(
        "/contacts/x\\..\\..\\users",
        Rejected(Backslash { position: 11 }),
    );
    get("\\contacts\\x", Rejected(NotAPathOrUrl));
    // `%2F` and `%5C` are refused wherever they are in the path: nginx (routing on its
    // normalized URI), Envoy with slash unescaping, and many gateways decode them before
    // routing, so `/contacts/x%2F..%2F..%2Fusers%2Fy` is `GET /users/{userId}` to them while
    // a byte-wise matcher sees one contact id. Two reasonable servers disagree: fail closed.
    let slash = |position| {
        Rejected(EncodedSlash {
            position,
            character: '/',
        })
    };
    let backslash = |position| {
        Rejected(EncodedSlash {
            position,
            character: '\\',
        })
    };
    let twice = |position, character| {
        Rejected(DoubleEncoded {
            position,
            character,
        })
    };
    get("/contacts/a%2Fb", slash(11));
    get("/contacts/a%2fb/tasks", slash(11));
    get("/contacts/a%5Cb", backslash(11));
    get("/contacts/a%5cb", backslash(11));
    get("/contacts/x%2F..%2F..%2Fusers%2Fy", slash(11));
    get("/contacts/x%5C..%5C..%5Cusers%5Cy", backslash(11));
    // `/users/search` is not an endpoint; `search%2F` must not reach `/users/{userId}`.
    get("/users/search%2F", slash(13));
    get("/users/search%5C", backslash(13));
    get("/calendars%2Fevents", slash(10));
    get("/calendars/events%2F", slash(17));
    get("/contacts/%2F", slash(10));
    get("/contacts/%2F/tasks", slash(10));
    get(
        "https://services.leadconnectorhq.com/contacts/x%2F..%2Fusers",
        slash(47),
    );
    // Double-encoded: a server that decodes twice reads a separator or a dot segment.
    get("/contacts/a%252Fb", twice(11, '/'));
    get("/contacts/a%252fb", twice(11, '/'));
    get("/contacts/a%255Cb", twice(11, '\\'));
    get("/contacts/a%255cb", twice(11, '\\'));
    get("/contacts/%252E%252E/users", twice(10, '.'));
    get("/contacts/x%252e", twice(11, '.'));
    // Other `%25` escapes are data: `%2541` decodes once to `%41`.
    get(
        "/contacts/a%2541",
        Endpoint("/contacts/{contactId}", &["a%2541"]),
    );
    get(
        "/contacts/a%25",
        Endpoint("/contacts/{contactId}", &["a%25"]),
    );
    // In the query, `%2F` is ordinary data: no server routes on the query.
    get(
        "/contacts/abc?next=%2Fusers%2Fy",
        Endpoint("/contacts/{contactId}", &["abc"]),
    );
    // Invalid and truncated escapes.
    get(
        "/contacts/%zz",
        Rejected(InvalidPercentEncoding { position: 10 }),
    );
    get(
        "/contacts/a%2",
        Rejected(InvalidPercentEncoding { position: 11 }),
    );
    get(
        "/contacts/a%",
        Rejected(InvalidPercentEncoding { position: 11 }),
    );
    get(
        "/contacts/a%%2F",
        Rejected(InvalidPercentEncoding { position: 11 }),
    );
    get(
        "/contacts/a%25%2",
        Rejected(InvalidPercentEncoding { position: 14 }),
    );
    // Encoded letters would let `/c%61lendars/events` mean `/calendars/events` to a server.
    get(
        "/c%61lendars/events",
        Rejected(EncodedUnreserved {
            position: 2,
            character: 'a',
        }),
    );
    get(
        "/calendars/%65vents",
        Rejected(EncodedUnreserved {
            position: 11,
            character: 'e',
        }),
    );
}

/// With [`EncodedSlashes::Data`], chosen by a caller whose servers keep `%2F` encoded, the
/// same targets are one opaque parameter, in the matcher and the pre-check alike; a
/// double-encoded dot is refused all the same.
#[test]
fn encoded_slashes_as_data_only_when_asked() {
    let every = CATALOG
        .scopes()
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" ");
    let granted = GrantedScopes::parse(&CATALOG, &every);
    let data = PrecheckOptions {
        encoded_slashes: EncodedSlashes::Data,
        ..Default::default()
    };
    for (target, template, value) in [
        ("/contacts/a%2Fb", "/contacts/{contactId}", "a%2Fb"),
        ("/contacts/a%5cb", "/contacts/{contactId}", "a%5cb"),
        (
            "/contacts/x%2F..%2F..%2Fusers%2Fy",
            "/contacts/{contactId}",
            "x%2F..%2F..%2Fusers%2Fy",
        ),
        ("/contacts/a%252Fb", "/contacts/{contactId}", "a%252Fb"),
        ("/users/search%2F", "/users/{userId}", "search%2F"),
    ] {
        let m = CATALOG
            .match_request_with("GET", target, EncodedSlashes::Data)
            .unwrap_or_else(|e| panic!("{target}: {e}"));
        assert_eq!(m.endpoint().template(), template, "{target}");
        assert_eq!(m.params().map(|(_, v)| v).collect::<Vec<_>>(), [value]);
        let e = CATALOG
            .precheck_with(&granted, Access::SubAccount, "GET", target, &data)
            .unwrap_or_else(|d| panic!("{target}: {d}"));
        assert_eq!(e.template(), template, "{target}");
        // The default refuses the same target, in both.
        assert!(matches!(
            CATALOG.precheck(&granted, Access::SubAccount, "GET", target),
            Err(Denial::InvalidRequest(MatchError::Request(
                EncodedSlash { .. } | DoubleEncoded { .. }
            )))
        ));
    }
    assert_eq!(
        CATALOG
            .match_request_with("GET", "/contacts/%252E%252E", EncodedSlashes::Data)
            .unwrap_err(),
        MatchError::Request(DoubleEncoded {
            position: 10,
            character: '.'
        })
    );
    assert_eq!(
        RequestTarget::parse_with("/contacts/%252e", HOST, EncodedSlashes::Data).unwrap_err(),
        DoubleEncoded {
            position: 10,
            character: '.'
        }
    );
}

#[test]
fn double_slashes() {
    get("//contacts/x", Rejected(EmptySegment { position: 1 }));
    get(
        "//services.leadconnectorhq.com/contacts/x",
        Rejected(EmptySegment { position: 1 }),
    );
    get("/contacts//x", Rejected(EmptySegment { position: 10 }));
    get("/contacts/x//", Rejected(EmptySegment { position: 12 }));
    get("///", Rejected(EmptySegment { position: 1 }));
    get(
        "https://services.leadconnectorhq.com//contacts/x",
        Rejected(EmptySegment { position: 37 }),
    );
    // One trailing slash is the same resource; it is tolerated.
    get("/contacts/x/", Endpoint("/contacts/{contactId}", &["x"]));
}

#[test]
fn overlong_paths_and_segments() {
    let longest = "a".repeat(MAX_SEGMENT_LEN);
    let longest: &'static str = Box::leak(longest.into_boxed_str());
    let params: &'static [&'static str] = Box::leak(Box::new([longest]));
    get(
        &format!("/contacts/{longest}"),
        Endpoint("/contacts/{contactId}", params),
    );
    get(
        &format!("/contacts/{longest}a"),
        Rejected(SegmentTooLong {
            position: 10,
            length: MAX_SEGMENT_LEN + 1,
        }),
    );
    // The length counts raw bytes: 342 escapes are 1026 bytes.
    get(
        &format!("/contacts/{}", "%20".repeat(342)),
        Rejected(SegmentTooLong {
            position: 10,
            length: 1026,
        }),
    );
    let over = MAX_TARGET_LEN + 1;
    get(
        &format!("/{}", "a".repeat(over - 1)),
        Rejected(TooLong { length: over }),
    );
    get(
        &format!("/contacts/x?{}", "q".repeat(MAX_TARGET_LEN)),
        Rejected(TooLong {
            length: MAX_TARGET_LEN + 12,
        }),
    );
    get(&"/a".repeat(65), Rejected(TooManySegments));
    get(&"/a".repeat(64), NotFound(Method::Get, 1));
    get("", Rejected(Empty));
}

#[test]
fn nul_and_control_bytes() {
    get(
        "/contacts/x\0",
        Rejected(ControlByte {
            position: 11,
            byte: 0,
        }),
    );
    get(
        "/contacts/x\0/tasks",
        Rejected(ControlByte {
            position: 11,
            byte: 0,
        }),
    );
    get(
        "/contacts/x\r\nHost: evil.example",
        Rejected(ControlByte {
            position: 11,
            byte: b'\r',
        }),
    );
    get(
        "/contacts/x\n",
        Rejected(ControlByte {
            position: 11,
            byte: b'\n',
        }),
    );
    get(
        "/contacts/x\t",
        Rejected(ControlByte {
            position: 11,
            byte: b'\t',
        }),
    );
    get(
        "/contacts/x\x7f",
        Rejected(ControlByte {
            position: 11,
            byte: 0x7f,
        }),
    );
    get(
        "/contacts/x\x1b[2J",
        Rejected(ControlByte {
            position: 11,
            byte: 0x1b,
        }),
    );
    get(
        "/contacts/x%00",
        Rejected(EncodedControl {
            position: 11,
            byte: 0,
        }),
    );
    get(
        "/contacts/x%00/tasks",
        Rejected(EncodedControl {
            position: 11,
            byte: 0,
        }),
    );
    get(
        "/contacts/x%0d%0aHost:%20evil",
        Rejected(EncodedControl {
            position: 11,
            byte: b'\r',
        }),
    );
    get(
        "/contacts/x%7F",
        Rejected(EncodedControl {
            position: 11,
            byte: 0x7f,
        }),
    );
    get(
        "/contacts/x y",
        Rejected(InvalidCharacter {
            position: 11,
            character: ' ',
        }),
    );
    // In the query and fragment too (header injection through the request line).
    get(
        "/contacts/x?q=\0",
        Rejected(ControlByte {
            position: 14,
            byte: 0,
        }),
    );
    get(
        "/contacts/x?q=a\r\nX: y",
        Rejected(ControlByte {
            position: 15,
            byte: b'\r',
        }),
    );
    get(
        "/contacts/x#\n",
        Rejected(ControlByte {
            position: 12,
            byte: b'\n',
        }),
    );
    // Encoded controls in a query are data for the application, not for routing.
    get(
        "/contacts/x?q=%00",
        Endpoint("/contacts/{contactId}", &["x"]),
    );
}

#[test]
fn mixed_case_and_unknown_methods() {
    for m in ["GET", "get", "Get", "gEt"] {
        check(m, "/contacts/x", &Endpoint("/contacts/{contactId}", &["x"]));
    }
    check(
        "dElEtE",
        "/contacts/x",
        &Endpoint("/contacts/{contactId}", &["x"]),
    );
    check(
        "put",
        "/contacts/x",
        &Endpoint("/contacts/{contactId}", &["x"]),
    );
    for m in [
        "",
        " GET",
        "GET ",
        "GET\0",
        "G ET",
        "TRACE",
        "HEAD",
        "OPTIONS",
        "CONNECT",
        "PROPFIND",
        "GETS",
        "GE",
        "G\u{0130}T",
        "\u{FF27}ET",
        "DELETE\r\n",
        "get/",
    ] {
        check(m, "/contacts/x", &BadMethod);
    }
    // The method selects the endpoint: POST /contacts/x is not GET's endpoint.
    // (Every segment fits some POST route, `/contacts/{contactId}/…`, but none ends here: the
    // position is the path's end.)
    check("POST", "/contacts/x", &NotFound(Method::Post, 11));
    assert_eq!(
        Method::parse(&"X".repeat(10_000))
            .unwrap_err()
            .input()
            .len(),
        32,
        "the error keeps a bounded copy"
    );
}

#[test]
fn unicode_look_alikes_in_static_segments() {
    // Raw non-ASCII is never sent by a correct client: refused, whatever it looks like.
    get(
        "/calendars/\u{0435}vents",
        Rejected(NonAscii { position: 11 }),
    ); // Cyrillic е
    get("/\u{FF43}ontacts/x", Rejected(NonAscii { position: 1 })); // fullwidth ｃ
    get(
        "/locat\u{0131}ons/search",
        Rejected(NonAscii { position: 6 }),
    ); // dotless ı
    get("/contacts/x\u{200B}", Rejected(NonAscii { position: 11 })); // zero-width space
    get(
        "/calendars/events\u{0301}",
        Rejected(NonAscii { position: 17 }),
    ); // combining accent
    get("/calendars/\u{212A}", Rejected(NonAscii { position: 11 })); // Kelvin sign
    // Percent-encoded, the look-alike is a parameter value: a server decodes it to `еvents`
    // (Cyrillic), which is not the static `events`, and routes it as a calendar id too.
    get(
        "/calendars/%D0%B5vents",
        Endpoint("/calendars/{calendarId}", &["%D0%B5vents"]),
    );
    // Exact static segments win over parameters; ASCII case variants are refused as
    // ambiguous, because a case-insensitive server would route them to the static route.
    get("/calendars/events", Endpoint("/calendars/events", &[]));
    get("/calendars/EVENTS", CaseVariant(11, "events"));
    get("/calendars/Events", CaseVariant(11, "events"));
    get("/locations/SEARCH", CaseVariant(11, "search"));
    get("/Contacts/x", CaseVariant(1, "contacts"));
    get("/CONTACTS/x", CaseVariant(1, "contacts"));
}

#[test]
fn host_confusion() {
    let expected = HOST;
    let host = |h: &str| {
        Rejected(HostNotAllowed {
            host: h.into(),
            expected,
        })
    };
    get(
        "https://services.leadconnectorhq.com.evil.example/contacts/x",
        host("services.leadconnectorhq.com.evil.example"),
    );
    get(
        "https://services.leadconnectorhq.com./contacts/x",
        host("services.leadconnectorhq.com."),
    );
    get("https://evil.example/contacts/x", host("evil.example"));
    get(
        "https://xservices.leadconnectorhq.com/contacts/x",
        host("xservices.leadconnectorhq.com"),
    );
    get(
        "https://leadconnectorhq.com/contacts/x",
        host("leadconnectorhq.com"),
    );
    get(
        "https://services%2eleadconnectorhq%2ecom/contacts/x",
        host("services%2eleadconnectorhq%2ecom"),
    );
    get(
        "https://services.leadconnectorhq.com:443:443/contacts/x",
        host("services.leadconnectorhq.com:443"),
    );
    get("https://[::1]/contacts/x", host("[::1]"));
    get(
        "https://evil.example\\services.leadconnectorhq.com/contacts/x",
        host("evil.example\\services.leadconnectorhq.com"),
    );
    // User information disguises the host, whichever side of the `@` ours is on.
    get(
        "https://services.leadconnectorhq.com@evil.example/contacts/x",
        Rejected(UserInfo { position: 36 }),
    );
    get(
        "https://evil.example@services.leadconnectorhq.com/contacts/x",
        Rejected(UserInfo { position: 20 }),
    );
    get(
        "https://services.leadconnectorhq.com:443@evil.example/",
        Rejected(UserInfo { position: 40 }),
    );
    get(
        "https://services.leadconnectorhq.com\\@evil.example/contacts/x",
        Rejected(UserInfo { position: 37 }),
    );
    get(
        "https://a:b@services.leadconnectorhq.com/contacts/x",
        Rejected(UserInfo { position: 11 }),
    );
    // Ports: 443 or none.
    get(
        "https://services.leadconnectorhq.com:443/contacts/x",
        Endpoint("/contacts/{contactId}", &["x"]),
    );
    for port in ["8443", "0443", "", "80", "443x", "65979"] {
        get(
            &format!("https://services.leadconnectorhq.com:{port}/contacts/x"),
            Rejected(PortNotAllowed { port: port.into() }),
        );
    }
    // Schemes: https only, and written as a URL.
    get(
        "http://services.leadconnectorhq.com/contacts/x",
        Rejected(SchemeNotAllowed {
            scheme: "http".into(),
        }),
    );
    get(
        "javascript:alert(1)",
        Rejected(SchemeNotAllowed {
            scheme: "javascript".into(),
        }),
    );
    get(
        "https:services.leadconnectorhq.com/contacts/x",
        Rejected(NotAPathOrUrl),
    );
    get(
        "https:/services.leadconnectorhq.com/contacts/x",
        Rejected(NotAPathOrUrl),
    );
    get(
        "services.leadconnectorhq.com/contacts/x",
        Rejected(NotAPathOrUrl),
    );
    get("contacts/x", Rejected(NotAPathOrUrl));
    get("*", Rejected(NotAPathOrUrl));
    // Our host in any case is our host.
    get(
        "HTTPS://Services.LeadConnectorHQ.COM/contacts/x",
        Endpoint("/contacts/{contactId}", &["x"]),
    );
    // What follows `#` or `?` right after the host is not a path: the path is `/`.
    get(
        "https://services.leadconnectorhq.com#@evil.example/contacts/x",
        NotFound(Method::Get, 36),
    );
    get(
        "https://services.leadconnectorhq.com?@evil.example/contacts/x",
        NotFound(Method::Get, 36),
    );
}

#[test]
fn query_strings_that_contain_paths() {
    let contact = || Endpoint("/contacts/{contactId}", &["x"]);
    get("/contacts/x?/users/y", contact());
    get("/contacts/x?redirect=/../../users/y", contact());
    get("/contacts/x?next=https://evil.example/users", contact());
    get("/contacts/x#/../users/y", contact());
    get("/contacts/x?a=1#/users", contact());
    get("/contacts/x/?/tasks", contact());
    get("/?/contacts/x", NotFound(Method::Get, 1));
    // A `?` or `#` that is encoded is data inside its segment, not the query's start.
    get(
        "/contacts/x%3F/tasks",
        Endpoint("/contacts/{contactId}/tasks", &["x%3F"]),
    );
    get(
        "/contacts/x%23/tasks",
        Endpoint("/contacts/{contactId}/tasks", &["x%23"]),
    );
    // The query and fragment are validated even though they do not route.
    get(
        "/contacts/x?a#b#c",
        Rejected(InvalidCharacter {
            position: 15,
            character: '#',
        }),
    );
    get(
        "/contacts/x?q=%zz",
        Rejected(InvalidPercentEncoding { position: 14 }),
    );
    get(
        "/contacts/x?q=\u{00e9}",
        Rejected(NonAscii { position: 14 }),
    );
    get(
        "/contacts/x?q=a b",
        Rejected(InvalidCharacter {
            position: 15,
            character: ' ',
        }),
    );
}

#[test]
fn every_rejection_is_the_parsers() {
    // The router's fast path and `RequestTarget::parse` agree on each rejected case above.
    for target in [
        "/contacts/..",
        "/contacts/%2e%2e/users",
        "/contacts\\abc",
        "//contacts/x",
        "/contacts/x\0",
        "https://services.leadconnectorhq.com.evil.example/contacts/x",
        "https://services.leadconnectorhq.com@evil.example/contacts/x",
    ] {
        let MatchError::Request(e) = CATALOG.match_request("GET", target).unwrap_err() else {
            panic!("{target:?}");
        };
        assert_eq!(
            RequestTarget::parse(target, HOST).unwrap_err(),
            e,
            "{target:?}"
        );
    }
}

/// 1 MiB targets are refused by their length before a byte of them is read: a target of NUL
/// bytes would otherwise be `ControlByte`, an `http:` one `SchemeNotAllowed`, and one of
/// `/a` segments `TooManySegments`. So the work is constant, whatever the content.
#[test]
fn a_one_megabyte_target_is_refused_before_it_is_scanned() {
    const MIB: usize = 1 << 20;
    let targets = [
        "\0".repeat(MIB),
        format!("http://{}", "a".repeat(MIB - 7)),
        "/a".repeat(MIB / 2),
        format!("/contacts/{}", "%2e".repeat(MIB / 3)),
        format!("https://{HOST}/contacts/x?{}", "q".repeat(MIB)),
    ];
    let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
    let started = std::time::Instant::now();
    for target in &targets {
        let expected = TooLong {
            length: target.len(),
        };
        assert_eq!(RequestTarget::parse(target, HOST).unwrap_err(), expected);
        assert_eq!(
            CATALOG.match_request("GET", target).unwrap_err(),
            MatchError::Request(expected.clone())
        );
        assert_eq!(
            CATALOG
                .precheck(&granted, Access::SubAccount, "GET", target)
                .unwrap_err(),
            Denial::InvalidRequest(MatchError::Request(expected))
        );
    }
    // A smoke bound only (the assertions above are the proof): refusing them 100 times over
    // takes microseconds; 200 ms leaves room for a loaded debug-build CI runner.
    for _ in 0..100 {
        for target in &targets {
            assert!(CATALOG.match_request("GET", target).is_err());
        }
    }
    let elapsed = started.elapsed();
    assert!(elapsed.as_millis() < 200, "took {elapsed:?}");
}
