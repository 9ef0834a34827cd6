//! Hostile and careless files given to the `scopewise` binary (issue 12): each gets its exact
//! outcome, an exit code and a message naming the file and, where there is one, the line and
//! column. Never a crash, a hang, unbounded memory, a silent partial read, or a terminal
//! control sequence copied to the output. (Unix: FIFOs, devices and symbolic links.)
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::binary;

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir`; a run that has not ended after 20 s is killed and fails the
/// test (a FIFO once blocked it forever).
fn scopewise_in(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run scopewise");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("scopewise {args:?} did not end within 20 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("the output");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    // Whatever the input, nothing that a terminal would act on reaches it.
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "a control character on {stream} of {args:?}: {text:?}"
        );
    }
    run
}

/// A fresh directory for one test, removed when the test ends.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(test: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("scopewise-hostile-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the temp dir");
    TempDir(dir)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("write a test file");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

const MANIFEST: &str = "access: sub-account\nscopes: contacts.readonly\n";

#[test]
fn a_manifest_nested_50_000_deep_is_refused_at_the_cap() {
    let dir = temp_dir("deep-lists");
    write(
        &dir,
        "app.yaml",
        format!(
            "access: both\nscopes: a\ncalls:\n{}x\n",
            "- ".repeat(50_000)
        ),
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.yaml:4:127: lists and mappings nested more than 64 deep; a manifest needs two levels\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_manifest_of_10_000_nested_mappings_is_refused_at_the_cap() {
    let dir = temp_dir("deep-mappings");
    // Block mappings, each indented one more space: 200 levels in 20 KB.
    let mut text = String::from("access: both\nscopes: a\ncalls:\n");
    for i in 0..200 {
        text.push_str(&format!("{}k:\n", " ".repeat(i + 1)));
    }
    write(&dir, "app.yaml", text);
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.yaml:67:66: lists and mappings nested more than 64 deep; a manifest needs two levels\n"
    );
    // Flow mappings: 10 000 levels in 40 KB.
    write(
        &dir,
        "flow.yaml",
        format!(
            "access: both\nscopes: a\ncalls: {}\n",
            "{k: ".repeat(10_000)
        ),
    );
    let run = scopewise_in(&dir, &["lint", "flow.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: flow.yaml:3:260: lists and mappings nested more than 64 deep; a manifest needs two levels\n"
    );
}

#[test]
fn a_nul_byte_in_the_manifest_is_a_located_error_not_its_end() {
    let dir = temp_dir("nul");
    write(
        &dir,
        "app.yaml",
        "access: sub-account\nscopes: contacts.readonly\0\nbogus: 1\n",
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.yaml:2:26: a NUL character: a manifest is text, and a YAML reader would stop here and ignore the rest of the file\n"
    );
}

#[test]
fn a_second_yaml_document_is_a_located_error_not_dropped() {
    let dir = temp_dir("two-documents");
    write(&dir, "app.yaml", format!("{MANIFEST}---\nbogus: 1\n"));
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.yaml:3:1: a second YAML document: a manifest is one document, and the rest of the file would be ignored\n"
    );
}

#[test]
fn a_manifest_that_is_not_utf8_is_a_located_error() {
    let dir = temp_dir("latin1");
    write(&dir, "app.yaml", b"access: sub-account\nscopes: caf\xe9\n");
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.yaml:2:12: the manifest is not UTF-8 text (byte 0xe9)\n"
    );
}

#[test]
fn a_byte_order_mark_starts_a_manifest_and_is_not_part_of_a_field() {
    let dir = temp_dir("bom");
    write(
        &dir,
        "app.yaml",
        "\u{feff}access: sub-account\nscopes: contacts.readonly contact.write\ncalls:\n  - GET /contacts/{contactId}\n",
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let unknown = &doc["findings"][0];
    assert_eq!(unknown["code"], "unknown-scope");
    assert_eq!(unknown["scope"], "contact.write");
    // Columns as an editor shows them: the mark takes none.
    assert_eq!(
        unknown["location"],
        serde_json::json!({ "file": "app.yaml", "line": 2, "column": 27 })
    );
}

#[test]
fn fifos_are_refused_without_blocking() {
    let dir = temp_dir("fifo");
    write(&dir, "app.yaml", MANIFEST);
    mkfifo(&dir.join("pipe"));
    let run = scopewise_in(&dir, &["lint", "pipe"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: pipe: cannot read the manifest: it is a FIFO (named pipe); only regular files are read\n"
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "pipe"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: pipe: cannot read the HAR capture: it is a FIFO (named pipe); only regular files are read\n"
    );
    let run = scopewise_in(&dir, &["minimal", "--calls-file", "pipe"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: pipe: cannot read the calls file: it is a FIFO (named pipe); only regular files are read\n"
    );
}

#[test]
fn devices_and_directories_are_refused_without_reading() {
    let dir = temp_dir("devices");
    write(&dir, "app.yaml", MANIFEST);
    let run = scopewise_in(&dir, &["lint", "/dev/zero"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: /dev/zero: cannot read the manifest: it is a character device; only regular files are read\n"
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "/dev/zero"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: /dev/zero: cannot read the HAR capture: it is a character device; only regular files are read\n"
    );
    let run = scopewise_in(&dir, &["lint", "."]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: .: cannot read the manifest: it is a directory; only regular files are read\n"
    );
}

#[test]
fn files_over_their_size_cap_are_refused_before_they_are_read() {
    let dir = temp_dir("caps");
    // Exactly 1 MiB is read; one byte more is not.
    let at_cap = format!(
        "{MANIFEST}#{}\n",
        "x".repeat((1 << 20) - MANIFEST.len() - 2)
    );
    assert_eq!(at_cap.len(), 1 << 20);
    write(&dir, "app.yaml", &at_cap);
    let run = scopewise_in(&dir, &["lint", "app.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    write(&dir, "big.yaml", format!("{at_cap}\n"));
    let run = scopewise_in(&dir, &["lint", "big.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: big.yaml: the manifest is 1048577 bytes, more than the 1 MiB limit\n"
    );
    // A sparse file: refused by its size, so no byte of it is read.
    let har = std::fs::File::create(dir.join("big.har")).expect("create");
    har.set_len((256 << 20) + 1).expect("set the length");
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "big.har"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: big.har: the HAR capture is 268435457 bytes, more than the 256 MiB limit\n"
    );
    write(&dir, "calls.txt", "x".repeat((1 << 20) + 1));
    let run = scopewise_in(&dir, &["minimal", "--calls-file", "calls.txt"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: calls.txt: the calls file is 1048577 bytes, more than the 1 MiB limit\n"
    );
}

#[test]
fn http_calls_in_a_har_are_warned_about() {
    let dir = temp_dir("cleartext");
    write(&dir, "app.yaml", MANIFEST);
    write(
        &dir,
        "app.har",
        "{\"log\": {\"entries\": [\n  {\"request\": {\"method\": \"GET\", \"url\": \"http://services.leadconnectorhq.com/contacts/abc\"}}\n]}}\n",
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "app.har"]);
    assert_eq!(run.code, 0, "a warning: {run:?}");
    assert_eq!(
        run.stdout,
        "note: app.har: 1 API call (0 requests to other hosts ignored)
warning[cleartext-call]: `GET http://services.leadconnectorhq.com/contacts/abc` goes to the API over http://: its token travels in clear text
  --> app.har:2:41
    |
  2 |   {\"request\": {\"method\": \"GET\", \"url\": \"http://services.leadconnectorhq.com/contacts/abc\"}}
    |                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: call the API over https://

ok: 0 errors, 1 warning, 0 info in app.yaml (1 scope, 1 call, access sub-account)
"
    );
    let run = scopewise_in(
        &dir,
        &["lint", "app.yaml", "--har", "app.har", "--deny", "warnings"],
    );
    assert_eq!(run.code, 1, "{run:?}");
}

