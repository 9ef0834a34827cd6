//! Strings handed to C: owned ones (`char *`, freed by the caller) and lists of them.

use core::ffi::c_char;
use core::ptr;
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::{Mutex, OnceLock};

use crate::SwStatus;
use crate::boundary::catch;

/// A C string of `s`; a NUL byte (impossible in catalog data and in input that came from a C
/// string) becomes U+FFFD rather than truncating.
pub(crate) fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// An owned copy of `s` for the caller, freed with `sw_string_free` (or with what holds it).
pub(crate) fn owned_string(s: &str) -> *mut c_char {
    c_string(s).into_raw()
}

/// A C string of a `'static` Rust string (a reason code, say), made once and kept for the
/// life of the process: a pointer the caller never frees.
pub(crate) fn static_string(s: &'static str) -> *const c_char {
    static INTERNED: OnceLock<Mutex<HashMap<&'static str, CString>>> = OnceLock::new();
    let mut interned = INTERNED
        .get_or_init(Mutex::default)
        .lock()
        // A poisoned lock only means a panic while inserting; the map is still valid.
        .unwrap_or_else(|e| e.into_inner());
    // A `CString`'s buffer does not move when the map grows, and no entry is ever removed.
    interned.entry(s).or_insert_with(|| c_string(s)).as_ptr()
}

/// A list of strings owned by the structure that holds it.
#[repr(C)]
#[derive(Debug)]
pub struct SwStringList {
    /// `len` NUL-terminated strings.
    pub items: *const *const c_char,
    /// The number of `items`.
    pub len: usize,
}

pub(crate) fn string_list<'a>(items: impl Iterator<Item = &'a str>) -> SwStringList {
    let items: Box<[*const c_char]> = items.map(|s| owned_string(s).cast_const()).collect();
    let len = items.len();
    SwStringList {
        items: Box::into_raw(items).cast::<*const c_char>(),
        len,
    }
}

/// Frees what `string_list` allocated.
///
/// # Safety
/// `list` was made by `string_list` and is freed only once.
pub(crate) unsafe fn free_string_list(list: &SwStringList) {
    let items = ptr::slice_from_raw_parts_mut(list.items.cast_mut(), list.len);
    // SAFETY: `items` came from `Box::into_raw` of a boxed slice of `len` items in
    // `string_list`, freed only here (caller's guarantee).
    let items = unsafe { Box::from_raw(items) };
    for &item in &items {
        // SAFETY: each item came from `CString::into_raw` in `string_list`.
        drop(unsafe { CString::from_raw(item.cast_mut()) });
    }
}

/// Frees a message returned through a `message_out` parameter. NULL is ignored.
///
/// # Safety
/// `s` is NULL or a string returned by this library through `message_out`, not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sw_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    let _ = catch(|| {
        // SAFETY: came from `CString::into_raw` (caller's guarantee), freed only here.
        drop(unsafe { CString::from_raw(s) });
        Ok(SwStatus::Ok)
    });
}
