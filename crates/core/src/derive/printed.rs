//! The document's amounts in a printed unit: converted exactly, and — where
//! the printed unit or decimals are coarser than what was entered — rounded
//! by the 尾差 rule so that every printed total is the sum of its printed
//! parts.
//!
//! The rule is applied once per document and unit, on the entered figures as
//! one tree: 合计 → 类 → 款 → 项 → (资金来源 × 支出类型) for the 收支预算,
//! 合计 → 经济 类 → 款 for 基本支出, 合计 → item for "三公", 采购 and
//! projects. The 合计 is rounded half away from zero; every lower level gets
//! its parent's printed value split by the largest remainder
//! ([`crate::money::allocate`]). Every table is then built from these
//! printed leaves by plain addition, so every printed 类 = Σ printed 款 =
//! Σ printed 项, 合计 = Σ printed 类, the 合计 column = Σ its columns, and
//! the same figure prints the same in every table and in the text.
//!
//! The amounts are walked with [`Document::for_each_amount`], the one list
//! of money fields, and the trees are keyed by [`AmountKey`]. 上年 figures
//! are converted with the rest and rounded in trees of their own. A total
//! two trees print is rounded once: the 经济科目 tree's 合计 is the printed
//! 一般公共预算基本支出 of the 收支预算 tree (rule T05 checks the result),
//! and a merged document's units' amounts of one (资金来源, 支出类型) are
//! split from that pair's printed total in the 收支预算 tree, so a table
//! with one row per 单位 prints the same 合计 as every other table (when
//! the units still add up to the document, which rule X13 asks).

use crate::model::{
    AmountKey, CodeLevel, Document, EconomicCode, FunctionCode, FundSource, MoneyUnit,
    PriorYearItem, SpendingKind, ThreePublicItem,
};
use crate::money::{Money, allocate, round_dp};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Exact conversion of `m` from `from` to `to` (no rounding).
pub(crate) fn convert(m: Money, from: MoneyUnit, to: MoneyUnit) -> Money {
    if from == to {
        return m;
    }
    // Amounts are below 10^13, so ×10 000 stays far inside Decimal's range.
    Money(
        crate::money::Amount::of(m, from)
            .exactly_in(to)
            .unwrap_or_else(|| m.value()),
    )
}

/// The document with its amounts, 上年 figures included, converted exactly
/// to `unit`; the copy's `meta.unit` says so.
pub fn converted(doc: &Document, unit: MoneyUnit) -> Cow<'_, Document> {
    let from = doc.meta.unit;
    if from == unit {
        return Cow::Borrowed(doc);
    }
    let mut d = doc.clone();
    d.for_each_amount_mut(|_, m| *m = convert(*m, from, unit));
    d.meta.unit = unit;
    Cow::Owned(d)
}

/// True when some amount of `doc` has more than `dp` decimals.
fn needs_rounding(doc: &Document, dp: u32) -> bool {
    let mut any = false;
    doc.for_each_amount(|_, m| any |= m.value().normalize().scale() > dp);
    any
}

/// A node of the allocation tree: a leaf is a reference into the amounts
/// (by index in [`Document::for_each_amount`] order); a group has children.
enum Node {
    Leaf(usize),
    Group(Vec<Node>),
}

fn exact_sum(n: &Node, v: &[Decimal]) -> Decimal {
    match n {
        Node::Leaf(i) => v[*i],
        Node::Group(c) => c.iter().map(|x| exact_sum(x, v)).sum(),
    }
}

