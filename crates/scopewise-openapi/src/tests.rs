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
    assert_eq!(spec.servers.len(), 1);
    assert_eq!(spec.servers[0].url, "https://api.example.test");
    assert_eq!(spec.servers[0].host.as_deref(), Some("api.example.test"));
    assert_eq!(spec.servers[0].base_path, "");
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
    assert_eq!(get.location.line, Some(19));
    assert_eq!(get.servers, spec.servers);
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
    assert!(e.message.contains("only OpenAPI 3.0.x and 3.1.x"), "{e}");

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

/// A YAML spec with every construct the reader must get right at once.
const YAML_SPEC: &str = r#"# comment before the document
openapi: 3.0.3
info:
  title: Widgets
  version: "1"
servers:
  - url: https://{tenant}.widgets.test/api/{version}
    variables:
      tenant: { default: acme }
      version: { default: v2, enum: [v1, v2] }
security:
  - oauth: [widgets.read]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://auth.widgets.test/authorize
          tokenUrl: https://auth.widgets.test/token
          scopes:
            widgets.read: Read widgets
            widgets.write: Write widgets
            offline_access: Refresh tokens
    key: { type: apiKey, in: header, name: X-Key }
paths:
  /widgets/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
      - { name: Api-Version, in: header, schema: { type: string, enum: ["2024-01-01"] } }
    get:
      operationId: getWidget
      responses: {}
    put:
      security:
        - oauth: [widgets.write, widgets.read]
        - key: []
      parameters:
        - { name: Api-Version, in: header, schema: { type: string, default: "2025-01-01" } }
      responses: {}
  /health:
    servers:
      - url: /status
    get:
      security: []
      responses: {}
"#;

