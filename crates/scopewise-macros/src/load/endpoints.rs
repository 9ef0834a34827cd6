//! Reading a provider's dataset: `catalog.yaml` + `legacy.yaml`.
//!
//! The YAML schema is `scopewise_model::dataset`; what serde cannot check (cross references,
//! unique keys, canonical templates) is `scopewise_model::validate`, the same validation the
//! ingest runs, which resolves every reference to an index so that code generation cannot
//! fail. This module reads the files, caches the result and names the files for messages.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use scopewise_model::dataset::{CatalogFile, LegacyFile};
use scopewise_model::validate::{self, ResolvedCatalog};

use super::{Cache, DataError, display_path, file_error};

/// A validated dataset with every cross reference resolved to an index, and the files it was
/// read from (the expansion depends on them).
#[derive(Debug)]
pub struct Dataset {
    pub catalog_file: PathBuf,
    pub legacy_file: PathBuf,
    pub resolved: ResolvedCatalog,
}

impl Deref for Dataset {
    type Target = ResolvedCatalog;

    fn deref(&self) -> &ResolvedCatalog {
        &self.resolved
    }
}

/// Loads `dir/catalog.yaml` and `dir/legacy.yaml` for `provider`, reusing an earlier result
/// when both files' bytes are unchanged (every `endpoint!` in a crate reads the same files).
pub fn load(dir: &Path, provider: &str) -> Result<Arc<Dataset>, Vec<DataError>> {
    static CACHE: Cache<Dataset> = Cache::new();
    CACHE.load(dir, provider, &["catalog.yaml", "legacy.yaml"], |files| {
        let mut files = files.into_iter();
        match (files.next(), files.next()) {
            (Some((catalog_file, catalog)), Some((legacy_file, legacy))) => {
                parse(catalog_file, catalog, legacy_file, legacy, provider)
            }
            // Cache::load gives one entry per name.
            _ => Err(vec![file_error(
                dir,
                "catalog.yaml and legacy.yaml were not read",
            )]),
        }
    })
}

