//! 文件 → 从 Excel 导入… and 导出 Excel… in the app, driven headless through
//! egui_kittest: the preview shows what will change, 导入 is one undo step,
//! 取消 and a bad file leave the document untouched.

use crate::support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use support::app::harness_for;
use yusuan::model::Document;
use yusuan::ui::{App, Command};

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example")
}

/// The example without its figures.
fn without_figures() -> Document {
    let mut d = example();
    d.budget_lines.clear();
    d.basic_by_economic.clear();
    d.three_public = Default::default();
    d
}

fn exported(dir: &Path) -> PathBuf {
    let doc = example();
    let p = dir.join("q.xlsx");
    yusuan::xlsx::export(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year)),
        &p,
    )
    .expect("export");
    p
}

fn preview(doc: Document, file: &Path) -> Harness<'static, App> {
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut().queue(Command::ImportFrom(file.to_path_buf()));
    h.run();
    h
}

#[test]
fn import_preview_then_apply_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(without_figures(), &exported(dir.path()));
    assert!(h.query_by_label("从 Excel 导入：预览").is_some());
    assert!(h.query_by_label_contains("工作表“明细”").is_some());
    assert!(h.query_by_label("新增 2013350 事业运行").is_some());
    assert!(h.query_by_label_contains("替换基本支出经济分类").is_some());
    assert_eq!(
        h.state().document(),
        &without_figures(),
        "nothing before 导入"
    );
    h.get_by_label("导入").click();
    h.run();
    assert!(!h.state().dialog_open(), "导入 closes the preview");
    assert_eq!(h.state().document(), &example());
    assert_eq!(h.state().undo_steps(), 1);
    assert!(!h.state().dialog_open());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document(), &without_figures());
}

#[test]
fn cancel_and_bad_files_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(without_figures(), &exported(dir.path()));
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().document(), &without_figures());
    assert_eq!(h.state().undo_steps(), 0);

    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not a workbook\x00").expect("write");
    let h = preview(example(), &bad);
    assert!(h.query_by_label_contains("未导入").is_some());
    assert_eq!(h.state().document(), &example());
    assert_eq!(h.state().undo_steps(), 0);
}

#[test]
fn export_xlsx_from_the_app_writes_a_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("导出.xlsx");
    let mut h = harness_for(App::new_with(example(), None));
    h.state_mut().queue(Command::ExportTo(target.clone()));
    h.run();
    // The example's open 警告 are listed first, as for the PDF.
    assert!(h.query_by_label_contains("导出 Excel").is_some());
    h.get_by_label("仍然导出").click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("个工作表").is_some());
    let wb = yusuan::sheet::read(&target).expect("workbook");
    assert!(wb.sheet("明细").is_some());
}

/// A 科目编码 | 科目名称 | 基本支出 sheet in 元 with one figure.
fn yuan_sheet(dir: &Path, figure: f64) -> PathBuf {
    let p = dir.join("yuan.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let ok = ws.set_name("支出").is_ok()
        && ws.write_string(0, 0, "单位：元").is_ok()
        && ws.write_string(1, 0, "科目编码").is_ok()
        && ws.write_string(1, 1, "科目名称").is_ok()
        && ws.write_string(1, 2, "基本支出").is_ok()
        && ws.write_string(2, 0, "2013350").is_ok()
        && ws.write_string(2, 1, "事业运行").is_ok()
        && ws.write_number(2, 2, figure).is_ok();
    assert!(ok);
    wb.save(&p).expect("save");
    p
}

fn basic_2013350(doc: &Document) -> yusuan::money::Money {
    doc.budget_lines
        .iter()
        .find(|l| l.code.as_str() == "2013350")
        .map(|l| {
            l.amount(
                yusuan::model::FundSource::GeneralBudget,
                yusuan::model::SpendingKind::Basic,
            )
        })
        .unwrap_or_default()
}

#[test]
fn the_preview_shows_both_units_and_rounds_to_cents_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(example(), &yuan_sheet(dir.path(), 1_234_567.0));
    // The sheet's figure as the sheet states it, the document's in 万元.
    assert!(
        h.query_by_label_contains("基本支出 1234567 元 → 123.4567 万元")
            .is_some()
    );
    assert!(h.query_by_label_contains("超过文档的 2 位小数").is_some());
    assert!(
        h.query_by_label_contains("合计：读取 1 行，导入 1 行")
            .is_some()
    );
    h.get_by_label("四舍五入到 2 位小数（文档以万元打印两位小数）")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("已四舍五入到 2 位小数：1 个数")
            .is_some()
    );
    h.get_by_label("导入").click();
    h.run();
    assert_eq!(
        basic_2013350(h.state().document()),
        "123.46".parse().expect("m")
    );
    assert_eq!(h.state().undo_steps(), 1);
}

