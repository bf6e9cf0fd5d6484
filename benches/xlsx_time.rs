//! Prints the median of several runs of: the example's Excel export (to a
//! file), and reading + planning the import of a generated 2,000-row sheet
//! (功能科目 × 基本/项目, amounts in 元). Run:
//! `cargo bench --bench xlsx_time`.

#[path = "support/timing.rs"]
mod timing;

use rust_xlsxwriter::Workbook;
use std::path::Path;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example");
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let out = dir.path().join("q.xlsx");
    let export = timing::median_ms(21, || {
        yusuan::xlsx::export(&doc, &yusuan::narrative::parts(&doc, &catalog), &out)
            .expect("export");
    });
    println!("export of the example to .xlsx: {export:.2} ms (median of 21)");

    // 2,000 项 rows: 20 类 × 10 款 × 10 项, after a title block.
    let big = dir.path().join("big.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("1.2部门支出预算总表").expect("name");
    ws.write_string(0, 0, "部门支出预算总表").expect("w");
    ws.write_string(1, 4, "单位：元").expect("w");
    for (c, h) in ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("w");
    }
    let mut r = 3;
    for a in 0..20 {
        for b in 0..10 {
            for c in 0..10 {
                let code = format!("{}{:02}{:02}", 201 + a, b + 1, c + 1);
                let basic = f64::from(r * 137 % 100_000) + 0.5;
                let project = f64::from(r * 71 % 50_000);
                ws.write_string(r, 0, code).expect("w");
                ws.write_string(r, 1, "某项支出").expect("w");
                ws.write_number(r, 2, basic + project).expect("w");
                ws.write_number(r, 3, basic).expect("w");
                ws.write_number(r, 4, project).expect("w");
                r += 1;
            }
        }
    }
    wb.save(&big).expect("save");
    let mut rows = 0;
    let import = timing::median_ms(7, || {
        let plan = yusuan::import::plan_file(&big, &doc, &Default::default()).expect("plan");
        rows = plan.sheets[0].rows.len();
    });
    println!(
        "import of a {rows}-row sheet (read + recognise + plan): {import:.2} ms (median of 7)"
    );
}
