//! Excel in and out: the exported workbook read back with calamine (through
//! `yusuan::sheet`) against the derived tables; export → import round trip;
//! table-shaped sheets from other systems recognised by their header text;
//! bad input refused with the sheet and cell named, document untouched.

use rust_xlsxwriter::{Format, Workbook as XWorkbook};
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::compose::FormPart;
use yusuan::derive::{self, table::Cell};
use yusuan::import::{self, ImportError, Options, Target};
use yusuan::model::{Document, FundSource, MoneyUnit, SpendingKind};
use yusuan::money::Money;
use yusuan::sheet::{self, SheetCell};

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example loads")
}

fn m(s: &str) -> Money {
    s.parse().expect("amount")
}

fn export_example(dir: &Path) -> PathBuf {
    let doc = example();
    let out = dir.join("q.xlsx");
    yusuan::xlsx::export(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year)),
        &out,
    )
    .expect("export");
    out
}

#[test]
fn exported_tables_read_back_equal_the_derived_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = example();
    let wb = sheet::read(&export_example(dir.path())).expect("read back");
    let d = derive::derive(&doc, &yusuan::catalogs::nearest(doc.meta.year));
    assert_eq!(d.tables.len(), 8);
    for t in &d.tables {
        let s = wb
            .sheet(&format!("表{}", t.number))
            .expect("sheet per table");
        assert_eq!(
            sheet::text(s.get(0, 0)),
            t.caption,
            "title of 表{}",
            t.number
        );
        assert_eq!(sheet::text(s.get(1, 0)), "部门名称：青山区大数据中心");
        let body = 2 + t.header.len();
        for (i, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let got = s.get(body + i, c);
                let ok = match (cell, got) {
                    (Cell::Text(a), SheetCell::Text(b)) => a == b,
                    (Cell::Text(a), SheetCell::Empty) => a.is_empty(),
                    (Cell::Money(a), SheetCell::Number(b)) => a.value() == *b,
                    (Cell::Empty, SheetCell::Empty) => true,
                    _ => false,
                };
                assert!(
                    ok,
                    "表{} {}: {cell:?} vs {got:?}",
                    t.number,
                    sheet::cell_ref(body + i, c)
                );
            }
        }
        // Codes stay text: 2010101 is not a number in the workbook.
        if t.number == 2 {
            assert!(matches!(s.get(body + 1, 0), SheetCell::Text(_)));
        }
    }
    for name in ["附件3", "明细"] {
        assert!(wb.sheet(name).is_some(), "{name}");
    }
    // One 表10 sheet per project.
    let t10 = wb
        .sheets
        .iter()
        .filter(|s| s.name.starts_with("表10"))
        .count();
    assert_eq!(t10, doc.projects.len().max(1));
    // 附件3's 当年 figures are numbers equal to the derived ones.
    let a3 = wb.sheet("附件3").expect("附件3");
    let cy = derive::current_year(&derive::totals(&doc));
    let numbers: Vec<_> = a3
        .rows
        .iter()
        .flatten()
        .filter_map(|c| match c {
            SheetCell::Number(d) => Some(*d),
            _ => None,
        })
        .collect();
    assert!(numbers.contains(&cy.income_total.value()));
    assert!(numbers.contains(&cy.spending_basic.value()));
}

