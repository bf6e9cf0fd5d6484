//! 附件3 and 表10 as sheets: the very forms the PDF prints
//! ([`crate::compose::forms`]), so no figure is derived twice. An amount
//! cell is written from the amount the composer put beside it, never read
//! back out of its printed text.

use super::{Formats, Value, XlsxError, print_setup, put};
use crate::compose::{FormGrid, FormPart, Parts, forms};
use crate::layout::{Block, HAlign};
use crate::model::Document;
use crate::money::Money;
use crate::template::Form;
use rust_xlsxwriter::{Workbook, Worksheet};

/// Total width of a form sheet in character units (portrait A4).
const FORM_WIDTH: f32 = 96.0;

/// Adds the forms the document's template prints, and only those: the
/// 部门整体 form, and one project form sheet per project (one sheet with the
/// statement when there are none); returns how many sheets. A template
/// without forms (上海 2025) gets no empty form sheets.
pub fn write(
    wb: &mut Workbook,
    doc: &Document,
    parts: &Parts,
    f: &Formats,
) -> Result<usize, XlsxError> {
    let spec = doc.meta.template.spec();
    let form = |k: Form| spec.form(k);
    let composed = forms(doc, parts);
    let mut sheets = 0;
    if let Some(ts) = form(Form::DeptPerformance) {
        write_parts(wb.add_worksheet(), &ts.short_name(), &composed.dept, f)?;
        sheets += 1;
    }
    let Some(ts) = form(Form::ProjectPerformance) else {
        return Ok(sheets);
    };
    let base = ts.short_name();
    // One sheet per page: the composer starts each project on a new page.
    let pages: Vec<&[FormPart]> = composed
        .projects
        .split(|p| matches!(p, FormPart::Block(Block::PageBreak)))
        .filter(|p| !p.is_empty())
        .collect();
    let title10 = pages
        .first()
        .and_then(|p| first_text(p))
        .unwrap_or_default();
    for (i, page) in pages.iter().enumerate() {
        let name = if pages.len() == 1 {
            base.clone()
        } else {
            // `表10（2）`: not `-2`, which would read as 四川's 公开表6-2.
            format!("{base}（{}）", i + 1)
        };
        let ws = wb.add_worksheet();
        if i == 0 {
            write_parts(ws, &name, page, f)?;
        } else {
            // Later pages repeat the table's title at their top, as the
            // sheet stands alone.
            let mut with_title = vec![FormPart::Block(Block::text(
                title10.clone(),
                crate::layout::TextStyle::body(),
            ))];
            with_title.extend(page.iter().cloned());
            write_parts(ws, &name, &with_title, f)?;
        }
        sheets += 1;
    }
    Ok(sheets)
}

fn first_text(parts: &[FormPart]) -> Option<String> {
    parts.iter().find_map(|p| match p {
        FormPart::Block(Block::Text { text, .. }) => Some(text.clone()),
        _ => None,
    })
}

