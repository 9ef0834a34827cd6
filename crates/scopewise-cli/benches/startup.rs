//! What a CI step pays for `scopewise lint`: the whole process (start, read the manifest,
//! lint, print) next to the cost of starting any process (`true`), and the lint alone.
//!
//! `cargo bench -p scopewise-cli --bench startup`

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};

const MANIFEST: &str = "examples/app/scopewise.yaml";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn spawn(c: &mut Criterion) {
    let mut group = c.benchmark_group("process");
    group.bench_function("true (process start floor)", |b| {
        b.iter(|| Command::new("true").status().expect("run true"));
    });
    group.bench_function("scopewise lint examples/app", |b| {
        b.iter(|| {
            Command::new(env!("CARGO_BIN_EXE_scopewise"))
                .args(["lint", MANIFEST])
                .current_dir(root())
                .output()
                .expect("run scopewise")
        });
    });
    group.finish();
}

fn in_process(c: &mut Criterion) {
    let text = std::fs::read_to_string(root().join(MANIFEST)).expect("read the sample manifest");
    let catalog = &scopewise::highlevel::CATALOG;
    c.bench_function("parse + lint examples/app (in process)", |b| {
        b.iter(|| {
            let manifest = scopewise_cli::manifest::parse(MANIFEST, &text).expect("valid manifest");
            scopewise_cli::lint::lint(
                catalog,
                &manifest,
                manifest.access.as_ref().map(|a| a.value),
                &scopewise_cli::lint::ExtraCalls::default(),
            )
        });
    });
}

criterion_group!(benches, spawn, in_process);
criterion_main!(benches);
