//! Prints the median time to import a 5,000-row official catalog (xlsx, one
//! code column, codes stored as numbers) and the same list in the 类 | 款 |
//! 项 layout. Run: `cargo bench --bench catalog_import_time`.

use rust_xlsxwriter::Workbook;
use std::time::Instant;

/// 5,000 codes: 50 类 × 9 款 × 10 项 plus their parents, named in order.
fn rows() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in 0..50 {
        let class = format!("{}", 201 + c);
        out.push((class.clone(), format!("类{c}")));
        for s in 1..=9 {
            let section = format!("{class}{s:02}");
            out.push((section.clone(), format!("款{c}-{s}")));
            for i in 1..=10 {
                out.push((format!("{section}{i:02}"), format!("项{c}-{s}-{i}")));
            }
        }
    }
    out.truncate(5000);
    out
}

fn write(path: &std::path::Path, split: bool) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "政府收支分类科目")?;
    if split {
        for (c, h) in ["类", "款", "项", "科目名称"].iter().enumerate() {
            ws.write_string(1, c as u16, *h)?;
        }
    } else {
        ws.write_string(1, 0, "科目编码")?;
        ws.write_string(1, 1, "科目名称")?;
    }
    for (i, (code, name)) in rows().iter().enumerate() {
        let r = i as u32 + 2;
        if split {
            let col = match code.len() {
                3 => 0,
                5 => 1,
                _ => 2,
            };
            ws.write_string(
                r,
                col,
                &code[code.len().saturating_sub(if col == 0 { 3 } else { 2 })..],
            )?;
            ws.write_string(r, 3, name)?;
        } else {
            ws.write_number(r, 0, code.parse::<f64>().unwrap_or_default())?;
            ws.write_string(r, 1, name)?;
        }
    }
    wb.save(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    for (label, split) in [("编码 | 名称", false), ("类 | 款 | 项 | 名称", true)] {
        let path = dir
            .path()
            .join(if split { "split.xlsx" } else { "single.xlsx" });
        write(&path, split)?;
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..9 {
            let start = Instant::now();
            let r = yusuan::catalog_import::import(&path, 2027, "bench")?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            n = r
                .catalog
                .rows(yusuan::catalog::Classification::Function)
                .len();
        }
        times.sort_by(f64::total_cmp);
        println!("{label}: {n} 行，导入中位数 {:.1} ms（9 次）", times[4]);
    }
    Ok(())
}
