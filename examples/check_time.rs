//! Prints how long derive + all 审核 rules take on the bundled example and on a
//! generated document with 500 功能科目 rows and 100 projects (excluding process
//! start). Run: `cargo run --release --example check_time`.

#[path = "support/big.rs"]
mod generated;

use std::time::Instant;
use yusuan::catalog::Catalog;
use yusuan::model::Project;

fn time(label: &str, doc: &yusuan::model::Document, catalog: &Catalog) {
    let n = 200;
    let _ = yusuan::rules::check(doc, catalog);
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..n {
        findings = yusuan::rules::check(doc, catalog).len();
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan::derive::derive(doc, catalog));
    }
    let derive_ms = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!(
        "{label}: {per:.3} ms per check ({findings} findings), of which derive {derive_ms:.3} ms"
    );
}

fn main() {
    let catalog = Catalog::for_year(2021).expect("2021 catalog");
    let example = yusuan::io::from_str(include_str!("qingshan-2021.ron")).expect("example");
    time("example", &example, &catalog);

    let mut big = example.clone();
    big.budget_lines = generated::budget_lines(&catalog, 500);
    let template: Project = example.projects[0].clone();
    big.projects = (0..100)
        .map(|i| Project {
            name: format!("项目{i}"),
            ..template.clone()
        })
        .collect();
    time("500 功能科目 rows, 100 projects", &big, &catalog);
}
