//! `yusuan check FILE [--prior LAST.ron]` (the findings of one document,
//! its 上年 figures compared with last year's file) and `yusuan check
//! FILES_OR_DIRS… [--report OUT]` (the reviewer's checklist of many).

use super::{catalog_for, fail, load, say, say_raw};
use crate::model::Document;
use crate::rules::{self, Severity};
use std::path::{Path, PathBuf};

/// `yusuan check`: 0 no 错误, 1 错误, 2 unreadable (the worst file's code
/// for a checklist).
pub(super) fn run(files: &[PathBuf], report: Option<&Path>, prior: Option<&Path>) -> i32 {
    match files {
        [f] if report.is_none() && !f.is_dir() => one(f, prior),
        _ if prior.is_some() => {
            fail("--prior 只能用于检查一个预算文件（不能与多个文件、文件夹或 --report 同用）")
        }
        _ => many(files, report),
    }
}

fn one(file: &Path, prior: Option<&Path>) -> i32 {
    let doc = match load(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // Last year's file is read and compared before anything is printed: a
    // bad one refuses the whole check rather than printing half of it.
    let compared = match prior.map(|p| compare(&doc, p)).transpose() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut findings = rules::check(&doc, &catalog_for(&doc));
    if let Some((c, _)) = &compared {
        rules::add_prior(&mut findings, c);
    }
    for f in &findings {
        say!("{f}");
    }
    if let Some((c, p)) = &compared {
        say!(
            "与上年文件 {} 比对：上年数 {} 项，不一致 {} 处",
            p.display(),
            c.compared,
            c.findings.len()
        );
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

/// Reads last year's file `prior` and compares `doc`'s 上年 figures with
/// it; a message and exit code 2 when it cannot be read or is not the year
/// before.
fn compare<'p>(doc: &Document, prior: &'p Path) -> Result<(rules::PriorComparison, &'p Path), i32> {
    let last = crate::io::load(prior)
        .map_err(|e| fail(format!("上年文件无法读取：{}", e.in_file(prior))))?;
    rules::compare_with_prior(doc, &last)
        .map(|c| (c, prior))
        .map_err(|e| fail(format!("{}：{e}", prior.display())))
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
