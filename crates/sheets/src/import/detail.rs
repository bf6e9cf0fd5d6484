//! yusuan's own 明细 sheet read back, and applying the 明细, 经济分类 and
//! 三公 parts to a document.

use super::{
    Check, ColumnMap, Ctx, Figure, ImportError, RowRead, SheetPlan, Target, describe_lines,
    duplicates, stored,
};
use crate::detail_sheet::{
    DETAIL_HEADER, DETAIL_UNIT_CELL, FISCAL_LABEL, PART_BUDGET, PART_CROSS, PART_ECONOMIC,
    PART_THREE_PUBLIC, THREE_PUBLIC_ITEMS, bucket_of,
};
use crate::model::{
    BudgetLine, CostBucket, CrossLine, Document, EconomicCode, EconomicLine, FunctionCode,
    FundSource, SpendingKind, ThreePublic,
};
use crate::money::{Amount, Money};
use crate::sheet::{self, Sheet, cell_ref};

fn cell_err(s: &Sheet, r: usize, c: usize, reason: impl Into<String>) -> ImportError {
    ImportError::Cell {
        sheet: s.name.clone(),
        cell: cell_ref(r, c),
        reason: reason.into(),
    }
}

/// The sheet as a 明细 sheet, if its first row is the 明细 header.
pub fn recognise(s: &Sheet, ctx: &Ctx) -> Result<Option<SheetPlan>, ImportError> {
    let head: Vec<String> = (0..DETAIL_HEADER.len())
        .map(|c| sheet::header(s.get(0, c)))
        .collect();
    if head.iter().zip(DETAIL_HEADER).any(|(a, b)| a != b) {
        return Ok(None);
    }
    let columns = DETAIL_HEADER
        .iter()
        .enumerate()
        .map(|(c, h)| ColumnMap {
            cell: cell_ref(0, c),
            header: h.to_string(),
            meaning: h.to_string(),
            // Read exactly by its fixed header: no meaning to choose.
            recognised: super::ColumnMeaning::Ignore,
            chosen: None,
        })
        .collect();
    // The unit cell (G1) the 明细 sheet has carried since it stated one; an
    // older 明细 (written in whatever unit its document had) has none.
    let (ur, uc) = DETAIL_UNIT_CELL;
    let unit_text = sheet::text(s.get(ur, uc));
    let (unit, unit_source) = match (super::table::unit_in(&unit_text), ctx.given) {
        (Some(u), _) => (u, format!("{}：{unit_text}", cell_ref(ur, uc))),
        (None, Some(u)) => (u, "导入时指定".into()),
        (None, None) => return Err(ImportError::DetailWithoutUnit(s.name.clone())),
    };
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for r in 1..s.rows.len() {
        let t = |c| sheet::text(s.get(r, c));
        let (part, name, source, kind) = (t(0), t(2), t(3), t(4));
        if part.is_empty() && name.is_empty() {
            skipped.push((r + 1, "空行".to_string()));
            continue;
        }
        let stated = sheet::amount(s.get(r, 5))
            .map_err(|e| cell_err(s, r, 5, e.to_string()))?
            .unwrap_or(crate::money::Stated {
                value: rust_decimal::Decimal::ZERO,
                suffix: None,
            });
        let code = match part.as_str() {
            PART_THREE_PUBLIC => String::new(),
            PART_BUDGET | PART_ECONOMIC | PART_CROSS => sheet::code(s.get(r, 1))
                .filter(|c| valid_code(c, part != PART_ECONOMIC))
                .ok_or_else(|| {
                    cell_err(
                        s,
                        r,
                        1,
                        format!("“{}”不是科目编码", sheet::text(s.get(r, 1))),
                    )
                })?,
            _ => return Err(cell_err(s, r, 0, format!("“{part}”不是明细的部分名称"))),
        };
        let known = match part.as_str() {
            PART_BUDGET => {
                FundSource::ALL.iter().any(|x| x.label() == source)
                    && SpendingKind::ALL.iter().any(|x| x.label() == kind)
            }
            PART_ECONOMIC => bucket_of(&kind).is_some(),
            // 名称 is the 经济科目 款.
            PART_CROSS => {
                source == FISCAL_LABEL
                    && (kind == SpendingKind::Basic.label()
                        || kind == SpendingKind::Project.label())
                    && name.len() == 5
                    && valid_code(&name, false)
            }
            _ => THREE_PUBLIC_ITEMS.contains(&name.as_str()),
        };
        if !known {
            return Err(cell_err(
                s,
                r,
                3,
                format!("“{source}·{kind}·{name}”无法识别"),
            ));
        }
        // A split figure is one per 功能科目 × 经济科目: the 款 is part of
        // what it is, so two 款 of one 科目 are not taken for a duplicate.
        let what = if part == PART_CROSS {
            format!("{part}·{source}·{kind}·{name}")
        } else {
            format!("{part}·{source}·{kind}")
        };
        let figure = ctx.figure(s, r, 5, what, stated, unit)?;
        rows.push(RowRead {
            row: r + 1,
            code,
            name,
            detail: String::new(),
            amounts: vec![figure],
        });
    }
    let mut notes = vec!["明细表替换文档的收支预算、基本支出经济分类和“三公”经费（有“财政拨款经济分类”行时也替换按经济分类的分解）".to_string()];
    notes.extend(duplicates(&rows, ctx.doc).iter().map(|d| d.note()));
    Ok(Some(SheetPlan {
        sheet: s.name.clone(),
        target: Target::Detail,
        unit,
        hidden: s.hidden,
        unit_source,
        columns,
        rows,
        skipped,
        checks: Vec::new(),
        lost: Vec::new(),
        notes,
        first_rows: Vec::new(),
        assumed_source: false,
        refused: None,
    }))
}

