//! 文件 → 汇总所属单位…: the unit files and the 部门名称 are chosen in a
//! dialog; the sum (the core's [`crate::merge`]) opens as a new, unsaved
//! document, as 以上年文件新建 does, so the reviewer looks at the result
//! before deciding where it is saved and no file is overwritten by accident.

use super::*;

/// The 汇总所属单位 dialog being filled in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeDraft {
    /// Unit files chosen so far.
    pub files: Vec<PathBuf>,
    /// 部门名称 of the result.
    pub dept: String,
    /// A path being typed (for machines without a file dialog service).
    pub path: String,
}

impl App {
    /// The dialog; true when it closes.
    pub(super) fn merge_dialog(
        &mut self,
        ui: &mut Ui,
        d: &mut MergeDraft,
        out: &mut Vec<Command>,
    ) -> bool {
        ui.heading("汇总所属单位");
        ui.label("各单位的预算文件相加，生成部门预算（新文件，未保存）。");
        let mut remove = None;
        egui::ScrollArea::vertical()
            .id_salt("merge-files")
            .max_height(200.0)
            .show(ui, |ui| {
                if d.files.is_empty() {
                    ui.weak("（尚未添加单位文件）");
                }
                for (i, f) in d.files.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(f.display().to_string());
                        if ui.small_button("移除").clicked() {
                            remove = Some(i);
                        }
                    });
                }
            });
        if let Some(i) = remove {
            d.files.remove(i);
        }
        ui.horizontal(|ui| {
            if self.setup.native_dialogs && ui.button("添加文件…").clicked() {
                let dir = self.path.as_deref().and_then(Path::parent);
                match files::pick_many(dir) {
                    Some(picked) => add_files(d, picked),
                    None => self.status = "未能打开系统文件对话框，请在下面输入文件路径".into(),
                }
            }
        });
        let mut add_typed = false;
        ui.horizontal(|ui| {
            let resp = ui
                .add(egui::TextEdit::singleline(&mut d.path).desired_width(320.0))
                .accessible_name("单位文件路径");
            add_typed = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            add_typed |= ui.button("添加").clicked();
        });
        if add_typed && !d.path.trim().is_empty() {
            let p = files::with_extension(PathBuf::from(d.path.trim()), files::EXTENSION);
            add_files(d, vec![p]);
            d.path.clear();
        }
        ui.horizontal(|ui| {
            ui.label("部门名称");
            ui.add(egui::TextEdit::singleline(&mut d.dept).desired_width(240.0))
                .accessible_name("部门名称");
        });
        let ready = !d.files.is_empty() && !d.dept.trim().is_empty();
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("汇总")).clicked() {
                close = true;
                out.push(Command::MergeFiles {
                    files: d.files.clone(),
                    dept: d.dept.trim().to_string(),
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        close
    }

    /// Sums the unit files into a new, unsaved 部门 document; on any error
    /// (naming the files) the current document stays.
    pub(super) fn merge_files(&mut self, paths: &[PathBuf], dept: &str) {
        let units: Result<Vec<_>, _> = paths.iter().map(|p| crate::merge::read_unit(p)).collect();
        match units.and_then(|u| crate::merge::merge(&u, dept, None)) {
            Ok(m) => {
                self.open_doc(super::catalog_ops::blank_like(&m.doc), None);
                // Dirty from the start: the sum exists only here until saved.
                self.doc = m.doc;
                self.changed();
                let mut text = format!(
                    "已汇总 {} 个单位为“{}”{} 年度部门预算（未保存）。请检查后用“另存为”保存。",
                    paths.len(),
                    self.doc.meta.dept_name,
                    self.doc.meta.year
                );
                for n in &m.notes {
                    text += &format!("\n注意：{n}");
                }
                self.dialog = Some(Dialog::Message(text));
            }
            Err(e) => self.dialog = Some(Dialog::Message(format!("未汇总：{e}"))),
        }
    }
}

/// Adds files not yet in the list.
fn add_files(d: &mut MergeDraft, picked: Vec<PathBuf>) {
    for p in picked {
        if !d.files.contains(&p) {
            d.files.push(p);
        }
    }
}
