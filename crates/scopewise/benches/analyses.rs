//! The analyses on top of matching: `precheck` end to end and `minimal_scopes` over the
//! whole catalog.
//!
//! `cargo bench -p scopewise --bench analyses -- --warm-up-time 1 --measurement-time 3`
//!
//! - `precheck/allow`: every endpoint of the catalog as a concrete request, checked against a
//!   token that has every scope and the endpoint's token type (the allow path, which is the
//!   hot one); time per check = iteration time / endpoint count (criterion's throughput).
//! - `precheck/deny-missing-scope`: the same requests with a token that has no scope.
//! - `precheck/deny-unknown`: one unknown request, with its three nearest endpoints.
//! - `minimal_scopes/catalog`: one call per endpoint (as `METHOD /template` text) and every
//!   webhook event, solved at once.
//! - `minimal_scopes/concrete-urls`: the same calls as full `https://` URLs with a query.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scopewise::{Access, GrantedScopes, highlevel::CATALOG};

fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                "ve9EPM428h8vShlRW1KT"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn analyses(c: &mut Criterion) {
    let all: Vec<&str> = CATALOG.scopes().iter().map(|s| s.name()).collect();
    let everything = GrantedScopes::parse(&CATALOG, &all.join(" "));
    let nothing = GrantedScopes::parse(&CATALOG, "");
    let requests: Vec<(&str, String, Access)> = CATALOG
        .endpoints()
        .iter()
        // Endpoints the dataset knows no scope for are always denied; leave them out.
        .filter(|e| !e.scopes().is_empty())
        .filter_map(|e| {
            let path = concrete(e.template());
            let token = e.access().iter().next()?;
            // Keep the requests that route to their own endpoint (a concrete id may spell a
            // static sibling); all of them do with this id.
            let routed = CATALOG.match_request(e.method().as_str(), &path).ok()?;
            (routed.endpoint() == e).then_some((e.method().as_str(), path, token))
        })
        .collect();
    for (m, p, t) in &requests {
        assert!(CATALOG.precheck(&everything, *t, m, p).is_ok(), "{m} {p}");
    }
    eprintln!("precheck: {} requests per iteration", requests.len());

    let mut group = c.benchmark_group("precheck");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("allow", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for (m, p, t) in &requests {
                ok += usize::from(CATALOG.precheck(&everything, *t, m, black_box(p)).is_ok());
            }
            ok
        })
    });
    group.bench_function("deny-missing-scope", |b| {
        b.iter(|| {
            let mut denied = 0usize;
            for (m, p, t) in &requests {
                denied += usize::from(CATALOG.precheck(&nothing, *t, m, black_box(p)).is_err());
            }
            denied
        })
    });
    group.finish();
    c.bench_function("precheck/deny-unknown", |b| {
        b.iter(|| {
            CATALOG.precheck(
                &everything,
                Access::SubAccount,
                "GET",
                black_box("/contacts/abc/taskz"),
            )
        })
    });
    c.bench_function("granted-scopes/parse-all", |b| {
        let s = all.join(" ");
        b.iter(|| GrantedScopes::parse(&CATALOG, black_box(&s)))
    });

    let calls: Vec<String> = CATALOG
        .endpoints()
        .iter()
        .map(|e| format!("{} {}", e.method(), e.template()))
        .collect();
    let urls: Vec<String> = CATALOG
        .endpoints()
        .iter()
        .map(|e| {
            format!(
                "{} https://services.leadconnectorhq.com{}?locationId=x",
                e.method(),
                concrete(e.template())
            )
        })
        .collect();
    let events: Vec<&str> = CATALOG.webhooks().iter().map(|w| w.event()).collect();
    let min = CATALOG
        .minimal_scopes(&calls, &events)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(min.unmatched().is_empty() && min.unknown_webhooks().is_empty());
    eprintln!(
        "minimal_scopes: {} calls and {} events -> {} scopes ({} calls no scope grants)",
        calls.len(),
        events.len(),
        min.scopes().len(),
        min.ungrantable().len()
    );
    let mut group = c.benchmark_group("minimal_scopes");
    group.bench_function("catalog", |b| {
        b.iter(|| CATALOG.minimal_scopes(black_box(&calls), black_box(&events)))
    });
    group.bench_function("concrete-urls", |b| {
        b.iter(|| CATALOG.minimal_scopes(black_box(&urls), black_box(&events)))
    });
    group.finish();
}

criterion_group!(benches, analyses);
criterion_main!(benches);
