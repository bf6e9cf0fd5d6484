//! 上年预算数 against this year's figures: 增减额 and 增减率 per 功能科目
//! 类/款/项 and per 经济科目 类/款. The prior figure is the denominator; a
//! zero base with a figure this year is 新增, never "增长100%".

use crate::catalog::Catalog;
use crate::model::{Document, EconomicCode, FunctionCode};
use crate::money::{Money, Percent, change_percent};
use std::collections::BTreeMap;

/// 增减率 of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeRate {
    /// A percentage of the prior figure.
    Percent(Percent),
    /// No prior figure, something this year: printed 新增.
    New,
    /// Nothing either year (or a negative base): nothing printed.
    None,
}

impl ChangeRate {
    /// `-11.38%`, `新增` or empty.
    pub fn display(self) -> String {
        match self {
            ChangeRate::Percent(p) => p.display(),
            ChangeRate::New => "新增".into(),
            ChangeRate::None => String::new(),
        }
    }
}

/// One row of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// 类, 款 or 项 code.
    pub code: String,
    /// Name from the catalog, else as entered.
    pub name: String,
    /// 上年预算数.
    pub prior: Money,
    /// 本年预算数.
    pub current: Money,
    /// 增减额.
    pub change: Money,
    /// 增减率.
    pub rate: ChangeRate,
}

fn rate(prior: Money, current: Money) -> ChangeRate {
    if prior.is_zero() {
        if current.is_zero() {
            ChangeRate::None
        } else {
            ChangeRate::New
        }
    } else {
        change_percent(prior, current).map_or(ChangeRate::None, ChangeRate::Percent)
    }
}

fn rows(
    sums: BTreeMap<String, (Money, Money, String)>,
    name: impl Fn(&str) -> Option<String>,
) -> Vec<Change> {
    sums.into_iter()
        .map(|(code, (prior, current, entered))| Change {
            name: name(&code).unwrap_or(entered),
            prior,
            current,
            change: current - prior,
            rate: rate(prior, current),
            code,
        })
        .collect()
}

fn add(
    sums: &mut BTreeMap<String, (Money, Money, String)>,
    code: &str,
    prior: Money,
    current: Money,
    name: &str,
) {
    let e = sums.entry(code.to_string()).or_default();
    e.0 += prior;
    e.1 += current;
    if e.2.is_empty() {
        e.2 = name.to_string();
    }
}

/// Whether the document holds any 上年预算数 per line.
pub fn has_prior(doc: &Document) -> bool {
    doc.budget_lines.iter().any(|l| !l.prior.is_empty())
        || doc.basic_by_economic.iter().any(|l| l.prior.is_some())
}

/// 功能科目 类, 款 and 项 rows in code order (a 类 before its 款 before its 项).
pub fn function_changes(doc: &Document, catalog: &Catalog) -> Vec<Change> {
    let mut sums = BTreeMap::new();
    for l in &doc.budget_lines {
        let (p, c) = (l.prior_total(), l.total());
        let codes = [l.code.class(), l.code.section(), Some(l.code.clone())];
        for code in codes.into_iter().flatten() {
            let own = code == l.code;
            add(
                &mut sums,
                code.as_str(),
                p,
                c,
                if own { &l.name } else { "" },
            );
        }
    }
    rows(sums, |c| {
        catalog
            .function_name(&FunctionCode::new(c))
            .map(str::to_string)
    })
}

/// 经济科目 类 and 款 rows in code order.
pub fn economic_changes(doc: &Document, catalog: &Catalog) -> Vec<Change> {
    let mut sums = BTreeMap::new();
    for l in &doc.basic_by_economic {
        let p = l.prior.unwrap_or_default();
        for code in [l.code.class(), Some(l.code.clone())].into_iter().flatten() {
            let own = code == l.code;
            add(
                &mut sums,
                code.as_str(),
                p,
                l.amount,
                if own { &l.name } else { "" },
            );
        }
    }
    rows(sums, |c| {
        catalog
            .economic_name(&EconomicCode::new(c))
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::parse_amount;

    fn m(s: &str) -> Money {
        parse_amount(s).unwrap_or_default()
    }

    #[test]
    fn a_zero_base_is_new_not_a_hundred_percent() {
        assert_eq!(rate(Money::default(), m("5")), ChangeRate::New);
        assert_eq!(rate(Money::default(), m("5")).display(), "新增");
        assert_eq!(rate(Money::default(), Money::default()), ChangeRate::None);
        assert_eq!(rate(m("1170.83"), m("1037.60")).display(), "-11.38%");
        assert_eq!(rate(m("10"), m("0")).display(), "-100.00%");
    }
}
