//! The one evaluator of the template's table queries ([`Query`]): each
//! table's rows and columns computed from the document's facts. The
//! template names facts, filters and measures; every amount here is an
//! exact sum, and every 合计 is computed from its parts. Titles, numbers,
//! header overrides and units are applied in [`super::published`].

use super::table::{Align, Cell, Column, Row, RowKind, Shape, Table};
use super::totals::Totals;
use crate::catalog::Catalog;
use crate::model::{
    BudgetLine, CodeLevel, Document, FunctionCode, FundSource, ProcurementItem, ProcurementKind,
    PurchasedService, SpendingKind,
};
use crate::money::Money;
use crate::template::{
    ColumnSpec, Dimension, Field, Figure, Filter, Measure, ProjectsQuery, PurchaseFacts,
    PurchasesQuery, Query, RowQuery, ThreePublicFund, TotalRow,
};

pub(super) use super::header::header_rows;

/// Name printed for a subtotal whose code is not in the catalog.
pub(super) const UNKNOWN: &str = "（科目表中无此科目）";

pub(super) fn text_col(weight: f32) -> Column {
    Column {
        weight,
        align: Align::Left,
    }
}
pub(super) fn code_col() -> Column {
    Column {
        weight: 1.2,
        align: Align::Center,
    }
}
pub(super) fn money_cols(n: usize) -> impl Iterator<Item = Column> {
    (0..n).map(|_| Column {
        weight: 1.0,
        align: Align::Right,
    })
}

pub(super) fn add_into(acc: &mut [Money], values: &[Money]) {
    for (a, v) in acc.iter_mut().zip(values) {
        *a += *v;
    }
}

/// Where each printed money column takes its figure from: the column's own
/// amount (`Some(i)`: the i-th summed column) or the 合计 of them (`None`).
/// 上年 and 增减 columns have their own amounts but are not in the 合计.
pub(super) struct Layout {
    slots: Vec<Option<usize>>,
    /// Per summed column: whether the 合计 adds it.
    in_total: Vec<bool>,
}

impl Layout {
    /// The layout of `cols`: `Total` columns are `None`, every other
    /// column numbered in order.
    pub(super) fn of(cols: &[ColumnSpec]) -> Self {
        let mut n = 0;
        let mut in_total = Vec::new();
        let slots = cols
            .iter()
            .map(|c| match c.measure {
                Measure::Total => None,
                _ => {
                    in_total.push(!matches!(c.measure, Measure::Prior(_) | Measure::Change(_)));
                    n += 1;
                    Some(n - 1)
                }
            })
            .collect();
        Layout { slots, in_total }
    }

    /// One summed column.
    pub(super) fn single() -> Self {
        Layout {
            slots: vec![Some(0)],
            in_total: vec![true],
        }
    }

    /// Number of summed (non-合计) columns.
    pub(super) fn width(&self) -> usize {
        self.in_total.len()
    }

    /// Appends the printed money cells for `values` (one per summed column).
    pub(super) fn push(&self, cells: &mut Vec<Cell>, values: &[Money]) {
        let total: Money = values
            .iter()
            .zip(&self.in_total)
            .filter(|(_, t)| **t)
            .map(|(v, _)| *v)
            .sum();
        cells.extend(self.slots.iter().map(|slot| match slot {
            Some(i) => Cell::Money(values.get(*i).copied().unwrap_or_default()),
            None => Cell::Money(total),
        }));
    }

    /// The money columns (counted from the first) a 合计 column adds, where
    /// that is not every other column: `None` without 上年 or 增减 columns.
    pub(super) fn total_parts(&self) -> Option<Vec<usize>> {
        if self.in_total.iter().all(|t| *t) {
            return None;
        }
        Some(
            self.slots
                .iter()
                .enumerate()
                .filter(|(_, s)| s.is_some_and(|i| self.in_total[i]))
                .map(|(c, _)| c)
                .collect(),
        )
    }
}

/// The 类 and 款 prefixes of a code ("" where it has none).
pub(super) fn code_prefixes(code: &FunctionCode) -> (&str, &str) {
    let at = |level| code.prefix(level).unwrap_or("");
    (at(CodeLevel::Class), at(CodeLevel::Section))
}

/// The 收支预算 lines in printed order: by 类, then 款, in entry order within
/// a 款 (malformed codes first). Computed once per derivation and shared by
/// every 功能科目 table, instead of each table building its own tree of
/// string keys; indices, so that a converted copy of the document (same
/// lines, other amounts) can use it too.
pub struct LineOrder(Vec<usize>);

