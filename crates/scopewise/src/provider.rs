//! The providers scopewise has a catalog for, by name, so that a command line flag or a
//! manifest's `provider:` can choose one.

use core::fmt;
use core::str::FromStr;

/// A provider scopewise has a catalog for. Each has a module: [`crate::highlevel`] (endpoint
/// scopes, [`crate::Catalog`]) and [`crate::sfmc`] (group-level tokens,
/// [`crate::sfmc::Catalog`]); the two catalogs answer different questions, so they are
/// different types and code dispatches with a `match`.
///
/// ```
/// use scopewise::Provider;
///
/// let provider: Provider = "sfmc".parse().unwrap();
/// assert_eq!(provider, Provider::Sfmc);
/// assert_eq!(provider.name(), "sfmc");
/// let fingerprint = match provider {
///     Provider::HighLevel => scopewise::highlevel::CATALOG.fingerprint(),
///     Provider::Sfmc => scopewise::sfmc::CATALOG.fingerprint(),
/// };
/// assert_eq!(fingerprint, provider.fingerprint());
/// assert_eq!(Provider::default(), Provider::HighLevel); // a manifest without `provider:`
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Provider {
    /// HighLevel (LeadConnector), `highlevel`: the default.
    #[default]
    HighLevel,
    /// Salesforce Marketing Cloud Engagement, `sfmc`.
    Sfmc,
}

impl Provider {
    /// Every provider, in the order of [`name`](Self::name)s.
    ///
    /// ```
    /// let names: Vec<_> = scopewise::Provider::ALL.iter().map(|p| p.name()).collect();
    /// assert_eq!(names, ["highlevel", "sfmc"]);
    /// ```
    pub const ALL: [Provider; 2] = [Provider::HighLevel, Provider::Sfmc];

    /// The short name: the `provider:` value, the `--provider` value, the folder under
    /// `data/` and the module of the catalog.
    ///
    /// ```
    /// assert_eq!(scopewise::Provider::HighLevel.name(), "highlevel");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Provider::HighLevel => "highlevel",
            Provider::Sfmc => "sfmc",
        }
    }

    /// The provider's name for people.
    ///
    /// ```
    /// assert_eq!(scopewise::Provider::Sfmc.title(), "Salesforce Marketing Cloud Engagement");
    /// ```
    pub const fn title(self) -> &'static str {
        match self {
            Provider::HighLevel => "HighLevel (LeadConnector)",
            Provider::Sfmc => "Salesforce Marketing Cloud Engagement",
        }
    }

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

    /// The fingerprint of the provider's catalog: which data this build knows.
    ///
    /// ```
    /// use scopewise::Provider;
    /// assert_eq!(Provider::Sfmc.fingerprint(), scopewise::sfmc::CATALOG.fingerprint());
    /// ```
    pub fn fingerprint(self) -> &'static str {
        match self {
            Provider::HighLevel => crate::highlevel::CATALOG.fingerprint(),
            Provider::Sfmc => crate::sfmc::CATALOG.fingerprint(),
        }
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
/// assert_eq!(e.to_string(), "unknown provider `salesforce`; scopewise has `highlevel` or `sfmc`");
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
        write!(f, "unknown provider `{}`; scopewise has ", self.0)?;
        for (i, p) in Provider::ALL.iter().enumerate() {
            let sep = match i {
                0 => "",
                _ if i + 1 == Provider::ALL.len() => " or ",
                _ => ", ",
            };
            write!(f, "{sep}`{p}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownProvider {}
