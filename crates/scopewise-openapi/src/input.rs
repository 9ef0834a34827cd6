//! From text to a JSON value: the format, the size cap, the nesting cap, located syntax errors.

use crate::OpenApiError;

/// The largest spec [`read_spec`](crate::read_spec) reads, in bytes (64 MiB). The largest
/// public specs are a few MiB; a bigger input is refused before it is parsed.
///
/// ```
/// assert_eq!(scopewise_openapi::MAX_SPEC_BYTES, 64 * 1024 * 1024);
/// ```
pub const MAX_SPEC_BYTES: usize = 64 * 1024 * 1024;

/// The deepest nesting of arrays and objects a spec may have. Both parsers stop there with an
/// error instead of recursing further (serde_json's and yaml_serde's own limit, 128).
///
/// ```
/// assert_eq!(scopewise_openapi::MAX_NESTING, 128);
/// ```
pub const MAX_NESTING: usize = 128;

/// The syntax a spec is written in.
///
/// ```
/// use scopewise_openapi::Format;
///
/// assert_eq!(Format::detect("\u{feff}  {\"openapi\": \"3.0.3\"}"), Format::Json);
/// assert_eq!(Format::detect("openapi: 3.0.3\n"), Format::Yaml);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON (RFC 8259).
    Json,
    /// YAML 1.2 (a superset of JSON; read with `yaml_serde`).
    Yaml,
}

impl Format {
    /// The format of `text`, by its content: JSON when its first character after a byte
    /// order mark and whitespace is `{`, else YAML. File names are not consulted: a `.yaml`
    /// file holding JSON is read as JSON, with JSON's error messages.
    ///
    /// ```
    /// use scopewise_openapi::Format;
    ///
    /// assert_eq!(Format::detect("\n{}"), Format::Json);
    /// assert_eq!(Format::detect("# a comment\nopenapi: 3.1.0"), Format::Yaml);
    /// ```
    pub fn detect(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// Parses `text` as `format`, refusing oversized input; syntax errors (and excessive
/// nesting) are located by line and column.
pub(crate) fn parse(
    file: &str,
    text: &str,
    format: Format,
) -> Result<serde_json::Value, OpenApiError> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(OpenApiError::new(
            file,
            "document",
            format!(
                "the spec is {} bytes; the limit is {MAX_SPEC_BYTES} bytes (64 MiB)",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Json => serde_json::from_str(text)
            .map(Strict::into_value)
            .map_err(|e| {
                OpenApiError::new(
                    file,
                    format!("line {}, column {}", e.line(), e.column()),
                    format!("not JSON: {e}"),
                )
            }),
        Format::Yaml => {
            if let Some((line, column)) = yaml_flow_too_deep(text, MAX_NESTING) {
                return Err(OpenApiError::new(
                    file,
                    format!("line {line}, column {column}"),
                    format!(
                        "not YAML: recursion limit exceeded: more than {MAX_NESTING} nested flow collections (`[` or `{{`)"
                    ),
                ));
            }
            serde_yaml::from_str(text)
                .map(Strict::into_value)
                .map_err(|e| {
                    let at = e.location().map_or_else(
                        || "document".to_owned(),
                        |l| format!("line {}, column {}", l.line(), l.column()),
                    );
                    OpenApiError::new(file, at, format!("not YAML: {e}"))
                })
        }
    }
}

/// Where the flow nesting (`[`, `{`) of the YAML `text` first exceeds `max`, as a 1-based
/// line and column; `None` if it never does.
///
/// `yaml_serde`'s parser takes time quadratic in the flow depth (100 000 `[` take seconds)
/// before its own recursion limit applies, so the depth is measured first, in one pass. The
/// scan follows what makes a `[` or `{` an indicator: inside a flow collection every unquoted
/// one is; outside, only one that starts a node (at the start of a line or after `- `, `: `,
/// `? `, an anchor or a tag). Quoted scalars, comments and block scalars (`|`, `>`) are
/// skipped. It can only over-count, on YAML that the parser would reject anyway.
fn yaml_flow_too_deep(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    // The indentation of the line that opened a block scalar, while its lines are skipped.
    let mut block_parent: Option<usize> = None;
    let mut node_start = true;
    for (n, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(parent) = block_parent {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block_parent = None;
        }
        if depth == 0 && quote.is_none() {
            node_start = true;
        }
        let mut after_space = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            match quote {
                Some(b'"') => {
                    if b == b'\\' {
                        i += 1;
                    } else if b == b'"' {
                        quote = None;
                        node_start = false;
                    }
                    i += 1;
                    continue;
                }
                Some(_) => {
                    if b == b'\'' {
                        if next == Some(b'\'') {
                            i += 1;
                        } else {
                            quote = None;
                            node_start = false;
                        }
                    }
                    i += 1;
                    continue;
                }
                None => {}
            }
            let space_after = matches!(next, None | Some(b' ' | b'\t'));
            match b {
                b' ' | b'\t' => {
                    after_space = true;
                    i += 1;
                    continue;
                }
                b'#' if after_space => break,
                b'[' | b'{' if depth > 0 || node_start => {
                    depth += 1;
                    if depth > max {
                        return Some((n + 1, i + 1));
                    }
                    node_start = true;
                }
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    node_start = false;
                }
                b',' if depth > 0 => node_start = true,
                b'"' | b'\'' if node_start => quote = Some(b),
                b'-' | b'?' | b':' if space_after || (depth > 0 && b == b':') => {
                    node_start = true;
                }
                b'|' | b'>' if node_start && depth == 0 => {
                    block_parent = Some(indent);
                    break;
                }
                b'&' | b'!' | b'*' if node_start => {
                    // An anchor, a tag or an alias: a name up to the next space.
                    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b',') {
                        i += 1;
                    }
                    node_start = b != b'*';
                    after_space = false;
                    continue;
                }
                _ => node_start = false,
            }
            after_space = false;
            i += 1;
        }
    }
    None
}

/// A JSON value whose objects have no duplicate keys: a second `security` or `get` in one
/// object is an error where it is, not a silent overwrite (serde_json's `Value` keeps the
/// last). Keys that are not strings (YAML `200:`, `true:`) are read as their text.
struct Strict(serde_json::Value);

impl Strict {
    fn into_value(self) -> serde_json::Value {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

/// A map key: any scalar, as text.
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match <Strict as serde::Deserialize>::deserialize(d)?.0 {
            serde_json::Value::String(s) => Ok(Key(s)),
            serde_json::Value::Null => Ok(Key("null".into())),
            v @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_)) => {
                Ok(Key(v.to_string()))
            }
            _ => Err(serde::de::Error::custom(
                "a mapping key must be a scalar (text, number or boolean)",
            )),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON-compatible value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde::Deserialize::deserialize(d).map(Strict::into_value)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Strict>()? {
            out.push(v.0);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(Key(k)) = map.next_key::<Key>()? {
            if out.contains_key(&k) {
                return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
            }
            let v = map.next_value::<Strict>()?;
            out.insert(k, v.0);
        }
        Ok(serde_json::Value::Object(out))
    }
}