impl LineOrder {
    /// The order of `doc`'s lines.
    pub fn of(doc: &Document) -> Self {
        let lines = &doc.budget_lines;
        // (类, 款) as one integer: the digits of fixed-length prefixes order
        // as their text does; malformed codes (no prefixes) first, a 类 code
        // (no 款) before its 款.
        let key = |l: &BudgetLine| -> u64 {
            let (class, section) = code_prefixes(&l.code);
            let number = |s: &str| s.parse::<u64>().map_or(0, |n| n + 1);
            number(class) * 1_000_000 + number(section)
        };
        let mut keyed: Vec<(u64, usize)> =
            lines.iter().enumerate().map(|(i, l)| (key(l), i)).collect();
        // Entry order breaks ties: lines of one 款 keep the order they were
        // entered in.
        keyed.sort_unstable();
        LineOrder(keyed.into_iter().map(|(_, i)| i).collect())
    }

    /// Calls `f` with each of `doc`'s lines in this order and the `width`
    /// amounts `values` gives it, skipping lines whose amounts are all zero
    /// (one buffer for all lines).
    pub(super) fn each_with_values<'a>(
        &self,
        doc: &'a Document,
        width: usize,
        values: impl Fn(&BudgetLine, &mut [Money]),
        mut f: impl FnMut(&'a BudgetLine, &[Money]),
    ) {
        let mut v = vec![Money::ZERO; width];
        for line in self.0.iter().filter_map(|&i| doc.budget_lines.get(i)) {
            v.fill(Money::ZERO);
            values(line, &mut v);
            if !v.iter().all(|m| m.is_zero()) {
                f(line, &v);
            }
        }
    }
}

/// A [`Query::Row`]: one row of named figures.
fn figures_row(doc: &Document, t: &Totals, q: &RowQuery) -> Table {
    let tp = &match q.fund {
        ThreePublicFund::GeneralBudget => doc.three_public,
        ThreePublicFund::GovFund => doc.gov_fund_three_public,
        ThreePublicFund::Fiscal => doc.three_public.plus(&doc.gov_fund_three_public),
    };
    let value = |m: &Measure| match m {
        Measure::Figure(f) => match f {
            Figure::ThreePublic => tp.total(),
            Figure::Abroad => tp.abroad,
            Figure::Vehicles => tp.vehicles(),
            Figure::VehiclePurchase => tp.vehicle_purchase,
            Figure::VehicleOperation => tp.vehicle_operation,
            Figure::Reception => tp.reception,
            Figure::Operating => t.public,
            Figure::Meetings => doc.economic_spending(crate::model::MEETINGS),
            Figure::Training => doc.economic_spending(crate::model::TRAINING),
            // Not a row figure (`template check` says so).
            Figure::ProjectFiscal | Figure::ProjectOther | Figure::Amount => Money::ZERO,
        },
        _ => Money::ZERO,
    };
    Table {
        shape: Shape::Figures,
        measures: q.columns.iter().map(|c| c.measure.clone()).collect(),
        columns: money_cols(q.columns.len()).collect(),
        header: header_rows(&q.columns.iter().map(ColumnSpec::path).collect::<Vec<_>>()),
        rows: vec![Row {
            kind: RowKind::Item,
            cells: q
                .columns
                .iter()
                .map(|c| Cell::Money(value(&c.measure)))
                .collect(),
        }],
        ..Default::default()
    }
}

/// A [`Query::Projects`]: one row per project, 合计 first. An
/// `Each(Sources)` column becomes one `Sum` column per 资金来源 some project
/// has an amount from; a `Sum` column adds a project's amounts from the
/// sources it names.
fn project_list(doc: &Document, q: &ProjectsQuery) -> Table {
    let q = &expanded_projects(doc, q);
    let text = |p: &crate::model::Project, f: Field| match f {
        Field::Unit => Cell::text(p.implementing_unit.as_str()),
        Field::Code => Cell::text(p.code.as_str()),
        _ => Cell::text(p.name.as_str()),
    };
    let amount = |p: &crate::model::Project, m: &Measure| match m {
        Measure::Figure(Figure::ProjectFiscal) => p.fiscal(),
        Measure::Figure(Figure::ProjectOther) => p.other(),
        Measure::Sum(f) => p
            .amounts
            .iter()
            .filter(|(s, _)| f.sources.is_empty() || f.sources.contains(s))
            .map(|(_, m)| *m)
            .sum(),
        _ => Money::ZERO,
    };
    let all: Vec<&crate::model::Project> = doc.projects.iter().collect();
    item_list(&q.columns, TotalRow::First, &[(None, all)], text, amount)
}

