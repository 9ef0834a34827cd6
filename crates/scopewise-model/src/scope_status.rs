//! Whether a scope is in a provider's current scope table.

use core::fmt;

/// Whether a scope is in the provider's current table.
///
/// The dataset spells the values `current`, `legacy-only` and `openapi-only` (with the
/// `serde` feature, that is also their serde representation).
///
/// ```
/// use scopewise_model::scope_status::ScopeStatus;
///
/// assert_eq!(ScopeStatus::OpenapiOnly.as_str(), "openapi-only");
/// assert_eq!(ScopeStatus::Current.to_string(), "current");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ScopeStatus {
    /// Listed in the current table.
    Current,
    /// Listed only in the legacy (v1) table; the runtime's `Catalog::legacy` has that table.
    LegacyOnly,
    /// Named only by the vendor's OpenAPI specs, in no scope table
    /// (`conversations/livechat.write`).
    OpenapiOnly,
}

impl ScopeStatus {
    /// The dataset's spelling: `current`, `legacy-only` or `openapi-only`.
    ///
    /// ```
    /// use scopewise_model::scope_status::ScopeStatus;
    /// assert_eq!(ScopeStatus::LegacyOnly.as_str(), "legacy-only");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ScopeStatus::Current => "current",
            ScopeStatus::LegacyOnly => "legacy-only",
            ScopeStatus::OpenapiOnly => "openapi-only",
        }
    }
}

impl fmt::Display for ScopeStatus {
    /// The dataset's spelling, [`ScopeStatus::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn the_serde_spelling_is_as_str() {
        for status in [
            ScopeStatus::Current,
            ScopeStatus::LegacyOnly,
            ScopeStatus::OpenapiOnly,
        ] {
            let yaml = serde_yaml::to_string(&status).unwrap();
            assert_eq!(yaml.trim(), status.as_str());
            assert_eq!(serde_yaml::from_str::<ScopeStatus>(&yaml).unwrap(), status);
        }
    }
}
