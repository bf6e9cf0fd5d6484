//! The 填报人's first hour (issue 16): what a new user ran into when building
//! a small budget in the app, each pinned by a test that failed before.

use crate::support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::app::{harness_for, save, type_into};
use yusuan::location::{Field, IndicatorColumn, Location, Sheet};
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, Project, SpendingKind};
use yusuan::money::{Money, parse_amount};
use yusuan::ui::{App, Command, Page};

use FundSource::GeneralBudget as G;
use SpendingKind::{Basic, Project as P};

fn money(s: &str) -> Money {
    parse_amount(s).unwrap()
}

fn sample() -> Document {
    let mut doc: Document = yusuan::ui::blank_document(2021);
    doc.meta.dept_name = "测试部门".into();
    let mut l = BudgetLine {
        code: FunctionCode::new("2013350"),
        name: "事业运行".into(),
        ..Default::default()
    };
    l.set_amount(G, Basic, money("12.34"));
    l.set_amount(G, P, money("300"));
    doc.budget_lines = vec![l];
    doc.projects = vec![Project {
        name: "政务网运维".into(),
        amounts: [(yusuan::model::FundSource::GeneralBudget, money("300"))].into(),
        ..Default::default()
    }];
    doc
}

const BASIC: &str = "2013350 事业运行 一般公共预算拨款 基本支出";

fn basic(doc: &Document) -> Money {
    doc.budget_lines[0].amount(G, Basic)
}

fn budget_page(doc: Document, path: Option<std::path::PathBuf>) -> Harness<'static, App> {
    let mut h = harness_for(App::new_with(doc, path));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Budget)));
    h.run();
    h
}

/// Types `text` one character at a time, as keystrokes arrive.
fn keystrokes(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    for c in text.chars() {
        h.get_by_label(label).type_text(&c.to_string());
        h.run();
    }
}

fn basic_loc() -> Location {
    Location::cell(Sheet::Budget, 0, Field::Amount(G, Basic))
}

#[test]
fn a_half_typed_amount_never_reaches_the_document() {
    let mut h = budget_page(sample(), None);
    keystrokes(&mut h, BASIC, "1O0");
    // While typing, and after, the document keeps what it held: the
    // readable prefix "1" was never stored.
    assert_eq!(basic(h.state().document()), money("12.34"));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(basic(h.state().document()), money("12.34"));
    assert!(!h.state().is_dirty());
    // The cell keeps what was typed, and the 审核 panel and the status bar
    // count it as an 错误 naming the cell.
    assert!(h.state().cell_error(basic_loc()).is_some());
    let u = h.state().unreadable();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].rule, "U01");
    assert!(u[0].message.contains(BASIC), "{}", u[0].message);
    assert!(u[0].message.contains("12.34"), "{}", u[0].message);
    let errors = h.state().computed().count(yusuan::rules::Severity::Error);
    let shown = format!("错误 {}", errors + 1);
    assert!(h.query_by_label(&shown).is_some(), "{shown}");
}

#[test]
fn a_save_with_unreadable_cells_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    yusuan::io::save(&path, &sample()).unwrap();
    let mut h = budget_page(sample(), Some(path.clone()));
    type_into(&mut h, BASIC, "1O0");
    let before = std::fs::read(&path).unwrap();
    save(&mut h);
    h.run();
    assert!(h.query_by_label_contains("有单元格内容无法识别").is_some());
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written yet");
    h.get_by_label("返回修改").click();
    h.run();
    h.run();
    assert!(!h.state().dialog_open());
    assert_eq!(h.state().focused_cell(), Some(basic_loc()));
}

#[test]
fn an_amount_goes_in_when_the_cell_is_left_or_the_file_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    yusuan::io::save(&path, &sample()).unwrap();
    let mut h = budget_page(sample(), Some(path.clone()));
    keystrokes(&mut h, BASIC, "77");
    assert_eq!(basic(h.state().document()), money("12.34"));
    // Ctrl+S while the cursor is still in the cell saves what it shows.
    save(&mut h);
    let saved = yusuan::io::load(&path).unwrap();
    assert_eq!(basic(&saved), money("77"));
    assert_eq!(basic(h.state().document()), money("77"));
    assert!(!h.state().is_dirty());
    // Leaving with Enter takes a valid amount in as one undo step.
    keystrokes(&mut h, BASIC, "12.5");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(basic(h.state().document()), money("12.5"));
}

