//! `scopewise --spec FILE`: a user's own OpenAPI spec through the commands, end to end, with
//! `examples/spec/petstore.yaml` (written for these tests) and specs broken on purpose.

mod support;

use support::{root, run};

const PETSTORE: &str = "examples/spec/petstore.yaml";

fn check(scopes: &str, method: &str, target: &str) -> (i32, String) {
    let (code, out, err) = run(&[
        "--spec", PETSTORE, "check", "--scopes", scopes, method, target,
    ]);
    (code, format!("{out}{err}"))
}

fn write_spec(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("scopewise-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the spec");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_spec_s_security_decides_each_call() {
    // Top-level security, inherited; the base path from the server variable's default.
    assert_eq!(
        check("pets.read", "GET", "https://api.petstore.test/v2/pets/7").0,
        0
    );
    // A per-operation override.
    let (code, out) = check("pets.read", "POST", "/v2/pets");
    assert_eq!(code, 1);
    assert!(
        out.contains("needs one of the scopes [pets.write]"),
        "{out}"
    );
    // Alternatives: either requirement grants the call.
    assert_eq!(check("pets.admin", "DELETE", "/v2/pets/7").0, 0);
    assert_eq!(check("pets.write", "DELETE", "/v2/pets/7").0, 0);
    // `security: []`: nothing needed; a requirement without scopes: a token is enough.
    assert_eq!(check("", "GET", "/v2/health").0, 0);
    assert_eq!(check("", "GET", "/v2/me").0, 0);
}

#[test]
fn requests_fail_closed_on_the_spec_s_host() {
    for (target, why) in [
        ("https://evil.test/v2/pets", "another host"),
        ("/v2/pets/../pets", "a dot segment"),
        ("/v2/pets/a%2Fb", "an encoded slash"),
        ("/v1/pets", "another base path"),
    ] {
        let (code, out) = check("pets.read", "GET", target);
        assert_eq!(code, 1, "{target} ({why}) must be denied: {out}");
        assert!(out.starts_with("denied"), "{out}");
    }
}

#[test]
fn lookup_minimal_and_scopes_read_the_spec() {
    let (code, out, _) = run(&["--spec", PETSTORE, "lookup", "GET", "/v2/pets/{id}"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("GET /v2/pets/{petId}\n  scopes:   pets.read\n"),
        "{out}"
    );
    assert!(
        out.contains("examples/spec/petstore.yaml:29"),
        "the operation's line: {out}"
    );

    let (code, out, _) = run(&[
        "--spec",
        PETSTORE,
        "minimal",
        "GET /v2/pets",
        "POST /v2/pets",
        "GET /v2/health",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().next(), Some("pets.read pets.write"));

    let (code, out, _) = run(&["--spec", PETSTORE, "scopes"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["offline_access", "pets.admin", "pets.read", "pets.write"]
    );
}

#[test]
fn specs_that_cannot_be_read_are_located_errors() {
    let all_of = write_spec(
        "all-of.yaml",
        &std::fs::read_to_string(root().join(PETSTORE))
            .unwrap()
            .replacen(
                "        - oauth: [pets.write]\n      responses: { \"201\"",
                "        - oauth: [pets.write, pets.admin]\n      responses: { \"201\"",
                1,
            ),
    );
    let (code, _, err) = run(&["--spec", &all_of, "scopes"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("all-of.yaml:21: `POST /v2/pets` requires all of [\"pets.write\", \"pets.admin\"] together"),
        "{err}"
    );

    let no_scopes = write_spec(
        "no-scopes.yaml",
        "openapi: 3.0.0\ninfo: { title: t, version: '1' }\nservers: [{ url: 'https://a.test' }]\npaths:\n  /x: { get: { responses: { '200': { description: ok } } } }\n",
    );
    let (code, _, err) = run(&["--spec", &no_scopes, "scopes"]);
    assert_eq!(code, 2);
    assert!(err.contains("the spec names no OAuth scope"), "{err}");

    let swagger = write_spec(
        "swagger.yaml",
        "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n",
    );
    let (code, _, err) = run(&["--spec", &swagger, "scopes"]);
    assert_eq!(code, 2);
    assert!(err.contains("Swagger 2.0 is not supported"), "{err}");

    let broken = write_spec("broken.yaml", "openapi: 3.0.0\ninfo: [\n");
    let (code, _, err) = run(&["--spec", &broken, "scopes"]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.yaml"), "{err}");

    let (code, _, err) = run(&["--spec", PETSTORE, "--provider", "xero", "scopes"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn a_manifest_is_linted_against_its_spec() {
    // `spec:` is relative to the manifest.
    let spec_text = std::fs::read_to_string(root().join(PETSTORE)).expect("read the example");
    write_spec("petstore.yaml", &spec_text);
    let manifest = write_spec(
        "app.yaml",
        "spec: petstore.yaml\nscopes: [pets.read, offline_access]\ncalls:\n  - GET https://api.petstore.test/v2/pets/7\n  - POST /v2/pets\n",
    );
    let (code, out, err) = run(&["lint", &manifest]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("error[missing-scope]: `POST /v2/pets` needs `pets.write`"),
        "{out}"
    );
    assert!(
        out.contains("info[no-api-scope]: `offline_access`"),
        "{out}"
    );
    assert!(out.contains("(2 scopes, 2 calls, provider spec)"), "{out}");

    // The same checks with --spec and a manifest that names no catalog.
    let plain = write_spec("plain.yaml", "scopes: [pets.read]\ncalls: [GET /v2/pets]\n");
    let (code, out, _) = run(&["--spec", PETSTORE, "lint", &plain]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(1 scope, 1 call, provider spec)"), "{out}");

    // Both, or a provider and a spec: refused, located.
    let (code, _, err) = run(&["--spec", PETSTORE, "lint", &manifest]);
    assert_eq!(code, 2);
    assert!(
        err.contains("app.yaml:1:7: the manifest names its catalog, but --spec was given"),
        "{err}"
    );
    let both = write_spec(
        "both.yaml",
        "provider: xero\nspec: petstore.yaml\nscopes: []\n",
    );
    let (code, _, err) = run(&["lint", &both]);
    assert_eq!(code, 2);
    assert!(
        err.contains("both.yaml:2:7: give either `provider` or `spec`, not both"),
        "{err}"
    );
}
