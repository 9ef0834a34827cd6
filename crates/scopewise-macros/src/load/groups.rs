//! Reading the SFMC dataset: `data/sfmc/catalog.yaml`.
//!
//! The YAML schema is `scopewise_model::sfmc`; what serde cannot check (unique names, that
//! every group level names a documented token of that group and level, that a token's name is
//! `<prefix>_<level>`) is `scopewise_model::validate`, the same validation the ingest runs,
//! which resolves every reference to an index so that code generation cannot fail.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use scopewise_model::sfmc::SfmcCatalogFile;
use scopewise_model::validate::{self, ResolvedSfmcCatalog};

use super::{Cache, DataError, display_path, file_error};

/// A validated SFMC dataset with every cross reference resolved to an index, and the file it
/// was read from (the expansion depends on it).
#[derive(Debug)]
pub struct SfmcDataset {
    pub file: PathBuf,
    pub resolved: ResolvedSfmcCatalog,
}

impl Deref for SfmcDataset {
    type Target = ResolvedSfmcCatalog;

    fn deref(&self) -> &ResolvedSfmcCatalog {
        &self.resolved
    }
}

/// Loads `dir/catalog.yaml` for `provider`, reusing an earlier result when its bytes are
/// unchanged (every `scope!(sfmc: ..)` in a crate reads the same file).
pub fn load(dir: &Path, provider: &str) -> Result<Arc<SfmcDataset>, Vec<DataError>> {
    static CACHE: Cache<SfmcDataset> = Cache::new();
    CACHE.load(dir, provider, &["catalog.yaml"], |files| {
        match files.into_iter().next() {
            Some((file, bytes)) => parse(file, bytes, provider),
            // Cache::load gives one entry per name.
            None => Err(vec![file_error(dir, "catalog.yaml was not read")]),
        }
    })
}

/// Parses and validates the file's contents; every problem found is reported.
pub fn parse(file: PathBuf, bytes: &[u8], provider: &str) -> Result<SfmcDataset, Vec<DataError>> {
    let catalog: SfmcCatalogFile =
        serde_yaml::from_slice(bytes).map_err(|e| vec![file_error(&file, e.to_string())])?;
    let name = display_path(&file);
    // Which provider the macro asked for is the macro's question, not the data's.
    let mut errors = Vec::new();
    if catalog.provider != provider {
        errors.push(DataError::at(
            name.as_str(),
            "top level",
            "provider",
            format!(
                "is `{}`, but the macro asked for `{provider}`",
                catalog.provider
            ),
        ));
    }
    match validate::sfmc_catalog(catalog, &name) {
        Ok(resolved) if errors.is_empty() => Ok(SfmcDataset { file, resolved }),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

/// `text`'s lower-case words joined by spaces (`&` is `and`), the runtime's reading.
pub fn words(text: &str) -> String {
    scopewise_model::words::normalized(text, ' ')
}

/// Whether `words` (lower-case, space-separated) name group `name` with token prefix `prefix`
/// in one of the forms the runtime reads (`scopewise_model::words::group_forms`).
pub fn names_group(words: &str, name: &str, prefix: &str) -> bool {
    scopewise_model::words::group_forms(name, prefix)
        .into_iter()
        .flatten()
        .map(self::words)
        .any(|form| !form.is_empty() && form == words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn real() -> String {
        std::fs::read_to_string(load::data_dir("sfmc").join("catalog.yaml")).unwrap()
    }

    fn parse_str(yaml: &str) -> Result<SfmcDataset, Vec<String>> {
        parse(
            load::resolve_dir("crates/scopewise-macros/tests/fixtures/t").join("catalog.yaml"),
            yaml.as_bytes(),
            "sfmc",
        )
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn serde_errors_name_the_entry_and_field() {
        let yaml = real().replacen(
            "  - level: send\n    token: email_send\n",
            "  - level: sned\n    token: email_send\n",
            1,
        );
        let errors = parse_str(&yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: groups[0].levels[2].level: unknown variant `sned`"
            ),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn wrong_provider_and_missing_file_are_named() {
        let errors =
            parse_str(&real().replacen("provider: sfmc", "provider: highlevel", 1)).unwrap_err();
        assert_eq!(
            errors,
            [
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: top level: field `provider`: is `highlevel`, but the macro asked for `sfmc`"
            ]
        );
        let errors = load(
            &load::resolve_dir("crates/scopewise-macros/tests/fixtures/no-such-dir"),
            "sfmc",
        )
        .unwrap_err();
        assert!(
            errors[0].to_string().starts_with(
                "crates/scopewise-macros/tests/fixtures/no-such-dir/catalog.yaml: cannot read:"
            ),
            "{}",
            errors[0]
        );
    }

    /// The validation is the model's (`scopewise_model::validate`, tested there); its errors
    /// name the file relative to the repository root.
    #[test]
    fn validation_errors_name_the_file_from_the_root() {
        let yaml = real().replacen(
            "- token: calendar_read\n  status: documented\n  group: Calendar\n",
            "- token: calendar_read\n  status: documented\n  group: Calendars\n",
            1,
        );
        assert_eq!(
            parse_str(&yaml).unwrap_err(),
            [
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: tokens[9] (calendar_read): field `group`: unknown group `Calendars`; it is not in `groups`"
            ]
        );
        let d = load(&load::data_dir("sfmc"), "sfmc").unwrap();
        assert_eq!(d.catalog.tokens.len(), 58);
        assert_eq!(d.token_index.len(), 58);
    }

    #[test]
    fn cached_load_is_shared() {
        let a = load(&load::data_dir("sfmc"), "sfmc").unwrap();
        let b = load(&load::data_dir("sfmc"), "sfmc").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
    }
}
