//! The calls an app makes, from wherever they are written: `METHOD /path` strings (manifest,
//! command line, `--calls` file), a HAR capture, or a scan of the app's source code.

use std::path::Path;

use scopewise::Method;

use crate::escape::escape;
use crate::input;
use crate::manifest::{Located, Location};

/// One call the app makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The call as the user wrote it (or as it was reconstructed from a HAR or source file).
    pub text: String,
    /// The method, when known.
    pub method: Option<Method>,
    /// The template or concrete path/URL.
    pub target: String,
    /// Where it was found.
    pub location: Option<Location>,
    /// The URL is `http://`: the call sends its token in clear text.
    pub cleartext: bool,
}

/// A call string that is not `METHOD /path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSyntaxError(pub String);

/// Parses `"METHOD /path"` (method case-insensitive; the target may be a template, a
/// concrete path or a full URL).
pub fn parse_call(text: &str) -> Result<(Method, String), CallSyntaxError> {
    let text = text.trim();
    let Some((method, target)) = text.split_once(char::is_whitespace) else {
        return Err(CallSyntaxError(format!(
            "`{text}` is not a call: expected `METHOD /path`, e.g. `GET /contacts/{{contactId}}`"
        )));
    };
    let method = Method::parse(method).map_err(|e| CallSyntaxError(format!("`{text}`: {e}")))?;
    let target = target.trim();
    if target.contains(char::is_whitespace) {
        return Err(CallSyntaxError(format!(
            "`{text}`: expected one path after the method, found spaces in `{target}`"
        )));
    }
    Ok((method, target.to_owned()))
}

/// The calls of a manifest or of the command line. Unparseable ones come back as errors
/// alongside, so every call is either linted or reported.
pub fn from_strings(
    items: &[Located<String>],
) -> Vec<Result<Call, (Located<String>, CallSyntaxError)>> {
    items
        .iter()
        .map(|item| match parse_call(&item.value) {
            Ok((method, target)) => Ok(Call {
                text: item.value.clone(),
                method: Some(method),
                target,
                location: Some(item.location.clone()),
                cleartext: false,
            }),
            Err(e) => Err((item.clone(), e)),
        })
        .collect()
}

/// A `--calls` file: one call per line; blank lines and `#` comments are skipped.
pub fn read_calls_file(file: &str, text: &str) -> Vec<Located<String>> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let content = line.split('#').next().unwrap_or_default();
            let trimmed = content.trim();
            (!trimmed.is_empty()).then(|| Located {
                value: trimmed.to_owned(),
                location: Location {
                    file: file.to_owned(),
                    line: i as u32 + 1,
                    column: (content.len() - content.trim_start().len()) as u32 + 1,
                },
            })
        })
        .collect()
}

/// What a HAR file gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarCalls {
    /// The requests to the API host.
    pub calls: Vec<Call>,
    /// Entries to other hosts, which are not the provider's API and are ignored.
    pub other_hosts: usize,
}

/// Reads the requests of a HAR (HTTP Archive 1.2) capture that go to `api_host`.
pub fn read_har(file: &str, text: &str, api_host: &str) -> Result<HarCalls, String> {
    read_har_from(file, text.as_bytes(), api_host, u64::MAX)
}

/// Reads a HAR capture file (a regular file of at most [`input::MAX_HAR_BYTES`]) as a
/// stream: see [`read_har_from`].
pub fn read_har_file(path: &Path, api_host: &str) -> Result<HarCalls, String> {
    let file = input::open_regular(path, "HAR capture", input::MAX_HAR_BYTES)?;
    let name = path.display().to_string();
    read_har_from(
        &name,
        std::io::BufReader::with_capacity(1 << 16, file),
        api_host,
        input::MAX_HAR_BYTES,
    )
}

