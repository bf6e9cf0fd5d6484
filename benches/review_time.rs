//! Reviewer work, timed: `yusuan check DIR --report OUT.xlsx` over 100
//! documents of the example's size as a whole process (several runs, the
//! median), and `diff::compare` of two 500-row documents (in process).
//!
//! Run: `cargo bench --bench review_time` (cargo builds the `yusuan` binary
//! the checklist run starts).

#[path = "support/big.rs"]
mod generated;
#[path = "support/timing.rs"]
mod timing;

use std::process::Command;
use std::time::Instant;
use yusuan::catalog::Catalog;
use yusuan::model::{FundSource, SpendingKind};
use yusuan::money::Money;

fn checklist() {
    let bin = timing::yusuan_binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let example =
        yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron")).expect("example");
    for i in 0..100 {
        let mut d = example.clone();
        d.meta.dept_name = format!("{}{i}", d.meta.dept_name);
        yusuan::io::save(&dir.path().join(format!("{i:03}.ron")), &d).expect("save");
    }
    let out = dir.path().join("清单.xlsx");
    let mut times = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let status = Command::new(&bin)
            .arg("check")
            .arg(dir.path())
            .arg("--report")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("runs");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(status.code().is_some_and(|c| c <= 1), "{status:?}");
    }
    println!(
        "check --report over 100 documents (whole process, {} cores): median {:.0} ms of 7 runs (min {:.0}, max {:.0})",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        timing::median(times.clone()),
        times.iter().copied().fold(f64::INFINITY, f64::min),
        times.iter().copied().fold(0.0, f64::max),
    );
}

fn diff() {
    let catalog = Catalog::for_year(2021).expect("2021 catalog");
    let example =
        yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron")).expect("example");
    let mut old = example.clone();
    old.budget_lines = generated::budget_lines(&catalog, 500);
    let mut new = old.clone();
    // A handful of edits spread over the document.
    for i in [3, 170, 333, 499] {
        new.budget_lines[i].set_amount(
            FundSource::GeneralBudget,
            SpendingKind::Basic,
            Money::from_cents(77_777),
        );
    }
    new.budget_lines.remove(250);
    new.projects[0].purpose.push_str("，并完成机房改造");
    let mut times = Vec::new();
    let mut n = (0, 0);
    for _ in 0..51 {
        let start = Instant::now();
        let d = yusuan::diff::compare(&old, &new, &catalog);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        n = (d.changes.len(), d.derived.len());
    }
    println!(
        "diff of two 500-row documents: median {:.2} ms of 51 runs ({} changes, {} moved figures)",
        timing::median(times),
        n.0,
        n.1
    );
}

fn main() {
    diff();
    checklist();
}
