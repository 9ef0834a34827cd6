//! End-to-end tests of the `scopewise` binary: real process, real dataset, every exit code.

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::{binary, root};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn scopewise(args: &[&str]) -> Run {
    let out = Command::new(binary())
        .args(args)
        .current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .output()
        .expect("run scopewise");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scopewise-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the temp manifest");
    path
}

const EXAMPLE: &str = "examples/app/scopewise.yaml";

#[test]
fn lint_text_on_the_sample_app() {
    let run = scopewise(&[
        "lint",
        EXAMPLE,
        "--har",
        "examples/app/app.har",
        "--scan",
        "examples/app/src",
    ]);
    assert_eq!(
        run.code, 1,
        "the sample app has errors on purpose\n{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no color codes when stdout is not a terminal"
    );
    insta::assert_snapshot!("lint_text", run.stdout);
}

#[test]
fn lint_json_is_stable() {
    let run = scopewise(&["lint", EXAMPLE, "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["provider"], "highlevel");
    assert_eq!(
        doc["summary"]["errors"].as_u64().unwrap() as usize,
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count()
    );
    let mut doc = doc;
    // The dataset fingerprint changes with the data, not with the lint.
    doc["dataset"] = "[fingerprint]".into();
    insta::assert_json_snapshot!("lint_json", doc);
}

#[test]
fn lint_sarif_has_rules_and_located_results() {
    let run = scopewise(&["lint", EXAMPLE, "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for result in run0["results"].as_array().unwrap() {
        let id = result["ruleId"].as_str().unwrap();
        assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize], id);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            EXAMPLE
        );
    }
    let mut doc = doc;
    doc["runs"][0]["properties"]["dataset"] = "[fingerprint]".into();
    insta::assert_json_snapshot!("lint_sarif", doc);
}

