//! The HighLevel API reference dump: per-endpoint pages → method, path, token types, `Version`
//! header and title; plus the users' permission-scope vocabulary.
//!
//! The source, `data/sources/highlevel/highlevel-api-reference.txt`, is a text capture of the
//! vendor's rendered reference site, screenshot by screenshot. Every screenshot repeats a
//! navigation sidebar, so a page's facts are scattered between sidebar blocks, and the capture
//! mangles URLs (cut off with `...`, wrapped in backticks, `<...>` or `**bold**`, prefixed with
//! a stray `/`, misspelled hosts). The parser is built around what is stable in that mess:
//!
//! - a page is anchored on its request line, `METHOD <url>` at the start of a line, where the
//!   URL is one whitespace-free token ([`request`] says exactly what qualifies, and which
//!   lookalikes, such as the sidebar entry `GET all or email/sms templates GET`, do not);
//! - its title is the line just above the request line (after an optional `Deprecated` badge
//!   or code fence); its facts are read from the request line down to the next page's title;
//! - every correction made on the way is recorded on the page as a [`Fix`], and everything
//!   that could not be settled is a [`ReferenceAnomaly`] with its line. Nothing is guessed:
//!   a truncated path stays [`PagePath::Truncated`] until [`recover_paths`] finds exactly one
//!   known endpoint it can be.
//!
//! Decisions worth knowing:
//! - **Host cut vs path cut.** `...rvices.leadconnectorhq.com/conversations/messages/outbound`
//!   shows the end of the host (`.com/`), so its path is whole: [`PagePath::Exact`] with a
//!   [`Fix::HostCutOff`]. `...ns/{locationId}/messages/…` does not, so it is truncated. A
//!   one-letter head such as `...m/conversations/…` could be the `m` of `.com` or the end of
//!   a segment; it is treated as truncated, and recovery settles it.
//! - **Token types are per type.** A page can accept a Sub-Account token with a Private
//!   Integration Token and an Agency token without one (the invoice pages do), so
//!   [`ReferencePage::access`] holds one [`TokenGrant`] per type rather than one flag.
//! - **Version.** Read from the try-it panel (`Version* : …`), the header schema
//!   (`Allowed value: …`) and the cURL sample when not cut off; the page's value is set only
//!   when every statement agrees ([`AnomalyKind::VersionConflict`] otherwise).
//! - **Repeats.** Two request lines with the same method and the same path (or the same
//!   visible tail) are one page: the first is kept, the later one goes to
//!   [`ReferenceDump::duplicates`] with whether its title, token types and version agree.
//! - **Not pages.** The scope table the dump ends with (tab-separated rows) is reported once
//!   as [`AnomalyKind::EmbeddedScopeTable`]; its rows are the scope tables' business.
//!
//! ```
//! use xtask::reference::{parse_reference, PagePath};
//!
//! let text = "Get Business\n\
//!             GET https://services.leadconnectorhq.com/businesses/{businessId}\n\
//!             Security: Bearer Auth\n\
//!             Use the Access Token generated with user type as Sub-Account (OR) Private Integration Token of Sub-Account.\n\
//!             Version* : 2021-07-28\n";
//! let dump = parse_reference(text, "example.txt").unwrap();
//! let page = &dump.pages[0];
//! assert_eq!(page.title.as_deref(), Some("Get Business"));
//! assert_eq!(page.path, PagePath::Exact { path: "/businesses/{businessId}".into() });
//! assert_eq!(page.version.as_deref(), Some("2021-07-28"));
//! assert!(page.is_complete());
//! ```

mod page;
mod recover;
pub mod request;
mod user_scopes;

use core::fmt;

use scopewise_model::access::Access;
use scopewise_model::dataset::HttpMethod;
use serde::Serialize;

pub use recover::{RecoverySummary, recover_paths};

/// The host every endpoint of the reference is served from.
pub const API_HOST: &str = "services.leadconnectorhq.com";

/// The API's base URL; a truncated URL whose visible part starts inside it has a complete path.
pub const API_BASE_URL: &str = "https://services.leadconnectorhq.com";

/// Everything extracted from one reference dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceDump {
    /// The file the dump was read from, as given to [`parse_reference`].
    pub file: String,
    /// One entry per distinct endpoint page, in dump order.
    pub pages: Vec<ReferencePage>,
    /// Pages the dump repeats: not in [`pages`](Self::pages), but counted and traceable.
    pub duplicates: Vec<DuplicatePage>,
    /// Everything that could not be settled, in line order (recovery appends its own).
    pub anomalies: Vec<ReferenceAnomaly>,
    /// The users' permission-scope vocabulary (not OAuth scopes), sorted by name.
    pub user_permission_scopes: Vec<UserPermissionScope>,
    /// The `Allowed values` lists the vocabulary was read from.
    pub user_permission_scope_lists: Vec<UserScopeList>,
}

