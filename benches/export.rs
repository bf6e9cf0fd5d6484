//! Export time and PDF size for the seed-sized document and a large one
//! (300 功能科目 rows, 100 projects). Targets: seed < 150 ms and < 800 KB,
//! large < 1.5 s. Then each template's example through the whole export
//! path.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yusuan::compose::{ExportOptions, Parts};
use yusuan::model::Document;

fn bench_one(c: &mut Criterion, name: &str, doc: &Document, parts: &Parts) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join(format!("{name}.pdf"));
    let opts = ExportOptions::default();
    let report = yusuan::export::pdf(doc, parts, &opts, &out).expect("export");
    println!("{name}: {} pages, {} KB", report.pages, report.bytes / 1024);
    c.bench_function(&format!("export {name}"), |b| {
        b.iter(|| {
            yusuan::export::pdf(black_box(doc), black_box(parts), &opts, &out).expect("export")
        });
    });
}

fn export(c: &mut Criterion) {
    bench_one(c, "seed", &common::seed_document(), &common::seed_parts());
    let (doc, parts) = common::large();
    bench_one(c, "large", &doc, &parts);
    // One per template: derive + narrative + layout + PDF, the whole
    // `yusuan export` path. Target: each within 10% of the 武汉 2021 one.
    for (name, text) in [
        (
            "example wuhan-2021",
            include_str!("../examples/qingshan-2021.ron"),
        ),
        (
            "example wuhan-2022",
            include_str!("../examples/wuhan-2022.ron"),
        ),
        (
            "example shanghai-2025",
            include_str!("../examples/shanghai-2025.ron"),
        ),
    ] {
        let doc = yusuan::io::from_str(text).expect("example");
        let catalog = yusuan::catalogs::nearest(doc.meta.year);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("x.pdf");
        let opts = ExportOptions::default();
        c.bench_function(name, |b| {
            b.iter(|| {
                let parts = yusuan::narrative::parts(black_box(&doc), &catalog);
                yusuan::export::pdf(&doc, &parts, &opts, &out).expect("export")
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = export
}
criterion_main!(benches);
