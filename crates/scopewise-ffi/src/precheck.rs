//! Pre-checks: `sw_precheck`, grants parsed once (`sw_grant_*`), and denials as C sees them.

use core::ffi::c_char;
use core::ptr;
use std::ffi::CString;

use scopewise::{Access, Denial, GrantedScopes};

use crate::SwStatus;
use crate::boundary::{Out, catch, require, str_arg};
use crate::catalog::{SwCatalog, catalog_arg, default_catalog};
use crate::endpoint::{SwEndpoint, access_bits, endpoint_ptr, endpoint_ref, token_of};
use crate::strings::{owned_string, static_string};

/// Why `sw_precheck` denied a request: one kind per denial of the Rust library, so that a C
/// caller can tell every reason apart. `sw_denial.reason` spells the same as a stable code.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwDenialKind {
    /// The method or target is malformed, or ambiguous (`invalid-request`).
    InvalidRequest = 1,
    /// No endpoint has this method and path; `nearest` lists look-alikes (`unknown-endpoint`).
    UnknownEndpoint = 2,
    /// The endpoint exists but not for this token type; `allowed` says which
    /// (`wrong-token-type`).
    WrongTokenType = 3,
    /// The token has none of the scopes that grant the endpoint; `missing` lists them
    /// (`missing-scope`).
    MissingScope = 4,
    /// Only the API reference knows the endpoint; no scope table documents its scope, so it
    /// is denied whatever the token has (`undocumented-scope`).
    UndocumentedScope = 5,
    /// The endpoint does not accept this kind of token (OAuth or Private Integration)
    /// (`wrong-token-kind`).
    WrongTokenKind = 6,
    /// The request's `Version` header is not the one the endpoint requires; the endpoint's
    /// `version` is (`wrong-version`).
    WrongVersion = 7,
    /// The grant was made for another catalog (`foreign-grant`).
    ForeignGrant = 8,
}

/// A denial of `sw_precheck`. Owned by the caller: free with `sw_denial_free`.
#[repr(C)]
#[derive(Debug)]
pub struct SwDenial {
    /// What kind of denial.
    pub kind: SwDenialKind,
    /// The kind as a stable code, the Rust library's `Denial::code()`: `invalid-request`,
    /// `unknown-endpoint`, `wrong-token-type`, `missing-scope`, `undocumented-scope`,
    /// `wrong-token-kind`, `wrong-version` or `foreign-grant` (static).
    pub reason: *const c_char,
    /// A sentence for humans: `POST /contacts needs one of the scopes [contacts.write]; ...`.
    pub message: *mut c_char,
    /// The endpoint the request calls (static), or NULL for `invalid-request`,
    /// `unknown-endpoint` and `foreign-grant`.
    pub endpoint: *const SwEndpoint,
    /// For `missing-scope`: the scopes that would grant the request, any one is enough
    /// (the endpoint's `scopes`, static; empty when none is known). Otherwise NULL.
    pub missing: *const *const c_char,
    /// The number of `missing`.
    pub missing_len: usize,
    /// For `wrong-token-type`: the token types the endpoint allows (bits); otherwise 0.
    pub allowed: u32,
    /// For `unknown-endpoint`: up to three look-alike endpoints, closest first.
    pub nearest: *const *const SwEndpoint,
    /// The number of `nearest`.
    pub nearest_len: usize,
}

