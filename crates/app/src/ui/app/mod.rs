//! The app: persisted settings apart from runtime state, one [`Page`]
//! selected, and every change collected as a [`Command`] during the frame and
//! applied once at its end.

mod catalog_ops;
mod comments;
mod compare;
mod dialogs;
mod file_ops;
mod find;
mod import_dialog;
mod merge_ops;
mod new_dialog;
mod panels;
mod template_ops;

use super::cells::{Buffer, SheetCtx, ViewState, cell_id};
use super::command::{Action, Command};
use super::core::{Computed, Tally};
use super::edit::Edit;
use super::files::{self, Picked};
use super::page::{Page, PageEntry, PageGroup};
use super::sheets;
use super::theme::{self, severity_color};
use super::undo::{History, Restored};
use crate::catalog::Catalog;
use crate::io::lock::{FileLock, Holder, LockError};
use crate::io::recovery::Recovery;
use crate::location::{Location, Place, Sheet};
use crate::model::Document;
use crate::rules::{Finding, Rule, Severity};
use egui::{Key, ScrollArea, Ui, ViewportCommand};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Recent files kept.
const RECENT: usize = 8;

/// How often a dirty document is copied to its recovery file.
pub(crate) const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// Frames during which a requested focus is retried (the row may first need
/// to be scrolled into view before its cell exists).
const FOCUS_TRIES: u8 = 3;

/// What survives a restart (eframe storage).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The reviewer's name, remembered for the next 审阅意见.
    pub reviewer: String,
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
    /// Where the import's column choices are remembered (None: they are
    /// not, as in tests that do not ask for it).
    pub column_memory: Option<PathBuf>,
}

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    Open,
    SaveAs,
    Export,
    ExportXlsx,
    Import,
    /// 科目表 → 导入….
    CatalogImport,
    /// 模板 → 导入模板….
    TemplateImport,
    /// 文件 → 以上年文件新建….
    NewFrom,
    /// 文件 → 与另一版本对比….
    Compare,
    /// 文件 → 与上年文件比对….
    Prior,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum After {
    Quit,
    New,
    Open,
    OpenPath(PathBuf),
    NewFrom,
    Merge,
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
    /// The document has 错误 or 警告: export anyway?
    ConfirmExport {
        /// Target.
        path: PathBuf,
        /// The 错误 and 警告 findings, worst first.
        open: Vec<Finding>,
    },
    /// Saving although some cells hold text that could not be read.
    Unreadable {
        /// Where to save (None: the document's own file).
        target: Option<PathBuf>,
        /// The U01 findings.
        cells: Vec<Finding>,
    },
    /// An official 科目表 read from a spreadsheet, before it is installed.
    CatalogPreview {
        /// The file.
        path: PathBuf,
        /// Year it is installed for.
        year: i32,
        /// Edition name.
        edition: String,
        /// Counts per level and skipped rows.
        summary: String,
    },
    /// A template file checked and outlined, before it is installed.
    TemplatePreview {
        /// The file.
        path: PathBuf,
        /// Its outline, or its problems (then it cannot be installed).
        preview: Result<String, Vec<String>>,
        /// It replaces an installed template of other content.
        replaces: bool,
    },
    /// The file changed on disk since it was opened or saved: 覆盖,
    /// 另存为 or 取消 (never replaced without asking).
    ChangedOnDisk(PathBuf),
    /// A message with an OK button.
    Message(String),
    /// A file was exported: the message (name, size, folder), 打开文件夹
    /// and 确定.
    Exported {
        /// The file written.
        path: PathBuf,
        /// What the message says.
        text: String,
    },
    /// The Excel import preview: 导入 or 取消.
    Import(Box<import_dialog::ImportDraft>),
    /// 添加审阅意见.
    Comment(comments::CommentDraft),
    /// 处理审阅意见: mark resolved with a reply.
    Resolve(comments::ResolveDraft),
    /// 汇总所属单位: unit files and the 部门名称.
    Merge(merge_ops::MergeDraft),
    /// 新建: what the new document is.
    New(crate::start::NewDocument),
    /// 编辑 → 查找.
    Find(find::FindDraft),
}

