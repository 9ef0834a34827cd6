//! The one error type of the SFMC ingest: what went wrong, in which file, on which line.

use std::fmt;

use scopewise_model::sfmc_vocabulary::Level;

/// An ingest failure, located in a file (and a 1-based line when one is to blame).
///
/// Displays as `file:line: what`, the form editors and CI annotate.
#[derive(Debug)]
pub struct SfmcError {
    /// The file at fault, as the caller named it (relative to the repository root).
    pub file: String,
    /// The 1-based line at fault, when the problem is on one line.
    pub line: Option<u32>,
    /// What is wrong.
    pub kind: SfmcErrorKind,
}

impl SfmcError {
    pub(crate) fn at(file: &str, line: u32, kind: SfmcErrorKind) -> Self {
        Self {
            file: file.to_owned(),
            line: Some(line),
            kind,
        }
    }

    pub(crate) fn in_file(file: &str, line: Option<u32>, kind: SfmcErrorKind) -> Self {
        Self {
            file: file.to_owned(),
            line,
            kind,
        }
    }
}

impl fmt::Display for SfmcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl std::error::Error for SfmcError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            SfmcErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// What is wrong with an input file.
#[derive(Debug)]
#[non_exhaustive]
pub enum SfmcErrorKind {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not UTF-8 (the line is where the first invalid byte is).
    NotUtf8,
    /// The page has no text at all.
    EmptyPage,
    /// An `Available scope(s):` sentence that no group name precedes.
    ScopesWithoutGroup {
        /// The line's text.
        found: String,
    },
    /// A group name not followed by its `Available scope(s):` sentence.
    MissingScopes {
        /// The group's name.
        group: String,
        /// What came instead (`None`: the file ended).
        found: Option<String>,
    },
    /// `Available scope` not followed by `:` or `s:`.
    MalformedScopes {
        /// The line's text.
        found: String,
    },
    /// `Available scopes:` with no level after it.
    NoLevels,
    /// A level word outside {Read, Write, Send, Publish, Post, Execute}.
    UnknownLevel {
        /// The word as written.
        word: String,
    },
    /// A level listed twice for one group.
    DuplicateLevel {
        /// The level.
        level: Level,
    },
    /// Two groups with the same name.
    DuplicateGroup {
        /// The name.
        group: String,
        /// Where the first one is.
        first_line: u32,
    },
    /// The page has no group before the SOAP table.
    NoGroups,
    /// The SOAP table's `ObjectOperationDescription` header is missing where it belongs.
    MissingTableHeader {
        /// What came instead (`None`: the file ended).
        found: Option<String>,
    },
    /// The SOAP table has no rows.
    NoSoapRows,
    /// A SOAP table row that does not split into object, operations and description.
    SoapRow {
        /// The row's text.
        row: String,
        /// Why it does not split.
        problem: &'static str,
    },
    /// Two SOAP rows for the same object.
    DuplicateSoapObject {
        /// The object.
        object: String,
        /// Where the first one is.
        first_line: u32,
    },
    /// The curated file is not valid YAML for [`scopewise_model::sfmc::TokenMapping`].
    Yaml {
        /// The parser's message.
        message: String,
    },
    /// A page group without an entry in the curated file (located on the page).
    UnmappedGroup {
        /// The group's display name.
        group: String,
        /// The curated file that lacks it.
        mapping_file: String,
    },
    /// A curated entry for a group the page does not have.
    MappingForUnknownGroup {
        /// The name in the curated file.
        group: String,
    },
    /// Two curated entries for one group.
    DuplicateMapping {
        /// The group.
        group: String,
    },
    /// Two groups mapped to one prefix.
    DuplicatePrefix {
        /// The prefix.
        prefix: String,
        /// The group that has it first.
        first_group: String,
    },
    /// A prefix or token that is not lower snake case.
    NotSnakeCase {
        /// `prefix` or `token`.
        what: &'static str,
        /// The value.
        value: String,
    },
    /// A prefix that is not the display name in snake case, without a `reason`.
    ReasonRequired {
        /// The group.
        group: String,
        /// Its curated prefix.
        prefix: String,
        /// The snake-case display name the prefix departs from.
        snake_name: String,
    },
    /// A `reason` or `evidence` that is present but empty.
    EmptyNote {
        /// Whose note (group name or token).
        entry: String,
        /// `reason` or `evidence`.
        field: &'static str,
    },
    /// An undocumented token that the page does document.
    UndocumentedIsDocumented {
        /// The token.
        token: String,
        /// The group that documents it.
        group: String,
        /// The page line that lists it.
        page_line: u32,
    },
    /// The same undocumented token twice.
    DuplicateUndocumented {
        /// The token.
        token: String,
    },
    /// Two groups produce the same documented token.
    DuplicateToken {
        /// The token.
        token: String,
    },
    /// A line no construct of the page grammar consumed (a bug in the parser, reported
    /// instead of dropping the line).
    UnaccountedLine {
        /// The line's text.
        found: String,
    },
    /// `build_catalog` was given bytes other than those the page was parsed from.
    SourceMismatch,
}