/// Decides whether a token may make a request, before it is sent, against the default
/// catalog (HighLevel's; `sw_precheck_in` takes any).
///
/// `granted` is the token's `scope` string (space-separated, as the token response gives
/// it); `token` is `SW_TOKEN_SUB_ACCOUNT` or `SW_TOKEN_AGENCY`; `method` and `target` are as
/// for `sw_lookup` (a concrete path or URL is what an SDK has). Returns:
/// - `SW_STATUS_OK`: allowed; `*endpoint_out` is the endpoint (static) and `*denial_out`
///   NULL;
/// - `SW_STATUS_DENIED`: `*denial_out` says why (owned: free with `sw_denial_free`) and
///   `*endpoint_out` is NULL. Unknown endpoints and malformed requests are denied too: only
///   what is known to be allowed is;
/// - another status for a NULL, non-UTF-8 or invalid argument; both out-pointers are NULL.
///
/// # Safety
/// `granted`, `method` and `target` are NULL or NUL-terminated strings; `endpoint_out` and
/// `denial_out` are NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_precheck(
    granted: *const c_char,
    token: u32,
    method: *const c_char,
    target: *const c_char,
    endpoint_out: *mut *const SwEndpoint,
    denial_out: *mut *mut SwDenial,
) -> SwStatus {
    // SAFETY: the caller's guarantees, and the default catalog is static.
    unsafe {
        sw_precheck_in(
            default_catalog(),
            granted,
            token,
            method,
            target,
            endpoint_out,
            denial_out,
        )
    }
}

/// `sw_precheck` against any provider's catalog (`sw_catalog_get`). For a catalog whose
/// provider distinguishes no token types, `token` must still be a `SW_TOKEN_*` constant but
/// is not compared.
///
/// `granted` is the token's `scope` string (space-separated, as the token response gives
/// it); `token` is `SW_TOKEN_SUB_ACCOUNT` or `SW_TOKEN_AGENCY`; `method` and `target` are as
/// for `sw_lookup` (a concrete path or URL is what an SDK has). Returns:
/// - `SW_STATUS_OK`: allowed; `*endpoint_out` is the endpoint (static) and `*denial_out`
///   NULL;
/// - `SW_STATUS_DENIED`: `*denial_out` says why (owned: free with `sw_denial_free`) and
///   `*endpoint_out` is NULL. Unknown endpoints and malformed requests are denied too: only
///   what is known to be allowed is;
/// - another status for a NULL, non-UTF-8 or invalid argument; both out-pointers are NULL.
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`; `granted`,
/// `method` and `target` are NULL or NUL-terminated strings; `endpoint_out` and
/// `denial_out` are NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_precheck_in(
    catalog: *const SwCatalog,
    granted: *const c_char,
    token: u32,
    method: *const c_char,
    target: *const c_char,
    endpoint_out: *mut *const SwEndpoint,
    denial_out: *mut *mut SwDenial,
) -> SwStatus {
    // SAFETY: the caller guarantees the out-pointers are NULL or writable for this call.
    let endpoint_out = unsafe { Out::new(endpoint_out) };
    // SAFETY: as above.
    let denial_out = unsafe { Out::new(denial_out) };
    require!(endpoint_out, denial_out, catalog);
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    let catalog = unsafe { catalog_arg(catalog) };
    catch(|| {
        // SAFETY: the caller guarantees `granted` is NULL or a valid string for this call.
        let granted = unsafe { str_arg(granted)? };
        // SAFETY: as for `granted`.
        let method = unsafe { str_arg(method)? };
        // SAFETY: as for `granted`.
        let target = unsafe { str_arg(target)? };
        let token = token_of(token)?;
        let scopes = GrantedScopes::parse(catalog.catalog, granted);
        Ok(decide(
            catalog,
            &scopes,
            token,
            method,
            target,
            &endpoint_out,
            &denial_out,
        ))
    })
}

/// Pre-checks and writes the answer.
fn decide(
    catalog: &'static SwCatalog,
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
    endpoint_out: &Out<*const SwEndpoint>,
    denial_out: &Out<*mut SwDenial>,
) -> SwStatus {
    match catalog.catalog.precheck(granted, token, method, target) {
        Ok(e) => {
            endpoint_out.set(endpoint_ptr(catalog, e));
            SwStatus::Ok
        }
        Err(denial) => {
            denial_out.set(Box::into_raw(Box::new(denial_of(catalog, &denial))));
            SwStatus::Denied
        }
    }
}

/// A token's scopes and type, parsed once for many `sw_grant_precheck` calls. Opaque; made by
/// `sw_grant_new`, freed with `sw_grant_free`. Immutable: one grant may be used by many
/// threads at once.
#[derive(Debug)]
pub struct SwGrant {
    catalog: &'static SwCatalog,
    granted: GrantedScopes,
    token: Access,
}

/// Parses a token's `scope` string once, for `sw_grant_precheck`, for the default catalog
/// (HighLevel's; `sw_grant_new_in` takes any); parsing is most of the cost
/// of `sw_precheck`. `token` is `SW_TOKEN_SUB_ACCOUNT` or `SW_TOKEN_AGENCY`. On
/// `SW_STATUS_OK`, `*grant_out` is the grant (owned: free with `sw_grant_free`); otherwise
/// it is NULL.
///
/// # Safety
/// `granted` is NULL or a NUL-terminated string; `grant_out` is NULL or valid for a pointer
/// write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_grant_new(
    granted: *const c_char,
    token: u32,
    grant_out: *mut *mut SwGrant,
) -> SwStatus {
    // SAFETY: the caller's guarantees, and the default catalog is static.
    unsafe { sw_grant_new_in(default_catalog(), granted, token, grant_out) }
}

/// `sw_grant_new` for any provider's catalog (`sw_catalog_get`): the grant's pre-checks use
/// that catalog. `token` is `SW_TOKEN_SUB_ACCOUNT` or `SW_TOKEN_AGENCY`. On
/// `SW_STATUS_OK`, `*grant_out` is the grant (owned: free with `sw_grant_free`); otherwise
/// it is NULL.
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`; `granted`
/// is NULL or a NUL-terminated string; `grant_out` is NULL or valid for a pointer
/// write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_grant_new_in(
    catalog: *const SwCatalog,
    granted: *const c_char,
    token: u32,
    grant_out: *mut *mut SwGrant,
) -> SwStatus {
    // SAFETY: the caller guarantees `grant_out` is NULL or writable for this call.
    let grant_out = unsafe { Out::new(grant_out) };
    require!(grant_out, catalog);
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    let catalog = unsafe { catalog_arg(catalog) };
    catch(|| {
        // SAFETY: the caller guarantees `granted` is NULL or a valid string for this call.
        let granted = unsafe { str_arg(granted)? };
        let token = token_of(token)?;
        let grant = Box::new(SwGrant {
            catalog,
            granted: GrantedScopes::parse(catalog.catalog, granted),
            token,
        });
        grant_out.set(Box::into_raw(grant));
        Ok(SwStatus::Ok)
    })
}

