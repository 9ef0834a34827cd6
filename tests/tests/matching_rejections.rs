//! Every rejection rule of `Catalog::match_request`, with the exact error it gives, and the
//! forms of target it accepts.

use scopewise::{MatchError, Method, RequestError, highlevel::CATALOG};

fn err(target: &str) -> MatchError {
    match CATALOG.match_request("GET", target) {
        Ok(m) => panic!("{target:?} matched {}", m.endpoint()),
        Err(e) => e,
    }
}

fn req(target: &str) -> RequestError {
    match err(target) {
        MatchError::Request(e) => e,
        other => panic!("{target:?}: expected a request error, got {other:?}"),
    }
}

fn template(method: &str, target: &str) -> &'static str {
    match CATALOG.match_request(method, target) {
        Ok(m) => m.endpoint().template(),
        Err(e) => panic!("{method} {target:?}: {e}"),
    }
}

#[test]
fn accepted_forms() {
    let t = "/contacts/{contactId}";
    assert_eq!(template("GET", "/contacts/abc123"), t);
    assert_eq!(template("get", "/contacts/abc123/"), t);
    assert_eq!(
        template("Get", "/contacts/abc123?locationId=x&a=%20b#frag"),
        t
    );
    assert_eq!(template("GET", "/contacts/abc123/?q#"), t);
    assert_eq!(
        template(
            "GET",
            "https://services.leadconnectorhq.com/contacts/abc123"
        ),
        t
    );
    assert_eq!(
        template(
            "GET",
            "HTTPS://SERVICES.LEADCONNECTORHQ.COM:443/contacts/abc123"
        ),
        t
    );
    // Sub-delims, `:` and `@` are path characters; `%3A` stays inside its segment.
    assert_eq!(template("GET", "/contacts/a:b@c!$&'()*+,=-._~"), t);
    let m = CATALOG
        .match_request("GET", "/contacts/a%3Ab%3a..%25")
        .unwrap();
    assert_eq!(m.param("contactId"), Some("a%3Ab%3a..%25"));
}

#[test]
fn precedence_and_backtracking() {
    assert_eq!(template("GET", "/calendars/events"), "/calendars/events");
    assert_eq!(
        template("GET", "/calendars/evnts"),
        "/calendars/{calendarId}"
    );
    assert_eq!(template("GET", "/locations/search"), "/locations/search");
    assert_eq!(
        template("GET", "/locations/timeZones"),
        "/locations/timeZones"
    );
    assert_eq!(template("GET", "/locations/abc"), "/locations/{locationId}");
    assert_eq!(
        template("POST", "/emails/builder/data"),
        "/emails/builder/data"
    );
    assert_eq!(
        template("DELETE", "/emails/builder/data/t1"),
        "/emails/builder/{locationId}/{templateId}"
    );
    assert_eq!(template("GET", "/objects/k1"), "/objects/{key}");
    assert_eq!(
        template("GET", "/objects/k1/records/r1"),
        "/objects/{schemaKey}/records/{id}"
    );
    assert_eq!(
        template("GET", "/marketplace/billing/charges/has-funds"),
        "/marketplace/billing/charges/has-funds"
    );
    assert_eq!(
        template("GET", "/marketplace/billing/charges/ch1"),
        "/marketplace/billing/charges/{chargeId}"
    );
    assert_eq!(
        template("GET", "/social-media-posting/oauth/accounts"),
        "/social-media-posting/{locationId}/accounts"
    );
    assert_eq!(
        template(
            "GET",
            "/social-media-posting/oauth/loc1/facebook/accounts/acc1"
        ),
        "/social-media-posting/oauth/{locationId}/facebook/accounts/{accountId}"
    );
    assert_eq!(template("GET", "/businesses"), "/businesses");
    assert_eq!(template("POST", "/locations"), "/locations");
}

#[test]
fn target_shape_and_length() {
    assert_eq!(req(""), RequestError::Empty);
    assert_eq!(req("contacts/abc"), RequestError::NotAPathOrUrl);
    assert_eq!(req("*"), RequestError::NotAPathOrUrl);
    assert_eq!(req("https:/contacts"), RequestError::NotAPathOrUrl);
    assert_eq!(
        req("//evil.example/contacts"),
        RequestError::EmptySegment { position: 1 }
    );
    let long = format!("/contacts/{}", "a".repeat(8 * 1024));
    assert_eq!(req(&long), RequestError::TooLong { length: long.len() });
    let seg = format!("/contacts/{}", "a".repeat(1025));
    assert_eq!(
        req(&seg),
        RequestError::SegmentTooLong {
            position: 10,
            length: 1025
        }
    );
    assert_eq!(req(&"/a".repeat(65)), RequestError::TooManySegments);
    // Exactly at the limits: well-formed, and simply not an endpoint.
    let ok = format!("/contacts/{}", "a".repeat(1024));
    assert!(matches!(err(&"/a".repeat(64)), MatchError::NotFound { .. }));
    assert_eq!(template("GET", &ok), "/contacts/{contactId}");
}

