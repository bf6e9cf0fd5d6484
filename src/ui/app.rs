//! The app: persisted settings apart from runtime state, one [`Page`]
//! selected, and every change collected as a [`Command`] during the frame and
//! applied once at its end.

use super::cells::{Buffer, SheetCtx, ViewState, cell_id, severity_color};
use super::command::Command;
use super::core::Computed;
use super::edit::Edit;
use super::files::{self, Picked};
use super::page::{ENTRY_SHEETS, LATER_SHEETS, Page};
use super::sheets;
use super::undo::History;
use crate::catalog::Catalog;
use crate::io::lock::{FileLock, Holder, LockError};
use crate::io::recovery::Recovery;
use crate::location::{Location, Sheet};
use crate::model::Document;
use crate::rules::Severity;
use egui::{Key, KeyboardShortcut, Modifiers, ScrollArea, Ui, ViewportCommand};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Recent files kept.
const RECENT: usize = 8;

/// How often a dirty document is copied to its recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// Frames during which a requested focus is retried (the row may first need
/// to be scrolled into view before its cell exists).
const FOCUS_TRIES: u8 = 3;

/// What survives a restart (eframe storage).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
}

/// How an app instance deals with the world outside its window.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    /// Where recovery copies go.
    pub recovery: Recovery,
    /// How often a dirty document is copied for crash recovery (None: never).
    pub autosave_every: Option<Duration>,
    /// Whether the native file dialogs are used (false in tests).
    pub native_dialogs: bool,
}

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    Open,
    SaveAs,
    Export,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum After {
    Quit,
    New,
    Open,
    OpenPath(PathBuf),
}

/// A modal dialog.
#[derive(Clone, Debug, PartialEq)]
enum Dialog {
    /// 保存 / 不保存 / 取消.
    Unsaved(After),
    /// No file dialog service: type a path.
    PathEntry { purpose: Purpose, text: String },
    /// An autosave copy newer than the file was found.
    Restore(PathBuf),
    /// The file is open for editing in another instance.
    OpenElsewhere(Holder),
    /// The document has 错误: export anyway?
    ConfirmExport {
        /// Target.
        path: PathBuf,
        /// Number of 错误 findings.
        errors: usize,
    },
    /// A message with an OK button.
    Message(String),
}

/// The desktop app.
pub struct App {
    persisted: Persisted,
    catalog: Catalog,
    doc: Document,
    /// The document as last opened or saved; dirty = differs from it.
    saved: Document,
    dirty: bool,
    path: Option<PathBuf>,
    computed: Computed,
    history: History,
    page: Page,
    buffers: HashMap<Location, Buffer>,
    view: ViewState,
    read_only: bool,
    /// The cell that had focus at the end of the last frame.
    focused: Option<Location>,
    pending_focus: Option<(Location, u8)>,
    scroll_to: Option<Location>,
    dialog: Option<Dialog>,
    status: String,
    title: String,
    allow_close: bool,
    /// What to continue with once a save through the path field succeeds.
    after_save: Option<After>,
    last_autosave: f64,
    /// True once the current edits are in the recovery copy.
    autosaved: bool,
    /// Commands queued from outside a frame.
    queued: Vec<Command>,
    setup: Setup,
    /// Our lock on `path`, when we hold it.
    lock: Option<FileLock>,
    /// Another instance holds `path`: opened read-only, saving to it refused.
    locked_by: Option<Holder>,
}

impl App {
    /// An app showing `doc`, read from `path` (None: untitled or the example),
    /// without native dialogs or autosave (as tests drive it).
    pub fn new_with(doc: Document, path: Option<PathBuf>) -> Self {
        Self::with_setup(doc, path, Setup::default())
    }

