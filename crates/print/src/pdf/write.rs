//! Atomic file replacement: temporary file in the target's folder, fsync,
//! rename. A failure at any step leaves the previous file (or none) intact.

use super::PdfError;
use crate::io::write::{self, Target, WriteError};
use std::path::Path;

/// Writes `bytes` to `path` through the guarded writer
/// ([`crate::io::write`]): readers see either the old file or the complete
/// new one, and a budget document or a `.ron` name is never replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    write::write(&Target::output(path, &[]), bytes).map_err(|e| failed(path, e))
}

/// Writes what `fill` writes to `path` through the guarded writer, as
/// [`write_atomically`] does, without holding the file in memory first.
/// Returns the file's length.
pub fn write_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<u64, PdfError> {
    write::write_streamed(&Target::output(path, &[]), fill).map_err(|e| failed(path, e))
}

/// The export's error for the writer's.
fn failed(path: &Path, e: WriteError) -> PdfError {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    match e {
        // Name the folder when that is what is missing, not the file.
        WriteError::Io { source, .. } if !dir.is_dir() => PdfError::TempFile { dir, source },
        WriteError::Io { source, .. } => PdfError::Persist {
            path: path.to_path_buf(),
            source,
        },
        refused => PdfError::Refused(refused),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.pdf");
        std::fs::write(&p, b"old").unwrap();
        write_atomically(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn never_over_a_budget_document_or_under_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("预算.ron");
        crate::io::save(&doc, &crate::model::Document::blank("某部门", 2027)).unwrap();
        let before = std::fs::read(&doc).unwrap();
        // The document under another name (renamed by the user) too.
        let renamed = dir.path().join("预算.pdf");
        std::fs::copy(&doc, &renamed).unwrap();
        for target in [&doc, &renamed] {
            let e = write_atomically(target, b"%PDF").unwrap_err();
            assert!(e.to_string().contains("预算文件"), "{e}");
        }
        assert_eq!(std::fs::read(&doc).unwrap(), before);
        let fresh = dir.path().join("新.ron");
        assert!(write_atomically(&fresh, b"%PDF").is_err());
        assert!(!fresh.exists());
    }

    #[test]
    fn missing_folder_is_an_error_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/out.pdf");
        let e = write_atomically(&p, b"x").unwrap_err();
        assert!(e.to_string().contains("无法在文件夹"), "{e}");
        assert!(!p.exists());
    }
}
