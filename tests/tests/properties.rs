//! Hardening properties over the whole catalog and the ingest (issue 9):
//! - match ∘ instantiate = identity, for every endpoint, with hostile-but-valid parameter
//!   values and every target form; a hostile value is refused, never rerouted;
//! - `precheck` never allows a request unless one of its endpoint's scopes is named,
//!   exactly, in the granted scope string, whatever near-miss spellings surround it;
//! - the scope-table ingest is deterministic, and its canonical form is a fixed point.

use proptest::prelude::*;
use scopewise::{
    Access, Denial, Endpoint, GrantedScopes, MatchError, RequestError, highlevel::CATALOG,
};
use scopewise_model::access::Access as RowAccess;
use xtask::highlevel::rows::{Row, SourceSpec, parse_source};

/// Parameter values that a careful client may send and that no static segment equals: each
/// must come back as the parameter, unchanged and undecoded.
const VALUES: [&str; 11] = [
    "abc123",
    "ocQHyuzHvysMo5N5VsXc",
    "a%3Ab",
    "a%40b",
    "...",
    ".hidden",
    "x~y-z_1",
    "a:b@c!$&'()*+,=",
    "%D0%B5vents",
    "%2541%2542",
    "%3F%23",
];

/// `template` with its parameters replaced by `value`.
fn instantiate(template: &str, value: &str) -> String {
    template
        .split('/')
        .map(|s| if s.starts_with('{') { value } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

fn param_count(e: &Endpoint) -> usize {
    e.template().matches('{').count()
}

#[test]
fn every_endpoint_instantiated_matches_back_to_itself() {
    let long = "z".repeat(scopewise::MAX_SEGMENT_LEN);
    let values = VALUES.iter().copied().chain([long.as_str()]);
    let mut checked = 0;
    for value in values {
        for e in CATALOG.endpoints() {
            let path = instantiate(e.template(), value);
            let mut forms = vec![
                path.clone(),
                format!("{path}?next=/users/x&q=%2e%2e#/../locations"),
                format!("HTTPS://Services.LeadConnectorHQ.com:443{path}"),
            ];
            if path != "/" {
                forms.push(format!("{path}/"));
            }
            for target in forms {
                let m = CATALOG
                    .match_request(e.method().as_str(), &target)
                    .unwrap_or_else(|err| panic!("{e} as {target:?}: {err}"));
                assert_eq!(m.endpoint(), e, "{target:?}");
                let got: Vec<&str> = m.params().map(|(_, v)| v).collect();
                assert_eq!(got, vec![value; param_count(e)], "{target:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} requests checked");
}

#[test]
fn a_hostile_parameter_value_is_refused_never_rerouted() {
    type Rule = fn(&RequestError) -> bool;
    let cases: [(&str, Rule); 9] = [
        ("..", |e| matches!(e, RequestError::DotSegment { .. })),
        (".", |e| matches!(e, RequestError::DotSegment { .. })),
        ("%2e%2E", |e| matches!(e, RequestError::DotSegment { .. })),
        ("a b", |e| {
            matches!(e, RequestError::InvalidCharacter { character: ' ', .. })
        }),
        ("a\\b", |e| matches!(e, RequestError::Backslash { .. })),
        ("a;b", |e| {
            matches!(e, RequestError::InvalidCharacter { character: ';', .. })
        }),
        ("a%00", |e| {
            matches!(e, RequestError::EncodedControl { byte: 0, .. })
        }),
        ("a%zz", |e| {
            matches!(e, RequestError::InvalidPercentEncoding { .. })
        }),
        ("\u{0435}", |e| matches!(e, RequestError::NonAscii { .. })),
    ];
    for e in CATALOG.endpoints().iter().filter(|e| param_count(e) > 0) {
        for (value, rule) in cases {
            let target = instantiate(e.template(), value);
            match CATALOG.match_request(e.method().as_str(), &target) {
                Err(MatchError::Request(err)) if rule(&err) => {}
                other => panic!("{e} with {value:?}: {other:?}"),
            }
        }
    }
}

/// Spellings of a scope name that must never grant it: OAuth compares scope names exactly.
fn near_misses(name: &str) -> Vec<String> {
    let mut out = vec![
        name.to_uppercase(),
        format!("{name}."),
        format!(".{name}"),
        format!("{name},"),
        format!("\"{name}\""),
        format!("{name}\u{200B}"),
        format!("\u{FEFF}{name}"),
        name.replacen('.', "\u{2024}", 1), // one dot leader, looks like `.`
        name.replacen('o', "\u{043E}", 1), // Cyrillic о
        format!("{name}/"),
        format!("{name}\0"),
    ];
    if let Some(first) = name.chars().next() {
        let flipped: String = if first.is_lowercase() {
            first.to_uppercase().collect()
        } else {
            first.to_lowercase().collect()
        };
        out.push(format!("{flipped}{}", &name[first.len_utf8()..]));
    }
    out.retain(|m| m != name);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn precheck_never_allows_without_a_named_granting_scope(
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0usize..14), 0..12),
        endpoint in any::<prop::sample::Index>(),
        value in prop::sample::select(&VALUES[..]),
        agency in any::<bool>(),
        separators in prop::collection::vec(prop::sample::select(vec![" ", "\t", "  ", " \t "]), 12),
    ) {
        let scopes = CATALOG.scopes();
        // Each pick is a scope, exactly (0) or as one of its near misses (1..): the granted
        // string mixes real names with things that look like them.
        let mut words = Vec::new();
        for (i, variant) in &picks {
            let s = &scopes[i.index(scopes.len())];
            let mut spellings = vec![s.name().to_owned()];
            spellings.extend(near_misses(s.name()));
            spellings.extend(s.spellings().iter().map(|sp| sp.to_string()));
            words.push(spellings[variant % spellings.len()].clone());
        }
        let mut scope_string = String::new();
        for (w, sep) in words.iter().zip(&separators) {
            scope_string.push_str(w);
            scope_string.push_str(sep);
        }
        // Independently: the names a token response lists are the space/tab-separated words.
        let named: Vec<&str> = scope_string.split([' ', '\t']).filter(|w| !w.is_empty()).collect();

        let e = &CATALOG.endpoints()[endpoint.index(CATALOG.endpoints().len())];
        let target = instantiate(e.template(), value);
        let token = if agency { Access::Agency } else { Access::SubAccount };
        let granted = GrantedScopes::parse(&CATALOG, &scope_string);
        let named_granting = e.scopes().iter().any(|s| named.contains(&s.name()));
        match CATALOG.precheck(&granted, token, e.method().as_str(), &target) {
            Ok(allowed) => {
                prop_assert_eq!(allowed, e);
                prop_assert!(e.scope_documented());
                match e.auth() {
                    // No security declared: allowed whatever the token.
                    scopewise::Auth::None => {}
                    // A token whose scope no source states: allowed by its type alone.
                    scopewise::Auth::Token => prop_assert!(e.access().contains(token)),
                    scopewise::Auth::Scopes => {
                        prop_assert!(named_granting, "{} allowed by {:?}", e, scope_string);
                        prop_assert!(e.access().contains(token));
                    }
                }
            }
            Err(Denial::UndocumentedScope { endpoint }) => {
                prop_assert_eq!(endpoint, e);
                prop_assert!(!e.scope_documented());
            }
            Err(Denial::WrongTokenType { endpoint, .. }) => {
                prop_assert_eq!(endpoint, e);
                prop_assert!(!e.access().contains(token));
            }
            Err(Denial::MissingScope { endpoint, .. }) => {
                prop_assert_eq!(endpoint, e);
                prop_assert!(!named_granting, "{} denied despite {:?}", e, scope_string);
            }
            Err(other) => prop_assert!(false, "{e} as {target:?}: {other}"),
        }
    }
}

#[test]
fn near_misses_never_grant() {
    for s in CATALOG.scopes() {
        let misses = near_misses(s.name());
        let granted = GrantedScopes::parse(&CATALOG, &misses.join(" "));
        assert!(
            !granted.contains(s),
            "{} granted by one of {misses:?}",
            s.name()
        );
        // Spellings are documentation aliases only; a token carries the name.
        for sp in s.spellings().iter().filter(|sp| **sp != s.name()) {
            assert!(
                !GrantedScopes::parse(&CATALOG, sp).contains(s),
                "{sp} grants {}",
                s.name()
            );
        }
    }
}

// ---- The ingest ----

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_ingest_is_deterministic() {
    use xtask::highlevel::{Inputs, ingest, outputs};
    let inputs = Inputs::read(&root()).expect("the repository's sources");
    let first = outputs(&ingest(&inputs).expect("ingest"));
    let second = outputs(&ingest(&inputs.clone()).expect("ingest"));
    assert_eq!(first.len(), second.len());
    for ((path_a, a), (path_b, b)) in first.iter().zip(&second) {
        assert_eq!(path_a, path_b);
        assert!(a == b, "{path_a} differs between two runs");
    }
}

/// What a row says, independent of how it was written.
type Meaning = (
    String,
    Option<String>,
    Option<String>,
    Option<Vec<RowAccess>>,
);

fn meaning(row: &Row) -> Meaning {
    (
        row.scope.clone(),
        row.endpoint.as_ref().map(|e| e.display()),
        row.webhook.clone(),
        row.access.clone(),
    )
}

const CANONICAL: SourceSpec = SourceSpec {
    id: "canonical",
    path: "canonical.md",
};

/// The canonical table of some rows: every cell in its column, the scope on every row.
fn render(rows: &[Meaning]) -> String {
    let mut out = String::from(
        "| Scope | API Endpoints | Webhook Events | Access Type |\n|---|---|---|---|\n",
    );
    for (scope, endpoint, webhook, access) in rows {
        let access = access.as_ref().map_or(String::new(), |a| {
            a.iter()
                .map(|a| match a {
                    RowAccess::SubAccount => "Sub-Account",
                    RowAccess::Agency => "Agency",
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
        out.push_str(&format!(
            "| {scope} | {} | {} | {access} |\n",
            endpoint.as_deref().unwrap_or(""),
            webhook.as_deref().unwrap_or("")
        ));
    }
    out
}

fn parse_canonical(text: &str) -> Vec<Meaning> {
    parse_source(CANONICAL, text)
        .expect("a canonical table parses")
        .rows
        .iter()
        .map(meaning)
        .collect()
}

/// The rows of the vendor's tables, as the ingest reads them.
fn vendor_rows() -> Vec<Meaning> {
    let mut all = Vec::new();
    for spec in xtask::highlevel::SOURCES {
        let text = std::fs::read_to_string(root().join(spec.path)).expect("a source");
        let parsed = parse_source(spec, &text).expect("the source parses");
        all.extend(parsed.rows.iter().filter(|r| !r.truncated).map(meaning));
    }
    all
}

#[test]
fn the_canonical_form_of_the_vendor_tables_is_a_fixed_point() {
    let rows = vendor_rows();
    assert!(rows.len() > 300, "{} rows", rows.len());
    let once = render(&rows);
    let reread = parse_canonical(&once);
    assert_eq!(reread, rows, "reading the canonical table changes its rows");
    assert_eq!(render(&reread), once, "normalizing twice differs from once");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any selection of rows, in any order, reads back as exactly those rows, twice alike.
    #[test]
    fn canonical_tables_round_trip(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..40)) {
        static ROWS: std::sync::OnceLock<Vec<Meaning>> = std::sync::OnceLock::new();
        let rows = ROWS.get_or_init(vendor_rows);
        let chosen: Vec<Meaning> = picks.iter().map(|i| rows[i.index(rows.len())].clone()).collect();
        let text = render(&chosen);
        let first = parse_source(CANONICAL, &text).expect("a canonical table parses");
        let second = parse_source(CANONICAL, &text).expect("a canonical table parses");
        prop_assert_eq!(&first.rows, &second.rows);
        prop_assert_eq!(first.rows.iter().map(meaning).collect::<Vec<_>>(), chosen);
    }
}
