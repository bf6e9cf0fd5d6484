//! The one guarded writer: every file the program writes (documents, PDF,
//! xlsx, reports, catalogs, recovery copies) goes through [`write`] or
//! [`write_all`], which promise:
//!
//! - **The real file.** A symlink is followed and the file it names is
//!   replaced; the link stays a link.
//! - **No output over an input.** The target is compared with every input
//!   of the command by resolved path and by file identity (device and
//!   inode where the system has them), not by the string given.
//! - **No output over a document.** Only a [`Replace::Document`] write may
//!   replace a file that reads as a budget document (and then only the one
//!   being saved, as it was loaded); a PDF, workbook or report never does,
//!   and never takes a `.ron`/`.bak`/`.lock` name.
//! - **Permission respected.** A file without write permission (read-only
//!   attribute, or another user's file in a shared folder) is refused with
//!   the reason, although the folder would let the program replace it.
//! - **The lock respected.** A document write takes the document's lock for
//!   the write (or uses the one the caller holds) and is refused when
//!   another live process holds it.
//! - **No lost update.** Before a document is replaced, the file on disk is
//!   compared (by [`Fingerprint`]) with what was loaded; on a difference the
//!   write is refused, so the caller asks (app) or stops (CLI).
//! - **Atomic and together.** Each file is written to a temporary file in
//!   its folder, synced and renamed over the target; [`write_all`] checks
//!   every target before the first rename, so paired outputs are written
//!   both or neither (short of the system failing between two renames).
//! - **A document that loads again.** A document's text is read back before
//!   it is written; one that would not load is refused.

use super::lock::{FileLock, LockError};
use std::fs;
use std::hash::Hasher;
use std::path::{Component, Path, PathBuf};

/// What a file held when it was loaded: its length and a 64-bit SipHash of
/// its bytes. Tells a file changed by someone else from the one loaded (not
/// a defence against forgery).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        // `DefaultHasher::new()` is SipHash-1-3 with fixed keys: the same
        // bytes give the same value in every process and run.
        #[expect(
            deprecated,
            reason = "SipHasher13 is not public; DefaultHasher::new() is keyed the same way"
        )]
        let mut h = std::hash::SipHasher::new();
        h.write(bytes);
        Fingerprint {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// The fingerprint of the file at `path` now (`None` when it does not exist).
    pub fn of_file(path: &Path) -> std::io::Result<Option<Fingerprint>> {
        match super::read_bounded(path) {
            Ok(b) => Ok(Some(Fingerprint::of(&b))),
            Err(super::LoadError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(None)
            }
            Err(super::LoadError::Io { source, .. }) => Err(source),
            // Too large to be one of ours: it cannot be what was loaded.
            Err(_) => Ok(Some(Fingerprint {
                len: u64::MAX,
                hash: 0,
            })),
        }
    }
}

/// What the target may hold before it is replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// A derived output (PDF, workbook, report, catalog, template): may
    /// replace any regular file that is not a budget document and not an
    /// input; never takes a document's name (`.ron`, `.bak`, `.lock`).
    Output,
    /// A new document: the target must not exist.
    New,
    /// The document itself, over the file it was loaded from: the file must
    /// still be as loaded (`Some`), or absent (`None`: never saved, or
    /// deleted since).
    Document(Option<Fingerprint>),
    /// A document over whatever regular file is there: the user confirmed
    /// replacing it (另存为 after the system dialog asked).
    Confirmed,
    /// A merged document over an earlier merge: the target must be absent
    /// or a document made by merging.
    EarlierMerge,
}

/// How the write deals with the document's lock.
#[derive(Clone, Copy, Debug)]
pub enum Locking<'a> {
    /// Not a document: no lock.
    None,
    /// Take the lock for the write; refuse when another live process holds it.
    Take,
    /// The caller holds it (the app's open document).
    Held(&'a FileLock),
}

/// One file to write.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// Where, as the user gave it.
    pub path: &'a Path,
    /// What it may replace.
    pub replace: Replace,
    /// Files the command read: the target may be none of them.
    pub inputs: &'a [&'a Path],
    /// The lock.
    pub locking: Locking<'a>,
}