/// The numbers of a sheet, sorted.
fn numbers(s: &sheet::Sheet) -> Vec<rust_decimal::Decimal> {
    let mut out: Vec<_> = s
        .rows
        .iter()
        .flatten()
        .filter_map(|c| match c {
            SheetCell::Number(d) => Some(*d),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// The amounts the composed form parts print (a zero prints blank), sorted.
fn form_amounts(parts: &[FormPart]) -> Vec<rust_decimal::Decimal> {
    let mut out: Vec<_> = parts
        .iter()
        .filter_map(|p| match p {
            FormPart::Grid(g) => Some(g.cells().filter_map(|(_, a)| a).collect::<Vec<_>>()),
            FormPart::Block(_) => None,
        })
        .flatten()
        .map(|a| {
            assert_eq!(a.unit, MoneyUnit::WanYuan, "the forms print in 万元");
            a.value
        })
        .filter(|v| !v.is_zero())
        .collect();
    out.sort();
    out
}

/// 附件3 and each 表10 sheet hold exactly the amounts the forms print,
/// as numbers equal to the composed Decimals (a negative among them), and
/// no other number: a figure is never read back out of printed text.
#[test]
fn form_sheets_hold_the_composed_amounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = example();
    assert!(doc.projects.len() > 1, "the example has several projects");
    doc.projects[1].set_amount(FundSource::OtherIncome, m("-12.34"));
    doc.projects[0].set_amount(FundSource::GeneralBudget, m("123456.78"));
    let out = dir.path().join("f.xlsx");
    let parts = yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year));
    yusuan::xlsx::export(&doc, &parts, &out).expect("export");
    let wb = sheet::read(&out).expect("read back");
    let forms = yusuan::compose::forms(&doc, &parts);
    let a3 = form_amounts(&forms.dept);
    assert!(!a3.is_empty());
    assert_eq!(numbers(wb.sheet("附件3").expect("附件3")), a3);
    let pages: Vec<&[FormPart]> = forms
        .projects
        .split(|p| matches!(p, FormPart::Block(yusuan::layout::Block::PageBreak)))
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(pages.len(), doc.projects.len());
    for (i, page) in pages.iter().enumerate() {
        let name = format!("表10（{}）", i + 1);
        let got = numbers(wb.sheet(&name).expect("a sheet per project"));
        assert_eq!(got, form_amounts(page), "{name}");
    }
    let t10 = numbers(wb.sheet("表10（2）").expect("表10（2）"));
    assert!(t10.contains(&m("-12.34").value()), "{t10:?}");
    let t10 = numbers(wb.sheet("表10（1）").expect("表10（1）"));
    assert!(t10.contains(&m("123456.78").value()), "{t10:?}");
}

/// 上海 prints whole 元 with thousands separators (`1,234,567`), text that
/// would not parse back as an amount; each amount cell of each table sheet
/// holds the derived Decimal as a number.
#[test]
fn grouped_table_amounts_are_written_as_the_derived_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = yusuan::io::load(Path::new("examples/shanghai-2025.ron")).expect("example loads");
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let out = dir.path().join("s.xlsx");
    yusuan::xlsx::export(&doc, &yusuan::narrative::parts(&doc, &catalog), &out).expect("export");
    let wb = sheet::read(&out).expect("read back");
    let mut grouped = 0;
    for t in &derive::derive(&doc, &catalog).tables {
        let s = wb
            .sheet(&format!("表{}", t.number))
            .expect("sheet per table");
        let body = 2 + t.header.len();
        for (i, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let Cell::Money(v) = cell else { continue };
                if yusuan::money::parse_stored(&t.money_text(*v, true)).is_err() {
                    grouped += 1;
                }
                assert_eq!(
                    s.get(body + i, c),
                    &SheetCell::Number(v.value()),
                    "表{} {}",
                    t.number,
                    sheet::cell_ref(body + i, c)
                );
            }
        }
    }
    assert!(grouped > 0, "some amount prints with separators");
}

#[test]
fn export_then_import_gives_identical_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = example();
    let wb = sheet::read(&export_example(dir.path())).expect("read back");
    // Into a document with none of the figures.
    let mut empty = doc.clone();
    empty.budget_lines.clear();
    empty.basic_by_economic.clear();
    empty.three_public = Default::default();
    let plan = import::plan(&wb, &empty, &Options::default()).expect("plan");
    assert_eq!(plan.sheets.len(), 1);
    assert_eq!(plan.sheets[0].target, Target::Detail);
    assert_eq!(plan.document, doc);
    let cat = yusuan::catalogs::nearest(doc.meta.year);
    assert_eq!(
        derive::derive(&plan.document, &cat).tables,
        derive::derive(&doc, &cat).tables
    );
    // The document it was planned against is untouched.
    assert!(empty.budget_lines.is_empty());
    // Into the same document: nothing changes.
    let again = import::plan(&wb, &doc, &Options::default()).expect("plan");
    assert_eq!(again.document, doc);
    assert!(again.changes[0].contains("没有变化"));
}

