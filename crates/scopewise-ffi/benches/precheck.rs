//! One pre-check, in Rust and through the C ABI, allowed and denied.
//!
//! `cargo bench -p scopewise-ffi --bench precheck -- --warm-up-time 1 --measurement-time 3`

use core::ptr;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scopewise::{Access, GrantedScopes, highlevel::CATALOG};
use scopewise_ffi::{
    SW_TOKEN_SUB_ACCOUNT, SwStatus, sw_denial_free, sw_grant_free, sw_grant_new, sw_grant_precheck,
    sw_precheck,
};

const SCOPES: &str = "contacts.readonly contacts.write locations.readonly";
const TARGET: &str = "/contacts/abc123/tasks?locationId=x";

fn precheck(c: &mut Criterion) {
    let mut g = c.benchmark_group("precheck");
    g.bench_function("rust/parsed-once", |b| {
        let granted = GrantedScopes::parse(&CATALOG, SCOPES);
        b.iter(|| {
            CATALOG
                .precheck(
                    black_box(&granted),
                    Access::SubAccount,
                    "GET",
                    black_box(TARGET),
                )
                .is_ok()
        })
    });
    g.bench_function("rust/parse-each-call", |b| {
        b.iter(|| {
            let granted = GrantedScopes::parse(&CATALOG, black_box(SCOPES));
            CATALOG
                .precheck(&granted, Access::SubAccount, "GET", black_box(TARGET))
                .is_ok()
        })
    });
    let (scopes, method, target) = (
        c"contacts.readonly contacts.write locations.readonly",
        c"GET",
        c"/contacts/abc123/tasks?locationId=x",
    );
    g.bench_function("c-abi/allowed", |b| {
        b.iter(|| {
            let (mut e, mut d) = (ptr::null(), ptr::null_mut());
            // SAFETY: valid C strings and out-pointers.
            let st = unsafe {
                sw_precheck(
                    black_box(scopes.as_ptr()),
                    SW_TOKEN_SUB_ACCOUNT,
                    method.as_ptr(),
                    black_box(target.as_ptr()),
                    &mut e,
                    &mut d,
                )
            };
            assert_eq!(st, SwStatus::Ok);
        })
    });
    g.bench_function("c-abi/grant-allowed", |b| {
        let mut grant = ptr::null_mut();
        // SAFETY: a valid C string and out-pointer.
        let st = unsafe { sw_grant_new(scopes.as_ptr(), SW_TOKEN_SUB_ACCOUNT, &mut grant) };
        assert_eq!(st, SwStatus::Ok);
        b.iter(|| {
            let (mut e, mut d) = (ptr::null(), ptr::null_mut());
            // SAFETY: a live grant, valid C strings and out-pointers.
            let st = unsafe {
                sw_grant_precheck(
                    grant,
                    method.as_ptr(),
                    black_box(target.as_ptr()),
                    &mut e,
                    &mut d,
                )
            };
            assert_eq!(st, SwStatus::Ok);
        });
        // SAFETY: made by `sw_grant_new`, no longer used.
        unsafe { sw_grant_free(grant) };
    });
    g.bench_function("c-abi/denied-missing-scope", |b| {
        b.iter(|| {
            let (mut e, mut d) = (ptr::null(), ptr::null_mut());
            // SAFETY: valid C strings and out-pointers.
            let st = unsafe {
                sw_precheck(
                    black_box(c"contacts.readonly".as_ptr()),
                    SW_TOKEN_SUB_ACCOUNT,
                    c"POST".as_ptr(),
                    black_box(c"/contacts".as_ptr()),
                    &mut e,
                    &mut d,
                )
            };
            assert_eq!(st, SwStatus::Denied);
            // SAFETY: `d` was returned by `sw_precheck`.
            unsafe { sw_denial_free(d) };
        })
    });
    g.finish();
}

criterion_group!(benches, precheck);
criterion_main!(benches);