/// Reads the requests of a HAR capture from `reader`, in one pass: only the method and URL
/// of each entry are kept, the rest (response bodies, timings) is skipped as it is read, so
/// memory grows with the largest entry and the API calls found, not with the capture.
/// More than `cap` bytes is an error, never a partial read.
///
/// Each call is located at its URL: the bytes are counted as the JSON reader pulls them
/// (line, column, and where the last string opened), so a URL is found however it is
/// escaped (`https:\/\/…`, `\u0073ervices…`) and without searching the text for it.
pub fn read_har_from<R: std::io::BufRead>(
    file: &str,
    mut reader: R,
    api_host: &str,
    cap: u64,
) -> Result<HarCalls, String> {
    // A byte-order mark (some Windows tools write one) is not JSON.
    if reader
        .fill_buf()
        .is_ok_and(|b| b.starts_with(b"\xef\xbb\xbf"))
    {
        reader.consume(3);
    }
    let track = std::cell::Cell::new(har::Track::new(cap));
    let ctx = har::Ctx {
        file,
        api_host,
        track: &track,
        out: std::cell::RefCell::default(),
        failure: std::cell::RefCell::default(),
        entries_seen: std::cell::Cell::new(false),
    };
    let mut de = serde_json::Deserializer::from_reader(har::Tracked {
        inner: reader,
        track: &track,
    });
    let result = serde::de::DeserializeSeed::deserialize(har::Document(&ctx), &mut de)
        .and_then(|()| de.end());
    if let Some(failure) = ctx.failure.take() {
        return Err(failure);
    }
    if let Err(e) = result {
        let file = escape(file);
        // The position leads the message; serde_json's own copy of it at the end goes.
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        return Err(match e.classify() {
            serde_json::error::Category::Io if track.get().over => format!(
                "{file}: the HAR capture is larger than the {} limit",
                input::human_size(cap)
            ),
            serde_json::error::Category::Io => format!("{file}: cannot read: {e}"),
            serde_json::error::Category::Data => {
                format!(
                    "{file}:{}:{}: not a HAR file: {message}",
                    e.line(),
                    e.column()
                )
            }
            _ => format!(
                "{file}:{}:{}: not valid JSON: {message}",
                e.line(),
                e.column()
            ),
        });
    }
    if !ctx.entries_seen.get() {
        return Err(format!(
            "{}: not a HAR file: no `log.entries` array",
            escape(file)
        ));
    }
    Ok(ctx.out.into_inner())
}

/// The streaming HAR reader's parts: a byte counter under the JSON reader, and
/// `DeserializeSeed`s for `{log: {entries: [{request: {method, url}}]}}`.
mod har {
    use std::cell::{Cell, RefCell};
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::{Call, HarCalls, Location, Method, strip_api_host};

    /// Where the JSON reader is: counted byte by byte as it pulls them.
    #[derive(Debug, Clone, Copy)]
    pub(super) struct Track {
        bytes: u64,
        cap: u64,
        pub(super) over: bool,
        /// 1-based line and column (characters) of the next byte.
        line: u32,
        column: u32,
        in_string: bool,
        escaped: bool,
        /// Where the last string opened (its quote) and the last object opened (its brace).
        pub(super) string_start: (u32, u32),
        pub(super) object_start: (u32, u32),
    }

    impl Track {
        pub(super) fn new(cap: u64) -> Self {
            Track {
                bytes: 0,
                cap,
                over: false,
                line: 1,
                column: 1,
                in_string: false,
                escaped: false,
                string_start: (1, 1),
                object_start: (1, 1),
            }
        }

