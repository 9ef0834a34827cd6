//! The providers scopewise has a catalog for, by name, so that a command line flag or a
//! manifest's `provider:` can choose one, and [`catalog`] to reach a provider's catalog
//! without writing a `match` on the provider.
//!
//! The list itself is [`scopewise_model::for_each_provider!`]: this module expands it.

use core::fmt;
use core::str::FromStr;

pub use scopewise_model::providers::Capability;

macro_rules! declare_providers {
    ($(($variant:ident, $name:ident, $title:literal, $capability:ident)),* $(,)?) => {
        /// A provider scopewise has a catalog for. Each has a module holding its `CATALOG`:
        /// [`crate::highlevel`] (REST endpoints, a [`crate::Catalog`]) and [`crate::sfmc`]
        /// (group-level tokens, a [`crate::sfmc::Catalog`]). The two kinds of catalog answer
        /// different questions, so they are different types; [`Provider::catalog`] hands out
        /// the right one as a [`ProviderCatalog`], by [`Capability`].
        ///
        /// ```
        /// use scopewise::{Provider, ProviderCatalog};
        ///
        /// let provider: Provider = "sfmc".parse().unwrap();
        /// assert_eq!(provider, Provider::Sfmc);
        /// assert_eq!(provider.name(), "sfmc");
        /// let ProviderCatalog::Groups(catalog) = provider.catalog() else { unreachable!() };
        /// assert_eq!(catalog.fingerprint(), provider.fingerprint());
        /// assert_eq!(Provider::default(), Provider::HighLevel); // a manifest without `provider:`
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Provider {
            $(
                #[doc = concat!($title, ", `", stringify!($name), "`.")]
                $variant,
            )*
        }

        impl Provider {
            /// Every provider, the default first.
            ///
            /// ```
            /// let names: Vec<_> = scopewise::Provider::ALL.iter().map(|p| p.name()).collect();
            /// assert_eq!(names, ["highlevel", "sfmc", "xero"]);
            /// ```
            pub const ALL: [Provider; [$(stringify!($name)),*].len()] = [$(Provider::$variant),*];

            /// The short name: the `provider:` value, the `--provider` value, the folder under
            /// `data/` and the module of the catalog.
            ///
            /// ```
            /// assert_eq!(scopewise::Provider::HighLevel.name(), "highlevel");
            /// ```
            pub const fn name(self) -> &'static str {
                match self {
                    $(Provider::$variant => stringify!($name),)*
                }
            }

            /// The provider's name for people.
            ///
            /// ```
            /// assert_eq!(scopewise::Provider::Sfmc.title(), "Salesforce Marketing Cloud Engagement");
            /// ```
            pub const fn title(self) -> &'static str {
                match self {
                    $(Provider::$variant => $title,)*
                }
            }

            /// What the provider's dataset describes, which decides its catalog's type.
            ///
            /// ```
            /// use scopewise::{Capability, Provider};
            /// assert_eq!(Provider::HighLevel.capability(), Capability::Endpoints);
            /// ```
            pub const fn capability(self) -> Capability {
                match self {
                    $(Provider::$variant => Capability::$capability,)*
                }
            }

            /// The provider's catalog.
            ///
            /// ```
            /// use scopewise::{Provider, ProviderCatalog};
            ///
            /// for provider in Provider::ALL {
            ///     match provider.catalog() {
            ///         ProviderCatalog::Endpoints(c) => assert!(!c.endpoints().is_empty()),
            ///         ProviderCatalog::Groups(c) => assert!(!c.groups().is_empty()),
            ///     }
            /// }
            /// ```
            pub fn catalog(self) -> ProviderCatalog {
                match self {
                    $(Provider::$variant => ProviderCatalog::$capability(&crate::catalogs::$name::CATALOG),)*
                }
            }
        }

        /// Every provider's catalog static, one module each, generated from the provider
        /// list: what [`Provider::catalog`] hands out and what `endpoint!` and `scope!` refer
        /// into. The provider modules ([`crate::highlevel`], [`crate::sfmc`]) re-export theirs.
        ///
        /// ```
        /// assert_eq!(
        ///     scopewise::catalogs::highlevel::CATALOG.fingerprint(),
        ///     scopewise::highlevel::CATALOG.fingerprint(),
        /// );
        /// ```
        pub mod catalogs {
            $(
                #[doc = concat!("The catalog of ", $title, ".")]
                pub mod $name {
                    #[doc = concat!(
                        "The ", $title, " catalog, compiled from `data/", stringify!($name),
                        "/` at build time; rebuilt whenever its YAML changes."
                    )]
                    pub static CATALOG: catalog_type!($capability) = crate::include_catalog!($name);
                }
            )*
        }
    };
}

