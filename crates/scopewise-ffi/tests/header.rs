//! `include/scopewise.h` is what cbindgen makes of `src/lib.rs` today.
//!
//! The header is committed so that C users and reviewers see it, and nobody needs cbindgen to
//! build; this test regenerates it in memory and fails with a diff when it is stale.
//! `SCOPEWISE_BLESS=1 cargo test -p scopewise-ffi --test header` rewrites it.

use std::path::Path;

#[test]
fn the_committed_header_is_what_cbindgen_generates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .unwrap()
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    let path = dir.join("include/scopewise.h");
    if std::env::var_os("SCOPEWISE_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let diff: Vec<String> = committed
            .lines()
            .map(|l| format!("-{l}"))
            .zip(generated.lines().map(|l| format!("+{l}")))
            .filter(|(a, b)| a[1..] != b[1..])
            .take(20)
            .map(|(a, b)| format!("{a}\n{b}"))
            .collect();
        panic!(
            "{} is stale ({} lines committed, {} generated); first differing lines:\n{}\n\
             rewrite it with: SCOPEWISE_BLESS=1 cargo test -p scopewise-ffi --test header",
            path.display(),
            committed.lines().count(),
            generated.lines().count(),
            diff.join("\n")
        );
    }
}
