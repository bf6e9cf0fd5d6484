//! One derived table (表1–表8) as a sheet laid out as printed: title, the
//! 部门名称/单位 line, the merged multi-level header, bordered body with
//! amounts as numbers, frozen and print-repeated header rows.

use super::{Formats, Value, XlsxError, print_setup, put, text_width};
use crate::derive::table::{Align, Cell, RowKind, Table};
use crate::layout::table::LANDSCAPE_COLUMNS;
use rust_xlsxwriter::Worksheet;

/// Rows above the header: title, unit line.
const TOP: u32 = 2;

/// The header cells placed: (row, column, rowspan, colspan, text), walking
/// the rows the way HTML tables are written (a cell takes the next column
/// not covered by a cell spanning down from above).
pub(crate) fn placed_header(t: &Table) -> Vec<(usize, usize, usize, usize, &str)> {
    let n = t.columns.len();
    let mut taken = vec![0usize; n];
    let mut out = Vec::new();
    for (r, row) in t.header.iter().enumerate() {
        let mut col = 0;
        for h in row {
            while col < n && taken[col] > r {
                col += 1;
            }
            if col >= n {
                break;
            }
            let cs = h.colspan.max(1).min(n - col);
            let rs = h.rowspan.max(1);
            for k in taken.iter_mut().skip(col).take(cs) {
                *k = r + rs;
            }
            out.push((r, col, rs, cs, h.text.as_str()));
            col += cs;
        }
    }
    out
}

/// Writes `t` into `ws` with its printed `title`, `dept` line and `unit`.
pub fn write(
    ws: &mut Worksheet,
    t: &Table,
    title: &str,
    dept: &str,
    unit: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = t.columns.len().max(1);
    let last = (n - 1) as u16;
    // The number format the template prints this table in: `0.00` for
    // 万元, `#,##0` for whole 元 with separators (上海).
    let num = format!(
        "{}{}",
        if t.grouping { "#,##0" } else { "0" },
        if t.decimals > 0 {
            format!(".{}", "0".repeat(t.decimals as usize))
        } else {
            String::new()
        }
    );
    let money = f.money.clone().set_num_format(&num);
    let money_bold = f.money_bold.clone().set_num_format(&num);
    ws.set_row_height(0, 30)?;
    put(ws, (0, 0), (0, last), Value::Text(title), &f.title)?;
    ws.write_string_with_format(1, 0, dept, &f.unit_left)?;
    ws.write_string_with_format(1, last, unit, &f.unit_right)?;

    // The sheet is written in row order (it may be in constant-memory
    // mode, where a row once left cannot be written): the column widths,
    // which depend on every row, come first.
    let widths = column_widths(t);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(8, 40) as f64 + 1.0)?;
    }
    let head_rows = t.header.len() as u32;
    for (r, c, rs, cs, text) in placed_header(t) {
        let (r0, c0) = (TOP + r as u32, c as u16);
        let (r1, c1) = (r0 + rs as u32 - 1, c0 + cs as u16 - 1);
        put(ws, (r0, c0), (r1, c1), Value::Text(text), &f.header)?;
    }
    let body = TOP + head_rows;
    if let (true, Some(s)) = (t.rows.is_empty(), &t.empty_statement) {
        put(ws, (body, 0), (body, last), Value::Text(s), &f.text)?;
    }
    for (i, row) in t.rows.iter().enumerate() {
        let r = body + i as u32;
        let bold = matches!(row.kind, RowKind::Class | RowKind::Total);
        for c in 0..n {
            let align = t.columns.get(c).map_or(Align::Center, |c| c.align);
            let fmt = match (align, bold) {
                (Align::Left, false) => &f.text_left,
                (Align::Left, true) => &f.text_left_bold,
                (_, false) => &f.text,
                (_, true) => &f.text_bold,
            };
            let at = (r, c as u16);
            match row.cells.get(c).unwrap_or(&Cell::Empty) {
                Cell::Text(s) => put(ws, at, at, Value::Text(s), fmt)?,
                Cell::Money(m) => {
                    let fmt = if bold { &money_bold } else { &money };
                    put(ws, at, at, Value::Money(*m), fmt)?;
                }
                Cell::Empty => put(ws, at, at, Value::Text(""), fmt)?,
            }
        }
    }
    if let Some(note) = &t.note {
        let r = body + t.rows.len().max(1) as u32 + 1;
        put(ws, (r, 0), (r, last), Value::Text(note), &f.text_left)?;
    }
    ws.set_freeze_panes(body, 0)?;
    ws.set_repeat_rows(0, body.saturating_sub(1))?;
    print_setup(ws, n >= LANDSCAPE_COLUMNS);
    Ok(())
}

/// Each column's width in character units: the widest of its one-column
/// header cells (at most 16) and its body cells, at least 6.
fn column_widths(t: &Table) -> Vec<usize> {
    let mut widths = vec![6usize; t.columns.len().max(1)];
    for (_, c, _, cs, text) in placed_header(t) {
        if cs == 1 {
            widths[c] = widths[c].max(text_width(text).min(16));
        }
    }
    for row in &t.rows {
        for (cell, width) in row.cells.iter().zip(widths.iter_mut()) {
            match cell {
                Cell::Text(s) => *width = (*width).max(text_width(s)),
                Cell::Money(m) => *width = (*width).max(t.money_text(*m, true).len() + 2),
                Cell::Empty => {}
            }
        }
    }
    widths
}
