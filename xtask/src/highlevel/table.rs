//! Reads the GFM table of a markdown file with pulldown-cmark, keeping where each cell is.
//!
//! The table is the only thing read from the file: the text around it (titles, front
//! matter, feedback widgets) is ignored. Cell text is what markdown renders (escapes such
//! as `\_` are resolved), and each cell keeps its raw source slice so later stages can tell
//! what the vendor actually typed.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::error::{IngestError, Location};

/// One table cell: its rendered text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text markdown renders, trimmed.
    pub text: String,
    /// The cell's source text as written (between its pipes), trimmed.
    pub raw: String,
    /// 1-based column of the cell's first byte in its line.
    pub column: u32,
}

/// One body row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line number.
    pub line: u32,
    /// The whole line as written in the file.
    pub text: String,
    /// The cells markdown found (GFM pads short rows with empty cells and drops extra ones).
    pub cells: Vec<Cell>,
    /// Whether this is the file's last line and the file does not end with a newline:
    /// a sign that the copy was cut off in the middle of the row.
    pub at_unterminated_eof: bool,
}

/// The first table of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// Line of the header row.
    pub header_line: u32,
    /// Header cell texts.
    pub header: Vec<String>,
    /// Body rows, in file order.
    pub rows: Vec<RawRow>,
}

/// Byte offset → (line, column), both 1-based.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn locate(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        (line as u32, (offset - start + 1) as u32)
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line_text<'a>(&self, text: &'a str, line: u32) -> &'a str {
        let i = line as usize - 1;
        let start = self.starts[i];
        let end = self.starts.get(i + 1).map_or(text.len(), |&e| e - 1);
        text[start..end].trim_end_matches('\r')
    }
}

/// Parses the first GFM table of `text`. `file` names the file in errors.
pub fn read_table(file: &str, text: &str) -> Result<RawTable, IngestError> {
    let index = LineIndex::new(text);
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();

    let mut table: Option<RawTable> = None;
    let mut in_head = false;
    let mut row: Option<(usize, Vec<Cell>)> = None;
    let mut cell: Option<(usize, String)> = None;
    let mut header: Vec<String> = Vec::new();
    let mut header_line = 0;

    for (event, range) in parser {
        match event {
            Event::Start(Tag::Table(_)) if table.is_none() => {
                let (line, _) = index.locate(range.start);
                header_line = line;
                table = Some(RawTable {
                    header_line: line,
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) if table.is_some() => break,
            _ if table.is_none() => {}
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row = Some((range.start, Vec::new())),
            Event::Start(Tag::TableCell) => cell = Some((range.start, String::new())),
            Event::End(TagEnd::TableCell) => {
                if let Some((start, rendered)) = cell.take() {
                    let raw = text[start..range.end].trim_matches('|').trim().to_owned();
                    if in_head {
                        header.push(rendered.trim().to_owned());
                    } else if let Some((_, cells)) = row.as_mut() {
                        // Point at the cell's content, past the pipe and the padding.
                        let slice = &text[start..range.end];
                        let lead = slice.len() - slice.trim_start_matches(['|', ' ', '\t']).len();
                        let (_, column) = index.locate(start + lead);
                        cells.push(Cell {
                            text: rendered.trim_matches(is_blank).to_owned(),
                            raw,
                            column,
                        });
                    }
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some((start, cells)), Some(t)) = (row.take(), table.as_mut()) {
                    let (line, _) = index.locate(start);
                    let line_text = index.line_text(text, line);
                    let is_last_line = line as usize == index.starts.len();
                    t.rows.push(RawRow {
                        line,
                        text: line_text.to_owned(),
                        cells,
                        at_unterminated_eof: is_last_line && !text.ends_with('\n'),
                    });
                }
            }
            Event::Text(s) | Event::Code(s) | Event::InlineHtml(s) | Event::Html(s) => {
                if let Some((_, rendered)) = cell.as_mut() {
                    rendered.push_str(&s);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, rendered)) = cell.as_mut() {
                    rendered.push(' ');
                }
            }
            _ => {}
        }
    }

    let mut table = table.ok_or_else(|| {
        IngestError::at(
            Location::file(file),
            "no markdown table found (expected a `| Scope | ... |` header and a `|---|` delimiter row)",
        )
    })?;
    if header.is_empty() {
        return Err(IngestError::at(
            Location::line(file, header_line),
            "the table has no header row",
        ));
    }
    table.header = header;
    Ok(table)
}

/// Whitespace, including the no-break space that `&nbsp;` renders to.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cells_with_lines_and_columns() {
        let md = "Title\n\n| Scope | API Endpoints |\n|---|---|\n| a.readonly | GET /a |\n|  | GET /b\\_c |\n";
        let t = read_table("x.md", md).unwrap();
        assert_eq!(t.header, ["Scope", "API Endpoints"]);
        assert_eq!(t.header_line, 3);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 5);
        assert_eq!(t.rows[0].cells[1].text, "GET /a");
        assert_eq!(t.rows[0].cells[1].column, 16);
        // Markdown escapes are resolved in the text, kept in the raw slice.
        assert_eq!(t.rows[1].cells[1].text, "GET /b_c");
        assert_eq!(t.rows[1].cells[1].raw, "GET /b\\_c");
        assert_eq!(t.rows[1].cells[0].text, "");
        assert!(!t.rows[1].at_unterminated_eof);
    }

    #[test]
    fn short_rows_are_padded_and_a_cut_last_line_is_flagged() {
        let md = "| A | B | C |\n|---|---|---|\n| x | y |";
        let t = read_table("x.md", md).unwrap();
        let cells: Vec<_> = t.rows[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["x", "y", ""]);
        assert!(t.rows[0].at_unterminated_eof);
    }

    #[test]
    fn a_file_without_a_table_is_an_error_naming_the_file() {
        let err = read_table("notes.md", "# Scopes\n\nno table here\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes.md: no markdown table found (expected a `| Scope | ... |` header and a `|---|` delimiter row)"
        );
    }

    #[test]
    fn pipes_without_a_delimiter_row_are_not_a_table() {
        // The 2025-10-11 copy's front matter has `title: **Scopes** | HighLevel API`.
        let err = read_table("f.md", "title: **Scopes** | HighLevel API\n---\n").unwrap_err();
        assert!(err.to_string().starts_with("f.md: no markdown table found"));
    }

    #[test]
    fn line_index_locates_offsets() {
        let idx = LineIndex::new("ab\ncd\n");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(4), (2, 2));
        assert_eq!(idx.line_text("ab\ncd\n", 2), "cd");
    }
}
