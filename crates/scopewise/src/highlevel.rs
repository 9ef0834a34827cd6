//! HighLevel (LeadConnector): the catalog of `services.leadconnectorhq.com`.
//!
//! ```
//! use scopewise::{highlevel::CATALOG, Method};
//!
//! let e = CATALOG.endpoint(Method::Get, "/locations/{locationId}").unwrap();
//! assert!(e.is_granted_by("locations.readonly"));
//! ```

/// The HighLevel catalog, compiled from `data/highlevel/catalog.yaml` and `legacy.yaml`
/// (the static is generated from the provider list, in [`crate::catalogs`]).
///
/// ```
/// let catalog = &scopewise::highlevel::CATALOG;
/// assert_eq!(catalog.api_host(), "services.leadconnectorhq.com");
/// assert!(catalog.scope("contacts.readonly").is_some());
/// ```
pub use crate::catalogs::highlevel::CATALOG;