/// A 功能科目 (3/5/7 digits) or 经济科目 (3/5 digits) code.
pub fn valid_code(c: &str, function: bool) -> bool {
    c.chars().all(|d| d.is_ascii_digit())
        && if function {
            matches!(c.len(), 3 | 5 | 7)
        } else {
            matches!(c.len(), 3 | 5)
        }
}

pub fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>, round: bool) {
    let mut lines: Vec<BudgetLine> = Vec::new();
    let mut economic: Vec<EconomicLine> = Vec::new();
    let mut three = ThreePublic::default();
    let mut gov_fund_three = ThreePublic::default();
    let mut cross: Vec<CrossLine> = Vec::new();
    for r in &p.rows {
        for f in &r.amounts {
            let m = stored(f, round);
            let mut it = f.what.split('·');
            let (part, source, kind) = (
                it.next().unwrap_or(""),
                it.next().unwrap_or(""),
                it.next().unwrap_or(""),
            );
            match part {
                PART_BUDGET => {
                    let (Some(s), Some(k)) = (
                        FundSource::ALL.into_iter().find(|x| x.label() == source),
                        SpendingKind::ALL.into_iter().find(|x| x.label() == kind),
                    ) else {
                        continue;
                    };
                    let i = match lines.iter().position(|l| l.code.as_str() == r.code) {
                        Some(i) => i,
                        None => {
                            // 上年 figures are not in 明细: a line keeps its own.
                            let prior = doc
                                .budget_lines
                                .iter()
                                .find(|l| l.code.as_str() == r.code)
                                .map(|l| l.prior.clone())
                                .unwrap_or_default();
                            lines.push(BudgetLine {
                                code: FunctionCode::new(r.code.clone()),
                                name: r.name.clone(),
                                amounts: Default::default(),
                                prior,
                            });
                            lines.len() - 1
                        }
                    };
                    // A code on two rows: their figures add up.
                    *lines[i].amounts.entry((s, k)).or_default() += m;
                }
                PART_ECONOMIC => {
                    let bucket = bucket_of(kind).unwrap_or(CostBucket::Public);
                    match economic
                        .iter_mut()
                        .find(|l| l.code.as_str() == r.code && l.bucket == bucket)
                    {
                        Some(l) => l.amount += m,
                        None => economic.push(EconomicLine {
                            code: EconomicCode::new(r.code.clone()),
                            name: r.name.clone(),
                            bucket,
                            amount: m,
                            prior: doc
                                .basic_by_economic
                                .iter()
                                .find(|l| l.code.as_str() == r.code)
                                .and_then(|l| l.prior),
                        }),
                    }
                }
                PART_CROSS => add_cross(&mut cross, &r.code, &r.name, kind, m),
                // A 三公 line's 资金来源 says whose: 政府性基金 or (any
                // other, as older sheets wrote) 一般公共预算.
                _ if source == FundSource::GovFund.label() => {
                    add_three(&mut gov_fund_three, &r.name, m);
                }
                _ => add_three(&mut three, &r.name, m),
            }
        }
    }
    let unit = doc.meta.unit;
    let grouping = crate::narrative::Words::of(doc).grouping;
    describe_lines(&doc.budget_lines, &lines, unit, grouping, changes);
    doc.budget_lines = lines;
    replace_economic(doc, economic, changes);
    replace_three(doc, three, changes);
    if doc.gov_fund_three_public != gov_fund_three {
        let unit = doc.meta.unit;
        changes.push(format!(
            "替换政府性基金预算“三公”经费：合计 {} → {}",
            Amount::of(doc.gov_fund_three_public.total(), unit),
            Amount::of(gov_fund_three.total(), unit)
        ));
        doc.gov_fund_three_public = gov_fund_three;
    }
    if !cross.is_empty() {
        if cross != doc.fiscal_by_economic {
            changes.push(format!("财政拨款按经济分类的分解：{} 行", cross.len()));
        }
        doc.fiscal_by_economic = cross;
    }
}