/// The fingerprint of the file at `p` now, if it can be read.
fn on_disk(p: &std::path::Path) -> Option<crate::io::Fingerprint> {
    crate::io::Fingerprint::of_file(p).ok().flatten()
}

/// The desktop app.
pub struct App {
    persisted: Persisted,
    catalog: Catalog,
    /// The year and recorded 科目表 `catalog` was loaded for; a document
    /// whose year or 科目表 changes (an edit, an undo) gets its own again.
    catalog_for: (i32, Option<crate::model::CatalogRef>),
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
    /// 审阅 mode, switched by the user.
    review: bool,
    /// The cell last clicked in 审阅 mode.
    review_selected: Option<Location>,
    /// The cell that had focus at the end of the last frame.
    focused: Option<Location>,
    pending_focus: Option<(Location, u8)>,
    scroll_to: Option<Location>,
    /// The sheet's editable widgets in last frame's drawing order.
    sheet_order: Vec<egui::Id>,
    /// The sheet widget that had the keyboard last (kept while nothing has
    /// it, e.g. after a dropdown's list closed).
    last_sheet_focus: Option<egui::Id>,
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
    /// What the file at `path` held when it was opened or last saved: a
    /// save replaces it only while it still holds that (no lost update).
    disk: Option<crate::io::Fingerprint>,
    /// Our lock on `path`, when we hold it.
    lock: Option<FileLock>,
    /// Another instance holds `path`: opened read-only, saving to it refused.
    locked_by: Option<Holder>,
    /// 与另一版本对比, while open.
    compare: Option<compare::Comparison>,
    /// Last year's file the 上年 figures are compared with (与上年文件比对),
    /// for as long as this document is open.
    prior: Option<(PathBuf, Document)>,
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
        // Projects get their 项目编码 as a loaded file's do, so that what the
        // app holds is what its file will read back as.
        let doc = crate::comments::identified(&doc).into_owned();
        let catalog = crate::catalogs::for_document(&doc.meta);
        let computed = Computed::new(&doc, &catalog);
        let mut app = Self {
            persisted: Persisted::default(),
            catalog,
            catalog_for: (doc.meta.year, doc.meta.catalog.clone()),
            saved: doc.clone(),
            doc,
            dirty: false,
            path,
            computed,
            history: History::default(),
            page: Page::Summary,
            buffers: HashMap::new(),
            view: ViewState::default(),
            review: false,
            review_selected: None,
            focused: None,
            pending_focus: None,
            scroll_to: None,
            sheet_order: Vec::new(),
            last_sheet_focus: None,
            dialog: None,
            status: String::new(),
            title: String::new(),
            allow_close: false,
            after_save: None,
            last_autosave: 0.0,
            autosaved: false,
            queued: Vec::new(),
            setup,
            disk: None,
            lock: None,
            locked_by: None,
            compare: None,
            prior: None,
        };
        app.disk = app.path.as_deref().and_then(on_disk);
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
            column_memory: crate::catalogs::data_dir()
                .map(|d| d.join(import_dialog::COLUMN_MEMORY_FILE)),
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

    /// The app with settings of a previous session (recent files).
    pub fn with_persisted(mut self, persisted: Persisted) -> Self {
        self.persisted = persisted;
        self
    }

