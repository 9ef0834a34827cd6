//! The oracles of the fuzz targets: each takes the fuzzer's bytes, runs one parser, and
//! asserts what must hold of its answer, whatever the input. A panic is a finding.
//!
//! This file has no libFuzzer dependency: the targets in `fuzz_targets/` call it under
//! nightly, and `tests/tests/fuzz_regressions.rs` includes it (`#[path]`) to replay the
//! committed corpus and regressions on stable, so CI checks the same invariants.
//!
//! The checks re-derive answers independently instead of trusting the code under test: a
//! matched endpoint is re-verified against its template segment by segment and against a
//! brute-force search of the catalog; an allowed pre-check is re-verified against the scope
//! string split by hand.

use std::collections::HashSet;

use scopewise_model::template::Template;

use scopewise::highlevel::CATALOG;
use scopewise::{
    Access, Denial, Endpoint, GrantedScopes, MAX_SEGMENT_LEN, MatchError, Method, RequestTarget,
};

/// The catalog's API host.
pub const HOST: &str = "services.leadconnectorhq.com";

/// Method spellings a selector byte picks from: the five (in several cases) and a few that
/// must be refused.
const METHODS: [&str; 16] = [
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "get",
    "Post",
    "pAtCh",
    "delete",
    "TRACE",
    "OPTIONS",
    "HEAD",
    "",
    "GET ",
    "G\u{0130}T",
    "CONNECT",
];

/// Splits the fuzzer's bytes into a method and a target. The first byte picks a method from
/// [`METHODS`], or (high bit set) says that the method is the text before the first space.
fn method_and_target(data: &[u8]) -> Option<(String, String)> {
    let (&selector, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest).into_owned();
    if selector & 0x80 == 0 {
        let method = METHODS[usize::from(selector) % METHODS.len()];
        return Some((method.to_owned(), text));
    }
    match text.split_once(' ') {
        Some((m, t)) => Some((m.to_owned(), t.to_owned())),
        None => Some((String::new(), text)),
    }
}

/// The path's segments as `RequestTarget` gives them.
fn path_segments<'a>(t: &RequestTarget<'a>) -> Vec<&'a str> {
    t.segments().collect()
}

/// A template's segments; `None` for a parameter.
fn template_segments(e: &Endpoint) -> Vec<Option<&'static str>> {
    e.template()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| if s.starts_with('{') { None } else { Some(s) })
        .collect()
}

/// Whether a template fits the segments: same count, statics byte-equal, parameters
/// anything non-empty (the parser already vetted every segment).
fn fits(template: &[Option<&str>], segments: &[&str]) -> bool {
    template.len() == segments.len()
        && template
            .iter()
            .zip(segments)
            .all(|(t, s)| t.is_none_or(|t| t == *s))
}

/// The endpoint the request addresses, by brute force: among the method's templates that
/// fit, the one with a static segment where the others have a parameter at the first
/// position they differ (static-over-parameter precedence, as a server router does it).
pub fn reference(method: Method, segments: &[&str]) -> Option<&'static Endpoint> {
    let mut best: Option<(&'static Endpoint, Vec<Option<&'static str>>)> = None;
    for e in CATALOG.endpoints().iter().filter(|e| e.method() == method) {
        let t = template_segments(e);
        if !fits(&t, segments) {
            continue;
        }
        let better = match &best {
            None => true,
            // `Some` (static) sorts after `None` (parameter): more static is greater.
            Some((_, b)) => t
                .iter()
                .map(Option::is_some)
                .gt(b.iter().map(Option::is_some)),
        };
        if better {
            best = Some((e, t));
        }
    }
    best.map(|(e, _)| e)
}

