//! Switching the template on the 基本信息 page (egui_kittest, headless):
//! the previews re-render in the new template's tables and units while the
//! entered figures stay exactly as they were.

use crate::support;

use egui_kittest::kittest::Queryable;
use support::app::harness_for;
use yusuan::location::Sheet;
use yusuan::template::Template;
use yusuan::ui::{App, Command, Page};

#[test]
fn switching_template_rerenders_previews_without_touching_figures() {
    let text = include_str!("../../examples/qingshan-2021.ron");
    let doc = yusuan::io::from_str(text).expect("example");
    let mut h = harness_for(App::new_with(doc.clone(), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Meta)));
    h.run();
    // Choose 上海 2025 in the 公开模板 box, as a user would.
    h.get_by_label("选择公开模板").click();
    h.run();
    h.get_by_label("上海 2025").click();
    h.run();
    let after = h.state().document().clone();
    assert_eq!(after.meta.template, Template::Shanghai2025);
    assert_eq!(after.budget_lines, doc.budget_lines);
    assert_eq!(after.basic_by_economic, doc.basic_by_economic);
    assert_eq!(after.three_public, doc.three_public);
    assert_eq!(after.projects, doc.projects);
    // The previews are now the 上海 tables: nine, 表7 the empty 国有资本 one.
    let tables = &h.state().computed().derived.tables;
    assert_eq!(tables.len(), 9);
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Table(7))));
    h.run();
    h.get_by_label("7.青山区大数据中心2021年国有资本经营预算支出功能分类预算表");
    h.get_by_label_contains("故本表为空表");
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Table(9))));
    h.run();
    h.get_by_label("单位：万元");
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Table(2))));
    h.run();
    // 万元 entered, 元 printed, whole yuan with separators: 1037.60 万元.
    h.get_by_label("单位：元");
    assert!(h.query_all_by_label("10,376,000").count() >= 2);
    // And back: the 武汉 2021 table list again.
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Meta)));
    h.run();
    h.get_by_label("选择公开模板").click();
    h.run();
    h.get_by_label("武汉 2021").click();
    h.run();
    assert_eq!(h.state().computed().derived.tables.len(), 8);
    assert_eq!(h.state().document().budget_lines, doc.budget_lines);
}

/// Issue 21: the 上海 2025 template prints no 附件3, yet the side panel
/// listed it; switching to 上海 removes the page, switching back restores it.
#[test]
fn the_side_panel_lists_only_what_the_template_prints() {
    let has_dept_form = |h: &egui_kittest::Harness<'static, App>| {
        h.state()
            .pages()
            .iter()
            .any(|p| p.page == Page::Sheet(Sheet::Performance))
    };
    let sh =
        yusuan::io::from_str(include_str!("../../examples/shanghai-2025.ron")).expect("example");
    let mut h = harness_for(App::new_with(sh, None));
    h.run();
    assert!(!has_dept_form(&h));
    let wh =
        yusuan::io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example");
    let mut h = harness_for(App::new_with(wh, None));
    h.run();
    assert!(has_dept_form(&h));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Meta)));
    h.run();
    h.get_by_label("选择公开模板").click();
    h.run();
    h.get_by_label("上海 2025").click();
    h.run();
    assert!(!has_dept_form(&h));
}

/// Issue 21: 上海 2025 prints no 项目支出绩效目标表, so a project's goals
/// and indicators are kept but marked 不公开，仅内部使用 on its page (and
/// 填报人 on 基本信息); 武汉 2021, which prints the form, marks nothing.
#[test]
fn unpublished_project_parts_are_marked_internal() {
    let marks = |file: &str, page: Sheet| {
        let doc = yusuan::io::from_str(file).expect("example");
        let mut h = harness_for(App::new_with(doc, None));
        h.state_mut().queue(Command::Select(Page::Sheet(page)));
        h.run();
        h.query_all_by_label(yusuan::template::NOT_PUBLISHED)
            .count()
    };
    let sh = include_str!("../../examples/shanghai-2025.ron");
    let wh = include_str!("../../examples/qingshan-2021.ron");
    assert!(marks(sh, Sheet::Project(0)) >= 3);
    assert_eq!(marks(wh, Sheet::Project(0)), 0);
    assert_eq!(marks(sh, Sheet::Meta), 3);
    assert_eq!(marks(wh, Sheet::Meta), 0);
}

/// Issue 21: the 项目起止时间 example follows the 预算年度 (it said 2021
/// in a 2027 document).
#[test]
fn project_dates_hint_follows_the_budget_year() {
    let mut doc =
        yusuan::io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example");
    doc.meta.year = 2027;
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Project(0))));
    h.run();
    h.get_by_label("如 2027-01 至 2027-12");
    assert!(h.query_by_label("如 2021-01 至 2021-12").is_none());
}

/// Issue 21: an empty document's 汇总 draws no chart with a −1…1 axis but
/// says why there is none.
#[test]
fn an_empty_summary_shows_no_chart() {
    let doc = yusuan::ui::blank_document(2027);
    let mut h = harness_for(App::new_with(doc, None));
    h.state_mut().queue(Command::Select(Page::Summary));
    h.run();
    h.get_by_label_contains("尚无支出数字");
}
