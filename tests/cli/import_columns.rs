//! `yusuan import --column 表头=含义` (issue 25, item 5): the preparer's
//! meaning for a column, by its header path (never its position), the same
//! choice the app's import dialog offers. A choice that leaves the sheet
//! unreadable, or a header no sheet has, imports nothing.

use crate::support::yusuan;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use yusuan::import::{self, ColumnMeaning, ColumnOverrides, Options};
use yusuan::model::{Document, FundSource, SpendingKind};
use yusuan::money::Money;

fn empty_2021() -> Document {
    let mut d = yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example");
    d.budget_lines.clear();
    d.basic_by_economic.clear();
    d.three_public = Default::default();
    d
}

fn amount(doc: &Document, code: &str, kind: SpendingKind) -> Money {
    doc.budget_lines
        .iter()
        .find(|l| l.code.as_str() == code)
        .map(|l| l.amount(FundSource::GeneralBudget, kind))
        .unwrap_or_default()
}

fn m(s: &str) -> Money {
    s.parse().expect("amount")
}

/// An 一体化-style table whose amount columns the import does not know:
/// `功能分类科目编码` over 类 | 款 | 项, then `本年预算` over `基本` | `项目`.
fn unknown_amounts(dir: &Path) -> PathBuf {
    let p = dir.join("unknown.xlsx");
    let mut wb = Workbook::new();
    let f = Format::new();
    let ws = wb.add_worksheet();
    let ok = ws.set_name("一般公共预算支出表").is_ok()
        && ws.write_string(0, 0, "单位：元").is_ok()
        && ws.merge_range(1, 0, 1, 2, "功能分类科目编码", &f).is_ok()
        && ws.merge_range(1, 3, 2, 3, "科目名称", &f).is_ok()
        && ws.merge_range(1, 4, 1, 5, "本年预算", &f).is_ok()
        && ["类", "款", "项", "", "基本", "项目"]
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .all(|(c, h)| ws.write_string(2, c as u16, *h).is_ok())
        && ws.write_string(3, 0, "201").is_ok()
        && ws.write_string(3, 1, "01").is_ok()
        && ws.write_string(3, 2, "01").is_ok()
        && ws.write_string(3, 3, "行政运行").is_ok()
        && ws.write_number(3, 4, 800_000.0).is_ok()
        && ws.write_string(4, 1, "01").is_ok()
        && ws.write_string(4, 2, "02").is_ok()
        && ws.write_string(4, 3, "一般行政管理事务").is_ok()
        && ws.write_number(4, 5, 300_000.0).is_ok();
    assert!(ok);
    wb.save(&p).expect("save");
    p
}

fn run(file: &Path, into: &Path, columns: &[&str]) -> (i32, String) {
    let mut args = vec![
        "import".to_string(),
        file.display().to_string(),
        "--into".into(),
        into.display().to_string(),
    ];
    for c in columns {
        args.push("--column".into());
        args.push((*c).to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    yusuan(&args)
}

#[test]
fn columns_the_import_does_not_know_are_given_their_meaning_by_header_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = unknown_amounts(dir.path());
    let into = dir.path().join("doc.ron");
    yusuan::io::save(&into, &empty_2021()).expect("save");
    // Without a meaning for them the sheet is not a table we import.
    let (code, out) = run(&file, &into, &[]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(yusuan::io::load(&into).expect("load"), empty_2021());
    // `>` and `›` both separate the levels of a header path.
    let (code, out) = run(
        &file,
        &into,
        &["本年预算 > 基本=基本支出", "本年预算 › 项目=项目支出"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("E2 本年预算 › 基本 → 基本支出（按所选；原识别为 合计（核对用））"),
        "{out}"
    );
    let doc = yusuan::io::load(&into).expect("load");
    assert_eq!(amount(&doc, "2010101", SpendingKind::Basic), m("80.00"));
    assert_eq!(amount(&doc, "2010102", SpendingKind::Project), m("30.00"));
}

#[test]
fn a_choice_that_leaves_the_sheet_unreadable_or_names_no_header_imports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = unknown_amounts(dir.path());
    let into = dir.path().join("doc.ron");
    yusuan::io::save(&into, &empty_2021()).expect("save");
    let before = std::fs::read(&into).expect("read");
    for (columns, says) in [
        (
            &["本年预算 › 基本=基本支出", "科目名称=类"][..],
            "都是“科目编码·类”",
        ),
        // Still no amount: the sheet stays one we do not import.
        (&["本年预算 › 基本=合计"][..], "没有可识别的预算表"),
        (
            &["本年预算 › 基本=基本支出", "本年支出=项目支出"][..],
            "找不到",
        ),
        (&["本年预算=基本支出=x"][..], "不是列的含义"),
        (&["基本支出"][..], "应写成 表头=含义"),
    ] {
        let (code, out) = run(&file, &into, columns);
        assert_eq!(code, 2, "{columns:?}: {out}");
        assert!(out.contains(says), "{columns:?}: {out}");
        assert_eq!(std::fs::read(&into).expect("read"), before, "{columns:?}");
    }
}

#[test]
fn planning_with_choices_is_pure_and_keyed_by_header_not_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = yusuan::sheet::read(&unknown_amounts(dir.path())).expect("read");
    let mut columns = ColumnOverrides::default();
    columns.set(
        None,
        "本年预算 › 基本",
        ColumnMeaning::Kind(SpendingKind::Basic),
    );
    columns.set(
        Some("一般公共预算支出表"),
        "本年预算›项目",
        ColumnMeaning::Kind(SpendingKind::Project),
    );
    let opts = Options {
        columns,
        ..Default::default()
    };
    let doc = empty_2021();
    let a = import::plan(&wb, &doc, &opts).expect("plan");
    let b = import::plan(&wb, &doc, &opts).expect("plan");
    assert_eq!(a, b);
    assert_eq!(doc, empty_2021(), "the document is untouched");
    let p = &a.sheets[0];
    let chosen: Vec<(&str, Option<ColumnMeaning>)> = p
        .columns
        .iter()
        .map(|c| (c.cell.as_str(), c.chosen))
        .collect();
    assert_eq!(
        chosen,
        [
            ("A3", None),
            ("B3", None),
            ("C3", None),
            ("D2", None),
            ("E2", Some(ColumnMeaning::Kind(SpendingKind::Basic))),
            ("F3", Some(ColumnMeaning::Kind(SpendingKind::Project))),
        ]
    );
    assert_eq!(
        import::signature(p),
        [
            "功能分类科目编码 › 类",
            "功能分类科目编码 › 款",
            "功能分类科目编码 › 项",
            "科目名称",
            "本年预算 › 基本",
            "本年预算 › 项目"
        ]
    );
    assert!(a.refusals().is_empty());
    assert_eq!(
        amount(&a.document, "2010101", SpendingKind::Basic),
        m("80.00")
    );
}
