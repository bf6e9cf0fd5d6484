//! The panels around the sheet: menu bar, status bar, 审核 list, sheet list
//! and the central sheet.

use super::*;

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("文件", |ui| {
                    for (label, hint, c) in [
                        ("新建", "Ctrl+N", Command::New),
                        ("以上年文件新建…", "", Command::NewFromPrior),
                        ("打开…", "Ctrl+O", Command::Open),
                        ("保存", "Ctrl+S", Command::Save),
                        ("另存为…", "Ctrl+Shift+S", Command::SaveAs),
                        ("导出PDF…", "", Command::ExportPdf),
                        ("导出 Excel…", "", Command::ExportXlsx),
                        ("从 Excel 导入…", "", Command::ImportExcel),
                        ("汇总所属单位…", "", Command::MergeUnits),
                        ("与另一版本对比…", "", Command::Compare),
                    ] {
                        if ui
                            .add(egui::Button::new(label).shortcut_text(hint))
                            .clicked()
                        {
                            out.push(c);
                        }
                    }
                    ui.menu_button("最近打开", |ui| {
                        if self.persisted.recent.is_empty() {
                            ui.label("（无）");
                        }
                        for p in &self.persisted.recent {
                            if ui.button(p.display().to_string()).clicked() {
                                out.push(Command::OpenPath(p.clone()));
                            }
                        }
                    });
                    ui.separator();
                    if ui.button("退出").clicked() {
                        out.push(Command::Quit);
                    }
                });
                ui.menu_button("科目表", |ui| {
                    ui.label(format!("当前：{}", self.catalog.describe()));
                    if ui
                        .button("导入…")
                        .on_hover_text("导入财政部门下发的官方科目表（Excel、WPS 或 CSV）")
                        .clicked()
                    {
                        out.push(Command::ImportCatalog);
                    }
                });
                ui.menu_button("编辑", |ui| {
                    let undo = self.history.undo_label().map(|l| format!("撤销：{l}"));
                    let redo = self.history.redo_label().map(|l| format!("重做：{l}"));
                    if ui
                        .add_enabled(
                            self.can_undo(),
                            egui::Button::new(undo.unwrap_or("撤销".into()))
                                .shortcut_text("Ctrl+Z"),
                        )
                        .clicked()
                    {
                        out.push(Command::Undo);
                    }
                    if ui
                        .add_enabled(
                            self.can_redo(),
                            egui::Button::new(redo.unwrap_or("重做".into()))
                                .shortcut_text("Ctrl+Y"),
                        )
                        .clicked()
                    {
                        out.push(Command::Redo);
                    }
                });
                ui.separator();
                let undo_tip = self
                    .history
                    .undo_label()
                    .map_or_else(|| "没有可撤销的操作".to_string(), |l| format!("撤销：{l}"));
                if ui
                    .add_enabled(self.can_undo(), egui::Button::new("撤销"))
                    .on_hover_text(undo_tip)
                    .clicked()
                {
                    out.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.can_redo(), egui::Button::new("重做"))
                    .clicked()
                {
                    out.push(Command::Redo);
                }
                ui.separator();
                let mut ro = self.read_only();
                if ui
                    .toggle_value(&mut ro, "审阅模式")
                    .on_hover_text("只读查看，防止误改")
                    .changed()
                {
                    out.push(Command::ToggleReview);
                }
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let c = &self.computed;
                let unreadable = self.unreadable().len();
                for s in [Severity::Error, Severity::Warning, Severity::Info] {
                    let n = c.count(s) + if s == Severity::Error { unreadable } else { 0 };
                    ui.colored_label(severity_color(s), format!("{} {}", s.label(), n));
                }
                ui.separator();
                ui.label(match &self.path {
                    Some(p) => p.display().to_string(),
                    None => "未命名".into(),
                });
                if self.dirty {
                    ui.label("（未保存）");
                }
                if let Some(h) = &self.locked_by {
                    ui.strong(format!("只读：文件正由 {} 编辑", h.describe()));
                } else if self.review {
                    ui.strong("审阅模式（只读）");
                }
                if !self.status.is_empty() {
                    ui.separator();
                    ui.label(&self.status);
                }
            });
        });
    }

    pub(super) fn review_panel(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let unreadable = self.unreadable();
        let commenting = self.review && self.locked_by.is_none();
        egui::Panel::bottom("review")
            .resizable(true)
            .default_size(190.0)
            .min_size(80.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("审核");
                    ui.label(format!(
                        "共 {} 条",
                        self.computed.findings.len() + unreadable.len()
                    ));
                    let open = self.open_comment_count();
                    if open > 0 {
                        ui.colored_label(COMMENT_COLOR, format!("审阅意见 {open} 条"));
                    }
                    ui.weak("（拖动上边缘可调整高度）");
                });
                ScrollArea::vertical()
                    .id_salt("findings")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.comment_list(ui, out);
                        if self.computed.findings.is_empty() && unreadable.is_empty() {
                            ui.label("未发现问题。");
                        }
                        // Unreadable input first, then errors; within a
                        // severity, in the rules' order.
                        let mut shown: Vec<_> = unreadable
                            .iter()
                            .chain(self.computed.findings.iter())
                            .collect();
                        shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
                        for f in shown {
                            ui.horizontal(|ui| {
                                ui.colored_label(severity_color(f.severity), f.severity.label());
                                ui.monospace(f.rule);
                                let text = format!("{}：{}", f.location.sheet.label(), f.message);
                                if ui.link(text).on_hover_text("转到该单元格").clicked() {
                                    out.push(Command::Focus(f.location));
                                }
                                if commenting && ui.small_button("提意见").clicked() {
                                    let rule = Some(f.rule.to_string());
                                    out.push(Command::CommentOn {
                                        at: f.location,
                                        rule,
                                    });
                                }
                            });
                        }
                    });
            });
    }

    pub(super) fn side_panel(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::left("sheets")
            .resizable(true)
            .default_size(190.0)
            .show(ui, |ui| {
                ScrollArea::vertical().id_salt("sheet-list").show(ui, |ui| {
                    let current = self.page;
                    let unreadable = self.unreadable();
                    let findings = &self.computed.findings;
                    let item = |ui: &mut Ui, out: &mut Vec<Command>, page: Page, label: String| {
                        // Sheets with findings show how many, in their worst colour.
                        let here = findings
                            .iter()
                            .chain(unreadable.iter())
                            .filter(|f| Page::Sheet(f.location.sheet) == page);
                        let (n, worst) =
                            here.fold((0, None), |(n, w): (usize, Option<Severity>), f| {
                                (n + 1, Some(w.map_or(f.severity, |w| w.max(f.severity))))
                            });
                        let text = match worst {
                            Some(s) => egui::RichText::new(format!("{label}（{n}）"))
                                .color(severity_color(s)),
                            None => egui::RichText::new(label),
                        };
                        if ui.selectable_label(current == page, text).clicked() {
                            out.push(Command::Select(page));
                        }
                    };
                    item(ui, out, Page::Summary, "汇总".into());
                    ui.separator();
                    for s in ENTRY_SHEETS {
                        item(ui, out, Page::Sheet(s), s.label());
                    }
                    ui.label("项目");
                    for (i, p) in self.doc.projects.iter().enumerate() {
                        let name = if p.name.trim().is_empty() {
                            Sheet::Project(i).label()
                        } else {
                            p.name.clone()
                        };
                        ui.indent(("project", i), |ui| {
                            item(ui, out, Page::Sheet(Sheet::Project(i)), name)
                        });
                    }
                    ui.indent("new-project", |ui| {
                        if ui
                            .add_enabled(
                                !self.read_only(),
                                egui::Button::new("＋ 新增项目").frame(false),
                            )
                            .clicked()
                        {
                            out.push(Command::Edit {
                                edit: Edit::Push(crate::ui::edit::List::Projects),
                                typing: None,
                            });
                            out.push(Command::Select(Page::Sheet(Sheet::Project(
                                self.doc.projects.len(),
                            ))));
                        }
                    });
                    for s in LATER_SHEETS {
                        item(ui, out, Page::Sheet(s), s.label());
                    }
                    ui.separator();
                    ui.label("公开表（只读）");
                    for t in &self.computed.derived.tables {
                        item(
                            ui,
                            out,
                            Page::Sheet(Sheet::Table(t.number)),
                            format!("表{} {}", t.number, t.title),
                        );
                    }
                });
            });
    }

    pub(super) fn centre(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let page = self.page;
        let read_only = self.read_only();
        let mut cx = SheetCtx {
            doc: &self.doc,
            catalog: &self.catalog,
            computed: &self.computed,
            buffers: &mut self.buffers,
            commands: out,
            read_only,
            scroll_to: self.scroll_to.take(),
            focused: self.focused,
            now_focused: None,
            view: &mut self.view,
            review_selected: self.review_selected.filter(|_| read_only),
            changes: self.compare.as_ref().map(|c| &c.marks),
        };
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(page.label());
            ui.separator();
            let grid_sheet = matches!(
                page,
                Page::Sheet(Sheet::Budget | Sheet::Economic | Sheet::Table(_))
            );
            if grid_sheet {
                sheets::show(ui, &mut cx, page);
            } else {
                ScrollArea::vertical()
                    .id_salt(("page", format!("{page:?}")))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        sheets::show(ui, &mut cx, page);
                    });
            }
        });
        self.focused = cx.now_focused;
        if let Some((target, _)) = self.pending_focus
            && cx.now_focused == Some(target)
        {
            self.pending_focus = None;
        }
    }
}
