//! The one list of a document's money fields: [`Document::for_each_amount`]
//! and [`Document::for_each_amount_mut`] visit every [`Money`] the document
//! holds, this year's and 上年's, each with an [`AmountKey`] saying which
//! field it is. Code that must touch every amount (conversion between
//! units, the 尾差 copy, the amount rules) walks this instead of listing
//! the fields again, so a field added to the model is added here once.

use super::{Document, FundSource, ProcurementKind, SpendingKind};
use crate::money::Money;

/// One of the four "三公" items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThreePublicItem {
    /// 因公出国(境)费
    Abroad,
    /// 公务用车购置费
    VehiclePurchase,
    /// 公务用车运行费
    VehicleOperation,
    /// 公务接待费
    Reception,
}

impl ThreePublicItem {
    /// Printed name.
    pub fn label(self) -> &'static str {
        match self {
            ThreePublicItem::Abroad => "因公出国（境）费",
            ThreePublicItem::VehiclePurchase => "公务用车购置费",
            ThreePublicItem::VehicleOperation => "公务用车运行费",
            ThreePublicItem::Reception => "公务接待费",
        }
    }
}

/// The four figures of one 附件3 近两年 year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PriorYearItem {
    /// 收入 财政拨款
    IncomeFiscal,
    /// 收入 其他资金
    IncomeOther,
    /// 支出 基本支出
    SpendingBasic,
    /// 支出 项目支出
    SpendingProject,
}

/// Which money field of a [`Document`] an amount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AmountKey {
    /// A 收支预算 amount: line index, source, kind.
    Budget(usize, FundSource, SpendingKind),
    /// A 收支预算 line's 上年预算数 by source and kind.
    BudgetPrior(usize, FundSource, SpendingKind),
    /// A 基本支出 经济科目 row's amount.
    Economic(usize),
    /// A 经济科目 row's 上年预算数.
    EconomicPrior(usize),
    /// A "三公" item.
    ThreePublic(ThreePublicItem),
    /// A 上年 "三公" item.
    PriorThreePublic(ThreePublicItem),
    /// A 政府性基金预算 "三公" item.
    GovFundThreePublic(ThreePublicItem),
    /// A project's amount from one 资金来源.
    Project(usize, FundSource),
    /// 附件3 近两年收支: which year (0 = the previous) and figure.
    PriorYear(usize, PriorYearItem),
    /// 其他重要事项 上年预算总额.
    PriorYearTotal,
    /// A merged document's unit (index into `merged_from`): its 收支预算
    /// by source and kind at the time of the merge.
    MergedUnit(usize, FundSource, SpendingKind),
    /// 政府采购预算 (其他重要事项 total by kind).
    Procurement(ProcurementKind),
    /// A 政府采购预算明细 row's amount.
    ProcurementItem(usize),
    /// A 政府购买服务 row's amount.
    PurchasedService(usize),
    /// A 财政拨款 split row's part: [`SpendingKind::Basic`] its 基本支出,
    /// [`SpendingKind::Project`] its 项目支出 (no other kind is visited).
    Cross(usize, SpendingKind),
}

impl AmountKey {
    /// True for a 上年 figure (not this year's budget). Only the unit tests
    /// ask this today.
    #[cfg(test)]
    pub(crate) fn is_prior(self) -> bool {
        matches!(
            self,
            AmountKey::BudgetPrior(..)
                | AmountKey::EconomicPrior(_)
                | AmountKey::PriorThreePublic(_)
                | AmountKey::PriorYear(..)
                | AmountKey::PriorYearTotal
        )
    }
}

