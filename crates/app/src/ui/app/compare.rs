//! 文件 → 与另一版本对比…: the open document compared with another version
//! of it (taken as the older one). Changed cells are outlined on every
//! sheet, a panel lists the changes with jump-to-cell, and the document is
//! read-only until 结束对比, so the list stays true. Neither file is
//! written: the other version is only read.

use super::*;
use crate::diff::{Diff, What, compare, text::Piece};
use crate::ui::changes::Changed;

/// An open comparison.
pub(crate) struct Comparison {
    /// The other (older) version's file.
    path: PathBuf,
    /// What differs.
    diff: Diff,
    /// The cells to outline.
    pub(super) marks: Changed,
}

impl App {
    /// The differences shown, while comparing.
    pub fn comparison(&self) -> Option<&Diff> {
        self.compare.as_ref().map(|c| &c.diff)
    }

    /// Reads the other version and compares the open document with it.
    pub(super) fn start_compare(&mut self, path: PathBuf) {
        match files::load(&path) {
            Ok(other) => {
                let diff = compare(&other, &self.doc, &self.catalog);
                self.status = if diff.is_empty() {
                    "两个版本内容相同".into()
                } else {
                    format!(
                        "对比：{} 处填报内容不同，{} 个合计随之变动",
                        diff.changes.len(),
                        diff.derived.len()
                    )
                };
                self.compare = Some(Comparison {
                    marks: Changed::of(&diff),
                    path,
                    diff,
                });
            }
            Err(e) => self.dialog = Some(Dialog::Message(e)),
        }
    }

    /// Reads last year's file and keeps it: from now on the 审核 list
    /// carries the disagreements of this document's 上年 figures with it
    /// (Y04), recomputed after every edit. A file that cannot be read or
    /// is not the year before is refused with a message.
    pub(super) fn compare_prior(&mut self, path: PathBuf) {
        let last = match files::load(&path) {
            Ok(d) => d,
            Err(e) => {
                self.dialog = Some(Dialog::Message(format!("上年文件无法读取：{e}")));
                return;
            }
        };
        match crate::rules::compare_with_prior(&self.doc, &last) {
            Ok(c) => {
                self.status = format!(
                    "与上年文件 {} 比对：上年数 {} 项，不一致 {} 处（见审核 Y04）",
                    path.display(),
                    c.compared,
                    c.findings.len()
                );
                self.prior = Some((path, last));
                self.changed();
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message(format!("{}：{e}", path.display())));
            }
        }
    }

    /// Ends the comparison; the document is editable again.
    pub(super) fn end_compare(&mut self) {
        if self.compare.take().is_some() {
            self.status = "已结束对比".into();
        }
    }

    /// The list of changes, right of the sheet.
    pub(super) fn compare_panel(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let Some(c) = &self.compare else { return };
        egui::Panel::right("compare")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("与另一版本对比");
                    if ui.button("结束对比").clicked() {
                        out.push(Command::EndCompare);
                    }
                });
                ui.label(format!("旧版本：{}", c.path.display()));
                ui.label("新版本：当前文件（对比期间只读）");
                for n in &c.diff.notes {
                    ui.colored_label(severity_color(Severity::Warning), n);
                }
                ui.separator();
                ScrollArea::vertical()
                    .id_salt("changes")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if c.diff.is_empty() {
                            ui.label("两个版本内容相同。");
                            return;
                        }
                        ui.strong(format!("填报内容的变化（{} 处）", c.diff.changes.len()));
                        for ch in &c.diff.changes {
                            let text =
                                change_text(ui, &ch.location.sheet.label(), &ch.place, &ch.what);
                            if ui.link(text).on_hover_text("转到该单元格").clicked() {
                                out.push(Command::Focus(ch.location));
                            }
                        }
                        if !c.diff.derived.is_empty() {
                            ui.add_space(theme::LINE_GAP);
                            ui.strong(format!(
                                "随之变动的合计与公开表（{} 处）",
                                c.diff.derived.len()
                            ));
                            for d in &c.diff.derived {
                                let text = format!("{}：{}", d.place, d.describe());
                                if ui.link(text).on_hover_text("转到该表").clicked() {
                                    out.push(Command::Focus(d.location));
                                }
                            }
                        }
                    });
            });
    }
}

/// `【收支预算】2013350 事业运行 · …：309.86 → 312.36（+2.50）`, a text
/// change with its deleted part struck through in red and its inserted
/// part underlined in green.
fn change_text(ui: &Ui, sheet: &str, place: &str, what: &What) -> egui::text::LayoutJob {
    use egui::text::{LayoutJob, TextFormat};
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().hyperlink_color,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.append(&format!("【{sheet}】{place}："), 0.0, plain.clone());
    match what {
        What::Text { old, new } => {
            for p in crate::diff::text::pieces(old, new) {
                match p {
                    Piece::Same(s) => job.append(&s, 0.0, plain.clone()),
                    Piece::Deleted(s) => job.append(
                        &s,
                        0.0,
                        TextFormat {
                            color: theme::DELETED,
                            strikethrough: egui::Stroke::new(1.0, theme::DELETED),
                            ..plain.clone()
                        },
                    ),
                    Piece::Inserted(s) => job.append(
                        &s,
                        0.0,
                        TextFormat {
                            color: theme::INSERTED,
                            underline: egui::Stroke::new(1.0, theme::INSERTED),
                            ..plain.clone()
                        },
                    ),
                }
            }
        }
        w => job.append(&w.describe(), 0.0, plain),
    }
    job.wrap.max_width = ui.available_width();
    job
}
