//! Template lookup (method + template → endpoint) through the generated phf map, against a
//! `std::collections::HashMap<String, usize>` built from the same data, on the same keys, in
//! the same run.
//!
//! `cargo bench -p scopewise --bench lookup -- --warm-up-time 1 --measurement-time 3`
//!
//! Every benchmark iteration looks up all endpoints of the HighLevel catalog once, so the
//! time per lookup is the reported time divided by the endpoint count (criterion prints it as
//! throughput). The groups separate the two halves of a lookup:
//! - `normalize`: the template → lookup key normalization alone (`write_lookup_key`);
//! - `probe`: hashing and probing with an already normalized key;
//! - `lookup`: both, as `Catalog::endpoint` does.
//!
//! `match` is the alternative the phf map is measured against besides the `HashMap`: the same
//! keys compiled by the macro crate into a `match` decision tree (length, then the bytes that
//! tell keys apart, then one whole-key comparison).

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scopewise::{Endpoint, Method, highlevel::CATALOG};
use scopewise_model::template::{KeyBuf, write_lookup_key};

/// The queries: every endpoint, its template written with `:name` parameters (the vendor
/// tables' style), so normalization has real work to do.
fn queries() -> Vec<(Method, String)> {
    CATALOG
        .endpoints()
        .iter()
        .map(|e| (e.method(), e.template().replace('{', ":").replace('}', "")))
        .collect()
}

fn keys() -> Vec<&'static str> {
    CATALOG.endpoints().iter().map(Endpoint::key).collect()
}

fn hashmap() -> HashMap<String, usize> {
    CATALOG
        .endpoints()
        .iter()
        .map(|e| (e.key().to_owned(), e.index()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let queries = queries();
    let keys = keys();
    let map = hashmap();
    let endpoints = CATALOG.endpoints();
    let n = queries.len() as u64;
    let key_match = scopewise_macros::__endpoint_key_match!("highlevel");

    // Both lookups must agree before their speed means anything.
    for (method, template) in &queries {
        let mut key = KeyBuf::new();
        write_lookup_key(method.as_str(), template, &mut key).expect("valid template");
        let via_map = map.get(key.as_str()).map(|&i| &endpoints[i]);
        assert_eq!(CATALOG.endpoint(*method, template), via_map, "{template}");
        assert!(via_map.is_some(), "{template}");
        let via_match = key_match(key.as_str()).map(|i| &endpoints[usize::from(i)]);
        assert_eq!(via_match, via_map, "{template}");
    }
    assert_eq!(key_match("GET /no/such/thing"), None);

    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(n));
    group.bench_function("phf", |b| {
        b.iter(|| {
            for (method, template) in &queries {
                black_box(CATALOG.endpoint(black_box(*method), black_box(template)));
            }
        });
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            for (method, template) in &queries {
                let mut key = KeyBuf::new();
                let found =
                    write_lookup_key(black_box(method.as_str()), black_box(template), &mut key)
                        .ok()
                        .and_then(|()| map.get(key.as_str()))
                        .map(|&i| &endpoints[i]);
                black_box(found);
            }
        });
    });
    group.bench_function("match", |b| {
        b.iter(|| {
            for (method, template) in &queries {
                let mut key = KeyBuf::new();
                let found =
                    write_lookup_key(black_box(method.as_str()), black_box(template), &mut key)
                        .ok()
                        .and_then(|()| key_match(key.as_str()))
                        .map(|i| &endpoints[usize::from(i)]);
                black_box(found);
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Elements(n));
    group.bench_function("write_lookup_key", |b| {
        b.iter(|| {
            for (method, template) in &queries {
                let mut key = KeyBuf::new();
                let _ = black_box(write_lookup_key(
                    black_box(method.as_str()),
                    black_box(template),
                    &mut key,
                ));
                black_box(&key);
            }
        });
    });
    // The part of normalization that is only zeroing the 520-byte stack buffer.
    group.bench_function("keybuf_new", |b| {
        b.iter(|| {
            for _ in &queries {
                black_box(KeyBuf::new());
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("probe");
    group.throughput(Throughput::Elements(n));
    group.bench_function("phf", |b| {
        b.iter(|| {
            for key in &keys {
                black_box(CATALOG.endpoint_by_key(black_box(key)));
            }
        });
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            for key in &keys {
                black_box(map.get(black_box(*key)).map(|&i| &endpoints[i]));
            }
        });
    });
    group.bench_function("match", |b| {
        b.iter(|| {
            for key in &keys {
                black_box(key_match(black_box(key)).map(|i| &endpoints[usize::from(i)]));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
