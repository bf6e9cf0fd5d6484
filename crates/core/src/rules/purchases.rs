//! The rules on 政府采购 and 政府购买服务 rows: each names a 收支预算
//! 科目 it is paid from (R06) and has a name (R06) and an amount (A03);
//! per 科目, 政府采购 does not exceed the 科目's spending and 购买服务
//! its 财政拨款 (X08). The 政府采购预算 the text prints is the rows'
//! sums by 采购类型 ([`Document::procurement_by_kind`]), so there is no
//! typed total left for the rows to agree with.

use super::{Figures, Finding, Rule};
use crate::location::{Field, Location, Sheet};
use crate::model::{Document, FunctionCode};
use crate::money::Money;
use std::collections::BTreeMap;

/// One purchase row as the rules see it.
struct Row<'a> {
    sheet: Sheet,
    index: usize,
    name: &'a str,
    code: &'a FunctionCode,
    amount: Money,
}

/// What a list is called in messages and which spending it must stay within.
fn what(sheet: Sheet) -> (&'static str, &'static str) {
    match sheet {
        Sheet::Procurement => ("政府采购", "支出"),
        _ => ("政府购买服务", "财政拨款支出"),
    }
}

fn rows(doc: &Document) -> impl Iterator<Item = Row<'_>> {
    let procurement = doc.procurement.iter().enumerate().map(|(index, p)| Row {
        sheet: Sheet::Procurement,
        index,
        name: &p.name,
        code: &p.code,
        amount: p.amount,
    });
    let services = doc
        .purchased_services
        .iter()
        .enumerate()
        .map(|(index, p)| Row {
            sheet: Sheet::PurchasedServices,
            index,
            name: &p.name,
            code: &p.code,
            amount: p.amount,
        });
    procurement.chain(services)
}

/// The spending a purchase of `sheet` may use on the lines of `code`:
/// every amount for 政府采购, the 财政拨款 for 购买服务. `None` when no
/// 收支预算 line has the code.
fn spending(doc: &Document, sheet: Sheet, code: &FunctionCode) -> Option<Money> {
    let mut lines = doc
        .budget_lines
        .iter()
        .filter(|l| l.code == *code)
        .peekable();
    lines.peek()?;
    Some(
        lines
            .flat_map(|l| l.amounts.iter())
            .filter(|((s, _), _)| sheet == Sheet::Procurement || s.is_fiscal())
            .map(|(_, m)| *m)
            .sum(),
    )
}

