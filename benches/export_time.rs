//! Prints the whole-process time of `yusuan export` on each bundled example
//! (process start, reading, derivation, 审核, layout, fonts, PDF, writing):
//! the median of 7 runs after one warm-up, against issue 13's target of
//! 40 ms for the 武汉 2021 example, and the size of the PDF.
//!
//! Run: `cargo bench --bench export_time` (it runs the `yusuan` binary cargo
//! builds beside it).

#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Milliseconds of one export of `doc` to `out`.
fn export_ms(bin: &Path, doc: &Path, out: &Path) -> Result<f64, String> {
    let start = Instant::now();
    let status = Command::new(bin)
        .arg("export")
        .arg(doc)
        .arg("-o")
        .arg(out)
        .arg("--force")
        .output()
        .map_err(|e| e.to_string())?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if status.status.success() {
        Ok(ms)
    } else {
        Err(String::from_utf8_lossy(&status.stderr).into_owned())
    }
}

fn main() {
    let bin = timing::yusuan_binary();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::temp_dir().join(format!("yusuan-export-time-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("{}: {e}", out_dir.display());
        std::process::exit(2);
    }
    for (name, target) in [
        ("qingshan-2021", "≤ 40 ms"),
        ("wuhan-2022", "-"),
        ("shanghai-2025", "-"),
    ] {
        let doc = root.join("examples").join(format!("{name}.ron"));
        let out = out_dir.join(format!("{name}.pdf"));
        let runs: Result<Vec<f64>, String> = (0..8).map(|_| export_ms(&bin, &doc, &out)).collect();
        match runs {
            Ok(mut v) => {
                v.remove(0); // the warm-up
                v.sort_by(f64::total_cmp);
                let bytes = std::fs::metadata(&out).map_or(0, |m| m.len());
                println!(
                    "{name:<14} {:>6.1} ms median of 7 (min {:.1}, max {:.1}), {bytes} bytes   target {target}",
                    v[v.len() / 2],
                    v[0],
                    v[v.len() - 1]
                );
            }
            Err(e) => println!("{name:<14} failed: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