        fn step(&mut self, b: u8) {
            let here = (self.line, self.column);
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else if b == b'"' {
                self.in_string = true;
                self.string_start = here;
            } else if b == b'{' {
                self.object_start = here;
            }
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: the next character starts one further on.
                self.column = self.column.saturating_add(1);
            }
        }
    }

    /// The reader under the JSON reader, counting what it pulls.
    pub(super) struct Tracked<'a, R> {
        pub(super) inner: R,
        pub(super) track: &'a Cell<Track>,
    }

    impl<R: std::io::Read> std::io::Read for Tracked<'_, R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            let mut t = self.track.get();
            for &b in &buf[..n] {
                t.step(b);
            }
            t.bytes += n as u64;
            if t.bytes > t.cap {
                t.over = true;
            }
            self.track.set(t);
            if t.over {
                return Err(std::io::Error::other("over the size limit"));
            }
            Ok(n)
        }
    }

    /// What the seeds share.
    pub(super) struct Ctx<'a> {
        pub(super) file: &'a str,
        pub(super) api_host: &'a str,
        pub(super) track: &'a Cell<Track>,
        pub(super) out: RefCell<HarCalls>,
        /// A located error of our own, which ends the read.
        pub(super) failure: RefCell<Option<String>>,
        pub(super) entries_seen: Cell<bool>,
    }

    /// A key, compared without keeping it.
    enum Key {
        Log,
        Entries,
        Request,
        Method,
        Url,
        Other,
    }

    impl<'de> de::Deserialize<'de> for Key {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a key")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                    Ok(match v {
                        "log" => Key::Log,
                        "entries" => Key::Entries,
                        "request" => Key::Request,
                        "method" => Key::Method,
                        "url" => Key::Url,
                        _ => Key::Other,
                    })
                }
            }
            d.deserialize_str(V)
        }
    }

    /// The document: an object with a `log` object.
    pub(super) struct Document<'c, 'a>(pub(super) &'c Ctx<'a>);
    /// `log`: an object with an `entries` array.
    struct Log<'c, 'a>(&'c Ctx<'a>);
    /// `log.entries`.
    struct Entries<'c, 'a>(&'c Ctx<'a>);
    /// One entry, with its index.
    struct Entry<'c, 'a>(&'c Ctx<'a>, usize);
    /// `request`: the method and URL, and where the URL is.
    struct Request<'c, 'a>(&'c Ctx<'a>);

    #[derive(Default)]
    struct Found {
        method: Option<String>,
        url: Option<(String, (u32, u32))>,
    }

    macro_rules! object_seed {
        ($seed:ident, $value:ty, $expecting:literal, |$this:ident, $map:ident| $body:block) => {
            impl<'de> DeserializeSeed<'de> for $seed<'_, '_> {
                type Value = $value;
                fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<$value, D::Error> {
                    d.deserialize_map(self)
                }
            }
            impl<'de> Visitor<'de> for $seed<'_, '_> {
                type Value = $value;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str($expecting)
                }
                fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<$value, A::Error> {
                    let $this = self;
                    $body
                }
            }
        };
    }

    object_seed!(
        Document,
        (),
        "a HAR capture: an object with `log.entries`",
        |this, map| {
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Log => map.next_value_seed(Log(this.0))?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    );

    object_seed!(Log, (), "the `log` object of a HAR capture", |this, map| {
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Entries => {
                    this.0.entries_seen.set(true);
                    map.next_value_seed(Entries(this.0))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    });

    impl<'de> DeserializeSeed<'de> for Entries<'_, '_> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Entries<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the `log.entries` array of a HAR capture")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq.next_element_seed(Entry(self.0, i))?.is_some() {
                i += 1;
            }
            Ok(())
        }
    }

    object_seed!(
        Entry,
        (),
        "an entry of `log.entries`: an object with a `request`",
        |this, map| {
            let ctx = this.0;
            let at = ctx.track.get().object_start;
            let mut found = Found::default();
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Request => found = map.next_value_seed(Request(ctx))?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let missing = |name: &str| {
                *ctx.failure.borrow_mut() = Some(format!(
                    "{}:{}:{}: log.entries[{}].request.{name} is missing or not a string",
                    crate::escape::escape(ctx.file),
                    at.0,
                    at.1,
                    this.1
                ));
                de::Error::custom("a malformed entry")
            };
            let method = found.method.ok_or_else(|| missing("method"))?;
            let (url, (line, column)) = found.url.ok_or_else(|| missing("url"))?;
            let mut out = ctx.out.borrow_mut();
            let Some((path, cleartext)) = strip_api_host(&url, ctx.api_host) else {
                out.other_hosts += 1;
                return Ok(());
            };
            out.calls.push(Call {
                method: Method::parse(&method).ok(),
                target: path.to_owned(),
                location: Some(Location {
                    file: ctx.file.to_owned(),
                    line,
                    // Past the opening quote: at the URL itself.
                    column: column + 1,
                }),
                cleartext,
                text: format!("{method} {url}"),
            });
            Ok(())
        }
    );

    object_seed!(
        Request,
        Found,
        "the `request` object of a HAR entry",
        |this, map| {
            let mut found = Found::default();
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Method => {
                        let value = map.next_value::<serde_json::Value>()?;
                        found.method = value.as_str().map(str::to_owned);
                    }
                    Key::Url => {
                        let value = map.next_value::<serde_json::Value>()?;
                        // The JSON reader stops right after the string's closing quote: the
                        // last string that opened is this one.
                        let at = this.0.track.get().string_start;
                        found.url = value.as_str().map(|u| (u.to_owned(), at));
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(found)
        }
    );
}