#[test]
fn lint_exit_codes() {
    let clean = write_temp(
        "clean.yaml",
        "access: sub-account\nscopes: contacts.readonly\ncalls:\n  - GET /contacts/{contactId}\n",
    );
    let run = scopewise(&["lint", clean.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("ok: 0 errors, 0 warnings"),
        "{}",
        run.stdout
    );

    let warned = write_temp(
        "warned.yaml",
        "access: sub-account\nscopes: contacts.readonly users.readonly\ncalls:\n  - GET /contacts/{contactId}\n",
    );
    assert_eq!(scopewise(&["lint", warned.to_str().unwrap()]).code, 0);
    let denied = scopewise(&["lint", warned.to_str().unwrap(), "--deny", "warnings"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied
            .stdout
            .contains("warning[unused-scope]: `users.readonly` is requested"),
        "{}",
        denied.stdout
    );

    let missing = scopewise(&["lint", "no/such/manifest.yaml"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("error: no/such/manifest.yaml: cannot read the manifest: "),
        "{}",
        missing.stderr
    );
}

#[test]
fn bad_manifests_give_located_errors_and_exit_2() {
    let cases = [
        (
            "syntax.yaml",
            "access: sub-account\nscopes: [contacts.readonly\n",
            ":3:1: invalid YAML: while parsing a flow sequence, expected ',' or ']'",
        ),
        (
            "field.yaml",
            "access: sub-account\nscope: contacts.readonly\n",
            ":2:1: unknown field `scope` (did you mean `scopes`?)",
        ),
        (
            "type.yaml",
            "access: sub-account\nscopes: contacts.readonly\ncalls: GET /contacts\n",
            ":3:8: `calls` must be a list, not a single value",
        ),
    ];
    for (name, text, expected) in cases {
        let path = write_temp(name, text);
        let run = scopewise(&["lint", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}");
        assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{name}: nothing on stdout");
    }
}

#[test]
fn lookup_exit_codes_and_json_fields() {
    let run = scopewise(&["lookup", "get", "/contacts/:id/tasks", "--json"]);
    assert_eq!(run.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["method"], "GET");
    assert_eq!(doc["template"], "/contacts/{contactId}/tasks");
    assert_eq!(doc["scopes"], serde_json::json!(["contacts.readonly"]));
    assert_eq!(doc["access"], serde_json::json!(["sub-account"]));

    // A concrete path finds its template; a static segment wins over a parameter.
    let run = scopewise(&[
        "lookup",
        "GET",
        "https://services.leadconnectorhq.com/contacts/abc123/tasks?limit=5",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["template"], "/contacts/{contactId}/tasks");
    let run = scopewise(&["lookup", "GET", "/calendars/events"]);
    assert!(
        run.stdout.starts_with("GET /calendars/events\n"),
        "{}",
        run.stdout
    );

    let run = scopewise(&["lookup", "GET", "/calendar/events"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("did you mean: GET /calendars/events"),
        "{}",
        run.stdout
    );

    let run = scopewise(&["lookup", "FETCH", "/contacts"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown HTTP method `FETCH`"),
        "{}",
        run.stderr
    );
}

#[test]
fn minimal_prints_the_scope_string_and_reports_unmatched_calls() {
    let run = scopewise(&[
        "minimal",
        "GET /contacts/{id}",
        "POST /contacts",
        "--webhook",
        "ContactCreate",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("contacts.readonly contacts.write")
    );

    let run = scopewise(&[
        "minimal",
        "GET /contacts/{id}",
        "GET /nothing/here",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["scopes"], serde_json::json!(["contacts.readonly"]));
    assert_eq!(doc["unmatched"], serde_json::json!(["GET /nothing/here"]));

    let run = scopewise(&["minimal", "FETCH /contacts"]);
    assert_eq!(run.code, 2);
}

#[test]
fn scopes_and_diff() {
    let run = scopewise(&["scopes", "calendars.readonly"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("no longer grants GET /calendars/groups (it did in the legacy v1 table); now: calendars/groups.readonly"), "{}", run.stdout);
    let run = scopewise(&["scopes", "contact.readonly"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("did you mean `contacts.readonly`?"),
        "{}",
        run.stdout
    );
    let run = scopewise(&["scopes"]);
    assert_eq!(run.code, 0);
    // 122 from the tables, 25 only the OpenAPI specs name.
    assert_eq!(run.stdout.lines().count(), 147);

    let run = scopewise(&["diff", "--json"]);
    assert_eq!(run.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["endpoints_rescoped"][0]["endpoint"],
        "GET /calendars/groups"
    );
    assert_eq!(doc["scopes_removed"], serde_json::json!([]));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(scopewise(&["lint", "--format", "xml"]).code, 2);
    assert_eq!(scopewise(&["frobnicate"]).code, 2);
}

#[test]
fn reference_facts_reach_the_lint() {
    // `/calendars/event-notifications/{id}` is only in the API reference: no scope table and
    // no OpenAPI spec says which scope it needs. `PUT /invoices/{invoiceId}` accepts a sub-account Private
    // Integration Token; `POST /oauth/locationToken` is agency-only.
    let path = write_temp(
        "reference.yaml",
        "access: sub-account\ntoken_kind: private-integration\nscopes: invoices.write\ncalls:\n  - GET /calendars/event-notifications/abc\n  - PUT /invoices/{invoiceId}\n",
    );
    let run = scopewise(&["lint", path.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["undocumented-endpoint-scope"], "{}", run.stdout);
    assert_eq!(run.code, 0, "a warning alone does not fail the lint");

    let path = write_temp(
        "pit.yaml",
        "access: agency\ntoken_kind: private-integration\nscopes: invoices.readonly\ncalls:\n  - GET /invoices/{invoiceId}\n",
    );
    let run = scopewise(&["lint", path.to_str().unwrap()]);
    assert!(run.stdout.contains("error[token-kind-mismatch]: `GET /invoices/{invoiceId}` does not accept a Private Integration Token of the app's agency level"), "{}", run.stdout);
    assert_eq!(run.code, 1);
}

#[test]
fn user_permission_names_are_explained() {
    // `users/team-management.write` is a permission of the Users API, not an OAuth scope.
    let path = write_temp(
        "perm.yaml",
        "access: agency\nscopes: users/team-management.write\n",
    );
    let run = scopewise(&["lint", path.to_str().unwrap()]);
    assert!(run.stdout.contains("is a user permission (the `scopes` of a HighLevel user), a different namespace from OAuth scopes"), "{}", run.stdout);
}

#[test]
fn check_exit_codes_and_json_fields() {
    let run = scopewise(&[
        "check",
        "--scopes",
        "contacts.readonly",
        "GET",
        "https://services.leadconnectorhq.com/contacts/abc?locationId=x",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("allowed: GET /contacts/{contactId}"),
        "{}",
        run.stdout
    );

    let run = scopewise(&[
        "check",
        "--scopes",
        "contacts.readonly",
        "POST",
        "/contacts",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["allowed"], false);
    assert_eq!(doc["reason"], "missing-scope");
    assert_eq!(doc["needs_any_of"], serde_json::json!(["contacts.write"]));

    let run = scopewise(&[
        "check",
        "--scopes",
        "locations.write",
        "--token",
        "sub-account",
        "POST",
        "/locations",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "wrong-token-type");
    assert_eq!(doc["allowed_tokens"], serde_json::json!(["agency"]));
    assert_eq!(
        scopewise(&[
            "check",
            "--scopes",
            "locations.write",
            "--token",
            "agency",
            "POST",
            "/locations"
        ])
        .code,
        0
    );

    let run = scopewise(&[
        "check",
        "--scopes",
        "contacts.readonly",
        "GET",
        "/contactz/abc",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "unknown-endpoint");

    for target in [
        "/contacts/../users/x",
        "https://services.leadconnectorhq.com.evil.example/contacts/x",
        "/contacts//tasks",
    ] {
        let run = scopewise(&[
            "check",
            "--scopes",
            "contacts.readonly users.readonly",
            "GET",
            target,
            "--json",
        ]);
        assert_eq!(run.code, 1, "{target}");
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["reason"], "invalid-request", "{target}: {}", run.stdout);
    }
    assert_eq!(
        scopewise(&[
            "check",
            "--scopes",
            "a",
            "--token",
            "company",
            "GET",
            "/contacts"
        ])
        .code,
        2
    );

    // Issue 6: the API reference's token kinds and Version header, when asked.
    let pit = [
        "check",
        "--scopes",
        "locations.readonly",
        "--token",
        "agency",
        "--token-kind",
        "private-integration",
        "GET",
        "/locations/l1",
        "--json",
    ];
    let run = scopewise(&pit);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "wrong-token-kind", "{}", run.stdout);
    let run = scopewise(&[
        "check",
        "--scopes",
        "locations.readonly",
        "--version-header",
        "2021-04-15",
        "GET",
        "/locations/l1",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "wrong-version", "{}", run.stdout);
    let all_scopes = "contacts.readonly locations.readonly";
    let run = scopewise(&[
        "check",
        "--scopes",
        all_scopes,
        "GET",
        "/calendars/event-notifications/n1",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "undocumented-scope", "{}", run.stdout);
    // The OpenAPI specs document the timezones, which only the reference listed before.
    let run = scopewise(&[
        "check",
        "--scopes",
        all_scopes,
        "GET",
        "/locations/l1/timezones",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["allowed"], true, "{}", run.stdout);
    // No scope at all for the token exchange.
    let run = scopewise(&["check", "--scopes", "", "POST", "/oauth/token"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "allowed: POST /oauth/token (no token and no scope needed)\n"
    );
}

#[test]
fn sfmc_manifest_lints_end_to_end() {
    let run = scopewise(&["lint", "examples/sfmc/scopewise.yaml", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["provider"], "sfmc");
    let findings: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["scope"]
                    .as_str()
                    .or(f["call"].as_str())
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    let expect = |code: &str, what: &str| {
        assert!(
            findings.contains(&(code.to_owned(), what.to_owned())),
            "{code} {what}: {findings:?}"
        );
    };
    expect("unknown-scope", "Email Write");
    expect("missing-level", "ott_chat_messaging_write");
    expect("undocumented-scope", "tags_read");
    expect("unknown-scope", "list_and_subscriber_read");
    expect(
        "soap-needs-no-scope",
        "TriggeredSendTrackingAggregate.Retrieve",
    );
    expect("soap-needs-no-scope", "Program.Perform");
    expect("unknown-soap-operation", "Subscriber.Retrieve");
    // Documented tokens raise nothing.
    assert!(
        !findings
            .iter()
            .any(|(_, w)| w == "email_read" || w == "journeys_execute")
    );
    assert_eq!(findings.len(), 7);

    let run = scopewise(&["lint", "examples/sfmc/scopewise.yaml"]);
    assert!(
        run.stdout.contains("help: use `email_write`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`ott_chat_messaging_write`: the OTT group has no Write level; it has Read and Send (`ott_chat_messaging_read`, `ott_chat_messaging_send`)"),
        "{}",
        run.stdout
    );

    let run = scopewise(&[
        "lint",
        "examples/sfmc/scopewise.yaml",
        "--provider",
        "highlevel",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the manifest is for `sfmc`, but --provider highlevel was given"),
        "{}",
        run.stderr
    );
}

#[test]
fn sfmc_scopes_listing_and_explain() {
    let run = scopewise(&["--provider", "sfmc", "scopes", "--json"]);
    assert_eq!(run.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["groups"].as_array().unwrap().len(), 24);
    assert_eq!(doc["tokens"].as_array().unwrap().len(), 58);
    let run = scopewise(&["scopes", "--provider", "sfmc", "accounts_read"]);
    assert!(
        run.stdout.contains("group:  Organizations (read)"),
        "{}",
        run.stdout
    );
    let run = scopewise(&["scopes", "--provider", "sfmc", "ott_chat_messaging_write"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        scopewise(&["lookup", "--provider", "sfmc", "GET", "/x"]).code,
        2
    );
}

/// An encoded slash is denied as an invalid request, with where and why; the documented
/// opt-in treats it as data inside the segment.
#[test]
fn check_refuses_encoded_slashes_unless_allowed() {
    let traversal = "/contacts/x%2F..%2F..%2Fusers%2Fy";
    let run = scopewise(&[
        "check",
        "--scopes",
        "contacts.readonly users.readonly",
        "GET",
        traversal,
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "percent-encoded '/' at byte 11: a server that decodes it before routing would read another path"
        ),
        "{}",
        run.stdout
    );
    let run = scopewise(&[
        "check",
        "--scopes",
        "users.readonly",
        "GET",
        "/users/search%2F",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "invalid-request");

    let run = scopewise(&[
        "check",
        "--scopes",
        "contacts.readonly",
        "--allow-encoded-slashes",
        "GET",
        traversal,
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("allowed: GET /contacts/{contactId}"),
        "{}",
        run.stdout
    );
}

/// Issue 13: what the OpenAPI specs, the webhook pages and the version contract add.
#[test]
fn openapi_facts_reach_lookup_check_minimal_and_lint() {
    // `lookup` names the scope and where it comes from.
    let run = scopewise(&["lookup", "POST", "/contacts/upsert"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("  scopes:   contacts.write\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    openapi-v2/contacts.json:1772 (contacts.write)\n"),
        "{}",
        run.stdout
    );
    let run = scopewise(&["lookup", "POST", "/contacts/upsert", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["scopes"], serde_json::json!(["contacts.write"]));
    assert_eq!(doc["sources"][1]["source"], "openapi-v2/contacts.json");
    assert_eq!(doc["versions"], serde_json::json!(["2021-07-28", "v3"]));

    // `check`: a scope only the specs name grants; a v3-only operation refuses another
    // Version.
    let run = scopewise(&[
        "check",
        "--scopes",
        "conversations/livechat.write",
        "POST",
        "/conversations/providers/live-chat/typing",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let voices = [
        "check",
        "--scopes",
        "",
        "--version-header",
        "2021-07-28",
        "GET",
        "/brand-boards/locations/l1/brand-voices",
        "--json",
    ];
    let run = scopewise(&voices);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["reason"], "wrong-version", "{}", run.stdout);
    let mut v3 = voices;
    v3[4] = "v3";
    let run = scopewise(&v3);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["allowed"], true, "{}", run.stdout);

    // `minimal` exits 0 when every call is documented or needs no scope.
    let run = scopewise(&[
        "minimal",
        "POST /contacts/upsert",
        "POST /oauth/token",
        "GET /users/search",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("contacts.write users.readonly")
    );

    // `lint`: the new scope and event are known; the deprecated call names its replacement;
    // the manifest's version is checked; a scope a call needs is never "unused".
    let path = write_temp(
        "openapi.yaml",
        "access: sub-account\nversion: 2021-07-28\nscopes: conversations/livechat.write contacts.readonly contacts.write users.readonly locations.readonly\ncalls:\n  - POST /conversations/providers/live-chat/typing\n  - GET /brand-boards/locations/l1/brand-voices\n  - POST /contacts/upsert\n  - GET /users/\n  - GET /users/search\n  - GET /locations/abc/timezones\n  - GET /contacts/\n  - POST /oauth/token\nwebhooks: [AppointmentCreate]\n",
    );
    let run = scopewise(&["lint", path.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let codes: Vec<&str> = findings.iter().map(|(c, _)| c.as_str()).collect();
    assert!(!codes.contains(&"unknown-scope"), "{findings:?}");
    assert!(!codes.contains(&"unknown-webhook"), "{findings:?}");
    assert!(!codes.contains(&"unused-scope"), "{findings:?}");
    assert!(
        !codes.contains(&"undocumented-endpoint-scope"),
        "{findings:?}"
    );
    assert!(findings.contains(&(
        "unserved-version".to_owned(),
        "`GET /brand-boards/locations/{locationId}/brand-voices` is not served under `Version: 2021-07-28`; it accepts `v3`".to_owned()
    )), "{findings:?}");
    // The live-chat call is served under 2021-04-15 (v2) and v3, not 2021-07-28.
    assert_eq!(
        codes.iter().filter(|c| **c == "unserved-version").count(),
        2,
        "{findings:?}"
    );
    assert!(codes.contains(&"webhook-scope-unknown"), "{findings:?}");
    let deprecated: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "deprecated-endpoint")
        .collect();
    assert_eq!(deprecated.len(), 2, "{findings:?}");
    assert!(
        deprecated
            .iter()
            .any(|f| f["suggestion"] == "use GET /users/search instead"),
        "{deprecated:?}"
    );
}
