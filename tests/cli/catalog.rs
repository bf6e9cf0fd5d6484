//! Catalogs as versioned data: import of official lists in both layouts,
//! the code rules against partial and complete catalogs, installed files,
//! and 以上年文件新建 (rollover) with its 上年预算数.

use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yusuan::catalog::{Catalog, Classification, Completeness};
use yusuan::catalog_import::{ImportError, import};
use yusuan::catalogs as store;
use yusuan::derive::derive;
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, SpendingKind};
use yusuan::money::{Money, parse_amount};
use yusuan::{io, rollover, rules};

fn example() -> Document {
    io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example loads")
}

fn bundled() -> Catalog {
    Catalog::for_year(2021).expect("bundled 2021")
}

/// (code, name) of every bundled 2021 row, 功能 then 经济.
fn bundled_rows() -> Vec<(String, String)> {
    let c = bundled();
    let f = c.functions().map(|(k, e)| (k.0, e.name.clone()));
    let e = c.economics().map(|(k, e)| (k.0, e.name.clone()));
    f.chain(e).collect()
}

fn fail<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// One code column: a merged title, a blank row, header with a note column,
/// 功能 codes as numbers (`2010101.0`), 经济 codes as text with spaces on a
/// second sheet.
fn single_layout(path: &Path, rows: &[(String, String)]) -> Result<(), String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for (sheet, funcs) in [("支出功能分类", true), ("部门预算支出经济分类", false)]
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).map_err(fail)?;
        ws.merge_range(0, 0, 0, 2, &format!("2021年{sheet}科目"), &bold)
            .map_err(fail)?;
        ws.write_string(2, 0, "科目编码").map_err(fail)?;
        ws.write_string(2, 1, "科目名称").map_err(fail)?;
        ws.write_string(2, 2, "说明").map_err(fail)?;
        let mut r = 3;
        for (code, name) in rows.iter().filter(|(c, _)| c.starts_with('2') == funcs) {
            if funcs {
                let n: f64 = code.parse().map_err(fail)?;
                ws.write_number(r, 0, n).map_err(fail)?;
            } else {
                let spaced: String = code.chars().flat_map(|c| [c, ' ']).collect();
                ws.write_string(r, 0, spaced.trim()).map_err(fail)?;
            }
            ws.write_string(r, 1, format!("　{name}")).map_err(fail)?;
            ws.write_string(r, 2, "反映……").map_err(fail)?;
            r += 1;
        }
        ws.write_string(r + 1, 1, "注：本表仅供测试")
            .map_err(fail)?;
    }
    wb.save(path).map_err(fail)
}

/// 类 | 款 | 项 | 名称: each code split, parents only on their own rows,
/// full-width digits for some 类, with a title row.
fn split_layout(path: &Path, rows: &[(String, String)]) -> Result<(), String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2021年政府收支分类科目（支出）")
        .map_err(fail)?;
    for (c, h) in ["类", "款", "项", "科目名称", "说明"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).map_err(fail)?;
    }
    for (i, (code, name)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        match code.len() {
            3 => {
                let full: String = code
                    .chars()
                    .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                    .collect();
                ws.write_string(r, 0, full).map_err(fail)?;
            }
            5 => ws
                .write_string(r, 1, &code[3..5])
                .map(|_| ())
                .map_err(fail)?,
            _ => ws
                .write_number(r, 2, code[5..7].parse::<f64>().map_err(fail)?)
                .map(|_| ())
                .map_err(fail)?,
        }
        ws.write_string(r, 3, name).map_err(fail)?;
    }
    wb.save(path).map_err(fail)
}

fn names(c: &Catalog, k: Classification) -> BTreeMap<String, String> {
    c.rows(k)
        .iter()
        .map(|(code, e)| (code.clone(), e.name.clone()))
        .collect()
}

