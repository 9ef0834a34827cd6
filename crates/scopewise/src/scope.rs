//! Scopes: what one OAuth scope grants.

use core::fmt;

pub use scopewise_model::scope_status::ScopeStatus;

use crate::{AccessSet, Endpoint, Provenance, Webhook};

/// One OAuth scope and everything it grants.
///
/// Scopes live in the catalog's static table; two scopes are equal only if they are the same
/// table entry.
///
/// ```
/// let s = scopewise::scope!("contacts.readonly");
/// assert_eq!(s.name(), "contacts.readonly");
/// assert!(s.endpoints().iter().any(|e| e.to_string() == "GET /contacts/{contactId}"));
/// assert!(s.webhooks().iter().any(|w| w.event() == "ContactCreate"));
/// ```
pub struct Scope {
    parts: crate::__private::ScopeParts,
}

impl Scope {
    #[doc(hidden)]
    pub const fn __new(parts: crate::__private::ScopeParts) -> Scope {
        Scope { parts }
    }

    /// The position of this scope in [`Catalog::scopes`](crate::Catalog::scopes).
    ///
    /// ```
    /// let s = scopewise::scope!("contacts.write");
    /// assert!(std::ptr::eq(&scopewise::highlevel::CATALOG.scopes()[s.index()], s));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The scope string as requested in the OAuth `scope` parameter.
    ///
    /// ```
    /// assert_eq!(scopewise::scope!("contacts.write").name(), "contacts.write");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.parts.name
    }

    /// Whether the scope is current or only in the legacy table.
    ///
    /// ```
    /// let s = scopewise::scope!("contacts.write");
    /// assert_eq!(s.status(), scopewise::ScopeStatus::Current);
    /// ```
    pub const fn status(&self) -> ScopeStatus {
        self.parts.status
    }

    /// The union of the access of everything the scope grants.
    ///
    /// ```
    /// use scopewise::Access;
    /// assert!(scopewise::scope!("locations.write").access().contains(Access::Agency));
    /// ```
    pub const fn access(&self) -> AccessSet {
        self.parts.access
    }

    /// The endpoints the scope grants, in the dataset's order.
    ///
    /// ```
    /// let s = scopewise::scope!("contacts.write");
    /// assert!(s.endpoints().contains(&scopewise::endpoint!(POST "/contacts")));
    /// ```
    pub fn endpoints(&self) -> &'static [&'static Endpoint] {
        self.parts.endpoints.get()
    }

    /// The webhook events the scope grants, in the dataset's order.
    ///
    /// ```
    /// let s = scopewise::scope!("contacts.readonly");
    /// assert!(s.webhooks().iter().any(|w| w.event() == "ContactCreate"));
    /// ```
    pub fn webhooks(&self) -> &'static [&'static Webhook] {
        self.parts.webhooks.get()
    }

    /// Other spellings the sources use for this scope; [`Catalog::scope`](crate::Catalog::scope)
    /// finds the scope by these too.
    ///
    /// ```
    /// let s = scopewise::scope!("contacts.readonly");
    /// for spelling in s.spellings() {
    ///     assert_eq!(scopewise::highlevel::CATALOG.scope(spelling), Some(s));
    /// }
    /// ```
    pub const fn spellings(&self) -> &'static [&'static str] {
        self.parts.spellings
    }

    /// Where the sources name this scope.
    ///
    /// ```
    /// assert!(!scopewise::scope!("contacts.readonly").provenance().is_empty());
    /// ```
    pub const fn provenance(&self) -> &'static [Provenance] {
        self.parts.provenance
    }
}

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Scope {}

impl fmt::Display for Scope {
    /// The scope's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parts.name)
    }
}

impl fmt::Debug for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("index", &self.parts.index)
            .field("name", &self.parts.name)
            .field("status", &self.parts.status)
            .field("access", &self.parts.access)
            .field(
                "endpoints",
                &crate::names(self.parts.endpoints.get(), Endpoint::key),
            )
            .field(
                "webhooks",
                &crate::names(self.parts.webhooks.get(), Webhook::event),
            )
            .field("spellings", &self.parts.spellings)
            .field("provenance", &self.parts.provenance)
            .finish()
    }
}
