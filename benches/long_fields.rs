//! Times each export stage on the example with every text field at N
//! characters (default 10,000; the hostile case of tests/pdf_hostile.rs),
//! and counts text placed outside the page (must be 0).
//!
//! `cargo bench --bench long_fields -- 10000 [out.pdf]`

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/timing.rs"]
mod timing;

use std::time::Instant;
use yusuan::compose::ExportOptions;
use yusuan::layout::Metrics;

fn main() {
    let example = include_str!("../examples/qingshan-2021.ron");
    let args = timing::args();
    let n: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let out = common::with_long_texts(example, n);
    let doc = yusuan::io::from_str(&out).expect("loads");
    let catalog = yusuan::catalogs::nearest(2021);
    let t = Instant::now();
    let findings = yusuan::rules::check(&doc, &catalog);
    println!(
        "rules      {:>8.1} ms ({} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        findings.len()
    );
    let t = Instant::now();
    let parts = yusuan::narrative::parts(&doc, &catalog);
    println!("narrative  {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let blocks = yusuan::compose::compose(&doc, &parts, &ExportOptions::default());
    println!("compose    {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let laid = yusuan::layout::layout(&blocks, Metrics::shared());
    println!(
        "layout     {:>8.1} ms ({} pages)",
        t.elapsed().as_secs_f64() * 1e3,
        laid.pages.len()
    );
    let outside = laid
        .pages
        .iter()
        .flat_map(|p| p.texts().map(move |t| (p.geometry, t)))
        .filter(|(g, t)| t.y > g.height - 20.0 || t.x + t.width > g.width - 20.0 || t.y < 20.0)
        .count();
    println!("text runs outside the page: {outside}");
    let t = Instant::now();
    let bytes = yusuan::pdf::render(&laid, "t", "a").expect("renders");
    println!(
        "render     {:>8.1} ms ({} bytes)",
        t.elapsed().as_secs_f64() * 1e3,
        bytes.len()
    );
    if let Some(out) = args.get(1) {
        std::fs::write(out, &bytes).expect("writes the PDF");
    }
}
