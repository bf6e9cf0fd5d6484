//! Y04: this document's 上年 figures against last year's document
//! (`yusuan check FILE --prior LAST.ron`). Every 上年 figure the model
//! stores is compared with the figure last year's file states as its own:
//! per 收支预算 line (科目 by code, 资金来源 × 支出类型), per 经济科目 row,
//! the four “三公”经费 items, the entered 上年预算总额, 附件3's 近两年
//! columns (each year against the same year in last year's file) and the
//! 近两年 value of each 附件3 年度目标 indicator (against last year's
//! value of the same goal and indicator, by name). Either file may be in 元 or 万元: last year's
//! figures are converted into this document's unit through
//! [`Amount::to_unit`] and both are compared at the display rule's two
//! decimals (a 万元 document cannot hold more).

use super::{Figures, Finding, Rule};
use crate::derive::{current_year, totals};
use crate::location::{Field, FieldName, Location, Sheet};
use crate::model::{Document, FundSource, SpendingKind, ThreePublic, ThreePublicItem};
use crate::money::{Amount, Money, MoneyUnit};
use std::collections::BTreeMap;

/// Why two documents cannot be compared.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PriorError {
    /// Last year's file is not of the year before this one's.
    #[error("上年文件是 {prior} 年度的，本文件是 {year} 年度，应使用 {expected} 年度的文件比对")]
    WrongYear {
        /// The prior file's year.
        prior: i32,
        /// This document's year.
        year: i32,
        /// The year the prior file should have.
        expected: i32,
    },
}

/// The outcome of a comparison with last year's document.
#[derive(Clone, Debug, Default)]
pub struct PriorComparison {
    /// How many 上年 figures were compared.
    pub compared: usize,
    /// One Y04 finding per disagreement (and per figure only one side has).
    pub findings: Vec<Finding>,
}

/// Compares `doc`'s 上年 figures with `last`'s own figures. `last` must be
/// the year before `doc`.
pub fn compare_with_prior(doc: &Document, last: &Document) -> Result<PriorComparison, PriorError> {
    let year = doc.meta.year;
    let expected = year.saturating_sub(1);
    if last.meta.year != expected {
        return Err(PriorError::WrongYear {
            prior: last.meta.year,
            year,
            expected,
        });
    }
    let mut c = Comparer {
        unit: doc.meta.unit,
        last_unit: last.meta.unit,
        last_year: last.meta.year,
        fig: Figures::of(doc),
        out: PriorComparison::default(),
    };
    c.budget_lines(doc, last);
    c.economic_lines(doc, last);
    if let Some(prior) = &doc.prior_three_public {
        c.three_public(prior, &last.three_public);
    }
    c.totals(doc, last);
    c.indicators(doc, last);
    // 附件3's 近两年 is compared only where the template prints 附件3.
    super::only_printed(doc, &mut c.out.findings);
    Ok(c.out)
}

/// The comparison under way: the two units and what was found.
struct Comparer {
    /// This document's unit (messages and comparison are in it).
    unit: MoneyUnit,
    /// Last year's document's unit.
    last_unit: MoneyUnit,
    /// Last year's year, for messages.
    last_year: i32,
    /// How messages print amounts (this document's format).
    fig: Figures,
    out: PriorComparison,
}

impl Comparer {
    /// `m` of last year's file in this document's unit; `None` only past
    /// the largest amount a document holds.
    fn converted(&self, m: Money) -> Option<Money> {
        Amount::of(m, self.last_unit).to_unit(self.unit).ok()
    }

    /// A figure of last year's file as a message states it: in this
    /// document's unit, and as last year's file printed it when its unit
    /// differs.
    fn shown_last(&self, m: Money) -> String {
        let here = self.converted(m).map_or_else(
            || "（无法换算）".to_string(),
            |c| self.fig.with_unit(c, self.unit),
        );
        if self.unit == self.last_unit {
            here
        } else {
            format!(
                "{here}（上年文件为 {}）",
                self.fig.with_unit(m, self.last_unit)
            )
        }
    }

