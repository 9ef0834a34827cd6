//! What a table cell holds, decided by its content, not its column.
//!
//! The current and legacy copies collapsed empty cells, so an access type can sit in the
//! webhook column and an endpoint in the scope column. Every cell is therefore classified
//! on its own, and the row is rebuilt from the kinds it holds.

use scopewise_model::access::Access;
use scopewise_model::dataset::HttpMethod;

/// The content kinds of the four columns, in column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// `Scope`
    Scope = 0,
    /// `API Endpoints`
    Endpoint = 1,
    /// `Webhook Events`
    Webhook = 2,
    /// `Access Type`
    Access = 3,
}

impl Column {
    /// Lower-case name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Scope => "scope",
            Self::Endpoint => "endpoint",
            Self::Webhook => "webhook event",
            Self::Access => "access type",
        }
    }
}

/// One access type as the source spelled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessWord {
    /// What it means.
    pub access: Access,
    /// How it was written.
    pub spelling: &'static str,
}

impl AccessWord {
    /// Whether the spelling is the current English one (`Sub-Account`, `Agency`).
    pub fn is_canonical(self) -> bool {
        matches!(self.spelling, "Sub-Account" | "Agency")
    }
}

/// The spellings of access types found across the copies.
const ACCESS_WORDS: [AccessWord; 4] = [
    AccessWord {
        access: Access::SubAccount,
        spelling: "Sub-Account",
    },
    AccessWord {
        access: Access::Agency,
        spelling: "Agency",
    },
    // The Spanish (legacy) copy.
    AccessWord {
        access: Access::SubAccount,
        spelling: "Sub-cuenta",
    },
    // The v1 name of what is now the agency level.
    AccessWord {
        access: Access::Agency,
        spelling: "Company",
    },
];

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellKind {
    /// Nothing (or only white space / a no-break space).
    Empty,
    /// An HTML entity that markdown could not decode, such as the `&nbsb;` typo for
    /// `&nbsp;`: a cell meant to be blank.
    EntityTypo(String),
    /// A scope name such as `contacts.readonly`.
    Scope(String),
    /// `METHOD path`, the path as written.
    Endpoint {
        /// The method.
        method: HttpMethod,
        /// The path, exactly as the cell renders it.
        path: String,
    },
    /// A webhook event name such as `ContactCreate`.
    Webhook(String),
    /// A comma-separated list of access types.
    Access(Vec<AccessWord>),
}

impl CellKind {
    /// The column this kind of content belongs in; `None` for blank cells.
    pub fn column(&self) -> Option<Column> {
        match self {
            Self::Empty | Self::EntityTypo(_) => None,
            Self::Scope(_) => Some(Column::Scope),
            Self::Endpoint { .. } => Some(Column::Endpoint),
            Self::Webhook(_) => Some(Column::Webhook),
            Self::Access(_) => Some(Column::Access),
        }
    }
}

/// Classifies one cell's rendered text; `None` when it is none of the known kinds.
pub fn classify(text: &str) -> Option<CellKind> {
    let text = text.trim();
    if text.is_empty() {
        return Some(CellKind::Empty);
    }
    if is_entity(text) {
        return Some(CellKind::EntityTypo(text.to_owned()));
    }
    if let Some(words) = access_list(text) {
        return Some(CellKind::Access(words));
    }
    if let Some((method, path)) = text.split_once(char::is_whitespace)
        && let Some(method) = HttpMethod::parse(method)
    {
        let path = path.trim();
        if !path.is_empty() {
            return Some(CellKind::Endpoint {
                method,
                path: path.to_owned(),
            });
        }
    }
    if is_scope_name(text) {
        return Some(CellKind::Scope(text.to_owned()));
    }
    if is_event_name(text) {
        return Some(CellKind::Webhook(text.to_owned()));
    }
    None
}

/// `&name;` left undecoded by markdown (only unknown entities survive rendering).
fn is_entity(text: &str) -> bool {
    text.strip_prefix('&')
        .and_then(|t| t.strip_suffix(';'))
        .is_some_and(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn access_list(text: &str) -> Option<Vec<AccessWord>> {
    text.split(',')
        .map(|word| {
            let word = word.trim();
            ACCESS_WORDS.iter().copied().find(|a| a.spelling == word)
        })
        .collect()
}

/// `resource[/sub].level`: letters, digits, `_`, `-` and `/` before one dot, letters after.
fn is_scope_name(text: &str) -> bool {
    let Some((resource, level)) = text.rsplit_once('.') else {
        return false;
    };
    resource.starts_with(|c: char| c.is_ascii_alphabetic())
        && resource
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/'))
        && !level.is_empty()
        && level.chars().all(|c| c.is_ascii_alphabetic())
}

/// `PascalCase` identifiers: how every webhook event is named. At least one lower-case
/// letter, so a stray `GET` or `PUT` is not taken for an event.
fn is_event_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().any(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> CellKind {
        classify(text).unwrap_or_else(|| panic!("{text:?} should classify"))
    }

    #[test]
    fn classifies_each_kind_by_content() {
        assert_eq!(
            kind("contacts.readonly"),
            CellKind::Scope("contacts.readonly".into())
        );
        assert_eq!(
            kind("documents_contracts_templates/sendlink.write"),
            CellKind::Scope("documents_contracts_templates/sendlink.write".into())
        );
        assert_eq!(
            kind("adPublishing.readOnly"),
            CellKind::Scope("adPublishing.readOnly".into())
        );
        assert_eq!(
            kind("GET conversations/messages/:messageId/locations/:locationId/recording"),
            CellKind::Endpoint {
                method: HttpMethod::Get,
                path: "conversations/messages/:messageId/locations/:locationId/recording".into()
            }
        );
        assert_eq!(
            kind("ContactDndUpdate"),
            CellKind::Webhook("ContactDndUpdate".into())
        );
        assert_eq!(kind(""), CellKind::Empty);
        assert_eq!(kind("\u{a0}"), CellKind::Empty);
        assert_eq!(kind("&nbsb;"), CellKind::EntityTypo("&nbsb;".into()));
    }

    #[test]
    fn access_words_win_over_event_names() {
        // `Agency` and `Company` are PascalCase too; they are access types.
        let CellKind::Access(words) = kind("Sub-Account, Company") else {
            panic!("not access")
        };
        assert_eq!(
            words
                .iter()
                .map(|w| (w.access, w.spelling))
                .collect::<Vec<_>>(),
            [
                (Access::SubAccount, "Sub-Account"),
                (Access::Agency, "Company")
            ]
        );
        assert!(!words[1].is_canonical());
        assert!(matches!(kind("Agency"), CellKind::Access(_)));
        assert!(matches!(kind("Sub-cuenta"), CellKind::Access(_)));
    }

    #[test]
    fn unknown_content_is_not_guessed() {
        for text in [
            "Sub Account",
            "get /contacts",
            "GET",
            "Webhook events",
            "a.b.c d",
            "★★★★★",
        ] {
            assert_eq!(classify(text), None, "{text:?}");
        }
    }
}
