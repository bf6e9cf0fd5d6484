//! `yusuan diff OLD NEW`: what changed between two versions.

use super::{load, say_raw};
use std::path::Path;

/// 0 equal, 1 different, 2 a file could not be read.
pub(super) fn run(old_path: &Path, new_path: &Path) -> i32 {
    let old = match load(old_path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let new = match load(new_path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let diff = crate::diff::compare(&old, &new, &super::catalog_for(&new));
    say_raw!("{}", crate::diff::render(&diff, old_path, new_path));
    i32::from(!diff.is_empty())
}
