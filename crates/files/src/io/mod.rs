//! Reading and writing `.ron` documents: bounded, versioned, atomic.
//!
//! - Files are UTF-8 RON, pretty-printed, amounts as decimal strings. What
//!   [`to_string`] writes, [`from_str`] reads back to the same document, and
//!   writing that again gives the same bytes.
//! - Unknown fields are accepted and ignored (a file written by a later minor
//!   change still opens); missing optional fields take their defaults.
//! - A file larger than [`MAX_FILE_BYTES`] or nested deeper than
//!   [`RECURSION_LIMIT`] is refused before it can exhaust memory or stack.
//! - A file whose `format_version` is newer than this build is refused.
//! - Every write goes through [`write`], the one guarded writer: symlinks
//!   followed, no output over an input or a document, permissions and the
//!   lock respected, a document replaced only as it was loaded. It writes a
//!   temp file in the target folder, fsyncs it, keeps the previous file as
//!   `NAME.ron.bak`, renames the temp file over the target and fsyncs the
//!   folder: a failure at any point leaves the old file intact.
//! - [`lock`] warns when a file is already open in another instance;
//!   [`recovery`] keeps the copies that survive a crash.

pub mod lock;
pub mod recovery;
pub mod write;

pub use write::{Fingerprint, Replace, Target, WriteError};

use crate::model::{Document, FORMAT_VERSION};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest file [`load`] accepts (16 MiB; the largest real document is well
/// under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting [`from_str`] follows.
pub(crate) const RECURSION_LIMIT: usize = 64;

/// Why a document could not be read. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("无法读取文件 {path}：{why}", path = .path.display(), why = reason(.source))]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// Bigger than [`MAX_FILE_BYTES`].
    #[error("文件 {path} 过大（{size} 字节，上限 {max} 字节），不是本程序保存的预算文件", path = .path.display())]
    TooLarge {
        /// File.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// Not UTF-8 text.
    #[error(
        "文件不是 UTF-8 文本（第 {line} 行第 {col} 列有无法识别的字节），可能不是预算文件或已损坏"
    )]
    NotUtf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
    },
    /// Written by a newer version of the program.
    #[error(
        "此文件由较新版本的程序保存（格式版本 {found}，本程序支持到 {supported}），请升级程序后再打开"
    )]
    NewerVersion {
        /// Version in the file.
        found: u32,
        /// Newest this build reads.
        supported: u32,
    },
    /// A template this build does not know: from a newer version of the
    /// program, or mistyped. Refused like a newer `format_version`.
    #[error("此文件使用模板“{found}”，本程序不认识（第 {line} 行）。已知模板：{known}。文件若由较新版本的程序保存，请升级程序后再打开；若用的是本机安装的模板，文件须带着模板全文（用“新建”或 yusuan new --template 建的文件都带着，手写 template: {found} 不够）", known = crate::template::Template::known_list())]
    UnknownTemplate {
        /// The name in the file.
        found: String,
        /// 1-based line.
        line: usize,
    },
    /// The template the file carries does not read.
    #[error("{0}")]
    Template(String),
    /// `format_version: 0`: no version of the program wrote it.
    #[error(
        "文件的格式版本为 0，不是本程序保存的预算文件（本程序的文件从版本 1 起），可能已损坏或由其他程序生成"
    )]
    VersionZero,
    /// A count beyond [`MAX_COUNT`].
    #[error("{what}为 {value}，超出可能的范围（上限 {MAX_COUNT}），文件可能已损坏")]
    OutOfRange {
        /// Which count.
        what: String,
        /// Its value.
        value: String,
    },
    /// Malformed content.
    #[error("文件格式错误（第 {line} 行第 {col} 列）：{message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong, in Chinese where known.
        message: String,
    },
}

impl LoadError {
    /// Adds the file name to a content error, for messages shown outside the app.
    pub fn in_file(self, path: &Path) -> String {
        match self {
            LoadError::Io { .. } | LoadError::TooLarge { .. } => self.to_string(),
            other => format!("{}：{}", path.display(), other),
        }
    }
}

/// Why a document could not be turned into text (should not happen).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The document could not be serialised.
    #[error("无法生成文件内容：{0}")]
    Serialize(String),
}

