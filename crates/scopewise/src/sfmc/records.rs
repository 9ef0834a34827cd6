//! The records of the SFMC catalog: groups, tokens, SOAP objects and the files they came from.

use core::fmt;

use super::parts::{GroupParts, SoapObjectParts, TokenParts};
use super::{Level, SoapOperation, TokenStatus};

/// One input file of the dataset, identified by path and digest.
///
/// ```
/// let source = scopewise::sfmc::CATALOG.source();
/// assert_eq!(source.path, "data/sources/sfmc/sfmc-installed-package-scopes.txt");
/// assert_eq!(source.sha256.len(), 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceFile {
    /// Path relative to the repository root.
    pub path: &'static str,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: &'static str,
    /// How many lines the file has.
    pub lines: u32,
}

/// A scope group as the page presents it: a display name and the levels it offers.
///
/// Groups live in the catalog's static table; two groups are equal only if they are the same
/// table entry.
///
/// ```
/// use scopewise::sfmc::{CATALOG, Level};
///
/// let ott = CATALOG.group("OTT").unwrap();
/// assert_eq!(ott.prefix(), "ott_chat_messaging");
/// assert_eq!(ott.levels(), [Level::Read, Level::Send]);
/// assert_eq!(ott.token(Level::Send).map(|t| t.name()), Some("ott_chat_messaging_send"));
/// assert_eq!(ott.token(Level::Write), None);
/// ```
pub struct Group {
    pub(super) parts: GroupParts,
}

impl Group {
    /// The position of this group in [`Catalog::groups`](super::Catalog::groups).
    ///
    /// ```
    /// let g = scopewise::sfmc::CATALOG.group("Email").unwrap();
    /// assert!(std::ptr::eq(&scopewise::sfmc::CATALOG.groups()[g.index()], g));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The display name exactly as the page writes it, e.g. `Journeys (Interactions)`.
    ///
    /// ```
    /// let g = scopewise::scope!(sfmc: "journeys_read").group().unwrap();
    /// assert_eq!(g.name(), "Journeys (Interactions)");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.parts.name
    }

    /// The token prefix: the group's tokens are `<prefix>_<level>`.
    ///
    /// ```
    /// let g = scopewise::sfmc::CATALOG.group("Organizations").unwrap();
    /// assert_eq!(g.prefix(), "accounts");
    /// ```
    pub const fn prefix(&self) -> &'static str {
        self.parts.prefix
    }

    /// Why the prefix is not the display name in snake case, when it is not.
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// assert!(catalog.group("Organizations").unwrap().prefix_reason().is_some());
    /// assert!(catalog.group("Email").unwrap().prefix_reason().is_none());
    /// ```
    pub const fn prefix_reason(&self) -> Option<&'static str> {
        self.parts.prefix_reason
    }

    /// The page's description of the group; `None` when the page gives none.
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// assert!(catalog.group("Email").unwrap().description().is_some());
    /// assert!(catalog.group("Tags").unwrap().description().is_none());
    /// ```
    pub const fn description(&self) -> Option<&'static str> {
        self.parts.description
    }

    /// The documented levels, in the page's order.
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, Level};
    /// let email = CATALOG.group("Email").unwrap();
    /// assert_eq!(email.levels(), [Level::Read, Level::Write, Level::Send]);
    /// ```
    pub const fn levels(&self) -> &'static [Level] {
        self.parts.levels
    }

    /// The documented tokens, one per entry of [`levels`](Self::levels) and in its order.
    ///
    /// ```
    /// let email = scopewise::sfmc::CATALOG.group("Email").unwrap();
    /// let names: Vec<_> = email.tokens().iter().map(|t| t.name()).collect();
    /// assert_eq!(names, ["email_read", "email_write", "email_send"]);
    /// ```
    pub const fn tokens(&self) -> &'static [&'static Token] {
        self.parts.documented
    }

    /// Tokens of this group that exist but the page does not document, e.g. `tags_read`.
    ///
    /// ```
    /// let tags = scopewise::sfmc::CATALOG.group("Tags").unwrap();
    /// assert_eq!(tags.undocumented(), [scopewise::scope!(sfmc: "tags_read")]);
    /// ```
    pub const fn undocumented(&self) -> &'static [&'static Token] {
        self.parts.undocumented
    }

    /// Whether the page documents `level` for this group.
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, Level};
    /// let tags = CATALOG.group("Tags").unwrap();
    /// assert!(tags.has_level(Level::Write));
    /// assert!(!tags.has_level(Level::Read)); // tags_read exists, but is undocumented here
    /// ```
    pub fn has_level(&self, level: Level) -> bool {
        self.parts.levels.contains(&level)
    }

    /// The token for `level`: the documented one, else one that exists but is undocumented
    /// here ([`Token::status`] tells which), else `None`.
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, Level, TokenStatus};
    /// let tags = CATALOG.group("Tags").unwrap();
    /// assert_eq!(tags.token(Level::Read).unwrap().status(), TokenStatus::UndocumentedHere);
    /// assert_eq!(tags.token(Level::Publish), None);
    /// ```
    pub fn token(&self, level: Level) -> Option<&'static Token> {
        self.parts
            .documented
            .iter()
            .chain(self.parts.undocumented)
            .find(|t| t.level() == Some(level))
            .copied()
    }

    /// 1-based line of the group's name in the source page.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.group("Email").unwrap().line(), 9);
    /// ```
    pub const fn line(&self) -> u32 {
        self.parts.line
    }

    /// 1-based line of the group's `Available scope(s):` sentence in the source page.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.group("Email").unwrap().scopes_line(), 11);
    /// ```
    pub const fn scopes_line(&self) -> u32 {
        self.parts.scopes_line
    }
}

