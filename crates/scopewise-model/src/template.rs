//! Endpoint templates: their grammar, canonical form and parameter-blind lookup key.
//!
//! A template is a path whose segments are either static (`contacts`) or parameters
//! (`{contactId}`, also written `:contactId` in the vendor's tables):
//!
//! ```
//! use scopewise_model::template::Template;
//!
//! let t = Template::parse("/contacts/:contactId/tasks/").unwrap();
//! assert_eq!(t.to_string(), "/contacts/{contactId}/tasks");
//! assert_eq!(t.lookup_key("get").unwrap(), "GET /contacts/{}/tasks");
//! ```
//!
//! The lookup key ignores parameter names, so `/contacts/{id}` and `/contacts/:contactId`
//! are the same endpoint. [`write_lookup_key`] computes the same key without allocating; the
//! code generator and the runtime both use it, so stored keys and query keys always agree.
//!
//! # Grammar
//! - a template starts with `/`; one trailing `/` is ignored; `/` alone is the root;
//! - segments are separated by single `/` (an empty segment is an error);
//! - a parameter is `{name}` or `:name`, where `name` is `[A-Za-z_][A-Za-z0-9_]*`;
//! - a static segment is made of RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`),
//!   and is neither `.` nor `..`;
//! - at most [`MAX_TEMPLATE_LEN`] bytes.

use core::fmt;

/// The longest template accepted, in bytes. Longer input is rejected, not truncated.
///
/// HighLevel's longest template is 76 bytes; the limit keeps [`KeyBuf`] small, since it is
/// on the stack of every lookup.
pub const MAX_TEMPLATE_LEN: usize = 256;

/// The longest lookup key: the longest method, a space and the longest template.
pub const MAX_KEY_LEN: usize = 8 + MAX_TEMPLATE_LEN;

/// The HTTP methods the datasets use, in their canonical (upper-case) spelling.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// What is wrong with a template or a method; positions are byte offsets into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// The template is empty.
    Empty,
    /// The template does not start with `/`.
    MissingLeadingSlash,
    /// Two slashes in a row: `/contacts//tasks`.
    EmptySegment {
        /// Byte offset of the second slash.
        position: usize,
    },
    /// A `.` or `..` segment, which would make the path mean another path.
    DotSegment {
        /// Byte offset of the segment.
        position: usize,
    },
    /// A character that may not appear in a static segment.
    InvalidCharacter {
        /// Byte offset of the character.
        position: usize,
        /// The character.
        character: char,
    },
    /// A parameter whose name is empty or not an identifier (`{}`, `:1x`, `{a-b}`).
    InvalidParameter {
        /// Byte offset of the segment.
        position: usize,
    },
    /// Longer than [`MAX_TEMPLATE_LEN`].
    TooLong {
        /// The input's length in bytes.
        length: usize,
    },
    /// Not one of [`METHODS`] (compared case-insensitively).
    UnknownMethod,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the path is empty"),
            Self::MissingLeadingSlash => f.write_str("the path does not start with `/`"),
            Self::EmptySegment { position } => {
                write!(f, "empty path segment (`//`) at byte {position}")
            }
            Self::DotSegment { position } => {
                write!(f, "dot segment (`.` or `..`) at byte {position}")
            }
            Self::InvalidCharacter {
                position,
                character,
            } => write!(
                f,
                "character {character:?} at byte {position} is not allowed in a path segment"
            ),
            Self::InvalidParameter { position } => write!(
                f,
                "invalid parameter at byte {position}: expected `{{name}}` or `:name` with an identifier name"
            ),
            Self::TooLong { length } => write!(
                f,
                "the path is {length} bytes long; the limit is {MAX_TEMPLATE_LEN}"
            ),
            Self::UnknownMethod => write!(f, "unknown HTTP method; expected one of {METHODS:?}"),
        }
    }
}

impl std::error::Error for TemplateError {}

/// One segment of a template, borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawSegment<'a> {
    /// A literal segment, matched byte for byte.
    Static(&'a str),
    /// A parameter; the name without `{}` or `:`.
    Param(&'a str),
}

/// Splits a template into segments, validating as it goes; the single source of the grammar.
///
/// ```
/// use scopewise_model::template::{segments, RawSegment};
///
/// let segs: Vec<_> = segments("/contacts/{id}/").collect::<Result<_, _>>().unwrap();
/// assert_eq!(segs, [RawSegment::Static("contacts"), RawSegment::Param("id")]);
/// ```
pub fn segments(template: &str) -> Segments<'_> {
    Segments {
        input: template,
        position: 0,
        state: State::Start,
    }
}

