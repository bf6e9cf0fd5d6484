//! `yusuan import SHEET --into DOC.ron`: the preview, then the figures
//! written into the document under its lock, only if nobody changed the
//! file since it was read.

use super::{fail, load_fingerprinted, say, say_raw};
use crate::io::{Replace, Target, write};
use std::path::Path;

/// 0 imported (or previewed with `dry_run`), 2 refused: the document is
/// then as it was.
pub(super) fn run(
    source: &Path,
    into: &Path,
    opts: &crate::import::Options,
    dry_run: bool,
    accept_skipped: bool,
) -> i32 {
    let (doc, loaded) = match load_fingerprinted(into) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let plan = match crate::import::plan_file(source, &doc, opts) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    // A --column whose header no sheet has is a typing mistake, not a
    // choice to ignore.
    let unmatched = opts.columns.unmatched(&plan);
    if !unmatched.is_empty() {
        let headers: Vec<String> = plan
            .sheets
            .iter()
            .flat_map(|p| p.columns.iter().map(|c| format!("“{}”", c.header)))
            .collect();
        return fail(format!(
            "--column 的表头“{}”在导入的工作表中找不到，未导入（各列的表头：{}）",
            unmatched.join("”“"),
            headers.join("、")
        ));
    }
    say_raw!("{}", crate::import::render(&plan));
    let refusals = plan.refusals();
    if !refusals.is_empty() {
        eprintln!(
            "按所给的列含义无法导入，未修改 {}：{}",
            into.display(),
            refusals.join("；")
        );
        return 2;
    }
    if dry_run {
        say!("（--dry-run：未修改 {}）", into.display());
        return 0;
    }
    // Figures left out are saved away only when the user says so.
    if let Some(q) = plan.lost_question()
        && !accept_skipped
    {
        eprintln!("{q}未导入；核对无误后加 --accept-skipped 再运行即可导入。");
        return 2;
    }
    let inputs = [source];
    let target = Target::document(into, Replace::Document(Some(loaded)), &inputs);
    match write::save_document(&target, &plan.document) {
        Ok(_) => {
            say!("已导入到 {}", into.display());
            0
        }
        Err(e) => fail(e),
    }
}