#[test]
fn scheme_authority_and_host() {
    assert_eq!(
        req("http://services.leadconnectorhq.com/contacts/x"),
        RequestError::SchemeNotAllowed {
            scheme: "http".into()
        }
    );
    assert_eq!(
        req("ftp://services.leadconnectorhq.com/contacts/x"),
        RequestError::SchemeNotAllowed {
            scheme: "ftp".into()
        }
    );
    assert_eq!(
        req("https://user@services.leadconnectorhq.com/contacts/x"),
        RequestError::UserInfo { position: 12 }
    );
    assert_eq!(
        req("https://evil.example@services.leadconnectorhq.com/contacts/x"),
        RequestError::UserInfo { position: 20 }
    );
    for host in [
        "services.leadconnectorhq.com.evil.example",
        "services.leadconnectorhq.com.",
        "evil.example",
        "",
        "[::1]",
    ] {
        assert_eq!(
            req(&format!("https://{host}/contacts/x")),
            RequestError::HostNotAllowed {
                host: host.into(),
                expected: "services.leadconnectorhq.com"
            },
            "{host}"
        );
    }
    for port in ["8443", "", "443x"] {
        assert_eq!(
            req(&format!(
                "https://services.leadconnectorhq.com:{port}/contacts/x"
            )),
            RequestError::PortNotAllowed { port: port.into() }
        );
    }
}

#[test]
fn path_rules() {
    use RequestError::*;
    assert_eq!(req("/contacts//tasks"), EmptySegment { position: 10 });
    assert_eq!(req("/contacts/x//"), EmptySegment { position: 12 });
    assert_eq!(req("/contacts/../users/x"), DotSegment { position: 10 });
    assert_eq!(req("/contacts/./x"), DotSegment { position: 10 });
    assert_eq!(req("/contacts/%2e%2E/x"), DotSegment { position: 10 });
    assert_eq!(req("/contacts/.%2e"), DotSegment { position: 10 });
    assert_eq!(req("/contacts/%2e"), DotSegment { position: 10 });
    assert_eq!(
        req("/contacts/a%2eb"),
        EncodedUnreserved {
            position: 11,
            character: '.'
        }
    );
    assert_eq!(
        req("/c%6Fntacts/x"),
        EncodedUnreserved {
            position: 2,
            character: 'o'
        }
    );
    assert_eq!(
        req("/calendars/%65vents"),
        EncodedUnreserved {
            position: 11,
            character: 'e'
        }
    );
    assert_eq!(
        req("/contacts/%zz"),
        InvalidPercentEncoding { position: 10 }
    );
    assert_eq!(req("/contacts/%4"), InvalidPercentEncoding { position: 10 });
    assert_eq!(req("/contacts/x%"), InvalidPercentEncoding { position: 11 });
    assert_eq!(
        req("/contacts/x%00"),
        EncodedControl {
            position: 11,
            byte: 0
        }
    );
    assert_eq!(
        req("/contacts/x%0a"),
        EncodedControl {
            position: 11,
            byte: 0x0a
        }
    );
    assert_eq!(req("/contacts\\x"), Backslash { position: 9 });
    assert_eq!(
        req("/contacts/x\0"),
        ControlByte {
            position: 11,
            byte: 0
        }
    );
    assert_eq!(
        req("/contacts/x\r\n"),
        ControlByte {
            position: 11,
            byte: b'\r'
        }
    );
    assert_eq!(
        req("/contacts/\u{7f}"),
        ControlByte {
            position: 10,
            byte: 0x7f
        }
    );
    assert_eq!(req("/contacts/é"), NonAscii { position: 10 });
    assert_eq!(
        req("/contacts/a b"),
        InvalidCharacter {
            position: 11,
            character: ' '
        }
    );
    assert_eq!(
        req("/contacts/x;y=1"),
        InvalidCharacter {
            position: 11,
            character: ';'
        }
    );
    for c in ['"', '<', '>', '^', '`', '{', '|', '}'] {
        assert_eq!(
            req(&format!("/contacts/a{c}")),
            InvalidCharacter {
                position: 11,
                character: c
            }
        );
    }
}

#[test]
fn query_and_fragment_rules() {
    use RequestError::*;
    assert_eq!(
        req("/contacts/x?a=%zz"),
        InvalidPercentEncoding { position: 14 }
    );
    assert_eq!(
        req("/contacts/x?a b"),
        InvalidCharacter {
            position: 13,
            character: ' '
        }
    );
    assert_eq!(req("/contacts/x?é"), NonAscii { position: 12 });
    assert_eq!(
        req("/contacts/x#a#b"),
        InvalidCharacter {
            position: 13,
            character: '#'
        }
    );
    assert_eq!(
        req("/contacts/x?a\n"),
        ControlByte {
            position: 13,
            byte: b'\n'
        }
    );
    // Dot segments, backslashes and slashes in the query are not the path's business.
    assert_eq!(
        template("GET", "/contacts/x?next=/../a\\b"),
        "/contacts/{contactId}"
    );
}

#[test]
fn a_malformed_target_is_reported_before_a_miss() {
    // The path is unknown *and* malformed further on: the defect wins, wherever it is.
    assert_eq!(req("/nope/../x"), RequestError::DotSegment { position: 6 });
    assert_eq!(
        req("/contacts/x/nope?%zz"),
        RequestError::InvalidPercentEncoding { position: 17 }
    );
    assert!(matches!(
        err("/calendars/EVENTS/%zz"),
        MatchError::Request(RequestError::InvalidPercentEncoding { position: 18 })
    ));
}

#[test]
fn case_variants_and_misses() {
    assert_eq!(
        err("/calendars/Events"),
        MatchError::CaseVariant {
            position: 11,
            route_segment: "events"
        }
    );
    assert_eq!(
        err("/contacts/x/nope"),
        MatchError::NotFound {
            provider: "highlevel",
            method: Method::Get,
            position: 12
        }
    );
    assert!(matches!(
        CATALOG.match_request("OPTIONS", "/contacts/x"),
        Err(MatchError::Method(_))
    ));
    assert!(matches!(err("/"), MatchError::NotFound { position: 1, .. }));
    assert!(matches!(
        err("https://services.leadconnectorhq.com"),
        MatchError::NotFound { .. }
    ));
}
