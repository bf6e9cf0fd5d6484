//! Helpers shared by the integration tests: driving the app headless and
//! running one test of the current test binary as a separate process (for
//! tests that kill a process or limit its file size).
#![allow(dead_code, reason = "each test binary uses its own subset")]

#[cfg(feature = "gui")]
pub mod app {
    use egui::{Key, Modifiers};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use yusuan::ui::App;

    /// A headless harness around `app`, with the app's fonts. A character
    /// no font has panics (kittest's default), so that a label the app
    /// prints itself can never silently show a box.
    pub fn harness_for(app: App) -> Harness<'static, App> {
        Harness::builder()
            .with_size([1400.0, 900.0])
            .with_max_steps(12)
            .with_context_setup(yusuan::ui::install_fonts)
            .build_ui_state(|ui, app: &mut App| app.show(ui), app)
    }

    /// Like [`harness_for`], but a character no font has is drawn as a box,
    /// as in the real app: for random input, which may hold any character.
    pub fn harness_tofu(app: App) -> Harness<'static, App> {
        Harness::builder()
            .with_size([1400.0, 900.0])
            .with_max_steps(12)
            .allow_missing_glyphs()
            .with_context_setup(yusuan::ui::install_fonts)
            .build_ui_state(|ui, app: &mut App| app.show(ui), app)
    }

    /// Replaces the text of a cell by typing and leaves it with Tab, as a
    /// user would (amounts reach the document when their cell is left).
    pub fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
        h.get_by_label(label).focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
        h.key_press(Key::Tab);
        h.run();
    }

    /// Presses Ctrl+S.
    pub fn save(h: &mut Harness<'static, App>) {
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
    }
}

use std::ffi::OsStr;
use std::process::{Command, Stdio};

/// Runs the built `yusuan` binary; its exit code and stdout + stderr.
pub fn yusuan(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The environment variable that tells a child test where to work. A test
/// that needs it returns at once when it is unset, so the child tests are
/// harmless when run directly (`cargo test -- --ignored`).
pub const CHILD_DIR: &str = "YUSUAN_TEST_CHILD_DIR";

/// The `#[ignore]`d test `name` of this test binary, as a child process
/// working in `dir`, with stdout piped.
pub fn child(name: &str, dir: &std::path::Path) -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let mut c = Command::new(exe);
    child_args(&mut c, name, dir);
    c
}

/// Like [`child`], but with the file-size limit (RLIMIT_FSIZE) at `bytes`
/// and SIGXFSZ ignored, so that writes beyond it fail with EFBIG as on a
/// full disk.
pub fn child_with_file_limit(name: &str, dir: &std::path::Path, bytes: u64) -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    limited(bytes, exe.as_os_str(), |c| child_args(c, name, dir))
}

/// `program` run under `sh` with the file-size limit at `bytes` (rounded
/// down to sh's 512-byte blocks) and SIGXFSZ ignored (an ignored signal
/// stays ignored across exec).
pub fn limited(bytes: u64, program: &OsStr, args: impl FnOnce(&mut Command)) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f "$1"; shift; exec "$@""#)
        .arg("sh")
        .arg((bytes / 512).to_string())
        .arg(program);
    args(&mut c);
    c
}

fn child_args(c: &mut Command, name: &str, dir: &std::path::Path) {
    c.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_DIR, dir)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
}

/// The folder a child test works in, when this process is such a child.
pub fn child_dir() -> Option<std::path::PathBuf> {
    std::env::var_os(CHILD_DIR).map(Into::into)
}

/// Files in `dir` whose names start with `.yusuan-` (temporary files of an
/// atomic write that was not cleaned up).
pub fn leftover_temps(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".yusuan-"))
                .collect()
        })
        .unwrap_or_default()
}

/// The text of a PDF, by poppler's `pdftotext` (in the README's install line).
pub fn pdf_text(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// True when `msg` has Chinese in it: every refusal of bad input must
/// explain itself to the 填报人.
pub fn is_chinese(msg: &str) -> bool {
    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}