impl PartialEq for Group {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Group {}

impl fmt::Display for Group {
    /// The display name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parts.name)
    }
}

impl fmt::Debug for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Group")
            .field("index", &self.parts.index)
            .field("name", &self.parts.name)
            .field("prefix", &self.parts.prefix)
            .field("levels", &self.parts.levels)
            .field("tokens", &crate::names(self.parts.documented, Token::name))
            .field(
                "undocumented",
                &crate::names(self.parts.undocumented, Token::name),
            )
            .field("line", &self.parts.line)
            .finish_non_exhaustive()
    }
}

/// One OAuth `scope` token of SFMC, documented or known to exist.
///
/// Tokens live in the catalog's static table; two tokens are equal only if they are the same
/// table entry.
///
/// ```
/// use scopewise::sfmc::{Level, TokenStatus};
///
/// let t = scopewise::scope!(sfmc: "journeys_execute");
/// assert_eq!(t.name(), "journeys_execute");
/// assert_eq!(t.level(), Some(Level::Execute));
/// assert_eq!(t.group().map(|g| g.name()), Some("Journeys (Interactions)"));
/// assert_eq!(t.display_name(), Some("Journeys (Interactions) Execute"));
/// assert_eq!(t.status(), TokenStatus::Documented);
/// ```
pub struct Token {
    pub(super) parts: TokenParts,
}

impl Token {
    /// The position of this token in [`Catalog::tokens`](super::Catalog::tokens), which is
    /// sorted by name.
    ///
    /// ```
    /// let t = scopewise::scope!(sfmc: "email_read");
    /// assert!(std::ptr::eq(&scopewise::sfmc::CATALOG.tokens()[t.index()], t));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The token as requested in the OAuth `scope` parameter, e.g. `email_read`.
    ///
    /// ```
    /// assert_eq!(scopewise::scope!(sfmc: "email_read").name(), "email_read");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.parts.name
    }

    /// Documented by the page, or known to exist but undocumented there.
    ///
    /// ```
    /// use scopewise::sfmc::TokenStatus;
    /// assert_eq!(scopewise::scope!(sfmc: "offline").status(), TokenStatus::UndocumentedHere);
    /// ```
    pub const fn status(&self) -> TokenStatus {
        self.parts.status
    }

    /// Whether the page documents the token.
    ///
    /// ```
    /// assert!(scopewise::scope!(sfmc: "tags_write").is_documented());
    /// assert!(!scopewise::scope!(sfmc: "tags_read").is_documented());
    /// ```
    pub const fn is_documented(&self) -> bool {
        matches!(self.parts.status, TokenStatus::Documented)
    }

    /// The group whose prefix the token carries; `None` for tokens outside every group
    /// (`offline`, `marketing_cloud_connect_read`).
    ///
    /// ```
    /// assert_eq!(scopewise::scope!(sfmc: "accounts_read").group().unwrap().name(), "Organizations");
    /// assert!(scopewise::scope!(sfmc: "offline").group().is_none());
    /// ```
    pub const fn group(&self) -> Option<&'static Group> {
        self.parts.group
    }

    /// The level the token grants in its group; `None` when the token has no group or its
    /// suffix is not a level.
    ///
    /// ```
    /// use scopewise::sfmc::Level;
    /// assert_eq!(scopewise::scope!(sfmc: "social_post").level(), Some(Level::Post));
    /// ```
    pub const fn level(&self) -> Option<Level> {
        self.parts.level
    }

    /// How the page would name the token: `<group> <Level>`, e.g. `Email Read`; `None` for
    /// tokens without a group and a level.
    ///
    /// ```
    /// assert_eq!(scopewise::scope!(sfmc: "accounts_read").display_name(), Some("Organizations Read"));
    /// assert_eq!(scopewise::scope!(sfmc: "offline").display_name(), None);
    /// ```
    pub const fn display_name(&self) -> Option<&'static str> {
        self.parts.display_name
    }

    /// For documented tokens: 1-based line of the page's `Available scope(s):` sentence that
    /// lists it.
    ///
    /// ```
    /// assert_eq!(scopewise::scope!(sfmc: "email_read").line(), Some(11));
    /// assert_eq!(scopewise::scope!(sfmc: "tags_read").line(), None);
    /// ```
    pub const fn line(&self) -> Option<u32> {
        self.parts.line
    }

    /// For undocumented-here tokens: where the token is seen to exist.
    ///
    /// ```
    /// assert!(scopewise::scope!(sfmc: "tags_read").evidence().is_some());
    /// assert!(scopewise::scope!(sfmc: "email_read").evidence().is_none());
    /// ```
    pub const fn evidence(&self) -> Option<&'static str> {
        self.parts.evidence
    }

    /// For undocumented-here tokens: why the page does not list it.
    ///
    /// ```
    /// let reason = scopewise::scope!(sfmc: "tags_read").reason().unwrap();
    /// assert!(reason.contains("Write"));
    /// ```
    pub const fn reason(&self) -> Option<&'static str> {
        self.parts.reason
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Token {}

