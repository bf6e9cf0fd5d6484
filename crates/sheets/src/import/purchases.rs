//! 政府采购 and 政府购买服务 tables read back into their rows: the tables
//! yusuan's xlsx export prints from a template's `Purchases` query
//! (政府采购预算明细表, 政府购买服务预算财政拨款明细表), or a table of the
//! same shape from another system, found by its header text.
//!
//! A purchases table is one row per item under a header that names the
//! item (采购项目, 项目名称 …), its 功能科目编码 and its amount; a 政府采购
//! table has a 采购类型 column, a 政府购买服务 table a 指导性目录 column.
//! Its 合计 row and 采购类型 subtotal rows are checks of the items below
//! them, never imported. Amounts are in the unit the sheet states (as the
//! other tables' import reads it), converted to the document's unit.

use super::{
    Check, ColumnMap, ColumnMeaning, Ctx, Figure, ImportError, RowRead, SheetPlan, Target, stored,
};
use crate::model::{Document, FunctionCode, ProcurementItem, ProcurementKind, PurchasedService};
use crate::money::{Amount, Money, Stated};
use crate::sheet::{self, Sheet, cell_ref};
use rust_decimal::Decimal;

/// Headers of the item's name column.
const NAME: [&str; 7] = [
    "采购项目",
    "采购项目名称",
    "项目名称",
    "品目",
    "采购品目",
    "服务名称",
    "名称",
];
/// Headers of the 功能科目编码 column.
const CODE: [&str; 3] = ["功能科目编码", "科目编码", "功能分类科目编码"];
/// Headers of the amount column.
const AMOUNT: [&str; 6] = ["采购预算", "金额", "财政拨款", "预算金额", "预算数", "合计"];
/// Header of the 采购类型 column (政府采购).
const KIND: [&str; 2] = ["采购类型", "采购类别"];
/// Header of the 指导性目录 column (政府购买服务).
const CATEGORY: [&str; 3] = ["指导性目录", "购买服务目录", "指导性目录类别"];

/// Header rows searched from the top.
const HEADER_ROWS: usize = 12;

/// The columns of a purchases header.
struct Columns {
    row: usize,
    name: usize,
    code: Option<usize>,
    amount: usize,
    /// 采购类型 (政府采购) or 指导性目录 (政府购买服务).
    class: usize,
    target: Target,
}

fn find(s: &Sheet, r: usize, names: &[&str]) -> Option<usize> {
    (0..s.rows.get(r).map_or(0, Vec::len))
        .find(|&c| names.contains(&sheet::header(s.get(r, c)).as_str()))
}

fn header(s: &Sheet) -> Option<Columns> {
    (0..HEADER_ROWS.min(s.rows.len())).find_map(|row| {
        let name = find(s, row, &NAME)?;
        let amount = find(s, row, &AMOUNT)?;
        let (class, target) = match (find(s, row, &KIND), find(s, row, &CATEGORY)) {
            (Some(k), _) => (k, Target::Procurement),
            (None, Some(c)) => (c, Target::PurchasedServices),
            (None, None) => return None,
        };
        Some(Columns {
            row,
            name,
            code: find(s, row, &CODE),
            amount,
            class,
            target,
        })
    })
}

