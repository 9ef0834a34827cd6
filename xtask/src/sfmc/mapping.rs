//! Reading the curated token mapping, `data/sfmc/tokens.yaml`.

use scopewise_model::sfmc::TokenMapping;

use super::error::{SfmcError, SfmcErrorKind};
use super::page::sha256_hex;

/// The curated mapping with what is needed to blame a line of it in errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedMapping {
    /// The file name, as the caller gave it.
    pub file: String,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    /// How many lines the file has (`str::lines`).
    pub line_count: u32,
    /// The parsed entries.
    pub mapping: TokenMapping,
    text: String,
}

impl CuratedMapping {
    /// Parses the file's text; a YAML or schema error names the file and line.
    pub fn parse(text: &str, file: &str) -> Result<Self, SfmcError> {
        let mapping: TokenMapping = serde_yaml::from_str(text).map_err(|e| {
            let line = e
                .location()
                .and_then(|l| u32::try_from(l.line()).ok())
                .filter(|&l| l > 0);
            SfmcError::in_file(
                file,
                line,
                SfmcErrorKind::Yaml {
                    message: e.to_string(),
                },
            )
        })?;
        Ok(Self {
            file: file.to_owned(),
            sha256: sha256_hex(text.as_bytes()),
            line_count: u32::try_from(text.lines().count()).unwrap_or(u32::MAX),
            mapping,
            text: text.to_owned(),
        })
    }

    /// The 1-based line of the entry whose `key` is `value` (`name: Email`, `token: offline`),
    /// in block or flow style, plain or quoted; `None` if no line has it.
    pub fn line_of(&self, key: &str, value: &str) -> Option<u32> {
        self.line_of_nth(key, value, 0)
    }

    /// Like [`line_of`](Self::line_of), for the `nth` (0-based) such entry: a duplicate is
    /// blamed on its second occurrence, not its first.
    pub fn line_of_nth(&self, key: &str, value: &str, nth: usize) -> Option<u32> {
        let forms = [
            format!("{key}: {value}"),
            format!("{key}: \"{value}\""),
            format!("{key}: '{value}'"),
        ];
        let found = self
            .text
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                forms.iter().any(|form| {
                    line.match_indices(form.as_str()).any(|(at, _)| {
                        let before = line[..at].chars().next_back();
                        let after = line[at + form.len()..].chars().next();
                        matches!(before, None | Some(' ' | '{' | '-' | ','))
                            && matches!(after, None | Some(',' | ' ' | '}' | '#'))
                    })
                })
            })
            .nth(nth)?
            .0;
        u32::try_from(found + 1).ok()
    }

    /// An error located at the `nth` (0-based) entry whose `key` is `value`.
    pub(crate) fn error_at(
        &self,
        key: &str,
        value: &str,
        nth: usize,
        kind: SfmcErrorKind,
    ) -> SfmcError {
        SfmcError::in_file(&self.file, self.line_of_nth(key, value, nth), kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_finds_block_flow_and_quoted_entries_but_not_substrings() {
        let text = "groups:\n  - { name: Email, prefix: email }\n  - name: \"OTT\"\n    \
                    prefix: ott_chat_messaging\n  - name: OTT Channels\n    prefix: ott_channels\n";
        let m = CuratedMapping::parse(text, "tokens.yaml").unwrap();
        assert_eq!(m.line_of("name", "Email"), Some(2));
        assert_eq!(m.line_of("name", "OTT"), Some(3));
        assert_eq!(m.line_of("name", "OTT Channels"), Some(5));
        assert_eq!(m.line_of("prefix", "ott_chat_messaging"), Some(4));
        assert_eq!(m.line_of("prefix", "ott"), None);
        assert_eq!(m.line_of("name", "Push"), None);
        let dup = CuratedMapping::parse(
            "groups:\n  - { name: A, prefix: a }\n  - { name: A, prefix: b }\n",
            "t.yaml",
        )
        .unwrap();
        assert_eq!(dup.line_of_nth("name", "A", 0), Some(2));
        assert_eq!(dup.line_of_nth("name", "A", 1), Some(3));
        assert_eq!(dup.line_of_nth("name", "A", 2), None);
    }

    #[test]
    fn yaml_errors_name_the_file_and_line() {
        let text = "groups:\n  - name: Email\n    prefix: email\n    prefx: typo\n";
        let e = CuratedMapping::parse(text, "data/sfmc/tokens.yaml").unwrap_err();
        assert_eq!(e.file, "data/sfmc/tokens.yaml");
        assert_eq!(e.line, Some(4), "{e}"); // the misspelt key's line
        assert!(
            matches!(&e.kind, SfmcErrorKind::Yaml { message } if message.contains("prefx")),
            "{e}"
        );
    }

    #[test]
    fn the_curated_file_parses() {
        let text = include_str!("../../../data/sfmc/tokens.yaml");
        let m = CuratedMapping::parse(text, super::super::MAPPING_PATH).unwrap();
        assert_eq!(m.mapping.groups.len(), 24);
        assert_eq!(m.mapping.undocumented.len(), 6);
        assert_eq!(m.line_count, u32::try_from(text.lines().count()).unwrap());
    }
}
