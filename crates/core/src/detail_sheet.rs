//! The 明细 sheet's contract, shared by its writer (`yusuan_print::xlsx`)
//! and its reader (`yusuan_sheets::import`): every entered figure as a flat
//! list (部分, 科目编码, 名称, 资金来源, 支出类型, 金额). The labels are the
//! published ones (`FundSource::label` …), so the sheet is readable by
//! people as well as by the importer. G1 states the unit of the 金额 column
//! (`单位：元`), see [`DETAIL_UNIT_CELL`].

use crate::model::{CostBucket, Document, FundSource, SpendingKind};
use crate::money::Money;

/// Name of the sheet.
pub const DETAIL_SHEET: &str = "明细";

/// Column headings, in order.
pub const DETAIL_HEADER: [&str; 6] = ["部分", "科目编码", "名称", "资金来源", "支出类型", "金额"];

/// (row, column), 0-based, of the cell stating the unit of the 金额 column:
/// G1, right of the header, `单位：元` or `单位：万元` (the document's unit).
/// A 明细 sheet without it was written by an older version, in whatever
/// unit its document had: the importer asks for the unit instead of guessing.
pub const DETAIL_UNIT_CELL: (usize, usize) = (0, 6);

/// 部分 of a 收支预算 row (by 功能科目).
pub const PART_BUDGET: &str = "收支预算";
/// 部分 of a 基本支出 row by 经济科目.
pub const PART_ECONOMIC: &str = "基本支出经济分类";
/// 部分 of a 三公 item.
pub const PART_THREE_PUBLIC: &str = "三公经费";

/// 部分 of a 财政拨款 split figure: 科目编码 is the 功能科目, 名称 the 经济科目
/// 款 code, 资金来源 [`FISCAL_LABEL`], 支出类型 基本支出 or 项目支出.
pub const PART_CROSS: &str = "财政拨款经济分类";
/// 资金来源 of a [`PART_CROSS`] line.
pub const FISCAL_LABEL: &str = "财政拨款";

/// The four 三公 items as the 明细 sheet names them, with their fields.
pub const THREE_PUBLIC_ITEMS: [&str; 4] = [
    "因公出国(境)费",
    "公务用车购置费",
    "公务用车运行费",
    "公务接待费",
];

/// One 明细 line.
pub struct Line<'a> {
    /// 部分: which part of the document.
    pub part: &'a str,
    /// 科目编码 (empty for 三公 items).
    pub code: &'a str,
    /// 名称.
    pub name: &'a str,
    /// 资金来源 label.
    pub source: &'a str,
    /// 支出类型 (or 人员/公用 for 经济科目) label.
    pub kind: &'a str,
    /// 金额, in the document's unit.
    pub amount: Money,
}

/// The 明细 lines of `doc`, in sheet order.
pub fn lines(doc: &Document) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for l in &doc.budget_lines {
        for ((s, k), m) in &l.amounts {
            out.push(Line {
                part: PART_BUDGET,
                code: l.code.as_str(),
                name: &l.name,
                source: s.label(),
                kind: k.label(),
                amount: *m,
            });
        }
    }
    for e in &doc.basic_by_economic {
        out.push(Line {
            part: PART_ECONOMIC,
            code: e.code.as_str(),
            name: &e.name,
            source: FundSource::GeneralBudget.label(),
            kind: e.bucket.label(),
            amount: e.amount,
        });
    }
    // The 一般公共预算 "三公" always (an older sheet had only it); the
    // 政府性基金 one, its 资金来源 saying so, where it has figures.
    let mut threes = vec![(FundSource::GeneralBudget, &doc.three_public)];
    if !doc.gov_fund_three_public.is_zero() {
        threes.push((FundSource::GovFund, &doc.gov_fund_three_public));
    }
    for (source, t) in threes {
        for (name, (_, m)) in THREE_PUBLIC_ITEMS.iter().zip(t.items()) {
            out.push(Line {
                part: PART_THREE_PUBLIC,
                code: "",
                name,
                source: source.label(),
                kind: SpendingKind::Basic.label(),
                amount: m,
            });
        }
    }
    for c in &doc.fiscal_by_economic {
        for (kind, m) in [
            (SpendingKind::Basic, c.basic),
            (SpendingKind::Project, c.project),
        ] {
            out.push(Line {
                part: PART_CROSS,
                code: c.code.as_str(),
                name: c.economic_code.as_str(),
                source: FISCAL_LABEL,
                kind: kind.label(),
                amount: m,
            });
        }
    }
    out
}

/// `CostBucket` from its label on the 明细 sheet.
pub fn bucket_of(label: &str) -> Option<CostBucket> {
    [CostBucket::Personnel, CostBucket::Public]
        .into_iter()
        .find(|b| b.label() == label)
}
