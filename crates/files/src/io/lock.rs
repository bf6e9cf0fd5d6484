//! "Open elsewhere" detection: a lock file `NAME.ron.lock` beside a document
//! while it is open for editing, naming the process, host and user that hold
//! it (as LibreOffice's `.~lock` files do).
//!
//! The lock is advisory: it warns a second instance, it cannot stop another
//! program. It is created with `O_EXCL` so two instances racing to open the
//! same file cannot both win, and removed when the [`FileLock`] is dropped. A
//! lock left by a process that no longer runs on this host (a crash, a
//! SIGKILL) is recognised as stale and taken over silently, on Linux and on
//! Windows (see `crate::platform::process_alive`).

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// User name.
    pub user: String,
    /// When the lock was taken, seconds since the Unix epoch.
    pub since: u64,
    /// Tells apart two locks taken by one process in the same second (two
    /// windows of one program), so that one never removes the other's.
    pub token: u64,
}

impl Holder {
    /// This process.
    pub fn me() -> Holder {
        static TAKEN: AtomicU64 = AtomicU64::new(0);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Holder {
            pid: std::process::id(),
            host: host_name(),
            user: user_name(),
            since: now.as_secs(),
            token: u64::from(now.subsec_nanos()) << 32 | TAKEN.fetch_add(1, Ordering::Relaxed),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nuser={}\nsince={}\ntoken={}\n",
            self.pid, self.host, self.user, self.since, self.token
        )
    }

    fn parse(text: &str) -> Option<Holder> {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .map(str::trim)
        };
        Some(Holder {
            pid: field("pid")?.parse().ok()?,
            host: field("host")?.to_string(),
            user: field("user").unwrap_or_default().to_string(),
            since: field("since").and_then(|s| s.parse().ok()).unwrap_or(0),
            token: field("token").and_then(|s| s.parse().ok()).unwrap_or(0),
        })
    }

    /// True when the holder is a process that has ended on this host. On
    /// another host, or where processes cannot be looked up, it is presumed
    /// alive and the user decides.
    pub(crate) fn is_stale(&self) -> bool {
        self.host == host_name() && !crate::platform::process_alive(self.pid)
    }

    /// "用户 张三 在 计算机 pc-01（进程 1234）".
    pub fn describe(&self) -> String {
        let user = if self.user.is_empty() {
            "另一用户"
        } else {
            &self.user
        };
        format!("{user} 在计算机 {}（进程 {}）", self.host, self.pid)
    }
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live process holds the lock.
    #[error("此文件已由 {} 打开编辑", .0.describe())]
    Held(Holder),
    /// The lock file could not be written (read-only folder, …). The
    /// document can still be opened; nothing protects it from a second
    /// instance.
    #[error("无法创建锁文件 {path}：{why}", path = .path.display(), why = super::reason(.source))]
    Io {
        /// Lock file.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    holder: Holder,
}

impl FileLock {
    /// Takes the lock of `document`, taking over a stale one.
    pub fn acquire(document: &Path) -> Result<FileLock, LockError> {
        Self::take(document, false)
    }

    /// Takes the lock even when another process holds it (the user chose
    /// 仍然编辑 after being warned).
    pub fn take_over(document: &Path) -> Result<FileLock, LockError> {
        Self::take(document, true)
    }

    fn take(document: &Path, force: bool) -> Result<FileLock, LockError> {
        let path = lock_path(document);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let me = Holder::me();
        // Two rounds: the second after removing a stale or overridden lock.
        for _ in 0..2 {
            match create_with(&path, me.to_text().as_bytes()) {
                Ok(()) => {
                    return Ok(FileLock { path, holder: me });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    // An unreadable or half-written lock is treated as stale.
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .as_deref()
                        .and_then(Holder::parse);
                    match holder {
                        Some(h) if !force && !h.is_stale() => return Err(LockError::Held(h)),
                        _ => match fs::remove_file(&path) {
                            Ok(()) => {}
                            Err(e) if e.kind() == ErrorKind::NotFound => {}
                            Err(e) => return Err(io(e)),
                        },
                    }
                }
                Err(e) => return Err(io(e)),
            }
        }
        Err(io(std::io::Error::new(
            ErrorKind::AlreadyExists,
            "锁文件被反复创建",
        )))
    }
}

