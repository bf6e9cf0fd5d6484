//! `yusuan export FILE -o OUT.pdf|OUT.xlsx`: one document, one 科目表, one
//! refusal rule for both formats.

use super::{catalog_for, load, say};
use crate::compose::ExportOptions;
use crate::rules::{self, Finding, Severity};
use std::path::PathBuf;

/// The `export` arguments.
pub(super) struct Export {
    pub file: PathBuf,
    pub output: PathBuf,
    pub force: bool,
    pub print_zeros: bool,
    pub format: Option<String>,
}

/// `yusuan export`: refuses on 错误 unless `force`; never writes over the
/// document or any other budget document (the guarded writer refuses).
pub(super) fn run(a: &Export) -> i32 {
    let doc = match load(&a.file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let catalog = catalog_for(&doc);
    // Derived once: the 审核 and the printed tables read the same tables.
    let (derived, findings) = rules::derive_and_check(&doc, &catalog);
    if refuse_on_errors(&findings, a.force) {
        return 1;
    }
    let parts = crate::narrative::parts_from(&doc, &catalog, derived);
    if crate::xlsx::wants_xlsx(a.format.as_deref(), &a.output) {
        return match crate::xlsx::export(&doc, &parts, &a.output) {
            Ok(r) => {
                say!(
                    "已导出 {}：{} 个工作表，{} 字节",
                    a.output.display(),
                    r.sheets,
                    r.bytes
                );
                0
            }
            Err(e) => super::fail(e),
        };
    }
    let opts = ExportOptions {
        print_zeros: a.print_zeros,
        ..Default::default()
    };
    match crate::export::pdf(&doc, parts, &opts, &a.output) {
        Ok(r) => {
            say!(
                "已导出 {}：{} 页，{} 字节",
                a.output.display(),
                r.pages,
                r.bytes
            );
            0
        }
        Err(e) => super::fail(e),
    }
}

/// Prints why an export is refused when the document's `findings` hold 错误
/// and `force` is off (true when refused). Otherwise lists what remains
/// open, the forced 错误 and the 警告, so nobody publishes the document
/// unaware.
fn refuse_on_errors(findings: &[Finding], force: bool) -> bool {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    if errors > 0 && !force {
        eprintln!("文件有 {errors} 条错误（用 yusuan check 查看），未导出。确需导出请加 --force。");
        return true;
    }
    let open: Vec<_> = findings
        .iter()
        .filter(|f| f.severity() >= Severity::Warning)
        .collect();
    if !open.is_empty() {
        eprintln!("注意：文件仍有以下 {} 条审核发现：", open.len());
        for f in open {
            eprintln!("  {f}");
        }
    }
    false
}