/// An operating-system error in words a 填报人 can act on, with the system's
/// own text after it for support staff.
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(words) = crate::platform::os_reason(e) {
        return format!("{words}（{e}）");
    }
    let words = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限（文件或文件夹为只读，或被其他程序占用）",
        K::StorageFull => "磁盘空间已满",
        K::FileTooLarge => "超出系统允许的文件大小",
        K::ReadOnlyFilesystem => "磁盘或存储设备为只读",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::InvalidFilename => "文件名无效或过长",
        K::InvalidInput => "不是普通文件",
        K::AlreadyExists => "文件已存在",
        _ => "系统错误",
    };
    format!("{words}（{e}）")
}

fn translate(err: &ron::Error) -> String {
    use ron::Error as E;
    match err {
        E::Eof => "文件意外结束，可能不完整或被截断".into(),
        E::MissingStructField { field, outer } => match outer {
            Some(o) => format!("{o} 缺少字段 {field}"),
            None => format!("缺少字段 {field}"),
        },
        E::DuplicateStructField { field, .. } => format!("字段 {field} 重复出现"),
        E::ExceededRecursionLimit => format!("嵌套层数超过 {RECURSION_LIMIT} 层"),
        E::NoSuchEnumVariant {
            found, expected, ..
        } => {
            format!("“{found}”不是可用的取值（可用：{}）", expected.join("、"))
        }
        E::ExpectedString | E::ExpectedStringEnd => "此处应为带引号的文字".into(),
        E::InvalidValueForType { expected, found } => format!("此处应为{expected}，实际为 {found}"),
        E::Message(m) => format!("内容不符合要求：{m}"),
        other => format!("内容不符合预算文件格式（{other}）"),
    }
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

fn syntax(e: ron::error::SpannedError) -> LoadError {
    if let ron::Error::NoSuchEnumVariant {
        found,
        outer: Some(outer),
        ..
    } = &e.code
        && outer == "Template"
    {
        return LoadError::UnknownTemplate {
            found: found.chars().take(40).collect(),
            line: e.span.start.line,
        };
    }
    LoadError::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        message: translate(&e.code),
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Parses a document from RON text.
pub fn from_str(text: &str) -> Result<Document, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Read the version first so that a newer file is refused with a clear
    // message rather than with whatever field it added.
    let probe: Result<VersionProbe, _> = options().from_str(text);
    if let Ok(p) = &probe
        && p.format_version == 0
    {
        return Err(LoadError::VersionZero);
    }
    if let Ok(p) = &probe
        && p.format_version > FORMAT_VERSION
    {
        return Err(LoadError::NewerVersion {
            found: p.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let mut doc: Document = options().from_str(text).map_err(syntax)?;
    template_readable(text, &doc)?;
    counts_in_range(&doc)?;
    // Projects of older files have no 项目编码: give them one before the
    // comments that name a project by its name are mapped to its code.
    doc.assign_project_codes();
    crate::comments::identify_legacy(&mut doc);
    Ok(doc)
}

/// Refuses a document whose template this build neither bundles nor finds
/// in the file (a bundled id from a newer version, or carried text that
/// does not read).
fn template_readable(text: &str, doc: &Document) -> Result<(), LoadError> {
    match doc.meta.template.readable() {
        Ok(()) => Ok(()),
        Err(crate::template::TemplateError::UnknownTemplate(found)) => {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("template:"))
                .map_or(1, |i| i + 1);
            Err(LoadError::UnknownTemplate { found, line })
        }
        Err(e) => Err(LoadError::Template(e.to_string())),
    }
}

/// Largest head or vehicle count a document may hold: far beyond any
/// department, far below where a sum of counts could overflow.
pub(crate) const MAX_COUNT: u32 = 10_000_000;

/// Refuses counts no department has, so that no total of them can overflow.
fn counts_in_range(doc: &Document) -> Result<(), LoadError> {
    let s = &doc.overview.staffing;
    let counts = s
        .authorized
        .iter()
        .map(|(k, n)| (format!("编制人数（{}）", k.label()), *n))
        .chain(
            s.actual
                .iter()
                .map(|(k, n)| (format!("实有人数（{}）", k.label()), *n)),
        )
        .chain([
            ("离退休人数".to_string(), s.retired),
            ("车辆数".to_string(), doc.other.vehicles),
        ]);
    for (what, n) in counts {
        if n > MAX_COUNT {
            return Err(LoadError::OutOfRange {
                what,
                value: n.to_string(),
            });
        }
    }
    Ok(())
}

/// Parses a document from raw bytes (checks UTF-8 first).
pub fn from_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => from_str(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(LoadError::NotUtf8 { line, col })
        }
    }
}

/// Reads a document from a file, refusing files over [`MAX_FILE_BYTES`].
pub fn load(path: &Path) -> Result<Document, LoadError> {
    from_bytes(&read_bounded(path)?)
}

/// Reads a document and the [`Fingerprint`] of the bytes it came from: what
/// a later save of it passes as [`Replace::Document`], so that it never
/// replaces a file someone else changed in between.
pub fn load_fingerprinted(path: &Path) -> Result<(Document, Fingerprint), LoadError> {
    let bytes = read_bounded(path)?;
    let doc = from_bytes(&bytes)?;
    Ok((doc, Fingerprint::of(&bytes)))
}

/// The bytes of a file, refusing files over [`MAX_FILE_BYTES`] (for callers
/// that need the bytes themselves too, e.g. to fingerprint a unit's file
/// when merging).
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// The canonical text of a document: what [`save`] writes.
pub fn to_string(doc: &Document) -> Result<String, SaveError> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false);
    // Projects still without a 项目编码 are written with the one loading
    // would give them, so the file reads back as what was saved.
    let doc = crate::comments::identified(doc);
    let mut s = options()
        .to_string_pretty(&*doc, config)
        .map_err(|e| SaveError::Serialize(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// Writes `bytes` to `path` atomically: temp file in the same folder, fsync,
/// rename, fsync of the folder. Refuses to replace anything but a regular
/// file (a device such as `/dev/full`, a folder, a pipe).
pub(crate) fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_fill(path, |f| f.write_all(bytes))
}

/// Copies the regular file `from` to `to` atomically, streaming (the
/// previous file may be of any size).
pub(crate) fn atomic_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    atomic_fill(to, |f| {
        std::io::copy(&mut File::open(from)?, f)?;
        Ok(())
    })
}

