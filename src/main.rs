//! `yusuan [FILE.ron]`: opens the app (the CLI subcommands come from the core).

fn main() {
    #[cfg(feature = "gui")]
    {
        let path = std::env::args_os().nth(1).map(std::path::PathBuf::from);
        if let Err(e) = yusuan::ui::run(path) {
            eprintln!("无法启动程序：{e}");
            std::process::exit(1);
        }
    }
}
