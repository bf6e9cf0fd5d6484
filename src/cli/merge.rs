//! `yusuan merge UNIT.ron… --dept NAME -o DEPT.ron` and `yusuan merge
//! --check DEPT.ron`.

use super::{fail, say};
use crate::io::{Replace, Target, write};
use crate::merge::{self, SourceState, Unit};
use std::path::{Path, PathBuf};

/// 0 written, 2 refused: nothing is written then. The output may replace
/// only an earlier merge, never one of the units, and is written under its
/// lock.
pub(super) fn run(files: &[PathBuf], dept: &str, output: &Path) -> i32 {
    if dept.trim().is_empty() {
        return fail("请用 --dept 给出部门名称");
    }
    let units: Result<Vec<Unit>, _> = files.iter().map(|f| merge::read_unit(f)).collect();
    let merged = match units.and_then(|u| merge::merge(&u, dept, Some(output))) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let target = Target::document(output, Replace::EarlierMerge, &inputs);
    if let Err(e) = write::save_document(&target, &merged.doc) {
        return fail(e);
    }
    say!(
        "已汇总 {} 个单位到 {}（{}）",
        files.len(),
        output.display(),
        merged.doc.meta.dept_name
    );
    for s in &merged.doc.merged_from {
        say!("  {}（{}）", s.file, s.unit);
    }
    for n in &merged.notes {
        say!("  注意：{n}");
    }
    0
}

/// 0 every unit unchanged, 1 a unit changed or missing, 2 the file is
/// unreadable or not a merge.
pub(super) fn check(path: &Path) -> i32 {
    let doc = match super::load(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if doc.merged_from.is_empty() {
        return fail(format!(
            "{} 不是由单位汇总生成的文件（没有记录来源）",
            path.display()
        ));
    }
    let mut stale = 0;
    for (s, state) in merge::check(&doc, path) {
        match state {
            SourceState::Unchanged => say!("未变  {}（{}）", s.file, s.unit),
            SourceState::Changed => {
                stale += 1;
                say!("已变更  {}（{}）：汇总后已修改，请重新汇总", s.file, s.unit);
            }
            SourceState::Missing(why) => {
                stale += 1;
                say!("缺失  {}（{}）：{why}", s.file, s.unit);
            }
        }
    }
    if stale == 0 {
        say!("全部 {} 个单位文件与汇总时相同", doc.merged_from.len());
        0
    } else {
        say!("{stale} 个单位文件与汇总时不同，请重新汇总");
        1
    }
}
