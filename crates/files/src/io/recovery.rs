//! Recovery copies: while a document has unsaved changes the app writes it
//! every so often to `NAME.ron.autosave` beside the file (or to
//! `未命名.ron.autosave` in a data folder for an untitled document). After a
//! crash the next start finds a copy newer than the file and offers it. A
//! normal save or an explicit discard removes the copy.

use super::{atomic_write, to_string};
use crate::model::Document;
use std::path::{Path, PathBuf};

/// Where recovery copies go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Folder for copies of untitled documents (None: they get no copy).
    pub untitled_dir: Option<PathBuf>,
}

/// Why a recovery copy could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// An untitled document and no data folder.
    #[error("找不到存放自动保存副本的目录")]
    NoFolder,
    /// Writing failed.
    #[error("无法写入自动保存副本 {path}：{why}", path = .path.display(), why = super::reason(.source))]
    Io {
        /// The copy.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

impl Recovery {
    /// Copies of untitled documents go to `dir`.
    pub fn new(untitled_dir: Option<PathBuf>) -> Recovery {
        Recovery { untitled_dir }
    }

    /// The copy of the document at `path` (None: untitled).
    pub fn copy_path(&self, path: Option<&Path>) -> Option<PathBuf> {
        match path {
            Some(p) => Some(super::sibling(p, ".autosave")),
            None => self
                .untitled_dir
                .as_ref()
                .map(|d| d.join("未命名.ron.autosave")),
        }
    }

    /// Writes the copy atomically (a crash while writing leaves the previous
    /// copy); no `.bak` of the previous copy.
    pub fn write(&self, path: Option<&Path>, doc: &Document) -> Result<PathBuf, RecoveryError> {
        let target = self.copy_path(path).ok_or(RecoveryError::NoFolder)?;
        let io = |source| RecoveryError::Io {
            path: target.clone(),
            source,
        };
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = to_string(doc).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        atomic_write(&target, text.as_bytes()).map_err(io)?;
        Ok(target)
    }

    /// A copy newer than the file it belongs to (or any copy of an untitled
    /// document), if one exists.
    pub fn pending(&self, path: Option<&Path>) -> Option<PathBuf> {
        let copy = self.copy_path(path)?;
        let copy_time = std::fs::metadata(&copy).and_then(|m| m.modified()).ok()?;
        match path.map(std::fs::metadata) {
            Some(Ok(meta)) => match meta.modified() {
                Ok(file_time) if file_time > copy_time => None,
                _ => Some(copy),
            },
            _ => Some(copy),
        }
    }

    /// Removes the copy (after a save, or when the user discards it).
    pub fn remove(&self, path: Option<&Path>) {
        if let Some(copy) = self.copy_path(path) {
            let _ = std::fs::remove_file(copy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_is_pending_until_removed() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(Some(dir.path().join("data")));
        let file = dir.path().join("预算.ron");
        let doc = Document::blank("测试", 2021);
        super::super::save(&file, &doc).unwrap();
        assert_eq!(r.pending(Some(&file)), None);
        let copy = r.write(Some(&file), &doc).unwrap();
        assert_eq!(r.pending(Some(&file)), Some(copy.clone()));
        assert_eq!(super::super::load(&copy).unwrap(), doc);
        r.remove(Some(&file));
        assert_eq!(r.pending(Some(&file)), None);
        // Untitled copies live in the data folder.
        let untitled = r.write(None, &doc).unwrap();
        assert!(untitled.starts_with(dir.path().join("data")));
        assert_eq!(r.pending(None), Some(untitled));
        assert!(matches!(
            Recovery::default().write(None, &doc),
            Err(RecoveryError::NoFolder)
        ));
    }
}
