//! Issue 21's smaller points, each as the 填报人 meets it: thousands
//! separators as the template prints them, 二级指标 as a dropdown, 按编码添加,
//! a digits-only 主管部门编码, a status bar that tells the truth, 查找,
//! the paste hint, Tab that commits at the sheet's end, a full path for an
//! untitled 另存为, one-line side-panel entries.

use crate::support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::app::{harness_for, type_into};
use yusuan::location::{Field, FieldName, IndicatorColumn, Location, Sheet};
use yusuan::model::{
    BudgetLine, Document, FunctionCode, FundSource, Level1, Project, ProjectIndicator, SpendingKind,
};
use yusuan::money::{Money, parse_amount};
use yusuan::rules::Severity;
use yusuan::template::Template;
use yusuan::ui::{App, Command, Page, Persisted};

fn money(s: &str) -> Money {
    parse_amount(s).unwrap()
}

fn line(code: &str, name: &str, basic: &str) -> BudgetLine {
    let mut l = BudgetLine {
        code: FunctionCode::new(code),
        name: name.into(),
        ..Default::default()
    };
    l.set_amount(FundSource::GeneralBudget, SpendingKind::Basic, money(basic));
    l
}

fn doc(template: Template) -> Document {
    let mut d = yusuan::ui::blank_document(2025);
    d.meta.template = template;
    d.meta.dept_name = "测试部门".into();
    d.budget_lines = vec![
        line("2013350", "事业运行", "1234567.5"),
        line("2080505", "机关事业单位基本养老保险缴费支出", "50"),
    ];
    d
}

fn harness(d: Document) -> Harness<'static, App> {
    harness_for(App::new_with(d, None))
}

fn select(h: &mut Harness<'static, App>, page: Page) {
    h.state_mut().queue(Command::Select(page));
    h.run();
}

const FIRST: &str = "2013350 事业运行 一般公共预算拨款 基本支出";

fn value(h: &Harness<'static, App>, label: &str) -> Option<String> {
    h.get_by_label(label).value()
}

#[test]
fn amounts_carry_thousands_separators_as_the_template_prints_them() {
    // 上海 2025 prints amounts grouped: the entry grid and 汇总 do too.
    let mut h = harness(doc(Template::Shanghai2025));
    select(&mut h, Page::Sheet(Sheet::Budget));
    assert_eq!(value(&h, FIRST).as_deref(), Some("1,234,567.50"));
    // Editing shows the plain figure to type over.
    h.get_by_label(FIRST).focus();
    h.run();
    assert_eq!(value(&h, FIRST).as_deref(), Some("1234567.50"));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(value(&h, FIRST).as_deref(), Some("1,234,567.50"));
    // Nothing was edited: the stored figure stays exact.
    assert_eq!(
        h.state().document().budget_lines[0].amount(FundSource::GeneralBudget, SpendingKind::Basic),
        money("1234567.5")
    );
    assert_eq!(h.state().undo_steps(), 0);
    // A grouped figure typed or pasted reads as the same amount.
    type_into(&mut h, FIRST, "2,000,000.25");
    assert_eq!(
        h.state().document().budget_lines[0].amount(FundSource::GeneralBudget, SpendingKind::Basic),
        money("2000000.25")
    );
    select(&mut h, Page::Summary);
    assert!(h.query_all_by_label("2,000,050.25").count() > 0);

    // 武汉 2021 prints plain figures: so does the screen.
    let mut h = harness(doc(Template::Wuhan2021));
    select(&mut h, Page::Sheet(Sheet::Budget));
    assert_eq!(value(&h, FIRST).as_deref(), Some("1234567.50"));
    select(&mut h, Page::Summary);
    assert!(h.query_all_by_label("1234617.50").count() > 0);
}

fn with_indicator() -> Document {
    let mut d = doc(Template::Wuhan2021);
    d.projects = vec![Project {
        name: "政务网运维".into(),
        indicators: vec![ProjectIndicator {
            level1: Some(Level1::Output),
            ..Default::default()
        }],
        ..Default::default()
    }];
    d
}

fn level_loc(column: IndicatorColumn) -> Location {
    Location::cell(
        Sheet::Project(0),
        0,
        Field::Indicator { goal: None, column },
    )
}