/// The catalog type of a capability.
macro_rules! catalog_type {
    (Endpoints) => {
        crate::Catalog
    };
    (Groups) => {
        crate::sfmc::Catalog
    };
}

scopewise_model::for_each_provider!(declare_providers);

impl Default for Provider {
    /// The first of the list: HighLevel, for a manifest without `provider:`.
    fn default() -> Self {
        Provider::ALL[0]
    }
}

/// A provider's catalog, by what it describes: the one place that turns a [`Provider`] into
/// the static that answers for it. Callers match on the capability, never on the provider.
///
/// ```
/// use scopewise::{catalog, Provider, ProviderCatalog};
///
/// let ProviderCatalog::Endpoints(highlevel) = catalog(Provider::HighLevel) else { panic!() };
/// assert_eq!(highlevel.api_host(), "services.leadconnectorhq.com");
/// ```
#[derive(Debug, Clone, Copy)]
pub enum ProviderCatalog {
    /// REST endpoints, scopes and webhook events.
    Endpoints(&'static crate::Catalog),
    /// Groups of levels, tokens and SOAP operations.
    Groups(&'static crate::sfmc::Catalog),
}

impl ProviderCatalog {
    /// The fingerprint of the catalog: which data this build knows.
    ///
    /// ```
    /// let c = scopewise::catalog(scopewise::Provider::Sfmc);
    /// assert_eq!(c.fingerprint(), scopewise::sfmc::CATALOG.fingerprint());
    /// ```
    pub fn fingerprint(self) -> &'static str {
        match self {
            ProviderCatalog::Endpoints(c) => c.fingerprint(),
            ProviderCatalog::Groups(c) => c.fingerprint(),
        }
    }
}

/// The catalog of `provider`; the same as [`Provider::catalog`].
///
/// ```
/// use scopewise::{catalog, Provider, ProviderCatalog};
/// assert!(matches!(catalog(Provider::Sfmc), ProviderCatalog::Groups(_)));
/// ```
pub fn catalog(provider: Provider) -> ProviderCatalog {
    provider.catalog()
}

impl Provider {
    /// The provider with this short name, ignoring ASCII case.
    ///
    /// ```
    /// use scopewise::Provider;
    /// assert_eq!(Provider::parse("HighLevel"), Some(Provider::HighLevel));
    /// assert_eq!(Provider::parse("salesforce"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Provider> {
        Provider::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// The first provider of [`ALL`](Self::ALL) with this capability: the default where a
    /// question only one kind of catalog answers names no provider.
    ///
    /// ```
    /// use scopewise::{Capability, Provider};
    /// assert_eq!(Provider::first_with(Capability::Groups), Some(Provider::Sfmc));
    /// ```
    pub fn first_with(capability: Capability) -> Option<Provider> {
        Provider::ALL
            .into_iter()
            .find(|p| p.capability() == capability)
    }

