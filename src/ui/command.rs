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