    /// What the status bar says after the counts and the file name.
    pub fn status(&self) -> &str {
        &self.status
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

    /// The cell last clicked in 审阅 mode (where 添加审阅意见 points).
    pub fn review_selected(&self) -> Option<Location> {
        self.review_selected
    }

    /// Why the text typed into a cell was not accepted, if it was not.
    pub fn cell_error(&self, loc: Location) -> Option<&str> {
        self.buffers.get(&loc).and_then(|b| b.error.as_deref())
    }

    /// True in 审阅 (read-only) mode.
    pub fn is_read_only(&self) -> bool {
        self.read_only()
    }

    /// No edits: 审阅 mode, the file is open for editing elsewhere, or a
    /// comparison is open (its list would no longer be true).
    fn read_only(&self) -> bool {
        self.review || self.locked_by.is_some() || self.compare.is_some()
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

    /// Every page of the side panel, in its order.
    pub fn pages(&self) -> Vec<PageEntry> {
        super::page::pages(&self.doc, &self.computed.derived.tables)
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
        self.keep_focus_in_sheet(&ctx);
        self.menu_bar(ui, &mut commands);
        // Typed cells that do not read: few, gathered once per frame.
        let unreadable = self.unreadable();
        self.status_bar(ui, &unreadable);
        self.review_panel(ui, &unreadable, &mut commands);
        self.side_panel(ui, &unreadable, &mut commands);
        self.compare_panel(ui, &mut commands);
        self.centre(ui, &mut commands);
        self.dialogs(&ctx, &mut commands);
        // A cell left without a lost-focus event (its page was switched away)
        // is taken in now.
        self.commit_typed(&ctx, false);
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
        let table = Action::shortcut_table();
        if self.dialog.is_some() {
            return Vec::new();
        }
        ctx.input_mut(|i| {
            table
                .into_iter()
                .filter(|(s, _)| i.consume_shortcut(s))
                .map(|(_, a)| a.command())
                .collect()
        })
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(After::Quit));
        }
    }

