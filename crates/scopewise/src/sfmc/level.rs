//! The two small vocabularies of the SFMC page: levels of a group and SOAP operations.

use core::fmt;

/// A level of access a group offers (`Available scopes: Read, Write, and Send.`); a token is
/// `<prefix>_<level>`.
///
/// ```
/// use scopewise::sfmc::Level;
///
/// assert_eq!(Level::parse("Execute"), Some(Level::Execute));
/// assert_eq!(Level::parse("EXECUTE"), Some(Level::Execute));
/// assert_eq!(Level::Execute.as_str(), "execute"); // as in `journeys_execute`
/// assert_eq!(Level::Execute.to_string(), "Execute"); // as the page writes it
/// assert_eq!(Level::parse("create"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// assert_eq!(scopewise::sfmc::Level::ALL.len(), 6);
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
    /// assert_eq!(scopewise::sfmc::Level::Send.as_str(), "send");
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
    /// assert_eq!(scopewise::sfmc::Level::Publish.page_word(), "Publish");
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
    ///
    /// ```
    /// use scopewise::sfmc::Level;
    /// assert_eq!(Level::parse("wRiTe"), Some(Level::Write));
    /// assert_eq!(Level::parse("readonly"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Level {
    /// The page's word, `Read`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.page_word())
    }
}

/// A SOAP API operation, spelled as the SOAP API spells it.
///
/// ```
/// use scopewise::sfmc::SoapOperation;
///
/// assert_eq!(SoapOperation::parse("retrieve"), Some(SoapOperation::Retrieve));
/// assert_eq!(SoapOperation::Retrieve.as_str(), "Retrieve");
/// assert_eq!(SoapOperation::parse("Query"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// assert_eq!(scopewise::sfmc::SoapOperation::ALL.len(), 5);
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
    /// assert_eq!(scopewise::sfmc::SoapOperation::Perform.as_str(), "Perform");
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

    /// Parses an operation name, ignoring ASCII case.
    ///
    /// ```
    /// use scopewise::sfmc::SoapOperation;
    /// assert_eq!(SoapOperation::parse("DELETE"), Some(SoapOperation::Delete));
    /// ```
    pub fn parse(text: &str) -> Option<SoapOperation> {
        SoapOperation::ALL
            .into_iter()
            .find(|op| op.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for SoapOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