/// Adds a 财政拨款 split figure to its (功能科目, 经济科目) row, first
/// seen first (a pair on two rows adds up).
fn add_cross(rows: &mut Vec<CrossLine>, code: &str, econ: &str, kind: &str, m: Money) {
    let i = match rows
        .iter()
        .position(|c| c.code.as_str() == code && c.economic_code.as_str() == econ)
    {
        Some(i) => i,
        None => {
            rows.push(CrossLine {
                code: FunctionCode::new(code),
                economic_code: EconomicCode::new(econ),
                ..Default::default()
            });
            rows.len() - 1
        }
    };
    if kind == SpendingKind::Basic.label() {
        rows[i].basic += m;
    } else {
        rows[i].project += m;
    }
}

/// Adds `m` to the 三公 item `name` (a figure on two rows adds up).
fn add_three(t: &mut ThreePublic, name: &str, m: Money) {
    match THREE_PUBLIC_ITEMS.iter().position(|x| *x == name) {
        Some(0) => t.abroad += m,
        Some(1) => t.vehicle_purchase += m,
        Some(2) => t.vehicle_operation += m,
        Some(3) => t.reception += m,
        _ => {}
    }
}

fn replace_economic(doc: &mut Document, lines: Vec<EconomicLine>, changes: &mut Vec<String>) {
    if doc.basic_by_economic != lines {
        let unit = doc.meta.unit;
        let sum = |v: &[EconomicLine]| Amount::of(v.iter().map(|l| l.amount).sum::<Money>(), unit);
        changes.push(format!(
            "替换基本支出经济分类：{} 行 {} → {} 行 {}",
            doc.basic_by_economic.len(),
            sum(&doc.basic_by_economic),
            lines.len(),
            sum(&lines)
        ));
        doc.basic_by_economic = lines;
    }
}

fn replace_three(doc: &mut Document, t: ThreePublic, changes: &mut Vec<String>) {
    if doc.three_public != t {
        let unit = doc.meta.unit;
        changes.push(format!(
            "替换“三公”经费：合计 {} → {}",
            Amount::of(doc.three_public.total(), unit),
            Amount::of(t.total(), unit)
        ));
        doc.three_public = t;
    }
}

/// The 经济分类 sheet's rows replace 基本支出经济分类; a row's bucket is
/// the column its amount stood in, else the document's or the catalog's.
pub fn apply_economic(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>, round: bool) {
    let mut lines: Vec<EconomicLine> = Vec::new();
    let read = p
        .rows
        .iter()
        .map(|r| {
            let code = EconomicCode::new(r.code.clone());
            let get = |b: CostBucket| {
                r.amounts
                    .iter()
                    .find(|a| a.what == b.label())
                    .map(|a| stored(a, round))
                    .unwrap_or_default()
            };
            let (pe, pu) = (get(CostBucket::Personnel), get(CostBucket::Public));
            let total = r
                .amounts
                .iter()
                .find(|a| a.what == "合计")
                .map(|a| stored(a, round))
                .unwrap_or(pe + pu);
            let bucket = if !pe.is_zero() && pu.is_zero() {
                CostBucket::Personnel
            } else if !pu.is_zero() && pe.is_zero() {
                CostBucket::Public
            } else {
                doc.basic_by_economic
                    .iter()
                    .find(|l| l.code == code)
                    .map(|l| l.bucket)
                    .unwrap_or(default_bucket(&r.code))
            };
            let prior = doc
                .basic_by_economic
                .iter()
                .find(|l| l.code == code)
                .and_then(|l| l.prior);
            EconomicLine {
                code,
                name: r.name.clone(),
                bucket,
                amount: total,
                prior,
            }
        })
        .collect::<Vec<_>>();
    // A code on two rows: their figures add up.
    for l in read {
        match lines.iter_mut().find(|x| x.code == l.code) {
            Some(x) => x.amount += l.amount,
            None => lines.push(l),
        }
    }
    replace_economic(doc, lines, changes);
}

/// 301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费; the rest 公用经费.
fn default_bucket(code: &str) -> CostBucket {
    if code.starts_with("301") || code.starts_with("303") {
        CostBucket::Personnel
    } else {
        CostBucket::Public
    }
}

/// The 三公 row replaces the four items.
pub fn apply_three_public(
    p: &SheetPlan,
    doc: &mut Document,
    changes: &mut Vec<String>,
    round: bool,
) {
    let mut t = ThreePublic::default();
    for r in &p.rows {
        for f in &r.amounts {
            add_three(&mut t, &f.what, stored(f, round));
        }
    }
    replace_three(doc, t, changes);
}

/// A check of a figure against a sum (in the document's unit).
pub fn check(s: &Sheet, r: usize, f: &Figure, what: String, sum: Amount) -> Check {
    Check {
        row: r + 1,
        cell: format!("{}!{}", s.name, f.cell),
        what,
        sheet: f.sheet,
        document: f.document,
        sum,
    }
}