/// Calls `$f(key, amount)` on every amount of `$doc` in one fixed order;
/// `$iter`/`$values` are `iter`/`iter` or `iter_mut`/`iter_mut` and `$r` is
/// `&` or `&mut`, so the read and write visits cannot drift apart.
macro_rules! visit {
    ($doc:expr, $f:expr, $iter:ident, $opt:ident, $($r:tt)+) => {{
        let doc = $doc;
        let f = $f;
        for (n, l) in doc.budget_lines.$iter().enumerate() {
            for (&(s, k), m) in l.amounts.$iter() {
                f(AmountKey::Budget(n, s, k), m);
            }
            for (&(s, k), m) in l.prior.$iter() {
                f(AmountKey::BudgetPrior(n, s, k), m);
            }
        }
        for (n, l) in doc.basic_by_economic.$iter().enumerate() {
            f(AmountKey::Economic(n), $($r)+ l.amount);
            if let Some(p) = l.prior.$opt() {
                f(AmountKey::EconomicPrior(n), p);
            }
        }
        let tp = $($r)+ doc.three_public;
        f(AmountKey::ThreePublic(ThreePublicItem::Abroad), $($r)+ tp.abroad);
        f(AmountKey::ThreePublic(ThreePublicItem::VehiclePurchase), $($r)+ tp.vehicle_purchase);
        f(AmountKey::ThreePublic(ThreePublicItem::VehicleOperation), $($r)+ tp.vehicle_operation);
        f(AmountKey::ThreePublic(ThreePublicItem::Reception), $($r)+ tp.reception);
        if let Some(tp) = doc.prior_three_public.$opt() {
            f(AmountKey::PriorThreePublic(ThreePublicItem::Abroad), $($r)+ tp.abroad);
            f(AmountKey::PriorThreePublic(ThreePublicItem::VehiclePurchase), $($r)+ tp.vehicle_purchase);
            f(AmountKey::PriorThreePublic(ThreePublicItem::VehicleOperation), $($r)+ tp.vehicle_operation);
            f(AmountKey::PriorThreePublic(ThreePublicItem::Reception), $($r)+ tp.reception);
        }
        let tp = $($r)+ doc.gov_fund_three_public;
        f(AmountKey::GovFundThreePublic(ThreePublicItem::Abroad), $($r)+ tp.abroad);
        f(AmountKey::GovFundThreePublic(ThreePublicItem::VehiclePurchase), $($r)+ tp.vehicle_purchase);
        f(AmountKey::GovFundThreePublic(ThreePublicItem::VehicleOperation), $($r)+ tp.vehicle_operation);
        f(AmountKey::GovFundThreePublic(ThreePublicItem::Reception), $($r)+ tp.reception);
        for (n, p) in doc.projects.$iter().enumerate() {
            for (&s, m) in p.amounts.$iter() {
                f(AmountKey::Project(n, s), m);
            }
        }
        for (n, y) in doc.performance.prior_years.$iter().enumerate() {
            f(AmountKey::PriorYear(n, PriorYearItem::IncomeFiscal), $($r)+ y.income_fiscal);
            f(AmountKey::PriorYear(n, PriorYearItem::IncomeOther), $($r)+ y.income_other);
            f(AmountKey::PriorYear(n, PriorYearItem::SpendingBasic), $($r)+ y.spending_basic);
            f(AmountKey::PriorYear(n, PriorYearItem::SpendingProject), $($r)+ y.spending_project);
        }
        let o = $($r)+ doc.other;
        f(AmountKey::PriorYearTotal, $($r)+ o.prior_year_total);
        f(AmountKey::Procurement(ProcurementKind::Goods), $($r)+ o.procurement_goods);
        f(AmountKey::Procurement(ProcurementKind::Works), $($r)+ o.procurement_works);
        f(AmountKey::Procurement(ProcurementKind::Services), $($r)+ o.procurement_services);
        for (n, p) in doc.procurement.$iter().enumerate() {
            f(AmountKey::ProcurementItem(n), $($r)+ p.amount);
        }
        for (n, p) in doc.purchased_services.$iter().enumerate() {
            f(AmountKey::PurchasedService(n), $($r)+ p.amount);
        }
        for (n, c) in doc.fiscal_by_economic.$iter().enumerate() {
            f(AmountKey::Cross(n, SpendingKind::Basic), $($r)+ c.basic);
            f(AmountKey::Cross(n, SpendingKind::Project), $($r)+ c.project);
        }
        for (n, u) in doc.merged_from.$iter().enumerate() {
            for (&(s, k), m) in u.amounts.$iter() {
                f(AmountKey::MergedUnit(n, s, k), m);
            }
        }
    }};
}

impl Document {
    /// Every amount of the document with its key, in one fixed order: per
    /// 收支预算 line its amounts then its 上年; per 经济科目 row its amount
    /// then its 上年; "三公", 上年 "三公"; projects; 附件3 近两年; 上年预算总额;
    /// 政府采购; 政府采购明细 rows; 政府购买服务 rows; the 财政拨款 split
    /// (基本 then 项目 per row); per merged unit its amounts by source and
    /// kind. Absent optional figures (a line without 上年) are not visited.
    pub(crate) fn for_each_amount(&self, mut f: impl FnMut(AmountKey, Money)) {
        let mut g = |k: AmountKey, m: &Money| f(k, *m);
        visit!(self, &mut g, iter, as_ref, &);
    }

