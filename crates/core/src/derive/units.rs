//! [`Query::Units`](crate::template::Query::Units): one row per 单位, 合计
//! first. A document's lines carry no 单位, so the rows are a merged
//! document's units with their 收支预算 as recorded at the merge
//! (`merged_from`), or, for a document that is not a merge, the document
//! itself with its own totals. The amounts come from the printed document
//! (converted and rounded by the 尾差 rule, which splits each pair's units
//! from the pair's printed total), and the 合计 row adds the printed rows.

use super::table::{Cell, Table};
use super::tables::{each_pair_columns, item_list};
use super::totals::Totals;
use crate::model::{Amounts, Document};
use crate::money::Money;
use crate::template::{ColumnSpec, Field, Filter, Measure, TotalRow, UnitsQuery};

/// One row: the unit's name and its amounts by 资金来源 × 支出类型.
struct UnitRow<'a> {
    name: &'a str,
    amounts: &'a Amounts,
}

impl UnitRow<'_> {
    /// Σ of the amounts that pass both filters.
    fn sum(&self, table: &Filter, column: &Filter) -> Money {
        self.amounts
            .iter()
            .filter(|((s, k), _)| table.holds(*s, *k) && column.holds(*s, *k))
            .map(|(_, v)| *v)
            .sum()
    }
}

/// The rows of `doc` (its printed copy, `t` its totals).
fn rows<'a>(doc: &'a Document, t: &'a Totals) -> Vec<UnitRow<'a>> {
    if doc.merged_from.is_empty() {
        return vec![UnitRow {
            name: doc.meta.dept_name.trim(),
            amounts: &t.by_cell,
        }];
    }
    doc.merged_from
        .iter()
        .map(|u| UnitRow {
            name: u.unit.trim(),
            amounts: &u.amounts,
        })
        .collect()
}

/// The table a [`UnitsQuery`] describes: `Each(Sources)` / `Each(Kinds)`
/// expanded into one `Sum` column per 资金来源 (支出类型) some unit has an
/// amount of within the table's filter.
pub(super) fn unit_list(doc: &Document, t: &Totals, q: &UnitsQuery) -> Table {
    let units = rows(doc, t);
    let has = |f: &Filter| units.iter().any(|u| !u.sum(&q.filter, f).is_zero());
    let mut columns: Vec<ColumnSpec> = Vec::with_capacity(q.columns.len());
    for c in &q.columns {
        match c.measure {
            Measure::Each(d) => columns.extend(each_pair_columns(c, d, has)),
            _ => columns.push(c.clone()),
        }
    }
    let text = |u: &UnitRow, f: Field| match f {
        Field::Name => Cell::text(u.name),
        _ => Cell::Empty,
    };
    let amount = |u: &UnitRow, m: &Measure| match m {
        Measure::Sum(f) => u.sum(&q.filter, f),
        _ => Money::ZERO,
    };
    let all: Vec<&UnitRow> = units.iter().collect();
    let mut table = item_list(&columns, TotalRow::First, &[(None, all)], text, amount);
    // The 合计 column wherever the template puts it (checks find it here).
    table.measures = columns
        .iter()
        .filter(|c| !matches!(c.measure, Measure::Field(_)))
        .map(|c| c.measure.clone())
        .collect();
    table
}
