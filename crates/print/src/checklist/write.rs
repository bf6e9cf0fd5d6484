//! Writing the checklist: a workbook with a 汇总 and a 审核发现 sheet, or
//! two CSV files (a CSV holds one sheet), each written atomically.

use super::{FileRow, Outcome};
use crate::location::Location;
use crate::rules::Severity;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// Columns of the 汇总 sheet.
pub(crate) const SUMMARY_HEADER: [&str; 10] = [
    "文件",
    "部门/单位",
    "年度",
    "模板",
    "错误",
    "警告",
    "提示",
    "是否合格",
    "未处理审阅意见",
    "说明",
];

/// Columns of the 审核发现 sheet.
pub(crate) const FINDINGS_HEADER: [&str; 5] = ["文件", "规则", "级别", "表/位置", "说明"];

/// Why the checklist could not be written; nothing was.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Neither `.xlsx` nor `.csv`.
    #[error("审核清单只能写成 .xlsx 或 .csv 文件，不能写成“{0}”")]
    Format(String),
    /// rust_xlsxwriter or csv refused something.
    #[error("无法生成审核清单：{0}")]
    Build(String),
    /// The file could not be written, or the guarded writer refused it
    /// (the message names the file and why).
    #[error(transparent)]
    Write(#[from] crate::io::WriteError),
}

/// Output kind by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OutputKind {
    Xlsx,
    Csv,
}

pub(super) fn format_of(out: &Path) -> Result<OutputKind, ReportError> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" => Ok(OutputKind::Xlsx),
        "csv" => Ok(OutputKind::Csv),
        _ => Err(ReportError::Format(out.display().to_string())),
    }
}

/// The two files a CSV checklist is written to: `OUT.csv` (汇总) and
/// `OUT-审核发现.csv`.
pub fn csv_paths(out: &Path) -> (PathBuf, PathBuf) {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (
        out.to_path_buf(),
        out.with_file_name(format!("{stem}-审核发现.csv")),
    )
}

/// `收支预算 第3行`.
fn place(loc: &Location) -> String {
    match loc.row {
        Some(r) => format!("{} 第{}行", loc.sheet.label(), r + 1),
        None => loc.sheet.label(),
    }
}

/// The 汇总 rows as text cells (numbers as digits).
fn summary_rows(rows: &[FileRow]) -> Vec<[String; 10]> {
    rows.iter()
        .map(|r| {
            let file = r.path.display().to_string();
            match &r.outcome {
                Outcome::Checked {
                    dept,
                    entity,
                    year,
                    template,
                    open_comments,
                    ..
                } => [
                    file,
                    format!("{dept}（{}）", entity.word()),
                    year.to_string(),
                    template.clone(),
                    r.count(Severity::Error).to_string(),
                    r.count(Severity::Warning).to_string(),
                    r.count(Severity::Info).to_string(),
                    r.verdict().into(),
                    open_comments.to_string(),
                    String::new(),
                ],
                Outcome::Unreadable(why) => [
                    file,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r.verdict().into(),
                    String::new(),
                    why.clone(),
                ],
            }
        })
        .collect()
}

/// The 审核发现 rows; an unreadable file is one row saying why.
fn finding_rows(rows: &[FileRow]) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    for r in rows {
        let file = r.path.display().to_string();
        match &r.outcome {
            Outcome::Checked { findings, .. } => {
                for f in findings {
                    out.push([
                        file.clone(),
                        f.rule.to_string(),
                        f.severity().label().to_string(),
                        place(&f.location),
                        f.message.clone(),
                    ]);
                }
            }
            Outcome::Unreadable(why) => out.push([
                file,
                String::new(),
                r.verdict().into(),
                String::new(),
                why.clone(),
            ]),
        }
    }
    out
}

