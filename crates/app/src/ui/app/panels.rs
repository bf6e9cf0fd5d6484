//! The panels around the sheet: menu bar, status bar, 审核 list, sheet list
//! and the central sheet.

use super::*;

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("文件", |ui| {
                    for &a in Action::FILE_MENU {
                        action_button(ui, a, out);
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
                    action_button(ui, Action::Quit, out);
                });
                ui.menu_button("科目表", |ui| {
                    ui.label(format!("当前：{}", self.catalog.describe()));
                    action_button(ui, Action::ImportCatalog, out);
                });
                ui.menu_button("模板", |ui| {
                    ui.label(format!("当前：{}", self.doc.meta.template.label()));
                    action_button(ui, Action::ImportTemplate, out);
                    ui.separator();
                    ui.label("内置：");
                    for t in crate::template::Template::ALL {
                        ui.weak(format!("  {}", t.spec().describe()));
                    }
                    ui.label("已安装：");
                    let installed = crate::templates::installed();
                    if installed.is_empty() {
                        ui.weak("  （无）");
                    }
                    for r in installed {
                        ui.weak(format!("  {}", r.spec.describe()));
                    }
                });
                ui.menu_button("编辑", |ui| {
                    for (a, step) in [
                        (Action::Undo, self.history.undo_label()),
                        (Action::Redo, self.history.redo_label()),
                    ] {
                        let label = step.map_or_else(
                            || a.label().to_string(),
                            |l| format!("{}：{l}", a.label()),
                        );
                        let enabled = if a == Action::Undo {
                            self.can_undo()
                        } else {
                            self.can_redo()
                        };
                        let b = egui::Button::new(label).shortcut_text(a.shortcut_text(ui.ctx()));
                        if ui.add_enabled(enabled, b).clicked() {
                            out.push(a.command());
                        }
                    }
                    ui.separator();
                    action_button(ui, Action::Find, out);
                });
                ui.separator();
                for (a, step) in [
                    (Action::Undo, self.history.undo_label()),
                    (Action::Redo, self.history.redo_label()),
                ] {
                    let enabled = if a == Action::Undo {
                        self.can_undo()
                    } else {
                        self.can_redo()
                    };
                    let tip = step.map_or_else(
                        || format!("没有可{}的操作", a.label()),
                        |l| format!("{}：{l}（{}）", a.label(), a.shortcut_text(ui.ctx())),
                    );
                    if ui
                        .add_enabled(enabled, egui::Button::new(a.label()))
                        .on_hover_text(tip)
                        .on_disabled_hover_text(format!("没有可{}的操作", a.label()))
                        .clicked()
                    {
                        out.push(a.command());
                    }
                }
                ui.separator();
                let mut ro = self.read_only();
                let a = Action::ToggleReview;
                if ui
                    .toggle_value(&mut ro, a.label())
                    .on_hover_text(a.tooltip().unwrap_or_default())
                    .changed()
                {
                    out.push(a.command());
                }
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui, unreadable: &[Finding]) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let c = &self.computed;
                let unreadable = unreadable.len();
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

    pub(super) fn review_panel(
        &mut self,
        ui: &mut Ui,
        unreadable: &[Finding],
        out: &mut Vec<Command>,
    ) {
        let commenting = self.review && self.locked_by.is_none();
        egui::Panel::bottom("review")
            .resizable(true)
            .default_size(190.0)
            .min_size(80.0)
            .show(ui, |ui| {
                let total = unreadable.len() + self.computed.findings.len();
                ui.horizontal(|ui| {
                    ui.strong("审核");
                    ui.label(format!("共 {total} 条"));
                    let open = self.open_comment_count();
                    if open > 0 {
                        ui.colored_label(theme::COMMENT, format!("审阅意见 {open} 条"));
                    }
                    ui.weak("（拖动上边缘可调整高度）");
                });
                // 审阅意见 first: few, and what the 填报人 must answer.
                ScrollArea::vertical()
                    .id_salt("comments")
                    .max_height(ui.available_height() * 0.5)
                    .auto_shrink([false, true])
                    .show(ui, |ui| self.comment_list(ui, out));
                if total == 0 {
                    ui.label("未发现问题。");
                    return;
                }
                let findings = &self.computed.findings;
                // Unreadable input (all 错误) first, then the findings, which
                // come worst first. Only the visible rows are laid out, so
                // 800 findings cost a frame what 8 do; a long message is cut
                // to one line and shown whole on hover.
                let row = |i: usize| match i.checked_sub(unreadable.len()) {
                    None => &unreadable[i],
                    Some(j) => &findings[j],
                };
                let height = ui.text_style_height(&egui::TextStyle::Body);
                let link = ui.visuals().hyperlink_color;
                ScrollArea::vertical()
                    .id_salt("findings")
                    .auto_shrink([false, false])
                    .show_rows(ui, height, total, |ui, range| {
                        for f in range.map(row) {
                            ui.horizontal(|ui| {
                                ui.set_height(height);
                                ui.colored_label(
                                    severity_color(f.severity()),
                                    f.severity().label(),
                                );
                                ui.monospace(f.rule.id()).on_hover_text(f.rule.title());
                                let text = format!("{}：{}", f.location.sheet.label(), f.message);
                                let r = ui
                                    .add(
                                        egui::Label::new(egui::RichText::new(text).color(link))
                                            .truncate()
                                            .sense(egui::Sense::click()),
                                    )
                                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                                    .on_hover_text("转到该单元格");
                                // Findings are rebuilt after every edit
                                // (`Computed`), so a finding's position is
                                // always one in the document shown.
                                if r.clicked() {
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

    pub(super) fn side_panel(
        &mut self,
        ui: &mut Ui,
        unreadable: &[Finding],
        out: &mut Vec<Command>,
    ) {
        egui::Panel::left("sheets")
            .resizable(true)
            .default_size(190.0)
            .show(ui, |ui| {
                ScrollArea::vertical().id_salt("sheet-list").show(ui, |ui| {
                    // One line per entry, cut with … when the panel is narrow
                    // (the whole name on hover): a wrapped entry with its
                    // count reads as two entries.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    let current = self.page;
                    let computed = &self.computed;
                    let item = |ui: &mut Ui, out: &mut Vec<Command>, page: Page, label: String| {
                        // Sheets with findings show how many, in their worst
                        // colour: the tally of the last edit plus the few
                        // cells being typed that do not read.
                        let tally = match page {
                            Page::Sheet(sheet) => unreadable
                                .iter()
                                .filter(|f| f.location.sheet == sheet)
                                .fold(computed.sheet_tally(sheet), |t, f| {
                                    Some(
                                        t.map_or(Tally::one(f.severity()), |t| t.add(f.severity())),
                                    )
                                }),
                            _ => None,
                        };
                        let text = match tally {
                            Some(t) => egui::RichText::new(format!("{label}（{}）", t.count))
                                .color(severity_color(t.worst)),
                            None => egui::RichText::new(&label),
                        };
                        if ui
                            .selectable_label(current == page, text)
                            .on_hover_text(&label)
                            .clicked()
                        {
                            out.push(Command::Select(page));
                        }
                    };
                    let mut group = PageGroup::Summary;
                    for e in self.pages() {
                        if e.group != group {
                            match e.group {
                                PageGroup::Entry => {
                                    ui.separator();
                                }
                                PageGroup::Projects => {
                                    ui.label("项目");
                                }
                                // The project list (maybe empty) ends with
                                // its 新增项目 button.
                                PageGroup::Later => {
                                    if group != PageGroup::Projects {
                                        ui.label("项目");
                                    }
                                    self.new_project_button(ui, out);
                                }
                                PageGroup::Tables => {
                                    ui.separator();
                                    ui.label("公开表（只读）");
                                }
                                PageGroup::Summary => {}
                            }
                            group = e.group;
                        }
                        if e.group == PageGroup::Projects {
                            ui.indent(e.page, |ui| item(ui, out, e.page, e.label.clone()));
                        } else {
                            item(ui, out, e.page, e.label);
                        }
                    }
                });
            });
    }

    fn new_project_button(&self, ui: &mut Ui, out: &mut Vec<Command>) {
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
            ui.heading(page.label(&self.doc));
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
        self.sheet_order = std::mem::take(&mut self.view.focus_order);
        let now = ui.ctx().memory(|m| m.focused());
        match now {
            Some(id) if self.sheet_order.contains(&id) => self.last_sheet_focus = Some(id),
            Some(_) => self.last_sheet_focus = None,
            None => {}
        }
    }
}

/// A menu entry for `a`: its label, shortcut and hover text.
fn action_button(ui: &mut Ui, a: Action, out: &mut Vec<Command>) {
    let shortcut = a.shortcut_text(ui.ctx());
    let r = ui.add(egui::Button::new(a.label()).shortcut_text(shortcut));
    let r = match a.tooltip() {
        Some(t) => r.on_hover_text(t),
        None => r,
    };
    if r.clicked() {
        out.push(a.command());
    }
}