/// R06, A03 and X08.
pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let fig = Figures::of(doc);
    let unit = doc.meta.unit;
    // (sheet, code) → (Σ, first row).
    let mut by_code: BTreeMap<(Sheet, &FunctionCode), (Money, usize)> = BTreeMap::new();
    for r in rows(doc) {
        let (list, _) = what(r.sheet);
        let at = |field| Location::cell(r.sheet, r.index, field);
        let shown = if r.name.trim().is_empty() {
            format!("第{}行", r.index + 1)
        } else {
            format!("“{}”", r.name.trim())
        };
        if r.name.trim().is_empty() {
            out.push(Finding::new(
                Rule::R06,
                format!("{list}第{}行没有名称", r.index + 1),
                at(Field::Name),
            ));
        }
        if r.code.as_str().trim().is_empty() {
            out.push(Finding::new(
                Rule::R06,
                format!("{list}{shown}没有填所出的功能科目"),
                at(Field::Code),
            ));
        } else if spending(doc, r.sheet, r.code).is_none() {
            out.push(Finding::new(
                Rule::R06,
                format!(
                    "{list}{shown}的科目 {} 不在收支预算中",
                    r.code.as_str().trim()
                ),
                at(Field::Code),
            ));
        } else {
            let e = by_code
                .entry((r.sheet, r.code))
                .or_insert((Money::ZERO, r.index));
            e.0 += r.amount;
        }
        if r.amount.is_zero() {
            out.push(Finding::new(
                Rule::A03,
                format!("{list}{shown}的金额为零"),
                at(Field::Value),
            ));
        }
    }
    for ((sheet, code), (sum, first)) in by_code {
        let (list, kind) = what(sheet);
        let Some(limit) = spending(doc, sheet, code) else {
            continue;
        };
        if sum > limit {
            let name = doc
                .budget_lines
                .iter()
                .find(|l| l.code == *code)
                .map_or("", |l| l.name.trim());
            out.push(Finding::new(
                Rule::X08,
                format!(
                    "科目 {code} {name} 的{list}合计 {}，超过该科目{kind} {}，多 {}",
                    fig.with_unit(sum, unit),
                    fig.with_unit(limit, unit),
                    fig.with_unit(sum - limit, unit)
                ),
                Location::cell(sheet, first, Field::Value),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        FundSource, ProcurementItem, ProcurementKind, PurchasedService, SpendingKind,
    };

    /// The 青山 example with one 政府采购 and one 购买服务 row that fit.
    fn doc() -> Document {
        let text = include_str!("../../../../examples/qingshan-2021.ron");
        let mut doc: Document = ron::from_str(text).expect("example reads");
        let code = doc.budget_lines[0].code.clone();
        doc.procurement = vec![ProcurementItem {
            name: "办公设备".into(),
            kind: ProcurementKind::Goods,
            code: code.clone(),
            amount: Money::from_cents(10_000),
        }];
        doc.purchased_services = vec![PurchasedService {
            name: "物业管理服务".into(),
            category: "政府履职辅助性服务".into(),
            code,
            amount: Money::from_cents(5_000),
        }];
        doc
    }

    fn found(doc: &Document) -> Vec<(Rule, String, Location)> {
        crate::rules::found_by(check, doc)
    }

    #[test]
    fn rows_that_fit_their_spending_are_clean() {
        assert_eq!(found(&doc()), vec![]);
    }

    #[test]
    fn procurement_above_its_line_is_an_error_naming_both_figures() {
        let mut d = doc();
        let line = &d.budget_lines[0];
        let all: Money = line.amounts.values().copied().sum();
        d.procurement[0].amount = all + Money::from_cents(1);
        let f = found(&d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Rule::X08);
        assert!(f[0].1.contains(line.code.as_str()), "{}", f[0].1);
        assert!(f[0].1.contains("政府采购合计"), "{}", f[0].1);
        assert!(f[0].1.contains("多 0.01"), "{}", f[0].1);
        assert_eq!(f[0].2, Location::cell(Sheet::Procurement, 0, Field::Value));
    }

    #[test]
    fn services_are_held_to_the_fiscal_spending_only() {
        let mut d = doc();
        let code = d.budget_lines[0].code.clone();
        let fiscal: Money = d.budget_lines[0]
            .amounts
            .iter()
            .filter(|((s, _), _)| s.is_fiscal())
            .map(|(_, m)| *m)
            .sum();
        // Other money on the line does not make room for 购买服务.
        d.budget_lines[0].set_amount(
            FundSource::OtherIncome,
            SpendingKind::Basic,
            Money::from_cents(100_000_000),
        );
        d.purchased_services[0].code = code;
        d.purchased_services[0].amount = fiscal + Money::from_cents(1);
        let f = found(&d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Rule::X08);
        assert!(f[0].1.contains("政府购买服务合计"), "{}", f[0].1);
        assert!(f[0].1.contains("财政拨款支出"), "{}", f[0].1);
    }

    #[test]
    fn blank_names_unknown_codes_and_zero_amounts_are_named() {
        let mut d = doc();
        d.procurement[0].name = " ".into();
        d.purchased_services[0].code = FunctionCode::new("2999999");
        d.purchased_services[0].amount = Money::ZERO;
        let f = found(&d);
        let rules: Vec<Rule> = f.iter().map(|x| x.0).collect();
        assert_eq!(rules, vec![Rule::R06, Rule::R06, Rule::A03], "{f:?}");
        assert!(f[0].1.contains("政府采购第1行没有名称"));
        assert!(f[1].1.contains("科目 2999999 不在收支预算中"), "{}", f[1].1);
        assert_eq!(
            f[2].2,
            Location::cell(Sheet::PurchasedServices, 0, Field::Value)
        );
        d.procurement[0].code = FunctionCode::default();
        assert!(
            found(&d)
                .iter()
                .any(|x| x.1.contains("没有填所出的功能科目"))
        );
    }
}
