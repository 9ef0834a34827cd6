use super::*;

const SPEC: &str = r##"{
  "openapi": "3.0.0",
  "info": { "title": "T", "version": "1" },
  "servers": [{ "url": "https://api.example.test" }],
  "security": [{ "oauth": ["global.read"] }],
  "components": {
    "securitySchemes": {
      "oauth": { "type": "oauth2", "description": "OAuth", "flows": {} },
      "key": { "type": "apiKey", "in": "header", "name": "X-Key" }
    },
    "parameters": {
      "Ver": { "name": "Version", "in": "header", "required": true,
               "schema": { "type": "string", "default": "2020-01-01" } }
    }
  },
  "paths": {
    "/things/{id}": {
      "parameters": [{ "name": "Version", "in": "header", "schema": { "type": "string", "enum": ["a"] } }],
      "get": {
        "operationId": "getThing", "summary": "Get a thing",
        "parameters": [{ "name": "Version", "in": "header", "schema": { "type": "string", "enum": ["b", "c"] } }],
        "security": [{ "oauth": ["things.read", "things.audit"] }, { "key": [] }],
        "x-version-added": "v3",
        "responses": {}
      },
      "delete": { "deprecated": true, "responses": {}, "parameters": [{ "$ref": "#/components/parameters/Ver" }] }
    },
    "/token": { "post": { "security": [], "responses": {} } }
  }
}"##;

#[test]
fn reads_operations_security_headers_and_locations() {
    let spec = read_spec("t.json", SPEC).expect("valid spec");
    assert_eq!(spec.servers, ["https://api.example.test"]);
    assert_eq!(spec.schemes["key"].kind, "apikey header");
    assert_eq!(spec.schemes["oauth"].description.as_deref(), Some("OAuth"));
    let [get, delete, token] = spec.operations.as_slice() else {
        panic!("three operations expected: {:?}", spec.operations);
    };

    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/things/{id}")
    );
    assert_eq!(get.operation_id.as_deref(), Some("getThing"));
    assert_eq!(get.summary.as_deref(), Some("Get a thing"));
    assert_eq!(get.location.pointer, "/paths/~1things~1{id}/get");
    assert_eq!(get.location.to_string(), "t.json#/paths/~1things~1{id}/get");
    // Two alternatives (OR); the first requires both scopes (AND).
    assert_eq!(get.security.origin, SecurityOrigin::Operation);
    assert_eq!(
        get.security.alternatives,
        [
            Requirement {
                schemes: vec![(
                    "oauth".into(),
                    vec!["things.read".into(), "things.audit".into()]
                )]
            },
            Requirement {
                schemes: vec![("key".into(), vec![])]
            },
        ]
    );
    // The operation's header parameter replaces the path item's.
    assert_eq!(
        get.header("version"),
        Some(&["b".to_owned(), "c".to_owned()][..])
    );
    assert_eq!(get.extensions["x-version-added"], "v3");

    // No security of its own: the document's applies.
    assert!(delete.deprecated);
    assert_eq!(delete.security.origin, SecurityOrigin::Document);
    assert_eq!(
        delete.security.alternatives[0].schemes[0].1,
        ["global.read"]
    );
    // A referenced parameter, read through its default.
    assert_eq!(
        delete.header("Version"),
        Some(&["2020-01-01".to_owned()][..])
    );

    // `security: []`: no authentication.
    assert_eq!(token.security.origin, SecurityOrigin::Operation);
    assert!(token.security.needs_no_auth());
    assert!(!get.security.needs_no_auth());
}

#[test]
fn bad_input_names_file_and_place() {
    let e = read_spec("bad.json", "{\n  \"openapi\": 3").expect_err("invalid JSON");
    assert_eq!(e.file, "bad.json");
    assert!(e.at.starts_with("line 2"), "{e}");

    let e = read_spec(
        "v.json",
        r#"{"openapi":"2.0","info":{"title":"T","version":"1"},"paths":{}}"#,
    )
    .expect_err("not 3.0");
    assert_eq!(e.at, "/openapi");

    let undeclared = SPEC.replace(r#"{ "key": [] }"#, r#"{ "nokey": [] }"#);
    let e = read_spec("u.json", &undeclared).expect_err("undeclared scheme");
    assert_eq!(e.at, "/paths/~1things~1{id}/get/security/1");
    assert!(e.message.contains("`nokey`"), "{e}");
}

/// Every vendor spec in `data/sources/` parses with the typed model.
#[test]
fn every_vendor_spec_parses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = 0;
    let mut operations = 0;
    let mut diagnostics = Vec::new();
    for dir in [
        "data/sources/highlevel/openapi-v2",
        "data/sources/highlevel/openapi-v3",
    ] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("source folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).expect("readable");
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let spec = read_spec(name, &text).unwrap_or_else(|e| panic!("{e}"));
            files += 1;
            operations += spec.operations.len();
            for d in &spec.diagnostics {
                diagnostics.push(format!("{name}#{}: {}", d.pointer, d.action));
            }
        }
    }
    assert_eq!(files, 83);
    assert_eq!(operations, 1203);
    // Only the two conversations specs have parts OpenAPI 3.0 rejects: response headers
    // without `schema` or `content`.
    insta::assert_yaml_snapshot!(diagnostics);
}
