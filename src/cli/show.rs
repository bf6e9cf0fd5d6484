//! `yusuan show FILE --table N | --list`: a derived table as aligned text.

use super::{catalog_for, fail, load, say_raw};
use crate::derive::table::{Cell, Table};
use crate::model::Document;
use std::path::Path;

/// `yusuan show`.
pub(super) fn run(file: &Path, table: Option<u8>, list: bool) -> i32 {
    let doc = match load(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let tables = crate::derive::published_tables(&doc, &catalog_for(&doc));
    if list {
        say_raw!("{}", list_tables(&doc, &tables));
        return 0;
    }
    match table.and_then(|n| tables.iter().find(|t| t.number == n)) {
        Some(t) => {
            say_raw!("{}", render_table(t));
            0
        }
        None => fail(format!(
            "本文件的模板（{}）没有数据表 {}，请用 --list 查看",
            doc.meta.template.label(),
            table.map(|n| n.to_string()).unwrap_or_default()
        )),
    }
}

fn cell_text(t: &Table, c: &Cell) -> String {
    match c {
        // Names are user text: nothing in them may reorder the terminal line.
        Cell::Text(s) => crate::text::visible(s).replace('\n', " "),
        Cell::Money(m) => t.money_text(*m, false),
        Cell::Empty => String::new(),
    }
}

/// Display width: CJK characters take two columns in a terminal.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// A table as aligned text (the header rows joined per column), its
/// caption and unit line first and its empty-table note last.
pub fn render_table(t: &Table) -> String {
    let mut out = format!("{}\n{}\n", crate::text::visible(&t.caption), t.unit_line());
    let head = t.column_titles();
    let rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(|c| cell_text(t, c)).collect()),
        )
        .collect();
    let widths: Vec<usize> = (0..t.columns.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let pad = " ".repeat(widths[i].saturating_sub(width(s)));
                if matches!(t.columns[i].align, crate::derive::table::Align::Right) {
                    pad + s
                } else {
                    s.clone() + &pad
                }
            })
            .collect();
        out += line.join("  ").trim_end();
        out.push('\n');
    }
    if let Some(s) = &t.empty_statement {
        out += s;
        out.push('\n');
    }
    out
}

/// `表1  财政拨款收支预算总表  （万元）`, one line per published table and
/// form of the document's template.
pub fn list_tables(doc: &Document, tables: &[Table]) -> String {
    let m = &doc.meta;
    let spec = m.template.spec();
    let mut out = format!("模板：{}（{}）\n", spec.name, m.template.id());
    for ts in &spec.tables {
        let title = crate::template::fill(&ts.title, &m.dept_name, m.year, m.entity, ts.number, "");
        let unit = tables
            .iter()
            .find(|t| t.number == ts.number)
            .map(|t| format!("（{}）", t.unit.label()))
            .unwrap_or_else(|| "（表单）".into());
        out += &format!("表{}  {}  {}\n", ts.number, title, unit);
    }
    out
}
