//! The modal dialogs: unsaved changes, path entry, recovery copy, a file
//! open elsewhere, export with 错误 or 警告, cells that could not be read,
//! messages.

use super::*;

impl App {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = Some(dialog.clone());
        let mut close = false;
        egui::Modal::new(egui::Id::unique("yusuan-dialog")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            match dialog {
                Dialog::Unsaved(after) => {
                    ui.heading("保存更改？");
                    ui.label(format!("“{}”有未保存的更改。", self.file_name()));
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            close = true;
                            if self.save_now() {
                                self.after(ctx, after.clone());
                            } else if matches!(self.dialog, Some(Dialog::PathEntry { .. })) {
                                self.after_save = Some(after.clone());
                            }
                        }
                        if ui.button("不保存").clicked() {
                            close = true;
                            self.setup.recovery.remove(self.path.as_deref());
                            self.dirty = false;
                            self.after(ctx, after.clone());
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::PathEntry { purpose, mut text } => {
                    ui.heading(match purpose {
                        Purpose::Open => "打开",
                        Purpose::SaveAs => "另存为",
                        Purpose::Export => "导出PDF",
                        Purpose::ExportXlsx => "导出 Excel",
                        Purpose::Import => "从 Excel 导入",
                        Purpose::CatalogImport => "导入科目表",
                        Purpose::TemplateImport => "导入模板",
                        Purpose::NewFrom => "以上年文件新建",
                        Purpose::Compare => "与另一版本对比",
                        Purpose::Prior => "与上年文件比对",
                    });
                    ui.label(
                        "未能打开系统文件对话框（本机没有文件对话框服务）。请直接输入文件路径：",
                    );
                    let resp = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(400.0))
                        .accessible_name("文件路径");
                    // The keyboard goes to the path at once (type or Enter),
                    // not to the cell behind the dialog that had it.
                    let elsewhere = ui
                        .memory(|m| m.focused())
                        .and_then(|id| ui.ctx().read_response(id))
                        .is_none_or(|r| r.layer_id != resp.layer_id);
                    if elsewhere {
                        resp.request_focus();
                    }
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button("确定").clicked() || enter) && !text.trim().is_empty() {
                            close = true;
                            let p = PathBuf::from(text.trim());
                            out.push(match purpose {
                                Purpose::Open => {
                                    Command::OpenPath(files::with_extension(p, files::EXTENSION))
                                }
                                Purpose::SaveAs => {
                                    Command::SaveTo(files::with_extension(p, files::EXTENSION))
                                }
                                Purpose::Export => {
                                    Command::ExportTo(files::with_extension(p, "pdf"))
                                }
                                Purpose::ExportXlsx => {
                                    Command::ExportTo(files::with_extension(p, "xlsx"))
                                }
                                Purpose::Import => Command::ImportFrom(p),
                                Purpose::CatalogImport => Command::ImportCatalogFrom(p),
                                Purpose::TemplateImport => Command::ImportTemplateFrom(p),
                                Purpose::NewFrom => Command::NewFromPath(
                                    files::with_extension(p, files::EXTENSION),
                                ),
                                Purpose::Compare => Command::CompareWith(files::with_extension(
                                    p,
                                    files::EXTENSION,
                                )),
                                Purpose::Prior => Command::ComparePriorWith(
                                    files::with_extension(p, files::EXTENSION),
                                ),
                            });
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                    keep = Some(Dialog::PathEntry { purpose, text });
                }
                Dialog::Restore(copy) => {
                    ui.heading("恢复自动保存的副本？");
                    ui.label(format!(
                        "发现比文件更新的自动保存副本：\n{}",
                        copy.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("恢复").clicked() {
                            close = true;
                            match files::load(&copy) {
                                Ok(doc) => {
                                    self.history.record(
                                        &self.doc,
                                        "恢复自动保存".into(),
                                        None,
                                        None,
                                    );
                                    self.replace_doc(doc);
                                }
                                Err(e) => self.status = e,
                            }
                        }
                        if ui.button("丢弃").clicked() {
                            close = true;
                            let _ = std::fs::remove_file(&copy);
                        }
                    });
                }
                Dialog::OpenElsewhere(holder) => {
                    ui.heading("文件正在别处编辑");
                    ui.label(format!(
                        "“{}”已由 {} 打开编辑（自 {} 起）。\n同时编辑会互相覆盖对方的修改。",
                        self.file_name(),
                        holder.describe(),
                        since_text(holder.since)
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("只读打开").clicked() {
                            close = true;
                        }
                        if ui
                            .button("仍然编辑")
                            .on_hover_text("确认对方已关闭该文件，或对方的程序已异常退出")
                            .clicked()
                        {
                            close = true;
                            self.take_over();
                        }
                    });
                }
                Dialog::ConfirmExport { path, open } => {
                    ui.heading(if crate::xlsx::wants_xlsx(None, &path) {
                        "导出 Excel"
                    } else {
                        "导出PDF"
                    });
                    let errors = open.iter().filter(|f| f.severity() == Severity::Error).count();
                    let warnings = open.len() - errors;
                    ui.label(if errors > 0 {
                        format!("文件仍有 {errors} 条错误、{warnings} 条警告，导出的文件将与表格数据不一致或缺少内容：")
                    } else {
                        format!("文件仍有 {warnings} 条警告，导出的文件可能缺少内容：")
                    });
                    finding_list(ui, &open, out, &mut close);
                    ui.label("仍然导出吗？");
                    ui.horizontal(|ui| {
                        if ui.button("仍然导出").clicked() {
                            close = true;
                            out.push(Command::ExportAnyway(path.clone()));
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                    keep = Some(Dialog::ConfirmExport { path, open });
                }
                Dialog::CatalogPreview {
                    path,
                    year,
                    edition,
                    summary,
                } => {
                    ui.heading("导入科目表");
                    ui.label(format!("{}（{year} 年度，版本“{edition}”）", path.display()));
                    egui::ScrollArea::vertical()
                        .id_salt("catalog-preview")
                        .max_height(320.0)
                        .show(ui, |ui| ui.monospace(&summary));
                    ui.horizontal(|ui| {
                        if ui.button("安装").clicked() {
                            close = true;
                            out.push(Command::InstallCatalog {
                                path: path.clone(),
                                year,
                                edition: edition.clone(),
                            });
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                    keep = Some(Dialog::CatalogPreview {
                        path,
                        year,
                        edition,
                        summary,
                    });
                }
                Dialog::TemplatePreview {
                    path,
                    preview,
                    replaces,
                } => {
                    ui.heading("导入模板");
                    ui.label(path.display().to_string());
                    match &preview {
                        Ok(outline) => {
                            if replaces {
                                ui.label("将替换已安装的同名模板（内容不同）。");
                            }
                            // The buttons first: a long outline scrolls
                            // below them and never covers them.
                            ui.horizontal(|ui| {
                                if ui.button("安装").clicked() {
                                    close = true;
                                    out.push(Command::InstallTemplate(path.clone()));
                                }
                                if ui.button("取消").clicked() {
                                    close = true;
                                }
                            });
                            ui.separator();
                            egui::ScrollArea::vertical()
                                .id_salt("template-preview")
                                // Tall enough to read the outline (a
                                // modal otherwise shrinks it to a few lines).
                                .min_scrolled_height(260.0)
                                .max_height(360.0)
                                .show(ui, |ui| ui.monospace(outline));
                        }
                        Err(problems) => {
                            ui.label(format!("模板有 {} 处问题，不能安装：", problems.len()));
                            egui::ScrollArea::vertical()
                                .id_salt("template-problems")
                                .min_scrolled_height(160.0)
                                .max_height(360.0)
                                .show(ui, |ui| {
                                    for p in problems {
                                        ui.label(p);
                                    }
                                });
                            if ui.button("关闭").clicked() {
                                close = true;
                            }
                        }
                    }
                    keep = Some(Dialog::TemplatePreview {
                        path,
                        preview,
                        replaces,
                    });
                }
                Dialog::Unreadable { target, cells } => {
                    ui.heading("有单元格内容无法识别");
                    ui.label(format!(
                        "{} 个单元格中输入的内容不是有效数值，不会存入文件，文件中仍为原值：",
                        cells.len()
                    ));
                    finding_list(ui, &cells, out, &mut close);
                    ui.horizontal(|ui| {
                        if ui.button("返回修改").clicked() {
                            close = true;
                            if let Some(f) = cells.first() {
                                out.push(Command::Focus(f.location));
                            }
                        }
                        if ui.button("仍然保存（保留原值）").clicked() {
                            close = true;
                            out.push(Command::SaveAnyway(target.clone()));
                        }
                    });
                    keep = Some(Dialog::Unreadable { target, cells });
                }
                Dialog::Import(mut d) => {
                    close = self.import_preview(ui, &mut d, out);
                    keep = Some(Dialog::Import(d));
                }
                Dialog::Comment(mut d) => {
                    close = self.comment_dialog(ui, &mut d, out);
                    keep = Some(Dialog::Comment(d));
                }
                Dialog::Resolve(mut d) => {
                    close = self.resolve_dialog(ui, &mut d, out);
                    keep = Some(Dialog::Resolve(d));
                }
                Dialog::Find(mut d) => {
                    close = self.find_dialog(ui, &mut d, out);
                    keep = Some(Dialog::Find(d));
                }
                Dialog::New(mut d) => {
                    close = self.new_dialog(ui, &mut d);
                    keep = Some(Dialog::New(d));
                }
                Dialog::Merge(mut d) => {
                    close = self.merge_dialog(ui, &mut d, out);
                    keep = Some(Dialog::Merge(d));
                }
                Dialog::ChangedOnDisk(p) => {
                    ui.heading("文件已被修改");
                    ui.label(format!(
                        "{}\n在本窗口打开（或上次保存）之后，已被其他程序或其他人修改。\n覆盖会丢失对方的修改；另存为可保留两份，之后用“与另一版本对比”核对。",
                        p.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("另存为…").clicked() {
                            close = true;
                            if let Some(to) = self.pick(Purpose::SaveAs) {
                                self.save_to(to);
                            }
                        }
                        if ui.button("覆盖").clicked() {
                            close = true;
                            self.save_replacing(p.clone(), true);
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Message(m) => {
                    ui.label(m);
                    if ui.button("确定").clicked() {
                        close = true;
                    }
                }
                Dialog::Exported { path, text } => {
                    ui.label(text.as_str());
                    ui.horizontal(|ui| {
                        if let Some(dir) = path.parent()
                            && ui.button("打开文件夹").clicked()
                        {
                            close = true;
                            if let Err(e) = crate::platform::open_folder(dir) {
                                self.status = format!("无法打开文件夹 {}：{e}", dir.display());
                            }
                        }
                        if ui.button("确定").clicked() {
                            close = true;
                        }
                    });
                }
            }
        });
        // A handler may have opened a follow-up dialog; that one wins.
        if self.dialog.is_none() && !close {
            self.dialog = keep;
        }
    }

    pub(super) fn file_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "未命名".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Continues after unsaved changes were saved or discarded.
    pub(super) fn after(&mut self, ctx: &egui::Context, after: After) {
        self.dirty = false;
        match after {
            After::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            After::New => self.apply(ctx, Command::New),
            After::Open => self.apply(ctx, Command::Open),
            After::OpenPath(p) => self.apply(ctx, Command::OpenPath(p)),
            After::NewFrom => self.apply(ctx, Command::NewFromPrior),
            After::Merge => self.apply(ctx, Command::MergeUnits),
        }
    }
}

/// Findings in a dialog, each a link to its cell (which closes the dialog),
/// at most a screenful.
fn finding_list(ui: &mut Ui, list: &[Finding], out: &mut Vec<Command>, close: &mut bool) {
    egui::ScrollArea::vertical()
        .id_salt("dialog-findings")
        .max_height(220.0)
        .show(ui, |ui| {
            for f in list {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(severity_color(f.severity()), f.severity().label());
                    let text = format!("{}：{}", f.location.sheet.label(), f.message);
                    if ui.link(text).on_hover_text("转到该处").clicked() {
                        *close = true;
                        out.push(Command::Focus(f.location));
                    }
                });
            }
        });
}

/// "2026-11-29 08:30 UTC" from Unix seconds (no time-zone database needed).
fn since_text(secs: u64) -> String {
    let (y, mo, d, h, m) = crate::comments::civil(i64::try_from(secs).unwrap_or(i64::MAX));
    format!("{y}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}
