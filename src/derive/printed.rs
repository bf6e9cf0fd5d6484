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

use crate::model::{Document, MoneyUnit};
use crate::money::{Money, allocate, round_dp};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Exact conversion of `m` from `from` to `to` (no rounding).
pub fn convert(m: Money, from: MoneyUnit, to: MoneyUnit) -> Money {
    if from == to {
        return m;
    }
    let v = m.value() * Decimal::from(from.in_yuan()) / Decimal::from(to.in_yuan());
    Money(v.normalize())
}

/// Calls `$f` on every amount of `$doc` in one fixed order (the leaf
/// indices of [`trees`]); `$iter` is `iter` or `iter_mut`, `$r` is `&` or
/// `&mut`, so the read and write visits cannot drift apart.
macro_rules! visit_amounts {
    ($doc:expr, $f:expr, $iter:ident, $values:ident, $($r:tt)+) => {{
        let doc = $doc;
        let f = $f;
        for l in doc.budget_lines.$iter() {
            l.amounts.$values().for_each(&mut *f);
        }
        for l in doc.basic_by_economic.$iter() {
            f($($r)+ l.amount);
        }
        let tp = $($r)+ doc.three_public;
        f($($r)+ tp.abroad);
        f($($r)+ tp.vehicle_purchase);
        f($($r)+ tp.vehicle_operation);
        f($($r)+ tp.reception);
        for p in doc.projects.$iter() {
            f($($r)+ p.fiscal);
            f($($r)+ p.other);
        }
        let o = $($r)+ doc.other;
        f($($r)+ o.prior_year_total);
        f($($r)+ o.procurement_goods);
        f($($r)+ o.procurement_works);
        f($($r)+ o.procurement_services);
    }};
}

/// Every amount of the document, mutably, in a fixed order.
fn for_each_amount(doc: &mut Document, mut f: impl FnMut(&mut Money)) {
    visit_amounts!(doc, &mut f, iter_mut, values_mut, &mut);
}

/// The document with its amounts converted exactly to `unit`.
pub fn converted(doc: &Document, unit: MoneyUnit) -> Cow<'_, Document> {
    let from = doc.meta.unit;
    if from == unit {
        return Cow::Borrowed(doc);
    }
    let mut d = doc.clone();
    for_each_amount(&mut d, |m| *m = convert(*m, from, unit));
    Cow::Owned(d)
}

/// True when some amount of `doc` has more than `dp` decimals.
fn needs_rounding(doc: &Document, dp: u32) -> bool {
    let mut any = false;
    let mut check = |m: &Money| any |= m.value().normalize().scale() > dp;
    visit_amounts!(doc, &mut check, iter, values, &);
    any
}

/// A node of the allocation tree: a leaf is a reference into the amounts
/// (by index in [`for_each_amount`] order); a group has children.
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

/// Gives `n` the printed value `target` and splits it down the tree.
fn assign(n: &Node, target: Decimal, exact: &[Decimal], dp: u32, out: &mut [Decimal]) {
    match n {
        Node::Leaf(i) => out[*i] = target,
        Node::Group(children) => {
            let parts: Vec<Decimal> = children.iter().map(|c| exact_sum(c, exact)).collect();
            for (c, t) in children.iter().zip(allocate(target, &parts, dp)) {
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

/// The allocation trees, in [`for_each_amount`] index order.
fn trees(doc: &Document) -> Vec<Node> {
    let mut i = 0usize;
    let mut next = || {
        i += 1;
        i - 1
    };
    let mut lines = Vec::new();
    for (n, l) in doc.budget_lines.iter().enumerate() {
        let c = l.code.as_str();
        let class = c.get(..3).unwrap_or(c).to_string();
        let section = c.get(..5).unwrap_or(c).to_string();
        for _ in l.amounts.values() {
            lines.push((
                vec![class.clone(), section.clone(), format!("{n:08}")],
                next(),
            ));
        }
    }
    let mut econ = Vec::new();
    for (n, l) in doc.basic_by_economic.iter().enumerate() {
        let c = l.code.as_str();
        econ.push((
            vec![c.get(..3).unwrap_or(c).to_string(), format!("{n:08}")],
            next(),
        ));
    }
    let abroad = next();
    let purchase = next();
    let operation = next();
    let reception = next();
    let three = Node::Group(vec![
        Node::Leaf(abroad),
        Node::Group(vec![Node::Leaf(purchase), Node::Leaf(operation)]),
        Node::Leaf(reception),
    ]);
    let projects = Node::Group(
        doc.projects
            .iter()
            .map(|_| Node::Group(vec![Node::Leaf(next()), Node::Leaf(next())]))
            .collect(),
    );
    let prior = Node::Leaf(next());
    let procurement = Node::Group(vec![
        Node::Leaf(next()),
        Node::Leaf(next()),
        Node::Leaf(next()),
    ]);
    vec![
        Node::Group(tree(lines, 0)),
        Node::Group(tree(econ, 0)),
        three,
        projects,
        prior,
        procurement,
    ]
}

/// The document with every amount in `unit`, at `dp` decimals, split by the
/// 尾差 rule. Borrowed when nothing needs converting or rounding.
pub fn printed(doc: &Document, unit: MoneyUnit, dp: u32) -> Cow<'_, Document> {
    let conv = converted(doc, unit);
    if !needs_rounding(&conv, dp) {
        return conv;
    }
    let mut d = conv.into_owned();
    let mut exact = Vec::new();
    for_each_amount(&mut d, |m| exact.push(m.value()));
    let mut out = exact.clone();
    for root in trees(&d) {
        let total = round_dp(exact_sum(&root, &exact), dp);
        assign(&root, total, &exact, dp, &mut out);
    }
    let mut k = 0;
    for_each_amount(&mut d, |m| {
        *m = Money(out[k]);
        k += 1;
    });
    Cow::Owned(d)
}