#[test]
fn the_picker_works_from_the_keyboard_and_labels_its_matches_with_their_path() {
    let mut h = budget_page(sample(), None);
    h.get_by_label("功能科目搜索").focus();
    h.run();
    h.get_by_label("功能科目搜索").type_text("行政运行");
    h.run();
    // Many 项 are called 行政运行: each shows its 类 and 款.
    assert!(
        h.query_by_label("2010101 行政运行（一般公共服务支出 / 人大事务）")
            .is_some()
    );
    assert!(
        h.query_by_label("2010201 行政运行（一般公共服务支出 / 政协事务）")
            .is_some()
    );
    // ↓ then Enter adds the second match and puts the cursor in its amount.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    h.run();
    let doc = h.state().document();
    assert_eq!(doc.budget_lines.len(), 2);
    assert_eq!(doc.budget_lines[1].code, FunctionCode::new("2010201"));
    assert_eq!(
        h.state().focused_cell(),
        Some(Location::cell(Sheet::Budget, 1, Field::Amount(G, Basic)))
    );
    // A code typed whole and Enter adds it; Esc closes the list.
    h.get_by_label("功能科目搜索").focus();
    h.run();
    h.get_by_label("功能科目搜索").type_text("2010101");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().document().budget_lines.len(), 3);
    h.get_by_label("功能科目搜索").focus();
    h.run();
    h.get_by_label("功能科目搜索").type_text("行政");
    h.run();
    assert!(h.query_all_by_label_contains("人大事务）").next().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_all_by_label_contains("人大事务）").next().is_none());
    assert_eq!(h.state().document().budget_lines.len(), 3);
}

#[test]
fn undo_shows_the_page_and_cell_it_changes_and_says_what_it_did() {
    let mut h = budget_page(sample(), None);
    type_into(&mut h, BASIC, "40");
    assert_eq!(basic(h.state().document()), money("40"));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Other)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    h.run();
    assert_eq!(basic(h.state().document()), money("12.34"));
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Budget));
    assert_eq!(h.state().focused_cell(), Some(basic_loc()));
    assert!(h.query_by_label_contains("已撤销：修改收支预算").is_some());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(basic(h.state().document()), money("40"));
    assert!(h.query_by_label_contains("已重做：修改收支预算").is_some());
}

#[test]
fn export_with_open_warnings_names_them_and_asks() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");
    let doc = yusuan::io::load(std::path::Path::new(example)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut().queue(Command::ExportTo(pdf.clone()));
    h.run();
    assert!(h.query_by_label_contains("条警告").is_some());
    // The example's 警告 are listed by what they say.
    assert!(h.query_all_by_label_contains("效益指标").next().is_some());
    assert!(!pdf.exists());
    h.get_by_label("仍然导出").click();
    h.run();
    h.run();
    assert!(pdf.exists());
}

#[test]
fn enter_on_the_last_row_and_tab_at_the_end_keep_the_cursor() {
    let mut h = budget_page(sample(), None);
    let last = "2013350 事业运行 一般公共预算拨款 项目支出";
    type_into(&mut h, last, "5");
    // type_into left with Tab from the very last cell: the cursor stays.
    h.run();
    let project = Location::cell(Sheet::Budget, 0, Field::Amount(G, P));
    assert_eq!(h.state().focused_cell(), Some(project));
    keystrokes(&mut h, BASIC, "6");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().focused_cell(), Some(basic_loc()));
    assert_eq!(basic(h.state().document()), money("6"));
}

#[test]
fn an_amount_with_too_many_decimals_shows_every_digit_and_names_its_cell() {
    let mut doc = sample();
    doc.budget_lines[0].set_amount(G, Basic, money("12.345"));
    let mut h = budget_page(doc, None);
    assert_eq!(h.get_by_label(BASIC).value().as_deref(), Some("12.345"));
    let f = h
        .state()
        .computed()
        .findings
        .iter()
        .find(|f| f.rule == "A01")
        .cloned()
        .unwrap();
    assert!(f.message.contains("2013350 事业运行"), "{}", f.message);
    assert!(f.message.contains("基本支出"), "{}", f.message);
    assert!(!f.message.contains("收支预算"), "{}", f.message);
    h.run();
}

