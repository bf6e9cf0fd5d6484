//! Prints how long derive + all 审核 rules take (what `yusuan check` does
//! after reading the file, and what the app does after every edit) on the
//! bundled example and on generated documents of 500 功能科目 rows with 100
//! projects and 5,000 rows with 1,000 projects, against the targets of
//! issue 15. Run: `cargo bench --bench check_time`.

#[path = "support/big.rs"]
mod generated;
#[path = "support/timing.rs"]
mod timing;

use yusuan::catalog::Catalog;
use yusuan::model::{Document, Project};

fn time(label: &str, doc: &Document, catalog: &Catalog, target_ms: &str) {
    let n = if doc.budget_lines.len() > 1000 {
        30
    } else {
        200
    };
    let findings = yusuan::rules::check(doc, catalog).len();
    let check = timing::median_ms(n, || {
        std::hint::black_box(yusuan::rules::check(doc, catalog));
    });
    let derive = timing::median_ms(n, || {
        std::hint::black_box(yusuan::derive::derive(doc, catalog));
    });
    println!(
        "{label:<34} {check:>8.3} ms per check ({findings} findings), derive {derive:.3} ms   target {target_ms}"
    );
}

/// The example with `rows` generated 功能科目 rows and `projects` projects.
fn large(example: &Document, catalog: &Catalog, rows: usize, projects: usize) -> Document {
    let mut big = example.clone();
    big.budget_lines = generated::budget_lines(catalog, rows);
    let template: Project = example.projects[0].clone();
    big.projects = (0..projects)
        .map(|i| Project {
            name: format!("项目{i}"),
            ..template.clone()
        })
        .collect();
    big
}

fn main() {
    let catalog = Catalog::for_year(2021).expect("2021 catalog");
    let example =
        yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron")).expect("example");
    time("example", &example, &catalog, "< 1 ms");
    time(
        "500 功能科目 rows, 100 projects",
        &large(&example, &catalog, 500, 100),
        &catalog,
        "< 1 ms",
    );
    time(
        "5,000 rows, 1,000 projects",
        &large(&example, &catalog, 5_000, 1_000),
        &catalog,
        "≤ 10× the 500-row figure",
    );
}
