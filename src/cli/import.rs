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
    say_raw!("{}", crate::import::render(&plan));
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
