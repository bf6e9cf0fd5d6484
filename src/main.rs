//! `yusuan`: the CLI subcommands, or the desktop app when none is given.

// On Windows the exe is a GUI program, so a double-click opens no console
// window; a subcommand run from a terminal attaches to that terminal's
// console instead (see `console::attach_parent_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use yusuan::cli::{Cli, run};

fn main() {
    // Before clap prints `--help` or a usage error.
    if std::env::args_os().len() > 1 {
        yusuan::console::attach_parent_console();
    }
    let cli = Cli::parse();
    match cli.command {
        Some(cmd) => std::process::exit(run(cmd)),
        None => open_app(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) {
    if let Err(e) = yusuan::ui::run(file) {
        yusuan::console::report_fatal(&format!("无法启动程序：{e}"));
        std::process::exit(1);
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) {
    eprintln!("此版本未包含桌面程序（编译时未启用 gui 功能）。请使用子命令，见 yusuan --help。");
    std::process::exit(2);
}
