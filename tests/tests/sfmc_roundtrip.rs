//! Round trip over the SFMC dataset: every group, token and SOAP object of
//! `data/sfmc/catalog.yaml` (read with the dataset's own serde types, whose levels, statuses and
//! SOAP operations are the runtime's own types) is found through the
//! generated tables of `scopewise::sfmc`, with exactly the YAML's data, and the records link
//! to each other as the YAML says.
//!
//! The same check runs on the macro crate's small SFMC fixture, compiled with
//! `include_catalog!("sfmc", path = ..)` from this (downstream) crate.

use std::path::{Path, PathBuf};

use scopewise::sfmc::{self, Level, SoapOperation, TokenStatus};
use scopewise_model::sfmc as yaml;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

fn read(dir: &str) -> yaml::SfmcCatalogFile {
    let path = repo_root().join(dir).join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(catalog: &'static sfmc::Catalog, data: &yaml::SfmcCatalogFile) {
    assert_eq!(catalog.provider(), data.provider);
    assert_eq!(catalog.fingerprint(), data.fingerprint);
    for (ours, theirs) in [
        (catalog.source(), &data.source),
        (catalog.mapping(), &data.mapping),
    ] {
        assert_eq!(ours.path, theirs.path);
        assert_eq!(ours.sha256, theirs.sha256);
        assert_eq!(ours.lines, theirs.lines);
    }
    assert_eq!(catalog.groups().len(), data.groups.len());
    assert_eq!(catalog.tokens().len(), data.tokens.len());
    assert_eq!(catalog.soap_objects().len(), data.soap_objects.len());

    for (i, g) in data.groups.iter().enumerate() {
        let group = catalog
            .group(&g.name)
            .unwrap_or_else(|| panic!("group `{}` not found", g.name));
        assert!(std::ptr::eq(group, &catalog.groups()[i]), "{}", g.name);
        assert_eq!(group.index(), i);
        assert_eq!(group.name(), g.name);
        assert_eq!(group.prefix(), g.prefix);
        assert_eq!(group.prefix_reason(), g.prefix_reason.as_deref());
        assert_eq!(group.description(), g.description.as_deref());
        assert_eq!(group.line(), g.line);
        assert_eq!(group.scopes_line(), g.scopes_line);
        let levels: Vec<Level> = g.levels.iter().map(|l| l.level).collect();
        assert_eq!(group.levels(), levels, "{}", g.name);
        let tokens: Vec<&str> = group.tokens().iter().map(|t| t.name()).collect();
        let expected: Vec<&str> = g.levels.iter().map(|l| l.token.as_str()).collect();
        assert_eq!(tokens, expected, "{}", g.name);
        for l in &g.levels {
            let token = group
                .token(l.level)
                .expect("a documented level has its token");
            assert_eq!(token.name(), l.token);
            assert!(group.has_level(l.level));
            assert_eq!(catalog.find_group(&g.name), Some(group));
            assert_eq!(catalog.find_group(&g.prefix), Some(group), "{}", g.prefix);
            // The page's way of naming the token finds it, in any case.
            let display = format!("{} {}", g.name, l.level.page_word());
            assert_eq!(
                catalog.token_for_display(&display),
                Some(token),
                "{display}"
            );
            assert_eq!(
                catalog.token_for_display(&display.to_uppercase()),
                Some(token),
                "{display}"
            );
            assert_eq!(token.display_name(), Some(display.as_str()));
        }
        // Undocumented-here tokens of the group, in token order.
        let undocumented: Vec<&str> = data
            .tokens
            .iter()
            .filter(|t| {
                t.status == TokenStatus::UndocumentedHere && t.group.as_deref() == Some(&g.name)
            })
            .map(|t| t.token.as_str())
            .collect();
        let ours: Vec<&str> = group.undocumented().iter().map(|t| t.name()).collect();
        assert_eq!(ours, undocumented, "{}", g.name);
    }

    for (i, t) in data.tokens.iter().enumerate() {
        let token = catalog
            .token(&t.token)
            .unwrap_or_else(|| panic!("token `{}` not found", t.token));
        assert!(std::ptr::eq(token, &catalog.tokens()[i]), "{}", t.token);
        assert_eq!(token.index(), i);
        assert_eq!(token.name(), t.token);
        assert_eq!(token.to_string(), t.token);
        assert_eq!(token.status(), t.status);
        assert_eq!(token.is_documented(), t.status == TokenStatus::Documented);
        assert_eq!(token.group().map(|g| g.name()), t.group.as_deref());
        assert_eq!(token.level(), t.level);
        assert_eq!(token.line(), t.line);
        assert_eq!(token.evidence(), t.evidence.as_deref());
        assert_eq!(token.reason(), t.reason.as_deref());
        // Every known token, undocumented ones included, is known to `explain_unknown`, and
        // its own name in another case is a spelling of it.
        assert_eq!(
            catalog.explain_unknown(&t.token),
            sfmc::UnknownToken::Known(token)
        );
        assert_eq!(
            catalog.explain_unknown(&t.token.to_uppercase()),
            sfmc::UnknownToken::Spelling(token),
            "{}",
            t.token
        );
        if let (Some(group), Some(l)) = (token.group(), token.level()) {
            assert_eq!(group.token(l), Some(token), "{}", t.token);
        }
    }

    for (i, o) in data.soap_objects.iter().enumerate() {
        let object = catalog
            .soap_object(&o.object)
            .unwrap_or_else(|| panic!("SOAP object `{}` not found", o.object));
        assert!(
            std::ptr::eq(object, &catalog.soap_objects()[i]),
            "{}",
            o.object
        );
        assert_eq!(object.index(), i);
        assert_eq!(object.name(), o.object);
        assert_eq!(object.description(), o.description);
        assert_eq!(object.line(), o.line);
        let ops: Vec<SoapOperation> = o.operations.clone();
        assert_eq!(object.operations(), ops, "{}", o.object);
        for op in SoapOperation::ALL {
            assert_eq!(object.supports(op), ops.contains(&op), "{} {op}", o.object);
        }
    }
}

#[test]
fn every_record_of_the_committed_dataset_round_trips() {
    let data = read("data/sfmc");
    // The numbers: a check that the test reads what it means to read.
    assert_eq!(data.groups.len(), 24);
    assert_eq!(data.tokens.len(), 58);
    assert_eq!(
        data.tokens
            .iter()
            .filter(|t| t.status == TokenStatus::UndocumentedHere)
            .count(),
        6
    );
    assert_eq!(data.soap_objects.len(), 21);
    check(&sfmc::CATALOG, &data);
}

static FIXTURE: sfmc::Catalog = scopewise::include_catalog!(
    "sfmc",
    path = "crates/scopewise-macros/tests/fixtures/sfmc-basic",
);

#[test]
fn the_macro_fixture_round_trips_from_a_downstream_crate() {
    let data = read("crates/scopewise-macros/tests/fixtures/sfmc-basic");
    check(&FIXTURE, &data);
    let tags = FIXTURE.group("Tags").unwrap();
    assert_eq!(tags.token(Level::Read).map(|t| t.name()), Some("tags_read"));
    assert!(FIXTURE.token("email_write").is_none());
}

#[test]
fn names_that_are_not_in_the_tables_find_nothing() {
    let c = &sfmc::CATALOG;
    for name in [
        "",
        "email",
        "email_",
        "_read",
        "email_read ",
        "Email_Read",
        "organizations_read",
    ] {
        assert!(c.token(name).is_none(), "{name:?}");
    }
    for name in ["", "email", "EMAIL", "Journeys"] {
        assert!(c.group(name).is_none(), "{name:?}");
    }
    for name in ["", "program", "Subscriber", "DataExtension"] {
        assert!(c.soap_object(name).is_none(), "{name:?}");
    }
}
