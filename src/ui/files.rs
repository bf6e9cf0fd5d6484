//! Files as the app needs them: reading and writing documents (through the
//! core where it provides it), the system file dialogs with a fallback for
//! machines without a dialog service, autosave copies and the bundled example.

use crate::model::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// File-name extension of documents.
pub const EXTENSION: &str = "ron";

/// Reads a document (the core's bounded, versioned reader).
pub fn load(path: &Path) -> Result<Document, String> {
    crate::io::load(path).map_err(|e| e.to_string())
}

/// Saves a document atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save(path: &Path, doc: &Document) -> Result<(), String> {
    crate::io::save(path, doc).map_err(|e| e.to_string())
}

/// The bundled example document (青山区大数据中心 2021).
pub fn example() -> Document {
    // Embedded so that the app opens it from any folder. A test keeps the
    // file loadable, so the fallback only guards against a broken build.
    crate::io::from_str(include_str!("../../examples/qingshan-2021.ron"))
        .unwrap_or_else(|_| blank(2021))
}

/// A new, empty document for `year`.
pub fn blank(year: i32) -> Document {
    Document::blank("新部门", year)
}

/// Where the autosave copy of a document lives: `NAME.ron.autosave` beside
/// the file, or `未命名.ron.autosave` in the app's data directory.
pub fn autosave_path(path: Option<&Path>) -> Option<PathBuf> {
    match path {
        Some(p) => {
            let mut s = p.as_os_str().to_owned();
            s.push(".autosave");
            Some(PathBuf::from(s))
        }
        None => eframe::storage_dir(super::APP_ID).map(|d| d.join("未命名.ron.autosave")),
    }
}

/// Writes the autosave copy.
pub fn write_autosave(path: Option<&Path>, doc: &Document) -> Result<(), String> {
    let target = autosave_path(path).ok_or("找不到存放自动保存副本的目录")?;
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("无法创建目录 {}：{e}", dir.display()))?;
    }
    // A copy, not a save: no .bak of the previous copy.
    let text = crate::io::to_string(doc).map_err(|e| e.to_string())?;
    crate::io::atomic_write(&target, text.as_bytes())
        .map_err(|e| format!("无法写入自动保存副本 {}：{e}", target.display()))
}

/// An autosave copy newer than the file it belongs to, if one exists.
pub fn pending_autosave(path: Option<&Path>) -> Option<PathBuf> {
    let copy = autosave_path(path)?;
    let copy_time = std::fs::metadata(&copy).and_then(|m| m.modified()).ok()?;
    match path.map(std::fs::metadata) {
        Some(Ok(meta)) => match meta.modified() {
            Ok(file_time) if file_time >= copy_time => None,
            _ => Some(copy),
        },
        _ => Some(copy),
    }
}

/// Removes the autosave copy (after a save, or when the user discards it).
pub fn remove_autosave(path: Option<&Path>) {
    if let Some(copy) = autosave_path(path) {
        let _ = std::fs::remove_file(copy);
    }
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
pub fn pick_open(dir: Option<&Path>) -> Picked {
    run(|| {
        base(dir)
            .set_title("打开预算文件")
            .add_filter("预算文件", &[EXTENSION])
            .pick_file()
    })
}

/// 另存为: pick where to save.
pub fn pick_save(dir: Option<&Path>, name: &str) -> Picked {
    run(|| {
        base(dir)
            .set_title("保存预算文件")
            .add_filter("预算文件", &[EXTENSION])
            .set_file_name(name)
            .save_file()
    })
}

/// 导出PDF: pick where to write the PDF.
pub fn pick_pdf(dir: Option<&Path>, name: &str) -> Picked {
    run(|| {
        base(dir)
            .set_title("导出PDF")
            .add_filter("PDF", &["pdf"])
            .set_file_name(name)
            .save_file()
    })
}

/// Adds `.ron` when a typed path has no extension.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}
