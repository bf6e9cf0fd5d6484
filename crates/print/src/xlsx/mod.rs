//! The published tables as a formatted Excel workbook (`.xlsx`): one sheet
//! per table as printed (表1–表8, 附件3, one per 表10 project) and a 明细
//! sheet listing every entered figure, which `import` reads back exactly.
//!
//! Tables come from the same place as the PDF's, the derived
//! [`Parts`] (nothing is derived here again): the template's tables with each table's own caption and unit line,
//! and [`crate::compose::forms`] for 附件3/表10. Both are typed: an amount
//! cell is written from its `Money`, never parsed back out of printed text.
//! Nothing is converted or rounded here.
//!
//! Amounts reach rust_xlsxwriter as `f64`, the only number type it writes.
//! That is exact enough: an amount has at most 13 integer digits and (in
//! 万元) 2 decimals, 15 significant digits, and every decimal of up to 15
//! significant digits survives the trip to the nearest `f64` and back through
//! its shortest round-trip text (what [`crate::sheet`] reads). The stored
//! document stays exact; only the cell in the workbook is a float.

mod detail;
mod forms;
mod table;

pub use crate::detail_sheet::{
    DETAIL_HEADER, DETAIL_SHEET, DETAIL_UNIT_CELL, PART_BUDGET, PART_ECONOMIC, PART_THREE_PUBLIC,
    THREE_PUBLIC_ITEMS, bucket_of,
};

use crate::compose::Parts;
use crate::model::Document;
use crate::money::Money;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::path::Path;

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XlsxReport {
    /// Sheets written.
    pub sheets: usize,
    /// Size of the file.
    pub bytes: u64,
}

/// Why the workbook could not be written; the target is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// rust_xlsxwriter refused something (a limit of the format).
    #[error("无法生成 Excel 工作簿：{0}")]
    Build(String),
    /// A text longer than a cell holds, named.
    #[error(
        "{0}：超过 Excel 单元格可容纳的 32,767 个字，无法导出为 Excel（PDF 不受此限）；请缩短后再导出"
    )]
    TooLong(String),
    /// The file could not be written, or the guarded writer refused it
    /// (the message names the file and why).
    #[error(transparent)]
    Write(#[from] crate::io::WriteError),
}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError::Build(e.to_string())
    }
}

/// The cell formats every sheet shares.
pub(crate) struct Formats {
    pub title: Format,
    pub unit_left: Format,
    pub unit_right: Format,
    pub header: Format,
    pub text: Format,
    pub text_left: Format,
    pub text_bold: Format,
    pub text_left_bold: Format,
    pub money: Format,
    pub money_bold: Format,
    pub note: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10.5);
        let text = cell.clone().set_align(FormatAlign::Center);
        let text_left = cell.clone().set_align(FormatAlign::Left);
        let money = cell
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0.00");
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            unit_left: Format::new().set_font_size(10.5),
            unit_right: Format::new()
                .set_font_size(10.5)
                .set_align(FormatAlign::Right),
            header: text.clone().set_bold(),
            text_bold: text.clone().set_bold(),
            text_left_bold: text_left.clone().set_bold(),
            money_bold: money.clone().set_bold(),
            text,
            text_left,
            money,
            note: Format::new().set_font_size(9).set_text_wrap(),
        }
    }
}

/// A value placed in a cell or merged area.
pub(crate) enum Value<'a> {
    /// Text (codes too: they stay text).
    Text(&'a str),
    /// An amount, written as a number.
    Money(Money),
}

/// The amount as the `f64` rust_xlsxwriter writes (see the module note on
/// why this is exact for every amount a document may hold).
pub(crate) fn to_f64(m: Money) -> f64 {
    // Through the decimal text: Rust's float parsing rounds correctly to the
    // nearest f64, which Decimal's own to_f64 (a division) does not promise.
    m.value().to_string().parse().unwrap_or(0.0)
}

