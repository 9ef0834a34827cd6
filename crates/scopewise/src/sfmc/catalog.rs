//! The SFMC catalog: the static tables and their lookups.

use core::fmt;

use scopewise_model::suggest;

use super::parts::CatalogParts;
use super::{Group, Level, SoapObject, SourceFile, Token, UnknownToken};
use scopewise_model::words::{self, MAX_INPUT_LEN, Words};

/// Everything scopewise knows about SFMC installed-package scopes, compiled into static tables.
///
/// Built at compile time by [`include_catalog!("sfmc")`](crate::include_catalog) from
/// `data/sfmc/catalog.yaml`; nothing is parsed or allocated at run time except the vectors
/// [`suggest`](Self::suggest) and [`explain_unknown`](Self::explain_unknown) return. Slices
/// are in the dataset file's order: groups as the page lists them, tokens sorted by name,
/// SOAP objects alphabetical.
///
/// ```
/// use scopewise::sfmc::{CATALOG, TokenStatus};
///
/// assert_eq!(CATALOG.provider(), "sfmc");
/// assert_eq!(CATALOG.token("email_send").unwrap().status(), TokenStatus::Documented);
/// assert_eq!(CATALOG.token_for_display("Email Send"), CATALOG.token("email_send"));
/// assert!(CATALOG.token("email_delete").is_none());
/// ```
pub struct Catalog {
    pub(super) parts: CatalogParts,
}

