//! Files as the app needs them: reading and writing documents (through the
//! core where it provides it), the system file dialogs with a fallback for
//! machines without a dialog service, where recovery copies go and the bundled example.

use crate::model::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// File-name extension of documents.
pub const EXTENSION: &str = "ron";

/// Reads a document (the core's bounded, versioned reader).
pub fn load(path: &Path) -> Result<Document, String> {
    crate::io::load(path).map_err(|e| e.to_string())
}

/// Saves a document through the guarded writer (atomically, keeping the
/// previous file as `NAME.ron.bak`); returns what is now on disk.
pub fn save(
    target: &crate::io::Target,
    doc: &Document,
) -> Result<crate::io::Fingerprint, crate::io::WriteError> {
    crate::io::write::save_document(target, doc)
}

/// The bundled example document (青山区大数据中心 2021).
pub fn example() -> Document {
    // Embedded so that the app opens it from any folder. A test keeps the
    // file loadable, so the fallback only guards against a broken build.
    crate::io::from_str(include_str!("../../../../examples/qingshan-2021.ron"))
        .unwrap_or_else(|_| blank(2021))
}

/// A new, empty document for `year`.
pub fn blank(year: i32) -> Document {
    Document::blank("新部门", year)
}

/// Recovery copies of untitled documents go to the app's data folder.
pub fn recovery() -> crate::io::recovery::Recovery {
    crate::io::recovery::Recovery::new(eframe::storage_dir(super::APP_ID))
}

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// A path.
    Path(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (no xdg portal and no zenity): ask for a path
    /// in the app instead.
    Unavailable,
}

/// A dialog that returns "nothing" faster than this was never shown.
const INSTANT: Duration = Duration::from_millis(150);

fn dialog_service() -> bool {
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    let on_path = |exe: &str| {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(exe).is_file()))
    };
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
}

fn run(dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
    if !dialog_service() {
        return Picked::Unavailable;
    }
    let start = Instant::now();
    match dialog() {
        Some(p) => Picked::Path(p),
        None if start.elapsed() < INSTANT => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

fn base(dir: Option<&Path>) -> rfd::FileDialog {
    let d = rfd::FileDialog::new();
    match dir {
        Some(dir) => d.set_directory(dir),
        None => d,
    }
}

/// 打开: pick a document.
pub(crate) fn pick_open(dir: Option<&Path>) -> Picked {
    run(|| {
        base(dir)
            .set_title("打开预算文件")
            .add_filter("预算文件", &[EXTENSION])
            .pick_file()
    })
}

/// 另存为: pick where to save.
pub(crate) fn pick_save(dir: Option<&Path>, name: &str) -> Picked {
    run(|| {
        base(dir)
            .set_title("保存预算文件")
            .add_filter("预算文件", &[EXTENSION])
            .set_file_name(name)
            .save_file()
    })
}

/// 导出PDF: pick where to write the PDF.
pub(crate) fn pick_pdf(dir: Option<&Path>, name: &str) -> Picked {
    run(|| {
        base(dir)
            .set_title("导出PDF")
            .add_filter("PDF", &["pdf"])
            .set_file_name(name)
            .save_file()
    })
}

/// The save dialog for an Excel export.
pub(crate) fn pick_xlsx(dir: Option<&Path>, name: &str) -> Picked {
    run(|| {
        base(dir)
            .set_title("导出 Excel")
            .add_filter("Excel 工作簿", &["xlsx"])
            .set_file_name(name)
            .save_file()
    })
}

/// The open dialog for a spreadsheet to import.
pub(crate) fn pick_sheet(dir: Option<&Path>) -> Picked {
    run(|| {
        base(dir)
            .set_title("从 Excel 导入")
            .add_filter("表格", &["xlsx", "xls", "ods", "csv", "tsv"])
            .pick_file()
    })
}

/// 模板 → 导入模板…: pick a template file.
pub(crate) fn pick_template(dir: Option<&Path>) -> Picked {
    run(|| {
        base(dir)
            .set_title("导入模板")
            .add_filter("模板文件", &["ron", "template"])
            .pick_file()
    })
}

/// 汇总所属单位: pick several documents; None when no dialog could be shown
/// or it was cancelled.
pub(crate) fn pick_many(dir: Option<&Path>) -> Option<Vec<PathBuf>> {
    if !dialog_service() {
        return None;
    }
    base(dir)
        .set_title("选择所属单位的预算文件")
        .add_filter("预算文件", &[EXTENSION])
        .pick_files()
}

/// The user's documents folder (`~/Documents`, `~/文档`, else the home
/// folder), where an untitled document is proposed to be saved.
pub(crate) fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os("USERPROFILE")
        .filter(|_| cfg!(windows))
        .or_else(|| std::env::var_os("HOME"))
        .map(PathBuf::from)
        .filter(|h| h.is_absolute())?;
    ["Documents", "文档"]
        .iter()
        .map(|d| home.join(d))
        .find(|d| d.is_dir())
        .or(Some(home))
}

/// Adds `.ron` when a typed path has no extension.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}
