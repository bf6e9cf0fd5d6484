//! PDF export under hostile conditions: targets that cannot be written, a
//! full disk, names with spaces and Chinese characters, 2,000 rows, every
//! text field at 10,000 characters. A complete PDF or a clear Chinese error;
//! never a partial file.

use crate::common;
use crate::support;

use std::path::Path;
use std::process::Command;
use yusuan::compose::ExportOptions;
use yusuan::model::{BudgetLine, Document, FundSource, SpendingKind};
use yusuan::money::Money;
use yusuan::pdf::{ExportReport, PdfError};

const EXAMPLE: &str = include_str!("../../examples/qingshan-2021.ron");

fn example() -> Document {
    yusuan::io::from_str(EXAMPLE).unwrap()
}

fn export(doc: &Document, out: &Path) -> Result<ExportReport, PdfError> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let parts = yusuan::narrative::parts(doc, &catalog);
    yusuan::export::pdf(doc, parts, &ExportOptions::default(), out)
}

/// Page count by poppler's `pdfinfo`: the file is a complete PDF.
fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(
        out.status.success(),
        "pdfinfo rejects {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages:")
}

#[test]
fn unwritable_targets_give_a_chinese_error_and_no_file() {
    let doc = example();
    let dir = tempfile::tempdir().unwrap();
    let mut targets = vec![
        dir.path().join("没有这个文件夹").join("预算.pdf"),
        dir.path().to_path_buf(),
    ];
    // Where nobody, root included, may create a file.
    if Path::new("/sys/kernel").is_dir() {
        targets.push("/sys/kernel/预算.pdf".into());
    }
    if Path::new("/dev/full").exists() {
        targets.push("/dev/full".into());
    }
    for t in &targets {
        let e = export(&doc, t).unwrap_err().to_string();
        assert!(e.contains("无法"), "{}: {e}", t.display());
        assert!(!e.contains("os error") || e.contains('（'), "{e}");
    }
    assert!(!dir.path().join("没有这个文件夹").exists());
    assert!(Path::new("/dev/full").exists() || !cfg!(target_os = "linux"));
    assert!(support::leftover_temps(dir.path()).is_empty());
}

#[test]
fn a_name_with_spaces_and_chinese_characters_exports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir
        .path()
        .join("青山区 大数据中心")
        .join("2021年 部门预算（终稿） v2.pdf");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let r = export(&example(), &out).unwrap();
    assert_eq!(pdf_pages(&out), r.pages);
    assert_eq!(std::fs::metadata(&out).unwrap().len(), r.bytes);
    assert!(support::pdf_text(&out).contains("青山区大数据中心"));
}

#[test]
fn two_thousand_rows_export_completely() {
    let mut doc = example();
    let catalog = yusuan::catalogs::nearest(2021);
    let codes: Vec<_> = catalog
        .functions()
        .filter(|(c, _)| c.as_str().len() == 7)
        .map(|(c, e)| (c, e.name.clone()))
        .collect();
    doc.budget_lines = (0..2000)
        .map(|i| {
            let (code, name) = codes[i % codes.len()].clone();
            let mut l = BudgetLine {
                code,
                name: format!("{name}{i:04}"),
                ..Default::default()
            };
            l.set_amount(
                FundSource::GeneralBudget,
                SpendingKind::Basic,
                Money::from_cents(100 + i as i64),
            );
            l
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2000.pdf");
    let r = export(&doc, &out).unwrap();
    assert_eq!(pdf_pages(&out), r.pages);
    assert!(r.pages > 100, "{} pages", r.pages);
    let text = support::pdf_text(&out);
    assert!(text.contains("1999"), "the last row is printed");
}

/// Every non-empty text field of the example at 10,000 characters.
fn ten_thousand_everywhere() -> Document {
    yusuan::io::from_str(&common::with_long_texts(EXAMPLE, 10_000)).unwrap()
}

#[test]
fn ten_thousand_character_fields_export_completely() {
    let doc = ten_thousand_everywhere();
    assert_eq!(doc.meta.dept_name.chars().count(), 10_000);
    assert_eq!(doc.budget_lines[0].name.chars().count(), 10_000);
    // Every line lands inside its page: over-tall captions, headers, unit
    // lines and merged cells once ran off the bottom edge.
    let catalog = yusuan::catalogs::nearest(2021);
    let parts = yusuan::narrative::parts(&doc, &catalog);
    let blocks = yusuan::compose::compose(&doc, &parts, &ExportOptions::default());
    let laid = yusuan::layout::layout(&blocks, yusuan::layout::Metrics::shared());
    for (i, p) in laid.pages.iter().enumerate() {
        let g = p.geometry;
        for t in p.texts() {
            assert!(
                t.y > 20.0 && t.y < g.height - 20.0 && t.x + t.width < g.width - 20.0,
                "page {}: {:?} at ({}, {}) outside the page",
                i + 1,
                t.text.chars().take(20).collect::<String>(),
                t.x,
                t.y
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("long.pdf");
    match export(&doc, &out) {
        Ok(r) => {
            assert_eq!(pdf_pages(&out), r.pages);
            assert!(support::pdf_text(&out).contains("预算编制测试文本ABC123"));
        }
        Err(e) => {
            assert!(e.to_string().contains("无法"), "{e}");
            assert!(!out.exists(), "no partial file");
        }
    }
}

#[test]
fn a_full_disk_leaves_no_partial_pdf_and_the_old_one_intact() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("预算.ron");
    std::fs::write(&ron, EXAMPLE).unwrap();
    let out = dir.path().join("预算 终稿.pdf");
    std::fs::write(&out, b"%PDF-1.7 previous export\n").unwrap();
    // 64 KB: far below the ~200 KB the example's PDF takes.
    let run = support::limited(64 * 1024, env!("CARGO_BIN_EXE_yusuan").as_ref(), |c| {
        c.arg("export").arg(&ron).arg("-o").arg(&out);
    })
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("超出系统允许的文件大小"), "{stderr}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"%PDF-1.7 previous export\n",
        "the previous PDF is untouched"
    );
    assert!(support::leftover_temps(dir.path()).is_empty());
    // Without the limit the same command writes a complete file.
    let ok = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("export")
        .arg(&ron)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(pdf_pages(&out) > 10);
}