#[test]
fn cli_export_import_show_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exe = env!("CARGO_BIN_EXE_yusuan");
    let xlsx = dir.path().join("out.xlsx");
    let st = Command::new(exe)
        .args(["export", "examples/qingshan-2021.ron", "-o"])
        .arg(&xlsx)
        .status()
        .expect("run");
    assert!(st.success());
    let blank = dir.path().join("b.ron");
    let mut doc = example();
    doc.budget_lines.clear();
    doc.basic_by_economic.clear();
    doc.three_public = Default::default();
    yusuan::io::save(&blank, &doc).expect("save");
    let dry = Command::new(exe)
        .arg("import")
        .arg(&xlsx)
        .arg("--into")
        .arg(&blank)
        .arg("--dry-run")
        .output()
        .expect("run");
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("新增 2013350"));
    assert_eq!(
        yusuan::io::load(&blank).expect("load"),
        doc,
        "dry run changes nothing"
    );
    let st = Command::new(exe)
        .arg("import")
        .arg(&xlsx)
        .arg("--into")
        .arg(&blank)
        .output()
        .expect("run");
    assert!(st.status.success());
    for n in 1..=8 {
        let show = |f: &Path| {
            Command::new(exe)
                .arg("show")
                .arg(f)
                .args(["--table", &n.to_string()])
                .output()
                .expect("show")
                .stdout
        };
        assert_eq!(
            show(&blank),
            show(Path::new("examples/qingshan-2021.ron")),
            "表{n}"
        );
    }
    // --format xlsx with another extension also writes a workbook.
    let other = dir.path().join("out.bin");
    let st = Command::new(exe)
        .args([
            "export",
            "examples/qingshan-2021.ron",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&other)
        .status()
        .expect("run");
    assert!(st.success());
    assert!(sheet::read(&other).is_ok());
}

/// A sheet written in the test: (row, col, value) with merges.
enum V {
    T(&'static str),
    N(f64),
}

fn write_sheet(
    path: &Path,
    name: &str,
    cells: &[(u32, u16, V)],
    merges: &[(u32, u16, u32, u16, &str)],
) {
    let mut wb = XWorkbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).expect("name");
    let f = Format::new();
    for (r0, c0, r1, c1, t) in merges {
        ws.merge_range(*r0, *c0, *r1, *c1, t, &f).expect("merge");
    }
    for (r, c, v) in cells {
        match v {
            V::T(s) => ws.write_string(*r, *c, *s).map(|_| ()),
            V::N(n) => ws.write_number(*r, *c, *n).map(|_| ()),
        }
        .expect("write");
    }
    wb.save(path).expect("save");
}

