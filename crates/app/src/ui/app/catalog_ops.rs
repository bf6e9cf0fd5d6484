//! 科目表 → 导入… (the official list from the finance bureau, previewed
//! before it is installed) and 文件 → 以上年文件新建… (next year's document
//! from this year's file). The work is the core's (`catalog_import`,
//! `catalogs`, `rollover`); this file only asks and shows.

use super::*;
use crate::catalog_import as import;
use crate::catalogs as store;

impl App {
    /// Reads the list at `p` for the document's year and shows what it
    /// holds and what it skipped; nothing is stored yet.
    pub(super) fn preview_catalog(&mut self, p: &Path) {
        let year = self.doc.meta.year;
        let edition = edition_of(p);
        self.dialog = Some(match import::import(p, year, &edition) {
            Ok(report) => Dialog::CatalogPreview {
                path: p.to_path_buf(),
                year,
                edition,
                summary: report.summary(),
            },
            Err(e) => Dialog::Message(format!("未导入科目表：{e}")),
        });
    }

    /// Installs the previewed list and checks the document against it (one
    /// undo step: the document records which list it uses).
    pub(super) fn install_catalog(
        &mut self,
        ctx: &egui::Context,
        p: &Path,
        year: i32,
        edition: &str,
    ) {
        let installed = import::import(p, year, edition)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                store::install(&r.catalog)
                    .map(|at| (r.catalog, at))
                    .map_err(|e| e.to_string())
            });
        match installed {
            Ok((catalog, at)) => {
                let mut doc = self.doc.clone();
                doc.meta.catalog = Some(crate::rollover::catalog_ref(&catalog));
                let label = format!("使用科目表 {}", catalog.describe());
                self.apply(
                    ctx,
                    Command::Edit {
                        edit: Edit::Replace(Box::new(doc), label),
                        typing: None,
                    },
                );
                self.dialog = Some(Dialog::Message(format!(
                    "已安装科目表 {}\n保存在 {}\n本文件现按此科目表审核。",
                    catalog.describe(),
                    at.display()
                )));
            }
            Err(e) => self.dialog = Some(Dialog::Message(format!("未安装科目表：{e}"))),
        }
    }

    /// Opens next year's document made from the file at `p` (untitled, so
    /// this year's file is never overwritten by accident).
    pub(super) fn new_from_prior(&mut self, p: &Path) {
        let prior = match files::load(p) {
            Ok(d) => d,
            Err(e) => {
                self.dialog = Some(Dialog::Message(e));
                return;
            }
        };
        let year = prior.meta.year.saturating_add(1);
        let catalog = crate::catalogs::nearest(year);
        match crate::rollover::next_year(&prior, year, &catalog, &p.display().to_string()) {
            Ok(r) => {
                self.open_doc(blank_like(&r.doc), None);
                // Dirty from the start: the new year exists only here until saved.
                self.doc = r.doc;
                self.changed();
                let mut text = format!(
                    "已由 {} 新建 {year} 年度预算（未保存）。上年预算数取自该文件，本年金额待填写。",
                    p.display()
                );
                for d in &r.dropped_projects {
                    text += &format!("\n未带入项目（起止时间不含 {year} 年）：{d}");
                }
                for n in &r.code_notes {
                    text += &format!("\n{n}");
                }
                self.dialog = Some(Dialog::Message(text));
            }
            Err(e) => self.dialog = Some(Dialog::Message(e.to_string())),
        }
    }
}

/// The edition name proposed for an imported list: its file name, which
/// finance bureaus date (`2027年政府收支分类科目（2026-11）`).
fn edition_of(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "导入".into())
}

/// A blank document of the same year and department, as the "saved" state
/// an untitled new document is compared with.
pub(super) fn blank_like(doc: &Document) -> Document {
    Document::blank(&doc.meta.dept_name, doc.meta.year)
}
