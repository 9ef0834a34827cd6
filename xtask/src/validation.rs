//! The ingest's last step before writing: the generated YAML, parsed back as the macros parse
//! it and validated by the same rules (`scopewise_model::validate`), so that a dataset the
//! ingest writes is one `include_catalog!` compiles. A dangling reference, a duplicate key or a
//! template the router cannot follow fails `cargo xtask ingest`, not a user's build.

use scopewise_model::dataset::{CatalogFile, LegacyFile};
use scopewise_model::sfmc::SfmcCatalogFile;
use scopewise_model::validate::{self, DataError};

use crate::{highlevel, sfmc};

/// Validates the highlevel-schema files among `files` (path, generated text): the catalog at
/// [`highlevel::CATALOG_PATH`] with the legacy table at [`highlevel::LEGACY_PATH`]. Every
/// problem is returned; none means the macros will accept the two files.
pub fn highlevel(files: &[(&str, String)]) -> Vec<DataError> {
    let (catalog, legacy) = match (
        parse::<CatalogFile>(files, highlevel::CATALOG_PATH),
        parse::<LegacyFile>(files, highlevel::LEGACY_PATH),
    ) {
        (Ok(catalog), Ok(legacy)) => (catalog, legacy),
        (catalog, legacy) => return catalog.err().into_iter().chain(legacy.err()).collect(),
    };
    validate::catalog(
        catalog,
        legacy,
        highlevel::CATALOG_PATH,
        highlevel::LEGACY_PATH,
    )
    .err()
    .unwrap_or_default()
}

/// Validates the SFMC catalog among `files` (path, generated text), at [`sfmc::CATALOG_PATH`].
pub fn sfmc(files: &[(&str, String)]) -> Vec<DataError> {
    match parse::<SfmcCatalogFile>(files, sfmc::CATALOG_PATH) {
        Ok(catalog) => validate::sfmc_catalog(catalog, sfmc::CATALOG_PATH)
            .err()
            .unwrap_or_default(),
        Err(e) => vec![e],
    }
}

/// The file at `path` among `files`, parsed as the macros parse it.
fn parse<T: serde::de::DeserializeOwned>(
    files: &[(&str, String)],
    path: &str,
) -> Result<T, DataError> {
    let (_, text) = files
        .iter()
        .find(|(p, _)| *p == path)
        .ok_or_else(|| DataError::file(path, "was not generated"))?;
    serde_yaml::from_str(text).map_err(|e| DataError::file(path, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGACY: &str = "\
provider: highlevel
source: { id: legacy-v1, path: data/sources/highlevel/v1.md, sha256: '00', table_rows: 0 }
scopes: []
endpoints: []
webhooks: []
changes:
  scopes_added: []
  scopes_removed: []
  endpoints_added: []
  endpoints_removed: []
  endpoints_rescoped: []
  endpoints_access_changed: []
  webhooks_added: []
  webhooks_removed: []
  webhooks_rescoped: []
";

    /// A generated catalog whose one endpoint names `scope`, and one scope, `contacts.readonly`.
    fn catalog(scope: &str) -> String {
        format!(
            "\
provider: highlevel
api_host: services.leadconnectorhq.com
fingerprint: 0123456789abcdef
sources: []
scopes:
- name: contacts.readonly
  status: current
  access: [sub-account]
  endpoints:
  - GET /contacts/{{contactId}}
  webhooks: []
  provenance: []
endpoints:
- method: GET
  path: /contacts/{{contactId}}
  scopes: [{scope}]
  access: [sub-account]
  provenance: []
webhooks: []
"
        )
    }

    fn outputs(catalog: String) -> Vec<(&'static str, String)> {
        vec![
            (highlevel::CATALOG_PATH, catalog),
            (highlevel::LEGACY_PATH, LEGACY.to_owned()),
        ]
    }

    #[test]
    fn a_consistent_dataset_passes() {
        assert_eq!(highlevel(&outputs(catalog("contacts.readonly"))), []);
    }

    #[test]
    fn a_dangling_reference_is_refused_before_anything_is_written() {
        let errors: Vec<String> = highlevel(&outputs(catalog("contacts.read")))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "data/highlevel/catalog.yaml: endpoints[0] (GET /contacts/{contactId}): field `scopes[0]`: unknown scope `contacts.read`; it is not in `scopes`"
            ]
        );
    }

    #[test]
    fn unparsable_or_missing_output_is_an_error_naming_the_file() {
        let bad =
            catalog("contacts.readonly").replacen("access: [sub-account]", "access: [company]", 1);
        let errors = highlevel(&outputs(bad));
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(
            text.starts_with(
                "data/highlevel/catalog.yaml: scopes[0].access[0]: unknown variant `company`"
            ),
            "{text}"
        );
        let errors = highlevel(&outputs(catalog("contacts.readonly"))[..1]);
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["data/highlevel/legacy.yaml: was not generated"]
        );
    }

    #[test]
    fn the_sfmc_catalog_is_validated_with_its_own_rules() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask/ is inside the repository");
        let committed = std::fs::read_to_string(root.join(sfmc::CATALOG_PATH)).unwrap();
        assert_eq!(sfmc(&[(sfmc::CATALOG_PATH, committed.clone())]), []);
        let dangling = committed.replacen("  group: Calendar\n", "  group: Calendars\n", 1);
        let errors: Vec<String> = sfmc(&[(sfmc::CATALOG_PATH, dangling)])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "data/sfmc/catalog.yaml: tokens[9] (calendar_read): field `group`: unknown group `Calendars`; it is not in `groups`"
            ]
        );
    }
}