/// A [`Query::Purchases`]: one row per 政府采购 or 政府购买服务 item, the
/// 合计 where the query puts it, and (政府采购 `by_kind`) a subtotal per
/// 采购类型 above its items.
fn purchase_list(doc: &Document, q: &PurchasesQuery) -> Table {
    let code_name = |code: &FunctionCode| {
        doc.budget_lines
            .iter()
            .find(|l| l.code == *code)
            .map_or("", |l| l.name.as_str())
    };
    match q.facts {
        PurchaseFacts::Procurement => {
            let text = |p: &ProcurementItem, f: Field| match f {
                Field::Kind => Cell::text(p.kind.label()),
                Field::Code => Cell::text(p.code.as_str()),
                Field::CodeName => Cell::text(code_name(&p.code)),
                Field::Unit | Field::Category => Cell::Empty,
                Field::Name => Cell::text(p.name.as_str()),
            };
            let groups: Vec<(Option<&str>, Vec<&ProcurementItem>)> = if q.by_kind {
                ProcurementKind::ALL
                    .into_iter()
                    .map(|k| {
                        let items = doc.procurement.iter().filter(|p| p.kind == k).collect();
                        (Some(k.label()), items)
                    })
                    .filter(|(_, items): &(_, Vec<_>)| !items.is_empty())
                    .collect()
            } else {
                vec![(None, doc.procurement.iter().collect())]
            };
            item_list(&q.columns, q.total, &groups, text, |p, _| p.amount)
        }
        PurchaseFacts::Services => {
            let text = |p: &PurchasedService, f: Field| match f {
                Field::Category => Cell::text(p.category.as_str()),
                Field::Code => Cell::text(p.code.as_str()),
                Field::CodeName => Cell::text(code_name(&p.code)),
                Field::Unit | Field::Kind => Cell::Empty,
                Field::Name => Cell::text(p.name.as_str()),
            };
            let all = vec![(None, doc.purchased_services.iter().collect())];
            item_list(&q.columns, q.total, &all, text, |p, _| p.amount)
        }
    }
}

/// A list table over items: the 合计 row where `total` puts it, then per
/// group its subtotal row (when it has a label) and its items. A label
/// (合计, a subtotal's) prints in the `Field(Name)` column, or the first
/// text column; every amount of a subtotal or the 合计 is the sum of the
/// items below it, and a `Total` column the sum of the row's amounts.
pub(super) fn item_list<T>(
    columns: &[ColumnSpec],
    total: TotalRow,
    groups: &[(Option<&str>, Vec<&T>)],
    text: impl Fn(&T, Field) -> Cell,
    amount: impl Fn(&T, &Measure) -> Money,
) -> Table {
    let layout = Layout::of(columns);
    let values = |item: &T| -> Vec<Money> {
        columns
            .iter()
            .filter(|c| c.measure != Measure::Total)
            .map(|c| match c.measure {
                Measure::Figure(_) | Measure::Sum(_) => amount(item, &c.measure),
                _ => Money::ZERO,
            })
            .collect()
    };
    let label_at = columns
        .iter()
        .position(|c| c.measure == Measure::Field(Field::Name))
        .or_else(|| {
            columns
                .iter()
                .position(|c| matches!(c.measure, Measure::Field(_)))
        });
    let row = |kind, cell: &dyn Fn(usize, Field) -> Cell, v: &[Money]| {
        let mut money = Vec::with_capacity(columns.len());
        layout.push(&mut money, v);
        let cells = columns
            .iter()
            .zip(money)
            .enumerate()
            .map(|(i, (c, m))| match c.measure {
                Measure::Field(f) => cell(i, f),
                _ => m,
            })
            .collect();
        Row { kind, cells }
    };
    let labelled = |label: &str| {
        let label = Cell::text(label);
        move |i: usize, _: Field| {
            if Some(i) == label_at {
                label.clone()
            } else {
                Cell::Empty
            }
        }
    };
    let mut grand = vec![Money::ZERO; layout.width()];
    let mut body = Vec::new();
    for (label, items) in groups {
        let mut sub = vec![Money::ZERO; layout.width()];
        let rows: Vec<Row> = items
            .iter()
            .map(|item| {
                let v = values(item);
                add_into(&mut sub, &v);
                row(RowKind::Item, &|_, f| text(item, f), &v)
            })
            .collect();
        add_into(&mut grand, &sub);
        if let Some(label) = label {
            body.push(row(RowKind::Class, &labelled(label), &sub));
        }
        body.extend(rows);
    }
    let total_row = row(RowKind::Total, &labelled("合计"), &grand);
    let rows = match total {
        TotalRow::First => std::iter::once(total_row).chain(body).collect(),
        TotalRow::Last => body.into_iter().chain(std::iter::once(total_row)).collect(),
        TotalRow::None => body,
    };
    Table {
        shape: Shape::List,
        columns: columns
            .iter()
            .map(|c| match c.measure {
                Measure::Field(Field::Name) => text_col(3.0),
                Measure::Field(Field::Unit) => text_col(1.6),
                Measure::Field(Field::Category | Field::CodeName) => text_col(2.2),
                Measure::Field(Field::Kind) => Column {
                    weight: 0.8,
                    align: Align::Center,
                },
                Measure::Field(Field::Code) => code_col(),
                _ => Column {
                    weight: 1.0,
                    align: Align::Right,
                },
            })
            .collect(),
        header: header_rows(&columns.iter().map(ColumnSpec::path).collect::<Vec<_>>()),
        rows,
        ..Default::default()
    }
}

