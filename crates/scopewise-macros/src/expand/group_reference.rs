//! `scope!(sfmc: "email_read")`: a token of a provider of token groups, checked while
//! compiling.
//!
//! Such a provider has no endpoint table: a token grants a *level* of a *group*
//! (`email_send`), so `scope!` is the only reference macro that takes its prefix.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use scopewise_model::sfmc_vocabulary::Level;
use scopewise_model::suggest::{self, MAX_SUGGESTIONS};
use scopewise_model::wording;
use syn::LitStr;

use crate::args::ProviderArg;
use crate::load::{
    self,
    groups::{self, SfmcDataset},
};

/// `scope!(sfmc: "token")`: a checked `&'static scopewise::sfmc::Token`.
pub fn scope(provider: &ProviderArg, name: &LitStr) -> syn::Result<TokenStream> {
    let provider_name = provider.info.name;
    let d = groups::load(&load::data_dir(provider_name), provider_name).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        syn::Error::new(
            provider.span,
            format!(
                "the {provider_name} dataset is invalid, so nothing can be checked against it: {first}"
            ),
        )
    })?;
    resolve_scope(&d, &super::catalog_static(provider.info), name)
}

fn resolve_scope(
    d: &SfmcDataset,
    catalog: &TokenStream,
    name: &LitStr,
) -> syn::Result<TokenStream> {
    let token = name.value();
    let Some(&index) = d.token_index.get(&token) else {
        return Err(syn::Error::new(
            name.span(),
            unknown_token_message(d, &token),
        ));
    };
    let index = Literal::usize_unsuffixed(index);
    Ok(quote! {
        const {
            ::scopewise::__private::sfmc::token_checked(&#catalog, #index, #token)
        }
    })
}

/// Why `token` is not a token, and what the user may have meant. The runtime's
/// `Catalog::explain_unknown` gives the same kinds of answer for run-time input.
fn unknown_token_message(d: &SfmcDataset, token: &str) -> String {
    let c = &d.catalog;
    let mut message = format!("unknown token `{token}` in the sfmc catalog");
    let lower = token.to_ascii_lowercase();
    // `<group> <level>` written as a display name (`Email Read`) or with a known prefix and a
    // level the group does not have (`ott_chat_messaging_write`); groups are read from the
    // same forms as the runtime's `find_group`.
    let words = groups::words(token);
    let parsed = words.rsplit_once(' ').and_then(|(group, suffix)| {
        let g = c
            .groups
            .iter()
            .position(|g| groups::names_group(group, &g.name, &g.prefix))?;
        Some((g, Level::from_token_suffix(suffix)?))
    });
    if let Some((g, level)) = parsed {
        let group = &c.groups[g];
        let candidate = format!("{}_{}", group.prefix, level.as_str());
        if d.token_index.contains_key(&candidate) {
            message.push_str(&format!(
                "; the OAuth token for {} {} is `{candidate}`",
                group.name,
                level.page_word()
            ));
            return message;
        }
        let has: Vec<&str> = group.levels.iter().map(|l| l.level.page_word()).collect();
        message.push_str("; ");
        message.push_str(&wording::missing_level(
            &group.name,
            level.page_word(),
            &has,
        ));
    }
    let suggestions = suggestions(d, &lower);
    if !suggestions.is_empty() {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
        message.push_str(&format!("; did you mean {}?", wording::or_list(&quoted)));
    }
    message
}

/// The closest tokens by name and by display name (`Email Read`), best first.
fn suggestions<'d>(d: &'d SfmcDataset, lower: &str) -> Vec<&'d str> {
    let c = &d.catalog;
    let snake = scopewise_model::words::normalized(lower, '_');
    // Each token goes by its name (compared with the snake-cased text) and its display name
    // (compared with the text as written).
    let candidates = c.tokens.iter().enumerate().map(|(i, t)| {
        let display = match (d.token_group[i], t.level) {
            (Some(g), Some(level)) => format!("{} {}", c.groups[g].name, level.as_str()),
            _ => String::new(),
        };
        let score = suggest::similarity(&snake, &t.token).max(suggest::similarity(lower, &display));
        (t.token.as_str(), score)
    });
    let scored: Vec<(&str, f64)> = candidates.collect();
    suggest::rank_scored(scored, MAX_SUGGESTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    fn real() -> std::sync::Arc<SfmcDataset> {
        groups::load(&load::data_dir("sfmc"), "sfmc").unwrap()
    }

    fn error(token: &str) -> String {
        let lit = LitStr::new(token, Span::call_site());
        resolve_scope(&real(), &quote!(::scopewise::sfmc::CATALOG), &lit)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn known_tokens_resolve_to_checked_constants() {
        let d = real();
        let lit = LitStr::new("tags_read", Span::call_site());
        let out = resolve_scope(&d, &quote!(::scopewise::catalogs::sfmc::CATALOG), &lit)
            .unwrap()
            .to_string();
        let index = d.token_index["tags_read"];
        assert_eq!(
            out,
            format!(
                "const {{ :: scopewise :: __private :: sfmc :: token_checked \
                 (& :: scopewise :: catalogs :: sfmc :: CATALOG , {index} , \"tags_read\") }}"
            )
        );
    }

    #[test]
    fn unknown_tokens_are_explained() {
        assert_eq!(
            error("email_reed"),
            "unknown token `email_reed` in the sfmc catalog; did you mean `email_read`, `email_send` or `email_write`?"
        );
        assert_eq!(
            error("ott_chat_messaging_write"),
            "unknown token `ott_chat_messaging_write` in the sfmc catalog; the OTT group has no Write \
             level; it has Read and Send; did you mean `ott_chat_messaging_read`, `ott_chat_messaging_send` or `ott_channels_write`?"
        );
        assert_eq!(
            error("Email Read"),
            "unknown token `Email Read` in the sfmc catalog; the OAuth token for Email Read is `email_read`"
        );
        assert_eq!(
            error("journeys_interactions_read"),
            "unknown token `journeys_interactions_read` in the sfmc catalog; the OAuth token for Journeys (Interactions) Read is `journeys_read`"
        );
        assert_eq!(
            error("organizations_read"),
            "unknown token `organizations_read` in the sfmc catalog; the OAuth token for Organizations Read is `accounts_read`"
        );
        assert_eq!(
            error("Lists and Subscribers Write"),
            "unknown token `Lists and Subscribers Write` in the sfmc catalog; the OAuth token for Lists and Subscribers Write is `list_and_subscribers_write`"
        );
        assert_eq!(
            error("zzzzzz"),
            "unknown token `zzzzzz` in the sfmc catalog"
        );
    }
}