#[test]
fn level2_is_a_dropdown_of_the_allowed_values_in_tab_order() {
    let mut h = harness(with_indicator());
    select(&mut h, Page::Sheet(Sheet::Project(0)));
    // Tab from the 一级指标 dropdown reaches the 二级指标 dropdown.
    h.get_by_label("指标1 一级指标").focus();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state().focused_cell(),
        Some(level_loc(IndicatorColumn::Level2))
    );
    // Its list holds what the template allows under 产出指标.
    h.get_by_label("指标1 二级指标").click();
    h.run();
    for allowed in Level1::Output.allowed_level2() {
        h.get_by_label(allowed);
    }
    assert!(h.query_by_label("社会效益指标").is_none());
    h.get_by_label("时效指标").click();
    h.run();
    assert_eq!(
        h.state().document().projects[0].indicators[0].level2,
        "时效指标"
    );
    assert_eq!(h.state().undo_steps(), 1);
}

#[test]
fn a_code_missing_from_the_catalog_is_added_by_code_with_a_name() {
    let mut h = harness(doc(Template::Wuhan2021));
    select(&mut h, Page::Sheet(Sheet::Budget));
    h.get_by_label("功能科目搜索").focus();
    h.run();
    h.get_by_label("功能科目搜索").type_text("2089997");
    h.run();
    h.get_by_label("编码 2089997 未在科目表中");
    h.get_by_label_contains("科目表 → 导入");
    h.key_press(Key::Enter);
    h.run();
    // Enter in the search goes on to the name.
    assert!(
        h.get_by_label("按编码添加 科目名称")
            .accesskit_node()
            .is_focused()
    );
    h.get_by_label("按编码添加 科目名称")
        .type_text("试点补助（测试）");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let d = h.state().document();
    let added = d.budget_lines.last().unwrap();
    assert_eq!(added.code.as_str(), "2089997");
    assert_eq!(added.name, "试点补助（测试）");
    // The rules still say it is not in the catalog.
    let row = d.budget_lines.len() - 1;
    let rows = d.budget_lines.len();
    assert!(
        h.state()
            .computed()
            .findings
            .iter()
            .any(|f| f.location.sheet == Sheet::Budget && f.location.row == Some(row)),
        "{:?}",
        h.state().computed().findings
    );
    // The same code again adds nothing and goes to its row.
    h.get_by_label("功能科目搜索").focus();
    h.run();
    h.get_by_label("功能科目搜索").type_text("2089997");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("按编码添加 科目名称").type_text("再来一次");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().document().budget_lines.len(), rows);
    assert_eq!(
        h.state().focused_cell(),
        Some(Location::cell(Sheet::Budget, row, Field::Name))
    );
}

/// Types into the 主管部门编码 field (its form label has the same name).
fn type_code(h: &mut Harness<'static, App>, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(role, "主管部门编码").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(role, "主管部门编码")
        .type_text(text);
    h.run();
    h.key_press(Key::Tab);
    h.run();
}

#[test]
fn dept_code_takes_digits_only_and_keeps_its_value_otherwise() {
    let mut d = doc(Template::Wuhan2021);
    d.meta.dept_code = "005001025".into();
    let mut h = harness(d);
    select(&mut h, Page::Sheet(Sheet::Meta));
    type_code(&mut h, "abc");
    assert_eq!(h.state().document().meta.dept_code, "005001025");
    let loc = Location::field(Sheet::Meta, Field::Named(FieldName::DeptCode));
    let why = h.state().cell_error(loc).unwrap_or_default().to_string();
    assert!(why.contains("只能填数字"), "{why}");
    type_code(&mut h, "００５００１０２６");
    assert_eq!(h.state().document().meta.dept_code, "005001026");
    assert_eq!(h.state().cell_error(loc), None);
}

#[test]
fn the_status_bar_forgets_undo_and_save_messages_on_the_next_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    let mut h = harness(doc(Template::Wuhan2021));
    select(&mut h, Page::Sheet(Sheet::Budget));
    type_into(&mut h, FIRST, "1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().status().starts_with("已撤销"),
        "{}",
        h.state().status()
    );
    type_into(&mut h, FIRST, "2");
    assert_eq!(h.state().status(), "");
    h.state_mut().queue(Command::SaveTo(path.clone()));
    h.run();
    assert!(h.state().status().starts_with("已保存到"));
    assert!(!h.state().is_dirty());
    type_into(&mut h, FIRST, "3");
    assert!(h.state().is_dirty());
    assert!(
        !h.state().status().contains("已保存到"),
        "{}",
        h.state().status()
    );
}

