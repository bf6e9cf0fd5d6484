//! Imports never lose or mis-scale a figure (issue 20): every stored amount
//! is the sheet's figure converted exactly once into the document's unit, a
//! cell's own `万元`/`元` suffix wins over the sheet's unit, the 明细 sheet
//! states its unit, duplicated codes are summed (or refused against a
//! contradicting subtotal), a broken CSV is refused, and the preview accounts
//! for every row and sheet.

use rust_xlsxwriter::Workbook as XWorkbook;
use std::path::Path;
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
/// A sheet to write: name, hidden, cells (row, column, value).
type SheetSpec<'a> = (&'a str, bool, Vec<(u32, u16, V)>);

fn write_book(path: &Path, sheets: &[SheetSpec]) {
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
    sheets: &[SheetSpec],
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
    yusuan::xlsx::export(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year)),
        &out,
    )
    .expect("export");
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

#[test]
fn an_old_detail_sheet_reads_in_the_unit_given() {
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
    cells.push((1, 5, V::N(125_000.0)));
    let p = dir.path().join("old.xlsx");
    write_book(&p, &[("明细", false, cells)]);
    let wb = sheet::read(&p).expect("read");
    let opts = Options {
        sheet: None,
        unit: Some(MoneyUnit::Yuan),
        ..Default::default()
    };
    let plan = import::plan(&wb, &qingshan(), &opts).expect("plan");
    assert_eq!(basic(&plan.document, "2013350"), m("12.50"));
    assert_eq!(plan.sheets[0].unit, MoneyUnit::Yuan);
}

#[test]
fn rounding_to_cents_is_offered_counted_and_applied_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("r.xlsx");
    let rows = [
        ("2013350", "事业运行", V::N(3_098_601.0)),
        ("2013399", "其他", V::N(15.0)),
        ("2080505", "养老", V::N(1_000_000.0)),
    ];
    write_book(&p, &[("支出", false, budget_sheet("单位：元", &rows))]);
    let wb = sheet::read(&p).expect("read");
    let exact = import::plan(&wb, &qingshan(), &Options::default()).expect("plan");
    let r = exact.rounding.clone().expect("rounding offered");
    assert_eq!((r.count, r.applied), (2, false));
    // 309.8601 → 309.86 (−0.0001), 0.0015 → 0.00 (−0.0015).
    assert_eq!(r.total.value, m("-0.0016").value());
    assert_eq!(r.total.unit, MoneyUnit::WanYuan);
    assert_eq!(basic(&exact.document, "2013399"), m("0.0015"));
    let rounded = import::plan_with(
        &wb,
        &qingshan(),
        &Options::default(),
        import::Choices {
            round_to_cents: true,
        },
    )
    .expect("plan");
    assert_eq!(basic(&rounded.document, "2013350"), m("309.86"));
    assert_eq!(basic(&rounded.document, "2013399"), m("0"));
    assert_eq!(basic(&rounded.document, "2080505"), m("100"));
    let text = import::render(&rounded);
    assert!(text.contains("已四舍五入到 2 位小数：2 个数"), "{text}");
    // A 元 document needs no rounding of whole 元.
    let yuan = import::plan(&wb, &shanghai(), &Options::default()).expect("plan");
    assert!(yuan.rounding.is_none());
}

