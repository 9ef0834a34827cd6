//! Ingest errors: every one names the file, and the line and column when there is one.

use std::fmt;

/// Where in a source something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, relative to the repository root.
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<u32>,
    /// 1-based column, if known.
    pub column: Option<u32>,
}

impl Location {
    /// A whole file.
    pub fn file(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            column: None,
        }
    }

    /// A line of a file.
    pub fn line(file: &str, line: u32) -> Self {
        Self {
            line: Some(line),
            ..Self::file(file)
        }
    }

    /// A line and column of a file.
    pub fn cell(file: &str, line: u32, column: u32) -> Self {
        Self {
            line: Some(line),
            column: Some(column),
            ..Self::file(file)
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Why the ingest stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// Where.
    pub location: Location,
    /// What was wrong, and what was expected.
    pub message: String,
}

impl IngestError {
    /// An error at `location`.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for IngestError {}