/// Iterator returned by [`segments`]; yields at most one error, then stops.
#[derive(Debug, Clone)]
pub struct Segments<'a> {
    input: &'a str,
    position: usize,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Running,
    Done,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Result<RawSegment<'a>, TemplateError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.state {
            State::Done => return None,
            State::Start => {
                self.state = State::Running;
                let err = if self.input.is_empty() {
                    Some(TemplateError::Empty)
                } else if self.input.len() > MAX_TEMPLATE_LEN {
                    Some(TemplateError::TooLong {
                        length: self.input.len(),
                    })
                } else if !self.input.starts_with('/') {
                    Some(TemplateError::MissingLeadingSlash)
                } else {
                    None
                };
                if let Some(err) = err {
                    self.state = State::Done;
                    return Some(Err(err));
                }
                self.position = 1;
            }
            State::Running => {}
        }
        let rest = &self.input[self.position..];
        if rest.is_empty() {
            // End of input, or the one tolerated trailing slash (`/contacts/`, `/`).
            self.state = State::Done;
            return None;
        }
        let start = self.position;
        let (segment, next) = match rest.find('/') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.input.len()),
        };
        self.position = next;
        let result = classify(segment, start);
        if result.is_err() {
            self.state = State::Done;
        }
        Some(result)
    }
}

fn classify(segment: &str, position: usize) -> Result<RawSegment<'_>, TemplateError> {
    if segment.is_empty() {
        return Err(TemplateError::EmptySegment { position });
    }
    let param = if let Some(name) = segment.strip_prefix(':') {
        Some(name)
    } else if let Some(inner) = segment.strip_prefix('{') {
        Some(
            inner
                .strip_suffix('}')
                .ok_or(TemplateError::InvalidParameter { position })?,
        )
    } else {
        None
    };
    if let Some(name) = param {
        return if is_identifier(name) {
            Ok(RawSegment::Param(name))
        } else {
            Err(TemplateError::InvalidParameter { position })
        };
    }
    if segment == "." || segment == ".." {
        return Err(TemplateError::DotSegment { position });
    }
    if let Some((i, character)) = segment.char_indices().find(|&(_, c)| !is_unreserved(c)) {
        return Err(TemplateError::InvalidCharacter {
            position: position + i,
            character,
        });
    }
    Ok(RawSegment::Static(segment))
}

/// `[A-Za-z_][A-Za-z0-9_]*`: the names parameters may have.
pub fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// RFC 3986 unreserved characters: the only ones a static template segment may contain.
pub const fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// The canonical (upper-case) spelling of `method` if it is one of [`METHODS`].
///
/// ```
/// assert_eq!(scopewise_model::template::canonical_method("patch"), Some("PATCH"));
/// assert_eq!(scopewise_model::template::canonical_method("TRACE"), None);
/// ```
pub fn canonical_method(method: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(method))
}

/// A parsed, owned template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Template {
    segments: Vec<Segment>,
}

/// One segment of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A literal segment.
    Static(String),
    /// A parameter, by name.
    Param(String),
}

impl Template {
    /// Parses `:name` or `{name}` style templates; see the [module docs](self) for the grammar.
    pub fn parse(input: &str) -> Result<Self, TemplateError> {
        let segments = segments(input)
            .map(|s| {
                s.map(|s| match s {
                    RawSegment::Static(s) => Segment::Static(s.to_owned()),
                    RawSegment::Param(p) => Segment::Param(p.to_owned()),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { segments })
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The names of the parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(p.as_str()),
            Segment::Static(_) => None,
        })
    }

    /// The parameter-blind key: `"GET /contacts/{}/tasks"`.
    pub fn lookup_key(&self, method: &str) -> Result<String, TemplateError> {
        let method = canonical_method(method).ok_or(TemplateError::UnknownMethod)?;
        let mut key = String::with_capacity(MAX_KEY_LEN);
        key.push_str(method);
        key.push(' ');
        push_shape(&mut key, &self.segments);
        Ok(key)
    }

    /// The path with every parameter written `{}`: `/contacts/{}/tasks`.
    pub fn shape(&self) -> String {
        let mut out = String::new();
        push_shape(&mut out, &self.segments);
        out
    }
}

fn push_shape(out: &mut String, segments: &[Segment]) {
    if segments.is_empty() {
        out.push('/');
    }
    for s in segments {
        out.push('/');
        match s {
            Segment::Static(s) => out.push_str(s),
            Segment::Param(_) => out.push_str("{}"),
        }
    }
}

impl fmt::Display for Template {
    /// The canonical form: leading slash, no trailing slash, `{name}` parameters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for s in &self.segments {
            match s {
                Segment::Static(s) => write!(f, "/{s}")?,
                Segment::Param(p) => write!(f, "/{{{p}}}")?,
            }
        }
        Ok(())
    }
}

/// A fixed-size buffer for a lookup key, so computing one never allocates.
#[derive(Clone)]
pub struct KeyBuf {
    bytes: [u8; MAX_KEY_LEN],
    len: usize,
}