    /// Compares one 上年 figure `mine` with last year's `last` (zero when
    /// the file has none); reports a disagreement at `loc`.
    fn figure(&mut self, what: &str, mine: Money, last: Money, loc: Location) {
        self.out.compared += 1;
        let same = self
            .converted(last)
            .is_some_and(|l| l.rounded() == mine.rounded());
        if same {
            return;
        }
        let message = format!(
            "{what}：本文件上年数 {}，{} 年度文件本年数 {}",
            self.fig.with_unit(mine, self.unit),
            self.last_year,
            self.shown_last(last)
        );
        self.out
            .findings
            .push(Finding::new(Rule::Y04, message, loc));
    }

    /// 收支预算 lines by 科目 code, each 资金来源 × 支出类型. Skipped when the
    /// document holds no per-line 上年预算数 (its 上年 total is compared
    /// instead, [`Comparer::totals`]).
    fn budget_lines(&mut self, doc: &Document, last: &Document) {
        if doc.budget_lines.iter().all(|l| l.prior.is_empty()) {
            return;
        }
        type Key = (String, FundSource, SpendingKind);
        let mut theirs: BTreeMap<Key, (Money, &str)> = BTreeMap::new();
        for l in &last.budget_lines {
            for (&(s, k), &m) in &l.amounts {
                let e = theirs
                    .entry((l.code.as_str().to_string(), s, k))
                    .or_insert((Money::default(), &l.name));
                e.0 += m;
            }
        }
        for (i, l) in doc.budget_lines.iter().enumerate() {
            let code = l.code.as_str().to_string();
            // Every pair either side holds for this 科目.
            let mut pairs: Vec<(FundSource, SpendingKind)> = l.prior.keys().copied().collect();
            pairs.extend(
                theirs
                    .keys()
                    .filter(|(c, ..)| *c == code)
                    .map(|(_, s, k)| (*s, *k)),
            );
            pairs.sort();
            pairs.dedup();
            for (s, k) in pairs {
                let last_m = theirs
                    .remove(&(code.clone(), s, k))
                    .map_or(Money::default(), |(m, _)| m);
                let what = format!("{} {} {}·{}", l.code, l.name, s.label(), k.label());
                let loc = Location::cell(Sheet::Budget, i, Field::PriorAmount(s, k));
                self.figure(&what, l.prior_amount(s, k), last_m, loc);
            }
        }
        // 科目 last year's file has and this one lacks.
        for ((code, s, k), (m, name)) in theirs {
            if m.is_zero() {
                continue;
            }
            let what = format!(
                "{code} {name} {}·{}（本文件无此科目）",
                s.label(),
                k.label()
            );
            self.figure(&what, Money::default(), m, Location::sheet(Sheet::Budget));
        }
    }

    /// 基本支出经济分类 rows by code, where this document has a 上年 figure.
    fn economic_lines(&mut self, doc: &Document, last: &Document) {
        if doc.basic_by_economic.iter().all(|l| l.prior.is_none()) {
            return;
        }
        let mut theirs: BTreeMap<&str, (Money, &str)> = BTreeMap::new();
        for l in &last.basic_by_economic {
            let e = theirs
                .entry(l.code.as_str())
                .or_insert((Money::default(), &l.name));
            e.0 += l.amount;
        }
        for (i, l) in doc.basic_by_economic.iter().enumerate() {
            let last_m = theirs
                .remove(l.code.as_str())
                .map_or(Money::default(), |(m, _)| m);
            let Some(mine) = l.prior else {
                continue;
            };
            let what = format!("经济科目 {} {}", l.code, l.name);
            let loc = Location::cell(Sheet::Economic, i, Field::PriorValue);
            self.figure(&what, mine, last_m, loc);
        }
        for (code, (m, name)) in theirs {
            if m.is_zero() {
                continue;
            }
            let what = format!("经济科目 {code} {name}（本文件无此科目）");
            self.figure(&what, Money::default(), m, Location::sheet(Sheet::Economic));
        }
    }