impl fmt::Display for Token {
    /// The token's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parts.name)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("index", &self.parts.index)
            .field("name", &self.parts.name)
            .field("status", &self.parts.status)
            .field("group", &self.parts.group.map(Group::name))
            .field("level", &self.parts.level)
            .field("line", &self.parts.line)
            .finish_non_exhaustive()
    }
}

/// A SOAP object that installed packages may use without any scope.
///
/// ```
/// use scopewise::sfmc::{CATALOG, SoapOperation};
///
/// let send = CATALOG.soap_object("LowLatencyTransactionalSend").unwrap();
/// assert_eq!(send.operations(), [SoapOperation::Create]);
/// assert!(send.supports(SoapOperation::Create));
/// assert!(!send.supports(SoapOperation::Retrieve));
/// ```
pub struct SoapObject {
    pub(super) parts: SoapObjectParts,
}

impl SoapObject {
    /// The position of this object in
    /// [`Catalog::soap_objects`](super::Catalog::soap_objects).
    ///
    /// ```
    /// let o = scopewise::sfmc::CATALOG.soap_object("Program").unwrap();
    /// assert!(std::ptr::eq(&scopewise::sfmc::CATALOG.soap_objects()[o.index()], o));
    /// ```
    pub const fn index(&self) -> usize {
        self.parts.index as usize
    }

    /// The SOAP object name, e.g. `FrameworkHealthCheck`.
    ///
    /// ```
    /// let o = scopewise::sfmc::CATALOG.soap_object("FrameworkHealthCheck").unwrap();
    /// assert_eq!(o.name(), "FrameworkHealthCheck");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.parts.name
    }

    /// The operations an installed package may perform on it without a scope, in the page's
    /// order.
    ///
    /// ```
    /// use scopewise::sfmc::SoapOperation;
    /// let o = scopewise::sfmc::CATALOG.soap_object("Program").unwrap();
    /// assert_eq!(o.operations().len(), 5);
    /// assert_eq!(o.operations()[2], SoapOperation::Perform);
    /// ```
    pub const fn operations(&self) -> &'static [SoapOperation] {
        self.parts.operations
    }

    /// Whether `op` is one of [`operations`](Self::operations).
    ///
    /// ```
    /// use scopewise::sfmc::SoapOperation;
    /// let o = scopewise::sfmc::CATALOG.soap_object("ScheduledRequest").unwrap();
    /// assert!(o.supports(SoapOperation::Delete));
    /// assert!(!o.supports(SoapOperation::Create));
    /// ```
    pub fn supports(&self, op: SoapOperation) -> bool {
        self.parts.operations.contains(&op)
    }

    /// The page's description of the object.
    ///
    /// ```
    /// let o = scopewise::sfmc::CATALOG.soap_object("LowLatencyTransactionalSend").unwrap();
    /// assert_eq!(o.description(), "Send a transactional email.");
    /// ```
    pub const fn description(&self) -> &'static str {
        self.parts.description
    }

    /// 1-based line of the object's table row in the source page.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.soap_object("Program").unwrap().line(), 118);
    /// ```
    pub const fn line(&self) -> u32 {
        self.parts.line
    }
}

impl PartialEq for SoapObject {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for SoapObject {}

impl fmt::Display for SoapObject {
    /// The object's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parts.name)
    }
}

impl fmt::Debug for SoapObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapObject")
            .field("index", &self.parts.index)
            .field("name", &self.parts.name)
            .field("operations", &self.parts.operations)
            .field("line", &self.parts.line)
            .finish_non_exhaustive()
    }
}