/// Writes the checklist to `out` (`.xlsx`, or `.csv` as two files);
/// returns the files written.
pub fn write_report(rows: &[FileRow], out: &Path) -> Result<Vec<PathBuf>, ReportError> {
    match format_of(out)? {
        OutputKind::Xlsx => {
            let bytes = workbook(rows).map_err(|e| ReportError::Build(e.to_string()))?;
            write_file(out, &bytes)?;
            Ok(vec![out.to_path_buf()])
        }
        OutputKind::Csv => {
            let (summary, findings) = csv_paths(out);
            // Both built before either is written: a failure leaves neither.
            let a = csv_bytes(&SUMMARY_HEADER, summary_rows(rows))?;
            let b = csv_bytes(&FINDINGS_HEADER, finding_rows(rows))?;
            // Both checked, then both written: one refused writes neither.
            crate::io::write::write_all(&[
                (crate::io::Target::output(&summary, &[]), a.as_slice()),
                (crate::io::Target::output(&findings, &[]), b.as_slice()),
            ])?;
            Ok(vec![summary, findings])
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    Ok(crate::io::write::write(
        &crate::io::Target::output(path, &[]),
        bytes,
    )?)
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first: a file name or a 部门名称 is user text)
/// gets a leading `'`, so it shows as text; plain numbers stay numbers.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && rust_decimal::Decimal::from_str_exact(cell).is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// UTF-8 with a byte-order mark: Excel on a Chinese Windows reads a CSV
/// without one as GBK and garbles every name.
fn csv_bytes<const N: usize>(
    header: &[&str; N],
    rows: Vec<[String; N]>,
) -> Result<Vec<u8>, ReportError> {
    let build = |e: csv::Error| ReportError::Build(e.to_string());
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(header).map_err(build)?;
    for r in rows {
        let cells: Vec<_> = r.iter().map(|c| neutralised(c)).collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(build)?;
    }
    w.into_inner()
        .map_err(|e| ReportError::Build(e.to_string()))
}

/// Columns of the 汇总 sheet written as numbers (年度, counts).
const NUMERIC: [usize; 5] = [2, 4, 5, 6, 8];

fn workbook(rows: &[FileRow]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let failed = Format::new()
        .set_bold()
        .set_font_color(rust_xlsxwriter::Color::RGB(0xC62828));
    let summary = summary_rows(rows);
    add_sheet(
        &mut wb,
        "汇总",
        &SUMMARY_HEADER,
        &summary,
        |ws, row, c, v| {
            let col = c as u16;
            // Year and counts: whole numbers, written as numbers.
            match v.parse::<u32>() {
                Ok(n) if NUMERIC.contains(&c) => ws.write_number(row, col, n).map(drop),
                _ if c == 7 && v != "合格" => {
                    ws.write_string_with_format(row, col, v, &failed).map(drop)
                }
                _ => ws.write_string(row, col, v).map(drop),
            }
        },
    )?;
    let findings = finding_rows(rows);
    add_sheet(
        &mut wb,
        "审核发现",
        &FINDINGS_HEADER,
        &findings,
        |ws, row, c, v| ws.write_string(row, c as u16, v).map(drop),
    )?;
    wb.save_to_buffer()
}

/// A sheet with a bold, frozen, filterable header row; `cell` writes each
/// body cell (row, column, text).
fn add_sheet<const N: usize>(
    wb: &mut Workbook,
    name: &str,
    header: &[&str; N],
    rows: &[[String; N]],
    mut cell: impl FnMut(&mut Worksheet, u32, usize, &str) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            cell(ws, i as u32 + 1, c, v)?;
        }
    }
    widths(ws, header, rows)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, N as u16 - 1)?;
    Ok(())
}

/// Column widths from the longest text, capped so a long message wraps
/// in the viewer instead of making the sheet unusable.
fn widths<const N: usize>(
    ws: &mut Worksheet,
    header: &[&str; N],
    rows: &[[String; N]],
) -> Result<(), XlsxError> {
    for c in 0..N {
        let w = rows
            .iter()
            .map(|r| crate::xlsx::text_width(&r[c]))
            .chain(std::iter::once(crate::xlsx::text_width(header[c])))
            .max()
            .unwrap_or(8)
            .clamp(6, 80);
        ws.set_column_width(c as u16, w as f64 + 2.0)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised_and_numbers_kept() {
        let bytes = csv_bytes(
            &["a", "b", "c", "d"],
            vec![[
                "=HYPERLINK(\"http://x\")".into(),
                "@SUM(A1)".into(),
                "-12.5".into(),
                "+86 027".into(),
            ]],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\"'=HYPERLINK"), "{text}");
        assert!(text.contains("'@SUM(A1)"), "{text}");
        assert!(text.contains(",-12.5,"), "{text}");
        assert!(text.contains("'+86 027"), "{text}");
    }
}