#[test]
fn a_detail_sheet_without_its_unit_asks_for_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("old.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let mut ok = ws.set_name("明细").is_ok();
    let row = [
        ["部分", "科目编码", "名称", "资金来源", "支出类型", "金额"],
        [
            "收支预算",
            "2013350",
            "事业运行",
            "一般公共预算拨款",
            "基本支出",
            "",
        ],
    ];
    for (r, cells) in row.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ok &= ws.write_string(r as u32, c as u16, *v).is_ok();
            }
        }
    }
    ok &= ws.write_number(1, 5, 125_000.0).is_ok();
    assert!(ok);
    wb.save(&p).expect("save");
    let mut h = preview(example(), &p);
    assert!(h.query_by_label_contains("没有写明金额单位").is_some());
    assert!(h.query_by_label("导入").is_none(), "nothing to import yet");
    h.get_by_label("按 元 读取").click();
    h.run();
    assert!(
        h.query_by_label_contains("125000 元 → 12.50 万元")
            .is_some()
    );
    // Through accesskit: in the headless harness (no time passes between
    // frames) a pointer click on 导入 right after the click on 按 元 读取 is
    // dropped and a second one registers, as a double-click window would.
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert_eq!(
        basic_2013350(h.state().document()),
        "12.50".parse().expect("m")
    );
}

/// An 一体化-style workbook: the general-budget table with 功能分类科目编码
/// over 类 | 款 | 项 and the 类 merged down, the same figures in a 总表
/// without a 资金来源, and an empty sheet.
fn yitihua(dir: &Path, uncoded_row: bool) -> PathBuf {
    let p = dir.join(format!("yitihua-{uncoded_row}.xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let f = rust_xlsxwriter::Format::new();
    for name in ["1.5一般公共预算支出表", "1.2部门支出预算总表"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        let ok = ws.write_string(0, 0, format!("2025年{name}")).is_ok()
            && ws.write_string(1, 5, "单位：元").is_ok()
            && ws.merge_range(2, 0, 2, 2, "功能分类科目编码", &f).is_ok()
            && ws.merge_range(2, 3, 3, 3, "功能分类科目名称", &f).is_ok()
            && ws.merge_range(2, 4, 3, 4, "基本支出", &f).is_ok()
            && ws.merge_range(2, 5, 3, 5, "项目支出", &f).is_ok()
            && ["类", "款", "项"]
                .iter()
                .enumerate()
                .all(|(c, h)| ws.write_string(3, c as u16, *h).is_ok())
            && ws.merge_range(4, 0, 5, 0, "201", &f).is_ok()
            && ws.write_string(4, 1, "01").is_ok()
            && ws.write_string(4, 2, "01").is_ok()
            && ws.write_string(4, 3, "行政运行").is_ok()
            && ws.write_number(4, 4, 1_000_000.0).is_ok()
            && ws.write_string(5, 1, "01").is_ok()
            && ws.write_string(5, 2, "02").is_ok()
            && ws.write_string(5, 3, "一般行政管理事务").is_ok()
            && ws.write_number(5, 5, 500_000.0).is_ok()
            && (!uncoded_row
                || (ws.write_string(6, 3, "其他支出").is_ok()
                    && ws.write_number(6, 4, 7_000.0).is_ok()));
        assert!(ok, "{name}");
    }
    wb.add_worksheet().set_name("Sheet3").expect("name");
    wb.save(&p).expect("save");
    p
}

#[test]
fn the_preview_shows_the_header_tree_over_the_first_rows_and_every_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = preview(without_figures(), &yitihua(dir.path(), false));
    // Each column by its header path and what it became.
    assert!(h.query_by_label("A4 功能分类科目编码 › 类").is_some());
    assert_eq!(
        meaning_shown(&h, "A4 功能分类科目编码 › 类 的含义"),
        "科目编码·类"
    );
    assert!(h.query_by_label("E3 基本支出").is_some());
    // The first rows as the sheet shows them: the merged 类 on both rows.
    assert!(h.query_by_label("第6行").is_some());
    assert_eq!(h.query_all_by_label("201").count(), 2);
    assert!(h.query_by_label("新增 2010102 一般行政管理事务").is_some());
    // The 总表 checks the imported table; the empty sheet is explained.
    assert!(
        h.query_by_label_contains("“1.2部门支出预算总表” → 仅作核对")
            .is_some()
    );
    assert!(h.query_by_label_contains("2 处一致，0 处不一致").is_some());
    assert!(h.query_by_label("未使用的工作表（1）").is_some());
}

#[test]
fn rows_with_figures_left_out_need_a_tick_before_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = preview(without_figures(), &yitihua(dir.path(), true));
    assert!(
        h.query_by_label_contains("有 1 行带金额的行没有导入")
            .is_some()
    );
    h.get_by_label("导入").click();
    h.run();
    assert!(h.state().dialog_open(), "导入 waits for the tick");
    assert_eq!(h.state().document(), &without_figures());
    h.get_by_label("已核对，不导入这些行").click();
    h.run();
    h.get_by_label("导入").click();
    h.run();
    assert!(!h.state().dialog_open());
    assert_ne!(h.state().document(), &without_figures());
}