/// Shanghai-style 1.2部门支出预算总表: title block, 单位：元, merged 科目编码
/// over 类 | 款 | 项, a 合计 row, 类 and 款 rows, amounts in 元.
fn shanghai(path: &Path, total: f64) {
    use V::*;
    let mut cells = vec![
        (1, 7, T("单位：元")),
        (3, 0, T("类")),
        (3, 1, T("款")),
        (3, 2, T("项")),
        (4, 4, N(total)),
        (4, 5, N(3_098_600.0)),
        (4, 6, N(6_259_800.0)),
        (4, 3, T("合计")),
    ];
    let rows: [(&str, &str, &str, &str, f64, f64); 5] = [
        ("201", "", "", "一般公共服务支出", 3_098_600.0, 6_259_800.0),
        ("201", "33", "", "宣传事务", 3_098_600.0, 6_259_800.0),
        ("201", "33", "50", "事业运行", 3_098_600.0, 0.0),
        ("201", "33", "99", "其他宣传事务支出", 0.0, 6_259_800.0),
        ("", "", "", "注：本表为示例", 0.0, 0.0),
    ];
    for (i, (a, b, c, name, basic, project)) in rows.into_iter().enumerate() {
        let r = 5 + i as u32;
        for (col, v) in [(0, a), (1, b), (2, c)] {
            if !v.is_empty() {
                cells.push((r, col, T(v)));
            }
        }
        cells.push((r, 3, T(name)));
        if !name.starts_with('注') {
            cells.push((r, 4, N(basic + project)));
            cells.push((r, 5, N(basic)));
            cells.push((r, 6, N(project)));
        }
    }
    write_sheet(
        path,
        "1.2部门支出预算总表",
        &cells,
        &[
            (0, 0, 0, 7, "2021年部门支出预算总表"),
            (2, 0, 2, 2, "科目编码"),
            (2, 3, 3, 3, "科目名称"),
            (2, 4, 3, 4, "合计"),
            (2, 5, 3, 5, "基本支出"),
            (2, 6, 3, 6, "项目支出"),
        ],
    );
}

#[test]
fn shanghai_sheet_with_split_codes_in_yuan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sh.xlsx");
    shanghai(&path, 9_358_400.0);
    let wb = sheet::read(&path).expect("read");
    let doc = example();
    let plan = import::plan(&wb, &doc, &Options::default()).expect("plan");
    let p = &plan.sheets[0];
    assert_eq!(p.target, Target::Budget(FundSource::GeneralBudget));
    assert_eq!(p.unit, MoneyUnit::Yuan);
    let codes: Vec<&str> = p.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["2013350", "2013399"]);
    assert!(p.checks.iter().all(|c| c.agrees()), "{:?}", p.checks);
    assert!(p.checks.iter().any(|c| c.what.starts_with("类 201")));
    assert!(p.checks.iter().any(|c| c.what.starts_with("款 20133")));
    assert!(p.skipped.iter().any(|(_, why)| why.contains("注")));
    let l = plan
        .document
        .budget_lines
        .iter()
        .find(|l| l.code.as_str() == "2013350")
        .expect("line");
    assert_eq!(
        l.amount(FundSource::GeneralBudget, SpendingKind::Basic),
        m("309.86")
    );
    // Lines of this source the sheet does not list are cleared and said so.
    assert!(plan.changes.iter().any(|c| c.contains("2080505")));
    let text = import::render(&plan);
    assert!(text.contains("3098600 元 → 309.86 万元"), "{text}");
}

/// Issue 21: `yusuan import`'s preview groups figures by thousands where
/// the document's template prints them so (上海 2025): the rows, the 合计
/// and 类/款 checks and the changes; 武汉 2021's stays plain (above).
#[test]
fn cli_preview_groups_figures_as_the_template_prints_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sh.xlsx");
    shanghai(&path, 9_358_400.0);
    let into = dir.path().join("sh.ron");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shanghai-2025.ron");
    std::fs::copy(example, &into).expect("copied");
    let (code, text) = crate::support::yusuan(&[
        "import",
        path.to_str().expect("utf-8 path"),
        "--into",
        into.to_str().expect("utf-8 path"),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("基本支出 3,098,600 元"), "{text}");
    assert!(
        text.contains("表中 9,358,400 元，各行之和 9,358,400"),
        "{text}"
    );
    assert!(!text.contains("3098600"), "{text}");
}