impl fmt::Debug for KeyBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("KeyBuf").field(&self.as_str()).finish()
    }
}

impl Default for KeyBuf {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyBuf {
    /// An empty buffer.
    pub const fn new() -> Self {
        Self {
            bytes: [0; MAX_KEY_LEN],
            len: 0,
        }
    }

    /// The key written so far.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever pushed (methods and validated segments), so this cannot fail;
        // an empty key would simply find nothing.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    fn push(&mut self, s: &str) -> Result<(), TemplateError> {
        self.push_bytes(s.as_bytes())
    }

    /// Callers push only ASCII (methods and validated segments), so the buffer stays UTF-8.
    fn push_bytes(&mut self, s: &[u8]) -> Result<(), TemplateError> {
        let end = self.len + s.len();
        let slot = self
            .bytes
            .get_mut(self.len..end)
            .ok_or(TemplateError::TooLong { length: end })?;
        slot.copy_from_slice(s);
        self.len = end;
        Ok(())
    }

    fn push_byte(&mut self, b: u8) -> Result<(), TemplateError> {
        let slot = self.bytes.get_mut(self.len).ok_or(TemplateError::TooLong {
            length: self.len + 1,
        })?;
        *slot = b;
        self.len += 1;
        Ok(())
    }
}

/// Writes the lookup key of `method` + `template` into `out` without allocating.
///
/// Gives exactly what [`Template::lookup_key`] gives, for every input (a test checks every
/// string of up to six characters over an alphabet of the interesting ones), in one pass over
/// the bytes: it is on the path of every lookup.
///
/// ```
/// use scopewise_model::template::{write_lookup_key, KeyBuf};
///
/// let mut key = KeyBuf::new();
/// write_lookup_key("get", "/contacts/{x}/tasks/", &mut key).unwrap();
/// assert_eq!(key.as_str(), "GET /contacts/{}/tasks");
/// ```
pub fn write_lookup_key(
    method: &str,
    template: &str,
    out: &mut KeyBuf,
) -> Result<(), TemplateError> {
    let method = canonical_method(method).ok_or(TemplateError::UnknownMethod)?;
    let t = template.as_bytes();
    let n = t.len();
    if n == 0 {
        return Err(TemplateError::Empty);
    }
    if n > MAX_TEMPLATE_LEN {
        return Err(TemplateError::TooLong { length: n });
    }
    if t[0] != b'/' {
        return Err(TemplateError::MissingLeadingSlash);
    }
    out.clear();
    out.push(method)?;
    out.push_byte(b' ')?;
    if n == 1 {
        return out.push_byte(b'/');
    }
    let mut i = 1;
    while i < n {
        let start = i;
        out.push_byte(b'/')?;
        match t[i] {
            b'/' => return Err(TemplateError::EmptySegment { position: i }),
            b':' | b'{' => {
                while i < n && t[i] != b'/' {
                    i += 1;
                }
                let segment = &t[start..i];
                let name = if segment[0] == b':' {
                    &segment[1..]
                } else if segment.len() >= 2 && segment[segment.len() - 1] == b'}' {
                    &segment[1..segment.len() - 1]
                } else {
                    return Err(TemplateError::InvalidParameter { position: start });
                };
                if !is_identifier_bytes(name) {
                    return Err(TemplateError::InvalidParameter { position: start });
                }
                out.push("{}")?;
            }
            _ => {
                while i < n && t[i] != b'/' {
                    if !UNRESERVED[usize::from(t[i])] {
                        let character = template[i..].chars().next().unwrap_or('\u{fffd}');
                        return Err(TemplateError::InvalidCharacter {
                            position: i,
                            character,
                        });
                    }
                    i += 1;
                }
                let segment = &t[start..i];
                if segment == b"." || segment == b".." {
                    return Err(TemplateError::DotSegment { position: start });
                }
                out.push_bytes(segment)?;
            }
        }
        // Step over the `/`; one at the very end is the tolerated trailing slash.
        i += 1;
    }
    Ok(())
}

/// [`is_unreserved`] as a table over bytes; non-ASCII bytes are never unreserved.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = is_unreserved(b as u8 as char);
        b += 1;
    }
    table
};