#[test]
fn summary_counts_what_the_status_bar_counts_while_a_cell_holds_bad_text() {
    let mut h = harness(doc(Template::Wuhan2021));
    select(&mut h, Page::Sheet(Sheet::Budget));
    type_into(&mut h, FIRST, "1O0");
    let errors = h.state().computed().count(Severity::Error) + h.state().unreadable().len();
    assert_eq!(h.state().unreadable().len(), 1);
    select(&mut h, Page::Summary);
    h.get_by_label_contains(&format!("错误 {errors} 条"));
}

#[test]
fn find_jumps_to_a_subject_a_project_and_a_text() {
    let mut d = with_indicator();
    d.other.change_reason = "主要是新增政务网运维项目".into();
    let mut h = harness(d);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().dialog_open());
    h.get_by_label("查找内容").type_text("养老保险");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(!h.state().dialog_open());
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Budget));
    assert_eq!(
        h.state().focused_cell(),
        Some(Location::cell(Sheet::Budget, 1, Field::Name))
    );
    // A code, then the second hit of a project name (its mention in 变动原因).
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找内容").type_text("政务网");
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Other));
    assert_eq!(
        h.state().focused_cell(),
        Some(Location::field(
            Sheet::Other,
            Field::Named(FieldName::ChangeReason)
        ))
    );
    // Nothing was changed by finding.
    assert_eq!(h.state().undo_steps(), 0);
}

#[test]
fn entry_grids_say_that_a_spreadsheet_block_pastes() {
    let mut h = harness(doc(Template::Wuhan2021));
    for s in [Sheet::Budget, Sheet::Economic] {
        select(&mut h, Page::Sheet(s));
        h.get_by_label_contains("Ctrl+V 粘贴");
    }
}

#[test]
fn tab_in_the_last_cell_of_the_sheet_commits_it() {
    let mut h = harness(doc(Template::Wuhan2021));
    select(&mut h, Page::Sheet(Sheet::Budget));
    let last = "2080505 机关事业单位基本养老保险缴费支出 一般公共预算拨款 项目支出";
    h.get_by_label(last).focus();
    h.run();
    h.get_by_label(last).type_text("77");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state().document().budget_lines[1]
            .amount(FundSource::GeneralBudget, SpendingKind::Project),
        money("77")
    );
}

#[test]
fn an_untitled_save_as_proposes_a_whole_path_next_to_the_last_opened_file() {
    let dir = tempfile::tempdir().unwrap();
    let recent = dir.path().join("去年.ron");
    std::fs::write(&recent, "").unwrap();
    let app = App::new_with(doc(Template::Wuhan2021), None).with_persisted(Persisted {
        recent: vec![recent],
        ..Default::default()
    });
    let mut h = harness_for(app);
    // The keyboard was in a cell when 另存为 was chosen.
    select(&mut h, Page::Sheet(Sheet::Budget));
    h.get_by_label(FIRST).focus();
    h.run();
    h.state_mut().queue(Command::SaveAs);
    h.run();
    let proposed = value(&h, "文件路径").unwrap_or_default();
    assert!(h.get_by_label("文件路径").accesskit_node().is_focused());
    assert_eq!(
        std::path::Path::new(&proposed),
        dir.path().join("测试部门2025年部门预算.ron")
    );
}

#[test]
fn side_panel_entries_stay_on_one_line() {
    let mut h = harness(doc(Template::Wuhan2021));
    h.run();
    let one_line = h
        .query_all_by_label("汇总")
        .find(|n| n.rect().left() < 200.0)
        .unwrap()
        .rect()
        .height();
    let pages = h.state().pages();
    for p in pages {
        let label = p.label.clone();
        let node = h
            .query_all_by_label_contains(&label)
            .find(|n| n.rect().left() < 200.0);
        if let Some(n) = node {
            assert!(
                n.rect().height() <= one_line + 1.0,
                "{label}: {} > {one_line}",
                n.rect().height()
            );
        }
    }
}

#[test]
fn project_dates_are_suggested_in_the_budget_year() {
    let mut d = with_indicator();
    d.meta.year = 2027;
    let mut h = harness(d);
    select(&mut h, Page::Sheet(Sheet::Project(0)));
    h.get_by_label("如 2027-01 至 2027-12");
    assert!(h.query_by_label_contains("2021").is_none());
}
