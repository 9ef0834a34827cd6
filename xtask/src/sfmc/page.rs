//! Parsing the vendor page: groups with their levels, the SOAP table, and what each line is.
//!
//! The page is a title, intro paragraphs, then groups, then a SOAP table. Paragraphs are
//! separated by blank lines; every non-blank line is one paragraph. The grammar, by line:
//!
//! - **title**: the first non-blank line.
//! - **intro**: the following lines that end with `.` and hold no `Available scope`.
//! - **group name**: a line that does not end with `.` (`Journeys (Interactions)`), followed
//!   by its **group scopes** line: an optional description, then `Available scope:` or
//!   `Available scopes:` and the levels (`Read, Write, and Send.` and variants).
//! - **table intro**: after the groups, a line that ends with `.`; then the **table header**
//!   `ObjectOperationDescription`; then one **SOAP row** per line.
//!
//! Anything else is an error naming the file and line, so no line can be dropped silently;
//! [`SfmcPage::lines`] records which construct consumed each line.

use sha2::{Digest, Sha256};

use scopewise_model::sfmc::SoapObject;
use scopewise_model::sfmc_vocabulary::{Level, SoapOperation};

use super::error::{SfmcError, SfmcErrorKind};

/// The SOAP table's header, whose column separators the copy lost.
pub const TABLE_HEADER: &str = "ObjectOperationDescription";

const SCOPES_MARKER: &str = "Available scope";

/// The vendor page, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SfmcPage {
    /// The file name the page was read from, as the caller gave it.
    pub file: String,
    /// SHA-256 (hex) of the text the page was parsed from.
    pub sha256: String,
    /// The page title (its first line).
    pub title: String,
    /// The scope groups, in page order.
    pub groups: Vec<PageGroup>,
    /// The SOAP table rows, in page order.
    pub soap_rows: Vec<SoapObject>,
    /// What consumed each line: `lines[i]` is line `i + 1`. Its length is the number of lines
    /// `str::lines` yields.
    pub lines: Vec<LineRole>,
}

/// A scope group as the page has it, before the curated prefix is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageGroup {
    /// The display name, e.g. `Journeys (Interactions)`.
    pub name: String,
    /// The description before `Available scope(s):`, if the line has one.
    pub description: Option<String>,
    /// The levels in page order.
    pub levels: Vec<Level>,
    /// 1-based line of the name.
    pub line: u32,
    /// 1-based line of the `Available scope(s):` sentence.
    pub scopes_line: u32,
}

/// Which construct of the page consumed a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineRole {
    /// The page title.
    Title,
    /// An intro paragraph.
    Intro,
    /// An empty (or whitespace-only) line.
    Blank,
    /// The name of `groups[group]`.
    GroupName {
        /// Index into [`SfmcPage::groups`].
        group: usize,
    },
    /// The description and `Available scope(s):` sentence of `groups[group]`.
    GroupScopes {
        /// Index into [`SfmcPage::groups`].
        group: usize,
    },
    /// The sentence that introduces the SOAP table.
    TableIntro,
    /// `ObjectOperationDescription`.
    TableHeader,
    /// `soap_rows[row]`.
    SoapRow {
        /// Index into [`SfmcPage::soap_rows`].
        row: usize,
    },
}

impl LineRole {
    /// A short stable name: `title`, `intro`, `blank`, `group-name`, `group-scopes`,
    /// `table-intro`, `table-header`, `soap-row`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Intro => "intro",
            Self::Blank => "blank",
            Self::GroupName { .. } => "group-name",
            Self::GroupScopes { .. } => "group-scopes",
            Self::TableIntro => "table-intro",
            Self::TableHeader => "table-header",
            Self::SoapRow { .. } => "soap-row",
        }
    }
}

/// A group's scopes line, split: the description (if any) and the levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopesSentence<'a> {
    /// The text before `Available scope(s):`, trimmed; `None` when there is none.
    pub description: Option<&'a str>,
    /// The levels in the order written.
    pub levels: Vec<Level>,
}

/// A SOAP row split into its three columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapSplit<'a> {
    /// The object, e.g. `LowLatencyTransactionalSend`.
    pub object: &'a str,
    /// The operations in the order written.
    pub operations: Vec<SoapOperation>,
    /// The description, starting right after the last operation.
    pub description: &'a str,
}

/// 1-based line number of the 0-based index `i`.
fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

fn is_scopes_line(text: &str) -> bool {
    text.contains(SCOPES_MARKER)
}

