//! The token types of an OAuth app: what an endpoint, scope or webhook is available to.
//!
//! One definition for the dataset (`access: [sub-account]`), the macros that compile it and
//! the runtime that answers with it (`scopewise::Access`).

use core::fmt;

/// A token type that an endpoint, scope or webhook is available to.
///
/// The dataset spells the values `sub-account` and `agency` (with the `serde` feature, that is
/// also their serde representation).
///
/// ```
/// use scopewise_model::access::Access;
///
/// assert_eq!(Access::SubAccount.as_str(), "sub-account");
/// assert_eq!(Access::Agency.to_string(), "agency");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Access {
    /// A sub-account (location) token; the vendor also writes `Sub-Account` and `Sub-cuenta`.
    SubAccount,
    /// An agency (company) token; the v1 table calls it `Company`.
    Agency,
}

impl Access {
    /// Every token type, in display order.
    ///
    /// ```
    /// use scopewise_model::access::Access;
    /// assert_eq!(Access::ALL, [Access::SubAccount, Access::Agency]);
    /// ```
    pub const ALL: [Access; 2] = [Access::SubAccount, Access::Agency];

    /// The dataset's spelling: `sub-account` or `agency`.
    ///
    /// ```
    /// assert_eq!(scopewise_model::access::Access::Agency.as_str(), "agency");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Access::SubAccount => "sub-account",
            Access::Agency => "agency",
        }
    }
}

impl fmt::Display for Access {
    /// The dataset's spelling, [`Access::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn the_serde_spelling_is_as_str() {
        for access in Access::ALL {
            let yaml = serde_yaml::to_string(&access).unwrap();
            assert_eq!(yaml.trim(), access.as_str());
            assert_eq!(serde_yaml::from_str::<Access>(&yaml).unwrap(), access);
        }
        let e = serde_yaml::from_str::<Access>("company").unwrap_err();
        assert!(e.to_string().contains("unknown variant `company`"), "{e}");
    }
}