fn write_parts(
    ws: &mut Worksheet,
    name: &str,
    parts: &[FormPart],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let ncols = parts
        .iter()
        .filter_map(|p| match p {
            FormPart::Grid(g) => Some(g.grid.widths.len()),
            FormPart::Block(_) => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let last = (ncols - 1) as u16;
    let mut row: u32 = 0;
    let mut first = true;
    for p in parts {
        match p {
            FormPart::Block(Block::Text { text, .. }) => {
                // Text before the first grid is the form's title.
                let fmt = if first { &f.title } else { &f.note };
                put(ws, (row, 0), (row, last), Value::Text(text), fmt)?;
                if first {
                    ws.set_row_height(row, 30)?;
                } else {
                    let lines = text.chars().count() / (FORM_WIDTH as usize) + 1;
                    ws.set_row_height(row, 14.0 * lines as f64)?;
                }
                row += 1;
            }
            FormPart::Grid(g) => {
                if first {
                    // Widths from the first grid.
                    set_widths(ws, g)?;
                }
                row = write_grid(ws, g, row, f)?;
                first = false;
            }
            FormPart::Block(_) => {}
        }
    }
    if let Some(FormPart::Grid(g)) = parts.iter().find(|p| matches!(p, FormPart::Grid(_))) {
        set_widths(ws, g)?;
    }
    print_setup(ws, false);
    Ok(())
}

fn set_widths(ws: &mut Worksheet, g: &FormGrid) -> Result<(), XlsxError> {
    let sum: f32 = g.grid.widths.iter().sum::<f32>().max(0.01);
    for (c, w) in g.grid.widths.iter().enumerate() {
        ws.set_column_width(c as u16, f64::from(w / sum * FORM_WIDTH).max(6.0))?;
    }
    Ok(())
}

/// Writes a grid from `row`; returns the row after it.
fn write_grid(ws: &mut Worksheet, g: &FormGrid, row: u32, f: &Formats) -> Result<u32, XlsxError> {
    // Bordered blanks under every position first, so that cells no
    // GridCell covers still print their borders.
    for r in 0..g.grid.rows {
        for c in 0..g.grid.widths.len() {
            ws.write_blank(row + r as u32, c as u16, &f.text)?;
        }
    }
    for (cell, amount) in g.cells() {
        let s = &cell.spec;
        let r0 = row + cell.row;
        let c0 = cell.col;
        let r1 = r0 + u32::from(s.rowspan.max(1)) - 1;
        let c1 = c0 + s.colspan.max(1) - 1;
        // The forms print a zero amount as a blank cell; the sheet leaves
        // it blank too, as on paper.
        let amount = amount
            .filter(|a| !a.value.is_zero())
            .map(|a| Money(a.value));
        let fmt = match (s.align, s.bold, amount.is_some()) {
            (_, _, true) => &f.money,
            (HAlign::Left, false, _) => &f.text_left,
            (HAlign::Left, true, _) => &f.text_left_bold,
            (_, true, _) => &f.text_bold,
            _ => &f.text,
        };
        let value = match amount {
            Some(m) => Value::Money(m),
            None => Value::Text(&s.text),
        };
        put(ws, (r0, c0), (r1, c1), value, fmt)?;
        let lines = s.text.lines().count().max(1);
        let chars = s.text.chars().count();
        if s.rowspan <= 1 && (lines > 1 || chars > 30) {
            let est = (lines + chars / (12 * s.columns())) as f64;
            ws.set_row_height(r0, (14.0 * est).min(400.0))?;
        }
    }
    Ok(row + g.grid.rows as u32)
}

#[cfg(test)]
mod tests {
    use super::write_parts;
    use crate::compose::{FormBuilder, FormCell, FormPart};
    use crate::layout::CellSpec;
    use crate::model::MoneyUnit;
    use crate::money::Amount;
    use rust_decimal::Decimal;
    use yusuan_sheets::sheet::SheetCell;

    /// The writer writes an amount cell's amount, never its printed text:
    /// texts that would not parse back as an amount (grouped, a negative in
    /// brackets) still reach the sheet as the exact number, and a
    /// right-aligned text that looks like a number stays text.
    #[test]
    fn amount_cells_are_written_from_their_amount_not_their_text() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        let cell = |text: &str, v: Option<&str>| FormCell {
            spec: CellSpec::new(text).right(),
            amount: v.map(|v| Amount::new(d(v), MoneyUnit::WanYuan)),
        };
        let mut b = FormBuilder::new(vec![1.0; 4]);
        b.row(vec![
            cell("1,234,567.89", Some("1234567.89")),
            cell("(12.34)", Some("-12.34")),
            cell("0.10", Some("0.1")),
            cell("2021", None),
        ]);
        let mut wb = rust_xlsxwriter::Workbook::new();
        let parts = [FormPart::Grid(b.build())];
        write_parts(wb.add_worksheet(), "附件3", &parts, &super::Formats::new()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.xlsx");
        std::fs::write(&path, wb.save_to_buffer().unwrap()).unwrap();
        let read = yusuan_sheets::sheet::read(&path).unwrap();
        let s = read.sheet("附件3").unwrap();
        assert_eq!(s.get(0, 0), &SheetCell::Number(d("1234567.89")));
        assert_eq!(s.get(0, 1), &SheetCell::Number(d("-12.34")));
        assert_eq!(s.get(0, 2), &SheetCell::Number(d("0.1")));
        assert_eq!(s.get(0, 3), &SheetCell::Text("2021".into()));
    }

    fn sheet_names(ron: &str) -> Vec<String> {
        let doc = crate::io::from_str(ron).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.xlsx");
        let parts =
            yusuan_core::narrative::parts(&doc, &yusuan_files::catalogs::nearest(doc.meta.year));
        crate::xlsx::export(&doc, &parts, &out).unwrap();
        let wb = yusuan_sheets::sheet::read(&out).unwrap();
        wb.sheets.into_iter().map(|s| s.name).collect()
    }

    /// Issue 21: the 上海 2025 template prints no forms, yet its workbook
    /// held an empty 附件3 sheet; 武汉 2022 numbers its forms 10 and 11.
    #[test]
    fn form_sheets_follow_the_template() {
        let sh = sheet_names(include_str!("../../../../examples/shanghai-2025.ron"));
        assert!(
            !sh.iter()
                .any(|n| n.starts_with("附件") || n.starts_with("表10")),
            "{sh:?}"
        );
        let wh22 = sheet_names(include_str!("../../../../examples/wuhan-2022.ron"));
        assert!(wh22.iter().any(|n| n == "表10"), "{wh22:?}");
        assert!(wh22.iter().any(|n| n.starts_with("表11")), "{wh22:?}");
        assert!(!wh22.iter().any(|n| n == "附件3"), "{wh22:?}");
        let wh21 = sheet_names(include_str!("../../../../examples/qingshan-2021.ron"));
        assert!(wh21.iter().any(|n| n == "附件3"), "{wh21:?}");
        assert!(wh21.iter().any(|n| n.starts_with("表10")), "{wh21:?}");
    }
}
