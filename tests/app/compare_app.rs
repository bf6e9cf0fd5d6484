//! 文件 → 与另一版本对比… in the app (egui_kittest): the list of changes,
//! jumping to a changed cell and to a moved 合计, read-only while
//! comparing, and ending the comparison without touching either file.

use crate::support;

use egui_kittest::kittest::Queryable;
use std::path::Path;
use support::app::harness_for;
use yusuan::location::Sheet;
use yusuan::model::{FundSource, SpendingKind};
use yusuan::ui::{App, Command, Page};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");

#[test]
fn comparing_lists_changes_jumps_to_them_and_ends_without_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old_path = dir.path().join("第一稿.ron");
    let new_path = dir.path().join("第二稿.ron");
    std::fs::copy(EXAMPLE, &old_path).expect("copy");
    let mut new = yusuan::io::load(Path::new(EXAMPLE)).expect("example");
    let key = (FundSource::GeneralBudget, SpendingKind::Basic);
    new.budget_lines[0]
        .amounts
        .insert(key, yusuan::money::parse_stored("312.36").expect("amount"));
    new.projects[1].purpose = "发放群众投诉热线及数字城管工作聘用人员工资".into();
    yusuan::io::save(&new_path, &new).expect("save");
    let before = (
        std::fs::read(&old_path).expect("read"),
        std::fs::read(&new_path).expect("read"),
    );

    let mut app = App::new_with(new.clone(), Some(new_path.clone()));
    app.queue(Command::CompareWith(old_path.clone()));
    let mut h = harness_for(app);
    h.run();
    let diff = h.state().comparison().expect("comparing").clone();
    assert_eq!(diff.changes.len(), 2, "{:#?}", diff.changes);
    assert!(h.state().is_read_only(), "read-only while comparing");
    assert!(h.query_by_label_contains("与另一版本对比").is_some());
    assert!(h.query_by_label_contains("旧版本：").is_some());

    // The figure: its link jumps to the cell.
    h.get_by_label_contains("【收支预算】2013350 事业运行")
        .click();
    for _ in 0..4 {
        h.run();
    }
    // Read-only cells take no keyboard focus: the jump selects the sheet
    // and scrolls the row into view, where the cell is drawn outlined.
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Budget));
    assert!(
        h.query_by_label("2013350 事业运行 一般公共预算拨款 基本支出")
            .is_some()
    );

    // The text change, with the deleted words in the list.
    h.get_by_label_contains("发放群众投诉热线、市长专线及数字城管")
        .click();
    for _ in 0..4 {
        h.run();
    }
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Project(1)));

    // A moved 合计: its link opens the table.
    let moved = diff
        .derived
        .iter()
        .find(|d| matches!(d.location.sheet, Sheet::Table(_)))
        .expect("a table cell moved");
    h.get_all_by_label_contains(&moved.place)
        .next()
        .expect("listed")
        .click();
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(h.state().page(), Page::Sheet(moved.location.sheet));

    // Every sheet draws with the marks on.
    for p in [
        Sheet::Meta,
        Sheet::Overview,
        Sheet::Economic,
        Sheet::Performance,
        Sheet::Table(2),
    ] {
        h.state_mut().queue(Command::Select(Page::Sheet(p)));
        h.run();
    }

    // 审阅模式 cannot be switched off underneath the comparison.
    h.state_mut().queue(Command::ToggleReview);
    h.run();
    assert!(h.state().is_read_only());
    assert!(h.state().comparison().is_some());

    h.get_by_label("结束对比").click();
    h.run();
    assert!(h.state().comparison().is_none());
    assert!(!h.state().is_read_only());
    assert!(!h.state().is_dirty());
    assert_eq!(
        (
            std::fs::read(&old_path).expect("read"),
            std::fs::read(&new_path).expect("read")
        ),
        before,
        "neither file is touched"
    );
}

#[test]
fn an_unreadable_other_version_is_a_message_and_no_comparison() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(format_version: 1").expect("write");
    let doc = yusuan::io::load(Path::new(EXAMPLE)).expect("example");
    let mut app = App::new_with(doc, None);
    app.queue(Command::CompareWith(broken));
    let mut h = harness_for(app);
    h.run();
    assert!(h.state().comparison().is_none());
    assert!(h.state().dialog_open());
    assert!(!h.state().is_read_only());
}

#[test]
fn the_menu_offers_the_comparison_and_falls_back_to_a_path_field() {
    let doc = yusuan::io::load(Path::new(EXAMPLE)).expect("example");
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.run();
    h.get_by_label_contains("与另一版本对比").click();
    h.run();
    h.run();
    // No dialog service in tests: the path field, titled for the purpose.
    assert!(
        h.query_by_label_contains("未能打开系统文件对话框")
            .is_some()
    );
    assert!(h.query_by_label("与另一版本对比").is_some());
}
