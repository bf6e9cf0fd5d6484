//! The reviewer's checklist: many files checked at once, one row per file
//! (部门/单位, 年度, 模板, counts per severity, 是否合格) and one row per
//! finding, written as a workbook or CSV (`yusuan check DIR… --report`).
//!
//! Files are checked on as many threads as the machine has cores (plain
//! `std::thread::scope`: the work is one independent job per file, no
//! crate needed). A file that cannot be read — missing, vanished since the
//! folder was listed, damaged, too large — is a row with the reason, never
//! an abort. Each worker drops its document once checked, so a folder of a
//! thousand files holds a thousand findings lists, not a thousand documents.

mod write;

pub use write::{ReportError, csv_paths, write_report};

use crate::catalog::Catalog;
use crate::model::Document;
use crate::rules::{Finding, Severity};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The extension of budget files.
pub const EXTENSION: &str = "ron";

/// What was found in one file.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Read and checked.
    Checked {
        /// 部门名称.
        dept: String,
        /// 部门 or 单位 document.
        entity: crate::model::Entity,
        /// 预算年度.
        year: i32,
        /// Template name, e.g. 武汉 2021.
        template: String,
        /// Findings, worst first.
        findings: Vec<Finding>,
        /// Open 审阅意见 ([`open_comment_count`]).
        open_comments: usize,
    },
    /// Could not be read; the message names the file and why.
    Unreadable(String),
}

/// One file of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    /// The file as given or found in the folder.
    pub path: PathBuf,
    /// What was found.
    pub outcome: Outcome,
}

impl FileRow {
    /// Number of findings of one severity (0 for an unreadable file).
    pub fn count(&self, s: Severity) -> usize {
        match &self.outcome {
            Outcome::Checked { findings, .. } => {
                findings.iter().filter(|f| f.severity() == s).count()
            }
            Outcome::Unreadable(_) => 0,
        }
    }

    /// 合格 (no 错误), 不合格, or 无法读取.
    pub fn verdict(&self) -> &'static str {
        match self.outcome {
            Outcome::Unreadable(_) => "无法读取",
            _ if self.count(Severity::Error) > 0 => "不合格",
            _ => "合格",
        }
    }

    /// The exit code this file alone would give `yusuan check`.
    pub fn exit_code(&self) -> i32 {
        match self.outcome {
            Outcome::Unreadable(_) => 2,
            _ => i32::from(self.count(Severity::Error) > 0),
        }
    }
}

/// The files to check and what was passed over.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    /// `.ron` files found in the folders and the files named, in order.
    pub files: Vec<PathBuf>,
    /// Entries of the folders that are not `.ron` files (other files,
    /// sub-folders, backups), skipped.
    pub skipped: Vec<PathBuf>,
    /// Folders or named paths that could not be listed, with the reason;
    /// they become unreadable rows.
    pub unlistable: Vec<(PathBuf, String)>,
}

/// Expands folders into their `.ron` files (not recursively, sorted by
/// name); named files are taken as they are, whatever their extension.
pub fn collect(paths: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    for p in paths {
        if !p.is_dir() {
            out.files.push(p.clone());
            continue;
        }
        match std::fs::read_dir(p) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                found.sort();
                for f in found {
                    let is_ron = f
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION));
                    if is_ron && !f.is_dir() {
                        out.files.push(f);
                    } else {
                        out.skipped.push(f);
                    }
                }
            }
            Err(e) => out.unlistable.push((
                p.clone(),
                format!("无法列出文件夹 {}：{}", p.display(), crate::io::reason(&e)),
            )),
        }
    }
    out
}

/// Open (unresolved) 审阅意见 in the file, for the checklist's column.
pub fn open_comment_count(doc: &Document) -> usize {
    crate::comments::open_comments(doc).count()
}

/// Catalogs shared between workers: loading one reads the installed lists
/// and parses the bundled ones, far more work than checking a file, and a
/// folder's files are nearly always of one year.
type CatalogKey = (i32, Option<(i32, String)>);

