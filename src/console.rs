//! The terminal side of a GUI-subsystem exe on Windows: attaching to the
//! console of the terminal that started a subcommand, and telling the user
//! about an error that ends the program (in a message box as well, where a
//! double-clicked exe has no terminal). Elsewhere, plain standard error.

/// Attaches to the console of the terminal that started the program, so that
/// a subcommand run from `cmd` or PowerShell prints there. The Windows exe is
/// a GUI-subsystem program (no console window on a double-click), which
/// starts without a console. Does nothing elsewhere, and nothing when there
/// is no parent console or the output is already redirected to a file/pipe.
pub fn attach_parent_console() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{
            ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
        };
        // SAFETY: plain Win32 calls without pointers; a failure (no parent
        // console) only leaves the process without one, as before.
        unsafe {
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            // Redirected output (`yusuan check a.ron > out.txt`) is inherited
            // as a handle already: keep it.
            if out.is_null() || out == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
    }
}

/// Tells the user about an error that ends the program: on standard error,
/// and on Windows also in a message box (a double-clicked exe has no
/// terminal to print to).
pub fn report_fatal(message: &str) {
    eprintln!("{message}");
    #[cfg(windows)]
    {
        use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};
        let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
        let text = wide(message);
        let title = wide("部门预算编制");
        // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call.
        unsafe {
            MessageBoxW(
                std::ptr::null_mut(),
                text.as_ptr(),
                title.as_ptr(),
                MB_OK | MB_ICONERROR,
            );
        }
    }
}