/// The codes named in the change lines (`新增 2013350 …`, `替换 …`, `删除 …`).
fn listed_codes(changes: &[String]) -> Vec<String> {
    let mut v: Vec<String> = changes
        .iter()
        .filter(|c| ["新增 ", "替换 ", "删除 "].iter().any(|p| c.starts_with(p)))
        .filter_map(|c| c.split(' ').nth(1))
        .filter(|c| c.chars().all(|d| d.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

/// Everything that differs between `before` and `after` is listed in the
/// plan's changes, and nothing else is listed.
fn assert_changes_listed(before: &Document, plan: &import::Plan) {
    let after = &plan.document;
    let mut rest = before.clone();
    rest.budget_lines = after.budget_lines.clone();
    rest.basic_by_economic = after.basic_by_economic.clone();
    rest.three_public = after.three_public;
    assert_eq!(&rest, after, "only the imported parts change");
    let mut changed: Vec<String> = Vec::new();
    for l in &after.budget_lines {
        match before.budget_lines.iter().find(|b| b.code == l.code) {
            Some(b) if b == l => {}
            _ => changed.push(l.code.as_str().to_string()),
        }
    }
    for b in &before.budget_lines {
        if !after.budget_lines.iter().any(|l| l.code == b.code) {
            changed.push(b.code.as_str().to_string());
        }
    }
    changed.sort();
    assert_eq!(changed, listed_codes(&plan.changes), "{:#?}", plan.changes);
    let listed = |p: &str| plan.changes.iter().any(|c| c.starts_with(p));
    assert_eq!(
        before.basic_by_economic != after.basic_by_economic,
        listed("替换基本支出经济分类")
    );
    assert_eq!(
        before.three_public != after.three_public,
        listed("替换“三公”经费")
    );
    assert_eq!(
        before == after,
        plan.changes.len() == 1 && plan.changes[0].contains("没有变化")
    );
}

#[test]
fn the_document_changes_exactly_as_the_preview_lists() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A table sheet: one line changed, one added, the source's others cleared.
    let rows = [
        ("2013350", "事业运行", V::N(12.0)),
        ("2010101", "行政运行", V::N(3.0)),
    ];
    let doc = qingshan();
    let plan = plan_of(
        dir.path(),
        &[("支出", false, budget_sheet("单位：万元", &rows))],
        &doc,
    )
    .expect("plan");
    assert_changes_listed(&doc, &plan);
    // A 明细 sheet of another document, with a renamed line.
    let mut other = shanghai();
    other.budget_lines[0].name = "改过的名称".into();
    let out = dir.path().join("sh.xlsx");
    yusuan::xlsx::export(
        &other,
        &yusuan::narrative::parts(&other, &yusuan::catalogs::nearest(other.meta.year)),
        &out,
    )
    .expect("export");
    let wb = sheet::read(&out).expect("read");
    let plan = import::plan(&wb, &doc, &Options::default()).expect("plan");
    assert_changes_listed(&doc, &plan);
    let mut same_unit = shanghai();
    let plan = import::plan(&wb, &same_unit, &Options::default()).expect("plan");
    assert_changes_listed(&same_unit, &plan);
    assert!(
        plan.changes.iter().any(|c| c.contains("原名称")),
        "{:#?}",
        plan.changes
    );
    same_unit = plan.document.clone();
    let again = import::plan(&wb, &same_unit, &Options::default()).expect("plan");
    assert_changes_listed(&same_unit, &again);
}

/// `doc` exported with `xlsx::export` and imported back into itself with its
/// figures cleared: every amount comes back unchanged.
fn round_trip(doc: &Document) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("rt.xlsx");
    yusuan::xlsx::export(
        doc,
        &yusuan::narrative::parts(doc, &yusuan::catalogs::nearest(doc.meta.year)),
        &out,
    )
    .expect("export");
    let wb = sheet::read(&out).expect("read");
    let mut blank = doc.clone();
    blank.budget_lines.clear();
    blank.basic_by_economic.clear();
    blank.three_public = Default::default();
    let plan = import::plan(&wb, &blank, &Options::default()).expect("plan");
    assert_eq!(plan.sheets[0].unit, doc.meta.unit);
    assert_eq!(plan.document.budget_lines.len(), doc.budget_lines.len());
    for (a, b) in doc.budget_lines.iter().zip(&plan.document.budget_lines) {
        assert_eq!((&a.code, &a.name), (&b.code, &b.name));
        assert_eq!(a.amounts, b.amounts, "{}", a.code.as_str());
    }
    assert_eq!(plan.document.basic_by_economic, doc.basic_by_economic);
    assert_eq!(plan.document.three_public, doc.three_public);
    assert!(plan.rounding.is_none());
    // And into the document itself: nothing changes.
    let again = import::plan(&wb, doc, &Options::default()).expect("plan");
    assert_eq!(&again.document, doc);
}

#[test]
fn shanghai_in_yuan_round_trips_unchanged() {
    round_trip(&shanghai());
}

#[test]
fn qingshan_in_wan_yuan_round_trips_unchanged() {
    round_trip(&qingshan());
}

mod random {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use rust_decimal::Decimal;

    /// Cases: `YUSUAN_IMPORT_CASES`, else 48 (each writes and reads a workbook).
    pub(super) fn cases() -> u32 {
        std::env::var("YUSUAN_IMPORT_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(48)
    }

    const CODES: [&str; 4] = ["2010101", "2010102", "2013350", "2080505"];

    #[derive(Clone, Debug)]
    struct Row {
        code: usize,
        /// Hundredths.
        cents: i64,
        /// 0: none, 1: 元, 2: 万元.
        suffix: u8,
        /// Written as text (else as a number, when it has no suffix).
        as_text: bool,
    }

    #[derive(Clone, Debug)]
    struct Case {
        sheet_yuan: bool,
        doc_yuan: bool,
        rows: Vec<Row>,
        /// 0: no 合计 row, 1: a right one, 2: a wrong one.
        total: u8,
        /// 类 rows (right ones) above the items.
        classes: bool,
    }

    fn unit(yuan: bool) -> MoneyUnit {
        if yuan {
            MoneyUnit::Yuan
        } else {
            MoneyUnit::WanYuan
        }
    }

    fn case() -> impl Strategy<Value = Case> {
        let row = (0..CODES.len(), 0i64..10_000_000_000, 0u8..3, any::<bool>()).prop_map(
            |(code, cents, suffix, as_text)| Row {
                code,
                cents,
                suffix,
                as_text,
            },
        );
        (
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(row, 1..7),
            0u8..3,
            any::<bool>(),
        )
            .prop_map(|(sheet_yuan, doc_yuan, rows, total, classes)| Case {
                sheet_yuan,
                doc_yuan,
                rows,
                total,
                classes,
            })
    }

    /// The row's figure in the unit it is stated in.
    fn stated(r: &Row, sheet: MoneyUnit) -> (Decimal, MoneyUnit) {
        let u = match r.suffix {
            1 => MoneyUnit::Yuan,
            2 => MoneyUnit::WanYuan,
            _ => sheet,
        };
        (Decimal::new(r.cents, 2), u)
    }

    /// `value` in `from` as a figure in `to`, computed here on its own.
    fn expect(value: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
        value * Decimal::from(from.in_yuan()) / Decimal::from(to.in_yuan())
    }

    fn run(c: &Case, dir: &Path) -> Result<(), TestCaseError> {
        let su = unit(c.sheet_yuan);
        let du = unit(c.doc_yuan);
        let mut doc = qingshan();
        doc.meta.unit = du;
        // Expected per code, in the document's unit; the 合计 in the sheet's.
        let mut want = vec![Decimal::ZERO; CODES.len()];
        let mut total_in_sheet = Decimal::ZERO;
        for r in &c.rows {
            let (v, u) = stated(r, su);
            want[r.code] += expect(v, u, du);
            total_in_sheet += expect(v, u, su);
        }
        let mut cells = vec![
            (0, 0, t(&format!("单位：{}", su.label()))),
            (1, 0, t("科目编码")),
            (1, 1, t("科目名称")),
            (1, 2, t("基本支出")),
        ];
        let mut r = 2u32;
        if c.total > 0 {
            let fig = if c.total == 1 {
                total_in_sheet
            } else {
                total_in_sheet + Decimal::ONE
            };
            cells.extend([(r, 1, t("合计")), (r, 2, V::T(fig.normalize().to_string()))]);
            r += 1;
        }
        if c.classes {
            for class in ["201", "208"] {
                let sum: Decimal = c
                    .rows
                    .iter()
                    .filter(|x| CODES[x.code].starts_with(class))
                    .map(|x| {
                        let (v, u) = stated(x, su);
                        expect(v, u, su)
                    })
                    .sum();
                cells.extend([
                    (r, 0, t(class)),
                    (r, 1, t("类")),
                    (r, 2, V::T(sum.normalize().to_string())),
                ]);
                r += 1;
            }
        }
        for x in &c.rows {
            let v = Decimal::new(x.cents, 2);
            let cell = match (x.suffix, x.as_text) {
                (0, false) => V::N(v.to_string().parse().unwrap_or(0.0)),
                (0, true) => V::T(v.to_string()),
                (1, _) => V::T(format!("{v}元")),
                _ => V::T(format!("{v}万元")),
            };
            cells.extend([(r, 0, t(CODES[x.code])), (r, 1, t("科目")), (r, 2, cell)]);
            r += 1;
        }
        let p = dir.join("p.xlsx");
        write_book(&p, &[("支出", false, cells)]);
        let wb = sheet::read(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut seen = vec![0; CODES.len()];
        for x in &c.rows {
            seen[x.code] += 1;
        }
        let duplicated = seen.iter().any(|n| *n > 1);
        match import::plan(&wb, &doc, &Options::default()) {
            Err(e) => {
                prop_assert!(
                    duplicated && c.total == 2,
                    "refused without a duplicate against a wrong total: {e}"
                );
            }
            Ok(plan) => {
                prop_assert!(
                    !(duplicated && c.total == 2),
                    "a contradicted duplicate imported"
                );
                for (i, code) in CODES.iter().enumerate() {
                    if seen[i] == 0 {
                        continue;
                    }
                    let got = basic(&plan.document, code).value();
                    prop_assert_eq!(got, want[i], "{} in {:?}", code, du);
                }
                prop_assert_eq!(plan.disagreements(), usize::from(c.total == 2));
            }
        }
        Ok(())
    }

    #[test]
    fn every_stored_amount_is_the_sheet_figure_converted_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut runner = TestRunner::new(Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&case(), |c| run(&c, dir.path()))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_three_public_total_column_is_checked_against_the_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let head = [
        "因公出国(境)费",
        "公务用车购置费",
        "公务用车运行费",
        "公务接待费",
        "合计",
    ];
    let mut cells: Vec<(u32, u16, V)> = vec![(0, 0, t("单位：元"))];
    for (c, h) in head.iter().enumerate() {
        cells.push((1, c as u16, t(h)));
    }
    for (c, v) in [10_000.0, 20_000.0, 30_000.0, 40_000.0, 100_000.0]
        .iter()
        .enumerate()
    {
        cells.push((2, c as u16, V::N(*v)));
    }
    let plan = plan_of(dir.path(), &[("三公", false, cells)], &qingshan()).expect("plan");
    assert_eq!(plan.sheets[0].checks.len(), 1);
    assert_eq!(plan.disagreements(), 0, "{:#?}", plan.sheets[0].checks);
    assert_eq!(plan.document.three_public.total(), m("10"));
}

#[test]
fn detail_sheet_of_a_wan_document_into_a_yuan_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = qingshan();
    let out = dir.path().join("q.xlsx");
    yusuan::xlsx::export(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year)),
        &out,
    )
    .expect("export");
    let wb = sheet::read(&out).expect("read");
    assert_eq!(
        sheet::text(wb.sheet("明细").expect("明细").get(0, 6)),
        "单位：万元"
    );
    let mut yuan = doc.clone();
    yuan.meta.unit = MoneyUnit::Yuan;
    let plan = import::plan(&wb, &yuan, &Options::default()).expect("plan");
    let times = |v: Money| Money(v.value() * rust_decimal::Decimal::from(10_000));
    for (a, b) in doc.budget_lines.iter().zip(&plan.document.budget_lines) {
        for (k, v) in &a.amounts {
            assert_eq!(b.amounts.get(k).copied(), Some(times(*v)));
        }
    }
    for (a, b) in doc
        .basic_by_economic
        .iter()
        .zip(&plan.document.basic_by_economic)
    {
        assert_eq!(b.amount, times(a.amount));
    }
    assert_eq!(
        plan.document.three_public.total(),
        times(doc.three_public.total())
    );
}

