//! yusuan's own 明细 sheet read back, and applying the 明细, 经济分类 and
//! 三公 parts to a document.

use super::{Check, ColumnMap, ImportError, RowRead, SheetPlan, Target, Unit, describe_lines};
use crate::model::{
    BudgetLine, CostBucket, Document, EconomicCode, EconomicLine, FunctionCode, FundSource,
    SpendingKind, ThreePublic,
};
use crate::money::Money;
use crate::sheet::{self, Sheet, cell_ref};
use crate::xlsx::{
    DETAIL_HEADER, PART_BUDGET, PART_ECONOMIC, PART_THREE_PUBLIC, THREE_PUBLIC_ITEMS, bucket_of,
};

fn cell_err(s: &Sheet, r: usize, c: usize, reason: impl Into<String>) -> ImportError {
    ImportError::Cell {
        sheet: s.name.clone(),
        cell: cell_ref(r, c),
        reason: reason.into(),
    }
}

/// The sheet as a 明细 sheet, if its first row is the 明细 header.
pub fn recognise(s: &Sheet) -> Result<Option<SheetPlan>, ImportError> {
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
        })
        .collect();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for r in 1..s.rows.len() {
        let t = |c| sheet::text(s.get(r, c));
        let (part, name, source, kind) = (t(0), t(2), t(3), t(4));
        if part.is_empty() && name.is_empty() {
            skipped.push((r + 1, "空行".to_string()));
            continue;
        }
        let amount = sheet::amount(s.get(r, 5))
            .map_err(|e| cell_err(s, r, 5, e.to_string()))?
            .map(|st| st.value)
            .unwrap_or_default();
        let code = match part.as_str() {
            PART_THREE_PUBLIC => String::new(),
            PART_BUDGET | PART_ECONOMIC => sheet::code(s.get(r, 1))
                .filter(|c| valid_code(c, part == PART_BUDGET))
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
        let read = sheet::text(s.get(r, 5));
        rows.push(RowRead {
            row: r + 1,
            code,
            name,
            amounts: vec![(
                format!("{part}·{source}·{kind}"),
                read,
                Unit::WanYuan.to_wan(amount),
            )],
        });
    }
    Ok(Some(SheetPlan {
        sheet: s.name.clone(),
        target: Target::Detail,
        unit: Unit::WanYuan,
        unit_source: "明细表以万元记".into(),
        columns,
        rows,
        skipped,
        checks: Vec::new(),
        notes: vec!["明细表替换文档的收支预算、基本支出经济分类和“三公”经费".into()],
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

pub fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>) {
    let mut lines: Vec<BudgetLine> = Vec::new();
    let mut economic: Vec<EconomicLine> = Vec::new();
    let mut three = ThreePublic::default();
    for r in &p.rows {
        for (key, _, m) in &r.amounts {
            let mut it = key.split('·');
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
                    lines[i].amounts.insert((s, k), *m);
                }
                PART_ECONOMIC => economic.push(EconomicLine {
                    code: EconomicCode::new(r.code.clone()),
                    name: r.name.clone(),
                    bucket: bucket_of(kind).unwrap_or(CostBucket::Public),
                    amount: *m,
                    prior: doc
                        .basic_by_economic
                        .iter()
                        .find(|l| l.code.as_str() == r.code)
                        .and_then(|l| l.prior),
                }),
                _ => set_three(&mut three, &r.name, *m),
            }
        }
    }
    describe_lines(&doc.budget_lines, &lines, changes);
    doc.budget_lines = lines;
    replace_economic(doc, economic, changes);
    replace_three(doc, three, changes);
}

fn set_three(t: &mut ThreePublic, name: &str, m: Money) {
    match THREE_PUBLIC_ITEMS.iter().position(|x| *x == name) {
        Some(0) => t.abroad = m,
        Some(1) => t.vehicle_purchase = m,
        Some(2) => t.vehicle_operation = m,
        Some(3) => t.reception = m,
        _ => {}
    }
}

fn replace_economic(doc: &mut Document, lines: Vec<EconomicLine>, changes: &mut Vec<String>) {
    if doc.basic_by_economic != lines {
        let sum = |v: &[EconomicLine]| v.iter().map(|l| l.amount).sum::<Money>();
        changes.push(format!(
            "替换基本支出经济分类：{} 行 {} 万元 → {} 行 {} 万元",
            doc.basic_by_economic.len(),
            sum(&doc.basic_by_economic).display(),
            lines.len(),
            sum(&lines).display()
        ));
        doc.basic_by_economic = lines;
    }
}

fn replace_three(doc: &mut Document, t: ThreePublic, changes: &mut Vec<String>) {
    if doc.three_public != t {
        changes.push(format!(
            "替换“三公”经费：合计 {} → {} 万元",
            doc.three_public.total().display(),
            t.total().display()
        ));
        doc.three_public = t;
    }
}

/// The 经济分类 sheet's rows replace 基本支出经济分类; a row's bucket is
/// the column its amount stood in, else the document's or the catalog's.
pub fn apply_economic(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>) {
    let lines = p
        .rows
        .iter()
        .map(|r| {
            let code = EconomicCode::new(r.code.clone());
            let get = |b: CostBucket| {
                r.amounts
                    .iter()
                    .find(|a| a.0 == b.label())
                    .map(|a| a.2)
                    .unwrap_or_default()
            };
            let (pe, pu) = (get(CostBucket::Personnel), get(CostBucket::Public));
            let total = r
                .amounts
                .iter()
                .find(|a| a.0 == "合计")
                .map(|a| a.2)
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
        .collect();
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
pub fn apply_three_public(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>) {
    let mut t = ThreePublic::default();
    for r in &p.rows {
        for (what, _, m) in &r.amounts {
            set_three(&mut t, what, *m);
        }
    }
    replace_three(doc, t, changes);
}

/// A check of a figure against a sum.
pub fn check(s: &Sheet, r: usize, c: usize, what: String, sheet: Money, sum: Money) -> Check {
    Check {
        cell: format!("{}!{}", s.name, cell_ref(r, c)),
        what,
        sheet,
        sum,
    }
}
