//! Writes the 明细 sheet ([`crate::detail_sheet`] states its contract): every entered figure as a flat list (部分, 科目编码, 名称,
//! 资金来源, 支出类型, 金额) that `import` reads back into the same document.
//! The labels are the published ones (`FundSource::label` …), so the sheet
//! is readable by people as well as by the importer. G1 states the unit of
//! the 金额 column (`单位：元`), see [`DETAIL_UNIT_CELL`].

use super::{Formats, Value, XlsxError, put};
use crate::detail_sheet::{DETAIL_HEADER, DETAIL_SHEET, DETAIL_UNIT_CELL, lines};
use crate::model::Document;
use rust_xlsxwriter::Worksheet;

/// Writes the 明细 sheet. The sheet may be in constant-memory mode, so
/// everything is written in row order (a row once left cannot be written).
pub fn write(ws: &mut Worksheet, doc: &Document, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(DETAIL_SHEET)?;
    for (c, w) in [18.0, 12.0, 36.0, 24.0, 20.0, 16.0, 14.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    for (c, h) in DETAIL_HEADER.iter().enumerate() {
        put(ws, (0, c as u16), (0, c as u16), Value::Text(h), &f.header)?;
    }
    let (ur, uc) = DETAIL_UNIT_CELL;
    ws.write_string_with_format(
        ur as u32,
        uc as u16,
        format!("单位：{}", doc.meta.unit.label()),
        &f.unit_left,
    )?;
    for (i, l) in lines(doc).iter().enumerate() {
        let r = i as u32 + 1;
        let texts = [l.part, l.code, l.name, l.source, l.kind];
        for (c, s) in texts.iter().enumerate() {
            let fmt = if c == 2 { &f.text_left } else { &f.text };
            put(ws, (r, c as u16), (r, c as u16), Value::Text(s), fmt)?;
        }
        put(ws, (r, 5), (r, 5), Value::Money(l.amount), &f.money)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    super::print_setup(ws, false);
    Ok(())
}
