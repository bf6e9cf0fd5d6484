//! One derived table (表1–表8) as a sheet laid out as printed: title, the
//! 部门名称/单位 line, the merged multi-level header, bordered body with
//! amounts as numbers, frozen and print-repeated header rows.

use super::{Formats, Value, XlsxError, print_setup, put, text_width};
use crate::derive::table::{
    Align, COLUMN_NUMBER_LABEL, Cell, ColumnNumber, HeaderCell, RowKind, Table,
};
use crate::layout::table::LANDSCAPE_COLUMNS;
use crate::template::Orientation;
use rust_xlsxwriter::Worksheet;

/// Rows above the header: title, unit line.
const TOP: u32 = 2;

/// The header cells placed over `n` printed columns: (row, column,
/// rowspan, colspan, text), walking the rows the way HTML tables are
/// written (a cell takes the next column not covered by a cell spanning
/// down from above).
pub(crate) fn placed_header(
    header: &[Vec<HeaderCell>],
    n: usize,
) -> Vec<(usize, usize, usize, usize, &str)> {
    let mut taken = vec![0usize; n];
    let mut out = Vec::new();
    for (r, row) in header.iter().enumerate() {
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

/// Writes `t` into `ws` with its printed `title`, `dept` line and `unit`:
/// the 序号 column and 栏次 row the template asks for too, their numbers
/// as numbers; landscape pages where the PDF prints the table landscape.
pub fn write(
    ws: &mut Worksheet,
    t: &Table,
    title: &str,
    dept: &str,
    unit: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = t.printed_columns();
    let lead = t.lead_columns();
    let n = columns.len().max(1);
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
    let header = t.printed_header();
    let widths = column_widths(t, &header, n);
    for (c, w) in widths.iter().enumerate() {
        let least = if c < lead { 4 } else { 8 };
        ws.set_column_width(c as u16, (*w).clamp(least, 40) as f64 + 1.0)?;
    }
    for (r, c, rs, cs, text) in placed_header(&header, n) {
        let (r0, c0) = (TOP + r as u32, c as u16);
        let (r1, c1) = (r0 + rs as u32 - 1, c0 + cs as u16 - 1);
        put(ws, (r0, c0), (r1, c1), Value::Text(text), &f.header)?;
    }
    let mut body = TOP + header.len() as u32;
    let numbers = t.column_number_row();
    if !numbers.is_empty() {
        let mut c = 0u16;
        for cell in numbers {
            match cell {
                ColumnNumber::Label { colspan } => {
                    let end = c + colspan as u16 - 1;
                    put(
                        ws,
                        (body, c),
                        (body, end),
                        Value::Text(COLUMN_NUMBER_LABEL),
                        &f.header,
                    )?;
                    c = end + 1;
                }
                ColumnNumber::Blank => {
                    put(ws, (body, c), (body, c), Value::Text(""), &f.text)?;
                    c += 1;
                }
                ColumnNumber::Number(k) => {
                    ws.write_number_with_format(body, c, f64::from(k), &f.text)?;
                    c += 1;
                }
            }
        }
        body += 1;
    }
    if let (true, Some(s)) = (t.rows.is_empty(), &t.empty_statement) {
        put(ws, (body, 0), (body, last), Value::Text(s), &f.text)?;
    }
    for ((i, row), serial) in t.rows.iter().enumerate().zip(t.numbered_rows()) {
        let r = body + i as u32;
        let bold = matches!(row.kind, RowKind::Class | RowKind::Total);
        let centred = if bold { &f.text_bold } else { &f.text };
        if lead > 0 {
            match serial {
                Some(k) => ws.write_number_with_format(r, 0, f64::from(k), centred)?,
                None => ws.write_blank(r, 0, centred)?,
            };
        }
        for c in 0..n - lead {
            let align = t.columns.get(c).map_or(Align::Center, |c| c.align);
            let fmt = match (align, bold) {
                (Align::Left, false) => &f.text_left,
                (Align::Left, true) => &f.text_left_bold,
                (_, false) => &f.text,
                (_, true) => &f.text_bold,
            };
            let at = (r, (c + lead) as u16);
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
    // As the PDF prints it: the template's orientation, else by width.
    let landscape = match t.orientation {
        Some(o) => o == Orientation::Landscape,
        None => n >= LANDSCAPE_COLUMNS,
    };
    print_setup(ws, landscape);
    Ok(())
}

/// Each column's width in character units: the widest of its one-column
/// header cells (at most 16) and its body cells, at least 6 (a 序号
/// column at least 4).
fn column_widths(t: &Table, header: &[Vec<HeaderCell>], n: usize) -> Vec<usize> {
    let lead = t.lead_columns();
    // A 序号 column is as narrow as its header and numbers.
    let mut widths: Vec<usize> = (0..n).map(|c| if c < lead { 4 } else { 6 }).collect();
    for (_, c, _, cs, text) in placed_header(header, n) {
        if cs == 1 && c < widths.len() {
            widths[c] = widths[c].max(text_width(text).min(16));
        }
    }
    for row in &t.rows {
        for (cell, width) in row.cells.iter().zip(widths.iter_mut().skip(lead)) {
            match cell {
                Cell::Text(s) => *width = (*width).max(text_width(s)),
                Cell::Money(m) => *width = (*width).max(t.money_text(*m, true).len() + 2),
                Cell::Empty => {}
            }
        }
    }
    widths
}
