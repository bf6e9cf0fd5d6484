//! [`Query::Summary`](crate::template::Query::Summary): a two-sided 收支总表.
//! 收入 rows sum 资金来源 (one amount each); 支出 rows sum within each
//! money column's filter, or expand one row per 功能 类. A `Subtotal` row
//! is the sum of the rows above it on its side, and the closing row of each
//! side the sum of its top-level rows: the program computes every total.

use super::table::{Cell, HeaderCell, Row, RowKind, Shape, Table};
use super::tables::{Layout, LineOrder, UNKNOWN, add_into, code_prefixes, money_cols, text_col};
use super::totals::Totals;
use crate::catalog::Catalog;
use crate::model::{BudgetLine, Document};
use crate::money::Money;
use crate::numerals::chinese_ordinal;
use crate::template::{Filter, Measure, Numbering, SummaryLine, SummaryQuery, pair_bit};

/// One side of the table: its money columns and how its rows are computed.
struct Side<'a> {
    /// Per summed column, the pairs it takes ([`Filter::pairs`]).
    masks: Vec<u128>,
    layout: Layout,
    doc: &'a Document,
    order: &'a LineOrder,
    catalog: &'a Catalog,
    t: &'a Totals,
}

impl Side<'_> {
    /// Per summed column, Σ of the amounts passing `f` and the column's filter.
    fn value(&self, f: &Filter) -> Vec<Money> {
        let within = f.pairs();
        let mut out = vec![Money::ZERO; self.masks.len()];
        for (&(s, k), v) in &self.t.by_cell {
            let b = pair_bit(s, k) & within;
            for (o, m) in out.iter_mut().zip(&self.masks) {
                if m & b != 0 {
                    *o += *v;
                }
            }
        }
        out
    }

    /// The 功能 类 with an amount within `f` (or, when `every`, every 类 of
    /// the catalog), in code order, with their amounts per summed column.
    fn classes(&self, f: &Filter, every: bool) -> Vec<(String, Vec<Money>)> {
        let within = f.pairs();
        let values = |l: &BudgetLine, out: &mut [Money]| {
            for (&(s, k), v) in &l.amounts {
                let b = pair_bit(s, k) & within;
                for (o, m) in out.iter_mut().zip(&self.masks) {
                    if m & b != 0 {
                        *o += *v;
                    }
                }
            }
        };
        let mut out: Vec<(&str, Vec<Money>)> = Vec::new();
        self.order
            .each_with_values(self.doc, self.masks.len(), values, |line, v| {
                let (class, _) = code_prefixes(&line.code);
                match out.last_mut() {
                    Some((c, sum)) if *c == class => add_into(sum, v),
                    _ => out.push((class, v.to_vec())),
                }
            });
        if every {
            // Every 类 of the catalog in code order, by code; a 类 the
            // catalog lacks keeps its place after them.
            let zeros = vec![Money::ZERO; self.masks.len()];
            let mut with: std::collections::BTreeMap<&str, Vec<Money>> = out.into_iter().collect();
            out = self
                .catalog
                .rows(crate::catalog::Classification::Function)
                .keys()
                .filter(|c| c.len() == 3)
                .map(|c| {
                    (
                        c.as_str(),
                        with.remove(c.as_str()).unwrap_or_else(|| zeros.clone()),
                    )
                })
                .collect();
            out.extend(with);
        }
        out.into_iter()
            .map(|(c, v)| {
                let name = self.catalog.function_name_str(c).unwrap_or(UNKNOWN);
                (name.to_string(), v)
            })
            .collect()
    }

    fn row(&self, label: String, v: &[Money]) -> Vec<Cell> {
        let mut cells = vec![Cell::Text(label)];
        self.layout.push(&mut cells, v);
        cells
    }

    /// Appends the rows of `lines` (sub-rows indented under `parent`'s
    /// filter) and returns the sum of the rows at this level.
    fn rows(
        &self,
        lines: &[SummaryLine],
        indent: &str,
        parent: &Filter,
        out: &mut Vec<Vec<Cell>>,
    ) -> Vec<Money> {
        let mut level = vec![Money::ZERO; self.masks.len()];
        for l in lines {
            match l {
                SummaryLine::Line { label, sum, sub } => {
                    let v = self.value(sum);
                    out.push(self.row(format!("{indent}{label}"), &v));
                    self.rows(sub, "  ", sum, out);
                    add_into(&mut level, &v);
                }
                SummaryLine::Classes(n) | SummaryLine::EveryClass(n) => {
                    let every = matches!(l, SummaryLine::EveryClass(_));
                    for (i, (name, v)) in self.classes(parent, every).into_iter().enumerate() {
                        let ordinal = chinese_ordinal(i + 1, *n == Numbering::Paren);
                        out.push(self.row(format!("{indent}{ordinal}{name}"), &v));
                        add_into(&mut level, &v);
                    }
                }
                SummaryLine::Subtotal(label) => {
                    out.push(self.row(format!("{indent}{label}"), &level));
                }
                SummaryLine::Empty(label) => {
                    let nothing = vec![Money::ZERO; self.masks.len()];
                    out.push(self.row(format!("{indent}{label}"), &nothing));
                }
            }
        }
        level
    }
}

/// The table a [`SummaryQuery`] describes.
pub(super) fn summary(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    t: &Totals,
    q: &SummaryQuery,
) -> Table {
    let everything = Filter::default();
    let income = Side {
        masks: vec![everything.pairs()],
        layout: Layout::single(),
        doc,
        order,
        catalog,
        t,
    };
    let spending = Side {
        masks: q
            .columns
            .iter()
            .filter(|c| c.measure != Measure::Total)
            .map(|c| match &c.measure {
                Measure::Sum(f) => f.pairs(),
                _ => 0,
            })
            .collect(),
        layout: Layout::of(&q.columns),
        doc,
        order,
        catalog,
        t,
    };
    let mut left = Vec::new();
    let income_total = income.rows(&q.income, "", &everything, &mut left);
    let mut right = Vec::new();
    let spending_total = spending.rows(&q.spending, "", &everything, &mut right);
    let right_w = 1 + q.columns.len();
    let n = left.len().max(right.len());
    let mut rows = Vec::with_capacity(n + 1);
    let mut l = left.into_iter();
    let mut r = right.into_iter();
    for _ in 0..n {
        let mut cells = l.next().unwrap_or_else(|| vec![Cell::Empty; 2]);
        cells.extend(r.next().unwrap_or_else(|| vec![Cell::Empty; right_w]));
        rows.push(Row {
            kind: RowKind::Plain,
            cells,
        });
    }
    let mut closing = income.row(q.closing.0.clone(), &income_total);
    closing.extend(spending.row(q.closing.1.clone(), &spending_total));
    rows.push(Row {
        kind: RowKind::Total,
        cells: closing,
    });
    let mut second = vec![
        HeaderCell::new("项目"),
        HeaderCell::new("预算数"),
        HeaderCell::new("项目"),
    ];
    second.extend(q.columns.iter().map(|c| HeaderCell::new(c.header.as_str())));
    Table {
        shape: Shape::TwoSided,
        columns: [text_col(q.width)]
            .into_iter()
            .chain(money_cols(1))
            .chain([text_col(q.width)])
            .chain(money_cols(q.columns.len()))
            .collect(),
        header: vec![
            vec![
                HeaderCell::new("收入").cols(2),
                HeaderCell::new("支出").cols(right_w),
            ],
            second,
        ],
        rows,
        ..Default::default()
    }
}