    fn apply(&mut self, ctx: &egui::Context, c: Command) {
        // Whatever reads or replaces the whole document first takes in the
        // amount still being typed, so it never misses what the cell shows.
        if matches!(
            c,
            Command::Save
                | Command::SaveAs
                | Command::SaveTo(_)
                | Command::ExportPdf
                | Command::ExportTo(_)
                | Command::ExportAnyway(_)
                | Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::Quit
                | Command::ToggleReview
                | Command::NewFromPrior
                | Command::MergeFiles { .. }
                | Command::Compare
                | Command::CompareWith(_)
                | Command::ComparePrior
                | Command::ComparePriorWith(_)
        ) {
            self.commit_typed(ctx, true);
        }
        match c {
            Command::Edit { edit, typing } => {
                let comment = edit.is_comment();
                // A reviewer comments in 审阅 mode; figures stay read-only.
                if self.read_only() && !(comment && self.locked_by.is_none()) {
                    return;
                }
                let label = edit.label();
                let at = match &edit {
                    Edit::AddComment(c) => c.location(&self.doc),
                    _ => edit.location(),
                };
                let moves_rows = edit.moves_rows();
                let before = self.doc.clone();
                match edit.apply(&mut self.doc) {
                    // Setting a cell to what it holds is no step to undo.
                    Ok(()) if self.doc == before => {}
                    Ok(()) if comment => {
                        self.history.record_comment(&before, label, at);
                        self.edited();
                    }
                    Ok(()) => {
                        if moves_rows {
                            self.follow_rows(ctx, &before);
                        }
                        self.history.record(&before, label, typing, at);
                        self.edited();
                    }
                    Err(e) => {
                        self.doc = before;
                        self.status = e;
                    }
                }
            }
            Command::Seal => self.history.seal(),
            Command::Find => self.dialog = Some(Dialog::Find(find::FindDraft::default())),
            Command::Focus(loc) => self.focus(ctx, loc),
            Command::Select(page) => self.page = page,
            Command::Undo if self.read_only() && !self.can_undo() => {}
            Command::Redo if self.read_only() && !self.can_redo() => {}
            Command::Undo => {
                self.commit_typed(ctx, true);
                match self.history.undo(&self.doc) {
                    Some(r) => self.restore(ctx, r, "已撤销"),
                    None => self.status = "没有可撤销的操作".into(),
                }
            }
            Command::Redo => {
                self.commit_typed(ctx, true);
                match self.history.redo(&self.doc) {
                    Some(r) => self.restore(ctx, r, "已重做"),
                    None => self.status = "没有可重做的操作".into(),
                }
            }
            Command::New => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::New));
                } else {
                    self.dialog = Some(Dialog::New(crate::start::NewDocument::for_year(
                        crate::start::budget_year_now(),
                    )));
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
            Command::Save | Command::SaveAs if self.confirm_unreadable(None, &c) => {}
            Command::SaveTo(ref p) if self.confirm_unreadable(Some(p.clone()), &c) => {}
            Command::Save | Command::SaveAnyway(None) => {
                self.save_now();
            }
            Command::SaveAs => {
                if let Some(p) = self.pick(Purpose::SaveAs) {
                    self.save_to(p);
                }
            }
            Command::SaveTo(p) | Command::SaveAnyway(Some(p)) => {
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
            Command::ExportXlsx => {
                if let Some(p) = self.pick(Purpose::ExportXlsx) {
                    self.export_to(p, false);
                }
            }
            Command::ImportExcel => {
                if let Some(p) = self.pick(Purpose::Import) {
                    self.import_from(&p);
                }
            }
            Command::ImportFrom(p) => self.import_from(&p),
            Command::ImportCatalog => {
                if let Some(p) = self.pick(Purpose::CatalogImport) {
                    self.preview_catalog(&p);
                }
            }
            Command::ImportCatalogFrom(p) => self.preview_catalog(&p),
            Command::ImportTemplate => {
                if let Some(p) = self.pick(Purpose::TemplateImport) {
                    self.preview_template(&p);
                }
            }
            Command::ImportTemplateFrom(p) => self.preview_template(&p),
            Command::InstallTemplate(p) => self.install_template(&p),
            Command::InstallCatalog {
                path,
                year,
                edition,
            } => {
                self.install_catalog(ctx, &path, year, &edition);
            }
            Command::NewFromPrior => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::NewFrom));
                } else if let Some(p) = self.pick(Purpose::NewFrom) {
                    self.new_from_prior(&p);
                }
            }
            Command::NewFromPath(p) => self.new_from_prior(&p),
            Command::Compare => {
                if let Some(p) = self.pick(Purpose::Compare) {
                    self.start_compare(p);
                }
            }
            Command::CompareWith(p) => self.start_compare(p),
            Command::EndCompare => self.end_compare(),
            Command::ComparePrior => {
                if let Some(p) = self.pick(Purpose::Prior) {
                    self.compare_prior(p);
                }
            }
            Command::ComparePriorWith(p) => self.compare_prior(p),
            Command::ExportTo(p) => self.export_to(p, false),
            Command::ExportAnyway(p) => self.export_to(p, true),
            // Held elsewhere: the way to edit is to take the file over.
            Command::ToggleReview if self.locked_by.is_some() => {
                self.dialog = self.locked_by.clone().map(Dialog::OpenElsewhere);
            }
            // Comparing keeps the document read-only until 结束对比.
            Command::ToggleReview if self.compare.is_some() => {
                self.status = "对比期间只读：请先在对比面板中点“结束对比”".into();
            }
            Command::ToggleReview => {
                self.review = !self.review;
                self.review_selected = None;
                self.buffers.retain(|_, b| b.error.is_some());
            }
            Command::SelectCell(loc) => self.review_selected = Some(loc),
            Command::CommentOn { at, rule } => self.open_comment_dialog(at, rule),
            Command::ResolveComment(i) => self.open_resolve_dialog(i),
            Command::MergeUnits => {
                if self.dirty {
                    self.dialog = Some(Dialog::Unsaved(After::Merge));
                } else {
                    self.dialog = Some(Dialog::Merge(merge_ops::MergeDraft::default()));
                }
            }
            Command::MergeFiles { files, dept } => self.merge_files(&files, &dept),
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

    /// Puts an undone or redone state in place, shows where it changed and
    /// says what it did.
    fn restore(&mut self, ctx: &egui::Context, r: Restored, verb: &str) {
        self.replace_doc(r.doc);
        self.status = format!("{verb}：{}", r.label);
        if let Some(place) = r.at {
            self.go(ctx, &place);
        }
    }

    /// Goes to a place named by identity (a 科目 code, project or indicator
    /// and the column): focuses its cell wherever its row is now, or says
    /// in the status bar, with the text the place had, that it is gone.
    fn go(&mut self, ctx: &egui::Context, place: &Place) {
        match place.resolve(&self.doc) {
            Some(loc) => self.focus(ctx, loc),
            None => {
                let gone = format!("{}已不存在（已删除或改名），无法转到", place.label);
                self.status = if self.status.is_empty() {
                    gone
                } else {
                    format!("{}；{gone}", self.status)
                };
            }
        }
    }

    /// After an edit that added, removed or reordered rows, text still
    /// being typed follows its row (the 科目 code, project or indicator it
    /// was typed for) instead of staying at a position that now shows
    /// another row; text whose row is gone goes with it.
    /// The focused cell moves with its row too.
    fn follow_rows(&mut self, ctx: &egui::Context, before: &Document) {
        let doc = &self.doc;
        self.buffers = std::mem::take(&mut self.buffers)
            .into_iter()
            .filter_map(|(loc, b)| Some((Place::of(before, loc).resolve(doc)?, b)))
            .collect();
        if let Some(was) = self.focused
            && let Some(now) = Place::of(before, was).resolve(doc)
            && now != was
        {
            self.focus(ctx, now);
        }
    }

    /// Takes typed amounts and counts into the document: those of cells the
    /// user has left, and with `focused_too` the one still being typed in.
    /// Text that does not read as a value stays in its cell (red, and an
    /// 错误 in the 审核 panel); the document keeps what it held.
    fn commit_typed(&mut self, ctx: &egui::Context, focused_too: bool) {
        let focused = self.focused;
        let ready: Vec<(Location, super::edit::Value)> = self
            .buffers
            .iter()
            .filter(|(loc, _)| focused_too || Some(**loc) != focused)
            .filter(|(_, b)| !b.kind.live())
            .filter_map(|(loc, b)| b.value().map(|v| (*loc, v)))
            .collect();
        if ready.is_empty() {
            return;
        }
        for (loc, _) in &ready {
            self.buffers.remove(loc);
        }
        self.apply(
            ctx,
            Command::Edit {
                edit: Edit::Set(ready),
                typing: None,
            },
        );
    }

    /// Cells whose typed text could not be read, as 错误 findings (rule
    /// U01): what was typed is not in the document.
    pub fn unreadable(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .buffers
            .iter()
            .filter_map(|(loc, b)| {
                let e = b.error.as_deref()?;
                let stored = if b.stored.is_empty() {
                    "原值".to_string()
                } else {
                    format!("“{}”", b.stored)
                };
                Some(Finding::new(
                    Rule::U01,
                    format!("{}：{e}。此内容未存入文件，文件中仍为{stored}", b.name),
                    *loc,
                ))
            })
            .collect();
        out.sort_by_key(|f| f.location);
        out
    }

    /// With unreadable cells, a save asks first; true when it asked.
    fn confirm_unreadable(&mut self, to: Option<PathBuf>, c: &Command) -> bool {
        let cells = self.unreadable();
        if cells.is_empty() {
            return false;
        }
        let target = match c {
            Command::SaveAs => match self.pick(Purpose::SaveAs) {
                Some(p) => Some(p),
                None => return true,
            },
            _ => to,
        };
        self.dialog = Some(Dialog::Unreadable { target, cells });
        true
    }

    /// Puts a document in place (undo, redo, restore); typed text goes.
    fn replace_doc(&mut self, doc: Document) {
        self.doc = doc;
        self.buffers.clear();
        self.changed();
    }

    /// The user changed the document: what the status bar said about the
    /// previous state (`已撤销：…`, `已保存到 …`) is no longer true.
    fn edited(&mut self) {
        self.status.clear();
        self.changed();
    }

    /// The document changed: recompute findings and tables, update dirtiness.
    fn changed(&mut self) {
        self.autosaved = false;
        let want = (self.doc.meta.year, self.doc.meta.catalog.clone());
        if want != self.catalog_for {
            self.catalog = crate::catalogs::for_document(&self.doc.meta);
            self.catalog_for = want;
        }
        let prior = self.prior.as_ref().map(|(_, d)| d);
        self.computed = Computed::with_prior(&self.doc, &self.catalog, prior);
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
            let id = self.widget_of(loc);
            ctx.memory_mut(|m| m.request_focus(id));
            self.pending_focus = Some((loc, FOCUS_TRIES));
        }
        ctx.request_repaint();
    }

    /// The widget that edits `loc`: its text cell, or its dropdown.
    fn widget_of(&self, loc: Location) -> egui::Id {
        self.view
            .choice_ids
            .get(&loc)
            .copied()
            .unwrap_or_else(|| cell_id(loc))
    }

    /// Tab and Shift+Tab from a cell or dropdown of the sheet go to the
    /// next or previous one of the sheet (staying put at its ends), so the
    /// keyboard never reaches the menu bar (where Enter would press 撤销)
    /// or the side panels; arrow keys never move it out of the sheet either.
    /// Runs before anything is drawn, so the cell left sees its focus lost
    /// and commits what was typed.
    fn keep_focus_in_sheet(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() || self.sheet_order.is_empty() {
            return;
        }
        let now = ctx.memory(|m| m.focused());
        let from = match now {
            Some(id) if self.sheet_order.contains(&id) => Some(id),
            None => self.last_sheet_focus,
            Some(_) => None,
        };
        let Some(i) = from.and_then(|f| self.sheet_order.iter().position(|&id| id == f)) else {
            return;
        };
        let (tab, back, arrow) = ctx.input(|inp| {
            let tab = inp.key_pressed(Key::Tab);
            let m = inp.modifiers;
            let arrow = [
                Key::ArrowUp,
                Key::ArrowDown,
                Key::ArrowLeft,
                Key::ArrowRight,
            ]
            .iter()
            .any(|k| inp.key_pressed(*k));
            (
                tab && (m.is_none() || m.shift_only()),
                m.shift_only(),
                arrow,
            )
        });
        let n = self.sheet_order.len();
        if tab {
            let next = if back {
                i.saturating_sub(1)
            } else {
                (i + 1).min(n - 1)
            };
            if next == i {
                // At the sheet's end the cursor stays, so the cell is never
                // left: Tab still takes in what was typed.
                self.commit_typed(ctx, true);
            }
            let target = self.sheet_order[next];
            ctx.memory_mut(|m| {
                m.move_focus(egui::FocusDirection::None);
                m.request_focus(target);
            });
        } else if arrow && now.is_some() {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
    }

    /// Keeps requesting a focus until the cell exists (it may need a frame
    /// or two to be scrolled into view).
    fn retry_focus(&mut self, ctx: &egui::Context) {
        if let Some((loc, tries)) = self.pending_focus {
            if tries == 0 {
                self.pending_focus = None;
                return;
            }
            let id = self.widget_of(loc);
            ctx.memory_mut(|m| m.request_focus(id));
            self.scroll_to = Some(loc);
            self.pending_focus = Some((loc, tries - 1));
            ctx.request_repaint();
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        // The document's name first: a reviewer with a dozen windows open
        // tells them apart by department and year, not by file name.
        let m = &self.doc.meta;
        let name = m.dept_name.trim();
        let doc_name = if name.is_empty() {
            format!("{}年部门预算", m.year)
        } else {
            format!("{name}{}年部门预算", m.year)
        };
        let title = format!(
            "{}{doc_name}（{}）— 部门预算编制",
            if self.dirty { "● " } else { "" },
            self.file_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