#[test]
fn a_total_that_disagrees_is_shown_not_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad-total.xlsx");
    shanghai(&path, 9_999_999.0);
    let wb = sheet::read(&path).expect("read");
    let plan = import::plan(&wb, &example(), &Options::default()).expect("plan");
    assert_eq!(plan.disagreements(), 1);
    let bad = plan.sheets[0]
        .checks
        .iter()
        .find(|c| !c.agrees())
        .expect("disagreeing check");
    assert_eq!(bad.cell, "1.2部门支出预算总表!E5");
    assert_eq!(bad.sheet.value, m("9999999").value());
    assert_eq!(bad.sheet.unit, MoneyUnit::Yuan);
    assert_eq!(bad.document.value, m("999.9999").value());
    assert_eq!(bad.sum.value, m("935.84").value());
    assert_eq!(bad.sum.unit, MoneyUnit::WanYuan);
    let text = import::render(&plan);
    assert!(text.contains("不一致"), "{text}");
    assert!(text.contains("空行") || text.contains("跳过"), "{text}");
}

#[test]
fn economic_and_three_public_sheets() {
    use V::*;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("econ.xlsx");
    write_sheet(
        &path,
        "1.8基本支出经济分类表",
        &[
            (1, 0, T("单位：万元")),
            (2, 0, T("经济分类科目编码")),
            (2, 1, T("经济分类科目名称")),
            (2, 2, T("合计")),
            (2, 3, T("人员经费")),
            (2, 4, T("公用经费")),
            (3, 0, T("301")),
            (3, 1, T("工资福利支出")),
            (3, 2, N(96.0)),
            (3, 3, N(96.0)),
            (4, 0, T("30101")),
            (4, 1, T("基本工资")),
            (4, 2, N(96.0)),
            (4, 3, N(96.0)),
            (5, 0, T("30201")),
            (5, 1, T("办公费")),
            (5, 2, T("1,000.50")),
            (5, 4, T("１０００．５０")),
        ],
        &[(0, 0, 0, 4, "基本支出经济分类表")],
    );
    let wb = sheet::read(&path).expect("read");
    let plan = import::plan(&wb, &example(), &Options::default()).expect("plan");
    assert_eq!(plan.sheets[0].target, Target::Economic);
    let e = &plan.document.basic_by_economic;
    assert_eq!(e.len(), 2);
    assert_eq!(e[1].amount, m("1000.50"));
    assert_eq!(e[1].bucket, yusuan::model::CostBucket::Public);
    assert_eq!(plan.disagreements(), 0);
}

fn err_of(cells: &[(u32, u16, V)], unit: Option<MoneyUnit>) -> ImportError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.xlsx");
    write_sheet(&path, "表", cells, &[]);
    let wb = sheet::read(&path).expect("read");
    import::plan(
        &wb,
        &example(),
        &Options {
            sheet: Some("表".into()),
            unit,
            ..Default::default()
        },
    )
    .expect_err("refused")
}

#[test]
fn bad_cells_are_named() {
    use V::*;
    let head = || {
        vec![
            (0, 0, T("单位：元")),
            (1, 0, T("科目编码")),
            (1, 1, T("科目名称")),
            (1, 2, T("基本支出")),
        ]
    };
    let mut c = head();
    c.extend([(2, 0, T("20133x")), (2, 1, T("事业运行")), (2, 2, N(1.0))]);
    let e = err_of(&c, None).to_string();
    assert!(
        e.contains("“表”") && e.contains("A3") && e.contains("不是科目编码"),
        "{e}"
    );
    let mut c = head();
    c.extend([(2, 0, T("20133501")), (2, 2, N(1.0))]);
    let e = err_of(&c, None).to_string();
    assert!(e.contains("A3"), "{e}");
    let mut c = head();
    c.extend([(2, 0, T("2013350")), (2, 2, T("1e20"))]);
    let e = err_of(&c, None).to_string();
    assert!(e.contains("C3"), "{e}");
    let mut c = head();
    c.extend([(2, 0, T("2013350")), (2, 2, N(1e15))]);
    let e = err_of(&c, None).to_string();
    assert!(e.contains("C3") && e.contains("过大"), "{e}");
    let e = err_of(&[(0, 0, T("随便什么")), (1, 0, N(3.0))], None).to_string();
    assert!(e.contains("找不到可识别的表头"), "{e}");
    let e = err_of(
        &[
            (0, 0, T("科目编码")),
            (0, 1, T("基本支出")),
            (1, 0, T("2013350")),
            (1, 1, N(1.0)),
        ],
        None,
    )
    .to_string();
    assert!(e.contains("单位"), "{e}");
}