/// `sw_precheck` with a grant made by `sw_grant_new`: same answers, same ownership.
///
/// # Safety
/// `grant` is NULL or a live grant from `sw_grant_new`; `method` and `target` are NULL or
/// NUL-terminated strings; `endpoint_out` and `denial_out` are NULL or valid for a pointer
/// write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_grant_precheck(
    grant: *const SwGrant,
    method: *const c_char,
    target: *const c_char,
    endpoint_out: *mut *const SwEndpoint,
    denial_out: *mut *mut SwDenial,
) -> SwStatus {
    // SAFETY: the caller guarantees the out-pointers are NULL or writable for this call.
    let endpoint_out = unsafe { Out::new(endpoint_out) };
    // SAFETY: as above.
    let denial_out = unsafe { Out::new(denial_out) };
    require!(endpoint_out, denial_out, grant);
    catch(|| {
        // SAFETY: not NULL, and a live grant from `sw_grant_new` (caller's guarantee); only
        // read, so shared use across threads is sound.
        let grant = unsafe { &*grant };
        // SAFETY: the caller guarantees `method` is NULL or a valid string for this call.
        let method = unsafe { str_arg(method)? };
        // SAFETY: as for `method`.
        let target = unsafe { str_arg(target)? };
        Ok(decide(
            grant.catalog,
            &grant.granted,
            grant.token,
            method,
            target,
            &endpoint_out,
            &denial_out,
        ))
    })
}

