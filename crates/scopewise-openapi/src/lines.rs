//! The line of each operation's method key, by one linear scan of the text.
//!
//! The parsers give no positions for values, so lines are found textually: after the line of
//! the top-level `paths` key, each line that starts with a key beginning with `/` opens a path
//! item, and the first line after it that starts with a method key (`get:`, `"get":`) is that
//! operation's line. Only the first key of a line is looked at, so a spec written on one line
//! (minified JSON, YAML flow style) gets lines only where a key opens a line; the others get
//! `None`. It is a best effort used for messages, never for decisions.

use std::collections::HashMap;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `(path, method)` → 1-based line, for the first occurrence of each after `paths`.
pub(crate) fn operation_lines(text: &str) -> HashMap<(String, &'static str), u32> {
    let mut out = HashMap::new();
    let mut in_paths = false;
    let mut current: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let Some(key) = leading_key(trimmed) else {
            continue;
        };
        if !in_paths {
            in_paths = key == "paths";
            continue;
        }
        // A YAML top-level key after `paths` ends the paths object.
        if line.len() == trimmed.len() && !trimmed.starts_with(['"', '{']) {
            break;
        }
        if key.starts_with('/') {
            current = Some(key.to_owned());
        } else if let (Some(path), Some(m)) = (&current, METHODS.iter().find(|m| **m == key)) {
            out.entry((path.clone(), *m)).or_insert(line_no);
        }
    }
    out
}

/// The key a line starts with: `key:`, `"key":` or `'key':`.
fn leading_key(line: &str) -> Option<&str> {
    let line = line.strip_prefix('{').unwrap_or(line).trim_start();
    let (key, rest) = if let Some(q) = line.strip_prefix('"') {
        let end = q.find('"')?;
        (&q[..end], &q[end + 1..])
    } else if let Some(q) = line.strip_prefix('\'') {
        let end = q.find('\'')?;
        (&q[..end], &q[end + 1..])
    } else {
        let end = line.find(':')?;
        (line[..end].trim_end(), &line[end..])
    };
    rest.trim_start().starts_with(':').then_some(key)
}