/// Parses and validates the two files' contents; every problem found is reported.
pub fn parse(
    catalog_file: PathBuf,
    catalog_bytes: &[u8],
    legacy_file: PathBuf,
    legacy_bytes: &[u8],
    provider: &str,
) -> Result<Dataset, Vec<DataError>> {
    let catalog: Result<CatalogFile, _> = serde_yaml::from_slice(catalog_bytes);
    let legacy: Result<LegacyFile, _> = serde_yaml::from_slice(legacy_bytes);
    let (catalog, legacy) = match (catalog, legacy) {
        (Ok(c), Ok(l)) => (c, l),
        (c, l) => {
            let mut errors = Vec::new();
            if let Err(e) = c {
                errors.push(file_error(&catalog_file, e.to_string()));
            }
            if let Err(e) = l {
                errors.push(file_error(&legacy_file, e.to_string()));
            }
            return Err(errors);
        }
    };
    let catalog_name = display_path(&catalog_file);
    // Which provider the macro asked for is the macro's question, not the data's.
    let mut errors = Vec::new();
    if catalog.provider != provider {
        errors.push(DataError::at(
            catalog_name.as_str(),
            "top level",
            "provider",
            format!(
                "is `{}`, but the macro asked for `{provider}`",
                catalog.provider
            ),
        ));
    }
    match validate::catalog(catalog, legacy, &catalog_name, &display_path(&legacy_file)) {
        Ok(resolved) if errors.is_empty() => Ok(Dataset {
            catalog_file,
            legacy_file,
            resolved,
        }),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn parse_str(catalog: &str) -> Result<Dataset, Vec<String>> {
        let legacy = std::fs::read(fixture("basic").join("legacy.yaml")).unwrap();
        parse(
            fixture("t").join("catalog.yaml"),
            catalog.as_bytes(),
            fixture("t").join("legacy.yaml"),
            &legacy,
            "highlevel",
        )
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    fn basic() -> String {
        std::fs::read_to_string(fixture("basic").join("catalog.yaml")).unwrap()
    }

    #[test]
    fn basic_fixture_resolves_every_reference() {
        let d = load(&fixture("basic"), "highlevel").unwrap();
        assert_eq!(d.catalog.endpoints.len(), 7);
        let tasks = d.key_index["GET /contacts/{}/tasks"];
        assert_eq!(
            d.catalog.endpoints[tasks].path,
            "/contacts/{contactId}/tasks"
        );
        let readonly = d.scope_index["contacts.readonly"];
        assert_eq!(d.endpoint_scopes[tasks], [readonly]);
        assert_eq!(d.scope_index["contacts.readOnly"], readonly);
        let events: Vec<_> = d.endpoint_webhooks[tasks]
            .iter()
            .map(|&w| d.catalog.webhooks[w].event.as_str())
            .collect();
        assert_eq!(events, ["ContactCreate", "ContactDelete"]);
    }

    #[test]
    fn cached_load_is_shared() {
        let a = load(&fixture("basic"), "highlevel").unwrap();
        let b = load(&fixture("basic"), "highlevel").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn wrong_provider_is_named() {
        let errors = load(&fixture("basic"), "sfmc").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "crates/scopewise-macros/tests/fixtures/basic/catalog.yaml: top level: field `provider`: \
             is `highlevel`, but the macro asked for `sfmc`"
        );
    }

    #[test]
    fn missing_file_is_an_error_not_a_panic() {
        let errors = load(&fixture("does-not-exist"), "highlevel").unwrap_err();
        assert!(
            errors[0].to_string().starts_with(
                "crates/scopewise-macros/tests/fixtures/does-not-exist/catalog.yaml: cannot read:"
            ),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn serde_errors_name_the_entry_and_field() {
        let yaml = basic().replacen("  scopes: [calendars.readonly]\n", "", 1);
        let errors = parse_str(&yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: endpoints[1]: missing field `scopes`"
            ),
            "{}",
            errors[0]
        );
        let yaml = basic().replacen("access: [agency]", "access: [company]", 1);
        let errors = parse_str(&yaml).unwrap_err();
        assert!(
            errors[0].contains("unknown variant `company`"),
            "{}",
            errors[0]
        );
    }

    /// The validation is the model's (`scopewise_model::validate`, tested there); its errors
    /// name the file relative to the repository root.
    #[test]
    fn validation_errors_name_the_file_from_the_root() {
        let yaml = basic().replacen("scopes: [contacts.write]", "scopes: [contact.write]", 1);
        assert_eq!(
            parse_str(&yaml).unwrap_err(),
            [
                "crates/scopewise-macros/tests/fixtures/t/catalog.yaml: endpoints[2] (POST /contacts): field `scopes[0]`: unknown scope `contact.write`; it is not in `scopes`"
            ]
        );
    }

    /// The macro's provider is checked first, and the data's own problems still reported.
    #[test]
    fn a_wrong_provider_comes_before_the_datas_errors() {
        let yaml = basic().replacen("scopes: [contacts.write]", "scopes: [contact.write]", 1);
        let legacy = std::fs::read(fixture("basic").join("legacy.yaml")).unwrap();
        let errors: Vec<String> = parse(
            fixture("t").join("catalog.yaml"),
            yaml.as_bytes(),
            fixture("t").join("legacy.yaml"),
            &legacy,
            "sfmc",
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
        let file = "crates/scopewise-macros/tests/fixtures/t/catalog.yaml";
        assert_eq!(
            errors,
            [
                format!(
                    "{file}: top level: field `provider`: is `highlevel`, but the macro asked for `sfmc`"
                ),
                format!(
                    "{file}: endpoints[2] (POST /contacts): field `scopes[0]`: unknown scope `contact.write`; it is not in `scopes`"
                ),
            ]
        );
    }
}
