//! Property tests of `Catalog::match_request`: every template matches back to itself, the
//! router agrees with a brute-force reference and with matchit, and the fast path accepts
//! exactly what `RequestTarget::parse` accepts.

use std::collections::HashSet;
use std::sync::LazyLock;

use proptest::prelude::*;
use scopewise::{Endpoint, MatchError, Method, RequestTarget, highlevel::CATALOG};

const HOST: &str = "services.leadconnectorhq.com";

/// Every static segment of the catalog, lower-cased: a parameter value equal to one of these
/// (ignoring case) may legitimately route elsewhere or be refused as a case variant.
static STATICS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    CATALOG
        .endpoints()
        .iter()
        .flat_map(|e| e.template().split('/'))
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(str::to_ascii_lowercase)
        .collect()
});

static STATIC_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = CATALOG
        .endpoints()
        .iter()
        .flat_map(|e| e.template().split('/'))
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// A parameter value as a careful client writes it: unreserved and sub-delim characters and
/// percent-encoded reserved or non-ASCII bytes (not `%2F` or `%5C`, which are refused).
fn value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z0-9]{1,8}",
        1 => prop::sample::select(vec![
            "-", "_", "~", ".", "%3A", "%3a", "%20", "%C3%A9", ":", "@", "!", "$", "+", ",", "=", "%25",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 1..5)
        .prop_map(|p| p.concat())
        .prop_filter("dot segments and static look-alikes route elsewhere", |v| {
            v != "." && v != ".." && !STATICS.contains(&v.to_ascii_lowercase())
        })
        // `%25` then `2E`, `2F` or `5C` is a double-encoded dot or separator, which the
        // matcher refuses by design (`RequestError::DoubleEncoded`, tested on its own).
        .prop_filter("double-encoded separators are refused", |v| {
            let upper = v.to_ascii_uppercase();
            !["%252E", "%252F", "%255C"]
                .iter()
                .any(|d| upper.contains(d))
        })
}

