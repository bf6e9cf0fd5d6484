//! The rules on the 财政拨款 split by 经济分类 (`fiscal_by_economic`, 四川
//! 公开表2-1): what is entered there must agree with what is entered
//! independently elsewhere. X11: per 功能科目, the split's 基本支出 and
//! 项目支出 add up to the 收支预算 line's 财政拨款 基本支出 and other
//! 财政拨款 spending, and every split row names a 收支预算 科目 and a 款.
//! X12: per 经济科目 款, the split's 基本支出 adds up to the 一般公共预算
//! 基本支出 经济分类 row; compared only when all 财政拨款 基本支出 is
//! 一般公共预算 (the 经济分类 rows hold 一般公共预算 only, and the split does
//! not say which 财政拨款 source a figure is from). Run only where the
//! template prints the split.

use super::{Figures, Finding, Rule};
use crate::location::{Field, Location, Sheet};
use crate::model::{CodeLevel, Document, FundSource, SpendingKind};
use crate::money::Money;
use std::collections::BTreeMap;

/// Σ 基本支出 and Σ other spending.
#[derive(Clone, Copy, Default)]
struct Parts {
    basic: Money,
    project: Money,
}

/// Per 款: (split Σ, first split row, 经济分类 Σ, first 经济分类 row).
type ByCode = (Money, Option<usize>, Money, Option<usize>);