/// `s` percent-decoded once (invalid escapes kept as they are), as a lenient server would.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `match_request` on arbitrary bytes: an answer is always the parser's and the reference's.
pub fn check_match(data: &[u8]) {
    let Some((method, target)) = method_and_target(data) else {
        return;
    };
    let result = CATALOG.match_request(&method, &target);
    let parsed_method = Method::parse(&method);
    let parsed = RequestTarget::parse(&target, HOST);
    match result {
        Ok(m) => {
            let method = parsed_method.expect("matched with a method `Method::parse` refuses");
            let t = parsed
                .unwrap_or_else(|e| panic!("matched {target:?}, which the parser refuses: {e}"));
            let e = m.endpoint();
            assert_eq!(e.method(), method, "{target:?}");
            assert_eq!(m.path(), t.path(), "{target:?}");
            let segs = path_segments(&t);
            let template = template_segments(e);
            // Re-verify the match independently, segment by segment.
            assert_eq!(template.len(), segs.len(), "{target:?} → {}", e.template());
            for (ts, s) in template.iter().zip(&segs) {
                match ts {
                    Some(ts) => assert_eq!(ts, s, "{target:?} → {}", e.template()),
                    None => assert!(
                        !s.is_empty()
                            && !s.contains('/')
                            && *s != "."
                            && *s != ".."
                            && s.len() <= MAX_SEGMENT_LEN,
                        "{target:?} → {}: bad parameter {s:?}",
                        e.template()
                    ),
                }
            }
            // A server that percent-decodes the path once or twice before routing sees the
            // same segments: no encoded separator, no hidden dot segment.
            for s in &segs {
                let once = decode(s);
                let twice = decode(&once);
                for d in [&once, &twice] {
                    assert!(
                        !d.contains(['/', '\\']) && d != "." && d != "..",
                        "{target:?}: segment {s:?} decodes to {d:?}"
                    );
                }
            }
            let params: Vec<&str> = m.params().map(|(_, v)| v).collect();
            let expected: Vec<&str> = template
                .iter()
                .zip(&segs)
                .filter(|(t, _)| t.is_none())
                .map(|(_, s)| *s)
                .collect();
            assert_eq!(params, expected, "{target:?}");
            // The precedence a server applies: the reference picks the same endpoint.
            let r = reference(method, &segs);
            assert_eq!(r.map(Endpoint::key), Some(e.key()), "{target:?}");
            // A URL's authority passed the host check: only our host, no user info, port 443.
            if !target.starts_with('/') {
                let rest = &target[8..];
                assert!(target[..8].eq_ignore_ascii_case("https://"), "{target:?}");
                assert!(
                    rest.len() >= HOST.len() && rest[..HOST.len()].eq_ignore_ascii_case(HOST),
                    "{target:?}"
                );
                let after = &rest[HOST.len()..];
                assert!(
                    after.is_empty()
                        || after.starts_with(['/', '?', '#'])
                        || after.starts_with(":443"),
                    "{target:?}"
                );
            }
        }
        Err(MatchError::Method(_)) => {
            assert!(parsed_method.is_err(), "{method:?} refused as a method");
        }
        Err(MatchError::Request(e)) => {
            assert!(parsed_method.is_ok(), "{method:?}");
            assert_eq!(
                parsed.err(),
                Some(e),
                "{target:?}: router and parser disagree"
            );
        }
        Err(MatchError::NotFound { method: m, .. }) => {
            let method = parsed_method.expect("NotFound for an invalid method");
            assert_eq!(m, method);
            let t = parsed.unwrap_or_else(|e| {
                panic!("NotFound for {target:?}, which the parser refuses: {e}")
            });
            let segs = path_segments(&t);
            assert_eq!(reference(method, &segs), None, "{target:?} has an endpoint");
        }
        Err(MatchError::CaseVariant {
            position,
            route_segment,
        }) => {
            assert!(parsed_method.is_ok());
            assert!(parsed.is_ok(), "{target:?}");
            let seg = target
                .get(position..)
                .and_then(|s| s.split(['/', '?', '#']).next())
                .unwrap_or_else(|| panic!("{target:?}: position {position} out of range"));
            assert!(
                seg.eq_ignore_ascii_case(route_segment) && seg != route_segment,
                "{target:?}"
            );
        }
    }
}