/// Writes `value` over rows `r0..=r1`, columns `c0..=c1`, merged when more
/// than one cell, bordered throughout.
pub(crate) fn put(
    ws: &mut Worksheet,
    (r0, c0): (u32, u16),
    (r1, c1): (u32, u16),
    value: Value,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if (r0, c0) != (r1, c1) {
        let text = match value {
            Value::Text(s) => s,
            Value::Money(_) => "",
        };
        ws.merge_range(r0, c0, r1, c1, text, fmt)?;
        if let Value::Money(m) = value {
            ws.write_number_with_format(r0, c0, to_f64(m), fmt)?;
        }
        return Ok(());
    }
    match value {
        Value::Text("") => {
            ws.write_blank(r0, c0, fmt)?;
        }
        Value::Text(s) => {
            ws.write_string_with_format(r0, c0, s, fmt)?;
        }
        Value::Money(m) => {
            ws.write_number_with_format(r0, c0, to_f64(m), fmt)?;
        }
    }
    Ok(())
}

/// A4 (paper size 9), fit to one page wide, landscape when asked.
pub(crate) fn print_setup(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
}

/// Display width in spreadsheet character units: a CJK character is two.
pub(crate) fn text_width(s: &str) -> usize {
    s.lines()
        .map(|l| {
            l.chars()
                .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

/// The workbook as bytes, and how many sheets: 表1–表8, 附件3, 表10 (one
/// sheet per project), 明细.
pub fn workbook_bytes(doc: &Document, parts: &Parts) -> Result<(Vec<u8>, usize), XlsxError> {
    build(doc, parts).map_err(|e| match e {
        // The writer does not say which cell: name the fields that cannot fit.
        XlsxError::Build(_) if !too_long(doc).is_empty() => XlsxError::TooLong(too_long(doc)),
        other => other,
    })
}

/// `“项目 X 项目概述”（40000 字）、…` for every text over a cell's limit.
fn too_long(doc: &Document) -> String {
    crate::diff::texts_longer_than(doc, 32_767)
        .iter()
        .map(|(place, n)| format!("“{place}”（{n} 字）"))
        .collect::<Vec<_>>()
        .join("、")
}

fn build(doc: &Document, parts: &Parts) -> Result<(Vec<u8>, usize), XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    // Stamped like the PDF (`SOURCE_DATE_EPOCH` when set), so that the same
    // document exports to the same bytes.
    let created = ExcelDateTime::from_timestamp(crate::stamp::export_time())?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // Tables of a long document run to one row per budget line: streamed
    // row by row like the 明细 sheet, so the workbook never holds them.
    let spec = doc.meta.template.spec();
    for t in &parts.tables {
        let ws = wb.add_worksheet_with_constant_memory()?;
        // Named as the PDF numbers it (四川's 公开表2-1); the import finds
        // tables by their headers, not by sheet names.
        ws.set_name(spec.table_name(t.number))?;
        table::write(
            ws,
            t,
            &t.caption,
            &spec.dept_line(&doc.meta, t.number),
            &t.unit_line(),
            &f,
        )?;
    }
    let forms = forms::write(&mut wb, doc, parts, &f)?;
    // The 明细 sheet grows with the document: streamed row by row.
    detail::write(wb.add_worksheet_with_constant_memory()?, doc, &f)?;
    Ok((wb.save_to_buffer()?, parts.tables.len() + forms + 1))
}

/// Writes the workbook to `out` atomically (complete or not at all).
pub fn export(doc: &Document, parts: &Parts, out: &Path) -> Result<XlsxReport, XlsxError> {
    let (bytes, sheets) = workbook_bytes(doc, parts)?;
    crate::io::write::write(&crate::io::Target::output(out, &[]), &bytes)?;
    Ok(XlsxReport {
        sheets,
        bytes: bytes.len() as u64,
    })
}

/// True when an export to `output` is a workbook: `--format xlsx`, or no
/// format and an `.xlsx` extension.
pub fn wants_xlsx(format: Option<&str>, output: &Path) -> bool {
    match format {
        Some(f) => f == "xlsx",
        None => output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx")),
    }
}
