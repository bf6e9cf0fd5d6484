//! Export time and PDF size for the seed-sized document and a large one
//! (300 功能科目 rows, 100 projects). Targets: seed < 150 ms and < 800 KB,
//! large < 1.5 s.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yusuan::layout::{ExportOptions, Parts};
use yusuan::model::Document;

fn bench_one(c: &mut Criterion, name: &str, doc: &Document, parts: &Parts) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join(format!("{name}.pdf"));
    let opts = ExportOptions::default();
    let report = yusuan::pdf::export(doc, parts, &opts, &out).expect("export");
    println!("{name}: {} pages, {} KB", report.pages, report.bytes / 1024);
    c.bench_function(&format!("export {name}"), |b| {
        b.iter(|| {
            yusuan::pdf::export(black_box(doc), black_box(parts), &opts, &out).expect("export")
        })
    });
}

fn export(c: &mut Criterion) {
    bench_one(c, "seed", &common::seed_document(), &common::seed_parts());
    let (doc, parts) = common::large();
    bench_one(c, "large", &doc, &parts);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = export
}
criterion_main!(benches);