#[test]
fn indicator_findings_never_quote_an_empty_field() {
    let mut doc = sample();
    doc.projects[0].indicators = vec![yusuan::model::ProjectIndicator {
        level1: Some(yusuan::model::Level1::Output),
        ..Default::default()
    }];
    let catalog = yusuan::catalogs::nearest(2021);
    let findings = yusuan::rules::check(&doc, &catalog);
    let ind: Vec<_> = findings
        .iter()
        .filter(|f| {
            matches!(
                f.location.field,
                Some(Field::Indicator {
                    column: IndicatorColumn::Level2 | IndicatorColumn::Value,
                    ..
                })
            )
        })
        .collect();
    assert!(!ind.is_empty());
    for f in ind {
        assert!(!f.message.contains("“”"), "{}", f.message);
        assert!(f.message.contains("第1行指标"), "{}", f.message);
    }
}

#[test]
fn the_summary_shows_no_change_without_a_prior_total() {
    let mut h = harness_for(App::new_with(sample(), None));
    h.run();
    assert!(
        h.query_by_label_contains("上年预算总额未填，无法比较")
            .is_some()
    );
}

#[test]
fn a_blank_document_prints_no_broken_sentences() {
    let doc = yusuan::ui::blank_document(2021);
    let catalog = yusuan::catalogs::nearest(2021);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("blank.pdf");
    let parts = yusuan::narrative::parts(&doc, &catalog);
    yusuan::export::pdf(&doc, parts, &Default::default(), &pdf).unwrap();
    let text = support::pdf_text(&pdf);
    for broken in ["共0个", "包括：。", "总编制人数0人"] {
        assert!(!text.contains(broken), "{broken} in the PDF");
    }
    assert!(text.contains("本部门暂未提供此项信息。"));
    assert!(!text.contains("（未填写）"));
    // And the rules say what is missing.
    let findings = yusuan::rules::check(&doc, &catalog);
    for missing in ["主要职能", "预算单位构成", "编制人数"] {
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "R03" && f.message.contains(missing)),
            "R03 for {missing}"
        );
    }
}

#[cfg(unix)]
#[test]
fn saved_files_are_readable_by_colleagues_and_keep_a_replaced_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // What this process's umask makes of 0666, as any program's new file.
    let probe = dir.path().join("probe");
    std::fs::File::create(&probe).unwrap();
    let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let path = dir.path().join("t.ron");
    yusuan::io::save(&path, &sample()).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), usual);
    assert_ne!(mode(&path), 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    yusuan::io::save(&path, &sample()).unwrap();
    assert_eq!(mode(&path), 0o640);
    let pdf = dir.path().join("t.pdf");
    let catalog = yusuan::catalogs::nearest(2021);
    let doc = sample();
    yusuan::export::pdf(
        &doc,
        yusuan::narrative::parts(&doc, &catalog),
        &Default::default(),
        &pdf,
    )
    .unwrap();
    assert_eq!(mode(&pdf), usual);
}

#[test]
fn cross_table_findings_point_at_a_cell_to_fix() {
    let mut doc = sample();
    doc.basic_by_economic = vec![yusuan::model::EconomicLine {
        code: yusuan::model::EconomicCode::new("30101"),
        name: "基本工资".into(),
        bucket: yusuan::model::CostBucket::Personnel,
        amount: money("1"),
        prior: None,
    }];
    doc.projects[0].set_amount(yusuan::model::FundSource::GeneralBudget, money("1"));
    let catalog = yusuan::catalogs::nearest(2021);
    let findings = yusuan::rules::check(&doc, &catalog);
    let at = |rule: &str| findings.iter().find(|f| f.rule == rule).map(|f| f.location);
    assert_eq!(
        at("X01"),
        Some(Location::cell(Sheet::Economic, 0, Field::Value))
    );
    let x02 = at("X02").unwrap();
    assert_eq!(x02.sheet, Sheet::Project(0));
    assert!(x02.field.is_some());
    // Clicking it focuses that cell.
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut().queue(Command::Focus(at("X01").unwrap()));
    h.run();
    h.run();
    h.run();
    assert_eq!(h.state().focused_cell(), at("X01"));
}

#[test]
fn no_two_findings_of_the_example_read_the_same() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");
    let doc = yusuan::io::load(std::path::Path::new(example)).unwrap();
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let shown: Vec<String> = yusuan::rules::check(&doc, &catalog)
        .iter()
        .map(|f| f.to_string())
        .collect();
    let mut unique = shown.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), shown.len(), "{shown:#?}");
}