impl fmt::Display for SfmcErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "cannot read: {e}"),
            Self::NotUtf8 => f.write_str("not UTF-8"),
            Self::EmptyPage => f.write_str("the page is empty"),
            Self::ScopesWithoutGroup { found } => write!(
                f,
                "an `Available scope(s):` sentence with no group name before it: {found:?}"
            ),
            Self::MissingScopes { group, found } => match found {
                Some(found) => write!(
                    f,
                    "group `{group}` has no `Available scope(s):` sentence; expected it on the next \
                     non-blank line, found {found:?}"
                ),
                None => write!(
                    f,
                    "group `{group}` has no `Available scope(s):` sentence; the file ends"
                ),
            },
            Self::MalformedScopes { found } => write!(
                f,
                "expected `Available scopes:` or `Available scope:` followed by levels, found {found:?}"
            ),
            Self::NoLevels => f.write_str("`Available scope(s):` lists no level"),
            Self::UnknownLevel { word } => write!(
                f,
                "unknown level {word:?}; expected one of Read, Write, Send, Publish, Post, Execute"
            ),
            Self::DuplicateLevel { level } => write!(f, "level {level} is listed twice"),
            Self::DuplicateGroup { group, first_line } => {
                write!(f, "group `{group}` again (first on line {first_line})")
            }
            Self::NoGroups => f.write_str("no scope group before the SOAP table"),
            Self::MissingTableHeader { found } => match found {
                Some(found) => write!(
                    f,
                    "expected the SOAP table header `ObjectOperationDescription`, found {found:?}"
                ),
                None => f.write_str(
                    "expected the SOAP table header `ObjectOperationDescription`; the file ends",
                ),
            },
            Self::NoSoapRows => f.write_str("the SOAP table has no rows"),
            Self::SoapRow { row, problem } => write!(
                f,
                "SOAP row {row:?} does not split into <Object><Operation>[, <Operation>...]<Description>: \
                 {problem}"
            ),
            Self::DuplicateSoapObject { object, first_line } => {
                write!(
                    f,
                    "SOAP object `{object}` again (first on line {first_line})"
                )
            }
            Self::Yaml { message } => write!(f, "invalid token mapping: {message}"),
            Self::UnmappedGroup {
                group,
                mapping_file,
            } => write!(f, "group `{group}` has no entry in {mapping_file}"),
            Self::MappingForUnknownGroup { group } => {
                write!(f, "entry for group `{group}`, which the page does not have")
            }
            Self::DuplicateMapping { group } => {
                write!(f, "group `{group}` has more than one entry")
            }
            Self::DuplicatePrefix {
                prefix,
                first_group,
            } => write!(
                f,
                "prefix `{prefix}` is already the prefix of `{first_group}`"
            ),
            Self::NotSnakeCase { what, value } => {
                write!(
                    f,
                    "{what} {value:?} is not lower snake case ([a-z0-9] words joined by `_`)"
                )
            }
            Self::ReasonRequired {
                group,
                prefix,
                snake_name,
            } => write!(
                f,
                "group `{group}` maps to `{prefix}`, not `{snake_name}`: give a `reason`"
            ),
            Self::EmptyNote { entry, field } => write!(f, "`{entry}` has an empty `{field}`"),
            Self::UndocumentedIsDocumented {
                token,
                group,
                page_line,
            } => write!(
                f,
                "`{token}` is listed as undocumented, but the page documents it (group `{group}`, \
                 line {page_line})"
            ),
            Self::DuplicateUndocumented { token } => {
                write!(f, "undocumented token `{token}` is listed twice")
            }
            Self::DuplicateToken { token } => {
                write!(f, "two groups produce the token `{token}`")
            }
            Self::UnaccountedLine { found } => {
                write!(
                    f,
                    "no part of the page grammar accounts for this line: {found:?}"
                )
            }
            Self::SourceMismatch => {
                f.write_str("the source bytes are not the text the page was parsed from")
            }
        }
    }
}