/// [`allocate`] for any `target`: printed parts at `dp` decimals adding up
/// to `target` exactly. When `target` was settled elsewhere (a total printed
/// in another tree) it may lie further from the exact sum than one unit per
/// part; the parts are then scaled to it first, and a unit left over by the
/// inexact division goes to the largest part.
fn split(target: Decimal, exact: &[Decimal], dp: u32) -> Vec<Decimal> {
    let mut parts = allocate(target, exact, dp);
    let sum: Decimal = parts.iter().sum();
    if sum == target || parts.is_empty() {
        return parts;
    }
    let whole: Decimal = exact.iter().sum();
    if !whole.is_zero() {
        let scaled: Vec<Decimal> = exact
            .iter()
            .map(|e| {
                e.checked_mul(target)
                    .and_then(|x| x.checked_div(whole))
                    .unwrap_or(*e)
            })
            .collect();
        parts = allocate(target, &scaled, dp);
    }
    let left = target - parts.iter().sum::<Decimal>();
    if !left.is_zero() {
        let mut big = 0;
        for (i, p) in parts.iter().enumerate() {
            if p.abs() > parts[big].abs() {
                big = i;
            }
        }
        parts[big] += left;
    }
    parts
}

/// Gives `n` the printed value `target` and splits it down the tree.
fn assign(n: &Node, target: Decimal, exact: &[Decimal], dp: u32, out: &mut [Decimal]) {
    match n {
        Node::Leaf(i) => out[*i] = target,
        Node::Group(children) => {
            let parts: Vec<Decimal> = children.iter().map(|c| exact_sum(c, exact)).collect();
            for (c, t) in children.iter().zip(split(target, &parts, dp)) {
                assign(c, t, exact, dp, out);
            }
        }
    }
}

/// Groups leaves `(key path, index)` into nested groups by their key path.
fn tree(leaves: Vec<(Vec<String>, usize)>, depth: usize) -> Vec<Node> {
    let mut by: BTreeMap<String, Vec<(Vec<String>, usize)>> = BTreeMap::new();
    let mut out = Vec::new();
    for (path, i) in leaves {
        match path.get(depth) {
            Some(k) => by.entry(k.clone()).or_default().push((path, i)),
            None => out.push(Node::Leaf(i)),
        }
    }
    out.extend(by.into_values().map(|g| Node::Group(tree(g, depth + 1))));
    out
}

/// The allocation trees of a document, by what the amounts are. Each tree's
/// root is rounded on its own, except the 经济科目 tree's (see [`Trees`]).
/// 上年 figures have trees of their own: they are printed (上年 columns,
/// 附件3 近两年) and their 同比 is read from them, but they never move a
/// figure of this year.
struct Trees {
    /// 收支预算: 合计 → 类 → 款 → 项 → (资金来源 × 支出类型).
    lines: Node,
    /// The leaves of `lines` by (资金来源, 支出类型).
    pairs: BTreeMap<(FundSource, SpendingKind), Vec<usize>>,
    /// A merged document's units' amounts, one group per (资金来源,
    /// 支出类型): each is split from the printed total of the same pair in
    /// `lines` when both hold the same exact figure.
    units: BTreeMap<(FundSource, SpendingKind), Node>,
    /// 基本支出 by 经济科目: 合计 → 类 → 款. Its 合计 is 一般公共预算
    /// 基本支出, printed in the tables of `lines` too.
    economic: Node,
    /// Every other tree ("三公", projects, 采购, the 上年 figures).
    rest: Vec<Node>,
}

/// The tree path of a 功能科目 line: 类, 款, line, grouped as the tables
/// group them ([`crate::model::FunctionCode::prefix`]), so that a printed
/// subtotal is the sum of its printed lines.
fn line_path(code: Option<&FunctionCode>, n: usize) -> Vec<String> {
    let at = |level| {
        code.and_then(|c| c.prefix(level))
            .unwrap_or_default()
            .to_string()
    };
    vec![
        at(CodeLevel::Class),
        at(CodeLevel::Section),
        format!("{n:08}"),
    ]
}

/// The path of a 经济科目 row: 类, row.
fn economic_path(code: Option<&EconomicCode>, n: usize) -> Vec<String> {
    let class = code.and_then(|c| c.prefix(CodeLevel::Class));
    vec![class.unwrap_or_default().to_string(), format!("{n:08}")]
}