/// A sheet in 元 whose only amount column is headed 项目支出 although its
/// figures are 基本支出, with a 合计 row (`序号` in front when `numbered`).
fn mislabelled(dir: &Path, numbered: bool) -> PathBuf {
    headed(dir, numbered, "项目支出")
}

/// [`mislabelled`] with the amount column headed `amount`.
fn headed(dir: &Path, numbered: bool, amount: &str) -> PathBuf {
    let p = dir.join(format!("{amount}-{numbered}.xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let at = u16::from(numbered);
    let mut ok = ws.set_name("支出").is_ok() && ws.write_string(0, 0, "单位：元").is_ok();
    if numbered {
        ok &= ws.write_string(1, 0, "序号").is_ok()
            && ws.write_number(2, 0, 1.0).is_ok()
            && ws.write_number(3, 0, 2.0).is_ok();
    }
    for (c, h) in ["科目编码", "科目名称", "合计", amount].iter().enumerate() {
        ok &= ws.write_string(1, at + c as u16, *h).is_ok();
    }
    for (r, (code, name, v)) in [
        ("2010101", "行政运行", 1_000_000.0),
        ("2010102", "一般行政管理事务", 250_000.0),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 2;
        ok &= ws.write_string(r, at, *code).is_ok()
            && ws.write_string(r, at + 1, *name).is_ok()
            && ws.write_number(r, at + 2, *v).is_ok()
            && ws.write_number(r, at + 3, *v).is_ok();
    }
    ok &= ws.write_string(4, at + 1, "合计").is_ok()
        && ws.write_number(4, at + 2, 1_250_000.0).is_ok()
        && ws.write_number(4, at + 3, 1_250_000.0).is_ok();
    assert!(ok);
    wb.save(&p).expect("save");
    p
}

/// An app that remembers column choices in `memory`.
fn remembering(doc: Document, memory: &Path) -> Harness<'static, App> {
    harness_for(App::with_setup(
        doc,
        None,
        yusuan::ui::Setup {
            column_memory: Some(memory.to_path_buf()),
            ..Default::default()
        },
    ))
}

fn open(h: &mut Harness<'static, App>, file: &Path) {
    h.state_mut().queue(Command::ImportFrom(file.to_path_buf()));
    h.run();
}

/// What the list of a column's meaning shows.
fn meaning_shown(h: &Harness<'static, App>, list: &str) -> String {
    egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label(list))
        .value()
        .unwrap_or_default()
}

/// Opens a column's list and picks `meaning`.
fn choose(h: &mut Harness<'static, App>, list: &str, meaning: &str) {
    h.get_by_label(list).click_accesskit();
    h.run();
    h.run();
    // The option, not a plain label of the same text (the rows' 科目编码).
    h.query_all(
        egui_kittest::kittest::by()
            .label(meaning)
            .include_labels()
            .predicate(|n| n.role() != egui::accesskit::Role::Label),
    )
    .last()
    .expect("the meaning in the open list")
    .click();
    h.run();
    h.run();
}

