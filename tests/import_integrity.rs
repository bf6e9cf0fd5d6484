//! Imports never lose or mis-scale a figure (issue 20): every stored amount
//! is the sheet's figure converted exactly once into the document's unit, a
//! cell's own `万元`/`元` suffix wins over the sheet's unit, the 明细 sheet
//! states its unit, duplicated codes are summed (or refused against a
//! contradicting subtotal), a broken CSV is refused, and the preview accounts
//! for every row and sheet.

use rust_xlsxwriter::Workbook as XWorkbook;
use std::path::Path;
use yusuan::catalog::Catalog;
use yusuan::import::{self, Options};
use yusuan::model::{Document, FundSource, MoneyUnit, SpendingKind};
use yusuan::money::Money;
use yusuan::sheet;

fn load(name: &str) -> Document {
    yusuan::io::load(Path::new(name)).expect("example loads")
}

fn qingshan() -> Document {
    load("examples/qingshan-2021.ron")
}

fn shanghai() -> Document {
    load("examples/shanghai-2025.ron")
}

fn m(s: &str) -> Money {
    s.parse().expect("amount")
}

/// A cell written by a test: text or number.
enum V {
    T(String),
    N(f64),
}

fn t(s: &str) -> V {
    V::T(s.to_string())
}

/// One sheet named `name` with `cells`, saved to `path`; `hidden` extra
/// sheets (hidden in the workbook) after it.
fn write_book(path: &Path, sheets: &[(&str, bool, Vec<(u32, u16, V)>)]) {
    let mut wb = XWorkbook::new();
    for (name, hidden, cells) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, c, v) in cells {
            match v {
                V::T(s) => ws.write_string(*r, *c, s).map(|_| ()),
                V::N(n) => ws.write_number(*r, *c, *n).map(|_| ()),
            }
            .expect("write");
        }
        if *hidden {
            ws.set_hidden(true);
        }
    }
    wb.save(path).expect("save");
}

/// A 科目编码 | 科目名称 | 基本支出 table with a unit line.
fn budget_sheet(unit: &str, rows: &[(&str, &str, V)]) -> Vec<(u32, u16, V)> {
    let mut cells = vec![
        (0, 0, t(unit)),
        (1, 0, t("科目编码")),
        (1, 1, t("科目名称")),
        (1, 2, t("基本支出")),
    ];
    for (i, (code, name, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        let v = match v {
            V::T(s) => V::T(s.clone()),
            V::N(n) => V::N(*n),
        };
        cells.extend([(r, 0, t(code)), (r, 1, t(name)), (r, 2, v)]);
    }
    cells
}

fn plan_of(
    dir: &Path,
    sheets: &[(&str, bool, Vec<(u32, u16, V)>)],
    doc: &Document,
) -> Result<import::Plan, import::ImportError> {
    let p = dir.join("in.xlsx");
    write_book(&p, sheets);
    let wb = sheet::read(&p).expect("read");
    import::plan(&wb, doc, &Options::default())
}

fn basic(doc: &Document, code: &str) -> Money {
    doc.budget_lines
        .iter()
        .find(|l| l.code.as_str() == code)
        .map(|l| l.amount(FundSource::GeneralBudget, SpendingKind::Basic))
        .unwrap_or_default()
}

#[test]
fn yuan_sheet_into_yuan_document_keeps_the_figure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [("2013350", "事业运行", V::N(3_098_600.0))];
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：元", &rows))],
        &shanghai(),
    )
    .expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("3098600"));
}

#[test]
fn a_cell_suffix_wins_over_the_sheet_unit_both_ways() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 300万元 in a 元 sheet, into a 元 document: 3,000,000 元.
    let rows = [("2013350", "事业运行", t("300万元"))];
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：元", &rows))],
        &shanghai(),
    )
    .expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("3000000"));
    // 5元 in a 万元 sheet, into a 万元 document: 0.0005 万元.
    let rows = [("2013350", "事业运行", t("5元"))];
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：万元", &rows))],
        &qingshan(),
    )
    .expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("0.0005"));
}

