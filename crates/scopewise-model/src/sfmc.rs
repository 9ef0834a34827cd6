//! The serde types of the Salesforce Marketing Cloud Engagement (SFMC) dataset:
//! `data/sfmc/catalog.yaml` (generated) and `data/sfmc/tokens.yaml` (curated by hand).
//!
//! SFMC scopes are not listed as strings by the vendor. The installed-package page names
//! *groups* ("Email", "Journeys (Interactions)") and the *levels* each group offers
//! ("Read, Write, and Send"); the OAuth `scope` token is `<prefix>_<level>`, where the prefix
//! is a curated snake-case name that does not always follow the display name
//! (Organizations → `accounts`). The catalog joins the two and also lists tokens that real
//! token responses carry but the page does not document.
//!
//! ```
//! use scopewise_model::sfmc::SfmcCatalogFile;
//! use scopewise_model::sfmc_vocabulary::{Level, TokenStatus};
//!
//! let yaml = r#"
//! provider: sfmc
//! fingerprint: 0123456789abcdef
//! source: { path: data/sources/sfmc/page.txt, sha256: "00", lines: 128 }
//! mapping: { path: data/sfmc/tokens.yaml, sha256: "11", lines: 90 }
//! groups:
//!   - name: Tags
//!     prefix: tags
//!     description: null
//!     levels: [{ level: write, token: tags_write }]
//!     line: 81
//!     scopes_line: 83
//! tokens:
//!   - { token: tags_read, status: undocumented-here, group: Tags, level: read,
//!       evidence: "seen in a real v2/token response", reason: "the page lists Write only" }
//!   - { token: tags_write, status: documented, group: Tags, level: write, line: 83 }
//! soap_objects: []
//! "#;
//! let catalog: SfmcCatalogFile = serde_yaml::from_str(yaml).unwrap();
//! let tags_read = catalog.token("tags_read").unwrap();
//! assert_eq!(tags_read.status, TokenStatus::UndocumentedHere);
//! assert_eq!(tags_read.level, Some(Level::Read));
//! assert!(catalog.token("tags_publish").is_none());
//! ```
//!
//! The vocabularies shared with the runtime ([`Level`], [`TokenStatus`], [`SoapOperation`])
//! are defined in [`sfmc_vocabulary`](crate::sfmc_vocabulary), which needs no serde.
//!
//! Field names are a stable contract: struct fields are `snake_case`, enum values
//! `kebab-case` (SOAP operations keep the vendor's spelling, `Retrieve`). Every struct denies
//! unknown fields, so a typo in a hand-edited file is an error, not a silently ignored key.

use serde::{Deserialize, Serialize};

use crate::sfmc_vocabulary::{Level, SoapOperation, TokenStatus};

/// `data/sfmc/catalog.yaml`: every group, token and SOAP object the SFMC dataset knows.
///
/// Written by `cargo xtask ingest`; sorted so that regenerating it is deterministic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfmcCatalogFile {
    /// The provider's short name, always `sfmc`; also the folder under `data/`.
    pub provider: String,
    /// First 16 hex digits of SHA-256 over `"<source.sha256>\n<mapping.sha256>\n"`: which
    /// vendor page *and* which curated mapping a build was made from.
    pub fingerprint: String,
    /// The vendor page the groups, levels and SOAP objects were parsed from.
    pub source: FileDigest,
    /// The curated token mapping (`data/sfmc/tokens.yaml`) the prefixes came from.
    pub mapping: FileDigest,
    /// The scope groups, in the page's order.
    pub groups: Vec<Group>,
    /// Every token: documented ones and the curated undocumented-here ones, sorted by token.
    pub tokens: Vec<Token>,
    /// The SOAP objects every installed package may call whatever scopes it holds, in the
    /// page's order (which is alphabetical).
    pub soap_objects: Vec<SoapObject>,
}

impl SfmcCatalogFile {
    /// The token record for an exact OAuth `scope` token, e.g. `email_read`.
    ///
    /// `None` means the token is unknown: neither documented nor known to exist.
    pub fn token(&self, token: &str) -> Option<&Token> {
        self.tokens.iter().find(|t| t.token == token)
    }

    /// The group with this exact display name, e.g. `Journeys (Interactions)`.
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }
}

/// One input file of the dataset, identified by path and digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDigest {
    /// Path relative to the repository root.
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// How many lines the file has, as Rust's `str::lines` counts them (a last line without
    /// a trailing newline counts).
    pub lines: u32,
}

/// A scope group as the page presents it: a display name and the levels it offers.
///
/// ```
/// use scopewise_model::sfmc::Group;
/// use scopewise_model::sfmc_vocabulary::Level;
///
/// let yaml = r#"
/// name: Organizations
/// prefix: accounts
/// prefix_reason: "the token names the API's resource (accounts), not the UI label"
/// description: Enables management of accounts, business units, and child accounts.
/// levels:
///   - { level: read, token: accounts_read }
///   - { level: write, token: accounts_write }
/// line: 89
/// scopes_line: 91
/// "#;
/// let g: Group = serde_yaml::from_str(yaml).unwrap();
/// assert_eq!(g.token_for(Level::Write), Some("accounts_write"));
/// assert_eq!(g.token_for(Level::Send), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The display name exactly as the page writes it, e.g. `Journeys (Interactions)`.
    pub name: String,
    /// The token prefix: tokens are `<prefix>_<level>`, e.g. `journeys`.
    pub prefix: String,
    /// Why the prefix is not the display name in snake case; present for every such prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_reason: Option<String>,
    /// The page's description, without the `Available scopes:` sentence; `null` when the page
    /// gives none (Social, Web, Audiences, File Locations, Tags, Webhooks).
    pub description: Option<String>,
    /// The documented levels in the page's order, each with its token.
    pub levels: Vec<GroupLevel>,
    /// 1-based line of the group's name in the source.
    pub line: u32,
    /// 1-based line of the group's `Available scope(s):` sentence in the source.
    pub scopes_line: u32,
}

