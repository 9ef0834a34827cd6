//! Endpoints as C sees them ([`SwEndpoint`], static tables), and `sw_lookup`.

use core::ffi::c_char;
use core::ptr;
use std::ffi::CString;

use scopewise::{Access, AccessSet, Auth, Endpoint};

use crate::boundary::{Out, catch, require, str_arg};
use crate::catalog::{SwCatalog, catalog_arg, default_catalog};
use crate::strings::{c_string, owned_string};
use crate::{SW_TOKEN_AGENCY, SW_TOKEN_SUB_ACCOUNT, SwStatus};

/// What an endpoint needs to be called.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwAuth {
    /// A token with one of `scopes`; with no scope listed, no source documents the scope and
    /// `sw_precheck` always denies it (`undocumented-scope`).
    Scopes = 0,
    /// Nothing: no token and no scope (the vendor's spec declares no security, as for
    /// `POST /oauth/token`).
    None = 1,
    /// A token of a type in `access`; no source states a scope, so none is checked.
    Token = 2,
}

/// One endpoint of the catalog. Points into static tables: never freed, never changes.
#[repr(C)]
#[derive(Debug)]
pub struct SwEndpoint {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: *const c_char,
    /// The canonical template: `/contacts/{contactId}`.
    pub path_template: *const c_char,
    /// The scopes that grant the endpoint; any one is enough. `scopes_len` entries.
    pub scopes: *const *const c_char,
    /// The number of `scopes`; 0 when the endpoint needs no scope (`auth` is
    /// `SW_AUTH_NONE` or `SW_AUTH_TOKEN`) or no source documents it (`SW_AUTH_SCOPES`: always
    /// denied).
    pub scopes_len: usize,
    /// What the endpoint needs: scopes, a token only, or nothing.
    pub auth: SwAuth,
    /// The token types that may call it: `SW_TOKEN_SUB_ACCOUNT` | `SW_TOKEN_AGENCY` bits.
    pub access: u32,
    /// The API version header the reference gives (`2021-07-28`), or NULL.
    pub version: *const c_char,
    /// The reference's title for the endpoint, or NULL.
    pub title: *const c_char,
    /// Whether a Private Integration token may call it.
    pub private_integration: bool,
    /// The `Version` header values the vendor's OpenAPI specs accept for it
    /// (`2021-07-28`, `v3`); `versions_len` entries, none when the specs do not constrain it.
    pub versions: *const *const c_char,
    /// The number of `versions`.
    pub versions_len: usize,
    /// Whether the vendor has deprecated it.
    pub deprecated: bool,
    /// For a deprecated endpoint, the call the vendor names instead
    /// (`GET /users/search`), or NULL.
    pub replacement: *const c_char,
}

/// The tables that `const sw_endpoint *` point into, built on first use, one per catalog.
#[derive(Debug)]
pub(crate) struct Tables {
    /// One per catalog endpoint, in catalog order.
    endpoints: Box<[SwEndpoint]>,
    /// Owns the strings and lists the endpoints point to; never read, never dropped.
    _strings: Vec<CString>,
    _lists: Vec<Box<[*const c_char]>>,
}

// SAFETY: `Tables` is immutable after `tables()` builds it; its raw pointers point into heap
// buffers it owns (`CString`s and boxed slices never move when their owner moves), and it
// lives in a static, so sharing `&Tables` between threads only ever reads valid memory.
unsafe impl Sync for Tables {}
// SAFETY: as above: nothing in `Tables` is tied to the thread that built it.
unsafe impl Send for Tables {}

fn tables(sw: &'static SwCatalog) -> &'static Tables {
    let catalog = sw.catalog;
    sw.tables.get_or_init(|| {
        let mut strings: Vec<CString> = Vec::new();
        let mut intern = |s: &str| -> *const c_char {
            let c = c_string(s);
            let p = c.as_ptr();
            strings.push(c);
            p
        };
        let scope_names: Vec<*const c_char> =
            catalog.scopes().iter().map(|s| intern(s.name())).collect();
        let mut lists: Vec<Box<[*const c_char]>> = Vec::new();
        let endpoints = catalog
            .endpoints()
            .iter()
            .map(|e| {
                let scopes: Box<[*const c_char]> =
                    e.scopes().iter().map(|s| scope_names[s.index()]).collect();
                let (scopes_ptr, scopes_len) = (scopes.as_ptr(), scopes.len());
                lists.push(scopes);
                let versions: Box<[*const c_char]> =
                    e.versions().iter().map(|v| intern(v)).collect();
                let (versions_ptr, versions_len) = (versions.as_ptr(), versions.len());
                lists.push(versions);
                SwEndpoint {
                    method: intern(e.method().as_str()),
                    path_template: intern(e.template()),
                    scopes: scopes_ptr,
                    scopes_len,
                    access: access_bits(e.access()),
                    version: e.version().map_or(ptr::null(), &mut intern),
                    title: e.title().map_or(ptr::null(), &mut intern),
                    private_integration: e.private_integration(),
                    auth: match e.auth() {
                        Auth::Scopes => SwAuth::Scopes,
                        Auth::None => SwAuth::None,
                        Auth::Token => SwAuth::Token,
                    },
                    versions: versions_ptr,
                    versions_len,
                    deprecated: e.deprecated(),
                    replacement: e.replacement().map_or(ptr::null(), &mut intern),
                }
            })
            .collect();
        Tables {
            endpoints,
            _strings: strings,
            _lists: lists,
        }
    })
}

/// The static C view of `e`, an endpoint of `catalog`.
pub(crate) fn endpoint_ptr(catalog: &'static SwCatalog, e: &Endpoint) -> *const SwEndpoint {
    endpoint_ref(catalog, e).map_or(ptr::null(), |p| p as *const SwEndpoint)
}

/// The static C view of `e`, an endpoint of `catalog`, as a reference.
pub(crate) fn endpoint_ref(
    catalog: &'static SwCatalog,
    e: &Endpoint,
) -> Option<&'static SwEndpoint> {
    tables(catalog).endpoints.get(e.index())
}