#[test]
fn both_layouts_import_the_bundled_rows_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = bundled_rows();
    let a = dir.path().join("single.xlsx");
    let b = dir.path().join("split.xlsx");
    single_layout(&a, &rows).expect("write single");
    split_layout(&b, &rows).expect("write split");
    let ra = import(&a, 2021, "测试").expect("single layout imports");
    let rb = import(&b, 2021, "测试").expect("split layout imports");
    let want = bundled();
    for k in [Classification::Function, Classification::Economic] {
        assert_eq!(names(&ra.catalog, k), names(&want, k), "{k:?} single");
        assert_eq!(names(&rb.catalog, k), names(&want, k), "{k:?} split");
    }
    assert_eq!(ra.catalog.completeness, Completeness::Official);
    // The note under the table is reported, the title row is not.
    assert!(
        ra.skipped.iter().any(|s| s.reason.contains("没有科目编码")),
        "{:?}",
        ra.skipped
    );
    assert!(rb.skipped.is_empty(), "{:?}", rb.skipped);
    let summary = ra.summary();
    let [c, s, i] = want.counts(Classification::Function);
    assert!(
        summary.contains(&format!("支出功能分类：类 {c}，款 {s}，项 {i}")),
        "{summary}"
    );
}

#[test]
fn a_csv_list_with_one_code_column_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("list.csv");
    let text = "政府收支分类科目\n科目编码,科目名称\n224,灾害防治及应急管理支出\n22401,应急管理事务\n2240106,安全监管\n101,税收收入\n";
    std::fs::write(&p, text).expect("write");
    let r = import(&p, 2021, "csv").expect("imports");
    assert_eq!(r.catalog.counts(Classification::Function), [1, 1, 1]);
    assert!(
        r.skipped
            .iter()
            .any(|s| s.cell == "A6" && s.reason.contains("收入分类")),
        "{:?}",
        r.skipped
    );
}

