//! The small vocabularies of the Salesforce Marketing Cloud Engagement (SFMC) page: the levels
//! a scope group offers, whether the page documents a token, and the SOAP operations.
//!
//! One definition for the dataset (`data/sfmc/catalog.yaml`), the ingest that reads the page,
//! the macros that compile the dataset and the runtime (`scopewise::sfmc`).
//!
//! ```
//! use scopewise_model::sfmc_vocabulary::{Level, SoapOperation, TokenStatus};
//!
//! assert_eq!(Level::from_page_word("Execute"), Some(Level::Execute));
//! assert_eq!(TokenStatus::UndocumentedHere.as_str(), "undocumented-here");
//! assert_eq!(SoapOperation::parse("retrieve"), Some(SoapOperation::Retrieve));
//! ```

use core::fmt;

/// A level of access a group offers (`Available scopes: Read, Write, and Send.`); a token is
/// `<prefix>_<level>`.
///
/// The dataset spells the values in lower case, as the token suffix (`read`); the page
/// capitalizes them (`Read`), which is also how they display.
///
/// ```
/// use scopewise_model::sfmc_vocabulary::Level;
///
/// assert_eq!(Level::parse("Execute"), Some(Level::Execute));
/// assert_eq!(Level::parse("EXECUTE"), Some(Level::Execute));
/// assert_eq!(Level::from_page_word("execute"), None); // the page capitalizes
/// assert_eq!(Level::Execute.as_str(), "execute"); // as in `journeys_execute`
/// assert_eq!(Level::Execute.to_string(), "Execute"); // as the page writes it
/// assert_eq!(Level::parse("create"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Level {
    /// `Read`: `email_read`.
    Read,
    /// `Write`: `email_write`.
    Write,
    /// `Send`: `email_send`.
    Send,
    /// `Publish`: `web_publish`.
    Publish,
    /// `Post`: `social_post`.
    Post,
    /// `Execute`: `journeys_execute`.
    Execute,
}

impl Level {
    /// Every level, in the order the page introduces them.
    ///
    /// ```
    /// assert_eq!(scopewise_model::sfmc_vocabulary::Level::ALL.len(), 6);
    /// ```
    pub const ALL: [Level; 6] = [
        Level::Read,
        Level::Write,
        Level::Send,
        Level::Publish,
        Level::Post,
        Level::Execute,
    ];

    /// The token suffix, lower case: `read` in `email_read`.
    ///
    /// ```
    /// assert_eq!(scopewise_model::sfmc_vocabulary::Level::Send.as_str(), "send");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Read => "read",
            Level::Write => "write",
            Level::Send => "send",
            Level::Publish => "publish",
            Level::Post => "post",
            Level::Execute => "execute",
        }
    }

    /// The word the page uses, capitalized: `Read`.
    ///
    /// ```
    /// assert_eq!(scopewise_model::sfmc_vocabulary::Level::Publish.page_word(), "Publish");
    /// ```
    pub const fn page_word(self) -> &'static str {
        match self {
            Level::Read => "Read",
            Level::Write => "Write",
            Level::Send => "Send",
            Level::Publish => "Publish",
            Level::Post => "Post",
            Level::Execute => "Execute",
        }
    }

    /// Parses a level, ignoring ASCII case: `read`, `Read` and `READ` are [`Level::Read`].
    /// For what people type; the ingest reads the page with the exact
    /// [`from_page_word`](Self::from_page_word).
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::Level;
    /// assert_eq!(Level::parse("wRiTe"), Some(Level::Write));
    /// assert_eq!(Level::parse("readonly"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(text))
    }

    /// Parses a level as the page writes it (`Read`); exact, case-sensitive.
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::Level;
    /// assert_eq!(Level::from_page_word("Post"), Some(Level::Post));
    /// assert_eq!(Level::from_page_word("post"), None);
    /// ```
    pub fn from_page_word(word: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.page_word() == word)
    }

    /// Parses a token suffix (`read`); exact, case-sensitive.
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::Level;
    /// assert_eq!(Level::from_token_suffix("send"), Some(Level::Send));
    /// assert_eq!(Level::from_token_suffix("Send"), None);
    /// ```
    pub fn from_token_suffix(suffix: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == suffix)
    }
}

impl fmt::Display for Level {
    /// The page's word, `Read`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.page_word())
    }
}