/// One endpoint page of the dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferencePage {
    /// 1-based line of the request line (`METHOD <url>`).
    pub line: u32,
    /// The HTTP method of the request line.
    pub method: HttpMethod,
    /// The URL exactly as written on the request line.
    pub raw_url: String,
    /// The host as seen (`rvices.leadconnectorhq.com` when cut off); `None` when no host is
    /// visible at all.
    pub host: Option<String>,
    /// The endpoint path, or how far it could be recovered.
    pub path: PagePath,
    /// The operation's human name, e.g. `Create Opportunity`; `None` when the capture lost it.
    pub title: Option<String>,
    /// 1-based line of the title.
    pub title_line: Option<u32>,
    /// The page carries a `Deprecated` badge above its title.
    pub deprecated: bool,
    /// The token types the page accepts, one entry per type, sorted by type. Empty when the
    /// page has no `Use the Access Token generated with user type as ...` sentence.
    pub access: Vec<TokenGrant>,
    /// The required `Version` header value, when every place the page states it agrees.
    pub version: Option<String>,
    /// Every place the page states its `Version` header value.
    pub version_evidence: Vec<VersionEvidence>,
    /// The noise corrected while reading this page, in the order applied.
    pub fixes: Vec<Fix>,
}

impl ReferencePage {
    /// Whether the page accepts tokens of this type.
    pub fn accepts(&self, access: Access) -> bool {
        self.access.iter().any(|g| g.access == access)
    }

    /// Whether a Private Integration Token of this type is accepted; `None` when the page does
    /// not accept the type at all (or does not say).
    pub fn private_integration(&self, access: Access) -> Option<bool> {
        self.access
            .iter()
            .find(|g| g.access == access)
            .map(|g| g.private_integration)
    }

    /// The canonical template, once known (exact or recovered).
    pub fn template(&self) -> Option<&str> {
        match &self.path {
            PagePath::Exact { path } | PagePath::Recovered { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Method, path, title, token types and version are all known.
    pub fn is_complete(&self) -> bool {
        self.template().is_some()
            && self.title.is_some()
            && !self.access.is_empty()
            && self.version.is_some()
    }
}

/// The path of a page, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PagePath {
    /// The whole path is visible (the host may be cut off): its canonical template.
    Exact {
        /// Canonical template, `/contacts/{contactId}/tags`.
        path: String,
    },
    /// The path itself is cut off; waiting for [`recover_paths`].
    Truncated {
        /// The visible text after the `...`, noise removed.
        visible_tail: String,
    },
    /// Exactly one known endpoint (same method) ends with the visible tail.
    Recovered {
        /// The visible text after the `...`.
        visible_tail: String,
        /// The one known template it matches.
        path: String,
    },
    /// Several known endpoints end with the visible tail; none is chosen.
    Ambiguous {
        /// The visible text after the `...`.
        visible_tail: String,
        /// Every known template it matches, sorted.
        candidates: Vec<String>,
    },
    /// No known endpoint ends with the visible tail.
    Unresolved {
        /// The visible text after the `...`.
        visible_tail: String,
        /// What the path would be if the cut fell inside the host (the visible head is a tail
        /// of the base URL); informative only, never used as the path.
        #[serde(skip_serializing_if = "Option::is_none")]
        if_host_was_cut: Option<String>,
    },
    /// The visible path is not a valid template.
    Invalid {
        /// The path text.
        text: String,
        /// Why it is not a template.
        error: String,
    },
}

/// One token type a page accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenGrant {
    /// `sub-account` or `agency`.
    pub access: Access,
    /// The sentence adds `(OR) Private Integration Token of <same type>`.
    pub private_integration: bool,
    /// 1-based line of the (first) sentence stating it.
    pub line: u32,
}

/// One statement of the `Version` header value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionEvidence {
    /// The date, `2021-07-28`.
    pub value: String,
    /// 1-based line.
    pub line: u32,
    /// Which part of the page says it.
    pub form: VersionForm,
}

/// Where on a page a `Version` value is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionForm {
    /// The try-it panel: `Version* : 2021-04-15` (sometimes with `▾`, `v` or backticks).
    Panel,
    /// The header's schema: `Version string required` … `Allowed value: 2021-04-15`, the value
    /// possibly on the next non-empty line.
    AllowedValue,
    /// The cURL sample: `--header 'Version: 2021-04-15'` (only when not cut off).
    CurlHeader,
}