fn catalog_for(cache: &Mutex<HashMap<CatalogKey, Arc<Catalog>>>, doc: &Document) -> Arc<Catalog> {
    let key = (
        doc.meta.year,
        doc.meta
            .catalog
            .as_ref()
            .map(|c| (c.year, c.edition.clone())),
    );
    // A poisoned lock only means another worker panicked; the map is fine.
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(key)
        .or_insert_with(|| Arc::new(crate::catalogs::for_document(&doc.meta)))
        .clone()
}

/// Checks one file.
pub(crate) fn check_file(path: &Path, catalog: impl FnOnce(&Document) -> Arc<Catalog>) -> FileRow {
    let outcome = match crate::io::load(path) {
        Err(e) => Outcome::Unreadable(e.in_file(path)),
        Ok(doc) => {
            let catalog = catalog(&doc);
            let findings = crate::rules::check(&doc, &catalog);
            Outcome::Checked {
                dept: doc.meta.dept_name.clone(),
                entity: doc.meta.entity,
                year: doc.meta.year,
                template: doc.meta.template.label().to_string(),
                findings,
                open_comments: open_comment_count(&doc),
            }
        }
    };
    FileRow {
        path: path.to_path_buf(),
        outcome,
    }
}

/// Checks every file, in parallel; rows come back in the order given.
pub fn check_all(files: &[PathBuf]) -> Vec<FileRow> {
    let cache = Mutex::new(HashMap::new());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let mut rows: Vec<(usize, FileRow)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, check_file(path, |d| catalog_for(&cache, d))));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                // A worker that panicked (a bug) loses its rows; the files
                // are then reported as not checked below rather than missing.
                w.join().unwrap_or_default()
            })
            .collect()
    });
    rows.sort_by_key(|(i, _)| *i);
    let mut out = Vec::with_capacity(files.len());
    let mut it = rows.into_iter().peekable();
    for (i, path) in files.iter().enumerate() {
        match it.next_if(|(j, _)| *j == i) {
            Some((_, row)) => out.push(row),
            None => out.push(FileRow {
                path: path.clone(),
                outcome: Outcome::Unreadable(format!("{}：检查时程序出错，未完成", path.display())),
            }),
        }
    }
    out
}

/// The checklist of `paths` (files and folders): every file's row, those
/// of folders that could not be listed included.
pub fn run(paths: &[PathBuf]) -> (Vec<FileRow>, Inputs) {
    let inputs = collect(paths);
    let mut rows = check_all(&inputs.files);
    rows.extend(inputs.unlistable.iter().map(|(p, why)| FileRow {
        path: p.clone(),
        outcome: Outcome::Unreadable(why.clone()),
    }));
    (rows, inputs)
}

/// The exit code of the whole run: the worst file's (2 unreadable, 1 错误).
pub fn exit_code(rows: &[FileRow]) -> i32 {
    rows.iter().map(FileRow::exit_code).max().unwrap_or(0)
}

/// Terminal output: one line per file, then the totals.
pub fn render(rows: &[FileRow], inputs: &Inputs) -> String {
    let mut out = String::new();
    for r in rows {
        let name = crate::text::visible(&r.path.display().to_string()).into_owned();
        match &r.outcome {
            Outcome::Checked { dept, year, .. } => {
                out += &format!(
                    "{}  {}  {}年  错误 {}，警告 {}，提示 {}  {}\n",
                    name,
                    crate::text::visible(dept),
                    year,
                    r.count(Severity::Error),
                    r.count(Severity::Warning),
                    r.count(Severity::Info),
                    r.verdict()
                );
            }
            Outcome::Unreadable(why) => out += &format!("{name}  无法读取：{why}\n"),
        }
    }
    let n = |v: &str| rows.iter().filter(|r| r.verdict() == v).count();
    out += &format!(
        "共 {} 个文件：合格 {}，不合格 {}，无法读取 {}",
        rows.len(),
        n("合格"),
        n("不合格"),
        n("无法读取")
    );
    if !inputs.skipped.is_empty() {
        out += &format!("；跳过 {} 个非 .ron 文件或文件夹", inputs.skipped.len());
    }
    out.push('\n');
    out
}

/// Refuses a report name that is neither `.xlsx` nor `.csv`, before any
/// file is checked.
pub fn check_report_name(out: &Path) -> Result<(), ReportError> {
    write::format_of(out).map(|_| ())
}
