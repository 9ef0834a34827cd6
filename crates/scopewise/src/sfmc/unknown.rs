//! What a token the catalog does not know is, for messages that help.

use core::fmt;

use scopewise_model::wording;

use super::{Group, Level, Token};

/// The answer of [`Catalog::explain_unknown`](super::Catalog::explain_unknown): what a
/// `scope` token that may not exist is.
///
/// Its [`Display`](fmt::Display) is a sentence to put after the token in a message, e.g.
/// ``unknown token `ott_chat_messaging_write`: {explanation}``.
///
/// ```
/// use scopewise::sfmc::{CATALOG, UnknownToken};
///
/// let e = CATALOG.explain_unknown("ott_chat_messaging_write");
/// assert_eq!(
///     e.to_string(),
///     "the OTT group has no Write level; it has Read and Send \
///      (`ott_chat_messaging_read`, `ott_chat_messaging_send`)"
/// );
/// let names: Vec<_> = e.suggestions().iter().map(|t| t.name()).collect();
/// assert_eq!(names, ["ott_chat_messaging_read", "ott_chat_messaging_send"]);
///
/// let e = CATALOG.explain_unknown("Email Read");
/// assert_eq!(e.to_string(), "the OAuth token for Email Read is `email_read`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnknownToken {
    /// Not unknown: the exact name of a token, documented or undocumented-here
    /// (`tags_read`).
    Known(&'static Token),
    /// Another spelling of a token: its display name (`Email Read`, `Organizations Read`),
    /// another case (`EMAIL_READ`) or the display name in snake case
    /// (`lists_and_subscribers_read`).
    Spelling(&'static Token),
    /// A group and a level it does not have (`ott_chat_messaging_write`, `OTT Write`,
    /// `tags_publish`).
    MissingLevel {
        /// The group the prefix or display name names.
        group: &'static Group,
        /// The level the group does not have.
        level: Level,
    },
    /// A group and a suffix that is no level at all (`email_readonly`, `email_create`).
    UnknownLevel {
        /// The group the prefix or display name names.
        group: &'static Group,
        /// The suffix as written.
        suffix: String,
    },
    /// Nothing recognizable: the closest tokens, best first (possibly none).
    Unrecognized {
        /// Up to three close tokens.
        suggestions: Vec<&'static Token>,
    },
}

impl UnknownToken {
    /// The tokens to suggest instead, best first: the token itself for [`Known`] and
    /// [`Spelling`]; the group's tokens (documented, then undocumented-here) for a missing
    /// level; the same, closest level to the suffix first, for an unknown level
    /// (`email_wirte` → `email_write` first); the close tokens otherwise.
    ///
    /// [`Known`]: UnknownToken::Known
    /// [`Spelling`]: UnknownToken::Spelling
    ///
    /// ```
    /// let e = scopewise::sfmc::CATALOG.explain_unknown("tags_publish");
    /// let names: Vec<_> = e.suggestions().iter().map(|t| t.name()).collect();
    /// assert_eq!(names, ["tags_write", "tags_read"]);
    /// ```
    pub fn suggestions(&self) -> Vec<&'static Token> {
        match self {
            UnknownToken::Known(t) | UnknownToken::Spelling(t) => vec![*t],
            UnknownToken::MissingLevel { group, .. } => group_tokens(group),
            UnknownToken::UnknownLevel { group, suffix } => {
                let suffix = suffix.to_ascii_lowercase();
                let closeness = |t: &Token| {
                    t.level()
                        .map_or(0.0, |l| strsim::jaro_winkler(&suffix, l.as_str()))
                };
                let mut tokens = group_tokens(group);
                // Stable: equally close levels keep the page's order.
                tokens.sort_by(|a, b| closeness(b).total_cmp(&closeness(a)));
                tokens
            }
            UnknownToken::Unrecognized { suggestions } => suggestions.clone(),
        }
    }
}

impl fmt::Display for UnknownToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnknownToken::Known(t) if t.is_documented() => {
                write!(f, "`{t}` is a documented token")
            }
            UnknownToken::Known(t) => write!(
                f,
                "`{t}` exists but the installed-package page does not document it"
            ),
            UnknownToken::Spelling(t) => match t.display_name() {
                Some(display) => write!(f, "the OAuth token for {display} is `{t}`"),
                None => write!(f, "the OAuth token is spelled `{t}`"),
            },
            UnknownToken::MissingLevel { group, level } => {
                let levels: Vec<&str> = group.levels().iter().map(|l| l.page_word()).collect();
                f.write_str(&wording::missing_level(
                    group.name(),
                    level.page_word(),
                    &levels,
                ))?;
                group_tokens_shown(f, group)
            }
            UnknownToken::UnknownLevel { group, suffix } => {
                write!(f, "`{suffix}` is not a level; ")?;
                group_levels(f, group)
            }
            UnknownToken::Unrecognized { suggestions } if suggestions.is_empty() => {
                f.write_str("no token is close")
            }
            UnknownToken::Unrecognized { suggestions } => {
                f.write_str("did you mean ")?;
                for (i, t) in suggestions.iter().enumerate() {
                    let sep = match i {
                        0 => "",
                        _ if i + 1 == suggestions.len() => " or ",
                        _ => ", ",
                    };
                    write!(f, "{sep}`{t}`")?;
                }
                f.write_str("?")
            }
        }
    }
}

fn group_tokens(group: &Group) -> Vec<&'static Token> {
    group
        .tokens()
        .iter()
        .chain(group.undocumented())
        .copied()
        .collect()
}

/// `it has Read and Send (`a`, `b`)`, plus the undocumented-here tokens if any.
fn group_levels(f: &mut fmt::Formatter<'_>, group: &Group) -> fmt::Result {
    let levels: Vec<&str> = group.levels().iter().map(|l| l.page_word()).collect();
    write!(f, "it has {}", wording::and_list(&levels))?;
    group_tokens_shown(f, group)
}

/// ` (`a`, `b`)`, the group's tokens, plus the undocumented-here ones if any.
fn group_tokens_shown(f: &mut fmt::Formatter<'_>, group: &Group) -> fmt::Result {
    f.write_str(" (")?;
    for (i, t) in group.tokens().iter().enumerate() {
        write!(f, "{}`{t}`", if i == 0 { "" } else { ", " })?;
    }
    f.write_str(")")?;
    for (i, t) in group.undocumented().iter().enumerate() {
        let sep = if i == 0 {
            "; undocumented here: "
        } else {
            ", "
        };
        write!(f, "{sep}`{t}`")?;
    }
    Ok(())
}
