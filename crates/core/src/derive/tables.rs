//! The one evaluator of the template's table queries ([`Query`]): each
//! table's rows and columns computed from the document's facts. The
//! template names facts, filters and measures; every amount here is an
//! exact sum, and every 合计 is computed from its parts. Titles, numbers,
//! header overrides and units are applied in [`super::published`].

use super::table::{Align, Cell, Column, Row, RowKind, Shape, Table};
use super::totals::Totals;
use crate::catalog::Catalog;
use crate::model::{BudgetLine, CodeLevel, Document, FunctionCode, FundSource};
use crate::money::Money;
use crate::template::{ColumnSpec, Field, Figure, Measure, ProjectsQuery, Query, RowQuery};

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
pub(super) struct Layout(Vec<Option<usize>>);

impl Layout {
    /// The layout of `cols`: `Total` columns are `None`, every other
    /// column numbered in order.
    pub(super) fn of(cols: &[ColumnSpec]) -> Self {
        let mut n = 0;
        Layout(
            cols.iter()
                .map(|c| match c.measure {
                    Measure::Total => None,
                    _ => {
                        n += 1;
                        Some(n - 1)
                    }
                })
                .collect(),
        )
    }

    /// One summed column.
    pub(super) fn single() -> Self {
        Layout(vec![Some(0)])
    }

    /// Number of summed (non-合计) columns.
    pub(super) fn width(&self) -> usize {
        self.0.iter().flatten().count()
    }

    /// Appends the printed money cells for `values` (one per summed column).
    pub(super) fn push(&self, cells: &mut Vec<Cell>, values: &[Money]) {
        cells.extend(self.0.iter().map(|slot| match slot {
            Some(i) => Cell::Money(values.get(*i).copied().unwrap_or_default()),
            None => Cell::Money(values.iter().sum()),
        }));
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
    let tp = &doc.three_public;
    let value = |m: &Measure| match m {
        Measure::Figure(f) => match f {
            Figure::ThreePublic => tp.total(),
            Figure::Abroad => tp.abroad,
            Figure::Vehicles => tp.vehicles(),
            Figure::VehiclePurchase => tp.vehicle_purchase,
            Figure::VehicleOperation => tp.vehicle_operation,
            Figure::Reception => tp.reception,
            Figure::Operating => t.public,
            // Not a row figure (`template check` says so).
            Figure::ProjectFiscal | Figure::ProjectOther => Money::ZERO,
        },
        _ => Money::ZERO,
    };
    let figures: Vec<Option<Figure>> = q
        .columns
        .iter()
        .map(|c| match c.measure {
            Measure::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    Table {
        shape: row_shape(&figures),
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

/// The sum rules know two column orders of the "三公" table.
fn row_shape(figures: &[Option<Figure>]) -> Shape {
    use Figure::*;
    let is = |order: &[Figure]| {
        figures.len() >= order.len() && figures.iter().zip(order).all(|(f, o)| *f == Some(*o))
    };
    if figures.len() == 6
        && is(&[
            ThreePublic,
            Abroad,
            Vehicles,
            VehiclePurchase,
            VehicleOperation,
            Reception,
        ])
    {
        Shape::ThreePublic
    } else if is(&[
        ThreePublic,
        Abroad,
        Reception,
        Vehicles,
        VehiclePurchase,
        VehicleOperation,
    ]) {
        Shape::ThreePublicOperating
    } else {
        Shape::Other
    }
}

/// A [`Query::Projects`]: one row per project, 合计 first. An
/// `Each(Sources)` column becomes one `Sum` column per 资金来源 some project
/// has an amount from; a `Sum` column adds a project's amounts from the
/// sources it names.
fn project_list(doc: &Document, q: &ProjectsQuery) -> Table {
    let q = &expanded_projects(doc, q);
    let layout = Layout::of(&q.columns);
    let amount = |p: &crate::model::Project, m: &Measure| match m {
        Measure::Figure(Figure::ProjectFiscal) => Some(p.fiscal()),
        Measure::Figure(Figure::ProjectOther) => Some(p.other()),
        Measure::Sum(f) => Some(
            p.amounts
                .iter()
                .filter(|(s, _)| f.sources.is_empty() || f.sources.contains(s))
                .map(|(_, m)| *m)
                .sum(),
        ),
        _ => None,
    };
    let values = |p: &crate::model::Project| -> Vec<Money> {
        q.columns
            .iter()
            .filter(|c| c.measure != Measure::Total)
            .map(|c| amount(p, &c.measure).unwrap_or_default())
            .collect()
    };
    // Text fields print as text; a Total column is Σ of the amounts.
    let row = |kind, text: &dyn Fn(Field) -> Cell, v: &[Money]| {
        let mut money = Vec::with_capacity(q.columns.len());
        layout.push(&mut money, v);
        let cells = q
            .columns
            .iter()
            .zip(money)
            .map(|(c, m)| match c.measure {
                Measure::Field(f) => text(f),
                _ => m,
            })
            .collect();
        Row { kind, cells }
    };
    let mut grand = vec![Money::ZERO; layout.width()];
    for p in &doc.projects {
        add_into(&mut grand, &values(p));
    }
    let mut rows = vec![row(
        RowKind::Total,
        &|f| match f {
            Field::Name => Cell::text("合计"),
            Field::Unit | Field::Code => Cell::Empty,
        },
        &grand,
    )];
    rows.extend(doc.projects.iter().map(|p| {
        row(
            RowKind::Item,
            &|f| match f {
                Field::Name => Cell::text(p.name.as_str()),
                Field::Unit => Cell::text(p.implementing_unit.as_str()),
                Field::Code => Cell::text(p.code.as_str()),
            },
            &values(p),
        )
    }));
    Table {
        shape: Shape::List,
        columns: q
            .columns
            .iter()
            .map(|c| match c.measure {
                Measure::Field(Field::Name) => text_col(3.0),
                Measure::Field(Field::Unit) => text_col(1.6),
                Measure::Field(Field::Code) => text_col(1.6),
                _ => Column {
                    weight: 1.0,
                    align: Align::Right,
                },
            })
            .collect(),
        header: header_rows(&q.columns.iter().map(ColumnSpec::path).collect::<Vec<_>>()),
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
    let used: Vec<FundSource> = FundSource::ALL
        .into_iter()
        .filter(|s| doc.projects.iter().any(|p| !p.amount(*s).is_zero()))
        .collect();
    let mut columns = Vec::with_capacity(q.columns.len() + used.len());
    for c in &q.columns {
        if !matches!(c.measure, Measure::Each(_)) {
            columns.push(c.clone());
            continue;
        }
        columns.extend(used.iter().map(|s| ColumnSpec {
            group: c.group.clone(),
            header: s.label().to_string(),
            measure: Measure::Sum(crate::template::Filter {
                sources: vec![*s],
                ..Default::default()
            }),
        }));
    }
    std::borrow::Cow::Owned(ProjectsQuery { columns })
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
        Query::Form(_) => return None,
    })
}