    /// An app showing `doc` from `path`, set up as given. Takes the file's
    /// lock (opening read-only when another instance holds it) and offers a
    /// recovery copy newer than the file.
    pub fn with_setup(doc: Document, path: Option<PathBuf>, setup: Setup) -> Self {
        let catalog = Catalog::nearest(doc.meta.year);
        let computed = Computed::new(&doc, &catalog);
        let mut app = Self {
            persisted: Persisted::default(),
            catalog,
            saved: doc.clone(),
            doc,
            dirty: false,
            path,
            computed,
            history: History::default(),
            page: Page::Summary,
            buffers: HashMap::new(),
            view: ViewState::default(),
            read_only: false,
            focused: None,
            pending_focus: None,
            scroll_to: None,
            dialog: None,
            status: String::new(),
            title: String::new(),
            allow_close: false,
            after_save: None,
            last_autosave: 0.0,
            autosaved: false,
            queued: Vec::new(),
            setup,
            lock: None,
            locked_by: None,
        };
        app.take_lock();
        app.offer_recovery();
        app
    }

    /// The app as `run` starts it: the file given on the command line, or
    /// the bundled example; recent files from the previous session.
    pub fn start(path: Option<PathBuf>, persisted: Option<Persisted>) -> Self {
        let (doc, path, error) = match path {
            Some(p) => match files::load(&p) {
                Ok(doc) => (doc, Some(p), None),
                Err(e) => (files::example(), None, Some(e)),
            },
            None => (files::example(), None, None),
        };
        let setup = Setup {
            recovery: files::recovery(),
            autosave_every: Some(AUTOSAVE_EVERY),
            native_dialogs: true,
        };
        let mut app = Self::with_setup(doc, path.clone(), setup);
        app.persisted = persisted.unwrap_or_default();
        if let Some(p) = &path {
            app.remember(p);
        }
        if let Some(e) = error {
            app.dialog = Some(Dialog::Message(format!("{e}\n已打开示例文件。")));
        }
        app
    }

    /// The document being edited.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Derived tables and findings of the current document.
    pub fn computed(&self) -> &Computed {
        &self.computed
    }

    /// The page shown.
    pub fn page(&self) -> Page {
        self.page
    }

    /// The cell that had keyboard focus at the end of the last frame.
    pub fn focused_cell(&self) -> Option<Location> {
        self.focused
    }

    /// True when there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// True while a modal dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Number of undo steps recorded.
    pub fn undo_steps(&self) -> usize {
        self.history.undo_len()
    }

    /// Why the text typed into a cell was not accepted, if it was not.
    pub fn cell_error(&self, loc: Location) -> Option<&str> {
        self.buffers.get(&loc).and_then(|b| b.error.as_deref())
    }

    /// True in 审阅 (read-only) mode.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Queues a command for the next frame, as if a widget had pushed it.
    pub fn queue(&mut self, c: Command) {
        self.queued.push(c);
    }

    /// The file the document belongs to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Another instance holding the file, when it was opened read-only
    /// because of it.
    pub fn locked_by(&self) -> Option<&Holder> {
        self.locked_by.as_ref()
    }