fn write_csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// The message an import that must fail gives.
fn refusal(path: &Path) -> String {
    match import(path, 2021, "x") {
        Ok(_) => String::from("(imported)"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_lists_are_refused_naming_file_sheet_and_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let dup = write_csv(
        d,
        "dup.csv",
        "科目编码,科目名称\n201,一般公共服务支出\n20101,人大事务\n201,一般公共服务\n",
    );
    let e = refusal(&dup);
    assert!(
        e.contains("dup.csv") && e.contains("A4") && e.contains("一般公共服务") && e.contains("A2"),
        "{e}"
    );
    let orphan = write_csv(
        d,
        "orphan.csv",
        "科目编码,科目名称\n201,一般公共服务支出\n2010101,行政运行\n",
    );
    let e = refusal(&orphan);
    assert!(
        e.contains("orphan.csv") && e.contains("A3") && e.contains("20101"),
        "{e}"
    );
    let text = write_csv(d, "notes.csv", "今年的预算说明\n没有编码\n只是文字\n");
    assert!(matches!(
        import(&text, 2021, "x"),
        Err(ImportError::NotACatalog { .. })
    ));
    let junk = d.join("junk.xlsx");
    std::fs::write(&junk, [0u8, 1, 2, 3, 0, 0, 0, 7]).expect("write");
    let e = refusal(&junk);
    assert!(e.contains("junk.xlsx"), "{e}");
    let mut big = String::with_capacity(12_000_000);
    for i in 0..1_000_000 {
        big += &format!("{},x\n", 2_010_101 + i % 7);
    }
    let big = write_csv(d, "big.csv", &big);
    let e = refusal(&big);
    assert!(e.contains("big.csv") && e.contains("超过"), "{e}");
}

fn check_ids(doc: &Document, c: &Catalog) -> Vec<(&'static str, String)> {
    rules::check(doc, c)
        .into_iter()
        .map(|f| {
            (
                f.rule.id(),
                format!("{} {}", f.severity().label(), f.message),
            )
        })
        .collect()
}

#[test]
fn a_code_the_partial_list_lacks_is_a_hint_until_an_official_list_has_it() {
    let mut doc = example();
    doc.budget_lines[0].code = FunctionCode::new("2240106");
    doc.budget_lines[0].name = "安全监管".into();
    let before = check_ids(&doc, &bundled());
    let hit: Vec<_> = before
        .iter()
        .filter(|(_, m)| m.contains("2240106"))
        .collect();
    assert_eq!(hit.len(), 1, "{before:?}");
    assert_eq!(hit[0].0, "C03");
    assert!(hit[0].1.starts_with("提示"), "{hit:?}");

    // The official list the finance bureau hands out has it.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rows = bundled_rows();
    rows.extend([
        ("224".into(), "灾害防治及应急管理支出".into()),
        ("22401".into(), "应急管理事务".into()),
        ("2240106".into(), "安全监管".into()),
    ]);
    rows.sort();
    let file = dir.path().join("official.xlsx");
    single_layout(&file, &rows).expect("write");
    let report = import(&file, 2021, "2021 官方").expect("imports");
    let installed =
        store::install_in(&dir.path().join("catalogs"), &report.catalog).expect("install");
    let found = store::scan(&dir.path().join("catalogs"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, installed);
    let official = found
        .into_iter()
        .next()
        .and_then(|(_, r)| r.ok())
        .expect("reads back");
    assert!(official.is_complete());
    assert_eq!(
        names(&official, Classification::Function),
        names(&report.catalog, Classification::Function)
    );
    let after = check_ids(&doc, &official);
    assert!(
        !after.iter().any(|(_, m)| m.contains("2240106")),
        "{after:?}"
    );
    assert!(
        !after.iter().any(|(id, _)| id.starts_with('C')),
        "{after:?}"
    );

    // Against the complete list, a code it lacks is an error.
    doc.budget_lines[0].code = FunctionCode::new("2249999");
    let missing = check_ids(&doc, &official);
    assert!(
        missing
            .iter()
            .any(|(id, m)| *id == "C01" && m.starts_with("错误")),
        "{missing:?}"
    );
}

#[test]
fn official_name_rows_of_the_bundled_list_are_not_findings() {
    // 2010101 行政运行 is shipped as official-name: the picker offers it, so
    // the rules must not distrust it.
    let mut doc = example();
    doc.budget_lines[0].code = FunctionCode::new("2010101");
    doc.budget_lines[0].name = "行政运行".into();
    let f = check_ids(&doc, &bundled());
    assert!(!f.iter().any(|(_, m)| m.contains("2010101")), "{f:?}");
}

#[test]
fn every_year_from_2021_to_2027_has_a_catalog_and_later_years_only_warn() {
    for year in 2021..=2027 {
        let mut doc = example();
        doc.meta.year = year;
        let f = check_ids(&doc, &Catalog::for_year(year).expect("bundled"));
        assert!(!f.iter().any(|(id, _)| *id == "C05"), "{year}: {f:?}");
    }
    let mut doc = example();
    doc.meta.year = 2030;
    let c = Catalog::for_year(2027).expect("bundled");
    let f = check_ids(&doc, &c);
    let c05: Vec<_> = f.iter().filter(|(id, _)| *id == "C05").collect();
    assert_eq!(c05.len(), 1);
    assert!(
        c05[0].1.starts_with("警告") && c05[0].1.contains("2027"),
        "{c05:?}"
    );
}

#[test]
fn a_recorded_edition_that_is_not_installed_is_named() {
    let mut doc = example();
    doc.meta.catalog = Some(yusuan::model::CatalogRef {
        year: 2021,
        edition: "2021-09 修订".into(),
    });
    let f = check_ids(&doc, &bundled());
    assert!(
        f.iter()
            .any(|(id, m)| *id == "C06" && m.starts_with("提示") && m.contains("2021-09 修订")),
        "{f:?}"
    );
}

#[test]
fn a_file_without_prior_figures_saves_byte_identically() {
    let text = io::to_string(&example()).expect("saves");
    assert!(
        !text.contains("prior: {")
            && !text.contains("prior: Some")
            && !text.contains("catalog:")
            && !text.contains("prior_three_public")
    );
    let again = io::to_string(&io::from_str(&text).expect("loads")).expect("saves");
    assert_eq!(again, text);
}

/// The document a rollover's 上年 figures describe: every prior figure moved
/// back into the current amounts.
fn prior_as_current(new: &Document, old: &Document) -> Document {
    let mut d = old.clone();
    for (l, n) in d.budget_lines.iter_mut().zip(&new.budget_lines) {
        l.amounts = n.prior.clone();
    }
    for (l, n) in d.basic_by_economic.iter_mut().zip(&new.basic_by_economic) {
        l.amount = n.prior.unwrap_or_default();
    }
    d.three_public = new.prior_three_public.unwrap_or_default();
    d
}

fn rolled(doc: &Document) -> rollover::Rollover {
    let c = Catalog::for_year(doc.meta.year + 1).unwrap_or_default();
    rollover::next_year(doc, doc.meta.year + 1, &c, "x.ron").expect("rolls over")
}

#[test]
fn rollover_of_the_example_reproduces_every_2021_table() {
    let old = example();
    let r = rolled(&old);
    let new = &r.doc;
    assert_eq!(new.meta.year, 2022);
    let d_old = derive(&old, &bundled());
    let d_back = derive(&prior_as_current(new, &old), &bundled());
    assert_eq!(d_old.tables, d_back.tables);
    assert_eq!(new.other.prior_year_total, d_old.totals.total);
    assert_eq!(new.performance.prior_years[0].year, 2021);
    assert_eq!(
        new.performance.prior_years[1],
        old.performance.prior_years[0]
    );
    assert_eq!(
        new.performance.prior_years[0].income_fiscal + new.performance.prior_years[0].income_other,
        d_old.totals.total
    );
    // Current amounts start empty.
    let d_new = derive(new, &bundled());
    assert!(d_new.totals.total.is_zero());
    assert!(new.three_public.total().is_zero());
    // The example's projects run 2021.01.01–2021.12.31: listed as dropped.
    assert_eq!(r.dropped_projects.len(), old.projects.len());
    assert!(new.projects.is_empty());
    assert_eq!(new.overview, old.overview);
    assert_eq!(new.glossary, old.glossary);
    // The new file round-trips.
    let text = io::to_string(new).expect("saves");
    assert_eq!(&io::from_str(&text).expect("loads"), new);
}

#[test]
fn rollover_refuses_a_file_of_a_later_year() {
    let old = example();
    let e = rollover::next_year(&old, 2021, &bundled(), "qingshan-2021.ron")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("qingshan-2021.ron") && e.contains("2022"), "{e}");
    assert!(rollover::next_year(&old, 2020, &bundled(), "a").is_err());
}

fn amount() -> impl Strategy<Value = Money> {
    (0i64..10_000_000)
        .prop_map(|c| parse_amount(&format!("{}.{:02}", c / 100, c % 100)).unwrap_or_default())
}

prop_compose! {
    fn random_doc()(
        lines in prop::collection::vec(
            (0usize..6, prop::collection::vec((0usize..10, 0usize..5, amount()), 0..6)),
            0..8,
        ),
        econ in prop::collection::vec(amount(), 0..6),
        three in (amount(), amount(), amount(), amount()),
    ) -> Document {
        let mut doc = example();
        let codes: Vec<(FunctionCode, String)> = bundled()
            .functions()
            .filter(|(c, _)| c.0.len() == 7)
            .take(6)
            .map(|(c, e)| (c, e.name.clone()))
            .collect();
        doc.budget_lines = lines.into_iter().map(|(i, am)| {
            let (code, name) = codes[i % codes.len()].clone();
            let mut l = BudgetLine { code, name, ..Default::default() };
            for (s, k, v) in am {
                l.set_amount(FundSource::ALL[s], SpendingKind::ALL[k], v);
            }
            l
        }).collect();
        let template = doc.basic_by_economic.clone();
        doc.basic_by_economic = econ.into_iter().zip(template).map(|(v, mut l)| { l.amount = v; l }).collect();
        doc.three_public.abroad = three.0;
        doc.three_public.vehicle_purchase = three.1;
        doc.three_public.vehicle_operation = three.2;
        doc.three_public.reception = three.3;
        doc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn rollover_prior_figures_reproduce_every_table(doc in random_doc()) {
        let r = rolled(&doc);
        let back = prior_as_current(&r.doc, &doc);
        prop_assert_eq!(derive(&doc, &bundled()).tables, derive(&back, &bundled()).tables);
    }
}

/// Runs the yusuan binary with its data folder in `data`.
fn yusuan(data: &Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env(store::DATA_DIR_ENV, data)
        .current_dir(data)
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_three_commands_work_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // A 2027 document: no C05 error (C05 is never an error now).
    let (code, _) = yusuan(
        d,
        &["new", "--dept", "测试局", "--year", "2027", "-o", "n.ron"],
    );
    assert_eq!(code, 0);
    let (_, out) = yusuan(d, &["check", "n.ron"]);
    assert!(!out.contains("[错误] C05"), "{out}");
    // Next year from the example.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");
    let (code, out) = yusuan(
        d,
        &["new", "--from", example, "--year", "2022", "-o", "q.ron"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("政务网平台运行费"),
        "dropped projects are listed: {out}"
    );
    let q = io::load(&d.join("q.ron")).expect("loads");
    assert_eq!(q.meta.year, 2022);
    assert_eq!(
        q.other.prior_year_total,
        parse_amount("1037.60").expect("amount")
    );
    let (code, out) = yusuan(
        d,
        &["new", "--from", example, "--year", "2021", "-o", "r.ron"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(!d.join("r.ron").exists());
    let (code, out) = yusuan(
        d,
        &[
            "new",
            "--from",
            "missing.ron",
            "--year",
            "2022",
            "-o",
            "r.ron",
        ],
    );
    assert_eq!(code, 2, "{out}");
    // Import: preview, then stored in the data folder; list shows it.
    std::fs::write(
        d.join("l.csv"),
        "科目编码,科目名称\n224,灾害防治及应急管理支出\n22401,应急管理事务\n2240106,安全监管\n",
    )
    .expect("write");
    let (code, out) = yusuan(
        d,
        &["catalog", "import", "l.csv", "--year", "2027", "--dry-run"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("类 1，款 1，项 1"), "{out}");
    assert!(!d.join("catalogs").exists(), "a dry run stores nothing");
    let (code, out) = yusuan(
        d,
        &[
            "catalog",
            "import",
            "l.csv",
            "--year",
            "2027",
            "--edition",
            "2027-01",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let (_, out) = yusuan(d, &["catalog", "list"]);
    assert!(
        out.contains("2027-01") && out.contains("官方完整科目表"),
        "{out}"
    );
    // A bad list stores nothing.
    std::fs::write(d.join("bad.csv"), "科目编码,科目名称\n2010101,行政运行\n").expect("write");
    let (code, out) = yusuan(d, &["catalog", "import", "bad.csv", "--year", "2026"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bad.csv") && out.contains("A2"), "{out}");
    assert_eq!(
        std::fs::read_dir(d.join("catalogs"))
            .map(|r| r.count())
            .unwrap_or(0),
        1
    );
}

/// The 上年 figures a rollover carries become the denominators of 第三部分's
/// 同比 per 类, and a 类 with no prior figure prints 新增 (issues 9 and 11).
#[test]
fn rolled_over_prior_figures_drive_the_year_on_year_text() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");
    let doc = yusuan::io::load(std::path::Path::new(example)).expect("example");
    let catalog = yusuan::catalogs::nearest(2022);
    let mut next = yusuan::rollover::next_year(&doc, 2022, &catalog, "x.ron")
        .expect("rollover")
        .doc;
    // Every line doubles its prior 一般公共预算 figure …
    for l in &mut next.budget_lines {
        let prior: Vec<_> = l.prior.iter().map(|(k, m)| (*k, *m)).collect();
        for ((s, k), m) in prior {
            l.set_amount(s, k, m + m);
        }
    }
    // … and one 类 is new this year.
    let mut new_line = BudgetLine {
        code: FunctionCode::new("2240106"),
        name: "安全监管".into(),
        ..Default::default()
    };
    new_line.set_amount(
        FundSource::GeneralBudget,
        SpendingKind::Project,
        Money::from_cents(1000),
    );
    next.budget_lines.push(new_line);
    let by_class: String = yusuan::narrative::parts(&next, &catalog)
        .narrative
        .iter()
        .flat_map(|s| s.paragraphs.clone())
        .find(|p| p.starts_with("按支出功能分类"))
        .expect("the per-类 sentence");
    // Each 类 of 2021 doubled; 224 had no 2021 figure.
    let parts: Vec<&str> = by_class.split('；').collect();
    assert!(parts.len() >= 3, "{by_class}");
    for p in &parts {
        if p.contains("灾害防治") {
            assert!(p.ends_with("新增") || p.ends_with("新增。"), "{p}");
        } else {
            assert!(p.contains("增长100.00%"), "{p}");
        }
    }
}

/// A newer 对应关系 installs like a catalog and then drives the derived
/// 政府预算经济分类; a malformed one is refused naming line and column and
/// leaves the installed one alone.
#[test]
fn a_correspondence_installs_and_a_malformed_one_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let bad = d.join("bad.tsv");
    std::fs::write(
        &bad,
        "dept\tunit\tgov\tstatus\tnote\n30101\t机关\t50101\tsourced\t\n30102\t机关\t50x01\tsourced\t\n",
    )
    .expect("write");
    let (code, out) = yusuan(d, &["catalog", "correspondence", "bad.tsv"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("第 3 行第 3 列"), "{out}");
    assert!(!d.join(store::CORRESPONDENCE_FILE).exists());
    // 30101 of a 机关 to 50199 instead of 50101.
    let good = d.join("good.tsv");
    std::fs::write(
        &good,
        "# 更新的对应关系\ndept\tunit\tgov\tstatus\tnote\n30101\t全部\t50199\tsourced\t新文件\n",
    )
    .expect("write");
    let (code, out) = yusuan(d, &["catalog", "correspondence", "good.tsv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 条"), "{out}");
    let k = store::installed_correspondence_in(d).expect("installed reads");
    let side = yusuan::catalog::UnitSide::Organ;
    assert_eq!(
        k.gov_of("30101", side).map(|m| m.gov.as_str()),
        Some("50199")
    );
    assert_eq!(
        bundled()
            .correspondence
            .gov_of("30101", side)
            .map(|m| m.gov.as_str()),
        Some("50101")
    );
}

/// Rolling over clears every figure of the year left behind, the
/// regions' facts included: the 政府性基金 "三公" (it has no 上年 slot) no
/// less than the 一般公共预算 one, the 政府采购 rows and the 财政拨款 split.
#[test]
fn rollover_leaves_no_figure_of_the_year_before() {
    let mut doc = io::from_str(include_str!("../../examples/sichuan-2025.ron")).expect("loads");
    doc.gov_fund_three_public.reception = Money::from_cents(300);
    doc.three_public.abroad = Money::from_cents(500);
    assert!(!doc.fiscal_by_economic.is_empty());
    let next = rolled(&doc).doc;
    assert!(
        next.gov_fund_three_public.is_zero(),
        "{:?}",
        next.gov_fund_three_public
    );
    assert!(next.three_public.is_zero());
    assert!(next.procurement.iter().all(|p| p.amount.is_zero()));
    assert!(next.fiscal_by_economic.iter().all(|c| c.total().is_zero()));
}