/// A 34 MB capture of 120 000 small entries: read as a stream, the binary's peak memory
/// stays that of a small file (loading it whole took 17 times the file's size: 3.46 GB
/// for 200 MB). The peak is the child's `VmHWM`, read while it runs.
#[cfg(target_os = "linux")]
#[test]
fn a_large_har_is_read_in_bounded_memory() {
    use std::io::Write;
    let dir = temp_dir("har-memory");
    write(&dir, "app.yaml", MANIFEST);
    let mut har = std::io::BufWriter::new(
        std::fs::File::create(dir.join("big.har")).expect("create the HAR"),
    );
    let _ = writeln!(har, "{{\"log\": {{\"version\": \"1.2\", \"entries\": [");
    let n = 120_000;
    for i in 0..n {
        let host = if i % 10 == 0 {
            "services.leadconnectorhq.com"
        } else {
            "cdn.example.com"
        };
        let _ = writeln!(
            har,
            "{{\"request\": {{\"method\": \"GET\", \"url\": \"https://{host}/contacts/c{i}\", \"headers\": [{{\"name\": \"Accept\", \"value\": \"application/json\"}}, {{\"name\": \"Version\", \"value\": \"2021-07-28\"}}]}}, \"response\": {{\"status\": 200, \"headers\": [], \"timings\": {{\"send\": 1, \"wait\": 20, \"receive\": 3}}}}}}{}",
            if i + 1 < n { "," } else { "" }
        );
    }
    let _ = writeln!(har, "]}}}}");
    drop(har.into_inner().expect("flush the HAR"));
    let size = std::fs::metadata(dir.join("big.har"))
        .expect("the HAR")
        .len();
    assert!(size > 30_000_000, "{size} bytes");

    let mut child = Command::new(binary())
        .args(["lint", "app.yaml", "--har", "big.har"])
        .current_dir(&*dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run scopewise");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "the HAR was not read in 120 s");
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        {
            peak_kb = peak_kb.max(kb);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("the output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with(
            "note: big.har: 12000 API calls (108000 requests to other hosts ignored)\n"
        ),
        "{stdout}"
    );
    assert!(peak_kb > 0, "no memory reading");
    assert!(
        peak_kb < 64 * 1024,
        "peak memory {peak_kb} kB for a {size}-byte HAR"
    );
}

#[test]
fn escaped_har_urls_are_found_and_located() {
    let dir = temp_dir("har-escapes");
    write(&dir, "app.yaml", MANIFEST);
    write(
        &dir,
        "app.har",
        "{\"log\": {\"entries\": [\n{\"request\": {\"method\": \"DELETE\", \"url\": \"https:\\/\\/\\u0073ervices.leadconnectorhq.com\\/contacts\\/abc\"}}\n]}}\n",
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "app.har"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "error[missing-scope]: `DELETE /contacts/{contactId}` needs `contacts.write`, which the app does not request\n  --> app.har:2:42\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_malformed_har_entry_is_located() {
    let dir = temp_dir("har-malformed");
    write(&dir, "app.yaml", MANIFEST);
    write(
        &dir,
        "app.har",
        "{\"log\": {\"entries\": [\n  {\"request\": {\"method\": \"GET\", \"url\": \"https://services.leadconnectorhq.com/contacts/a\"}},\n  {\"request\": {\"url\": 42}}\n]}}\n",
    );
    let run = scopewise_in(&dir, &["lint", "app.yaml", "--har", "app.har"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: app.har:3:3: log.entries[1].request.method is missing or not a string\n"
    );
}

/// A path longer than the system's limit: a directory that cannot be read even by root,
/// made with relative steps (bash: dash's `cd` refuses such paths).
fn unreadable_deep_dir(under: &Path) {
    let name = "d".repeat(200);
    let script = format!(
        "cd '{}' && for i in $(seq 1 22); do mkdir {name} && cd {name}; done && echo \"fetch('https://services.leadconnectorhq.com/contacts/x')\" > a.js",
        under.display()
    );
    let status = Command::new("bash")
        .args(["-c", &script])
        .status()
        .expect("run bash");
    assert!(status.success());
}

#[test]
fn the_scan_notes_every_file_it_skips() {
    let dir = temp_dir("scan-skips");
    write(&dir, "app.yaml", MANIFEST);
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("lib")).expect("mkdir");
    write(
        &src,
        "lib/ok.js",
        "fetch('https://services.leadconnectorhq.com/contacts/abc')\n",
    );
    write(&src, "latin1.ts", b"const s = 'caf\xe9';\n");
    std::os::unix::fs::symlink("lib/ok.js", src.join("link.js")).expect("symlink");
    std::os::unix::fs::symlink("lib", src.join("linked")).expect("symlink");
    std::os::unix::fs::symlink("lib/README", src.join("README")).expect("symlink");
    mkfifo(&src.join("pipe.py"));
    std::fs::File::create(src.join("huge.js"))
        .expect("create")
        .set_len((16 << 20) + 1)
        .expect("set the length");
    std::fs::create_dir(src.join("deep")).expect("mkdir");
    unreadable_deep_dir(&src.join("deep"));

    let run = scopewise_in(&dir, &["lint", "app.yaml", "--scan", "src"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("note: src: 1 API call in 1 source file; 6 skipped (1 unreadable)\n"),
        "{}",
        run.stdout
    );
    let mut notes: Vec<&str> = run.stderr.lines().collect();
    notes.sort_unstable();
    // How deep the directory that cannot be read is depends on the temp directory's path.
    let (deep, name) = notes[0].split_at(notes[0].rfind('/').expect("a path") + 1);
    assert!(deep.starts_with("note: src/deep/ddd"), "{deep}");
    assert_eq!(
        name,
        format!(
            "{}: cannot read directory: File name too long (os error 36); skipped",
            "d".repeat(200)
        )
    );
    assert_eq!(
        notes[1..],
        [
            "note: src/huge.js: the source file is 16777217 bytes, more than the 16 MiB limit; skipped",
            "note: src/latin1.ts:1:15: the source file is not UTF-8 text (byte 0xe9); skipped",
            "note: src/link.js: a symbolic link, not followed; skipped",
            "note: src/linked: a symbolic link, not followed; skipped",
            "note: src/pipe.py: not a regular file; skipped",
        ]
    );

    // The same notes in the JSON and SARIF documents.
    let run = scopewise_in(
        &dir,
        &["lint", "app.yaml", "--scan", "src", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let json_notes = doc["notes"].as_array().expect("notes");
    assert_eq!(json_notes.len(), 7);
    assert_eq!(
        json_notes[0],
        "src: 1 API call in 1 source file; 6 skipped (1 unreadable)"
    );
    assert!(json_notes.contains(&"src/pipe.py: not a regular file; skipped".into()));
    let run = scopewise_in(
        &dir,
        &["lint", "app.yaml", "--scan", "src", "--format", "sarif"],
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF");
    let notifications = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notifications.len(), 7);
    assert_eq!(
        notifications[1],
        serde_json::json!({ "level": "note", "message": { "text": json_notes[1] } })
    );
}

#[test]
fn terminal_escapes_from_input_are_escaped_in_every_format() {
    let dir = temp_dir("escapes");
    // A double-quoted YAML scalar spells ESC as `\e` and BEL as `\a`.
    write(
        &dir,
        "app.yaml",
        "access: sub-account\nscopes: \"contacts.readonly \\e[31mx\"\ncalls:\n  - \"GET /contacts/\\e]0;pwned\\a\"\n",
    );
    write(
        &dir,
        "app.js",
        "fetch('https://services.leadconnectorhq.com/contacts/\u{1b}]0;pwned\u{7}');\n",
    );
    std::fs::create_dir(dir.join("src")).expect("mkdir");
    std::fs::rename(dir.join("app.js"), dir.join("src/\u{1b}[2J.js")).expect("rename");

    let run = scopewise_in(&dir, &["lint", "app.yaml", "--scan", "src"]);
    assert_eq!(run.code, 1, "{run:?}");
    for expected in [
        "error[unknown-scope]: `\\u{1b}[31mx` is not a highlevel scope\n",
        "error[invalid-call]: `GET /contacts/\\u{1b}]0;pwned\\u{7}`: invalid request target: control byte 0x1b at byte 10\n  --> app.yaml:4:5\n",
        "  --> src/\\u{1b}[2J.js:1:8\n    |\n  1 | fetch('https://services.leadconnectorhq.com/contacts/\\u{1b}]0;pwned\\u{7}');\n",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected}\nin\n{}",
            run.stdout
        );
    }
    for format in ["json", "sarif"] {
        let run = scopewise_in(
            &dir,
            &["lint", "app.yaml", "--scan", "src", "--format", format],
        );
        assert_eq!(run.code, 1, "{run:?}");
        // The JSON strings hold the escaped text, not the control characters: a consumer
        // that prints a message (`jq -r`) prints it safely too.
        assert!(
            run.stdout
                .contains(r#""`GET /contacts/\\u{1b}]0;pwned\\u{7}`: invalid request target: control byte 0x1b at byte 10"#),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(r#"src/\\u{1b}[2J.js"#),
            "{}",
            run.stdout
        );
    }

    let target = "https://\u{1b}]0;pwned\u{7}/contacts/abc";
    let run = scopewise_in(
        &dir,
        &["check", "--scopes", "contacts.readonly", "GET", target],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.starts_with("denied (invalid-request): ")
            && run.stdout.contains("`\\u{1b}]0;pwned\\u{7}`"),
        "{}",
        run.stdout
    );
    let run = scopewise_in(
        &dir,
        &[
            "check",
            "--scopes",
            "contacts.readonly",
            "GET",
            target,
            "--json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let message = doc["message"].as_str().expect("a message");
    assert!(message.contains("`\\u{1b}]0;pwned\\u{7}`"), "{message}");
    // (The library's own wording of a rejection is not this test's concern: that nothing
    // copied from the target reaches the terminal unescaped is, checked by `scopewise_in`.)
    let run = scopewise_in(&dir, &["lookup", "GET", "/contacts/\u{9b}2J\u{202e}x"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("error: invalid request target: "),
        "{}",
        run.stderr
    );
    let run = scopewise_in(&dir, &["lint", "\u{1b}]0;pwned\u{7}.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: \\u{1b}]0;pwned\\u{7}.yaml: cannot read the manifest: No such file or directory (os error 2)\n"
    );
    // Usage errors quote the argument: clap drops escape sequences, BEL and DEL from its
    // plain rendering, and the rest (a C1 CSI here) is escaped.
    let run = scopewise_in(&dir, &["lint", "--format", "\u{1b}]0;pwned\u{7}"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("error: invalid value '"),
        "{}",
        run.stderr
    );
    let run = scopewise_in(&dir, &["lint", "--format", "a\u{7}b\u{9b}c"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("error: invalid value 'ab\\u{9b}c' for '--format <FORMAT>'\n"),
        "{}",
        run.stderr
    );
    let run = scopewise_in(&dir, &["scopes", "contacts.\u{1b}[2Jreadonly"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .starts_with("`contacts.\\u{1b}[2Jreadonly` is not a highlevel scope."),
        "{}",
        run.stdout
    );
    let run = scopewise_in(
        &dir,
        &[
            "minimal",
            "GET /contacts/\u{1b}[2J",
            "--webhook",
            "\u{7}Bell",
        ],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("unmatched: webhook \\u{7}Bell: not a highlevel webhook event\n"),
        "{}",
        run.stdout
    );
}