fn is_identifier_bytes(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_param_styles_and_trailing_slash_give_one_canonical_form() {
        for input in [
            "/contacts/:contactId/tasks",
            "/contacts/{contactId}/tasks",
            "/contacts/{contactId}/tasks/",
        ] {
            let t = Template::parse(input).unwrap();
            assert_eq!(t.to_string(), "/contacts/{contactId}/tasks", "{input}");
        }
    }

    #[test]
    fn key_ignores_parameter_names_and_method_case() {
        let a = Template::parse("/contacts/:id/tasks").unwrap();
        let b = Template::parse("/contacts/{contactId}/tasks/").unwrap();
        assert_eq!(a.lookup_key("get").unwrap(), b.lookup_key("GET").unwrap());
        assert_eq!(a.lookup_key("Get").unwrap(), "GET /contacts/{}/tasks");
    }

    #[test]
    fn allocation_free_key_matches_owned_key() {
        let mut buf = KeyBuf::new();
        for input in [
            "/",
            "/a",
            "/a/",
            "/a/{b}/c",
            "/x/:y",
            "/ad-publishing/facebook/ads-v2",
        ] {
            let owned = Template::parse(input)
                .unwrap()
                .lookup_key("delete")
                .unwrap();
            write_lookup_key("delete", input, &mut buf).unwrap();
            assert_eq!(buf.as_str(), owned, "{input}");
        }
    }

    /// The fast byte-level key writer and the reference grammar (`segments`, used by
    /// `Template::parse`) agree on every string of up to six characters over an alphabet of
    /// the characters that matter, results and errors alike.
    #[test]
    fn key_writer_agrees_with_the_grammar_exhaustively() {
        const ALPHABET: [char; 9] = ['/', 'a', ':', '{', '}', '.', ' ', '\u{e9}', '_'];
        let mut buf = KeyBuf::new();
        let mut input = String::new();
        let mut checked = 0;
        for len in 0..=6u32 {
            for mut code in 0..ALPHABET.len().pow(len) {
                input.clear();
                for _ in 0..len {
                    input.push(ALPHABET[code % ALPHABET.len()]);
                    code /= ALPHABET.len();
                }
                let reference = Template::parse(&input).and_then(|t| t.lookup_key("put"));
                let fast =
                    write_lookup_key("put", &input, &mut buf).map(|()| buf.as_str().to_owned());
                assert_eq!(fast, reference, "{input:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 597_871);
    }

    #[test]
    fn root_is_a_template() {
        let t = Template::parse("/").unwrap();
        assert!(t.segments().is_empty());
        assert_eq!(t.to_string(), "/");
        assert_eq!(t.lookup_key("GET").unwrap(), "GET /");
    }

    #[test]
    fn rejections_say_what_and_where() {
        use TemplateError::*;
        let cases: &[(&str, TemplateError)] = &[
            ("", Empty),
            ("contacts", MissingLeadingSlash),
            ("/contacts//tasks", EmptySegment { position: 10 }),
            ("//", EmptySegment { position: 1 }),
            ("/contacts/../users", DotSegment { position: 10 }),
            ("/contacts/.", DotSegment { position: 10 }),
            (
                "/appointments /:id",
                InvalidCharacter {
                    position: 13,
                    character: ' ',
                },
            ),
            (
                "/key\\_name",
                InvalidCharacter {
                    position: 4,
                    character: '\\',
                },
            ),
            (
                "/caf\u{e9}",
                InvalidCharacter {
                    position: 4,
                    character: '\u{e9}',
                },
            ),
            ("/a/{}", InvalidParameter { position: 3 }),
            ("/a/:", InvalidParameter { position: 3 }),
            ("/a/{b", InvalidParameter { position: 3 }),
            ("/a/{1b}", InvalidParameter { position: 3 }),
            ("/a/{b-c}", InvalidParameter { position: 3 }),
        ];
        for (input, expected) in cases {
            assert_eq!(Template::parse(input).unwrap_err(), *expected, "{input:?}");
            let mut buf = KeyBuf::new();
            assert_eq!(
                write_lookup_key("GET", input, &mut buf).unwrap_err(),
                *expected,
                "{input:?}"
            );
        }
    }

    #[test]
    fn overlong_input_is_rejected_not_truncated() {
        let long = format!("/{}", "a".repeat(MAX_TEMPLATE_LEN));
        assert_eq!(
            Template::parse(&long).unwrap_err(),
            TemplateError::TooLong {
                length: MAX_TEMPLATE_LEN + 1
            }
        );
        let exact = format!("/{}", "a".repeat(MAX_TEMPLATE_LEN - 1));
        let mut buf = KeyBuf::new();
        write_lookup_key("DELETE", &exact, &mut buf).unwrap();
        assert_eq!(buf.as_str().len(), "DELETE ".len() + MAX_TEMPLATE_LEN);
    }

    #[test]
    fn unknown_methods_are_rejected() {
        let t = Template::parse("/a").unwrap();
        assert_eq!(t.lookup_key("TRACE"), Err(TemplateError::UnknownMethod));
        assert_eq!(t.lookup_key("GETX"), Err(TemplateError::UnknownMethod));
        assert_eq!(t.lookup_key(""), Err(TemplateError::UnknownMethod));
    }

    #[test]
    fn error_messages_name_the_position() {
        let err = Template::parse("/a//b").unwrap_err();
        assert_eq!(err.to_string(), "empty path segment (`//`) at byte 3");
    }
}
