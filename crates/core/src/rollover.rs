//! 以上年文件新建: next year's document started from this year's file. What
//! the department keeps from year to year (概况, units, staffing, 名词解释,
//! goals and indicators, projects still running) is carried; this year's
//! amounts become the new document's 上年预算数; the new year's amounts
//! start empty.

use crate::catalog::{BUNDLED_EDITION, Catalog};
use crate::derive;
use crate::model::{CatalogRef, Document, EconomicLine, Meta, PriorYear, Project, ThreePublic};
use crate::money::Money;

/// Why a document could not be rolled over.
#[derive(Debug, thiserror::Error)]
pub enum RolloverError {
    /// The source is not the year before.
    #[error("{file} 是 {from} 年度的文件，只能用它新建 {next} 年度的文件（不能新建 {year} 年度）")]
    WrongYear {
        /// The source file.
        file: String,
        /// Its year.
        from: i32,
        /// The year after it.
        next: i32,
        /// The year asked for.
        year: i32,
    },
}

/// The new document and what did not carry over.
#[derive(Clone, Debug)]
pub struct Rollover {
    /// Next year's document.
    pub doc: Document,
    /// Projects whose period ends before the new year, by name.
    pub dropped_projects: Vec<String>,
    /// Codes the new year's catalog lacks or names differently, as
    /// messages (the rules report them on their rows too).
    pub code_notes: Vec<String>,
}

/// The reference a document records for `catalog`.
pub fn catalog_ref(catalog: &Catalog) -> CatalogRef {
    CatalogRef {
        year: catalog.year,
        edition: catalog.edition.clone(),
    }
}

/// The year of a period text such as `2021.01.01`, `2021年1月` or `2021`.
fn period_year(s: &str) -> Option<i32> {
    let digits: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// Whether a project's period covers `year`; a period that cannot be read
/// is kept (the user decides).
fn covers(p: &Project, year: i32) -> bool {
    let start = period_year(&p.start);
    let end = period_year(&p.end);
    start.is_none_or(|s| s <= year) && end.is_none_or(|e| e >= year)
}

/// Next year's document from `doc`, checked against `catalog` (the new
/// year's). `year` must be `doc`'s year + 1.
pub fn next_year(
    doc: &Document,
    year: i32,
    catalog: &Catalog,
    file: &str,
) -> Result<Rollover, RolloverError> {
    let from = doc.meta.year;
    if from.checked_add(1) != Some(year) {
        return Err(RolloverError::WrongYear {
            file: file.to_string(),
            from,
            next: from.saturating_add(1),
            year,
        });
    }
    let totals = derive::totals(doc);
    let current = derive::current_year(&totals);
    let mut new = doc.clone();
    new.meta = Meta {
        year,
        catalog: Some(catalog_ref(catalog))
            .filter(|_| catalog.edition != BUNDLED_EDITION || catalog.year == year),
        ..doc.meta.clone()
    };
    for l in &mut new.budget_lines {
        l.prior = std::mem::take(&mut l.amounts);
    }
    new.basic_by_economic = doc
        .basic_by_economic
        .iter()
        .map(|l| EconomicLine {
            amount: Money::default(),
            prior: Some(l.amount),
            ..l.clone()
        })
        .collect();
    new.three_public = ThreePublic::default();
    new.prior_three_public = Some(doc.three_public);
    // The 政府性基金 "三公" has no 上年 slot; this year's waits for entry.
    new.gov_fund_three_public = ThreePublic::default();
    let (kept, dropped): (Vec<Project>, Vec<Project>) =
        doc.projects.iter().cloned().partition(|p| covers(p, year));
    new.projects = kept
        .into_iter()
        .map(|p| Project {
            amounts: Default::default(),
            ..p
        })
        .collect();
    let dropped_projects = dropped.into_iter().map(|p| p.name).collect();
    // Next year's file is not summed from this year's units: a table per
    // 单位 would print their old figures (X13), `merge --check` compare old
    // files. The 部门 merges next year's unit files again.
    new.merged_from.clear();
    new.other.prior_year_total = totals.total;
    new.other.change_reason.clear();
    new.other.procurement_goods = Money::default();
    new.other.procurement_works = Money::default();
    new.other.procurement_services = Money::default();
    // The purchases keep their names, kinds and 科目 (they often recur) and
    // wait for this year's amounts, as the projects do.
    for p in &mut new.procurement {
        p.amount = Money::default();
    }
    for p in &mut new.purchased_services {
        p.amount = Money::default();
    }
    // The 财政拨款 split keeps its 功能科目 × 经济科目 pairs (the same 科目
    // recur) and waits for this year's figures.
    for c in &mut new.fiscal_by_economic {
        c.basic = Money::default();
        c.project = Money::default();
    }
    let this_year = PriorYear {
        year: from,
        income_fiscal: current.income_fiscal,
        income_other: current.income_other,
        spending_basic: current.spending_basic,
        spending_project: current.spending_project,
    };
    new.performance.prior_years = [this_year, doc.performance.prior_years[0]];
    for g in new
        .performance
        .annual_goals
        .iter_mut()
        .chain(new.performance.long_term_goals.iter_mut())
    {
        for ind in &mut g.indicators {
            ind.prior = [ind.value.clone(), ind.prior[0].clone()];
        }
    }
    let functions = new.budget_lines.iter().map(|l| {
        (
            "功能科目",
            l.code.as_str(),
            &l.name,
            catalog.function(&l.code),
        )
    });
    let economics = new.basic_by_economic.iter().map(|l| {
        (
            "经济科目",
            l.code.as_str(),
            &l.name,
            catalog.economic(&l.code),
        )
    });
    let code_notes = functions
        .chain(economics)
        .filter_map(|(kind, code, name, entry)| match entry {
            None => Some(format!(
                "{kind} {code} {name} 不在 {} 中",
                catalog.describe()
            )),
            Some(e) if e.name != name.trim() => Some(format!(
                "{kind} {code} 在 {} 中名为“{}”（原为“{name}”）",
                catalog.describe(),
                e.name
            )),
            Some(_) => None,
        })
        .collect();
    Ok(Rollover {
        doc: new,
        dropped_projects,
        code_notes,
    })
}
