//! Webhook events and the scopes that grant a subscription to them.

use core::fmt;

use crate::{AccessSet, Provenance, Scope};

/// One webhook event: `ContactCreate`.
///
/// Webhooks live in the catalog's static table; two webhooks are equal only if they are the
/// same table entry.
///
/// ```
/// let w = scopewise::highlevel::CATALOG.webhook("ContactCreate").unwrap();
/// assert_eq!(w.event(), "ContactCreate");
/// assert!(w.scopes().contains(&scopewise::scope!("contacts.readonly")));
/// ```
pub struct Webhook {
    parts: crate::__private::WebhookParts,
}

impl Webhook {
    #[doc(hidden)]
    pub const fn __new(parts: crate::__private::WebhookParts) -> Webhook {
        Webhook { parts }
    }

    /// The position of this webhook in [`Catalog::webhooks`](crate::Catalog::webhooks).
    ///
    /// ```
    /// let catalog = &scopewise::highlevel::CATALOG;
    /// let w = catalog.webhook("ContactCreate").unwrap();
    /// assert!(std::ptr::eq(&catalog.webhooks()[w.index()], w));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The event name.
    ///
    /// ```
    /// let w = &scopewise::highlevel::CATALOG.webhooks()[0];
    /// assert!(!w.event().is_empty());
    /// ```
    pub const fn event(&self) -> &'static str {
        self.parts.event
    }

    /// The scopes that grant a subscription: any one of them is enough.
    ///
    /// ```
    /// let w = scopewise::highlevel::CATALOG.webhook("ContactCreate").unwrap();
    /// assert!(!w.scopes().is_empty());
    /// ```
    pub const fn scopes(&self) -> &'static [&'static Scope] {
        self.parts.scopes
    }

    /// The token types that may subscribe.
    ///
    /// ```
    /// use scopewise::Access;
    /// let w = scopewise::highlevel::CATALOG.webhook("ContactCreate").unwrap();
    /// assert!(w.access().contains(Access::SubAccount));
    /// ```
    pub const fn access(&self) -> AccessSet {
        self.parts.access
    }

    /// Every source row that lists this event.
    ///
    /// ```
    /// let w = scopewise::highlevel::CATALOG.webhook("ContactCreate").unwrap();
    /// assert!(!w.provenance().is_empty());
    /// ```
    pub const fn provenance(&self) -> &'static [Provenance] {
        self.parts.provenance
    }
}

impl PartialEq for Webhook {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Webhook {}

impl fmt::Display for Webhook {
    /// The event name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parts.event)
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("index", &self.parts.index)
            .field("event", &self.parts.event)
            .field("scopes", &crate::names(self.parts.scopes, Scope::name))
            .field("access", &self.parts.access)
            .field("provenance", &self.parts.provenance)
            .finish()
    }
}
