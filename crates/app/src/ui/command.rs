//! What widgets ask the app to do. Collected during a frame and applied once
//! at its end, so a frame draws one consistent document.

use super::edit::Edit;
use super::page::Page;
use crate::location::Location;
use std::path::PathBuf;

/// A request from a widget to the app.
#[must_use = "a command does nothing until it is pushed to the frame's command list"]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Change the document (one undo step). `typing` names the cell being
    /// typed into, so consecutive keystrokes there merge into one step.
    Edit {
        /// The change.
        edit: Edit,
        /// Cell being typed into, if any.
        typing: Option<Location>,
    },
    /// The cell being typed into lost focus: the next keystroke opens a new step.
    Seal,
    /// Select the location's sheet, scroll to it and focus its cell.
    Focus(Location),
    /// Show a page.
    Select(Page),
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 编辑 → 查找….
    Find,
    /// 新建.
    New,
    /// 打开….
    Open,
    /// Open a given file (recent files, fallback path field).
    OpenPath(PathBuf),
    /// 保存.
    Save,
    /// 另存为….
    SaveAs,
    /// Save to a given path (fallback path field).
    SaveTo(PathBuf),
    /// Save although some cells hold unreadable text (the user confirmed);
    /// None: to the document's own file.
    SaveAnyway(Option<PathBuf>),
    /// 导出PDF….
    ExportPdf,
    /// Export to a given path (fallback path field).
    ExportTo(PathBuf),
    /// Export to this path although the document has 错误 (the user confirmed).
    ExportAnyway(PathBuf),
    /// 导出 Excel….
    ExportXlsx,
    /// 从 Excel 导入….
    ImportExcel,
    /// Read a spreadsheet and show the import preview.
    ImportFrom(PathBuf),
    /// 科目表 → 导入…: pick the official list.
    ImportCatalog,
    /// Preview the official list in a given file (fallback path field).
    ImportCatalogFrom(PathBuf),
    /// Install the previewed list and check the document against it.
    InstallCatalog {
        /// The file.
        path: PathBuf,
        /// Year.
        year: i32,
        /// Edition name.
        edition: String,
    },
    /// 模板 → 导入模板…: pick a template file.
    ImportTemplate,
    /// Check and preview the template in a given file.
    ImportTemplateFrom(PathBuf),
    /// Install the previewed template file.
    InstallTemplate(PathBuf),
    /// 文件 → 以上年文件新建…: pick this year's file.
    NewFromPrior,
    /// Next year's document from a given file (fallback path field).
    NewFromPath(PathBuf),
    /// 文件 → 与另一版本对比…: pick the other version.
    Compare,
    /// Compare the document with the version in a given file.
    CompareWith(PathBuf),
    /// 结束对比.
    EndCompare,
    /// 文件 → 与上年文件比对…: pick last year's file.
    ComparePrior,
    /// Compare the 上年 figures with last year's file at a given path.
    ComparePriorWith(PathBuf),
    /// Switch between 编辑 and 审阅 (read-only) mode.
    ToggleReview,
    /// 审阅 mode: a cell was clicked; it is where 添加审阅意见 points.
    SelectCell(Location),
    /// Open the 审阅意见 dialog for a place (and the finding's rule, if the
    /// comment is on a finding).
    CommentOn {
        /// Where.
        at: Location,
        /// Rule id of the finding commented on.
        rule: Option<String>,
    },
    /// Open the dialog that marks comment N resolved with a reply.
    ResolveComment(usize),
    /// 文件 → 汇总所属单位…: the merge dialog.
    MergeUnits,
    /// Sum these unit files into a 部门 document named `dept` (opened
    /// unsaved).
    MergeFiles {
        /// The units' files.
        files: Vec<PathBuf>,
        /// 部门名称.
        dept: String,
    },
    /// Quit (asks about unsaved changes first).
    Quit,
}

/// A command the user starts from a menu or the keyboard: it carries its
/// label and its shortcuts, so the menu shows and the shortcut handler
/// reads the same table (as rerun's `UICommand`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// 新建.
    New,
    /// 以上年文件新建….
    NewFromPrior,
    /// 打开….
    Open,
    /// 保存.
    Save,
    /// 另存为….
    SaveAs,
    /// 导出PDF….
    ExportPdf,
    /// 导出 Excel….
    ExportXlsx,
    /// 从 Excel 导入….
    ImportExcel,
    /// 汇总所属单位….
    MergeUnits,
    /// 与另一版本对比….
    Compare,
    /// 与上年文件比对….
    ComparePrior,
    /// 科目表 → 导入….
    ImportCatalog,
    /// 模板 → 导入模板….
    ImportTemplate,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 查找….
    Find,
    /// 审阅模式 on/off.
    ToggleReview,
    /// 退出.
    Quit,
}

const fn key(modifiers: egui::Modifiers, key: egui::Key) -> egui::KeyboardShortcut {
    egui::KeyboardShortcut::new(modifiers, key)
}

