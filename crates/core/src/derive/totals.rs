//! The key figures every table, share and sentence is built from. Each total
//! is computed here once; views call these functions instead of summing.

use crate::model::{CostBucket, Document, FundSource, SpendingKind};
use crate::money::{Money, Percent, change_percent};
use std::collections::BTreeMap;

/// The figures the document is summarised by.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    /// 部门收支总预算 (all sources, all kinds).
    pub total: Money,
    /// Per 资金来源.
    pub by_source: BTreeMap<FundSource, Money>,
    /// Per 支出类型.
    pub by_kind: BTreeMap<SpendingKind, Money>,
    /// Per 资金来源 × 支出类型, for every pair some line holds (zero
    /// included): the 合计 line of the 收支预算 grid.
    pub by_cell: BTreeMap<(FundSource, SpendingKind), Money>,
    /// Σ 上年预算数 of the 收支预算 lines, when any line has one.
    pub prior_lines: Option<Money>,
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
    /// 上年预算总额, one source: Σ 上年预算数 of the lines when any line has
    /// one ([`Totals::prior_lines`]), else the entered
    /// `other.prior_year_total` (zero when neither is known).
    pub prior: Money,
    /// Change against 上年预算总额 ([`Totals::prior`]).
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

/// Computes the [`Totals`] of a document in one pass over its amounts (the
/// app calls this after every edit; a pass per figure was most of the cost
/// of deriving a 500-row document).
pub fn totals(doc: &Document) -> Totals {
    let cells = doc.budget_by_pair();
    let mut by_source: BTreeMap<FundSource, Money> = BTreeMap::new();
    let mut by_kind: BTreeMap<SpendingKind, Money> = BTreeMap::new();
    for (&(s, k), &v) in &cells {
        *by_source.entry(s).or_default() += v;
        *by_kind.entry(k).or_default() += v;
    }
    by_source.retain(|_, v| !v.is_zero());
    by_kind.retain(|_, v| !v.is_zero());
    let cell = |s, k| cells.get(&(s, k)).copied().unwrap_or_default();
    let total: Money = cells.values().copied().sum();
    let (general_basic, general_project) = (
        cell(FundSource::GeneralBudget, SpendingKind::Basic),
        cell(FundSource::GeneralBudget, SpendingKind::Project),
    );
    let mut personnel = Money::ZERO;
    let mut public = Money::ZERO;
    for l in &doc.basic_by_economic {
        match l.bucket {
            CostBucket::Personnel => personnel += l.amount,
            CostBucket::Public => public += l.amount,
        }
    }
    let prior_lines: Option<Money> = doc
        .budget_lines
        .iter()
        .any(|l| !l.prior.is_empty())
        .then(|| doc.budget_lines.iter().map(|l| l.prior_total()).sum());
    let prior = prior_lines.unwrap_or(doc.other.prior_year_total);
    Totals {
        total,
        fiscal: FundSource::FISCAL
            .iter()
            .map(|s| by_source.get(s).copied().unwrap_or_default())
            .sum(),
        general_basic,
        general_project,
        personnel,
        public,
        three_public: doc.three_public.total(),
        projects: doc.projects.iter().map(|p| p.total()).sum(),
        projects_fiscal: doc.projects.iter().map(|p| p.fiscal()).sum(),
        prior,
        change: total - prior,
        change_percent: change_percent(prior, total),
        by_source,
        by_kind,
        by_cell: cells,
        prior_lines,
    }
}

#[cfg(test)]
mod tests {
    /// The plain sum the totals must equal.
    fn budget_sum(doc: &Document, source: Option<FundSource>, kind: Option<SpendingKind>) -> Money {
        doc.budget_lines
            .iter()
            .flat_map(|l| l.amounts.iter())
            .filter(|((s, k), _)| source.is_none_or(|x| x == *s) && kind.is_none_or(|x| x == *k))
            .map(|(_, v)| *v)
            .sum()
    }

    use super::*;
    use crate::model::BudgetLine;

    /// The one-pass totals equal the figure-by-figure sums they replace.
    #[test]
    fn one_pass_totals_equal_the_separate_sums() {
        let mut doc = Document::blank("测试", 2027);
        for (i, code) in ["2010101", "2080505", "2130101"].iter().enumerate() {
            let mut l = BudgetLine {
                code: crate::model::FunctionCode::new(*code),
                ..Default::default()
            };
            for (j, (&s, &k)) in FundSource::ALL
                .iter()
                .zip(SpendingKind::ALL.iter().cycle())
                .enumerate()
            {
                l.set_amount(s, k, Money::from_cents((i * 1000 + j * 7 + 1) as i64));
            }
            doc.budget_lines.push(l);
        }
        let t = totals(&doc);
        assert_eq!(t.total, budget_sum(&doc, None, None));
        for s in FundSource::ALL {
            assert_eq!(t.source(s), budget_sum(&doc, Some(s), None), "{s:?}");
        }
        for k in SpendingKind::ALL {
            assert_eq!(t.kind(k), budget_sum(&doc, None, Some(k)), "{k:?}");
        }
        let fiscal: Money = FundSource::FISCAL
            .iter()
            .map(|&s| budget_sum(&doc, Some(s), None))
            .sum();
        assert_eq!(t.fiscal, fiscal);
        assert_eq!(
            t.general_basic,
            budget_sum(
                &doc,
                Some(FundSource::GeneralBudget),
                Some(SpendingKind::Basic)
            )
        );
    }
}
