//! How people write group and token names, reduced to words: `Lists & Subscribers Write`,
//! `list_and_subscribers_write` and `LISTS AND SUBSCRIBERS write` are all the same few words
//! apart from one letter. The one rule for it: the ingest derives token prefixes with it, the
//! macros and the runtime read display names with it.
//!
//! ```
//! use scopewise_model::words::normalized;
//! assert_eq!(normalized("Lists & Subscribers Write", '_'), "lists_and_subscribers_write");
//! assert_eq!(normalized("Journeys (Interactions)", '_'), "journeys_interactions");
//! ```

/// Longer input finds nothing: no display name or token is anywhere near this long.
pub const MAX_INPUT_LEN: usize = 256;

/// More words than this find nothing (the longest group name has four).
pub const MAX_WORDS: usize = 16;

/// A separator: ASCII whitespace or punctuation, except `&`, which is a word (`and`).
fn is_separator(c: char) -> bool {
    c.is_ascii_whitespace() || (c.is_ascii_punctuation() && c != '&')
}

/// The words of `text`, `&` read as `and`. Non-ASCII characters are word characters, so they
/// never match the catalog's ASCII names.
pub fn iter(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    core::iter::from_fn(move || {
        let start = rest.find(|c| !is_separator(c))?;
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix('&') {
            rest = after;
            return Some("and");
        }
        let end = rest
            .find(|c| is_separator(c) || c == '&')
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        rest = after;
        Some(word)
    })
}

/// The words of one input, on the stack.
#[derive(Debug)]
pub struct Words<'a> {
    words: [&'a str; MAX_WORDS],
    len: usize,
}

impl<'a> Words<'a> {
    /// `None` when `text` has more than [`MAX_WORDS`] words.
    pub fn split(text: &'a str) -> Option<Self> {
        let mut out = Words {
            words: [""; MAX_WORDS],
            len: 0,
        };
        for word in iter(text) {
            *out.words.get_mut(out.len)? = word;
            out.len += 1;
        }
        Some(out)
    }

    /// The words, in order.
    pub fn as_slice(&self) -> &[&'a str] {
        &self.words[..self.len]
    }
}

/// Whether `form`'s words are `query`, ignoring ASCII case.
pub fn same_words(form: &str, query: &[&str]) -> bool {
    let mut form = iter(form);
    for q in query {
        match form.next() {
            Some(w) if w.eq_ignore_ascii_case(q) => {}
            _ => return false,
        }
    }
    form.next().is_none()
}

/// The ways to name a group: its display name, the display name outside and inside
/// parentheses (`Journeys`, `Interactions` for `Journeys (Interactions)`) and its prefix.
pub fn group_forms<'a>(name: &'a str, prefix: &'a str) -> [Option<&'a str>; 4] {
    let (outside, inside) = match (name.find('('), name.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            (Some(&name[..open]), Some(&name[open + 1..close]))
        }
        _ => (None, None),
    };
    [Some(name), outside, inside, Some(prefix)]
}

/// `text`'s words in lower case joined by `separator`: `Email Read` → `email_read`.
pub fn normalized(text: &str, separator: char) -> String {
    let mut out = String::with_capacity(text.len());
    for word in iter(text) {
        if !out.is_empty() {
            out.push(separator);
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_read_ampersands() {
        let words: Vec<_> = iter("  Lists&Subscribers_write (x)--").collect();
        assert_eq!(words, ["Lists", "and", "Subscribers", "write", "x"]);
        assert_eq!(iter("").count(), 0);
        assert_eq!(iter("__ -- ()").count(), 0);
        assert_eq!(iter("émail read").collect::<Vec<_>>(), ["émail", "read"]);
    }

    /// The ingest's prefixes, the macros' suggestions and the runtime's lookups read a display
    /// name the same way: `&` is the word `and`, not a separator to drop.
    #[test]
    fn an_ampersand_is_a_word_for_every_reader() {
        assert_eq!(
            normalized("Lists & Subscribers", '_'),
            "lists_and_subscribers"
        );
        assert!(same_words(
            "lists_and_subscribers",
            &["Lists", "and", "Subscribers"]
        ));
        assert_eq!(normalized("Email Read", ' '), "email read");
    }

    #[test]
    fn too_many_words_find_nothing() {
        assert!(Words::split(&"a ".repeat(16)).is_some());
        assert!(Words::split(&"a ".repeat(17)).is_none());
    }

    #[test]
    fn same_words_ignores_case_and_separators() {
        assert!(same_words(
            "list_and_subscribers",
            &["LIST", "and", "Subscribers"]
        ));
        assert!(!same_words("list_and_subscribers", &["list", "and"]));
        assert!(!same_words("list_and", &["list", "and", "subscribers"]));
        assert!(!same_words("email", &[]));
    }

    #[test]
    fn forms_of_a_parenthesized_name() {
        assert_eq!(
            group_forms("Journeys (Interactions)", "journeys"),
            [
                Some("Journeys (Interactions)"),
                Some("Journeys "),
                Some("Interactions"),
                Some("journeys")
            ]
        );
        assert_eq!(group_forms("Email", "email")[1], None);
    }

    #[test]
    fn normalized_forms() {
        assert_eq!(
            normalized("Journeys (Interactions) Execute", '_'),
            "journeys_interactions_execute"
        );
        assert_eq!(
            normalized("Lists & Subscribers", ' '),
            "lists and subscribers"
        );
    }
}
