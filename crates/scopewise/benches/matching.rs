//! Concrete-request matching: scopewise's router against matchit 0.9 (the router behind
//! axum), loaded with the same templates, on the same requests, in the same run.
//!
//! `cargo bench -p scopewise --bench matching -- --warm-up-time 1 --measurement-time 3`
//!
//! The request set is every endpoint of the HighLevel catalog instantiated with realistic
//! 20-character ids (static-heavy, param-heavy and deep paths in the catalog's own mix), plus
//! one miss for every eight hits (unknown static segments at several depths). One benchmark
//! iteration runs the whole set; criterion's throughput line is lookups per second, and the
//! time per lookup is the iteration time divided by the set's size (printed at start).
//!
//! matchit gets one `Router<usize>` per method; templates are inserted with their parameter
//! names replaced by the segment position (`{p1}`), because matchit refuses two names at one
//! position (`/objects/{key}` next to `/objects/{schemaKey}/records/{id}`). matchit is given
//! the bare path; scopewise is given the same string and validates it fully (dot segments,
//! percent-encoding, bytes, lengths) on top of matching, which matchit does not do.
//!
//! - `scopewise/find`: `Router::find` with a parsed `Method`, as matchit gets;
//! - `scopewise/match_request`: `Catalog::match_request` with the method as text;
//! - `matchit/at`: `Router::at` of the method's router.
//!
//! `traffic*` is real traffic as an SDK interceptor sees it (see [`traffic`]): a third of the
//! requests miss, 30 % are full URLs with a query; scopewise gets the target as sent,
//! matchit the bare path already cut out for it.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scopewise::{Method, highlevel::CATALOG};

fn method_index(m: Method) -> usize {
    Method::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// A deterministic 20-character id in HighLevel's style, different for every `n`.
fn id(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = (n as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (0..20)
        .map(|_| {
            state ^= state >> 29;
            state = state.wrapping_mul(0xbf58_476d_1ce4_e5b9);
            char::from(ALPHABET[(state >> 58) as usize % ALPHABET.len()])
        })
        .collect()
}

fn instantiate(template: &str, n: usize) -> String {
    template
        .split('/')
        .enumerate()
        .map(|(i, s)| {
            if s.starts_with('{') {
                id(n * 8 + i)
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The mixed request set: (method, path, expected endpoint index or `None` for a miss).
fn requests() -> Vec<(Method, String, Option<usize>)> {
    let mut out = Vec::new();
    for (n, e) in CATALOG.endpoints().iter().enumerate() {
        out.push((e.method(), instantiate(e.template(), n), Some(e.index())));
        if n % 8 == 0 {
            // A miss: the path with one unknown segment appended, or a renamed first segment.
            let path = instantiate(e.template(), n);
            let miss = if n % 16 == 0 {
                format!("{path}/zz-unknown/zz")
            } else {
                path.replacen('/', "/x", 1)
            };
            out.push((e.method(), miss, None));
        }
    }
    out
}

fn matchit_routers() -> Vec<matchit::Router<usize>> {
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
        if let Err(err) = routers[method_index(e.method())].insert(route, e.index()) {
            panic!("matchit refused {e}: {err}");
        }
    }
    routers
}

fn matching(c: &mut Criterion) {
    let requests = requests();
    let routers = matchit_routers();
    let router = CATALOG.router();

    // Both must give the expected answers before their speed means anything.
    for (m, path, expected) in &requests {
        let ours = router.find(*m, path).ok().map(|x| x.endpoint().index());
        let theirs = routers[method_index(*m)].at(path).ok().map(|x| *x.value);
        assert_eq!(ours, theirs, "scopewise and matchit disagree on {m} {path}");
        if expected.is_some() {
            assert_eq!(ours, *expected, "{m} {path}");
        }
    }
    let misses = requests
        .iter()
        .filter(|(m, p, _)| router.find(*m, p).is_err())
        .count();
    eprintln!(
        "matching: {} requests per iteration ({} misses)",
        requests.len(),
        misses
    );

    let mut group = c.benchmark_group("matching");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("scopewise/find", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for (m, path, _) in &requests {
                if let Ok(x) = router.find(*m, black_box(path)) {
                    hits += x.endpoint().index();
                }
            }
            hits
        })
    });
    let textual: Vec<(&str, &str)> = requests
        .iter()
        .map(|(m, p, _)| (m.as_str(), p.as_str()))
        .collect();
    group.bench_function("scopewise/match_request", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for (m, path) in &textual {
                if let Ok(x) = CATALOG.match_request(black_box(m), black_box(path)) {
                    hits += x.endpoint().index();
                }
            }
            hits
        })
    });
    group.bench_function("matchit/at", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for (m, path, _) in &requests {
                if let Ok(x) = routers[method_index(*m)].at(black_box(path)) {
                    hits += *x.value;
                }
            }
            hits
        })
    });
    group.finish();

    // The same comparison on the hits and on the misses alone.
    for (name, want_hit) in [("matching-hits", true), ("matching-misses", false)] {
        let subset: Vec<&(Method, String, Option<usize>)> = requests
            .iter()
            .filter(|(m, p, _)| router.find(*m, p).is_ok() == want_hit)
            .collect();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(subset.len() as u64));
        group.bench_function("scopewise/find", |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for (m, path, _) in &subset {
                    if let Ok(x) = router.find(*m, black_box(path)) {
                        hits += x.endpoint().index();
                    }
                }
                hits
            })
        });
        group.bench_function("matchit/at", |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for (m, path, _) in &subset {
                    if let Ok(x) = routers[method_index(*m)].at(black_box(path)) {
                        hits += *x.value;
                    }
                }
                hits
            })
        });
        group.finish();
    }

    // Full URLs with a query: what an SDK holds before it sends. matchit cannot take these.
    let urls: Vec<(Method, String)> = requests
        .iter()
        .map(|(m, p, _)| {
            (
                *m,
                format!("https://services.leadconnectorhq.com{p}?locationId=ve9EPM428h8vShlRW1KT"),
            )
        })
        .collect();
    let mut group = c.benchmark_group("matching-urls");
    group.throughput(Throughput::Elements(urls.len() as u64));
    group.bench_function("scopewise/find", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for (m, url) in &urls {
                if let Ok(x) = router.find(*m, black_box(url)) {
                    hits += x.endpoint().index();
                }
            }
            hits
        })
    });
    group.finish();
}

