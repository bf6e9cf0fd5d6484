//! 文件 → 从 Excel 导入… and 导出 Excel… in the app, driven headless through
//! egui_kittest: the preview shows what will change, 导入 is one undo step,
//! 取消 and a bad file leave the document untouched.
#![cfg(feature = "gui")]

mod support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use support::app::harness_for;
use yusuan::catalog::Catalog;
use yusuan::model::Document;
use yusuan::ui::{App, Command};

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example")
}

/// The example without its figures.
fn without_figures() -> Document {
    let mut d = example();
    d.budget_lines.clear();
    d.basic_by_economic.clear();
    d.three_public = Default::default();
    d
}

fn exported(dir: &Path) -> PathBuf {
    let doc = example();
    let p = dir.join("q.xlsx");
    yusuan::xlsx::export(&doc, &Catalog::nearest(doc.meta.year), &p).expect("export");
    p
}

fn preview(doc: Document, file: &Path) -> Harness<'static, App> {
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut().queue(Command::ImportFrom(file.to_path_buf()));
    h.run();
    h
}

#[test]
fn import_preview_then_apply_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(without_figures(), &exported(dir.path()));
    assert!(h.query_by_label("从 Excel 导入：预览").is_some());
    assert!(h.query_by_label_contains("工作表“明细”").is_some());
    assert!(h.query_by_label("新增 2013350 事业运行").is_some());
    assert!(h.query_by_label_contains("替换基本支出经济分类").is_some());
    assert_eq!(
        h.state().document(),
        &without_figures(),
        "nothing before 导入"
    );
    h.get_by_label("导入").click();
    h.run();
    assert!(!h.state().dialog_open(), "导入 closes the preview");
    assert_eq!(h.state().document(), &example());
    assert_eq!(h.state().undo_steps(), 1);
    assert!(!h.state().dialog_open());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document(), &without_figures());
}

#[test]
fn cancel_and_bad_files_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(without_figures(), &exported(dir.path()));
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().document(), &without_figures());
    assert_eq!(h.state().undo_steps(), 0);

    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not a workbook\x00").expect("write");
    let h = preview(example(), &bad);
    assert!(h.query_by_label_contains("未导入").is_some());
    assert_eq!(h.state().document(), &example());
    assert_eq!(h.state().undo_steps(), 0);
}

#[test]
fn export_xlsx_from_the_app_writes_a_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("导出.xlsx");
    let mut h = harness_for(App::new_with(example(), None));
    h.state_mut().queue(Command::ExportTo(target.clone()));
    h.run();
    // The example's open 警告 are listed first, as for the PDF.
    assert!(h.query_by_label_contains("导出 Excel").is_some());
    h.get_by_label("仍然导出").click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("个工作表").is_some());
    let wb = yusuan::sheet::read(&target).expect("workbook");
    assert!(wb.sheet("明细").is_some());
}