/// `q` with its `Each(Sources)` columns expanded into one `Sum` column per
/// 资金来源 that some project has an amount from, in 表7's order.
fn expanded_projects<'q>(
    doc: &Document,
    q: &'q ProjectsQuery,
) -> std::borrow::Cow<'q, ProjectsQuery> {
    if !q
        .columns
        .iter()
        .any(|c| matches!(c.measure, Measure::Each(_)))
    {
        return std::borrow::Cow::Borrowed(q);
    }
    let has = |f: &Filter| {
        doc.projects
            .iter()
            .any(|p| f.sources.iter().any(|s| !p.amount(*s).is_zero()))
    };
    let mut columns = Vec::with_capacity(q.columns.len() + FundSource::ALL.len());
    for c in &q.columns {
        match c.measure {
            Measure::Each(d) => columns.extend(each_pair_columns(c, d, has)),
            _ => columns.push(c.clone()),
        }
    }
    std::borrow::Cow::Owned(ProjectsQuery { columns })
}

/// The `Sum` columns an `Each(Sources)` or `Each(Kinds)` column `c`
/// expands to: one per 资金来源 (支出类型) whose one-value filter `has`
/// holds, in [`FundSource::ALL`] ([`SpendingKind::ALL`]) order, headed with
/// its name under `c`'s group. Nothing for the other dimensions.
pub(super) fn each_pair_columns(
    c: &ColumnSpec,
    d: Dimension,
    has: impl Fn(&Filter) -> bool,
) -> Vec<ColumnSpec> {
    let one = |sources, kinds| Filter {
        sources,
        kinds,
        ..Filter::default()
    };
    let each: Vec<(&str, Filter)> = match d {
        Dimension::Sources => FundSource::ALL
            .iter()
            .map(|s| (s.label(), one(vec![*s], Vec::new())))
            .collect(),
        Dimension::Kinds => SpendingKind::ALL
            .iter()
            .map(|k| (k.label(), one(Vec::new(), vec![*k])))
            .collect(),
        Dimension::EconomicClasses | Dimension::EconomicSections => Vec::new(),
    };
    each.into_iter()
        .filter(|(_, f)| has(f))
        .map(|(label, f)| ColumnSpec {
            group: c.group.clone(),
            header: label.to_string(),
            measure: Measure::Sum(f),
        })
        .collect()
}

/// The data table `query` describes, with its default header; `None` for
/// the forms. `order` is [`LineOrder::of`] the document.
pub fn build(
    query: &Query,
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    t: &Totals,
) -> Option<Table> {
    Some(match query {
        Query::Tree(q) => super::tree::tree(doc, order, catalog, t, q),
        Query::Summary(q) => super::summary::summary(doc, order, catalog, t, q),
        Query::Row(q) => figures_row(doc, t, q),
        Query::Projects(q) => project_list(doc, q),
        Query::Purchases(q) => purchase_list(doc, q),
        Query::Units(q) => super::units::unit_list(doc, t, q),
        Query::Form(_) => return None,
    })
}
