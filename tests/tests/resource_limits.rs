//! Work stays linear in the input (issue 9): each test feeds one input shape that a
//! quadratic implementation would choke on, at a size where linear work takes milliseconds
//! even in a debug build and quadratic work takes many seconds. The bounds are generous
//! smoke checks against a loaded CI runner, not benchmarks; where an early rejection can
//! prove the bound instead (the 1 MiB target in `adversarial.rs`), that is asserted.

use std::time::{Duration, Instant};

use scopewise::{Access, Denial, GrantedScopes, Method, highlevel::CATALOG};

const HOST: &str = "services.leadconnectorhq.com";

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// 20 000 distinct unknown scope names: deduplicating them by scanning the names kept so far
/// is 200 million comparisons (46 s for 50 000 in a debug build before the fix).
#[test]
fn a_scope_string_of_many_unknown_names_parses_in_linear_time() {
    let names: Vec<String> = (0..20_000).map(|i| format!("junk{i}.readonly")).collect();
    let text = format!("contacts.readonly {} {}", names.join(" "), names.join("\t"));
    let (granted, took) = timed(|| GrantedScopes::parse(&CATALOG, &text));
    assert_eq!(granted.unknown().len(), 20_000, "each unknown name once");
    assert_eq!(granted.unknown()[19_999], "junk19999.readonly");
    assert_eq!(granted.scopes().len(), 1);
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// The longest denial to explain: the most segments a route can have, each as long as the
/// nearest-endpoint search compares, none matching anything.
#[test]
fn the_costliest_unknown_endpoint_denial_is_bounded() {
    let segment = "q".repeat(64);
    let target = format!("/{}", vec![segment.as_str(); 16].join("/"));
    let granted = GrantedScopes::parse(&CATALOG, "contacts.readonly");
    let (verdict, took) = timed(|| CATALOG.precheck(&granted, Access::SubAccount, "GET", &target));
    assert!(matches!(
        verdict,
        Err(Denial::UnknownEndpoint {
            method: Method::Get,
            ..
        })
    ));
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

fn har(entries: usize, entry: &str) -> String {
    let entries: Vec<String> = (0..entries)
        .map(|i| entry.replace("{i}", &i.to_string()))
        .collect();
    format!(
        "{{\"log\": {{\"entries\": [\n{}\n]}}}}",
        entries.join(",\n")
    )
}

/// A HAR capture of 8 000 requests (1 MB), on many lines and minified to one: each request's
/// line and column must not be found by rescanning the text from its start (50 s for 20 000
/// entries in a debug build before the fix).
#[test]
fn a_large_har_is_read_in_linear_time() {
    let text = har(
        8_000,
        r#"{"request": {"method": "GET", "url": "https://services.leadconnectorhq.com/contacts/c{i}"}, "response": {"status": 200}}"#,
    );
    let (calls, took) = timed(|| scopewise_cli::calls::read_har("big.har", &text, HOST));
    let calls = calls.expect("a valid HAR").calls;
    assert_eq!(calls.len(), 8_000);
    let last = calls
        .last()
        .and_then(|c| c.location.as_ref())
        .expect("located");
    assert_eq!((last.line, last.column), (8_001, 39));
    assert!(took < Duration::from_secs(2), "took {took:?}");

    let one_line = text.replace('\n', "");
    let (calls, took) = timed(|| scopewise_cli::calls::read_har("big.har", &one_line, HOST));
    let calls = calls.expect("a valid HAR").calls;
    let last = calls
        .last()
        .and_then(|c| c.location.as_ref())
        .expect("located");
    let url_at = one_line.rfind("https://").expect("a URL");
    assert_eq!((last.line, last.column as usize), (1, url_at + 1));
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// The same capture with every URL written with escaped slashes (`https:\/\/`, as PHP's
/// `json_encode` writes them): no URL is found verbatim in the text, and each miss rescans
/// the rest of it (166 s for 20 000 entries in a debug build). Not fixed: locating such URLs,
/// or giving up after a miss, changes what `read_har` reports; left to a decision.
#[test]
#[ignore = "quadratic: read_har rescans the text for each URL it cannot find verbatim"]
fn a_large_har_with_escaped_slashes_is_read_in_linear_time() {
    let text = har(
        8_000,
        r#"{"request": {"method": "GET", "url": "https:\/\/services.leadconnectorhq.com\/contacts\/c{i}"}}"#,
    );
    let (calls, took) = timed(|| scopewise_cli::calls::read_har("big.har", &text, HOST));
    assert_eq!(calls.expect("a valid HAR").calls.len(), 8_000);
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// A minified bundle: one line that names the API host 30 000 times with no quote before it.
/// Searching back from each occurrence to the line's start for the quote that opens its
/// literal took 716 s in a debug build before the fix.
#[test]
fn a_long_minified_line_is_scanned_in_linear_time() {
    let mut line = format!("{HOST}/x ").repeat(30_000);
    let before = line.chars().count();
    let call = format!("fetch('https://{HOST}/contacts/c1');");
    line.push_str(&call.repeat(2));
    let (calls, took) = timed(|| scopewise_cli::calls::scan_text("bundle.js", &line, HOST));
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[1].target, "/contacts/c1");
    // The column of the second URL: past the prefix, one call, and `fetch('`.
    let column = calls[1].location.as_ref().expect("located").column as usize;
    assert_eq!(column, before + call.len() + "fetch('".len() + 1);
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// Many quoted URLs on one long line: for each, the method is looked for in the whole line
/// before it and after it (`method_near` lower-cases both), which is quadratic. Not fixed:
/// bounding that window changes which method a scan reports; left to a decision.
#[test]
#[ignore = "quadratic: scan_text reads the whole line around each URL for its method"]
fn many_urls_on_one_line_are_scanned_in_linear_time() {
    let call = format!("fetch('https://{HOST}/contacts/c1');");
    let line = call.repeat(5_000);
    let (calls, took) = timed(|| scopewise_cli::calls::scan_text("bundle.js", &line, HOST));
    assert_eq!(calls.len(), 5_000);
    assert!(took < Duration::from_secs(2), "took {took:?}");
}
