//! Catalogs as C holds them ([`SwCatalog`]): one per provider whose catalog maps REST
//! endpoints, found by name with `sw_catalog_get`. The functions without `_in` use the
//! default provider's (`sw_catalog_default`).

use core::ffi::c_char;
use core::ptr;
use std::ffi::CString;
use std::sync::OnceLock;

use scopewise::{Catalog, Provider, UnknownProvider};

use crate::SwStatus;
use crate::boundary::{Out, catch, require, str_arg};
use crate::endpoint::Tables;
use crate::strings::{c_string, owned_string};

/// A provider's endpoint catalog. Opaque and static: the pointers `sw_catalog_get` and
/// `sw_catalog_default` give are valid for the life of the process; never free them.
#[derive(Debug)]
pub struct SwCatalog {
    pub(crate) catalog: &'static Catalog,
    provider: CString,
    fingerprint: CString,
    /// The C views of its endpoints, built on first use.
    pub(crate) tables: OnceLock<Tables>,
}

/// Every endpoint catalog, in the order of `scopewise::Provider::ALL`.
fn catalogs() -> &'static [SwCatalog] {
    static CATALOGS: OnceLock<Box<[SwCatalog]>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        Provider::ALL
            .into_iter()
            .filter_map(|p| p.endpoints().ok().map(|catalog| (p, catalog)))
            .map(|(p, catalog)| SwCatalog {
                catalog,
                provider: c_string(p.name()),
                fingerprint: c_string(catalog.fingerprint()),
                tables: OnceLock::new(),
            })
            .collect()
    })
}

/// The catalog of `provider`, if it maps REST endpoints.
fn find(provider: Provider) -> Option<&'static SwCatalog> {
    let catalog = provider.endpoints().ok()?;
    catalogs().iter().find(|c| ptr::eq(c.catalog, catalog))
}

/// The default provider's catalog, which the functions without `_in` use; found once.
pub(crate) fn default_catalog() -> &'static SwCatalog {
    static DEFAULT: OnceLock<&'static SwCatalog> = OnceLock::new();
    // The default provider (HighLevel) maps REST endpoints, so `catalogs()` holds it; the
    // first endpoint catalog stands in should the list ever change that.
    DEFAULT.get_or_init(|| find(Provider::default()).unwrap_or(&catalogs()[0]))
}

/// The catalog behind a pointer from `sw_catalog_get` or `sw_catalog_default`.
///
/// # Safety
/// `catalog` is not NULL and was returned by one of those functions (every such pointer is
/// static).
pub(crate) unsafe fn catalog_arg(catalog: *const SwCatalog) -> &'static SwCatalog {
    // SAFETY: the caller's guarantee: a pointer into `catalogs()`, a static that is never
    // dropped or moved once built.
    unsafe { &*catalog }
}

/// Finds the endpoint catalog of `provider` (`highlevel`; ASCII case is ignored).
///
/// On `SW_STATUS_OK`, `*catalog_out` is the catalog (static: never free it). Otherwise it is
/// NULL, and if `message_out` is not NULL, `*message_out` says why (free it with
/// `sw_string_free`): `SW_STATUS_UNKNOWN_PROVIDER` names the providers there are,
/// `SW_STATUS_WRONG_CAPABILITY` says what the provider's catalog holds instead (SFMC's maps
/// token groups, not REST endpoints).
///
/// # Safety
/// `provider` is NULL or a NUL-terminated string; `catalog_out` and `message_out` are NULL or
/// valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_catalog_get(
    provider: *const c_char,
    catalog_out: *mut *const SwCatalog,
    message_out: *mut *mut c_char,
) -> SwStatus {
    // SAFETY: the caller guarantees the out-pointers are NULL or writable for this call.
    let catalog_out = unsafe { Out::new(catalog_out) };
    // SAFETY: as above.
    let message_out = unsafe { Out::new(message_out) };
    require!(catalog_out);
    catch(|| {
        // SAFETY: the caller guarantees `provider` is NULL or a valid string for this call.
        let name = unsafe { str_arg(provider)? };
        let provider = name.parse::<Provider>().map_err(|e: UnknownProvider| {
            message_out.set(owned_string(&e.to_string()));
            SwStatus::UnknownProvider
        })?;
        if let Err(e) = provider.endpoints() {
            message_out.set(owned_string(&e.to_string()));
            return Err(SwStatus::WrongCapability);
        }
        let catalog = find(provider).ok_or(SwStatus::WrongCapability)?;
        catalog_out.set(catalog);
        Ok(SwStatus::Ok)
    })
}