    /// [`Document::for_each_amount`], each amount mutable.
    pub(crate) fn for_each_amount_mut(&mut self, mut f: impl FnMut(AmountKey, &mut Money)) {
        visit!(self, &mut f, iter_mut, as_mut, &mut);
    }

    /// Sets the amount `key` names, as an edit does: zero removes a
    /// 收支预算 entry or a 经济科目 上年 figure (files stay sparse), and a
    /// 上年 "三公" item creates the 上年 "三公" part. False when the row
    /// `key` points at does not exist. The one place that writes an amount
    /// by its key: a new money field is a new [`AmountKey`], which this
    /// match does not compile without.
    pub fn set_amount_at(&mut self, key: AmountKey, m: Money) -> bool {
        fn three(tp: &mut super::ThreePublic, i: ThreePublicItem) -> &mut Money {
            match i {
                ThreePublicItem::Abroad => &mut tp.abroad,
                ThreePublicItem::VehiclePurchase => &mut tp.vehicle_purchase,
                ThreePublicItem::VehicleOperation => &mut tp.vehicle_operation,
                ThreePublicItem::Reception => &mut tp.reception,
            }
        }
        let slot: Option<&mut Money> = match key {
            AmountKey::Budget(n, s, k) => {
                return self
                    .budget_lines
                    .get_mut(n)
                    .map(|l| l.set_amount(s, k, m))
                    .is_some();
            }
            AmountKey::BudgetPrior(n, s, k) => {
                return self
                    .budget_lines
                    .get_mut(n)
                    .map(|l| l.set_prior(s, k, m))
                    .is_some();
            }
            AmountKey::Economic(n) => self.basic_by_economic.get_mut(n).map(|l| &mut l.amount),
            AmountKey::EconomicPrior(n) => {
                return self
                    .basic_by_economic
                    .get_mut(n)
                    .map(|l| l.prior = Some(m).filter(|m| !m.is_zero()))
                    .is_some();
            }
            AmountKey::ThreePublic(i) => Some(three(&mut self.three_public, i)),
            AmountKey::GovFundThreePublic(i) => Some(three(&mut self.gov_fund_three_public, i)),
            AmountKey::PriorThreePublic(i) => Some(three(
                self.prior_three_public.get_or_insert_with(Default::default),
                i,
            )),
            AmountKey::Project(n, s) => {
                return self
                    .projects
                    .get_mut(n)
                    .map(|p| p.set_amount(s, m))
                    .is_some();
            }
            AmountKey::PriorYear(n, item) => {
                self.performance.prior_years.get_mut(n).map(|y| match item {
                    PriorYearItem::IncomeFiscal => &mut y.income_fiscal,
                    PriorYearItem::IncomeOther => &mut y.income_other,
                    PriorYearItem::SpendingBasic => &mut y.spending_basic,
                    PriorYearItem::SpendingProject => &mut y.spending_project,
                })
            }
            AmountKey::PriorYearTotal => Some(&mut self.other.prior_year_total),
            AmountKey::Procurement(k) => Some(match k {
                ProcurementKind::Goods => &mut self.other.procurement_goods,
                ProcurementKind::Works => &mut self.other.procurement_works,
                ProcurementKind::Services => &mut self.other.procurement_services,
            }),
            AmountKey::ProcurementItem(n) => self.procurement.get_mut(n).map(|p| &mut p.amount),
            AmountKey::PurchasedService(n) => {
                self.purchased_services.get_mut(n).map(|p| &mut p.amount)
            }
            AmountKey::Cross(n, k) => self.fiscal_by_economic.get_mut(n).and_then(|c| match k {
                SpendingKind::Basic => Some(&mut c.basic),
                SpendingKind::Project => Some(&mut c.project),
                _ => None,
            }),
            AmountKey::MergedUnit(n, s, k) => {
                return self
                    .merged_from
                    .get_mut(n)
                    .map(|u| super::budget::set_sparse(&mut u.amounts, s, k, m))
                    .is_some();
            }
        };
        slot.map(|s| *s = m).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document where every optional money part is present.
    fn full() -> Document {
        let text = include_str!("../../../../examples/wuhan-2022.ron");
        let mut doc: Document = ron::from_str(text).expect("example reads");
        for (i, l) in doc.budget_lines.iter_mut().enumerate() {
            l.set_prior(
                FundSource::GeneralBudget,
                SpendingKind::Basic,
                Money::from_cents(100 + i as i64),
            );
        }
        for l in &mut doc.basic_by_economic {
            l.prior = Some(Money::from_cents(7));
        }
        doc.prior_three_public = Some(doc.three_public);
        let code = doc.budget_lines[0].code.clone();
        doc.procurement = vec![super::super::ProcurementItem {
            name: "台式计算机".into(),
            code: code.clone(),
            amount: Money::from_cents(5),
            ..Default::default()
        }];
        doc.purchased_services = vec![super::super::PurchasedService {
            name: "物业管理服务".into(),
            code,
            amount: Money::from_cents(6),
            ..Default::default()
        }];
        doc.fiscal_by_economic = vec![super::super::CrossLine {
            code: doc.budget_lines[0].code.clone(),
            economic_code: super::super::EconomicCode::new("30101"),
            basic: Money::from_cents(8),
            project: Money::from_cents(9),
        }];
        doc.merged_from = vec![super::super::MergeSource {
            file: "a.ron".into(),
            unit: "本级".into(),
            hash: "0123456789abcdef".into(),
            amounts: [
                (
                    (FundSource::GeneralBudget, SpendingKind::Basic),
                    Money::from_cents(10),
                ),
                (
                    (FundSource::OtherIncome, SpendingKind::Project),
                    Money::from_cents(11),
                ),
            ]
            .into(),
        }];
        doc
    }

    /// Every money value the file holds is one the visitor saw: with every
    /// visited amount set to a marker, no other amount-looking string is
    /// left in the RON text, and the marker appears once per visit.
    #[test]
    fn the_visitor_sees_every_money_value_of_the_file() {
        let mut doc = full();
        let marker = Money::from_cents(424_242);
        let mut seen = 0usize;
        doc.for_each_amount_mut(|_, m| {
            *m = marker;
            seen += 1;
        });
        let mut read = 0usize;
        doc.for_each_amount(|_, m| {
            assert_eq!(m, marker);
            read += 1;
        });
        assert_eq!(read, seen);
        let text = ron::ser::to_string(&doc).expect("serialises");
        assert_eq!(text.matches("\"4242.42\"").count(), seen, "{text}");
        // Every quoted plain number is the marker, apart from text fields
        // that may read as numbers (指标值 `value:`, codes, phone).
        for (before, s, context) in super::super::texts::quoted(&text) {
            let text_field = ["value:", "code:", "phone:", "preparer:"]
                .iter()
                .any(|k| before.ends_with(k));
            if !text_field && crate::money::parse_stored(s).is_ok() && s != "4242.42" {
                panic!("金额 {s:?} 未被访问：…{context}");
            }
        }
    }

    /// Every key the visitor yields can be written by [`Document::set_amount_at`],
    /// and the visitor then reads the new value under the same key.
    #[test]
    fn every_visited_key_can_be_set() {
        let mut doc = full();
        let mut keys = Vec::new();
        doc.for_each_amount(|k, _| keys.push(k));
        for (i, k) in keys.iter().enumerate() {
            assert!(
                doc.set_amount_at(*k, Money::from_cents(i as i64 + 1)),
                "{k:?}"
            );
        }
        let mut n = 0;
        doc.for_each_amount(|k, m| {
            assert_eq!(k, keys[n]);
            assert_eq!(m, Money::from_cents(n as i64 + 1), "{k:?}");
            n += 1;
        });
        assert_eq!(n, keys.len());
        assert!(!doc.set_amount_at(AmountKey::Economic(10_000), Money::ZERO));
    }

    /// Keys say which field each amount is: 上年 figures are told apart.
    #[test]
    fn keys_tell_this_year_from_prior() {
        let doc = full();
        let (mut now, mut prior) = (0, 0);
        doc.for_each_amount(|k, _| {
            if k.is_prior() {
                prior += 1;
            } else {
                now += 1;
            }
        });
        assert!(now > 0 && prior > 0);
        let mut budget_prior = 0;
        doc.for_each_amount(|k, _| {
            if matches!(k, AmountKey::BudgetPrior(..)) {
                budget_prior += 1;
            }
        });
        assert_eq!(budget_prior, doc.budget_lines.len());
    }
}
