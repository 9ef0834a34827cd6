//! `sw_minimal_scopes`: the smallest scope set for a list of calls and webhook events.

use core::ffi::c_char;
use core::ptr;
use std::ffi::CString;

use scopewise::MinimalScopesError;

use crate::SwStatus;
use crate::boundary::{Out, catch, require, str_args};
use crate::catalog::{SwCatalog, catalog_arg, default_catalog};
use crate::strings::{SwStringList, free_string_list, owned_string, string_list};

/// A call that matched no endpoint, and why. Owned by the `sw_minimal` that holds it.
#[repr(C)]
#[derive(Debug)]
pub struct SwUnmatchedCall {
    /// The call as given (its first 256 bytes at most).
    pub call: *const c_char,
    /// Why it matched nothing.
    pub reason: *const c_char,
}

/// The answer of `sw_minimal_scopes`. Owned by the caller: free with `sw_minimal_free`.
#[repr(C)]
#[derive(Debug)]
pub struct SwMinimal {
    /// The value of the OAuth `scope` parameter: the chosen names, sorted, space-separated.
    pub scope_string: *const c_char,
    /// The chosen scopes, sorted by name.
    pub scopes: SwStringList,
    /// Calls that matched no endpoint, in input order.
    pub unmatched: *const SwUnmatchedCall,
    /// The number of `unmatched`.
    pub unmatched_len: usize,
    /// Webhook events the catalog does not know, in input order.
    pub unknown_webhooks: SwStringList,
    /// Known calls and events for which no granting scope is known, in input order.
    pub ungrantable: SwStringList,
}

/// Computes the smallest set of scopes that grants every call and webhook event, in the
/// default catalog (HighLevel's; `sw_minimal_scopes_in` takes any).
///
/// `calls` is an array of `calls_len` strings `"METHOD target"` (target as for
/// `sw_lookup`), `webhooks` an array of `webhooks_len` event names (`ContactCreate`); either
/// may be NULL when its length is 0. Calls and events that match nothing are reported in the
/// result, not as an error. On `SW_STATUS_OK`, `*minimal_out` is the answer (owned: free with
/// `sw_minimal_free`); otherwise it is NULL.
///
/// # Safety
/// `calls` is NULL or points to `calls_len` pointers, each NULL or a NUL-terminated string;
/// likewise `webhooks`; `minimal_out` is NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_minimal_scopes(
    calls: *const *const c_char,
    calls_len: usize,
    webhooks: *const *const c_char,
    webhooks_len: usize,
    minimal_out: *mut *mut SwMinimal,
) -> SwStatus {
    // SAFETY: the caller's guarantees, and the default catalog is static.
    unsafe {
        sw_minimal_scopes_in(
            default_catalog(),
            calls,
            calls_len,
            webhooks,
            webhooks_len,
            minimal_out,
        )
    }
}

/// `sw_minimal_scopes` for any provider's catalog (`sw_catalog_get`).
///
/// `calls` is an array of `calls_len` strings `"METHOD target"` (target as for
/// `sw_lookup`), `webhooks` an array of `webhooks_len` event names (`ContactCreate`); either
/// may be NULL when its length is 0. Calls and events that match nothing are reported in the
/// result, not as an error. On `SW_STATUS_OK`, `*minimal_out` is the answer (owned: free with
/// `sw_minimal_free`); otherwise it is NULL.
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`; `calls` is
/// NULL or points to `calls_len` pointers, each NULL or a NUL-terminated string;
/// likewise `webhooks`; `minimal_out` is NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_minimal_scopes_in(
    catalog: *const SwCatalog,
    calls: *const *const c_char,
    calls_len: usize,
    webhooks: *const *const c_char,
    webhooks_len: usize,
    minimal_out: *mut *mut SwMinimal,
) -> SwStatus {
    // SAFETY: the caller guarantees `minimal_out` is NULL or writable for this call.
    let minimal_out = unsafe { Out::new(minimal_out) };
    require!(minimal_out, catalog);
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    let catalog = unsafe { catalog_arg(catalog) };
    catch(|| {
        // SAFETY: the caller guarantees `calls_len` readable string pointers.
        let calls = unsafe { str_args(calls, calls_len)? };
        // SAFETY: as for `calls`.
        let webhooks = unsafe { str_args(webhooks, webhooks_len)? };
        let min = catalog
            .catalog
            .minimal_scopes(calls, webhooks)
            .map_err(|MinimalScopesError::SearchLimit { .. }| SwStatus::SearchLimit)?;
        let unmatched: Box<[SwUnmatchedCall]> = min
            .unmatched()
            .iter()
            .map(|u| SwUnmatchedCall {
                call: owned_string(&u.call),
                reason: owned_string(&u.reason),
            })
            .collect();
        let unmatched_len = unmatched.len();
        let out = SwMinimal {
            scope_string: owned_string(&min.scope_string()),
            scopes: string_list(min.scopes().iter().map(|s| s.name())),
            unmatched: Box::into_raw(unmatched).cast::<SwUnmatchedCall>(),
            unmatched_len,
            unknown_webhooks: string_list(min.unknown_webhooks().iter().map(String::as_str)),
            ungrantable: string_list(min.ungrantable().iter().map(String::as_str)),
        };
        minimal_out.set(Box::into_raw(Box::new(out)));
        Ok(SwStatus::Ok)
    })
}

/// Frees a result of `sw_minimal_scopes`. NULL is ignored.
///
/// # Safety
/// `minimal` is NULL or a pointer returned by `sw_minimal_scopes` and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_minimal_free(minimal: *mut SwMinimal) {
    if minimal.is_null() {
        return;
    }
    let _ = catch(|| {
        // SAFETY: made by `Box::into_raw` in `sw_minimal_scopes`, not freed yet (caller's
        // guarantee), so we own it again.
        let min = unsafe { Box::from_raw(minimal) };
        // SAFETY: from `CString::into_raw`, freed only here.
        drop(unsafe { CString::from_raw(min.scope_string.cast_mut()) });
        // SAFETY: the three lists were made by `string_list` and are freed only here.
        unsafe { free_string_list(&min.scopes) };
        // SAFETY: as above.
        unsafe { free_string_list(&min.unknown_webhooks) };
        // SAFETY: as above.
        unsafe { free_string_list(&min.ungrantable) };
        let unmatched = ptr::slice_from_raw_parts_mut(min.unmatched.cast_mut(), min.unmatched_len);
        // SAFETY: from `Box::into_raw` of a boxed slice of `unmatched_len` items, freed only
        // here.
        let unmatched = unsafe { Box::from_raw(unmatched) };
        for u in &unmatched {
            // SAFETY: both strings came from `CString::into_raw`, freed only here.
            drop(unsafe { CString::from_raw(u.call.cast_mut()) });
            // SAFETY: as above.
            drop(unsafe { CString::from_raw(u.reason.cast_mut()) });
        }
        Ok(SwStatus::Ok)
    });
}