#[test]
fn date_in_an_amount_cell_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.xlsx");
    let mut wb = XWorkbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").expect("name");
    for (c, t) in ["科目编码", "科目名称", "基本支出"].iter().enumerate() {
        ws.write_string(1, c as u16, *t).expect("w");
    }
    ws.write_string(0, 0, "单位：万元").expect("w");
    ws.write_string(2, 0, "2013350").expect("w");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_number_with_format(2, 2, 44197.0, &date)
        .expect("w");
    wb.save(&path).expect("save");
    let wb = sheet::read(&path).expect("read");
    let e = import::plan(&wb, &example(), &Options::default())
        .expect_err("date refused")
        .to_string();
    assert!(e.contains("C3") && e.contains("日期"), "{e}");
}

#[test]
fn not_a_spreadsheet_leaves_the_document_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("fake.xlsx");
    std::fs::write(&src, b"PK\x03\x04 this is not a workbook\x00\x01").expect("write");
    let into = dir.path().join("d.ron");
    std::fs::copy("examples/qingshan-2021.ron", &into).expect("copy");
    let before = std::fs::read(&into).expect("read");
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("import")
        .arg(&src)
        .arg("--into")
        .arg(&into)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fake.xlsx"), "{err}");
    assert_eq!(std::fs::read(&into).expect("read"), before);
}

#[test]
fn export_refuses_on_errors_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = example();
    doc.meta.preparer.clear();
    let f = dir.path().join("e.ron");
    yusuan::io::save(&f, &doc).expect("save");
    let out = dir.path().join("e.xlsx");
    let run = |force: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
        c.arg("export").arg(&f).arg("-o").arg(&out);
        if force {
            c.arg("--force");
        }
        c.status().expect("run").code()
    };
    assert_eq!(run(false), Some(1));
    assert!(!out.exists());
    assert_eq!(run(true), Some(0));
    assert!(out.exists());
}

#[test]
fn csv_with_title_block_blank_lines_and_a_wrong_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("支出.csv");
    std::fs::write(
        &path,
        "2021年部门支出预算总表,,,,,,\n\
         ,,,,,,单位：元\n\
         科目编码,,,科目名称,合计,基本支出,项目支出\n\
         类,款,项,,,,\n\
         ,,,合计,\"9,999,999.00\",\"3,098,600.00\",\"6,259,800.00\"\n\
         201,,,一般公共服务支出,\"9,358,400.00\",\"3,098,600.00\",\"6,259,800.00\"\n\
         201,33,50,事业运行,\"3,098,600.00\",\"3,098,600.00\",-\n\
         ,,,,,,\n\
         201,33,99,其他宣传事务支出,\"6,259,800.00\",,\"6,259,800.00\"\n\
         注：本表根据一体化平台导出,,,,,,\n",
    )
    .expect("write");
    let plan = import::plan_file(&path, &example(), &Options::default()).expect("plan");
    let p = &plan.sheets[0];
    assert_eq!(p.unit, MoneyUnit::Yuan);
    assert_eq!(p.rows.len(), 2);
    assert_eq!(plan.disagreements(), 1);
    let bad = p.checks.iter().find(|c| !c.agrees()).expect("wrong total");
    assert_eq!(bad.cell, "支出!E5");
    assert!(p.skipped.iter().any(|(r, w)| *r == 8 && w == "空行"));
    assert!(p.skipped.iter().any(|(r, w)| *r == 10 && w.contains("注")));
}
