//! The boundary between C and Rust, in one place: every exported function runs its body in
//! [`catch`], reads its string arguments with [`str_arg`] and [`str_args`], and writes its
//! results through [`Out`]. Each `unsafe` operation of the crate that touches a caller's
//! pointer lives here or in a `*_free` function.

use core::ffi::{CStr, c_char};
use core::ptr;
use std::panic::{self, AssertUnwindSafe};

use crate::SwStatus;

/// Runs the body of an exported function: `Ok(status)` or `Err(status)` is its answer, and
/// a panic becomes `SW_STATUS_PANIC` instead of unwinding into C.
pub(crate) fn catch(body: impl FnOnce() -> Result<SwStatus, SwStatus>) -> SwStatus {
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status) | Err(status)) => status,
        Err(_) => SwStatus::Panic,
    }
}

/// Reads a string argument: NULL is `SW_STATUS_NULL_ARGUMENT`, bytes that are not UTF-8
/// `SW_STATUS_INVALID_UTF8`.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that stays valid and unmodified for `'a`.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char) -> Result<&'a str, SwStatus> {
    if p.is_null() {
        return Err(SwStatus::NullArgument);
    }
    // SAFETY: not NULL; the caller guarantees a NUL-terminated string valid for `'a`.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|_| SwStatus::InvalidUtf8)
}

/// Reads an array of string arguments; NULL is allowed when `len` is 0.
///
/// # Safety
/// `p` is NULL with `len` 0, or points to `len` readable pointers, each valid for
/// [`str_arg`].
pub(crate) unsafe fn str_args<'a>(
    p: *const *const c_char,
    len: usize,
) -> Result<Vec<&'a str>, SwStatus> {
    if len == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() {
        return Err(SwStatus::NullArgument);
    }
    // SAFETY: not NULL, and the caller guarantees `len` readable, aligned pointers.
    let items = unsafe { core::slice::from_raw_parts(p, len) };
    items
        .iter()
        // SAFETY: each item satisfies `str_arg`'s contract, by the caller's guarantee.
        .map(|&item| unsafe { str_arg(item) })
        .collect()
}

/// A pointer a caller gave for a result (`sw_endpoint **`, `sw_denial **`, `char **`).
/// Made by [`Out::new`], which sets it to NULL at once, so that every status other than the
/// documented ones leaves the caller's pointers NULL.
pub(crate) struct Out<P: NullPtr>(*mut P);

/// A raw pointer type with a NULL value.
pub(crate) trait NullPtr: Copy {
    /// The NULL pointer.
    const NULL: Self;
}

impl<T> NullPtr for *const T {
    const NULL: Self = ptr::null();
}

impl<T> NullPtr for *mut T {
    const NULL: Self = ptr::null_mut();
}

impl<P: NullPtr> Out<P> {
    /// Takes the caller's out-pointer and sets what it points to to NULL.
    ///
    /// # Safety
    /// `out` is NULL or valid for a write of `P` for as long as the returned value lives.
    pub(crate) unsafe fn new(out: *mut P) -> Out<P> {
        if !out.is_null() {
            // SAFETY: not NULL, and valid for writes by the caller's guarantee; `P` is a
            // pointer, whose old value needs no drop.
            unsafe { out.write(P::NULL) };
        }
        Out(out)
    }

    /// Whether the caller passed NULL (allowed for optional results only).
    pub(crate) fn is_null(&self) -> bool {
        self.0.is_null()
    }

    /// Writes the result; does nothing for an optional result the caller did not ask for.
    pub(crate) fn set(&self, value: P) {
        if !self.0.is_null() {
            // SAFETY: not NULL, and valid for a write by the contract of `Out::new`.
            unsafe { self.0.write(value) };
        }
    }
}

/// `SW_STATUS_NULL_ARGUMENT` when any required out-pointer is NULL.
macro_rules! require {
    ($($out:expr),+ $(,)?) => {
        if $($out.is_null())||+ {
            return $crate::SwStatus::NullArgument;
        }
    };
}
pub(crate) use require;