/// Issue 21: 文件 → 新建 asked nothing and made 新部门 with the year of
/// whatever was open (2021), 武汉 2021, 万元. Now a dialog asks, and its
/// defaults follow the template (上海 → 元) and the budget year (附件3's
/// 近两年 rows are the two years before it).
#[test]
fn new_asks_and_its_defaults_follow_the_template() {
    let mut h = harness_for(App::new_with(sample(), None));
    h.state_mut().queue(Command::New);
    h.run();
    assert!(h.query_by_label("新建预算文件").is_some(), "no dialog");
    // Nothing changes until the dialog is confirmed.
    assert_eq!(h.state().document().meta.dept_name, "测试部门");
    h.get_by_label("部门（单位）名称").focus();
    h.run();
    h.get_by_label("部门（单位）名称").type_text("某区财政局");
    h.run();
    h.get_by_label("新建文件的模板").click();
    h.run();
    // Each template shows its region, year and table count.
    h.get_by_label("上海 2025  上海市 2025  9 张表").click();
    h.run();
    assert!(h.query_by_label("（模板默认）").is_some());
    h.get_by_label("新建").click();
    h.run();
    let d = h.state().document();
    let year = yusuan::start::budget_year_now();
    assert_eq!(d.meta.dept_name, "某区财政局");
    assert_eq!(d.meta.year, year);
    assert!(year >= 2027);
    assert_eq!(d.meta.template, yusuan::template::Template::Shanghai2025);
    assert_eq!(d.meta.unit, yusuan::model::MoneyUnit::Yuan);
    let prior: Vec<i32> = d.performance.prior_years.iter().map(|p| p.year).collect();
    assert_eq!(prior, [year - 1, year - 2]);
    assert!(d.budget_lines.is_empty() && !h.state().is_dirty());
}

fn set_meta(
    h: &mut Harness<'static, App>,
    name: yusuan::location::FieldName,
    v: yusuan::ui::Value,
) {
    h.state_mut().queue(Command::Edit {
        edit: yusuan::ui::Edit::Set(vec![(
            Location::cell(Sheet::Meta, 0, Field::Named(name)),
            v,
        )]),
        typing: None,
    });
    h.run();
}

/// Issue 21: changing 预算年度 to 2027 left 附件3's 近两年 rows at 2020/2019
/// (Y02 for a value the app could set); switching an empty document to
/// 上海 left it in 万元.
#[test]
fn empty_rows_follow_the_year_and_an_empty_document_the_templates_unit() {
    use yusuan::location::FieldName;
    let mut doc = yusuan::ui::blank_document(2021);
    doc.meta.dept_name = "某局".into();
    doc.performance.prior_years[1].income_fiscal = money("5");
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    set_meta(&mut h, FieldName::Year, yusuan::ui::Value::Number(2027));
    let years: Vec<i32> = h
        .state()
        .document()
        .performance
        .prior_years
        .iter()
        .map(|p| p.year)
        .collect();
    // The empty row follows; the one with a figure keeps its year for the user to check.
    assert_eq!(years, [2026, 2019]);
    set_meta(
        &mut h,
        FieldName::Template,
        yusuan::ui::Value::Template(yusuan::template::Template::Shanghai2025),
    );
    assert_eq!(
        h.state().document().meta.unit,
        yusuan::model::MoneyUnit::Yuan
    );
    // With figures entered, the unit is the user's: the template does not relabel them.
    let mut h = harness_for(App::new_with(sample(), None));
    h.run();
    set_meta(
        &mut h,
        FieldName::Template,
        yusuan::ui::Value::Template(yusuan::template::Template::Shanghai2025),
    );
    assert_eq!(
        h.state().document().meta.unit,
        yusuan::model::MoneyUnit::WanYuan
    );
}

/// The 新建 dialog opens ready for typing: the name goes into its field
/// without a click first.
#[test]
fn new_dialog_takes_the_keyboard() {
    let mut h = harness_for(App::new_with(sample(), None));
    h.state_mut().queue(Command::New);
    h.run();
    h.run();
    h.event(egui::Event::Text("某局".into()));
    h.run();
    assert!(
        h.query_all_by_value("某局").next().is_some(),
        "typed text did not reach the name field"
    );
}