/// `precheck` on arbitrary bytes: `byte0 | granted scope string \n target`.
///
/// The first byte picks the token type (bit 0), whether the scope string lists the granted
/// scopes or the revoked ones (bit 1: every catalog scope except those it names, so that
/// allowed requests are common), and the method (bits 2..6; [`METHODS`]).
pub fn check_precheck(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (scope_text, target) = text.split_once('\n').unwrap_or((&text, "/"));
    let token = if selector & 1 == 0 {
        Access::SubAccount
    } else {
        Access::Agency
    };
    let method = METHODS[usize::from(selector >> 2) % METHODS.len()];
    let named: HashSet<&str> = scope_text
        .split([' ', '\t'])
        .filter(|n| !n.is_empty())
        .collect();
    let scope_string = if selector & 2 == 0 {
        scope_text.to_owned()
    } else {
        let kept: Vec<&str> = CATALOG
            .scopes()
            .iter()
            .map(|s| s.name())
            .filter(|n| !named.contains(n))
            .collect();
        kept.join(" ")
    };
    let names: HashSet<&str> = scope_string
        .split([' ', '\t'])
        .filter(|n| !n.is_empty())
        .collect();
    let granted = GrantedScopes::parse(&CATALOG, &scope_string);
    for s in granted.scopes() {
        assert!(
            names.contains(s.name()),
            "{} granted but not in {scope_string:?}",
            s.name()
        );
    }
    for u in granted.unknown() {
        assert!(names.contains(u.as_str()));
        assert!(
            CATALOG.scope(u).is_none_or(|s| s.name() != u),
            "{u} is a catalog scope"
        );
    }

    let result = CATALOG.precheck(&granted, token, method, target);
    let matched = CATALOG.match_request(method, target);
    match (result, matched) {
        (Ok(e), Ok(m)) => {
            assert_eq!(e, m.endpoint());
            assert!(e.scope_documented(), "{e} allowed with no documented scope");
            match e.auth() {
                // The spec declares no security: any token, any scopes.
                scopewise::Auth::None => {}
                // A token whose scope no source states: its type is checked, no scope.
                scopewise::Auth::Token => {
                    assert!(e.access().contains(token), "{e} allowed to {token:?}");
                }
                scopewise::Auth::Scopes => {
                    assert!(e.access().contains(token), "{e} allowed to {token:?}");
                    assert!(
                        e.scopes().iter().any(|s| names.contains(s.name())),
                        "{e} allowed without any of its scopes in {scope_string:?}"
                    );
                }
            }
        }
        (Err(Denial::UndocumentedScope { endpoint }), Ok(m)) => {
            assert_eq!(endpoint, m.endpoint());
            assert!(!endpoint.scope_documented());
        }
        (Err(Denial::WrongTokenType { endpoint, .. }), Ok(m)) => {
            assert_eq!(endpoint, m.endpoint());
            assert!(!endpoint.access().contains(token));
        }
        (
            Err(Denial::MissingScope {
                endpoint,
                needs_any_of,
            }),
            Ok(m),
        ) => {
            assert_eq!(endpoint, m.endpoint());
            assert!(endpoint.access().contains(token));
            assert_eq!(needs_any_of, endpoint.scopes());
            assert!(!needs_any_of.iter().any(|s| names.contains(s.name())));
        }
        (Err(d @ Denial::UnknownEndpoint { .. }), Err(MatchError::NotFound { .. })) => {
            // Ranking look-alikes is the slow, on-demand part of a denial: check it on one
            // input in 64 so that the target runs at the speed of the pre-check itself.
            if data.len().is_multiple_of(64) {
                assert!(d.nearest().len() <= 3);
            }
        }
        (Err(Denial::InvalidRequest(d)), Err(e)) => {
            assert_eq!(d, e);
            assert!(!matches!(e, MatchError::NotFound { .. }));
        }
        (r, m) => panic!("precheck {r:?} disagrees with match_request {m:?} on {target:?}"),
    }
}

