//! `yusuan new`: a blank document (`--dept`), or next year's from this
//! year's file (`--from`). Neither replaces an existing file.

use super::{fail, say};
use crate::io::{Replace, Target, write};
use crate::model::{Entity, MoneyUnit};
use crate::start::NewDocument;
use std::path::{Path, PathBuf};

/// The `new --dept` arguments.
pub(super) struct Blank {
    pub dept: String,
    pub year: i32,
    pub output: PathBuf,
    pub template: String,
    pub unit: Option<String>,
    pub unit_document: bool,
}

/// `yusuan new --dept NAME --year Y -o OUT`.
pub(super) fn blank(a: &Blank) -> i32 {
    let template = match crate::templates::by_name(&a.template) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let unit = match a.unit.as_deref().map(MoneyUnit::parse).transpose() {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    let doc = NewDocument {
        dept: a.dept.clone(),
        year: a.year,
        template,
        entity: if a.unit_document {
            Entity::Unit
        } else {
            Entity::Department
        },
        unit,
    }
    .build(&crate::catalogs::nearest(a.year));
    match write::save_document(&Target::document(&a.output, Replace::New, &[]), &doc) {
        Ok(_) => {
            say!("已新建 {}", a.output.display());
            0
        }
        Err(e) => fail(e),
    }
}

/// `yusuan new --from FILE --year Y -o OUT`.
pub(super) fn from_previous(from: &Path, year: i32, output: &Path) -> i32 {
    let doc = match super::load(from) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let catalog = crate::catalogs::nearest(year);
    let r = match crate::rollover::next_year(&doc, year, &catalog, &from.display().to_string()) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let inputs = [from];
    let target = Target::document(output, Replace::New, &inputs);
    if let Err(e) = write::save_document(&target, &r.doc) {
        return fail(e);
    }
    say!(
        "已新建 {}（{} 年度，上年预算数取自 {}）",
        output.display(),
        year,
        from.display()
    );
    for p in &r.dropped_projects {
        say!("  未带入项目（起止时间不含 {year} 年）：{p}");
    }
    for n in &r.code_notes {
        say!("  {n}");
    }
    0
}
