//! Atomic file replacement: temporary file in the target's folder, fsync,
//! rename. A failure at any step leaves the previous file (or none) intact.

use super::PdfError;
use std::path::Path;

/// Writes `bytes` to `path` so that readers see either the old file or the
/// complete new one, never a partial write ([`crate::io::atomic_write`], the
/// same routine document saves use).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    crate::io::atomic_write(path, bytes).map_err(|source| {
        // Name the folder when that is what is missing, not the file.
        if dir.is_dir() {
            PdfError::Persist {
                path: path.to_path_buf(),
                source,
            }
        } else {
            PdfError::TempFile { dir, source }
        }
    })
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
    fn missing_folder_is_an_error_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/out.pdf");
        let e = write_atomically(&p, b"x").unwrap_err();
        assert!(e.to_string().contains("无法在文件夹"), "{e}");
        assert!(!p.exists());
    }
}