/// The focused widget's label and box, if any widget has focus.
fn focused_node(h: &Harness<'static, App>) -> Option<(String, egui::Rect)> {
    let by = egui_kittest::kittest::by().predicate(|n| n.is_focused());
    let n = h.query_all(by).next()?;
    let label = egui_kittest::kittest::NodeT::accesskit_node(&n)
        .label()
        .unwrap_or_default();
    Some((label, n.rect()))
}

/// True when a widget at `r` is in the sheet: not in the menu bar (top),
/// the side panel (left) or the 审核 panel (whose entries start at the
/// window's left edge, left of the sheet).
fn in_sheet(h: &Harness<'static, App>, r: egui::Rect) -> bool {
    let side = h.get_by_label("汇总").rect();
    r.center().y > 26.0 && r.left() > side.right() + 4.0
}

/// Presses Tab (with `modifiers`) and asserts the focus is still in the
/// sheet; the label of the widget it is on.
fn tab_in_sheet(h: &mut Harness<'static, App>, modifiers: Modifiers, what: &str) -> String {
    h.key_press_modifiers(modifiers, Key::Tab);
    h.run();
    let at = focused_node(h);
    match at {
        Some((label, r)) if in_sheet(h, r) => label,
        other => panic!("{what} left the sheet: {other:?}"),
    }
}

/// Focuses the first text cell of the sheet shown.
fn focus_first_cell(h: &mut Harness<'static, App>, what: &str) {
    let first = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| in_sheet(h, n.rect()))
        .unwrap_or_else(|| panic!("{what}: a text cell in the sheet"));
    first.focus();
    h.run();
}

/// Every sheet walked by Tab and Shift+Tab alone, well past its last
/// cell: the focus stays in the sheet (at its last cell), never reaching the
/// menu bar, the side panel or the 审核 panel.
#[test]
fn tab_walks_every_sheet_without_leaving_it() {
    let mut doc = yusuan::ui::example_document();
    doc.projects.truncate(1);
    let pages = [
        Sheet::Meta,
        Sheet::Overview,
        Sheet::Budget,
        Sheet::Economic,
        Sheet::ThreePublic,
        Sheet::Project(0),
        Sheet::Performance,
        Sheet::Other,
        Sheet::Glossary,
    ];
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    for sheet in pages {
        h.state_mut().queue(Command::Select(Page::Sheet(sheet)));
        h.run();
        focus_first_cell(&mut h, &sheet.label());
        let cells = h.get_all_by_role(egui::accesskit::Role::TextInput).count();
        for (modifiers, dir) in [(Modifiers::NONE, "Tab"), (Modifiers::SHIFT, "Shift+Tab")] {
            for step in 0..(cells + 6).min(90) {
                tab_in_sheet(
                    &mut h,
                    modifiers,
                    &format!("{}: {dir} #{step}", sheet.label()),
                );
            }
        }
    }
}

/// The path: on 附件3, choose a 一级指标 from its dropdown, then
/// Tab and Enter. Before, Tab walked into the menu bar (文件 … 撤销) and
/// Enter pressed 撤销, undoing the 填报人's last edit. Now Tab goes to the
/// next cell (二级指标) and Enter there changes nothing.
#[test]
fn tab_after_a_dropdown_choice_stays_in_the_sheet_and_enter_undoes_nothing() {
    let mut h = harness_for(App::new_with(yusuan::ui::example_document(), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Performance)));
    h.run();
    let combo = h
        .get_all_by_label_contains("指标1 一级指标")
        .next()
        .map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
        .expect("a 一级指标 dropdown")
        .unwrap_or_default();
    h.get_by_label(&combo).click_accesskit();
    h.run();
    h.run();
    h.query_all(
        egui_kittest::kittest::by()
            .label("满意度指标")
            .include_labels(),
    )
    .last()
    .expect("the option in the open list")
    .click();
    h.run();
    h.run();
    let chosen = h.state().document().clone();
    assert_ne!(
        chosen.performance,
        yusuan::ui::example_document().performance,
        "the choice is an edit"
    );
    for _ in 0..4 {
        h.key_press(Key::Tab);
        h.run();
        let at = focused_node(&h);
        assert!(
            at.as_ref().is_some_and(|(_, r)| in_sheet(&h, *r)),
            "Tab left the sheet: {at:?}"
        );
    }
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().document(), &chosen, "Enter undid nothing");
}