impl FileLock {
    /// Who holds the lock now when it is no longer this one (another
    /// instance took it over with 仍然编辑, or it was removed and retaken).
    pub(crate) fn taken_by_other(&self) -> Option<Holder> {
        let now = fs::read_to_string(&self.path)
            .ok()
            .as_deref()
            .and_then(Holder::parse);
        match now {
            Some(h) if h != self.holder && !h.is_stale() => Some(h),
            _ => None,
        }
    }
}

/// Creates `path` holding `bytes` in one step, failing with `AlreadyExists`
/// when it exists: the content goes to a temporary file first, which is
/// then hard-linked into place, so a reader never sees an empty or
/// half-written lock. Where the file system has no hard links, falls back
/// to an exclusive create and a write.
fn create_with(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".yusuan-lock-")
        .tempfile_in(&dir)
        .and_then(|mut t| {
            t.write_all(bytes)?;
            t.as_file().sync_all()?;
            Ok(t)
        });
    match tmp {
        Ok(t) => match fs::hard_link(t.path(), path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
            Err(_) => exclusive_write(path, bytes),
        },
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(e),
        Err(_) => exclusive_write(path, bytes),
    }
}

fn exclusive_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Only remove our own lock: another instance may have taken it over.
        let ours = fs::read_to_string(&self.path)
            .ok()
            .as_deref()
            .and_then(Holder::parse)
            .is_some_and(|h| h == self.holder);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `NAME.ron.lock`, beside the real file when `document` is a symlink (so
/// every path to one file finds one lock).
pub fn lock_path(document: &Path) -> PathBuf {
    let real = super::write::resolve(document).unwrap_or_else(|_| document.to_path_buf());
    super::sibling(&real, ".lock")
}

fn host_name() -> String {
    let from_file = |p: &str| {
        fs::read_to_string(p)
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "本机".into())
}

fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_is_refused_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("预算 2021.ron");
        let first = FileLock::acquire(&doc).unwrap();
        match FileLock::acquire(&doc) {
            Err(LockError::Held(h)) => {
                assert_eq!(h.pid, std::process::id());
                assert_eq!(h.host, host_name());
            }
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(!lock_path(&doc).exists());
        let _again = FileLock::acquire(&doc).unwrap();
    }

    #[test]
    fn stale_and_garbage_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.ron");
        // No process has pid u32::MAX - 1 (Linux caps pids at 2^22).
        let dead = Holder {
            pid: u32::MAX - 1,
            ..Holder::me()
        };
        fs::write(lock_path(&doc), dead.to_text()).unwrap();
        let lock = FileLock::acquire(&doc).unwrap();
        drop(lock);
        fs::write(lock_path(&doc), "\u{0}garbage").unwrap();
        assert!(FileLock::acquire(&doc).is_ok());
    }

    #[test]
    fn another_host_is_not_presumed_dead() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.ron");
        let remote = Holder {
            pid: u32::MAX - 1,
            host: "其他电脑".into(),
            ..Holder::me()
        };
        fs::write(lock_path(&doc), remote.to_text()).unwrap();
        assert!(matches!(FileLock::acquire(&doc), Err(LockError::Held(_))));
        let taken = FileLock::take_over(&doc).unwrap();
        assert_eq!(taken.holder.pid, std::process::id());
        // The overridden instance's drop must not remove the new lock.
        let stale_handle = FileLock {
            path: lock_path(&doc),
            holder: remote,
        };
        drop(stale_handle);
        assert!(lock_path(&doc).exists());
    }
}