/// A correction applied while reading a page; each says what the dump had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Fix {
    /// The URL was wrapped in backticks: `` `https://…` ``.
    Backticks {
        /// The text before the fix.
        raw: String,
    },
    /// The URL was wrapped in angle brackets: `<https://…>`.
    AngleBrackets {
        /// The text before the fix.
        raw: String,
    },
    /// Markdown bold markers inside the URL: `**contacts/{contactId}/tags**`.
    Bold {
        /// The text before the fix.
        raw: String,
    },
    /// A stray `/` before the scheme: `/https://…`.
    StrayLeadingSlash {
        /// The text before the fix.
        raw: String,
    },
    /// The URL starts with `...` but the cut fell inside the scheme or host: the path is whole.
    HostCutOff {
        /// The visible part of the host, e.g. `rvices.leadconnectorhq.com`.
        visible_host: String,
    },
    /// The host is not [`API_HOST`] (nor a tail of it); the path was still taken.
    MisspelledHost {
        /// The host as seen.
        seen: String,
    },
    /// The token sentence was split by a sidebar block: `… (OR) Private` … `Integration Token
    /// of Sub-Account.`
    WrappedTokenSentence {
        /// 1-based line of the first half.
        line: u32,
        /// 1-based line of the continuation.
        continuation_line: u32,
    },
    /// A `Deprecated` badge sat between the title and the request line.
    DeprecatedBadge {
        /// 1-based line of the badge.
        line: u32,
    },
    /// The request line sat inside a code fence (```` ``` ````).
    CodeFence {
        /// 1-based line of the opening fence.
        line: u32,
    },
}

/// A page the dump repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicatePage {
    /// 1-based line of the repeat's request line.
    pub line: u32,
    /// 1-based line of the first occurrence's request line (the one kept in `pages`).
    pub first_line: u32,
    /// Title, token types and version are the same as the first occurrence's.
    pub identical: bool,
}

/// Something in the dump that could not be settled, at a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceAnomaly {
    /// 1-based line (for page anomalies, the page's request line).
    pub line: u32,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: AnomalyKind,
}

/// The kinds of [`ReferenceAnomaly`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AnomalyKind {
    /// No title above the request line; the line found there instead.
    TitleMissing {
        /// The non-empty line above the request line (sidebar or code noise).
        found: String,
    },
    /// The page has no token sentence, so its token types are unknown.
    TokenSentenceMissing,
    /// A token sentence that does not read as expected; the page ignores it.
    TokenSentenceUnreadable {
        /// The sentence's line.
        text: String,
    },
    /// Two sentences disagree on whether a Private Integration Token of a type is accepted.
    TokenConflict {
        /// The token type.
        access: Access,
        /// Lines of the disagreeing sentences.
        lines: Vec<u32>,
    },
    /// The page never states its `Version` header value.
    VersionMissing,
    /// The page states different `Version` values; none is chosen.
    VersionConflict {
        /// Every statement.
        evidence: Vec<VersionEvidence>,
    },
    /// The host is misspelled (see [`Fix::MisspelledHost`]).
    MisspelledHost {
        /// The host as seen.
        seen: String,
    },
    /// The path is not a valid template.
    InvalidPath {
        /// The path text.
        text: String,
        /// Why.
        error: String,
    },
    /// The dump repeats a page (see [`ReferenceDump::duplicates`]).
    DuplicatePage {
        /// The first occurrence's request line.
        first_line: u32,
        /// Whether title, token types and version agree.
        identical: bool,
    },
    /// A truncated path matched several known endpoints.
    PathAmbiguous {
        /// The visible tail.
        visible_tail: String,
        /// The matching templates.
        candidates: Vec<String>,
    },
    /// A truncated path matched no known endpoint.
    PathUnresolved {
        /// The visible tail.
        visible_tail: String,
    },
    /// The dump ends with a copy of the scope table; its rows are not endpoint pages.
    EmbeddedScopeTable {
        /// How many tab-separated rows follow the first header.
        rows: u32,
        /// 1-based line of the last row.
        last_line: u32,
    },
    /// A user-permission scope value cut off by the capture (`users/team-management.r`).
    UserScopeTruncated {
        /// The value as seen.
        raw: String,
        /// The one vocabulary value it is a prefix of, if exactly one.
        completion: Option<String>,
    },
    /// Several user-permission scope values on one line (`marketing.write eliza.write`).
    UserScopesMerged {
        /// The line's text.
        raw: String,
    },
}

/// A value of the users' permission-scope vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserPermissionScope {
    /// The value, e.g. `contacts.write`.
    pub name: String,
    /// 1-based lines of every list entry naming it.
    pub lines: Vec<u32>,
}