fn instantiate(template: &str, values: &[String]) -> String {
    let mut n = 0;
    template
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                n += 1;
                values[(n - 1) % values.len()].as_str()
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn method_index(m: Method) -> usize {
    Method::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// matchit, one router per method, parameters renamed by position (`{p2}`): matchit 0.9
/// refuses two names at one position (`/objects/{key}` and `/objects/{schemaKey}/records`).
static MATCHIT: LazyLock<Vec<matchit::Router<usize>>> = LazyLock::new(|| {
    let mut routers: Vec<matchit::Router<usize>> = (0..5).map(|_| matchit::Router::new()).collect();
    for e in CATALOG.endpoints() {
        let route = e
            .template()
            .split('/')
            .enumerate()
            .map(|(i, s)| {
                if s.starts_with('{') {
                    format!("{{p{i}}}")
                } else {
                    s.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        routers[method_index(e.method())]
            .insert(route, e.index())
            .unwrap_or_else(|err| panic!("matchit refused {e}: {err}"));
    }
    routers
});

/// The reference: among the method's templates that fit the segments (static equal, a
/// parameter anything), the one that has a static segment where the others have a parameter
/// at the first position where they differ.
fn reference(method: Method, segments: &[&str]) -> Option<&'static Endpoint> {
    CATALOG
        .endpoints()
        .iter()
        .filter(|e| e.method() == method)
        .filter_map(|e| {
            let t: Vec<&str> = e.template().split('/').skip(1).collect();
            let fits = t.len() == segments.len()
                && t.iter()
                    .zip(segments)
                    .all(|(t, s)| t.starts_with('{') || t == s);
            fits.then(|| {
                (
                    t.iter().map(|t| t.starts_with('{')).collect::<Vec<bool>>(),
                    e,
                )
            })
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, e)| e)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_template_matches_back_to_itself(values in prop::collection::vec(value(), 1..4)) {
        for e in CATALOG.endpoints() {
            let path = instantiate(e.template(), &values);
            let m = CATALOG.match_request(e.method().as_str(), &path);
            let m = m.map_err(|err| TestCaseError::fail(format!("{e} as {path}: {err}")))?;
            prop_assert_eq!(m.endpoint(), e, "{}", path);
            let expected: Vec<&str> = e
                .template()
                .split('/')
                .zip(path.split('/'))
                .filter(|(t, _)| t.starts_with('{'))
                .map(|(_, v)| v)
                .collect();
            prop_assert_eq!(m.params().map(|(_, v)| v).collect::<Vec<_>>(), expected);
            // The same request as a full URL with a query, lower-case method, trailing slash.
            let url = format!("https://{HOST}{path}/?locationId=x#f");
            let lower = e.method().as_str().to_ascii_lowercase();
            prop_assert_eq!(CATALOG.match_request(&lower, &url).map(|m| m.endpoint()), Ok(e));
            // matchit agrees on every generated URL.
            let theirs = MATCHIT[method_index(e.method())].at(&path).map(|m| *m.value).ok();
            prop_assert_eq!(theirs, Some(e.index()), "matchit on {}", path);
        }
    }

    #[test]
    fn agrees_with_the_reference_and_with_matchit(
        method in prop::sample::select(Method::ALL.to_vec()),
        segments in prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(STATIC_LIST.clone()).prop_map(str::to_owned),
                1 => "[a-z0-9]{1,6}",
                1 => value(),
            ],
            0..7,
        ),
    ) {
        let path = format!("/{}", segments.join("/"));
        let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
        let ours = CATALOG.router().find(method, &path);
        let theirs = MATCHIT[method_index(method)].at(&path).map(|m| *m.value).ok();
        match &ours {
            Ok(m) => {
                prop_assert_eq!(Some(m.endpoint()), reference(method, &segs), "{}", path);
                prop_assert_eq!(Some(m.endpoint().index()), theirs, "matchit on {}", path);
            }
            Err(MatchError::NotFound { .. }) => {
                prop_assert_eq!(reference(method, &segs), None, "{}", path);
                prop_assert_eq!(theirs, None, "matchit on {}", path);
            }
            // Documented refusals: a segment that equals a route segment but for case.
            Err(MatchError::CaseVariant { .. }) => {
                prop_assert!(segs.iter().any(|s| STATICS.contains(&s.to_ascii_lowercase())
                    && !STATIC_LIST.contains(s)));
            }
            Err(e) => prop_assert!(false, "{path}: {e}"),
        }
    }

    #[test]
    fn the_fast_path_accepts_exactly_what_the_parser_accepts(
        method in prop::sample::select(Method::ALL.to_vec()),
        origin in prop::sample::select(vec![
            "", "", "", "https://services.leadconnectorhq.com", "HTTPS://Services.LeadConnectorHQ.com",
            "https://services.leadconnectorhq.com:443", "https://services.leadconnectorhq.com.",
            "https://services.leadconnectorhq.co", "https://x@services.leadconnectorhq.com",
            "http://services.leadconnectorhq.com", "https://services.leadconnectorhq.com:80",
        ]),
        pieces in prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(STATIC_LIST.clone()).prop_map(str::to_owned),
                2 => prop::sample::select(vec![
                    "/", "//", ".", "..", "%2e", "%2E", "%2F", "%5c", "%252F", "%252e", "%zz", "%4", "%", "%41", "%00",
                    "?", "#", "\\", " ", "é", "\0", ";", "{", "a", "Z9", "-", "?x=%2", "#a#",
                    "https://services.leadconnectorhq.com", "events", "Events", "oauth",
                ]).prop_map(str::to_owned),
            ],
            0..10,
        ),
    ) {
        let target = format!("{origin}/{}", pieces.concat());
        let parsed = RequestTarget::parse(&target, HOST);
        match (CATALOG.router().find(method, &target), parsed) {
            (Err(MatchError::Request(ours)), Err(theirs)) => prop_assert_eq!(ours, theirs),
            (Err(MatchError::Request(e)), Ok(_)) => prop_assert!(false, "{target:?}: fast path refused: {e}"),
            (Ok(m), Err(e)) => prop_assert!(false, "{target:?} matched {} but is invalid: {e}", m.endpoint()),
            (Err(other), Err(e)) => prop_assert!(false, "{target:?}: {other} instead of {e}"),
            (Ok(m), Ok(t)) => {
                let segs: Vec<&str> = t.segments().collect();
                prop_assert_eq!(Some(m.endpoint()), reference(method, &segs), "{:?}", target);
            }
            (Err(_), Ok(_)) => {}
        }
    }
}

/// Exhaustive precedence check: every parameter of every template, replaced in turn by each
/// static segment that some route of the same method has at that depth, must route exactly as
/// the reference says (the static route when there is one, backtracking otherwise), and as
/// matchit does.
#[test]
fn parameters_that_spell_a_static_segment_route_like_the_reference() {
    let mut checked = 0;
    let mut rerouted = 0;
    for e in CATALOG.endpoints() {
        let t: Vec<&str> = e.template().split('/').skip(1).collect();
        for (depth, seg) in t.iter().enumerate() {
            if !seg.starts_with('{') {
                continue;
            }
            let mut spellings: Vec<&str> = CATALOG
                .endpoints()
                .iter()
                .filter(|o| o.method() == e.method())
                .filter_map(|o| o.template().split('/').nth(depth + 1))
                .filter(|s| !s.starts_with('{'))
                .collect();
            spellings.sort_unstable();
            spellings.dedup();
            for s in spellings {
                let segs: Vec<&str> = t
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        if i == depth {
                            s
                        } else if x.starts_with('{') {
                            "v1"
                        } else {
                            x
                        }
                    })
                    .collect();
                let path = format!("/{}", segs.join("/"));
                let ours = CATALOG
                    .router()
                    .find(e.method(), &path)
                    .ok()
                    .map(|m| m.endpoint());
                let expected = reference(e.method(), &segs);
                assert_eq!(ours, expected, "{path}");
                let theirs = MATCHIT[method_index(e.method())]
                    .at(&path)
                    .map(|m| *m.value)
                    .ok();
                assert_eq!(ours.map(|m| m.index()), theirs, "matchit on {path}");
                checked += 1;
                rerouted += usize::from(ours != Some(e));
            }
        }
    }
    assert!(
        checked > 1000 && rerouted > 10,
        "{checked} checked, {rerouted} rerouted"
    );
}