/// Frees a grant made by `sw_grant_new`. NULL is ignored.
///
/// # Safety
/// `grant` is NULL or a grant from `sw_grant_new` that no other thread is using and that is
/// not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_grant_free(grant: *mut SwGrant) {
    if grant.is_null() {
        return;
    }
    let _ = catch(|| {
        // SAFETY: made by `Box::into_raw` in `sw_grant_new`, not freed yet and not in use
        // (caller's guarantee), so we own it again.
        drop(unsafe { Box::from_raw(grant) });
        Ok(SwStatus::Ok)
    });
}

/// The C view of a denial: every kind, its reason from `Denial::code()`, and the endpoint
/// of every kind that has one. The match has no catch-all, so a new kind of denial in the
/// Rust library does not compile here until C can tell it apart.
fn denial_of(catalog: &'static SwCatalog, denial: &Denial) -> SwDenial {
    let mut out = SwDenial {
        kind: SwDenialKind::InvalidRequest,
        reason: static_string(denial.code()),
        message: owned_string(&denial.to_string()),
        endpoint: ptr::null(),
        missing: ptr::null(),
        missing_len: 0,
        allowed: 0,
        nearest: ptr::null(),
        nearest_len: 0,
    };
    out.kind = match denial {
        Denial::InvalidRequest(_) => SwDenialKind::InvalidRequest,
        Denial::ForeignGrant { .. } => SwDenialKind::ForeignGrant,
        Denial::UnknownEndpoint { .. } => {
            let list: Box<[*const SwEndpoint]> = denial
                .nearest()
                .into_iter()
                .map(|e| endpoint_ptr(catalog, e))
                .collect();
            out.nearest_len = list.len();
            out.nearest = Box::into_raw(list).cast::<*const SwEndpoint>();
            SwDenialKind::UnknownEndpoint
        }
        Denial::WrongTokenType {
            endpoint, allowed, ..
        } => {
            out.endpoint = endpoint_ptr(catalog, endpoint);
            out.allowed = access_bits(*allowed);
            SwDenialKind::WrongTokenType
        }
        Denial::MissingScope { endpoint, .. } => {
            // `needs_any_of` is the endpoint's scope list: point at the static copy.
            if let Some(e) = endpoint_ref(catalog, endpoint) {
                out.endpoint = e;
                out.missing = e.scopes;
                out.missing_len = e.scopes_len;
            }
            SwDenialKind::MissingScope
        }
        Denial::UndocumentedScope { endpoint } => {
            out.endpoint = endpoint_ptr(catalog, endpoint);
            SwDenialKind::UndocumentedScope
        }
        Denial::WrongTokenKind { endpoint, .. } => {
            out.endpoint = endpoint_ptr(catalog, endpoint);
            SwDenialKind::WrongTokenKind
        }
        Denial::WrongVersion { endpoint, .. } => {
            out.endpoint = endpoint_ptr(catalog, endpoint);
            SwDenialKind::WrongVersion
        }
    };
    out
}

/// Frees a denial returned by `sw_precheck`. NULL is ignored.
///
/// # Safety
/// `denial` is NULL or a pointer returned by `sw_precheck` and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_denial_free(denial: *mut SwDenial) {
    if denial.is_null() {
        return;
    }
    let _ = catch(|| {
        // SAFETY: made by `Box::into_raw` in `sw_precheck`, and not freed yet (caller's
        // guarantee), so we own it again.
        let denial = unsafe { Box::from_raw(denial) };
        // SAFETY: `message` came from `CString::into_raw` and is freed only here.
        drop(unsafe { CString::from_raw(denial.message) });
        if !denial.nearest.is_null() {
            let list = ptr::slice_from_raw_parts_mut(
                denial.nearest.cast_mut().cast::<*const SwEndpoint>(),
                denial.nearest_len,
            );
            // SAFETY: `nearest` came from `Box::into_raw` of a boxed slice of exactly
            // `nearest_len` items in `denial_of`, and is freed only here.
            drop(unsafe { Box::from_raw(list) });
        }
        Ok(SwStatus::Ok)
    });
}