/// The sheet as a 政府采购 or 政府购买服务 table, if its header is one.
pub fn recognise(s: &Sheet, ctx: &Ctx) -> Result<Option<SheetPlan>, ImportError> {
    let Some(cols) = header(s) else {
        return Ok(None);
    };
    let (unit, unit_source) = ctx.sheet_unit(s, cols.row + 1)?;
    let procurement = cols.target == Target::Procurement;
    let mut columns = vec![
        (cols.name, "名称"),
        (
            cols.class,
            if procurement {
                "采购类型"
            } else {
                "指导性目录"
            },
        ),
        (cols.amount, "金额"),
    ];
    if let Some(c) = cols.code {
        columns.insert(1, (c, "功能科目编码"));
    }
    let columns = columns
        .into_iter()
        .map(|(c, meaning)| ColumnMap {
            cell: cell_ref(cols.row, c),
            header: sheet::text(s.get(cols.row, c)),
            meaning: meaning.to_string(),
            recognised: ColumnMeaning::Ignore,
            chosen: None,
        })
        .collect();
    let mut rows: Vec<RowRead> = Vec::new();
    let mut skipped = Vec::new();
    let mut lost = Vec::new();
    // (row, figure, what it covers: None = 合计, Some(kind) = its subtotal).
    let mut totals: Vec<(usize, Figure, Option<String>)> = Vec::new();
    for r in cols.row + 1..s.rows.len() {
        let name = sheet::text(s.get(r, cols.name));
        let class = sheet::text(s.get(r, cols.class));
        let code = cols
            .code
            .map(|c| sheet::text(s.get(r, c)))
            .unwrap_or_default();
        let stated: Option<Stated> =
            sheet::amount(s.get(r, cols.amount)).map_err(|e| ImportError::Cell {
                sheet: s.name.clone(),
                cell: cell_ref(r, cols.amount),
                reason: e.to_string(),
            })?;
        if name.is_empty() && stated.is_none() {
            if !(class.is_empty() && code.is_empty()) {
                skipped.push((r + 1, "没有名称和金额".to_string()));
            }
            continue;
        }
        let figure = |what: &str| {
            let st = stated.unwrap_or(Stated {
                value: Decimal::ZERO,
                suffix: None,
            });
            ctx.figure(s, r, cols.amount, what.to_string(), st, unit)
        };
        let subtotal = procurement
            && class.is_empty()
            && code.is_empty()
            && ProcurementKind::parse(&name).is_some();
        if name.replace(char::is_whitespace, "") == "合计" {
            totals.push((r, figure("合计")?, None));
            continue;
        }
        if subtotal {
            totals.push((r, figure("小计")?, Some(name.trim().to_string())));
            continue;
        }
        if sheet::is_note(&name) {
            skipped.push((r + 1, "表下的说明".to_string()));
            continue;
        }
        if procurement && ProcurementKind::parse(&class).is_none() {
            skipped.push((
                r + 1,
                format!("采购类型“{class}”不是货物、工程或服务，未导入"),
            ));
            if stated.is_some() {
                lost.push(r + 1);
            }
            continue;
        }
        let code = cols
            .code
            .and_then(|c| sheet::code(s.get(r, c)))
            .unwrap_or_default();
        rows.push(RowRead {
            row: r + 1,
            code,
            name: name.trim().to_string(),
            detail: class.trim().to_string(),
            amounts: vec![figure("金额")?],
        });
    }
    let doc_unit = ctx.doc;
    let sum_of = |kind: Option<&str>| -> Amount {
        let v: Decimal = rows
            .iter()
            .filter(|x| {
                kind.is_none_or(|k| ProcurementKind::parse(&x.detail) == ProcurementKind::parse(k))
            })
            .flat_map(|x| &x.amounts)
            .map(|f| f.document.value)
            .sum();
        Amount::new(v, doc_unit)
    };
    let checks: Vec<Check> = totals
        .iter()
        .map(|(r, f, kind)| {
            let what = kind
                .as_ref()
                .map_or("合计".to_string(), |k| format!("{k} 小计"));
            super::detail::check(s, *r, f, what, sum_of(kind.as_deref()))
        })
        .collect();
    let replaces = if procurement {
        "本表替换文档的政府采购明细"
    } else {
        "本表替换文档的政府购买服务明细"
    };
    Ok(Some(SheetPlan {
        sheet: s.name.clone(),
        target: cols.target,
        unit,
        hidden: s.hidden,
        unit_source,
        columns,
        rows,
        skipped,
        lost,
        checks,
        notes: vec![format!("表头在第{}行", cols.row + 1), replaces.to_string()],
        first_rows: Vec::new(),
        assumed_source: false,
        refused: None,
    }))
}

