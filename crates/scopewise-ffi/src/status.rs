//! What a call did ([`SwStatus`]), and what the library is: its version, its ABI version and
//! the data it was built from.

use core::ffi::{CStr, c_char};

/// The version of the C ABI: the layout of every type and the meaning of every function in
/// `scopewise.h`. It changes whenever a compiled caller would need to be rebuilt; compare it
/// with `sw_abi_version()` at start-up.
///
/// 2: `sw_denial_kind` names every denial (`UNDOCUMENTED_SCOPE`, `WRONG_TOKEN_KIND`,
/// `WRONG_VERSION`, `FOREIGN_GRANT`), and `sw_denial.endpoint` is set for each kind that has
/// one; `sw_endpoint` gains `auth`, `versions`, `deprecated` and `replacement`. 1: the first
/// release.
pub const SW_ABI_VERSION: u32 = 3;

/// The token is a sub-account (location) token; a bit of `sw_endpoint.access`.
pub const SW_TOKEN_SUB_ACCOUNT: u32 = 1;
/// The token is an agency (company) token; a bit of `sw_endpoint.access`.
pub const SW_TOKEN_AGENCY: u32 = 2;

/// What a call did. Every non-OK status leaves the out-pointers NULL, except as documented
/// for `SW_STATUS_DENIED`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwStatus {
    /// Success: the endpoint was found, the request is allowed, the scope set was computed.
    Ok = 0,
    /// `sw_precheck` denied the request; `*denial_out` says why.
    Denied = 1,
    /// The method and target are valid, but no endpoint of the catalog matches them.
    NotFound = 2,
    /// The method, template or target is malformed (the message says where).
    InvalidRequest = 3,
    /// A required pointer argument was NULL.
    NullArgument = 4,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 5,
    /// The token type was not `SW_TOKEN_SUB_ACCOUNT` or `SW_TOKEN_AGENCY`.
    InvalidToken = 6,
    /// `sw_minimal_scopes` gave up on an exact answer (far beyond any real input).
    SearchLimit = 7,
    /// A bug in scopewise: a Rust panic was caught at the boundary.
    Panic = 8,
    /// `sw_catalog_get`: no provider has this name.
    UnknownProvider = 9,
    /// `sw_catalog_get`: the provider's catalog does not map REST endpoints (SFMC's maps
    /// token groups).
    WrongCapability = 10,
}

/// The version of scopewise-ffi, e.g. `0.1.0`. Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn sw_version() -> *const c_char {
    static VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}

/// The ABI version this library implements: `SW_ABI_VERSION` of the header it was built
/// with. A caller built against another header must not use it.
#[unsafe(no_mangle)]
pub extern "C" fn sw_abi_version() -> u32 {
    SW_ABI_VERSION
}

/// The fingerprint of the default catalog's data (HighLevel's): which data this library
/// knows; `sw_catalog_fingerprint_of` gives any catalog's. Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn sw_catalog_fingerprint() -> *const c_char {
    // SAFETY: the default catalog is static.
    unsafe { crate::catalog::sw_catalog_fingerprint_of(crate::catalog::default_catalog()) }
}

/// A short description of `status`. Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn sw_status_message(status: SwStatus) -> *const c_char {
    let s: &'static CStr = match status {
        SwStatus::Ok => c"ok",
        SwStatus::Denied => c"the request is denied",
        SwStatus::NotFound => c"no endpoint matches",
        SwStatus::InvalidRequest => c"the method, template or target is malformed",
        SwStatus::NullArgument => c"a required argument is NULL",
        SwStatus::InvalidUtf8 => c"a string argument is not valid UTF-8",
        SwStatus::InvalidToken => c"the token type is not SW_TOKEN_SUB_ACCOUNT or SW_TOKEN_AGENCY",
        SwStatus::SearchLimit => c"the minimal scope search hit its step limit",
        SwStatus::Panic => c"internal error (a panic was caught); please report it",
        SwStatus::UnknownProvider => c"no provider has this name",
        SwStatus::WrongCapability => c"the provider's catalog does not map REST endpoints",
    };
    s.as_ptr()
}
