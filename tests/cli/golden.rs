//! Each bundled example's exported PDF text and xlsx cells, pinned: a
//! change to how templates are described (tables, text, editions) must not
//! change what a published document says. Where a change is meant, rerun
//! with `YUSUAN_BLESS=1` and say in the commit why the new text is better.

use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::sheet::{self, SheetCell};

const EXAMPLES: [&str; 11] = [
    "qingshan-2021",
    "wuhan-2022",
    "shanghai-2025",
    "hunan-2025",
    "zhongyang-2024",
    "guizhou-2025",
    "henan-2025",
    "tianjin-2026",
    "beijing-2025",
    "beijing-2026",
    "sichuan-2025",
];

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/golden/{name}"))
}

fn export(example: &str, out: &Path) {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{example}.ron"));
    let status = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("export")
        .arg(&doc)
        .arg("-o")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("yusuan runs");
    assert!(
        status.status.success(),
        "export of {example}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Every non-empty cell of every sheet, one per line: `sheet!A1<TAB>value`.
fn cells(path: &Path) -> String {
    let wb = sheet::read(path).expect("workbook reads back");
    let mut out = String::new();
    for s in &wb.sheets {
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let v = match cell {
                    SheetCell::Empty => continue,
                    SheetCell::Number(n) => n.to_string(),
                    other => sheet::text(other),
                };
                out.push_str(&format!("{}!{}\t{v}\n", s.name, sheet::cell_ref(r, c)));
            }
        }
    }
    out
}

/// Compares `got` with the golden file `name`, or writes it when blessing.
fn compare(name: &str, got: &str) {
    let path = golden(name);
    if std::env::var_os("YUSUAN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("golden folder");
        std::fs::write(&path, got).expect("golden written");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file (bless with YUSUAN_BLESS=1)");
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        let line = |t: &str| t.lines().nth(first).unwrap_or("").to_string();
        panic!(
            "{name} differs from its golden copy at line {}:\n want: {}\n  got: {}",
            first + 1,
            line(&want),
            line(got)
        );
    }
}

#[test]
fn every_example_prints_its_golden_pdf_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    for ex in EXAMPLES {
        let pdf = dir.path().join(format!("{ex}.pdf"));
        export(ex, &pdf);
        compare(&format!("{ex}.pdf.txt"), &crate::support::pdf_text(&pdf));
    }
}

#[test]
fn every_example_writes_its_golden_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    for ex in EXAMPLES {
        let xlsx = dir.path().join(format!("{ex}.xlsx"));
        export(ex, &xlsx);
        compare(&format!("{ex}.xlsx.txt"), &cells(&xlsx));
    }
}