#[test]
fn reads_a_yaml_spec_with_servers_overrides_and_path_parameters() {
    let spec = read_spec("w.yaml", YAML_SPEC).expect("valid spec");
    assert_eq!(spec.version, "3.0.3");
    // The base path and host come from `servers`, variables replaced by their defaults.
    let [server] = spec.servers.as_slice() else {
        panic!("one server: {:?}", spec.servers);
    };
    assert_eq!(server.host.as_deref(), Some("acme.widgets.test"));
    assert_eq!(server.base_path, "/api/v2");
    assert_eq!(server.pointer, "/servers/0");
    assert_eq!(spec.schemes["oauth"].scheme_type, SchemeType::OAuth2);
    assert_eq!(spec.schemes["key"].scheme_type, SchemeType::ApiKey);
    assert_eq!(
        spec.declared_scopes().collect::<Vec<_>>(),
        [
            ("oauth", "offline_access"),
            ("oauth", "widgets.read"),
            ("oauth", "widgets.write")
        ]
    );
    assert_eq!(
        spec.schemes["oauth"].scopes["offline_access"],
        "Refresh tokens"
    );

    let [health, get, put] = spec.operations.as_slice() else {
        panic!("three operations: {:?}", spec.operations);
    };
    // `security: []` overrides the document's: no authentication.
    assert_eq!(health.path, "/health");
    assert_eq!(health.security.origin, SecurityOrigin::Operation);
    assert!(health.security.alternatives.is_empty());
    assert!(health.security.needs_no_auth());
    // A path-level `servers` replaces the document's for its operations.
    assert_eq!(health.servers.len(), 1);
    assert_eq!(health.servers[0].host, None);
    assert_eq!(health.servers[0].base_path, "/status");
    assert_eq!(health.servers[0].pointer, "/paths/~1health/servers/0");
    assert_eq!(health.location.line, Some(44));

    // Inherited document security, path-level header parameter.
    assert_eq!(get.operation_id.as_deref(), Some("getWidget"));
    assert_eq!(get.security.origin, SecurityOrigin::Document);
    assert_eq!(
        get.security.alternatives,
        [Requirement {
            schemes: vec![("oauth".into(), vec!["widgets.read".into()])]
        }]
    );
    assert_eq!(
        get.header("api-version"),
        Some(&["2024-01-01".to_owned()][..])
    );
    assert_eq!(get.servers, spec.servers);
    assert_eq!(get.location.pointer, "/paths/~1widgets~1{id}/get");
    assert_eq!(get.location.line, Some(31));

    // The operation's own security: two alternatives, the first requiring both scopes.
    assert_eq!(put.security.origin, SecurityOrigin::Operation);
    assert_eq!(
        put.security.alternatives,
        [
            Requirement {
                schemes: vec![(
                    "oauth".into(),
                    vec!["widgets.write".into(), "widgets.read".into()]
                )]
            },
            Requirement {
                schemes: vec![("key".into(), vec![])]
            },
        ]
    );
    assert!(!put.security.needs_no_auth());
    // The operation's header parameter replaces the path item's.
    assert_eq!(
        put.header("Api-Version"),
        Some(&["2025-01-01".to_owned()][..])
    );
    assert_eq!(put.location.line, Some(34));
    assert!(spec.diagnostics.is_empty(), "{:?}", spec.diagnostics);

    // The same document as JSON gives the same operations (lines aside).
    let value: serde_json::Value = serde_yaml::from_str(YAML_SPEC).expect("YAML");
    let json = serde_json::to_string_pretty(&value).expect("JSON");
    assert_eq!(Format::detect(&json), Format::Json);
    let from_json = read_spec("w.json", &json).expect("valid spec");
    let strip = |ops: &[Operation]| {
        ops.iter()
            .map(|o| {
                (
                    o.method.clone(),
                    o.path.clone(),
                    o.security.clone(),
                    o.servers.clone(),
                    o.headers.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&from_json.operations), strip(&spec.operations));
    assert!(
        from_json
            .operations
            .iter()
            .all(|o| o.location.line.is_some())
    );
}

#[test]
fn server_variables_need_defaults() {
    let no_entry = YAML_SPEC.replace("      tenant: { default: acme }\n", "");
    let e = read_spec("w.yaml", &no_entry).expect_err("undeclared variable");
    assert_eq!(e.at, "/servers/0/url");
    assert!(e.message.contains("`tenant` has no entry"), "{e}");

    // A variable without `default` is not a valid server object.
    let no_default = YAML_SPEC.replace("tenant: { default: acme }", "tenant: { enum: [acme] }");
    let e = read_spec("w.yaml", &no_default).expect_err("variable without default");
    assert_eq!(e.at, "/servers/0");
    assert!(e.message.contains("default"), "{e}");

    let dots = YAML_SPEC.replace("- url: /status", "- url: /status/../admin");
    let e = read_spec("w.yaml", &dots).expect_err("dot segments");
    assert_eq!(e.at, "/paths/~1health/servers/0/url");
}

#[test]
fn yaml_syntax_errors_are_located() {
    let broken = YAML_SPEC.replace(
        "    get:\n      operationId",
        "    get:\n     - operationId",
    );
    let e = read_spec("w.yaml", &broken).expect_err("bad YAML");
    assert_eq!(e.file, "w.yaml");
    assert_eq!(e.at, "line 33, column 7");
    assert!(e.message.starts_with("not YAML: "), "{e}");
}

#[test]
fn type_errors_are_located_by_json_pointer() {
    let wrong = YAML_SPEC.replace("- key: []", "- key: none");
    let e = read_spec("w.yaml", &wrong).expect_err("scopes must be a list");
    assert_eq!(e.at, "/paths/~1widgets~1{id}/put/security/1");
    assert!(e.message.contains("expected a sequence"), "{e}");

    let wrong = YAML_SPEC.replace("title: Widgets", "title: [Widgets]");
    let e = read_spec("w.yaml", &wrong).expect_err("title must be a string");
    assert_eq!(e.at, "/info");

    let e = read_spec(
        "w.yaml",
        "openapi: 3.0\ninfo: {title: T, version: '1'}\npaths: {}",
    )
    .expect_err("unquoted version");
    assert_eq!(e.at, "/openapi");
    assert!(e.message.contains("quote it"), "{e}");
}

#[test]
fn swagger_2_is_refused_clearly() {
    for text in [
        "swagger: \"2.0\"\ninfo: { title: T, version: \"1\" }\nhost: api.test\npaths: {}\n",
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#,
    ] {
        let e = read_spec("old", text).expect_err("Swagger 2.0");
        assert_eq!(e.at, "/swagger");
        assert_eq!(
            e.message,
            "Swagger 2.0 is not supported: convert it to OpenAPI 3 (e.g. with swagger2openapi)"
        );
    }
}

#[test]
fn openapi_3_1_is_read_and_its_json_schema_forms_are_left_out_or_located() {
    let spec = YAML_SPEC
        .replace("openapi: 3.0.3", "openapi: 3.1.0")
        .replace(
            "    key: { type: apiKey, in: header, name: X-Key }",
            "    key: { type: apiKey, in: header, name: X-Key }\n    mtls: { type: mutualTLS }\n  schemas:\n    Widget: { type: [object, \"null\"] }",
        )
        + "webhooks:\n  widgetChanged:\n    post: { responses: {} }\n";
    let read = read_spec("w31.yaml", &spec).expect("3.1 spec");
    assert_eq!(read.version, "3.1.0");
    assert_eq!(read.operations.len(), 3);
    assert_eq!(read.schemes["mtls"].scheme_type, SchemeType::MutualTls);
    let left_out: Vec<_> = read
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.action))
        .collect();
    assert_eq!(
        left_out,
        [
            ("/webhooks", "webhooks left out"),
            ("/components/schemas/Widget", "schema left out")
        ]
    );

    // Where a 3.1-only form cannot be left out, a located error, not a misreading.
    let in_header = spec.replace(
        "  schemas:\n",
        "  parameters:\n    V: { name: V, in: header, schema: { type: [string, \"null\"] } }\n  schemas:\n",
    );
    let e = read_spec("w31.yaml", &in_header).expect_err("type list in a component parameter");
    assert_eq!(e.at, "/components/parameters/V");
    assert!(
        e.message
            .contains("OpenAPI 3.1 is read through a 3.0 model"),
        "{e}"
    );

    // mutualTLS is 3.1 only.
    let e = read_spec(
        "w30.yaml",
        &spec.replace("openapi: 3.1.0", "openapi: 3.0.3"),
    )
    .expect_err("mutualTLS in 3.0");
    assert_eq!(e.at, "/components/securitySchemes/mtls");

    let e = read_spec(
        "w32.yaml",
        &spec.replace("openapi: 3.1.0", "openapi: 3.2.0"),
    )
    .expect_err("3.2");
    assert_eq!(e.at, "/openapi");
}