/// `https://HOST/path?q` → `/path?q` when HOST is the API host (case-insensitive), and
/// whether the URL is `http://` (clear text).
fn strip_api_host<'a>(url: &'a str, api_host: &str) -> Option<(&'a str, bool)> {
    let (rest, cleartext) = match url.strip_prefix("https://") {
        Some(rest) => (rest, false),
        None => (url.strip_prefix("http://")?, true),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest[..end]
        .eq_ignore_ascii_case(api_host)
        .then(|| (&rest[end..], cleartext))
}

/// File endings the source scan reads.
pub const SCANNED_EXTENSIONS: [&str; 10] = [
    "js", "mjs", "cjs", "jsx", "ts", "tsx", "py", "php", "rs", "go",
];
const SKIPPED_DIRS: [&str; 9] = [
    ".git",
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    "__pycache__",
    ".venv",
    "venv",
];

/// What a source scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// The calls, with their method when the code around the URL says it.
    pub calls: Vec<Call>,
    /// Files read.
    pub files: usize,
    /// Source files and directories that could not be read (no permission, I/O error):
    /// each also has a note in `skipped`.
    pub unreadable: usize,
    /// One note per source file or directory the scan did not read, and why: unreadable,
    /// not UTF-8, larger than [`input::MAX_SOURCE_BYTES`], a symbolic link (not followed)
    /// or not a regular file. Files whose ending is not scanned are not noted.
    pub skipped: Vec<String>,
}

/// Finds URL literals for `api_host` in the source files under `dir`.
///
/// A literal is the quoted string (`'`, `"` or `` ` ``) that contains the host. Template
/// placeholders (`${id}`, `{id}`, `{$id}`, `$id`, `%s`, `%d`) become parameters, and a literal
/// ending in `/` that is concatenated (`+ id`, `. $id`) gets one more parameter segment. The
/// method comes from the code around the literal: `.get(`/`.post(`/... before it on the line,
/// or `method: 'POST'` within the next lines; a bare `fetch(` is a GET. When the code does not
/// say, the call has no method and the lint reports it.
///
/// `dir` itself must be a readable directory. Below it, nothing is skipped silently: see
/// [`ScanResult::skipped`].
pub fn scan(dir: &Path, api_host: &str) -> Result<ScanResult, String> {
    let mut out = ScanResult::default();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", input::escape_path(dir)))?;
    let mut files = Vec::new();
    collect_files(entries, &mut files, &mut out);
    files.sort();
    for path in files {
        let text = match input::read_text(&path, "source file", input::MAX_SOURCE_BYTES) {
            Ok(text) => text,
            Err(e) => {
                if e.kind == input::InputErrorKind::Unreadable {
                    out.unreadable += 1;
                }
                out.skipped.push(format!("{e}; skipped"));
                continue;
            }
        };
        out.files += 1;
        let display = path.display().to_string();
        out.calls.extend(scan_text(&display, &text, api_host));
    }
    Ok(out)
}

fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SCANNED_EXTENSIONS.contains(&e))
}

/// The source files under a directory, with a work list (no recursion, and
/// one directory open at a time however deep the tree).
fn collect_files(
    entries: std::fs::ReadDir,
    files: &mut Vec<std::path::PathBuf>,
    out: &mut ScanResult,
) {
    let unreadable = |out: &mut ScanResult, what: String| {
        out.unreadable += 1;
        out.skipped.push(what);
    };
    let mut dirs: Vec<std::path::PathBuf> = Vec::new();
    let mut next = Some(entries);
    while let Some(entries) = next.take() {
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    unreadable(
                        out,
                        format!("a directory entry cannot be read: {e}; skipped"),
                    );
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let shown = input::escape_path(&path);
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    unreadable(out, format!("{shown}: cannot read: {e}; skipped"));
                    continue;
                }
            };
            if kind.is_dir() {
                if !SKIPPED_DIRS.contains(&name.as_ref()) {
                    dirs.push(path);
                }
            } else if kind.is_symlink() {
                // Not followed: a link can leave the tree or loop. Noted when it would have
                // been scanned: it names a source file, or a directory.
                if is_source(&path) || std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                    out.skipped
                        .push(format!("{shown}: a symbolic link, not followed; skipped"));
                }
            } else if is_source(&path) {
                if kind.is_file() {
                    files.push(path);
                } else {
                    out.skipped
                        .push(format!("{shown}: not a regular file; skipped"));
                }
            }
        }
        while let Some(dir) = dirs.pop() {
            match std::fs::read_dir(&dir) {
                Ok(entries) => {
                    next = Some(entries);
                    break;
                }
                Err(e) => {
                    let shown = input::escape_path(&dir);
                    unreadable(out, format!("{shown}: cannot read directory: {e}; skipped"));
                }
            }
        }
    }
}

/// Scans one file's text.
pub fn scan_text(file: &str, text: &str, api_host: &str) -> Vec<Call> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut from = 0;
        // The last quote before `scanned`, and the characters before `counted`, advanced as
        // the host is found further along the line (both only move forward): searching back
        // from each occurrence to the line's start was quadratic on long, minified lines.
        let (mut scanned, mut last_quote) = (0, None);
        let (mut counted, mut chars) = (0, 0u32);
        while let Some(offset) = line[from..].find(api_host) {
            let host_at = from + offset;
            from = host_at + api_host.len();
            if let Some((i, c)) = line[scanned..host_at]
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, '\'' | '"' | '`'))
            {
                last_quote = Some((scanned + i, c));
            }
            scanned = host_at;
            let Some((quote_at, quote)) = last_quote else {
                continue;
            };
            let literal_end = line[from..].find(quote).map_or(line.len(), |i| from + i);
            let literal = &line[quote_at + 1..literal_end];
            from = literal_end.max(from);
            let Some((path, cleartext)) = strip_api_host(literal, api_host) else {
                continue;
            };
            let path = path.split(['?', '#']).next().unwrap_or_default();
            if path.is_empty() || path == "/" {
                continue; // a base URL, not a call
            }
            let after = line.get(literal_end + 1..).unwrap_or_default().trim_start();
            let concatenated =
                after.starts_with('+') || after.starts_with(". ") || after.starts_with(".$");
            let template = to_template(path, concatenated);
            // When the URL is the first thing on its line, the call that takes it may open
            // at the end of the line above (`requests.get(\n    "https://..."`).
            let prefix = &line[..quote_at];
            let bare = prefix
                .trim()
                .trim_end_matches(['f', 'r', 'b', 'u', 'F', 'R', 'B', 'U'])
                .is_empty();
            let above = index
                .checked_sub(1)
                .filter(|_| bare)
                .map(|i| lines[i].trim_end())
                .filter(|above| above.ends_with('('));
            // The method is read from at most `METHOD_WINDOW` bytes on either side of the
            // literal: reading whole lines around each URL was quadratic on a minified line
            // that holds thousands of them.
            let before = tail(above.unwrap_or(prefix), METHOD_WINDOW);
            // Options (`{ method: 'POST' }`) may follow on the next lines, unless the call
            // closes right after the URL.
            let rest = head(
                line.get(literal_end + 1..).unwrap_or_default(),
                METHOD_WINDOW,
            );
            let closes = match (rest.find(')'), rest.find('{')) {
                (Some(close), Some(open)) => close < open,
                (Some(_), None) => true,
                _ => false,
            };
            let mut following = vec![rest];
            if !closes {
                following.extend(
                    lines[index + 1..lines.len().min(index + 4)]
                        .iter()
                        .map(|l| head(l, METHOD_WINDOW)),
                );
            }
            let method = method_near(before, &following);
            out.push(Call {
                cleartext,
                text: format!("{} {template}", method.map_or("?", Method::as_str)),
                method,
                target: template,
                location: Some(Location {
                    file: file.to_owned(),
                    line: index as u32 + 1,
                    column: {
                        chars += line[counted..quote_at].chars().count() as u32;
                        counted = quote_at;
                        chars + 2
                    },
                }),
            });
        }
    }
    out
}