/// Replaces the document's 政府采购 or 政府购买服务 rows with the sheet's.
pub fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>, round: bool) {
    // A row the document has (same name and code, in order) keeps its exact
    // amount where the sheet states it as printed: a workbook printed in
    // 万元 from a document in 元 imports back unchanged.
    let held: Vec<(String, String, Money)> = match p.target {
        Target::Procurement => doc
            .procurement
            .iter()
            .map(|x| (x.name.clone(), x.code.as_str().to_string(), x.amount))
            .collect(),
        _ => doc
            .purchased_services
            .iter()
            .map(|x| (x.name.clone(), x.code.as_str().to_string(), x.amount))
            .collect(),
    };
    let mut taken = vec![false; held.len()];
    let kept: Vec<Option<Money>> = p
        .rows
        .iter()
        .map(|r| {
            let f = r.amounts.first()?;
            let i = (0..held.len())
                .find(|&i| !taken[i] && held[i].0.trim() == r.name && held[i].1 == r.code)?;
            taken[i] = true;
            super::states(f, held[i].2).then_some(held[i].2)
        })
        .collect();
    let amount = |i: usize, r: &RowRead| {
        kept[i].unwrap_or_else(|| r.amounts.first().map_or(Money::ZERO, |f| stored(f, round)))
    };
    let (before, after) = match p.target {
        Target::Procurement => {
            let rows: Vec<ProcurementItem> = p
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| ProcurementItem {
                    name: r.name.clone(),
                    kind: ProcurementKind::parse(&r.detail).unwrap_or_default(),
                    code: FunctionCode::new(&r.code),
                    amount: amount(i, r),
                })
                .collect();
            let before = doc.procurement.len();
            let same = doc.procurement == rows;
            doc.procurement = rows;
            (
                before,
                (!same).then_some(("政府采购", doc.procurement.len())),
            )
        }
        _ => {
            let rows: Vec<PurchasedService> = p
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| PurchasedService {
                    name: r.name.clone(),
                    category: r.detail.clone(),
                    code: FunctionCode::new(&r.code),
                    amount: amount(i, r),
                })
                .collect();
            let before = doc.purchased_services.len();
            let same = doc.purchased_services == rows;
            doc.purchased_services = rows;
            (
                before,
                (!same).then_some(("政府购买服务", doc.purchased_services.len())),
            )
        }
    };
    if let Some((what, n)) = after {
        changes.push(format!("替换{what}明细：{before} 行 → {n} 行"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MoneyUnit;
    use crate::sheet::{SheetCell, Workbook};

    fn t(s: &str) -> SheetCell {
        SheetCell::Text(s.into())
    }

    fn n(s: &str) -> SheetCell {
        SheetCell::Number(s.parse().expect("number"))
    }

    /// 天津's 表十一 as exported, in 万元.
    fn table() -> Sheet {
        Sheet {
            name: "表11".into(),
            rows: vec![
                vec![t("十一、政府采购预算表")],
                vec![
                    t("部门名称：某局"),
                    SheetCell::Empty,
                    SheetCell::Empty,
                    SheetCell::Empty,
                    t("单位：万元"),
                ],
                vec![
                    t("采购项目"),
                    t("采购类型"),
                    t("功能科目编码"),
                    t("功能科目名称"),
                    t("采购预算"),
                ],
                vec![
                    t("合计"),
                    SheetCell::Empty,
                    SheetCell::Empty,
                    SheetCell::Empty,
                    n("418.1"),
                ],
                vec![
                    t("服务"),
                    SheetCell::Empty,
                    SheetCell::Empty,
                    SheetCell::Empty,
                    n("418.1"),
                ],
                vec![
                    t("运维服务"),
                    t("服务"),
                    n("2013399"),
                    t("其他宣传事务支出"),
                    n("300"),
                ],
                vec![
                    t("物业管理服务"),
                    t("服务"),
                    n("2013399"),
                    t("其他宣传事务支出"),
                    n("118.1"),
                ],
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_procurement_table_in_wan_yuan_fills_a_yuan_document_exactly() {
        let mut doc = Document::blank("某局", 2026);
        doc.meta.unit = MoneyUnit::Yuan;
        let wb = Workbook {
            sheets: vec![table()],
        };
        let plan = super::super::plan(&wb, &doc, &Default::default()).expect("plan");
        let p = &plan.sheets[0];
        assert_eq!(p.target, Target::Procurement);
        assert_eq!(p.rows.len(), 2);
        assert!(p.checks.iter().all(Check::agrees), "{:?}", p.checks);
        assert_eq!(p.checks.len(), 2);
        let rows = &plan.document.procurement;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "运维服务");
        assert_eq!(rows[0].kind, ProcurementKind::Services);
        assert_eq!(rows[0].code.as_str(), "2013399");
        assert_eq!(rows[0].amount.value(), Decimal::from(3_000_000));
        assert_eq!(rows[1].amount.value(), Decimal::from(1_181_000));
        let preview = super::super::render(&plan);
        assert!(preview.contains("工作表“表11” → 政府采购明细"), "{preview}");
        assert!(
            preview.contains("第6行 2013399 运维服务（服务）：金额 300 万元 → 3000000.00 元"),
            "{preview}"
        );
    }

    #[test]
    fn an_unknown_procurement_kind_is_skipped_and_asked_about() {
        let mut s = table();
        s.rows[5][1] = t("其他");
        let doc = Document::blank("某局", 2026);
        let wb = Workbook { sheets: vec![s] };
        let plan = super::super::plan(&wb, &doc, &Default::default()).expect("plan");
        assert_eq!(plan.document.procurement.len(), 1);
        assert_eq!(plan.lost(), 1);
        assert!(super::super::render(&plan).contains("采购类型“其他”不是货物、工程或服务"));
        assert_eq!(plan.disagreements(), 2);
    }
}
