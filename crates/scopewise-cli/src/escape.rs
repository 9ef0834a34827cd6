//! The one escaping function for everything copied from input into output.
//!
//! A manifest value, a call, a file name or a request target can hold terminal control
//! sequences (`ESC ] 0 ; title BEL` sets a terminal's title; `ESC [ 2 J` clears it) or
//! bidirectional overrides that make text read differently than it is. Every output path of
//! the command line (text, JSON, SARIF, error messages) passes such text through [`escape`]
//! before printing it, so what a user sees is what the input says.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is escaped: every control character (C0, DEL, C1) and the Unicode
/// bidirectional embedding, override and isolate controls.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character of [`needs_escape`] written as a Rust-style escape: `\t`,
/// `\n`, `\r`, `\0`, and `\u{1b}` for the rest. Text without such characters is returned as
/// is, without a copy.
pub fn escape(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(needs_escape) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How many characters `text` takes once escaped (to place a caret under escaped text).
pub fn escaped_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\0' => 2,
            c if needs_escape(c) => format!("{:x}", c as u32).len() + 4,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_plain_text_is_not_copied() {
        assert!(matches!(escape("GET /contacts/x"), Cow::Borrowed(_)));
        assert_eq!(
            escape("https://\u{1b}]0;pwned\u{7}/contacts"),
            "https://\\u{1b}]0;pwned\\u{7}/contacts"
        );
        assert_eq!(escape("a\tb\nc\rd\0e\u{7f}"), "a\\tb\\nc\\rd\\0e\\u{7f}");
        // C1 controls (a lone CSI) and bidi overrides.
        assert_eq!(escape("\u{9b}2J\u{202e}x"), "\\u{9b}2J\\u{202e}x");
        assert_eq!(escape("café ☕"), "café ☕");
        for s in ["a\u{1b}b", "\t", "\u{9b}", "é\u{202e}", "plain"] {
            assert_eq!(escaped_width(s), escape(s).chars().count(), "{s:?}");
        }
    }
}