impl Catalog {
    /// The provider's short name, `sfmc`.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.provider(), "sfmc");
    /// ```
    pub const fn provider(&self) -> &'static str {
        self.parts.provider
    }

    /// A digest of the vendor page and the curated token mapping: which data this build knows.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.fingerprint().len(), 16);
    /// ```
    pub const fn fingerprint(&self) -> &'static str {
        self.parts.fingerprint
    }

    /// The vendor page the groups, levels and SOAP objects were parsed from.
    ///
    /// ```
    /// assert!(scopewise::sfmc::CATALOG.source().path.starts_with("data/sources/sfmc/"));
    /// ```
    pub const fn source(&self) -> SourceFile {
        self.parts.source
    }

    /// The curated token mapping (`data/sfmc/tokens.yaml`) the prefixes came from.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.mapping().path, "data/sfmc/tokens.yaml");
    /// ```
    pub const fn mapping(&self) -> SourceFile {
        self.parts.mapping
    }

    /// Every group, in the page's order; [`Group::index`] is the position here.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.groups()[0].name(), "Email");
    /// ```
    pub const fn groups(&self) -> &'static [Group] {
        self.parts.groups
    }

    /// Every token, documented and undocumented-here, sorted by name.
    ///
    /// ```
    /// let tokens = scopewise::sfmc::CATALOG.tokens();
    /// assert!(tokens.windows(2).all(|w| w[0].name() < w[1].name()));
    /// ```
    pub const fn tokens(&self) -> &'static [Token] {
        self.parts.tokens
    }

    /// Every SOAP object an installed package may use without a scope, alphabetical.
    ///
    /// ```
    /// assert_eq!(scopewise::sfmc::CATALOG.soap_objects()[0].name(), "AccountTrackingAggregate");
    /// ```
    pub const fn soap_objects(&self) -> &'static [SoapObject] {
        self.parts.soap_objects
    }

    /// The token with this exact name, as OAuth compares it: `email_read`, not `Email_Read`.
    /// Undocumented-here tokens are found too; `None` means unknown.
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, TokenStatus};
    /// assert_eq!(CATALOG.token("tags_read").unwrap().status(), TokenStatus::UndocumentedHere);
    /// assert!(CATALOG.token("EMAIL_READ").is_none());
    /// assert!(CATALOG.token("ott_chat_messaging_write").is_none());
    /// ```
    pub fn token(&self, name: &str) -> Option<&'static Token> {
        let &index = self.parts.token_names.get(name)?;
        self.parts.tokens.get(usize::from(index))
    }

    /// The group with this exact display name, e.g. `Journeys (Interactions)`.
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// assert_eq!(catalog.group("Lists and Subscribers").unwrap().prefix(), "list_and_subscribers");
    /// assert!(catalog.group("lists and subscribers").is_none()); // see `find_group`
    /// ```
    pub fn group(&self, name: &str) -> Option<&'static Group> {
        let &index = self.parts.group_names.get(name)?;
        self.parts.groups.get(usize::from(index))
    }

    /// The group a person means by `text`, ignoring ASCII case, punctuation and spacing, and
    /// reading `&` as `and`. `text` may be the display name (`lists & subscribers`), the part
    /// of it outside or inside parentheses (`Journeys`, `Interactions`) or the token prefix
    /// (`ott_chat_messaging`, `accounts`).
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// let find = |text| catalog.find_group(text).map(|g| g.name());
    /// assert_eq!(find("lists & subscribers"), Some("Lists and Subscribers"));
    /// assert_eq!(find("Interactions"), Some("Journeys (Interactions)"));
    /// assert_eq!(find("accounts"), Some("Organizations"));
    /// assert_eq!(find("ott"), Some("OTT"));
    /// assert_eq!(find("ott channels"), Some("OTT Channels"));
    /// assert_eq!(find("Contacts"), None);
    /// ```
    pub fn find_group(&self, text: &str) -> Option<&'static Group> {
        if text.len() > MAX_INPUT_LEN {
            return None;
        }
        let words = Words::split(text)?;
        self.group_by_words(words.as_slice())
    }

    fn group_by_words(&self, query: &[&str]) -> Option<&'static Group> {
        if query.is_empty() {
            return None;
        }
        self.parts.groups.iter().find(|g| {
            words::group_forms(g.name(), g.prefix())
                .into_iter()
                .flatten()
                .any(|form| words::same_words(form, query))
        })
    }

    /// The SOAP object with this exact name, e.g. `TriggeredSendTrackingAggregate`.
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, SoapOperation};
    /// assert!(CATALOG.soap_object("Program").unwrap().supports(SoapOperation::Perform));
    /// assert!(CATALOG.soap_object("Subscriber").is_none()); // needs a scope
    /// ```
    pub fn soap_object(&self, name: &str) -> Option<&'static SoapObject> {
        let &index = self.parts.soap_names.get(name)?;
        self.parts.soap_objects.get(usize::from(index))
    }

    /// The token a person means by `text`: the token itself in any ASCII case or with spaces
    /// for underscores (`EMAIL_READ`, `marketing cloud connect read`), or a group as
    /// [`find_group`](Self::find_group) reads it followed by a level (`Email Read`,
    /// `Lists and Subscribers Write`, `Journeys (Interactions) Execute`,
    /// `Organizations Read` → `accounts_read`, `OTT Send` → `ott_chat_messaging_send`).
    ///
    /// Undocumented-here tokens are found too (`Tags Read` → `tags_read`). `None` when the
    /// group lacks the level, nothing fits, or `text` is over 256 bytes or 16 words.
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// let token = |text| catalog.token_for_display(text).map(|t| t.name());
    /// assert_eq!(token("Email Read"), Some("email_read"));
    /// assert_eq!(token("Journeys (Interactions) Execute"), Some("journeys_execute"));
    /// assert_eq!(token("Organizations Read"), Some("accounts_read"));
    /// assert_eq!(token("OTT Send"), Some("ott_chat_messaging_send"));
    /// assert_eq!(token("OTT Write"), None);
    /// ```
    pub fn token_for_display(&self, text: &str) -> Option<&'static Token> {
        if text.len() > MAX_INPUT_LEN {
            return None;
        }
        let words = Words::split(text)?;
        let words = words.as_slice();
        if let Some((last, group)) = words.split_last()
            && let (Some(level), Some(group)) = (Level::parse(last), self.group_by_words(group))
            && let Some(token) = group.token(level)
        {
            return Some(token);
        }
        self.parts
            .tokens
            .iter()
            .find(|t| words::same_words(t.name(), words))
    }

    /// Up to `limit` tokens closest to `text`, best first: compared (Jaro-Winkler, ignoring
    /// ASCII case and separators) with each token's name and display name. Only fair matches
    /// (similarity 0.8 or more) are returned.
    ///
    /// ```
    /// let catalog = &scopewise::sfmc::CATALOG;
    /// let names = |text| -> Vec<_> { catalog.suggest(text, 2).iter().map(|t| t.name()).collect() };
    /// assert_eq!(names("email_reed"), ["email_read", "email_send"]);
    /// assert_eq!(names("Organisations Read"), ["accounts_read", "accounts_write"]);
    /// assert!(names("zzzz").is_empty());
    /// ```
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<&'static Token> {
        if limit == 0 || text.len() > MAX_INPUT_LEN {
            return Vec::new();
        }
        let query = words::normalized(text, '_');
        let spaced = words::normalized(text, ' ');
        // A token goes by its name (compared with the snake-cased text) and its display name
        // (compared with the spaced text); the ranking is the one every suggestion uses.
        let scored = self.parts.tokens.iter().map(|t| {
            let mut score = suggest::similarity(&query, t.name());
            if let Some(display) = t.display_name() {
                let display = words::normalized(display, ' ');
                score = score.max(suggest::similarity(&spaced, &display));
            }
            (t, score)
        });
        suggest::rank_scored(scored, limit)
    }

    /// What `text` is, for a token the catalog may not know: the known token, another
    /// spelling of one, a group with a level it does not have, a group with a suffix that is
    /// no level, or nothing recognizable (with suggestions). See [`UnknownToken`].
    ///
    /// ```
    /// use scopewise::sfmc::{CATALOG, Level, UnknownToken};
    ///
    /// match CATALOG.explain_unknown("ott_chat_messaging_write") {
    ///     UnknownToken::MissingLevel { group, level } => {
    ///         assert_eq!(group.name(), "OTT");
    ///         assert_eq!(level, Level::Write);
    ///         assert_eq!(group.levels(), [Level::Read, Level::Send]);
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// // Undocumented is not unknown.
    /// assert!(matches!(CATALOG.explain_unknown("tags_read"), UnknownToken::Known(t) if !t.is_documented()));
    /// assert_eq!(
    ///     CATALOG.explain_unknown("Email Read"),
    ///     UnknownToken::Spelling(CATALOG.token("email_read").unwrap())
    /// );
    /// ```
    pub fn explain_unknown(&self, text: &str) -> UnknownToken {
        if let Some(token) = self.token(text) {
            return UnknownToken::Known(token);
        }
        if let Some(token) = self.token_for_display(text) {
            return UnknownToken::Spelling(token);
        }
        if text.len() <= MAX_INPUT_LEN
            && let Some(words) = Words::split(text)
            && let Some((last, group)) = words.as_slice().split_last()
            && let Some(group) = self.group_by_words(group)
        {
            return match Level::parse(last) {
                Some(level) => UnknownToken::MissingLevel { group, level },
                None => UnknownToken::UnknownLevel {
                    group,
                    suffix: (*last).to_owned(),
                },
            };
        }
        UnknownToken::Unrecognized {
            suggestions: self.suggest(text, 3),
        }
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("provider", &self.parts.provider)
            .field("fingerprint", &self.parts.fingerprint)
            .field("groups", &self.parts.groups.len())
            .field("tokens", &self.parts.tokens.len())
            .field("soap_objects", &self.parts.soap_objects.len())
            .finish_non_exhaustive()
    }
}
