//! The legacy (v1) scope table and what changed from it to the current one.

use crate::{AccessSet, ScopeStatus, Source};

/// The provider's legacy (v1) table: its scopes and how the current table differs.
///
/// Tools use it to explain a legacy scope and what replaced it.
///
/// ```
/// let legacy = scopewise::highlevel::CATALOG.legacy();
/// assert!(!legacy.source.path.is_empty());
/// for removed in legacy.changes.scopes_removed {
///     assert!(legacy.scope(removed).is_some());
/// }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Legacy {
    /// The legacy source document.
    pub source: Source,
    /// The v1 table's scopes, in the dataset's order.
    pub scopes: &'static [LegacyScope],
    /// What changed from v1 to the current table.
    pub changes: Changes,
}

impl Legacy {
    /// The v1 table's record of the scope `name`, if it lists one (exact name).
    ///
    /// ```
    /// let legacy = scopewise::highlevel::CATALOG.legacy();
    /// assert!(legacy.scope("no.such.scope").is_none());
    /// ```
    pub fn scope(&self, name: &str) -> Option<&'static LegacyScope> {
        self.scopes.iter().find(|s| s.name == name)
    }
}

/// A scope as the legacy (v1) table lists it.
///
/// ```
/// let legacy = scopewise::highlevel::CATALOG.legacy();
/// for scope in legacy.scopes {
///     assert!(!scope.name.is_empty());
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegacyScope {
    /// The scope string.
    pub name: &'static str,
    /// `Current` when the scope is still in the current table.
    pub status: ScopeStatus,
    /// The union of the access of everything v1 says it grants.
    pub access: AccessSet,
    /// The endpoints v1 says it grants, as `METHOD /path`.
    pub endpoints: &'static [&'static str],
    /// The webhook events v1 says it grants.
    pub webhooks: &'static [&'static str],
}

/// The differences between the legacy table and the current one. Items are `METHOD /path`
/// for endpoints and event names for webhooks.
///
/// ```
/// let changes = &scopewise::highlevel::CATALOG.legacy().changes;
/// for r in changes.endpoints_rescoped {
///     assert_ne!(r.legacy, r.current);
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Scopes in the current table but not in v1.
    pub scopes_added: &'static [&'static str],
    /// Scopes in v1 but not in the current table.
    pub scopes_removed: &'static [&'static str],
    /// Endpoints in the current table but not in v1.
    pub endpoints_added: &'static [&'static str],
    /// Endpoints in v1 but not in the current table.
    pub endpoints_removed: &'static [&'static str],
    /// Endpoints in both whose granting scopes differ.
    pub endpoints_rescoped: &'static [Rescope],
    /// Endpoints in both whose access differs.
    pub endpoints_access_changed: &'static [AccessChange],
    /// Webhook events in the current table but not in v1.
    pub webhooks_added: &'static [&'static str],
    /// Webhook events in v1 but not in the current table.
    pub webhooks_removed: &'static [&'static str],
    /// Webhook events in both whose granting scopes differ.
    pub webhooks_rescoped: &'static [Rescope],
}

/// An endpoint or webhook event whose granting scopes changed from v1 to current.
///
/// ```
/// let changes = &scopewise::highlevel::CATALOG.legacy().changes;
/// if let Some(r) = changes.endpoints_rescoped.first() {
///     println!("{}: {:?} -> {:?}", r.item, r.legacy, r.current);
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rescope {
    /// `METHOD /path` or the event name.
    pub item: &'static str,
    /// The scopes v1 listed it under.
    pub legacy: &'static [&'static str],
    /// The scopes the current table lists it under.
    pub current: &'static [&'static str],
}

/// An endpoint whose access changed from v1 to current.
///
/// ```
/// let changes = &scopewise::highlevel::CATALOG.legacy().changes;
/// for c in changes.endpoints_access_changed {
///     assert_ne!(c.legacy, c.current);
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessChange {
    /// `METHOD /path`.
    pub item: &'static str,
    /// The access v1 gave.
    pub legacy: AccessSet,
    /// The access the current table gives.
    pub current: AccessSet,
}
