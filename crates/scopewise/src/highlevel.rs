//! HighLevel (LeadConnector): the catalog of `services.leadconnectorhq.com`.
//!
//! ```
//! use scopewise::{highlevel::CATALOG, Method};
//!
//! let e = CATALOG.endpoint(Method::Get, "/locations/{locationId}").unwrap();
//! assert!(e.is_granted_by("locations.readonly"));
//! ```

use crate::Catalog;

/// The HighLevel catalog, compiled from `data/highlevel/catalog.yaml` and `legacy.yaml`.
///
/// The [`endpoint!`](crate::endpoint) and [`scope!`](crate::scope) macros refer into this
/// static; it is rebuilt whenever either YAML file changes.
///
/// ```
/// let catalog = &scopewise::highlevel::CATALOG;
/// assert_eq!(catalog.api_host(), "services.leadconnectorhq.com");
/// assert!(catalog.scope("contacts.readonly").is_some());
/// ```
pub static CATALOG: Catalog = crate::include_catalog!("highlevel");