#[test]
fn deep_nesting_is_a_clean_error() {
    let depth = 100_000;
    let open = "[".repeat(depth);
    // Measured before yaml_serde parses it: its parser is quadratic in the flow depth.
    let started = std::time::Instant::now();
    let yaml = read_spec("deep.yaml", &format!("openapi: {open}")).expect_err("YAML bomb");
    assert!(yaml.message.contains("recursion limit exceeded"), "{yaml}");
    assert_eq!(yaml.at, "line 1, column 138");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // Brackets in quoted scalars, comments, block scalars and plain text are not nesting.
    let noise = format!(
        "openapi: 3.0.0 # {open}\ninfo:\n  title: '{open}'\n  version: \"{open}\"\n  description: |\n    {open}\n  x-a: a {open}\npaths: {{}}\n"
    );
    assert_eq!(
        read_spec("noise.yaml", &noise).expect("valid").title.len(),
        depth
    );
    let nested = |n: usize| {
        format!(
            "openapi: 3.0.0\ninfo: {{title: T, version: '1', x-n: {}{}}}\npaths: {{}}",
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    read_spec("ok.yaml", &nested(100)).expect("100 levels");
    let e = read_spec("deep.yaml", &nested(200)).expect_err("200 levels");
    assert_eq!(e.at, "line 2, column 164");
    let json = read_spec("deep.json", &format!("{{\"openapi\": {open}")).expect_err("JSON bomb");
    assert!(json.message.contains("recursion limit exceeded"), "{json}");
    assert!(json.at.starts_with("line 1, column "), "{json}");
    let block = "- ".repeat(depth);
    let e = read_spec("deep-block.yaml", &format!("openapi:\n  {block}x")).expect_err("block bomb");
    assert!(e.message.contains("recursion limit exceeded"), "{e}");
    let e = read_spec_as("deep.json", &open, Format::Json).expect_err("JSON array bomb");
    assert!(e.message.contains("recursion limit exceeded"), "{e}");
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let mut text = String::from("openapi: 3.0.0\n#");
    text.push_str(&"x".repeat(MAX_SPEC_BYTES));
    let e = read_spec("big.yaml", &text).expect_err("too large");
    assert_eq!(e.at, "document");
    assert!(e.message.contains("the limit is 67108864 bytes"), "{e}");
}

/// The `(path, method)` pairs of a parsed document, counted without the reader.
fn count_operations(doc: &serde_yaml::Value) -> usize {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "patch", "head", "options", "trace",
    ];
    let Some(paths) = doc.get("paths").and_then(|p| p.as_mapping()) else {
        return 0;
    };
    paths
        .values()
        .filter_map(|item| item.as_mapping())
        .map(|item| {
            item.keys()
                .filter(|k| k.as_str().is_some_and(|k| METHODS.contains(&k)))
                .count()
        })
        .sum()
}

/// Every Xero spec in `../shared/upstream/xero-openapi/` (beside the clone, as in CI) is read,
/// with every operation.
#[test]
fn every_xero_spec_is_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/upstream/xero-openapi");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the Xero specs are expected in ../shared/upstream/xero-openapi beside the clone",
            dir.display()
        )
    });
    let mut paths: Vec<_> = entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let mut counts = Vec::new();
    let mut declared = std::collections::BTreeSet::new();
    let mut left_out = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("readable");
        let spec = read_spec(name, &text).unwrap_or_else(|e| panic!("{e}"));
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
        assert_eq!(spec.operations.len(), count_operations(&doc), "{name}");
        assert!(
            spec.operations.iter().all(|o| o.location.line.is_some()),
            "{name}: an operation without a line"
        );
        declared.extend(spec.declared_scopes().map(|(_, s)| s.to_owned()));
        for d in &spec.diagnostics {
            left_out.push(format!("{name}#{}: {}", d.pointer, d.action));
        }
        if name == "xero_accounting.yaml" {
            let [server] = spec.servers.as_slice() else {
                panic!("one server: {:?}", spec.servers);
            };
            assert_eq!(server.host.as_deref(), Some("api.xero.com"));
            assert_eq!(server.base_path, "/api.xro/2.0");
        }
        counts.push((name.to_owned(), spec.operations.len()));
    }
    for scope in ["openid", "profile", "email"] {
        assert!(declared.contains(scope), "{scope}: {declared:?}");
    }
    // No spec declares `offline_access`: a Xero ingest must say it in its curated file.
    assert!(!declared.contains("offline_access"), "{declared:?}");
    let counts: Vec<(&str, usize)> = counts.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    assert_eq!(
        counts,
        [
            ("xero-app-store.yaml", 4),
            ("xero-finance.yaml", 8),
            ("xero-identity.yaml", 2),
            ("xero-payroll-au-v2.yaml", 9),
            ("xero-payroll-au.yaml", 32),
            ("xero-payroll-nz.yaml", 71),
            ("xero-payroll-uk.yaml", 69),
            ("xero-projects.yaml", 16),
            ("xero-webhooks.yaml", 0),
            ("xero_accounting.yaml", 235),
            ("xero_assets.yaml", 6),
            ("xero_bankfeeds.yaml", 7),
            ("xero_files.yaml", 18),
        ]
    );
    assert_eq!(
        left_out,
        ["xero-webhooks.yaml#/webhooks: webhooks left out"]
    );
}

#[test]
fn duplicate_keys_are_errors_not_overwrites() {
    let twice = YAML_SPEC.replace(
        "      operationId: getWidget\n",
        "      operationId: getWidget\n      security: []\n      security: [{ key: [] }]\n",
    );
    let e = read_spec("w.yaml", &twice).expect_err("duplicate YAML key");
    assert!(e.message.contains("duplicate key `security`"), "{e}");
    // yaml_serde places it at the start of the mapping that holds the duplicate.
    assert_eq!(e.at, "line 32, column 7");
    assert!(e.message.contains("paths./widgets/{id}.get"), "{e}");
    let e = read_spec(
        "d.json",
        "{\"openapi\": \"3.0.0\",\n \"openapi\": \"3.1.0\"}",
    )
    .expect_err("duplicate JSON key");
    assert!(e.message.contains("duplicate key `openapi`"), "{e}");
    assert!(e.at.starts_with("line 2, column "), "{e}");
}