    /// The four “三公”经费 items.
    fn three_public(&mut self, mine: &ThreePublic, last: &ThreePublic) {
        let items = |t: &ThreePublic| {
            [
                (ThreePublicItem::Abroad, t.abroad),
                (ThreePublicItem::VehiclePurchase, t.vehicle_purchase),
                (ThreePublicItem::VehicleOperation, t.vehicle_operation),
                (ThreePublicItem::Reception, t.reception),
            ]
        };
        for ((item, m), (_, l)) in items(mine).into_iter().zip(items(last)) {
            let what = format!("“三公”经费 {}", item.label());
            self.figure(&what, m, l, Location::sheet(Sheet::ThreePublic));
        }
    }

    /// The entered 上年预算总额 and 附件3's 近两年 column of last year.
    fn totals(&mut self, doc: &Document, last: &Document) {
        let t = totals(last);
        if !doc.other.prior_year_total.is_zero() {
            self.figure(
                "上年预算总额",
                doc.other.prior_year_total,
                t.total,
                Location::field(Sheet::Other, Field::Named(FieldName::PriorYearTotal)),
            );
        }
        let now = current_year(&t);
        let form = super::dept_form(doc);
        let loc = Location::field(Sheet::Performance, Field::Named(FieldName::PriorYears));
        for py in doc.performance.prior_years.iter().filter(|p| !p.is_empty()) {
            // Last year's own figures for its year; for the year before,
            // what its 近两年 stated.
            let theirs = if py.year == last.meta.year {
                [
                    now.income_fiscal,
                    now.income_other,
                    now.spending_basic,
                    now.spending_project,
                ]
            } else if let Some(p) = last
                .performance
                .prior_years
                .iter()
                .find(|p| p.year == py.year && !p.is_empty())
            {
                [
                    p.income_fiscal,
                    p.income_other,
                    p.spending_basic,
                    p.spending_project,
                ]
            } else {
                continue;
            };
            let mine = [
                py.income_fiscal,
                py.income_other,
                py.spending_basic,
                py.spending_project,
            ];
            let labels = [
                "收入 财政拨款",
                "收入 其他资金",
                "支出 基本支出",
                "支出 项目支出",
            ];
            for ((label, m), t) in labels.into_iter().zip(mine).zip(theirs) {
                let what = format!("{form} 近两年 {}年{label}", py.year);
                self.figure(&what, m, t, loc);
            }
        }
    }

    /// Each 附件3 年度目标 indicator's 近两年 value of last year against
    /// the value last year's file states for the same goal and indicator
    /// (by title and name; a goal or name it lacks is not compared).
    fn indicators(&mut self, doc: &Document, last: &Document) {
        use super::indicators_twice::{is_blank, same};
        use crate::location::{GoalTerm, IndicatorColumn};
        let form = super::dept_form(doc);
        for (g, goal) in doc.performance.annual_goals.iter().enumerate() {
            let Some(theirs) = last
                .performance
                .annual_goals
                .iter()
                .find(|x| x.title.trim() == goal.title.trim())
            else {
                continue;
            };
            for (r, x) in goal.indicators.iter().enumerate() {
                let mine = &x.prior[0];
                let Some(t) = theirs
                    .indicators
                    .iter()
                    .find(|t| t.name.trim() == x.name.trim() && t.level1 == x.level1)
                else {
                    continue;
                };
                if is_blank(mine) || is_blank(&t.value) {
                    continue;
                }
                self.out.compared += 1;
                if same(mine, &t.value) {
                    continue;
                }
                let message = format!(
                    "{form} 年度目标“{}” 指标“{}”：本文件近两年指标值（{}年）{mine}，{} 年度文件指标值 {}",
                    goal.title.trim(),
                    x.name.trim(),
                    self.last_year,
                    self.last_year,
                    t.value
                );
                let loc = Location::cell(
                    Sheet::Performance,
                    r,
                    Field::Indicator {
                        goal: Some((GoalTerm::Annual, g)),
                        column: IndicatorColumn::Prior(0),
                    },
                );
                self.out
                    .findings
                    .push(Finding::new(Rule::Y04, message, loc));
            }
        }
    }
}