fn not_regular() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, "目标已存在且不是普通文件")
}

fn atomic_fill(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = stage(path, fill)?;
    commit(tmp, path)
}

/// The first half of an atomic write: a temp file in `path`'s folder,
/// filled and synced, with the permissions the result should have.
/// Refuses to replace anything but a regular file (a device such as
/// `/dev/full`, a folder, a pipe).
pub(crate) fn stage(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    crate::platform::check_path_length(path)?;
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(not_regular());
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".yusuan-").suffix(".tmp");
    // A temp file is private (0600); the result is a document colleagues on
    // a shared folder must open: a new file gets 0666 less the umask (0644
    // usually), as any program's would.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder(path))?;
    // A replaced file keeps its own permissions.
    if let Some(m) = existing {
        tmp.as_file().set_permissions(m.permissions())?;
    }
    // On failure the temp file is deleted when `tmp` drops.
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The second half: renames the staged file over `path` and syncs the folder.
pub(crate) fn commit(tmp: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable. Directories cannot be opened for sync
    // on every platform; where they cannot, the rename is still atomic.
    if let Ok(d) = File::open(folder(path)) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` appended to its whole name: `NAME.ron` → `NAME.ron.bak`
/// (the backup, the lock and the recovery copy sit beside the document).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Path of the backup kept by [`save`]: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// Saves a document atomically, keeping the previous file as `NAME.ron.bak`,
/// over whatever regular file is at `path` (taking its lock for the write).
/// For files the caller owns outright (tests, a fresh folder); the app and
/// the commands name what the target may hold with [`write::save_document`].
pub fn save(path: &Path, doc: &Document) -> Result<(), WriteError> {
    write::save_document(&Target::document(path, Replace::Confirmed, &[]), doc).map(|_| ())
}