/// The 项目支出表 importer (issue 24) under the same random input as the
/// 科目 tables: sheets in 元 or 万元 into documents in 元 or 万元, figures
/// as numbers, as text with a `元`/`万元` suffix, blank, or junk; sources as
/// columns, under a 资金来源 band, or as 财政拨款 / 其他资金; names and codes
/// repeated. Every stored amount is the cell's figure converted once, each
/// row one project in order, and a junk cell refuses the sheet naming it.
mod project_sheets {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use rust_decimal::Decimal;

    #[derive(Clone, Debug)]
    struct Row {
        name: usize,
        coded: bool,
        /// Per money column: (kind 0 blank, 1 number, 2 元 text, 3 万元
        /// text, 4 junk; hundredths).
        cells: [(u8, i64); 2],
    }

    fn case() -> impl Strategy<Value = (bool, bool, u8, Vec<Row>)> {
        let cell = (
            prop_oneof![4 => 0u8..4, 1 => Just(4u8)],
            0i64..10_000_000_000,
        );
        let row = (0usize..3, any::<bool>(), [cell.clone(), cell])
            .prop_map(|(name, coded, cells)| Row { name, coded, cells });
        (
            any::<bool>(),
            any::<bool>(),
            0u8..3,
            proptest::collection::vec(row, 1..6),
        )
    }

