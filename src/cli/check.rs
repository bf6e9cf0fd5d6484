//! `yusuan check FILE` (the findings of one document) and `yusuan check
//! FILES_OR_DIRS… [--report OUT]` (the reviewer's checklist of many).

use super::{catalog_for, fail, load, say, say_raw};
use crate::rules::{self, Severity};
use std::path::{Path, PathBuf};

/// `yusuan check`: 0 no 错误, 1 错误, 2 unreadable (the worst file's code
/// for a checklist).
pub(super) fn run(files: &[PathBuf], report: Option<&Path>) -> i32 {
    match files {
        [f] if report.is_none() && !f.is_dir() => one(f),
        _ => many(files, report),
    }
}

fn one(file: &Path) -> i32 {
    let doc = match load(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let findings = rules::check(&doc, &catalog_for(&doc));
    for f in &findings {
        say!("{f}");
    }
    // Open 审阅意见 after the findings; the lines above and the count line
    // keep their form for scripts that read them.
    for c in crate::comments::open_comments(&doc) {
        say!("{}", c.line(&doc));
    }
    let count = |s| findings.iter().filter(|f| f.severity() == s).count();
    say!(
        "共 {} 条：错误 {}，警告 {}，提示 {}",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    let open = crate::comments::open_comments(&doc).count();
    if open > 0 {
        say!("未处理的审阅意见 {open} 条");
    }
    i32::from(count(Severity::Error) > 0)
}

fn many(paths: &[PathBuf], report: Option<&Path>) -> i32 {
    use crate::checklist;
    if let Some(out) = report
        && let Err(e) = checklist::check_report_name(out)
    {
        return fail(e);
    }
    let (rows, inputs) = checklist::run(paths);
    if rows.is_empty() {
        return fail(format!(
            "没有找到要检查的 .ron 文件（跳过 {} 个其他文件或文件夹），未写出清单",
            inputs.skipped.len()
        ));
    }
    say_raw!("{}", checklist::render(&rows, &inputs));
    if let Some(out) = report {
        match checklist::write_report(&rows, out) {
            Ok(written) => {
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                say!("已写出审核清单：{}", names.join("、"));
            }
            Err(e) => return fail(e),
        }
    }
    checklist::exit_code(&rows)
}