/// How far (bytes) from a URL literal the scan looks for its HTTP method, on each side.
pub const METHOD_WINDOW: usize = 512;

/// The last `n` bytes of `s`, or a little fewer to start on a character.
fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// The first `n` bytes of `s`, or a little fewer to end on a character.
fn head(s: &str, n: usize) -> &str {
    let mut to = s.len().min(n);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[..to]
}

/// Turns placeholder segments into `{param}` ones.
fn to_template(path: &str, concatenated: bool) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut n = 0;
    let param = |n: &mut usize| {
        *n += 1;
        format!("{{param{n}}}")
    };
    let body = path.trim_start_matches('/');
    for segment in body.split('/') {
        let placeholder = segment.contains('{')
            || segment.contains('$')
            || segment.contains("%s")
            || segment.contains("%d");
        segments.push(if placeholder {
            param(&mut n)
        } else {
            segment.to_owned()
        });
    }
    if concatenated
        && path.ends_with('/')
        && let Some(last) = segments.last_mut()
        && last.is_empty()
    {
        *last = param(&mut n);
    }
    format!("/{}", segments.join("/"))
}

fn method_near(before: &str, following: &[&str]) -> Option<Method> {
    let lower = before.to_ascii_lowercase();
    // `client.post(`, `requests.delete(`, `Http::put(`, `->patch(`: the last call before the URL.
    let called = ["get", "post", "put", "patch", "delete"]
        .iter()
        .filter_map(|m| {
            [".", "::", "->"]
                .iter()
                .filter_map(|sep| lower.rfind(&format!("{sep}{m}(")))
                .max()
                .map(|at| (at, *m))
        })
        .max_by_key(|(at, _)| *at);
    if let Some((_, m)) = called {
        return Method::parse(m).ok();
    }
    for line in following {
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("method") {
            let rest = &lower[at + "method".len()..];
            for m in ["get", "post", "put", "patch", "delete"] {
                if rest.contains(&format!("'{m}'")) || rest.contains(&format!("\"{m}\"")) {
                    return Method::parse(m).ok();
                }
            }
        }
    }
    // fetch() without a method option is a GET (the Fetch standard's default).
    lower.contains("fetch(").then_some(Method::Get)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "services.leadconnectorhq.com";

    #[test]
    fn call_strings() {
        assert_eq!(
            parse_call("get /contacts/{id}").unwrap(),
            (Method::Get, "/contacts/{id}".into())
        );
        assert_eq!(
            parse_call("FETCH /contacts").unwrap_err().0,
            "`FETCH /contacts`: unknown HTTP method `FETCH`; expected one of GET, POST, PUT, PATCH, DELETE"
        );
        assert!(
            parse_call("/contacts")
                .unwrap_err()
                .0
                .starts_with("`/contacts` is not a call")
        );
    }

    #[test]
    fn calls_file_skips_comments_and_keeps_lines() {
        let calls = read_calls_file(
            "c.txt",
            "# calls\nGET /contacts\n\n  POST /contacts # create\n",
        );
        let got: Vec<_> = calls
            .iter()
            .map(|c| (c.value.as_str(), c.location.line, c.location.column))
            .collect();
        assert_eq!(got, [("GET /contacts", 2, 1), ("POST /contacts", 4, 3)]);
    }

    #[test]
    fn har_keeps_api_requests_and_counts_the_rest() {
        let har = r#"{"log": {"entries": [
  {"request": {"method": "GET", "url": "https://services.leadconnectorhq.com/contacts/abc?locationId=1"}},
  {"request": {"method": "GET", "url": "https://cdn.example.com/app.js"}},
  {"request": {"method": "post", "url": "https://SERVICES.leadconnectorhq.com/contacts/"}}
]}}"#;
        let got = read_har("a.har", har, HOST).unwrap();
        assert_eq!(got.other_hosts, 1);
        let calls: Vec<_> = got
            .calls
            .iter()
            .map(|c| {
                (
                    c.method,
                    c.target.as_str(),
                    c.location.as_ref().unwrap().line,
                )
            })
            .collect();
        assert_eq!(
            calls,
            [
                (Some(Method::Get), "/contacts/abc?locationId=1", 2),
                (Some(Method::Post), "/contacts/", 4)
            ]
        );
        // The column points at the URL, past its opening quote.
        assert_eq!(got.calls[0].location.as_ref().unwrap().column, 41);
        assert!(
            read_har("a.har", "{", HOST)
                .unwrap_err()
                .starts_with("a.har:1:1: not valid JSON")
        );
        assert_eq!(
            read_har("a.har", "{}", HOST).unwrap_err(),
            "a.har: not a HAR file: no `log.entries` array"
        );
    }

    #[test]
    fn har_urls_are_located_however_they_are_escaped() {
        let har = "\u{feff}{\"log\": {\"entries\": [\n  {\"request\": {\"method\": \"GET\", \"url\": \"https:\\/\\/services.leadconnectorhq.com\\/contacts\\/a\"}},\n  {\"request\": {\"url\": \"\\u0068ttps://\\u0073ervices.leadconnectorhq.com/users/é\", \"method\": \"DELETE\"}},\n  {\"request\": {\"method\": \"GET\", \"url\": \"http://services.leadconnectorhq.com/contacts/b\"}}\n]}}";
        let got = read_har("a.har", har, HOST).unwrap();
        let calls: Vec<_> = got
            .calls
            .iter()
            .map(|c| {
                let l = c.location.as_ref().unwrap();
                (
                    c.text.as_str(),
                    c.target.as_str(),
                    l.line,
                    l.column,
                    c.cleartext,
                )
            })
            .collect();
        assert_eq!(
            calls,
            [
                (
                    "GET https://services.leadconnectorhq.com/contacts/a",
                    "/contacts/a",
                    2,
                    41,
                    false
                ),
                (
                    "DELETE https://services.leadconnectorhq.com/users/é",
                    "/users/é",
                    3,
                    24,
                    false
                ),
                (
                    "GET http://services.leadconnectorhq.com/contacts/b",
                    "/contacts/b",
                    4,
                    41,
                    true
                ),
            ]
        );
    }

    #[test]
    fn har_errors_are_located() {
        assert_eq!(
            read_har(
                "a.har",
                "{\"log\": {\"entries\": [\n {\"request\": {\"method\": \"GET\"}}]}}",
                HOST
            )
            .unwrap_err(),
            "a.har:2:2: log.entries[0].request.url is missing or not a string"
        );
        assert_eq!(
            read_har(
                "a.har",
                "{\"log\": {\"entries\": [{\"request\": {\"method\": 1, \"url\": \"x\"}}]}}",
                HOST
            )
            .unwrap_err(),
            "a.har:1:22: log.entries[0].request.method is missing or not a string"
        );
        assert_eq!(
            read_har("a.har", "{\"log\": {\"entries\": {}}}", HOST).unwrap_err(),
            "a.har:1:21: not a HAR file: invalid type: map, expected the `log.entries` array of a HAR capture"
        );
        assert_eq!(
            read_har("a.har", "{\"log\": {\"entries\": []}} x", HOST).unwrap_err(),
            "a.har:1:26: not valid JSON: trailing characters"
        );
        let big = format!(
            "{{\"log\": {{\"entries\": []}}, \"x\": \"{}\"}}",
            "y".repeat(100)
        );
        assert_eq!(
            read_har_from("a.har", big.as_bytes(), HOST, 64).unwrap_err(),
            "a.har: the HAR capture is larger than the 64 bytes limit"
        );
        assert!(read_har_from("a.har", big.as_bytes(), HOST, 200).is_ok());
    }

    #[test]
    fn the_method_is_looked_for_near_the_url_only() {
        let far = format!(
            "client.post({}'https://services.leadconnectorhq.com/contacts/')",
            " ".repeat(METHOD_WINDOW)
        );
        assert_eq!(scan_text("a.js", &far, HOST)[0].method, None);
        let near = format!(
            "{}client.post('https://services.leadconnectorhq.com/contacts/')",
            " ".repeat(METHOD_WINDOW)
        );
        assert_eq!(scan_text("a.js", &near, HOST)[0].method, Some(Method::Post));
        assert_eq!(tail("aé", 1), "");
        assert_eq!(head("éa", 1), "");
        assert_eq!(head("éa", 2), "é");
    }

    #[test]
    fn scan_finds_literals_methods_and_placeholders() {
        let js = "const r = await axios.get(`https://services.leadconnectorhq.com/contacts/${id}/tasks`);\n\
                  await fetch('https://services.leadconnectorhq.com/opportunities/search?q=1');\n\
                  await fetch(\"https://services.leadconnectorhq.com/contacts/\", {\n  method: 'POST',\n});\n\
                  const BASE = 'https://services.leadconnectorhq.com';\n\
                  const u = 'https://services.leadconnectorhq.com/users/' + userId;\n";
        let calls = scan_text("app.js", js, HOST);
        let got: Vec<_> = calls
            .iter()
            .map(|c| (c.text.as_str(), c.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(
            got,
            [
                ("GET /contacts/{param1}/tasks", 1),
                ("GET /opportunities/search", 2),
                ("POST /contacts/", 3),
                ("? /users/{param1}", 7),
            ]
        );
        assert_eq!(calls[0].location.as_ref().unwrap().column, 28);

        let py = "r = requests.delete(f\"https://services.leadconnectorhq.com/contacts/{contact_id}\")\n\
                  return requests.get(\n    \"https://services.leadconnectorhq.com/opportunities/pipelines\",\n)\n";
        let got: Vec<_> = scan_text("a.py", py, HOST)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(
            got,
            ["DELETE /contacts/{param1}", "GET /opportunities/pipelines"]
        );
        let php =
            "$r = $client->put(\"https://services.leadconnectorhq.com/contacts/{$id}\", $body);\n";
        assert_eq!(
            scan_text("a.php", php, HOST)[0].text,
            "PUT /contacts/{param1}"
        );
    }
}
