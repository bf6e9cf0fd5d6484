//! Export time and PDF size for the seed-sized document and a large one
//! (300 功能科目 rows, 100 projects). Targets: seed < 150 ms and < 800 KB,
//! large < 1.5 s. Then each template's example through the whole export
//! path (derive + narrative + layout + PDF), and a 5,000-line document in
//! every bundled template (issue 24: under 1 s in the largest template).
//! Medians of 10 runs after one warm-up: `cargo bench --bench export`.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/big.rs"]
mod generated;
#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;
use yusuan::compose::{ExportOptions, Parts};
use yusuan::model::Document;

const RUNS: usize = 10;

fn bench_one(name: &str, doc: &Document, parts: &Parts) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join(format!("{name}.pdf"));
    let opts = ExportOptions::default();
    let report = yusuan::export::pdf(doc, parts.clone(), &opts, &out).expect("export");
    let ms = timing::median_ms(RUNS, || {
        yusuan::export::pdf(black_box(doc), black_box(parts.clone()), &opts, &out).expect("export");
    });
    println!(
        "export {name}: {ms:.1} ms (median of {RUNS}), {} pages, {} KB",
        report.pages,
        report.bytes / 1024
    );
}

fn main() {
    bench_one("seed", &common::seed_document(), &common::seed_parts());
    let (doc, parts) = common::large();
    bench_one("large", &doc, &parts);
    // One per template. Target: each within 10% of the 武汉 2021 one.
    for (name, text) in [
        ("wuhan-2021", include_str!("../examples/qingshan-2021.ron")),
        ("wuhan-2022", include_str!("../examples/wuhan-2022.ron")),
        (
            "shanghai-2025",
            include_str!("../examples/shanghai-2025.ron"),
        ),
    ] {
        let doc = yusuan::io::from_str(text).expect("example");
        let catalog = yusuan::catalogs::nearest(doc.meta.year);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("x.pdf");
        let opts = ExportOptions::default();
        let ms = timing::median_ms(RUNS, || {
            let parts = yusuan::narrative::parts(black_box(&doc), &catalog);
            yusuan::export::pdf(&doc, parts, &opts, &out).expect("export");
        });
        println!("example {name}: {ms:.1} ms (median of {RUNS})");
    }
    // 5,000 收支预算 lines in every bundled template, whole export path.
    let base =
        yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron")).expect("example");
    let catalog = yusuan::catalogs::nearest(base.meta.year);
    let lines = generated::budget_lines(&catalog, 5_000);
    for t in yusuan::template::Template::ALL {
        let mut doc = base.clone();
        doc.meta.template = t.clone();
        doc.budget_lines = lines.clone();
        let tables = t.spec().tables.len();
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("x.pdf");
        let opts = ExportOptions::default();
        let mut pages = 0;
        let ms = timing::median_ms(RUNS, || {
            let parts = yusuan::narrative::parts(black_box(&doc), &catalog);
            pages = yusuan::export::pdf(&doc, parts, &opts, &out)
                .expect("export")
                .pages;
        });
        println!(
            "5,000 lines in {} ({tables} tables): {ms:.1} ms (median of {RUNS}), {pages} pages",
            t.id()
        );
    }
}
