//! Pure functions from the entered document to everything that is computed:
//! the key totals, the published tables 表1–表8, 附件3's 当年 column with
//! its shares, and 表10's 当年 totals. Nothing here is stored in the file.

pub mod gov_economic;
pub(crate) mod groups;
mod header;
pub mod printed;
mod published;
mod summary;
pub mod table;
mod tables;
mod totals;
mod tree;
mod units;

pub use published::{published_tables, published_tables_in};
pub use totals::{Totals, totals};

use crate::catalog::Catalog;
use crate::model::{Document, SpendingKind};
use crate::money::{Money, Percent, shares};
use table::Table;

/// 附件3 部门总体资金情况, 当年预算 column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CurrentYear {
    /// 收入 财政拨款.
    pub income_fiscal: Money,
    /// 收入 其他资金.
    pub income_other: Money,
    /// 收入 合计.
    pub income_total: Money,
    /// Shares of 财政拨款 and 其他资金 in 收入 合计.
    pub income_shares: [Percent; 2],
    /// 支出 基本支出.
    pub spending_basic: Money,
    /// 支出 项目支出 (all kinds other than 基本支出 count here, as the form
    /// has no other row).
    pub spending_project: Money,
    /// 支出 合计.
    pub spending_total: Money,
    /// Shares of 基本支出 and 项目支出 in 支出 合计.
    pub spending_shares: [Percent; 2],
}

/// Computes 附件3's 当年 column from the totals.
pub fn current_year(t: &Totals) -> CurrentYear {
    let income_other = t.total - t.fiscal;
    let basic = t.kind(SpendingKind::Basic);
    let project = t.total - basic;
    let is = shares(&[t.fiscal, income_other]);
    let ss = shares(&[basic, project]);
    CurrentYear {
        income_fiscal: t.fiscal,
        income_other,
        income_total: t.total,
        income_shares: [is[0], is[1]],
        spending_basic: basic,
        spending_project: project,
        spending_total: t.total,
        spending_shares: [ss[0], ss[1]],
    }
}

/// Everything derived from a document, computed in one pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// Key totals, exact, in the entered unit.
    pub totals: Totals,
    /// The published data tables in template order, money in each table's
    /// printed unit with the 尾差 rule applied ([`published_tables`]).
    pub tables: Vec<Table>,
    /// 附件3 当年 column.
    pub current_year: CurrentYear,
    /// 基本支出 by 政府预算经济分类, derived through the 对应关系.
    pub gov_economic: gov_economic::GovEconomic,
}

impl Derived {
    /// The table printed as 表N.
    pub fn table(&self, n: u8) -> Option<&Table> {
        self.tables.iter().find(|t| t.number == n)
    }
}

/// Derives all tables and figures of `doc`.
pub fn derive(doc: &Document, catalog: &Catalog) -> Derived {
    let totals = totals(doc);
    Derived {
        tables: published::published_tables_with(doc, catalog, &totals, doc.meta.template.spec()),
        current_year: current_year(&totals),
        gov_economic: gov_economic::gov_economic(doc, catalog),
        totals,
    }
}
