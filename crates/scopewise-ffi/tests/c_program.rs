//! Compiles `tests/c/ffi_test.c` against `include/scopewise.h` and the staticlib cargo built
//! for this test run, runs it, and checks every line it prints.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The staticlib cargo built for this test run: `<target>/<profile>/deps/libscopewise_ffi.a`,
/// beside this test's binary. (`<target>/<profile>/libscopewise_ffi.a` is only refreshed by
/// `cargo build`, so it may be stale here.)
fn staticlib() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let deps = exe
        .parent()
        .expect("the test binary is in <target>/<profile>/deps");
    let lib = deps.join("libscopewise_ffi.a");
    assert!(lib.is_file(), "{} not built", lib.display());
    lib
}

#[test]
fn the_c_program_exercises_every_function() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::temp_dir().join(format!("scopewise-ffi-c-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join("ffi_test");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let status = Command::new(&cc)
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o"])
        .arg(&exe)
        .arg(dir.join("tests/c/ffi_test.c"))
        .arg("-I")
        .arg(dir.join("include"))
        .arg(staticlib())
        .args(["-lpthread", "-ldl", "-lm"])
        .status()
        .unwrap_or_else(|e| panic!("cannot run `{cc}`: {e}"));
    assert!(status.success(), "compiling the C test program failed");

    let out = Command::new(&exe).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    // A trailing `*` matches any rest of the line.
    let expected = format!(
        "\
version: {}
abi: 3
status: a required argument is NULL
lookup template: GET /contacts/{{contactId}} access=1 version=2021-07-28 scopes=contacts.readonly
lookup not found: no endpoint `GET /nope` in the highlevel catalog
lookup malformed: invalid request target: dot segment*
versions: 2021-07-28 v3
deprecated: GET /users, use GET /users/search
precheck allowed: GET /contacts/{{contactId}} access=1 version=2021-07-28 scopes=contacts.readonly
denied missing-scope: POST /contacts needs one of the scopes [contacts.write]; the token has none of them; missing: contacts.write; endpoint /contacts
denied wrong-token-type: POST /locations is not available to sub-account tokens; it allows: agency
denied unknown-endpoint: nearest /contacts/{{contactId}}/tasks
denied invalid-request
grant allowed: POST /contacts access=1 version=2021-07-28 scopes=contacts.write
grant denied missing-scope: missing users.readonly
minimal: contacts.readonly contacts.write (2 scopes)
unmatched: GET /nope: no endpoint `GET /nope` in the highlevel catalog
catalog: highlevel
lookup in: GET /contacts/{{contactId}} access=1 version=2021-07-28 scopes=contacts.readonly
minimal in: contacts.write
xero allowed: GET /api.xro/2.0/Invoices access=0 version=(none) scopes=accounting.transactions,accounting.transactions.read
xero denied missing-scope: missing accounting.transactions
catalog unknown: unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`
catalog wrong kind: provider `sfmc` has token groups and SOAP operations, not REST endpoints
0 failures
",
        env!("CARGO_PKG_VERSION")
    );
    // The library's own wording of two messages may be refined; their start is the contract.
    let got: Vec<&str> = stdout.lines().collect();
    let want: Vec<&str> = expected.lines().collect();
    assert_eq!(got.len(), want.len(), "{stdout}\nstderr:\n{stderr}");
    for (g, w) in got.iter().zip(&want) {
        match w.strip_suffix('*') {
            Some(prefix) => assert!(
                g.starts_with(prefix),
                "{g:?} does not start with {prefix:?}"
            ),
            None => assert_eq!(g, w, "stderr:\n{stderr}"),
        }
    }
}
