//! Sentences that more than one edge prints (the macros' compile errors, the runtime's
//! explanations, the command line's findings), written once so that they cannot drift.
//!
//! ```
//! use scopewise_model::wording::missing_level;
//! assert_eq!(
//!     missing_level("OTT", "Write", &["Read", "Send"]),
//!     "the OTT group has no Write level; it has Read and Send"
//! );
//! ```

/// That an SFMC group lacks a level, and which levels it has (page words: `Read`, `Write`).
///
/// ```
/// use scopewise_model::wording::missing_level;
/// assert_eq!(missing_level("Tags", "Publish", &["Write"]), "the Tags group has no Publish level; it has Write");
/// ```
pub fn missing_level(group: &str, level: &str, levels: &[&str]) -> String {
    format!(
        "the {group} group has no {level} level; it has {}",
        and_list(levels)
    )
}

/// `a`, `a and b`, `a, b and c`.
///
/// ```
/// use scopewise_model::wording::and_list;
/// assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
/// assert_eq!(and_list(&["a"]), "a");
/// assert_eq!(and_list(&[]), "");
/// ```
pub fn and_list(items: &[&str]) -> String {
    list(items, "and")
}

/// `a`, `a or b`, `a, b or c`: the choices of a "did you mean".
///
/// ```
/// assert_eq!(scopewise_model::wording::or_list(&["`a`", "`b`"]), "`a` or `b`");
/// ```
pub fn or_list(items: &[&str]) -> String {
    list(items, "or")
}

/// `` `a` `` for one name, `` one of `a`, `b` `` for several, empty for none: the choices a
/// fix offers.
///
/// ```
/// use scopewise_model::wording::one_of;
/// assert_eq!(one_of(&["a"]), "`a`");
/// assert_eq!(one_of(&["a", "b"]), "one of `a`, `b`");
/// assert_eq!(one_of(&[]), "");
/// ```
pub fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{one}`"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

fn list(items: &[&str], word: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}
