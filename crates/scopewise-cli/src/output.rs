//! Writing a command's answer to stdout, as text or pretty-printed JSON.

use std::io::Write;

/// Writes `text` as is; the stream strips styles when stdout is not a terminal.
pub fn print(text: &str) {
    let _ = write!(anstream::stdout(), "{text}");
}

/// Writes `value` pretty-printed, with a final line break.
pub fn print_json(value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    print(&format!("{text}\n"));
}