    fn unit(yuan: bool) -> MoneyUnit {
        if yuan {
            MoneyUnit::Yuan
        } else {
            MoneyUnit::WanYuan
        }
    }

    fn run(
        (sheet_yuan, doc_yuan, layout, rows): (bool, bool, u8, Vec<Row>),
        dir: &Path,
    ) -> Result<(), TestCaseError> {
        let (su, du) = (unit(sheet_yuan), unit(doc_yuan));
        let mut doc = Document::blank("某局", 2027);
        doc.meta.unit = du;
        let heads = match layout {
            0 | 1 => ["一般公共预算拨款", "政府性基金预算拨款"],
            _ => ["财政拨款", "其他资金"],
        };
        let mut cells = vec![(0, 0, t(&format!("单位：{}", su.label())))];
        cells.extend([(1, 0, t("项目编码")), (1, 1, t("项目名称"))]);
        let first_row = if layout == 1 {
            // Sources under a 资金来源 band, one row down.
            cells.extend([
                (1, 2, t("资金来源")),
                (2, 2, t(heads[0])),
                (2, 3, t(heads[1])),
            ]);
            3
        } else {
            cells.extend([(1, 2, t(heads[0])), (1, 3, t(heads[1]))]);
            2
        };
        let mut junk = None;
        for (i, r) in rows.iter().enumerate() {
            let at = first_row + i as u32;
            let name = ["平台运维", "数据治理", "档案整理"][r.name];
            if r.coded {
                cells.push((at, 0, t(&format!("XM-{}", r.name))));
            }
            cells.push((at, 1, t(name)));
            for (c, (kind, cents)) in r.cells.iter().enumerate() {
                let v = Decimal::new(*cents, 2);
                let col = 2 + c as u16;
                match kind {
                    0 => {}
                    1 => cells.push((at, col, V::N(v.to_string().parse().unwrap_or(0.0)))),
                    2 => cells.push((at, col, t(&format!("{v}元")))),
                    3 => cells.push((at, col, t(&format!("{v}万元")))),
                    _ => {
                        junk.get_or_insert(sheet::cell_ref(at as usize, col as usize));
                        cells.push((at, col, t("约三十万")));
                    }
                }
            }
        }
        let p = dir.join("projects.xlsx");
        write_book(&p, &[("项目支出", false, cells)]);
        let wb = sheet::read(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        match (import::plan(&wb, &doc, &Options::default()), junk) {
            (Err(e), Some(cell)) => {
                let e = e.to_string();
                prop_assert!(e.contains("项目支出") && e.contains(&cell), "{e}");
            }
            (Err(e), None) => prop_assert!(false, "refused: {e}"),
            (Ok(_), Some(cell)) => prop_assert!(false, "junk in {cell} imported"),
            (Ok(plan), None) => {
                let projects = &plan.document.projects;
                prop_assert_eq!(projects.len(), rows.len());
                for (r, pr) in rows.iter().zip(projects) {
                    let want = |c: usize| {
                        let (kind, cents) = r.cells[c];
                        let stated = match kind {
                            2 => MoneyUnit::Yuan,
                            3 => MoneyUnit::WanYuan,
                            _ => su,
                        };
                        let v = if kind == 0 {
                            Decimal::ZERO
                        } else {
                            Decimal::new(cents, 2)
                        };
                        v * Decimal::from(stated.in_yuan()) / Decimal::from(du.in_yuan())
                    };
                    let (a, b) = if layout == 2 {
                        (pr.fiscal(), pr.other())
                    } else {
                        (
                            pr.amount(FundSource::GeneralBudget),
                            pr.amount(FundSource::GovFund),
                        )
                    };
                    prop_assert_eq!(a.value(), want(0), "{}", pr.name);
                    prop_assert_eq!(b.value(), want(1), "{}", pr.name);
                    prop_assert!(!pr.code.is_empty());
                }
            }
        }
        Ok(())
    }

    #[test]
    fn every_project_amount_is_the_sheet_figure_converted_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut runner = TestRunner::new(Config {
            cases: super::random::cases(),
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&case(), |c| run(c, dir.path()))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Crossing of the 项目支出表 import with the printed unit (issue 24): a
/// document entered in 元 to the 分 whose 北京 tables print in 万元 exports
/// its projects rounded; importing that workbook back must not replace the
/// exact amounts with the rounded ones, for source columns and for a
/// 财政拨款 / 其他资金 pair alike.
#[test]
fn a_workbook_printed_in_wan_yuan_imports_back_without_rounding_the_projects() {
    for template in [
        yusuan::template::Template::Beijing2025,
        yusuan::template::Template::Wuhan2022,
    ] {
        let mut doc = load("examples/beijing-2025.ron");
        doc.meta.template = template.clone();
        doc = yusuan::derive::printed::converted(&doc, MoneyUnit::Yuan).into_owned();
        doc.meta.print_unit = Some(MoneyUnit::WanYuan);
        // Fractional 元 that 万元 to 2 decimals cannot show.
        for (i, p) in doc.projects.iter_mut().enumerate() {
            let extra = Money::from_cents(1_234 + i as i64);
            let gb = p.amount(FundSource::GeneralBudget);
            p.set_amount(FundSource::GeneralBudget, gb + extra);
            p.set_amount(FundSource::OtherIncome, Money::from_cents(5_678));
        }
        for p in &mut doc.procurement {
            p.amount += Money::from_cents(77);
        }
        for p in &mut doc.purchased_services {
            p.amount += Money::from_cents(33);
        }
        for l in &mut doc.budget_lines {
            if let Some(v) = l
                .amounts
                .get_mut(&(FundSource::GeneralBudget, SpendingKind::Project))
            {
                *v += Money::from_cents(1_234);
            }
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("rt.xlsx");
        let catalog = yusuan::catalogs::nearest(doc.meta.year);
        yusuan::xlsx::export(&doc, &yusuan::narrative::parts(&doc, &catalog), &out)
            .expect("export");
        let wb = sheet::read(&out).expect("read");
        let plan = import::plan(&wb, &doc, &Options::default()).expect("plan");
        assert!(
            plan.sheets
                .iter()
                .any(|s| s.target == import::Target::Projects),
            "{template:?}: the project table is read"
        );
        assert_eq!(
            plan.document.projects, doc.projects,
            "{template:?}: {:?}",
            plan.changes
        );
        assert_eq!(plan.document.procurement, doc.procurement, "{template:?}");
        assert_eq!(
            plan.document.purchased_services, doc.purchased_services,
            "{template:?}"
        );
    }
}
