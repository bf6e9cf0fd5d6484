//! The document's published tables, in template order: the one function
//! every printer (PDF, `yusuan show`, the app's previews, spreadsheets)
//! calls. Each table comes out in its printed unit and decimals with the
//! 尾差 rule applied, its title, caption, header and empty note from the
//! template, and the cells the rule moved listed in [`Table::adjusted`].

use super::printed::{converted, printed};
use super::table::{Align, Cell, Column, HeaderCell, Table};
use super::tables::{LineOrder, build};
use super::totals::{Totals, totals};
use crate::catalog::Catalog;
use crate::model::{Document, MoneyUnit};
use crate::money::{Money, round_dp};
use crate::template::{TableSpec, TemplateSpec, fill};
use std::borrow::Cow;
use std::collections::HashMap;

/// The document in one printed unit and number of decimals, computed once
/// per export however many tables share it.
struct Form<'a> {
    key: (MoneyUnit, u32),
    /// Converted and rounded by the 尾差 rule: what is printed.
    printed: Cow<'a, Document>,
    totals: Totals,
    /// Converted, unrounded, when rounding moved something: to find the
    /// adjusted cells.
    exact: Option<(Cow<'a, Document>, Totals)>,
}

impl<'a> Form<'a> {
    /// `doc_totals` are `doc`'s own, reused when nothing is converted.
    fn new(doc: &'a Document, doc_totals: &Totals, unit: MoneyUnit, dp: u32) -> Self {
        let printed = printed(doc, unit, dp);
        let exact = match &printed {
            Cow::Owned(p) => {
                let conv = converted(doc, unit);
                (*p != *conv).then(|| {
                    let t = totals(&conv);
                    (conv, t)
                })
            }
            Cow::Borrowed(_) => None,
        };
        let totals = match &printed {
            Cow::Borrowed(_) => doc_totals.clone(),
            Cow::Owned(p) => totals(p),
        };
        Form {
            key: (unit, dp),
            totals,
            printed,
            exact,
        }
    }
}

/// The document's published data tables, in the order its template prints
/// them.
pub fn published_tables(doc: &Document, catalog: &Catalog) -> Vec<Table> {
    published_tables_with(doc, catalog, &totals(doc), doc.meta.template.spec())
}

/// The data tables `spec` publishes for `doc`, whatever template the
/// document names: a template read from a file is evaluated as a bundled
/// one is.
pub fn published_tables_in(doc: &Document, catalog: &Catalog, spec: &TemplateSpec) -> Vec<Table> {
    published_tables_with(doc, catalog, &totals(doc), spec)
}

/// [`published_tables`] given the document's [`totals`], for a caller that
/// has them already.
pub(super) fn published_tables_with(
    doc: &Document,
    catalog: &Catalog,
    doc_totals: &Totals,
    spec: &TemplateSpec,
) -> Vec<Table> {
    let mut forms: Vec<Form<'_>> = Vec::new();
    // Converting and rounding keep the lines and their codes: one order.
    let order = LineOrder::of(doc);
    let mut out = Vec::new();
    for ts in spec.data_tables() {
        let unit = ts.unit.unwrap_or(doc.meta.printed_unit());
        let key = (unit, ts.decimals);
        let i = match forms.iter().position(|f| f.key == key) {
            Some(i) => i,
            None => {
                forms.push(Form::new(doc, doc_totals, unit, ts.decimals));
                forms.len() - 1
            }
        };
        let form = &forms[i];
        let Some(mut t) = build(&ts.query, &form.printed, &order, catalog, &form.totals) else {
            continue;
        };
        if let Some((exact, totals)) = &form.exact
            && let Some(e) = build(&ts.query, exact, &order, catalog, totals)
        {
            t.adjusted = adjusted(&t, &e, ts.decimals);
        }
        finish(doc, spec, ts, unit, &mut t);
        out.push(t);
    }
    out
}