/// The path of a 财政拨款 split row: its 功能科目's path, then its 经济
/// 类 and 款, so that a row of 公开表2-1 rounds as the sum of its cells.
fn cross_path(doc: &Document, n: usize) -> Vec<String> {
    let row = doc.fiscal_by_economic.get(n);
    let mut path = line_path(row.map(|r| &r.code), 0);
    path.pop();
    path.push(row.map(|r| r.code.as_str().to_string()).unwrap_or_default());
    let econ = row.map(|r| &r.economic_code);
    let class = econ.and_then(|c| c.prefix(CodeLevel::Class));
    path.push(class.unwrap_or_default().to_string());
    path.push(format!("{n:08}"));
    path
}

/// "三公" (this year's, 上年's or the 政府性基金 one, `key` says which):
/// 合计 → 出国, (购置 + 运行), 接待.
fn three_public(
    at: &BTreeMap<AmountKey, usize>,
    key: fn(ThreePublicItem) -> AmountKey,
) -> Option<Node> {
    let leaf = |item| at.get(&key(item)).map(|i| Node::Leaf(*i));
    Some(Node::Group(vec![
        leaf(ThreePublicItem::Abroad)?,
        Node::Group(vec![
            leaf(ThreePublicItem::VehiclePurchase)?,
            leaf(ThreePublicItem::VehicleOperation)?,
        ]),
        leaf(ThreePublicItem::Reception)?,
    ]))
}

/// The allocation trees over the amounts `keys` (in visit order).
fn trees(doc: &Document, keys: &[AmountKey]) -> Trees {
    let at: BTreeMap<AmountKey, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let code = |n: usize| doc.budget_lines.get(n).map(|l| &l.code);
    let econ_code = |n: usize| doc.basic_by_economic.get(n).map(|l| &l.code);
    let (mut lines, mut prior_lines, mut econ, mut prior_econ) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut pairs: BTreeMap<(FundSource, SpendingKind), Vec<usize>> = BTreeMap::new();
    let mut units: BTreeMap<(FundSource, SpendingKind), Vec<Node>> = BTreeMap::new();
    let mut projects: BTreeMap<usize, Vec<Node>> = BTreeMap::new();
    let mut years: BTreeMap<(usize, bool), Vec<Node>> = BTreeMap::new();
    let mut procurement = Vec::new();
    let (mut procurement_items, mut services) = (Vec::new(), Vec::new());
    let mut cross = Vec::new();
    let mut rest = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match *k {
            AmountKey::Budget(n, s, kind) => {
                pairs.entry((s, kind)).or_default().push(i);
                lines.push((line_path(code(n), n), i));
            }
            AmountKey::BudgetPrior(n, ..) => prior_lines.push((line_path(code(n), n), i)),
            AmountKey::Economic(n) => econ.push((economic_path(econ_code(n), n), i)),
            AmountKey::EconomicPrior(n) => prior_econ.push((economic_path(econ_code(n), n), i)),
            // Grouped below.
            AmountKey::ThreePublic(_)
            | AmountKey::PriorThreePublic(_)
            | AmountKey::GovFundThreePublic(_) => {}
            AmountKey::Project(n, _) => projects.entry(n).or_default().push(Node::Leaf(i)),
            AmountKey::PriorYear(n, item) => {
                let income = matches!(
                    item,
                    PriorYearItem::IncomeFiscal | PriorYearItem::IncomeOther
                );
                years.entry((n, income)).or_default().push(Node::Leaf(i));
            }
            AmountKey::PriorYearTotal => rest.push(Node::Leaf(i)),
            AmountKey::Procurement(_) => procurement.push(Node::Leaf(i)),
            AmountKey::ProcurementItem(_) => procurement_items.push(Node::Leaf(i)),
            AmountKey::PurchasedService(_) => services.push(Node::Leaf(i)),
            AmountKey::Cross(n, _) => cross.push((cross_path(doc, n), i)),
            AmountKey::MergedUnit(_, s, kind) => {
                units.entry((s, kind)).or_default().push(Node::Leaf(i));
            }
        }
    }
    rest.extend(three_public(&at, AmountKey::ThreePublic));
    rest.extend(three_public(&at, AmountKey::GovFundThreePublic));
    rest.extend(three_public(&at, AmountKey::PriorThreePublic));
    rest.push(Node::Group(
        projects.into_values().map(Node::Group).collect(),
    ));
    rest.extend(years.into_values().map(Node::Group));
    rest.push(Node::Group(procurement));
    rest.push(Node::Group(procurement_items));
    rest.push(Node::Group(services));
    rest.push(Node::Group(tree(cross, 0)));
    rest.push(Node::Group(tree(prior_lines, 0)));
    rest.push(Node::Group(tree(prior_econ, 0)));
    Trees {
        lines: Node::Group(tree(lines, 0)),
        pairs,
        units: units
            .into_iter()
            .map(|(k, v)| (k, Node::Group(v)))
            .collect(),
        economic: Node::Group(tree(econ, 0)),
        rest,
    }
}