impl<'a> Target<'a> {
    /// A derived output (PDF, xlsx, report) read from `inputs`.
    pub fn output(path: &'a Path, inputs: &'a [&'a Path]) -> Target<'a> {
        Target {
            path,
            replace: Replace::Output,
            inputs,
            locking: Locking::None,
        }
    }

    /// A document written by a command that holds no lock (CLI): the lock
    /// is taken for the write.
    pub fn document(path: &'a Path, replace: Replace, inputs: &'a [&'a Path]) -> Target<'a> {
        Target {
            path,
            replace,
            inputs,
            locking: Locking::Take,
        }
    }
}

/// Why a write was refused or failed. Messages are for the 填报人; in every
/// case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is one of the command's inputs.
    #[error("输出文件 {path} 就是输入文件 {input}，未写入（原文件未改动）", path = .path.display(), input = .input.display())]
    IsInput {
        /// The target.
        path: PathBuf,
        /// The input it is.
        input: PathBuf,
    },
    /// A derived output over a budget document.
    #[error("{path} 是预算文件，不能用导出结果覆盖它，请换一个文件名（原文件未改动）", path = .path.display())]
    WouldReplaceDocument {
        /// The target.
        path: PathBuf,
    },
    /// A derived output under a document's name.
    #[error("输出文件名 {path} 以 .{ext} 结尾，这是预算文件的扩展名；请用 .pdf、.xlsx 或 .csv（未写入）", path = .path.display())]
    DocumentName {
        /// The target.
        path: PathBuf,
        /// Its extension.
        ext: String,
    },
    /// A new document where a file exists.
    #[error("文件 {path} 已存在，未覆盖", path = .path.display())]
    Exists {
        /// The target.
        path: PathBuf,
    },
    /// Re-merging over a file that is not an earlier merge.
    #[error("文件 {path} 已存在且不是汇总生成的文件，未覆盖", path = .path.display())]
    NotAMerge {
        /// The target.
        path: PathBuf,
    },
    /// The file changed on disk since it was loaded.
    #[error("文件 {path} 在打开后已被其他程序或其他人修改，为免覆盖他人的修改，未保存；请重新打开该文件，或另存为新文件", path = .path.display())]
    ChangedOnDisk {
        /// The target.
        path: PathBuf,
    },
    /// The user may not write the file.
    #[error("文件 {path} 是只读的或属于其他用户（{why}），未覆盖；请另存为新文件或先修改文件权限", path = .path.display())]
    ReadOnly {
        /// The target.
        path: PathBuf,
        /// What the system said.
        why: String,
    },
    /// Another process holds the document's lock, or the lock could not be taken.
    #[error("{path}：{source}，未写入（原文件未改动）", path = .path.display())]
    Locked {
        /// The document.
        path: PathBuf,
        /// Who holds it.
        source: LockError,
    },
    /// The document's text would not load again.
    #[error("生成的文件内容无法再次读取（{0}），未写入；请报告此问题")]
    WouldNotLoad(String),
    /// The system refused or failed the write.
    #[error("无法保存到 {path}：{why}（原文件未改动）", path = .path.display(), why = super::reason(.source))]
    Io {
        /// The target.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// The file a path names, symlinks followed (also a dangling one, and
/// through a chain). A path that does not exist is made absolute and its
/// `..` resolved against the real parent folder.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    // Does not exist (or a dangling link): follow links by hand.
    let mut p = std::path::absolute(path)?;
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => break,
        }
    }
    let name = p.file_name().map(|n| n.to_os_string());
    let parent = p.parent().map(Path::to_path_buf);
    match (parent, name) {
        (Some(dir), Some(name)) => {
            let dir = fs::canonicalize(&dir).unwrap_or_else(|_| normalise(&dir));
            Ok(dir.join(name))
        }
        _ => Ok(normalise(&p)),
    }
}

/// `a/./b/../c` → `a/c`, lexically (only for folders that do not exist).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// True when `a` and `b` are the same file: same resolved path, or (where
/// both exist) the same device and inode.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ra), Ok(rb)) = (resolve(a), resolve(b)) else {
        return false;
    };
    if ra == rb {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (fs::metadata(&ra), fs::metadata(&rb)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// True when the file at `path` is a budget document, by the two fields
/// every document has (`format_version`, `meta`): a damaged document
/// counts too, and no file is parsed whole to decide.
pub(crate) fn is_document(path: &Path) -> bool {
    let Ok(bytes) = super::read_bounded(path) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return false;
    };
    text.contains("format_version") && text.contains("meta")
}

const DOCUMENT_EXTENSIONS: [&str; 3] = ["ron", "bak", "lock"];

/// A target checked, resolved and, for a document, locked: ready to write.
struct Checked<'a> {
    real: PathBuf,
    shown: &'a Path,
    /// What the target holds now, where the check read it (a document).
    disk: Option<Option<Fingerprint>>,
    _lock: Option<FileLock>,
}

fn check<'a>(t: &Target<'a>) -> Result<Checked<'a>, WriteError> {
    let path = t.path;
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let real = resolve(path).map_err(io)?;
    for input in t.inputs {
        if same_file(&real, input) {
            return Err(WriteError::IsInput {
                path: path.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    let meta = match fs::metadata(&real) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "目标已存在且不是普通文件",
        )));
    }
    // A missing folder is named as such, before a lock is tried in it.
    if let Some(dir) = real.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::metadata(dir).map_err(io)?;
    }
    // The lock first, so nobody changes the file between the checks and the write.
    let lock = match t.locking {
        Locking::None | Locking::Held(_) => None,
        Locking::Take => Some(FileLock::acquire(&real).map_err(|e| match e {
            // No lock can be made there: the folder is what refuses.
            LockError::Io { source, .. } => WriteError::Io {
                path: path.to_path_buf(),
                source,
            },
            held => WriteError::Locked {
                path: path.to_path_buf(),
                source: held,
            },
        })?),
    };
    if let Locking::Held(l) = t.locking
        && let Some(other) = l.taken_by_other()
    {
        return Err(WriteError::Locked {
            path: path.to_path_buf(),
            source: LockError::Held(other),
        });
    }
    let mut disk = None;
    match t.replace {
        Replace::Output => {
            let ext = real
                .extension()
                .or(path.extension())
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
                return Err(WriteError::DocumentName {
                    path: path.to_path_buf(),
                    ext,
                });
            }
            if meta.is_some() && is_document(&real) {
                return Err(WriteError::WouldReplaceDocument {
                    path: path.to_path_buf(),
                });
            }
        }
        Replace::New if meta.is_some() => {
            return Err(WriteError::Exists {
                path: path.to_path_buf(),
            });
        }
        Replace::New | Replace::Confirmed => {}
        Replace::Document(expected) => {
            let now = Fingerprint::of_file(&real).map_err(io)?;
            if now.is_some() && now != expected {
                return Err(WriteError::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
            }
            disk = Some(now);
        }
        Replace::EarlierMerge => {
            if meta.is_some() {
                match super::load(&real) {
                    Ok(d) if !d.merged_from.is_empty() => {}
                    _ => {
                        return Err(WriteError::NotAMerge {
                            path: path.to_path_buf(),
                        });
                    }
                }
            }
        }
    }
    if let Some(m) = &meta {
        writable(&real, m).map_err(|why| WriteError::ReadOnly {
            path: path.to_path_buf(),
            why,
        })?;
    }
    Ok(Checked {
        real,
        shown: path,
        disk,
        _lock: lock,
    })
}