#[test]
fn detail_sheet_of_a_yuan_document_into_a_wan_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = shanghai();
    let out = dir.path().join("sh.xlsx");
    yusuan::xlsx::export(&doc, &Catalog::nearest(doc.meta.year), &out).expect("export");
    let wb = sheet::read(&out).expect("read");
    let mut wan = doc.clone();
    wan.meta.unit = MoneyUnit::WanYuan;
    let plan = import::plan(&wb, &wan, &Options::default()).expect("plan");
    for (a, b) in doc.budget_lines.iter().zip(&plan.document.budget_lines) {
        assert_eq!(a.code, b.code);
        for (k, v) in &a.amounts {
            let want = Money(v.value() / rust_decimal::Decimal::from(10_000));
            assert_eq!(b.amounts.get(k).copied(), Some(want), "{}", a.code.as_str());
        }
    }
}

#[test]
fn a_detail_sheet_without_a_unit_is_refused_unless_one_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let header = ["部分", "科目编码", "名称", "资金来源", "支出类型", "金额"];
    let mut cells: Vec<(u32, u16, V)> = header
        .iter()
        .enumerate()
        .map(|(c, h)| (0, c as u16, t(h)))
        .collect();
    for (c, v) in [
        "收支预算",
        "2013350",
        "事业运行",
        "一般公共预算拨款",
        "基本支出",
    ]
    .iter()
    .enumerate()
    {
        cells.push((1, c as u16, t(v)));
    }
    cells.push((1, 5, V::N(12.5)));
    let e = plan_of(dir.path(), &[("明细", false, cells)], &shanghai())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("单位"), "an old 明细 is refused, got: {e:?}");
}

#[test]
fn duplicated_codes_are_summed_and_said_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [
        ("2013350", "事业运行", V::N(300.0)),
        ("2013350", "事业运行", V::N(5.0)),
    ];
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：万元", &rows))],
        &qingshan(),
    )
    .expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("305"));
    let text = import::render(&plan);
    assert!(
        text.contains("第3行") && text.contains("第4行") && text.contains("相加"),
        "{text}"
    );
}

#[test]
fn duplicated_codes_against_a_contradicting_total_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [
        ("", "合计", V::N(300.0)),
        ("2013350", "事业运行", V::N(300.0)),
        ("2013350", "事业运行", V::N(5.0)),
    ];
    let e = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：万元", &rows))],
        &qingshan(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        e.contains("第4行") && e.contains("第5行") && e.contains("C3"),
        "refused naming both rows and the total, got: {e:?}"
    );
}

#[test]
fn an_unclosed_quote_in_a_csv_is_refused_naming_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("q.csv");
    std::fs::write(
        &p,
        "单位：万元,,\n科目编码,科目名称,基本支出\n2013350,\"事业运行,12\n2013399,其他,5\n",
    )
    .expect("write");
    let e = sheet::read(&p)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("第3行") && e.contains('"'), "{e:?}");
}

#[test]
fn utf16_unicode_text_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("u.txt");
    let text = "单位：万元\t\t\n科目编码\t科目名称\t基本支出\n2013350\t事业运行\t12.50\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&p, bytes).expect("write");
    let plan = import::plan_file(&p, &qingshan(), &Options::default()).expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("12.50"));
}

#[test]
fn the_preview_names_hidden_and_unused_sheets_and_accounts_for_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [
        ("2013350", "事业运行", V::N(12.0)),
        ("", "注：示例", V::T(String::new())),
    ];
    let plan = plan_of(
        dir.path(),
        &[
            ("封面", false, vec![(0, 0, t("2021年部门预算"))]),
            ("支出", true, budget_sheet("单位：万元", &rows)),
        ],
        &qingshan(),
    )
    .expect("plan");
    let text = import::render(&plan);
    assert!(text.contains("隐藏"), "{text}");
    assert!(text.contains("封面"), "{text}");
    assert!(
        text.contains("导入 1 行") && text.contains("跳过 1 行"),
        "{text}"
    );
}

#[test]
fn more_decimals_than_the_document_prints_are_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [("2013350", "事业运行", V::N(3_098_601.0))];
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：元", &rows))],
        &qingshan(),
    )
    .expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("309.8601"));
    let text = import::render(&plan);
    assert!(text.contains("位小数"), "{text}");
}
