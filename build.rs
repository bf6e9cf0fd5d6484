//! Build script: on Windows targets, puts the icon, version information and a
//! manifest (long paths, per-monitor DPI, common controls 6 for the file
//! dialogs) into `yusuan.exe`. On other targets it does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/yusuan.ico");
    println!("cargo:rerun-if-changed=assets/windows/yusuan.manifest");
    // The target, not the host: the exe is cross-built on Linux.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/yusuan.ico")
        .set_manifest_file("assets/windows/yusuan.manifest")
        .set("FileDescription", "部门预算编制")
        .set("ProductName", "yusuan 部门预算编制")
        .set("CompanyName", "yusuan")
        .set("LegalCopyright", "MIT License")
        .set("OriginalFilename", "yusuan.exe")
        // Simplified Chinese (PRC).
        .set_language(0x0804);
    // Only the program gets the resources, not test or example binaries.
    if let Err(e) = res.compile_for("yusuan") {
        eprintln!(
            "Windows resources could not be compiled ({e}); is mingw-w64's \
             x86_64-w64-mingw32-windres installed?"
        );
        std::process::exit(1);
    }
}