#[cfg(test)]
mod tests {
    use core::ffi::CStr;

    use scopewise::highlevel::CATALOG;
    use scopewise::{
        Access, AccessSet, Denial, GrantedScopes, MatchError, RequestError, TokenKind,
    };

    use super::*;

    fn text(p: *const c_char) -> &'static str {
        assert!(!p.is_null());
        // SAFETY: test-only; `p` is a static reason or a message this test still holds.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    /// Every kind of denial reaches C as its own kind, with the Rust library's code as its
    /// reason and the endpoint wherever the denial names one.
    #[test]
    fn every_denial_kind_is_told_apart() {
        let e = &CATALOG.endpoints()[0];
        let cases: Vec<(Denial, SwDenialKind, bool)> = vec![
            (
                Denial::InvalidRequest(MatchError::Request(RequestError::Empty)),
                SwDenialKind::InvalidRequest,
                false,
            ),
            (
                CATALOG
                    .precheck(
                        &GrantedScopes::parse(&CATALOG, ""),
                        Access::SubAccount,
                        "GET",
                        &format!("{}z", e.template().replace(['{', '}'], "")),
                    )
                    .unwrap_err(),
                SwDenialKind::UnknownEndpoint,
                false,
            ),
            (
                Denial::WrongTokenType {
                    endpoint: e,
                    token: Access::Agency,
                    allowed: AccessSet::EMPTY.with(Access::SubAccount),
                },
                SwDenialKind::WrongTokenType,
                true,
            ),
            (
                Denial::MissingScope {
                    endpoint: e,
                    needs_any_of: e.scopes(),
                },
                SwDenialKind::MissingScope,
                true,
            ),
            (
                Denial::UndocumentedScope { endpoint: e },
                SwDenialKind::UndocumentedScope,
                true,
            ),
            (
                Denial::WrongTokenKind {
                    endpoint: e,
                    kind: TokenKind::PrivateIntegration,
                    token: Access::SubAccount,
                },
                SwDenialKind::WrongTokenKind,
                true,
            ),
            (
                Denial::WrongVersion {
                    endpoint: e,
                    expected: "2021-07-28",
                    sent: "v3".into(),
                },
                SwDenialKind::WrongVersion,
                true,
            ),
            (
                Denial::ForeignGrant {
                    catalog: "highlevel",
                },
                SwDenialKind::ForeignGrant,
                false,
            ),
        ];
        let mut kinds = Vec::new();
        for (denial, kind, has_endpoint) in cases {
            let d = Box::into_raw(Box::new(denial_of(
                crate::catalog::default_catalog(),
                &denial,
            )));
            // SAFETY: `d` was just made from a box and is freed below.
            let c = unsafe { &*d };
            assert_eq!(c.kind, kind, "{denial:?}");
            assert_eq!(text(c.reason), denial.code());
            assert_eq!(text(c.message), denial.to_string());
            assert_eq!(
                c.endpoint == endpoint_ptr(crate::catalog::default_catalog(), e),
                has_endpoint,
                "{denial:?}"
            );
            assert_eq!(c.endpoint.is_null(), !has_endpoint, "{denial:?}");
            if kind == SwDenialKind::UnknownEndpoint {
                assert!((1..=3).contains(&c.nearest_len), "{denial}");
            }
            kinds.push(c.kind as u32);
            // SAFETY: made like `sw_precheck` makes denials, freed once.
            unsafe { sw_denial_free(d) };
        }
        assert_eq!(kinds, (1..=8).collect::<Vec<u32>>());
    }
}