const CMD: egui::Modifiers = egui::Modifiers::COMMAND;
const CMD_SHIFT: egui::Modifiers = egui::Modifiers {
    shift: true,
    ..egui::Modifiers::COMMAND
};
const NEW: egui::KeyboardShortcut = key(CMD, egui::Key::N);
const OPEN: egui::KeyboardShortcut = key(CMD, egui::Key::O);
const SAVE: egui::KeyboardShortcut = key(CMD, egui::Key::S);
const SAVE_AS: egui::KeyboardShortcut = key(CMD_SHIFT, egui::Key::S);
const UNDO: egui::KeyboardShortcut = key(CMD, egui::Key::Z);
const REDO: egui::KeyboardShortcut = key(CMD, egui::Key::Y);
const REDO_ALT: egui::KeyboardShortcut = key(CMD_SHIFT, egui::Key::Z);
const FIND: egui::KeyboardShortcut = key(CMD, egui::Key::F);

impl Action {
    /// Every action, in menu order (the 文件 menu's first).
    pub const ALL: [Action; 18] = [
        Action::New,
        Action::NewFromPrior,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::ExportPdf,
        Action::ExportXlsx,
        Action::ImportExcel,
        Action::MergeUnits,
        Action::Compare,
        Action::ComparePrior,
        Action::ImportCatalog,
        Action::ImportTemplate,
        Action::Undo,
        Action::Redo,
        Action::Find,
        Action::ToggleReview,
        Action::Quit,
    ];

    /// The 文件 menu, in order (退出 follows the recent files): the first
    /// eleven of [`Action::ALL`].
    pub(crate) const FILE_MENU: &'static [Action] = Action::ALL.split_at(11).0;

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "新建",
            Action::NewFromPrior => "以上年文件新建…",
            Action::Open => "打开…",
            Action::Save => "保存",
            Action::SaveAs => "另存为…",
            Action::ExportPdf => "导出PDF…",
            Action::ExportXlsx => "导出 Excel…",
            Action::ImportExcel => "从 Excel 导入…",
            Action::MergeUnits => "汇总所属单位…",
            Action::Compare => "与另一版本对比…",
            Action::ComparePrior => "与上年文件比对…",
            Action::ImportCatalog => "导入…",
            Action::ImportTemplate => "导入模板…",
            Action::Undo => "撤销",
            Action::Redo => "重做",
            Action::Find => "查找…",
            Action::ToggleReview => "审阅模式",
            Action::Quit => "退出",
        }
    }

    /// Hover text, where the label needs one.
    pub fn tooltip(self) -> Option<&'static str> {
        match self {
            Action::ImportCatalog => Some("导入财政部门下发的官方科目表（Excel、WPS 或 CSV）"),
            Action::ImportTemplate => Some("检查并安装一个公开模板文件（.ron），安装前先预览"),
            Action::ToggleReview => Some("只读查看，防止误改"),
            Action::NewFromPrior => {
                Some("以本年文件为基础新建下一年度文件，本年数带入为上年预算数")
            }
            Action::MergeUnits => Some("把所属各单位的文件相加，得到部门预算"),
            Action::Compare => Some("与同一预算的另一版本比较，列出并标出变化"),
            Action::ComparePrior => {
                Some("把本文件的上年数与上年预算文件的本年数逐项比对，不一致处列入审核（Y04）")
            }
            Action::Find => Some("查找科目编码或名称、项目或任何文字，并转到该处"),
            _ => None,
        }
    }

    /// Keyboard shortcuts, the one shown in the menu first.
    pub(crate) fn shortcuts(self) -> &'static [egui::KeyboardShortcut] {
        match self {
            Action::New => &[NEW],
            Action::Open => &[OPEN],
            Action::Save => &[SAVE],
            Action::SaveAs => &[SAVE_AS],
            Action::Undo => &[UNDO],
            Action::Redo => &[REDO, REDO_ALT],
            Action::Find => &[FIND],
            _ => &[],
        }
    }

    /// The shortcut as the menu shows it (⌘ on macOS, Ctrl elsewhere).
    pub(crate) fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// What it asks the app to do.
    pub fn command(self) -> Command {
        match self {
            Action::New => Command::New,
            Action::NewFromPrior => Command::NewFromPrior,
            Action::Open => Command::Open,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs,
            Action::ExportPdf => Command::ExportPdf,
            Action::ExportXlsx => Command::ExportXlsx,
            Action::ImportExcel => Command::ImportExcel,
            Action::MergeUnits => Command::MergeUnits,
            Action::Compare => Command::Compare,
            Action::ComparePrior => Command::ComparePrior,
            Action::ImportCatalog => Command::ImportCatalog,
            Action::ImportTemplate => Command::ImportTemplate,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Find => Command::Find,
            Action::ToggleReview => Command::ToggleReview,
            Action::Quit => Command::Quit,
        }
    }

    /// Every shortcut with its action, longest combinations first (so that
    /// Ctrl+Shift+S is not taken as Ctrl+S).
    pub(crate) fn shortcut_table() -> Vec<(egui::KeyboardShortcut, Action)> {
        let mut v: Vec<_> = Action::ALL
            .iter()
            .flat_map(|a| a.shortcuts().iter().map(move |s| (*s, *a)))
            .collect();
        v.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        v
    }
}

fn modifier_count(m: egui::Modifiers) -> u8 {
    u8::from(m.alt)
        + u8::from(m.ctrl)
        + u8::from(m.shift)
        + u8::from(m.mac_cmd)
        + u8::from(m.command)
}

// The 文件 menu ends with 与上年文件比对… and 科目表's 导入… is not in it.
const _: () = assert!(matches!(Action::FILE_MENU[10], Action::ComparePrior));
const _: () = assert!(matches!(Action::ALL[11], Action::ImportCatalog));