/// Parses the page. `file` is only used to name the file in errors and in the result.
///
/// Fails, naming `file` and the line, on a group without its `Available scope(s):`
/// sentence, an unknown or repeated level, a missing table header, a SOAP row that does not
/// split, a repeated group or SOAP object, or any line the grammar above does not explain.
pub fn parse_page(text: &str, file: &str) -> Result<SfmcPage, SfmcError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut roles: Vec<Option<LineRole>> = lines
        .iter()
        .map(|l| l.trim().is_empty().then_some(LineRole::Blank))
        .collect();
    // Non-blank lines, each a paragraph, with their 0-based index.
    let mut paragraphs = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i, l.trim()))
        .peekable();

    let Some((title_at, title)) = paragraphs.next() else {
        return Err(SfmcError::in_file(file, None, SfmcErrorKind::EmptyPage));
    };
    roles[title_at] = Some(LineRole::Title);

    while let Some(&(i, text)) = paragraphs.peek() {
        if is_scopes_line(text) || !text.ends_with('.') {
            break;
        }
        roles[i] = Some(LineRole::Intro);
        paragraphs.next();
    }

    let mut groups: Vec<PageGroup> = Vec::new();
    let header_at = loop {
        let Some((i, text)) = paragraphs.next() else {
            let last = lines.len().saturating_sub(1);
            return Err(SfmcError::at(
                file,
                line_no(last),
                SfmcErrorKind::MissingTableHeader { found: None },
            ));
        };
        if is_scopes_line(text) {
            return Err(SfmcError::at(
                file,
                line_no(i),
                SfmcErrorKind::ScopesWithoutGroup {
                    found: text.to_owned(),
                },
            ));
        }
        if text == TABLE_HEADER {
            break i;
        }
        if text.ends_with('.') {
            roles[i] = Some(LineRole::TableIntro);
            match paragraphs.next() {
                Some((h, TABLE_HEADER)) => break h,
                Some((h, found)) => {
                    return Err(SfmcError::at(
                        file,
                        line_no(h),
                        SfmcErrorKind::MissingTableHeader {
                            found: Some(found.to_owned()),
                        },
                    ));
                }
                None => {
                    return Err(SfmcError::at(
                        file,
                        line_no(i),
                        SfmcErrorKind::MissingTableHeader { found: None },
                    ));
                }
            }
        }
        // A group name: its scopes sentence must be the next paragraph.
        let (s, scopes) = match paragraphs.next() {
            Some((s, scopes)) if is_scopes_line(scopes) => (s, scopes),
            other => {
                return Err(SfmcError::at(
                    file,
                    line_no(i),
                    SfmcErrorKind::MissingScopes {
                        group: text.to_owned(),
                        found: other.map(|(_, t)| t.to_owned()),
                    },
                ));
            }
        };
        if let Some(first) = groups.iter().find(|g| g.name == text) {
            return Err(SfmcError::at(
                file,
                line_no(i),
                SfmcErrorKind::DuplicateGroup {
                    group: text.to_owned(),
                    first_line: first.line,
                },
            ));
        }
        let sentence =
            parse_scopes_sentence(scopes).map_err(|kind| SfmcError::at(file, line_no(s), kind))?;
        roles[i] = Some(LineRole::GroupName {
            group: groups.len(),
        });
        roles[s] = Some(LineRole::GroupScopes {
            group: groups.len(),
        });
        groups.push(PageGroup {
            name: text.to_owned(),
            description: sentence.description.map(str::to_owned),
            levels: sentence.levels,
            line: line_no(i),
            scopes_line: line_no(s),
        });
    };
    roles[header_at] = Some(LineRole::TableHeader);
    if groups.is_empty() {
        return Err(SfmcError::at(
            file,
            line_no(header_at),
            SfmcErrorKind::NoGroups,
        ));
    }

    let mut soap_rows: Vec<SoapObject> = Vec::new();
    for (i, row) in paragraphs {
        let split = split_soap_row(row).map_err(|problem| {
            SfmcError::at(
                file,
                line_no(i),
                SfmcErrorKind::SoapRow {
                    row: row.to_owned(),
                    problem,
                },
            )
        })?;
        if let Some(first) = soap_rows.iter().find(|r| r.object == split.object) {
            return Err(SfmcError::at(
                file,
                line_no(i),
                SfmcErrorKind::DuplicateSoapObject {
                    object: split.object.to_owned(),
                    first_line: first.line,
                },
            ));
        }
        roles[i] = Some(LineRole::SoapRow {
            row: soap_rows.len(),
        });
        soap_rows.push(SoapObject {
            object: split.object.to_owned(),
            operations: split.operations,
            description: split.description.to_owned(),
            line: line_no(i),
        });
    }
    if soap_rows.is_empty() {
        return Err(SfmcError::at(
            file,
            line_no(header_at),
            SfmcErrorKind::NoSoapRows,
        ));
    }

    // Every non-blank line went through exactly one branch above; this only guards a future
    // edit of the grammar from dropping a line silently.
    let lines = roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| {
            role.ok_or_else(|| {
                SfmcError::at(
                    file,
                    line_no(i),
                    SfmcErrorKind::UnaccountedLine {
                        found: lines.get(i).copied().unwrap_or_default().to_owned(),
                    },
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    Ok(SfmcPage {
        file: file.to_owned(),
        sha256: sha256_hex(text.as_bytes()),
        title: title.to_owned(),
        groups,
        soap_rows,
        lines,
    })
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Splits a group's scopes line into description and levels.
///
/// Accepts `Available scopes:` and `Available scope:`, lists joined by `, `, ` and ` or
/// `, and `, with or without a final period: `Read, Write, and Send.`, `Read and Write`,
/// `Read, Write`, `Write.`. The singular/plural wording is not checked against the count.
pub fn parse_scopes_sentence(line: &str) -> Result<ScopesSentence<'_>, SfmcErrorKind> {
    let malformed = || SfmcErrorKind::MalformedScopes {
        found: line.to_owned(),
    };
    let at = line.find(SCOPES_MARKER).ok_or_else(malformed)?;
    let description = Some(line[..at].trim()).filter(|d| !d.is_empty());
    let rest = &line[at + SCOPES_MARKER.len()..];
    let list = rest
        .strip_prefix("s:")
        .or_else(|| rest.strip_prefix(':'))
        .ok_or_else(malformed)?
        .trim();
    let list = list.strip_suffix('.').unwrap_or(list).trim_end();
    if list.is_empty() {
        return Err(SfmcErrorKind::NoLevels);
    }
    let mut levels = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        let item = item.strip_prefix("and ").unwrap_or(item);
        for word in item.split(" and ") {
            let word = word.trim();
            let level = Level::from_page_word(word).ok_or_else(|| SfmcErrorKind::UnknownLevel {
                word: word.to_owned(),
            })?;
            if levels.contains(&level) {
                return Err(SfmcErrorKind::DuplicateLevel { level });
            }
            levels.push(level);
        }
    }
    Ok(ScopesSentence {
        description,
        levels,
    })
}

/// Splits a SOAP row whose column separators were lost, by this rule:
///
/// - the **object** is a CamelCase word (ASCII letters and digits, starting upper-case);
/// - the **operations** follow it directly: one or more of {Create, Delete, Perform,
///   Retrieve, Update}, separated by `, `;
/// - the **description** starts right after the last operation and starts upper-case.
///
/// When more than one object length satisfies the rule, the longest object wins, so a
/// description never starts with a glued CamelCase word; no row of the current page needs
/// that tie-break ([`soap_row_splits`] finds exactly one split for each).
///
/// Why `LowLatencyTransactionalSendCreateSend a transactional email.` splits as
/// `LowLatencyTransactionalSend` / `Create` / `Send a transactional email.`: `Send` is not a
/// SOAP operation, so the operation list can only start at `Create`; one operation without
/// `, ` ends the list, so `Send` begins the description.
pub fn split_soap_row(row: &str) -> Result<SoapSplit<'_>, &'static str> {
    if row.contains('\t') {
        return Err("the row contains a tab; expected the columns glued together");
    }
    soap_row_splits(row).pop().ok_or(
        "no CamelCase object followed by operations from {Create, Delete, Perform, Retrieve, \
         Update} and an upper-case description",
    )
}

/// Every split of `row` that satisfies [`split_soap_row`]'s rule, shortest object first.
pub fn soap_row_splits(row: &str) -> Vec<SoapSplit<'_>> {
    let mut splits = Vec::new();
    if !row.starts_with(|c: char| c.is_ascii_uppercase()) {
        return splits;
    }
    for (at, c) in row.char_indices().skip(1) {
        // Every character before `at` is alphanumeric, so `row[..at]` is a CamelCase word.
        match split_operations(&row[at..]) {
            Some((operations, description))
                if description.starts_with(|c: char| c.is_uppercase()) =>
            {
                splits.push(SoapSplit {
                    object: &row[..at],
                    operations,
                    description,
                });
            }
            _ => {}
        }
        if !c.is_ascii_alphanumeric() {
            break;
        }
    }
    splits
}

/// `Create, DeleteText` → (`[Create, Delete]`, `Text`); `None` unless `s` starts with an
/// operation. Greedy: an operation list continues only after `, `.
fn split_operations(s: &str) -> Option<(Vec<SoapOperation>, &str)> {
    let mut operations = Vec::new();
    let mut rest = s;
    loop {
        let op = SoapOperation::ALL
            .into_iter()
            .find(|op| rest.starts_with(op.as_str()))?;
        if operations.contains(&op) {
            return None;
        }
        operations.push(op);
        rest = &rest[op.as_str().len()..];
        match rest.strip_prefix(", ") {
            Some(next)
                if SoapOperation::ALL
                    .iter()
                    .any(|op| next.starts_with(op.as_str())) =>
            {
                rest = next;
            }
            _ => return Some((operations, rest)),
        }
    }
}