/// One `Allowed values` list of a users' scope field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserScopeList {
    /// `scopes` or `scopesAssignedToOnly`.
    pub field: String,
    /// 1-based line of the field's declaration (`scopes array[string]`).
    pub line: u32,
    /// 1-based line of the line that ends the list (`Example: …` or the next field).
    pub end_line: u32,
    /// How many values it lists (truncated values included).
    pub values: u32,
    /// How many lines inside it were sidebar noise and skipped.
    pub noise_lines: u32,
}

/// How the pages of a dump are accounted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageCounts {
    /// Request lines found: `unique + duplicates`.
    pub found: u32,
    /// Repeats of an earlier page.
    pub duplicates: u32,
    /// Distinct pages.
    pub unique: u32,
    /// Distinct pages with method, path, title, token types and version all known.
    pub complete: u32,
    /// Distinct pages named by at least one anomaly.
    pub with_anomalies: u32,
    /// Distinct pages whose path still waits for [`recover_paths`].
    pub truncated: u32,
}

impl ReferenceDump {
    /// Counts pages by outcome; every page found is in exactly one of `duplicates`, `unique`.
    pub fn counts(&self) -> PageCounts {
        let page_lines: std::collections::BTreeSet<u32> =
            self.pages.iter().map(|p| p.line).collect();
        let anomalous: std::collections::BTreeSet<u32> = self
            .anomalies
            .iter()
            .map(|a| a.line)
            .filter(|l| page_lines.contains(l))
            .collect();
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        PageCounts {
            found: n(self.pages.len() + self.duplicates.len()),
            duplicates: n(self.duplicates.len()),
            unique: n(self.pages.len()),
            complete: n(self.pages.iter().filter(|p| p.is_complete()).count()),
            with_anomalies: n(anomalous.len()),
            truncated: n(self
                .pages
                .iter()
                .filter(|p| matches!(p.path, PagePath::Truncated { .. }))
                .count()),
        }
    }
}

/// Why a dump could not be read at all (per-page problems are anomalies, not errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// Not a single request line: the wrong file, or a format change.
    NoPages {
        /// The file.
        file: String,
    },
    /// A users' scope list with no end (`Example: …` or a next field) within the search window.
    UnterminatedUserScopeList {
        /// The file.
        file: String,
        /// 1-based line of the field declaration.
        line: u32,
    },
    /// A known endpoint given to [`recover_paths`] is not a valid template.
    InvalidKnownTemplate {
        /// The template as given.
        template: String,
        /// Why.
        error: String,
    },
    /// The file has more lines than a `u32` counts.
    TooLong {
        /// The file.
        file: String,
    },
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPages { file } => write!(
                f,
                "{file}: no endpoint page found (expected request lines such as `GET https://{API_HOST}/…`)"
            ),
            Self::UnterminatedUserScopeList { file, line } => write!(
                f,
                "{file}:{line}: the users' scope `Allowed values` list has no end (expected `Example: …` or the next field)"
            ),
            Self::InvalidKnownTemplate { template, error } => {
                write!(f, "known endpoint `{template}` is not a template: {error}")
            }
            Self::TooLong { file } => write!(f, "{file}: more than {} lines", u32::MAX),
        }
    }
}

impl std::error::Error for ReferenceError {}

/// Parses the reference dump `text` (read from `file`, which only labels errors).
///
/// Pure and deterministic. Every request line becomes either a page or a duplicate; every
/// page problem is an anomaly. Truncated paths are left [`PagePath::Truncated`]: call
/// [`recover_paths`] with the known endpoints to settle them.
pub fn parse_reference(text: &str, file: &str) -> Result<ReferenceDump, ReferenceError> {
    let lines: Vec<&str> = text.lines().collect();
    if u32::try_from(lines.len()).is_err() {
        return Err(ReferenceError::TooLong { file: file.into() });
    }
    let (pages, mut anomalies) = page::parse_pages(&lines);
    if pages.is_empty() {
        return Err(ReferenceError::NoPages { file: file.into() });
    }
    let (pages, duplicates) = page::deduplicate(pages, &mut anomalies);
    let vocabulary = user_scopes::parse(&lines, file)?;
    anomalies.extend(vocabulary.anomalies);
    anomalies.sort_by_key(|a| a.line);
    Ok(ReferenceDump {
        file: file.into(),
        pages,
        duplicates,
        anomalies,
        user_permission_scopes: vocabulary.scopes,
        user_permission_scope_lists: vocabulary.lists,
    })
}

/// 0-based index → 1-based line number (the caller checked the file fits in `u32`).
fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