/// X11 and X12.
pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let fig = Figures::of(doc);
    let unit = doc.meta.unit;
    let w = |m: Money| fig.with_unit(m, unit);
    let sheet = Sheet::FiscalByEconomic;
    // 收支预算: 财政拨款 by 功能科目, and the first line of each.
    let mut lines: BTreeMap<&str, (Parts, usize, &str)> = BTreeMap::new();
    for (i, l) in doc.budget_lines.iter().enumerate() {
        let e = lines
            .entry(l.code.as_str())
            .or_insert((Parts::default(), i, l.name.trim()));
        for (&(s, k), m) in &l.amounts {
            if s.is_fiscal() {
                if k == SpendingKind::Basic {
                    e.0.basic += *m;
                } else {
                    e.0.project += *m;
                }
            }
        }
    }
    if doc.fiscal_by_economic.is_empty() {
        let fiscal = lines
            .values()
            .any(|(p, ..)| !p.basic.is_zero() || !p.project.is_zero());
        if fiscal {
            out.push(Finding::new(
                Rule::X11,
                "模板印财政拨款支出预算表（部门经济分类科目），但尚未填写财政拨款按经济分类的分解"
                    .to_string(),
                Location::sheet(sheet),
            ));
        }
        return;
    }
    // The split by 功能科目, with its first row.
    let mut split: BTreeMap<&str, (Parts, usize)> = BTreeMap::new();
    for (i, r) in doc.fiscal_by_economic.iter().enumerate() {
        let code = r.code.as_str();
        let econ = r.economic_code.as_str();
        let known = lines.contains_key(code);
        let problems = [
            (
                r.economic_code.level() != Some(CodeLevel::Section),
                format!("经济科目“{econ}”应为 5 位款级编码"),
                Field::EconomicCode,
            ),
            (
                !known,
                format!("功能科目 {code} 不在收支预算中"),
                Field::Code,
            ),
        ];
        for (_, what, field) in problems.into_iter().filter(|p| p.0) {
            out.push(Finding::new(
                Rule::X11,
                format!("财政拨款经济分类第{}行：{what}", i + 1),
                Location::cell(sheet, i, field),
            ));
        }
        if !known {
            continue;
        }
        let e = split.entry(code).or_insert((Parts::default(), i));
        e.0.basic += r.basic;
        e.0.project += r.project;
    }
    for (code, (line, first_line, name)) in &lines {
        let (got, at) = match split.get(code) {
            Some((p, i)) => (*p, Location::row(sheet, *i)),
            None => (Parts::default(), Location::row(Sheet::Budget, *first_line)),
        };
        for (kind, want, have) in [
            (SpendingKind::Basic, line.basic, got.basic),
            (SpendingKind::Project, line.project, got.project),
        ] {
            if want != have {
                let what = if kind == SpendingKind::Basic {
                    "基本支出"
                } else {
                    "项目支出"
                };
                out.push(Finding::new(
                    Rule::X11,
                    format!(
                        "科目 {code} {name}：按经济分类分解的财政拨款{what}合计 {}，\
                         收支预算中该科目财政拨款{what} {}，差 {}",
                        w(have),
                        w(want),
                        w(have - want)
                    ),
                    at,
                ));
            }
        }
    }
    // X12: the 基本支出 part by 款 against the 经济分类 rows.
    let other_basic = doc.budget_lines.iter().any(|l| {
        !l.amount(FundSource::GovFund, SpendingKind::Basic).is_zero()
            || !l
                .amount(FundSource::StateCapital, SpendingKind::Basic)
                .is_zero()
    });
    if other_basic {
        return;
    }
    let mut by: BTreeMap<&str, ByCode> = BTreeMap::new();
    for (i, r) in doc.fiscal_by_economic.iter().enumerate() {
        if r.basic.is_zero() {
            continue;
        }
        let e = by.entry(r.economic_code.as_str()).or_default();
        e.0 += r.basic;
        e.1.get_or_insert(i);
    }
    for (i, l) in doc.basic_by_economic.iter().enumerate() {
        let e = by.entry(l.code.as_str()).or_default();
        e.2 += l.amount;
        e.3.get_or_insert(i);
    }
    for (code, (split, split_row, econ, econ_row)) in by {
        if split == econ {
            continue;
        }
        let at = match (econ_row, split_row) {
            (Some(i), _) => Location::cell(Sheet::Economic, i, Field::Value),
            (None, Some(i)) => Location::cell(sheet, i, Field::Part(SpendingKind::Basic)),
            (None, None) => Location::sheet(sheet),
        };
        out.push(Finding::new(
            Rule::X12,
            format!(
                "经济科目 {code}：财政拨款按经济分类分解的基本支出合计 {}，\
                 一般公共预算基本支出经济分类 {}，差 {}",
                w(split),
                w(econ),
                w(split - econ)
            ),
            at,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CrossLine, EconomicCode};

    /// The 青山 example with its 财政拨款 split entered so that it agrees:
    /// each line's 基本支出 spread over the 经济分类 rows in turn, its other
    /// spending under 30201.
    fn doc() -> Document {
        let text = include_str!("../../../../examples/qingshan-2021.ron");
        let mut doc: Document = ron::from_str(text).expect("example reads");
        doc.fiscal_by_economic = agreeing(&doc);
        doc
    }

    /// A split that checks clean: the 经济分类 rows' amounts are handed
    /// out to the lines' 基本支出 greedily.
    fn agreeing(doc: &Document) -> Vec<CrossLine> {
        let mut econ: Vec<(EconomicCode, Money)> = doc
            .basic_by_economic
            .iter()
            .map(|l| (l.code.clone(), l.amount))
            .collect();
        let mut out = Vec::new();
        for l in &doc.budget_lines {
            let fiscal = |basic: bool| -> Money {
                l.amounts
                    .iter()
                    .filter(|((s, k), _)| s.is_fiscal() && (*k == SpendingKind::Basic) == basic)
                    .map(|(_, m)| *m)
                    .sum()
            };
            let mut need = fiscal(true);
            for (code, left) in econ.iter_mut() {
                if need.is_zero() {
                    break;
                }
                let take = if *left < need { *left } else { need };
                if take.is_zero() {
                    continue;
                }
                *left = *left - take;
                need = need - take;
                out.push(CrossLine {
                    code: l.code.clone(),
                    economic_code: code.clone(),
                    basic: take,
                    project: Money::ZERO,
                });
            }
            let project = fiscal(false);
            if !project.is_zero() {
                out.push(CrossLine {
                    code: l.code.clone(),
                    economic_code: EconomicCode::new("30201"),
                    basic: Money::ZERO,
                    project,
                });
            }
        }
        out
    }

    fn found(doc: &Document) -> Vec<(Rule, String, Location)> {
        crate::rules::found_by(check, doc)
    }

    #[test]
    fn a_split_that_agrees_is_clean() {
        let d = doc();
        assert!(!d.fiscal_by_economic.is_empty());
        assert_eq!(found(&d), vec![]);
    }

    #[test]
    fn no_split_where_the_template_prints_it_is_said_once() {
        let mut d = doc();
        d.fiscal_by_economic.clear();
        let f = found(&d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Rule::X11);
        assert!(f[0].1.contains("尚未填写"), "{}", f[0].1);
    }

    #[test]
    fn a_line_whose_split_differs_is_named_with_both_figures() {
        let mut d = doc();
        let code = d.fiscal_by_economic[0].code.clone();
        d.fiscal_by_economic[0].basic += Money::from_cents(1);
        let f = found(&d);
        // X11 for the line, X12 for the 款.
        let rules: Vec<Rule> = f.iter().map(|x| x.0).collect();
        assert_eq!(rules, vec![Rule::X11, Rule::X12], "{f:?}");
        assert!(f[0].1.contains(code.as_str()), "{}", f[0].1);
        assert!(f[0].1.contains("基本支出"), "{}", f[0].1);
        assert!(f[0].1.contains("差 0.01"), "{}", f[0].1);
        assert_eq!(f[0].2, Location::row(Sheet::FiscalByEconomic, 0));
        assert!(
            f[1].1.contains("一般公共预算基本支出经济分类"),
            "{}",
            f[1].1
        );
    }

    #[test]
    fn unknown_codes_are_named() {
        let mut d = doc();
        d.fiscal_by_economic.push(CrossLine {
            code: crate::model::FunctionCode::new("2999999"),
            economic_code: EconomicCode::new("302"),
            basic: Money::ZERO,
            project: Money::from_cents(5),
        });
        let f = found(&d);
        assert!(f.iter().any(|x| x.1.contains("应为 5 位款级编码")), "{f:?}");
        assert!(
            f.iter().any(|x| x.1.contains("2999999 不在收支预算中")),
            "{f:?}"
        );
    }

    #[test]
    fn basic_from_a_fund_is_not_compared_by_economic_code() {
        let mut d = doc();
        d.fiscal_by_economic[0].basic += Money::from_cents(1);
        let was = d.budget_lines[0].amount(FundSource::GovFund, SpendingKind::Basic);
        d.budget_lines[0].set_amount(
            FundSource::GovFund,
            SpendingKind::Basic,
            was + Money::from_cents(1),
        );
        let f = found(&d);
        assert!(f.iter().all(|x| x.0 != Rule::X12), "{f:?}");
    }
}