/// A keyboard storm on every sheet (random Tab, Shift+Tab, Enter, Esc,
/// arrows, Alt+letters and typed text, starting in the sheet's first cell)
/// never changes the document except by steps that undo reverses: undoing
/// every step recorded gives back the document it started from. 40 keys per
/// sheet by default; `YUSUAN_KEY_STORM_CASES=N` for N.
#[test]
fn keyboard_storms_change_nothing_that_undo_does_not_reverse() {
    let keys: usize = std::env::var("YUSUAN_KEY_STORM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut doc = yusuan::ui::example_document();
    doc.projects.truncate(1);
    let start = doc.clone();
    let mut seed: u64 = 0x5eed_2021;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    for sheet in [
        Sheet::Meta,
        Sheet::Overview,
        Sheet::Budget,
        Sheet::Economic,
        Sheet::ThreePublic,
        Sheet::Project(0),
        Sheet::Performance,
        Sheet::Other,
        Sheet::Glossary,
    ] {
        h.state_mut().queue(Command::Select(Page::Sheet(sheet)));
        h.run();
        focus_first_cell(&mut h, &sheet.label());
        for _ in 0..keys {
            match next(9) {
                0 => h.key_press(Key::Tab),
                1 => h.key_press_modifiers(Modifiers::SHIFT, Key::Tab),
                2 => h.key_press(Key::Enter),
                3 => h.key_press(Key::Escape),
                4 => h.key_press(
                    [
                        Key::ArrowUp,
                        Key::ArrowDown,
                        Key::ArrowLeft,
                        Key::ArrowRight,
                    ][next(4) as usize],
                ),
                5 => h.key_press_modifiers(
                    Modifiers::ALT,
                    [Key::F, Key::E, Key::Z, Key::Enter][next(4) as usize],
                ),
                _ => h.event(egui::Event::Text(
                    ["7", "x", "初中", "-1", " ", "0.5"][next(6) as usize].into(),
                )),
            }
            h.run();
        }
    }
    h.key_press(Key::Escape);
    h.run();
    // Anything still typed goes in as a step of its own.
    h.state_mut().queue(Command::Select(Page::Summary));
    h.run();
    let steps = h.state().undo_steps();
    assert!(steps > 0, "the storm typed into cells");
    for _ in 0..steps {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        h.state().document(),
        &start,
        "undoing the {steps} steps gives back the document"
    );
}

/// Issue 21: a long indicator grid (40 indicators on a project's
/// 项目支出绩效目标表 and on a 年度目标 of the 部门整体 form, taller than the
/// window) walked by Tab alone from the sheet's first cell to its bottom:
/// every 一级指标 and 二级指标 dropdown is visited, and the focus never
/// leaves the sheet. Before, the rows below the window were not drawn, so
/// they were not in the sheet's Tab order and Tab jumped past them.
#[test]
fn tab_walks_a_long_scrolled_indicator_grid_through_every_dropdown() {
    const N: usize = 40;
    let mut doc = yusuan::ui::example_document();
    doc.projects.truncate(1);
    fn copies<T: Clone>(first: &T, name: fn(&mut T) -> &mut String) -> Vec<T> {
        (0..N)
            .map(|i| {
                let mut x = first.clone();
                *name(&mut x) = format!("指标名{i}");
                x
            })
            .collect()
    }
    let p = &mut doc.projects[0];
    p.indicators = copies(&p.indicators[0], |x| &mut x.name);
    let goal = &mut doc.performance.annual_goals[0];
    goal.indicators = copies(&goal.indicators[0], |x| &mut x.name);
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    for (sheet, prefix) in [(Sheet::Project(0), ""), (Sheet::Performance, "年度目标1")] {
        h.state_mut().queue(Command::Select(Page::Sheet(sheet)));
        h.run();
        focus_first_cell(&mut h, &sheet.label());
        let want: Vec<String> = (1..=N)
            .flat_map(|i| ["一级指标", "二级指标"].map(|l| format!("{prefix}指标{i} {l}")))
            .collect();
        let mut seen = std::collections::HashSet::new();
        for step in 0..600 {
            if want.iter().all(|w| seen.contains(w)) {
                break;
            }
            let at = tab_in_sheet(
                &mut h,
                Modifiers::NONE,
                &format!("{}: Tab #{step}", sheet.label()),
            );
            seen.insert(at);
        }
        for w in &want {
            assert!(seen.contains(w), "{}: Tab never reached {w}", sheet.label());
        }
    }
}