/// The default provider's catalog (HighLevel): what `sw_lookup`, `sw_precheck`,
/// `sw_grant_new` and `sw_minimal_scopes` use. Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn sw_catalog_default() -> *const SwCatalog {
    default_catalog()
}

/// The short name of `catalog`'s provider (`highlevel`), or NULL for a NULL catalog.
/// Static: never free it.
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_catalog_provider(catalog: *const SwCatalog) -> *const c_char {
    if catalog.is_null() {
        return ptr::null();
    }
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    unsafe { catalog_arg(catalog) }.provider.as_ptr()
}

/// The fingerprint of the data `catalog` was built from, or NULL for a NULL catalog. Static:
/// never free it.
///
/// # Safety
/// `catalog` is NULL or a pointer from `sw_catalog_get` or `sw_catalog_default`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_catalog_fingerprint_of(catalog: *const SwCatalog) -> *const c_char {
    if catalog.is_null() {
        return ptr::null();
    }
    // SAFETY: not NULL, and from `sw_catalog_get` or `sw_catalog_default` (caller's guarantee).
    unsafe { catalog_arg(catalog) }.fingerprint.as_ptr()
}

#[cfg(test)]
mod tests {
    use core::ffi::CStr;

    use super::*;

    fn text(p: *const c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: test-only; `p` comes from a static table or a live result.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
    }

    fn get(name: &CStr) -> (SwStatus, *const SwCatalog, Option<String>) {
        let (mut catalog, mut message) = (ptr::null(), ptr::null_mut());
        // SAFETY: a valid string and writable out-pointers.
        let status = unsafe { sw_catalog_get(name.as_ptr(), &mut catalog, &mut message) };
        let message = (!message.is_null()).then(|| {
            let m = text(message);
            // SAFETY: returned through `message_out`, freed once.
            unsafe { crate::sw_string_free(message) };
            m
        });
        (status, catalog, message)
    }

    #[test]
    fn every_endpoint_provider_is_found_by_name() {
        let (status, catalog, message) = get(c"HighLevel");
        assert_eq!((status, message), (SwStatus::Ok, None));
        assert!(ptr::eq(catalog, sw_catalog_default()));
        // SAFETY: a catalog pointer from `sw_catalog_get`.
        assert_eq!(text(unsafe { sw_catalog_provider(catalog) }), "highlevel");
        // SAFETY: as above.
        let fingerprint = text(unsafe { sw_catalog_fingerprint_of(catalog) });
        assert_eq!(fingerprint, scopewise::highlevel::CATALOG.fingerprint());
    }

    #[test]
    fn unknown_and_wrong_kind_providers_say_why() {
        let (status, catalog, message) = get(c"salesforce");
        assert_eq!(status, SwStatus::UnknownProvider);
        assert!(catalog.is_null());
        assert_eq!(
            message.as_deref(),
            Some("unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`")
        );
        let (status, catalog, message) = get(c"sfmc");
        assert_eq!(status, SwStatus::WrongCapability);
        assert!(catalog.is_null());
        assert_eq!(
            message.as_deref(),
            Some("provider `sfmc` has token groups and SOAP operations, not REST endpoints")
        );
        // SAFETY: NULL is allowed and answered with NULL.
        assert!(unsafe { sw_catalog_provider(ptr::null()) }.is_null());
    }
}