/// Whether the installed-package page documents a token.
///
/// The dataset spells the values `documented` and `undocumented-here` (with the `serde`
/// feature, that is also their serde representation).
///
/// ```
/// use scopewise_model::sfmc_vocabulary::TokenStatus;
///
/// assert_eq!(TokenStatus::UndocumentedHere.as_str(), "undocumented-here");
/// assert_eq!(TokenStatus::Documented.to_string(), "documented");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum TokenStatus {
    /// The page lists the token's group and level.
    Documented,
    /// The token exists (real token responses carry it) but the page does not document it.
    /// Not the same as unknown: an unknown token is absent from the catalog.
    UndocumentedHere,
}

impl TokenStatus {
    /// The dataset's spelling: `documented` or `undocumented-here`.
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::TokenStatus;
    /// assert_eq!(TokenStatus::Documented.as_str(), "documented");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenStatus::Documented => "documented",
            TokenStatus::UndocumentedHere => "undocumented-here",
        }
    }
}

impl fmt::Display for TokenStatus {
    /// The dataset's spelling, [`TokenStatus::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A SOAP API operation, spelled as the SOAP API spells it (also in the dataset: `Retrieve`).
///
/// ```
/// use scopewise_model::sfmc_vocabulary::SoapOperation;
///
/// assert_eq!(SoapOperation::parse("retrieve"), Some(SoapOperation::Retrieve));
/// assert_eq!(SoapOperation::Retrieve.as_str(), "Retrieve");
/// assert_eq!(SoapOperation::parse("Query"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SoapOperation {
    /// `Create`
    Create,
    /// `Delete`
    Delete,
    /// `Perform`
    Perform,
    /// `Retrieve`
    Retrieve,
    /// `Update`
    Update,
}

impl SoapOperation {
    /// Every operation, alphabetical.
    ///
    /// ```
    /// assert_eq!(scopewise_model::sfmc_vocabulary::SoapOperation::ALL.len(), 5);
    /// ```
    pub const ALL: [SoapOperation; 5] = [
        SoapOperation::Create,
        SoapOperation::Delete,
        SoapOperation::Perform,
        SoapOperation::Retrieve,
        SoapOperation::Update,
    ];

    /// The operation's name, e.g. `Retrieve`.
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::SoapOperation;
    /// assert_eq!(SoapOperation::Perform.as_str(), "Perform");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SoapOperation::Create => "Create",
            SoapOperation::Delete => "Delete",
            SoapOperation::Perform => "Perform",
            SoapOperation::Retrieve => "Retrieve",
            SoapOperation::Update => "Update",
        }
    }

    /// Parses an operation name, ignoring ASCII case. (The dataset's serde representation is
    /// exact: `retrieve` there is an error.)
    ///
    /// ```
    /// use scopewise_model::sfmc_vocabulary::SoapOperation;
    /// assert_eq!(SoapOperation::parse("DELETE"), Some(SoapOperation::Delete));
    /// ```
    pub fn parse(text: &str) -> Option<SoapOperation> {
        SoapOperation::ALL
            .into_iter()
            .find(|op| op.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for SoapOperation {
    /// The operation's name, [`SoapOperation::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn enum_spellings_are_the_documented_ones() {
        let status: TokenStatus = serde_yaml::from_str("undocumented-here").unwrap();
        assert_eq!(status, TokenStatus::UndocumentedHere);
        for status in [TokenStatus::Documented, TokenStatus::UndocumentedHere] {
            assert_eq!(
                serde_yaml::to_string(&status).unwrap().trim(),
                status.as_str()
            );
        }
        assert!(serde_yaml::from_str::<Level>("Read").is_err());
        assert!(serde_yaml::from_str::<SoapOperation>("retrieve").is_err());
        for level in Level::ALL {
            assert_eq!(Level::from_page_word(level.page_word()), Some(level));
            assert_eq!(Level::from_token_suffix(level.as_str()), Some(level));
            assert_eq!(Level::parse(level.page_word()), Some(level));
            let yaml = serde_yaml::to_string(&level).unwrap();
            assert_eq!(yaml.trim(), level.as_str());
        }
        for op in SoapOperation::ALL {
            assert_eq!(SoapOperation::parse(op.as_str()), Some(op));
            assert_eq!(serde_yaml::to_string(&op).unwrap().trim(), op.as_str());
        }
    }
}
