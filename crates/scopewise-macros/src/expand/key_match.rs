//! `__endpoint_key_match!`: lookup keys as a generated `match`, for the benchmark only.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};
use syn::LitStr;

use crate::load::{self, endpoints as dataset};

/// `__endpoint_key_match!("highlevel")`: the endpoint table's lookup keys compiled into a
/// `match` decision tree instead of a phf map, as a function `fn(&str) -> Option<u16>`.
///
/// Only the `lookup` benchmark uses it, to measure what a generated `match` would gain over
/// phf; the catalog itself uses phf. The tree dispatches on the key's length, then on the byte
/// that best splits the remaining keys, until one candidate is left, which is compared whole.
pub fn endpoint_key_match(input: TokenStream) -> TokenStream {
    let provider: LitStr = match syn::parse2(input) {
        Ok(p) => p,
        Err(err) => return err.into_compile_error(),
    };
    let dataset = match dataset::load(&load::data_dir(&provider.value()), &provider.value()) {
        Ok(d) => d,
        Err(errors) => {
            let message = errors.first().map(ToString::to_string).unwrap_or_default();
            return syn::Error::new(provider.span(), message).into_compile_error();
        }
    };
    let mut by_len: BTreeMap<usize, Vec<(usize, &str)>> = Default::default();
    for (i, key) in dataset.endpoint_keys.iter().enumerate() {
        by_len.entry(key.len()).or_default().push((i, key));
    }
    let arms = by_len.iter().map(|(len, group)| {
        let len = Literal::usize_unsuffixed(*len);
        let tree = decision_tree(group);
        quote!(#len => #tree,)
    });
    let keys = &dataset.endpoint_keys;
    let n = Literal::usize_unsuffixed(keys.len());
    quote! {{
        fn endpoint_key_match(key: &str) -> ::core::option::Option<u16> {
            const KEYS: [&str; #n] = [#(#keys),*];
            let b = key.as_bytes();
            let i: u16 = match b.len() {
                #(#arms)*
                _ => return ::core::option::Option::None,
            };
            if KEYS[i as usize] == key {
                ::core::option::Option::Some(i)
            } else {
                ::core::option::Option::None
            }
        }
        endpoint_key_match
    }}
}

/// A `match` on the byte position that splits `group` (distinct keys of one length) into the
/// most parts, recursively, down to single candidates.
fn decision_tree(group: &[(usize, &str)]) -> TokenStream {
    if let [(index, _)] = group {
        return Literal::u16_suffixed(u16::try_from(*index).unwrap_or(u16::MAX))
            .into_token_stream();
    }
    let len = group.first().map_or(0, |(_, k)| k.len());
    let distinct = |p: usize| {
        let mut bytes: Vec<u8> = group.iter().map(|(_, k)| k.as_bytes()[p]).collect();
        bytes.sort_unstable();
        bytes.dedup();
        bytes.len()
    };
    // Distinct keys of equal length differ somewhere, so the best position splits them.
    let position = (0..len)
        .max_by_key(|&p| (distinct(p), std::cmp::Reverse(p)))
        .unwrap_or(0);
    let mut parts: BTreeMap<u8, Vec<(usize, &str)>> = Default::default();
    for &(i, k) in group {
        parts
            .entry(k.as_bytes()[position])
            .or_default()
            .push((i, k));
    }
    let arms = parts.iter().map(|(byte, sub)| {
        let byte = Literal::u8_suffixed(*byte);
        let tree = decision_tree(sub);
        quote!(#byte => #tree,)
    });
    let position = Literal::usize_unsuffixed(position);
    quote! {
        match b[#position] {
            #(#arms)*
            _ => return ::core::option::Option::None,
        }
    }
}