fn amount(doc: &Document, code: &str, kind: yusuan::model::SpendingKind) -> yusuan::money::Money {
    doc.budget_lines
        .iter()
        .find(|l| l.code.as_str() == code)
        .map(|l| l.amount(yusuan::model::FundSource::GeneralBudget, kind))
        .unwrap_or_default()
}

fn import_enabled(h: &Harness<'static, App>) -> bool {
    !egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label("导入")).is_disabled()
}

#[test]
fn a_column_meaning_changed_in_the_dialog_is_imported_remembered_and_matches_the_cli() {
    use yusuan::model::SpendingKind::{Basic, Project};
    let dir = tempfile::tempdir().expect("tempdir");
    let memory = dir.path().join("data").join("import-columns.ron");
    let file = mislabelled(dir.path(), false);
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &file);
    let list = "D2 项目支出 的含义";
    assert_eq!(meaning_shown(&h, list), "项目支出");
    assert!(
        h.query_by_label_contains("项目支出 1000000 元 → 100.00 万元")
            .is_some()
    );
    choose(&mut h, list, "基本支出");
    // The preview is planned again from the choice at once.
    assert_eq!(meaning_shown(&h, list), "基本支出（已改）");
    assert!(
        h.query_by_label_contains("基本支出 1000000 元 → 100.00 万元")
            .is_some()
    );
    assert!(h.query_by_label_contains("项目支出 1000000").is_none());
    assert!(
        h.query_by_label_contains(
            "支出!D5 合计（基本支出）：表中 1250000 元（= 125.00 万元），各行之和 125.00 万元，一致"
        )
        .is_some(),
        "the 合计 is checked against the figures as chosen"
    );
    assert!(import_enabled(&h));
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert!(
        !h.state().dialog_open(),
        "{:?}",
        h.query_by_label_contains("已导入")
            .map(|n| format!("{n:?}"))
    );
    let imported = h.state().document().clone();
    assert_eq!(
        amount(&imported, "2010101", Basic),
        "100.00".parse().expect("m")
    );
    assert_eq!(
        amount(&imported, "2010102", Basic),
        "25.00".parse().expect("m")
    );
    assert_eq!(amount(&imported, "2010101", Project), Default::default());
    let stored = std::fs::read_to_string(&memory).expect("the choice is remembered");
    assert!(
        stored.contains("项目支出") && stored.contains("Basic"),
        "{stored}"
    );

    // The same workbook again, in a new app: the choice is applied first
    // and the dialog says so.
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &file);
    assert!(
        h.query_by_label_contains("按上次的选择：工作表“支出”D2 “项目支出”为 基本支出")
            .is_some()
    );
    assert_eq!(meaning_shown(&h, list), "基本支出（已改）");
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert_eq!(h.state().document(), &imported);

    // A workbook with an extra column in front: the choice follows the
    // header, now in column E.
    let numbered = mislabelled(dir.path(), true);
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &numbered);
    assert!(
        h.query_by_label_contains("按上次的选择：工作表“支出”E2 “项目支出”为 基本支出")
            .is_some()
    );
    assert_eq!(meaning_shown(&h, "E2 项目支出 的含义"), "基本支出（已改）");
    assert_eq!(meaning_shown(&h, "A2 序号 的含义"), "（不导入）");
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert_eq!(h.state().document(), &imported);

    // The command line with the same meaning gives the same document.
    let ron = dir.path().join("doc.ron");
    yusuan::io::save(&ron, &without_figures()).expect("save");
    let (code, out) = support::yusuan(&[
        "import",
        file.to_str().expect("utf-8"),
        "--into",
        ron.to_str().expect("utf-8"),
        "--column",
        "项目支出=基本支出",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("D2 项目支出 → 基本支出（按所选；原识别为 项目支出）"),
        "{out}"
    );
    assert_eq!(yusuan::io::load(&ron).expect("load"), imported);

    // Taking the choice back forgets it.
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &file);
    choose(&mut h, list, "项目支出");
    assert_eq!(meaning_shown(&h, list), "项目支出");
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert_eq!(
        amount(h.state().document(), "2010101", Project),
        "100.00".parse().expect("m")
    );
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &file);
    assert!(h.query_by_label_contains("按上次的选择").is_none());
}