/// The document with every amount in `unit`, at `dp` decimals, split by the
/// 尾差 rule. Borrowed when nothing needs converting or rounding.
///
/// A figure printed in more than one place is rounded once: 一般公共预算
/// 基本支出 is printed from the 收支预算 tree (表3, 表5, the text) and as the
/// 合计 of the 经济科目 tree (表8 人员经费 + 公用经费), so the 经济科目 tree is
/// split from the printed value of the first whenever both hold the same
/// exact figure; so is each (资金来源, 支出类型) of a merged document's
/// units.
pub fn printed(doc: &Document, unit: MoneyUnit, dp: u32) -> Cow<'_, Document> {
    let conv = converted(doc, unit);
    if !needs_rounding(&conv, dp) {
        return conv;
    }
    let mut d = conv.into_owned();
    let (mut keys, mut exact) = (Vec::new(), Vec::new());
    d.for_each_amount(|k, m| {
        keys.push(k);
        exact.push(m.value());
    });
    let mut out = exact.clone();
    let t = trees(&d, &keys);
    assign(
        &t.lines,
        round_dp(exact_sum(&t.lines, &exact), dp),
        &exact,
        dp,
        &mut out,
    );
    // A root holding the same exact figure as the leaves `of` of the
    // 收支预算 tree prints their printed sum; else it is rounded on its own.
    let target = |root: &Node, of: Option<&Vec<usize>>, out: &[Decimal]| {
        let whole = exact_sum(root, &exact);
        let of = of.map(Vec::as_slice).unwrap_or_default();
        if whole == of.iter().map(|i| exact[*i]).sum::<Decimal>() {
            of.iter().map(|i| out[*i]).sum()
        } else {
            round_dp(whole, dp)
        }
    };
    let basic = t
        .pairs
        .get(&(FundSource::GeneralBudget, SpendingKind::Basic));
    let economic_target = target(&t.economic, basic, &out);
    assign(&t.economic, economic_target, &exact, dp, &mut out);
    for (pair, root) in &t.units {
        let unit_target = target(root, t.pairs.get(pair), &out);
        assign(root, unit_target, &exact, dp, &mut out);
    }
    for root in &t.rest {
        assign(
            root,
            round_dp(exact_sum(root, &exact), dp),
            &exact,
            dp,
            &mut out,
        );
    }
    let mut k = 0;
    d.for_each_amount_mut(|_, m| {
        *m = Money(out[k]);
        k += 1;
    });
    Cow::Owned(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BudgetLine, MergeSource};

    fn pair(s: FundSource, k: SpendingKind) -> (FundSource, SpendingKind) {
        (s, k)
    }

    /// A 部门 merged from two units, in 万元 to the 元 (four decimals):
    /// three (资金来源, 支出类型) pairs of x.xx5 each, so that printing in
    /// 万元 with 2 decimals rounds one pair down to keep the 合计.
    fn merged() -> Document {
        let mut doc = Document::blank("某局", 2025);
        doc.meta.unit = MoneyUnit::WanYuan;
        let gb = pair(FundSource::GeneralBudget, SpendingKind::Basic);
        let gp = pair(FundSource::GeneralBudget, SpendingKind::Project);
        let fp = pair(FundSource::GovFund, SpendingKind::Project);
        let units: [(&str, [(_, &str); 3]); 2] = [
            ("本级", [(gb, "10.0020"), (gp, "0.0020"), (fp, "0.0020")]),
            ("乙站", [(gb, "20.0030"), (gp, "0.0030"), (fp, "0.0030")]),
        ];
        let mut line = BudgetLine {
            code: crate::model::FunctionCode::new("2013350"),
            name: "事业运行".into(),
            ..Default::default()
        };
        for (name, amounts) in units {
            let amounts: crate::model::Amounts = amounts
                .iter()
                .map(|(k, v)| (*k, Money(v.parse().expect("decimal"))))
                .collect();
            for (k, v) in &amounts {
                *line.amounts.entry(*k).or_default() += *v;
            }
            doc.merged_from.push(MergeSource {
                file: format!("{name}.ron"),
                unit: name.into(),
                hash: "0".into(),
                amounts,
            });
        }
        doc.budget_lines.push(line);
        doc
    }

    /// Converting a merged document converts its units' amounts with the
    /// rest, exactly: 万元 → 元 → 万元 gives every figure back.
    #[test]
    fn a_merged_documents_unit_amounts_convert_exactly() {
        let doc = merged();
        let yuan = converted(&doc, MoneyUnit::Yuan);
        let first = &yuan.merged_from[0].amounts;
        assert_eq!(
            first[&pair(FundSource::GeneralBudget, SpendingKind::Basic)],
            Money("100020".parse().expect("decimal"))
        );
        let back = converted(&yuan, MoneyUnit::WanYuan);
        assert_eq!(back.merged_from, doc.merged_from);
        assert_eq!(*back, doc);
    }

    /// Printed in 万元 to 2 decimals, the units' amounts of each (资金来源,
    /// 支出类型) add up to that pair's printed 收支预算 total, also for the
    /// pair the 尾差 rule printed otherwise than its own rounding.
    #[test]
    fn printed_unit_amounts_add_up_to_the_printed_totals() {
        let doc = merged();
        let exact = doc.budget_by_pair();
        let p = printed(&doc, MoneyUnit::WanYuan, 2);
        let lines = p.budget_by_pair();
        assert!(
            lines
                .iter()
                .any(|(k, v)| v.value() != round_dp(exact[k].value(), 2)),
            "a pair moved by the 尾差 rule: {lines:?}"
        );
        for (k, total) in &lines {
            let units: Money = p.merged_from.iter().filter_map(|u| u.amounts.get(k)).sum();
            assert_eq!(units, *total, "{k:?}");
        }
        // A unit figure changed after the merge no longer matches: its
        // pair is rounded on its own.
        let mut edited = doc.clone();
        edited.budget_lines[0].set_amount(
            FundSource::GeneralBudget,
            SpendingKind::Basic,
            Money::from_cents(5_000),
        );
        let p = printed(&edited, MoneyUnit::WanYuan, 2);
        let units: Money = p
            .merged_from
            .iter()
            .filter_map(|u| {
                u.amounts
                    .get(&pair(FundSource::GeneralBudget, SpendingKind::Basic))
            })
            .sum();
        assert_eq!(units, Money("30.01".parse().expect("decimal")));
        assert_eq!(
            Money("30.005".parse().expect("decimal")),
            doc.merged_from
                .iter()
                .filter_map(|u| u
                    .amounts
                    .get(&pair(FundSource::GeneralBudget, SpendingKind::Basic)))
                .sum::<Money>()
        );
    }
}