/// Refuses a file the user may not write although its folder would let the
/// program replace it: the read-only attribute, or the system's own verdict
/// on opening it for writing (another user's file, an ACL).
fn writable(real: &Path, m: &fs::Metadata) -> Result<(), String> {
    if m.permissions().readonly() {
        return Err("文件设为只读".into());
    }
    // Replacing by rename would make another user's file ours (owner,
    // group, permissions): refused even where the folder allows it.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(me) = fs::metadata("/proc/self")
            && me.uid() != m.uid()
        {
            return Err(format!("文件属于其他用户（用户号 {}）", m.uid()));
        }
    }
    match fs::OpenOptions::new().write(true).open(real) {
        Ok(_) => Ok(()),
        Err(e) => Err(super::reason(&e)),
    }
}

/// Writes `bytes` to `t` under every guarantee of this module.
pub fn write(t: &Target, bytes: &[u8]) -> Result<(), WriteError> {
    write_all(&[(*t, bytes)])
}

/// Writes to `t` under every guarantee of this module what `fill` writes
/// (through a buffer), for an output too large to hold in memory as well as
/// the data it is made from (a 15,000-page PDF). Returns the file's length.
pub fn write_streamed(
    t: &Target,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<u64, WriteError> {
    let c = check(t)?;
    let io = |source| WriteError::Io {
        path: c.shown.to_path_buf(),
        source,
    };
    let tmp = super::stage(&c.real, |f| {
        let mut w = std::io::BufWriter::new(f);
        fill(&mut w)?;
        std::io::Write::flush(&mut w)
    })
    .map_err(io)?;
    let len = tmp.as_file().metadata().map_err(io)?.len();
    super::commit(tmp, &c.real).map_err(io)?;
    Ok(len)
}

/// Writes several files as one unit: every target is checked (and locked)
/// before the first is replaced, and a failure before the renames leaves
/// every file as it was.
pub fn write_all(files: &[(Target, &[u8])]) -> Result<(), WriteError> {
    let checked: Vec<Checked> = files
        .iter()
        .map(|(t, _)| check(t))
        .collect::<Result<_, _>>()?;
    for (i, a) in checked.iter().enumerate() {
        if checked[i + 1..].iter().any(|b| b.real == a.real) {
            return Err(WriteError::IsInput {
                path: a.shown.to_path_buf(),
                input: a.shown.to_path_buf(),
            });
        }
    }
    let mut staged = Vec::with_capacity(files.len());
    for (c, (_, bytes)) in checked.iter().zip(files) {
        let tmp =
            super::stage(&c.real, |f| std::io::Write::write_all(f, bytes)).map_err(|source| {
                WriteError::Io {
                    path: c.shown.to_path_buf(),
                    source,
                }
            })?;
        staged.push(tmp);
    }
    for (c, tmp) in checked.iter().zip(staged) {
        super::commit(tmp, &c.real).map_err(|source| WriteError::Io {
            path: c.shown.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// Saves `doc` to `t` (a document target): its text checked to load again,
/// the previous file kept as `NAME.ron.bak`, nothing written when the file
/// already holds exactly this text. Returns the fingerprint of what is now
/// on disk, for the next save's [`Replace::Document`].
pub fn save_document(t: &Target, doc: &crate::model::Document) -> Result<Fingerprint, WriteError> {
    let text = super::to_string(doc).map_err(|e| WriteError::WouldNotLoad(e.to_string()))?;
    match super::from_str(&text) {
        Ok(back) if back == *crate::comments::identified(doc) => {}
        Ok(_) => return Err(WriteError::WouldNotLoad("读回的内容与原文档不同".into())),
        Err(e) => return Err(WriteError::WouldNotLoad(e.to_string())),
    }
    let fp = Fingerprint::of(text.as_bytes());
    let c = check(t)?;
    let io = |source| WriteError::Io {
        path: t.path.to_path_buf(),
        source,
    };
    let now = match c.disk {
        Some(now) => now,
        None => Fingerprint::of_file(&c.real).map_err(io)?,
    };
    if now.is_some() {
        // Unchanged: nothing to write, and the backup stays one step back.
        if now == Some(fp) {
            return Ok(fp);
        }
        super::atomic_copy(&c.real, &super::backup_path(&c.real)).map_err(io)?;
    }
    let tmp =
        super::stage(&c.real, |f| std::io::Write::write_all(f, text.as_bytes())).map_err(io)?;
    super::commit(tmp, &c.real).map_err(io)?;
    Ok(fp)
}
