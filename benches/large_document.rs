//! Time and peak memory of every command on a generated document of N
//! 收支预算 rows (issue 20, item 5: the largest document the loader
//! accepts must finish in time and memory proportional to its size; the
//! target is 100,000 rows in under 30 s and 500 MB per command).
//!
//! For each N it writes the 武汉 2021 example with N generated rows (and a
//! second version with every tenth row's 基本支出 changed, for `diff`), then runs the
//! `yusuan` binary under `/usr/bin/time -v` for `check`, `show --table 1`
//! (derive), `diff`, `export` to PDF and `export` to xlsx, three times each,
//! and prints the median wall time and median peak resident memory.
//!
//! Run (as measured in docs/reliability.md; 1,000 and 10,000 by default):
//!
//! ```sh
//! cargo bench --bench large_document -- 1000 10000 100000
//! ```
//!
//! The binary is the `yusuan` cargo builds beside the bench, or the one named
//! by `YUSUAN_BIN`; `YUSUAN_RUNS` sets the runs per figure; `YUSUAN_KEEP=DIR`
//! writes the generated documents and outputs to DIR and keeps them.

#[path = "support/big.rs"]
mod generated;
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;
use yusuan::catalog::Catalog;
use yusuan::model::{FundSource, SpendingKind};
use yusuan::money::Money;

/// One run: (seconds, peak resident kB, exit code), from GNU time's report.
fn run(bin: &Path, args: &[&str]) -> Result<(f64, u64, i32), String> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin)
        .args(args)
        .output()
        .map_err(|e| format!("/usr/bin/time: {e} (apt-get install time)"))?;
    let report = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name).map(str::trim).map(String::from))
    };
    let rss: u64 = field("Maximum resident set size (kbytes):")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("no RSS in:\n{report}"))?;
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
        .map(|v| {
            v.split(':').fold(0.0, |acc, part| {
                acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
            })
        })
        .ok_or_else(|| format!("no time in:\n{report}"))?;
    let code = field("Exit status:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    if code == 2 || code < 0 {
        return Err(format!("{args:?} exit {code}:\n{report}"));
    }
    Ok((wall, rss, code))
}

/// The document as compact RON (no indentation): the pretty form the app
/// saves takes 23 MB for 100,000 rows, over the loader's 16 MiB limit.
fn write_compact(path: &Path, doc: &yusuan::model::Document) {
    let text = ron::to_string(doc).expect("serialises");
    std::fs::write(path, text).expect("temp file");
}

fn main() {
    let bin = timing::yusuan_binary();
    let sizes: Vec<usize> = timing::args()
        .iter()
        .filter_map(|a| a.replace([',', '_'], "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        // 100,000 rows take minutes per command: asked for, not by default.
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let runs: usize = std::env::var("YUSUAN_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let catalog = Catalog::for_year(2021).expect("2021 catalog");
    let example =
        yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron")).expect("example");
    let temp = tempfile::tempdir().expect("temp folder");
    // `YUSUAN_KEEP=DIR` keeps the generated documents (to profile one).
    let kept = std::env::var_os("YUSUAN_KEEP").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    println!(
        "binary: {}   runs per figure: {runs} (median)",
        bin.display()
    );
    println!(
        "{:>8} {:>8} {:<14} {:>9} {:>9} {:>5}",
        "rows", "file MB", "command", "seconds", "peak MB", "exit"
    );
    for n in sizes {
        let mut doc = example.clone();
        doc.budget_lines = generated::budget_lines(&catalog, n);
        let path = dir.join(format!("rows-{n}.ron"));
        write_compact(&path, &doc);
        let mut changed = doc.clone();
        for line in changed.budget_lines.iter_mut().step_by(10) {
            line.set_amount(
                FundSource::GeneralBudget,
                SpendingKind::Basic,
                Money::from_cents(100),
            );
        }
        let other = dir.join(format!("rows-{n}-changed.ron"));
        write_compact(&other, &changed);
        let mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let p = path.to_string_lossy().into_owned();
        let o = other.to_string_lossy().into_owned();
        let pdf = dir.join(format!("rows-{n}.pdf"));
        let xlsx = dir.join(format!("rows-{n}.xlsx"));
        let (pdf, xlsx) = (pdf.to_string_lossy(), xlsx.to_string_lossy());
        let commands: [(&str, Vec<&str>); 5] = [
            ("check", vec!["check", &p]),
            ("show (derive)", vec!["show", &p, "--table", "1"]),
            ("diff", vec!["diff", &p, &o]),
            ("export pdf", vec!["export", &p, "-o", &pdf, "--force"]),
            ("export xlsx", vec!["export", &p, "-o", &xlsx, "--force"]),
        ];
        for (label, args) in commands {
            let results: Result<Vec<_>, String> = (0..runs).map(|_| run(&bin, &args)).collect();
            match results {
                Ok(r) => {
                    let secs = timing::median(r.iter().map(|x| x.0).collect());
                    let mb_peak = timing::median(r.iter().map(|x| x.1 as f64 / 1024.0).collect());
                    println!(
                        "{n:>8} {mb:>8.1} {label:<14} {secs:>9.2} {mb_peak:>9.0} {:>5}",
                        r[0].2
                    );
                }
                Err(e) => println!("{n:>8} {mb:>8.1} {label:<14} failed: {e}"),
            }
        }
    }
}
