//! Prints the median time to plan the import of a 20,000-row 支出 table as
//! an 一体化 platform exports it: title, 单位：元, 功能分类科目编码 over
//! 类 | 款 | 项 in two header rows, the 类 and 款 cells merged down over their
//! groups, a 合计 row. Run: `cargo bench --bench import_time`.

use rust_xlsxwriter::{Format, Workbook};
use std::time::Instant;

/// 40 类 × 25 款 × 19 项 plus their subtotal rows: 20,040 rows.
fn write(path: &std::path::Path) -> Result<usize, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 6, "2025年部门支出预算总表", &f)?;
    ws.write_string(1, 6, "单位：元")?;
    ws.merge_range(2, 0, 2, 2, "功能分类科目编码", &f)?;
    for (c, h) in ["类", "款", "项"].iter().enumerate() {
        ws.write_string(3, c as u16, *h)?;
    }
    ws.merge_range(2, 3, 3, 3, "功能分类科目名称", &f)?;
    ws.merge_range(2, 4, 3, 4, "合计", &f)?;
    ws.merge_range(2, 5, 3, 5, "基本支出", &f)?;
    ws.merge_range(2, 6, 3, 6, "项目支出", &f)?;
    ws.write_string(4, 0, "合计")?;
    let mut r = 5u32;
    for c in 0..40u32 {
        let class_row = r;
        let class = 201 + c;
        ws.write_string(r, 3, format!("类{class}"))?;
        r += 1;
        for s in 1..=25u32 {
            let section_row = r;
            ws.write_string(r, 3, format!("款{class}{s:02}"))?;
            r += 1;
            for i in 1..=19u32 {
                ws.write_string(r, 2, format!("{i:02}"))?;
                ws.write_string(r, 3, format!("项{class}{s:02}{i:02}"))?;
                ws.write_number(r, 5, f64::from(1000 + i))?;
                ws.write_number(r, 6, f64::from(i))?;
                r += 1;
            }
            ws.merge_range(section_row, 1, r - 1, 1, "", &f)?;
            ws.write_string(section_row, 1, format!("{s:02}"))?;
        }
        ws.merge_range(class_row, 0, r - 1, 0, "", &f)?;
        ws.write_string(class_row, 0, class.to_string())?;
    }
    wb.save(path)?;
    Ok((r - 5) as usize)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("yitihua.xlsx");
    let rows = write(&path)?;
    let doc = yusuan::io::from_str(include_str!("../examples/qingshan-2021.ron"))?;
    let mut times = Vec::new();
    let mut imported = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let plan = yusuan::import::plan_file(&path, &doc, &yusuan::import::Options::default())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        imported = plan.sheets.iter().map(|p| p.rows.len()).sum();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{rows} 行（导入 {imported} 个项），读取并生成预览中位数 {:.0} ms（5 次）",
        times[2]
    );
    Ok(())
}