impl Group {
    /// The documented token for `level`, if the page gives this group that level.
    pub fn token_for(&self, level: Level) -> Option<&str> {
        self.levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.token.as_str())
    }
}

/// One documented level of a group and the token that grants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupLevel {
    /// The level.
    pub level: Level,
    /// `<prefix>_<level>`, e.g. `email_send`.
    pub token: String,
}

/// One OAuth `scope` token.
///
/// ```
/// use scopewise_model::sfmc::Token;
/// use scopewise_model::sfmc_vocabulary::TokenStatus;
///
/// let yaml = r#"
/// token: offline
/// status: undocumented-here
/// evidence: "requested for refresh tokens (Access Token for Web and Public App Integrations)"
/// reason: "not a capability of a group, so the group list does not show it"
/// "#;
/// let t: Token = serde_yaml::from_str(yaml).unwrap();
/// assert_eq!(t.status, TokenStatus::UndocumentedHere);
/// assert_eq!(t.group, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    /// The token as requested in the OAuth `scope` parameter, e.g. `email_read`.
    pub token: String,
    /// Documented by the page, or known to exist but undocumented here.
    pub status: TokenStatus,
    /// The display name of the page's group whose prefix the token carries, if any.
    /// Always present for documented tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The level the token grants in that group, if its suffix is a [`Level`].
    /// Always present for documented tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// For documented tokens: 1-based line of the `Available scope(s):` sentence listing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// For undocumented-here tokens: where the token is seen to exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// For undocumented-here tokens: why this page does not list it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A SOAP object that installed packages may use without any scope.
///
/// ```
/// use scopewise_model::sfmc::SoapObject;
/// use scopewise_model::sfmc_vocabulary::SoapOperation;
///
/// let yaml = r#"
/// object: LowLatencyTransactionalSend
/// operations: [Create]
/// description: Send a transactional email.
/// line: 117
/// "#;
/// let o: SoapObject = serde_yaml::from_str(yaml).unwrap();
/// assert_eq!(o.operations, [SoapOperation::Create]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoapObject {
    /// The SOAP object name, e.g. `FrameworkHealthCheck`.
    pub object: String,
    /// The operations allowed on it, in the page's order.
    pub operations: Vec<SoapOperation>,
    /// The page's description of the object.
    pub description: String,
    /// 1-based line of the table row in the source.
    pub line: u32,
}

/// `data/sfmc/tokens.yaml`: the curated mapping from the page's group names to token
/// prefixes, and the tokens that exist but the page does not document. Written by hand.
///
/// ```
/// use scopewise_model::sfmc::TokenMapping;
///
/// let yaml = r#"
/// groups:
///   - { name: Email, prefix: email }
///   - name: Organizations
///     prefix: accounts
///     reason: "the token names the API's resource (accounts), not the UI label"
/// undocumented:
///   - token: tags_read
///     evidence: "real v2/token responses"
///     reason: "the page lists Write only for Tags"
/// "#;
/// let m: TokenMapping = serde_yaml::from_str(yaml).unwrap();
/// assert_eq!(m.groups[1].prefix, "accounts");
/// assert!(m.groups[0].reason.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenMapping {
    /// One entry per group of the page; no more, no fewer.
    pub groups: Vec<GroupPrefix>,
    /// Tokens that exist but this page does not document.
    #[serde(default)]
    pub undocumented: Vec<UndocumentedToken>,
}

/// The token prefix of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPrefix {
    /// The group's display name exactly as the page writes it.
    pub name: String,
    /// The token prefix, lower snake case.
    pub prefix: String,
    /// Why the prefix is what it is. Required when the prefix is not the display name in
    /// snake case (Organizations → `accounts`); allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A token that exists but the page does not document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UndocumentedToken {
    /// The token, e.g. `tags_read`.
    pub token: String,
    /// Where it is seen to exist, e.g. a real token response.
    pub evidence: String,
    /// Why this page does not list it.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_errors() {
        let typo = "{ token: email_read, status: documented, levle: read }";
        let e = serde_yaml::from_str::<Token>(typo).unwrap_err();
        assert!(e.to_string().contains("unknown field `levle`"), "{e}");
        let typo = "{ name: Email, prefix: email, reasn: x }";
        assert!(serde_yaml::from_str::<GroupPrefix>(typo).is_err());
    }

    #[test]
    fn an_absent_description_is_written_as_null() {
        let group = Group {
            name: "Tags".into(),
            prefix: "tags".into(),
            prefix_reason: None,
            description: None,
            levels: vec![GroupLevel {
                level: Level::Write,
                token: "tags_write".into(),
            }],
            line: 81,
            scopes_line: 83,
        };
        let yaml = serde_yaml::to_string(&group).unwrap();
        assert!(yaml.contains("description: null\n"), "{yaml}");
        assert!(!yaml.contains("prefix_reason"), "{yaml}");
        assert_eq!(serde_yaml::from_str::<Group>(&yaml).unwrap(), group);
    }
}