pub(crate) fn access_bits(set: AccessSet) -> u32 {
    set.iter()
        .map(|a| match a {
            Access::SubAccount => SW_TOKEN_SUB_ACCOUNT,
            Access::Agency => SW_TOKEN_AGENCY,
        })
        .fold(0, |acc, bit| acc | bit)
}

/// The token type of a `SW_TOKEN_*` constant.
pub(crate) fn token_of(token: u32) -> Result<Access, SwStatus> {
    match token {
        SW_TOKEN_SUB_ACCOUNT => Ok(Access::SubAccount),
        SW_TOKEN_AGENCY => Ok(Access::Agency),
        _ => Err(SwStatus::InvalidToken),
    }
}

/// Finds the endpoint that `method` + `target` calls, in the default catalog (HighLevel's;
/// `sw_lookup_in` takes any).
///
/// `method` is an HTTP method in any case; `target` is a template (`/contacts/{contactId}`,
/// `/contacts/:id`), a concrete path (`/contacts/abc?x=1`) or a URL on
/// `services.leadconnectorhq.com`. On `SW_STATUS_OK`, `*endpoint_out` is the endpoint
/// (static, never freed). Otherwise it is NULL, and if `message_out` is not NULL,
/// `*message_out` says why (`SW_STATUS_NOT_FOUND`, `SW_STATUS_INVALID_REQUEST`; free it with
/// `sw_string_free`) or is NULL (other statuses: see `sw_status_message`).
///
/// # Safety
/// `method` and `target` are NULL or NUL-terminated strings; `endpoint_out` and `message_out`
/// are NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_lookup(
    method: *const c_char,
    target: *const c_char,
    endpoint_out: *mut *const SwEndpoint,
    message_out: *mut *mut c_char,
) -> SwStatus {
    // SAFETY: the caller's guarantees, and the default catalog is static.
    unsafe { sw_lookup_in(default_catalog(), method, target, endpoint_out, message_out) }
}

/// Finds the endpoint of `catalog` that `method` + `target` calls: `sw_lookup` for any
/// provider's catalog (`sw_catalog_get`).
///
/// `method` is an HTTP method in any case; `target` is a template (`/contacts/{contactId}`,
/// `/contacts/:id`), a concrete path (`/contacts/abc?x=1`) or a URL on
/// `services.leadconnectorhq.com`. On `SW_STATUS_OK`, `*endpoint_out` is the endpoint
/// (static, never freed). Otherwise it is NULL, and if `message_out` is not NULL,
/// `*message_out` says why (`SW_STATUS_NOT_FOUND`, `SW_STATUS_INVALID_REQUEST`; free it with
/// `sw_string_free`) or is NULL (other statuses: see `sw_status_message`).
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`; `method`
/// and `target` are NULL or NUL-terminated strings; `endpoint_out` and `message_out`
/// are NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_lookup_in(
    catalog: *const SwCatalog,
    method: *const c_char,
    target: *const c_char,
    endpoint_out: *mut *const SwEndpoint,
    message_out: *mut *mut c_char,
) -> SwStatus {
    // SAFETY: the caller guarantees the out-pointers are NULL or writable for this call.
    let endpoint_out = unsafe { Out::new(endpoint_out) };
    // SAFETY: as above.
    let message_out = unsafe { Out::new(message_out) };
    require!(endpoint_out, catalog);
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    let catalog = unsafe { catalog_arg(catalog) };
    catch(|| {
        // SAFETY: the caller guarantees `method` is NULL or a valid string for this call.
        let method = unsafe { str_arg(method)? };
        // SAFETY: as for `method`.
        let target = unsafe { str_arg(target)? };
        match catalog.catalog.resolve(method, target) {
            Ok(e) => {
                endpoint_out.set(endpoint_ptr(catalog, e));
                Ok(SwStatus::Ok)
            }
            Err(e) => {
                message_out.set(owned_string(&e.to_string()));
                Err(match e.is_not_found() {
                    true => SwStatus::NotFound,
                    false => SwStatus::InvalidRequest,
                })
            }
        }
    })
}
