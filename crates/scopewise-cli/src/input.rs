//! Opening the files a user names: regular files only, each kind within a documented size
//! cap, so that no argument can make the command line block (a FIFO), read without end
//! (`/dev/zero`) or hold more than the cap in memory.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::escape::escape;

/// Why a file was not read. Its message names the file, and the line and column where a
/// text file stops being UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// What kind of problem.
    pub kind: InputErrorKind,
    /// The whole message, starting with the (escaped) path.
    pub message: String,
}

/// The kinds of [`InputError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputErrorKind {
    /// A directory, FIFO, device or socket.
    NotRegular,
    /// Over the size cap.
    TooLarge,
    /// The operating system refused (missing, no permission, I/O error).
    Unreadable,
    /// Not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

impl From<InputError> for String {
    fn from(e: InputError) -> String {
        e.message
    }
}

fn error(kind: InputErrorKind, message: String) -> InputError {
    InputError { kind, message }
}

/// The largest manifest read: 1 MiB (a real one is a few KiB).
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;
/// The largest `--calls-file` read: 1 MiB.
pub const MAX_CALLS_FILE_BYTES: u64 = 1 << 20;
/// The largest HAR capture read: 256 MiB. It is read as a stream: memory grows with the
/// largest entry and the API calls found, not with the file.
pub const MAX_HAR_BYTES: u64 = 256 << 20;
/// The largest source file the scan reads: 16 MiB. Larger ones are skipped with a note.
pub const MAX_SOURCE_BYTES: u64 = 16 << 20;

/// `n` bytes for people: `1 MiB`, `256 MiB`, `1234 bytes`.
pub fn human_size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// What a file that is not a regular file is, for the error.
fn kind_of(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn check(path: &Path, what: &str, metadata: &Metadata, cap: u64) -> Result<(), InputError> {
    let name = escape_path(path);
    if let Some(kind) = kind_of(metadata) {
        return Err(error(
            InputErrorKind::NotRegular,
            format!("{name}: cannot read the {what}: it is {kind}; only regular files are read"),
        ));
    }
    if metadata.len() > cap {
        return Err(error(
            InputErrorKind::TooLarge,
            format!(
                "{name}: the {what} is {} bytes, more than the {} limit",
                metadata.len(),
                human_size(cap)
            ),
        ));
    }
    Ok(())
}

fn unreadable(path: &Path, what: &str, e: &std::io::Error) -> InputError {
    error(
        InputErrorKind::Unreadable,
        format!("{}: cannot read the {what}: {e}", escape_path(path)),
    )
}

/// A path as it may be printed.
pub fn escape_path(path: &Path) -> String {
    escape(&path.display().to_string()).into_owned()
}

/// Opens `path` for reading if it is a regular file of at most `cap` bytes; `what` names
/// it in errors (`manifest`, `HAR capture`).
///
/// The type is checked on the path, then again on the opened handle, so a file swapped
/// in between is caught too. On Unix the file is opened non-blocking: opening a FIFO with
/// no writer returns at once instead of waiting for one (reads of regular files are not
/// affected).
pub fn open_regular(path: &Path, what: &str, cap: u64) -> Result<File, InputError> {
    let cannot = |e: std::io::Error| unreadable(path, what, &e);
    check(path, what, &std::fs::metadata(path).map_err(cannot)?, cap)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot)?;
    check(path, what, &file.metadata().map_err(cannot)?, cap)?;
    Ok(file)
}

/// Reads a regular file of at most `cap` bytes, whole. A file that grows past the cap while
/// it is read is refused, not cut.
pub fn read_capped(path: &Path, what: &str, cap: u64) -> Result<Vec<u8>, InputError> {
    let file = open_regular(path, what, cap)?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, what, &e))?;
    if bytes.len() as u64 > cap {
        return Err(error(
            InputErrorKind::TooLarge,
            format!(
                "{}: the {what} grew past the {} limit while it was read",
                escape_path(path),
                human_size(cap)
            ),
        ));
    }
    Ok(bytes)
}

/// Reads a regular text file of at most `cap` bytes. Bytes that are not UTF-8 are refused
/// with the line and column where they start.
pub fn read_text(path: &Path, what: &str, cap: u64) -> Result<String, InputError> {
    let bytes = read_capped(path, what, cap)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let text = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line = text.matches('\n').count() + 1;
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..].chars().count() + 1;
        error(
            InputErrorKind::NotUtf8,
            format!(
                "{}:{line}:{column}: the {what} is not UTF-8 text (byte 0x{:02x})",
                escape_path(path),
                bytes[valid]
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(MAX_MANIFEST_BYTES), "1 MiB");
        assert_eq!(human_size(MAX_HAR_BYTES), "256 MiB");
        assert_eq!(human_size(1536), "1536 bytes");
        assert_eq!(human_size(2048), "2 KiB");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_refused_without_reading() {
        assert_eq!(
            read_text(Path::new("/dev/zero"), "manifest", MAX_MANIFEST_BYTES)
                .unwrap_err()
                .message,
            "/dev/zero: cannot read the manifest: it is a character device; only regular files are read"
        );
        assert_eq!(
            read_text(Path::new("/"), "manifest", MAX_MANIFEST_BYTES)
                .unwrap_err()
                .message,
            "/: cannot read the manifest: it is a directory; only regular files are read"
        );
    }
}