/// Real traffic, as an SDK interceptor sees it: every operation of the catalog with 20-character
/// ids, 30 % of the requests as full URLs with a query string, and about a third of them not in
/// the catalog (an unknown trailing segment, a typo in a static segment, an unknown first
/// segment, a method the path does not have). Returns (method, target as sent, bare path for
/// matchit, expected endpoint index or `None`).
fn traffic() -> Vec<(Method, String, String, Option<usize>)> {
    let endpoints = CATALOG.endpoints();
    let mut out = Vec::new();
    for (n, e) in endpoints.iter().enumerate() {
        let path = instantiate(e.template(), n);
        out.push((e.method(), path.clone(), Some(e.index())));
        if n % 2 == 0 {
            let (method, miss) = match n % 8 {
                0 => (e.method(), format!("{path}/zz-unknown")),
                2 => (e.method(), typo(&path)),
                4 => (e.method(), format!("/x{}", &path[1..])),
                _ => (other_method(e.method(), &path), path.clone()),
            };
            out.push((method, miss, None));
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (m, path, expected))| {
            // 3 requests in 10 are full URLs with a query, as SDKs build them.
            let target = if i % 10 < 3 {
                format!(
                    "https://services.leadconnectorhq.com{path}?locationId=ve9EPM428h8vShlRW1KT"
                )
            } else {
                path.clone()
            };
            (m, target, path, expected)
        })
        .collect()
}

/// `path` with the last letter of its first static segment longer than 3 bytes dropped.
fn typo(path: &str) -> String {
    let mut segments: Vec<String> = path.split('/').map(str::to_owned).collect();
    if let Some(s) = segments
        .iter_mut()
        .find(|s| s.len() > 3 && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
    {
        s.pop();
    }
    segments.join("/")
}

/// A method with no endpoint at `path` (by the router's own answer), or GET.
fn other_method(method: Method, path: &str) -> Method {
    Method::ALL
        .into_iter()
        .find(|m| *m != method && CATALOG.router().find(*m, path).is_err())
        .unwrap_or(Method::Get)
}

fn real_traffic(c: &mut Criterion) {
    let traffic = traffic();
    let routers = matchit_routers();
    for (m, target, path, expected) in &traffic {
        let ours = CATALOG
            .match_request(m.as_str(), target)
            .ok()
            .map(|x| x.endpoint().index());
        let theirs = routers[method_index(*m)].at(path).ok().map(|x| *x.value);
        assert_eq!(
            ours, theirs,
            "scopewise and matchit disagree on {m} {target}"
        );
        if expected.is_some() {
            assert_eq!(ours, *expected, "{m} {target}");
        }
    }
    let misses = traffic.iter().filter(|t| t.3.is_none()).count();
    eprintln!(
        "traffic: {} requests per iteration ({} misses, {} full URLs)",
        traffic.len(),
        misses,
        traffic.iter().filter(|t| t.1.starts_with("https:")).count()
    );
    // (method as text, target as sent, bare path, hit, matchit router index)
    let textual: Vec<(&str, &str, &str, bool, usize)> = traffic
        .iter()
        .map(|(m, t, p, e)| {
            (
                m.as_str(),
                t.as_str(),
                p.as_str(),
                e.is_some(),
                method_index(*m),
            )
        })
        .collect();
    for (name, keep) in [
        ("traffic", None),
        ("traffic-hits", Some(true)),
        ("traffic-misses", Some(false)),
    ] {
        let subset: Vec<&(&str, &str, &str, bool, usize)> = textual
            .iter()
            .filter(|t| keep.is_none_or(|k| t.3 == k))
            .collect();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(subset.len() as u64));
        group.bench_function("scopewise/match_request", |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for (m, target, ..) in &subset {
                    if let Ok(x) = CATALOG.match_request(black_box(m), black_box(target)) {
                        hits += x.endpoint().index();
                    }
                }
                hits
            })
        });
        // matchit is handed the bare path, already cut out of the URL for it: it does not
        // pay for the URL, the query or any validation.
        group.bench_function("matchit/at", |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for (_, _, path, _, r) in &subset {
                    if let Ok(x) = routers[*r].at(black_box(path)) {
                        hits += *x.value;
                    }
                }
                hits
            })
        });
        group.finish();
    }
}

criterion_group!(benches, matching, real_traffic);
criterion_main!(benches);
