//! Sum rules: within the derived tables (T) and across entered figures (X).
//!
//! The T rules re-check what derivation guarantees by construction; they
//! guard the derivation itself and any table built another way.

use super::{Figures, Finding, Rule};
use crate::derive::Derived;
use crate::derive::printed::printed;
use crate::derive::table::{Cell, RowKind, Shape, Table};
use crate::location::{Field, FieldName, Location, Sheet};
use crate::model::{Document, FundSource, MoneyUnit, SpendingKind};
use crate::money::Money;
use crate::template::Role;

fn money(c: Option<&Cell>) -> Money {
    match c {
        Some(Cell::Money(m)) => *m,
        _ => Money::ZERO,
    }
}

/// Nesting depth of a row kind: 合计 above 类 above 款 above 项.
fn depth(k: RowKind) -> i8 {
    match k {
        RowKind::Total => -1,
        RowKind::Class => 0,
        RowKind::Section => 1,
        RowKind::Item | RowKind::Plain => 2,
    }
}

/// The row's codes and name (`201 33 50 事业运行`, `合计`): its text cells.
fn label(row: &[Cell]) -> String {
    row.iter()
        .take_while(|c| !matches!(c, Cell::Money(_)))
        .filter_map(|c| match c {
            Cell::Text(t) if !t.is_empty() => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn err(rule: Rule, message: String, location: Location) -> Finding {
    Finding::new(rule, message, location)
}

/// The kind of row a 合计/类/款 row at `i` sums: 类 under 合计, 款 under a
/// 类 that has them (else its 项), 项 under a 款.
fn child_kind(t: &Table, i: usize, kind: RowKind) -> Option<RowKind> {
    match kind {
        RowKind::Total => Some(RowKind::Class),
        RowKind::Class => Some(
            if t.rows.get(i + 1).map(|r| r.kind) == Some(RowKind::Section) {
                RowKind::Section
            } else {
                RowKind::Item
            },
        ),
        RowKind::Section => Some(RowKind::Item),
        RowKind::Item | RowKind::Plain => None,
    }
}

/// A parent row whose descendants are still being read.
struct Parent {
    row: usize,
    depth: i8,
    child: RowKind,
    sums: Vec<Money>,
    /// Whether a row of its child kind came: a table printed to 类 or 款
    /// depth (`depth: Class`) has no rows below its lowest level to add.
    seen: bool,
}

impl Parent {
    /// Adds a row of its child kind.
    fn add(&mut self, row: &[Cell], first: usize, ncols: usize) {
        self.seen = true;
        for (s, c) in self.sums.iter_mut().zip(first..ncols) {
            *s += money(row.get(c));
        }
    }
}

/// T01 on a 合计 → 类 → 款 → 项 table: each parent equals the sum of its
/// descendants of its child kind. One pass: the open parents (the current
/// row's ancestors) add up the rows as they come, instead of a scan of the
/// rows below each parent.
fn check_tree(t: &Table, first: usize, ncols: usize, fig: Figures, out: &mut Vec<Finding>) {
    let mut open: Vec<Parent> = Vec::new();
    // (parent row, finding), reported in row order as a scan per parent did.
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut close = |p: Parent| {
        let Some(row) = t.rows.get(p.row).filter(|_| p.seen) else {
            return;
        };
        for (c, sum) in (first..ncols).zip(&p.sums) {
            let v = money(row.cells.get(c));
            if *sum != v {
                found.push((
                    p.row,
                    err(
                        Rule::T01,
                        format!(
                            "表{} “{}” 第{}列为 {}，下级科目之和为 {}",
                            t.number,
                            label(&row.cells),
                            c + 1,
                            fig.m(v),
                            fig.m(*sum)
                        ),
                        Location::row(Sheet::Table(t.number), p.row),
                    ),
                ));
            }
        }
    };
    for (i, row) in t.rows.iter().enumerate() {
        let d = depth(row.kind);
        while let Some(p) = open.pop_if(|p| p.depth >= d) {
            close(p);
        }
        for p in open.iter_mut().filter(|p| p.child == row.kind) {
            p.add(&row.cells, first, ncols);
        }
        if let Some(child) = child_kind(t, i, row.kind) {
            let mut p = Parent {
                row: i,
                depth: d,
                child,
                sums: vec![Money::ZERO; ncols.saturating_sub(first)],
                seen: false,
            };
            if row.kind == RowKind::Total && i > 0 {
                // A 合计 row last (`total: Last`) sums the 类 above it.
                for r in t.rows[..i].iter().filter(|r| r.kind == child) {
                    p.add(&r.cells, first, ncols);
                }
                close(p);
            } else {
                open.push(p);
            }
        }
    }
    while let Some(p) = open.pop() {
        close(p);
    }
    found.sort_by_key(|(row, _)| *row);
    out.extend(found.into_iter().map(|(_, f)| f));
}

/// T04: one finding for all the cells the 尾差 rule moved (one fractional
/// amount printed in whole 元 moves a cell in every table that prints it:
/// one fact, not one 提示 per cell), naming the first few; each cell is
/// marked on its table's preview.
fn adjusted_cells(tables: &[Table], out: &mut Vec<Finding>) {
    const NAMED: usize = 3;
    let cells: Vec<(&Table, usize, usize)> = tables
        .iter()
        .flat_map(|t| t.adjusted.iter().map(move |&(r, c)| (t, r, c)))
        .collect();
    let Some(&(t0, r0, _)) = cells.first() else {
        return;
    };
    let named: Vec<String> = cells
        .iter()
        .take(NAMED)
        .map(|&(t, r, c)| {
            let v = money(t.rows.get(r).and_then(|row| row.cells.get(c)));
            format!(
                "表{} “{}” 第{}列印为 {}（{}）",
                t.number,
                t.rows
                    .get(r)
                    .map(|row| label(&row.cells))
                    .unwrap_or_default(),
                c + 1,
                t.money_text(v, true),
                t.unit.label()
            )
        })
        .collect();
    let more = if cells.len() > NAMED { "等" } else { "" };
    out.push(err(
        Rule::T04,
        format!(
            "{}个印制金额按尾差规则调整，使各级合计相符：{}{more}（表中已标出）",
            cells.len(),
            named.join("；")
        ),
        Location::row(Sheet::Table(t0.number), r0),
    ));
}

/// T01–T03 on the published tables, by their shape; T04 lists the cells
/// the 尾差 rule moved.
pub(crate) fn check_tables(tables: &[Table], fig: Figures, out: &mut Vec<Finding>) {
    adjusted_cells(tables, out);
    for t in tables {
        let loc = |r: usize| Location::row(Sheet::Table(t.number), r);
        let ncols = t.columns.len();
        let first = t.first_money_column();
        if t.shape == Shape::CodeTree {
            check_tree(t, first, ncols, fig, out);
            // T02: 合计 column = the value columns, wherever the template
            // puts it (a table without one has nothing to check).
            let (total_at, parts) = (t.total_column(), t.total_parts_columns());
            for (i, row) in t.rows.iter().enumerate().filter(|_| total_at.is_some()) {
                let total = money(total_at.and_then(|c| row.cells.get(c)));
                let sum: Money = parts.iter().map(|c| money(row.cells.get(*c))).sum();
                if total != sum {
                    out.push(err(
                        Rule::T02,
                        format!(
                            "表{} “{}” 合计 {} ≠ 各列之和 {}",
                            t.number,
                            label(&row.cells),
                            fig.m(total),
                            fig.m(sum)
                        ),
                        loc(i),
                    ));
                }
            }
        }
        // "三公" tables, their figures wherever the template put them:
        // 用车小计 = 购置 + 运行, 合计 = 出国 + 用车 + 接待.
        if t.shape == Shape::Figures {
            use crate::template::Figure as F;
            let at = |f| t.figure_column(f);
            for (i, row) in t.rows.iter().enumerate() {
                let m = |c: Option<usize>| money(c.and_then(|c| row.cells.get(c)));
                let (buy, run) = (at(F::VehiclePurchase), at(F::VehicleOperation));
                let cars = match at(F::Vehicles) {
                    Some(c) => Some(m(Some(c))),
                    None => (buy.is_some() && run.is_some()).then(|| m(buy) + m(run)),
                };
                let cars_add_up = at(F::Vehicles).is_none()
                    || buy.is_none()
                    || run.is_none()
                    || cars == Some(m(buy) + m(run));
                let parts = [at(F::Abroad), at(F::Reception)];
                let total = at(F::ThreePublic);
                let total_adds_up = match (total, cars, parts) {
                    (Some(_), Some(cars), [Some(_), Some(_)]) => {
                        m(total) == m(parts[0]) + cars + m(parts[1])
                    }
                    _ => true,
                };
                if !(cars_add_up && total_adds_up) {
                    out.push(err(
                        Rule::T02,
                        format!(
                            "表{} “三公”经费合计 {} ≠ 出国 {} + 用车 {} + 接待 {}",
                            t.number,
                            fig.m(m(total)),
                            fig.m(m(parts[0])),
                            fig.m(cars.unwrap_or_default()),
                            fig.m(m(parts[1]))
                        ),
                        loc(i),
                    ));
                }
            }
        }
        if t.shape == Shape::TwoSided
            && let Some(last) = t.rows.last()
        {
            let (income, spending) = (money(last.cells.get(1)), money(last.cells.get(3)));
            if income != spending {
                out.push(err(
                    Rule::T03,
                    format!(
                        "表{} 收入总计 {} ≠ 支出总计 {}",
                        t.number,
                        fig.m(income),
                        fig.m(spending)
                    ),
                    loc(t.rows.len() - 1),
                ));
            }
        }
    }
}

/// X07: per 资金来源, Σ of the projects' amounts = the 项目支出 of the
/// 收支预算 lines. Only with projects (without any, X02 says the whole
/// 项目支出 is unaccounted for). A 警告, not an 错误: X02 already holds the
/// printed 项目支出 total, and files of older builds had only 财政拨款 /
/// 其他资金 per project, read as 一般公共预算拨款 / 其他收入 (see
/// [`crate::model::Project`]); the 填报人 is told which source to move.
fn check_project_sources(doc: &Document, d: &Derived, fig: &Figures, out: &mut Vec<Finding>) {
    if doc.projects.is_empty() {
        return;
    }
    for s in FundSource::ALL {
        let projects: Money = doc.projects.iter().map(|p| p.amount(s)).sum();
        let lines = d
            .totals
            .by_cell
            .get(&(s, SpendingKind::Project))
            .copied()
            .unwrap_or_default();
        if projects == lines {
            continue;
        }
        let at = doc
            .projects
            .iter()
            .position(|p| !p.amount(s).is_zero())
            .unwrap_or(0);
        out.push(err(
            Rule::X07,
            format!(
                "各项目的{0}之和为 {1}，收支预算中{0}的项目支出为 {2}，相差 {3}",
                s.label(),
                fig.m(projects),
                fig.m(lines),
                fig.m(projects - lines)
            ),
            Location::field(Sheet::Project(at), Field::Amount(s, SpendingKind::Project)),
        ));
    }
}

/// X09: the "三公" paid from 政府性基金预算 is part of that fund's
/// spending, so it cannot exceed it (a figure typed on the wrong side, or
/// a 政府性基金 line forgotten).
fn check_gov_fund_three_public(doc: &Document, d: &Derived, fig: &Figures, out: &mut Vec<Finding>) {
    let three = doc.gov_fund_three_public.total();
    let fund = d.totals.source(FundSource::GovFund);
    if three > fund {
        out.push(err(
            Rule::X09,
            format!(
                "政府性基金预算“三公”经费为 {}，超过收支预算中的政府性基金预算支出 {}",
                fig.m(three),
                fig.m(fund)
            ),
            // At the first item with an amount.
            Location::field(
                Sheet::ThreePublic,
                Field::Named(crate::model::review::FieldName::of_three_public(
                    doc.gov_fund_three_public
                        .items()
                        .into_iter()
                        .find(|(_, m)| !m.is_zero())
                        .map_or(crate::model::ThreePublicItem::Abroad, |(i, _)| i),
                    true,
                )),
            ),
        ));
    }
}

/// X01–X04: figures entered on different sheets that must agree.
pub(crate) fn check_cross(doc: &Document, d: &Derived, out: &mut Vec<Finding>) {
    let t = &d.totals;
    let fig = Figures::of(doc);
    if t.general_basic != t.economic_total() {
        out.push(err(
            Rule::X01,
            format!(
                "收支预算中一般公共预算基本支出为 {}，经济分类基本支出为 {}（人员经费 {} + 公用经费 {}），相差 {}",
                fig.m(t.general_basic),
                fig.m(t.economic_total()),
                fig.m(t.personnel),
                fig.m(t.public),
                fig.m(t.general_basic - t.economic_total())
            ),
            // A cell to mark and focus: the first 经济科目 amount, where the
            // 填报人 most likely has to change something.
            if doc.basic_by_economic.is_empty() {
                Location::sheet(Sheet::Economic)
            } else {
                Location::cell(Sheet::Economic, 0, Field::Value)
            },
        ));
    }
    let project = t.kind(SpendingKind::Project);
    if t.projects != project {
        out.push(err(
            Rule::X02,
            format!(
                "各项目资金总额之和为 {}，收支预算中项目支出为 {}，相差 {}",
                fig.m(t.projects),
                fig.m(project),
                fig.m(t.projects - project)
            ),
            if doc.projects.is_empty() {
                Location::sheet(Sheet::Budget)
            } else {
                Location::field(
                    Sheet::Project(0),
                    Field::Amount(
                        doc.projects[0]
                            .amounts
                            .keys()
                            .next()
                            .copied()
                            .unwrap_or(FundSource::GeneralBudget),
                        SpendingKind::Project,
                    ),
                )
            },
        ));
    }
    check_project_sources(doc, d, &fig, out);
    check_gov_fund_three_public(doc, d, &fig, out);
    let econ = |code: &str| -> Money {
        doc.basic_by_economic
            .iter()
            .filter(|l| l.code.as_str() == code)
            .map(|l| l.amount)
            .sum()
    };
    let tp = &doc.three_public;
    for (code, name, entered, field) in [
        ("30212", "因公出国（境）费", tp.abroad, FieldName::Abroad),
        ("30217", "公务接待费", tp.reception, FieldName::Reception),
        (
            "30231",
            "公务用车运行费",
            tp.vehicle_operation,
            FieldName::VehicleOperation,
        ),
    ] {
        let e = econ(code);
        if e != entered && !(e.is_zero() && entered.is_zero()) {
            out.push(err(
                Rule::X03,
                format!(
                    "“三公”经费 {name} 为 {}，经济科目 {code} 为 {}（项目支出中的部分不在经济科目表内时可忽略）",
                    fig.m(entered),
                    fig.m(e)
                ),
                Location::field(Sheet::ThreePublic, Field::Named(field)),
            ));
        }
    }
    let prev = &doc.performance.prior_years[0];
    let form = super::dept_form(doc);
    // The 上年 total the text compares with: Σ the lines' 上年 when they
    // have one, else the entered 上年预算总额.
    let prior = d.totals.prior;
    if !prior.is_zero() && prev.income_total() != prior {
        out.push(err(
            Rule::X04,
            format!(
                "{form} {}年收入合计 {} 与上年预算总额 {} 不一致",
                prev.year,
                fig.m(prev.income_total()),
                fig.m(prior)
            ),
            Location::field(Sheet::Performance, Field::Named(FieldName::PriorYears)),
        ));
    }
    for py in &doc.performance.prior_years {
        if py.income_total() != py.spending_total() {
            out.push(err(
                Rule::X04,
                format!(
                    "{form} {}年收入合计 {} ≠ 支出合计 {}",
                    py.year,
                    fig.m(py.income_total()),
                    fig.m(py.spending_total())
                ),
                Location::field(Sheet::Performance, Field::Named(FieldName::PriorYears)),
            ));
        }
    }
}

/// One printed figure of a fact printed in several places.
struct Printed {
    fact: String,
    /// The exact entered figure it prints: places whose exact figures
    /// differ are another rule's business (X01 for 基本支出).
    exact: Money,
    place: String,
    unit: MoneyUnit,
    decimals: u32,
    value: Money,
    location: Location,
}

/// The money cell of the first row of `kind` in column `col`.
fn first_row(t: &Table, kind: RowKind, col: usize) -> Option<(usize, Money)> {
    let (i, r) = t.rows.iter().enumerate().find(|(_, r)| r.kind == kind)?;
    match r.cells.get(col) {
        Some(Cell::Money(m)) => Some((i, *m)),
        _ => None,
    }
}

/// The facts each published table prints that another place prints too.
fn printed_facts(doc: &Document, d: &Derived) -> Vec<Printed> {
    let spec = doc.meta.template.spec();
    let tot = &d.totals;
    let mut v = Vec::new();
    for t in &d.tables {
        let Some(ts) = spec.data_tables().find(|s| s.number == t.number) else {
            continue;
        };
        let first = t.first_money_column();
        let mut add = |fact: String, exact: Money, what: &str, cell: Option<(usize, Money)>| {
            if let Some((row, value)) = cell {
                v.push(Printed {
                    fact,
                    exact,
                    place: format!("{} {what}", ts.short_name()),
                    unit: t.unit,
                    decimals: t.decimals,
                    value,
                    location: Location::row(Sheet::Table(t.number), row),
                });
            }
        };
        match ts.query.role() {
            Role::SourceTree(s) => {
                if let Some(c) = t.total_column() {
                    add(
                        format!("{} 合计", s.label()),
                        tot.source(s),
                        "合计",
                        first_row(t, RowKind::Total, c),
                    );
                }
                // The 基本支出 column, wherever the template puts it.
                let basic = t.kind_column(SpendingKind::Basic);
                if let (FundSource::GeneralBudget, Some(c)) = (s, basic) {
                    add(
                        "一般公共预算基本支出".into(),
                        tot.general_basic,
                        "合计行 基本支出",
                        first_row(t, RowKind::Total, c),
                    );
                }
            }
            Role::EconomicTree => {
                if let Some(c) = t.total_column() {
                    add(
                        "一般公共预算基本支出".into(),
                        tot.economic_total(),
                        "合计（人员经费 + 公用经费）",
                        first_row(t, RowKind::Total, c),
                    );
                }
            }
            Role::FiscalSummary => {
                for (i, r) in t.rows.iter().enumerate() {
                    let (Some(Cell::Text(label)), Some(Cell::Money(m))) =
                        (r.cells.first(), r.cells.get(1))
                    else {
                        continue;
                    };
                    let label = label.trim();
                    if label == "一、本年收入" {
                        add("财政拨款".into(), tot.fiscal, label, Some((i, *m)));
                    }
                    for s in FundSource::FISCAL {
                        if label.ends_with(s.label()) {
                            add(
                                format!("{} 合计", s.label()),
                                tot.source(s),
                                label,
                                Some((i, *m)),
                            );
                        }
                    }
                }
            }
            Role::ThreePublic => {
                add(
                    "“三公”经费".into(),
                    tot.three_public,
                    "合计",
                    t.rows
                        .iter()
                        .enumerate()
                        .find_map(|(i, r)| match r.cells.get(first) {
                            Some(Cell::Money(m)) => Some((i, *m)),
                            _ => None,
                        }),
                );
                // The text states the total in this table's unit, from the
                // same printed copy (narrative's Writer).
                let text = printed(doc, t.unit, t.decimals).three_public.total();
                v.push(Printed {
                    fact: "“三公”经费".into(),
                    exact: tot.three_public,
                    place: "第三部分“三公”经费说明".into(),
                    unit: t.unit,
                    decimals: t.decimals,
                    value: text,
                    location: Location::sheet(Sheet::ThreePublic),
                });
            }
            _ => {}
        }
    }
    v
}

/// T05: a figure printed in more than one place (一般公共预算基本支出 in its
/// 功能 table and as the 经济科目 table's 合计, "三公" in its table and the
/// text, 财政拨款 by source in 表1 and its own table) prints one value
/// wherever the unit and decimals are the same and the places print the
/// same entered figure.
pub(crate) fn check_printed_once(doc: &Document, d: &Derived, out: &mut Vec<Finding>) {
    let facts = printed_facts(doc, d);
    let fig = Figures::of(doc);
    for (i, a) in facts.iter().enumerate() {
        if let Some(b) = facts[..i].iter().find(|b| {
            b.fact == a.fact
                && b.exact == a.exact
                && b.unit == a.unit
                && b.decimals == a.decimals
                && b.value != a.value
        }) {
            out.push(err(
                Rule::T05,
                format!(
                    "{}在{}印为 {}，在{}印为 {}（单位：{}）",
                    a.fact,
                    b.place,
                    fig.m(b.value),
                    a.place,
                    fig.m(a.value),
                    a.unit.label()
                ),
                a.location,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::table::Row;
    use crate::template::{Figure as F, Measure};

    /// A "三公" row in 怀远's order (合计, 出国, 接待, 用车 {小计, 运行,
    /// 购置}), as a template may print it.
    fn huaiyuan(values: [&str; 6]) -> Table {
        let order = [
            F::ThreePublic,
            F::Abroad,
            F::Reception,
            F::Vehicles,
            F::VehicleOperation,
            F::VehiclePurchase,
        ];
        Table {
            number: 7,
            shape: Shape::Figures,
            measures: order.map(Measure::Figure).to_vec(),
            columns: vec![
                crate::derive::table::Column {
                    weight: 1.0,
                    align: crate::derive::table::Align::Right,
                };
                6
            ],
            rows: vec![Row {
                kind: RowKind::Item,
                cells: values
                    .map(|v| Cell::Money(crate::money::parse_stored(v).expect("amount")))
                    .to_vec(),
            }],
            ..Default::default()
        }
    }

    fn t02(t: Table) -> usize {
        let mut out = Vec::new();
        check_tables(&[t], Figures { grouping: false }, &mut out);
        out.iter().filter(|f| f.rule == Rule::T02).count()
    }

    #[test]
    fn three_public_sums_are_checked_in_the_templates_column_order() {
        // 10 = 1 + 2 + 7, and 7 = 3 + 4.
        assert_eq!(t02(huaiyuan(["10", "1", "2", "7", "3", "4"])), 0);
        // The same figures read in 上海's fixed positions would not add up;
        // a wrong 小计 or 合计 in this order is found.
        assert_eq!(t02(huaiyuan(["10", "1", "2", "7", "3", "5"])), 1);
        assert_eq!(t02(huaiyuan(["11", "1", "2", "7", "3", "4"])), 1);
    }

    /// A tree printed to 类 depth with its 合计 last (`depth: Class,
    /// total: Last`): the 类 have no rows below them to add, the 合计 adds
    /// the 类 above it. T01 found every 类 “≠ 0.00” before.
    #[test]
    fn a_class_depth_tree_with_its_total_last_is_checked_as_printed() {
        use crate::derive::table::{Align, Column};
        let col = |align| Column { weight: 1.0, align };
        let row = |kind, code: &str, v: &str| Row {
            kind,
            cells: vec![
                Cell::text(code),
                Cell::Empty,
                Cell::Money(crate::money::parse_stored(v).expect("amount")),
            ],
        };
        let table = |total: &str| Table {
            number: 2,
            shape: Shape::CodeTree,
            columns: vec![col(Align::Center), col(Align::Left), col(Align::Right)],
            rows: vec![
                row(RowKind::Class, "201", "10"),
                row(RowKind::Class, "208", "5"),
                row(RowKind::Total, "", total),
            ],
            ..Default::default()
        };
        let t01 = |t: Table| {
            let mut out = Vec::new();
            check_tables(&[t], Figures { grouping: false }, &mut out);
            out.into_iter()
                .filter(|f| f.rule == Rule::T01)
                .map(|f| f.message)
                .collect::<Vec<_>>()
        };
        assert_eq!(t01(table("15")), Vec::<String>::new());
        let found = t01(table("16"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("为 16.00，下级科目之和为 15.00"),
            "{found:?}"
        );
    }

    mod numbering {
        use crate::catalog::Catalog;
        use crate::derive::{Derived, derive, published_tables_in};
        use crate::model::{Document, Template};
        use crate::rules::check_derived;

        /// A 序号 column and a 栏次 row are printed around the figures, never
        /// among them: with both on every table of every bundled template the
        /// tables hold the same columns, header and cells, and the 审核 finds
        /// exactly what it finds without them (T01–T05 read the cells by
        /// column; a 序号 read as an amount would break every 合计).
        #[test]
        fn numbering_is_never_read_as_a_figure() {
            let text = include_str!("../../../../examples/qingshan-2021.ron");
            let mut doc: Document = ron::from_str(text).expect("example reads");
            let catalog = Catalog::for_year(2021).expect("catalog");
            for t in Template::ALL {
                doc.meta.template = t.clone();
                let plain = derive(&doc, &catalog);
                let mut spec = t.spec().clone();
                for ts in spec.tables.iter_mut().filter(|ts| !ts.query.is_form()) {
                    ts.row_numbers = !matches!(ts.query, crate::template::Query::Row(_));
                    ts.column_numbers = ts.row_numbers;
                }
                assert_eq!(spec.table_problems(), Vec::<String>::new(), "{t:?}");
                let numbered = Derived {
                    tables: published_tables_in(&doc, &catalog, &spec),
                    ..plain.clone()
                };
                assert_eq!(numbered.tables.len(), plain.tables.len());
                for (a, b) in plain.tables.iter().zip(&numbered.tables) {
                    assert_eq!(
                        (&a.columns, &a.header, &a.rows, &a.adjusted),
                        (&b.columns, &b.header, &b.rows, &b.adjusted),
                        "{t:?} 表{}",
                        a.number
                    );
                    assert_eq!(b.column_numbers, !b.column_number_row().is_empty());
                }
                assert_eq!(
                    check_derived(&doc, &catalog, &plain),
                    check_derived(&doc, &catalog, &numbered),
                    "{t:?}"
                );
            }
        }
    }

    use crate::derive::table::{Align, Column};

    fn tree(rows: &[(RowKind, i64)]) -> Table {
        let text = Column {
            weight: 1.0,
            align: Align::Left,
        };
        let amount = Column {
            weight: 1.0,
            align: Align::Right,
        };
        Table {
            number: 3,
            columns: vec![text, amount],
            rows: rows
                .iter()
                .map(|(kind, v)| Row {
                    kind: *kind,
                    cells: vec![
                        Cell::Text("科目".into()),
                        Cell::Money(Money::from_cents(v * 100)),
                    ],
                })
                .collect(),
            shape: Shape::CodeTree,
            ..Table::default()
        }
    }

    fn t01(t: &Table) -> Vec<String> {
        let mut out = Vec::new();
        check_tree(t, 1, 2, Figures { grouping: false }, &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    /// 上海 prints its 合计 row below the 类/款/项 rows: it sums the 类
    /// above it, and a wrong one is found as one above would be.
    #[test]
    fn a_total_row_below_the_tree_sums_the_classes_above_it() {
        use RowKind::{Class, Item, Section, Total};
        let rows = [
            (Class, 30),
            (Section, 30),
            (Item, 10),
            (Item, 20),
            (Class, 5),
            (Item, 5),
            (Total, 35),
        ];
        assert_eq!(t01(&tree(&rows)), Vec::<String>::new());
        let mut wrong = rows;
        wrong[6].1 = 36;
        let found = t01(&tree(&wrong));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("36.00") && found[0].contains("35.00"),
            "{found:?}"
        );
        // The same table with its 合计 on top checks the same way.
        let mut top = vec![(Total, 36)];
        top.extend_from_slice(&rows[..6]);
        assert_eq!(t01(&tree(&top)).len(), 1);
    }
}