    /// Settings to persist.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Draws one frame and applies what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = std::mem::take(&mut self.queued);
        commands.extend(self.shortcuts(&ctx));
        self.close_request(&ctx);
        self.menu_bar(ui, &mut commands);
        self.status_bar(ui);
        self.review_panel(ui, &mut commands);
        self.side_panel(ui, &mut commands);
        self.centre(ui, &mut commands);
        self.dialogs(&ctx, &mut commands);
        if !commands.is_empty() {
            // What the commands change is drawn in the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.apply(&ctx, c);
        }
        self.retry_focus(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // Longest combinations first: Ctrl+S would also match Ctrl+Shift+S.
        let table = [
            (shortcut(cmd_shift, Key::S), Command::SaveAs),
            (shortcut(cmd_shift, Key::Z), Command::Redo),
            (shortcut(Modifiers::COMMAND, Key::N), Command::New),
            (shortcut(Modifiers::COMMAND, Key::O), Command::Open),
            (shortcut(Modifiers::COMMAND, Key::S), Command::Save),
            (shortcut(Modifiers::COMMAND, Key::Z), Command::Undo),
            (shortcut(Modifiers::COMMAND, Key::Y), Command::Redo),
        ];
        if self.dialog.is_some() {
            return Vec::new();
        }
        ctx.input_mut(|i| {
            table
                .into_iter()
                .filter(|(s, _)| i.consume_shortcut(s))
                .map(|(_, c)| c)
                .collect()
        })
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(After::Quit));
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("文件", |ui| {
                    for (label, hint, c) in [
                        ("新建", "Ctrl+N", Command::New),
                        ("打开…", "Ctrl+O", Command::Open),
                        ("保存", "Ctrl+S", Command::Save),
                        ("另存为…", "Ctrl+Shift+S", Command::SaveAs),
                        ("导出PDF…", "", Command::ExportPdf),
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
                ui.menu_button("编辑", |ui| {
                    let undo = self.history.undo_label().map(|l| format!("撤销：{l}"));
                    let redo = self.history.redo_label().map(|l| format!("重做：{l}"));
                    let ro = self.read_only;
                    if ui
                        .add_enabled(
                            undo.is_some() && !ro,
                            egui::Button::new(undo.unwrap_or("撤销".into()))
                                .shortcut_text("Ctrl+Z"),
                        )
                        .clicked()
                    {
                        out.push(Command::Undo);
                    }
                    if ui
                        .add_enabled(
                            redo.is_some() && !ro,
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
                    .add_enabled(
                        self.history.undo_label().is_some() && !self.read_only,
                        egui::Button::new("撤销"),
                    )
                    .on_hover_text(undo_tip)
                    .clicked()
                {
                    out.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.history.redo_label().is_some() && !self.read_only,
                        egui::Button::new("重做"),
                    )
                    .clicked()
                {
                    out.push(Command::Redo);
                }
                ui.separator();
                let mut ro = self.read_only;
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

    fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let c = &self.computed;
                for s in [Severity::Error, Severity::Warning, Severity::Info] {
                    ui.colored_label(severity_color(s), format!("{} {}", s.label(), c.count(s)));
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
                } else if self.read_only {
                    ui.strong("审阅模式（只读）");
                }
                if !self.status.is_empty() {
                    ui.separator();
                    ui.label(&self.status);
                }
            });
        });
    }

    fn review_panel(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::bottom("review")
            .resizable(true)
            .default_size(110.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("审核");
                    ui.label(format!("共 {} 条", self.computed.findings.len()));
                });
                ScrollArea::vertical()
                    .id_salt("findings")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.computed.findings.is_empty() {
                            ui.label("未发现问题。");
                        }
                        // Errors first; within a severity, in the rules' order.
                        let mut shown: Vec<_> = self.computed.findings.iter().collect();
                        shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
                        for f in shown {
                            ui.horizontal(|ui| {
                                ui.colored_label(severity_color(f.severity), f.severity.label());
                                ui.monospace(f.rule);
                                let text = format!("{}：{}", f.location.sheet.label(), f.message);
                                if ui.link(text).on_hover_text("转到该单元格").clicked() {
                                    out.push(Command::Focus(f.location));
                                }
                            });
                        }
                    });
            });
    }

    fn side_panel(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::Panel::left("sheets")
            .resizable(true)
            .default_size(190.0)
            .show(ui, |ui| {
                ScrollArea::vertical().id_salt("sheet-list").show(ui, |ui| {
                    let current = self.page;
                    let findings = &self.computed.findings;
                    let item = |ui: &mut Ui, out: &mut Vec<Command>, page: Page, label: String| {
                        // Sheets with findings show how many, in their worst colour.
                        let here = findings
                            .iter()
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
                                !self.read_only,
                                egui::Button::new("＋ 新增项目").frame(false),
                            )
                            .clicked()
                        {
                            out.push(Command::Edit {
                                edit: Edit::Push(super::edit::List::Projects),
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

    fn centre(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let page = self.page;
        let mut cx = SheetCtx {
            doc: &self.doc,
            catalog: &self.catalog,
            computed: &self.computed,
            buffers: &mut self.buffers,
            commands: out,
            read_only: self.read_only,
            scroll_to: self.scroll_to.take(),
            focused: self.focused,
            now_focused: None,
            view: &mut self.view,
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

    fn dialogs(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
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
                    });
                    ui.label(
                        "未能打开系统文件对话框（本机没有文件对话框服务）。请直接输入文件路径：",
                    );
                    let resp = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(400.0))
                        .accessible_name("文件路径");
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
                                    self.history.record(&self.doc, "恢复自动保存".into(), None);
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
                Dialog::ConfirmExport { path, errors } => {
                    ui.heading("导出PDF");
                    ui.label(format!("文件仍有 {errors} 条错误（见审核面板），导出的文件将与表格数据不一致。仍然导出吗？"));
                    ui.horizontal(|ui| {
                        if ui.button("仍然导出").clicked() {
                            close = true;
                            out.push(Command::ExportAnyway(path.clone()));
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                    keep = Some(Dialog::ConfirmExport { path, errors });
                }
                Dialog::Message(m) => {
                    ui.label(m);
                    if ui.button("确定").clicked() {
                        close = true;
                    }
                }
            }
        });
        // A handler may have opened a follow-up dialog; that one wins.
        if self.dialog.is_none() && !close {
            self.dialog = keep;
        }
    }

    fn file_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "未命名".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Continues after unsaved changes were saved or discarded.
    fn after(&mut self, ctx: &egui::Context, after: After) {
        self.dirty = false;
        match after {
            After::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            After::New => self.apply(ctx, Command::New),
            After::Open => self.apply(ctx, Command::Open),
            After::OpenPath(p) => self.apply(ctx, Command::OpenPath(p)),
        }
    }

    fn apply(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Edit { edit, typing } => {
                if self.read_only {
                    return;
                }
                let label = edit.label();
                let before = self.doc.clone();
                match edit.apply(&mut self.doc) {
                    // Setting a cell to what it holds is no step to undo.
                    Ok(()) if self.doc == before => {}
                    Ok(()) => {
                        self.history.record(&before, label, typing);
                        self.changed();
                    }
                    Err(e) => {
                        self.doc = before;
                        self.status = e;
                    }
                }
            }
            Command::Seal => self.history.seal(),
            Command::Focus(loc) => self.focus(ctx, loc),
            Command::Select(page) => self.page = page,
            Command::Undo | Command::Redo if self.read_only => {}
            Command::Undo => match self.history.undo(&self.doc) {
                Some(doc) => self.replace_doc(doc),
                None => self.status = "没有可撤销的操作".into(),
            },
            Command::Redo => match self.history.redo(&self.doc) {
                Some(doc) => self.replace_doc(doc),
                None => self.status = "没有可重做的操作".into(),
            },
            Command::New => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::New));
                } else {
                    let year = self.doc.meta.year;
                    self.open_doc(files::blank(year), None);
                }
            }
            Command::Open => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::Open));
                } else if let Some(p) = self.pick(Purpose::Open) {
                    self.open_path(p);
                }
            }
            Command::OpenPath(p) => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::OpenPath(p)));
                } else {
                    self.open_path(p);
                }
            }
            Command::Save => {
                self.save_now();
            }
            Command::SaveAs => {
                if let Some(p) = self.pick(Purpose::SaveAs) {
                    self.save_to(p);
                }
            }
            Command::SaveTo(p) => {
                if self.save_to(p)
                    && let Some(after) = self.after_save.take()
                {
                    self.after(ctx, after);
                }
            }
            Command::ExportPdf => {
                if let Some(p) = self.pick(Purpose::Export) {
                    self.export_to(p, false);
                }
            }
            Command::ExportTo(p) => self.export_to(p, false),
            Command::ExportAnyway(p) => self.export_to(p, true),
            Command::ToggleReview if self.locked_by.is_some() && self.read_only => {
                self.dialog = self.locked_by.clone().map(Dialog::OpenElsewhere);
            }
            Command::ToggleReview => {
                self.read_only = !self.read_only;
                self.buffers.retain(|_, b| b.error.is_some());
            }
            Command::Quit => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::Quit));
                } else {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
        }
    }

    /// Runs a file dialog; falls back to the path field when none can be shown.
    fn pick(&mut self, purpose: Purpose) -> Option<PathBuf> {
        let dir = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let stem = self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || {
                format!(
                    "{}{}年部门预算",
                    self.doc.meta.dept_name, self.doc.meta.year
                )
            },
            |s| s.to_string_lossy().into_owned(),
        );
        let picked = if self.setup.native_dialogs {
            match purpose {
                Purpose::Open => files::pick_open(dir.as_deref()),
                Purpose::SaveAs => files::pick_save(dir.as_deref(), &format!("{stem}.ron")),
                Purpose::Export => files::pick_pdf(dir.as_deref(), &format!("{stem}.pdf")),
            }
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(p) => Some(p),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let text = match purpose {
                    Purpose::Open => String::new(),
                    Purpose::SaveAs => format!("{stem}.ron"),
                    Purpose::Export => format!("{stem}.pdf"),
                };
                self.dialog = Some(Dialog::PathEntry { purpose, text });
                None
            }
        }
    }

    fn open_path(&mut self, p: PathBuf) {
        match files::load(&p) {
            Ok(doc) => {
                self.remember(&p);
                self.open_doc(doc, Some(p));
                self.take_lock();
                self.offer_recovery();
            }
            Err(e) => self.dialog = Some(Dialog::Message(e)),
        }
    }

    fn open_doc(&mut self, doc: Document, path: Option<PathBuf>) {
        if path != self.path {
            self.lock = None;
            self.locked_by = None;
            self.read_only = false;
        }
        self.catalog = Catalog::nearest(doc.meta.year);
        self.saved = doc.clone();
        self.path = path;
        self.history.clear();
        self.replace_doc(doc);
        self.dirty = false;
        self.page = Page::Summary;
        self.status = String::new();
    }

    /// Saves to the current path, asking for one when untitled. True when saved.
    fn save_now(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(p),
            None => match self.pick(Purpose::SaveAs) {
                Some(p) => self.save_to(p),
                None => false,
            },
        }
    }

    fn save_to(&mut self, p: PathBuf) -> bool {
        let same = Some(&p) == self.path.as_ref();
        if same && let Some(h) = &self.locked_by {
            self.dialog = Some(Dialog::Message(format!(
                "此文件已由 {} 打开编辑，本窗口为只读，不能保存到原文件。\n请用“另存为”保存到其他文件。",
                h.describe()
            )));
            return false;
        }
        // Saving elsewhere needs that file's lock first.
        let new_lock = if same {
            None
        } else {
            match FileLock::acquire(&p) {
                Ok(l) => Some(l),
                Err(LockError::Held(h)) => {
                    self.dialog = Some(Dialog::Message(format!(
                        "{} 已由 {} 打开编辑，不能覆盖。请换一个文件名。",
                        p.display(),
                        h.describe()
                    )));
                    return false;
                }
                // No lock possible there (read-only folder…): the save will
                // report the real reason if it fails too.
                Err(LockError::Io { .. }) => None,
            }
        };
        match files::save(&p, &self.doc) {
            Ok(()) => {
                self.setup.recovery.remove(self.path.as_deref());
                if !same {
                    self.lock = new_lock;
                    self.locked_by = None;
                }
                self.saved = self.doc.clone();
                self.dirty = false;
                self.status = format!("已保存到 {}", p.display());
                self.remember(&p);
                self.path = Some(p);
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message(e));
                false
            }
        }
    }

    /// Exports the PDF; with 错误 findings it asks first unless `anyway`.
    fn export_to(&mut self, p: PathBuf, anyway: bool) {
        let errors = self
            .computed
            .findings
            .iter()
            .filter(|f| f.severity == crate::rules::Severity::Error)
            .count();
        if errors > 0 && !anyway {
            self.dialog = Some(Dialog::ConfirmExport { path: p, errors });
            return;
        }
        let parts = crate::narrative::parts(&self.doc, &self.catalog);
        let opts = crate::layout::ExportOptions::default();
        self.dialog = Some(Dialog::Message(
            match crate::pdf::export(&self.doc, &parts, &opts, &p) {
                Ok(r) => format!("已导出 {}：{} 页，{} 字节。", p.display(), r.pages, r.bytes),
                Err(e) => e.to_string(),
            },
        ));
    }

    fn remember(&mut self, p: &Path) {
        let p = p.to_path_buf();
        self.persisted.recent.retain(|q| q != &p);
        self.persisted.recent.insert(0, p);
        self.persisted.recent.truncate(RECENT);
    }

    /// Takes the lock of the current file; opens read-only and asks when
    /// another instance holds it.
    fn take_lock(&mut self) {
        let Some(p) = self.path.clone() else {
            return;
        };
        if self.lock.is_some() {
            return;
        }
        match FileLock::acquire(&p) {
            Ok(l) => self.lock = Some(l),
            Err(LockError::Held(h)) => {
                self.read_only = true;
                self.locked_by = Some(h.clone());
                self.dialog = Some(Dialog::OpenElsewhere(h));
            }
            // A read-only folder or medium: the file can still be read.
            Err(e @ LockError::Io { .. }) => self.status = e.to_string(),
        }
    }

    /// Offers a recovery copy newer than the file. Not while another live
    /// instance holds the file: the copy is then that instance's own.
    fn offer_recovery(&mut self) {
        if self.locked_by.is_none()
            && let Some(copy) = self.setup.recovery.pending(self.path.as_deref())
        {
            self.dialog = Some(Dialog::Restore(copy));
        }
    }

    /// 仍然编辑: take the lock from the other instance.
    fn take_over(&mut self) {
        let Some(p) = self.path.clone() else {
            return;
        };
        match FileLock::take_over(&p) {
            Ok(l) => {
                self.lock = Some(l);
                self.locked_by = None;
                self.read_only = false;
            }
            Err(e) => self.dialog = Some(Dialog::Message(e.to_string())),
        }
    }

    /// Puts a document in place (undo, redo, restore); typed text goes.
    fn replace_doc(&mut self, doc: Document) {
        self.doc = doc;
        self.buffers.clear();
        self.changed();
    }

    /// The document changed: recompute findings and tables, update dirtiness.
    fn changed(&mut self) {
        self.autosaved = false;
        self.computed = Computed::new(&self.doc, &self.catalog);
        self.dirty = self.doc != self.saved;
        if let Page::Sheet(Sheet::Project(i)) = self.page
            && i >= self.doc.projects.len()
            && i > 0
        {
            self.page = Page::Sheet(Sheet::Project(self.doc.projects.len().saturating_sub(1)));
        }
    }

    /// Selects the location's sheet, scrolls to it and focuses its cell.
    fn focus(&mut self, ctx: &egui::Context, loc: Location) {
        let page = Page::Sheet(loc.sheet);
        if self.page != page {
            self.page = page;
        }
        self.scroll_to = Some(loc);
        if loc.field.is_some() {
            ctx.memory_mut(|m| m.request_focus(cell_id(loc)));
            self.pending_focus = Some((loc, FOCUS_TRIES));
        }
        ctx.request_repaint();
    }

    /// Keeps requesting a focus until the cell exists (it may need a frame
    /// or two to be scrolled into view).
    fn retry_focus(&mut self, ctx: &egui::Context) {
        if let Some((loc, tries)) = self.pending_focus {
            if tries == 0 {
                self.pending_focus = None;
                return;
            }
            ctx.memory_mut(|m| m.request_focus(cell_id(loc)));
            self.scroll_to = Some(loc);
            self.pending_focus = Some((loc, tries - 1));
            ctx.request_repaint();
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — 部门预算编制",
            if self.dirty { "● " } else { "" },
            self.file_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(every) = self.setup.autosave_every else {
            return;
        };
        if !self.dirty || self.autosaved {
            return;
        }
        let now = ctx.input(|i| i.time);
        if now - self.last_autosave >= every.as_secs_f64() {
            self.last_autosave = now;
            // After a failure the next change tries again (not every frame).
            self.autosaved = true;
            if let Err(e) = self.setup.recovery.write(self.path.as_deref(), &self.doc) {
                self.status = e.to_string();
            }
        }
        ctx.request_repaint_after(every);
    }
}

/// "2026-11-29 08:30 UTC" from Unix seconds (no time-zone database needed).
fn since_text(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}