    /// The provider's REST endpoint catalog, or why it has none.
    ///
    /// ```
    /// use scopewise::Provider;
    /// assert!(Provider::HighLevel.endpoints().is_ok());
    /// assert_eq!(
    ///     Provider::Sfmc.endpoints().unwrap_err().to_string(),
    ///     "provider `sfmc` has token groups and SOAP operations, not REST endpoints"
    /// );
    /// ```
    pub fn endpoints(self) -> Result<&'static crate::Catalog, WrongCapability> {
        match self.catalog() {
            ProviderCatalog::Endpoints(catalog) => Ok(catalog),
            ProviderCatalog::Groups(_) => Err(WrongCapability::new(self, Capability::Endpoints)),
        }
    }

    /// The provider's catalog of token groups, or why it has none.
    ///
    /// ```
    /// use scopewise::Provider;
    /// assert!(Provider::Sfmc.groups().is_ok());
    /// assert_eq!(
    ///     Provider::HighLevel.groups().unwrap_err().to_string(),
    ///     "provider `highlevel` has REST endpoints, not token groups and SOAP operations"
    /// );
    /// ```
    pub fn groups(self) -> Result<&'static crate::sfmc::Catalog, WrongCapability> {
        match self.catalog() {
            ProviderCatalog::Groups(catalog) => Ok(catalog),
            ProviderCatalog::Endpoints(_) => Err(WrongCapability::new(self, Capability::Groups)),
        }
    }

    /// The fingerprint of the provider's catalog: which data this build knows.
    ///
    /// ```
    /// use scopewise::Provider;
    /// assert_eq!(Provider::Sfmc.fingerprint(), scopewise::sfmc::CATALOG.fingerprint());
    /// ```
    pub fn fingerprint(self) -> &'static str {
        self.catalog().fingerprint()
    }
}

impl fmt::Display for Provider {
    /// The short name, `sfmc`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Provider {
    type Err = UnknownProvider;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::parse(s).ok_or_else(|| UnknownProvider(s.to_owned()))
    }
}

/// A provider name scopewise has no catalog for; its message lists the ones it has.
///
/// ```
/// let e = "salesforce".parse::<scopewise::Provider>().unwrap_err();
/// assert_eq!(e.to_string(), "unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`");
/// assert_eq!(e.name(), "salesforce");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProvider(String);

impl UnknownProvider {
    /// The name as given.
    ///
    /// ```
    /// let e = "hubspot".parse::<scopewise::Provider>().unwrap_err();
    /// assert_eq!(e.name(), "hubspot");
    /// ```
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&scopewise_model::providers::unknown_provider_message(
            &self.0,
        ))
    }
}

impl std::error::Error for UnknownProvider {}

/// A question asked of a provider whose catalog cannot answer it: REST endpoints of a
/// provider of token groups, or the reverse.
///
/// ```
/// let e = scopewise::Provider::Sfmc.endpoints().unwrap_err();
/// assert_eq!(e.provider(), scopewise::Provider::Sfmc);
/// assert_eq!(e.wanted(), scopewise::Capability::Endpoints);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrongCapability {
    provider: Provider,
    wanted: Capability,
}

impl WrongCapability {
    fn new(provider: Provider, wanted: Capability) -> Self {
        Self { provider, wanted }
    }

    /// The provider asked.
    ///
    /// ```
    /// let e = scopewise::Provider::HighLevel.groups().unwrap_err();
    /// assert_eq!(e.provider(), scopewise::Provider::HighLevel);
    /// ```
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// What the question needed.
    ///
    /// ```
    /// let e = scopewise::Provider::HighLevel.groups().unwrap_err();
    /// assert_eq!(e.wanted(), scopewise::Capability::Groups);
    /// ```
    pub fn wanted(&self) -> Capability {
        self.wanted
    }
}

impl fmt::Display for WrongCapability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "provider `{}` has {}, not {}",
            self.provider,
            self.provider.capability().noun(),
            self.wanted.noun()
        )
    }
}

impl std::error::Error for WrongCapability {}