#[test]
fn a_choice_that_makes_the_sheet_unreadable_is_named_and_blocks_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let memory = dir.path().join("import-columns.ron");
    let file = mislabelled(dir.path(), false);
    let mut h = remembering(without_figures(), &memory);
    open(&mut h, &file);
    // Two 科目编码 columns.
    choose(&mut h, "B2 科目名称 的含义", "科目编码");
    assert!(
        h.query_all_by_label_contains("A2“科目编码”和 B2“科目名称”都是“科目编码”")
            .next()
            .is_some()
    );
    assert!(!import_enabled(&h), "导入 waits for a readable choice");
    // Back, then no amount column left.
    choose(&mut h, "B2 科目名称 的含义", "科目名称");
    assert!(import_enabled(&h));
    choose(&mut h, "D2 项目支出 的含义", "合计（核对用）");
    assert!(
        h.query_all_by_label_contains("没有可导入的金额列")
            .next()
            .is_some()
    );
    assert!(!import_enabled(&h));
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert!(h.state().dialog_open());
    assert_eq!(h.state().document(), &without_figures());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().document(), &without_figures());
    assert!(!memory.exists(), "nothing imported, nothing remembered");
}

#[test]
fn a_broken_or_foreign_memory_file_is_ignored_with_a_message_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = mislabelled(dir.path(), false);
    for (name, text) in [
        (
            "broken.ron",
            "(kind: \"yusuan 导入列含义\", entries: [ 这不是",
        ),
        ("foreign.ron", "(kind: \"别的程序\", entries: [])"),
    ] {
        let memory = dir.path().join(name);
        std::fs::write(&memory, text).expect("write");
        let mut h = remembering(without_figures(), &memory);
        open(&mut h, &file);
        assert!(
            h.state().status().contains("已忽略记住的列含义文件"),
            "{}",
            h.state().status()
        );
        // The import itself works, and a choice can still be made.
        choose(&mut h, "D2 项目支出 的含义", "基本支出");
        h.get_by_label("导入").click_accesskit();
        h.run();
        assert_eq!(
            amount(
                h.state().document(),
                "2010101",
                yusuan::model::SpendingKind::Basic
            ),
            "100.00".parse().expect("m")
        );
        assert!(
            h.query_by_label_contains("已导入。已忽略记住的列含义文件")
                .is_some()
        );
        assert!(h.query_by_label_contains("本次列的选择未记住").is_some());
        assert_eq!(
            std::fs::read_to_string(&memory).expect("read"),
            text,
            "a file we cannot read is never replaced"
        );
    }
}

#[test]
fn a_workbook_with_no_column_recognised_as_an_amount_lists_its_columns_to_choose() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = headed(dir.path(), false, "本年支出");
    let mut h = preview(without_figures(), &file);
    assert!(
        h.query_by_label_contains("工作簿中没有可识别的预算表")
            .is_some()
    );
    assert!(h.query_by_label("导入").is_none());
    let list = "D2 本年支出 的含义";
    assert_eq!(meaning_shown(&h, list), "（不导入）");
    choose(&mut h, list, "基本支出");
    assert!(
        h.query_by_label_contains("基本支出 1000000 元 → 100.00 万元")
            .is_some()
    );
    assert!(import_enabled(&h));
    h.get_by_label("导入").click_accesskit();
    h.run();
    assert_eq!(
        amount(
            h.state().document(),
            "2010101",
            yusuan::model::SpendingKind::Basic
        ),
        "100.00".parse().expect("m")
    );
}

/// Issue 21: the preview's figures carry thousands separators where the
/// document's template prints them (上海 2025, as its grids and PDF do);
/// the 武汉 2021 preview above keeps the plain figures its tables print.
#[test]
fn the_preview_groups_figures_as_the_template_prints_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sh = yusuan::io::load(Path::new("examples/shanghai-2025.ron")).expect("example");
    let h = preview(sh, &yuan_sheet(dir.path(), 1_234_567.0));
    assert!(
        h.query_by_label_contains("基本支出 1,234,567 元").is_some(),
        "the row's figure is grouped"
    );
    // (The header grid's first rows show the cells as the sheet has them.)
    assert!(h.query_by_label_contains("基本支出 1234567").is_none());
}
