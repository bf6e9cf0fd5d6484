//! The key figures every table, share and sentence is built from. Each total
//! is computed here once; views call these functions instead of summing.

use crate::model::{CostBucket, Document, FundSource, SpendingKind};
use crate::money::{Money, Percent, change_percent};
use std::collections::BTreeMap;

/// Sum of the 收支预算 amounts matching `source` and `kind` (`None` = any).
pub fn budget_sum(doc: &Document, source: Option<FundSource>, kind: Option<SpendingKind>) -> Money {
    doc.budget_lines
        .iter()
        .flat_map(|l| l.amounts.iter())
        .filter(|((s, k), _)| source.is_none_or(|x| x == *s) && kind.is_none_or(|x| x == *k))
        .map(|(_, v)| *v)
        .sum()
}

/// Sum of 基本支出 经济科目 rows in `bucket` (`None` = all).
pub fn economic_sum(doc: &Document, bucket: Option<CostBucket>) -> Money {
    doc.basic_by_economic
        .iter()
        .filter(|l| bucket.is_none_or(|b| b == l.bucket))
        .map(|l| l.amount)
        .sum()
}

/// The figures the document is summarised by.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    /// 部门收支总预算 (all sources, all kinds).
    pub total: Money,
    /// Per 资金来源.
    pub by_source: BTreeMap<FundSource, Money>,
    /// Per 支出类型.
    pub by_kind: BTreeMap<SpendingKind, Money>,
    /// 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营).
    pub fiscal: Money,
    /// 一般公共预算 基本支出 (from 收支预算).
    pub general_basic: Money,
    /// 一般公共预算 项目支出 (from 收支预算).
    pub general_project: Money,
    /// 人员经费 (from 经济科目 rows).
    pub personnel: Money,
    /// 公用经费 (from 经济科目 rows).
    pub public: Money,
    /// "三公"经费 合计.
    pub three_public: Money,
    /// Σ 项目 资金总额.
    pub projects: Money,
    /// Σ 项目 财政拨款.
    pub projects_fiscal: Money,
    /// Change against 上年预算总额.
    pub change: Money,
    /// Change in percent of 上年预算总额 (`None` without a previous total).
    pub change_percent: Option<Percent>,
}

impl Totals {
    /// Amount of one source (zero when unused).
    pub fn source(&self, s: FundSource) -> Money {
        self.by_source.get(&s).copied().unwrap_or_default()
    }
    /// Amount of one kind (zero when unused).
    pub fn kind(&self, k: SpendingKind) -> Money {
        self.by_kind.get(&k).copied().unwrap_or_default()
    }
    /// 一般公共预算 total.
    pub fn general(&self) -> Money {
        self.source(FundSource::GeneralBudget)
    }
    /// 一般公共预算 基本支出 as the 经济科目 rows split it (人员 + 公用).
    pub fn economic_total(&self) -> Money {
        self.personnel + self.public
    }
}

/// Computes the [`Totals`] of a document.
pub fn totals(doc: &Document) -> Totals {
    let by_source: BTreeMap<FundSource, Money> = FundSource::ALL
        .iter()
        .map(|&s| (s, budget_sum(doc, Some(s), None)))
        .filter(|(_, v)| !v.is_zero())
        .collect();
    let by_kind: BTreeMap<SpendingKind, Money> = SpendingKind::ALL
        .iter()
        .map(|&k| (k, budget_sum(doc, None, Some(k))))
        .filter(|(_, v)| !v.is_zero())
        .collect();
    let total = budget_sum(doc, None, None);
    let prior = doc.other.prior_year_total;
    Totals {
        total,
        fiscal: FundSource::FISCAL
            .iter()
            .map(|&s| budget_sum(doc, Some(s), None))
            .sum(),
        general_basic: budget_sum(
            doc,
            Some(FundSource::GeneralBudget),
            Some(SpendingKind::Basic),
        ),
        general_project: budget_sum(
            doc,
            Some(FundSource::GeneralBudget),
            Some(SpendingKind::Project),
        ),
        personnel: economic_sum(doc, Some(CostBucket::Personnel)),
        public: economic_sum(doc, Some(CostBucket::Public)),
        three_public: doc.three_public.total(),
        projects: doc.projects.iter().map(|p| p.total()).sum(),
        projects_fiscal: doc.projects.iter().map(|p| p.fiscal).sum(),
        change: total - prior,
        change_percent: change_percent(prior, total),
        by_source,
        by_kind,
    }
}
