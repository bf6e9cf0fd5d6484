//! 政府采购 and 政府购买服务: the rows of 政府采购预算明细表 and
//! 政府购买服务预算财政拨款明细表, entered once.
//!
//! The contract: each row names the 功能科目 (项) whose spending pays for
//! it, so the rules can hold every row to the spending it comes from
//! (政府采购 within the 科目's 支出, 购买服务 within its 财政拨款); a
//! table that prints them is a template query over these rows, never a
//! second copy. Both lists are empty by default and absent from files
//! that have none, so older files load unchanged and files without them
//! save byte for byte as before. Their amounts travel with every other
//! amount through [`super::Document::for_each_amount`] (unit conversion,
//! the printed 尾差 copy, comparison, merging, rollover).

use super::codes::FunctionCode;
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// 采购类型: the three classes of 政府采购 (货物、工程、服务).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ProcurementKind {
    /// 货物类
    #[default]
    Goods,
    /// 工程类
    Works,
    /// 服务类
    Services,
}

impl ProcurementKind {
    /// All kinds, in the published order.
    pub const ALL: [ProcurementKind; 3] = [
        ProcurementKind::Goods,
        ProcurementKind::Works,
        ProcurementKind::Services,
    ];

    /// Printed name: 货物 / 工程 / 服务.
    pub fn label(self) -> &'static str {
        match self {
            ProcurementKind::Goods => "货物",
            ProcurementKind::Works => "工程",
            ProcurementKind::Services => "服务",
        }
    }

    /// The kind a typed or imported text names (`货物`, `货物类`, `A`…).
    pub fn parse(text: &str) -> Option<ProcurementKind> {
        let t = text.trim().trim_end_matches('类');
        match t {
            "货物" | "A" => Some(ProcurementKind::Goods),
            "工程" | "B" => Some(ProcurementKind::Works),
            "服务" | "C" => Some(ProcurementKind::Services),
            _ => None,
        }
    }
}

/// One row of 政府采购预算明细: a 采购项目 (or 品目), its 采购类型, the
/// 功能科目 whose spending pays for it, and the amount.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcurementItem {
    /// 采购项目 / 品目 name as printed.
    pub name: String,
    /// 货物、工程 or 服务.
    #[serde(default)]
    pub kind: ProcurementKind,
    /// The 功能科目 (项) it is paid from; must be a 收支预算 line.
    #[serde(default)]
    pub code: FunctionCode,
    /// 采购预算 amount, in the document's unit.
    #[serde(default)]
    pub amount: Money,
}

/// One row of 政府购买服务预算财政拨款明细: a service bought with
/// 财政拨款, its place in the 政府购买服务指导性目录, its 功能科目, and the
/// amount.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PurchasedService {
    /// 项目 / 服务名称 as printed.
    pub name: String,
    /// 指导性目录 category as the 目录 words it (free text: each region
    /// publishes its own 目录, e.g. 政府履职辅助性服务).
    #[serde(default)]
    pub category: String,
    /// The 功能科目 (项) it is paid from; must be a 收支预算 line with
    /// 财政拨款.
    #[serde(default)]
    pub code: FunctionCode,
    /// 财政拨款 amount, in the document's unit.
    #[serde(default)]
    pub amount: Money,
}

impl super::Document {
    /// True when the 政府采购预算 the text states comes from the 政府采购
    /// rows: whenever the document has any. Without rows (files from
    /// before them, templates that print no 政府采购 table) the totals
    /// typed in 其他重要事项 stand.
    pub fn procurement_from_rows(&self) -> bool {
        !self.procurement.is_empty()
    }

    /// 政府采购预算 by 采购类型, in [`ProcurementKind::ALL`] order: the sums
    /// of the rows of each kind when the document has rows, else the
    /// totals typed in 其他重要事项. Everything that states these totals
    /// (the 情况说明, the text check X05, the app's 其他重要事项 form) reads
    /// them here, so a printed total can never disagree with its rows.
    pub fn procurement_by_kind(&self) -> [(ProcurementKind, Money); 3] {
        ProcurementKind::ALL.map(|k| {
            let m = if self.procurement_from_rows() {
                self.procurement
                    .iter()
                    .filter(|p| p.kind == k)
                    .map(|p| p.amount)
                    .sum()
            } else {
                let o = &self.other;
                match k {
                    ProcurementKind::Goods => o.procurement_goods,
                    ProcurementKind::Works => o.procurement_works,
                    ProcurementKind::Services => o.procurement_services,
                }
            };
            (k, m)
        })
    }

    /// 政府采购预算 合计 as [`Self::procurement_by_kind`] states it.
    pub fn procurement_total(&self) -> Money {
        self.procurement_by_kind().iter().map(|(_, m)| *m).sum()
    }
}