/// The text cells of a row, identifying it across two builds.
fn row_key(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(s) => s.as_str(),
            _ => "",
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Cells of `printed` that differ from the same cell of `exact` rounded on
/// its own.
fn adjusted(printed: &Table, exact: &Table, dp: u32) -> Vec<(usize, usize)> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in exact.rows.iter().enumerate() {
        by_key.entry(row_key(&r.cells)).or_default().push(i);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (ri, r) in printed.rows.iter().enumerate() {
        let key = row_key(&r.cells);
        let n = seen.entry(key.clone()).or_default();
        let exact_row = by_key
            .get(&key)
            .and_then(|v| v.get(*n))
            .and_then(|&i| exact.rows.get(i));
        *n += 1;
        for (ci, c) in r.cells.iter().enumerate() {
            let Cell::Money(p) = c else { continue };
            let e = match exact_row.and_then(|x| x.cells.get(ci)) {
                Some(Cell::Money(e)) => *e,
                _ => Money::ZERO,
            };
            if round_dp(p.value(), dp) != round_dp(e.value(), dp) {
                out.push((ri, ci));
            }
        }
    }
    out
}

/// Applies the template's number, title, caption, unit, numbering, orientation, empty note, split
/// code columns and header to a built table.
fn finish(doc: &Document, spec: &TemplateSpec, ts: &TableSpec, unit: MoneyUnit, t: &mut Table) {
    let m = &doc.meta;
    t.number = ts.number;
    t.title = fill(&ts.title, &m.dept_name, m.year, m.entity, ts.number, "");
    let caption = ts.caption.as_deref().unwrap_or(&spec.table_caption);
    t.caption = fill(caption, &m.dept_name, m.year, m.entity, ts.number, &t.title);
    t.unit = unit;
    t.decimals = ts.decimals;
    t.grouping = ts.grouping;
    t.zero = ts.zero;
    t.row_numbers = ts.row_numbers;
    t.column_numbers = ts.column_numbers;
    t.orientation = ts.orientation;
    t.note = ts
        .note
        .as_deref()
        .map(|n| fill(n, &m.dept_name, m.year, m.entity, ts.number, &t.title));
    if let Some(note) = &ts.empty_note {
        // The 合计 row, above (the default) or below (上海) the rows.
        let total_row = t
            .rows
            .iter()
            .any(|r| r.kind == super::table::RowKind::Total);
        // A row of figures (a "三公" table) has no data when every figure
        // is zero: 四川 prints 公开表4-1 as a note then.
        let zero_row = matches!(ts.query, crate::template::Query::Row(_))
            && t.rows.iter().all(|r| {
                r.cells
                    .iter()
                    .all(|c| !matches!(c, super::table::Cell::Money(m) if !m.is_zero()))
            });
        let no_data = t.rows.len() <= usize::from(total_row) || zero_row;
        if no_data {
            t.empty_statement = Some(fill(note, &m.dept_name, m.year, m.entity, ts.number, ""));
            if !ts.empty_keeps_total {
                t.rows.clear();
                t.adjusted.clear();
            }
        }
    }
    if ts.split_code_extra() > 0 {
        split_code(t, 1 + ts.split_code_extra());
    }
    if let Some(h) = &ts.header {
        let width: usize = h.first().map_or(0, |r| r.iter().map(|c| c.cols).sum());
        if width == t.columns.len() {
            t.header = h
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| HeaderCell::new(c.text.clone()).cols(c.cols).rows(c.rows))
                        .collect()
                })
                .collect();
        }
    }
    // Column headers take the placeholders titles take (`{year}年预算数`):
    // the template author's `{year}` printed as written.
    for cell in t.header.iter_mut().flatten() {
        if cell.text.contains('{') {
            cell.text = fill(
                &cell.text,
                &m.dept_name,
                m.year,
                m.entity,
                ts.number,
                &t.title,
            );
        }
    }
}

/// Replaces the code column (0) by `parts` columns: 类 (3 digits), 款 (2),
/// 项 (2), as the 上海 tables print them.
fn split_code(t: &mut Table, parts: usize) {
    let extra = parts - 1;
    let narrow = Column {
        weight: 0.6,
        align: Align::Center,
    };
    t.columns.splice(0..1, std::iter::repeat_n(narrow, parts));
    for r in &mut t.rows {
        let code = match r.cells.first() {
            Some(Cell::Text(s)) => s.clone(),
            _ => String::new(),
        };
        let pieces: Vec<Cell> = [(0, 3), (3, 5), (5, 7)]
            .iter()
            .take(parts)
            .map(|&(a, b)| match code.get(a..b) {
                Some(p) if !p.is_empty() => Cell::text(p),
                _ => Cell::Empty,
            })
            .collect();
        if !r.cells.is_empty() {
            r.cells.splice(0..1, pieces);
        }
    }
    for (_, c) in &mut t.adjusted {
        if *c >= 1 {
            *c += extra;
        }
    }
}