/// The HighLevel scope-table ingest on arbitrary text: deterministic, and every row it
/// returns is located inside the input.
pub fn check_table_ingest(data: &[u8]) {
    use xtask::highlevel::rows::{SourceSpec, parse_source};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let spec = SourceSpec {
        id: "fuzz",
        path: "fuzz.md",
    };
    let lines = text.split('\n').count() as u32;
    let first = parse_source(spec, text);
    let second = parse_source(spec, text);
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.rows, b.rows, "nondeterministic rows");
            assert_eq!(a.anomalies, b.anomalies, "nondeterministic anomalies");
            assert_eq!(a.text_lines, b.text_lines);
            for row in &a.rows {
                assert!(
                    row.line >= 1 && row.line <= lines,
                    "row line {} of {lines}",
                    row.line
                );
                assert!(row.scope_line <= row.line, "scope line after its row");
                if let Some(e) = &row.endpoint {
                    // A template the dataset accepts is one the model can parse again.
                    let again = Template::parse(&e.template.to_string());
                    assert_eq!(again.as_ref().ok(), Some(&e.template), "{}", e.template);
                }
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("nondeterministic success"),
    }
}

/// The manifest parser on arbitrary text: an error is located inside the input, and so is
/// every value of a manifest it accepts.
pub fn check_manifest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Lines as a YAML reader counts them: `\n`, `\r\n` and a lone `\r` all end one.
    let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
    let in_text = |l: &scopewise_cli::manifest::Location| {
        assert_eq!(l.file, "fuzz.yaml");
        assert!(
            l.line >= 1 && l.line <= lines + 1,
            "line {} of {lines}",
            l.line
        );
        assert!(l.column >= 1);
    };
    match scopewise_cli::manifest::parse("fuzz.yaml", text) {
        Ok(m) => {
            in_text(&m.provider.location);
            if let Some(access) = &m.access {
                in_text(&access.location);
            }
            for v in m
                .scopes
                .iter()
                .chain(&m.calls)
                .chain(&m.webhooks)
                .chain(&m.soap)
            {
                in_text(&v.location);
            }
            // The calls go on to the matcher: whatever they say, it must answer.
            for call in scopewise_cli::calls::from_strings(&m.calls)
                .into_iter()
                .flatten()
            {
                if let Some(method) = call.method {
                    let _ = CATALOG.router().find(method, &call.target);
                }
            }
        }
        Err(e) => {
            in_text(&e.location);
            assert!(!e.message.is_empty());
        }
    }
}

/// The HAR reader on arbitrary text: every call it returns is for the API host, and its
/// location points at a URL on that line (however escaped) that ends with the target.
pub fn check_har(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(har) = scopewise_cli::calls::read_har("fuzz.har", text, HOST) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for call in &har.calls {
        assert!(
            call.target.is_empty() || call.target.starts_with(['/', '?', '#']),
            "{:?} is not a path on the host",
            call.target
        );
        let l = call.location.as_ref().expect("a HAR call is located");
        let line = lines
            .get(l.line as usize - 1)
            .unwrap_or_else(|| panic!("line {} of {}", l.line, lines.len()));
        // The column is the URL's first character, past its opening quote: the JSON string
        // that opens there is the URL, and the target is its tail.
        let quote = line
            .char_indices()
            .nth(l.column as usize - 2)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("column {} of line {}", l.column, l.line));
        let url = serde_json::Deserializer::from_str(&line[quote..])
            .into_iter::<String>()
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("no JSON string at {}:{}", l.line, l.column - 1));
        assert!(
            url.ends_with(&call.target),
            "{url:?} does not end with {:?}",
            call.target
        );
        if let Some(method) = call.method {
            let _ = CATALOG.router().find(method, &call.target);
        }
    }
}

/// The source scan on arbitrary text: every call is a path on the API host, located on a
/// line of the input.
pub fn check_scan_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.lines().count() as u32;
    for call in scopewise_cli::calls::scan_text("fuzz.ts", text, HOST) {
        assert!(call.target.starts_with('/'), "{:?}", call.target);
        let l = call
            .location
            .as_ref()
            .expect("a scanned call has a location");
        assert!(l.line >= 1 && l.line <= lines, "line {} of {lines}", l.line);
        if let Some(method) = call.method {
            let _ = CATALOG.router().find(method, &call.target);
        }
    }
}
