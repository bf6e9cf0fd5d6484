//! What differs between Windows and the other platforms for files, in one
//! place: whether a process still runs, path lengths, and Windows error
//! codes in words a 填报人 can act on. (The console of a GUI-subsystem exe
//! and fatal messages are the binary's: `yusuan::console`.)
//!
//! Everything else (paths with `\` and drive letters, `%APPDATA%`, CRLF) is
//! handled by the standard library, `dirs` and the callers themselves.

/// Longest path the classic Windows API and most Windows programs accept
/// (`MAX_PATH`, 260 including the terminating NUL).
pub(crate) const WINDOWS_MAX_PATH: usize = 259;

/// True unless the process `pid` is known to have ended on this computer.
/// Where that cannot be told, it is presumed alive (the user decides).
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        // A zombie (killed, not yet reaped by its parent) has ended too.
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => !stat
                .rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
            Err(_) => false,
        }
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{CloseHandle, ERROR_INVALID_PARAMETER, GetLastError};
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        const STILL_ACTIVE: u32 = 259;
        // SAFETY: the handle is checked before use and closed once; the exit
        // code is written into a local.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                // No such process; anything else (access denied: another
                // user's process) means it exists.
                return GetLastError() != ERROR_INVALID_PARAMETER;
            }
            let mut code = 0u32;
            let ok = GetExitCodeProcess(handle, &mut code) != 0;
            CloseHandle(handle);
            !ok || code == STILL_ACTIVE
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    {
        let _ = pid;
        true
    }
}

/// Words for Windows error codes that the standard library files under
/// "other" but a user can act on: a file open in another program, a path
/// too long, a network folder that is gone. `None` for everything else (and
/// always on other platforms), where the error's kind says enough.
pub(crate) fn os_reason(e: &std::io::Error) -> Option<&'static str> {
    if !cfg!(windows) {
        return None;
    }
    Some(match e.raw_os_error()? {
        // ERROR_ACCESS_DENIED: also what replacing a file that another
        // program holds open gives.
        5 => {
            "没有权限（文件为只读，或正被其他程序打开，如 WPS、Excel 或 PDF 阅读器；请关闭后重试）"
        }
        32 | 33 => "文件正被其他程序打开（如 WPS、Excel 或 PDF 阅读器），请关闭该文件后重试",
        19 => "磁盘或存储设备写保护",
        53 | 67 | 51 | 59 | 64 => "网络路径不可用（网络共享文件夹无法访问，请检查网络连接后重试）",
        206 => "路径过长（Windows 下完整路径不能超过 260 个字符），请移到较短的文件夹或改短文件名",
        _ => return None,
    })
}

/// On Windows, refuses to write a file whose full path is longer than
/// [`WINDOWS_MAX_PATH`] characters. The standard library could write it (it
/// adds the `\\?\` prefix itself), but Explorer, WPS, Excel and most other
/// Windows programs cannot open or even delete such a file, so the user is
/// told before anything is written. Always `Ok` on other platforms.
pub(crate) fn check_path_length(path: &std::path::Path) -> std::io::Result<()> {
    if !cfg!(windows) {
        return Ok(());
    }
    match too_long(path, WINDOWS_MAX_PATH) {
        None => Ok(()),
        Some(len) => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidFilename,
            format!(
                "完整路径有 {len} 个字符，超过 Windows 的上限 {WINDOWS_MAX_PATH}，其他程序将无法打开它；请保存到较短的文件夹或改短文件名"
            ),
        )),
    }
}

/// The length in characters (UTF-16 units, as Windows counts) of `path`
/// made absolute, when it is over `limit`.
fn too_long(path: &std::path::Path, limit: usize) -> Option<usize> {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let len = full.as_os_str().to_string_lossy().encode_utf16().count();
    (len > limit).then_some(len)
}

/// CJK fonts of the operating system to fall back on, as (file, index in a
/// `.ttc` collection), in order of preference; only those that exist. The
/// bundled fonts cover the GB 2312 characters (6,942 hanzi), not the rarer
/// ones found in names of people and places (镕, 堃, 喆, 珺); without a
/// fallback those would show as empty boxes in the app.
pub fn system_cjk_fonts() -> Vec<(std::path::PathBuf, u32)> {
    let mut candidates: Vec<(std::path::PathBuf, u32)> = Vec::new();
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR")
            .or_else(|| std::env::var_os("SystemRoot"))
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(r"C:\Windows"));
        let fonts = windir.join("Fonts");
        // Microsoft YaHei (Vista and later), then SimSun (every version).
        for (name, index) in [("msyh.ttc", 0), ("msyh.ttf", 0), ("simsun.ttc", 0)] {
            candidates.push((fonts.join(name), index));
        }
    } else {
        // Noto/Source Han Sans (index 2 is the SC face of the collection),
        // as shipped by Debian, 统信 UOS and 银河麒麟; then WenQuanYi.
        for (path, index) in [
            ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
            ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
            (
                "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
                0,
            ),
            ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
            ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        ] {
            candidates.push((path.into(), index));
        }
    }
    candidates.retain(|(p, _)| p.is_file());
    candidates
}

/// Opens `folder` in the system's file manager (Explorer, Finder, or the
/// desktop's through `xdg-open`), without waiting for it.
pub fn open_folder(folder: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn path_length_counts_characters_of_the_absolute_path() {
        let dir = std::env::current_dir().unwrap();
        let base = dir.as_os_str().to_string_lossy().encode_utf16().count() + 1;
        // Chinese characters count once each, as in Windows' limit.
        let name = "预".repeat(10);
        assert_eq!(too_long(Path::new(&name), base + 10), None);
        assert_eq!(too_long(Path::new(&name), base + 9), Some(base + 10));
    }

    #[test]
    fn the_running_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn windows_words_only_on_windows() {
        let sharing = std::io::Error::from_raw_os_error(32);
        assert_eq!(os_reason(&sharing).is_some(), cfg!(windows));
        assert_eq!(
            check_path_length(&Path::new("a").join("b".repeat(400))).is_err(),
            cfg!(windows)
        );
    }
}
