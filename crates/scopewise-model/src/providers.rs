//! The providers scopewise has a dataset for: the one list every stage reads.
//!
//! The list is written once, in [`for_each_provider!`](crate::for_each_provider). The macros
//! read it as data ([`PROVIDERS`]: which `data/<name>/` directories exist, what their dataset
//! describes, which one `endpoint!` uses by default); the runtime expands it into its
//! `Provider` enum and its catalog dispatch; the ingest checks that it has one source per
//! entry. Adding a provider is one line here.
//!
//! ```
//! use scopewise_model::providers::{self, Capability};
//!
//! let sfmc = providers::find("SFMC").unwrap();
//! assert_eq!(sfmc.name, "sfmc");
//! assert_eq!(sfmc.capability, Capability::Groups);
//! assert_eq!(providers::default_provider().name, "highlevel");
//! ```

use crate::wording;

/// Calls `$callback!` with every provider, one `(Variant, name, "title", Capability)` tuple
/// each, the default provider first. This is the provider list; everything else derives from
/// it.
///
/// - `Variant`: the runtime's `scopewise::Provider` variant;
/// - `name`: the short name: `--provider`, a manifest's `provider:`, the folder
///   `data/<name>/`, the runtime module `scopewise::<name>` that holds its `CATALOG`;
/// - `"title"`: the name for people;
/// - `Capability`: what its dataset describes, a [`Capability`] variant, which decides the
///   type of its catalog and what the macros expand it to.
///
/// ```
/// macro_rules! names {
///     ($(($variant:ident, $name:ident, $title:literal, $capability:ident)),* $(,)?) => {
///         [$(stringify!($name)),*]
///     };
/// }
/// assert_eq!(scopewise_model::for_each_provider!(names), ["highlevel", "sfmc", "xero"]);
/// ```
#[macro_export]
macro_rules! for_each_provider {
    ($callback:ident) => {
        $callback! {
            (HighLevel, highlevel, "HighLevel (LeadConnector)", Endpoints),
            (Sfmc, sfmc, "Salesforce Marketing Cloud Engagement", Groups),
            (Xero, xero, "Xero", Endpoints),
        }
    };
}

/// What a provider's dataset describes, and so which catalog type answers for it.
///
/// ```
/// use scopewise_model::providers::Capability;
/// assert_eq!(Capability::Endpoints.noun(), "REST endpoints");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// REST endpoints that each need one of some scopes, scopes, and webhook events:
    /// `data/<name>/catalog.yaml` and `legacy.yaml`, a `scopewise::Catalog`.
    Endpoints,
    /// Groups of levels granted by tokens, and SOAP operations (Salesforce Marketing Cloud):
    /// `data/<name>/catalog.yaml`, a `scopewise::sfmc::Catalog`.
    Groups,
}

impl Capability {
    /// The capability's short name, as bindings and JSON output show it.
    ///
    /// ```
    /// use scopewise_model::providers::Capability;
    /// assert_eq!(Capability::Groups.name(), "groups");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Capability::Endpoints => "endpoints",
            Capability::Groups => "groups",
        }
    }

    /// What a catalog of this capability holds, for messages.
    ///
    /// ```
    /// use scopewise_model::providers::Capability;
    /// assert_eq!(Capability::Groups.noun(), "token groups and SOAP operations");
    /// ```
    pub const fn noun(self) -> &'static str {
        match self {
            Capability::Endpoints => "REST endpoints",
            Capability::Groups => "token groups and SOAP operations",
        }
    }
}

/// One entry of the provider list.
///
/// ```
/// let first = &scopewise_model::providers::PROVIDERS[0];
/// assert_eq!((first.name, first.title), ("highlevel", "HighLevel (LeadConnector)"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderInfo {
    /// The short name; see [`for_each_provider!`](crate::for_each_provider).
    pub name: &'static str,
    /// The name for people.
    pub title: &'static str,
    /// What its dataset describes.
    pub capability: Capability,
}

macro_rules! provider_infos {
    ($(($variant:ident, $name:ident, $title:literal, $capability:ident)),* $(,)?) => {
        &[$(ProviderInfo {
            name: stringify!($name),
            title: $title,
            capability: Capability::$capability,
        }),*]
    };
}

/// Every provider, the default first, as data.
///
/// ```
/// let names: Vec<_> = scopewise_model::providers::PROVIDERS.iter().map(|p| p.name).collect();
/// assert_eq!(names, ["highlevel", "sfmc", "xero"]);
/// ```
pub const PROVIDERS: &[ProviderInfo] = for_each_provider!(provider_infos);

/// The provider used when none is named: by `endpoint!`, `scope!` and a manifest without
/// `provider:`.
///
/// ```
/// assert_eq!(scopewise_model::providers::default_provider().name, "highlevel");
/// ```
pub const fn default_provider() -> &'static ProviderInfo {
    &PROVIDERS[0]
}

/// The provider with this short name, ignoring ASCII case.
///
/// ```
/// assert!(scopewise_model::providers::find("HighLevel").is_some());
/// assert!(scopewise_model::providers::find("salesforce").is_none());
/// ```
pub fn find(name: &str) -> Option<&'static ProviderInfo> {
    PROVIDERS.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The one wording of "no such provider", naming the ones there are.
///
/// ```
/// assert_eq!(
///     scopewise_model::providers::unknown_provider_message("salesforce"),
///     "unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`"
/// );
/// ```
pub fn unknown_provider_message(name: &str) -> String {
    let quoted: Vec<String> = PROVIDERS.iter().map(|p| format!("`{}`", p.name)).collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    format!(
        "unknown provider `{name}`; scopewise has {}",
        wording::or_list(&quoted)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_lowercase_words() {
        for (i, p) in PROVIDERS.iter().enumerate() {
            assert!(
                p.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{}: a provider name is a folder and a module name",
                p.name
            );
            assert!(
                PROVIDERS[..i].iter().all(|q| q.name != p.name),
                "{} twice",
                p.name
            );
        }
    }

    #[test]
    fn find_ignores_case_and_nothing_else() {
        assert_eq!(find("SFMC").map(|p| p.name), Some("sfmc"));
        assert_eq!(find(" sfmc"), None);
        assert_eq!(find(""), None);
    }
}
