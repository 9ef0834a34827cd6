//! Salesforce Marketing Cloud Engagement (SFMC): the OAuth `scope` tokens of installed
//! packages.
//!
//! SFMC does not scope REST endpoints one by one. Its installed-package page names *groups*
//! ("Email", "Journeys (Interactions)") and the *levels* each offers ("Read, Write, and
//! Send"); the token is `<prefix>_<level>` (`email_send`), where the prefix does not always
//! follow the display name (Organizations → `accounts_read`). Some tokens exist that the page
//! does not document (`tags_read`, `offline`): they are [`TokenStatus::UndocumentedHere`],
//! which is not the same as unknown. A few SOAP objects need no scope at all.
//!
//! ```
//! use scopewise::sfmc::{CATALOG, Level, TokenStatus, UnknownToken};
//!
//! // Checked at compile time: a typo here is a compile error with suggestions.
//! let send = scopewise::scope!(sfmc: "email_send");
//! assert_eq!(send.group().unwrap().name(), "Email");
//! assert_eq!(send.level(), Some(Level::Send));
//!
//! // Looked up at run time: exact tokens, undocumented ones included.
//! assert_eq!(CATALOG.token("tags_read").unwrap().status(), TokenStatus::UndocumentedHere);
//! // What people type: display names.
//! assert_eq!(CATALOG.token_for_display("Organizations Read").unwrap().name(), "accounts_read");
//! // And why a token does not exist.
//! assert!(matches!(
//!     CATALOG.explain_unknown("ott_chat_messaging_write"),
//!     UnknownToken::MissingLevel { level: Level::Write, .. }
//! ));
//! ```

mod catalog;
pub(crate) mod parts;
mod records;
mod unknown;

pub use catalog::Catalog;
pub use records::{Group, SoapObject, SourceFile, Token};
// The vocabularies are the model's, shared with the dataset and the macros.
pub use scopewise_model::sfmc_vocabulary::{Level, SoapOperation, TokenStatus};
pub use unknown::UnknownToken;

/// The SFMC catalog, compiled from `data/sfmc/catalog.yaml` (the static is generated from
/// the provider list, in [`crate::catalogs`]).
///
/// ```
/// let catalog = &scopewise::sfmc::CATALOG;
/// assert_eq!(catalog.groups().len(), 24);
/// assert_eq!(catalog.tokens().len(), 58);
/// assert_eq!(catalog.soap_objects().len(), 21);
/// ```
pub use crate::catalogs::sfmc::CATALOG;
